"""Erreurs typées de la bibliothèque.

Chaque erreur dérive de :class:`ErreurCollectivites` et de l'exception native qui lui correspond,
de sorte qu'un appelant peut attraper ``ValueError`` comme ``ErreurCollectivites``.
Les messages sont en français ; ils nomment le champ, la valeur reçue et ce qui est attendu.
"""

from __future__ import annotations

__all__ = [
    "ErreurCollectivites",
    "ErreurDonnees",
    "ErreurDossier",
    "ErreurPlugin",
    "ErreurType",
    "ErreurValeur",
]


class ErreurCollectivites(Exception):
    """Base de toutes les erreurs levées par ``collectivites``."""


class ErreurValeur(ErreurCollectivites, ValueError):
    """Une valeur reçue est hors du domaine attendu (durée négative, unité inconnue…)."""


class ErreurType(ErreurCollectivites, TypeError):
    """Une valeur est d'un type refusé (par exemple un ``float`` pour un montant)."""


class ErreurDonnees(ErreurCollectivites, LookupError):
    """Une donnée de référence manque (date avant la première valeur d'une série, zone
    inconnue…)."""


class ErreurPlugin(ErreurCollectivites, ImportError):
    """Un greffon (point d'entrée) est introuvable ou défectueux."""


class ErreurDossier(ErreurValeur):
    """Un fichier dossier (TOML, CSV) est invalide ; le message nomme le fichier et la clé."""

    def __init__(self, message: str, *, fichier: str | None = None, cle: str | None = None) -> None:
        self.fichier = fichier
        self.cle = cle
        prefixe = []
        if fichier:
            prefixe.append(f"fichier « {fichier} »")
        if cle:
            prefixe.append(f"clé « {cle} »")
        texte = f"{', '.join(prefixe)} : {message}" if prefixe else message
        super().__init__(texte)
