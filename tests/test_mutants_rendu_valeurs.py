"""Écriture des valeurs selon leur genre (``rendu/_valeurs.py``) : écran français, programme
(CSV, JSON), tableur, décimales d'une colonne, neutralisation des formules (issue 27).

Les valeurs attendues sont écrites à la main depuis les règles des docstrings : arrondi au pair
(``CONTEXTE_CALCUL``) sur les taux et les nombres, au demi supérieur sur les montants, espace fine
insécable des milliers, plafonds de 6 décimales à l'écran et de 10 pour un programme.
"""

from __future__ import annotations

import datetime as dt
import decimal
import enum
from decimal import Decimal

import pytest

from collectivites.rendu._valeurs import (
    DEBUTS_DE_FORMULE,
    PLAFOND_ECRAN,
    PLAFOND_MACHINE,
    _echelle,
    _pour_programme,
    _taux_programme,
    a_droite,
    chiffres,
    chiffres_des_colonnes,
    cle_python,
    commence_comme_une_formule,
    ecran,
    machine,
    neutraliser,
    tableur,
    texte_libre,
)
from collectivites.tables import Colonne, Genre

D = Decimal
FINE = "\u202f"


class Nature(enum.Enum):
    """Une énumération ordinaire : str() n'y donne pas la valeur (« Nature.ECHEANCE »)."""

    ECHEANCE = "echeance"


# --- formules, textes, clés, alignement ---------------------------------------------------------


def test_debuts_de_formule() -> None:
    assert frozenset("=+-@\t\r＝＋－＠") == DEBUTS_DE_FORMULE
    for debut in DEBUTS_DE_FORMULE:
        assert commence_comme_une_formule(debut + "1")
        assert commence_comme_une_formule("  " + debut + "1") is (debut not in "\t\r")
    # espaces de tête retirés : « = » suit, formule ; une tabulation après des espaces est
    # retirée aussi (l'import la retire avant de lire « 1 »)
    assert commence_comme_une_formule(" \t=1")
    # la tabulation en tête : lstrip la retirerait, le premier caractère suffit
    assert commence_comme_une_formule("\tOraison")
    assert commence_comme_une_formule("\r1")
    for sur in ("", "   ", "Oraison", "a=1", "1-2", " a+"):
        assert not commence_comme_une_formule(sur), sur


def test_neutraliser() -> None:
    assert neutraliser("=1+1") == "'=1+1"
    assert neutraliser(" @x") == "' @x"
    assert neutraliser("Oraison") == "Oraison"
    assert neutraliser("") == ""


def test_texte_libre() -> None:
    assert texte_libre(5, Genre.TEXTE) and texte_libre(Genre.TAUX, Genre.CODE)
    assert texte_libre("-12.50", Genre.MONTANT)  # texte égaré dans une colonne de montants
    assert not texte_libre(D("-12.50"), Genre.MONTANT)
    assert not texte_libre(dt.date(2024, 1, 1), Genre.DATE)
    assert not texte_libre(3, Genre.ENTIER)


def test_cle_python() -> None:
    assert cle_python("taux", Genre.TAUX) == "taux_fraction"
    assert cle_python("taux", Genre.NOMBRE) == "taux"
    assert cle_python("echeance", Genre.MONTANT) == "echeance"


def test_a_droite_les_nombres_seulement() -> None:
    droite = {Genre.MONTANT, Genre.TAUX, Genre.ENTIER, Genre.NOMBRE, Genre.ANNEE}
    for genre in Genre:
        assert a_droite(genre) is (genre in droite), genre


# --- décimales ----------------------------------------------------------------------------------


def test_plafonds() -> None:
    assert (PLAFOND_ECRAN, PLAFOND_MACHINE) == (6, 10)


def test_echelle() -> None:
    assert _echelle(D("0.50"), 6) == 2  # les décimales portées
    assert _echelle(D("5"), 6) == 0
    assert _echelle(D("5E+2"), 6) == 0  # exposant positif : aucune décimale
    assert _echelle(D("1.123456"), 6) == 6  # au plafond exactement : gardées
    assert _echelle(D("1.50"), 2) == 2  # au plafond, zéro de queue compris
    assert _echelle(D("1.1234567"), 6) == 6  # 1,123457
    assert _echelle(D("1.3499999570"), 6) == 2  # 1,350000 → 1,35
    assert _echelle(D("1.0000001"), 6) == 0  # 1,000000 → 1
    assert _echelle(D("1000.0000001"), 2) == 0  # 1000,00 → 1E+3 : pas de décimale négative
    assert _echelle(D("0.125"), 2) == 2  # 0,12 (au pair)
    assert _echelle(D("0.105"), 2) == 1  # 0,10 → 0,1
    assert _echelle(D("NaN"), 6) == 0


def test_chiffres_par_genre() -> None:
    assert chiffres([D("1.234")], Genre.MONTANT) == 2
    assert chiffres([D("1.234")], Genre.MONTANT, 4) == 2
    for genre in (Genre.DATE, Genre.ENTIER, Genre.TEXTE, Genre.ANNEE):
        assert chiffres([D("1.5")], genre) is None
    assert chiffres([], Genre.TAUX) == 2  # au moins 2 pour un taux
    assert chiffres([], Genre.NOMBRE) == 0
    assert chiffres([D("0.5"), D("2")], Genre.NOMBRE) == 1
    assert chiffres([D("59.0734")], Genre.NOMBRE) == 4
    # taux : décimales du pourcentage (0,012345678 → 1,2345678 % : 7, plafond 6)
    assert chiffres([D("0.012345678")], Genre.TAUX) == 6
    assert chiffres([D("0.012345678")], Genre.TAUX, 3) == 3
    assert chiffres([D("0.012345678")], Genre.TAUX, 1) == 1  # la colonne décide, sous le minimum
    assert chiffres([D("0.0105")], Genre.TAUX, 8) == 2  # 1,05 %
    assert chiffres([D("0.000105")], Genre.TAUX, 8) == 4  # 0,0105 %
    # valeurs qui ne sont pas des décimaux finis : ignorées
    assert chiffres([None, 3, "1.2345", D("Infinity"), D("NaN")], Genre.NOMBRE) == 0
    assert chiffres([D("Infinity"), D("1.5")], Genre.NOMBRE) == 1
    # la valeur la plus précise décide, où qu'elle soit
    assert chiffres([D("1.123"), D("2.5"), D("3")], Genre.NOMBRE) == 3
    assert chiffres([D("1.1234567")], Genre.NOMBRE, 10) == 7


def test_chiffres_des_colonnes() -> None:
    colonnes = [
        Colonne(cle="d", libelle="D", genre=Genre.DATE),
        Colonne(cle="m", libelle="M", genre=Genre.MONTANT),
        Colonne(cle="t", libelle="T", genre=Genre.TAUX),
        Colonne(cle="n", libelle="N", genre=Genre.NOMBRE),
        Colonne(cle="p", libelle="P", genre=Genre.NOMBRE, decimales=3),
        Colonne(cle="q", libelle="Q", genre=Genre.TAUX, decimales=1),
    ]
    lignes = [
        (dt.date(2024, 1, 1), D("1.5"), D("0.0135"), D("2"), D("1.23456"), D("0.0135")),
        (dt.date(2024, 2, 1), D("2.5"), D("0.01234"), None, D("7"), D("0.01")),
        (None, None, None, D("3.25"), D("NaN"), None),
    ]
    # t : 1,35 et 1,234 → 3 ; n : 0 et 2 → 2 ; p : 1,235 (plafond 3) ; q : plafond 1
    assert chiffres_des_colonnes(colonnes, iter(lignes)) == [None, 2, 3, 2, 3, 1]
    # sans ligne : les minimums
    assert chiffres_des_colonnes(colonnes, []) == [None, 2, 2, 0, 0, 1]
    # sans taux ni nombre, les lignes ne sont pas lues
    sans = colonnes[:2]

    def jamais() -> list[tuple[object, ...]]:
        raise AssertionError("lignes lues")

    class NonLues:
        def __iter__(self) -> object:
            return jamais()

    assert chiffres_des_colonnes(sans, NonLues()) == [None, 2]  # type: ignore[arg-type]
    # une même colonne : le maximum des lignes, pas la dernière
    nombres = [Colonne(cle="n", libelle="N", genre=Genre.NOMBRE)]
    assert chiffres_des_colonnes(nombres, [(D("1.25"),), (D("2"),)]) == [2]
    assert chiffres_des_colonnes(nombres, [(D("1.0000001"),)]) == [0]


# --- écran --------------------------------------------------------------------------------------


def test_ecran_par_genre() -> None:
    assert ecran(None, Genre.MONTANT) == ""
    assert ecran(D("1234.5"), Genre.MONTANT) == f"1{FINE}234,50"
    assert ecran(D("-0.125"), Genre.MONTANT) == "-0,13"  # demi supérieur des montants
    assert ecran(D("0.0135"), Genre.TAUX) == "1,35 %"
    assert ecran(D("0.0135"), Genre.TAUX, 3) == "1,350 %"
    assert ecran(D("0.0135"), Genre.TAUX, 1) == "1,4 %"  # 1,35 au pair : 1,4
    assert ecran(D("0.0125"), Genre.TAUX, 1) == "1,2 %"  # 1,25 au pair : 1,2
    assert ecran(D("59.0734"), Genre.NOMBRE) == "59,0734"
    assert ecran(D("59.0734"), Genre.NOMBRE, 2) == "59,07"
    assert ecran(D("1234.5"), Genre.NOMBRE, 0) == "1234"  # au pair, sans milliers
    assert ecran(D("2"), Genre.NOMBRE) == "2"
    assert ecran(D("0.0000001"), Genre.NOMBRE, 7) == "0,0000001"  # jamais « 1E-7 »
    assert ecran(D("1E+3"), Genre.NOMBRE) == "1000"
    assert ecran(D("NaN"), Genre.NOMBRE) == "NaN"
    assert ecran(12480, Genre.ENTIER) == f"12{FINE}480"
    assert ecran(-1234567, Genre.ENTIER) == f"-1{FINE}234{FINE}567"
    assert ecran(True, Genre.ENTIER) == "True"  # un booléen n'est pas un entier à grouper
    assert ecran(2024, Genre.ANNEE) == "2024"  # une année sans séparateur
    assert ecran(dt.date(2018, 12, 6), Genre.DATE) == "06/12/2018"
    assert ecran(dt.date(2019, 1, 1), Genre.MOIS) == "01/2019"
    assert (ecran(True, Genre.BOOLEEN), ecran(False, Genre.BOOLEEN)) == ("oui", "non")
    assert ecran(Genre.TAUX, Genre.CODE) == "taux en pourcentage"  # le libellé du membre
    assert ecran("brut", Genre.CODE) == "brut"
    assert ecran(0, Genre.TAUX) == "0,00 %"  # taux entier (pas un Decimal)
    assert ecran(3, Genre.NOMBRE) == "3"
    assert ecran("Oraison", Genre.TEXTE) == "Oraison"


def test_ecran_hors_du_contexte_decimal_de_l_appelant() -> None:
    with decimal.localcontext(prec=3, rounding=decimal.ROUND_UP):
        assert ecran(D("0.125"), Genre.NOMBRE, 2) == "0,12"
        assert ecran(D("123456.78915"), Genre.NOMBRE, 4) == "123456,7892"
        assert ecran(D("1.3499999570"), Genre.NOMBRE) == "1,35"
        # 34 chiffres pour ramener à 6 ou 10 décimales, pas les 3 de l'appelant
        assert ecran(D("123.4567891"), Genre.NOMBRE) == "123,456789"
        assert machine(D("123.45678901234"), Genre.NOMBRE) == "123.4567890123"
        assert machine(D("0.0123456789012345"), Genre.TAUX) == "1.2345678901"
        assert chiffres([D("123.4567891")], Genre.NOMBRE) == 6
        assert machine(D("1.234567890125"), Genre.NOMBRE) == "1.2345678901"  # au pair : pas 902


# --- programme ----------------------------------------------------------------------------------


def test_pour_programme() -> None:
    assert _pour_programme(D("2.50")) == D("2.50") and str(_pour_programme(D("2.50"))) == "2.50"
    dix = D("0.1234567890")  # dix décimales : gardées telles quelles, zéro de queue compris
    assert str(_pour_programme(dix)) == "0.1234567890"
    assert str(_pour_programme(D("0.12345678905"))) == "0.123456789"  # au pair puis sans zéro
    assert str(_pour_programme(D("0.12345678915"))) == "0.1234567892"
    assert str(_pour_programme(D("1E+3"))) == "1E+3"
    assert _pour_programme(D("NaN")).is_nan()


def test_taux_programme() -> None:
    assert str(_taux_programme(D("0.0135"))) == "1.35"
    assert str(_taux_programme(D("0.01"))) == "1.00"
    assert str(_taux_programme(D("0.00001"))) == "0.001"
    assert str(_taux_programme(D("0.010000000000001"))) == "1.00"  # 1,0000000000001 → 1 → 1,00
    assert str(_taux_programme(D("0.0134999957002"))) == "1.34999957"
    assert str(_taux_programme(D("0.013499995701"))) == "1.3499995701"  # dix décimales
    assert str(_taux_programme(D("0.0134999957015"))) == "1.3499995702"  # onze : au pair


def test_machine_par_genre() -> None:
    assert machine(None, Genre.MONTANT) is None
    assert machine(D("3170.405"), Genre.MONTANT) == "3170.41"
    assert machine(D("-2"), Genre.MONTANT) == "-2.00"
    assert machine(D("0.0135"), Genre.TAUX) == "1.35"
    assert machine(D("0.001"), Genre.TAUX) == "0.10"
    assert machine(dt.date(2018, 12, 6), Genre.DATE) == "2018-12-06"
    assert machine(dt.date(2019, 1, 1), Genre.MOIS) == "2019-01"
    assert machine(D("2.50"), Genre.NOMBRE) == "2.50"
    assert machine(D("1E+3"), Genre.NOMBRE) == "1000"
    assert machine(D("NaN"), Genre.NOMBRE) == "NaN"
    assert machine(D("1.23456789012"), Genre.NOMBRE) == "1.2345678901"
    for genre, valeur in ((Genre.ENTIER, 5), (Genre.ANNEE, 2024), (Genre.BOOLEEN, True)):
        assert machine(valeur, genre) is valeur
    assert machine(Genre.TAUX, Genre.CODE) == "taux"  # la valeur du membre
    assert machine(Nature.ECHEANCE, Genre.CODE) == "echeance"
    assert machine(D("0.0000000001"), Genre.TAUX) == "0.00000001"
    assert machine(Genre.DATE, Genre.TEXTE) == "date"
    assert machine(dt.date(2024, 3, 1), Genre.TEXTE) == "2024-03-01"
    assert machine(dt.datetime(2024, 3, 1, 12, 30, tzinfo=dt.UTC), Genre.TEXTE) == (
        "2024-03-01T12:30:00+00:00"
    )
    assert machine(5, Genre.TEXTE) == "5"
    assert machine("brut", Genre.CODE) == "brut"


def test_tableur_par_genre() -> None:
    assert tableur(None, Genre.MONTANT) == ""
    assert tableur(D("-1234.5"), Genre.MONTANT) == "-1234,50"
    assert tableur(D("0.0135"), Genre.TAUX) == "1,35"
    assert tableur(D("0.01"), Genre.TAUX) == "1,00"
    assert tableur(D("2.50"), Genre.NOMBRE) == "2,50"
    assert tableur(D("1.23456789012"), Genre.NOMBRE) == "1,2345678901"
    assert tableur(dt.date(2018, 12, 6), Genre.DATE) == "06/12/2018"
    assert tableur(dt.date(2019, 1, 1), Genre.MOIS) == "01/2019"
    assert (tableur(True, Genre.BOOLEEN), tableur(0, Genre.BOOLEEN)) == ("oui", "non")
    assert tableur(Genre.TAUX, Genre.CODE) == "taux"
    assert tableur(Nature.ECHEANCE, Genre.CODE) == "echeance"  # la valeur, pas str()
    assert tableur(D("0.0000000001"), Genre.TAUX) == "0,00000001"  # jamais « 1E-8 »
    assert tableur(D("1E+3"), Genre.NOMBRE) == "1000"
    assert tableur(D("NaN"), Genre.NOMBRE) == "NaN"
    assert tableur("brut", Genre.CODE) == "brut"
    assert tableur(12480, Genre.ENTIER) == "12480"
    assert tableur("Oraison", Genre.TEXTE) == "Oraison"


@pytest.mark.parametrize("genre", list(Genre))
def test_aucune_ecriture_de_none(genre: Genre) -> None:
    assert (ecran(None, genre), machine(None, genre), tableur(None, genre)) == ("", None, "")
