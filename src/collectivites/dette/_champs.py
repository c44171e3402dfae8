"""Les 97 champs de l'élément ``EMPRUNT`` de l'annexe de la dette (``Annexes/DATA_EMPRUNT``),
d'après le schéma officiel DocumentBudgetaire version 95 (``Class_Emprunt.xsd``, type
``TEmprunt`` ; listes de codes dans ``CommunAnnexe.xsd``, types de base dans
``Simple_Type.xsd``).

Chaque champ a son nom XML, sa nature (comment lire sa valeur), son libellé et, pour les champs
les plus lus, le nom de l'attribut de :class:`~collectivites.dette.EmpruntAnnexe` qui le porte.
Les natures suivent les types de base du schéma :

- ``montant`` : ``Base_Montant`` (``xs:decimal``, 14 chiffres dont 2 décimales) ;
- ``duree`` : ``Base_Montant`` employé pour une durée en années (« À partir de 2013, indiquer la
  durée en années ») ;
- ``taux`` : ``Base_Pourcentage`` et ``Base_Pourcentage_3deci`` (un pourcentage : « 3.271 »
  se lit 3,271 %, gardé en fraction 0,03271 comme tous les taux de la bibliothèque) ;
- ``date`` : ``Base_Date`` (``xs:date``) ;
- ``annee`` : ``Base_Annee`` (``xs:gYear``) ; ``entier`` : ``Base_Num3`` ;
- ``booleen`` : ``Base_Booleen`` (``xs:boolean`` : true, false, 1, 0) ;
- ``code`` : une liste de codes ``AT…`` ; ``texte`` : ``Base_Texte…`` ;
- ``date_libre`` : ``DtEmission``, du texte dans le schéma, en pratique une date JJ/MM/AAAA ;
- ``taux_libre`` : ``TxMini``, ``TxMaxi``, ``TxApresCouv`` : du texte (« montant, index ou
  formule ») ; un nombre seul (« 1,5 ») y est lu comme un pourcentage.
"""

from __future__ import annotations

from typing import NamedTuple

__all__ = ["CHAMPS_V95", "Champ", "champ_v95"]


class Champ(NamedTuple):
    """Un champ de ``TEmprunt`` : nom XML, nature, libellé, attribut du modèle (ou ``""``)."""

    xml: str
    nature: str
    libelle: str
    attribut: str = ""


CHAMPS_V95: tuple[Champ, ...] = (
    Champ("CodTypEmpr", "code", "Code type d'emprunt", "code_type"),
    Champ("CodProfilAmort", "code", "Profil d'amortissement (contrat initial)", "profil"),
    Champ("CodProfilAmortDtVote", "code", "Profil d'amortissement (contrat en cours)"),
    Champ("ProfilAmort", "texte", "Désignation du profil (contrat initial)", "profil_libelle"),
    Champ("ProfilAmortDtVote", "texte", "Désignation du profil (contrat en cours)"),
    Champ("CodArticle", "texte", "Article", "article"),
    Champ("LibCpte", "texte", "Libellé de la ligne budgétaire"),
    Champ("AnEncaisse", "annee", "Année d'encaissement (mobilisation)", "annee_mobilisation"),
    Champ("ObjEmpr", "texte", "Objet de l'emprunt", "objet"),
    Champ("MtEmprOrig", "montant", "Montant de l'emprunt", "montant_initial"),
    Champ(
        "DureeRest", "duree", "Durée résiduelle en années (contrat en cours)", "duree_residuelle"
    ),
    Champ("DureeRestInit", "duree", "Durée résiduelle en années (contrat initial)"),
    Champ("DureeRestReneg", "duree", "Durée résiduelle en années (contrat renégocié)"),
    Champ("CodTypPreteur", "code", "Type de prêteur"),
    Champ("LibOrgaPreteur", "texte", "Organisme prêteur", "preteur_libelle"),
    Champ("CodPeriodRemb", "code", "Périodicité (contrat initial)", "periodicite"),
    Champ("CodPeriodRembDtVote", "code", "Périodicité (contrat en cours)"),
    Champ("CodPeriodRembReneg", "code", "Périodicité (contrat renégocié)"),
    Champ("CodTyptxInit", "code", "Type de taux (contrat initial)", "type_taux_initial"),
    Champ("CodTyptxDtVote", "code", "Type de taux (contrat en cours)", "type_taux"),
    Champ("IndexTxVariInit", "texte", "Index du taux variable (contrat initial)"),
    Champ("TxActuaInit", "taux", "Taux actuariel initial"),
    Champ("TxMargeInit", "taux", "Taux de marge initial"),
    Champ("IndexTxVariDtVote", "texte", "Index du taux variable (actuel)", "index_libelle"),
    Champ("TxActua", "taux", "Niveau de taux actuel", "taux_actuel"),
    Champ("IndiceEmpr", "texte", "Indice ou devise (contrat initial)"),
    Champ("IndiceEmprDtVote", "texte", "Indice ou devise (contrat en cours)"),
    Champ("MtIntExer", "montant", "Charges d'intérêt de l'exercice", "interets"),
    Champ(
        "MtCapitalExer", "montant", "Capital remboursé (CA) ou à rembourser", "capital_rembourse"
    ),
    Champ(
        "MtCapitalRestDu_01_01",
        "montant",
        "Capital restant dû au 1er janvier",
        "capital_restant_du_debut",
    ),
    Champ("MtICNE", "montant", "Intérêts courus non échus", "icne"),
    Champ(
        "MtCapitalRestDu_31_12",
        "montant",
        "Capital restant dû au 31 décembre",
        "capital_restant_du_fin",
    ),
    Champ("NomBenefEmprGaranti", "texte", "Bénéficiaire de l'emprunt garanti", "beneficiaire"),
    Champ("CodTypEmprGaranti", "code", "Type d'emprunt garanti", "type_garanti"),
    Champ("CodNatEmpr", "code", "Nature de l'emprunt"),
    Champ("DureeAnn", "duree", "Durée totale en années (contrat en cours)", "duree"),
    Champ("TotGarEchoirExer", "montant", "Ratio : annuités garanties à échoir dans l'exercice"),
    Champ("AnnuitNetDette", "montant", "Ratio : annuité nette de la dette de l'exercice"),
    Champ("ProvGarantiEmpr", "montant", "Ratio : provisions pour garanties d'emprunts"),
    Champ("RReelFon", "montant", "Ratio : recettes réelles de fonctionnement"),
    Champ("NumContrat", "texte", "Numéro de contrat", "numero_contrat"),
    Champ("PartGarantie", "taux", "Part garantie", "part_garantie"),
    Champ("Tot1Annuite", "montant", "Ratio : premières annuités des nouvelles garanties"),
    Champ("IndSousJacent", "code", "Indice sous-jacent (contrat initial)"),
    Champ("IndSousJacentDtVote", "code", "Indice sous-jacent (contrat en cours)", "sous_jacent"),
    Champ("Structure", "code", "Structure (contrat initial)"),
    Champ("StructureDtVote", "code", "Structure (contrat en cours)", "structure"),
    Champ("DtSignInit", "date", "Date de signature du contrat initial", "date_signature"),
    Champ("DtEmission", "date_libre", "Date d'émission ou de mobilisation", "date_emission"),
    Champ("Dt1RembInit", "date", "Date du premier remboursement", "date_premier_remboursement"),
    Champ("Txinit", "taux", "Taux d'intérêt initial", "taux_initial"),
    Champ("RtAnticipe", "booleen", "Remboursement anticipé possible"),
    Champ("CoutSortie", "texte", "Coût de sortie"),
    Champ("TypeSortie", "code", "Type de l'indemnité de remboursement anticipé"),
    Champ("MtSortie", "montant", "Indemnité de remboursement anticipé", "indemnite_sortie"),
    Champ("Couverture", "booleen", "Couverture"),
    Champ("MtCouvert", "montant", "Montant couvert"),
    Champ("MtCRDCouvert", "montant", "Capital restant dû couvert"),
    Champ("Renegocie", "booleen", "Renégocié dans l'exercice", "renegocie"),
    Champ(
        "DureeContratInit", "duree", "Durée totale en années (contrat initial)", "duree_initiale"
    ),
    Champ("DtPeriodeBonif", "texte", "Dates des périodes bonifiées"),
    Champ("TxMini", "taux_libre", "Taux minimal"),
    Champ("TxMaxi", "taux_libre", "Taux maximal"),
    Champ("TxApresCouv", "taux_libre", "Taux maximal après couverture"),
    Champ("MtInt778", "montant", "Intérêts reçus au titre du swap"),
    Champ("DtFinContr", "date", "Date de fin du contrat de prêt (couvert)"),
    Champ("LibOrgCoContr", "texte", "Co-contractant de la couverture"),
    Champ("TypCouv", "texte", "Type d'instrument de couverture"),
    Champ("NatCouv", "texte", "Nature de la couverture"),
    Champ("MtCouv", "montant", "Montant de la dette couverte"),
    Champ("DtDebCouv", "date", "Début du contrat de couverture"),
    Champ("DtFinCouv", "date", "Fin du contrat de couverture"),
    Champ("CodTypTxCouv", "code", "Type de taux de la couverture"),
    Champ("IndiceCouv", "texte", "Index de la couverture"),
    Champ("DtRegltCouv", "texte", "Dates de règlement de la couverture"),
    Champ("MtCommCouv", "montant", "Commissions de la couverture"),
    Champ("MtPrimePayeeCouv", "montant", "Primes payées (achat d'option)"),
    Champ("MPrimeRecueCouv", "montant", "Primes reçues (vente d'option)"),
    Champ("TxPaye", "taux", "Couverture : taux payé"),
    Champ("TxRecu", "taux", "Couverture : taux reçu"),
    Champ("MtCharges", "montant", "Couverture : charges depuis l'origine"),
    Champ("MtProduits", "montant", "Couverture : produits depuis l'origine"),
    Champ("IndSousJacentAvantCouv", "code", "Indice sous-jacent avant couverture"),
    Champ("StuctureAvantCouv", "code", "Structure avant couverture"),
    Champ("IndSousJacentApresCouv", "code", "Indice sous-jacent après couverture"),
    Champ("StuctureApresCouv", "code", "Structure après couverture"),
    Champ("DtReneg", "date", "Date de renégociation ou de refinancement"),
    Champ("DureeContratReneg", "entier", "Durée du contrat renégocié en mois"),
    Champ("CodTypTxReneg", "code", "Type de taux (contrat renégocié)"),
    Champ("IndexTxVariReneg", "texte", "Index du taux variable (contrat renégocié)"),
    Champ("TxActuaReneg", "taux", "Taux actuariel du contrat renégocié"),
    Champ("CodProfilAmortReneg", "code", "Profil d'amortissement (contrat renégocié)"),
    Champ("MtEmprReneg", "montant", "Montant du contrat renégocié"),
    Champ("MtCRDRefin", "montant", "Capital restant dû au refinancement"),
    Champ("MtCapitalReamenage", "montant", "Capital réaménagé"),
    Champ("Champ_Editeur", "texte", "Commentaire de l'éditeur"),
    Champ("NumContratCouv", "texte", "Numéro du contrat de couverture"),
)

_PAR_NOM = {c.xml: c for c in CHAMPS_V95}


def champ_v95(nom: str) -> Champ | None:
    """Le champ V95 de ce nom XML, ou ``None`` (champ d'une autre version, gardé brut)."""
    return _PAR_NOM.get(nom)
