"""Prêts de la Caisse des Dépôts : lignes du prêt, index, tableaux d'amortissement, événements
(remboursements anticipés, intérêts moratoires, changement d'index, TEG) et projections de
portefeuille sous scénarios.

Examples:
    >>> from collectivites.prets import exemple_pret, calculer_tableau
    >>> ligne = exemple_pret("cdc-57851").lignes[1]
    >>> tableau = calculer_tableau(ligne)
    >>> tableau.lignes[0].echeance, tableau.total_echeances
    (Decimal('3170.41'), Decimal('179588.21'))
"""

from __future__ import annotations

from collectivites.donnees import SourceIndex
from collectivites.prets._changement_index import ResultatChangementIndex, changer_index
from collectivites.prets._courbe import CourbeZeroCoupon, lire_courbe_csv
from collectivites.prets._dossier import (
    SCHEMA_PRET,
    charger_ligne,
    charger_pret,
    exemple_pret,
    pret_depuis_donnees,
)
from collectivites.prets._echeancier import (
    date_debut_amortissement,
    date_paiement,
    dates_echeances,
)
from collectivites.prets._index import (
    IndexDecale,
    IndexFige,
    index_disponibles,
    lire_index_csv,
    prolonger,
    serie_index,
)
from collectivites.prets._modeles import (
    BaseCalcul,
    Garant,
    LigneDePret,
    ModeCalcul,
    Periodicite,
    Prefinancement,
    Pret,
    Profil,
    ReglementPrefinancement,
    Revision,
    Versement,
)
from collectivites.prets._moratoires import ResultatMoratoires, interets_moratoires
from collectivites.prets._portefeuille import (
    Agregation,
    AnneeProjection,
    Projection,
    ProjectionPartielle,
    ecart,
    fusionner,
    garants_de,
    projeter_ligne,
)
from collectivites.prets._rapprochement import (
    Ecart,
    ResultatRapprochement,
    lire_tableau_a_rapprocher,
    rapprocher,
)
from collectivites.prets._remboursement import (
    CalendrierRemboursement,
    CasObligatoire,
    ResultatRemboursement,
    calendrier_remboursement,
    indemnite_obligatoire,
    rembourser_par_anticipation,
)
from collectivites.prets._repartition import MoteurCalcul, projeter, projeter_fichiers
from collectivites.prets._scenarios import NatureScenario, Scenario, scenario
from collectivites.prets._tableau import LigneTableau, TableauAmortissement, calculer_tableau
from collectivites.prets._tableur import (
    COLONNES_PORTEFEUILLE,
    lire_portefeuille,
    modele_portefeuille,
)
from collectivites.prets._teg import ResultatTeg, calculer_teg

__all__ = [
    "COLONNES_PORTEFEUILLE",
    "SCHEMA_PRET",
    "Agregation",
    "AnneeProjection",
    "BaseCalcul",
    "CalendrierRemboursement",
    "CasObligatoire",
    "CourbeZeroCoupon",
    "Ecart",
    "Garant",
    "IndexDecale",
    "IndexFige",
    "LigneDePret",
    "LigneTableau",
    "ModeCalcul",
    "MoteurCalcul",
    "NatureScenario",
    "Periodicite",
    "Prefinancement",
    "Pret",
    "Profil",
    "Projection",
    "ProjectionPartielle",
    "ReglementPrefinancement",
    "ResultatChangementIndex",
    "ResultatMoratoires",
    "ResultatRapprochement",
    "ResultatRemboursement",
    "ResultatTeg",
    "Revision",
    "Scenario",
    "SourceIndex",
    "TableauAmortissement",
    "Versement",
    "calculer_tableau",
    "calculer_teg",
    "calendrier_remboursement",
    "changer_index",
    "charger_ligne",
    "charger_pret",
    "date_debut_amortissement",
    "date_paiement",
    "dates_echeances",
    "ecart",
    "exemple_pret",
    "fusionner",
    "garants_de",
    "indemnite_obligatoire",
    "index_disponibles",
    "interets_moratoires",
    "lire_courbe_csv",
    "lire_index_csv",
    "lire_portefeuille",
    "lire_tableau_a_rapprocher",
    "modele_portefeuille",
    "pret_depuis_donnees",
    "projeter",
    "projeter_fichiers",
    "projeter_ligne",
    "prolonger",
    "rapprocher",
    "rembourser_par_anticipation",
    "scenario",
    "serie_index",
]
