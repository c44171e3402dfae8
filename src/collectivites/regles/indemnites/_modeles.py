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

__all__ = ["POPULATION_MAX", "TAUX_MAX", "Commune", "Elu", "Fonction"]

#: Plus grande population d'une commune (Paris compte 2,1 millions d'habitants).
POPULATION_MAX = 5_000_000


class Fonction(EnumFr):
    """La fonction d'un élu municipal."""

    MAIRE = "maire"
    ADJOINT = "adjoint"
    ADJOINT_QUARTIER = "adjoint de quartier"
    CONSEILLER_DELEGUE = "conseiller délégué"
    CONSEILLER = "conseiller"
    PRESIDENT = "président"
    VICE_PRESIDENT = "vice-président"
    MEMBRE_COMMISSION_PERMANENTE = "membre de la commission permanente"


decrire(
    Fonction,
    {
        "maire": "maire",
        "adjoint": "adjoint",
        "adjoint de quartier": "adjoint chargé de quartier (L2122-2-1)",
        "conseiller délégué": "conseiller délégué",
        "conseiller": "conseiller",
        "président": "président",
        "vice-président": "vice-président",
        "membre de la commission permanente": "membre de la commission permanente",
    },
    {
        "conseiller-delegue": "conseiller délégué",
        "adjoint-de-quartier": "adjoint de quartier",
        "president": "président",
        "vice-president": "vice-président",
        "membre-commission-permanente": "membre de la commission permanente",
        "membre de la commission permanente": "membre de la commission permanente",
    },
)

#: Taux voté le plus haut qu'un élu puisse recevoir : 145 % majoré de 40 % (maire d'une commune
#: de 100 000 habitants et plus, président de département ou de région : L2123-23, L3123-17,
#: L4135-17). Borne de saisie ; les plafonds de chaque fonction sont vérifiés par le calcul.
TAUX_MAX = Decimal("2.03")


@attrs.frozen(kw_only=True)
class Elu:
    """Un élu et le taux voté (fraction du terme de référence : 0,55 pour 55 %).

    ``delegation`` : délégation de fonctions reçue du maire ou du président (arrêté) ;
    ``majoration`` : le conseil lui applique les majorations de la commune (vote distinct,
    L2123-22) ; ``None`` : oui s'il y a droit (maire, adjoints, conseillers délégués, conseillers
    des communes de 100 000 habitants et plus) ; ``taux_majoration`` : le taux de majoration
    voté, s'il est inférieur au maximum de R2123-23 (« au maximum ») — par défaut le maximum."""

    nom: str = attrs.field(validator=v_texte(vide=False))
    fonction: Fonction = attrs.field(converter=Fonction)
    taux: Decimal = attrs.field(validator=v_decimal(minimum=Decimal(0), maximum=TAUX_MAX))
    delegation: bool = attrs.field(default=False, validator=v_instance(bool))
    majoration: bool | None = attrs.field(default=None, validator=v_instance(bool, optionnel=True))
    taux_majoration: Decimal | None = attrs.field(
        default=None, validator=v_decimal(minimum=Decimal(0), maximum=Decimal(2), optionnel=True)
    )


@attrs.frozen(kw_only=True)
class Commune:
    """La commune à une date : population de référence, majorations votées (codes : « chef-lieu
    de canton », « station de tourisme », « dsu »…) et pourcentage d'immeubles sinistrés.

    ``population`` : la population totale authentifiée avant le dernier renouvellement général
    du conseil municipal, figée pour la durée du mandat (CGCT R2151-2) — pas celle du dernier
    recensement publié ; ``renouvellement`` : la date de ce renouvellement, si on la donne
    (elle précède ``date``)."""

    nom: str = attrs.field(validator=v_texte(vide=False))
    population: int = attrs.field(validator=v_entier(minimum=1, maximum=POPULATION_MAX))
    date: dt.date = attrs.field(validator=v_date())
    majorations: tuple[str, ...] = attrs.field(
        default=(), converter=en_tuple, validator=v_tuple_de(str)
    )
    immeubles_sinistres: Decimal | None = attrs.field(
        default=None, validator=v_decimal(minimum=Decimal(0), maximum=Decimal(1), optionnel=True)
    )

    renouvellement: dt.date | None = attrs.field(default=None, validator=v_date(optionnel=True))

    def __attrs_post_init__(self) -> None:
        if len(set(self.majorations)) != len(self.majorations):
            raise ErreurValeur("majoration présente deux fois", cle="majorations")
        if self.renouvellement is not None and self.renouvellement > self.date:
            raise ErreurValeur(
                "le renouvellement général dont la population est retenue (R2151-2) précède la "
                "date des indemnités",
                cle="renouvellement",
                valeur=self.renouvellement,
                attendu=f"une date au plus le {self.date:%d/%m/%Y}",
            )
