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

from array import array
from collections.abc import Sequence
from fractions import Fraction

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
    annees = cases.annee.astype(np.int32)
    valeurs = cases.valeurs
    debut = cases.debut.tolist()
    resultat: dict[str, SerieCentimes] = {}
    for rang, cle in enumerate(cles):
        a, b = debut[rang], debut[rang + 1]
        serie = SerieCentimes(array("i", annees[a:b].tobytes()), array("q", valeurs[a:b].tobytes()))
        deja = resultat.get(cle)
        resultat[cle] = serie if deja is None else deja + serie
    return resultat


def _part(x: Entiers, n: Entiers, d: Entiers) -> Entiers:
    """``x × n / d`` arrondi au centime au demi supérieur en valeur absolue
    (``_part_arrondie`` de la projection ligne par ligne)."""
    resultat: Entiers = np.sign(x) * ((2 * np.abs(x) * n + d) // (2 * d))
    return resultat


def _deux(cases: Cases, choisies: Entiers, ratios: Entiers, ids: Entiers) -> list[Entiers]:
    """Les contributions (clé, année, 5 montants) des lignes à deux garants."""
    ligne = cases.ligne[choisies]
    n, d = ratios[ligne, 0], ratios[ligne, 1]
    v = cases.valeurs[choisies]
    precedent = cases.precedent()[choisies]
    if v.size:  # 2·|x|·n + d sous 2^62 pour toute case (bornes prises sur toute la partie)
        grand = max(int(np.abs(v).max()), int(np.abs(precedent).max()))
        if 2 * grand * int(n.max()) + int(d.max()) >= _BORNE_64:
            raise Renoncement
    e1, i1, c1, s1 = (_part(v[:, j], n, d) for j in (0, 1, 3, 4))
    p1 = _part(precedent, n, d)
    premier = np.stack((e1, i1, p1 - c1, c1, s1), axis=1)
    c2 = v[:, 3] - c1
    second = np.stack((v[:, 0] - e1, v[:, 1] - i1, (precedent - p1) - c2, c2, v[:, 4] - s1), axis=1)
    annee = cases.annee[choisies]
    return [ids[ligne, 0], annee, premier, ids[ligne, 1], annee, second]


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


def _sommer(poids: Entiers, ids: Entiers, taille: int) -> Entiers:
    """Sommes de ``poids`` par ``ids`` en entiers exacts : ``bincount`` (flottants de 64 bits)
    sous 2^53 pour la somme des valeurs absolues, ``add.at`` en entiers de 64 bits sous 2^62."""
    # somme des valeurs absolues en flottants (erreur relative bien moindre que 2^-1 : les
    # bornes sont prises avec un bit de marge)
    total = np.abs(poids).sum(dtype=np.float64)
    if total < _BORNE_FLOTTANTS // 2:
        return np.rint(np.bincount(ids, weights=poids, minlength=taille)).astype(np.int64)
    if total >= _BORNE_64 // 2:
        raise Renoncement
    resultat = np.zeros(taille, dtype=np.int64)
    np.add.at(resultat, ids, poids)
    return resultat


def series_par_cle(
    cles: Sequence[str], cle: Entiers, annee: Entiers, valeurs: Entiers
) -> dict[str, SerieCentimes]:
    """Les séries des clés ``cles`` (dans l'ordre où elles apparaissent dans la partie) : les
    contributions (rang de clé, année, 5 montants) sommées par clé et par année ; une clé
    n'a que les années de ses contributions."""
    if not cles:
        return {}
    premiere = int(annee.min()) if annee.size else 0
    nombre_annees = int(annee.max()) - premiere + 1 if annee.size else 1
    ids = cle * nombre_annees + (annee - premiere)
    taille = len(cles) * nombre_annees
    vues = np.bincount(ids, minlength=taille).reshape(len(cles), nombre_annees) > 0
    colonnes = [_sommer(valeurs[:, j], ids, taille) for j in range(5)]
    tableau = np.stack(colonnes, axis=1).reshape(len(cles), nombre_annees, 5)
    resultat: dict[str, SerieCentimes] = {}
    toutes = np.arange(premiere, premiere + nombre_annees, dtype=np.int32)
    for rang, nom in enumerate(cles):
        masque = vues[rang]
        resultat[nom] = SerieCentimes(
            array("i", toutes[masque].tobytes()), array("q", tableau[rang][masque].tobytes())
        )
    return resultat


def contributions_garants(
    cases: Cases, garants: Sequence[Sequence[Garant]], rangs: dict[str, int]
) -> tuple[Entiers, Entiers, Entiers]:
    """Les contributions (rang de clé, année, montants) de chaque garant de chaque ligne
    (``garants`` : ceux de chaque ligne ; ``rangs`` : le rang de chaque nom de garant)."""
    nombre = len(garants)
    ratios = np.ones((nombre, 2), dtype=np.int64)
    ids = np.zeros((nombre, 2), dtype=np.int64)
    nombre_garants = np.zeros(nombre, dtype=np.int64)
    morceaux: list[list[Entiers]] = []
    plusieurs: list[list[int]] = []
    for rang, liste in enumerate(garants):
        nombre_garants[rang] = len(liste)
        if len(liste) == 2:
            n, d = liste[0].quotite.as_integer_ratio()
            if n >= _BORNE_64 or d >= _BORNE_64:
                raise Renoncement
            ratios[rang] = (n, d)
            ids[rang] = (rangs[liste[0].nom], rangs[liste[1].nom])
        elif len(liste) == 1:
            ids[rang, 0] = rangs[liste[0].nom]
        elif liste:
            plusieurs.extend(_plusieurs(cases, rang, liste, [rangs[g.nom] for g in liste]))
    par_case = nombre_garants[cases.ligne]
    deux = np.flatnonzero(par_case == 2)
    if deux.size:
        t = _deux(cases, deux, ratios, ids)
        morceaux.extend([[t[0], t[1], t[2]], [t[3], t[4], t[5]]])
    un = np.flatnonzero(par_case == 1)
    if un.size:
        v = cases.valeurs[un]
        amorti = cases.precedent()[un] - v[:, 3]
        seul = np.stack((v[:, 0], v[:, 1], amorti, v[:, 3], v[:, 4]), axis=1)
        morceaux.append([ids[cases.ligne[un], 0], cases.annee[un], seul])
    if plusieurs:
        try:
            tableau = np.asarray(plusieurs, dtype=np.int64)
        except OverflowError:
            raise Renoncement from None
        morceaux.append([tableau[:, 0], tableau[:, 1], tableau[:, 2:]])
    if not morceaux:
        vide = np.zeros(0, dtype=np.int64)
        return vide, vide, np.zeros((0, 5), dtype=np.int64)
    return (
        np.concatenate([m[0] for m in morceaux]),
        np.concatenate([m[1] for m in morceaux]),
        np.concatenate([m[2] for m in morceaux]),
    )
