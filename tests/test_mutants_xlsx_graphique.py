"""Le graphique PNG/SVG (``rendu/_graphique.py``, matplotlib) : la figure dessinée relue objet par
objet — barres empilées, courbes, axes, graduations, légende — et les refus (issue 27).

Chaque test construit sa table : les valeurs attendues sont calculées à la main (sommes par
abscisse, libellés des courbes, graduations en euros), pas recopiées d'un rendu.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from collectivites.erreurs import ErreurPlugin, ErreurValeur
from collectivites.tables import Colonne, Document, Genre, Graphique, Table

pytest.importorskip("matplotlib")

from collectivites.rendu._graphique import (
    _dessiner,
    _euros,
    _litteral,
    _valeurs,
    en_image,
    table_du_graphique,
)

D = Decimal
FINE = "\u202f"  # espace fine insécable des milliers


def _colonnes(*autres: Colonne) -> tuple[Colonne, ...]:
    return (
        Colonne(cle="date", libelle="Échéance", genre=Genre.DATE),
        Colonne(cle="amort", libelle="Amortissement", genre=Genre.MONTANT),
        Colonne(cle="interets", libelle="Intérêts", genre=Genre.MONTANT),
        Colonne(cle="capital", libelle="Capital dû", genre=Genre.MONTANT),
        *autres,
    )


def _profil(**graphique: Any) -> Table:
    """Deux échéances, la seconde en deux lignes (même date) : barres additionnées, courbe
    additionnée, une valeur absente comptée pour zéro."""
    reglages: dict[str, Any] = {
        "titre": "Profil",
        "abscisse": "date",
        "barres": ("amort", "interets"),
        "courbes": ("capital",),
    }
    reglages.update(graphique)
    return Table(
        cle="profil",
        titre="Profil",
        colonnes=_colonnes(),
        lignes=(
            (dt.date(2024, 1, 1), D("100.00"), D("10.00"), D("1000.00")),
            (dt.date(2023, 1, 1), D("50.00"), D("5.00"), D("1100.00")),
            (dt.date(2024, 1, 1), D("1.00"), None, None),
        ),
        graphique=Graphique(**reglages),
    )


# --- textes, table, valeurs ---------------------------------------------------------------------


def test_litteral_echappe_chaque_dollar() -> None:
    assert _litteral("$a$ et $") == r"\$a\$ et \$"
    assert _litteral("sans") == "sans"


def test_table_du_graphique_la_premiere_qui_en_a_un() -> None:
    sans = Table(cle="sans", titre="Sans", colonnes=_colonnes(), lignes=())
    premiere, seconde = _profil(), _profil(titre="Autre")
    partie = Document(titre="P", cle="p", tables=(premiere, seconde))
    assert table_du_graphique(Document(titre="D", tables=(sans,), parties=(partie,))) is premiere
    with pytest.raises(ErreurValeur) as erreur:
        table_du_graphique(Document(titre="D", tables=(sans,)))
    assert erreur.value.message == "ce résultat n'a pas de graphique"
    assert (erreur.value.cle, erreur.value.attendu) == ("format", "texte, csv, json, xlsx, html")


def test_valeurs_additionnees_par_abscisse_triee() -> None:
    table = _profil()
    assert table.graphique is not None
    abscisses, barres, courbes = _valeurs(table, table.graphique)
    assert abscisses == [dt.date(2023, 1, 1), dt.date(2024, 1, 1)]
    assert barres == {"amort": [D("50.00"), D("101.00")], "interets": [D("5.00"), D("10.00")]}
    assert courbes == {"Capital dû": [D("1100.00"), D("1000.00")]}


def _par_garant(courbes: tuple[str, ...]) -> Table:
    return Table(
        cle="projection",
        titre="Projection",
        colonnes=_colonnes(Colonne(cle="garant", libelle="Garant", genre=Genre.TEXTE)),
        lignes=(
            (dt.date(2024, 1, 1), D("10.00"), D("1.00"), D("90.00"), "Lozère"),
            (dt.date(2023, 1, 1), D("10.00"), D("2.00"), D("100.00"), "Lozère"),
            (dt.date(2024, 1, 1), D("20.00"), D("3.00"), D("40.00"), "Oraison"),
            (dt.date(2024, 1, 1), D("5.00"), D("0.00"), D("7.00"), ""),
        ),
        graphique=Graphique(
            titre="Par garant", abscisse="date", barres=("amort",), courbes=courbes, series="garant"
        ),
    )


def test_valeurs_une_courbe_par_serie() -> None:
    """Une courbe : la série la nomme (une série sans nom garde le libellé de la colonne) ;
    une abscisse où la série manque reste vide. Deux courbes : « série — colonne »."""
    table = _par_garant(("capital",))
    assert table.graphique is not None
    abscisses, barres, courbes = _valeurs(table, table.graphique)
    assert abscisses == [dt.date(2023, 1, 1), dt.date(2024, 1, 1)]
    assert barres == {"amort": [D("10.00"), D("35.00")]}
    assert courbes == {
        "Lozère": [D("100.00"), D("90.00")],
        "Oraison": [None, D("40.00")],
        "Capital dû": [None, D("7.00")],
    }
    table = _par_garant(("capital", "interets"))
    assert table.graphique is not None
    _abscisses, _barres, courbes = _valeurs(table, table.graphique)
    assert courbes == {
        "Lozère — Capital dû": [D("100.00"), D("90.00")],
        "Lozère — Intérêts": [D("2.00"), D("1.00")],
        "Oraison — Capital dû": [None, D("40.00")],
        "Oraison — Intérêts": [None, D("3.00")],
        "Capital dû": [None, D("7.00")],
        "Intérêts": [None, D("0.00")],
    }


def test_euros_entiers_milliers_separes() -> None:
    assert _euros(1234567.4, None) == f"1{FINE}234{FINE}567 €"
    assert _euros(999.5, None) == "1" + FINE + "000 €"  # arrondi au plus proche
    assert _euros(-2500.0, 3) == f"-2{FINE}500 €"
    assert _euros(0.0, None) == "0 €"


# --- la figure ----------------------------------------------------------------------------------


def _figure(table: Table) -> Any:
    assert table.graphique is not None
    return _dessiner(table, table.graphique)


def test_barres_empilees_et_courbe_sur_un_second_axe() -> None:
    figure = _figure(_profil())
    assert tuple(figure.get_size_inches()) == (9, 5.4) and figure.dpi == 100
    axe, axe_courbes = figure.axes
    amort, interets = axe.containers
    assert [b.get_height() for b in amort] == [50, 101]
    assert [b.get_y() for b in amort] == [0, 0]
    assert [b.get_height() for b in interets] == [5, 10]
    assert [b.get_y() for b in interets] == [50, 101]  # posées sur l'amortissement
    assert [b.get_x() + b.get_width() / 2 for b in amort] == [0, 1]
    assert (amort.get_label(), interets.get_label()) == ("Amortissement", "Intérêts")
    # couleurs de la palette à partir de la quatrième, transparentes à 55 %
    assert amort[0].get_facecolor() == pytest.approx((0x7F / 255, 0x60 / 255, 0, 0.55))
    assert interets[0].get_facecolor() == pytest.approx((0x70 / 255, 0x30 / 255, 0xA0 / 255, 0.55))
    (courbe,) = axe_courbes.get_lines()
    assert list(courbe.get_xdata()) == [0, 1]
    assert list(courbe.get_ydata()) == [1100, 1000]
    assert (courbe.get_color(), courbe.get_linewidth(), courbe.get_label()) == (
        "#1f4e79",
        2,
        "Capital dû",
    )
    assert axe.get_lines() == []
    # axes en euros, partant de zéro (tout est positif), libellés des deux axes
    for a in (axe, axe_courbes):
        assert a.yaxis.get_major_formatter()(1234.0, 0) == f"1{FINE}234 €"
        assert a.get_ylim()[0] == 0
    assert axe_courbes.get_ylabel() == "Capital dû (courbes)"
    assert axe.get_ylabel() == "Amortissement + Intérêts (barres)"
    assert axe.get_title() == "Profil"
    assert list(axe.get_xticks()) == [0, 1]
    etiquettes = axe.get_xticklabels()
    assert [t.get_text() for t in etiquettes] == ["01/01/2023", "01/01/2024"]
    assert {(t.get_rotation(), t.get_horizontalalignment()) for t in etiquettes} == {(45, "right")}


def test_legende_sous_le_graphique() -> None:
    figure = _figure(_profil())
    axe = figure.axes[0]
    legende = axe.get_legend()
    assert [t.get_text() for t in legende.get_texts()] == [
        "Amortissement",
        "Intérêts",
        "Capital dû",
    ]
    assert legende._ncols == 2  # deux colonnes au plus
    assert legende._loc == 9  # « upper center »
    assert legende.get_frame_on() is False
    # « small » : 0,833 de la taille par défaut (10 points)
    assert [t.get_fontsize() for t in legende.get_texts()] == [pytest.approx(8.33, abs=0.01)] * 3
    ancre = legende.get_bbox_to_anchor().transformed(axe.transAxes.inverted())
    assert (ancre.x0, ancre.y0) == pytest.approx((0.5, -0.22))
    # mise en page serrée : étiquettes tournées et légende dans la figure
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    rendu = FigureCanvasAgg(figure).get_renderer()
    boite = legende.get_window_extent(rendu)
    assert boite.y0 >= 0 and boite.x0 >= 0 and boite.x1 <= figure.bbox.x1


def test_courbes_seules_sur_un_axe_et_montants_negatifs() -> None:
    """Sans barres, les courbes sont sur l'axe principal ; un montant négatif : l'axe n'est pas
    coupé à zéro, une ligne grise marque le zéro. Deux courbes : pas de libellé d'axe."""
    table = Table(
        cle="ecart",
        titre="Écart",
        colonnes=_colonnes(),
        lignes=(
            (dt.date(2024, 1, 1), D("-10.00"), D("3.00"), D("5.00")),
            (dt.date(2025, 1, 1), D("4.00"), None, D("6.00")),
        ),
        graphique=Graphique(titre="Écart", abscisse="date", courbes=("amort", "interets")),
    )
    figure = _figure(table)
    (axe,) = figure.axes
    assert axe.containers == []
    amort, interets, zero = axe.get_lines()
    assert list(amort.get_ydata()) == [-10, 4]
    assert list(interets.get_ydata()) == [3, 0]
    assert (amort.get_color(), interets.get_color()) == ("#1f4e79", "#c55a11")
    assert list(zero.get_ydata()) == [0, 0]
    assert (zero.get_color(), zero.get_linewidth()) == ("#808080", 0.8)
    assert axe.get_ylim()[0] < -10
    assert axe.get_ylabel() == ""
    assert axe.get_legend()._ncols == 2


def test_une_seule_courbe_legende_d_une_colonne() -> None:
    table = Table(
        cle="c",
        titre="C",
        colonnes=_colonnes(),
        lignes=((dt.date(2024, 1, 1), D("1.00"), D("1.00"), D("5.00")),),
        graphique=Graphique(titre="$x$", abscisse="date", courbes=("capital",)),
    )
    figure = _figure(table)
    (axe,) = figure.axes
    assert axe.get_legend()._ncols == 1
    assert axe.get_ylabel() == "Capital dû (courbes)"
    assert axe.get_title() == r"\$x\$"  # jamais du mathtext


def test_une_graduation_sur_dix_au_plus() -> None:
    """25 années : une étiquette toutes les 2 (25 // 10) ; une abscisse qui n'est pas une date
    s'écrit telle quelle."""
    table = Table(
        cle="a",
        titre="A",
        colonnes=(
            Colonne(cle="annee", libelle="Année", genre=Genre.ANNEE),
            Colonne(cle="capital", libelle="Capital", genre=Genre.MONTANT),
        ),
        lignes=tuple((2000 + i, D("1.00")) for i in range(25)),
        graphique=Graphique(titre="A", abscisse="annee", barres=("capital",)),
    )
    figure = _figure(table)
    (axe,) = figure.axes
    assert list(axe.get_xticks()) == list(range(0, 25, 2))
    assert [t.get_text() for t in axe.get_xticklabels()] == [str(2000 + i) for i in range(0, 25, 2)]
    assert axe.get_ylabel() == ""  # des barres seules : pas de second axe ni de libellé
    assert len(figure.axes) == 1


# --- le fichier ---------------------------------------------------------------------------------


def test_format_inconnu_refuse() -> None:
    with pytest.raises(ErreurValeur) as erreur:
        en_image(Document(titre="D", tables=(_profil(),)), "jpg")
    assert erreur.value.message == "format d'image inconnu"
    assert (erreur.value.cle, erreur.value.valeur) == ("format", "jpg")


def test_sans_matplotlib_erreur_de_greffon(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(__import__("sys").modules, "matplotlib", None)
    with pytest.raises(ErreurPlugin) as erreur:
        en_image(Document(titre="D", tables=(_profil(),)), "svg")
    assert erreur.value.message == "les graphiques exigent matplotlib"
    assert erreur.value.attendu == (
        "l'extra graphiques (pip install '.[graphiques]' depuis le dépôt, "
        "ou pip install matplotlib)"
    )
    assert erreur.value.__suppress_context__ is True


def test_fichiers_sans_date_ni_logiciel() -> None:
    """PNG sans bloc « Software » ; SVG sans date ni créateur (fichiers reproductibles)."""
    document = Document(titre="D", tables=(_profil(),))
    png = en_image(document)
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    assert b"Software" not in png and b"Matplotlib" not in png
    svg = en_image(document, "svg").decode("utf-8")
    assert "<svg" in svg
    assert "<dc:date>" not in svg and "Matplotlib" not in svg
    assert en_image(document, "svg").decode("utf-8") == svg


def test_couleurs_de_la_palette_dans_l_ordre() -> None:
    """Cinq colonnes de barres : couleurs 4, 5, 6, 7 puis 1 de la palette ; huit séries : les
    sept couleurs puis la première à nouveau."""
    from matplotlib.colors import to_rgba

    palette = ["#1f4e79", "#c55a11", "#548235", "#7f6000", "#7030a0", "#2e75b6", "#a50021"]
    barres = tuple(f"b{i}" for i in range(5))
    table = Table(
        cle="p",
        titre="P",
        colonnes=(
            Colonne(cle="annee", libelle="Année", genre=Genre.ANNEE),
            *(Colonne(cle=b, libelle=b.upper(), genre=Genre.MONTANT) for b in barres),
            Colonne(cle="c", libelle="Capital", genre=Genre.MONTANT),
            Colonne(cle="s", libelle="Garant", genre=Genre.TEXTE),
        ),
        lignes=tuple((2024, *[D("1.00")] * 5, D(i + 1), f"G{i}") for i in range(8)),
        graphique=Graphique(titre="P", abscisse="annee", barres=barres, courbes=("c",), series="s"),
    )
    axe, axe_courbes = _figure(table).axes
    assert [c[0].get_facecolor() for c in axe.containers] == [
        to_rgba(palette[i], 0.55) for i in (3, 4, 5, 6, 0)
    ]
    assert [b[0].get_height() for b in axe.containers] == [8] * 5
    assert [c.get_color() for c in axe_courbes.get_lines()] == [*palette, palette[0]]
    assert [c.get_label() for c in axe_courbes.get_lines()] == [f"G{i}" for i in range(8)]


def test_aucun_texte_lu_comme_du_mathtext() -> None:
    """Chaque texte dessiné (barres, séries, axes, titre, abscisses textuelles) a ses « $ »
    échappés."""
    table = Table(
        cle="t",
        titre="T",
        colonnes=(
            Colonne(cle="x", libelle="Poste", genre=Genre.TEXTE),
            Colonne(cle="m", libelle="Coût $", genre=Genre.MONTANT),
            Colonne(cle="c", libelle="Capital $", genre=Genre.MONTANT),
            Colonne(cle="s", libelle="Série", genre=Genre.TEXTE),
        ),
        lignes=(("B$", D("1.00"), D("3.00"), "S$"), ("A$", D("1.00"), D("2.00"), "S$")),
        graphique=Graphique(
            titre="Titre $", abscisse="x", barres=("m",), courbes=("c",), series="s"
        ),
    )
    axe, axe_courbes = _figure(table).axes
    assert axe.containers[0].get_label() == r"Coût \$"
    assert [c.get_label() for c in axe_courbes.get_lines()] == [r"S\$"]
    assert axe_courbes.get_ylabel() == r"Capital \$ (courbes)"
    assert axe.get_ylabel() == r"Coût \$ (barres)"
    assert axe.get_title() == r"Titre \$"
    assert [t.get_text() for t in axe.get_xticklabels()] == [r"A\$", r"B\$"]
    assert [t.get_text() for t in axe.get_legend().get_texts()] == [r"Coût \$", r"S\$"]


def test_un_montant_nul_garde_l_axe_a_zero() -> None:
    """Zéro n'est pas négatif : l'axe part de zéro, sans ligne du zéro. Vingt années : une
    étiquette toutes les deux (20 // 10)."""
    table = Table(
        cle="a",
        titre="A",
        colonnes=(
            Colonne(cle="annee", libelle="Année", genre=Genre.ANNEE),
            Colonne(cle="capital", libelle="Capital", genre=Genre.MONTANT),
        ),
        lignes=tuple((2000 + i, D(i)) for i in range(20)),
        graphique=Graphique(titre="A", abscisse="annee", courbes=("capital",)),
    )
    (axe,) = _figure(table).axes
    (courbe,) = axe.get_lines()
    assert list(courbe.get_ydata()) == list(range(20))
    assert axe.get_ylim()[0] == 0
    assert list(axe.get_xticks()) == list(range(0, 20, 2))
