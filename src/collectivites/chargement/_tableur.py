"""Lecture d'un tableau tel qu'un agent l'a : CSV (virgule, point-virgule, UTF-8 avec ou sans
BOM, virgule décimale, dates JJ/MM/AAAA) ou classeur XLSX (Excel, LibreOffice).

Un classeur est converti en texte CSV (une ligne de texte par ligne de la feuille, si bien que
les messages d'erreur donnent le numéro de ligne du classeur), puis lu comme un CSV : les mêmes
règles valent pour les deux formes. Les nombres du classeur sont convertis sans passer par un
flottant arrondi (``repr`` du nombre enregistré : 3170.41 reste 3170.41) ; une cellule au format
pourcentage (0,0135 affiché « 1,35 % ») devient « 1.35 % » ; une date devient AAAA-MM-JJ."""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from decimal import Decimal
from pathlib import Path
from typing import Any

from collectivites._moteur import moteur
from collectivites.chargement._fichiers import TAILLE_MAX_DONNEES, lire_octets, lire_texte
from collectivites.erreurs import ErreurEntree, ErreurPlugin

__all__ = ["EXTENSIONS_CLASSEUR", "lire_texte_tableur"]

#: Extensions lues comme des classeurs.
EXTENSIONS_CLASSEUR = (".xlsx", ".xlsm")
#: Plus grand nombre de lignes lues d'une feuille.
LIGNES_MAX = 2_000_000


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


def _classeur_en_csv(chemin: str, feuille: str | None) -> str:
    try:
        import openpyxl
    except ImportError:
        raise ErreurPlugin(
            "la lecture d'un classeur exige openpyxl", attendu="pip install 'collectivites[xlsx]'"
        ) from None
    octets = lire_octets(chemin, taille_max=TAILLE_MAX_DONNEES)
    try:
        classeur = openpyxl.load_workbook(io.BytesIO(octets), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError) as exc:
        raise ErreurEntree(
            f"classeur illisible ({type(exc).__name__})",
            fichier=chemin,
            attendu="un classeur .xlsx (Excel, LibreOffice)",
        ) from None
    try:
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
        tampon = io.StringIO()
        ecrivain = csv.writer(tampon, lineterminator="\n")
        for rang, ligne in enumerate(onglet.iter_rows(), start=1):
            if rang > LIGNES_MAX:
                raise ErreurEntree(
                    "feuille trop longue", fichier=chemin, attendu=f"au plus {LIGNES_MAX} lignes"
                )
            cellules = [_texte(c) for c in ligne]
            while cellules and not cellules[-1]:
                cellules.pop()
            ecrivain.writerow(cellules)
        return tampon.getvalue()
    finally:
        classeur.close()


@moteur
def lire_texte_tableur(chemin: str | Path, *, feuille: str | None = None) -> str:
    """Le texte CSV d'un fichier CSV, ou d'une feuille d'un classeur XLSX (par défaut la
    première, ou la première après la feuille « Hypothèses » d'un classeur de la bibliothèque)."""
    nom = str(chemin)
    if nom.lower().endswith(EXTENSIONS_CLASSEUR):
        return _classeur_en_csv(nom, feuille)
    return lire_texte(chemin)
