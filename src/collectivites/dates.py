"""Aides sur les dates : lecture ISO stricte et arithmétique de mois « au quantième ».

Les périodes sont semi-ouvertes ``[debut, fin)`` : ``fin`` est le premier jour qui n'en fait plus
partie.
"""

from __future__ import annotations

import calendar
import datetime as dt

from collectivites.erreurs import ErreurType, ErreurValeur

__all__ = ["ajouter_mois", "dernier_jour_du_mois", "lire_date", "lire_mois"]


_FORMATS_DATE = "AAAA-MM-JJ ou JJ/MM/AAAA"


def lire_date(valeur: object, *, champ: str | None = None) -> dt.date:
    """Lit une date ISO ``AAAA-MM-JJ`` ou française ``JJ/MM/AAAA`` (ou accepte un
    ``datetime.date``).

    Examples:
        >>> lire_date("2024-02-29"), lire_date("06/12/2018")
        (datetime.date(2024, 2, 29), datetime.date(2018, 12, 6))
        >>> lire_date("2024-02-30")  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        collectivites.erreurs.ErreurValeur: cette date n'existe pas (reçu : '2024-02-30' ; ...)
    """
    if isinstance(valeur, dt.datetime):
        raise ErreurType(
            "une date sans heure est attendue", cle=champ, valeur=valeur, attendu=_FORMATS_DATE
        )
    if isinstance(valeur, dt.date):
        return valeur
    if not isinstance(valeur, str):
        raise ErreurType("une date est attendue", cle=champ, valeur=valeur, attendu=_FORMATS_DATE)
    texte = valeur.strip()
    # JJ/MM/AAAA lu à l'envers : [AAAA, MM, JJ] comme l'ISO ; trois morceaux non vides, en
    # chiffres ASCII (``"".isdigit()`` est faux : un morceau vide est refusé avec eux).
    morceaux = texte.split("/")[::-1] if "/" in texte else texte.split("-")
    if (
        len(morceaux) != 3
        or not all(m.isascii() and m.isdigit() for m in morceaux)
        or len(morceaux[0]) != 4
        or not all(len(m) <= 2 for m in morceaux[1:])
    ):
        raise ErreurValeur("date illisible", cle=champ, valeur=valeur, attendu=_FORMATS_DATE)
    try:
        return dt.date(int(morceaux[0]), int(morceaux[1]), int(morceaux[2]))
    except ValueError:
        raise ErreurValeur(
            "cette date n'existe pas", cle=champ, valeur=valeur, attendu=_FORMATS_DATE
        ) from None


def lire_mois(valeur: object, *, champ: str | None = None) -> dt.date:
    """Lit un mois ``AAAA-MM`` (ou ``MM/AAAA``) et rend le premier jour de ce mois."""
    if isinstance(valeur, dt.date) and not isinstance(valeur, dt.datetime):
        return valeur.replace(day=1)
    if not isinstance(valeur, str):
        raise ErreurType("un mois est attendu", cle=champ, valeur=valeur, attendu="AAAA-MM")
    texte = valeur.strip()
    morceaux = list(reversed(texte.split("/"))) if "/" in texte else texte.split("-")
    if (
        len(morceaux) != 2
        or not all(m.isascii() and m.isdigit() for m in morceaux)
        or len(morceaux[0]) != 4
        or len(morceaux[1]) > 2
    ):
        raise ErreurValeur("mois illisible", cle=champ, valeur=valeur, attendu="AAAA-MM")
    annee, mois = int(morceaux[0]), int(morceaux[1])
    if not 1 <= mois <= 12 or annee < 1:
        raise ErreurValeur("ce mois n'existe pas", cle=champ, valeur=valeur, attendu="AAAA-MM")
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
        raise ErreurValeur(
            "date hors des limites du calendrier", valeur=annee, attendu="une année de 1 à 9999"
        )
    if depart.day < 29:  # tous les mois ont un 28
        return dt.date(annee, numero, depart.day)
    return dt.date(annee, numero, min(depart.day, calendar.monthrange(annee, numero)[1]))
