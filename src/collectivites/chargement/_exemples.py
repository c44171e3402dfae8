"""Les exemples livrés : des dossiers tirés des sources, lus comme des fichiers d'utilisateur."""

from __future__ import annotations

import difflib
import re
from importlib import resources
from typing import Any

from collectivites.chargement._fichiers import lire_toml_texte
from collectivites.erreurs import ErreurDossier

__all__ = ["catalogue_des_exemples", "exemples_disponibles", "lire_exemple"]


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


#: La commande qui lit un exemple, d'après sa table de tête.
_COMMANDES = (
    ("ligne", "pret tableau"),
    ("lignes", "pret tableau"),
    ("contrat", "contrat echeancier"),
    ("commune", "indemnites calculer"),
    ("dossier", "rep soutiens"),
    ("acomptes", "rsa interets-retard"),
)


def _commande(donnees: dict[str, Any]) -> str:
    convention = donnees.get("convention")
    if isinstance(convention, dict) and "logements_rpls" in convention:
        return "logement flux"
    for cle, commande in _COMMANDES:
        if cle in donnees:
            return commande
    return "rsa interets-retard" if "convention" in donnees else ""


def _description(texte: str) -> str:
    """Le premier paragraphe du commentaire de tête, coupé à la fin de sa première phrase."""
    lignes = []
    for ligne in texte.splitlines():
        if not ligne.startswith("#"):
            break
        contenu = ligne.lstrip("#").strip()
        if not contenu:
            break
        lignes.append(contenu)
    paragraphe = " ".join(lignes)
    fin = re.search(r"\.\s+(?=[A-ZÉÈÀÂ«])", paragraphe)
    return paragraphe if fin is None else paragraphe[: fin.start() + 1]


def catalogue_des_exemples() -> Any:
    """Les exemples livrés : nom, commande qui le lit, description (un
    :class:`~collectivites.tables.Document`)."""
    from collectivites.tables import Document, Genre, Table, colonnes

    lignes = []
    for nom in exemples_disponibles():
        texte = (
            resources.files("collectivites.donnees")
            .joinpath(f"exemples/{nom}.toml")
            .read_text(encoding="utf-8")
        )
        donnees = lire_toml_texte(texte, nom)
        lignes.append((nom, _commande(donnees), _description(texte)))
    return Document(
        titre="Exemples livrés",
        tables=(
            Table(
                cle="exemples",
                titre="Exemples livrés (--exemple NOM)",
                colonnes=colonnes(
                    ("nom", "Nom", Genre.TEXTE),
                    ("commande", "Commande", Genre.TEXTE),
                    ("description", "Description", Genre.TEXTE),
                ),
                lignes=tuple(lignes),
            ),
        ),
    )
