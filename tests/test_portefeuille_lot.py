"""La projection par lots (numpy) donne la même projection partielle que la projection ligne par
ligne, à l'octet près : sommes, clés et leur ordre, notes, consultations ; les lignes que le lot
ne prend pas repassent par le tableau."""

from __future__ import annotations

import datetime as dt
import pickle
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytest.importorskip("numpy")

from collectivites.donnees import PointSerie, SerieDatee
from collectivites.erreurs import ErreurCollectivites
from collectivites.prets import _lot, _lot_noyau, _lot_partie, calculer_tableau
from collectivites.prets._modeles import Garant, LigneDePret, Prefinancement, Pret
from collectivites.prets._partielle import Agregation, ProjectionPartielle
from collectivites.prets._portefeuille import achever, projeter_partie
from collectivites.prets._scenarios import NatureScenario, Scenario, scenario

_TRAJECTOIRE = SerieDatee(
    nom="essai",
    points=(
        PointSerie(date_effet=dt.date(2026, 8, 1), valeur=Decimal("0.031")),
        PointSerie(date_effet=dt.date(2030, 2, 1), valeur=Decimal("-0.004")),
        PointSerie(date_effet=dt.date(2041, 8, 1), valeur=Decimal("0.0725")),
    ),
    confirmee_au=dt.date(2035, 1, 1),
)
SCENARIOS = (
    scenario("emission"),
    scenario("historique"),
    scenario("livret_a+1 %", depuis=dt.date(2027, 1, 1)),
    scenario("livret_a-3 %", depuis=dt.date(2014, 6, 1)),
    Scenario(
        nature=NatureScenario.TRAJECTOIRE, index="livret_a", trajectoire=_TRAJECTOIRE, fichier="t"
    ),
)

_POURCENTS = st.sampled_from(["0.0075", "0.005", "0.02", "0.0", "0.03"]).map(Decimal)
_MARGES = st.sampled_from(["0.006", "-0.002", "0.011", "-0.01", "0", "0.00125"]).map(Decimal)


@st.composite
def _lignes(draw: st.DrawFn, rang: int) -> LigneDePret:
    """Une ligne de toute sorte : courante (SR, fixe) le plus souvent, mais aussi DR, DL,
    progressive, à différé, préfinancée, en base exacte, proportionnelle…"""
    courante = draw(st.booleans())
    revision = draw(st.sampled_from(["SR", "fixe"] if courante else ["SR", "DR", "DL", "fixe"]))
    reference, marge = draw(_POURCENTS), draw(_MARGES)
    periodicite = draw(st.sampled_from(["annuelle", "semestrielle", "trimestrielle", "mensuelle"]))
    mois = {"annuelle": 12, "semestrielle": 6, "trimestrielle": 3, "mensuelle": 1}[periodicite]
    duree = draw(st.integers(1, 60 if mois >= 6 else 90))
    options: dict[str, Any] = {}
    if not courante:
        options = draw(
            st.sampled_from(
                [
                    {"taux_progressivite": Decimal("0.005")},
                    {"taux_progressivite": Decimal("-0.002")},
                    {"profil": "amortissement_prioritaire"},
                    {"base_calcul": "exact"},
                    {"mode_calcul_interets": "proportionnel"},
                    {"prefinancement": Prefinancement(duree_mois=12)},
                    {"differe_amortissement_mois": mois} if duree > 1 else {},
                ]
            )
        )
    garants = draw(
        st.sampled_from(
            [
                (),
                (Garant(nom="Commune", quotite=Decimal(1)),),
                (
                    Garant(nom="Département", quotite=Decimal("0.25")),
                    Garant(nom=f"Commune {rang % 3}", quotite=Decimal("0.75")),
                ),
                (
                    Garant(nom="Commune 1", quotite=Decimal("0.4")),
                    Garant(nom="Département", quotite=Decimal("0.6")),
                ),
                (
                    Garant(nom=f"Commune {rang % 2}", quotite=Decimal("0.333")),
                    Garant(nom="Région", quotite=Decimal("0.333")),
                    Garant(nom="Département", quotite=Decimal("0.334")),
                ),
            ]
        )
    )
    jour = draw(st.dates(dt.date(2001, 1, 1), dt.date(2030, 12, 31)))
    dates: dict[str, Any] = (
        {"date_debut_amortissement": jour} if draw(st.booleans()) else {"date_effet": jour}
    )
    profil = draw(st.sampled_from(["differes", "prioritaires"]))
    options = {"profil": f"amortissement_deduit_interets_{profil}", **options}
    return LigneDePret(
        identifiant=f"L{rang}",
        emprunteur=draw(st.sampled_from(["", "bailleur A", "bailleur B"])),
        montant=Decimal(draw(st.integers(1, 3_000_000_00))) / 100,
        duree=duree,
        periodicite=periodicite,
        index=draw(st.sampled_from(["livret_a", "livret_a", "fixe"])),
        valeur_index_reference=reference,
        marge=marge,
        taux_interet=reference + marge,
        revision=revision,
        garants=garants,
        **dates,
        **options,
    )


@st.composite
def _portefeuilles(draw: st.DrawFn) -> list[Pret]:
    nombre = draw(st.integers(1, 14))
    prets = []
    for k in range(nombre):
        lignes = [
            draw(_lignes(2 * k)),
            *([draw(_lignes(2 * k + 1))] if draw(st.booleans()) else []),
        ]
        garants = (Garant(nom="Commune 0", quotite=Decimal(1)),) if draw(st.booleans()) else ()
        prets.append(Pret(numero=f"C{k}", emprunteur="bailleur P", lignes=lignes, garants=garants))
    return prets


def _projeter(prets: list[Pret], s: Scenario, par: Agregation, lot: bool) -> object:
    """La projection partielle, ou l'erreur levée (type et message)."""
    try:
        return projeter_partie(prets, s, par, lot=lot)
    except ErreurCollectivites as exc:
        return (type(exc), str(exc))


def _comparer(a: object, b: object) -> None:
    assert a == b
    if isinstance(a, ProjectionPartielle):
        assert isinstance(b, ProjectionPartielle)
        # les séries de chaque clé, à l'octet (l'ordre des clés d'une partie est un détail de
        # calcul : la projection achevée les trie)
        assert sorted(a.sommes) == sorted(b.sommes)
        for cle, serie in a.sommes.items():
            assert pickle.dumps(serie) == pickle.dumps(b.sommes[cle]), cle
        for champ in ("notes", "lignes", "index", "nombre_lignes"):
            assert pickle.dumps(getattr(a, champ)) == pickle.dumps(getattr(b, champ)), champ
        # une série datée garde dans son pickle le cache de ses avertissements (hors égalité),
        # rempli dans l'ordre des appels : les séries sont comparées par valeur, les dates à
        # l'octet
        assert [f for _s, f in a.consultations] == [f for _s, f in b.consultations]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(prets=_portefeuilles(), s=st.sampled_from(SCENARIOS), par=st.sampled_from(list(Agregation)))
def test_lot_egal_ligne_par_ligne(prets: list[Pret], s: Scenario, par: Agregation) -> None:
    _comparer(_projeter(prets, s, par, False), _projeter(prets, s, par, True))


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(prets=_portefeuilles(), s=st.sampled_from(SCENARIOS), par=st.sampled_from(list(Agregation)))
def test_arrondis_ambigus_recalcules(prets: list[Pret], s: Scenario, par: Agregation) -> None:
    """Une borne d'erreur démesurée envoie presque tous les arrondis flottants au calcul
    ``Decimal`` : le résultat ne change pas (le garde-fou est exercé)."""
    with pytest.MonkeyPatch.context() as m:
        m.setattr(_lot_noyau, "_MARGE_ABSOLUE", 1 / 3)
        _comparer(_projeter(prets, s, par, False), _projeter(prets, s, par, True))


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(prets=_portefeuilles(), s=st.sampled_from(SCENARIOS), par=st.sampled_from(list(Agregation)))
def test_lots_par_tranches(prets: list[Pret], s: Scenario, par: Agregation) -> None:
    """Des lots coupés en tranches de trois lignes (la mémoire bornée d'une grande partie)
    donnent la même projection : sommes, notes et consultations réunies dans l'ordre des
    lignes."""
    with pytest.MonkeyPatch.context() as m:
        m.setattr(_lot_partie, "LIGNES_PAR_LOT", 3)
        _comparer(_projeter(prets, s, par, False), _projeter(prets, s, par, True))


def _ligne(identifiant: str, **options: object) -> LigneDePret:
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
        "garants": (
            Garant(nom="Département", quotite=Decimal("0.5")),
            Garant(nom="Commune", quotite=Decimal("0.5")),
        ),
    }
    valeurs.update(options)
    return LigneDePret(**valeurs)  # type: ignore[arg-type]


def _reprises(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    reprises: list[str] = []
    origine = _lot_partie._par_tableau

    def espion(rang: int, ligne: LigneDePret, *args: object) -> None:
        reprises.append(ligne.identifiant)
        origine(rang, ligne, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(_lot_partie, "_par_tableau", espion)
    return reprises


def test_repli_des_lignes_non_prises(monkeypatch: pytest.MonkeyPatch) -> None:
    """Différé, préfinancement, amortissement prioritaire, base exacte, mode proportionnel
    passent par le tableau ; SR, DR, DL, fixe, progressifs non."""
    reprises = _reprises(monkeypatch)
    pret = Pret(
        numero="C1",
        lignes=(
            _ligne("SR"),
            _ligne("FIXE", revision="fixe"),
            _ligne("DL", revision="DL", taux_progressivite=Decimal("0.005")),
            _ligne("DR", revision="DR"),
            _ligne("PROG", taux_progressivite=Decimal("0.005")),
            _ligne("DIFF", differe_amortissement_mois=12),
            _ligne("PREFI", prefinancement=Prefinancement(duree_mois=12)),
            _ligne("PRIO", profil="amortissement_prioritaire"),
            _ligne("EXACT", base_calcul="exact"),
            _ligne("PROP", mode_calcul_interets="proportionnel"),
        ),
    )
    s = scenario("historique")
    par_lot = projeter_partie([pret], s, Agregation.GARANT, lot=True)
    assert reprises == ["DIFF", "PREFI", "PRIO", "EXACT", "PROP"]
    assert par_lot == projeter_partie([pret], s, Agregation.GARANT, lot=False)


def test_interets_differes_par_le_lot(monkeypatch: pytest.MonkeyPatch) -> None:
    """Une ligne progressive dont l'échéance ne couvre plus les intérêts après une forte hausse
    de l'index (profil « intérêts différés », art. 12) reste dans le lot : son stock d'intérêts
    différés est le même que celui du tableau."""
    reprises = _reprises(monkeypatch)
    ligne = _ligne("HAUSSE", revision="DL", taux_progressivite=Decimal("0.03"))
    pret = Pret(numero="C1", lignes=(ligne,))
    s = scenario("livret_a+5 %", depuis=dt.date(2020, 1, 1))
    tableau = calculer_tableau(ligne, index=s.source_pour(ligne))
    assert tableau.total_interets_a_differer > 0  # le cas est bien celui des intérêts différés
    for par in Agregation:
        par_lot = projeter_partie([pret], s, par, lot=True)
        assert par_lot == projeter_partie([pret], s, par, lot=False)
    assert reprises == []


def test_repli_d_une_ligne_sans_valeur_d_index(monkeypatch: pytest.MonkeyPatch) -> None:
    """Une ligne admise au lot dont l'index n'a pas de valeur à une date (série livrée à partir
    de 2000) est reprise par le tableau, qui lève la même erreur que la projection ligne par
    ligne."""
    reprises = _reprises(monkeypatch)
    pret = Pret(
        numero="C1", lignes=(_ligne("A"), _ligne("ANCIENNE", date_effet=dt.date(1998, 1, 5)))
    )
    s = scenario("historique")
    with pytest.raises(ErreurCollectivites) as par_ligne:
        projeter_partie([pret], s, Agregation.LIGNE, lot=False)
    with pytest.raises(ErreurCollectivites) as par_lot:
        projeter_partie([pret], s, Agregation.LIGNE, lot=True)
    assert str(par_lot.value) == str(par_ligne.value)
    assert "ANCIENNE" in str(par_lot.value)
    assert reprises == ["ANCIENNE"]


def test_serie_qui_refuse_d_extrapoler(monkeypatch: pytest.MonkeyPatch) -> None:
    """Une trajectoire qui refuse d'extrapoler au-delà de sa validité : une ligne qui s'y
    tient reste dans le lot, une ligne qui la dépasse est reprise par le tableau, qui lève la
    même erreur que le calcul ligne par ligne."""
    refus = SerieDatee(
        nom="refus",
        points=(PointSerie(date_effet=dt.date(2026, 8, 1), valeur=Decimal("0.02")),),
        apres_derniere="refuser",
        valable_jusqu_au=dt.date(2040, 1, 1),
    )
    s = Scenario(
        nature=NatureScenario.TRAJECTOIRE, index="inflation", trajectoire=refus, fichier="r"
    )
    options = {
        "index": "inflation",
        "valeur_index_reference": Decimal("0.011"),
        "taux_interet": Decimal("0.017"),
        "date_effet": dt.date(2027, 1, 10),
    }
    reprises = _reprises(monkeypatch)
    dedans = Pret(numero="C1", lignes=(_ligne("DEDANS", duree=10, **options),))
    assert projeter_partie([dedans], s, Agregation.GARANT, lot=True) == projeter_partie(
        [dedans], s, Agregation.GARANT, lot=False
    )
    assert reprises == []
    au_dela = Pret(numero="C2", lignes=(_ligne("AU-DELA", duree=20, **options),))
    with pytest.raises(ErreurCollectivites) as par_ligne:
        projeter_partie([dedans, au_dela], s, Agregation.GARANT, lot=False)
    with pytest.raises(ErreurCollectivites) as par_lot:
        projeter_partie([dedans, au_dela], s, Agregation.GARANT, lot=True)
    assert str(par_lot.value) == str(par_ligne.value)
    assert "refuse d'extrapoler" in str(par_lot.value)
    assert reprises == ["AU-DELA"]


def test_sans_numpy_ligne_par_ligne(monkeypatch: pytest.MonkeyPatch) -> None:
    """Sans numpy, le lot renonce et la projection ligne par ligne est faite."""
    pret = Pret(numero="C1", lignes=(_ligne("A"),))
    s = scenario("historique")
    attendu = projeter_partie([pret], s, Agregation.GARANT, lot=False)
    monkeypatch.setattr(_lot, "numpy_disponible", lambda: False)
    assert _lot.projeter_partie_lot([pret], s, Agregation.GARANT, attendu.lignes) is None
    assert projeter_partie([pret], s, Agregation.GARANT, lot=True) == attendu


def test_sortie_identique_a_l_octet() -> None:
    """La projection achevée et rendue en CSV est la même, octet pour octet."""
    prets = [
        Pret(numero=f"C{k}", lignes=(_ligne(f"L{k}", duree=10 + k, periodicite=p),))
        for k, p in enumerate(["annuelle", "semestrielle", "trimestrielle", "mensuelle"] * 20)
    ]
    s = scenario("livret_a+1 %", depuis=dt.date(2027, 1, 1))
    for par in Agregation:
        rendus = [
            achever(projeter_partie(prets, s, par, lot=lot), s).rendre("csv")
            for lot in (False, True)
        ]
        assert rendus[0] == rendus[1]
