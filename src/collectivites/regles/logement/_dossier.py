"""Dossier d'une convention de réservation en flux (TOML).

```toml
[convention]
bailleur = "Unicil"
reservataire = "Commune d'Oraison"
annee = 2024
date_rpls = 2023-01-01             # facultatif : date du décompte RPLS
annee_rotation = 2022              # facultatif : année du taux de rotation
logements_rpls = 116
logements_exclus = 0
taux_rotation = "6,90 %"
taux_reservation = "12,9 %"
[convention.deductions]            # facultatif
mutations_internes = 0
relogements_renouvellement_urbain = 0
ventes = 0
autres = 0
[bilan_precedent]                  # facultatif (art. 6.1)
objectif = 1
mis_a_disposition = 0
ecart_justifie = false
[attributions]                     # facultatif : contrôle des 25 % de ménages prioritaires
total = 4
prioritaires = 1
```
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import attrs

from collectivites._champs import v_instance
from collectivites._moteur import moteur
from collectivites.chargement import (
    Booleen,
    Chargeur,
    Cle,
    Date,
    Entier,
    Liste,
    Schema,
    SousTable,
    Taux,
    Texte,
)
from collectivites.regles.logement._flux import (
    Attributions,
    BilanPrecedent,
    ConventionFlux,
    Deductions,
    ResultatFlux,
    calculer_droits,
)

__all__ = [
    "SCHEMA_FLUX",
    "DossierFlux",
    "calculer_dossier_flux",
    "charger_flux",
    "exemple_flux",
    "flux_depuis_donnees",
]

_NOMBRE = Entier(0, 10_000_000)


@attrs.frozen(kw_only=True)
class DossierFlux:
    """Une convention lue d'un dossier, avec sa source et ses hypothèses."""

    convention: ConventionFlux = attrs.field(validator=v_instance(ConventionFlux))
    source: str = ""
    hypotheses: tuple[str, ...] = ()


DEDUCTIONS = Schema(
    nom="déductions",
    cles=(
        Cle("mutations_internes", _NOMBRE, 0, "mutations internes"),
        Cle("relogements_renouvellement_urbain", _NOMBRE, 0, "relogements ANRU, ORCOD-IN, LHI"),
        Cle("mutations_et_relogements", _NOMBRE, None, "les deux ensemble (annexe H2P)"),
        Cle("ventes", _NOMBRE, 0, "relogements liés à une vente"),
        Cle("autres", _NOMBRE, 0, "autres, sous réserve d'accord préfectoral"),
    ),
    fabrique=lambda v: Deductions(**v),
)

CONVENTION = Schema(
    nom="convention",
    cles=(
        Cle("bailleur", Texte(), aide="organisme bailleur"),
        Cle("reservataire", Texte(), aide="réservataire"),
        Cle("annee", Entier(2020, 2199), aide="année des droits"),
        Cle("territoire", Texte(vide=True), "", "territoire (commune)"),
        Cle("date_rpls", Date(), None, "date du décompte RPLS"),
        Cle("annee_rotation", Entier(2000, 2199), None, "année du taux de rotation"),
        Cle("logements_rpls", _NOMBRE, aide="logements au RPLS (a)"),
        Cle("logements_exclus", _NOMBRE, 0, "logements légalement exclus (b)"),
        Cle("taux_rotation", Taux(Decimal(0), Decimal(1)), aide="taux de rotation (d)"),
        Cle("taux_reservation", Taux(Decimal(0), Decimal(1)), aide="taux de réservation (j)"),
        Cle("deductions", SousTable(DEDUCTIONS), None, "logements soustraits du flux"),
        Cle("source", Texte(vide=True, longueur_max=2000), "", "convention d'origine"),
        Cle("hypotheses", Liste(Texte(vide=True, longueur_max=2000)), (), "hypothèses"),
    ),
    fabrique=lambda v: v,
)

BILAN = Schema(
    nom="bilan précédent",
    cles=(
        Cle("objectif", _NOMBRE, aide="objectif de l'année précédente"),
        Cle("mis_a_disposition", _NOMBRE, aide="logements mis à disposition"),
        Cle("ecart_justifie", Booleen(), False, "écart justifié par le bailleur"),
    ),
    fabrique=lambda v: BilanPrecedent(**v),
)

ATTRIBUTIONS = Schema(
    nom="attributions",
    cles=(
        Cle("total", _NOMBRE, aide="attributions sur le contingent"),
        Cle("prioritaires", _NOMBRE, aide="dont ménages prioritaires"),
    ),
    fabrique=lambda v: Attributions(**v),
)


def _convention(v: dict[str, Any]) -> DossierFlux:
    tete = dict(v["convention"])
    source, hypotheses = tete.pop("source"), tete.pop("hypotheses")
    if tete["deductions"] is None:
        tete["deductions"] = Deductions()
    convention = ConventionFlux(
        **tete, bilan_precedent=v["bilan_precedent"], attributions=v["attributions"]
    )
    calculer_droits(convention)  # les règles du calcul valident le dossier entier
    return DossierFlux(convention=convention, source=source, hypotheses=hypotheses)


#: Schéma d'un dossier de gestion en flux.
SCHEMA_FLUX = Schema(
    nom="dossier de gestion en flux",
    cles=(
        Cle("convention", SousTable(CONVENTION), aide="l'annexe de calcul"),
        Cle("bilan_precedent", SousTable(BILAN), None, "bilan de l'année précédente"),
        Cle("attributions", SousTable(ATTRIBUTIONS), None, "attributions de l'année"),
    ),
    fabrique=_convention,
    champs={
        "logements_exclus": "convention.logements_exclus",
        "deductions": "convention.deductions",
        "annee": "convention.annee",
        "date_rpls": "convention.date_rpls",
        "annee_rotation": "convention.annee_rotation",
    },
)


@moteur
def calculer_dossier_flux(dossier: DossierFlux) -> ResultatFlux:
    """Calcule un dossier ; sa source et ses hypothèses précèdent celles du calcul."""
    resultat = calculer_droits(dossier.convention)
    source = dossier.source
    notes = ((f"Source : {source}.",) if source else ()) + dossier.hypotheses
    return attrs.evolve(resultat, hypotheses=notes + resultat.hypotheses)


_CHARGEUR = Chargeur(SCHEMA_FLUX)
#: Construit un dossier depuis des données déjà lues (TOML, JSON).
flux_depuis_donnees = _CHARGEUR.depuis_donnees
#: Lit un dossier de gestion en flux depuis un fichier TOML.
charger_flux = _CHARGEUR.charger
#: Un dossier des exemples livrés (``logement-unicil-2024``, ``logement-h2p-2024``).
exemple_flux = _CHARGEUR.exemple
