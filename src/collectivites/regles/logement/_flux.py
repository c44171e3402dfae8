"""Droits de réservation d'un réservataire en gestion en flux (loi ELAN ; CCH L441-1, R441-5 et
suivants, dans leur rédaction issue du décret n° 2020-145 du 20 février 2020).

La chaîne des annexes des conventions (« Calcul des droits de réservation du réservataire ») :

* a − b = c : « L'assiette à prendre en compte correspond donc à la liste des logements RPLS moins
  la liste des logements [légalement exclus] » ;
* c × d = e : « Le flux s'obtient par la multiplication du nombre de logements figurant dans
  l'assiette par le taux de rotation du bailleur constaté l'année passée » ;
* e − (f + g + h) = i : « sont soustraits du flux, le volume de logements nécessaire pour mener à
  bien des mutations internes … des relogements dans le cadre d'opérations ANRU, ORCOD (IN) ou
  LHI et des logements nécessaires aux relogements des ménages dans le cadre d'une opération de
  vente » ;
* i × j = k : le flux de réservation annuel du réservataire, j étant son taux de réservation.

Les annexes arrondissent e et k à l'unité la plus proche : 116 × 6,90 % = 8,004 → 8 ;
152 × 5 % = 7,6 → 8 ; 6 × 15 % = 0,9 → 1 (ni l'arrondi inférieur ni le supérieur ne donnent ces
trois chiffres).

Le décompte RPLS et le taux de rotation précèdent l'année des droits : « le taux de rotation du
bailleur constaté l'année passée » ; un décompte daté d'après l'année calculée, ou un taux de
rotation de l'année calculée ou d'une année suivante, est refusé.

Les propriétés des résultats calculent dans le contexte décimal de la bibliothèque.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

import attrs

from collectivites._champs import v_date, v_decimal, v_entier, v_instance, v_texte
from collectivites._moteur import CONTEXTE_CALCUL, moteur
from collectivites.erreurs import ErreurValeur
from collectivites.presentation import Presentable
from collectivites.taux import formater_taux

__all__ = [
    "PART_PRIORITAIRES",
    "Attributions",
    "BilanPrecedent",
    "ConventionFlux",
    "Deductions",
    "ResultatFlux",
    "arrondir_logements",
    "calculer_droits",
    "plafond_sanction",
]

#: Part minimale des attributions sur le contingent d'une collectivité réservée aux ménages
#: prioritaires (CCH L441-1, dans sa rédaction issue de la loi n° 2017-86 du 27 janvier 2017,
#: art. 70 : « 25 % des réservations des collectivités et EPCI … doivent être attribués à des
#: ménages prioritaires », convention, art. 6.2).
PART_PRIORITAIRES = Decimal("0.25")
#: Sanction pécuniaire de la méconnaissance d'une convention de réservation du préfet : jusqu'à
#: 18 mois du loyer principal du ou des logements concernés (CCH R441-5-2 ; L342-14, I, 1°, a).
MOIS_DE_LOYER_SANCTION = 18

_LOGEMENTS_MAX = 10_000_000
_V_NOMBRE = v_entier(minimum=0, maximum=_LOGEMENTS_MAX)
_V_TAUX = v_decimal(minimum=Decimal(0), maximum=Decimal(1))


@moteur
def arrondir_logements(valeur: Decimal) -> int:
    """Un nombre de logements arrondi à l'unité la plus proche (demi vers le haut, interprétation :
    aucune annexe ne montre de demi)."""
    return int(valeur.to_integral_value(rounding=ROUND_HALF_UP))


@attrs.frozen(kw_only=True)
class Deductions:
    """Ce qui est soustrait du flux (décret n° 2020-145 ; annexes, lignes f, g, h).

    ``mutations_et_relogements`` : le total des deux premières catégories, quand l'annexe les
    donne ensemble (annexe de la convention H2P, ligne f)."""

    mutations_internes: int = attrs.field(default=0, validator=_V_NOMBRE)
    relogements_renouvellement_urbain: int = attrs.field(default=0, validator=_V_NOMBRE)
    mutations_et_relogements: int | None = attrs.field(
        default=None, validator=v_entier(minimum=0, maximum=_LOGEMENTS_MAX, optionnel=True)
    )
    ventes: int = attrs.field(default=0, validator=_V_NOMBRE)
    autres: int = attrs.field(default=0, validator=_V_NOMBRE)

    def __attrs_post_init__(self) -> None:
        if self.mutations_et_relogements is not None and (
            self.mutations_internes or self.relogements_renouvellement_urbain
        ):
            raise ErreurValeur(
                "donnez soit « mutations_et_relogements », soit le détail (« mutations_internes » "
                "et « relogements_renouvellement_urbain »), pas les deux",
                cle="deductions",
            )

    @property
    def total(self) -> int:
        groupees = self.mutations_et_relogements
        if groupees is None:
            groupees = self.mutations_internes + self.relogements_renouvellement_urbain
        return groupees + self.ventes + self.autres


@attrs.frozen(kw_only=True)
class BilanPrecedent:
    """Le bilan de l'année précédente (art. 6.1) : objectif, logements mis à disposition, écart
    justifié ou non."""

    objectif: int = attrs.field(validator=_V_NOMBRE)
    mis_a_disposition: int = attrs.field(validator=_V_NOMBRE)
    ecart_justifie: bool = attrs.field(default=False, validator=v_instance(bool))

    @property
    def report(self) -> int:
        """« Les objectifs non atteints en fin d'année, et que le bailleur ne saurait justifier,
        pourront être reportés l'année suivante en surplus des objectifs nouveaux. A l'inverse,
        les objectifs dépassés pourront venir en soustraction des objectifs nouveaux. »"""
        ecart = self.objectif - self.mis_a_disposition
        if ecart > 0 and self.ecart_justifie:
            return 0
        return ecart


@attrs.frozen(kw_only=True)
class Attributions:
    """Les attributions d'une année sur le contingent du réservataire, dont aux ménages
    prioritaires."""

    total: int = attrs.field(validator=_V_NOMBRE)
    prioritaires: int = attrs.field(validator=_V_NOMBRE)

    def __attrs_post_init__(self) -> None:
        if self.prioritaires > self.total:
            raise ErreurValeur(
                "plus d'attributions prioritaires que d'attributions",
                cle="attributions.prioritaires",
                valeur=self.prioritaires,
                attendu=f"au plus {self.total}",
            )

    @property
    def part_prioritaires(self) -> Decimal | None:
        if not self.total:
            return None
        return CONTEXTE_CALCUL.divide(Decimal(self.prioritaires), Decimal(self.total))

    @property
    def conforme(self) -> bool | None:
        part = self.part_prioritaires
        return None if part is None else part >= PART_PRIORITAIRES


@attrs.frozen(kw_only=True)
class ConventionFlux:
    """Les données de l'annexe de calcul d'une convention de réservation en flux."""

    bailleur: str = attrs.field(validator=v_texte(vide=False))
    reservataire: str = attrs.field(validator=v_texte(vide=False))
    annee: int = attrs.field(validator=v_entier(minimum=2020, maximum=2199))
    logements_rpls: int = attrs.field(validator=_V_NOMBRE)
    logements_exclus: int = attrs.field(default=0, validator=_V_NOMBRE)
    taux_rotation: Decimal = attrs.field(validator=_V_TAUX)
    taux_reservation: Decimal = attrs.field(validator=_V_TAUX)
    deductions: Deductions = attrs.field(factory=Deductions, validator=v_instance(Deductions))
    date_rpls: dt.date | None = attrs.field(default=None, validator=v_date(optionnel=True))
    annee_rotation: int | None = attrs.field(
        default=None, validator=v_entier(minimum=2000, maximum=2199, optionnel=True)
    )
    territoire: str = attrs.field(default="", validator=v_texte())
    bilan_precedent: BilanPrecedent | None = attrs.field(
        default=None, validator=v_instance(BilanPrecedent, optionnel=True)
    )
    attributions: Attributions | None = attrs.field(
        default=None, validator=v_instance(Attributions, optionnel=True)
    )

    def __attrs_post_init__(self) -> None:
        if self.logements_exclus > self.logements_rpls:
            raise ErreurValeur(
                "plus de logements exclus que de logements au RPLS",
                cle="logements_exclus",
                valeur=self.logements_exclus,
                attendu=f"au plus {self.logements_rpls}",
            )
        if self.date_rpls is not None and self.date_rpls.year > self.annee:
            raise ErreurValeur(
                f"le décompte RPLS est daté d'après l'année des droits ({self.annee}), qui se "
                "calculent sur un parc déjà recensé",
                cle="date_rpls",
                valeur=self.date_rpls,
                attendu=f"une date au plus tard le 31/12/{self.annee}",
            )
        if self.annee_rotation is not None and self.annee_rotation >= self.annee:
            raise ErreurValeur(
                f"le taux de rotation doit être celui d'une année antérieure à l'année des droits "
                f"({self.annee}) : « le taux de rotation du bailleur constaté l'année passée »",
                cle="annee_rotation",
                valeur=self.annee_rotation,
                attendu=f"une année au plus égale à {self.annee - 1}",
            )


@attrs.frozen(kw_only=True)
class ResultatFlux(Presentable):
    """La chaîne de l'annexe, ligne à ligne, l'objectif de l'année et les contrôles."""

    convention: ConventionFlux
    assiette: int
    flux_estime: Decimal
    flux_annuel: int
    flux_net: int
    droits_estimes: Decimal
    droits: int
    report: int
    objectif: int
    hypotheses: tuple[str, ...] = ()


def _virgule(valeur: Decimal) -> str:
    return f"{valeur.normalize(CONTEXTE_CALCUL):f}".replace(".", ",")


@moteur
def calculer_droits(convention: ConventionFlux) -> ResultatFlux:
    """Les droits de réservation de l'année (nombre de logements à mettre à disposition du
    réservataire) et l'objectif, report du bilan précédent compris."""
    c = convention
    assiette = c.logements_rpls - c.logements_exclus
    flux_estime = Decimal(assiette) * c.taux_rotation
    flux_annuel = arrondir_logements(flux_estime)
    deduit = c.deductions.total
    if deduit > flux_annuel:
        raise ErreurValeur(
            "les logements soustraits dépassent le flux annuel estimé",
            cle="deductions",
            valeur=deduit,
            attendu=f"au plus {flux_annuel} : assiette {assiette} × "
            f"{formater_taux(c.taux_rotation)}",
        )
    flux_net = flux_annuel - deduit
    droits_estimes = Decimal(flux_net) * c.taux_reservation
    droits = arrondir_logements(droits_estimes)
    report = c.bilan_precedent.report if c.bilan_precedent else 0
    notes = [
        "Arrondis à l'unité la plus proche, comme les annexes des conventions "
        f"({assiette} × {formater_taux(c.taux_rotation)} = {_virgule(flux_estime)} → "
        f"{flux_annuel} ; {flux_net} × {formater_taux(c.taux_reservation)} = "
        f"{_virgule(droits_estimes)} → {droits}).",
    ]
    if report:
        notes.append(
            f"Bilan précédent : objectif {c.bilan_precedent.objectif}, "  # type: ignore[union-attr]
            f"{c.bilan_precedent.mis_a_disposition} mis à disposition : "  # type: ignore[union-attr]
            f"{'+' if report > 0 else ''}{report} (art. 6.1 des conventions)."
        )
    if c.attributions is not None and c.attributions.conforme is False:
        notes.append(
            f"Attributions aux ménages prioritaires : {c.attributions.prioritaires} sur "
            f"{c.attributions.total}, sous les 25 % du CCH L441-1."
        )
    return ResultatFlux(
        convention=c,
        assiette=assiette,
        flux_estime=flux_estime,
        flux_annuel=flux_annuel,
        flux_net=flux_net,
        droits_estimes=droits_estimes,
        droits=droits,
        report=report,
        objectif=max(droits + report, 0),
        hypotheses=tuple(notes),
    )


@moteur
def plafond_sanction(loyer_principal_mensuel: Decimal, logements: int = 1) -> Decimal:
    """Plafond de la sanction pécuniaire du bailleur qui méconnaît une convention de réservation
    du préfet : « jusqu'à 18 mois du loyer principal du ou des logements concernés » (CCH
    R441-5-2 ; L342-14, I, 1°, a). ``loyer_principal_mensuel`` : par logement."""
    if loyer_principal_mensuel < 0 or logements < 1:
        raise ErreurValeur(
            "loyer négatif ou nombre de logements nul",
            cle="loyer_principal_mensuel",
            valeur=loyer_principal_mensuel,
        )
    return loyer_principal_mensuel * MOIS_DE_LOYER_SANCTION * logements
