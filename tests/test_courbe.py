"""La courbe zéro-coupon de l'indemnité actuarielle : interpolation linéaire entre les points,
premier taux avant le premier point, aucune extrapolation au-delà du dernier ; facteur
d'actualisation (1 + z(t))^(−t). Valeurs attendues calculées à la main (et en fractions
exactes pour l'actualisation)."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest

from collectivites.erreurs import ErreurValeur
from collectivites.prets import CourbeZeroCoupon

COURBE = CourbeZeroCoupon(
    points=(
        (Decimal(1), Decimal("0.02")),
        (Decimal(3), Decimal("0.04")),
        (Decimal(10), Decimal("0.05")),
    )
)


@pytest.mark.parametrize(
    ("annees", "taux"),
    [
        ("0.5", "0.02"),  # avant le premier point : le premier taux
        ("1", "0.02"),
        ("2", "0.03"),  # 0,02 + 0,02 × 1/2
        ("3", "0.04"),
        ("6.5", "0.045"),  # 0,04 + 0,01 × 3,5/7
        ("10", "0.05"),  # le dernier point lui-même
    ],
)
def test_interpolation_lineaire(annees: str, taux: str) -> None:
    assert COURBE.taux(Decimal(annees)) == Decimal(taux)


def test_aucune_extrapolation() -> None:
    with pytest.raises(ErreurValeur) as erreur:
        COURBE.taux(Decimal("10.0001"))
    assert str(erreur.value) == (
        "clé « courbe » : la courbe s'arrête à 10 ans : complétez-la (aucune extrapolation) "
        "(reçu : 'un flux à 10.0001 ans')"
    )
    assert COURBE.maturite_max == Decimal(10)


@pytest.mark.parametrize(
    ("annees", "attendu"),
    [
        ("0", Fraction(1)),  # aucun flux futur : pas d'actualisation
        ("-1", Fraction(1)),
        ("2", 1 / Fraction(103, 100) ** 2),
        ("3", 1 / Fraction(104, 100) ** 3),
    ],
)
def test_facteur_d_actualisation(annees: str, attendu: Fraction) -> None:
    obtenu = COURBE.facteur_actualisation(Decimal(annees))
    assert abs(Fraction(obtenu) - attendu) < Fraction(1, 10**25)


@pytest.mark.parametrize(
    ("points", "message"),
    [
        ((), "clé « points » : la courbe de taux est vide"),
        (
            ((Decimal(0), Decimal("0.02")),),
            "clé « points[0] » : maturité hors des bornes (reçu : 0 ; attendu : > 0 et ≤ 100 ans)",
        ),
        (
            ((Decimal(1), Decimal("0.02")), (Decimal("100.01"), Decimal("0.02"))),
            "clé « points[1] » : maturité hors des bornes (reçu : 100.01 ; attendu : > 0 et ≤ "
            "100 ans)",
        ),
        (
            ((Decimal(1), Decimal("0.3001")),),
            "clé « points[0] » : taux zéro-coupon hors des bornes (reçu : 0.3001 ; attendu : de "
            "-10 % à 30 % (fraction))",
        ),
        (
            ((Decimal(1), Decimal("-0.1001")),),
            "clé « points[0] » : taux zéro-coupon hors des bornes (reçu : -0.1001 ; attendu : de "
            "-10 % à 30 % (fraction))",
        ),
        (
            (
                (Decimal(1), Decimal("0.02")),
                (Decimal(2), Decimal("0.02")),
                (Decimal(2), Decimal(0)),
            ),
            "clé « points[2] » : les maturités de la courbe doivent croître strictement (reçu : "
            "'2 puis 2')",
        ),
    ],
)
def test_courbe_refusee(points: tuple[tuple[Decimal, Decimal], ...], message: str) -> None:
    with pytest.raises(ErreurValeur) as erreur:
        CourbeZeroCoupon(points=points)
    assert str(erreur.value) == message


def test_courbe_aux_bornes() -> None:
    """Maturité de 100 ans, taux de −10 % et de 30 % : permis."""
    courbe = CourbeZeroCoupon(
        points=((Decimal("0.01"), Decimal("-0.10")), (Decimal(100), Decimal("0.30")))
    )
    assert courbe.taux(Decimal(100)) == Decimal("0.30")
