"""Prêts de la Caisse des Dépôts : lignes du prêt, index, tableaux d'amortissement.

Examples:
    >>> from collectivites.prets import exemple_pret, calculer_tableau
    >>> ligne = exemple_pret("cdc-57851").lignes[1]
    >>> tableau = calculer_tableau(ligne)
    >>> tableau.lignes[0].echeance, tableau.total_echeances
    (Decimal('3170.41'), Decimal('179588.21'))
"""

from __future__ import annotations

from collectivites.prets.chargement import charger_ligne, charger_pret, exemple_pret
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
)
from collectivites.prets.rendu import (
    COLONNES_CSV,
    tableau_csv,
    tableau_html,
    tableau_json,
    tableau_texte,
    tableau_xlsx,
)
from collectivites.prets.tableau import LigneTableau, TableauAmortissement, calculer_tableau

__all__ = [
    "COLONNES_CSV",
    "BaseCalcul",
    "Garant",
    "IndexFige",
    "LigneDePret",
    "LigneTableau",
    "ModeCalcul",
    "Periodicite",
    "Prefinancement",
    "Pret",
    "Profil",
    "ReglementPrefinancement",
    "Revision",
    "SourceIndex",
    "TableauAmortissement",
    "calculer_tableau",
    "charger_ligne",
    "charger_pret",
    "date_debut_amortissement",
    "date_paiement",
    "dates_echeances",
    "exemple_pret",
    "index_disponibles",
    "lire_index_csv",
    "prolonger",
    "serie_index",
    "tableau_csv",
    "tableau_html",
    "tableau_json",
    "tableau_texte",
    "tableau_xlsx",
]
