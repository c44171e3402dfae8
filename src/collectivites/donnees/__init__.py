"""Données de référence livrées avec le paquet, et lecture des séries datées.

Chaque valeur porte sa date d'effet et sa source (colonne ``source`` ou ``reference``). Les
fichiers CSV peuvent commencer par des lignes ``#`` qui décrivent leur provenance.
"""

from __future__ import annotations

import csv
import io
from importlib import resources

from collectivites._moteur import moteur
from collectivites.donnees._series import (
    ApresDerniere,
    PointSerie,
    SerieDatee,
    SourceIndex,
    lire_serie_csv,
)
from collectivites.erreurs import ErreurDonnees

__all__ = [
    "ApresDerniere",
    "PointSerie",
    "SerieDatee",
    "SourceIndex",
    "lire_csv_paquet",
    "lire_serie_csv",
    "lire_texte_paquet",
]


@moteur
def lire_texte_paquet(nom: str) -> str:
    """Texte d'un fichier de données du paquet (``collectivites/donnees/<nom>``)."""
    try:
        return resources.files("collectivites.donnees").joinpath(nom).read_text(encoding="utf-8")
    except (OSError, ValueError):
        raise ErreurDonnees("fichier de données absent du paquet", valeur=nom) from None


@moteur
def lire_csv_paquet(nom: str) -> list[dict[str, str]]:
    """Lignes d'un CSV du paquet, sans ses lignes de commentaire ``#``."""
    texte = lire_texte_paquet(nom)
    lignes = [ligne for ligne in texte.splitlines() if not ligne.startswith("#")]
    return list(csv.DictReader(io.StringIO("\n".join(lignes))))
