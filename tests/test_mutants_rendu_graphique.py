"""Le graphique PNG/SVG (``rendu/_graphique.py``) : courbes à trou, fichiers indépendants des
réglages matplotlib de l'appelant, moteur de pyplot de l'appelant laissé tel quel (issue 27).

Complète ``test_mutants_xlsx_graphique.py`` ; les valeurs attendues sont comptées à la main.
"""

from __future__ import annotations

import datetime as dt
import logging
import struct
from decimal import Decimal

import pytest

from collectivites.tables import Colonne, Document, Genre, Graphique, Table

pytest.importorskip("matplotlib")

import matplotlib

from collectivites.rendu._graphique import _dessiner, en_image

D = Decimal


def _a_trous() -> Table:
    """Trois échéances ; le garant A manque à la deuxième, B n'a que la deuxième."""
    return Table(
        cle="projection",
        titre="Projection",
        colonnes=(
            Colonne(cle="date", libelle="Échéance", genre=Genre.DATE),
            Colonne(cle="capital", libelle="Capital dû", genre=Genre.MONTANT),
            Colonne(cle="garant", libelle="Garant", genre=Genre.TEXTE),
        ),
        lignes=(
            (dt.date(2026, 1, 1), D("300.00"), "A"),
            (dt.date(2024, 1, 1), D("500.00"), "A"),
            (dt.date(2025, 1, 1), D("70.00"), "B"),
        ),
        graphique=Graphique(titre="Trous", abscisse="date", courbes=("capital",), series="garant"),
    )


def test_une_courbe_a_trou_garde_ses_abscisses() -> None:
    """Chaque point reste à la position de son abscisse (rang de la date triée) : A en 0 et 2
    (2024 et 2026, rien en 2025), B seul en 1 (2025) — pas tassés au début de l'axe."""
    table = _a_trous()
    assert table.graphique is not None
    (axe,) = _dessiner(table, table.graphique).axes
    a, b = axe.get_lines()
    assert (a.get_label(), list(a.get_xdata()), list(a.get_ydata())) == ("A", [0, 2], [500, 300])
    assert (b.get_label(), list(b.get_xdata()), list(b.get_ydata())) == ("B", [1], [70])
    assert [t.get_text() for t in axe.get_xticklabels()] == [
        "01/01/2024",
        "01/01/2025",
        "01/01/2026",
    ]


def _taille_png(png: bytes) -> tuple[int, int]:
    """Largeur et hauteur lues dans l'en-tête IHDR (octets 16 à 24, entiers gros-boutistes)."""
    assert png[12:16] == b"IHDR"
    largeur, hauteur = struct.unpack(">II", png[16:24])
    return largeur, hauteur


def test_png_de_900_sur_540_quel_que_soit_le_dpi_de_l_appelant() -> None:
    """9 × 5,4 pouces à 100 points par pouce : 900 × 540 pixels, même si les réglages de
    l'appelant (matplotlibrc) donnent une autre résolution par défaut aux figures."""
    document = Document(titre="D", tables=(_a_trous(),))
    assert _taille_png(en_image(document)) == (900, 540)
    with matplotlib.rc_context({"figure.dpi": 50}):
        png = en_image(document)
    assert _taille_png(png) == (900, 540)


def test_police_trouvee_sans_avertissement(caplog: pytest.LogCaptureFixture) -> None:
    """La police demandée (DejaVu Sans, fournie avec matplotlib) est trouvée : aucun
    avertissement « findfont » de matplotlib (une taille inhabituelle évite le cache des
    recherches de polices déjà faites)."""
    document = Document(titre="D", tables=(_a_trous(),))
    with caplog.at_level(logging.WARNING), matplotlib.rc_context({"font.size": 7.25}):
        en_image(document, "svg")
    assert [r.getMessage() for r in caplog.records if r.name.startswith("matplotlib")] == []


def test_le_moteur_de_pyplot_de_l_appelant_reste_le_sien() -> None:
    """Un carnet qui dessine avec pyplot garde son moteur après un rendu d'image (le rendu se
    fait sur une Figure sans pyplot)."""
    pyplot = pytest.importorskip("matplotlib.pyplot")
    avant = matplotlib.get_backend()
    pyplot.switch_backend("pdf")
    try:
        png = en_image(Document(titre="D", tables=(_a_trous(),)))
        assert matplotlib.get_backend() == "pdf"
        assert pyplot.get_backend() == "pdf"
    finally:
        pyplot.switch_backend(avant)
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
