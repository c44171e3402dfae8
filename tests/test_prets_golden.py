"""Tableaux de la Caisse des Dépôts reproduits au centime (données : tests/donnees/)."""

from __future__ import annotations

import csv
import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from collectivites.prets import (
    calculer_tableau,
    date_paiement,
    exemple_pret,
)

DONNEES = Path(__file__).parent / "donnees"


def _golden() -> list[dict[str, str]]:
    with (DONNEES / "cdc-57851-5165325-plus-foncier.csv").open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


@pytest.fixture(scope="module")
def tableau_5165325():  # type: ignore[no-untyped-def]
    ligne = next(x for x in exemple_pret("cdc-57851").lignes if x.identifiant == "5165325")
    return calculer_tableau(ligne)


def test_chaque_ligne_du_tableau_imprime(tableau_5165325) -> None:  # type: ignore[no-untyped-def]
    imprime = _golden()
    calcule = list(csv.DictReader(str(tableau_5165325.rendre("csv")).splitlines()))
    assert len(calcule) == len(imprime) == 50
    for attendu, obtenu in zip(imprime, calcule, strict=True):
        assert obtenu == attendu, f"échéance n° {attendu['numero']}"


def test_totaux_imprimes(tableau_5165325) -> None:  # type: ignore[no-untyped-def]
    # « Total 179 588,21 / 128 189,00 / 51 399,21 / 0,00 / 0,00 »
    assert tableau_5165325.total_echeances == Decimal("179588.21")
    assert tableau_5165325.total_amortissement == Decimal("128189.00")
    assert tableau_5165325.total_interets == Decimal("51399.21")
    assert tableau_5165325.total_interets_a_differer == Decimal("0.00")


@pytest.mark.parametrize(
    ("identifiant", "interets"),
    [("5165325", Decimal("1730.55")), ("5165324", Decimal("4231.51"))],
)
def test_interets_de_prefinancement_des_en_tetes(identifiant: str, interets: Decimal) -> None:
    """En-têtes des tableaux : « Intérêts de Préfinancement : 1 730,55 € » et « 4 231,51 € »."""
    ligne = next(x for x in exemple_pret("cdc-57851").lignes if x.identifiant == identifiant)
    assert calculer_tableau(ligne).interets_prefinancement == interets


def test_ligne_5165324_coherente() -> None:
    """La ligne PLUS (313 445 €, 40 ans) du même contrat, calculée de la même façon."""
    ligne = next(x for x in exemple_pret("cdc-57851").lignes if x.identifiant == "5165324")
    tableau = calculer_tableau(ligne)
    assert len(tableau) == 40
    assert tableau.lignes[0].date == dt.date(2018, 12, 6)
    assert tableau.lignes[-1].date == dt.date(2057, 12, 6)
    assert tableau.total_amortissement == Decimal("313445.00")
    assert tableau.lignes[0].interets == Decimal("4231.51")  # 313 445 × 1,35 %


@pytest.mark.parametrize(
    ("exemple", "identifiant", "montant", "taux_periode", "n"),
    [
        ("cdc-57769", "5152599", 256000, (1.0145**1) - 1, 40),
        ("cdc-57828", "5150376", 580000, (1.0145**0.5) - 1, 80),
        ("cdc-57828", "5150377", 110000, 0.0135, 50),
    ],
)
def test_annuites_constantes_contre_la_formule(
    exemple: str, identifiant: str, montant: int, taux_periode: float, n: int
) -> None:
    """Lignes sans progressivité : l'échéance est l'annuité constante K·t/(1 − (1 + t)^−n),
    recalculée ici indépendamment en flottants (à un centime près)."""
    ligne = next(x for x in exemple_pret(exemple).lignes if x.identifiant == identifiant)
    tableau = calculer_tableau(ligne)
    annuite = montant * taux_periode / (1 - (1 + taux_periode) ** -n)
    assert abs(float(tableau.lignes[0].echeance) - annuite) <= 0.01
    assert all(r.echeance == tableau.lignes[0].echeance for r in tableau.lignes[:-1])
    assert abs(float(tableau.lignes[0].interets) - montant * taux_periode) <= 0.005


def test_date_de_paiement_art_13() -> None:
    # L'échéance du samedi 6 décembre 2025 se paie le lundi 8.
    assert date_paiement(dt.date(2025, 12, 6)) == dt.date(2025, 12, 8)
    assert date_paiement(dt.date(2018, 12, 6)) == dt.date(2018, 12, 6)
