"""La page du service en français courant, commande par commande (issue 24) : aucune commande
nommée par son chemin ni code de sortie de la ligne de commande, des libellés accentués, une
aide qui ne répète pas son libellé, chaque commande rangée dans un groupe nommé."""

from __future__ import annotations

import html
import re

import pytest

pytest.importorskip("starlette")
pytest.importorskip("httpx2", reason="client de test de Starlette")

from starlette.testclient import TestClient

from collectivites.web import application
from collectivites.web._traitement import commandes_web

CHEMINS = ["/".join(c.chemin) for c in commandes_web()]


@pytest.fixture(scope="module")
def client() -> TestClient:
    return TestClient(application(), raise_server_exceptions=False)


def _visible(page: str) -> str:
    corps = page.split("<body>", 1)[1]
    return html.unescape(re.sub(r"<[^>]+>", "\n", corps))


@pytest.mark.parametrize("chemin", CHEMINS)
def test_page_sans_vocabulaire_de_la_ligne_de_commande(client: TestClient, chemin: str) -> None:
    page = client.get(f"/formulaire/{chemin}").text
    visible = _visible(page)
    commandes = "|".join(re.escape(" ".join(c.chemin)) for c in commandes_web() if c.chemin[1:])
    assert not re.search(rf"\b({commandes})\b", visible), chemin
    assert "code 1" not in visible
    assert "FICHIER" not in visible and "--" not in visible
    # une aide qui ne fait que répéter son libellé n'est pas écrite
    for libelle, aide in re.findall(r"<label[^>]*>([^<*]+?) ?\*? <small>([^<]*)</small>", page):
        assert aide.strip().lower() != libelle.strip().lower(), (chemin, libelle)
    titres = re.findall(r'title="([^"]*)"', page)
    assert titres and not any("code 1" in t or "« pret " in t for t in titres)


def test_chaque_commande_dans_un_groupe_nomme(client: TestClient) -> None:
    page = client.get("/formulaire/pret/tableau").text
    nav = page.split("<nav>", 1)[1].split("</nav>", 1)[0]
    groupes = re.findall(r"<span>([^<]+)</span>", nav)
    assert "Autres" not in groupes
    assert {"Dette et garanties", "Paiements"} <= set(groupes)
    liens = [html.unescape(t) for t in re.findall(r">([^<>]+)</a>", nav)]
    assert "Les emprunts de l'annexe en portefeuille" in liens


def test_libelles_accentues_des_garanties(client: TestClient) -> None:
    page = client.get("/formulaire/garantie/verifier").text
    assert ">Quotité garantie *" in page and ">Bénéficiaire" in page
    assert ">Quotite" not in page
    document = client.get("/formulaire/dette/etat").text
    assert "un fichier .xml" in html.unescape(document)


def test_exemple_de_table_propre_aux_prets(client: TestClient) -> None:
    assert "5165325.echeances" in client.get("/formulaire/pret/tableau").text
    garantie = client.get("/formulaire/garantie/verifier").text
    assert "5165325" not in garantie and "nom est celui de la table" in garantie
