"""Les nombres comme on les lit (issue 24) : une règle de décimales par nature de valeur, la même
dans le texte, le HTML et le classeur ; une table vide n'est pas un en-tête nu ; ``--format
html`` écrit une page autonome.

Les valeurs attendues sont écrites à la main depuis la règle (voir ``rendu/_valeurs.py``,
:func:`chiffres`), pas recopiées d'un rendu.
"""

from __future__ import annotations

import json
import re
from datetime import date as D
from decimal import Decimal

import pytest

from collectivites.cli import main
from collectivites.rendu import rendre
from collectivites.rendu._valeurs import chiffres, ecran, machine
from collectivites.tables import Colonne, Document, Genre, Table

E = "\u202f"  # espace fine insécable des milliers


def _table(*lignes: tuple[object, ...], **autres: object) -> Table:
    champs: dict[str, object] = {"cle": "t", "titre": "T", **autres}
    return Table(
        colonnes=(
            Colonne(cle="nom", libelle="Commune", genre=Genre.TEXTE),
            Colonne(cle="population", libelle="Population", genre=Genre.ENTIER),
            Colonne(cle="taux", libelle="Taux", genre=Genre.TAUX),
            Colonne(cle="coef", libelle="Coefficient", genre=Genre.NOMBRE),
        ),
        lignes=lignes,
        **champs,  # type: ignore[arg-type]
    )


LIGNES = (
    ("A", 12480, Decimal("0.011"), Decimal("0.5")),
    ("B", 6300, Decimal("0.0135"), Decimal("0.25")),
)


def test_une_colonne_de_taux_a_partout_les_memes_chiffres() -> None:
    """« 1,10 % » sous « 1,35 % » (et non « 1,1 % ») ; « 0,50 » sous « 0,25 » ; populations
    « 12 480 » et « 6 300 » avec le même séparateur."""
    texte = rendre(Document(titre="", tables=(_table(*LIGNES),)), "texte")
    assert isinstance(texte, str)
    lignes = texte.splitlines()
    # (découpé sur les espaces ordinaires : l'espace fine reste dans le nombre)
    assert re.split(" +", lignes[2]) == ["A", f"12{E}480", "1,10", "%", "0,50"]
    assert re.split(" +", lignes[3]) == ["B", f"6{E}300", "1,35", "%", "0,25"]
    html = rendre(Document(titre="", tables=(_table(*LIGNES),)), "html")
    assert isinstance(html, str)
    assert ">1,10 %<" in html and f">12{E}480<" in html and ">0,50<" in html


def test_regle_par_nature() -> None:
    assert ecran(Decimal("59.0734"), Genre.NOMBRE) == "59,0734"
    assert ecran(12480, Genre.ENTIER) == f"12{E}480"
    assert ecran(2026, Genre.ANNEE) == "2026"
    assert ecran(Decimal("128189"), Genre.MONTANT) == f"128{E}189,00"
    # un quotient de 34 chiffres : au plus 6 décimales à l'écran, 10 pour un programme
    periode = Decimal("0.01349999570023394213080791814718395")
    assert ecran(periode, Genre.TAUX) == "1,35 %"
    assert machine(periode, Genre.TAUX) == "1.34999957"
    assert machine(Decimal("0.0135"), Genre.TAUX) == "1.35"
    assert machine(Decimal("47.99045273972602739726027397260274"), Genre.NOMBRE) == (
        "47.9904527397"
    )
    # la précision déclarée d'une colonne plafonne ; au moins 2 chiffres pour un taux
    assert chiffres([Decimal("0.0112345")], Genre.TAUX, 3) == 3
    assert chiffres([Decimal("0.01")], Genre.TAUX) == 2


def test_table_vide_pas_d_en_tete_nu() -> None:
    document = Document(titre="D", tables=(_table(), _table(*LIGNES, cle="u", titre="U")))
    texte = rendre(document, "texte")
    assert isinstance(texte, str)
    assert "T : aucune ligne" in texte
    assert "Commune  Population" in texte  # la table non vide garde son en-tête
    assert texte.count("Population") == 1


def test_moratoires_sans_trente_quatre_chiffres(capsys: pytest.CaptureFixture[str]) -> None:
    arguments = [
        *["pret", "moratoires", "--exemple", "cdc-57851", "--ligne", "5165325"],
        *["--montant", "3170.41", "--exigibilite", "2020-12-06", "--paiement", "2021-03-01"],
    ]
    assert main(arguments) == 0
    texte = capsys.readouterr().out
    assert "Capitalisations annuelles : aucune ligne" in texte
    assert main([*arguments, "--format", "json"]) == 0
    objet = json.loads(capsys.readouterr().out)
    (periode,) = objet["periodes"]
    assert len(periode["interets"].partition(".")[2]) <= 10


def test_html_page_autonome(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["jours-feries", "2026", "--format", "html"]) == 0
    page = capsys.readouterr().out
    assert page.startswith('<!DOCTYPE html>\n<html lang="fr">')
    assert '<meta charset="utf-8">' in page
    assert "<title>Jours fériés 2026" in page
    assert page.rstrip().endswith("</html>")
    assert page.count('<div class="collectivites">') == 1


# --- un nom, un sens : taux en fraction (Python), en pourcentage (fichiers) --------------------


def _tableau_57851():  # type: ignore[no-untyped-def]
    from collectivites.prets import calculer_tableau, exemple_pret

    return calculer_tableau(exemple_pret("cdc-57851").ligne("5165325"))


def test_taux_fraction_en_python_pourcentage_dans_les_fichiers() -> None:
    """Le taux du contrat 57851 est 1,35 % (Livret A 0,75 % + marge 0,60 %, art. 9) : 0.0135
    sous ``taux_fraction`` en Python, 1.35 sous ``taux`` en CSV et en JSON ; jamais ``taux``
    pour la fraction."""
    tableau = _tableau_57851()
    (premiere, *_) = tableau.to_records()
    assert premiere["taux_fraction"] == Decimal("0.0135") and "taux" not in premiere
    csv_lignes = tableau.rendre("csv").splitlines()
    entetes = csv_lignes[0].split(",")
    assert "taux" in entetes and "taux_fraction" not in entetes
    assert csv_lignes[1].split(",")[entetes.index("taux")] == "1.35"
    objet = json.loads(tableau.rendre("json"))
    assert objet["echeances"][0]["taux"] == "1.35" and "taux_fraction" not in objet["echeances"][0]


def test_pandas_exact_et_vue_numerique() -> None:
    pytest.importorskip("pandas")
    tableau = _tableau_57851()
    exact = tableau.to_pandas()
    assert "taux" not in exact.columns and exact["taux_fraction"][0] == Decimal("0.0135")
    assert exact["echeance"].sum() == tableau.total_echeances  # exact : Decimal
    vue = tableau.to_pandas(numerique=True)
    assert str(vue["echeance"].dtype) == "float64" and str(vue["taux_fraction"].dtype) == "float64"
    assert str(vue["date"].dtype).startswith("datetime64") and str(vue["numero"].dtype) == "Int64"
    # la vue approchée reste à moins d'un centime du total exact
    assert abs(vue["echeance"].sum() - float(tableau.total_echeances)) < 0.01
    assert vue["echeance"].describe()["count"] == len(tableau.lignes)


def test_vue_numerique_se_dessine() -> None:
    pytest.importorskip("pandas")
    matplotlib = pytest.importorskip("matplotlib")
    matplotlib.use("Agg")
    vue = _tableau_57851().to_pandas(numerique=True)
    axes = vue.plot(x="date", y=["interets", "amortissement"], kind="area")
    assert len(axes.get_lines()) == 2
    import matplotlib.pyplot as plt

    plt.close(axes.figure)


def test_polars_nomme_le_taux_en_fraction() -> None:
    pytest.importorskip("polars")
    df = _tableau_57851().to_polars()
    assert "taux_fraction" in df.columns and "taux" not in df.columns


def test_interets_des_periodes_sont_des_montants(capsys: pytest.CaptureFixture[str]) -> None:
    """Intérêts moratoires : chaque période au centime, « € » dans le classeur ; la valeur
    exacte reste en Python. 2 000,00 € à 6,75 % (Livret A 0,75 % + 6 points, art. 18) du
    01/01/2020 au 01/02/2020 : 2000 × 0,0675 × 31 / 365 = 11,465753… → 11,47."""
    arguments = [
        *["pret", "moratoires", "--exemple", "cdc-57851", "--ligne", "5165325"],
        *["--montant", "2000", "--exigibilite", "2020-01-01", "--paiement", "2020-02-01"],
    ]
    assert main([*arguments, "--format", "csv", "--table", "periodes"]) == 0
    lignes = capsys.readouterr().out.splitlines()
    assert lignes[1].split(",")[-1] == "11.47"
    assert main(arguments) == 0
    assert re.search(r"6,75 % +11,47\n", capsys.readouterr().out)
    from collectivites.prets import IndexFige, interets_moratoires

    resultat = interets_moratoires(
        Decimal("2000.00"), D(2020, 1, 1), D(2020, 2, 1), index=IndexFige(valeur=Decimal("0.0075"))
    )
    (periode,) = resultat.to_records("periodes")
    # 2000 × 0,0675 × 31 / 365 = 4185 / 365 = 11,465753424657534246…, non arrondi
    assert abs(periode["interets"] - Decimal("11.465753424657534246")) < Decimal("1e-18")


def test_interets_des_periodes_en_euros_dans_le_classeur(tmp_path: object) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    from collectivites.prets import IndexFige, interets_moratoires

    resultat = interets_moratoires(
        Decimal("2000.00"), D(2020, 1, 1), D(2020, 2, 1), index=IndexFige(valeur=Decimal("0.0075"))
    )
    import io

    classeur = openpyxl.load_workbook(io.BytesIO(resultat.rendre("xlsx")))
    feuille = next(f for f in classeur.worksheets if f.title.startswith("Périodes"))
    entetes = [c.value for c in feuille[1]]
    cellule = feuille.cell(row=2, column=entetes.index("Intérêts") + 1)
    assert "€" in cellule.number_format and "0.00" in cellule.number_format


def test_modele_de_portefeuille_montant_a_la_francaise(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["pret", "modele-portefeuille", "--format", "texte"]) == 0
    texte = capsys.readouterr().out
    assert f"128{E}189,00" in texte and "128189.00" not in texte.split("Hypothèse")[0]
