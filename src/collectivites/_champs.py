"""Validateurs et convertisseurs ``attrs`` des modèles : un modèle refuse à sa construction ce que
le chargeur refuserait dans un fichier (flottant, Decimal infini, type faux, valeur hors bornes).

Les erreurs nomment le champ (``cle``), la valeur reçue et ce qui est attendu ; le chargeur les
situe ensuite dans le fichier sans avoir à lire leur message.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Callable, Iterable
from decimal import Context, Decimal
from typing import Any

from collectivites.erreurs import ErreurType, ErreurValeur

__all__ = [
    "decimal_depuis_entier",
    "decimal_optionnel_depuis_entier",
    "en_tuple",
    "v_date",
    "v_decimal",
    "v_entier",
    "v_instance",
    "v_montant",
    "v_parmi",
    "v_texte",
    "v_tuple_de",
]

_Validateur = Callable[[Any, Any, Any], None]
_CENTIME = Decimal("0.01")
#: Contexte des vérifications (indépendant de celui de l'appelant).
_CONTEXTE = Context(prec=34)


def decimal_depuis_entier(valeur: Decimal | int) -> Decimal:
    """Convertisseur : un ``int`` devient un ``Decimal`` ; le reste passe tel quel au validateur
    (qui refuse les flottants)."""
    if isinstance(valeur, int) and not isinstance(valeur, bool):
        return Decimal(valeur)
    return valeur  # type: ignore[return-value]


def decimal_optionnel_depuis_entier(valeur: Decimal | int | None) -> Decimal | None:
    """Comme :func:`decimal_depuis_entier`, ``None`` compris."""
    return None if valeur is None else decimal_depuis_entier(valeur)


def en_tuple(valeur: Iterable[Any]) -> tuple[Any, ...]:
    """Convertisseur : une liste devient un tuple (les modèles sont immuables)."""
    if isinstance(valeur, list | tuple):
        return tuple(valeur)
    return valeur  # type: ignore[return-value]


def _decimal(valeur: object, nom: str) -> Decimal:
    if isinstance(valeur, float):
        raise ErreurType(
            "un nombre flottant est refusé", cle=nom, valeur=valeur, attendu="un Decimal"
        )
    if not isinstance(valeur, Decimal) or not valeur.is_finite():
        raise ErreurType("type refusé", cle=nom, valeur=valeur, attendu="un Decimal fini")
    return valeur


def v_decimal(
    *,
    minimum: Decimal | None = None,
    maximum: Decimal | None = None,
    strict: bool = False,
    optionnel: bool = False,
) -> _Validateur:
    """Un ``Decimal`` fini, dans ``[minimum, maximum]`` (``minimum`` exclu si ``strict``)."""

    def valider(_instance: object, attribut: Any, valeur: object) -> None:
        if valeur is None and optionnel:
            return
        nombre = _decimal(valeur, attribut.name)
        _bornes(attribut.name, nombre, minimum, maximum, strict)

    return valider


def _bornes(
    nom: str, valeur: Decimal | int, minimum: Any, maximum: Any, strict: bool = False
) -> None:
    trop_bas = minimum is not None and (valeur <= minimum if strict else valeur < minimum)
    trop_haut = maximum is not None and valeur > maximum
    if trop_bas or trop_haut:
        bas = "" if minimum is None else (f"> {minimum}" if strict else f"≥ {minimum}")
        haut = "" if maximum is None else f"≤ {maximum}"
        raise ErreurValeur(
            "valeur hors des bornes",
            cle=nom,
            valeur=valeur,
            attendu=" et ".join(x for x in (bas, haut) if x),
        )


def v_montant(
    *, positif: bool = False, nul_permis: bool = True, optionnel: bool = False
) -> _Validateur:
    """Un montant en euros : ``Decimal`` fini, au centime ; ``positif`` : ≥ 0 (> 0 si
    ``nul_permis`` est faux)."""

    def valider(_instance: object, attribut: Any, valeur: object) -> None:
        if valeur is None and optionnel:
            return
        nombre = _decimal(valeur, attribut.name)
        if nombre != nombre.quantize(_CENTIME, rounding="ROUND_DOWN", context=_CONTEXTE):
            raise ErreurValeur(
                "un montant s'exprime au centime",
                cle=attribut.name,
                valeur=nombre,
                attendu="au plus deux décimales",
            )
        if positif:
            _bornes(attribut.name, nombre, Decimal(0), None, strict=not nul_permis)

    return valider


def v_entier(
    *, minimum: int | None = None, maximum: int | None = None, optionnel: bool = False
) -> _Validateur:
    """Un ``int`` (jamais un ``bool``) dans ``[minimum, maximum]``."""

    def valider(_instance: object, attribut: Any, valeur: object) -> None:
        if valeur is None and optionnel:
            return
        if isinstance(valeur, bool) or not isinstance(valeur, int):
            raise ErreurType("type refusé", cle=attribut.name, valeur=valeur, attendu="un entier")
        _bornes(attribut.name, valeur, minimum, maximum)

    return valider


def v_date(*, optionnel: bool = False) -> _Validateur:
    """Une ``datetime.date`` (pas un ``datetime``)."""

    def valider(_instance: object, attribut: Any, valeur: object) -> None:
        if valeur is None and optionnel:
            return
        if type(valeur) is not dt.date:
            raise ErreurType(
                "type refusé", cle=attribut.name, valeur=valeur, attendu="une date (datetime.date)"
            )

    return valider


def caracteres_de_controle(texte: str) -> bool:
    """``True`` si ``texte`` contient un caractère de contrôle (catégorie Unicode C*)."""
    if texte.isprintable():  # chemin rapide, en C : aucun caractère de contrôle possible
        return False
    return any(unicodedata.category(c).startswith("C") for c in texte)


def v_texte(*, vide: bool = True, optionnel: bool = False, longueur_max: int = 500) -> _Validateur:
    """Un ``str`` sans caractère de contrôle, d'au plus ``longueur_max`` caractères."""

    def valider(_instance: object, attribut: Any, valeur: object) -> None:
        if valeur is None and optionnel:
            return
        if not isinstance(valeur, str):
            raise ErreurType("type refusé", cle=attribut.name, valeur=valeur, attendu="un texte")
        if not vide and not valeur.strip():
            raise ErreurValeur("texte vide", cle=attribut.name, attendu="un texte non vide")
        if caracteres_de_controle(valeur):
            raise ErreurValeur(
                "caractère de contrôle refusé",
                cle=attribut.name,
                valeur=valeur,
                attendu="un texte imprimable",
            )
        if len(valeur) > longueur_max:
            raise ErreurValeur(
                "texte trop long",
                cle=attribut.name,
                valeur=valeur,
                attendu=f"au plus {longueur_max} caractères",
            )

    return valider


def v_instance(*classes: type, optionnel: bool = False) -> _Validateur:
    """Une instance de l'une des ``classes`` (``bool`` n'est accepté que s'il est nommé)."""

    def valider(_instance: object, attribut: Any, valeur: object) -> None:
        if valeur is None and optionnel:
            return
        if not isinstance(valeur, classes) or (isinstance(valeur, bool) and bool not in classes):
            raise ErreurType(
                "type refusé",
                cle=attribut.name,
                valeur=valeur,
                attendu=" ou ".join(c.__name__ for c in classes),
            )

    return valider


def v_parmi(*valeurs: object) -> _Validateur:
    """Une valeur parmi ``valeurs``."""

    def valider(_instance: object, attribut: Any, valeur: object) -> None:
        if isinstance(valeur, bool) or valeur not in valeurs:
            raise ErreurValeur(
                "valeur refusée",
                cle=attribut.name,
                valeur=valeur,
                attendu=" ou ".join(str(v) for v in valeurs),
            )

    return valider


def v_tuple_de(*classes: type) -> _Validateur:
    """Un tuple dont chaque élément est une instance de ``classes``."""

    def valider(_instance: object, attribut: Any, valeur: object) -> None:
        if not isinstance(valeur, tuple):
            raise ErreurType("type refusé", cle=attribut.name, valeur=valeur, attendu="un tuple")
        for rang, element in enumerate(valeur):
            if not isinstance(element, classes) or isinstance(element, bool):
                raise ErreurType(
                    "type refusé",
                    cle=f"{attribut.name}[{rang}]",
                    valeur=element,
                    attendu=" ou ".join(c.__name__ for c in classes),
                )

    return valider
