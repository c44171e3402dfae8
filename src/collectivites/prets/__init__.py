"""Prêts de la Caisse des Dépôts : lignes du prêt, index, tableaux d'amortissement.

Examples:
    >>> from collectivites.prets import exemple_pret, calculer_tableau
    >>> ligne = exemple_pret("cdc-57851").lignes[1]
    >>> tableau = calculer_tableau(ligne)
    >>> tableau.lignes[0].echeance, tableau.total_echeances
    (Decimal('3170.41'), Decimal('179588.21'))
"""

from __future__ import annotations

from collectivites.prets.changement_index import ResultatChangementIndex, changer_index
from collectivites.prets.chargement import charger_ligne, charger_pret, exemple_pret
from collectivites.prets.courbe import CourbeZeroCoupon, lire_courbe_csv
from collectivites.prets.echeancier import (
    date_debut_amortissement,
    date_paiement,
    dates_echeances,
)
from collectivites.prets.index import (
    IndexFige,
    SourceIndex,
    index_disponibles,
    lire_index_csv,
    prolonger,
    serie_index,
)
from collectivites.prets.modeles import (
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
from collectivites.prets.moratoires import ResultatMoratoires, interets_moratoires
from collectivites.prets.portefeuille import (
    AnneeProjection,
    Projection,
    ecart,
    garants_de,
    projeter,
    projeter_ligne,
)
from collectivites.prets.remboursement import (
    CalendrierRemboursement,
    ResultatRemboursement,
    calendrier_remboursement,
    indemnite_obligatoire,
    rembourser_par_anticipation,
)
from collectivites.prets.rendu import (
    COLONNES_CSV,
    tableau_csv,
    tableau_html,
    tableau_json,
    tableau_texte,
    tableau_xlsx,
)
from collectivites.prets.rendu_evenements import (
    rendre_moratoires,
    rendre_projection,
    rendre_remboursement,
)
from collectivites.prets.scenarios import IndexDecale, Scenario, scenario
from collectivites.prets.tableau import LigneTableau, TableauAmortissement, calculer_tableau
from collectivites.prets.teg import ResultatTeg, calculer_teg

__all__ = [
    "COLONNES_CSV",
    "AnneeProjection",
    "BaseCalcul",
    "CalendrierRemboursement",
    "CourbeZeroCoupon",
    "Garant",
    "IndexDecale",
    "IndexFige",
    "LigneDePret",
    "LigneTableau",
    "ModeCalcul",
    "Periodicite",
    "Prefinancement",
    "Pret",
    "Profil",
    "Projection",
    "ReglementPrefinancement",
    "ResultatChangementIndex",
    "ResultatMoratoires",
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
    "garants_de",
    "indemnite_obligatoire",
    "index_disponibles",
    "interets_moratoires",
    "lire_courbe_csv",
    "lire_index_csv",
    "projeter",
    "projeter_ligne",
    "prolonger",
    "rembourser_par_anticipation",
    "rendre_moratoires",
    "rendre_projection",
    "rendre_remboursement",
    "scenario",
    "serie_index",
    "tableau_csv",
    "tableau_html",
    "tableau_json",
    "tableau_texte",
    "tableau_xlsx",
]
