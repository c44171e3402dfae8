"""La façade ``collectivites.prets`` : l'avertissement d'un nom parti dans ``rouages`` désigne
la ligne de l'appelant (niveau 3 : l'accès déprécié, le ``__getattr__`` de la façade, puis
l'appelant). Dans l'atelier de mutation, le trampoline de mutmut ajoute ses propres cadres entre
l'appelant et la fonction : la ligne désignée y est toujours une ligne de mutmut, original
compris, et le test n'y vérifie que le message (les mutants du niveau sont écartés comme
indiscernables, voir mutation/equivalents.toml)."""

from __future__ import annotations

import os
import warnings

from collectivites import prets
from collectivites.prets import rouages


def test_avertissement_a_la_ligne_de_l_appelant() -> None:
    with warnings.catch_warnings(record=True) as vus:
        warnings.simplefilter("always")
        valeur = prets.fusionner
    assert valeur is rouages.fusionner
    (vu,) = vus
    assert vu.category is DeprecationWarning
    assert str(vu.message) == (
        "« collectivites.prets.fusionner » est déprécié et disparaîtra : employez "
        "« collectivites.prets.rouages.fusionner »."
    )
    if "MUTANT_UNDER_TEST" not in os.environ:  # hors de l'atelier de mutation
        assert vu.filename == __file__
