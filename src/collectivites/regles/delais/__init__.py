"""Délais contractuels et légaux sur le calendrier français.

* :func:`calculer_delai` / :func:`detailler_delai` : un délai depuis une date, selon un régime
  (``simple``, ``cpc``, ``franc``, ``ue-1182-71``), dans un :class:`Sens` (après ou avant) ;
* :class:`Contrat` : durée, reconduction, préavis, obligations ; :func:`periodes` et
  :func:`agenda`, dont le résultat s'écrit en texte, CSV, JSON, XLSX, HTML ou iCalendar
  (``agenda(…).rendre("ics", horodatage=…)``).
"""

from __future__ import annotations

from collectivites.regles.delais._agenda import Agenda, Evenement, NatureEvenement, agenda
from collectivites.regles.delais._calcul import ResultatDelai, calculer_delai, detailler_delai
from collectivites.regles.delais._contrats import (
    Contrat,
    DepartObligation,
    ModeReconduction,
    Obligation,
    Periode,
    Reconduction,
    Resiliation,
    ResultatResiliation,
    date_effet_resiliation,
    date_limite_resiliation,
    periodes,
)
from collectivites.regles.delais._dossier import (
    SCHEMA_CONTRAT,
    charger_contrat,
    contrat_depuis_donnees,
    exemple_contrat,
)
from collectivites.regles.delais._duree import Duree, Unite, lire_duree
from collectivites.regles.delais._lot import calculer_delais
from collectivites.regles.delais._regimes import REGIMES, Regime, Sens

__all__ = [
    "REGIMES",
    "SCHEMA_CONTRAT",
    "Agenda",
    "Contrat",
    "DepartObligation",
    "Duree",
    "Evenement",
    "ModeReconduction",
    "NatureEvenement",
    "Obligation",
    "Periode",
    "Reconduction",
    "Regime",
    "Resiliation",
    "ResultatDelai",
    "ResultatResiliation",
    "Sens",
    "Unite",
    "agenda",
    "calculer_delai",
    "calculer_delais",
    "charger_contrat",
    "contrat_depuis_donnees",
    "date_effet_resiliation",
    "date_limite_resiliation",
    "detailler_delai",
    "exemple_contrat",
    "lire_duree",
    "periodes",
]
