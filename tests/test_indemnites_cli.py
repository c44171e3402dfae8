"""Indemnités par la ligne de commande (``collectivites indemnites calculer``), en CSV et en
XLSX : les maxima officiels du 1er janvier 2024 (huit strates, maire et adjoint, plus la
neuvième strate des adjoints : tables de la DGCL reprises par Weka, ``tests/cas/indemnites/
maxima-dgcl-2024.toml``) et les cas calculés à la main pour chaque nature de collectivité
(``tests/indemnites_collectivites.toml`` : département, région, chaque nature d'EPCI), chacun
avec sa source. Les attendus sont ceux de ces fichiers, jamais la sortie du programme."""

from __future__ import annotations

import csv
import datetime as dt
import io
import tomllib
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from collectivites.regles.indemnites import NatureEpci
from tests.hostiles_elus import ARTICLES_PLAFONDS, cas_plafonds
from tests.test_cli import _lancer

P = Decimal
ICI = Path(__file__).parent
MAXIMA = tomllib.loads(
    (ICI / "cas" / "indemnites" / "maxima-dgcl-2024.toml").read_text(encoding="utf-8")
)["cas"]
CAS = tomllib.loads((ICI / "indemnites_collectivites.toml").read_text(encoding="utf-8"))["cas"]


def _valeur(v: Any) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int | dt.date):
        return str(v)
    return '"' + str(v).replace("\\", "\\\\").replace('"', '\\"') + '"'


def _toml(tete: str, collectivite: dict[str, Any], elus: list[dict[str, Any]]) -> str:
    """Le dossier TOML tel qu'un utilisateur l'écrit (voir ``_dossier.py``)."""
    lignes = [f"[{tete}]", *(f"{k} = {_valeur(v)}" for k, v in collectivite.items())]
    for elu in elus:
        lignes += ["", "[[elus]]", *(f"{k} = {_valeur(v)}" for k, v in elu.items())]
    return "\n".join(lignes) + "\n"


def _indemnites_cli(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, dossier: str
) -> tuple[list[str], list[str]]:
    """La colonne « indemnite » du CSV et la colonne « Indemnité de fonction » du classeur."""
    chemin = tmp_path / "dossier.toml"
    chemin.write_text(dossier, encoding="utf-8")
    code, out, err = _lancer(capsys, "indemnites", "calculer", str(chemin), "--format", "csv")
    assert (code, err) == (0, ""), err
    en_csv = [ligne["indemnite"] for ligne in csv.DictReader(io.StringIO(out))]
    classeur = tmp_path / "indemnites.xlsx"
    code, out, err = _lancer(
        capsys, "indemnites", "calculer", str(chemin), "--format", "xlsx", "--sortie", str(classeur)
    )
    assert (code, out, err) == (0, "", ""), err
    openpyxl = pytest.importorskip("openpyxl")
    feuille = openpyxl.load_workbook(classeur)["Tableau récapitulatif"]
    entete, *lignes = list(feuille.iter_rows(values_only=True))
    rang = entete.index("Indemnité de fonction")
    # Les montants du classeur sont des nombres : relus au centime, comme un tableur les affiche ;
    # la ligne des totaux (sans fonction) est laissée de côté.
    en_xlsx = [str(P(repr(ligne[rang])).quantize(P("0.01"))) for ligne in lignes if ligne[1]]
    return en_csv, en_xlsx


@pytest.mark.parametrize("cas", MAXIMA, ids=[c["entree"]["commune"]["nom"] for c in MAXIMA])
def test_maxima_officiels_2024_par_la_commande(
    cas: dict[str, Any], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    entree = cas["entree"]
    attendus = [ligne["indemnite"] for ligne in cas["attendu"]["lignes"]]
    assert len(attendus) == 2  # le maire et l'adjoint de la strate
    en_csv, en_xlsx = _indemnites_cli(
        capsys, tmp_path, _toml("commune", entree["commune"], entree["elus"])
    )
    assert en_csv == attendus
    assert en_xlsx == attendus


def test_les_seize_maxima_sont_couverts() -> None:
    """Huit strates de L2123-23 (maires) et neuf de L2123-24, I (adjoints) : 1 048,18 € …
    5 960,26 € pour les maires, 406,94 € … 2 980,13 € pour les adjoints (Weka, DGCL)."""
    maires = {c["attendu"]["lignes"][0]["indemnite"] for c in MAXIMA}
    adjoints = {c["attendu"]["lignes"][1]["indemnite"] for c in MAXIMA}
    assert len(maires) == 8 and len(adjoints) == 9
    assert {"1048.18", "2260.79", "4521.58", "5960.26"} <= maires
    assert {"406.94", "904.32", "2712.95", "2980.13"} <= adjoints


def _nature(cas: dict[str, Any]) -> str:
    ((genre, tete),) = cas["collectivite"].items()
    return str(tete.get("nature", genre))


@pytest.mark.parametrize("cas", CAS, ids=[c["nom"] for c in CAS])
def test_cas_calcules_a_la_main_par_la_commande(
    cas: dict[str, Any], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    ((tete, collectivite),) = cas["collectivite"].items()
    elus = [{"nom": n, "fonction": f, "taux": t, "delegation": d} for n, f, t, d, _ in cas["elus"]]
    attendus = [e[4] for e in cas["elus"]]
    en_csv, en_xlsx = _indemnites_cli(capsys, tmp_path, _toml(tete, collectivite, elus))
    assert en_csv == attendus
    assert en_xlsx == attendus


def test_chaque_nature_de_collectivite_passe_par_la_commande() -> None:
    """Commune (les maxima), département, région et chaque nature d'EPCI."""
    assert {_nature(c) for c in CAS} == {"departement", "region", *(n.value for n in NatureEpci)}


@pytest.mark.parametrize("nom", sorted(ARTICLES_PLAFONDS))
def test_plafonds_depasses_refuses_par_la_commande_en_citant_l_article(
    nom: str, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """Les cas de ``tests/hostiles_elus.py`` (plafonds du CGCT dépassés) : code 2, rien sur la
    sortie standard, un message français qui cite l'article."""
    ((_, commande, fichiers),) = [c for c in cas_plafonds() if c[0] == nom]
    for fichier, contenu in fichiers.items():
        chemin = tmp_path / fichier
        if isinstance(contenu, bytes):
            chemin.write_bytes(contenu)
        else:
            chemin.write_text(contenu, encoding="utf-8")
    code, out, err = _lancer(capsys, *(a.replace("{d}", str(tmp_path)) for a in commande))
    assert (code, out) == (2, "")
    assert err.startswith("collectivites : erreur : ")
    assert ARTICLES_PLAFONDS[nom] in err, err
