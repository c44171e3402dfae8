"""Délais contractuels et légaux sur le calendrier français.

* :func:`calculer_delai` / :func:`detailler_delai` : un délai depuis une date, selon un régime
  (``simple``, ``cpc``, ``franc``, ``ue-1182-71``), dans un sens (``apres`` ou ``avant``) ;
* :class:`Contrat` : durée, reconduction, préavis, obligations ; :func:`periodes`,
  :func:`agenda` et ses rendus (texte, JSON, CSV, iCalendar).
"""

from __future__ import annotations

from collectivites.regles.delais.calcul import SENS, ResultatDelai, calculer_delai, detailler_delai
from collectivites.regles.delais.chargement import (
    charger_contrat,
    contrat_depuis_donnees,
    exemple_contrat,
)
from collectivites.regles.delais.contrats import (
    Contrat,
    Evenement,
    Obligation,
    Periode,
    Reconduction,
    Resiliation,
    ResultatResiliation,
    agenda,
    date_effet_resiliation,
    date_limite_resiliation,
    periodes,
)
from collectivites.regles.delais.duree import Duree, Unite, lire_duree
from collectivites.regles.delais.regimes import REGIMES, Regime
from collectivites.regles.delais.rendu import agenda_csv, agenda_ics, agenda_json, agenda_texte

__all__ = [
    "REGIMES",
    "SENS",
    "Contrat",
    "Duree",
    "Evenement",
    "Obligation",
    "Periode",
    "Reconduction",
    "Regime",
    "Resiliation",
    "ResultatDelai",
    "ResultatResiliation",
    "Unite",
    "agenda",
    "agenda_csv",
    "agenda_ics",
    "agenda_json",
    "agenda_texte",
    "calculer_delai",
    "charger_contrat",
    "contrat_depuis_donnees",
    "date_effet_resiliation",
    "date_limite_resiliation",
    "detailler_delai",
    "exemple_contrat",
    "lire_duree",
    "periodes",
]
