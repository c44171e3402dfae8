"""Le service web (extra ``collectivites[web]``) : une API JSON qui reprend chaque commande de
la ligne de commande, une page de formulaires pour qui n'utilise pas Python, une description
OpenAPI. Le même pipeline que la ligne de commande : chargeurs, moteurs, tables, rendus.

Démarrer : ``collectivites serve`` (boucle locale, port 8000), ou tout serveur ASGI sur
``collectivites.web:application`` (fabrique : ``uvicorn --factory``).
"""

from __future__ import annotations

from typing import Any

from collectivites.erreurs import ErreurPlugin

__all__ = ["application", "servir"]


def application(**options: Any) -> Any:
    """L'application ASGI (Starlette) ; ``taille_max`` : taille maximale d'une requête."""
    try:
        from collectivites.web._application import application as fabrique
    except ImportError as exc:
        raise ErreurPlugin(
            f"le service web exige l'extra « web » ({exc.name} manque)",
            attendu="pip install 'collectivites[web]'",
        ) from None
    return fabrique(**options)


def servir(hote: str = "127.0.0.1", port: int = 8000) -> None:
    """Sert l'application avec uvicorn jusqu'à l'interruption (Ctrl+C)."""
    app = application()
    try:
        import uvicorn
    except ImportError:
        raise ErreurPlugin(
            "le service web exige l'extra « web » (uvicorn manque)",
            attendu="pip install 'collectivites[web]'",
        ) from None
    uvicorn.run(app, host=hote, port=port, log_level="info")
