"""Paliers d'une source d'index : ``palier_au(jour)`` rend la valeur de ``valeur_au(jour)`` et
le premier jour où elle peut changer ; tous les jours d'avant donnent la même valeur (ou le même
refus). Les tableaux ne relisent la source qu'au bout d'un palier : mêmes centimes que la
relecture à chaque période."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from collectivites.donnees import PointSerie, SerieDatee
from collectivites.donnees._series import lecteur_de_paliers
from collectivites.erreurs import ErreurDonnees
from collectivites.prets import (
    IndexDecale,
    IndexFige,
    calculer_tableau,
    exemple_pret,
    serie_index,
)

from .strategies import lignes_de_pret
from .test_tableau_suites import _deux_fois

_JOURS = st.dates(min_value=dt.date(1999, 1, 1), max_value=dt.date(2040, 12, 31))


@st.composite
def series(draw: st.DrawFn) -> SerieDatee:
    dates = draw(st.lists(_JOURS, min_size=1, max_size=8, unique=True))
    valeurs = draw(
        st.lists(
            st.decimals(min_value=0, max_value=Decimal("0.05"), places=4),
            min_size=len(dates),
            max_size=len(dates),
        )
    )
    refuser = draw(st.booleans())
    jusqu_au = draw(st.none() | _JOURS.filter(lambda d: d >= max(dates))) if refuser else None
    return SerieDatee(
        nom="essai",
        points=tuple(
            PointSerie(date_effet=d, valeur=v) for d, v in zip(dates, valeurs, strict=True)
        ),
        apres_derniere="refuser" if refuser else "reporter",
        valable_jusqu_au=jusqu_au,
    )


def _lecture(source: object, jour: dt.date) -> Decimal | str:
    try:
        return source.valeur_au(jour)  # type: ignore[attr-defined,no-any-return]
    except ErreurDonnees as exc:
        return exc.message


def _verifier_palier(source: object, jour: dt.date, echantillon: list[int]) -> None:
    attendue = _lecture(source, jour)
    if isinstance(attendue, str):  # refusée : le palier la refuse de même
        with pytest.raises(ErreurDonnees) as refus:
            lecteur_de_paliers(source)(jour)  # type: ignore[arg-type]
        assert refus.value.message == attendue
        return
    valeur, fin = lecteur_de_paliers(source)(jour)  # type: ignore[arg-type]
    assert valeur == source.valeur_au(jour)  # type: ignore[attr-defined]
    assert fin is None or fin > jour
    for ecart in echantillon:
        suivant = jour + dt.timedelta(days=ecart)
        if fin is not None and suivant >= fin:
            continue
        assert _lecture(source, suivant) == valeur, suivant


_ECARTS = st.lists(st.integers(0, 20_000), max_size=20)


@settings(max_examples=300)
@given(series(), _JOURS, _ECARTS)
def test_palier_d_une_serie(serie: SerieDatee, jour: dt.date, ecarts: list[int]) -> None:
    _verifier_palier(serie, jour, ecarts)


@settings(max_examples=300)
@given(series(), _JOURS, _JOURS, st.integers(-100, 100), _ECARTS)
def test_palier_d_un_index_decale(
    serie: SerieDatee, depuis: dt.date, jour: dt.date, points: int, ecarts: list[int]
) -> None:
    decale = IndexDecale(source=serie, ecart=Decimal(points) / 10_000, depuis=depuis)
    _verifier_palier(decale, jour, ecarts)


def test_paliers_bornes() -> None:
    serie = SerieDatee(
        nom="essai",
        points=(
            PointSerie(date_effet=dt.date(2020, 2, 1), valeur=Decimal("0.005")),
            PointSerie(date_effet=dt.date(2020, 8, 1), valeur=Decimal("0.005")),
        ),
        apres_derniere="refuser",
        valable_jusqu_au=dt.date(2021, 1, 31),
    )
    assert serie.palier_au(dt.date(2020, 2, 1)) == (Decimal("0.005"), dt.date(2020, 8, 1))
    assert serie.palier_au(dt.date(2020, 9, 1)) == (Decimal("0.005"), dt.date(2021, 2, 1))
    with pytest.raises(ErreurDonnees, match="commence le 01/02/2020"):
        serie.palier_au(dt.date(2020, 1, 31))
    with pytest.raises(ErreurDonnees, match="s'arrête au 2021-01-31"):
        serie.palier_au(dt.date(2021, 2, 1))
    reportee = SerieDatee(nom="r", points=serie.points[:1])
    assert reportee.palier_au(dt.date(2090, 1, 1)) == (Decimal("0.005"), None)
    decale = IndexDecale(source=reportee, ecart=Decimal("0.01"), depuis=dt.date(2027, 1, 1))
    assert decale.palier_au(dt.date(2026, 6, 1)) == (Decimal("0.005"), dt.date(2027, 1, 1))
    assert decale.palier_au(dt.date(2027, 6, 1)) == (Decimal("0.015"), None)
    assert IndexFige(valeur=Decimal("0.0075")).palier_au(dt.date.max) == (Decimal("0.0075"), None)


class _Greffon:
    """Une source de greffon qui n'a que le protocole (pas de ``palier_au``)."""

    def __init__(self) -> None:
        self.lectures = 0

    def valeur_au(self, jour: dt.date, /) -> Decimal:
        self.lectures += 1
        return Decimal("0.01") if jour.year % 2 else Decimal("0.02")

    def changements(self, _debut: dt.date, _fin: dt.date, /) -> tuple[dt.date, ...]:
        return ()


def test_greffon_sans_palier_relu_chaque_jour() -> None:
    greffon = _Greffon()
    lire = lecteur_de_paliers(greffon)
    assert lire(dt.date(2025, 3, 1)) == (Decimal("0.01"), dt.date(2025, 3, 2))
    assert lire(dt.date.max) == (Decimal("0.01"), dt.date.max)


@settings(max_examples=60, deadline=None)
@given(lignes_de_pret(periodicite="mensuelle", duree=120), st.integers(-100, 100), _JOURS)
def test_tableaux_par_paliers_index_decale_et_greffon(ligne, points: int, depuis: dt.date) -> None:  # type: ignore[no-untyped-def]
    decale = IndexDecale(
        source=serie_index("livret_a"), ecart=Decimal(points) / 10_000, depuis=depuis
    )
    _deux_fois(ligne, index=decale)
    _deux_fois(ligne, index=_Greffon())


def test_la_serie_n_est_relue_qu_au_bout_des_paliers() -> None:
    """480 échéances mensuelles sur un index qui change tous les deux ans : la source n'est pas
    relue à chaque échéance."""
    serie = SerieDatee(
        nom="biennal",
        points=tuple(
            PointSerie(date_effet=dt.date(2000 + 2 * k, 1, 1), valeur=Decimal(k % 3) / 200)
            for k in range(40)
        ),
    )
    lectures = 0
    valeur_au = serie.valeur_au

    class Compteur:
        def valeur_au(self, jour: dt.date, /) -> Decimal:
            nonlocal lectures
            lectures += 1
            return valeur_au(jour)

        def changements(self, debut: dt.date, fin: dt.date, /) -> tuple[dt.date, ...]:
            return serie.changements(debut, fin)

        def palier_au(self, jour: dt.date, /) -> tuple[Decimal, dt.date | None]:
            nonlocal lectures
            lectures += 1
            return serie.palier_au(jour)

    base = next(x for x in exemple_pret("cdc-57828").lignes if x.identifiant == "5150377")
    mensuel = attrs.evolve(base, duree=480, periodicite="mensuelle")
    compte = calculer_tableau(mensuel, index=Compteur())
    assert compte.lignes == calculer_tableau(mensuel, index=serie).lignes
    assert lectures < 480 // 4, lectures
