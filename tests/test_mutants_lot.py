"""Tests de mutation du lot (``prets/_lot_partie.py``, ``prets/_colonnes.py``,
``prets/_lot_agregation.py``) : ce que les survivants des passages du 7 décembre ont montré
non vérifié (issue « Tests that catch what they claim »). Valeurs calculées à la main."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import numpy as np
import pytest

from collectivites.prets import _lot_agregation, _lot_partie
from collectivites.prets._colonnes import LignesTableau, LigneTableau
from collectivites.prets._lot_agregation import Cases, contributions_garants, series_par_cle
from collectivites.prets._modeles import Garant, LigneDePret, Pret
from collectivites.prets._partielle import Agregation
from collectivites.prets._portefeuille import projeter_partie
from collectivites.prets._scenarios import Scenario, scenario
from tests.test_mutation_lot_noyau import _ligne
from tests.test_mutation_lot_partie import SCENARIOS

Z = Decimal("0.00")


def test_une_seule_echeance_est_vraie() -> None:
    """Un tableau d'une seule échéance n'est pas vide : ``bool`` vrai dès une ligne."""
    seule = LigneTableau(
        1, dt.date(2019, 12, 1), Decimal("0.03"), Decimal(0), Decimal("0.02"),
        Decimal("7.50"), Z, Decimal("7.50"), Z, Z, Decimal("500.00"), Decimal("1.50"),
    )  # fmt: skip
    lignes = LignesTableau([seule])
    assert len(lignes) == 1
    assert bool(lignes) is True


def test_deux_garants_au_dela_des_flottants_exacts() -> None:
    """Parts de deux garants (un quart, trois quarts) d'une échéance de 2^55 + 3 centimes, au-delà
    de 2^53 où un flottant de 64 bits n'écrit plus tous les entiers (mais sous la borne de 2^62
    du lot) : 2^55 + 3 = 4 × (2^53 + 0,75) → le premier garant a 2^53 + 1 centimes (au demi
    supérieur), le second le complément, 3 × 2^53 + 2 ; en entiers exacts, pas en flottants."""
    echeance = 2**55 + 3
    cases = Cases(
        np.asarray([0]),
        np.asarray([2030]),
        np.asarray([[echeance, 0, 0, 0, 0]], dtype=np.int64),
        np.asarray([0]),
        np.asarray([0, 1]),
    )
    garants = (Garant(nom="A", quotite=Decimal("0.25")), Garant(nom="B", quotite=Decimal("0.75")))
    cles, morceaux = contributions_garants(cases, [garants])
    series = {c: dict(s.items()) for c, s in series_par_cle(cles, morceaux).items()}
    assert series == {
        "A": {2030: (2**53 + 1, 0, 0, 0, 0)},
        "B": {2030: (3 * 2**53 + 2, 0, 0, 0, 0)},
    }


class _Greffon:
    """Une source d'index que le lot ne sait pas lire (ni série datée, ni index figé ou
    décalé) : un taux constant de 3 %, à la manière d'un greffon."""

    def valeur_au(self, _jour: dt.date, /) -> Decimal:
        return Decimal("0.03")

    def changements(self, _debut: dt.date, _fin: dt.date, /) -> tuple[dt.date, ...]:
        return ()


def test_lignes_d_une_source_que_le_lot_ne_lit_pas(monkeypatch: pytest.MonkeyPatch) -> None:
    """Les lignes admises au lot dont la source d'index est un greffon passent toutes par le
    tableau, et la partie est la même que ligne par ligne."""
    greffon = _Greffon()
    monkeypatch.setattr(Scenario, "source_pour", lambda _self, _ligne, **_options: greffon)
    reprises: list[str] = []
    origine = _lot_partie._par_tableau

    def espion(rang: int, ligne: LigneDePret, *args: Any) -> None:
        reprises.append(ligne.identifiant)
        origine(rang, ligne, *args)

    monkeypatch.setattr(_lot_partie, "_par_tableau", espion)
    pret = Pret(numero="C1", lignes=(_ligne("A"), _ligne("B", revision="DL", duree=10)))
    s = scenario("historique")
    attendu = projeter_partie([pret], s, Agregation.LIGNE, lot=False)
    assert _lot_partie.admissible(pret.lignes[0]) and _lot_partie.admissible(pret.lignes[1])
    par_lot = _lot_partie.projeter_par_lots([pret], s, Agregation.LIGNE, attendu.lignes)
    assert reprises == ["A", "B"]
    assert par_lot == attendu
    # 150 000,00 € à 3 % + 0,60 % de marge (SR : I' = 2,85 % + 3 % − 2,25 %), première
    # échéance le 1er avril 2013 : intérêts 150 000 × 3,6 % = 5 400,00 €
    assert par_lot is not None
    assert dict(par_lot.sommes["C1/A"].items())[2013][1] == 540000


def test_capital_au_dela_des_flottants_exacts() -> None:
    """Un capital de 2^53 + 1 centimes (90 071 992 547 409,93 €), que les flottants de 64 bits
    n'écrivent pas : la part du garant unique garde le capital d'origine au centime (capital dû
    à la fin de 2012, avant la première échéance : le capital entier, aucun amortissement)."""
    capital = 2**53 + 1
    pret = Pret(
        numero="G",
        garants=(Garant(nom="Commune", quotite=Decimal(1)),),
        lignes=(_ligne("L1", montant=Decimal("90071992547409.93"), revision="fixe", index="fixe"),),
    )
    s = scenario("historique")
    attendu = projeter_partie([pret], s, Agregation.GARANT, lot=False)
    par_lot = _lot_partie.projeter_par_lots([pret], s, Agregation.GARANT, attendu.lignes)
    assert par_lot is not None
    assert dict(par_lot.sommes["Commune"].items())[2012] == (0, 0, 0, capital, 0)
    assert par_lot == attendu


def test_grille_des_annees_des_seules_contributions(monkeypatch: pytest.MonkeyPatch) -> None:
    """Les sommes par clé se font sur une grille clés × années de la première à la dernière
    année des contributions (2030 à 2032 : trois années), pas au-delà : deux clés, six cases."""
    tailles: list[int] = []
    origine = _lot_agregation._sommer

    def espion(morceaux: Any, taille: int) -> Any:
        tailles.append(taille)
        return origine(morceaux, taille)

    monkeypatch.setattr(_lot_agregation, "_sommer", espion)
    colonnes = [np.asarray([100, 200, 300], dtype=np.int64)] + [np.zeros(3, dtype=np.int64)] * 4
    morceaux = [(np.asarray([0, 1, 0]), np.asarray([2030, 2032, 2031]), colonnes)]
    series = {c: dict(s.items()) for c, s in series_par_cle(["a", "b"], morceaux).items()}
    assert series == {
        "a": {2030: (100, 0, 0, 0, 0), 2031: (300, 0, 0, 0, 0)},
        "b": {2032: (200, 0, 0, 0, 0)},
    }
    assert tailles == [2 * 3] * 5  # une fois par colonne de montants


def test_derniere_echeance_au_dernier_jour_du_mois() -> None:
    """Une ligne trimestrielle qui commence un 31 janvier (2024) : sa 45e et dernière échéance
    tombe en avril 2035, un mois de 30 jours, donc le 30 avril (pas le 1er mai). Sous la
    trajectoire de ``test_mutation_lot_partie`` (−0,4 % de 2030 à 2041), marge de −3 % : le
    plancher de 0 % joue, la ligne est à noter et la série est consultée jusqu'à sa dernière
    échéance, le 30 avril 2035, comme ligne par ligne."""
    s = SCENARIOS["trajectoire"]
    ligne = _ligne(
        "FIN",
        periodicite="trimestrielle",
        duree=45,
        date_effet=None,
        date_debut_amortissement=dt.date(2024, 1, 31),
        marge=Decimal("-0.03"),
        taux_interet=Decimal("-0.0075"),
    )
    pret = Pret(numero="C1", lignes=(ligne,))
    attendu = projeter_partie([pret], s, Agregation.LIGNE, lot=False)
    par_lot = _lot_partie.projeter_par_lots([pret], s, Agregation.LIGNE, attendu.lignes)
    assert par_lot is not None
    assert [fin for _serie, fin in par_lot.consultations] == [dt.date(2035, 4, 30)]
    assert par_lot == attendu
