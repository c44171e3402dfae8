"""Le service web sous les abus : le vrai serveur (``collectivites serve``, uvicorn) dans un
processus, sur un port libre de la boucle locale (127.0.0.1 seulement), avec des limites
courtes ; chaque essai est borné en nombre de requêtes et en temps, et s'arrête de lui-même.

Client lent (« slowloris ») sur les en-têtes puis sur le corps, corps trop gros, nombres
absurdes, calcul plus long que permis (504, processus tué, connexion gardée), calculs
simultanés au-delà de la limite (503), connexions au-delà de la limite, ``HEAD /``, HTTP mal
formé ; et, sur toute la séance, aucune réponse 500 ni trace au journal du serveur.
"""

from __future__ import annotations

import base64
import contextlib
import http.client
import json
import logging
import os
import re
import select
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("starlette", reason="extra « web » absent")
pytest.importorskip("uvicorn", reason="extra « web » absent")
from starlette.testclient import TestClient

from collectivites.web import application

HOTE = "127.0.0.1"
DELAI_CALCUL = 2.0
SIMULTANES = 2
DELAI_ENTETES = 1.0
DELAI_CORPS = 1.0
CONNEXIONS_MAX = 12
MARGE = 3.0  # secondes de tolérance (machine partagée, lente)
GUIDES = Path(__file__).parent.parent / "docs" / "guides"
MODELE = (
    "numero,identifiant,contrat,produit,emprunteur,montant,date_effet,"
    "date_debut_amortissement,duree,periodicite,index,valeur_index_reference,marge,"
    "taux_interet,profil,revision,taux_progressivite,taux_plancher_progressivite\n"
)
# la ligne 5165325 (contrat CDC 57851), la ligne d'exemple du modèle de portefeuille
LIGNE = (
    ",,PLUS foncier,Lozère Habitations,128189.00,,06/12/2017,50,annuelle,livret_a,"
    '"0,75 %","0,60 %","1,35 %",amortissement_deduit_interets_differes,DL,"0,50 %",0 %\n'
)


def _portefeuille(lignes: int) -> str:
    """Un portefeuille de ``lignes`` lignes (la même ligne, numéros distincts) : ses
    projections prennent plusieurs secondes, bien plus que ``DELAI_CALCUL``."""
    return MODELE + "".join(f"{57851 + i},{5165325 + i}{LIGNE}" for i in range(lignes))


LONG = json.dumps({"dossiers": [{"nom": "grand.csv", "contenu": _portefeuille(4000)}]})
RAPIDE = json.dumps({"annee": 2026})


def _port_libre() -> int:
    with contextlib.closing(socket.socket()) as s:
        s.bind((HOTE, 0))
        return int(s.getsockname()[1])


class Serveur:
    """Le serveur lancé : son port, son processus, son journal."""

    def __init__(self, port: int, processus: subprocess.Popen[bytes], journal: Path) -> None:
        self.port = port
        self.processus = processus
        self.journal = journal

    def connexion(self, delai: float = 30) -> http.client.HTTPConnection:
        return http.client.HTTPConnection(HOTE, self.port, timeout=delai)

    def socket(self) -> socket.socket:
        return socket.create_connection((HOTE, self.port), timeout=10)

    def descendants(self) -> set[int]:
        """Les processus issus du serveur (serveur de processus, calculs en cours…)."""
        parents: dict[int, int] = {}
        for entree in Path("/proc").iterdir():
            if entree.name.isdigit():
                with contextlib.suppress(OSError, IndexError, ValueError):
                    stat = (entree / "stat").read_text()
                    parents[int(entree.name)] = int(stat.rsplit(")", 1)[1].split()[1])
        trouves: set[int] = set()
        frontiere = {self.processus.pid}
        while frontiere:
            enfants = {p for p, parent in parents.items() if parent in frontiere}
            frontiere = enfants - trouves
            trouves |= enfants
        return trouves


@pytest.fixture(scope="module")
def serveur() -> Iterator[Serveur]:
    port = _port_libre()
    with tempfile.TemporaryDirectory() as dossier:
        journal = Path(dossier) / "serveur.log"
        with journal.open("wb") as flux:
            processus = subprocess.Popen(
                [
                    *(sys.executable, "-m", "collectivites", "serve", "--port", str(port)),
                    *("--delai-calcul", str(DELAI_CALCUL), "--calculs-simultanes", str(SIMULTANES)),
                    *("--delai-entetes", str(DELAI_ENTETES), "--delai-corps", str(DELAI_CORPS)),
                    *("--taille-max", "1", "--connexions-max", str(CONNEXIONS_MAX)),
                ],
                stdout=flux,
                stderr=subprocess.STDOUT,
            )
        try:
            lance = Serveur(port, processus, journal)
            fin = time.monotonic() + 30
            while True:
                try:
                    with contextlib.closing(lance.connexion(2)) as c:
                        c.request("GET", "/sante")
                        if c.getresponse().status == 200:
                            break
                except OSError:
                    if processus.poll() is not None or time.monotonic() > fin:
                        raise AssertionError(journal.read_text()) from None
                    time.sleep(0.1)
            yield lance
        finally:
            processus.terminate()
            try:
                processus.wait(timeout=15)
            except subprocess.TimeoutExpired:  # pragma: no cover - serveur bloqué
                processus.kill()
                processus.wait(timeout=5)


def _poster(
    c: http.client.HTTPConnection, chemin: str, corps: str | bytes
) -> tuple[http.client.HTTPResponse, bytes]:
    c.request("POST", chemin, body=corps, headers={"Content-Type": "application/json"})
    reponse = c.getresponse()
    return reponse, reponse.read()


def _francais(contenu: bytes) -> str:
    """Le message d'une réponse d'erreur : du JSON, en français (pas de phrase d'uvicorn)."""
    donnees = json.loads(contenu)
    message = donnees["message"]
    assert isinstance(message, str) and message
    for anglais in ("Invalid", "Internal Server Error", "Service Unavailable", "Request"):
        assert anglais not in message
    return message


def _lire_jusqu_a_fermeture(s: socket.socket, limite: float) -> tuple[bytes, float]:
    """Ce que le serveur envoie jusqu'à fermer la connexion, et quand (secondes) ; échoue si
    la connexion est encore ouverte après ``limite`` secondes."""
    debut = time.monotonic()
    recu = b""
    while time.monotonic() - debut < limite:
        lisible, _, _ = select.select([s], [], [], 0.1)
        if lisible:
            try:
                morceau = s.recv(65536)
            except ConnectionResetError:
                morceau = b""
            if not morceau:
                return recu, time.monotonic() - debut
            recu += morceau
    raise AssertionError(f"connexion encore ouverte après {limite} s (reçu : {recu!r})")


def _statut(brut: bytes) -> int:
    return int(brut.split(b" ", 2)[1])


def _corps(brut: bytes) -> bytes:
    return brut.split(b"\r\n\r\n", 1)[1]


# --- HEAD, nombres absurdes, noms de fichiers : réponses propres, connexion gardée ---------------


def test_head_de_la_page_200_sans_corps(serveur: Serveur) -> None:
    c = serveur.connexion()
    for chemin in ("/", "/formulaire/pret/portefeuille", "/sante", "/openapi.json"):
        c.request("HEAD", chemin)
        reponse = c.getresponse()
        assert reponse.status == 200, chemin
        assert reponse.read() == b""
        assert int(reponse.headers["content-length"]) > 0  # celle du GET
    c.request("GET", "/")
    page = c.getresponse()
    assert page.status == 200 and b'<html lang="fr">' in page.read()


@pytest.mark.parametrize(
    ("chemin", "corps", "fragment"),
    [
        ("/api/jours-feries", '{"annee": ' + "9" * 100_000 + "}", "nombre trop long"),
        ("/api/jours-feries", '{"annee": ' + "9" * 5_000 + "}", "nombre trop long"),
        ("/api/jours-feries", '{"annee": "' + "9" * 5_000 + '"}', "texte trop long"),
        ("/api/jours-feries", '{"annee": "' + "9" * 900 + '"}', "année invalide"),
        ("/api/jours-feries", '{"annee": 1e999999999}', "hors d'échelle"),
        ("/api/jours-feries", '{"annee": 0.' + "1" * 500 + "}", "nombre trop long"),
        ("/api/pret/tableau", '{"dossier": "\\ud800"}', "UTF-16"),
        ("/api/pret/tableau", '{"exemple": "' + "x" * 50_000 + '"}', "exemple inconnu"),
    ],
)
def test_entrees_absurdes_422_connexion_gardee(
    serveur: Serveur, chemin: str, corps: str, fragment: str
) -> None:
    c = serveur.connexion()
    reponse, contenu = _poster(c, chemin, corps)
    assert reponse.status == 422, contenu[:300]
    assert fragment in _francais(contenu)
    prise = c.sock
    suivante, contenu = _poster(c, "/api/jours-feries", RAPIDE)
    assert suivante.status == 200, contenu[:300]
    assert c.sock is prise  # la même connexion (keep-alive) a servi


def test_nom_de_fichier_de_10_000_caracteres(serveur: Serveur) -> None:
    """Un nom trop long pour le système de fichiers (255 octets) : coupé, extension gardée."""
    for nom in ("t" * 10_000 + ".csv", "é" * 10_000 + ".csv", "../" * 3_000 + "x.csv"):
        corps = {
            "exemple": "cdc-57851",
            "ligne": "5165325",
            "tableau": {"nom": nom, "base64": base64.b64encode(b"numero\n").decode()},
        }
        reponse, contenu = _poster(serveur.connexion(), "/api/pret/rapprocher", json.dumps(corps))
        assert reponse.status == 422, contenu[:300]
        message = _francais(contenu)
        assert "collectivites-web-" not in message
        nommes = re.findall(r"fichier « ([^»]*) »", message)
        assert nommes and all(len(n.encode()) <= 120 and n.endswith(".csv") for n in nommes)


# --- clients lents : en-têtes, corps ------------------------------------------------------------


def test_slowloris_en_tetes_octet_par_octet(serveur: Serveur) -> None:
    """Des en-têtes envoyés un octet toutes les 0,1 s (jamais finis) : le serveur répond 408 en
    français et ferme dans le délai des en-têtes, quoi que le client envoie encore."""
    s = serveur.socket()
    debut = time.monotonic()
    recu = b""
    entetes = b"GET /sante HTTP/1.1\r\nHost: x\r\n" + b"X-Lent: " + b"a" * 200
    with contextlib.closing(s):
        for octet in entetes:
            try:
                s.send(bytes([octet]))
            except OSError:  # fermée par le serveur
                break
            lisible, _, _ = select.select([s], [], [], 0.1)
            if lisible:
                with contextlib.suppress(ConnectionResetError):
                    morceau = s.recv(65536)
                    recu += morceau
                    if not morceau:
                        break
            if time.monotonic() - debut > DELAI_ENTETES + MARGE:
                break
        duree = time.monotonic() - debut
        with contextlib.suppress(AssertionError):
            reste, _ = _lire_jusqu_a_fermeture(s, 1)
            recu += reste
    assert duree < DELAI_ENTETES + MARGE, f"connexion gardée {duree:.1f} s"
    assert _statut(recu) == 408
    assert "en-têtes non reçus" in _francais(_corps(recu))


def test_connexion_muette_fermee(serveur: Serveur) -> None:
    """Une connexion ouverte sans rien envoyer : fermée dans le délai des en-têtes, sans
    réponse (aucune requête n'avait commencé)."""
    with contextlib.closing(serveur.socket()) as s:
        recu, duree = _lire_jusqu_a_fermeture(s, DELAI_ENTETES + MARGE)
    assert recu == b""
    assert duree >= DELAI_ENTETES * 0.9


def test_corps_lent_408(serveur: Serveur) -> None:
    """En-têtes complets, puis un corps d'un octet toutes les 0,2 s : 408 en français dans le
    délai du corps, connexion fermée."""
    corps = RAPIDE.encode() + b" " * 200
    with contextlib.closing(serveur.socket()) as s:
        s.sendall(
            b"POST /api/jours-feries HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            + f"Content-Length: {len(corps)}\r\n\r\n".encode()
        )
        debut = time.monotonic()
        recu = b""
        for octet in corps:
            with contextlib.suppress(OSError):
                s.send(bytes([octet]))
            lisible, _, _ = select.select([s], [], [], 0.2)
            if lisible or time.monotonic() - debut > DELAI_CORPS + MARGE:
                break
        reste, _ = _lire_jusqu_a_fermeture(s, MARGE)
        recu += reste
    assert time.monotonic() - debut < DELAI_CORPS + 2 * MARGE
    assert _statut(recu) == 408
    assert b"connection: close" in recu.lower()
    assert "corps non reçu" in _francais(_corps(recu))


def test_corps_trop_gros_413(serveur: Serveur) -> None:
    """Content-Length au-delà de la limite (1 Mo ici) : 413 sans lire le corps ; un envoi par
    morceaux qui la dépasse : 413 aussi."""
    with contextlib.closing(serveur.socket()) as s:
        s.sendall(
            b"POST /api/jours-feries HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            b"Content-Length: 5000000\r\n\r\n"
        )
        recu, _ = _lire_jusqu_a_fermeture(s, MARGE)
    assert _statut(recu) == 413
    assert "trop volumineuse" in _francais(_corps(recu))
    with contextlib.closing(serveur.socket()) as s:
        s.sendall(
            b"POST /api/jours-feries HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            b"Transfer-Encoding: chunked\r\n\r\n"
        )
        morceau = b"x" * 65536
        with contextlib.suppress(OSError):
            for _ in range(20):  # 1,25 Mo
                s.sendall(f"{len(morceau):x}\r\n".encode() + morceau + b"\r\n")
        recu, _ = _lire_jusqu_a_fermeture(s, MARGE)
    assert _statut(recu) == 413
    # Content-Length absurde (plus de 18 chiffres) : 413, pas d'entier géant
    with contextlib.closing(serveur.socket()) as s:
        s.sendall(
            b"POST /api/jours-feries HTTP/1.1\r\nHost: x\r\nContent-Length: "
            + b"9" * 5000
            + b"\r\n\r\n"
        )
        recu, _ = _lire_jusqu_a_fermeture(s, MARGE)
    assert _statut(recu) in (400, 413)
    _francais(_corps(recu))


# --- HTTP mal formé -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("brut", "statut", "fragment"),
    [
        (b"GARBAGE\r\n\r\n", 400, "requête HTTP invalide"),
        (b"GET /\x00 HTTP/1.1\r\nHost: x\r\n\r\n", 400, "requête HTTP invalide"),
        (b"GET / HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n", 400, "HTTP invalide"),
        (
            b"POST /api/jours-feries HTTP/1.1\r\nHost: x\r\n"
            b"Transfer-Encoding: chunked\r\n\r\nzz\r\n",
            400,
            "requête HTTP invalide",
        ),
        # une poignée de main TLS envoyée au port en clair
        (b"\x16\x03\x01\x00\xa5\x01\x00\x00\xa1\x03\x03" + bytes(32) + b"\r\n\r\n", 400, "HTTP"),
        # en-têtes trop longs, arrivés d'un coup (h11 ne borne que ce qu'il attend encore)
        (b"GET / HTTP/1.1\r\nHost: x\r\nX: " + b"a" * 20_000 + b"\r\n\r\n", 431, "trop longs"),
        # ... ou arrivés par morceaux : au-delà de 16 Kio en attente, h11 refuse
        (b"GET / HTTP/1.1\r\nHost: x\r\nX: " + b"a" * 20_000, 400, "requête HTTP invalide"),
    ],
)
def test_http_mal_forme_en_francais(
    serveur: Serveur, brut: bytes, statut: int, fragment: str
) -> None:
    """uvicorn écrit lui-même la réponse à une requête que h11 ne lit pas : le protocole du
    service la remplace par du JSON français (sans quoi : « Invalid HTTP request received. »)."""
    with contextlib.closing(serveur.socket()) as s:
        s.sendall(brut)
        recu, _ = _lire_jusqu_a_fermeture(s, MARGE)
    assert recu, "aucune réponse"
    assert _statut(recu) == statut
    assert b"application/json" in recu
    assert fragment in _francais(_corps(recu))


# --- calculs : trop longs, trop nombreux --------------------------------------------------------


def _attendre(condition: Any, limite: float) -> bool:
    fin = time.monotonic() + limite
    while time.monotonic() < fin:
        if condition():
            return True
        time.sleep(0.05)
    return False


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="/proc absent")
def test_calcul_trop_long_504_processus_tue_connexion_gardee(serveur: Serveur) -> None:
    c = serveur.connexion()
    assert _poster(c, "/api/jours-feries", RAPIDE)[0].status == 200  # serveur de processus prêt
    avant = serveur.descendants()
    vus: set[int] = set()
    arret = threading.Event()

    def guetter() -> None:
        while not arret.is_set():
            vus.update(serveur.descendants() - avant)
            time.sleep(0.05)

    guetteur = threading.Thread(target=guetter, daemon=True)
    guetteur.start()
    prise = c.sock
    debut = time.monotonic()
    try:
        reponse, contenu = _poster(c, "/api/pret/portefeuille", LONG)
    finally:
        arret.set()
        guetteur.join(timeout=5)
    duree = time.monotonic() - debut
    assert reponse.status == 504, contenu[:300]
    assert "calcul trop long" in _francais(contenu)
    assert DELAI_CALCUL * 0.9 <= duree < DELAI_CALCUL + MARGE
    assert vus, "aucun processus de calcul vu"
    assert _attendre(lambda: not (serveur.descendants() & vus), 5), "processus du calcul vivant"
    suivante, contenu = _poster(c, "/api/jours-feries", RAPIDE)
    assert suivante.status == 200, contenu[:300]
    assert c.sock is prise  # la même connexion, gardée après le 504
    assert "2026-07-14" in contenu.decode()


def test_page_calcul_trop_long_504_en_html(serveur: Serveur) -> None:
    c = serveur.connexion()
    limite = "----limite"
    corps = (
        f'--{limite}\r\nContent-Disposition: form-data; name="format"\r\n\r\nafficher\r\n'
        f'--{limite}\r\nContent-Disposition: form-data; name="dossiers"; filename="p.csv"\r\n'
        f"Content-Type: text/csv\r\n\r\n{_portefeuille(4000)}\r\n--{limite}--\r\n"
    ).encode()
    c.request(
        "POST",
        "/formulaire/pret/portefeuille",
        body=corps,
        headers={"Content-Type": f"multipart/form-data; boundary={limite}"},
    )
    reponse = c.getresponse()
    page = reponse.read().decode()
    assert reponse.status == 504
    assert "calcul trop long" in page and '<html lang="fr">' in page


def test_calculs_simultanes_au_dela_503(serveur: Serveur) -> None:
    """``SIMULTANES`` calculs longs en cours : le suivant est refusé tout de suite (503,
    ``Retry-After``), les premiers finissent en 504."""
    statuts: list[int] = []

    def long() -> None:
        with contextlib.closing(serveur.connexion()) as c:
            statuts.append(_poster(c, "/api/pret/portefeuille", LONG)[0].status)

    fils = [threading.Thread(target=long) for _ in range(SIMULTANES)]
    with contextlib.closing(serveur.connexion()) as c:
        assert _poster(c, "/api/jours-feries", RAPIDE)[0].status == 200
        avant = serveur.descendants()
        for fil in fils:
            fil.start()
        try:
            assert _attendre(
                lambda: len(serveur.descendants() - avant) >= SIMULTANES, DELAI_CALCUL
            ), "calculs longs non lancés"
            reponse, contenu = _poster(c, "/api/jours-feries", RAPIDE)
        finally:
            for fil in fils:
                fil.join(timeout=DELAI_CALCUL + 2 * MARGE)
    assert reponse.status == 503, contenu[:300]
    assert reponse.headers["retry-after"].isdigit()
    assert "service occupé" in _francais(contenu)
    assert statuts == [504] * SIMULTANES


def test_connexions_au_dela_503(serveur: Serveur) -> None:
    """``CONNEXIONS_MAX`` connexions ouvertes et muettes : une requête de plus répond 503 en
    français (sans attendre qu'elles expirent)."""
    muettes = [serveur.socket() for _ in range(CONNEXIONS_MAX)]
    try:
        time.sleep(0.1)
        reponse, contenu = _poster(serveur.connexion(), "/api/jours-feries", RAPIDE)
    finally:
        for s in muettes:
            s.close()
    assert reponse.status == 503
    assert "trop de connexions" in _francais(contenu)
    assert _attendre(
        lambda: _poster(serveur.connexion(), "/api/jours-feries", RAPIDE)[0].status == 200, 5
    )


# --- la séance entière ------------------------------------------------------------------------


def test_aucune_500_ni_trace_ni_anglais_sur_toute_la_seance(serveur: Serveur) -> None:
    """Dernier du module : le journal du serveur, de toute la séance."""
    _poster(serveur.connexion(), "/api/jours-feries", RAPIDE)
    journal = serveur.journal.read_text(encoding="utf-8", errors="replace")
    statuts = [int(s) for s in re.findall(r"Requête [A-Z]+ \S+ de \S+ : (\d{3})", journal)]
    assert len(statuts) >= 10, journal[-2000:]
    assert 500 not in statuts, journal[-4000:]
    assert "Traceback" not in journal
    for anglais in ("Invalid HTTP request", "Exception in ASGI", "Uvicorn running"):
        assert anglais not in journal
    assert "Service à l'écoute" in journal


# --- dans ce processus : une erreur imprévue ne coupe pas la connexion --------------------------


def test_erreur_imprevue_500_en_francais_connexion_gardee(monkeypatch: pytest.MonkeyPatch) -> None:
    """Un défaut de la bibliothèque (simulé) : 500 en une ligne française, et la requête suivante
    passe sur la même connexion (Starlette seul relance l'exception, et uvicorn coupe)."""
    import uvicorn

    from collectivites.web._serveur import protocole

    appels = {"n": 0}

    def defaut(args: Any) -> Any:
        appels["n"] += 1
        if appels["n"] == 1:
            raise ZeroDivisionError("division par zéro")
        return "ok"

    monkeypatch.setattr("collectivites.web._traitement.calculer", defaut)
    port = _port_libre()
    config = uvicorn.Config(
        application(delai_calcul=None),
        host=HOTE,
        port=port,
        http=protocole(delai_entetes=5, connexions_max=10),
        log_level="critical",
        lifespan="off",
    )
    serveur = uvicorn.Server(config)
    fil = threading.Thread(target=serveur.run, daemon=True)
    fil.start()
    try:
        assert _attendre(lambda: serveur.started, 10)
        c = http.client.HTTPConnection(HOTE, port, timeout=10)
        reponse, contenu = _poster(c, "/api/jours-feries", RAPIDE)
        assert reponse.status == 500
        assert _francais(contenu).startswith("erreur interne (ZeroDivisionError)")
        assert "Traceback" not in contenu.decode()
        prise = c.sock
        suivante, contenu = _poster(c, "/api/jours-feries", RAPIDE)
        assert suivante.status == 200, contenu
        assert c.sock is prise
    finally:
        serveur.should_exit = True
        fil.join(timeout=10)


def test_erreur_imprevue_dans_le_processus_du_calcul(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """Le protocole entre le processus du calcul et le serveur : une erreur imprévue revient en
    « interne » (type et trace, journalisée), une erreur de la bibliothèque dont la valeur ne
    passe pas d'un processus à l'autre revient quand même, avec son message."""
    import multiprocessing

    from collectivites.erreurs import ErreurValeur
    from collectivites.web import _travail

    tache = _travail._Tache(("jours-feries",), {"annee": "2026"}, "json", False)

    def renvoyer(exc: BaseException) -> tuple[str, Any]:
        def lever(_tache: Any) -> Any:
            raise exc

        monkeypatch.setattr(_travail, "_executer", lever)
        lecture, ecriture = multiprocessing.Pipe(duplex=False)
        _travail._travailleur(ecriture, tache)
        resultat: tuple[str, Any] = lecture.recv()
        lecture.close()
        return resultat

    nature, (type_, trace) = renvoyer(ZeroDivisionError("x"))
    assert (nature, type_) == ("interne", "ZeroDivisionError")
    # la trace, résumée en une ligne pour le journal : l'exception et ses derniers appels
    assert trace.startswith("ZeroDivisionError: x (trace : test_web_abus.py:")
    assert "_travail.py:" in trace and "\n" not in trace
    with (
        caplog.at_level(logging.ERROR, logger="collectivites.web"),
        pytest.raises(_travail.CalculInterrompu, match=r"erreur interne \(ZeroDivisionError\)"),
    ):
        _travail._rendre(nature, (type_, trace), "jours-feries")
    assert caplog.messages == [f"calcul jours-feries : erreur interne — {trace}"]
    originale = ErreurValeur("refusé", cle="a", valeur=threading.Lock(), attendu="b")
    nature, erreur = renvoyer(originale)
    assert nature == "erreur"
    assert str(erreur) == str(originale)
    assert erreur.cle == "a"


def test_head_et_limites_par_le_client_de_test() -> None:
    client = TestClient(application(delai_calcul=None, calculs_simultanes=1))
    tete = client.head("/")
    assert tete.status_code == 200 and tete.content == b""
    assert client.head("/api/pret/tableau").status_code == 405
    with pytest.raises(ValueError, match="délai"):
        application(delai_calcul=0)
    with pytest.raises(ValueError, match="délai du corps"):
        application(delai_corps=float("nan"))


@pytest.mark.parametrize(
    ("options", "fragment"),
    [
        (["--delai-calcul", "0"], "durée invalide"),
        (["--delai-calcul", "nan"], "durée invalide"),
        (["--delai-entetes", "1e400"], "durée invalide"),
        (["--calculs-simultanes", "0"], "nombre invalide"),
        (["--connexions-max", "9" * 5000], "nombre invalide"),
    ],
)
def test_serve_refuse_des_limites_invalides(
    capsys: pytest.CaptureFixture[str], options: list[str], fragment: str
) -> None:
    from collectivites.cli import main

    assert main(["serve", *options]) == 2
    assert fragment in capsys.readouterr().err


# --- la configuration d'exemple du proxy inverse ------------------------------------------------


@pytest.mark.skipif(shutil.which("nginx") is None, reason="nginx absent : syntaxe non vérifiée")
def test_configuration_nginx_livree_est_valide(tmp_path: Path) -> None:
    """``docs/guides/nginx-collectivites.conf`` passe ``nginx -t`` (certificats factices :
    seule la syntaxe est vérifiée)."""
    site = (GUIDES / "nginx-collectivites.conf").read_text(encoding="utf-8")
    certificat, cle = tmp_path / "cert.pem", tmp_path / "cle.pem"
    openssl = shutil.which("openssl")
    if openssl is None:
        pytest.skip("openssl absent : pas de certificat factice pour nginx -t")
    subprocess.run(
        [
            *(openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1"),
            *(
                "-subj",
                "/CN=collectivites.exemple.fr",
                "-keyout",
                str(cle),
                "-out",
                str(certificat),
            ),
        ],
        check=True,
        capture_output=True,
        timeout=60,
    )
    site = site.replace("/etc/ssl/collectivites/fullchain.pem", str(certificat))
    site = site.replace("/etc/ssl/collectivites/privkey.pem", str(cle))
    site = site.replace("/etc/nginx/collectivites.htpasswd", str(tmp_path / "htpasswd"))
    (tmp_path / "htpasswd").write_text("agent:$apr1$abc$def\n")
    (tmp_path / "site.conf").write_text(site, encoding="utf-8")
    principal = tmp_path / "nginx.conf"
    principal.write_text(
        f"pid {tmp_path}/nginx.pid;\nerror_log {tmp_path}/error.log;\n"
        "events {}\n"
        f"http {{\n  access_log off;\n  client_body_temp_path {tmp_path};\n"
        f"  include {tmp_path}/site.conf;\n}}\n",
        encoding="utf-8",
    )
    essai = subprocess.run(
        ["nginx", "-t", "-c", str(principal), "-p", str(tmp_path)],
        check=False,
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "LC_ALL": "C"},
    )
    assert essai.returncode == 0, essai.stderr
    assert "syntax is ok" in essai.stderr


def test_extraits_nginx_de_la_documentation_conformes_au_fichier_livre() -> None:
    """Chaque bloc ``nginx`` de la page de déploiement est un extrait mot pour mot du fichier
    livré (ceux que vérifient ``nginx -t`` et, pour le préfixe, ``test_web_configuration``)."""
    livres = [
        (GUIDES / nom).read_text(encoding="utf-8")
        for nom in ("nginx-collectivites.conf", "nginx-collectivites-prefixe.conf")
    ]
    page = (GUIDES / "deploiement.md").read_text(encoding="utf-8")
    extraits = re.findall(r"^```nginx\n(.*?)^```", page, re.S | re.M)
    assert len(extraits) >= 4
    for extrait in extraits:
        assert any(extrait in livre for livre in livres), extrait
