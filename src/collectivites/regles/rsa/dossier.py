"""Dossier rSa : la convention et les données d'une ou plusieurs années, lu depuis un TOML.

```toml
[convention]
jour_echeance = 5
report = "jour_ouvre_suivant"       # | jour_ouvre_precedent | aucun
echeance = "jour_du_mois_suivant"    # | dernier_jour_du_mois_suivant (CASF D262-61)
taux_reference = "eonia"             # | estr
majoration = "1 %"
base_jours = 360
zone = "metropole"
facturer_negatif = false
avance_tresorerie = "328000.00"
[[acomptes]]
mois = "2017-01"
montant = "476000.00"
paiements = [{ date = 2017-02-20, montant = "476000.00" }]
[[taux_reference_mensuels]]          # facultatif
mois = "2017-01"
valeur = "-0,35 %"
[[estr_mensuels]]                    # facultatif : substitution de l'EONIA après 2021
mois = "2022-01"
valeur = "-0,58 %"
[[operations]]
mois = "2016-12"
montant = "471000.00"
[[decaissements]]                    # rSa versé aux allocataires (neutralité)
date = 2017-01-05
montant = "476000.00"
```
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs

from collectivites._dossier import Section, lire_exemple, lire_toml
from collectivites.dates import lire_mois
from collectivites.erreurs import ErreurCollectivites
from collectivites.regles.rsa.modeles import (
    ECHEANCES,
    REPORTS,
    Acompte,
    ConventionRsa,
    Flux,
    Operation,
    Paiement,
    PlafondsAvance,
)

__all__ = ["DossierRsa", "charger_dossier_rsa", "dossier_rsa_depuis_donnees", "exemple_rsa"]


@attrs.frozen(kw_only=True)
class DossierRsa:
    """Une convention et ses données : acomptes, opérations, taux, décaissements."""

    convention: ConventionRsa
    acomptes: tuple[Acompte, ...] = ()
    operations: tuple[Operation, ...] = ()
    taux_mensuels: tuple[tuple[dt.date, Decimal], ...] = ()
    estr_mensuels: tuple[tuple[dt.date, Decimal], ...] = ()
    decaissements: tuple[Flux, ...] = ()
    date_arrete: dt.date | None = None

    @property
    def flux(self) -> tuple[Flux, ...]:
        """Encaissements (paiements des acomptes) et décaissements de la CAF, par date."""
        recus = [
            Flux(date=p.date, montant=p.montant, libelle=f"acompte {a.mois.strftime('%Y-%m')}")
            for a in self.acomptes
            for p in a.paiements
        ]
        verses = [
            Flux(date=d.date, montant=-d.montant, libelle=d.libelle or "rSa versé")
            for d in self.decaissements
        ]
        return tuple(sorted(recus + verses, key=lambda f: f.date))


def _mois(section: Section, cle: str = "mois") -> dt.date:
    brut = section.brut(cle)
    if isinstance(brut, dt.date):
        raise section.erreur(cle, f"un mois AAAA-MM est attendu, entre guillemets (reçu : {brut})")
    return section.convertir(cle, lambda v: lire_mois(v, champ=cle))


def _taux_mensuels(sections: list[Section]) -> tuple[tuple[dt.date, Decimal], ...]:
    valeurs: dict[dt.date, Decimal] = {}
    for section in sections:
        mois = _mois(section)
        if mois in valeurs:
            raise section.erreur("mois", f"mois {mois.strftime('%Y-%m')} donné deux fois")
        valeurs[mois] = section.taux("valeur")
        section.verifier_cles_inconnues()
    return tuple(sorted(valeurs.items()))


def _convention(section: Section) -> ConventionRsa:
    plafonds = None
    sous = section.sous_section("plafonds_avance")
    if sous is not None:
        plafonds = PlafondsAvance(
            nombre_par_an=sous.entier("nombre_par_an"),
            personne_seule=sous.montant("personne_seule"),
            couple_ou_un_enfant=sous.montant("couple_ou_un_enfant"),
            famille_avec_enfants=sous.montant("famille_avec_enfants"),
        )
        sous.verifier_cles_inconnues()
    convention = section.construire(
        lambda: ConventionRsa(
            nom=section.texte("nom", ""),
            echeance=section.choix("echeance", ECHEANCES, "jour_du_mois_suivant"),
            jour_echeance=section.entier("jour_echeance", 5),
            report=section.choix("report", REPORTS, "jour_ouvre_suivant"),
            taux_reference=section.choix("taux_reference", ("eonia", "estr"), "eonia"),
            majoration=section.taux("majoration", Decimal("0.01")),
            base_jours=section.entier("base_jours", 360),
            zone=section.texte("zone", "metropole"),
            facturer_negatif=section.booleen("facturer_negatif", False),
            avance_tresorerie=section.montant("avance_tresorerie", None),
            plafonds_avance=plafonds,
            multiple_remise_dette=section.montant("multiple_remise_dette", None),
            source=section.texte("source", ""),
            hypotheses=tuple(str(h) for h in section.brut("hypotheses", [])),
        ),
        cle_par_defaut="echeance",
    )
    section.verifier_cles_inconnues()
    return convention


def _paiement(section: Section) -> Callable[[], Paiement]:
    return lambda: Paiement(date=section.date("date"), montant=section.montant("montant"))


def _acompte(section: Section) -> Acompte:
    mois = _mois(section)
    montant = section.montant("montant")
    paiements = []
    brut = section.brut("paiements", [])
    if not isinstance(brut, list):
        raise section.erreur("paiements", "une liste de { date, montant } est attendue")
    for rang, valeur in enumerate(brut):
        sous = Section(
            valeur, fichier=section.fichier, chemin=f"{section.chemin}.paiements[{rang}]"
        )
        paiements.append(sous.construire(_paiement(sous), cle_par_defaut="montant"))
        sous.verifier_cles_inconnues()
    try:
        acompte = Acompte(mois=mois, montant=montant, paiements=tuple(paiements))
    except ErreurCollectivites as exc:
        raise section.erreur("paiements", str(exc)) from None
    section.verifier_cles_inconnues()
    return acompte


def dossier_rsa_depuis_donnees(donnees: dict[str, Any], *, fichier: str) -> DossierRsa:
    """Construit un :class:`DossierRsa` depuis un TOML déjà lu."""
    racine = Section(donnees, fichier=fichier)
    section = racine.sous_section("convention", obligatoire=True)
    assert section is not None
    convention = _convention(section)
    acomptes = tuple(_acompte(s) for s in racine.liste_sections("acomptes"))
    operations = []
    for s in racine.liste_sections("operations"):
        operations.append(Operation(mois=_mois(s), montant=s.montant("montant")))
        s.verifier_cles_inconnues()
    decaissements = []
    for s in racine.liste_sections("decaissements"):
        montant = s.montant("montant")
        if montant <= 0:
            raise s.erreur("montant", f"un décaissement est un montant > 0 (reçu : {montant})")
        decaissements.append(
            Flux(date=s.date("date"), montant=montant, libelle=s.texte("libelle", ""))
        )
        s.verifier_cles_inconnues()
    dossier = DossierRsa(
        convention=convention,
        acomptes=acomptes,
        operations=tuple(operations),
        taux_mensuels=_taux_mensuels(racine.liste_sections("taux_reference_mensuels")),
        estr_mensuels=_taux_mensuels(racine.liste_sections("estr_mensuels")),
        decaissements=tuple(decaissements),
        date_arrete=racine.date("date_arrete", None),
    )
    racine.verifier_cles_inconnues()
    return dossier


def charger_dossier_rsa(chemin: str | Path) -> DossierRsa:
    """Lit un dossier rSa depuis un fichier TOML."""
    return dossier_rsa_depuis_donnees(lire_toml(chemin), fichier=str(chemin))


def exemple_rsa(nom: str) -> DossierRsa:
    """Un dossier rSa des exemples livrés (``rsa-lozere-2019``)."""
    donnees, fichier = lire_exemple(nom)
    return dossier_rsa_depuis_donnees(donnees, fichier=fichier)
