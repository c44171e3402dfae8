"""Données de référence livrées avec le paquet, et lecture des séries datées.

Chaque valeur porte sa date d'effet et sa source (colonne ``source`` ou ``reference``). Les
fichiers CSV peuvent commencer par des lignes ``#`` qui décrivent leur provenance.
"""

from __future__ import annotations

from collectivites.donnees._etat import (
    EtatDonnees,
    EtatSerie,
    VerificationFichier,
    etat_des_donnees,
    verifier_fichier,
)
from collectivites.donnees._livrees import (
    VARIABLE_DOSSIER,
    dossier_utilisateur,
    fichier_livre,
    fichiers_livres,
    serie_livree,
    series_livrees,
)
from collectivites.donnees._paquet import lire_csv_paquet, lire_texte_paquet
from collectivites.donnees._series import (
    ApresDerniere,
    PointSerie,
    SerieDatee,
    SourceIndex,
    avertissements_de_source,
    lire_serie_csv,
)

__all__ = [
    "VARIABLE_DOSSIER",
    "ApresDerniere",
    "EtatDonnees",
    "EtatSerie",
    "PointSerie",
    "SerieDatee",
    "SourceIndex",
    "VerificationFichier",
    "avertissements_de_source",
    "dossier_utilisateur",
    "etat_des_donnees",
    "fichier_livre",
    "fichiers_livres",
    "lire_csv_paquet",
    "lire_serie_csv",
    "lire_texte_paquet",
    "serie_livree",
    "series_livrees",
    "verifier_fichier",
]
