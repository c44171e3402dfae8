"""La dette par le service web : mêmes résultats et mêmes refus que la ligne de commande."""

from __future__ import annotations

import base64
import gzip
from pathlib import Path

import pytest

pytest.importorskip("starlette", reason="extra « web » absent")
from starlette.testclient import TestClient

from collectivites.web import application

DOSSIER = Path(__file__).parent / "donnees" / "docbudg"


@pytest.fixture(scope="module")
def client() -> TestClient:
    return TestClient(application(), raise_server_exceptions=False)


def test_etat_d_un_exemple(client: TestClient) -> None:
    reponse = client.post("/api/dette/etat", json={"exemple": "crach-ca-2021"})
    assert reponse.status_code == 200, reponse.text
    assert reponse.json()["encours_debut"] == "2218967.47"


def test_controle_d_un_fichier_envoye_en_base64(client: TestClient) -> None:
    xml = gzip.decompress((DOSSIER / "montpellier-ca-2018.xml.gz").read_bytes())
    fichier = {"nom": "ca-2018.xml", "base64": base64.b64encode(xml).decode()}
    reponse = client.post("/api/dette/controler", json={"dossier": fichier})
    assert reponse.status_code == 200, reponse.text
    assert reponse.headers["x-collectivites-code"] == "1"
    codes = {ligne["code"]: ligne["nombre"] for ligne in reponse.json()["codes"]}
    assert codes["capital_restant_du_ecart_centime"] == 23


@pytest.mark.parametrize(
    ("contenu", "fragment"),
    [
        ("<!DOCTYPE a [<!ENTITY x SYSTEM 'file:///etc/passwd'>]><a>&x;</a>", "DTD"),
        ("<a><b>", "tronqué"),
        ("<Facture/>", "ce n'est pas un document budgétaire"),
    ],
)
def test_document_hostile_422_en_francais(client: TestClient, contenu: str, fragment: str) -> None:
    fichier = {"nom": "doc.xml", "base64": base64.b64encode(contenu.encode()).decode()}
    reponse = client.post("/api/dette/etat", json={"dossier": fichier})
    assert reponse.status_code == 422, reponse.text
    assert fragment in reponse.json()["message"]
