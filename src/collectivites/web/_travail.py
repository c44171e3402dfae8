"""Chaque calcul du service dans un processus à part, borné en temps et en nombre.

Un calcul (une requête de l'API ou un envoi de formulaire) tourne dans un processus neuf, tiré
d'un serveur de processus (« forkserver ») qui a déjà chargé la bibliothèque : une vingtaine de
millisecondes par calcul, et un processus qui dépasse ``delai`` secondes est tué (SIGKILL) — un
fil d'exécution, lui, ne s'arrête pas de l'extérieur. Au-delà de ``simultanes`` calculs en
cours, le suivant est refusé tout de suite (503, ``Retry-After``) plutôt que mis en file : la
file d'un service saturé ne fait qu'allonger l'attente de tous.

Le processus ne partage rien avec le serveur : il reçoit la commande (son chemin) et les
données de la requête, il rend la réponse rendue ou l'erreur de la bibliothèque. Une erreur
imprévue y est journalisée par le serveur, trace comprise, et répond 500 en une ligne.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import pickle
import threading
import time
from collections.abc import Mapping
from multiprocessing.connection import Connection
from typing import Any

import anyio.to_thread
import attrs

from collectivites.erreurs import ABSENT, ErreurCollectivites
from collectivites.web._journal import resume_de_l_exception
from collectivites.web._limites import ATTENTE_CONSEILLEE

__all__ = [
    "CalculInterrompu",
    "CalculTropLong",
    "Calculateur",
    "RefusDuService",
    "ServiceOccupe",
    "calculs_simultanes_par_defaut",
]

#: Modules chargés une fois par le serveur de processus, hérités par chaque calcul : la
#: bibliothèque importe ses moteurs à la demande (démarrage léger de la ligne de commande), ce
#: qui coûterait à chaque processus neuf plusieurs centaines de millisecondes. Ceux des extras
#: absents sont ignorés.
_PRECHARGES = (
    "collectivites.web._travail",
    "collectivites.web._page",
    "collectivites.cli._commandes",
    "collectivites.calendrier",
    "collectivites.chargement",
    "collectivites.donnees",
    "collectivites.rendu",
    "collectivites.rendu._ics",
    "collectivites.rendu._xlsx",
    "collectivites.rendu._graphique",
    "collectivites.prets",
    "collectivites.dette",
    "collectivites.regles.delais",
    "collectivites.regles.indemnites",
    "collectivites.regles.logement",
    "collectivites.regles.rep",
    "collectivites.regles.rsa",
    "openpyxl",
    "matplotlib.figure",
    "matplotlib.backends.backend_svg",
    "matplotlib.backends.backend_agg",
    "collectivites.web._prechauffage",  # en dernier : quelques calculs, caches remplis
)
_journal = logging.getLogger("collectivites.web")


class RefusDuService(Exception):
    """Le service ne rend pas le calcul : statut HTTP, message français, en-têtes."""

    statut = 503

    def __init__(self, message: str, entetes: Mapping[str, str] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.entetes = dict(entetes or {})


class ServiceOccupe(RefusDuService):
    """Tous les calculs permis sont en cours (503, avec ``Retry-After``)."""

    statut = 503


class CalculTropLong(RefusDuService):
    """Le calcul a dépassé le délai permis ; son processus a été tué (504)."""

    statut = 504


class CalculInterrompu(RefusDuService):
    """Le processus du calcul s'est arrêté sans réponse (500)."""

    statut = 500


def calculs_simultanes_par_defaut() -> int:
    """Autant de calculs simultanés que de cœurs disponibles pour le processus (au moins 1)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # pragma: no cover - plateformes sans sched_getaffinity
        return max(1, os.cpu_count() or 1)


@attrs.frozen
class _Tache:
    """Ce que reçoit le processus : le chemin de la commande, les données, la façon de rendre."""

    chemin: tuple[str, ...]
    donnees: Mapping[str, Any]
    format_defaut: str
    afficher: bool


class _Recu(str):
    """La valeur reçue d'une erreur qui ne passe pas d'un processus à l'autre, déjà montrée."""

    __slots__ = ()

    def __repr__(self) -> str:
        return str.__str__(self)


def _executer(tache: _Tache) -> Any:
    """Le calcul lui-même (dans le processus du calcul, ou dans un fil sans délai)."""
    from collectivites.web._traitement import commande_web, traiter

    commande = commande_web("/".join(tache.chemin))
    if commande is None:  # pragma: no cover - le chemin vient de la table des commandes
        raise LookupError("/".join(tache.chemin))
    if tache.afficher:
        from collectivites.web._affichage import afficher

        return traiter(
            commande, tache.donnees, format_defaut=tache.format_defaut, avec_resultat=afficher
        )
    return traiter(commande, tache.donnees, format_defaut=tache.format_defaut)


def _transmissible(exc: ErreurCollectivites) -> ErreurCollectivites:
    """L'erreur elle-même si elle passe d'un processus à l'autre, sinon sa copie dont la valeur
    reçue est remplacée par sa forme montrée (le message reste le même)."""
    try:
        pickle.dumps(exc)
    except Exception:
        exc = exc.situer()
        if exc.valeur is not ABSENT:
            exc.valeur = _Recu(repr(exc.valeur)[:80])
    return exc


def _resume(exc: BaseException) -> str:
    """L'exception et ses derniers appels, en une ligne (le journal du serveur l'écrit)."""
    return resume_de_l_exception((type(exc), exc, exc.__traceback__))


def _travailleur(connexion: Connection, tache: _Tache) -> None:
    """Le corps du processus d'un calcul : calcule et renvoie ``(nature, contenu)``."""
    resultat: tuple[str, Any]
    try:
        resultat = ("ok", _executer(tache))
    except ErreurCollectivites as exc:
        resultat = ("erreur", _transmissible(exc))
    except (RecursionError, MemoryError) as exc:
        resultat = ("trop-grand", type(exc).__name__)
    except BaseException as exc:
        resultat = ("interne", (type(exc).__name__, _resume(exc)))
    try:
        connexion.send(resultat)
    except Exception as exc:  # un résultat qui ne passe pas : un défaut, dit comme tel
        connexion.send(("interne", (type(exc).__name__, _resume(exc))))
    finally:
        connexion.close()


def _contexte() -> Any:
    """Le contexte des processus : « forkserver » (serveur de processus préchargé) là où il
    existe, « spawn » sinon (Windows : un démarrage complet par calcul)."""
    if "forkserver" in multiprocessing.get_all_start_methods():
        contexte = multiprocessing.get_context("forkserver")
        contexte.set_forkserver_preload(list(_PRECHARGES))
        return contexte
    return multiprocessing.get_context("spawn")  # pragma: no cover - Windows


class Calculateur:
    """Fait tourner les calculs : au plus ``simultanes`` à la fois, chacun dans son processus
    tué au-delà de ``delai`` secondes. ``delai=None`` : dans un fil du serveur, sans limite de
    temps (tests, débogage) ; la limite du nombre de calculs simultanés vaut toujours."""

    def __init__(self, *, delai: float | None, simultanes: int) -> None:
        if delai is not None and not delai > 0:
            raise ValueError(f"délai de calcul invalide : {delai!r} (attendu : > 0)")
        if simultanes < 1:
            raise ValueError(f"calculs simultanés invalides : {simultanes!r} (attendu : ≥ 1)")
        self.delai = delai
        self.simultanes = simultanes
        self._verrou = threading.Lock()
        self._en_cours = 0
        self._contexte: Any = None

    def demarrer(self) -> None:
        """Démarre le serveur de processus (sinon, au premier calcul)."""
        if self.delai is None:
            return
        contexte = self._preparer()
        if contexte.get_start_method() == "forkserver":
            from multiprocessing import forkserver

            forkserver.ensure_running()

    async def calculer(
        self,
        chemin: tuple[str, ...],
        donnees: Mapping[str, Any],
        *,
        format_defaut: str = "json",
        afficher: bool = False,
    ) -> Any:
        """Le calcul de la commande ``chemin`` sur ``donnees`` : une
        :class:`~collectivites.web._traitement.Reponse` (ou, avec ``afficher``, le HTML du
        résultat). Lève l'erreur de la bibliothèque, ou un :class:`RefusDuService`."""
        with self._verrou:
            if self._en_cours >= self.simultanes:
                raise ServiceOccupe(
                    f"service occupé : {self.simultanes} calcul(s) déjà en cours ; "
                    f"réessayez dans {ATTENTE_CONSEILLEE} s",
                    {"Retry-After": str(ATTENTE_CONSEILLEE)},
                )
            self._en_cours += 1
        tache = _Tache(chemin, donnees, format_defaut, afficher)
        try:
            if self.delai is None:
                return await anyio.to_thread.run_sync(_executer, tache)
            return await anyio.to_thread.run_sync(self._dans_un_processus, tache)
        finally:
            with self._verrou:
                self._en_cours -= 1

    def _preparer(self) -> Any:
        with self._verrou:
            if self._contexte is None:
                self._contexte = _contexte()
            return self._contexte

    def _dans_un_processus(self, tache: _Tache) -> Any:
        """Dans un fil d'attente : lance le processus, attend sa réponse au plus ``delai``
        secondes, le tue au-delà."""
        assert self.delai is not None
        contexte = self._preparer()
        nom = " ".join(tache.chemin)
        try:
            lecture, ecriture = contexte.Pipe(duplex=False)
            processus = contexte.Process(
                target=_travailleur, args=(ecriture, tache), name=f"calcul {nom}", daemon=True
            )
            processus.start()
        except OSError as exc:
            _journal.error("calcul %s : impossible de lancer son processus (%s)", nom, exc)
            raise RefusDuService(
                "service momentanément indisponible : le calcul n'a pas pu être lancé",
                {"Retry-After": str(ATTENTE_CONSEILLEE)},
            ) from None
        ecriture.close()
        debut = time.monotonic()
        try:
            if not lecture.poll(self.delai):
                processus.kill()
                _journal.warning(
                    "calcul %s arrêté après %s s (processus %s tué)", nom, self.delai, processus.pid
                )
                raise CalculTropLong(
                    f"calcul trop long : arrêté après {_secondes(self.delai)} "
                    "(limite du service ; un portefeuille plus petit, ou la ligne de commande, "
                    "n'a pas cette limite)"
                )
            try:
                nature, contenu = lecture.recv()
            except (EOFError, OSError):
                processus.join(timeout=5)
                _journal.error(
                    "calcul %s : processus arrêté sans réponse (code %s) après %.1f s",
                    nom,
                    processus.exitcode,
                    time.monotonic() - debut,
                )
                raise CalculInterrompu(
                    "erreur interne : le processus du calcul s'est arrêté sans réponse ; merci "
                    "de la signaler avec la requête envoyée"
                ) from None
        finally:
            if processus.is_alive():
                processus.kill()
            processus.join(timeout=5)
            lecture.close()
        return _rendre(nature, contenu, nom)


def _rendre(nature: str, contenu: Any, nom: str) -> Any:
    if nature == "ok":
        return contenu
    if nature == "erreur":
        raise contenu
    if nature == "trop-grand":
        raise _TropGrand(contenu)
    type_, trace = contenu
    _journal.error("calcul %s : erreur interne — %s", nom, trace)
    raise CalculInterrompu(
        f"erreur interne ({type_}) ; merci de la signaler avec la requête envoyée"
    )


class _TropGrand(RecursionError):
    """Un calcul a épuisé la pile ou la mémoire de son processus."""


def _secondes(delai: float) -> str:
    texte = f"{delai:g}".replace(".", ",")
    return f"{texte} s"
