"""Modèles d'un prêt de la Caisse des Dépôts : le Prêt, ses Lignes, ses garants.

Les caractéristiques d'une ligne sont celles que l'article 9 des contrats énumère
(« Caractéristiques financières de chaque Ligne du Prêt ») : montant, périodicité, index, marge,
taux d'intérêt, profil d'amortissement, modalité de révision, taux de progressivité et son
plancher, mode de calcul des intérêts, base de calcul, phase de préfinancement et différé
d'amortissement. Il n'y a pas de fongibilité entre les lignes (art. 2) : chacune a son tableau.

Chaque champ est vérifié à la construction : un ``float``, un ``Decimal`` infini, un montant
au-delà du centime ou un taux hors de ``[-10 %, 30 %]`` sont refusés par une erreur qui nomme le
champ.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import attrs

from collectivites._champs import (
    decimal_depuis_entier,
    decimal_optionnel_depuis_entier,
    en_tuple,
    v_date,
    v_decimal,
    v_entier,
    v_instance,
    v_montant,
    v_texte,
    v_tuple_de,
)
from collectivites._enum import EnumFr, decrire
from collectivites._moteur import somme
from collectivites.chargement._schema import cle_de_texte_valide
from collectivites.erreurs import ErreurValeur
from collectivites.presentation import Presentable

__all__ = [
    "TAUX_MAX",
    "TAUX_MIN",
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

#: Bornes d'un taux d'intérêt, d'un index ou d'une marge (fractions) : au-delà, c'est une erreur
#: de saisie (1,35 écrit pour 1,35 %), pas un prêt.
TAUX_MIN, TAUX_MAX = Decimal("-0.10"), Decimal("0.30")
#: Bornes d'un taux de progressivité.
PROGRESSIVITE_MIN, PROGRESSIVITE_MAX = Decimal("-0.10"), Decimal("0.10")
#: Plus grand montant d'une ligne (10 milliards d'euros).
MONTANT_MAX = Decimal("1e10")
#: Plus grand nombre d'échéances (cent ans de mensualités).
DUREE_MAX = 1200
#: Bornes de la constante C des prêts anciens (R = 1 + DT/C) : les arrêtés fixent 1,042, 1,048,
#: 1,0580… ; hors de [1 ; 1,5], c'est une erreur de saisie (4,8 écrit pour 1,048).
CONSTANTE_REVISION_MIN, CONSTANTE_REVISION_MAX = Decimal(1), Decimal("1.5")


class Periodicite(EnumFr):
    """Périodicité des échéances ; ``mois`` donne la durée d'une période."""

    ANNUELLE = "annuelle"
    SEMESTRIELLE = "semestrielle"
    TRIMESTRIELLE = "trimestrielle"
    MENSUELLE = "mensuelle"

    @property
    def mois(self) -> int:
        return _MOIS[self]


_MOIS = {"annuelle": 12, "semestrielle": 6, "trimestrielle": 3, "mensuelle": 1}


class Profil(EnumFr):
    """Profil d'amortissement (art. 12 des contrats)."""

    AMORTISSEMENT_DEDUIT_INTERETS_DIFFERES = "amortissement_deduit_interets_differes"
    AMORTISSEMENT_DEDUIT_INTERETS_PRIORITAIRES = "amortissement_deduit_interets_prioritaires"
    AMORTISSEMENT_PRIORITAIRE = "amortissement_prioritaire"


class Revision(EnumFr):
    """Modalité de révision (art. 10) : simple (SR), double (DR), double limitée (DL), ou fixe."""

    SR = "SR"
    DR = "DR"
    DL = "DL"
    FIXE = "fixe"


class ModeCalcul(EnumFr):
    """Mode de calcul des intérêts : équivalent (actuariel) ou proportionnel."""

    EQUIVALENT = "equivalent"
    PROPORTIONNEL = "proportionnel"


class BaseCalcul(EnumFr):
    """Base de calcul des intérêts : 30/360 (art. 11) ou nombre exact de jours sur 365."""

    TRENTE_360 = "30/360"
    EXACT = "exact"


class ReglementPrefinancement(EnumFr):
    """Règlement des intérêts de préfinancement (art. 11) : payés à la fin du préfinancement,
    ou capitalisés (ajoutés au capital de la ligne)."""

    PAIEMENT = "paiement"
    CAPITALISATION = "capitalisation"


decrire(
    Periodicite,
    {
        "annuelle": "annuelle",
        "semestrielle": "semestrielle",
        "trimestrielle": "trimestrielle",
        "mensuelle": "mensuelle",
    },
)
decrire(
    Profil,
    {
        "amortissement_deduit_interets_differes": "amortissement déduit (intérêts différés)",
        "amortissement_deduit_interets_prioritaires": (
            "amortissement déduit (intérêts prioritaires)"
        ),
        "amortissement_prioritaire": "amortissement prioritaire",
    },
)
decrire(
    Revision,
    {
        "SR": "simple révisabilité",
        "DR": "double révisabilité",
        "DL": "double révisabilité limitée",
        "fixe": "taux fixe",
    },
)
decrire(ModeCalcul, {"equivalent": "équivalent", "proportionnel": "proportionnel"})
decrire(BaseCalcul, {"30/360": "30/360", "exact": "jours exacts sur 365"})
decrire(ReglementPrefinancement, {"paiement": "payés", "capitalisation": "capitalisés"})

_V_TAUX = v_decimal(minimum=TAUX_MIN, maximum=TAUX_MAX)


@attrs.frozen(kw_only=True)
class Prefinancement:
    """Phase de préfinancement (3 à 24 mois, art. 9) et règlement de ses intérêts.

    ``taux`` : taux de préfinancement à la Date d'Effet (par défaut, celui de la ligne).
    """

    duree_mois: int = attrs.field(validator=v_entier(minimum=3, maximum=24))
    taux: Decimal | None = attrs.field(
        default=None, validator=v_decimal(minimum=TAUX_MIN, maximum=TAUX_MAX, optionnel=True)
    )
    reglement: ReglementPrefinancement = attrs.field(
        default=ReglementPrefinancement.PAIEMENT, converter=ReglementPrefinancement
    )

    def __attrs_post_init__(self) -> None:
        if self.reglement is ReglementPrefinancement.CAPITALISATION and self.duree_mois < 12:
            raise ErreurValeur(
                "la capitalisation des intérêts de préfinancement exige un préfinancement d'au "
                "moins 12 mois (art. 11)",
                cle="duree_mois",
                valeur=self.duree_mois,
                attendu="12 mois ou plus",
            )


@attrs.frozen(kw_only=True)
class Versement:
    """Un versement des fonds d'une ligne (date de valeur, montant > 0)."""

    date: dt.date = attrs.field(validator=v_date())
    montant: Decimal = attrs.field(
        converter=decimal_depuis_entier, validator=v_montant(positif=True, nul_permis=False)
    )


@attrs.frozen(kw_only=True)
class Garant:
    """Un garant et sa quotité (art. 16), fraction de 0 (exclu) à 1."""

    nom: str = attrs.field(validator=v_texte(vide=False))
    quotite: Decimal = attrs.field(
        validator=v_decimal(minimum=Decimal(0), maximum=Decimal(1), strict=True)
    )


def _garants_valides(cle: str, garants: tuple[Garant, ...]) -> None:
    if not garants:
        return
    total = somme((g.quotite for g in garants), Decimal(0))
    if total != 1:
        raise ErreurValeur(
            "les quotités garanties ne totalisent pas 100 %",
            cle=cle,
            valeur=f"{total * 100} %",
            attendu="100 %",
        )
    noms = [cle_de_texte_valide(g.nom) for g in garants]
    if len(set(noms)) != len(noms):
        double = next(garants[rang].nom for rang, n in enumerate(noms) if noms.count(n) > 1)
        raise ErreurValeur("garant présent deux fois", cle=cle, valeur=double)


@attrs.frozen(kw_only=True)
class LigneDePret(Presentable):
    """Une Ligne du Prêt et ses caractéristiques financières (art. 9).

    ``duree`` est le nombre d'échéances de la phase d'amortissement (différé compris).
    ``taux_interet`` est le taux actuariel annuel à la Date d'Effet ; il vaut la valeur de
    l'index de référence plus la marge (art. 10).

    ``constante_revision`` : la constante C des prêts aidés anciens, révisés par R = 1 + DT/C,
    I' = (1 + I) R − 1 (au moins 0) et P' = (1 + P) R − 1, C étant fixée par l'arrêté du prêt
    (1,0580 pour les prêts locatifs aidés de l'arrêté du 13 mars 1979, art. 13 ; 1,048 pour ceux
    de l'arrêté du 20 février 1996, NOR LOGC9600012A, art. 6). Sans elle (contrats actuels de la
    CDC, art. 10) : R = 1 + DT/(1 + I), soit I' = I + DT.
    """

    identifiant: str = attrs.field(default="", validator=v_texte(longueur_max=60))
    contrat: str = attrs.field(default="", validator=v_texte(longueur_max=60))
    produit: str = attrs.field(default="", validator=v_texte())
    emprunteur: str = attrs.field(default="", validator=v_texte())
    montant: Decimal = attrs.field(
        converter=decimal_depuis_entier, validator=v_montant(positif=True, nul_permis=False)
    )
    date_effet: dt.date | None = attrs.field(default=None, validator=v_date(optionnel=True))
    date_debut_amortissement: dt.date | None = attrs.field(
        default=None, validator=v_date(optionnel=True)
    )
    duree: int = attrs.field(validator=v_entier(minimum=1, maximum=DUREE_MAX))
    periodicite: Periodicite = attrs.field(converter=Periodicite)
    index: str = attrs.field(validator=v_texte(vide=False, longueur_max=60))
    valeur_index_reference: Decimal = attrs.field(
        converter=decimal_depuis_entier, validator=_V_TAUX
    )
    marge: Decimal = attrs.field(converter=decimal_depuis_entier, validator=_V_TAUX)
    taux_interet: Decimal = attrs.field(converter=decimal_depuis_entier, validator=_V_TAUX)
    profil: Profil = attrs.field(converter=Profil)
    revision: Revision = attrs.field(converter=Revision)
    taux_progressivite: Decimal = attrs.field(
        default=Decimal(0),
        converter=decimal_depuis_entier,
        validator=v_decimal(minimum=PROGRESSIVITE_MIN, maximum=PROGRESSIVITE_MAX),
    )
    taux_plancher_progressivite: Decimal | None = attrs.field(
        default=None,
        converter=decimal_optionnel_depuis_entier,
        validator=v_decimal(minimum=PROGRESSIVITE_MIN, maximum=PROGRESSIVITE_MAX, optionnel=True),
    )
    mode_calcul_interets: ModeCalcul = attrs.field(
        default=ModeCalcul.EQUIVALENT, converter=ModeCalcul
    )
    base_calcul: BaseCalcul = attrs.field(default=BaseCalcul.TRENTE_360, converter=BaseCalcul)
    prefinancement: Prefinancement | None = attrs.field(
        default=None, validator=v_instance(Prefinancement, optionnel=True)
    )
    differe_amortissement_mois: int = attrs.field(
        default=0, validator=v_entier(minimum=0, maximum=24)
    )
    differe_capitalise: bool = attrs.field(default=False, validator=v_instance(bool))
    constante_revision: Decimal | None = attrs.field(
        default=None,
        converter=decimal_optionnel_depuis_entier,
        validator=v_decimal(
            minimum=CONSTANTE_REVISION_MIN, maximum=CONSTANTE_REVISION_MAX, optionnel=True
        ),
    )
    versements: tuple[Versement, ...] = attrs.field(
        default=(), converter=en_tuple, validator=v_tuple_de(Versement)
    )
    garants: tuple[Garant, ...] = attrs.field(
        default=(), converter=en_tuple, validator=v_tuple_de(Garant)
    )

    def __attrs_post_init__(self) -> None:
        if self.date_debut_amortissement is None and self.date_effet is None:
            raise ErreurValeur(
                "il faut la date de début d'amortissement ou la date d'effet pour dater les "
                "échéances",
                cle="date_debut_amortissement",
            )
        attendu = somme((self.valeur_index_reference, self.marge), Decimal(0))
        if self.taux_interet != attendu:
            raise ErreurValeur(
                "taux d'intérêt incohérent avec l'index de référence plus la marge (art. 10)",
                cle="taux_interet",
                valeur=f"{self.taux_interet * 100} %",
                attendu=f"{self.valeur_index_reference * 100} % + {self.marge * 100} % = "
                f"{attendu * 100} %",
            )
        self._verifier_progressivite()
        self._verifier_differe()
        if self.constante_revision is not None and self.revision not in {Revision.DR, Revision.DL}:
            raise ErreurValeur(
                "la constante de révision des prêts anciens (R = 1 + DT/C) ne vaut que pour une "
                "double révisabilité (DR ou DL)",
                cle="constante_revision",
                valeur=self.constante_revision,
                attendu="revision = DR ou DL",
            )
        _garants_valides("garants", self.garants)
        verse = somme(v.montant for v in self.versements)
        if verse > self.montant:
            raise ErreurValeur(
                "les versements dépassent le montant de la ligne, qui « ne pourra en aucun cas "
                "être dépassé » (art. 2)",
                cle="versements",
                valeur=verse,
                attendu=f"au plus {self.montant}",
            )
        dates = [v.date for v in self.versements]
        if dates != sorted(dates) or len(set(dates)) != len(dates):
            raise ErreurValeur(
                "les versements doivent être datés dans l'ordre, un par date", cle="versements"
            )

    def _verifier_progressivite(self) -> None:
        plancher = self.taux_plancher_progressivite
        if plancher is not None and self.taux_progressivite < plancher:
            raise ErreurValeur(
                "« le taux de progressivité des échéances ne peut être inférieur à son taux "
                "plancher » (art. 9)",
                cle="taux_progressivite",
                valeur=f"{self.taux_progressivite * 100} %",
                attendu=f"au moins {plancher * 100} %",
            )

    def _verifier_differe(self) -> None:
        if self.differe_amortissement_mois % self.periodicite.mois:
            raise ErreurValeur(
                "le différé d'amortissement doit être un multiple de la période",
                cle="differe_amortissement_mois",
                valeur=self.differe_amortissement_mois,
                attendu=f"un multiple de {self.periodicite.mois} mois",
            )
        if self.periodes_differe >= self.duree:
            raise ErreurValeur(
                "le différé d'amortissement doit laisser au moins une échéance d'amortissement",
                cle="differe_amortissement_mois",
                valeur=self.differe_amortissement_mois,
            )
        if self.differe_capitalise and not self.differe_amortissement_mois:
            raise ErreurValeur(
                "« différé capitalisé » sans différé d'amortissement : l'option ne ferait rien",
                cle="differe_capitalise",
            )

    @property
    def capital_verse(self) -> Decimal:
        """Capital de la ligne : la somme des versements s'ils sont donnés (art. 8 : le montant
        « sera réduit d'office à hauteur des sommes effectivement versées »), sinon le montant."""
        if not self.versements:
            return self.montant
        return somme(v.montant for v in self.versements)

    @property
    def periodes_differe(self) -> int:
        """Nombre d'échéances du différé d'amortissement (intérêts seuls)."""
        return self.differe_amortissement_mois // self.periodicite.mois

    @property
    def nom(self) -> str:
        """« ligne 5165325 » (ou le produit, à défaut d'identifiant)."""
        return f"ligne {self.identifiant}" if self.identifiant else (self.produit or "ligne")


@attrs.frozen(kw_only=True)
class Pret(Presentable):
    """Un contrat de prêt : ses lignes (sans fongibilité) et ses garants."""

    numero: str = attrs.field(default="", validator=v_texte(longueur_max=60))
    emprunteur: str = attrs.field(default="", validator=v_texte())
    lignes: tuple[LigneDePret, ...] = attrs.field(
        converter=en_tuple, validator=v_tuple_de(LigneDePret)
    )
    garants: tuple[Garant, ...] = attrs.field(
        default=(), converter=en_tuple, validator=v_tuple_de(Garant)
    )
    source: str = attrs.field(default="", validator=v_texte(longueur_max=2000))
    hypotheses: tuple[str, ...] = attrs.field(
        default=(), converter=en_tuple, validator=v_tuple_de(str)
    )

    def __attrs_post_init__(self) -> None:
        if not self.lignes:
            raise ErreurValeur("un prêt doit comporter au moins une ligne", cle="lignes")
        identifiants = [cle_de_texte_valide(x.identifiant) for x in self.lignes if x.identifiant]
        if len(set(identifiants)) != len(identifiants):
            double = next(i for i in identifiants if identifiants.count(i) > 1)
            raise ErreurValeur(
                "deux lignes du prêt portent le même identifiant", cle="lignes", valeur=double
            )
        _garants_valides("garants", self.garants)

    @property
    def montant(self) -> Decimal:
        """Montant total du prêt (somme des lignes)."""
        return somme(ligne.montant for ligne in self.lignes)

    def ligne(self, identifiant: str) -> LigneDePret:
        """La ligne ``identifiant`` (erreur qui liste les lignes sinon). Un identifiant vide
        est refusé, même si une ligne n'en a pas : il ne désigne rien."""
        connues = ", ".join(x.identifiant for x in self.lignes if x.identifiant)
        attendu = connues or "aucun : les lignes de ce prêt n'ont pas d'identifiant"
        if not isinstance(identifiant, str) or not identifiant.strip():
            raise ErreurValeur(
                "identifiant de ligne vide", cle="ligne", valeur=identifiant, attendu=attendu
            )
        for ligne in self.lignes:
            if ligne.identifiant == identifiant:
                return ligne
        raise ErreurValeur(
            "ligne absente du prêt", cle="ligne", valeur=identifiant, attendu=attendu
        )
