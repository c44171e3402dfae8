"""Barèmes REP : soutiens des éco-organismes aux communes (ALCOME d'abord), typologies,
pondérations, prorata temporis, pénalités plafonnées, calendrier de paiement."""

from __future__ import annotations

from collectivites.regles.rep.autres import (
    ResultatRemboursement,
    cendriers_de_poche,
    enlevement_possible,
    interet_legal,
    remboursement_trop_percu,
)
from collectivites.regles.rep.bareme import (
    Bareme,
    Critere,
    EtapeCalendrier,
    Penalite,
    Ponderation,
    TarifTonne,
    Typologie,
    bareme_depuis_toml,
    bareme_en_vigueur,
    baremes_disponibles,
    baremes_livres,
)
from collectivites.regles.rep.calendrier import DateCalendrier, calendrier_paiement
from collectivites.regles.rep.dossier import (
    DossierRep,
    calculer_dossier_rep,
    charger_dossier_rep,
    dossier_rep_depuis_donnees,
    exemple_rep,
)
from collectivites.regles.rep.rendu import rendre_calendrier, rendre_soutiens
from collectivites.regles.rep.soutiens import (
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
    "Bareme",
    "Commune",
    "Critere",
    "DateCalendrier",
    "DossierRep",
    "EtapeCalendrier",
    "LigneCommune",
    "LigneMatiere",
    "LignePenalite",
    "Penalite",
    "Ponderation",
    "ResultatRemboursement",
    "ResultatSoutiens",
    "TarifTonne",
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
    "rendre_calendrier",
    "rendre_soutiens",
]
