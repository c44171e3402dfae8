"""Les exemples livrés : des dossiers tirés des sources, lus comme des fichiers d'utilisateur."""

from __future__ import annotations

import difflib
from importlib import resources
from typing import Any

from collectivites.chargement._fichiers import lire_toml_texte
from collectivites.erreurs import ErreurDossier

__all__ = ["exemples_disponibles", "lire_exemple"]


def exemples_disponibles() -> list[str]:
    """Noms des exemples livrés avec le paquet."""
    dossier = resources.files("collectivites.donnees").joinpath("exemples")
    return sorted(
        p.name.removesuffix(".toml") for p in dossier.iterdir() if p.name.endswith(".toml")
    )


def lire_exemple(nom: str) -> tuple[dict[str, Any], str]:
    """Données d'un exemple livré et son nom de fichier (pour les messages)."""
    disponibles = exemples_disponibles()
    if not isinstance(nom, str) or nom not in disponibles:
        proches = difflib.get_close_matches(str(nom), disponibles, n=1)
        suggestion = f" ; vouliez-vous dire « {proches[0]} » ?" if proches else ""
        raise ErreurDossier(
            f"exemple inconnu{suggestion}", valeur=nom, attendu=", ".join(disponibles)
        )
    fichier = f"{nom}.toml (exemple livré)"
    texte = (
        resources.files("collectivites.donnees")
        .joinpath(f"exemples/{nom}.toml")
        .read_text(encoding="utf-8")
    )
    return lire_toml_texte(texte, fichier), fichier
