"""Régularisation annuelle des acomptes (art. 8.1.2 ; CASF D262-61).

« l'écart qui peut exister entre : la somme des douze acomptes mensuels … appelés auprès du
département de janvier à décembre N, et les opérations constatées dans l'applicatif comptable …
sur la période de décembre N-1 à novembre N. Cette régularisation fait l'objet d'une facture,
adressée par la CCSS au département au mois de décembre de chaque année. »
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal

import attrs

from collectivites._moteur import moteur
from collectivites.dates import ajouter_mois
from collectivites.erreurs import ErreurValeur
from collectivites.presentation import Presentable
from collectivites.regles.rsa._modeles import Acompte, Operation
from collectivites.tables import Document, Genre, Table, colonnes, faits

__all__ = ["ResultatRegularisation", "calculer_regularisation"]


@attrs.frozen(kw_only=True)
class ResultatRegularisation(Presentable):
    """Solde = opérations comptabilisées − acomptes appelés. Positif : le département doit le
    solde à la CAF ; négatif : la CAF le doit au département."""

    annee: int
    total_acomptes: Decimal
    total_operations: Decimal
    solde: Decimal
    mois_facture: dt.date
    detail: tuple[tuple[dt.date, Decimal, dt.date, Decimal], ...] = ()

    @property
    def acompte_imputation(self) -> dt.date:
        """Acompte sur lequel le solde s'impute : CASF D262-61, « s'imputant sur l'acompte mensuel
        le plus proche » ; la facture étant émise en décembre (art. 8.1.2), c'est la demande
        d'acompte de décembre N (interprétation)."""
        return self.mois_facture

    @property
    def debiteur(self) -> str:
        """Qui doit le solde : « département », « CAF » ou « aucun »."""
        if self.solde > 0:
            return "département"
        if self.solde < 0:
            return "CAF"
        return "aucun"

    def decrire(self) -> Document:
        """Les deux totaux, le solde, son débiteur et son imputation ; le détail par mois."""
        n = self.annee
        sens = {
            "département": "le département doit le solde à la CAF",
            "CAF": "la CAF doit le solde au département",
            "aucun": "rien n'est dû",
        }[self.debiteur]
        return Document(
            titre=f"Régularisation {n}",
            faits=faits(
                ("annee", "Année", n, Genre.ANNEE),
                (
                    "total_acomptes",
                    f"Acomptes appelés de janvier à décembre {n}",
                    self.total_acomptes,
                    Genre.MONTANT,
                ),
                (
                    "total_operations",
                    f"Opérations de décembre {n - 1} à novembre {n}",
                    self.total_operations,
                    Genre.MONTANT,
                ),
                ("solde", "Solde", self.solde, Genre.MONTANT),
                ("debiteur", "Débiteur", self.debiteur, Genre.TEXTE),
                ("sens", "Sens", sens, Genre.TEXTE),
                ("mois_facture", "Facturé en", self.mois_facture, Genre.MOIS),
                (
                    "acompte_imputation",
                    "Imputé sur l'acompte de",
                    self.acompte_imputation,
                    Genre.MOIS,
                ),
            ),
            tables=(
                Table(
                    cle="mois",
                    titre="Détail par mois",
                    colonnes=colonnes(
                        ("mois_acompte", "Acompte de", Genre.MOIS),
                        ("acompte", "Acompte appelé", Genre.MONTANT, {"total": True}),
                        ("mois_operations", "Opérations de", Genre.MOIS),
                        ("operations", "Opérations", Genre.MONTANT, {"total": True}),
                    ),
                    lignes=self.detail,
                ),
            ),
        )


def _mois(debut: dt.date) -> list[dt.date]:
    return [ajouter_mois(debut, k) for k in range(12)]


def _verifier_annee(annee: int) -> int:
    """Le type est déjà vérifié par ``@moteur`` (un entier, jamais un booléen)."""
    if not 1901 <= annee <= 2199:
        raise ErreurValeur(
            "année hors du calendrier couvert", cle="annee", valeur=annee, attendu="1901 à 2199"
        )
    return annee


@moteur
def calculer_regularisation(
    annee: int, acomptes: Sequence[Acompte], operations: Sequence[Operation]
) -> ResultatRegularisation:
    """Régularisation de l'année ``annee`` ; les douze mois de chaque côté sont exigés, et un
    acompte ne peut être donné deux fois pour le même mois (les opérations d'un même mois
    s'additionnent)."""
    _verifier_annee(annee)
    attendus_acomptes = _mois(dt.date(annee, 1, 1))
    attendus_operations = _mois(dt.date(annee - 1, 12, 1))
    par_mois_a: dict[dt.date, Acompte] = {}
    for acompte in acomptes:
        if acompte.mois in par_mois_a:
            raise ErreurValeur(
                "acompte présent deux fois pour le même mois",
                cle="acomptes",
                valeur=acompte.mois.strftime("%Y-%m"),
            )
        par_mois_a[acompte.mois] = acompte
    par_mois_o: dict[dt.date, Decimal] = {}
    for operation in operations:
        par_mois_o[operation.mois] = par_mois_o.get(operation.mois, Decimal(0)) + operation.montant
    manquants_a = [m.strftime("%Y-%m") for m in attendus_acomptes if m not in par_mois_a]
    manquants_o = [m.strftime("%Y-%m") for m in attendus_operations if m not in par_mois_o]
    if manquants_a or manquants_o:
        details = []
        if manquants_a:
            details.append(f"acomptes de {', '.join(manquants_a)}")
        if manquants_o:
            details.append(f"opérations de {', '.join(manquants_o)}")
        raise ErreurValeur(
            f"régularisation {annee} : il manque les {' et les '.join(details)}",
            cle="acomptes" if manquants_a else "operations",
            attendu="acomptes de janvier à décembre N, opérations de décembre N-1 à novembre N",
        )
    detail = tuple(
        (a, par_mois_a[a].montant, o, par_mois_o[o])
        for a, o in zip(attendus_acomptes, attendus_operations, strict=True)
    )
    total_a = sum((x[1] for x in detail), Decimal(0))
    total_o = sum((x[3] for x in detail), Decimal(0))
    return ResultatRegularisation(
        annee=annee,
        total_acomptes=total_a,
        total_operations=total_o,
        solde=total_o - total_a,
        mois_facture=dt.date(annee, 12, 1),
        detail=detail,
    )
