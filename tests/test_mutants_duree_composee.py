"""Durées en lettres avec « et » (« vingt et un (21) jours ») et durées composées (« un mois
et quinze jours », C. proc. civ. art. 641) : ``regles/delais/_duree.py``.

Chaque cas vient de la manière d'écrire un nombre en français (vingt et un, trente et un,
soixante et onze) et de la règle de lecture : le nombre en lettres doit dire les chiffres.
"""

from __future__ import annotations

import pytest

from collectivites.erreurs import ErreurCollectivites, ErreurType, ErreurValeur
from collectivites.regles.delais import Duree, Unite, lire_duree


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


def _champs(erreur: pytest.ExceptionInfo[ErreurCollectivites]) -> tuple[object, ...]:
    return (type(erreur.value), erreur.value.args, erreur.value.cle, erreur.value.valeur,
            erreur.value.attendu)  # fmt: skip


COMPOSEE = "des semaines, mois ou années, puis des jours (« 1 mois et 15 jours »)"


@pytest.mark.parametrize(
    ("premiere", "seconde", "texte"),
    [("jours", "jours", "1 jour et 2 jours"), ("mois", "mois", "1 mois et 2 mois")],
)
def test_duree_composee_invalide_refusee_exactement(
    premiere: str, seconde: str, texte: str
) -> None:
    with pytest.raises(ErreurValeur) as refus:
        Duree(quantite=1, unite=premiere, puis=Duree(quantite=2, unite=seconde))
    assert _champs(refus) == (ErreurValeur, ("durée composée invalide",), "duree", texte, COMPOSEE)


def test_duree_d_un_autre_type_refusee_exactement() -> None:
    with pytest.raises(ErreurType) as refus:
        lire_duree(5)  # type: ignore[arg-type]
    assert _champs(refus) == (ErreurType, ("type refusé",), "duree", 5, "un texte comme « 2 mois »")


def test_texte_de_deux_cents_caracteres_au_plus() -> None:
    assert lire_duree("15 jours".ljust(200)).quantite == 15
    texte = "15 jours".ljust(201)
    with pytest.raises(ErreurValeur) as refus:
        lire_duree(texte)
    assert _champs(refus) == (ErreurValeur, ("durée illisible",), "duree", texte, "un texte court")
