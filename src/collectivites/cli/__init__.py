"""Ligne de commande ``collectivites`` : une table de commandes (chargeur, calcul, formats) et un
seul exécutant.

Une entrée invalide produit un message en français sur la sortie d'erreur et le code de sortie 2,
sans trace de pile ; un défaut de la bibliothèque, une ligne et le code 1.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from collectivites import __version__
from collectivites.cli._cadre import analyseur, lancer
from collectivites.cli._commandes import COMMANDES
from collectivites.cli._service import SERVE

__all__ = ["main"]


def main(argv: Sequence[str] | None = None) -> int:
    """Point d'entrée ; rend le code de sortie (0, 2 pour une entrée invalide, 1 pour un défaut
    de la bibliothèque)."""
    racine = analyseur(
        (*COMMANDES, SERVE),
        version=f"collectivites {__version__}",
        description="Calculs de finances publiques et de délais pour les collectivités.",
    )
    try:
        return lancer(racine, argv)
    except SystemExit as exc:  # aide, version, erreur d'analyse (code 2)
        return int(exc.code or 0) if isinstance(exc.code, int | None) else 2


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
