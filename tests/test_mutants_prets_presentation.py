"""Tests de mutation de ``collectivites.prets._presentation`` : titre d'une ligne, libellés des
index, faits d'une ligne (art. 9), table des échéances (colonnes, colonnes de remboursement
anticipé seulement s'il y en a, graphique, titre).

La ligne 5165325 du contrat CDC n° 57851 (PLUS foncier, 128 189 €) sert d'exemple ; sa
première échéance imprimée (06/12/2018) : 3 170,41 € dont 1 439,86 € d'amortissement et
1 730,55 € d'intérêts, capital dû 126 749,14 €."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import attrs
import pytest

from collectivites.prets import calculer_tableau, exemple_pret
from collectivites.prets._presentation import (
    LIBELLES_INDEX,
    faits_ligne,
    libelle_index,
    table_echeances,
    titre_ligne,
)
from collectivites.tables import Genre, Graphique

FONCIER = exemple_pret("cdc-57851").ligne("5165325")


def test_titre_ligne() -> None:
    assert titre_ligne(FONCIER) == "Ligne 5165325 — PLUS foncier — contrat n° 57851"
    assert titre_ligne(attrs.evolve(FONCIER, identifiant="")) == (
        "Ligne du prêt — PLUS foncier — contrat n° 57851"
    )
    assert titre_ligne(attrs.evolve(FONCIER, produit="")) == "Ligne 5165325 — contrat n° 57851"
    assert titre_ligne(attrs.evolve(FONCIER, contrat="")) == "Ligne 5165325 — PLUS foncier"
    seule = attrs.evolve(FONCIER, identifiant="", produit="", contrat="")
    assert titre_ligne(seule) == "Ligne du prêt"


@pytest.mark.parametrize(
    ("code", "libelle"),
    [
        ("livret_a", "Livret A"),
        ("lep", "LEP"),
        ("inflation", "inflation"),
        ("euribor", "Euribor"),
        ("fixe", "taux fixe"),
        ("greffon_maison", "greffon_maison"),
    ],
)
def test_libelle_index(code: str, libelle: str) -> None:
    assert libelle_index(code) == libelle


def test_libelles_index_connus() -> None:
    assert set(LIBELLES_INDEX) == {"livret_a", "lep", "inflation", "euribor", "fixe"}


def test_faits_d_une_ligne() -> None:
    ligne = attrs.evolve(FONCIER, constante_revision=Decimal("1.2"))
    rendus = [(f.cle, f.libelle, f.valeur, f.genre) for f in faits_ligne(ligne)]
    assert rendus == [
        ("identifiant", "Ligne", "5165325", Genre.TEXTE),
        ("contrat", "Contrat", "57851", Genre.TEXTE),
        ("produit", "Produit", "PLUS foncier", Genre.TEXTE),
        ("emprunteur", "Emprunteur", "Interrégionale Polygone SA d'HLM", Genre.TEXTE),
        ("montant", "Montant de la ligne", Decimal("128189.00"), Genre.MONTANT),
        ("duree", "Nombre d'échéances", ligne.duree, Genre.ENTIER),
        ("periodicite", "Périodicité", ligne.periodicite, Genre.CODE),
        ("index_ligne", "Index de la ligne", "livret_a", Genre.TEXTE),
        (
            "valeur_index_reference",
            "Valeur de l'index à l'émission",
            ligne.valeur_index_reference,
            Genre.TAUX,
        ),
        ("marge", "Marge", ligne.marge, Genre.TAUX),
        ("taux_interet", "Taux d'intérêt", Decimal("0.0135"), Genre.TAUX),
        ("revision", "Révision", ligne.revision, Genre.CODE),
        (
            "constante_revision",
            "Constante de révision C (R = 1 + DT/C)",
            Decimal("1.2"),
            Genre.NOMBRE,
        ),
        ("taux_progressivite", "Taux de progressivité", Decimal("0.005"), Genre.TAUX),
        ("profil", "Profil d'amortissement", ligne.profil, Genre.CODE),
        ("mode_calcul_interets", "Mode de calcul des intérêts", ligne.mode_calcul_interets,
         Genre.CODE),
        ("base_calcul", "Base de calcul", ligne.base_calcul, Genre.CODE),
    ]  # fmt: skip
    assert ligne.periodicite.value == "annuelle" and ligne.revision.value == "DL"
    assert ligne.profil.value == "amortissement_deduit_interets_differes"
    assert (ligne.mode_calcul_interets.value, ligne.base_calcul.value) == ("equivalent", "30/360")


COLONNES = [
    ("numero", "N°", Genre.ENTIER, False, None),
    ("date", "Date d'échéance", Genre.DATE, False, None),
    ("taux", "Taux", Genre.TAUX, False, 4),
    ("echeance", "Échéance", Genre.MONTANT, True, None),
    ("amortissement", "Amortissement", Genre.MONTANT, True, None),
    ("interets", "Intérêts", Genre.MONTANT, True, None),
    ("interets_a_differer", "Intérêts à différer", Genre.MONTANT, True, None),
    ("capital_du", "Capital dû après remboursement", Genre.MONTANT, False, None),
    ("stock_interets_differes", "Stock d'intérêts différés", Genre.MONTANT, False, None),
]
ANTICIPES = [
    ("remboursement_anticipe", "Remboursement anticipé", Genre.MONTANT, True, None),
    (
        "interets_differes_rembourses",
        "Intérêts différés remboursés",
        Genre.MONTANT,
        True,
        None,
    ),
]


def _colonnes(table):  # type: ignore[no-untyped-def]
    return [(c.cle, c.libelle, c.genre, c.total, c.decimales) for c in table.colonnes]


def test_table_des_echeances_sans_remboursement_anticipe() -> None:
    table = table_echeances(calculer_tableau(FONCIER))
    assert table.cle == "echeances"
    assert table.titre == "Ligne 5165325"
    assert _colonnes(table) == COLONNES
    assert table.graphique == Graphique(
        titre="Profil de la ligne 5165325",
        abscisse="date",
        barres=("amortissement", "interets"),
        courbes=("capital_du",),
    )
    assert table.lignes[0] == (
        1,
        dt.date(2018, 12, 6),
        Decimal("0.0135"),
        Decimal("3170.41"),
        Decimal("1439.86"),
        Decimal("1730.55"),
        Decimal("0.00"),
        Decimal("126749.14"),
        Decimal("0.00"),
    )
    assert len(table.lignes) == FONCIER.duree


def test_table_des_echeances_avec_remboursement_anticipe_et_cle() -> None:
    # Rembourser tout le capital dû après la 1re échéance (126 749,14 €) clôt le tableau.
    tableau = calculer_tableau(FONCIER, remboursements={dt.date(2018, 12, 6): Decimal("126749.14")})
    table = table_echeances(tableau, cle="tableau_apres")
    assert table.cle == "tableau_apres"
    assert _colonnes(table) == COLONNES + ANTICIPES
    (ligne,) = table.lignes
    assert ligne[0] == 1
    assert ligne[7] == Decimal("0.00")  # capital dû après remboursement
    assert ligne[9:] == (Decimal("126749.14"), Decimal("0.00"))


def test_titre_de_la_table_sans_identifiant() -> None:
    table = table_echeances(calculer_tableau(attrs.evolve(FONCIER, identifiant="")))
    assert table.titre == "Échéances"
    assert table.graphique is not None
    assert table.graphique.titre.startswith("Profil de la ")
