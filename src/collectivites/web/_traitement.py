"""Traiter une requête d'une commande : déposer ses fichiers, construire l'espace de noms,
calculer et rendre avec l'exécutant de la ligne de commande — le même code, rien de réécrit."""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import attrs

from collectivites.cli._cadre import Commande, calculer, rendre_resultat
from collectivites.cli._commandes import COMMANDES
from collectivites.erreurs import ErreurCollectivites
from collectivites.web._requete import espace_de_noms, masquer_repertoire

__all__ = [
    "TYPES_DE_CONTENU",
    "Reponse",
    "commande_web",
    "commandes_web",
    "reponse",
    "traiter",
]

#: Type MIME de chaque format de sortie.
TYPES_DE_CONTENU = {
    "texte": "text/plain; charset=utf-8",
    "csv": "text/csv; charset=utf-8",
    "csv-excel": "text/csv; charset=utf-8",
    "json": "application/json",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "html": "text/html; charset=utf-8",
    "ics": "text/calendar; charset=utf-8",
    "png": "image/png",
    "svg": "image/svg+xml",
}
#: Extension du fichier téléchargé pour chaque format.
EXTENSIONS = {"texte": "txt", "csv-excel": "csv"}


@attrs.frozen
class Reponse:
    """Ce que rend une commande : contenu, type MIME, nom de fichier proposé, code de sortie du
    résultat (1 : un rapprochement a trouvé des écarts)."""

    contenu: bytes
    type: str
    nom: str
    code: int = 0


def commandes_web() -> tuple[Commande, ...]:
    """Les commandes servies : toutes celles de la ligne de commande qui rendent un résultat
    (pas « servir » elle-même)."""
    return tuple(c for c in COMMANDES if c.formats)


def commande_web(chemin: str) -> Commande | None:
    """La commande d'un chemin d'URL (``pret/tableau``), ou ``None``."""
    for commande in commandes_web():
        if "/".join(commande.chemin) == chemin.strip("/"):
            return commande
    return None


def traiter(
    commande: Commande,
    donnees: Mapping[str, Any],
    *,
    format_defaut: str = "json",
    avec_resultat: Callable[[Any, Any], Any] | None = None,
) -> Any:
    """Calcule la commande sur ``donnees`` ; rend une :class:`Reponse` (ou, avec
    ``avec_resultat(resultat, args)``, ce que cette fonction en fait — la page web y rend le
    HTML et le graphique d'un seul calcul). Les erreurs de la bibliothèque sont levées avec
    leurs messages débarrassés du chemin temporaire."""
    with tempfile.TemporaryDirectory(prefix="collectivites-web-") as dossier:
        repertoire = Path(dossier)
        try:
            args = espace_de_noms(commande, donnees, repertoire, format_defaut=format_defaut)
            resultat = calculer(args)
            if avec_resultat is not None:
                return avec_resultat(resultat, args)
            return reponse(commande, resultat, args.format, args.table)
        except ErreurCollectivites as exc:
            if exc.fichier:
                exc.fichier = masquer_repertoire(exc.fichier, repertoire)
            if isinstance(exc.valeur, str):
                exc.valeur = masquer_repertoire(exc.valeur, repertoire)
            exc.message = masquer_repertoire(exc.message, repertoire)
            raise


def reponse(commande: Commande, resultat: Any, format_: str, table: str | None = None) -> Reponse:
    """Le résultat rendu dans ``format_`` par le rendu de la ligne de commande, avec son type
    MIME et le nom de fichier proposé."""
    contenu, code = rendre_resultat(resultat, format_, table)
    octets = contenu.encode("utf-8") if isinstance(contenu, str) else contenu
    nom = f"{'-'.join(commande.chemin)}.{EXTENSIONS.get(format_, format_)}"
    return Reponse(octets, TYPES_DE_CONTENU[format_], nom, code)
