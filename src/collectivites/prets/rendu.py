"""Rendus d'un tableau d'amortissement : texte, CSV, JSON, XLSX (extra ``xlsx``) et HTML."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from collectivites._rendu import (
    en_csv,
    en_html,
    en_json,
    en_octets,
    en_texte_aligne,
    nouveau_classeur,
)
from collectivites.erreurs import ErreurValeur
from collectivites.monnaie import formater_montant, montant_csv
from collectivites.prets.tableau import LigneTableau, TableauAmortissement
from collectivites.taux import formater_taux, taux_en_pourcentage

__all__ = [
    "COLONNES_CSV",
    "rendre_tableaux",
    "tableau_csv",
    "tableau_html",
    "tableau_json",
    "tableau_texte",
    "tableau_xlsx",
]

#: Colonnes du CSV, dans cet ordre.
COLONNES_CSV = (
    "numero",
    "date",
    "taux",
    "echeance",
    "amortissement",
    "interets",
    "interets_a_differer",
    "capital_du",
    "stock_interets_differes",
)

_ENTETES_TEXTE = (
    "N°",
    "Date",
    "Taux",
    "Échéance",
    "Amortissement",
    "Intérêts",
    "Intérêts à différer",
    "Capital dû",
    "Stock d'intérêts différés",
)


def _taux(valeur: Decimal) -> str:
    return str(taux_en_pourcentage(valeur))


def _ligne_csv(r: LigneTableau) -> list[str]:
    return [
        str(r.numero),
        r.date.isoformat(),
        _taux(r.taux),
        montant_csv(r.echeance),
        montant_csv(r.amortissement),
        montant_csv(r.interets),
        montant_csv(r.interets_a_differer),
        montant_csv(r.capital_du),
        montant_csv(r.stock_interets_differes),
    ]


def tableau_csv(tableau: TableauAmortissement) -> str:
    """CSV : colonnes :data:`COLONNES_CSV`, dates ISO, montants à deux décimales avec un point,
    taux en pourcentage."""
    return en_csv(COLONNES_CSV, [_ligne_csv(r) for r in tableau.lignes])


def _titre(tableau: TableauAmortissement) -> str:
    ligne = tableau.ligne
    morceaux = [f"Ligne {ligne.identifiant}" if ligne.identifiant else "Ligne du prêt"]
    if ligne.produit:
        morceaux.append(ligne.produit)
    if ligne.contrat:
        morceaux.append(f"contrat n° {ligne.contrat}")
    return " — ".join(morceaux)


def tableau_texte(tableau: TableauAmortissement) -> str:
    """Tableau lisible, montants à la française, avec en-tête, totaux et hypothèses."""
    ligne = tableau.ligne
    entete = [
        _titre(tableau),
        f"Capital : {formater_montant(tableau.capital)} €  ·  {ligne.duree} échéances "
        f"{ligne.periodicite.value}s  ·  {ligne.index} + {formater_taux(ligne.marge)} = "
        f"{formater_taux(ligne.taux_interet)}  ·  révision {ligne.revision.value}  ·  "
        f"progressivité {formater_taux(ligne.taux_progressivite)}",
        f"Profil : {ligne.profil.value}  ·  mode {ligne.mode_calcul_interets.value}, "
        f"base {ligne.base_calcul.value}  ·  début d'amortissement "
        f"{tableau.date_debut_amortissement.isoformat()}",
    ]
    if ligne.prefinancement is not None:
        entete.append(
            f"Intérêts de préfinancement : {formater_montant(tableau.interets_prefinancement)} € "
            f"({ligne.prefinancement.reglement.value})"
        )
    entete.append(f"Index : {tableau.index}")
    lignes = [
        [
            str(r.numero),
            r.date.isoformat(),
            formater_taux(r.taux),
            formater_montant(r.echeance),
            formater_montant(r.amortissement),
            formater_montant(r.interets),
            formater_montant(r.interets_a_differer),
            formater_montant(r.capital_du),
            formater_montant(r.stock_interets_differes),
        ]
        for r in tableau.lignes
    ]
    lignes.append(
        [
            "Total",
            "",
            "",
            formater_montant(tableau.total_echeances),
            formater_montant(tableau.total_amortissement),
            formater_montant(tableau.total_interets),
            formater_montant(tableau.total_interets_a_differer),
            "",
            "",
        ]
    )
    corps = en_texte_aligne(
        _ENTETES_TEXTE, lignes, a_droite=[True, False, True, True, True, True, True, True, True]
    )
    pied = "".join(f"Hypothèse : {h}\n" for h in tableau.hypotheses)
    return "\n".join(entete) + "\n\n" + corps + pied


def _en_dict(tableau: TableauAmortissement) -> dict[str, object]:
    ligne = tableau.ligne
    return {
        "identifiant": ligne.identifiant,
        "contrat": ligne.contrat,
        "produit": ligne.produit,
        "capital": montant_csv(tableau.capital),
        "interets_prefinancement": montant_csv(tableau.interets_prefinancement),
        "date_debut_amortissement": tableau.date_debut_amortissement.isoformat(),
        "index": tableau.index,
        "hypotheses": list(tableau.hypotheses),
        "echeances": [dict(zip(COLONNES_CSV, _ligne_csv(r), strict=True)) for r in tableau.lignes],
        "totaux": {
            "echeance": montant_csv(tableau.total_echeances),
            "amortissement": montant_csv(tableau.total_amortissement),
            "interets": montant_csv(tableau.total_interets),
            "interets_a_differer": montant_csv(tableau.total_interets_a_differer),
        },
    }


def tableau_json(tableau: TableauAmortissement) -> str:
    """JSON : en-tête de la ligne, échéances (mêmes champs que le CSV, en texte) et totaux."""
    return en_json(_en_dict(tableau))


def tableau_html(tableau: TableauAmortissement) -> str:
    """Tableau HTML (carnets Jupyter)."""
    return en_html(COLONNES_CSV, [_ligne_csv(r) for r in tableau.lignes], titre=_titre(tableau))


def tableau_xlsx(tableaux: Sequence[TableauAmortissement]) -> bytes:
    """Classeur XLSX, une feuille par ligne (montants numériques au format « 0.00 »)."""
    classeur = nouveau_classeur()
    for tableau in tableaux:
        feuille = classeur.create_sheet(title=(tableau.ligne.identifiant or "ligne")[:31])
        feuille.append(list(COLONNES_CSV))
        for r in tableau.lignes:
            feuille.append(
                [
                    r.numero,
                    r.date,
                    float(taux_en_pourcentage(r.taux)),
                    *(
                        float(v)
                        for v in (
                            r.echeance,
                            r.amortissement,
                            r.interets,
                            r.interets_a_differer,
                            r.capital_du,
                            r.stock_interets_differes,
                        )
                    ),
                ]
            )
        for colonne in "DEFGHI":
            for cellule in feuille[colonne][1:]:
                cellule.number_format = "0.00"
        for cellule in feuille["B"][1:]:
            cellule.number_format = "yyyy-mm-dd"
    return en_octets(classeur)


def rendre_tableaux(tableaux: Sequence[TableauAmortissement], format: str) -> str | bytes:
    """Rend plusieurs tableaux (les lignes d'un prêt) dans un format."""
    if format == "xlsx":
        return tableau_xlsx(tableaux)
    if format == "json":
        if len(tableaux) == 1:
            return tableau_json(tableaux[0])
        return en_json([_en_dict(t) for t in tableaux])
    if format == "csv":
        if len(tableaux) == 1:
            return tableau_csv(tableaux[0])
        raise ErreurValeur(
            "le CSV ne contient qu'une ligne de prêt : choisissez-la avec --ligne "
            f"({', '.join(t.ligne.identifiant for t in tableaux)})"
        )
    if format == "html":
        return "\n".join(tableau_html(t) for t in tableaux) + "\n"
    if format == "texte":
        return "\n".join(tableau_texte(t) for t in tableaux)
    raise ErreurValeur(f"format inconnu : « {format} » (attendu : texte, csv, json, xlsx, html)")
