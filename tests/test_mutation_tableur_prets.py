"""Portefeuille en tableau (``collectivites.prets._tableur``), pièce à pièce : garants écrits
« Nom:25 % », cellules vides, préfinancement en trois colonnes, colonne inconnue, erreurs qui
nomment la ligne et la colonne, prêts formés des lignes de même numéro, tableau d'un seul prêt,
fichier binaire, et le modèle vide tiré de l'exemple livré cdc-57851 (issue 27, tests de
mutation)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from collectivites.chargement import LigneCsv
from collectivites.erreurs import ErreurDossier, ErreurEntree, ErreurValeur
from collectivites.prets import _tableur as t
from collectivites.prets import exemple_pret, lire_portefeuille, modele_portefeuille
from collectivites.prets._modeles import Prefinancement, ReglementPrefinancement
from tests.synthetique import COLONNES, ecrire_csv, lignes

LOZERE = "Département de la Lozère"
COMMUNE = "Commune de Saint-Alban-sur-Limagnole"


def test_garants() -> None:
    assert t._garants(f"{LOZERE}:25 %;{COMMUNE}:75 %") == [
        {"nom": LOZERE, "quotite": "25 %"},
        {"nom": COMMUNE, "quotite": "75 %"},
    ]
    # morceaux vides ignorés, blancs retirés, le dernier « : » sépare la quotité
    assert t._garants(" ;  A : 25 % ;; B:C:75 %; ") == [
        {"nom": "A", "quotite": "25 %"},
        {"nom": "B:C", "quotite": "75 %"},
    ]
    assert t._garants("") == []


@pytest.mark.parametrize("morceau", ["Département 25 %", " :25 %", ":"])
def test_garant_illisible(morceau: str) -> None:
    with pytest.raises(ErreurValeur) as erreur:
        t._garants(f"A:10 %;{morceau}")
    assert erreur.value.message == "garant illisible"
    assert (erreur.value.cle, erreur.value.valeur) == ("garants", morceau.strip())
    assert erreur.value.attendu == "« Nom:25 % » séparés par « ; »"


def test_donnees_d_une_ligne() -> None:
    ligne = LigneCsv(
        {
            "numero": " 57851 ",
            "identifiant": "5165325",
            "montant": "",
            "duree": " 50 ",
            "marge": "   ",
            "garants": "A:100 %",
            "prefinancement_duree_mois": "12",
            "prefinancement_taux": "1,35 %",
            "prefinancement_reglement_interets": "",
        }
    )
    numero, donnees = t._donnees(ligne)
    assert numero == "57851"
    assert donnees == {
        "identifiant": "5165325",
        "duree": 50,
        "garants": [{"nom": "A", "quotite": "100 %"}],
        "prefinancement": {"duree_mois": 12, "taux": "1,35 %"},
    }
    assert t._donnees(LigneCsv({"numero": "", "identifiant": "1"})) == ("", {"identifiant": "1"})
    assert t._donnees(LigneCsv({"numero": None, "duree": None})) == ("", {})  # type: ignore[dict-item]


@pytest.mark.parametrize(
    ("entete", "message"),
    [
        ("montnat", "colonne inconnue ; vouliez-vous dire « montant » ?"),
        ("zzzz", "colonne inconnue"),
    ],
)
def test_colonne_inconnue(entete: str, message: str) -> None:
    t.verifier_colonnes(list(t.COLONNES_PORTEFEUILLE), "p.csv")
    with pytest.raises(ErreurDossier) as erreur:
        t.verifier_colonnes(["numero", entete, "montant"], "p.csv")
    e = erreur.value
    assert e.message == message
    assert (e.fichier, e.ligne, e.valeur) == ("p.csv", 1, entete)
    assert e.attendu == "les colonnes du modèle (collectivites pret modele-portefeuille)"


def test_colonnes_du_modele() -> None:
    """Le numéro, les clés simples d'une ligne dans l'ordre du dossier, les garants, puis le
    préfinancement en trois colonnes."""
    colonnes = t.COLONNES_PORTEFEUILLE
    assert colonnes[:3] == ("numero", "identifiant", "contrat")
    assert colonnes[-4:] == (
        "garants",
        "prefinancement_duree_mois",
        "prefinancement_taux",
        "prefinancement_reglement_interets",
    )
    assert "versements" not in colonnes


@pytest.mark.parametrize(
    ("texte", "message"),
    [
        ("numero,numero\n1,2\n", "colonne en double"),
        ("", "fichier CSV vide"),
        ("numero,montnat\n1,2\n", "colonne inconnue ; vouliez-vous dire « montant » ?"),
    ],
)
def test_refus_du_texte_nomment_le_fichier(texte: str, message: str) -> None:
    with pytest.raises(ErreurDossier) as erreur:
        list(t.lignes_du_tableau(texte, "p.csv"))
    assert (erreur.value.message, erreur.value.fichier) == (message, "p.csv")


def test_tableau_sans_ligne() -> None:
    with pytest.raises(ErreurDossier) as erreur:
        list(t.lignes_du_tableau("numero,montant\n", "p.csv"))
    assert erreur.value.message == "aucune ligne de prêt dans le tableau"
    assert erreur.value.fichier == "p.csv"


def _texte(rangs: list[dict[str, str]]) -> str:
    return (
        ",".join(COLONNES)
        + "\n"
        + "".join(",".join(f'"{r[c]}"' for c in COLONNES) + "\n" for r in rangs)
    )


def test_erreur_nommee_a_sa_ligne_et_sa_colonne() -> None:
    rangs = list(lignes(4))
    rangs[2]["duree"] = "0"
    with pytest.raises(ErreurDossier) as erreur:
        list(t.lignes_du_tableau(_texte(rangs), "p.csv"))
    e = erreur.value
    assert (e.fichier, e.ligne, e.cle, e.valeur) == ("p.csv", 4, "duree", 0)
    assert e.attendu is not None and "1" in e.attendu
    # décalage : le texte commence plus bas dans le fichier
    with pytest.raises(ErreurDossier) as erreur:
        list(t.lignes_du_tableau(_texte(rangs), "p.csv", decalage=10))
    assert erreur.value.ligne == 14
    rangs[2]["duree"] = "50"
    rangs[3]["garants"] = "sans quotite"
    with pytest.raises(ErreurDossier) as erreur:
        list(t.lignes_du_tableau(_texte(rangs), "p.csv"))
    e = erreur.value
    assert (e.message, e.ligne, e.cle, e.valeur) == (
        "garant illisible",
        5,
        "garants",
        "sans quotite",
    )
    assert e.attendu == "« Nom:25 % » séparés par « ; »"


def test_prets_formes_des_lignes_de_meme_numero_dans_l_ordre() -> None:
    rangs = list(lignes(6))  # contrats C0000000, C0000001, C0000002, deux lignes chacun
    rangs[0], rangs[5] = rangs[5], rangs[0]  # C2, C0, C1, C1, C2, C0 : regroupés par numéro
    prets = t.prets_des_lignes(t.lignes_du_tableau(_texte(rangs), "p.csv"), "p.csv")
    assert [p.numero for p in prets] == ["C0000002", "C0000000", "C0000001"]
    assert [[x.identifiant for x in p.lignes] for p in prets] == [
        ["L0000005", "L0000004"],
        ["L0000001", "L0000000"],
        ["L0000002", "L0000003"],
    ]
    assert [p.emprunteur for p in prets] == ["bailleur 5", "bailleur 1", "bailleur 2"]


def test_pret_refuse_nomme_son_numero(tmp_path: Path) -> None:
    rangs = list(lignes(2))
    rangs[1]["identifiant"] = rangs[0]["identifiant"]
    with pytest.raises(ErreurDossier) as erreur:
        t.prets_des_lignes(t.lignes_du_tableau(_texte(rangs), "p.csv"), "p.csv")
    e = erreur.value
    assert e.message.startswith("prêt C0000000 : ")
    assert (e.fichier, e.cle) == ("p.csv", "numero")
    for rang in rangs:
        rang["numero"] = ""
    with pytest.raises(ErreurDossier) as erreur:
        t.prets_des_lignes(t.lignes_du_tableau(_texte(rangs), "p.csv"), "p.csv")
    assert erreur.value.message.startswith("prêt sans numéro : ")


def test_lire_portefeuille(tmp_path: Path) -> None:
    chemin = ecrire_csv(tmp_path / "p.csv", 4)
    prets = lire_portefeuille(chemin)
    assert [p.numero for p in prets] == ["C0000000", "C0000001"]
    assert prets[0].lignes[0].montant == Decimal(next(lignes(1))["montant"])
    assert lire_portefeuille(str(chemin)) == prets


def test_refus_de_lire_portefeuille_nomment_le_fichier(tmp_path: Path) -> None:
    rangs = list(lignes(2))
    rangs[1]["identifiant"] = rangs[0]["identifiant"]  # deux lignes du même prêt, même n°
    chemin = tmp_path / "p.csv"
    chemin.write_text(_texte(rangs), "utf-8")
    with pytest.raises(ErreurDossier) as erreur:
        lire_portefeuille(chemin)
    assert erreur.value.message.startswith("prêt C0000000 : ")
    assert erreur.value.fichier == str(chemin)
    rangs = list(lignes(2))
    rangs[1]["duree"] = "0"
    chemin.write_text(_texte(rangs), "utf-8")
    with pytest.raises(ErreurDossier) as erreur:
        lire_portefeuille(chemin)
    assert (erreur.value.fichier, erreur.value.ligne, erreur.value.cle) == (str(chemin), 3, "duree")


def test_prefinancement_en_trois_colonnes(tmp_path: Path) -> None:
    rangs = list(lignes(1))
    texte = _texte(rangs).splitlines()
    texte[0] += ",prefinancement_duree_mois,prefinancement_taux,prefinancement_reglement_interets"
    texte[1] += ',12,"1,35 %",capitalisation'
    chemin = tmp_path / "p.csv"
    chemin.write_text("\n".join(texte) + "\n", "utf-8")
    [pret] = lire_portefeuille(chemin)
    assert pret.lignes[0].prefinancement == Prefinancement(
        duree_mois=12, taux=Decimal("0.0135"), reglement=ReglementPrefinancement.CAPITALISATION
    )


# --- un prêt, ou un portefeuille ----------------------------------------------------------


def test_tableau_d_un_seul_pret(tmp_path: Path) -> None:
    chemin = ecrire_csv(tmp_path / "p.CSV", 2)
    pret = t.charger_pret_ou_portefeuille(chemin)
    assert pret == lire_portefeuille(chemin)[0]
    assert [x.identifiant for x in pret.lignes] == ["L0000000", "L0000001"]


@pytest.mark.parametrize(
    ("nombre", "numeros"),
    [
        (4, "C0000000, C0000001"),
        (10, "C0000000, C0000001, C0000002, C0000003, C0000004"),
        (12, "C0000000, C0000001, C0000002, C0000003, C0000004…"),
    ],
)
def test_tableau_de_plusieurs_prets_refuse(tmp_path: Path, nombre: int, numeros: str) -> None:
    chemin = ecrire_csv(tmp_path / "p.csv", nombre)
    with pytest.raises(ErreurDossier) as erreur:
        t.charger_pret_ou_portefeuille(chemin)
    e = erreur.value
    assert e.message == (
        f"le tableau décrit {nombre // 2} prêts (numéros {numeros}) ; un portefeuille se "
        "calcule avec « collectivites pret portefeuille FICHIER »"
    )
    assert (e.fichier, e.attendu) == (
        str(chemin),
        "un seul numéro de prêt dans la colonne « numero »",
    )


def test_tableau_de_prets_sans_numero_et_numerote(tmp_path: Path) -> None:
    rangs = list(lignes(2))
    rangs[0]["numero"] = ""
    chemin = tmp_path / "p.csv"
    chemin.write_text(_texte(rangs), "utf-8")
    with pytest.raises(ErreurDossier, match=r"le tableau décrit 2 prêts \(numéros « », C0000000\)"):
        t.charger_pret_ou_portefeuille(chemin)


def test_dossier_toml_et_fichier_binaire(tmp_path: Path) -> None:
    dossier = Path(t.__file__).parent.parent / "donnees/exemples/cdc-57851.toml"
    assert t.charger_pret_ou_portefeuille(dossier) == exemple_pret("cdc-57851")
    binaire = tmp_path / "modele.toml"
    binaire.write_bytes(b"PK\x03\x04\x00\x00\x01\x02")
    with pytest.raises(ErreurEntree) as erreur:
        t.charger_pret_ou_portefeuille(binaire)
    e = erreur.value
    assert e.message == (
        "fichier binaire ; un classeur (modèle de « collectivites pret modele-portefeuille ») "
        "se lit sous son nom en .xlsx"
    )
    assert (e.fichier, e.attendu) == (
        str(binaire),
        "un dossier TOML, ou un tableau de portefeuille .csv ou .xlsx",
    )
    with pytest.raises(ErreurEntree) as erreur:
        t.charger_pret_ou_portefeuille(tmp_path / "absent.toml")
    assert not erreur.value.message.startswith("fichier binaire")


# --- le modèle ----------------------------------------------------------------------------


def test_cellule_du_modele() -> None:
    assert t._cellule(dt.date(2017, 12, 6)) == "06/12/2017"
    assert t._cellule(Decimal("128189.00")) == "128189.00"
    assert t._cellule(50) == "50"


def test_ligne_d_exemple_du_modele() -> None:
    """La ligne 5165325 du contrat 57851 (art. 9) : PLUS foncier, 128 189,00 €, 50 ans,
    préfinancement de 12 mois ; garants du contrat (art. 16)."""
    exemple = t._exemple()
    assert exemple["numero"] == "57851"
    assert exemple["identifiant"] == "5165325"
    assert exemple["produit"] == "PLUS foncier"
    assert exemple["montant"] == "128189.00"
    assert exemple["date_debut_amortissement"] == "06/12/2017"
    assert exemple["duree"] == "50"
    assert exemple["prefinancement_duree_mois"] == "12"
    assert exemple["garants"] == f"{LOZERE}:25 %;{COMMUNE}:75 %"
    assert set(exemple) <= set(t.COLONNES_PORTEFEUILLE)


def test_modele_de_portefeuille() -> None:
    document = modele_portefeuille()
    assert document.titre == "Modèle de portefeuille de prêts"
    feuille, aides = document.tables
    assert (feuille.cle, feuille.titre) == ("portefeuille", "Portefeuille")
    assert [c.cle for c in feuille.colonnes] == list(t.COLONNES_PORTEFEUILLE)
    genres = {c.cle: c.genre.value for c in feuille.colonnes}
    assert genres["montant"] == "montant"
    assert {g for c, g in genres.items() if c != "montant"} == {"texte"}
    [ligne] = feuille.lignes
    valeurs = dict(zip(t.COLONNES_PORTEFEUILLE, ligne, strict=True))
    assert valeurs["montant"] == Decimal("128189.00")
    assert valeurs["numero"] == "57851"
    assert valeurs["differe_amortissement_mois"] == ""  # absente de l'exemple : vide
    assert (aides.cle, aides.titre) == ("colonnes", "Colonnes")
    assert [c.cle for c in aides.colonnes] == ["colonne", "signification", "valeurs", "obligatoire"]
    assert [c.libelle for c in aides.colonnes] == [
        "Colonne",
        "Signification",
        "Valeurs permises",
        "Obligatoire",
    ]
    assert {c.genre.value for c in aides.colonnes} == {"texte"}
    assert [c.libelle for c in feuille.colonnes] == list(t.COLONNES_PORTEFEUILLE)
    par_colonne = {x[0]: x[1:] for x in aides.lignes}
    assert list(par_colonne) == list(t.COLONNES_PORTEFEUILLE)
    assert par_colonne["numero"] == (
        "numéro du contrat : les lignes de même numéro forment un prêt",
        "texte",
        "non",
    )
    assert par_colonne["garants"] == ("garants de la ligne", "« Nom:25 %;Autre nom:75 % »", "non")
    assert par_colonne["montant"][0] == "montant de la ligne en euros"
    assert par_colonne["montant"][2] == "oui"
    assert par_colonne["identifiant"][2] == "non"
    assert par_colonne["prefinancement_duree_mois"][0] == "durée du préfinancement (3 à 24 mois)"
    assert par_colonne["prefinancement_duree_mois"][2] == "oui"
    assert par_colonne["prefinancement_taux"][2] == "non"
    assert document.hypotheses == (
        "Une ligne par ligne de prêt ; les lignes de même numéro forment un prêt.",
        "Une cellule vide : la clé est absente, sa valeur par défaut s'applique.",
        "Montants « 128 189,00 » ou « 128189.00 » ; taux « 1,35 % » ; dates JJ/MM/AAAA.",
    )
