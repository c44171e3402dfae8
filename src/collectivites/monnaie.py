"""Montants en ``Decimal`` : construction sûre et arrondis explicites.

Les montants se construisent depuis ``str``, ``int`` ou ``Decimal`` ; un ``float`` est refusé
(``0.1 + 0.2`` n'est pas ``0.3``). Tout arrondi nomme son pas et son mode ; le mode par défaut
est l'arrondi commercial « au demi supérieur » (``ROUND_HALF_UP``) au centime.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Context, Decimal

from collectivites.erreurs import ErreurType, ErreurValeur

__all__ = ["CENTIME", "ESPACE_FINE", "arrondir", "en_decimal", "formater_montant", "montant_csv"]

CENTIME = Decimal("0.01")
#: Contexte des arrondis : indépendant de celui de l'appelant (34 chiffres significatifs).
_CONTEXTE = Context(prec=34)

_ESPACES = re.compile(r"[\s\u00a0\u202f_]")
#: Nombre décimal en chiffres usuels (pas d'exposant : « 1E+999999 » n'est pas un montant).
_NOMBRE = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)", re.ASCII)


def en_decimal(valeur: object, *, champ: str | None = None) -> Decimal:
    """Convertit ``valeur`` en ``Decimal`` exact, en refusant les flottants.

    Accepte ``Decimal`` (fini), ``int`` et les chaînes « 128189.00 », « 128 189,00 »,
    « 128 189,00 € ».

    Examples:
        >>> en_decimal("128 189,00")
        Decimal('128189.00')
        >>> en_decimal(0.1)  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        collectivites.erreurs.ErreurType: un nombre flottant est refusé (reçu : 0.1 ; ...)
    """
    attendu = "un nombre comme « 128189.00 » ou « 128 189,00 »"
    if isinstance(valeur, bool):
        raise ErreurType(
            "un booléen n'est pas un nombre", cle=champ, valeur=valeur, attendu=attendu
        )
    if isinstance(valeur, Decimal):
        if not valeur.is_finite():
            raise ErreurValeur("nombre non fini", cle=champ, valeur=valeur, attendu=attendu)
        return valeur
    if isinstance(valeur, int):
        return Decimal(valeur)
    if isinstance(valeur, float):
        raise ErreurType(
            "un nombre flottant est refusé",
            cle=champ,
            valeur=valeur,
            attendu=f'un nombre écrit entre guillemets, par exemple "{valeur!r}"',
        )
    if not isinstance(valeur, str):
        raise ErreurType("un nombre est attendu", cle=champ, valeur=valeur, attendu=attendu)
    # Virgule décimale : « 1,5 » → « 1.5 ». Un texte à deux virgules, ou à virgule et point
    # (« 1,234.5 »), a alors deux points : le motif le refuse, comme avant le remplacement.
    texte = _ESPACES.sub("", valeur.strip()).replace("€", "").replace(",", ".")
    if not _NOMBRE.fullmatch(texte):
        raise ErreurValeur("nombre illisible", cle=champ, valeur=valeur, attendu=attendu)
    return Decimal(texte)  # le motif garantit un nombre que Decimal lit


def arrondir(valeur: Decimal, pas: Decimal = CENTIME, mode: str = ROUND_HALF_UP) -> Decimal:
    """Arrondit ``valeur`` au multiple de ``pas`` (une puissance de dix) selon ``mode``.

    Examples:
        >>> arrondir(Decimal("1730.5515"))
        Decimal('1730.55')
        >>> arrondir(Decimal("0.125"))
        Decimal('0.13')
    """
    return valeur.quantize(pas, rounding=mode, context=_CONTEXTE)


#: Espace fine insécable (U+202F) : séparateur des milliers de la typographie française.
ESPACE_FINE = "\u202f"


def formater_montant(valeur: Decimal, *, separateur: str = ESPACE_FINE) -> str:
    """Montant à la française : espace fine insécable des milliers, virgule décimale.

    Examples:
        >>> formater_montant(Decimal("128189"))
        '128\u202f189,00'
        >>> formater_montant(Decimal("-1234.5"), separateur=" ")
        '-1 234,50'
    """
    arrondi = arrondir(valeur)
    signe = "-" if arrondi < 0 else ""  # -0,004 s'écrit 0,00, jamais « -0,00 »
    entier, _, decimales = f"{arrondi.copy_abs():.2f}".partition(".")  # sans contexte
    groupes: list[str] = []
    while len(entier) > 3:
        groupes.insert(0, entier[-3:])
        entier = entier[:-3]
    groupes.insert(0, entier)
    return f"{signe}{separateur.join(groupes)},{decimales}"


def montant_csv(valeur: Decimal) -> str:
    """Montant pour un fichier CSV ou JSON : deux décimales, point décimal (``"3170.41"``) ;
    un montant arrondi à zéro s'écrit ``"0.00"``, jamais ``"-0.00"``."""
    arrondi = arrondir(valeur)
    return f"{arrondi if arrondi else arrondi.copy_abs():.2f}"
