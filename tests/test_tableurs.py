"""Ce que les agents ont dans leurs tableurs : rapprochement d'un tableau saisi, portefeuille en
tableau (CSV, XLSX), séries en classeur, liste des exemples."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
from decimal import Decimal
from pathlib import Path

import pytest

from collectivites.cli import main
from collectivites.erreurs import ErreurDossier, ErreurEntree
from collectivites.prets import (
    COLONNES_PORTEFEUILLE,
    calculer_tableau,
    exemple_pret,
    lire_index_csv,
    lire_portefeuille,
    lire_tableau_a_rapprocher,
    modele_portefeuille,
    projeter,
    rapprocher,
    scenario,
    serie_index,
)
from collectivites.rendu import rendre

SAISI = Path(__file__).parent / "cas" / "pret" / "cdc-57851-5165325-saisi.csv"
FONCIER = exemple_pret("cdc-57851").ligne("5165325")


def _lancer(*argv: str) -> tuple[int, str, str]:
    sortie, erreurs = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(sortie), contextlib.redirect_stderr(erreurs):
        code = main(list(argv))
    return code, sortie.getvalue(), erreurs.getvalue()


# --- rapprochement -----------------------------------------------------------------------------


def _rapprocher_fichier(chemin: Path) -> object:
    colonnes, lignes = lire_tableau_a_rapprocher(chemin)
    return rapprocher(calculer_tableau(FONCIER), lignes, colonnes, fichier=str(chemin))


def test_le_tableau_imprime_saisi_se_rapproche_sauf_le_defaut_de_la_ligne_17() -> None:
    """Le recueil imprime 3 433,79 à la ligne 17 ; composantes et total donnent 3 433,78."""
    colonnes, lignes = lire_tableau_a_rapprocher(SAISI)
    r = rapprocher(calculer_tableau(FONCIER), lignes, colonnes, fichier=str(SAISI))
    assert (r.lignes_comparees, r.lignes_concordantes) == (50, 49)
    assert len(r.ecarts) == 1
    ecart = r.ecarts[0]
    assert (ecart.numero, ecart.colonne, ecart.ligne_fichier) == (17, "echeance", 18)
    assert (ecart.attendu, ecart.calcule, ecart.ecart) == (
        Decimal("3433.79"),
        Decimal("3433.78"),
        Decimal("0.01"),
    )
    assert r.code_de_sortie == 1


def test_une_erreur_d_un_centime_plantee_est_nommee(tmp_path: Path) -> None:
    texte = SAISI.read_text(encoding="utf-8-sig")
    fautif = texte.replace("1\u202f711,11", "1\u202f711,12", 1)  # intérêts de la ligne 2
    assert fautif != texte
    chemin = tmp_path / "saisi.csv"
    chemin.write_text(fautif, encoding="utf-8-sig")
    code, sortie, _ = _lancer(
        "pret",
        "rapprocher",
        "--exemple",
        "cdc-57851",
        "--ligne",
        "5165325",
        "--tableau",
        str(chemin),
    )
    assert code == 1
    assert "Lignes concordantes : 48" in sortie
    assert "Intérêts" in sortie and "1\u202f711,12" in sortie and "1\u202f711,11" in sortie


def test_notre_export_concorde(tmp_path: Path) -> None:
    """Le CSV et le classeur que la bibliothèque écrit se rapprochent sans écart (code 0)."""
    tableau = calculer_tableau(FONCIER)
    for nom, contenu in [
        ("t.csv", tableau.rendre("csv")),
        ("t-excel.csv", tableau.rendre("csv-excel")),
        ("t.xlsx", tableau.rendre("xlsx")),
    ]:
        chemin = tmp_path / nom
        if isinstance(contenu, bytes):
            chemin.write_bytes(contenu)
        else:
            chemin.write_text(contenu, encoding="utf-8")
        code, sortie, erreurs = _lancer(
            "pret",
            "rapprocher",
            "--exemple",
            "cdc-57851",
            "--ligne",
            "5165325",
            "--tableau",
            str(chemin),
        )
        assert (code, erreurs) == (0, ""), (nom, erreurs)
        assert "Lignes concordantes : 50" in sortie and "Tout concorde : oui" in sortie


def test_classeur_saisi_a_la_main(tmp_path: Path) -> None:
    """Un classeur saisi : nombres, dates, taux au format pourcentage (0,0135 affiché 1,35 %)."""
    openpyxl = pytest.importorskip("openpyxl")
    classeur = openpyxl.Workbook()
    feuille = classeur.active
    feuille.append(["N°", "Date d'échéance", "Taux", "Échéance", "Capital dû"])
    feuille.append([1, dt.date(2018, 12, 6), 0.0135, 3170.41, 126749.14])
    feuille.append([2, dt.date(2019, 12, 6), 0.0135, 3186.26, 125273.99])
    feuille["C2"].number_format = feuille["C3"].number_format = "0.00%"
    chemin = tmp_path / "saisi.xlsx"
    classeur.save(chemin)
    colonnes, lignes = lire_tableau_a_rapprocher(chemin)
    r = rapprocher(calculer_tableau(FONCIER), lignes, colonnes)
    assert (r.lignes_comparees, r.ecarts) == (2, ())
    assert r.manquantes == tuple(range(3, 51))
    assert r.code_de_sortie == 1  # 48 échéances calculées n'ont pas été saisies


@pytest.mark.parametrize(
    ("contenu", "motif"),
    [
        ("a;b\n1;2\n", "aucune colonne du tableau d'amortissement reconnue"),
        ("N°;Échéance;Echeance\n1;3170,41;3170,41\n", "colonne en double"),
        ("N°;Échéance\n1;trois mille\n", r"ligne 2, clé « echeance » : cellule illisible"),
        ("N°;Échéance\n51;3170,41\n", r"ligne 2 : échéance absente du tableau calculé"),
        ("N°;Date d'échéance\n1;31/02/2018\n", r"ligne 2, clé « date » : cellule illisible"),
    ],
)
def test_tableaux_refuses(tmp_path: Path, contenu: str, motif: str) -> None:
    chemin = tmp_path / "t.csv"
    chemin.write_text(contenu, encoding="utf-8")
    with pytest.raises(ErreurDossier, match=motif):
        _rapprocher_fichier(chemin)
    code, _, erreurs = _lancer(
        "pret",
        "rapprocher",
        "--exemple",
        "cdc-57851",
        "--ligne",
        "5165325",
        "--tableau",
        str(chemin),
    )
    assert code == 2 and "erreur" in erreurs


def test_classeur_illisible(tmp_path: Path) -> None:
    chemin = tmp_path / "faux.xlsx"
    chemin.write_bytes(b"PK\x03\x04 pas un classeur")
    with pytest.raises(ErreurEntree, match="classeur illisible"):
        lire_tableau_a_rapprocher(chemin)


# --- portefeuille en tableau -------------------------------------------------------------------


@pytest.mark.parametrize("format_", ["csv", "csv-excel", "xlsx"])
def test_modele_de_portefeuille_relu(tmp_path: Path, format_: str) -> None:
    """Le modèle, rempli de sa ligne d'exemple, redonne le tableau de la ligne 5165325."""
    contenu = rendre(modele_portefeuille(), format_)
    chemin = tmp_path / ("p.xlsx" if format_ == "xlsx" else "p.csv")
    if isinstance(contenu, bytes):
        chemin.write_bytes(contenu)
    else:
        chemin.write_text(contenu, encoding="utf-8")
    (pret,) = lire_portefeuille(chemin)
    # la ligne d'exemple est celle de l'exemple livré : emprunteur et garants du contrat 57851
    livre = exemple_pret("cdc-57851")
    assert pret.numero == "57851" and pret.lignes[0].identifiant == "5165325"
    assert pret.emprunteur == livre.emprunteur == "Interrégionale Polygone SA d'HLM"
    assert pret.lignes[0].garants == livre.garants
    assert [(g.nom, g.quotite) for g in livre.garants] == [
        ("Département de la Lozère", Decimal("0.25")),
        ("Commune de Saint-Alban-sur-Limagnole", Decimal("0.75")),
    ]
    assert calculer_tableau(pret.lignes[0]).lignes == calculer_tableau(FONCIER).lignes


def test_portefeuille_de_plusieurs_prets(tmp_path: Path) -> None:
    entete = ",".join(COLONNES_PORTEFEUILLE)
    modele = rendre(modele_portefeuille(), "csv").splitlines()[1]
    deuxieme = modele.replace("57851,5165325", "57851,5165326", 1)
    troisieme = modele.replace("57851,5165325", "99999,1", 1)
    chemin = tmp_path / "p.csv"
    chemin.write_text("\n".join([entete, modele, deuxieme, troisieme]) + "\n", encoding="utf-8")
    prets = lire_portefeuille(chemin)
    assert [(p.numero, len(p.lignes)) for p in prets] == [("57851", 2), ("99999", 1)]
    projection = projeter(prets, scenario("emission"))
    assert len(projection.cles) == 3 and projection.serie("57851/5165326")[0].capital_du_31_12 > 0
    code, sortie, _ = _lancer("pret", "portefeuille", str(chemin), "--index", "emission")
    assert code == 0 and "5165326" in sortie


@pytest.mark.parametrize(
    ("remplacement", "motif"),
    [
        (
            ("128189.00", "128189.005"),
            r"ligne 2, clé « montant » : un montant s'exprime au centime",
        ),
        (("Département de la Lozère:25 %", "Lozère 25 %"), r"ligne 2, clé « garants »"),
        (("Département de la Lozère:25 %", "Lozère:60 %"), "100 %"),
        (("annuelle", "bimensuelle"), r"ligne 2, clé « periodicite »"),
    ],
)
def test_portefeuille_refuse(tmp_path: Path, remplacement: tuple[str, str], motif: str) -> None:
    texte = rendre(modele_portefeuille(), "csv")
    assert remplacement[0] in texte
    chemin = tmp_path / "p.csv"
    chemin.write_text(texte.replace(*remplacement), encoding="utf-8")
    with pytest.raises(ErreurDossier, match=motif):
        lire_portefeuille(chemin)


def test_portefeuille_colonne_inconnue(tmp_path: Path) -> None:
    chemin = tmp_path / "p.csv"
    chemin.write_text("numero,montnat\n1,2\n", encoding="utf-8")
    with pytest.raises(ErreurDossier, match="vouliez-vous dire « montant »"):
        lire_portefeuille(chemin)


# --- séries en classeur, exemples --------------------------------------------------------------


def test_scenario_en_classeur(tmp_path: Path) -> None:
    """Un scénario saisi dans un classeur : dates et taux au format pourcentage."""
    openpyxl = pytest.importorskip("openpyxl")
    classeur = openpyxl.Workbook()
    feuille = classeur.active
    feuille.append(["date", "valeur"])
    feuille.append([dt.date(2027, 2, 1), 0.025])
    feuille.append([dt.date(2027, 8, 1), 0.0275])
    for cellule in ("B2", "B3"):
        feuille[cellule].number_format = "0.00%"
    chemin = tmp_path / "scenario.xlsx"
    classeur.save(chemin)
    serie = lire_index_csv(chemin)
    assert [(p.date_effet, p.valeur) for p in serie.points] == [
        (dt.date(2027, 2, 1), Decimal("0.025")),
        (dt.date(2027, 8, 1), Decimal("0.0275")),
    ]
    assert serie_index("livret_a").valeur_au(dt.date(2020, 3, 1)) == Decimal("0.005")


def test_liste_des_exemples() -> None:
    code, sortie, _ = _lancer("exemples", "--format", "csv")
    assert code == 0
    lignes = sortie.splitlines()
    assert lignes[0] == "nom,commande,description"
    commandes = dict(x.split(",", 2)[:2] for x in lignes[1:])
    assert commandes["cdc-57851"] == "pret tableau"
    assert commandes["indemnites-oraison-2023"] == "indemnites calculer"
    assert commandes["logement-h2p-2024"] == "logement flux"
    assert commandes["rsa-lozere-2019"] == "rsa interets-retard"
    assert commandes["rep-groupement-2021"] == "rep soutiens"
