"""Projeter un portefeuille par parties : en série, sur les processus de cette machine ou sur une
grappe Dask, avec le même résultat à l'octet près.

Chaque partie est projetée à part (:func:`~collectivites.prets._portefeuille.projeter_partie`)
en une :class:`~collectivites.prets._portefeuille.ProjectionPartielle` — des centimes entiers
par clé et par année —, puis chaque partie est repliée dans une
:class:`~collectivites.prets._partielle.Fusion` dès qu'elle arrive, et oubliée : le client ne
garde pas les résultats de toutes les parties. L'addition d'entiers est exacte, les notes se
réunissent dans l'ordre du portefeuille et les clés sont triées à la fin : ni le découpage ni
l'ordre d'arrivée des parties ne changent un centime ni l'ordre d'une ligne de la sortie.

Le scénario voyage comme une spécification (des valeurs, :class:`Scenario` se copie par
``pickle``) et chaque travailleur reconstruit ses sources d'index. Pour un portefeuille lu de
fichiers, chaque tâche lit sa propre partition (:mod:`collectivites.prets._partitions`) : le
client n'envoie que des chemins et des bornes.
"""

from __future__ import annotations

import contextlib
import importlib
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any

from collectivites._enum import EnumFr, decrire
from collectivites._moteur import moteur
from collectivites.erreurs import ErreurEntree, ErreurValeur
from collectivites.prets._modeles import Pret
from collectivites.prets._partielle import Agregation, Fusion, ProjectionPartielle
from collectivites.prets._partitions import Partition, partitionner
from collectivites.prets._portefeuille import (
    Projection,
    achever,
    index_utilises,
    projeter_partie,
    verifier_portefeuille,
)
from collectivites.prets._scenarios import Scenario

__all__ = ["MoteurCalcul", "Progression", "projeter", "projeter_fichiers"]


class MoteurCalcul(EnumFr):
    """Où projeter un portefeuille : dans ce processus, sur les processus de cette machine ou
    sur une grappe Dask (voir :mod:`collectivites.prets._repartition`)."""

    SERIE = "serie"
    PROCESSUS = "processus"
    DASK = "dask"


decrire(
    MoteurCalcul,
    {
        "serie": "dans ce processus",
        "processus": "sur les processus de cette machine",
        "dask": "sur une grappe Dask",
    },
)


#: ``progression(parties faites, parties en tout, lignes projetées)``, appelée après chaque partie.
Progression = Callable[[int, int, int], None]

#: Lignes de prêt par partie quand le portefeuille est en mémoire.
LIGNES_PAR_PARTIE = 2_000


def _tache_prets(prets: Sequence[Pret], scenario: Scenario, par: Agregation) -> Any:
    return projeter_partie(prets, scenario, par)


def _tache_partition(partition: Partition, scenario: Scenario, par: Agregation) -> Any:
    """Ce que fait un travailleur : lire sa partition, la projeter."""
    prets = partition.prets()
    partie = projeter_partie(prets, scenario, par)
    return _avec_contrats(partie, partition, prets)


def _avec_contrats(
    partie: ProjectionPartielle, partition: Partition, prets: Sequence[Pret]
) -> ProjectionPartielle:
    if not partition.en_tableau:
        return partie
    import attrs

    return attrs.evolve(partie, contrats=frozenset(f"{partition.chemin}#{p.numero}" for p in prets))


def _travailleurs(travailleurs: int | None) -> int:
    if travailleurs is None:
        return max(1, min(os.cpu_count() or 1, 8))
    if not 1 <= travailleurs <= 1024:
        raise ErreurValeur(
            "nombre de travailleurs hors des bornes",
            cle="travailleurs",
            valeur=travailleurs,
            attendu="de 1 à 1024",
        )
    return travailleurs


class _Repli:
    """Les parties repliées à mesure qu'elles arrivent (une :class:`Fusion`), et la progression
    appelée après chacune."""

    def __init__(self, total: int, progression: Progression | None) -> None:
        self.fusion = Fusion()
        self.total = total
        self.faites = 0
        self.progression = progression

    def recevoir(self, partie: ProjectionPartielle, rang: int | None = None) -> None:
        self.fusion.ajouter(partie, rang)
        self.faites += 1
        if self.progression is not None:
            self.progression(self.faites, self.total, self.fusion.nombre_lignes)


def _en_ordre(
    futurs: list[Any], a_mesure: Callable[[Sequence[Any]], Iterable[Any]], repli: _Repli
) -> None:
    """Replie chaque résultat dès qu'il arrive, puis l'oublie (le futur quitte ``futurs`` : sa
    mémoire, ici ou sur le travailleur Dask, est rendue) ; la première partie en erreur dans
    l'ordre du portefeuille (non dans l'ordre d'arrivée) fait échouer le tout.
    ``a_mesure`` : les futurs à mesure qu'ils s'achèvent (``concurrent.futures`` ou Dask)."""
    rangs = {id(futur): rang for rang, futur in enumerate(futurs)}
    erreurs: dict[int, BaseException] = {}
    for futur in a_mesure(list(futurs)):
        rang = rangs[id(futur)]
        erreur = futur.exception()
        if erreur is not None:
            erreurs[rang] = erreur
            continue
        if not erreurs:  # après une erreur, plus rien ne sert : on attend la fin, sans replier
            repli.recevoir(futur.result(), rang)
        futurs[rang] = None
    if erreurs:
        raise erreurs[min(erreurs)]


def _en_serie(
    fonction: Callable[..., ProjectionPartielle],
    parties: Sequence[Any],
    arguments: tuple[Any, ...],
    repli: _Repli,
) -> None:
    for partie in parties:
        repli.recevoir(fonction(partie, *arguments))


def _sur_processus(
    fonction: Callable[..., ProjectionPartielle],
    parties: Sequence[Any],
    arguments: tuple[Any, ...],
    travailleurs: int,
    repli: _Repli,
) -> None:
    import multiprocessing

    # « spawn » : un travailleur neuf, qui n'hérite ni des fils d'exécution ni de l'état de
    # l'appelant (un carnet, un serveur web) — le même départ qu'un travailleur Dask.
    try:
        with ProcessPoolExecutor(
            max_workers=min(travailleurs, len(parties)),
            mp_context=multiprocessing.get_context("spawn"),
        ) as executeur:
            futurs = [executeur.submit(fonction, partie, *arguments) for partie in parties]
            _en_ordre(futurs, as_completed, repli)
    except BrokenProcessPool:
        raise ErreurEntree(
            "un processus de calcul s'est arrêté brutalement (mémoire épuisée, processus tué, "
            "programme principal introuvable)",
            cle="moteur",
            valeur="processus",
            attendu="moins de travailleurs, ou le moteur serie",
        ) from None


@contextlib.contextmanager
def _client_dask(planificateur: str | None, travailleurs: int) -> Iterator[Any]:
    try:
        # Importé comme Any : Dask est facultatif (extra « dask ») et sans annotations complètes.
        distribue: Any = importlib.import_module("dask.distributed")
    except ImportError:
        raise ErreurEntree(
            "le moteur dask demande Dask",
            cle="moteur",
            attendu="pip install 'collectivites[dask]'",
        ) from None
    if planificateur is not None:
        try:
            client = distribue.Client(planificateur, timeout="10s")
        except (OSError, TimeoutError, ValueError) as exc:
            from collectivites._systeme import raison_systeme  # errno → français

            raison = "adresse refusée" if isinstance(exc, ValueError) else raison_systeme(exc)
            raise ErreurEntree(
                f"planificateur Dask injoignable ({raison})",
                cle="planificateur",
                valeur=planificateur,
                attendu="l'adresse d'un planificateur, par exemple tcp://10.0.0.5:8786",
            ) from None
        with client:
            yield client
        return
    with (
        distribue.LocalCluster(
            n_workers=travailleurs,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            silence_logs=50,
        ) as grappe,
        distribue.Client(grappe) as client,
    ):
        yield client


def _sur_dask(  # noqa: PLR0917 - fonction privée, arguments dans l'ordre de _executer
    fonction: Callable[..., ProjectionPartielle],
    parties: Sequence[Any],
    arguments: tuple[Any, ...],
    travailleurs: int,
    planificateur: str | None,
    repli: _Repli,
) -> None:
    with _client_dask(planificateur, travailleurs) as client:
        a_mesure = importlib.import_module("dask.distributed").as_completed
        futurs = client.map(fonction, parties, *[[a] * len(parties) for a in arguments], pure=False)
        try:
            _en_ordre(futurs, a_mesure, repli)
        finally:
            client.cancel([futur for futur in futurs if futur is not None])


def _verifier_moteur(
    moteur: MoteurCalcul, travailleurs: int | None, planificateur: str | None
) -> None:
    """Options du moteur vérifiées avant toute lecture."""
    _travailleurs(travailleurs)
    if planificateur is not None and moteur is not MoteurCalcul.DASK:
        raise ErreurValeur(
            "un planificateur ne s'emploie qu'avec le moteur dask",
            cle="planificateur",
            valeur=planificateur,
        )


def _executer(
    fonction: Callable[..., ProjectionPartielle],
    parties: Sequence[Any],
    arguments: tuple[Any, ...],
    *,
    moteur: MoteurCalcul,
    travailleurs: int | None,
    planificateur: str | None,
    progression: Progression | None,
) -> ProjectionPartielle:
    _verifier_moteur(moteur, travailleurs, planificateur)
    nombre = _travailleurs(travailleurs)
    repli = _Repli(len(parties), progression)
    if moteur is MoteurCalcul.SERIE:
        _en_serie(fonction, parties, arguments, repli)
    elif moteur is MoteurCalcul.PROCESSUS:
        _sur_processus(fonction, parties, arguments, nombre, repli)
    else:
        _sur_dask(fonction, parties, arguments, nombre, planificateur, repli)
    return repli.fusion.resultat()


def _decouper(prets: Sequence[Pret], lignes_par_partie: int) -> list[tuple[Pret, ...]]:
    parties: list[tuple[Pret, ...]] = []
    courante: list[Pret] = []
    lignes = 0
    for pret in prets:
        courante.append(pret)
        lignes += len(pret.lignes)
        if lignes >= lignes_par_partie:
            parties.append(tuple(courante))
            courante, lignes = [], 0
    if courante:
        parties.append(tuple(courante))
    return parties


def projeter_en_parties(
    prets: Sequence[Pret],
    scenario: Scenario,
    *,
    par: Agregation,
    moteur: MoteurCalcul,
    travailleurs: int | None = None,
    planificateur: str | None = None,
    progression: Progression | None = None,
    lignes_par_partie: int = LIGNES_PAR_PARTIE,
) -> Projection:
    """:func:`~collectivites.prets.projeter` d'un portefeuille en mémoire, par parties de
    ``lignes_par_partie`` lignes (ici, le client envoie les prêts aux travailleurs)."""
    parties = _decouper(prets, lignes_par_partie)
    partie = _executer(
        _tache_prets,
        parties,
        (scenario, par),
        moteur=moteur,
        travailleurs=travailleurs,
        planificateur=planificateur,
        progression=progression,
    )
    return achever(partie, scenario)


@moteur
def projeter(
    prets: Sequence[Pret],
    scenario: Scenario,
    *,
    par: Agregation = Agregation.LIGNE,
    moteur: MoteurCalcul = MoteurCalcul.SERIE,
    travailleurs: int | None = None,
    planificateur: str | None = None,
    progression: Progression | None = None,
) -> Projection:
    """Projection annuelle d'un portefeuille sous ``scenario``, ``par`` ligne, emprunteur ou
    garant. Une ligne sans garant n'apparaît pas dans la projection par garant.

    ``moteur`` : ``serie`` (ce processus), ``processus`` (``travailleurs`` processus de cette
    machine) ou ``dask`` (une grappe Dask : celle de ``planificateur``, sinon une grappe locale
    de ``travailleurs`` processus ; extra ``collectivites[dask]``). ``progression`` : appelée
    après chaque partie avec (parties faites, parties en tout, lignes projetées). Le résultat
    est le même au centime et à l'octet près quel que soit le moteur ; pour un portefeuille
    trop grand pour la mémoire, voir :func:`projeter_fichiers`."""
    if not prets:
        raise ErreurValeur("portefeuille vide", cle="prets", attendu="au moins un prêt")
    verifier_portefeuille(prets)
    scenario.verifier_index(index_utilises(prets))
    if moteur is MoteurCalcul.SERIE and planificateur is None and progression is None:
        return achever(projeter_partie(prets, scenario, par), scenario)
    return projeter_en_parties(
        prets,
        scenario,
        par=par,
        moteur=moteur,
        travailleurs=travailleurs,
        planificateur=planificateur,
        progression=progression,
    )


@moteur
def projeter_fichiers(
    sources: Sequence[str | Path],
    scenario: Scenario,
    *,
    par: Agregation = Agregation.LIGNE,
    moteur: MoteurCalcul = MoteurCalcul.SERIE,
    travailleurs: int | None = None,
    planificateur: str | None = None,
    progression: Progression | None = None,
    lignes_par_partition: int = 20_000,
    exemples: Sequence[str] = (),
) -> Projection:
    """Projection d'un portefeuille lu de fichiers — dossiers TOML, répertoires de dossiers,
    tableaux CSV, XLSX ou Parquet —, découpé en partitions que chaque tâche lit elle-même : le
    client n'envoie que des chemins et des bornes, la mémoire reste celle d'une partition par
    travailleur. Le résultat est le même, à l'octet près, quels que soient le moteur, le nombre
    de travailleurs et ``lignes_par_partition``.

    ``exemples`` : des exemples livrés, projetés avant les fichiers.

    Un contrat d'un tableau dont les lignes seraient dispersées entre deux partitions est
    refusé (il serait lu comme deux prêts) : regrouper les lignes d'un même contrat."""
    if not 1 <= lignes_par_partition <= 10_000_000:
        raise ErreurValeur(
            "taille de partition hors des bornes",
            cle="lignes_par_partition",
            valeur=lignes_par_partition,
            attendu="de 1 à 10 000 000 lignes",
        )
    _verifier_moteur(moteur, travailleurs, planificateur)
    partitions = partitionner(sources, lignes_par_partition=lignes_par_partition, exemples=exemples)
    partie = _executer(
        _tache_partition,
        partitions,
        (scenario, par),
        moteur=moteur,
        travailleurs=travailleurs,
        planificateur=planificateur,
        progression=progression,
    )
    return achever(partie, scenario)
