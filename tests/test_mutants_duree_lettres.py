"""Durées écrites en lettres puis en chiffres (``regles/delais/_duree.py``, ``_en_lettres``) :
« cent », « cents », « mille », « quatre-vingts » et le tiret final d'une forme de contrat
(« quarante- (40) jours ») comptent comme en français ; un nombre en lettres qui ne dit pas les
chiffres est refusé en disant les deux nombres.
"""

from __future__ import annotations

import pytest

from collectivites.erreurs import ErreurValeur
from collectivites.regles.delais import lire_duree


@pytest.mark.parametrize(
    ("texte", "quantite"),
    [
        ("cent (100) jours", 100),
        ("deux cents (200) jours", 200),
        ("trois cent soixante-cinq (365) jours", 365),
        ("quatre-vingts (80) jours", 80),
        ("quatre-vingt-dix (90) jours", 90),
        ("cent quatre-vingts (180) jours", 180),
        ("mille (1000) jours", 1000),
        ("deux mille (2000) jours", 2000),
        ("mille deux cents (1200) jours", 1200),
        ("deux mille cinq (2005) jours", 2005),
        ("quarante- (40) jours", 40),
        ("quarante -(40) jours", 40),
    ],
)
def test_nombre_en_lettres_lu(texte: str, quantite: int) -> None:
    assert lire_duree(texte).quantite == quantite


@pytest.mark.parametrize(
    ("texte", "lettres", "valeur", "chiffres"),
    [
        ("cent (200) jours", "cent", 100, 200),
        ("deux cents (100) jours", "deux cents", 200, 100),
        ("mille (2000) jours", "mille", 1000, 2000),
        ("deux mille (1000) jours", "deux mille", 2000, 1000),
        ("quatre-vingts (24) jours", "quatre-vingts", 80, 24),
        ("cent quatre-vingts (124) jours", "cent quatre-vingts", 180, 124),
    ],
)
def test_lettres_et_chiffres_differents_refuses(
    texte: str, lettres: str, valeur: int, chiffres: int
) -> None:
    with pytest.raises(ErreurValeur) as erreur:
        lire_duree(texte)
    assert erreur.value.message == (
        f"durée incertaine : « {lettres} » fait {valeur}, les chiffres disent {chiffres}"
    )
