"""Calendrier légal français : jours fériés par zone, jours ouvrés et ouvrables."""

from __future__ import annotations

from collectivites.calendrier._feries import (
    ANNEE_MAX,
    ANNEE_MIN,
    JourFerie,
    JoursFeries,
    est_ferie,
    jours_feries,
    liste_feries,
)
from collectivites.calendrier._jours import (
    Ajustement,
    ajouter_jours_ouvrables,
    ajouter_jours_ouvres,
    ajuster,
    est_jour_ouvrable,
    est_jour_ouvre,
)
from collectivites.calendrier._regles import RegleFerie, Zone, normaliser_zone, zones

__all__ = [
    "ANNEE_MAX",
    "ANNEE_MIN",
    "Ajustement",
    "JourFerie",
    "JoursFeries",
    "RegleFerie",
    "Zone",
    "ajouter_jours_ouvrables",
    "ajouter_jours_ouvres",
    "ajuster",
    "est_ferie",
    "est_jour_ouvrable",
    "est_jour_ouvre",
    "jours_feries",
    "liste_feries",
    "normaliser_zone",
    "zones",
]
