"""Délais : durées composées à rebours avec des jours francs, jours ouvrés à rebours depuis un
samedi, minimum de deux jours ouvrables du règlement 1182/71 (art. 3 § 5) seulement pour un
délai de deux jours ou plus, jours fériés nommés jusqu'au terme inclus. Dates calculées à la main
sur le calendrier de 2024 (le 1er mai est un mercredi, le 22 juin un samedi)."""

from __future__ import annotations

import datetime as dt

import pytest

from collectivites.regles.delais import calculer_delai, detailler_delai

D = dt.date


@pytest.mark.parametrize(
    ("depart", "duree", "options", "attendu"),
    [
        # « au moins 1 mois et 5 jours francs avant le 20 juin » : un mois → 20 mai, cinq jours →
        # 15 mai, dernier jour compté ; dernier jour utile la veille, le 14 mai.
        (D(2024, 6, 20), "1 mois et 5 jours francs", {"sens": "avant"}, D(2024, 5, 14)),
        # 1 mois après le 26 avril → dimanche 26 mai ; puis 2 jours ouvrés : lundi 27, mardi 28.
        (D(2024, 4, 26), "1 mois et 2 jours ouvrés", {}, D(2024, 5, 28)),
        # Deux jours ouvrés à rebours depuis le samedi 22 juin : vendredi 21 (1), jeudi 20 (2) ;
        # dernier jour utile la veille, mercredi 19.
        (D(2024, 6, 22), "2 jours ouvrés", {"sens": "avant"}, D(2024, 6, 19)),
        # Depuis le mercredi 19 : mardi 18 (1), lundi 17 (2) ; dernier jour utile dimanche 16 (on
        # agit plus tôt, la date ne recule pas vers un jour ouvré).
        (D(2024, 6, 19), "2 jours ouvrés", {"sens": "avant"}, D(2024, 6, 16)),
        # Règlement 1182/71 : « 1 jour ouvré » depuis le vendredi 21 juin → lundi 24 ; le minimum
        # de deux jours ouvrables (§ 5) ne vise que les délais de deux jours ou plus.
        (D(2024, 6, 21), "1 jour ouvré", {"regime": "ue-1182-71"}, D(2024, 6, 24)),
        # « 2 jours » depuis le vendredi 21 : dimanche 23 → lundi 24 (§ 4) ; un seul jour ouvrable
        # inclus, il en faut deux (§ 5) → mardi 25.
        (D(2024, 6, 21), "2 jours", {"regime": "ue-1182-71"}, D(2024, 6, 25)),
        # « 2 jours ouvrables » (lundi à samedi) depuis le vendredi 21 juin : samedi 22 (1), lundi
        # 24 (2). Le minimum du § 5 vise les délais exprimés en jours, pas en jours ouvrables.
        (D(2024, 6, 21), "2 jours ouvrables", {"regime": "ue-1182-71"}, D(2024, 6, 24)),
        # Délai nul au 1er janvier 1900 (lundi, férié) : le jour même en régime simple ; le
        # mardi 2 en régime cpc (art. 642).
        (D(1900, 1, 1), "0 jour", {}, D(1900, 1, 1)),
        (D(1900, 1, 1), "0 jour", {"regime": "cpc"}, D(1900, 1, 2)),
    ],
)
def test_date_calculee_a_la_main(
    depart: dt.date, duree: str, options: dict[str, str], attendu: dt.date
) -> None:
    assert calculer_delai(depart, duree, **options) == attendu  # type: ignore[arg-type]


def test_ferie_du_terme_nomme() -> None:
    """« 1 jour » après le 30 avril 2024 : mercredi 1er mai, férié, nommé dans le détail."""
    detail = detailler_delai(D(2024, 4, 30), "1 jour")
    assert detail.date == D(2024, 5, 1)
    assert [j.date for j in detail.jours_feries] == [D(2024, 5, 1)]
    depart_ferie = detailler_delai(D(2024, 5, 1), "1 jour")
    assert depart_ferie.jours_feries == ()  # le jour de départ ne compte pas


def test_ferie_du_dernier_jour_utile_nomme() -> None:
    """« 1 jour » avant le 3 mai 2024 : jour compté le 2, dernier jour utile le 1er mai, férié."""
    detail = detailler_delai(D(2024, 5, 3), "1 jour", sens="avant")
    assert detail.date == D(2024, 5, 1)
    assert [j.date for j in detail.jours_feries] == [D(2024, 5, 1)]


def test_detail_d_un_delai_qui_finit_en_2199() -> None:
    """Les jours fériés sont cherchés dans les seules années du délai (2200 est hors du
    calendrier couvert)."""
    detail = detailler_delai(D(2199, 12, 20), "10 jours")
    assert detail.date == D(2199, 12, 30)
    assert [j.date for j in detail.jours_feries] == [D(2199, 12, 25)]
