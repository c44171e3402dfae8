"""Calendrier de paiement d'un barème : dates comptées depuis l'échéance annuelle.

ALCOME (art. 20.1) : « une échéance annuelle unique de paiement, située dans la période entre le
30 avril et le 30 octobre de l'année qui suit » ; le décompte liquidatif au plus tard 60 jours
ouvrés avant (art. 20.2), 15 jours ouvrés pour le contester, le titre dématérialisé 30 jours au
moins avant (art. 20.3), le bilan de prévention 90 jours au plus tard avant (art. 15.6). Les
délais « avant » sont des délais à rebours : dernier jour utile la veille du dernier jour compté,
sans report (voir :mod:`collectivites.regles.delais`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import attrs

from collectivites._moteur import moteur
from collectivites.calendrier._regles import hypotheses_de_zone
from collectivites.erreurs import ErreurValeur
from collectivites.presentation import Presentable
from collectivites.regles.delais._calcul import detailler_delai
from collectivites.regles.rep._bareme import Bareme
from collectivites.tables import Document, Genre, Table, colonnes, faits

__all__ = ["CalendrierPaiement", "DateCalendrier", "calendrier_paiement"]

_JOURS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")


@attrs.frozen(kw_only=True)
class DateCalendrier:
    """Une date du calendrier de paiement. ``dernier_jour_ouvre`` : pour une date limite à rebours
    qui tombe un jour non ouvré, le jour ouvré qui la précède (la date limite ne bouge pas)."""

    date: dt.date
    libelle: str
    reference: str
    dernier_jour_ouvre: dt.date | None = None

    @property
    def libelle_complet(self) -> str:
        """Le libellé, suivi du jour ouvré où agir en pratique si la date n'est pas ouvrée."""
        if self.dernier_jour_ouvre is None:
            return self.libelle
        return (
            f"{self.libelle} ; jour non ouvré : en pratique au plus tard le "
            f"{self.dernier_jour_ouvre:%d/%m/%Y}"
        )


@attrs.frozen(kw_only=True)
class CalendrierPaiement(Presentable):
    """Le calendrier de paiement d'une échéance annuelle."""

    bareme: Bareme
    echeance: dt.date
    zone: str
    dates: tuple[DateCalendrier, ...]

    def __iter__(self) -> Iterator[DateCalendrier]:
        return iter(self.dates)

    def __len__(self) -> int:
        return len(self.dates)

    def decrire(self) -> Document:
        """Une ligne par date (table d'agenda, exportable en iCalendar)."""
        return Document(
            titre=(
                f"Calendrier de paiement — {self.bareme.nom} — échéance du {self.echeance:%d/%m/%Y}"
            ),
            faits=faits(
                ("bareme", "Barème", self.bareme.code, Genre.TEXTE),
                ("echeance", "Échéance", self.echeance, Genre.DATE),
                ("zone", "Zone", self.zone, Genre.TEXTE),
            ),
            tables=(
                Table(
                    cle="dates",
                    titre="Calendrier",
                    role="agenda",
                    colonnes=colonnes(
                        ("date", "Date", Genre.DATE),
                        ("jour", "Jour", Genre.TEXTE),
                        ("libelle", "Étape", Genre.TEXTE),
                        ("reference", "Référence", Genre.TEXTE),
                    ),
                    lignes=tuple(
                        (d.date, _JOURS[d.date.weekday()], d.libelle_complet, d.reference)
                        for d in self.dates
                    ),
                ),
            ),
            hypotheses=hypotheses_de_zone(self.zone),
        )


@moteur
def calendrier_paiement(
    bareme: Bareme, echeance: dt.date, *, zone: str = "metropole"
) -> CalendrierPaiement:
    """Dates du calendrier de paiement pour l'échéance annuelle ``echeance`` (jours ouvrés du
    calendrier légal de ``zone``)."""
    if bareme.echeance_du and bareme.echeance_au:
        debut = dt.date(echeance.year, *map(int, bareme.echeance_du.split("-")))
        fin = dt.date(echeance.year, *map(int, bareme.echeance_au.split("-")))
        if not debut <= echeance <= fin:
            raise ErreurValeur(
                f"l'échéance sort de la période de paiement du barème « {bareme.code} »",
                cle="echeance",
                valeur=echeance,
                attendu=f"du {debut:%d/%m/%Y} au {fin:%d/%m/%Y}",
            )
    calculees: dict[str, dt.date] = {"echeance": echeance}
    restantes = list(bareme.calendrier)
    dates: list[DateCalendrier] = []
    while restantes:
        pretes = [e for e in restantes if e.depart in calculees]
        if not pretes:
            raise ErreurValeur(
                f"calendrier circulaire dans le barème « {bareme.code} »", cle="calendrier"
            )
        for etape in pretes:
            depart = calculees[etape.depart]
            detail = detailler_delai(depart, etape.delai, zone=zone, sens=etape.sens)
            if etape.code:
                calculees[etape.code] = detail.date
            dates.append(
                DateCalendrier(
                    date=detail.date,
                    libelle=etape.libelle,
                    reference=etape.reference,
                    dernier_jour_ouvre=detail.dernier_jour_ouvre,
                )
            )
            restantes.remove(etape)
    return CalendrierPaiement(
        bareme=bareme,
        echeance=echeance,
        zone=zone,
        dates=tuple(sorted(dates, key=lambda d: d.date)),
    )
