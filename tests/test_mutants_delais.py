"""Délais (``regles/delais/_calcul.py``) aux bords du calendrier couvert, 1900 à 2199 (issue 27).

Une durée composée (« 1 mois et 2 jours ouvrés ») compte d'abord ses mois, puis les jours depuis
la date obtenue (C. proc. civ. art. 641) : ce terme intermédiaire doit lui aussi tomber dans le
calendrier couvert, sinon le décompte des jours ouvrés lirait les tables hors de leurs bornes. À
rebours, le décompte part de la veille et le dernier jour utile est la veille du dernier jour
compté (Cass. com., 14 mars 2018, n° 16-26.996) : il doit exister dans le calendrier.

Les jours de la semaine aux bords : le 1er janvier 1900 est un lundi (férié), le 31 décembre
2199 un mardi.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from collectivites.erreurs import ErreurValeur
from collectivites.regles.delais import calculer_delai, detailler_delai

D = dt.date
HORS_PLAGE = "date hors de la plage du calendrier"
ATTENDU = "une date des années 1900 à 2199"


def _refus(depart: dt.date, duree: str, **options: Any) -> None:
    calculer_delai(D(2024, 1, 2), duree, **options)  # durée et calendrier en cache (chemin rapide)
    for fonction in (calculer_delai, detailler_delai, calculer_delai):
        with pytest.raises(ErreurValeur) as info:
            fonction(depart, duree, **options)
        assert (info.value.message, info.value.attendu) == (HORS_PLAGE, ATTENDU)


def test_jours_des_bords() -> None:
    assert (D(1900, 1, 1).weekday(), D(2199, 12, 31).weekday()) == (0, 1)


@pytest.mark.parametrize(
    ("depart", "duree", "options"),
    [
        # un mois avant le 20 janvier 1900 : 20 décembre 1899, hors du calendrier, avant même
        # de compter les deux jours ouvrés
        (D(1900, 1, 20), "1 mois et 2 jours ouvrés", {"sens": "avant"}),
        (D(1900, 1, 20), "1 mois et 2 jours ouvrables", {"sens": "avant"}),
        (D(1900, 1, 20), "1 mois et 2 jours", {"sens": "avant"}),
        # un mois après le 20 décembre 2199 : 20 janvier 2200
        (D(2199, 12, 20), "1 mois et 2 jours ouvrés", {}),
        (D(2199, 12, 20), "1 an et 1 jour", {}),
        # deux mois avant le 1er mars 1900 : 1er janvier 1900, dans le calendrier, mais le
        # dernier jour utile serait le 31 décembre 1899
        (D(1900, 3, 1), "2 mois et 0 jour", {"sens": "avant"}),
        # à rebours : dernier jour compté le 1er janvier 1900, dernier jour utile la veille
        (D(1900, 1, 3), "2 jours", {"sens": "avant"}),
        (D(1900, 1, 2), "1 jour ouvré", {"sens": "avant"}),
        # après : le dernier jour ouvré couvert est le mardi 31 décembre 2199
        (D(2199, 12, 31), "1 jour ouvré", {}),
        (D(2199, 12, 30), "5 jours ouvrés", {}),
        (D(2199, 12, 31), "1 jour", {}),
        # départ hors du calendrier, même avec une durée déjà en cache
        (D(1899, 12, 31), "1 jour ouvré", {}),
        (D(1899, 12, 1), "1 jour ouvré", {}),  # pas lu à rebours depuis la fin des tables
        (D(2200, 1, 1), "1 jour ouvré", {}),
    ],
)
def test_hors_du_calendrier_refuse(depart: dt.date, duree: str, options: dict[str, Any]) -> None:
    _refus(depart, duree, **options)


@pytest.mark.parametrize(
    ("depart", "duree", "options", "attendu"),
    [
        # terme intermédiaire au tout premier jour couvert : admis
        (D(1900, 1, 1), "0 mois et 1 jour", {}, D(1900, 1, 2)),
        # terme intermédiaire au tout dernier jour couvert : admis
        (D(2199, 10, 31), "2 mois et 0 jour", {}, D(2199, 12, 31)),
        (D(2199, 12, 30), "1 jour ouvré", {}, D(2199, 12, 31)),
        (D(2199, 12, 30), "1 jour", {"regime": "cpc"}, D(2199, 12, 31)),
        (D(2199, 12, 31), "0 jour", {"regime": "cpc"}, D(2199, 12, 31)),
        # à rebours : dernier jour compté le 2 janvier 1900, dernier jour utile le 1er
        (D(1900, 1, 3), "1 jour", {"sens": "avant"}, D(1900, 1, 1)),
        (D(1900, 1, 3), "1 jour ouvré", {"sens": "avant"}, D(1900, 1, 1)),
        # un mois avant le 2 février 1900 : 2 janvier compté, 1er janvier utile (un jour de
        # plus : 1er janvier compté, dernier jour utile hors du calendrier, refusé plus bas)
        (D(1900, 2, 2), "1 mois et 0 jour", {"sens": "avant"}, D(1900, 1, 1)),
    ],
)
def test_aux_bords_admis(
    depart: dt.date, duree: str, options: dict[str, Any], attendu: dt.date
) -> None:
    assert calculer_delai(depart, duree, **options) == attendu
    assert calculer_delai(depart, duree, **options) == attendu  # durée en cache
    assert detailler_delai(depart, duree, **options).date == attendu


def test_un_mois_avant_un_2_fevrier_1900_et_un_jour_refuse() -> None:
    _refus(D(1900, 2, 2), "1 mois et 1 jour", sens="avant")


def test_delai_nul_en_jours_ouvres_le_jour_meme() -> None:
    """« 0 jour ouvré » depuis le samedi 22 juin 2024 : le jour même (régime simple), aussi
    quand la durée est déjà en cache."""
    assert [calculer_delai(D(2024, 6, 22), "0 jour ouvré") for _ in range(2)] == [
        D(2024, 6, 22),
        D(2024, 6, 22),
    ]


def test_jours_francs_dans_le_regime_franc_comptes_une_fois() -> None:
    """Régime « franc » : ni le jour de départ ni le dernier jour ne comptent. Cinq jours francs
    depuis le mardi 4 juin 2024 : 5, 6, 7, 8 et 9 juin entiers, expiration le lundi 10 ; « jours
    francs » dans ce régime ne rajoute pas un second jour."""
    assert calculer_delai(D(2024, 6, 4), "5 jours", regime="simple") == D(2024, 6, 9)
    assert calculer_delai(D(2024, 6, 4), "5 jours", regime="franc") == D(2024, 6, 10)
    assert calculer_delai(D(2024, 6, 4), "5 jours francs", regime="franc") == D(2024, 6, 10)
    assert calculer_delai(D(2024, 6, 4), "5 jours francs") == D(2024, 6, 10)


def test_duree_illisible_situee_sous_duree() -> None:
    for _ in range(2):
        with pytest.raises(ErreurValeur) as info:
            calculer_delai(D(2024, 1, 1), "2 siècles")
        assert info.value.cle == "duree"
        assert info.value.message.startswith("unité de délai inconnue : « siecles »")
