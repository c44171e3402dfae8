"""Tests de mutation des tableurs (``prets._tableur``, ``chargement._tableur``) : ce que les
tests pièce à pièce (test_mutation_tableur_prets, test_mutation_tableur_chargement) laissaient
passer (issue « Tests that catch what they claim »)."""

from __future__ import annotations

import struct
import zipfile

import pytest

from collectivites.chargement import _tableur as ct
from collectivites.chargement._schema import cle_de_texte_valide
from collectivites.erreurs import ErreurDossier, ErreurEntree
from collectivites.prets import _tableur as t
from tests import hostiles_tableurs as h
from tests.synthetique import COLONNES, lignes


def _texte(rangs: list[dict[str, str]]) -> str:
    """Le CSV des lignes synthétiques, chaque cellule entre guillemets (taux « 0,75 % »)."""
    return (
        ",".join(COLONNES)
        + "\n"
        + "".join(",".join(f'"{r[c]}"' for c in COLONNES) + "\n" for r in rangs)
    )


def test_pret_refuse_garde_la_valeur_refusee() -> None:
    """Deux lignes du même prêt au même identifiant : le refus du prêt, situé au fichier et à
    la colonne « numero », garde la valeur que le prêt a refusée (l'identifiant en double, sous
    sa clé de texte)."""
    rangs = list(lignes(2))
    rangs[1]["identifiant"] = rangs[0]["identifiant"]
    with pytest.raises(ErreurDossier) as erreur:
        t.prets_des_lignes(t.lignes_du_tableau(_texte(rangs), "p.csv"), "p.csv")
    e = erreur.value
    assert e.message == "prêt C0000000 : deux lignes du prêt portent le même identifiant"
    assert (e.fichier, e.cle) == ("p.csv", "numero")
    assert e.valeur == cle_de_texte_valide(rangs[0]["identifiant"])


def test_xml_mal_forme_nomme_le_fichier_et_la_partie() -> None:
    """Une partie XML mal formée (balise fermante fautive, ligne 3, colonne 2) : le refus nomme
    le classeur, la partie et ce qui était attendu."""
    archive = h.zip_brut([h.partie("xl/a.xml", b"<a>\n<b>\n</a>")])
    with pytest.raises(ErreurEntree) as erreur:
        ct.verifier_classeur(archive, "portefeuille.xlsx")
    e = erreur.value
    assert e.message == "partie « xl/a.xml » du classeur : XML mal formé (ligne 3, colonne 2)"
    assert e.fichier == "portefeuille.xlsx"
    assert e.attendu == "un classeur .xlsx (Excel, LibreOffice)"


def test_flux_deflate_corrompu_nomme_le_fichier_et_la_partie() -> None:
    """Des données compressées illisibles (que des octets 0xFF, un bloc deflate de type
    réservé) : le refus nomme le classeur et la partie, de la vérification comme du dépliage."""
    nom, brut, methode, crc, taille = h.partie("xl/a.xml", b"<a/>" * 100)
    archive = h.zip_brut([(nom, b"\xff" * len(brut), methode, crc, taille)])
    attendu = (
        "partie « xl/a.xml » du classeur : classeur illisible : données compressées corrompues"
    )
    with pytest.raises(ErreurEntree) as erreur:
        ct.verifier_classeur(archive, "portefeuille.xlsx")
    assert (erreur.value.message, erreur.value.fichier) == (attendu, "portefeuille.xlsx")


def _entete(nom: str, *, drapeaux: int = 0) -> zipfile.ZipInfo:
    """L'en-tête d'une partie de 10 octets, deflate, aux drapeaux donnés."""
    info = zipfile.ZipInfo(nom)
    info.file_size = info.compress_size = 10
    info.compress_type, info.flag_bits = zipfile.ZIP_DEFLATED, drapeaux
    return info


def test_refus_des_en_tetes_nomment_le_fichier() -> None:
    """Trop de parties (1 001 pour 1 000 admises), une partie chiffrée (bit 0 des drapeaux) :
    chaque refus nomme le classeur."""
    with pytest.raises(ErreurEntree) as erreur:
        ct._verifier_entetes([_entete(f"{i}") for i in range(1001)], "portefeuille.xlsx")
    e = erreur.value
    assert (e.message, e.fichier) == ("trop de parties dans l'archive", "portefeuille.xlsx")
    with pytest.raises(ErreurEntree) as erreur:
        ct._verifier_entetes([_entete("xl/a.xml", drapeaux=0x1)], "portefeuille.xlsx")
    e = erreur.value
    assert (e.message, e.fichier) == (
        "partie « xl/a.xml » du classeur : partie chiffrée",
        "portefeuille.xlsx",
    )


def test_signature_de_fin_dans_le_decalage_apres_des_donnees() -> None:
    """Une archive dont l'enregistrement de fin (22 octets, APPNOTE § 4.3.16, sans commentaire)
    suit des données et dont le champ « décalage » contient lui-même sa signature :
    la fin est lue à 22 octets du bout (1 001 parties, refusées), pas à la dernière signature
    trouvée (qui la dirait tronquée)."""
    decalage = struct.unpack("<L", b"PK\x05\x06")[0]
    fin = b"PK\x05\x06" + struct.pack("<4H2LH", 0, 0, 1001, 1001, 10, decalage, 0)
    with pytest.raises(ErreurEntree) as erreur:
        ct._repertoire_central(b"donnees" + fin, "portefeuille.xlsx")
    e = erreur.value
    assert (e.message, e.valeur) == ("trop de parties dans l'archive", 1001)
