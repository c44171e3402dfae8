"""Projection répartie à l'échelle nationale : une lecture de chaque partition pour tous les
scénarios ; Dask à la façon de Dask (scénarios diffusés une fois, fusions en arbre sur les
travailleurs, profileur coupé) ; un exécuteur ou un client Dask donné par l'appelant ; au plus
quelques parties en vol. Toujours les mêmes octets qu'en série."""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from collectivites.cli import main
from collectivites.erreurs import ErreurType, ErreurValeur
from collectivites.prets import ecart, lire_portefeuille, scenario
from collectivites.prets._dask import client_dask
from collectivites.prets._partitions import Partition, partitionner
from collectivites.prets._repartition import (
    projeter,
    projeter_fichiers,
    projeter_fichiers_scenarios,
    projeter_scenarios,
)
from collectivites.prets._repli import Repli, en_fenetre
from tests.synthetique import ecrire_csv

distributed = pytest.importorskip("distributed")

SCENARIOS = (
    scenario("historique"),
    scenario("livret_a+1 %", depuis=dt.date(2027, 1, 1)),
)


@pytest.fixture(scope="module")
def portefeuille(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return ecrire_csv(tmp_path_factory.mktemp("national") / "p.csv", 60)


@pytest.fixture(scope="module")
def references(portefeuille: Path) -> list[bytes]:
    """Chaque scénario projeté à part, en série, en une partition (le calcul de toujours)."""
    return [
        projeter_fichiers([portefeuille], s, par="garant").rendre("csv").encode() for s in SCENARIOS
    ]


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    """Une grappe Dask dans ce processus (fils d'exécution : rapide à démarrer)."""
    with (
        distributed.LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=False,
            dashboard_address=None,
            silence_logs=50,
        ) as grappe,
        distributed.Client(grappe) as client,
    ):
        yield client


def _octets(projections: tuple[Any, ...]) -> list[bytes]:
    return [p.rendre("csv").encode() for p in projections]


# --- une lecture par partition ------------------------------------------------------------------


def _compter_lectures(monkeypatch: pytest.MonkeyPatch) -> list[Partition]:
    lues: list[Partition] = []
    lire = Partition.prets

    def compter(self: Partition) -> Any:
        lues.append(self)
        return lire(self)

    monkeypatch.setattr(Partition, "prets", compter)
    return lues


def test_chaque_partition_lue_une_fois_pour_tous_les_scenarios(
    portefeuille: Path, references: list[bytes], monkeypatch: pytest.MonkeyPatch
) -> None:
    lues = _compter_lectures(monkeypatch)
    resultats = projeter_fichiers_scenarios(
        [portefeuille], SCENARIOS, par="garant", lignes_par_partition=16
    )
    assert _octets(resultats) == references
    partitions = partitionner([portefeuille], lignes_par_partition=16)
    assert len(partitions) == 4
    assert lues == list(partitions)  # chacune une fois, pas une fois par scénario


def test_la_ligne_de_commande_lit_une_fois_pour_comparer(
    portefeuille: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    lues = _compter_lectures(monkeypatch)
    sortie = tmp_path / "ecart.csv"
    argv = ["pret", "portefeuille", str(portefeuille), "--par", "garant"]
    options = ["--comparer-a", "livret_a+1 %", "--depuis", "2027-01-01"]
    assert main([*argv, *options, "--lignes-par-partition", "30", "--format", "csv"]) == 0
    assert len(lues) == 2
    assert main([*argv, *options, "--format", "csv", "--sortie", str(sortie)]) == 0
    a, b = (projeter_fichiers([portefeuille], s, par="garant") for s in SCENARIOS)
    titre = "Écart par garant : « Livret A + 1 point » moins « historique »"
    attendu = ecart(a, b, titre=titre)
    assert attendu.rendre("csv") in sortie.read_text(encoding="utf-8")


def test_en_memoire_plusieurs_scenarios_memes_octets(
    portefeuille: Path, references: list[bytes]
) -> None:
    prets = lire_portefeuille(portefeuille)
    assert _octets(projeter_scenarios(prets, SCENARIOS, par="garant")) == references
    with ThreadPoolExecutor(max_workers=2) as executeur:
        parties = projeter_scenarios(
            prets, SCENARIOS, par="garant", moteur=executeur, progression=lambda *_x: None
        )
    assert _octets(parties) == references


# --- moteurs donnés par l'appelant --------------------------------------------------------------


def test_un_executeur_de_fils_donne_les_memes_octets(
    portefeuille: Path, references: list[bytes]
) -> None:
    vues: list[tuple[int, int, int]] = []
    with ThreadPoolExecutor(max_workers=2) as executeur:
        resultats = projeter_fichiers_scenarios(
            [portefeuille],
            SCENARIOS,
            par="garant",
            moteur=executeur,
            lignes_par_partition=7,
            progression=lambda *x: vues.append(x),
        )
        assert not executeur._shutdown  # l'exécuteur de l'appelant reste ouvert
    assert _octets(resultats) == references
    nombre = len(partitionner([portefeuille], lignes_par_partition=7))
    assert nombre == 8
    assert [v[0] for v in vues] == list(range(1, nombre + 1))
    assert vues[-1] == (nombre, nombre, 60)


def test_un_executeur_de_processus_donne_les_memes_octets(
    portefeuille: Path, references: list[bytes]
) -> None:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    contexte = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=2, mp_context=contexte) as executeur:
        resultat = projeter_fichiers(
            [portefeuille], SCENARIOS[1], par="garant", moteur=executeur, lignes_par_partition=20
        )
    assert resultat.rendre("csv").encode() == references[1]


def test_client_dask_donne_les_memes_octets_et_fusionne_sur_les_travailleurs(
    portefeuille: Path, references: list[bytes], client: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    recus: list[Any] = []
    resultat = distributed.Future.result

    def compter(self: Any, *args: Any, **kwargs: Any) -> Any:
        recus.append(self.key)
        return resultat(self, *args, **kwargs)

    monkeypatch.setattr(distributed.Future, "result", compter)
    resultats = projeter_fichiers_scenarios(
        [portefeuille], SCENARIOS, par="garant", moteur=client, lignes_par_partition=7
    )
    assert _octets(resultats) == references
    assert len(recus) == 1  # le client ne reçoit que le résultat final, fusionné
    assert str(recus[0]).lstrip("_").startswith("fusionner")
    prefixes = client.run_on_scheduler(lambda dask_scheduler: set(dask_scheduler.task_prefixes))
    assert {"tache", "fusionner"} <= {p.lstrip("_") for p in prefixes}
    assert client.status == "running"  # le client de l'appelant reste ouvert


class _Espion:
    """Un client Dask dont on compte les envois."""

    def __init__(self, client: Any) -> None:
        self.client = client
        self.diffusions: list[tuple[Any, dict[str, Any]]] = []
        self.arguments: list[Any] = []

    def scatter(self, donnees: Any, **options: Any) -> Any:
        self.diffusions.append((donnees, options))
        return self.client.scatter(donnees, **options)

    def map(self, fonction: Any, *iterables: Any, **options: Any) -> Any:
        self.arguments.extend(x for iterable in iterables[1:] for x in iterable)
        return self.client.map(fonction, *iterables, **options)

    def submit(self, *args: Any, **kwargs: Any) -> Any:
        return self.client.submit(*args, **kwargs)

    def gather(self, *args: Any, **kwargs: Any) -> Any:
        return self.client.gather(*args, **kwargs)

    def cancel(self, *args: Any, **kwargs: Any) -> Any:
        return self.client.cancel(*args, **kwargs)


def test_les_scenarios_sont_diffuses_une_fois(
    portefeuille: Path, references: list[bytes], client: Any
) -> None:
    espion = _Espion(client)
    vues: list[tuple[int, int, int]] = []
    resultats = projeter_fichiers_scenarios(
        [portefeuille],
        SCENARIOS,
        par="garant",
        moteur=espion,
        lignes_par_partition=16,
        progression=lambda *x: vues.append(x),
    )
    assert _octets(resultats) == references
    assert espion.diffusions == [([SCENARIOS], {"broadcast": True, "hash": False})]
    # les tâches ne portent qu'une référence aux scénarios diffusés, jamais une copie
    assert espion.arguments
    assert not any(isinstance(a, tuple) for a in espion.arguments)
    assert sorted(v[0] for v in vues) == [1, 2, 3, 4]
    assert vues[-1][1:] == (4, 60)


def test_sur_dask_la_premiere_erreur_dans_l_ordre_du_portefeuille(
    tmp_path: Path, client: Any
) -> None:
    chemin = ecrire_csv(tmp_path / "p.csv", 40)
    lignes = chemin.read_text(encoding="utf-8").splitlines(keepends=True)
    for rang in (9, 35):  # deux partitions en erreur : la première l'emporte
        lignes[rang] = (
            lignes[rang].replace("annuelle", "bimensuelle").replace("semestrielle", "bimensuelle")
        )
    chemin.write_text("".join(lignes), encoding="utf-8")
    with pytest.raises(ErreurValeur, match=r"ligne 10, clé « periodicite »"):
        projeter_fichiers([chemin], SCENARIOS[0], moteur=client, lignes_par_partition=4)


def test_sur_dask_un_contrat_disperse_est_refuse_par_l_arbre(tmp_path: Path, client: Any) -> None:
    chemin = ecrire_csv(tmp_path / "p.csv", 12)
    texte = chemin.read_text(encoding="utf-8")
    chemin.write_text(texte.replace("C0000005", "C0000000"), encoding="utf-8")
    with pytest.raises(ErreurValeur, match="dispersées entre deux partitions"):
        projeter_fichiers([chemin], SCENARIOS[0], moteur=client, lignes_par_partition=2)


def test_grappe_locale_sans_profileur() -> None:
    import dask

    with client_dask(None, 1) as client:  # une grappe de processus, comme --moteur dask
        reglages = client.run(lambda: dask.config.get("distributed.worker.profile.enabled"))
        adresses = [client.scheduler.address, client.dashboard_link or ""]
    assert list(reglages.values()) == [False]
    # rien d'ouvert sur le réseau ni sur le port 8787 d'une autre grappe
    assert all("127.0.0.1" in a and ":8787" not in a for a in adresses if a), adresses


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"travailleurs": 2}, "option sans objet"),
        ({"planificateur": "tcp://127.0.0.1:9"}, "option sans objet"),
    ],
)
def test_options_sans_objet_avec_un_moteur_donne(
    portefeuille: Path, options: dict[str, Any], message: str
) -> None:
    with ThreadPoolExecutor(max_workers=1) as executeur, pytest.raises(ErreurValeur, match=message):
        projeter_fichiers([portefeuille], SCENARIOS[0], moteur=executeur, **options)


def test_moteur_inconnu_et_scenarios_vides_refuses(portefeuille: Path) -> None:
    with pytest.raises(ErreurType, match="clé « moteur » : type refusé"):
        projeter_fichiers([portefeuille], SCENARIOS[0], moteur=object())  # type: ignore[arg-type]
    with pytest.raises(ErreurValeur, match="valeur inconnue"):
        projeter(lire_portefeuille(portefeuille), SCENARIOS[0], moteur="spark")  # type: ignore[arg-type]
    with pytest.raises(ErreurValeur, match="aucun scénario"):
        projeter_fichiers_scenarios([portefeuille], ())


# --- mémoire : quelques parties en vol ----------------------------------------------------------


def test_jamais_plus_que_la_fenetre_en_vol() -> None:
    repli = Repli(40, None)
    soumises: list[int] = []
    en_vol_max = [0]
    verrou = threading.Lock()

    def tache(rang: int) -> tuple[()]:
        time.sleep(0.002)
        return ()

    with ThreadPoolExecutor(max_workers=3) as executeur:

        def soumettre(rang: int) -> Any:
            with verrou:
                soumises.append(rang)
                en_vol_max[0] = max(en_vol_max[0], len(soumises) - repli.faites)
            return executeur.submit(tache, rang)

        en_fenetre(soumettre, range(40), 4, repli)
    assert soumises == list(range(40))
    assert repli.faites == 40
    assert 2 <= en_vol_max[0] <= 4


def test_apres_une_erreur_plus_rien_n_est_soumis_et_la_premiere_l_emporte() -> None:
    soumises: list[int] = []

    def tache(rang: int) -> tuple[()]:
        if rang in (3, 5):
            raise ErreurValeur(f"partie {rang}")
        time.sleep(0.001)
        return ()

    with ThreadPoolExecutor(max_workers=2) as executeur:

        def soumettre(rang: int) -> Any:
            soumises.append(rang)
            return executeur.submit(tache, rang)

        with pytest.raises(ErreurValeur, match="partie 3"):
            en_fenetre(soumettre, range(1000), 4, Repli(1000, None))
    assert len(soumises) < 12


def test_les_copies_d_une_serie_d_index_ne_sont_gardees_qu_une_fois(portefeuille: Path) -> None:
    """Chaque partie venue d'un autre processus apporte sa copie de la série du Livret A (et
    son cache d'avertissements) : le client n'en garde qu'une, quel que soit le nombre de
    parties."""
    import pickle

    from collectivites.prets.rouages import projeter_partie

    prets = lire_portefeuille(portefeuille)
    parties = [
        pickle.loads(pickle.dumps(projeter_partie(prets[i : i + 5], SCENARIOS[0], "garant")))
        for i in range(0, 30, 5)
    ]
    copies = {id(s) for p in parties for s, _fin in p.consultations}
    assert len(copies) == 6
    repli = Repli(6, None)
    for rang, partie in enumerate(parties):
        repli.recevoir(partie, rang)
    assert len(repli.series) == 1
    gardees = {id(s) for r in repli.fusion._restes.values() for s, _fin in r.consultations}
    assert gardees == {id(repli.series[0])}  # ce que la fusion garde jusqu'à la fin
    [resultat] = repli.resultats()
    assert [s for s, _fin in resultat.consultations] == repli.series
    assert resultat.sommes == projeter_partie(prets[:30], SCENARIOS[0], "garant").sommes


def _tache_notee(partie: tuple[int, Any], scenarios: Any, par: Any) -> tuple[Any, ...]:
    """Une tâche dont la partie porte une note propre, achevée dans le désordre."""
    import attrs

    from collectivites.prets.rouages import projeter_partie

    rang, prets = partie
    time.sleep(0.01 * ((7 * rang) % 5))
    return tuple(
        attrs.evolve(projeter_partie(prets, s, par), notes=(f"note {rang}", "commune"))
        for s in scenarios
    )


def test_l_arbre_de_fusions_garde_l_ordre_du_portefeuille(portefeuille: Path, client: Any) -> None:
    from collectivites.prets._dask import sur_client

    prets = lire_portefeuille(portefeuille)
    parties = [(rang, prets[rang * 3 : rang * 3 + 3]) for rang in range(9)]
    resultats = sur_client(client, _tache_notee, parties, (SCENARIOS, "garant"), Repli(9, None))
    attendues = tuple(x for rang in range(9) for x in (f"note {rang}", "commune"))
    attendues = tuple(dict.fromkeys(attendues))
    assert [r.notes for r in resultats] == [attendues, attendues]
