"""Écrêtement des indemnités d'un élu aux mandats multiples (CGCT L2123-20, II et III ;
L3123-18 ; L4135-18 ; L5211-12) : cas calculés à la main en données
(``tests/indemnites_ecretement.toml``, chacun sourcé), puis les refus."""

from __future__ import annotations

import datetime as dt
import tomllib
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from collectivites.erreurs import ErreurDonnees, ErreurDossier, ErreurValeur
from collectivites.regles.indemnites import (
    Mandat,
    calculer_dossier_ecretement,
    ecretement_depuis_donnees,
    ecreter,
)

D = dt.date
P = Decimal
CAS = tomllib.loads(
    (Path(__file__).parent / "indemnites_ecretement.toml").read_text(encoding="utf-8")
)["cas"]


def _mandats(cas: dict[str, Any]) -> list[Mandat]:
    return [
        Mandat(collectivite=c, fonction=f, indemnite=P(i), cotisations=P(k), debut=d)
        for c, f, i, k, d in cas["mandats"]
    ]


@pytest.mark.parametrize("cas", CAS, ids=[c["nom"] for c in CAS])
def test_cas_calcules_a_la_main(cas: dict[str, Any]) -> None:
    r = ecreter(_mandats(cas), cas["date"])
    assert r.plafond == P("8897.93")  # 1,5 × 5 931,95 = 8 897,925 → 8 897,93
    assert r.total_net == P(cas["total_net"])
    assert r.part_ecretee == P(cas["part_ecretee"])
    assert [x.ecretement for x in r.lignes] == [P(v) for v in cas["ecretements"]]
    assert [x.versee for x in r.lignes] == [P(v) for v in cas["versees"]]
    if r.part_ecretee:
        assert r.total_net - sum((x.ecretement for x in r.lignes), P(0)) == r.plafond


def test_guide_decrit_chaque_etape() -> None:
    r = ecreter(_mandats(CAS[0]), D(2024, 3, 1))
    texte = " ".join(r.hypotheses)
    for attendu in ("1. Mandats comptés", "2. Plafond", "3. Total net", "4. Part écrêtée"):
        assert attendu in texte
    assert "L2123-20, III" in texte and "loi n° 2015-366" in texte
    assert "ordonnance n° 58-1210" in texte.lower()
    faits = {f.cle: f.valeur for f in r.decrire().faits}
    assert faits["part_ecretee"] == P("523.97") and faits["total_verse"] == P("9587.93")


def test_mandat_hors_periode_non_compte() -> None:
    """Période semi-ouverte [début, fin) : un mandat fini le jour du calcul ne compte plus."""
    mandats = [
        *_mandats(CAS[0]),
        Mandat(
            collectivite="Région Occitanie",
            fonction="conseillère",
            indemnite=P("2301.89"),
            debut=D(2015, 12, 18),
            fin=D(2024, 3, 1),
        ),
    ]
    r = ecreter(mandats, D(2024, 3, 1))
    assert r.part_ecretee == P("523.97")
    assert r.lignes[-1].en_cours is False and r.lignes[-1].versee == 0
    assert "Hors période" in r.hypotheses[0]
    avant = ecreter(mandats, D(2024, 2, 29))
    assert avant.part_ecretee == P("523.97") + P("2301.89")


def _m(collectivite: str = "Commune", fonction: str = "maire", **kw: Any) -> Mandat:
    valeurs: dict[str, Any] = {"indemnite": P("1000.00"), "debut": D(2020, 7, 4)} | kw
    return Mandat(collectivite=collectivite, fonction=fonction, **valeurs)


def test_refus() -> None:
    with pytest.raises(ErreurValeur, match=r"indemnite.*≥ 0"):
        _m(indemnite=P("-1.00"))
    with pytest.raises(ErreurValeur, match="finit avant"):
        _m(fin=D(2020, 7, 4))
    with pytest.raises(ErreurValeur, match="cotisations"):
        _m(cotisations=P("1000.01"))
    with pytest.raises(ErreurValeur, match="deux fois"):
        ecreter([_m(), _m(collectivite="COMMUNE")], D(2024, 1, 1))
    with pytest.raises(ErreurValeur, match="même collectivité"):
        ecreter([_m(), _m(fonction="adjoint", debut=D(2022, 1, 1))], D(2024, 1, 1))
    with pytest.raises(ErreurValeur, match="aucun mandat en cours"):
        ecreter([_m(fin=D(2021, 1, 1))], D(2024, 1, 1))
    with pytest.raises(ErreurDonnees, match="parlementaire de base"):
        ecreter([_m()], D(2023, 12, 31))
    grands = [_m(indemnite=P("5000.00")), _m("Département", indemnite=P("5000.00"))]
    with pytest.raises(ErreurValeur, match=r"plus récent.*04/07/2020"):
        ecreter(grands, D(2024, 1, 1))
    # Successifs dans la même collectivité : permis, seul celui en cours compte.
    r = ecreter([_m(fin=D(2022, 1, 1)), _m(fonction="adjoint", debut=D(2022, 1, 1))], D(2024, 1, 1))
    assert [x.en_cours for x in r.lignes] == [False, True]


def test_dossier_toml() -> None:
    donnees = {
        "elu": {"nom": "DURAND Claire", "date": D(2024, 3, 1)},
        "mandats": [
            {
                "collectivite": c,
                "fonction": f,
                "indemnite": i,
                "cotisations": k,
                "debut": d,
            }
            for c, f, i, k, d in CAS[0]["mandats"]
        ],
    }
    r = calculer_dossier_ecretement(ecretement_depuis_donnees(donnees))
    assert r.part_ecretee == P("523.97")
    assert r.hypotheses[0] == "Élu : DURAND Claire."
    donnees["mandats"].append(dict(donnees["mandats"][0]))
    with pytest.raises(ErreurDossier, match="deux fois"):
        ecretement_depuis_donnees(donnees)


def test_plafond_des_parlementaires_ordonnance_58_1210_article_4() -> None:
    """Ordonnance n° 58-1210, art. 4, troisième alinéa : un parlementaire ne cumule ses
    indemnités locales avec son indemnité parlementaire de base « que dans la limite d'une fois
    et demie le montant de cette dernière ». Calcul à la main, cas « parlementaire-jamais-ecrete »
    (indemnité de base 5 931,95 € au 1er janvier 2024) : indemnités locales versées 1 465,98 +
    1 500,00 = 2 965,98 €, soit la moitié de l'indemnité de base (2 965,975 → 2 965,98)."""
    (cas,) = [c for c in CAS if c["nom"] == "parlementaire-jamais-ecrete"]
    r = ecreter(_mandats(cas), cas["date"])
    locales = sum((x.versee for x in r.lignes if not x.mandat.parlementaire), P(0))
    assert locales == P("2965.98")
    assert r.lignes[0].versee == P("5931.95")  # l'indemnité parlementaire n'est pas écrêtée
    texte = " ".join(r.hypotheses)
    assert "art. 4, troisième alinéa" in texte and "une fois et demie" in texte
