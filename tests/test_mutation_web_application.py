"""L'application ASGI (``web/_application.py``), passage de mutation (issue 27) : statut, corps
JSON et en-têtes exacts de chaque réponse d'erreur, la garde des requêtes (taille, délai du
corps, erreur imprévue) appelée en ASGI brut, la lecture bornée du JSON, les routes.

Règles du module : 413 d'après ``Content-Length`` (plus de 18 chiffres, ou plus que
``taille_max``) avant toute lecture, sinon en comptant les octets reçus ; 408 si le corps n'est
pas reçu ``delai_corps`` secondes après le début de sa lecture ; 408 et 413 ferment la connexion
(``Connection: close``) ; une exception imprévue répond 500 en une ligne, sauf pile ou mémoire
épuisée (422) ; un nombre JSON de plus de 40 caractères, ou d'exposant hors de −40…40, est
refusé (422).
"""

from __future__ import annotations

import asyncio
import json
import logging
from decimal import Decimal
from typing import Any

import pytest

pytest.importorskip("starlette", reason="extra « web » absent")
pytest.importorskip("httpx2", reason="client de test de Starlette")

from starlette.requests import ClientDisconnect
from starlette.testclient import TestClient

from collectivites import __version__
from collectivites.erreurs import ErreurValeur
from collectivites.web import _application
from collectivites.web._application import application
from collectivites.web._travail import ServiceOccupe, calculs_simultanes_par_defaut

# --- ASGI brut ------------------------------------------------------------------------------------


def _scope(entetes: list[tuple[bytes, bytes]] | None = None, **autres: Any) -> dict[str, Any]:
    return {
        "type": "http",
        "method": "POST",
        "path": "/",
        "headers": entetes or [],
        **autres,
    }


def _appeler(app: Any, scope: dict[str, Any], messages: list[Any]) -> list[dict[str, Any]]:
    """Appelle ``app`` ; ``messages`` : les messages reçus dans l'ordre (un nombre : une attente
    de tant de secondes avant le message suivant). Rend les messages envoyés."""
    envoyes: list[dict[str, Any]] = []
    file = list(messages)

    async def recevoir() -> dict[str, Any]:
        while file and isinstance(file[0], int | float):
            await asyncio.sleep(file.pop(0))
        if not file:
            await asyncio.sleep(3600)
        message: dict[str, Any] = file.pop(0)
        return message

    async def envoyer(message: dict[str, Any]) -> None:
        envoyes.append(message)

    asyncio.run(app(scope, recevoir, envoyer))
    return envoyes


def _reponse(envoyes: list[dict[str, Any]]) -> tuple[int, dict[bytes, bytes], Any]:
    debut = next(m for m in envoyes if m["type"] == "http.response.start")
    corps = b"".join(m.get("body", b"") for m in envoyes if m["type"] == "http.response.body")
    return debut["status"], dict(debut["headers"]), json.loads(corps) if corps else None


def _lire_tout(relais: list[bytes]) -> Any:
    """Une application qui lit tout le corps (et le garde dans ``relais``), puis répond 200."""

    async def app(scope: Any, receive: Any, send: Any) -> None:
        corps = b""
        while True:
            message = await receive()
            corps += message.get("body", b"")
            if not message.get("more_body", False):
                break
        relais.append(corps)
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b""})

    return app


def _corps(octets: bytes, suite: bool = False) -> dict[str, Any]:
    return {"type": "http.request", "body": octets, "more_body": suite}


def test_garde_laisse_passer_ce_qui_n_est_pas_http() -> None:
    vus: list[str] = []

    async def app(scope: Any, _receive: Any, _send: Any) -> None:
        vus.append(scope["type"])

    garde = _application._Garde(app, taille_max=1, delai_corps=0.01)
    assert _appeler(garde, {"type": "lifespan", "headers": [(b"content-length", b"99")]}, []) == []
    assert vus == ["lifespan"]


@pytest.mark.parametrize(
    "longueur",
    [b"11", b"1" + b"0" * 18, b"0" * 19],  # au-delà, ou plus de 18 chiffres
)
def test_content_length_trop_grand_413_avant_lecture(longueur: bytes) -> None:
    relais: list[bytes] = []
    garde = _application._Garde(_lire_tout(relais), taille_max=10, delai_corps=1)
    envoyes = _appeler(garde, _scope([(b"content-length", longueur)]), [_corps(b"x")])
    statut, entetes, corps = _reponse(envoyes)
    assert statut == 413
    assert entetes[b"connection"] == b"close"
    assert corps == {"erreur": "HTTP", "message": "requête trop volumineuse (au plus 0 Mo)"}
    assert relais == []


def test_content_length_a_la_borne_ou_illisible_lu() -> None:
    for longueur in (b"10", b"010", b"-5", b"abc"):
        relais: list[bytes] = []
        garde = _application._Garde(_lire_tout(relais), taille_max=10, delai_corps=1)
        envoyes = _appeler(garde, _scope([(b"content-length", longueur)]), [_corps(b"0123456789")])
        assert _reponse(envoyes)[0] == 200, longueur
        assert relais == [b"0123456789"]


def test_dix_huit_chiffres_sous_la_taille_lus() -> None:
    relais: list[bytes] = []
    garde = _application._Garde(_lire_tout(relais), taille_max=10**18, delai_corps=1)
    longueur = b"9" * 18
    envoyes = _appeler(garde, _scope([(b"content-length", longueur)]), [_corps(b"ab")])
    assert _reponse(envoyes)[0] == 200
    assert relais == [b"ab"]


def test_corps_par_morceaux_compte_413() -> None:
    relais: list[bytes] = []
    garde = _application._Garde(_lire_tout(relais), taille_max=2 * 1024 * 1024, delai_corps=1)
    moitie = b"x" * (1024 * 1024)
    envoyes = _appeler(
        garde, _scope(), [_corps(moitie, True), _corps(moitie, True), _corps(b"y", False)]
    )
    statut, entetes, corps = _reponse(envoyes)
    assert statut == 413
    assert entetes[b"connection"] == b"close"
    assert corps == {"erreur": "HTTP", "message": "requête trop volumineuse (au plus 2 Mo)"}
    assert relais == []


def test_corps_par_morceaux_a_la_borne_lu() -> None:
    relais: list[bytes] = []
    garde = _application._Garde(_lire_tout(relais), taille_max=4, delai_corps=1)
    envoyes = _appeler(garde, _scope(), [_corps(b"ab", True), _corps(b"cd", False)])
    assert _reponse(envoyes)[0] == 200
    assert relais == [b"abcd"]


def test_corps_lent_408() -> None:
    relais: list[bytes] = []
    garde = _application._Garde(_lire_tout(relais), taille_max=100, delai_corps=0.25)
    # le délai court depuis le début de la lecture : 0,15 + 0,15 s le dépasse
    envoyes = _appeler(garde, _scope(), [0.15, _corps(b"a", True), 0.15, _corps(b"b")])
    statut, entetes, corps = _reponse(envoyes)
    assert statut == 408
    assert entetes[b"connection"] == b"close"
    assert corps == {"erreur": "HTTP", "message": "requête trop lente : corps non reçu en 0.25 s"}
    assert relais == []


def test_corps_dans_le_delai_lu() -> None:
    relais: list[bytes] = []
    garde = _application._Garde(_lire_tout(relais), taille_max=100, delai_corps=0.5)
    envoyes = _appeler(garde, _scope(), [0.1, _corps(b"a", True), 0.1, _corps(b"b")])
    assert _reponse(envoyes)[0] == 200
    assert relais == [b"ab"]


def test_apres_le_corps_l_attente_n_a_pas_de_delai() -> None:
    """Après le corps, attendre la déconnexion du client n'est pas borné par ``delai_corps``."""
    recus: list[Any] = []

    async def app(_scope: Any, receive: Any, send: Any) -> None:
        recus.append(await receive())
        recus.append(await receive())  # le message suivant arrive après le délai du corps
        await send({"type": "http.response.start", "status": 204, "headers": []})
        await send({"type": "http.response.body", "body": b""})

    garde = _application._Garde(app, taille_max=100, delai_corps=0.1)
    envoyes = _appeler(garde, _scope(), [_corps(b"a"), 0.3, {"type": "http.disconnect"}])
    assert _reponse(envoyes)[0] == 204
    assert recus == [_corps(b"a"), {"type": "http.disconnect"}]


def test_corps_sans_more_body_est_complet() -> None:
    """Un message sans ``more_body`` est le dernier du corps : attendre ensuite n'a pas de
    délai."""
    recus: list[Any] = []

    async def app(_scope: Any, receive: Any, send: Any) -> None:
        recus.append(await receive())
        recus.append(await receive())
        await send({"type": "http.response.start", "status": 204, "headers": []})
        await send({"type": "http.response.body", "body": b""})

    garde = _application._Garde(app, taille_max=100, delai_corps=0.1)
    dernier = {"type": "http.request", "body": b"a"}
    envoyes = _appeler(garde, _scope(), [dernier, 0.3, {"type": "http.disconnect"}])
    assert _reponse(envoyes)[0] == 204
    assert recus == [dernier, {"type": "http.disconnect"}]


def test_message_sans_corps_compte_zero() -> None:
    relais: list[bytes] = []
    garde = _application._Garde(_lire_tout(relais), taille_max=1, delai_corps=1)
    envoyes = _appeler(garde, _scope(), [{"type": "http.request"}])
    assert _reponse(envoyes)[0] == 200
    assert relais == [b""]


def test_erreur_imprevue_500_en_une_ligne(caplog: pytest.LogCaptureFixture) -> None:
    async def app(_scope: Any, _receive: Any, _send: Any) -> None:
        raise ZeroDivisionError("x")

    garde = _application._Garde(app, taille_max=1, delai_corps=1)
    with caplog.at_level(logging.ERROR, logger="collectivites.web"):
        statut, entetes, corps = _reponse(_appeler(garde, _scope(), []))
    assert statut == 500
    assert b"connection" not in entetes
    assert corps == {
        "erreur": "interne",
        "message": "erreur interne (ZeroDivisionError) ; merci de la signaler avec la requête "
        "envoyée",
    }
    assert caplog.messages == ["erreur interne (ZeroDivisionError)"]
    assert caplog.records[0].exc_info is not None


@pytest.mark.parametrize("exception", [RecursionError, MemoryError])
def test_pile_ou_memoire_epuisee_422(exception: type[Exception]) -> None:
    async def app(_scope: Any, _receive: Any, _send: Any) -> None:
        raise exception

    garde = _application._Garde(app, taille_max=1, delai_corps=1)
    statut, _entetes, corps = _reponse(_appeler(garde, _scope(), []))
    assert statut == 422
    assert corps == {"erreur": "HTTP", "message": "entrée trop imbriquée ou trop grande"}


def test_client_parti_personne_a_qui_repondre() -> None:
    async def app(_scope: Any, _receive: Any, _send: Any) -> None:
        raise ClientDisconnect

    garde = _application._Garde(app, taille_max=1, delai_corps=1)
    assert _appeler(garde, _scope(), []) == []


def test_erreur_apres_le_debut_de_la_reponse_relancee(caplog: pytest.LogCaptureFixture) -> None:
    async def app(_scope: Any, _receive: Any, send: Any) -> None:
        await send({"type": "http.response.start", "status": 200, "headers": []})
        raise ZeroDivisionError("x")

    garde = _application._Garde(app, taille_max=1, delai_corps=1)
    with (
        caplog.at_level(logging.ERROR, logger="collectivites.web"),
        pytest.raises(ZeroDivisionError),
    ):
        _appeler(garde, _scope(), [])
    assert caplog.messages == ["erreur après le début de la réponse : connexion coupée"]


def test_erreur_avant_le_debut_malgre_un_corps_envoye() -> None:
    """Un message qui n'est pas le début de la réponse ne la commence pas."""

    async def app(_scope: Any, _receive: Any, send: Any) -> None:
        await send({"type": "http.response.trailers"})
        raise ZeroDivisionError("x")

    garde = _application._Garde(app, taille_max=1, delai_corps=1)
    envoyes = _appeler(garde, _scope(), [])
    assert envoyes[0] == {"type": "http.response.trailers"}
    assert _reponse(envoyes[1:])[0] == 500


# --- le préfixe -----------------------------------------------------------------------------------


def _vu(prefixe: str, scope: dict[str, Any]) -> dict[str, Any]:
    vus: list[dict[str, Any]] = []

    async def app(s: Any, _receive: Any, _send: Any) -> None:
        vus.append(s)

    asyncio.run(_application._Prefixe(app, prefixe)(scope, None, None))  # type: ignore[arg-type]
    return vus[0]


def test_prefixe_donne_quand_le_serveur_n_en_donne_pas() -> None:
    assert _vu("/f", {"type": "http"})["root_path"] == "/f"
    assert _vu("/f", {"type": "http", "root_path": ""})["root_path"] == "/f"
    assert _vu("/f", {"type": "http", "root_path": "/s"})["root_path"] == "/s"
    assert "root_path" not in _vu("", {"type": "http"})
    assert "root_path" not in _vu("/f", {"type": "websocket"})


# --- réponses d'erreur ----------------------------------------------------------------------------


def _json(reponse: Any) -> tuple[int, dict[str, str], Any]:
    return reponse.status_code, dict(reponse.headers), json.loads(bytes(reponse.body))


@pytest.mark.parametrize(
    ("statut", "message"),
    [
        (400, "requête invalide"),
        (404, "adresse inconnue"),
        (405, "méthode non permise"),
        (408, "requête trop lente"),
        (413, "requête trop volumineuse (au plus 20 Mo)"),
        (418, "erreur"),
    ],
)
def test_erreur_http(statut: int, message: str) -> None:
    code, entetes, corps = _json(_application._erreur(statut))
    assert (code, corps) == (statut, {"erreur": "HTTP", "message": message})
    assert "connection" not in entetes
    assert entetes["content-type"] == "application/json"


def test_erreur_413_en_mo_entiers_et_fermeture() -> None:
    code, entetes, corps = _json(_application._erreur(413, 3 * 1024 * 1024 - 1, fermer=True))
    assert code == 413 and entetes["connection"] == "close"
    assert corps["message"] == "requête trop volumineuse (au plus 2 Mo)"


def test_refus_du_service() -> None:
    code, entetes, corps = _json(_application._refus(ServiceOccupe("occupé", {"Retry-After": "5"})))
    assert (code, corps) == (503, {"erreur": "HTTP", "message": "occupé"})
    assert entetes["retry-after"] == "5"


def test_erreur_de_la_bibliotheque_422() -> None:
    code, _entetes, corps = _json(_application._erreur_collectivites(ErreurValeur("a", cle="k")))
    assert code == 422 and corps["erreur"] == "ErreurValeur" and corps["cle"] == "k"


# --- lecture du JSON ------------------------------------------------------------------------------


def _refus_json(corps: bytes) -> ErreurValeur:
    with pytest.raises(ErreurValeur) as erreur:
        _application._lire_json(corps)
    return erreur.value


def test_json_lu_en_decimaux_et_entiers() -> None:
    assert _application._lire_json(b'{"a": 1.50, "b": 12, "c": [1e2]}') == {
        "a": Decimal("1.50"),
        "b": 12,
        "c": [Decimal("1E+2")],
    }


def test_json_refus_en_francais() -> None:
    assert _refus_json(b"\xff{}").en_dict() | {} == {
        "erreur": "ErreurValeur",
        "message": "le corps n'est pas du texte UTF-8 (attendu : un objet JSON)",
        "fichier": None,
        "ligne": None,
        "cle": None,
        "valeur": None,
        "attendu": "un objet JSON",
    }
    assert str(_refus_json(b'{\n "a": }')) == (
        "JSON invalide (ligne 2, colonne 7) (attendu : un objet JSON)"
    )
    assert str(_refus_json(b"[" * 100_000)) == "entrée trop imbriquée (attendu : un objet JSON)"
    assert str(_refus_json(b"[1]")) == (
        "le corps doit être un objet JSON (reçu : 'list' ; attendu : {…})"
    )


def test_json_moitie_de_paire_refusee() -> None:
    assert str(_refus_json(b'{"a": ["\\udc00"]}')) == (
        "texte invalide : moitié de paire UTF-16 isolée (\\ud800 à \\udfff) (attendu : du texte "
        "Unicode valide)"
    )
    assert str(_refus_json(b'{"a": "\\uD8ff"}')).startswith("texte invalide")
    # une paire complète, ou une lettre échappée, passe
    assert _application._lire_json(b'{"a": "\\ud83d\\ude00", "b": "\\u00e9"}') == {
        "a": "\U0001f600",
        "b": "é",
    }


def test_verifier_les_textes_lit_les_decimaux() -> None:
    _application._verifier_les_textes({"a": Decimal("1.5"), "b": ["é"]})
    with pytest.raises(ErreurValeur, match="moitié de paire"):
        _application._verifier_les_textes({"\ud800": 1})


def test_nombres_bornes() -> None:
    quarante = "1" * 40
    assert _application._lire_json(f'{{"a": {quarante}}}'.encode()) == {"a": int(quarante)}
    trop = "1" * 41
    assert str(_refus_json(f'{{"a": {trop}}}'.encode())) == (
        "nombre trop long (reçu : '111111111111… (41 caractères)' ; attendu : au plus 40 "
        "caractères)"
    )
    assert str(_refus_json(f'{{"a": {trop}.5}}'.encode())).startswith(
        "nombre trop long (reçu : '111111111111… (43 caractères)'"
    )
    assert _application._lire_json(b'{"a": 1e40, "b": 1e-40}') == {
        "a": Decimal("1E+40"),
        "b": Decimal("1E-40"),
    }
    assert str(_refus_json(b'{"a": 1e41}')) == (
        "nombre hors d'échelle (reçu : '1e41' ; attendu : un exposant de -40 à 40)"
    )
    assert str(_refus_json(b'{"a": 1e-41}')).startswith("nombre hors d'échelle")


@pytest.mark.parametrize("nom", ["NaN", "Infinity", "-Infinity"])
def test_nombre_non_fini_refuse(nom: str) -> None:
    assert str(_refus_json(f'{{"a": {nom}}}'.encode())) == (
        f"nombre non fini refusé (reçu : '{nom}' ; attendu : un nombre fini)"
    )


# --- l'API et les routes --------------------------------------------------------------------------


@pytest.fixture
def client() -> TestClient:
    """Une application par test : construite dans le test, elle lui est associée par mutmut."""
    return TestClient(application(delai_calcul=None), raise_server_exceptions=False)


def test_api_commande_inconnue_404(client: TestClient) -> None:
    reponse = client.post("/api/pret/inconnue", json={})
    assert reponse.status_code == 404
    assert reponse.json() == {"erreur": "HTTP", "message": "adresse inconnue"}


@pytest.mark.parametrize("type_", [None, "text/plain", "application/jsonx", "multipart/form-data"])
def test_api_ne_lit_que_du_json_415(client: TestClient, type_: str | None) -> None:
    entetes = {} if type_ is None else {"Content-Type": type_}
    reponse = client.post("/api/jours-feries", content=b"{}", headers=entetes)
    assert reponse.status_code == 415
    assert reponse.json() == {
        "erreur": "HTTP",
        "message": "l'API ne lit que du JSON (Content-Type: application/json)",
    }


def test_api_type_json_avec_parametres_et_majuscules(client: TestClient) -> None:
    reponse = client.post(
        "/api/jours-feries",
        content=b'{"annee": 2026}',
        headers={"Content-Type": " Application/JSON ; charset=utf-8"},
    )
    assert reponse.status_code == 200, reponse.text
    assert reponse.headers["content-type"] == "application/json"
    assert reponse.headers["x-collectivites-code"] == "0"
    assert "content-disposition" not in reponse.headers


def test_api_telechargement_avec_son_nom(client: TestClient) -> None:
    reponse = client.post("/api/jours-feries", json={"annee": 2026, "format": "csv"})
    assert reponse.status_code == 200
    assert reponse.headers["content-disposition"].startswith('attachment; filename="')
    assert reponse.headers["content-disposition"].endswith('.csv"')
    assert reponse.headers["x-collectivites-code"] == "0"


def test_api_erreur_422_et_gros_corps_lu_hors_de_la_boucle(client: TestClient) -> None:
    petit = client.post("/api/jours-feries", content=b'{"annee": 1e41}', headers=_TYPE)
    assert petit.status_code == 422
    assert petit.json()["message"].startswith("nombre hors d'échelle")
    gros = b'{"annee": 1e41, "x": "' + b"a" * (64 * 1024) + b'"}'
    reponse = client.post("/api/jours-feries", content=gros, headers=_TYPE)
    assert reponse.status_code == 422
    assert reponse.json()["message"].startswith("nombre hors d'échelle")


_TYPE = {"Content-Type": "application/json"}


def test_api_format_non_permis_422() -> None:
    client = TestClient(application(delai_calcul=None, formats="csv"))
    reponse = client.post("/api/jours-feries", json={"annee": 2026, "format": "xlsx"})
    assert reponse.status_code == 422
    assert reponse.json()["cle"] == "format"
    assert (
        client.post("/api/jours-feries", json={"annee": 2026, "format": "csv"}).status_code == 200
    )


def test_api_service_occupe_503() -> None:
    app = application(delai_calcul=None, calculs_simultanes=1)
    app.state.calculateur._en_cours = 1
    reponse = TestClient(app).post("/api/jours-feries", json={"annee": 2026})
    assert reponse.status_code == 503
    assert reponse.headers["retry-after"] == "5"
    assert reponse.json() == {
        "erreur": "HTTP",
        "message": "service occupé : 1 calcul(s) déjà en cours ; réessayez dans 5 s",
    }


def test_openapi_et_sante(client: TestClient) -> None:
    description = client.get("/openapi.json").json()
    assert description["info"]["version"] == __version__
    assert "servers" not in description
    sous = TestClient(application(delai_calcul=None, prefixe="/f/")).get("/openapi.json")
    assert sous.json()["servers"] == [{"url": "/f"}]
    assert client.get("/sante").json() == {"etat": "ok", "version": __version__}
    assert client.post("/sante").status_code == 405
    assert client.post("/openapi.json").json() == {
        "erreur": "HTTP",
        "message": "méthode non permise",
    }


def test_routes_de_la_page(client: TestClient) -> None:
    racine = client.get("/")
    assert racine.status_code == 200
    assert racine.text == client.get("/formulaire/pret/tableau").text
    inconnue = client.get("/formulaire/pret/inconnue")
    assert inconnue.status_code == 404
    assert "Aucune commande « pret/inconnue »" in inconnue.text
    assert client.get("/ailleurs").json() == {"erreur": "HTTP", "message": "adresse inconnue"}
    assert client.put("/").status_code == 405
    assert client.get("/api/jours-feries").status_code == 405


def test_page_inconnue_sous_un_prefixe() -> None:
    client = TestClient(application(delai_calcul=None, prefixe="/f"))
    page = client.get("/formulaire/x")
    assert page.status_code == 404
    assert '<a href="/f/">' in page.text
    lien = TestClient(application(delai_calcul=None), root_path="/g/").get("/formulaire/x")
    assert '<a href="/g/">' in lien.text


def test_page_envoyee_calcule(client: TestClient) -> None:
    reponse = client.post("/formulaire/jours-feries", data={"annee": "2026", "format": "csv"})
    assert reponse.status_code == 200
    assert reponse.headers["content-disposition"].startswith("attachment;")


def test_http_500_d_une_exception_quelconque() -> None:
    reponse = asyncio.run(_application._http(None, ValueError("x")))  # type: ignore[arg-type]
    assert reponse.status_code == 500
    assert json.loads(bytes(reponse.body)) == {"erreur": "HTTP", "message": "erreur"}


# --- la fabrique ----------------------------------------------------------------------------------


def test_fabrique_refuse_ses_reglages_invalides() -> None:
    with pytest.raises(ErreurValeur) as prefixe:
        application(prefixe="sans-barre")
    assert prefixe.value.valeur == "sans-barre"
    assert str(prefixe.value).startswith("préfixe d'URL invalide (reçu : 'sans-barre' ; attendu : ")
    assert prefixe.value.attendu == (
        "un chemin d'URL commençant par « / » (/finances), fait de lettres, chiffres, « . », "
        "« _ », « ~ » ou « - »"
    )
    with pytest.raises(ErreurValeur) as formats:
        application(formats=["csv", "docx"])
    assert formats.value.valeur == "csv,docx"
    assert str(formats.value).startswith("formats invalides (reçu : 'csv,docx' ; attendu : des ")
    for delai in (0.0, -1.0, float("inf"), float("nan")):
        with pytest.raises(ValueError, match=r"^délai du corps invalide : .* \(attendu : > 0\)$"):
            application(delai_corps=delai)
    with pytest.raises(ValueError, match="délai de calcul"):
        application(delai_calcul=-1)


def test_fabrique_formats_et_calculateur() -> None:
    app = application(delai_calcul=None, formats="csv xlsx")
    assert app.state.formats == frozenset({"csv", "xlsx", "json"})
    assert application(delai_calcul=None, formats=("csv",)).state.formats == frozenset(
        {"csv", "json"}
    )
    assert application(delai_calcul=None).state.formats is None
    calculateur = application(delai_calcul=7, calculs_simultanes=3).state.calculateur
    assert (calculateur.delai, calculateur.simultanes) == (7, 3)
    par_defaut = application().state.calculateur
    assert par_defaut.delai == 60.0
    assert par_defaut.simultanes == calculs_simultanes_par_defaut()
    assert application(calculs_simultanes=0).state.calculateur.simultanes >= 1


def test_fabrique_delai_du_corps_applique() -> None:
    app = application(delai_calcul=None, delai_corps=0.5, taille_max=4)
    reponse = TestClient(app).post("/api/jours-feries", content=b"12345", headers=_TYPE)
    assert reponse.status_code == 413
    assert reponse.json()["message"] == "requête trop volumineuse (au plus 0 Mo)"


def test_vie_demarre_le_calculateur() -> None:
    app = application(delai_calcul=None)
    demarres: list[bool] = []
    app.state.calculateur.demarrer = lambda: demarres.append(True)
    with TestClient(app) as client:
        assert client.get("/sante").status_code == 200
    assert demarres == [True]


def test_nombre_de_quarante_caracteres_lu() -> None:
    texte = "1." + "0" * 38
    assert len(texte) == 40
    assert _application._lire_json(f'{{"a": {texte}}}'.encode()) == {"a": Decimal(texte)}


def test_corps_de_la_reponse_de_l_api(client: TestClient) -> None:
    reponse = client.post("/api/jours-feries", json={"annee": 2026})
    assert reponse.json()["jours_feries"][0]["date"] == "2026-01-01"
    fichier = client.post("/api/jours-feries", json={"annee": 2026, "format": "csv"})
    assert fichier.content.decode("utf-8").splitlines()[1].startswith("2026-01-01,")


def test_gros_corps_lu_dans_un_fil(monkeypatch: pytest.MonkeyPatch, client: TestClient) -> None:
    """Un corps de 64 Kio ou plus se lit hors de la boucle du serveur (dans un fil)."""
    import anyio.to_thread

    lus: list[int] = []
    original = anyio.to_thread.run_sync

    async def dans_un_fil(fonction: Any, *args: Any, **options: Any) -> Any:
        if fonction is _application._lire_json:
            lus.append(len(args[0]))
        return await original(fonction, *args, **options)

    monkeypatch.setattr(anyio.to_thread, "run_sync", dans_un_fil)

    def corps(taille: int) -> bytes:
        debut = b'{"annee": 1e41, "x": "'
        return debut + b"a" * (taille - len(debut) - 2) + b'"}'

    for taille in (30, 64 * 1024 - 1, 64 * 1024, 64 * 1024 + 1):
        reponse = client.post("/api/jours-feries", content=corps(taille), headers=_TYPE)
        assert reponse.status_code == 422
    assert lus == [64 * 1024, 64 * 1024 + 1]


def _appel_sans_root_path(app: Any, chemin: str) -> tuple[int, bytes]:
    """Une requête GET passée à l'application sans ``root_path`` dans sa portée ASGI."""
    envoyes = _appeler(
        app,
        {"type": "http", "method": "GET", "path": chemin, "headers": [], "query_string": b""},
        [{"type": "http.request", "body": b""}],
    )
    debut = next(m for m in envoyes if m["type"] == "http.response.start")
    corps = b"".join(m.get("body", b"") for m in envoyes if m["type"] == "http.response.body")
    return debut["status"], corps


def test_sans_root_path_ni_prefixe() -> None:
    app = application(delai_calcul=None)
    statut, corps = _appel_sans_root_path(app, "/openapi.json")
    assert statut == 200 and "servers" not in json.loads(corps)
    statut, corps = _appel_sans_root_path(app, "/formulaire/x")
    assert statut == 404
    assert b'<a href="/">' in corps
    statut, corps = _appel_sans_root_path(app, "/formulaire/jours-feries")
    assert statut == 200
    assert b'action="/formulaire/jours-feries"' in corps
    assert b'<a href="/formulaire/pret/tableau"' in corps


def test_root_path_a_barre_finale_retiree() -> None:
    for racine in ("/aX/", "/aX"):
        client = TestClient(application(delai_calcul=None), root_path=racine)
        assert client.get("/openapi.json").json()["servers"] == [{"url": "/aX"}]
        assert '<a href="/aX/">' in client.get("/formulaire/x").text
        page = client.get("/formulaire/jours-feries").text
        assert 'action="/aX/formulaire/jours-feries"' in page
        assert '<a href="/aX/formulaire/pret/tableau"' in page


def test_page_avec_les_reglages_de_l_application() -> None:
    client = TestClient(application(delai_calcul=None, formats="csv"))
    page = client.get("/formulaire/jours-feries").text
    assert 'value="csv"' in page and 'value="xlsx"' not in page
    refus = client.post("/formulaire/jours-feries", data={"annee": "2026", "format": "xlsx"})
    assert refus.status_code == 422
    affiche = client.post("/formulaire/jours-feries", data={"annee": "2026"})
    assert affiche.status_code == 200 and '<section id="resultat">' in affiche.text
    envoi = client.post("/", data={"exemple": "cdc-57851", "ligne": "5165325", "format": "csv"})
    assert envoi.status_code == 200
    assert envoi.headers["content-disposition"].startswith("attachment;")
