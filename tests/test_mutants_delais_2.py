"""Délais (``regles/delais/_calcul.py``), suite (issue 27) : le résultat expliqué garde la
durée lue, ses jours fériés sont ceux de la zone demandée, son explication finit par un point.

Jours fériés : en Alsace-Moselle, le 26 décembre est férié en plus du 25 (C. trav. L3134-13) ;
en métropole hors Alsace-Moselle, seul le 25 l'est (C. trav. L3133-1).
"""

from __future__ import annotations

import datetime as dt

from collectivites.regles.delais import detailler_delai

D = dt.date


def test_jours_feries_de_la_zone_demandee() -> None:
    """20/12/2024 + 10 jours = 30/12/2024 (un lundi, pas de report) ; les fériés rencontrés
    entre les deux dépendent de la zone."""
    alsace = detailler_delai(D(2024, 12, 20), "10 jours", zone="alsace-moselle")
    metropole = detailler_delai(D(2024, 12, 20), "10 jours")
    assert alsace.date == metropole.date == D(2024, 12, 30)
    assert [j.date for j in alsace.jours_feries] == [D(2024, 12, 25), D(2024, 12, 26)]
    assert [j.date for j in metropole.jours_feries] == [D(2024, 12, 25)]


def test_le_resultat_garde_la_duree_lue() -> None:
    resultat = detailler_delai(D(2024, 3, 1), "2 mois et 3 jours")
    assert resultat.duree is not None
    assert (resultat.duree.quantite, resultat.duree.puis.quantite) == (2, 3)  # type: ignore[union-attr]
    assert resultat.date == D(2024, 5, 4)  # 01/05/2024 + 3 jours, un samedi : terme brut


def test_explication_finit_par_un_point() -> None:
    """01/03/2024 + 10 jours = 11/03/2024, un lundi : pas de report."""
    explication = detailler_delai(D(2024, 3, 1), "10 jours").explication
    assert explication.startswith("10 jours après le 01/03/2024 (")
    assert explication.endswith(") : terme 11/03/2024.")


def test_zone_inconnue_refusee_meme_par_le_chemin_rapide() -> None:
    """« 15 jours ouvrés » déjà lue (en cache) : une zone inconnue est refusée en français, sur
    la clé « zone », et non par une erreur interne. 26/04/2024 + 15 jours ouvrés = 23/05/2024
    (1er, 8 et 9 mai — Ascension — et 20 mai — lundi de Pentecôte — fériés, C. trav. L3133-1)."""
    import pytest

    from collectivites.erreurs import ErreurCollectivites
    from collectivites.regles.delais import calculer_delai

    assert calculer_delai(D(2024, 4, 26), "15 jours ouvrés") == D(2024, 5, 23)
    with pytest.raises(ErreurCollectivites) as info:
        calculer_delai(D(2024, 4, 26), "15 jours ouvrés", zone="atlantide")
    assert (info.value.cle, info.value.valeur) == ("zone", "atlantide")


# --- semaines, années, délais francs --------------------------------------------------------------


def test_semaines_et_annees() -> None:
    """2 semaines = 14 jours : 01/03/2024 → 15/03/2024 ; 1 an = 12 mois : 15/03/2024 →
    15/03/2025 ; 2 ans après le 29/02/2024 : 28/02/2026 (pas de 29 février, dernier jour du
    mois)."""
    from collectivites.regles.delais import calculer_delai

    assert calculer_delai(D(2024, 3, 1), "2 semaines") == D(2024, 3, 15)
    assert calculer_delai(D(2024, 3, 15), "1 an") == D(2025, 3, 15)
    assert calculer_delai(D(2024, 2, 29), "2 ans") == D(2026, 2, 28)


def test_delai_franc_compose_et_en_jours_ouvres() -> None:
    """Délai franc (CE 15 déc. 2023, n° 472836) : le jour de l'échéance ne compte pas, le délai
    expire le lendemain du dernier jour. 01/03/2024 + 1 mois = 01/04, + 2 jours = 03/04 : expire
    le 04/04/2024 (jeudi). Vendredi 01/03/2024 + 2 jours ouvrés = mardi 05/03 : expire le
    mercredi 06/03/2024."""
    from collectivites.regles.delais import calculer_delai

    assert calculer_delai(D(2024, 3, 1), "1 mois et 2 jours", regime="franc") == D(2024, 4, 4)
    assert calculer_delai(D(2024, 3, 1), "2 jours ouvrés", regime="franc") == D(2024, 3, 6)


def test_refus_de_la_duree_sur_la_cle_duree() -> None:
    import pytest

    from collectivites.erreurs import ErreurCollectivites
    from collectivites.regles.delais import calculer_delai

    for duree in (["1 jour"], "3 jours ouvrés et 1 mois", "x"):
        with pytest.raises(ErreurCollectivites) as info:
            calculer_delai(D(2024, 3, 1), duree)  # type: ignore[arg-type]
        assert info.value.cle == "duree"


def test_depart_qui_n_est_pas_une_date_refuse_en_francais() -> None:
    import pytest

    from collectivites.erreurs import ErreurType
    from collectivites.regles.delais import calculer_delai

    with pytest.raises(ErreurType) as info:
        calculer_delai("2024-03-01", "1 jour")  # type: ignore[arg-type]
    erreur = info.value
    assert (erreur.message, erreur.cle, erreur.valeur, erreur.attendu) == (
        "type refusé",
        "depart",
        "2024-03-01",
        "une date (datetime.date)",
    )
