"""Calendrier de paiement d'un barème : dates comptées depuis l'échéance annuelle.

ALCOME (art. 20.1) : « une échéance annuelle unique de paiement, située dans la période entre le
30 avril et le 30 octobre de l'année qui suit » ; le décompte liquidatif au plus tard 60 jours
ouvrés avant (art. 20.2), 15 jours ouvrés pour le contester, le titre dématérialisé 30 jours au
moins avant (art. 20.3), le bilan de prévention 90 jours au plus tard avant (art. 15.6).
"""

from __future__ import annotations

import datetime as dt

import attrs

from collectivites.erreurs import ErreurValeur
from collectivites.regles.delais import calculer_delai
from collectivites.regles.rep.bareme import Bareme

__all__ = ["DateCalendrier", "calendrier_paiement"]


@attrs.frozen(kw_only=True)
class DateCalendrier:
    """Une date du calendrier de paiement."""

    date: dt.date
    libelle: str
    reference: str


def calendrier_paiement(
    bareme: Bareme, echeance: dt.date, *, zone: str = "metropole"
) -> tuple[DateCalendrier, ...]:
    """Dates du calendrier de paiement pour l'échéance annuelle ``echeance`` (jours ouvrés du
    calendrier légal de ``zone``)."""
    if bareme.echeance_du and bareme.echeance_au:
        debut = dt.date(echeance.year, *map(int, bareme.echeance_du.split("-")))
        fin = dt.date(echeance.year, *map(int, bareme.echeance_au.split("-")))
        if not debut <= echeance <= fin:
            raise ErreurValeur(
                f"l'échéance {echeance.isoformat()} sort de la période de paiement du barème "
                f"« {bareme.code} » ({debut.isoformat()} – {fin.isoformat()})"
            )
    calculees: dict[str, dt.date] = {"echeance": echeance}
    restantes = list(bareme.calendrier)
    dates: list[DateCalendrier] = []
    while restantes:
        pretes = [e for e in restantes if e.depart in calculees]
        if not pretes:  # pragma: no cover - exclu par la validation du barème
            raise ErreurValeur(f"calendrier circulaire dans le barème « {bareme.code} »")
        for etape in pretes:
            jour = calculer_delai(calculees[etape.depart], etape.delai, zone=zone, sens=etape.sens)
            if etape.code:
                calculees[etape.code] = jour
            dates.append(
                DateCalendrier(date=jour, libelle=etape.libelle, reference=etape.reference)
            )
            restantes.remove(etape)
    return tuple(sorted(dates, key=lambda d: d.date))
