"""Énumérations françaises (``_enum.py``) : lecture tolérante, alias, suggestion, libellés
(tests écrits pour les mutants de ce module)."""

from __future__ import annotations

import pytest

from collectivites._enum import EnumFr, convertir, decrire, normaliser_mot
from collectivites.erreurs import ErreurType, ErreurValeur


class _Regle(EnumFr):
    JOUR_OUVRE_SUIVANT = "jour_ouvre_suivant"
    AUCUNE = "aucune"
    SANS_LIBELLE = "sans_libelle"


decrire(
    _Regle,
    {"jour_ouvre_suivant": "jour ouvré suivant", "aucune": "aucun report"},
    alias={"Ancien Nom": "aucune", "ouvré": "jour_ouvre_suivant"},
)


class _Nue(EnumFr):
    A = "a"


@pytest.mark.parametrize(
    ("texte", "attendu"),
    [
        ("Jour ouvré suivant", "jour_ouvre_suivant"),
        ("  jour-ouvré__suivant  ", "jour_ouvre_suivant"),
        ("ÉCHÉANCE", "echeance"),
        ("ﬁn", "fin"),  # ligature décomposée (NFKD)
        ("a\tb\nc", "a_b_c"),
        ("", ""),
    ],
)
def test_normaliser_mot(texte: str, attendu: str) -> None:
    assert normaliser_mot(texte) == attendu


def test_valeur_lue_sans_casse_ni_accents() -> None:
    assert _Regle("jour_ouvre_suivant") is _Regle.JOUR_OUVRE_SUIVANT
    assert _Regle("Jour ouvré suivant") is _Regle.JOUR_OUVRE_SUIVANT
    assert _Regle(" AUCUNE ") is _Regle.AUCUNE


def test_alias() -> None:
    assert _Regle("ancien nom") is _Regle.AUCUNE
    assert _Regle("ANCIEN-NOM") is _Regle.AUCUNE
    assert _Regle("ouvre") is _Regle.JOUR_OUVRE_SUIVANT
    with pytest.raises(ErreurValeur):
        _Nue("ancien_nom")  # les alias d'une énumération ne valent pas pour une autre


def test_valeur_inconnue_avec_suggestion() -> None:
    with pytest.raises(ErreurValeur) as erreur:
        _Regle("aucun")
    assert str(erreur.value) == (
        "valeur inconnue ; vouliez-vous dire « aucune » ? (reçu : 'aucun' ; attendu : "
        "jour_ouvre_suivant, aucune, sans_libelle)"
    )
    with pytest.raises(ErreurValeur) as erreur:
        _Regle("zzz")
    assert erreur.value.message == "valeur inconnue"
    assert erreur.value.cle is None
    # sous le seuil de ressemblance (0,6) : aucune suggestion ; « aucu » en est à 0,8
    with pytest.raises(ErreurValeur) as erreur:
        _Regle("au")
    assert erreur.value.message == "valeur inconnue"
    with pytest.raises(ErreurValeur, match="vouliez-vous dire « aucune »"):
        _Regle("aucu")


def test_type_refuse() -> None:
    with pytest.raises(ErreurType) as erreur:
        _Regle(3)
    assert str(erreur.value) == (
        "type refusé pour _Regle (reçu : 3 ; attendu : jour_ouvre_suivant, aucune, sans_libelle)"
    )


def test_libelles() -> None:
    assert _Regle.JOUR_OUVRE_SUIVANT.libelle == "jour ouvré suivant"
    assert _Regle.AUCUNE.libelle == "aucun report"
    assert _Regle.SANS_LIBELLE.libelle == "sans_libelle"
    assert _Nue.A.libelle == "a"


def test_decrire_copie_les_libelles() -> None:
    class _Copie(EnumFr):
        X = "x"

    libelles = {"x": "ex"}
    decrire(_Copie, libelles)
    libelles["x"] = "changé"
    assert _Copie.X.libelle == "ex"
    with pytest.raises(ErreurValeur):
        _Copie("y")  # aucun alias déclaré


def test_convertir_nomme_la_cle() -> None:
    assert convertir(_Regle, "Aucune", "report") is _Regle.AUCUNE
    with pytest.raises(ErreurValeur) as erreur:
        convertir(_Regle, "zzz", "regles[2].report")
    assert erreur.value.cle == "regles[2].report"
    assert erreur.value.message == "valeur inconnue"
    with pytest.raises(ErreurType) as erreur_type:
        convertir(_Regle, None, "report")
    assert erreur_type.value.cle == "report"
