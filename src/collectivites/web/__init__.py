"""Le service web (extra ``collectivites[web]``) : une API JSON qui reprend chaque commande de
la ligne de commande, une page de formulaires pour qui n'utilise pas Python, une description
OpenAPI. Le même pipeline que la ligne de commande : chargeurs, moteurs, tables, rendus.

Démarrer : ``collectivites serve`` (boucle locale, port 8000), ou tout serveur ASGI sur
``collectivites.web:application`` (fabrique : ``uvicorn --factory``).
"""

from __future__ import annotations

from typing import Any

from collectivites.erreurs import ErreurPlugin
from collectivites.web._limites import (
    CONNEXIONS_MAX,
    DELAI_ENTETES,
    DELAI_INACTIVITE,
    TAILLE_MAX_ENTETES,
)

__all__ = ["application", "servir"]


def application(**options: Any) -> Any:
    """L'application ASGI (Starlette). Options : ``taille_max`` (octets par requête),
    ``delai_calcul`` (secondes par calcul, dans un processus tué au-delà ; ``None`` : dans un
    fil, sans limite), ``calculs_simultanes``, ``delai_corps`` (secondes pour recevoir le corps) ;
    voir :func:`collectivites.web._application.application`."""
    try:
        from collectivites.web._application import application as fabrique
    except ImportError as exc:
        raise ErreurPlugin(
            f"le service web exige l'extra « web » ({exc.name} manque)",
            attendu="pip install 'collectivites[web]'",
        ) from None
    return fabrique(**options)


def servir(
    hote: str = "127.0.0.1",
    port: int = 8000,
    *,
    delai_entetes: float | None = None,
    connexions_max: int | None = None,
    **options: Any,
) -> None:
    """Sert l'application avec uvicorn jusqu'à l'interruption (Ctrl+C), bornée : délai des
    en-têtes (``delai_entetes``, secondes), connexions ouvertes (``connexions_max``), et les
    ``options`` de :func:`application` (taille, délais du corps et du calcul, calculs
    simultanés). Le journal et les réponses d'erreur du serveur sont en français."""
    app = application(**options)
    try:
        import logging

        import uvicorn

        from collectivites.web import _serveur
    except ImportError:
        raise ErreurPlugin(
            "le service web exige l'extra « web » (uvicorn manque)",
            attendu="pip install 'collectivites[web]'",
        ) from None
    config = uvicorn.Config(
        app,
        host=hote,
        port=port,
        log_level="info",
        http=_serveur.protocole(
            delai_entetes=DELAI_ENTETES if delai_entetes is None else delai_entetes,
            connexions_max=CONNEXIONS_MAX if connexions_max is None else connexions_max,
        ),
        ws="none",
        timeout_keep_alive=DELAI_INACTIVITE,
        h11_max_incomplete_event_size=TAILLE_MAX_ENTETES,
        server_header=False,
    )
    logging.getLogger("uvicorn.error").addFilter(_serveur.JournalEnFrancais())
    uvicorn.Server(config).run()
