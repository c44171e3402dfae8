"""Rapprochement d'un tableau calculé avec celui de la CDC (``prets/_rapprochement``) pris au mot :
titres de colonnes reconnus, cellules lues (nombres français et anglais, dates, numéros, taux),
chaque refus avec son message, sa ligne de fichier, sa clé, sa valeur et son attendu exacts, et
chaque écart (ligne, colonne, saisi, calculé, écart) pour des tableaux modifiés à la main.

La référence est la ligne 5165325 du prêt CDC n° 57851 (50 annuités du 06/12/2018 au
06/12/2067, 128 189,00 € amortis) : ``tests/cas/pret/cdc-57851-5165325.csv`` en donne chaque
échéance ; ses totaux sont sommés ici à partir du fichier.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from decimal import Decimal
from pathlib import Path

import pytest

from collectivites.chargement import LigneCsv
from collectivites.erreurs import ABSENT, ErreurCollectivites, ErreurDossier
from collectivites.prets import (
    TableauAmortissement,
    calculer_tableau,
    exemple_pret,
    lire_tableau_a_rapprocher,
    rapprocher,
)
from collectivites.prets._rapprochement import (
    _ATTENDU_MONTANT,
    COLONNES,
    Ecart,
    _colonne,
    _Illisible,
    _lire_cellule,
    _nombre,
    _normaliser,
    _texte,
)

CAS = Path(__file__).parent / "cas" / "pret" / "cdc-57851-5165325.csv"
FONCIER = exemple_pret("cdc-57851").ligne("5165325")
with CAS.open(encoding="utf-8") as _flux:
    CDC = list(csv.DictReader(_flux))
TOTAL_ECHEANCES = sum((Decimal(r["echeance"]) for r in CDC), Decimal(0))
TOTAL_AMORTISSEMENT = Decimal("128189.00")  # 126 749,14 dus après la 1re + 1 439,86 amortis
TOTAL_INTERETS = sum((Decimal(r["interets"]) for r in CDC), Decimal(0))


def _tableau() -> TableauAmortissement:
    return calculer_tableau(FONCIER)


def _ligne(numero_fichier: int, **cellules: str) -> LigneCsv:
    ligne = LigneCsv(cellules)
    ligne.numero = numero_fichier
    return ligne


def _refus(
    erreur: pytest.ExceptionInfo[ErreurCollectivites],
    message: str,
    *,
    fichier: str | None,
    ligne: int | None,
    cle: str | None = None,
    valeur: object = ABSENT,
    attendu: str | None = None,
) -> None:
    recu = erreur.value
    assert recu.message == message
    assert (recu.fichier, recu.ligne, recu.cle) == (fichier, ligne, cle)
    if valeur is ABSENT:
        assert recu.valeur is ABSENT
    else:
        assert recu.valeur == valeur
        assert type(recu.valeur) is type(valeur)
    assert recu.attendu == attendu


# --- titres de colonnes -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("titre", "propre"),
    [
        ("Capital dû (€)", "capital du"),
        ("Taux (%)", "taux"),
        ("Échéance (EUR)", "echeance"),
        ("Intérêts (euros)", "interets"),
        ("  Date   d'échéance ", "date d echeance"),
        ("N°", "n"),
        ("Stock d'intérêts différés", "stock d interets differes"),
        ("capital_du", "capital du"),
        ("CRD", "crd"),
        ("Montant (francs)", "montant francs"),
    ],
)
def test_titre_normalise(titre: str, propre: str) -> None:
    assert _normaliser(titre) == propre


@pytest.mark.parametrize(
    ("titre", "colonne"),
    [
        ("N°", "numero"),
        ("No", "numero"),
        ("Numéro d'échéance", "numero"),
        ("Date d'échéance", "date"),
        ("Taux d'intérêt (%)", "taux"),
        ("Échéance", "echeance"),
        ("Amortissement", "amortissement"),
        ("Intérêts", "interets"),
        ("Intérêts à différer", "interets_a_differer"),
        ("Capital dû après remboursement", "capital_du"),
        ("Capital restant dû", "capital_du"),
        ("Stock d'intérêts différés", "stock_interets_differes"),
        ("Stock", "stock_interets_differes"),
        ("Remarque", None),
        ("", None),
    ],
)
def test_titre_reconnu(titre: str, colonne: str | None) -> None:
    assert _colonne(titre) == colonne


@pytest.mark.parametrize("cle", ["numero", *COLONNES])
def test_cles_du_csv_de_la_bibliotheque(cle: str) -> None:
    """L'en-tête du CSV que la bibliothèque écrit (``interets_a_differer``…) se relit."""
    assert _colonne(cle) == cle


# --- lecture d'un fichier -------------------------------------------------------------------------


def _fichier(tmp_path: Path, contenu: str) -> Path:
    chemin = tmp_path / "t.csv"
    chemin.write_text(contenu, encoding="utf-8")
    return chemin


def test_colonnes_reconnues_dans_l_ordre_et_lignes_renommees(tmp_path: Path) -> None:
    chemin = _fichier(
        tmp_path, "Échéance;N°;Remarque;Date d'échéance\n3 170,41;1;ok;06/12/2018\n;2;;\n"
    )
    colonnes, lignes = lire_tableau_a_rapprocher(chemin)
    assert colonnes == ["echeance", "numero", "date"]
    assert [dict(x) for x in lignes] == [
        {"echeance": "3 170,41", "numero": "1", "date": "06/12/2018"},
        {"echeance": "", "numero": "2", "date": ""},
    ]
    assert [x.numero for x in lignes] == [2, 3]
    assert all(type(x) is LigneCsv for x in lignes)


@pytest.mark.parametrize(("entete", "noms"), [("a;b", "a, b"), ("N°;Remarque", "N°, Remarque")])
def test_aucune_colonne_reconnue(tmp_path: Path, entete: str, noms: str) -> None:
    """Le numéro seul ne se compare à rien : il ne suffit pas."""
    chemin = _fichier(tmp_path, f"{entete}\n1;2\n")
    with pytest.raises(ErreurDossier) as erreur:
        lire_tableau_a_rapprocher(chemin)
    _refus(
        erreur,
        "aucune colonne du tableau d'amortissement reconnue",
        fichier=str(chemin),
        ligne=1,
        valeur=noms,
        attendu="N°, Date d'échéance, Taux, Échéance, Amortissement, Intérêts, Intérêts à "
        "différer, Capital dû après remboursement, Stock d'intérêts différés",
    )


def test_refus_du_csv_situe_dans_le_fichier(tmp_path: Path) -> None:
    """Une ligne plus longue que l'en-tête est refusée par la lecture du CSV, dans ce fichier."""
    chemin = _fichier(tmp_path, "N°;Échéance\n1;3170,41;x\n")
    with pytest.raises(ErreurCollectivites) as erreur:
        lire_tableau_a_rapprocher(chemin)
    assert erreur.value.fichier == str(chemin)
    assert erreur.value.ligne == 2


def test_colonne_en_double(tmp_path: Path) -> None:
    chemin = _fichier(tmp_path, "N°;Échéance;Taux;ECHEANCE (€)\n1;3170,41;1,35;3170,41\n")
    with pytest.raises(ErreurDossier) as erreur:
        lire_tableau_a_rapprocher(chemin)
    _refus(erreur, "colonne en double", fichier=str(chemin), ligne=1, valeur="echeance")


# --- nombres --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("texte", "valeur"),
    [
        ("3170,41", "3170.41"),
        ("3170.41", "3170.41"),
        ("12", "12"),
        ("12,0", "12.0"),
        ("-12", "-12"),
        ("0", "0"),
        ("3 170,41", "3170.41"),
        ("3\u00a0170,41", "3170.41"),
        ("3\u202f170,41", "3170.41"),
        ("3.170,41", "3170.41"),
        ("3,170.41", "3170.41"),
        ("3 170.41", "3170.41"),
        ("1 234 567,89", "1234567.89"),
        ("1.234.567,89", "1234567.89"),
        ("1,234,567.89", "1234567.89"),
        ("1 234 567", "1234567"),
        ("  3 170,41 € ", "3170.41"),
        ("1,35 %", "1.35"),
        ("-3,5", "-3.5"),
        ("\u22123,5", "-3.5"),
        ("+3,5", "3.5"),
        ("- 3,5", None),
        ("--3", None),
        ("+-3", None),
        ("", None),
        ("€", None),
        ("3 17,41", None),
        ("3.170.41", None),
        ("1 234.567,89", None),
        ("1 234,567.89", None),
        ("3,5,1", None),
        ("1234 567", None),
        ("3 170,41 x", None),
        ("trois", None),
    ],
)
def test_nombre(texte: str, valeur: str | None) -> None:
    if valeur is None:
        with pytest.raises(ValueError, match=f"^{re.escape(texte)}$") as erreur:
            _nombre(texte)
        assert erreur.value.args == (texte,)
        assert not isinstance(erreur.value, _Illisible)
    else:
        lu = _nombre(texte)
        assert str(lu) == valeur
        assert str(_nombre(texte, decimales_max=2)) == valeur


@pytest.mark.parametrize(
    ("texte", "valeur"),
    [
        ("1475.1499999999999", "1475.15"),  # ce qu'un tableur affiche (15 chiffres)
        ("1475,150", "1475.15"),
        ("100,000", "100.00"),
        ("3,5", "3.5"),
        ("-0,10", "-0.10"),
        ("-7,1000", "-7.10"),
        # deux décimales sont gardées telles quelles, au-delà des quinze chiffres d'un tableur
        ("12 345 678 901 234,56", "12345678901234.56"),
        ("-9 999 999 999 999,99", "-9999999999999.99"),
    ],
)
def test_nombre_au_centime(texte: str, valeur: str) -> None:
    assert str(_nombre(texte, decimales_max=2)) == valeur


@pytest.mark.parametrize("texte", ["1475,154", "0,001", "1475.1499999999", "3,14159"])
def test_nombre_au_dela_du_centime(texte: str) -> None:
    with pytest.raises(_Illisible) as erreur:
        _nombre(texte, decimales_max=2)
    assert erreur.value.args == ("montant au-delà du centime",)
    assert erreur.value.message == "montant au-delà du centime"
    assert erreur.value.attendu == "au plus 2 décimales"


def test_nombre_au_millieme() -> None:
    assert str(_nombre("1,2340", decimales_max=3)) == "1.234"
    with pytest.raises(_Illisible, match="montant au-delà du centime") as erreur:
        _nombre("1,23451", decimales_max=3)
    assert erreur.value.attendu == "au plus 3 décimales"


# --- cellules -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("colonne", "texte", "valeur"),
    [
        ("numero", "12", 12),
        ("numero", " 7 ", 7),
        ("numero", "123456789", 123456789),
        ("date", "06/12/2018", dt.date(2018, 12, 6)),
        ("date", " 06/12/2018 ", dt.date(2018, 12, 6)),
        ("taux", "1,35 %", Decimal("1.35")),
        ("taux", "1,3500", Decimal("1.3500")),
        ("echeance", "3 170,41", Decimal("3170.41")),
        ("capital_du", "1475,150", Decimal("1475.15")),
        ("interets", "", None),
        ("interets", "   ", None),
    ],
)
def test_cellule_lue(colonne: str, texte: str, valeur: object) -> None:
    lu = _lire_cellule(_ligne(5, **{colonne: texte}), colonne, "t.csv")
    assert lu == valeur
    assert type(lu) is type(valeur)
    if isinstance(valeur, Decimal):
        assert str(lu) == str(valeur)


def test_cellule_absente() -> None:
    assert _lire_cellule(_ligne(5, echeance="1"), "interets", "t.csv") is None


@pytest.mark.parametrize(
    ("colonne", "texte", "message", "attendu"),
    [
        ("numero", "1.5", "cellule illisible", "un numéro d'échéance entier (« 12 »)"),
        ("numero", "1234567890", "cellule illisible", "un numéro d'échéance entier (« 12 »)"),
        ("numero", "-1", "cellule illisible", "un numéro d'échéance entier (« 12 »)"),
        ("numero", "x1", "cellule illisible", "un numéro d'échéance entier (« 12 »)"),
        ("date", "31/02/2018", "cellule illisible", "une date (JJ/MM/AAAA)"),
        (
            "taux",
            "un virgule",
            "cellule illisible",
            "un taux en pourcentage (« 1,35 % », « 1.35 »)",
        ),
        ("echeance", "trois mille", "cellule illisible", _ATTENDU_MONTANT),
        ("stock_interets_differes", "1 2", "cellule illisible", _ATTENDU_MONTANT),
        ("echeance", "1475,154", "montant au-delà du centime", "au plus 2 décimales"),
    ],
)
def test_cellule_illisible(colonne: str, texte: str, message: str, attendu: str) -> None:
    with pytest.raises(ErreurDossier) as erreur:
        _lire_cellule(_ligne(9, **{colonne: f" {texte} "}), colonne, "t.csv")
    _refus(erreur, message, fichier="t.csv", ligne=9, cle=colonne, valeur=texte, attendu=attendu)


def test_attendu_d_un_montant() -> None:
    assert _ATTENDU_MONTANT == (
        "un montant comme « 3 170,41 », « 3.170,41 », « 3170,41 » ou « 3,170.41 » : milliers "
        "par groupes de trois chiffres, un seul séparateur décimal"
    )


# --- texte d'une valeur --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("valeur", "texte"),
    [
        (dt.date(2018, 12, 6), "06/12/2018"),
        (Decimal("3170.41"), "3\u202f170,41"),
        (Decimal("-0.01"), "-0,01"),
        (Decimal("1.4"), "1,4"),
        (Decimal("1.3500"), "1,3500"),
        (Decimal("1E+2"), "100"),
        (Decimal("1234.5"), "1234,5"),
        (None, ""),
        (17, "17"),
        ("x.y", "x.y"),
    ],
)
def test_texte_d_une_valeur(valeur: object, texte: str) -> None:
    assert _texte(valeur) == texte


# --- rapprochement ligne à ligne ------------------------------------------------------------------


def _cdc(rang: int, *colonnes: str, **changees: str) -> LigneCsv:
    """La ligne ``rang`` du tableau de la CDC (colonnes du CSV de la bibliothèque), ligne
    ``rang + 1`` du fichier, avec des cellules changées."""
    source = CDC[rang - 1]
    cellules = {c: source[c] for c in colonnes}
    cellules.update(changees)
    return _ligne(rang + 1, **cellules)


TOUTES = ("numero", *COLONNES)


def test_tableau_de_la_cdc_concorde() -> None:
    tableau = _tableau()
    lignes = [_cdc(rang, *TOUTES) for rang in range(1, 51)]
    resultat = rapprocher(tableau, lignes, list(TOUTES), fichier="cdc.csv")
    assert resultat.tableau is tableau
    assert resultat.fichier == "cdc.csv"
    assert resultat.colonnes == tuple(COLONNES)
    assert (resultat.lignes_comparees, resultat.lignes_concordantes) == (50, 50)
    assert (resultat.ecarts, resultat.manquantes) == ((), ())
    assert resultat.concorde is True
    assert resultat.code_de_sortie == 0


def test_colonnes_comparees_dans_l_ordre_du_tableau() -> None:
    lignes = [_cdc(1, "numero", "echeance", "date")]
    resultat = rapprocher(_tableau(), lignes, ["echeance", "remarque", "numero", "date"])
    assert resultat.colonnes == ("date", "echeance")
    assert resultat.fichier == ""


def test_chaque_colonne_en_ecart() -> None:
    """Ligne 3 de la CDC (06/12/2020, 3 202,19 = 1 510,99 + 1 691,20, 123 763,00 dus), chaque
    cellule changée à la main."""
    ligne = _cdc(
        3,
        *TOUTES,
        date="07/12/2020",
        taux="1,40",
        echeance="3202,2",
        amortissement="1 511,00",
        interets="1691.19",
        interets_a_differer="0,01",
        capital_du="123 762,99",
        stock_interets_differes="-0,01",
    )
    resultat = rapprocher(_tableau(), [ligne], list(TOUTES), fichier="f.csv")
    attendus = [
        ("date", dt.date(2020, 12, 7), dt.date(2020, 12, 6), None),
        ("taux", Decimal("1.40"), Decimal("1.35"), Decimal("0.05")),
        ("echeance", Decimal("3202.2"), Decimal("3202.19"), Decimal("0.01")),
        ("amortissement", Decimal("1511.00"), Decimal("1510.99"), Decimal("0.01")),
        ("interets", Decimal("1691.19"), Decimal("1691.20"), Decimal("-0.01")),
        ("interets_a_differer", Decimal("0.01"), Decimal("0.00"), Decimal("0.01")),
        ("capital_du", Decimal("123762.99"), Decimal("123763.00"), Decimal("-0.01")),
        ("stock_interets_differes", Decimal("-0.01"), Decimal("0.00"), Decimal("-0.01")),
    ]
    assert resultat.ecarts == tuple(
        Ecart(numero=3, colonne=c, attendu=a, calcule=k, ecart=e, ligne_fichier=4)
        for c, a, k, e in attendus
    )
    assert [str(e.ecart) for e in resultat.ecarts[1:]] == [
        "0.05",
        "0.01",
        "0.01",
        "-0.01",
        "0.01",
        "-0.01",
        "-0.01",
    ]
    assert (resultat.lignes_comparees, resultat.lignes_concordantes) == (1, 0)
    assert resultat.manquantes == tuple(n for n in range(1, 51) if n != 3)
    assert resultat.concorde is False
    assert resultat.code_de_sortie == 1


@pytest.mark.parametrize(
    ("taux", "ecart"),
    [
        ("1,35", None),
        ("1,350", None),
        ("1,4", None),  # 1,35 arrondi à une décimale (au pair) : 1,4
        ("1", None),
        ("1,3", Decimal("-0.1")),
        ("2", Decimal("1")),
        ("1,36", Decimal("0.01")),
        ("1,3501", Decimal("0.0001")),
    ],
)
def test_taux_compare_au_nombre_de_decimales_saisi(taux: str, ecart: Decimal | None) -> None:
    """Le taux calculé est de 1,35 % : il s'arrondit au nombre de décimales saisi."""
    resultat = rapprocher(_tableau(), [_cdc(1, "numero", taux=taux)], ["numero", "taux"])
    if ecart is None:
        assert resultat.ecarts == ()
    else:
        (seul,) = resultat.ecarts
        assert seul.ecart == ecart
        assert str(seul.ecart) == str(ecart)
        assert seul.calcule == seul.attendu - ecart


def test_cellules_vides_non_comparees() -> None:
    ligne = _cdc(2, "numero", echeance="", date=" ", interets="1 711,11")
    resultat = rapprocher(_tableau(), [ligne], ["numero", "echeance", "date", "interets"])
    assert (resultat.ecarts, resultat.lignes_comparees) == ((), 1)


def test_cellule_vide_puis_cellule_en_ecart() -> None:
    """Une cellule vide n'arrête pas la comparaison des colonnes suivantes."""
    ligne = _cdc(2, "numero", date="", taux=" ", echeance="3 186,27", capital_du="")
    colonnes = ["numero", "date", "taux", "echeance", "capital_du", "stock_interets_differes"]
    resultat = rapprocher(
        _tableau(), [ligne, _cdc(3, "numero", stock_interets_differes="1")], colonnes
    )
    assert [(e.numero, e.colonne, e.ecart) for e in resultat.ecarts] == [
        (2, "echeance", Decimal("0.01")),
        (3, "stock_interets_differes", Decimal("1.00")),
    ]


@pytest.mark.parametrize("colonne", ["numero", "date", "echeance"])
def test_cellule_illisible_d_une_echeance_situee(colonne: str) -> None:
    ligne = _cdc(2, "numero", **{colonne: "??"})
    with pytest.raises(ErreurDossier) as erreur:
        rapprocher(_tableau(), [ligne], ["numero", "date", "echeance"], fichier="z.csv")
    assert (erreur.value.fichier, erreur.value.ligne, erreur.value.cle) == ("z.csv", 3, colonne)
    assert erreur.value.valeur == "??"
    assert erreur.value.message == "cellule illisible"


def test_rapprochement_par_date_sans_numero() -> None:
    """Sans numéro (colonne absente ou cellule vide), la date désigne l'échéance."""
    lignes = [
        _cdc(2, "date", "echeance"),
        _cdc(5, "date", "echeance", numero=""),
        _cdc(9, "date", echeance="0,00"),
    ]
    resultat = rapprocher(_tableau(), lignes, ["date", "echeance", "numero"])
    assert resultat.lignes_comparees == 3
    assert resultat.ecarts == (
        Ecart(
            numero=9,
            colonne="echeance",
            attendu=Decimal("0.00"),
            calcule=Decimal(CDC[8]["echeance"]),
            ecart=-Decimal(CDC[8]["echeance"]),
            ligne_fichier=10,
        ),
    )
    assert resultat.manquantes == tuple(n for n in range(1, 51) if n not in {2, 5, 9})


def test_le_numero_prime_sur_la_date() -> None:
    ligne = _cdc(4, "numero", date="06/12/2023")
    resultat = rapprocher(_tableau(), [ligne], ["numero", "date"])
    (seul,) = resultat.ecarts
    assert (seul.numero, seul.colonne, seul.attendu, seul.calcule) == (
        4,
        "date",
        dt.date(2023, 12, 6),
        dt.date(2021, 12, 6),
    )


def test_rapprochement_par_rang_sans_numero_ni_date() -> None:
    """Sans numéro ni date, le rang de la ligne (les lignes « Total » comprises) désigne
    l'échéance."""
    lignes = [
        _ligne(2, echeance="3 170,41"),
        _ligne(3, numero="Total", echeance=""),
        _ligne(4, echeance="3 202,19", date=""),
    ]
    resultat = rapprocher(_tableau(), lignes, ["echeance"])
    assert resultat.lignes_comparees == 2
    assert resultat.ecarts == ()
    assert resultat.manquantes == (2, *range(4, 51))


@pytest.mark.parametrize(
    ("cellules", "valeur"),
    [
        ({"numero": "51"}, 51),
        ({"numero": "0"}, 0),
        ({"numero": "0", "date": "06/12/2018"}, 0),
        ({"date": "06/12/2068"}, dt.date(2068, 12, 6)),
        ({"date": "05/12/2018"}, dt.date(2018, 12, 5)),
    ],
)
def test_echeance_absente_du_tableau_calcule(cellules: dict[str, str], valeur: object) -> None:
    with pytest.raises(ErreurDossier) as erreur:
        rapprocher(_tableau(), [_ligne(7, **cellules)], ["numero", "date"], fichier="x.csv")
    _refus(
        erreur,
        "échéance absente du tableau calculé",
        fichier="x.csv",
        ligne=7,
        valeur=valeur,
        attendu="une échéance de 1 à 50",
    )


def test_rang_au_dela_du_tableau() -> None:
    lignes = [_ligne(n + 1, echeance="") for n in range(1, 52)]
    with pytest.raises(ErreurDossier) as erreur:
        rapprocher(_tableau(), lignes, ["echeance"])
    _refus(
        erreur,
        "échéance absente du tableau calculé",
        fichier="",
        ligne=52,
        valeur=51,
        attendu="une échéance de 1 à 50",
    )


def test_echeance_presente_deux_fois() -> None:
    lignes = [_cdc(1, "numero"), _cdc(2, "numero"), _ligne(9, numero="", date="06/12/2019")]
    with pytest.raises(ErreurDossier) as erreur:
        rapprocher(_tableau(), lignes, ["numero", "date"], fichier="y.csv")
    _refus(
        erreur,
        "échéance présente deux fois dans le tableau à rapprocher",
        fichier="y.csv",
        ligne=9,
        valeur=2,
        attendu="une seule ligne par échéance ; l'échéance 2 est déjà à la ligne 3 du fichier",
    )


# --- ligne « Total » ------------------------------------------------------------------------------


def test_totaux_de_la_cdc() -> None:
    """Les totaux sommés du fichier de la CDC : intérêts = échéances − amortissement."""
    assert TOTAL_ECHEANCES - TOTAL_AMORTISSEMENT == TOTAL_INTERETS
    tableau = _tableau()
    assert tableau.total_echeances == TOTAL_ECHEANCES
    assert tableau.total_amortissement == TOTAL_AMORTISSEMENT


@pytest.mark.parametrize("titre", ["Total", "TOTAL", " total général", "Total TTC"])
def test_ligne_total_qui_concorde(titre: str) -> None:
    total = _ligne(
        52,
        numero=titre,
        date="n/a",
        taux="moyen",
        echeance=str(TOTAL_ECHEANCES),
        amortissement="128 189",
        interets=str(TOTAL_INTERETS).replace(".", ","),
        interets_a_differer="0",
        capital_du="sans objet",
        stock_interets_differes="?",
    )
    lignes = [_cdc(rang, *TOUTES) for rang in range(1, 51)] + [total]
    resultat = rapprocher(_tableau(), lignes, list(TOUTES))
    assert (resultat.ecarts, resultat.lignes_comparees, resultat.manquantes) == ((), 50, ())
    assert resultat.concorde is True


def test_ligne_total_en_ecart() -> None:
    """Chaque total faux d'un centime ou plus ; les colonnes absentes ou vides ne comptent
    pas, ni celles qui n'ont pas de total (date, taux, capital dû), lues avant les autres."""
    total = _ligne(
        52,
        numero="Total",
        date="31/12/2067",
        taux="9",
        echeance=str(TOTAL_ECHEANCES + Decimal("0.01")),
        amortissement="",
        interets=str(TOTAL_INTERETS - Decimal("0.02")),
        interets_a_differer="1,5",
        capital_du="0,01",
    )
    lignes = [_cdc(1, "numero", echeance="3 170,40"), total]
    colonnes = [
        "numero",
        "date",
        "taux",
        "echeance",
        "amortissement",
        "interets",
        "interets_a_differer",
        "capital_du",
    ]
    resultat = rapprocher(_tableau(), lignes, colonnes, fichier="t.csv")
    assert resultat.ecarts == (
        Ecart(
            numero=1,
            colonne="echeance",
            attendu=Decimal("3170.40"),
            calcule=Decimal("3170.41"),
            ecart=Decimal("-0.01"),
            ligne_fichier=2,
        ),
        Ecart(
            numero=0,
            colonne="echeance",
            attendu=TOTAL_ECHEANCES + Decimal("0.01"),
            calcule=TOTAL_ECHEANCES,
            ecart=Decimal("0.01"),
            ligne_fichier=52,
        ),
        Ecart(
            numero=0,
            colonne="interets",
            attendu=TOTAL_INTERETS - Decimal("0.02"),
            calcule=TOTAL_INTERETS,
            ecart=Decimal("-0.02"),
            ligne_fichier=52,
        ),
        Ecart(
            numero=0,
            colonne="interets_a_differer",
            attendu=Decimal("1.5"),
            calcule=Decimal("0.00"),
            ecart=Decimal("1.50"),
            ligne_fichier=52,
        ),
    )
    assert str(resultat.ecarts[3].ecart) == "1.50"
    # l'écart du total n'est celui d'aucune échéance : seule l'échéance 1 est en écart
    assert (resultat.lignes_comparees, resultat.lignes_concordantes) == (1, 0)
    assert resultat.concorde is False


def test_ligne_total_illisible() -> None:
    total = _ligne(52, numero="Total", amortissement="beaucoup")
    with pytest.raises(ErreurDossier) as erreur:
        rapprocher(_tableau(), [total], ["numero", "amortissement"], fichier="t.csv")
    _refus(
        erreur,
        "cellule illisible",
        fichier="t.csv",
        ligne=52,
        cle="amortissement",
        valeur="beaucoup",
        attendu=_ATTENDU_MONTANT,
    )


def test_lignes_concordantes_et_ecarts_de_plusieurs_lignes() -> None:
    """Deux écarts sur la ligne 1, un sur la ligne 2 : 3 comparées, 1 concordante."""
    lignes = [
        _cdc(1, "numero", echeance="1", interets="2"),
        _cdc(2, "numero", echeance="3"),
        _cdc(3, "numero", "echeance"),
    ]
    resultat = rapprocher(_tableau(), lignes, ["numero", "echeance", "interets"])
    assert [(e.numero, e.colonne) for e in resultat.ecarts] == [
        (1, "echeance"),
        (1, "interets"),
        (2, "echeance"),
    ]
    assert (resultat.lignes_comparees, resultat.lignes_concordantes) == (3, 1)


def test_manquantes_seules_ne_concordent_pas() -> None:
    resultat = rapprocher(_tableau(), [_cdc(1, "numero", "echeance")], ["numero", "echeance"])
    assert resultat.ecarts == ()
    assert resultat.manquantes == tuple(range(2, 51))
    assert resultat.concorde is False
    assert resultat.code_de_sortie == 1
