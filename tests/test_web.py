"""Service web : l'API JSON (client de test de Starlette), la page des formulaires, OpenAPI, et
chaque entrée hostile refusée en français (422, 413, 415, 404, 405 ; jamais une trace)."""

from __future__ import annotations

import base64
import contextlib
import csv
import io
import json
import shlex
import socket
import subprocess
import sys
import time
import urllib.request
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("starlette", reason="extra « web » absent")
from starlette.testclient import TestClient

from collectivites.cli import main
from collectivites.web import application
from tests.test_prets_chargement import LIGNE

CAS = Path(__file__).parent / "cas" / "pret"
IMPRIME = CAS / "cdc-57851-5165325.csv"  # le tableau imprimé par la CDC (PROVENANCE.md)
SAISI = CAS / "cdc-57851-5165325-saisi.csv"


@pytest.fixture(scope="module")
def client() -> TestClient:
    return TestClient(application(), raise_server_exceptions=False)


def _api(client: TestClient, chemin: str, corps: Any) -> Any:
    return client.post(f"/api/{chemin}", json=corps)


def _cli_json(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    assert main([*args, "--format", "json"]) == 0
    return capsys.readouterr().out


# --- l'API répond comme la ligne de commande ---------------------------------------------------


def test_tableau_de_la_ligne_5165325_comme_le_tableau_imprime(client: TestClient) -> None:
    reponse = _api(client, "pret/tableau", {"exemple": "cdc-57851", "ligne": "5165325"})
    assert reponse.status_code == 200
    assert reponse.headers["content-type"] == "application/json"
    donnees = reponse.json()
    echeances = donnees["echeances"]
    assert len(echeances) == 50
    assert donnees["totaux"]["echeances"]["echeance"] == "179588.21"  # « Total 179 588,21 »
    with IMPRIME.open(encoding="utf-8") as flux:
        imprime = list(csv.DictReader(flux))
    for ligne, attendue in zip(echeances, imprime, strict=True):
        for cle in ("echeance", "amortissement", "interets", "capital_du"):
            assert Decimal(ligne[cle]) == Decimal(attendue[cle]), (ligne["numero"], cle)


@pytest.mark.parametrize(
    ("chemin", "corps", "ligne_de_commande"),
    [
        (
            "pret/tableau",
            {"exemple": "cdc-57851", "ligne": "5165325", "index": "historique"},
            "pret tableau --exemple cdc-57851 --ligne 5165325 --index historique",
        ),
        (
            "delai/calculer",
            {"depart": "26/04/2024", "duree": "15 jours ouvrés", "avant": True},
            "delai calculer --depart 26/04/2024 --duree '15 jours ouvrés' --avant",
        ),
        (
            "jours-feries",
            {"annee": 2026, "zone": "alsace-moselle"},
            "jours-feries 2026 --zone alsace-moselle",
        ),
        (
            "rsa/interets-retard",
            {"exemple": "rsa-lozere-2019"},
            "rsa interets-retard --exemple rsa-lozere-2019",
        ),
        (
            "rep/soutiens",
            {"exemple": "rep-oraison-2022"},
            "rep soutiens --exemple rep-oraison-2022",
        ),
        (
            "indemnites/calculer",
            {"exemple": "indemnites-oraison-2023"},
            "indemnites calculer --exemple indemnites-oraison-2023",
        ),
        (
            "logement/flux",
            {"exemple": "logement-h2p-2024"},
            "logement flux --exemple logement-h2p-2024",
        ),
        (
            "pret/portefeuille",
            {"exemple": ["cdc-57851"], "par": "garant"},
            "pret portefeuille --exemple cdc-57851 --par garant",
        ),
    ],
)
def test_meme_json_que_la_ligne_de_commande(
    client: TestClient,
    capsys: pytest.CaptureFixture[str],
    chemin: str,
    corps: dict[str, Any],
    ligne_de_commande: str,
) -> None:
    reponse = _api(client, chemin, corps)
    assert reponse.status_code == 200, reponse.text
    assert reponse.text == _cli_json(capsys, *shlex.split(ligne_de_commande))


def test_formats_telecharges(client: TestClient) -> None:
    xlsx = _api(client, "pret/tableau", {"exemple": "cdc-57851", "format": "xlsx"})
    assert xlsx.status_code == 200
    assert xlsx.content[:2] == b"PK"
    assert xlsx.headers["content-disposition"] == 'attachment; filename="pret-tableau.xlsx"'
    ics = _api(client, "contrat/echeancier", {"exemple": "cdc-57851-delais", "format": "ics"})
    assert ics.status_code == 200
    assert ics.headers["content-type"].startswith("text/calendar")
    assert ics.text.startswith("BEGIN:VCALENDAR")
    texte = _api(
        client,
        "pret/tableau",
        {"exemple": "cdc-57851", "ligne": "5165325"} | {"format": "csv-excel"},
    )
    assert "Total;;;179588,21;128189,00;51399,21" in texte.content.decode("utf-8-sig")


def test_fichier_envoye_en_contenu_et_en_base64(client: TestClient) -> None:
    """Le tableau saisi (une faute d'impression ligne 17) : écart nommé, code 1 en en-tête."""
    texte = SAISI.read_text(encoding="utf-8-sig")
    for fichier in (
        {"nom": "saisi.csv", "contenu": texte},
        {"nom": "saisi.csv", "base64": base64.b64encode(SAISI.read_bytes()).decode()},
    ):
        corps = {"exemple": "cdc-57851", "ligne": "5165325", "tableau": fichier}
        reponse = _api(client, "pret/rapprocher", corps)
        assert reponse.status_code == 200, reponse.text
        assert reponse.headers["x-collectivites-code"] == "1"
        ecarts = reponse.json()["ecarts"]
        assert [(e["numero"], e["colonne"]) for e in ecarts] == [(17, "Échéance")]


def test_dossier_envoye_en_texte(client: TestClient) -> None:
    """La ligne 5165325 saisie en TOML (article 9 du contrat) : le total imprimé."""
    reponse = _api(client, "pret/tableau", {"dossier": LIGNE})
    assert reponse.status_code == 200, reponse.text
    assert reponse.json()["totaux"]["echeances"]["echeance"] == "179588.21"


# --- entrées hostiles : 422 en français, avec la clé fautive --------------------------------


@pytest.mark.parametrize(
    ("chemin", "corps", "cle", "fragment"),
    [
        ("pret/tableau", {"dossier": "[ligne]\nmontant = 'x'"}, "ligne.montant", "illisible"),
        ("pret/tableau", {"dossier": "ceci n'est pas du TOML"}, None, "TOML"),
        ("pret/tableau", {"ligne": "1"}, "exemple", "soit un exemple, soit un dossier"),
        ("pret/tableau", {"exemple": "cdc-57851", "dossier": "x"}, "exemple", "pas les deux"),
        ("pret/tableau", {"exemple": "cdc-5785"}, None, "exemple inconnu"),
        ("pret/tableau", {"exemple": "cdc-57851", "lignes": "1"}, "lignes", "champ inconnu"),
        ("pret/tableau", {"exemple": 57851}, "exemple", "type refusé"),
        ("pret/tableau", {"exemple": "cdc-57851", "ligne": "999"}, None, "ligne"),
        ("pret/tableau", {"exemple": "cdc-57851", "format": "pdf"}, "format", "format inconnu"),
        ("pret/tableau", {"exemple": "cdc-57851", "table": "x"}, "table", "csv"),
        ("pret/tableau", {"exemple": "cdc-57851", "index": "/etc/passwd"}, "index", "serveur"),
        ("pret/tableau", {"exemple": "cdc-57851", "index": "livreta+1 %"}, "index", "index"),
        (
            "pret/tableau",
            {"exemple": "cdc-57851", "index": {"nom": "i.csv", "contenu": "x"}},
            None,
            "i.csv",
        ),
        (
            "pret/rapprocher",
            {"exemple": "cdc-57851", "ligne": "5165325", "tableau": "/etc/passwd"},
            "tableau",
            "aucun fichier du serveur",
        ),
        (
            "pret/rapprocher",
            {"exemple": "cdc-57851", "ligne": "5165325", "tableau": {"nom": "t.csv"}},
            "tableau",
            "fichier mal décrit",
        ),
        (
            "pret/rapprocher",
            {"exemple": "cdc-57851", "ligne": "5165325", "tableau": {"base64": "%%%"}},
            "tableau.base64",
            "base64",
        ),
        ("pret/rapprocher", {"exemple": "cdc-57851", "ligne": "5165325"}, "tableau", "manquant"),
        ("delai/calculer", {"depart": "31/02/2024", "duree": "2 mois"}, "depart", "date"),
        ("delai/calculer", {"depart": "2024-01-01", "duree": "2 siècles"}, None, "unité"),
        (
            "delai/calculer",
            {"depart": "2024-01-01", "duree": "1 mois", "avant": "oui"},
            "avant",
            "true ou false",
        ),
        (
            "delai/calculer",
            {"depart": "2024-01-01", "duree": "1 mois", "regime": "x"},
            "regime",
            "non permise",
        ),
        ("jours-feries", {}, "annee", "manquant"),
        ("jours-feries", {"annee": True}, "annee", "type refusé"),
        ("jours-feries", {"annee": 1.5}, "annee", "année invalide"),
        ("jours-feries", {"annee": [2024]}, "annee", "type refusé"),
        (
            "pret/moratoires",
            {"exemple": "cdc-57851", "ligne": "5165325", "montant": "1,001"}
            | {"exigibilite": "2024-01-01", "paiement": "2024-02-01"},
            "montant",
            "centime",
        ),
        ("pret/portefeuille", {"dossiers": "/etc"}, "dossiers[0]", "aucun fichier du serveur"),
        (
            "donnees/verifier",
            {"fichier": {"nom": "livret_a.csv", "contenu": "a;b\n"}},
            None,
            "livret_a.csv",
        ),
        ("pret/tableau", {"dossier": {"nom": "vide.toml", "contenu": ""}}, None, "vide.toml"),
        ("pret/tableau", {"dossier": {"nom": "binaire.toml", "base64": "//79"}}, None, "binaire"),
        ("pret/tableau", {"dossier": {"nom": "../../etc/x.toml", "contenu": "["}}, None, "x.toml"),
    ],
)
def test_entree_invalide_422_en_francais(
    client: TestClient, chemin: str, corps: dict[str, Any], cle: str | None, fragment: str
) -> None:
    reponse = _api(client, chemin, corps)
    assert reponse.status_code == 422, reponse.text
    erreur = reponse.json()
    assert fragment in erreur["message"]
    if cle is not None:
        assert erreur["cle"] == cle
    assert "collectivites-web-" not in reponse.text  # jamais le chemin temporaire du serveur


@pytest.mark.parametrize(
    ("corps", "fragment"),
    [
        (b"{", "JSON invalide"),
        (b"[1, 2]", "objet JSON"),
        (b'{"exemple": NaN}', "non fini"),
        (b"\xff\xfe", "UTF-8"),
        (b"[" * 100_000 + b"]" * 100_000, "imbriqu"),
    ],
)
def test_corps_illisible_422(client: TestClient, corps: bytes, fragment: str) -> None:
    reponse = client.post(
        "/api/pret/tableau", content=corps, headers={"content-type": "application/json"}
    )
    assert reponse.status_code == 422
    assert fragment in reponse.json()["message"]


def test_statuts_http_en_francais(client: TestClient) -> None:
    texte = client.post("/api/pret/tableau", content=b"exemple=cdc-57851")
    assert texte.status_code == 415
    assert "JSON" in texte.json()["message"]
    assert client.get("/api/pret/tableau").json()["message"] == "méthode non permise"
    assert client.post("/api/pret/inconnu", json={}).status_code == 404
    assert client.get("/rien").json()["message"] == "adresse inconnue"
    assert client.post("/api/serve", json={}).status_code == 404  # serve n'est pas servie
    assert client.get("/sante").json()["etat"] == "ok"


def test_requete_trop_volumineuse_413() -> None:
    petit = TestClient(application(taille_max=1000), raise_server_exceptions=False)
    gros = {"exemple": "cdc-57851", "ligne": "x" * 2000}
    reponse = petit.post("/api/pret/tableau", json=gros)
    assert reponse.status_code == 413
    assert reponse.json()["message"] == "requête trop volumineuse (au plus 0 Mo)"

    def morceaux() -> Any:  # envoi par morceaux, sans Content-Length
        yield b'{"exemple": "'
        for _ in range(20):
            yield b"x" * 100
        yield b'"}'

    reponse = petit.post(
        "/api/pret/tableau", content=morceaux(), headers={"content-type": "application/json"}
    )
    assert reponse.status_code == 413
    page = petit.post("/formulaire/pret/tableau", data={"ligne": "x" * 2000})
    assert page.status_code == 413


def test_un_defaut_de_la_bibliotheque_repond_500_sans_trace(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    def defaut(_args: object) -> None:
        raise ZeroDivisionError("division par zéro")

    monkeypatch.setattr("collectivites.web._traitement.calculer", defaut)
    client = TestClient(application(delai_calcul=None))  # calcul dans ce processus-ci
    reponse = _api(client, "pret/tableau", {"exemple": "cdc-57851"})
    assert reponse.status_code == 500
    assert reponse.json()["message"].startswith("erreur interne (ZeroDivisionError)")
    assert "Traceback" not in reponse.text


# --- OpenAPI -----------------------------------------------------------------------------------


def test_openapi_decrit_chaque_commande(client: TestClient) -> None:
    description = client.get("/openapi.json").json()
    assert description["openapi"] == "3.1.0"
    chemins = description["paths"]
    assert "/api/pret/tableau" in chemins and "/api/serve" not in chemins
    tableau = chemins["/api/pret/tableau"]["post"]
    schema = tableau["requestBody"]["content"]["application/json"]["schema"]
    assert {"exemple", "dossier", "ligne", "index", "depuis", "format", "table"} == set(
        schema["properties"]
    )
    assert schema["additionalProperties"] is False
    assert "422" in tableau["responses"]
    delai = chemins["/api/delai/calculer"]["post"]["requestBody"]["content"]
    proprietes = delai["application/json"]["schema"]
    assert proprietes["required"] == ["depart", "duree"]
    assert proprietes["properties"]["regime"]["enum"] == ["simple", "cpc", "franc", "ue-1182-71"]
    assert proprietes["properties"]["avant"]["type"] == "boolean"


# --- la page -----------------------------------------------------------------------------------


def test_page_d_accueil_formulaire_du_tableau(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200
    assert '<html lang="fr">' in page.text
    assert "<option>cdc-57851</option>" in page.text
    assert 'name="index"' in page.text
    assert "Télécharger Classeur XLSX" in page.text
    assert "/formulaire/rsa/interets-retard" in page.text  # la navigation vers chaque commande


def test_page_affiche_la_table_a_la_francaise_et_le_graphique(client: TestClient) -> None:
    pytest.importorskip("matplotlib")
    donnees = {"exemple": "cdc-57851", "ligne": "5165325", "index": "emission"}
    page = client.post("/formulaire/pret/tableau", data={**donnees, "format": "afficher"})
    assert page.status_code == 200
    resultat = page.text.split('<section id="resultat">', 1)[1]
    assert "179\u202f588,21" in resultat  # le total imprimé, à la française
    assert resultat.count("<tr>") >= 50
    assert "<svg" in resultat
    assert "<option selected>cdc-57851</option>" in page.text  # le choix est gardé


def test_page_telecharge_et_refuse_en_francais(client: TestClient) -> None:
    donnees = {"exemple": "cdc-57851", "table": "5165325.echeances", "format": "csv"}
    csv_ = client.post("/formulaire/pret/tableau", data=donnees)
    assert csv_.status_code == 200, csv_.text
    assert csv_.headers["content-disposition"] == 'attachment; filename="pret-tableau.csv"'
    premiere = "1,2018-12-06,1.35,3170.41,1439.86,1730.55,0.00,126749.14,0.00"  # imprimée
    assert csv_.text.splitlines()[1] == premiere
    sans_table = client.post("/formulaire/pret/tableau", data={**donnees, "table": ""})
    assert sans_table.status_code == 422
    assert "5165324.echeances, 5165325.echeances" in sans_table.text
    erreur = client.post("/formulaire/pret/tableau", data={"format": "afficher"})
    assert erreur.status_code == 422
    assert "soit un exemple, soit un dossier" in erreur.text
    fichier = {"dossier": ("pret.toml", b"[ligne]\nmontant = -1\n", "application/toml")}
    refus = client.post("/formulaire/pret/tableau", data={"format": "afficher"}, files=fichier)
    assert refus.status_code == 422
    assert "pret.toml" in refus.text and "collectivites-web-" not in refus.text
    inconnue = client.get("/formulaire/pret/rien")
    assert inconnue.status_code == 404 and "Aucune commande" in inconnue.text


def test_page_portefeuille_en_classeur_et_trajectoire_envoyee(client: TestClient) -> None:
    """Le modèle de portefeuille (sa ligne d'exemple : la ligne 5165325), téléchargé en XLSX
    puis renvoyé par le formulaire, avec une trajectoire du Livret A en CSV."""
    pytest.importorskip("openpyxl")
    modele = _api(client, "pret/modele-portefeuille", {"format": "xlsx"})
    assert modele.status_code == 200
    trajectoire = b"date,valeur\n2027-02-01,3 %\n"
    fichiers = [
        ("dossiers", ("portefeuille.xlsx", modele.content, "application/octet-stream")),
        ("index", ("livret.csv", trajectoire, "text/csv")),
    ]
    donnees = {"index": "emission", "format": "afficher"}
    page = client.post("/formulaire/pret/portefeuille", data=donnees, files=fichiers)
    assert page.status_code == 200, page.text
    assert "5165325" in page.text and "livret.csv" in page.text
    sans_trajectoire = client.post(
        "/formulaire/pret/portefeuille", data=donnees, files=fichiers[:1]
    )
    assert sans_trajectoire.status_code == 200
    assert "livret.csv" not in sans_trajectoire.text
    fautif = [("dossiers", ("p.csv", b"numero,montnat\n1,2\n", "text/csv"))]
    refus = client.post("/formulaire/pret/portefeuille", data=donnees, files=fautif)
    assert refus.status_code == 422 and "vouliez-vous dire « montant »" in refus.text


def test_page_de_chaque_commande(client: TestClient) -> None:
    description = client.get("/openapi.json").json()
    for chemin in description["paths"]:
        if chemin.startswith("/api/"):
            page = client.get(chemin.replace("/api/", "/formulaire/"))
            assert page.status_code == 200, chemin
            assert "<form" in page.text


def test_page_echappe_ce_qu_elle_recoit(client: TestClient) -> None:
    donnees = {"exemple": "<script>alert(1)</script>", "format": "afficher"}
    page = client.post("/formulaire/pret/tableau", data=donnees)
    assert page.status_code == 422
    assert "<script>" not in page.text


# --- « collectivites serve » -------------------------------------------------------------------


def test_serve_refuse_un_port_invalide(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["serve", "--port", "99999"]) == 2
    assert "port invalide" in capsys.readouterr().err


def _port_libre() -> int:
    with contextlib.closing(socket.socket()) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextlib.contextmanager
def service() -> Any:
    """``collectivites serve`` dans un processus, sur un port libre de la boucle locale."""
    port = _port_libre()
    processus = subprocess.Popen(
        [sys.executable, "-m", "collectivites", "serve", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    adresse = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                with urllib.request.urlopen(f"{adresse}/sante", timeout=1):
                    break
            except OSError:
                if processus.poll() is not None:
                    raise AssertionError(processus.stderr.read().decode()) from None
                time.sleep(0.05)
        yield adresse
    finally:
        processus.terminate()
        processus.wait(timeout=10)


def test_serve_repond_le_tableau_en_json() -> None:
    with service() as adresse:
        requete = urllib.request.Request(
            f"{adresse}/api/pret/tableau",
            data=json.dumps({"exemple": "cdc-57851", "ligne": "5165325"}).encode(),
            headers={"Content-Type": "application/json"},
        )
        with urllib.request.urlopen(requete, timeout=30) as reponse:
            donnees = json.load(reponse)
        assert len(donnees["echeances"]) == 50
        assert donnees["totaux"]["echeances"]["echeance"] == "179588.21"
        mauvais = urllib.request.Request(
            f"{adresse}/api/pret/tableau",
            data=b'{"dossier": "[ligne]"}',
            headers={"Content-Type": "application/json"},
        )
        with pytest.raises(urllib.error.HTTPError) as erreur:
            urllib.request.urlopen(mauvais, timeout=30)
        assert erreur.value.code == 422
        assert "clé" in json.load(io.TextIOWrapper(erreur.value, encoding="utf-8"))["message"]
