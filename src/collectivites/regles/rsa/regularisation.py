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

from collectivites.dates import ajouter_mois
from collectivites.erreurs import ErreurValeur
from collectivites.regles.rsa.modeles import Acompte, Operation

__all__ = ["ResultatRegularisation", "calculer_regularisation"]


@attrs.frozen(kw_only=True)
class ResultatRegularisation:
    """Solde = opérations comptabilisées − acomptes appelés. Positif : le département doit le
    solde à la CAF ; négatif : la CAF le doit au département."""

    annee: int
    total_acomptes: Decimal
    total_operations: Decimal
    solde: Decimal
    mois_facture: dt.date

    @property
    def acompte_imputation(self) -> dt.date:
        """Acompte sur lequel le solde s'impute : CASF D262-61, « s'imputant sur l'acompte mensuel
        le plus proche » ; la facture étant émise en décembre (art. 8.1.2), c'est la demande
        d'acompte de décembre N (interprétation)."""
        return self.mois_facture

    def _repr_html_(self) -> str:
        from collectivites.regles.rsa.rendu import rendre_regularisation

        return rendre_regularisation(self, "html")

    @property
    def debiteur(self) -> str:
        if self.solde > 0:
            return "département"
        if self.solde < 0:
            return "CAF"
        return "aucun"


def _mois(debut: dt.date) -> list[dt.date]:
    return [ajouter_mois(debut, k) for k in range(12)]


def calculer_regularisation(
    annee: int, acomptes: Sequence[Acompte], operations: Sequence[Operation]
) -> ResultatRegularisation:
    """Régularisation de l'année ``annee`` ; les douze mois de chaque côté sont exigés."""
    attendus_acomptes = _mois(dt.date(annee, 1, 1))
    attendus_operations = _mois(dt.date(annee - 1, 12, 1))
    par_mois_a = {a.mois: a for a in acomptes}
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
            f"régularisation {annee} : il manque les {' et les '.join(details)} "
            "(acomptes de janvier à décembre N, opérations de décembre N-1 à novembre N)"
        )
    total_a = sum((par_mois_a[m].montant for m in attendus_acomptes), Decimal(0))
    total_o = sum((par_mois_o[m] for m in attendus_operations), Decimal(0))
    return ResultatRegularisation(
        annee=annee,
        total_acomptes=total_a,
        total_operations=total_o,
        solde=total_o - total_a,
        mois_facture=dt.date(annee, 12, 1),
    )
