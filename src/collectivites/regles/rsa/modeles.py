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

from collectivites.calendrier._regles import normaliser_zone
from collectivites.erreurs import ErreurValeur

__all__ = [
    "ECHEANCES",
    "REPORTS",
    "Acompte",
    "ConventionRsa",
    "Flux",
    "Operation",
    "Paiement",
    "PlafondsAvance",
]

#: Règles d'échéance : le jour J du mois suivant (convention), ou le dernier jour du mois suivant
#: (CASF D262-61 : « Les acomptes sont versés au plus tard le dernier jour de chaque mois »).
ECHEANCES = ("jour_du_mois_suivant", "dernier_jour_du_mois_suivant")
#: Report d'une échéance qui n'est pas un jour ouvré.
REPORTS = ("jour_ouvre_suivant", "jour_ouvre_precedent", "aucun")


def _zone(_instance: object, _attribut: object, valeur: str) -> None:
    normaliser_zone(valeur)


@attrs.frozen(kw_only=True)
class PlafondsAvance:
    """Avances aux allocataires (art. 3.1) : nombre par an et plafonds par situation."""

    nombre_par_an: int
    personne_seule: Decimal
    couple_ou_un_enfant: Decimal
    famille_avec_enfants: Decimal


@attrs.frozen(kw_only=True)
class ConventionRsa:
    """Paramètres financiers d'une convention de gestion du rSa.

    ``majoration`` s'ajoute au taux de référence (« EONIA + 1 » : un point, soit
    ``Decimal("0.01")``). ``facturer_negatif`` : un montant d'intérêts ou de coût de trésorerie
    négatif (taux négatifs) est-il facturé (en faveur du département) ? Par défaut, non.
    """

    nom: str = ""
    echeance: str = attrs.field(default="jour_du_mois_suivant")
    jour_echeance: int = 5
    report: str = attrs.field(default="jour_ouvre_suivant")
    taux_reference: str = "eonia"
    majoration: Decimal = Decimal("0.01")
    base_jours: int = 360
    zone: str = attrs.field(default="metropole", validator=_zone)
    facturer_negatif: bool = False
    avance_tresorerie: Decimal | None = None
    plafonds_avance: PlafondsAvance | None = None
    multiple_remise_dette: Decimal | None = None
    source: str = ""
    hypotheses: tuple[str, ...] = ()

    def __attrs_post_init__(self) -> None:
        if self.echeance not in ECHEANCES:
            raise ErreurValeur(
                f"« echeance » inconnue : {self.echeance!r} (attendu : {', '.join(ECHEANCES)})"
            )
        if self.report not in REPORTS:
            raise ErreurValeur(
                f"« report » inconnu : {self.report!r} (attendu : {', '.join(REPORTS)})"
            )
        if not 1 <= self.jour_echeance <= 31:
            raise ErreurValeur(
                f"« jour_echeance » doit être un jour de 1 à 31 (reçu : {self.jour_echeance})"
            )
        if self.base_jours not in (360, 365):
            raise ErreurValeur(f"« base_jours » doit valoir 360 ou 365 (reçu : {self.base_jours})")


@attrs.frozen(kw_only=True)
class Paiement:
    """Un versement du département (date de valeur, montant)."""

    date: dt.date
    montant: Decimal

    def __attrs_post_init__(self) -> None:
        if self.montant <= 0:
            raise ErreurValeur(f"un paiement doit être > 0 (reçu : {self.montant})")


@attrs.frozen(kw_only=True)
class Acompte:
    """La demande d'acompte du mois ``mois`` (premier jour du mois) et ses paiements."""

    mois: dt.date
    montant: Decimal
    paiements: tuple[Paiement, ...] = ()

    def __attrs_post_init__(self) -> None:
        if self.mois.day != 1:
            raise ErreurValeur(f"« mois » doit être un premier du mois (reçu : {self.mois})")
        if self.montant < 0:
            raise ErreurValeur(f"le montant de l'acompte doit être ≥ 0 (reçu : {self.montant})")
        etiquette = self.mois.strftime("%Y-%m")
        for paiement in self.paiements:
            if paiement.date < self.mois:
                raise ErreurValeur(
                    f"acompte {etiquette} : paiement du {paiement.date.isoformat()} antérieur au "
                    "mois de l'acompte"
                )
        total = sum((p.montant for p in self.paiements), Decimal(0))
        if total > self.montant:
            raise ErreurValeur(
                f"acompte {etiquette} : les paiements ({total}) dépassent le montant dû "
                f"({self.montant})"
            )

    @property
    def paye(self) -> Decimal:
        return sum((p.montant for p in self.paiements), Decimal(0))

    @property
    def reste_du(self) -> Decimal:
        return self.montant - self.paye


@attrs.frozen(kw_only=True)
class Operation:
    """Opérations comptabilisées par la CAF un mois donné (dépenses de rSa à la charge du
    département, logiciel comptable)."""

    mois: dt.date
    montant: Decimal


@attrs.frozen(kw_only=True)
class Flux:
    """Un mouvement de la trésorerie rSa de la CAF : ``montant`` > 0 encaissement (acompte reçu),
    < 0 décaissement (rSa versé aux allocataires)."""

    date: dt.date
    montant: Decimal
    libelle: str = ""
