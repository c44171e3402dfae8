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

from collectivites._interets import PeriodeInterets, interets_par_periodes, table_periodes
from collectivites._moteur import moteur, somme
from collectivites.dates import ajouter_mois
from collectivites.donnees import SourceIndex, avertissements_de_source
from collectivites.erreurs import ErreurValeur
from collectivites.monnaie import arrondir
from collectivites.presentation import Presentable
from collectivites.tables import Document, Genre, Table, colonnes, faits

__all__ = ["MAJORATION_MORATOIRE", "ResultatMoratoires", "interets_moratoires"]

#: « majoré de 6 % (600 points de base) » (art. 18).
MAJORATION_MORATOIRE = Decimal("0.06")


@attrs.frozen(kw_only=True)
class ResultatMoratoires(Presentable):
    """Intérêts moratoires d'une somme impayée."""

    montant: Decimal
    exigibilite: dt.date
    paiement: dt.date
    periodes: tuple[PeriodeInterets, ...]
    capitalisations: tuple[tuple[dt.date, Decimal], ...]
    interets: Decimal
    avertissements: tuple[str, ...] = ()

    @property
    def total_du(self) -> Decimal:
        return somme((self.montant, self.interets))

    def decrire(self) -> Document:
        """Périodes à taux constant, capitalisations et total."""
        return Document(
            titre="Intérêts moratoires (art. 18)",
            faits=faits(
                ("montant", "Somme impayée", self.montant, Genre.MONTANT),
                ("exigibilite", "Exigible le", self.exigibilite, Genre.DATE),
                ("paiement", "Payée le", self.paiement, Genre.DATE),
                ("interets", "Intérêts moratoires", self.interets, Genre.MONTANT),
                ("total_du", "Total dû", self.total_du, Genre.MONTANT),
            ),
            tables=(
                table_periodes(self.periodes),
                Table(
                    cle="capitalisations",
                    titre="Capitalisations annuelles",
                    colonnes=colonnes(
                        ("date", "Date", Genre.DATE),
                        ("montant", "Montant capitalisé", Genre.MONTANT),
                    ),
                    lignes=self.capitalisations,
                ),
            ),
            hypotheses=(
                "Taux de l'index du jour majoré de 6 points ; jours exacts sur 365 ; "
                "capitalisation à chaque anniversaire de l'exigibilité (art. 18).",
                "Intérêts de chaque période écrits au centime ; les capitalisations et le total "
                "arrondissent une seule fois la somme exacte (non arrondie) des périodes : ils "
                "peuvent différer d'un centime de la somme des lignes affichées.",
                *self.avertissements,
            ),
        )


@moteur
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
            "le paiement précède l'exigibilité",
            cle="paiement",
            valeur=paiement,
            attendu=f"une date à partir du {exigibilite.isoformat()}",
        )
    if montant <= 0 or montant != arrondir(montant) or montant > Decimal("1e10"):
        raise ErreurValeur(
            "montant impayé invalide",
            cle="montant",
            valeur=montant,
            attendu="un montant > 0 au centime",
        )
    if base_jours not in (360, 365, 366):
        raise ErreurValeur(
            "base de jours invalide", cle="base_jours", valeur=base_jours, attendu="360, 365 ou 366"
        )
    if not Decimal(0) <= majoration <= Decimal("0.20"):
        raise ErreurValeur(
            "majoration hors des bornes",
            cle="majoration",
            valeur=majoration,
            attendu="de 0 à 20 points",
        )
    anniversaires = []
    annee = 1
    while (jour := ajouter_mois(exigibilite, 12 * annee)) < paiement:
        anniversaires.append(jour)
        annee += 1
    base = montant
    courus = Decimal(0)  # intérêts échus non capitalisés
    periodes: list[PeriodeInterets] = []
    capitalisations = []
    for debut, fin in itertools.pairwise([exigibilite, *anniversaires, paiement]):
        if debut in anniversaires:
            capitalise = arrondir(courus)
            capitalisations.append((debut, capitalise))
            base += capitalise
            courus = Decimal(0)
        annee_courue = interets_par_periodes(
            base, debut, fin, index, majoration=majoration, jours_annee=base_jours
        )
        periodes += annee_courue
        courus += sum((p.interets for p in annee_courue), Decimal(0))
    total = arrondir(sum((c for _d, c in capitalisations), Decimal(0)) + courus)
    return ResultatMoratoires(
        montant=montant,
        exigibilite=exigibilite,
        paiement=paiement,
        periodes=tuple(periodes),
        capitalisations=tuple(capitalisations),
        interets=total,
        avertissements=(
            avertissements_de_source(index, paiement - dt.timedelta(days=1))
            if paiement > exigibilite
            else ()
        ),
    )
