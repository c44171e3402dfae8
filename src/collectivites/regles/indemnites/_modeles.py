"""Modèles des indemnités de fonction : la commune, ses élus, leur fonction."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import attrs

from collectivites._champs import (
    en_tuple,
    v_date,
    v_decimal,
    v_entier,
    v_instance,
    v_texte,
    v_tuple_de,
)
from collectivites._enum import EnumFr, decrire
from collectivites.erreurs import ErreurValeur

__all__ = ["POPULATION_MAX", "Commune", "Elu", "Fonction"]

#: Plus grande population d'une commune (Paris compte 2,1 millions d'habitants).
POPULATION_MAX = 5_000_000


class Fonction(EnumFr):
    """La fonction d'un élu municipal."""

    MAIRE = "maire"
    ADJOINT = "adjoint"
    CONSEILLER_DELEGUE = "conseiller délégué"
    CONSEILLER = "conseiller"


decrire(
    Fonction,
    {
        "maire": "maire",
        "adjoint": "adjoint",
        "conseiller délégué": "conseiller délégué",
        "conseiller": "conseiller municipal",
    },
)


@attrs.frozen(kw_only=True)
class Elu:
    """Un élu et le taux voté (fraction du terme de référence : 0,55 pour 55 %).

    ``delegation`` : délégation de fonctions reçue du maire (arrêté) ; ``majoration`` : le
    conseil lui applique les majorations de la commune (vote distinct, L2123-22) ; ``None`` : oui
    s'il y a droit (maire, adjoints, conseillers délégués, conseillers des communes de 100 000
    habitants et plus)."""

    nom: str = attrs.field(validator=v_texte(vide=False))
    fonction: Fonction = attrs.field(converter=Fonction)
    taux: Decimal = attrs.field(validator=v_decimal(minimum=Decimal(0), maximum=Decimal("1.45")))
    delegation: bool = attrs.field(default=False, validator=v_instance(bool))
    majoration: bool | None = attrs.field(default=None, validator=v_instance(bool, optionnel=True))


@attrs.frozen(kw_only=True)
class Commune:
    """La commune à une date : population totale (dernier recensement), majorations votées
    (codes : « chef-lieu de canton », « station de tourisme », « dsu »…) et pourcentage
    d'immeubles sinistrés."""

    nom: str = attrs.field(validator=v_texte(vide=False))
    population: int = attrs.field(validator=v_entier(minimum=1, maximum=POPULATION_MAX))
    date: dt.date = attrs.field(validator=v_date())
    majorations: tuple[str, ...] = attrs.field(
        default=(), converter=en_tuple, validator=v_tuple_de(str)
    )
    immeubles_sinistres: Decimal | None = attrs.field(
        default=None, validator=v_decimal(minimum=Decimal(0), maximum=Decimal(1), optionnel=True)
    )

    def __attrs_post_init__(self) -> None:
        if len(set(self.majorations)) != len(self.majorations):
            raise ErreurValeur("majoration présente deux fois", cle="majorations")
