"""Dossier d'un contrat (TOML) : schéma et chargement.

```toml
[contrat]
nom = "Convention de gestion du rSa"
date_effet = 2017-02-17
duree = "3 ans"                    # absent : durée indéterminée
regime = "simple"                  # simple | cpc | franc | ue-1182-71
zone = "metropole"
[contrat.reconduction]
mode = "expresse"                  # aucune | tacite | expresse
nombre_max = 1                     # absent : sans limite
duree = "3 ans"                    # absent : la durée du contrat
[contrat.resiliation]
preavis = "1 an"                   # avant l'échéance
a_tout_moment = false
acheminement = "3 jours ouvrables"
[[obligations]]
libelle = "Bilan annuel des contrôles"
annuelle = "06-30"
```
"""

from __future__ import annotations

from typing import Any

from collectivites.calendrier._jours import Ajustement
from collectivites.chargement import (
    Alternative,
    Booleen,
    Chargeur,
    Choix,
    Cle,
    Converti,
    Date,
    Entier,
    Liste,
    Schema,
    SousTable,
    SousTables,
    Texte,
)
from collectivites.regles.delais._contrats import (
    PERIODES_MAX,
    Contrat,
    DepartObligation,
    ModeReconduction,
    Obligation,
    Reconduction,
    Resiliation,
)
from collectivites.regles.delais._duree import lire_duree
from collectivites.regles.delais._regimes import Sens

__all__ = ["SCHEMA_CONTRAT", "charger_contrat", "contrat_depuis_donnees", "exemple_contrat"]

DUREE = Converti(lire_duree, attendu="une durée comme « 2 mois », « 15 jours ouvrés »")
TEXTE_LIBRE = Texte(vide=True, longueur_max=2000)

RECONDUCTION = Schema(
    nom="reconduction",
    cles=(
        Cle("mode", Choix(ModeReconduction), ModeReconduction.AUCUNE, "aucune, tacite ou expresse"),
        Cle(
            "nombre_max",
            Entier(0, PERIODES_MAX),
            None,
            "reconductions permises (absent : sans limite)",
        ),
        Cle("duree", DUREE, None, "durée de chaque reconduction (absent : celle du contrat)"),
    ),
    fabrique=lambda v: Reconduction(**v),
)

RESILIATION = Schema(
    nom="résiliation",
    cles=(
        Cle("preavis", DUREE, None, "préavis avant l'échéance"),
        Cle("a_tout_moment", Booleen(), False, "résiliation possible à tout moment"),
        Cle("preavis_a_tout_moment", DUREE, None, "préavis d'une résiliation à tout moment"),
        Cle(
            "forme",
            Texte(),
            "lettre recommandée avec avis de réception",
            "forme de la notification",
        ),
        Cle("acheminement", DUREE, None, "marge d'acheminement de la lettre (agenda)"),
        Cle("reference", TEXTE_LIBRE, "", "article du contrat"),
    ),
    fabrique=lambda v: Resiliation(**v),
)

OBLIGATION = Schema(
    nom="obligation",
    cles=(
        Cle("libelle", Texte(), aide="ce qu'il faut faire"),
        Cle("reference", TEXTE_LIBRE, "", "article du contrat"),
        Cle("annuelle", Texte(longueur_max=10), None, "chaque année : MM-JJ ou fin-MM"),
        Cle("mensuelle", Entier(1, 31), None, "chaque mois : jour du mois (31 = dernier)"),
        Cle("date", Date(), None, "une date fixe"),
        Cle("delai", DUREE, None, "un délai compté depuis « depart »"),
        Cle("repetition", Booleen(), False, "le délai se répète tant que le contrat court"),
        Cle(
            "depart",
            Alternative((Choix(DepartObligation), Date())),
            DepartObligation.DATE_EFFET,
            "date_effet, echeance ou une date",
        ),
        Cle("sens", Choix(Sens), Sens.APRES, "apres ou avant"),
        Cle("report", Choix(Ajustement), Ajustement.AUCUN, "aucun, suivant ou precedent"),
    ),
    fabrique=lambda v: Obligation(**v),
)

CONTRAT = Schema(
    nom="contrat",
    cles=(
        Cle("nom", Texte(), aide="intitulé du contrat"),
        Cle("date_effet", Date(), aide="date de prise d'effet"),
        Cle("duree", DUREE, None, "durée (absent : indéterminée)"),
        Cle("regime", Texte(), "simple", "simple, cpc, franc ou ue-1182-71"),
        Cle("zone", Texte(), "metropole", "zone du calendrier légal"),
        Cle("source", TEXTE_LIBRE, "", "texte d'où vient le contrat"),
        Cle("hypotheses", Liste(TEXTE_LIBRE), (), "hypothèses faites faute d'information"),
        Cle("reconduction", SousTable(RECONDUCTION), None, "reconduction à l'échéance"),
        Cle("resiliation", SousTable(RESILIATION), None, "conditions de résiliation"),
    ),
    fabrique=lambda v: v,
)


def _contrat(valeurs: dict[str, Any]) -> Contrat:
    tete = dict(valeurs["contrat"])
    tete["reconduction"] = tete["reconduction"] or Reconduction()
    tete["resiliation"] = tete["resiliation"] or Resiliation()
    return Contrat(obligations=valeurs["obligations"], **tete)


#: Schéma d'un dossier de contrat : ``[contrat]`` et ``[[obligations]]``.
SCHEMA_CONTRAT = Schema(
    nom="dossier de contrat",
    cles=(
        Cle("contrat", SousTable(CONTRAT), aide="le contrat"),
        Cle("obligations", SousTables(OBLIGATION), (), "obligations datées"),
    ),
    fabrique=_contrat,
    champs={
        "nom": "contrat.nom",
        "date_effet": "contrat.date_effet",
        "duree": "contrat.duree",
        "zone": "contrat.zone",
        "regime": "contrat.regime",
        "reconduction.mode": "contrat.reconduction.mode",
        "resiliation.preavis": "contrat.resiliation.preavis",
    },
)


_CHARGEUR = Chargeur(SCHEMA_CONTRAT)
#: Construit un contrat depuis des données déjà lues (TOML, JSON).
contrat_depuis_donnees = _CHARGEUR.depuis_donnees
#: Lit un contrat depuis un fichier TOML.
charger_contrat = _CHARGEUR.charger
#: Un contrat des exemples livrés.
exemple_contrat = _CHARGEUR.exemple
