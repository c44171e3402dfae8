"""Calendrier légal français : jours fériés par zone, jours ouvrés et ouvrables."""

from __future__ import annotations

from collectivites.calendrier._regles import RegleFerie, Zone, normaliser_zone, zones
from collectivites.calendrier.feries import ANNEE_MAX, ANNEE_MIN, JourFerie, est_ferie, jours_feries
from collectivites.calendrier.jours import (
    CONVENTIONS,
    ajouter_jours_ouvrables,
    ajouter_jours_ouvres,
    ajuster,
    est_jour_ouvrable,
    est_jour_ouvre,
)

__all__ = [
    "ANNEE_MAX",
    "ANNEE_MIN",
    "CONVENTIONS",
    "JourFerie",
    "RegleFerie",
    "Zone",
    "ajouter_jours_ouvrables",
    "ajouter_jours_ouvres",
    "ajuster",
    "est_ferie",
    "est_jour_ouvrable",
    "est_jour_ouvre",
    "jours_feries",
    "normaliser_zone",
    "zones",
]
