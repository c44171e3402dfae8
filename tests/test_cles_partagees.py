"""Clés des lignes partagées entre les scénarios d'une même partie, réunies une fois.

Une partition projetée sous deux scénarios a les mêmes lignes dans les deux : ses projections
partielles partagent le même ensemble de clés (``partager_cles``), et la fusion de plusieurs
parties ne réunit ces clés qu'une fois pour tous les scénarios (``Reunions``) — c'était, sur une
grappe Dask, le plus gros du coût des fusions en arbre (chaque niveau de l'arbre refaisait la
réunion des clés de chaque scénario).
"""

from __future__ import annotations

import datetime as dt
import pickle
from pathlib import Path
from typing import Any

import pytest

from collectivites.erreurs import ErreurType, ErreurValeur
from collectivites.prets import _partielle, _portefeuille, lire_portefeuille, scenario
from collectivites.prets._cles import EnsembleCles
from collectivites.prets._partielle import (
    Agregation,
    Fusion,
    ProjectionPartielle,
    Reunions,
    partager_cles,
)
from collectivites.prets._partitions import partitionner
from collectivites.prets._portefeuille import projeter_partie, projeter_sous_scenarios
from collectivites.prets._repartition import _tache_partition
from collectivites.prets._repli import Repli, fusionner_paire
from tests.synthetique import ecrire_csv

SCENARIOS = (scenario("historique"), scenario("livret_a+1 %", depuis=dt.date(2027, 1, 1)))


def _partie(**autres: Any) -> ProjectionPartielle:
    return ProjectionPartielle(par="garant", **autres)


@pytest.fixture
def reunions_comptees(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Le nombre d'ensembles de chaque réunion réellement faite."""
    faites: list[int] = []
    vraie = _partielle.reunir

    def reunir(ensembles: Any) -> Any:
        faites.append(len(ensembles))
        return vraie(ensembles)

    monkeypatch.setattr(_partielle, "reunir", reunir)
    return faites


def test_partager_cles_egales_remplacees_par_celles_de_la_premiere() -> None:
    premiere = _partie(lignes=["a", "b"], contrats=["C1"], nombre_lignes=2)
    egale = _partie(lignes=["b", "a"], contrats=["C1"], nombre_lignes=5)
    autre = _partie(lignes=["a", "c"], contrats=["C1"])
    p, e, a = partager_cles([premiere, egale, autre])
    assert p is premiere
    assert e.lignes is premiere.lignes and e.contrats is premiere.contrats
    assert e.nombre_lignes == 5  # le reste de la partie est gardé
    # des lignes différentes restent les leurs ; les contrats égaux sont partagés
    assert a.lignes is autre.lignes and a.lignes == {"a", "c"}
    assert a.contrats is premiere.contrats
    assert partager_cles([]) == ()
    seule = _partie(lignes=["a"])
    assert partager_cles(iter([seule])) == (seule,)
    # déjà partagées : la partie est rendue telle quelle
    assert partager_cles([p, e])[1] is e


def test_reunions_faites_une_fois_par_suite_d_ensembles(reunions_comptees: list[int]) -> None:
    a, b = EnsembleCles.de(["a"]), EnsembleCles.de(["b", "a"])
    reunions = Reunions()
    premiere = reunions.reunir([a, b])
    assert (list(premiere[0]), premiere[1]) == (["a", "b"], "a")
    assert reunions.reunir([a, b]) is premiere
    # une autre suite (ordre, objets égaux mais distincts) est réunie à nouveau
    assert reunions.reunir([b, a])[1] == "a"
    assert reunions.reunir([a, EnsembleCles.de(["b", "a"])])[1] == "a"
    assert reunions_comptees == [2, 2, 2]


def test_fusion_de_deux_scenarios_reunit_les_cles_une_fois(reunions_comptees: list[int]) -> None:
    gauche = partager_cles(
        [_partie(lignes=["a"], contrats=["C1"], nombre_lignes=1) for _ in SCENARIOS]
    )
    droite = partager_cles(
        [_partie(lignes=["b"], contrats=["C2"], nombre_lignes=1) for _ in SCENARIOS]
    )
    premier, second = fusionner_paire(gauche, droite)
    assert reunions_comptees == [2, 2]  # lignes et contrats, une fois pour les deux scénarios
    assert premier.lignes is second.lignes and premier.contrats is second.contrats
    assert premier.lignes == {"a", "b"} and premier.contrats == {"C1", "C2"}
    # sérialisées ensemble, elles restent partagées (ce que reçoit la fusion suivante)
    relu = pickle.loads(pickle.dumps((premier, second)))
    assert relu[0].lignes is relu[1].lignes
    # même résultat qu'une fusion de parties qui ne partagent rien
    seules = [_partie(lignes=[c], contrats=[k], nombre_lignes=1) for c, k in (("a", "C1"),)]
    seules.append(_partie(lignes=["b"], contrats=["C2"], nombre_lignes=1))
    fusion = Fusion()
    for partie in seules:
        fusion.ajouter(partie)
    assert fusion.resultat() == premier == second


def test_repli_reunit_les_cles_une_fois_pour_tous_les_scenarios(
    reunions_comptees: list[int],
) -> None:
    repli = Repli(2, None)
    repli.recevoir(partager_cles([_partie(lignes=["a"], nombre_lignes=1)] * 2), 0)
    repli.recevoir(partager_cles([_partie(lignes=["b"], nombre_lignes=1)] * 2), 1)
    premier, second = repli.resultats()
    assert reunions_comptees == [2, 2]
    assert premier.lignes == second.lignes == {"a", "b"}


def test_doublon_refuse_sous_chaque_scenario_meme_partage() -> None:
    gauche = partager_cles([_partie(lignes=["a", "b"]) for _ in SCENARIOS])
    droite = partager_cles([_partie(lignes=["b"]) for _ in SCENARIOS])
    with pytest.raises(ErreurValeur) as info:
        fusionner_paire(gauche, droite)
    assert info.value.valeur == "b"


def test_tache_d_une_partition_partage_ses_cles(tmp_path: Path) -> None:
    """Ce que renvoie un travailleur : les projections des deux scénarios partagent les clés
    de leurs lignes (et de leurs contrats, lus d'un tableau), égales à celles d'une
    projection de chaque scénario seul."""
    chemin = ecrire_csv(tmp_path / "p.csv", 40)
    [partition] = partitionner([str(chemin)], lignes_par_partition=1000)
    premiere, seconde = _tache_partition(partition, SCENARIOS, Agregation.GARANT)
    assert premiere.lignes is seconde.lignes and premiere.contrats is seconde.contrats
    assert len(premiere.lignes) == 40 and len(premiere.contrats) == 20
    (seule,) = _tache_partition(partition, SCENARIOS[1:], Agregation.GARANT)
    assert seule == seconde


@pytest.mark.parametrize("lot", [True, False])
def test_projeter_sous_scenarios_calcule_les_cles_une_fois(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lot: bool
) -> None:
    """Sous deux scénarios, les clés des lignes sont calculées (et vérifiées) une seule fois,
    partagées par les deux projections, et chaque projection est celle de son scénario seul
    (par lot comme ligne par ligne)."""
    prets = lire_portefeuille(ecrire_csv(tmp_path / "p.csv", 40))
    seules = [projeter_partie(prets, s, Agregation.GARANT, lot=lot) for s in SCENARIOS]
    appels: list[int] = []
    vraie = _portefeuille._cles_des_lignes

    def compter(lus: Any) -> Any:
        appels.append(len(lus))
        return vraie(lus)

    monkeypatch.setattr(_portefeuille, "_cles_des_lignes", compter)
    premiere, seconde = projeter_sous_scenarios(prets, SCENARIOS, Agregation.GARANT, lot=lot)
    assert appels == [20]  # une fois, pour les 20 prêts (40 lignes)
    assert premiere.lignes is seconde.lignes and len(premiere.lignes) == 40
    assert [premiere, seconde] == seules
    assert premiere != seconde  # le choc de +1 point change les intérêts


def test_projeter_sous_scenarios_refuse_le_doublon_une_fois(tmp_path: Path) -> None:
    """Une ligne donnée deux fois est refusée avant tout calcul, avec le message de
    :func:`verifier_portefeuille` (les rangs des deux prêts)."""
    prets = lire_portefeuille(ecrire_csv(tmp_path / "p.csv", 4))
    with pytest.raises(ErreurValeur) as refus:
        projeter_sous_scenarios([*prets, prets[0]], SCENARIOS, Agregation.GARANT)
    assert refus.value.message == (
        "ligne présente deux fois dans le portefeuille (prêts 1 et 3) : elle serait comptée "
        "deux fois"
    )
    assert projeter_sous_scenarios(prets, (), Agregation.GARANT) == ()


@pytest.mark.parametrize(
    ("prets", "scenarios", "par", "attendu"),
    [
        (
            None,
            "historique",
            "garant",
            "clé « scenarios » : type refusé (reçu : 'historique' ; attendu : une liste ou un "
            "tuple)",
        ),
        (
            None,
            [SCENARIOS[0], 3],
            "garant",
            "clé « scenarios[1] » : type refusé (reçu : 3 ; attendu : Scenario)",
        ),
        (
            None,
            SCENARIOS,
            "commune",
            "clé « par » : valeur inconnue (reçu : 'commune' ; attendu : ligne, emprunteur, "
            "garant)",
        ),
        (
            "x",
            SCENARIOS,
            "garant",
            "clé « prets » : type refusé (reçu : 'x' ; attendu : une liste ou un tuple)",
        ),
    ],
)
def test_projeter_sous_scenarios_refus_en_francais(
    tmp_path: Path, prets: Any, scenarios: Any, par: Any, attendu: str
) -> None:
    if prets is None:
        prets = lire_portefeuille(ecrire_csv(tmp_path / "p.csv", 2))
    with pytest.raises((ErreurType, ErreurValeur)) as refus:
        projeter_sous_scenarios(prets, scenarios, par)
    assert str(refus.value) == attendu
