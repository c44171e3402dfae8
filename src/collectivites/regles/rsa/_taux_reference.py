"""Taux de référence mensuels : EONIA et sa substitution par l'€STR.

Art. 8.2.2 : « moyenne mensuelle du dernier taux EONIA connu ». Interprétation retenue : la
moyenne mensuelle du dernier mois complet qui précède la date d'échéance (pour une échéance du
6 février, la moyenne de janvier).

L'EONIA a cessé le 3 janvier 2022. Depuis le 2 octobre 2019, il valait l'€STR plus un écart fixe
de 0,085 point (méthodologie EMMI du 31 mai 2019) ; après 2021, la bibliothèque prend donc
« €STR + 0,085 point » comme EONIA de substitution, à partir des moyennes mensuelles de l'€STR
que fournit l'utilisateur (aucune série publique sourcée n'a pu être livrée).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import attrs

from collectivites._moteur import moteur
from collectivites.dates import ajouter_mois
from collectivites.donnees import SerieDatee, serie_livree
from collectivites.erreurs import ErreurDonnees
from collectivites.regles.rsa._modeles import TauxReference

__all__ = [
    "ECART_EONIA_ESTR",
    "FIN_EONIA",
    "SUBSTITUTION_DEPUIS",
    "TauxMensuel",
    "eonia_mensuel_livre",
    "mois_de_reference",
    "taux_reference_du_mois",
]

#: Écart fixe EONIA − €STR : 8,5 points de base (méthodologie EMMI du 31 mai 2019, EONIA publié
#: comme « €STR plus a spread » du 2 octobre 2019 au 3 janvier 2022) ; c'est le taux de
#: remplacement de l'EONIA désigné pour les contrats par le règlement d'exécution (UE) 2021/1848
#: de la Commission du 21 octobre 2021 (€STR + 0,085 %).
ECART_EONIA_ESTR = Decimal("0.00085")
#: Premier jour de l'EONIA recalculé comme €STR + écart.
SUBSTITUTION_DEPUIS = dt.date(2019, 10, 2)
#: Dernier jour de publication de l'EONIA.
FIN_EONIA = dt.date(2022, 1, 3)


@attrs.frozen(kw_only=True)
class TauxMensuel:
    """Taux de référence retenu pour un mois, avec sa provenance."""

    mois: dt.date
    valeur: Decimal
    provenance: str


def eonia_mensuel_livre() -> SerieDatee:
    """Moyennes mensuelles de l'EONIA livrées (janvier 2019 à novembre 2021), datées du premier
    de chaque mois."""
    return serie_livree("eonia")


def mois_de_reference(echeance: dt.date) -> dt.date:
    """Dernier mois complet avant la date d'échéance (premier jour de ce mois)."""
    return ajouter_mois(echeance.replace(day=1), -1)


@moteur
def taux_reference_du_mois(
    mois: dt.date,
    *,
    serie: TauxReference = TauxReference.EONIA,
    utilisateur: SerieDatee | None = None,
    estr: SerieDatee | None = None,
) -> TauxMensuel:
    """Moyenne mensuelle du taux de référence pour ``mois``.

    Ordre de priorité : les moyennes mensuelles fournies par l'utilisateur (``utilisateur``,
    une série datée du premier de chaque mois) ; pour l'EONIA, la série livrée, puis, pour un
    mois sans EONIA postérieur au 2 octobre 2019, l'€STR fourni plus 0,085 point ; pour l'€STR,
    l'€STR fourni. Sinon, erreur qui nomme le mois.
    """
    mois = mois.replace(day=1)
    fournie = utilisateur.valeur_exacte(mois) if utilisateur else None
    if fournie is not None:
        return TauxMensuel(mois=mois, valeur=fournie, provenance="taux fourni")
    valeur_estr = estr.valeur_exacte(mois) if estr else None
    if serie is TauxReference.EONIA:
        livree = eonia_mensuel_livre().valeur_exacte(mois)
        if livree is not None:
            return TauxMensuel(
                mois=mois, valeur=livree, provenance="EONIA, moyenne mensuelle livrée"
            )
        if valeur_estr is not None and mois >= SUBSTITUTION_DEPUIS.replace(day=1):
            return TauxMensuel(
                mois=mois,
                valeur=valeur_estr + ECART_EONIA_ESTR,
                provenance=(
                    "€STR fourni + 0,085 point (remplacement de l'EONIA, règlement d'exécution "
                    "(UE) 2021/1848)"
                ),
            )
    elif valeur_estr is not None:
        return TauxMensuel(mois=mois, valeur=valeur_estr, provenance="€STR fourni")
    raise ErreurDonnees(
        f"aucun taux de référence {serie.libelle} pour ce mois : fournissez-le dans "
        "[[taux_reference_mensuels]] (ou la moyenne de l'€STR dans [[estr_mensuels]])",
        valeur=mois.strftime("%Y-%m"),
    )
