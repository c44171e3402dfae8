"""Taux effectif global d'une ligne (art. 4 et 9 des contrats CDC).

« Le TEG … est calculé selon un mode proportionnel au taux de période » : TEG = taux de période ×
nombre de périodes par an, le taux de période étant le taux actuariel qui égalise le capital
reçu (net des commissions) et les échéances du tableau à index figé. Le contrat le calcule
« sur l'hypothèse d'un unique Versement ».
"""

from __future__ import annotations

from decimal import Decimal

import attrs

from collectivites._moteur import CONTEXTE_CALCUL, moteur
from collectivites.erreurs import ErreurValeur
from collectivites.presentation import Presentable
from collectivites.prets._modeles import LigneDePret
from collectivites.prets._tableau import calculer_tableau
from collectivites.tables import Document, Genre, faits

__all__ = ["ResultatTeg", "calculer_teg"]


@attrs.frozen(kw_only=True)
class ResultatTeg(Presentable):
    """Taux de période (actuariel) et TEG proportionnel ; ``teg_affiche`` arrondi au centième
    de point comme dans le contrat."""

    taux_periode: Decimal
    periodes_par_an: int
    teg: Decimal
    commissions: Decimal

    @property
    def teg_affiche(self) -> Decimal:
        ctx = CONTEXTE_CALCUL
        pourcentage = ctx.multiply(self.teg, Decimal(100)).quantize(Decimal("0.01"), context=ctx)
        return ctx.divide(pourcentage, Decimal(100))

    def decrire(self) -> Document:
        """Taux de période et TEG."""
        return Document(
            titre="Taux effectif global",
            faits=faits(
                ("taux_periode", "Taux de période", self.taux_periode, Genre.TAUX),
                ("periodes_par_an", "Périodes par an", self.periodes_par_an, Genre.ENTIER),
                (
                    "teg",
                    _libelle_teg(self.periodes_par_an),
                    self.teg_affiche,
                    Genre.TAUX,
                ),
                ("commissions", "Commissions", self.commissions, Genre.MONTANT),
            ),
            hypotheses=(
                "TEG proportionnel au taux de période, sur l'hypothèse d'un unique Versement et "
                "de l'index figé (art. 4 et 9).",
            ),
        )


def _libelle_teg(periodes_par_an: int) -> str:
    """« TEG (1 période par an) », « TEG (12 périodes par an) » : accord au singulier sous 2."""
    nom = "période" if periodes_par_an < 2 else "périodes"
    return f"TEG ({periodes_par_an} {nom} par an)"


@moteur
def calculer_teg(ligne: LigneDePret, *, commissions: Decimal = Decimal(0)) -> ResultatTeg:
    """TEG de ``ligne`` avec ``commissions`` (frais payés au versement)."""
    if commissions < 0 or commissions >= ligne.montant:
        raise ErreurValeur(
            "commissions hors des bornes",
            cle="commissions",
            valeur=commissions,
            attendu=f"≥ 0 et < au montant de la ligne ({ligne.montant} €)",
        )
    tableau = calculer_tableau(ligne)
    flux = [r.echeance for r in tableau.lignes]
    net = tableau.capital - commissions
    ctx = CONTEXTE_CALCUL

    def valeur(taux: Decimal) -> Decimal:
        facteur = ctx.divide(Decimal(1), Decimal(1) + taux)
        total, remise = Decimal(0), Decimal(1)
        for f in flux:
            remise = ctx.multiply(remise, facteur)
            total += f * remise
        return ctx.subtract(total, net)

    bas, haut = Decimal("-0.99"), Decimal(1)
    if valeur(bas) < 0 or valeur(haut) > 0:
        raise ErreurValeur("le taux de période n'a pas pu être encadré entre -99 % et 100 %")
    for _ in range(200):
        milieu = (bas + haut) / 2
        if valeur(milieu) > 0:
            bas = milieu
        else:
            haut = milieu
        if haut - bas < Decimal("1e-14"):
            break
    periodes = 12 // ligne.periodicite.mois
    taux_periode = (bas + haut) / 2
    return ResultatTeg(
        taux_periode=taux_periode,
        periodes_par_an=periodes,
        teg=taux_periode * periodes,
        commissions=commissions,
    )
