"""La page web en français courant (issue 24) : libellés et aides sans vocabulaire de la ligne
de commande, boutons de téléchargement montrés seulement si leur extra est installé, liens sous
le préfixe d'URL du service (``root_path`` ASGI, ``--root-path`` d'uvicorn)."""

from __future__ import annotations

import html
import re

import pytest

pytest.importorskip("starlette")
pytest.importorskip("httpx2", reason="client de test de Starlette")

from starlette.testclient import TestClient

from collectivites.web import _page, application


@pytest.fixture(scope="module")
def client() -> TestClient:
    return TestClient(application(), raise_server_exceptions=False)


def _textes_visibles(page: str) -> str:
    return re.sub(r"<[^>]+>", " ", page)


@pytest.mark.parametrize(
    "chemin", ["delai/calculer", "pret/moratoires", "pret/portefeuille", "pret/tableau"]
)
def test_libelles_en_francais_courant(client: TestClient, chemin: str) -> None:
    page = client.get(f"/formulaire/{chemin}").text
    visible = _textes_visibles(page)
    assert "--" not in visible  # aucune option de la ligne de commande
    assert "FICHIER" not in visible
    assert not re.search(r">depart|>duree|>date arrete", page)


def test_delai_libelles(client: TestClient) -> None:
    page = client.get("/formulaire/delai/calculer").text
    assert ">Date de départ *" in page and ">Durée *" in page


def test_scenario_dit_la_date_du_choc(client: TestClient) -> None:
    page = client.get("/formulaire/pret/tableau").text
    assert "avec « Date de départ du choc »" in page


def test_navigation_sans_chemins_de_commande(client: TestClient) -> None:
    page = client.get("/formulaire/pret/tableau").text
    nav = page.split("<nav>", 1)[1].split("</nav>", 1)[0]
    liens = [html.unescape(t) for t in re.findall(r">([^<>]+)</a>", nav)]
    assert "Tableau d'amortissement" in liens
    assert not any(lien.startswith(("pret ", "rsa ", "rep ")) for lien in liens)


def test_boutons_des_extras_absents_caches(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert 'value="xlsx"' in client.get("/formulaire/pret/tableau").text
    monkeypatch.setitem(_page._MODULES_DES_FORMATS, "xlsx", "module_absent_pour_le_test")
    page = client.get("/formulaire/pret/tableau").text
    assert 'value="xlsx"' not in page and 'value="csv"' in page


def test_liens_sous_le_prefixe_d_url() -> None:
    prefixe = TestClient(application(), root_path="/finances", raise_server_exceptions=False)
    page = prefixe.get("/formulaire/pret/tableau").text
    assert 'action="/finances/formulaire/pret/tableau"' in page
    hrefs = re.findall(r'href="([^"]+)"', page)
    assert hrefs and all(h.startswith("/finances/") for h in hrefs)
    inconnue = prefixe.get("/formulaire/rien")
    assert inconnue.status_code == 404 and 'href="/finances/"' in inconnue.text
