"""Dossier des indemnités d'un conseil municipal (TOML).

```toml
[commune]
nom = "Oraison"
population = 6300                  # population totale, dernier recensement
date = 2023-12-01                  # date d'effet de la délibération
majorations = ["chef-lieu de canton"]
immeubles_sinistres = "12 %"       # facultatif (R2123-23, 2°)
[[elus]]
nom = "GAUVAN Benoit"
fonction = "maire"                 # maire | adjoint | conseiller délégué | conseiller
taux = "55 %"                      # du terme de référence (indice brut terminal)
delegation = true                  # délégation de fonctions reçue du maire
majoration = false                 # facultatif : le conseil ne lui applique pas la majoration
```
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import attrs

from collectivites._champs import en_tuple, v_instance, v_tuple_de
from collectivites._moteur import moteur
from collectivites.chargement import (
    Booleen,
    Chargeur,
    Choix,
    Cle,
    Date,
    Entier,
    Libre,
    Liste,
    Schema,
    Table,
    Tables,
    Taux,
    Texte,
)
from collectivites.erreurs import ErreurValeur
from collectivites.regles.indemnites._calcul import ResultatIndemnites, calculer_indemnites
from collectivites.regles.indemnites._modeles import (
    POPULATION_MAX,
    TAUX_MAX,
    Commune,
    Elu,
    Fonction,
)

__all__ = [
    "SCHEMA_INDEMNITES",
    "DossierIndemnites",
    "calculer_dossier_indemnites",
    "charger_dossier_indemnites",
    "dossier_indemnites_depuis_donnees",
    "exemple_indemnites",
]


@attrs.frozen(kw_only=True)
class DossierIndemnites:
    """La commune et ses élus, tels que le dossier les donne."""

    commune: Commune = attrs.field(validator=v_instance(Commune))
    elus: tuple[Elu, ...] = attrs.field(converter=en_tuple, validator=v_tuple_de(Elu))
    source: str = ""
    hypotheses: tuple[str, ...] = ()


COMMUNE = Schema(
    nom="commune",
    cles=(
        Cle("nom", Texte(), aide="nom de la commune"),
        Cle("population", Entier(1, POPULATION_MAX), aide="population totale"),
        Cle("date", Date(), aide="date d'effet des indemnités"),
        Cle("majorations", Liste(Texte(longueur_max=80), unique=True), (), "majorations votées"),
        Cle(
            "immeubles_sinistres",
            Taux(Decimal(0), Decimal(1)),
            None,
            "pourcentage d'immeubles sinistrés (R2123-23, 2°)",
        ),
        Cle(
            "renouvellement",
            Date(),
            None,
            "renouvellement général dont la population est retenue (R2151-2)",
        ),
        Cle("source", Texte(vide=True, longueur_max=2000), "", "délibération d'origine"),
        Cle("hypotheses", Liste(Texte(vide=True, longueur_max=2000)), (), "hypothèses"),
    ),
    fabrique=lambda v: v,
)

ELU = Schema(
    nom="élu",
    cles=(
        Cle("nom", Texte(longueur_max=120), aide="nom et prénom"),
        Cle(
            "fonction",
            Choix(Fonction),
            aide="maire, adjoint, adjoint de quartier, conseiller délégué, conseiller, président, "
            "vice-président, membre de la commission permanente",
        ),
        Cle("taux", Taux(Decimal(0), TAUX_MAX), aide="taux voté (« 55 % »)"),
        Cle("delegation", Booleen(), False, "délégation de fonctions reçue du maire"),
        Cle("majoration", Booleen(), None, "appliquer les majorations de la commune"),
        Cle(
            "taux_majoration",
            Taux(Decimal(0), Decimal(2)),
            None,
            "taux de majoration voté, s'il est inférieur au maximum (R2123-23)",
        ),
    ),
    fabrique=lambda v: Elu(**v),
    unicite="nom",
)


def _dossier(v: dict[str, Any]) -> DossierIndemnites:
    for cle, nature in (("departement", "départements"), ("epci", "EPCI")):
        if v[cle] is not None:
            raise ErreurValeur(
                f"les indemnités des {nature} ne sont pas encore calculées par la bibliothèque : "
                "seules celles des conseils municipaux le sont",
                cle=cle,
            )
    tete = v["commune"]
    dossier = DossierIndemnites(
        commune=Commune(
            nom=tete["nom"],
            population=tete["population"],
            date=tete["date"],
            majorations=tete["majorations"],
            immeubles_sinistres=tete["immeubles_sinistres"],
            renouvellement=tete["renouvellement"],
        ),
        elus=v["elus"],
        source=tete["source"],
        hypotheses=tete["hypotheses"],
    )
    calculer_dossier_indemnites(dossier)  # les règles du CGCT valident le dossier entier
    return dossier


#: Schéma d'un dossier d'indemnités.
SCHEMA_INDEMNITES = Schema(
    nom="dossier d'indemnités",
    cles=(
        Cle("commune", Table(COMMUNE), aide="la commune"),
        Cle("elus", Tables(ELU, minimum=1), aide="les élus"),
        Cle("departement", Libre(), None, "(pas encore calculé)"),
        Cle("epci", Libre(), None, "(pas encore calculé)"),
    ),
    fabrique=_dossier,
    champs={"nom": "commune.nom", "population": "commune.population", "date": "commune.date"},
)


@moteur
def calculer_dossier_indemnites(dossier: DossierIndemnites) -> ResultatIndemnites:
    """Calcule les indemnités d'un dossier ; ses hypothèses s'ajoutent à celles du calcul."""
    resultat = calculer_indemnites(dossier.commune, dossier.elus)
    if dossier.source or dossier.hypotheses:
        notes = ((f"Source : {dossier.source}.",) if dossier.source else ()) + dossier.hypotheses
        resultat = attrs.evolve(resultat, hypotheses=notes + resultat.hypotheses)
    return resultat


_CHARGEUR = Chargeur(SCHEMA_INDEMNITES)
#: Construit un dossier d'indemnités depuis des données déjà lues (TOML, JSON).
dossier_indemnites_depuis_donnees = _CHARGEUR.depuis_donnees
#: Lit un dossier d'indemnités depuis un fichier TOML.
charger_dossier_indemnites = _CHARGEUR.charger
#: Un dossier des exemples livrés (``indemnites-oraison-2023``).
exemple_indemnites = _CHARGEUR.exemple
