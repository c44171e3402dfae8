"""Tests de mutation de ``collectivites.dette._garanties_presentation`` : le calcul du ratio
poste par poste et les trois contrôles d'une garantie, avec les arrondis d'affichage (charge au
centime supérieur, limite et marge au centime inférieur) vérifiés sur des demi-centimes.

Cas d'école de ``test_garanties`` : recettes réelles 1 000 000,00, annuité nette 300 000,00,
annuités garanties à échoir 150 000,00, provisions 20 000,00 : charge 430 000,00, plafond
500 000,00. Une annuité de 80 000,01 garantie à 50 % : part garantie 40 000,005 (affichée
40 000,01) ; charge 470 000,005 (affichée 470 000,01) ; marge 29 999,995 (affichée 29 999,99) ;
division : limite 10 % × 220 000 = 22 000,00, marge −18 000,005 (affichée −18 000,01),
dépassement 18 000,005 (affiché 18 000,01)."""

from __future__ import annotations

from decimal import Decimal

from collectivites.dette._garanties import (
    ElementsRatio,
    ratio_garanties,
    verifier_garantie,
)
from collectivites.tables import Genre

from .test_garanties import ECOLE

D = Decimal
NNBSP = "\u202f"
ARRONDIS = (
    "Affichage : charges au centime supérieur, limites et marges au centime inférieur, ratio au "
    "centième de point supérieur ; les comparaisons se font sur les montants exacts."
)


def test_calcul_du_ratio_poste_par_poste() -> None:
    document = ratio_garanties(ECOLE).decrire()
    table = document.table("calcul")
    assert table.titre == "Calcul du ratio des garanties d'emprunt"
    assert [(c.cle, c.libelle, c.genre, c.total) for c in table.colonnes] == [
        ("poste", "Poste", Genre.TEXTE, False),
        ("champ", "Champ de l'annexe", Genre.TEXTE, False),
        ("montant", "Montant", Genre.MONTANT, False),
    ]
    assert table.lignes == (
        ("Annuités déjà garanties à échoir dans l'exercice", "TotGarEchoirExer", D("150000")),
        ("Premières annuités entières des garanties nouvelles de l'exercice", "Tot1Annuite",
         D("0")),
        ("Annuité nette de la dette (D1511-30)", "AnnuitNetDette", D("300000")),
        ("Provisions pour garanties × 1 (D1511-33), déduites", "ProvGarantiEmpr", D("-20000")),
        ("Charge retenue", "", D("430000")),
        ("Recettes réelles de fonctionnement (D1511-31)", "RReelFon", D("1000000")),
        ("Plafond : 50,00 % des recettes réelles", "", D("500000")),
        ("Marge sous le plafond", "", D("70000")),
    )  # fmt: skip
    assert document.hypotheses[1] == ARRONDIS
    assert document.hypotheses[0].startswith("Pourcentages de la version du 09/04/2000 (CGCT, ")
    assert document.hypotheses[0].endswith("(« ratios Galland »)).")
    assert len(document.hypotheses) == 2


def test_plafond_arrondi_au_centime_inferieur() -> None:
    # 50 % × 1 000 000,01 = 500 000,005 : affiché 500 000,00 (jamais plus de limite)
    elements = ElementsRatio(
        recettes_reelles_fonctionnement=D("1000000.01"), annuite_nette_dette=D("300000.00")
    )
    table = ratio_garanties(elements).decrire().table("calcul")
    lignes = {poste: montant for poste, _, montant in table.lignes}
    assert str(lignes["Plafond : 50,00 % des recettes réelles"]) == "500000.00"
    assert lignes["Charge retenue"] == D("300000.00")


def test_calcul_avec_le_projet_et_charge_au_centime_superieur() -> None:
    v = verifier_garantie(ECOLE, annuite="80000.01", quotite="50 %", beneficiaire="SAS Port")
    document = v.decrire()
    assert [t.cle for t in document.tables] == ["controles", "calcul"]
    lignes = document.table("calcul").lignes
    assert lignes[2] == ("Part garantie de la première annuité du projet", "", D("40000.01"))
    assert lignes[5] == ("Charge retenue", "", D("470000.01"))
    assert lignes[8] == ("Marge sous le plafond", "", D("29999.99"))
    assert len(lignes) == 9
    assert document.hypotheses[-1] == ARRONDIS


def test_controles_en_euros_et_en_taux() -> None:
    v = verifier_garantie(ECOLE, annuite="80000.01", quotite="50 %", beneficiaire="SAS Port")
    table = v.decrire().table("controles")
    assert table.titre == "Règles prudentielles"
    assert [(c.cle, c.libelle, c.genre) for c in table.colonnes] == [
        ("regle", "Règle", Genre.TEXTE),
        ("articles", "Articles", Genre.TEXTE),
        ("retenu", "Retenu", Genre.TEXTE),
        ("limite", "Limite", Genre.TEXTE),
        ("marge", "Marge", Genre.TEXTE),
        ("resultat", "Résultat", Genre.TEXTE),
    ]
    assert table.lignes == (
        (
            "Plafonnement des annuités",
            "CGCT L2252-1, al. 2 ; D1511-30, D1511-31, D1511-32, D1511-33",
            f"470{NNBSP}000,01 €",
            f"500{NNBSP}000,00 €",
            f"29{NNBSP}999,99 €",
            "respectée",
        ),
        (
            "Division du risque : SAS Port",
            "CGCT L2252-1, al. 3 ; D1511-34",
            f"40{NNBSP}000,01 €",
            f"22{NNBSP}000,00 €",
            f"-18{NNBSP}000,01 €",
            f"dépassée de 18{NNBSP}000,01 €",
        ),
        (
            "Partage du risque : quotité garantie sur l'emprunt",
            "CGCT L2252-1, al. 4 ; D1511-35",
            "50,00 %",
            "50,00 %",
            "0,00 %",
            "respectée",
        ),
    )


def test_limites_au_centime_inferieur() -> None:
    """Recettes 1 000 000,01 : plafond 500 000,005 (affiché 500 000,00) ; annuités
    susceptibles d'être garanties 500 000,005 + 20 000 − 300 000 = 220 000,005, limite par
    débiteur 10 % = 22 000,0005 (affichée 22 000,00) : jamais plus de limite qu'il n'y en a."""
    elements = ElementsRatio(
        recettes_reelles_fonctionnement=D("1000000.01"),
        annuite_nette_dette=D("300000.00"),
        annuites_garanties_a_echoir=D("150000.00"),
        provisions=D("20000.00"),
    )
    v = verifier_garantie(elements, annuite="1000.00", quotite="50 %", beneficiaire="B")
    plafond, division, _partage = v.decrire().table("controles").lignes
    assert plafond[3] == f"500{NNBSP}000,00 €"
    assert division[3] == f"22{NNBSP}000,00 €"


def test_partage_depasse_en_points() -> None:
    # 60 % garantis pour un partage plafonné à 50 % : 10 points de trop
    v = verifier_garantie(ECOLE, annuite="1000.00", quotite="60 %", beneficiaire="B")
    partage = v.decrire().table("controles").lignes[2]
    assert partage[2:] == ("60,00 %", "50,00 %", "-10,00 %", "dépassée de 10,00 %")


def test_controles_non_applicables() -> None:
    v = verifier_garantie(
        ECOLE,
        annuite="80000.00",
        quotite="60 %",
        beneficiaire="HLM",
        operation="logement-social",
    )
    exemption = "non applicable (L2252-2, I : garanties des opérations de logement social)"
    assert [ligne[2:] for ligne in v.decrire().table("controles").lignes] == [
        ("", "", "", exemption)
    ] * 3
    assert [ligne[0] for ligne in v.decrire().table("controles").lignes] == [
        "Plafonnement des annuités",
        "Division du risque : HLM",
        "Partage du risque : quotité garantie sur l'emprunt",
    ]
