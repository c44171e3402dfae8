"""Les données des règles prudentielles des garanties d'emprunt : catégories de collectivités,
natures d'opérations, articles cités, et pourcentages datés lus dans
``collectivites/donnees/dette/garanties.toml`` (CGCT D1511-32 à D1511-35)."""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import tomllib
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal
from typing import Any

import attrs

from collectivites._enum import EnumFr, decrire
from collectivites._moteur import CONTEXTE_CALCUL, moteur
from collectivites.erreurs import ErreurDonnees
from collectivites.monnaie import CENTIME
from collectivites.taux import lire_taux

__all__ = [
    "ARTICLES",
    "FICHIER",
    "Collectivite",
    "Operation",
    "ReglesGaranties",
    "regles_garanties",
]

FICHIER = "dette/garanties.toml"


class Collectivite(EnumFr):
    """La catégorie de la collectivité garante : elle choisit les articles cités."""

    COMMUNE = "commune"
    DEPARTEMENT = "departement"
    REGION = "region"


decrire(Collectivite, {"commune": "commune", "departement": "département", "region": "région"})


class Operation(EnumFr):
    """La nature de l'opération financée par l'emprunt garanti."""

    LOGEMENT_SOCIAL = "logement-social"
    AMENAGEMENT = "amenagement"
    AMENAGEMENT_LOGEMENT = "amenagement-logement"
    INTERET_GENERAL = "interet-general"
    AUTRE = "autre"


decrire(
    Operation,
    {
        "logement-social": "logement social (HLM, SEM, logements aidés par l'État, plan "
        "départemental)",
        "amenagement": "opération d'aménagement",
        "amenagement-logement": "aménagement principalement de logements en zone tendue",
        "interet-general": "organisme d'intérêt général (CGI, art. 200 et 238 bis)",
        "autre": "autre opération",
    },
)

#: Les articles de chaque catégorie : la loi des trois règles, puis les exemptions.
ARTICLES: dict[Collectivite, dict[str, str]] = {
    Collectivite.COMMUNE: {
        "loi": "L2252-1",
        "logement": "L2252-2, I",
        "amenagement_logement": "L2252-2, II",
        "interet_general": "L2252-1, al. 5",
    },
    Collectivite.DEPARTEMENT: {
        "loi": "L3231-4",
        "logement": "L3231-4-1, I",
        "amenagement_logement": "L3231-4-1, II",
        "interet_general": "L3231-4, al. 5",
    },
    Collectivite.REGION: {
        "loi": "L4253-1",
        "logement": "L4253-2, I",
        "amenagement_logement": "L4253-2, II",
        "interet_general": "L4253-1, al. 5",
    },
}


# --- données de référence -------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class ReglesGaranties:
    """Une version datée des pourcentages (fractions) : plafond (D1511-32), coefficient des
    provisions (D1511-33), division (D1511-34), partage et partage des opérations d'aménagement
    (D1511-35)."""

    date_effet: dt.date
    source: str
    confirmee_au: dt.date
    plafond: Decimal
    coefficient_provisions: Decimal
    division: Decimal
    partage: Decimal
    partage_amenagement: Decimal
    articles: dict[str, str] = attrs.field(factory=dict)


def _version(donnees: dict[str, Any], confirmee_au: dt.date) -> ReglesGaranties:
    try:
        return ReglesGaranties(
            date_effet=donnees["date_effet"],
            source=donnees["source"],
            confirmee_au=confirmee_au,
            plafond=lire_taux(donnees["plafond"]),
            coefficient_provisions=Decimal(donnees["coefficient_provisions"]),
            division=lire_taux(donnees["division"]),
            partage=lire_taux(donnees["partage"]),
            partage_amenagement=lire_taux(donnees["partage_amenagement"]),
            articles={
                "plafond": donnees["plafond_article"],
                "provisions": donnees["coefficient_provisions_article"],
                "division": donnees["division_article"],
                "partage": donnees["partage_article"],
            },
        )
    except KeyError as exc:  # pragma: no cover - fichier livré, vérifié par les tests
        raise ErreurDonnees("clé absente", fichier=FICHIER, cle=str(exc)) from None


@functools.cache
def _versions() -> tuple[ReglesGaranties, ...]:
    from collectivites.donnees import lire_texte_paquet

    donnees = tomllib.loads(lire_texte_paquet(FICHIER))
    versions = tuple(_version(v, donnees["confirmee_au"]) for v in donnees["version"])
    return tuple(sorted(versions, key=lambda v: v.date_effet))


@moteur
def regles_garanties(date: dt.date | None = None) -> ReglesGaranties:
    """Les pourcentages en vigueur à ``date`` (sans date : la dernière version livrée). Une date
    antérieure à la première version est refusée."""
    versions = _versions()
    if date is None:
        return versions[-1]
    rang = bisect.bisect_right([v.date_effet for v in versions], date) - 1
    if rang < 0:
        premiere = versions[0].date_effet
        raise ErreurDonnees(
            f"règles des garanties d'emprunt : aucune version livrée avant le {premiere:%d/%m/%Y}",
            cle="date",
            valeur=date,
            attendu=f"une date à partir du {premiere:%d/%m/%Y}",
        )
    return versions[rang]


def plancher(montant: Decimal) -> Decimal:
    """Arrondi d'affichage d'une limite ou d'une marge : au centime inférieur (jamais plus de
    marge qu'il n'y en a)."""
    return montant.quantize(CENTIME, rounding=ROUND_FLOOR, context=CONTEXTE_CALCUL)


def superieur(montant: Decimal) -> Decimal:
    """Arrondi d'affichage d'une charge : au centime supérieur (jamais moins de charge qu'il n'y
    en a)."""
    return montant.quantize(CENTIME, rounding=ROUND_CEILING, context=CONTEXTE_CALCUL)
