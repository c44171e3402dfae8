"""Chargement d'un contrat depuis un dossier TOML (ou un exemple livré).

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

from pathlib import Path
from typing import Any

from collectivites._dossier import Section, lire_exemple, lire_toml
from collectivites.regles.delais.contrats import (
    MODES_RECONDUCTION,
    Contrat,
    Obligation,
    Reconduction,
    Resiliation,
)
from collectivites.regles.delais.duree import lire_duree
from collectivites.regles.delais.regimes import REGIMES

__all__ = ["charger_contrat", "contrat_depuis_donnees", "exemple_contrat"]


def _obligation(section: Section) -> Obligation:
    depart: Any = "date_effet"
    if "depart" in section:
        brut = section.brut("depart")
        depart = brut if isinstance(brut, str) else section.date("depart")
    obligation = section.convertir(
        "libelle",
        lambda libelle: Obligation(
            libelle=libelle,
            reference=section.texte("reference", ""),
            annuelle=section.texte("annuelle", None),
            mensuelle=section.entier("mensuelle", None),
            date=section.date("date", None),
            delai=section.convertir("delai", lire_duree, None),
            repetition=section.booleen("repetition", False),
            depart=depart,
            sens=section.choix("sens", ("apres", "avant"), "apres"),
            report=section.choix("report", ("aucun", "suivant", "precedent"), "aucun"),
        ),
    )
    section.verifier_cles_inconnues()
    return obligation


def contrat_depuis_donnees(donnees: dict[str, Any], *, fichier: str) -> Contrat:
    """Construit un :class:`Contrat` depuis les données TOML déjà lues."""
    racine = Section(donnees, fichier=fichier)
    section = racine.sous_section("contrat", obligatoire=True)
    assert section is not None
    reconduction = Reconduction()
    sous = section.sous_section("reconduction")
    if sous is not None:
        reconduction = sous.convertir(
            "mode",
            lambda mode: Reconduction(
                mode=mode,
                nombre_max=sous.entier("nombre_max", None),
                duree=sous.convertir("duree", lire_duree, None),
            ),
            "aucune",
        )
        sous.choix("mode", MODES_RECONDUCTION, "aucune")
        sous.verifier_cles_inconnues()
    resiliation = Resiliation()
    sous_r = section.sous_section("resiliation")
    if sous_r is not None:
        resiliation = Resiliation(
            preavis=sous_r.convertir("preavis", lire_duree, None),
            a_tout_moment=sous_r.booleen("a_tout_moment", False),
            preavis_a_tout_moment=sous_r.convertir("preavis_a_tout_moment", lire_duree, None),
            forme=sous_r.texte("forme", "lettre recommandée avec avis de réception"),
            acheminement=sous_r.convertir("acheminement", lire_duree, None),
            reference=sous_r.texte("reference", ""),
        )
        sous_r.verifier_cles_inconnues()
    obligations = tuple(_obligation(s) for s in racine.liste_sections("obligations"))
    hypotheses = section.brut("hypotheses", [])
    contrat = section.convertir(
        "nom",
        lambda nom: Contrat(
            nom=nom,
            date_effet=section.date("date_effet"),
            duree=section.convertir("duree", lire_duree, None),
            reconduction=reconduction,
            resiliation=resiliation,
            obligations=obligations,
            zone=section.texte("zone", "metropole"),
            regime=section.choix("regime", REGIMES, "simple"),
            source=section.texte("source", ""),
            hypotheses=tuple(str(h) for h in hypotheses),
        ),
    )
    section.verifier_cles_inconnues()
    racine.verifier_cles_inconnues()
    return contrat


def charger_contrat(chemin: str | Path) -> Contrat:
    """Lit un contrat depuis un fichier TOML."""
    return contrat_depuis_donnees(lire_toml(chemin), fichier=str(chemin))


def exemple_contrat(nom: str) -> Contrat:
    """Un contrat des exemples livrés (``convention-rsa-lozere``, ``lucca-ddtm34``…)."""
    donnees, fichier = lire_exemple(nom)
    return contrat_depuis_donnees(donnees, fichier=fichier)
