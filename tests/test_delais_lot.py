"""Délais par lots : mêmes dates que ``calculer_delai`` appelée une à une, refus nommant le rang."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from collectivites.erreurs import ErreurDonnees, ErreurType, ErreurValeur
from collectivites.regles.delais import REGIMES, _lot, calculer_delai, calculer_delais

DUREES = (
    "15 jours ouvrés",
    "0 jours ouvrés",
    "3 jours ouvrables",
    "5 jours",
    "10 jours francs",
    "2 semaines",
    "1 mois",
    "2 mois et 3 jours",
    "2 ans",
    "1 jour",
)
ZONES = ("metropole", "alsace-moselle", "971")
dates = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2199, 12, 31))


@settings(max_examples=60, deadline=None)
@given(
    st.lists(dates, min_size=1, max_size=40),
    st.sampled_from(DUREES),
    st.sampled_from(sorted(REGIMES)),
    st.sampled_from(ZONES),
    st.sampled_from(("apres", "avant")),
)
def test_memes_dates_que_la_boucle(
    departs: list[dt.date], duree: str, regime: str, zone: str, sens: str
) -> None:
    options = {"regime": regime, "zone": zone, "sens": sens}
    try:
        attendu = [calculer_delai(d, duree, **options) for d in departs]
    except ErreurValeur:  # un terme hors du calendrier : le lot le refuse aussi
        with pytest.raises(ErreurValeur, match="hors de la plage"):
            calculer_delais(departs, duree, **options)
        return
    assert calculer_delais(departs, duree, **options) == attendu
    tableau = np.array(departs, dtype="datetime64[D]")
    resultat = calculer_delais(tableau, duree, **options)
    assert resultat.dtype == np.dtype("datetime64[D]")
    assert resultat.tolist() == attendu


@settings(max_examples=30, deadline=None)
@given(st.lists(st.tuples(dates, st.sampled_from(DUREES)), min_size=1, max_size=30))
def test_une_duree_par_depart_et_sans_numpy(paires: list[tuple[dt.date, str]]) -> None:
    departs = [d for d, _ in paires]
    durees = [x for _, x in paires]
    try:
        attendu = [calculer_delai(d, x, regime="cpc") for d, x in paires]
    except ErreurValeur:
        return
    assert calculer_delais(departs, durees, regime="cpc") == attendu
    # Sans numpy (chemin de repli) : même résultat.
    original = _lot._numpy
    _lot._numpy = lambda: None  # type: ignore[assignment]
    try:
        assert calculer_delais(departs, durees, regime="cpc") == attendu
    finally:
        _lot._numpy = original


def test_exemple_et_vide() -> None:
    assert calculer_delais([dt.date(2024, 4, 26)], "15 jours ouvrés") == [dt.date(2024, 5, 23)]
    assert calculer_delais([], "1 mois") == []
    vide = calculer_delais(np.array([], dtype="datetime64[D]"), "1 mois")
    assert vide.dtype == np.dtype("datetime64[D]")
    assert len(vide) == 0


@pytest.mark.parametrize(
    ("departs", "durees", "erreur", "cle"),
    [
        ([dt.date(2024, 1, 1), "2024-01-02"], "1 mois", ErreurType, "departs[1]"),
        ([dt.datetime(2024, 1, 1, 12, tzinfo=dt.UTC)], "1 mois", ErreurType, "departs[0]"),
        ("2024-01-01", "1 mois", ErreurType, "departs"),
        (np.array([1.5]), "1 mois", ErreurType, "departs"),
        (
            np.array(["2024-01-01", "NaT"], dtype="datetime64[D]"),
            "1 mois",
            ErreurValeur,
            "departs[1]",
        ),
        (
            np.array(["2024-01-01T10:00"], dtype="datetime64[m]"),
            "1 mois",
            ErreurValeur,
            "departs[0]",
        ),
        ([dt.date(2024, 1, 1)] * 2, ["1 mois"], ErreurValeur, "durees"),
        ([dt.date(2024, 1, 1)] * 2, ["1 mois", "3 lunes"], ErreurValeur, "durees[1]"),
        ([dt.date(2024, 1, 1), dt.date(1800, 1, 1)], "1 mois", ErreurValeur, "departs[1]"),
        ([dt.date(2024, 1, 1), dt.date(2199, 12, 20)], "1 mois", ErreurValeur, "departs[1]"),
        ([dt.date(2024, 1, 1)], 12, ErreurType, "durees"),
    ],
)
def test_refus_nommant_le_rang(departs: object, durees: object, erreur: type, cle: str) -> None:
    with pytest.raises(erreur) as exc:
        calculer_delais(departs, durees)  # type: ignore[arg-type]
    assert exc.value.cle.startswith(cle)


def test_regime_et_zone_inconnus() -> None:
    with pytest.raises(ErreurValeur):
        calculer_delais([dt.date(2024, 1, 1)], "1 mois", regime="romain")
    with pytest.raises(ErreurDonnees, match="zone inconnue"):
        calculer_delais([dt.date(2024, 1, 1)], "1 mois", zone="atlantide")


@pytest.mark.parametrize("sens", ["apres", "avant"])
@pytest.mark.parametrize("duree", ["1 mois", "2 ans", "2 mois et 3 jours", "11 mois"])
@pytest.mark.parametrize(
    "depart",
    [
        dt.date(1900, 1, 1),
        dt.date(1900, 1, 31),
        dt.date(1900, 2, 28),
        dt.date(2199, 1, 31),
        dt.date(2199, 11, 30),
        dt.date(2199, 12, 31),
    ],
)
def test_mois_aux_bords_du_calendrier(depart: dt.date, duree: str, sens: str) -> None:
    """Les mois par tables d'entiers : au premier et au dernier mois du calendrier, même date
    que le calcul unitaire, ou le même refus."""
    tableau = np.array([depart], dtype="datetime64[D]")
    try:
        attendu = calculer_delai(depart, duree, regime="cpc", sens=sens)
    except ErreurValeur:
        with pytest.raises(ErreurValeur, match="hors de la plage"):
            calculer_delais(tableau, duree, regime="cpc", sens=sens)
        return
    assert calculer_delais(tableau, duree, regime="cpc", sens=sens).tolist() == [attendu]
