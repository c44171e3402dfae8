"""Index des prêts (``prets/_index.py``), pris au mot (issue 27) : index figé, index décalé à la
date près (valeur, palier, changements), séries livrées, greffons (filtrés, défectueux, qui ne
rendent pas une série), refus exacts et prolongement d'un historique par un scénario.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from decimal import Decimal
from importlib import metadata
from pathlib import Path
from typing import Any

import pytest

from collectivites.donnees import PointSerie, SerieDatee
from collectivites.erreurs import ErreurDonnees, ErreurDossier, ErreurPlugin, ErreurType
from collectivites.prets import _index as module_index
from collectivites.prets._index import (
    IndexDecale,
    IndexFige,
    index_disponibles,
    lire_index_csv,
    prolonger,
    serie_index,
    serie_lep,
    serie_livret_a,
)

D = dt.date


def _serie(nom: str, *points: tuple[dt.date, str], source: str = "") -> SerieDatee:
    return SerieDatee(
        nom=nom,
        points=tuple(PointSerie(date_effet=d, valeur=Decimal(v)) for d, v in points),
        source=source,
    )


class _Jour:
    """Une source sans ``palier_au`` (un greffon) : sa valeur est le quantième du jour."""

    def valeur_au(self, jour: dt.date, /) -> Decimal:
        return Decimal(jour.day)

    def changements(self, debut: dt.date, fin: dt.date, /) -> tuple[dt.date, ...]:
        return (D(2024, 1, 10),)


def test_index_fige() -> None:
    fige = IndexFige(valeur=Decimal("0.0075"))
    assert fige.valeur_au(D(1990, 1, 1)) == Decimal("0.0075")
    assert fige.palier_au(D(2050, 6, 1)) == (Decimal("0.0075"), None)
    assert fige.changements(D(2000, 1, 1), D(2100, 1, 1)) == ()
    assert fige.description == "index figé à sa valeur d'émission"


def test_index_decale_valeur_a_partir_du_jour_meme() -> None:
    source = _serie("s", (D(2020, 1, 1), "0.01"), (D(2024, 8, 1), "0.03"))
    decale = IndexDecale(source=source, ecart=Decimal("0.005"), depuis=D(2024, 2, 1))
    assert decale.valeur_au(D(2024, 1, 31)) == Decimal("0.01")
    assert decale.valeur_au(D(2024, 2, 1)) == Decimal("0.015")
    assert decale.valeur_au(D(2024, 8, 1)) == Decimal("0.035")
    baisse = IndexDecale(source=source, ecart=Decimal("-0.02"), depuis=D(2024, 2, 1))
    assert baisse.valeur_au(D(2024, 3, 1)) == Decimal("-0.01")


def test_index_decale_palier() -> None:
    source = _serie("s", (D(2020, 1, 1), "0.01"), (D(2024, 8, 1), "0.03"))
    depuis = D(2024, 2, 1)
    decale = IndexDecale(source=source, ecart=Decimal("0.005"), depuis=depuis)
    # Avant le choc : le palier de la source s'arrête au choc.
    assert decale.palier_au(D(2023, 5, 1)) == (Decimal("0.01"), depuis)
    # À partir du choc : le palier de la source, décalé.
    assert decale.palier_au(depuis) == (Decimal("0.015"), D(2024, 8, 1))
    assert decale.palier_au(D(2024, 9, 1)) == (Decimal("0.035"), None)
    # Choc après le prochain changement de la source : le palier s'arrête au changement.
    tardif = IndexDecale(source=source, ecart=Decimal("0.005"), depuis=D(2025, 1, 1))
    assert tardif.palier_au(D(2023, 5, 1)) == (Decimal("0.01"), D(2024, 8, 1))
    # Source sans fin de palier (figée) : le palier s'arrête au choc.
    fige = IndexDecale(
        source=IndexFige(valeur=Decimal("0.02")), ecart=Decimal("0.01"), depuis=depuis
    )
    assert fige.palier_au(D(2024, 1, 31)) == (Decimal("0.02"), depuis)
    assert fige.palier_au(depuis) == (Decimal("0.03"), None)
    # Source sans palier_au (greffon) : un palier d'un jour.
    greffon = IndexDecale(source=_Jour(), ecart=Decimal("0.1"), depuis=D(2024, 1, 5))
    assert greffon.palier_au(D(2024, 1, 3)) == (Decimal(3), D(2024, 1, 4))
    assert greffon.palier_au(D(2024, 1, 5)) == (Decimal("5.1"), D(2024, 1, 6))


def test_index_decale_changements_dans_l_intervalle_ouvert() -> None:
    greffon = IndexDecale(source=_Jour(), ecart=Decimal("0.1"), depuis=D(2024, 1, 5))
    assert greffon.changements(D(2024, 1, 1), D(2024, 2, 1)) == (D(2024, 1, 5), D(2024, 1, 10))
    assert greffon.changements(D(2024, 1, 5), D(2024, 2, 1)) == (D(2024, 1, 10),)
    assert greffon.changements(D(2023, 1, 1), D(2024, 1, 5)) == (D(2024, 1, 10),)
    source = _serie("s", (D(2020, 1, 1), "0.01"), (D(2024, 8, 1), "0.03"))
    decale = IndexDecale(source=source, ecart=Decimal("0.005"), depuis=D(2024, 8, 1))
    # Le choc à la même date qu'un changement de la source : une seule date.
    assert decale.changements(D(2024, 1, 1), D(2025, 1, 1)) == (D(2024, 8, 1),)
    assert decale.changements(D(2024, 1, 1), D(2024, 3, 1)) == ()


def test_index_decale_refuse_une_source_qui_n_en_est_pas_une() -> None:
    with pytest.raises(ErreurType) as info:
        IndexDecale(source="livret_a", ecart=Decimal(0), depuis=D(2024, 1, 1))  # type: ignore[arg-type]
    erreur = info.value
    assert (erreur.message, erreur.cle, erreur.valeur, erreur.attendu) == (
        "type refusé",
        "source",
        "livret_a",
        "une source d'index",
    )


def test_series_livrees() -> None:
    assert serie_livret_a().nom == "livret_a"
    assert serie_lep().nom == "lep"
    assert serie_index("livret_a").nom == "livret_a"
    assert serie_index("lep").nom == "lep"
    assert serie_livret_a().premiere_date == D(2000, 7, 1)
    assert serie_lep().premiere_date == D(2008, 2, 1)


class _Point:
    def __init__(self, nom: str, fonction: Callable[[], object], dist: object = None) -> None:
        self.name, self.value, self.dist, self._fonction = nom, f"essai:{nom}", dist, fonction

    def load(self) -> Callable[[], object]:
        return self._fonction


class _Distribution:
    name = "collectivites-essai"


@pytest.fixture
def greffons(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    inflation = _serie("inflation", (D(2000, 1, 1), "0.002"))
    faux_livret = _serie("faux", (D(2000, 1, 1), "0.5"))

    def casse() -> SerieDatee:
        raise RuntimeError("base injoignable")

    points = [
        _Point("inflation", lambda: inflation),
        _Point("livret_a", lambda: faux_livret),  # une série livrée n'est pas remplacée
        _Point("euribor", casse),
        _Point("cac", casse, _Distribution()),
        _Point("texte", lambda: "pas une série"),
    ]

    def entry_points(*, group: str) -> list[_Point]:
        return points if group == "collectivites.index" else []

    monkeypatch.setattr(metadata, "entry_points", entry_points)
    module_index._points_entree.cache_clear()
    yield
    module_index._points_entree.cache_clear()


@pytest.mark.usefixtures("greffons")
def test_greffons_d_index() -> None:
    assert index_disponibles() == ["cac", "euribor", "inflation", "lep", "livret_a", "texte"]
    assert serie_index("inflation").valeur_au(D(2024, 1, 1)) == Decimal("0.002")
    assert serie_index("livret_a").nom == "livret_a"
    with pytest.raises(ErreurPlugin) as info:
        serie_index("euribor")
    assert info.value.message == (
        "le greffon d'index « euribor » (essai:euribor, distribution ?) est défectueux : "
        "base injoignable"
    )
    assert isinstance(info.value.__cause__, RuntimeError)
    with pytest.raises(ErreurPlugin) as info:
        serie_index("cac")
    assert info.value.message == (
        "le greffon d'index « cac » (essai:cac, distribution collectivites-essai) est "
        "défectueux : base injoignable"
    )
    with pytest.raises(ErreurPlugin) as info:
        serie_index("texte")
    assert (info.value.message, info.value.valeur) == (
        "le greffon d'index « texte » ne rend pas une SerieDatee (essai:texte)",
        "pas une série",
    )


@pytest.mark.usefixtures("greffons")
def test_index_inconnu_suggere_le_plus_proche() -> None:
    with pytest.raises(ErreurDonnees) as info:
        serie_index("inflatoin")
    erreur = info.value
    assert (erreur.message, erreur.cle, erreur.valeur, erreur.attendu) == (
        "aucune série historique n'est livrée pour cet index ; vouliez-vous dire « inflation » ? "
        "; fournissez la vôtre (CSV date,valeur)",
        "index",
        "inflatoin",
        "cac, euribor, inflation, lep, livret_a, texte",
    )


def test_index_inconnu_sans_suggestion() -> None:
    module_index._points_entree.cache_clear()
    with pytest.raises(ErreurDonnees) as info:
        serie_index("zzz")
    assert info.value.message == (
        "aucune série historique n'est livrée pour cet index ; fournissez la vôtre "
        "(CSV date,valeur)"
    )
    assert info.value.attendu == ", ".join(index_disponibles())


def test_nom_d_index_qui_n_est_pas_un_texte() -> None:
    # Appel interne (arguments non revérifiés par le décorateur) : la fonction refuse elle-même.
    brute: Any = serie_index.__wrapped__  # type: ignore[attr-defined]
    with pytest.raises(ErreurType) as info:
        brute(3)
    erreur = info.value
    assert (erreur.message, erreur.cle, erreur.valeur, erreur.attendu) == (
        "type refusé",
        "index",
        3,
        "un nom d'index",
    )


def test_lire_index_csv(tmp_path: Path) -> None:
    fichier = tmp_path / "choc.csv"
    fichier.write_text("date,valeur\n2024-01-01,3 %\n2025-01-01,2.5 %\n", encoding="utf-8")
    serie = lire_index_csv(str(fichier))
    assert serie.nom == "choc"
    assert [(p.date_effet, p.valeur) for p in serie.points] == [
        (D(2024, 1, 1), Decimal("0.03")),
        (D(2025, 1, 1), Decimal("0.025")),
    ]
    assert lire_index_csv(fichier, nom="autre").nom == "autre"
    tableur = tmp_path / "tableur.csv"
    tableur.write_text("date;valeur\n01/02/2024;1,5 %\n", encoding="utf-8")
    assert lire_index_csv(tableur).valeur_au(D(2024, 3, 1)) == Decimal("0.015")
    (tmp_path / "faux.csv").write_text("date,valeur\n2024-13-01,1 %\n", encoding="utf-8")
    with pytest.raises(ErreurDossier) as info:
        lire_index_csv(tmp_path / "faux.csv")
    assert info.value.fichier == str(tmp_path / "faux.csv")


def test_lire_index_csv_refuse_ce_qui_n_est_pas_un_chemin() -> None:
    brute: Any = lire_index_csv.__wrapped__  # type: ignore[attr-defined]
    with pytest.raises(ErreurType) as info:
        brute(3)
    erreur = info.value
    assert (erreur.message, erreur.cle, erreur.valeur, erreur.attendu) == (
        "type refusé",
        "chemin",
        3,
        "un chemin de fichier",
    )


def test_prolonger_un_historique_par_un_scenario() -> None:
    historique = _serie(
        "livret_a",
        (D(2020, 1, 1), "0.005"),
        (D(2023, 2, 1), "0.03"),
        (D(2024, 1, 1), "0.04"),
        source="Banque de France",
    )
    scenario = _serie("choc", (D(2024, 1, 1), "0.05"), (D(2025, 1, 1), "0.02"), source="essai")
    serie = prolonger(historique, scenario)
    assert serie.nom == "livret_a+choc"
    assert serie.source == "Banque de France puis essai"
    # Le point de l'historique à la première date du scénario cède la place au scénario.
    assert [(p.date_effet, p.valeur) for p in serie.points] == [
        (D(2020, 1, 1), Decimal("0.005")),
        (D(2023, 2, 1), Decimal("0.03")),
        (D(2024, 1, 1), Decimal("0.05")),
        (D(2025, 1, 1), Decimal("0.02")),
    ]


def test_prolonger_coupe_la_source_a_2000_caracteres() -> None:
    historique = _serie("h", (D(2020, 1, 1), "0.01"), source="a" * 1500)
    scenario = _serie("s", (D(2024, 1, 1), "0.02"), source="b" * 1500)
    source = prolonger(historique, scenario).source
    assert source == "a" * 1500 + " puis " + "b" * 494
    assert len(source) == 2000
