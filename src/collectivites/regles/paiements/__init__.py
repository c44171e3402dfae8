"""Délais de paiement et intérêts moratoires de la commande publique (Code de la commande
publique, L2192-10 à L2192-15, R2192-10 à R2192-36, D2192-35 ; décret n° 2013-269 du
29 mars 2013, art. 12 et 13).

* :func:`calculer_retard_paiement` : une demande de paiement, étape par étape avec ses articles ;
* :func:`lire_registre` et :func:`calculer_registre` : un registre de mandats (CSV, XLSX) —
  intérêts et indemnité par ligne, totaux, dix plus longs retards, part de chaque acteur ;
* :func:`taux_interets_moratoires` : le taux BCE du semestre majoré de huit points (R2192-31),
  d'après la série livrée ``bce_refinancement``.
"""

from __future__ import annotations

from collectivites.regles.paiements._calcul import (
    Etape,
    ResultatRetard,
    calculer_retard_paiement,
    debut_du_semestre,
    taux_interets_moratoires,
)
from collectivites.regles.paiements._dossier import (
    SCHEMA_FACTURE,
    charger_facture,
    facture_depuis_donnees,
)
from collectivites.regles.paiements._modeles import (
    DELAI_PAIEMENT_INTERETS,
    INDEMNITE_FORFAITAIRE,
    JOURS_ANNEE,
    MAJORATION,
    NOUVEAU_DELAI_INTERRUPTION,
    CategorieAcheteur,
    Facture,
)
from collectivites.regles.paiements._registre import (
    MandatLu,
    ResultatRegistre,
    calculer_registre,
    lire_registre,
)

__all__ = [
    "DELAI_PAIEMENT_INTERETS",
    "INDEMNITE_FORFAITAIRE",
    "JOURS_ANNEE",
    "MAJORATION",
    "NOUVEAU_DELAI_INTERRUPTION",
    "SCHEMA_FACTURE",
    "CategorieAcheteur",
    "Etape",
    "Facture",
    "MandatLu",
    "ResultatRegistre",
    "ResultatRetard",
    "calculer_registre",
    "calculer_retard_paiement",
    "charger_facture",
    "debut_du_semestre",
    "facture_depuis_donnees",
    "lire_registre",
    "taux_interets_moratoires",
]
