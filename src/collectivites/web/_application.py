"""L'application ASGI (Starlette) : l'API JSON (une route par commande), la page des
formulaires, la description OpenAPI ; toute erreur répond en français, jamais par une trace.

Codes : 200 (résultat), 413 (requête trop volumineuse), 415 (l'API ne lit que du JSON), 422
(entrée invalide : le message de la bibliothèque et la clé fautive), 404, 405, 500 (un défaut
de la bibliothèque, en une ligne).
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from collectivites import __version__
from collectivites.erreurs import ErreurCollectivites, ErreurValeur
from collectivites.web._openapi import description_openapi
from collectivites.web._page import introuvable, repondre
from collectivites.web._traitement import Reponse, commande_web, traiter

__all__ = ["TAILLE_MAX_REQUETE", "application"]

#: Taille maximale d'une requête (corps), en octets : 20 Mo.
TAILLE_MAX_REQUETE = 20 * 1024 * 1024
_MESSAGES_HTTP = {
    404: "adresse inconnue",
    405: "méthode non permise",
    413: "requête trop volumineuse",
}


class _CorpsTropGros(Exception):
    """Le corps d'une requête dépasse la taille permise."""


class _LimiteDuCorps:
    """Refuse (413) un corps plus gros que ``taille_max`` : d'après ``Content-Length`` avant
    toute lecture, sinon en comptant les octets reçus (envoi par morceaux)."""

    def __init__(self, app: ASGIApp, taille_max: int) -> None:
        self.app = app
        self.taille_max = taille_max

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        longueur = dict(scope["headers"]).get(b"content-length", b"")
        if longueur.isdigit() and int(longueur) > self.taille_max:
            await _erreur(413, self.taille_max)(scope, receive, send)
            return
        recus = 0

        async def recevoir() -> Message:
            nonlocal recus
            message = await receive()
            if message["type"] == "http.request":
                recus += len(message.get("body", b""))
                if recus > self.taille_max:
                    raise _CorpsTropGros(self.taille_max)
            return message

        await self.app(scope, recevoir, send)


def _erreur(statut: int, taille_max: int = TAILLE_MAX_REQUETE) -> JSONResponse:
    message = _MESSAGES_HTTP.get(statut, "erreur")
    if statut == 413:
        message += f" (au plus {taille_max // (1024 * 1024)} Mo)"
    return JSONResponse({"erreur": "HTTP", "message": message}, status_code=statut)


def _erreur_collectivites(exc: ErreurCollectivites) -> JSONResponse:
    return JSONResponse(exc.en_dict(), status_code=422)


def _lire_json(corps: bytes) -> dict[str, Any]:
    try:
        texte = corps.decode("utf-8")
    except UnicodeDecodeError:
        raise ErreurValeur("le corps n'est pas du texte UTF-8", attendu="un objet JSON") from None
    try:
        donnees = json.loads(texte, parse_float=Decimal, parse_constant=_constante)
    except json.JSONDecodeError as exc:
        raise ErreurValeur(
            f"JSON invalide (ligne {exc.lineno}, colonne {exc.colno})", attendu="un objet JSON"
        ) from None
    except RecursionError:
        raise ErreurValeur("entrée trop imbriquée", attendu="un objet JSON") from None
    if not isinstance(donnees, dict):
        raise ErreurValeur(
            "le corps doit être un objet JSON", valeur=type(donnees).__name__, attendu="{…}"
        )
    return donnees


def _constante(nom: str) -> Any:
    raise ErreurValeur("nombre non fini refusé", valeur=nom, attendu="un nombre fini")


def _reponse(reponse: Reponse, *, telecharger: bool) -> Response:
    entetes = {"X-Collectivites-Code": str(reponse.code)}
    if telecharger:
        entetes["Content-Disposition"] = f'attachment; filename="{reponse.nom}"'
    return Response(reponse.contenu, media_type=reponse.type, headers=entetes)


async def _api(request: Request) -> Response:
    commande = commande_web(request.path_params["chemin"])
    if commande is None:
        return _erreur(404)
    type_ = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if type_ != "application/json":
        return JSONResponse(
            {
                "erreur": "HTTP",
                "message": "l'API ne lit que du JSON (Content-Type: application/json)",
            },
            status_code=415,
        )
    try:
        donnees = _lire_json(await request.body())
        reponse = await run_in_threadpool(traiter, commande, donnees)
    except ErreurCollectivites as exc:
        return _erreur_collectivites(exc)
    return _reponse(reponse, telecharger=reponse.type != "application/json")


async def _openapi(_request: Request) -> JSONResponse:
    return JSONResponse(description_openapi(__version__))


async def _sante(_request: Request) -> JSONResponse:
    return JSONResponse({"etat": "ok", "version": __version__})


async def _http(_request: Request, exc: Exception) -> Response:
    statut = exc.status_code if isinstance(exc, HTTPException) else 500
    return _erreur(statut)


async def _trop_gros(_request: Request, exc: Exception) -> Response:
    return _erreur(413, exc.args[0])


async def _interne(_request: Request, exc: Exception) -> Response:
    if isinstance(exc, RecursionError | MemoryError):
        message = "entrée trop imbriquée ou trop grande"
        return JSONResponse({"erreur": "HTTP", "message": message}, status_code=422)
    return JSONResponse(
        {
            "erreur": "interne",
            "message": f"erreur interne ({type(exc).__name__}) ; merci de la signaler avec la "
            "requête envoyée",
        },
        status_code=500,
    )


def application(*, taille_max: int = TAILLE_MAX_REQUETE) -> Starlette:
    """L'application ASGI du service : ``uvicorn`` ou tout serveur ASGI la sert.

    Routes : ``GET /`` (page du tableau d'amortissement) et ``GET|POST /formulaire/<commande>``
    (formulaire de chaque commande), ``POST /api/<commande>`` (JSON, par exemple
    ``/api/pret/tableau``), ``GET /openapi.json``, ``GET /sante``.
    """

    async def _page(request: Request) -> Response:
        chemin = request.path_params.get("chemin", "pret/tableau")
        commande = commande_web(chemin)
        if commande is None:
            return HTMLResponse(introuvable(chemin), status_code=404)
        return await repondre(request, commande, taille_max)

    routes = [
        Route("/", _page, methods=["GET", "POST"]),
        Route("/formulaire/{chemin:path}", _page, methods=["GET", "POST"]),
        Route("/api/{chemin:path}", _api, methods=["POST"]),
        Route("/openapi.json", _openapi, methods=["GET"]),
        Route("/sante", _sante, methods=["GET"]),
    ]
    return Starlette(
        routes=routes,
        middleware=[Middleware(_LimiteDuCorps, taille_max=taille_max)],
        exception_handlers={
            HTTPException: _http,
            _CorpsTropGros: _trop_gros,
            Exception: _interne,
        },
    )
