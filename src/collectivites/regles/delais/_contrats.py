"""Contrats datés : durée, reconduction, préavis de résiliation, obligations.

Les périodes sont semi-ouvertes ``[debut, fin)`` : ``fin`` est la date d'échéance (la date
anniversaire) et le dernier jour d'exécution est la veille. Une lettre recommandée est réputée
notifiée à la date de sa première présentation (par exemple contrat-type ALCOME, art. 23 :
« La notification est considérée comme effective à la date de la première présentation dudit
courrier »).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import attrs

from collectivites._champs import en_tuple, v_date, v_entier, v_instance, v_texte, v_tuple_de
from collectivites._enum import EnumFr, decrire
from collectivites._moteur import moteur
from collectivites.calendrier._jours import Ajustement
from collectivites.calendrier._regles import normaliser_zone
from collectivites.dates import dernier_jour_du_mois
from collectivites.erreurs import ErreurType, ErreurValeur
from collectivites.presentation import Presentable
from collectivites.regles.delais._calcul import calculer_delai
from collectivites.regles.delais._duree import Duree, Unite
from collectivites.regles.delais._regimes import Sens
from collectivites.regles.delais._regimes import regime as _regime

__all__ = [
    "Contrat",
    "DepartObligation",
    "ModeReconduction",
    "Obligation",
    "Periode",
    "Reconduction",
    "Resiliation",
    "ResultatResiliation",
    "date_effet_resiliation",
    "date_limite_resiliation",
    "periodes",
]

#: Nombre maximal de périodes générées (garde-fou contre une boucle sans fin).
PERIODES_MAX = 2000


class ModeReconduction(EnumFr):
    """Reconduction à l'échéance : aucune, tacite (sauf résiliation) ou expresse (il faut une
    décision des parties)."""

    AUCUNE = "aucune"
    TACITE = "tacite"
    EXPRESSE = "expresse"


class DepartObligation(EnumFr):
    """Départ d'un délai d'obligation : la prise d'effet, ou chaque échéance."""

    DATE_EFFET = "date_effet"
    ECHEANCE = "echeance"


decrire(ModeReconduction, {"aucune": "aucune", "tacite": "tacite", "expresse": "expresse"})
decrire(DepartObligation, {"date_effet": "prise d'effet", "echeance": "chaque échéance"})


def _zone_valide(_instance: object, _attribut: object, valeur: str) -> None:
    normaliser_zone(valeur)


def _regime_valide(_instance: object, _attribut: object, valeur: str) -> None:
    _regime(valeur)


def _duree_valide(optionnel: bool = True) -> Callable[[Any, Any, Any], None]:
    def valider(_instance: object, attribut: Any, valeur: object) -> None:
        if valeur is None and optionnel:
            return
        if not isinstance(valeur, Duree):
            raise ErreurType(
                "type refusé", cle=attribut.name, valeur=valeur, attendu="une Duree (lire_duree)"
            )

    return valider


@attrs.frozen(kw_only=True)
class Reconduction:
    """Reconduction du contrat à son échéance. ``nombre_max`` : reconductions permises
    (``None`` : sans limite) ; ``duree`` : durée de chaque nouvelle période (défaut : celle du
    contrat)."""

    mode: ModeReconduction = attrs.field(
        default=ModeReconduction.AUCUNE, converter=ModeReconduction
    )
    nombre_max: int | None = attrs.field(
        default=None, validator=v_entier(minimum=0, maximum=PERIODES_MAX, optionnel=True)
    )
    duree: Duree | None = attrs.field(default=None, validator=_duree_valide())


@attrs.frozen(kw_only=True)
class Resiliation:
    """Conditions de résiliation.

    ``preavis`` : délai entre la notification et l'échéance de la période en cours (résiliation
    à l'échéance). ``a_tout_moment`` : résiliation possible à tout moment, prenant effet après
    ``preavis_a_tout_moment`` (immédiatement si ``None``). ``acheminement`` : marge à prévoir
    entre l'envoi de la lettre et sa première présentation (agenda seulement).
    """

    preavis: Duree | None = attrs.field(default=None, validator=_duree_valide())
    a_tout_moment: bool = attrs.field(default=False, validator=v_instance(bool))
    preavis_a_tout_moment: Duree | None = attrs.field(default=None, validator=_duree_valide())
    forme: str = attrs.field(
        default="lettre recommandée avec avis de réception", validator=v_texte(vide=False)
    )
    acheminement: Duree | None = attrs.field(default=None, validator=_duree_valide())
    reference: str = attrs.field(default="", validator=v_texte())


def _depart(valeur: DepartObligation | str | dt.date) -> DepartObligation | dt.date:
    if isinstance(valeur, dt.date):
        if isinstance(valeur, dt.datetime):
            raise ErreurType("une date sans heure est attendue", cle="depart", valeur=valeur)
        return valeur
    return DepartObligation(valeur)


@attrs.frozen(kw_only=True)
class Obligation:
    """Une obligation datée du contrat.

    Exactement une règle : ``annuelle`` (``"MM-JJ"`` chaque année, ``"fin-MM"`` pour le dernier
    jour du mois), ``mensuelle`` (jour du mois, ``31`` = dernier jour), ``date`` (une date fixe),
    ou ``delai`` compté depuis ``depart`` (prise d'effet, chaque échéance, ou une date) dans le
    ``sens`` donné ; avec ``repetition``, le délai se répète (départ + k × délai, toujours compté
    depuis le départ) tant que le contrat court. ``report`` : ajustement sur un jour ouvré.
    """

    libelle: str = attrs.field(validator=v_texte(vide=False))
    reference: str = attrs.field(default="", validator=v_texte())
    annuelle: str | None = attrs.field(default=None, validator=v_texte(optionnel=True))
    mensuelle: int | None = attrs.field(
        default=None, validator=v_entier(minimum=1, maximum=31, optionnel=True)
    )
    date: dt.date | None = attrs.field(default=None, validator=v_date(optionnel=True))
    delai: Duree | None = attrs.field(default=None, validator=_duree_valide())
    repetition: bool = attrs.field(default=False, validator=v_instance(bool))
    depart: DepartObligation | dt.date = attrs.field(
        default=DepartObligation.DATE_EFFET, converter=_depart
    )
    sens: Sens = attrs.field(default=Sens.APRES, converter=Sens)
    report: Ajustement = attrs.field(default=Ajustement.AUCUN, converter=Ajustement)

    def __attrs_post_init__(self) -> None:
        regles = [
            r for r in (self.annuelle, self.mensuelle, self.date, self.delai) if r is not None
        ]
        if len(regles) != 1:
            raise ErreurValeur(
                f"l'obligation « {self.libelle} » doit avoir exactement une règle",
                valeur=len(regles),
                attendu="une seule clé parmi annuelle, mensuelle, date, delai",
            )
        if self.report is Ajustement.SUIVANT_MODIFIE:
            raise ErreurValeur(
                "report inconnu pour une obligation",
                cle="report",
                valeur=self.report.value,
                attendu="aucun, suivant, precedent",
            )
        if self.annuelle is not None:
            self.jour_annuel(2024)
        if self.repetition and (
            self.delai is None or self.delai.quantite == 0 or self.delai.puis is not None
        ):
            raise ErreurValeur(
                f"l'obligation « {self.libelle} » ne peut se répéter qu'avec un délai simple > 0",
                cle="repetition",
            )

    def jour_annuel(self, annee: int) -> dt.date:
        """La date de l'obligation annuelle l'année ``annee`` (29 février : dernier jour de
        février)."""
        texte = self.annuelle or ""
        try:
            if texte.startswith("fin-"):
                return dernier_jour_du_mois(annee, int(texte[4:]))
            mois, jour = texte.split("-")
            if (int(mois), int(jour)) == (2, 29):
                return dernier_jour_du_mois(annee, 2)
            return dt.date(annee, int(mois), int(jour))
        except ValueError:
            raise ErreurValeur(
                "date annuelle illisible", cle="annuelle", valeur=texte, attendu="MM-JJ ou fin-MM"
            ) from None


def _jours_minimum(duree: Duree) -> int:
    """Nombre minimal de jours d'une durée, pour comparer un préavis à une période (un mois
    compte au moins 28 jours, une année 365, un jour ouvré ou ouvrable au moins un jour)."""
    q = duree.quantite
    minimum = {
        Unite.JOURS: q,
        Unite.JOURS_FRANCS: q + 1,
        Unite.JOURS_OUVRES: q,
        Unite.JOURS_OUVRABLES: q,
        Unite.SEMAINES: 7 * q,
        Unite.MOIS: 28 * q,
        Unite.ANNEES: 365 * q,
    }[duree.unite]
    return minimum if duree.puis is None else minimum + _jours_minimum(duree.puis)


@attrs.frozen(kw_only=True)
class Contrat(Presentable):
    """Un contrat ou une convention, vu par ses dates.

    ``duree`` ``None`` : durée indéterminée (la convention court jusqu'à sa résiliation).
    ``regime`` : régime de computation des préavis et délais (``simple``, ``cpc``, ``franc``,
    ``ue-1182-71``).
    """

    nom: str = attrs.field(validator=v_texte(vide=False))
    date_effet: dt.date = attrs.field(validator=v_date())
    duree: Duree | None = attrs.field(default=None, validator=_duree_valide())
    reconduction: Reconduction = attrs.field(
        factory=Reconduction, validator=v_instance(Reconduction)
    )
    resiliation: Resiliation = attrs.field(factory=Resiliation, validator=v_instance(Resiliation))
    obligations: tuple[Obligation, ...] = attrs.field(
        default=(), converter=en_tuple, validator=v_tuple_de(Obligation)
    )
    zone: str = attrs.field(default="metropole", validator=_zone_valide)
    regime: str = attrs.field(default="simple", validator=_regime_valide)
    source: str = attrs.field(default="", validator=v_texte(longueur_max=2000))
    hypotheses: tuple[str, ...] = attrs.field(
        default=(), converter=en_tuple, validator=v_tuple_de(str)
    )

    def __attrs_post_init__(self) -> None:
        if self.duree is not None and self.duree.quantite == 0:
            raise ErreurValeur("la durée du contrat doit être > 0", cle="duree", valeur=0)
        if self.duree is None and self.reconduction.mode is not ModeReconduction.AUCUNE:
            raise ErreurValeur(
                "un contrat à durée indéterminée ne se reconduit pas",
                cle="reconduction.mode",
                valeur=self.reconduction.mode.value,
                attendu="aucune",
            )
        self._verifier_preavis()

    def _verifier_preavis(self) -> None:
        """Un préavis au moins aussi long qu'une période ne laisserait jamais résilier : c'est
        une erreur de saisie, pas un contrat."""
        preavis = self.resiliation.preavis
        if preavis is None or self.duree is None:
            return
        durees = [self.duree]
        if self.reconduction.mode is not ModeReconduction.AUCUNE and self.reconduction.duree:
            durees.append(self.reconduction.duree)
        plus_courte = min(durees, key=_jours_minimum)
        if _jours_minimum(preavis) >= _jours_minimum(plus_courte):
            raise ErreurValeur(
                "le préavis est au moins aussi long que la période du contrat",
                cle="resiliation.preavis",
                valeur=str(preavis),
                attendu=f"un préavis plus court que {plus_courte}",
            )


@attrs.frozen(kw_only=True)
class Periode:
    """Une période d'exécution ``[debut, fin)`` ; ``fin`` est l'échéance (``None`` si
    indéterminée). ``conditionnelle`` : la période n'existe que si les parties reconduisent
    expressément le contrat."""

    numero: int
    debut: dt.date
    fin: dt.date | None
    mode: ModeReconduction | None = None
    rang_reconduction: int = 0
    conditionnelle: bool = False

    @property
    def dernier_jour(self) -> dt.date | None:
        """Dernier jour d'exécution (la veille de l'échéance)."""
        return None if self.fin is None else self.fin - dt.timedelta(days=1)

    @property
    def nature(self) -> str:
        """« initiale » ou « reconduction tacite n° 2 »."""
        if self.mode is None:
            return "initiale"
        return f"reconduction {self.mode.value} n° {self.rang_reconduction}"


@attrs.frozen(kw_only=True)
class ResultatResiliation:
    """Effet d'une résiliation notifiée (première présentation) à une date."""

    notification: dt.date
    date_effet: dt.date
    a_tout_moment: bool
    preavis: Duree | None = None
    echeance: dt.date | None = None
    limite: dt.date | None = None

    @property
    def regle(self) -> str:
        """La règle appliquée, en une phrase."""
        if self.a_tout_moment:
            if self.preavis is None:
                return "résiliation à tout moment, sans préavis : effet à la notification"
            return f"résiliation à tout moment, préavis de {self.preavis}"
        assert self.echeance is not None
        assert self.limite is not None
        return (
            f"préavis de {self.preavis} avant l'échéance du {self.echeance.isoformat()} "
            f"(limite {self.limite.isoformat()})"
        )


def _multiplier(duree: Duree, facteur: int) -> Duree:
    if duree.puis is not None:
        raise ErreurValeur(
            "une durée composée ne peut pas se répéter : donnez une seule unité",
            valeur=str(duree),
        )
    return Duree(quantite=duree.quantite * facteur, unite=duree.unite)


def ajouter_duree(depart: dt.date, duree: Duree, contrat: Contrat) -> dt.date:
    """Ajoute une durée de contrat (arithmétique calendaire : mois au quantième)."""
    if duree.unite is Unite.JOURS_FRANCS:
        duree = Duree(quantite=duree.quantite, unite=Unite.JOURS)
    return calculer_delai(depart, duree, zone=contrat.zone)  # régime par défaut : « simple »


def _fin_de_reconduction(
    contrat: Contrat, duree: Duree, fin_initiale: dt.date, rang: int
) -> dt.date:
    assert contrat.duree is not None
    if duree.unite is contrat.duree.unite and duree.puis is None and contrat.duree.puis is None:
        cumul = Duree(quantite=contrat.duree.quantite + duree.quantite * rang, unite=duree.unite)
        return ajouter_duree(contrat.date_effet, cumul, contrat)
    return ajouter_duree(fin_initiale, _multiplier(duree, rang), contrat)


@moteur
def periodes(contrat: Contrat, *, jusqu_au: dt.date | None = None) -> tuple[Periode, ...]:
    """Périodes du contrat : la période initiale puis chaque reconduction possible qui commence
    au plus tard le ``jusqu_au``.

    Les dates sont toujours calculées depuis l'origine (jamais de proche en proche), pour que le
    quantième ne dérive pas en fin de mois. Une reconduction sans limite exige ``jusqu_au``.
    """
    if contrat.duree is None:
        return (Periode(numero=1, debut=contrat.date_effet, fin=None),)
    fin_initiale = ajouter_duree(contrat.date_effet, contrat.duree, contrat)
    resultat = [Periode(numero=1, debut=contrat.date_effet, fin=fin_initiale)]
    reconduction = contrat.reconduction
    if reconduction.mode is ModeReconduction.AUCUNE:
        return tuple(resultat)
    if reconduction.nombre_max is None and jusqu_au is None:
        raise ErreurValeur(
            "la reconduction est sans limite : précisez « jusqu_au » pour borner les périodes",
            cle="jusqu_au",
        )
    duree = reconduction.duree or contrat.duree
    nombre = reconduction.nombre_max if reconduction.nombre_max is not None else PERIODES_MAX
    debut = fin_initiale
    for rang in range(1, nombre + 1):
        if jusqu_au is not None and debut > jusqu_au:
            break
        if rang >= PERIODES_MAX:
            raise ErreurValeur(
                "trop de périodes",
                valeur=rang,
                attendu=f"au plus {PERIODES_MAX} : bornez « jusqu_au »",
            )
        fin = _fin_de_reconduction(contrat, duree, fin_initiale, rang)
        resultat.append(
            Periode(
                numero=rang + 1,
                debut=debut,
                fin=fin,
                mode=reconduction.mode,
                rang_reconduction=rang,
                conditionnelle=reconduction.mode is ModeReconduction.EXPRESSE,
            )
        )
        debut = fin
    return tuple(resultat)


@moteur
def date_limite_resiliation(contrat: Contrat, periode: Periode) -> dt.date | None:
    """Dernier jour où la lettre de résiliation peut être présentée pour prendre effet à
    l'échéance de ``periode`` (``None`` sans préavis ou sans échéance)."""
    preavis = contrat.resiliation.preavis
    if preavis is None or periode.fin is None:
        return None
    return calculer_delai(
        periode.fin, preavis, regime=contrat.regime, zone=contrat.zone, sens=Sens.AVANT
    )


@moteur
def date_effet_resiliation(contrat: Contrat, notification: dt.date) -> ResultatResiliation:
    """Date à laquelle prend effet une résiliation notifiée le ``notification`` (date de première
    présentation de la lettre recommandée)."""
    resiliation = contrat.resiliation
    if resiliation.a_tout_moment:
        effet = notification
        if resiliation.preavis_a_tout_moment is not None:
            effet = calculer_delai(
                notification,
                resiliation.preavis_a_tout_moment,
                regime=contrat.regime,
                zone=contrat.zone,
            )
        return ResultatResiliation(
            notification=notification,
            date_effet=effet,
            a_tout_moment=True,
            preavis=resiliation.preavis_a_tout_moment,
        )
    if resiliation.preavis is None:
        raise ErreurValeur(
            f"le contrat « {contrat.nom} » ne prévoit pas de résiliation", cle="resiliation"
        )
    if notification >= contrat.date_effet:
        horizon = notification + dt.timedelta(days=3660)
        for periode in periodes(contrat, jusqu_au=horizon):
            limite = date_limite_resiliation(contrat, periode)
            if periode.fin is not None and limite is not None and notification <= limite:
                return ResultatResiliation(
                    notification=notification,
                    date_effet=periode.fin,
                    a_tout_moment=False,
                    preavis=resiliation.preavis,
                    echeance=periode.fin,
                    limite=limite,
                )
    raise ErreurValeur(
        f"une résiliation notifiée à cette date ne peut prendre effet à aucune échéance du "
        f"contrat « {contrat.nom} »",
        cle="notification",
        valeur=notification,
    )
