"""Le serveur HTTP borné (``web/_serveur.py``), suite du passage de mutation (issue 27) : sur
une prise Unix (``uvicorn --uds``), le client n'a pas d'adresse ; le journal d'une connexion
fermée faute d'en-têtes le nomme alors « client », après le 408 en JSON français.
"""

from __future__ import annotations

import contextlib
import logging
import select
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("uvicorn")

import uvicorn

from collectivites.web._serveur import protocole

pytestmark = pytest.mark.skipif(not hasattr(socket, "AF_UNIX"), reason="prises Unix absentes")


async def _app(scope: Any, receive: Any, send: Any) -> None:
    raise AssertionError("aucune requête complète n'est envoyée")


@contextlib.contextmanager
def _servir_sur_prise_unix(chemin: Path, delai_entetes: float) -> Iterator[None]:
    config = uvicorn.Config(
        _app,
        uds=str(chemin),
        http=protocole(delai_entetes=delai_entetes, connexions_max=10),  # type: ignore[arg-type]
        log_config=None,
        lifespan="off",
    )
    serveur = uvicorn.Server(config)
    fil = threading.Thread(target=serveur.run, daemon=True)
    fil.start()
    try:
        fin = time.monotonic() + 10
        while not serveur.started:
            assert time.monotonic() < fin, "serveur non démarré"
            time.sleep(0.02)
        yield
    finally:
        serveur.should_exit = True
        fil.join(timeout=10)


def _jusqu_a_fermeture(s: socket.socket, limite: float = 5) -> bytes:
    debut = time.monotonic()
    recu = b""
    while time.monotonic() - debut < limite:
        lisible, _, _ = select.select([s], [], [], 0.05)
        if lisible:
            morceau = s.recv(65536)
            if not morceau:
                return recu
            recu += morceau
    raise AssertionError(f"connexion encore ouverte après {limite} s (reçu : {recu!r})")


def test_client_sans_adresse_nomme_client_dans_le_journal(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    chemin = tmp_path / "service.sock"
    with (
        caplog.at_level(logging.INFO, logger="uvicorn.error"),
        _servir_sur_prise_unix(chemin, delai_entetes=0.3),
        contextlib.closing(socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)) as s,
    ):
        s.settimeout(10)
        s.connect(str(chemin))
        s.sendall(b"GET / HTTP/1.1\r\n")
        brut = _jusqu_a_fermeture(s)
        time.sleep(0.1)
    assert brut.startswith(b"HTTP/1.1 408 Request Timeout\r\n")
    assert brut.endswith(
        '{"erreur": "HTTP", "message": "requête trop lente : en-têtes non reçus en 0.3 s"}'.encode()
    )
    assert "client : en-têtes non reçus en 0.3 s, connexion fermée" in caplog.messages
