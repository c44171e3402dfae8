"""Les rendus en flot (``rendu/_flot.py``) et l'aiguillage des rendus (``rendu/__init__.py``),
passage de mutation (issue 27).

Règle des rendus en flot : la sortie est, à l'octet près, celle du document entier — c'est
l'oracle de ces tests, sur des tables de 0, 1, 2 000, 2 001 et 4 500 lignes (les paquets sont de
2 000 lignes), avec et sans totaux, avec une colonne masquée, une ou deux tables. Une table de
plus de 1 048 575 lignes (en-tête compris : 1 048 576) est refusée en XLSX avant toute lecture.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import attrs
import pytest

from collectivites.erreurs import ErreurValeur
from collectivites.rendu import FORMATS, _echelle, _flot, en_pandas, en_polars, rendre
from collectivites.rendu._flot import LIGNES_MAX_XLSX, TableEnFlot, morceaux, verifier_xlsx
from collectivites.tables import Colonne, Document, Fait, Genre, Table


def _colonnes(total: bool = False, masquee: bool = False) -> tuple[Colonne, ...]:
    return (
        Colonne(cle="n", libelle="Numéro", genre=Genre.ENTIER),
        Colonne(cle="nom", libelle="Nom", genre=Genre.TEXTE, affichee=not masquee),
        Colonne(cle="m", libelle="Montant", genre=Genre.MONTANT, total=total),
    )


def _lignes(n: int) -> list[tuple[Any, ...]]:
    return [(i, f"l{i}", Decimal(i) / 100) for i in range(n)]


class _Compteur:
    """La fabrique des lignes d'une table en flot, qui compte ses lectures."""

    def __init__(self, lignes: list[tuple[Any, ...]]) -> None:
        self.lignes = lignes
        self.lectures = 0

    def __call__(self) -> Iterator[tuple[Any, ...]]:
        self.lectures += 1
        return iter(self.lignes)


def _cas(
    n: int, *, total: bool = False, masquee: bool = False, autre: bool = False
) -> tuple[Document, Document, TableEnFlot]:
    """Le document entier, le même sans les lignes de la table en flot, et la table en flot."""
    colonnes = _colonnes(total, masquee)
    lignes = _lignes(n)
    autres = (
        (Table(cle="autre", titre="Autre", colonnes=colonnes[:1], lignes=((7,),)),) if autre else ()
    )
    commun: dict[str, Any] = {
        "titre": "Essai",
        "faits": (Fait(cle="f", libelle="Fait", valeur=Decimal("3"), genre=Genre.MONTANT),),
        "hypotheses": ("h",),
    }
    entier = Document(
        **commun,
        tables=(
            Table(cle="p", titre="Projection", colonnes=colonnes, lignes=tuple(lignes)),
            *autres,
        ),
    )
    modele = Table(cle="p", titre="Projection", colonnes=colonnes, lignes=())
    sans = Document(**commun, tables=(modele, *autres))
    return entier, sans, TableEnFlot(modele, _Compteur(lignes))


def _en_flot(sans: Document, flot: TableEnFlot, format_: str) -> Any:
    parties = list(morceaux(sans, flot, format_))
    if parties and isinstance(parties[0], bytes):
        return b"".join(parties)  # type: ignore[arg-type]
    return "".join(parties)  # type: ignore[arg-type]


@pytest.mark.parametrize("n", [0, 1, 2000, 2001, 4500])
@pytest.mark.parametrize("format_", ["texte", "csv", "csv-excel", "json", "html"])
def test_en_flot_identique_au_document_entier(format_: str, n: int) -> None:
    entier, sans, flot = _cas(n)
    assert _en_flot(sans, flot, format_) == rendre(entier, format_)


@pytest.mark.parametrize("format_", ["texte", "csv", "csv-excel", "json", "html"])
@pytest.mark.parametrize("reglage", ["total", "masquee", "autre"])
def test_en_flot_avec_totaux_colonne_masquee_ou_deux_tables(format_: str, reglage: str) -> None:
    entier, sans, flot = _cas(2001, **{reglage: True})
    assert _en_flot(sans, flot, format_) == rendre(entier, format_)


def test_csv_en_flot_lu_par_paquets() -> None:
    _entier, sans, flot = _cas(4500)
    parties = [str(p) for p in morceaux(sans, flot, "csv")]
    assert len(parties) == 1 + 3  # l'en-tête, puis 2 000, 2 000 et 500 lignes
    assert parties[0].count("\n") == 1
    assert [p.count("\n") for p in parties[1:]] == [2000, 2000, 500]
    parties_excel = [str(p) for p in morceaux(sans, flot, "csv-excel")]
    assert [p.count("\n") for p in parties_excel[1:]] == [2000, 2000, 500]


def test_html_et_json_par_paquets() -> None:
    _entier, sans, flot = _cas(4500)
    assert len(list(morceaux(sans, flot, "html"))) == 1 + 3 + 1
    assert len(list(morceaux(sans, flot, "json"))) == 1 + 3 + 1


def test_formats_rendus_du_document_entier() -> None:
    entier, sans, flot = _cas(3, total=True)
    for format_ in ("csv-excel", "json", "html"):
        parties = list(morceaux(sans, flot, format_))
        assert parties == [rendre(entier, format_)], format_
    entier, sans, flot = _cas(3, masquee=True)
    assert list(morceaux(sans, flot, "html")) == [rendre(entier, "html")]
    entier, sans, flot = _cas(3, autre=True)
    assert list(morceaux(sans, flot, "csv")) == [rendre(entier, "csv")]
    assert list(morceaux(sans, flot, "csv-excel")) == [rendre(entier, "csv-excel")]


def test_xlsx_du_document_entier_borne() -> None:
    entier, sans, flot = _cas(5)
    (xlsx,) = list(morceaux(sans, flot, "xlsx"))
    assert isinstance(xlsx, bytes) and xlsx[:2] == b"PK"
    assert len(xlsx) == len(rendre(entier, "xlsx"))


def test_xlsx_refuse_avant_toute_lecture() -> None:
    modele = Table(cle="p", titre="P", colonnes=_colonnes(), lignes=())
    fabrique = _Compteur([])
    flot = TableEnFlot(modele, fabrique, nombre_de_lignes=LIGNES_MAX_XLSX)
    with pytest.raises(ErreurValeur) as erreur:
        list(morceaux(Document(titre="", tables=(modele,)), flot, "xlsx"))
    assert erreur.value.cle == "format"
    assert str(erreur.value) == (
        "clé « format » : la table dépasse le nombre de lignes d'une feuille de calcul (reçu : "
        "'xlsx, 1048576 lignes' ; attendu : au plus 1048575 lignes (sinon csv, ou --par garant))"
    )
    assert fabrique.lectures == 0


def test_verifier_xlsx_a_la_borne() -> None:
    verifier_xlsx(LIGNES_MAX_XLSX - 1)
    with pytest.raises(ErreurValeur, match="nombre de lignes d'une feuille"):
        verifier_xlsx(LIGNES_MAX_XLSX)
    assert LIGNES_MAX_XLSX == 1_048_576


@pytest.mark.parametrize("defaut", ["absente", "double", "pleine", "parties"])
def test_table_en_flot_introuvable(defaut: str) -> None:
    _entier, sans, flot = _cas(2)
    if defaut == "absente":
        sans = Document(titre="", tables=())
    elif defaut == "double":
        sans = Document(titre="", tables=(flot.modele, flot.modele))
    elif defaut == "pleine":
        sans = Document(
            titre="",
            tables=(Table(cle="p", titre="", colonnes=_colonnes(), lignes=((1, "a", None),)),),
        )
    else:
        sans = Document(titre="", tables=(flot.modele,), parties=(Document(titre="x"),))
    with pytest.raises(ErreurValeur) as erreur:
        list(morceaux(sans, flot, "csv"))
    assert str(erreur.value) == (
        "clé « table » : table en flot introuvable dans le document (reçu : 'p')"
    )


# --- la table en flot --------------------------------------------------------------------------


def test_nombre_de_lignes_compte_une_fois() -> None:
    fabrique = _Compteur(_lignes(3))
    flot = TableEnFlot(Table(cle="p", titre="P", colonnes=_colonnes(), lignes=()), fabrique)
    assert flot.nombre_de_lignes == 3
    assert flot.nombre_de_lignes == 3
    assert fabrique.lectures == 1
    donne = TableEnFlot(flot.modele, fabrique, nombre_de_lignes=9)
    assert donne.nombre_de_lignes == 9 and fabrique.lectures == 1


def test_table_en_flot_relue_et_deleguee() -> None:
    fabrique = _Compteur(_lignes(2))
    modele = Table(cle="p", titre="P", colonnes=_colonnes(total=True), lignes=())
    flot = TableEnFlot(modele, fabrique)
    assert (flot.cle, flot.titre, flot.colonnes) == ("p", "P", modele.colonnes)
    assert list(flot.lignes) == list(flot.lignes) == _lignes(2)
    assert fabrique.lectures == 2
    assert flot.totaux() == (None, None, Decimal("0.01"))
    assert (
        TableEnFlot(Table(cle="p", titre="P", colonnes=_colonnes(), lignes=()), fabrique).totaux()
        is None
    )


def test_sous_table_en_flot() -> None:
    from collectivites.tables import Graphique

    modele = Table(
        cle="p",
        titre="P",
        colonnes=_colonnes(),
        lignes=(),
        graphique=Graphique(titre="g", abscisse="n", courbes=("m",)),
    )
    fabrique = _Compteur(_lignes(2))
    flot = TableEnFlot(modele, fabrique, nombre_de_lignes=2)
    sous = flot.sous_table([0, 2])
    assert sous.nombre_de_lignes == 2 and fabrique.lectures == 0  # compte transmis, pas relu
    assert sous.modele.graphique is None
    assert [c.cle for c in sous.colonnes] == ["n", "m"]
    assert list(sous.lignes) == [(0, Decimal(0)), (1, Decimal("0.01"))]
    assert sous.nombre_de_lignes == 2
    assert sous.modele.lignes == () and sous.titre == "P"


def test_paquets_de_2000_lignes() -> None:
    flot = TableEnFlot(
        Table(cle="p", titre="P", colonnes=_colonnes(), lignes=()), _Compteur(_lignes(4001))
    )
    paquets = list(flot.paquets())
    assert [len(p.lignes) for p in paquets] == [2000, 2000, 1]
    assert all(isinstance(p, Table) and p.cle == "p" for p in paquets)
    assert paquets[2].lignes == (_lignes(4001)[4000],)
    assert list(TableEnFlot(flot.modele, _Compteur([])).paquets()) == []


def test_apres_un_en_tete() -> None:
    assert _flot._apres("abcdef", "abc") == "def"


# --- l'aiguillage des rendus ----------------------------------------------------------------------


def _document() -> Document:
    return Document(
        titre="Essai",
        tables=(
            Table(cle="un", titre="Un", colonnes=_colonnes(), lignes=((1, "a", Decimal("1.5")),)),
            Table(
                cle="deux",
                titre="Deux",
                colonnes=(Colonne(cle="x", libelle="X", genre=Genre.ENTIER),),
                lignes=((2,),),
                role="",
            ),
        ),
    )


def test_rendre_chaque_format() -> None:
    from collectivites.rendu._fichiers_plats import en_csv, en_csv_excel, en_json
    from collectivites.rendu._html import en_html
    from collectivites.rendu._texte import en_texte

    document = _document()
    assert rendre(document) == en_texte(document)
    assert rendre(document, "texte") == en_texte(document)
    assert rendre(document, "json") == en_json(document)
    assert rendre(document, "html") == en_html(document)
    assert rendre(document, "csv", table="deux") == en_csv(document.tables[1])
    assert rendre(document, "csv-excel", table="deux") == en_csv_excel(document.tables[1])
    assert rendre(document, "csv", table="un") == en_csv(document.tables[0])
    assert isinstance(rendre(document, "xlsx"), bytes)


def test_rendre_ics_exige_un_horodatage_avec_fuseau() -> None:
    agenda = Document(
        titre="Agenda",
        tables=(
            Table(
                cle="a",
                titre="A",
                colonnes=(
                    Colonne(cle="date", libelle="Date", genre=Genre.DATE),
                    Colonne(cle="libelle", libelle="Libellé", genre=Genre.TEXTE),
                ),
                lignes=((dt.date(2026, 1, 2), "échéance"),),
                role="agenda",
            ),
        ),
    )
    horodatage = dt.datetime(2026, 1, 1, 12, tzinfo=dt.UTC)
    ics = rendre(agenda, "ics", horodatage=horodatage)
    assert isinstance(ics, str) and "DTSTAMP:20260101T120000Z" in ics
    sans_fuseau = dt.datetime(2026, 1, 1, 12, tzinfo=dt.UTC).replace(tzinfo=None)
    for mauvais in (None, sans_fuseau, "2026-01-01"):
        with pytest.raises(ErreurValeur) as erreur:
            rendre(agenda, "ics", horodatage=mauvais)
        assert erreur.value.cle == "horodatage"
        assert str(erreur.value).startswith(
            "clé « horodatage » : le format ics exige un horodatage"
        )
        assert erreur.value.attendu == "un datetime avec fuseau (UTC)"
    with pytest.raises(ErreurValeur):
        rendre(agenda, "ics")


def test_rendre_svg_en_texte_png_en_octets() -> None:
    from collectivites.tables import Graphique

    document = Document(
        titre="G",
        tables=(
            Table(
                cle="g",
                titre="G",
                colonnes=(
                    Colonne(cle="annee", libelle="Année", genre=Genre.ANNEE),
                    Colonne(cle="m", libelle="M", genre=Genre.MONTANT),
                ),
                lignes=((2024, Decimal("1.00")), (2025, Decimal("2.00"))),
                graphique=Graphique(titre="g", abscisse="annee", barres=("m",)),
            ),
        ),
    )
    svg = rendre(document, "svg")
    assert isinstance(svg, str) and "<svg" in svg
    png = rendre(document, "png")
    assert isinstance(png, bytes) and png[:8] == b"\x89PNG\r\n\x1a\n"


def test_rendre_format_inconnu() -> None:
    with pytest.raises(ErreurValeur) as erreur:
        rendre(_document(), "pdf")
    assert erreur.value.cle == "format"
    assert erreur.value.attendu == ", ".join(FORMATS)
    assert str(erreur.value).startswith("clé « format » : format inconnu (reçu : 'pdf'")


def _genres() -> Table:
    class Code:
        value = "c1"

    return Table(
        cle="t",
        titre="T",
        colonnes=(
            Colonne(cle="d", libelle="D", genre=Genre.DATE),
            Colonne(cle="mo", libelle="Mo", genre=Genre.MOIS),
            Colonne(cle="e", libelle="E", genre=Genre.ENTIER),
            Colonne(cle="a", libelle="A", genre=Genre.ANNEE),
            Colonne(cle="t", libelle="T", genre=Genre.TEXTE),
            Colonne(cle="c", libelle="C", genre=Genre.CODE),
            Colonne(cle="b", libelle="B", genre=Genre.BOOLEEN),
            Colonne(cle="m", libelle="M", genre=Genre.MONTANT),
            Colonne(cle="taux", libelle="Taux", genre=Genre.TAUX),
            Colonne(cle="n", libelle="N", genre=Genre.NOMBRE),
        ),
        lignes=(
            (
                dt.date(2024, 1, 2),
                dt.date(2024, 2, 1),
                3,
                2024,
                "x",
                Code(),
                True,
                Decimal("1.50"),
                Decimal("0.0135"),
                Decimal("2.125"),
            ),
            (None, None, None, None, None, None, None, None, None, None),
        ),
    )


def test_en_pandas_types_exacts() -> None:
    df = en_pandas(_genres())
    assert list(df.columns) == ["d", "mo", "e", "a", "t", "c", "b", "m", "taux_fraction", "n"]
    assert {c: str(t) for c, t in df.dtypes.items()} == {
        "d": str(df.dtypes["d"]),
        "mo": str(df.dtypes["mo"]),
        "e": "Int64",
        "a": "Int64",
        "t": "string",
        "c": "string",
        "b": "boolean",
        "m": "object",
        "taux_fraction": "object",
        "n": "object",
    }
    assert str(df.dtypes["d"]).startswith("datetime64[") and str(df.dtypes["mo"]).startswith(
        "datetime64["
    )
    assert df["d"][0].day == 2 and df["mo"][0].month == 2
    assert df["c"][0] == "c1" and df["t"][0] == "x"
    assert df["m"][0] == Decimal("1.50") and df["taux_fraction"][0] == Decimal("0.0135")
    numerique = en_pandas(_genres(), numerique=True)
    assert str(numerique.dtypes["m"]) == "float64" and numerique["n"][0] == 2.125
    assert str(numerique.dtypes["e"]) == "Int64"


def test_en_polars_types_exacts() -> None:
    import polars as pl

    df = en_polars(_genres())
    assert df.columns == ["d", "mo", "e", "a", "t", "c", "b", "m", "taux_fraction", "n"]
    assert df.schema["d"] == pl.Date and df.schema["mo"] == pl.Date
    assert df.schema["e"] == pl.Int64 and df.schema["a"] == pl.Int64
    assert df.schema["t"] == pl.Utf8 and df.schema["c"] == pl.Utf8
    assert df.schema["b"] == pl.Boolean
    assert df.schema["m"] == pl.Decimal(precision=38, scale=2)
    assert df.schema["taux_fraction"] == pl.Decimal(precision=38, scale=4)
    assert df.schema["n"] == pl.Decimal(precision=38, scale=3)
    assert df["c"][0] == "c1" and df["n"][0] == Decimal("2.125")


def test_echelle_des_decimaux() -> None:
    assert _echelle([]) == 0
    assert _echelle([None, Decimal("1"), Decimal("1.25"), Decimal("3.5")]) == 2
    assert _echelle([Decimal("1E+3")]) == 0
    assert _echelle([Decimal("NaN"), Decimal("0.1")]) == 1
    assert _echelle([Decimal("1E-40")]) == 38


def test_texte_en_flot_vide_ou_a_colonnes_masquees() -> None:
    """Deux écarts du texte en flot relevés par le passage de mutation (issue 27), corrigés :
    une table en flot vide s'écrit « … : aucune ligne » comme une table vide, et ses colonnes
    masquées à l'écran ne sont pas écrites ; le texte est celui du document entier."""
    entier, sans, flot = _cas(0)
    assert "Projection : aucune ligne" in _en_flot(sans, flot, "texte")
    assert _en_flot(sans, flot, "texte") == rendre(entier, "texte")
    entier, sans, flot = _cas(3, masquee=True)
    assert "Nom" not in _en_flot(sans, flot, "texte")
    assert _en_flot(sans, flot, "texte") == rendre(entier, "texte")


def _vides() -> Table:
    """Une ligne de valeurs toutes absentes : les types viennent des colonnes, pas des valeurs."""
    table = _genres()
    return Table(
        cle="t", titre="T", colonnes=table.colonnes, lignes=((None,) * len(table.colonnes),)
    )


def test_en_polars_textes_et_types_sans_valeurs() -> None:
    import polars as pl

    df = en_polars(_genres())
    assert df["t"].to_list() == ["x", None] and df["c"].to_list() == ["c1", None]
    vide = en_polars(_vides())
    assert dict(vide.schema) == {
        "d": pl.Date,
        "mo": pl.Date,
        "e": pl.Int64,
        "a": pl.Int64,
        "t": pl.Utf8,
        "c": pl.Utf8,
        "b": pl.Boolean,
        "m": pl.Decimal(precision=38, scale=0),
        "taux_fraction": pl.Decimal(precision=38, scale=0),
        "n": pl.Decimal(precision=38, scale=0),
    }


def test_en_pandas_textes_sans_valeurs() -> None:
    df = en_pandas(_genres())
    assert df["t"].isna().tolist() == [False, True] and df["c"].isna().tolist() == [False, True]
    vide = en_pandas(_vides())
    assert str(vide.dtypes["e"]) == "Int64" and str(vide.dtypes["t"]) == "string"
    assert str(vide.dtypes["b"]) == "boolean"


@pytest.mark.parametrize(
    ("fonction", "module", "message", "attendu"),
    [
        (en_polars, "polars", "to_polars exige polars", "pip install polars"),
        (en_pandas, "pandas", "to_pandas exige pandas", "pip install pandas"),
    ],
)
def test_sans_la_bibliotheque_erreur_francaise(
    monkeypatch: pytest.MonkeyPatch, fonction: Any, module: str, message: str, attendu: str
) -> None:
    import builtins

    from collectivites.erreurs import ErreurPlugin

    importer = builtins.__import__

    def refuser(nom: str, *args: Any, **kwargs: Any) -> Any:
        if nom == module:
            raise ImportError(nom)
        return importer(nom, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", refuser)
    with pytest.raises(ErreurPlugin) as erreur:
        fonction(_genres())
    assert erreur.value.attendu == attendu
    assert str(erreur.value) == f"{message} (attendu : {attendu})"
    assert erreur.value.__suppress_context__


def test_json_en_flot_d_une_table_a_cle_accentuee() -> None:
    colonnes = _colonnes()
    lignes = _lignes(2001)
    modele = Table(cle="échéances", titre="É", colonnes=colonnes, lignes=())
    entier = Document(titre="É", tables=(attrs.evolve(modele, lignes=tuple(lignes)),))
    sans = Document(titre="É", tables=(modele,))
    flot = TableEnFlot(modele, _Compteur(lignes))
    assert _en_flot(sans, flot, "json") == rendre(entier, "json")
    assert '"échéances": [' in rendre(entier, "json")


def test_apres_un_en_tete_inattendu() -> None:
    with pytest.raises(AssertionError) as erreur:
        _flot._apres("abc", "x")
    assert str(erreur.value) == "rendu en flot : en-tête inattendu"
