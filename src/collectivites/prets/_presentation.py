"""Descriptions (tables) des résultats de prêt : tableau d'amortissement, en-tête d'une ligne,
hypothèses."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from collectivites.tables import Document, Fait, Genre, Graphique, Table, colonnes, faits
from collectivites.taux import formater_taux

if TYPE_CHECKING:
    from collectivites.prets._modeles import LigneDePret, Pret
    from collectivites.prets._tableau import TableauAmortissement

__all__ = ["decrire_tableau", "faits_ligne", "hypotheses_tableau", "table_echeances", "titre_ligne"]

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


def hypotheses_tableau(tableau: TableauAmortissement) -> tuple[str, ...]:
    """Les hypothèses d'un tableau, en clair."""
    ligne = tableau.ligne
    hypotheses = []
    if tableau.index_fige:
        hypotheses.append(
            f"Index figé à sa valeur de référence ({formater_taux(ligne.valeur_index_reference)}),"
            " comme le tableau prévisionnel de la CDC."
        )
    if ligne.versements:
        hypotheses.append(
            f"Versements réels ({len(ligne.versements)}) : capital réduit à leur somme (art. 8)."
        )
    elif ligne.prefinancement is not None:
        hypotheses.append(
            "Préfinancement : versement unique au début de la phase (hypothèse du tableau "
            "prévisionnel de la CDC)."
        )
    else:
        hypotheses.append(
            "Versement unique à la Date de Début de la Phase d'Amortissement (art. 12 : « calculée "
            "sur la base d'un Versement unique »)."
        )
    if ligne.constante_revision is not None:
        hypotheses.append(
            "Révision d'un prêt ancien : R = 1 + DT/C avec C = "
            f"{str(ligne.constante_revision).replace('.', ',')} (arrêté du prêt), "
            "I' = (1 + I) R − 1 (au moins 0 %), P' = (1 + P) R − 1."
        )
    return (*hypotheses, *tableau.notes)


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


def decrire_ligne(ligne: LigneDePret) -> Document:
    """Les caractéristiques d'une ligne (art. 9)."""
    return Document(titre=titre_ligne(ligne), cle=ligne.identifiant, faits=faits_ligne(ligne))


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
