"""Le service web configuré (issue 24) : l'application ``collectivites.web:app`` lue dans les
variables d'environnement ``COLLECTIVITES_WEB_…``, ``collectivites servir --workers/--root-path/
--proxy-headers``, et son journal en français, une ligne par événement.

Sans démarrer de serveur, sauf deux essais à la fin (un port libre de la boucle locale, arrêté
après) : ``uvicorn.run`` est remplacé par un relevé de ses arguments."""

from __future__ import annotations

import contextlib
import logging
import os
import pickle
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("starlette")
pytest.importorskip("uvicorn")
pytest.importorskip("httpx2", reason="client de test de Starlette")

from starlette.testclient import TestClient

from collectivites import web
from collectivites.cli import main
from collectivites.erreurs import ErreurValeur
from collectivites.web import _configuration, _journal
from collectivites.web._configuration import VARIABLES, lire_environnement

# --- les variables d'environnement ----------------------------------------------------------

#: Une valeur valide de chaque variable, et ce qu'elle donne.
VALIDES = {
    "COLLECTIVITES_WEB_HOTE": ("0.0.0.0", "0.0.0.0"),
    "COLLECTIVITES_WEB_PORT": ("8080", 8080),
    "COLLECTIVITES_WEB_PROCESSUS": ("3", 3),
    "COLLECTIVITES_WEB_PREFIXE": ("/finances/", "/finances"),
    "COLLECTIVITES_WEB_ENTETES_PROXY": ("oui", True),
    "COLLECTIVITES_WEB_PROXYS_DE_CONFIANCE": ("127.0.0.1, 10.0.0.0/8", "127.0.0.1,10.0.0.0/8"),
    "COLLECTIVITES_WEB_JOURNAL": ("avertissement", "warning"),
    "COLLECTIVITES_WEB_TAILLE_MAX": ("5", 5 * 1024 * 1024),
    "COLLECTIVITES_WEB_DELAI_CORPS": ("2,5", 2.5),
    "COLLECTIVITES_WEB_DELAI_CALCUL": ("120", 120),
    "COLLECTIVITES_WEB_CALCULS_SIMULTANES": ("4", 4),
    "COLLECTIVITES_WEB_FORMATS": ("csv, xlsx", frozenset({"csv", "xlsx", "json"})),
    "COLLECTIVITES_WEB_DELAI_ENTETES": ("7", 7),
    "COLLECTIVITES_WEB_CONNEXIONS_MAX": ("50", 50),
}
#: Une valeur invalide de chaque variable.
INVALIDES = {
    "COLLECTIVITES_WEB_HOTE": "127.0.0.1 ; rm -rf",
    "COLLECTIVITES_WEB_PORT": "quatre-vingt",
    "COLLECTIVITES_WEB_PROCESSUS": "0",
    "COLLECTIVITES_WEB_PREFIXE": "finances",
    "COLLECTIVITES_WEB_ENTETES_PROXY": "peut-être",
    "COLLECTIVITES_WEB_PROXYS_DE_CONFIANCE": "300.0.0.1",
    "COLLECTIVITES_WEB_JOURNAL": "bavard",
    "COLLECTIVITES_WEB_TAILLE_MAX": "-1",
    "COLLECTIVITES_WEB_DELAI_CORPS": "nan",
    "COLLECTIVITES_WEB_DELAI_CALCUL": "0",
    "COLLECTIVITES_WEB_CALCULS_SIMULTANES": "deux",
    "COLLECTIVITES_WEB_FORMATS": "json,pdf",
    "COLLECTIVITES_WEB_DELAI_ENTETES": "1e400",
    "COLLECTIVITES_WEB_CONNEXIONS_MAX": "9" * 5000,
}


def test_chaque_variable_a_ses_cas() -> None:
    noms = {v.nom for v in VARIABLES}
    assert set(VALIDES) == noms and set(INVALIDES) == noms


def test_les_formats_sont_ceux_du_service() -> None:
    from collectivites.web._traitement import TYPES_DE_CONTENU

    assert set(_configuration.FORMATS) == set(TYPES_DE_CONTENU)


@pytest.mark.parametrize("nom", sorted(VALIDES))
def test_variable_valide_lue(nom: str) -> None:
    texte, attendu = VALIDES[nom]
    champ = next(v.champ for v in VARIABLES if v.nom == nom)
    assert lire_environnement({nom: texte}) == {champ: attendu}


@pytest.mark.parametrize("nom", sorted(INVALIDES))
def test_variable_invalide_refusee_en_nommant_la_variable(nom: str) -> None:
    with pytest.raises(ErreurValeur) as erreur:
        lire_environnement({nom: INVALIDES[nom]})
    message = str(erreur.value)
    assert message.startswith(f"variable d'environnement {nom} invalide"), message
    assert "attendu : " in message
    assert not re.search(r"\b(invalid|expected|Error)\b", message)


def test_variable_inconnue_refusee_avec_la_plus_proche() -> None:
    with pytest.raises(ErreurValeur, match=r"inconnue : COLLECTIVITES_WEB_TAILE_MAX \(vouliez"):
        lire_environnement({"COLLECTIVITES_WEB_TAILE_MAX": "3"})
    # les autres variables de la bibliothèque ne sont pas celles du service
    assert lire_environnement({"COLLECTIVITES_DONNEES": "/tmp", "PATH": "/bin"}) == {}


def test_variable_vide_vaut_absente_et_reglages_du_serveur_a_part() -> None:
    environ = {"COLLECTIVITES_WEB_PORT": "", "COLLECTIVITES_WEB_PROCESSUS": "2"}
    assert lire_environnement(environ) == {"processus": 2}
    assert lire_environnement(environ, serveur=False) == {}


def test_aller_retour_par_l_environnement() -> None:
    """Ce que ``servir --processus N`` transmet à ses processus redonne les mêmes réglages."""
    par_champ = {v.champ: VALIDES[v.nom][1] for v in VARIABLES}
    environ = _configuration.en_environnement(par_champ)
    assert lire_environnement(environ) == par_champ
    # des formats donnés en liste à servir() (API Python) passent de même
    environ = _configuration.en_environnement({"formats": ["xlsx", "csv"]})
    assert environ == {"COLLECTIVITES_WEB_FORMATS": "csv,xlsx"}


# --- l'application du module : ``collectivites.web:app`` -------------------------------------


@pytest.fixture
def sans_app(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Aucune application déjà construite, aucun réglage ``COLLECTIVITES_WEB_…`` hérité."""
    monkeypatch.delitem(vars(web), "app", raising=False)
    for nom in list(os.environ):
        if nom.startswith("COLLECTIVITES_WEB_"):
            monkeypatch.delenv(nom)
    yield
    vars(web).pop("app", None)


@pytest.mark.usefixtures("sans_app")
def test_app_lue_dans_l_environnement(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLLECTIVITES_WEB_PREFIXE", "/finances")
    monkeypatch.setenv("COLLECTIVITES_WEB_FORMATS", "csv")
    monkeypatch.setenv("COLLECTIVITES_WEB_TAILLE_MAX", "1")
    monkeypatch.setenv("COLLECTIVITES_WEB_PORT", "8080")  # réglage du serveur : sans effet ici
    from collectivites.web import app

    assert web.app is app  # construite une fois
    client = TestClient(app, raise_server_exceptions=False)
    page = client.get("/formulaire/pret/tableau").text
    assert 'action="/finances/formulaire/pret/tableau"' in page
    hrefs = re.findall(r'href="([^"]+)"', page)
    assert hrefs and all(h.startswith("/finances/") for h in hrefs)
    boutons = re.findall(r'name="format" value="([^"]+)"', page)
    assert boutons == ["afficher", "csv", "json"]
    # chemin reçu avec ou sans le préfixe (proxy qui le retire, ou non)
    assert client.get("/finances/sante").json()["etat"] == "ok"
    refus = client.post("/api/pret/tableau", json={"exemple": "cdc-57851", "format": "xlsx"})
    assert refus.status_code == 422
    assert refus.json()["cle"] == "format"
    assert "format non permis par ce service" in refus.json()["message"]
    assert "csv, json" in refus.json()["attendu"]
    gros = client.post("/api/jours-feries", content=b"{}" + b" " * (1024 * 1024))
    assert gros.status_code == 413 and "1 Mo" in gros.json()["message"]
    assert client.get("/openapi.json").json()["servers"] == [{"url": "/finances"}]


@pytest.mark.usefixtures("sans_app")
def test_app_du_formulaire_refuse_un_format_non_permis(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLLECTIVITES_WEB_FORMATS", "csv")
    client = TestClient(web.app, raise_server_exceptions=False)
    reponse = client.post("/formulaire/jours-feries", data={"annee": "2024", "format": "xlsx"})
    assert reponse.status_code == 422
    assert "format non permis par ce service" in reponse.text


@pytest.mark.usefixtures("sans_app")
def test_app_sans_reglage_sert_tous_les_formats_a_la_racine() -> None:
    client = TestClient(web.app)
    page = client.get("/formulaire/pret/tableau").text
    assert 'action="/formulaire/pret/tableau"' in page and 'value="xlsx"' in page
    assert "servers" not in client.get("/openapi.json").json()


@pytest.mark.usefixtures("sans_app")
def test_app_refuse_une_variable_invalide(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLLECTIVITES_WEB_DELAI_CALCUL", "soixante")
    with pytest.raises(ErreurValeur, match="COLLECTIVITES_WEB_DELAI_CALCUL invalide"):
        _ = web.app
    assert "app" not in vars(web)
    with pytest.raises(AttributeError, match="n'a pas d'attribut « appli »"):
        _ = web.appli


def test_fabrique_refuse_prefixe_et_formats_invalides() -> None:
    with pytest.raises(ErreurValeur, match="préfixe d'URL invalide"):
        web.application(prefixe="finances")
    with pytest.raises(ErreurValeur, match="formats invalides"):
        web.application(formats=["json", "pdf"])
    assert web.application(formats="csv").state.formats == {"csv", "json"}


# --- ``collectivites servir`` : les arguments passés à uvicorn ---------------------------------


@pytest.fixture
def uvicorn_run(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """``uvicorn.run`` remplacé par un relevé ; l'environnement du processus, par une copie."""
    import uvicorn

    appels: list[dict[str, Any]] = []
    monkeypatch.setattr(uvicorn, "run", lambda **kwargs: appels.append(kwargs))
    copie = {n: v for n, v in os.environ.items() if not n.startswith("COLLECTIVITES_WEB_")}
    monkeypatch.setattr(os, "environ", copie)
    return appels


def test_servir_workers_root_path_proxy_headers(
    uvicorn_run: list[dict[str, Any]], capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["servir", "--workers", "2", "--root-path", "/finances/", "--proxy-headers"]
    assert main([*argv, "--taille-max", "3", "--journal", "avertissement"]) == 0
    assert capsys.readouterr().out == ""
    (config,) = uvicorn_run
    assert config["workers"] == 2 and config["app"] == "collectivites.web:app"
    assert config["root_path"] == "/finances"
    assert config["proxy_headers"] is True and config["forwarded_allow_ips"] == "127.0.0.1"
    assert config["log_level"] == "warning"
    assert config["host"] == "127.0.0.1" and config["port"] == 8000
    # les processus de serveur lisent l'application dans l'environnement transmis
    assert os.environ["COLLECTIVITES_WEB_TAILLE_MAX"] == "3"
    assert os.environ["COLLECTIVITES_WEB_PREFIXE"] == "/finances"
    pickle.dumps(config["http"])  # le protocole passe aux processus (spawn)
    pickle.dumps(config["log_config"])


def test_servir_par_defaut_un_processus_sans_en_tetes_de_proxy(
    uvicorn_run: list[dict[str, Any]],
) -> None:
    assert main(["serve"]) == 0
    (config,) = uvicorn_run
    assert config["workers"] == 1 and config["root_path"] == ""
    assert config["proxy_headers"] is False
    assert not isinstance(config["app"], str)  # l'application elle-même, déjà construite
    assert "environnement" not in config
    assert not any(n.startswith("COLLECTIVITES_WEB_") for n in os.environ)


def test_servir_option_puis_variable_puis_defaut(uvicorn_run: list[dict[str, Any]]) -> None:
    os.environ.update(
        {
            "COLLECTIVITES_WEB_PORT": "8081",
            "COLLECTIVITES_WEB_PREFIXE": "/env",
            "COLLECTIVITES_WEB_ENTETES_PROXY": "oui",
            "COLLECTIVITES_WEB_PROXYS_DE_CONFIANCE": "10.0.0.1",
            "COLLECTIVITES_WEB_PROCESSUS": "2",
        }
    )
    assert main(["servir", "--port", "9000", "--processus", "1"]) == 0
    (config,) = uvicorn_run
    assert config["port"] == 9000 and config["workers"] == 1  # l'option prime
    assert config["root_path"] == "/env" and config["proxy_headers"] is True
    assert config["forwarded_allow_ips"] == "10.0.0.1"


@pytest.mark.parametrize("nom", ["COLLECTIVITES_WEB_PORT", "COLLECTIVITES_WEB_PROCESSUS"])
def test_servir_variable_invalide_code_2_en_francais(
    uvicorn_run: list[dict[str, Any]], capsys: pytest.CaptureFixture[str], nom: str
) -> None:
    os.environ[nom] = INVALIDES[nom]
    assert main(["servir"]) == 2
    sortie = capsys.readouterr()
    assert sortie.out == ""
    assert sortie.err.startswith(f"collectivites : erreur : variable d'environnement {nom} ")
    assert uvicorn_run == []  # le serveur n'a pas démarré


# --- le journal -------------------------------------------------------------------------------


def _enregistrement(
    message: str, *args: Any, nom: str = "uvicorn.error", exc_info: Any = None
) -> logging.LogRecord:
    return logging.LogRecord(nom, logging.INFO, "f.py", 1, message, args or None, exc_info)


def test_journal_traduit_les_messages_d_uvicorn() -> None:
    traduction = _journal.TraductionUvicorn()
    enregistrement = _enregistrement("Started server process [%d]", 1234)
    traduction.filter(enregistrement)
    assert enregistrement.getMessage() == "Démarrage du processus du serveur [1234]"
    parent = _enregistrement("Child process [42] died")
    traduction.filter(parent)
    assert parent.getMessage() == "Processus de serveur [42] mort : relancé"
    occupe = _enregistrement(OSError(98, "address already in use"))  # type: ignore[arg-type]
    traduction.filter(occupe)
    assert occupe.getMessage().endswith(
        "adresse déjà utilisée (un autre service écoute sur ce port)"
    )


def test_journal_des_acces_une_ligne_sans_parametres() -> None:
    enregistrement = _enregistrement(
        '%s - "%s %s HTTP/%s" %d',
        "127.0.0.1:5000",
        "GET",
        "/formulaire/pret/tableau?jeton=secret",
        "1.1",
        422,
        nom="uvicorn.access",
    )
    _journal.JournalDesAcces().filter(enregistrement)
    ligne = _journal.FormatJournal().format(enregistrement)
    assert re.fullmatch(
        r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d info Requête GET /formulaire/pret/tableau\?… de "
        r"127\.0\.0\.1:5000 : 422 entrée invalide",
        ligne,
    ), ligne
    assert "secret" not in ligne


def test_journal_une_ligne_par_evenement_meme_avec_une_trace() -> None:
    try:
        raise KeyError("montant\nfaux")
    except KeyError:
        exc_info = sys.exc_info()
    enregistrement = _enregistrement("erreur interne (%s)\x1b[31m", "KeyError", exc_info=exc_info)
    enregistrement.levelname = "ERROR"
    ligne = _journal.FormatJournal().format(enregistrement)
    assert "\n" not in ligne and "\x1b" not in ligne
    assert " erreur erreur interne (KeyError)\\x1b[31m — KeyError: " in ligne
    assert "montant\\nfaux" in ligne
    assert "(trace : test_web_configuration.py:" in ligne


def test_configuration_du_journal_valide() -> None:
    configuration = _journal.configuration_du_journal("erreur")
    assert configuration["loggers"]["uvicorn"]["level"] == "ERROR"
    # tout s'importe par son nom, comme dans un processus de serveur neuf
    import logging.config

    configurateur = logging.config.DictConfigurator(configuration)
    for filtre in configuration["filters"].values():
        assert isinstance(configurateur.resolve(filtre["()"])(), logging.Filter)
    with pytest.raises(ValueError, match="un niveau parmi debogage, info"):
        _journal.configuration_du_journal("bavard")


# --- deux vrais serveurs ---------------------------------------------------------------------


def _port_libre() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextlib.contextmanager
def _lance(argv: list[str], env: dict[str, str], port: int) -> Iterator[subprocess.Popen[bytes]]:
    environnement = {n: v for n, v in os.environ.items() if not n.startswith("COLLECTIVITES_WEB")}
    processus = subprocess.Popen(
        argv,
        env={**environnement, **env},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        fin = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/sante", timeout=2):
                    break
            except OSError:
                if processus.poll() is not None or time.monotonic() > fin:
                    processus.kill()
                    raise AssertionError(processus.communicate()[0].decode()) from None
                time.sleep(0.2)
        yield processus
    finally:
        if processus.poll() is None:
            processus.terminate()
            try:
                processus.wait(timeout=20)
            except subprocess.TimeoutExpired:  # pragma: no cover - serveur bloqué
                processus.kill()
                processus.wait()


def _page(port: int, chemin: str) -> str:
    with urllib.request.urlopen(f"http://127.0.0.1:{port}{chemin}", timeout=30) as reponse:
        return str(reponse.read().decode())


def test_servir_deux_processus_sous_un_prefixe_journal_francais() -> None:
    port = _port_libre()
    argv = [sys.executable, "-m", "collectivites", "servir", "--port", str(port)]
    argv += ["--workers", "2", "--root-path", "/finances", "--calculs-simultanes", "1"]
    with _lance(argv, {"COLLECTIVITES_WEB_FORMATS": "csv"}, port) as processus:
        page = _page(port, "/formulaire/pret/tableau?jeton=secret")
        assert 'action="/finances/formulaire/pret/tableau"' in page
        assert re.findall(r'name="format" value="([^"]+)"', page) == ["afficher", "csv", "json"]
        requete = urllib.request.Request(
            f"http://127.0.0.1:{port}/api/jours-feries",
            data=b'{"annee": "2024", "format": "xlsx"}',
            headers={"Content-Type": "application/json"},
        )
        with pytest.raises(urllib.error.HTTPError) as refus:
            urllib.request.urlopen(requete, timeout=30)
        assert refus.value.code == 422
        processus.terminate()
        journal = processus.communicate(timeout=30)[0].decode()
    lignes = journal.splitlines()
    assert all(re.match(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d [a-zé]+ [A-ZÉ]", li) for li in lignes), (
        journal
    )
    assert journal.count("Démarrage du processus du serveur [") == 2
    assert "Service à l'écoute sur http://127.0.0.1:" in journal
    assert "Requête GET /finances/formulaire/pret/tableau?… de 127.0.0.1:" in journal
    assert "Requête POST /finances/api/jours-feries de 127.0.0.1:" in journal
    assert " : 422 entrée invalide" in journal
    assert "secret" not in journal
    for anglais in ("Started", "Uvicorn running", "Waiting", "Traceback", "INFO"):
        assert anglais not in journal


def test_uvicorn_sert_l_app_du_module() -> None:
    """``uvicorn collectivites.web:app`` : l'application lue dans l'environnement, sous le
    préfixe que le proxy laisse dans le chemin."""
    port = _port_libre()
    argv = [sys.executable, "-m", "uvicorn", "collectivites.web:app", "--port", str(port)]
    with _lance(argv, {"COLLECTIVITES_WEB_PREFIXE": "/outils/collectivites"}, port) as processus:
        page = _page(port, "/outils/collectivites/formulaire/delai/calculer")
        assert 'action="/outils/collectivites/formulaire/delai/calculer"' in page
        processus.terminate()
        journal = processus.communicate(timeout=30)[0].decode()
    assert "Démarrage du processus du serveur [" in journal
    assert "Started server process" not in journal


def test_les_exemples_de_l_aide_de_servir_se_lisent(uvicorn_run: list[dict[str, Any]]) -> None:
    """Chaque exemple de ``collectivites servir --aide`` est une ligne de commande valide (le
    serveur n'est pas démarré : ``uvicorn.run`` est relevé)."""
    import shlex

    from collectivites.cli._service import SERVE

    lancees = [e.split("    (")[0] for e in SERVE.exemples]
    for exemple in lancees:
        mots = shlex.split(exemple)
        variables = [m for m in mots if "=" in m and not m.startswith("-")]
        os.environ.update(dict(v.split("=", 1) for v in variables))
        assert main(mots[len(variables) + 1 :]) == 0, exemple
    assert len(uvicorn_run) == len(lancees)
    assert uvicorn_run[-2]["port"] == 8080  # COLLECTIVITES_WEB_PORT=8080


def test_la_documentation_decrit_chaque_variable() -> None:
    guide = Path(__file__).resolve().parent.parent / "docs" / "guides" / "deploiement.md"
    texte = guide.read_text(encoding="utf-8")
    manquantes = [v.nom for v in VARIABLES if f"`{v.nom}`" not in texte]
    assert not manquantes, manquantes


@pytest.mark.skipif(shutil.which("nginx") is None, reason="nginx absent : proxy non essayé")
def test_sous_un_prefixe_derriere_nginx_chaque_lien_repond(tmp_path: Path) -> None:
    """L'exemple livré ``nginx-collectivites-prefixe.conf`` devant ``collectivites servir
    --prefixe /finances --entetes-proxy`` : chaque lien de la page, suivi à travers nginx,
    répond 200 ; le formulaire y télécharge le CSV ; le journal nomme le client, non le proxy."""
    port, port_nginx = _port_libre(), _port_libre()
    guides = Path(__file__).resolve().parent.parent / "docs" / "guides"
    site = (guides / "nginx-collectivites-prefixe.conf").read_text(encoding="utf-8")
    assert "listen 80;" in site and "127.0.0.1:8000/" in site
    site = site.replace("listen 80;", f"listen 127.0.0.1:{port_nginx};")
    site = site.replace("127.0.0.1:8000/", f"127.0.0.1:{port}/")
    temporaires = "".join(
        f"  {nom}_temp_path {tmp_path}/{nom};\n"
        for nom in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    (tmp_path / "site.conf").write_text(site, encoding="utf-8")
    (tmp_path / "nginx.conf").write_text(
        f"pid {tmp_path}/nginx.pid;\nerror_log {tmp_path}/error.log;\n"
        "daemon off;\nevents {}\n"
        f"http {{\n  access_log off;\n{temporaires}  include {tmp_path}/site.conf;\n}}\n",
        encoding="utf-8",
    )
    nginx = subprocess.Popen(
        ["nginx", "-c", str(tmp_path / "nginx.conf"), "-p", str(tmp_path)],
        stderr=subprocess.PIPE,
    )
    argv = [sys.executable, "-m", "collectivites", "servir", "--port", str(port)]
    argv += ["--prefixe", "/finances", "--entetes-proxy"]
    try:
        with _lance(argv, {}, port) as processus:
            racine = _page(port_nginx, "/finances/")
            liens = sorted(set(re.findall(r'href="([^"]+)"', racine)))
            assert len(liens) >= 20 and all(lien.startswith("/finances/") for lien in liens)
            for lien in liens:
                with urllib.request.urlopen(f"http://127.0.0.1:{port_nginx}{lien}") as reponse:
                    assert reponse.status == 200, lien
            (action,) = re.findall(r'action="([^"]+)"', racine)
            envoi = urllib.request.Request(
                f"http://127.0.0.1:{port_nginx}{action}",
                data=b"exemple=cdc-57851&ligne=5165325&format=csv-excel",
                headers={"Content-Type": "application/x-www-form-urlencoded"},
            )
            with urllib.request.urlopen(envoi, timeout=60) as reponse:
                assert reponse.headers["Content-Disposition"].endswith('"pret-tableau.csv"')
                assert "179588,21" in reponse.read().decode("utf-8-sig")
            processus.terminate()
            journal = processus.communicate(timeout=30)[0].decode()
    finally:
        nginx.terminate()
        nginx.wait(timeout=20)
    # X-Forwarded-For cru : l'adresse du client (ici la boucle locale), sans le port du proxy
    assert re.search(
        r"Requête POST /finances/formulaire/pret/tableau de 127\.0\.0\.1 : 200", journal
    )


def test_servir_en_python_transmet_ses_arguments_aux_processus(
    uvicorn_run: list[dict[str, Any]],
) -> None:
    web.servir(processus=2, formats=["csv"], taille_max=2 * 1024 * 1024, delai_calcul=90)
    (config,) = uvicorn_run
    assert config["app"] == "collectivites.web:app" and config["workers"] == 2
    assert lire_environnement(os.environ, serveur=False) == {
        "formats": frozenset({"csv", "json"}),
        "taille_max": 2 * 1024 * 1024,
        "delai_calcul": 90,
    }
