"""Lecture des classeurs (``collectivites.chargement._tableur``), pièce à pièce : les bornes de
l'archive (répertoire central, zip64, nombre de parties, taux de compression, taille dépliée),
le dépliage par blocs, la reconnaissance des parties XML, la cellule à formule sans valeur
(colonne en lettres, ligne sans numéro, XML indenté), la conversion des cellules en texte et les
refus d'openpyxl dits en français (issue 27, tests de mutation).

Les valeurs attendues sont raisonnées : tailles en Kio/Mio (2**10, 2**20), lettres de colonne
comme dans un tableur (A…Z, AA, XFD = 16 384), enregistrement de fin d'une archive zip
d'après APPNOTE.TXT de PKWARE (§ 4.3.16 : 22 octets ; zip64 : § 4.3.14–4.3.15)."""

from __future__ import annotations

import datetime as dt
import io
import random
import struct
import sys
import types
import zipfile
import zlib
from pathlib import Path
from typing import Any

import pytest

from collectivites.chargement import _tableur, lire_texte_tableur
from collectivites.erreurs import ErreurEntree, ErreurPlugin
from tests import hostiles_tableurs as h

openpyxl = pytest.importorskip("openpyxl")

CHEMIN = "c.xlsx"
ATTENDU = "un classeur .xlsx (Excel, LibreOffice)"


def _fin(entrees: int, taille: int, *, commentaire: bytes = b"", decalage: int = 0) -> bytes:
    """L'enregistrement de fin d'une archive (22 octets, puis le commentaire)."""
    champs = (0, 0, entrees, entrees, taille, decalage, len(commentaire))
    return b"PK\x05\x06" + struct.pack("<4H2LH", *champs) + commentaire


def _zip64(entrees: int, taille: int, *, entrees_fin: int = 0xFFFF) -> bytes:
    """Enregistrement zip64 (56 octets), son localisateur (20) et la fin ordinaire (22)."""
    fin64 = b"PK\x06\x06" + struct.pack("<Q2H2L4Q", 44, 45, 45, 0, 0, entrees, entrees, taille, 0)
    localisateur = b"PK\x06\x07" + struct.pack("<LQL", 0, 0, 1)
    assert len(fin64) == 56 and len(localisateur) == 20
    return fin64 + localisateur + _fin(entrees_fin, 0)


def _refus(appel: Any, *args: Any) -> ErreurEntree:
    with pytest.raises(ErreurEntree) as erreur:
        appel(*args)
    return erreur.value


# --- tailles dites en français --------------------------------------------------------------


@pytest.mark.parametrize(
    ("octets", "texte"),
    [
        (0, "0 octets"),
        (1023, "1023 octets"),
        (1024, "1 Kio"),
        (1536, "2 Kio"),  # 1,5 Kio arrondi à l'entier pair (format de Python)
        (2**20 - 1, "1024 Kio"),
        (2**20, "1,0 Mio"),
        (3 * 2**19, "1,5 Mio"),
        (64 * 2**20, "64,0 Mio"),
    ],
)
def test_taille(octets: int, texte: str) -> None:
    assert _tableur._taille(octets) == texte


# --- répertoire central ---------------------------------------------------------------------


def test_repertoire_aux_bornes_exactes_accepte() -> None:
    """1 000 parties et un répertoire d'exactement 1 Mio : la borne est comprise ; un
    enregistrement de fin de 22 octets tout juste n'est pas tronqué."""
    assert _tableur._repertoire_central(_fin(1000, 2**20), CHEMIN) is None


def test_repertoire_une_partie_de_trop() -> None:
    erreur = _refus(_tableur._repertoire_central, _fin(1001, 10), CHEMIN)
    assert erreur.message == "trop de parties dans l'archive"
    assert (erreur.valeur, erreur.attendu, erreur.fichier) == (1001, "au plus 1000", CHEMIN)


def test_repertoire_trop_gros() -> None:
    erreur = _refus(_tableur._repertoire_central, _fin(5, 3 * 2**19), CHEMIN)
    assert erreur.message == "répertoire de l'archive trop gros (1,5 Mio)"
    assert erreur.attendu == "au plus 1,0 Mio"
    erreur = _refus(_tableur._repertoire_central, _fin(5, 2**20 + 1), CHEMIN)
    assert erreur.message == "répertoire de l'archive trop gros (1,0 Mio)"


def test_fin_d_archive_avec_commentaire_trouvee() -> None:
    """Un commentaire après l'enregistrement de fin : il est cherché en remontant (depuis le
    tout début de l'archive si elle est courte)."""
    assert _tableur._repertoire_central(_fin(5, 10, commentaire=b"hello"), CHEMIN) is None
    erreur = _refus(_tableur._repertoire_central, _fin(1001, 10, commentaire=b"hello"), CHEMIN)
    assert erreur.valeur == 1001
    # un commentaire qui finit par deux octets nuls : la fin n'est pas à 22 octets du bout
    avec_nuls = _fin(1001, 10, commentaire=b"ab\x00\x00")
    assert _refus(_tableur._repertoire_central, avec_nuls, CHEMIN).valeur == 1001


def test_commentaire_de_taille_maximale_et_au_dela() -> None:
    """Un commentaire zip tient en 65 535 octets : la fin est cherchée dans les 22 + 65 535
    derniers octets, pas plus loin."""
    plus_long = _fin(1001, 10, commentaire=b"") + b"x" * 0xFFFF
    assert _refus(_tableur._repertoire_central, plus_long, CHEMIN).valeur == 1001
    trop_loin = _fin(1001, 10) + b"x" * 0x10000
    erreur = _refus(_tableur._repertoire_central, trop_loin, CHEMIN)
    assert erreur.message == (
        "classeur illisible : archive zip tronquée (fin de l'archive introuvable)"
    )
    assert erreur.attendu == ATTENDU


def test_signature_de_fin_dans_le_decalage_lue_a_sa_place() -> None:
    """Un enregistrement de fin sans commentaire dont le champ « décalage » contient lui-même
    la signature : la fin est à 22 octets du bout, pas à la dernière signature trouvée."""
    decalage = struct.unpack("<L", b"PK\x05\x06")[0]
    contenu = _fin(1001, 10, decalage=decalage)
    assert contenu[-6:-2] == b"PK\x05\x06"
    assert _refus(_tableur._repertoire_central, contenu, CHEMIN).valeur == 1001


@pytest.mark.parametrize(
    "contenu",
    [b"", b"PK\x03\x04rien", b"xxPK\x05\x06" + bytes(15)],
    ids=["vide", "sans-fin", "fin-coupee"],
)
def test_fin_introuvable_ou_coupee(contenu: bytes) -> None:
    erreur = _refus(_tableur._repertoire_central, contenu, CHEMIN)
    assert "archive zip tronquée (fin de l'archive introuvable)" in erreur.message


def test_zip64_lu_dans_son_enregistrement() -> None:
    """Avec un localisateur zip64, le nombre d'entrées et la taille sont ceux de
    l'enregistrement zip64 (la fin ordinaire dit 0xFFFF)."""
    assert _tableur._repertoire_central(_zip64(5, 100), CHEMIN) is None
    erreur = _refus(_tableur._repertoire_central, _zip64(1001, 100, entrees_fin=5), CHEMIN)
    assert erreur.valeur == 1001
    erreur = _refus(_tableur._repertoire_central, _zip64(5, 3 * 2**19, entrees_fin=5), CHEMIN)
    assert erreur.message == "répertoire de l'archive trop gros (1,5 Mio)"


@pytest.mark.parametrize(
    "contenu",
    [
        b"PK\x06\x07" + struct.pack("<LQL", 0, 0, 1) + _fin(5, 10),  # rien avant le localisateur
        bytes(56) + b"PK\x06\x07" + struct.pack("<LQL", 0, 0, 1) + _fin(5, 10),
    ],
    ids=["avant-le-debut", "signature-absente"],
)
def test_zip64_incoherent(contenu: bytes) -> None:
    erreur = _refus(_tableur._repertoire_central, contenu, CHEMIN)
    assert erreur.message == "classeur illisible : en-tête zip64 incohérent"
    assert erreur.attendu == ATTENDU


# --- en-têtes des parties -------------------------------------------------------------------


def _info(
    nom: str = "a.xml",
    *,
    taille: int = 10,
    compresse: int = 10,
    methode: int = 8,
    drapeaux: int = 0,
) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(nom)
    info.file_size, info.compress_size = taille, compresse
    info.compress_type, info.flag_bits = methode, drapeaux
    return info


def test_mille_parties_acceptees_mille_une_refusees() -> None:
    assert _tableur._verifier_entetes([_info(f"{i}") for i in range(1000)], CHEMIN) is None
    erreur = _refus(_tableur._verifier_entetes, [_info(f"{i}") for i in range(1001)], CHEMIN)
    assert erreur.message == "trop de parties dans l'archive"
    assert (erreur.valeur, erreur.attendu) == (1001, "au plus 1000")


def test_partie_chiffree() -> None:
    assert _tableur._verifier_entetes([_info(drapeaux=0x8)], CHEMIN) is None  # descripteur
    erreur = _refus(_tableur._verifier_entetes, [_info("x.xml", drapeaux=0x9)], CHEMIN)
    assert erreur.message == "partie « x.xml » du classeur : partie chiffrée"
    assert erreur.attendu == "un classeur enregistré sans mot de passe"


def test_methodes_stockee_et_deflate_seules() -> None:
    assert _tableur._verifier_entetes([_info(methode=0), _info("b", methode=8)], CHEMIN) is None
    erreur = _refus(_tableur._verifier_entetes, [_info(methode=12)], CHEMIN)  # bzip2
    assert erreur.message == "partie « a.xml » du classeur : méthode de compression non admise"
    assert (erreur.valeur, erreur.attendu) == (12, "« stockée » ou « deflate » (ECMA-376)")


@pytest.mark.parametrize(
    ("taille", "compresse", "refuse"),
    [
        (100 * 2**10, 1, False),  # 100 Kio : le taux n'est pas examiné
        (100 * 2**10 + 1, 0, True),  # rien de compressé compte pour un octet
        (100 * 2**10 + 1, 1024, True),  # 100,001 pour 1
        (200_000, 2_000, False),  # exactement 100 pour 1
        (200_001, 2_000, True),
    ],
)
def test_taux_de_compression(taille: int, compresse: int, refuse: bool) -> None:
    infos = [_info(taille=taille, compresse=compresse)]
    if not refuse:
        assert _tableur._verifier_entetes(infos, CHEMIN) is None
        return
    erreur = _refus(_tableur._verifier_entetes, infos, CHEMIN)
    assert "taux de compression anormal (archive « bombe »)" in erreur.message
    assert erreur.attendu == "au plus 100 pour 1 au-delà de 100 Kio"


def test_message_du_taux_de_compression() -> None:
    erreur = _refus(
        _tableur._verifier_entetes, [_info(taille=200 * 2**10, compresse=2**10)], CHEMIN
    )
    assert erreur.message == (
        "partie « a.xml » du classeur : taux de compression anormal (archive « bombe ») : "
        "1 Kio qui se déplient en 200 Kio"
    )


def test_taille_depliee_totale() -> None:
    moitie = 32 * 2**20
    deux = [_info("a", taille=moitie, compresse=2**20), _info("b", taille=moitie, compresse=2**20)]
    assert _tableur._verifier_entetes(deux, CHEMIN) is None  # 64 Mio tout juste
    trois = [*deux, _info("c", taille=1, compresse=1)]
    erreur = _refus(_tableur._verifier_entetes, trois, CHEMIN)
    assert erreur.message == (
        "partie « c » du classeur : classeur trop gros une fois déplié (au moins 64,0 Mio)"
    )
    assert erreur.attendu == "au plus 64,0 Mio en tout"


# --- dépliage -------------------------------------------------------------------------------


def _archive(*parties: h.Partie) -> tuple[bytes, list[zipfile.ZipInfo]]:
    octets = h.zip_brut(parties)
    with zipfile.ZipFile(io.BytesIO(octets)) as archive:
        return octets, archive.infolist()


def test_partie_stockee_en_blocs_de_64_kio() -> None:
    donnees = bytes(range(256)) * 300  # 76 800 octets
    octets, [info] = _archive(h.partie("a.bin", donnees, deflate=False))
    blocs = list(_tableur._deplier(octets, info, CHEMIN))
    assert [len(b) for b in blocs] == [65_536, 76_800 - 65_536]
    assert b"".join(blocs) == donnees


def test_partie_deflate_en_blocs_d_au_plus_64_kio() -> None:
    donnees = b"0123456789" * 30_000  # 300 000 octets, très compressibles
    octets, [info] = _archive(h.partie("a.bin", donnees))
    blocs = list(_tableur._deplier(octets, info, CHEMIN))
    assert b"".join(blocs) == donnees
    assert max(len(b) for b in blocs) == 65_536
    # une partie compressée de plus de 64 Kio est lue par morceaux, elle aussi
    aleatoire = random.Random(0).randbytes(200_000)  # incompressible
    octets, [info] = _archive(h.partie("b.bin", aleatoire))
    assert info.compress_size > 65_536
    assert b"".join(_tableur._deplier(octets, info, CHEMIN)) == aleatoire


def test_donnees_apres_la_fin_du_flux_deflate_ignorees() -> None:
    nom, brut, methode, crc, taille = h.partie("a.bin", b"abc" * 10)
    octets, [info] = _archive((nom, brut + b"reste", methode, crc, taille))
    assert b"".join(_tableur._deplier(octets, info, CHEMIN)) == b"abc" * 10


def test_champ_extra_de_l_en_tete_local_saute() -> None:
    """Les données d'une partie commencent après son nom et son champ « extra » (longueurs
    non signées sur deux octets, APPNOTE § 4.3.7) : ici 32 768 octets d'extra."""
    octets = bytearray(h.zip_brut([h.partie("a.xml", b"<a/>")]))
    nom = len("a.xml")
    extra = 0x8000
    octets[28:30] = struct.pack("<H", extra)
    octets[30 + nom : 30 + nom] = bytes(extra)
    fin = len(octets) - 22
    (debut_central,) = struct.unpack("<L", octets[fin + 16 : fin + 20])
    octets[fin + 16 : fin + 20] = struct.pack("<L", debut_central + extra)
    contenu = bytes(octets)
    with zipfile.ZipFile(io.BytesIO(contenu)) as archive:
        assert archive.read("a.xml") == b"<a/>"
        [info] = archive.infolist()
    assert b"".join(_tableur._deplier(contenu, info, CHEMIN)) == b"<a/>"
    assert _tableur.verifier_classeur(contenu, CHEMIN) == {}


def test_en_tete_local_absent() -> None:
    octets, [info] = _archive(h.partie("a.xml", b"<a/>"))
    info.header_offset = 5
    erreur = _refus(lambda: list(_tableur._deplier(octets, info, CHEMIN)))
    assert (
        erreur.message == "partie « a.xml » du classeur : classeur illisible : en-tête local absent"
    )
    assert erreur.fichier == CHEMIN
    info.header_offset = len(octets) - 29  # moins de 30 octets d'en-tête
    erreur = _refus(lambda: list(_tableur._deplier(octets, info, CHEMIN)))
    assert erreur.message.endswith("en-tête local absent")


def test_partie_qui_depasse_l_archive() -> None:
    nom, brut, methode, crc, taille = h.partie("a.xml", b"<a/>" * 100)
    octets = h.zip_brut([(nom, brut, methode, crc, taille)])
    with zipfile.ZipFile(io.BytesIO(octets)) as archive:
        [info] = archive.infolist()
    # lue jusqu'au répertoire ; un octet de plus que l'archive entière : refusée
    assert b"".join(_tableur._deplier(octets, info, CHEMIN)) == b"<a/>" * 100
    info.compress_size = len(octets) - 30 - len(nom) + 1
    erreur = _refus(lambda: list(_tableur._deplier(octets, info, CHEMIN)))
    assert erreur.message == "partie « a.xml » du classeur : classeur illisible : archive tronquée"
    assert erreur.fichier == CHEMIN
    info.compress_size = len(octets) - 30 - len(nom)  # jusqu'au dernier octet : pas tronquée
    assert b"".join(_tableur._deplier(octets, info, CHEMIN)) == b"<a/>" * 100


def test_flux_deflate_corrompu_ou_coupe() -> None:
    nom, brut, methode, crc, taille = h.partie("a.xml", b"<a/>" * 100)
    octets, [info] = _archive((nom, b"\xff" * len(brut), methode, crc, taille))
    erreur = _refus(lambda: list(_tableur._deplier(octets, info, CHEMIN)))
    assert erreur.message.endswith("classeur illisible : données compressées corrompues")
    octets, [info] = _archive((nom, brut[: len(brut) // 2], methode, crc, taille))
    erreur = _refus(lambda: list(_tableur._deplier(octets, info, CHEMIN)))
    assert erreur.message == "partie « a.xml » du classeur : classeur illisible : partie tronquée"


# --- parties XML et formules ----------------------------------------------------------------


def _verifier(*parties: h.Partie) -> dict[str, str]:
    return _tableur.verifier_classeur(h.zip_brut(parties), CHEMIN)


def _feuille(lignes: str, nom: str = h.FEUILLE) -> h.Partie:
    return h.partie(nom, h.feuille(lignes).encode())


@pytest.mark.parametrize(
    "contenu",
    [
        b" \t\r\n<!DOCTYPE x><x/>",
        b"\xef\xbb\xbf<!DOCTYPE x><x/>",
        b"\xff\xfe" + "<!DOCTYPE x><x/>".encode("utf-16-le"),
        b"\xfe\xff" + "<!DOCTYPE x><x/>".encode("utf-16-be"),
    ],
    ids=["blancs", "bom-utf8", "bom-utf16le", "bom-utf16be"],
)
def test_xml_reconnu_a_son_debut_quel_que_soit_le_nom(contenu: bytes) -> None:
    erreur = _refus(_verifier, h.partie("xl/media/image1.bin", contenu))
    assert erreur.message == (
        "partie « xl/media/image1.bin » du classeur : XML refusé : déclaration de type de "
        "document (<!DOCTYPE …>)"
    )
    assert erreur.attendu == "un classeur enregistré par un tableur (sans DTD ni entité)"


@pytest.mark.parametrize("nom", ["a.XML", "_rels/.RELS", "x/dessin.Vml"])
def test_xml_reconnu_a_son_nom(nom: str) -> None:
    """Un nom de partie XML suffit (casse ignorée), même si le contenu ne commence pas par
    « < » (un texte hors de tout élément : erreur dès la colonne 0)."""
    erreur = _refus(_verifier, h.partie(nom, b"x"))
    assert erreur.message == f"partie « {nom} » du classeur : XML mal formé (ligne 1, colonne 0)"
    assert erreur.attendu == ATTENDU


def test_partie_binaire_non_lue_comme_xml() -> None:
    assert _verifier(h.partie("xl/media/image1.png", b"X<!DOCTYPE x><x/>")) == {}
    # un saut de page ou une tabulation verticale n'est pas un blanc XML : pas du XML
    assert _verifier(h.partie("xl/media/image2.bin", b"\x0c<!DOCTYPE x><x/>")) == {}
    assert _verifier(h.partie("xl/media/image3.bin", b"\x0b<!DOCTYPE x><x/>")) == {}


def test_partie_vide_acceptee() -> None:
    """Une partie vide (stockée ou compressée) : rien à lire, ni XML ni formule."""
    assert _verifier(h.partie("xl/vide.xml", b"", deflate=False), h.partie("b.bin", b"")) == {}


def test_cellule_hors_de_toute_ligne() -> None:
    """Une cellule sans ligne autour (feuille mal formée mais lisible) : colonne A, ligne 0,
    sans planter."""
    assert _verifier(_feuille("<c><f>1</f></c>")) == {h.FEUILLE: "A0"}


def test_refus_d_une_partie_nomme_le_fichier() -> None:
    nom, brut, methode, crc, taille = h.partie("a.xml", b"<a/>" * 100)
    erreur = _refus(_verifier, (nom, brut[: len(brut) // 2], methode, crc, taille))
    assert erreur.message.endswith("classeur illisible : partie tronquée")
    assert erreur.fichier == CHEMIN


def test_xml_inacheve_refuse_a_la_fin() -> None:
    """Un élément jamais fermé n'est vu qu'à la fin de l'analyse (après le dernier octet)."""
    erreur = _refus(_verifier, h.partie("a.xml", b"<a>"))
    assert erreur.message == "partie « a.xml » du classeur : XML mal formé (ligne 1, colonne 3)"


def test_xml_mal_forme_situe() -> None:
    """Balise fermante fautive : ligne 3, son nom en colonne 2 (après « </ »)."""
    erreur = _refus(_verifier, h.partie("a.xml", b"<a>\n<b>\n</a>"))
    assert erreur.message == "partie « a.xml » du classeur : XML mal formé (ligne 3, colonne 2)"


@pytest.mark.parametrize(
    ("xml", "message"),
    [
        ('<!DOCTYPE a [<!ENTITY e "x">]><a/>', "déclaration de type de document (<!DOCTYPE …>)"),
        ("<a>&e;</a>", None),
    ],
)
def test_dtd_et_entites(xml: str, message: str | None) -> None:
    erreur = _refus(_verifier, h.partie("a.xml", xml.encode()))
    if message is not None:
        assert erreur.message.endswith(message)
    else:  # une entité non déclarée : expat la refuse lui-même
        assert "XML mal formé" in erreur.message


def test_gestionnaires_d_entites_refusent() -> None:
    lecture = _tableur._LectureXml()
    for gestionnaire, texte in (
        (lecture._dtd, "déclaration de type de document (<!DOCTYPE …>)"),
        (lecture._entite, "déclaration ou référence d'entité (<!ENTITY …>)"),
        (lecture._externe, "référence à une entité externe"),
    ):
        with pytest.raises(_tableur._Interdit) as erreur:
            gestionnaire("x", None)
        assert str(erreur.value) == texte


def test_feuille_en_plusieurs_blocs_lue_d_un_trait() -> None:
    """Une feuille de plus de 64 Kio est lue par expat en plusieurs blocs d'une même analyse ;
    la formule sans valeur de la dernière ligne est trouvée."""
    lignes = h.cellules(*[[f"ligne {i}", "3170.41"] for i in range(2000)])
    lignes += '<row r="2001"><c r="C2001"><f>A1</f></c></row>'
    xml = h.feuille(lignes).encode()
    assert len(xml) > 2 * 65_536
    assert _verifier(h.partie(h.FEUILLE, xml, deflate=False)) == {h.FEUILLE: "C2001"}
    assert _verifier(h.partie(h.FEUILLE, xml)) == {h.FEUILLE: "C2001"}


@pytest.mark.parametrize(
    ("lignes", "cellule"),
    [
        ('<row r="4"><c r="C4"><f>A1+B1</f><v/></c></row>', "C4"),
        ('<row r="4"><c r="C4"><f>A1+B1</f></c></row>', "C4"),
        ('<row r="4"><c r="C4"><f>A1</f><v>3</v></c></row>', None),
        ('<row r="4"><c r="C4" t="n"><f>A1</f><v></v></c></row>', "C4"),
        ('<row r="4"><c r="C4" t="str"><f>A1</f><v></v></c></row>', None),
        ('<row r="4"><c r="C4" t="s"><f>A1</f><v></v></c></row>', None),
        ('<row r="4"><c r="C4" t="inlineStr"><f>A1</f><v></v></c></row>', None),
        ('<row r="4"><c r="C4" t="e"><f>A1</f><v></v></c></row>', None),
        ('<row r="4"><c r="C4" t="b"><f>A1</f><v></v></c></row>', "C4"),
        # sans référence : colonne comptée dans la ligne, ligne lue ou comptée
        ('<row r="3"><c><v>1</v></c><c><f>A3</f></c></row>', "B3"),
        ('<row r="2"><c/></row><row><c/><c/><c><f>1</f></c></row>', "C3"),
        ('<row r="x"><c><f>1</f></c></row>', "A1"),
        ("<row><c/></row>" * 27 + "<row>" + "<c/>" * 27 + "<c><f>1</f></c></row>", "AB28"),
        # la première formule sans valeur, pas la dernière
        ('<row r="1"><c r="A1"><f>1</f></c><c r="B1"><f>2</f></c></row>', "A1"),
        # une formule calculée, puis une sans valeur
        ('<row r="1"><c r="A1"><f>1</f><v>1</v></c><c r="B1"><f>2</f></c></row>', "B1"),
        # une cellule sans formule avant : sa valeur ne compte pas pour la suivante
        ('<row r="1"><c r="A1"><v>1</v></c><c r="B1"><f>x</f></c></row>', "B1"),
        # une formule qui rend « », puis une cellule ordinaire vide
        ('<row r="1"><c r="A1" t="str"><f>x</f><v></v></c><c r="B1"/></row>', None),
        # XML indenté : les blancs après la valeur ne sont pas une valeur
        ('<row r="4">\n  <c r="C4">\n    <f>A1</f>\n    <v></v>\n  </c>\n</row>', "C4"),
    ],
)
def test_formule_sans_valeur_calculee(lignes: str, cellule: str | None) -> None:
    attendu = {} if cellule is None else {h.FEUILLE: cellule}
    assert _verifier(_feuille(lignes)) == attendu


def test_formule_hors_d_une_feuille_ignoree() -> None:
    """Seule une feuille (racine ``worksheet``) est examinée."""
    xml = b'<x xmlns="urn:a"><row r="1"><c r="A1"><f>1</f></c></row></x>'
    assert _verifier(h.partie("xl/autre.xml", xml)) == {}
    prefixe = b'<s:worksheet xmlns:s="urn:a"><s:row r="1"><s:c r="A1"><s:f>1</s:f></s:c></s:row>'
    assert _verifier(h.partie("xl/f.xml", prefixe + b"</s:worksheet>")) == {"xl/f.xml": "A1"}


def test_chaque_feuille_a_sa_formule_et_le_nom_sans_barre_initiale() -> None:
    une = _feuille('<row r="1"><c r="A1"><f>1</f></c></row>', "xl/worksheets/sheet1.xml")
    deux = _feuille('<row r="2"><c r="B2"><f>1</f></c></row>', "/xl/worksheets/sheet2.xml")
    trois = _feuille('<row r="2"><c r="B2"><v>1</v></c></row>', "xl/worksheets/sheet3.xml")
    assert _verifier(une, deux, trois) == {
        "xl/worksheets/sheet1.xml": "A1",
        "xl/worksheets/sheet2.xml": "B2",
    }


@pytest.mark.parametrize(
    ("colonne", "lettres"),
    [
        (0, ""),
        (1, "A"),
        (26, "Z"),
        (27, "AA"),
        (52, "AZ"),
        (53, "BA"),
        (702, "ZZ"),
        (703, "AAA"),
        (16_384, "XFD"),
    ],
)
def test_lettres_de_colonne(colonne: int, lettres: str) -> None:
    assert _tableur._lettres(colonne) == lettres


# --- contrôles de la partie lue -------------------------------------------------------------


def test_taille_depliee_plus_grande_que_declaree() -> None:
    nom, brut, methode, crc, _ = h.partie("a.xml", b"<a>" + b" " * 2000 + b"</a>")
    erreur = _refus(_verifier, (nom, brut, methode, crc, 1000))
    assert erreur.message == (
        "partie « a.xml » du classeur : taille dépliée supérieure à la taille déclarée "
        "(archive falsifiée) : plus de 1000 octets"
    )
    assert erreur.attendu == "les 1000 octets déclarés"
    assert erreur.fichier == CHEMIN


def test_taille_depliee_plus_petite_que_declaree() -> None:
    donnees = b"<a>" + b" " * 2045 + b"</a>"  # 2 052 octets : « 2 Kio »
    nom, brut, methode, crc, taille = h.partie("a.xml", donnees)
    erreur = _refus(_verifier, (nom, brut, methode, crc, 3 * 2**10))
    assert erreur.message == (
        "partie « a.xml » du classeur : taille dépliée différente de la taille déclarée "
        "(archive falsifiée) : 2 Kio"
    )
    assert erreur.attendu == "les 3 Kio déclarés"
    assert _verifier((nom, brut, methode, crc, taille)) == {}  # tailles exactes : acceptée


def test_somme_de_controle() -> None:
    nom, brut, methode, crc, taille = h.partie("a.bin", b"abc", deflate=False)
    assert _verifier((nom, brut, methode, crc, taille)) == {}
    erreur = _refus(_verifier, (nom, brut, methode, crc ^ 0x100, taille))
    assert (
        erreur.message
        == "partie « a.bin » du classeur : classeur illisible : somme de contrôle fausse"
    )


def test_repertoire_sans_donnees_ignore() -> None:
    """Une entrée de répertoire (nom en « / ») n'est pas lue : sa somme de contrôle, même
    fausse, ne compte pas."""
    feuille = _feuille(h.TABLEAU)
    octets = h.zip_brut([feuille], repertoire=[("xl/media/", b"", 0, 1, 0)])
    assert _tableur.verifier_classeur(octets, CHEMIN) == {}
    octets = h.zip_brut([feuille], repertoire=[("xl/media", b"", 0, 1, 0)])
    assert "somme de contrôle fausse" in _refus(_tableur.verifier_classeur, octets, CHEMIN).message


def test_ce_qui_n_est_pas_un_classeur() -> None:
    erreur = _refus(
        _tableur.verifier_classeur, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(8), CHEMIN
    )
    assert erreur.message == "classeur chiffré par mot de passe, ou au format .xls d'avant 2007"
    assert erreur.attendu == "un classeur enregistré au format .xlsx, sans mot de passe"
    erreur = _refus(_tableur.verifier_classeur, b"numero;montant\n", CHEMIN)
    assert erreur.message == "classeur illisible : ce n'est pas une archive zip"
    assert (erreur.attendu, erreur.fichier) == (ATTENDU, CHEMIN)


def test_repertoire_central_corrompu() -> None:
    octets = bytearray(h.zip_brut([_feuille(h.TABLEAU)]))
    central = octets.find(b"PK\x01\x02")
    octets[central : central + 4] = b"XXXX"
    erreur = _refus(_tableur.verifier_classeur, bytes(octets), CHEMIN)
    assert erreur.message == "classeur illisible : répertoire de l'archive zip corrompu"
    assert erreur.attendu == ATTENDU


# --- cellules en texte ----------------------------------------------------------------------


def _c(valeur: object, format_: str | None = "General") -> Any:
    return types.SimpleNamespace(value=valeur, number_format=format_)


@pytest.mark.parametrize(
    ("valeur", "format_", "texte"),
    [
        (None, "General", ""),
        (True, "General", "true"),
        (False, "General", "false"),
        (True, "0%", "true"),  # un booléen n'est pas un nombre
        (dt.datetime(2026, 8, 1, 13, 5), "General", "2026-08-01"),  # noqa: DTZ001 (openpyxl : naïve)
        (dt.date(2026, 8, 1), "General", "2026-08-01"),
        (42, "General", "42"),
        (42, None, "42"),
        (1, "0%", "100 %"),
        (3170.41, "General", "3170.41"),
        (100.0, "General", "100"),
        (1e-07, "General", "0.0000001"),
        (0.1, "General", "0.1"),
        (0.0135, "0.00%", "1.35 %"),
        (0.5, None, "0.5"),
        ("  1,35 %  ", "General", "1,35 %"),
    ],
)
def test_cellule_en_texte(valeur: object, format_: str | None, texte: str) -> None:
    assert _tableur._texte(_c(valeur, format_)) == texte


def test_grand_entier_de_cellule_ecrit_chiffre_pour_chiffre() -> None:
    """openpyxl lit « <v>…</v> » sans point ni exposant comme un entier Python : ses 31
    chiffres sont écrits tels quels (pas arrondis aux 28 chiffres d'un contexte décimal)."""
    grand = 1234567890123456789012345678901
    assert _tableur._texte(_c(grand)) == "1234567890123456789012345678901"


@pytest.mark.parametrize(
    ("feuille", "reference"),
    [
        ("Feuille1", "Feuille1!C4"),
        ("Prêts_2026", "Prêts_2026!C4"),
        ("Mes prêts", "'Mes prêts'!C4"),
        ("L'an", "'L''an'!C4"),
    ],
)
def test_reference_de_cellule(feuille: str, reference: str) -> None:
    assert _tableur._reference(feuille, "C4") == reference


@pytest.mark.parametrize(
    ("exc", "raison"),
    [
        (KeyError("x"), "partie attendue absente de l'archive"),
        (IndexError("x"), "renvoi à une chaîne partagée absente"),
        (SyntaxError("x"), "XML mal formé"),
        (zipfile.BadZipFile("x"), "archive zip corrompue"),
        (zlib.error("x"), "archive zip corrompue"),
        (EOFError("x"), "archive zip corrompue"),
        (ValueError("x"), "contenu inattendu"),
        (TypeError("x"), "contenu inattendu"),
    ],
)
def test_refus_d_openpyxl_en_francais(exc: BaseException, raison: str) -> None:
    erreur = _tableur._illisible(exc, CHEMIN)
    assert erreur.message == f"classeur illisible ({raison})"
    assert (erreur.fichier, erreur.attendu) == (CHEMIN, ATTENDU)


# --- classeurs entiers ----------------------------------------------------------------------


def _classeur(tmp_path: Path, *feuilles: tuple[str, list[list[Any]]], nom: str = "c.xlsx") -> Path:
    classeur = openpyxl.Workbook()
    classeur.remove(classeur.active)
    for titre, lignes in feuilles:
        onglet = classeur.create_sheet(titre)
        for ligne in lignes:
            onglet.append(ligne)
    chemin = tmp_path / nom
    classeur.save(chemin)
    return chemin


def test_feuille_nommee_ou_absente(tmp_path: Path) -> None:
    chemin = _classeur(tmp_path, ("Feuille1", [["a"]]), ("Autre", [["b", 2]]))
    assert lire_texte_tableur(chemin, feuille="Autre") == "b,2\n"
    assert lire_texte_tableur(chemin) == "a\n"
    with pytest.raises(ErreurEntree) as erreur:
        lire_texte_tableur(chemin, feuille="Absente")
    assert erreur.value.message == "feuille absente du classeur"
    assert (erreur.value.valeur, erreur.value.attendu) == ("Absente", "Feuille1, Autre")
    assert erreur.value.fichier == str(chemin)


def test_premiere_feuille_apres_les_hypotheses(tmp_path: Path) -> None:
    chemin = _classeur(tmp_path, ("Hypothèses", [["h"]]), ("Données", [["d"]]))
    assert lire_texte_tableur(chemin) == "d\n"
    seule = _classeur(tmp_path, ("Hypothèses", [["h"]]), nom="seule.xlsx")
    assert lire_texte_tableur(seule) == "h\n"


def test_formule_de_la_feuille_lue_seulement(tmp_path: Path) -> None:
    """Une formule sans valeur dans une autre feuille n'empêche pas de lire celle demandée ;
    dans la feuille lue, elle est refusée avec sa référence."""
    chemin = _classeur(tmp_path, ("Données", [["a", 1]]), ("Calculs", [["=1+1"]]))
    assert lire_texte_tableur(chemin) == "a,1\n"
    with pytest.raises(ErreurEntree) as erreur:
        lire_texte_tableur(chemin, feuille="Calculs")
    assert erreur.value.message == (
        "Calculs!A1 : formule sans valeur calculée ; enregistrez le classeur dans un tableur "
        "ou collez les valeurs"
    )
    assert erreur.value.fichier == str(chemin)


class _Onglet:
    """Un onglet tel qu'openpyxl le donne en lecture seule (titre, lignes de cellules) ;
    ``partie`` : le chemin de sa partie dans l'archive, s'il le dit."""

    def __init__(self, titre: str, partie: str | None = None) -> None:
        self.title = titre
        if partie is not None:
            self._worksheet_path = partie

    def iter_rows(self) -> Any:
        return iter([(_c("a"), _c(1))])


def _onglets(*onglets: _Onglet) -> Any:
    return types.SimpleNamespace(sheetnames=[o.title for o in onglets], worksheets=list(onglets))


@pytest.mark.parametrize("partie", ["xl/worksheets/sheet2.xml", "/xl/worksheets/sheet2.xml"])
def test_formule_de_la_partie_de_l_onglet(partie: str) -> None:
    """La formule retenue est celle de la partie de l'onglet (chemin avec ou sans « / »
    initial, comme les clés de :func:`verifier_classeur`)."""
    formules = {"xl/worksheets/sheet1.xml": "A1", "xl/worksheets/sheet2.xml": "B2"}
    classeur = _onglets(_Onglet("Deux", partie))
    with pytest.raises(ErreurEntree) as erreur:
        _tableur._feuille_en_csv(classeur, CHEMIN, None, formules)
    assert erreur.value.message.startswith("Deux!B2 : formule sans valeur calculée")
    assert erreur.value.fichier == CHEMIN
    autre = _onglets(_Onglet("Trois", "xl/worksheets/sheet3.xml"))
    assert _tableur._feuille_en_csv(autre, CHEMIN, None, formules) == "a,1\n"


def test_partie_d_onglet_au_nom_quelconque() -> None:
    """Seule la barre initiale est retirée du chemin : une partie nommée « XL/… » garde son
    nom."""
    classeur = _onglets(_Onglet("F", "XL/f.xml"))
    with pytest.raises(ErreurEntree) as erreur:
        _tableur._feuille_en_csv(classeur, CHEMIN, None, {"XL/f.xml": "A9"})
    assert erreur.value.message.startswith("F!A9 : ")


def test_valeur_calculee_d_une_formule_lue(tmp_path: Path) -> None:
    """Une formule avec sa valeur calculée : la valeur (3 170,41), pas la formule."""
    lignes = h.cellules(["N°", "Échéance"]) + (
        '<row r="2"><c r="A2" t="inlineStr"><is><t>1</t></is></c>'
        '<c r="B2"><f>2*1585.205</f><v>3170.41</v></c></row>'
    )
    chemin = tmp_path / "calcule.xlsx"
    chemin.write_bytes(h.classeur(h.feuille(lignes)))
    assert lire_texte_tableur(chemin) == "N°,Échéance\n1,3170.41\n"


def test_refus_de_la_verification_nomme_le_fichier(tmp_path: Path) -> None:
    chemin = tmp_path / "c.xlsx"
    chemin.write_bytes(b"numero;montant\n")
    with pytest.raises(ErreurEntree) as erreur:
        lire_texte_tableur(chemin)
    assert erreur.value.message == "classeur illisible : ce n'est pas une archive zip"
    assert erreur.value.fichier == str(chemin)


def test_onglet_sans_chemin_de_partie() -> None:
    """Un onglet qui ne dit pas sa partie : la première formule sans valeur du classeur."""
    classeur = _onglets(_Onglet("F"))
    assert _tableur._feuille_en_csv(classeur, CHEMIN, None, {}) == "a,1\n"
    formules = {"xl/worksheets/sheet1.xml": "C3", "xl/worksheets/sheet2.xml": "D4"}
    with pytest.raises(ErreurEntree) as erreur:
        _tableur._feuille_en_csv(classeur, CHEMIN, None, formules)
    assert erreur.value.message.startswith("F!C3 : formule sans valeur calculée")


def test_cellules_vides_de_fin_retirees(tmp_path: Path) -> None:
    chemin = _classeur(tmp_path, ("F", [["a", None, "b", None, None], [], [None, "c"]]))
    assert lire_texte_tableur(chemin) == "a,,b\n\n,c\n"


def test_bornes_de_lignes_et_de_cellules(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    chemin = _classeur(tmp_path, ("F", [["a", "b"], ["c", "d"], ["e", "f"]]))
    monkeypatch.setattr(_tableur, "LIGNES_MAX", 3)
    monkeypatch.setattr(_tableur, "CELLULES_MAX", 6)
    assert lire_texte_tableur(chemin) == "a,b\nc,d\ne,f\n"
    monkeypatch.setattr(_tableur, "LIGNES_MAX", 2)
    with pytest.raises(ErreurEntree) as erreur:
        lire_texte_tableur(chemin)
    assert erreur.value.message == "feuille trop longue"
    assert (erreur.value.attendu, erreur.value.fichier) == ("au plus 2 lignes", str(chemin))
    monkeypatch.setattr(_tableur, "LIGNES_MAX", 3)
    monkeypatch.setattr(_tableur, "CELLULES_MAX", 5)
    with pytest.raises(ErreurEntree) as erreur:
        lire_texte_tableur(chemin)
    assert erreur.value.message == "feuille trop grande (ligne 3)"
    assert erreur.value.attendu == "au plus 5 cellules, vides comprises"
    assert erreur.value.fichier == str(chemin)


def test_dimension_declaree_ignoree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Une dimension déclarée « A1:Z2 » pour deux cellules par ligne : seules les cellules
    écrites sont comptées (4, pas 52)."""
    lignes = h.cellules(["a", "b"], ["c", "d"])
    xml = h.feuille(lignes).replace("<sheetData>", '<dimension ref="A1:Z2"/><sheetData>')
    chemin = tmp_path / "dimension.xlsx"
    chemin.write_bytes(h.classeur(xml))
    monkeypatch.setattr(_tableur, "CELLULES_MAX", 4)
    assert lire_texte_tableur(chemin) == "a,b\nc,d\n"


def test_extensions_de_classeur(tmp_path: Path) -> None:
    contenu = h.classeur(h.feuille(h.TABLEAU))
    for nom in ("a.XLSX", "b.xlsm"):
        (tmp_path / nom).write_bytes(contenu)
        assert lire_texte_tableur(tmp_path / nom) == "N°,Échéance\n1,3170.41\n"
    (tmp_path / "c.csv").write_text("N°;Échéance\n1;3170,41\n", "utf-8")
    assert lire_texte_tableur(str(tmp_path / "c.csv")) == "N°;Échéance\n1;3170,41\n"


def test_sans_openpyxl(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "openpyxl", None)
    with pytest.raises(ErreurPlugin) as erreur:
        lire_texte_tableur(tmp_path / "a.xlsx")
    assert erreur.value.message == "la lecture d'un classeur exige openpyxl"
    assert erreur.value.attendu == (
        "l'extra xlsx (pip install '.[xlsx]' depuis le dépôt, ou pip install openpyxl)"
    )


def test_erreur_d_openpyxl_a_l_ouverture_et_a_la_lecture(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    chemin = tmp_path / "c.xlsx"
    chemin.write_bytes(h.classeur(h.feuille(h.TABLEAU)))

    def ouvrir(*_a: object, **_k: object) -> None:
        raise KeyError("xl/workbook.xml")

    with monkeypatch.context() as m:
        m.setattr(openpyxl, "load_workbook", ouvrir)
        with pytest.raises(ErreurEntree) as erreur:
            lire_texte_tableur(chemin)
    assert erreur.value.message == "classeur illisible (partie attendue absente de l'archive)"
    assert erreur.value.fichier == str(chemin)

    def lire(*_a: object) -> str:
        raise IndexError("chaîne 999")

    with monkeypatch.context() as m:
        m.setattr(_tableur, "_feuille_en_csv", lire)
        with pytest.raises(ErreurEntree) as erreur:
            lire_texte_tableur(chemin)
    assert erreur.value.message == "classeur illisible (renvoi à une chaîne partagée absente)"
    assert erreur.value.fichier == str(chemin)

    def refuser(*_a: object, **_k: object) -> None:
        raise ErreurEntree("refus à nous", fichier="x")

    for cible, objet in ((_tableur, "_feuille_en_csv"), (openpyxl, "load_workbook")):
        with monkeypatch.context() as m:
            m.setattr(cible, objet, refuser)
            with pytest.raises(ErreurEntree) as erreur:
                lire_texte_tableur(chemin)
        assert erreur.value.message == "refus à nous"


def test_classeur_ferme_apres_lecture(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    chemin = tmp_path / "c.xlsx"
    chemin.write_bytes(h.classeur(h.feuille(h.TABLEAU)))
    fermes: list[object] = []
    ouvrir = openpyxl.load_workbook

    def suivre(*args: object, **kwargs: object) -> Any:
        classeur = ouvrir(*args, **kwargs)
        fermer = classeur.close
        classeur.close = lambda: (fermes.append(classeur), fermer())[1]
        return classeur

    monkeypatch.setattr(openpyxl, "load_workbook", suivre)
    assert lire_texte_tableur(chemin) == "N°,Échéance\n1,3170.41\n"
    assert len(fermes) == 1
