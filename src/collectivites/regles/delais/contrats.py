"""Contrats datés : durée, reconduction, préavis de résiliation, obligations, agenda.

Les périodes sont semi-ouvertes ``[debut, fin)`` : ``fin`` est la date d'échéance (la date
anniversaire) et le dernier jour d'exécution est la veille. Une lettre recommandée est réputée
notifiée à la date de sa première présentation (par exemple contrat-type ALCOME, art. 23 :
« La notification est considérée comme effective à la date de la première présentation dudit
courrier »).
"""

from __future__ import annotations

import datetime as dt

import attrs

from collectivites.calendrier import ajuster
from collectivites.calendrier._regles import normaliser_zone
from collectivites.dates import dernier_jour_du_mois
from collectivites.erreurs import ErreurValeur
from collectivites.regles.delais.calcul import calculer_delai
from collectivites.regles.delais.duree import Duree, Unite
from collectivites.regles.delais.regimes import regime as _regime

__all__ = [
    "MODES_RECONDUCTION",
    "Contrat",
    "Evenement",
    "Obligation",
    "Periode",
    "Reconduction",
    "Resiliation",
    "ResultatResiliation",
    "agenda",
    "date_effet_resiliation",
    "date_limite_resiliation",
    "periodes",
]

MODES_RECONDUCTION = ("aucune", "tacite", "expresse")
_REPORTS = ("aucun", "suivant", "precedent")
_DEPARTS = ("date_effet", "echeance")
#: Nombre maximal de périodes générées (garde-fou contre une boucle sans fin).
_PERIODES_MAX = 2000


def _zone_valide(_instance: object, _attribut: object, valeur: str) -> None:
    normaliser_zone(valeur)


def _regime_valide(_instance: object, _attribut: object, valeur: str) -> None:
    _regime(valeur)


@attrs.frozen(kw_only=True)
class Reconduction:
    """Reconduction du contrat à son échéance.

    ``mode`` : ``aucune``, ``tacite`` (sauf résiliation) ou ``expresse`` (il faut une décision des
    parties). ``nombre_max`` : nombre de reconductions permises (``None`` : sans limite).
    ``duree`` : durée de chaque nouvelle période (par défaut, celle du contrat).
    """

    mode: str = "aucune"
    nombre_max: int | None = None
    duree: Duree | None = None

    def __attrs_post_init__(self) -> None:
        if self.mode not in MODES_RECONDUCTION:
            raise ErreurValeur(
                f"« reconduction.mode » inconnu : {self.mode!r} "
                f"(attendu : {', '.join(MODES_RECONDUCTION)})"
            )
        if self.nombre_max is not None and self.nombre_max < 0:
            raise ErreurValeur(
                f"« reconduction.nombre_max » doit être ≥ 0 (reçu : {self.nombre_max})"
            )


@attrs.frozen(kw_only=True)
class Resiliation:
    """Conditions de résiliation.

    ``preavis`` : délai entre la notification et l'échéance de la période en cours (résiliation
    à l'échéance). ``a_tout_moment`` : résiliation possible à tout moment, prenant effet après
    ``preavis_a_tout_moment`` (immédiatement si ``None``). ``acheminement`` : marge à prévoir
    entre l'envoi de la lettre et sa première présentation (agenda seulement).
    """

    preavis: Duree | None = None
    a_tout_moment: bool = False
    preavis_a_tout_moment: Duree | None = None
    forme: str = "lettre recommandée avec avis de réception"
    acheminement: Duree | None = None
    reference: str = ""


@attrs.frozen(kw_only=True)
class Obligation:
    """Une obligation datée du contrat.

    Exactement une règle : ``annuelle`` (``"MM-JJ"`` chaque année, ``"fin-MM"`` pour le dernier
    jour du mois), ``mensuelle`` (jour du mois, ``31`` = dernier jour), ``date`` (une date fixe),
    ou ``delai`` compté depuis ``depart`` (``"date_effet"``, ``"echeance"`` — chaque échéance — ou
    une date) dans le ``sens`` donné ; avec ``repetition``, le délai se répète (départ + k × délai,
    toujours compté depuis le départ) tant que le contrat court. ``report`` : ``aucun``,
    ``suivant`` ou ``precedent`` (jour ouvré).
    """

    libelle: str
    reference: str = ""
    annuelle: str | None = None
    mensuelle: int | None = None
    date: dt.date | None = None
    delai: Duree | None = None
    repetition: bool = False
    depart: str | dt.date = "date_effet"
    sens: str = "apres"
    report: str = "aucun"

    def __attrs_post_init__(self) -> None:
        regles = [
            r for r in (self.annuelle, self.mensuelle, self.date, self.delai) if r is not None
        ]
        if len(regles) != 1:
            raise ErreurValeur(
                f"l'obligation « {self.libelle} » doit avoir exactement une règle parmi "
                f"annuelle, mensuelle, date, delai (reçu : {len(regles)})"
            )
        if self.report not in _REPORTS:
            raise ErreurValeur(
                f"« report » de l'obligation « {self.libelle} » inconnu : {self.report!r} "
                f"(attendu : {', '.join(_REPORTS)})"
            )
        if self.sens not in ("apres", "avant"):
            raise ErreurValeur(
                f"« sens » doit valoir « apres » ou « avant » (reçu : {self.sens!r})"
            )
        if isinstance(self.depart, str) and self.depart not in _DEPARTS:
            raise ErreurValeur(
                f"« depart » de l'obligation « {self.libelle} » inconnu : {self.depart!r} "
                f"(attendu : {', '.join(_DEPARTS)} ou une date)"
            )
        if self.mensuelle is not None and not 1 <= self.mensuelle <= 31:
            raise ErreurValeur(
                f"« mensuelle » doit être un jour de 1 à 31 (reçu : {self.mensuelle})"
            )
        if self.annuelle is not None:
            self._jour_annuel(2024)
        if self.repetition and (
            self.delai is None or self.delai.quantite == 0 or self.delai.puis is not None
        ):
            raise ErreurValeur(
                f"l'obligation « {self.libelle} » ne peut se répéter qu'avec un délai simple > 0"
            )

    def _jour_annuel(self, annee: int) -> dt.date:
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
                f"« annuelle » de l'obligation « {self.libelle} » doit s'écrire MM-JJ ou fin-MM "
                f"(reçu : {texte!r})"
            ) from None


@attrs.frozen(kw_only=True)
class Contrat:
    """Un contrat ou une convention, vu par ses dates.

    ``duree`` ``None`` : durée indéterminée (la convention court jusqu'à sa résiliation).
    ``regime`` : régime de computation des préavis et délais (voir ``REGIMES``).
    """

    nom: str
    date_effet: dt.date
    duree: Duree | None = None
    reconduction: Reconduction = attrs.field(factory=Reconduction)
    resiliation: Resiliation = attrs.field(factory=Resiliation)
    obligations: tuple[Obligation, ...] = ()
    zone: str = attrs.field(default="metropole", validator=_zone_valide)
    regime: str = attrs.field(default="simple", validator=_regime_valide)
    source: str = ""
    hypotheses: tuple[str, ...] = ()

    def __attrs_post_init__(self) -> None:
        if self.duree is not None and self.duree.quantite == 0:
            raise ErreurValeur("« duree » du contrat doit être > 0 (reçu : 0)")
        if self.duree is None and self.reconduction.mode != "aucune":
            raise ErreurValeur(
                "un contrat à durée indéterminée ne se reconduit pas (reconduction.mode doit "
                f"valoir « aucune », reçu : {self.reconduction.mode!r})"
            )


@attrs.frozen(kw_only=True)
class Periode:
    """Une période d'exécution ``[debut, fin)`` ; ``fin`` est l'échéance (``None`` si
    indéterminée). ``conditionnelle`` : la période n'existe que si les parties reconduisent
    expressément le contrat."""

    numero: int
    debut: dt.date
    fin: dt.date | None
    nature: str
    conditionnelle: bool = False

    @property
    def dernier_jour(self) -> dt.date | None:
        """Dernier jour d'exécution (la veille de l'échéance)."""
        return None if self.fin is None else self.fin - dt.timedelta(days=1)


@attrs.frozen(kw_only=True)
class Evenement:
    """Une date de l'agenda d'un contrat."""

    date: dt.date
    libelle: str
    nature: str
    reference: str = ""
    contrat: str = ""


@attrs.frozen(kw_only=True)
class ResultatResiliation:
    """Effet d'une résiliation notifiée (première présentation) à une date."""

    notification: dt.date
    date_effet: dt.date
    regle: str


def _multiplier(duree: Duree, facteur: int) -> Duree:
    if duree.puis is not None:
        raise ErreurValeur(
            f"une durée composée (« {duree} ») ne peut pas se répéter : donnez une seule unité"
        )
    return Duree(quantite=duree.quantite * facteur, unite=duree.unite)


def _ajouter(depart: dt.date, duree: Duree, contrat: Contrat) -> dt.date:
    """Ajoute une durée de contrat (arithmétique calendaire : mois au quantième)."""
    if duree.unite is Unite.JOURS_FRANCS:
        duree = Duree(quantite=duree.quantite, unite=Unite.JOURS)
    return calculer_delai(depart, duree, regime="simple", zone=contrat.zone)


def periodes(contrat: Contrat, *, jusqu_au: dt.date | None = None) -> tuple[Periode, ...]:
    """Périodes du contrat : la période initiale puis chaque reconduction possible.

    Les dates sont toujours calculées depuis l'origine (jamais de proche en proche), pour que le
    quantième ne dérive pas en fin de mois. Une reconduction sans limite exige ``jusqu_au``.
    """
    if contrat.duree is None:
        return (Periode(numero=1, debut=contrat.date_effet, fin=None, nature="initiale"),)
    fin_initiale = _ajouter(contrat.date_effet, contrat.duree, contrat)
    resultat = [Periode(numero=1, debut=contrat.date_effet, fin=fin_initiale, nature="initiale")]
    reconduction = contrat.reconduction
    if reconduction.mode == "aucune":
        return tuple(resultat)
    if reconduction.nombre_max is None and jusqu_au is None:
        raise ErreurValeur(
            "la reconduction est sans limite : précisez « jusqu_au » pour borner les périodes"
        )
    duree = reconduction.duree or contrat.duree
    nombre = reconduction.nombre_max if reconduction.nombre_max is not None else _PERIODES_MAX
    debut = fin_initiale
    for rang in range(1, nombre + 1):
        if jusqu_au is not None and debut > jusqu_au:
            break
        if rang > _PERIODES_MAX:
            raise ErreurValeur(f"plus de {_PERIODES_MAX} périodes : bornez « jusqu_au »")
        if duree.unite is contrat.duree.unite and duree.puis is None and contrat.duree.puis is None:
            cumul = Duree(
                quantite=contrat.duree.quantite + duree.quantite * rang, unite=duree.unite
            )
            fin = _ajouter(contrat.date_effet, cumul, contrat)
        else:
            fin = _ajouter(fin_initiale, _multiplier(duree, rang), contrat)
        resultat.append(
            Periode(
                numero=rang + 1,
                debut=debut,
                fin=fin,
                nature=f"reconduction {reconduction.mode} n° {rang}",
                conditionnelle=reconduction.mode == "expresse",
            )
        )
        debut = fin
    return tuple(resultat)


def date_limite_resiliation(contrat: Contrat, periode: Periode) -> dt.date | None:
    """Dernier jour où la lettre de résiliation peut être présentée pour prendre effet à
    l'échéance de ``periode`` (``None`` sans préavis ou sans échéance)."""
    preavis = contrat.resiliation.preavis
    if preavis is None or periode.fin is None:
        return None
    return calculer_delai(
        periode.fin, preavis, regime=contrat.regime, zone=contrat.zone, sens="avant"
    )


def date_effet_resiliation(contrat: Contrat, notification: dt.date) -> ResultatResiliation:
    """Date à laquelle prend effet une résiliation notifiée le ``notification`` (date de première
    présentation de la lettre recommandée)."""
    resiliation = contrat.resiliation
    if resiliation.a_tout_moment:
        if resiliation.preavis_a_tout_moment is None:
            return ResultatResiliation(
                notification=notification,
                date_effet=notification,
                regle="résiliation à tout moment, sans préavis : effet à la notification",
            )
        effet = calculer_delai(
            notification,
            resiliation.preavis_a_tout_moment,
            regime=contrat.regime,
            zone=contrat.zone,
        )
        return ResultatResiliation(
            notification=notification,
            date_effet=effet,
            regle=f"résiliation à tout moment, préavis de {resiliation.preavis_a_tout_moment}",
        )
    if resiliation.preavis is None:
        raise ErreurValeur(f"le contrat « {contrat.nom} » ne prévoit pas de résiliation")
    for periode in periodes(contrat, jusqu_au=notification + dt.timedelta(days=3660)):
        limite = date_limite_resiliation(contrat, periode)
        if periode.fin is not None and limite is not None and notification <= limite:
            if notification < contrat.date_effet:
                break
            return ResultatResiliation(
                notification=notification,
                date_effet=periode.fin,
                regle=(
                    f"préavis de {resiliation.preavis} avant l'échéance du "
                    f"{periode.fin.isoformat()} (limite {limite.isoformat()})"
                ),
            )
    raise ErreurValeur(
        f"une résiliation notifiée le {notification.isoformat()} ne peut prendre effet à aucune "
        f"échéance du contrat « {contrat.nom} »"
    )


def _dates_obligation(
    obligation: Obligation, contrat: Contrat, liste: tuple[Periode, ...], du: dt.date, au: dt.date
) -> list[dt.date]:
    debut = max(du, contrat.date_effet)
    fin_contrat = liste[-1].fin
    fin = au if fin_contrat is None else min(au, fin_contrat - dt.timedelta(days=1))
    dates: list[dt.date] = []
    if obligation.annuelle is not None:
        dates = [obligation._jour_annuel(a) for a in range(debut.year, fin.year + 1)]
    elif obligation.mensuelle is not None:
        annee, mois = debut.year, debut.month
        while (annee, mois) <= (fin.year, fin.month):
            dernier = dernier_jour_du_mois(annee, mois)
            dates.append(dernier.replace(day=min(obligation.mensuelle, dernier.day)))
            annee, mois = (annee + 1, 1) if mois == 12 else (annee, mois + 1)
    elif obligation.date is not None:
        dates = [obligation.date]
    elif obligation.delai is not None:
        if obligation.depart == "echeance":
            origines = [p.fin for p in liste if p.fin is not None]
        elif obligation.depart == "date_effet":
            origines = [contrat.date_effet]
        else:
            origines = [obligation.depart]  # type: ignore[list-item]
        if obligation.repetition:
            dates = []
            for origine in origines:
                rang = 1
                while True:
                    multiple = _multiplier(obligation.delai, rang)
                    jour = calculer_delai(
                        origine,
                        multiple,
                        regime=contrat.regime,
                        zone=contrat.zone,
                        sens=obligation.sens,
                    )
                    if (jour > fin) if obligation.sens == "apres" else (jour < du):
                        break
                    dates.append(jour)
                    rang += 1
        else:
            dates = [
                calculer_delai(
                    o,
                    obligation.delai,
                    regime=contrat.regime,
                    zone=contrat.zone,
                    sens=obligation.sens,
                )
                for o in origines
            ]
        # une obligation comptée depuis une date peut tomber hors de la vie du contrat
        return _reporter([d for d in dates if du <= d <= au], obligation, contrat)
    return [d for d in _reporter(dates, obligation, contrat) if debut <= d <= fin]


def _reporter(dates: list[dt.date], obligation: Obligation, contrat: Contrat) -> list[dt.date]:
    """Ajuste les dates sur un jour ouvré selon le ``report`` de l'obligation."""
    if obligation.report == "aucun":
        return dates
    return [ajuster(d, obligation.report, contrat.zone) for d in dates]


def agenda(contrat: Contrat, du: dt.date, au: dt.date) -> tuple[Evenement, ...]:
    """Toutes les dates du contrat entre ``du`` et ``au`` inclus, dans l'ordre : prise d'effet,
    débuts de période, derniers jours d'exécution, échéances, dates limites de résiliation et
    obligations."""
    if au < du:
        raise ErreurValeur(f"« au » ({au.isoformat()}) précède « du » ({du.isoformat()})")
    liste = periodes(contrat, jusqu_au=au)
    evenements: list[Evenement] = []

    def ajouter(jour: dt.date | None, libelle: str, nature: str, reference: str = "") -> None:
        if jour is not None and du <= jour <= au:
            evenements.append(
                Evenement(
                    date=jour,
                    libelle=libelle,
                    nature=nature,
                    reference=reference,
                    contrat=contrat.nom,
                )
            )

    ajouter(contrat.date_effet, "Prise d'effet du contrat", "prise_effet", contrat.source)
    resiliation = contrat.resiliation
    for periode in liste:
        condition = " (si reconduction expresse)" if periode.conditionnelle else ""
        if periode.numero > 1:
            ajouter(
                periode.debut,
                f"Début de la période {periode.numero} ({periode.nature}){condition}",
                "debut_periode",
            )
        ajouter(
            periode.dernier_jour,
            f"Dernier jour d'exécution de la période {periode.numero}{condition}",
            "dernier_jour",
        )
        ajouter(periode.fin, f"Échéance de la période {periode.numero}{condition}", "echeance")
        limite = date_limite_resiliation(contrat, periode)
        if limite is not None:
            ajouter(
                limite,
                f"Date limite de première présentation de la {resiliation.forme} de résiliation "
                f"(préavis de {resiliation.preavis} avant l'échéance du {periode.fin})"
                f"{condition}",
                "limite_resiliation",
                resiliation.reference,
            )
            if resiliation.acheminement is not None:
                envoi = calculer_delai(
                    limite,
                    resiliation.acheminement,
                    regime="simple",
                    zone=contrat.zone,
                    sens="avant",
                )
                ajouter(
                    envoi,
                    f"Envoi conseillé de la lettre de résiliation (acheminement "
                    f"{resiliation.acheminement}){condition}",
                    "envoi_resiliation",
                    resiliation.reference,
                )
        if contrat.reconduction.mode == "expresse" and periode.fin is not None:
            est_derniere = periode is liste[-1]
            if not est_derniere or contrat.reconduction.nombre_max is None:
                ajouter(
                    periode.dernier_jour,
                    "Dernier jour pour décider la reconduction expresse",
                    "decision_reconduction",
                )
    for obligation in contrat.obligations:
        for jour in _dates_obligation(obligation, contrat, liste, du, au):
            ajouter(jour, obligation.libelle, "obligation", obligation.reference)
    return tuple(sorted(evenements, key=lambda e: (e.date, e.nature != "prise_effet")))
