"""La commande ``collectivites pret partitionner`` : convertir une fois un grand portefeuille CSV
en Parquet aligné sur les contrats (voir :mod:`collectivites.prets._parquet`), que les
projections réparties liront ensuite par groupes de lignes.

Elle écrit un fichier du serveur : elle n'est pas offerte par le service web (sans format de
sortie). Rien de lourd n'est importé au chargement : pyarrow l'est à l'exécution.
"""

from __future__ import annotations

import argparse
from typing import Any

from collectivites.cli._cadre import Commande, Option

__all__ = ["COMMANDES_NATIONAL"]


def _lignes(texte: str) -> int:
    """Un entier de 1 à 10 000 000 (« 20000 » ou « 20 000 »)."""
    propre = texte.replace(" ", "").replace("\u202f", "").replace("\xa0", "")
    if not (propre.isascii() and propre.isdigit() and len(propre) <= 8):
        raise argparse.ArgumentTypeError(
            f"nombre invalide (reçu : {texte!r} ; attendu : un entier de 1 à 10 000 000)"
        )
    if not 1 <= int(propre) <= 10_000_000:
        raise argparse.ArgumentTypeError(
            f"nombre invalide (reçu : {texte!r} ; attendu : un entier de 1 à 10 000 000)"
        )
    return int(propre)


def _partitionner(_entree: Any, args: argparse.Namespace) -> str:
    from collectivites.prets._parquet import convertir_en_parquet

    conversion = convertir_en_parquet(
        args.entree,
        args.destination,
        lignes_par_partition=args.lignes_par_partition,
        remplacer=args.remplacer,
    )
    return conversion.resume()


COMMANDES_NATIONAL: tuple[Commande, ...] = (
    Commande(
        ("pret", "partitionner"),
        "convertir une fois un portefeuille CSV en Parquet aligné sur les contrats",
        _partitionner,
        (
            Option(("entree",), "portefeuille en tableau CSV", metavar="ENTREE.csv"),
            # pas « sortie » : ce nom est celui de --sortie, où la ligne de commande écrit le
            # résultat rendu
            Option(("destination",), "fichier Parquet à écrire", metavar="SORTIE.parquet"),
            Option(
                ("--lignes-par-partition",),
                "lignes de prêt par groupe de lignes (un groupe ne coupe jamais un contrat)",
                20_000,
                type=_lignes,
                metavar="N",
            ),
            Option(
                ("--remplacer",),
                "écraser le fichier Parquet s'il existe déjà",
                action="store_true",
            ),
        ),
        formats=(),
        exemples=(
            "collectivites pret partitionner portefeuille.csv portefeuille.parquet "
            "--lignes-par-partition 50000",
            "collectivites pret portefeuille portefeuille.parquet --par garant --moteur dask",
        ),
    ),
)
