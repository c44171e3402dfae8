"""Lecture en colonnes d'un portefeuille en tableau (``prets/_colonnaire.py``) : ce que chaque
étape rend, et quand elle renonce (``None``) — texte irrégulier, en-tête douteux, cellule
refusée, clé obligatoire absente — pour que la lecture ligne à ligne rédige l'erreur ; les
lignes lues en colonnes égales à celles de la lecture ligne à ligne (issue 27). Les tests de
bout en bout (``test_partitions_colonnes``) ne voient pas un renoncement de trop : la lecture
ligne à ligne donne alors le même résultat."""

from __future__ import annotations

import csv
import importlib
import io
from decimal import Decimal
from typing import Any

import pytest

from collectivites.chargement import lire_csv
from collectivites.erreurs import ErreurValeur
from collectivites.prets import _colonnaire
from collectivites.prets._colonnaire import (
    _ABSENTE,
    _convertir,
    _lignes_non_vides,
    _prefinancements,
    _regulier,
    _separateur,
    _vide,
    cellules_csv,
    cellules_lignes,
    cellules_parquet,
    lignes_en_colonnes,
)
from collectivites.prets._tableur import lignes_des_cellules
from tests.synthetique import lignes

BASE = list(lignes(3))


def _texte(rangees: list[dict[str, str]], separateur: str = ",") -> str:
    flux = io.StringIO()
    ecrivain = csv.DictWriter(flux, fieldnames=list(rangees[0]), delimiter=separateur)
    ecrivain.writeheader()
    ecrivain.writerows(rangees)
    return flux.getvalue()


def _ligne_a_ligne(texte: str) -> list[tuple[str, Any]]:
    entetes, lues = lire_csv(texte, fichier="p.csv")
    return list(lignes_des_cellules(entetes, lues, "p.csv"))


def test_cellule_vide() -> None:
    assert _vide(None) is True
    assert _vide("") is True
    assert _vide(" \t") is True
    assert _vide(" x ") is False


def test_separateur() -> None:
    assert _separateur("a;b;c,d") == ";"
    assert _separateur("a,b,c;d") == ","
    assert _separateur("a;b,c") == ","  # à égalité, la virgule
    assert _separateur("abc") == ","


@pytest.mark.parametrize(
    "irregulier",
    [
        b"#",
        b"\x00",
        b"\x0b",
        b"\x0c",
        b"\x1c",
        b"\x1d",
        b"\x1e",
        b"\xc2\x85",
        "\u2028".encode(),  # séparateurs Unicode de ligne et de paragraphe
        "\u2029".encode(),
    ],
)
def test_texte_irregulier(irregulier: bytes) -> None:
    assert _regulier(b"a,b\n1,2\n", ",") is True
    assert _regulier(b"a,b\n1," + irregulier + b"2\n", ",") is False


def test_guillemets_reguliers_ou_non() -> None:
    assert _regulier(b'a,b\n"1","2"\r\n"x y",3\n', ",") is True
    assert _regulier(b'a;b\n"1";"2"\n', ";") is True
    assert _regulier(b'a,b\n"1,2\n', ",") is False  # un guillemet sans son pair
    assert _regulier(b'a,b\n1"x",2\n', ",") is False  # ouvert au milieu d'une cellule
    assert _regulier(b'a,b\n"x"1,2\n', ",") is False  # fermé au milieu d'une cellule
    assert _regulier(b'a;b\n"1","2"\n', ";") is False  # la virgule n'est pas le séparateur
    assert _regulier('a,b\n"é",""\n'.encode(), ",") is True
    assert _regulier(b'a,b\n"",x\n', ",") is True
    # un guillemet entre deux lettres quelconques (ici des X) est au milieu d'une cellule
    assert _regulier(b'a,b\nX"X"X,2\n', ",") is False
    assert _regulier(b'a,b\nx"y"z,2\n', ",") is False


def test_cellules_csv_regulier() -> None:
    texte = _texte(BASE)
    lues = cellules_csv(texte.encode())
    assert lues is not None
    entetes, colonnes = lues
    assert entetes == list(BASE[0])
    assert colonnes == {c: [r[c] for r in BASE] for c in BASE[0]}
    # point-virgule, BOM, fin de ligne CRLF : les mêmes cellules
    autre = cellules_csv(
        ("\ufeff" + _texte(BASE, ";").replace("\r\n", "\n").replace("\n", "\r\n")).encode()
    )
    assert autre == lues
    # espaces autour et apostrophe d'une formule ôtés (comme le lecteur de la bibliothèque),
    # lignes blanches ignorées
    blanche = "," * (len(BASE[0]) - 1) + "\n"
    abime = texte.replace(BASE[1]["emprunteur"], "  '=bailleur  ") + blanche + "\n"
    entetes, colonnes = cellules_csv(abime.encode())  # type: ignore[misc]
    assert colonnes["emprunteur"] == [BASE[0]["emprunteur"], "=bailleur", BASE[2]["emprunteur"]]
    assert len(colonnes["numero"]) == 3


@pytest.mark.parametrize(
    ("nom", "texte"),
    [
        ("non-utf8", "a,b\n1,é\n".encode("latin-1")),
        ("en-tete-vide", b"  \n1,2\n"),
        ("en-tete-guillemet", b'"a",b\n1,2\n'),
        ("en-tete-retour-chariot", b"a,\rb\n1,2\n"),
        ("en-tete-double", b"a,b, a\n1,2,3\n"),
        ("irregulier", b"a,b\n#1,2\n"),
        ("fin-de-ligne-dans-une-cellule", b'a,b\n"1\n2",3\n'),
        ("retour-chariot-dans-une-cellule", b'a,b\n"1\r2",3\n'),
        ("trop-de-cellules", b"a,b\n1,2,3\n"),
    ],
)
def test_cellules_csv_renonce(nom: str, texte: bytes) -> None:
    assert cellules_csv(texte) is None, nom


def test_cellules_csv_renonce_a_une_cellule_trop_longue(monkeypatch: pytest.MonkeyPatch) -> None:
    texte = b"a,b\n1,12345\n"
    assert cellules_csv(texte) == (["a", "b"], {"a": ["1"], "b": ["12345"]})
    ancienne = csv.field_size_limit()
    try:
        csv.field_size_limit(5)
        assert cellules_csv(texte) == (["a", "b"], {"a": ["1"], "b": ["12345"]})
        csv.field_size_limit(4)
        assert cellules_csv(texte) is None
    finally:
        csv.field_size_limit(ancienne)


def test_cellules_csv_sans_pyarrow(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_colonnaire, "_arrow_csv", lambda: None)
    assert cellules_csv(_texte(BASE).encode()) is None


def test_arrow_csv_importe_ou_absent(monkeypatch: pytest.MonkeyPatch) -> None:
    import pyarrow.csv

    assert _colonnaire._arrow_csv() is pyarrow.csv

    def absent(nom: str) -> Any:
        raise ImportError(nom)

    monkeypatch.setattr(importlib, "import_module", absent)
    assert _colonnaire._arrow_csv() is None


def test_lignes_non_vides() -> None:
    colonnes = {"a": ["1", " ", None, "2"], "b": ["x", "", "", None]}
    assert _lignes_non_vides(colonnes, 4) == {"a": ["1", "2"], "b": ["x", None]}
    pleines = {"a": ["1", "2"], "b": ["", "y"]}
    assert _lignes_non_vides(pleines, 2) is pleines  # une colonne sans blanc : rien à ôter
    assert _lignes_non_vides({}, 0) == {}


def test_cellules_lignes_et_parquet() -> None:
    texte = _texte(BASE)
    entetes, lues = lire_csv(texte, fichier="p.csv")
    colonnes = cellules_lignes(entetes, lues)
    assert colonnes == {c: [r[c] for r in BASE] for c in BASE[0]}

    class Colonne:
        def __init__(self, valeurs: list[object]) -> None:
            self.valeurs = valeurs

        def to_pylist(self) -> list[object]:
            return self.valeurs

    class Table:
        column_names = ("a", "b")

        def column(self, nom: str) -> Colonne:
            valeurs: dict[str, list[object]] = {"a": [1, 2], "b": [None, "x"]}
            return Colonne(valeurs[nom])

    assert cellules_parquet(Table(), lambda v: f"<{v}>") == {
        "a": ["<1>", "<2>"],
        "b": ["<None>", "<x>"],
    }

    def refuser(v: object) -> str:
        if v == "x":
            raise ErreurValeur("valeur refusée", cle="b")
        return str(v)

    assert cellules_parquet(Table(), refuser) is None


def test_lignes_en_colonnes_comme_ligne_a_ligne() -> None:
    texte = _texte(BASE)
    entetes, colonnes = cellules_csv(texte.encode())  # type: ignore[misc]
    resultat = lignes_en_colonnes(entetes, colonnes, "p.csv")
    assert resultat == _ligne_a_ligne(texte)
    assert [n for n, _x in resultat] == ["C0000000", "C0000000", "C0000001"]
    # sans numéro : des numéros vides ; une colonne facultative vide : sa valeur par défaut
    sans = [{k: v for k, v in r.items() if k != "numero"} for r in BASE]
    sans[1]["taux_plancher_progressivite"] = ""
    entetes, colonnes = cellules_csv(_texte(sans).encode())  # type: ignore[misc]
    resultat = lignes_en_colonnes(entetes, colonnes, "p.csv")
    assert resultat == _ligne_a_ligne(_texte(sans))
    assert [n for n, _x in resultat] == ["", "", ""]
    assert resultat[1][1].taux_plancher_progressivite is None


@pytest.mark.parametrize(
    ("nom", "changer"),
    [
        ("obligatoire-vide", lambda c: c["montant"].__setitem__(1, "")),
        ("cellule-refusee", lambda c: c["duree"].__setitem__(2, "douze")),
        ("garant-illisible", lambda c: c["garants"].__setitem__(0, "Département 25 %")),
        ("periodicite-inconnue", lambda c: c["periodicite"].__setitem__(0, "bimensuelle")),
    ],
)
def test_lignes_en_colonnes_renonce(nom: str, changer: Any) -> None:
    entetes, colonnes = cellules_csv(_texte(BASE).encode())  # type: ignore[misc]
    changer(colonnes)
    assert lignes_en_colonnes(entetes, colonnes, "p.csv") is None, nom


def test_lignes_en_colonnes_renonce_aux_en_tetes() -> None:
    entetes, colonnes = cellules_csv(_texte(BASE).encode())  # type: ignore[misc]
    assert lignes_en_colonnes(entetes, {c: [] for c in colonnes}, "p.csv") is None
    assert lignes_en_colonnes([*entetes, "montant"], colonnes, "p.csv") is None
    inconnue = {**colonnes, "marje": colonnes["marge"]}
    assert lignes_en_colonnes([*entetes, "marje"], inconnue, "p.csv") is None
    assert lignes_en_colonnes(entetes, {}, "p.csv") is None


def test_prefinancements() -> None:
    assert _prefinancements({"montant": ["1", "2"]}, 2) == [_ABSENTE, _ABSENTE]
    colonnes = {
        "prefinancement_duree_mois": ["12", "", "12", "24"],
        "prefinancement_taux": ["1,35 %", "", "1,35 %", ""],
    }
    resultat = _prefinancements(colonnes, 4)
    assert resultat[1] is _ABSENTE
    assert resultat[0] is resultat[2]  # lu une fois
    assert resultat[0].duree_mois == 12
    assert resultat[0].taux == Decimal("0.0135")
    assert resultat[3].duree_mois == 24
    assert resultat[3].taux is None


def test_convertir_chaque_texte_une_fois(monkeypatch: pytest.MonkeyPatch) -> None:
    appels: list[str] = []

    def convertisseur(_colonne: str) -> Any:
        def convertir(cellule: str) -> str:
            appels.append(cellule)
            return cellule.upper()

        return convertir

    monkeypatch.setattr(_colonnaire, "_convertisseur", convertisseur)
    assert _convertir("x", ["a", "b", "a", "", None, "a"]) == [
        "A", "B", "A", _ABSENTE, _ABSENTE, "A",
    ]  # fmt: skip
    assert sorted(appels) == ["a", "b"]


def test_convertisseurs() -> None:
    assert _colonnaire._convertisseur("numero")("  C12 ") == "C12"
    assert _colonnaire._convertisseur("duree")("25") == 25
    assert _colonnaire._convertisseur("montant")("1 234,50") == Decimal("1234.50")
    garants = _colonnaire._convertisseur("garants")("Département:25 %;Commune:75 %")
    assert [(g.nom, g.quotite) for g in garants] == [
        ("Département", Decimal("0.25")),
        ("Commune", Decimal("0.75")),
    ]


def test_lignes_en_colonnes_avec_prefinancement() -> None:
    """Les colonnes ``prefinancement_…`` font la sous-table de préfinancement de chaque ligne,
    lue en colonnes (sans renoncer) comme ligne à ligne."""
    rangees = [
        {**r, "prefinancement_duree_mois": d, "prefinancement_taux": t}
        for r, (d, t) in zip(BASE, (("12", "1,35 %"), ("", ""), ("24", "")), strict=True)
    ]
    texte = _texte(rangees)
    entetes, colonnes = cellules_csv(texte.encode())  # type: ignore[misc]
    resultat = lignes_en_colonnes(entetes, colonnes, "p.csv")
    assert resultat is not None
    assert resultat == _ligne_a_ligne(texte)
    prefi = [x.prefinancement for _n, x in resultat]
    assert prefi[1] is None
    assert (prefi[0].duree_mois, prefi[0].taux) == (12, Decimal("0.0135"))  # type: ignore[union-attr]
    assert (prefi[2].duree_mois, prefi[2].taux) == (24, None)  # type: ignore[union-attr]
