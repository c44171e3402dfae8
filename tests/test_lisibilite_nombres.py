"""Les nombres comme on les lit (issue 24) : une règle de décimales par nature de valeur, la même
dans le texte, le HTML et le classeur ; une table vide n'est pas un en-tête nu ; ``--format
html`` écrit une page autonome.

Les valeurs attendues sont écrites à la main depuis la règle (voir ``rendu/_valeurs.py``,
:func:`chiffres`), pas recopiées d'un rendu.
"""

from __future__ import annotations

import json
import re
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
