"""La commande « servir » (alias « serve ») : le service web (extra ``web``), qui sert les
autres commandes.

À part de la table des commandes : le service importe cette table, la table n'importe pas le
service (pas de cycle)."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

from collectivites.cli._cadre import Commande, Option
from collectivites.web import _configuration, _limites

__all__ = ["SERVE"]


def _convertisseur(lire: Callable[[str], Any], quoi: str) -> Callable[[str], Any]:
    """Le convertisseur argparse d'une lecture de :mod:`collectivites.web._configuration` : le
    même contrôle que pour la variable d'environnement, le message de la ligne de commande."""

    def convertir(texte: str) -> Any:
        try:
            return lire(texte)
        except ValueError as exc:
            raise argparse.ArgumentTypeError(
                f"{quoi} invalide (reçu : {texte!r} ; attendu : {exc})"
            ) from None

    convertir.__name__ = quoi
    return convertir


_port = _convertisseur(_configuration.lire_port, "port")
_secondes = _convertisseur(_limites.lire_secondes, "durée")
_nombre = _convertisseur(_configuration.lire_nombre, "nombre")
_processus = _convertisseur(_configuration.lire_processus, "nombre de processus")
_prefixe = _convertisseur(_configuration.lire_prefixe, "préfixe d'URL")
_hote = _convertisseur(_configuration.lire_hote, "adresse")
_proxys = _convertisseur(_configuration.lire_proxys, "liste de proxys")
_niveau = _convertisseur(_configuration.lire_niveau, "niveau du journal")


def _servir(_entree: Any, args: argparse.Namespace) -> str:
    from collectivites.web import servir

    servir(
        args.hote,
        args.port,
        processus=args.processus,
        prefixe=args.prefixe,
        entetes_proxy=True if args.entetes_proxy else None,
        proxys_de_confiance=args.proxys_de_confiance,
        journal=args.journal,
        delai_entetes=args.delai_entetes,
        connexions_max=args.connexions_max,
        taille_max=None if args.taille_max is None else args.taille_max * 1024 * 1024,
        delai_corps=args.delai_corps,
        delai_calcul=args.delai_calcul,
        calculs_simultanes=args.calculs_simultanes,
    )
    return ""


def _variable(champ: str) -> str:
    """« défaut : …, variable COLLECTIVITES_WEB_… » : la fin de l'aide d'une option."""
    variable = next(v for v in _configuration.VARIABLES if v.champ == champ)
    return f"(défaut : {variable.defaut} ; variable {variable.nom})"


SERVE = Commande(
    ("servir",),
    "service web : API JSON et page de formulaires (extra « web » ; alias : serve)",
    _servir,
    (
        Option(
            ("--hote",),
            "adresse d'écoute (0.0.0.0 : toutes les interfaces) " + _variable("hote"),
            type=_hote,
            metavar="ADRESSE",
        ),
        Option(("--port",), "port d'écoute " + _variable("port"), type=_port),
        Option(
            ("--processus", "--workers"),
            "processus de serveur qui se partagent le port " + _variable("processus"),
            type=_processus,
            metavar="N",
        ),
        Option(
            ("--prefixe", "--root-path"),
            "préfixe d'URL sous lequel le proxy publie le service, retiré par le proxy "
            "(/finances) " + _variable("prefixe"),
            type=_prefixe,
            metavar="CHEMIN",
        ),
        Option(
            ("--entetes-proxy", "--proxy-headers"),
            "croire les en-têtes X-Forwarded-For et X-Forwarded-Proto des proxys de confiance "
            + _variable("entetes_proxy"),
            action="store_true",
        ),
        Option(
            ("--proxys-de-confiance", "--forwarded-allow-ips"),
            "adresses des proxys crus avec --entetes-proxy, séparées par des virgules "
            + _variable("proxys_de_confiance"),
            type=_proxys,
            metavar="ADRESSES",
        ),
        Option(
            ("--journal", "--log-level"),
            "niveau du journal : debogage, info, avertissement, erreur, critique "
            + _variable("journal"),
            type=_niveau,
            metavar="NIVEAU",
        ),
        Option(
            ("--delai-calcul",),
            "secondes permises à un calcul, tué au-delà (504) " + _variable("delai_calcul"),
            type=_secondes,
            metavar="SECONDES",
        ),
        Option(
            ("--calculs-simultanes",),
            "calculs en cours à la fois par processus, au-delà : 503 "
            + _variable("calculs_simultanes"),
            type=_nombre,
            metavar="N",
        ),
        Option(
            ("--taille-max",),
            "taille maximale d'une requête, en Mo (413 au-delà) " + _variable("taille_max"),
            type=_nombre,
            metavar="MO",
        ),
        Option(
            ("--delai-entetes",),
            "secondes pour recevoir les en-têtes d'une requête (connexion fermée au-delà) "
            + _variable("delai_entetes"),
            type=_secondes,
            metavar="SECONDES",
        ),
        Option(
            ("--delai-corps",),
            "secondes pour recevoir le corps d'une requête (408 au-delà) "
            + _variable("delai_corps"),
            type=_secondes,
            metavar="SECONDES",
        ),
        Option(
            ("--connexions-max",),
            "connexions ouvertes par processus au-delà desquelles une requête répond 503 "
            + _variable("connexions_max"),
            type=_nombre,
            metavar="N",
        ),
    ),
    formats=(),
    exemples=(
        "collectivites servir",
        "collectivites servir --port 8080",
        "collectivites servir --delai-calcul 120 --calculs-simultanes 4",
        "collectivites servir --processus 2 --prefixe /finances --entetes-proxy",
        "COLLECTIVITES_WEB_PORT=8080 collectivites servir    (réglage par l'environnement)",
        "collectivites serve    (le même, sous son nom anglais)",
    ),
    alias=("serve",),
)
