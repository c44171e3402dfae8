"""Délais de paiement et intérêts moratoires de la commande publique : les règles chiffrées des
textes, la catégorie d'acheteur et la demande de paiement (une facture ou un mandat).

Textes (Code de la commande publique, sauf mention contraire) :

* L2192-10 : les sommes dues en principal sont payées dans le délai prévu par le marché ou, à
  défaut, dans le délai réglementaire, que le marché ne peut dépasser ;
* R2192-10 : trente jours (État, collectivités territoriales et leurs établissements publics) ;
  R2192-11 : cinquante jours pour les établissements publics de santé et ceux du service de santé
  des armées, soixante jours pour les entreprises publiques (ordonnance n° 2004-503) ;
* R2192-12 : le délai court de la réception de la demande de paiement ; « lorsque la date de
  réception de la demande de paiement est incertaine ou antérieure à la date d'exécution des
  prestations, le délai de paiement court à compter de la date d'exécution des prestations » ;
* R2192-14 : à défaut de date constatée, « la date de la demande de paiement augmentée de deux
  jours fait foi » ;
* R2192-27 à R2192-29 : le délai peut être interrompu une seule fois (demande incomplète) ; à la
  réception de la totalité des pièces, « un nouveau délai de paiement est ouvert. Ce délai est de
  trente jours ou égal au solde restant à courir à la date de réception de la notification de
  l'interruption si ce solde est supérieur à trente jours » ;
* L2192-13 : dès le lendemain de l'expiration du délai, le retard fait courir de plein droit des
  intérêts moratoires et une indemnité forfaitaire pour frais de recouvrement, complétée sur
  justification quand les frais exposés la dépassent ;
* R2192-31 : taux = taux des opérations principales de refinancement de la BCE en vigueur au
  premier jour du semestre de l'année civile au cours duquel les intérêts ont commencé à courir,
  majoré de huit points de pourcentage ;
* D2192-35 : indemnité forfaitaire de 40 euros ;
* R2192-36 : intérêts et indemnité sont payés dans les quarante-cinq jours suivant la mise en
  paiement du principal ;
* décret n° 2013-269 du 29 mars 2013, art. 12 et 13 : le comptable public (autre personne morale
  que l'ordonnateur) dispose de dix jours (quinze pour les établissements publics de santé) à
  compter de la réception de l'ordre de payer (à défaut, sa date augmentée de deux jours).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import attrs

from collectivites._champs import v_date, v_entier, v_montant, v_texte
from collectivites._enum import EnumFr, decrire
from collectivites.erreurs import ErreurValeur

__all__ = [
    "DELAI_PAIEMENT_INTERETS",
    "INDEMNITE_FORFAITAIRE",
    "JOURS_ANNEE",
    "JOURS_PRESOMPTION",
    "MAJORATION",
    "NOUVEAU_DELAI_INTERRUPTION",
    "CategorieAcheteur",
    "Facture",
]


class CategorieAcheteur(EnumFr):
    """La catégorie d'acheteur, qui fixe le délai de paiement (R2192-10, R2192-11)."""

    COLLECTIVITE = "collectivite"
    ETAT = "etat"
    SANTE = "sante"
    ENTREPRISE_PUBLIQUE = "entreprise_publique"

    @property
    def delai_jours(self) -> int:
        """Le délai réglementaire, en jours (R2192-10 ; R2192-11, 1° et 2°)."""
        return _DELAIS[self][0]

    @property
    def delai_comptable(self) -> int | None:
        """Le délai du comptable public, en jours, quand l'ordonnateur et le comptable relèvent
        de personnes morales différentes (décret n° 2013-269, art. 12) ; ``None`` sinon."""
        return _DELAIS[self][1]

    @property
    def article(self) -> str:
        return _DELAIS[self][2]


#: (délai global, délai du comptable, article) par catégorie.
_DELAIS: dict[CategorieAcheteur, tuple[int, int | None, str]] = {
    CategorieAcheteur.COLLECTIVITE: (30, 10, "R2192-10"),
    CategorieAcheteur.ETAT: (30, None, "R2192-10"),
    CategorieAcheteur.SANTE: (50, 15, "R2192-11, 1°"),
    CategorieAcheteur.ENTREPRISE_PUBLIQUE: (60, None, "R2192-11, 2°"),
}

decrire(
    CategorieAcheteur,
    {
        "collectivite": "collectivité territoriale ou établissement public local (30 jours)",
        "etat": "État ou établissement public national non industriel et commercial (30 jours)",
        "sante": "établissement public de santé ou du service de santé des armées (50 jours)",
        "entreprise_publique": "entreprise publique (60 jours)",
    },
    {"commune": "collectivite", "departement": "collectivite", "region": "collectivite"},
)

#: Nouveau délai ouvert après une interruption, au moins (R2192-29).
NOUVEAU_DELAI_INTERRUPTION = 30
#: Majoration du taux de la BCE : huit points de pourcentage (R2192-31).
MAJORATION = Decimal("0.08")
#: Indemnité forfaitaire pour frais de recouvrement (D2192-35).
INDEMNITE_FORFAITAIRE = Decimal("40.00")
#: Délai de paiement des intérêts et de l'indemnité après la mise en paiement (R2192-36).
DELAI_PAIEMENT_INTERETS = 45
#: Jours ajoutés à la date d'une demande (R2192-14) ou d'un ordre de payer (décret n° 2013-269,
#: art. 13) quand sa réception n'est pas constatée.
JOURS_PRESOMPTION = 2
#: Base des intérêts : jours exacts sur 365 (voir « Interprétations » dans la documentation).
JOURS_ANNEE = 365

_V_MONTANT = v_montant(positif=True, nul_permis=False)


@attrs.frozen(kw_only=True)
class Facture:
    """Une demande de paiement (facture, situation, mandat) et ce qu'il en est advenu.

    ``montant`` : la somme due en principal (TTC, telle que mandatée), base des intérêts.
    ``date_reception`` : réception de la demande constatée par l'acheteur ; à défaut,
    ``date_demande`` (sa date) augmentée de deux jours (R2192-14). ``date_service_fait`` :
    exécution des prestations, point de départ quand elle est postérieure (R2192-12).
    ``interruption_debut`` / ``interruption_fin`` : réception par le créancier de la
    notification de l'interruption, puis réception par l'acheteur de toutes les pièces
    (R2192-27 à R2192-29). ``date_reception_mandat`` : réception de l'ordre de payer par le
    comptable (partage des jours de retard, décret n° 2013-269, art. 12 et 13).
    ``date_paiement_interets`` : mise en paiement des intérêts, s'ils l'ont été au-delà des
    quarante-cinq jours de R2192-36. ``frais_recouvrement`` : frais exposés et justifiés.
    ``delai_jours`` : délai stipulé par le marché, au plus le délai réglementaire (L2192-10).
    """

    numero: str = attrs.field(validator=v_texte(vide=False, longueur_max=200))
    montant: Decimal = attrs.field(validator=_V_MONTANT)
    date_mise_en_paiement: dt.date = attrs.field(validator=v_date())
    fournisseur: str = attrs.field(default="", validator=v_texte(longueur_max=500))
    date_reception: dt.date | None = attrs.field(default=None, validator=v_date(optionnel=True))
    date_demande: dt.date | None = attrs.field(default=None, validator=v_date(optionnel=True))
    date_service_fait: dt.date | None = attrs.field(default=None, validator=v_date(optionnel=True))
    interruption_debut: dt.date | None = attrs.field(default=None, validator=v_date(optionnel=True))
    interruption_fin: dt.date | None = attrs.field(default=None, validator=v_date(optionnel=True))
    categorie: CategorieAcheteur = attrs.field(
        default=CategorieAcheteur.COLLECTIVITE, converter=CategorieAcheteur
    )
    delai_jours: int | None = attrs.field(
        default=None, validator=v_entier(minimum=1, maximum=60, optionnel=True)
    )
    date_reception_mandat: dt.date | None = attrs.field(
        default=None, validator=v_date(optionnel=True)
    )
    date_paiement_interets: dt.date | None = attrs.field(
        default=None, validator=v_date(optionnel=True)
    )
    frais_recouvrement: Decimal | None = attrs.field(
        default=None, validator=v_montant(positif=True, optionnel=True)
    )

    def __attrs_post_init__(self) -> None:
        if self.date_reception is None and self.date_demande is None:
            raise ErreurValeur(
                "date de réception de la demande de paiement absente",
                cle="date_reception",
                attendu="la date de réception constatée, ou la date de la demande "
                "(« date_demande », augmentée de deux jours : R2192-14)",
            )
        if (self.interruption_debut is None) != (self.interruption_fin is None):
            raise ErreurValeur(
                "une interruption a un début et une fin",
                cle="interruption_fin" if self.interruption_fin is None else "interruption_debut",
                attendu="les deux dates, ou aucune",
            )
        if self.delai_jours is not None and self.delai_jours > self.categorie.delai_jours:
            raise ErreurValeur(
                "le délai stipulé dépasse le délai réglementaire (L2192-10)",
                cle="delai_jours",
                valeur=self.delai_jours,
                attendu=f"au plus {self.categorie.delai_jours} jours ({self.categorie.article})",
            )

    @property
    def reception(self) -> dt.date:
        """La réception retenue : constatée, ou date de la demande + 2 jours (R2192-14)."""
        if self.date_reception is not None:
            return self.date_reception
        assert self.date_demande is not None
        return self.date_demande + dt.timedelta(days=JOURS_PRESOMPTION)

    @property
    def delai(self) -> int:
        """Le délai applicable, en jours."""
        return self.delai_jours or self.categorie.delai_jours
