"""Le modèle de portefeuille : sa ligne d'exemple est celle de l'exemple livré cdc-57851
(emprunteur et garants compris), et ``pret tableau`` lit ce modèle rempli d'un prêt."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from collectivites.cli import main
from collectivites.prets import exemple_pret, modele_portefeuille
from collectivites.rendu import rendre


def _lancer(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    sortie = capsys.readouterr()
    return code, sortie.out, sortie.err


def test_ligne_d_exemple_tiree_de_l_exemple_livre() -> None:
    texte = rendre(modele_portefeuille(), "csv")
    assert isinstance(texte, str)
    # contrat n° 57851, art. 9 et 16 (recueil des actes de la Lozère n° 17-02-01)
    assert "Interrégionale Polygone SA d'HLM" in texte
    assert "Département de la Lozère:25 %;Commune de Saint-Alban-sur-Limagnole:75 %" in texte
    assert "Lozère Habitations" not in texte and ":100 %" not in texte
    livre = exemple_pret("cdc-57851")
    assert livre.emprunteur == "Interrégionale Polygone SA d'HLM"


@pytest.mark.parametrize("format_", ["xlsx", "csv", "csv-excel"])
def test_pret_tableau_lit_le_modele(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, format_: str
) -> None:
    chemin = tmp_path / ("modele.xlsx" if format_ == "xlsx" else "modele.csv")
    code, _, err = _lancer(
        capsys, "pret", "modele-portefeuille", "--format", format_, "--sortie", str(chemin)
    )
    assert code == 0, err
    code, obtenu, err = _lancer(capsys, "pret", "tableau", str(chemin), "--format", "csv")
    assert code == 0, err
    code, attendu, _ = _lancer(
        capsys, "pret", "tableau", "--exemple", "cdc-57851", "--ligne", "5165325", "--format", "csv"
    )
    assert code == 0 and obtenu == attendu
    # ligne 1 du tableau imprimé de la CDC (échéance 3 170,41 €, capital dû 126 749,14 €)
    assert "1,2018-12-06,1.35,3170.41,1439.86,1730.55,0.00,126749.14,0.00" in obtenu


def test_tableau_de_plusieurs_prets_renvoie_a_pret_portefeuille(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    texte = rendre(modele_portefeuille(), "csv")
    assert isinstance(texte, str)
    entete, ligne = texte.splitlines()[:2]
    autre = ligne.replace("57851,5165325", "99999,1", 1)
    chemin = tmp_path / "deux.csv"
    chemin.write_text("\n".join([entete, ligne, autre]) + "\n", encoding="utf-8")
    code, out, err = _lancer(capsys, "pret", "tableau", str(chemin))
    assert code == 2 and out == ""
    assert err.startswith("collectivites : erreur :")
    assert "le tableau décrit 2 prêts" in err
    assert "collectivites pret portefeuille FICHIER" in err


def test_classeur_mal_nomme_dit_quoi_faire(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    contenu = rendre(modele_portefeuille(), "xlsx")
    assert isinstance(contenu, bytes)
    chemin = tmp_path / "modele.toml"
    chemin.write_bytes(contenu)
    code, out, err = _lancer(capsys, "pret", "tableau", str(chemin))
    assert code == 2 and out == ""
    assert "fichier binaire" in err and "en .xlsx" in err


@pytest.mark.parametrize(
    ("nom", "contenu", "motif"),
    [
        ("vide.csv", b"", "vide|aucune|colonnes"),
        ("entete.csv", b"numero,identifiant,montant\n", "aucune ligne de prêt"),
        ("faux.xlsx", b"PK\x03\x04pas un classeur", "classeur"),
        ("binaire.csv", b"\x00\x01\x02", "binaire"),
        ("colonne.csv", b"numero,montnat\n1,2\n", "vouliez-vous dire « montant »"),
    ],
)
def test_tableau_hostile_refuse_proprement(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, nom: str, contenu: bytes, motif: str
) -> None:
    chemin = tmp_path / nom
    chemin.write_bytes(contenu)
    code, out, err = _lancer(capsys, "pret", "tableau", str(chemin))
    assert code == 2 and out == "", err
    assert err.startswith("collectivites : erreur :") and "Traceback" not in err
    assert re.search(motif, err), err
