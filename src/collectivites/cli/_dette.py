"""Les commandes de la dette publiée : ``collectivites dette etat`` (l'état de la dette d'un
document budgétaire), ``collectivites dette controler`` (les anomalies de son annexe : code 0
sans anomalie à signaler, 1 avec, 2 si le fichier ne peut être lu, comme ``pret rapprocher``) et
``collectivites dette portefeuille`` (les emprunts en portefeuille de projection).

Rien de lourd n'est importé au chargement : le moteur l'est à l'exécution de la commande.
"""

from __future__ import annotations

import argparse
import importlib
from typing import Any

from collectivites.cli._cadre import Commande, Source

__all__ = ["COMMANDES_DETTE", "DOCUMENT"]


def _charger(chemin: str) -> Any:
    return importlib.import_module("collectivites.dette").lire_document_budgetaire(chemin)


def _exemple(nom: str) -> Any:
    return importlib.import_module("collectivites.dette").exemple_document(nom)


#: L'entrée des commandes de la dette : un document budgétaire XML (ou un exemple livré).
DOCUMENT = Source("document budgétaire (XML TOTEM, FICHIER.xml)", _charger, _exemple)


def _etat(document: Any, _args: argparse.Namespace) -> Any:
    from collectivites.dette import etat_de_la_dette

    return etat_de_la_dette(document)


def _controler(document: Any, _args: argparse.Namespace) -> Any:
    from collectivites.dette import controler_annexe_dette

    return controler_annexe_dette(document)


def _portefeuille(document: Any, _args: argparse.Namespace) -> Any:
    from collectivites.dette import exporter_portefeuille

    return exporter_portefeuille(document)


COMMANDES_DETTE: tuple[Commande, ...] = (
    Commande(
        ("dette", "etat"),
        "état de la dette d'un document budgétaire : encours, annuité, taux moyen, prêteurs, "
        "classes de la charte, garanties et leur ratio",
        _etat,
        (),
        DOCUMENT,
        ("texte", "csv", "csv-excel", "json", "xlsx", "html", "png", "svg"),
        exemples=(
            "collectivites dette etat CA-2021.xml",
            "collectivites dette etat --exemple crach-ca-2021 --format xlsx --sortie etat.xlsx",
            "collectivites dette etat CA-2021.xml --format svg --sortie preteurs.svg",
        ),
    ),
    Commande(
        ("dette", "controler"),
        "contrôler l'annexe de la dette d'un document budgétaire (code 1 si une anomalie est à "
        "signaler)",
        _controler,
        (),
        DOCUMENT,
        exemples=(
            "collectivites dette controler CA-2021.xml",
            "collectivites dette controler --exemple crach-ca-2021 --format csv-excel "
            "--table anomalies --sortie anomalies.csv",
        ),
    ),
    Commande(
        ("dette", "portefeuille"),
        "les emprunts de l'annexe en portefeuille pour « pret portefeuille », hypothèses et "
        "emprunts écartés dits",
        _portefeuille,
        (),
        DOCUMENT,
        ("csv", "csv-excel", "xlsx", "texte", "json", "html"),
        exemples=(
            "collectivites dette portefeuille CA-2021.xml --sortie portefeuille.csv && "
            "collectivites pret portefeuille portefeuille.csv --par garant",
        ),
    ),
)
