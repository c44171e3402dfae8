"""Dossier des indemnités d'un conseil municipal (TOML).

```toml
[commune]
nom = "Oraison"
population = 6300                  # population totale de référence (R2151-2)
renouvellement = 2020-03-15        # facultatif : renouvellement général dont elle est issue
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

Un département, une région ou un EPCI remplace ``[commune]`` par ``[departement]``,
``[region]`` ou ``[epci]`` (``nom``, ``population``, ``date`` ; ``nature`` pour un EPCI :
« communauté de communes »…) ; fonctions : ``président``, ``vice-président``,
``membre de la commission permanente``, ``conseiller délégué`` (EPCI), ``conseiller``.
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
    Liste,
    Schema,
    SousTable,
    SousTables,
    Taux,
    Texte,
)
from collectivites.erreurs import ErreurValeur
from collectivites.regles.indemnites._assemblees import Departement, Epci, Region
from collectivites.regles.indemnites._calcul import ResultatIndemnites, calculer_indemnites
from collectivites.regles.indemnites._calcul_assemblees import ResultatAssemblee
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
    "charger_indemnites",
    "exemple_indemnites",
    "indemnites_depuis_donnees",
]


@attrs.frozen(kw_only=True)
class DossierIndemnites:
    """La collectivité (commune, département, région ou EPCI) et ses élus, tels que le dossier
    les donne."""

    collectivite: Commune | Departement | Region | Epci = attrs.field(
        validator=v_instance(Commune, Departement, Region, Epci)
    )
    elus: tuple[Elu, ...] = attrs.field(converter=en_tuple, validator=v_tuple_de(Elu))
    source: str = ""
    hypotheses: tuple[str, ...] = ()

    @property
    def commune(self) -> Commune:
        """La commune du dossier (erreur si le dossier décrit une autre collectivité)."""
        if not isinstance(self.collectivite, Commune):
            raise ErreurValeur("le dossier ne décrit pas une commune", cle="commune")
        return self.collectivite


COMMUNE = Schema(
    nom="commune",
    cles=(
        Cle("nom", Texte(), aide="nom de la commune"),
        Cle(
            "population",
            Entier(1, POPULATION_MAX),
            aide="population totale authentifiée avant le dernier renouvellement général, "
            "figée pour le mandat (R2151-2)",
        ),
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


ASSEMBLEE = Schema(
    nom="collectivité",
    cles=(
        Cle("nom", Texte(), aide="nom du département, de la région ou de l'EPCI"),
        Cle("population", Entier(1, 100_000_000), aide="population totale"),
        Cle("date", Date(), aide="date d'effet des indemnités"),
        Cle("source", Texte(vide=True, longueur_max=2000), "", "délibération d'origine"),
        Cle("hypotheses", Liste(Texte(vide=True, longueur_max=2000)), (), "hypothèses"),
    ),
    fabrique=lambda v: v,
)

EPCI = Schema(
    nom="EPCI",
    cles=(
        *ASSEMBLEE.cles[:1],
        Cle(
            "nature",
            Texte(longueur_max=80),
            aide="communauté de communes, d'agglomération, urbaine, métropole, syndicat de "
            "communes, syndicat mixte fermé",
        ),
        *ASSEMBLEE.cles[1:],
    ),
    fabrique=lambda v: v,
)


def _collectivite(v: dict[str, Any]) -> tuple[Any, dict[str, Any]]:
    presentes = [c for c in ("commune", "departement", "region", "epci") if v[c] is not None]
    if len(presentes) != 1:
        raise ErreurValeur(
            "un dossier d'indemnités décrit une collectivité et une seule",
            valeur=", ".join(f"[{c}]" for c in presentes) or "aucune",
            attendu="[commune], [departement], [region] ou [epci]",
        )
    cle = presentes[0]
    tete = v[cle]
    if cle == "commune":
        return Commune(
            nom=tete["nom"],
            population=tete["population"],
            date=tete["date"],
            majorations=tete["majorations"],
            immeubles_sinistres=tete["immeubles_sinistres"],
            renouvellement=tete["renouvellement"],
        ), tete
    commun = {"nom": tete["nom"], "population": tete["population"], "date": tete["date"]}
    if cle == "epci":
        return Epci(nature=tete["nature"], **commun), tete
    return (Departement(**commun) if cle == "departement" else Region(**commun)), tete


def _dossier(v: dict[str, Any]) -> DossierIndemnites:
    collectivite, tete = _collectivite(v)
    dossier = DossierIndemnites(
        collectivite=collectivite,
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
        Cle("commune", SousTable(COMMUNE), None, "la commune"),
        Cle("departement", SousTable(ASSEMBLEE), None, "le département (L3123-15 à L3123-19)"),
        Cle("region", SousTable(ASSEMBLEE), None, "la région (L4135-15 à L4135-19)"),
        Cle("epci", SousTable(EPCI), None, "l'EPCI (L5211-12)"),
        Cle("elus", SousTables(ELU, minimum=1), aide="les élus"),
    ),
    fabrique=_dossier,
    champs={"nom": "commune.nom", "population": "commune.population", "date": "commune.date"},
)


@moteur
def calculer_dossier_indemnites(
    dossier: DossierIndemnites,
) -> ResultatIndemnites | ResultatAssemblee:
    """Calcule les indemnités d'un dossier ; ses hypothèses s'ajoutent à celles du calcul."""
    resultat: ResultatIndemnites | ResultatAssemblee = calculer_indemnites(
        dossier.collectivite, dossier.elus
    )
    if dossier.source or dossier.hypotheses:
        notes = ((f"Source : {dossier.source}.",) if dossier.source else ()) + dossier.hypotheses
        resultat = attrs.evolve(resultat, hypotheses=notes + resultat.hypotheses)
    return resultat


_CHARGEUR = Chargeur(SCHEMA_INDEMNITES)
#: Construit un dossier d'indemnités depuis des données déjà lues (TOML, JSON).
indemnites_depuis_donnees = _CHARGEUR.depuis_donnees
#: Lit un dossier d'indemnités depuis un fichier TOML.
charger_indemnites = _CHARGEUR.charger
#: Un dossier des exemples livrés (``indemnites-oraison-2023``).
exemple_indemnites = _CHARGEUR.exemple
