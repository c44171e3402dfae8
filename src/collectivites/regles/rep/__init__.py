"""Barèmes REP : soutiens des éco-organismes aux communes (ALCOME d'abord), typologies,
pondérations, prorata temporis, pénalités plafonnées, calendrier de paiement."""

from __future__ import annotations

from collectivites._depreciation import acces_deprecie
from collectivites.regles.rep._autres import (
    ResultatTropPercu,
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
    charger_rep,
    exemple_rep,
    rep_depuis_donnees,
)
from collectivites.regles.rep._registre import (
    bareme_en_vigueur,
    baremes_disponibles,
    baremes_livres,
)
from collectivites.regles.rep._schemas import SCHEMA_BAREME, bareme_depuis_toml
from collectivites.regles.rep._soutiens import (
    ClassementCommune,
    CommuneRep,
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
    "CommuneRep",
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
    "ResultatSoutiens",
    "ResultatTropPercu",
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
    "charger_rep",
    "classer_commune",
    "enlevement_possible",
    "exemple_rep",
    "interet_legal",
    "remboursement_trop_percu",
    "rep_depuis_donnees",
]

#: Les anciens noms, encore importables avec un ``DeprecationWarning`` (voir le journal des
#: modifications) : chargeurs nommés comme les exemples et les schémas (``charger_<genre>``,
#: ``<genre>_depuis_donnees``), noms qui désignaient deux choses dans deux moteurs.
__getattr__ = acces_deprecie(
    __name__,
    {
        "Commune": (__name__, "CommuneRep"),
        "ResultatRemboursement": (__name__, "ResultatTropPercu"),
        "charger_dossier_rep": (__name__, "charger_rep"),
        "dossier_rep_depuis_donnees": (__name__, "rep_depuis_donnees"),
    },
)
