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

from collectivites.dates import ajouter_mois
from collectivites.erreurs import ErreurValeur
from collectivites.monnaie import arrondir
from collectivites.prets.courbe import CourbeZeroCoupon
from collectivites.prets.echeancier import dates_echeances
from collectivites.prets.index import SourceIndex
from collectivites.prets.modeles import LigneDePret
from collectivites.prets.tableau import TableauAmortissement, calculer_tableau
from collectivites.regles.delais import calculer_delai
from collectivites.taux import CONTEXTE_CALCUL

__all__ = [
    "CAS_OBLIGATOIRES",
    "CalendrierRemboursement",
    "ResultatRemboursement",
    "calendrier_remboursement",
    "indemnite_obligatoire",
    "rembourser_par_anticipation",
]

#: Cas de remboursement anticipé obligatoire (art. 17.2).
CAS_OBLIGATOIRES = ("exigibilite_7_pourcent", "semestre_interets", "interets_courus_seuls")


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
            f"le {jour.isoformat()} n'est pas une date d'échéance de la ligne "
            f"« {ligne.identifiant} » ; un remboursement anticipé volontaire n'est possible qu'à "
            f"une Date d'Échéance (échéances voisines : {voisines or 'aucune'})"
        )
    if jour == dates[-1]:
        raise ErreurValeur(
            f"le {jour.isoformat()} est la dernière échéance : il n'y a rien à rembourser par "
            "anticipation"
        )


def calendrier_remboursement(
    ligne: LigneDePret, date: dt.date, *, date_demande: dt.date | None = None
) -> CalendrierRemboursement:
    """Dates d'un remboursement anticipé volontaire (art. 17.1.1), jours calendaires.

    La confirmation est due dans les 5 jours de la réception du calcul ; la réception est
    supposée le jour de son envoi (35 jours avant), d'où la date limite 30 jours avant.
    """
    _verifier_echeance(ligne, date)
    limite = calculer_delai(date, "45 jours", sens="avant")
    if date_demande is not None and date_demande > limite:
        raise ErreurValeur(
            f"préavis trop court : demande du {date_demande.isoformat()} pour un remboursement "
            f"le {date.isoformat()} ; il faut la notifier au plus tard le {limite.isoformat()} "
            "(45 jours calendaires, art. 17.1.1)"
        )
    envoi = calculer_delai(date, "35 jours", sens="avant")
    return CalendrierRemboursement(
        date=date,
        demande_au_plus_tard=limite,
        date_calcul=calculer_delai(date, "40 jours", sens="avant"),
        envoi_indemnite=envoi,
        confirmation_au_plus_tard=calculer_delai(envoi, "5 jours"),
        fonds_au_plus_tard=ajouter_mois(date, -2),
    )


@attrs.frozen(kw_only=True)
class ResultatRemboursement:
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
        return (
            self.capital_rembourse
            + self.interets_courus
            + self.interets_differes_dus
            + (self.indemnite or Decimal(0))
        )


def _annees(debut: dt.date, fin: dt.date) -> Decimal:
    return Decimal((fin - debut).days) / Decimal(365)


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
    if rembourse <= 0 or rembourse > crd:
        raise ErreurValeur(
            f"le montant remboursé doit être compris entre 0 et le capital restant dû au "
            f"{date.isoformat()} ({crd} €) (reçu : {rembourse})"
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


def indemnite_obligatoire(
    cas: str,
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
    if cas == "exigibilite_7_pourcent":
        return arrondir(sommes_exigibles * Decimal("0.07"))
    if cas == "semestre_interets":
        if taux_en_vigueur is None:
            raise ErreurValeur("« taux_en_vigueur » est nécessaire pour un semestre d'intérêts")
        semestre = CONTEXTE_CALCUL.power(Decimal(1) + taux_en_vigueur, Decimal("0.5")) - 1
        return arrondir(sommes_exigibles * semestre)
    if cas == "interets_courus_seuls":
        return Decimal("0.00")
    raise ErreurValeur(f"cas inconnu : {cas!r} (attendu : {', '.join(CAS_OBLIGATOIRES)})")
