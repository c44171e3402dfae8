"""``--sortie`` n'abîme jamais ce qu'elle désigne : un fichier ordinaire est remplacé
atomiquement (sa cible, si c'est un lien), un tube, un périphérique caractère ou
``/dev/stdout`` reçoit les octets sans être remplacé ; toute erreur (disque plein, droits,
lecture seule, nom trop long, ``ulimit -f``) est dite en français, nomme le fichier, sort avec
le code 2 et ne laisse rien à moitié écrit. Les messages d'entrée (TOML en fin de document,
cellule CSV trop longue, erreurs du système) sont eux aussi en français.

Les écritures vers des périphériques se font sur des copies créées dans le répertoire du test
(``mknod``, quand on est root), et ``/dev/stdout`` est atteint par un lien privé : une
régression, lancée en root, ne remplacerait jamais le ``/dev/null`` ou le ``/dev/stdout`` de la
machine (l'ancien ``ecrire`` remplaçait ``/dev/stdout`` par un fichier ordinaire).
"""

from __future__ import annotations

import errno
import io
import os
import resource
import shutil
import stat
import subprocess
import sys
import threading
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from collectivites.cli._cadre import ecrire
from collectivites.erreurs import ErreurDossier, ErreurEntree, ErreurSortie

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="tubes et périphériques POSIX")

CSV = ["pret", "tableau", "--exemple", "cdc-57851", "--table", "5165325.echeances", "--format"]
CSV = [*CSV, "csv"]

#: Texte anglais des erreurs du système (locale « C ») qui ne doit jamais atteindre l'utilisateur.
ANGLAIS = ("No such file", "No space", "Permission denied", "Is a directory", "too long", "Errno")


def _lancer(
    argv: list[str],
    *,
    stdout: int | io.BufferedWriter = subprocess.PIPE,
    prefixe: tuple[str, ...] = (),
    preexec_fn: Callable[[], None] | None = None,
) -> subprocess.CompletedProcess[bytes]:
    """``collectivites`` dans un processus à part (locale « C » : un ``strerror`` anglais s'y
    verrait), sans écriture de fichiers ``.pyc`` (limite ``ulimit -f``)."""
    env = {**os.environ, "LC_ALL": "C", "LANG": "C", "PYTHONDONTWRITEBYTECODE": "1"}
    return subprocess.run(
        [*prefixe, sys.executable, "-m", "collectivites", *argv],
        stdout=stdout,
        stderr=subprocess.PIPE,
        env=env,
        preexec_fn=preexec_fn,
        check=False,
        timeout=120,
    )


@pytest.fixture(scope="module")
def attendu() -> bytes:
    """Les octets du CSV écrit sur la sortie standard (la référence de chaque redirection)."""
    sortie = _lancer(CSV)
    assert sortie.returncode == 0, sortie.stderr
    assert sortie.stdout.startswith(b"numero,date,")
    return sortie.stdout


def _refus_francais(sortie: subprocess.CompletedProcess[bytes], *fragments: str) -> str:
    message = sortie.stderr.decode("utf-8")
    assert sortie.returncode == 2, message
    assert sortie.stdout in (b"", None)
    assert message.startswith("collectivites : erreur : "), message
    assert not any(mot in message for mot in ANGLAIS), message
    for fragment in fragments:
        assert fragment in message, message
    return message


def _peripherique(repertoire: Path, nom: str, systeme: str) -> str:
    """Une copie privée du périphérique caractère ``systeme`` (même numéro) si l'on peut en
    créer une (root), sinon le périphérique lui-même (qu'un utilisateur ne peut pas
    remplacer : ``/dev`` ne lui est pas modifiable)."""
    try:
        numero = os.stat(systeme).st_rdev
    except OSError:
        pytest.skip(f"{systeme} absent")
    copie = repertoire / nom
    try:
        os.mknod(copie, stat.S_IFCHR | 0o666, numero)
        os.close(os.open(copie, os.O_WRONLY))  # système de fichiers « nodev » : refusé
    except OSError:
        copie.unlink(missing_ok=True)
        if os.access("/dev", os.W_OK):
            pytest.skip("pas de copie privée du périphérique : le vrai n'est pas risqué ici")
        return systeme
    return str(copie)


def _est_caractere(chemin: str) -> bool:
    return stat.S_ISCHR(os.lstat(os.path.realpath(chemin)).st_mode)


# --- Tubes, périphériques, /dev/stdout : écrits directement, jamais remplacés ---------------


def test_tube_lu_par_un_fil_pendant_l_ecriture(tmp_path: Path) -> None:
    """Plus qu'un tampon de tube (64 Kio) : l'écriture attend le lecteur, tout arrive."""
    tube = tmp_path / "tube"
    os.mkfifo(tube)
    contenu = bytes(range(256)) * 2000  # 512 000 octets
    recu: list[bytes] = []

    def lire() -> None:
        with open(tube, "rb") as flux:
            recu.append(flux.read())

    lecteur = threading.Thread(target=lire, daemon=True)
    lecteur.start()
    ecrire(contenu, str(tube))
    lecteur.join(timeout=30)
    assert not lecteur.is_alive()
    assert recu == [contenu]
    assert stat.S_ISFIFO(os.lstat(tube).st_mode)
    assert [p.name for p in tmp_path.iterdir()] == ["tube"]


def test_tube_par_la_ligne_de_commande(tmp_path: Path, attendu: bytes) -> None:
    tube = tmp_path / "tube"
    os.mkfifo(tube)
    recu: list[bytes] = []
    lecteur = threading.Thread(target=lambda: recu.append(tube.read_bytes()), daemon=True)
    lecteur.start()
    sortie = _lancer([*CSV, "--sortie", str(tube)])
    lecteur.join(timeout=30)
    assert (sortie.returncode, sortie.stdout, sortie.stderr) == (0, b"", b"")
    assert recu == [attendu]
    assert stat.S_ISFIFO(os.lstat(tube).st_mode)


def test_dev_null_reste_un_peripherique(tmp_path: Path) -> None:
    nul = _peripherique(tmp_path, "null", "/dev/null")
    ecrire(b"x" * 100_000, nul)
    ecrire("texte é\n", nul)
    assert _est_caractere(nul)


def test_dev_full_erreur_francaise_et_peripherique_intact(tmp_path: Path) -> None:
    plein = _peripherique(tmp_path, "full", "/dev/full")
    with pytest.raises(ErreurSortie) as erreur:
        ecrire(b"x" * 10, plein)
    assert str(erreur.value) == (
        f"fichier « {plein} » : écriture impossible (plus de place sur le périphérique)"
    )
    assert erreur.value.fichier == plein
    assert _est_caractere(plein)


@pytest.mark.parametrize("argv", [CSV, [*CSV[:4], "--format", "xlsx"]], ids=["csv", "xlsx"])
def test_dev_full_par_la_ligne_de_commande(tmp_path: Path, argv: list[str]) -> None:
    plein = _peripherique(tmp_path, "full", "/dev/full")
    sortie = _lancer([*argv, "--sortie", plein])
    _refus_francais(sortie, f"« {plein} »", "plus de place sur le périphérique")
    assert _est_caractere(plein)


def test_lien_vers_dev_stdout_les_octets_arrivent(tmp_path: Path, attendu: bytes) -> None:
    lien = tmp_path / "lien"
    lien.symlink_to("/dev/stdout")
    sortie = _lancer([*CSV, "--sortie", str(lien)])
    assert (sortie.returncode, sortie.stderr) == (0, b"")
    assert sortie.stdout == attendu
    assert lien.is_symlink() and os.readlink(lien) == "/dev/stdout"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["lien"]


@pytest.mark.parametrize("vers", ["/proc/self/fd/1", "/dev/fd/1"])
def test_sortie_par_proc_redirigee_vers_un_fichier_en_ajout(
    tmp_path: Path, attendu: bytes, vers: str
) -> None:
    """« >> journal » puis ``--sortie /dev/stdout`` : le fichier ouvert par le shell reçoit les
    octets à la suite, il n'est ni remplacé (même inode) ni tronqué. Par un lien privé vers
    ``/proc/self/fd/1`` (ce qu'est ``/dev/stdout``) : une régression ne remplacerait que lui."""
    lien = tmp_path / "stdout"
    lien.symlink_to(vers)
    journal = tmp_path / "journal.csv"
    journal.write_bytes(b"avant\n")
    inode = journal.stat().st_ino
    with journal.open("ab") as flux:
        sortie = _lancer([*CSV, "--sortie", str(lien)], stdout=flux)
    assert (sortie.returncode, sortie.stderr) == (0, b"")
    assert journal.read_bytes() == b"avant\n" + attendu
    assert journal.stat().st_ino == inode
    assert lien.is_symlink() and os.readlink(lien) == vers


@pytest.mark.parametrize("vers", ["/proc/self/fd/1", "/dev/fd/1"])
def test_sortie_par_proc_vers_un_tube(tmp_path: Path, attendu: bytes, vers: str) -> None:
    lien = tmp_path / "stdout"
    lien.symlink_to(vers)
    sortie = _lancer([*CSV, "--sortie", str(lien)])
    assert (sortie.returncode, sortie.stdout, sortie.stderr) == (0, attendu, b"")
    assert lien.is_symlink()


# --- Fichiers ordinaires et liens : remplacés atomiquement -----------------------------------


def test_lien_vers_un_fichier_reste_un_lien(tmp_path: Path) -> None:
    autre = tmp_path / "autre"
    autre.mkdir()
    cible = autre / "t.csv"
    cible.write_text("ancien\n", encoding="utf-8")
    cible.chmod(0o640)
    lien = tmp_path / "lien.csv"
    lien.symlink_to(Path("autre") / "t.csv")
    ecrire("nouveau\n", str(lien))
    assert lien.is_symlink() and os.readlink(lien) == os.path.join("autre", "t.csv")
    assert cible.read_text(encoding="utf-8") == "nouveau\n"
    assert stat.S_IMODE(cible.stat().st_mode) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["autre", "lien.csv"]
    assert [p.name for p in autre.iterdir()] == ["t.csv"]


def test_lien_pendant_cree_sa_cible(tmp_path: Path) -> None:
    lien = tmp_path / "lien.csv"
    lien.symlink_to("cible.csv")
    ecrire(b"a;b\n", str(lien))
    assert lien.is_symlink()
    assert (tmp_path / "cible.csv").read_bytes() == b"a;b\n"


def test_boucle_de_liens_refusee(tmp_path: Path) -> None:
    (tmp_path / "a").symlink_to("b")
    (tmp_path / "b").symlink_to("a")
    with pytest.raises(ErreurSortie, match="trop de niveaux de liens symboliques"):
        ecrire(b"x", str(tmp_path / "a"))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a", "b"]


def test_fichier_ordinaire_remplace_avec_ses_droits(tmp_path: Path) -> None:
    cible = tmp_path / "t.csv"
    cible.write_text("un contenu plus long que le nouveau\n", encoding="utf-8")
    cible.chmod(0o600)
    ecrire("court\n", str(cible))
    assert cible.read_text(encoding="utf-8") == "court\n"
    assert stat.S_IMODE(cible.stat().st_mode) == 0o600


def test_repertoire_refuse(tmp_path: Path) -> None:
    with pytest.raises(ErreurSortie) as erreur:
        ecrire(b"x", str(tmp_path))
    assert "c'est un répertoire, pas un fichier" in str(erreur.value)
    assert list(tmp_path.iterdir()) == []


def test_lien_vers_un_repertoire_refuse(tmp_path: Path) -> None:
    (tmp_path / "rep").mkdir()
    (tmp_path / "lien").symlink_to("rep")
    with pytest.raises(ErreurSortie, match="c'est un répertoire"):
        ecrire(b"x", str(tmp_path / "lien"))
    assert list((tmp_path / "rep").iterdir()) == []


def test_nom_trop_long(tmp_path: Path) -> None:
    chemin = tmp_path / ("n" * 300 + ".csv")
    with pytest.raises(ErreurSortie) as erreur:
        ecrire(b"x", str(chemin))
    assert "écriture impossible (nom de fichier trop long)" in str(erreur.value)
    assert erreur.value.fichier == str(chemin)
    assert list(tmp_path.iterdir()) == []


def test_nom_au_plus_long_permis(tmp_path: Path) -> None:
    """Un nom de 255 octets est permis : le fichier temporaire n'en reprend qu'un début (il
    ajoutait le nom entier, et dépassait la limite)."""
    chemin = tmp_path / ("n" * 251 + ".csv")
    ecrire(b"x", str(chemin))
    assert chemin.read_bytes() == b"x"
    assert [p.name for p in tmp_path.iterdir()] == [chemin.name]


@pytest.mark.parametrize(
    ("code", "raison"),
    [
        (errno.ENOSPC, "plus de place sur le périphérique"),
        (errno.EDQUOT, "quota de disque dépassé"),
        (errno.EROFS, "système de fichiers en lecture seule"),
        (errno.EIO, "erreur d'entrée-sortie"),
        (errno.EFBIG, "fichier trop gros"),
    ],
)
def test_echec_du_remplacement_rien_de_laisse(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: int, raison: str
) -> None:
    cible = tmp_path / "t.csv"
    cible.write_text("ancien\n", encoding="utf-8")

    def refuser(*_args: object) -> None:
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(os, "replace", refuser)
    with pytest.raises(ErreurSortie) as erreur:
        ecrire("nouveau\n", str(cible))
    assert str(erreur.value).startswith(f"fichier « {cible} » : écriture impossible ({raison}")
    assert os.strerror(code) not in str(erreur.value)
    assert cible.read_text(encoding="utf-8") == "ancien\n"
    assert [p.name for p in tmp_path.iterdir()] == ["t.csv"]


# --- Droits : répertoire non modifiable, fichier en lecture seule ----------------------------


@pytest.fixture
def sans_privileges() -> Iterator[tuple[str, ...]]:
    """Préfixe de commande qui fait respecter les droits des fichiers : rien pour un
    utilisateur ; pour root, ``setpriv`` lui retire le droit de passer outre (CAP_DAC_OVERRIDE,
    CAP_DAC_READ_SEARCH, CAP_FOWNER). Vérifié sur un fichier en lecture seule."""
    if os.geteuid() != 0:
        yield ()
        return
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("root sans setpriv : les droits des fichiers ne s'appliquent pas")
    capacites = "-dac_override,-dac_read_search,-fowner"
    prefixe = (setpriv, f"--inh-caps={capacites}", f"--bounding-set={capacites}")
    essai = Path(os.environ.get("TMPDIR", "/tmp")) / f"essai-droits-{os.getpid()}"
    essai.write_bytes(b"")
    essai.chmod(0o444)
    try:
        refus = subprocess.run(
            [*prefixe, sys.executable, "-c", f"open({str(essai)!r}, 'ab')"],
            capture_output=True,
            check=False,
        )
    finally:
        essai.unlink()
    if refus.returncode == 0:
        pytest.skip("setpriv ne retire pas les capacités ici")
    yield prefixe


def test_repertoire_non_modifiable(tmp_path: Path, sans_privileges: tuple[str, ...]) -> None:
    rep = tmp_path / "rep"
    rep.mkdir()
    rep.chmod(0o555)
    try:
        sortie = _lancer([*CSV, "--sortie", str(rep / "t.csv")], prefixe=sans_privileges)
        _refus_francais(sortie, f"le répertoire « {rep} » n'est pas modifiable")
        assert list(rep.iterdir()) == []
    finally:
        rep.chmod(0o755)


def test_fichier_modifiable_dans_un_repertoire_qui_ne_l_est_pas(
    tmp_path: Path, sans_privileges: tuple[str, ...]
) -> None:
    rep = tmp_path / "rep"
    rep.mkdir()
    cible = rep / "t.csv"
    cible.write_text("ancien\n", encoding="utf-8")
    cible.chmod(0o666)
    rep.chmod(0o555)
    try:
        sortie = _lancer([*CSV, "--sortie", str(cible)], prefixe=sans_privileges)
        _refus_francais(sortie, "n'est pas modifiable", "remplacé par un nouveau")
        assert cible.read_text(encoding="utf-8") == "ancien\n"
        assert [p.name for p in rep.iterdir()] == ["t.csv"]
    finally:
        rep.chmod(0o755)


def test_fichier_en_lecture_seule_refuse(tmp_path: Path, sans_privileges: tuple[str, ...]) -> None:
    """Un fichier en lecture seule dans un répertoire modifiable était remplacé (le
    remplacement atomique ne demande que le droit d'écrire dans le répertoire)."""
    cible = tmp_path / "t.csv"
    cible.write_text("ancien\n", encoding="utf-8")
    cible.chmod(0o444)
    sortie = _lancer([*CSV, "--sortie", str(cible)], prefixe=sans_privileges)
    _refus_francais(sortie, f"« {cible} »", "écriture impossible (permission refusée)")
    assert cible.read_text(encoding="utf-8") == "ancien\n"
    assert stat.S_IMODE(cible.stat().st_mode) == 0o444
    assert [p.name for p in tmp_path.iterdir()] == ["t.csv"]


# --- Limite de taille des fichiers (ulimit -f) --------------------------------------------


def _limiter(octets: int) -> Callable[[], None]:
    def limiter() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (octets, octets))

    return limiter


def test_xlsx_au_dela_de_ulimit_f(tmp_path: Path) -> None:
    """Le classeur dépasse la limite quand il est écrit (ses feuilles, écrites une à une dans
    des fichiers de travail par openpyxl, n'y arrivent pas) : refus en français qui nomme le
    fichier, code 2, l'ancien fichier intact, aucun fichier temporaire laissé."""
    argv = ["contrat", "echeancier", "--exemple", "alcome-contrat-type", "--format", "xlsx"]
    modele = tmp_path / "modele.xlsx"
    assert _lancer([*argv, "--sortie", str(modele)]).returncode == 0
    with zipfile.ZipFile(modele) as archive:
        feuille = max(i.file_size for i in archive.infolist() if "worksheets/sheet" in i.filename)
    taille = modele.stat().st_size
    assert feuille < taille  # sinon le test n'atteindrait pas l'écriture du classeur
    modele.unlink()
    cible = tmp_path / "t.xlsx"
    cible.write_bytes(b"ancien")
    sortie = _lancer([*argv, "--sortie", str(cible)], preexec_fn=_limiter((feuille + taille) // 2))
    _refus_francais(sortie, f"fichier « {cible} » : écriture impossible (fichier trop gros")
    assert cible.read_bytes() == b"ancien"
    assert [p.name for p in tmp_path.iterdir()] == ["t.xlsx"]


def test_xlsx_dont_le_rendu_depasse_ulimit_f(tmp_path: Path) -> None:
    """Limite plus basse : c'est un fichier de travail du rendu (openpyxl) qui échoue ; même
    refus propre, code 2, sortie jamais commencée."""
    cible = tmp_path / "t.xlsx"
    argv = ["pret", "tableau", "--exemple", "cdc-57851", "--format", "xlsx", "--sortie", str(cible)]
    sortie = _lancer(argv, preexec_fn=_limiter(4096))
    _refus_francais(sortie, "fichier trop gros")
    assert list(tmp_path.iterdir()) == []


def test_sortie_standard_au_dela_de_ulimit_f(tmp_path: Path) -> None:
    """« > fichier » au-delà de la limite : erreur française, et la fin du programme ne la
    répète pas en anglais (« Exception ignored … »)."""
    fichier = tmp_path / "t.csv"
    with fichier.open("wb") as flux:
        sortie = _lancer(CSV, stdout=flux, preexec_fn=_limiter(1000))
    message = sortie.stderr.decode("utf-8")
    assert sortie.returncode == 2, message
    assert message == (
        "collectivites : erreur : écriture impossible sur la sortie standard (fichier trop "
        "gros : limite de taille des fichiers atteinte (ulimit -f))\n"
    )


# --- Messages d'entrée en français -----------------------------------------------------------


@pytest.mark.parametrize(
    ("texte", "ligne", "raison"),
    [
        ("a = 1\nb\n", 2, "« = » attendu après une clé"),
        ("a = 1\n\nb", 3, "« = » attendu après une clé"),
        ("x = 1\n[table", 2, "« ] » attendu à la fin d'un nom de table"),
        ('a = "ouvert', 1, "texte non terminé (guillemet fermant manquant)"),
        ("a = [1,\n2,\n", 2, "valeur invalide (un texte s'écrit entre guillemets)"),
    ],
)
def test_toml_invalide_en_fin_de_document(texte: str, ligne: int, raison: str) -> None:
    """« (at end of document) » : la dernière ligne est nommée, le message tout en français."""
    from collectivites.chargement import lire_toml_texte

    with pytest.raises(ErreurDossier) as erreur:
        lire_toml_texte(texte, "d.toml")
    assert str(erreur.value) == f"fichier « d.toml », ligne {ligne} : TOML invalide : {raison}"


def test_cellule_csv_trop_longue() -> None:
    from collectivites.chargement import lire_csv

    texte = 'date,valeur\n2024-01-01,1 %\n2024-02-01,"' + "9" * 200_000 + '"\n'
    with pytest.raises(ErreurDossier) as erreur:
        lire_csv(texte, fichier="s.csv")
    assert str(erreur.value) == (
        "fichier « s.csv », ligne 3 : CSV illisible : cellule trop longue (plus de 131072 "
        "caractères)"
    )


@pytest.mark.parametrize(
    ("chemin", "raison"),
    [
        ("{d}/" + "n" * 300, "fichier inaccessible (nom de fichier trop long)"),
        (
            "{d}/f.toml/x.toml",
            "fichier inaccessible (un élément du chemin n'est pas un répertoire)",
        ),
        ("{d}/a\x00b", "fichier inaccessible (caractère nul dans le chemin)"),
        ("{d}/absent.toml", "fichier introuvable"),
    ],
)
def test_entree_inaccessible_en_francais(tmp_path: Path, chemin: str, raison: str) -> None:
    from collectivites.chargement import lire_octets

    (tmp_path / "f.toml").write_text("x = 1\n", encoding="utf-8")
    with pytest.raises(ErreurEntree) as erreur:
        lire_octets(chemin.replace("{d}", str(tmp_path)))
    assert str(erreur.value).endswith(f" : {raison}")


def test_entree_illisible_en_francais(tmp_path: Path, sans_privileges: tuple[str, ...]) -> None:
    dossier = tmp_path / "d.toml"
    dossier.write_text("x = 1\n", encoding="utf-8")
    dossier.chmod(0o000)
    sortie = _lancer(["pret", "tableau", str(dossier)], prefixe=sans_privileges)
    _refus_francais(sortie, f"« {dossier} » : lecture impossible (permission refusée)")


def test_raisons_du_systeme_par_code_errno() -> None:
    """Une seule table, par code : jamais le texte anglais de la bibliothèque C."""
    from collectivites._systeme import _RAISONS, raison_systeme

    for code, raison in _RAISONS.items():
        assert raison_systeme(OSError(code, os.strerror(code))) == raison
        assert os.strerror(code).lower() not in raison.lower()
    assert raison_systeme(FileNotFoundError(errno.ENOENT, "x")) == (
        "fichier ou répertoire introuvable"
    )
    assert raison_systeme(OSError("Timed out trying to connect")) == "erreur du système OSError"
