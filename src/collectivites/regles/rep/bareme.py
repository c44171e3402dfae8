"""Barèmes REP comme données : un fichier TOML par version, avec ses dates d'effet et ses textes.

Un barème combine des briques communes aux filières : montant par habitant selon une typologie
(tranches de population, typologies attribuées par critères), montant par tonne selon la matière
ou le standard, pondérations par année, prorata temporis, pénalités et leur plafond, calendrier
de paiement. Les barèmes livrés et ceux des greffons passent par le même groupe de points
d'entrée, ``collectivites.baremes`` : chaque point d'entrée désigne une fonction sans argument
qui rend une liste de :class:`Bareme` (les versions successives d'un même code).
"""

from __future__ import annotations

import datetime as dt
import functools
from decimal import Decimal
from importlib import metadata, resources
from typing import Any

import attrs

from collectivites._dossier import Section, lire_toml_texte
from collectivites.erreurs import ErreurDonnees, ErreurDossier, ErreurPlugin, ErreurValeur
from collectivites.regles.delais.duree import Duree, lire_duree

__all__ = [
    "COMPARAISONS",
    "INDICATEURS",
    "Bareme",
    "Critere",
    "EtapeCalendrier",
    "Penalite",
    "Ponderation",
    "TarifTonne",
    "Typologie",
    "bareme_depuis_toml",
    "bareme_en_vigueur",
    "baremes_disponibles",
    "baremes_livres",
]

GROUPE_POINTS_ENTREE = "collectivites.baremes"
#: Indicateurs calculés pour une commune (critères de typologie).
INDICATEURS = (
    "population",
    "lits_touristiques_par_habitant",
    "taux_residences_secondaires",
    "commerces_pour_1000_habitants",
)
COMPARAISONS = (">", ">=", "<", "<=")


@attrs.frozen(kw_only=True)
class Critere:
    """« indicateur comparaison seuil », par exemple « lits_touristiques_par_habitant > 1.5 »."""

    indicateur: str
    comparaison: str
    seuil: Decimal
    libelle: str = ""

    def __attrs_post_init__(self) -> None:
        if self.indicateur not in INDICATEURS:
            raise ErreurValeur(
                f"indicateur inconnu : {self.indicateur!r} (attendu : {', '.join(INDICATEURS)})"
            )
        if self.comparaison not in COMPARAISONS:
            raise ErreurValeur(
                f"comparaison inconnue : {self.comparaison!r} (attendu : {', '.join(COMPARAISONS)})"
            )

    def est_rempli(self, valeur: Decimal) -> bool:
        if self.comparaison == ">":
            return valeur > self.seuil
        if self.comparaison == ">=":
            return valeur >= self.seuil
        if self.comparaison == "<":
            return valeur < self.seuil
        return valeur <= self.seuil


@attrs.frozen(kw_only=True)
class Typologie:
    """Une typologie et son montant par habitant et par an.

    Tranche de population ``[population_min, population_max)`` ; ou, avec ``criteres``, une
    typologie attribuée quand au moins un critère est rempli, à la place de l'une des typologies
    de ``remplace``.
    """

    code: str
    libelle: str
    taux: Decimal
    population_min: int | None = None
    population_max: int | None = None
    remplace: tuple[str, ...] = ()
    criteres: tuple[Critere, ...] = ()
    reference: str = ""

    @property
    def par_criteres(self) -> bool:
        return bool(self.criteres)


@attrs.frozen(kw_only=True)
class Ponderation:
    """Coefficient multiplicatif d'une année (montée en charge)."""

    annee: int
    coefficient: Decimal
    reference: str = ""


@attrs.frozen(kw_only=True)
class TarifTonne:
    """Soutien par tonne d'une matière ou d'un standard."""

    code: str
    libelle: str
    taux: Decimal
    reference: str = ""


@attrs.frozen(kw_only=True)
class Penalite:
    """Pénalité : ``par_unite`` (montant × nombre) ou ``part_du_brut`` (taux × montant brut)."""

    code: str
    libelle: str
    nature: str
    montant: Decimal | None = None
    taux: Decimal | None = None
    reference: str = ""

    def __attrs_post_init__(self) -> None:
        if self.nature == "par_unite" and self.montant is None:
            raise ErreurValeur(f"pénalité « {self.code} » : « montant » requis")
        if self.nature == "part_du_brut" and self.taux is None:
            raise ErreurValeur(f"pénalité « {self.code} » : « taux » requis")
        if self.nature not in ("par_unite", "part_du_brut"):
            raise ErreurValeur(
                f"pénalité « {self.code} » : nature inconnue {self.nature!r} "
                "(attendu : par_unite, part_du_brut)"
            )


@attrs.frozen(kw_only=True)
class EtapeCalendrier:
    """Une date du calendrier de paiement, comptée depuis l'échéance (``depart = "echeance"``)
    ou depuis une autre étape (``depart`` = le ``code`` de cette étape)."""

    libelle: str
    code: str = ""
    delai: Duree
    depart: str
    sens: str
    reference: str = ""


@attrs.frozen(kw_only=True)
class Bareme:
    """Une version d'un barème, en vigueur du ``en_vigueur_du`` au ``en_vigueur_au`` inclus
    (``None`` : jusqu'à un nouveau barème)."""

    code: str
    nom: str
    filiere: str
    en_vigueur_du: dt.date
    en_vigueur_au: dt.date | None
    reference: str
    assiette: str
    prorata_temporis: bool
    prorata_reference: str = ""
    arrondi: str = ""
    typologies: tuple[Typologie, ...] = ()
    ponderations: tuple[Ponderation, ...] = ()
    tarifs_tonne: tuple[TarifTonne, ...] = ()
    penalites: tuple[Penalite, ...] = ()
    plafond_penalites: Decimal | None = None
    plafond_reference: str = ""
    echeance_du: str | None = None
    echeance_au: str | None = None
    paiement_reference: str = ""
    calendrier: tuple[EtapeCalendrier, ...] = ()
    autres: tuple[tuple[str, Any], ...] = ()
    source: str = ""

    def __attrs_post_init__(self) -> None:
        codes = {e.code for e in self.calendrier if e.code}
        for etape in self.calendrier:
            if etape.depart != "echeance" and etape.depart not in codes:
                raise ErreurValeur(
                    f"barème « {self.code} » : l'étape « {etape.libelle} » part de "
                    f"« {etape.depart} », qui n'est ni « echeance » ni le code d'une étape"
                )
        if self.assiette not in ("habitants", "tonnes"):
            raise ErreurValeur(
                f"barème « {self.code} » : assiette inconnue {self.assiette!r} "
                "(attendu : habitants, tonnes)"
            )
        if self.assiette == "habitants" and not self.typologies:
            raise ErreurValeur(f"barème « {self.code} » : aucune typologie")
        if self.assiette == "tonnes" and not self.tarifs_tonne:
            raise ErreurValeur(f"barème « {self.code} » : aucun tarif par tonne")

    def en_vigueur(self, annee: int) -> bool:
        debut = self.en_vigueur_du.year
        fin = self.en_vigueur_au.year if self.en_vigueur_au else None
        return debut <= annee and (fin is None or annee <= fin)

    def ponderation(self, annee: int) -> Ponderation | None:
        return next((p for p in self.ponderations if p.annee == annee), None)

    def autre(self, cle: str) -> Any:
        valeurs = dict(self.autres)
        if cle not in valeurs:
            raise ErreurDonnees(f"le barème « {self.code} » ne fixe pas « {cle} »")
        return valeurs[cle]


def _critere(section: Section) -> Critere:
    critere = section.convertir(
        "indicateur",
        lambda indicateur: Critere(
            indicateur=indicateur,
            comparaison=section.texte("comparaison"),
            seuil=section.montant("seuil"),
            libelle=section.texte("libelle", ""),
        ),
    )
    section.verifier_cles_inconnues()
    return critere


def _typologie(section: Section) -> Typologie:
    typologie = Typologie(
        code=section.texte("code"),
        libelle=section.texte("libelle"),
        taux=section.montant("taux"),
        population_min=section.entier("population_min", None),
        population_max=section.entier("population_max", None),
        remplace=tuple(section.brut("remplace", [])),
        criteres=tuple(_critere(s) for s in section.liste_sections("criteres")),
        reference=section.texte("reference", ""),
    )
    section.verifier_cles_inconnues()
    return typologie


def _penalite(section: Section) -> Penalite:
    penalite = section.construire(
        lambda: Penalite(
            code=section.texte("code"),
            libelle=section.texte("libelle"),
            nature=section.texte("nature"),
            montant=section.montant("montant", None),
            taux=section.taux("taux", None),
            reference=section.texte("reference", ""),
        ),
        cle_par_defaut="nature",
    )
    section.verifier_cles_inconnues()
    return penalite


def bareme_depuis_toml(texte: str, *, fichier: str) -> Bareme:
    """Lit une version de barème depuis son texte TOML."""
    racine = Section(lire_toml_texte(texte, fichier), fichier=fichier)
    tete = racine.sous_section("bareme", obligatoire=True)
    assert tete is not None
    ponderations = []
    for s in racine.liste_sections("ponderations"):
        ponderations.append(
            Ponderation(
                annee=s.entier("annee"),
                coefficient=s.montant("coefficient"),
                reference=s.texte("reference", ""),
            )
        )
        s.verifier_cles_inconnues()
    tarifs = []
    for s in racine.liste_sections("tarifs_tonne"):
        tarifs.append(
            TarifTonne(
                code=s.texte("code"),
                libelle=s.texte("libelle"),
                taux=s.montant("taux"),
                reference=s.texte("reference", ""),
            )
        )
        s.verifier_cles_inconnues()
    penalites = [_penalite(s) for s in racine.liste_sections("penalites")]
    plafond = racine.sous_section("plafond_penalites")
    paiement = racine.sous_section("paiement")
    calendrier = []
    for s in racine.liste_sections("calendrier"):
        calendrier.append(
            EtapeCalendrier(
                libelle=s.texte("libelle"),
                code=s.texte("code", ""),
                delai=s.convertir("delai", lire_duree),
                depart=s.texte("depart"),
                sens=s.choix("sens", ("apres", "avant")),
                reference=s.texte("reference", ""),
            )
        )
        s.verifier_cles_inconnues()
    autres = racine.sous_section("autres")
    try:
        bareme = Bareme(
            code=tete.texte("code"),
            nom=tete.texte("nom"),
            filiere=tete.texte("filiere", ""),
            en_vigueur_du=tete.date("en_vigueur_du"),
            en_vigueur_au=tete.date("en_vigueur_au", None),
            reference=tete.texte("reference"),
            assiette=tete.choix("assiette", ("habitants", "tonnes")),
            prorata_temporis=tete.booleen("prorata_temporis", False),
            prorata_reference=tete.texte("prorata_reference", ""),
            arrondi=tete.texte("arrondi", ""),
            typologies=tuple(_typologie(s) for s in racine.liste_sections("typologies")),
            ponderations=tuple(ponderations),
            tarifs_tonne=tuple(tarifs),
            penalites=tuple(penalites),
            plafond_penalites=plafond.taux("taux") if plafond else None,
            plafond_reference=plafond.texte("reference", "") if plafond else "",
            echeance_du=paiement.texte("echeance_du") if paiement else None,
            echeance_au=paiement.texte("echeance_au") if paiement else None,
            paiement_reference=paiement.texte("reference", "") if paiement else "",
            calendrier=tuple(calendrier),
            autres=tuple(sorted(autres.donnees.items())) if autres else (),
            source=fichier,
        )
    except ErreurDossier:
        raise
    except ErreurValeur as exc:
        raise ErreurDossier(str(exc), fichier=fichier) from None
    for section in (tete, plafond, paiement):
        if section is not None:
            section.verifier_cles_inconnues()
    if autres is not None:
        autres._lues.update(autres.donnees)
    racine.verifier_cles_inconnues()
    return bareme


def baremes_livres() -> list[Bareme]:
    """Barèmes livrés avec le paquet (point d'entrée ``collectivites.baremes`` « livres »)."""
    dossier = resources.files("collectivites.donnees").joinpath("baremes")
    return [
        bareme_depuis_toml(p.read_text(encoding="utf-8"), fichier=f"donnees/baremes/{p.name}")
        for p in sorted(dossier.iterdir(), key=lambda p: p.name)
        if p.name.endswith(".toml")
    ]


@functools.cache
def _tous() -> tuple[Bareme, ...]:
    resultat: list[Bareme] = []
    for point in metadata.entry_points(group=GROUPE_POINTS_ENTREE):
        try:
            fabrique = point.load()
            baremes = list(fabrique())
        except Exception as exc:
            distribution = point.dist.name if point.dist else "?"
            raise ErreurPlugin(
                f"le greffon de barèmes « {point.name} » ({point.value}, distribution "
                f"{distribution}) est défectueux : {exc}"
            ) from exc
        for bareme in baremes:
            if not isinstance(bareme, Bareme):
                raise ErreurPlugin(
                    f"le greffon de barèmes « {point.name} » ({point.value}) rend autre chose "
                    f"qu'un Bareme : {bareme!r}"
                )
        resultat.extend(baremes)
    return tuple(resultat)


def baremes_disponibles() -> list[str]:
    """Codes des barèmes connus (livrés et greffons)."""
    return sorted({b.code for b in _tous()})


def bareme_en_vigueur(code: str, annee: int) -> Bareme:
    """La version du barème ``code`` en vigueur l'année ``annee``."""
    versions = [b for b in _tous() if b.code == code]
    if not versions:
        raise ErreurDonnees(
            f"barème inconnu : « {code} » (disponibles : {', '.join(baremes_disponibles())})"
        )
    en_vigueur = [b for b in versions if b.en_vigueur(annee)]
    if not en_vigueur:
        periodes = ", ".join(
            f"{b.en_vigueur_du.year}–{b.en_vigueur_au.year if b.en_vigueur_au else '…'}"
            for b in sorted(versions, key=lambda b: b.en_vigueur_du)
        )
        raise ErreurDonnees(
            f"aucune version du barème « {code} » n'est en vigueur en {annee} "
            f"(versions : {periodes})"
        )
    if len(en_vigueur) > 1:
        raise ErreurDonnees(f"plusieurs versions du barème « {code} » couvrent {annee}")
    return en_vigueur[0]
