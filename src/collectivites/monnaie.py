"""Montants en ``Decimal`` : construction sûre et arrondis explicites.

Les montants se construisent depuis ``str``, ``int`` ou ``Decimal`` ; un ``float`` est refusé
(``0.1 + 0.2`` n'est pas ``0.3``). Tout arrondi nomme son pas et son mode ; le mode par défaut
est l'arrondi commercial « au demi supérieur » (``ROUND_HALF_UP``) au centime.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from collectivites.erreurs import ErreurType, ErreurValeur

__all__ = ["CENTIME", "arrondir", "en_decimal", "formater_montant", "montant_csv"]

CENTIME = Decimal("0.01")

_ESPACES = re.compile(r"[\s\u00a0\u202f_]")


def en_decimal(valeur: object, *, champ: str = "montant") -> Decimal:
    """Convertit ``valeur`` en ``Decimal`` exact, en refusant les flottants.

    Accepte ``Decimal``, ``int`` et les chaînes « 128189.00 », « 128 189,00 ».

    Examples:
        >>> en_decimal("128 189,00")
        Decimal('128189.00')
        >>> en_decimal(0.1)  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        collectivites.erreurs.ErreurType: « montant » : un nombre flottant est refusé ...
    """
    if isinstance(valeur, bool):
        raise ErreurType(f"« {champ} » : un booléen n'est pas un nombre (reçu : {valeur!r})")
    if isinstance(valeur, Decimal):
        if not valeur.is_finite():
            raise ErreurValeur(f"« {champ} » doit être un nombre fini (reçu : {valeur})")
        return valeur
    if isinstance(valeur, int):
        return Decimal(valeur)
    if isinstance(valeur, float):
        raise ErreurType(
            f"« {champ} » : un nombre flottant est refusé (reçu : {valeur!r}) ; "
            f'écrivez-le entre guillemets, par exemple "{valeur!r}"'
        )
    if isinstance(valeur, str):
        texte = _ESPACES.sub("", valeur.strip()).replace("€", "")
        if texte.count(",") == 1 and "." not in texte:
            texte = texte.replace(",", ".")
        try:
            resultat = Decimal(texte)
        except InvalidOperation:
            raise ErreurValeur(
                f"« {champ} » doit être un nombre comme « 128189.00 » ou « 128 189,00 » "
                f"(reçu : {valeur!r})"
            ) from None
        if not resultat.is_finite():
            raise ErreurValeur(f"« {champ} » doit être un nombre fini (reçu : {valeur!r})")
        return resultat
    raise ErreurType(f"« {champ} » doit être un nombre (reçu : {valeur!r})")


def arrondir(valeur: Decimal, pas: Decimal = CENTIME, mode: str = ROUND_HALF_UP) -> Decimal:
    """Arrondit ``valeur`` au multiple de ``pas`` (une puissance de dix) selon ``mode``.

    Examples:
        >>> arrondir(Decimal("1730.5515"))
        Decimal('1730.55')
        >>> arrondir(Decimal("0.125"))
        Decimal('0.13')
    """
    return valeur.quantize(pas, rounding=mode)


def formater_montant(valeur: Decimal) -> str:
    """Montant à la française : espace fine insécable des milliers, virgule décimale.

    Examples:
        >>> formater_montant(Decimal("128189"))
        '128 189,00'
    """
    signe = "-" if valeur < 0 else ""
    entier, _, decimales = f"{abs(arrondir(valeur)):.2f}".partition(".")
    groupes: list[str] = []
    while len(entier) > 3:
        groupes.insert(0, entier[-3:])
        entier = entier[:-3]
    groupes.insert(0, entier)
    return f"{signe}{' '.join(groupes)},{decimales}"


def montant_csv(valeur: Decimal) -> str:
    """Montant pour un fichier CSV ou JSON : deux décimales, point décimal (``"3170.41"``)."""
    return f"{arrondir(valeur):.2f}"
