"""Noyau numpy de la projection par lots (``prets/_lot_noyau.py``) : chaque pièce vérifiée sur
des valeurs calculées à la main — jours et clés de jours, escaliers des sources d'index, cases
de la table des taux, arrondis certifiés, intérêts en entiers et en flottants, échéances
théoriques, répartition d'une échéance hors du cas courant, cumul des sommes annuelles — et
le déroulé d'un lot comparé, au centime, au tableau ligne par ligne (issue 27)."""

from __future__ import annotations

import datetime as dt
import math
import warnings
from decimal import ROUND_HALF_UP, Context, Decimal, localcontext

import numpy as np
import pytest

from collectivites.donnees import PointSerie, SerieDatee
from collectivites.prets import _lot_noyau as noyau
from collectivites.prets import _lot_partie, calculer_tableau
from collectivites.prets._colonnes import en_euros
from collectivites.prets._index import IndexDecale, IndexFige
from collectivites.prets._modeles import LigneDePret, Pret
from collectivites.prets._partielle import Agregation
from collectivites.prets._portefeuille import projeter_partie
from collectivites.prets._scenarios import Scenario, scenario

J = noyau.jour


def _serie(refuser: bool = False, jusqu_au: dt.date | None = None) -> SerieDatee:
    return SerieDatee(
        nom="essai",
        points=(
            PointSerie(date_effet=dt.date(2020, 1, 1), valeur=Decimal("0.01")),
            PointSerie(date_effet=dt.date(2021, 2, 1), valeur=Decimal("0.02")),
        ),
        apres_derniere="refuser" if refuser else "reporter",
        valable_jusqu_au=jusqu_au,
    )


# --- jours et clés ---------------------------------------------------------------------------


def test_jours_depuis_1970() -> None:
    assert J(dt.date(1970, 1, 1)) == 0
    assert J(dt.date(1970, 2, 1)) == 31
    assert J(dt.date(1969, 12, 31)) == -1
    assert J(dt.date(2000, 1, 1)) == 10957  # 30 ans, dont 7 bissextiles : 30 × 365 + 7


def test_cle_de_jour() -> None:
    assert noyau.cle_de_jour(0) == (1970 * 12 + 0) * 32 + 1
    assert noyau.cle_de_jour(J(dt.date(2024, 2, 29))) == (2024 * 12 + 1) * 32 + 29
    assert noyau.cle_de_jour(J(dt.date(2023, 12, 31))) == (2023 * 12 + 11) * 32 + 31
    # les bornes « sans limite » restent elles-mêmes (elles n'ont pas de date)
    assert noyau.cle_de_jour(noyau.JOUR_MIN) == -(2**62)
    assert noyau.cle_de_jour(noyau.JOUR_MAX) == 2**62


# --- escaliers ---------------------------------------------------------------------------------


def _lire(e: noyau.Escalier) -> tuple[list[int], tuple[Decimal | None, ...], int, int, list[int]]:
    return e.bornes.tolist(), e.valeurs, e.jour_min, e.jour_max, e.cles.tolist()


def test_escalier_sans_source_et_fige() -> None:
    sans = noyau.escalier(None)
    assert sans is not None
    assert _lire(sans) == ([-(2**62)], (None,), -(2**62), 2**62, [-(2**62)])
    assert sans.bornes.dtype == np.int64
    fige = noyau.escalier(IndexFige(valeur=Decimal("0.0075")))
    assert fige is not None
    assert _lire(fige) == ([-(2**62)], (Decimal("0.0075"),), -(2**62), 2**62, [-(2**62)])


def test_escalier_d_une_serie() -> None:
    debut, suite = J(dt.date(2020, 1, 1)), J(dt.date(2021, 2, 1))
    cles = [(2020 * 12) * 32 + 1, (2021 * 12 + 1) * 32 + 1]
    reporte = noyau.escalier(_serie())
    assert reporte is not None
    assert _lire(reporte) == (
        [debut, suite],
        (Decimal("0.01"), Decimal("0.02")),
        debut,
        2**62,
        cles,
    )
    # une série qui refuse d'extrapoler : jusqu'à sa validité, ou à sa dernière date
    borne = noyau.escalier(_serie(refuser=True, jusqu_au=dt.date(2030, 6, 30)))
    assert borne is not None
    assert (borne.jour_min, borne.jour_max) == (debut, J(dt.date(2030, 6, 30)))
    derniere = noyau.escalier(_serie(refuser=True))
    assert derniere is not None
    assert derniere.jour_max == suite
    # une validité écrite sans refus d'extrapoler ne borne rien
    valide = noyau.escalier(_serie(jusqu_au=dt.date(2030, 6, 30)))
    assert valide is not None
    assert valide.jour_max == 2**62


def test_escalier_d_un_index_decale_sur_une_serie() -> None:
    serie = _serie(refuser=True, jusqu_au=dt.date(2030, 6, 30))
    decale = noyau.escalier(
        IndexDecale(source=serie, ecart=Decimal("0.01"), depuis=dt.date(2020, 6, 1))
    )
    assert decale is not None
    assert _lire(decale)[:4] == (
        [J(dt.date(2020, 1, 1)), J(dt.date(2020, 6, 1)), J(dt.date(2021, 2, 1))],
        (Decimal("0.01"), Decimal("0.02"), Decimal("0.03")),
        J(dt.date(2020, 1, 1)),
        J(dt.date(2030, 6, 30)),
    )
    # un décalage avant la première valeur : aucune marche avant elle (la source la refuse)
    tot = noyau.escalier(
        IndexDecale(source=serie, ecart=Decimal("0.01"), depuis=dt.date(2019, 1, 1))
    )
    assert tot is not None
    assert _lire(tot)[:2] == (
        [J(dt.date(2020, 1, 1)), J(dt.date(2021, 2, 1))],
        (Decimal("0.02"), Decimal("0.03")),
    )
    # le décalage le jour même d'une marche ne la double pas
    meme = noyau.escalier(
        IndexDecale(source=serie, ecart=Decimal("-0.01"), depuis=dt.date(2021, 2, 1))
    )
    assert meme is not None
    assert _lire(meme)[:2] == (
        [J(dt.date(2020, 1, 1)), J(dt.date(2021, 2, 1))],
        (Decimal("0.01"), Decimal("0.01")),
    )


def test_escalier_d_un_index_decale_sur_un_index_fige() -> None:
    decale = noyau.escalier(
        IndexDecale(
            source=IndexFige(valeur=Decimal("0.01")),
            ecart=Decimal("0.005"),
            depuis=dt.date(2020, 6, 1),
        )
    )
    assert decale is not None
    depuis = J(dt.date(2020, 6, 1))
    assert _lire(decale) == (
        [-(2**62), depuis],
        (Decimal("0.01"), Decimal("0.015")),
        -(2**62),
        2**62,
        [-(2**62), (2020 * 12 + 5) * 32 + 1],
    )


def test_escalier_d_une_source_inconnue() -> None:
    class Greffon:
        def valeur_au(self, _jour: dt.date) -> Decimal:
            return Decimal("0.01")

    assert noyau.escalier(Greffon()) is None
    fige = IndexFige(valeur=Decimal("0.01"))
    double = IndexDecale(
        source=IndexDecale(source=fige, ecart=Decimal("0.01"), depuis=dt.date(2020, 1, 1)),
        ecart=Decimal("0.01"),
        depuis=dt.date(2021, 1, 1),
    )
    assert noyau.escalier(double) is None


# --- cases de la table des taux ------------------------------------------------------------------


def _ligne(identifiant: str = "L", **options: object) -> LigneDePret:
    """Une ligne SR annuelle sur le Livret A (partagée avec ``test_mutation_lot_partie``)."""
    valeurs: dict[str, object] = {
        "identifiant": identifiant,
        "montant": Decimal("150000.00"),
        "date_effet": dt.date(2012, 3, 15),
        "duree": 25,
        "periodicite": "annuelle",
        "index": "livret_a",
        "valeur_index_reference": Decimal("0.0225"),
        "marge": Decimal("0.006"),
        "taux_interet": Decimal("0.0285"),
        "profil": "amortissement_deduit_interets_differes",
        "revision": "SR",
    }
    valeurs.update(options)
    return LigneDePret(**valeurs)  # type: ignore[arg-type]


def test_en_flottant() -> None:
    assert noyau._en_flottant(Decimal("0.0285")) == 0.0285
    assert noyau._en_flottant(Decimal("-0.004")) == -0.004
    assert noyau._en_flottant(Decimal(0)) == 0.0
    # au-delà de 40 décimales, rien : 10^-41 n'est pas lu
    assert noyau._en_flottant(Decimal("1E-41")) == 0.0
    assert noyau._en_flottant(Decimal("1E-40")) == 1e-40
    # 1/3 à 34 chiffres : le flottant le plus proche de 1/3
    assert noyau._en_flottant(Decimal(1) / Decimal(3)) == 1 / 3


def test_case_d_un_taux_annuel_court() -> None:
    """Taux annuel SR : I' = I + (valeur − référence) = 2,85 % + 1 % = 3,85 % = 77/2000,
    taux de période I' lui-même (base 12/12), progressivité nulle."""
    entree = noyau._calculer_entree(_ligne(), Decimal("0.0325"))
    assert entree == noyau._Entree(
        revises=(Decimal("0.0385"), Decimal(0)),
        negatif=False,
        taux=Decimal("0.0385"),
        progression=Decimal(1),
        p_periode=Decimal(0),
        num=77,
        den=2000,
    )


def test_case_d_un_taux_mensuel_en_flottants() -> None:
    """Mensuel : t = (1 + I)^(1/12) − 1 à 34 chiffres, route flottante (m = d = 0) ; la
    progressivité de période est elle aussi équivalente : (1 + p)^(1/12) − 1."""
    ligne = _ligne(periodicite="mensuelle", taux_progressivite=Decimal("0.005"))
    entree = noyau._calculer_entree(ligne, Decimal("0.0225"))
    with localcontext(Context(prec=34, rounding=ROUND_HALF_UP)):
        attendu_t = Decimal("1.0285") ** (Decimal(1) / Decimal(12)) - 1
        attendu_p = Decimal("1.005") ** (Decimal(1) / Decimal(12)) - 1
        progression = 1 + attendu_p
    assert entree.taux == attendu_t
    assert entree.p_periode == attendu_p
    assert entree.progression == progression == Decimal("1.000415714844728999612550563429123")
    assert entree.revises == (Decimal("0.0285"), Decimal("0.005"))
    assert (entree.num, entree.den) == (0, 0)


def test_case_route_entiere_selon_les_chiffres_du_taux() -> None:
    """15 chiffres au plus : route entière ; 16 : flottante."""
    quinze = Decimal("0.012345678901234")  # 14 chiffres significatifs après 0,0
    ligne = _ligne(
        revision="fixe",
        taux_interet=quinze + Decimal("0.1"),
        valeur_index_reference=Decimal(0),
        marge=quinze + Decimal("0.1"),
    )
    entree = noyau._calculer_entree(ligne, Decimal(0))
    assert len(entree.taux.as_tuple().digits) == 15
    assert (entree.num, entree.den) == (entree.taux.as_integer_ratio())
    seize = quinze + Decimal("0.1000000000000001")
    ligne = _ligne(
        revision="fixe", taux_interet=seize, valeur_index_reference=Decimal(0), marge=seize
    )
    entree = noyau._calculer_entree(ligne, Decimal(0))
    assert len(entree.taux.as_tuple().digits) == 16
    assert (entree.num, entree.den) == (0, 0)


def test_cases_gardees_en_cache_et_videes_au_plein() -> None:
    noyau._ENTREES.clear()
    ligne = _ligne()
    premiere = noyau._entree(ligne, Decimal("0.03"))
    assert noyau._entree(ligne, Decimal("0.03")) is premiere
    assert len(noyau._ENTREES) == 1
    for k in range(65535 - 1):
        noyau._ENTREES[("bouche-trou", k)] = premiere
    noyau._entree(ligne, Decimal("0.031"))  # 65 535 cases avant : pas encore plein
    assert len(noyau._ENTREES) == 65536
    noyau._entree(ligne, Decimal("0.032"))  # plein : vidé, puis la nouvelle case
    assert len(noyau._ENTREES) == 1
    noyau._ENTREES.clear()


def test_plancher_negatif() -> None:
    """Le plancher de 0 % joue sur un taux négatif, non sur un taux nul."""
    fixe = _ligne(revision="fixe")
    assert noyau._negatif(fixe, Decimal("-0.5")) is False
    nul = _ligne(revision="fixe", taux_interet=Decimal(0), marge=Decimal("-0.0225"))
    assert noyau._negatif(nul, Decimal("-0.5")) is False
    negatif = _ligne(revision="fixe", taux_interet=Decimal("-0.001"), marge=Decimal("-0.0235"))
    assert noyau._negatif(negatif, Decimal("0.5")) is True
    sr = _ligne()
    assert noyau._negatif(sr, Decimal("-0.006")) is False  # 2,85 % − 2,85 % = 0
    assert noyau._negatif(sr, Decimal("-0.0061")) is True


# --- le déroulé comparé au tableau, ligne par ligne ---------------------------------------------

_HISTORIQUE = scenario("historique")
_HAUSSE = scenario("livret_a+5 %", depuis=dt.date(2020, 1, 1))
_BAISSE = scenario("livret_a-3 %", depuis=dt.date(2014, 6, 1))
_EMISSION = scenario("emission")
_SCENARIOS = (_HISTORIQUE, _HAUSSE, _BAISSE, _EMISSION)


def _portefeuille() -> list[Pret]:
    """Des lignes que le lot prend toutes : chaque route (entiers, flottants), révision,
    progressivité, profil, périodicité, un quantième de fin de mois, des durées différentes."""
    lignes = [
        _ligne(identifiant="A-SR-annuelle"),
        _ligne(identifiant="B-SR-semestrielle", periodicite="semestrielle", duree=12),
        _ligne(identifiant="C-SR-trimestrielle", periodicite="trimestrielle", duree=30),
        _ligne(
            identifiant="D-SR-mensuelle-31",
            periodicite="mensuelle",
            duree=97,
            date_effet=None,
            date_debut_amortissement=dt.date(2016, 1, 31),
        ),
        _ligne(identifiant="E-fixe", revision="fixe", duree=7, montant=Decimal("12345.67")),
        _ligne(
            identifiant="F-DL-progressive",
            revision="DL",
            taux_progressivite=Decimal("0.03"),
        ),
        _ligne(
            identifiant="G-DL-prioritaires",
            revision="DL",
            taux_progressivite=Decimal("0.03"),
            profil="amortissement_deduit_interets_prioritaires",
        ),
        _ligne(
            identifiant="H-DR-mensuelle",
            revision="DR",
            periodicite="mensuelle",
            taux_progressivite=Decimal("-0.005"),
            duree=180,
            date_effet=dt.date(2009, 11, 30),
        ),
        _ligne(
            identifiant="I-marge-negative",
            marge=Decimal("-0.02"),
            taux_interet=Decimal("0.0025"),
            duree=15,
            montant=Decimal("999.99"),
        ),
        _ligne(
            identifiant="J-DL-plancher",
            revision="DL",
            taux_progressivite=Decimal("0.01"),
            taux_plancher_progressivite=Decimal("0"),
            periodicite="trimestrielle",
            duree=40,
            date_effet=dt.date(2003, 5, 31),
        ),
        _ligne(identifiant="K-courte", duree=1, montant=Decimal("0.01")),
        _ligne(  # taux nul sans plancher : aucune note (art. 10 : le taux n'était pas négatif)
            identifiant="M-fixe-nul",
            revision="fixe",
            marge=Decimal("-0.0225"),
            taux_interet=Decimal(0),
            duree=8,
        ),
        _ligne(
            identifiant="L-DL-semestrielle-progressive",
            revision="DL",
            periodicite="semestrielle",
            taux_progressivite=Decimal("0.045"),
            duree=50,
            montant=Decimal("2500000.00"),
            date_effet=dt.date(2019, 8, 29),
        ),
    ]
    return [Pret(numero=f"P{k}", lignes=(x,)) for k, x in enumerate(lignes)]


def _par_tableau(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    reprises: list[str] = []
    origine = _lot_partie._par_tableau

    def espion(rang: int, ligne: LigneDePret, *args: object) -> None:
        reprises.append(ligne.identifiant)
        origine(rang, ligne, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(_lot_partie, "_par_tableau", espion)
    return reprises


@pytest.mark.parametrize("s", _SCENARIOS, ids=["historique", "hausse", "baisse", "emission"])
def test_lot_egal_au_tableau_sans_reprise(monkeypatch: pytest.MonkeyPatch, s: Scenario) -> None:
    """Chaque ligne prise par le lot (aucune reprise) a, année par année, les centimes de son
    tableau ; notes et consultations sont celles de la projection ligne par ligne."""
    prets = _portefeuille()
    reprises = _par_tableau(monkeypatch)
    for par in Agregation:
        par_lot = projeter_partie(prets, s, par, lot=True)
        par_ligne = projeter_partie(prets, s, par, lot=False)
        assert reprises == []
        assert par_lot == par_ligne
        assert list(par_lot.sommes) == list(par_ligne.sommes)
        for cle, serie in par_ligne.sommes.items():
            assert dict(par_lot.sommes[cle].items()) == dict(serie.items()), cle
        assert par_lot.notes == par_ligne.notes
        assert [f for _s, f in par_lot.consultations] == [f for _s, f in par_ligne.consultations]
    # et chaque ligne, séparément, les sommes annuelles de son tableau
    par_lot = projeter_partie(prets, s, Agregation.LIGNE, lot=True)
    for pret in prets:
        (ligne,) = pret.lignes
        tableau = calculer_tableau(ligne, index=s.source_pour(ligne))
        assert (
            dict(par_lot.sommes[f"{pret.numero}/{ligne.identifiant}"].items())
            == tableau.par_annee()
        ), ligne.identifiant


def test_les_cas_du_portefeuille_sont_bien_exerces() -> None:
    """Le portefeuille de comparaison contient bien ce qu'il prétend : intérêts différés (et
    prioritaires portés aux intérêts) sous la hausse, plancher de 0 % sous la baisse."""
    prets = {p.lignes[0].identifiant: p.lignes[0] for p in _portefeuille()}
    hausse = calculer_tableau(
        prets["F-DL-progressive"], index=_HAUSSE.source_pour(prets["A-SR-annuelle"])
    )
    assert hausse.total_interets_a_differer > 0
    baisse = calculer_tableau(
        prets["I-marge-negative"], index=_BAISSE.source_pour(prets["I-marge-negative"])
    )
    assert baisse.notes and "ramené à 0 %" in baisse.notes[0]


def test_profil_prioritaire_porte_aux_interets() -> None:
    """Sous la hausse, la ligne aux intérêts prioritaires a des échéances ramenées aux seuls
    intérêts (amortissement nul) : la branche « portée » du lot est exercée."""
    ligne = next(p.lignes[0] for p in _portefeuille() if p.lignes[0].identifiant.startswith("G"))
    tableau = calculer_tableau(ligne, index=_HAUSSE.source_pour(ligne))
    assert any(r.amortissement == 0 and r.echeance == r.interets > 0 for r in tableau.lignes)


# --- pièces du calcul -------------------------------------------------------------------------


def test_colonnes_d_un_lot() -> None:
    """Début en mars 2020, 25 annuités : de 2020 à 2045, 26 années de sommes."""
    lot = noyau.Lot([2020 * 12 + 2, 2021 * 12 + 11], [15, 31], [12, 1], [25, 1], [100, 5], [0, 1])
    assert lot.annee0.tolist() == [2020, 2021]
    assert lot.annees.tolist() == [26, 2]  # décembre 2021 + 1 mois : janvier 2022
    assert lot.capital.dtype == np.int64


def test_jours_des_quantiemes() -> None:
    fevrier = np.asarray([2024 * 12 + 1, 2023 * 12 + 1, 1970 * 12], dtype=np.int64)
    trente_et_un = np.asarray([31, 31, 31], dtype=np.int64)
    assert noyau._debut_mois(fevrier).tolist() == [
        J(dt.date(2024, 2, 1)),
        J(dt.date(2023, 2, 1)),
        0,
    ]
    assert noyau._jours(fevrier, trente_et_un, True).tolist() == [
        J(dt.date(2024, 2, 29)),
        J(dt.date(2023, 2, 28)),
        J(dt.date(1970, 1, 31)),
    ]
    # sans borne, le quantième déborde sur le mois suivant (le calendrier ne borne que s'il
    # le faut : un quantième au plus 28 existe dans tous les mois)
    assert noyau._jours(fevrier, trente_et_un, False).tolist() == [
        J(dt.date(2024, 3, 2)),
        J(dt.date(2023, 3, 3)),
        J(dt.date(1970, 1, 31)),
    ]
    calendrier = noyau._Calendrier(2023 * 12 + 1, 2024 * 12 + 1, trente_et_un)
    assert calendrier.borner is True
    assert calendrier.premier == 2023 * 12 + 1
    assert calendrier.jours(fevrier[:2], trente_et_un[:2]).tolist() == [
        J(dt.date(2024, 2, 29)),
        J(dt.date(2023, 2, 28)),
    ]
    assert calendrier.annees.tolist()[:2] == [2023, 2023]
    assert calendrier.annees.tolist()[-1] == 2024  # jusqu'au mois après le dernier : mars 2024
    assert len(calendrier.annees) == 14
    vingt_huit = noyau._Calendrier(2023 * 12 + 1, 2024 * 12 + 1, np.asarray([28, 1]))
    assert vingt_huit.borner is False
    assert vingt_huit.jours(fevrier[:1], np.asarray([28])).tolist() == [J(dt.date(2024, 2, 28))]


def _exact_interdit(j: int) -> int:
    raise AssertionError(f"recalcul inattendu de l'élément {j}")


def test_arrondis_au_demi_superieur() -> None:
    x = np.asarray([0.0, 1.25, 2.75, 3.4999, 3.5001, 7.0])
    assert noyau._arrondis(x, 0.0, _exact_interdit).tolist() == [0, 1, 3, 3, 4, 7]
    # un demi exact, un NaN et un élément à moins de sa borne d'erreur d'un demi : recalculés
    recalcules: list[int] = []

    def exact(j: int) -> int:
        recalcules.append(j)
        return 100 + j

    x = np.asarray([2.5, float("nan"), 4.5 + 1e-9, 4.5 + 1e-3, 10.0])
    erreur = np.asarray([0.0, 0.0, 1e-9, 1e-9, 0.0])
    assert noyau._arrondis(x, erreur, exact).tolist() == [100, 101, 102, 5, 10]
    assert recalcules == [0, 1, 2]


def test_arrondis_borne_commune_du_plus_grand_element() -> None:
    """Une borne scalaire vaut pour le plus grand élément en valeur absolue : 2^-40 × 10^9
    ≈ 0,0009 ; 0,5004 est ambigu, 0,5010 ne l'est pas."""
    recalcules: list[int] = []

    def exact(j: int) -> int:
        recalcules.append(j)
        return -1

    x = np.asarray([0.5004, 0.501, 1e9])
    assert noyau._arrondis(x, 2**-40, exact).tolist() == [-1, 1, 10**9]
    assert recalcules == [0]
    recalcules.clear()
    x = np.asarray([0.5004, 0.501, -1e9])
    assert noyau._arrondis(x, 2**-40, exact).tolist()[:2] == [-1, 1]
    assert recalcules == [0]
    recalcules.clear()
    # sans grand élément, la marge absolue seule (2^-30) : 0,5004 n'est plus ambigu
    assert noyau._arrondis(np.asarray([0.5004, 0.4999999999]), 2**-40, exact).tolist() == [1, -1]
    assert recalcules == [1]
    assert noyau._arrondis(np.asarray([], dtype=np.float64), 2**-40, exact).tolist() == []


def _table(*lignes: LigneDePret, valeurs: tuple[Decimal | None, ...] = (None,)) -> noyau.TableTaux:
    bornes = [noyau.JOUR_MIN, *range(1, len(valeurs))]
    return noyau.TableTaux(
        list(lignes), noyau.Escalier(bornes, valeurs, noyau.JOUR_MIN, noyau.JOUR_MAX)
    )


def test_table_des_taux() -> None:
    """Deux classes (SR aux intérêts différés, fixe aux intérêts prioritaires) sur deux marches
    (référence 2,25 %, puis 3,25 %) : SR 2,85 % puis 3,85 %, fixe 2,85 % aux deux ; les couples
    (I', P') égaux partagent un code ; t = 57/2000 et 77/2000, dénominateur commun 2000."""
    sr = _ligne()
    fixe = _ligne(revision="fixe", profil="amortissement_deduit_interets_prioritaires")
    table = _table(sr, fixe, valeurs=(None, Decimal("0.0325")))
    assert table.marches == 2
    assert table.prioritaire.tolist() == [False, True]
    assert table.taux == [
        Decimal("0.0285"),
        Decimal("0.0385"),
        Decimal("0.0285"),
        Decimal("0.0285"),
    ]
    assert table.code.tolist() == [0, 1, 0, 0]
    assert table.negatif.tolist() == [False] * 4
    assert table.flottant.tolist() == [0.0285, 0.0385, 0.0285, 0.0285]
    assert table.p_flottant.tolist() == [0.0] * 4
    assert table.progression_flottante.tolist() == [1.0] * 4
    assert table.progressif.tolist() == [False] * 4
    assert table.entier.tolist() == [True] * 4
    assert (table.denominateur, table.double_denominateur) == (2000, 4000)
    assert table.double_num.tolist() == [114, 154, 114, 114]
    borne = 2**62 - 2000
    assert table.capital_max.tolist() == [borne // 154, borne // 114]


def test_table_mixte_et_progressive() -> None:
    """Une classe mensuelle (flottants) et une annuelle progressive de 1 % (entiers) : le
    dénominateur commun ne compte que l'annuelle ; le capital maximal d'une classe en
    flottants est la borne elle-même."""
    mensuelle = _ligne(periodicite="mensuelle")
    annuelle = _ligne(taux_progressivite=Decimal("0.01"))
    table = _table(mensuelle, annuelle)
    assert table.entier.tolist() == [False, True]
    assert table.denominateur == 2000
    assert table.double_num.tolist() == [0, 114]
    assert table.progressif.tolist() == [False, True]
    assert table.p_flottant.tolist() == [0.0, 0.01]
    assert table.progression_flottante.tolist() == [1.0, 1.01]
    assert table.capital_max.tolist() == [2**62, (2**62 - 2000) // 114]
    seule = _table(mensuelle)
    assert (seule.denominateur, seule.double_denominateur) == (1, 2)
    assert seule.capital_max.tolist() == [2**62]


def test_table_sans_route_entiere_au_dela_du_denominateur() -> None:
    """Un taux de 15 chiffres sous 2 % (0,0123456789012345 = 24 691 357 802 469 / 2·10^15,
    dénominateur au-delà de 2^50 ≈ 1,13·10^15) : toute la table passe en flottants certifiés."""
    taux = Decimal("0.0123456789012345")
    ligne = _ligne(
        revision="fixe", taux_interet=taux, valeur_index_reference=Decimal(0), marge=taux
    )
    table = _table(ligne, _ligne())
    assert table.entier.tolist() == [False, False]
    assert table.double_num.tolist() == [0, 0]
    assert table.denominateur == 2 * 10**15  # ppcm(2·10^15, 2000)


def test_interets_en_entiers_et_en_flottants() -> None:
    """K × t au demi-centime supérieur : 1 000,00 € à 2,85 % : 28,50 € ; 17,55 € à 2,85 % :
    0,500175 € → 0,50 € ; 1,75 € à 2 % : 0,035 € → 0,04 € (demi exact : au-dessus)."""
    table = _table(
        _ligne(), _ligne(revision="fixe", taux_interet=Decimal("0.02"), marge=Decimal("-0.0025"))
    )
    capital = np.asarray([100000, 1755, 175], dtype=np.int64)
    rang = np.asarray([0, 0, 1], dtype=np.int64)
    assert noyau._interets(capital, rang, table, True).tolist() == [2850, 50, 4]
    assert noyau._interets(capital, rang, table, False).tolist() == [2850, 50, 4]
    # un demi exact en flottants est recalculé en Decimal (au demi supérieur)
    assert noyau._interets(
        np.asarray([25], dtype=np.int64), np.asarray([1]), table, False
    ).tolist() == [1]


def test_echeances_theoriques() -> None:
    """E = K (t − p) / (1 − ((1 + p)/(1 + t))^m) : 1 000 € à 5 % sur 2 ans : 537,80 € ;
    t = p : erreur infinie (le calcul Decimal la reprend)."""
    cinq = _ligne(revision="fixe", taux_interet=Decimal("0.05"), marge=Decimal("0.0275"))
    egal = _ligne(
        revision="fixe",
        taux_interet=Decimal("0.01"),
        marge=Decimal("-0.0125"),
        taux_progressivite=Decimal("0.01"),
    )
    table = _table(cinq, egal)
    x, erreur = noyau._theoriques(
        np.asarray([100000, 100000]), np.asarray([0, 1]), np.asarray([2, 4]), table
    )
    assert x[0] == pytest.approx(100000 * 0.05 / (1 - 1.05**-2), rel=1e-14)
    assert round(x[0]) == 53780
    assert 0 < erreur[0] < 1e-13
    assert erreur[1] == np.inf
    assert not np.isfinite(x[1])


def test_echeance_courante_exacte() -> None:
    """La théorique au plan (1 000 € à 5 % sur 2 ans : 537,8048… €), puis × 1,01 par pas."""
    plan = (100000, Decimal("0.05"), Decimal("0.01"), 2)
    assert noyau._courante_exacte((100000, Decimal("0.05"), Decimal(0), 2), Decimal(1), 0) == 53780
    e0 = Decimal(1000) * Decimal("0.04") / (1 - (Decimal("1.01") / Decimal("1.05")) ** 2)
    assert noyau._courante_exacte(plan, Decimal("1.01"), 0) == int(
        (e0 * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    )
    assert noyau._courante_exacte(plan, Decimal("1.01"), 2) == int(
        (e0 * Decimal("1.01") ** 2 * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    )


def test_repartir_hors_du_cas_courant() -> None:
    """Quatre échéances (montant, amortissement = montant − intérêts, intérêts) sur un capital
    de 1 000 et un stock : (a) 80 < 100 d'intérêts, intérêts différés : stock + 20 ;
    (b) même cas, prioritaire : portée aux intérêts ; (c) 300 rembourse d'abord le stock (50),
    puis amortit 150 ; (d) 2 000 dépasse le capital : ramenée à intérêts + stock + capital."""
    montant = np.asarray([80, 80, 300, 2000], dtype=np.int64)
    interets = np.asarray([100, 100, 100, 100], dtype=np.int64)
    amorti = montant - interets
    capital = np.asarray([1000, 1000, 1000, 1000], dtype=np.int64)
    stock = np.asarray([10, 10, 50, 30], dtype=np.int64)
    prioritaire = np.asarray([False, True, False, False])
    apparu = noyau._repartir((montant, amorti, interets), capital, stock, prioritaire)
    assert apparu is True
    assert montant.tolist() == [80, 100, 300, 1130]
    assert amorti.tolist() == [0, 0, 150, 1000]
    assert stock.tolist() == [30, 10, 0, 0]
    assert interets.tolist() == [100] * 4
    # sans échéance trop basse, aucun stock n'apparaît
    m, i = np.asarray([150]), np.asarray([100])
    a = m - i
    s = np.asarray([0])
    assert noyau._repartir((m, a, i), np.asarray([1000]), s, np.asarray([True])) is False
    assert (m.tolist(), a.tolist(), s.tolist()) == ([150], [50], [0])
    # prioritaire seulement : portée aux intérêts, sans stock
    m, i = np.asarray([50]), np.asarray([100])
    a = m - i
    s = np.asarray([0])
    assert noyau._repartir((m, a, i), np.asarray([1000]), s, np.asarray([True])) is False
    assert (m.tolist(), a.tolist(), s.tolist()) == ([100], [0], [0])


def test_noter_annee() -> None:
    champs = [np.zeros(4, dtype=np.int64) for _ in range(5)]
    case = np.asarray([1, 1, 3])
    montants = (np.asarray([10, 20, 30]), np.asarray([1, 2, 3]), np.asarray([9, 18, 27]))
    crd = np.asarray([100, 80, 50])
    # la même case deux fois : numpy n'en garde qu'une (e_annee[case] += … ne cumule pas les
    # doublons d'une même étape : le lot n'en a jamais, une ligne par case et par étape)
    noyau._noter_annee(
        champs, case[[0, 2]], (*(m[[0, 2]] for m in montants), crd[[0, 2]], None), True
    )
    noyau._noter_annee(
        champs, case[[1]], (*(m[[1]] for m in montants), crd[[1]], np.asarray([7])), True
    )
    assert [c.tolist() for c in champs] == [
        [0, 30, 0, 30],
        [0, 3, 0, 3],
        [0, 27, 0, 27],
        [0, 80, 0, 50],
        [0, 7, 0, 0],
    ]
    # sans cumul : la case reçoit l'échéance elle-même
    noyau._noter_annee(champs, case[[1]], (*(m[[1]] for m in montants), crd[[1]], None), False)
    assert [c.tolist()[1] for c in champs] == [20, 2, 18, 80, 7]


def test_derouler_un_lot_vide() -> None:
    table = _table(_ligne())
    sans = noyau.Escalier([noyau.JOUR_MIN], [None], noyau.JOUR_MIN, noyau.JOUR_MAX)
    sommes = noyau.derouler(noyau.Lot([], [], [], [], [], []), sans, table)
    assert sommes.largeur == 0
    assert sommes.valeurs.shape == (0, 0, 5)
    assert sommes.valeurs.dtype == np.int64  # des centimes entiers, même sans ligne
    assert sommes.repli.tolist() == []


def test_derouler_laisse_au_tableau_les_lignes_hors_de_l_escalier() -> None:
    """Escalier du 1er janvier 2010 au 31 décembre 2030 : une ligne qui commence avant, une qui
    a une date de début de période après, sont laissées au tableau (sans sommes) ; celle qui
    tient dedans est calculée. 10 annuités de 1 000,00 € à 2,85 % (fixe) depuis le 15 mars
    2015 : intérêts de la première 28,50 €, capital dû au 31/12/2015 : 1 000,00 €."""
    marches = noyau.Escalier(
        [J(dt.date(2010, 1, 1))],
        [Decimal("0.0225")],
        J(dt.date(2010, 1, 1)),
        J(dt.date(2030, 12, 31)),
    )
    table = _table(_ligne(revision="fixe"), valeurs=(Decimal("0.0225"),))
    lot = noyau.Lot(
        [2015 * 12 + 2, 2009 * 12 + 11, 2010 * 12 + 0, 2021 * 12 + 11, 2022 * 12 + 0],
        [15, 31, 1, 31, 1],
        [12] * 5,
        [10, 3, 3, 10, 10],
        [100000] * 5,
        [0] * 5,
    )
    sommes = noyau.derouler(lot, marches, table)
    # la 2e commence le 31/12/2009, avant l'escalier, la 3e le 01/01/2010, son premier jour ;
    # la 4e commence sa dernière période le 31/12/2030, son dernier jour, la 5e le 01/01/2031
    assert sommes.repli.tolist() == [False, True, False, False, True]
    tableau = calculer_tableau(
        _ligne(
            revision="fixe",
            montant=Decimal("1000.00"),
            duree=10,
            date_effet=None,
            date_debut_amortissement=dt.date(2015, 3, 15),
        )
    )
    attendu = tableau.par_annee()
    assert {2015 + a: tuple(v) for a, v in enumerate(sommes.valeurs[0].tolist())} == attendu
    assert sommes.valeurs[0][0].tolist() == [0, 0, 0, 100000, 0]
    assert sommes.valeurs[0][1].tolist()[1] == 2850
    # une ligne laissée au tableau n'a aucune somme (le tableau les fera)
    assert not sommes.valeurs[1].any()
    assert not sommes.valeurs[4].any()
    assert sommes.valeurs[2][0].tolist() == [0, 0, 0, 100000, 0]


@pytest.mark.parametrize("s", [_HAUSSE, _BAISSE], ids=["hausse", "baisse"])
def test_lot_egal_au_tableau_arrondis_recalcules(
    monkeypatch: pytest.MonkeyPatch, s: Scenario
) -> None:
    """Une marge absolue démesurée (1/3 de centime) envoie presque tous les arrondis flottants
    au calcul ``Decimal`` depuis le plan (capital, case, échéances restantes, progressions
    depuis) : les centimes ne changent pas."""
    prets = _portefeuille()
    attendu = projeter_partie(prets, s, Agregation.LIGNE, lot=False)
    monkeypatch.setattr(noyau, "_MARGE_ABSOLUE", 1 / 3)
    reprises = _par_tableau(monkeypatch)
    par_lot = projeter_partie(prets, s, Agregation.LIGNE, lot=True)
    assert reprises == []
    for cle, serie in attendu.sommes.items():
        assert dict(par_lot.sommes[cle].items()) == dict(serie.items()), cle


def test_plan_refait_puis_progresse() -> None:
    """Plan de 1 000,00 € à 5 % sur 2 ans, progressivité de 1 % : échéance théorique
    E = K (t − p) / (1 − ((1 + p)/(1 + t))^2), puis × 1,01 par progression ; la borne d'erreur
    relative croît de 4 ulp par progression ; les arrondis ambigus sont recalculés en Decimal
    depuis le plan, progressions comprises."""
    ligne = _ligne(
        revision="fixe",
        taux_interet=Decimal("0.05"),
        marge=Decimal("0.0275"),
        taux_progressivite=Decimal("0.01"),
    )
    table = _table(ligne)
    plan = noyau._Plan(2)
    lignes = np.asarray([1], dtype=np.int64)
    plan.refaire(lignes, np.asarray([100000]), np.asarray([0]), np.asarray([2]), table)
    e0 = 100000 * 0.04 / (1 - (1.01 / 1.05) ** 2)
    assert plan.courante[1] == pytest.approx(e0, rel=1e-14)
    erreur0 = float(plan.erreur[1])
    assert 0 < erreur0 < 1e-13
    assert plan.postee.tolist() == [0, round(e0)]
    assert (plan.capital.tolist(), plan.rang.tolist(), plan.restantes.tolist()) == (
        [0, 100000],
        [0, 0],
        [0, 2],
    )
    assert plan.pas.tolist() == [0, 0]
    plan.progresser(lignes, table)
    plan.progresser(lignes, table)
    assert plan.pas.tolist() == [0, 2]
    assert plan.erreur[1] == erreur0 + 4 * noyau._ULP + 4 * noyau._ULP
    assert plan.courante[1] == pytest.approx(e0 * 1.01**2, rel=1e-14)
    assert plan.postee[1] == round(e0 * 1.01**2)
    # le recalcul exact d'un élément : celui de la boucle générale, deux progressions comprises
    exact = noyau._courante_exacte(
        (100000, Decimal("0.05"), Decimal("0.01"), 2), Decimal("1.01"), 2
    )
    assert plan.exact(lignes, table)(0) == exact == round(e0 * 1.01**2)
    plan.erreur[1] = 1.0  # toute échéance ambiguë : recalculée, le même centime
    plan.courante[1] /= 1.01
    plan.progresser(lignes, table)
    assert plan.pas.tolist() == [0, 3]
    assert plan.postee[1] == noyau._courante_exacte(
        (100000, Decimal("0.05"), Decimal("0.01"), 2), Decimal("1.01"), 3
    )


def test_derouler_sur_un_escalier_de_deux_marches() -> None:
    """Un index figé à 2,25 % décalé de + 1 % au 1er janvier 2020 (deux marches) : la ligne SR
    passe de 2,85 % à 3,85 % à la première période commencée après, comme son tableau."""
    ligne = _ligne(
        montant=Decimal("1000.00"),
        duree=10,
        date_effet=None,
        date_debut_amortissement=dt.date(2015, 3, 15),
    )
    source = IndexDecale(
        source=IndexFige(valeur=Decimal("0.0225")),
        ecart=Decimal("0.01"),
        depuis=dt.date(2020, 1, 1),
    )
    marches = noyau.escalier(source)
    assert marches is not None
    assert len(marches.bornes) == 2
    table = noyau.TableTaux([ligne], marches)
    lot = noyau.Lot([2015 * 12 + 2], [15], [12], [10], [100000], [0])
    sommes = noyau.derouler(lot, marches, table)
    attendu = calculer_tableau(ligne, index=source)
    assert attendu.lignes[5].taux == Decimal("0.0385")  # période du 15/03/2020
    assert attendu.lignes[4].taux == Decimal("0.0285")
    assert {
        2015 + a: tuple(v) for a, v in enumerate(sommes.valeurs[0].tolist())
    } == attendu.par_annee()


def test_plan_d_un_capital_au_dela_de_2_puissance_53() -> None:
    """Un capital de 2^53 + 1 centimes (que les flottants arrondissent à 2^53) : le plan le
    garde exact (entiers de 64 bits), et son échéance, ambiguë en flottants, est recalculée
    sur lui : K t / (1 − (1 + t)^−2) à 2,85 % = 4 697 030 174 935 120,6… → …121 centimes (sur
    2^53, …120)."""
    capital = 2**53 + 1
    with localcontext(Context(prec=50)):
        attendu = Decimal(capital) * Decimal("0.0285") / (1 - Decimal("1.0285") ** -2)
    assert int(attendu.to_integral_value(rounding=ROUND_HALF_UP)) == 4697030174935121
    ligne = _ligne(revision="fixe", montant=Decimal("1000.00"))
    table = _table(ligne)
    plan = noyau._Plan(1)
    lignes = np.asarray([0], dtype=np.int64)
    plan.refaire(lignes, np.asarray([capital]), np.asarray([0]), np.asarray([2]), table)
    assert int(plan.capital[0]) == capital
    assert plan.postee.tolist() == [4697030174935121]
    assert (int(plan.restantes[0]), int(plan.pas[0])) == (2, 0)


def _hausse_de_cinq_points() -> IndexDecale:
    return IndexDecale(
        source=IndexFige(valeur=Decimal("0.0225")),
        ecart=Decimal("0.05"),
        depuis=dt.date(2020, 1, 1),
    )


def test_borne_des_64_bits_avec_un_stock_d_interets_differes() -> None:
    """DL progressive de 3 %, index + 5 points en 2020 (taux 2,85 % puis 7,85 % = 157/2000),
    un an après le début : des intérêts différés apparaissent. Route entière jusqu'à
    K = (2^62 − 2000) // (2 × 157) centimes (2·K·m + D < 2^62). La ligne à ce capital-là entre
    en entiers, puis son assiette (capital dû + stock) dépasse la borne : elle est laissée au
    tableau ; celle d'un centime de plus passe d'emblée en flottants et reste calculée ; une
    ligne ordinaire aussi, au centime de son tableau. Le plan d'une ligne laissée au tableau ne
    touche pas celui des autres."""
    source = _hausse_de_cinq_points()
    marches = noyau.escalier(source)
    assert marches is not None
    options = {
        "revision": "DL",
        "taux_progressivite": Decimal("0.03"),
        "date_effet": None,
        "date_debut_amortissement": dt.date(2019, 4, 1),
    }
    borne = (2**62 - 2000) // (2 * 157)
    table = noyau.TableTaux([_ligne(**options)], marches)
    assert table.capital_max.tolist() == [borne]
    capitaux = [borne, borne + 1, 15000000]
    lot = noyau.Lot([2019 * 12 + 3] * 3, [1] * 3, [12] * 3, [25] * 3, capitaux, [0] * 3)
    sommes = noyau.derouler(lot, marches, table)
    assert sommes.repli.tolist() == [True, False, False]
    for rang in (1, 2):
        ligne = _ligne(montant=en_euros(capitaux[rang]), **options)
        tableau = calculer_tableau(ligne, index=source)
        assert tableau.total_interets_a_differer > 0
        obtenu = {2019 + a: tuple(v) for a, v in enumerate(sommes.valeurs[rang].tolist())}
        assert obtenu == tableau.par_annee(), rang


def test_interets_flottants_independants_du_contexte_de_l_appelant() -> None:
    """t = 0,1 − 10^-30 (29 chiffres : route flottante) sur 12 345 678 901,25 € : le produit
    exact, 1 234 567 890,124 999 999 999 999 999 987 654… €, s'arrondit à …890,12 € ; arrondi
    d'abord à 28 chiffres (le contexte par défaut d'un appelant), il deviendrait …890,125 puis
    …890,13 €. Le flottant est à un demi-centime : recalculé en Decimal, dans le contexte du
    moteur (34 chiffres), quel que soit celui de l'appelant."""
    t = Decimal("0.0" + "9" * 29)
    with localcontext(Context(prec=60)):
        assert t == Decimal("0.1") - Decimal("1E-30")
    ligne = _ligne(revision="fixe", taux_interet=t, valeur_index_reference=Decimal(0), marge=t)
    table = _table(ligne)
    assert table.entier.tolist() == [False]
    capital = np.asarray([1234567890125], dtype=np.int64)
    with localcontext(Context(prec=28)):
        assert noyau._interets(capital, np.asarray([0]), table, False).tolist() == [123456789012]


def test_aucun_avertissement_numpy() -> None:
    """t = p (échéance théorique 0/0, reprise en Decimal) et un NaN à arrondir : aucun
    avertissement numpy n'atteint l'appelant."""
    egal = _ligne(
        revision="fixe",
        taux_interet=Decimal("0.01"),
        marge=Decimal("-0.0125"),
        taux_progressivite=Decimal("0.01"),
    )
    table = _table(egal)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        x, erreur = noyau._theoriques(np.asarray([100000]), np.asarray([0]), np.asarray([3]), table)
        assert erreur.tolist() == [np.inf]
        assert noyau._arrondis(x, erreur, lambda _j: 7).tolist() == [7]
        assert noyau._arrondis(np.asarray([np.nan]), 0.0, lambda _j: 8).tolist() == [8]


def test_borne_d_erreur_des_echeances_theoriques() -> None:
    """La borne d'erreur relative : 16 ulp pour les opérations, plus le conditionnement de
    t − p, (|t| + |p|)/|t − p|, fois celui de l'exponentielle, 8 + 4 |m log q| ulp ; elle
    majore bien l'écart au calcul exact (Decimal à 50 chiffres)."""
    ligne = _ligne(
        revision="fixe",
        taux_interet=Decimal("0.05"),
        marge=Decimal("0.0275"),
        taux_progressivite=Decimal("0.045"),
    )
    table = _table(ligne)
    x, erreur = noyau._theoriques(np.asarray([12345678]), np.asarray([0]), np.asarray([40]), table)
    t, p = 0.05, 0.045
    y = 40 * (math.log1p(p) - math.log1p(t))
    assert erreur[0] == noyau._ULP * (16 + (t + p) / abs(t - p) * (8 + 4 * abs(y)))
    with localcontext(Context(prec=50)):
        q = Decimal("1.045") / Decimal("1.05")
        exacte = Decimal(12345678) * Decimal("0.005") / (1 - q**40)
    assert abs(Decimal(x[0]) - exacte) / exacte < Decimal(erreur[0])


def test_fin_de_fevrier_bornee() -> None:
    """Quantième 29 depuis février 2020 : les périodes commencent le 29/02/2020, puis le 28
    février ; une série valable jusqu'au 28/02/2023 couvre la dernière (commencée le
    28/02/2023) : la ligne est calculée, non laissée au tableau."""
    fin = J(dt.date(2023, 2, 28))
    marches = noyau.Escalier(
        [J(dt.date(2010, 1, 1))], [Decimal("0.0225")], J(dt.date(2010, 1, 1)), fin
    )
    table = _table(_ligne(revision="fixe"), valeurs=(Decimal("0.0225"),))
    lot = noyau.Lot(
        [2020 * 12 + 1, 2020 * 12 + 1], [29, 29], [12, 12], [4, 5], [100000, 100000], [0, 0]
    )
    sommes = noyau.derouler(lot, marches, table)
    assert sommes.repli.tolist() == [False, True]  # la seconde commence sa dernière en 2024


def test_plans_refaits_apres_une_ligne_laissee_au_tableau() -> None:
    """Trois marches (2,25 %, 7,25 % en 2020, 4,25 % en 2024) : la ligne au capital maximal de
    la route entière est laissée au tableau après la hausse ; à la baisse de 2024, les plans
    des autres lignes sont refaits comme ceux de leurs tableaux."""
    serie = SerieDatee(
        nom="trois marches",
        points=(
            PointSerie(date_effet=dt.date(2000, 1, 1), valeur=Decimal("0.0225")),
            PointSerie(date_effet=dt.date(2020, 1, 1), valeur=Decimal("0.0725")),
            PointSerie(date_effet=dt.date(2024, 1, 1), valeur=Decimal("0.0425")),
        ),
    )
    marches = noyau.escalier(serie)
    assert marches is not None
    options = {
        "revision": "DL",
        "taux_progressivite": Decimal("0.03"),
        "date_effet": None,
        "date_debut_amortissement": dt.date(2019, 4, 1),
    }
    table = noyau.TableTaux([_ligne(**options)], marches)
    borne = (2**62 - 2000) // (2 * 157)
    assert table.capital_max.tolist() == [borne]
    capitaux = [borne, 15000000, 250000]
    lot = noyau.Lot([2019 * 12 + 3] * 3, [1] * 3, [12] * 3, [25, 25, 12], capitaux, [0] * 3)
    sommes = noyau.derouler(lot, marches, table)
    assert sommes.repli.tolist() == [True, False, False]
    for rang in (1, 2):
        ligne = _ligne(montant=en_euros(capitaux[rang]), duree=int(lot.duree[rang]), **options)
        tableau = calculer_tableau(ligne, index=serie)
        assert any(x.taux == Decimal("0.0485") for x in tableau.lignes)  # la baisse de 2024
        annees = sommes.valeurs[rang][: int(lot.annees[rang])].tolist()
        obtenu = {2019 + a: tuple(v) for a, v in enumerate(annees)}
        assert obtenu == tableau.par_annee(), rang
