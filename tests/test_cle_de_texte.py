"""La clé d'unicité d'un texte déjà validé (``cle_de_texte_valide``), appelée hors moteur par le
constructeur d'un prêt : la même que :func:`collectivites.chargement.cle_unicite`."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from collectivites.chargement import cle_unicite
from collectivites.chargement._schema import cle_de_texte_valide
from collectivites.erreurs import ErreurValeur
from collectivites.prets import Garant
from collectivites.prets._modeles import _garants_valides


@given(st.text(alphabet=st.sampled_from("aAéÉe\u0301 \u00a0\u202f\tßSß-")))
def test_meme_cle_que_cle_unicite(texte: str) -> None:
    assert cle_de_texte_valide(texte) == cle_unicite(texte)


def test_exemples() -> None:
    assert cle_de_texte_valide("  Oraison\u00a0 ") == "oraison"
    assert cle_de_texte_valide("E\u0301tang  du\u202fMoulin") == "étang du moulin"


def test_garants_de_meme_nom_a_une_espace_insecable_pres_refuses() -> None:
    garants = (
        Garant(nom="Commune d'Oraison", quotite=Decimal("0.5")),
        Garant(nom="COMMUNE D'ORAISON\u00a0", quotite=Decimal("0.5")),
    )
    with pytest.raises(ErreurValeur) as refus:
        _garants_valides("garants", garants)
    assert (refus.value.message, refus.value.valeur) == (
        "garant présent deux fois",
        "Commune d'Oraison",
    )


def test_cle_facultative_absente_puis_cle_presente() -> None:
    """Une clé facultative absente prend son défaut, et la lecture continue aux clés suivantes
    (la dernière, présente, est lue)."""
    from collectivites.chargement import Cle, Schema, Texte, lire

    schema = Schema(
        nom="essai",
        cles=(Cle("a", Texte(), "défaut"), Cle("b", Texte(), "autre défaut")),
        fabrique=lambda v: (v["a"], v["b"]),
    )
    assert lire(schema, {"b": "lu"}, fichier="f.toml") == ("défaut", "lu")
