"""Le cadre de la ligne de commande (``collectivites.cli._cadre``), vérifié au plus près :
aide en français ligne à ligne, nom d'une option dans l'espace de noms, horodatage reproductible,
refus d'écriture dits en français et nommant le fichier, chemins passant par ``/proc`` écrits
sans être remplacés, drapeaux d'ouverture d'un tube ou d'un périphérique.

Écrits pour tuer les mutants survivants du module (issue 27) : chaque attente vient du code
et de la documentation d'``argparse`` et du système, pas d'une sortie recopiée."""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import os
import stat
import sys
from pathlib import Path
from typing import Any

import pytest

import collectivites
from collectivites.cli import _cadre, main
from collectivites.cli._cadre import Option, ecrire, horodatage
from collectivites.erreurs import ErreurSortie, ErreurValeur

POSIX = pytest.mark.skipif(sys.platform == "win32", reason="tubes, /proc et périphériques POSIX")


def _lancer(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    sortie = capsys.readouterr()
    return code, sortie.out, sortie.err


# --- Option.champ ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("noms", "champ"),
    [
        (("-x", "--date-arrete", "--autre-nom"), "date_arrete"),  # le premier nom long
        (("--proxys-de-confiance", "--forwarded-allow-ips"), "proxys_de_confiance"),
        (("fichier",), "fichier"),  # un argument positionnel
        (("entree-csv",), "entree_csv"),
        (("-v",), "v"),  # sans nom long : le premier nom
    ],
)
def test_champ_d_une_option(noms: tuple[str, ...], champ: str) -> None:
    assert Option(noms, "aide").champ == champ


# --- horodatage ------------------------------------------------------------------------------


def test_horodatage_reproductible(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "86400")  # un jour après l'origine Unix
    assert horodatage() == dt.datetime(1970, 1, 2, tzinfo=dt.UTC)


def test_horodatage_sans_graine_lisible_prend_l_horloge(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "demain")
    avant = dt.datetime.now(dt.UTC)
    instant = horodatage()
    assert avant <= instant <= dt.datetime.now(dt.UTC)
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    assert horodatage().tzinfo is dt.UTC


# --- aide en français --------------------------------------------------------------------------


def _aide(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, *args: str) -> str:
    monkeypatch.setenv("COLUMNS", "250")  # une option par ligne : rien n'est replié
    code, sortie, erreur = _lancer(capsys, *args, "--aide")
    assert (code, erreur) == (0, "")
    return sortie


def test_aide_d_une_commande_ligne_a_ligne(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    formats = "texte,csv,csv-excel,json,xlsx,html"
    assert _aide(capsys, monkeypatch, "delai", "calculer") == (
        "utilisation : collectivites delai calculer [-h] [-V] --depart DATE --duree DUREE "
        "[--regime {simple,cpc,franc,ue-1182-71}] [--zone ZONE] [--avant] "
        f"[--format {{{formats}}}] "
        "[--table CLÉ] [--sortie FICHIER]\n"
        "\n"
        "dernier jour d'un délai, expliqué\n"
        "\n"
        "options:\n"
        "  -h, --help, --aide    afficher cette aide et quitter\n"
        "  -V, --version         afficher la version et quitter\n"
        "  --depart DATE         date de départ (AAAA-MM-JJ ou JJ/MM/AAAA)\n"
        "  --duree DUREE         durée, par exemple « 15 jours ouvrés », « 2 mois »\n"
        "  --regime {simple,cpc,franc,ue-1182-71}\n"
        "                        régime de computation (valeurs : simple, cpc, franc, ue-1182-71 ;"
        " défaut : simple)\n"
        "  --zone ZONE           zone du calendrier légal (metropole, alsace-moselle, 971…) "
        "(défaut : metropole)\n"
        "  --avant               compter à rebours (« au moins N jours avant »)\n"
        f"  --format {{{formats}}}\n"
        "                        format de sortie (valeurs : texte, csv, csv-excel, json, xlsx, "
        "html ; défaut : texte)\n"
        "  --table CLÉ           table à écrire en CSV quand le résultat en a plusieurs (défaut : "
        "la principale ; les clés sont celles du JSON, et une clé inconnue les liste)\n"
        "  --sortie FICHIER      fichier de sortie (défaut : sortie standard ; obligatoire pour "
        "xlsx)\n"
        "\n"
        "exemples :\n"
        '  collectivites delai calculer --depart 26/04/2024 --duree "15 jours ouvrés"\n'
    )


def test_aide_d_une_commande_a_dossier(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    aide = _aide(capsys, monkeypatch, "pret", "tableau").splitlines()
    assert aide[0].startswith("utilisation : collectivites pret tableau [-h] [-V] [--exemple ")
    assert aide[0].endswith(" [--table CLÉ] [--sortie FICHIER] [dossier]")
    assert aide[1:6] == [
        "",
        "tableau d'amortissement",
        "",
        "arguments:",
        "  dossier               dossier TOML de la ligne ou du prêt, ou tableau d'un prêt en CSV "
        "ou en classeur (modèle de pret modele-portefeuille)",
    ]
    # un « % » de l'aide s'affiche tel quel ; une option sans défaut n'en dit pas
    assert "  --exemple EXEMPLE     exemple livré (voir « collectivites exemples »)" in aide
    assert "  --ligne ID            identifiant de la ligne du prêt" in aide
    assert (
        "  --index SCÉNARIO      emission (index figé, comme le tableau de la CDC), historique, "
        "FICHIER.csv, ou un choc comme « livret_a+1 % » avec --depuis (défaut : emission)"
    ) in aide
    assert (
        "  --sortie FICHIER      fichier de sortie (défaut : sortie standard ; obligatoire pour "
        "xlsx et png)"
    ) in aide


# --- refus d'écriture ------------------------------------------------------------------------


def test_caractere_nul_dans_le_chemin() -> None:
    with pytest.raises(ErreurSortie) as erreur:
        ecrire("x", "a\x00b")
    # le nom est montré échappé (repr sans ses guillemets), jamais avec l'octet nul
    assert erreur.value.fichier == "a\\x00b"
    assert str(erreur.value) == (
        "fichier « a\\x00b » : écriture impossible (caractère nul dans le chemin)"
    )


@POSIX
def test_peripherique_sans_pilote_refuse_en_francais(tmp_path: Path) -> None:
    """Un périphérique caractère dont aucun pilote ne répond (numéro majeur 240, réservé à
    l'usage local) : l'ouverture échoue (ENXIO), l'erreur nomme le fichier."""
    chemin = tmp_path / "sans-pilote"
    try:
        os.mknod(chemin, stat.S_IFCHR | 0o666, os.makedev(240, 77))
    except OSError:
        pytest.skip("mknod refusé (pas root)")
    with pytest.raises(ErreurSortie) as erreur:
        ecrire(b"x", str(chemin))
    assert erreur.value.fichier == str(chemin)
    assert str(erreur.value) == (
        f"fichier « {chemin} » : écriture impossible (périphérique ou adresse inexistant)"
    )
    assert stat.S_ISCHR(os.lstat(chemin).st_mode)


@POSIX
def test_ouverture_directe_sans_troncature_ni_heritage(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Un tube est ouvert en écriture seule, en ajout, sans devenir le terminal de contrôle ni
    être hérité par un processus lancé (O_WRONLY | O_APPEND | O_NOCTTY | O_CLOEXEC)."""
    ouvertures: list[tuple[str, int]] = []
    ouvrir = os.open

    def espion(chemin: str, drapeaux: int, *args: int) -> int:
        ouvertures.append((chemin, drapeaux))
        return ouvrir(chemin, drapeaux, *args)

    lecture, ecriture = os.pipe()
    try:
        monkeypatch.setattr(os, "open", espion)
        ecrire(b"abc", f"/dev/fd/{ecriture}")
        monkeypatch.undo()
        assert os.read(lecture, 10) == b"abc"
    finally:
        os.close(lecture)
        os.close(ecriture)
    attendus = os.O_WRONLY | os.O_APPEND | os.O_NOCTTY | os.O_CLOEXEC
    assert ouvertures == [(f"/dev/fd/{ecriture}", attendus)]


# --- /proc : écrit directement, jamais remplacé ----------------------------------------------


@POSIX
@pytest.mark.parametrize("par_un_lien", [False, True])
def test_fichier_ouvert_atteint_par_proc_recoit_un_ajout(tmp_path: Path, par_un_lien: bool) -> None:
    """``/dev/fd/N`` vers un fichier ordinaire ouvert en ajout (« >> fichier » du shell) : les
    octets s'ajoutent au même fichier, qui n'est ni remplacé ni tronqué — aussi au travers d'un
    lien symbolique vers ``/dev/fd/N``."""
    fichier = tmp_path / "journal.txt"
    fichier.write_text("avant\n", encoding="utf-8")
    inode = fichier.stat().st_ino
    descripteur = os.open(fichier, os.O_WRONLY | os.O_APPEND)
    try:
        sortie = f"/dev/fd/{descripteur}"
        if par_un_lien:
            lien = tmp_path / "lien-vers-le-descripteur-ouvert"
            lien.symlink_to(sortie)
            sortie = str(lien)
        ecrire("après\n", sortie)
    finally:
        os.close(descripteur)
    assert fichier.read_text(encoding="utf-8") == "avant\naprès\n"
    assert fichier.stat().st_ino == inode
    assert sorted(p.name for p in tmp_path.iterdir() if not p.is_symlink()) == ["journal.txt"]


@POSIX
def test_un_fichier_de_proc_n_est_jamais_remplace() -> None:
    """Un fichier ordinaire rangé directement sous ``/proc`` est à écrire directement."""
    if not os.path.exists("/proc/version"):
        pytest.skip("pas de /proc")
    assert _cadre._par_proc("/proc/version") is True
    assert _cadre._a_remplacer("/proc/version") is False


# --- produire (le service web) ------------------------------------------------------------


def _arguments(*argv: str) -> argparse.Namespace:
    from collectivites import __version__
    from collectivites.cli._commandes import COMMANDES

    racine = _cadre.analyseur(COMMANDES, version=__version__, description="essai")
    return racine.parse_args(list(argv))


RATIO: tuple[str, ...] = ("garantie", "ratio", "--recettes-reelles", "1000", "--annuite-dette")
RATIO = (*RATIO, "400", "--annuites-garanties", "200")


def test_produire_rend_le_format_et_le_code() -> None:
    """(400 + 200) / 1 000 = 60 % des recettes réelles, au-delà du plafond de 50 % d'une
    commune (D1511-32) : code 1, comme en ligne de commande ; rien n'est écrit."""
    contenu, code = _cadre.produire(_arguments(*RATIO, "--format", "json"))
    assert code == 1
    assert isinstance(contenu, str)
    lu = json.loads(contenu)
    assert (lu["charge"], lu["ratio"], lu["plafond"], lu["respecte"]) == (
        "600.00",
        "60.00",
        "500.00",
        False,
    )


def test_produire_passe_la_table() -> None:
    with pytest.raises(ErreurValeur) as erreur:
        _cadre.produire(_arguments(*RATIO, "--format", "csv", "--table", "zz"))
    assert erreur.value.cle == "table"
    assert "table inconnue" in str(erreur.value)
    contenu, code = _cadre.produire(_arguments(*RATIO, "--format", "csv", "--table", "calcul"))
    assert (code, str(contenu).splitlines()[0]) == (1, "poste,champ,montant")


def test_produire_sans_format_ni_table() -> None:
    """Une commande sans format de sortie (son espace de noms n'a ni ``format`` ni ``table``)
    rend son texte tel quel."""
    commande = _cadre.Commande(("essai",), "aide", lambda _entree, _args: "texte brut", formats=())
    assert _cadre.produire(argparse.Namespace(commande=commande)) == ("texte brut", 0)


# --- la sortie ne doit pas écraser l'entrée ---------------------------------------------------

#: Le dossier livré de l'exemple « cdc-57851 », lu comme un dossier de l'utilisateur.
PRET = Path(collectivites.__file__).parent / "donnees" / "exemples" / "cdc-57851.toml"


def test_la_sortie_ne_remplace_pas_le_dossier_d_entree(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dossier = tmp_path / "pret.toml"
    dossier.write_bytes(PRET.read_bytes())
    monkeypatch.chdir(tmp_path)
    # le même fichier sous un autre nom (relatif) : résolus, les deux chemins se confondent
    code, sortie, erreur = _lancer(capsys, "pret", "tableau", str(dossier), "--sortie", "pret.toml")
    assert (code, sortie) == (2, "")
    assert erreur == (
        "collectivites : erreur : option --sortie : la sortie écraserait le dossier d'entrée "
        "(reçu : 'pret.toml')\n"
    )
    assert dossier.read_bytes() == PRET.read_bytes()
    # un autre fichier est écrit
    argv = ("pret", "tableau", "pret.toml", "--format", "csv", "--table", "5165325.echeances")
    assert _lancer(capsys, *argv, "--sortie", "tableau.csv") == (0, "", "")
    assert (tmp_path / "tableau.csv").read_text(encoding="utf-8").startswith("numero,date,")
    # un chemin que le système ne sait pas résoudre n'est pas « le même fichier » : c'est
    # l'écriture qui le refuse
    code, _, erreur = _lancer(capsys, *argv, "--sortie", "a\x00b")
    assert code == 2
    assert erreur == (
        "collectivites : erreur : fichier « a\\x00b » : écriture impossible (caractère nul dans "
        "le chemin)\n"
    )


# --- remplacement atomique --------------------------------------------------------------------


@POSIX
def test_remplacement_par_un_fichier_cache_du_meme_repertoire(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Le fichier temporaire est caché (« .nom. » et un suffixe) dans le répertoire de la
    cible : le remplacement reste sur le même système de fichiers."""
    remplacements: list[tuple[str, str]] = []
    remplacer = os.replace

    def espion(source: str, cible: str) -> None:
        remplacements.append((source, cible))
        remplacer(source, cible)

    monkeypatch.setattr(os, "replace", espion)
    cible = tmp_path / ("n" * 40 + ".csv")
    ecrire("a;b\n", str(cible))
    ((source, destination),) = remplacements
    assert destination == str(cible)
    assert os.path.dirname(source) == str(tmp_path)
    assert os.path.basename(source).startswith("." + "n" * 32 + ".")
    assert len(os.path.basename(source)) > 34  # le suffixe aléatoire de mkstemp
    assert cible.read_text(encoding="utf-8") == "a;b\n"


@POSIX
def test_executable_en_cours_refuse_et_nomme(tmp_path: Path) -> None:
    """Un exécutable en cours d'exécution ne s'ouvre pas en écriture (ETXTBSY) : refusé avant
    tout remplacement, l'erreur nomme le fichier."""
    import shutil
    import subprocess
    import time

    dormir = shutil.which("sleep")
    if dormir is None:
        pytest.skip("pas de sleep")
    executable = tmp_path / "dormir"
    shutil.copy(dormir, executable)
    avant = executable.read_bytes()
    processus = subprocess.Popen([str(executable), "30"])
    try:
        time.sleep(0.2)
        try:
            os.close(os.open(executable, os.O_WRONLY))
        except OSError:
            pass
        else:
            pytest.skip("ce noyau laisse écrire un exécutable en cours")
        with pytest.raises(ErreurSortie) as erreur:
            ecrire(b"x", str(executable))
    finally:
        processus.kill()
        processus.wait()
    assert erreur.value.fichier == str(executable)
    assert str(erreur.value) == (
        f"fichier « {executable} » : écriture impossible (fichier exécutable en cours "
        "d'utilisation)"
    )
    assert executable.read_bytes() == avant
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dormir"]


@POSIX
def test_quarante_liens_vers_un_fichier_ordinaire(tmp_path: Path) -> None:
    """Le noyau suit au plus 40 liens symboliques : au bout d'une chaîne de 40 liens, un fichier
    ordinaire est remplacé (pas écrit en ajout), et les liens restent des liens."""
    cible = tmp_path / "cible.txt"
    cible.write_text("ancien\n", encoding="utf-8")
    precedent = cible
    for rang in range(40):
        lien = tmp_path / f"lien{rang:02d}"
        lien.symlink_to(precedent)
        precedent = lien
    ecrire("nouveau\n", str(precedent))
    assert cible.read_text(encoding="utf-8") == "nouveau\n"
    assert all((tmp_path / f"lien{rang:02d}").is_symlink() for rang in range(40))


@POSIX
def test_lien_relatif_vers_un_descripteur_ouvert(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Un lien relatif (« relais » → « lien ») se lit depuis son répertoire, pas depuis le
    répertoire courant : la chaîne mène à ``/dev/fd/N``, écrit en ajout."""
    fichier = tmp_path / "journal.txt"
    fichier.write_text("avant\n", encoding="utf-8")
    descripteur = os.open(fichier, os.O_WRONLY | os.O_APPEND)
    ailleurs = tmp_path / "ailleurs"
    ailleurs.mkdir()
    monkeypatch.chdir(ailleurs)
    try:
        (tmp_path / "lien").symlink_to(f"/dev/fd/{descripteur}")
        (tmp_path / "relais").symlink_to("lien")
        ecrire("après\n", str(tmp_path / "relais"))
    finally:
        os.close(descripteur)
    assert fichier.read_text(encoding="utf-8") == "avant\naprès\n"


# --- sortie standard --------------------------------------------------------------------------


class _Tampon:
    """Un tampon binaire de sortie qui rend ses écritures dans l'ordre prévu : un nombre
    d'octets écrits, ``None`` (sortie non bloquante pleine) ou une ``BlockingIOError`` après
    quelques octets."""

    def __init__(self, reponses: list[object], descripteur: int) -> None:
        self.reponses = reponses
        self.descripteur = descripteur
        self.recu = b""
        self.vidages = 0

    def write(self, vue: memoryview) -> int | None:
        reponse = self.reponses.pop(0) if self.reponses else len(vue)
        if isinstance(reponse, BlockingIOError):
            self.recu += bytes(vue[: reponse.characters_written])
            raise reponse
        if reponse is None:
            return None
        assert isinstance(reponse, int)
        self.recu += bytes(vue[:reponse])
        return reponse

    def fileno(self) -> int:
        return self.descripteur

    def flush(self) -> None:
        self.vidages += 1


@pytest.mark.parametrize(
    "reponses",
    [
        [None, 0, 2],  # pleine, puis rien d'écrit, puis une écriture partielle
        [BlockingIOError(11, "pleine", 3), BlockingIOError(11, "pleine", 0)],
        [2, 2, 2],
    ],
    ids=["none", "blocage", "partielles"],
)
def test_ecrire_tout_sans_perte_ni_doublon(reponses: list[object]) -> None:
    lecture, ecriture = os.pipe()  # prêt en écriture : select rend la main aussitôt
    try:
        tampon = _Tampon(reponses, ecriture)
        _cadre._ecrire_tout(tampon, b"abcdefghij")
    finally:
        os.close(lecture)
        os.close(ecriture)
    assert tampon.recu == b"abcdefghij"
    assert tampon.vidages == 1


class _Sortie:
    """Une sortie standard de texte à tampon binaire, d'encodage et de gestion d'erreurs
    choisis."""

    def __init__(self, encoding: str, errors: str | None, descripteur: int = -1) -> None:
        self.encoding = encoding
        self.errors = errors
        self.buffer = io.BytesIO()
        self.descripteur = descripteur

    def write(self, texte: str) -> int:
        raise AssertionError("le texte passe par le tampon binaire")

    def flush(self) -> None:
        pass

    def fileno(self) -> int:
        return self.descripteur


def test_sortie_standard_octet_pour_octet(monkeypatch: pytest.MonkeyPatch) -> None:
    """Le texte est encodé et écrit sur le tampon binaire : aucune traduction des fins de ligne
    par la couche texte (ici « \\r\\n »)."""
    tampon = io.BytesIO()
    flux = io.TextIOWrapper(tampon, encoding="utf-8", newline="\r\n", write_through=True)
    monkeypatch.setattr(sys, "stdout", flux)
    ecrire("a\nb\n", None)
    ecrire(b"c\n", None)
    assert tampon.getvalue() == b"a\nb\nc\n"


def test_sortie_standard_selon_sa_gestion_d_erreurs(monkeypatch: pytest.MonkeyPatch) -> None:
    remplacee = io.TextIOWrapper(io.BytesIO(), encoding="ascii", errors="replace")
    monkeypatch.setattr(sys, "stdout", remplacee)
    ecrire("é\n", None)
    assert remplacee.buffer.getvalue() == b"?\n"
    # sans gestion d'erreurs déclarée : stricte
    stricte = _Sortie("ascii", None)
    monkeypatch.setattr(sys, "stdout", stricte)
    with pytest.raises(ErreurSortie) as erreur:
        ecrire("é\n", None)
    assert str(erreur.value) == "texte non encodable pour la sortie standard"
    assert stricte.buffer.getvalue() == b""


def test_sortie_standard_sans_tampon_binaire(monkeypatch: pytest.MonkeyPatch) -> None:
    flux = io.StringIO()  # un carnet, un interpréteur embarqué
    monkeypatch.setattr(sys, "stdout", flux)
    ecrire("texte é\n", None)
    assert flux.getvalue() == "texte é\n"


class _Pleine(io.StringIO):
    """Une sortie standard dont l'écriture échoue (disque plein derrière « > fichier »)."""

    def __init__(self, fileno: object) -> None:
        super().__init__()
        self._fileno = fileno

    def write(self, texte: str) -> int:
        raise OSError(28, "No space left on device")

    def fileno(self) -> int:
        if isinstance(self._fileno, BaseException):
            raise self._fileno
        assert isinstance(self._fileno, int)
        return self._fileno


@POSIX
def test_sortie_standard_pleine_dirigee_vers_le_neant(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """L'erreur est dite en français et la sortie, devenue inutilisable, est dirigée vers
    ``/dev/null`` (la fin du programme ne répète pas l'erreur en anglais)."""
    descripteur = os.open(tmp_path / "sortie", os.O_WRONLY | os.O_CREAT, 0o644)
    try:
        monkeypatch.setattr(sys, "stdout", _Pleine(descripteur))
        with pytest.raises(ErreurSortie) as erreur:
            ecrire("texte\n", None)
        etat = os.fstat(descripteur)
    finally:
        os.close(descripteur)
    assert str(erreur.value) == (
        "écriture impossible sur la sortie standard (plus de place sur le périphérique)"
    )
    assert stat.S_ISCHR(etat.st_mode)
    assert etat.st_rdev == os.stat(os.devnull).st_rdev


@pytest.mark.parametrize(
    "fileno",
    [
        ValueError("I/O operation on closed file"),
        AttributeError("fileno"),
        io.UnsupportedOperation("fileno"),
        10**6,  # un descripteur hors limite : dup2 échoue (EBADF)
    ],
    ids=["fermee", "sans-fileno", "sans-descripteur", "hors-limite"],
)
def test_sortie_standard_pleine_sans_descripteur_utilisable(
    fileno: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "stdout", _Pleine(fileno))
    with pytest.raises(ErreurSortie) as erreur:
        ecrire("texte\n", None)
    assert str(erreur.value) == (
        "écriture impossible sur la sortie standard (plus de place sur le périphérique)"
    )


# --- messages de la ligne de commande -----------------------------------------------------------


def test_message_d_une_option_nommee_comme_tapee(capsys: pytest.CaptureFixture[str]) -> None:
    code, sortie, erreur = _lancer(
        capsys, "pret", "tableau", "--exemple", "cdc-57851", "--format", "xlsx"
    )
    assert (code, sortie) == (2, "")
    assert erreur == (
        "collectivites : erreur : option --sortie : le format xlsx s'écrit dans un fichier "
        "(attendu : --sortie FICHIER.xlsx)\n"
    )


def test_message_cli_selon_la_cle() -> None:
    args = _arguments("rsa", "interets-retard", "--exemple", "x")
    # une clé en tirets bas est l'option en tirets
    erreur = ErreurValeur("date hors du calendrier", cle="date_arrete")
    assert _cadre.message_cli(erreur, args) == ("option --date-arrete : date hors du calendrier")
    # une clé d'un fichier (nommé) reste une clé du fichier, même sans ligne
    situee = ErreurValeur("date hors du calendrier", cle="date_arrete", fichier="rsa.toml")
    assert _cadre.message_cli(situee, args) == str(situee)
    assert "clé « date_arrete »" in str(situee)
    # une clé qui n'est pas une option de la commande reste une clé
    autre = ErreurValeur("manquante", cle="convention")
    assert _cadre.message_cli(autre, args) == str(autre)


# --- ce qui ne s'écrit pas : dit en français, le fichier nommé ----------------------------------


def test_barre_oblique_finale_d_un_chemin_nouveau(tmp_path: Path) -> None:
    sortie = f"{tmp_path}/nouveau/"
    with pytest.raises(ErreurSortie) as erreur:
        ecrire("x", sortie)
    assert (erreur.value.fichier, erreur.value.attendu) == (sortie, "un chemin de fichier")
    assert str(erreur.value) == (
        f"fichier « {sortie} » : ce chemin désigne un répertoire (barre oblique finale) "
        "(attendu : un chemin de fichier)"
    )
    assert list(tmp_path.iterdir()) == []


def test_repertoire_refuse(tmp_path: Path) -> None:
    with pytest.raises(ErreurSortie) as erreur:
        ecrire("x", str(tmp_path))
    assert (erreur.value.fichier, erreur.value.attendu) == (str(tmp_path), "un chemin de fichier")
    assert str(erreur.value) == (
        f"fichier « {tmp_path} » : c'est un répertoire, pas un fichier (attendu : un chemin de "
        "fichier)"
    )


@POSIX
def test_socket_refusee(tmp_path: Path) -> None:
    import socket

    chemin = tmp_path / "s"
    with socket.socket(socket.AF_UNIX) as prise:
        prise.bind(str(chemin))
        with pytest.raises(ErreurSortie) as erreur:
            ecrire("x", str(chemin))
    assert erreur.value.fichier == str(chemin)
    assert str(erreur.value) == (
        f"fichier « {chemin} » : c'est une socket ou un disque (périphérique bloc) : écriture "
        "refusée (attendu : un fichier, un tube ou un périphérique caractère (/dev/stdout))"
    )
    assert stat.S_ISSOCK(os.lstat(chemin).st_mode)


def test_repertoire_absent(tmp_path: Path) -> None:
    sortie = tmp_path / "absent" / "f.csv"
    with pytest.raises(ErreurSortie) as erreur:
        ecrire("x", str(sortie))
    assert erreur.value.fichier == str(sortie)
    assert str(erreur.value) == (
        f"fichier « {sortie} » : le répertoire « {tmp_path / 'absent'} » n'existe pas"
    )


@pytest.mark.parametrize("vers", ["fichier", "peripherique"])
def test_texte_non_encodable_dit_tel_quel(tmp_path: Path, vers: str) -> None:
    """Un caractère isolé (nom de fichier mal décodé) : le refus du morceau est dit tel quel,
    pas comme une « erreur du système »."""
    sortie = str(tmp_path / "f.txt") if vers == "fichier" else os.devnull
    with pytest.raises(ErreurSortie) as erreur:
        ecrire(["début\n", "\udcff\n"], sortie)
    assert erreur.value.fichier == sortie
    assert str(erreur.value) == (
        f"fichier « {sortie} » : texte non encodable en UTF-8 (caractère isolé d'un nom de "
        "fichier ?)"
    )
    if vers == "fichier":
        assert list(tmp_path.iterdir()) == []  # rien de laissé à moitié écrit


@pytest.mark.parametrize("existant", [False, True])
def test_repertoire_non_modifiable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, existant: bool
) -> None:
    """Le fichier temporaire ne peut être créé (droits du répertoire, simulés : root passe
    outre) : pour un fichier existant, le message dit qu'il serait remplacé par un nouveau."""
    import errno
    import tempfile

    sortie = tmp_path / "f.csv"
    if existant:
        sortie.write_text("ancien", encoding="utf-8")

    def refuser(**_options: Any) -> tuple[int, str]:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", refuser)
    with pytest.raises(ErreurSortie) as erreur:
        ecrire("x", str(sortie))
    pourquoi = " (le fichier y est remplacé par un nouveau)" if existant else ""
    assert erreur.value.fichier == str(sortie)
    assert str(erreur.value) == (
        f"fichier « {sortie} » : écriture impossible : le répertoire « {tmp_path} » n'est pas "
        f"modifiable{pourquoi}"
    )


def test_creation_du_temporaire_impossible(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import errno
    import tempfile

    def refuser(**_options: Any) -> tuple[int, str]:
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(tempfile, "mkstemp", refuser)
    with pytest.raises(ErreurSortie) as erreur:
        ecrire("x", str(tmp_path / "f.csv"))
    assert erreur.value.fichier == str(tmp_path / "f.csv")
    assert str(erreur.value) == (
        f"fichier « {tmp_path / 'f.csv'} » : écriture impossible (système de fichiers en lecture "
        "seule)"
    )


def test_nettoyage_impossible_ne_masque_pas_l_erreur(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Le remplacement échoue, puis la suppression du temporaire aussi : c'est l'erreur du
    remplacement qui est dite."""
    import errno

    def remplacer(_source: str, _cible: str) -> None:
        raise OSError(errno.EIO, "Input/output error")

    def supprimer(_chemin: str) -> None:
        raise FileNotFoundError(errno.ENOENT, "No such file or directory")

    monkeypatch.setattr(os, "replace", remplacer)
    monkeypatch.setattr(os, "unlink", supprimer)
    with pytest.raises(ErreurSortie) as erreur:
        ecrire("x", str(tmp_path / "f.csv"))
    monkeypatch.undo()
    assert str(erreur.value) == (
        f"fichier « {tmp_path / 'f.csv'} » : écriture impossible (erreur d'entrée-sortie)"
    )


@POSIX
def test_fichier_existant_ouvert_sans_troncature_ni_attente(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Le fichier remplacé est d'abord ouvert en écriture pour vérifier qu'il peut l'être :
    sans troncature (O_TRUNC absent), sans attendre (O_NONBLOCK), sans héritage (O_CLOEXEC)."""
    cible = tmp_path / "f.csv"
    cible.write_text("ancien", encoding="utf-8")
    ouvertures: list[tuple[str, int]] = []
    ouvrir = os.open

    def espion(chemin: str, drapeaux: int, *args: int) -> int:
        ouvertures.append((str(chemin), drapeaux))
        return ouvrir(chemin, drapeaux, *args)

    monkeypatch.setattr(os, "open", espion)
    ecrire("nouveau", str(cible))
    monkeypatch.undo()
    assert (str(cible), os.O_WRONLY | os.O_NONBLOCK | os.O_CLOEXEC) in ouvertures
    assert cible.read_text(encoding="utf-8") == "nouveau"


# --- droits et propriétaire du fichier écrit ----------------------------------------------------


@POSIX
def test_nouveau_fichier_aux_droits_par_defaut(tmp_path: Path) -> None:
    ancien_masque = os.umask(0o027)
    try:
        ecrire("x", str(tmp_path / "nouveau.csv"))
    finally:
        os.umask(ancien_masque)
    assert stat.S_IMODE((tmp_path / "nouveau.csv").stat().st_mode) == 0o640  # 0666 moins 027


@POSIX
def test_fichier_remplace_garde_droits_et_proprietaire(tmp_path: Path) -> None:
    if os.geteuid() != 0:
        pytest.skip("changer de propriétaire demande root")
    cible = tmp_path / "f.csv"
    cible.write_text("ancien", encoding="utf-8")
    os.chown(cible, 12345, 23456)
    os.chmod(cible, 0o2640)  # setgid : effacé par chown, remis ensuite
    ecrire("nouveau", str(cible))
    etat = cible.stat()
    assert (etat.st_uid, etat.st_gid) == (12345, 23456)
    assert stat.S_IMODE(etat.st_mode) == 0o2640
    assert cible.read_text(encoding="utf-8") == "nouveau"


# --- SIGXFSZ -------------------------------------------------------------------------------------


@pytest.mark.skipif(not hasattr(__import__("signal"), "SIGXFSZ"), reason="SIGXFSZ absent")
def test_sigxfsz_ignore_avant_d_ecrire_un_fichier(tmp_path: Path) -> None:
    """Un interpréteur embarqué peut laisser SIGXFSZ tuer le processus : l'écriture d'un
    fichier l'ignore (depuis le fil principal ; un autre fil ne le peut pas et ne le tente
    pas)."""
    import signal
    import threading

    avant = signal.signal(signal.SIGXFSZ, signal.SIG_DFL)
    try:
        erreurs: list[BaseException] = []

        def dans_un_fil() -> None:
            try:
                ecrire("x", str(tmp_path / "fil.csv"))
            except BaseException as exc:
                erreurs.append(exc)

        fil = threading.Thread(target=dans_un_fil)
        fil.start()
        fil.join()
        assert erreurs == []
        assert signal.getsignal(signal.SIGXFSZ) == signal.SIG_DFL
        ecrire("x", str(tmp_path / "principal.csv"))
        assert signal.getsignal(signal.SIGXFSZ) == signal.SIG_IGN
    finally:
        signal.signal(signal.SIGXFSZ, avant)


@POSIX
def test_proprietaire_non_repris_sans_privilege(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Hors root, reprendre le propriétaire est refusé (EPERM) : le fichier est écrit quand même,
    avec les droits de l'ancien."""
    import errno

    cible = tmp_path / "f.csv"
    cible.write_text("ancien", encoding="utf-8")
    os.chmod(cible, 0o640)

    def refuser(*_args: Any) -> None:
        raise PermissionError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(_cadre, "_proprietaire", lambda _chemin: (-2, -2))  # un autre
    monkeypatch.setattr(os, "chown", refuser)
    ecrire("nouveau", str(cible))
    monkeypatch.undo()
    assert cible.read_text(encoding="utf-8") == "nouveau"
    assert stat.S_IMODE(cible.stat().st_mode) == 0o640


# --- lancer : chaque erreur, un message et un code -----------------------------------------------


@pytest.mark.parametrize(
    ("exception", "code", "message"),
    [
        (BrokenPipeError(32, "Broken pipe"), 0, ""),
        (
            OSError(28, "No space left on device", "/tmp/rendu.xlsx"),
            2,
            "collectivites : erreur : fichier « /tmp/rendu.xlsx » : opération sur un fichier "
            "impossible (plus de place sur le périphérique)\n",
        ),
        (
            OSError(28, "No space left on device"),
            2,
            "collectivites : erreur : opération sur un fichier impossible (plus de place sur le "
            "périphérique)\n",
        ),
        (KeyboardInterrupt(), 130, "collectivites : interrompu\n"),
        (RecursionError(), 2, "collectivites : erreur : entrée trop imbriquée\n"),
        (MemoryError(), 2, "collectivites : erreur : mémoire insuffisante pour cette entrée\n"),
        (
            ZeroDivisionError("division par zéro"),
            1,
            "collectivites : erreur interne (ZeroDivisionError : division par zéro) ; merci de "
            "la signaler avec la commande lancée\n",
        ),
    ],
    ids=["tube", "fichier", "sans-fichier", "interruption", "recursion", "memoire", "defaut"],
)
def test_lancer_traduit_chaque_erreur(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    exception: BaseException,
    code: int,
    message: str,
) -> None:
    def executer(_args: argparse.Namespace) -> int:
        raise exception

    monkeypatch.setattr(_cadre, "executer", executer)
    assert _lancer(capsys, "jours-feries", "2024") == (code, "", message)


def test_lancer_dit_si_la_sortie_d_erreur_est_un_terminal(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    vus: list[object] = []

    def executer(args: argparse.Namespace) -> int:
        vus.append(args.terminal)
        return 7

    monkeypatch.setattr(_cadre, "executer", executer)
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    assert _lancer(capsys, "jours-feries", "2024") == (7, "", "")
    monkeypatch.setattr(sys.stderr, "isatty", lambda: False)
    assert _lancer(capsys, "jours-feries", "2024") == (7, "", "")
    assert vus == [True, False]


# --- rendre_resultat et executer, sur des résultats simulés ---------------------------------------


class _Resultat:
    """Un résultat présentable : son rendu rend le format et les options reçus."""

    def __init__(self, code: object = 0, titre: str = "Titre <essai>") -> None:
        self.code_de_sortie = code
        self.titre = titre
        self.rendus: list[tuple[str, dict[str, Any]]] = []

    def rendre(self, format_: str, **options: Any) -> str:
        self.rendus.append((format_, options))
        return f"<p>rendu {format_}</p>"

    def decrire(self) -> Any:
        return argparse.Namespace(titre=self.titre)


def test_rendre_un_texte_ou_des_octets_tels_quels() -> None:
    assert _cadre.rendre_resultat("texte", "json") == ("texte", 0)
    assert _cadre.rendre_resultat(b"\x89PNG", "png") == (b"\x89PNG", 0)


def test_rendre_sans_format_en_texte_avec_le_code_du_resultat() -> None:
    resultat = _Resultat(code=1)
    assert _cadre.rendre_resultat(resultat, None) == ("<p>rendu texte</p>", 1)
    assert resultat.rendus == [("texte", {})]
    # un code qui n'est pas un entier (un attribut d'un autre sens) compte pour 0
    assert _cadre.rendre_resultat(_Resultat(code="oui"), "json") == ("<p>rendu json</p>", 0)
    assert _cadre.rendre_resultat(argparse.Namespace(rendre=lambda f: f), "csv") == ("csv", 0)


def test_rendre_un_agenda_horodate(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")
    resultat = _Resultat()
    _cadre.rendre_resultat(resultat, "ics")
    assert resultat.rendus == [("ics", {"horodatage": dt.datetime(1970, 1, 1, tzinfo=dt.UTC)})]


@pytest.mark.parametrize("format_", ["csv", "csv-excel"])
def test_rendre_une_table(format_: str) -> None:
    resultat = _Resultat()
    assert _cadre.rendre_resultat(resultat, format_, "echeances")[0] == f"<p>rendu {format_}</p>"
    assert resultat.rendus == [(format_, {"table": "echeances"})]


@pytest.mark.parametrize("format_", ["json", "texte", None])
def test_table_refusee_hors_csv(format_: str | None) -> None:
    with pytest.raises(ErreurValeur) as erreur:
        _cadre.rendre_resultat(_Resultat(), format_, "echeances")
    assert erreur.value.cle == "--table"
    assert str(erreur.value) == (
        "clé « --table » : --table ne sert qu'aux formats csv et csv-excel"
    )


def test_rendre_html_en_page_autonome() -> None:
    from collectivites.rendu._html import page_html

    contenu, code = _cadre.rendre_resultat(_Resultat(), "html")
    assert code == 0
    assert contenu == page_html("<p>rendu html</p>", "Titre <essai>")
    assert isinstance(contenu, str) and contenu.startswith("<!DOCTYPE html>")


def _commande(resultat: object, formats: tuple[str, ...] = ("texte", "csv", "xlsx")) -> Any:
    return _cadre.Commande(("essai",), "aide", lambda _entree, _args: resultat, formats=formats)


class _EnFlot(_Resultat):
    def __init__(self) -> None:
        super().__init__(code=1)
        self.formats: list[str] = []

    def morceaux_de_sortie(self, format_: str) -> list[str]:
        self.formats.append(format_)
        return ["a,", "b\n"]


def test_executer_ecrit_par_morceaux_sauf_une_table(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    resultat = _EnFlot()
    args = argparse.Namespace(commande=_commande(resultat), format="csv", table=None, sortie=None)
    assert _cadre.executer(args) == 0  # écrit par morceaux : pas de code du résultat
    assert capsys.readouterr().out == "a,b\n"
    assert resultat.formats == ["csv"]
    sortie = tmp_path / "f.csv"
    args = argparse.Namespace(commande=_commande(resultat), format=None, sortie=str(sortie))
    assert _cadre.executer(args) == 0
    assert sortie.read_text(encoding="utf-8") == "a,b\n"
    assert resultat.formats == ["csv", "texte"]
    # une table choisie : rendue entière, avec le code du résultat
    args = argparse.Namespace(commande=_commande(resultat), format="csv", table="t", sortie=None)
    assert _cadre.executer(args) == 1
    assert capsys.readouterr().out == "<p>rendu csv</p>"
    assert resultat.rendus == [("csv", {"table": "t"})]


def test_executer_rend_le_code_et_ecrit_le_rendu(capsys: pytest.CaptureFixture[str]) -> None:
    args = argparse.Namespace(commande=_commande(_Resultat(code=1)), format="texte", sortie=None)
    assert _cadre.executer(args) == 1
    assert capsys.readouterr().out == "<p>rendu texte</p>"
    # une commande sans format ni sortie (servir, partitionner) : son texte
    args = argparse.Namespace(commande=_commande("fait\n", formats=()))
    assert _cadre.executer(args) == 0
    assert capsys.readouterr().out == "fait\n"


@pytest.mark.parametrize("format_", ["xlsx", "png"])
def test_executer_format_binaire_sans_fichier(format_: str) -> None:
    args = argparse.Namespace(commande=_commande(_Resultat()), format=format_, sortie=None)
    with pytest.raises(ErreurValeur) as erreur:
        _cadre.executer(args)
    assert (erreur.value.cle, erreur.value.attendu) == ("--sortie", f"--sortie FICHIER.{format_}")
    assert str(erreur.value) == (
        f"clé « --sortie » : le format {format_} s'écrit dans un fichier (attendu : --sortie "
        f"FICHIER.{format_})"
    )


def test_executer_refuse_d_ecraser_l_entree(tmp_path: Path) -> None:
    entree = tmp_path / "dossier.toml"
    entree.write_text("x = 1\n", encoding="utf-8")
    args = argparse.Namespace(
        commande=_commande(_Resultat()), format="texte", sortie=str(entree), dossier=str(entree)
    )
    with pytest.raises(ErreurValeur) as erreur:
        _cadre.executer(args)
    assert (erreur.value.cle, erreur.value.valeur) == ("--sortie", str(entree))
    assert entree.read_text(encoding="utf-8") == "x = 1\n"
    # sans dossier (un exemple) : rien à protéger
    args = argparse.Namespace(
        commande=_commande(_Resultat()), format="texte", sortie=str(entree), dossier=None
    )
    assert _cadre.executer(args) == 0
    assert entree.read_text(encoding="utf-8") == "<p>rendu texte</p>"


def test_entree_exemple_ou_dossier() -> None:
    source = _cadre.Source("dossier", lambda chemin: ("dossier", chemin), lambda nom: ("ex", nom))
    commande = _cadre.Commande(("essai",), "aide", lambda entree, _args: entree, source=source)
    args = argparse.Namespace(commande=commande, exemple="cdc", dossier=None)
    assert _cadre.calculer(args) == ("ex", "cdc")
    args = argparse.Namespace(commande=commande, exemple=None, dossier="d.toml")
    assert _cadre.calculer(args) == ("dossier", "d.toml")
    sans_source = _cadre.Commande(("essai",), "aide", lambda entree, _args: entree)
    assert _cadre.calculer(argparse.Namespace(commande=sans_source, exemple="x")) is None


def test_aide_d_un_groupe() -> None:
    commandes = [
        _cadre.Commande(("zz", "un"), "a", lambda _e, _a: ""),
        _cadre.Commande(("zz", "deux", "trois"), "a", lambda _e, _a: ""),
        _cadre.Commande(("pret", "tableau"), "a", lambda _e, _a: ""),
        _cadre.Commande(("zzz",), "a", lambda _e, _a: ""),
    ]
    assert _cadre._aide_groupe(commandes, ("zz",)) == "actions : un, deux trois"
    assert _cadre._aide_groupe(commandes, ("pret",)) == (
        "prêts de la Caisse des Dépôts : tableau, rapprochement, événements, portefeuille (tableau)"
    )


def test_chemin_de_sortie_vide(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(ErreurSortie) as erreur:
        ecrire("x", "")
    assert (erreur.value.cle, erreur.value.attendu) == ("--sortie", "un chemin de fichier")
    assert str(erreur.value) == (
        "clé « --sortie » : chemin de fichier vide (attendu : un chemin de fichier)"
    )
    code, sortie, message = _lancer(capsys, "jours-feries", "2024", "--sortie", "")
    assert (code, sortie) == (2, "")
    assert message == (
        "collectivites : erreur : option --sortie : chemin de fichier vide (attendu : un chemin "
        "de fichier)\n"
    )


def test_page_html_sans_titre() -> None:
    from collectivites.rendu._html import page_html

    resultat = _Resultat()
    resultat.decrire = argparse.Namespace  # type: ignore[method-assign]
    contenu, _ = _cadre.rendre_resultat(resultat, "html")
    assert contenu == page_html("<p>rendu html</p>", "")
