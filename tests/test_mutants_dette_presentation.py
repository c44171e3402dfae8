"""Tests de mutation de ``collectivites.dette._presentation`` : le document de l'état de la
dette (tables par groupe, parts de l'encours, graphique des prêteurs, liste des emprunts,
ratio des garanties, hypothèses) sur les emprunts écrits à la main de ``test_dette_etat``.

Les montants attendus se refont à la main : CDC = emprunts A et B (1 000 + 3 000 au 1er
janvier, 900 + 1 000 au 31 décembre), CE = emprunt C (100 et 50) ; encours propre au 31
décembre 1 950 ; part de la CDC 1 900 / 1 950 = 0,974358… → 0,97436."""

from __future__ import annotations

from decimal import Decimal

import attrs

from collectivites.dette import etat_de_la_dette, lire_document_budgetaire
from collectivites.tables import Genre, Graphique

from .test_dette_etat import EMPRUNTS, _document

D = Decimal

#: Les colonnes d'une table de groupe : clé, libellé, genre, total, décimales.
COLONNES_GROUPE = [
    ("nombre", "Nombre", Genre.ENTIER, True, None),
    ("crd_debut", "Capital restant dû au 1er janvier", Genre.MONTANT, True, None),
    ("capital", "Capital de l'exercice", Genre.MONTANT, True, None),
    ("interets", "Intérêts de l'exercice", Genre.MONTANT, True, None),
    ("annuite", "Annuité", Genre.MONTANT, True, None),
    ("crd_fin", "Capital restant dû au 31 décembre", Genre.MONTANT, True, None),
    ("icne", "ICNE", Genre.MONTANT, True, None),
    ("taux_moyen", "Taux moyen", Genre.TAUX, False, 3),
    ("duree_moyenne", "Durée résiduelle moyenne (ans)", Genre.NOMBRE, False, 2),
]
PART = ("part", "Part de l'encours", Genre.TAUX, False, None)


def _decrire(emprunts: list[dict[str, str]], nature: str = "09", **autres: object):  # type: ignore[no-untyped-def]
    document = lire_document_budgetaire(_document(emprunts, nature))
    if autres:
        document = attrs.evolve(document, **autres)
    return etat_de_la_dette(document).decrire()


def _colonnes(table):  # type: ignore[no-untyped-def]
    return [(c.cle, c.libelle, c.genre, c.total, c.decimales) for c in table.colonnes]


def test_tables_dans_l_ordre_avec_leurs_titres() -> None:
    document = _decrire(EMPRUNTS)
    assert [(t.cle, t.titre) for t in document.tables] == [
        ("synthese", "Synthèse par catégorie"),
        ("preteurs", "Dette propre par prêteur"),
        ("types_de_taux", "Dette propre par type de taux"),
        ("charte", "Classes de la charte (propre)"),
        ("beneficiaires", "Dette garantie par bénéficiaire"),
        ("types_garantis", "Dette garantie par type"),
        ("emprunts", "Emprunts de l'annexe"),
    ]
    premieres = [(t.colonnes[0].cle, t.colonnes[0].libelle) for t in document.tables[:6]]
    assert premieres == [
        ("categorie", "Catégorie"),
        ("preteur", "Prêteur"),
        ("type_taux", "Type de taux"),
        ("classe", "Classe"),
        ("beneficiaire", "Bénéficiaire"),
        ("type_garanti", "Type d'emprunt garanti"),
    ]
    for table in document.tables[:6]:
        assert table.colonnes[0].genre is Genre.TEXTE
        assert table.colonnes[0].total is False
        assert table.detail is False
    assert _colonnes(document.table("synthese"))[1:] == COLONNES_GROUPE
    for cle in ("preteurs", "types_de_taux", "charte", "beneficiaires", "types_garantis"):
        assert _colonnes(document.table(cle))[1:] == [*COLONNES_GROUPE, PART]


def test_synthese_par_categorie_sans_part() -> None:
    synthese = _decrire(EMPRUNTS).table("synthese")
    assert synthese.lignes == (
        # taux moyen 58 / 1 900 = 0,0305263… → 0,03053 ; durée 14 500 / 1 900 = 7,6315… → 7,63
        ("Dette propre", 3, D("4100"), D("2150"), D("141"), D("2291"), D("1950"), D("3"),
         D("0.03053"), D("7.63")),
        ("Dette garantie", 1, D("500"), D("100"), D("10"), D("110"), D("400"), D("0"),
         D("0.01000"), None),
    )  # fmt: skip
    assert str(synthese.lignes[0][8]) == "0.03053" and str(synthese.lignes[0][9]) == "7.63"
    assert str(synthese.lignes[1][8]) == "0.01000"
    assert synthese.graphique is None


def test_preteurs_parts_de_l_encours_au_31_decembre_et_graphique() -> None:
    preteurs = _decrire(EMPRUNTS).table("preteurs")
    assert preteurs.lignes == (
        ("Caisse des Dépôts", 2, D("4000"), D("2100"), D("140"), D("2240"), D("1900"), D("3"),
         D("0.03053"), D("7.63"), D("0.97436")),
        ("Caisse d'Épargne", 1, D("100"), D("50"), D("1"), D("51"), D("50"), D("0"),
         None, None, D("0.02564")),
    )  # fmt: skip
    assert preteurs.graphique == Graphique(
        titre="Dette propre au 31 décembre par prêteur", abscisse="preteur", barres=("crd_fin",)
    )


def test_parts_des_autres_groupes() -> None:
    document = _decrire(EMPRUNTS)
    # V : 1 000 / 1 950 = 0,512820… ; F : 900 / 1 950 = 0,461538… ; C sans type : 50 / 1 950
    assert [(ligne[0], ligne[-1]) for ligne in document.table("types_de_taux").lignes] == [
        ("Variable simple", D("0.51282")),
        ("Fixe", D("0.46154")),
        ("?", D("0.02564")),
    ]
    # classe « ? » : A (900) et C (50) = 950 / 1 950 = 0,487179…
    assert [(ligne[0], ligne[-1]) for ligne in document.table("charte").lignes] == [
        ("1A", D("0.51282")),
        ("?", D("0.48718")),
    ]
    assert [(ligne[0], ligne[-1]) for ligne in document.table("beneficiaires").lignes] == [
        ("Office HLM", D("1.00000"))
    ]
    assert [(ligne[0], ligne[-1]) for ligne in document.table("types_garantis").lignes] == [
        ("Opérations de logement social", D("1.00000"))
    ]
    for cle in ("types_de_taux", "charte", "beneficiaires", "types_garantis"):
        assert document.table(cle).graphique is None


def test_budget_parts_et_graphique_au_1er_janvier() -> None:
    """Dans un budget, l'encours de référence est le 1er janvier : CDC 4 000 / 4 100 =
    0,975609… ; CE 100 / 4 100 = 0,024390…"""
    document = _decrire(EMPRUNTS, nature="01")
    preteurs = document.table("preteurs")
    assert [(ligne[0], ligne[-1]) for ligne in preteurs.lignes] == [
        ("Caisse des Dépôts", D("0.97561")),
        ("Caisse d'Épargne", D("0.02439")),
    ]
    assert preteurs.graphique == Graphique(
        titre="Dette propre au 1er janvier par prêteur", abscisse="preteur", barres=("crd_debut",)
    )
    assert document.hypotheses[1] == (
        "Taux moyen et durée résiduelle moyenne pondérés par le capital restant dû au 1er "
        "janvier ; parts de l'encours au 1er janvier."
    )


def test_part_absente_quand_l_encours_du_groupe_est_nul() -> None:
    nuls = [{"CodTypEmpr": "01", "LibOrgaPreteur": "CDC", "MtCapitalExer": "10"}]
    (ligne,) = _decrire(nuls).table("preteurs").lignes
    assert ligne[0] == "Caisse des Dépôts"
    assert ligne[-1] is None


def test_emprunts_de_l_annexe() -> None:
    complet = {
        "CodTypEmpr": "09",
        "NumContrat": "K-1",
        "LibOrgaPreteur": "Banque",
        "ObjEmpr": "Voirie",
        "NomBenefEmprGaranti": "Office",
        "IndexTxVariDtVote": "E",
        "CodTyptxDtVote": "V",
        "MtCapitalRestDu_01_01": "200",
        "MtCapitalRestDu_31_12": "150",
        "MtCapitalExer": "50",
        "MtIntExer": "4",
        "MtICNE": "1",
        "TxActua": "3",
        "DureeRest": "2.5",
        "StructureDtVote": "B",
        "IndSousJacentDtVote": "2",
    }
    document = _decrire([*EMPRUNTS[:1], complet])
    emprunts = document.table("emprunts")
    assert emprunts.detail is True
    assert emprunts.graphique is None
    assert _colonnes(emprunts) == [
        ("rang", "Rang (EMPRUNT[n])", Genre.ENTIER, False, None),
        ("categorie", "Catégorie", Genre.TEXTE, False, None),
        ("numero_contrat", "N° de contrat", Genre.TEXTE, False, None),
        ("preteur", "Prêteur (texte du fichier)", Genre.TEXTE, False, None),
        ("objet", "Objet", Genre.TEXTE, False, None),
        ("beneficiaire", "Bénéficiaire (garantie)", Genre.TEXTE, False, None),
        ("index", "Index", Genre.TEXTE, False, None),
        ("index_libelle", "Index (texte du fichier)", Genre.TEXTE, False, None),
        ("marge", "Marge", Genre.TAUX, False, 3),
        ("taux_actuel", "Taux actuel", Genre.TAUX, False, 3),
        ("crd_debut", "Capital restant dû au 1er janvier", Genre.MONTANT, True, None),
        ("capital", "Capital de l'exercice", Genre.MONTANT, True, None),
        ("interets", "Intérêts de l'exercice", Genre.MONTANT, True, None),
        ("crd_fin", "Capital restant dû au 31 décembre", Genre.MONTANT, True, None),
        ("icne", "ICNE", Genre.MONTANT, True, None),
        ("classe", "Classe de la charte", Genre.TEXTE, False, None),
        ("duree_residuelle", "Durée résiduelle (ans)", Genre.NOMBRE, False, 2),
    ]
    lu = lire_document_budgetaire(_document([*EMPRUNTS[:1], complet])).emprunts[1]
    premiere, seconde = emprunts.lignes
    assert premiere == (
        1, "propre", "C", "CE", "", "", "", "", None, None,
        D("100"), D("50"), D("1"), D("50"), None, "", None,
    )  # fmt: skip
    assert seconde == (
        2, "garanti", "K-1", "Banque", "Voirie", "Office", lu.index or "", lu.index_libelle or "",
        lu.marge, D("0.03"), D("200"), D("50"), D("4"), D("150"), D("1"), lu.gissler, D("2.5"),
    )  # fmt: skip
    assert seconde[6] and seconde[15] == "2B"
    assert lu.objet == "Voirie" and lu.beneficiaire == "Office"


def test_emprunt_sans_texte_montre_des_cases_vides() -> None:
    nu = {"CodTypEmpr": "01", "MtCapitalRestDu_31_12": "10"}
    (ligne,) = _decrire([nu]).table("emprunts").lignes
    assert ligne[:8] == (1, "propre", "", "", "", "", "", "")
    assert ligne[15] == ""


def test_hypotheses_source_et_notes_de_lecture() -> None:
    document = _decrire(EMPRUNTS, source="annexe.xml", notes=("balise vide ignorée", "n° 2"))
    assert document.hypotheses[:2] == (
        "Source : annexe.xml. Montants tels que le fichier les imprime (annexe DATA_EMPRUNT), "
        "sans recalcul.",
        "Lecture : balise vide ignorée.",
    )
    assert document.hypotheses[2] == "Lecture : n° 2."
    sans = _decrire(EMPRUNTS)
    assert sans.hypotheses[0] == (
        "Montants tels que le fichier les imprime (annexe DATA_EMPRUNT), sans recalcul."
    )
    assert sans.hypotheses[1].startswith("Taux moyen et durée résiduelle moyenne pondérés")
    assert sans.hypotheses[1].endswith("au 31 décembre ; parts de l'encours au 31 décembre.")
    assert len(sans.hypotheses) == 3


def test_sans_element_du_ratio_ni_fait_ni_table_ni_hypothese() -> None:
    document = _decrire(EMPRUNTS)
    assert not any(f.cle.startswith("ratio") for f in document.faits)
    assert "ratio" not in [t.cle for t in document.tables]
    assert not any("atio" in h for h in document.hypotheses)


def test_ratio_non_calcule_dit_pourquoi() -> None:
    document = _decrire([*EMPRUNTS, {"CodTypEmpr": "10", "RReelFon": "1000000"}])
    assert document.hypotheses[-1] == (
        "Ratio des garanties non calculé : la ligne des éléments du ratio ne porte que les "
        "recettes réelles de fonctionnement (ni annuité nette de la dette ni annuités "
        "garanties)."
    )
    assert not any(f.cle.startswith("ratio") for f in document.faits)
    assert "ratio" not in [t.cle for t in document.tables]


def test_ratio_calcule_faits_table_et_elements_absents() -> None:
    ratio = {
        "CodTypEmpr": "10",
        "RReelFon": "1000000",
        "AnnuitNetDette": "1000",
        "PartGarantiesEmprunt": "0.12",
    }
    document = _decrire([*EMPRUNTS, ratio])
    faits = {f.cle: f for f in document.faits}
    # (1 000 + 0 garanties) / 1 000 000 = 0,1 % ; imprimé : 0,12 % (fraction 0,0012)
    assert (faits["ratio_garanties"].libelle, faits["ratio_garanties"].genre) == (
        "Ratio des garanties (CGCT D1511-30 à D1511-33)",
        Genre.TAUX,
    )
    assert faits["ratio_garanties"].valeur == D("0.001")
    assert (faits["ratio_respecte"].libelle, faits["ratio_respecte"].valeur) == (
        "Plafond de 50 % respecté",
        True,
    )
    assert faits["ratio_respecte"].genre is Genre.BOOLEEN
    assert (faits["ratio_imprime"].libelle, faits["ratio_imprime"].valeur) == (
        "Ratio imprimé par le fichier (PartGarantiesEmprunt)",
        D("0.0012"),
    )
    assert faits["ratio_imprime"].genre is Genre.TAUX
    assert [f.cle for f in document.faits][-3:] == [
        "ratio_garanties",
        "ratio_respecte",
        "ratio_imprime",
    ]
    assert [t.cle for t in document.tables][-2:] == ["ratio", "emprunts"]
    table = document.table("ratio")
    assert table.titre == "Calcul du ratio des garanties"
    assert [c.cle for c in table.colonnes] == ["poste", "champ", "montant"]
    assert table.lignes[2] == ("Annuité nette de la dette (D1511-30)", "AnnuitNetDette", D("1000"))
    assert table.lignes[5][1:] == ("RReelFon", D("1000000"))
    assert len(table.lignes) == 8
    ratio_h = [h for h in document.hypotheses if h.startswith("Ratio : ")]
    assert len(ratio_h) == 2
    assert ratio_h[0].startswith("Ratio : Pourcentages de la version du 09/04/2000")
    assert ratio_h[1].startswith("Ratio : Affichage : charges au centime supérieur")
    assert document.hypotheses[-1] == (
        "Éléments du ratio absents du fichier, comptés pour zéro : TotGarEchoirExer, "
        "Tot1Annuite, ProvGarantiEmpr."
    )


def test_ratio_complet_sans_element_absent_ni_ratio_imprime() -> None:
    ratio = {
        "CodTypEmpr": "10",
        "RReelFon": "1000000",
        "AnnuitNetDette": "1000",
        "TotGarEchoirExer": "10",
        "Tot1Annuite": "20",
        "ProvGarantiEmpr": "5",
    }
    document = _decrire([*EMPRUNTS, ratio])
    assert "ratio_imprime" not in [f.cle for f in document.faits]
    assert "ratio_garanties" in [f.cle for f in document.faits]
    assert not any(h.startswith("Éléments du ratio absents") for h in document.hypotheses)
    assert document.hypotheses[-1].startswith("Ratio : ")


def test_un_seul_element_absent() -> None:
    ratio = {
        "CodTypEmpr": "10",
        "RReelFon": "1000000",
        "AnnuitNetDette": "1000",
        "TotGarEchoirExer": "10",
        "ProvGarantiEmpr": "5",
    }
    document = _decrire([*EMPRUNTS, ratio])
    assert document.hypotheses[-1] == (
        "Éléments du ratio absents du fichier, comptés pour zéro : Tot1Annuite."
    )
