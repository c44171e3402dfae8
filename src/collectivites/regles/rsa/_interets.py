"""Intérêts de retard sur les acomptes (art. 8.2.2 de la convention Lozère).

« (Montant qui aurait dû être versé au titre du mois M) X (moyenne mensuelle du dernier taux
EONIA connu + 1) X (nombre de jours de retards / 360 jours) ».

* « + 1 » : un point de pourcentage (la majoration est un paramètre de la convention) ;
* paiements partiels ou tardifs : chaque part payée porte intérêt pour ses propres jours de
  retard ; la part encore impayée à la date d'arrêté, jusqu'à cette date ;
* le montant de chaque acompte est arrondi une fois au centime, au demi supérieur ;
* un résultat négatif (taux négatifs) est montré tel quel ; il n'est facturé que si la
  convention le prévoit (``facturer_negatif``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal

import attrs

from collectivites._moteur import moteur, somme
from collectivites.donnees import SerieDatee
from collectivites.erreurs import ErreurValeur
from collectivites.monnaie import arrondir
from collectivites.presentation import Presentable
from collectivites.regles.rsa._echeances import date_echeance
from collectivites.regles.rsa._modeles import Acompte, ConventionRsa
from collectivites.regles.rsa._taux_reference import (
    TauxMensuel,
    mois_de_reference,
    taux_reference_du_mois,
)
from collectivites.tables import Document, Genre, Table, colonnes, faits

__all__ = ["LigneInterets", "PartRetard", "ResultatInterets", "calculer_interets_retard"]

_ZERO = Decimal(0)


@attrs.frozen(kw_only=True)
class PartRetard:
    """Une part de l'acompte et son retard : payée le ``date_paiement``, ou encore due à la date
    d'arrêté (``date_paiement`` ``None``)."""

    montant: Decimal
    date_paiement: dt.date | None
    jours: int


@attrs.frozen(kw_only=True)
class LigneInterets:
    """Intérêts de retard d'un acompte."""

    mois: dt.date
    echeance: dt.date
    montant: Decimal
    parts: tuple[PartRetard, ...]
    reference: TauxMensuel | None
    taux: Decimal | None
    interets: Decimal

    @property
    def jours_retard(self) -> int:
        """Retard de la dernière part réglée (ou due), en jours calendaires."""
        return max((p.jours for p in self.parts), default=0)


@attrs.frozen(kw_only=True)
class ResultatInterets(Presentable):
    """Intérêts de retard d'une série d'acomptes."""

    convention: ConventionRsa
    lignes: tuple[LigneInterets, ...]
    date_arrete: dt.date | None

    @property
    def total_interets(self) -> Decimal:
        return somme(ligne.interets for ligne in self.lignes)

    @property
    def total_a_facturer(self) -> Decimal:
        """Total facturé : les montants négatifs sont exclus sauf si la convention les facture."""
        if self.convention.facturer_negatif:
            return self.total_interets
        return somme(max(ligne.interets, _ZERO) for ligne in self.lignes)

    def decrire(self) -> Document:
        """Une ligne par acompte, une par part payée ou due, et les totaux."""
        acomptes = Table(
            cle="acomptes",
            titre="Intérêts de retard par acompte",
            colonnes=colonnes(
                ("mois", "Mois", Genre.MOIS),
                ("echeance", "Échéance", Genre.DATE),
                ("montant", "Montant", Genre.MONTANT),
                ("jours_retard", "Jours de retard", Genre.ENTIER),
                ("taux_reference", "Taux de référence", Genre.TAUX),
                ("mois_reference", "Mois du taux", Genre.MOIS),
                ("provenance_taux", "Provenance du taux", Genre.TEXTE, {"affichee": False}),
                ("taux", "Taux appliqué", Genre.TAUX),
                ("interets", "Intérêts", Genre.MONTANT, {"total": True}),
            ),
            lignes=tuple(
                (
                    x.mois,
                    x.echeance,
                    x.montant,
                    x.jours_retard,
                    x.reference.valeur if x.reference else None,
                    x.reference.mois if x.reference else None,
                    x.reference.provenance if x.reference else "",
                    x.taux,
                    x.interets,
                )
                for x in self.lignes
            ),
        )
        parts = Table(
            cle="parts",
            titre="Parts payées ou dues",
            colonnes=colonnes(
                ("mois", "Mois", Genre.MOIS),
                ("montant", "Montant", Genre.MONTANT),
                ("date_paiement", "Payée le", Genre.DATE),
                ("jours", "Jours de retard", Genre.ENTIER),
            ),
            lignes=tuple(
                (x.mois, p.montant, p.date_paiement, p.jours) for x in self.lignes for p in x.parts
            ),
        )
        return Document(
            titre=f"Intérêts de retard — {self.convention.nom}".rstrip(" —"),
            faits=faits(
                ("convention", "Convention", self.convention.nom, Genre.TEXTE),
                ("date_arrete", "Date d'arrêté", self.date_arrete, Genre.DATE),
                ("total_interets", "Total des intérêts", self.total_interets, Genre.MONTANT),
                ("total_a_facturer", "À facturer", self.total_a_facturer, Genre.MONTANT),
            ),
            tables=(acomptes, parts),
            hypotheses=self.convention.hypotheses,
        )


def _parts(acompte: Acompte, echeance: dt.date, date_arrete: dt.date | None) -> list[PartRetard]:
    parts = [
        PartRetard(montant=p.montant, date_paiement=p.date, jours=max(0, (p.date - echeance).days))
        for p in sorted(acompte.paiements, key=lambda p: p.date)
    ]
    reste = acompte.reste_du
    if reste > 0:
        if date_arrete is None:
            raise ErreurValeur(
                f"acompte {acompte.mois.strftime('%Y-%m')} : {reste} € restent impayés ; "
                "précisez la date d'arrêté des comptes pour compter leur retard",
                cle="date_arrete",
            )
        parts.append(
            PartRetard(
                montant=reste, date_paiement=None, jours=max(0, (date_arrete - echeance).days)
            )
        )
    return parts


@moteur
def calculer_interets_retard(
    convention: ConventionRsa,
    acomptes: Sequence[Acompte],
    *,
    taux_mensuels: SerieDatee | None = None,
    estr_mensuels: SerieDatee | None = None,
    date_arrete: dt.date | None = None,
) -> ResultatInterets:
    """Intérêts de retard de chaque acompte et leur total.

    ``taux_mensuels`` : moyennes mensuelles du taux de référence fournies (prioritaires), en
    série datée du premier de chaque mois ; ``estr_mensuels`` : moyennes mensuelles de l'€STR
    (substitution de l'EONIA après 2021) ;
    ``date_arrete`` : date à laquelle arrêter le retard des parts encore impayées.
    """
    mois_vus: set[dt.date] = set()
    lignes = []
    for acompte in sorted(acomptes, key=lambda a: a.mois):
        if acompte.mois in mois_vus:
            raise ErreurValeur(
                "acompte présent deux fois", cle="acomptes", valeur=acompte.mois.strftime("%Y-%m")
            )
        mois_vus.add(acompte.mois)
        echeance = date_echeance(convention, acompte.mois)
        parts = _parts(acompte, echeance, date_arrete)
        reference = taux = None
        interets = Decimal("0.00")
        if any(p.jours for p in parts):
            reference = taux_reference_du_mois(
                mois_de_reference(echeance),
                serie=convention.taux_reference,
                utilisateur=taux_mensuels,
                estr=estr_mensuels,
            )
            taux = reference.valeur + convention.majoration
            brut = sum((p.montant * taux * p.jours / convention.base_jours for p in parts), _ZERO)
            interets = arrondir(brut)
        lignes.append(
            LigneInterets(
                mois=acompte.mois,
                echeance=echeance,
                montant=acompte.montant,
                parts=tuple(parts),
                reference=reference,
                taux=taux,
                interets=interets,
            )
        )
    return ResultatInterets(convention=convention, lignes=tuple(lignes), date_arrete=date_arrete)
