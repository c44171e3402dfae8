"""Agrégation par lots des sommes annuelles de lignes, par clé (ligne, emprunteur, garant), en
centimes entiers, avec numpy : les mêmes centimes que la projection ligne par ligne
(:func:`~collectivites.prets._portefeuille.projeter_partie`), dont elle suit les règles.

Les sommes d'un portefeuille arrivent en *cases* : une par ligne et par année (échéances,
intérêts, amortissement, capital dû et stock d'intérêts différés au 31 décembre), les cases d'une
ligne consécutives et dans l'ordre des années. La part d'un garant (art. 16) suit
:func:`~collectivites.prets._portefeuille.repartir` : pour deux garants, la part du premier
arrondie au plus proche (au demi supérieur en valeur absolue), celle du second en complément ;
pour trois garants ou plus, le plus fort reste, en entiers exacts ; l'amortissement de chaque
garant est la baisse de sa part de capital dû. Les sommes par clé et par année se font par
``bincount`` quand la somme des valeurs absolues reste sous 2^53 (les flottants de 64 bits y
sont exacts), sinon par ``numpy.add.at`` en entiers de 64 bits sous 2^62 ; au-delà, le lot
renonce (:class:`Renoncement`) et la partie passe par la projection ligne par ligne.
"""

from __future__ import annotations

import math
from array import array
from collections.abc import Sequence
from fractions import Fraction
from typing import Any

import numpy as np
import numpy.typing as npt

from collectivites.prets._centimes import SerieCentimes
from collectivites.prets._modeles import Garant

__all__ = ["Cases", "Renoncement", "series_par_cle", "series_par_ligne"]

Entiers = npt.NDArray[np.int64]

_BORNE_FLOTTANTS = 2**53
_BORNE_64 = 2**62
#: Chiffres au plus d'une quotité pour que « montant × quotité » soit exact à 34 chiffres
#: (un montant compte au plus 13 chiffres en centimes : 10 milliards d'euros).
_CHIFFRES_QUOTITE = 21


class Renoncement(Exception):
    """Le lot ne sait pas agréger cette partie exactement : la projection ligne par ligne la
    reprend (jamais montré à l'utilisateur)."""


class Cases:
    """Les cases (ligne, année) d'une partie : ``ligne`` (rang dans la partie), ``annee``,
    ``valeurs`` (n × 5 centimes), et pour chaque ligne son capital d'origine en centimes et le
    rang de sa première case (``debut``, de longueur lignes + 1)."""

    def __init__(
        self, ligne: Entiers, annee: Entiers, valeurs: Entiers, capital: Entiers, debut: Entiers
    ) -> None:
        self.ligne, self.annee, self.valeurs = ligne, annee, valeurs
        self.capital, self.debut = capital, debut

    def precedent(self) -> Entiers:
        """Le capital dû à la fin de l'année précédente de chaque case (le capital d'origine
        pour la première case d'une ligne)."""
        crd = self.valeurs[:, 3]
        resultat = np.empty_like(crd)
        resultat[1:] = crd[:-1]
        premieres = self.debut[:-1][self.debut[:-1] < self.debut[1:]]
        resultat[premieres] = self.capital[self.ligne[premieres]]
        return resultat


def series_par_ligne(cases: Cases, cles: Sequence[str]) -> dict[str, SerieCentimes]:
    """Une série par ligne (``cles`` : la clé de chaque ligne, dans l'ordre de la partie)."""
    annees = cases.annee.astype(np.int32).tobytes()
    valeurs = cases.valeurs.tobytes()  # cinq montants par case, à la suite
    debut = cases.debut.tolist()
    resultat: dict[str, SerieCentimes] = {}
    for rang, cle in enumerate(cles):
        a, b = debut[rang], debut[rang + 1]
        serie = SerieCentimes(
            array("i", annees[4 * a : 4 * b]), array("q", valeurs[40 * a : 40 * b])
        )
        deja = resultat.get(cle)
        resultat[cle] = serie if deja is None else deja + serie
    return resultat


def _part(x: Entiers, n: Entiers, d: Entiers | int) -> Entiers:
    """``x × n / d`` arrondi au centime au demi supérieur en valeur absolue
    (``_part_arrondie`` de la projection ligne par ligne)."""
    resultat: Entiers = np.sign(x) * ((2 * np.abs(x) * n + d) // (2 * d))
    return resultat


_Contribution = tuple[Entiers, Entiers, list[Entiers]]  # rang de clé, année, cinq colonnes


def _deux(
    cases: Cases, choisies: Entiers, ratios: Sequence[Entiers], ids: Sequence[Entiers]
) -> list[_Contribution]:
    """Les contributions des lignes à deux garants (``ratios`` : n, d de la quotité du premier,
    par ligne ; ``ids`` : les rangs de clé des deux garants, par ligne). Les quotités sont
    ramenées à un dénominateur commun D (une division entière par un scalaire)."""
    if choisies.size == len(cases.ligne):  # toutes les cases : sans recopie
        ligne, v, precedent, annee = cases.ligne, cases.valeurs, cases.precedent(), cases.annee
    else:
        ligne, v = cases.ligne[choisies], cases.valeurs[choisies]
        precedent, annee = cases.precedent()[choisies], cases.annee[choisies]
    lignes_deux = np.unique(ligne)
    denominateur = math.lcm(*np.unique(ratios[1][lignes_deux]).tolist())
    if denominateur >= _BORNE_64:
        raise Renoncement
    numerateurs = ratios[0] * (denominateur // ratios[1])  # par ligne (les autres : sans objet)
    n = numerateurs[ligne]
    grand = max(int(v.max()), -int(v.min()), int(precedent.max()), -int(precedent.min()))
    # 2·|x|·n + D sous 2^62 pour toute case
    if 2 * grand * int(n.max()) + denominateur >= _BORNE_64:
        raise Renoncement
    positif = int(v.min()) >= 0 and int(precedent.min()) >= 0
    n2, d2 = 2 * n, 2 * denominateur

    def part(x: Entiers, choix: Any = slice(None)) -> Entiers:
        if positif:  # le cas courant : (2·x·n + D) // (2·D)
            resultat: Entiers = (x * n2[choix] + denominateur) // d2
            return resultat
        return _part(x, n[choix], denominateur)

    e, i, c, stock = v[:, 0], v[:, 1], v[:, 3], v[:, 4]
    e1, i1, c1 = part(e), part(i), part(c)
    # la part du capital dû de l'année précédente : celle de la case précédente de la ligne
    # (la même formule sur le même montant), et pour la première, celle du capital d'origine
    p1 = np.empty_like(c1)
    p1[1:] = c1[:-1]
    premieres = np.flatnonzero(np.diff(ligne, prepend=-1))
    p1[premieres] = part(precedent[premieres], premieres)
    s1 = part(stock) if stock.any() else np.zeros_like(stock)
    c2 = c - c1
    return [
        (ids[0][ligne], annee, [e1, i1, p1 - c1, c1, s1]),
        (ids[1][ligne], annee, [e - e1, i - i1, (precedent - p1) - c2, c2, stock - s1]),
    ]


def _repartir(montant: int, quotites: Sequence[Fraction]) -> list[int]:
    """:func:`~collectivites.prets._portefeuille.repartir` (trois garants ou plus) en
    centimes entiers : planchers, puis les centimes restants aux plus forts restes (à égalité,
    au premier)."""
    if not montant:
        return [0] * len(quotites)
    exactes = [montant * q for q in quotites]
    planchers = [e.numerator // e.denominator for e in exactes]
    reste = montant - sum(planchers)
    if reste:
        ordre = sorted(range(len(quotites)), key=lambda i: (-(exactes[i] - planchers[i]), i))
        for i in ordre[:reste]:
            planchers[i] += 1
    return planchers


def _plusieurs(
    cases: Cases, rang: int, garants: Sequence[Garant], ids: Sequence[int]
) -> list[list[int]]:
    """Les contributions d'une ligne à trois garants ou plus (entiers Python exacts)."""
    quotites = []
    for g in garants:
        if len(g.quotite.as_tuple().digits) > _CHIFFRES_QUOTITE:
            raise Renoncement
        quotites.append(Fraction(g.quotite))
    a, b = int(cases.debut[rang]), int(cases.debut[rang + 1])
    precedent = _repartir(int(cases.capital[rang]), quotites)
    lignes: list[list[int]] = []
    for case in range(a, b):
        e, i, _a, c, s = (int(x) for x in cases.valeurs[case])
        capital = _repartir(c, quotites)
        parts = zip(
            _repartir(e, quotites), _repartir(i, quotites), precedent, capital,
            _repartir(s, quotites), strict=True,
        )  # fmt: skip
        annee = int(cases.annee[case])
        for cle, (pe, pi, pp, pc, ps) in zip(ids, parts, strict=True):
            lignes.append([cle, annee, pe, pi, pp - pc, pc, ps])
        precedent = capital
    return lignes


def _borne(colonne: Entiers) -> int:
    """Un majorant de la somme des valeurs absolues d'une colonne."""
    if not colonne.size:
        return 0
    return max(-int(colonne.min()), int(colonne.max())) * colonne.size


def _sommer(morceaux: Sequence[tuple[Entiers, Entiers]], taille: int) -> Entiers:
    """Sommes des poids par ``ids`` (``morceaux`` : couples (ids, poids)) en entiers exacts :
    ``bincount`` (flottants de 64 bits, exacts tant que la somme des valeurs absolues reste
    sous 2^53), sinon ``add.at`` en entiers de 64 bits sous 2^62 ; au-delà, le lot renonce."""
    borne = sum(_borne(poids) for _ids, poids in morceaux)
    if borne < _BORNE_FLOTTANTS:
        total = np.zeros(taille, dtype=np.float64)
        for ids, poids in morceaux:
            total += np.bincount(ids, weights=poids, minlength=taille)
        return np.rint(total).astype(np.int64)
    if borne >= _BORNE_64:
        raise Renoncement
    resultat = np.zeros(taille, dtype=np.int64)
    for ids, poids in morceaux:
        np.add.at(resultat, ids, poids)
    return resultat


def series_par_cle(
    cles: Sequence[str], morceaux: Sequence[_Contribution]
) -> dict[str, SerieCentimes]:
    """Les séries des clés ``cles`` (dans l'ordre où elles apparaissent dans la partie) : les
    contributions (rang de clé, année, 5 colonnes de montants) sommées par clé et par année ;
    une clé n'a que les années de ses contributions."""
    if not cles:
        return {}
    morceaux = [m for m in morceaux if m[0].size]
    premiere = min((int(m[1].min()) for m in morceaux), default=0)
    nombre_annees = max((int(m[1].max()) for m in morceaux), default=premiere) - premiere + 1
    taille = len(cles) * nombre_annees
    ids = [cle * nombre_annees + (annee - premiere) for cle, annee, _v in morceaux]
    vues = np.zeros(taille, dtype=np.bool_)
    for i in ids:
        vues[i] = True
    colonnes = [
        _sommer([(i, m[2][j]) for i, m in zip(ids, morceaux, strict=True)], taille)
        for j in range(5)
    ]
    tableau = np.stack(colonnes, axis=1).reshape(len(cles), nombre_annees, 5)
    grille = vues.reshape(len(cles), nombre_annees)
    resultat: dict[str, SerieCentimes] = {}
    toutes = np.arange(premiere, premiere + nombre_annees, dtype=np.int32)
    for rang, nom in enumerate(cles):
        masque = grille[rang]
        resultat[nom] = SerieCentimes(
            array("i", toutes[masque].tobytes()), array("q", tableau[rang][masque].tobytes())
        )
    return resultat


def contributions_garants(
    cases: Cases, garants: Sequence[Sequence[Garant]]
) -> tuple[list[str], list[_Contribution]]:
    """Les clés (noms de garants, dans l'ordre où ils apparaissent) et les contributions (rang
    de clé, année, cinq colonnes de montants) de chaque garant de chaque ligne (``garants`` :
    ceux de chaque ligne)."""
    rangs: dict[str, int] = {}
    ratios: dict[object, tuple[int, int]] = {}
    nombres: list[int] = []
    premiers: list[int] = []
    seconds: list[int] = []
    numerateurs: list[int] = []
    denominateurs: list[int] = []
    plusieurs: list[list[int]] = []
    for rang, liste in enumerate(garants):
        nombre = len(liste)
        nombres.append(nombre)
        ids = [rangs.setdefault(g.nom, len(rangs)) for g in liste]
        if nombre == 2:
            quotite = liste[0].quotite
            ratio = ratios.get(quotite)
            if ratio is None:
                ratio = ratios[quotite] = quotite.as_integer_ratio()
                if max(ratio) >= _BORNE_64:
                    raise Renoncement
            numerateurs.append(ratio[0])
            denominateurs.append(ratio[1])
            premiers.append(ids[0])
            seconds.append(ids[1])
            continue
        numerateurs.append(1)
        denominateurs.append(1)
        premiers.append(ids[0] if ids else 0)
        seconds.append(0)
        if nombre > 2:
            plusieurs.extend(_plusieurs(cases, rang, liste, ids))
    entiers = [np.asarray(x, dtype=np.int64) for x in (nombres, premiers, seconds)]
    fractions = [np.asarray(x, dtype=np.int64) for x in (numerateurs, denominateurs)]
    return list(rangs), _morceaux(cases, entiers, fractions, plusieurs)


def _morceaux(
    cases: Cases, entiers: list[Entiers], fractions: list[Entiers], plusieurs: list[list[int]]
) -> list[_Contribution]:
    nombres, premiers, seconds = entiers
    par_case = nombres[cases.ligne]
    morceaux: list[_Contribution] = []
    deux = np.flatnonzero(par_case == 2)
    if deux.size:
        morceaux.extend(_deux(cases, deux, fractions, [premiers, seconds]))
    un = np.flatnonzero(par_case == 1)
    if un.size:
        v = cases.valeurs[un]
        amorti = cases.precedent()[un] - v[:, 3]
        colonnes = [v[:, 0], v[:, 1], amorti, v[:, 3], v[:, 4]]
        morceaux.append((premiers[cases.ligne[un]], cases.annee[un], colonnes))
    if plusieurs:
        try:
            tableau = np.asarray(plusieurs, dtype=np.int64)
        except OverflowError:
            raise Renoncement from None
        morceaux.append((tableau[:, 0], tableau[:, 1], [tableau[:, 2 + j] for j in range(5)]))
    return morceaux
