"""Gestion en flux : arrondis, déductions, report, ménages prioritaires, sanction.

Les annexes des conventions d'Oraison sont des cas en données (``tests/cas/logement/``)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from collectivites.erreurs import ErreurValeur
from collectivites.regles.logement import (
    Attributions,
    BilanPrecedent,
    ConventionFlux,
    Deductions,
    arrondir_logements,
    calculer_droits,
    plafond_sanction,
)

P = Decimal


def _convention(**kwargs: object) -> ConventionFlux:
    valeurs: dict[str, object] = {
        "bailleur": "B",
        "reservataire": "R",
        "annee": 2024,
        "logements_rpls": 116,
        "taux_rotation": P("0.069"),
        "taux_reservation": P("0.129"),
    }
    valeurs.update(kwargs)
    return ConventionFlux(**valeurs)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("valeur", "attendu"),
    [("8.004", 8), ("7.6", 8), ("0.9", 1), ("1.032", 1), ("0.5", 1), ("0.49", 0), ("2.5", 3)],
)
def test_arrondi_a_l_unite_la_plus_proche(valeur: str, attendu: int) -> None:
    """Les annexes : 8,004 → 8 ; 7,6 → 8 ; 0,9 → 1 ; le demi (non montré) monte."""
    assert arrondir_logements(P(valeur)) == attendu


def test_deductions() -> None:
    r = calculer_droits(_convention(deductions=Deductions(mutations_internes=1, ventes=1)))
    assert (r.flux_annuel, r.flux_net, r.droits) == (8, 6, 1)
    with pytest.raises(ErreurValeur, match="dépassent le flux annuel"):
        calculer_droits(_convention(deductions=Deductions(autres=9)))
    with pytest.raises(ErreurValeur, match="pas les deux"):
        Deductions(mutations_internes=1, mutations_et_relogements=2)
    assert Deductions(mutations_et_relogements=2, ventes=1).total == 3


def test_exclus_et_attributions_incoherents() -> None:
    with pytest.raises(ErreurValeur, match="plus de logements exclus"):
        _convention(logements_exclus=117)
    with pytest.raises(ErreurValeur, match="plus d'attributions prioritaires"):
        Attributions(total=2, prioritaires=3)


def test_menages_prioritaires() -> None:
    """CCH L441-1 : 25 % des attributions du contingent à des ménages prioritaires."""
    assert Attributions(total=4, prioritaires=1).conforme is True
    assert Attributions(total=5, prioritaires=1).conforme is False
    assert Attributions(total=0, prioritaires=0).conforme is None
    r = calculer_droits(_convention(attributions=Attributions(total=5, prioritaires=1)))
    assert any("sous les 25 %" in h for h in r.hypotheses)


def test_report_justifie() -> None:
    bilan = BilanPrecedent(objectif=2, mis_a_disposition=0, ecart_justifie=True)
    assert bilan.report == 0
    assert calculer_droits(_convention(bilan_precedent=bilan)).objectif == 1


def test_plafond_de_sanction() -> None:
    """CCH R441-5-2 : jusqu'à 18 mois du loyer principal des logements concernés."""
    assert plafond_sanction(P("450.00"), 2) == P("16200.00")
    with pytest.raises(ErreurValeur):
        plafond_sanction(P("-1"))


@given(
    rpls=st.integers(0, 5000),
    rotation=st.decimals(0, 1, places=4),
    reservation=st.decimals(0, 1, places=3),
)
def test_droits_bornes(rpls: int, rotation: Decimal, reservation: Decimal) -> None:
    """Les droits ne dépassent jamais le flux net, ni le flux net l'assiette."""
    r = calculer_droits(
        _convention(logements_rpls=rpls, taux_rotation=rotation, taux_reservation=reservation)
    )
    assert 0 <= r.droits <= r.flux_net <= r.flux_annuel <= r.assiette
