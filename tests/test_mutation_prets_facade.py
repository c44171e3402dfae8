"""La façade ``collectivites.prets`` (son ``__getattr__`` et son ``__dir__``, PEP 562) : chaque
nom public se charge de son sous-module au premier usage puis reste dans le module ; un nom qui
a quitté la façade pour ``rouages`` s'importe encore avec un ``DeprecationWarning`` ; un nom
inconnu lève ``AttributeError`` (issue 27, tests de mutation)."""

from __future__ import annotations

import importlib
import warnings

import pytest

from collectivites import prets


@pytest.mark.parametrize(
    ("nom", "module"),
    [
        ("charger_pret", "collectivites.prets._dossier"),
        ("lire_portefeuille", "collectivites.prets._tableur"),
        ("convertir_en_parquet", "collectivites.prets._parquet"),
        ("MoteurCalcul", "collectivites.prets._repartition"),
    ],
)
def test_nom_public_charge_de_son_module_puis_garde(nom: str, module: str) -> None:
    vars(prets).pop(nom, None)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        valeur = prets.__getattr__(nom)
    assert valeur is getattr(importlib.import_module(module), nom)
    assert vars(prets)[nom] is valeur  # les usages suivants ne repassent pas par __getattr__


def test_nom_deplace_dans_les_rouages() -> None:
    from collectivites.prets import rouages

    with pytest.warns(DeprecationWarning, match="fusionner") as vus:
        valeur = prets.__getattr__("fusionner")
    assert valeur is rouages.fusionner
    assert str(vus[0].message) == (
        "« collectivites.prets.fusionner » est déprécié et disparaîtra : employez "
        "« collectivites.prets.rouages.fusionner »."
    )
    assert "fusionner" not in vars(prets)


def test_nom_inconnu() -> None:
    with pytest.raises(AttributeError) as erreur:
        prets.__getattr__("projeter_tout")
    assert str(erreur.value) == "module 'collectivites.prets' has no attribute 'projeter_tout'"


def test_dir_trie_avec_tous_les_noms_publics() -> None:
    noms = prets.__dir__()
    assert noms == sorted(noms)
    assert set(prets.__all__) <= set(noms)
    assert "__getattr__" in noms and "_MODULES" in noms
    assert len(noms) == len(set(noms))
