"""Rendu XLSX (extra ``xlsx``, openpyxl) : un classeur prêt à l'emploi dans Excel et LibreOffice.

Une feuille par table (titres français, formats de nombres français, largeurs ajustées, en-tête
figé, filtre automatique, ligne de totaux en gras) et une feuille « Hypothèses » (titre, faits,
hypothèses). Les montants sont écrits en ``Decimal`` exacts, jamais en flottants.
"""

from __future__ import annotations

import io
import re
from typing import Any

from collectivites.erreurs import ErreurPlugin
from collectivites.rendu._valeurs import ecran
from collectivites.tables import Document, Genre, Table

__all__ = ["en_xlsx", "nom_de_feuille"]

#: Formats de nombres (codes indépendants de la langue ; Excel et LibreOffice en français
#: affichent « 1 234,56 € », « 1,35 % », « 06/12/2018 »).
FORMATS = {
    Genre.MONTANT: '#,##0.00\\ "€"',
    Genre.TAUX: "0.00##\\ %",
    Genre.DATE: "dd/mm/yyyy",
    Genre.MOIS: "mm/yyyy",
    Genre.ENTIER: "0",
    Genre.ANNEE: "0",
    Genre.NOMBRE: "#,##0.###",
}
_INTERDITS = re.compile(r"[\[\]:*?/\\\x00-\x1f]")
_LARGEUR_MAX = 60


def nom_de_feuille(nom: str, pris: set[str]) -> str:
    """Nom de feuille valide (31 caractères, sans ``[]:*?/\\``) et unique dans le classeur."""
    base = _INTERDITS.sub("-", nom).strip("' ") or "feuille"
    base = base[:31]
    candidat, rang = base, 2
    while candidat.lower() in pris:
        suffixe = f" ({rang})"
        candidat = base[: 31 - len(suffixe)] + suffixe
        rang += 1
    pris.add(candidat.lower())
    return candidat


def _valeur(valeur: Any, genre: Genre) -> Any:
    if valeur is None:
        return None
    if genre is Genre.CODE:
        return str(getattr(valeur, "libelle", valeur))
    if genre is Genre.BOOLEEN:
        return "oui" if valeur else "non"
    return valeur


def _feuille(classeur: Any, table: Table, nom: str) -> None:
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    feuille = classeur.create_sheet(title=nom)
    feuille.append([c.libelle for c in table.colonnes])
    for ligne in table.lignes:
        feuille.append([_valeur(v, c.genre) for v, c in zip(ligne, table.colonnes, strict=True)])
    derniere = feuille.max_row
    totaux = table.totaux()
    if totaux is not None:
        cellules = [_valeur(v, c.genre) for v, c in zip(totaux, table.colonnes, strict=True)]
        cellules[0] = cellules[0] if cellules[0] is not None else "Total"
        feuille.append(cellules)
        for cellule in feuille[feuille.max_row]:
            cellule.font = Font(bold=True)
    for cellule in feuille[1]:
        cellule.font = Font(bold=True)
        cellule.alignment = Alignment(wrap_text=True, vertical="bottom")
    for rang, colonne in enumerate(table.colonnes, start=1):
        lettre = get_column_letter(rang)
        format_nombre = FORMATS.get(colonne.genre)
        if format_nombre:
            for (cellule,) in feuille.iter_rows(min_row=2, min_col=rang, max_col=rang):
                cellule.number_format = format_nombre
        textes = [ecran(v[rang - 1], colonne.genre) for v in table.lignes]
        if totaux is not None:
            textes.append(ecran(totaux[rang - 1], colonne.genre))
        mot = max((len(m) for m in colonne.libelle.split()), default=4)
        # la marge couvre le « € » et l'espace des formats ; les nombres s'affichent entiers
        largeur = max([mot, *(len(t) + 3 for t in textes)])
        feuille.column_dimensions[lettre].width = min(largeur + 2, _LARGEUR_MAX)
    feuille.freeze_panes = "A2"
    if table.lignes:
        feuille.auto_filter.ref = f"A1:{get_column_letter(len(table.colonnes))}{derniere}"


def _hypotheses(classeur: Any, document: Document) -> None:
    from openpyxl.styles import Alignment, Font

    feuille = classeur.create_sheet(title="Hypothèses", index=0)
    feuille.column_dimensions["A"].width = 40
    feuille.column_dimensions["B"].width = 100

    def ecrire(doc: Document) -> None:
        if doc.titre:
            feuille.append([doc.titre])
            feuille.cell(row=feuille.max_row, column=1).font = Font(bold=True)
        for fait in doc.faits:
            feuille.append([fait.libelle, _valeur(fait.valeur, fait.genre)])
            cellule = feuille.cell(row=feuille.max_row, column=2)
            cellule.alignment = Alignment(horizontal="left", wrap_text=True)
            if fait.genre in FORMATS:
                cellule.number_format = FORMATS[fait.genre]
        for hypothese in doc.hypotheses:
            feuille.append(["Hypothèse", hypothese])
            feuille.cell(row=feuille.max_row, column=2).alignment = Alignment(wrap_text=True)
        feuille.append([])
        for partie in doc.parties:
            ecrire(partie)

    ecrire(document)


def en_xlsx(document: Document) -> bytes:
    """Le classeur sérialisé."""
    try:
        from openpyxl import Workbook
    except ImportError:
        raise ErreurPlugin(
            "le format xlsx exige openpyxl", attendu="pip install 'collectivites[xlsx]'"
        ) from None
    classeur = Workbook()
    classeur.remove(classeur.active)
    pris = {"hypothèses"}
    for table in document.toutes_les_tables():
        _feuille(classeur, table, nom_de_feuille(table.titre or table.cle, pris))
    _hypotheses(classeur, document)
    tampon = io.BytesIO()
    classeur.save(tampon)
    return tampon.getvalue()
