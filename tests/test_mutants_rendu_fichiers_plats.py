"""Rendus pour les programmes (``rendu/_fichiers_plats.py``) : CSV, CSV pour tableur français,
JSON — chaque fichier écrit à la main caractère par caractère, puis relu par ``csv`` et ``json``
(issue 27)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from decimal import Decimal

from collectivites.rendu._fichiers_plats import (
    _cellule_csv,
    _cellule_tableur,
    _ecrire_ligne,
    en_csv,
    en_csv_excel,
    en_json,
)
from collectivites.tables import Colonne, Document, Fait, Genre, Table

D = Decimal


def _table() -> Table:
    return Table(
        cle="prets",
        titre="Prêts",
        colonnes=(
            Colonne(cle="nom", libelle="Nom", genre=Genre.TEXTE),
            Colonne(cle="=cle", libelle="-Libellé", genre=Genre.CODE),
            Colonne(cle="capital", libelle="Capital", genre=Genre.MONTANT, total=True),
            Colonne(cle="taux", libelle="Taux", genre=Genre.TAUX),
            Colonne(cle="date", libelle="Date", genre=Genre.DATE),
            Colonne(cle="actif", libelle="Actif", genre=Genre.BOOLEEN),
            Colonne(cle="n", libelle="N", genre=Genre.ENTIER, total=True),
        ),
        lignes=(
            ("=1+1", Genre.TAUX, D("-1234.5"), D("0.0135"), dt.date(2024, 1, 5), True, 3),
            ("a, b", "+x", None, None, None, False, None),
        ),
    )


def test_en_csv() -> None:
    attendu = (
        "nom,'=cle,capital,taux,date,actif,n\n"
        "'=1+1,taux,-1234.50,1.35,2024-01-05,true,3\n"
        '"a, b",\'+x,,,,false,\n'
    )
    assert en_csv(_table()) == attendu
    relu = list(csv.reader(io.StringIO(en_csv(_table()))))
    assert relu[2] == ["a, b", "'+x", "", "", "", "false", ""]


def test_cellule_csv() -> None:
    assert _cellule_csv(True, Genre.BOOLEEN) == "true"
    assert _cellule_csv(False, Genre.BOOLEEN) == "false"
    assert _cellule_csv(None, Genre.TEXTE) == ""
    assert _cellule_csv(D("-12.50"), Genre.MONTANT) == "-12.50"  # un nombre négatif reste nu
    assert _cellule_csv("-12", Genre.ENTIER) == "'-12"  # un texte égaré : neutralisé
    assert _cellule_csv(D("-0.01"), Genre.TAUX) == "-1.00"
    assert _cellule_csv(7, Genre.ENTIER) == 7
    assert _cellule_csv(-5, Genre.TEXTE) == "'-5"  # colonne de texte : neutralisée, même un int
    assert _cellule_csv(Genre.DATE, Genre.CODE) == "date"


def test_ecrire_ligne_retour_chariot_entre_guillemets() -> None:
    tampon = io.StringIO()
    ecrivain = csv.writer(tampon, lineterminator="\n")
    _ecrire_ligne(tampon, ecrivain, ["a", 1])
    _ecrire_ligne(tampon, ecrivain, ["x\r=1+1", 2, None])
    _ecrire_ligne(tampon, ecrivain, [3, "b\nc"])
    assert tampon.getvalue() == 'a,1\n"x\r=1+1",2,\n3,"b\nc"\n'


def test_en_csv_retour_chariot_dans_un_texte() -> None:
    table = Table(
        cle="t",
        titre="T",
        colonnes=(
            Colonne(cle="a", libelle="A", genre=Genre.TEXTE),
            Colonne(cle="b", libelle="B", genre=Genre.TEXTE),
        ),
        lignes=(("x\r=1", "y"), ("z", "w")),
    )
    assert en_csv(table) == 'a,b\n"x\r=1",y\nz,w\n'


def test_cellule_tableur() -> None:
    assert _cellule_tableur("=1", Genre.TEXTE) == "'=1"
    assert _cellule_tableur("-1", Genre.ENTIER) == "'-1"  # texte égaré
    assert _cellule_tableur(D("-1"), Genre.MONTANT) == "-1,00"
    assert _cellule_tableur(None, Genre.TEXTE) == ""
    # colonne de texte ou de code : neutralisée même quand la valeur n'est pas un str
    assert _cellule_tableur(-5, Genre.TEXTE) == "'-5"
    assert _cellule_tableur(-5, Genre.ENTIER) == "-5"


def test_en_csv_excel() -> None:
    attendu = (
        "\ufeff"
        "Nom;'-Libellé;Capital;Taux (%);Date;Actif;N\r\n"
        "'=1+1;taux;-1234,50;1,35;05/01/2024;oui;3\r\n"
        "a, b;'+x;;;;non;\r\n"
        "Total;;-1234,50;;;;3\r\n"
    )
    assert en_csv_excel(_table()) == attendu
    relu = list(csv.reader(io.StringIO(en_csv_excel(_table())[1:]), delimiter=";"))
    assert relu[-1] == ["Total", "", "-1234,50", "", "", "", "3"]


def test_en_csv_excel_sans_totaux_et_total_en_premiere_colonne() -> None:
    sans = Table(
        cle="t",
        titre="T",
        colonnes=(Colonne(cle="x", libelle="X", genre=Genre.NOMBRE),),
        lignes=((D("2.50"),),),
    )
    assert en_csv_excel(sans) == "\ufeffX\r\n2,50\r\n"
    premiere = Table(
        cle="t",
        titre="T",
        colonnes=(
            Colonne(cle="m", libelle="M", genre=Genre.MONTANT, total=True),
            Colonne(cle="x", libelle="X", genre=Genre.TEXTE),
        ),
        lignes=((D("1"), "a"), (D("2.5"), "b")),
    )
    assert en_csv_excel(premiere) == "\ufeffM;X\r\n1,00;a\r\n2,50;b\r\n3,50;\r\n"


def test_en_json() -> None:
    petite = Table(
        cle="petite",
        titre="P",
        colonnes=(Colonne(cle="x", libelle="X", genre=Genre.TEXTE),),
        lignes=(("=v",),),
    )
    partie = Document(titre="", tables=(petite,), hypotheses=("h2",))
    document = Document(
        titre="Dette",
        faits=(
            Fait(cle="encours", libelle="Encours", valeur=D("12.5"), genre=Genre.MONTANT),
            Fait(cle="taux", libelle="Taux", valeur=D("0.0135"), genre=Genre.TAUX),
        ),
        tables=(_table(), petite),
        hypotheses=("h1",),
        parties=(partie,),
    )
    texte = en_json(document)
    assert texte.endswith("}\n") and '"Prêts"' not in texte and "Dette" in texte
    assert '\n  "titre": "Dette",\n' in texte  # indentation de 2, accents tels quels
    assert json.loads(texte) == {
        "titre": "Dette",
        "encours": "12.50",
        "taux": "1.35",
        "prets": [
            {
                "nom": "=1+1",  # le JSON garde les textes tels quels
                "=cle": "taux",
                "capital": "-1234.50",
                "taux": "1.35",
                "date": "2024-01-05",
                "actif": True,
                "n": 3,
            },
            {
                "nom": "a, b",
                "=cle": "+x",
                "capital": None,
                "taux": None,
                "date": None,
                "actif": False,
                "n": None,
            },
        ],
        "petite": [{"x": "=v"}],
        "totaux": {"prets": {"capital": "-1234.50", "n": 3}},
        "hypotheses": ["h1"],
        "parties": [{"petite": [{"x": "=v"}], "hypotheses": ["h2"]}],
    }
    assert "é" in en_json(Document(titre="Prêté"))
    assert en_json(Document(titre="")) == '{\n  "hypotheses": []\n}\n'
