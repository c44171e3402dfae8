"""Courbe de taux zéro-coupon fournie par l'utilisateur, pour actualiser des flux.

Le contrat actualise la valeur de marché d'une ligne « sur la Courbe de Taux de Swap Euribor zéro
coupon » du jour du calcul, les maturités manquantes étant obtenues par interpolation linéaire
(art. 5). La bibliothèque ne livre pas de courbe (données de marché) : l'utilisateur donne ses
points, maturité en années et taux actuariel annuel.
"""

from __future__ import annotations

import itertools
from decimal import Decimal
from pathlib import Path

import attrs

from collectivites._moteur import CONTEXTE_CALCUL, moteur
from collectivites.chargement import lire_cellule, lire_csv, lire_texte_tableur
from collectivites.erreurs import ErreurCollectivites, ErreurDossier, ErreurValeur
from collectivites.monnaie import en_decimal
from collectivites.taux import lire_taux

__all__ = ["CourbeZeroCoupon", "lire_courbe_csv"]


#: Plus longue maturité acceptée (100 ans).
MATURITE_MAX = Decimal(100)


def _points(valeur: object) -> tuple[tuple[Decimal, Decimal], ...]:
    """Les points en tuples de deux ``Decimal`` finis (jamais de flottants)."""
    if not isinstance(valeur, list | tuple):
        raise ErreurValeur("la courbe est une suite de points", cle="points", valeur=valeur)
    resultat = []
    for rang, point in enumerate(valeur):
        if (
            not isinstance(point, list | tuple)
            or len(point) != 2
            or not all(isinstance(x, Decimal) and x.is_finite() for x in point)
        ):
            raise ErreurValeur(
                "point invalide",
                cle=f"points[{rang}]",
                valeur=point,
                attendu="(maturité en années, taux) en Decimal",
            )
        resultat.append((point[0], point[1]))
    return tuple(resultat)


@attrs.frozen(kw_only=True)
class CourbeZeroCoupon:
    """Points (maturité en années, taux zéro-coupon annuel), maturités strictement croissantes.

    Entre deux points, le taux est interpolé linéairement ; avant le premier, le premier taux
    s'applique ; au-delà du dernier, l'actualisation est refusée (la courbe a un trou).
    """

    points: tuple[tuple[Decimal, Decimal], ...] = attrs.field(converter=_points)
    source: str = ""

    @points.validator
    def _verifier(self, _attribut: object, valeur: tuple[tuple[Decimal, Decimal], ...]) -> None:
        if not valeur:
            raise ErreurValeur("la courbe de taux est vide", cle="points")
        for rang, (maturite, taux) in enumerate(valeur):
            if not Decimal(0) < maturite <= MATURITE_MAX:
                raise ErreurValeur(
                    "maturité hors des bornes",
                    cle=f"points[{rang}]",
                    valeur=maturite,
                    attendu=f"> 0 et ≤ {MATURITE_MAX} ans",
                )
            if not Decimal("-0.10") <= taux <= Decimal("0.30"):
                raise ErreurValeur(
                    "taux zéro-coupon hors des bornes",
                    cle=f"points[{rang}]",
                    valeur=taux,
                    attendu="de -10 % à 30 % (fraction)",
                )
        for rang, ((a, _x), (b, _y)) in enumerate(itertools.pairwise(valeur), start=1):
            if b <= a:
                raise ErreurValeur(
                    "les maturités de la courbe doivent croître strictement",
                    cle=f"points[{rang}]",
                    valeur=f"{a} puis {b}",
                )

    @property
    def maturite_max(self) -> Decimal:
        return self.points[-1][0]

    def taux(self, annees: Decimal) -> Decimal:
        """Taux zéro-coupon interpolé à ``annees``."""
        if annees > self.maturite_max:
            raise ErreurValeur(
                f"la courbe s'arrête à {self.maturite_max} ans : complétez-la (aucune "
                "extrapolation)",
                cle="courbe",
                valeur=f"un flux à {annees:.4f} ans",
            )
        premier_m, premier_t = self.points[0]
        if annees <= premier_m:
            return premier_t
        for (m1, t1), (m2, t2) in itertools.pairwise(self.points):
            if m1 <= annees <= m2:
                return t1 + (t2 - t1) * (annees - m1) / (m2 - m1)
        raise AssertionError("inatteignable")  # pragma: no cover

    def facteur_actualisation(self, annees: Decimal) -> Decimal:
        """(1 + z(t))^(−t)."""
        if annees <= 0:
            return Decimal(1)
        base = CONTEXTE_CALCUL.add(Decimal(1), self.taux(annees))
        return CONTEXTE_CALCUL.power(base, -annees)


@moteur
def lire_courbe_csv(chemin: str | Path) -> CourbeZeroCoupon:
    """Lit une courbe CSV ``maturite_ans,taux`` (« 2,5 % »), aussi au format d'un tableur
    français (« ; », virgule décimale)."""
    nom = str(chemin)
    _entetes, lignes = lire_csv(
        lire_texte_tableur(chemin), fichier=nom, colonnes=("maturite_ans", "taux")
    )
    points = [
        (
            lire_cellule(ligne, "maturite_ans", en_decimal, nom),
            lire_cellule(ligne, "taux", lire_taux, nom),
        )
        for ligne in lignes
    ]
    try:
        return CourbeZeroCoupon(points=tuple(points), source=nom)
    except ErreurCollectivites as exc:
        raise ErreurDossier(
            exc.message, fichier=nom, valeur=exc.valeur, attendu=exc.attendu
        ) from None
