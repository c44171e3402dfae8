"""L'application ASGI (Starlette) : l'API JSON (une route par commande), la page des
formulaires, la description OpenAPI ; toute erreur répond en français, jamais par une trace.

Chaque requête est bornée : en taille (``taille_max``, 413), en temps de réception du corps
(``delai_corps``, 408), en temps de calcul (``delai_calcul`` : le calcul tourne dans un processus
tué au-delà, 504), en nombre de calculs simultanés (``calculs_simultanes`` : au-delà, 503 avec
``Retry-After``). Les nombres JSON sont lus bornés (422 au-delà).

Codes : 200 (résultat), 408 (corps reçu trop lentement), 413 (requête trop volumineuse), 415
(l'API ne lit que du JSON), 422 (entrée invalide : le message de la bibliothèque et la clé
fautive), 404, 405, 500 (un défaut de la bibliothèque, en une ligne), 503 (service occupé), 504
(calcul trop long). Une erreur n'interrompt pas la connexion, sauf 408 et 413 (le reste du
corps n'est pas lu : la connexion est fermée après la réponse).
"""

from __future__ import annotations

import contextlib
import json
import logging
import math
import re
from collections.abc import AsyncIterator, Iterable
from decimal import Decimal
from typing import Any

import anyio
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import ClientDisconnect, Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from collectivites import __version__
from collectivites.erreurs import ErreurCollectivites, ErreurValeur
from collectivites.web._configuration import lire_formats, lire_prefixe, verifier_format
from collectivites.web._limites import CHIFFRES_MAX, DELAI_CALCUL, DELAI_CORPS, TAILLE_MAX_REQUETE
from collectivites.web._openapi import description_openapi
from collectivites.web._page import introuvable, repondre
from collectivites.web._traitement import Reponse, commande_web
from collectivites.web._travail import (
    Calculateur,
    RefusDuService,
    calculs_simultanes_par_defaut,
)

__all__ = [
    "CHIFFRES_MAX",
    "DELAI_CORPS",
    "TAILLE_MAX_REQUETE",
    "application",
]

_MESSAGES_HTTP = {
    400: "requête invalide",
    404: "adresse inconnue",
    405: "méthode non permise",
    408: "requête trop lente",
    413: "requête trop volumineuse",
}
_SUBSTITUT_ECHAPPE = re.compile(r"\\u[dD][89a-fA-F]")
_journal = logging.getLogger("collectivites.web")


class _Prefixe:
    """Donne à chaque requête le préfixe d'URL du service (``root_path`` ASGI) quand le serveur
    n'en donne pas : les liens de la page restent justes sous un proxy qui publie le service
    sous ``/finances``, quel que soit le serveur ASGI. Le routage de Starlette accepte alors un
    chemin reçu avec ou sans ce préfixe."""

    def __init__(self, app: ASGIApp, prefixe: str) -> None:
        self.app = app
        self.prefixe = prefixe

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if self.prefixe and scope["type"] == "http" and not scope.get("root_path"):
            scope = {**scope, "root_path": self.prefixe}
        await self.app(scope, receive, send)


class _CorpsTropGros(Exception):
    """Le corps d'une requête dépasse la taille permise."""


class _CorpsTropLent(Exception):
    """Le corps d'une requête n'est pas arrivé dans le délai permis."""


class _Garde:
    """Borne chaque requête et répond à toute erreur imprévue en JSON français.

    * Un corps plus gros que ``taille_max`` : 413, d'après ``Content-Length`` avant toute
      lecture, sinon en comptant les octets reçus (envoi par morceaux).
    * Un corps qui n'est pas arrivé en entier ``delai_corps`` secondes après le début de sa
      lecture : 408 (un client qui envoie un octet par seconde ne garde pas le serveur).
    * Une exception imprévue : 500 en une ligne, trace au journal du serveur ; la connexion
      reste ouverte pour la requête suivante (Starlette, lui, relance l'exception après sa
      réponse 500, et le serveur coupe alors la connexion).
    """

    def __init__(self, app: ASGIApp, taille_max: int, delai_corps: float) -> None:
        self.app = app
        self.taille_max = taille_max
        self.delai_corps = delai_corps

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        longueur = dict(scope["headers"]).get(b"content-length", b"")
        if longueur.isdigit() and (len(longueur) > 18 or int(longueur) > self.taille_max):
            await _erreur(413, self.taille_max, fermer=True)(scope, receive, send)
            return
        recus = 0
        fin: float | None = None
        corps_recu = False

        async def recevoir() -> Message:
            nonlocal recus, fin, corps_recu
            if corps_recu:  # après le corps : attendre une déconnexion n'a pas de délai
                return await receive()
            if fin is None:
                fin = anyio.current_time() + self.delai_corps
            try:
                with anyio.fail_after(max(0.0, fin - anyio.current_time())):
                    message = await receive()
            except TimeoutError:
                raise _CorpsTropLent from None
            if message["type"] == "http.request":
                recus += len(message.get("body", b""))
                if recus > self.taille_max:
                    raise _CorpsTropGros
                corps_recu = not message.get("more_body", False)
            return message

        commencee = False

        async def envoyer(message: Message) -> None:
            nonlocal commencee
            if message["type"] == "http.response.start":
                commencee = True
            await send(message)

        try:
            await self.app(scope, recevoir, envoyer)
        except ClientDisconnect:  # le client est parti : personne à qui répondre
            return
        except Exception as exc:
            if commencee:  # la réponse est partie : rien d'autre à faire que couper
                _journal.exception("erreur après le début de la réponse : connexion coupée")
                raise
            await _reponse_d_erreur(exc, self.taille_max, self.delai_corps)(scope, receive, send)


def _reponse_d_erreur(exc: Exception, taille_max: int, delai_corps: float) -> Response:
    if isinstance(exc, _CorpsTropGros):
        return _erreur(413, taille_max, fermer=True)
    if isinstance(exc, _CorpsTropLent):
        message = f"requête trop lente : corps non reçu en {delai_corps:g} s"
        return JSONResponse({"erreur": "HTTP", "message": message}, 408, {"Connection": "close"})
    if isinstance(exc, RecursionError | MemoryError):
        message = "entrée trop imbriquée ou trop grande"
        return JSONResponse({"erreur": "HTTP", "message": message}, status_code=422)
    _journal.error("erreur interne (%s)", type(exc).__name__, exc_info=exc)
    return JSONResponse(
        {
            "erreur": "interne",
            "message": f"erreur interne ({type(exc).__name__}) ; merci de la signaler avec la "
            "requête envoyée",
        },
        status_code=500,
    )


def _erreur(statut: int, taille_max: int = TAILLE_MAX_REQUETE, *, fermer: bool = False) -> Response:
    message = _MESSAGES_HTTP.get(statut, "erreur")
    if statut == 413:
        message += f" (au plus {taille_max // (1024 * 1024)} Mo)"
    # 408 et 413 : le reste du corps n'est pas lu ; la connexion est fermée après la réponse
    entetes = {"Connection": "close"} if fermer else None
    return JSONResponse({"erreur": "HTTP", "message": message}, statut, entetes)


def _erreur_collectivites(exc: ErreurCollectivites) -> JSONResponse:
    return JSONResponse(exc.en_dict(), status_code=422)


def _refus(exc: RefusDuService) -> JSONResponse:
    return JSONResponse(
        {"erreur": "HTTP", "message": exc.message}, status_code=exc.statut, headers=exc.entetes
    )


def _lire_json(corps: bytes) -> dict[str, Any]:
    try:
        texte = corps.decode("utf-8")
    except UnicodeDecodeError:
        raise ErreurValeur("le corps n'est pas du texte UTF-8", attendu="un objet JSON") from None
    try:
        donnees = json.loads(
            texte, parse_int=_entier, parse_float=_decimal, parse_constant=_constante
        )
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
    if _SUBSTITUT_ECHAPPE.search(texte):
        _verifier_les_textes(donnees)
    return donnees


def _verifier_les_textes(donnees: Any) -> None:
    """Refuse une moitié de paire UTF-16 isolée (``"\\ud800"``) : ni un fichier ni un nom ne
    s'écrivent avec."""
    try:
        json.dumps(donnees, ensure_ascii=False, default=str).encode("utf-8")
    except UnicodeEncodeError:
        raise ErreurValeur(
            "texte invalide : moitié de paire UTF-16 isolée (\\ud800 à \\udfff)",
            attendu="du texte Unicode valide",
        ) from None


def _nombre_trop_long(texte: str) -> ErreurValeur:
    return ErreurValeur(
        "nombre trop long",
        valeur=f"{texte[:12]}… ({len(texte)} caractères)",
        attendu=f"au plus {CHIFFRES_MAX} caractères",
    )


def _entier(texte: str) -> int:
    if len(texte) > CHIFFRES_MAX:
        raise _nombre_trop_long(texte)
    return int(texte)


def _decimal(texte: str) -> Decimal:
    if len(texte) > CHIFFRES_MAX:
        raise _nombre_trop_long(texte)
    nombre = Decimal(texte)
    if not -CHIFFRES_MAX <= nombre.adjusted() <= CHIFFRES_MAX:
        raise ErreurValeur(
            "nombre hors d'échelle",
            valeur=texte,
            attendu=f"un exposant de -{CHIFFRES_MAX} à {CHIFFRES_MAX}",
        )
    return nombre


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
    calculateur: Calculateur = request.app.state.calculateur
    try:
        corps = await request.body()
        # un gros corps se lit hors de la boucle du serveur, qui sert les autres pendant ce temps
        donnees = (
            _lire_json(corps)
            if len(corps) < 64 * 1024
            else await anyio.to_thread.run_sync(_lire_json, corps)
        )
        verifier_format(donnees.get("format"), request.app.state.formats)
        reponse = await calculateur.calculer(commande.chemin, donnees)
    except ErreurCollectivites as exc:
        return _erreur_collectivites(exc)
    except RefusDuService as exc:
        return _refus(exc)
    return _reponse(reponse, telecharger=reponse.type != "application/json")


async def _openapi(request: Request) -> JSONResponse:
    description = description_openapi(__version__)
    prefixe = str(request.scope.get("root_path", "")).rstrip("/")
    if prefixe:  # les routes de l'API sont publiées sous le préfixe du proxy
        description = {**description, "servers": [{"url": prefixe}]}
    return JSONResponse(description)


async def _sante(_request: Request) -> JSONResponse:
    return JSONResponse({"etat": "ok", "version": __version__})


async def _http(_request: Request, exc: Exception) -> Response:
    statut = exc.status_code if isinstance(exc, HTTPException) else 500
    return _erreur(statut)


def application(
    *,
    taille_max: int = TAILLE_MAX_REQUETE,
    delai_calcul: float | None = DELAI_CALCUL,
    calculs_simultanes: int | None = None,
    delai_corps: float = DELAI_CORPS,
    prefixe: str = "",
    formats: Iterable[str] | None = None,
) -> Starlette:
    """L'application ASGI du service : ``uvicorn`` ou tout serveur ASGI la sert.

    Routes : ``GET /`` (page du tableau d'amortissement) et ``GET|POST /formulaire/<commande>``
    (formulaire de chaque commande), ``POST /api/<commande>`` (JSON, par exemple
    ``/api/pret/tableau``), ``GET /openapi.json``, ``GET /sante`` ; ``HEAD`` partout où ``GET``
    l'est.

    Limites : ``taille_max`` octets par requête (413) ; ``delai_corps`` secondes pour recevoir
    le corps (408) ; ``delai_calcul`` secondes par calcul, qui tourne dans un processus à part
    tué au-delà (504) — ``None`` : dans un fil du serveur, sans limite de temps (tests,
    débogage) ; ``calculs_simultanes`` calculs à la fois (défaut : un par cœur ; au-delà, 503 et
    ``Retry-After``).

    ``prefixe`` : le préfixe d'URL du service quand le serveur n'en donne pas (``root_path`` ;
    ``--root-path`` d'uvicorn en donne un). ``formats`` : les formats de sortie permis (le JSON
    l'est toujours) ; un autre est refusé (422) et son bouton n'est pas montré.
    """
    try:
        prefixe = lire_prefixe(prefixe)
    except ValueError as exc:
        raise ErreurValeur("préfixe d'URL invalide", valeur=prefixe, attendu=str(exc)) from None
    permis = None
    if formats is not None:
        texte = formats if isinstance(formats, str) else ",".join(formats)
        try:
            permis = lire_formats(texte)
        except ValueError as exc:
            raise ErreurValeur("formats invalides", valeur=texte, attendu=str(exc)) from None
    calculateur = Calculateur(
        delai=delai_calcul,
        simultanes=calculs_simultanes or calculs_simultanes_par_defaut(),
    )
    if not (math.isfinite(delai_corps) and delai_corps > 0):
        raise ValueError(f"délai du corps invalide : {delai_corps!r} (attendu : > 0)")

    async def _page(request: Request) -> Response:
        chemin = request.path_params.get("chemin", "pret/tableau")
        commande = commande_web(chemin)
        if commande is None:
            racine = str(request.scope.get("root_path", "")).rstrip("/")
            return HTMLResponse(introuvable(chemin, racine), status_code=404)
        return await repondre(request, commande, taille_max, calculateur, permis)

    @contextlib.asynccontextmanager
    async def _vie(_app: Starlette) -> AsyncIterator[None]:
        await anyio.to_thread.run_sync(calculateur.demarrer)  # le premier calcul n'attend pas
        yield

    routes = [
        Route("/", _page, methods=["GET", "POST"]),
        Route("/formulaire/{chemin:path}", _page, methods=["GET", "POST"]),
        Route("/api/{chemin:path}", _api, methods=["POST"]),
        Route("/openapi.json", _openapi, methods=["GET"]),
        Route("/sante", _sante, methods=["GET"]),
    ]
    app = Starlette(
        routes=routes,
        middleware=[
            Middleware(_Prefixe, prefixe=prefixe),
            Middleware(_Garde, taille_max=taille_max, delai_corps=delai_corps),
        ],
        exception_handlers={HTTPException: _http},
        lifespan=_vie,
    )
    app.state.calculateur = calculateur
    app.state.formats = permis
    return app
