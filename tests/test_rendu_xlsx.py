"""Le classeur XLSX relu avec openpyxl (issue 27) : formats de nombres de chaque genre, largeurs
de colonnes, volets figés, filtre, gras des en-têtes et des totaux, noms de feuilles, cellules de
codes, feuille « Hypothèses », graphiques natifs (références des séries, feuille croisée).

Les valeurs attendues sont calculées à la main depuis la règle de ``rendu/_xlsx.py`` (largeur =
plus long mot du libellé ou plus long texte à l'écran + 3, plus 2, au plus 60), pas recopiées
d'un rendu.
"""

from __future__ import annotations

import datetime as dt
import enum
import io
from decimal import Decimal
from typing import Any

import attrs
import pytest

from collectivites.rendu import rendre
from collectivites.tables import Colonne, Document, Fait, Genre, Graphique, Table

openpyxl = pytest.importorskip("openpyxl")
from collectivites.rendu._xlsx import nom_de_feuille  # noqa: E402  (exige openpyxl)

MONTANT = '#,##0.00\\ "€"'
TAUX = "0.00\\ %"
DATE = "dd/mm/yyyy"
MOIS = "mm/yyyy"
ENTIER = "#,##0"
ANNEE = "0"
NOMBRE = "#,##0.0"  # la colonne « Tonnes » : 12,5 ; 1 ; 2 → une décimale pour toutes
GENERAL = "General"


class Fonction(enum.Enum):
    """Un code : sa valeur va aux fichiers de programmes, son libellé au classeur."""

    ADJOINTE = "adjointe"

    @property
    def libelle(self) -> str:
        return "Première adjointe au maire"  # 26 caractères


def _table(**autres: Any) -> Table:
    """Une colonne de chaque genre ; trois lignes ; deux colonnes de montants (totaux)."""
    champs: dict[str, Any] = {
        "cle": "echeances",
        "titre": "Échéances",
        "colonnes": (
            Colonne(cle="numero", libelle="N°", genre=Genre.ENTIER),
            Colonne(cle="date", libelle="Date d'échéance", genre=Genre.DATE),
            Colonne(cle="mois", libelle="Mois", genre=Genre.MOIS),
            Colonne(cle="exercice", libelle="Exercice", genre=Genre.ANNEE),
            Colonne(cle="taux", libelle="Taux", genre=Genre.TAUX),
            Colonne(cle="tonnes", libelle="Tonnes", genre=Genre.NOMBRE),
            Colonne(cle="montant", libelle="Montant", genre=Genre.MONTANT, total=True),
            Colonne(cle="note", libelle="Observation libre", genre=Genre.TEXTE),
            Colonne(cle="fonction", libelle="Fonction", genre=Genre.CODE),
            Colonne(cle="delegation", libelle="Délégation", genre=Genre.BOOLEEN),
            Colonne(cle="capital", libelle="Capital dû", genre=Genre.MONTANT, total=True),
        ),
        "lignes": (
            (
                1,
                dt.date(2018, 12, 6),
                dt.date(2018, 12, 1),
                2018,
                Decimal("0.0135"),
                Decimal("12.5"),
                Decimal("99999.99"),
                "x" * 70,
                Fonction.ADJOINTE,
                True,
                Decimal("128189.00"),
            ),
            (
                2,
                dt.date(2019, 12, 6),
                dt.date(2019, 12, 1),
                2019,
                Decimal("0.0135"),
                Decimal("1"),
                Decimal("99999.99"),
                "b",
                None,
                False,
                Decimal("100000.00"),
            ),
            (
                3,
                dt.date(2020, 12, 6),
                dt.date(2020, 12, 1),
                2020,
                Decimal("0.02"),
                Decimal("2"),
                None,
                None,
                Fonction.ADJOINTE,
                None,
                Decimal("50000.00"),
            ),
        ),
        "graphique": Graphique(
            titre="Profil", abscisse="date", barres=("montant",), courbes=("capital",)
        ),
    }
    champs.update(autres)
    return Table(**champs)


def _classeur(document: Document) -> Any:
    octets = rendre(document, "xlsx")
    assert isinstance(octets, bytes)
    return openpyxl.load_workbook(io.BytesIO(octets))


@pytest.fixture(scope="module")
def feuille() -> Any:
    return _classeur(Document(titre="Essai", tables=(_table(),)))["Échéances"]


# --- une feuille par table ---------------------------------------------------------------------


def test_en_tete_libelles_gras_a_la_ligne(feuille: Any) -> None:
    entete = [c.value for c in feuille[1]]
    assert entete == [
        "N°",
        "Date d'échéance",
        "Mois",
        "Exercice",
        "Taux",
        "Tonnes",
        "Montant",
        "Observation libre",
        "Fonction",
        "Délégation",
        "Capital dû",
    ]
    for cellule in feuille[1]:
        assert cellule.font.b is True
        assert cellule.alignment.wrap_text is True and cellule.alignment.vertical == "bottom"
        assert cellule.number_format == GENERAL  # l'en-tête n'a pas de format de nombre
    assert feuille.max_row == 5 and feuille.max_column == 11


def test_formats_de_nombres_de_chaque_genre(feuille: Any) -> None:
    """Lignes 2 à 4 (données) et 5 (totaux) : le format du genre de la colonne."""
    attendus = [ENTIER, DATE, MOIS, ANNEE, TAUX, NOMBRE, MONTANT]
    attendus += [GENERAL, GENERAL, GENERAL, MONTANT]
    for rang in range(2, 6):
        assert [c.number_format for c in feuille[rang]] == attendus, rang


def _lues(cellules: Any) -> list[Any]:
    """Les valeurs relues ; openpyxl relit une date en ``datetime`` à minuit."""
    return [c.value.date() if isinstance(c.value, dt.datetime) else c.value for c in cellules]


def test_valeurs_exactes_et_types(feuille: Any) -> None:
    ligne = _lues(feuille[2])
    assert ligne[:7] == [
        1,
        dt.date(2018, 12, 6),
        dt.date(2018, 12, 1),
        2018,
        0.0135,
        12.5,
        99999.99,
    ]
    assert ligne[7:] == ["x" * 70, "Première adjointe au maire", "oui", 128189]
    assert [c.value for c in feuille[3]][8:10] == [None, "non"]
    assert [c.data_type for c in feuille[2]] == [
        "n",
        "d",
        "d",
        "n",
        "n",
        "n",
        "n",
        "s",
        "s",
        "s",
        "n",
    ]
    # une valeur absente reste une cellule vide, jamais « None » ni 0
    assert feuille["G4"].value is None and feuille["H4"].value is None
    assert feuille["J4"].value is None


def test_colonne_de_codes_jamais_vide(feuille: Any) -> None:
    """Chaque code présent s'écrit par son libellé (ni vide, ni la valeur technique)."""
    assert [feuille[f"I{r}"].value for r in (2, 3, 4)] == [
        "Première adjointe au maire",
        None,  # code absent de la ligne 2
        "Première adjointe au maire",
    ]


def test_ligne_de_totaux(feuille: Any) -> None:
    totaux = [c.value for c in feuille[5]]
    assert totaux == ["Total", None, None, None, None, None, 199999.98, None, None, None, 278189]
    assert all(c.font.b for c in feuille[5])
    assert not any(c.font.b for r in (2, 3, 4) for c in feuille[r])


def test_le_premier_total_garde_sa_valeur() -> None:
    """Si la première colonne s'additionne, la ligne de totaux y met la somme, pas « Total »."""
    table = Table(
        cle="t",
        titre="T",
        colonnes=(
            Colonne(cle="n", libelle="Nombre", genre=Genre.ENTIER, total=True),
            Colonne(cle="x", libelle="Libellé", genre=Genre.TEXTE),
        ),
        lignes=((2, "a"), (3, "b")),
    )
    feuille = _classeur(Document(titre="D", tables=(table,)))["T"]
    assert [c.value for c in feuille[4]] == [5, None]
    sans_total = Table(cle="u", titre="U", colonnes=table.colonnes[1:], lignes=(("a",),))
    feuille = _classeur(Document(titre="D", tables=(sans_total,)))["U"]
    assert feuille.max_row == 2  # aucune ligne de totaux sans colonne additionnée


def test_largeurs_de_colonnes(feuille: Any) -> None:
    """Largeur = max(plus long mot du libellé, plus long texte à l'écran + 3) + 2, au plus 60.

    « 1 » → 4 → 6 ; « 06/12/2018 » → 13, « d'échéance » 10 → 15 ; « 12/2018 » → 10 → 12 ;
    « Exercice » 8 > « 2018 » + 3 → 10 ; « 1,35 % » → 9 → 11 ; « 12,5 » → 7 → 9 ; total
    « 199 999,98 » (10 caractères, plus long que chaque ligne : « 99 999,99 ») → 13 → 15 ;
    70 « x » → 60 ; « Première adjointe au maire » → 29 → 31 ; « Délégation » 10 > « oui » + 3
    → 12 ; « 128 189,00 » → 13 → 15. Les montants s'affichent sans « € » à l'écran : la marge
    de 3 le couvre."""
    largeurs = {c: feuille.column_dimensions[c].width for c in "ABCDEFGHIJK"}
    assert largeurs == {
        "A": 6,
        "B": 15,
        "C": 12,
        "D": 10,
        "E": 11,
        "F": 9,
        "G": 15,
        "H": 60,
        "I": 31,
        "J": 12,
        "K": 15,
    }


def test_largeur_d_un_libelle_vide_sans_ligne() -> None:
    """Sans mot ni valeur, la largeur part de 4 (+ 2)."""
    table = Table(
        cle="vide",
        titre="Vide",
        colonnes=(Colonne(cle="a", libelle="", genre=Genre.TEXTE),),
        lignes=(),
    )
    feuille = _classeur(Document(titre="D", tables=(table,)))["Vide"]
    assert feuille.column_dimensions["A"].width == 6


def test_volets_figes_filtre_et_hauteurs(feuille: Any) -> None:
    """Hauteurs : 15 points par ligne de texte repliée, un caractère comptant pour 1,25 chiffre
    de largeur (1,5 en gras). En-tête : « Date d'échéance » en gras dans 15 → 10 caractères par
    ligne → « Date » / « d'échéance » : 2 lignes, 30 points. Ligne 2 : 70 « x » dans 60 → 48
    par ligne → 2 lignes, 30 points, et la cellule est repliée. Lignes 3 à 5 : une ligne."""
    assert feuille.freeze_panes == "A2"
    assert feuille.auto_filter.ref == "A1:K4"  # les données, sans la ligne de totaux
    hauteurs = [feuille.row_dimensions[r].height for r in range(1, 6)]
    assert hauteurs == [30, 30, None, None, None]
    assert feuille["H2"].alignment.wrap_text is True
    assert not feuille["H3"].alignment.wrap_text  # « b » tient dans sa colonne
    assert not feuille["I2"].alignment.wrap_text  # 26 caractères dans une colonne de 31


def test_table_sans_ligne_ni_filtre_ni_graphique() -> None:
    feuille = _classeur(Document(titre="D", tables=(_table(lignes=()),)))["Échéances"]
    assert feuille.freeze_panes == "A2"
    assert feuille.auto_filter.ref is None
    assert feuille._charts == []
    assert [c.value for c in feuille[2]] == ["Total", *[None] * 5, 0, *[None] * 3, 0]


# --- graphiques --------------------------------------------------------------------------------


def _references(graphique: Any) -> list[tuple[str, str, str]]:
    """(titre, valeurs, catégories) de chaque série."""
    return [(s.tx.strRef.f, s.val.numRef.f, s.cat.numRef.f) for s in graphique.series]


def test_graphique_natif_de_la_table() -> None:
    """Le graphique sur sa propre feuille « Graphique », après celle de la table dont il lit
    les colonnes ; la table n'en porte pas (elle s'imprime seule à la largeur de la page)."""
    classeur = _classeur(Document(titre="Essai", tables=(_table(),)))
    assert classeur.sheetnames == ["Hypothèses", "Échéances", "Graphique"]
    assert classeur["Échéances"]._charts == []
    feuille = classeur["Graphique"]
    (graphique,) = feuille._charts
    barres, courbes = graphique._charts
    f = "'Échéances'!"
    assert _references(barres) == [(f + "G1", f + "$G$2:$G$4", f + "$B$2:$B$4")]
    assert _references(courbes) == [(f + "K1", f + "$K$2:$K$4", f + "$B$2:$B$4")]
    assert (barres.type, barres.grouping, barres.overlap) == ("col", "stacked", 100)
    assert graphique.title.tx.rich.p[0].r[0].t == "Profil"
    assert (barres.y_axis.axId, courbes.y_axis.axId, courbes.y_axis.crosses) == (100, 200, "max")
    assert barres.y_axis.numFmt.formatCode == MONTANT
    assert courbes.y_axis.numFmt.formatCode == MONTANT
    # ancré en B2 ; 24 cm × 12 cm (une page A4 paysage) ; pas de quadrillage imprimé
    assert (graphique.anchor._from.col, graphique.anchor._from.row) == (1, 1)
    assert (graphique.anchor.ext.width, graphique.anchor.ext.height) == (24 * 360000, 12 * 360000)
    assert feuille.print_options.gridLines is not True
    assert feuille.max_row == 1 and feuille["A1"].value is None  # aucune cellule


def _table_par_garant() -> Table:
    return Table(
        cle="projection",
        titre="Projection",
        colonnes=(
            Colonne(cle="annee", libelle="Année", genre=Genre.ANNEE),
            Colonne(cle="garant", libelle="Garant", genre=Genre.TEXTE),
            Colonne(cle="capital", libelle="Capital dû", genre=Genre.MONTANT),
            Colonne(cle="amort", libelle="Amortissement", genre=Genre.MONTANT),
        ),
        lignes=(
            # une série porte le nom de la colonne de barres : elle ne doit pas l'écraser
            (2024, "amort", Decimal("100.00"), Decimal("10.00")),
            (2024, "B", Decimal("50.00"), Decimal("5.00")),
            (2025, "amort", Decimal("90.00"), Decimal("10.00")),
            (2023, "B", Decimal("55.00"), Decimal("5.00")),
        ),
        graphique=Graphique(
            titre="Par garant",
            abscisse="annee",
            barres=("amort",),
            courbes=("capital",),
            series="garant",
        ),
    )


def test_feuille_croisee_et_ses_series() -> None:
    classeur = _classeur(Document(titre="D", tables=(_table_par_garant(),)))
    assert classeur.sheetnames == ["Hypothèses", "Projection", "Graphique"]
    assert classeur["Projection"]._charts == []
    croisee = classeur["Graphique"]
    lignes = [[c.value for c in ligne] for ligne in croisee.iter_rows()]
    assert lignes == [
        ["Année", "Amortissement", "amort", "B"],  # séries dans l'ordre d'apparition
        [2023, 5, None, 55],  # abscisses triées ; barres additionnées par abscisse
        [2024, 15, 100, 50],
        [2025, 10, 90, None],
    ]
    formats = [[c.number_format for c in ligne] for ligne in croisee.iter_rows()]
    assert formats[0] == [GENERAL] * 4
    assert all(ligne == [GENERAL, MONTANT, MONTANT, MONTANT] for ligne in formats[1:])
    (graphique,) = croisee._charts
    barres, courbes = graphique._charts
    f = "'Graphique'!"
    categories = f + "$A$2:$A$4"
    assert _references(barres) == [(f + "B1", f + "$B$2:$B$4", categories)]
    assert _references(courbes) == [
        (f + "C1", f + "$C$2:$C$4", categories),
        (f + "D1", f + "$D$2:$D$4", categories),
    ]
    assert (graphique.anchor._from.col, graphique.anchor._from.row) == (5, 1)  # F2


def test_feuille_croisee_premiere_courbe_seulement() -> None:
    """Plusieurs courbes et des séries : la feuille croisée montre la première courbe."""
    table = _table_par_garant()
    graphique = Graphique(
        titre="G", abscisse="annee", courbes=("capital", "amort"), series="garant"
    )
    table = Table(
        cle="p", titre="P", colonnes=table.colonnes, lignes=table.lignes, graphique=graphique
    )
    croisee = _classeur(Document(titre="D", tables=(table,)))["Graphique"]
    assert [[c.value for c in ligne] for ligne in croisee.iter_rows()] == [
        ["Année", "amort", "B"],
        [2023, None, 55],
        [2024, 100, 50],
        [2025, 90, None],
    ]
    (barres_et_courbes,) = croisee._charts
    assert [len(g.series) for g in barres_et_courbes._charts] == [0, 2]


def test_deux_graphiques_croises_deux_feuilles() -> None:
    """Deux tables croisées, une table intitulée « Graphique » : trois noms distincts."""
    croisee = _table_par_garant()
    autre = Table(cle="g", titre="Graphique", colonnes=croisee.colonnes, lignes=croisee.lignes)
    classeur = _classeur(Document(titre="D", tables=(autre, croisee, croisee)))
    assert classeur.sheetnames == [
        "Hypothèses",
        "Graphique",
        "Projection",
        "Graphique (2)",
        "Projection (2)",
        "Graphique (3)",
    ]
    assert classeur["Graphique"]._charts == []
    assert len(classeur["Graphique (2)"]._charts) == len(classeur["Graphique (3)"]._charts) == 1
    (graphique,) = classeur["Graphique (3)"]._charts
    assert graphique._charts[0].series[0].val.numRef.f == "'Graphique (3)'!$B$2:$B$4"


# --- noms de feuilles --------------------------------------------------------------------------


def test_nom_de_feuille_tronque_et_unique() -> None:
    pris: set[str] = set()
    noms = [nom_de_feuille("x" * 40, pris) for _ in range(3)]
    noms.append(nom_de_feuille("X" * 40, pris))  # Excel ignore la casse
    assert noms == ["x" * 31, "x" * 27 + " (2)", "x" * 27 + " (3)", "X" * 27 + " (4)"]
    assert all(len(n) == 31 for n in noms)
    assert pris == {n.lower() for n in noms}
    assert [nom_de_feuille("a", pris) for _ in range(2)] == ["a", "a (2)"]


@pytest.mark.parametrize(
    ("nom", "attendu"),
    [
        ("a[b]c:d*e?f/g\\h", "a-b-c-d-e-f-g-h"),
        ("a\x00b\x1fc", "a-b-c"),
        ("a\ufffeb", "a-b"),  # non-caractère XML
        ("'Mairie d'Oraison'", "Mairie d'Oraison"),  # apostrophe permise au milieu seulement
        ("  ' ", "feuille"),
        ("", "feuille"),
        ("a" * 30 + "'b", "a" * 30),  # la troncature ne laisse pas d'apostrophe finale
        ("History", "History (2)"),  # nom réservé par Excel
        ("history", "history (2)"),
    ],
)
def test_nom_de_feuille_valide(nom: str, attendu: str) -> None:
    assert nom_de_feuille(nom, set()) == attendu


def test_noms_des_feuilles_du_classeur() -> None:
    """Titres longs ou répétés, table sans titre (sa clé), table « Hypothèses »."""
    longue = _table(titre="T" * 40, graphique=None)
    tables = (longue, longue, _table(titre="", graphique=None), _table(titre="Hypothèses"))
    classeur = _classeur(Document(titre="D", tables=tables))
    assert classeur.sheetnames == [
        "Hypothèses",
        "T" * 31,
        "T" * 27 + " (2)",
        "echeances",
        "Hypothèses (2)",
        "Graphique",  # la dernière table a un graphique
    ]
    assert len({n.lower() for n in classeur.sheetnames}) == 6


# --- feuille « Hypothèses » ---------------------------------------------------------------------


def test_feuille_hypotheses() -> None:
    partie = Document(
        titre="Ligne 1",
        cle="l1",
        faits=(Fait(cle="n", libelle="Échéances", valeur=3, genre=Genre.ENTIER),),
        hypotheses=("H2",),
    )
    document = Document(
        titre="Prêt",
        faits=(
            Fait(cle="capital", libelle="Capital", valeur=Decimal("128189.00"), genre="montant"),
            Fait(cle="taux", libelle="Taux", valeur=Decimal("0.0135"), genre=Genre.TAUX),
            Fait(cle="date", libelle="Date", valeur=dt.date(2018, 12, 6), genre=Genre.DATE),
            Fait(cle="nom", libelle="Garant", valeur="Lozère"),
            Fait(cle="f", libelle="Fonction", valeur=Fonction.ADJOINTE, genre=Genre.CODE),
            Fait(cle="d", libelle="Délégation", valeur=False, genre=Genre.BOOLEEN),
        ),
        hypotheses=("H1",),
        parties=(partie,),
    )
    classeur = _classeur(document)
    assert classeur.sheetnames == ["Hypothèses"]
    feuille = classeur["Hypothèses"]
    lignes = [_lues(ligne) for ligne in feuille.iter_rows()]
    assert lignes == [
        ["Prêt", None],
        ["Capital", 128189],
        ["Taux", 0.0135],
        ["Date", dt.date(2018, 12, 6)],
        ["Garant", "Lozère"],
        ["Fonction", "Première adjointe au maire"],
        ["Délégation", "non"],
        ["Hypothèse", "H1"],
        [None, None],  # une ligne vide avant chaque partie
        ["Ligne 1", None],
        ["Échéances", 3],
        ["Hypothèse", "H2"],
    ]
    formats = [feuille.cell(row=r, column=2).number_format for r in range(2, 8)]
    assert formats == [MONTANT, TAUX, DATE, GENERAL, GENERAL, GENERAL]  # 1,35 % : 2 chiffres
    assert feuille["B11"].number_format == ENTIER
    assert feuille["A1"].font.b and feuille["A10"].font.b and not feuille["A2"].font.b
    for rang in range(2, 8):
        alignement = feuille.cell(row=rang, column=2).alignment
        assert (alignement.horizontal, alignement.wrap_text) == ("left", True)
    assert feuille["B8"].alignment.wrap_text and feuille["B8"].alignment.horizontal is None
    assert feuille.column_dimensions["A"].width == 40
    assert feuille.column_dimensions["B"].width == 100


def test_document_sans_titre() -> None:
    feuille = _classeur(Document(titre="", hypotheses=("H",)))["Hypothèses"]
    assert [[c.value for c in ligne] for ligne in feuille.iter_rows()] == [["Hypothèse", "H"]]


def test_feuilles_dans_l_ordre_des_tables_et_des_parties() -> None:
    """Les tables du document puis celles des parties ; « Hypothèses » en tête, aucune
    feuille vide laissée par openpyxl."""
    partie = Document(titre="P", cle="p", tables=(_table(titre="Partie", graphique=None),))
    document = Document(
        titre="D", tables=(_table(titre="Tête", graphique=None),), parties=(partie,)
    )
    assert _classeur(document).sheetnames == ["Hypothèses", "Tête", "Partie"]


# --- lisibilité partout (issue 24) --------------------------------------------------------------


@pytest.mark.parametrize(
    ("nom", "attendu"),
    [
        # 36 caractères : coupé après « des », petit mot retiré
        ("Tableau récapitulatif des indemnités", "Tableau récapitulatif"),
        # « : » devient « - » ; coupé avant « historique, » ; « « » et « - » retirés
        ("Écart par garant : « historique, livret_a+1,00 % »", "Écart par garant"),
        ("Dette garantie par bénéficiaire", "Dette garantie par bénéficiaire"),  # 31 : intact
        ("Un deux trois quatre cinq six sept", "Un deux trois quatre cinq six"),
    ],
)
def test_nom_de_feuille_coupe_entre_deux_mots(nom: str, attendu: str) -> None:
    assert nom_de_feuille(nom, set()) == attendu


def test_nom_de_feuille_unique_coupe_entre_deux_mots() -> None:
    """Le suffixe « (2) » prend sa place au mot près, pas au milieu d'un mot."""
    pris: set[str] = set()
    noms = [nom_de_feuille("Tableau récapitulatif des indemnités", pris) for _ in range(2)]
    assert noms == ["Tableau récapitulatif", "Tableau récapitulatif (2)"]
    longs = [nom_de_feuille("Capital restant dû par prêteur et garant", pris) for _ in range(2)]
    assert longs == ["Capital restant dû par prêteur", "Capital restant dû (2)"]


def test_le_classeur_s_ouvre_sur_la_table_principale() -> None:
    classeur = _classeur(Document(titre="D", tables=(_table(), _table(titre="Autre"))))
    assert classeur.sheetnames[0] == "Hypothèses"
    assert classeur.active.title == "Échéances"
    selectionnees = [f.title for f in classeur.worksheets if f.sheet_view.tabSelected]
    assert selectionnees == ["Échéances"]
    seul = _classeur(Document(titre="D", hypotheses=("H",)))
    assert seul.active.title == "Hypothèses"


def test_mise_en_page_de_chaque_feuille() -> None:
    """A4 paysage, à la largeur d'une page (hauteur libre), ligne d'en-tête répétée sur les
    feuilles de tables (pas sur « Hypothèses »)."""
    classeur = _classeur(Document(titre="D", tables=(_table_par_garant(), _table())))
    assert classeur.sheetnames == [
        "Hypothèses",
        "Projection",
        "Graphique",
        "Échéances",
        "Graphique (2)",
    ]
    for feuille in classeur.worksheets:
        mise_en_page = feuille.page_setup
        assert mise_en_page.orientation == "landscape", feuille.title
        assert str(mise_en_page.paperSize) == "9"  # A4
        assert (mise_en_page.fitToWidth, mise_en_page.fitToHeight) == (1, 0)
        assert feuille.sheet_properties.pageSetUpPr.fitToPage is True
        attendu = None if feuille.title in ("Hypothèses", "Graphique (2)") else "$1:$1"
        assert feuille.print_title_rows == attendu, feuille.title


def test_feuille_graphique_lisible() -> None:
    """Feuille croisée : chaque colonne de montants assez large pour « 1 234 567,89 € » (au
    moins 14), l'en-tête replié sur la hauteur qu'il lui faut (les noms des garants entiers)."""
    table = _table_par_garant()
    nom = "Commune de Saint-Alban-sur-Limagnole"
    lignes = tuple((a, nom if g == "B" else g, c * 10000, m) for a, g, c, m in table.lignes)
    croisee = _classeur(Document(titre="D", tables=(attrs.evolve(table, lignes=lignes),)))
    feuille = croisee["Graphique"]
    assert [c.value for c in feuille[1]] == ["Année", "Amortissement", "amort", nom]
    # « 1 000 000,00 » : 12 caractères + 3 + 2 = 17 ; « Amortissement » : 13 + 2 = 15 ;
    # « Saint-Alban-sur-Limagnole » : 25 + 2 = 27 ; l'année : 4 + 3 + 2 = 9
    largeurs = [feuille.column_dimensions[c].width for c in "ABCD"]
    assert largeurs == [9, 15, 17, 27]
    assert all(c.alignment.wrap_text and c.font.b for c in feuille[1])
    # « Commune de Saint-Alban-sur-Limagnole » en gras dans 27 → 18 par ligne, coupé après
    # les traits d'union : « Commune de Saint- » / « Alban-sur- » / « Limagnole », 3 lignes
    assert feuille.row_dimensions[1].height == 45
    assert feuille.freeze_panes == "A2"


def test_formats_a_la_precision_des_valeurs() -> None:
    """« 59,0734 » et non « 59,073 » ; une colonne de taux a partout autant de chiffres que
    sa valeur la plus précise (« 1,1000 % » sous « 1,3125 % ») ; au plus 6 sans précision
    déclarée ; la précision déclarée d'une colonne est un plafond."""
    document = Document(
        titre="D",
        faits=(Fait(cle="point", libelle="Point", valeur=Decimal("59.0734"), genre="nombre"),),
        tables=(
            Table(
                cle="t",
                titre="T",
                colonnes=(
                    Colonne(cle="a", libelle="A", genre=Genre.TAUX),
                    Colonne(cle="b", libelle="B", genre=Genre.TAUX, decimales=3),
                    Colonne(cle="c", libelle="C", genre=Genre.NOMBRE),
                    Colonne(cle="d", libelle="D", genre=Genre.ENTIER),
                ),
                lignes=(
                    (Decimal("0.011"), Decimal("0.011"), Decimal("2"), 12480),
                    (Decimal("0.013125"), Decimal("0.013125"), Decimal("1") / 3, 6300),
                ),
            ),
        ),
    )
    classeur = _classeur(document)
    assert classeur["Hypothèses"]["B2"].number_format == "#,##0.0000"
    feuille = classeur["T"]
    assert [c.number_format for c in feuille[2]] == [
        "0.0000\\ %",
        "0.000\\ %",
        "#,##0.000000",
        "#,##0",
    ]
    assert [c.number_format for c in feuille[3]] == [c.number_format for c in feuille[2]]


def test_hypotheses_longues_hauteur_de_ligne() -> None:
    """Une hypothèse de 250 caractères dans la colonne B (100, soit 80 caractères par ligne) :
    4 lignes, 60 points ; un libellé de fait de 60 caractères dans A (40 → 32) : 2 lignes."""
    hypothese = " ".join(["mot" + str(i % 10) for i in range(50)])  # 50 × 5 - 1 = 249
    document = Document(
        titre="D",
        faits=(Fait(cle="f", libelle="L" * 29 + " " + "M" * 30, valeur="x"),),
        hypotheses=(hypothese,),
    )
    feuille = _classeur(document)["Hypothèses"]
    assert [feuille.row_dimensions[r].height for r in (1, 2, 3)] == [None, 30, 60]
    assert feuille["B3"].alignment.wrap_text and feuille["B3"].alignment.vertical == "top"
