"""Carnets et graphiques : pandas et polars gardent chaque centime ; les images (PNG, SVG) et
le graphique natif du classeur se dessinent depuis la description commune."""

from __future__ import annotations

import contextlib
import io
from decimal import Decimal
from pathlib import Path

import pytest

from collectivites.cli import main
from collectivites.erreurs import ErreurValeur
from collectivites.prets import (
    Agregation,
    calculer_tableau,
    exemple_pret,
    projeter,
    scenario,
    serie_index,
)
from collectivites.regles.delais import exemple_contrat

FONCIER = exemple_pret("cdc-57851").ligne("5165325")


@pytest.fixture(scope="module")
def revise():  # type: ignore[no-untyped-def]
    return calculer_tableau(FONCIER, index=serie_index("livret_a"))


def test_pandas_garde_chaque_centime(revise) -> None:  # type: ignore[no-untyped-def]
    pd = pytest.importorskip("pandas")
    df = revise.to_pandas()
    assert all(isinstance(v, Decimal) for v in df["echeance"])
    # Chaque centime : la somme du cadre est celle des lignes exactes ; l'amortissement cumulé
    # est le capital de la ligne 5165325 (128 189,00 €, contrat n° 57851, art. 9).
    assert df["echeance"].sum() == revise.total_echeances > 0
    assert df["amortissement"].sum() == revise.total_amortissement == Decimal("128189.00")
    assert df["interets_a_differer"].sum() == revise.total_interets_a_differer
    assert str(df["date"].dtype).startswith("datetime64")
    assert df["numero"].dtype == pd.Int64Dtype()


def test_polars_garde_chaque_centime(revise) -> None:  # type: ignore[no-untyped-def]
    pl = pytest.importorskip("polars")
    df = revise.to_polars()
    assert df.schema["echeance"] == pl.Decimal(precision=38, scale=2)
    assert df["echeance"].sum() == revise.total_echeances
    assert df.schema["date"] == pl.Date


def test_html_des_modeles_et_resultats() -> None:
    pret = exemple_pret("cdc-57851")
    html = pret._repr_html_()
    assert "Prêt n° 57851" in html and "441\u202f634,00" in html and "Livret A" in html
    assert "Contrat de prêt CDC n° 57851" in exemple_contrat("cdc-57851-delais")._repr_html_()
    assert "Capital dû après remboursement" in calculer_tableau(FONCIER)._repr_html_()


def test_images_reproductibles(revise) -> None:  # type: ignore[no-untyped-def]
    pytest.importorskip("matplotlib")
    png = revise.rendre("png")
    assert isinstance(png, bytes) and png.startswith(b"\x89PNG\r\n\x1a\n")
    svg = revise.rendre("svg")
    assert isinstance(svg, str) and svg.lstrip().startswith("<?xml") and "<svg" in svg
    assert revise.rendre("svg") == svg and revise.rendre("png") == png
    assert "Profil de la ligne 5165325" in svg


def test_graphique_d_un_portefeuille_par_garant() -> None:
    pytest.importorskip("matplotlib")
    prets = [exemple_pret(n) for n in ("cdc-57851", "cdc-57769")]
    projection = projeter(prets, scenario("emission"), par=Agregation.GARANT)
    svg = projection.rendre("svg")
    assert "Département de la Lozère" in svg


def test_resultat_sans_graphique_refuse() -> None:
    pytest.importorskip("matplotlib")
    with pytest.raises(ErreurValeur, match="pas de graphique"):
        exemple_contrat("cdc-57851-delais").rendre("png")


def test_graphique_natif_du_classeur(tmp_path: Path, revise) -> None:  # type: ignore[no-untyped-def]
    openpyxl = pytest.importorskip("openpyxl")
    chemin = tmp_path / "t.xlsx"
    chemin.write_bytes(revise.rendre("xlsx"))
    classeur = openpyxl.load_workbook(chemin)
    # le graphique de la ligne est sur sa propre feuille, après la table (issue 24)
    assert classeur["Ligne 5165325"]._charts == []
    (graphique,) = classeur["Graphique"]._charts
    assert "'Ligne 5165325'!" in graphique._charts[0].series[0].val.numRef.f
    prets = [exemple_pret(n) for n in ("cdc-57851", "cdc-57769")]
    projection = projeter(prets, scenario("emission"), par=Agregation.GARANT)
    chemin.write_bytes(projection.rendre("xlsx"))
    classeur = openpyxl.load_workbook(chemin)
    assert "Graphique" in classeur.sheetnames
    assert len(classeur["Graphique"]._charts) == 1


def test_ligne_de_commande_image(tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    erreurs = io.StringIO()
    with contextlib.redirect_stderr(erreurs):
        code = main(
            ["pret", "tableau", "--exemple", "cdc-57851", "--ligne", "5165325", "--format", "png"]
        )
    assert code == 2 and "s'écrit dans un fichier" in erreurs.getvalue()
    chemin = tmp_path / "profil.png"
    assert (
        main(
            [
                "pret",
                "tableau",
                "--exemple",
                "cdc-57851",
                "--ligne",
                "5165325",
                "--format",
                "png",
                "--sortie",
                str(chemin),
            ]
        )
        == 0
    )
    assert chemin.read_bytes().startswith(b"\x89PNG")
