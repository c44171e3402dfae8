"""Remboursements anticipés (art. 17 des contrats CDC).

Volontaires (art. 17.1) : « à chaque Date d'Échéance moyennant un préavis de quarante cinq (45)
jours calendaires » ; calcul des sommes dues 40 jours avant ; indemnité communiquée 35 jours
avant ; confirmation dans les 5 jours de sa réception ; fonds au moins deux mois avant
l'échéance pour être pris en compte. Indemnité actuarielle : « la différence, uniquement lorsque
celle-ci est positive, entre la « Valeur de Marché de la Ligne du Prêt » et le montant du capital
remboursé par anticipation, augmenté des intérêts courus non échus ».

Obligatoires (art. 17.2) : pénalité de 7 % des sommes exigibles (17.2.1) ; un semestre
d'intérêts au taux en vigueur (17.2.2) ; seuls les intérêts contractuels courus (ventes aux
personnes physiques, démolition ANRU…).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import attrs

from collectivites._enum import EnumFr, decrire
from collectivites._moteur import CONTEXTE_CALCUL, moteur, somme
from collectivites.donnees import SourceIndex
from collectivites.erreurs import ErreurValeur
from collectivites.monnaie import arrondir
from collectivites.presentation import Presentable
from collectivites.prets._courbe import CourbeZeroCoupon
from collectivites.prets._echeancier import dates_echeances
from collectivites.prets._modeles import LigneDePret
from collectivites.prets._tableau import TableauAmortissement, calculer_tableau
from collectivites.regles.delais._calcul import calculer_delai
from collectivites.regles.delais._regimes import Sens

__all__ = [
    "CalendrierRemboursement",
    "CasObligatoire",
    "ResultatRemboursement",
    "calendrier_remboursement",
    "indemnite_obligatoire",
    "rembourser_par_anticipation",
]


class CasObligatoire(EnumFr):
    """Cas de remboursement anticipé obligatoire (art. 17.2)."""

    EXIGIBILITE_7_POURCENT = "exigibilite_7_pourcent"
    SEMESTRE_INTERETS = "semestre_interets"
    INTERETS_COURUS_SEULS = "interets_courus_seuls"


decrire(
    CasObligatoire,
    {
        "exigibilite_7_pourcent": "exigibilité anticipée : pénalité de 7 % (17.2.1)",
        "semestre_interets": "un semestre d'intérêts (17.2.2)",
        "interets_courus_seuls": "intérêts contractuels courus seuls",
    },
)
#: « une pénalité égale à 7 % du montant total des sommes exigibles par anticipation »
PENALITE_EXIGIBILITE = Decimal("0.07")


@attrs.frozen(kw_only=True)
class CalendrierRemboursement:
    """Les dates d'un remboursement anticipé volontaire à la date ``date``."""

    date: dt.date
    demande_au_plus_tard: dt.date
    date_calcul: dt.date
    envoi_indemnite: dt.date
    confirmation_au_plus_tard: dt.date
    fonds_au_plus_tard: dt.date


def _verifier_echeance(ligne: LigneDePret, jour: dt.date) -> None:
    dates = list(dates_echeances(ligne))
    if jour not in dates:
        avant = [d for d in dates if d < jour]
        apres = [d for d in dates if d > jour]
        voisines = ", ".join(d.isoformat() for d in (avant[-1:] + apres[:1]))
        raise ErreurValeur(
            f"ce n'est pas une date d'échéance de la {ligne.nom} ; un remboursement anticipé "
            "volontaire n'est possible qu'à une Date d'Échéance",
            cle="date",
            valeur=jour,
            attendu=f"une échéance (voisines : {voisines or 'aucune'})",
        )
    if jour == dates[-1]:
        raise ErreurValeur(
            "c'est la dernière échéance : il n'y a rien à rembourser par anticipation",
            cle="date",
            valeur=jour,
        )


@moteur
def calendrier_remboursement(
    ligne: LigneDePret, date: dt.date, *, date_demande: dt.date | None = None
) -> CalendrierRemboursement:
    """Dates d'un remboursement anticipé volontaire (art. 17.1.1), jours calendaires.

    Deux sortes de dates, que l'article distingue :

    * des délais à rebours, « préavis de quarante cinq (45) jours calendaires avant la date de
      remboursement anticipé volontaire souhaitée » et fonds constatés « au moins deux mois avant
      cette échéance » : comptés comme la Cour de cassation compte les délais à rebours (le jour de
      l'échéance ne compte pas, dernier jour utile la veille du dernier jour compté) ;
    * des dates fixées, « la date du jour de calcul des sommes dues est fixée quarante (40) jours
      calendaires avant », le Prêteur adresse l'indemnité « trente cinq (35) jours calendaires
      avant » : la date elle-même, sans jour de marge.

    La confirmation est due « dans les cinq (5) jours calendaires qui suivent la réception du
    calcul » ; la réception est supposée le jour de l'envoi.
    """
    _verifier_echeance(ligne, date)
    limite = calculer_delai(date, "45 jours", sens=Sens.AVANT)
    if date_demande is not None and date_demande > limite:
        raise ErreurValeur(
            "préavis trop court (45 jours calendaires, art. 17.1.1)",
            cle="date_demande",
            valeur=date_demande,
            attendu=f"une notification au plus tard le {limite.isoformat()}",
        )
    envoi = date - dt.timedelta(days=35)
    return CalendrierRemboursement(
        date=date,
        demande_au_plus_tard=limite,
        date_calcul=date - dt.timedelta(days=40),
        envoi_indemnite=envoi,
        confirmation_au_plus_tard=calculer_delai(envoi, "5 jours"),
        fonds_au_plus_tard=calculer_delai(date, "2 mois", sens=Sens.AVANT),
    )


@attrs.frozen(kw_only=True)
class ResultatRemboursement(Presentable):
    """Un remboursement anticipé volontaire : montants, indemnité, nouveau tableau."""

    ligne: LigneDePret
    calendrier: CalendrierRemboursement
    capital_restant_du: Decimal
    capital_rembourse: Decimal
    interets_courus: Decimal
    interets_differes_dus: Decimal
    valeur_de_marche: Decimal | None
    indemnite: Decimal | None
    tableau_avant: TableauAmortissement
    tableau_apres: TableauAmortissement

    @property
    def total(self) -> Decimal:
        """Capital, intérêts courus, intérêts différés et indemnité (si calculée)."""
        return somme(
            (
                self.capital_rembourse,
                self.interets_courus,
                self.interets_differes_dus,
                self.indemnite or Decimal(0),
            )
        )


def _annees(debut: dt.date, fin: dt.date) -> Decimal:
    return Decimal((fin - debut).days) / Decimal(365)


@moteur
def rembourser_par_anticipation(
    ligne: LigneDePret,
    date: dt.date,
    *,
    montant: Decimal | None = None,
    index: SourceIndex | None = None,
    courbe: CourbeZeroCoupon | None = None,
    date_demande: dt.date | None = None,
) -> ResultatRemboursement:
    """Remboursement anticipé volontaire, total (``montant`` ``None``) ou partiel, à la date
    d'échéance ``date``.

    Valeur de marché : les flux restants (échéances, projetées sur ``index``) de la part
    remboursée, actualisés sur ``courbe`` depuis la date du remboursement (jours exacts sur
    365). Sans courbe, l'indemnité n'est pas calculée. Le remboursement tombant à une échéance,
    les intérêts courus non échus sont nuls.
    """
    calendrier = calendrier_remboursement(ligne, date, date_demande=date_demande)
    avant = calculer_tableau(ligne, index=index)
    ligne_du_jour = next(r for r in avant.lignes if r.date == date)
    crd = ligne_du_jour.capital_du
    rembourse = crd if montant is None else montant
    if rembourse <= 0 or rembourse > crd or rembourse != arrondir(rembourse):
        raise ErreurValeur(
            "montant remboursé hors des bornes",
            cle="montant",
            valeur=rembourse,
            attendu=f"un montant au centime de 0 (exclu) au capital restant dû ({crd} €)",
        )
    apres = calculer_tableau(ligne, index=index, remboursements={date: rembourse})
    interets_differes = next(r for r in apres.lignes if r.date == date).interets_differes_rembourses
    valeur = indemnite = None
    if courbe is not None:
        part = CONTEXTE_CALCUL.divide(rembourse, crd)
        total = Decimal(0)
        for r in avant.lignes:
            if r.date > date:
                facteur = courbe.facteur_actualisation(_annees(date, r.date))
                total += r.echeance * part * facteur
        valeur = arrondir(total)
        indemnite = max(Decimal("0.00"), valeur - rembourse)
    return ResultatRemboursement(
        ligne=ligne,
        calendrier=calendrier,
        capital_restant_du=crd,
        capital_rembourse=rembourse,
        interets_courus=Decimal("0.00"),
        interets_differes_dus=interets_differes,
        valeur_de_marche=valeur,
        indemnite=indemnite,
        tableau_avant=avant,
        tableau_apres=apres,
    )


@moteur
def indemnite_obligatoire(
    cas: CasObligatoire,
    *,
    sommes_exigibles: Decimal,
    taux_en_vigueur: Decimal | None = None,
) -> Decimal:
    """Indemnité d'un remboursement anticipé obligatoire (art. 17.2).

    * ``exigibilite_7_pourcent`` (17.2.1) : « une pénalité égale à 7 % du montant total des
      sommes exigibles par anticipation » ;
    * ``semestre_interets`` (17.2.2) : « un semestre d'intérêts sur les sommes remboursées par
      anticipation, calculée au taux du Prêt en vigueur » — interprétation : taux de période
      équivalent, (1 + I)^(1/2) − 1, comme les intérêts du contrat (mode équivalent) ;
    * ``interets_courus_seuls`` : ventes aux personnes physiques, démolition ANRU… : aucune
      indemnité, les seuls intérêts contractuels courus.
    """
    if sommes_exigibles < 0:
        raise ErreurValeur(
            "sommes exigibles négatives",
            cle="sommes_exigibles",
            valeur=sommes_exigibles,
            attendu="≥ 0",
        )
    if cas is CasObligatoire.EXIGIBILITE_7_POURCENT:
        return arrondir(sommes_exigibles * PENALITE_EXIGIBILITE)
    if cas is CasObligatoire.SEMESTRE_INTERETS:
        if taux_en_vigueur is None:
            raise ErreurValeur(
                "le taux en vigueur est nécessaire pour un semestre d'intérêts",
                cle="taux_en_vigueur",
            )
        if not Decimal("-0.10") <= taux_en_vigueur <= Decimal("0.30"):
            raise ErreurValeur(
                "taux hors des bornes",
                cle="taux_en_vigueur",
                valeur=taux_en_vigueur,
                attendu="de -10 % à 30 % (fraction)",
            )
        semestre = CONTEXTE_CALCUL.power(Decimal(1) + taux_en_vigueur, Decimal("0.5")) - 1
        return arrondir(sommes_exigibles * semestre)
    return Decimal("0.00")
