"""Le classeur XLSX relu avec openpyxl, chaque test avec son propre classeur (issue 27).

Les tests de ``test_rendu_xlsx.py`` et ``test_mutants_xlsx.py`` lisent des classeurs construits
une fois par module (fixture) : mutmut n'associe la construction qu'au premier test qui la
demande, et les vérifications des suivants ne jugent aucun mutant. Ici chaque test rend son
document, et les valeurs attendues sont calculées à la main depuis les règles de
``rendu/_xlsx.py`` :

* largeur d'une colonne = max(plus long mot du libellé, plus long texte à l'écran + 3) + 2, au
  plus 60 ; sur la feuille croisée, au moins 14 pour les montants ;
* un texte plus long que sa colonne moins 2 est replié (aligné en haut) ; une ligne de texte
  tient ``largeur × 4 // 5`` caractères (``largeur × 2 // 3`` en gras, dans un en-tête), un mot
  trop long est coupé sauf dans un en-tête ; 15 points par ligne, hauteur laissée vide pour
  une seule ligne.
"""

from __future__ import annotations

import datetime as dt
import enum
import io
from decimal import Decimal
from typing import Any

import pytest

from collectivites.rendu import rendre
from collectivites.tables import Colonne, Document, Fait, Genre, Graphique, Table

openpyxl = pytest.importorskip("openpyxl")

MONTANT = '#,##0.00\\ "€"'


class Qualite(enum.Enum):
    """Un code dont le libellé (70 caractères) est plus long que la colonne la plus large."""

    LONGUE = "longue"

    @property
    def libelle(self) -> str:
        return "y" * 70


def _classeur(document: Document) -> Any:
    octets = rendre(document, "xlsx")
    assert isinstance(octets, bytes)
    return openpyxl.load_workbook(io.BytesIO(octets))


def _lues(feuille: Any) -> list[list[Any]]:
    """Les valeurs de chaque ligne ; openpyxl relit une date en ``datetime`` à minuit."""
    return [
        [c.value.date() if isinstance(c.value, dt.datetime) else c.value for c in ligne]
        for ligne in feuille.iter_rows()
    ]


def _hauteurs(feuille: Any, rangs: range) -> list[float | None]:
    return [feuille.row_dimensions[r].height for r in rangs]


# --- textes repliés ----------------------------------------------------------------------------


def test_textes_longs_replies_ligne_par_ligne() -> None:
    """Colonnes d'observations (texte) et « Qualité » (code) : 60 de large (90 + 3 + 2 et
    70 + 3 + 2, plafonnés) ; repliée au-delà de 58 caractères, 60 × 4 // 5 = 48 caractères par
    ligne.

    En-tête en gras : 60 × 2 // 3 = 40 caractères par ligne, « Observations de la commission
    des » (33) tient sur une ligne. Ligne 2 : 90 « a » → 2 lignes, 30 points. Ligne 3 : « b »
    tient ; le code s'écrit par son libellé de 70 « y » → 2 lignes. Ligne 4 : 59 « c » → 2
    lignes. Ligne 5 : 58 « d » tiennent, pas repliés."""
    table = Table(
        cle="notes",
        titre="Notes",
        colonnes=(
            Colonne(cle="n", libelle="N", genre=Genre.ENTIER),
            Colonne(cle="note", libelle="Observations de la commission des", genre=Genre.TEXTE),
            Colonne(cle="qualite", libelle="Qualité", genre=Genre.CODE),
        ),
        lignes=(
            (1, "a" * 90, None),
            (2, "b", Qualite.LONGUE),
            (3, "c" * 59, None),
            (4, "d" * 58, None),
        ),
    )
    feuille = _classeur(Document(titre="D", tables=(table,)))["Notes"]
    assert [feuille.column_dimensions[c].width for c in "ABC"] == [6, 60, 60]
    assert feuille["C3"].value == "y" * 70
    assert _hauteurs(feuille, range(1, 6)) == [None, 30, 30, 30, None]
    replies = {
        cellule.coordinate: cellule.alignment.vertical
        for ligne in feuille.iter_rows()
        for cellule in ligne
        if cellule.alignment.wrap_text
    }
    assert replies == {
        "A1": "bottom",  # l'en-tête est toujours replié, aligné en bas
        "B1": "bottom",
        "C1": "bottom",
        "B2": "top",
        "C3": "top",
        "B4": "top",
    }


# --- feuille croisée ---------------------------------------------------------------------------


def test_feuille_croisee_largeurs_a_l_ecran() -> None:
    """Abscisse en mois : « 01/2024 » (7 + 3 + 2 = 12), pas « 2024-01-01 ». Le plus grand
    montant est sur la première ligne (« 1 000 000,00 » : 12 + 3 + 2 = 17) ; « Amortissement »
    13 + 2 = 15 ; au moins 14 pour un montant."""
    table = Table(
        cle="projection",
        titre="Projection",
        colonnes=(
            Colonne(cle="mois", libelle="Mois", genre=Genre.MOIS),
            Colonne(cle="garant", libelle="Garant", genre=Genre.TEXTE),
            Colonne(cle="capital", libelle="Capital dû", genre=Genre.MONTANT),
            Colonne(cle="amort", libelle="Amortissement", genre=Genre.MONTANT),
        ),
        lignes=(
            (dt.date(2024, 2, 1), "A", Decimal("5.00"), Decimal("1.00")),
            (dt.date(2024, 1, 1), "A", Decimal("1000000.00"), Decimal("1.00")),
            (dt.date(2024, 1, 1), "B", Decimal("2.00"), Decimal("1.00")),
        ),
        graphique=Graphique(
            titre="G", abscisse="mois", barres=("amort",), courbes=("capital",), series="garant"
        ),
    )
    croisee = _classeur(Document(titre="D", tables=(table,)))["Graphique"]
    assert _lues(croisee) == [
        ["Mois", "Amortissement", "A", "B"],
        [dt.date(2024, 1, 1), 2, 1000000, 2],
        [dt.date(2024, 2, 1), 1, 5, None],
    ]
    assert [croisee.column_dimensions[c].width for c in "ABCD"] == [12, 15, 17, 14]


# --- une table de chaque genre -----------------------------------------------------------------


class Statut(enum.Enum):
    TITULAIRE = "titulaire"

    @property
    def libelle(self) -> str:
        return "Titulaire"


GENERAL = "General"
FORMATS = [
    "#,##0",
    "dd/mm/yyyy",
    "mm/yyyy",
    "0",
    "0.00\\ %",  # 1,35 % ; 1,10 % ; 2,00 % : deux chiffres pour toute la colonne
    "#,##0.00",  # 12,50 ; 1,00 ; 2,25 : la valeur la plus précise en a deux
    MONTANT,
    GENERAL,
    GENERAL,
    GENERAL,
]


def _echeancier() -> Table:
    return Table(
        cle="echeancier",
        titre="Échéancier",
        colonnes=(
            Colonne(cle="numero", libelle="N°", genre=Genre.ENTIER),
            Colonne(cle="date", libelle="Date d'échéance", genre=Genre.DATE),
            Colonne(cle="mois", libelle="Mois", genre=Genre.MOIS),
            Colonne(cle="exercice", libelle="Exercice", genre=Genre.ANNEE),
            Colonne(cle="taux", libelle="Taux", genre=Genre.TAUX),
            Colonne(cle="tonnes", libelle="Tonnes", genre=Genre.NOMBRE),
            Colonne(cle="montant", libelle="Montant", genre=Genre.MONTANT, total=True),
            Colonne(cle="note", libelle="Observation", genre=Genre.TEXTE),
            Colonne(cle="statut", libelle="Statut", genre=Genre.CODE),
            Colonne(cle="delegation", libelle="Délégation", genre=Genre.BOOLEEN),
        ),
        lignes=(
            (
                1,
                dt.date(2018, 12, 6),
                dt.date(2018, 12, 1),
                2018,
                Decimal("0.0135"),
                Decimal("12.5"),
                Decimal("6000.00"),
                "court",
                Statut.TITULAIRE,
                True,
            ),
            (
                2,
                dt.date(2019, 12, 6),
                dt.date(2019, 12, 1),
                2019,
                Decimal("0.011"),
                Decimal("1"),
                Decimal("5000.50"),
                None,
                None,
                False,
            ),
            (
                12480,
                dt.date(2020, 12, 6),
                dt.date(2020, 12, 1),
                2020,
                Decimal("0.02"),
                Decimal("2.25"),
                None,
                None,
                None,
                None,
            ),
        ),
    )


def test_table_de_chaque_genre_relue() -> None:
    classeur = _classeur(Document(titre="D", tables=(_echeancier(),)))
    assert classeur.sheetnames == ["Hypothèses", "Échéancier"]
    feuille = classeur["Échéancier"]
    assert _lues(feuille) == [
        [
            "N°",
            "Date d'échéance",
            "Mois",
            "Exercice",
            "Taux",
            "Tonnes",
            "Montant",
            "Observation",
            "Statut",
            "Délégation",
        ],
        [
            1,
            dt.date(2018, 12, 6),
            dt.date(2018, 12, 1),
            2018,
            0.0135,
            12.5,
            6000,
            "court",
            "Titulaire",
            "oui",
        ],
        [2, dt.date(2019, 12, 6), dt.date(2019, 12, 1), 2019, 0.011, 1, 5000.5, None, None, "non"],
        [12480, dt.date(2020, 12, 6), dt.date(2020, 12, 1), 2020, 0.02, 2.25, *[None] * 4],
        ["Total", *[None] * 5, 11000.5, None, None, None],
    ]
    # en-tête : gras, replié, aligné en bas, sans format de nombre
    for cellule in feuille[1]:
        assert (cellule.font.b, cellule.alignment.wrap_text) == (True, True)
        assert (cellule.alignment.vertical, cellule.number_format) == ("bottom", GENERAL)
    # données en maigre, totaux en gras
    assert [bool(feuille.cell(row=r, column=1).font.b) for r in range(1, 6)] == [
        True,
        False,
        False,
        False,
        True,
    ]
    assert all(c.font.b for c in feuille[5]) and not any(c.font.b for c in feuille[4])
    for rang in range(2, 6):
        assert [c.number_format for c in feuille[rang]] == FORMATS, rang
    assert [c.data_type for c in feuille[2]] == ["n", "d", "d", "n", "n", "n", "n", "s", "s", "s"]
    # « 12 480 » 6 + 3 ; « d'échéance » 10 > « 06/12/2018 » 10 + 3 ; « 12/2018 » 7 + 3 ;
    # « Exercice » 8 > « 2018 » 4 + 3 ; « 1,35 % » 6 + 3 ; « 12,50 » 5 + 3 ; total
    # « 11 000,50 » 9 + 3 (plus long que « 6 000,00 ») ; « Observation » 11 > « court »
    # 5 + 3 ; « Titulaire » 9 + 3 ;
    # « Délégation » 10 > « oui » 3 + 3 ; chacune + 2
    largeurs = [feuille.column_dimensions[c].width for c in "ABCDEFGHIJ"]
    assert largeurs == [11, 15, 12, 10, 11, 10, 14, 13, 14, 12]
    # en-tête en gras, 2/3 de la largeur par ligne : « Date d'échéance » dans 15 → 10 par
    # ligne → « Date » / « d'échéance », 30 points ; « Observation » (11) dans 13 → 8 par ligne,
    # mot d'en-tête jamais coupé : une ligne ; aucune donnée repliée
    assert _hauteurs(feuille, range(1, 6)) == [30, None, None, None, None]
    assert feuille.freeze_panes == "A2"
    assert feuille.auto_filter.ref == "A1:J4"  # sans la ligne de totaux
    assert feuille.print_title_rows == "$1:$1"
    assert feuille.print_options.gridLines is True
    assert feuille.oddFooter.center.text == "&A — page &P / &N"  # onglet, page / pages
    assert classeur["Hypothèses"].print_title_rows is None


def test_total_affiche_a_la_precision_de_sa_colonne() -> None:
    """Colonne de nombres additionnée, une décimale déclarée : « 11,2 » ou « 11,3 » (4
    caractères), le total 22.50 s'affiche « 22,5 » (4), pas « 22,50 » : 4 + 3 + 2 = 9. La
    colonne « Lot » : « Tonnes » n'y est pas, « a » 1 + 3 + 2 = 6 (la cellule « Total » est
    un libellé, pas une valeur mesurée)."""
    table = Table(
        cle="tonnages",
        titre="Tonnages",
        colonnes=(
            Colonne(cle="lot", libelle="Lot", genre=Genre.TEXTE),
            Colonne(cle="tonnes", libelle="Tonnes", genre=Genre.NOMBRE, total=True, decimales=1),
        ),
        lignes=(("a", Decimal("11.25")), ("b", Decimal("11.25"))),
    )
    feuille = _classeur(Document(titre="D", tables=(table,)))["Tonnages"]
    assert _lues(feuille)[3] == ["Total", 22.5]
    assert [feuille.cell(row=r, column=2).number_format for r in (2, 3, 4)] == ["#,##0.0"] * 3
    assert [feuille.column_dimensions[c].width for c in "AB"] == [6, 9]


def test_formats_sans_decimale_et_code_sans_libelle() -> None:
    """Un taux déclaré sans décimale : « 0\\ % » (ni point ni zéro après) ; des nombres
    entiers : « #,##0 ». Un code qui n'est qu'un texte (sans ``libelle``) s'écrit tel quel."""
    table = Table(
        cle="t",
        titre="T",
        colonnes=(
            Colonne(cle="taux", libelle="Taux", genre=Genre.TAUX, decimales=0),
            Colonne(cle="coefficient", libelle="Coefficient", genre=Genre.NOMBRE),
            Colonne(cle="code", libelle="Code", genre=Genre.CODE),
        ),
        lignes=((Decimal("0.0135"), Decimal("2"), "libre"),),
    )
    feuille = _classeur(Document(titre="D", tables=(table,)))["T"]
    assert [c.number_format for c in feuille[2]] == ["0\\ %", "#,##0", "General"]
    assert feuille["C2"].value == "libre"


def test_caracteres_hors_xml_remplaces() -> None:
    """Un contrôle (U+0001) et un non-caractère (U+FFFE) ne peuvent pas être écrits dans un
    classeur : chacun devient « \ufffd », le reste du texte est gardé."""
    table = Table(
        cle="t",
        titre="T",
        colonnes=(Colonne(cle="note", libelle="Note", genre=Genre.TEXTE),),
        lignes=(("a\x01b\ufffec",),),
    )
    feuille = _classeur(Document(titre="D", tables=(table,)))["T"]
    assert feuille["A2"].value == "a\ufffdb\ufffdc"


class Long(enum.Enum):
    """Un code dont le libellé (90 caractères) dépasse une ligne de la colonne B (80)."""

    X = "x"

    @property
    def libelle(self) -> str:
        return "z" * 90


def test_fait_code_mesure_par_son_libelle() -> None:
    """La hauteur d'un fait se mesure sur son texte à l'écran : le libellé du code, 90
    caractères dans 80 par ligne → 2 lignes, 30 points (pas « Long.X »)."""
    document = Document(
        titre="", faits=(Fait(cle="c", libelle="Code", valeur=Long.X, genre="code"),)
    )
    feuille = _classeur(document)["Hypothèses"]
    assert feuille["B1"].value == "z" * 90
    assert feuille.row_dimensions[1].height == 30


@pytest.mark.parametrize(
    ("nom", "attendu"),
    [
        # un premier mot d'une lettre, puis un mot trop long : coupé après le premier
        ("a " + "b" * 40, "a"),
        # le seul mot qui reste est un petit mot : il reste (jamais un nom vide)
        ("des " + "x" * 40, "des"),
        # « X » n'est pas une ponctuation finale
        ("a" * 20 + " BX " + "c" * 20, "a" * 20 + " BX"),
        # rien qu'une ponctuation avant un mot trop long : il ne reste rien, nom par défaut
        ("« " + "x" * 40, "feuille"),
    ],
)
def test_nom_de_feuille_coupe(nom: str, attendu: str) -> None:
    from collectivites.rendu._xlsx import nom_de_feuille

    assert nom_de_feuille(nom, set()) == attendu


# --- sans openpyxl -----------------------------------------------------------------------------


def test_sans_openpyxl_erreur_de_greffon(monkeypatch: pytest.MonkeyPatch) -> None:
    """openpyxl absent (``import`` qui échoue) : une ErreurPlugin qui dit quoi installer, sans
    l'ImportError d'origine en cause affichée."""
    from collectivites.erreurs import ErreurPlugin
    from collectivites.rendu._xlsx import en_xlsx

    monkeypatch.setitem(__import__("sys").modules, "openpyxl", None)
    with pytest.raises(ErreurPlugin) as erreur:
        en_xlsx(Document(titre="D"))
    assert erreur.value.message == "le format xlsx exige openpyxl"
    assert erreur.value.attendu == (
        "l'extra xlsx (pip install '.[xlsx]' depuis le dépôt, ou pip install openpyxl)"
    )
    assert erreur.value.__suppress_context__ is True
    assert erreur.value.__cause__ is None


# --- feuille « Hypothèses » --------------------------------------------------------------------


def test_hauteurs_et_alignements_des_hypotheses() -> None:
    """Colonne A : 40 (32 caractères par ligne) ; B : 100 (80 par ligne) ; un titre en gras
    s'étend sur les deux : 140 × 2 // 3 = 93 caractères par ligne, mot jamais coupé.

    Ligne 1 : 92 « a » puis « b » (94 caractères) → 2 lignes, 30 points. Ligne 2 : libellé de
    33 « L » → 2 lignes. Ligne 3 : valeur de 90 « v » → 2 lignes. Ligne 4 : « a », ligne vide,
    « b » → 3 lignes, 45 points. Lignes 5 et 6 : un taux et un nombre, une ligne. Ligne 7 :
    hypothèse de 161 « h » → 3 lignes. Ligne 8 vide ; ligne 9 : titre de la partie, 200 « t »
    sans espace, jamais coupé en gras → une ligne ; ligne 10 : hypothèse courte."""
    partie = Document(titre="t" * 200, cle="p", hypotheses=("courte",))
    document = Document(
        titre="a" * 92 + " b",
        faits=(
            Fait(cle="l", libelle="L" * 33, valeur="court"),
            Fait(cle="v", libelle="Valeur", valeur="v" * 90),
            Fait(cle="p", libelle="Paragraphes", valeur="a\n\nb"),
            Fait(cle="t", libelle="Taux", valeur=Decimal("0.0135"), genre=Genre.TAUX),
            Fait(cle="n", libelle="Point", valeur=Decimal("59.0734"), genre=Genre.NOMBRE),
        ),
        hypotheses=("h" * 161,),
        parties=(partie,),
    )
    feuille = _classeur(document)["Hypothèses"]
    assert [feuille.cell(row=r, column=1).value for r in range(1, 11)] == [
        "a" * 92 + " b",
        "L" * 33,
        "Valeur",
        "Paragraphes",
        "Taux",
        "Point",
        "Hypothèse",
        None,
        "t" * 200,
        "Hypothèse",
    ]
    assert _hauteurs(feuille, range(1, 11)) == [30, 30, 30, 45, None, None, 45, None, None, None]
    assert [feuille.column_dimensions[c].width for c in "AB"] == [40, 100]
    assert [feuille.cell(row=r, column=2).number_format for r in (5, 6)] == [
        "0.00\\ %",
        "#,##0.0000",
    ]
    # titres en gras, sans alignement ; libellés de A repliés en haut ; valeurs des faits à
    # gauche, en haut, repliées ; hypothèses en haut, repliées
    gras = [r for r in range(1, 11) if feuille.cell(row=r, column=1).font.b]
    assert gras == [1, 9]
    alignements = {
        cellule.coordinate: (
            cellule.alignment.horizontal,
            cellule.alignment.vertical,
            cellule.alignment.wrap_text,
        )
        for ligne in feuille.iter_rows()
        for cellule in ligne
        if cellule.alignment.wrap_text or cellule.alignment.vertical
    }
    attendus = {f"A{r}": (None, "top", True) for r in (2, 3, 4, 5, 6, 7, 10)}
    attendus |= {f"B{r}": ("left", "top", True) for r in (2, 3, 4, 5, 6)}
    attendus |= {"B7": (None, "top", True), "B10": (None, "top", True)}
    assert alignements == attendus
