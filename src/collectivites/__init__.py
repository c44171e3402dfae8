"""collectivites — moteurs de calcul de finances publiques et de règles juridiques.

L'import est léger : les moteurs (``collectivites.prets``, ``collectivites.regles.delais``…) se
chargent à la demande.
"""

from __future__ import annotations

from collectivites.erreurs import (
    ErreurCollectivites,
    ErreurDonnees,
    ErreurDossier,
    ErreurPlugin,
    ErreurType,
    ErreurValeur,
)

__version__ = "0.1.0"

__all__ = [
    "ErreurCollectivites",
    "ErreurDonnees",
    "ErreurDossier",
    "ErreurPlugin",
    "ErreurType",
    "ErreurValeur",
    "__version__",
]
