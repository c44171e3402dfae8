"""Le journal du service web, en français et une ligne par événement.

``collectivites servir`` passe à uvicorn la configuration :func:`configuration_du_journal` :
chaque ligne porte la date, le niveau en français (« info », « avertissement », « erreur »…) et
le message ; les messages connus d'uvicorn sont traduits (« Démarrage du processus du serveur
[1234] », « Service à l'écoute sur http://127.0.0.1:8000 ») et chaque requête servie est une
ligne « Requête POST /api/pret/tableau de 127.0.0.1:51234 : 200 OK ».

Une ligne, toujours : un saut de ligne ou un caractère de contrôle venu d'un message (un nom de
fichier envoyé, un chemin d'URL) est écrit échappé, et la trace d'une erreur imprévue est
résumée sur la ligne de son message (fichier, ligne et fonction de ses derniers appels). Rien de
secret : ni corps de requête, ni en-tête, ni paramètres d'URL (remplacés par « ?… »).

Module léger (aucune dépendance de l'extra « web ») : les processus de serveur lancés par
``--processus`` l'importent par son nom depuis la configuration.
"""

from __future__ import annotations

import errno
import logging
import os
import re
import traceback
from types import TracebackType
from typing import Any

from collectivites.web._configuration import lire_niveau

__all__ = [
    "FormatJournal",
    "JournalDesAcces",
    "TraductionUvicorn",
    "configuration_du_journal",
    "resume_de_l_exception",
]

_NOMS_DES_NIVEAUX = {
    "DEBUG": "débogage",
    "INFO": "info",
    "WARNING": "avertissement",
    "ERROR": "erreur",
    "CRITICAL": "critique",
    "TRACE": "trace",
}
#: Les messages d'uvicorn (``uvicorn.error``) et leur traduction ; les autres passent tels quels.
_TRADUCTIONS = {
    "Invalid HTTP request received.": "Requête HTTP invalide reçue",
    "Exceeded concurrency limit.": "Trop de connexions : requête refusée (503)",
    "Exception in ASGI application\n": "Exception dans l'application ASGI",
    "Unsupported upgrade request.": "Changement de protocole demandé, non pris en charge",
    "No supported WebSocket library detected. Please use \"pip install 'uvicorn[standard]'\", "
    "or install 'websockets' or 'wsproto' manually.": "Le service ne sert pas de WebSocket",
    "Started server process [%d]": "Démarrage du processus du serveur [%d]",
    "Finished server process [%d]": "Fin du processus du serveur [%d]",
    "Waiting for application startup.": "Démarrage de l'application…",
    "Application startup complete.": "Application démarrée",
    "Application startup failed. Exiting.": "Échec du démarrage de l'application : arrêt",
    "Waiting for application shutdown.": "Arrêt de l'application…",
    "Application shutdown complete.": "Application arrêtée",
    "Application shutdown failed. Exiting.": "Échec de l'arrêt de l'application",
    "Shutting down": "Arrêt du serveur",
    "Uvicorn running on %s://%s:%d (Press CTRL+C to quit)": (
        "Service à l'écoute sur %s://%s:%d (Ctrl+C pour l'arrêter)"
    ),
    "Uvicorn running on %s://[%s]:%d (Press CTRL+C to quit)": (
        "Service à l'écoute sur %s://[%s]:%d (Ctrl+C pour l'arrêter)"
    ),
    "Waiting for connections to close. (CTRL+C to force quit)": (
        "Attente de la fermeture des connexions (Ctrl+C pour forcer l'arrêt)"
    ),
    "Waiting for background tasks to complete. (CTRL+C to force quit)": (
        "Attente de la fin des tâches en cours (Ctrl+C pour forcer l'arrêt)"
    ),
    "ASGI callable returned without completing response.": (
        "L'application a rendu la main sans achever sa réponse"
    ),
    "Received SIGINT, exiting.": "Signal SIGINT reçu : arrêt",
    "Received SIGTERM, exiting.": "Signal SIGTERM reçu : arrêt",
    "Received SIGHUP, restarting processes.": "Signal SIGHUP reçu : relance des processus",
    "Cancel %s running task(s), timeout graceful shutdown exceeded": (
        "Délai d'arrêt dépassé : %s tâche(s) en cours annulée(s)"
    ),
}
#: Les messages d'uvicorn qui portent un numéro de processus déjà écrit dans le texte.
_TRADUCTIONS_PROCESSUS = (
    (re.compile(r"Started parent process \[(\d+)\]"), "Démarrage du processus parent [{}]"),
    (re.compile(r"Stopping parent process \[(\d+)\]"), "Arrêt du processus parent [{}]"),
    (re.compile(r"Waiting for child process \[(\d+)\]"), "Attente du processus de serveur [{}]"),
    (re.compile(r"Terminated child process \[(\d+)\]"), "Processus de serveur [{}] arrêté"),
    (re.compile(r"Child process \[(\d+)\] died"), "Processus de serveur [{}] mort : relancé"),
    (
        re.compile(r"Child process \[(\d+)\] failed to start, stopping the parent process\."),
        "Le processus de serveur [{}] n'a pas démarré : arrêt du processus parent",
    ),
)
#: Le sens de chaque statut, dans la ligne d'une requête.
_STATUTS = {
    200: "OK",
    204: "sans contenu",
    304: "non modifié",
    400: "requête invalide",
    404: "adresse inconnue",
    405: "méthode non permise",
    408: "requête trop lente",
    413: "requête trop volumineuse",
    415: "type de contenu refusé",
    422: "entrée invalide",
    429: "trop de requêtes",
    431: "en-têtes trop longs",
    500: "erreur interne",
    503: "service occupé",
    504: "calcul trop long",
}
_ECHAPPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
_CONTROLES = re.compile(r"[\x00-\x1f\x7f]")
_LONGUEUR_MAX_CHEMIN = 200
_APPELS_RESUMES = 5


def _une_ligne(texte: str) -> str:
    """Le texte sur une ligne : sauts de ligne et caractères de contrôle échappés (``\\n``,
    ``\\x1b``), pour qu'aucun message ne forge une fausse ligne du journal."""
    texte = texte.rstrip("\n")
    return _CONTROLES.sub(lambda m: _ECHAPPES.get(m.group(), f"\\x{ord(m.group()):02x}"), texte)


def resume_de_l_exception(
    exc_info: tuple[type[BaseException], BaseException, TracebackType | None],
) -> str:
    """L'exception et ses derniers appels, en une ligne : ``KeyError: 'x' (trace : a.py:12
    calculer < b.py:30 traiter)``."""
    type_, valeur, trace = exc_info
    appels = traceback.extract_tb(trace)[-_APPELS_RESUMES:] if trace is not None else []
    lieux = " < ".join(
        f"{os.path.basename(a.filename)}:{a.lineno} {a.name}" for a in reversed(appels)
    )
    texte = f"{type_.__name__}: {valeur}" if str(valeur) else type_.__name__
    return f"{texte} (trace : {lieux})" if lieux else texte


def _erreur_d_ecoute(exc: OSError) -> str:
    raisons = {
        errno.EADDRINUSE: "adresse déjà utilisée (un autre service écoute sur ce port)",
        errno.EACCES: "permission refusée (un port sous 1024 exige des droits)",
        errno.EADDRNOTAVAIL: "adresse absente de cette machine",
    }
    raison = raisons.get(exc.errno or 0, str(exc))
    return f"Impossible d'écouter sur l'adresse demandée : {raison}"


class FormatJournal(logging.Formatter):
    """Une ligne par événement : ``2026-12-07 05:50:01 info Démarrage…``, niveau en français,
    trace d'une exception résumée sur la même ligne."""

    def __init__(self) -> None:
        super().__init__(datefmt="%Y-%m-%d %H:%M:%S")

    def format(self, record: logging.LogRecord) -> str:
        niveau = _NOMS_DES_NIVEAUX.get(record.levelname, record.levelname.lower())
        message = record.getMessage()
        if record.exc_info and record.exc_info[0] is not None:
            message = f"{message.rstrip()} — {resume_de_l_exception(record.exc_info)}"
        return f"{self.formatTime(record, self.datefmt)} {niveau} {_une_ligne(message)}"


class TraductionUvicorn(logging.Filter):
    """Traduit les messages connus du journal d'uvicorn ; les autres passent tels quels."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.msg, OSError):  # le port n'a pas pu être ouvert
            record.msg = _erreur_d_ecoute(record.msg)
            return True
        texte = str(record.msg)
        traduction = _TRADUCTIONS.get(texte)
        if traduction is None and not record.args:
            for motif, modele in _TRADUCTIONS_PROCESSUS:
                if trouve := motif.fullmatch(texte):
                    traduction = modele.format(trouve.group(1))
                    break
        if traduction is not None:
            record.msg = traduction
            record.__dict__.pop("color_message", None)
        return True


class JournalDesAcces(logging.Filter):
    """La ligne d'une requête servie (``uvicorn.access``), en français et sans ses paramètres
    d'URL : « Requête GET /formulaire/pret/tableau de 127.0.0.1:51234 : 200 OK »."""

    def filter(self, record: logging.LogRecord) -> bool:
        args = record.args
        if isinstance(args, tuple) and len(args) == 5:
            client, methode, chemin, _version, statut = args
            client = str(client).removesuffix(":0")  # adresse donnée par un proxy, sans port
            chemin, _, parametres = str(chemin).partition("?")
            if len(chemin) > _LONGUEUR_MAX_CHEMIN:
                chemin = chemin[:_LONGUEUR_MAX_CHEMIN] + "…"
            if parametres:
                chemin += "?…"
            sens = _STATUTS.get(statut, "") if isinstance(statut, int) else ""
            record.msg = "Requête %s %s de %s : %s" + (" %s" if sens else "")
            record.args = (methode, chemin, client, statut, *((sens,) if sens else ()))
        return True


def configuration_du_journal(niveau: str = "info") -> dict[str, Any]:
    """La configuration ``logging.config.dictConfig`` du journal d'uvicorn et du service :
    tout sur la sortie d'erreur, une ligne par événement, en français ; ``niveau`` vaut pour
    tous les journaux (à « avertissement », les lignes des requêtes ne sont plus écrites)."""
    niveau = lire_niveau(niveau).upper()
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {
            "traduction": {"()": f"{__name__}.TraductionUvicorn"},
            "acces": {"()": f"{__name__}.JournalDesAcces"},
        },
        "formatters": {"ligne": {"()": f"{__name__}.FormatJournal"}},
        "handlers": {
            "journal": {
                "class": "logging.StreamHandler",
                "stream": "ext://sys.stderr",
                "formatter": "ligne",
                "filters": ["traduction"],
            },
            "acces": {
                "class": "logging.StreamHandler",
                "stream": "ext://sys.stderr",
                "formatter": "ligne",
                "filters": ["acces"],
            },
        },
        "loggers": {
            "uvicorn": {"handlers": ["journal"], "level": niveau, "propagate": False},
            "uvicorn.error": {"level": niveau},
            "uvicorn.access": {"handlers": ["acces"], "level": niveau, "propagate": False},
            "collectivites": {"handlers": ["journal"], "level": niveau, "propagate": False},
        },
    }
