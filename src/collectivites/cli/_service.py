"""La commande « serve » : le service web (extra ``web``), qui sert les autres commandes.

À part de la table des commandes : le service importe cette table, la table n'importe pas le
service (pas de cycle)."""

from __future__ import annotations

import argparse
import math
from typing import Any

from collectivites.cli._cadre import Commande, Option
from collectivites.web import _limites

__all__ = ["SERVE"]


def _port(texte: str) -> int:
    """Un port TCP (1 à 65535)."""
    if not (texte.isascii() and texte.isdigit() and len(texte) <= 5 and 1 <= int(texte) <= 65535):
        raise argparse.ArgumentTypeError(f"port invalide (reçu : {texte!r} ; attendu : 1 à 65535)")
    return int(texte)


def _secondes(texte: str) -> float:
    """Une durée en secondes, de 0,1 à 86 400 (« 30 », « 2,5 »)."""
    propre = texte.strip().replace(",", ".")
    try:
        valeur = float(propre) if len(propre) <= 12 else math.nan
    except ValueError:
        valeur = math.nan
    if not 0.1 <= valeur <= 86_400:  # faux aussi pour nan et inf
        raise argparse.ArgumentTypeError(
            f"durée invalide (reçu : {texte!r} ; attendu : des secondes, de 0,1 à 86 400)"
        )
    return valeur


def _nombre(texte: str) -> int:
    """Un entier de 1 à 100 000."""
    if not (texte.isascii() and texte.isdigit() and len(texte) <= 6 and 1 <= int(texte) <= 100_000):
        raise argparse.ArgumentTypeError(
            f"nombre invalide (reçu : {texte!r} ; attendu : un entier de 1 à 100 000)"
        )
    return int(texte)


def _servir(_entree: Any, args: argparse.Namespace) -> str:
    from collectivites.web import servir

    servir(
        args.hote,
        args.port,
        delai_entetes=args.delai_entetes,
        connexions_max=args.connexions_max,
        taille_max=args.taille_max * 1024 * 1024,
        delai_corps=args.delai_corps,
        delai_calcul=args.delai_calcul,
        calculs_simultanes=args.calculs_simultanes,
    )
    return ""


SERVE = Commande(
    ("servir",),
    "service web : API JSON et page de formulaires (extra « web » ; alias : serve)",
    _servir,
    (
        Option(
            ("--hote",),
            "adresse d'écoute (la boucle locale ; 0.0.0.0 pour toutes les interfaces)",
            "127.0.0.1",
            metavar="ADRESSE",
        ),
        Option(("--port",), "port d'écoute", 8000, type=_port),
        Option(
            ("--delai-calcul",),
            "secondes permises à un calcul, tué au-delà (504)",
            _limites.DELAI_CALCUL,
            type=_secondes,
            metavar="SECONDES",
        ),
        Option(
            ("--calculs-simultanes",),
            "calculs en cours à la fois, au-delà : 503 (défaut : un par cœur)",
            type=_nombre,
            metavar="N",
        ),
        Option(
            ("--taille-max",),
            "taille maximale d'une requête, en Mo (413 au-delà)",
            _limites.TAILLE_MAX_REQUETE // (1024 * 1024),
            type=_nombre,
            metavar="MO",
        ),
        Option(
            ("--delai-entetes",),
            "secondes pour recevoir les en-têtes d'une requête (connexion fermée au-delà)",
            _limites.DELAI_ENTETES,
            type=_secondes,
            metavar="SECONDES",
        ),
        Option(
            ("--delai-corps",),
            "secondes pour recevoir le corps d'une requête (408 au-delà)",
            _limites.DELAI_CORPS,
            type=_secondes,
            metavar="SECONDES",
        ),
        Option(
            ("--connexions-max",),
            "connexions ouvertes au-delà desquelles une requête répond 503",
            _limites.CONNEXIONS_MAX,
            type=_nombre,
            metavar="N",
        ),
    ),
    formats=(),
    exemples=(
        "collectivites servir",
        "collectivites servir --port 8080",
        "collectivites servir --delai-calcul 120 --calculs-simultanes 4",
        "collectivites serve    (le même, sous son nom anglais)",
    ),
    alias=("serve",),
)
