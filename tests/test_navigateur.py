"""La page du service dans un vrai navigateur : Playwright pilote le Chromium de Debian
(``apt-get install chromium`` ; le navigateur que Playwright télécharge lui-même n'est pas
joignable ici). Sur une machine sans Chromium, le test est sauté et le dit (``-ra``).

``COLLECTIVITES_CAPTURE=chemin.png`` enregistre une capture de la page (celle de la
documentation : ``docs/images/service-web.png``).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from tests.test_web import service  # saute le module si l'extra « web » manque

playwright = pytest.importorskip("playwright.sync_api", reason="playwright absent")

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
pytestmark = [
    pytest.mark.navigateur,
    pytest.mark.skipif(
        not Path(CHROMIUM).exists(),
        reason="Chromium absent (apt-get install chromium) : test du navigateur sauté",
    ),
]
# Les options de la machine de test : sans elles, Chromium tente des connexions refusées.
OPTIONS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def test_choisir_un_exemple_calculer_et_telecharger(tmp_path: Path) -> None:
    with service() as adresse, playwright.sync_playwright() as pw:
        navigateur = pw.chromium.launch(executable_path=CHROMIUM, args=OPTIONS)
        try:
            page = navigateur.new_page(viewport={"width": 1280, "height": 1500}, locale="fr-FR")
            page.goto(f"{adresse}/")
            assert page.title().startswith("Tableau d'amortissement")
            page.select_option("#champ-exemple", "cdc-57851")
            page.fill("#champ-ligne", "5165325")
            page.fill("#champ-index", "emission")
            page.click("button[value=afficher]")
            page.wait_for_selector("#resultat table.collectivites")
            pied = page.inner_text("#resultat table.collectivites tfoot")
            assert "179\u202f588,21" in pied  # le total imprimé par la CDC
            assert page.locator("#resultat tbody tr").count() == 50
            assert page.locator("#resultat .graphique svg").count() == 1
            assert page.input_value("#champ-ligne") == "5165325"  # le formulaire garde la saisie
            if capture := os.environ.get("COLLECTIVITES_CAPTURE"):
                page.screenshot(path=capture)
            with page.expect_download() as attente:
                page.click("button[value='csv-excel']")
            telechargement = attente.value
            assert telechargement.suggested_filename == "pret-tableau.csv"
            chemin = tmp_path / "tableau.csv"
            telechargement.save_as(chemin)
            contenu = chemin.read_text(encoding="utf-8-sig")
            assert "Total;;;179588,21;128189,00;51399,21" in contenu

            page.select_option("#champ-exemple", "")
            page.click("button[value=afficher]")
            alerte = page.inner_text("[role=alert]")
            assert "soit un exemple, soit un dossier" in alerte
        finally:
            navigateur.close()
