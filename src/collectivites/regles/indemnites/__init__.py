"""Indemnités de fonction des élus municipaux, départementaux, régionaux et intercommunaux
(CGCT L2123-20 à L2123-24-1, R2123-23 ; L3123-15 à L3123-19 ; L4135-15 à L4135-19 ; L5211-12) :
terme de référence (indice brut terminal et point d'indice datés), taux maximaux par strate,
majorations, enveloppe, délégations, tableau récapitulatif annexé à la délibération ; écrêtement
des indemnités d'un élu aux mandats multiples (L2123-20, II et III ; L3123-18 ; L4135-18)."""

from __future__ import annotations

from collectivites._depreciation import acces_deprecie
from collectivites.regles.indemnites._assemblees import (
    BaremeAssemblee,
    Departement,
    Epci,
    NatureEpci,
    Region,
)
from collectivites.regles.indemnites._calcul import (
    LigneElu,
    ResultatIndemnites,
    calculer_indemnites,
)
from collectivites.regles.indemnites._calcul_assemblees import (
    LigneAssemblee,
    ResultatAssemblee,
)
from collectivites.regles.indemnites._dossier import (
    SCHEMA_INDEMNITES,
    DossierIndemnites,
    calculer_dossier_indemnites,
    charger_indemnites,
    exemple_indemnites,
    indemnites_depuis_donnees,
)
from collectivites.regles.indemnites._dossier_ecretement import (
    SCHEMA_ECRETEMENT,
    DossierEcretement,
    calculer_dossier_ecretement,
    charger_ecretement,
    ecretement_depuis_donnees,
    exemple_ecretement,
)
from collectivites.regles.indemnites._ecretement import (
    LigneEcretement,
    Mandat,
    ResultatEcretement,
    ecreter,
)
from collectivites.regles.indemnites._modeles import Commune, Elu, Fonction
from collectivites.regles.indemnites._references import (
    BaremeCommunal,
    IndiceTerminal,
    Majoration,
    PointIndice,
    References,
    references_indemnites,
)

__all__ = [
    "SCHEMA_ECRETEMENT",
    "SCHEMA_INDEMNITES",
    "BaremeAssemblee",
    "BaremeCommunal",
    "Commune",
    "Departement",
    "DossierEcretement",
    "DossierIndemnites",
    "Elu",
    "Epci",
    "Fonction",
    "IndiceTerminal",
    "LigneAssemblee",
    "LigneEcretement",
    "LigneElu",
    "Majoration",
    "Mandat",
    "NatureEpci",
    "PointIndice",
    "References",
    "Region",
    "ResultatAssemblee",
    "ResultatEcretement",
    "ResultatIndemnites",
    "calculer_dossier_ecretement",
    "calculer_dossier_indemnites",
    "calculer_indemnites",
    "charger_ecretement",
    "charger_indemnites",
    "ecretement_depuis_donnees",
    "ecreter",
    "exemple_ecretement",
    "exemple_indemnites",
    "indemnites_depuis_donnees",
    "references_indemnites",
]

#: Les anciens noms, encore importables avec un ``DeprecationWarning`` (voir le journal des
#: modifications) : chargeurs nommés comme les exemples et les schémas (``charger_<genre>``,
#: ``<genre>_depuis_donnees``), noms qui désignaient deux choses dans deux moteurs.
__getattr__ = acces_deprecie(
    __name__,
    {
        "Bareme": (__name__, "BaremeCommunal"),
        "charger_dossier_ecretement": (__name__, "charger_ecretement"),
        "charger_dossier_indemnites": (__name__, "charger_indemnites"),
        "dossier_ecretement_depuis_donnees": (
            "collectivites.regles.indemnites",
            "ecretement_depuis_donnees",
        ),
        "dossier_indemnites_depuis_donnees": (
            "collectivites.regles.indemnites",
            "indemnites_depuis_donnees",
        ),
    },
)
