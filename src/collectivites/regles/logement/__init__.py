"""Droits de réservation de logements sociaux en gestion en flux (loi ELAN ; CCH L441-1,
R441-5 et suivants ; décret n° 2020-145 du 20 février 2020) : assiette, flux annuel, déductions,
droits du réservataire, report du bilan, contrôle des ménages prioritaires, plafond de sanction."""

from __future__ import annotations

from collectivites._depreciation import acces_deprecie
from collectivites.regles.logement._dossier import (
    SCHEMA_FLUX,
    DossierFlux,
    calculer_dossier_flux,
    charger_flux,
    exemple_flux,
    flux_depuis_donnees,
)
from collectivites.regles.logement._flux import (
    PART_PRIORITAIRES,
    Attributions,
    BilanPrecedent,
    ConventionFlux,
    Deductions,
    ResultatFlux,
    arrondir_logements,
    calculer_droits,
    plafond_sanction,
)

__all__ = [
    "PART_PRIORITAIRES",
    "SCHEMA_FLUX",
    "Attributions",
    "BilanPrecedent",
    "ConventionFlux",
    "Deductions",
    "DossierFlux",
    "ResultatFlux",
    "arrondir_logements",
    "calculer_dossier_flux",
    "calculer_droits",
    "charger_flux",
    "exemple_flux",
    "flux_depuis_donnees",
    "plafond_sanction",
]

#: Les anciens noms, encore importables avec un ``DeprecationWarning`` (voir le journal des
#: modifications) : chargeurs nommés comme les exemples et les schémas (``charger_<genre>``,
#: ``<genre>_depuis_donnees``), noms qui désignaient deux choses dans deux moteurs.
__getattr__ = acces_deprecie(
    __name__,
    {
        "charger_convention_flux": (__name__, "charger_flux"),
        "convention_flux_depuis_donnees": (__name__, "flux_depuis_donnees"),
    },
)
