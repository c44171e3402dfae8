"""Configuration commune des tests."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

settings.register_profile(
    "ci", max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile("dev", max_examples=60, deadline=None)
settings.load_profile("ci" if os.environ.get("CI") else "dev")

# Les résultats ne doivent pas dépendre du poste : aucun dossier utilisateur de données par défaut
# (les tests du prolongement des séries en désignent un, temporaire).
os.environ["COLLECTIVITES_DONNEES"] = ""
