"""Classeurs et CSV hostiles, fabriqués ici (petits sur le disque) : bombes de compression, XML à
DTD ou à entités, archives zip falsifiées, tronquées ou qui n'en sont pas, formule sans valeur
calculée, série d'index démesurée. Chacun doit être refusé proprement par la ligne de commande
(code 2, message en français) ; ``tests/test_tableurs_hostiles.py`` vérifie en plus le message
de chaque refus. Voir ``tests/hostiles.py`` pour la forme d'un cas."""

from __future__ import annotations

import datetime as dt
import functools
import struct
import zlib
from collections.abc import Iterable

from tests.hostiles import Cas

#: Une partie d'une archive zip brute : nom, données telles qu'écrites, méthode (0 : stockée,
#: 8 : deflate), CRC-32 et taille dépliée déclarés.
Partie = tuple[str, bytes, int, int, int]

_NS = "http://schemas.openxmlformats.org"
TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    f'<Types xmlns="{_NS}/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    "</Types>"
)
RELATIONS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    f'<Relationships xmlns="{_NS}/package/2006/relationships">'
    f'<Relationship Id="rId1" Type="{_NS}/officeDocument/2006/relationships/officeDocument" '
    'Target="xl/workbook.xml"/></Relationships>'
)
CLASSEUR = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    f'<workbook xmlns="{_NS}/spreadsheetml/2006/main" '
    f'xmlns:r="{_NS}/officeDocument/2006/relationships">'
    '<sheets><sheet name="Feuille1" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
RELATIONS_CLASSEUR = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    f'<Relationships xmlns="{_NS}/package/2006/relationships">'
    f'<Relationship Id="rId1" Type="{_NS}/officeDocument/2006/relationships/worksheet" '
    'Target="worksheets/sheet1.xml"/></Relationships>'
)
FEUILLE = "xl/worksheets/sheet1.xml"
DEBUT_FEUILLE = (
    f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{_NS}/spreadsheetml/2006/main">'
    "<sheetData>"
)
FIN_FEUILLE = "</sheetData></worksheet>"


def cellules(*lignes: Iterable[str]) -> str:
    """Le XML de lignes de cellules texte (chaînes en ligne), colonnes A, B, C…"""
    xml = []
    for rang, ligne in enumerate(lignes, start=1):
        xml.append(f'<row r="{rang}">')
        for colonne, texte in enumerate(ligne):
            xml.append(
                f'<c r="{chr(65 + colonne)}{rang}" t="inlineStr"><is><t>{texte}</t></is></c>'
            )
        xml.append("</row>")
    return "".join(xml)


#: Un tableau d'amortissement à rapprocher, valide : la bombe n'est pas ailleurs.
TABLEAU = cellules(["N°", "Échéance"], ["1", "3170.41"])


def partie(nom: str, donnees: bytes, *, deflate: bool = True) -> Partie:
    """Une partie honnête (tailles et somme de contrôle exactes)."""
    if deflate:
        compression = zlib.compressobj(6, zlib.DEFLATED, -15)
        brut = compression.compress(donnees) + compression.flush()
    else:
        brut = donnees
    return nom, brut, 8 if deflate else 0, zlib.crc32(donnees), len(donnees)


def zip_brut(
    parties: Iterable[Partie], *, repertoire: Iterable[Partie] | None = None, zip64: bool = False
) -> bytes:
    """Une archive zip écrite octet par octet (APPNOTE.TXT de PKWARE, § 4.3) : chaque partie
    porte les tailles qu'on lui donne, vraies ou non. ``repertoire`` : entrées du répertoire
    central sans en-tête local propre (elles pointent toutes sur la première partie) ;
    ``zip64`` : le nombre d'entrées dans un enregistrement zip64 (au-delà de 65 535)."""
    locaux, central = bytearray(), bytearray()
    entrees = 0
    for nom, brut, methode, crc, taille in parties:
        octets_nom = nom.encode()
        decalage = len(locaux)
        champs = (20, 0, methode, 0, 0, crc, len(brut), taille, len(octets_nom), 0)
        locaux += b"PK\x03\x04" + struct.pack("<5H3L2H", *champs) + octets_nom + brut
        central += (
            b"PK\x01\x02" + struct.pack("<6H3L5H2L", 20, *champs, 0, 0, 0, 0, decalage) + octets_nom
        )
        entrees += 1
    for nom, brut, methode, crc, taille in repertoire or ():
        octets_nom = nom.encode()
        champs = (20, 0, methode, 0, 0, crc, len(brut), taille, len(octets_nom), 0)
        central += b"PK\x01\x02" + struct.pack("<6H3L5H2L", 20, *champs, 0, 0, 0, 0, 0)
        central += octets_nom
        entrees += 1
    debut = len(locaux)
    fin = bytearray()
    if zip64:
        fin += b"PK\x06\x06" + struct.pack(
            "<Q2H2L4Q", 44, 45, 45, 0, 0, entrees, entrees, len(central), debut
        )
        fin += b"PK\x06\x07" + struct.pack("<LQL", 0, debut + len(central), 1)
        entrees = 0xFFFF
    fin += b"PK\x05\x06" + struct.pack("<4H2LH", 0, 0, entrees, entrees, len(central), debut, 0)
    return bytes(locaux + central + fin)


def classeur(feuille: str | bytes | Partie, *autres: Partie) -> bytes:
    """Un classeur minimal d'une feuille « Feuille1 » (son XML, ou sa partie toute faite)."""
    if isinstance(feuille, str):
        feuille = feuille.encode()
    if isinstance(feuille, bytes):
        feuille = partie(FEUILLE, feuille)
    return zip_brut(
        [
            partie("[Content_Types].xml", TYPES.encode()),
            partie("_rels/.rels", RELATIONS.encode()),
            partie("xl/workbook.xml", CLASSEUR.encode()),
            partie("xl/_rels/workbook.xml.rels", RELATIONS_CLASSEUR.encode()),
            feuille,
            *autres,
        ]
    )


def feuille(lignes: str, *, prologue: str = "") -> str:
    """Le XML d'une feuille ; ``prologue`` se place entre la déclaration XML et la racine."""
    debut = DEBUT_FEUILLE.replace("?>", "?>" + prologue, 1)
    return debut + lignes + FIN_FEUILLE


@functools.lru_cache(maxsize=4)
def bombe_d_espaces(mio: int = 300) -> bytes:
    """Un classeur d'environ 300 Kio dont la feuille se déplie en ``mio`` Mio d'espaces. Le
    flux deflate est fait de blocs identiques, chacun compressé une fois (une vidange complète
    les rend indépendants), pour ne pas compresser 300 Mio à chaque essai."""
    debut, fin = DEBUT_FEUILLE.encode() + TABLEAU.encode(), FIN_FEUILLE.encode()
    espaces = b" " * 2**20
    morceaux = []
    for donnees, dernier in ((debut, False), (espaces, False), (fin, True)):
        compression = zlib.compressobj(9, zlib.DEFLATED, -15)
        vidange = zlib.Z_FINISH if dernier else zlib.Z_FULL_FLUSH
        morceaux.append(compression.compress(donnees) + compression.flush(vidange))
    brut = morceaux[0] + morceaux[1] * mio + morceaux[2]
    crc = zlib.crc32(debut)
    for _ in range(mio):
        crc = zlib.crc32(espaces, crc)
    crc = zlib.crc32(fin, crc)
    taille = len(debut) + mio * len(espaces) + len(fin)
    return classeur((FEUILLE, brut, 8, crc, taille))


RIRES = (
    '<!DOCTYPE worksheet [<!ENTITY r0 "ha">'
    + "".join(f'<!ENTITY r{i} "{f"&r{i - 1};" * 10}">' for i in range(1, 10))
    + "]>"
)


def milliard_de_rires() -> bytes:
    """Dix niveaux d'entités qui en répètent dix chacune : 10⁹ « ha » pour quelques octets."""
    return classeur(feuille(cellules(["N°", "&r9;"], ["1", "3170.41"]), prologue=RIRES))


def entite_externe() -> bytes:
    prologue = '<!DOCTYPE worksheet [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
    return classeur(feuille(cellules(["N°", "&xxe;"], ["1", "3170.41"]), prologue=prologue))


def dtd_seule() -> bytes:
    return classeur(feuille(TABLEAU, prologue="<!DOCTYPE worksheet>"))


@functools.lru_cache(maxsize=1)
def cent_mille_parties() -> bytes:
    """100 000 entrées de répertoire (5 Mio) qui désignent toutes la même petite partie."""
    vide = partie("a", b"", deflate=False)
    return zip_brut([vide], repertoire=[(f"{i}", b"", 0, 0, 0) for i in range(100_000)], zip64=True)


def repertoire_menteur() -> bytes:
    """Le même répertoire de 100 000 entrées, annoncé en fin d'archive comme n'en comptant
    que 6 (sans zip64)."""
    brut = bytearray(cent_mille_parties())
    fin = brut.rfind(b"PK\x05\x06")
    brut[fin + 8 : fin + 12] = struct.pack("<2H", 6, 6)
    localisateur = fin - 20
    return bytes(brut[: localisateur - 56] + brut[fin:])


def taille_mensongere() -> bytes:
    """Une feuille annoncée de 1 000 octets qui se déplie en 10 Mio (CRC des 1 000 premiers
    octets, comme un outil de falsification le calculerait)."""
    xml = (feuille(TABLEAU).replace("<sheetData>", "<sheetData>" + " " * 10 * 2**20)).encode()
    nom, brut, methode, _, _ = partie(FEUILLE, xml)
    return classeur((nom, brut, methode, zlib.crc32(xml[:1000]), 1000))


def formule_sans_valeur() -> bytes:
    """Ce qu'écrit un programme (openpyxl) qui pose une formule sans la calculer : ``<v/>``."""
    lignes = TABLEAU + '<row r="4"><c r="C4"><f>A1+B1</f><v/></c></row>'
    return classeur(feuille(lignes))


def colonne_xfd() -> bytes:
    """Une cellule en colonne XFD par ligne, sur 1 000 lignes : 16 millions de cellules lues
    pour une feuille de quelques Kio compressés."""
    lignes = "".join(
        f'<row r="{r}"><c r="XFD{r}" t="inlineStr"><is><t>x</t></is></c></row>'
        for r in range(1, 1001)
    )
    return classeur(feuille(lignes))


def chaine_hors_table() -> bytes:
    """Une cellule qui renvoie à la chaîne partagée n° 999 d'un classeur qui n'en a pas."""
    return classeur(feuille('<row r="1"><c r="A1" t="s"><v>999</v></c></row>'))


def pas_un_zip() -> bytes:
    return "N°;Échéance\n1;3170,41\n".encode()


def zip_tronque() -> bytes:
    entier = classeur(feuille(TABLEAU))
    return entier[: len(entier) // 2]


def serie_demesuree(lignes: int = 150_000) -> bytes:
    """Un prolongement du Livret A de ``lignes`` valeurs quotidiennes (une par jour depuis le
    1er août 2026), chacune avec sa source."""
    debut = dt.date(2026, 8, 1)
    corps = "".join(f"{debut + dt.timedelta(days=i)},1.50,arrêté fictif\n" for i in range(lignes))
    return ("date_effet,taux_pct,source\n" + corps).encode()


#: Classeurs hostiles : (nom, fabrique, motif attendu dans le message de refus).
CLASSEURS = (
    ("bombe-espaces", bombe_d_espaces, r"taux de compression anormal"),
    ("milliard-de-rires", milliard_de_rires, r"DOCTYPE"),
    ("entite-externe", entite_externe, r"DOCTYPE"),
    ("dtd-seule", dtd_seule, r"DOCTYPE"),
    ("cent-mille-parties", cent_mille_parties, r"trop de parties"),
    ("repertoire-menteur", repertoire_menteur, r"répertoire de l'archive trop gros"),
    ("taille-mensongere", taille_mensongere, r"taille dépliée supérieure à la taille déclarée"),
    ("pas-un-zip", pas_un_zip, r"ce n'est pas une archive zip"),
    ("zip-tronque", zip_tronque, r"archive zip tronquée"),
    ("formule-sans-valeur", formule_sans_valeur, r"Feuille1!C4 : formule sans valeur calculée"),
    ("colonne-xfd", colonne_xfd, r"feuille trop grande"),
    ("chaine-hors-table", chaine_hors_table, r"classeur illisible"),
)


def _exemple(action: str, *options: str) -> list[str]:
    return ["pret", action, "--exemple", "cdc-57851", "--ligne", "5165325", *options]


def cas() -> list[Cas]:
    """Chaque classeur hostile sous trois commandes qui lisent un classeur, et une série
    démesurée sous deux commandes qui lisent une série."""
    commandes = (
        ("portefeuille", ["pret", "portefeuille", "{d}/bombe.xlsx"]),
        ("rapprocher", _exemple("rapprocher", "--tableau", "{d}/bombe.xlsx")),
        ("index", _exemple("tableau", "--index", "{d}/bombe.xlsx")),
    )
    resultat: list[Cas] = [
        (f"tableurs/{commande}/{nom}", argv, {"bombe.xlsx": fabrique()})
        for nom, fabrique, _ in CLASSEURS
        for commande, argv in commandes
    ]
    serie = {"livret_a.csv": serie_demesuree()}
    resultat.append(
        (
            "tableurs/donnees-verifier/serie-demesuree",
            ["donnees", "verifier", "{d}/livret_a.csv"],
            serie,
        )
    )
    resultat.append(
        (
            "tableurs/index/serie-demesuree",
            _exemple("tableau", "--index", "{d}/livret_a.csv"),
            serie,
        )
    )
    return resultat
