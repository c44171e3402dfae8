"""Courbe de taux zéro-coupon fournie par l'utilisateur, pour actualiser des flux.

Le contrat actualise la valeur de marché d'une ligne « sur la Courbe de Taux de Swap Euribor zéro
coupon » du jour du calcul, les maturités manquantes étant obtenues par interpolation linéaire
(art. 5). La bibliothèque ne livre pas de courbe (données de marché) : l'utilisateur donne ses
points, maturité en années et taux actuariel annuel.
"""

from __future__ import annotations

import csv
import io
import itertools
from decimal import Decimal
from pathlib import Path

import attrs

from collectivites._dossier import lire_fichier
from collectivites.erreurs import ErreurDossier, ErreurValeur
from collectivites.monnaie import en_decimal
from collectivites.taux import CONTEXTE_CALCUL, lire_taux

__all__ = ["CourbeZeroCoupon", "lire_courbe_csv"]


@attrs.frozen(kw_only=True)
class CourbeZeroCoupon:
    """Points (maturité en années, taux zéro-coupon annuel), maturités strictement croissantes.

    Entre deux points, le taux est interpolé linéairement ; avant le premier, le premier taux
    s'applique ; au-delà du dernier, l'actualisation est refusée (la courbe a un trou).
    """

    points: tuple[tuple[Decimal, Decimal], ...] = attrs.field()
    source: str = ""

    @points.validator
    def _verifier(self, _attribut: object, valeur: tuple[tuple[Decimal, Decimal], ...]) -> None:
        if not valeur:
            raise ErreurValeur("la courbe de taux est vide")
        maturites = [m for m, _t in valeur]
        if maturites[0] <= 0:
            raise ErreurValeur(f"les maturités doivent être > 0 (reçu : {maturites[0]})")
        for a, b in itertools.pairwise(maturites):
            if b <= a:
                raise ErreurValeur(
                    f"les maturités de la courbe doivent croître strictement ({a} puis {b})"
                )

    @property
    def maturite_max(self) -> Decimal:
        return self.points[-1][0]

    def taux(self, annees: Decimal) -> Decimal:
        """Taux zéro-coupon interpolé à ``annees``."""
        if annees > self.maturite_max:
            raise ErreurValeur(
                f"la courbe s'arrête à {self.maturite_max} ans, un flux est à {annees:.4f} ans : "
                "complétez la courbe (aucune extrapolation)"
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


def lire_courbe_csv(chemin: str | Path) -> CourbeZeroCoupon:
    """Lit une courbe CSV ``maturite_ans,taux`` (« 2,5 % »)."""
    chemin = Path(chemin)
    texte = lire_fichier(chemin)
    lignes = [x for x in texte.splitlines() if x.strip() and not x.startswith("#")]
    lecteur = csv.DictReader(io.StringIO("\n".join(lignes)))
    if not lecteur.fieldnames or {"maturite_ans", "taux"} - set(lecteur.fieldnames):
        raise ErreurDossier("colonnes attendues « maturite_ans,taux »", fichier=str(chemin))
    points = []
    for numero, ligne in enumerate(lecteur, start=2):
        try:
            points.append(
                (
                    en_decimal((ligne["maturite_ans"] or "").strip(), champ="maturite_ans"),
                    lire_taux((ligne["taux"] or "").strip(), champ="taux"),
                )
            )
        except ErreurValeur as exc:
            raise ErreurDossier(f"ligne {numero} : {exc}", fichier=str(chemin)) from None
    try:
        return CourbeZeroCoupon(points=tuple(points), source=str(chemin))
    except ErreurValeur as exc:
        raise ErreurDossier(str(exc), fichier=str(chemin)) from None
