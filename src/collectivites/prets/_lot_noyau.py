"""Noyau numpy de la projection par lots : les échéances de nombreuses lignes à la fois, une
étape par rang d'échéance pour toutes les lignes actives, en centimes entiers.

Lignes prises (les autres repassent par :func:`~collectivites.prets.calculer_tableau`, voir
:mod:`collectivites.prets._lot`) : révision simple (SR) ou taux fixe, sans progressivité, profil
« amortissement déduit », base 30/360 en mode équivalent, ni différé, ni préfinancement, ni
versements. Pour elles, la boucle générale du tableau (art. 10 à 12) se réduit à :

* la valeur d'index du jour où la période commence (une recherche ``searchsorted`` dans
  l'escalier daté de la source, :class:`Escalier`) donne le taux I' = max(I + DT, 0) (art. 10)
  et le taux de période t (« I = K × [(1 + t) ^ (base de calcul) − 1] », art. 11), lus dans
  une table calculée une fois par classe de lignes en ``Decimal`` par les fonctions mêmes du
  tableau ;
* intérêts : K × t arrondi au centime, au demi supérieur. Pour un taux annuel (t = I, un
  rationnel exact m/d), ``(2·K·m + d) // (2·d)`` en entiers de 64 bits sous une borne vérifiée
  ligne par ligne ; sinon, en flottants de 64 bits sous une borne d'erreur certifiée
  (:data:`_MARGE_RELATIVE`) : tout élément à moins de cette borne d'un demi-centime est recalculé
  par l'opération ``Decimal`` du tableau ;
* échéance recalculée sur le capital restant et la durée résiduelle quand le taux change, de
  même en flottants certifiés (les éléments ambigus recalculés en ``Decimal``) ; sinon la
  précédente ; la dernière échéance solde le capital.

Toute échéance hors de ce cas (une échéance qui ne couvrirait pas les intérêts ou dépasserait
le capital dû, une date où l'index n'a pas de valeur) marque sa ligne : elle repasse par la
boucle générale, qui dit ce qu'il faut (intérêts différés, erreur nommant la ligne).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal, localcontext
from typing import Any

import numpy as np
import numpy.typing as npt

from collectivites._moteur import CONTEXTE_MONTANTS
from collectivites.donnees import SerieDatee
from collectivites.donnees._series import ApresDerniere
from collectivites.monnaie import CENTIME
from collectivites.prets._colonnes import en_centimes, en_euros
from collectivites.prets._index import IndexDecale, IndexFige
from collectivites.prets._modeles import LigneDePret, Revision
from collectivites.prets._tableau import (
    _echeance_theorique,
    _interets_exacts,
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

    __slots__ = ("bornes", "jour_max", "jour_min", "valeurs")

    def __init__(
        self, bornes: Sequence[int], valeurs: Sequence[Decimal | None], jour_min: int, jour_max: int
    ) -> None:
        self.bornes: Entiers = np.asarray(bornes, dtype=np.int64)
        self.valeurs = tuple(valeurs)
        self.jour_min, self.jour_max = jour_min, jour_max


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
    """Le flottant le plus proche d'un taux ≥ 0 (division entière correctement arrondie)."""
    return int(valeur.scaleb(40).to_integral_value()) / 10**40


class TableTaux:
    """Pour chaque classe de lignes (même révision, taux, index de référence et périodicité)
    et chaque marche de l'escalier : le taux annuel révisé I' (un code par valeur, pour voir
    qu'il change), le taux de période t (``Decimal``, flottant, et m/d pour un taux annuel), et
    si le plancher de 0 % a joué sur un taux négatif (art. 10). Calculée par les fonctions du
    tableau (:func:`~collectivites.prets._tableau._taux_revises`, ``_puissance``)."""

    def __init__(self, classes: Sequence[LigneDePret], marches: Escalier) -> None:
        n = len(marches.valeurs)
        self.marches = n
        codes: dict[Decimal, int] = {}
        taux: list[Decimal] = []
        code, negatif, nul, flottant, num, den, entier = ([] for _ in range(7))
        with localcontext(CONTEXTE_MONTANTS):
            for ligne in classes:
                mois = ligne.periodicite.mois
                fraction = CONTEXTE_MONTANTS.divide(Decimal(mois), Decimal(12))
                for valeur in marches.valeurs:
                    v = ligne.valeur_index_reference if valeur is None else valeur
                    i = _taux_revises(ligne, v)[0]
                    t = _puissance(i, fraction, False)
                    code.append(codes.setdefault(i, len(codes)))
                    negatif.append(_negatif(ligne, v))
                    taux.append(t)
                    nul.append(not t)
                    flottant.append(_en_flottant(t))
                    m, d = t.as_integer_ratio() if mois == 12 else (0, 1)
                    court = mois == 12 and len(t.as_tuple().digits) <= 21
                    num.append(m if court else 0)
                    den.append(d if court else 1)
                    entier.append(court)
        self.taux = taux
        self.code: Entiers = np.asarray(code, dtype=np.int64)
        self.negatif: Booleens = np.asarray(negatif, dtype=np.bool_)
        self.nul: Booleens = np.asarray(nul, dtype=np.bool_)
        self.flottant: Reels = np.asarray(flottant, dtype=np.float64)
        self.entier: Booleens = np.asarray(entier, dtype=np.bool_)
        # m/d d'un taux trop long pour 64 bits : route flottante
        grands = [k for k, (m, d) in enumerate(zip(num, den, strict=True)) if m >= _BORNE_64]
        for k in grands:
            num[k], den[k], entier[k] = 0, 1, False
            self.entier[k] = False
        self.num: Entiers = np.asarray(num, dtype=np.int64)
        self.den: Entiers = np.asarray(den, dtype=np.int64)
        self.double_num: Entiers = 2 * self.num
        self.double_den: Entiers = 2 * self.den
        # capital maximal de la route entière, par classe : 2·K·m + d < 2^62
        self.capital_max = np.asarray(
            [
                min(
                    ((_BORNE_64 - d) // (2 * m) if m else _BORNE_64)
                    for m, d in zip(num[c * n : (c + 1) * n], den[c * n : (c + 1) * n], strict=True)
                )
                for c in range(len(classes))
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
        mois0: Sequence[int],
        quantieme: Sequence[int],
        pas: Sequence[int],
        duree: Sequence[int],
        capital: Sequence[int],
        classe: Sequence[int],
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
    (échéances, intérêts, amortissement, capital dû au 31/12), années comptées depuis celle du
    début de l'amortissement de chaque ligne ; ``repli`` : les lignes à repasser par le
    tableau ; ``plancher`` : celles où le plancher de 0 % a joué sur un taux négatif."""

    def __init__(self, lignes: int, annees: int) -> None:
        self.largeur = annees
        self.champs = [np.zeros(lignes * annees, dtype=np.int64) for _ in range(4)]
        self.repli: Booleens = np.zeros(lignes, dtype=np.bool_)
        self.plancher: Booleens = np.zeros(lignes, dtype=np.bool_)
        self.valeurs: Entiers = np.zeros((lignes, annees, 4), dtype=np.int64)


def _interets(capital: Entiers, rang: Entiers, table: TableTaux, entier: bool) -> Entiers:
    """K × t arrondi au centime au demi supérieur : en entiers exacts, (2·K·m + d) // (2·d)
    (taux annuels, sous la borne de 64 bits), ou en flottants certifiés, les éléments ambigus
    par l'opération ``Decimal`` du tableau."""
    if entier:
        m2, d, d2 = table.double_num[rang], table.den[rang], table.double_den[rang]
        resultat: Entiers = (capital * m2 + d) // d2
        return resultat
    return _arrondis(
        capital.astype(np.float64) * table.flottant[rang],
        lambda j: _interets_exacts(int(capital[j]), table.taux[rang[j]]),
    )


def _arrondis(x: Reels, exact: Any) -> Entiers:
    """``x`` (≥ 0, à la borne :data:`_MARGE_RELATIVE` près) arrondi à l'entier au demi
    supérieur ; un élément à moins de la borne d'un demi est rendu par ``exact(rang)``."""
    plancher = np.floor(x)
    reste = x - plancher
    resultat = plancher.astype(np.int64) + (reste >= _DEMI)
    ambigus = np.flatnonzero(np.abs(reste - _DEMI) <= x * _MARGE_RELATIVE + _MARGE_ABSOLUE)
    if ambigus.size:
        with localcontext(CONTEXTE_MONTANTS):
            for j in ambigus.tolist():
                resultat[j] = exact(j)
    return resultat


def _echeances(capital: Entiers, rang: Entiers, restantes: Entiers, table: TableTaux) -> Entiers:
    """Échéances théoriques arrondies au centime : K·t / (1 − (1 + t)^−m) (erreur relative des
    flottants de quelques ulp : ``log1p`` et ``expm1`` évitent l'annulation, et l'échéance a un
    conditionnement ≤ 1 en t), K/m pour un taux nul (exact en entiers) ; les éléments ambigus
    recalculés par :func:`~collectivites.prets._tableau._echeance_theorique`."""
    t = table.flottant[rang]
    nul = table.nul[rang]
    k = capital.astype(np.float64)
    with np.errstate(divide="ignore", invalid="ignore"):
        x = k * t / -np.expm1(-restantes * np.log1p(t))
    x = np.where(nul, 0, x)
    zero = Decimal(0)

    def exact(j: int) -> int:
        courante = _echeance_theorique(
            en_euros(int(capital[j])), table.taux[rang[j]], zero, int(restantes[j])
        )
        return en_centimes(CONTEXTE_MONTANTS.quantize(courante, CENTIME))

    resultat = _arrondis(x, exact)
    if nul.any():
        c, m = capital[nul], restantes[nul]
        resultat[nul] = (2 * c + m) // (2 * m)
    return resultat


class _Calendrier:
    """Le jour (depuis 1970) du quantième q de chaque mois (année × 12 + mois − 1) d'une plage,
    ou le dernier jour du mois s'il n'existe pas (:func:`~collectivites.dates.ajouter_mois`) :
    une table des débuts de mois, lue par indice."""

    def __init__(self, premier: int, dernier: int, quantieme: Entiers) -> None:
        self.premier = premier
        self.debuts = _debut_mois(np.arange(premier, dernier + 2, dtype=np.int64))
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
    sommes.valeurs = np.stack(sommes.champs, axis=-1).reshape(nombre, largeur, 4)
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
    case0 = ordre * sommes.largeur - lot.annee0[ordre]  # case de l'année a : case0 + a
    e_annee, i_annee, a_annee, crd_annee = sommes.champs
    crd_annee[ordre * sommes.largeur] = -1  # l'année du début : le capital, sans échéance
    actives = np.searchsorted(-duree, -np.arange(int(duree[0]) + 2), side="right")
    debut = calendrier.jours(mois0, quantieme)
    crd, echeance = capital.copy(), np.zeros(len(ordre), dtype=np.int64)
    code_precedent = np.full(len(ordre), -1, dtype=np.int64)
    lire = len(marches.bornes) > 1
    plancher = np.zeros(len(ordre), dtype=np.bool_) if table.negatif.any() else None
    repli = np.zeros(len(ordre), dtype=np.bool_)
    for k in range(1, len(actives) - 1):
        a, a2 = int(actives[k]), int(actives[k + 1])
        rang = base[:a]
        if lire:
            rang = rang + (np.searchsorted(marches.bornes, debut[:a], side="right") - 1)
        code = table.code[rang]
        if plancher is not None:
            plancher[:a] |= table.negatif[rang]
        c = crd[:a]
        interets = _interets(c, rang, table, entier)
        a_recalculer = np.flatnonzero(code[:a2] != code_precedent[:a2])
        if a_recalculer.size:
            echeance[a_recalculer] = _echeances(
                c[a_recalculer], rang[a_recalculer], duree[a_recalculer] - k + 1, table
            )
        montant = echeance[:a].copy()
        montant[a2:] = interets[a2:] + c[a2:]  # la dernière échéance solde le capital
        amorti = montant - interets
        hors = amorti.view(np.uint64) > c.view(np.uint64)  # < 0 ou > capital dû
        if hors.any():  # la boucle générale la reprendra (intérêts différés…)
            repli[:a] |= hors
            amorti[repli[:a]] = 0
        crd[:a] = c - amorti
        code_precedent[:a] = code
        mois = mois0[:a] + k * pas[:a]
        case = case0[:a] + mois // 12
        e_annee[case] += montant
        i_annee[case] += interets
        a_annee[case] += amorti
        crd_annee[case] = crd[:a]
        debut[:a] = calendrier.jours(mois, quantieme[:a])
    sommes.repli[ordre] |= repli
    if plancher is not None:
        sommes.plancher[ordre] = plancher
