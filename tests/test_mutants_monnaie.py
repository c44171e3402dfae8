"""Montants (``monnaie.py``) : construction, arrondi et écriture, chaque refus avec son message
exact (tests écrits pour les mutants de ce module). Les attendus se calculent à la main : un
arrondi « au demi supérieur » au centime, des groupes de trois chiffres."""

from __future__ import annotations

from decimal import ROUND_DOWN, ROUND_HALF_EVEN, Decimal, localcontext

import pytest

from collectivites.erreurs import ErreurType, ErreurValeur
from collectivites.monnaie import arrondir, en_decimal, formater_montant, montant_csv

P = Decimal
ATTENDU = "un nombre comme « 128189.00 » ou « 128 189,00 »"


@pytest.mark.parametrize(
    ("texte", "attendu"),
    [
        (" 128 189,00 € ", "128189.00"),
        ("128\u00a0189,5", "128189.5"),
        ("128\u202f189.25", "128189.25"),
        ("1_000", "1000"),
        ("\t-3,5\n", "-3.5"),
        ("+7", "7"),
        ("1.", "1"),
        (".5", "0.5"),
        ("-.5", "-0.5"),
        ("0012", "12"),
    ],
)
def test_en_decimal_lit_les_textes(texte: str, attendu: str) -> None:
    valeur = en_decimal(texte)
    assert str(valeur) == attendu


@pytest.mark.parametrize(
    "texte",
    [
        "1,234.5",
        "1.234,5",
        "1,2,3",
        "1,,3",
        "1,5.",
        "1.2.3",
        "1e5",
        "",
        " ",
        ",",
        ".",
        "1-2",
        "--1",
        "0x10",
        "１２",
    ],
)
def test_en_decimal_refuse_les_textes_illisibles(texte: str) -> None:
    with pytest.raises(ErreurValeur) as erreur:
        en_decimal(texte, champ="montant")
    assert erreur.value.message == "nombre illisible"
    assert erreur.value.cle == "montant"
    assert erreur.value.valeur == texte
    assert erreur.value.attendu == ATTENDU


def test_en_decimal_prend_un_decimal_ou_un_entier_tel_quel() -> None:
    valeur = P("1.50")
    assert en_decimal(valeur) is valeur
    assert str(en_decimal(12)) == "12"
    assert str(en_decimal(-3)) == "-3"


def test_en_decimal_refuse_les_types() -> None:
    with pytest.raises(ErreurType) as erreur:
        en_decimal(True, champ="c")
    assert str(erreur.value) == (
        f"clé « c » : un booléen n'est pas un nombre (reçu : True ; attendu : {ATTENDU})"
    )
    with pytest.raises(ErreurType) as erreur:
        en_decimal(0.1, champ="c")
    assert str(erreur.value) == (
        "clé « c » : un nombre flottant est refusé (reçu : 0.1 ; attendu : un nombre écrit "
        'entre guillemets, par exemple "0.1")'
    )
    with pytest.raises(ErreurType) as erreur:
        en_decimal(b"12", champ="c")
    assert str(erreur.value) == (
        f"clé « c » : un nombre est attendu (reçu : b'12' ; attendu : {ATTENDU})"
    )
    with pytest.raises(ErreurType) as erreur:
        en_decimal(None)
    assert erreur.value.cle is None


@pytest.mark.parametrize("valeur", [P("NaN"), P("Infinity"), P("-Infinity"), P("sNaN")])
def test_en_decimal_refuse_un_decimal_non_fini(valeur: Decimal) -> None:
    with pytest.raises(ErreurValeur) as erreur:
        en_decimal(valeur, champ="c")
    assert erreur.value.message == "nombre non fini"
    assert erreur.value.valeur is valeur
    assert erreur.value.cle == "c"
    assert erreur.value.attendu == ATTENDU


def test_arrondir() -> None:
    assert str(arrondir(P("0.125"))) == "0.13"  # au demi supérieur, pas au pair (0.12)
    assert str(arrondir(P("-0.125"))) == "-0.13"
    assert str(arrondir(P("1730.5515"))) == "1730.55"
    assert str(arrondir(P("2.5"), P(1))) == "3"
    assert str(arrondir(P("2.5"), P(1), ROUND_HALF_EVEN)) == "2"
    assert str(arrondir(P("2.59"), P("0.1"), ROUND_DOWN)) == "2.5"
    assert str(arrondir(P(7))) == "7.00"


def test_arrondir_hors_du_contexte_de_l_appelant() -> None:
    with localcontext() as contexte:
        contexte.prec = 3
        assert str(arrondir(P("123456.785"))) == "123456.79"


def test_formater_montant() -> None:
    fine = "\u202f"
    assert formater_montant(P("128189")) == f"128{fine}189,00"
    assert formater_montant(P("1234567.891")) == f"1{fine}234{fine}567,89"
    assert formater_montant(P("999.999")) == f"1{fine}000,00"
    assert formater_montant(P("999")) == "999,00"
    assert formater_montant(P("100000")) == f"100{fine}000,00"
    assert formater_montant(P("0.005")) == "0,01"
    assert formater_montant(P("-1234.5"), separateur=" ") == "-1 234,50"
    assert formater_montant(P("-0.5")) == "-0,50"
    assert formater_montant(P(0)) == "0,00"
    with localcontext() as contexte:
        contexte.prec = 3
        assert formater_montant(P("123456.785"), separateur=".") == "123.456,79"


def test_montant_csv() -> None:
    assert montant_csv(P("3170.405")) == "3170.41"
    assert montant_csv(P("-2")) == "-2.00"
    assert montant_csv(P("1234567.894")) == "1234567.89"
