"""Délais par lots (``regles/delais/_lot.py``) : dates calculées à la main, par numpy, par une
liste et sans numpy ; chaque refus exact (issue 27).

Règles (voir ``_regimes.py``) : le jour de départ ne compte pas (C. proc. civ. art. 641) ; en
« cpc » et « franc », un terme un samedi, un dimanche ou un jour férié est prorogé au premier jour
ouvrable (art. 642) ; « franc » ajoute un jour ; « ue-1182-71 » : un délai de deux jours ou plus
comprend au moins deux jours ouvrables (règlement 1182/71, art. 3 § 5). À rebours, le dernier jour
utile est la veille du dernier jour compté, sans report (Cass. com., 14 mars 2018,
n° 16-26.996). Jours fériés utiles : 2024 — lundi de Pâques 1er avril (Vendredi saint 29 mars en
Alsace-Moselle), 1er, 8, 9 (Ascension) et 20 mai (Pentecôte), 25 décembre (et 26 en
Alsace-Moselle) ; 2025 — 1er janvier.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np
import pytest

from collectivites.erreurs import ABSENT, ErreurType, ErreurValeur
from collectivites.regles.delais import _lot, calculer_delais, lire_duree

D = dt.date
HORS = ("date hors de la plage du calendrier", "une date des années 1900 à 2199")

CAS = [
    # 15 jours ouvrés après le vendredi 26 avril 2024 : 29, 30 avril, 2, 3, 6, 7, 10, 13 à 17,
    # 21, 22, 23 mai (1er, 8, 9 et 20 mai fériés)
    (D(2024, 4, 26), "15 jours ouvrés", {}, D(2024, 5, 23)),
    # après le mardi 24 décembre 2024 : 26, 27, 30, 31, 2, 3, 6 à 10, 13 à 16 janvier ; en
    # Alsace-Moselle le 26 est férié : jusqu'au 17
    (D(2024, 12, 24), "15 jours ouvrés", {}, D(2025, 1, 16)),
    (D(2024, 12, 24), "15 jours ouvrés", {"zone": "alsace-moselle"}, D(2025, 1, 17)),
    # jours ouvrables (lundi à samedi) : samedi 30, mardi 2, mercredi 3 avril
    (D(2024, 3, 29), "3 jours ouvrables", {}, D(2024, 4, 3)),
    # zéro jour ouvré : le jour même ; en « cpc », le samedi 22 juin prorogé au lundi 24
    (D(2024, 6, 22), "0 jours ouvrés", {}, D(2024, 6, 22)),
    (D(2024, 6, 22), "0 jours ouvrés", {"regime": "cpc"}, D(2024, 6, 24)),
    # cinq jours après le mardi 4 juin : dimanche 9 ; prorogé au lundi 10 ; franc : lundi 10
    (D(2024, 6, 4), "5 jours", {}, D(2024, 6, 9)),
    (D(2024, 6, 4), "5 jours", {"regime": "cpc"}, D(2024, 6, 10)),
    (D(2024, 6, 4), "5 jours", {"regime": "franc"}, D(2024, 6, 10)),
    # dix jours francs : onze jours, vendredi 12 janvier
    (D(2024, 1, 1), "10 jours francs", {}, D(2024, 1, 12)),
    (D(2024, 1, 1), "2 semaines", {}, D(2024, 1, 15)),
    (D(2024, 1, 31), "1 mois", {}, D(2024, 2, 29)),
    (D(2024, 2, 29), "2 ans", {}, D(2026, 2, 28)),
    # deux mois (29 février) et trois jours : dimanche 3 mars ; prorogé au lundi 4
    (D(2023, 12, 31), "2 mois et 3 jours", {}, D(2024, 3, 3)),
    (D(2023, 12, 31), "2 mois et 3 jours", {"regime": "cpc"}, D(2024, 3, 4)),
    # règlement 1182/71 : deux jours après le vendredi 29 mars, dimanche 31, prorogé au mardi
    # 2 avril, qui n'est que le premier jour ouvrable : mercredi 3 ; un jour : mardi 2 (pas de
    # minimum) ; deux jours après le lundi 4 mars : mercredi 6 (deux jours ouvrables)
    (D(2024, 3, 29), "2 jours", {"regime": "ue-1182-71"}, D(2024, 4, 3)),
    (D(2024, 3, 29), "1 jour", {"regime": "ue-1182-71"}, D(2024, 4, 2)),
    (D(2024, 3, 4), "2 jours", {"regime": "ue-1182-71"}, D(2024, 3, 6)),
    # un jour après Noël : 26 décembre, férié en Alsace-Moselle (27)
    (D(2024, 12, 25), "1 jour", {"regime": "cpc"}, D(2024, 12, 26)),
    (D(2024, 12, 25), "1 jour", {"regime": "cpc", "zone": "alsace-moselle"}, D(2024, 12, 27)),
    # à rebours : un mois avant le 1er janvier 2025, dernier jour compté le 1er décembre,
    # dernier jour utile le samedi 30 novembre (pas de report)
    (D(2025, 1, 1), "1 mois", {"sens": "avant", "regime": "cpc"}, D(2024, 11, 30)),
    # dix jours francs avant le 20 janvier : jours comptés du 19 au 10, utile le 9
    (D(2024, 1, 20), "10 jours francs", {"sens": "avant"}, D(2024, 1, 9)),
    (D(2024, 6, 10), "5 jours", {"sens": "avant", "regime": "franc"}, D(2024, 6, 4)),
    # trois jours ouvrables avant le mardi 2 avril : samedi 30, vendredi 29, jeudi 28 ; utile
    # le 27
    (D(2024, 4, 2), "3 jours ouvrables", {"sens": "avant"}, D(2024, 3, 27)),
    # un jour ouvré avant un jour ouvré (lundi 24 juin : vendredi 21, utile le 20), avant un
    # dimanche (23 : vendredi 21, utile le 20), avant le mardi 25 (lundi 24, utile le 23)
    (D(2024, 6, 24), "1 jour ouvré", {"sens": "avant"}, D(2024, 6, 20)),
    (D(2024, 6, 23), "1 jour ouvré", {"sens": "avant"}, D(2024, 6, 20)),
    (D(2024, 6, 25), "1 jour ouvré", {"sens": "avant"}, D(2024, 6, 23)),
    # deux jours ouvrés « franc » après le vendredi 21 juin : mardi 25, plus un jour : mercredi
    (D(2024, 6, 21), "2 jours ouvrés", {"regime": "franc"}, D(2024, 6, 26)),
    # aux bords : le premier jour utile à rebours, le dernier jour ouvré couvert ; un mois avant
    # le 20 février 1900 (compté le 20 janvier, utile le 19), un mois avant le 31 décembre 2199
    # (compté le 30 novembre, pas de 31 ; utile le 29)
    (D(1900, 2, 20), "1 mois", {"sens": "avant"}, D(1900, 1, 19)),
    # le lundi 1er janvier 1900 est férié : le premier jour ouvré couvert est le mardi 2
    (D(1900, 1, 1), "1 jour ouvré", {}, D(1900, 1, 2)),
    (D(1900, 1, 1), "0 jours", {"regime": "cpc"}, D(1900, 1, 2)),
    (D(2199, 12, 31), "0 jours", {}, D(2199, 12, 31)),
    # un jour après le 1er janvier 1900 : le mardi 2, premier jour ouvré, sans report
    (D(1900, 1, 1), "1 jour", {"regime": "cpc"}, D(1900, 1, 2)),
    # un jour ouvré avant le mardi 31 décembre 2199, dernier jour ouvré couvert : compté le
    # lundi 30, utile le dimanche 29
    (D(2199, 12, 31), "1 jour ouvré", {"sens": "avant"}, D(2199, 12, 29)),
    # un mois et trois jours après le 10 janvier 2024 : 10 puis 13 février ; franc : mercredi 14
    (D(2024, 1, 10), "1 mois et 3 jours", {"regime": "franc"}, D(2024, 2, 14)),
    (D(2199, 12, 31), "1 mois", {"sens": "avant"}, D(2199, 11, 29)),
    (D(2199, 12, 30), "1 mois", {"sens": "avant"}, D(2199, 11, 29)),
    (D(1900, 1, 3), "1 jour", {"sens": "avant"}, D(1900, 1, 1)),
    (D(2199, 12, 30), "1 jour ouvré", {}, D(2199, 12, 31)),
]


def _sans_numpy(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_lot, "_numpy", lambda: None)


@pytest.mark.parametrize(("depart", "duree", "options", "attendu"), CAS)
def test_dates_a_la_main(
    depart: dt.date, duree: str, options: dict[str, Any], attendu: dt.date
) -> None:
    autre = D(2024, 7, 1)  # un second départ, d'une autre durée, dans le même lot
    assert calculer_delais([depart], duree, **options) == [attendu]
    assert calculer_delais([depart, depart], duree, **options) == [attendu, attendu]
    assert calculer_delais([depart], lire_duree(duree), **options) == [attendu]
    tableau = calculer_delais(np.array([depart], dtype="datetime64[D]"), duree, **options)
    assert tableau.dtype == np.dtype("datetime64[D]")
    assert tableau.tolist() == [attendu]
    melange = calculer_delais([autre, depart, autre], ["0 jour", duree, "0 jour"], **options)
    # zéro jour depuis le lundi 1er juillet : le jour même ; franc, le lendemain ; à rebours,
    # dernier jour compté le 1er, utile la veille
    zero = D(2024, 6, 30) if options.get("sens") == "avant" else D(2024, 7, 1)
    if options.get("regime") == "franc" and options.get("sens") != "avant":
        zero = D(2024, 7, 2)
    assert melange == [zero, attendu, zero]


@pytest.mark.parametrize(("depart", "duree", "options", "attendu"), CAS)
def test_dates_a_la_main_sans_numpy(
    depart: dt.date,
    duree: str,
    options: dict[str, Any],
    attendu: dt.date,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _sans_numpy(monkeypatch)
    assert calculer_delais([depart, depart], duree, **options) == [attendu, attendu]
    assert calculer_delais([depart, depart], [duree, duree], **options) == [attendu, attendu]


def test_durees_en_tableau_ou_en_tuple() -> None:
    departs = [D(2024, 1, 31), D(2024, 1, 31)]
    attendu = [D(2024, 2, 29), D(2024, 3, 31)]
    assert calculer_delais(departs, ("1 mois", "2 mois")) == attendu
    assert calculer_delais(departs, np.array(["1 mois", "2 mois"])) == attendu


def test_lots_vides() -> None:
    assert calculer_delais([], "1 mois") == []
    assert calculer_delais([], []) == []
    vide = calculer_delais(np.array([], dtype="datetime64[D]"), "1 mois")
    assert (vide.dtype, len(vide)) == (np.dtype("datetime64[D]"), 0)


def test_lots_vides_sans_numpy(monkeypatch: pytest.MonkeyPatch) -> None:
    _sans_numpy(monkeypatch)
    assert calculer_delais([], "1 mois") == []


def _refus(exception: type[Exception], *args: Any, **kwargs: Any) -> tuple[Any, ...]:
    with pytest.raises(exception) as info:
        calculer_delais(*args, **kwargs)
    e = info.value
    return (e.message, e.cle, e.valeur, e.attendu)  # type: ignore[attr-defined]


def test_refus_des_departs() -> None:
    date = D(2024, 1, 1)
    assert _refus(ErreurType, [date, "2024-01-02"], "1 mois") == (
        "type refusé",
        "departs[1]",
        "2024-01-02",
        "une date (datetime.date)",
    )
    heure = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
    assert _refus(ErreurType, [date, date, heure], "1 mois")[:3] == (
        "type refusé",
        "departs[2]",
        heure,
    )
    for departs, nom in (
        ("2024-01-01", "str"),
        (b"2024", "bytes"),
        ({date}, "set"),
        (date, "date"),
    ):
        assert _refus(ErreurType, departs, "1 mois") == (
            "type refusé",
            "departs",
            nom,
            "une suite de dates ou un tableau numpy datetime64",
        )


def test_refus_des_tableaux() -> None:
    attendu = "un tableau numpy de dates (datetime64) à une dimension"
    assert _refus(ErreurType, np.array([1.5]), "1 mois") == (
        "type refusé",
        "departs",
        "float64",
        attendu,
    )
    deux = np.array([["2024-01-01"]], dtype="datetime64[D]")
    assert _refus(ErreurType, deux, "1 mois") == (
        "type refusé",
        "departs",
        "datetime64[D]",
        attendu,
    )
    heures = np.array(["2024-01-01T00:00", "2024-01-02T10:00"], dtype="datetime64[m]")
    assert _refus(ErreurValeur, heures, "1 mois") == (
        "une date de départ porte une heure",
        "departs[1]",
        "2024-01-02T10:00",
        None,
    )
    # minuit juste : une date
    minuit = np.array(["2024-01-31T00:00"], dtype="datetime64[m]")
    assert calculer_delais(minuit, "1 mois").tolist() == [D(2024, 2, 29)]
    absente = np.array(["2024-01-01", "2024-01-02", "NaT"], dtype="datetime64[D]")
    assert _refus(ErreurValeur, absente, "1 mois") == (
        "date absente (NaT)",
        "departs[2]",
        ABSENT,
        None,
    )
    absente_minutes = np.array(["2024-01-01T00:00", "NaT"], dtype="datetime64[m]")
    assert _refus(ErreurValeur, absente_minutes, "1 mois")[:2] == (
        "date absente (NaT)",
        "departs[1]",
    )


def test_refus_des_durees() -> None:
    deux = [D(2024, 1, 1)] * 2
    assert _refus(ErreurType, deux, 12) == (
        "type refusé",
        "durees",
        12,
        "une durée (« 15 jours ouvrés ») ou une suite de durées",
    )
    assert _refus(ErreurValeur, deux, ["1 mois"]) == (
        "autant de durées que de départs",
        "durees",
        1,
        "2 durées",
    )
    assert _refus(ErreurValeur, deux, ["1 mois", "2 mois", "3 mois"])[2:] == (3, "2 durées")
    with pytest.raises(ErreurValeur) as info:
        calculer_delais(deux * 2, ["1 mois", "2 mois", "3 lunes", "3 lunes"])
    assert info.value.cle == "durees[2]"
    with pytest.raises(ErreurValeur) as info:
        calculer_delais(deux, "3 lunes")
    assert info.value.cle == "durees"


def test_refus_du_regime_et_de_la_zone() -> None:
    date = [D(2024, 1, 1)]
    assert _refus(ErreurType, date, "1 mois", regime=5) == ("type refusé", "regime", 5, "un texte")
    assert _refus(ErreurType, date, "1 mois", zone=None) == (
        "type refusé",
        "zone",
        None,
        "un texte",
    )
    assert _refus(ErreurType, date, "1 mois", regime=5, zone=None)[1:3] == ("regime", 5)


@pytest.mark.parametrize(
    ("departs", "durees", "options", "rang"),
    [
        ([D(2024, 1, 1), D(1899, 12, 31)], "1 jour", {}, 1),
        ([D(2200, 1, 1), D(2024, 1, 1)], "1 jour", {}, 0),
        # un mois après le 20 décembre 2199, un mois avant le 20 janvier 1900
        ([D(2024, 1, 1), D(2024, 1, 1), D(2199, 12, 20)], "1 mois", {}, 2),
        ([D(2024, 1, 1), D(1900, 1, 20)], "1 mois", {"sens": "avant"}, 1),
        # un an et un jour après le 20 décembre 2198 : 21 décembre 2199, admis ; 2199 : refusé
        ([D(2198, 12, 20), D(2199, 12, 20)], "1 an et 1 jour", {}, 1),
        # à rebours, dernier jour compté le 1er janvier 1900 : la veille n'existe pas
        ([D(1900, 1, 3), D(1900, 1, 2)], "1 jour", {"sens": "avant"}, 1),
        ([D(1900, 1, 3), D(1900, 1, 2)], "1 jour ouvré", {"sens": "avant"}, 1),
        # après le dernier jour ouvré couvert, le mardi 31 décembre 2199
        ([D(2199, 12, 30), D(2199, 12, 31)], "1 jour ouvré", {}, 1),
        ([D(2199, 12, 30), D(2199, 12, 31)], "1 jour ouvrable", {}, 1),
        # samedi 31 décembre 2199 ? non : mardi ; un jour après, hors du calendrier
        ([D(2199, 12, 30), D(2199, 12, 31)], "1 jour", {"regime": "cpc"}, 1),
        # vendredi 27 décembre 2199 ⁠+ 3 jours : lundi 30 ; + 4 : mardi 31 ; + 5 : hors
        ([D(2199, 12, 27), D(2199, 12, 27)], ["4 jours", "5 jours"], {"regime": "ue-1182-71"}, 1),
        ([D(2199, 12, 20), D(2024, 1, 1), D(2199, 12, 20)], ["1 jour", "1 mois", "1 mois"], {}, 2),
        # trois cent un ans avant le 1er février 1900 : bien avant le premier mois couvert
        ([D(1900, 2, 1)], "301 ans", {"sens": "avant"}, 0),
        ([D(2024, 1, 1), D(2024, 1, 1)], ["1 an", "400 ans"], {}, 1),
        # 80 000 jours ouvrés avant le 1er février 1900 : bien avant le premier jour ouvré
        ([D(1900, 2, 1)], "80000 jours ouvrés", {"sens": "avant"}, 0),
    ],
)
def test_refus_hors_du_calendrier_nommant_le_rang(
    departs: list[dt.date],
    durees: Any,
    options: dict[str, Any],
    rang: int,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    attendu = (HORS[0], f"departs[{rang}]", ABSENT, HORS[1])
    assert _refus(ErreurValeur, departs, durees, **options) == attendu
    tableau = np.array(departs, dtype="datetime64[D]")
    assert _refus(ErreurValeur, tableau, durees, **options) == attendu
    _sans_numpy(monkeypatch)
    assert _refus(ErreurValeur, departs, durees, **options) == attendu


def test_premier_rang_hors_du_calendrier() -> None:
    departs = [D(2024, 1, 1), D(2199, 12, 20), D(2199, 12, 25)]
    assert _refus(ErreurValeur, departs, "1 mois")[1] == "departs[1]"
    assert _refus(ErreurValeur, [D(2024, 1, 1), D(2199, 12, 20), D(1800, 1, 1)], "1 mois")[1] == (
        "departs[2]"
    )


def test_tables_converties_une_fois_par_zone() -> None:
    from collectivites.regles.delais._calcul import _tables

    tables = _tables("metropole")
    premieres = _lot._tables_numpy(np, tables)
    assert _lot._tables_numpy(np, tables) is premieres
    assert _lot._tables_numpy(np, _tables("alsace-moselle")) is not premieres
    ouvres = [dt.date.fromordinal(int(o)) for o in premieres[0][:2]]
    assert ouvres == [D(1900, 1, 2), D(1900, 1, 3)]  # le lundi 1er janvier 1900 est férié


def test_refus_des_durees_sans_numpy(monkeypatch: pytest.MonkeyPatch) -> None:
    _sans_numpy(monkeypatch)
    deux = [D(2024, 1, 1)] * 2
    with pytest.raises(ErreurValeur) as info:
        calculer_delais(deux * 2, ["1 mois", "2 mois", "3 lunes", "3 lunes"])
    assert info.value.cle == "durees[2]"
    assert _refus(ErreurValeur, deux, ["1 mois"])[1:] == ("durees", 1, "2 durées")


def test_sans_numpy_chaque_depart_distinct_calcule_une_fois(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Le module le promet : sans numpy, chaque (départ, durée) distinct n'est calculé qu'une
    fois, et chaque durée n'est lue qu'une fois."""
    _sans_numpy(monkeypatch)
    termes: list[int] = []
    lectures: list[object] = []
    terme, lire = _lot._terme, _lot.lire_duree_en_cache

    def compter_terme(ordinal: int, *args: Any) -> Any:
        termes.append(ordinal)
        return terme(ordinal, *args)

    def compter_lecture(duree: object, **kwargs: Any) -> Any:
        lectures.append(duree)
        return lire(duree, **kwargs)

    monkeypatch.setattr(_lot, "_terme", compter_terme)
    monkeypatch.setattr(_lot, "lire_duree_en_cache", compter_lecture)
    a, b = D(2024, 1, 31), D(2024, 3, 31)
    resultat = calculer_delais([a, b, a, a, b], ["1 mois", "1 mois", "1 mois", "2 mois", "1 mois"])
    assert resultat == [
        D(2024, 2, 29),
        D(2024, 4, 30),
        D(2024, 2, 29),
        D(2024, 3, 31),
        D(2024, 4, 30),
    ]
    assert termes == [a.toordinal(), b.toordinal(), a.toordinal()]
    assert lectures == ["1 mois", "2 mois"]


def test_sens_inconnu_refuse() -> None:
    assert _refus(ErreurValeur, [D(2024, 1, 1)], "1 mois", sens="plus tard") == (
        "valeur inconnue",
        "sens",
        "plus tard",
        "apres, avant",
    )
