"""La commande « serve » : le service web (extra ``web``), qui sert les autres commandes.

À part de la table des commandes : le service importe cette table, la table n'importe pas le
service (pas de cycle)."""

from __future__ import annotations

import argparse
from typing import Any

from collectivites.cli._cadre import Commande, Option

__all__ = ["SERVE"]


def _port(texte: str) -> int:
    """Un port TCP (1 à 65535)."""
    if not (texte.isascii() and texte.isdigit() and 1 <= int(texte) <= 65535):
        raise argparse.ArgumentTypeError(f"port invalide (reçu : {texte!r} ; attendu : 1 à 65535)")
    return int(texte)


def _servir(_entree: Any, args: argparse.Namespace) -> str:
    from collectivites.web import servir

    servir(args.hote, args.port)
    return ""


SERVE = Commande(
    ("serve",),
    "service web : API JSON et page de formulaires (extra « web »)",
    _servir,
    (
        Option(
            ("--hote",),
            "adresse d'écoute (la boucle locale ; 0.0.0.0 pour toutes les interfaces)",
            "127.0.0.1",
            metavar="ADRESSE",
        ),
        Option(("--port",), "port d'écoute", 8000, type=_port),
    ),
    formats=(),
    exemples=("collectivites serve", "collectivites serve --port 8080"),
)
