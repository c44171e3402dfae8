"""Flux financiers du rSa entre un département et sa CAF (ou CCSS) : échéances des acomptes,
intérêts de retard, régularisation annuelle, neutralité de trésorerie."""

from __future__ import annotations

from collectivites.regles.rsa.chiffres import (
    Competence,
    avances_restantes,
    competences_lozere,
    instance_remise_dette,
    plafond_avance,
)
from collectivites.regles.rsa.dossier import (
    DossierRsa,
    charger_dossier_rsa,
    dossier_rsa_depuis_donnees,
    exemple_rsa,
)
from collectivites.regles.rsa.echeances import date_echeance
from collectivites.regles.rsa.interets import (
    LigneInterets,
    PartRetard,
    ResultatInterets,
    calculer_interets_retard,
)
from collectivites.regles.rsa.modeles import (
    ECHEANCES,
    REPORTS,
    Acompte,
    ConventionRsa,
    Flux,
    Operation,
    Paiement,
    PlafondsAvance,
)
from collectivites.regles.rsa.neutralite import (
    JourTresorerie,
    ResultatNeutralite,
    calculer_neutralite,
)
from collectivites.regles.rsa.regularisation import ResultatRegularisation, calculer_regularisation
from collectivites.regles.rsa.rendu import (
    rendre_interets,
    rendre_neutralite,
    rendre_regularisation,
)
from collectivites.regles.rsa.taux_reference import (
    ECART_EONIA_ESTR,
    TauxMensuel,
    eonia_mensuel_livre,
    taux_reference_du_mois,
)

__all__ = [
    "ECART_EONIA_ESTR",
    "ECHEANCES",
    "REPORTS",
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
    "ResultatInterets",
    "ResultatNeutralite",
    "ResultatRegularisation",
    "TauxMensuel",
    "avances_restantes",
    "calculer_interets_retard",
    "calculer_neutralite",
    "calculer_regularisation",
    "charger_dossier_rsa",
    "competences_lozere",
    "date_echeance",
    "dossier_rsa_depuis_donnees",
    "eonia_mensuel_livre",
    "exemple_rsa",
    "instance_remise_dette",
    "plafond_avance",
    "rendre_interets",
    "rendre_neutralite",
    "rendre_regularisation",
    "taux_reference_du_mois",
]
