"""Le serveur HTTP borné (``web/_serveur.py``), passage de mutation (issue 27) : uvicorn lancé
dans un fil de ce processus avec le protocole du module, sur un port libre de la boucle locale,
et des requêtes écrites octet par octet sur une prise.

Règles du module : au-delà de ``connexions_max`` connexions ouvertes, une requête répond 503
(JSON français, ``Retry-After``) ; des en-têtes arrivés d'un coup qui dépassent 16 Kio
(chemin, paramètres, et chaque en-tête compté avec 4 octets de plus) répondent 431 ; des
en-têtes qui n'arrivent pas dans ``delai_entetes`` secondes ferment la connexion, après un 408
si une requête avait commencé ; une requête mal formée répond 400 en JSON français ; toutes ces
réponses ferment la connexion.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import json
import logging
import select
import socket
import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest

pytest.importorskip("uvicorn")

import uvicorn

from collectivites.web import _serveur
from collectivites.web._limites import TAILLE_MAX_ENTETES
from collectivites.web._serveur import ProtocoleBorne, protocole

HOTE = "127.0.0.1"


async def _app(scope: Any, receive: Any, send: Any) -> None:
    if scope["type"] != "http":
        return
    if scope["path"] == "/lent":
        await asyncio.sleep(0.8)
    corps = scope["path"].encode()
    await send(
        {
            "type": "http.response.start",
            "status": 200,
            "headers": [(b"content-length", str(len(corps)).encode())],
        }
    )
    await send({"type": "http.response.body", "body": corps})


class _Serveur:
    def __init__(self, delai_entetes: float, connexions_max: int | None) -> None:
        with contextlib.closing(socket.socket()) as s:
            s.bind((HOTE, 0))
            self.port = int(s.getsockname()[1])
        config = uvicorn.Config(
            _app,
            host=HOTE,
            port=self.port,
            http=protocole(delai_entetes=delai_entetes, connexions_max=connexions_max),  # type: ignore[arg-type]
            log_config=None,
            lifespan="off",
            timeout_keep_alive=30,
        )
        self.serveur = uvicorn.Server(config)
        self.fil = threading.Thread(target=self.serveur.run, daemon=True)

    def prise(self) -> socket.socket:
        return socket.create_connection((HOTE, self.port), timeout=10)


@contextlib.contextmanager
def _servir(delai_entetes: float = 5, connexions_max: int | None = 10) -> Iterator[_Serveur]:
    serveur = _Serveur(delai_entetes, connexions_max)
    serveur.fil.start()
    try:
        fin = time.monotonic() + 10
        while not serveur.serveur.started:
            assert time.monotonic() < fin, "serveur non démarré"
            time.sleep(0.02)
        yield serveur
    finally:
        serveur.serveur.should_exit = True
        serveur.fil.join(timeout=10)


def _jusqu_a_fermeture(s: socket.socket, limite: float = 5) -> tuple[bytes, float]:
    debut = time.monotonic()
    recu = b""
    while time.monotonic() - debut < limite:
        lisible, _, _ = select.select([s], [], [], 0.05)
        if lisible:
            try:
                morceau = s.recv(65536)
            except ConnectionResetError:
                morceau = b""
            if not morceau:
                return recu, time.monotonic() - debut
            recu += morceau
    raise AssertionError(f"connexion encore ouverte après {limite} s (reçu : {recu!r})")


def _une_reponse(s: socket.socket) -> bytes:
    """Une réponse entière (en-têtes et corps d'après ``content-length``), connexion gardée."""
    recu = b""
    while b"\r\n\r\n" not in recu:
        recu += s.recv(65536)
    tete, _, corps = recu.partition(b"\r\n\r\n")
    longueur = int(_entetes(tete)[b"content-length"])
    while len(corps) < longueur:
        corps += s.recv(65536)
    return tete + b"\r\n\r\n" + corps


def _entetes(tete: bytes) -> dict[bytes, bytes]:
    lignes = tete.split(b"\r\n")[1:]
    return {n.lower(): v for n, _, v in (ligne.partition(b": ") for ligne in lignes)}


def _decouper(brut: bytes) -> tuple[bytes, dict[bytes, bytes], Any]:
    tete, _, corps = brut.partition(b"\r\n\r\n")
    return tete.split(b"\r\n")[0], _entetes(tete), json.loads(corps) if corps else None


def _entetes_json(corps: Any) -> dict[bytes, bytes]:
    octets = json.dumps(corps, ensure_ascii=False).encode()
    return {
        b"content-type": b"application/json",
        b"content-length": str(len(octets)).encode(),
        b"connection": b"close",
    }


def test_json_des_reponses_du_serveur() -> None:
    entetes, corps = _serveur._json("é")
    assert corps == '{"erreur": "HTTP", "message": "é"}'.encode()
    assert entetes == [
        (b"content-type", b"application/json"),
        (b"content-length", str(len(corps)).encode()),
        (b"connection", b"close"),
    ]


def test_protocole_partiel_transmissible() -> None:
    fabrique = protocole(delai_entetes=3.5, connexions_max=None)
    assert isinstance(fabrique, functools.partial)
    assert fabrique.func is ProtocoleBorne
    assert fabrique.keywords == {"delai_entetes": 3.5, "connexions_max": None}


def test_connexions_au_dela_de_la_limite_503() -> None:
    with _servir(connexions_max=1) as serveur:
        with serveur.prise() as seule:
            seule.sendall(b"GET /a HTTP/1.1\r\nHost: x\r\n\r\n")
            assert _une_reponse(seule).endswith(b"\r\n\r\n/a")
            with serveur.prise() as seconde:
                seconde.sendall(b"GET /b HTTP/1.1\r\nHost: x\r\n\r\n")
                brut, _duree = _jusqu_a_fermeture(seconde)
        ligne, entetes, corps = _decouper(brut)
        assert ligne == b"HTTP/1.1 503 Service Unavailable"
        message = {"erreur": "HTTP", "message": "service saturé : trop de connexions ; réessayez"}
        assert corps == message
        attendus = _entetes_json(message)
        for nom, valeur in attendus.items():
            assert entetes[nom] == valeur
        assert entetes[b"retry-after"] == b"5"


def test_sans_limite_de_connexions_tout_passe() -> None:
    with _servir(connexions_max=None) as serveur, serveur.prise() as a, serveur.prise() as b:
        a.sendall(b"GET /a HTTP/1.1\r\nHost: x\r\n\r\n")
        b.sendall(b"GET /b HTTP/1.1\r\nHost: x\r\n\r\n")
        assert _une_reponse(a).startswith(b"HTTP/1.1 200 OK")
        assert _une_reponse(b).startswith(b"HTTP/1.1 200 OK")


def _requete_longue(valeur: int) -> bytes:
    return b"GET /p?q=1 HTTP/1.1\r\nHost: x\r\nX-Long: " + b"a" * valeur + b"\r\n\r\n"


def test_en_tetes_trop_longs_431() -> None:
    # chemin 2 + paramètres 3 + (4 + 1 + 4) pour Host + (6 + L + 4) pour X-Long
    borne = TAILLE_MAX_ENTETES - 2 - 3 - 9 - 10
    with _servir() as serveur:
        with serveur.prise() as s:
            s.sendall(_requete_longue(borne))
            assert _une_reponse(s).endswith(b"\r\n\r\n/p")
        with serveur.prise() as s:
            s.sendall(_requete_longue(borne + 1))
            brut, _duree = _jusqu_a_fermeture(s)
    ligne, entetes, corps = _decouper(brut)
    assert ligne == b"HTTP/1.1 431 Request Header Fields Too Large"
    message = {
        "erreur": "HTTP",
        "message": f"en-têtes trop longs : {TAILLE_MAX_ENTETES + 1} octets (au plus 16384)",
    }
    assert corps == message
    for nom, valeur in _entetes_json(message).items():
        assert entetes[nom] == valeur


def test_requete_mal_formee_400_en_francais(caplog: pytest.LogCaptureFixture) -> None:
    with (
        caplog.at_level(logging.ERROR, logger="asyncio"),
        _servir() as serveur,
        serveur.prise() as s,
    ):
        s.sendall(b"GET / HTTP/1.1\r\nHost x\r\n\r\n")
        brut, _duree = _jusqu_a_fermeture(s)
        time.sleep(0.1)
    # la réponse n'a fait lever aucune erreur dans le protocole (asyncio l'aurait journalisée)
    assert [r for r in caplog.records if r.name == "asyncio"] == []
    ligne, entetes, corps = _decouper(brut)
    assert ligne == b"HTTP/1.1 400 Bad Request"
    message = {
        "erreur": "HTTP",
        "message": "requête HTTP invalide : ligne de requête ou en-têtes mal formés, ou trop "
        "longs (au plus 16 Kio)",
    }
    assert corps == message
    for nom, valeur in _entetes_json(message).items():
        assert entetes[nom] == valeur


def test_corps_mal_forme_apres_les_en_tetes_400() -> None:
    with _servir() as serveur, serveur.prise() as s:
        s.sendall(b"POST /lent HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n")
        brut, _duree = _jusqu_a_fermeture(s)
    assert brut.startswith(b"HTTP/1.1 400 Bad Request\r\n")
    assert "requête HTTP invalide" in _decouper(brut)[2]["message"]


def test_en_tetes_lents_408_puis_fermeture(caplog: pytest.LogCaptureFixture) -> None:
    with (
        caplog.at_level(logging.INFO, logger="uvicorn.error"),
        _servir(delai_entetes=0.4) as serveur,
        serveur.prise() as s,
    ):
        port = s.getsockname()[1]
        s.sendall(b"GET / HTTP/1.1\r\n")
        brut, duree = _jusqu_a_fermeture(s)
    assert 0.3 < duree < 3
    ligne, entetes, corps = _decouper(brut)
    assert ligne == b"HTTP/1.1 408 Request Timeout"
    message = {"erreur": "HTTP", "message": "requête trop lente : en-têtes non reçus en 0.4 s"}
    assert corps == message
    assert entetes == _entetes_json(message)
    assert f"127.0.0.1:{port} : en-têtes non reçus en 0.4 s, connexion fermée" in caplog.messages


def test_connexion_muette_fermee_sans_reponse(caplog: pytest.LogCaptureFixture) -> None:
    with (
        caplog.at_level(logging.ERROR, logger="asyncio"),
        _servir(delai_entetes=0.4) as serveur,
        serveur.prise() as s,
    ):
        brut, duree = _jusqu_a_fermeture(s)
        time.sleep(0.1)
    assert brut == b""
    assert 0.3 < duree < 3
    # la fermeture n'a fait lever aucune erreur dans le protocole (asyncio l'aurait journalisée)
    assert [r for r in caplog.records if r.name == "asyncio"] == []


def test_le_delai_repart_apres_chaque_reponse() -> None:
    with _servir(delai_entetes=0.5) as serveur, serveur.prise() as s:
        time.sleep(0.3)
        s.sendall(b"GET /a HTTP/1.1\r\nHost: x\r\n\r\n")
        assert _une_reponse(s).endswith(b"/a")
        time.sleep(0.3)  # 0,6 s depuis l'ouverture, 0,3 s depuis la réponse : encore ouverte
        s.sendall(b"GET /b HTTP/1.1\r\nHost: x\r\n\r\n")
        assert _une_reponse(s).endswith(b"/b")
        s.sendall(b"GET /c HTTP/1.1\r\n")  # une requête commencée après la réponse : 408
        brut, duree = _jusqu_a_fermeture(s)
    assert brut.startswith(b"HTTP/1.1 408 Request Timeout\r\n")
    assert duree < 3


def test_un_calcul_plus_long_que_le_delai_des_en_tetes_va_au_bout() -> None:
    with _servir(delai_entetes=0.3) as serveur, serveur.prise() as s:
        s.sendall(b"GET /lent HTTP/1.1\r\nHost: x\r\n\r\n")
        assert _une_reponse(s).endswith(b"\r\n\r\n/lent")
        brut, duree = _jusqu_a_fermeture(s)  # puis, muette : fermée sans 408
    assert brut == b"" and duree < 3


def test_requetes_enchainees_d_un_coup() -> None:
    with _servir(delai_entetes=0.5) as serveur, serveur.prise() as s:
        s.sendall(b"GET /lent HTTP/1.1\r\nHost: x\r\n\r\nGET /b HTTP/1.1\r\nHost: x\r\n\r\n")
        recu = b""
        fin = time.monotonic() + 5
        while not recu.endswith(b"\r\n\r\n/b") and time.monotonic() < fin:
            recu += s.recv(65536)
    assert recu.count(b"HTTP/1.1 200 OK") == 2
    assert recu.index(b"\r\n\r\n/lent") < recu.index(b"\r\n\r\n/b")
