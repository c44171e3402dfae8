"""Agrégation par lots (``prets/_lot_agregation.py``) : cases et capital de l'année précédente,
séries par ligne et par clé, parts de deux garants (au demi-centime supérieur en valeur
absolue, le second en complément, l'amortissement de chacun étant la baisse de sa part de
capital dû), plus forts restes pour trois garants ou plus, sommes exactes et renoncements au-delà
des bornes (issue 27). Valeurs calculées à la main."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import numpy as np
import pytest

from collectivites.prets._lot_agregation import (
    Cases,
    Renoncement,
    _borne,
    _part,
    _repartir,
    _sommer,
    contributions_garants,
    series_par_cle,
    series_par_ligne,
)
from collectivites.prets._modeles import Garant


def _tableau(x: list[list[int]]) -> np.ndarray:
    return np.asarray(x, dtype=np.int64).reshape(-1, 5)


def _cases() -> Cases:
    """Quatre lignes : la 1re sur 2020-2021 (capital 1 000,00 €), la 2e en 2020 (500,00 €), la
    3e sans case (7 centimes), la 4e sur 2020-2021 (300,00 €)."""
    valeurs = _tableau([
        [1002, 302, 700, 99300, 0],
        [1002, 298, 704, 98596, 0],
        [50500, 500, 50000, 0, 0],
        [100, 10, 90, 29910, 5],
        [100, 9, 91, 29819, 0],
    ])  # fmt: skip
    return Cases(
        np.asarray([0, 0, 1, 3, 3]),
        np.asarray([2020, 2021, 2020, 2020, 2021]),
        valeurs,
        np.asarray([100000, 50000, 7, 30000]),
        np.asarray([0, 2, 3, 3, 5]),
    )


def test_capital_de_l_annee_precedente() -> None:
    assert _cases().precedent().tolist() == [100000, 99300, 50000, 30000, 29910]


def test_series_par_ligne() -> None:
    series = series_par_ligne(_cases(), ["P/a", "P/b", "P/c", "P/a"])
    assert list(series) == ["P/a", "P/b", "P/c"]
    # deux lignes de même clé s'additionnent année par année
    assert dict(series["P/a"].items()) == {
        2020: (1102, 312, 790, 129210, 5),
        2021: (1102, 307, 795, 128415, 0),
    }
    assert dict(series["P/b"].items()) == {2020: (50500, 500, 50000, 0, 0)}
    assert dict(series["P/c"].items()) == {}


def test_part_au_demi_superieur_en_valeur_absolue() -> None:
    x = np.asarray([5, -5, 4, 5, -4, 0, 7])
    n = np.asarray([1, 1, 1, 1, 1, 1, 3])
    d = np.asarray([2, 2, 3, 3, 3, 3, 4])
    # 2,5 → 3 ; −2,5 → −3 ; 1,33 → 1 ; 1,67 → 2 ; −1,33 → −1 ; 0 ; 5,25 → 5
    assert _part(x, n, d).tolist() == [3, -3, 1, 2, -1, 0, 5]


def test_plus_forts_restes() -> None:
    tiers = [Fraction("0.333"), Fraction("0.333"), Fraction("0.334")]
    assert _repartir(100, tiers) == [33, 33, 34]  # 33,3 33,3 33,4 : le reste au plus fort
    assert _repartir(200, tiers) == [67, 66, 67]  # 66,6 66,6 66,8 : le 3e, puis le 1er
    assert _repartir(-100, tiers) == [-33, -33, -34]  # −33,3 −33,3 −33,4 : planchers −34
    assert _repartir(0, tiers) == [0, 0, 0]
    # à égalité de restes, au premier
    assert _repartir(1, [Fraction(2, 5), Fraction(2, 5), Fraction(1, 5)]) == [1, 0, 0]
    # 0,75 0,75 1,5 : planchers 0 0 1, deux centimes aux restes de 0,75
    assert _repartir(3, [Fraction(1, 4), Fraction(1, 4), Fraction(1, 2)]) == [1, 1, 1]
    assert _repartir(9, [Fraction(1, 3)] * 3) == [3, 3, 3]


def _garants(*quotites: str, noms: str = "ABC") -> tuple[Garant, ...]:
    return tuple(Garant(nom=n, quotite=Decimal(q)) for n, q in zip(noms, quotites, strict=False))


def _par_garant(
    cases: Cases, garants: list[tuple[Garant, ...]]
) -> dict[str, dict[int, tuple[int, ...]]]:
    cles, morceaux = contributions_garants(cases, garants)
    return {c: dict(s.items()) for c, s in series_par_cle(cles, morceaux).items()}


def test_deux_garants() -> None:
    """Quart et trois quarts d'une ligne de 1 000,00 € : 2020 : échéances 10,02 € → 2,505 →
    2,51 € et 7,51 € ; intérêts 3,02 € → 0,755 → 0,76 € et 2,26 € ; capital dû 993,00 € →
    248,25 € et 744,75 € ; amortissement : 250,00 − 248,25 = 1,75 € et 750,00 − 744,75 =
    5,25 €. 2021 : 0,745 → 0,75 € ; capital dû 985,96 € → 246,49 € et 739,47 € ; amortissement
    1,76 € et 5,28 €."""
    cases = _cases()
    une = Cases(
        cases.ligne[:2], cases.annee[:2], cases.valeurs[:2], cases.capital[:1], np.asarray([0, 2])
    )
    assert _par_garant(une, [_garants("0.25", "0.75")]) == {
        "A": {2020: (251, 76, 175, 24825, 0), 2021: (251, 75, 176, 24649, 0)},
        "B": {2020: (751, 226, 525, 74475, 0), 2021: (751, 223, 528, 73947, 0)},
    }


def test_garants_de_toutes_sortes() -> None:
    """Ligne 1 : deux garants (A 25 %, B 75 %) ; ligne 2 : un seul (B) ; ligne 3 : aucune
    case ; ligne 4 : trois garants (A 33,3 %, B 33,3 %, C 33,4 %)."""
    garants = [
        _garants("0.25", "0.75"),
        (Garant(nom="B", quotite=Decimal(1)),),
        (),
        _garants("0.333", "0.333", "0.334"),
    ]
    resultat = _par_garant(_cases(), garants)
    assert list(resultat) == ["A", "B", "C"]
    # ligne 4, 2020 : échéances 1,00 € → 0,33 0,33 0,34 ; intérêts 0,10 € → 0,03 0,03 0,04 ;
    # capital dû 299,10 € → 99,60 99,60 99,90 (99,6003 99,6003 99,8994 : le reste au 3e) ;
    # capital d'origine 300,00 € → 99,90 99,90 100,20 ; stock 0,05 € → 0,02 0,01 0,02
    # (0,01665 0,01665 0,0167 : planchers 0 0 0, les deux centimes au 3e puis au 1er)
    # 2021 : intérêts 0,09 € → 0,03 0,03 0,03 ; capital dû 298,19 € → 99,30 99,30 99,59
    # (99,29727 99,29727 99,59546 : planchers 99,29 99,29 99,59, reste 2 : au 1er et au 2e)
    assert resultat["C"] == {2020: (34, 4, 30, 9990, 2), 2021: (34, 3, 31, 9959, 0)}
    assert resultat["A"] == {
        2020: (251 + 33, 76 + 3, 175 + 30, 24825 + 9960, 0 + 2),
        2021: (251 + 33, 75 + 3, 176 + 30, 24649 + 9930, 0),
    }
    assert resultat["B"] == {
        2020: (751 + 50500 + 33, 226 + 500 + 3, 525 + 50000 + 30, 74475 + 0 + 9960, 1),
        2021: (751 + 33, 223 + 3, 528 + 30, 73947 + 9930, 0),
    }


def test_deux_garants_montants_negatifs() -> None:
    """Un montant négatif (une baisse du capital dû négative, un stock rendu) : la part est
    arrondie au demi supérieur en valeur absolue, −2,505 € → −2,51 €."""
    cases = Cases(
        np.asarray([0]),
        np.asarray([2020]),
        _tableau([[-1002, 302, -700, 100700, 7]]),
        np.asarray([100000]),
        np.asarray([0, 1]),
    )
    assert _par_garant(cases, [_garants("0.25", "0.75")]) == {
        # capital dû 1 007,00 € → 251,75 € ; précédent 250,00 € : amortissement −1,75 € ;
        # stock 0,07 € → 0,0175 → 0,02 €
        "A": {2020: (-251, 76, -175, 25175, 2)},
        "B": {2020: (-751, 226, -525, 75525, 5)},
    }


def test_deux_garants_quotites_differentes_par_ligne() -> None:
    """Deux lignes, quotités 1/4 et 1/5 : dénominateur commun 20 ; 2,50 € → 0,625 → 0,63 € et
    0,50 € ; 3,00 € → 0,75 € et 0,60 €. Une ligne à un seul garant, entre elles, ne compte pas."""
    cases = Cases(
        np.asarray([0, 1, 2]),
        np.asarray([2020, 2020, 2021]),
        _tableau([[250, 0, 0, 0, 0], [999, 0, 0, 0, 0], [300, 0, 0, 0, 0]]),
        np.asarray([0, 0, 0]),
        np.asarray([0, 1, 2, 3]),
    )
    garants = [
        _garants("0.25", "0.75"),
        (Garant(nom="C", quotite=Decimal(1)),),
        _garants("0.2", "0.8"),
    ]
    resultat = _par_garant(cases, garants)
    assert resultat["A"] == {2020: (63, 0, 0, 0, 0), 2021: (60, 0, 0, 0, 0)}
    assert resultat["B"] == {2020: (187, 0, 0, 0, 0), 2021: (240, 0, 0, 0, 0)}
    assert resultat["C"] == {2020: (999, 0, 0, 0, 0)}


def test_renoncements() -> None:
    """Le lot renonce (la projection ligne par ligne reprend) : quotité à plus de 21 chiffres
    (trois garants), rapport d'une quotité au-delà de 2^62, parts au-delà des 64 bits."""
    cases = _cases()
    longue = "0.3333333333333333333333"  # 22 chiffres
    trois = (
        Garant(nom="A", quotite=Decimal(longue)),
        Garant(nom="B", quotite=Decimal(longue)),
        Garant(nom="C", quotite=1 - 2 * Decimal(longue)),
    )
    with pytest.raises(Renoncement):
        contributions_garants(cases, [(), (), (), trois])
    vingt_et_un = "0.333333333333333333333"  # 21 chiffres : accepté
    trois = (
        Garant(nom="A", quotite=Decimal(vingt_et_un)),
        Garant(nom="B", quotite=Decimal(vingt_et_un)),
        Garant(nom="C", quotite=1 - 2 * Decimal(vingt_et_un)),
    )
    cles, _morceaux = contributions_garants(cases, [(), (), (), trois])
    assert cles == ["A", "B", "C"]
    # deux garants : une quotité de 19 chiffres a un dénominateur de 10^19 > 2^62
    deux = (
        Garant(nom="A", quotite=Decimal("0.1234567890123456789")),
        Garant(nom="B", quotite=1 - Decimal("0.1234567890123456789")),
    )
    with pytest.raises(Renoncement):
        contributions_garants(cases, [deux, (), (), ()])
    # 2·|x|·n + D au-delà de 2^62 : un montant de 2^40 centimes à 1/3... de 18 chiffres
    grand = Cases(
        np.asarray([0]),
        np.asarray([2020]),
        _tableau([[2**40, 0, 0, 0, 0]]),
        np.asarray([0]),
        np.asarray([0, 1]),
    )
    q = Decimal("0.123456789012345678")  # 18 chiffres, d = 5·10^17 / …
    with pytest.raises(Renoncement):
        contributions_garants(grand, [(Garant(nom="A", quotite=q), Garant(nom="B", quotite=1 - q))])
    petit = Cases(
        np.asarray([0]),
        np.asarray([2020]),
        _tableau([[1, 0, 0, 0, 0]]),
        np.asarray([0]),
        np.asarray([0, 1]),
    )
    cles, morceaux = contributions_garants(
        petit, [(Garant(nom="A", quotite=q), Garant(nom="B", quotite=1 - q))]
    )
    assert {c: dict(s.items()) for c, s in series_par_cle(cles, morceaux).items()} == {
        "A": {2020: (0, 0, 0, 0, 0)},
        "B": {2020: (1, 0, 0, 0, 0)},
    }


def test_sommes_exactes_et_bornes() -> None:
    ids = np.asarray([0, 1, 0])
    assert _borne(np.asarray([3, -7, 2])) == 21
    assert _borne(np.asarray([-3, 7, 2])) == 21
    assert _borne(np.asarray([], dtype=np.int64)) == 0
    assert _sommer([(ids, np.asarray([1, 2, 3]))], 3).tolist() == [4, 2, 0]
    # au-delà de 2^53, en entiers de 64 bits : 2^53 + 1 ne s'écrit pas en flottant
    poids = np.asarray([2**53 + 1, 0, 0])
    total = _sommer([(ids, poids)], 2)
    assert total.tolist() == [2**53 + 1, 0]
    assert total.dtype == np.int64
    # deux morceaux dont chacun tient sous 2^53, mais pas leur somme
    moitie = np.asarray([2**52 + 1, 0, 0])
    assert _sommer([(ids, moitie), (ids, moitie)], 2).tolist() == [2**53 + 2, 0]
    # sous 2^62 : exact ; au-delà, le lot renonce
    assert _sommer([(np.asarray([0]), np.asarray([2**62 - 1]))], 1).tolist() == [2**62 - 1]
    with pytest.raises(Renoncement):
        _sommer([(np.asarray([0]), np.asarray([2**62]))], 1)
    with pytest.raises(Renoncement):
        _sommer([(ids, np.asarray([2**61, 0, 0]))], 1)  # 3 × 2^61 : au-delà


def test_series_par_cle() -> None:
    assert series_par_cle([], []) == {}
    morceaux = [
        (np.asarray([0, 0, 2]), np.asarray([2020, 2023, 2021]), [np.asarray([1, 2, 3])] * 5),
        (
            np.asarray([], dtype=np.int64),
            np.asarray([], dtype=np.int64),
            [np.asarray([], dtype=np.int64)] * 5,
        ),
        (np.asarray([0]), np.asarray([2020]), [np.asarray([10])] * 5),
    ]
    series = series_par_cle(["a", "b", "c"], morceaux)
    assert list(series) == ["a", "b", "c"]
    assert dict(series["a"].items()) == {2020: (11,) * 5, 2023: (2,) * 5}
    assert dict(series["b"].items()) == {}
    assert dict(series["c"].items()) == {2021: (3,) * 5}
    # aucune contribution : des séries vides
    assert {c: len(s) for c, s in series_par_cle(["a"], []).items()} == {"a": 0}


@pytest.mark.parametrize(
    ("nom", "valeurs", "capital"),
    [
        ("montant-negatif", [[-40, 1, 1, 1, 0]], 1),
        ("capital-d-origine", [[1, 1, 1, 1, 0]], 40),
        ("capital-d-origine-negatif", [[1, 1, 1, 1, 0]], -40),
        ("montant-positif", [[40, 1, 1, 1, 0]], 1),
    ],
)
def test_renoncement_au_plus_grand_montant_de_la_ligne(
    nom: str, valeurs: list[list[int]], capital: int
) -> None:
    """Quotité de 18 chiffres (n ≈ 6,2·10^16, D = 5·10^17) : 2·|x|·n + D dépasse 2^62 dès
    |x| = 34 centimes ; le plus grand montant en valeur absolue compte, qu'il soit une somme de
    l'année ou le capital d'origine, positif ou négatif. À 10 centimes au plus, pas de
    renoncement."""
    q = Decimal("0.123456789012345678")
    garants = [(Garant(nom="A", quotite=q), Garant(nom="B", quotite=1 - q))]
    cases = Cases(
        np.asarray([0]),
        np.asarray([2020]),
        _tableau(valeurs),
        np.asarray([capital]),
        np.asarray([0, 1]),
    )
    with pytest.raises(Renoncement):
        contributions_garants(cases, garants)
    petites = Cases(
        np.asarray([0]),
        np.asarray([2020]),
        _tableau([[10, -10, 1, 1, 0]]),
        np.asarray([-10]),
        np.asarray([0, 1]),
    )
    cles, _morceaux = contributions_garants(petites, garants)
    assert cles == ["A", "B"]
    # 30 centimes : 2 × 30 × n + D ≈ 4,2·10^18, encore sous 2^62 ≈ 4,6·10^18
    trente = Cases(
        np.asarray([0]),
        np.asarray([2020]),
        _tableau([[30, 1, 1, 1, 0]]),
        np.asarray([30]),
        np.asarray([0, 1]),
    )
    cles, _morceaux = contributions_garants(trente, garants)
    assert cles == ["A", "B"]


def test_renoncement_a_la_borne_exacte() -> None:
    """Quotité 1/2 (n = 1, D = 2) : 2·x + 2 atteint 2^62 pour x = 2^61 − 1 : le lot renonce ;
    un centime de moins, non."""
    garants = [_garants("0.5", "0.5")]
    for x, renonce in ((2**61 - 1, True), (2**61 - 2, False)):
        cases = Cases(
            np.asarray([0]),
            np.asarray([2020]),
            _tableau([[x, 0, 0, 0, 0]]),
            np.asarray([0]),
            np.asarray([0, 1]),
        )
        if renonce:
            with pytest.raises(Renoncement):
                contributions_garants(cases, garants)
        else:
            assert contributions_garants(cases, garants)[0] == ["A", "B"]


def test_deux_garants_apres_une_ligne_a_un_garant() -> None:
    """La première ligne à deux garants n'est pas la première de la partie : sa première case
    part de son capital d'origine (1 000,00 € : 250,00 € et 750,00 €), comme dans
    test_deux_garants."""
    cases = _cases()
    deux = Cases(
        np.asarray([0, 1, 1]),
        np.asarray([2020, 2020, 2021]),
        np.concatenate([cases.valeurs[2:3], cases.valeurs[:2]]),
        np.asarray([50000, 100000]),
        np.asarray([0, 1, 3]),
    )
    resultat = _par_garant(deux, [(Garant(nom="C", quotite=Decimal(1)),), _garants("0.25", "0.75")])
    assert resultat["A"] == {2020: (251, 76, 175, 24825, 0), 2021: (251, 75, 176, 24649, 0)}
    assert resultat["B"] == {2020: (751, 226, 525, 74475, 0), 2021: (751, 223, 528, 73947, 0)}
    assert resultat["C"] == {2020: (50500, 500, 50000, 0, 0)}


def test_capital_precedent_avec_des_lignes_sans_case_a_la_fin() -> None:
    """Des lignes sans case (la dernière aussi) : le capital d'origine va à la première case de
    chaque ligne qui en a, rien au-delà des cases."""
    cases = Cases(
        np.asarray([1, 1]),
        np.asarray([2020, 2021]),
        _tableau([[1, 1, 1, 900, 0], [1, 1, 1, 800, 0]]),
        np.asarray([5, 1000, 7]),
        np.asarray([0, 0, 2, 2]),
    )
    assert cases.precedent().tolist() == [1000, 900]
