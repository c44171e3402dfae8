"""L'état de la dette sur des documents écrits à la main : sommes, moyennes pondérées par
l'encours de référence (31 décembre dans un compte, 1er janvier dans un budget), groupes, et le
texte exact des anomalies."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, localcontext
from types import SimpleNamespace

import pytest

from collectivites.dette import (
    controler_annexe_dette,
    etat_de_la_dette,
    lire_document_budgetaire,
)
from collectivites.dette._portefeuille import _comparer


def _document(emprunts: list[dict[str, str]], nature: str = "09") -> bytes:
    corps = "".join(
        "<EMPRUNT>" + "".join(f'<{k} V="{v}"/>' for k, v in e.items()) + "</EMPRUNT>"
        for e in emprunts
    )
    return (
        "<DocumentBudgetaire><EnTeteDocBudgetaire><LibelleColl V='Essai'/>"
        f"</EnTeteDocBudgetaire><Budget><BlocBudget><NatDec V='{nature}'/><Exer V='2021'/>"
        f"</BlocBudget><Annexes><DATA_EMPRUNT>{corps}</DATA_EMPRUNT></Annexes></Budget>"
        "</DocumentBudgetaire>"
    ).encode()


#: Trois emprunts propres : le troisième n'a ni taux ni durée (exclu des moyennes), placé en
#: tête pour que la moyenne doive passer outre ; un quatrième garanti.
EMPRUNTS = [
    {
        "CodTypEmpr": "01",
        "NumContrat": "C",
        "LibOrgaPreteur": "CE",
        "MtCapitalRestDu_01_01": "100",
        "MtCapitalRestDu_31_12": "50",
        "MtCapitalExer": "50",
        "MtIntExer": "1",
    },
    {
        "CodTypEmpr": "01",
        "NumContrat": "A",
        "LibOrgaPreteur": "CDC",
        "CodTyptxDtVote": "F",
        "MtCapitalRestDu_01_01": "1000",
        "MtCapitalRestDu_31_12": "900",
        "MtCapitalExer": "100",
        "MtIntExer": "20",
        "MtICNE": "3",
        "TxActua": "2",
        "DureeRest": "5",
    },
    {
        "CodTypEmpr": "01",
        "NumContrat": "B",
        "LibOrgaPreteur": "CAISSE DES DEPOTS ET CONSIGN",
        "CodTyptxDtVote": "V",
        "MtCapitalRestDu_01_01": "3000",
        "MtCapitalRestDu_31_12": "1000",
        "MtCapitalExer": "2000",
        "MtIntExer": "120",
        "TxActua": "4",
        "DureeRest": "10",
        "StructureDtVote": "A",
        "IndSousJacentDtVote": "1",
    },
    {
        "CodTypEmpr": "09",
        "NumContrat": "G",
        "NomBenefEmprGaranti": "Office HLM",
        "CodTypEmprGaranti": "05",
        "MtCapitalRestDu_01_01": "500",
        "MtCapitalRestDu_31_12": "400",
        "MtCapitalExer": "100",
        "MtIntExer": "10",
        "TxActua": "1",
    },
]


def _exact(numerateur: int, denominateur: int) -> Decimal:
    """numerateur / denominateur sur 34 chiffres (le contexte des calculs de la bibliothèque)."""
    with localcontext() as contexte:
        contexte.prec = 34
        return Decimal(numerateur) / Decimal(denominateur)


def test_compte_moyennes_ponderees_par_le_31_decembre() -> None:
    etat = etat_de_la_dette(lire_document_budgetaire(_document(EMPRUNTS)))
    propre = etat.categorie("propre")
    assert (propre.libelle, propre.nombre) == ("Dette propre", 3)
    assert (
        propre.capital_restant_du_debut,
        propre.capital_rembourse,
        propre.interets,
        propre.capital_restant_du_fin,
        propre.icne,
        propre.annuite,
    ) == (4100, 2150, 141, 1950, 3, 2291)
    # (900 × 2 % + 1000 × 4 %) / (900 + 1000) = 58 / 1900 ; (900 × 5 + 1000 × 10) / 1900
    # = 14 500 / 1 900
    assert propre.taux_moyen == _exact(58, 1900)
    assert propre.duree_residuelle_moyenne == _exact(14500, 1900)
    garanti = etat.categorie("garanti")
    assert (garanti.libelle, garanti.nombre, garanti.taux_moyen) == (
        "Dette garantie",
        1,
        Decimal("0.01"),
    )
    assert garanti.duree_residuelle_moyenne is None


def test_budget_moyennes_ponderees_par_le_1er_janvier() -> None:
    etat = etat_de_la_dette(lire_document_budgetaire(_document(EMPRUNTS, nature="01")))
    propre = etat.categorie("propre")
    # (1000 × 2 % + 3000 × 4 %) / 4000 = 0,035 ; (1000 × 5 + 3000 × 10) / 4000 = 8,75
    assert (propre.taux_moyen, propre.duree_residuelle_moyenne) == (
        Decimal("0.035"),
        Decimal("8.75"),
    )


def test_un_encours_de_moins_d_un_euro_compte_dans_la_moyenne() -> None:
    petit = [
        {"CodTypEmpr": "01", "MtCapitalRestDu_31_12": "0.50", "TxActua": "10"},
        {"CodTypEmpr": "01", "MtCapitalRestDu_31_12": "0.50", "TxActua": "20"},
    ]
    propre = etat_de_la_dette(lire_document_budgetaire(_document(petit))).categorie("propre")
    assert propre.taux_moyen == Decimal("0.15")


def test_groupes_par_preteur_type_de_taux_et_classe() -> None:
    etat = etat_de_la_dette(lire_document_budgetaire(_document(EMPRUNTS)))
    # par encours au 31 décembre décroissant : CDC (A 900 + B 1000), puis CE (50)
    assert [(a.cle, a.libelle, a.nombre, a.capital_restant_du_fin) for a in etat.par_preteur] == [
        ("caisse_des_depots", "Caisse des Dépôts", 2, 1900),
        ("caisse_epargne", "Caisse d'Épargne", 1, 50),
    ]
    # la moyenne d'un groupe pondérée, elle aussi, par l'encours au 31 décembre : 58 / 1 900
    assert etat.par_preteur[0].taux_moyen == _exact(58, 1900)
    assert [(a.cle, a.libelle, a.nombre) for a in etat.par_type_taux] == [
        ("V", "Variable simple", 1),
        ("F", "Fixe", 1),
        ("?", "?", 1),
    ]
    assert [(a.cle, a.nombre) for a in etat.par_classe] == [("1A", 1), ("?", 2)]
    assert [(a.cle, a.libelle) for a in etat.garanties_par_beneficiaire] == [
        ("OFFICE HLM", "Office HLM")
    ]
    assert [(a.cle, a.libelle) for a in etat.garanties_par_type] == [
        ("05", "Opérations de logement social")
    ]


def test_texte_exact_des_anomalies() -> None:
    controle = controler_annexe_dette(
        lire_document_budgetaire(
            _document(
                [
                    {
                        "CodTypEmpr": "01",
                        "NumContrat": "X",
                        "MtCapitalRestDu_01_01": "118604.09",
                        "MtCapitalExer": "7895.88",
                        "MtCapitalRestDu_31_12": "108695.85",
                    }
                ]
            )
        )
    )
    capital = next(a for a in controle.anomalies if a.code == "capital_restant_du_incoherent")
    assert capital.attendu == "capital restant dû au 31 décembre = 110\u202f708,21 €"
    assert capital.trouve == (
        "118\u202f604,09 € − 7\u202f895,88 € = 110\u202f708,21 € ; au 31 décembre : "
        "108\u202f695,85 €"
    )
    assert capital.ecart == Decimal("2012.36")


def _ligne(**valeurs: object) -> SimpleNamespace:
    zero = Decimal("0.00")
    champs = {
        "date": dt.date(2021, 6, 1),
        "amortissement": zero,
        "remboursement_anticipe": zero,
        "interets": zero,
        "interets_a_differer": zero,
        "stock_rembourse": zero,
        "interets_differes_rembourses": zero,
    }
    return SimpleNamespace(**{**champs, **valeurs})


def test_capital_et_interets_de_l_exercice_d_une_table() -> None:
    """Capital = amortissement + remboursement anticipé ; intérêts = intérêts − intérêts
    différés + stock d'intérêts différés remboursé + intérêts différés remboursés par
    anticipation ; seules les échéances de l'exercice comptent."""
    doc = lire_document_budgetaire(
        _document([{"CodTypEmpr": "01", "NumContrat": "Z", "MtCapitalExer": "1", "MtIntExer": "2"}])
    )
    tableau = SimpleNamespace(
        lignes=[
            _ligne(date=dt.date(2020, 12, 1), amortissement=Decimal("1000.00")),
            _ligne(
                amortissement=Decimal("100.00"),
                remboursement_anticipe=Decimal("10.00"),
                interets=Decimal("50.00"),
                interets_a_differer=Decimal("5.00"),
                stock_rembourse=Decimal("3.00"),
                interets_differes_rembourses=Decimal("0.70"),
            ),
            _ligne(
                date=dt.date(2021, 12, 1),
                amortissement=Decimal("200.00"),
                interets=Decimal("40.00"),
            ),
            _ligne(date=dt.date(2022, 6, 1), interets=Decimal("999.00")),
        ]
    )
    comparaison = _comparer(doc, doc.emprunts[0], tableau)
    assert comparaison is not None
    assert (comparaison.capital_calcule, comparaison.interets_calcules) == (
        Decimal("310.00"),
        Decimal("88.70"),
    )
    assert (comparaison.ecart_capital, comparaison.ecart_interets) == (
        Decimal("-309.00"),
        Decimal("-86.70"),
    )


@pytest.mark.parametrize("nature", ["01", "02"])
def test_pas_de_comparaison_dans_un_budget(nature: str) -> None:
    doc = lire_document_budgetaire(
        _document([{"CodTypEmpr": "01", "MtCapitalExer": "1"}], nature=nature)
    )
    assert _comparer(doc, doc.emprunts[0], SimpleNamespace(lignes=[_ligne()])) is None


def test_libelles_des_groupes_sans_donnee() -> None:
    """Un prêteur, un type de taux, un bénéficiaire ou un type de garantie absent ou hors des
    listes du schéma : un libellé qui le dit, jamais une ligne muette."""
    etat = etat_de_la_dette(
        lire_document_budgetaire(
            _document(
                [
                    {"CodTypEmpr": "01", "MtCapitalRestDu_31_12": "10", "CodTyptxDtVote": "Z"},
                    {"CodTypEmpr": "09", "MtCapitalRestDu_31_12": "5", "CodTypEmprGaranti": "77"},
                    {"CodTypEmpr": "09", "MtCapitalRestDu_31_12": "4"},
                ]
            )
        )
    )
    assert [(a.cle, a.libelle) for a in etat.par_preteur] == [("inconnu", "Prêteur non renseigné")]
    assert [(a.cle, a.libelle) for a in etat.par_type_taux] == [("Z", "Type Z (hors liste V95)")]
    assert [(a.cle, a.libelle, a.nombre) for a in etat.garanties_par_beneficiaire] == [
        ("?", "Bénéficiaire non renseigné", 2)
    ]
    assert [(a.cle, a.libelle) for a in etat.garanties_par_type] == [
        ("77", "Type 77"),
        ("?", "Non renseigné"),
    ]


def test_budget_groupes_ordonnes_par_le_1er_janvier_et_ratio_garde() -> None:
    """Dans un budget, l'encours de référence est le 1er janvier : la Caisse d'Épargne (3 000 au
    1er janvier, 100 au 31 décembre) passe devant la CDC (1 000 et 900)."""
    emprunts = [
        {
            "CodTypEmpr": "01",
            "LibOrgaPreteur": "CDC",
            "MtCapitalRestDu_01_01": "1000",
            "MtCapitalRestDu_31_12": "900",
            "TxActua": "2",
            "StructureDtVote": "A",
            "IndSousJacentDtVote": "1",
            "CodTyptxDtVote": "F",
        },
        {
            "CodTypEmpr": "01",
            "LibOrgaPreteur": "CE",
            "MtCapitalRestDu_01_01": "3000",
            "MtCapitalRestDu_31_12": "100",
            "TxActua": "4",
            "CodTyptxDtVote": "V",
        },
        {
            "CodTypEmpr": "09",
            "NomBenefEmprGaranti": "A",
            "MtCapitalRestDu_01_01": "10",
            "MtCapitalRestDu_31_12": "500",
            "CodTypEmprGaranti": "03",
        },
        {
            "CodTypEmpr": "09",
            "NomBenefEmprGaranti": "B",
            "MtCapitalRestDu_01_01": "20",
            "MtCapitalRestDu_31_12": "5",
            "CodTypEmprGaranti": "05",
        },
        {"CodTypEmpr": "10", "RReelFon": "1000000", "AnnuitNetDette": "1000"},
    ]
    document = lire_document_budgetaire(_document(emprunts, nature="01"))
    etat = etat_de_la_dette(document)
    assert etat.document is document
    assert [a.cle for a in etat.par_preteur] == ["caisse_epargne", "caisse_des_depots"]
    assert [(a.cle, a.taux_moyen) for a in etat.par_preteur] == [
        ("caisse_epargne", Decimal("0.04")),
        ("caisse_des_depots", Decimal("0.02")),
    ]
    assert [a.cle for a in etat.par_type_taux] == ["V", "F"]
    assert [(a.cle, a.libelle) for a in etat.par_classe] == [("?", "?"), ("1A", "1A")]
    assert [a.libelle for a in etat.garanties_par_beneficiaire] == ["B", "A"]
    assert [a.cle for a in etat.garanties_par_type] == ["05", "03"]
    # le même document en compte (nature 09) : l'ordre du 31 décembre, inverse partout
    compte = etat_de_la_dette(lire_document_budgetaire(_document(emprunts)))
    assert [a.libelle for a in compte.garanties_par_beneficiaire] == ["A", "B"]
    assert [(a.cle, a.capital_restant_du_fin) for a in compte.par_preteur] == [
        ("caisse_des_depots", 900),
        ("caisse_epargne", 100),
    ]
    assert [a.cle for a in compte.par_type_taux] == ["F", "V"]
    assert [a.cle for a in compte.par_classe] == ["1A", "?"]
    assert [a.cle for a in compte.garanties_par_type] == ["03", "05"]
    assert etat.ratio is not None and etat.ratio.numerateur == Decimal("1000")
    assert etat.ratio == document.ratio_garanties
