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
        self.valeurs: Entiers = np.zeros((lignes, annees, 4), dtype=np.int64)
        self.vu: Booleens = np.zeros((lignes, annees), dtype=np.bool_)
        self.repli: Booleens = np.zeros(lignes, dtype=np.bool_)
        self.plancher: Booleens = np.zeros(lignes, dtype=np.bool_)


def _interets(capital: Entiers, rang: Entiers, table: TableTaux, entier: Booleens) -> Entiers:
    """K × t arrondi au centime au demi supérieur : en entiers exacts (taux annuels, sous la
    borne de 64 bits) ou en flottants certifiés, les éléments ambigus par ``Decimal``."""
    resultat = np.empty_like(capital)
    if entier.any():
        k, r = capital[entier], rang[entier]
        m, d = table.num[r], table.den[r]
        resultat[entier] = (2 * k * m + d) // (2 * d)
    autres = ~entier
    if autres.any():
        k, r = capital[autres], rang[autres]
        resultat[autres] = _arrondis(
            k.astype(np.float64) * table.flottant[r],
            lambda j: _interets_exacts(int(k[j]), table.taux[r[j]]),
        )
    return resultat


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


def derouler(lot: Lot, marches: Escalier, table: TableTaux) -> Sommes:
    """Les échéances de toutes les lignes du lot, rang par rang (lignes triées par durée
    décroissante : celles encore actives au rang k sont les premières), sommées par année."""
    ordre = np.argsort(-lot.duree, kind="stable")
    mois0, quantieme = lot.mois0[ordre], lot.quantieme[ordre]
    pas, duree, capital = lot.pas[ordre], lot.duree[ordre], lot.capital[ordre]
    classe, annee0 = lot.classe[ordre], lot.annee0[ordre]
    nombre = len(ordre)
    largeur = int(lot.annees.max()) if nombre else 0
    sommes = Sommes(nombre, largeur)
    entier_ligne = capital <= table.capital_max[classe]
    # actives[k] : lignes d'au moins k échéances
    actives = np.searchsorted(-duree, -np.arange(int(duree.max(initial=0)) + 2), side="right")
    borner = bool((quantieme > 28).any())
    debut = _jours(mois0, quantieme, borner)
    crd, echeance = capital.copy(), np.zeros(nombre, dtype=np.int64)
    code_precedent = np.full(nombre, -1, dtype=np.int64)
    valeurs, vu = sommes.valeurs.reshape(-1, 4), sommes.vu.reshape(-1)
    lignes = np.arange(nombre, dtype=np.int64) * largeur
    for k in range(1, len(actives) - 1):
        a, a2 = int(actives[k]), int(actives[k + 1])
        mois = mois0[:a] + k * pas[:a]
        date = _jours(mois, quantieme[:a], borner)
        jour_debut = debut[:a]
        marche = np.searchsorted(marches.bornes, jour_debut, side="right") - 1
        sommes.repli[:a] |= (jour_debut < marches.jour_min) | (jour_debut > marches.jour_max)
        rang = classe[:a] * table.marches + np.maximum(marche, 0)
        code = table.code[rang]
        sommes.plancher[:a] |= table.negatif[rang]
        c = crd[:a]
        interets = _interets(c, rang, table, entier_ligne[:a] & table.entier[rang])
        a_recalculer = np.flatnonzero(code[:a2] != code_precedent[:a2])
        if a_recalculer.size:
            echeance[a_recalculer] = _echeances(
                c[a_recalculer], rang[a_recalculer], duree[a_recalculer] - k + 1, table
            )
        montant = np.concatenate((echeance[:a2], interets[a2:a] + c[a2:a]))
        amorti = np.concatenate((echeance[:a2] - interets[:a2], c[a2:a]))
        hors = (amorti < 0) | (amorti > c)
        if hors.any():  # la boucle générale la reprendra (intérêts différés…)
            sommes.repli[:a] |= hors
        crd[:a] = c - amorti
        code_precedent[:a] = code
        case = lignes[:a] + (mois // 12 - annee0[:a])
        valeurs[case, 0] += montant
        valeurs[case, 1] += interets
        valeurs[case, 2] += amorti
        valeurs[case, 3] = crd[:a]
        vu[case] = True
        debut[:a] = date
        if hors.any():
            crd[:a][sommes.repli[:a]] = 0
    _reporter(sommes, capital)
    inverse = np.empty_like(ordre)
    inverse[ordre] = np.arange(nombre)
    for nom in ("valeurs", "vu", "repli", "plancher"):
        setattr(sommes, nom, getattr(sommes, nom)[inverse])
    return sommes


def _reporter(sommes: Sommes, capital: Entiers) -> None:
    """Une année sans échéance (celle du début de l'amortissement) garde le capital dû de la
    précédente (à l'origine, le capital)."""
    precedent = capital
    for annee in range(sommes.largeur):
        colonne = sommes.valeurs[:, annee, 3]
        vide = ~sommes.vu[:, annee]
        colonne[vide] = precedent[vide]
        precedent = colonne
