"""Projection d'un portefeuille ligne par ligne (:mod:`collectivites.prets._portefeuille`) :
des montants calculés à la main sur une ligne à taux fixe de deux annuités, leur répartition
entre garants au centime (plus fort reste, ex æquo au premier), les clés de chaque agrégation,
l'écart de deux projections et les messages exacts des refus.

La ligne de référence : 1 000,00 € à 10 % fixe, deux annuités (2021 et 2022), début de
l'amortissement le 01/04/2020. Annuité : 1 000 × 0,1 / (1 − 1,1⁻²) = 576,190… → 576,19 ;
2021 : intérêts 100,00, amortissement 476,19, capital dû 523,81 ; 2022 : intérêts 52,38
(523,81 × 10 %), amortissement 523,81 ; 2020 (aucune échéance) : le capital emprunté."""

from __future__ import annotations

import datetime as dt
import pickle
import types
from decimal import Decimal
from typing import Any

import attrs
import pytest

from collectivites.erreurs import ErreurValeur
from collectivites.prets import _portefeuille as pf
from collectivites.prets._centimes import SerieCentimes
from collectivites.prets._cles import EnsembleCles
from collectivites.prets._modeles import Garant, LigneDePret, Pret
from collectivites.prets._partielle import Agregation, ProjectionPartielle
from collectivites.prets._portefeuille import (
    AnneeProjection,
    Projection,
    SeriesCompactes,
    achever,
    ecart,
    garants_de,
    index_utilises,
    projeter_ligne,
    projeter_partie,
    projeter_sous_scenarios,
    repartir,
    verifier_portefeuille,
)
from collectivites.prets._scenarios import scenario

D = Decimal
HISTORIQUE = scenario("historique")


def _ligne(identifiant: str = "A", **options: Any) -> LigneDePret:
    valeurs: dict[str, Any] = {
        "identifiant": identifiant,
        "montant": D("1000.00"),
        "date_effet": dt.date(2020, 3, 15),
        "duree": 2,
        "periodicite": "annuelle",
        "index": "livret_a",
        "valeur_index_reference": D("0.0225"),
        "marge": D("0.0775"),
        "taux_interet": D("0.10"),
        "profil": "amortissement_deduit_interets_prioritaires",
        "revision": "fixe",
    }
    valeurs.update(options)
    return LigneDePret(**valeurs)


def _garants(*paires: tuple[str, str]) -> tuple[Garant, ...]:
    return tuple(Garant(nom=n, quotite=D(q)) for n, q in paires)


def _annee(annee: int, *valeurs: str) -> AnneeProjection:
    e, i, a, c, s = (D(v) for v in valeurs)
    return AnneeProjection(
        annee=annee,
        echeances=e,
        interets=i,
        amortissement=a,
        capital_du_31_12=c,
        stock_interets_differes_31_12=s,
    )


#: La ligne de référence, année par année (voir l'en-tête).
LIGNE_A = (
    _annee(2020, "0.00", "0.00", "0.00", "1000.00", "0.00"),
    _annee(2021, "576.19", "100.00", "476.19", "523.81", "0.00"),
    _annee(2022, "576.19", "52.38", "523.81", "0.00", "0.00"),
)


def _valeurs(annees: tuple[AnneeProjection, ...]) -> list[tuple[Any, ...]]:
    return [(a.annee, *(str(v) for v in a.valeurs())) for a in annees]


def _achevee(prets: list[Pret], par: str, s: Any = HISTORIQUE) -> Projection:
    return achever(projeter_partie(prets, s, Agregation(par), lot=False), s)


# --- repartir -----------------------------------------------------------------------------------


def test_repartir_deux_garants_au_plus_proche() -> None:
    # 0,7 × 576,19 = 403,333 → 403,33 ; le second en complément
    assert repartir(D("576.19"), [D("0.7"), D("0.3")]) == (D("403.33"), D("172.86"))
    # 0,5 × 0,01 = 0,005 : demi-centime arrondi au supérieur pour le premier
    assert repartir(D("0.01"), [D("0.5"), D("0.5")]) == (D("0.01"), D("0.00"))
    # montant négatif : ROUND_HALF_UP s'éloigne de zéro (−0,005 → −0,01)
    assert repartir(D("-0.01"), [D("0.5"), D("0.5")]) == (D("-0.01"), D("0.00"))
    # 0,7 × 100,05 = 70,035 → 70,04
    assert repartir(D("100.05"), [D("0.7"), D("0.3")]) == (D("70.04"), D("30.01"))


def test_repartir_zero() -> None:
    assert repartir(D("0"), [D("0.5"), D("0.25"), D("0.25")]) == (D("0.00"),) * 3
    assert repartir(D("0.00"), [D("1")]) == (D("0.00"),)
    assert str(repartir(D("0"), [D("0.5"), D("0.5")])[0]) == "0.00"


def test_repartir_plus_fort_reste_ex_aequo_au_premier() -> None:
    quotites = [D("0.5"), D("0.25"), D("0.25")]
    # 288,095 / 144,0475 / 144,0475 : planchers 576,17, deux centimes aux deux plus forts
    # restes (0,0075 chacun, devant 0,005)
    assert repartir(D("576.19"), quotites) == (D("288.09"), D("144.05"), D("144.05"))
    # 26,19 / 13,095 / 13,095 : un centime, ex æquo entre le 2e et le 3e → le 2e
    assert repartir(D("52.38"), quotites) == (D("26.19"), D("13.10"), D("13.09"))
    # 261,905 / 130,9525 / 130,9525 : un centime au plus fort reste, le premier (0,005)
    assert repartir(D("523.81"), quotites) == (D("261.91"), D("130.95"), D("130.95"))
    # exact : aucun reste
    assert repartir(D("100.00"), quotites) == (D("50.00"), D("25.00"), D("25.00"))
    # trois tiers de 0,01 → le premier (ex æquo)
    tiers = [D("0.4"), D("0.3"), D("0.3")]
    assert repartir(D("0.01"), tiers) == (D("0.01"), D("0.00"), D("0.00"))
    # 0,4 × 0,02 = 0,008, 0,3 × 0,02 = 0,006 : deux centimes au 1er puis au 2e
    assert repartir(D("0.02"), tiers) == (D("0.01"), D("0.01"), D("0.00"))


def test_repartir_un_garant_et_quatre() -> None:
    assert repartir(D("12.34"), [D("1")]) == (D("12.34"),)
    quarts = [D("0.25")] * 4
    # 0,0075 chacun : planchers 0, trois centimes aux trois premiers
    assert repartir(D("0.03"), quarts) == (D("0.01"), D("0.01"), D("0.01"), D("0.00"))


def test_repartir_negatif_trois_garants() -> None:
    # −0,02 × 0,4 = −0,008 → plancher −0,01 ; −0,006 → −0,01 ; somme −0,03 : reste +0,01 au
    # plus fort reste (0,004 pour les deux 0,3 contre 0,002 : le deuxième)
    tiers = [D("0.4"), D("0.3"), D("0.3")]
    assert repartir(D("-0.02"), tiers) == (D("-0.01"), D("0.00"), D("-0.01"))


def test_part_arrondie() -> None:
    assert pf._part_arrondie(1, 1, 2) == 1  # 0,5 → 1
    assert pf._part_arrondie(-1, 1, 2) == -1  # −0,5 → −1
    assert pf._part_arrondie(3, 1, 3) == 1
    assert pf._part_arrondie(-3, 1, 3) == -1
    assert pf._part_arrondie(10, 7, 10) == 7
    assert pf._part_arrondie(-10, 7, 10) == -7
    assert pf._part_arrondie(5, 7, 10) == 4  # 3,5 → 4
    assert pf._part_arrondie(-5, 7, 10) == -4
    assert pf._part_arrondie(4, 7, 10) == 3  # 2,8 → 3
    assert pf._part_arrondie(-4, 7, 10) == -3
    assert pf._part_arrondie(1, 3, 10) == 0  # 0,3 → 0
    assert pf._part_arrondie(-1, 3, 10) == 0
    assert pf._part_arrondie(0, 3, 10) == 0


def test_deballer() -> None:
    b = pf._BITS
    assert b == 96
    valeurs = [5, -3, 0, 2**94, -(2**94)]
    paquet = sum(v << (b * j) for j, v in enumerate(valeurs))
    assert pf._deballer(paquet) == valeurs
    assert pf._deballer(0) == [0, 0, 0, 0, 0]
    assert pf._deballer(-1) == [-1, 0, 0, 0, 0]
    assert pf._deballer((1 << b) - 1) == [-1, 1, 0, 0, 0]
    assert pf._deballer(1 << (b - 1)) == [-(2 ** (b - 1)), 1, 0, 0, 0]
    assert pf._deballer((1 << (b - 1)) - 1) == [2 ** (b - 1) - 1, 0, 0, 0, 0]


def test_en_centimes_et_en_euros() -> None:
    assert pf._en_centimes(D("576.19")) == 57619
    assert pf._en_centimes(D("-0.01")) == -1
    assert pf._en_centimes(D("12345678901234.56")) == 1234567890123456
    assert str(pf._en_euros(57619)) == "576.19"
    assert str(pf._en_euros(-1)) == "-0.01"
    assert str(pf._en_euros(0)) == "0.00"
    # 31 chiffres : exact au-delà des 28 du contexte décimal par défaut
    assert str(pf._en_euros(1234567890123456789012345678901)) == (
        "12345678901234567890123456789.01"
    )
    assert pf._en_centimes(D("12345678901234567890123456789.01")) == (
        1234567890123456789012345678901
    )


# --- une ligne ----------------------------------------------------------------------------------


def test_projeter_ligne_a_la_main() -> None:
    ligne = _ligne()
    assert projeter_ligne(ligne, HISTORIQUE.source_pour(ligne)) == LIGNE_A
    assert _valeurs(projeter_ligne(ligne, HISTORIQUE.source_pour(ligne)))[0] == (
        2020,
        "0.00",
        "0.00",
        "0.00",
        "1000.00",
        "0.00",
    )


def _rang(date: dt.date, *valeurs: str, anticipe: str = "0") -> Any:
    e, i, a, c, s = (D(v) for v in valeurs)
    return types.SimpleNamespace(
        date=date,
        echeance=e,
        interets=i,
        amortissement=a,
        remboursement_anticipe=D(anticipe),
        capital_du=c,
        stock_interets_differes=s,
    )


def _tableau(debut: dt.date, capital: str, *lignes: Any) -> Any:
    return types.SimpleNamespace(lignes=lignes, capital=D(capital), date_debut_amortissement=debut)


def test_annees_de_sans_ligne() -> None:
    assert pf._annees_de(_tableau(dt.date(2020, 1, 1), "10.00")) == {}


def test_annees_de_a_la_main() -> None:
    tableau = pf.calculer_tableau(_ligne(), index=None)
    z = D("0.00")
    assert pf._annees_de(tableau) == {
        2020: (z, z, z, D("1000.00"), z),
        2021: (D("576.19"), D("100.00"), D("476.19"), D("523.81"), z),
        2022: (D("576.19"), D("52.38"), D("523.81"), z, z),
    }
    # une année sans échéance entre deux : le capital dû et le stock de l'année précédente
    tableau = pf.calculer_tableau(_ligne(duree=1, periodicite="annuelle"), index=None)
    annees = pf._annees_de(tableau)
    assert sorted(annees) == [2020, 2021]
    assert annees[2020] == (z, z, z, D("1000.00"), z)
    # 1 100,00 : capital et intérêts
    assert annees[2021] == (D("1100.00"), D("100.00"), D("1000.00"), z, z)


def test_annees_de_saute_des_annees_et_compte_l_anticipe() -> None:
    """Deux années sans échéance (2021 et 2022) gardent le capital dû et le stock de 2020 ; un
    remboursement anticipé compte dans l'amortissement de l'année."""
    tableau = _tableau(
        dt.date(2020, 6, 1),
        "100.00",
        _rang(dt.date(2020, 12, 1), "5.00", "1.00", "4.00", "96.00", "0.50"),
        _rang(dt.date(2023, 6, 1), "50.00", "2.00", "48.00", "38.00", "0.25", anticipe="10.00"),
        _rang(dt.date(2023, 12, 1), "40.00", "2.00", "38.00", "0.00", "0.00"),
    )
    z = D("0.00")
    assert pf._annees_de(tableau) == {
        2020: (D("5.00"), D("1.00"), D("4.00"), D("96.00"), D("0.50")),
        2021: (z, z, z, D("96.00"), D("0.50")),
        2022: (z, z, z, D("96.00"), D("0.50")),
        2023: (D("90.00"), D("4.00"), D("96.00"), z, z),
    }
    assert str(pf._annees_de(tableau)[2021][0]) == "0.00"
    # début en 2019, première échéance en 2020 : 2019 garde le capital emprunté, stock nul
    tableau = _tableau(
        dt.date(2019, 6, 1),
        "100.00",
        _rang(dt.date(2020, 12, 1), "5.00", "1.00", "4.00", "96.00", "0.50"),
    )
    assert pf._annees_de(tableau)[2019] == (z, z, z, D("100.00"), z)
    assert str(pf._annees_de(tableau)[2019][4]) == "0.00"


def test_garants_de() -> None:
    propres = _garants(("Commune", "1"))
    du_pret = _garants(("Département", "1"))
    avec = _ligne(garants=propres)
    sans = _ligne("B")
    pret = Pret(numero="P", lignes=(avec, sans), garants=du_pret)
    assert garants_de(pret, avec) == propres
    assert garants_de(pret, sans) == du_pret


# --- projections partielles ---------------------------------------------------------------------


def _pret_deux_garants() -> Pret:
    return Pret(
        numero="P1",
        emprunteur="Office",
        lignes=(_ligne(garants=_garants(("Commune", "0.7"), ("Département", "0.3"))),),
    )


GARANT_07 = {
    2020: (0, 0, 0, 70000, 0),
    2021: (40333, 7000, 33333, 36667, 0),
    2022: (40333, 3667, 36667, 0, 0),
}
GARANT_03 = {
    2020: (0, 0, 0, 30000, 0),
    2021: (17286, 3000, 14286, 15714, 0),
    2022: (17286, 1571, 15714, 0, 0),
}


def test_deux_garants_a_la_main() -> None:
    partie = projeter_partie([_pret_deux_garants()], HISTORIQUE, Agregation.GARANT, lot=False)
    assert dict(partie.sommes["Commune"]) == GARANT_07
    assert dict(partie.sommes["Département"]) == GARANT_03
    # chaque garant prend sa place de clé à sa première ligne, dans l'ordre de la ligne
    assert list(partie.sommes) == ["Commune", "Département"]
    assert partie.nombre_lignes == 1
    assert partie.index == frozenset({"livret_a"})
    assert partie.notes == ()
    assert partie.par is Agregation.GARANT


def test_deux_garants_le_second_d_abord_dans_l_ordre_des_cles() -> None:
    """L'ordre des garants de la ligne décide qui prend l'arrondi au plus proche."""
    pret = Pret(
        numero="P1",
        lignes=(_ligne(garants=_garants(("Département", "0.3"), ("Commune", "0.7"))),),
    )
    partie = projeter_partie([pret], HISTORIQUE, Agregation.GARANT, lot=False)
    # 0,3 × 576,19 = 172,857 → 172,86 ; 0,3 × 52,38 = 15,714 → 15,71 ; 0,3 × 523,81 = 157,143
    assert dict(partie.sommes["Département"]) == GARANT_03
    assert dict(partie.sommes["Commune"]) == GARANT_07
    assert list(partie.sommes) == ["Département", "Commune"]


def test_deux_lignes_deux_garants_cumulees() -> None:
    garants = _garants(("Commune", "0.7"), ("Département", "0.3"))
    pret = Pret(
        numero="P1",
        lignes=(_ligne("A", garants=garants), _ligne("B", garants=garants)),
    )
    partie = projeter_partie([pret], HISTORIQUE, Agregation.GARANT, lot=False)
    assert dict(partie.sommes["Commune"]) == {
        a: tuple(2 * v for v in vs) for a, vs in GARANT_07.items()
    }
    assert dict(partie.sommes["Département"]) == {
        a: tuple(2 * v for v in vs) for a, vs in GARANT_03.items()
    }
    assert partie.nombre_lignes == 2


def test_deux_garants_a_moitie_demi_centime() -> None:
    """0,5 × 576,19 = 288,095 → 288,10 au premier, 288,09 au second ; 0,5 × 52,38 = 26,19 ;
    0,5 × 523,81 = 261,905 → 261,91."""
    pret = Pret(
        numero="P1",
        lignes=(_ligne(garants=_garants(("A", "0.5"), ("B", "0.5"))),),
    )
    partie = projeter_partie([pret], HISTORIQUE, Agregation.GARANT, lot=False)
    assert dict(partie.sommes["A"]) == {
        2020: (0, 0, 0, 50000, 0),
        2021: (28810, 5000, 23809, 26191, 0),
        2022: (28810, 2619, 26191, 0, 0),
    }
    assert dict(partie.sommes["B"]) == {
        2020: (0, 0, 0, 50000, 0),
        2021: (28809, 5000, 23810, 26190, 0),
        2022: (28809, 2619, 26190, 0, 0),
    }


def test_ajouter_parts_deux_montants_negatifs_et_stock() -> None:
    """Une année aux montants négatifs (un écart) passe par l'arrondi en valeur absolue ; un
    stock non nul est réparti comme les autres montants."""
    garants = _garants(("A", "0.5"), ("B", "0.5"))
    groupes: dict[str, Any] = {}
    paquets: dict[str, dict[int, int]] = {}
    serie = {2030: (-3, -1, 0, 5, 7), 2031: (3, 1, 0, 1, 1), 2032: (1, 1, 0, 1, -1)}
    pf._ajouter_parts_deux((groupes, paquets), serie, garants, 11)
    pf._ajouter_paquets(groupes, paquets)
    # premier : −1,5 → −2 ; −0,5 → −1 ; 2,5 → 3 ; 3,5 → 4 ; capital initial 5,5 → 6
    assert groupes["A"] == {
        2030: [-2, -1, 6 - 3, 3, 4],
        2031: [2, 1, 3 - 1, 1, 1],
        2032: [1, 1, 0, 1, -1],
    }
    assert groupes["B"] == {
        2030: [-1, 0, 5 - 2, 2, 3],
        2031: [1, 0, 2 - 0, 0, 0],
        2032: [0, 0, 0, 0, 0],
    }


def test_ajouter_parts_deux_positifs_arrondis() -> None:
    garants = _garants(("A", "0.7"), ("B", "0.3"))
    groupes: dict[str, Any] = {}
    paquets: dict[str, dict[int, int]] = {}
    # 0,7 × 5 = 3,5 → 4 ; 0,7 × 1 = 0,7 → 1 ; 0,7 × 3 = 2,1 → 2 ; stock 0,7 × 2 = 1,4 → 1
    pf._ajouter_parts_deux((groupes, paquets), {2030: (5, 1, 0, 3, 2)}, garants, 10)
    pf._ajouter_parts_deux((groupes, paquets), {2030: (5, 1, 0, 3, 2)}, garants, 10)
    pf._ajouter_paquets(groupes, paquets)
    assert groupes["A"] == {2030: [8, 2, 2 * (7 - 2), 4, 2]}
    assert groupes["B"] == {2030: [2, 0, 2 * (3 - 1), 2, 2]}


def test_parts_trois_garants_a_la_main() -> None:
    pret = Pret(
        numero="P1",
        lignes=(_ligne(garants=_garants(("G1", "0.5"), ("G2", "0.25"), ("G3", "0.25"))),),
    )
    partie = projeter_partie([pret], HISTORIQUE, Agregation.GARANT, lot=False)
    assert dict(partie.sommes["G1"]) == {
        2020: (0, 0, 0, 50000, 0),
        2021: (28809, 5000, 50000 - 26191, 26191, 0),
        2022: (28809, 2619, 26191, 0, 0),
    }
    assert dict(partie.sommes["G2"]) == {
        2020: (0, 0, 0, 25000, 0),
        2021: (14405, 2500, 25000 - 13095, 13095, 0),
        2022: (14405, 1310, 13095, 0, 0),
    }
    assert dict(partie.sommes["G3"]) == {
        2020: (0, 0, 0, 25000, 0),
        2021: (14405, 2500, 25000 - 13095, 13095, 0),
        2022: (14405, 1309, 13095, 0, 0),
    }


def test_parts_en_euros() -> None:
    serie = pf._annees_de(pf.calculer_tableau(_ligne(), index=None))
    garants = _garants(("G1", "0.5"), ("G2", "0.25"), ("G3", "0.25"))
    parts = pf._parts(serie, garants, D("1000.00"))
    assert [nom for nom, _ in parts] == ["G1", "G2", "G3"]
    assert parts[1][1][2021] == (D("144.05"), D("25.00"), D("119.05"), D("130.95"), D("0.00"))
    assert parts[1][1][2022] == (D("144.05"), D("13.10"), D("130.95"), D("0.00"), D("0.00"))
    assert parts[0][1][2020] == (D("0.00"), D("0.00"), D("0.00"), D("500.00"), D("0.00"))


def test_un_garant_et_garants_du_pret() -> None:
    pret = Pret(
        numero="P1",
        lignes=(_ligne("A"), _ligne("B", garants=_garants(("Commune", "1")))),
        garants=_garants(("Département", "1")),
    )
    partie = projeter_partie([pret], HISTORIQUE, Agregation.GARANT, lot=False)
    attendu = {a.annee: tuple(pf._en_centimes(v) for v in a.valeurs()) for a in LIGNE_A}
    assert dict(partie.sommes["Département"]) == attendu
    assert dict(partie.sommes["Commune"]) == attendu


def test_par_emprunteur() -> None:
    prets = [
        Pret(numero="P1", emprunteur="Office", lignes=(_ligne("A"), _ligne("B", emprunteur="SA"))),
        Pret(numero="P2", lignes=(_ligne("C"),)),
        Pret(numero="P3", emprunteur="Office", lignes=(_ligne("D"),)),
    ]
    partie = projeter_partie(prets, HISTORIQUE, Agregation.EMPRUNTEUR, lot=False)
    assert sorted(partie.sommes) == ["?", "Office", "SA"]
    assert dict(partie.sommes["Office"]) == {
        2020: (0, 0, 0, 200000, 0),
        2021: (115238, 20000, 95238, 104762, 0),
        2022: (115238, 10476, 104762, 0, 0),
    }
    assert dict(partie.sommes["SA"])[2021] == (57619, 10000, 47619, 52381, 0)
    assert partie.nombre_lignes == 4


def test_par_ligne_cles_et_sommes() -> None:
    prets = [
        Pret(numero="P1", lignes=(_ligne("A"), _ligne("B", montant=D("2000.00")))),
        Pret(lignes=(_ligne("C", contrat="K9"),)),
    ]
    partie = projeter_partie(prets, HISTORIQUE, Agregation.LIGNE, lot=False)
    assert list(partie.sommes) == ["P1/A", "P1/B", "K9/C"]
    assert dict(partie.sommes["P1/A"]) == {
        2020: (0, 0, 0, 100000, 0),
        2021: (57619, 10000, 47619, 52381, 0),
        2022: (57619, 5238, 52381, 0, 0),
    }
    # 2 000 : annuité 1 152,38 ; 2021 intérêts 200, amortissement 952,38, capital 1 047,62 ;
    # 2022 intérêts 104,76, amortissement 1 047,62 (dernière échéance 1 152,38)
    assert dict(partie.sommes["P1/B"]) == {
        2020: (0, 0, 0, 200000, 0),
        2021: (115238, 20000, 95238, 104762, 0),
        2022: (115238, 10476, 104762, 0, 0),
    }
    assert partie.nombre_lignes == 3
    assert len(partie.lignes) == 3


def test_ligne_en_double_refusee_avec_les_rangs() -> None:
    prets = [Pret(numero="P1", lignes=(_ligne("A"),)), Pret(numero="P2", lignes=(_ligne("B"),))]
    prets.append(Pret(numero="p1", lignes=(_ligne("a"),)))
    with pytest.raises(ErreurValeur) as refus:
        verifier_portefeuille(prets)
    assert str(refus.value) == (
        "clé « prets » : ligne présente deux fois dans le portefeuille (prêts 1 et 3) : elle "
        "serait comptée deux fois (reçu : 'p1/a')"
    )
    with pytest.raises(ErreurValeur, match=r"prêts 1 et 3"):
        projeter_partie(prets, HISTORIQUE, Agregation.GARANT, lot=False)
    verifier_portefeuille(prets[:2])
    # le rang du second prêt, pas celui de la ligne
    with pytest.raises(ErreurValeur, match=r"\(prêts 2 et 3\)"):
        verifier_portefeuille(
            [Pret(numero="P9", lignes=(_ligne("A"), _ligne("B"))), prets[1], prets[1]]
        )


def test_index_utilises() -> None:
    prets = [
        Pret(numero="P1", lignes=(_ligne("A"), _ligne("B", index="inflation"))),
        Pret(numero="P2", lignes=(_ligne("C", index="livret_a"),)),
    ]
    assert index_utilises(prets) == frozenset({"livret_a", "inflation"})


# --- achever ------------------------------------------------------------------------------------


def test_achever_titre_notes_et_cles_triees() -> None:
    prets = [
        Pret(numero="P2", lignes=(_ligne("B"),)),
        Pret(numero="P1", lignes=(_ligne("A"),)),
    ]
    projection = _achevee(prets, "ligne")
    assert projection.cles == ("P1/A", "P2/B")
    assert projection.titre == "Projection par ligne — historique livré"
    assert projection.notes == HISTORIQUE.notes
    assert projection.par is Agregation.LIGNE
    assert projection.serie("P2/B") == LIGNE_A
    assert isinstance(projection.series, SeriesCompactes)


def test_achever_portefeuille_vide() -> None:
    vide = ProjectionPartielle(par=Agregation.GARANT)
    with pytest.raises(ErreurValeur) as refus:
        achever(vide, HISTORIQUE)
    assert str(refus.value) == ("clé « prets » : portefeuille vide (attendu : au moins un prêt)")


def test_achever_verifie_les_index_du_scenario() -> None:
    s = scenario("inflation+1 %", depuis=dt.date(2021, 1, 1))
    partie = projeter_partie([Pret(numero="P", lignes=(_ligne(),))], s, "garant", lot=False)
    with pytest.raises(ErreurValeur, match="aucune ligne n'utilise"):
        achever(partie, s)


def test_achever_notes_sans_doublon_dans_l_ordre() -> None:
    s = scenario("livret_a+1 %", depuis=dt.date(2021, 1, 1))
    ligne = _ligne(revision="SR", duree=30)
    partie = projeter_partie([Pret(numero="P", lignes=(ligne,))], s, "garant", lot=False)
    partie = attrs.evolve(partie, notes=(s.notes[0], "Note de la partie."))
    projection = achever(partie, s)
    consultees = tuple(n for serie, fin in partie.consultations for n in serie.avertissements(fin))
    assert projection.notes == tuple(dict.fromkeys((*s.notes, "Note de la partie.", *consultees)))
    assert projection.notes[: len(s.notes) + 1] == (*s.notes, "Note de la partie.")


# --- Projection et SeriesCompactes --------------------------------------------------------------


def _projection_tuple() -> Projection:
    return Projection(
        par="garant",
        series=[("B", LIGNE_A), ("A", LIGNE_A[:1])],
        titre="",
        notes=("n1",),
    )


def test_projection_serie_inconnue() -> None:
    for projection in (_projection_tuple(), _achevee([_pret_deux_garants()], "garant")):
        with pytest.raises(ErreurValeur) as refus:
            projection.serie("Z")
        connues = ", ".join(projection.cles)
        assert str(refus.value) == (
            f"clé « garant » : clé inconnue de cette projection (reçu : 'Z' ; attendu : {connues})"
        )


def test_projection_en_tuples() -> None:
    projection = _projection_tuple()
    assert projection.series == (("B", LIGNE_A), ("A", LIGNE_A[:1]))
    assert projection.cles == ("B", "A")
    assert projection.serie("A") == LIGNE_A[:1]
    assert projection.serie("B") == LIGNE_A
    assert projection.nombre_de_lignes() == 4
    lignes = list(projection.lignes_en_flot())
    assert lignes[0] == ("B", 2020, D("0.00"), D("0.00"), D("0.00"), D("1000.00"), D("0.00"))
    assert lignes[3] == ("A", 2020, D("0.00"), D("0.00"), D("0.00"), D("1000.00"), D("0.00"))
    assert len(lignes) == 4
    assert projection.restreindre("A").series == (("A", LIGNE_A[:1]),)
    assert projection.restreindre("A").notes == ("n1",)
    total = projection.total()
    assert total[0] == _annee(2020, "0.00", "0.00", "0.00", "2000.00", "0.00")
    assert total[1:] == LIGNE_A[1:]


def test_projection_compacte() -> None:
    projection = _achevee([_pret_deux_garants()], "garant")
    assert projection.cles == ("Commune", "Département")
    assert projection.nombre_de_lignes() == 6
    lignes = list(projection.lignes_en_flot())
    assert lignes[1] == (
        "Commune",
        2021,
        D("403.33"),
        D("70.00"),
        D("333.33"),
        D("366.67"),
        D("0.00"),
    )
    assert lignes[5] == (
        "Département",
        2022,
        D("172.86"),
        D("15.71"),
        D("157.14"),
        D("0.00"),
        D("0.00"),
    )
    assert str(lignes[0][2]) == "0.00"
    assert len(lignes) == 6
    total = projection.total()
    assert total == LIGNE_A
    assert projection.restreindre("Département").cles == ("Département",)
    seule = projection.restreindre("Département").serie("Département")
    assert seule[2] == _annee(2022, "172.86", "15.71", "157.14", "0.00", "0.00")


def test_decrire_sans_lignes() -> None:
    projection = _achevee([_pret_deux_garants()], "garant")
    document = projection.decrire_sans_lignes()
    assert document.titre == "Projection par garant — historique livré"
    table = document.tables[0]
    assert table.cle == "projection"
    assert table.titre == document.titre
    assert table.lignes == ()
    assert [c.cle for c in table.colonnes] == [
        "garant",
        "annee",
        "echeances",
        "interets",
        "amortissement",
        "capital_du_31_12",
        "stock_interets_differes_31_12",
    ]
    assert [c.libelle for c in table.colonnes] == [
        "Garant",
        "Année",
        "Échéances",
        "Intérêts",
        "Amortissement",
        "Capital dû au 31/12",
        "Stock d'intérêts différés au 31/12",
    ]
    graphique = table.graphique
    assert graphique is not None
    assert graphique.titre == document.titre
    assert graphique.abscisse == "annee"
    assert graphique.barres == ("amortissement", "interets")
    assert graphique.courbes == ("capital_du_31_12",)
    assert graphique.series == "garant"
    assert document.hypotheses == projection.notes
    sans_titre = _projection_tuple().decrire_sans_lignes()
    assert sans_titre.titre == "Projection par garant"
    assert sans_titre.tables[0].titre == "Projection par garant"
    assert sans_titre.tables[0].graphique.titre == "Projection par garant"  # type: ignore[union-attr]
    assert sans_titre.hypotheses == ("n1",)


def test_decrire_a_les_lignes_en_flot() -> None:
    projection = _projection_tuple()
    assert projection.decrire().tables[0].lignes == tuple(projection.lignes_en_flot())


def test_series_compactes() -> None:
    a = SerieCentimes.de({2021: (1, 2, 3, 4, 5)})
    b = SerieCentimes.de({2020: (100, 0, 0, 7, 0), 2021: (-1, 0, 0, 0, 0)})
    series = SeriesCompactes(["a", "b"], [a, b])
    un = _annee(2021, "0.01", "0.02", "0.03", "0.04", "0.05")
    assert len(series) == 2
    assert series[0] == ("a", (un,))
    assert series[-1][0] == "b"
    assert series[1:] == (series[1],)
    assert series[::-1] == (series[1], series[0])
    assert series[1][1][0] == _annee(2020, "1.00", "0.00", "0.00", "0.07", "0.00")
    assert series.cles() == ("a", "b")
    assert series.centimes("b") is b
    assert series.centimes("a") is a
    assert series.centimes("c") is None
    assert list(series.paires()) == [("a", a), ("b", b)]
    assert series.nombre_de_lignes() == 3
    assert series == SeriesCompactes(("a", "b"), (a, b))
    assert series != SeriesCompactes(("a", "c"), (a, b))
    assert series != SeriesCompactes(("a", "b"), (a, a))
    assert series == tuple(series)
    assert series == list(series)
    assert series != (series[0],)
    assert series != 3
    assert series.__eq__(3) is NotImplemented
    assert hash(series) == hash(tuple(series))
    assert repr(series) == repr(tuple(series))
    copie = pickle.loads(pickle.dumps(series))
    assert isinstance(copie, SeriesCompactes)
    assert copie == series
    assert copie.cles() == ("a", "b")
    assert series.__reduce__() == (SeriesCompactes, (("a", "b"), (a, b)))


def test_annee_projection_valeurs() -> None:
    assert LIGNE_A[1].valeurs() == (D("576.19"), D("100.00"), D("476.19"), D("523.81"), D("0.00"))
    assert pf.CHAMPS_PROJECTION == (
        "echeances",
        "interets",
        "amortissement",
        "capital_du_31_12",
        "stock_interets_differes_31_12",
    )


# --- ecart --------------------------------------------------------------------------------------


def test_ecart_compact() -> None:
    a = _achevee([_pret_deux_garants()], "garant")
    b = _achevee(
        [
            _pret_deux_garants(),
            Pret(numero="P2", lignes=(_ligne("X", garants=_garants(("Région", "1"))),)),
        ],
        "garant",
    )
    difference = ecart(a, b, titre="B − A")
    assert difference.titre == "B − A"
    assert difference.cles == ("Commune", "Département", "Région")
    assert difference.serie("Région") == LIGNE_A
    zero = _annee(2020, "0.00", "0.00", "0.00", "0.00", "0.00")
    assert difference.serie("Commune")[0] == zero
    inverse = ecart(b, a)
    assert inverse.titre == ""
    assert inverse.serie("Région")[1] == _annee(
        2021, "-576.19", "-100.00", "-476.19", "-523.81", "0.00"
    )
    assert inverse.notes == a.notes


def test_ecart_en_tuples() -> None:
    a = Projection(par="garant", series=[("A", LIGNE_A[:2]), ("C", LIGNE_A[2:])], notes=("x", "y"))
    b = Projection(par="garant", series=[("A", LIGNE_A[1:]), ("B", LIGNE_A[:1])], notes=("y", "z"))
    difference = ecart(a, b, titre="t")
    assert difference.titre == "t"
    assert difference.notes == ("x", "y", "z")
    assert difference.cles == ("A", "B", "C")
    assert difference.serie("A") == (
        _annee(2020, "0.00", "0.00", "0.00", "-1000.00", "0.00"),
        _annee(2021, "0.00", "0.00", "0.00", "0.00", "0.00"),
        _annee(2022, "576.19", "52.38", "523.81", "0.00", "0.00"),
    )
    assert difference.serie("B") == LIGNE_A[:1]
    assert difference.serie("C") == (_annee(2022, "-576.19", "-52.38", "-523.81", "0.00", "0.00"),)
    # une compacte et une en tuples : le calcul général
    compacte = _achevee(
        [Pret(numero="P", lignes=(_ligne(garants=_garants(("A", "1"))),))], "garant"
    )
    mixte = ecart(compacte, b)
    assert mixte.serie("A")[0] == _annee(2020, "0.00", "0.00", "0.00", "-1000.00", "0.00")
    assert mixte.serie("B") == LIGNE_A[:1]


def test_ecart_agregations_differentes() -> None:
    a = Projection(par="garant", series=())
    b = Projection(par="ligne", series=())
    with pytest.raises(ErreurValeur) as refus:
        ecart(a, b)
    assert str(refus.value) == (
        "les deux projections ne sont pas agrégées de la même façon (reçu : 'garant et ligne')"
    )


# --- hypothèses d'un tableau (prets/_hypotheses) ------------------------------------------------

_UNIQUE = (
    "Versement unique à la Date de Début de la Phase d'Amortissement (art. 12 : « calculée "
    "sur la base d'un Versement unique »)."
)


def test_hypotheses_index_fige_et_versement_unique() -> None:
    from collectivites.prets._hypotheses import hypotheses_tableau

    assert hypotheses_tableau(_ligne(), index_fige=True, notes=("n1", "n2")) == (
        "Index figé à sa valeur de référence (2,25 %), comme le tableau prévisionnel de la CDC.",
        _UNIQUE,
        "n1",
        "n2",
    )
    assert hypotheses_tableau(_ligne(), index_fige=False, notes=()) == (_UNIQUE,)


def test_hypotheses_versements_prefinancement_constante() -> None:
    from collectivites.prets._hypotheses import hypotheses_tableau
    from collectivites.prets._modeles import Prefinancement, Versement

    versements = (
        Versement(date=dt.date(2020, 1, 10), montant=D("400.00")),
        Versement(date=dt.date(2020, 2, 10), montant=D("600.00")),
    )
    prefinancee = _ligne(prefinancement=Prefinancement(duree_mois=12))
    assert hypotheses_tableau(prefinancee, index_fige=False, notes=()) == (
        "Préfinancement : versement unique au début de la phase (hypothèse du tableau "
        "prévisionnel de la CDC).",
    )
    # des versements réels l'emportent sur le préfinancement
    avec = attrs.evolve(prefinancee, versements=versements)
    assert hypotheses_tableau(avec, index_fige=False, notes=()) == (
        "Versements réels (2) : capital réduit à leur somme (art. 8).",
    )
    ancienne = _ligne(revision="DR", constante_revision=D("1.5"))
    assert hypotheses_tableau(ancienne, index_fige=False, notes=()) == (
        _UNIQUE,
        "Révision d'un prêt ancien : R = 1 + DT/C avec C = 1,5 (arrêté du prêt), "
        "I' = (1 + I) R − 1 (au moins 0 %), P' = (1 + P) R − 1.",
    )


# --- lot (prets/_lot) ---------------------------------------------------------------------------


def test_lot_seuil_et_numpy(monkeypatch: pytest.MonkeyPatch) -> None:
    from collectivites.prets import _lot

    assert _lot.SEUIL_LOT == 64
    _lot.numpy_disponible.cache_clear()
    assert _lot.numpy_disponible() is True  # numpy est installé dans l'environnement de test
    appels: list[str] = []

    def trouver(nom: str) -> None:
        appels.append(nom)

    _lot.numpy_disponible.cache_clear()
    monkeypatch.setattr(_lot.importlib.util, "find_spec", trouver)
    assert _lot.numpy_disponible() is False
    assert appels == ["numpy"]
    _lot.numpy_disponible.cache_clear()


def test_lot_au_seuil(monkeypatch: pytest.MonkeyPatch) -> None:
    """Le lot est employé dès 64 lignes (``lot=None``), pas en deçà ; ``lot=True`` le force,
    ``lot=False`` l'écarte."""
    from collectivites.prets import _lot

    appels: list[int] = []

    def espion(prets: Any, s: Any, par: Any, lignes: Any) -> None:
        appels.append(len(lignes))
        assert len(lignes) == sum(len(p.lignes) for p in prets)

    monkeypatch.setattr(_lot, "projeter_partie_lot", espion)
    prets = [Pret(numero=f"P{k}", lignes=(_ligne(),)) for k in range(64)]
    projeter_partie(prets[:63], HISTORIQUE, Agregation.LIGNE)
    assert appels == []
    partie = projeter_partie(prets, HISTORIQUE, Agregation.LIGNE)  # le lot renonce (None)
    assert appels == [64]
    assert partie.nombre_lignes == 64
    projeter_partie(prets[:1], HISTORIQUE, Agregation.LIGNE, lot=True)
    assert appels == [64, 1]
    projeter_partie(prets, HISTORIQUE, Agregation.LIGNE, lot=False)
    assert appels == [64, 1]


def test_lot_rend_sa_projection(monkeypatch: pytest.MonkeyPatch) -> None:
    from collectivites.prets import _lot

    faite = ProjectionPartielle(par="ligne", notes=("par le lot",), nombre_lignes=1)
    monkeypatch.setattr(_lot, "projeter_partie_lot", lambda *a: faite)
    assert (
        projeter_partie([Pret(numero="P", lignes=(_ligne(),))], HISTORIQUE, "ligne", lot=True)
        is faite
    )


def test_lot_sans_numpy_renonce(monkeypatch: pytest.MonkeyPatch) -> None:
    from collectivites.prets import _lot, _lot_partie

    appels: list[Any] = []
    monkeypatch.setattr(_lot_partie, "projeter_par_lots", lambda *a: appels.append(a) or "lot")
    prets = [Pret(numero="P", lignes=(_ligne(),))]
    cles = EnsembleCles.de(["p/a"])
    assert _lot.projeter_partie_lot(prets, HISTORIQUE, Agregation.GARANT, cles) == "lot"
    assert appels == [(prets, HISTORIQUE, Agregation.GARANT, cles)]
    monkeypatch.setattr(_lot, "numpy_disponible", lambda: False)
    assert _lot.projeter_partie_lot(prets, HISTORIQUE, Agregation.GARANT, cles) is None
    assert len(appels) == 1


def test_une_annee_de_six_montants_est_refusee() -> None:
    """Les cinq montants d'une année sont lus par ``zip(strict=True)`` : un sixième ne serait
    pas ignoré en silence."""
    with pytest.raises(ValueError, match="zip"):
        pf._annee_de(2020, (1, 2, 3, 4, 5, 6))
    with pytest.raises(ValueError, match="zip"):
        pf._en_annees({2020: (D("0.01"),) * 6})
    assert pf._annee_de(2020, (1, 2, 3, 4, 5)) == _annee(
        2020, "0.01", "0.02", "0.03", "0.04", "0.05"
    )


def test_parts_trois_garants_stock_d_interets_differes() -> None:
    """Le stock est réparti au plus fort reste comme les autres montants : 0,03 → 0,015 /
    0,0075 / 0,0075, planchers 0,01 / 0 / 0, deux centimes aux deux plus forts restes."""
    garants = _garants(("G1", "0.5"), ("G2", "0.25"), ("G3", "0.25"))
    serie = {2021: (D("3.00"), D("1.00"), D("4.00"), D("6.00"), D("0.03"))}
    parts = pf._parts(serie, garants, D("10.00"))
    assert [(nom, p[2021]) for nom, p in parts] == [
        ("G1", (D("1.50"), D("0.50"), D("2.00"), D("3.00"), D("0.01"))),
        ("G2", (D("0.75"), D("0.25"), D("1.00"), D("1.50"), D("0.01"))),
        ("G3", (D("0.75"), D("0.25"), D("1.00"), D("1.50"), D("0.01"))),
    ]


def test_projeter_sous_scenarios() -> None:
    """Une projection par scénario, dans l'ordre, chacune celle du scénario seul ; les clés
    des lignes calculées une fois (le même ensemble partagé) ; un doublon refusé d'abord."""
    s2 = scenario("livret_a+1 %", depuis=dt.date(2021, 1, 1))
    prets = [
        Pret(numero="P1", lignes=(_ligne("A", revision="SR"),)),
        Pret(numero="P2", lignes=(_ligne("B"),)),
    ]
    resultats = projeter_sous_scenarios(prets, (s2, HISTORIQUE), Agregation.LIGNE, lot=False)
    assert len(resultats) == 2
    assert resultats[0] == projeter_partie(prets, s2, Agregation.LIGNE, lot=False)
    assert resultats[1] == projeter_partie(prets, HISTORIQUE, Agregation.LIGNE, lot=False)
    assert resultats[0].sommes["P1/A"] != resultats[1].sommes["P1/A"]  # le scénario compte
    assert resultats[0].lignes is resultats[1].lignes
    assert sorted(resultats[0].lignes) == ["p1/a", "p2/b"]
    assert projeter_sous_scenarios(prets, (), Agregation.LIGNE) == ()
    with pytest.raises(ErreurValeur, match=r"prêts 1 et 3"):
        projeter_sous_scenarios([*prets, prets[0]], (HISTORIQUE,), Agregation.LIGNE)


def test_projeter_sous_scenarios_transmet_le_lot(monkeypatch: pytest.MonkeyPatch) -> None:
    from collectivites.prets import _lot

    appels: list[Any] = []

    def espion(prets: Any, s: Any, par: Any, lignes: Any) -> None:
        appels.append((s, par, sorted(lignes)))

    monkeypatch.setattr(_lot, "projeter_partie_lot", espion)
    prets = [Pret(numero="P1", lignes=(_ligne("A"),))]
    s2 = scenario("livret_a+1 %", depuis=dt.date(2021, 1, 1))
    projeter_sous_scenarios(prets, (HISTORIQUE, s2), Agregation.GARANT, lot=True)
    assert appels == [
        (HISTORIQUE, Agregation.GARANT, ["p1/a"]),
        (s2, Agregation.GARANT, ["p1/a"]),
    ]
    projeter_sous_scenarios(prets, (HISTORIQUE,), Agregation.GARANT)
    assert len(appels) == 2  # une ligne : sous le seuil


# --- sources d'index, notes et séries consultées ------------------------------------------------

_HAUSSE = scenario("livret_a+1 %", depuis=dt.date(2027, 1, 1))


def _note_livret_a(fin: str) -> str:
    return (
        "Série « livret_a » confirmée jusqu'au 01/08/2026 ; ce calcul l'utilise jusqu'au "
        f"{fin} : au-delà du 01/08/2026, il retient la dernière valeur publiée (1,70 %), "
        "reportée."
    )


@pytest.mark.parametrize("a_rebours", [False, True])
def test_une_consultation_par_serie_a_la_date_la_plus_tardive(a_rebours: bool) -> None:
    """Deux lignes révisables sur le Livret A, finies en 2050 et en 2045 : la série est
    consultée une fois, à la date la plus tardive, quel que soit l'ordre des lignes ; ses
    avertissements datés ne restent pas dans les notes de la partie, ils sont rédigés par
    :func:`achever` à cette date ; une ligne sans note (finie en 2025) ne compte pas."""
    prets = [
        Pret(numero="P1", lignes=(_ligne("A", revision="SR", duree=30),)),
        Pret(numero="P2", lignes=(_ligne("B", revision="SR", duree=25),)),
        Pret(numero="P3", lignes=(_ligne("C", revision="SR", duree=5),)),
    ]
    if a_rebours:
        prets.reverse()
    partie = projeter_partie(prets, _HAUSSE, Agregation.GARANT, lot=False)
    assert [(serie.nom, fin) for serie, fin in partie.consultations] == [
        ("livret_a", dt.date(2050, 4, 1))
    ]
    assert partie.notes == ()
    projection = achever(partie, _HAUSSE)
    assert projection.notes == (*_HAUSSE.notes, _note_livret_a("01/04/2050"))


def test_une_ligne_sans_note_ne_consulte_rien() -> None:
    partie = projeter_partie(
        [Pret(numero="P3", lignes=(_ligne("C", revision="SR", duree=5),))],
        _HAUSSE,
        Agregation.LIGNE,
        lot=False,
    )
    assert partie.consultations == ()
    assert partie.notes == ()


def test_une_source_par_index_et_valeur_de_reference() -> None:
    """Les sources d'index sont cherchées une fois par (index, valeur de référence) : deux
    lignes sur l'inflation (sans série livrée : figée à sa valeur d'émission) de références
    différentes, et une ligne sur le Livret A de même référence, gardent chacune la leur."""
    lignes = (
        _ligne(
            "I1",
            index="inflation",
            valeur_index_reference=D("0.01"),
            marge=D("0.09"),
            revision="SR",
        ),
        _ligne(
            "I2",
            index="inflation",
            valeur_index_reference=D("0.03"),
            marge=D("0.07"),
            revision="SR",
        ),
        _ligne(
            "L1",
            index="livret_a",
            valeur_index_reference=D("0.03"),
            marge=D("0.07"),
            revision="SR",
            duree=12,
        ),
    )
    prets = [Pret(numero=f"P{k}", lignes=(ligne,)) for k, ligne in enumerate(lignes)]
    projection = _achevee(prets, "ligne", _HAUSSE)
    for k, ligne in enumerate(lignes):
        attendue = projeter_ligne(ligne, _HAUSSE.source_pour(ligne))
        assert projection.serie(f"P{k}/{ligne.identifiant}") == attendue
    # l'inflation figée : 10 % comme à l'émission, les mêmes montants que la ligne fixe
    assert projection.serie("P0/I1") == LIGNE_A
    assert projection.serie("P1/I2") == LIGNE_A
    assert projection.serie("P2/L1") != projeter_ligne(lignes[2], None)


@pytest.mark.parametrize("par", list(Agregation))
def test_ligne_par_ligne_egale_au_lot(par: Agregation) -> None:
    """Le calcul ligne par ligne et le lot (:mod:`collectivites.prets._lot_partie`, un autre
    code) donnent la même partie, notes et séries consultées comprises."""
    garants = _garants(("Commune", "0.6"), ("Département", "0.4"))
    prets = [
        Pret(numero="P1", emprunteur="Office", lignes=(_ligne("A", revision="SR", duree=30),)),
        Pret(
            numero="P2",
            lignes=(
                _ligne("B", revision="SR", duree=25, garants=garants, emprunteur="SA"),
                _ligne("C", duree=3, garants=_garants(("A", "0.5"), ("B", "0.3"), ("C", "0.2"))),
            ),
        ),
    ]
    assert projeter_partie(prets, _HAUSSE, par, lot=False) == projeter_partie(
        prets, _HAUSSE, par, lot=True
    )


def test_series_compactes_de_longueurs_differentes_refusees_a_la_lecture() -> None:
    """Des clés et des séries de longueurs différentes ne sont pas appariées en silence."""
    a = SerieCentimes.de({2021: (1, 2, 3, 4, 5)})
    with pytest.raises(ValueError, match="zip"):
        list(SeriesCompactes(["a", "b"], [a]).paires())


def test_note_du_plancher_gardee_dans_la_partie() -> None:
    """Une ligne fixe à −1 % : taux ramené à 0 % (art. 10), deux annuités de 500,00 ; la
    note du plancher, non datée, reste dans les notes de la partie (une fois pour deux
    lignes). Sur l'inflation (figée, sans série), aucune série n'est consultée ; sur le
    Livret A, sa série l'est jusqu'à la dernière échéance (01/04/2022)."""
    from collectivites.prets._tableau import NOTE_PLANCHER

    options = {"marge": D("-0.0325"), "taux_interet": D("-0.01")}
    inflation = Pret(numero="P1", lignes=(_ligne("N", index="inflation", **options),))
    livret_a = Pret(numero="P2", lignes=(_ligne("L", **options),))
    partie = projeter_partie([inflation], HISTORIQUE, Agregation.EMPRUNTEUR, lot=False)
    assert partie.notes == (NOTE_PLANCHER,)
    assert partie.consultations == ()
    assert dict(partie.sommes["?"]) == {
        2020: (0, 0, 0, 100000, 0),
        2021: (50000, 0, 50000, 50000, 0),
        2022: (50000, 0, 50000, 0, 0),
    }
    partie = projeter_partie([inflation, livret_a], HISTORIQUE, Agregation.EMPRUNTEUR, lot=False)
    assert partie.notes == (NOTE_PLANCHER,)
    assert [(s.nom, fin) for s, fin in partie.consultations] == [("livret_a", dt.date(2022, 4, 1))]
    assert achever(partie, HISTORIQUE).notes == (*HISTORIQUE.notes, NOTE_PLANCHER)
