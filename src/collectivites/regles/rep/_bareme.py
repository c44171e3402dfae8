"""Barèmes REP comme données : un fichier TOML par version, avec ses dates d'effet et ses textes.

Un barème combine des briques communes aux filières : montant par habitant selon une typologie
(tranches de population, typologies attribuées par critères), montant par tonne selon la matière
ou le standard, pondérations par année, prorata temporis, pénalités et leur plafond, calendrier
de paiement.

Les dates d'un barème suivent les textes (« en vigueur du 1er janvier 2021 ») ; le modèle garde
une période semi-ouverte ``[debut, fin)`` : la clé ``en_vigueur_au`` d'un fichier est le dernier
jour inclus, ``fin`` le lendemain.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import attrs

from collectivites._champs import (
    decimal_depuis_entier,
    decimal_optionnel_depuis_entier,
    en_tuple,
    v_date,
    v_decimal,
    v_entier,
    v_montant,
    v_texte,
    v_tuple_de,
)
from collectivites._enum import EnumFr, decrire
from collectivites.erreurs import ErreurDonnees, ErreurValeur
from collectivites.regles.delais._duree import Duree
from collectivites.regles.delais._regimes import Sens

__all__ = [
    "Assiette",
    "Bareme",
    "Comparaison",
    "Critere",
    "EtapeCalendrier",
    "Indicateur",
    "NaturePenalite",
    "Penalite",
    "Ponderation",
    "TarifTonne",
    "TexteBareme",
    "Typologie",
]


class Indicateur(EnumFr):
    """Indicateurs calculés pour une commune (critères de typologie)."""

    POPULATION = "population"
    LITS_TOURISTIQUES_PAR_HABITANT = "lits_touristiques_par_habitant"
    TAUX_RESIDENCES_SECONDAIRES = "taux_residences_secondaires"
    COMMERCES_POUR_1000_HABITANTS = "commerces_pour_1000_habitants"


class Comparaison(EnumFr):
    """Comparaison d'un indicateur à son seuil."""

    SUPERIEUR = ">"
    SUPERIEUR_OU_EGAL = ">="
    INFERIEUR = "<"
    INFERIEUR_OU_EGAL = "<="


class Assiette(EnumFr):
    """Assiette d'un barème : les habitants (typologies) ou les tonnes (matières)."""

    HABITANTS = "habitants"
    TONNES = "tonnes"


class NaturePenalite(EnumFr):
    """Une pénalité par unité (montant × nombre) ou en part du montant brut (taux × brut)."""

    PAR_UNITE = "par_unite"
    PART_DU_BRUT = "part_du_brut"


decrire(
    Indicateur,
    {
        "population": "population permanente",
        "lits_touristiques_par_habitant": "lits touristiques par habitant",
        "taux_residences_secondaires": "taux de résidences secondaires",
        "commerces_pour_1000_habitants": "commerces pour 1 000 habitants",
    },
)
decrire(Comparaison, {">": "supérieur à", ">=": "au moins", "<": "inférieur à", "<=": "au plus"})
decrire(Assiette, {"habitants": "par habitant", "tonnes": "par tonne"})
decrire(NaturePenalite, {"par_unite": "par unité", "part_du_brut": "part du montant brut"})


@attrs.frozen(kw_only=True)
class Critere:
    """« indicateur comparaison seuil », par exemple « lits_touristiques_par_habitant > 1.5 »."""

    indicateur: Indicateur = attrs.field(converter=Indicateur)
    comparaison: Comparaison = attrs.field(converter=Comparaison)
    seuil: Decimal = attrs.field(converter=decimal_depuis_entier, validator=v_decimal())
    libelle: str = attrs.field(default="", validator=v_texte())

    def est_rempli(self, valeur: Decimal) -> bool:
        """Le critère est-il rempli par ``valeur`` ?"""
        if self.comparaison is Comparaison.SUPERIEUR:
            return valeur > self.seuil
        if self.comparaison is Comparaison.SUPERIEUR_OU_EGAL:
            return valeur >= self.seuil
        if self.comparaison is Comparaison.INFERIEUR:
            return valeur < self.seuil
        return valeur <= self.seuil

    @property
    def description(self) -> str:
        """Le libellé du critère, ou sa formule."""
        return self.libelle or f"{self.indicateur.libelle} {self.comparaison.libelle} {self.seuil}"


@attrs.frozen(kw_only=True)
class Typologie:
    """Une typologie et son montant par habitant et par an.

    Tranche de population ``[population_min, population_max)`` ; ou, avec ``criteres``, une
    typologie attribuée quand au moins un critère est rempli, à la place de l'une des typologies
    de ``remplace``.
    """

    code: str = attrs.field(validator=v_texte(vide=False))
    libelle: str = attrs.field(validator=v_texte(vide=False))
    taux: Decimal = attrs.field(
        converter=decimal_depuis_entier, validator=v_decimal(minimum=Decimal(0))
    )
    population_min: int | None = attrs.field(
        default=None, validator=v_entier(minimum=0, optionnel=True)
    )
    population_max: int | None = attrs.field(
        default=None, validator=v_entier(minimum=1, optionnel=True)
    )
    remplace: tuple[str, ...] = attrs.field(
        default=(), converter=en_tuple, validator=v_tuple_de(str)
    )
    criteres: tuple[Critere, ...] = attrs.field(
        default=(), converter=en_tuple, validator=v_tuple_de(Critere)
    )
    reference: str = attrs.field(default="", validator=v_texte(longueur_max=2000))

    @property
    def par_criteres(self) -> bool:
        return bool(self.criteres)


@attrs.frozen(kw_only=True)
class Ponderation:
    """Coefficient multiplicatif d'une année (montée en charge)."""

    annee: int = attrs.field(validator=v_entier(minimum=1900, maximum=2199))
    coefficient: Decimal = attrs.field(
        converter=decimal_depuis_entier,
        validator=v_decimal(minimum=Decimal(0), maximum=Decimal(10)),
    )
    reference: str = attrs.field(default="", validator=v_texte(longueur_max=2000))


@attrs.frozen(kw_only=True)
class TarifTonne:
    """Soutien par tonne d'une matière ou d'un standard."""

    code: str = attrs.field(validator=v_texte(vide=False))
    libelle: str = attrs.field(validator=v_texte(vide=False))
    taux: Decimal = attrs.field(
        converter=decimal_depuis_entier, validator=v_decimal(minimum=Decimal(0))
    )
    reference: str = attrs.field(default="", validator=v_texte(longueur_max=2000))


@attrs.frozen(kw_only=True)
class Penalite:
    """Pénalité : ``par_unite`` (montant × nombre) ou ``part_du_brut`` (taux × montant brut)."""

    code: str = attrs.field(validator=v_texte(vide=False))
    libelle: str = attrs.field(validator=v_texte(vide=False))
    nature: NaturePenalite = attrs.field(converter=NaturePenalite)
    montant: Decimal | None = attrs.field(
        default=None,
        converter=decimal_optionnel_depuis_entier,
        validator=v_montant(positif=True, optionnel=True),
    )
    taux: Decimal | None = attrs.field(
        default=None, validator=v_decimal(minimum=Decimal(0), maximum=Decimal(1), optionnel=True)
    )
    reference: str = attrs.field(default="", validator=v_texte(longueur_max=2000))

    def __attrs_post_init__(self) -> None:
        if self.nature is NaturePenalite.PAR_UNITE and self.montant is None:
            raise ErreurValeur(f"pénalité « {self.code} » : montant requis", cle="montant")
        if self.nature is NaturePenalite.PART_DU_BRUT and self.taux is None:
            raise ErreurValeur(f"pénalité « {self.code} » : taux requis", cle="taux")


@attrs.frozen(kw_only=True)
class EtapeCalendrier:
    """Une date du calendrier de paiement, comptée depuis l'échéance (``depart = "echeance"``)
    ou depuis une autre étape (``depart`` = le ``code`` de cette étape)."""

    libelle: str = attrs.field(validator=v_texte(vide=False))
    code: str = attrs.field(default="", validator=v_texte())
    delai: Duree
    depart: str = attrs.field(validator=v_texte(vide=False))
    sens: Sens = attrs.field(converter=Sens)
    reference: str = attrs.field(default="", validator=v_texte(longueur_max=2000))


@attrs.frozen(kw_only=True)
class TexteBareme:
    """Le texte qui fonde le barème sur ``[debut, fin)`` (``fin`` ``None`` : jusqu'au texte
    suivant). Les montants d'une version peuvent survivre à son texte : un arrêté annulé puis
    repris à l'identique donne deux textes pour un même barème."""

    debut: dt.date = attrs.field(validator=v_date())
    fin: dt.date | None = attrs.field(default=None, validator=v_date(optionnel=True))
    reference: str = attrs.field(validator=v_texte(vide=False, longueur_max=2000))


def _mm_jj(_instance: object, attribut: Any, valeur: str | None) -> None:
    if valeur is None:
        return
    try:
        mois, jour = (int(x) for x in valeur.split("-"))
        dt.date(2024, mois, jour)
    except (ValueError, AttributeError):
        raise ErreurValeur(
            "date annuelle illisible", cle=attribut.name, valeur=valeur, attendu="MM-JJ"
        ) from None


@attrs.frozen(kw_only=True)
class Bareme:
    """Une version d'un barème, en vigueur sur ``[debut, fin)`` (``fin`` ``None`` : jusqu'à un
    nouveau barème)."""

    code: str = attrs.field(validator=v_texte(vide=False))
    nom: str = attrs.field(validator=v_texte(vide=False))
    filiere: str = attrs.field(default="", validator=v_texte())
    debut: dt.date = attrs.field(validator=v_date())
    fin: dt.date | None = attrs.field(default=None, validator=v_date(optionnel=True))
    reference: str = attrs.field(validator=v_texte(vide=False, longueur_max=2000))
    assiette: Assiette = attrs.field(converter=Assiette)
    prorata_temporis: bool = False
    prorata_reference: str = ""
    arrondi: str = ""
    typologies: tuple[Typologie, ...] = attrs.field(
        default=(), converter=en_tuple, validator=v_tuple_de(Typologie)
    )
    ponderations: tuple[Ponderation, ...] = attrs.field(
        default=(), converter=en_tuple, validator=v_tuple_de(Ponderation)
    )
    tarifs_tonne: tuple[TarifTonne, ...] = attrs.field(
        default=(), converter=en_tuple, validator=v_tuple_de(TarifTonne)
    )
    penalites: tuple[Penalite, ...] = attrs.field(
        default=(), converter=en_tuple, validator=v_tuple_de(Penalite)
    )
    plafond_penalites: Decimal | None = attrs.field(
        default=None, validator=v_decimal(minimum=Decimal(0), maximum=Decimal(1), optionnel=True)
    )
    plafond_reference: str = ""
    echeance_du: str | None = attrs.field(default=None, validator=_mm_jj)
    echeance_au: str | None = attrs.field(default=None, validator=_mm_jj)
    paiement_reference: str = ""
    calendrier: tuple[EtapeCalendrier, ...] = attrs.field(
        default=(), converter=en_tuple, validator=v_tuple_de(EtapeCalendrier)
    )
    autres: tuple[tuple[str, Any], ...] = ()
    source: str = ""
    textes: tuple[TexteBareme, ...] = attrs.field(
        default=(), converter=en_tuple, validator=v_tuple_de(TexteBareme)
    )

    def texte_au(self, jour: dt.date) -> str:
        """La référence du texte en vigueur le ``jour`` (celle du barème à défaut)."""
        for texte in self.textes:
            if texte.debut <= jour and (texte.fin is None or jour < texte.fin):
                return texte.reference
        return self.reference

    def __attrs_post_init__(self) -> None:
        if self.fin is not None and self.fin <= self.debut:
            raise ErreurValeur(
                "la fin de vigueur précède le début",
                cle="fin",
                valeur=self.fin,
                attendu=f"après le {self.debut.isoformat()}",
            )
        # Le code vide d'une étape sans code n'est jamais un départ (``depart`` n'est pas vide).
        codes = {e.code for e in self.calendrier}
        for etape in self.calendrier:
            if etape.depart != "echeance" and etape.depart not in codes:
                raise ErreurValeur(
                    f"l'étape « {etape.libelle} » part d'une étape inconnue",
                    cle="calendrier",
                    valeur=etape.depart,
                    attendu="echeance ou le code d'une étape",
                )
        if self.assiette is Assiette.HABITANTS and not self.typologies:
            raise ErreurValeur(f"barème « {self.code} » : aucune typologie", cle="typologies")
        if self.assiette is Assiette.TONNES and not self.tarifs_tonne:
            raise ErreurValeur(
                f"barème « {self.code} » : aucun tarif par tonne", cle="tarifs_tonne"
            )
        for nom, elements in (
            ("typologies", self.typologies),
            ("tarifs_tonne", self.tarifs_tonne),
            ("penalites", self.penalites),
        ):
            codes_vus = [e.code for e in elements]
            doubles = sorted({c for c in codes_vus if codes_vus.count(c) > 1})
            if doubles:
                raise ErreurValeur("code en double", cle=nom, valeur=", ".join(doubles))
        annees = [p.annee for p in self.ponderations]
        if len(set(annees)) != len(annees):
            raise ErreurValeur("pondération donnée deux fois pour une année", cle="ponderations")

    @property
    def dernier_jour(self) -> dt.date | None:
        """Dernier jour de vigueur (la veille de ``fin``)."""
        return None if self.fin is None else self.fin - dt.timedelta(days=1)

    def en_vigueur(self, annee: int) -> bool:
        """La version s'applique-t-elle à (une partie de) l'année ``annee`` ?"""
        dernier = self.dernier_jour
        return self.debut.year <= annee and (dernier is None or annee <= dernier.year)

    def ponderation(self, annee: int) -> Ponderation | None:
        return next((p for p in self.ponderations if p.annee == annee), None)

    def autre(self, cle: str) -> Any:
        valeurs = dict(self.autres)
        if cle not in valeurs:
            raise ErreurDonnees(f"le barème « {self.code} » ne fixe pas ce paramètre", cle=cle)
        return valeurs[cle]
