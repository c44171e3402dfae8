"""Indemnités de fonction des élus des départements (CGCT L3123-15 à L3123-19), des régions
(L4135-15 à L4135-19) et des établissements publics de coopération intercommunale (L5211-12 ;
barèmes R5212-1, R5214-1, R5215-2-1, R5216-1 ; syndicats mixtes fermés : L5711-1 et R5212-1 ;
métropoles : aucun barème propre, voir ``assemblees.toml``).

* Terme de référence : le même indice brut terminal que pour les communes (L3123-15, L4135-15,
  L5211-12) ; chaque taux s'applique au traitement non arrondi, le résultat est arrondi au
  centime (:func:`~._references.montant_mensuel`).
* Départements et régions : conseiller au plus le taux de sa strate ; président au plus le terme
  majoré de 45 % ; vice-président ayant délégation de l'exécutif : l'indemnité maximale de
  conseiller majorée de 40 % ; autre membre de la commission permanente : majorée de 10 %.
* EPCI : président et vice-présidents selon le barème de leur nature ; un vice-président peut
  dépasser son maximum sans dépasser celui du président, dans l'enveloppe président +
  vice-présidents en exercice (L5211-12, deuxième et troisième alinéas) ; quinze vice-présidents
  au plus (L5211-10).
* Majoration de 40 % de l'indemnité du président (loi n° 2017-1837, art. 100) : départements,
  régions, métropoles, communautés de 100 000 habitants et plus, sans dépasser la somme des
  indemnités maximales des membres hors majoration.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import tomllib
from decimal import Decimal
from typing import Any

import attrs

from collectivites._champs import v_date, v_entier, v_texte
from collectivites._enum import EnumFr
from collectivites.donnees import lire_texte_paquet
from collectivites.erreurs import ErreurDonnees, ErreurValeur
from collectivites.regles.indemnites._modeles import Fonction

__all__ = [
    "Assemblee",
    "BaremeAssemblee",
    "Departement",
    "Epci",
    "NatureEpci",
    "ReferencesAssemblees",
    "Region",
    "references_assemblees",
]

FICHIER = "indemnites/assemblees.toml"
_CENT = Decimal(100)
_POPULATION_SAISIE = 100_000_000


class NatureEpci(EnumFr):
    """La nature d'un établissement public de coopération intercommunale (un barème chacune)."""

    COMMUNAUTE_DE_COMMUNES = "communauté de communes"
    COMMUNAUTE_D_AGGLOMERATION = "communauté d'agglomération"
    COMMUNAUTE_URBAINE = "communauté urbaine"
    METROPOLE = "métropole"
    SYNDICAT_DE_COMMUNES = "syndicat de communes"
    SYNDICAT_MIXTE_FERME = "syndicat mixte fermé"


def _nature(valeur: object) -> NatureEpci:
    if isinstance(valeur, NatureEpci):
        return valeur
    try:
        return NatureEpci(valeur)  # type: ignore[arg-type]
    except ErreurValeur:
        raise ErreurValeur(
            "nature d'EPCI inconnue : chaque nature a son barème (L5211-12 ; R5212-1, R5214-1, "
            "R5215-2-1, R5216-1 ; L5711-1)",
            cle="nature",
            valeur=valeur,
            attendu=", ".join(n.value for n in NatureEpci),
        ) from None


@attrs.frozen(kw_only=True)
class Departement:
    """Le département à une date : population totale (barème de L3123-16)."""

    nom: str = attrs.field(validator=v_texte(vide=False))
    population: int = attrs.field(validator=v_entier(minimum=1, maximum=_POPULATION_SAISIE))
    date: dt.date = attrs.field(validator=v_date())

    @property
    def nature(self) -> str:
        return "département"


@attrs.frozen(kw_only=True)
class Region:
    """La région à une date : population totale (barème de L4135-16)."""

    nom: str = attrs.field(validator=v_texte(vide=False))
    population: int = attrs.field(validator=v_entier(minimum=1, maximum=_POPULATION_SAISIE))
    date: dt.date = attrs.field(validator=v_date())

    @property
    def nature(self) -> str:
        return "région"


@attrs.frozen(kw_only=True)
class Epci:
    """Un EPCI à une date : sa nature (communauté de communes, d'agglomération, urbaine,
    métropole, syndicat de communes, syndicat mixte fermé) et sa population totale."""

    nom: str = attrs.field(validator=v_texte(vide=False))
    nature: NatureEpci = attrs.field(converter=_nature)
    population: int = attrs.field(validator=v_entier(minimum=1, maximum=_POPULATION_SAISIE))
    date: dt.date = attrs.field(validator=v_date())


Assemblee = Departement | Region | Epci


def _strates(donnees: Any) -> tuple[tuple[int, Decimal], ...]:
    return tuple((p, Decimal(t) / _CENT) for p, t in donnees)


def _dans(strates: tuple[tuple[int, Decimal], ...], population: int) -> Decimal:
    rang = bisect.bisect_right([p for p, _ in strates], population) - 1
    return strates[max(rang, 0)][1]


@attrs.frozen(kw_only=True)
class BaremeAssemblee:
    """Le barème d'une nature de collectivité ou d'EPCI (voir ``assemblees.toml``)."""

    nature: str
    date_effet: dt.date
    source: str
    precision: str
    population_max: int
    plus_peuplee: str
    president: tuple[tuple[int, Decimal], ...]
    vice_president: tuple[tuple[int, Decimal], ...]
    conseiller: tuple[tuple[int, Decimal], ...]
    majoration_vice_president: Decimal | None
    majoration_commission_permanente: Decimal | None
    seuil_majoration_president: int | None
    enveloppe: str
    conseillers_dans_enveloppe: int | None
    article_president: str
    article_conseiller: str

    def maxima(self, population: int) -> dict[Fonction, Decimal]:
        """Le taux maximal de chaque fonction (fraction du terme de référence)."""
        conseiller = _dans(self.conseiller, population) if self.conseiller else Decimal(0)
        resultat = {Fonction.PRESIDENT: _dans(self.president, population)}
        if self.majoration_vice_president is not None:
            resultat[Fonction.VICE_PRESIDENT] = conseiller * (1 + self.majoration_vice_president)
        else:
            resultat[Fonction.VICE_PRESIDENT] = _dans(self.vice_president, population)
        if self.majoration_commission_permanente is not None:
            resultat[Fonction.MEMBRE_COMMISSION_PERMANENTE] = conseiller * (
                1 + self.majoration_commission_permanente
            )
        if self.enveloppe == "vice_presidents" and self.conseiller:
            resultat[Fonction.CONSEILLER_DELEGUE] = resultat[Fonction.PRESIDENT]
        resultat[Fonction.CONSEILLER] = conseiller
        return resultat


@attrs.frozen(kw_only=True)
class ReferencesAssemblees:
    confirmee_au: dt.date
    majoration_president: Decimal
    source_majoration_president: str
    vice_presidents_max: int
    source_vice_presidents: str
    baremes: tuple[BaremeAssemblee, ...]

    def bareme(self, nature: str, jour: dt.date) -> BaremeAssemblee:
        candidats = [b for b in self.baremes if b.nature == nature and b.date_effet <= jour]
        if not candidats:
            raise ErreurDonnees(
                f"barème des indemnités ({nature}) : aucune valeur livrée à cette date",
                cle="date",
                valeur=jour,
            )
        return max(candidats, key=lambda b: b.date_effet)


def _taux(texte: str | None) -> Decimal | None:
    return None if texte is None else Decimal(texte) / _CENT


def _bareme(b: dict[str, Any]) -> BaremeAssemblee:
    return BaremeAssemblee(
        nature=b["nature"],
        date_effet=b["date_effet"],
        source=b["source"],
        precision=b.get("precision", ""),
        population_max=b["population_max"],
        plus_peuplee=b["plus_peuplee"],
        president=_strates(b["president"]),
        vice_president=_strates(b.get("vice_president", [])),
        conseiller=_strates(b.get("conseiller", [])),
        majoration_vice_president=_taux(b.get("majoration_vice_president")),
        majoration_commission_permanente=_taux(b.get("majoration_commission_permanente")),
        seuil_majoration_president=b.get("seuil_majoration_president"),
        enveloppe=b["enveloppe"],
        conseillers_dans_enveloppe=b.get("conseillers_dans_enveloppe"),
        article_president=b["article_president"],
        article_conseiller=b["article_conseiller"],
    )


@functools.cache
def references_assemblees() -> ReferencesAssemblees:
    """Les barèmes livrés des départements, régions et EPCI (lus une fois)."""
    d = tomllib.loads(lire_texte_paquet(FICHIER))
    return ReferencesAssemblees(
        confirmee_au=d["confirmee_au"],
        majoration_president=Decimal(d["majoration_president"]) / _CENT,
        source_majoration_president=d["source_majoration_president"],
        vice_presidents_max=d["vice_presidents"]["maximum"],
        source_vice_presidents=d["vice_presidents"]["source"],
        baremes=tuple(_bareme(b) for b in d["bareme"]),
    )
