"""Ensembles fermés de valeurs : des ``StrEnum`` à valeurs françaises.

Une :class:`EnumFr` se construit depuis sa valeur (``Profil("amortissement_prioritaire")``), en
tolérant la casse, les accents et les anciens noms déclarés comme alias ; une valeur inconnue
lève une :class:`~collectivites.erreurs.ErreurValeur` qui liste les valeurs permises et suggère la
plus proche. ``membre.libelle`` est le libellé français affiché par les rendus.
"""

from __future__ import annotations

import difflib
import enum
import unicodedata
from collections.abc import Mapping
from typing import TypeVar

from collectivites.erreurs import ErreurCollectivites, ErreurType, ErreurValeur

__all__ = ["EnumFr", "convertir", "decrire", "normaliser_mot"]

E = TypeVar("E", bound="EnumFr")
_LIBELLES: dict[type, Mapping[str, str]] = {}
_ALIAS: dict[type, Mapping[str, str]] = {}


def normaliser_mot(texte: str) -> str:
    """Minuscules sans accents, espaces et tirets unifiés (« Jour ouvré suivant » →
    « jour_ouvre_suivant »)."""
    decompose = unicodedata.normalize("NFKD", texte)
    sans = "".join(c for c in decompose if not unicodedata.combining(c)).lower()
    return "_".join(sans.replace("-", " ").replace("_", " ").split())


class EnumFr(enum.StrEnum):
    """Base des énumérations de la bibliothèque (voir le module)."""

    @classmethod
    def _missing_(cls, valeur: object) -> EnumFr:
        permises = [m.value for m in cls]
        if not isinstance(valeur, str):
            raise ErreurType(
                f"type refusé pour {cls.__name__}", valeur=valeur, attendu=", ".join(permises)
            )
        cle = normaliser_mot(valeur)
        alias = _ALIAS.get(cls, {})
        for membre in cls:
            if normaliser_mot(membre.value) == cle:
                return membre
        if cle in alias:
            return cls(alias[cle])
        proches = difflib.get_close_matches(valeur, permises, n=1, cutoff=0.6)
        suggestion = f" ; vouliez-vous dire « {proches[0]} » ?" if proches else ""
        raise ErreurValeur(
            f"valeur inconnue{suggestion}", valeur=valeur, attendu=", ".join(permises)
        )

    @property
    def libelle(self) -> str:
        """Libellé français (la valeur elle-même si aucun libellé n'est déclaré)."""
        return _LIBELLES.get(type(self), {}).get(self.value, self.value)


def decrire(
    classe: type[EnumFr], libelles: Mapping[str, str], alias: Mapping[str, str] | None = None
) -> None:
    """Déclare les libellés français d'une énumération et ses alias (anciens noms acceptés)."""
    _LIBELLES[classe] = dict(libelles)
    _ALIAS[classe] = {normaliser_mot(a): v for a, v in (alias or {}).items()}


def convertir(classe: type[E], valeur: object, cle: str) -> E:
    """``classe(valeur)``, l'erreur éventuelle nommant la clé ``cle``."""
    try:
        return classe(valeur)  # type: ignore[arg-type]
    except ErreurCollectivites as exc:
        raise exc.situer(prefixe=cle) from None
