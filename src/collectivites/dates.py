"""Aides sur les dates : lecture ISO stricte et arithmétique de mois « au quantième ».

Les périodes sont semi-ouvertes ``[debut, fin)`` : ``fin`` est le premier jour qui n'en fait plus
partie.
"""

from __future__ import annotations

import calendar
import datetime as dt

from collectivites.erreurs import ErreurType, ErreurValeur

__all__ = ["ajouter_mois", "dernier_jour_du_mois", "lire_date", "lire_mois"]


def lire_date(valeur: object, *, champ: str = "date") -> dt.date:
    """Lit une date ISO ``AAAA-MM-JJ`` (ou accepte un ``datetime.date``).

    Examples:
        >>> lire_date("2024-02-29")
        datetime.date(2024, 2, 29)
        >>> lire_date("2024-02-30")  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        collectivites.erreurs.ErreurValeur: « date » : la date 2024-02-30 n'existe pas ; ...
    """
    if isinstance(valeur, dt.datetime):
        raise ErreurType(f"« {champ} » doit être une date sans heure (reçu : {valeur!r})")
    if isinstance(valeur, dt.date):
        return valeur
    if not isinstance(valeur, str):
        raise ErreurType(f"« {champ} » doit être une date AAAA-MM-JJ (reçu : {valeur!r})")
    texte = valeur.strip()
    morceaux = texte.split("-")
    if len(morceaux) != 3 or not all(m.isdigit() for m in morceaux) or len(morceaux[0]) != 4:
        raise ErreurValeur(f"« {champ} » doit être une date AAAA-MM-JJ (reçu : {valeur!r})")
    try:
        return dt.date(int(morceaux[0]), int(morceaux[1]), int(morceaux[2]))
    except ValueError:
        raise ErreurValeur(
            f"« {champ} » : la date {texte} n'existe pas ; format attendu AAAA-MM-JJ"
        ) from None


def lire_mois(valeur: object, *, champ: str = "mois") -> dt.date:
    """Lit un mois ``AAAA-MM`` et rend le premier jour de ce mois."""
    if isinstance(valeur, dt.date) and not isinstance(valeur, dt.datetime):
        return valeur.replace(day=1)
    texte = str(valeur).strip()
    morceaux = texte.split("-")
    if len(morceaux) != 2 or not all(m.isdigit() for m in morceaux) or len(morceaux[0]) != 4:
        raise ErreurValeur(f"« {champ} » doit être un mois AAAA-MM (reçu : {valeur!r})")
    annee, mois = int(morceaux[0]), int(morceaux[1])
    if not 1 <= mois <= 12:
        raise ErreurValeur(f"« {champ} » : le mois {mois} n'existe pas (reçu : {valeur!r})")
    return dt.date(annee, mois, 1)


def dernier_jour_du_mois(annee: int, mois: int) -> dt.date:
    """Dernier jour du mois (28, 29, 30 ou 31)."""
    return dt.date(annee, mois, calendar.monthrange(annee, mois)[1])


def ajouter_mois(depart: dt.date, mois: int) -> dt.date:
    """Ajoute ``mois`` mois « au même quantième », ou au dernier jour du mois s'il n'existe pas
    (même résultat que ``depart + dateutil.relativedelta(months=mois)``, en plus rapide).

    Examples:
        >>> ajouter_mois(dt.date(2024, 1, 31), 1)
        datetime.date(2024, 2, 29)
        >>> ajouter_mois(dt.date(2024, 3, 31), -1)
        datetime.date(2024, 2, 29)
    """
    rang = depart.month - 1 + mois
    annee = depart.year + rang // 12
    numero = rang % 12 + 1
    if not dt.MINYEAR <= annee <= dt.MAXYEAR:
        raise ErreurValeur(f"date hors des limites du calendrier ({annee})")
    if depart.day <= 28:
        return dt.date(annee, numero, depart.day)
    return dt.date(annee, numero, min(depart.day, calendar.monthrange(annee, numero)[1]))
