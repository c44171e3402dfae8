"""Changement d'index d'une ligne indexée sur l'inflation (contrats 57769 et 57828).

« un taux d'intérêt calculé sur la base du taux du Livret A auquel s'applique une marge de
0,60 % » ; le changement n'est possible « qu'une seule fois, à Date d'Echéance », sur demande
« au plus tard deux mois avant la Date d'Echéance … A défaut, la demande sera retenue pour
l'échéance suivante » ; « commission de changement d'Index de 0.03% (3 points de base) calculée
sur le capital restant dû ».
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import attrs

from collectivites._moteur import moteur
from collectivites.dates import ajouter_mois
from collectivites.donnees import SourceIndex
from collectivites.erreurs import ErreurValeur
from collectivites.monnaie import arrondir
from collectivites.presentation import Presentable
from collectivites.prets._echeancier import dates_echeances
from collectivites.prets._modeles import LigneDePret, Revision
from collectivites.prets._tableau import LigneTableau, TableauAmortissement, calculer_tableau
from collectivites.taux import formater_taux

__all__ = ["COMMISSION_CHANGEMENT_INDEX", "ResultatChangementIndex", "changer_index"]

#: « commission de changement d'Index de 0.03% (3 points de base) ».
COMMISSION_CHANGEMENT_INDEX = Decimal("0.0003")
#: « auquel s'applique une marge de 0,60 % ».
MARGE_LIVRET_A = Decimal("0.006")


@attrs.frozen(kw_only=True)
class ResultatChangementIndex(Presentable):
    """Le changement d'index : date retenue, commission, tableau après changement."""

    date_demande: dt.date
    date_changement: dt.date
    reporte: bool
    capital_restant_du: Decimal
    commission: Decimal
    tableau: TableauAmortissement


def _echeance_retenue(
    ligne: LigneDePret, dates: list[dt.date], date_demande: dt.date, souhaitee: dt.date
) -> tuple[int, dt.date]:
    """Le rang et la date de l'échéance retenue : la souhaitée si la demande arrive au plus tard
    deux mois avant, sinon la suivante (« A défaut, la demande sera retenue pour l'échéance
    suivante »), jamais la dernière."""
    if ligne.index != "inflation":
        raise ErreurValeur(
            "seule une ligne indexée sur l'inflation peut changer d'index",
            cle="index",
            valeur=ligne.index,
            attendu="inflation",
        )
    if souhaitee not in dates:
        raise ErreurValeur(
            "ce n'est pas une date d'échéance de la ligne",
            cle="echeance_souhaitee",
            valeur=souhaitee,
        )
    rang = dates.index(souhaitee)
    while date_demande > ajouter_mois(dates[rang], -2) and rang < len(dates) - 1:
        rang += 1
    if rang >= len(dates) - 1:
        raise ErreurValeur(
            "aucune échéance restante ne permet le changement d'index (la dernière n'est pas "
            "éligible)",
            cle="echeance_souhaitee",
            valeur=souhaitee,
        )
    return rang, dates[rang]


@moteur
def changer_index(
    ligne: LigneDePret,
    *,
    date_demande: dt.date,
    echeance_souhaitee: dt.date,
    index_inflation: SourceIndex | None,
    livret_a: SourceIndex,
) -> ResultatChangementIndex:
    """Passe ``ligne`` de l'index Inflation au Livret A + 0,60 % à une échéance.

    Jusqu'à l'échéance retenue, le tableau est celui de l'index Inflation ; ensuite, une ligne
    nouvelle sur le capital restant dû, la durée résiduelle, le Livret A du jour du changement
    comme index de référence, la marge de 0,60 % (même profil, même périodicité). Interprétation :
    la demande est datée de sa réception ; la dernière échéance n'est pas éligible.
    """
    dates = list(dates_echeances(ligne))
    rang, retenue = _echeance_retenue(ligne, dates, date_demande, echeance_souhaitee)
    avant = calculer_tableau(ligne, index=index_inflation)
    ligne_du_jour = next(r for r in avant.lignes if r.date == retenue)
    if ligne_du_jour.stock_interets_differes:
        raise ErreurValeur(
            "un stock d'intérêts différés est en cours : ce changement d'index n'est pas calculé",
            cle="echeance_souhaitee",
        )
    crd = ligne_du_jour.capital_du
    reference = livret_a.valeur_au(retenue)
    nouvelle = attrs.evolve(
        ligne,
        montant=crd,
        date_effet=None,
        date_debut_amortissement=retenue,
        duree=len(dates) - rang - 1,
        index="livret_a",
        valeur_index_reference=reference,
        marge=MARGE_LIVRET_A,
        taux_interet=reference + MARGE_LIVRET_A,
        revision=Revision.SR if ligne.revision is Revision.FIXE else ligne.revision,
        prefinancement=None,
        differe_amortissement_mois=0,
        differe_capitalise=False,
        constante_revision=None,
        versements=(),
    )
    suite = calculer_tableau(nouvelle, index=livret_a)
    lignes: list[LigneTableau] = [r for r in avant.lignes if r.date <= retenue]
    decalage = len(lignes)
    lignes += [r._replace(numero=r.numero + decalage) for r in suite.lignes]
    tableau = attrs.evolve(
        avant,
        lignes=tuple(lignes),
        index=f"Inflation jusqu'au {retenue:%d/%m/%Y}, puis Livret A + 0,60 %",
        notes=(
            f"Changement d'index au {retenue:%d/%m/%Y} : Livret A "
            f"{formater_taux(reference)} + 0,60 %.",
        ),
    )
    return ResultatChangementIndex(
        date_demande=date_demande,
        date_changement=retenue,
        reporte=retenue != echeance_souhaitee,
        capital_restant_du=crd,
        commission=arrondir(crd * COMMISSION_CHANGEMENT_INDEX),
        tableau=tableau,
    )
