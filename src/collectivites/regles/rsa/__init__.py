"""Flux financiers du rSa entre un département et sa CAF (ou CCSS) : échéances des acomptes,
intérêts de retard, régularisation annuelle, neutralité de trésorerie, chiffres de la
convention (avances, remises de dette, compétences déléguées)."""

from __future__ import annotations

from collectivites._depreciation import acces_deprecie
from collectivites.regles.rsa._chiffres import (
    Competence,
    avances_restantes,
    competences_lozere,
    instance_remise_dette,
    plafond_avance,
)
from collectivites.regles.rsa._dossier import (
    SCHEMA_RSA,
    DossierRsa,
    charger_rsa,
    exemple_rsa,
    rsa_depuis_donnees,
)
from collectivites.regles.rsa._echeances import date_echeance
from collectivites.regles.rsa._interets import (
    LigneInterets,
    PartRetard,
    ResultatInterets,
    calculer_interets_retard,
)
from collectivites.regles.rsa._modeles import (
    Acompte,
    ConventionRsa,
    Flux,
    Operation,
    Paiement,
    PlafondsAvance,
    RegleEcheance,
    TauxReference,
)
from collectivites.regles.rsa._neutralite import (
    JourTresorerie,
    ResultatNeutralite,
    calculer_neutralite,
)
from collectivites.regles.rsa._regularisation import (
    ResultatRegularisation,
    calculer_regularisation,
)
from collectivites.regles.rsa._taux_reference import (
    ECART_EONIA_ESTR,
    TauxMensuel,
    eonia_mensuel_livre,
    taux_reference_du_mois,
)

__all__ = [
    "ECART_EONIA_ESTR",
    "SCHEMA_RSA",
    "Acompte",
    "Competence",
    "ConventionRsa",
    "DossierRsa",
    "Flux",
    "JourTresorerie",
    "LigneInterets",
    "Operation",
    "Paiement",
    "PartRetard",
    "PlafondsAvance",
    "RegleEcheance",
    "ResultatInterets",
    "ResultatNeutralite",
    "ResultatRegularisation",
    "TauxMensuel",
    "TauxReference",
    "avances_restantes",
    "calculer_interets_retard",
    "calculer_neutralite",
    "calculer_regularisation",
    "charger_rsa",
    "competences_lozere",
    "date_echeance",
    "eonia_mensuel_livre",
    "exemple_rsa",
    "instance_remise_dette",
    "plafond_avance",
    "rsa_depuis_donnees",
    "taux_reference_du_mois",
]

#: Les anciens noms, encore importables avec un ``DeprecationWarning`` (voir le journal des
#: modifications) : chargeurs nommés comme les exemples et les schémas (``charger_<genre>``,
#: ``<genre>_depuis_donnees``), noms qui désignaient deux choses dans deux moteurs.
__getattr__ = acces_deprecie(
    __name__,
    {
        "charger_dossier_rsa": (__name__, "charger_rsa"),
        "dossier_rsa_depuis_donnees": (__name__, "rsa_depuis_donnees"),
    },
)
