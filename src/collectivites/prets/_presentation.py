"""Descriptions (tables) des résultats de prêt : tableau d'amortissement, en-tête d'une ligne
et d'un prêt, changement d'index, remboursement anticipé. Chaque description est enregistrée
pour sa classe (:func:`collectivites.presentation.decrit`) : ce module importe les résultats,
aucun résultat ne l'importe."""

from __future__ import annotations

from typing import Any

from collectivites.monnaie import formater_montant
from collectivites.presentation import decrit
from collectivites.prets._changement_index import ResultatChangementIndex
from collectivites.prets._modeles import LigneDePret, Pret
from collectivites.prets._remboursement import ResultatRemboursement
from collectivites.prets._tableau import TableauAmortissement
from collectivites.tables import Document, Fait, Genre, Graphique, Table, colonnes, faits
from collectivites.taux import formater_taux

__all__ = [
    "decrire_changement_index",
    "decrire_ligne",
    "decrire_pret",
    "decrire_remboursement",
    "decrire_tableau",
    "faits_ligne",
    "table_echeances",
    "titre_ligne",
]

_MONTANT_TOTAL: dict[str, Any] = {"total": True}


def titre_ligne(ligne: LigneDePret) -> str:
    """« Ligne 5165325 — PLUS — contrat n° 57851 »."""
    morceaux = [f"Ligne {ligne.identifiant}" if ligne.identifiant else "Ligne du prêt"]
    if ligne.produit:
        morceaux.append(ligne.produit)
    if ligne.contrat:
        morceaux.append(f"contrat n° {ligne.contrat}")
    return " — ".join(morceaux)


#: Libellés des index livrés ou connus (à l'écran ; les fichiers gardent le code).
LIBELLES_INDEX = {
    "livret_a": "Livret A",
    "lep": "LEP",
    "inflation": "inflation",
    "euribor": "Euribor",
    "fixe": "taux fixe",
}


def libelle_index(code: str) -> str:
    """« Livret A » pour ``livret_a`` ; un index de greffon garde son code."""
    return LIBELLES_INDEX.get(code, code)


def faits_ligne(ligne: LigneDePret) -> tuple[Fait, ...]:
    """Les caractéristiques d'une ligne (art. 9)."""
    return faits(
        ("identifiant", "Ligne", ligne.identifiant, Genre.TEXTE),
        ("contrat", "Contrat", ligne.contrat, Genre.TEXTE),
        ("produit", "Produit", ligne.produit, Genre.TEXTE),
        ("emprunteur", "Emprunteur", ligne.emprunteur, Genre.TEXTE),
        ("montant", "Montant de la ligne", ligne.montant, Genre.MONTANT),
        ("duree", "Nombre d'échéances", ligne.duree, Genre.ENTIER),
        ("periodicite", "Périodicité", ligne.periodicite, Genre.CODE),
        ("index_ligne", "Index de la ligne", ligne.index, Genre.TEXTE),
        (
            "valeur_index_reference",
            "Valeur de l'index à l'émission",
            ligne.valeur_index_reference,
            Genre.TAUX,
        ),
        ("marge", "Marge", ligne.marge, Genre.TAUX),
        ("taux_interet", "Taux d'intérêt", ligne.taux_interet, Genre.TAUX),
        ("revision", "Révision", ligne.revision, Genre.CODE),
        (
            "constante_revision",
            "Constante de révision C (R = 1 + DT/C)",
            ligne.constante_revision,
            Genre.NOMBRE,
        ),
        ("taux_progressivite", "Taux de progressivité", ligne.taux_progressivite, Genre.TAUX),
        ("profil", "Profil d'amortissement", ligne.profil, Genre.CODE),
        (
            "mode_calcul_interets",
            "Mode de calcul des intérêts",
            ligne.mode_calcul_interets,
            Genre.CODE,
        ),
        ("base_calcul", "Base de calcul", ligne.base_calcul, Genre.CODE),
    )


def table_echeances(tableau: TableauAmortissement, *, cle: str = "echeances") -> Table:
    """Les échéances ; les colonnes de remboursement anticipé n'apparaissent que s'il y en a."""
    specs: list[tuple[Any, ...]] = [
        ("numero", "N°", Genre.ENTIER),
        ("date", "Date d'échéance", Genre.DATE),
        ("taux", "Taux", Genre.TAUX, {"decimales": 4}),
        ("echeance", "Échéance", Genre.MONTANT, _MONTANT_TOTAL),
        ("amortissement", "Amortissement", Genre.MONTANT, _MONTANT_TOTAL),
        ("interets", "Intérêts", Genre.MONTANT, _MONTANT_TOTAL),
        ("interets_a_differer", "Intérêts à différer", Genre.MONTANT, _MONTANT_TOTAL),
        ("capital_du", "Capital dû après remboursement", Genre.MONTANT),
        ("stock_interets_differes", "Stock d'intérêts différés", Genre.MONTANT),
    ]
    champs = [s[0] for s in specs]
    anticipes = any(r.remboursement_anticipe for r in tableau.lignes)
    if anticipes:
        specs += [
            ("remboursement_anticipe", "Remboursement anticipé", Genre.MONTANT, _MONTANT_TOTAL),
            (
                "interets_differes_rembourses",
                "Intérêts différés remboursés",
                Genre.MONTANT,
                _MONTANT_TOTAL,
            ),
        ]
        champs += ["remboursement_anticipe", "interets_differes_rembourses"]
    return Table(
        cle=cle,
        graphique=Graphique(
            titre=f"Profil de la {tableau.ligne.nom}",
            abscisse="date",
            barres=("amortissement", "interets"),
            courbes=("capital_du",),
        ),
        titre=f"Ligne {tableau.ligne.identifiant}" if tableau.ligne.identifiant else "Échéances",
        colonnes=colonnes(*specs),
        lignes=tuple(tuple(getattr(r, c) for c in champs) for r in tableau.lignes),
    )


@decrit(TableauAmortissement)
def decrire_tableau(tableau: TableauAmortissement) -> Document:
    """En-tête, échéances, totaux et hypothèses d'un tableau."""
    ligne = tableau.ligne
    entete = [
        Fait(cle="identifiant", libelle="Ligne", valeur=ligne.identifiant),
        Fait(cle="contrat", libelle="Contrat", valeur=ligne.contrat),
        Fait(cle="produit", libelle="Produit", valeur=ligne.produit),
        Fait(cle="capital", libelle="Capital", valeur=tableau.capital, genre=Genre.MONTANT),
        Fait(
            cle="caracteristiques",
            libelle="Caractéristiques",
            valeur=(
                f"{ligne.duree} échéances {ligne.periodicite.libelle}s · "
                f"{libelle_index(ligne.index)} + "
                f"{formater_taux(ligne.marge)} = {formater_taux(ligne.taux_interet)} · "
                f"{ligne.revision.libelle} · progressivité "
                f"{formater_taux(ligne.taux_progressivite)}"
            ),
        ),
        Fait(
            cle="profil",
            libelle="Profil",
            valeur=(
                f"{ligne.profil.libelle} · mode {ligne.mode_calcul_interets.libelle} · base "
                f"{ligne.base_calcul.libelle}"
            ),
        ),
        Fait(
            cle="date_debut_amortissement",
            libelle="Début d'amortissement",
            valeur=tableau.date_debut_amortissement,
            genre=Genre.DATE,
        ),
        Fait(
            cle="interets_prefinancement",
            libelle="Intérêts de préfinancement"
            + (f" ({ligne.prefinancement.reglement.libelle})" if ligne.prefinancement else ""),
            valeur=tableau.interets_prefinancement if ligne.prefinancement else None,
            genre=Genre.MONTANT,
        ),
        Fait(cle="index", libelle="Index", valeur=tableau.index),
    ]
    return Document(
        titre=titre_ligne(ligne),
        cle=ligne.identifiant,
        faits=tuple(entete),
        tables=(table_echeances(tableau),),
        hypotheses=tableau.hypotheses,
    )


@decrit(LigneDePret)
def decrire_ligne(ligne: LigneDePret) -> Document:
    """Les caractéristiques d'une ligne (art. 9)."""
    return Document(titre=titre_ligne(ligne), cle=ligne.identifiant, faits=faits_ligne(ligne))


@decrit(Pret)
def decrire_pret(pret: Pret) -> Document:
    """Un prêt : en-tête, garants, une ligne par ligne du prêt."""
    garants = "; ".join(f"{g.nom} : {formater_taux(g.quotite)}" for g in pret.garants)
    titre = " — ".join(
        x for x in (f"Prêt n° {pret.numero}" if pret.numero else "Prêt", pret.emprunteur) if x
    )
    return Document(
        titre=titre,
        cle=pret.numero,
        faits=faits(
            ("numero", "Contrat", pret.numero, Genre.TEXTE),
            ("emprunteur", "Emprunteur", pret.emprunteur, Genre.TEXTE),
            ("montant", "Montant", pret.montant, Genre.MONTANT),
            ("garants", "Garants", garants, Genre.TEXTE),
        ),
        tables=(
            Table(
                cle="lignes",
                titre="Lignes du prêt",
                colonnes=colonnes(
                    ("identifiant", "Ligne", Genre.TEXTE),
                    ("produit", "Produit", Genre.TEXTE),
                    ("montant", "Montant", Genre.MONTANT, {"total": True}),
                    ("duree", "Échéances", Genre.ENTIER),
                    ("periodicite", "Périodicité", Genre.CODE),
                    ("index", "Index", Genre.TEXTE),
                    ("taux_interet", "Taux", Genre.TAUX),
                    ("revision", "Révision", Genre.CODE),
                    ("profil", "Profil", Genre.CODE),
                ),
                lignes=tuple(
                    (
                        x.identifiant,
                        x.produit,
                        x.montant,
                        x.duree,
                        x.periodicite,
                        libelle_index(x.index),
                        x.taux_interet,
                        x.revision,
                        x.profil,
                    )
                    for x in pret.lignes
                ),
            ),
        ),
        hypotheses=pret.hypotheses,
    )


@decrit(ResultatChangementIndex)
def decrire_changement_index(resultat: ResultatChangementIndex) -> Document:
    """Dates, commission et tableau après changement."""
    return Document(
        titre=f"Changement d'index — {titre_ligne(resultat.tableau.ligne)}",
        faits=faits(
            ("date_demande", "Demande reçue le", resultat.date_demande, Genre.DATE),
            ("date_changement", "Changement à l'échéance du", resultat.date_changement, Genre.DATE),
            ("reporte", "Reporté à l'échéance suivante", resultat.reporte, Genre.BOOLEEN),
            (
                "capital_restant_du",
                "Capital restant dû",
                resultat.capital_restant_du,
                Genre.MONTANT,
            ),
            ("commission", "Commission (0,03 %)", resultat.commission, Genre.MONTANT),
            ("index", "Index", resultat.tableau.index, Genre.TEXTE),
        ),
        tables=(table_echeances(resultat.tableau),),
        hypotheses=resultat.tableau.hypotheses,
    )


@decrit(ResultatRemboursement)
def decrire_remboursement(resultat: ResultatRemboursement) -> Document:
    """Calendrier, montants, indemnité, puis le tableau après remboursement."""
    sans_courbe = (
        "Indemnité actuarielle non calculée (aucune courbe zéro-coupon donnée) : le total à "
        f"verser, {formater_montant(resultat.total)} €, ne la comprend pas. Pour la calculer : "
        "une courbe zéro-coupon en CSV (maturite_ans,taux), option --courbe en ligne de "
        "commande, courbe= en Python."
    )
    return Document(
        titre=(
            f"Remboursement anticipé volontaire — {titre_ligne(resultat.ligne)} — "
            f"le {resultat.calendrier.date:%d/%m/%Y}"
        ),
        faits=_faits_remboursement(resultat),
        tables=(table_echeances(resultat.tableau_apres, cle="tableau_apres"),),
        hypotheses=(
            *(() if resultat.indemnite is not None else (sans_courbe,)),
            *resultat.tableau_apres.hypotheses,
        ),
    )


def _faits_remboursement(resultat: ResultatRemboursement) -> tuple[Fait, ...]:
    c = resultat.calendrier
    return faits(
        ("ligne", "Ligne", resultat.ligne.identifiant, Genre.TEXTE),
        ("date", "Date du remboursement", c.date, Genre.DATE),
        (
            "demande_au_plus_tard",
            "Demande à notifier au plus tard (préavis de 45 jours)",
            c.demande_au_plus_tard,
            Genre.DATE,
        ),
        ("date_calcul", "Calcul des sommes dues (40 jours avant)", c.date_calcul, Genre.DATE),
        (
            "envoi_indemnite",
            "Envoi de l'indemnité par le prêteur (35 jours avant)",
            c.envoi_indemnite,
            Genre.DATE,
        ),
        (
            "confirmation_au_plus_tard",
            "Confirmation au plus tard (5 jours après réception)",
            c.confirmation_au_plus_tard,
            Genre.DATE,
        ),
        (
            "fonds_au_plus_tard",
            "Fonds à verser au plus tard (deux mois avant)",
            c.fonds_au_plus_tard,
            Genre.DATE,
        ),
        ("capital_restant_du", "Capital restant dû", resultat.capital_restant_du, Genre.MONTANT),
        ("capital_rembourse", "Capital remboursé", resultat.capital_rembourse, Genre.MONTANT),
        ("interets_courus", "Intérêts courus non échus", resultat.interets_courus, Genre.MONTANT),
        (
            "interets_differes_dus",
            "Intérêts différés dus",
            resultat.interets_differes_dus,
            Genre.MONTANT,
        ),
        (
            "valeur_de_marche",
            "Valeur de marché de la part remboursée",
            resultat.valeur_de_marche,
            Genre.MONTANT,
        ),
        ("indemnite", "Indemnité actuarielle", resultat.indemnite, Genre.MONTANT),
        (
            "total",
            "Total à verser" if resultat.indemnite is not None else "Total à verser hors indemnité",
            resultat.total,
            Genre.MONTANT,
        ),
    )
