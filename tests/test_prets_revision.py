"""Révisions SR, DR, DL sur des historiques d'index ; propriétés du tableau."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from collectivites.donnees import PointSerie, SerieDatee
from collectivites.erreurs import ErreurDonnees, ErreurValeur
from collectivites.prets import (
    IndexFige,
    LigneDePret,
    Versement,
    calculer_tableau,
    exemple_pret,
    serie_index,
)
from collectivites.prets._tableau import _taux_revises

from .strategies import lignes_de_pret

D = dt.date


def _ligne_57851() -> LigneDePret:
    return next(x for x in exemple_pret("cdc-57851").lignes if x.identifiant == "5165325")


@pytest.mark.parametrize(
    ("revision", "dt_index", "i_attendu", "p_attendu"),
    [
        # Catalogue L22 : I = 1,35 %, P = 0,5 %, DT = −0,25 % → R = 0,997533, I' = 1,10 %,
        # P' = 0,2521 %.
        ("DL", Decimal("-0.0025"), Decimal("0.0110"), Decimal("0.002521")),
        ("DR", Decimal("-0.0025"), Decimal("0.0110"), Decimal("0.002521")),
        ("SR", Decimal("-0.0025"), Decimal("0.0110"), Decimal("0.005")),
        # L23 : DT = −0,75 % → I' = 0,60 %, P' brut −0,2437 % ramené au plancher 0 % en DL.
        ("DL", Decimal("-0.0075"), Decimal("0.0060"), Decimal("0")),
        ("DR", Decimal("-0.0075"), Decimal("0.0060"), Decimal("-0.002437")),
        # L24 : le taux ne saurait être négatif.
        ("SR", Decimal("-0.02"), Decimal("0"), Decimal("0.005")),
        ("fixe", Decimal("0.01"), Decimal("0.0135"), Decimal("0.005")),
    ],
)
def test_formules_de_l_article_10(
    revision: str, dt_index: Decimal, i_attendu: Decimal, p_attendu: Decimal
) -> None:
    ligne = attrs.evolve(_ligne_57851(), revision=revision)
    i, p = _taux_revises(ligne, ligne.valeur_index_reference + dt_index)
    assert i == i_attendu
    assert round(p, 6) == p_attendu


def test_revision_sur_l_historique_du_livret_a() -> None:
    """Le taux de la période k est fixé par l'index en vigueur au début de la période."""
    tableau = calculer_tableau(_ligne_57851(), index=serie_index("livret_a"))
    taux = {r.date: r.taux for r in tableau.lignes[:10]}
    assert taux[D(2018, 12, 6)] == Decimal("0.0135")  # Livret A 0,75 % au 06/12/2017
    assert taux[D(2020, 12, 6)] == Decimal("0.0135")  # 0,75 % au 06/12/2019
    assert taux[D(2021, 12, 6)] == Decimal("0.0110")  # 0,50 % depuis le 01/02/2020
    assert taux[D(2023, 12, 6)] == Decimal("0.0260")  # 2 % depuis le 01/08/2022
    assert taux[D(2024, 12, 6)] == Decimal("0.0360")  # 3 % au 06/12/2023
    assert taux[D(2026, 12, 6)] == Decimal("0.0230")  # 1,70 % depuis le 01/08/2025
    # Les trois premières lignes sont celles du tableau imprimé.
    emission = calculer_tableau(_ligne_57851())
    assert tableau.lignes[:3] == emission.lignes[:3]
    # Avec un taux à 3,60 %, les intérêts dépassent l'échéance : des intérêts sont différés.
    r7 = tableau.lignes[6]
    assert r7.interets_a_differer > 0 and r7.amortissement == 0
    assert tableau.lignes[-1].capital_du == 0 and tableau.lignes[-1].stock_interets_differes == 0


def test_index_sans_valeur_au_debut() -> None:
    serie = SerieDatee(
        nom="scenario", points=(PointSerie(date_effet=D(2020, 1, 1), valeur=Decimal("0.01")),)
    )
    # Première date utile : le début du préfinancement (06/12/2016).
    with pytest.raises(ErreurDonnees, match=r"indisponible.*2016-12-06"):
        calculer_tableau(_ligne_57851(), index=serie)


def test_serie_qui_refuse_d_extrapoler() -> None:
    serie = SerieDatee(
        nom="courte",
        points=(PointSerie(date_effet=D(2000, 1, 1), valeur=Decimal("0.0075")),),
        apres_derniere="refuser",
    )
    with pytest.raises(ErreurDonnees, match="refuse d'extrapoler"):
        calculer_tableau(_ligne_57851(), index=serie)


# --- propriétés -------------------------------------------------------------------------------


def _verifier_invariants(ligne: LigneDePret, index: object = None) -> None:
    tableau = calculer_tableau(ligne, index=index)  # type: ignore[arg-type]
    lignes = tableau.lignes
    assert len(lignes) == ligne.duree
    assert tableau.total_amortissement == tableau.capital
    assert lignes[-1].capital_du == 0
    assert lignes[-1].stock_interets_differes == 0
    dates = [r.date for r in lignes]
    assert dates == sorted(set(dates))
    for r in lignes:
        assert r.capital_du >= 0
        assert r.stock_interets_differes >= 0
        assert r.amortissement >= 0
        assert r.echeance == (
            r.interets - r.interets_a_differer + r.amortissement + r.stock_rembourse
        )
        for montant in (r.echeance, r.interets, r.amortissement, r.capital_du):
            assert montant == montant.quantize(Decimal("0.01"))


@given(lignes_de_pret())
def test_invariants_index_fige(ligne: LigneDePret) -> None:
    _verifier_invariants(ligne)


historiques = st.lists(
    st.tuples(
        st.dates(min_value=D(2001, 1, 2), max_value=D(2090, 1, 1)),
        st.decimals(min_value=Decimal("-1"), max_value=Decimal("8"), places=2),
    ),
    max_size=8,
)


def _serie(ligne: LigneDePret, points: list[tuple[dt.date, Decimal]]) -> SerieDatee:
    valeurs = {D(2000, 1, 1): ligne.valeur_index_reference}
    valeurs.update({d: v / 100 for d, v in points})
    return SerieDatee(
        nom="h", points=tuple(PointSerie(date_effet=d, valeur=v) for d, v in valeurs.items())
    )


@given(lignes_de_pret(), historiques)
def test_invariants_index_revise(ligne: LigneDePret, points: list) -> None:  # type: ignore[type-arg]
    _verifier_invariants(ligne, _serie(ligne, points))


@given(lignes_de_pret())
def test_dt_nul_donne_le_tableau_non_revise_et_sr_dr_dl_egaux(ligne: LigneDePret) -> None:
    constant = SerieDatee(
        nom="constant",
        points=(PointSerie(date_effet=D(2000, 1, 1), valeur=ligne.valeur_index_reference),),
    )
    reference = calculer_tableau(attrs.evolve(ligne, revision="fixe")).lignes
    for revision in ("SR", "DR", "DL"):
        revisee = attrs.evolve(ligne, revision=revision)
        assert calculer_tableau(revisee, index=constant).lignes == reference
        assert (
            calculer_tableau(revisee, index=IndexFige(valeur=ligne.valeur_index_reference)).lignes
            == reference
        )


@given(lignes_de_pret(taux_progressivite=Decimal("0.005")), historiques)
def test_dr_egal_dl_tant_que_le_plancher_ne_joue_pas(
    ligne: LigneDePret,
    points: list,  # type: ignore[type-arg]
) -> None:
    hausses = [(d, abs(v)) for d, v in points]  # DT ≥ 0 : P' ≥ P > plancher
    serie = _serie(ligne, [(d, v + ligne.valeur_index_reference * 100) for d, v in hausses])
    dr = calculer_tableau(attrs.evolve(ligne, revision="DR"), index=serie).lignes
    dl = calculer_tableau(attrs.evolve(ligne, revision="DL"), index=serie).lignes
    assert dr == dl


@given(
    lignes_de_pret(),
    historiques,
    st.dates(min_value=D(2001, 1, 2), max_value=D(2090, 1, 1)),
    st.decimals(min_value=Decimal("0"), max_value=Decimal("8"), places=2),
)
def test_une_revision_laisse_les_lignes_anterieures(
    ligne: LigneDePret,
    points: list,
    jour: dt.date,
    valeur: Decimal,  # type: ignore[type-arg]
) -> None:
    avant = _serie(ligne, [p for p in points if p[0] < jour])
    apres = _serie(ligne, [p for p in points if p[0] < jour] + [(jour, valeur)])
    a = calculer_tableau(ligne, index=avant).lignes
    b = calculer_tableau(ligne, index=apres).lignes
    debut = calculer_tableau(ligne).date_debut_amortissement
    for ra, rb in zip(a, b, strict=True):
        debut_periode = debut if ra.numero == 1 else a[ra.numero - 2].date
        if debut_periode < jour:
            assert ra == rb


# --- versements réels et différé capitalisé ---------------------------------------------------

_SIMPLE = {
    "identifiant": "essai",
    "montant": Decimal("1000.00"),
    "date_debut_amortissement": D(2021, 1, 1),
    "duree": 3,
    "periodicite": "annuelle",
    "index": "fixe",
    "valeur_index_reference": Decimal(0),
    "marge": Decimal("0.05"),
    "taux_interet": Decimal("0.05"),
    "profil": "amortissement_deduit_interets_prioritaires",
    "revision": "fixe",
}


def test_premiere_echeance_prorata_des_versements() -> None:
    """Art. 11 : intérêts de la première échéance « prorata temporis pour tenir compte des dates
    effectives de Versement ». 600 € le 15 décembre 2020 (376 jours 30/360 jusqu'au
    1er janvier 2022) et 400 € le 1er juillet 2021 (180 jours), à 5 % en mode équivalent."""

    ligne = LigneDePret(
        **_SIMPLE,
        versements=(
            Versement(date=D(2020, 12, 15), montant=Decimal("600.00")),
            Versement(date=D(2021, 7, 1), montant=Decimal("400.00")),
        ),
    )
    attendu = round(600 * (1.05 ** (376 / 360) - 1) + 400 * (1.05**0.5 - 1), 2)
    tableau = calculer_tableau(ligne)
    assert tableau.lignes[0].interets == Decimal(f"{attendu:.2f}")
    assert tableau.lignes[0].echeance == Decimal("367.21")
    assert tableau.total_amortissement == Decimal("1000.00")


def test_versements_controles() -> None:

    with pytest.raises(ErreurValeur, match="dépassent le montant"):
        LigneDePret(**_SIMPLE, versements=(Versement(date=D(2021, 1, 1), montant=Decimal(1001)),))
    tardif = LigneDePret(
        **_SIMPLE, versements=(Versement(date=D(2021, 11, 2), montant=Decimal(100)),)
    )
    with pytest.raises(ErreurValeur, match="au plus tard le 2021-11-01"):
        calculer_tableau(tardif)
    partiel = LigneDePret(
        **_SIMPLE, versements=(Versement(date=D(2021, 1, 1), montant=Decimal("800.00")),)
    )
    assert calculer_tableau(partiel).capital == Decimal("800.00")  # montant réduit d'office


def test_differe_capitalise() -> None:
    """Un an de différé dont les intérêts sont capitalisés : 50 € ajoutés au capital, puis
    deux annuités sur 1 050 € à 5 %."""
    ligne = LigneDePret(**_SIMPLE, differe_amortissement_mois=12, differe_capitalise=True)
    lignes = calculer_tableau(ligne).lignes
    assert (lignes[0].echeance, lignes[0].amortissement, lignes[0].capital_du) == (
        Decimal("0.00"),
        Decimal("-50.00"),
        Decimal("1050.00"),
    )
    annuite = round(1050 * 0.05 / (1 - 1.05**-2), 2)
    assert lignes[1].echeance == Decimal(f"{annuite:.2f}")
    assert lignes[-1].capital_du == 0


def test_greffon_d_index(monkeypatch: pytest.MonkeyPatch) -> None:
    """Un index apporté par un greffon (groupe ``collectivites.index``) sert comme les séries
    livrées ; un greffon défectueux est signalé avec son point d'entrée."""
    from importlib import metadata

    from collectivites.erreurs import ErreurPlugin
    from collectivites.prets import _index as module_index

    serie = SerieDatee(
        nom="inflation",
        points=(PointSerie(date_effet=D(2000, 1, 1), valeur=Decimal("0.002")),),
    )

    class Point:
        def __init__(self, nom: str, fonction: object) -> None:
            self.name, self.value, self.dist, self._f = nom, f"essai:{nom}", None, fonction

        def load(self) -> object:
            return self._f

    def casse() -> SerieDatee:
        raise RuntimeError("base injoignable")

    reels = list(metadata.entry_points(group="collectivites.index"))
    monkeypatch.setattr(
        module_index.metadata,
        "entry_points",
        lambda group: [*reels, Point("inflation", lambda: serie), Point("euribor", casse)],
    )
    module_index._points_entree.cache_clear()
    try:
        ligne = next(x for x in exemple_pret("cdc-57769").lignes)
        assert "inflation" in module_index.index_disponibles()
        tableau = calculer_tableau(ligne, index=module_index.serie_index("inflation"))
        assert tableau.lignes[0].taux == Decimal("0.0145")
        with pytest.raises(ErreurPlugin, match=r"euribor.*base injoignable"):
            module_index.serie_index("euribor")
    finally:
        module_index._points_entree.cache_clear()


def test_repr_html_pour_les_carnets() -> None:
    tableau = calculer_tableau(_ligne_57851())
    html = tableau._repr_html_()
    assert "<h3>Ligne 5165325" in html and '<td style="text-align:right">3\u202f170,41</td>' in html
    assert "Hypothèse : Index figé" in html and "<tfoot>" in html
