"""Indemnités de fonction des élus municipaux : terme de référence (indice brut terminal et point
d'indice datés), taux maximaux par strate, majorations, enveloppe, délégations, tableau
récapitulatif annexé à la délibération (CGCT L2123-20 à L2123-24-1, R2123-23)."""

from __future__ import annotations

from collectivites.regles.indemnites._calcul import (
    LigneElu,
    ResultatIndemnites,
    calculer_indemnites,
)
from collectivites.regles.indemnites._dossier import (
    SCHEMA_INDEMNITES,
    DossierIndemnites,
    calculer_dossier_indemnites,
    charger_dossier_indemnites,
    dossier_indemnites_depuis_donnees,
    exemple_indemnites,
)
from collectivites.regles.indemnites._modeles import Commune, Elu, Fonction
from collectivites.regles.indemnites._references import (
    Bareme,
    IndiceTerminal,
    Majoration,
    PointIndice,
    References,
    references_indemnites,
)

__all__ = [
    "SCHEMA_INDEMNITES",
    "Bareme",
    "Commune",
    "DossierIndemnites",
    "Elu",
    "Fonction",
    "IndiceTerminal",
    "LigneElu",
    "Majoration",
    "PointIndice",
    "References",
    "ResultatIndemnites",
    "calculer_dossier_indemnites",
    "calculer_indemnites",
    "charger_dossier_indemnites",
    "dossier_indemnites_depuis_donnees",
    "exemple_indemnites",
    "references_indemnites",
]
