"""Les anciens noms d'une façade, encore importables le temps d'une transition : chaque accès
émet un :class:`DeprecationWarning` qui dit où se trouve le nom à employer (PEP 562, module
``__getattr__``)."""

from __future__ import annotations

import importlib
import warnings
from collections.abc import Callable, Mapping
from typing import Any

__all__ = ["acces_deprecie"]


def acces_deprecie(paquet: str, anciens: Mapping[str, tuple[str, str]]) -> Callable[..., Any]:
    """Le ``__getattr__`` d'un module dont les noms ``anciens`` (ancien nom → module, nom à
    employer) restent importables avec un avertissement ; tout autre nom inconnu lève
    ``AttributeError`` comme d'ordinaire. ``niveau`` est la profondeur de l'appelant que
    l'avertissement désigne (3 quand le ``__getattr__`` d'une façade l'appelle)."""

    def __getattr__(nom: str, niveau: int = 2) -> Any:
        cible = anciens.get(nom)
        if cible is None:
            raise AttributeError(f"module {paquet!r} has no attribute {nom!r}")
        module, nouveau = cible
        warnings.warn(
            f"« {paquet}.{nom} » est déprécié et disparaîtra : employez « {module}.{nouveau} ».",
            DeprecationWarning,
            stacklevel=niveau,
        )
        return getattr(importlib.import_module(module), nouveau)

    return __getattr__
