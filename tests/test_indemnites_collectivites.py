"""Indemnités des départements, des régions et des EPCI : cas calculés à la main depuis les
textes, en données (``tests/indemnites_collectivites.toml``, chaque cas cite sa source), puis
les refus (articles cités)."""

from __future__ import annotations

import datetime as dt
import tomllib
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from collectivites.erreurs import ErreurDossier, ErreurValeur
from collectivites.regles.indemnites import (
    Departement,
    Elu,
    Epci,
    NatureEpci,
    Region,
    calculer_dossier_indemnites,
    calculer_indemnites,
    indemnites_depuis_donnees,
)
from collectivites.regles.indemnites._assemblees import references_assemblees

D = dt.date
P = Decimal
JOUR = D(2024, 1, 1)
CAS = tomllib.loads(
    (Path(__file__).parent / "indemnites_collectivites.toml").read_text(encoding="utf-8")
)["cas"]


def _dossier(cas: dict[str, Any]) -> dict[str, Any]:
    elus = [{"nom": n, "fonction": f, "taux": t, "delegation": d} for n, f, t, d, _ in cas["elus"]]
    return {**cas["collectivite"], "elus": elus}


@pytest.mark.parametrize("cas", CAS, ids=[c["nom"] for c in CAS])
def test_cas_calcules_a_la_main(cas: dict[str, Any]) -> None:
    assert "CGCT" in cas["source"] and len(cas["calcul"]) > 20
    r = calculer_dossier_indemnites(indemnites_depuis_donnees(_dossier(cas)))
    assert [x.indemnite for x in r.lignes] == [P(e[4]) for e in cas["elus"]]
    assert r.terme_de_reference == P("4110.52")


def test_chaque_nature_a_deux_strates_et_president_et_vice_president() -> None:
    natures: dict[str, set[int]] = {}
    for cas in CAS:
        ((genre, tete),) = cas["collectivite"].items()
        natures.setdefault(tete.get("nature", genre), set()).add(tete["population"])
        fonctions = {e[1] for e in cas["elus"]}
        assert {"président", "vice-président"} <= fonctions
    # Toutes les natures : département, région et chaque nature d'EPCI, deux strates chacune.
    assert set(natures) == {"departement", "region", *(n.value for n in NatureEpci)}
    assert all(len(p) >= 2 for p in natures.values())
    # Deux strates distinctes du barème (les maxima diffèrent), pas deux populations d'une strate.
    noms = {"departement": "département", "region": "région"}
    for nature, populations in natures.items():
        bareme = references_assemblees().bareme(noms.get(nature, nature), JOUR)
        maxima = {tuple(bareme.maxima(p).values()) for p in populations}
        assert len(maxima) >= 2, nature


def _elu(nom: str, fonction: str, taux: str, delegation: bool = True) -> Elu:
    return Elu(nom=nom, fonction=fonction, taux=P(taux), delegation=delegation)  # type: ignore[arg-type]


def test_deux_presidents_refuses() -> None:
    dep = Departement(nom="d", population=76000, date=JOUR)
    with pytest.raises(ErreurValeur, match="un président et un seul"):
        calculer_indemnites(dep, [_elu("A", "président", "1"), _elu("B", "président", "1")])


def test_vice_president_sans_delegation() -> None:
    """L3123-17 : sans délégation de l'exécutif, pas plus qu'un membre de la commission
    permanente (44 % sous 250 000 habitants) ; EPCI : rien (L5211-12)."""
    dep = Departement(nom="d", population=76000, date=JOUR)
    president = _elu("P", "président", "1.45")
    with pytest.raises(ErreurValeur, match=r"L3123-17.*délégation"):
        calculer_indemnites(dep, [president, _elu("V", "vice-président", "0.56", False)])
    r = calculer_indemnites(dep, [president, _elu("V", "vice-président", "0.44", False)])
    assert r.lignes[1].indemnite == P("1808.63")
    cc = Epci(nom="c", nature="communauté de communes", population=15000, date=JOUR)
    with pytest.raises(ErreurValeur, match="L5211-12"):
        calculer_indemnites(
            cc, [_elu("P", "président", "0.4"), _elu("V", "vice-président", "0.1", False)]
        )


def test_taux_au_dela_des_plafonds() -> None:
    region = Region(nom="r", population=5_000_000, date=JOUR)
    with pytest.raises(ErreurValeur, match="L4135-16"):
        calculer_indemnites(
            region, [_elu("P", "président", "1"), _elu("C", "conseiller", "0.71", False)]
        )
    sivu = Epci(nom="s", nature="syndicat de communes", population=2000, date=JOUR)
    with pytest.raises(ErreurValeur, match=r"au-delà du maximum \(L5211-12 et R5212-1\)"):
        calculer_indemnites(sivu, [_elu("P", "président", "0.1221")])
    # 40 % sans la place dans l'enveloppe : président seul à 203 % > 145 %.
    with pytest.raises(ErreurValeur, match=r"enveloppe.*2017-1837"):
        calculer_indemnites(region, [_elu("P", "président", "2.03")])
    # Communauté de communes de 15 000 habitants : pas de majoration de 40 % (moins de 100 000).
    cc = Epci(nom="c", nature="communauté de communes", population=15000, date=JOUR)
    with pytest.raises(ErreurValeur, match="R5214-1"):
        calculer_indemnites(cc, [_elu("P", "président", "0.49")])
    # Vice-président au-delà de son maximum, sous le président et dans l'enveloppe : permis.
    r = calculer_indemnites(
        cc, [_elu("P", "président", "0.30"), _elu("V", "vice-président", "0.3875")]
    )
    assert any("troisième alinéa" in h for h in r.hypotheses)
    with pytest.raises(ErreurValeur, match="troisième alinéa"):
        calculer_indemnites(cc, [_elu("P", "président", "0"), _elu("V", "vice-président", "0.49")])


def test_epci_inconnu_et_population_hors_mesure() -> None:
    with pytest.raises(ErreurValeur, match=r"nature d'EPCI inconnue.*L5211-12"):
        Epci(nom="c", nature="communauté de villes", population=15000, date=JOUR)
    dep = Departement(nom="d", population=40_000_000, date=JOUR)
    with pytest.raises(ErreurValeur, match=r"le Nord.*L3123-16"):
        calculer_indemnites(dep, [_elu("P", "président", "1")])


def test_trop_de_vice_presidents() -> None:
    cc = Epci(nom="c", nature="communauté de communes", population=150000, date=JOUR)
    vice = [_elu(f"V{i}", "vice-président", "0") for i in range(16)]
    with pytest.raises(ErreurValeur, match="L5211-10"):
        calculer_indemnites(cc, [_elu("P", "président", "1"), *vice])


def test_dossier_deux_collectivites_refuse() -> None:
    donnees = {
        "departement": {"nom": "d", "population": 76000, "date": JOUR},
        "region": {"nom": "r", "population": 900000, "date": JOUR},
        "elus": [{"nom": "P", "fonction": "président", "taux": "100 %"}],
    }
    with pytest.raises(ErreurDossier, match="une collectivité et une seule"):
        indemnites_depuis_donnees(donnees)


def test_fonctions_permises() -> None:
    cc = Epci(nom="c", nature="communauté de communes", population=15000, date=JOUR)
    with pytest.raises(ErreurValeur, match="pas une fonction"):
        calculer_indemnites(cc, [_elu("P", "président", "0.4"), _elu("M", "maire", "0.1")])
    with pytest.raises(ErreurValeur, match="L5211-12"):
        calculer_indemnites(
            cc, [_elu("P", "président", "0.4"), _elu("C", "conseiller", "0.01", False)]
        )
