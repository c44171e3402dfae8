"""Tests de mutation de ``collectivites._champs`` : chaque validateur et convertisseur des
modèles, appelé directement, avec le message, la clé, la valeur reçue et l'attendu exacts de
chaque refus."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from types import SimpleNamespace

import pytest

from collectivites._champs import (
    caracteres_de_controle,
    decimal_depuis_entier,
    decimal_optionnel_depuis_entier,
    en_tuple,
    v_date,
    v_decimal,
    v_entier,
    v_instance,
    v_montant,
    v_parmi,
    v_texte,
    v_tuple_de,
)
from collectivites.erreurs import ErreurType, ErreurValeur

CHAMP = SimpleNamespace(name="champ")


def _refus(validateur, valeur, classe=ErreurValeur):  # type: ignore[no-untyped-def]
    with pytest.raises(classe) as refus:
        validateur(None, CHAMP, valeur)
    assert type(refus.value) is classe
    return refus.value


# --- convertisseurs ------------------------------------------------------------------------


def test_decimal_depuis_entier() -> None:
    converti = decimal_depuis_entier(3)
    assert type(converti) is Decimal and converti == Decimal(3)
    assert decimal_depuis_entier(True) is True  # un booléen n'est pas un entier : laissé tel quel
    flottant = 1.5
    assert decimal_depuis_entier(flottant) is flottant  # type: ignore[arg-type]
    nombre = Decimal("2.5")
    assert decimal_depuis_entier(nombre) is nombre


def test_decimal_optionnel_depuis_entier() -> None:
    assert decimal_optionnel_depuis_entier(None) is None
    converti = decimal_optionnel_depuis_entier(7)
    assert type(converti) is Decimal and converti == Decimal(7)


def test_en_tuple() -> None:
    assert en_tuple([1, 2]) == (1, 2)
    assert type(en_tuple([1, 2])) is tuple
    assert en_tuple((3,)) == (3,)
    ensemble = {4}
    assert en_tuple(ensemble) is ensemble  # ni liste ni tuple : laissé au validateur


# --- nombres décimaux ----------------------------------------------------------------------


def test_v_decimal_refuse_un_flottant_puis_un_non_decimal() -> None:
    erreur = _refus(v_decimal(), 1.5, ErreurType)
    assert (erreur.message, erreur.cle, erreur.valeur, erreur.attendu) == (
        "un nombre flottant est refusé",
        "champ",
        1.5,
        "un Decimal",
    )
    erreur = _refus(v_decimal(), "1", ErreurType)
    assert (erreur.message, erreur.cle, erreur.valeur, erreur.attendu) == (
        "type refusé",
        "champ",
        "1",
        "un Decimal fini",
    )
    erreur = _refus(v_decimal(), Decimal("Infinity"), ErreurType)
    assert erreur.attendu == "un Decimal fini"
    assert _refus(v_decimal(), None, ErreurType).valeur is None  # None refusé sans optionnel


def test_v_decimal_optionnel_et_bornes() -> None:
    assert v_decimal(optionnel=True)(None, CHAMP, None) is None
    borne = v_decimal(minimum=Decimal(1), maximum=Decimal(5))
    borne(None, CHAMP, Decimal(1))
    borne(None, CHAMP, Decimal(5))
    erreur = _refus(borne, Decimal("0.99"))
    assert (erreur.message, erreur.cle, erreur.valeur, erreur.attendu) == (
        "valeur hors des bornes",
        "champ",
        Decimal("0.99"),
        "≥ 1 et ≤ 5",
    )
    assert _refus(borne, Decimal("5.01")).attendu == "≥ 1 et ≤ 5"
    strict = v_decimal(minimum=Decimal(0), strict=True)
    strict(None, CHAMP, Decimal("0.01"))
    erreur = _refus(strict, Decimal(0))
    assert erreur.attendu == "> 0"
    assert _refus(v_decimal(maximum=Decimal(2)), Decimal(3)).attendu == "≤ 2"
    assert _refus(v_decimal(minimum=Decimal(2)), Decimal(1)).attendu == "≥ 2"


# --- montants ------------------------------------------------------------------------------


def test_v_montant_au_centime() -> None:
    v_montant()(None, CHAMP, Decimal("-12.34"))
    v_montant()(None, CHAMP, Decimal("12.30"))
    erreur = _refus(v_montant(), Decimal("0.001"))
    assert (erreur.message, erreur.cle, erreur.valeur, erreur.attendu) == (
        "un montant s'exprime au centime",
        "champ",
        Decimal("0.001"),
        "au plus deux décimales",
    )
    # 0,019 arrondi au centime inférieur vaut 0,01 (0,02 au plus proche) : refusé de même
    assert _refus(v_montant(), Decimal("0.019")).message == "un montant s'exprime au centime"
    assert _refus(v_montant(), Decimal("-0.019")).message == "un montant s'exprime au centime"
    erreur = _refus(v_montant(), 2.5, ErreurType)
    assert (erreur.message, erreur.cle) == ("un nombre flottant est refusé", "champ")


def test_v_montant_au_centime_a_34_chiffres() -> None:
    """Le contexte des vérifications tient 34 chiffres : un montant de 30 chiffres au centime
    est accepté même sous un contexte appelant à 6 chiffres."""
    import decimal

    grand = Decimal("1234567890123456789012345678.90")
    with decimal.localcontext(decimal.Context(prec=6)):
        v_montant()(None, CHAMP, grand)


def test_v_montant_positif_nul_permis_ou_non_et_optionnel() -> None:
    assert v_montant(optionnel=True)(None, CHAMP, None) is None
    assert _refus(v_montant(), None, ErreurType).attendu == "un Decimal fini"
    positif = v_montant(positif=True)
    positif(None, CHAMP, Decimal("0.00"))
    erreur = _refus(positif, Decimal("-0.01"))
    assert (erreur.message, erreur.cle, erreur.attendu) == (
        "valeur hors des bornes",
        "champ",
        "≥ 0",
    )
    strict = v_montant(positif=True, nul_permis=False)
    strict(None, CHAMP, Decimal("0.01"))
    assert _refus(strict, Decimal("0.00")).attendu == "> 0"


# --- entiers, dates ------------------------------------------------------------------------


def test_v_entier() -> None:
    assert v_entier(optionnel=True)(None, CHAMP, None) is None
    erreur = _refus(v_entier(), True, ErreurType)
    assert (erreur.message, erreur.cle, erreur.valeur, erreur.attendu) == (
        "type refusé",
        "champ",
        True,
        "un entier",
    )
    assert _refus(v_entier(), Decimal(1), ErreurType).attendu == "un entier"
    assert _refus(v_entier(), None, ErreurType).attendu == "un entier"
    borne = v_entier(minimum=1, maximum=3)
    borne(None, CHAMP, 1)
    borne(None, CHAMP, 3)
    erreur = _refus(borne, 0)
    assert (erreur.message, erreur.cle, erreur.valeur, erreur.attendu) == (
        "valeur hors des bornes",
        "champ",
        0,
        "≥ 1 et ≤ 3",
    )
    assert _refus(borne, 4).attendu == "≥ 1 et ≤ 3"


def test_v_date() -> None:
    assert v_date(optionnel=True)(None, CHAMP, None) is None
    v_date()(None, CHAMP, dt.date(2024, 2, 29))
    moment = dt.datetime(2024, 2, 29, 12, tzinfo=dt.UTC)
    erreur = _refus(v_date(), moment, ErreurType)
    assert (erreur.message, erreur.cle, erreur.valeur, erreur.attendu) == (
        "type refusé",
        "champ",
        moment,
        "une date (datetime.date)",
    )
    assert _refus(v_date(), None, ErreurType).attendu == "une date (datetime.date)"


# --- textes --------------------------------------------------------------------------------


def test_caracteres_de_controle() -> None:
    assert caracteres_de_controle("Échéance — 1 000 €") is False
    assert caracteres_de_controle("a\tb") is True
    assert caracteres_de_controle("a\u200bb") is True  # espace sans chasse : catégorie Cf
    # non imprimable sans être un caractère de contrôle : séparateur de ligne (Zl)
    assert caracteres_de_controle("a\u2028b") is False
    assert caracteres_de_controle("a\u00a0b") is False  # espace insécable (Zs)


def test_v_texte() -> None:
    assert v_texte(optionnel=True)(None, CHAMP, None) is None
    erreur = _refus(v_texte(), 3, ErreurType)
    assert (erreur.message, erreur.cle, erreur.valeur, erreur.attendu) == (
        "type refusé",
        "champ",
        3,
        "un texte",
    )
    assert _refus(v_texte(), None, ErreurType).attendu == "un texte"
    v_texte()(None, CHAMP, "  ")  # vide permis par défaut
    v_texte(vide=False)(None, CHAMP, " x ")
    erreur = _refus(v_texte(vide=False), " \u00a0 ")
    assert (erreur.message, erreur.cle, erreur.attendu) == (
        "texte vide",
        "champ",
        "un texte non vide",
    )
    erreur = _refus(v_texte(), "a\u2028b\x07")
    assert (erreur.message, erreur.cle, erreur.valeur, erreur.attendu) == (
        "caractère de contrôle refusé",
        "champ",
        "a\u2028b\x07",
        "un texte imprimable",
    )
    v_texte(longueur_max=3)(None, CHAMP, "abc")
    erreur = _refus(v_texte(longueur_max=3), "abcd")
    assert (erreur.message, erreur.cle, erreur.valeur, erreur.attendu) == (
        "texte trop long",
        "champ",
        "abcd",
        "au plus 3 caractères",
    )
    v_texte()(None, CHAMP, "x" * 500)
    assert _refus(v_texte(), "x" * 501).attendu == "au plus 500 caractères"


# --- instances, choix, tuples --------------------------------------------------------------


def test_v_instance() -> None:
    assert v_instance(int, optionnel=True)(None, CHAMP, None) is None
    erreur = _refus(v_instance(int, str), None, ErreurType)
    assert (erreur.message, erreur.cle, erreur.valeur, erreur.attendu) == (
        "type refusé",
        "champ",
        None,
        "int ou str",
    )
    assert _refus(v_instance(int), True, ErreurType).attendu == "int"
    v_instance(int, bool)(None, CHAMP, True)
    v_instance(bool)(None, CHAMP, False)
    v_instance(int)(None, CHAMP, 0)
    assert _refus(v_instance(int), 1.0, ErreurType).valeur == 1.0


def test_v_parmi() -> None:
    v_parmi("a", 1)(None, CHAMP, "a")
    v_parmi("a", 1)(None, CHAMP, 1)
    erreur = _refus(v_parmi("a", 1), True)  # True == 1, mais un booléen n'est pas un choix
    assert (erreur.message, erreur.cle, erreur.valeur, erreur.attendu) == (
        "valeur refusée",
        "champ",
        True,
        "a ou 1",
    )
    assert _refus(v_parmi("a", 1), "b").valeur == "b"


def test_v_tuple_de() -> None:
    v_tuple_de(int, str)(None, CHAMP, (1, "a"))
    v_tuple_de(int)(None, CHAMP, ())
    erreur = _refus(v_tuple_de(int), [1], ErreurType)
    assert (erreur.message, erreur.cle, erreur.valeur, erreur.attendu) == (
        "type refusé",
        "champ",
        [1],
        "un tuple",
    )
    erreur = _refus(v_tuple_de(int, Decimal), (1, Decimal(2), "3"), ErreurType)
    assert (erreur.message, erreur.cle, erreur.valeur, erreur.attendu) == (
        "type refusé",
        "champ[2]",
        "3",
        "int ou Decimal",
    )
    erreur = _refus(v_tuple_de(int), (1, False), ErreurType)
    assert (erreur.cle, erreur.valeur) == ("champ[1]", False)
