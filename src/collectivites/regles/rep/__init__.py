"""Barèmes REP : soutiens des éco-organismes aux communes (ALCOME d'abord), typologies,
pondérations, prorata temporis, pénalités plafonnées, calendrier de paiement."""

from __future__ import annotations

from collectivites.regles.rep._autres import (
    ResultatRemboursement,
    cendriers_de_poche,
    enlevement_possible,
    interet_legal,
    remboursement_trop_percu,
)
from collectivites.regles.rep._bareme import (
    Assiette,
    Bareme,
    Comparaison,
    Critere,
    EtapeCalendrier,
    Indicateur,
    NaturePenalite,
    Penalite,
    Ponderation,
    TarifTonne,
    TexteBareme,
    Typologie,
)
from collectivites.regles.rep._calendrier import (
    CalendrierPaiement,
    DateCalendrier,
    calendrier_paiement,
)
from collectivites.regles.rep._dossier import (
    SCHEMA_REP,
    DossierRep,
    calculer_dossier_rep,
    charger_dossier_rep,
    dossier_rep_depuis_donnees,
    exemple_rep,
)
from collectivites.regles.rep._registre import (
    bareme_en_vigueur,
    baremes_disponibles,
    baremes_livres,
)
from collectivites.regles.rep._schemas import SCHEMA_BAREME, bareme_depuis_toml
from collectivites.regles.rep._soutiens import (
    ClassementCommune,
    Commune,
    LigneCommune,
    LigneMatiere,
    LignePenalite,
    ResultatSoutiens,
    Tonnage,
    calculer_soutiens,
    classer_commune,
)

__all__ = [
    "SCHEMA_BAREME",
    "SCHEMA_REP",
    "Assiette",
    "Bareme",
    "CalendrierPaiement",
    "ClassementCommune",
    "Commune",
    "Comparaison",
    "Critere",
    "DateCalendrier",
    "DossierRep",
    "EtapeCalendrier",
    "Indicateur",
    "LigneCommune",
    "LigneMatiere",
    "LignePenalite",
    "NaturePenalite",
    "Penalite",
    "Ponderation",
    "ResultatRemboursement",
    "ResultatSoutiens",
    "TarifTonne",
    "TexteBareme",
    "Tonnage",
    "Typologie",
    "bareme_depuis_toml",
    "bareme_en_vigueur",
    "baremes_disponibles",
    "baremes_livres",
    "calculer_dossier_rep",
    "calculer_soutiens",
    "calendrier_paiement",
    "cendriers_de_poche",
    "charger_dossier_rep",
    "classer_commune",
    "dossier_rep_depuis_donnees",
    "enlevement_possible",
    "exemple_rep",
    "interet_legal",
    "remboursement_trop_percu",
]
