"""Des emprunts de l'annexe au portefeuille : chaque règle de description, chaque raison
d'écarter un emprunt, chaque hypothèse dite. Les documents sont écrits à la main ; les cellules
attendues se lisent sur le XML de chaque cas."""

from __future__ import annotations

from decimal import Decimal

import pytest

from collectivites.dette import exporter_portefeuille, lire_document_budgetaire
from collectivites.prets._tableur import COLONNES_PORTEFEUILLE

BASE = {
    "CodTypEmpr": "01",
    "NumContrat": "P-1",
    "LibOrgaPreteur": "CDC",
    "MtEmprOrig": "100000.00",
    "CodPeriodRemb": "A",
    "Dt1RembInit": "2020-06-01",
    "DureeContratInit": "20",
    "CodProfilAmort": "P",
    "CodTyptxInit": "F",
    "Txinit": "2.000",
    "IndexTxVariInit": "FIXE",
}


def _document(*emprunts: dict[str, str | None], nature: str = "09") -> bytes:
    corps = "".join(
        "<EMPRUNT>"
        + "".join(f'<{k} V="{v}"/>' for k, v in {**BASE, **e}.items() if v is not None)
        + "</EMPRUNT>"
        for e in emprunts
    )
    return (
        "<DocumentBudgetaire><EnTeteDocBudgetaire><LibelleColl V='Essai'/>"
        f"</EnTeteDocBudgetaire><Budget><BlocBudget><NatDec V='{nature}'/><Exer V='2021'/>"
        f"</BlocBudget><Annexes><DATA_EMPRUNT>{corps}</DATA_EMPRUNT></Annexes></Budget>"
        "</DocumentBudgetaire>"
    ).encode()


def _export(*emprunts: dict[str, str | None], nature: str = "09"):  # type: ignore[no-untyped-def]
    return exporter_portefeuille(lire_document_budgetaire(_document(*emprunts, nature=nature)))


def _cellules(export) -> dict[str, str]:  # type: ignore[no-untyped-def]
    (ligne,) = export.lignes
    return dict(zip(COLONNES_PORTEFEUILLE, ligne, strict=True))


def _notes(export) -> list[str]:  # type: ignore[no-untyped-def]
    return [note for _numero, note in export.hypotheses]


def test_emprunt_a_taux_fixe_annuel_a_echeances_constantes() -> None:
    export = _export({"DtSignInit": "2019-01-15"})
    cellules = _cellules(export)
    assert {k: v for k, v in cellules.items() if v} == {
        "numero": "P-1",
        "identifiant": "P-1",
        "emprunteur": "Essai",
        "montant": "100000.00",
        "date_effet": "2019-01-15",
        "date_debut_amortissement": "2019-06-01",  # une année avant le 01/06/2020
        "duree": "20",
        "periodicite": "annuelle",
        "index": "fixe",
        "taux_interet": "2 %",
        "profil": "amortissement_deduit_interets_prioritaires",
        "revision": "fixe",
        "taux_progressivite": "0 %",
    }
    assert _notes(export) == [
        "début d'amortissement une période avant le premier remboursement : 01/06/2019",
        "profil à échéances constantes (amortissement déduit, intérêts prioritaires, "
        "progressivité 0 %)",
    ]
    assert export.ecartes == ()


@pytest.mark.parametrize(
    ("code", "periodicite", "debut", "echeances"),
    [
        ("A", "annuelle", "2019-06-01", "20"),
        ("S", "semestrielle", "2019-12-01", "40"),
        ("I", "trimestrielle", "2020-03-01", "80"),
        ("M", "mensuelle", "2020-05-01", "240"),
    ],
)
def test_periodicites(code: str, periodicite: str, debut: str, echeances: str) -> None:
    cellules = _cellules(_export({"CodPeriodRemb": code}))
    assert (cellules["periodicite"], cellules["date_debut_amortissement"], cellules["duree"]) == (
        periodicite,
        debut,
        echeances,
    )


def test_date_de_signature_apres_le_debut_d_amortissement_ignoree() -> None:
    assert _cellules(_export({"DtSignInit": "2019-06-02"}))["date_effet"] == ""
    assert _cellules(_export({"DtSignInit": "2019-06-01"}))["date_effet"] == "2019-06-01"


def test_duree_du_contrat_en_cours_et_arrondi() -> None:
    export = _export({"DureeContratInit": None, "DureeAnn": "22.75"})
    assert _cellules(export)["duree"] == "23"
    assert "durée du contrat en cours (DureeAnn) : 22.75 ans" in _notes(export)
    assert "durée de 22.75 ans arrondie à 23 échéances" in _notes(export)
    exacte = _export({"DureeContratInit": "15.00", "CodPeriodRemb": "I"})
    assert _cellules(exacte)["duree"] == "60"
    assert not any("arrondie" in n or "DureeAnn" in n for n in _notes(exacte))


@pytest.mark.parametrize(
    ("champs", "profil", "note"),
    [
        ({"CodProfilAmort": "C"}, "amortissement_prioritaire", None),
        (
            {"CodProfilAmort": "X", "ProfilAmort": "Echéance constante"},
            "amortissement_deduit_interets_prioritaires",
            "profil à échéances constantes",
        ),
        (
            {"CodProfilAmort": "X", "ProfilAmort": "Produits CDC"},
            "amortissement_deduit_interets_differes",
            "« Produits CDC »",
        ),
    ],
    ids=["constant", "echeance-constante", "produits-cdc"],
)
def test_profils(champs: dict[str, str], profil: str, note: str | None) -> None:
    export = _export(champs)
    assert _cellules(export)["profil"] == profil
    profils = [n for n in _notes(export) if "profil" in n or "Produits CDC" in n]
    assert profils[0].startswith(note) if note else profils == []


@pytest.mark.parametrize(
    ("champs", "raison"),
    [
        ({"MtEmprOrig": None}, "montant initial absent (MtEmprOrig)"),
        ({"MtEmprOrig": "0"}, "montant initial absent (MtEmprOrig)"),
        ({"CodPeriodRemb": "B"}, "périodicité « B » non projetée"),
        ({"CodPeriodRemb": None}, "périodicité « absente » non projetée"),
        ({"Dt1RembInit": None}, "date du premier remboursement absente (Dt1RembInit)"),
        (
            {"DureeContratInit": None},
            "durée du contrat absente (DureeContratInit, DureeAnn)",
        ),
        ({"DureeContratInit": "0.2"}, "durée trop courte (0.2 ans)"),
        (
            {"CodProfilAmort": "F"},
            "remboursement in fine : profil non projeté par le moteur des prêts",
        ),
        (
            {"CodProfilAmort": "X", "ProfilAmort": "Durée Ajustable"},
            "profil d'amortissement non décrit (CodProfilAmort « X », « Durée Ajustable »)",
        ),
        ({"CodProfilAmort": None}, "profil d'amortissement non décrit (CodProfilAmort « absent »)"),
        (
            {"IndexTxVariInit": "EURIBOR03M", "CodTyptxInit": "V"},
            "index « EURIBOR03M » : seuls le Livret A, le LEP et le taux fixe sont projetés",
        ),
        (
            {"IndexTxVariInit": None, "CodTyptxInit": "V"},
            "index « absent » : seuls le Livret A, le LEP et le taux fixe sont projetés",
        ),
        (
            {"IndexTxVariInit": "FIXE", "Txinit": None},
            "taux fixe sans valeur (Txinit, TxActuaInit)",
        ),
        ({"IndexTxVariInit": "LIVRETA"}, "marge sur index absente (« LIVRETA »)"),
        (
            {"IndexTxVariInit": "Livret A + 1", "Txinit": None},
            "taux initial absent (Txinit) : valeur de l'index de référence inconnue",
        ),
    ],
    ids=[
        "sans-montant",
        "montant-nul",
        "bimestrielle",
        "sans-periodicite",
        "sans-premier-remboursement",
        "sans-duree",
        "duree-trop-courte",
        "in-fine",
        "profil-autre",
        "sans-profil",
        "euribor",
        "variable-sans-index",
        "fixe-sans-taux",
        "livret-a-sans-marge",
        "livret-a-sans-taux-initial",
    ],
)
def test_emprunt_ecarte_avec_sa_raison(champs: dict[str, str | None], raison: str) -> None:
    export = _export(champs)
    assert export.lignes == ()
    ((ecarte),) = export.ecartes
    assert (ecarte.emprunt, ecarte.chemin, ecarte.categorie, ecarte.raison) == (
        "P-1",
        "DATA_EMPRUNT/EMPRUNT[1]",
        "propre",
        raison,
    )


def test_taux_fixe_ecrit_dans_l_index_et_taux_actuariel_initial() -> None:
    assert _cellules(_export({"IndexTxVariInit": "Taux fixe à 1.63 %"}))["taux_interet"] == (
        "1,63 %"
    )
    actuariel = _export({"IndexTxVariInit": "FIXE", "Txinit": None, "TxActuaInit": "3.5"})
    assert _cellules(actuariel)["taux_interet"] == "3,5 %"


def test_index_absent_d_un_taux_fixe_dit() -> None:
    export = _export({"IndexTxVariInit": None})
    assert _cellules(export)["index"] == "fixe"
    assert "index non renseigné : taux fixe d'après le type de taux (CodTyptxInit F)" in (
        _notes(export)
    )


def test_livret_a_marge_et_valeur_de_reference_deduites() -> None:
    export = _export({"IndexTxVariInit": "Livret A + 0.6", "Txinit": "1.35"})
    cellules = _cellules(export)
    assert (
        cellules["index"],
        cellules["marge"],
        cellules["taux_interet"],
        cellules["valeur_index_reference"],
        cellules["revision"],
    ) == ("livret_a", "0,6 %", "1,35 %", "0,75 %", "SR")
    assert (
        "valeur de l'index de référence déduite : taux initial 1,35 % − marge 0,6 % = 0,75 %"
        in _notes(export)
    )
    assert "révision simple (SR) supposée : le mode de révision n'est pas dans l'annexe" in (
        _notes(export)
    )


def test_marge_lue_dans_le_taux_minimal() -> None:
    export = _export({"IndexTxVariInit": "LIVRETA", "TxMini": "LIVRETA+0,8", "Txinit": "1.55"})
    assert _cellules(export)["marge"] == "0,8 %"
    assert "marge lue dans TxMini (« LIVRETA+0,8 »)" in _notes(export)
    maxi = _export({"IndexTxVariInit": "LIVRETA", "TxMaxi": "LIVRETA-0,2", "Txinit": "0.55"})
    assert _cellules(maxi)["marge"] == "-0,2 %"
    autre_index = _export({"IndexTxVariInit": "LIVRETA", "TxMini": "LEP+0,8"})
    assert autre_index.ecartes[0].raison == "marge sur index absente (« LIVRETA »)"


def test_dette_garantie_garant_et_part() -> None:
    garanti = {"CodTypEmpr": "09", "NomBenefEmprGaranti": "Office HLM"}
    export = _export(garanti)
    cellules = _cellules(export)
    assert (cellules["emprunteur"], cellules["garants"]) == ("Office HLM", "Essai:100 %")
    assert "part garantie absente : 100 % supposés" in _notes(export)
    partielle = _export({**garanti, "PartGarantie": "25"})
    assert _cellules(partielle)["garants"] == "Essai:25 %;Autres garants (hors document):75 %"
    assert (
        "part garantie 25 % : le reste (75 %) est attribué à « Autres garants (hors document) », "
        "que l'annexe ne nomme pas" in _notes(partielle)
    )


def test_numeros_en_double_et_sans_numero() -> None:
    export = _export({}, {}, {"NumContrat": None})
    numeros = [ligne[0] for ligne in export.lignes]
    assert numeros == ["P-1", "P-1#2", "EMPRUNT-3"]
    assert "numéro de contrat en double : ligne nommée P-1#2" in _notes(export)
    assert len(export.prets()) == 3


def test_ligne_refusee_par_le_lecteur_des_portefeuilles() -> None:
    export = _export({"MtEmprOrig": "9999999999999.00"})  # au-delà du montant permis
    assert export.lignes == ()
    assert export.ecartes[0].raison.startswith("ligne refusée par le lecteur des portefeuilles")


def test_comparaison_de_l_exercice_dans_un_compte_seulement() -> None:
    """100 000 € à 2 % en 20 annuités constantes dès le 01/06/2020 : l'annuité est
    100 000 × 0,02 / (1 − 1,02⁻²⁰) = 6 115,67 € ; en 2021 (deuxième échéance), intérêts
    (100 000 − (6 115,67 − 2 000,00)) × 0,02 = 1 917,69 €, capital 4 197,98 €."""
    imprime = {"MtCapitalExer": "4197.98", "MtIntExer": "1917.69"}
    (comparaison,) = _export(imprime).comparaisons
    assert (comparaison.capital_calcule, comparaison.interets_calcules) == (
        Decimal("4197.98"),
        Decimal("1917.69"),
    )
    assert (comparaison.ecart_capital, comparaison.ecart_interets) == (0, 0)
    assert _export(imprime, nature="01").comparaisons == ()  # budget primitif : prévisions
    assert _export({}).comparaisons == ()  # capital de l'exercice non imprimé


def test_csv_relu_par_le_lecteur_des_portefeuilles() -> None:
    export = _export({"IndexTxVariInit": "Livret A + (-0.2)", "Txinit": "0.55"})
    texte = export.en_csv()
    assert texte.splitlines()[0] == ",".join(COLONNES_PORTEFEUILLE)
    (pret,) = export.prets()
    assert pret.lignes[0].marge == Decimal("-0.002")


def test_table_calculee_sur_l_historique_de_l_index() -> None:
    """Un prêt sur Livret A est calculé sur la série livrée du Livret A (pas à index figé) :
    le capital et les intérêts de l'exercice comparés sont ceux de cette table ; un prêt sur
    LEP commencé avant le début de la série livrée (01/02/2008) est écarté avec la raison."""
    from collectivites.prets import calculer_tableau, serie_index

    livret_a = {
        "IndexTxVariInit": "Livret A + 0.6",
        "Txinit": "4.6",
        "Dt1RembInit": "2006-06-01",
        "MtCapitalExer": "1",
        "MtIntExer": "1",
    }
    export = _export(livret_a)
    (pret,) = export.prets()
    historique = calculer_tableau(pret.lignes[0], index=serie_index("livret_a"))
    fige = calculer_tableau(pret.lignes[0])
    de_2021 = [r for r in historique.lignes if r.date.year == 2021]
    assert export.comparaisons[0].interets_calcules == sum(r.interets for r in de_2021)
    assert sum(r.interets for r in de_2021) != sum(
        r.interets for r in fige.lignes if r.date.year == 2021
    )
    lep = _export({"IndexTxVariInit": "LEP + 0.5", "Txinit": "3.25", "Dt1RembInit": "2004-06-01"})
    assert lep.lignes == ()
    assert lep.ecartes[0].raison.startswith("table incalculable sur l'historique de l'index : ")
    assert "la série « lep » commence le 01/02/2008" in lep.ecartes[0].raison


def test_csv_a_fins_de_ligne_unix() -> None:
    texte = _export({}).en_csv()
    assert "\r" not in texte
    assert texte.count("\n") == 2


def test_pourcentages_independants_du_contexte_de_l_appelant() -> None:
    import decimal

    with decimal.localcontext(decimal.Context(prec=2)):
        export = _export({"IndexTxVariInit": "Livret A + 0.635", "Txinit": "1.835"})
    cellules = _cellules(export)
    assert (cellules["marge"], cellules["taux_interet"], cellules["valeur_index_reference"]) == (
        "0,635 %",
        "1,835 %",
        "1,2 %",
    )


def test_duree_nulle_absente_et_une_seule_echeance() -> None:
    for champs in ({"DureeContratInit": "0"}, {"DureeContratInit": None, "DureeAnn": "0"}):
        (ecarte,) = _export(champs).ecartes
        assert ecarte.raison == "durée du contrat absente (DureeContratInit, DureeAnn)"
    assert _cellules(_export({"DureeContratInit": "1"}))["duree"] == "1"


def test_identifiant_sans_espaces_doubles_et_borne_a_60_caracteres() -> None:
    assert _cellules(_export({"NumContrat": " A  12   B "}))["numero"] == "A 12 B"
    long = "N" * 61
    cellules = _cellules(_export({"NumContrat": long}))
    assert (cellules["numero"], cellules["identifiant"]) == ("N" * 60, "N" * 60)


def test_petit_montant_produit_et_emprunteur_sans_beneficiaire() -> None:
    cellules = _cellules(
        _export({"MtEmprOrig": "1.00", "CodProfilAmort": "X", "ProfilAmort": "Produits CDC"})
    )
    assert (cellules["montant"], cellules["produit"]) == ("1.00", "Produits CDC")
    garanti = _export({"CodTypEmpr": "09"})  # sans NomBenefEmprGaranti
    assert garanti.ecartes == ()
    assert _cellules(garanti)["emprunteur"] == ""


def test_comparaison_nommee_et_annee_sans_echeance() -> None:
    imprime = {"MtCapitalExer": "0.00", "MtIntExer": "0.00", "Dt1RembInit": "2023-06-01"}
    (comparaison,) = _export(imprime).comparaisons
    assert comparaison.emprunt == "P-1"
    # Aucune échéance en 2021 : des sommes nulles au centime, pas un entier.
    assert (str(comparaison.capital_calcule), str(comparaison.interets_calcules)) == (
        "0.00",
        "0.00",
    )


def test_doublon_renomme_dans_ses_deux_colonnes_et_export_qui_continue() -> None:
    export = _export({}, {})
    second = dict(zip(COLONNES_PORTEFEUILLE, export.lignes[1], strict=True))
    assert (second["numero"], second["identifiant"]) == ("P-1#2", "P-1#2")
    assert export.document.collectivite == "Essai"
    # Un emprunt écarté ou refusé n'arrête pas l'export des suivants.
    apres_ecarte = _export({"MtEmprOrig": None}, {"NumContrat": "P-2"})
    assert [ligne[0] for ligne in apres_ecarte.lignes] == ["P-2"]
    apres_refus = _export({"MtEmprOrig": "9999999999999.00"}, {"NumContrat": "P-2"})
    assert [ligne[0] for ligne in apres_refus.lignes] == ["P-2"]
    assert len(apres_refus.ecartes) == 1
