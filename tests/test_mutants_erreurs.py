"""Erreurs typées (``erreurs.py``) : message situé, valeur reçue abrégée, copie située, dictionnaire
JSON (tests écrits pour les mutants de ce module)."""

from __future__ import annotations

import datetime as dt
import enum
import pickle
from decimal import Decimal

import pytest

from collectivites.erreurs import (
    ABSENT,
    ErreurCollectivites,
    ErreurDonnees,
    ErreurDossier,
    ErreurEntree,
    ErreurPlugin,
    ErreurSortie,
    ErreurType,
    ErreurValeur,
)


class _Rang(enum.IntEnum):
    PREMIER = 1


def test_absent_unique_et_nomme() -> None:
    assert repr(ABSENT) == "ABSENT"
    assert pickle.loads(pickle.dumps(ABSENT)) is ABSENT


def test_message_nu() -> None:
    erreur = ErreurValeur("doit être > 0")
    assert str(erreur) == "doit être > 0"
    assert erreur.args == ("doit être > 0",)
    assert erreur.message == "doit être > 0"
    assert (erreur.cle, erreur.attendu, erreur.fichier, erreur.ligne) == (None, None, None, None)
    assert erreur.valeur is ABSENT


def test_message_situe_et_complete() -> None:
    erreur = ErreurDossier(
        "doit être > 0", fichier="p.toml", ligne=3, cle="duree", valeur=0, attendu="> 0"
    )
    assert str(erreur) == (
        "fichier « p.toml », ligne 3, clé « duree » : doit être > 0 (reçu : 0 ; attendu : > 0)"
    )
    assert str(ErreurValeur("m", ligne=0)) == "ligne 0 : m"
    assert str(ErreurValeur("m", cle="c")) == "clé « c » : m"
    assert str(ErreurValeur("m", fichier="f")) == "fichier « f » : m"
    assert str(ErreurValeur("m", valeur=None)) == "m (reçu : None)"
    assert str(ErreurValeur("m", attendu="a")) == "m (attendu : a)"
    assert str(ErreurValeur("m", fichier="", cle="", attendu="")) == "m"


def test_valeur_recue_montree() -> None:
    def montre(valeur: object) -> str:
        return str(ErreurValeur("m", valeur=valeur)).removeprefix("m (reçu : ").removesuffix(")")

    assert montre(Decimal("1.50")) == "1.50"
    assert montre(dt.date(2024, 1, 31)) == "2024-01-31"
    assert montre(dt.datetime(2024, 1, 31, 12, 0, tzinfo=dt.UTC)) == "2024-01-31 12:00:00+00:00"
    assert montre(_Rang.PREMIER) == "1"
    assert montre(True) == "True"
    assert montre("1.50") == "'1.50'"
    assert montre(1.5) == "1.5"
    assert montre("x" * 78) == "'" + "x" * 78 + "'"  # 80 caractères : entier
    assert montre("x" * 79) == "'" + "x" * 78 + "…"  # 81 : coupé à 79, plus « … »
    assert len(montre(b"\x00" * 1_000_000)) == 80


def test_situer() -> None:
    erreur = ErreurValeur("m", cle="duree", valeur=0)
    situee = erreur.situer(fichier="p.toml", prefixe="lignes[1]", ligne=4)
    assert situee is not erreur
    assert type(situee) is ErreurValeur
    assert (situee.fichier, situee.ligne, situee.cle) == ("p.toml", 4, "lignes[1].duree")
    assert situee.args == ("m",)
    assert str(situee) == "fichier « p.toml », ligne 4, clé « lignes[1].duree » : m (reçu : 0)"
    # l'original est intact
    assert (erreur.fichier, erreur.ligne, erreur.cle) == (None, None, "duree")
    # ce qui est déjà situé le reste
    deja = ErreurValeur("m", fichier="a.csv", ligne=2).situer(fichier="b.csv", ligne=9)
    assert (deja.fichier, deja.ligne) == ("a.csv", 2)
    # sans clé : le préfixe devient la clé ; ligne 0 est une ligne
    nue = ErreurValeur("m").situer(prefixe="taux", ligne=0)
    assert (nue.cle, nue.ligne, nue.fichier) == ("taux", 0, None)
    assert ErreurValeur("m", cle="c").situer().cle == "c"
    assert ErreurValeur("m").situer(fichier="").fichier is None


def test_en_dict() -> None:
    erreur = ErreurDossier("m", fichier="f.csv", ligne=2, cle="c", valeur="x" * 100, attendu="a")
    assert erreur.en_dict() == {
        "erreur": "ErreurDossier",
        "message": str(erreur),
        "fichier": "f.csv",
        "ligne": 2,
        "cle": "c",
        "valeur": "'" + "x" * 78 + "…",
        "attendu": "a",
    }
    assert ErreurType("m").en_dict() == {
        "erreur": "ErreurType",
        "message": "m",
        "fichier": None,
        "ligne": None,
        "cle": None,
        "valeur": None,
        "attendu": None,
    }
    assert ErreurType("m", valeur=None).en_dict()["valeur"] == "None"


def test_hierarchie() -> None:
    assert issubclass(ErreurValeur, ValueError)
    assert issubclass(ErreurType, TypeError)
    assert issubclass(ErreurDonnees, LookupError)
    assert issubclass(ErreurPlugin, ImportError)
    assert issubclass(ErreurSortie, OSError)
    assert issubclass(ErreurEntree, ErreurDossier)
    assert issubclass(ErreurDossier, ErreurValeur)
    for classe in (ErreurValeur, ErreurType, ErreurDonnees, ErreurPlugin, ErreurSortie):
        assert issubclass(classe, ErreurCollectivites)


def _reconstruire(classe: type[ErreurValeur], etat: dict[str, object]) -> ErreurValeur:
    erreur = classe.__new__(classe)
    erreur.__dict__ = etat  # le même dictionnaire, comme tblib (installé par distributed)
    return erreur


def test_situer_sous_une_reduction_qui_partage_le_dictionnaire(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """distributed installe la réduction des exceptions de tblib, dont la copie partage le
    ``__dict__`` de l'original : situer la copie ne doit pas situer l'erreur d'origine."""
    import copyreg

    monkeypatch.setitem(
        copyreg.dispatch_table,
        ErreurValeur,
        lambda e: (_reconstruire, (type(e), e.__dict__)),
    )
    erreur = ErreurValeur("m", cle="duree", valeur=0)
    situee = erreur.situer(fichier="p.toml", prefixe="lignes[1]", ligne=4)
    assert (situee.fichier, situee.ligne, situee.cle) == ("p.toml", 4, "lignes[1].duree")
    assert (erreur.fichier, erreur.ligne, erreur.cle) == (None, None, "duree")
