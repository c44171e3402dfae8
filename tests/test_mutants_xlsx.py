"""Le classeur de chaque exemple livré, relu avec openpyxl et confronté à la description du
résultat (issue 27).

Chaque exemple de ``collectivites exemples``, l'état de la dette du compte administratif
d'exemple et le portefeuille par garant (feuille « Graphique » croisée) sont calculés par le
chemin du service web et de la ligne de commande (``traiter``, ``rendre_resultat(…, "xlsx")``),
puis le classeur est relu et comparé au :class:`~collectivites.tables.Document` du résultat :

* une feuille par table, dans l'ordre, nommée par son titre (31 caractères au plus, coupé entre
  deux mots, sans ``[]:*?/\\``, unique sans égard à la casse), suivie de sa feuille
  « Graphique » si elle en a un ; le classeur s'ouvre sur la première table ;
* l'en-tête (libellés, gras, replié), les valeurs exactes de chaque genre (montant, taux,
  nombre, entier, année, date, mois, code par son libellé — jamais vide —, booléen en
  « oui »/« non »), la ligne de totaux en gras ;
* le format de nombre de chaque genre (« € » sur chaque montant ; un taux ou un nombre avec
  autant de décimales que sa valeur la plus précise, le même nombre dans toute la colonne) ;
* les largeurs : aucun nombre affiché plus large que sa colonne ; un texte plus long que sa
  colonne est replié et sa ligne assez haute ;
* volets figés sous l'en-tête, filtre automatique sur les données, mise en page (A4 paysage,
  largeur d'une page, en-tête répété) ;
* aucun texte n'est une formule, et un texte qui commence comme une formule porte le préfixe
  d'apostrophe ;
* les références des séries des graphiques (ligne de titre et premier point compris), et la
  feuille croisée avec exactement une série par garant.

Les longueurs affichées sont recalculées ici avec le format de Python (« 1,234.56 » a la
longueur de « 1 234,56 »), pas avec le rendu.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import re
from decimal import Decimal
from typing import Any

import pytest

openpyxl = pytest.importorskip("openpyxl")

from openpyxl.utils import get_column_letter  # noqa: E402

from collectivites.chargement import catalogue_des_exemples  # noqa: E402
from collectivites.cli._cadre import rendre_resultat  # noqa: E402
from collectivites.rendu import rendre  # noqa: E402
from collectivites.rendu._xlsx import nom_de_feuille  # noqa: E402
from collectivites.tables import Colonne, Document, Fait, Genre, Graphique, Table  # noqa: E402
from collectivites.taux import taux_en_pourcentage  # noqa: E402
from collectivites.web._traitement import commande_web, traiter  # noqa: E402

MONTANT = '#,##0.00\\ "€"'
FORMATS_FIXES = {
    Genre.MONTANT: MONTANT,
    Genre.DATE: "dd/mm/yyyy",
    Genre.MOIS: "mm/yyyy",
    Genre.ENTIER: "#,##0",
    Genre.ANNEE: "0",
    Genre.TEXTE: "General",
    Genre.CODE: "General",
    Genre.BOOLEEN: "General",
}
FORMAT_TAUX = re.compile(r"0(?:\.(0+))?\\ %")
FORMAT_NOMBRE = re.compile(r"#,##0(?:\.(0+))?")
PLAFOND = 6  # décimales au plus d'un taux ou d'un nombre sans précision déclarée
INTERDITS = set("[]:*?/\\")


def _cas() -> dict[str, tuple[str, dict[str, Any]]]:
    table = catalogue_des_exemples().table()
    cas = {
        ligne["nom"]: (ligne["commande"].replace(" ", "/"), {"exemple": ligne["nom"]})
        for ligne in table.enregistrements()
    }
    cas["dette-etat"] = ("dette/etat", {"exemple": "crach-ca-2021"})
    cas["portefeuille-par-garant"] = (
        "pret/portefeuille",
        {"exemple": "cdc-57851", "par": "garant"},
    )
    return cas


CAS = _cas()


@pytest.fixture(scope="module")
def classeurs() -> dict[str, tuple[Document, Any]]:
    resultats = {}
    for nom, (chemin, donnees) in CAS.items():
        commande = commande_web(chemin)
        assert commande is not None, chemin
        resultat = traiter(commande, donnees, avec_resultat=lambda r, _a: r)
        octets, _code = rendre_resultat(resultat, "xlsx")
        assert isinstance(octets, bytes)
        resultats[nom] = (resultat.decrire(), openpyxl.load_workbook(io.BytesIO(octets)))
    return resultats


def _tables(document: Document) -> list[Table]:
    return list(document.toutes_les_tables())


def _feuilles_des_tables(document: Document, classeur: Any) -> list[tuple[Table, Any, Any]]:
    """(table, feuille, feuille de son graphique ou None), dans l'ordre des onglets."""
    noms = classeur.sheetnames
    assert noms[0] == "Hypothèses"
    rang, paires = 1, []
    for table in _tables(document):
        feuille = classeur[noms[rang]]
        rang += 1
        graphique = None
        if table.graphique is not None and table.lignes:
            graphique = classeur[noms[rang]]
            rang += 1
        paires.append((table, feuille, graphique))
    assert rang == len(noms)  # aucune feuille de plus
    return paires


def test_le_catalogue_couvre_chaque_genre(classeurs: dict[str, tuple[Document, Any]]) -> None:
    genres = {
        c.genre for document, _ in classeurs.values() for t in _tables(document) for c in t.colonnes
    }
    assert genres >= {
        Genre.MONTANT,
        Genre.TAUX,
        Genre.NOMBRE,
        Genre.ENTIER,
        Genre.ANNEE,
        Genre.DATE,
        Genre.MOIS,
        Genre.TEXTE,
        Genre.CODE,
        Genre.BOOLEEN,
    }
    assert len(classeurs) >= 17


# --- noms des feuilles, feuille active, mise en page ---------------------------------------------


def _nom_attendu_valide(titre: str, nom: str) -> None:
    assert 1 <= len(nom) <= 31, nom
    assert not INTERDITS & set(nom), nom
    assert nom[0] != "'" and nom[-1] != "'", nom
    propre = "".join("-" if c in INTERDITS else c for c in titre).strip("' ")
    base = re.sub(r" \(\d+\)$", "", nom)
    if len(propre) <= 31 and base == nom:
        assert nom == propre
    else:
        # coupé entre deux mots : le nom est un début du titre suivi d'une espace
        assert propre.startswith(base), (titre, nom)
        assert len(base) == len(propre) or propre[len(base)] == " ", (titre, nom)


@pytest.mark.parametrize("nom", CAS)
def test_noms_des_feuilles(classeurs: dict[str, tuple[Document, Any]], nom: str) -> None:
    document, classeur = classeurs[nom]
    assert len({n.lower() for n in classeur.sheetnames}) == len(classeur.sheetnames)
    for table, feuille, graphique in _feuilles_des_tables(document, classeur):
        _nom_attendu_valide(table.titre or table.cle, feuille.title)
        if graphique is not None:
            assert re.fullmatch(r"Graphique( \(\d+\))?", graphique.title), graphique.title


@pytest.mark.parametrize("nom", CAS)
def test_feuille_active_et_mise_en_page(
    classeurs: dict[str, tuple[Document, Any]], nom: str
) -> None:
    document, classeur = classeurs[nom]
    paires = _feuilles_des_tables(document, classeur)
    attendue = paires[0][1].title if paires else "Hypothèses"
    assert classeur.active.title == attendue
    assert [f.title for f in classeur.worksheets if f.sheet_view.tabSelected] == [attendue]
    croisees = {
        g.title for t, _f, g in paires if g is not None and t.graphique and t.graphique.series
    }
    tables = {f.title for _t, f, _g in paires}
    for feuille in classeur.worksheets:
        mise_en_page = feuille.page_setup
        assert mise_en_page.orientation == "landscape", feuille.title
        assert str(mise_en_page.paperSize) == "9", feuille.title  # A4
        assert (mise_en_page.fitToWidth, mise_en_page.fitToHeight) == (1, 0), feuille.title
        assert feuille.sheet_properties.pageSetUpPr.fitToPage is True, feuille.title
        assert feuille.oddFooter.center.text == "&A — page &P / &N"
        # quadrillage imprimé, sauf sur la feuille d'un graphique seul
        graphique_seul = feuille.title.startswith("Graphique") and feuille.title not in croisees
        assert bool(feuille.print_options.gridLines) is not graphique_seul, feuille.title
        repetee = "$1:$1" if feuille.title in tables | croisees else None
        assert feuille.print_title_rows == repetee, feuille.title
        assert feuille.freeze_panes == ("A2" if feuille.title in tables | croisees else None)


# --- en-tête, valeurs, formats, totaux -----------------------------------------------------------


def _lue(valeur: Any) -> Any:
    return valeur.date() if isinstance(valeur, dt.datetime) else valeur


def _attendue(valeur: Any, genre: Genre) -> Any:
    if valeur is None:
        return None
    if genre is Genre.CODE:
        texte = str(getattr(valeur, "libelle", valeur))
        assert texte  # un code présent n'est jamais une cellule vide
        return texte
    if genre is Genre.BOOLEEN:
        return "oui" if valeur else "non"
    if valeur == "":
        return None  # un texte vide est une cellule vide
    if isinstance(valeur, Decimal):
        return float(valeur)  # la cellule porte le nombre exact ; openpyxl le relit en flottant
    return valeur


def _decimales_du_format(format_: str, motif: re.Pattern[str]) -> int:
    correspondance = motif.fullmatch(format_)
    assert correspondance, format_
    return len(correspondance.group(1) or "")


def _decimales_exigees(valeur: Decimal, plafond: int = PLAFOND) -> int:
    """Les décimales que la valeur porte (« 12.400 » : 3) si elles tiennent sous le plafond,
    sinon celles qui restent une fois arrondie au plafond (zéros de queue retirés)."""
    exposant = valeur.as_tuple().exponent
    assert isinstance(exposant, int)
    if -exposant <= plafond:
        return max(0, -exposant)
    arrondie = valeur.quantize(Decimal(1).scaleb(-plafond)).normalize()
    exposant = arrondie.as_tuple().exponent
    assert isinstance(exposant, int)
    return max(0, -exposant)


def _verifier_precision(colonne: Any, valeurs: list[Any], decimales: int) -> None:
    """Autant de décimales que la valeur la plus précise, au moins 2 pour un taux, au plus la
    précision déclarée (ou 6)."""
    minimum = 2 if colonne.genre is Genre.TAUX else 0
    plafond = PLAFOND if colonne.decimales is None else colonne.decimales
    vues = [
        taux_en_pourcentage(v) if colonne.genre is Genre.TAUX else v
        for v in valeurs
        if isinstance(v, Decimal)
    ]
    exigees = max([minimum, *(_decimales_exigees(v, plafond) for v in vues)])
    assert decimales == min(exigees, plafond), (colonne.cle, decimales)


@pytest.mark.parametrize("nom", CAS)
def test_cellules_de_chaque_table(classeurs: dict[str, tuple[Document, Any]], nom: str) -> None:
    document, classeur = classeurs[nom]
    for table, feuille, _g in _feuilles_des_tables(document, classeur):
        entete = feuille[1]
        assert [c.value for c in entete] == [c.libelle or None for c in table.colonnes]
        assert all(c.font.b and c.alignment.wrap_text for c in entete)
        totaux = table.totaux()
        lignes = list(table.lignes) + ([totaux] if totaux is not None else [])
        assert feuille.max_row == 1 + len(lignes)
        for rang, ligne in enumerate(lignes, start=2):
            cellules = feuille[rang]
            lues = [_lue(c.value) for c in cellules]
            attendues = [_attendue(v, c.genre) for v, c in zip(ligne, table.colonnes, strict=True)]
            if ligne is totaux and attendues[0] is None:
                attendues[0] = "Total"
            assert lues == attendues, (table.cle, rang)
            assert all(bool(c.font.b) is (ligne is totaux) for c in cellules), (table.cle, rang)
        for i, colonne in enumerate(table.colonnes, start=1):
            formats = {
                feuille.cell(row=r, column=i).number_format for r in range(2, 2 + len(lignes))
            }
            if not lignes:
                continue
            assert len(formats) == 1, (table.cle, colonne.cle, formats)  # un format par colonne
            (format_,) = formats
            if colonne.genre in FORMATS_FIXES:
                assert format_ == FORMATS_FIXES[colonne.genre], (table.cle, colonne.cle)
            else:
                motif = FORMAT_TAUX if colonne.genre is Genre.TAUX else FORMAT_NOMBRE
                decimales = _decimales_du_format(format_, motif)
                _verifier_precision(colonne, [ligne[i - 1] for ligne in table.lignes], decimales)


@pytest.mark.parametrize("nom", CAS)
def test_volets_et_filtre(classeurs: dict[str, tuple[Document, Any]], nom: str) -> None:
    document, classeur = classeurs[nom]
    for table, feuille, _g in _feuilles_des_tables(document, classeur):
        assert feuille.freeze_panes == "A2"
        if table.lignes:
            derniere = get_column_letter(len(table.colonnes))
            assert feuille.auto_filter.ref == f"A1:{derniere}{1 + len(table.lignes)}"
        else:
            assert feuille.auto_filter.ref is None


# --- largeurs et hauteurs ------------------------------------------------------------------------


def _affiche(valeur: Any, genre: Genre, decimales: int) -> str | None:
    """Le nombre tel que le tableur l'affiche (longueur seulement : « , » pour l'espace des
    milliers, « . » pour la virgule), avec son unité."""
    if valeur is None:
        return None
    if genre is Genre.MONTANT:
        return f"{valeur:,.2f} €"
    if genre is Genre.TAUX:
        return f"{taux_en_pourcentage(valeur):,.{decimales}f} %"
    if genre is Genre.NOMBRE:
        return f"{valeur:,.{decimales}f}"
    if genre is Genre.ENTIER:
        return f"{valeur:,}"
    if genre is Genre.ANNEE:
        return str(valeur)
    if genre is Genre.DATE:
        return "00/00/0000"
    if genre is Genre.MOIS:
        return "00/0000"
    return None


@pytest.mark.parametrize("nom", CAS)
def test_aucun_nombre_plus_large_que_sa_colonne(
    classeurs: dict[str, tuple[Document, Any]], nom: str
) -> None:
    """Un nombre plus large que sa colonne s'afficherait « ### »."""
    document, classeur = classeurs[nom]
    for table, feuille, _g in _feuilles_des_tables(document, classeur):
        totaux = table.totaux()
        lignes = list(table.lignes) + ([totaux] if totaux is not None else [])
        for i, colonne in enumerate(table.colonnes, start=1):
            largeur = feuille.column_dimensions[get_column_letter(i)].width
            assert 4 <= largeur <= 60, (table.cle, colonne.cle, largeur)
            format_ = feuille.cell(row=2, column=i).number_format if lignes else "General"
            decimales = 0
            for motif in (FORMAT_TAUX, FORMAT_NOMBRE):
                if motif.fullmatch(format_):
                    decimales = _decimales_du_format(format_, motif)
            for ligne in lignes:
                texte = _affiche(ligne[i - 1], colonne.genre, decimales)
                if texte is not None:
                    # deux caractères de marge : un total en gras et la police de substitution
                    # de LibreOffice, plus larges, ne doivent pas le faire déborder
                    assert len(texte) + 2 <= largeur, (table.cle, colonne.cle, texte, largeur)
            # le libellé tient, au plus long de ses mots, dans la colonne (il se replie ailleurs)
            mot = max((len(m) for m in colonne.libelle.split()), default=0)
            assert mot <= largeur or largeur == 60, (table.cle, colonne.libelle)


@pytest.mark.parametrize("nom", CAS)
def test_textes_replies_et_lignes_assez_hautes(
    classeurs: dict[str, tuple[Document, Any]], nom: str
) -> None:
    document, classeur = classeurs[nom]
    replies = 0
    for table, feuille, _g in _feuilles_des_tables(document, classeur):
        for rang, ligne in enumerate(table.lignes, start=2):
            hauteur = feuille.row_dimensions[rang].height
            for i, colonne in enumerate(table.colonnes, start=1):
                if colonne.genre not in (Genre.TEXTE, Genre.CODE) or ligne[i - 1] is None:
                    continue
                texte = str(_attendue(ligne[i - 1], colonne.genre))
                largeur = feuille.column_dimensions[get_column_letter(i)].width
                cellule = feuille.cell(row=rang, column=i)
                if len(texte) > largeur:
                    replies += 1
                    assert cellule.alignment.wrap_text is True, (table.cle, rang, texte)
                    # un caractère de texte compte pour 1,25 chiffre de largeur (police de
                    # substitution de LibreOffice, plus large que Calibri)
                    lignes_min = math.ceil(len(texte) * 5 / (4 * largeur))
                    assert hauteur is not None and hauteur >= 15 * lignes_min, (table.cle, rang)
                elif len(texte) <= largeur - 2:
                    assert not cellule.alignment.wrap_text, (table.cle, rang, texte)
    if nom == "alcome-contrat-type":
        assert replies > 0  # au moins un exemple a des textes repliés


@pytest.mark.parametrize("nom", CAS)
def test_feuille_hypotheses(classeurs: dict[str, tuple[Document, Any]], nom: str) -> None:
    """Titre en gras, puis chaque fait (libellé, valeur au format de son genre), puis chaque
    hypothèse ; chaque ligne de texte long assez haute pour la colonne B (100)."""
    document, classeur = classeurs[nom]
    feuille = classeur["Hypothèses"]
    rang = 1
    if document.titre:
        assert feuille.cell(row=1, column=1).value == document.titre
        assert feuille.cell(row=1, column=1).font.b
        rang = 2
    for fait in document.faits:
        libelle, valeur = feuille.cell(row=rang, column=1), feuille.cell(row=rang, column=2)
        assert libelle.value == fait.libelle
        genre = Genre(fait.genre)
        assert _lue(valeur.value) == _attendue(fait.valeur, genre), fait.cle
        if genre in FORMATS_FIXES:
            assert valeur.number_format == FORMATS_FIXES[genre], fait.cle
        elif isinstance(fait.valeur, Decimal):
            motif = FORMAT_TAUX if genre is Genre.TAUX else FORMAT_NOMBRE
            decimales = _decimales_du_format(valeur.number_format, motif)
            vue = taux_en_pourcentage(fait.valeur) if genre is Genre.TAUX else fait.valeur
            assert decimales == min(
                max(_decimales_exigees(vue), 2 if genre is Genre.TAUX else 0), PLAFOND
            )
        rang += 1
    for hypothese in document.hypotheses:
        assert [feuille.cell(row=rang, column=c).value for c in (1, 2)] == ["Hypothèse", hypothese]
        if len(hypothese) > 80:
            hauteur = feuille.row_dimensions[rang].height
            lignes_min = math.ceil(len(hypothese) * 5 / (4 * 100))
            assert hauteur is not None and hauteur >= 15 * lignes_min
            assert feuille.cell(row=rang, column=2).alignment.wrap_text
        rang += 1
    assert (feuille.column_dimensions["A"].width, feuille.column_dimensions["B"].width) == (40, 100)


# --- textes jamais formules ----------------------------------------------------------------------


@pytest.mark.parametrize("nom", CAS)
def test_aucune_formule(classeurs: dict[str, tuple[Document, Any]], nom: str) -> None:
    _document, classeur = classeurs[nom]
    for feuille in classeur.worksheets:
        for ligne in feuille.iter_rows():
            for cellule in ligne:
                assert cellule.data_type != "f", (feuille.title, cellule.coordinate)
                if isinstance(cellule.value, str) and cellule.value.lstrip()[:1] in "=+-@":
                    assert cellule.quotePrefix, (feuille.title, cellule.coordinate)


# --- graphiques ----------------------------------------------------------------------------------


def _references(graphique: Any) -> list[tuple[str, str, str]]:
    return [(s.tx.strRef.f, s.val.numRef.f, s.cat.numRef.f) for s in graphique.series]


def _attendues(feuille: str, colonnes: list[int], abscisse: int, derniere: int) -> list[Any]:
    f = f"'{feuille}'!"
    x = get_column_letter(abscisse)
    return [
        (
            f"{f}{get_column_letter(c)}1",  # le titre de la série : sa ligne d'en-tête
            f"{f}${get_column_letter(c)}$2:${get_column_letter(c)}${derniere}",  # premier point
            f"{f}${x}$2:${x}${derniere}",
        )
        for c in colonnes
    ]


def test_graphiques_des_tables(classeurs: dict[str, tuple[Document, Any]]) -> None:
    vus = 0
    for document, classeur in classeurs.values():
        for table, feuille, graphique in _feuilles_des_tables(document, classeur):
            g = table.graphique
            if graphique is None or g is None or g.series:
                continue
            vus += 1
            rangs = {c.cle: i for i, c in enumerate(table.colonnes, start=1)}
            derniere = 1 + len(table.lignes)
            (dessin,) = graphique._charts
            barres, courbes = dessin._charts
            assert _references(barres) == _attendues(
                feuille.title, [rangs[b] for b in g.barres], rangs[g.abscisse], derniere
            )
            assert _references(courbes) == _attendues(
                feuille.title, [rangs[c] for c in g.courbes], rangs[g.abscisse], derniere
            )
            assert dessin.title.tx.rich.p[0].r[0].t == g.titre
            assert feuille._charts == []
    assert vus >= 5


def test_feuille_croisee_du_portefeuille_par_garant(
    classeurs: dict[str, tuple[Document, Any]],
) -> None:
    """Une ligne par année (triées), les barres additionnées, une colonne — et une série — par
    garant, dans l'ordre où les garants apparaissent : ni une de plus, ni une de moins."""
    document, classeur = classeurs["portefeuille-par-garant"]
    ((table, _feuille, croisee),) = [p for p in _feuilles_des_tables(document, classeur) if p[2]]
    g = table.graphique
    assert g is not None and g.series is not None
    rangs = {c.cle: i for i, c in enumerate(table.colonnes)}
    garants: list[str] = []
    barres: dict[Any, list[Decimal]] = {}
    courbes: dict[tuple[Any, str], Any] = {}
    for ligne in table.lignes:
        x, serie = ligne[rangs[g.abscisse]], str(ligne[rangs[g.series]])
        if serie not in garants:
            garants.append(serie)
        sommes = barres.setdefault(x, [Decimal(0)] * len(g.barres))
        for k, b in enumerate(g.barres):
            sommes[k] += ligne[rangs[b]] or 0
        courbes[(x, serie)] = ligne[rangs[g.courbes[0]]]
    assert len(garants) >= 2
    entete = [c.value for c in croisee[1]]
    assert entete == [
        table.colonne(g.abscisse).libelle,
        *(table.colonne(b).libelle for b in g.barres),
        *garants,
    ]
    annees = sorted(barres)
    assert croisee.max_row == 1 + len(annees)
    for rang, x in enumerate(annees, start=2):
        lues = [c.value for c in croisee[rang]]
        attendues = [x, *barres[x], *(courbes.get((x, s)) for s in garants)]
        assert lues == [float(v) if isinstance(v, Decimal) else v for v in attendues], x
        assert all(c.number_format == MONTANT for c in croisee[rang][1:])
    (dessin,) = croisee._charts
    series_barres, series_courbes = dessin._charts
    n = len(g.barres)
    derniere = 1 + len(annees)
    assert _references(series_barres) == _attendues(
        croisee.title, list(range(2, 2 + n)), 1, derniere
    )
    assert _references(series_courbes) == _attendues(
        croisee.title, list(range(2 + n, 2 + n + len(garants))), 1, derniere
    )
    assert len(series_barres.series) + len(series_courbes.series) == n + len(garants)
    # les montants de la feuille croisée ne s'affichent pas en « ### »
    for i in range(2, croisee.max_column + 1):
        largeur = croisee.column_dimensions[get_column_letter(i)].width
        assert largeur >= 14
        for rang in range(2, croisee.max_row + 1):
            valeur = croisee.cell(row=rang, column=i).value
            if valeur is not None:
                assert len(f"{Decimal(str(valeur)):,.2f} €") + 2 <= largeur


def test_nom_de_feuille_de_40_caracteres() -> None:
    assert nom_de_feuille("x" * 40, set()) == "x" * 31
    assert len(nom_de_feuille("Capital restant dû par prêteur et par garant", set())) <= 31


@pytest.mark.parametrize(
    ("nom", "attendu"),
    [
        # « des » en fin de nom retiré, même s'il ne reste qu'un mot
        ("Récapitulatif des indemnisations-compensatoires", "Récapitulatif"),
        # coupé après « intérêts, » : la virgule finale retirée
        ("Capital restant dû, intérêts, accessoires et frais", "Capital restant dû, intérêts"),
        ("Capital restant dû ; intérêts ; accessoires et frais", "Capital restant dû ; intérêts"),
    ],
)
def test_nom_de_feuille_sans_petit_mot_ni_ponctuation_finale(nom: str, attendu: str) -> None:
    assert nom_de_feuille(nom, set()) == attendu


def test_nom_de_feuille_unique_sans_apostrophe_avant_le_suffixe() -> None:
    """Un seul mot trop long coupé juste après une apostrophe : elle ne reste pas devant
    « (2) »."""
    pris: set[str] = set()
    nom = "a" * 26 + "'" + "b" * 10
    assert nom_de_feuille(nom, pris) == "a" * 26 + "'bbbb"
    assert nom_de_feuille(nom, pris) == "a" * 26 + " (2)"


@pytest.mark.parametrize("texte", ["=1+1", "+33 4 92", "-2", "@SOMME(A1)", "  =A1"])
def test_textes_comme_des_formules_neutralises_partout(texte: str) -> None:
    """En-tête, cellules de texte, ligne de totaux, séries de la feuille croisée, faits et
    hypothèses : une cellule de texte avec le préfixe d'apostrophe, jamais une formule."""
    table = Table(
        cle="t",
        titre="T",
        colonnes=(
            Colonne(cle="annee", libelle="Année", genre=Genre.ANNEE),
            Colonne(cle="garant", libelle=texte, genre=Genre.TEXTE),
            Colonne(cle="capital", libelle="Capital", genre=Genre.MONTANT, total=True),
        ),
        lignes=((2024, texte, Decimal("1.00")), (2025, "B", Decimal("2.00"))),
        graphique=Graphique(titre=texte, abscisse="annee", courbes=("capital",), series="garant"),
    )
    document = Document(
        titre=texte,
        faits=(Fait(cle="f", libelle=texte, valeur=texte),),
        hypotheses=(texte,),
        tables=(table,),
    )
    octets = rendre(document, "xlsx")
    assert isinstance(octets, bytes)
    classeur = openpyxl.load_workbook(io.BytesIO(octets))
    trouvees = []
    for feuille in classeur.worksheets:
        for ligne in feuille.iter_rows():
            for cellule in ligne:
                assert cellule.data_type != "f"
                if cellule.value == texte:
                    assert cellule.quotePrefix, (feuille.title, cellule.coordinate)
                    trouvees.append((feuille.title, cellule.coordinate))
    # feuille croisée : chaque colonne de montants au moins de 14 (« 1 234 567,89 € »), même
    # pour de petits montants ; l'année : « 2024 » + 3 + 2
    croisee = classeur["Graphique"]
    assert [croisee.column_dimensions[c].width for c in "ABC"] == [9, 14, 14]
    assert sorted(trouvees) == [
        ("Graphique", "B1"),  # la première série (sans barres), qui porte ce nom
        ("Hypothèses", "A1"),
        ("Hypothèses", "A2"),
        ("Hypothèses", "B2"),
        ("Hypothèses", "B3"),
        ("T", "B1"),
        ("T", "B2"),
    ]


@pytest.mark.parametrize(
    ("nom", "cle", "format_"),
    [
        ("indemnites-oraison-2023", "population", "#,##0"),  # 6 300 habitants
        ("indemnites-oraison-2023", "indice_majore", "#,##0"),
        ("indemnites-oraison-2023", "point_annuel", "#,##0.0000"),  # 59,0734
        ("indemnites-oraison-2023", "terme_de_reference", MONTANT),  # 4 085,91 €
        ("indemnites-oraison-2023", "taux_maire_max", "0.00\\ %"),  # 55,00 %
        ("indemnites-oraison-2023", "date", "dd/mm/yyyy"),
        ("rep-oraison-2022", "coefficient", "#,##0"),  # coefficient 1
        ("rep-oraison-2022", "annee", "0"),  # 2022, sans séparateur de milliers
    ],
)
def test_format_de_chaque_nature_de_fait(
    classeurs: dict[str, tuple[Document, Any]], nom: str, cle: str, format_: str
) -> None:
    document, classeur = classeurs[nom]
    rang = 1 + bool(document.titre) + [f.cle for f in document.faits].index(cle)
    fait = document.faits[rang - 1 - bool(document.titre)]
    cellule = classeur["Hypothèses"].cell(row=rang, column=2)
    assert classeur["Hypothèses"].cell(row=rang, column=1).value == fait.libelle
    assert cellule.number_format == format_
