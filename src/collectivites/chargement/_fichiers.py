"""Lecture prudente des fichiers d'entrée : un fichier ordinaire, d'une taille bornée, lu avant
tout calcul ; textes UTF-8 (marque d'ordre des octets tolérée) ; CSV à virgule ou à
point-virgule (tableurs français) avec les numéros de ligne du fichier dans les messages."""

from __future__ import annotations

import csv
import io
import os
import stat
import tomllib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, BinaryIO

from collectivites._moteur import moteur
from collectivites._systeme import raison_systeme
from collectivites.erreurs import ErreurDossier, ErreurEntree
from collectivites.rendu._valeurs import commence_comme_une_formule

__all__ = [
    "TAILLE_MAX_DONNEES",
    "TAILLE_MAX_DOSSIER",
    "LigneCsv",
    "lire_cellule",
    "lire_csv",
    "lire_octets",
    "lire_texte",
    "lire_toml",
    "lire_toml_texte",
]

#: Taille maximale d'un dossier TOML (un contrat tient en quelques kilo-octets).
TAILLE_MAX_DOSSIER = 8 * 2**20
#: Taille maximale d'un fichier de données (série, portefeuille, tableau à rapprocher).
TAILLE_MAX_DONNEES = 256 * 2**20


def _taille_lisible(octets: int) -> str:
    return f"{octets / 2**20:.0f} Mio" if octets >= 2**20 else f"{octets} octets"


def ouvrir_fichier(chemin: str | Path, taille_max: int) -> BinaryIO:
    """Le fichier ordinaire ``chemin`` ouvert en lecture binaire, s'il fait au plus
    ``taille_max`` octets. Un répertoire, un tube, un périphérique (``/dev/zero``) ou un fichier
    trop gros est refusé avant toute lecture ; l'appelant ferme le fichier."""
    if not isinstance(chemin, str | Path) or not str(chemin):
        raise ErreurEntree("chemin de fichier invalide", valeur=chemin)
    nom = str(chemin)
    try:
        etat = os.stat(nom)
    except FileNotFoundError:
        raise ErreurEntree("fichier introuvable", fichier=nom) from None
    except (OSError, ValueError) as exc:
        raise ErreurEntree(f"fichier inaccessible ({_raison(exc)})", fichier=nom) from None
    if stat.S_ISDIR(etat.st_mode):
        raise ErreurEntree("c'est un répertoire, pas un fichier", fichier=nom)
    if not stat.S_ISREG(etat.st_mode):
        raise ErreurEntree(
            "ce n'est pas un fichier ordinaire (tube, périphérique…)",
            fichier=nom,
            attendu="un fichier ordinaire",
        )
    if etat.st_size > taille_max:
        raise ErreurEntree(
            "fichier trop gros",
            fichier=nom,
            valeur=_taille_lisible(etat.st_size),
            attendu=f"au plus {_taille_lisible(taille_max)}",
        )
    try:
        return open(nom, "rb")
    except OSError as exc:
        raise ErreurEntree(f"lecture impossible ({_raison(exc)})", fichier=nom) from None


@moteur
def lire_octets(chemin: str | Path, *, taille_max: int = TAILLE_MAX_DONNEES) -> bytes:
    """Octets d'un fichier ordinaire d'au plus ``taille_max`` octets (voir
    :func:`ouvrir_fichier`)."""
    nom = str(chemin)
    try:
        with ouvrir_fichier(chemin, taille_max) as flux:
            octets = flux.read(taille_max + 1)
    except OSError as exc:
        raise ErreurEntree(f"lecture impossible ({_raison(exc)})", fichier=nom) from None
    if len(octets) > taille_max:
        raise ErreurEntree(
            "fichier trop gros", fichier=nom, attendu=f"au plus {_taille_lisible(taille_max)}"
        )
    return octets


def _raison(exc: BaseException) -> str:
    """La raison d'un échec d'accès, en français (jamais le ``strerror`` anglais)."""
    if isinstance(exc, ValueError):  # « embedded null byte » : un octet nul dans le chemin
        return "caractère nul dans le chemin"
    return raison_systeme(exc)


def _decoder(octets: bytes, fichier: str) -> str:
    if b"\x00" in octets[:4096]:
        raise ErreurEntree("fichier binaire", fichier=fichier, attendu="un fichier texte UTF-8")
    try:
        return octets.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ErreurEntree(
            f"texte non UTF-8 (octet {exc.start + 1})",
            fichier=fichier,
            attendu="un fichier texte UTF-8 (dans un tableur : « CSV UTF-8 »)",
        ) from None


@moteur
def lire_texte(chemin: str | Path, *, taille_max: int = TAILLE_MAX_DONNEES) -> str:
    """Texte UTF-8 d'un fichier (voir :func:`lire_octets`)."""
    return _decoder(lire_octets(chemin, taille_max=taille_max), str(chemin))


#: Messages de ``tomllib``, en français (motif → traduction ; ``{0}`` : la partie variable).
_MESSAGES_TOML = (
    (r"Cannot overwrite a value", "une valeur est écrite deux fois"),
    (r"Escaped character is not a Unicode scalar value", "caractère échappé invalide"),
    (r"Expected '=' after a key in a key/value pair", "« = » attendu après une clé"),
    (
        r"Expected '\]' at the end of a table declaration",
        "« ] » attendu à la fin d'un nom de table",
    ),
    (
        r"Expected '\]\]' at the end of an array declaration",
        "« ]] » attendu à la fin d'un nom de liste de tables",
    ),
    (r"Invalid date or datetime", "date invalide"),
    (r"Invalid hex value", "valeur hexadécimale invalide"),
    (r"Invalid initial character for a key part", "caractère invalide au début d'une clé"),
    (r"Invalid statement", "instruction invalide"),
    (r"Invalid value", "valeur invalide (un texte s'écrit entre guillemets)"),
    (r"Unclosed array", "liste non fermée"),
    (r"Unclosed inline table", "table en ligne non fermée"),
    (r"Unescaped '\\' in a string", "« \\ » non échappé dans un texte"),
    (r"Unterminated string", "texte non terminé (guillemet fermant manquant)"),
    (r"Cannot declare (.*) twice", "la table {0} est déclarée deux fois"),
    (r"Cannot mutate immutable namespace (.*)", "la table {0} ne peut plus être modifiée"),
    (r"Cannot redefine namespace (.*)", "la table {0} ne peut être redéfinie"),
    (r"Duplicate inline table key (.*)", "clé {0} en double dans une table en ligne"),
    (r"Expected (.*)", "{0} attendu"),
    (r"Found invalid character (.*)", "caractère invalide {0}"),
    (r"Illegal character (.*)", "caractère interdit {0}"),
)


def _traduire_toml(message: str) -> str:
    import re

    for motif, francais in _MESSAGES_TOML:
        trouve = re.fullmatch(motif, message)
        if trouve:
            return francais.format(*trouve.groups())
    return "erreur de syntaxe"


def _situer_toml(message: str, texte: str) -> tuple[str, int | None]:
    """Le message de ``tomllib`` sans sa position, et la ligne fautive : « (at line N, column
    M) », ou « (at end of document) » — la dernière ligne du texte."""
    if message.endswith("(at end of document)"):
        return message.removesuffix("(at end of document)").strip(), max(1, len(texte.splitlines()))
    if "(at line " in message:
        debut = message.rindex("(at line ")
        numero = message[debut + len("(at line ") :].split(",", maxsplit=1)[0]
        if numero.isdigit():
            return message[:debut].strip(), int(numero)
    return message, None


@moteur
def lire_toml_texte(texte: str, fichier: str | None) -> dict[str, Any]:
    """Un texte TOML lu ; une erreur de syntaxe devient une :class:`ErreurDossier` avec sa
    ligne."""
    try:
        return tomllib.loads(texte)
    except tomllib.TOMLDecodeError as exc:
        message, ligne = _situer_toml(str(exc), texte)
        raise ErreurDossier(
            f"TOML invalide : {_traduire_toml(message)}", fichier=fichier, ligne=ligne
        ) from None
    except (RecursionError, ValueError):
        raise ErreurDossier("TOML invalide (imbrication excessive)", fichier=fichier) from None


@moteur
def lire_toml(chemin: str | Path) -> dict[str, Any]:
    """Un dossier TOML (au plus :data:`TAILLE_MAX_DOSSIER` octets)."""
    return lire_toml_texte(lire_texte(chemin, taille_max=TAILLE_MAX_DOSSIER), str(chemin))


class LigneCsv(dict[str, str]):
    """Une ligne de CSV (colonne → texte) et son numéro de ligne dans le fichier."""

    # Sans ``__dict__`` par ligne : un tiers de la mémoire d'un grand CSV lu.
    __slots__ = ("numero",)

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.numero: int = 0


def _separateur(entete: str) -> str:
    return ";" if entete.count(";") > entete.count(",") else ","


@moteur
def lire_csv(
    texte: str,
    *,
    fichier: str | None = None,
    colonnes: tuple[str, ...] = (),
    decalage: int = 0,
) -> tuple[list[str], list[LigneCsv]]:
    """En-têtes et lignes d'un CSV. Les lignes vides et celles qui commencent par ``#``
    (provenance) sont ignorées mais comptent dans la numérotation ; le séparateur est la
    virgule ou le point-virgule (tableur français) ; ``colonnes`` : celles qui sont exigées.
    Une colonne en double ou une ligne trop longue est refusée. ``decalage`` : nombre de lignes
    du fichier omises entre l'en-tête et la suite du texte (une partition d'un grand CSV), pour
    que chaque ligne garde son numéro dans le fichier."""
    texte = texte.removeprefix("\ufeff")
    propre = "\n".join("" if x.lstrip().startswith("#") else x for x in texte.splitlines())
    premiere = next((x for x in propre.splitlines() if x.strip()), "")
    lecteur = csv.reader(io.StringIO(propre), delimiter=_separateur(premiere))
    entetes: list[str] | None = None
    lignes: list[LigneCsv] = []
    try:
        for cellules in _non_vides(lecteur):
            if entetes is None:
                entetes = [c.strip().removeprefix("\ufeff") for c in cellules]
                _verifier_entetes(entetes, colonnes, fichier, lecteur.line_num)
                continue
            if len(cellules) > len(entetes):
                raise ErreurDossier(
                    f"{len(cellules)} cellules pour {len(entetes)} colonnes",
                    fichier=fichier,
                    ligne=lecteur.line_num + decalage,
                )
            ligne = LigneCsv(zip(entetes, (_cellule(c) for c in cellules), strict=False))
            ligne.numero = lecteur.line_num + decalage
            lignes.append(ligne)
    except csv.Error as exc:
        numero = lecteur.line_num + (decalage if entetes is not None else 0)
        raise ErreurDossier(
            f"CSV illisible : {_traduire_csv(str(exc))}", fichier=fichier, ligne=numero
        ) from None
    if entetes is None:
        raise ErreurDossier("fichier CSV vide", fichier=fichier, attendu=",".join(colonnes) or None)
    return entetes, lignes


def _cellule(texte: str) -> str:
    """Le texte d'une cellule, sans espaces autour ni l'apostrophe dont les rendus CSV
    préfixent un texte qui commence comme une formule (règle de l'OWASP) : un fichier écrit par
    la bibliothèque se relit à l'identique (« '-0,2 % » redevient « -0,2 % »)."""
    propre = texte.strip()
    if propre[:1] == "'" and commence_comme_une_formule(propre[1:]):
        return propre[1:].strip()
    return propre


#: Messages du module ``csv``, en français (motif → traduction ; ``{0}`` : la partie variable).
_MESSAGES_CSV = (
    (r"field larger than field limit \((\d+)\)", "cellule trop longue (plus de {0} caractères)"),
    (r"line contains NUL", "caractère nul dans la ligne"),
    (
        r"new-line character seen in unquoted field.*",
        "fin de ligne dans une cellule sans guillemets",
    ),
    (r"unexpected end of data", "fin du fichier dans une cellule entre guillemets"),
    (r"'(.)' expected after '\"'", "« {0} » attendu après un guillemet fermant"),
)


def _traduire_csv(message: str) -> str:
    import re

    for motif, francais in _MESSAGES_CSV:
        trouve = re.fullmatch(motif, message)
        if trouve:
            return francais.format(*trouve.groups())
    return "erreur de syntaxe"


def _non_vides(lecteur: Any) -> Iterator[list[str]]:
    for cellules in lecteur:
        if any(c.strip() for c in cellules):
            yield cellules


def _verifier_entetes(
    entetes: list[str], colonnes: tuple[str, ...], fichier: str | None, ligne: int
) -> None:
    vus: set[str] = set()
    for entete in entetes:
        if entete in vus:
            raise ErreurDossier("colonne en double", fichier=fichier, ligne=ligne, valeur=entete)
        vus.add(entete)
    manquantes = [c for c in colonnes if c not in vus]
    if manquantes:
        raise ErreurDossier(
            f"colonne absente : {', '.join(manquantes)}",
            fichier=fichier,
            ligne=ligne,
            valeur=",".join(entetes),
            attendu=",".join(colonnes),
        )


@moteur
def lire_cellule(
    ligne: LigneCsv,
    cle: str,
    lecteur: Callable[[str], Any],
    fichier: str | None,
    texte: str | None = None,
) -> Any:
    """La cellule ``cle`` d'une ligne de CSV lue par ``lecteur`` (ou ``texte`` s'il est donné) ;
    l'erreur nomme le fichier, la ligne et la colonne."""
    from collectivites.erreurs import ErreurCollectivites

    try:
        return lecteur(ligne.get(cle) or "" if texte is None else texte)
    except ErreurCollectivites as exc:
        raise ErreurDossier(
            exc.message,
            fichier=fichier,
            ligne=ligne.numero,
            cle=cle,
            valeur=exc.valeur,
            attendu=exc.attendu,
        ) from None
