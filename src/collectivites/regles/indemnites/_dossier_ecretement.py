"""Dossier de l'écrêtement d'un élu aux mandats multiples (TOML).

```toml
[elu]
nom = "DURAND Claire"
date = 2024-03-01          # mois calculé : les mandats en cours ce jour-là sont comptés
[[mandats]]
collectivite = "Commune de Valmont"
fonction = "maire"
indemnite = "4 521,58"      # indemnité mensuelle brute
cotisations = "410,00"      # facultatif : cotisations sociales obligatoires (par mois)
debut = 2020-05-23
fin = 2026-03-22            # facultatif : fin exclue ; absente, le mandat est en cours
```
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import attrs

from collectivites._champs import en_tuple, v_date, v_texte, v_tuple_de
from collectivites._moteur import moteur
from collectivites.chargement import (
    Chargeur,
    Cle,
    Date,
    Montant,
    Schema,
    SousTable,
    SousTables,
    Texte,
)
from collectivites.erreurs import ErreurDossier
from collectivites.regles.indemnites._ecretement import Mandat, ResultatEcretement, ecreter

__all__ = [
    "SCHEMA_ECRETEMENT",
    "DossierEcretement",
    "calculer_dossier_ecretement",
    "charger_ecretement",
    "ecretement_depuis_donnees",
    "exemple_ecretement",
]


@attrs.frozen(kw_only=True)
class DossierEcretement:
    """L'élu, la date du calcul et ses mandats, tels que le dossier les donne."""

    nom: str = attrs.field(validator=v_texte(vide=False, longueur_max=120))
    date: dt.date = attrs.field(validator=v_date())
    mandats: tuple[Mandat, ...] = attrs.field(converter=en_tuple, validator=v_tuple_de(Mandat))


ELU = Schema(
    nom="élu",
    cles=(
        Cle("nom", Texte(longueur_max=120), aide="nom et prénom de l'élu"),
        Cle("date", Date(), aide="date du calcul : les mandats en cours ce jour-là comptent"),
    ),
    fabrique=lambda v: v,
)

MANDAT = Schema(
    nom="mandat",
    cles=(
        Cle("collectivite", Texte(longueur_max=200), aide="collectivité ou organisme"),
        Cle("fonction", Texte(longueur_max=120), aide="maire, vice-président, député…"),
        Cle("indemnite", Montant(), aide="indemnité mensuelle brute (« 4 521,58 »)"),
        Cle("cotisations", Montant(), Decimal("0.00"), "cotisations sociales obligatoires"),
        Cle("debut", Date(), aide="début du mandat (installation)"),
        Cle("fin", Date(), None, "fin du mandat, exclue (absente : en cours)"),
    ),
    fabrique=lambda v: Mandat(**v),
)


def _dossier(v: dict[str, Any]) -> DossierEcretement:
    dossier = DossierEcretement(nom=v["elu"]["nom"], date=v["elu"]["date"], mandats=v["mandats"])
    calculer_dossier_ecretement(dossier)  # les règles du CGCT valident le dossier entier
    return dossier


#: Schéma d'un dossier d'écrêtement.
SCHEMA_ECRETEMENT = Schema(
    nom="dossier d'écrêtement",
    cles=(
        Cle("elu", SousTable(ELU), aide="l'élu et la date du calcul"),
        Cle("mandats", SousTables(MANDAT, minimum=1, maximum=50), aide="ses mandats"),
    ),
    fabrique=_dossier,
)


@moteur
def calculer_dossier_ecretement(dossier: DossierEcretement) -> ResultatEcretement:
    """L'écrêtement d'un dossier (voir :func:`~._ecretement.ecreter`)."""
    resultat = ecreter(dossier.mandats, dossier.date)
    titre = f"Élu : {dossier.nom}."
    return attrs.evolve(resultat, hypotheses=(titre, *resultat.hypotheses))


_CHARGEUR = Chargeur(SCHEMA_ECRETEMENT)
#: Construit un dossier d'écrêtement depuis des données déjà lues (TOML, JSON).
ecretement_depuis_donnees = _CHARGEUR.depuis_donnees
#: Lit un dossier d'écrêtement depuis un fichier TOML.
charger_ecretement = _CHARGEUR.charger


def exemple_ecretement(nom: str) -> DossierEcretement:
    """Aucun exemple n'est livré pour l'écrêtement : toujours refusé, en le disant."""
    raise ErreurDossier(
        "aucun exemple livré pour l'écrêtement : donner un dossier TOML (guide « Majorations "
        "et enveloppe des indemnités », section « L'écrêtement »)",
        valeur=nom,
    )
