"""Rendu XLSX (extra ``xlsx``, openpyxl) : un classeur prêt à l'emploi dans Excel et LibreOffice.

Une feuille par table (titres français, formats de nombres français, largeurs ajustées, en-tête
figé, filtre automatique, ligne de totaux en gras) et une feuille « Hypothèses » (titre, faits,
hypothèses). Les montants sont écrits en ``Decimal`` exacts, jamais en flottants.

Lisible partout (Excel, LibreOffice, à l'impression) : chaque texte replié a une hauteur de
ligne calculée (LibreOffice ne la recalcule pas à l'ouverture et superposerait les lignes) ;
chaque feuille s'imprime en paysage, à la largeur d'une page, la ligne d'en-tête répétée ; le
classeur s'ouvre sur la table principale ; les noms de feuilles sont coupés entre deux mots ;
les formats montrent la précision réelle des valeurs (« 59,0734 »), le même nombre de chiffres
dans une colonne, « € » sur chaque montant.

Les totaux sont des valeurs, pas des formules ``=SOMME(…)`` : c'est le total que le moteur a
calculé exactement (au centime, le reliquat absorbé par la dernière ligne), le même que dans
le texte, le CSV et le JSON ; les autres colonnes (capital restant dû, intérêts) ne sont pas
des formules non plus, et un total qui bougerait seul quand on modifie une échéance donnerait
un tableau incohérent ; une formule écrite par openpyxl n'a pas de valeur en cache : un
programme qui relit le classeur (pandas, aperçu d'un courrier, GED) verrait un total vide ; et
un classeur sans aucune formule est un classeur où rien ne s'évalue (voir ci-dessous).

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
import textwrap
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

from collectivites.erreurs import ErreurPlugin
from collectivites.rendu._valeurs import chiffres, commence_comme_une_formule, ecran
from collectivites.tables import Document, Genre, Table

__all__ = ["en_xlsx", "nom_de_feuille"]

#: Formats de nombres (codes indépendants de la langue ; Excel et LibreOffice en français
#: affichent « 1 234,56 € », « 1,35 % », « 06/12/2018 »).
FORMATS = {
    Genre.MONTANT: '#,##0.00\\ "€"',
    Genre.TAUX: "0.00\\ %",
    Genre.DATE: "dd/mm/yyyy",
    Genre.MOIS: "mm/yyyy",
    Genre.ENTIER: "#,##0",
    Genre.ANNEE: "0",
    Genre.NOMBRE: "#,##0",
}
_INTERDITS = re.compile(r"[\[\]:*?/\\\x00-\x1f]")
#: Ce qu'un classeur ne peut pas contenir : hors de la production ``Char`` de XML 1.0 (§ 2.2).
_NON_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
#: Nom de feuille réservé par Excel (aide de Microsoft « Renommer une feuille de calcul »).
_RESERVE = "history"
_LARGEUR_MAX = 60
#: Largeurs des colonnes de la feuille « Hypothèses » : libellés, valeurs et textes.
_LARGEUR_LIBELLES = 40
_LARGEUR_TEXTES = 100
_ZERO = Decimal("0.00")
#: Hauteur d'une ligne de texte, en points (police de 11 points et ses substituts).
_POINTS_PAR_LIGNE = 15
#: Mots qu'un nom de feuille coupé ne garde pas à sa fin (« Tableau récapitulatif des »).
_MOTS_VIDES = frozenset(
    {"à", "au", "aux", "d", "de", "des", "du", "en", "et", "l", "la", "le", "les", "par"}
    | {"pour", "sur", "un", "une", "vs", "-", "–", "—", "«", "»", ",", ";", ":", "("}
)


def format_nombre(genre: Genre, decimales: int | None) -> str | None:
    """Le format de nombre d'une cellule : celui du genre, avec ``decimales`` chiffres pour un
    taux ou un nombre (voir :func:`collectivites.rendu._valeurs.chiffres`)."""
    if genre is Genre.TAUX and decimales is not None:
        return "0" + ("." + "0" * decimales if decimales else "") + "\\ %"
    if genre is Genre.NOMBRE and decimales is not None:
        return "#,##0" + ("." + "0" * decimales if decimales else "")
    return FORMATS.get(genre)


def _lignes_de_texte(texte: str, largeur: int, gras: bool) -> int:
    """Lignes qu'occupe ``texte`` replié dans une colonne de ``largeur`` caractères. Estimation
    prudente : un caractère de texte compte pour 1,25 chiffre (1,5 en gras), car la police
    de substitution de LibreOffice (DejaVu Sans) est plus large que Calibri. Un mot trop long
    est coupé (comme le fait le tableur), sauf dans un en-tête : sa colonne est au moins aussi
    large que son plus long mot ; comme le tableur, on coupe après un trait d'union. Une colonne
    a au moins 3 de large (:func:`_largeur` d'un libellé d'une lettre, sans valeur) : une ligne
    tient au moins 2 caractères."""
    capacite = largeur * (2 if gras else 4) // (3 if gras else 5)
    return sum(
        len(textwrap.wrap(p, width=capacite, break_long_words=not gras)) or 1
        for p in texte.split("\n")
    )


def _hauteur(feuille: Any, rang: int, cellules: Iterable[tuple[str, int, bool]]) -> None:
    """Donne à la ligne ``rang`` la hauteur de sa cellule repliée la plus haute (si elle en a
    besoin de plus d'une ligne)."""
    lignes = max((_lignes_de_texte(t, lg, g) for t, lg, g in cellules), default=1)
    if lignes > 1:
        feuille.row_dimensions[rang].height = lignes * _POINTS_PAR_LIGNE


def _imprimer(feuille: Any) -> None:
    """Mise en page : A4 paysage, la largeur tenant sur une page, quadrillage imprimé, le nom de
    la feuille et la page en pied (la ligne d'en-tête d'un tableau, répétée en haut de chaque
    page, est donnée par l'appelant)."""
    feuille.page_setup.orientation = "landscape"
    feuille.page_setup.paperSize = feuille.PAPERSIZE_A4
    feuille.page_setup.fitToWidth = 1
    feuille.page_setup.fitToHeight = 0
    feuille.sheet_properties.pageSetUpPr.fitToPage = True
    feuille.print_options.gridLines = True
    feuille.oddFooter.center.text = "&A — page &P / &N"


def _couper(nom: str, longueur: int) -> str:
    """``nom`` en au plus ``longueur`` caractères, coupé entre deux mots (sauf un seul mot trop
    long), sans petit mot ni ponctuation à la fin."""
    if len(nom) <= longueur:
        return nom
    espace = nom[: longueur + 1].rfind(" ")
    if espace == -1:  # un seul mot : nom_de_feuille ne passe jamais d'espace en tête
        return nom[:longueur].rstrip("' ")
    mots = nom[:espace].split()
    while len(mots) > 1 and mots[-1].lower() in _MOTS_VIDES:
        mots.pop()
    return " ".join(mots).rstrip("' ,;:-–—«(")


def nom_de_feuille(nom: str, pris: set[str]) -> str:
    """Nom de feuille valide (31 caractères, coupé entre deux mots, sans ``[]:*?/\\``, ni
    apostrophe au début ou à la fin, ni le nom réservé « History ») et unique dans le classeur
    (sans égard à la casse).

    Examples:
        >>> nom_de_feuille("Tableau récapitulatif des indemnités", set())
        'Tableau récapitulatif'
    """
    base = _NON_XML.sub("-", _INTERDITS.sub("-", nom)).strip("' ") or "feuille"
    base = _couper(base, 31) or "feuille"  # sans apostrophe ni espace finale (_couper)
    candidat, rang = base, 2
    while candidat.lower() in pris or candidat.lower() == _RESERVE:
        suffixe = f" ({rang})"
        candidat = _couper(base, 31 - len(suffixe)) + suffixe
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


def _largeur(libelle: str, textes: Iterable[str]) -> int:
    """Largeur d'une colonne : le plus long mot de son libellé ou le plus long texte à l'écran
    + 3 (la marge couvre le « € » et l'espace des formats), plus 2, au plus 60."""
    mot = max((len(m) for m in libelle.split()), default=4)
    return min(max([mot, *(len(t) + 3 for t in textes)]) + 2, _LARGEUR_MAX)


def _entete(feuille: Any, libelles: Sequence[str], largeurs: Sequence[int]) -> None:
    """Ligne 1 : libellés en gras, repliés, alignés en bas, de la hauteur qu'il leur faut."""
    from openpyxl.styles import Alignment, Font

    for cellule in feuille[1]:
        cellule.font = Font(bold=True)
        cellule.alignment = Alignment(wrap_text=True, vertical="bottom")
    _hauteur(feuille, 1, ((libelle, largeurs[i], True) for i, libelle in enumerate(libelles)))


def _replier_textes(feuille: Any, table: Table, largeurs: Sequence[int]) -> None:
    """Les cellules de texte plus longues que leur colonne sont repliées, et leur ligne prend la
    hauteur qu'il leur faut."""
    from openpyxl.styles import Alignment

    textuelles = [i for i, c in enumerate(table.colonnes) if c.genre in (Genre.TEXTE, Genre.CODE)]
    for rang, ligne in enumerate(table.lignes, start=2):
        longues = []
        for i in textuelles:
            texte = ecran(ligne[i], table.colonnes[i].genre)
            if len(texte) > largeurs[i] - 2:
                feuille.cell(row=rang, column=i + 1).alignment = Alignment(
                    wrap_text=True, vertical="top"
                )
                longues.append((texte, largeurs[i], False))
        _hauteur(feuille, rang, longues)


def _feuille(classeur: Any, table: Table, nom: str, pris: set[str]) -> Any:
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    feuille = classeur.create_sheet(title=nom)
    _ajouter(feuille, [c.libelle for c in table.colonnes])
    genres = [c.genre for c in table.colonnes]
    for ligne in table.lignes:  # une ligne a autant de valeurs que de colonnes (Table le vérifie)
        _ajouter(feuille, list(map(_valeur, ligne, genres)))
    derniere = feuille.max_row
    totaux = table.totaux()
    if totaux is not None:
        cellules = list(totaux)  # des montants ou des nombres : seuls genres additionnés
        cellules[0] = cellules[0] if cellules[0] is not None else "Total"
        _ajouter(feuille, cellules)
        for cellule in feuille[feuille.max_row]:
            cellule.font = Font(bold=True)
    largeurs = []
    for rang, colonne in enumerate(table.colonnes, start=1):
        valeurs = [ligne[rang - 1] for ligne in table.lignes]
        decimales = chiffres(valeurs, colonne.genre, colonne.decimales)
        format_ = format_nombre(colonne.genre, decimales)
        if format_:
            for (cellule,) in feuille.iter_rows(min_row=2, min_col=rang, max_col=rang):
                cellule.number_format = format_
        textes = [ecran(v, colonne.genre, decimales) for v in valeurs]
        if totaux is not None:
            textes.append(ecran(totaux[rang - 1], colonne.genre, decimales))
        largeurs.append(_largeur(colonne.libelle, textes))
        feuille.column_dimensions[get_column_letter(rang)].width = largeurs[-1]
    _entete(feuille, [c.libelle for c in table.colonnes], largeurs)
    _replier_textes(feuille, table, largeurs)
    feuille.freeze_panes = "A2"
    _imprimer(feuille)
    feuille.print_title_rows = "1:1"
    if table.lignes:
        feuille.auto_filter.ref = f"A1:{get_column_letter(len(table.colonnes))}{derniere}"
        if table.graphique is not None:
            _graphique(classeur, feuille, table, derniere, pris)
    return feuille


def _graphique(classeur: Any, feuille: Any, table: Table, derniere: int, pris: set[str]) -> None:
    """Le graphique natif de la table (barres empilées, courbes sur un axe secondaire), sur une
    feuille « Graphique » (nom rendu unique) qui suit celle de la table : la table s'imprime
    seule à la largeur de la page, le graphique sur sa propre page. Avec des séries, cette
    feuille croise l'abscisse et les séries, le graphique à droite de ce tableau croisé."""
    from openpyxl.chart import BarChart, LineChart, Reference
    from openpyxl.utils import get_column_letter

    g = table.graphique
    assert g is not None
    if g.series:
        source, derniere, colonnes_barres, colonnes_courbes, rang_abscisse = _croiser(
            classeur, table, pris
        )
        cible, ancre = source, get_column_letter(source.max_column + 2) + "2"
    else:
        source = feuille
        cible, ancre = classeur.create_sheet(title=nom_de_feuille("Graphique", pris)), "B2"
        _imprimer(cible)
        cible.print_options.gridLines = False
        rangs = {c.cle: i for i, c in enumerate(table.colonnes, start=1)}
        colonnes_barres = [rangs[b] for b in g.barres]
        colonnes_courbes = [rangs[c] for c in g.courbes]
        rang_abscisse = rangs[g.abscisse]
    categories = Reference(source, min_col=rang_abscisse, min_row=2, max_row=derniere)
    barres = BarChart()
    barres.type, barres.grouping, barres.overlap = "col", "stacked", 100
    barres.title, barres.height, barres.width = g.titre, 12, 24
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
    cible.add_chart(barres, ancre)


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
            barres[b] = barres.get(b, _ZERO) + (ligne[rangs[b]] or _ZERO)
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
    _mettre_en_forme_croisee(feuille, table.colonne(g.abscisse).genre)
    n = len(g.barres)
    return (
        feuille,
        feuille.max_row,
        list(range(2, 2 + n)),
        list(range(2 + n, 2 + n + len(series))),
        1,
    )


def _mettre_en_forme_croisee(feuille: Any, genre_abscisse: Genre) -> None:
    """Largeurs de la feuille « Graphique » (les montants ne s'affichent pas en « ### »),
    en-têtes repliés (les noms des séries lisibles en entier), mise en page. Chaque en-tête est
    un texte : libellé de colonne ou nom de série."""
    from openpyxl.utils import get_column_letter

    libelles = [str(c.value) for c in feuille[1]]
    largeurs = []
    for rang, colonne in enumerate(feuille.iter_cols(), start=1):
        genre = genre_abscisse if rang == 1 else Genre.MONTANT
        largeur = _largeur(libelles[rang - 1], [ecran(c.value, genre) for c in colonne[1:]])
        if rang > 1:  # au moins « 1 234 567,89 € »
            largeur = max(largeur, 14)
        largeurs.append(largeur)
        feuille.column_dimensions[get_column_letter(rang)].width = largeur
    _entete(feuille, libelles, largeurs)
    feuille.freeze_panes = "A2"
    _imprimer(feuille)
    feuille.print_title_rows = "1:1"


def _hypotheses(classeur: Any, document: Document) -> None:
    from openpyxl.styles import Alignment, Font

    feuille = classeur.create_sheet(title="Hypothèses", index=0)
    feuille.column_dimensions["A"].width = _LARGEUR_LIBELLES
    feuille.column_dimensions["B"].width = _LARGEUR_TEXTES
    _imprimer(feuille)

    def hauteur(libelle: str, texte: str) -> None:
        feuille.cell(row=feuille.max_row, column=1).alignment = Alignment(
            wrap_text=True, vertical="top"
        )
        lignes = ((libelle, _LARGEUR_LIBELLES, False), (texte, _LARGEUR_TEXTES, False))
        _hauteur(feuille, feuille.max_row, lignes)

    def ecrire(doc: Document) -> None:
        if doc.titre:
            _ajouter(feuille, [doc.titre])
            feuille.cell(row=feuille.max_row, column=1).font = Font(bold=True)
            largeur = _LARGEUR_LIBELLES + _LARGEUR_TEXTES  # le titre déborde sur la colonne B
            _hauteur(feuille, feuille.max_row, ((doc.titre, largeur, True),))
        for fait in doc.faits:
            _ajouter(feuille, [fait.libelle, _valeur(fait.valeur, fait.genre)])
            cellule = feuille.cell(row=feuille.max_row, column=2)
            cellule.alignment = Alignment(horizontal="left", vertical="top", wrap_text=True)
            format_ = format_nombre(fait.genre, chiffres([fait.valeur], fait.genre))
            if format_:
                cellule.number_format = format_
            hauteur(fait.libelle, ecran(fait.valeur, fait.genre))
        for hypothese in doc.hypotheses:
            _ajouter(feuille, ["Hypothèse", hypothese])
            feuille.cell(row=feuille.max_row, column=2).alignment = Alignment(
                vertical="top", wrap_text=True
            )
            hauteur("Hypothèse", hypothese)
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
            "le format xlsx exige openpyxl",
            attendu="l'extra xlsx (pip install '.[xlsx]' depuis le dépôt, ou pip install openpyxl)",
        ) from None
    classeur = Workbook()
    classeur.remove(classeur.active)
    pris = {"hypothèses"}
    feuilles = [
        _feuille(classeur, table, nom_de_feuille(table.titre or table.cle, pris), pris)
        for table in document.toutes_les_tables()
    ]
    _hypotheses(classeur, document)
    # le classeur s'ouvre sur la table principale ; « Hypothèses » reste le premier onglet
    principale = feuilles[0] if feuilles else classeur["Hypothèses"]
    classeur.active = classeur.index(principale)
    for feuille in classeur.worksheets:
        feuille.sheet_view.tabSelected = feuille is principale
    tampon = io.BytesIO()
    classeur.save(tampon)
    return tampon.getvalue()
