"""Le serveur HTTP de ``collectivites servir`` : uvicorn (protocole h11), borné et en français.

Ce qu'uvicorn ne borne pas de lui-même, ce module le borne : le temps laissé à un client pour
envoyer les en-têtes de sa requête (un client « slowloris » qui les envoie octet par octet garde
sinon sa connexion ouverte indéfiniment), le nombre de connexions et de requêtes en cours ; et
les réponses qu'uvicorn écrit lui-même (requête HTTP mal formée, service saturé) sont en JSON
français, comme celles de l'application. Son journal est traduit par
:mod:`collectivites.web._journal`.
"""

from __future__ import annotations

import functools
import json
import logging
from collections.abc import Callable
from typing import Any

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

from collectivites.web._limites import (
    ATTENTE_CONSEILLEE,
    CONNEXIONS_MAX,
    DELAI_ENTETES,
    TAILLE_MAX_ENTETES,
)

__all__ = ["ProtocoleBorne", "protocole"]


def _json(message: str) -> tuple[list[tuple[bytes, bytes]], bytes]:
    corps = json.dumps({"erreur": "HTTP", "message": message}, ensure_ascii=False).encode()
    entetes = [
        (b"content-type", b"application/json"),
        (b"content-length", str(len(corps)).encode()),
        (b"connection", b"close"),
    ]
    return entetes, corps


class ProtocoleBorne(H11Protocol):
    """Le protocole h11 d'uvicorn, avec un délai pour les en-têtes, une limite de connexions
    qui répond en français, et la réponse 400 en JSON français.

    Le délai des en-têtes court dès l'ouverture de la connexion, puis dès la fin de chaque
    réponse ; il s'arrête quand une requête complète (ses en-têtes) est lue. À son terme, la
    connexion est fermée, après un 408 si une requête avait commencé d'arriver. Le corps de la
    requête, lui, est borné par l'application (``delai_corps``)."""

    def __init__(
        self,
        *args: Any,
        delai_entetes: float = DELAI_ENTETES,
        connexions_max: int | None = CONNEXIONS_MAX,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.delai_entetes = delai_entetes
        self.connexions_max = connexions_max
        self.limit_concurrency = None  # remplacée par la nôtre, qui répond en français
        self._minuteur: Any = None
        self._recus_en_attente = 0
        application = self.app
        connexions, taches, limite = self.connections, self.tasks, self.connexions_max

        async def app_bornee(scope: Any, receive: Any, send: Any) -> None:
            # la tâche de cette requête est déjà comptée : au-delà de la limite, on refuse
            if limite is not None and (len(connexions) > limite or len(taches) > limite):
                logging.getLogger("uvicorn.error").warning(
                    "trop de connexions (%d) : requête refusée (503)", len(connexions)
                )
                entetes, corps = _json("service saturé : trop de connexions ; réessayez")
                entetes.append((b"retry-after", str(ATTENTE_CONSEILLEE).encode()))
                await send({"type": "http.response.start", "status": 503, "headers": entetes})
                await send({"type": "http.response.body", "body": corps})
                return
            taille = len(scope["raw_path"]) + len(scope["query_string"])
            taille += sum(len(nom) + len(valeur) + 4 for nom, valeur in scope["headers"])
            if taille > TAILLE_MAX_ENTETES:  # arrivés d'un coup, h11 ne les a pas bornés
                entetes, corps = _json(
                    f"en-têtes trop longs : {taille} octets (au plus {TAILLE_MAX_ENTETES})"
                )
                await send({"type": "http.response.start", "status": 431, "headers": entetes})
                await send({"type": "http.response.body", "body": corps})
                return
            await application(scope, receive, send)

        self.app = app_bornee

    def connection_made(self, transport: Any) -> None:
        super().connection_made(transport)
        self._armer()

    def connection_lost(self, exc: Exception | None) -> None:
        self._desarmer()
        super().connection_lost(exc)

    def data_received(self, data: bytes) -> None:
        self._recus_en_attente += len(data)
        super().data_received(data)
        if self.cycle is not None and not self.cycle.response_complete:
            self._desarmer()  # une requête est en cours : ses en-têtes sont arrivés

    def on_response_complete(self) -> None:
        cycle = self.cycle
        super().on_response_complete()
        if self.transport.is_closing():
            return
        if self.cycle is cycle:  # pas de requête suivante déjà reçue : le délai repart
            self._armer()

    def _armer(self) -> None:
        self._desarmer()
        self._recus_en_attente = 0
        self._minuteur = self.loop.call_later(self.delai_entetes, self._trop_lent)

    def _desarmer(self) -> None:
        if self._minuteur is not None:
            self._minuteur.cancel()
            self._minuteur = None

    def _trop_lent(self) -> None:
        self._minuteur = None
        if self.transport.is_closing():
            return
        if self._recus_en_attente:  # une requête avait commencé : on le lui dit
            entetes, corps = _json(
                f"requête trop lente : en-têtes non reçus en {self.delai_entetes:g} s"
            )
            lignes = [b"HTTP/1.1 408 Request Timeout"]
            lignes += [nom + b": " + valeur for nom, valeur in entetes]
            self.transport.write(b"\r\n".join(lignes) + b"\r\n\r\n" + corps)
            self.logger.info(
                "%s : en-têtes non reçus en %g s, connexion fermée",
                f"{self.client[0]}:{self.client[1]}" if self.client else "client",
                self.delai_entetes,
            )
        self.transport.close()

    def send_400_response(self, msg: str) -> None:  # noqa: ARG002 - message anglais remplacé
        entetes, corps = _json(
            "requête HTTP invalide : ligne de requête ou en-têtes mal formés, ou trop longs "
            f"(au plus {TAILLE_MAX_ENTETES // 1024} Kio)",
        )
        try:
            for evenement in (
                h11.Response(status_code=400, headers=entetes, reason=b"Bad Request"),
                h11.Data(data=corps),
                h11.EndOfMessage(),
            ):
                self.transport.write(self.conn.send(evenement) or b"")
        except h11.LocalProtocolError:  # une réponse était déjà commencée : on coupe
            pass
        if self.cycle is not None and not self.cycle.response_complete:
            # la requête en cours (corps mal formé) : l'application n'écrit plus rien
            self.cycle.disconnected = True
            self.cycle.message_event.set()
        self._desarmer()
        self.transport.close()


def protocole(*, delai_entetes: float, connexions_max: int | None) -> Callable[..., ProtocoleBorne]:
    """Le protocole aux limites données, qu'uvicorn instancie pour chaque connexion
    (``functools.partial`` : il se transmet aux processus de serveur de ``--processus``)."""
    return functools.partial(
        ProtocoleBorne, delai_entetes=delai_entetes, connexions_max=connexions_max
    )
