"""Les commandes des retards de paiement de la commande publique : ``collectivites paiement
retard`` (une demande de paiement, dossier TOML, étape par étape) et ``collectivites paiement
registre`` (un registre de mandats CSV ou XLSX : intérêts moratoires et indemnité par ligne,
totaux, dix plus longs retards, part de l'ordonnateur et du comptable).

Rien de lourd n'est importé au chargement : le moteur l'est à l'exécution de la commande.
"""

from __future__ import annotations

import argparse
import importlib
from typing import Any

from collectivites.cli._cadre import Commande, Option, Source
from collectivites.erreurs import ErreurDonnees

__all__ = ["COMMANDES_PAIEMENTS"]


def _charger(chemin: str) -> Any:
    return importlib.import_module("collectivites.regles.paiements").charger_facture(chemin)


def _sans_exemple(nom: str) -> Any:
    raise ErreurDonnees(
        "aucun exemple livré pour les retards de paiement",
        cle="--exemple",
        valeur=nom,
        attendu="un dossier TOML (voir « docs/reference/paiements.md »)",
    )


#: L'entrée de ``paiement retard`` : un dossier TOML de demande de paiement.
FACTURE = Source("dossier TOML de la demande de paiement", _charger, _sans_exemple)

_CATEGORIES = ("collectivite", "etat", "sante", "entreprise_publique")


def _retard(facture: Any, _args: argparse.Namespace) -> Any:
    from collectivites.regles.paiements import calculer_retard_paiement

    return calculer_retard_paiement(facture)


def _registre(_entree: Any, args: argparse.Namespace) -> Any:
    from collectivites.regles.paiements import calculer_registre, lire_registre

    mandats = lire_registre(args.fichier, feuille=args.feuille)
    return calculer_registre(mandats, categorie=args.categorie, fichier=args.fichier)


COMMANDES_PAIEMENTS: tuple[Commande, ...] = (
    Commande(
        ("paiement", "retard"),
        "délai de paiement, intérêts moratoires et indemnité d'une demande de paiement, étape "
        "par étape avec les articles du code de la commande publique",
        _retard,
        (),
        FACTURE,
        exemples=("collectivites paiement retard facture.toml",),
    ),
    Commande(
        ("paiement", "registre"),
        "intérêts moratoires et indemnités d'un registre de mandats (CSV ou XLSX) : totaux, "
        "dix plus longs retards, part de l'ordonnateur et du comptable",
        _registre,
        (
            Option(
                ("fichier",),
                "registre des mandats : CSV (aussi d'un tableur français) ou XLSX",
                fichier="fichier",
            ),
            Option(
                ("--categorie",),
                "catégorie d'acheteur, qui fixe le délai (R2192-10, R2192-11)",
                "collectivite",
                choix=_CATEGORIES,
            ),
            Option(("--feuille",), "feuille du classeur (défaut : la première)", metavar="NOM"),
        ),
        exemples=(
            "collectivites paiement registre mandats.csv",
            "collectivites paiement registre mandats.xlsx --format xlsx --sortie retards.xlsx",
            "collectivites paiement registre mandats.csv --format csv --table plus_longs",
        ),
    ),
)
