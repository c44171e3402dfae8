"""Lecture d'un tableau tel qu'un agent l'a : CSV (virgule, point-virgule, UTF-8 avec ou sans
BOM, virgule décimale, dates JJ/MM/AAAA) ou classeur XLSX (Excel, LibreOffice).

Un classeur est converti en texte CSV (une ligne de texte par ligne de la feuille, si bien que
les messages d'erreur donnent le numéro de ligne du classeur), puis lu comme un CSV : les mêmes
règles valent pour les deux formes. Les nombres du classeur sont convertis sans passer par un
flottant arrondi (``repr`` du nombre enregistré : 3170.41 reste 3170.41) ; une cellule au format
pourcentage (0,0135 affiché « 1,35 % ») devient « 1.35 % » ; une date devient AAAA-MM-JJ.

Un classeur est une archive zip de parties XML : avant qu'openpyxl ne l'ouvre, l'archive est
vérifiée (:func:`verifier_classeur`) contre les bornes ci-dessous — nombre de parties, taille
dépliée déclarée de chacune et de toutes, taux de compression —, chaque partie est dépliée en
flux avec un compteur (une taille déclarée mensongère est refusée) et chaque partie XML est lue
par expat sans rien construire : une DTD (``<!DOCTYPE``), une entité (« milliard de rires »,
entité externe ``SYSTEM "file:///etc/passwd"``) est refusée. openpyxl lit lui-même ses XML par
``defusedxml`` quand il est installé (``openpyxl/xml/functions.py`` : ``iterparse`` et
``fromstring`` de ``defusedxml.ElementTree``), ce que la dépendance ``defusedxml`` garantit ;
la vérification préalable donne en plus un refus en français qui nomme la partie, avant tout
dépliage. Une formule sans valeur calculée (classeur écrit par un programme, jamais recalculé)
est refusée avec sa cellule : lue, elle passerait pour une cellule vide."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import struct
import zipfile
import zlib
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any
from xml.parsers import expat

from collectivites._moteur import moteur
from collectivites.chargement._fichiers import TAILLE_MAX_DONNEES, lire_octets, lire_texte
from collectivites.erreurs import ErreurCollectivites, ErreurEntree, ErreurPlugin

__all__ = ["EXTENSIONS_CLASSEUR", "lire_texte_tableur"]

#: Extensions lues comme des classeurs.
EXTENSIONS_CLASSEUR = (".xlsx", ".xlsm")
#: Plus grand nombre de lignes lues d'une feuille (Excel en a au plus 1 048 576).
LIGNES_MAX = 2_000_000
#: Plus grand nombre de cellules lues d'une feuille, cellules vides de remplissage comprises :
#: un portefeuille complet (un millier de prêts, une centaine d'échéances, vingt colonnes) en
#: compte deux millions. Sans cette borne, une ligne dont une seule cellule est en colonne XFD
#: fait lire 16 384 cellules, et un million de telles lignes tiennent dans quelques Mio.
CELLULES_MAX = 2_000_000
#: Plus grand nombre de parties de l'archive. Un classeur d'Excel ou de LibreOffice en compte
#: une dizaine, plus une par feuille, image ou commentaire ; Apache POI (``ZipSecureFile``,
#: lecteur de référence des formats OOXML) refuse par défaut au-delà de 1 000.
MEMBRES_MAX = 1000
#: Plus grande taille du répertoire central de l'archive, lu avant toute vérification des
#: parties : 1 000 parties à noms longs (un Kio chacune) tiennent dans un Mio ; au-delà, des
#: centaines de milliers d'entrées vides suffiraient à occuper la mémoire.
REPERTOIRE_MAX = 2**20
#: Plus grande taille dépliée de l'archive entière (somme des tailles déclarées, puis lues) :
#: un millier de prêts avec leurs tableaux d'amortissement (deux millions de cellules d'une
#: trentaine d'octets de XML) tiennent dans 64 Mio ; un classeur « bombe » de 297 Kio qui se
#: déplie en 300 Mio d'espaces est refusé avant d'être déplié.
TAILLE_DEPLIEE_MAX = 64 * 2**20
#: Plus grand taux de compression (taille dépliée / taille compressée) d'une partie de plus de
#: :data:`TAILLE_SANS_RATIO` octets : le texte et le XML se compressent de 3 à 20 fois, rien de ce
#: qu'un classeur contient ne se compresse cent fois ; bornes par défaut d'Apache POI
#: (``ZipSecureFile`` : taux d'inflation minimal 0,01, seuil de grâce 100 Kio).
RATIO_MAX = 100
#: Taille dépliée en deçà de laquelle le taux de compression n'est pas examiné.
TAILLE_SANS_RATIO = 100 * 2**10
#: Taille des blocs dépliés puis lus par expat.
_BLOC = 2**16
#: Méthodes de compression d'une partie (ECMA-376, partie 2, annexe C : « stockée » et
#: « deflate » seulement).
_METHODES = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)

_FIN = b"PK\x05\x06"
_LOCALISATEUR64 = b"PK\x06\x07"
_FIN64 = b"PK\x06\x06"
_ENTETE_LOCALE = b"PK\x03\x04"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ATTENDU = "un classeur .xlsx (Excel, LibreOffice)"


def _refus(chemin: str, message: str, membre: str | None = None, **details: Any) -> ErreurEntree:
    if membre is not None:
        message = f"partie « {membre} » du classeur : {message}"
    return ErreurEntree(message, fichier=chemin, **details)


def _taille(octets: int) -> str:
    if octets >= 2**20:
        return f"{octets / 2**20:.1f} Mio".replace(".", ",")
    if octets >= 2**10:
        return f"{octets / 2**10:.0f} Kio"
    return f"{octets} octets"


def _repertoire_central(octets: bytes, chemin: str) -> None:
    """Borne le nombre d'entrées et la taille du répertoire central que zipfile lirait, avant
    qu'il ne les lise (son en-tête zip64, s'il y en a un, compris)."""
    if octets[-22:-18] == _FIN and octets[-2:] == b"\x00\x00":
        fin = len(octets) - 22
    else:
        fin = octets.rfind(_FIN, max(0, len(octets) - 22 - 0xFFFF))
    if fin < 0 or len(octets) - fin < 22:
        raise _refus(
            chemin,
            "classeur illisible : archive zip tronquée (fin de l'archive introuvable)",
            attendu=_ATTENDU,
        )
    entrees, taille = struct.unpack("<HL", octets[fin + 10 : fin + 16])
    if fin >= 20 and octets[fin - 20 : fin - 16] == _LOCALISATEUR64:
        debut64 = fin - 20 - 56
        if debut64 < 0 or octets[debut64 : debut64 + 4] != _FIN64:
            raise _refus(chemin, "classeur illisible : en-tête zip64 incohérent", attendu=_ATTENDU)
        entrees, taille = struct.unpack("<QQ", octets[debut64 + 32 : debut64 + 48])
    if entrees > MEMBRES_MAX:
        raise _refus(
            chemin,
            "trop de parties dans l'archive",
            valeur=entrees,
            attendu=f"au plus {MEMBRES_MAX}",
        )
    if taille > REPERTOIRE_MAX:
        raise _refus(
            chemin,
            f"répertoire de l'archive trop gros ({_taille(taille)})",
            attendu=f"au plus {_taille(REPERTOIRE_MAX)}",
        )


def _verifier_entetes(infos: list[zipfile.ZipInfo], chemin: str) -> None:
    """Ce que disent les en-têtes, avant tout dépliage : nombre, chiffrement, méthode, tailles
    et taux de compression."""
    if len(infos) > MEMBRES_MAX:
        raise _refus(
            chemin,
            "trop de parties dans l'archive",
            valeur=len(infos),
            attendu=f"au plus {MEMBRES_MAX}",
        )
    total = 0
    for info in infos:
        if info.flag_bits & 0x1:
            raise _refus(
                chemin,
                "partie chiffrée",
                info.filename,
                attendu="un classeur enregistré sans mot de passe",
            )
        if info.compress_type not in _METHODES:
            raise _refus(
                chemin,
                "méthode de compression non admise",
                info.filename,
                valeur=info.compress_type,
                attendu="« stockée » ou « deflate » (ECMA-376)",
            )
        if info.file_size > TAILLE_SANS_RATIO and info.file_size > RATIO_MAX * max(
            info.compress_size, 1
        ):
            raise _refus(
                chemin,
                f"taux de compression anormal (archive « bombe ») : {_taille(info.compress_size)}"
                f" qui se déplient en {_taille(info.file_size)}",
                info.filename,
                attendu=f"au plus {RATIO_MAX} pour 1 au-delà de {_taille(TAILLE_SANS_RATIO)}",
            )
        total += info.file_size
        if total > TAILLE_DEPLIEE_MAX:
            raise _refus(
                chemin,
                f"classeur trop gros une fois déplié (au moins {_taille(total)})",
                info.filename,
                attendu=f"au plus {_taille(TAILLE_DEPLIEE_MAX)} en tout",
            )


def _deplier(octets: bytes, info: zipfile.ZipInfo, chemin: str) -> Iterator[bytes]:
    """Les octets dépliés d'une partie, par blocs d'au plus :data:`_BLOC` octets ; la partie
    est lue à partir de son en-tête local, comme zipfile la lirait."""
    debut = info.header_offset
    entete = octets[debut : debut + 30]
    if len(entete) < 30 or entete[:4] != _ENTETE_LOCALE:
        raise _refus(chemin, "classeur illisible : en-tête local absent", info.filename)
    longueur_nom, longueur_extra = struct.unpack("<HH", entete[26:30])
    debut += 30 + longueur_nom + longueur_extra
    if debut + info.compress_size > len(octets):
        raise _refus(chemin, "classeur illisible : archive tronquée", info.filename)
    donnees = memoryview(octets)[debut : debut + info.compress_size]
    if info.compress_type == zipfile.ZIP_STORED:
        for rang in range(0, len(donnees), _BLOC):
            yield bytes(donnees[rang : rang + _BLOC])
        return
    depliage = zlib.decompressobj(-zlib.MAX_WBITS)
    try:
        for rang in range(0, len(donnees), _BLOC):
            reste: bytes | memoryview = donnees[rang : rang + _BLOC]
            while reste and not depliage.eof:
                yield depliage.decompress(reste, _BLOC)
                reste = depliage.unconsumed_tail
            if depliage.eof:
                break
    except zlib.error:
        raise _refus(
            chemin, "classeur illisible : données compressées corrompues", info.filename
        ) from None
    if not depliage.eof:
        raise _refus(chemin, "classeur illisible : partie tronquée", info.filename)


_NOMS_XML = (".xml", ".rels", ".vml")


def _est_xml(nom: str, debut: bytes) -> bool:
    return (
        nom.lower().endswith(_NOMS_XML)
        or debut.lstrip(b" \t\r\n")[:1] == b"<"
        or debut[:2] in (b"\xff\xfe", b"\xfe\xff")
        or debut[:3] == b"\xef\xbb\xbf"
    )


class _Interdit(Exception):
    """Une construction XML refusée (DTD, entité), levée depuis un gestionnaire d'expat."""


def _local(nom: str) -> str:
    return nom.rpartition(":")[2]


_TYPES_TEXTE = ("str", "s", "inlineStr", "e")


class _LectureXml:
    """Une partie XML lue par expat, sans rien construire : DTD et entités refusées ; dans une
    feuille, la première formule sans valeur calculée est notée."""

    def __init__(self) -> None:
        self.analyseur = expat.ParserCreate()
        self.analyseur.buffer_text = True
        self.analyseur.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
        self.analyseur.StartDoctypeDeclHandler = self._dtd
        self.analyseur.EntityDeclHandler = self._entite
        self.analyseur.UnparsedEntityDeclHandler = self._entite
        self.analyseur.ExternalEntityRefHandler = self._externe
        self.analyseur.StartElementHandler = self._racine
        self.formule: str | None = None
        self._ligne = 0
        self._colonne = 0
        self._attributs: dict[str, str] = {}
        self._valeur = False
        self._valeur_vide = False

    @staticmethod
    def _dtd(*_args: object) -> None:
        raise _Interdit("déclaration de type de document (<!DOCTYPE …>)")

    @staticmethod
    def _entite(*_args: object) -> None:
        raise _Interdit("déclaration ou référence d'entité (<!ENTITY …>)")

    @staticmethod
    def _externe(*_args: object) -> int:
        raise _Interdit("référence à une entité externe")

    def _racine(self, nom: str, _attributs: dict[str, str]) -> None:
        self.analyseur.StartElementHandler = self._debut if _local(nom) == "worksheet" else None

    def _debut(self, nom: str, attributs: dict[str, str]) -> None:
        # Appelé pour chaque élément d'une feuille : le moins de travail possible ; la fin des
        # éléments et leur texte ne sont suivis que dans une cellule à formule.
        local = _local(nom)
        if local == "c":
            self._colonne += 1
            self._attributs = attributs
        elif local == "row":
            numero = attributs.get("r", "")
            self._ligne = int(numero) if numero.isdigit() else self._ligne + 1
            self._colonne = 0
        elif local == "f":
            self._valeur = self._valeur_vide = False
            self.analyseur.EndElementHandler = self._fin
        elif local == "v" and self.analyseur.EndElementHandler is not None:
            self._valeur_vide = True
            self.analyseur.CharacterDataHandler = self._texte

    def _texte(self, texte: str) -> None:
        if texte:
            self._valeur = True

    def _fin(self, nom: str) -> None:
        local = _local(nom)
        if local == "v":
            self.analyseur.CharacterDataHandler = None
        elif local == "c":
            self.analyseur.EndElementHandler = None
            type_ = self._attributs.get("t", "n")
            if not self._valeur and not (self._valeur_vide and type_ in _TYPES_TEXTE):
                # (une formule qui rend « » garde une valeur vide de type texte)
                self.formule = self._attributs.get("r") or f"{_lettres(self._colonne)}{self._ligne}"
                self.analyseur.StartElementHandler = None

    def lire(self, bloc: bytes, *, fin: bool = False) -> None:
        self.analyseur.Parse(bloc, fin)


def _lettres(colonne: int) -> str:
    lettres = ""
    while colonne > 0:
        colonne, reste = divmod(colonne - 1, 26)
        lettres = chr(65 + reste) + lettres
    return lettres


def _lire_partie(octets: bytes, info: zipfile.ZipInfo, chemin: str) -> str | None:
    """Déplie une partie avec un compteur, la lit comme XML si c'en est, et rend la première
    cellule à formule sans valeur calculée d'une feuille (ou ``None``)."""
    lus = 0
    controle = 0
    lecture: _LectureXml | None = None
    premier = True
    try:
        for bloc in _deplier(octets, info, chemin):
            lus += len(bloc)
            if lus > info.file_size:
                raise _refus(
                    chemin,
                    "taille dépliée supérieure à la taille déclarée (archive falsifiée) : plus "
                    f"de {_taille(info.file_size)}",
                    info.filename,
                    attendu=f"les {_taille(info.file_size)} déclarés",
                )
            controle = zlib.crc32(bloc, controle)
            if premier:
                premier = False
                lecture = _LectureXml() if _est_xml(info.filename, bloc) else None
            if lecture is not None:
                lecture.lire(bloc)
        if lus != info.file_size:
            raise _refus(
                chemin,
                f"taille dépliée différente de la taille déclarée (archive falsifiée) : "
                f"{_taille(lus)}",
                info.filename,
                attendu=f"les {_taille(info.file_size)} déclarés",
            )
        if controle != info.CRC:
            raise _refus(chemin, "classeur illisible : somme de contrôle fausse", info.filename)
        if lecture is not None:
            lecture.lire(b"", fin=True)
    except _Interdit as exc:
        raise _refus(
            chemin,
            f"XML refusé : {exc}",
            info.filename,
            attendu="un classeur enregistré par un tableur (sans DTD ni entité)",
        ) from None
    except expat.ExpatError as exc:
        raise _refus(
            chemin,
            f"XML mal formé (ligne {exc.lineno}, colonne {exc.offset})",
            info.filename,
            attendu=_ATTENDU,
        ) from None
    return None if lecture is None else lecture.formule


def verifier_classeur(octets: bytes, chemin: str) -> dict[str, str]:
    """Vérifie les octets d'un classeur avant qu'openpyxl ne les lise (voir le module et ses
    bornes) ; rend, pour chaque feuille (chemin de sa partie dans l'archive) qui en a une, sa
    première cellule à formule sans valeur calculée. Tout défaut lève une
    :class:`~collectivites.erreurs.ErreurEntree` qui nomme le fichier et la partie."""
    if not octets.startswith(_ENTETE_LOCALE):
        if octets.startswith(_OLE):
            raise _refus(
                chemin,
                "classeur chiffré par mot de passe, ou au format .xls d'avant 2007",
                attendu="un classeur enregistré au format .xlsx, sans mot de passe",
            )
        raise _refus(chemin, "classeur illisible : ce n'est pas une archive zip", attendu=_ATTENDU)
    _repertoire_central(octets, chemin)
    try:
        with zipfile.ZipFile(io.BytesIO(octets)) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError, KeyError):
        raise _refus(
            chemin, "classeur illisible : répertoire de l'archive zip corrompu", attendu=_ATTENDU
        ) from None
    _verifier_entetes(infos, chemin)
    formules = {}
    for info in infos:
        if info.is_dir():
            continue
        cellule = _lire_partie(octets, info, chemin)
        if cellule is not None:
            formules[info.filename.lstrip("/")] = cellule
    return formules


def _texte(cellule: Any) -> str:
    valeur = cellule.value
    if valeur is None:
        return ""
    if isinstance(valeur, bool):
        return "true" if valeur else "false"
    if isinstance(valeur, dt.datetime):
        return valeur.date().isoformat()
    if isinstance(valeur, dt.date):
        return valeur.isoformat()
    if isinstance(valeur, int | float):
        nombre = Decimal(repr(valeur)) if isinstance(valeur, float) else Decimal(valeur)
        if "%" in (cellule.number_format or ""):
            return f"{(nombre * 100).normalize():f} %"
        return f"{nombre.normalize():f}" if isinstance(valeur, float) else str(valeur)
    return str(valeur).strip()


_NOM_SIMPLE = re.compile(r"\w+")


def _reference(feuille: str, cellule: str) -> str:
    """« Feuille1!C4 », ou « 'Mes prêts'!C4 » (notation des tableurs)."""
    if _NOM_SIMPLE.fullmatch(feuille):
        return f"{feuille}!{cellule}"
    return "'" + feuille.replace("'", "''") + f"'!{cellule}"


#: Ce qu'openpyxl peut lever sur un classeur que la vérification préalable a laissé passer
#: (partie manquante, référence de chaîne hors de la table, XML qu'il refuse lui-même).
_ERREURS_OPENPYXL = (
    zipfile.BadZipFile,
    KeyError,
    IndexError,
    OSError,
    ValueError,
    TypeError,
    EOFError,
    SyntaxError,  # xml.etree.ElementTree.ParseError
    zlib.error,
)


def _illisible(exc: BaseException, chemin: str) -> ErreurEntree:
    """Le refus d'un classeur qu'openpyxl ne sait pas lire, dit en français."""
    raisons = (
        (KeyError, "partie attendue absente de l'archive"),
        (IndexError, "renvoi à une chaîne partagée absente"),
        (SyntaxError, "XML mal formé"),
        ((zipfile.BadZipFile, zlib.error, EOFError), "archive zip corrompue"),
    )
    raison = next((r for types, r in raisons if isinstance(exc, types)), "contenu inattendu")
    return ErreurEntree(f"classeur illisible ({raison})", fichier=chemin, attendu=_ATTENDU)


def _classeur_en_csv(chemin: str, feuille: str | None) -> str:
    try:
        import openpyxl
    except ImportError:
        raise ErreurPlugin(
            "la lecture d'un classeur exige openpyxl",
            attendu="l'extra xlsx (pip install '.[xlsx]' depuis le dépôt, ou pip install openpyxl)",
        ) from None
    octets = lire_octets(chemin, taille_max=TAILLE_MAX_DONNEES)
    formules = verifier_classeur(octets, chemin)
    try:
        classeur = openpyxl.load_workbook(io.BytesIO(octets), read_only=True, data_only=True)
    except ErreurCollectivites:
        raise
    except _ERREURS_OPENPYXL as exc:
        raise _illisible(exc, chemin) from None
    try:
        return _feuille_en_csv(classeur, chemin, feuille, formules)
    except ErreurCollectivites:
        raise
    except _ERREURS_OPENPYXL as exc:
        raise _illisible(exc, chemin) from None
    finally:
        classeur.close()


def _feuille_en_csv(
    classeur: Any, chemin: str, feuille: str | None, formules: dict[str, str]
) -> str:
    if feuille is not None and feuille not in classeur.sheetnames:
        raise ErreurEntree(
            "feuille absente du classeur",
            fichier=chemin,
            valeur=feuille,
            attendu=", ".join(classeur.sheetnames),
        )
    if feuille is not None:
        onglet = classeur[feuille]
    else:  # la première feuille de données (un classeur écrit par la bibliothèque commence
        # par sa feuille « Hypothèses »)
        onglet = next(
            (f for f in classeur.worksheets if f.title != "Hypothèses"), classeur.worksheets[0]
        )
    partie = getattr(onglet, "_worksheet_path", None)
    cellule = (
        formules.get(str(partie).lstrip("/")) if partie else next(iter(formules.values()), None)
    )
    if cellule is not None:
        raise ErreurEntree(
            f"{_reference(onglet.title, cellule)} : formule sans valeur calculée ; enregistrez "
            "le classeur dans un tableur ou collez les valeurs",
            fichier=chemin,
        )
    if hasattr(onglet, "reset_dimensions"):
        # La dimension déclarée (« A1:XFD1048576 ») ferait compléter chaque ligne de cellules
        # vides jusqu'à la dernière colonne ; sans elle, une ligne s'arrête à sa dernière
        # cellule écrite (les cellules vides de fin sont de toute façon retirées).
        onglet.reset_dimensions()
    tampon = io.StringIO()
    ecrivain = csv.writer(tampon, lineterminator="\n")
    cellules_lues = 0
    for rang, ligne in enumerate(onglet.iter_rows(), start=1):
        if rang > LIGNES_MAX:
            raise ErreurEntree(
                "feuille trop longue", fichier=chemin, attendu=f"au plus {LIGNES_MAX} lignes"
            )
        cellules_lues += len(ligne)
        if cellules_lues > CELLULES_MAX:
            raise ErreurEntree(
                f"feuille trop grande (ligne {rang})",
                fichier=chemin,
                attendu=f"au plus {CELLULES_MAX} cellules, vides comprises",
            )
        cellules = [_texte(c) for c in ligne]
        while cellules and not cellules[-1]:
            cellules.pop()
        ecrivain.writerow(cellules)
    return tampon.getvalue()


@moteur
def lire_texte_tableur(chemin: str | Path, *, feuille: str | None = None) -> str:
    """Le texte CSV d'un fichier CSV, ou d'une feuille d'un classeur XLSX (par défaut la
    première, ou la première après la feuille « Hypothèses » d'un classeur de la bibliothèque).
    Un classeur est vérifié avant d'être lu (:func:`verifier_classeur`)."""
    nom = str(chemin)
    if nom.lower().endswith(EXTENSIONS_CLASSEUR):
        return _classeur_en_csv(nom, feuille)
    return lire_texte(chemin)
