"""Le service web (extra ``collectivites[web]``) : une API JSON qui reprend chaque commande de
la ligne de commande, une page de formulaires pour qui n'utilise pas Python, une description
OpenAPI. Le même pipeline que la ligne de commande : chargeurs, moteurs, tables, rendus.

Démarrer : ``collectivites servir`` (boucle locale, port 8000), ou tout serveur ASGI sur
``collectivites.web:app`` (``uvicorn collectivites.web:app``), l'application configurée par les
variables d'environnement ``COLLECTIVITES_WEB_…`` (voir
:data:`collectivites.web._configuration.VARIABLES`) ; ou la fabrique
``collectivites.web:application`` (``uvicorn --factory``), aux options explicites.
"""

from __future__ import annotations

import os
from typing import Any

from collectivites.erreurs import ErreurPlugin
from collectivites.web._configuration import en_environnement, lire_environnement
from collectivites.web._limites import (
    CONNEXIONS_MAX,
    DELAI_ENTETES,
    DELAI_INACTIVITE,
    TAILLE_MAX_ENTETES,
)

__all__ = ["application", "servir"]

#: Le chemin d'import de l'application configurée par l'environnement (``--processus`` : chaque
#: processus de serveur l'importe).
_CHEMIN_APP = "collectivites.web:app"


def application(**options: Any) -> Any:
    """L'application ASGI (Starlette). Options : ``taille_max`` (octets par requête),
    ``delai_calcul`` (secondes par calcul, dans un processus tué au-delà ; ``None`` : dans un
    fil, sans limite), ``calculs_simultanes``, ``delai_corps`` (secondes pour recevoir le corps),
    ``prefixe`` (préfixe d'URL quand le serveur n'en donne pas), ``formats`` (formats de sortie
    permis) ; voir :func:`collectivites.web._application.application`."""
    try:
        from collectivites.web._application import application as fabrique
    except ImportError as exc:
        raise ErreurPlugin(
            f"le service web exige l'extra « web » ({exc.name} manque)",
            attendu="l'extra web (pip install '.[web]' depuis le dépôt)",
        ) from None
    return fabrique(**options)


def __getattr__(nom: str) -> Any:
    """``app`` : l'application configurée par les variables d'environnement
    ``COLLECTIVITES_WEB_…``, construite au premier accès (une variable invalide lève
    :class:`~collectivites.erreurs.ErreurValeur`, qui la nomme). Sous ce nom, les messages
    d'uvicorn sont aussi traduits en français."""
    if nom != "app":
        raise AttributeError(f"le module {__name__} n'a pas d'attribut « {nom} »")
    reglages = lire_environnement(serveur=False)
    app = application(**reglages)
    import logging

    from collectivites.web._journal import TraductionUvicorn

    for journal in ("uvicorn", "uvicorn.error"):
        if not any(isinstance(f, TraductionUvicorn) for f in logging.getLogger(journal).filters):
            logging.getLogger(journal).addFilter(TraductionUvicorn())
    globals()["app"] = app
    return app


def _reglages(explicites: dict[str, Any]) -> dict[str, Any]:
    """Les réglages de :func:`servir` : ses arguments, puis l'environnement, puis les défauts."""
    reglages: dict[str, Any] = {
        "hote": "127.0.0.1",
        "port": 8000,
        "processus": 1,
        "entetes_proxy": False,
        "proxys_de_confiance": "127.0.0.1",
        "journal": "info",
        "delai_entetes": DELAI_ENTETES,
        "connexions_max": CONNEXIONS_MAX,
    }
    reglages.update(lire_environnement())
    reglages.update({cle: valeur for cle, valeur in explicites.items() if valeur is not None})
    return reglages


def _arguments_uvicorn(**explicites: Any) -> dict[str, Any]:
    """Les arguments de ``uvicorn.run`` pour :func:`servir` (sans démarrer le serveur) :
    l'application, ou son chemin d'import et l'environnement à transmettre quand il y a
    plusieurs processus de serveur (``"environnement"``, retiré avant l'appel)."""
    try:
        from collectivites.web import _journal, _serveur
    except ImportError:
        raise ErreurPlugin(
            "le service web exige l'extra « web » (uvicorn manque)",
            attendu="l'extra web (pip install '.[web]' depuis le dépôt)",
        ) from None
    reglages = _reglages(explicites)
    noms_app = ("taille_max", "delai_corps", "delai_calcul", "calculs_simultanes", "prefixe")
    options_app = {c: reglages[c] for c in (*noms_app, "formats") if c in reglages}
    processus = reglages["processus"]
    config: dict[str, Any] = {
        "host": reglages["hote"],
        "port": reglages["port"],
        "workers": processus,
        "log_config": _journal.configuration_du_journal(reglages["journal"]),
        "log_level": reglages["journal"],
        "http": _serveur.protocole(
            delai_entetes=reglages["delai_entetes"], connexions_max=reglages["connexions_max"]
        ),
        "ws": "none",
        "lifespan": "on",
        "timeout_keep_alive": DELAI_INACTIVITE,
        "h11_max_incomplete_event_size": TAILLE_MAX_ENTETES,
        "server_header": False,
        "proxy_headers": reglages["entetes_proxy"],
        "forwarded_allow_ips": reglages["proxys_de_confiance"],
        "root_path": reglages.get("prefixe", ""),
    }
    if processus > 1:  # chaque processus importe l'application et la lit dans l'environnement
        config["app"] = _CHEMIN_APP
        config["environnement"] = en_environnement(options_app)
    else:
        config["app"] = application(**options_app)
    return config


def servir(
    hote: str | None = None,
    port: int | None = None,
    *,
    processus: int | None = None,
    prefixe: str | None = None,
    entetes_proxy: bool | None = None,
    proxys_de_confiance: str | None = None,
    journal: str | None = None,
    delai_entetes: float | None = None,
    connexions_max: int | None = None,
    **options: Any,
) -> None:
    """Sert l'application avec uvicorn jusqu'à l'interruption (Ctrl+C), bornée : délai des
    en-têtes (``delai_entetes``, secondes), connexions ouvertes (``connexions_max``, par
    processus), et les ``options`` de :func:`application` (taille, délais du corps et du calcul,
    calculs simultanés, formats permis).

    ``processus`` processus de serveur se partagent le port ; ``prefixe`` est le préfixe d'URL
    sous lequel un proxy publie le service (``--root-path`` d'uvicorn) ; ``entetes_proxy`` fait
    croire les en-têtes ``X-Forwarded-…`` des ``proxys_de_confiance``. Un argument absent
    (``None``) est lu dans sa variable d'environnement ``COLLECTIVITES_WEB_…``, sinon il prend
    son défaut. Avec plusieurs processus, les réglages leur sont transmis par ces variables
    (écrites dans l'environnement de ce processus). Le journal (niveau ``journal``) et les
    réponses d'erreur du serveur sont en français, une ligne par événement."""
    config = _arguments_uvicorn(
        hote=hote,
        port=port,
        processus=processus,
        prefixe=prefixe,
        entetes_proxy=entetes_proxy,
        proxys_de_confiance=proxys_de_confiance,
        journal=journal,
        delai_entetes=delai_entetes,
        connexions_max=connexions_max,
        **options,
    )
    import uvicorn

    os.environ.update(config.pop("environnement", {}))
    uvicorn.run(**config)
