"""Tableau d'amortissement d'une Ligne du Prêt (art. 9 à 13 des contrats CDC).

Règles suivies (voir la page « Interprétations » de la documentation) :

* taux de la période k fixé par l'index en vigueur le jour où la période commence ;
  DT = index − index de référence (toujours par rapport à la Date d'Effet) ;
  SR : I' = I + DT ; DR : R = 1 + DT/(1 + I), I' = R(1 + I) − 1, P' = R(1 + P) − 1 ;
  DL : P' = max(P', plancher) ; fixe : I' = I ;
  dans tous les modes, taux fixe compris, I' plancher à 0 % : « En tout état de cause le taux
  d'intérêt de chaque Ligne du Prêt ne saurait être négatif, le cas échéant il sera ramené à
  0 % » (art. 10) ; le plancher s'applique au taux de chaque période, non à I : I' = max(I + DT,
  0), où I = index de référence + marge peut être négatif (index d'inflation) ;
  prêts anciens : R = 1 + DT/C, C fixée par leur arrêté ;
* intérêts : « I = K × [(1 + t) ^ (base de calcul) − 1] » (art. 11) où K est le capital restant
  dû majoré du stock d'intérêts différés ;
* échéance recalculée sur le capital restant et la durée résiduelle quand (I, P) change, sinon
  échéance précédente (non arrondie) × (1 + p) ; chaque montant posté est arrondi au centime,
  au demi supérieur, une seule fois ;
* profil « intérêts différés » (art. 12) : « Si les intérêts sont supérieurs à l'échéance, alors
  la différence entre le montant des intérêts et de l'échéance constitue les intérêts différés.
  Le montant amorti au titre de la période est donc nul. »

Le calcul suit des étapes nommées : dates et remboursements (:func:`_remboursements_valides`),
intérêts de préfinancement (:func:`_interets_prefinancement`), taux de période à chaque
changement d'index (:func:`_taux_de_periode`), puis, échéance par échéance, la répartition de
l'échéance selon le profil (:func:`_repartir`) et le remboursement anticipé éventuel
(:func:`_rembourser`).
"""

from __future__ import annotations

import bisect
import contextlib
import datetime as dt
import functools
import itertools
from collections.abc import Callable, Iterable, Iterator, Mapping
from decimal import ROUND_HALF_UP, Context, Decimal, DecimalException, localcontext
from typing import NamedTuple, ParamSpec

import attrs

from collectivites._moteur import _DANS_UN_MOTEUR, CONTEXTE_MONTANTS, moteur, somme
from collectivites._moteur import _traduire as traduire_erreur
from collectivites.dates import ajouter_mois
from collectivites.donnees import SerieDatee, SourceIndex, avertissements_de_source
from collectivites.donnees._series import lecteur_de_paliers
from collectivites.erreurs import ErreurCollectivites, ErreurDonnees, ErreurType, ErreurValeur
from collectivites.monnaie import CENTIME
from collectivites.presentation import Presentable
from collectivites.prets._colonnes import (
    ColonnesTableau,
    LignesTableau,
    LigneTableau,
    Morceau,
    _Suite,
    en_centimes,
    en_euros,
)
from collectivites.prets._colonnes import _centimes_surs as centimes_surs
from collectivites.prets._echeancier import (
    date_debut_amortissement,
    dates_echeances,
    debut_prefinancement,
)
from collectivites.prets._index import IndexDecale, IndexFige
from collectivites.prets._modeles import (
    BaseCalcul,
    LigneDePret,
    ModeCalcul,
    Profil,
    ReglementPrefinancement,
    Revision,
)

__all__ = ["ColonnesTableau", "LigneTableau", "TableauAmortissement", "calculer_tableau"]

_P = ParamSpec("_P")
_UN = Decimal(1)
_ZERO = Decimal(0)
_ZERO_CENTIMES = Decimal("0.00")  # montants postés nuls, écrits au centime comme les autres
_DOUZE = Decimal(12)
_ARRONDIR = CONTEXTE_MONTANTS.quantize  # au centime, au demi supérieur, à 34 chiffres
#: Pour × 100 exact (le décalage d'exposant d'un nombre de 34 chiffres au plus).
_CENTUPLE = Context(prec=40, rounding=ROUND_HALF_UP)


def _en_lignes(lignes: Iterable[LigneTableau]) -> LignesTableau:
    """Les lignes d'un tableau construit à la main (``attrs.evolve``) : des
    :class:`LigneTableau`, sinon une erreur de type de la bibliothèque."""
    if type(lignes) is LignesTableau or isinstance(lignes, LignesTableau):
        return lignes
    attendu = "une séquence de LigneTableau"
    if isinstance(lignes, str | bytes) or not isinstance(lignes, Iterable):
        raise ErreurType("type refusé", cle="lignes", valeur=lignes, attendu=attendu)
    contenu = tuple(lignes)
    for ligne in contenu:
        if not isinstance(ligne, LigneTableau):
            raise ErreurType("type refusé", cle="lignes", valeur=ligne, attendu=attendu)
    return LignesTableau.de(contenu)


@attrs.frozen(kw_only=True)
class TableauAmortissement(Presentable):
    """Tableau d'amortissement d'une ligne. ``index`` décrit la source d'index ; ``index_fige``
    dit si l'index est resté à sa valeur d'émission (tableau prévisionnel de la CDC).

    ``lignes`` est une séquence de :class:`LigneTableau` (:class:`LignesTableau`) qui se
    compare, s'indexe et se découpe comme un ``tuple`` ; ses lignes ne sont construites qu'au
    premier accès. :attr:`colonnes` donne les mêmes échéances en colonnes de centimes entiers,
    sans construire de ligne (carnets, calculs de masse)."""

    ligne: LigneDePret
    lignes: LignesTableau = attrs.field(converter=_en_lignes)
    capital: Decimal
    interets_prefinancement: Decimal
    date_debut_amortissement: dt.date
    index: str
    index_fige: bool = False
    notes: tuple[str, ...] = ()

    def __iter__(self) -> Iterator[LigneTableau]:
        return iter(self.lignes)

    def __len__(self) -> int:
        return len(self.lignes)

    @property
    def colonnes(self) -> ColonnesTableau:
        """Les échéances en colonnes : ``dates``, ``taux``… et chaque montant en centimes
        entiers (``echeance``, ``interets``, ``capital_du``…) ; ``par_annee()`` : les sommes par
        année civile. Aucune ligne n'est construite."""
        return self.lignes.colonnes

    def par_annee(self) -> dict[int, tuple[int, int, int, int, int]]:
        """Par année civile depuis celle du début de l'amortissement, en centimes : échéances,
        intérêts, amortissement (remboursements anticipés compris), capital dû et stock
        d'intérêts différés en fin d'année (une année sans échéance garde ceux de la
        précédente)."""
        return self.lignes.par_annee(
            self.date_debut_amortissement.year, en_centimes(self.capital, "capital")
        )

    def _somme(self, champ: str) -> Decimal:
        if self.lignes.en_centimes:  # des suites en centimes : leurs colonnes, sans lignes
            return en_euros(self.colonnes.total(champ))
        return somme(getattr(r, champ) for r in self.lignes)

    @property
    def total_echeances(self) -> Decimal:
        return self._somme("echeance")

    @property
    def total_amortissement(self) -> Decimal:
        return self._somme("amortissement")

    @property
    def total_interets(self) -> Decimal:
        return self._somme("interets")

    @property
    def total_interets_a_differer(self) -> Decimal:
        return self._somme("interets_a_differer")

    @property
    def total_remboursements_anticipes(self) -> Decimal:
        return self._somme("remboursement_anticipe")

    @property
    def hypotheses(self) -> tuple[str, ...]:
        """Les hypothèses du calcul, en clair."""
        from collectivites.prets._hypotheses import hypotheses_tableau

        return hypotheses_tableau(self.ligne, index_fige=self.index_fige, notes=self.notes)

    def ligne_au(self, jour: dt.date) -> LigneTableau | None:
        """La dernière échéance à la date ``jour`` ou avant (``None`` avant la première)."""
        rang = bisect.bisect_right(self.colonnes.dates, jour)
        return self.lignes[rang - 1] if rang else None


def _jours_30_360(debut: dt.date, fin: dt.date) -> int:
    """Jours entre deux dates quelconques, « tous les mois comportent 30 jours et l'année
    comporte 360 jours » (art. 11) : convention 30E/360."""
    j1, j2 = min(debut.day, 30), min(fin.day, 30)
    return 360 * (fin.year - debut.year) + 30 * (fin.month - debut.month) + (j2 - j1)


def _fraction(debut: dt.date, fin: dt.date, ligne: LigneDePret) -> Decimal:
    """Fraction d'année de [debut, fin) : jours 30E/360 sur 360, ou jours exacts sur 365 en base
    exacte. (Une période régulière en 30/360 vaut mois/12 : le tableau la calcule directement.)"""
    if ligne.base_calcul is BaseCalcul.TRENTE_360:
        return Decimal(_jours_30_360(debut, fin)) / Decimal(360)
    return Decimal((fin - debut).days) / Decimal(365)


def _facteur(taux: Decimal, debut: dt.date, fin: dt.date, ligne: LigneDePret) -> Decimal:
    """Taux de la période [debut, fin) : (1 + I)^(d/360) − 1 (équivalent) ou I × d/360."""
    return _puissance(
        taux, _fraction(debut, fin, ligne), ligne.mode_calcul_interets is ModeCalcul.PROPORTIONNEL
    )


@functools.lru_cache(maxsize=65536)
def _puissance(taux: Decimal, fraction: Decimal, proportionnel: bool) -> Decimal:
    """Taux d'une fraction d'année ; mis en cache (fonction pure, calculée à 34 chiffres) : un
    portefeuille rencontre sans cesse les mêmes couples (taux, durée de période)."""
    contexte = CONTEXTE_MONTANTS
    if proportionnel:
        return contexte.multiply(taux, fraction)
    if fraction == 1:
        return taux
    return contexte.subtract(contexte.power(contexte.add(_UN, taux), fraction), _UN)


def _progressivite_periode(progressivite: Decimal, mois: int) -> Decimal:
    """Taux de progressivité d'une période de ``mois`` mois, équivalent au taux annuel."""
    if mois == 12:
        return progressivite
    return _puissance(progressivite, Decimal(mois) / _DOUZE, False)


def _echeance_theorique(capital: Decimal, t: Decimal, p: Decimal, restantes: int) -> Decimal:
    """Échéance progressive qui amortit ``capital`` en ``restantes`` périodes :
    E = K (1 + t)(1 − q) / (1 − q^m), q = (1 + p)/(1 + t) ; E = K (1 + t)/m si q = 1."""
    q = (_UN + p) / (_UN + t)
    if q == _UN:
        return capital * (_UN + t) / Decimal(restantes)
    return capital * (t - p) / (_UN - q**restantes)


@functools.lru_cache(maxsize=65536)
def _echeance_et_arrondi(
    capital: Decimal, t: Decimal, p: Decimal, restantes: int
) -> tuple[Decimal, Decimal]:
    """(:func:`_echeance_theorique`, son arrondi au centime), mis en cache par valeur : chaque
    opération ``Decimal`` arrondit le résultat exact au même contexte (34 chiffres, celui du
    tableau), si bien que sa valeur ne dépend que de celle des opérandes, non de leur écriture ;
    l'échéance n'est lue que par des opérations et par son arrondi au centime (écrit ``0.00``).
    Un portefeuille projeté sous plusieurs scénarios refait sans cesse les mêmes plans."""
    courante = _echeance_theorique(capital, t, p, restantes)
    return courante, _ARRONDIR(courante, CENTIME)


def _taux_indexe(ligne: LigneDePret, taux: Decimal, dt_index: Decimal) -> Decimal:
    """Taux d'intérêt révisé pour un écart d'index DT, au moins 0 % (art. 10 : « ne saurait être
    négatif ») : I + DT (contrats de la CDC), ou (1 + I)(1 + DT/C) − 1 pour un prêt ancien dont
    l'arrêté fixe la constante C (arrêté du 20 février 1996, art. 6, 2° et 3° : « I = (1 + I) R
    − 1 et I ≥ 0 »)."""
    return max(_taux_avant_plancher(ligne, taux, dt_index), _ZERO)


def _taux_avant_plancher(ligne: LigneDePret, taux: Decimal, dt_index: Decimal) -> Decimal:
    """Taux révisé pour un écart d'index DT, avant le plancher de 0 % (:func:`_taux_indexe`)."""
    c = ligne.constante_revision
    if c is None:
        return taux + dt_index
    return (_UN + taux) * (_UN + dt_index / c) - _UN


def _taux_revises(ligne: LigneDePret, valeur_index: Decimal) -> tuple[Decimal, Decimal]:
    """(I', P') pour une valeur d'index (art. 10). Un taux fixe négatif est lui aussi ramené à
    0 % : « En tout état de cause le taux d'intérêt de chaque Ligne du Prêt ne saurait être
    négatif, le cas échéant il sera ramené à 0 % » (art. 10)."""
    i, p = ligne.taux_interet, ligne.taux_progressivite
    if ligne.revision is Revision.FIXE:
        return max(i, _ZERO), p
    dt_index = valeur_index - ligne.valeur_index_reference
    i_revise = _taux_indexe(ligne, i, dt_index)
    if ligne.revision is Revision.SR:
        return i_revise, p
    # R = 1 + DT/(1 + I) (art. 10), ou 1 + DT/C pour un prêt ancien.
    r = _UN + dt_index / (ligne.constante_revision or _UN + i)
    p_revise = r * (_UN + p) - _UN
    if ligne.revision is Revision.DL and ligne.taux_plancher_progressivite is not None:
        p_revise = max(p_revise, ligne.taux_plancher_progressivite)
    return i_revise, p_revise


def _valeur_index(source: SourceIndex, jour: dt.date, ligne: LigneDePret) -> Decimal:
    try:
        return source.valeur_au(jour)
    except ErreurDonnees as exc:
        raise ErreurDonnees(
            f"{ligne.nom} : index « {ligne.index} » indisponible : {exc.message}",
            cle="index",
            valeur=jour,
            attendu=exc.attendu,
        ) from None


def _interets_prefinancement(ligne: LigneDePret, source: SourceIndex, ddpa: dt.date) -> Decimal:
    """Intérêts de préfinancement (art. 11) : « calculé en fonction, d'une part, du montant et des
    dates de Versements et, d'autre part, des taux d'intérêt successivement en vigueur ». Chaque
    versement porte intérêt de sa date à la Date de Début de la Phase d'Amortissement, au taux
    IP' = IP + DT révisé à chaque changement de l'index, calculé par sous-période. Sans
    versements déclarés : un versement unique au début de la phase (tableau de la CDC)."""
    if ligne.prefinancement is None:
        return _ZERO
    debut = debut_prefinancement(ligne)
    assert debut is not None
    taux_base = ligne.prefinancement.taux
    if taux_base is None:
        taux_base = ligne.taux_interet
    versements = [(v.date, v.montant) for v in ligne.versements] or [(debut, ligne.montant)]
    total = _ZERO
    for date_versement, montant in versements:
        bornes = [date_versement, *source.changements(date_versement, ddpa), ddpa]
        for a, b in itertools.pairwise(bornes):
            dt_index = _valeur_index(source, a, ligne) - ligne.valeur_index_reference
            if ligne.revision is Revision.FIXE:
                dt_index = _ZERO
            total += montant * _facteur(_taux_indexe(ligne, taux_base, dt_index), a, b, ligne)
    return _ARRONDIR(total, CENTIME)


def _verifier_versements(ligne: LigneDePret, ddpa: dt.date, premiere: dt.date) -> None:
    """Dates des versements : pendant le préfinancement s'il y en a un (avant la Date de Début de
    la Phase d'Amortissement), sinon au plus tard deux mois avant la première échéance (art. 8 :
    « le dernier Versement doit impérativement intervenir deux mois avant la première Date
    d'Echéance »)."""
    limite = ddpa if ligne.prefinancement is not None else ajouter_mois(premiere, -2)
    for versement in ligne.versements:
        if versement.date > limite:
            raise ErreurValeur(
                "versement trop tardif",
                cle="versements",
                valeur=versement.date,
                attendu=f"au plus tard le {limite.isoformat()} pour {ligne.nom}",
            )


def _remboursements_valides(
    ligne: LigneDePret, remboursements: Mapping[dt.date, Decimal] | None
) -> dict[dt.date, Decimal]:
    """Remboursements anticipés par date : chacun à une date d'échéance, au centime, > 0."""
    resultat = dict(remboursements or {})
    if not resultat:
        return resultat
    dates_ligne = set(dates_echeances(ligne))
    for jour, montant in resultat.items():
        if jour not in dates_ligne:
            raise ErreurValeur(
                "un remboursement anticipé n'est possible qu'à une date d'échéance",
                cle="remboursements",
                valeur=jour,
            )
        if montant <= 0 or montant != montant.quantize(CENTIME):
            raise ErreurValeur(
                "un remboursement anticipé est un montant > 0 au centime",
                cle="remboursements",
                valeur=montant,
            )
        resultat[jour] = _ARRONDIR(montant, CENTIME)  # écrit au centime dans le tableau
    return resultat


def _amortissements_prioritaires(capital: Decimal, g: Decimal, restantes: int) -> list[Decimal]:
    """Amortissements A_k = A_1 (1 + g)^(k−1), de somme exactement ``capital``.

    On arrondit le cumul (et non chaque terme) : A_k = arrondi(cumul_k) − arrondi(cumul_(k−1)),
    si bien que le capital restant dû ne devient jamais négatif, même pour de petits montants.
    """
    if g == 0:
        cumuls = [capital * Decimal(k) / Decimal(restantes) for k in range(1, restantes)]
    else:
        denominateur = (_UN + g) ** restantes - _UN
        cumuls = [capital * ((_UN + g) ** k - _UN) / denominateur for k in range(1, restantes)]
    arrondis = [_ZERO, *(_ARRONDIR(c, CENTIME) for c in cumuls), capital]
    return [b - a for a, b in itertools.pairwise(arrondis)]


class _Periode(NamedTuple):
    """Taux d'une période : annuel (I), progressivité annuelle (P) et de période, taux de
    période (t)."""

    i: Decimal
    p_annuel: Decimal
    p_periode: Decimal
    t: Decimal


def _taux_de_periode(
    r: _Regles,
    valeur_index: Decimal,
    fraction: Decimal,
    facteurs: dict[tuple[Decimal, Decimal], Decimal],
) -> _Periode:
    """Taux révisés pour une valeur d'index et taux de la période (une puissance par couple
    (taux, durée), gardée dans ``facteurs``). Un taux nul (le plancher de 0 % a pu jouer,
    art. 10) ajoute la valeur d'index à ``r.valeurs_a_taux_nul``."""
    ligne = r.ligne
    i, p_annuel = _taux_revises(ligne, valeur_index)
    if not i:
        r.valeurs_a_taux_nul.add(valeur_index)
    t = facteurs.get((i, fraction))
    if t is None:
        t = facteurs[i, fraction] = _puissance(
            i, fraction, ligne.mode_calcul_interets is ModeCalcul.PROPORTIONNEL
        )
    return _Periode(i, p_annuel, _progressivite_periode(p_annuel, ligne.periodicite.mois), t)


#: Au-delà, les taux de période d'une ligne ne sont plus gardés (un scénario par trajectoire
#: peut donner à chaque échéance une valeur d'index nouvelle).
_PERIODES_MAX = 64


def _periode_de(
    r: _Regles,
    valeur_index: Decimal,
    fraction: Decimal,
    facteurs: dict[tuple[Decimal, Decimal], Decimal],
) -> _Periode:
    """Les taux d'une période (:func:`_taux_de_periode`) ; pour une période régulière, calculés
    une fois par ligne et par valeur d'index, gardés dans son plan. Le taux révisé et la valeur
    d'index imprimés dans le tableau gardent l'écriture de la valeur (``0.01`` et ``0.010``
    s'impriment différemment) : une valeur égale mais écrite autrement est recalculée. Un taux
    nul ajoute la valeur à ``r.valeurs_a_taux_nul``, comme :func:`_taux_de_periode`."""
    if r.reguliere:
        periodes = r.periodes
        connue = periodes.get(valeur_index)
        if connue is None:
            periode = _taux_de_periode(r, valeur_index, r.fraction, facteurs)
            if len(periodes) < _PERIODES_MAX:
                periodes[valeur_index] = (valeur_index, periode)
            return periode
        ecrite, periode = connue
        # même écriture : ``compare_total`` ordonne aussi les écritures d'une même valeur
        if ecrite is valeur_index or not ecrite.compare_total(valeur_index):
            if not periode.i:
                r.valeurs_a_taux_nul.add(valeur_index)
            return periode
    return _taux_de_periode(r, valeur_index, fraction, facteurs)


def _repartir(
    profil: Profil, echeance: Decimal, interets: Decimal, stock: Decimal, crd: Decimal
) -> tuple[Decimal, Decimal, Decimal, Decimal]:
    """Répartit l'échéance d'un profil « amortissement déduit » : (échéance, amortissement,
    intérêts à différer, stock remboursé). Une échéance inférieure aux intérêts est portée aux
    intérêts (intérêts prioritaires) ou laisse des intérêts à différer (art. 12)."""
    if echeance < interets:
        if profil is Profil.AMORTISSEMENT_DEDUIT_INTERETS_PRIORITAIRES:
            return interets, _ZERO_CENTIMES, _ZERO_CENTIMES, _ZERO_CENTIMES
        return echeance, _ZERO_CENTIMES, interets - echeance, _ZERO_CENTIMES
    amortissement = echeance - interets
    stock_rembourse = _ZERO_CENTIMES
    if stock:
        stock_rembourse = min(stock, amortissement)
        amortissement -= stock_rembourse
    if amortissement > crd:  # ne peut amortir plus que le capital restant dû
        return interets + stock_rembourse + crd, crd, _ZERO_CENTIMES, stock_rembourse
    return echeance, amortissement, _ZERO_CENTIMES, stock_rembourse


def _rembourser(
    jour: dt.date, montant: Decimal, crd: Decimal, stock: Decimal
) -> tuple[Decimal, Decimal, Decimal, Decimal]:
    """Remboursement anticipé après l'échéance du jour : (montant remboursé, intérêts différés
    remboursés, capital restant, stock restant) ; les intérêts différés sont dus au prorata du
    capital remboursé (art. 17)."""
    if montant > crd:
        raise ErreurValeur(
            "le remboursement anticipé dépasse le capital restant dû",
            cle="remboursements",
            valeur=montant,
            attendu=f"au plus {crd} le {jour.isoformat()}",
        )
    stock_ra = _ARRONDIR(stock * montant / crd, CENTIME) if stock else stock
    return montant, stock_ra, crd - montant, stock - stock_ra


def _premiere_prorata(ligne: LigneDePret, i: Decimal, date: dt.date) -> Decimal:
    """Art. 11 : « les intérêts dus au titre de la première échéance seront déterminés prorata
    temporis pour tenir compte des dates effectives de Versement »."""
    total = sum((v.montant * _facteur(i, v.date, date, ligne) for v in ligne.versements), _ZERO)
    return _ARRONDIR(total, CENTIME)


class _Regles(NamedTuple):
    """Ce qui ne change pas d'une échéance à l'autre (lu une fois, hors de la boucle)."""

    ligne: LigneDePret
    n: int
    differe: int
    capitalise: bool
    profil: Profil
    prioritaire: bool
    reguliere: bool
    proportionnel: bool
    prorata: bool
    fraction: Decimal
    source: SourceIndex
    ddpa: dt.date
    dates: tuple[dt.date, ...]
    capital: Decimal
    remboursements: dict[dt.date, Decimal]
    valeurs_a_taux_nul: set[Decimal]  # rempli par la boucle : le plancher de 0 % a pu jouer
    periodes: dict[Decimal, tuple[Decimal, _Periode]]  # ceux du plan de la ligne


class _Plan(NamedTuple):
    """Ce qu'une ligne fixe de son tableau, quel que soit l'index : calculé une fois par ligne
    (:func:`_plan`). ``periodes`` : les taux de période déjà calculés pour une valeur d'index
    (période régulière), par valeur, avec la valeur telle qu'écrite (:func:`_periode_de`)."""

    statiques: tuple[int, int, bool, Profil, bool, bool, bool, bool, Decimal]
    ddpa: dt.date
    dates: tuple[dt.date, ...]
    fige: IndexFige  # l'index figé à sa valeur d'émission
    periodes: dict[Decimal, tuple[Decimal, _Periode]]


def _calculer_plan(ligne: LigneDePret) -> _Plan:
    ddpa = date_debut_amortissement(ligne)
    dates = dates_echeances(ligne)
    if ligne.versements:
        _verifier_versements(ligne, ddpa, dates[0])
    statiques = (
        ligne.duree,
        ligne.periodes_differe,
        ligne.differe_capitalise,
        ligne.profil,
        ligne.profil is Profil.AMORTISSEMENT_PRIORITAIRE,
        ligne.base_calcul is BaseCalcul.TRENTE_360,
        ligne.mode_calcul_interets is ModeCalcul.PROPORTIONNEL,
        bool(ligne.versements) and ligne.prefinancement is None,
        # 1/12 à 34 chiffres (à 28, un centime sur quelque 400 lignes diffère)
        CONTEXTE_MONTANTS.divide(Decimal(ligne.periodicite.mois), _DOUZE),
    )
    return _Plan(statiques, ddpa, dates, IndexFige(valeur=ligne.valeur_index_reference), {})


@functools.lru_cache(maxsize=4096)
def _plan_en_cache(ligne: LigneDePret, _ecritures: tuple[str, ...]) -> _Plan:
    return _calculer_plan(ligne)


def _ecritures(ligne: LigneDePret) -> tuple[str, ...]:
    """Les taux de la ligne tels qu'ils sont écrits : deux lignes égales (``0.03`` et
    ``0.030`` sont égaux) n'ont le même plan que s'ils s'écrivent pareil, car le taux, la
    progressivité et la valeur d'index imprimés dans le tableau en gardent l'écriture."""
    return (
        str(ligne.valeur_index_reference),
        str(ligne.taux_interet),
        str(ligne.taux_progressivite),
        str(ligne.taux_plancher_progressivite),
        str(ligne.constante_revision),
    )


#: Les plans des dernières lignes vues, par identité (``id`` → ligne, plan) : la ligne gardée
#: dans l'entrée garantit que l'identifiant n'a pas été réutilisé. Une recherche sans hachage
#: de la ligne (un tableau de 50 échéances se calcule en quelque 30 µs).
_PLANS: dict[int, tuple[LigneDePret, _Plan]] = {}
_PLANS_MAX = 4096


def _plan(ligne: LigneDePret) -> _Plan:
    """Le plan d'une ligne (dates, règles, index figé, taux de période déjà calculés), gardé en
    cache : un portefeuille projeté sous plusieurs scénarios, ou un carnet qui recalcule, ne le
    refait pas. Deux lignes égales aux taux écrits pareil (:func:`_ecritures`) ont le même
    plan ; la ligne déjà vue (la même instance) le retrouve sans hachage."""
    connu = _PLANS.get(id(ligne))
    if connu is not None and connu[0] is ligne:
        return connu[1]
    try:
        plan = _plan_en_cache(ligne, _ecritures(ligne))
    except TypeError:  # une ligne qui ne se hache pas (champ modifié à la main) : sans cache
        return _calculer_plan(ligne)
    if len(_PLANS) >= _PLANS_MAX:
        # la plus ancienne entrée (un autre fil a pu la retirer entre-temps)
        with contextlib.suppress(RuntimeError, StopIteration):
            _PLANS.pop(next(iter(_PLANS)), None)
    _PLANS[id(ligne)] = (ligne, plan)
    return plan


def _derouler(
    ligne: LigneDePret,
    plan: _Plan,
    *,
    source: SourceIndex,
    capital: Decimal,
    remboursements: dict[dt.date, Decimal],
    valeurs_a_taux_nul: set[Decimal],
) -> list[Morceau]:
    """Les échéances, une à une ou par suites en centimes ; une date sans valeur d'index est
    refusée en nommant la ligne. Les valeurs d'index qui donnent un taux nul sont ajoutées à
    ``valeurs_a_taux_nul``. Le capital est posé au centime (``448.5`` → ``448.50``) : chaque
    montant du tableau s'écrit au centime, une ligne d'une seule échéance comprise."""
    # fmt: off
    regles = tuple.__new__(_Regles, (
        ligne, *plan.statiques, source, plan.ddpa, plan.dates, _ARRONDIR(capital, CENTIME),
        remboursements, valeurs_a_taux_nul, plan.periodes,
    ))  # le constructeur du NamedTuple, sans son appel Python
    # fmt: on
    try:
        return _boucle(regles)
    except ErreurDonnees as exc:
        raise ErreurDonnees(
            f"{ligne.nom} : index « {ligne.index} » indisponible : {exc.message}",
            cle="index",
            valeur=exc.valeur,
            attendu=exc.attendu,
        ) from None


def _boucle(r: _Regles) -> list[Morceau]:
    """La boucle des échéances : taux recalculés quand l'index change, suites d'échéances
    courantes d'une traite (:func:`_suite_courante`) ; lectures en variables locales, lignes
    construites par ``tuple.__new__`` (trois fois plus vite que le constructeur du NamedTuple)."""
    facteurs: dict[tuple[Decimal, Decimal], Decimal] = {}
    crd, stock, fraction = r.capital, _ZERO_CENTIMES, r.fraction  # fraction : période en cours
    periode, progression = _Periode(_ZERO, _ZERO, _ZERO, _ZERO), _UN
    echeance_courante: Decimal | None = None
    echeance_postee: Decimal | None = None  # arrondi d'une échéance qui ne progresse pas
    valeur_precedente: Decimal | None = None  # une valeur d'index inchangée garde les taux
    amortissements: list[Decimal] = []
    lignes: list[Morceau] = []
    ajouter, arrondir, creer, zero = lignes.append, _ARRONDIR, tuple.__new__, _ZERO_CENTIMES
    reguliere, prorata, differe, n, debut = r.reguliere, r.prorata, r.differe, r.n, r.ddpa
    prioritaire, remboursements = r.prioritaire, r.remboursements
    dates, k, fin = r.dates, 0, min(len(r.dates), n - 1)  # suites : jusqu'à l'avant-dernière
    suite = reguliere and not remboursements and not prioritaire
    lecteur = _Lecteur(r.source)  # l'index figé ne se relit pas dans les suites
    relire, valeur_au = None if type(r.source) is IndexFige else lecteur, lecteur.au
    while k < len(dates):
        date, k = dates[k], k + 1  # k : rang de l'échéance
        valeur_index = valeur_au(debut)
        if not reguliere:
            fraction = _fraction(debut, date, r.ligne)
        if valeur_index != valeur_precedente or not reguliere:
            valeur_precedente = valeur_index
            nouvelle = _periode_de(r, valeur_index, fraction, facteurs)
            if k == 1 or nouvelle[:2] != periode[:2]:  # l'amortissement prioritaire garde son plan
                echeance_courante = None
            periode, progression = nouvelle, _UN + nouvelle.p_periode
            t, i_annuel, p_annuel = nouvelle.t, nouvelle.i, nouvelle.p_annuel
        k_interets = crd + stock if stock else crd
        interets = arrondir(k_interets * t, CENTIME)
        if k == 1 and prorata:
            interets = _premiere_prorata(r.ligne, i_annuel, date)
        a_differer = stock_rembourse = zero
        if k <= differe or k == n or prioritaire:
            echeance, amortissement, stock_rembourse = _hors_plan(
                r, k, (interets, crd, stock), periode.p_periode, amortissements
            )
        else:
            if echeance_courante is None or echeance_postee is None or progression != _UN:
                echeance_courante, echeance_postee = _echeance_du_plan(
                    r, k, periode, k_interets, (echeance_courante, echeance_postee)
                )
            echeance = echeance_postee
            amortissement = echeance - interets
            if stock or amortissement < 0 or amortissement > crd:
                echeance, amortissement, a_differer, stock_rembourse = _repartir(
                    r.profil, echeance, interets, stock, crd
                )
        crd -= amortissement
        if a_differer or stock_rembourse:
            stock += a_differer - stock_rembourse
        rembourse = stock_ra = zero
        if remboursements and date in remboursements:  # recalcul sur la durée résiduelle
            rembourse, stock_ra, crd, stock = _rembourser(date, remboursements[date], crd, stock)
            echeance_courante = None
            amortissements.clear()
        # fmt: off
        ajouter(creer(LigneTableau, (
            k, date, i_annuel, p_annuel, valeur_index, echeance, amortissement, interets,
            a_differer, stock_rembourse, crd, stock, rembourse, stock_ra,
        )))
        # fmt: on
        debut = date
        if rembourse and not crd:
            break  # remboursement total
        if suite and differe <= k < fin and not stock and echeance_courante and echeance_postee:
            if relire is not None and relire.au(debut) != valeur_index:
                continue  # l'index change dès la période suivante : pas de suite (lu une fois)
            k, debut, crd, echeance_courante, echeance_postee = _suite_courante(
                lignes, dates, (k, fin), relire, (debut, valeur_index, crd, stock),
                (t, i_annuel, p_annuel, progression), (echeance_courante, echeance_postee),
            )  # fmt: skip
    return lignes


def _hors_plan(
    r: _Regles,
    k: int,
    montants: tuple[Decimal, Decimal, Decimal],
    p_periode: Decimal,
    amortissements: list[Decimal],
) -> tuple[Decimal, Decimal, Decimal]:
    """(échéance, amortissement, stock remboursé) d'une échéance hors du plan d'échéances :
    différé d'amortissement (intérêts seuls, ou rien et des intérêts capitalisés), dernière
    échéance (solde du capital et du stock d'intérêts différés), amortissement prioritaire
    (``amortissements`` : le plan restant, calculé au besoin et consommé en place)."""
    interets, crd, stock = montants
    if k <= r.differe:
        if r.capitalise:
            return _ZERO_CENTIMES, -interets, _ZERO_CENTIMES
        return interets, _ZERO_CENTIMES, _ZERO_CENTIMES
    if k == r.n:
        return interets + crd + stock, crd, stock
    if not amortissements:
        amortissements.extend(_amortissements_prioritaires(crd, p_periode, r.n - k + 1))
    amortissement = amortissements.pop(0)
    return amortissement + interets, amortissement, _ZERO_CENTIMES


def _echeance_du_plan(
    r: _Regles,
    k: int,
    periode: _Periode,
    k_interets: Decimal,
    echeances: tuple[Decimal | None, Decimal | None],
) -> tuple[Decimal, Decimal]:
    """(échéance courante non arrondie, échéance postée) de l'échéance ``k`` : l'échéance
    théorique sur le capital et la durée résiduelle si le plan est à refaire (``None``), sinon
    la précédente × (1 + p) ; sans progressivité, la même, et le même arrondi."""
    courante, postee = echeances
    if courante is None:
        # En base exacte : taux d'une période régulière (les intérêts suivent les jours).
        t_plan = periode.t if r.reguliere else _puissance(periode.i, r.fraction, r.proportionnel)
        return _echeance_et_arrondi(k_interets, t_plan, periode.p_periode, r.n - k + 1)
    progression = _UN + periode.p_periode
    if progression != _UN:
        courante *= progression
        return courante, _ARRONDIR(courante, CENTIME)
    return courante, postee if postee is not None else _ARRONDIR(courante, CENTIME)


@functools.lru_cache(maxsize=4096)
def _taux_en_entiers(chiffres: tuple[int, ...], exposant: int) -> tuple[int, int, int, int]:
    """Un taux de période t ≥ 0 (par son ``as_tuple()`` : 0.01 et 0.010 ne s'écrivent pas
    pareil) en entiers : (m, d, d // 2, chiffres de m) avec t = m / d. Mis en cache : un
    portefeuille rencontre sans cesse les mêmes taux."""
    m = 0
    for chiffre in chiffres:
        m = 10 * m + chiffre
    if exposant >= 0:
        m, d = m * 10**exposant, 1
    else:
        d = 10**-exposant
    return m, d, d // 2, len(str(m))


def _interets_exacts(centimes: int, t: Decimal) -> int:
    """Les intérêts d'un capital en centimes par l'opération ``Decimal`` de la boucle générale
    (produit à 34 chiffres dans le contexte du moteur, puis arrondi au centime) : pour les
    échéances où l'arrondi intermédiaire pourrait compter (:func:`_noyau_entier`)."""
    return centimes_surs(_ARRONDIR(en_euros(centimes) * t, CENTIME))


#: Les entiers d'un taux (:func:`_taux_en_entiers`) par valeur : deux écritures d'une même
#: valeur (0.01, 0.010) donnent les mêmes centimes — le produit arrondi à 34 chiffres
#: significatifs ne dépend que de la valeur, et u de l'ordre de grandeur —, et les ``Decimal``
#: gardent leur empreinte : une recherche sans ``as_tuple()``.
_ENTIERS: dict[Decimal, tuple[int, int, int, int]] = {}


def _noyau_entier(t: Decimal, capital: int) -> tuple[int, int, int, int, int]:
    """Les intérêts d'une suite en entiers : ``(K·m + d/2) // d`` au demi supérieur, pour tout
    capital K ≤ ``capital`` (en centimes) au taux t = m / d (:func:`_taux_en_entiers`). Rend
    (m, d, d // 2, u, d − u). La boucle générale calcule ``arrondir(K × t)`` : le produit K·m,
    s'il a plus de 34 chiffres, y est d'abord arrondi à 34 chiffres (d'au plus une demi-unité
    du 34e chiffre, moins que u) ; quand le reste r de la division entière est à moins de u
    d'un demi-centime (r < u ou r > d − u), les deux arrondis pourraient différer : l'échéance
    est alors calculée par l'opération ``Decimal`` (:func:`_interets_exacts`)."""
    entiers = _ENTIERS.get(t)
    if entiers is None:
        signe, chiffres, exposant = t.as_tuple()
        assert not signe  # t ≥ 0 : vérifié par l'appelant
        assert isinstance(exposant, int)  # fini
        entiers = _taux_en_entiers(chiffres, exposant)
        if len(_ENTIERS) < 65536:
            _ENTIERS[t] = entiers
    m, d, demi, chiffres_m = entiers
    exces = len(str(capital)) + chiffres_m - 34
    u = 10**exces if exces > 0 else 0
    return m, d, demi, u, d - u


class _Lecteur:
    """La valeur d'index au début de chaque période, lue par paliers
    (:func:`~collectivites.donnees._series.lecteur_de_paliers`) : la source n'est relue qu'au
    jour qui clôt le palier en cours (``fin`` ; ``None`` : jamais). Partagé par la boucle
    générale et les suites : un palier lu par l'une n'est pas relu par l'autre. Les jours lus
    ne font que croître (débuts de période successifs)."""

    __slots__ = ("_lire", "fin", "valeur")

    def __init__(self, source: SourceIndex) -> None:
        self._lire = lecteur_de_paliers(source)
        self.fin: dt.date | None = dt.date.min  # rien de lu : lu au premier jour demandé
        self.valeur = _ZERO

    def au(self, jour: dt.date) -> Decimal:
        """La valeur en vigueur le ``jour`` (relue si le palier en cours est clos)."""
        fin = self.fin
        if fin is not None and jour >= fin:
            self.valeur, self.fin = self._lire(jour)
        return self.valeur


def _suite_courante(  # noqa: PLR0917 - appelée une fois par suite, arguments groupés
    lignes: list[Morceau],
    dates: tuple[dt.date, ...],
    bornes: tuple[int, int],
    lecteur: _Lecteur | None,
    etat: tuple[dt.date, Decimal, Decimal, Decimal],
    taux: tuple[Decimal, Decimal, Decimal, Decimal],
    echeances: tuple[Decimal, Decimal],
) -> tuple[int, dt.date, Decimal, Decimal, Decimal]:
    """Les échéances courantes qui suivent, d'une traite et en centimes entiers : ce que la
    boucle générale ferait de chacune quand rien ne change — même valeur d'index (relue au bout
    de chaque palier de la source par le ``lecteur`` de la boucle, :class:`_Lecteur` ; index
    figé : ``None``), pas de stock d'intérêts différés, une échéance qui couvre les
    intérêts sans dépasser le capital dû, ni différé ni dernière échéance. Les mêmes centimes
    (:func:`_noyau_entier`), ajoutés à ``lignes`` en une :class:`_Suite` qui ne garde que le
    capital dû de chaque échéance (les intérêts s'en déduisent : q = e − (c_avant − c)).
    S'arrête, sans rien modifier, à la première échéance qui ne l'est pas (la boucle générale la
    reprend) ; rend (rang suivant, début de période, capital dû, échéance courante, échéance
    postée)."""
    j, fin = bornes
    debut, valeur, crd, stock = etat
    t, i_annuel, p_annuel, progression = taux
    courante, postee = echeances
    if t < 0 or j >= fin:
        return j, debut, crd, courante, postee
    if lecteur is not None and lecteur.au(debut) != valeur:  # déjà changée : rien à faire
        return j, debut, crd, courante, postee
    c = c_avant = centimes_surs(crd)  # montants postés : au centime
    noyau = _noyau_entier(t, c)
    restants: list[int] = []
    if progression != _UN:
        postees: list[int] = []
        j2, debut, c, courante, postee = _suite_progressive(
            (restants, postees), dates, (j, fin), lecteur,
            (debut, valeur, c), (t, noyau, progression), (courante, postee),
        )  # fmt: skip
        centimes_e: int | tuple[int, ...] = tuple(postees)
        suite_e: Decimal | tuple[Decimal, ...] = ()  # écrites à la demande, de leurs centimes
    else:
        e = centimes_surs(postee)
        if lecteur is None:
            j2, c = _suite_figee(restants, (j, fin), (c, e), t, noyau)
            debut = dates[j2 - 1] if j2 > j else debut
        else:
            j2, debut, c = _suite_paliers(
                restants, dates, (j, fin), lecteur, (debut, valeur, c), (t, noyau), e
            )
        suite_e, centimes_e = postee, e
    if j2 == j:
        return j, debut, crd, courante, postee
    # fmt: off
    lignes.append(tuple.__new__(_Suite, (
        j + 1, dates[j:j2], i_annuel, p_annuel, valeur, suite_e, centimes_e, c_avant, restants,
        stock,
    )))
    # fmt: on
    return j2, debut, en_euros(c), courante, postee


def _suite_figee(
    restants: list[int],
    bornes: tuple[int, int],
    etat: tuple[int, int],
    t: Decimal,
    noyau: tuple[int, int, int, int, int],
) -> tuple[int, int]:
    """Index figé, échéance constante e (centimes) : le plus court. Le capital dû ne fait que
    baisser (un amortissement ≥ 0) et t ≥ 0 : les intérêts ne croissent jamais (arrondis
    monotones), l'échéance qui couvre ceux de la première les couvre tous. Chaque échéance :
    c ← c − (e − q), q = (c·m + d/2) // d ; s'arrête avant une échéance qui amortirait plus que
    le capital dû (c < 0) : la boucle ne le teste pas, elle retire à la fin les capitaux
    négatifs (une fin de suite, le capital ne faisant que baisser). Rend (rang suivant, capital
    dû)."""
    j, fin = bornes
    c0, e = etat
    m, d, demi, u, haut = noyau
    ajouter_c = restants.append
    q, reste = divmod(c0 * m + demi, d)
    if reste < u or reste > haut:
        q = _interets_exacts(c0, t)
    if q > e:  # l'échéance ne couvre pas les intérêts : la boucle générale la reprend
        return j, c0
    # c − e + (c·m + d/2) // d = (c·(m + d) + d/2 − e·d) // d, de même reste modulo d
    c, a, b = c0, m + d, demi - e * d
    if not u:  # produits exacts (au plus 34 chiffres) : la division entière seule
        for _ in range(j, fin):
            c = (c * a + b) // d
            ajouter_c(c)
    else:
        for _ in range(j, fin):
            suivant, reste = divmod(c * a + b, d)
            if reste < u or reste > haut:
                suivant = c - e + _interets_exacts(c, t)
            c = suivant
            ajouter_c(c)
    if restants and restants[-1] < 0:  # les échéances qui amortiraient plus que le capital dû
        rang = len(restants) - 1
        while rang and restants[rang - 1] < 0:
            rang -= 1
        del restants[rang:]
    return j + len(restants), restants[-1] if restants else c0


def _suite_paliers(  # noqa: PLR0917 - appelée une fois par suite, arguments groupés
    restants: list[int],
    dates: tuple[dt.date, ...],
    bornes: tuple[int, int],
    lecteur: _Lecteur,
    etat: tuple[dt.date, Decimal, int],
    taux: tuple[Decimal, tuple[int, int, int, int, int]],
    e: int,
) -> tuple[int, dt.date, int]:
    """Échéance constante e (centimes), index relu au bout de chaque palier de la source :
    s'arrête à la première valeur qui change. Rend (rang suivant, début de période, capital
    dû)."""
    ajouter_c = restants.append
    j, fin = bornes
    debut, valeur, c = etat  # palier déjà lu au premier début de période
    t, (m, d, demi, u, haut) = taux
    fin_palier = lecteur.fin
    a, b = m + d, demi - e * d  # voir _suite_figee
    while j < fin:
        if fin_palier is not None and debut >= fin_palier:
            lue, fin_palier = lecteur.au(debut), lecteur.fin
            if lue != valeur:
                break
        suivant, reste = divmod(c * a + b, d)
        if reste < u or reste > haut:
            suivant = c - e + _interets_exacts(c, t)
        if suivant > c or suivant < 0:  # q > e : intérêts non couverts ; ou c < 0
            break
        c = suivant
        ajouter_c(c)
        debut = dates[j]
        j += 1
    return j, debut, c


def _suite_progressive(  # noqa: PLR0917 - appelée une fois par suite, arguments groupés
    colonnes: tuple[list[int], list[int]],
    dates: tuple[dt.date, ...],
    bornes: tuple[int, int],
    lecteur: _Lecteur | None,
    etat: tuple[dt.date, Decimal, int],
    taux: tuple[Decimal, tuple[int, int, int, int, int], Decimal],
    echeances: tuple[Decimal, Decimal],
) -> tuple[int, dt.date, int, Decimal, Decimal]:
    """Échéances progressives : chacune, la précédente (non arrondie) × (1 + p) en ``Decimal``
    puis arrondie au centime au demi supérieur (× 100 arrondi à l'entier : le même arrondi),
    comme la boucle générale ; intérêts en entiers. Rend (rang suivant, début de période,
    capital dû, échéance courante, échéance postée)."""
    ajouter_c, ajouter_e = colonnes[0].append, colonnes[1].append
    j, fin = bornes
    debut, valeur, c = etat  # palier déjà lu au premier début (index figé : sans lecteur)
    t, (m, d, demi, u, haut), progression = taux
    fin_palier = None if lecteur is None else lecteur.fin
    courante, postee = echeances
    entier, centuple, contexte = CONTEXTE_MONTANTS.to_integral_value, Decimal.scaleb, _CENTUPLE
    derniere: int | None = None
    while j < fin:
        if fin_palier is not None and debut >= fin_palier:
            assert lecteur is not None  # un index figé n'a pas de fin de palier
            lue, fin_palier = lecteur.au(debut), lecteur.fin
            if lue != valeur:
                break
        q, reste = divmod(c * m + demi, d)
        if reste < u or reste > haut:
            q = _interets_exacts(c, t)
        suivante = courante * progression
        echeance = int(entier(centuple(suivante, 2, contexte)))
        suivant = c - echeance + q
        if q > echeance or suivant < 0:
            break
        courante, derniere = suivante, echeance
        c = suivant
        ajouter_c(c)
        ajouter_e(echeance)
        debut = dates[j]
        j += 1
    return j, debut, c, courante, postee if derniere is None else en_euros(derniere)


#: La note d'un tableau où le plancher de 0 % a joué : un texte constant, qu'un portefeuille de
#: mille lignes ramenées à 0 % ne répète pas mille fois.
NOTE_PLANCHER = (
    "Taux d'intérêt ramené à 0 % là où l'index et la marge le rendaient négatif : « En tout état "
    "de cause le taux d'intérêt de chaque Ligne du Prêt ne saurait être négatif, le cas échéant "
    "il sera ramené à 0 % » (art. 10)."
)


def _note_plancher(ligne: LigneDePret, valeurs_a_taux_nul: set[Decimal]) -> tuple[str, ...]:
    """La note qui dit que le plancher de 0 % a joué (art. 10) ; ``valeurs_a_taux_nul`` : les
    valeurs d'index des périodes à taux nul, relevées par la boucle des échéances (un test par
    changement d'index, pas par échéance). Un taux nul sans plancher (index + marge = 0) ne dit
    rien."""
    if not valeurs_a_taux_nul:
        return ()
    reference, taux = ligne.valeur_index_reference, ligne.taux_interet
    if ligne.revision is Revision.FIXE:
        negatif = taux < 0
    else:
        negatif = any(
            _taux_avant_plancher(ligne, taux, v - reference) < 0 for v in valeurs_a_taux_nul
        )
    return (NOTE_PLANCHER,) if negatif else ()


def _description(source: SourceIndex, index: SourceIndex | None) -> str:
    if index is None:
        return "index figé à sa valeur d'émission"
    return str(getattr(source, "description", None) or getattr(source, "nom", "index fourni"))


#: Les sources d'index de la bibliothèque (classes ``attrs`` figées à attributs fixes) : leurs
#: méthodes sont celles de leur classe, le protocole :class:`SourceIndex` est tenu d'avance.
_SOURCES_SURES: frozenset[type] = frozenset({IndexFige, IndexDecale, SerieDatee})


def _arguments_surs(args: tuple[object, ...], kwargs: dict[str, object]) -> bool:
    """Vrai si l'appel n'a rien à vérifier : une :class:`LigneDePret` (vérifiée champ par champ
    à sa construction), un index absent ou de la bibliothèque, pas de remboursement."""
    if len(args) != 1 or type(args[0]) is not LigneDePret:
        return False
    for cle, valeur in kwargs.items():
        if cle == "index":
            if valeur is not None and type(valeur) not in _SOURCES_SURES:
                return False
        elif cle != "remboursements" or valeur is not None:
            return False
    return True


def _entree_directe(
    fonction: Callable[_P, TableauAmortissement],
) -> Callable[_P, TableauAmortissement]:
    """:func:`~collectivites._moteur.moteur` (contexte des montants), sans la vérification
    générique des arguments quand ils sont déjà sûrs (:func:`_arguments_surs`) : le modèle a
    tout vérifié à sa construction, et cette vérification coûtait un dixième d'un tableau de
    50 échéances. Contexte décimal propre et erreurs traduites comme par le moteur."""
    verifiee = moteur(contexte=CONTEXTE_MONTANTS)(fonction)

    @functools.wraps(fonction)
    def entree(*args: _P.args, **kwargs: _P.kwargs) -> TableauAmortissement:
        if _DANS_UN_MOTEUR.get():  # appel interne d'un moteur : arguments déjà vérifiés
            with localcontext(CONTEXTE_MONTANTS):
                return fonction(*args, **kwargs)
        if not _arguments_surs(args, kwargs):
            return verifiee(*args, **kwargs)
        jeton = _DANS_UN_MOTEUR.set(True)
        try:
            with localcontext(CONTEXTE_MONTANTS):
                return fonction(*args, **kwargs)
        except ErreurCollectivites:
            raise
        except (DecimalException, OverflowError, ValueError) as exc:
            traduite = traduire_erreur(exc)
            if traduite is None:
                raise
            raise traduite from None
        finally:
            _DANS_UN_MOTEUR.reset(jeton)

    return entree


@_entree_directe
def calculer_tableau(
    ligne: LigneDePret,
    *,
    index: SourceIndex | None = None,
    remboursements: Mapping[dt.date, Decimal] | None = None,
) -> TableauAmortissement:
    """Calcule le tableau d'amortissement d'une ligne.

    ``index`` : ``None`` fige l'index à sa valeur de référence, comme le tableau prévisionnel
    imprimé par la CDC ; sinon une source d'index (série historique, scénario…).

    ``remboursements`` : remboursements anticipés de capital, par date d'échéance (art. 17.1.2).
    Le remboursement s'impute après l'échéance du jour ; les intérêts différés sont dus au
    prorata du capital remboursé ; les échéances suivantes sont recalculées sur le capital
    restant dû et la durée résiduelle. Un remboursement de tout le capital clôt le tableau.
    """
    a_rembourser = _remboursements_valides(ligne, remboursements)
    plan = _plan(ligne)
    ddpa = plan.ddpa
    source: SourceIndex = index if index is not None else plan.fige
    interets_prefi = _interets_prefinancement(ligne, source, ddpa)
    capital = ligne.capital_verse
    prefi = ligne.prefinancement
    if prefi is not None and prefi.reglement is ReglementPrefinancement.CAPITALISATION:
        capital += interets_prefi
    valeurs_a_taux_nul: set[Decimal] = set()
    lignes = LignesTableau(
        _derouler(
            ligne,
            plan,
            source=source,
            capital=capital,
            remboursements=a_rembourser,
            valeurs_a_taux_nul=valeurs_a_taux_nul,
        )
    )
    return TableauAmortissement(
        ligne=ligne,
        lignes=lignes,
        capital=capital,
        interets_prefinancement=interets_prefi,
        date_debut_amortissement=ddpa,
        index=_description(source, index),
        index_fige=index is None or isinstance(index, IndexFige),
        # Le plancher de 0 % quand il joue, et une valeur d'index au-delà de la confirmation de
        # sa série (ou tirée d'un fichier utilisateur), sont dits dans les hypothèses.
        notes=(
            *_note_plancher(ligne, valeurs_a_taux_nul),
            *(avertissements_de_source(index, lignes.derniere_date) if index and lignes else ()),
        ),
    )
