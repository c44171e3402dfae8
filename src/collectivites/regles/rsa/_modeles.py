"""Modèles de la gestion du rSa entre un département et sa CAF (ou CCSS).

Convention de gestion du rSa Lozère / CCSS : art. 8.2.1 (« La demande d'acompte mensuelle d'un
mois M doit être réglée par le département à la CCSS le 5 du mois M+1 ou le jour ouvré le plus
proche suivant cette date »), art. 8.2.2 (intérêts de retard), art. 8.1.2 (régularisation
annuelle), art. 8.2 (neutralité de trésorerie).

L'acompte « du mois M » est la demande d'acompte émise au titre du mois M (elle récapitule les
opérations du mois précédent) ; il est dû le jour J du mois M+1.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import attrs

from collectivites._champs import (
    decimal_depuis_entier,
    decimal_optionnel_depuis_entier,
    en_tuple,
    v_date,
    v_decimal,
    v_entier,
    v_instance,
    v_montant,
    v_parmi,
    v_texte,
    v_tuple_de,
)
from collectivites._enum import EnumFr, decrire
from collectivites._moteur import difference, somme
from collectivites.calendrier._jours import Ajustement
from collectivites.calendrier._regles import normaliser_zone
from collectivites.erreurs import ErreurValeur

__all__ = [
    "Acompte",
    "ConventionRsa",
    "Flux",
    "Operation",
    "Paiement",
    "PlafondsAvance",
    "RegleEcheance",
    "TauxReference",
]


class RegleEcheance(EnumFr):
    """Échéance de l'acompte du mois M (la demande établie en M, qui récapitule les dépenses de
    M−1) : le jour J du mois M+1 (convention de la Lozère, art. 8.2.1), le dernier jour du mois M
    (CASF D262-61), ou le dernier jour du mois M+1 (stipulation possible d'une convention).

    CASF D262-61, 1° : « Les acomptes sont versés au plus tard le dernier jour de chaque mois. Ils
    sont égaux au montant des dépenses comptabilisées par l'organisme … au cours du dernier mois
    civil connu. » L'acompte versé au cours d'un mois couvre le dernier mois civil connu, M−1 :
    c'est la demande du mois M, due au plus tard le dernier jour de M."""

    JOUR_DU_MOIS_SUIVANT = "jour_du_mois_suivant"
    DERNIER_JOUR_DU_MOIS = "dernier_jour_du_mois"
    DERNIER_JOUR_DU_MOIS_SUIVANT = "dernier_jour_du_mois_suivant"


class TauxReference(EnumFr):
    """Taux de référence des intérêts de retard et du coût de trésorerie."""

    EONIA = "eonia"
    ESTR = "estr"


decrire(
    RegleEcheance,
    {
        "jour_du_mois_suivant": "le jour fixé du mois suivant",
        "dernier_jour_du_mois": "le dernier jour du mois de la demande (CASF D262-61)",
        "dernier_jour_du_mois_suivant": "le dernier jour du mois suivant (stipulation)",
    },
)
decrire(TauxReference, {"eonia": "EONIA", "estr": "€STR"})

#: Bornes d'un taux de référence ou d'une majoration (fractions).
_TAUX_MIN, _TAUX_MAX = Decimal("-0.05"), Decimal("0.25")


def _zone(_instance: object, _attribut: object, valeur: str) -> None:
    normaliser_zone(valeur)


@attrs.frozen(kw_only=True)
class PlafondsAvance:
    """Avances aux allocataires (art. 3.1) : nombre par an et plafonds par situation."""

    nombre_par_an: int = attrs.field(validator=v_entier(minimum=0, maximum=12))
    personne_seule: Decimal = attrs.field(
        converter=decimal_depuis_entier, validator=v_montant(positif=True)
    )
    couple_ou_un_enfant: Decimal = attrs.field(
        converter=decimal_depuis_entier, validator=v_montant(positif=True)
    )
    famille_avec_enfants: Decimal = attrs.field(
        converter=decimal_depuis_entier, validator=v_montant(positif=True)
    )


@attrs.frozen(kw_only=True)
class ConventionRsa:
    """Paramètres financiers d'une convention de gestion du rSa.

    ``majoration`` s'ajoute au taux de référence (« EONIA + 1 » : un point, soit
    ``Decimal("0.01")``). ``facturer_negatif`` : un montant d'intérêts ou de coût de trésorerie
    négatif (taux négatifs) est-il facturé (en faveur du département) ? Par défaut, non.
    ``avance_tresorerie`` : avance consentie par le département à la CAF (≥ 0).
    """

    nom: str = attrs.field(default="", validator=v_texte())
    echeance: RegleEcheance = attrs.field(
        default=RegleEcheance.JOUR_DU_MOIS_SUIVANT, converter=RegleEcheance
    )
    jour_echeance: int = attrs.field(default=5, validator=v_entier(minimum=1, maximum=31))
    report: Ajustement = attrs.field(default=Ajustement.SUIVANT, converter=Ajustement)
    taux_reference: TauxReference = attrs.field(
        default=TauxReference.EONIA, converter=TauxReference
    )
    majoration: Decimal = attrs.field(
        default=Decimal("0.01"),
        converter=decimal_depuis_entier,
        validator=v_decimal(minimum=Decimal(0), maximum=Decimal("0.10")),
    )
    base_jours: int = attrs.field(default=360, validator=v_parmi(360, 365))
    zone: str = attrs.field(default="metropole", validator=_zone)
    facturer_negatif: bool = attrs.field(default=False, validator=v_instance(bool))
    avance_tresorerie: Decimal | None = attrs.field(
        default=None,
        converter=decimal_optionnel_depuis_entier,
        validator=v_montant(positif=True, optionnel=True),
    )
    plafonds_avance: PlafondsAvance | None = attrs.field(
        default=None, validator=v_instance(PlafondsAvance, optionnel=True)
    )
    multiple_remise_dette: Decimal | None = attrs.field(
        default=None,
        converter=decimal_optionnel_depuis_entier,
        validator=v_decimal(minimum=Decimal(0), strict=True, optionnel=True),
    )
    source: str = attrs.field(default="", validator=v_texte(longueur_max=2000))
    hypotheses: tuple[str, ...] = attrs.field(
        default=(), converter=en_tuple, validator=v_tuple_de(str)
    )


@attrs.frozen(kw_only=True)
class Paiement:
    """Un versement du département (date de valeur, montant > 0)."""

    date: dt.date = attrs.field(validator=v_date())
    montant: Decimal = attrs.field(
        converter=decimal_depuis_entier, validator=v_montant(positif=True, nul_permis=False)
    )


def _premier_du_mois(
    _instance: object, attribut: attrs.Attribute[dt.date], valeur: dt.date
) -> None:
    v_date()(_instance, attribut, valeur)
    if valeur.day != 1:
        raise ErreurValeur(
            "un mois se note par son premier jour",
            cle=attribut.name,
            valeur=valeur,
            attendu="le premier du mois",
        )


@attrs.frozen(kw_only=True)
class Acompte:
    """La demande d'acompte du mois ``mois`` (premier jour du mois) et ses paiements."""

    mois: dt.date = attrs.field(validator=_premier_du_mois)
    montant: Decimal = attrs.field(
        converter=decimal_depuis_entier, validator=v_montant(positif=True)
    )
    paiements: tuple[Paiement, ...] = attrs.field(
        default=(), converter=en_tuple, validator=v_tuple_de(Paiement)
    )

    def __attrs_post_init__(self) -> None:
        etiquette = self.mois.strftime("%Y-%m")
        for paiement in self.paiements:
            if paiement.date < self.mois:
                raise ErreurValeur(
                    f"acompte {etiquette} : paiement antérieur au mois de l'acompte",
                    cle="paiements",
                    valeur=paiement.date,
                    attendu=f"une date à partir du {self.mois.isoformat()}",
                )
        total = somme(p.montant for p in self.paiements)
        if total > self.montant:
            raise ErreurValeur(
                f"acompte {etiquette} : les paiements dépassent le montant dû",
                cle="paiements",
                valeur=total,
                attendu=f"au plus {self.montant}",
            )

    @property
    def paye(self) -> Decimal:
        return somme(p.montant for p in self.paiements)

    @property
    def reste_du(self) -> Decimal:
        return difference(self.montant, self.paye)


@attrs.frozen(kw_only=True)
class Operation:
    """Opérations comptabilisées par la CAF un mois donné (dépenses de rSa à la charge du
    département, logiciel comptable) ; un mois peut en compter plusieurs, qui s'additionnent.
    Un montant négatif est une régularisation comptable (indus récupérés…)."""

    mois: dt.date = attrs.field(validator=_premier_du_mois)
    montant: Decimal = attrs.field(converter=decimal_depuis_entier, validator=v_montant())


@attrs.frozen(kw_only=True)
class Flux:
    """Un mouvement de la trésorerie rSa de la CAF : ``montant`` > 0 encaissement (acompte reçu),
    < 0 décaissement (rSa versé aux allocataires)."""

    date: dt.date = attrs.field(validator=v_date())
    montant: Decimal = attrs.field(converter=decimal_depuis_entier, validator=v_montant())
    libelle: str = attrs.field(default="", validator=v_texte())
