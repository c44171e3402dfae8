"""Rendu HTML (``rendu/_html.py``) : table avec légende, nombres à droite, décimales de la
colonne, ligne de totaux ; document (titres, faits, hypothèses, parties) ; page autonome
(issue 27). Le HTML attendu est écrit à la main, balise par balise.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from collectivites.rendu._html import en_html, page_html, table_html
from collectivites.tables import Colonne, Document, Fait, Genre, Table

D = Decimal
FINE = "\u202f"
DROITE = ' style="text-align:right"'


def _table(titre: str = "Prêts <2024>") -> Table:
    return Table(
        cle="prets",
        titre=titre,
        colonnes=(
            Colonne(cle="nom", libelle="Nom & prêteur", genre=Genre.TEXTE),
            Colonne(cle="cache", libelle="Caché", genre=Genre.TEXTE, affichee=False),
            Colonne(cle="date", libelle="Date", genre=Genre.DATE),
            Colonne(cle="capital", libelle="Capital", genre=Genre.MONTANT, total=True),
            Colonne(cle="taux", libelle="Taux", genre=Genre.TAUX),
            Colonne(cle="n", libelle="Nombre", genre=Genre.ENTIER, total=True),
        ),
        lignes=(
            ("A <b>", "x", dt.date(2024, 1, 5), D("1234.5"), D("0.0135"), 1200),
            ("B", "y", None, None, D("0.01234"), None),
        ),
    )


def test_table_html_complete() -> None:
    attendu = (
        '<table class="collectivites"><caption>Prêts &lt;2024&gt;</caption>'
        "<thead><tr><th>Nom &amp; prêteur</th><th>Date</th>"
        f"<th{DROITE}>Capital</th><th{DROITE}>Taux</th><th{DROITE}>Nombre</th></tr></thead>"
        "<tbody>"
        f"<tr><td>A &lt;b&gt;</td><td>05/01/2024</td><td{DROITE}>1{FINE}234,50</td>"
        f"<td{DROITE}>1,350 %</td><td{DROITE}>1{FINE}200</td></tr>"
        f"<tr><td>B</td><td></td><td{DROITE}></td><td{DROITE}>1,234 %</td><td{DROITE}></td></tr>"
        "</tbody>"
        f"<tfoot><tr><th>Total</th><th></th><th{DROITE}>1{FINE}234,50</th><th{DROITE}></th>"
        f"<th{DROITE}>1{FINE}200</th></tr></tfoot>"
        "</table>"
    )
    assert table_html(_table()) == attendu


def test_table_sans_titre_ni_totaux() -> None:
    table = Table(
        cle="t",
        titre="",
        colonnes=(Colonne(cle="x", libelle="X", genre=Genre.NOMBRE),),
        lignes=((D("2.5"),), (D("1"),)),
    )
    assert table_html(table) == (
        '<table class="collectivites"><thead><tr>'
        f"<th{DROITE}>X</th></tr></thead><tbody><tr><td{DROITE}>2,5</td></tr>"
        f"<tr><td{DROITE}>1,0</td></tr></tbody></table>"
    )


def test_total_dans_la_premiere_colonne_garde_sa_valeur() -> None:
    table = Table(
        cle="t",
        titre="T",
        colonnes=(
            Colonne(cle="m", libelle="M", genre=Genre.MONTANT, total=True),
            Colonne(cle="x", libelle="X", genre=Genre.TEXTE),
        ),
        lignes=((D("1"), "a"), (D("2.5"), "b")),
    )
    assert table_html(table).endswith(
        f"<tfoot><tr><th{DROITE}>3,50</th><th></th></tr></tfoot></table>"
    )


def test_en_html_document_et_parties() -> None:
    petite = Table(
        cle="t",
        titre="",
        colonnes=(Colonne(cle="x", libelle="X", genre=Genre.TEXTE),),
        lignes=(("v",),),
    )
    rendu_petite = table_html(petite)
    feuille = Document(titre="Feuille", tables=(petite,))
    milieu = Document(titre="Milieu <1>", parties=(feuille,), hypotheses=("h & i",))
    document = Document(
        titre="Racine",
        faits=(
            Fait(cle="a", libelle="Montant <net>", valeur=D("12.5"), genre=Genre.MONTANT),
            Fait(cle="b", libelle="Taux", valeur=D("0.0135"), genre=Genre.TAUX),
            Fait(cle="c", libelle="Texte", valeur="x & y"),
        ),
        tables=(petite,),
        hypotheses=("taux fixe", "année < 2030"),
        parties=(milieu,),
    )
    assert en_html(document, niveau=5) == (
        '<div class="collectivites"><h5>Racine</h5>'
        "<dl><dt>Montant &lt;net&gt;</dt><dd>12,50</dd><dt>Taux</dt><dd>1,35 %</dd>"
        "<dt>Texte</dt><dd>x &amp; y</dd></dl>"
        f"{rendu_petite}"
        "<ul><li>Hypothèse : taux fixe</li><li>Hypothèse : année &lt; 2030</li></ul>"
        '<div class="collectivites"><h6>Milieu &lt;1&gt;</h6>'
        "<ul><li>Hypothèse : h &amp; i</li></ul>"
        f'<div class="collectivites"><h6>Feuille</h6>{rendu_petite}</div>'  # niveau 6 au plus
        "</div></div>"
    )


def test_en_html_niveau_3_par_defaut_et_document_vide() -> None:
    assert en_html(Document(titre="T")) == '<div class="collectivites"><h3>T</h3></div>'
    assert en_html(Document(titre="")) == '<div class="collectivites"></div>'
    partie = Document(titre="P")
    assert en_html(Document(titre="", parties=(partie,))) == (
        '<div class="collectivites"><div class="collectivites"><h4>P</h4></div></div>'
    )


def test_page_html() -> None:
    style = (
        "body{font-family:system-ui,sans-serif;margin:2em;color:#222}"
        "table.collectivites{border-collapse:collapse;margin:1em 0}"
        "table.collectivites th,table.collectivites td{border:1px solid #ccc;padding:.2em .5em}"
        "caption{font-weight:bold;text-align:left;padding:.3em 0}"
        "@media print{body{margin:0}}"
    )
    assert page_html("<p>x</p>", "Dette & <prêts>") == (
        '<!DOCTYPE html>\n<html lang="fr">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        "<title>Dette &amp; &lt;prêts&gt;</title>\n"
        f"<style>{style}</style>\n"
        "</head>\n<body>\n<p>x</p>\n</body>\n</html>\n"
    )
    assert "<title>collectivites</title>" in page_html("")


def test_total_aux_decimales_de_sa_colonne() -> None:
    """Nombre à 2 décimales déclarées : 1,234 s'écrit 1,23, le total 1,734 s'écrit 1,73 (pas
    avec ses trois décimales)."""
    table = Table(
        cle="t",
        titre="",
        colonnes=(Colonne(cle="x", libelle="X", genre=Genre.NOMBRE, total=True, decimales=2),),
        lignes=((D("1.234"),), (D("0.5"),)),
    )
    assert table_html(table) == (
        f'<table class="collectivites"><thead><tr><th{DROITE}>X</th></tr></thead>'
        f"<tbody><tr><td{DROITE}>1,23</td></tr><tr><td{DROITE}>0,50</td></tr></tbody>"
        f"<tfoot><tr><th{DROITE}>1,73</th></tr></tfoot></table>"
    )
