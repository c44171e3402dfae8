"""Chaque contrôle de l'annexe sur un document écrit à la main : l'emprunt, le code, l'attendu,
le trouvé, l'écart et s'il est expliqué, mot pour mot. Les chiffres se vérifient sur chaque
ligne du document (commentaires)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from collectivites.dette import controler_annexe_dette, lire_document_budgetaire

COMPLET = {
    "LibOrgaPreteur": "CDC",
    "MtEmprOrig": "1000",
    "MtIntExer": "20",
    "CodTyptxDtVote": "V",
    "StructureDtVote": "A",
    "IndSousJacentDtVote": "1",
    "IndexTxVariDtVote": "Livret A + 1",
    "TxActua": "2",
}


def E(num: str, **k: str | None) -> dict[str, str]:
    d: dict[str, str] = {"CodTypEmpr": "01", "NumContrat": num, **COMPLET, "AnEncaisse": "2015"}
    d.update({kk: v for kk, v in k.items() if v is not None})
    for kk, v in k.items():
        if v is None:
            d.pop(kk, None)
    return d


EMPRUNTS = [
    E("propre", MtCapitalRestDu_01_01="1000", MtCapitalExer="100", MtCapitalRestDu_31_12="900"),
    E("centime", MtCapitalRestDu_01_01="1000", MtCapitalExer="100", MtCapitalRestDu_31_12="900.01"),
    E(
        "nouveau",
        MtCapitalRestDu_01_01="0",
        MtCapitalExer="50",
        MtCapitalRestDu_31_12="450",
        AnEncaisse="2021",
        MtEmprOrig="500",
    ),
    E(
        "nouveau-trop",
        MtCapitalRestDu_01_01="0",
        MtCapitalExer="0",
        MtCapitalRestDu_31_12="600",
        AnEncaisse="2021",
        MtEmprOrig="500",
    ),
    E("debut-fige", MtCapitalRestDu_01_01="800", MtCapitalExer="100", MtCapitalRestDu_31_12="800"),
    E("solde", MtCapitalRestDu_01_01="300", MtCapitalExer="100", MtCapitalRestDu_31_12="0"),
    E("ecart", MtCapitalRestDu_01_01="1000", MtCapitalExer="100", MtCapitalRestDu_31_12="800"),
    E(
        "futur",
        MtCapitalRestDu_01_01="100",
        MtCapitalExer="0",
        MtCapitalRestDu_31_12="100",
        AnEncaisse="2023",
    ),
    E(
        "interets",
        MtCapitalRestDu_01_01="1000",
        MtCapitalExer="100",
        MtCapitalRestDu_31_12="900",
        MtIntExer="40",
    ),
    E(
        "sans-champs",
        MtCapitalRestDu_01_01="1000",
        MtCapitalExer="100",
        MtCapitalRestDu_31_12="900",
        LibOrgaPreteur=None,
        StructureDtVote=None,
    ),
    E(
        "charte",
        MtCapitalRestDu_01_01="1000",
        MtCapitalExer="100",
        MtCapitalRestDu_31_12="900",
        StructureDtVote="B",
        IndSousJacentDtVote="2",
    ),
    E(
        "type",
        MtCapitalRestDu_01_01="1000",
        MtCapitalExer="100",
        MtCapitalRestDu_31_12="900",
        CodTyptxDtVote="F",
    ),
    E(
        "garanti-sans",
        CodTypEmpr="09",
        MtCapitalRestDu_01_01="1000",
        MtCapitalExer="100",
        MtCapitalRestDu_31_12="900",
    ),
    E(
        "garanti-soi",
        CodTypEmpr="09",
        NomBenefEmprGaranti="Ville de Testville",
        MtCapitalRestDu_01_01="1000",
        MtCapitalExer="100",
        MtCapitalRestDu_31_12="900",
    ),
    E(
        "garanti-part",
        CodTypEmpr="09",
        NomBenefEmprGaranti="Office HLM",
        PartGarantie="150",
        MtCapitalRestDu_01_01="1000",
        MtCapitalExer="100",
        MtCapitalRestDu_31_12="900",
    ),
]


def doc(emprunts: list[dict[str, str]], nature: str = "09") -> bytes:
    corps = "".join(
        "<EMPRUNT>" + "".join(f'<{k} V="{v}"/>' for k, v in e.items()) + "</EMPRUNT>"
        for e in emprunts
    )
    return (
        "<DocumentBudgetaire><EnTeteDocBudgetaire><LibelleColl V='COMMUNE DE TESTVILLE'/>"
        f"</EnTeteDocBudgetaire><Budget><BlocBudget><NatDec V='{nature}'/><Exer V='2021'/>"
        f"</BlocBudget><Annexes><DATA_EMPRUNT>{corps}</DATA_EMPRUNT></Annexes></Budget>"
        "</DocumentBudgetaire>"
    ).encode()


ENTRE = "1\u202f000,00 € − 100,00 € = 900,00 €"
ATTENDUS = [
    # 1 000 − 100 = 900 ≠ 900,01 : un centime, expliqué
    (
        "centime",
        "capital_restant_du_ecart_centime",
        "capital restant dû au 31 décembre = 900,00 €",
        f"{ENTRE} ; au 31 décembre : 900,01 €",
        True,
        Decimal("-0.01"),
    ),
    # mobilisé en 2021 : 450 + 50 = 500 ≤ 500, expliqué
    (
        "nouveau",
        "nouvel_emprunt",
        "capital mobilisé en 2021 (au plus le montant de l'emprunt, 500,00 €) − capital remboursé "
        "= capital restant dû au 31 décembre",
        "capital mobilisé : 500,00 € ; remboursé : 50,00 € ; au 31 décembre : 450,00 €",
        True,
        Decimal("-500"),
    ),
    # 600 + 0 = 600 > 500 : non expliqué
    (
        "nouveau-trop",
        "nouvel_emprunt",
        "capital mobilisé en 2021 (au plus le montant de l'emprunt, 500,00 €) − capital remboursé "
        "= capital restant dû au 31 décembre",
        "capital mobilisé : 600,00 € ; remboursé : 0,00 € ; au 31 décembre : 600,00 €",
        False,
        Decimal("-600"),
    ),
    (
        "debut-fige",
        "capital_restant_du_debut_non_mis_a_jour",
        "capital restant dû au 1er janvier = 900,00 € (31 décembre + capital remboursé)",
        "800,00 € au 1er janvier comme au 31 décembre, 100,00 € remboursés",
        False,
        Decimal("-100"),
    ),
    (
        "solde",
        "emprunt_solde_sans_remboursement",
        "capital remboursé = 300,00 € (l'emprunt est soldé au 31 décembre)",
        "capital remboursé déclaré : 100,00 €",
        False,
        Decimal("200"),
    ),
    # au plus max(300, 0 + 100) × 2 % × 1,5 + 1 = 10,00 € ; au moins 0 × 2 % × 0,5
    (
        "solde",
        "interets_implausibles",
        "entre 0,00 € et 10,00 € (taux actuel 2 %)",
        "20,00 €",
        False,
        None,
    ),
    (
        "ecart",
        "capital_restant_du_incoherent",
        "capital restant dû au 31 décembre = 900,00 €",
        f"{ENTRE} ; au 31 décembre : 800,00 €",
        False,
        Decimal("100"),
    ),
    (
        "futur",
        "mobilisation_posterieure_a_l_exercice",
        "une année de mobilisation au plus égale à l'exercice (2021) pour un capital restant dû au "
        "1er janvier",
        "mobilisé en 2023, 100,00 € dus au 1er janvier",
        False,
        None,
    ),
    # entre 900 × 2 % × 0,5 = 9,00 et 1 000 × 2 % × 1,5 + 1 = 31,00
    (
        "interets",
        "interets_implausibles",
        "entre 9,00 € et 31,00 € (taux actuel 2 %)",
        "40,00 €",
        False,
        None,
    ),
    (
        "sans-champs",
        "champ_obligatoire_absent",
        "LibOrgaPreteur, StructureDtVote",
        "absents",
        False,
        None,
    ),
    (
        "charte",
        "classification_gissler_incoherente",
        "1A pour l'index « Livret A + 1 » (charte de bonne conduite, circulaire du 25 juin 2010)",
        "2B : indice sous-jacent 2 au lieu de 1 ; structure B au lieu de A",
        False,
        None,
    ),
    (
        "type",
        "type_de_taux_et_index_incoherents",
        "type de taux F (fixe) pour un taux fixe, V, R ou C pour un index",
        "type de taux F et index « Livret A + 1 »",
        False,
        None,
    ),
    (
        "garanti-sans",
        "garantie_sans_beneficiaire",
        "NomBenefEmprGaranti renseigné",
        "absent",
        False,
        None,
    ),
    (
        "garanti-soi",
        "garantie_de_la_collectivite_elle_meme",
        "un bénéficiaire autre que COMMUNE DE TESTVILLE (sinon, un emprunt propre)",
        "bénéficiaire « Ville de Testville »",
        False,
        None,
    ),
    (
        "garanti-part",
        "part_garantie_invalide",
        "une part garantie de plus de 0 % et d'au plus 100 %",
        "150,0 %",
        False,
        None,
    ),
    (
        "",
        "elements_du_ratio_absents",
        "une ligne EMPRUNT de CodTypEmpr 10 (RReelFon, AnnuitNetDette, TotGarEchoirExer…)",
        "absente",
        False,
        None,
    ),
]


def test_chaque_controle_mot_pour_mot() -> None:
    controle = controler_annexe_dette(lire_document_budgetaire(doc(EMPRUNTS)))
    assert [
        (a.emprunt, a.code, a.attendu, a.trouve, a.explique, a.ecart) for a in controle.anomalies
    ] == ATTENDUS
    assert controle.emprunts_controles == len(EMPRUNTS)
    assert controle.code_de_sortie == 1
    assert [a.chemin for a in controle.anomalies][:2] == [
        "DATA_EMPRUNT/EMPRUNT[2]",
        "DATA_EMPRUNT/EMPRUNT[3]",
    ]
    assert {a.regle for a in controle.anomalies if a.code == "interets_implausibles"} == {
        "charges d'intérêt de l'exercice compatibles avec le taux actuel et le capital restant dû"
    }
    assert controle.par_code()["interets_implausibles"] == 2


def test_un_budget_ne_juge_ni_le_capital_ni_les_interets() -> None:
    """Budget primitif : « capital à rembourser » et 31 décembre prévus ; seuls les autres
    contrôles s'appliquent (et le 31 décembre n'est pas exigé)."""
    controle = controler_annexe_dette(lire_document_budgetaire(doc(EMPRUNTS, nature="01")))
    codes = {a.code for a in controle.anomalies}
    assert codes == {
        "champ_obligatoire_absent",
        "classification_gissler_incoherente",
        "type_de_taux_et_index_incoherents",
        "garantie_sans_beneficiaire",
        "garantie_de_la_collectivite_elle_meme",
        "part_garantie_invalide",
        "elements_du_ratio_absents",
    }
    sans_fin = E("sans-fin", MtCapitalRestDu_01_01="1000", MtCapitalExer="100")
    budget = controler_annexe_dette(lire_document_budgetaire(doc([sans_fin], nature="01")))
    assert budget.anomalies == ()
    compte = controler_annexe_dette(lire_document_budgetaire(doc([sans_fin])))
    # un 31 décembre absent vaut zéro : l'emprunt paraît soldé sans remboursement déclaré
    assert [(a.code, a.attendu) for a in compte.anomalies] == [
        (
            "emprunt_solde_sans_remboursement",
            "capital remboursé = 1\u202f000,00 € (l'emprunt est soldé au 31 décembre)",
        ),
        ("champ_obligatoire_absent", "MtCapitalRestDu_31_12"),
    ]


@pytest.mark.parametrize(
    ("champs", "absents"),
    [
        ({}, ""),
        ({"TxActua": "0", "MtIntExer": None}, ""),  # taux nul : pas d'intérêts à déclarer
        ({"MtIntExer": None}, "MtIntExer"),
        ({"NumContrat": None}, "NumContrat"),
        ({"CodTypEmpr": "09", "NumContrat": None, "NomBenefEmprGaranti": "Office"}, ""),
        ({"MtCapitalRestDu_31_12": None, "MtCapitalExer": "1000"}, ""),  # soldé
        (
            {"MtEmprOrig": None, "CodTyptxDtVote": None, "IndSousJacentDtVote": None},
            "MtEmprOrig, CodTyptxDtVote, IndSousJacentDtVote",
        ),
    ],
    ids=[
        "complet",
        "taux-nul",
        "sans-interets",
        "sans-numero",
        "garanti-sans-numero",
        "solde",
        "plusieurs",
    ],
)
def test_champs_obligatoires(champs: dict[str, str | None], absents: str) -> None:
    valeurs: dict[str, str | None] = {
        "MtCapitalRestDu_01_01": "1000",
        "MtCapitalExer": "100",
        "MtCapitalRestDu_31_12": "900",
        **champs,
    }
    emprunt = E("x", **valeurs)
    controle = controler_annexe_dette(lire_document_budgetaire(doc([emprunt])))
    trouves = [a.attendu for a in controle.anomalies if a.code == "champ_obligatoire_absent"]
    assert trouves == ([absents] if absents else [])


@pytest.mark.parametrize(
    ("index", "type_taux", "structure", "sous_jacent", "attendu"),
    [
        ("FIXE", "F", "A", "1", None),
        (
            "FIXE",
            "F",
            "B",
            "1",
            "1A pour l'index « FIXE » (charte de bonne conduite, circulaire du 25 juin 2010)",
        ),
        ("EURIBOR03M", "V", "A", "1", None),
        (
            "EURIBOR03M + 0.5",
            "V",
            "E",
            "1",
            "1A pour l'index « EURIBOR03M + 0.5 » (charte de "
            "bonne conduite, circulaire du 25 juin 2010)",
        ),
        ("EURIBOR03M", "V", "E", "1", None),  # sans marge, la structure n'est pas jugée
        (
            "INFFRXT",
            "V",
            "A",
            "1",
            "2A pour l'index « INFFRXT » (charte de bonne conduite, circulaire du 25 juin 2010)",
        ),
        ("TAUX STRUCTURES", "C", "E", "4", None),
        ("Quelque chose", "V", "F", "6", None),
    ],
)
def test_charte_de_bonne_conduite(
    index: str, type_taux: str, structure: str, sous_jacent: str, attendu: str | None
) -> None:
    emprunt = E(
        "x",
        MtCapitalRestDu_01_01="1000",
        MtCapitalExer="100",
        MtCapitalRestDu_31_12="900",
        IndexTxVariDtVote=index,
        CodTyptxDtVote=type_taux,
        StructureDtVote=structure,
        IndSousJacentDtVote=sous_jacent,
    )
    controle = controler_annexe_dette(lire_document_budgetaire(doc([emprunt])))
    trouves = [a.attendu for a in controle.anomalies if a.code != "elements_du_ratio_absents"]
    assert trouves == ([attendu] if attendu else [])


def test_ratio_imprime_mot_pour_mot() -> None:
    """Éléments : (100 000 + 50 000) / 1 000 000 = 15 % ; le fichier imprime 12,5 % et une
    charge de 125 000,00 €."""
    from tests.test_dette_lecture import RATIO, document

    imprime = '<PartGarantiesEmprunt V="12.5"/><TotValRatio V="125000.00"/>'
    controle = controler_annexe_dette(
        lire_document_budgetaire(document(RATIO.format(imprime=imprime)))
    )
    regle = (
        "le ratio des garanties que le fichier imprime (PartGarantiesEmprunt, TotValRatio) est "
        "celui que ses éléments donnent"
    )
    assert [
        (a.code, a.emprunt, a.chemin, a.attendu, a.trouve, a.regle, a.ecart)
        for a in controle.anomalies
    ] == [
        (
            "ratio_imprime_different",
            "",
            "DATA_EMPRUNT/EMPRUNT (CodTypEmpr 10)/PartGarantiesEmprunt",
            "15,00 % (calculé sur les éléments du fichier)",
            "12,500 %",
            regle,
            None,
        ),
        (
            "ratio_imprime_different",
            "",
            "DATA_EMPRUNT/EMPRUNT (CodTypEmpr 10)/TotValRatio",
            "150\u202f000,00 € (charge calculée sur les éléments du fichier)",
            "125\u202f000,00 €",
            regle,
            Decimal("-25000.00"),
        ),
    ]
    # un centime d'écart sur la charge : toléré ; deux : signalé
    for total, signale in (("150000.01", False), ("149999.99", False), ("150000.02", True)):
        document_ = document(RATIO.format(imprime=f'<TotValRatio V="{total}"/>'))
        codes = [
            a.code for a in controler_annexe_dette(lire_document_budgetaire(document_)).anomalies
        ]
        assert ("ratio_imprime_different" in codes) is signale


def _codes(*emprunts: dict[str, str], nature: str = "09") -> list[tuple[str, str, str]]:
    controle = controler_annexe_dette(lire_document_budgetaire(doc(list(emprunts), nature)))
    return [
        (a.emprunt, a.code, a.attendu)
        for a in controle.anomalies
        if a.code != "elements_du_ratio_absents"
    ]


BASE = {"MtCapitalRestDu_01_01": "1000", "MtCapitalExer": "100", "MtCapitalRestDu_31_12": "900"}


@pytest.mark.parametrize(
    ("champs", "signale"),
    [
        ({"MtIntExer": "9.00"}, False),  # 900 × 2 % × 0,5 : la borne basse, permise
        ({"MtIntExer": "8.99"}, True),
        ({"MtIntExer": "31.00"}, False),  # 1 000 × 2 % × 1,5 + 1 : la borne haute, permise
        ({"MtIntExer": "31.01"}, True),
        ({"TxActua": "0", "MtIntExer": "50"}, False),  # taux nul : non jugé
        (
            {
                "MtCapitalRestDu_01_01": "0",
                "MtCapitalExer": "0",
                "MtCapitalRestDu_31_12": "0",
                "MtIntExer": "50",
            },
            False,  # plus rien de dû : non jugé
        ),
        # capital du 1er janvier non mis à jour (1 000 = 1 000) : le plus grand capital de
        # l'année est 1 000 + 100 = 1 100, d'où au plus 1 100 × 2 % × 1,5 + 1 = 34,00
        ({"MtCapitalRestDu_31_12": "1000", "MtIntExer": "34.00"}, False),
        ({"MtCapitalRestDu_31_12": "1000", "MtIntExer": "34.01"}, True),
        (
            {
                "MtCapitalRestDu_01_01": "0",
                "MtCapitalRestDu_31_12": "1",
                "MtCapitalExer": "0",
                "MtIntExer": "5",
            },
            True,
        ),
    ],
)
def test_interets_aux_bornes(champs: dict[str, str], signale: bool) -> None:
    codes = [c for _e, c, _a in _codes(E("x", **{**BASE, **champs}))]
    assert ("interets_implausibles" in codes) is signale


def test_texte_du_taux_dans_les_interets() -> None:
    ((_e, _c, attendu),) = _codes(E("x", **BASE, TxActua="2.5", MtIntExer="99"))
    assert attendu == "entre 11,25 € et 38,50 € (taux actuel 2,5 %)"


@pytest.mark.parametrize(
    ("champs", "code"),
    [
        # débit nul mais mobilisé avant l'exercice : ce n'est pas un emprunt nouveau
        (
            {
                "MtCapitalRestDu_01_01": "0",
                "MtCapitalRestDu_31_12": "100",
                "MtCapitalExer": "0",
                "MtEmprOrig": "500",
            },
            "capital_restant_du_incoherent",
        ),
        (
            {
                "MtCapitalRestDu_01_01": "0",
                "MtCapitalRestDu_31_12": "0.50",
                "MtCapitalExer": "0",
                "AnEncaisse": "2021",
            },
            "nouvel_emprunt",
        ),
        (
            {
                "MtCapitalRestDu_01_01": "800",
                "MtCapitalRestDu_31_12": "800",
                "MtCapitalExer": "0.50",
            },
            "capital_restant_du_debut_non_mis_a_jour",
        ),
        (
            {"MtCapitalRestDu_01_01": "0.50", "MtCapitalRestDu_31_12": "0", "MtCapitalExer": "0"},
            "emprunt_solde_sans_remboursement",
        ),
    ],
    ids=[
        "ancien-emprunt",
        "nouveau-cinquante-centimes",
        "fige-cinquante-centimes",
        "solde-cinquante-centimes",
    ],
)
def test_classes_du_capital_aux_bornes(champs: dict[str, str], code: str) -> None:
    codes = [c for _e, c, _a in _codes(E("x", TxActua="0", **champs))]
    assert code in codes
    if code == "nouvel_emprunt":
        controle = controler_annexe_dette(
            lire_document_budgetaire(doc([E("x", TxActua="0", **champs)]))
        )
        assert controle.anomalies[0].explique  # 0,50 € mobilisés sur 1 000 €


def test_mobilisation_de_l_exercice_ou_d_un_euro() -> None:
    meme_annee = E(
        "x",
        TxActua="0",
        AnEncaisse="2021",
        MtCapitalRestDu_01_01="100",
        MtCapitalExer="0",
        MtCapitalRestDu_31_12="100",
    )
    assert _codes(meme_annee) == []
    un_euro = E(
        "x",
        TxActua="0",
        AnEncaisse="2023",
        MtCapitalRestDu_01_01="1",
        MtCapitalExer="0",
        MtCapitalRestDu_31_12="1",
    )
    assert [c for _e, c, _a in _codes(un_euro)] == ["mobilisation_posterieure_a_l_exercice"]


@pytest.mark.parametrize(
    ("part", "signale"), [("100", False), ("0.001", False), ("0", True), ("100.001", True)]
)
def test_part_garantie_aux_bornes(part: str, signale: bool) -> None:
    garanti = E("x", CodTypEmpr="09", NomBenefEmprGaranti="Office", PartGarantie=part, **BASE)
    codes = [c for _e, c, _a in _codes(garanti)]
    assert ("part_garantie_invalide" in codes) is signale


def test_beneficiaire_sans_le_prefixe_de_la_collectivite() -> None:
    garanti = E("x", CodTypEmpr="09", NomBenefEmprGaranti="TESTVILLE", **BASE)
    assert [c for _e, c, _a in _codes(garanti)] == ["garantie_de_la_collectivite_elle_meme"]


def test_index_autre_ou_structure_et_index_absent_non_juges() -> None:
    for index in ("TAUX STRUCTURES", "Formule maison"):
        assert (
            _codes(
                E(
                    "x",
                    **BASE,
                    IndexTxVariDtVote=index,
                    CodTyptxDtVote="F",
                    StructureDtVote="F",
                    IndSousJacentDtVote="6",
                )
            )
            == []
        )
    assert _codes(E("x", **BASE, IndexTxVariDtVote=None, CodTyptxDtVote="V")) == []


def test_un_champ_absent_au_singulier_et_numero_en_tete() -> None:
    controle = controler_annexe_dette(
        lire_document_budgetaire(
            doc(
                [
                    E("x", **BASE, LibOrgaPreteur=None),
                    E("y", **BASE, NumContrat=None, LibOrgaPreteur=None),
                    E("g", CodTypEmpr="09", NomBenefEmprGaranti="Office", **BASE),
                ]
            )
        )
    )
    absents = [
        (a.attendu, a.trouve) for a in controle.anomalies if a.code == "champ_obligatoire_absent"
    ]
    assert absents == [("LibOrgaPreteur", "absent"), ("NumContrat, LibOrgaPreteur", "absents")]
    ratio = controle.anomalies[-1]
    assert (ratio.code, ratio.chemin, ratio.regle) == (
        "elements_du_ratio_absents",
        "DATA_EMPRUNT",
        "un document qui porte des emprunts garantis porte la ligne des éléments du ratio "
        "(CodTypEmpr 10)",
    )
