"""Erreurs typées de la bibliothèque.

Chaque erreur dérive de :class:`ErreurCollectivites` et de l'exception native qui lui correspond,
de sorte qu'un appelant peut attraper ``ValueError`` comme ``ErreurCollectivites``.

Une erreur est structurée : elle porte, quand on les connaît, le fichier (``fichier``), la ligne
d'un fichier CSV (``ligne``), la clé fautive (``cle``, chemin pointé comme
``lignes[0].montant``), la valeur reçue (``valeur``) et ce qui était attendu (``attendu``). Son
message français les nomme tous ; aucun code n'a jamais à lire le message pour retrouver la clé.

Examples:
    >>> erreur = ErreurValeur("doit être > 0", cle="duree", valeur=0, attendu="un entier > 0")
    >>> str(erreur)
    'clé « duree » : doit être > 0 (reçu : 0 ; attendu : un entier > 0)'
    >>> print(erreur.situer(fichier="pret.toml", prefixe="lignes[1]"))
    fichier « pret.toml », clé « lignes[1].duree » : doit être > 0 (reçu : 0 ; attendu : ...)
"""

from __future__ import annotations

import copy
from typing import Any, Self

__all__ = [
    "ABSENT",
    "ErreurCollectivites",
    "ErreurDonnees",
    "ErreurDossier",
    "ErreurEntree",
    "ErreurPlugin",
    "ErreurSortie",
    "ErreurType",
    "ErreurValeur",
]


class _Absent:
    """Marque l'absence de valeur reçue (``None`` est une valeur possible)."""

    def __repr__(self) -> str:
        return "ABSENT"

    def __reduce__(self) -> str:
        return "ABSENT"  # un seul ABSENT, même après pickle (travailleurs parallèles)


#: Valeur « non précisée » des champs d'une erreur.
ABSENT: Any = _Absent()

_LONGUEUR_MAX_VALEUR = 80


def _montrer(valeur: object) -> str:
    """Valeur reçue, lisible et courte (une chaîne binaire de 1 Mo ne remplit pas l'écran)."""
    texte = str(valeur) if _est_nombre_ou_date(valeur) else repr(valeur)
    if len(texte) > _LONGUEUR_MAX_VALEUR:
        texte = texte[: _LONGUEUR_MAX_VALEUR - 1] + "…"
    return texte


def _est_nombre_ou_date(valeur: object) -> bool:
    import datetime as dt
    from decimal import Decimal

    # (un booléen aussi : « True » s'écrit de même des deux façons)
    return isinstance(valeur, Decimal | dt.date | int)


class ErreurCollectivites(Exception):
    """Base de toutes les erreurs levées par ``collectivites``.

    ``message`` est la phrase nue ; ``str(erreur)`` la situe (fichier, ligne, clé) et la complète
    de la valeur reçue et de ce qui était attendu.
    """

    def __init__(
        self,
        message: str,
        *,
        cle: str | None = None,
        valeur: object = ABSENT,
        attendu: str | None = None,
        fichier: str | None = None,
        ligne: int | None = None,
    ) -> None:
        self.message = message
        self.cle = cle
        self.valeur = valeur
        self.attendu = attendu
        self.fichier = fichier
        self.ligne = ligne
        super().__init__(message)

    def __str__(self) -> str:
        lieu = []
        if self.fichier:
            lieu.append(f"fichier « {self.fichier} »")
        if self.ligne is not None:
            lieu.append(f"ligne {self.ligne}")
        if self.cle:
            lieu.append(f"clé « {self.cle} »")
        texte = f"{', '.join(lieu)} : {self.message}" if lieu else self.message
        complements = []
        if self.valeur is not ABSENT:
            complements.append(f"reçu : {_montrer(self.valeur)}")
        if self.attendu:
            complements.append(f"attendu : {self.attendu}")
        if complements:
            texte += f" ({' ; '.join(complements)})"
        return texte

    def situer(
        self, *, fichier: str | None = None, prefixe: str = "", ligne: int | None = None
    ) -> Self:
        """Copie de l'erreur placée dans un fichier et sous un chemin de clés (``prefixe``)."""
        situee = copy.copy(self)
        # Un dictionnaire à soi : la copie d'une exception peut le partager avec l'original quand
        # un module enregistre sa propre réduction des exceptions (tblib, qu'installe
        # distributed) ; situer la copie situait alors aussi l'erreur d'origine.
        situee.__dict__ = dict(self.__dict__)
        if fichier and not situee.fichier:
            situee.fichier = fichier
        if ligne is not None and situee.ligne is None:
            situee.ligne = ligne
        if prefixe:
            situee.cle = f"{prefixe}.{situee.cle}" if situee.cle else prefixe
        situee.args = (situee.message,)
        return situee

    def en_dict(self) -> dict[str, object]:
        """Les champs de l'erreur, pour une réponse JSON (service web)."""
        return {
            "erreur": type(self).__name__,
            "message": str(self),
            "fichier": self.fichier,
            "ligne": self.ligne,
            "cle": self.cle,
            "valeur": None if self.valeur is ABSENT else _montrer(self.valeur),
            "attendu": self.attendu,
        }


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
    """Un fichier dossier (TOML, CSV, XLSX) est invalide ; le message nomme le fichier et la
    clé."""


class ErreurEntree(ErreurDossier):
    """Un fichier d'entrée ne peut être lu (introuvable, pas un fichier ordinaire, trop gros,
    pas du texte UTF-8)."""


class ErreurSortie(ErreurCollectivites, OSError):
    """Un fichier de sortie ne peut être écrit (répertoire absent, droits, disque plein)."""
