"""La lecture prudente des fichiers (``chargement/_fichiers.py``), appelée directement : chaque
borne éprouvée à la borne et un octet au-delà, chaque refus avec son message exact en français
— ce que les tests de mutation ont montré non vérifié."""

from __future__ import annotations

import errno
import io
import os
from pathlib import Path
from typing import Any

import pytest

from collectivites.chargement import _fichiers
from collectivites.chargement._fichiers import (
    TAILLE_MAX_DOSSIER,
    LigneCsv,
    _cellule,
    _decoder,
    _raison,
    _separateur,
    _situer_toml,
    _taille_lisible,
    _traduire_csv,
    _traduire_toml,
    lire_cellule,
    lire_csv,
    lire_octets,
    lire_texte,
    lire_toml,
    lire_toml_texte,
    ouvrir_fichier,
)
from collectivites.erreurs import ErreurDossier, ErreurEntree, ErreurValeur


def _refus_ouverture(chemin: Any, taille_max: int = 100) -> ErreurEntree:
    with pytest.raises(ErreurEntree) as refus:
        ouvrir_fichier(chemin, taille_max)
    return refus.value


# --- tailles lisibles ------------------------------------------------------------------------


def test_taille_lisible_en_octets_sous_un_mio_et_en_mio_des_un_mio() -> None:
    assert _taille_lisible(0) == "0 octets"
    assert _taille_lisible(2**20 - 1) == "1048575 octets"
    assert _taille_lisible(2**20) == "1 Mio"
    assert _taille_lisible(8 * 2**20) == "8 Mio"
    assert _taille_lisible(256 * 2**20 + 1) == "256 Mio"
    assert _taille_lisible(10 * 2**20 + 2**19 + 1) == "11 Mio"  # 10,5 Mio et un octet


# --- ouverture ---------------------------------------------------------------------------------


def test_chemin_vide_ou_qui_n_est_pas_un_texte_refuse() -> None:
    assert str(_refus_ouverture("")) == "chemin de fichier invalide (reçu : '')"
    assert str(_refus_ouverture(Path())) != ""  # Path("") est « . » : un répertoire
    assert str(_refus_ouverture(42)) == "chemin de fichier invalide (reçu : 42)"
    assert _refus_ouverture(b"x").message == "chemin de fichier invalide"


def test_fichier_introuvable(tmp_path: Path) -> None:
    chemin = tmp_path / "absent.toml"
    refus = _refus_ouverture(chemin)
    assert str(refus) == f"fichier « {chemin} » : fichier introuvable"
    assert refus.fichier == str(chemin)


def test_chemin_inaccessible_dit_en_francais(tmp_path: Path) -> None:
    assert str(_refus_ouverture("a\x00b")) == (
        "fichier « a\x00b » : fichier inaccessible (caractère nul dans le chemin)"
    )
    ordinaire = tmp_path / "f.txt"
    ordinaire.write_bytes(b"x")
    sous = f"{ordinaire}/dessous"
    assert str(_refus_ouverture(sous)) == (
        f"fichier « {sous} » : fichier inaccessible (un élément du chemin n'est pas un répertoire)"
    )


def test_repertoire_et_tube_refuses(tmp_path: Path) -> None:
    assert str(_refus_ouverture(tmp_path)) == (
        f"fichier « {tmp_path} » : c'est un répertoire, pas un fichier"
    )
    tube = tmp_path / "tube"
    os.mkfifo(tube)
    assert str(_refus_ouverture(tube)) == (
        f"fichier « {tube} » : ce n'est pas un fichier ordinaire (tube, périphérique…) "
        "(attendu : un fichier ordinaire)"
    )
    assert _refus_ouverture("/dev/null").message == (
        "ce n'est pas un fichier ordinaire (tube, périphérique…)"
    )


def test_taille_a_la_borne_acceptee_un_octet_de_plus_refuse(tmp_path: Path) -> None:
    chemin = tmp_path / "dix.txt"
    chemin.write_bytes(b"0123456789")
    with ouvrir_fichier(chemin, 10) as flux:
        assert flux.read() == b"0123456789"  # lecture binaire, rien de décodé
    assert str(_refus_ouverture(chemin, 9)) == (
        f"fichier « {chemin} » : fichier trop gros (reçu : '10 octets' ; attendu : au plus "
        "9 octets)"
    )


def test_ouverture_impossible_dite_en_francais(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    chemin = tmp_path / "f.txt"
    chemin.write_bytes(b"x")

    def refuser(*_args: object, **_kwargs: object) -> None:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(_fichiers, "open", refuser, raising=False)
    assert str(_refus_ouverture(chemin)) == (
        f"fichier « {chemin} » : lecture impossible (permission refusée)"
    )


# --- octets et texte ---------------------------------------------------------------------------


def test_lire_octets_au_plus_juste(tmp_path: Path) -> None:
    chemin = tmp_path / "dix.bin"
    chemin.write_bytes(b"\x00\x01\x02\x03\x04\x05\x06\x07\x08\x09")
    assert lire_octets(chemin, taille_max=10) == b"\x00\x01\x02\x03\x04\x05\x06\x07\x08\x09"
    with pytest.raises(ErreurEntree) as refus:
        lire_octets(chemin, taille_max=9)
    assert str(refus.value) == (
        f"fichier « {chemin} » : fichier trop gros (reçu : '10 octets' ; attendu : au plus "
        "9 octets)"
    )


def test_un_fichier_qui_grandit_apres_son_etat_est_refuse_a_la_lecture() -> None:
    """Un fichier de /proc annonce 0 octet mais en livre davantage : la seconde garde (après
    lecture de taille_max + 1 octets) le refuse, sans valeur reçue (elle est inconnue)."""
    with pytest.raises(ErreurEntree) as refus:
        lire_octets("/proc/self/status", taille_max=10)
    assert str(refus.value) == (
        "fichier « /proc/self/status » : fichier trop gros (attendu : au plus 10 octets)"
    )
    # À la taille exacte lue par la garde, le contenu passe : rien n'est tronqué.
    contenu = lire_octets("/proc/self/cmdline", taille_max=2**20)
    assert contenu.endswith(b"\x00")


def test_la_lecture_est_bornee_meme_si_le_fichier_ne_finit_pas(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Un fichier qui grandit sans fin pendant la lecture (journal, fichier spécial annoncé
    vide) n'est jamais lu en entier : la lecture demande une borne, le refus tombe après
    au plus taille_max + 1 octets."""
    chemin = tmp_path / "sans_fin.log"
    chemin.write_bytes(b"")

    class SansFin(io.BytesIO):
        def read(self, taille: int | None = -1) -> bytes:
            if taille is None or taille < 0:
                raise MemoryError("lecture sans borne d'un fichier sans fin")
            return b"x" * taille

    monkeypatch.setattr(_fichiers, "open", lambda *_a, **_k: SansFin(), raising=False)
    with pytest.raises(ErreurEntree) as refus:
        lire_octets(chemin, taille_max=1000)
    assert str(refus.value) == (
        f"fichier « {chemin} » : fichier trop gros (attendu : au plus 1000 octets)"
    )


def test_lecture_qui_echoue_dite_en_francais(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    chemin = tmp_path / "f.txt"
    chemin.write_bytes(b"abc")

    class Flux(io.BytesIO):
        def read(self, _taille: int | None = -1) -> bytes:
            raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(_fichiers, "open", lambda *_a, **_k: Flux(), raising=False)
    with pytest.raises(ErreurEntree) as refus:
        lire_octets(chemin)
    assert str(refus.value) == f"fichier « {chemin} » : lecture impossible (erreur d'entrée-sortie)"
    assert refus.value.fichier == str(chemin)


def test_raison_d_un_echec() -> None:
    assert _raison(ValueError("embedded null byte")) == "caractère nul dans le chemin"
    assert _raison(OSError(errno.ENOSPC, "No space")) == "plus de place sur le périphérique"


def test_octet_nul_cherche_dans_les_4096_premiers_octets() -> None:
    with pytest.raises(ErreurEntree) as refus:
        _decoder(b"a" * 4095 + b"\x00", "f.csv")
    assert str(refus.value) == (
        "fichier « f.csv » : fichier binaire (attendu : un fichier texte UTF-8)"
    )
    assert _decoder(b"a" * 4096 + b"\x00", "f.csv") == "a" * 4096 + "\x00"
    with pytest.raises(ErreurEntree):
        _decoder(b"\x00", "f.csv")


def test_marque_d_ordre_retiree_et_octet_fautif_numerote_depuis_un() -> None:
    assert _decoder(b"\xef\xbb\xbfabc", "f.csv") == "abc"
    assert _decoder("élu".encode(), "f.csv") == "élu"
    with pytest.raises(ErreurEntree) as refus:
        _decoder(b"ab\xe9c", "f.csv")
    assert str(refus.value) == (
        "fichier « f.csv » : texte non UTF-8 (octet 3) (attendu : un fichier texte UTF-8 (dans "
        "un tableur : « CSV UTF-8 »))"
    )


def test_lire_texte_passe_sa_borne(tmp_path: Path) -> None:
    chemin = tmp_path / "t.csv"
    chemin.write_bytes(b"\xef\xbb\xbfa;b")
    assert lire_texte(chemin, taille_max=6) == "a;b"
    with pytest.raises(ErreurEntree) as refus:
        lire_texte(chemin, taille_max=5)
    assert refus.value.attendu == "au plus 5 octets"
    (tmp_path / "b.csv").write_bytes(b"\xff")
    with pytest.raises(ErreurEntree) as refus:
        lire_texte(tmp_path / "b.csv")
    assert refus.value.fichier == str(tmp_path / "b.csv")
    assert refus.value.message == "texte non UTF-8 (octet 1)"


# --- TOML --------------------------------------------------------------------------------------


def test_dossier_toml_de_8_mio_accepte_un_octet_de_plus_refuse(tmp_path: Path) -> None:
    assert TAILLE_MAX_DOSSIER == 8 * 1024 * 1024
    chemin = tmp_path / "gros.toml"
    debut = b'a = "x"\n#'
    chemin.write_bytes(debut + b"z" * (TAILLE_MAX_DOSSIER - len(debut)))
    assert lire_toml(chemin) == {"a": "x"}
    with chemin.open("ab") as flux:
        flux.write(b"z")
    with pytest.raises(ErreurEntree) as refus:
        lire_toml(chemin)
    assert str(refus.value) == (
        f"fichier « {chemin} » : fichier trop gros (reçu : '8 Mio' ; attendu : au plus 8 Mio)"
    )


def test_lire_toml_nomme_le_fichier(tmp_path: Path) -> None:
    chemin = tmp_path / "d.toml"
    chemin.write_text("a = 1\nb = \n", encoding="utf-8")
    with pytest.raises(ErreurDossier) as refus:
        lire_toml(chemin)
    assert str(refus.value) == (
        f"fichier « {chemin} », ligne 2 : TOML invalide : valeur invalide (un texte s'écrit "
        "entre guillemets)"
    )


def test_traduction_des_messages_toml() -> None:
    assert _traduire_toml("Cannot declare ('a',) twice") == "la table ('a',) est déclarée deux fois"
    assert _traduire_toml("Unclosed array") == "liste non fermée"
    assert _traduire_toml("Expected ',' or ']'") == "',' or ']' attendu"
    assert _traduire_toml("Unclosed array!") == "erreur de syntaxe"
    assert _traduire_toml("") == "erreur de syntaxe"


def test_situer_un_message_toml() -> None:
    fin = "(at end of document)"
    assert _situer_toml(f"Unclosed array {fin}", "a = [1,\n2,") == ("Unclosed array", 2)
    assert _situer_toml(f"Invalid value {fin}", "a =") == ("Invalid value", 1)
    assert _situer_toml(f"Invalid value {fin}", "") == ("Invalid value", 1)
    assert _situer_toml("Invalid value (at line 12, column 5)", "") == ("Invalid value", 12)
    assert _situer_toml("Invalid value (at line 7, column 15)", "") == ("Invalid value", 7)
    # La dernière mention compte : une clé peut contenir « (at line ».
    message = "Cannot declare ('a', '(at line 9, ') twice (at line 2, column 18)"
    assert _situer_toml(message, "") == ("Cannot declare ('a', '(at line 9, ') twice", 2)
    assert _situer_toml("X (at line x, column 2)", "") == ("X (at line x, column 2)", None)
    assert _situer_toml("X (at line 3)", "") == ("X (at line 3)", None)  # jamais écrit ainsi
    assert _situer_toml("Autre chose", "a\nb") == ("Autre chose", None)


def test_lire_toml_texte_refus_situes() -> None:
    with pytest.raises(ErreurDossier) as refus:
        lire_toml_texte('[a."(at line 9, "]\n[a."(at line 9, "]', "d.toml")
    assert str(refus.value) == (
        "fichier « d.toml », ligne 2 : TOML invalide : la table ('a', '(at line 9, ') est "
        "déclarée deux fois"
    )
    with pytest.raises(ErreurDossier) as refus:
        lire_toml_texte("a = [1,\n2,", None)
    assert (
        str(refus.value)
        == "ligne 2 : TOML invalide : valeur invalide (un texte s'écrit entre guillemets)"
    )
    with pytest.raises(ErreurDossier) as refus:
        lire_toml_texte("a = " + "[" * 100_000, "d.toml")
    assert str(refus.value) == "fichier « d.toml » : TOML invalide (imbrication excessive)"
    assert refus.value.ligne is None
    assert lire_toml_texte('a = 1\n[b]\nc = "d"', None) == {"a": 1, "b": {"c": "d"}}


# --- CSV ---------------------------------------------------------------------------------------


def test_ligne_csv_numero_zero_par_defaut() -> None:
    ligne = LigneCsv([("a", "1"), ("b", "2")])
    assert ligne == {"a": "1", "b": "2"}
    assert ligne.numero == 0
    assert LigneCsv().numero == 0


def test_separateur_le_plus_frequent_virgule_a_egalite() -> None:
    assert _separateur("a;b,c") == ","
    assert _separateur("a;b;c,d") == ";"
    assert _separateur("a,b,c;d") == ","
    assert _separateur("") == ","


def test_lire_csv_numeros_de_ligne_commentaires_et_decalage() -> None:
    texte = "# provenance\na;b\n\n  # note\n1;2\n;\n3;\n"
    entetes, lignes = lire_csv(texte, fichier="s.csv", decalage=10)
    assert entetes == ["a", "b"]
    assert lignes == [{"a": "1", "b": "2"}, {"a": "3", "b": ""}]
    assert [ligne.numero for ligne in lignes] == [15, 17]
    assert all(isinstance(ligne, LigneCsv) for ligne in lignes)
    # Sans décalage, le numéro est celui du fichier.
    _, lignes = lire_csv(texte)
    assert [ligne.numero for ligne in lignes] == [5, 7]


def test_lire_csv_marque_d_ordre_puis_commentaire() -> None:
    entetes, lignes = lire_csv("\ufeff# source\nx,y\n1,2")
    assert entetes == ["x", "y"]
    assert lignes == [{"x": "1", "y": "2"}]
    assert lignes[0].numero == 3


def test_lire_csv_entetes_nettoyes() -> None:
    entetes, lignes = lire_csv("\n\ufeffa ; b \n 1 ; '=2 \n4")
    assert entetes == ["a", "b"]
    assert lignes == [{"a": "1", "b": "=2"}, {"a": "4"}]
    assert [ligne.numero for ligne in lignes] == [3, 4]


def test_lire_csv_ligne_trop_longue() -> None:
    with pytest.raises(ErreurDossier) as refus:
        lire_csv("a,b\n1,2\n1,2,3\n", fichier="s.csv", decalage=4)
    assert str(refus.value) == "fichier « s.csv », ligne 7 : 3 cellules pour 2 colonnes"
    assert lire_csv("a,b\n1,2")[1][0] == {"a": "1", "b": "2"}


def test_lire_csv_cellule_trop_longue_situee() -> None:
    longue = "x" * 131_073
    with pytest.raises(ErreurDossier) as refus:
        lire_csv(f"# c\n{longue}\n", fichier="s.csv", decalage=5)
    assert str(refus.value) == (
        "fichier « s.csv », ligne 2 : CSV illisible : cellule trop longue (plus de 131072 "
        "caractères)"
    )
    with pytest.raises(ErreurDossier) as refus:
        lire_csv(f"a\n1\n{longue}\n", fichier="s.csv", decalage=5)
    assert refus.value.ligne == 8


def test_lire_csv_vide() -> None:
    for texte in ("", "\n# seulement un commentaire\n , \n"):
        with pytest.raises(ErreurDossier) as refus:
            lire_csv(texte, fichier="v.csv", colonnes=("date", "taux"))
        assert str(refus.value) == "fichier « v.csv » : fichier CSV vide (attendu : date,taux)"
    with pytest.raises(ErreurDossier) as refus:
        lire_csv("")
    assert str(refus.value) == "fichier CSV vide"
    assert refus.value.attendu is None


def test_lire_csv_colonnes_en_double_ou_absentes() -> None:
    with pytest.raises(ErreurDossier) as refus:
        lire_csv("# c\na,b,a\n", fichier="s.csv")
    assert str(refus.value) == "fichier « s.csv », ligne 2 : colonne en double (reçu : 'a')"
    with pytest.raises(ErreurDossier) as refus:
        lire_csv("a;x\n1;2", fichier="s.csv", colonnes=("a", "b", "c"))
    assert str(refus.value) == (
        "fichier « s.csv », ligne 1 : colonne absente : b, c (reçu : 'a,x' ; attendu : a,b,c)"
    )
    assert lire_csv("a;x\n1;2", colonnes=("x", "a"))[0] == ["a", "x"]


def test_cellule_sans_apostrophe_de_neutralisation() -> None:
    assert _cellule(" '-0,2 % ") == "-0,2 %"
    assert _cellule("'  =1") == "=1"
    assert _cellule("'abc") == "'abc"
    assert _cellule("'") == "'"
    assert _cellule("=1") == "=1"
    assert _cellule("''=1") == "''=1"
    assert _cellule("  ") == ""


def test_traduction_des_messages_csv() -> None:
    assert _traduire_csv("field larger than field limit (12)") == (
        "cellule trop longue (plus de 12 caractères)"
    )
    assert _traduire_csv("'x' expected after '\"'") == "« x » attendu après un guillemet fermant"
    assert _traduire_csv("line contains NUL") == "caractère nul dans la ligne"
    assert _traduire_csv("autre") == "erreur de syntaxe"


def test_lire_cellule_situe_l_erreur_du_lecteur() -> None:
    ligne = LigneCsv([("montant", "abc"), ("vide", "")])
    ligne.numero = 12
    lus: list[str] = []

    def lecteur(texte: str) -> str:
        lus.append(texte)
        if texte == "abc":
            raise ErreurValeur("montant invalide", valeur=texte, attendu="un nombre")
        return texte.upper()

    assert lire_cellule(ligne, "absente", lecteur, "s.csv") == ""
    assert lire_cellule(ligne, "vide", lecteur, "s.csv") == ""
    assert lire_cellule(ligne, "montant", lecteur, "s.csv", "def") == "DEF"
    assert lus == ["", "", "def"]
    with pytest.raises(ErreurDossier) as refus:
        lire_cellule(ligne, "montant", lecteur, "s.csv")
    assert str(refus.value) == (
        "fichier « s.csv », ligne 12, clé « montant » : montant invalide (reçu : 'abc' ; "
        "attendu : un nombre)"
    )
    # Une erreur qui n'est pas de la bibliothèque n'est pas déguisée.
    with pytest.raises(ZeroDivisionError):
        lire_cellule(ligne, "vide", lambda _t: 1 / 0, "s.csv")
