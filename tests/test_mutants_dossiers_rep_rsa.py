"""Dossiers REP et rSa lus de données (``regles/rep/_dossier.py``, ``regles/rsa/_dossier.py``) :
la table des pénalités refusée avec son chemin et ce qui était attendu ; les séries mensuelles,
la date d'arrêté d'un dossier rSa lues, nommées et sourcées."""

from __future__ import annotations

import copy
import datetime as dt
import tomllib
from decimal import Decimal
from importlib import resources
from typing import Any

import pytest

from collectivites.erreurs import ErreurDossier
from collectivites.regles.rep import rep_depuis_donnees
from collectivites.regles.rsa import rsa_depuis_donnees


def _exemple(nom: str) -> dict[str, Any]:
    texte = resources.files("collectivites.donnees").joinpath(f"exemples/{nom}.toml").read_text()
    return tomllib.loads(texte)


@pytest.mark.parametrize(
    ("penalites", "attendu"),
    [
        (
            "x",
            (
                "une table est attendue",
                "penalites",
                "x",
                "une table « code = nombre » ou « code = true »",
            ),
        ),
        (
            {"titres_non_conformes": "2"},
            (
                "type refusé",
                "penalites.titres_non_conformes",
                "2",
                "un nombre entier ou true/false",
            ),
        ),
    ],
)
def test_penalites_refusees(penalites: object, attendu: tuple[str, str, str, str]) -> None:
    donnees = copy.deepcopy(_exemple("rep-oraison-2022"))
    donnees["penalites"] = penalites
    with pytest.raises(ErreurDossier) as refus:
        rep_depuis_donnees(donnees)
    e = refus.value
    assert (e.message, e.cle, e.valeur, e.attendu) == attendu


def test_penalites_lues() -> None:
    dossier = rep_depuis_donnees(_exemple("rep-oraison-2022"))
    assert dict(dossier.penalites) == {
        "titres_non_conformes": 1,
        "arretes_non_communiques": True,
        "bilan_non_communique": False,
        "expeditions_non_tracees": 0,
    }


def test_series_mensuelles_et_date_d_arrete_d_un_dossier_rsa() -> None:
    donnees = copy.deepcopy(_exemple("rsa-lozere-2019"))
    donnees["estr_mensuels"] = [{"mois": "2019-01", "valeur": "-0,4 %"}]
    donnees["taux_reference_mensuels"] = [{"mois": "2019-01", "valeur": "0,1 %"}]
    donnees["date_arrete"] = dt.date(2019, 12, 31)
    dossier = rsa_depuis_donnees(donnees)
    assert dossier.date_arrete == dt.date(2019, 12, 31)
    estr, taux = dossier.estr_mensuels, dossier.taux_mensuels
    assert estr is not None and taux is not None
    assert (estr.nom, estr.source) == ("€STR fourni", "dossier")
    assert (taux.nom, taux.source) == ("taux de référence fournis", "dossier")
    assert [(p.date_effet, p.valeur) for p in estr.points] == [
        (dt.date(2019, 1, 1), Decimal("-0.004"))
    ]
    assert [(p.date_effet, p.valeur) for p in taux.points] == [
        (dt.date(2019, 1, 1), Decimal("0.001"))
    ]


def test_sans_series_mensuelles() -> None:
    dossier = rsa_depuis_donnees(_exemple("rsa-lozere-2019"))
    assert (dossier.estr_mensuels, dossier.date_arrete) == (None, None)
