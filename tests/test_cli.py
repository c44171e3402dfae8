"""Ligne de commande : sorties, formats, messages d'erreur en français et code de sortie 2."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from collectivites.cli import main

DONNEES = Path(__file__).parent / "cas" / "pret"


def _lancer(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    try:
        code = main(list(args))
    except SystemExit as exc:
        code = int(exc.code or 0)
    sortie = capsys.readouterr()
    return code, sortie.out, sortie.err


def test_delai_texte(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _lancer(
        capsys, "delai", "calculer", "--depart", "2024-04-26", "--duree", "15 jours ouvrés"
    )
    assert code == 0
    assert out.startswith("23/05/2024 : dernier jour du délai de 15 jours ouvrés")


def test_delai_options(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _lancer(
        capsys,
        "delai",
        "calculer",
        "--depart",
        "2024-03-28",
        "--duree",
        "1 jour",
        "--regime",
        "cpc",
        "--zone",
        "alsace-moselle",
    )
    assert code == 0 and out.startswith("02/04/2024 : ")
    _, out, _ = _lancer(
        capsys,
        "delai",
        "calculer",
        "--depart",
        "2024-06-28",
        "--duree",
        "60 jours ouvrés",
        "--avant",
        "--format",
        "json",
    )
    donnees = json.loads(out)
    assert donnees["date"] == "2024-03-28"  # dernier jour utile, veille du 60e jour compté
    assert donnees["date_brute"] == "2024-03-29"
    assert donnees["sens"] == "avant"
    assert {j["nom"] for j in donnees["jours_feries"]} >= {"Ascension", "Lundi de Pentecôte"}


@pytest.mark.parametrize(
    ("args", "motif"),
    [
        (["--duree", "15 jour ouvre"], "vouliez-vous dire « 15 jours ouvrés »"),
        (["--duree", "-3 jours"], "négative"),
        (["--duree", "3 jours", "--zone", "bretagne"], "zone inconnue"),
        (["--duree", "3 jours", "--regime", "civil"], "choix invalide"),
    ],
)
def test_delai_erreurs(capsys: pytest.CaptureFixture[str], args: list[str], motif: str) -> None:
    code, out, err = _lancer(capsys, "delai", "calculer", "--depart", "2024-04-26", *args)
    assert code == 2
    assert out == ""
    assert motif in err
    assert "Traceback" not in err


def test_date_invalide(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _lancer(
        capsys, "delai", "calculer", "--depart", "2024-02-30", "--duree", "1 jour"
    )
    assert code == 2
    assert "cette date n'existe pas (reçu : '2024-02-30'" in err
    assert "erreur" in err


def test_jours_feries(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _lancer(capsys, "jours-feries", "2024", "--zone", "974")
    assert code == 0
    assert "20/12/2024  Abolition de l'esclavage" in out
    _, out, _ = _lancer(capsys, "jours-feries", "2024", "--format", "csv")
    lignes = list(csv.DictReader(io.StringIO(out)))
    assert len(lignes) == 11 and lignes[0]["reference"].startswith("C. trav.")
    _, out, _ = _lancer(capsys, "jours-feries", "2024", "--format", "json")
    assert json.loads(out)["jours_feries"][0]["date"] == "2024-01-01"


def test_contrat_echeancier(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, _ = _lancer(
        capsys,
        "contrat",
        "echeancier",
        "--exemple",
        "convention-rsa-lozere",
        "--du",
        "2019-01-01",
        "--au",
        "2020-03-31",
    )
    assert code == 0
    assert "16/02/2019  samedi    Date limite de première présentation" in out
    sortie = tmp_path / "agenda.ics"
    code, _, _ = _lancer(
        capsys,
        "contrat",
        "echeancier",
        "--exemple",
        "convention-rsa-lozere",
        "--format",
        "ics",
        "--sortie",
        str(sortie),
    )
    assert code == 0
    assert sortie.read_bytes().startswith(b"BEGIN:VCALENDAR\r\n")


def test_contrat_dossier_invalide(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    dossier = tmp_path / "c.toml"
    dossier.write_text('[contrat]\nnom = "x"\n', encoding="utf-8")
    code, _, err = _lancer(capsys, "contrat", "echeancier", str(dossier))
    assert code == 2
    assert "clé « contrat.date_effet » : clé obligatoire absente" in err
    code, _, err = _lancer(capsys, "contrat", "echeancier", "--exemple", "convention-rsa")
    assert code == 2 and "vouliez-vous dire « convention-rsa-lozere »" in err


def test_pret_tableau_csv_egal_au_tableau_imprime(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _lancer(
        capsys, "pret", "tableau", "--exemple", "cdc-57851", "--ligne", "5165325", "--format", "csv"
    )
    assert code == 0
    imprime = (DONNEES / "cdc-57851-5165325.csv").read_text(encoding="utf-8")
    assert out.splitlines() == imprime.splitlines()


def test_pret_tableau_formats(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, _ = _lancer(capsys, "pret", "tableau", "--exemple", "cdc-57851")
    assert code == 0
    assert "179\u202f588,21     128\u202f189,00  51\u202f399,21" in out
    _, out, _ = _lancer(
        capsys,
        "pret",
        "tableau",
        "--exemple",
        "cdc-57851",
        "--ligne",
        "5165325",
        "--format",
        "json",
    )
    donnees = json.loads(out)
    assert donnees["totaux"]["echeances"]["echeance"] == "179588.21"
    assert donnees["echeances"][0]["echeance"] == "3170.41"
    assert donnees["interets_prefinancement"] == "1730.55"
    chemin = tmp_path / "t.xlsx"
    code, _, _ = _lancer(
        capsys,
        "pret",
        "tableau",
        "--exemple",
        "cdc-57851",
        "--format",
        "xlsx",
        "--sortie",
        str(chemin),
    )
    assert code == 0
    openpyxl = pytest.importorskip("openpyxl")
    classeur = openpyxl.load_workbook(chemin)
    assert classeur.sheetnames == [
        "Hypothèses",
        "Ligne 5165324",
        "Graphique",
        "Ligne 5165325",
        "Graphique (2)",
    ]
    assert classeur.active.title == "Ligne 5165324"  # ouvert sur la table, pas les hypothèses
    assert classeur["Ligne 5165325"]["D2"].value == pytest.approx(3170.41)


def test_pret_tableau_scenario(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    scenario = tmp_path / "scenario.csv"
    scenario.write_text("date,valeur\n2027-02-01,3 %\n", encoding="utf-8")
    code, out, _ = _lancer(
        capsys,
        "pret",
        "tableau",
        "--exemple",
        "cdc-57851",
        "--ligne",
        "5165325",
        "--index",
        str(scenario),
        "--format",
        "csv",
    )
    assert code == 0
    taux = [ligne.split(",")[2] for ligne in out.splitlines()[1:]]
    assert taux[:4] == ["1.35", "1.35", "1.35", "1.10"]  # historique jusque-là
    assert taux[10:] == ["3.60"] * 40  # Livret A à 3 % + 0,60 % dès la période du 06/12/2027


@pytest.mark.parametrize(
    ("args", "motif"),
    [
        (["--exemple", "cdc-57769", "--index", "historique"], "aucune série historique"),
        (["--exemple", "cdc-57851", "--ligne", "999"], "ligne absente du prêt (reçu : '999'"),
        (["--exemple", "cdc-57851", "--format", "csv"], "plusieurs tables"),
        (["--exemple", "cdc-57851", "--index", "absent.csv"], "introuvable"),
    ],
)
def test_pret_erreurs(capsys: pytest.CaptureFixture[str], args: list[str], motif: str) -> None:
    code, _, err = _lancer(capsys, "pret", "tableau", *args)
    assert code == 2
    assert motif in err


def test_xlsx_exige_sortie(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _lancer(capsys, "pret", "tableau", "--exemple", "cdc-57851", "--format", "xlsx")
    assert code == 2 and "--sortie" in err


def test_index_csv_avec_trou(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    scenario = tmp_path / "inflation.csv"
    scenario.write_text("date,valeur\n2020-01-01,1 %\n", encoding="utf-8")
    code, _, err = _lancer(
        capsys, "pret", "tableau", "--exemple", "cdc-57769", "--index", str(scenario)
    )
    assert code == 2
    assert "indisponible" in err and "2017-03-01" in err
    scenario.write_text("date,valeur\n2020-01-01,1\n", encoding="utf-8")
    code, _, err = _lancer(
        capsys, "pret", "tableau", "--exemple", "cdc-57769", "--index", str(scenario)
    )
    assert code == 2 and "ligne 2" in err and "« % »" in err


def test_rsa_interets_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _lancer(
        capsys, "rsa", "interets-retard", "--exemple", "rsa-lozere-2019", "--format", "json"
    )
    assert code == 0
    donnees = json.loads(out)
    mars = next(a for a in donnees["acomptes"] if a["mois"] == "2019-03")
    assert (mars["echeance"], mars["jours_retard"], mars["taux"], mars["interets"]) == (
        "2019-04-05",
        14,
        "0.6329",
        "117.16",
    )
    assert donnees["total_interets"] == "182.16"


def test_rsa_regularisation_et_neutralite(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _lancer(
        capsys, "rsa", "regularisation", "--exemple", "rsa-lozere-2019", "--annee", "2019"
    )
    assert code == 0 and "Solde : 10\u202f400,00 €" in out
    assert "le département doit le solde à la CAF" in out
    code, out, _ = _lancer(
        capsys,
        "rsa",
        "neutralite",
        "--exemple",
        "rsa-lozere-2019",
        "--annee",
        "2019",
        "--format",
        "csv",
        "--table",
        "jours",
    )
    assert code == 0 and len(out.splitlines()) == 366


def test_rsa_erreurs(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = _lancer(
        capsys, "rsa", "regularisation", "--exemple", "rsa-lozere-2019", "--annee", "2020"
    )
    assert code == 2 and "il manque les acomptes de 2020-01" in err
    dossier = tmp_path / "rsa.toml"
    dossier.write_text(
        '[convention]\n[[acomptes]]\nmois = "2017-13"\nmontant = "1.00"\n', encoding="utf-8"
    )
    code, _, err = _lancer(capsys, "rsa", "interets-retard", str(dossier))
    assert code == 2 and "clé « acomptes[0].mois »" in err


def test_rep_soutiens_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _lancer(
        capsys, "rep", "soutiens", "--exemple", "rep-groupement-2021", "--format", "json"
    )
    assert code == 0
    donnees = json.loads(out)
    assert donnees["montant_brut"] == "31620.38"
    assert donnees["total_penalites"] == "4743.06"
    assert donnees["plafond_atteint"] is True
    assert donnees["montant_net"] == "26877.32"
    assert [c["typologie"] for c in donnees["communes"]] == [
        "Urbain",
        "Touristique",
        "Rural",
        "Urbain dense",
    ]


def test_rep_calendrier(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _lancer(capsys, "rep", "calendrier", "--echeance", "2024-06-28")
    assert code == 0
    assert "28/03/2024  jeudi     Décompte liquidatif" in out
    code, _, err = _lancer(capsys, "rep", "calendrier", "--echeance", "2024-12-01")
    assert code == 2 and "période de paiement" in err


def test_rep_dossier_invalide(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    dossier = tmp_path / "rep.toml"
    dossier.write_text(
        '[dossier]\nbareme = "alcome"\nannee = 2020\n[[communes]]\nnom = "x"\npopulation = 10\n',
        encoding="utf-8",
    )
    code, _, err = _lancer(capsys, "rep", "soutiens", str(dossier))
    assert code == 2 and "aucune version du barème « alcome »" in err and "2020" in err


def test_pret_remboursement(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    courbe = tmp_path / "courbe.csv"
    courbe.write_text(
        "maturite_ans,taux\n1,0,5 %\n50,0,5 %\n".replace("1,0,5 %", '1,"0,5 %"').replace(
            "50,0,5 %", '50,"0,5 %"'
        ),
        encoding="utf-8",
    )
    code, out, _ = _lancer(
        capsys,
        "pret",
        "remboursement",
        "--exemple",
        "cdc-57851",
        "--ligne",
        "5165325",
        "--date",
        "2026-12-06",
        "--montant",
        "50000.00",
        "--courbe",
        str(courbe),
        "--format",
        "json",
    )
    assert code == 0
    donnees = json.loads(out)
    assert donnees["demande_au_plus_tard"] == "2026-10-21"
    assert donnees["capital_restant_du"] == "113912.16"
    assert float(donnees["indemnite"]) > 0  # courbe à 0,5 % sous le taux du prêt (1,35 %)


@pytest.mark.parametrize(
    ("args", "motif"),
    [
        (["--date", "2026-12-07"], "n'est pas une date d'échéance"),
        (["--date", "2026-12-06", "--date-demande", "2026-11-01"], "préavis trop court"),
        (["--date", "2026-12-06", "--montant", "200000"], "capital restant dû"),
        (["--date", "2026-12-06", "--montant", "10.005"], "centime"),
    ],
)
def test_pret_remboursement_erreurs(
    capsys: pytest.CaptureFixture[str], args: list[str], motif: str
) -> None:
    code, _, err = _lancer(
        capsys, "pret", "remboursement", "--exemple", "cdc-57851", "--ligne", "5165325", *args
    )
    assert code == 2 and motif in err


def test_pret_moratoires_et_teg(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _lancer(
        capsys,
        "pret",
        "moratoires",
        "--exemple",
        "cdc-57851",
        "--ligne",
        "5165325",
        "--montant",
        "3170.41",
        "--exigibilite",
        "2018-12-06",
        "--paiement",
        "2020-03-01",
    )
    assert code == 0 and "Intérêts moratoires : 267,15 €" in out
    code, out, _ = _lancer(capsys, "pret", "teg", "--exemple", "cdc-57828", "--ligne", "5150376")
    assert code == 0 and "TEG (2 périodes par an) : 1,44 %" in out


def test_pret_portefeuille(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _lancer(
        capsys,
        "pret",
        "portefeuille",
        "--exemple",
        "cdc-57851",
        "--exemple",
        "cdc-57769",
        "--index",
        "emission",
        "--par",
        "garant",
        "--format",
        "csv",
    )
    assert code == 0
    lignes = [x.split(",") for x in out.splitlines()]
    assert lignes[0] == [
        "garant",
        "annee",
        "echeances",
        "interets",
        "amortissement",
        "capital_du_31_12",
        "stock_interets_differes_31_12",
    ]
    departement_2017 = next(
        x for x in lignes if x[0] == "Département de la Lozère" and x[1] == "2017"
    )
    assert departement_2017[5] == "174408.50"  # 110 408,50 + 64 000,00
    code, _, err = _lancer(
        capsys,
        "pret",
        "portefeuille",
        "--exemple",
        "cdc-57851",
        "--par",
        "garant",
        "--garant",
        "Région",
    )
    assert code == 2 and "clé inconnue de cette projection (reçu : 'Région'" in err


def test_python_m_collectivites() -> None:
    import subprocess
    import sys

    sortie = subprocess.run(
        [
            sys.executable,
            "-m",
            "collectivites",
            "delai",
            "calculer",
            "--depart",
            "2024-04-26",
            "--duree",
            "15 jours ouvrés",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert sortie.returncode == 0 and sortie.stdout.startswith("23/05/2024 : ")
    erreur = subprocess.run(
        [
            sys.executable,
            "-m",
            "collectivites",
            "delai",
            "calculer",
            "--depart",
            "2024-04-26",
            "--duree",
            "15 lunes",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert erreur.returncode == 2 and "Traceback" not in erreur.stderr


def test_portefeuille_xlsx(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    chemin = tmp_path / "p.xlsx"
    code, _, _ = _lancer(
        capsys,
        "pret",
        "portefeuille",
        "--exemple",
        "cdc-57851",
        "--index",
        "emission",
        "--format",
        "xlsx",
        "--sortie",
        str(chemin),
    )
    assert code == 0
    openpyxl = pytest.importorskip("openpyxl")
    classeur = openpyxl.load_workbook(chemin)
    feuille = classeur[classeur.sheetnames[1]]
    assert feuille["A1"].value == "Ligne" and feuille["B2"].value == 2017
