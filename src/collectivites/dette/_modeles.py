"""Le document budgétaire lu et les emprunts de son annexe de la dette."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import attrs

__all__ = [
    "CATEGORIES",
    "NATURES_DOCUMENT",
    "TYPES_EMPRUNT",
    "DocumentBudgetaire",
    "EmpruntAnnexe",
]

#: ``CodTypEmpr`` (liste ``ATCodTypEmprunt`` du schéma V95, ``CommunAnnexe.xsd``) → catégorie de
#: la bibliothèque et libellé du schéma. « propre » : la dette de la collectivité ; « garanti » :
#: un emprunt d'un tiers que la collectivité garantit ; « ratio » : la ligne unique des éléments
#: du ratio (ce n'est pas un emprunt). Les codes 03 et 04 n'existent pas.
TYPES_EMPRUNT: dict[str, tuple[str, str]] = {
    "01": ("propre", "Normal"),
    "02": ("propre", "Emprunt pour autres organismes"),
    "05": ("propre", "Emprunt normal de refinancement"),
    "06": ("propre", "Emprunt normal refinancé"),
    "07": ("propre", "Emprunt d'un autre organisme de refinancement (abandonné en 2013)"),
    "08": ("propre", "Emprunt d'un autre organisme refinancé (abandonné en 2013)"),
    "09": ("garanti", "Emprunt garanti"),
    "10": ("ratio", "Éléments pour ratio"),
    "11": ("propre", "Emprunt obligataire (commenté dans le schéma V95)"),
}
#: Les catégories d'emprunts d'un document.
CATEGORIES = ("propre", "garanti")

#: ``NatDec`` (``TNatDec``, ``CommunBudget.xsd`` ; 10 : compte financier unique, hors V95).
NATURES_DOCUMENT: dict[str, str] = {
    "01": "budget primitif",
    "02": "décision modificative",
    "03": "budget supplémentaire",
    "09": "compte administratif",
    "10": "compte financier unique",
}


@attrs.frozen(kw_only=True)
class EmpruntAnnexe:
    """Un emprunt de l'annexe ``DATA_EMPRUNT`` : les champs les plus lus en attributs typés,
    tous les champs V95 présents dans :attr:`champs` (nom XML → valeur typée) et les champs
    inconnus du schéma V95 dans :attr:`autres` (nom XML → texte brut).

    ``rang`` : la position de l'élément dans ``DATA_EMPRUNT`` (1 pour le premier), celle que
    citent les messages (``DATA_EMPRUNT/EMPRUNT[12]/MtIntExer``). Les taux sont des fractions
    (« 3.271 » dans le fichier → ``Decimal('0.03271')``) ; les durées, des années.
    """

    rang: int
    categorie: str
    code_type: str
    # Identité
    numero_contrat: str | None = None
    objet: str | None = None
    article: str | None = None
    preteur: str = ""
    preteur_libelle: str | None = None
    beneficiaire: str | None = None
    type_garanti: str | None = None
    part_garantie: Decimal | None = None
    # Montants de l'exercice
    montant_initial: Decimal | None = None
    capital_restant_du_debut: Decimal | None = None
    capital_rembourse: Decimal | None = None
    interets: Decimal | None = None
    icne: Decimal | None = None
    capital_restant_du_fin: Decimal | None = None
    indemnite_sortie: Decimal | None = None
    # Caractéristiques
    index: str = ""
    marge: Decimal | None = None
    index_libelle: str | None = None
    taux_actuel: Decimal | None = None
    taux_initial: Decimal | None = None
    type_taux: str | None = None
    type_taux_initial: str | None = None
    profil: str | None = None
    profil_libelle: str | None = None
    periodicite: str | None = None
    structure: str | None = None
    sous_jacent: str | None = None
    duree: Decimal | None = None
    duree_initiale: Decimal | None = None
    duree_residuelle: Decimal | None = None
    annee_mobilisation: int | None = None
    date_signature: dt.date | None = None
    date_emission: dt.date | None = None
    date_premier_remboursement: dt.date | None = None
    renegocie: bool | None = None
    # Tout le reste
    champs: tuple[tuple[str, Any], ...] = ()
    autres: tuple[tuple[str, str], ...] = ()
    calcule: bool = False

    def champ(self, nom: str, defaut: Any = None) -> Any:
        """La valeur typée du champ XML ``nom`` (``defaut`` s'il est absent)."""
        for cle, valeur in self.champs:
            if cle == nom:
                return valeur
        return defaut

    @property
    def chemin(self) -> str:
        """Le chemin de l'élément dans le fichier : ``DATA_EMPRUNT/EMPRUNT[12]``."""
        return f"DATA_EMPRUNT/EMPRUNT[{self.rang}]"

    @property
    def nom(self) -> str:
        """Ce qui désigne l'emprunt dans un message : son numéro de contrat, sinon son rang."""
        return self.numero_contrat or self.chemin

    @property
    def gissler(self) -> str:
        """La classe de la charte de bonne conduite (« 1A »…), contrat en cours ; ``""`` si le
        fichier ne la donne pas."""
        if self.structure and self.sous_jacent:
            return f"{self.sous_jacent}{self.structure}"
        return ""


@attrs.frozen(kw_only=True)
class DocumentBudgetaire:
    """Un document budgétaire (format TOTEM) réduit à ce que lisent les moteurs de la dette :
    la collectivité, l'exercice, la nature du document et l'annexe de la dette.

    ``emprunts`` : les emprunts propres et garantis, dans l'ordre du fichier (la ligne des
    éléments du ratio, ``CodTypEmpr`` 10, et les lignes calculées par l'éditeur,
    ``calculated="true"``, n'en sont pas) ; ``elements_ratio`` : les champs de la ligne 10 ;
    ``notes`` : ce que la lecture a toléré (fichier imparfait) et dit.
    """

    collectivite: str
    siret: str | None = None
    departement: str | None = None
    nature_collectivite: str | None = None
    budget: str | None = None
    code_insee: str | None = None
    exercice: int | None = None
    nature: str | None = None
    nomenclature: str | None = None
    version_schema: str | None = None
    enveloppe: str = "DocumentBudgetaire"
    emprunts: tuple[EmpruntAnnexe, ...] = ()
    elements_ratio: tuple[tuple[str, Decimal], ...] = ()
    lignes_calculees: int = 0
    lignes_ignorees: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    source: str = ""

    @property
    def nature_libelle(self) -> str:
        """« compte administratif »…"""
        return NATURES_DOCUMENT.get(self.nature or "", f"nature {self.nature or 'inconnue'}")

    @property
    def est_compte(self) -> bool:
        """Vrai pour un compte (administratif ou financier unique) : les montants de l'exercice
        sont réalisés, non prévus."""
        return self.nature in ("09", "10")

    def par_categorie(self, categorie: str) -> tuple[EmpruntAnnexe, ...]:
        """Les emprunts ``propre`` ou ``garanti``."""
        return tuple(e for e in self.emprunts if e.categorie == categorie)

    @property
    def categorie_collectivite(self) -> str:
        """``commune``, ``departement`` ou ``region`` d'après ``NatCEPL`` et la nomenclature
        (les articles du CGCT cités en dépendent) ; ``commune`` par défaut (établissements
        publics de coopération et syndicats suivent les règles des communes, CGCT L5111-4)."""
        texte = f"{self.nature_collectivite or ''} {self.nomenclature or ''}".lower()
        if "partement" in texte or "m52" in texte:
            return "departement"
        if "gion" in texte or "m71" in texte:
            return "region"
        return "commune"

    @property
    def ratio_garanties(self) -> Any:
        """Le ratio de plafonnement des garanties calculé avec les éléments du fichier (ligne
        ``CodTypEmpr`` 10 ; voir :func:`collectivites.dette.ratio_garanties`), ou ``None`` si le
        fichier n'a pas cette ligne, pas de recettes réelles de fonctionnement, ou ni annuité
        nette de la dette ni annuités garanties (un compte administratif ne porte parfois que les
        recettes, « pour mémoire »). Un élément absent parmi les autres compte pour zéro."""
        recettes = self.element_ratio("RReelFon")
        if recettes is None or recettes <= 0:
            return None
        if all(self.element_ratio(n) is None for n in ("AnnuitNetDette", "TotGarEchoirExer")):
            return None  # « pour mémoire » seulement : recettes sans charges à leur opposer
        from collectivites.dette._garanties import ElementsRatio, ratio_garanties
        from collectivites.dette._garanties_regles import Collectivite

        def element(nom: str) -> Decimal:
            valeur = self.element_ratio(nom)
            return Decimal("0.00") if valeur is None else valeur

        elements = ElementsRatio(
            recettes_reelles_fonctionnement=recettes,
            annuite_nette_dette=element("AnnuitNetDette"),
            annuites_garanties_a_echoir=element("TotGarEchoirExer"),
            premiere_annuite_nouveaux=element("Tot1Annuite"),
            provisions=element("ProvGarantiEmpr"),
        )
        return ratio_garanties(elements, collectivite=Collectivite(self.categorie_collectivite))

    def element_ratio(self, nom: str) -> Decimal | None:
        """Un élément du ratio (``RReelFon``, ``AnnuitNetDette``…), ``None`` s'il manque."""
        for cle, valeur in self.elements_ratio:
            if cle == nom:
                return valeur
        return None
