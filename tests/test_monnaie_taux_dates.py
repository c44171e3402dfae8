"""Socle : montants, taux, dates, erreurs."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from dateutil.relativedelta import relativedelta
from hypothesis import given
from hypothesis import strategies as st

import collectivites
from collectivites.dates import ajouter_mois, lire_date, lire_mois
from collectivites.erreurs import ErreurCollectivites, ErreurType, ErreurValeur
from collectivites.monnaie import arrondir, en_decimal, formater_montant, montant_csv
from collectivites.taux import (
    formater_taux,
    lire_taux,
    taux_en_pourcentage,
    taux_periode_equivalent,
    taux_periode_proportionnel,
)


@pytest.mark.parametrize(
    ("texte", "attendu"),
    [
        ("128189.00", Decimal("128189.00")),
        ("128 189,00", Decimal("128189.00")),
        ("128\u202f189,00 €", Decimal("128189.00")),
        (128189, Decimal(128189)),
        (Decimal("1.5"), Decimal("1.5")),
    ],
)
def test_en_decimal_accepte(texte: object, attendu: Decimal) -> None:
    assert en_decimal(texte) == attendu


@pytest.mark.parametrize("valeur", [0.1, 128189.0, True, None, [1]])
def test_en_decimal_refuse(valeur: object) -> None:
    with pytest.raises(ErreurType):
        en_decimal(valeur)


@pytest.mark.parametrize("valeur", ["abc", "1,2,3", "NaN", "Infinity"])
def test_en_decimal_refuse_texte(valeur: str) -> None:
    with pytest.raises(ErreurValeur):
        en_decimal(valeur)


def test_erreurs_heritent_des_natives() -> None:
    with pytest.raises(ValueError, match="montant"):
        en_decimal("x", champ="montant")
    with pytest.raises(TypeError):
        en_decimal(1.0)
    assert issubclass(collectivites.ErreurDonnees, LookupError)
    assert issubclass(collectivites.ErreurDossier, ErreurCollectivites)


def test_arrondi_demi_superieur() -> None:
    assert arrondir(Decimal("1730.5515")) == Decimal("1730.55")
    assert arrondir(Decimal("2.675")) == Decimal("2.68")
    assert arrondir(Decimal("-2.675")) == Decimal("-2.68")


def test_formats_de_montant() -> None:
    # espace fine insécable (U+202F) entre les milliers, comme le veut la typographie française
    assert formater_montant(Decimal("179588.21")) == "179\u202f588,21"
    assert formater_montant(Decimal("-1234567.5"), separateur=" ") == "-1 234 567,50"
    assert formater_montant(Decimal("0")) == "0,00"
    assert montant_csv(Decimal("3170.4")) == "3170.40"


@pytest.mark.parametrize(
    ("texte", "attendu"),
    [
        ("1,35 %", Decimal("0.0135")),
        ("1.35 %", Decimal("0.0135")),
        ("1,35%", Decimal("0.0135")),
        ("0 %", Decimal("0")),
        ("-0,35 %", Decimal("-0.0035")),
        ("3 %", Decimal("0.03")),
        ("1,35\u00a0%", Decimal("0.0135")),
    ],
)
def test_lire_taux(texte: str, attendu: Decimal) -> None:
    assert lire_taux(texte) == attendu


@pytest.mark.parametrize("valeur", ["1.35", "1,35", "abc %", "", "%"])
def test_lire_taux_refuse_nombre_nu(valeur: str) -> None:
    with pytest.raises(ErreurValeur, match="pourcentage"):
        lire_taux(valeur)


@pytest.mark.parametrize("valeur", [1.35, 1, None])
def test_lire_taux_refuse_non_texte(valeur: object) -> None:
    with pytest.raises(ErreurType):
        lire_taux(valeur)


def test_formater_taux() -> None:
    assert formater_taux(Decimal("0.0135")) == "1,35 %"
    assert formater_taux(Decimal("0.005")) == "0,50 %"
    assert formater_taux(Decimal("0.002521")) == "0,2521 %"
    assert taux_en_pourcentage(Decimal("0.0135")) == Decimal("1.35")


def test_taux_de_periode() -> None:
    # Contrat 57828, ligne 5150376 : taux de période semestriel affiché 0,72 % pour 1,45 %.
    semestriel = taux_periode_equivalent(Decimal("0.0145"), 6)
    assert round(semestriel * 100, 2) == Decimal("0.72")
    assert round(semestriel, 8) == Decimal("0.00722391")
    assert taux_periode_equivalent(Decimal("0.0135"), 12) == Decimal("0.0135")
    assert taux_periode_proportionnel(Decimal("0.012"), 3) == Decimal("0.003")


def test_lire_date() -> None:
    assert lire_date("2024-02-29") == dt.date(2024, 2, 29)
    with pytest.raises(ErreurValeur, match="n'existe pas"):
        lire_date("2023-02-29")
    assert lire_date("29/02/2024") == dt.date(2024, 2, 29)  # JJ/MM/AAAA, l'usage français
    with pytest.raises(ErreurValeur, match="AAAA-MM-JJ"):
        lire_date("2024/02/29")
    with pytest.raises(ErreurValeur, match="date illisible"):
        lire_date("\u0662\u0660\u0662\u0664-01-01")  # chiffres arabes-indiens
    with pytest.raises(ErreurType):
        lire_date(dt.datetime(2024, 1, 1, tzinfo=dt.UTC))
    assert lire_mois("2017-01") == dt.date(2017, 1, 1)
    with pytest.raises(ErreurValeur, match="ce mois n'existe pas"):
        lire_mois("2017-13")


@pytest.mark.parametrize(
    ("depart", "mois", "attendu"),
    [
        (dt.date(2024, 1, 31), 1, dt.date(2024, 2, 29)),
        (dt.date(2023, 1, 31), 1, dt.date(2023, 2, 28)),
        (dt.date(2024, 3, 31), -1, dt.date(2024, 2, 29)),
        (dt.date(2017, 12, 6), 600, dt.date(2067, 12, 6)),
    ],
)
def test_ajouter_mois(depart: dt.date, mois: int, attendu: dt.date) -> None:
    assert ajouter_mois(depart, mois) == attendu


@given(
    st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2199, 12, 31)),
    st.integers(min_value=-1200, max_value=1200),
)
def test_ajouter_mois_comme_relativedelta(depart: dt.date, mois: int) -> None:
    """Notre addition de mois rapide donne le même résultat que ``dateutil.relativedelta``."""
    assert ajouter_mois(depart, mois) == depart + relativedelta(months=mois)


def test_montant_ecrit_sans_le_contexte_de_l_appelant() -> None:
    """La valeur absolue se prend sans contexte : sous une précision de 3 chiffres arrondie
    vers le bas, -718,86 ne devient pas -718,00."""
    import decimal

    with decimal.localcontext(decimal.Context(prec=3, rounding=decimal.ROUND_FLOOR)):
        assert formater_montant(Decimal("-718.86"), separateur=" ") == "-718,86"
        assert formater_montant(Decimal("123456.789"), separateur=" ") == "123 456,79"
