"""Dossier de soutiens REP (TOML) : barème, année, communes ou tonnages, pénalités.

```toml
[dossier]
bareme = "alcome"
annee = 2022
en_vigueur_du = 2022-01-01     # inclus ; défaut 1er janvier
en_vigueur_au = 2022-12-31     # inclus ; défaut 31 décembre
coefficient = "1"              # facultatif : taux d'acquittement, coefficient outre-mer…
[[communes]]
nom = "Oraison"
population = 6300               # habitants permanents
lits_touristiques = 500         # critères facultatifs
taux_residences_secondaires = "12 %"
commerces = 40
typologie = "touristique"       # facultatif : typologie déclarée
[penalites]                     # facultatif
titres_non_conformes = 1
arretes_non_communiques = true
bilan_non_communique = false
expeditions_non_tracees = 0
```

Un barème par tonne prend des ``[[tonnages]]`` (``matiere``, ``tonnes = "12.5"``) au lieu des
communes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs

from collectivites._dossier import Section, lire_exemple, lire_toml
from collectivites.erreurs import ErreurCollectivites, ErreurDossier
from collectivites.regles.rep.bareme import Bareme, bareme_en_vigueur
from collectivites.regles.rep.soutiens import Commune, ResultatSoutiens, Tonnage, calculer_soutiens

__all__ = [
    "DossierRep",
    "calculer_dossier_rep",
    "charger_dossier_rep",
    "dossier_rep_depuis_donnees",
    "exemple_rep",
]


@attrs.frozen(kw_only=True)
class DossierRep:
    """Les données d'un calcul de soutiens."""

    bareme: Bareme
    annee: int
    nom: str = ""
    du: dt.date | None = None
    au: dt.date | None = None
    coefficient: Decimal = Decimal(1)
    communes: tuple[Commune, ...] = ()
    tonnages: tuple[Tonnage, ...] = ()
    penalites: tuple[tuple[str, int | bool], ...] = ()
    hypotheses: tuple[str, ...] = ()


def _commune(section: Section) -> Commune:
    commune = section.construire(
        lambda: Commune(
            nom=section.texte("nom"),
            population=section.entier("population"),
            lits_touristiques=section.entier("lits_touristiques", None),
            taux_residences_secondaires=section.taux("taux_residences_secondaires", None),
            commerces=section.entier("commerces", None),
            typologie=section.texte("typologie", None),
        ),
        cle_par_defaut="population",
    )
    section.verifier_cles_inconnues()
    return commune


def _tonnage(section: Section) -> Callable[[], Tonnage]:
    return lambda: Tonnage(matiere=section.texte("matiere"), tonnes=section.montant("tonnes"))


def dossier_rep_depuis_donnees(donnees: dict[str, Any], *, fichier: str) -> DossierRep:
    """Construit un :class:`DossierRep` depuis un TOML déjà lu."""
    racine = Section(donnees, fichier=fichier)
    tete = racine.sous_section("dossier", obligatoire=True)
    assert tete is not None
    annee: int = tete.entier("annee")
    code: str = tete.texte("bareme")
    bareme = tete.convertir("bareme", lambda _c: bareme_en_vigueur(code, annee))
    communes = tuple(_commune(s) for s in racine.liste_sections("communes"))
    tonnages = []
    for s in racine.liste_sections("tonnages"):
        tonnages.append(s.construire(_tonnage(s), cle_par_defaut="tonnes"))
        s.verifier_cles_inconnues()
    penalites: dict[str, int | bool] = {}
    sous = racine.sous_section("penalites")
    if sous is not None:
        for cle, valeur in sous.donnees.items():
            if not isinstance(valeur, bool | int):
                raise sous.erreur(cle, f"un nombre ou true/false est attendu (reçu : {valeur!r})")
            penalites[cle] = valeur
        sous._lues.update(sous.donnees)
    dossier = DossierRep(
        bareme=bareme,
        annee=annee,
        nom=tete.texte("nom", ""),
        du=tete.date("en_vigueur_du", None),
        au=tete.date("en_vigueur_au", None),
        coefficient=tete.montant("coefficient", Decimal(1)),
        communes=communes,
        tonnages=tuple(tonnages),
        penalites=tuple(penalites.items()),
        hypotheses=tuple(str(h) for h in tete.brut("hypotheses", [])),
    )
    tete.verifier_cles_inconnues()
    racine.verifier_cles_inconnues()
    try:
        calculer_dossier_rep(dossier)
    except ErreurDossier:
        raise
    except ErreurCollectivites as exc:
        message = str(exc)
        cle_fautive: str | None = None
        if "en_vigueur" in message or "période" in message:
            cle_fautive = "dossier.en_vigueur_du"
        if "pénalité" in message:
            cle_fautive = "penalites"
        raise ErreurDossier(message, fichier=fichier, cle=cle_fautive) from None
    return dossier


def calculer_dossier_rep(dossier: DossierRep) -> ResultatSoutiens:
    """Calcule les soutiens d'un dossier."""
    return calculer_soutiens(
        dossier.bareme,
        dossier.annee,
        communes=dossier.communes,
        tonnages=dossier.tonnages,
        du=dossier.du,
        au=dossier.au,
        penalites=dict(dossier.penalites),
        coefficient=dossier.coefficient,
    )


def charger_dossier_rep(chemin: str | Path) -> DossierRep:
    """Lit un dossier de soutiens depuis un fichier TOML."""
    return dossier_rep_depuis_donnees(lire_toml(chemin), fichier=str(chemin))


def exemple_rep(nom: str) -> DossierRep:
    """Un dossier des exemples livrés (``rep-oraison-2022``, ``rep-groupement-2021``…)."""
    donnees, fichier = lire_exemple(nom)
    return dossier_rep_depuis_donnees(donnees, fichier=fichier)
