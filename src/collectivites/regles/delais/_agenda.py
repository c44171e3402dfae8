"""L'agenda d'un contrat : toutes ses dates sur une période ``[debut, fin)``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import attrs

from collectivites._enum import EnumFr, decrire
from collectivites._moteur import moteur
from collectivites.calendrier import ANNEE_MAX, ANNEE_MIN, ajuster, est_jour_ouvre
from collectivites.calendrier._jours import Ajustement
from collectivites.calendrier._regles import hypotheses_de_zone
from collectivites.dates import dernier_jour_du_mois
from collectivites.erreurs import ErreurValeur
from collectivites.presentation import Presentable
from collectivites.regles.delais._calcul import calculer_delai, detailler_delai
from collectivites.regles.delais._contrats import (
    Contrat,
    DepartObligation,
    ModeReconduction,
    Obligation,
    Periode,
    _multiplier,
    date_limite_resiliation,
    periodes,
)
from collectivites.regles.delais._duree import Duree
from collectivites.regles.delais._regimes import Sens
from collectivites.tables import Document, Genre, Table, colonnes, faits

__all__ = ["Agenda", "Evenement", "NatureEvenement", "agenda"]

JOURS_SEMAINE = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
#: Un report au jour ouvré déplace une date de quatre jours au plus (du Vendredi saint au lundi
#: de Pâques en Alsace-Moselle) : les dates d'une obligation sont cherchées une semaine autour
#: de l'agenda, puis reportées, puis retenues si elles y tombent.
_MARGE_DE_REPORT = dt.timedelta(days=7)
_PREMIER_JOUR = dt.date(ANNEE_MIN, 1, 1)
_DERNIER_JOUR = dt.date(ANNEE_MAX, 12, 31)


class NatureEvenement(EnumFr):
    """Ce qu'une date de l'agenda représente."""

    PRISE_EFFET = "prise_effet"
    DEBUT_PERIODE = "debut_periode"
    DERNIER_JOUR = "dernier_jour"
    ECHEANCE = "echeance"
    LIMITE_RESILIATION = "limite_resiliation"
    ENVOI_RESILIATION = "envoi_resiliation"
    DECISION_RECONDUCTION = "decision_reconduction"
    OBLIGATION = "obligation"


decrire(
    NatureEvenement,
    {
        "prise_effet": "prise d'effet",
        "debut_periode": "début de période",
        "dernier_jour": "dernier jour d'exécution",
        "echeance": "échéance",
        "limite_resiliation": "date limite de résiliation",
        "envoi_resiliation": "envoi conseillé de la résiliation",
        "decision_reconduction": "décision de reconduction",
        "obligation": "obligation",
    },
)


@attrs.frozen(kw_only=True)
class Evenement:
    """Une date de l'agenda, et ce qui permet de la dire en français (:attr:`libelle`)."""

    date: dt.date
    nature: NatureEvenement
    contrat: str = ""
    reference: str = ""
    periode: Periode | None = None
    intitule: str = ""  # libellé d'une obligation, tel que le contrat le donne
    forme: str = ""
    preavis: Duree | None = None
    acheminement: Duree | None = None
    dernier_jour_ouvre: dt.date | None = None  # quand une date limite tombe un jour non ouvré

    @property
    def libelle(self) -> str:
        """L'événement en une phrase."""
        p = self.periode
        condition = " (si reconduction expresse)" if p is not None and p.conditionnelle else ""
        nature = self.nature
        if nature is NatureEvenement.PRISE_EFFET:
            return "Prise d'effet du contrat"
        if nature is NatureEvenement.OBLIGATION:
            return self.intitule
        if nature is NatureEvenement.DECISION_RECONDUCTION:
            return "Dernier jour pour décider la reconduction expresse"
        assert p is not None
        if nature is NatureEvenement.DEBUT_PERIODE:
            return f"Début de la période {p.numero} ({p.nature}){condition}"
        if nature is NatureEvenement.DERNIER_JOUR:
            return f"Dernier jour d'exécution de la période {p.numero}{condition}"
        if nature is NatureEvenement.ECHEANCE:
            return f"Échéance de la période {p.numero}{condition}"
        if nature is NatureEvenement.LIMITE_RESILIATION:
            pratique = ""
            if self.dernier_jour_ouvre is not None:
                pratique = (
                    f" ; jour non ouvré : en pratique au plus tard le "
                    f"{self.dernier_jour_ouvre:%d/%m/%Y}"
                )
            return (
                f"Date limite de première présentation de la {self.forme} de résiliation "
                f"(préavis de {self.preavis} avant l'échéance du {p.fin:%d/%m/%Y}{pratique})"
                f"{condition}"
            )
        return (
            f"Envoi conseillé de la lettre de résiliation (acheminement {self.acheminement})"
            f"{condition}"
        )


@attrs.frozen(kw_only=True)
class Agenda(Presentable):
    """Les dates d'un contrat sur ``[debut, fin)``, triées, et les périodes qui les portent."""

    contrat: Contrat
    debut: dt.date
    fin: dt.date
    evenements: tuple[Evenement, ...]
    periodes: tuple[Periode, ...]

    def __iter__(self) -> Iterator[Evenement]:
        return iter(self.evenements)

    def __len__(self) -> int:
        return len(self.evenements)

    def __getitem__(self, rang: int) -> Evenement:
        return self.evenements[rang]

    def decrire(self) -> Document:
        """Les événements (table d'agenda) et les périodes du contrat."""
        contrat = self.contrat
        table = Table(
            cle="evenements",
            titre="Agenda",
            role="agenda",
            colonnes=colonnes(
                ("date", "Date", Genre.DATE),
                ("jour", "Jour", Genre.TEXTE),
                ("libelle", "Événement", Genre.TEXTE),
                ("nature", "Nature", Genre.CODE, {"affichee": False}),
                ("reference", "Référence", Genre.TEXTE),
                ("contrat", "Contrat", Genre.TEXTE, {"affichee": False}),
            ),
            lignes=tuple(
                (
                    e.date,
                    JOURS_SEMAINE[e.date.weekday()],
                    e.libelle,
                    e.nature,
                    e.reference,
                    e.contrat,
                )
                for e in self.evenements
            ),
        )
        table_periodes = Table(
            cle="periodes",
            titre="Périodes",
            colonnes=colonnes(
                ("numero", "N°", Genre.ENTIER),
                ("debut", "Début", Genre.DATE),
                ("echeance", "Échéance", Genre.DATE),
                ("dernier_jour", "Dernier jour", Genre.DATE),
                ("nature", "Nature", Genre.TEXTE),
                ("conditionnelle", "Conditionnelle", Genre.BOOLEEN),
            ),
            lignes=tuple(
                (p.numero, p.debut, p.fin, p.dernier_jour, p.nature, p.conditionnelle)
                for p in self.periodes
            ),
        )
        return Document(
            titre=contrat.nom,
            faits=faits(
                ("contrat", "Contrat", contrat.nom, Genre.TEXTE),
                ("source", "Source", contrat.source, Genre.TEXTE),
                ("date_effet", "Prise d'effet", contrat.date_effet, Genre.DATE),
                ("debut", "Agenda du", self.debut, Genre.DATE),
                ("fin", "Agenda jusqu'au (exclu)", self.fin, Genre.DATE),
            ),
            tables=(table, table_periodes),
            hypotheses=(
                *contrat.hypotheses,
                *hypotheses_de_zone(contrat.zone),
                *self.notes_jours_non_ouvres,
            ),
        )

    @property
    def notes_jours_non_ouvres(self) -> tuple[str, ...]:
        """Pourquoi des dates de l'agenda tombent un samedi, un dimanche ou un jour férié."""
        dates = sorted({e.date for e in self.evenements})
        non_ouvres = [d for d in dates if not est_jour_ouvre(d, self.contrat.zone)]
        if not non_ouvres:
            return ()
        liste = ", ".join(
            f"{d:%d/%m/%Y} ({JOURS_SEMAINE[d.weekday()]}{' férié' if d.weekday() < 5 else ''})"
            for d in non_ouvres[:6]
        ) + (" …" if len(non_ouvres) > 6 else "")
        return (
            f"Dates un samedi, un dimanche ou un jour férié ({liste}) : ce sont les dates que le "
            "contrat fixe, ses délais comptant en jours et en mois calendaires ; l'agenda ne les "
            "reporte pas (le report au premier jour ouvrable du C. proc. civ., art. 642, vise les "
            "délais de procédure, non les dates d'un contrat qui ne le stipule pas). Pour envoyer "
            "ou décider, visez le dernier jour ouvré qui précède.",
        )


def _dates_regle(obligation: Obligation, debut: dt.date, dernier: dt.date) -> list[dt.date]:
    """Dates d'une obligation annuelle, mensuelle ou à date fixe entre ``debut`` et
    ``dernier`` inclus (avant report)."""
    if obligation.annuelle is not None:
        return [obligation.jour_annuel(a) for a in range(debut.year, dernier.year + 1)]
    if obligation.mensuelle is not None:
        dates = []
        annee, mois = debut.year, debut.month
        while (annee, mois) <= (dernier.year, dernier.month):
            fin_du_mois = dernier_jour_du_mois(annee, mois)
            dates.append(fin_du_mois.replace(day=min(obligation.mensuelle, fin_du_mois.day)))
            annee, mois = (annee + 1, 1) if mois == 12 else (annee, mois + 1)
        return dates
    assert obligation.date is not None
    return [obligation.date]


def _origines(
    obligation: Obligation, contrat: Contrat, liste: tuple[Periode, ...]
) -> list[dt.date]:
    if obligation.depart is DepartObligation.ECHEANCE:
        return [p.fin for p in liste if p.fin is not None]
    if obligation.depart is DepartObligation.DATE_EFFET:
        return [contrat.date_effet]
    assert isinstance(obligation.depart, dt.date)
    return [obligation.depart]


def _dates_delai(
    obligation: Obligation,
    contrat: Contrat,
    liste: tuple[Periode, ...],
    debut: dt.date,
    dernier: dt.date,
) -> list[dt.date]:
    """Dates d'une obligation comptée par un délai (répété ou non)."""
    assert obligation.delai is not None
    dates: list[dt.date] = []
    for origine in _origines(obligation, contrat, liste):
        rang = 1
        while True:
            delai = (
                _multiplier(obligation.delai, rang) if obligation.repetition else obligation.delai
            )
            jour = calculer_delai(
                origine, delai, regime=contrat.regime, zone=contrat.zone, sens=obligation.sens
            )
            if not obligation.repetition:
                dates.append(jour)
                break
            if (jour > dernier) if obligation.sens is Sens.APRES else (jour < debut):
                break
            dates.append(jour)
            rang += 1
    return dates


def _dates_obligation(
    obligation: Obligation,
    contrat: Contrat,
    liste: tuple[Periode, ...],
    debut: dt.date,
    dernier: dt.date,
) -> list[dt.date]:
    """Dates d'une obligation dans ``[debut, dernier]`` et dans la vie du contrat (une
    obligation comptée une fois depuis une date peut tomber hors de la vie du contrat ; une
    obligation répétée s'arrête avec lui)."""
    debut_vie = max(debut, contrat.date_effet)
    fin_contrat = liste[-1].fin
    dernier_vie = (
        dernier if fin_contrat is None else min(dernier, fin_contrat - dt.timedelta(days=1))
    )
    if obligation.delai is not None:
        return _reporter(
            _dates_delai(obligation, contrat, liste, debut, dernier_vie), obligation, contrat
        )
    # Le 1er janvier 2025 reporté au jour ouvré précédent tombe le mardi 31 décembre 2024 : une
    # date juste hors de l'agenda peut y être reportée.
    dates = _dates_regle(
        obligation,
        max(debut_vie - _MARGE_DE_REPORT, _PREMIER_JOUR),
        min(dernier_vie + _MARGE_DE_REPORT, _DERNIER_JOUR),
    )
    return [d for d in _reporter(dates, obligation, contrat) if debut_vie <= d <= dernier_vie]


def _reporter(dates: list[dt.date], obligation: Obligation, contrat: Contrat) -> list[dt.date]:
    """Ajuste les dates sur un jour ouvré selon le ``report`` de l'obligation."""
    if obligation.report is Ajustement.AUCUN:
        return dates
    return [ajuster(d, obligation.report, contrat.zone) for d in dates]


def _envoi_au_plus_tard(arrivee: dt.date, acheminement: Duree, zone: str) -> dt.date:
    """Le jour d'envoi conseillé d'une lettre qui met ``acheminement`` à arriver pour qu'elle
    arrive au plus tard le ``arrivee``. Ce n'est pas un délai à rebours (aucun jour franc à
    ménager) : c'est le départ compté à rebours depuis l'arrivée (le dernier jour compté, non sa
    veille), reculé tant que départ + acheminement dépasserait l'arrivée. En fin de mois, il peut
    précéder le plus grand départ possible : un mois avant le 30 septembre, le 30 août, quand le
    31 août suffirait aussi."""
    envoi = detailler_delai(arrivee, acheminement, zone=zone, sens=Sens.AVANT).date_brute
    while calculer_delai(envoi, acheminement, zone=zone) > arrivee:
        envoi -= dt.timedelta(days=1)
    return envoi


def _evenements_de_periode(contrat: Contrat, periode: Periode) -> list[Evenement]:
    resiliation = contrat.resiliation

    def evenement(jour: dt.date, nature: NatureEvenement, **details: Any) -> Evenement:
        return Evenement(date=jour, nature=nature, contrat=contrat.nom, periode=periode, **details)

    evenements = []
    if periode.numero > 1:
        evenements.append(evenement(periode.debut, NatureEvenement.DEBUT_PERIODE))
    if periode.fin is None:
        return evenements
    dernier_jour = periode.fin - dt.timedelta(days=1)
    evenements.append(evenement(dernier_jour, NatureEvenement.DERNIER_JOUR))
    evenements.append(evenement(periode.fin, NatureEvenement.ECHEANCE))
    limite = date_limite_resiliation(contrat, periode)
    if limite is not None:
        details = {
            "reference": resiliation.reference,
            "forme": resiliation.forme,
            "preavis": resiliation.preavis,
        }
        pratique = (
            None
            if est_jour_ouvre(limite, contrat.zone)
            else ajuster(limite, Ajustement.PRECEDENT, contrat.zone)
        )
        evenements.append(
            evenement(
                limite, NatureEvenement.LIMITE_RESILIATION, dernier_jour_ouvre=pratique, **details
            )
        )
        if resiliation.acheminement is not None:
            envoi = _envoi_au_plus_tard(limite, resiliation.acheminement, contrat.zone)
            evenements.append(
                evenement(
                    envoi,
                    NatureEvenement.ENVOI_RESILIATION,
                    acheminement=resiliation.acheminement,
                    **details,
                )
            )
    # La période n° k peut être suivie d'une reconduction tant que k ≤ nombre_max, que cette
    # reconduction commence ou non avant la fin de l'agenda.
    reconduction = contrat.reconduction
    if reconduction.mode is ModeReconduction.EXPRESSE and (
        reconduction.nombre_max is None or periode.numero <= reconduction.nombre_max
    ):
        evenements.append(evenement(dernier_jour, NatureEvenement.DECISION_RECONDUCTION))
    return evenements


@moteur
def agenda(contrat: Contrat, debut: dt.date, fin: dt.date) -> Agenda:
    """Toutes les dates du contrat dans ``[debut, fin)``, dans l'ordre : prise d'effet, débuts
    de période, derniers jours d'exécution, échéances, dates limites de résiliation et
    obligations."""
    if fin <= debut:
        raise ErreurValeur(
            "la fin de l'agenda doit suivre son début",
            cle="fin",
            valeur=fin,
            attendu=f"une date après le {debut.isoformat()}",
        )
    dernier = fin - dt.timedelta(days=1)
    liste = periodes(contrat, jusqu_au=dernier)
    candidats = [
        Evenement(
            date=contrat.date_effet,
            nature=NatureEvenement.PRISE_EFFET,
            contrat=contrat.nom,
            reference=contrat.source,
        )
    ]
    for periode in liste:
        candidats += _evenements_de_periode(contrat, periode)
    for obligation in contrat.obligations:
        candidats += [
            Evenement(
                date=jour,
                nature=NatureEvenement.OBLIGATION,
                contrat=contrat.nom,
                reference=obligation.reference,
                intitule=obligation.libelle,
            )
            for jour in _dates_obligation(obligation, contrat, liste, debut, dernier)
        ]
    retenus = [e for e in candidats if debut <= e.date < fin]
    ordre = sorted(retenus, key=lambda e: (e.date, e.nature is not NatureEvenement.PRISE_EFFET))
    return Agenda(
        contrat=contrat,
        debut=debut,
        fin=fin,
        evenements=tuple(ordre),
        periodes=tuple(p for p in liste if p.debut < fin),
    )
