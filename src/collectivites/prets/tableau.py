"""Tableau d'amortissement d'une Ligne du Prêt (art. 9 à 13 des contrats CDC).

Règles suivies (voir la page « Interprétations » de la documentation) :

* taux de la période k fixé par l'index en vigueur le jour où la période commence ;
  DT = index − index de référence (toujours par rapport à la Date d'Effet) ;
  SR : I' = I + DT ; DR : R = 1 + DT/(1 + I), I' = R(1 + I) − 1, P' = R(1 + P) − 1 ;
  DL : P' = max(P', plancher) ; I' plancher à 0 % (art. 10 : « ne saurait être négatif ») ;
* intérêts : « I = K × [(1 + t) ^ (base de calcul) − 1] » (art. 11) où K est le capital restant
  dû majoré du stock d'intérêts différés ;
* échéance recalculée sur le capital restant et la durée résiduelle quand (I, P) change, sinon
  échéance précédente (non arrondie) × (1 + p) ; chaque montant posté est arrondi au centime,
  au demi supérieur, une seule fois ;
* profil « intérêts différés » (art. 12) : « Si les intérêts sont supérieurs à l'échéance, alors
  la différence entre le montant des intérêts et de l'échéance constitue les intérêts différés.
  Le montant amorti au titre de la période est donc nul. »
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
from collections.abc import Iterator, Mapping
from decimal import ROUND_HALF_UP, Decimal, localcontext
from typing import NamedTuple

import attrs

from collectivites.dates import ajouter_mois
from collectivites.erreurs import ErreurDonnees, ErreurValeur
from collectivites.monnaie import CENTIME
from collectivites.prets.echeancier import (
    date_debut_amortissement,
    dates_echeances,
    debut_prefinancement,
)
from collectivites.prets.index import IndexFige, SourceIndex
from collectivites.prets.modeles import (
    BaseCalcul,
    LigneDePret,
    ModeCalcul,
    Profil,
    ReglementPrefinancement,
    Revision,
)
from collectivites.taux import CONTEXTE_CALCUL, formater_taux

__all__ = ["LigneTableau", "TableauAmortissement", "calculer_tableau"]

#: Contexte des calculs du tableau : 34 chiffres significatifs, et l'arrondi au demi supérieur
#: pour les montants postés (les arrondis intermédiaires, au 34e chiffre, sont sans effet).
_CONTEXTE_TABLEAU = CONTEXTE_CALCUL.copy()
_CONTEXTE_TABLEAU.rounding = ROUND_HALF_UP
_UN = Decimal(1)
_ZERO = Decimal(0)
_ZERO_CENTIMES = Decimal("0.00")  # montants postés nuls, écrits au centime comme les autres
_DOUZE = Decimal(12)


class LigneTableau(NamedTuple):
    """Une échéance du tableau (enregistrement immuable). ``taux`` est le taux actuariel annuel
    en vigueur sur la période, ``taux_progressivite`` le taux de progressivité annuel en vigueur.

    Contrairement aux modèles (``attrs``), les lignes du tableau sont des ``NamedTuple`` : un
    tableau de 480 échéances en crée 480, et le constructeur d'un ``NamedTuple`` est trois à
    quatre fois plus rapide (voir ``benchmarks/``).
    """

    numero: int
    date: dt.date
    taux: Decimal
    taux_progressivite: Decimal
    valeur_index: Decimal
    echeance: Decimal
    amortissement: Decimal
    interets: Decimal
    interets_a_differer: Decimal
    stock_rembourse: Decimal
    capital_du: Decimal
    stock_interets_differes: Decimal
    remboursement_anticipe: Decimal = Decimal("0.00")
    interets_differes_rembourses: Decimal = Decimal("0.00")


@attrs.frozen(kw_only=True)
class TableauAmortissement:
    """Tableau d'amortissement d'une ligne, avec ses hypothèses."""

    ligne: LigneDePret
    lignes: tuple[LigneTableau, ...]
    capital: Decimal
    interets_prefinancement: Decimal
    date_debut_amortissement: dt.date
    index: str
    hypotheses: tuple[str, ...] = ()

    def __iter__(self) -> Iterator[LigneTableau]:
        return iter(self.lignes)

    def __len__(self) -> int:
        return len(self.lignes)

    def _somme(self, champ: str) -> Decimal:
        return sum((getattr(r, champ) for r in self.lignes), _ZERO)

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

    def ligne_au(self, jour: dt.date) -> LigneTableau | None:
        """La dernière échéance à la date ``jour`` ou avant (``None`` avant la première)."""
        precedente = None
        for ligne in self.lignes:
            if ligne.date > jour:
                break
            precedente = ligne
        return precedente

    def _repr_html_(self) -> str:
        from collectivites.prets.rendu import tableau_html

        return tableau_html(self)


def _arrondi(x: Decimal) -> Decimal:
    return x.quantize(CENTIME, rounding=ROUND_HALF_UP)


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
    return _facteur_fraction(taux, _fraction(debut, fin, ligne), ligne)


def _facteur_fraction(taux: Decimal, fraction: Decimal, ligne: LigneDePret) -> Decimal:
    return _puissance(taux, fraction, ligne.mode_calcul_interets is ModeCalcul.PROPORTIONNEL)


@functools.lru_cache(maxsize=65536)
def _puissance(taux: Decimal, fraction: Decimal, proportionnel: bool) -> Decimal:
    """Taux d'une fraction d'année ; mis en cache (fonction pure, calculée à 34 chiffres) : un
    portefeuille rencontre sans cesse les mêmes couples (taux, durée de période)."""
    if proportionnel:
        return CONTEXTE_CALCUL.multiply(taux, fraction)
    if fraction == 1:
        return taux
    return CONTEXTE_CALCUL.subtract(
        CONTEXTE_CALCUL.power(CONTEXTE_CALCUL.add(_UN, taux), fraction), _UN
    )


def _progressivite_periode(progressivite: Decimal, mois: int) -> Decimal:
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


def _taux_revises(ligne: LigneDePret, valeur_index: Decimal) -> tuple[Decimal, Decimal]:
    """(I', P') pour une valeur d'index (art. 10)."""
    i, p = ligne.taux_interet, ligne.taux_progressivite
    if ligne.revision is Revision.FIXE:
        return i, p
    dt_index = valeur_index - ligne.valeur_index_reference
    i_revise = max(i + dt_index, _ZERO)
    if ligne.revision is Revision.SR:
        return i_revise, p
    r = _UN + dt_index / (_UN + i)
    p_revise = r * (_UN + p) - _UN
    if ligne.revision is Revision.DL and ligne.taux_plancher_progressivite is not None:
        p_revise = max(p_revise, ligne.taux_plancher_progressivite)
    return i_revise, p_revise


def _erreur_index(ligne: LigneDePret, jour: dt.date, exc: Exception) -> ErreurDonnees:
    return ErreurDonnees(
        f"ligne « {ligne.identifiant or ligne.produit} » : index « {ligne.index} » "
        f"indisponible au {jour.isoformat()} ({exc})"
    )


def _valeur_index(source: SourceIndex, jour: dt.date, ligne: LigneDePret) -> Decimal:
    try:
        return source.valeur_au(jour)
    except ErreurDonnees as exc:
        raise _erreur_index(ligne, jour, exc) from None


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
    taux_base = (
        ligne.prefinancement.taux if ligne.prefinancement.taux is not None else (ligne.taux_interet)
    )
    versements = [(v.date, v.montant) for v in ligne.versements] or [(debut, ligne.montant)]
    points = getattr(source, "points", ())
    total = _ZERO
    for date_versement, montant in versements:
        bornes = [date_versement]
        bornes += [p.date_effet for p in points if date_versement < p.date_effet < ddpa]
        bornes.append(ddpa)
        for a, b in itertools.pairwise(bornes):
            dt_index = _valeur_index(source, a, ligne) - ligne.valeur_index_reference
            if ligne.revision is Revision.FIXE:
                dt_index = _ZERO
            taux = max(taux_base + dt_index, _ZERO)
            total += montant * _facteur(taux, a, b, ligne)
    return _arrondi(total)


def _verifier_versements(ligne: LigneDePret, ddpa: dt.date, premiere: dt.date) -> None:
    """Dates des versements : pendant le préfinancement s'il y en a un (avant la Date de Début de
    la Phase d'Amortissement), sinon au plus tard deux mois avant la première échéance (art. 8 :
    « le dernier Versement doit impérativement intervenir deux mois avant la première Date
    d'Echéance »)."""
    limite = ddpa if ligne.prefinancement is not None else ajouter_mois(premiere, -2)
    for versement in ligne.versements:
        if versement.date > limite:
            raise ErreurValeur(
                f"versement du {versement.date.isoformat()} trop tardif : au plus tard le "
                f"{limite.isoformat()} pour la ligne « {ligne.identifiant} »"
            )


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
    arrondis = [_ZERO, *(_arrondi(c) for c in cumuls), capital]
    return [b - a for a, b in itertools.pairwise(arrondis)]


def calculer_tableau(
    ligne: LigneDePret,
    *,
    index: SourceIndex | None = None,
    remboursements: Mapping[dt.date, Decimal] | None = None,
) -> TableauAmortissement:
    """Calcule le tableau d'amortissement d'une ligne.

    ``index`` : ``None`` fige l'index à sa valeur de référence, comme le tableau prévisionnel
    imprimé par la CDC ; sinon une source d'index (série historique, scénario…) qui répond à
    ``valeur_au(date)``.

    ``remboursements`` : remboursements anticipés de capital, par date d'échéance (art. 17.1.2).
    Le remboursement s'impute après l'échéance du jour ; les intérêts différés sont dus au
    prorata du capital remboursé ; les échéances suivantes sont recalculées sur le capital
    restant dû et la durée résiduelle. Un remboursement de tout le capital clôt le tableau.
    """
    remboursements = dict(remboursements or {})
    dates_ligne = set(dates_echeances(ligne)) if remboursements else set()
    for jour, montant in remboursements.items():
        if jour not in dates_ligne:
            raise ErreurValeur(
                f"un remboursement anticipé n'est possible qu'à une date d'échéance "
                f"(reçu : {jour.isoformat()})"
            )
        if montant <= 0 or montant != montant.quantize(CENTIME):
            raise ErreurValeur(
                f"le remboursement anticipé du {jour.isoformat()} doit être un montant > 0 au "
                f"centime (reçu : {montant})"
            )
        remboursements[jour] = montant.quantize(CENTIME)
    source: SourceIndex = (
        index if index is not None else IndexFige(valeur=ligne.valeur_index_reference)
    )
    description = getattr(source, "description", None) or getattr(source, "nom", "index fourni")
    with localcontext(_CONTEXTE_TABLEAU):
        ddpa = date_debut_amortissement(ligne)
        dates = dates_echeances(ligne)
        interets_prefi = _interets_prefinancement(ligne, source, ddpa)
        capital = ligne.capital_verse
        if ligne.versements:
            _verifier_versements(ligne, ddpa, dates[0])
        prefi = ligne.prefinancement
        if prefi is not None and prefi.reglement is ReglementPrefinancement.CAPITALISATION:
            capital += interets_prefi
        mois = ligne.periodicite.mois
        n = ligne.duree
        differe = ligne.periodes_differe
        profil = ligne.profil
        crd = capital
        stock = _ZERO_CENTIMES
        echeance_courante: Decimal | None = None
        amortissements: list[Decimal] = []
        lignes: list[LigneTableau] = []
        # Les puissances fractionnaires coûtent cher : on ne recalcule taux, taux de période et
        # progressivité que lorsque l'index change, et une puissance par couple (taux, durée).
        facteurs: dict[tuple[Decimal, Decimal], Decimal] = {}
        reguliere = ligne.base_calcul is BaseCalcul.TRENTE_360
        fraction = Decimal(mois) / _DOUZE
        valeur_au = source.valeur_au
        arrondir_centime = _CONTEXTE_TABLEAU.quantize  # au centime, au demi supérieur
        valeur_precedente: Decimal | None = None
        i = p_annuel = p_periode = t = _ZERO
        progression = _UN
        change = True
        debut = ddpa
        for k, date in enumerate(dates, start=1):
            try:
                valeur_index = valeur_au(debut)
            except ErreurDonnees as exc:
                raise _erreur_index(ligne, debut, exc) from None
            if valeur_index != valeur_precedente:
                valeur_precedente = valeur_index
                nouveaux = _taux_revises(ligne, valeur_index)
                if k == 1 or nouveaux != (i, p_annuel):
                    change = True
                    i, p_annuel = nouveaux
                    p_periode = _progressivite_periode(p_annuel, mois)
                    progression = _UN + p_periode
            if not reguliere:
                fraction = _fraction(debut, date, ligne)
            if change or not reguliere:
                t_cache = facteurs.get((i, fraction))
                if t_cache is None:
                    t_cache = facteurs[i, fraction] = _facteur_fraction(i, fraction, ligne)
                t = t_cache
            k_interets = crd + stock
            interets = arrondir_centime(k_interets * t, CENTIME)
            a_differer = stock_rembourse = amortissement = _ZERO_CENTIMES
            if k == 1 and ligne.versements and prefi is None:
                # Art. 11 : « les intérêts dus au titre de la première échéance seront déterminés
                # prorata temporis pour tenir compte des dates effectives de Versement ».
                interets = arrondir_centime(
                    sum(
                        (v.montant * _facteur(i, v.date, date, ligne) for v in ligne.versements),
                        _ZERO,
                    ),
                    CENTIME,
                )
            if k <= differe:
                if ligne.differe_capitalise:
                    amortissement = -interets  # intérêts ajoutés au capital
                    echeance = _ZERO_CENTIMES
                else:
                    echeance = interets
            elif k == n:
                amortissement = crd
                stock_rembourse = stock
                echeance = interets + crd + stock
            elif profil is Profil.AMORTISSEMENT_PRIORITAIRE:
                if not amortissements:
                    amortissements = _amortissements_prioritaires(crd, p_periode, n - k + 1)
                amortissement = amortissements.pop(0)
                echeance = amortissement + interets
            else:
                if change or echeance_courante is None:
                    echeance_courante = _echeance_theorique(k_interets, t, p_periode, n - k + 1)
                else:
                    echeance_courante *= progression
                change = False
                echeance = arrondir_centime(echeance_courante, CENTIME)
                if echeance < interets:
                    if profil is Profil.AMORTISSEMENT_DEDUIT_INTERETS_PRIORITAIRES:
                        echeance = interets
                    else:
                        a_differer = interets - echeance
                else:
                    amortissement = echeance - interets
                    if stock:
                        stock_rembourse = min(stock, amortissement)
                        amortissement -= stock_rembourse
                    if amortissement > crd:  # ne peut amortir plus que le capital restant dû
                        amortissement = crd
                        echeance = interets + stock_rembourse + amortissement
            crd -= amortissement
            if a_differer or stock_rembourse:
                stock += a_differer - stock_rembourse
            rembourse = stock_ra = _ZERO_CENTIMES
            if remboursements and date in remboursements:
                rembourse = remboursements[date]
                if rembourse > crd:
                    raise ErreurValeur(
                        f"le remboursement anticipé du {date.isoformat()} ({rembourse}) dépasse "
                        f"le capital restant dû ({crd})"
                    )
                stock_ra = arrondir_centime(stock * rembourse / crd, CENTIME) if stock else stock
                crd -= rembourse
                stock -= stock_ra
                change = True  # échéances recalculées sur la durée résiduelle
                amortissements = []
            lignes.append(
                LigneTableau(
                    k,
                    date,
                    i,
                    p_annuel,
                    valeur_index,
                    echeance,
                    amortissement,
                    interets,
                    a_differer,
                    stock_rembourse,
                    crd,
                    stock,
                    rembourse,
                    stock_ra,
                )
            )
            debut = date
            if rembourse and not crd:
                break  # remboursement total
    hypotheses = []
    if index is None:
        hypotheses.append(
            f"Index figé à sa valeur de référence ({formater_taux(ligne.valeur_index_reference)}), "
            "comme le tableau prévisionnel de la CDC."
        )
    if ligne.prefinancement is not None:
        hypotheses.append(
            "Préfinancement : versement unique au début de la phase (hypothèse du tableau "
            "prévisionnel de la CDC)."
        )
    else:
        hypotheses.append(
            "Versement unique à la Date de Début de la Phase d'Amortissement (art. 12 : « calculée "
            "sur la base d'un Versement unique »)."
        )
    return TableauAmortissement(
        ligne=ligne,
        lignes=tuple(lignes),
        capital=capital,
        interets_prefinancement=interets_prefi,
        date_debut_amortissement=ddpa,
        index=str(description),
        hypotheses=tuple(hypotheses),
    )
