"""Taux : lecture des pourcentages français et taux de période.

Dans le code, un taux est une fraction ``Decimal`` (``Decimal("0.0135")``) ; dans les fichiers
et à l'écran, un pourcentage français (« 1,35 % », « 1.35 % » accepté). Un nombre nu est refusé
là où un taux est attendu : confondre 1,35 et 0,0135 est l'erreur classique.
"""

from __future__ import annotations

import re
from decimal import Decimal

from collectivites._moteur import CONTEXTE_CALCUL
from collectivites.erreurs import ErreurType, ErreurValeur

__all__ = [
    "CONTEXTE_CALCUL",
    "formater_taux",
    "lire_taux",
    "taux_en_pourcentage",
    "taux_periode_equivalent",
    "taux_periode_proportionnel",
]

_CENT = Decimal(100)
_NOMBRE_NU = re.compile(r"^\s*[+-]?\s*[0-9]+(?:[.,][0-9]+)?\s*$")
_MOTIF_TAUX = re.compile(
    r"^\s*([+-]?\s*[0-9]+(?:[.,][0-9]+)?)\s*(%|pour\s*cent|points?)\s*$", re.IGNORECASE
)


def lire_taux(valeur: object, *, champ: str | None = None) -> Decimal:
    """Lit un pourcentage (« 1,35 % ») et rend la fraction ``Decimal('0.0135')``.

    Un ``Decimal`` est pris tel quel (déjà une fraction). Un nombre nu, entier ou flottant, ou une
    chaîne sans « % » est refusé.

    Examples:
        >>> lire_taux("1,35 %")
        Decimal('0.0135')
        >>> lire_taux("-0,35 %")
        Decimal('-0.0035')
        >>> lire_taux("1.35")  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        collectivites.erreurs.ErreurValeur: un nombre sans « % » est ambigu (1,35 % ou 135 % ?) ...
    """
    attendu = "un pourcentage comme « 1,35 % »"
    if isinstance(valeur, Decimal):
        if not valeur.is_finite():
            raise ErreurValeur("taux non fini", cle=champ, valeur=valeur, attendu=attendu)
        return valeur
    if isinstance(valeur, bool) or not isinstance(valeur, str):
        raison = "un nombre nu est ambigu" if isinstance(valeur, int | float) else "type refusé"
        raise ErreurType(raison, cle=champ, valeur=valeur, attendu=attendu)
    correspondance = _MOTIF_TAUX.match(valeur.replace("\u00a0", " ").replace("\u202f", " "))
    if not correspondance:
        raise ErreurValeur(
            "un nombre sans « % » est ambigu (1,35 % ou 135 % ?)"
            if _NOMBRE_NU.match(valeur)
            else "pourcentage illisible",
            cle=champ,
            valeur=valeur,
            attendu=attendu,
        )
    nombre = correspondance.group(1).replace(" ", "").replace(",", ".")
    return CONTEXTE_CALCUL.divide(Decimal(nombre), _CENT)


def taux_en_pourcentage(taux: Decimal) -> Decimal:
    """Fraction → pourcentage, normalisé avec au moins deux décimales (``0.0135`` → ``1.35``)."""
    if isinstance(taux, Decimal) and not taux.is_finite():  # un entier (0, 1) reste permis
        raise ErreurValeur("taux qui n'est pas un nombre fini", valeur=taux, attendu="un taux fini")
    pourcentage = CONTEXTE_CALCUL.multiply(taux, _CENT).normalize(CONTEXTE_CALCUL)
    if pourcentage.as_tuple().exponent > -2:  # type: ignore[operator]
        pourcentage = pourcentage.quantize(Decimal("0.01"), context=CONTEXTE_CALCUL)
    return pourcentage


def formater_taux(taux: Decimal) -> str:
    """Fraction → pourcentage français (``Decimal('0.0135')`` → ``'1,35 %'``).

    Examples:
        >>> formater_taux(Decimal("0.0135"))
        '1,35 %'
    """
    return f"{taux_en_pourcentage(taux)} %".replace(".", ",")


def taux_periode_equivalent(taux_annuel: Decimal, mois: int) -> Decimal:
    """Taux de période équivalent au taux annuel actuariel : ``(1 + I)^(mois/12) − 1``.

    Examples:
        >>> round(taux_periode_equivalent(Decimal("0.0145"), 6), 8)
        Decimal('0.00722391')
    """
    if mois == 12:
        return taux_annuel
    base = CONTEXTE_CALCUL.add(Decimal(1), taux_annuel)
    exposant = CONTEXTE_CALCUL.divide(Decimal(mois), Decimal(12))
    return CONTEXTE_CALCUL.subtract(CONTEXTE_CALCUL.power(base, exposant), Decimal(1))


def taux_periode_proportionnel(taux_annuel: Decimal, mois: int) -> Decimal:
    """Taux de période proportionnel : ``I × mois / 12``."""
    return CONTEXTE_CALCUL.divide(CONTEXTE_CALCUL.multiply(taux_annuel, Decimal(mois)), Decimal(12))
