"""Durées en lettres avec « et » (« vingt et un (21) jours ») et durées composées (« un mois
et quinze jours », C. proc. civ. art. 641) : ``regles/delais/_duree.py``.

Chaque cas vient de la manière d'écrire un nombre en français (vingt et un, trente et un,
soixante et onze) et de la règle de lecture : le nombre en lettres doit dire les chiffres.
"""

from __future__ import annotations

import pytest

from collectivites.erreurs import ErreurValeur
from collectivites.regles.delais import Unite, lire_duree


@pytest.mark.parametrize(
    ("texte", "quantite"),
    [
        ("vingt et un (21) jours", 21),
        ("trente et un (31) jours", 31),
        ("soixante et onze (71) jours", 71),
        ("Vingt Et Un (21) jours", 21),
        ("vingt (20) jours", 20),
        ("soixante (60) jours", 60),
        ("quatre-vingt-un (81) jours", 81),
    ],
)
def test_nombre_avec_et_lu(texte: str, quantite: int) -> None:
    duree = lire_duree(texte)
    assert (duree.quantite, duree.unite, duree.puis) == (quantite, Unite.JOURS, None)


def test_vingt_et_un_composee_avec_des_jours() -> None:
    duree = lire_duree("un (1) mois et vingt et un (21) jours")
    assert (duree.quantite, duree.unite) == (1, Unite.MOIS)
    assert duree.puis is not None
    assert (duree.puis.quantite, duree.puis.unite) == (21, Unite.JOURS)


def test_vingt_et_un_qui_ne_dit_pas_les_chiffres() -> None:
    with pytest.raises(ErreurValeur) as refus:
        lire_duree("vingt et un (20) jours")
    assert "« vingt-et-un » fait 21, les chiffres disent 20" in str(refus.value)


@pytest.mark.parametrize("texte", ["un mois et quinze zorglubs", "deux mois et x jours"])
def test_refus_d_une_partie_nomme_toute_la_duree(texte: str) -> None:
    with pytest.raises(ErreurValeur) as refus:
        lire_duree(texte)
    assert refus.value.valeur == texte
