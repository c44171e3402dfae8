"""Rendu XLSX (extra ``xlsx``, openpyxl) : un classeur prêt à l'emploi dans Excel et LibreOffice.

Une feuille par table (titres français, formats de nombres français, largeurs ajustées, en-tête
figé, filtre automatique, ligne de totaux en gras) et une feuille « Hypothèses » (titre, faits,
hypothèses). Les montants sont écrits en ``Decimal`` exacts, jamais en flottants.

Tout ce qu'un utilisateur a écrit reste une donnée : chaque texte (libellés, titres, noms,
faits, hypothèses, séries du graphique) est une cellule de texte explicite, jamais une formule
ni une valeur d'erreur, même s'il commence par « = » (openpyxl en ferait une formule) ; s'il
commence comme une formule, la cellule porte en plus le préfixe d'apostrophe du tableur
(``quotePrefix``), qui la garde en texte quand on la modifie dans Excel ou LibreOffice. Les
caractères qu'un classeur ne peut pas contenir (contrôles, non-caractères XML) deviennent
« \ufffd ».
"""

from __future__ import annotations

import io
import re
from typing import Any

from collectivites.erreurs import ErreurPlugin
from collectivites.rendu._valeurs import commence_comme_une_formule, ecran
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
#: Ce qu'un classeur ne peut pas contenir : hors de la production ``Char`` de XML 1.0 (§ 2.2).
_NON_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
#: Nom de feuille réservé par Excel (aide de Microsoft « Renommer une feuille de calcul »).
_RESERVE = "history"
_LARGEUR_MAX = 60


def nom_de_feuille(nom: str, pris: set[str]) -> str:
    """Nom de feuille valide (31 caractères, sans ``[]:*?/\\``, ni apostrophe au début ou à la
    fin, ni le nom réservé « History ») et unique dans le classeur (sans égard à la casse)."""
    base = _NON_XML.sub("-", _INTERDITS.sub("-", nom)).strip("' ") or "feuille"
    base = base[:31].rstrip("' ")
    candidat, rang = base, 2
    while candidat.lower() in pris or candidat.lower() == _RESERVE:
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


def _ajouter(feuille: Any, valeurs: list[Any]) -> None:
    """Ajoute une ligne ; chaque texte y est une cellule de texte (jamais une formule : openpyxl
    lit « =… » comme une formule et « #N/A » comme une erreur)."""
    feuille.append([_NON_XML.sub("\ufffd", v) if isinstance(v, str) else v for v in valeurs])
    for cellule in feuille[feuille.max_row]:
        if isinstance(cellule.value, str):
            cellule.data_type = "s"
            if commence_comme_une_formule(cellule.value):
                cellule.quotePrefix = True


def _feuille(classeur: Any, table: Table, nom: str, pris: set[str]) -> None:
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    feuille = classeur.create_sheet(title=nom)
    _ajouter(feuille, [c.libelle for c in table.colonnes])
    for ligne in table.lignes:
        _ajouter(feuille, [_valeur(v, c.genre) for v, c in zip(ligne, table.colonnes, strict=True)])
    derniere = feuille.max_row
    totaux = table.totaux()
    if totaux is not None:
        cellules = [_valeur(v, c.genre) for v, c in zip(totaux, table.colonnes, strict=True)]
        cellules[0] = cellules[0] if cellules[0] is not None else "Total"
        _ajouter(feuille, cellules)
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
        if table.graphique is not None:
            _graphique(classeur, feuille, table, derniere, pris)


def _graphique(classeur: Any, feuille: Any, table: Table, derniere: int, pris: set[str]) -> None:
    """Le graphique natif de la table (barres empilées, courbes sur un axe secondaire). Avec des
    séries, une feuille « Graphique » (nom rendu unique) croise l'abscisse et les séries."""
    from openpyxl.chart import BarChart, LineChart, Reference
    from openpyxl.utils import get_column_letter

    g = table.graphique
    assert g is not None
    if g.series:
        source, derniere, colonnes_barres, colonnes_courbes, rang_abscisse = _croiser(
            classeur, table, pris
        )
    else:
        source = feuille
        rangs = {c.cle: i for i, c in enumerate(table.colonnes, start=1)}
        colonnes_barres = [rangs[b] for b in g.barres]
        colonnes_courbes = [rangs[c] for c in g.courbes]
        rang_abscisse = rangs[g.abscisse]
    categories = Reference(source, min_col=rang_abscisse, min_row=2, max_row=derniere)
    barres = BarChart()
    barres.type, barres.grouping, barres.overlap = "col", "stacked", 100
    barres.title, barres.height, barres.width = g.titre, 9, 22
    for colonne in colonnes_barres:
        barres.add_data(
            Reference(source, min_col=colonne, min_row=1, max_row=derniere), titles_from_data=True
        )
    barres.set_categories(categories)
    barres.y_axis.number_format = FORMATS[Genre.MONTANT]
    courbes = LineChart()
    for colonne in colonnes_courbes:
        courbes.add_data(
            Reference(source, min_col=colonne, min_row=1, max_row=derniere), titles_from_data=True
        )
    courbes.set_categories(categories)
    courbes.y_axis.axId = 200
    courbes.y_axis.crosses = "max"
    courbes.y_axis.number_format = FORMATS[Genre.MONTANT]
    barres += courbes
    ancre = get_column_letter(source.max_column + 2) + "2"
    source.add_chart(barres, ancre)


def _croiser(
    classeur: Any, table: Table, pris: set[str]
) -> tuple[Any, int, list[int], list[int], int]:
    """Feuille « Graphique » : une ligne par abscisse ; les barres additionnées ; la première
    courbe, une colonne par série."""
    g = table.graphique
    assert g is not None
    assert g.series is not None
    rangs = {c.cle: i for i, c in enumerate(table.colonnes)}
    series: list[str] = []
    # barres et courbes à part : une série peut porter le nom d'une colonne de barres
    abscisses: dict[Any, tuple[dict[str, Any], dict[str, Any]]] = {}
    for ligne in table.lignes:
        x, serie = ligne[rangs[g.abscisse]], str(ligne[rangs[g.series]])
        if serie not in series:
            series.append(serie)
        barres, courbes = abscisses.setdefault(x, ({}, {}))
        for b in g.barres:
            barres[b] = barres.get(b, 0) + (ligne[rangs[b]] or 0)
        if g.courbes:
            courbes[serie] = ligne[rangs[g.courbes[0]]]
    feuille = classeur.create_sheet(title=nom_de_feuille("Graphique", pris))
    _ajouter(
        feuille,
        [table.colonne(g.abscisse).libelle, *(table.colonne(b).libelle for b in g.barres), *series],
    )
    for x in sorted(abscisses):
        barres, courbes = abscisses[x]
        _ajouter(
            feuille, [x, *(barres.get(b) for b in g.barres), *(courbes.get(s) for s in series)]
        )
    for ligne in feuille.iter_rows(min_row=2, min_col=2):
        for cellule in ligne:
            cellule.number_format = FORMATS[Genre.MONTANT]
    n = len(g.barres)
    return (
        feuille,
        feuille.max_row,
        list(range(2, 2 + n)),
        list(range(2 + n, 2 + n + len(series))),
        1,
    )


def _hypotheses(classeur: Any, document: Document) -> None:
    from openpyxl.styles import Alignment, Font

    feuille = classeur.create_sheet(title="Hypothèses", index=0)
    feuille.column_dimensions["A"].width = 40
    feuille.column_dimensions["B"].width = 100

    def ecrire(doc: Document) -> None:
        if doc.titre:
            _ajouter(feuille, [doc.titre])
            feuille.cell(row=feuille.max_row, column=1).font = Font(bold=True)
        for fait in doc.faits:
            _ajouter(feuille, [fait.libelle, _valeur(fait.valeur, fait.genre)])
            cellule = feuille.cell(row=feuille.max_row, column=2)
            cellule.alignment = Alignment(horizontal="left", wrap_text=True)
            if fait.genre in FORMATS:
                cellule.number_format = FORMATS[fait.genre]
        for hypothese in doc.hypotheses:
            _ajouter(feuille, ["Hypothèse", hypothese])
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
        _feuille(classeur, table, nom_de_feuille(table.titre or table.cle, pris), pris)
    _hypotheses(classeur, document)
    tampon = io.BytesIO()
    classeur.save(tampon)
    return tampon.getvalue()
