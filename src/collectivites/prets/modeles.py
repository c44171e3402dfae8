"""Modèles d'un prêt de la Caisse des Dépôts : le Prêt, ses Lignes, ses garants.

Les caractéristiques d'une ligne sont celles que l'article 9 des contrats énumère
(« Caractéristiques financières de chaque Ligne du Prêt ») : montant, périodicité, index, marge,
taux d'intérêt, profil d'amortissement, modalité de révision, taux de progressivité et son
plancher, mode de calcul des intérêts, base de calcul, phase de préfinancement et différé
d'amortissement. Il n'y a pas de fongibilité entre les lignes (art. 2) : chacune a son tableau.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Callable
from decimal import Decimal

import attrs

from collectivites.erreurs import ErreurValeur

__all__ = [
    "BaseCalcul",
    "Garant",
    "LigneDePret",
    "ModeCalcul",
    "Periodicite",
    "Prefinancement",
    "Pret",
    "Profil",
    "ReglementPrefinancement",
    "Revision",
    "Versement",
]


class Periodicite(enum.StrEnum):
    """Périodicité des échéances ; ``mois`` donne la durée d'une période."""

    ANNUELLE = "annuelle"
    SEMESTRIELLE = "semestrielle"
    TRIMESTRIELLE = "trimestrielle"
    MENSUELLE = "mensuelle"

    @property
    def mois(self) -> int:
        return {"annuelle": 12, "semestrielle": 6, "trimestrielle": 3, "mensuelle": 1}[self.value]


class Profil(enum.StrEnum):
    """Profil d'amortissement (art. 12 des contrats)."""

    AMORTISSEMENT_DEDUIT_INTERETS_DIFFERES = "amortissement_deduit_interets_differes"
    AMORTISSEMENT_DEDUIT_INTERETS_PRIORITAIRES = "amortissement_deduit_interets_prioritaires"
    AMORTISSEMENT_PRIORITAIRE = "amortissement_prioritaire"


class Revision(enum.StrEnum):
    """Modalité de révision (art. 10) : simple (SR), double (DR), double limitée (DL), ou fixe."""

    SR = "SR"
    DR = "DR"
    DL = "DL"
    FIXE = "fixe"


class ModeCalcul(enum.StrEnum):
    """Mode de calcul des intérêts : équivalent (actuariel) ou proportionnel."""

    EQUIVALENT = "equivalent"
    PROPORTIONNEL = "proportionnel"


class BaseCalcul(enum.StrEnum):
    """Base de calcul des intérêts : 30/360 (art. 11) ou nombre exact de jours sur 365."""

    TRENTE_360 = "30/360"
    EXACT = "exact"


class ReglementPrefinancement(enum.StrEnum):
    """Règlement des intérêts de préfinancement (art. 11) : payés à la fin du préfinancement,
    ou capitalisés (ajoutés au capital de la ligne)."""

    PAIEMENT = "paiement"
    CAPITALISATION = "capitalisation"


def _positif(nom: str) -> Callable[[object, object, Decimal], None]:
    def verifier(_instance: object, _attribut: object, valeur: Decimal) -> None:
        if valeur <= 0:
            raise ErreurValeur(f"« {nom} » doit être > 0 (reçu : {valeur})")

    return verifier


@attrs.frozen(kw_only=True)
class Prefinancement:
    """Phase de préfinancement (3 à 24 mois, art. 9) et règlement de ses intérêts.

    ``taux`` : taux de préfinancement à la Date d'Effet (par défaut, celui de la ligne).
    """

    duree_mois: int
    taux: Decimal | None = None
    reglement: ReglementPrefinancement = attrs.field(
        default=ReglementPrefinancement.PAIEMENT, converter=ReglementPrefinancement
    )

    def __attrs_post_init__(self) -> None:
        if not 3 <= self.duree_mois <= 24:
            raise ErreurValeur(
                f"« prefinancement.duree_mois » doit être compris entre 3 et 24 mois "
                f"(reçu : {self.duree_mois})"
            )
        if self.reglement is ReglementPrefinancement.CAPITALISATION and self.duree_mois < 12:
            raise ErreurValeur(
                "la capitalisation des intérêts de préfinancement exige un préfinancement d'au "
                f"moins 12 mois (art. 11) ; reçu : {self.duree_mois} mois"
            )


@attrs.frozen(kw_only=True)
class Versement:
    """Un versement des fonds d'une ligne (date de valeur, montant)."""

    date: dt.date
    montant: Decimal

    def __attrs_post_init__(self) -> None:
        if self.montant <= 0:
            raise ErreurValeur(f"un versement doit être > 0 (reçu : {self.montant})")


@attrs.frozen(kw_only=True)
class Garant:
    """Un garant et sa quotité (art. 16), fraction de 0 à 1."""

    nom: str
    quotite: Decimal

    def __attrs_post_init__(self) -> None:
        if not 0 < self.quotite <= 1:
            raise ErreurValeur(
                f"la quotité du garant « {self.nom} » doit être comprise entre 0 et 100 % "
                f"(reçu : {self.quotite * 100} %)"
            )


@attrs.frozen(kw_only=True)
class LigneDePret:
    """Une Ligne du Prêt et ses caractéristiques financières (art. 9).

    ``duree`` est le nombre d'échéances de la phase d'amortissement (différé compris).
    ``taux_interet`` est le taux actuariel annuel à la Date d'Effet ; il vaut la valeur de
    l'index de référence plus la marge (art. 10).
    """

    identifiant: str = ""
    contrat: str = ""
    produit: str = ""
    emprunteur: str = ""
    montant: Decimal = attrs.field(validator=_positif("montant"))
    date_effet: dt.date | None = None
    date_debut_amortissement: dt.date | None = None
    duree: int
    periodicite: Periodicite = attrs.field(converter=Periodicite)
    index: str
    valeur_index_reference: Decimal
    marge: Decimal
    taux_interet: Decimal
    profil: Profil = attrs.field(converter=Profil)
    revision: Revision = attrs.field(converter=Revision)
    taux_progressivite: Decimal = Decimal(0)
    taux_plancher_progressivite: Decimal | None = None
    mode_calcul_interets: ModeCalcul = attrs.field(
        default=ModeCalcul.EQUIVALENT, converter=ModeCalcul
    )
    base_calcul: BaseCalcul = attrs.field(default=BaseCalcul.TRENTE_360, converter=BaseCalcul)
    prefinancement: Prefinancement | None = None
    differe_amortissement_mois: int = 0
    differe_capitalise: bool = False
    versements: tuple[Versement, ...] = ()
    garants: tuple[Garant, ...] = ()

    def __attrs_post_init__(self) -> None:
        if isinstance(self.duree, bool) or not isinstance(self.duree, int) or self.duree <= 0:
            raise ErreurValeur(
                f"« duree » doit être un nombre d'échéances > 0 (reçu : {self.duree})"
            )
        if self.date_debut_amortissement is None and self.date_effet is None:
            raise ErreurValeur(
                "il faut « date_debut_amortissement » ou « date_effet » pour dater les échéances"
            )
        attendu = self.valeur_index_reference + self.marge
        if self.taux_interet != attendu:
            raise ErreurValeur(
                f"« taux_interet » ({self.taux_interet * 100} %) incohérent avec l'index de "
                f"référence plus la marge ({self.valeur_index_reference * 100} % + "
                f"{self.marge * 100} % = {attendu * 100} %)"
            )
        plancher = self.taux_plancher_progressivite
        if plancher is not None and self.taux_progressivite < plancher:
            raise ErreurValeur(
                f"« taux_progressivite » ({self.taux_progressivite * 100} %) inférieur à son taux "
                f"plancher ({plancher * 100} %) : « le taux de progressivité des échéances ne peut "
                "être inférieur à son taux plancher » (art. 9)"
            )
        if self.differe_amortissement_mois < 0 or self.differe_amortissement_mois > 24:
            raise ErreurValeur(
                "« differe_amortissement_mois » doit être compris entre 0 et 24 "
                f"(reçu : {self.differe_amortissement_mois})"
            )
        if self.differe_amortissement_mois % self.periodicite.mois:
            raise ErreurValeur(
                f"« differe_amortissement_mois » ({self.differe_amortissement_mois}) doit être un "
                f"multiple de la période ({self.periodicite.mois} mois)"
            )
        if self.periodes_differe >= self.duree:
            raise ErreurValeur(
                "le différé d'amortissement doit laisser au moins une échéance d'amortissement"
            )
        if self.garants:
            total = sum((g.quotite for g in self.garants), Decimal(0))
            if total != 1:
                raise ErreurValeur(
                    f"les quotités garanties de la ligne « {self.identifiant} » totalisent "
                    f"{total * 100} % au lieu de 100 %"
                )
        verse = sum((v.montant for v in self.versements), Decimal(0))
        if verse > self.montant:
            raise ErreurValeur(
                f"« versements » : {verse} € versés dépassent le montant de la ligne "
                f"({self.montant} €), qui « ne pourra en aucun cas être dépassé » (art. 2)"
            )

    @property
    def capital_verse(self) -> Decimal:
        """Capital de la ligne : la somme des versements s'ils sont donnés (art. 8 : le montant
        « sera réduit d'office à hauteur des sommes effectivement versées »), sinon le montant."""
        if not self.versements:
            return self.montant
        return sum((v.montant for v in self.versements), Decimal(0))

    @property
    def periodes_differe(self) -> int:
        """Nombre d'échéances du différé d'amortissement (intérêts seuls)."""
        return self.differe_amortissement_mois // self.periodicite.mois


@attrs.frozen(kw_only=True)
class Pret:
    """Un contrat de prêt : ses lignes (sans fongibilité) et ses garants."""

    numero: str = ""
    emprunteur: str = ""
    lignes: tuple[LigneDePret, ...]
    garants: tuple[Garant, ...] = ()
    source: str = ""
    hypotheses: tuple[str, ...] = ()

    def __attrs_post_init__(self) -> None:
        if not self.lignes:
            raise ErreurValeur("un prêt doit comporter au moins une ligne")
        identifiants = [ligne.identifiant for ligne in self.lignes if ligne.identifiant]
        if len(set(identifiants)) != len(identifiants):
            raise ErreurValeur("deux lignes du prêt portent le même identifiant")
        if self.garants:
            total = sum((g.quotite for g in self.garants), Decimal(0))
            if total != 1:
                raise ErreurValeur(
                    f"les quotités garanties du prêt totalisent {total * 100} % au lieu de 100 %"
                )

    @property
    def montant(self) -> Decimal:
        """Montant total du prêt (somme des lignes)."""
        return sum((ligne.montant for ligne in self.lignes), Decimal(0))
