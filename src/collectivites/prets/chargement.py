"""Chargement des dossiers de prêt (TOML), clés nommées comme à l'article 9.

Une ligne seule :

```toml
[ligne]
identifiant = "5165325"
montant = "128189.00"
date_debut_amortissement = 2017-12-06
duree = 50
periodicite = "annuelle"
index = "livret_a"
valeur_index_reference = "0,75 %"
marge = "0,60 %"
taux_interet = "1,35 %"
profil = "amortissement_deduit_interets_differes"
revision = "DL"
taux_progressivite = "0,50 %"
taux_plancher_progressivite = "0 %"
mode_calcul_interets = "equivalent"
base_calcul = "30/360"
[prefinancement]
duree_mois = 12
taux = "1,35 %"
reglement_interets = "paiement"
```

Facultatifs dans ``[ligne]`` : ``versements = [{ date = 2017-03-15, montant = "100000.00" }]``
(dates et montants réels), ``differe_amortissement_mois = 12`` et ``differe_capitalise = true``,
``date_effet`` (pour dater les échéances ou lire l'index de référence).

Un prêt de plusieurs lignes : une table ``[pret]`` (``numero``, ``emprunteur``), des
``[[garants]]`` (``nom``, ``quotite = "25 %"``) et des ``[[lignes]]`` (mêmes clés que ``[ligne]``,
avec ``[lignes.prefinancement]``).
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

from collectivites._dossier import Section, lire_exemple, lire_toml
from collectivites.erreurs import ErreurCollectivites, ErreurDossier
from collectivites.prets.modeles import (
    BaseCalcul,
    Garant,
    LigneDePret,
    ModeCalcul,
    Periodicite,
    Prefinancement,
    Pret,
    Profil,
    ReglementPrefinancement,
    Revision,
    Versement,
)

__all__ = ["charger_ligne", "charger_pret", "exemple_pret", "pret_depuis_donnees"]

_INDEX_CONNUS = ("livret_a", "lep", "inflation", "euribor", "fixe")


def _garants(sections: list[Section]) -> tuple[Garant, ...]:
    garants = []
    for section in sections:
        quotite: Decimal = section.taux("quotite")
        nom: str = section.texte("nom")
        try:
            garant = Garant(nom=nom, quotite=quotite)
        except ErreurCollectivites as exc:
            raise section.erreur("quotite", str(exc)) from None
        section.verifier_cles_inconnues()
        garants.append(garant)
    return tuple(garants)


def _prefinancement(section: Section | None) -> Prefinancement | None:
    if section is None:
        return None
    prefinancement = section.construire(
        lambda: Prefinancement(
            duree_mois=section.entier("duree_mois"),
            taux=section.taux("taux", None),
            reglement=section.choix(
                "reglement_interets", [r.value for r in ReglementPrefinancement], "paiement"
            ),
        ),
        cle_par_defaut="duree_mois",
    )
    section.verifier_cles_inconnues()
    return prefinancement


def _versements(section: Section) -> tuple[Versement, ...]:
    brut = section.brut("versements", [])
    if not isinstance(brut, list):
        raise section.erreur("versements", "une liste de { date, montant } est attendue")
    versements = []
    for rang, valeur in enumerate(brut):
        sous = Section(
            valeur, fichier=section.fichier, chemin=f"{section.chemin}.versements[{rang}]"
        )
        versements.append(
            sous.construire(
                _versement(sous),
                cle_par_defaut="montant",
            )
        )
        sous.verifier_cles_inconnues()
    return tuple(versements)


def _versement(section: Section) -> Callable[[], Versement]:
    return lambda: Versement(date=section.date("date"), montant=section.montant("montant"))


def _index(section: Section) -> str:
    nom = section.texte("index")
    if nom in _INDEX_CONNUS:
        return str(nom)
    from collectivites.prets.index import index_disponibles

    if nom in index_disponibles():
        return str(nom)
    return str(section.choix("index", list(_INDEX_CONNUS) + index_disponibles()))


def _ligne(section: Section, prefinancement: Section | None) -> LigneDePret:
    marge = section.taux("marge", None)
    index = _index(section)
    reference = section.taux("valeur_index_reference", None)
    taux = section.taux("taux_interet", None)
    if index == "fixe":
        reference = reference if reference is not None else _zero()
        marge = marge if marge is not None else (taux if taux is not None else None)
    if marge is None:
        raise section.erreur("marge", "clé obligatoire absente")
    if reference is None:
        date_effet = section.date("date_effet", None)
        if date_effet is None:
            raise section.erreur(
                "valeur_index_reference",
                "clé absente : donnez la valeur de l'index à la Date d'Effet, ou « date_effet » "
                "pour la lire dans la série de l'index",
            )
        from collectivites.prets.index import serie_index

        try:
            reference = serie_index(index).valeur_au(date_effet)
        except ErreurCollectivites as exc:
            raise section.erreur("valeur_index_reference", str(exc)) from None
    if taux is None:
        taux = reference + marge
    elif taux != reference + marge:
        raise section.erreur(
            "taux_interet",
            f"{taux * 100} % incohérent avec valeur_index_reference + marge "
            f"({reference * 100} % + {marge * 100} % = {(reference + marge) * 100} %)",
        )
    ligne = section.construire(
        lambda: LigneDePret(
            identifiant=str(section.brut("identifiant", "")),
            contrat=str(section.brut("contrat", "")),
            produit=section.texte("produit", ""),
            emprunteur=section.texte("emprunteur", ""),
            montant=section.montant("montant"),
            date_effet=section.date("date_effet", None),
            date_debut_amortissement=section.date("date_debut_amortissement", None),
            duree=section.entier("duree"),
            periodicite=section.choix("periodicite", [p.value for p in Periodicite]),
            index=index,
            valeur_index_reference=reference,
            marge=marge,
            taux_interet=taux,
            profil=section.choix("profil", [p.value for p in Profil]),
            revision=section.choix("revision", [r.value for r in Revision]),
            taux_progressivite=section.taux("taux_progressivite", _zero()),
            taux_plancher_progressivite=section.taux("taux_plancher_progressivite", None),
            mode_calcul_interets=section.choix(
                "mode_calcul_interets", [m.value for m in ModeCalcul], "equivalent"
            ),
            base_calcul=section.choix("base_calcul", [b.value for b in BaseCalcul], "30/360"),
            prefinancement=_prefinancement(prefinancement),
            differe_amortissement_mois=section.entier("differe_amortissement_mois", 0),
            differe_capitalise=section.booleen("differe_capitalise", False),
            versements=_versements(section),
            garants=_garants(section.liste_sections("garants")),
        ),
        cle_par_defaut="duree",
    )
    section.verifier_cles_inconnues()
    return ligne


def _zero() -> Any:
    from decimal import Decimal

    return Decimal(0)


def pret_depuis_donnees(donnees: dict[str, Any], *, fichier: str) -> Pret:
    """Construit un :class:`Pret` depuis un dossier déjà lu (une ligne ou plusieurs)."""
    racine = Section(donnees, fichier=fichier)
    if "ligne" in racine:
        section = racine.sous_section("ligne", obligatoire=True)
        assert section is not None
        ligne = _ligne(section, racine.sous_section("prefinancement"))
        racine.verifier_cles_inconnues()
        return Pret(numero=ligne.contrat, emprunteur=ligne.emprunteur, lignes=(ligne,))
    if "lignes" not in racine:
        raise ErreurDossier(
            "une table [ligne] ou des tables [[lignes]] sont attendues", fichier=fichier
        )
    entete = racine.sous_section("pret")
    lignes = tuple(
        _ligne(s, s.sous_section("prefinancement")) for s in racine.liste_sections("lignes")
    )
    garants = _garants(racine.liste_sections("garants"))
    try:
        pret = Pret(
            numero=str(entete.brut("numero", "")) if entete else "",
            emprunteur=entete.texte("emprunteur", "") if entete else "",
            lignes=lignes,
            garants=garants,
            source=entete.texte("source", "") if entete else "",
            hypotheses=tuple(entete.brut("hypotheses", [])) if entete else (),
        )
    except ErreurCollectivites as exc:
        raise ErreurDossier(str(exc), fichier=fichier) from None
    if entete is not None:
        entete.verifier_cles_inconnues()
    racine.verifier_cles_inconnues()
    return pret


def charger_pret(chemin: str | Path) -> Pret:
    """Lit un prêt (ou une ligne seule, enveloppée dans un prêt) depuis un fichier TOML."""
    return pret_depuis_donnees(lire_toml(chemin), fichier=str(chemin))


def charger_ligne(chemin: str | Path) -> LigneDePret:
    """Lit une ligne de prêt depuis un fichier TOML (table ``[ligne]``, ou prêt d'une ligne)."""
    pret = charger_pret(chemin)
    if len(pret.lignes) != 1:
        raise ErreurDossier(
            f"le dossier contient {len(pret.lignes)} lignes : utilisez charger_pret",
            fichier=str(chemin),
        )
    return pret.lignes[0]


def exemple_pret(nom: str) -> Pret:
    """Un prêt des exemples livrés (``cdc-57851``, ``cdc-57769``, ``cdc-57828``)."""
    donnees, fichier = lire_exemple(nom)
    return pret_depuis_donnees(donnees, fichier=fichier)
