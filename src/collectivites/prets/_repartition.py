"""Projeter un portefeuille par parties : en série, sur les processus de cette machine, sur une
grappe Dask ou sur l'exécuteur de l'appelant, avec le même résultat à l'octet près.

Chaque partie est projetée à part (:func:`~collectivites.prets._portefeuille.projeter_partie`)
en une :class:`~collectivites.prets._portefeuille.ProjectionPartielle` — des centimes entiers
par clé et par année —, **sous chacun des scénarios demandés** (une partition d'un fichier est
lue une seule fois pour tous), puis chaque partie est repliée dans une
:class:`~collectivites.prets._partielle.Fusion` par scénario dès qu'elle arrive, et oubliée.
L'addition d'entiers est exacte, les notes se réunissent dans l'ordre du portefeuille et les
clés sont triées à la fin : ni le découpage ni l'ordre d'arrivée des parties ne changent un
centime ni l'ordre d'une ligne de la sortie.

Mémoire : les parties sont soumises par une fenêtre glissante (deux par travailleur) aux
processus ou à un exécuteur ; sur Dask, elles sont fusionnées en arbre sur les travailleurs
(:mod:`collectivites.prets._dask`). Pour un portefeuille lu de fichiers, chaque tâche lit sa
propre partition (:mod:`collectivites.prets._partitions`) : le client n'envoie que des chemins et
des bornes, et sa mémoire est celle de quelques partitions, non du portefeuille.

Le scénario voyage comme une spécification (des valeurs, :class:`Scenario` se copie par
``pickle``) et chaque travailleur reconstruit ses sources d'index.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from concurrent.futures import Executor, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any

import attrs

from collectivites._enum import EnumFr, decrire
from collectivites._moteur import moteur
from collectivites.erreurs import ErreurEntree, ErreurValeur
from collectivites.prets._cles import EnsembleCles
from collectivites.prets._dask import ClientDask, client_dask, sur_client
from collectivites.prets._modeles import Pret
from collectivites.prets._partielle import Agregation, ProjectionPartielle
from collectivites.prets._partitions import Partition, partitionner
from collectivites.prets._portefeuille import (
    Projection,
    achever,
    index_utilises,
    projeter_sous_scenarios,
    verifier_portefeuille,
)
from collectivites.prets._repli import Progression, Repli, en_fenetre, en_ordre
from collectivites.prets._scenarios import Scenario

__all__ = [
    "ClientDask",
    "MoteurCalcul",
    "Progression",
    "projeter",
    "projeter_fichiers",
    "projeter_fichiers_scenarios",
    "projeter_scenarios",
]


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


#: Lignes de prêt par partie quand le portefeuille est en mémoire.
LIGNES_PAR_PARTIE = 2_000

#: Un moteur donné par l'appelant : un exécuteur ``concurrent.futures`` ou un client Dask.
MoteurDonne = Executor | ClientDask
#: Ce que ``moteur=`` accepte.
Moteur = MoteurDonne | MoteurCalcul


def _tache_prets(
    prets: Sequence[Pret], scenarios: Sequence[Scenario], par: Agregation
) -> tuple[ProjectionPartielle, ...]:
    return projeter_sous_scenarios(prets, scenarios, par)


def _tache_partition(
    partition: Partition, scenarios: Sequence[Scenario], par: Agregation
) -> tuple[ProjectionPartielle, ...]:
    """Ce que fait un travailleur : lire sa partition **une fois**, la projeter sous chacun des
    scénarios."""
    prets = partition.prets()
    contrats = _contrats(partition, prets)
    # les mêmes lignes et contrats sous chaque scénario : un seul ensemble de chaque, réuni une
    # fois par fusion
    parties = projeter_sous_scenarios(prets, scenarios, par)
    if contrats is None:
        return parties
    return tuple(attrs.evolve(partie, contrats=contrats) for partie in parties)


def _contrats(partition: Partition, prets: Sequence[Pret]) -> EnsembleCles | None:
    """Les contrats d'une partition lue d'un tableau (un seul ensemble pour tous les
    scénarios)."""
    if not partition.en_tableau:
        return None
    return EnsembleCles.de(f"{partition.chemin}#{p.numero}" for p in prets)


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


#: Compatibilité : les noms privés d'avant le module :mod:`collectivites.prets._repli`.
_Repli = Repli
_en_ordre = en_ordre


def _en_serie(
    fonction: Callable[..., tuple[ProjectionPartielle, ...]],
    parties: Sequence[Any],
    arguments: tuple[Any, ...],
    repli: Repli,
) -> None:
    for partie in parties:
        repli.recevoir(fonction(partie, *arguments))


def _fenetre(executeur: Executor) -> int:
    """Parties en vol sur un exécuteur : deux par travailleur (l'un calcule, l'autre attend)."""
    nombre = getattr(executeur, "_max_workers", None)
    return 2 * (nombre if isinstance(nombre, int) and nombre > 0 else (os.cpu_count() or 1))


def _sur_executeur(
    executeur: Executor,
    fonction: Callable[..., tuple[ProjectionPartielle, ...]],
    parties: Sequence[Any],
    arguments: tuple[Any, ...],
    repli: Repli,
) -> None:
    def soumettre(partie: Any) -> Any:
        return executeur.submit(fonction, partie, *arguments)

    en_fenetre(soumettre, parties, _fenetre(executeur), repli)


def _sur_processus(
    fonction: Callable[..., tuple[ProjectionPartielle, ...]],
    parties: Sequence[Any],
    arguments: tuple[Any, ...],
    travailleurs: int,
    repli: Repli,
) -> None:
    import multiprocessing

    # « spawn » : un travailleur neuf, qui n'hérite ni des fils d'exécution ni de l'état de
    # l'appelant (un carnet, un serveur web) — le même départ qu'un travailleur Dask.
    try:
        with ProcessPoolExecutor(
            max_workers=min(travailleurs, len(parties)),
            mp_context=multiprocessing.get_context("spawn"),
        ) as executeur:
            _sur_executeur(executeur, fonction, parties, arguments, repli)
    except BrokenProcessPool:
        raise ErreurEntree(
            "un processus de calcul s'est arrêté brutalement (mémoire épuisée, processus tué, "
            "programme principal introuvable)",
            cle="moteur",
            valeur="processus",
            attendu="moins de travailleurs, ou le moteur serie",
        ) from None


def _verifier_moteur(moteur: Moteur, travailleurs: int | None, planificateur: str | None) -> None:
    """Options du moteur vérifiées avant toute lecture."""
    _travailleurs(travailleurs)
    if not isinstance(moteur, MoteurCalcul):
        for cle, valeur in (("travailleurs", travailleurs), ("planificateur", planificateur)):
            if valeur is not None:
                raise ErreurValeur(
                    "option sans objet avec un exécuteur ou un client Dask donné : ses "
                    "travailleurs sont les siens",
                    cle=cle,
                    valeur=valeur,
                )
        return
    if planificateur is not None and moteur is not MoteurCalcul.DASK:
        raise ErreurValeur(
            "un planificateur ne s'emploie qu'avec le moteur dask",
            cle="planificateur",
            valeur=planificateur,
        )


def _executer(
    fonction: Callable[..., tuple[ProjectionPartielle, ...]],
    parties: Sequence[Any],
    arguments: tuple[Any, ...],
    *,
    moteur: Moteur,
    travailleurs: int | None,
    planificateur: str | None,
    progression: Progression | None,
) -> tuple[ProjectionPartielle, ...]:
    """Les projections partielles de toutes les parties, une par scénario (``arguments`` : les
    scénarios et l'agrégation)."""
    _verifier_moteur(moteur, travailleurs, planificateur)
    nombre = _travailleurs(travailleurs)
    repli = Repli(len(parties), progression)
    if isinstance(moteur, Executor):
        _sur_executeur(moteur, fonction, parties, arguments, repli)
    elif not isinstance(moteur, MoteurCalcul):
        return sur_client(moteur, fonction, parties, arguments, repli)
    elif moteur is MoteurCalcul.SERIE:
        _en_serie(fonction, parties, arguments, repli)
    elif moteur is MoteurCalcul.PROCESSUS:
        _sur_processus(fonction, parties, arguments, nombre, repli)
    else:
        with client_dask(planificateur, nombre) as client:
            return sur_client(client, fonction, parties, arguments, repli)
    return repli.resultats()


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
    scenarios: Sequence[Scenario],
    *,
    par: Agregation,
    moteur: Moteur,
    travailleurs: int | None = None,
    planificateur: str | None = None,
    progression: Progression | None = None,
    lignes_par_partie: int = LIGNES_PAR_PARTIE,
) -> tuple[Projection, ...]:
    """:func:`projeter_scenarios` d'un portefeuille en mémoire, par parties de
    ``lignes_par_partie`` lignes (ici, le client envoie les prêts aux travailleurs)."""
    parties = _executer(
        _tache_prets,
        _decouper(prets, lignes_par_partie),
        (tuple(scenarios), par),
        moteur=moteur,
        travailleurs=travailleurs,
        planificateur=planificateur,
        progression=progression,
    )
    return tuple(achever(p, s) for p, s in zip(parties, scenarios, strict=True))


def _verifier_scenarios(scenarios: Sequence[Scenario]) -> None:
    if not scenarios:
        raise ErreurValeur("aucun scénario", cle="scenarios", attendu="au moins un scénario")


@moteur
def projeter_scenarios(
    prets: Sequence[Pret],
    scenarios: Sequence[Scenario],
    *,
    par: Agregation = Agregation.LIGNE,
    moteur: Moteur = MoteurCalcul.SERIE,
    travailleurs: int | None = None,
    planificateur: str | None = None,
    progression: Progression | None = None,
) -> tuple[Projection, ...]:
    """:func:`projeter` sous plusieurs scénarios à la fois (une projection par scénario, dans
    l'ordre) : chaque partie est envoyée une fois à un travailleur qui la projette sous tous."""
    _verifier_scenarios(scenarios)
    if not prets:
        raise ErreurValeur("portefeuille vide", cle="prets", attendu="au moins un prêt")
    verifier_portefeuille(prets)
    for s in scenarios:
        s.verifier_index(index_utilises(prets))
    if moteur is MoteurCalcul.SERIE and planificateur is None and progression is None:
        _verifier_moteur(moteur, travailleurs, planificateur)
        parties = projeter_sous_scenarios(prets, scenarios, par)
        return tuple(achever(p, s) for p, s in zip(parties, scenarios, strict=True))
    return projeter_en_parties(
        prets,
        scenarios,
        par=par,
        moteur=moteur,
        travailleurs=travailleurs,
        planificateur=planificateur,
        progression=progression,
    )


@moteur
def projeter(
    prets: Sequence[Pret],
    scenario: Scenario,
    *,
    par: Agregation = Agregation.LIGNE,
    moteur: Moteur = MoteurCalcul.SERIE,
    travailleurs: int | None = None,
    planificateur: str | None = None,
    progression: Progression | None = None,
) -> Projection:
    """Projection annuelle d'un portefeuille sous ``scenario``, ``par`` ligne, emprunteur ou
    garant. Une ligne sans garant n'apparaît pas dans la projection par garant.

    ``moteur`` : ``serie`` (ce processus), ``processus`` (``travailleurs`` processus de cette
    machine), ``dask`` (une grappe Dask : celle de ``planificateur``, sinon une grappe locale
    de ``travailleurs`` processus ; extra ``collectivites[dask]``), ou un moteur déjà ouvert
    par l'appelant : un ``distributed.Client`` ou tout ``concurrent.futures.Executor`` (ni
    créé ni fermé ici). ``progression`` : appelée après chaque partie avec (parties faites,
    parties en tout, lignes projetées). Le résultat est le même au centime et à l'octet près
    quel que soit le moteur ; pour un portefeuille trop grand pour la mémoire, voir
    :func:`projeter_fichiers` ; pour plusieurs scénarios, :func:`projeter_scenarios`."""
    [resultat] = projeter_scenarios(
        prets,
        (scenario,),
        par=par,
        moteur=moteur,
        travailleurs=travailleurs,
        planificateur=planificateur,
        progression=progression,
    )
    return resultat


@moteur
def projeter_fichiers_scenarios(
    sources: Sequence[str | Path],
    scenarios: Sequence[Scenario],
    *,
    par: Agregation = Agregation.LIGNE,
    moteur: Moteur = MoteurCalcul.SERIE,
    travailleurs: int | None = None,
    planificateur: str | None = None,
    progression: Progression | None = None,
    lignes_par_partition: int = 20_000,
    exemples: Sequence[str] = (),
) -> tuple[Projection, ...]:
    """:func:`projeter_fichiers` sous plusieurs scénarios à la fois (une projection par
    scénario, dans l'ordre) : chaque tâche lit sa partition **une fois** et la projette sous
    tous les scénarios — lire et valider un tableau coûte autant que le projeter."""
    _verifier_scenarios(scenarios)
    if not 1 <= lignes_par_partition <= 10_000_000:
        raise ErreurValeur(
            "taille de partition hors des bornes",
            cle="lignes_par_partition",
            valeur=lignes_par_partition,
            attendu="de 1 à 10 000 000 lignes",
        )
    _verifier_moteur(moteur, travailleurs, planificateur)
    partitions = partitionner(sources, lignes_par_partition=lignes_par_partition, exemples=exemples)
    parties = _executer(
        _tache_partition,
        partitions,
        (tuple(scenarios), par),
        moteur=moteur,
        travailleurs=travailleurs,
        planificateur=planificateur,
        progression=progression,
    )
    return tuple(achever(p, s) for p, s in zip(parties, scenarios, strict=True))


@moteur
def projeter_fichiers(
    sources: Sequence[str | Path],
    scenario: Scenario,
    *,
    par: Agregation = Agregation.LIGNE,
    moteur: Moteur = MoteurCalcul.SERIE,
    travailleurs: int | None = None,
    planificateur: str | None = None,
    progression: Progression | None = None,
    lignes_par_partition: int = 20_000,
    exemples: Sequence[str] = (),
) -> Projection:
    """Projection d'un portefeuille lu de fichiers — dossiers TOML, répertoires de dossiers,
    tableaux CSV, XLSX ou Parquet —, découpé en partitions que chaque tâche lit elle-même : le
    client n'envoie que des chemins et des bornes, la mémoire reste celle d'une partition par
    travailleur. Le résultat est le même, à l'octet près, quels que soient le moteur (voir
    :func:`projeter`), le nombre de travailleurs et ``lignes_par_partition``.

    ``exemples`` : des exemples livrés, projetés avant les fichiers. Pour plusieurs scénarios,
    :func:`projeter_fichiers_scenarios` lit chaque partition une seule fois.

    Un contrat d'un tableau dont les lignes seraient dispersées entre deux partitions est
    refusé (il serait lu comme deux prêts) : regrouper les lignes d'un même contrat."""
    [resultat] = projeter_fichiers_scenarios(
        sources,
        (scenario,),
        par=par,
        moteur=moteur,
        travailleurs=travailleurs,
        planificateur=planificateur,
        progression=progression,
        lignes_par_partition=lignes_par_partition,
        exemples=exemples,
    )
    return resultat
