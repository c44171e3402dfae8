"""Dossier d'indemnités (``regles/indemnites/_dossier.py``, ``_dossier_ecretement.py``) : la
commune d'un dossier communal, le refus de la demander à un dossier départemental, et l'absence
d'exemple livré pour l'écrêtement, dite en clair."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from collectivites.erreurs import ErreurDossier, ErreurValeur
from collectivites.regles.indemnites import (
    calculer_dossier_indemnites,
    exemple_ecretement,
    exemple_indemnites,
    indemnites_depuis_donnees,
)


def test_commune_d_un_dossier_communal() -> None:
    commune = exemple_indemnites("indemnites-oraison-2023").commune
    assert commune.nom == "Oraison"


def test_commune_d_un_dossier_departemental_refusee() -> None:
    dossier = indemnites_depuis_donnees(
        {
            "departement": {"nom": "Lozère", "population": 76000, "date": dt.date(2024, 1, 1)},
            "elus": [{"nom": "Présidente", "fonction": "président", "taux": "145 %"}],
        }
    )
    with pytest.raises(ErreurValeur) as refus:
        dossier.commune  # noqa: B018 - la propriété refuse
    assert (refus.value.message, refus.value.cle) == (
        "le dossier ne décrit pas une commune",
        "commune",
    )


def test_aucun_exemple_d_ecretement() -> None:
    with pytest.raises(ErreurDossier) as refus:
        exemple_ecretement("oraison")
    assert refus.value.message == (
        "aucun exemple livré pour l'écrêtement : donner un dossier TOML (guide « Majorations "
        "et enveloppe des indemnités », section « L'écrêtement »)"
    )
    assert refus.value.valeur == "oraison"


ELUS = [{"nom": "Maire", "fonction": "maire", "taux": "10 %"}]
JOUR = dt.date(2024, 1, 1)


@pytest.mark.parametrize(
    ("tables", "valeur"),
    [
        ({}, "aucune"),
        (
            {
                "commune": {"nom": "X", "population": 100, "date": JOUR},
                "departement": {"nom": "Y", "population": 100, "date": JOUR},
            },
            "[commune], [departement]",
        ),
    ],
)
def test_une_collectivite_et_une_seule(tables: dict[str, object], valeur: str) -> None:
    with pytest.raises(ErreurDossier) as refus:
        indemnites_depuis_donnees({**tables, "elus": ELUS})
    assert (refus.value.message, refus.value.valeur, refus.value.attendu) == (
        "un dossier d'indemnités décrit une collectivité et une seule",
        valeur,
        "[commune], [departement], [region] ou [epci]",
    )


def test_immeubles_sinistres_et_renouvellement_lus() -> None:
    commune = indemnites_depuis_donnees(
        {
            "commune": {
                "nom": "X",
                "population": 1000,
                "date": JOUR,
                "immeubles_sinistres": "30 %",
                "renouvellement": dt.date(2020, 3, 15),
            },
            "elus": ELUS,
        }
    ).commune
    assert (commune.immeubles_sinistres, commune.renouvellement) == (
        Decimal("0.3"),
        dt.date(2020, 3, 15),
    )


def _communal(**tete: object) -> object:
    commune = {"nom": "X", "population": 1000, "date": JOUR, **tete}
    return indemnites_depuis_donnees({"commune": commune, "elus": ELUS})


def test_source_et_hypotheses_en_tete_des_hypotheses_du_calcul() -> None:
    sans = calculer_dossier_indemnites(_communal())
    avec = calculer_dossier_indemnites(
        _communal(source="Délibération du 4 juillet 2020", hypotheses=["Population 2020."])
    )
    assert avec.hypotheses == (
        "Source : Délibération du 4 juillet 2020.",
        "Population 2020.",
        *sans.hypotheses,
    )


def test_hypotheses_sans_source() -> None:
    sans = calculer_dossier_indemnites(_communal())
    seules = calculer_dossier_indemnites(_communal(hypotheses=["Population 2020."]))
    assert seules.hypotheses == ("Population 2020.", *sans.hypotheses)
    source = calculer_dossier_indemnites(_communal(source="PV"))
    assert source.hypotheses == ("Source : PV.", *sans.hypotheses)
