"""Jours ouvrés, jours ouvrables et ajustement aux jours ouvrés.

* jour ouvré : du lundi au vendredi, hors jour férié (définition des contrats CDC, art. 2 :
  « tout jour de la semaine autre que le samedi, le dimanche ou jour férié légal ») ;
* jour ouvrable : du lundi au samedi, hors jour férié.

Les rangs des jours ouvrés et ouvrables sont précalculés par zone sur toute la plage couverte,
à la première demande : ajouter N jours ouvrés est alors une simple lecture de table.
"""

from __future__ import annotations

import datetime as dt
import functools
from array import array

from collectivites._enum import EnumFr, decrire
from collectivites.calendrier._feries import ANNEE_MAX, ANNEE_MIN, jours_feries
from collectivites.calendrier._regles import normaliser_zone
from collectivites.erreurs import ErreurType, ErreurValeur

__all__ = [
    "Ajustement",
    "TablesZone",
    "ajouter_jours_ouvrables",
    "ajouter_jours_ouvres",
    "ajuster",
    "est_jour_ouvrable",
    "est_jour_ouvre",
    "tables_zone",
]


class Ajustement(EnumFr):
    """Ajustement d'une date qui n'est pas un jour ouvré : le jour ouvré suivant, le précédent,
    le suivant sauf s'il change de mois (alors le précédent), ou aucun. Une seule énumération
    pour tous les moteurs (échéances de prêt, acomptes rSa, obligations d'un contrat)."""

    SUIVANT = "suivant"
    PRECEDENT = "precedent"
    SUIVANT_MODIFIE = "suivant_modifie"
    AUCUN = "aucun"


decrire(
    Ajustement,
    {
        "suivant": "jour ouvré suivant",
        "precedent": "jour ouvré précédent",
        "suivant_modifie": "jour ouvré suivant, ou précédent s'il change de mois",
        "aucun": "aucun report",
    },
    alias={"jour_ouvre_suivant": "suivant", "jour_ouvre_precedent": "precedent"},
)

_PREMIER = dt.date(ANNEE_MIN, 1, 1).toordinal()
_DERNIER = dt.date(ANNEE_MAX, 12, 31).toordinal()


class TablesZone:
    """Tables précalculées d'une zone : jours fériés et rangs des jours ouvrés / ouvrables.

    ``rang_ouvre[o - premier]`` est le nombre de jours ouvrés de rang ≤ ``o`` (ordinal) ; la liste
    ``ouvres`` donne l'ordinal du i-ème jour ouvré. Idem pour les jours ouvrables.
    """

    __slots__ = ("feries", "ouvrables", "ouvres", "premier", "rang_ouvrable", "rang_ouvre", "zone")

    def __init__(self, zone: str) -> None:
        self.zone = zone
        self.premier = _PREMIER
        feries: set[int] = set()
        for annee in range(ANNEE_MIN, ANNEE_MAX + 1):
            feries.update(j.date.toordinal() for j in jours_feries(annee, zone))
        self.feries = frozenset(feries)
        self.ouvres = array("l")
        self.ouvrables = array("l")
        self.rang_ouvre = array("l")
        self.rang_ouvrable = array("l")
        n_ouvres = n_ouvrables = 0
        jour_semaine = dt.date.fromordinal(_PREMIER).weekday()
        for ordinal in range(_PREMIER, _DERNIER + 1):
            if ordinal not in feries:
                if jour_semaine < 5:
                    self.ouvres.append(ordinal)
                    n_ouvres += 1
                if jour_semaine < 6:
                    self.ouvrables.append(ordinal)
                    n_ouvrables += 1
            self.rang_ouvre.append(n_ouvres)
            self.rang_ouvrable.append(n_ouvrables)
            jour_semaine = (jour_semaine + 1) % 7

    def est_ferie(self, ordinal: int) -> bool:
        return ordinal in self.feries

    def est_ouvre(self, ordinal: int) -> bool:
        return ordinal not in self.feries and (ordinal + 6) % 7 < 5

    def est_ouvrable(self, ordinal: int) -> bool:
        return ordinal not in self.feries and (ordinal + 6) % 7 < 6


@functools.cache
def _tables(code_zone: str) -> TablesZone:
    return TablesZone(code_zone)


def tables_zone(zone: str) -> TablesZone:
    """Tables précalculées de la zone (construites à la première demande, puis gardées)."""
    return _tables(normaliser_zone(zone))


def _ordinal(jour: object, champ: str = "date") -> int:
    if type(jour) is not dt.date:
        raise ErreurType("type refusé", cle=champ, valeur=jour, attendu="une date (datetime.date)")
    ordinal = jour.toordinal()
    if not _PREMIER <= ordinal <= _DERNIER:
        raise ErreurValeur(
            "date hors de la plage du calendrier",
            cle=champ,
            valeur=jour,
            attendu=f"une date des années {ANNEE_MIN} à {ANNEE_MAX}",
        )
    return ordinal


def _nombre_de_jours(n: object) -> int:
    if isinstance(n, bool) or not isinstance(n, int):
        raise ErreurType("type refusé", cle="n", valeur=n, attendu="un nombre entier de jours")
    return n


def est_jour_ouvre(jour: dt.date, zone: str = "metropole") -> bool:
    """Lundi à vendredi, hors jour férié de la zone.

    Examples:
        >>> est_jour_ouvre(dt.date(2024, 5, 8))
        False
    """
    return tables_zone(zone).est_ouvre(_ordinal(jour))


def est_jour_ouvrable(jour: dt.date, zone: str = "metropole") -> bool:
    """Lundi à samedi, hors jour férié de la zone."""
    return tables_zone(zone).est_ouvrable(_ordinal(jour))


def _decaler(tables: TablesZone, rangs: array[int], liste: array[int], ordinal: int, n: int) -> int:
    """Ordinal du n-ième jour de ``liste`` après (n > 0) ou avant (n < 0) ``ordinal``."""
    rang = rangs[ordinal - tables.premier]  # jours de la liste de rang ≤ ordinal
    if n >= 0:
        indice = rang - 1 + n
    else:
        dans_liste = rang > 0 and liste[rang - 1] == ordinal
        indice = rang - (1 if dans_liste else 0) + n
    if not 0 <= indice < len(liste):
        raise ErreurValeur(
            "résultat hors de la plage du calendrier",
            attendu=f"une date des années {ANNEE_MIN} à {ANNEE_MAX}",
        )
    return liste[indice]


def ajouter_jours_ouvres(jour: dt.date, n: int, zone: str = "metropole") -> dt.date:
    """Le n-ième jour ouvré après ``jour`` (avant si ``n < 0``) ; ``jour`` lui-même ne compte pas.

    Examples:
        >>> ajouter_jours_ouvres(dt.date(2024, 4, 26), 15)  # 1er, 8, 9 et 20 mai fériés
        datetime.date(2024, 5, 23)
    """
    tables = tables_zone(zone)
    ordinal = _ordinal(jour)
    if _nombre_de_jours(n) == 0:
        return jour
    return dt.date.fromordinal(_decaler(tables, tables.rang_ouvre, tables.ouvres, ordinal, n))


def ajouter_jours_ouvrables(jour: dt.date, n: int, zone: str = "metropole") -> dt.date:
    """Le n-ième jour ouvrable après ``jour`` (avant si ``n < 0``)."""
    tables = tables_zone(zone)
    ordinal = _ordinal(jour)
    if _nombre_de_jours(n) == 0:
        return jour
    return dt.date.fromordinal(_decaler(tables, tables.rang_ouvrable, tables.ouvrables, ordinal, n))


def ajuster(
    jour: dt.date, convention: Ajustement | str = Ajustement.SUIVANT, zone: str = "metropole"
) -> dt.date:
    """Ajuste ``jour`` sur un jour ouvré selon l':class:`Ajustement` ``convention``.

    Examples:
        >>> ajuster(dt.date(2024, 8, 31), "suivant_modifie")
        datetime.date(2024, 8, 30)
    """
    mode = Ajustement(convention)
    tables = tables_zone(zone)
    ordinal = _ordinal(jour)
    if mode is Ajustement.AUCUN or tables.est_ouvre(ordinal):
        return jour
    if mode is Ajustement.PRECEDENT:
        return dt.date.fromordinal(_decaler(tables, tables.rang_ouvre, tables.ouvres, ordinal, -1))
    suivant = dt.date.fromordinal(_decaler(tables, tables.rang_ouvre, tables.ouvres, ordinal, 1))
    if mode is Ajustement.SUIVANT_MODIFIE and suivant.month != jour.month:
        return dt.date.fromordinal(_decaler(tables, tables.rang_ouvre, tables.ouvres, ordinal, -1))
    return suivant
