"""Intérêts moratoires (art. 18 des contrats CDC).

« Toute somme due … non versée à la date d'exigibilité, porte intérêt de plein droit … à compter
de cette date, au taux du Livret A majoré de 6 % (600 points de base) » (lignes sur l'inflation :
« au taux de l'inflation majoré de 6 % »). « les intérêts de retard échus et non-payés seront
capitalisés avec le montant impayé, s'ils sont dus pour au moins une année entière ».

Interprétations : le taux suit l'index jour après jour (chaque changement de l'index ouvre une
nouvelle période) ; « 6 % » s'ajoute en points ; jours exacts sur 365 (le contrat ne fixe pas la
base ; c'est celle de l'intérêt légal) ; capitalisation à chaque anniversaire de l'exigibilité.
"""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal

import attrs

from collectivites.dates import ajouter_mois
from collectivites.erreurs import ErreurValeur
from collectivites.monnaie import arrondir
from collectivites.prets.index import SourceIndex

__all__ = ["MAJORATION_MORATOIRE", "PeriodeMoratoire", "ResultatMoratoires", "interets_moratoires"]

#: « majoré de 6 % (600 points de base) » (art. 18).
MAJORATION_MORATOIRE = Decimal("0.06")


@attrs.frozen(kw_only=True)
class PeriodeMoratoire:
    """Une période à taux constant : base (impayé + intérêts capitalisés), taux, jours."""

    debut: dt.date
    fin: dt.date
    base: Decimal
    taux: Decimal
    interets: Decimal


@attrs.frozen(kw_only=True)
class ResultatMoratoires:
    """Intérêts moratoires d'une somme impayée."""

    montant: Decimal
    exigibilite: dt.date
    paiement: dt.date
    periodes: tuple[PeriodeMoratoire, ...]
    capitalisations: tuple[tuple[dt.date, Decimal], ...]
    interets: Decimal

    @property
    def total_du(self) -> Decimal:
        return self.montant + self.interets


def interets_moratoires(
    montant: Decimal,
    exigibilite: dt.date,
    paiement: dt.date,
    *,
    index: SourceIndex,
    majoration: Decimal = MAJORATION_MORATOIRE,
    base_jours: int = 365,
) -> ResultatMoratoires:
    """Intérêts moratoires de ``montant`` exigible le ``exigibilite``, payé le ``paiement``."""
    if paiement < exigibilite:
        raise ErreurValeur(
            f"le paiement ({paiement.isoformat()}) précède l'exigibilité "
            f"({exigibilite.isoformat()})"
        )
    if montant <= 0:
        raise ErreurValeur(f"le montant impayé doit être > 0 (reçu : {montant})")
    points = getattr(index, "points", ())
    bornes = {exigibilite, paiement}
    bornes.update(p.date_effet for p in points if exigibilite < p.date_effet < paiement)
    anniversaires = []
    annee = 1
    while (jour := ajouter_mois(exigibilite, 12 * annee)) < paiement:
        anniversaires.append(jour)
        bornes.add(jour)
        annee += 1
    base = montant
    courus = Decimal(0)  # intérêts échus non capitalisés
    periodes = []
    capitalisations = []
    ordonnees = sorted(bornes)
    for debut, fin in itertools.pairwise(ordonnees):
        if debut in anniversaires:
            capitalise = arrondir(courus)
            capitalisations.append((debut, capitalise))
            base += capitalise
            courus = Decimal(0)
        taux = index.valeur_au(debut) + majoration
        interets = base * taux * Decimal((fin - debut).days) / Decimal(base_jours)
        periodes.append(
            PeriodeMoratoire(debut=debut, fin=fin, base=base, taux=taux, interets=interets)
        )
        courus += interets
    total = arrondir(sum((c for _d, c in capitalisations), Decimal(0)) + courus)
    return ResultatMoratoires(
        montant=montant,
        exigibilite=exigibilite,
        paiement=paiement,
        periodes=tuple(periodes),
        capitalisations=tuple(capitalisations),
        interets=total,
    )
