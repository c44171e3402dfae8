"""Noyau numpy de la projection par lots : les échéances de nombreuses lignes à la fois, une
étape par rang d'échéance pour toutes les lignes actives, en centimes entiers.

Lignes prises (les autres repassent par :func:`~collectivites.prets.calculer_tableau`, voir
:mod:`collectivites.prets._lot`) : toute révision (SR, DR, DL, fixe) et toute progressivité,
profil « amortissement déduit », base 30/360 en mode équivalent, ni différé, ni préfinancement,
ni versements. Pour elles, la boucle générale du tableau (art. 10 à 12) se réduit à :

* la valeur d'index du jour où la période commence (une recherche ``searchsorted`` dans
  l'escalier daté de la source, :class:`Escalier`) donne les taux révisés (I', P') (art. 10),
  le taux de période t (« I = K × [(1 + t) ^ (base de calcul) − 1] », art. 11) et la
  progressivité de période, lus dans une table calculée une fois par classe de lignes en
  ``Decimal`` par les fonctions mêmes du tableau (:class:`TableTaux`) ;
* intérêts : K × t arrondi au centime, au demi supérieur, K étant le capital dû majoré du stock
  d'intérêts différés. Pour un taux annuel (t = I, un rationnel exact m/d),
  ``(2·K·m + d) // (2·d)`` en entiers de 64 bits sous une borne vérifiée ; sinon, en
  flottants de 64 bits sous une borne d'erreur certifiée : tout élément à moins de cette borne
  d'un demi-centime est recalculé par l'opération ``Decimal`` du tableau ;
* échéance recalculée sur le capital (et le stock) restant et la durée résiduelle quand
  (I', P') change, sinon la précédente non arrondie × (1 + p), de même en flottants certifiés
  (borne propagée d'une échéance à l'autre ; les éléments ambigus recalculés en ``Decimal``
  depuis le plan : :class:`_Plan`) ; une échéance qui ne couvre pas les intérêts est portée
  aux intérêts ou en diffère une part, une échéance qui dépasserait le capital le solde
  (:func:`_repartir`, art. 12) ; la dernière solde capital et stock.

Une ligne dont une date de début de période n'a pas de valeur d'index (avant la première
valeur de sa série, ou au-delà d'une série qui refuse d'extrapoler), ou dont l'assiette des
intérêts sortirait de la borne des entiers de 64 bits, repasse par la boucle générale, qui dit
ce qu'il faut (erreur nommant la ligne).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from decimal import Decimal, localcontext
from typing import Any, NamedTuple

import numpy as np
import numpy.typing as npt

from collectivites._moteur import CONTEXTE_MONTANTS
from collectivites.donnees import SerieDatee
from collectivites.donnees._series import ApresDerniere
from collectivites.monnaie import CENTIME
from collectivites.prets._colonnes import en_centimes, en_euros
from collectivites.prets._index import IndexDecale, IndexFige
from collectivites.prets._modeles import LigneDePret, Profil, Revision
from collectivites.prets._tableau import (
    _echeance_theorique,
    _interets_exacts,
    _progressivite_periode,
    _puissance,
    _taux_avant_plancher,
    _taux_revises,
)

__all__ = ["Escalier", "Lot", "TableTaux", "derouler", "escalier", "jour"]

Entiers = npt.NDArray[np.int64]
Reels = npt.NDArray[np.float64]
Booleens = npt.NDArray[np.bool_]

_EPOQUE = dt.date(1970, 1, 1).toordinal()
_MOIS_EPOQUE = 1970 * 12
#: Bornes « sans limite » d'un escalier (jours depuis le 1er janvier 1970).
JOUR_MIN, JOUR_MAX = -(2**62), 2**62
#: Borne d'erreur relative certifiée des flottants (2^-40, quelque 400 fois l'erreur d'arrondi
#: accumulée, au plus une dizaine d'ulp de 2^-53 : conditionnement ≤ 1 de l'échéance théorique
#: en t, voir :func:`_echeances`) et marge absolue (2^-30 centime).
_MARGE_RELATIVE = 1 / 2**40
_MARGE_ABSOLUE = 1 / 2**30
#: Plus grand entier que les sommes de 64 bits acceptent sans débordement (marge d'un bit).
_BORNE_64 = 2**62
#: Chiffres au plus d'un taux de la route entière : une assiette sous 2^63 compte au plus 19
#: chiffres, et K × t en compte alors au plus 34 : le produit ``Decimal`` du tableau (34
#: chiffres) est exact, son arrondi au centime est celui du rationnel.
_CHIFFRES_TAUX = 15
#: Plus grand dénominateur commun de la route entière des intérêts.
_BORNE_DENOMINATEUR = 2**50
#: Un demi (centime), en flottant : le seuil d'arrondi de la route flottante.
_DEMI = 1 / 2


def jour(date: dt.date) -> int:
    """Jours depuis le 1er janvier 1970."""
    return date.toordinal() - _EPOQUE


class Escalier:
    """Une source d'index en escalier : ``bornes`` (jours, croissants) et la valeur en vigueur
    à partir de chacune (``None`` : la valeur de référence de la ligne, index figé à
    l'émission) ; une date avant ``jour_min`` ou après ``jour_max`` n'a pas de valeur (la source
    la refuserait : la ligne repasse par le tableau, qui le dit)."""

    __slots__ = ("bornes", "cles", "jour_max", "jour_min", "valeurs")

    def __init__(
        self, bornes: Sequence[int], valeurs: Sequence[Decimal | None], jour_min: int, jour_max: int
    ) -> None:
        self.bornes: Entiers = np.asarray(bornes, dtype=np.int64)
        self.valeurs = tuple(valeurs)
        self.jour_min, self.jour_max = jour_min, jour_max
        #: les bornes en clés (année × 12 + mois − 1) × 32 + quantième : l'ordre des jours,
        #: comparé sans calendrier au quantième d'une date d'échéance (:func:`cle_de_jour`)
        self.cles: Entiers = np.asarray([cle_de_jour(b) for b in bornes], dtype=np.int64)


def cle_de_jour(jour_: int) -> int:
    """La clé (année × 12 + mois − 1) × 32 + quantième d'un jour. Le jour d'une échéance est le
    quantième q de son mois, ou le dernier jour du mois s'il n'existe pas ; comparer sa clé
    (q, non borné) à celle d'un jour j revient à comparer les jours : dans un même mois,
    min(q, fin du mois) ≥ quantième de j si et seulement si q ≥ quantième de j."""
    if jour_ in {JOUR_MIN, JOUR_MAX}:
        return jour_
    date = dt.date.fromordinal(jour_ + _EPOQUE)
    return (date.year * 12 + date.month - 1) * 32 + date.day


def _escalier_serie(serie: SerieDatee) -> Escalier:
    limite = JOUR_MAX
    if serie.apres_derniere is ApresDerniere.REFUSER:
        limite = jour(serie.valable_jusqu_au or serie.derniere_date)
    return Escalier(
        [jour(p.date_effet) for p in serie.points],
        [p.valeur for p in serie.points],
        jour(serie.premiere_date),
        limite,
    )


def escalier(source: object) -> Escalier | None:
    """L'escalier d'une source d'index (``None`` : index figé à sa valeur d'émission), ou
    ``None`` pour une source que le lot ne sait pas lire (greffon…) : ses lignes repassent par
    le tableau. Les valeurs d'un index décalé sont lues par sa propre ``valeur_au`` à chaque
    borne : les mêmes ``Decimal`` que le tableau."""
    if source is None:
        return Escalier([JOUR_MIN], [None], JOUR_MIN, JOUR_MAX)
    if type(source) is IndexFige:
        return Escalier([JOUR_MIN], [source.valeur], JOUR_MIN, JOUR_MAX)
    if type(source) is SerieDatee:
        return _escalier_serie(source)
    if type(source) is not IndexDecale or type(source.source) not in (SerieDatee, IndexFige):
        return None
    interieur = escalier(source.source)
    assert interieur is not None
    depuis = jour(source.depuis)
    bornes = sorted({*interieur.bornes.tolist(), depuis} - {JOUR_MIN})
    bornes = [b for b in bornes if b >= interieur.jour_min]
    if interieur.jour_min == JOUR_MIN:
        bornes = [JOUR_MIN, *bornes]
    valeurs = [
        source.valeur_au(dt.date.min if b == JOUR_MIN else dt.date.fromordinal(b + _EPOQUE))
        for b in bornes
    ]
    return Escalier(bornes, valeurs, interieur.jour_min, interieur.jour_max)


def _en_flottant(valeur: Decimal) -> Any:
    """Le flottant le plus proche d'un taux (à 10^-40 près, puis division entière
    correctement arrondie)."""
    return int(valeur.scaleb(40).to_integral_value()) / 10**40


class _Entree(NamedTuple):
    """Une case de :class:`TableTaux`."""

    revises: tuple[Decimal, Decimal]  # (I', P') : l'échéance est recalculée quand ils changent
    negatif: bool
    taux: Decimal
    progression: Decimal
    p_periode: Decimal
    num: int
    den: int


#: Les cases déjà calculées, par caractéristiques de taux d'une ligne et valeur d'index : un
#: portefeuille projeté sous plusieurs scénarios retrouve les mêmes (fonction pure).
_ENTREES: dict[tuple[object, ...], _Entree] = {}


def _entree(ligne: LigneDePret, valeur: Decimal) -> _Entree:
    """Taux révisés (art. 10) d'une ligne pour une valeur d'index, taux et progressivité de
    période, par les fonctions du tableau et dans son contexte (34 chiffres, demi supérieur) ;
    gardés en cache."""
    cle = (
        ligne.revision,
        ligne.taux_interet,
        ligne.valeur_index_reference,
        ligne.periodicite,
        ligne.taux_progressivite,
        ligne.taux_plancher_progressivite,
        ligne.constante_revision,
        valeur,
    )
    entree = _ENTREES.get(cle)
    if entree is None:
        if len(_ENTREES) >= 65536:
            _ENTREES.clear()
        entree = _ENTREES[cle] = _calculer_entree(ligne, valeur)
    return entree


def _calculer_entree(ligne: LigneDePret, valeur: Decimal) -> _Entree:
    mois = ligne.periodicite.mois
    with localcontext(CONTEXTE_MONTANTS):
        fraction = CONTEXTE_MONTANTS.divide(Decimal(mois), Decimal(12))
        i, p_annuel = _taux_revises(ligne, valeur)
        t = _puissance(i, fraction, False)
        p_periode = _progressivite_periode(p_annuel, mois)
        progression = Decimal(1) + p_periode
        negatif = _negatif(ligne, valeur)
    m, d = t.as_integer_ratio() if mois == 12 else (0, 1)
    if mois != 12 or len(t.as_tuple().digits) > _CHIFFRES_TAUX or max(2 * m, 2 * d) >= _BORNE_64:
        m, d = 0, 0  # route flottante
    return _Entree(
        revises=(i, p_annuel),
        negatif=negatif,
        taux=t,
        progression=progression,
        p_periode=p_periode,
        num=m,
        den=d,
    )


class TableTaux:
    """Pour chaque classe de lignes (même révision, taux, index de référence, progressivité et
    périodicité) et chaque marche de l'escalier : un code par couple (I', P') de taux révisés
    (l'échéance est recalculée quand il change), le taux de période t (``Decimal``, flottant,
    et m/d pour un taux annuel court), la progressivité de période (et 1 + p, ``Decimal`` et
    flottant), et si le plancher de 0 % a joué sur un taux négatif (art. 10)."""

    def __init__(self, classes: Sequence[LigneDePret], marches: Escalier) -> None:
        self.marches = len(marches.valeurs)
        entrees = [
            _entree(ligne, ligne.valeur_index_reference if v is None else v)
            for ligne in classes
            for v in marches.valeurs
        ]
        codes: dict[tuple[Decimal, Decimal], int] = {}
        #: par classe : une échéance qui ne couvre pas les intérêts est portée aux intérêts
        #: (profil « intérêts prioritaires », art. 12) au lieu d'en différer une part
        self.prioritaire: Booleens = np.asarray(
            [x.profil is Profil.AMORTISSEMENT_DEDUIT_INTERETS_PRIORITAIRES for x in classes],
            dtype=np.bool_,
        )
        self.taux = [e.taux for e in entrees]
        self.p_periode = [e.p_periode for e in entrees]
        self.progression = [e.progression for e in entrees]
        self.code: Entiers = np.asarray(
            [codes.setdefault(e.revises, len(codes)) for e in entrees], dtype=np.int64
        )
        self.negatif: Booleens = np.asarray([e.negatif for e in entrees], dtype=np.bool_)
        self.flottant: Reels = np.asarray([_en_flottant(e.taux) for e in entrees])
        self.p_flottant: Reels = np.asarray([_en_flottant(e.p_periode) for e in entrees])
        self.progression_flottante: Reels = 1 + self.p_flottant
        self.progressif: Booleens = np.asarray([e.progression != 1 for e in entrees])
        # route entière : t = m / D, un dénominateur commun D à toute la table (le plus petit
        # commun multiple des dénominateurs, 2^a·5^b pour des taux décimaux), pour une division
        # entière par un scalaire
        denominateur = math.lcm(*(e.den for e in entrees if e.den))
        entiers = [e.num * (denominateur // e.den) if e.den else 0 for e in entrees]
        possible = denominateur < _BORNE_DENOMINATEUR and max(entiers, default=0) < _BORNE_64
        if not possible:
            entiers = [0] * len(entrees)  # tout en flottants certifiés (exacts eux aussi)
        self.entier: Booleens = np.asarray([possible and e.den > 0 for e in entrees])
        self.denominateur = denominateur
        self.double_denominateur = 2 * denominateur
        self.double_num: Entiers = 2 * np.asarray(entiers, dtype=np.int64)
        # capital maximal de la route entière, par classe : 2·K·m + D < 2^62
        par_classe = [
            entiers[c * self.marches : (c + 1) * self.marches] for c in range(len(classes))
        ]
        self.capital_max = np.asarray(
            [
                min(((_BORNE_64 - denominateur) // (2 * m) if m else _BORNE_64) for m in liste)
                for liste in par_classe
            ],
            dtype=np.int64,
        )


def _negatif(ligne: LigneDePret, valeur: Decimal) -> bool:
    """Le plancher de 0 % joue-t-il sur un taux négatif (:func:`_note_plancher` du tableau) ?"""
    if ligne.revision is Revision.FIXE:
        return ligne.taux_interet < 0
    ecart = valeur - ligne.valeur_index_reference
    return _taux_avant_plancher(ligne, ligne.taux_interet, ecart) < 0


class Lot:
    """Les lignes d'un lot (une même source d'index), en colonnes : mois (année × 12 + mois − 1)
    et quantième du début de l'amortissement, pas en mois, nombre d'échéances, capital en
    centimes, classe de taux."""

    def __init__(  # noqa: PLR0917 - les six colonnes d'un lot, dans l'ordre de _Groupe
        self,
        mois0: Sequence[int] | Entiers,
        quantieme: Sequence[int] | Entiers,
        pas: Sequence[int] | Entiers,
        duree: Sequence[int] | Entiers,
        capital: Sequence[int] | Entiers,
        classe: Sequence[int] | Entiers,
    ) -> None:
        self.mois0: Entiers = np.asarray(mois0, dtype=np.int64)
        self.quantieme: Entiers = np.asarray(quantieme, dtype=np.int64)
        self.pas: Entiers = np.asarray(pas, dtype=np.int64)
        self.duree: Entiers = np.asarray(duree, dtype=np.int64)
        self.capital: Entiers = np.asarray(capital, dtype=np.int64)
        self.classe: Entiers = np.asarray(classe, dtype=np.int64)
        self.annee0: Entiers = self.mois0 // 12
        #: années couvertes par les sommes annuelles de chaque ligne (de son début à sa fin)
        self.annees: Entiers = (self.mois0 + self.duree * self.pas) // 12 - self.annee0 + 1


def _debut_mois(mois: Entiers) -> Entiers:
    return (mois - _MOIS_EPOQUE).astype("datetime64[M]").astype("datetime64[D]").astype(np.int64)


def _jours(mois: Entiers, quantieme: Entiers, borner: bool) -> Entiers:
    """Le jour du ``quantieme`` de chaque mois, ou le dernier du mois s'il n'existe pas
    (:func:`~collectivites.dates.ajouter_mois`)."""
    debut = _debut_mois(mois)
    if borner:
        quantieme = np.minimum(quantieme, _debut_mois(mois + 1) - debut)
    return debut + quantieme - 1


class Sommes:
    """Sommes annuelles des lignes d'un lot, en centimes : ``valeurs[ligne, année, champ]``
    (échéances, intérêts, amortissement, capital dû et stock d'intérêts différés au 31/12),
    années comptées depuis celle du début de l'amortissement de chaque ligne ; ``repli`` : les
    lignes à repasser par le tableau ; ``plancher`` : celles où le plancher de 0 % a joué sur
    un taux négatif."""

    def __init__(self, lignes: int, annees: int) -> None:
        self.largeur = annees
        self.champs = [np.zeros(lignes * annees, dtype=np.int64) for _ in range(5)]
        self.repli: Booleens = np.zeros(lignes, dtype=np.bool_)
        self.plancher: Booleens = np.zeros(lignes, dtype=np.bool_)
        self.valeurs: Entiers = np.zeros((lignes, annees, 5), dtype=np.int64)


def _interets(capital: Entiers, rang: Entiers, table: TableTaux, entier: bool) -> Entiers:
    """K × t arrondi au centime au demi supérieur : en entiers exacts, (2·K·m + d) // (2·d)
    (taux annuels, sous la borne de 64 bits), ou en flottants certifiés, les éléments ambigus
    par l'opération ``Decimal`` du tableau."""
    if entier:  # un dénominateur commun : division par un scalaire
        resultat: Entiers = (
            capital * table.double_num[rang] + table.denominateur
        ) // table.double_denominateur
        return resultat
    return _arrondis(
        capital.astype(np.float64) * table.flottant[rang],
        _MARGE_RELATIVE,
        lambda j: _interets_exacts(int(capital[j]), table.taux[rang[j]]),
    )


def _arrondis(x: Reels, erreur: Reels | float, exact: Any) -> Entiers:
    """``x`` (≥ 0, d'erreur relative au plus ``erreur``) arrondi à l'entier au demi supérieur ;
    un élément à moins de sa borne d'erreur d'un demi (ou non fini) est rendu par
    ``exact(rang)``, calculé en ``Decimal``."""
    plancher = np.floor(x)
    reste = x - plancher
    with np.errstate(invalid="ignore"):
        resultat = plancher.astype(np.int64) + (reste >= _DEMI)
    if isinstance(erreur, np.ndarray):
        marge: Any = np.abs(x) * erreur + _MARGE_ABSOLUE
    else:  # une borne commune : celle du plus grand élément
        marge = np.maximum(x.max(initial=0), -x.min(initial=0)) * erreur + _MARGE_ABSOLUE
    ambigus = np.flatnonzero(~(np.abs(reste - _DEMI) > marge))  # un NaN est ambigu
    if ambigus.size:
        with localcontext(CONTEXTE_MONTANTS):
            for j in ambigus.tolist():
                resultat[j] = exact(j)
    return resultat


#: Unité d'arrondi des flottants de 64 bits (2^-52, un majorant de l'erreur d'une opération).
_ULP = 1 / 2**52


def _theoriques(
    capital: Entiers, rang: Entiers, restantes: Entiers, table: TableTaux
) -> tuple[Reels, Reels]:
    """Échéances théoriques en flottants, E = K (t − p) / (1 − q^m), q = (1 + p)/(1 + t)
    (``log1p`` et ``expm1`` évitent l'annulation), et un majorant de leur erreur relative :
    quelques ulp, multipliés par le conditionnement de t − p ((t + p)/|t − p|) et de
    l'exponentielle (1 + |m log q|) ; infini pour t = p (le calcul ``Decimal`` les reprend)."""
    t, p = table.flottant[rang], table.p_flottant[rang]
    k = capital.astype(np.float64)
    with np.errstate(divide="ignore", invalid="ignore"):
        ecart = t - p
        y = restantes * (np.log1p(p) - np.log1p(t))
        x = k * ecart / -np.expm1(y)
        erreur = _ULP * (16 + (np.abs(t) + np.abs(p)) / np.abs(ecart) * (8 + 4 * np.abs(y)))
    return x, np.where(np.isfinite(erreur), erreur, np.inf)


def _courante_exacte(
    plan: tuple[int, Decimal, Decimal, int], progression: Decimal, pas: int
) -> int:
    """L'échéance postée par la boucle générale : la théorique (``Decimal``) au plan, puis
    multipliée ``pas`` fois par 1 + p, arrondie au centime."""
    capital, t, p, restantes = plan
    courante = _echeance_theorique(en_euros(capital), t, p, restantes)
    for _ in range(pas):
        courante *= progression
    return en_centimes(CONTEXTE_MONTANTS.quantize(courante, CENTIME))


class _Plan:
    """L'état du plan d'échéances de chaque ligne d'un sous-lot : échéance courante (flottant,
    non arrondie) et son erreur relative, échéance postée, et de quoi la recalculer exactement
    (capital, case de table et échéances restantes au plan, progressions depuis)."""

    def __init__(self, nombre: int) -> None:
        self.courante: Reels = np.zeros(nombre)
        self.erreur: Reels = np.zeros(nombre)
        self.postee: Entiers = np.zeros(nombre, dtype=np.int64)
        self.capital: Entiers = np.zeros(nombre, dtype=np.int64)
        self.rang: Entiers = np.zeros(nombre, dtype=np.int64)
        self.restantes: Entiers = np.zeros(nombre, dtype=np.int64)
        self.pas: Entiers = np.zeros(nombre, dtype=np.int64)

    def exact(self, lignes: Entiers, table: TableTaux) -> Any:
        def calculer(j: int) -> int:
            ligne = int(lignes[j])
            r = int(self.rang[ligne])
            plan = (
                int(self.capital[ligne]),
                table.taux[r],
                table.p_periode[r],
                int(self.restantes[ligne]),
            )
            return _courante_exacte(plan, table.progression[r], int(self.pas[ligne]))

        return calculer

    def refaire(
        self, lignes: Entiers, capital: Entiers, rang: Entiers, restantes: Entiers, table: TableTaux
    ) -> None:
        """Le plan à refaire (premier rang, ou taux révisés changés) : échéance théorique sur
        le capital et la durée résiduelle."""
        x, erreur = _theoriques(capital, rang, restantes, table)
        self.courante[lignes], self.erreur[lignes] = x, erreur
        self.capital[lignes], self.rang[lignes], self.restantes[lignes] = capital, rang, restantes
        self.pas[lignes] = 0
        self.postee[lignes] = _arrondis(x, erreur, self.exact(lignes, table))

    def progresser(self, lignes: Entiers, table: TableTaux) -> None:
        """L'échéance précédente (non arrondie) × (1 + p), arrondie au centime."""
        self.pas[lignes] += 1
        self.courante[lignes] *= table.progression_flottante[self.rang[lignes]]
        self.erreur[lignes] += 4 * _ULP
        self.postee[lignes] = _arrondis(
            self.courante[lignes], self.erreur[lignes], self.exact(lignes, table)
        )


class _Calendrier:
    """Le jour (depuis 1970) du quantième q de chaque mois (année × 12 + mois − 1) d'une plage,
    ou le dernier jour du mois s'il n'existe pas (:func:`~collectivites.dates.ajouter_mois`) :
    une table des débuts de mois, lue par indice."""

    def __init__(self, premier: int, dernier: int, quantieme: Entiers) -> None:
        self.premier = premier
        mois = np.arange(premier, dernier + 2, dtype=np.int64)
        self.debuts = _debut_mois(mois)
        self.annees: Entiers = mois // 12
        self.borner = bool((quantieme > 28).any())

    def jours(self, mois: Entiers, quantieme: Entiers) -> Entiers:
        rang = mois - self.premier
        debut = self.debuts[rang]
        if self.borner:
            quantieme = np.minimum(quantieme, self.debuts[rang + 1] - debut)
        resultat: Entiers = debut + quantieme - 1
        return resultat


def derouler(lot: Lot, marches: Escalier, table: TableTaux) -> Sommes:
    """Les échéances de toutes les lignes du lot, sommées par année. Les lignes dont l'index
    n'a pas de valeur à l'une de leurs dates sont laissées au tableau sans être calculées ;
    les autres forment deux sous-lots, selon que leurs intérêts se calculent en entiers
    (taux annuels sous la borne de 64 bits) ou en flottants certifiés."""
    nombre = len(lot.duree)
    largeur = int(lot.annees.max()) if nombre else 0
    sommes = Sommes(nombre, largeur)
    if not nombre:
        return sommes
    fin = lot.mois0 + lot.duree * lot.pas
    calendrier = _Calendrier(int(lot.mois0.min()), int(fin.max()), lot.quantieme)
    # l'index est lu aux débuts de période : du début de l'amortissement à l'avant-dernière
    premier = calendrier.jours(lot.mois0, lot.quantieme)
    dernier = calendrier.jours(fin - lot.pas, lot.quantieme)
    sommes.repli[:] = (premier < marches.jour_min) | (dernier > marches.jour_max)
    entier_classe: Booleens = np.all(table.entier.reshape(-1, table.marches), axis=1)
    entier = entier_classe[lot.classe] & (lot.capital <= table.capital_max[lot.classe])
    for route in (True, False):
        choisies = np.flatnonzero(~sommes.repli & (entier == route))
        if choisies.size:
            _derouler_route(lot, choisies, (marches, table, calendrier), route, sommes)
    premiere = np.arange(nombre, dtype=np.int64) * largeur
    sommes.champs[3][premiere] = np.where(
        sommes.champs[3][premiere] == -1, lot.capital, sommes.champs[3][premiere]
    )
    sommes.valeurs = np.stack(sommes.champs, axis=-1).reshape(nombre, largeur, 5)
    return sommes


def _derouler_route(
    lot: Lot,
    choisies: Entiers,
    regles: tuple[Escalier, TableTaux, _Calendrier],
    entier: bool,
    sommes: Sommes,
) -> None:
    """Les échéances des lignes ``choisies`` rang par rang (triées par durée décroissante :
    celles encore actives au rang k sont les premières)."""
    marches, table, calendrier = regles
    ordre = choisies[np.argsort(-lot.duree[choisies], kind="stable")]
    mois0, quantieme, pas = lot.mois0[ordre], lot.quantieme[ordre], lot.pas[ordre]
    duree, capital = lot.duree[ordre], lot.capital[ordre]
    base = lot.classe[ordre] * table.marches
    prioritaire = table.prioritaire[lot.classe[ordre]]
    capital_max = table.capital_max[lot.classe[ordre]]
    case0 = ordre * sommes.largeur - lot.annee0[ordre]  # case de l'année a : case0 + a
    sommes.champs[3][ordre * sommes.largeur] = -1  # l'année du début : le capital, sans échéance
    actives = np.searchsorted(-duree, -np.arange(int(duree[0]) + 2), side="right")
    cle_debut = mois0 * 32 + quantieme  # le début de la période en cours (cle_de_jour)
    pas32 = pas * 32
    mois = mois0 - calendrier.premier  # le mois de l'échéance en cours, rang dans le calendrier
    cumuler = not bool((pas == 12).all())
    crd, stock, plan = capital.copy(), np.zeros_like(capital), _Plan(len(ordre))
    differe = False  # un stock d'intérêts différés est-il apparu ?
    progressif = bool(table.progressif.any())
    code_precedent = np.full(len(ordre), -1, dtype=np.int64)
    lire = len(marches.bornes) > 1
    plancher = np.zeros(len(ordre), dtype=np.bool_) if table.negatif.any() else None
    repli = np.zeros(len(ordre), dtype=np.bool_)
    for k in range(1, len(actives) - 1):
        a, a2 = int(actives[k]), int(actives[k + 1])
        rang = base[:a]
        if lire:
            rang = rang + (np.searchsorted(marches.cles, cle_debut[:a], side="right") - 1)
        code = table.code[rang]
        if plancher is not None:
            plancher[:a] |= table.negatif[rang]
        c, s = crd[:a], stock[:a]
        assiette = c + s if differe else c  # art. 11 : capital dû majoré du stock
        if differe and entier and (assiette > capital_max[:a]).any():  # borne des 64 bits
            repli[:a] |= assiette > capital_max[:a]
            assiette = np.where(repli[:a], 0, assiette)
        interets = _interets(assiette, rang, table, entier)
        change = code[:a2] != code_precedent[:a2]
        if repli.any():
            change &= ~repli[:a2]
        a_recalculer = np.flatnonzero(change)
        if a_recalculer.size:  # le plan à refaire : taux révisés changés (ou premier rang)
            r = rang[a_recalculer]
            restantes = duree[a_recalculer] - k + 1
            plan.refaire(a_recalculer, assiette[a_recalculer], r, restantes, table)
        if progressif:  # sinon, la même échéance postée
            suivantes = np.flatnonzero(
                table.progressif[rang[:a2]] & (code[:a2] == code_precedent[:a2]) & ~repli[:a2]
            )
            if suivantes.size:
                plan.progresser(suivantes, table)
        montant = plan.postee[:a].copy()
        amorti = montant - interets
        if differe or (amorti[:a2].view(np.uint64) > c[:a2].view(np.uint64)).any():
            differe |= _repartir(
                (montant[:a2], amorti[:a2], interets[:a2]), c[:a2], s[:a2], prioritaire[:a2]
            )
        # la dernière échéance solde le capital et le stock
        montant[a2:] = interets[a2:] + c[a2:] + s[a2:]
        amorti[a2:] = c[a2:]
        s[a2:] = 0
        if differe:
            amorti[repli[:a]] = 0
        crd[:a] = c - amorti
        code_precedent[:a] = code
        mois[:a] += pas[:a]
        case = case0[:a] + calendrier.annees[mois[:a]]
        stock_fin = s if differe else None
        _noter_annee(sommes.champs, case, (montant, interets, amorti, crd[:a], stock_fin), cumuler)
        cle_debut[:a] += pas32[:a]
    sommes.repli[ordre] |= repli
    if plancher is not None:
        sommes.plancher[ordre] = plancher


def _repartir(
    echeance: tuple[Entiers, Entiers, Entiers],
    capital: Entiers,
    stock: Entiers,
    prioritaire: Booleens,
) -> bool:
    """Les échéances hors du cas courant (``_repartir`` du tableau, art. 12), en place
    (montant, amortissement, intérêts ; ``stock`` mis à jour) : une échéance qui ne couvre pas
    les intérêts y est portée (profil « intérêts prioritaires ») ou laisse la différence en
    intérêts différés ; sinon, elle rembourse d'abord le stock, puis amortit, au plus le
    capital dû (l'échéance est alors ramenée aux intérêts, au stock remboursé et au capital).
    Rend vrai si un stock est apparu."""
    montant, amorti, interets = echeance
    bas = montant < interets
    porte = bas & prioritaire
    differes = bas & ~prioritaire
    stock_rembourse = np.where(bas, 0, np.minimum(stock, amorti))
    amorti -= stock_rembourse
    haut = amorti > capital
    montant[haut] = interets[haut] + stock_rembourse[haut] + capital[haut]
    amorti[haut] = capital[haut]
    montant[porte] = interets[porte]
    amorti[bas] = 0
    stock += np.where(differes, interets - montant, 0) - stock_rembourse
    return bool(differes.any())


def _noter_annee(
    champs: Sequence[Entiers], case: Entiers, montants: tuple[Any, ...], cumuler: bool
) -> None:
    """Ajoute une échéance de chaque ligne à la case de son année : échéance, intérêts,
    amortissement cumulés ; capital dû et stock de fin d'échéance (la dernière de l'année
    l'emporte). ``cumuler`` faux : une échéance par an et par ligne, chaque case n'en reçoit
    qu'une."""
    e_annee, i_annee, a_annee, crd_annee, stock_annee = champs
    montant, interets, amorti, crd, stock = montants  # stock : None s'il n'y en a pas
    if cumuler:
        e_annee[case] += montant
        i_annee[case] += interets
        a_annee[case] += amorti
    else:
        e_annee[case], i_annee[case], a_annee[case] = montant, interets, amorti
    crd_annee[case] = crd
    if stock is not None:
        stock_annee[case] = stock
