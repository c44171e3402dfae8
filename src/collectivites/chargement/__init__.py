"""Chargement des entrées : fichiers lus prudemment, schémas de dossiers, exemples livrés.

Seuls les chargeurs (et la ligne de commande) lisent des fichiers ; les moteurs n'en voient rien.
Chaque genre de dossier (prêt, contrat, rSa, REP…) a son :class:`Schema` ; :func:`lire` le
construit depuis des données TOML, JSON ou les cellules d'un tableur, avec des erreurs situées.

Une sous-table d'un dossier se lit par :class:`SousTable`, une liste de sous-tables par
:class:`SousTables` ; leurs anciens noms ``Table`` et ``Tables`` (confondus avec
:class:`collectivites.tables.Table`, une table de résultat) restent importables avec un
``DeprecationWarning``.
"""

from __future__ import annotations

from collectivites._depreciation import acces_deprecie
from collectivites.chargement._exemples import (
    catalogue_des_exemples,
    exemples_disponibles,
    lire_exemple,
)
from collectivites.chargement._fichiers import (
    TAILLE_MAX_DONNEES,
    TAILLE_MAX_DOSSIER,
    LigneCsv,
    lire_cellule,
    lire_csv,
    lire_octets,
    lire_texte,
    lire_toml,
    lire_toml_texte,
)
from collectivites.chargement._schema import (
    OBLIGATOIRE,
    Alternative,
    Booleen,
    Chargeur,
    Choix,
    Cle,
    Converti,
    Date,
    Entier,
    Identifiant,
    Libre,
    Liste,
    Mois,
    Montant,
    Nombre,
    Schema,
    SousTable,
    SousTables,
    Taux,
    Texte,
    Type,
    cle_unicite,
    lire,
    normaliser_texte,
)
from collectivites.chargement._tableur import EXTENSIONS_CLASSEUR, lire_texte_tableur

__all__ = [
    "EXTENSIONS_CLASSEUR",
    "OBLIGATOIRE",
    "TAILLE_MAX_DONNEES",
    "TAILLE_MAX_DOSSIER",
    "Alternative",
    "Booleen",
    "Chargeur",
    "Choix",
    "Cle",
    "Converti",
    "Date",
    "Entier",
    "Identifiant",
    "Libre",
    "LigneCsv",
    "Liste",
    "Mois",
    "Montant",
    "Nombre",
    "Schema",
    "SousTable",
    "SousTables",
    "Taux",
    "Texte",
    "Type",
    "catalogue_des_exemples",
    "cle_unicite",
    "exemples_disponibles",
    "lire",
    "lire_cellule",
    "lire_csv",
    "lire_exemple",
    "lire_octets",
    "lire_texte",
    "lire_texte_tableur",
    "lire_toml",
    "lire_toml_texte",
    "normaliser_texte",
]

__getattr__ = acces_deprecie(
    __name__,
    {
        "Table": ("collectivites.chargement", "SousTable"),
        "Tables": ("collectivites.chargement", "SousTables"),
    },
)
