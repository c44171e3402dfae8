"""Classeurs et séries hostiles : chacun est refusé avant d'être lu, par une
:class:`~collectivites.erreurs.ErreurEntree` en français qui nomme le fichier et la partie de
l'archive ; la mémoire reste bornée (mesurée dans un processus à part). Les classeurs sont
fabriqués par ``tests/hostiles_tableurs.py``, qui les passe aussi à la ligne de commande."""

from __future__ import annotations

import base64
import datetime as dt
import io
import re
import subprocess
import sys
import textwrap
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest

from collectivites.chargement import _tableur, lire_texte_tableur
from collectivites.donnees import _series, lire_serie_csv
from collectivites.erreurs import ErreurDossier, ErreurEntree
from tests import hostiles_tableurs as h

pytest.importorskip("openpyxl")


def _refus(tmp_path: Path, contenu: bytes, nom: str = "bombe.xlsx") -> str:
    chemin = tmp_path / nom
    chemin.write_bytes(contenu)
    with pytest.raises(ErreurEntree) as erreur:
        lire_texte_tableur(chemin)
    assert erreur.value.fichier == str(chemin)
    return str(erreur.value)


@pytest.mark.parametrize(
    ("fabrique", "motif"), [c[1:] for c in h.CLASSEURS], ids=[c[0] for c in h.CLASSEURS]
)
def test_classeur_hostile_refuse(tmp_path: Path, fabrique: Callable[[], bytes], motif: str) -> None:
    message = _refus(tmp_path, fabrique())
    assert re.search(motif, message), message


@pytest.mark.parametrize(
    "fabrique",
    [h.bombe_d_espaces, h.milliard_de_rires, h.entite_externe, h.dtd_seule, h.taille_mensongere],
)
def test_la_partie_fautive_est_nommee(tmp_path: Path, fabrique: Callable[[], bytes]) -> None:
    assert "partie « xl/worksheets/sheet1.xml » du classeur" in _refus(tmp_path, fabrique())


def test_la_bombe_est_refusee_sur_ses_en_tetes_sans_etre_depliee(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def interdit(*_args: object) -> None:
        raise AssertionError("partie dépliée")

    monkeypatch.setattr(_tableur, "_deplier", interdit)
    for fabrique in (h.bombe_d_espaces, h.cent_mille_parties, h.repertoire_menteur):
        _refus(tmp_path, fabrique())


def test_taille_totale_depliee_bornee(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Des parties honnêtes (taux de compression ordinaire) mais trop grosses ensemble."""
    contenu = h.classeur(h.feuille(h.TABLEAU))
    monkeypatch.setattr(_tableur, "TAILLE_DEPLIEE_MAX", 1500)
    assert "classeur trop gros une fois déplié" in _refus(tmp_path, contenu)
    monkeypatch.setattr(_tableur, "TAILLE_DEPLIEE_MAX", 64 * 2**20)
    assert lire_texte_tableur(tmp_path / "bombe.xlsx") == "N°,Échéance\n1,3170.41\n"


def test_taille_declaree_plus_grande_que_le_contenu(tmp_path: Path) -> None:
    xml = h.feuille(h.TABLEAU).encode()
    nom, brut, methode, crc, taille = h.partie(h.FEUILLE, xml)
    message = _refus(tmp_path, h.classeur((nom, brut, methode, crc, taille + 10)))
    assert "taille dépliée différente de la taille déclarée" in message


def test_somme_de_controle_fausse(tmp_path: Path) -> None:
    nom, brut, methode, crc, taille = h.partie(h.FEUILLE, h.feuille(h.TABLEAU).encode())
    message = _refus(tmp_path, h.classeur((nom, brut, methode, crc ^ 1, taille)))
    assert "somme de contrôle fausse" in message


def test_dtd_en_utf16_refusee(tmp_path: Path) -> None:
    """La lecture par expat voit la DTD quel que soit l'encodage (une recherche d'octets
    « <!DOCTYPE » ne la verrait pas en UTF-16)."""
    xml = h.feuille(h.TABLEAU, prologue="<!DOCTYPE worksheet>").replace("UTF-8", "UTF-16")
    contenu = h.classeur(xml.encode("utf-16"))
    assert "DOCTYPE" in _refus(tmp_path, contenu)


def test_dtd_cachee_dans_une_partie_au_nom_d_image(tmp_path: Path) -> None:
    cachee = h.partie("xl/media/image1.png", b"\n  <!DOCTYPE x [<!ENTITY a 'b'>]><x>&a;</x>")
    assert "partie « xl/media/image1.png »" in _refus(
        tmp_path, h.classeur(h.feuille(h.TABLEAU), cachee)
    )


def test_methode_de_compression_non_admise(tmp_path: Path) -> None:
    nom, brut, _, crc, taille = h.partie(h.FEUILLE, h.feuille(h.TABLEAU).encode())
    message = _refus(tmp_path, h.classeur((nom, brut, 14, crc, taille)))  # 14 : LZMA
    assert "méthode de compression non admise" in message


def test_classeur_chiffre_ou_xls(tmp_path: Path) -> None:
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
    assert "chiffré par mot de passe" in _refus(tmp_path, ole)


def test_formule_nommee_avec_le_nom_de_sa_feuille(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    classeur = openpyxl.Workbook()
    feuille = classeur.active
    feuille.title = "Mes prêts"
    feuille.append(["N°", "Échéance"])
    feuille.append([1, "=2*1585.205"])
    chemin = tmp_path / "formule.xlsx"
    classeur.save(chemin)
    with pytest.raises(ErreurEntree, match=r"'Mes prêts'!B2 : formule sans valeur calculée"):
        lire_texte_tableur(chemin)


@pytest.mark.parametrize(
    ("cellule", "attendu"),
    [
        ('<c r="B2"><f>2*1585.205</f><v>3170.41</v></c>', "1,3170.41"),  # valeur calculée
        ('<c r="B2" t="str"><f>IF(A2="","",A2)</f><v></v></c>', "1"),  # formule qui rend « »
        ('<c r="B2"><f t="shared" si="0"/><v>7</v></c>', "1,7"),
    ],
)
def test_formule_avec_valeur_calculee_lue(tmp_path: Path, cellule: str, attendu: str) -> None:
    lignes = h.cellules(["N°", "Échéance"]) + (
        f'<row r="2"><c r="A2" t="inlineStr"><is><t>1</t></is></c>{cellule}</row>'
    )
    chemin = tmp_path / "calcule.xlsx"
    chemin.write_bytes(h.classeur(h.feuille(lignes)))
    assert lire_texte_tableur(chemin) == f"N°,Échéance\n{attendu}\n"


def test_un_classeur_ordinaire_passe(tmp_path: Path) -> None:
    """Ce qu'écrit un tableur : chaînes partagées, styles, dimension, plusieurs feuilles."""
    openpyxl = pytest.importorskip("openpyxl")
    classeur = openpyxl.Workbook()
    classeur.active.append(["date", "valeur"])
    classeur.active.append([dt.date(2026, 8, 1), "1,50 %"])
    classeur.create_sheet("Autre").append(["x"])
    chemin = tmp_path / "ordinaire.xlsx"
    classeur.save(chemin)
    octets = chemin.read_bytes()
    assert _tableur.verifier_classeur(octets, str(chemin)) == {}
    assert lire_texte_tableur(chemin) == 'date,valeur\n2026-08-01,"1,50 %"\n'


def test_refus_en_422_par_le_service_web(tmp_path: Path) -> None:
    """Le service web répond 422 (ErreurCollectivites), avec le message français."""
    pytest.importorskip("starlette")
    from starlette.testclient import TestClient

    from collectivites.web import application

    client = TestClient(application(), raise_server_exceptions=False)
    fichier = {"nom": "bombe.xlsx", "base64": base64.b64encode(h.milliard_de_rires()).decode()}
    corps = {"exemple": "cdc-57851", "ligne": "5165325", "tableau": fichier}
    reponse = client.post("/api/pret/rapprocher", json=corps)
    assert reponse.status_code == 422, reponse.text
    assert "DOCTYPE" in reponse.text and "xl/worksheets/sheet1.xml" in reponse.text


# --- séries -----------------------------------------------------------------------------------


def _serie(lignes: int) -> str:
    debut = dt.date(2026, 8, 1)
    return "date,valeur\n" + "".join(
        f"{debut + dt.timedelta(days=i)},1.5 %\n" for i in range(lignes - 1)
    )


def test_serie_bornee_en_lignes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_series, "LIGNES_MAX_SERIE", 10)
    assert len(lire_serie_csv(_serie(10), nom="s").points) == 9
    with pytest.raises(ErreurDossier, match=r"série trop longue \(11 lignes\).*au plus 10 lignes"):
        lire_serie_csv(_serie(11), nom="s", fichier="s.csv")
    with pytest.raises(ErreurDossier, match="série trop longue"):  # fins de ligne « \r » seules
        lire_serie_csv(_serie(11).replace("\n", "\r"), nom="s")


def _memoire_maximale(code: str, tmp_path: Path) -> tuple[int, str]:
    """Exécute ``code`` dans un processus à part ; rend son pic de mémoire (Mio) et sa sortie
    d'erreur."""
    script = textwrap.dedent(code) + textwrap.dedent(
        """
        # VmHWM et non ru_maxrss : ru_maxrss survit à execve et donnerait le pic du processus
        # de pytest qui a lancé celui-ci (538 Mio dans la suite complète).
        pic = next(l for l in open("/proc/self/status") if l.startswith("VmHWM"))
        print(int(pic.split()[1]) // 1024)
        """
    )
    fini = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=300,
        check=False,
    )
    return int(fini.stdout.split()[-1]), fini.stderr


def test_memoire_bornee(tmp_path: Path) -> None:
    """Mesuré avant la borne : 1,27 Gio pour un prolongement du Livret A de 900 000 lignes,
    650 Mio pour le classeur de 300 Kio qui se déplie en 300 Mio d'espaces."""
    (tmp_path / "livret_a.csv").write_bytes(h.serie_demesuree(900_000))
    (tmp_path / "bombe.xlsx").write_bytes(h.bombe_d_espaces())
    for commande in (
        ["donnees", "verifier", "livret_a.csv"],
        [
            "pret",
            "rapprocher",
            "--exemple",
            "cdc-57851",
            "--ligne",
            "5165325",
            "--tableau",
            "bombe.xlsx",
        ],
    ):
        pic, erreurs = _memoire_maximale(
            f"""
            from collectivites.cli import main
            assert main({commande!r}) == 2
            """,
            tmp_path,
        )
        assert "collectivites : erreur" in erreurs
        assert pic < 300, (commande, pic)


def test_crc_de_la_bombe_exact() -> None:
    """La bombe fabriquée est une archive exacte (ce n'est pas la somme de contrôle qui la
    fait refuser) : sa partie se déplie en espaces, CRC compris (ici 2 Mio)."""
    contenu = h.bombe_d_espaces(2)
    with zipfile.ZipFile(io.BytesIO(contenu)) as archive:
        donnees = archive.read(h.FEUILLE)
    assert len(donnees) > 2 * 2**20 and zlib.crc32(donnees) == archive.getinfo(h.FEUILLE).CRC
