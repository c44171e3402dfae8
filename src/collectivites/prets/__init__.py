"""Prêts de la Caisse des Dépôts : lignes du prêt, index, tableaux d'amortissement, événements
(remboursements anticipés, intérêts moratoires, changement d'index, TEG) et projections de
portefeuille sous scénarios.

La façade ne tient que ce qu'un utilisateur appelle ; les rouages des projections réparties
(``projeter_partie``, ``fusionner``, ``achever``, ``ProjectionPartielle``, ``EnsembleCles``…) sont
dans :mod:`collectivites.prets.rouages`, pour les auteurs de moteurs. Les importer d'ici reste
possible, avec un ``DeprecationWarning``.

Examples:
    >>> from collectivites.prets import exemple_pret, calculer_tableau
    >>> ligne = exemple_pret("cdc-57851").lignes[1]
    >>> tableau = calculer_tableau(ligne)
    >>> tableau.lignes[0].echeance, tableau.total_echeances
    (Decimal('3170.41'), Decimal('179588.21'))
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from collectivites._depreciation import acces_deprecie

if TYPE_CHECKING:  # pour les vérificateurs de types et la documentation
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
    from collectivites.prets._parquet import Conversion, convertir_en_parquet
    from collectivites.prets._partielle import Agregation
    from collectivites.prets._portefeuille import AnneeProjection, Projection, ecart
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
    from collectivites.prets._repartition import (
        MoteurCalcul,
        projeter,
        projeter_fichiers,
        projeter_fichiers_scenarios,
        projeter_scenarios,
    )
    from collectivites.prets._scenarios import NatureScenario, Scenario, scenario
    from collectivites.prets._tableau import LigneTableau, TableauAmortissement, calculer_tableau
    from collectivites.prets._tableur import (
        COLONNES_PORTEFEUILLE,
        lire_portefeuille,
        modele_portefeuille,
    )
    from collectivites.prets._teg import ResultatTeg, calculer_teg

#: Les noms qui ont quitté la façade pour :mod:`collectivites.prets.rouages` : encore
#: importables d'ici, avec un ``DeprecationWarning``.
_DEPRECIES = {
    nom: ("collectivites.prets.rouages", nom)
    for nom in (
        "EnsembleCles",
        "ProjectionPartielle",
        "SourceIndex",
        "achever",
        "fusionner",
        "garants_de",
        "projeter_ligne",
        "projeter_partie",
    )
}
_acces_deprecie = acces_deprecie(__name__, _DEPRECIES)

#: Où se trouve chaque nom public : un sous-module ne s'importe qu'au premier usage d'un de
#: ses noms (``import collectivites.prets`` reste léger, PEP 562).
_MODULES = {
    "COLONNES_PORTEFEUILLE": "collectivites.prets._tableur",
    "SCHEMA_PRET": "collectivites.prets._dossier",
    "Agregation": "collectivites.prets._partielle",
    "AnneeProjection": "collectivites.prets._portefeuille",
    "BaseCalcul": "collectivites.prets._modeles",
    "CalendrierRemboursement": "collectivites.prets._remboursement",
    "CasObligatoire": "collectivites.prets._remboursement",
    "CourbeZeroCoupon": "collectivites.prets._courbe",
    "Ecart": "collectivites.prets._rapprochement",
    "Garant": "collectivites.prets._modeles",
    "IndexDecale": "collectivites.prets._index",
    "IndexFige": "collectivites.prets._index",
    "LigneDePret": "collectivites.prets._modeles",
    "LigneTableau": "collectivites.prets._tableau",
    "ModeCalcul": "collectivites.prets._modeles",
    "MoteurCalcul": "collectivites.prets._repartition",
    "NatureScenario": "collectivites.prets._scenarios",
    "Periodicite": "collectivites.prets._modeles",
    "Prefinancement": "collectivites.prets._modeles",
    "Pret": "collectivites.prets._modeles",
    "Profil": "collectivites.prets._modeles",
    "Projection": "collectivites.prets._portefeuille",
    "ReglementPrefinancement": "collectivites.prets._modeles",
    "ResultatChangementIndex": "collectivites.prets._changement_index",
    "ResultatMoratoires": "collectivites.prets._moratoires",
    "ResultatRapprochement": "collectivites.prets._rapprochement",
    "ResultatRemboursement": "collectivites.prets._remboursement",
    "ResultatTeg": "collectivites.prets._teg",
    "Revision": "collectivites.prets._modeles",
    "Scenario": "collectivites.prets._scenarios",
    "TableauAmortissement": "collectivites.prets._tableau",
    "Versement": "collectivites.prets._modeles",
    "calculer_tableau": "collectivites.prets._tableau",
    "calculer_teg": "collectivites.prets._teg",
    "calendrier_remboursement": "collectivites.prets._remboursement",
    "changer_index": "collectivites.prets._changement_index",
    "charger_ligne": "collectivites.prets._dossier",
    "charger_pret": "collectivites.prets._dossier",
    "date_debut_amortissement": "collectivites.prets._echeancier",
    "date_paiement": "collectivites.prets._echeancier",
    "dates_echeances": "collectivites.prets._echeancier",
    "ecart": "collectivites.prets._portefeuille",
    "exemple_pret": "collectivites.prets._dossier",
    "indemnite_obligatoire": "collectivites.prets._remboursement",
    "index_disponibles": "collectivites.prets._index",
    "interets_moratoires": "collectivites.prets._moratoires",
    "lire_courbe_csv": "collectivites.prets._courbe",
    "lire_index_csv": "collectivites.prets._index",
    "lire_portefeuille": "collectivites.prets._tableur",
    "lire_tableau_a_rapprocher": "collectivites.prets._rapprochement",
    "modele_portefeuille": "collectivites.prets._tableur",
    "pret_depuis_donnees": "collectivites.prets._dossier",
    "projeter": "collectivites.prets._repartition",
    "projeter_fichiers": "collectivites.prets._repartition",
    "projeter_fichiers_scenarios": "collectivites.prets._repartition",
    "projeter_scenarios": "collectivites.prets._repartition",
    "Conversion": "collectivites.prets._parquet",
    "convertir_en_parquet": "collectivites.prets._parquet",
    "prolonger": "collectivites.prets._index",
    "rapprocher": "collectivites.prets._rapprochement",
    "rembourser_par_anticipation": "collectivites.prets._remboursement",
    "scenario": "collectivites.prets._scenarios",
    "serie_index": "collectivites.prets._index",
}

__all__ = [
    "COLONNES_PORTEFEUILLE",
    "SCHEMA_PRET",
    "Agregation",
    "AnneeProjection",
    "BaseCalcul",
    "CalendrierRemboursement",
    "CasObligatoire",
    "Conversion",
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
    "ReglementPrefinancement",
    "ResultatChangementIndex",
    "ResultatMoratoires",
    "ResultatRapprochement",
    "ResultatRemboursement",
    "ResultatTeg",
    "Revision",
    "Scenario",
    "TableauAmortissement",
    "Versement",
    "calculer_tableau",
    "calculer_teg",
    "calendrier_remboursement",
    "changer_index",
    "charger_ligne",
    "charger_pret",
    "convertir_en_parquet",
    "date_debut_amortissement",
    "date_paiement",
    "dates_echeances",
    "ecart",
    "exemple_pret",
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
    "projeter_fichiers_scenarios",
    "projeter_scenarios",
    "prolonger",
    "rapprocher",
    "rembourser_par_anticipation",
    "scenario",
    "serie_index",
]


def __getattr__(nom: str) -> Any:
    module = _MODULES.get(nom)
    if module is None:
        return _acces_deprecie(nom, 3)
    valeur = getattr(importlib.import_module(module), nom)
    globals()[nom] = valeur  # les usages suivants ne repassent pas par ici
    return valeur


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
