"""Taux (``taux.py``) : lecture des pourcentages, écriture, taux de période, chaque refus avec son
message exact (tests écrits pour les mutants de ce module). Les attendus se calculent à la main,
ou par une formule indépendante (exp et ln de ``decimal``) pour le taux équivalent."""

from __future__ import annotations

from decimal import Context, Decimal, localcontext

import pytest

from collectivites.erreurs import ErreurType, ErreurValeur
from collectivites.taux import (
    formater_taux,
    lire_taux,
    taux_en_pourcentage,
    taux_periode_equivalent,
    taux_periode_proportionnel,
)

P = Decimal
ATTENDU = "un pourcentage comme « 1,35 % »"


@pytest.mark.parametrize(
    ("texte", "attendu"),
    [
        ("1,35 %", "0.0135"),
        ("1.35%", "0.0135"),
        ("  -0,35 %  ", "-0.0035"),
        ("- 1,5 %", "-0.015"),
        ("+2 %", "0.02"),
        ("1,35\u00a0%", "0.0135"),
        ("1,35\u202f%", "0.0135"),
        ("-\u00a01,5\u00a0%", "-0.015"),
        ("-\u202f1,5\u202f%", "-0.015"),
        ("3 pour cent", "0.03"),
        ("3 POURCENT", "0.03"),
        ("0,5 point", "0.005"),
        ("0,5 points", "0.005"),
        ("100 %", "1"),
    ],
)
def test_lire_taux(texte: str, attendu: str) -> None:
    assert lire_taux(texte) == P(attendu)


def test_lire_taux_hors_du_contexte_de_l_appelant() -> None:
    with localcontext() as contexte:
        contexte.prec = 3
        assert str(lire_taux("1,23456 %")) == "0.0123456"
    # 34 chiffres significatifs, non 28
    assert lire_taux("1 %") / 3 != lire_taux("0,333333333333333333333333333333333 %")
    assert str(lire_taux("33,33333333333333333333333333333333333 %")) == (
        "0.3333333333333333333333333333333333"
    )


def test_lire_taux_prend_un_decimal_tel_quel() -> None:
    taux = P("0.0135")
    assert lire_taux(taux) is taux
    with pytest.raises(ErreurValeur) as erreur:
        lire_taux(P("NaN"), champ="taux")
    assert erreur.value.message == "taux non fini"
    assert erreur.value.valeur.is_nan()
    assert erreur.value.cle == "taux"
    assert erreur.value.attendu == ATTENDU


@pytest.mark.parametrize(
    ("valeur", "message"),
    [
        (1, "un nombre nu est ambigu"),
        (1.35, "un nombre nu est ambigu"),
        (True, "un nombre nu est ambigu"),
        (None, "type refusé"),
        (b"1 %", "type refusé"),
    ],
)
def test_lire_taux_refuse_les_types(valeur: object, message: str) -> None:
    with pytest.raises(ErreurType) as erreur:
        lire_taux(valeur, champ="taux")
    assert erreur.value.message == message
    assert erreur.value.cle == "taux"
    assert erreur.value.valeur is valeur
    assert erreur.value.attendu == ATTENDU


@pytest.mark.parametrize("texte", ["1.35", " 1,35 ", "-2", "+ 3"])
def test_lire_taux_refuse_un_nombre_nu(texte: str) -> None:
    with pytest.raises(ErreurValeur) as erreur:
        lire_taux(texte, champ="taux")
    assert str(erreur.value) == (
        f"clé « taux » : un nombre sans « % » est ambigu (1,35 % ou 135 % ?) (reçu : {texte!r} ; "
        f"attendu : {ATTENDU})"
    )


@pytest.mark.parametrize("texte", ["abc %", "", "%", "1,35 %%", "1,,3 %", "1,3e2 %", "1 % 2"])
def test_lire_taux_illisible(texte: str) -> None:
    with pytest.raises(ErreurValeur) as erreur:
        lire_taux(texte)
    assert erreur.value.message == "pourcentage illisible"
    assert erreur.value.cle is None


@pytest.mark.parametrize(
    ("taux", "pourcentage"),
    [
        ("0.0135", "1.35"),
        ("0.015", "1.50"),
        ("0.01", "1.00"),
        ("0", "0.00"),
        ("1", "100.00"),
        ("0.123456", "12.3456"),
        ("-0.0035", "-0.35"),
        ("0.0100", "1.00"),
        ("0.00125", "0.125"),
    ],
)
def test_taux_en_pourcentage(taux: str, pourcentage: str) -> None:
    assert str(taux_en_pourcentage(P(taux))) == pourcentage


def test_taux_en_pourcentage_hors_du_contexte() -> None:
    with localcontext() as contexte:
        contexte.prec = 2
        assert str(taux_en_pourcentage(P("0.123456"))) == "12.3456"
        assert str(taux_en_pourcentage(P("1"))) == "100.00"
        assert formater_taux(P("0.123456")) == "12,3456 %"


def test_formater_taux() -> None:
    assert formater_taux(P("0.0135")) == "1,35 %"
    assert formater_taux(P("0.017")) == "1,70 %"
    assert formater_taux(P("-0.0035")) == "-0,35 %"


def _equivalent_attendu(taux: Decimal, mois: int) -> Decimal:
    """(1 + I)^(mois/12) − 1 par exp(ln(1 + I) × mois / 12), à 50 chiffres."""
    contexte = Context(prec=50)
    exposant = contexte.divide(P(mois), P(12))
    puissance = contexte.exp(contexte.multiply(contexte.ln(contexte.add(1, taux)), exposant))
    return contexte.subtract(puissance, P(1))


@pytest.mark.parametrize("mois", [1, 3, 6, 7, 18])
def test_taux_periode_equivalent(mois: int) -> None:
    taux = P("0.0145")
    calcule = taux_periode_equivalent(taux, mois)
    assert abs(calcule - _equivalent_attendu(taux, mois)) < P("1e-30")


def test_taux_periode_equivalent_exact() -> None:
    taux = P("0.0145")
    assert taux_periode_equivalent(taux, 12) is taux
    # (1,0145)² − 1 = 0,02921025 exactement
    assert taux_periode_equivalent(taux, 24) == P("0.02921025")
    assert round(taux_periode_equivalent(taux, 6), 8) == P("0.00722391")
    with localcontext() as contexte:
        contexte.prec = 3
        assert abs(taux_periode_equivalent(taux, 6) - _equivalent_attendu(taux, 6)) < P("1e-30")


def test_taux_periode_proportionnel() -> None:
    assert taux_periode_proportionnel(P("0.036"), 6) == P("0.018")
    assert taux_periode_proportionnel(P("0.036"), 1) == P("0.003")
    assert taux_periode_proportionnel(P("0.036"), 12) == P("0.036")
    with localcontext() as contexte:
        contexte.prec = 3
        assert str(taux_periode_proportionnel(P("0.01"), 1)) == "0.000" + "8" + "3" * 33
