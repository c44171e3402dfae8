"""Déroulé d'une projection par lots (``prets/_lot_partie.py``) : lignes admises ou reprises
par le tableau, montants au centime, début d'amortissement, sources cherchées une fois, lots
par source et par tranches, notes et consultations dans l'ordre des lignes, clés des trois
agrégations ; un portefeuille déterministe comparé octet pour octet à la projection ligne par
ligne sous cinq scénarios (issue 27)."""

from __future__ import annotations

import datetime as dt
import pickle
from decimal import Decimal
from typing import Any

import pytest

from collectivites.donnees import PointSerie, SerieDatee
from collectivites.erreurs import ErreurDonnees
from collectivites.prets import _lot_partie
from collectivites.prets._echeancier import date_debut_amortissement
from collectivites.prets._lot_agregation import Renoncement
from collectivites.prets._modeles import Garant, LigneDePret, Prefinancement, Pret, Versement
from collectivites.prets._partielle import Agregation, ProjectionPartielle
from collectivites.prets._portefeuille import projeter_partie
from collectivites.prets._scenarios import NatureScenario, Scenario, scenario
from tests.test_mutation_lot_noyau import _ligne

_TRAJECTOIRE = SerieDatee(
    nom="essai",
    points=(
        PointSerie(date_effet=dt.date(2026, 8, 1), valeur=Decimal("0.031")),
        PointSerie(date_effet=dt.date(2030, 2, 1), valeur=Decimal("-0.004")),
        PointSerie(date_effet=dt.date(2041, 8, 1), valeur=Decimal("0.0725")),
    ),
    confirmee_au=dt.date(2035, 1, 1),
)
SCENARIOS = {
    "emission": scenario("emission"),
    "historique": scenario("historique"),
    "hausse": scenario("livret_a+1 %", depuis=dt.date(2027, 1, 1)),
    "baisse": scenario("livret_a-3 %", depuis=dt.date(2014, 6, 1)),
    "trajectoire": Scenario(
        nature=NatureScenario.TRAJECTOIRE, index="livret_a", trajectoire=_TRAJECTOIRE, fichier="t"
    ),
}


_DEUX = (
    Garant(nom="Département", quotite=Decimal("0.25")),
    Garant(nom="Commune 1", quotite=Decimal("0.75")),
)
_TROIS = (
    Garant(nom="Commune 2", quotite=Decimal("0.333")),
    Garant(nom="Région", quotite=Decimal("0.333")),
    Garant(nom="Département", quotite=Decimal("0.334")),
)


def _portefeuille() -> list[Pret]:
    """Lignes admises (livret A, LEP, taux fixe, mensuelles, progressives) et reprises par le
    tableau (différé, préfinancement, base exacte…) mêlées, emprunteurs et garants de la ligne
    ou du prêt, deux lignes d'un même prêt, une ligne à plancher de 0 %."""
    return [
        Pret(
            numero="C1",
            emprunteur="Office A",
            garants=_DEUX,
            lignes=(
                _ligne("L1"),
                _ligne("L2", differe_amortissement_mois=12, emprunteur="Office B"),
            ),
        ),
        Pret(
            numero="C2",
            lignes=(
                _ligne(
                    "L3",
                    periodicite="mensuelle",
                    duree=120,
                    date_effet=dt.date(2019, 1, 31),
                    garants=_TROIS,
                ),
                _ligne("L4", prefinancement=Prefinancement(duree_mois=12), garants=_TROIS),
            ),
        ),
        Pret(
            numero="C3",
            emprunteur="Office B",
            lignes=(
                _ligne(
                    "L5",
                    index="lep",
                    valeur_index_reference=Decimal("0.0175"),
                    marge=Decimal("-0.02"),
                    taux_interet=Decimal("-0.0025"),
                    duree=10,
                ),
                _ligne("L6", index="fixe", revision="fixe", duree=12, base_calcul="exact"),
                _ligne(
                    "L7",
                    revision="DL",
                    taux_progressivite=Decimal("0.01"),
                    date_effet=None,
                    date_debut_amortissement=dt.date(2024, 12, 1),
                    duree=30,
                    garants=(Garant(nom="Commune 1", quotite=Decimal(1)),),
                ),
            ),
        ),
        Pret(
            numero="",
            lignes=(
                _ligne(
                    "L8", contrat="K8", periodicite="trimestrielle", duree=60, emprunteur="Office C"
                ),
                _ligne("L9", mode_calcul_interets="proportionnel", periodicite="semestrielle"),
                _ligne("L10", revision="fixe", marge=Decimal("-0.0225"), taux_interet=Decimal(0)),
                # reprise par le tableau, taux négatif : la note du plancher, même sans série
                _ligne(
                    "L11",
                    base_calcul="exact",
                    marge=Decimal("-0.03"),
                    taux_interet=Decimal("-0.0075"),
                    duree=5,
                ),
            ),
        ),
    ]


def _comparer(a: object, b: object) -> None:
    assert a == b
    assert isinstance(a, ProjectionPartielle)
    assert isinstance(b, ProjectionPartielle)
    assert list(a.sommes) == list(b.sommes)  # les clés dans l'ordre de la partie
    for cle, serie in a.sommes.items():
        assert pickle.dumps(serie) == pickle.dumps(b.sommes[cle]), cle
    for champ in ("notes", "lignes", "index", "nombre_lignes"):
        assert pickle.dumps(getattr(a, champ)) == pickle.dumps(getattr(b, champ)), champ
    assert [(s.nom, f) for s, f in a.consultations] == [(s.nom, f) for s, f in b.consultations]


def _reprises(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    reprises: list[str] = []
    origine = _lot_partie._par_tableau

    def espion(rang: int, ligne: LigneDePret, *args: Any) -> None:
        reprises.append(ligne.identifiant)
        origine(rang, ligne, *args)

    monkeypatch.setattr(_lot_partie, "_par_tableau", espion)
    return reprises


@pytest.mark.parametrize("nom", list(SCENARIOS))
@pytest.mark.parametrize("par", list(Agregation), ids=[a.value for a in Agregation])
def test_lot_egal_ligne_par_ligne(
    monkeypatch: pytest.MonkeyPatch, nom: str, par: Agregation
) -> None:
    s = SCENARIOS[nom]
    prets = _portefeuille()
    attendu = projeter_partie(prets, s, par, lot=False)
    reprises = _reprises(monkeypatch)
    _comparer(projeter_partie(prets, s, par, lot=True), attendu)
    assert reprises == ["L2", "L4", "L6", "L9", "L11"]


@pytest.mark.parametrize("nom", ["historique", "trajectoire", "baisse"])
def test_lots_par_tranches(monkeypatch: pytest.MonkeyPatch, nom: str) -> None:
    """Des tranches de deux lignes donnent la même projection."""
    s = SCENARIOS[nom]
    prets = _portefeuille()
    attendu = projeter_partie(prets, s, Agregation.GARANT, lot=False)
    monkeypatch.setattr(_lot_partie, "LIGNES_PAR_LOT", 2)
    _comparer(projeter_partie(prets, s, Agregation.GARANT, lot=True), attendu)


def test_notes_et_consultations_attendues() -> None:
    """Le portefeuille de comparaison exerce bien les notes : plancher de 0 % sous la baisse
    (L5 : LEP − 2 %), avertissements de la trajectoire (confirmée jusqu'au 1er janvier 2035)."""
    baisse = projeter_partie(_portefeuille(), SCENARIOS["baisse"], Agregation.LIGNE, lot=True)
    assert any("ramené à 0 %" in n for n in baisse.notes)
    trajectoire = projeter_partie(
        _portefeuille(), SCENARIOS["trajectoire"], Agregation.LIGNE, lot=True
    )
    assert trajectoire.consultations
    assert list(trajectoire.sommes)[:3] == ["C1/L1", "C1/L2", "C2/L3"]
    assert "K8/L8" in trajectoire.sommes
    emprunteurs = projeter_partie(
        _portefeuille(), SCENARIOS["historique"], Agregation.EMPRUNTEUR, lot=True
    )
    assert list(emprunteurs.sommes) == ["Office A", "Office B", "?", "Office C"]
    assert emprunteurs.index == frozenset({"livret_a", "lep", "fixe"})
    assert emprunteurs.nombre_lignes == 11
    emission = projeter_partie(_portefeuille(), SCENARIOS["emission"], Agregation.LIGNE, lot=True)
    assert any("ramené à 0 %" in n for n in emission.notes)
    assert emission.consultations == ()


def test_admissible() -> None:
    assert _lot_partie.admissible(_ligne("A")) is True
    assert _lot_partie.admissible(_ligne("A", revision="DL")) is True
    refusees = [
        _ligne("A", profil="amortissement_prioritaire"),
        _ligne("A", differe_amortissement_mois=12),
        _ligne("A", prefinancement=Prefinancement(duree_mois=12)),
        _ligne(
            "A",
            versements=(Versement(date=dt.date(2012, 3, 15), montant=Decimal("150000.00")),),
        ),
        _ligne("A", base_calcul="exact"),
        _ligne("A", mode_calcul_interets="proportionnel"),
    ]
    assert [_lot_partie.admissible(x) for x in refusees] == [False] * 6


def test_centimes_d_un_montant() -> None:
    assert _lot_partie._centimes(Decimal("12.34")) == 1234
    assert _lot_partie._centimes(Decimal(12)) == 1200
    assert _lot_partie._centimes(Decimal("1.2E+3")) == 120000
    assert _lot_partie._centimes(Decimal("12.340")) == 1234
    assert _lot_partie._centimes(Decimal("12.345")) is None
    assert _lot_partie._centimes(Decimal("0.001")) is None


@pytest.mark.parametrize(
    "effet",
    [dt.date(2012, 3, 15), dt.date(2012, 12, 31), dt.date(2012, 11, 1), dt.date(2012, 1, 31)],
)
def test_debut_d_amortissement(effet: dt.date) -> None:
    ligne = _ligne("A", date_effet=effet)
    assert _lot_partie._debut(ligne) == date_debut_amortissement(ligne)
    assert _lot_partie._debut(ligne).day == 1
    donne = _ligne("A", date_effet=None, date_debut_amortissement=dt.date(2013, 5, 17))
    assert _lot_partie._debut(donne) == dt.date(2013, 5, 17)


def test_classes_de_taux() -> None:
    groupe = _lot_partie._Groupe(None, None)  # type: ignore[arg-type]
    assert groupe.classe(_ligne("A")) == 0
    assert groupe.classe(_ligne("B", montant=Decimal(1))) == 0  # le montant ne compte pas
    assert groupe.classe(_ligne("C", profil="amortissement_deduit_interets_prioritaires")) == 1
    assert groupe.classe(_ligne("D", taux_progressivite=Decimal("0.01"))) == 2
    assert groupe.classe(_ligne("E", profil="amortissement_deduit_interets_prioritaires")) == 1
    assert [x.identifiant for x in groupe.representants] == ["A", "C", "D"]


def test_sources_cherchees_une_fois(monkeypatch: pytest.MonkeyPatch) -> None:
    s = SCENARIOS["hausse"]
    appels: list[str] = []
    origine = Scenario.source_pour

    def espion(self: Scenario, ligne: LigneDePret, **options: Any) -> Any:
        appels.append(ligne.identifiant)
        return origine(self, ligne, **options)

    monkeypatch.setattr(Scenario, "source_pour", espion)
    couples = [(p, x) for p in _portefeuille() for x in p.lignes]
    sources = _lot_partie._sources(couples, s)
    # (livret A, 2,25 %) une fois, (LEP, 1,75 %) une fois, (fixe, 2,25 %) une fois
    assert appels == ["L1", "L5", "L6"]
    assert sources[0] is sources[1] is sources[9]
    assert sources[4] is not sources[0]


def test_source_qui_echoue(monkeypatch: pytest.MonkeyPatch) -> None:
    """Une source d'index qui échoue : le lot renonce (``None``), la projection ligne par ligne
    lèvera l'erreur à son rang."""
    prets = _portefeuille()
    s = SCENARIOS["historique"]
    lignes = projeter_partie(prets, s, Agregation.LIGNE, lot=False).lignes

    def echouer(self: Scenario, ligne: LigneDePret, **_options: Any) -> Any:
        raise ErreurDonnees("série illisible", cle="index")

    monkeypatch.setattr(Scenario, "source_pour", echouer)
    assert _lot_partie.projeter_par_lots(prets, s, Agregation.LIGNE, lignes) is None


def test_partie_vide_et_renoncement(monkeypatch: pytest.MonkeyPatch) -> None:
    s = SCENARIOS["historique"]
    vide = projeter_partie([], s, Agregation.GARANT, lot=False)
    resultat = _lot_partie.projeter_par_lots([], s, Agregation.GARANT, vide.lignes)
    assert resultat is not None
    assert resultat.sommes == {}
    assert resultat.nombre_lignes == 0
    prets = _portefeuille()
    lignes = projeter_partie(prets, s, Agregation.GARANT, lot=False).lignes

    def renoncer(*_args: object) -> None:
        raise Renoncement

    monkeypatch.setattr(_lot_partie, "series_par_cle", renoncer)
    assert _lot_partie.projeter_par_lots(prets, s, Agregation.GARANT, lignes) is None

    def deborder(*_args: object) -> None:
        raise OverflowError

    monkeypatch.setattr(_lot_partie, "series_par_cle", deborder)
    assert _lot_partie.projeter_par_lots(prets, s, Agregation.GARANT, lignes) is None
