"""Scénarios d'index (``prets/_scenarios.py``), pris au mot (issue 27) : la source de chaque
ligne sous chaque nature de scénario, le nom et les notes au caractère près, la lecture d'une
spécification (mot-clé, choc, fichier) et chaque refus avec sa clé, sa valeur et son attendu.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal
from importlib import metadata
from pathlib import Path

import attrs
import pytest

from collectivites.donnees import PointSerie, SerieDatee
from collectivites.erreurs import (
    ErreurCollectivites,
    ErreurDonnees,
    ErreurType,
    ErreurValeur,
)
from collectivites.prets import _index as module_index
from collectivites.prets import exemple_pret
from collectivites.prets._index import IndexDecale, IndexFige
from collectivites.prets._modeles import LigneDePret
from collectivites.prets._scenarios import (
    NatureScenario,
    Scenario,
    designe_un_fichier,
    est_un_choc,
    index_connus,
    scenario,
)

D = dt.date
LIVRET_A = exemple_pret("cdc-57851").lignes[0]  # index livret_a, valeur d'émission 0,75 %
INFLATION = exemple_pret("cdc-57769").lignes[0]  # index inflation, valeur d'émission 0,2 %
FIXE = attrs.evolve(LIVRET_A, index="fixe")
TRAJECTOIRE = SerieDatee(
    nom="traj",
    points=(
        PointSerie(date_effet=D(2030, 1, 1), valeur=Decimal("0.04")),
        PointSerie(date_effet=D(2031, 1, 1), valeur=Decimal("0.05")),
    ),
)
SANS_SERIE = "Index sans série livrée (inflation, euribor) : figés à leur valeur d'émission."


def _champs(erreur: ErreurCollectivites) -> tuple[object, ...]:
    return (erreur.message, erreur.cle, erreur.valeur, erreur.attendu)


def _choc(ecart: str, index: str = "livret_a") -> Scenario:
    return Scenario(nature="choc", index=index, ecart=Decimal(ecart), depuis=D(2027, 1, 1))


def test_index_connus() -> None:
    assert index_connus() == ["euribor", "fixe", "inflation", "lep", "livret_a"]


# --- construction d'un scénario ---------------------------------------------------------------


@pytest.mark.parametrize(
    "champs",
    [{"ecart": Decimal("0.01")}, {"depuis": D(2027, 1, 1)}, {}],
)
def test_un_choc_exige_ecart_et_date(champs: dict[str, object]) -> None:
    with pytest.raises(ErreurValeur) as info:
        Scenario(nature=NatureScenario.CHOC, **champs)  # type: ignore[arg-type]
    assert _champs(info.value) == (
        "un choc de taux exige un écart et une date de départ",
        "depuis",
        info.value.valeur,
        "par exemple « livret_a+1 % » depuis le 2027-01-01",
    )


def test_une_trajectoire_exige_sa_serie() -> None:
    with pytest.raises(ErreurValeur) as info:
        Scenario(nature=NatureScenario.TRAJECTOIRE)
    assert (info.value.message, info.value.cle) == (
        "une trajectoire exige sa série",
        "trajectoire",
    )
    # Les autres natures n'exigent ni série ni écart.
    assert Scenario(nature="historique").index == "livret_a"
    assert Scenario(nature=NatureScenario.EMISSION).trajectoire is None


# --- source de chaque ligne -----------------------------------------------------------------------


def test_source_sous_emission_et_pour_un_taux_fixe() -> None:
    emission = Scenario(nature=NatureScenario.EMISSION)
    assert emission.source_pour(LIVRET_A) is None
    assert emission.source_pour(LIVRET_A, strict=True) is None
    assert Scenario(nature=NatureScenario.HISTORIQUE).source_pour(FIXE, strict=True) is None
    assert _choc("0.01").source_pour(FIXE) is None


def test_source_sous_historique() -> None:
    historique = Scenario(nature=NatureScenario.HISTORIQUE)
    source = historique.source_pour(LIVRET_A)
    assert isinstance(source, SerieDatee) and source.nom == "livret_a"
    strict = historique.source_pour(LIVRET_A, strict=True)
    assert isinstance(strict, SerieDatee) and strict.nom == "livret_a"
    # Sans série livrée : figé (None) ; en strict, refusé.
    assert historique.source_pour(INFLATION) is None
    with pytest.raises(ErreurDonnees) as info:
        historique.source_pour(INFLATION, strict=True)
    assert (info.value.cle, info.value.valeur) == ("index", "inflation")


def test_source_sous_une_trajectoire() -> None:
    livret = Scenario(nature="trajectoire", trajectoire=TRAJECTOIRE, fichier="t.csv")
    prolongee = livret.source_pour(LIVRET_A)
    assert isinstance(prolongee, SerieDatee)
    assert prolongee.nom == "livret_a+traj"
    assert prolongee.valeur_au(D(2031, 6, 1)) == Decimal("0.05")
    assert prolongee.premiere_date == D(2000, 7, 1)
    assert livret.source_pour(LIVRET_A, strict=True) == prolongee
    # Une ligne sur un autre index suit l'historique.
    assert livret.source_pour(INFLATION) is None
    # Un index sans série livrée suit la trajectoire seule.
    inflation = Scenario(nature="trajectoire", index="inflation", trajectoire=TRAJECTOIRE)
    assert inflation.source_pour(INFLATION) is TRAJECTOIRE
    source_livret = inflation.source_pour(LIVRET_A)
    assert isinstance(source_livret, SerieDatee) and source_livret.nom == "livret_a"


def test_source_sous_un_choc() -> None:
    choc = _choc("0.01")
    source = choc.source_pour(LIVRET_A)
    assert isinstance(source, IndexDecale)
    assert isinstance(source.source, SerieDatee) and source.source.nom == "livret_a"
    assert (source.ecart, source.depuis) == (Decimal("0.01"), D(2027, 1, 1))
    # Un index sans série livrée est décalé à partir de sa valeur d'émission.
    inflation = _choc("-0.005", "inflation").source_pour(INFLATION)
    assert inflation == IndexDecale(
        source=IndexFige(valeur=Decimal("0.002")), ecart=Decimal("-0.005"), depuis=D(2027, 1, 1)
    )
    # Une ligne sur un autre index suit l'historique.
    autre = _choc("0.01", "lep").source_pour(LIVRET_A)
    assert isinstance(autre, SerieDatee) and autre.nom == "livret_a"
    assert _choc("0.01", "lep").source_pour(INFLATION) is None


# --- nom, notes, vérification --------------------------------------------------------------


def test_noms() -> None:
    assert _choc("0.01").nom == "historique, livret_a+1,00 %"
    assert _choc("-0.005", "lep").nom == "historique, lep-0,50 %"
    assert _choc("0", "lep").nom == "historique, lep0,00 %"  # ni « + » ni « - » pour un écart nul
    trajectoire = Scenario(
        nature=NatureScenario.TRAJECTOIRE, trajectoire=TRAJECTOIRE, fichier="/tmp/a/traj.csv"
    )
    assert trajectoire.nom == "scénario traj.csv"
    sans_fichier = Scenario(nature=NatureScenario.TRAJECTOIRE, index="lep", trajectoire=TRAJECTOIRE)
    assert sans_fichier.nom == "scénario lep"
    assert Scenario(nature=NatureScenario.EMISSION).nom == "index figés à leur valeur d'émission"
    assert Scenario(nature=NatureScenario.HISTORIQUE).nom == "historique livré"


def test_notes() -> None:
    assert _choc("-0.005", "lep").notes == (
        "lep décalé de -0,50 % à partir du 01/01/2027.",
        SANS_SERIE,
    )
    trajectoire = Scenario(
        nature=NatureScenario.TRAJECTOIRE, trajectoire=TRAJECTOIRE, fichier="/tmp/a/traj.csv"
    )
    assert trajectoire.notes == (
        "livret_a : historique puis traj.csv à partir du 01/01/2030.",
        SANS_SERIE,
    )
    assert Scenario(nature=NatureScenario.HISTORIQUE).notes == (SANS_SERIE,)
    assert Scenario(nature=NatureScenario.EMISSION).notes == ()


class _Point:
    def __init__(self, nom: str) -> None:
        self.name, self.value, self.dist = nom, f"essai:{nom}", None

    def load(self) -> object:
        return lambda: TRAJECTOIRE


@pytest.fixture
def greffon_inflation(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(metadata, "entry_points", lambda *, group: [_Point("inflation")])
    module_index._points_entree.cache_clear()
    yield
    module_index._points_entree.cache_clear()


@pytest.mark.usefixtures("greffon_inflation")
def test_un_greffon_donne_sa_serie_et_retire_sa_note() -> None:
    assert Scenario(nature=NatureScenario.HISTORIQUE).notes == (
        "Index sans série livrée (euribor) : figés à leur valeur d'émission.",
    )
    assert Scenario(nature=NatureScenario.HISTORIQUE).source_pour(INFLATION) is TRAJECTOIRE
    decale = _choc("0.01", "inflation").source_pour(INFLATION)
    assert isinstance(decale, IndexDecale) and decale.source is TRAJECTOIRE


def test_verifier_un_scenario_qui_ne_changerait_rien() -> None:
    lignes: list[LigneDePret] = [LIVRET_A, INFLATION, LIVRET_A]
    _choc("0.01").verifier_pour(lignes)
    Scenario(nature=NatureScenario.HISTORIQUE, index="lep").verifier_pour(lignes)
    Scenario(nature=NatureScenario.EMISSION, index="lep").verifier_pour([])
    for nature in (NatureScenario.CHOC, NatureScenario.TRAJECTOIRE):
        vise = attrs.evolve(
            _choc("0.01", "lep") if nature is NatureScenario.CHOC else _trajectoire(), index="lep"
        )
        with pytest.raises(ErreurValeur) as info:
            vise.verifier_pour(lignes)
        assert _champs(info.value) == (
            "le scénario vise un index qu'aucune ligne n'utilise : il ne changerait rien",
            "index",
            "lep",
            "inflation, livret_a",
        )
    with pytest.raises(ErreurValeur) as info:
        _choc("0.01").verifier_index(["lep", "euribor"])
    assert info.value.attendu == "euribor, lep"


def _trajectoire() -> Scenario:
    return Scenario(nature=NatureScenario.TRAJECTOIRE, trajectoire=TRAJECTOIRE)


# --- lecture d'une spécification -----------------------------------------------------------


def test_mots_cles() -> None:
    assert scenario("emission") == Scenario(nature=NatureScenario.EMISSION)
    assert scenario(" historique ") == Scenario(nature=NatureScenario.HISTORIQUE)
    assert not designe_un_fichier(" historique ")
    assert not designe_un_fichier("emission")
    assert not designe_un_fichier(" lep - 0,5 % ")
    assert designe_un_fichier("traj.csv")
    assert designe_un_fichier("Historique")


def test_chocs() -> None:
    depuis = D(2027, 1, 1)
    assert scenario(" livret_a + 1 % ", depuis=depuis) == _choc("0.01")
    assert scenario("lep-0,5 %", depuis=depuis) == _choc("-0.005", "lep")
    assert scenario("lep+20 %", depuis=depuis).ecart == Decimal("0.2")
    assert scenario("lep-20 %", depuis=depuis).ecart == Decimal("-0.2")
    assert est_un_choc("lep-0,5 %") and est_un_choc(" lep + 1.5 % ")
    assert not est_un_choc("lep-0,5") and not est_un_choc("lep 1 %")


@pytest.mark.parametrize("texte", ["lep+20,01 %", "lep-21 %"])
def test_choc_hors_des_bornes(texte: str) -> None:
    with pytest.raises(ErreurValeur) as info:
        scenario(texte, depuis=D(2027, 1, 1))
    assert _champs(info.value) == (
        "choc de taux hors des bornes",
        "index",
        texte,
        "de -20 % à +20 %",
    )


def test_choc_sans_date_ou_sur_un_index_inconnu() -> None:
    with pytest.raises(ErreurValeur) as info:
        scenario("livret_a+1 %")
    assert _champs(info.value) == (
        "un choc de taux exige une date de départ",
        "depuis",
        "livret_a+1 %",
        "--depuis AAAA-MM-JJ",
    )
    with pytest.raises(ErreurValeur) as info:
        scenario("livert_a+1 %", depuis=D(2027, 1, 1))
    assert _champs(info.value) == (
        "index inconnu dans le choc ; vouliez-vous dire « livret_a » ?",
        "index",
        "livert_a+1 %",
        "euribor, fixe, inflation, lep, livret_a",
    )
    with pytest.raises(ErreurValeur) as info:
        scenario("zzz+1 %", depuis=D(2027, 1, 1))
    assert info.value.message == "index inconnu dans le choc"


def test_specification_qui_n_est_pas_un_texte() -> None:
    with pytest.raises(ErreurType) as info:
        scenario(3)  # type: ignore[arg-type]
    assert _champs(info.value) == ("type refusé", "index", 3, "un texte")


# « a-bbb… » : un nom trop long pour le système (OSError de Path.exists), donc pas un fichier.
@pytest.mark.parametrize(
    "texte", ["mes-index", "livret_a+1", "lep - x %", "a-b\x00", "a-" + "b" * 300]
)
def test_ni_choc_ni_fichier(texte: str) -> None:
    with pytest.raises(ErreurValeur) as info:
        scenario(texte)
    assert (info.value.message, info.value.cle, info.value.valeur) == (
        "ni un choc de taux ni un fichier",
        "index",
        texte,
    )
    assert info.value.attendu is not None
    assert info.value.attendu.startswith("un choc : nom de l'index, signe, taux en pourcentage")


def test_une_date_de_depart_sans_choc_est_refusee() -> None:
    with pytest.raises(ErreurValeur) as info:
        scenario("historique", depuis=D(2027, 1, 1))
    assert _champs(info.value) == (
        "une date de départ n'a de sens qu'avec un choc de taux : l'option ne ferait rien",
        "depuis",
        D(2027, 1, 1),
        "un scénario comme « livret_a+1 % »",
    )


def test_fichier_de_trajectoire(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    contenu = "date,valeur\n2030-01-01,4 %\n2031-01-01,5 %\n"
    # Un nom qui commence comme un choc mais qui existe est un fichier.
    Path("taux-2026").write_text(contenu, encoding="utf-8")
    lu = scenario("taux-2026", index="lep")
    assert (lu.nature, lu.index, lu.fichier) == (NatureScenario.TRAJECTOIRE, "lep", "taux-2026")
    assert lu.trajectoire is not None
    assert [(p.date_effet, p.valeur) for p in lu.trajectoire.points] == [
        (D(2030, 1, 1), Decimal("0.04")),
        (D(2031, 1, 1), Decimal("0.05")),
    ]
    # Un nom à l'extension d'un fichier n'est jamais un choc, quelle que soit sa casse.
    Path("INDEX-2026.CSV").write_text(contenu, encoding="utf-8")
    assert scenario(" INDEX-2026.CSV ").fichier == "INDEX-2026.CSV"
    assert scenario("INDEX-2026.CSV").index == "livret_a"
    for nom in ("index-2027.csv", "index-2027.xlsx", "index-2027.xlsm"):
        with pytest.raises(ErreurCollectivites) as info:
            scenario(nom)
        assert info.value.message != "ni un choc de taux ni un fichier"


def test_mot_cle_mal_ecrit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ErreurValeur) as info:
        scenario("historiqe")
    assert _champs(info.value) == (
        "ni un mot-clé ni un fichier ; vouliez-vous dire « historique » ?",
        "index",
        "historiqe",
        "emission, historique, un fichier CSV ou un choc comme « livret_a+1 % »",
    )
    assert info.value.__suppress_context__ is True
    # Un fichier de ce nom existe mais ne se lit pas : son erreur à lui.
    Path("historiqe").write_text("pas un csv d'index\n", encoding="utf-8")
    with pytest.raises(ErreurCollectivites) as lecture:
        scenario("historiqe")
    assert lecture.value.fichier == "historiqe"
    # Sans mot-clé proche : l'erreur de lecture.
    with pytest.raises(ErreurCollectivites) as absent:
        scenario("trajectoire")
    assert "ni un mot-clé" not in absent.value.message
