"""Les classeurs de chaque exemple livré, ouverts et imprimés par LibreOffice (issue 24).

Chaque exemple de ``collectivites exemples`` (avec sa commande), l'état de la dette du compte
administratif d'exemple, un portefeuille par garant (feuille « Graphique »), des intérêts
moratoires, un remboursement anticipé, la régularisation et la neutralité rSa et les jours
fériés sont écrits en XLSX par la ligne de commande, puis convertis en PDF par LibreOffice
(``soffice --headless --convert-to pdf``, profil privé dans ``tmp_path``). Le texte du PDF
(``pdftotext -bbox``, mots et rectangles) ne doit contenir :

- aucun « ### » : une colonne trop étroite pour son nombre ;
- aucune ligne imprimée par-dessus une autre : deux mots dont les rectangles se chevauchent
  (une hypothèse repliée dans une ligne trop basse déborde sur la suivante).

Ces tests sont sautés, en le disant, si ``soffice`` ou ``pdftotext`` manque (``.ci/run``
installe LibreOffice comme Chromium). Vérification à la main de ce qu'ils détectent : avant
les hauteurs de lignes, le classeur des indemnités d'Oraison superposait « Source : … » et
« Hypothèse » sur les lignes suivantes (chevauchements trouvés ici).
"""

from __future__ import annotations

import html
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from collectivites.cli import main

pytest.importorskip("openpyxl")

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
PDFTOTEXT = shutil.which("pdftotext")
pytestmark = pytest.mark.skipif(
    SOFFICE is None or PDFTOTEXT is None,
    reason="LibreOffice (soffice) ou pdftotext (poppler-utils) absent : classeurs non imprimés",
)

_LIGNE = ["--exemple", "cdc-57851", "--ligne", "5165325"]
#: Les commandes dont le classeur est imprimé, en plus de chaque exemple livré.
AUTRES = {
    "dette": ["dette", "etat", "--exemple", "crach-ca-2021"],
    "portefeuille": ["pret", "portefeuille", "--exemple", "cdc-57851", "--par", "garant"],
    "moratoires": [
        *["pret", "moratoires", *_LIGNE, "--montant", "3170.41"],
        *["--exigibilite", "2020-12-06", "--paiement", "2021-03-01"],
    ],
    "remboursement": ["pret", "remboursement", *_LIGNE, "--date", "2025-12-06"],
    "rsa-regularisation": [
        *["rsa", "regularisation", "--exemple", "rsa-lozere-2019", "--annee", "2019"],
    ],
    "rsa-neutralite": ["rsa", "neutralite", "--exemple", "rsa-lozere-2019", "--annee", "2019"],
    "jours-feries": ["jours-feries", "2026"],
}


def _exemples() -> dict[str, list[str]]:
    from collectivites.chargement import catalogue_des_exemples

    table = catalogue_des_exemples().table()
    return {
        ligne["nom"]: [*ligne["commande"].split(), "--exemple", ligne["nom"]]
        for ligne in table.enregistrements()
    }


_MOT = re.compile(
    r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>'
)


def _pages(chemin: Path) -> list[list[tuple[float, float, float, float, str]]]:
    """Les mots de chaque page du PDF, avec leur rectangle (x0, y0, x1, y1)."""
    sortie = subprocess.run(
        [str(PDFTOTEXT), "-bbox", str(chemin), "-"],
        check=True,
        capture_output=True,
        text=True,
        timeout=120,
    ).stdout
    pages = []
    for page in sortie.split("<page ")[1:]:
        pages.append(
            [
                (float(a), float(b), float(c), float(d), html.unescape(t))
                for a, b, c, d, t in _MOT.findall(page)
            ]
        )
    return pages


def chevauchements(
    mots: list[tuple[float, float, float, float, str]],
) -> list[tuple[str, str]]:
    """Paires de mots dont les rectangles se recouvrent de plus d'un quart de la hauteur et
    d'un quart de la largeur du plus petit : du texte imprimé par-dessus du texte."""
    trouves = []
    tries = sorted(mots, key=lambda m: m[1])
    for i, (x0, y0, x1, y1, texte) in enumerate(tries):
        for autre in tries[i + 1 :]:
            ax0, ay0, ax1, ay1, autre_texte = autre
            if ay0 >= y1:
                break
            hauteur = min(y1, ay1) - max(y0, ay0)
            largeur = min(x1, ax1) - max(x0, ax0)
            if hauteur > min(y1 - y0, ay1 - ay0) / 4 and largeur > min(x1 - x0, ax1 - ax0) / 4:
                trouves.append((texte, autre_texte))
    return trouves


def test_le_detecteur_trouve_deux_lignes_superposees() -> None:
    """Le détecteur lui-même : deux mots décalés d'un tiers de hauteur se chevauchent ; deux
    lignes consécutives ou deux mots côte à côte, non."""
    source = (0.0, 100.0, 50.0, 110.0, "Source")
    assert chevauchements([source, (10.0, 103.0, 60.0, 113.0, "Total")]) == [("Source", "Total")]
    assert chevauchements([source, (0.0, 111.0, 50.0, 121.0, "Total")]) == []
    assert chevauchements([source, (52.0, 100.0, 90.0, 110.0, ":")]) == []


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    dossier = tmp_path_factory.mktemp("classeurs")
    commandes = {**_exemples(), **AUTRES}
    for nom, commande in commandes.items():
        code = main([*commande, "--format", "xlsx", "--sortie", str(dossier / f"{nom}.xlsx")])
        assert code == 0, nom
    profil = (dossier / "profil").as_uri()
    subprocess.run(
        [
            str(SOFFICE),
            f"-env:UserInstallation={profil}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(dossier),
            *sorted(str(dossier / f"{nom}.xlsx") for nom in commandes),
        ],
        check=True,
        capture_output=True,
        timeout=600,
        env={**os.environ, "HOME": str(dossier)},
    )
    return {nom: dossier / f"{nom}.pdf" for nom in commandes}


def test_chaque_classeur_devient_un_pdf(pdfs: dict[str, Path]) -> None:
    assert len(pdfs) >= 20
    manquants = [nom for nom, chemin in pdfs.items() if not chemin.is_file()]
    assert manquants == []


def test_aucun_diese_ni_ligne_superposee(pdfs: dict[str, Path]) -> None:
    defauts: dict[str, list[str]] = {}
    for nom, chemin in pdfs.items():
        for rang, mots in enumerate(_pages(chemin), start=1):
            textes = [m[4] for m in mots]
            if any("###" in t for t in textes):
                defauts.setdefault(nom, []).append(f"page {rang} : « ### »")
            if _page_de_graphique(textes):
                continue
            for paire in chevauchements(mots):
                defauts.setdefault(nom, []).append(f"page {rang} : {paire}")
    assert defauts == {}


def _page_de_graphique(textes: list[str]) -> bool:
    """Une page de feuille « Graphique » (pied « Graphique — page n / N ») : les dates de
    l'axe, écrites en biais, ont des rectangles qui se chevauchent sans se superposer ; on n'y
    cherche que les « ### »."""
    return re.search(r"\bGraphique( \(\d+\))? — page \d+ / \d+", " ".join(textes)) is not None


def test_pas_une_page_de_trop(pdfs: dict[str, Path]) -> None:
    """À la largeur d'une page : le prêt 57851 (deux lignes de 40 et 50 échéances) tient en
    sept pages — hypothèses, deux pages par table, une par graphique — (douze avant la mise en
    page), le portefeuille par garant en moins de huit (seize avant)."""
    nombres = {nom: len(_pages(pdfs[nom])) for nom in ("cdc-57851", "portefeuille")}
    assert nombres["cdc-57851"] <= 7
    assert nombres["portefeuille"] < 8
