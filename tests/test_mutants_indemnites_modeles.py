"""Modèles et barèmes des indemnités (``regles/indemnites/_modeles.py``, ``_assemblees.py``) :
chaque garde et chaque borne de strate (issue 27).

Strates relues dans ``donnees/indemnites/assemblees.toml`` (chacune vaut de sa population
minimale à la suivante exclue) : R5214-1 (communauté de communes : président 12,75 % sous 500
habitants, 23,25 % de 500 à 999 ; vice-président 4,95 % et 6,19 %) ; L4135-16 et L4135-17
(région de 2 à 3 millions d'habitants : conseiller 60 %, vice-président 60 × 1,40 = 84 %,
commission permanente 60 × 1,10 = 66 %, président 145 %) ; R5216-1 et L5216-4 (agglomération de
50 000 à 99 999 : 110 %, 44 %, conseiller 6 %, conseiller délégué au plus comme le président).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import attrs
import pytest

from collectivites.erreurs import ErreurDonnees, ErreurValeur
from collectivites.regles.indemnites import Commune, Departement, Epci, NatureEpci, Region
from collectivites.regles.indemnites._assemblees import references_assemblees
from collectivites.regles.indemnites._modeles import Fonction

D = dt.date
P = Decimal
JOUR = D(2024, 1, 1)


# --- Commune ------------------------------------------------------------------------------------


def test_commune_majoration_deux_fois() -> None:
    with pytest.raises(ErreurValeur) as info:
        Commune(nom="x", population=100, date=JOUR, majorations=("dsu", "dsu"))
    assert (info.value.message, info.value.cle) == ("majoration présente deux fois", "majorations")
    assert Commune(nom="x", population=100, date=JOUR, majorations=("dsu",)).majorations == ("dsu",)


def test_commune_renouvellement_au_plus_la_date() -> None:
    """R2151-2 : la population est celle authentifiée avant le renouvellement, qui précède la
    date des indemnités (le jour même est permis)."""
    assert Commune(nom="x", population=100, date=JOUR, renouvellement=JOUR).renouvellement == JOUR
    with pytest.raises(ErreurValeur) as info:
        Commune(nom="x", population=100, date=JOUR, renouvellement=D(2024, 1, 2))
    e = info.value
    assert (e.cle, e.valeur, e.attendu) == (
        "renouvellement",
        D(2024, 1, 2),
        "une date au plus le 01/01/2024",
    )
    assert "R2151-2" in str(e)


# --- natures et barèmes des assemblées ----------------------------------------------------------


def test_natures() -> None:
    assert Departement(nom="d", population=1, date=JOUR).nature == "département"
    assert Region(nom="r", population=1, date=JOUR).nature == "région"
    epci = Epci(nom="e", nature=NatureEpci.METROPOLE, population=1, date=JOUR)
    assert epci.nature is NatureEpci.METROPOLE
    assert Epci(nom="e", nature="métropole", population=1, date=JOUR).nature is NatureEpci.METROPOLE
    with pytest.raises(ErreurValeur) as info:
        Epci(nom="e", nature="pays", population=1, date=JOUR)
    e = info.value
    assert (e.cle, e.valeur) == ("nature", "pays")
    assert e.attendu == (
        "communauté de communes, communauté d'agglomération, communauté urbaine, métropole, "
        "syndicat de communes, syndicat mixte fermé"
    )


@pytest.mark.parametrize(
    ("population", "president", "vice"),
    [(1, "0.1275", "0.0495"), (499, "0.1275", "0.0495"), (500, "0.2325", "0.0619")],
)
def test_strates_d_une_communaute_de_communes(population: int, president: str, vice: str) -> None:
    b = references_assemblees().bareme("communauté de communes", JOUR)
    assert b.maxima(population) == {
        Fonction.PRESIDENT: P(president),
        Fonction.VICE_PRESIDENT: P(vice),
        Fonction.CONSEILLER: P(0),
    }


def test_maxima_d_une_region_et_d_une_agglomeration() -> None:
    refs = references_assemblees()
    assert refs.bareme("région", JOUR).maxima(2_000_000) == {
        Fonction.PRESIDENT: P("1.45"),
        Fonction.VICE_PRESIDENT: P("0.84"),
        Fonction.MEMBRE_COMMISSION_PERMANENTE: P("0.66"),
        Fonction.CONSEILLER: P("0.60"),
    }
    assert refs.bareme("région", JOUR).maxima(1_999_999)[Fonction.CONSEILLER] == P("0.50")
    assert refs.bareme("communauté d'agglomération", JOUR).maxima(60_000) == {
        Fonction.PRESIDENT: P("1.10"),
        Fonction.VICE_PRESIDENT: P("0.44"),
        Fonction.CONSEILLER_DELEGUE: P("1.10"),
        Fonction.CONSEILLER: P("0.06"),
    }


def test_references_lues() -> None:
    refs = references_assemblees()
    assert (refs.majoration_president, refs.vice_presidents_max) == (P("0.40"), 15)
    assert refs.confirmee_au == D(2025, 12, 31)
    assert refs.source_vice_presidents.startswith("CGCT L5211-10")
    assert refs.source_majoration_president.startswith("Loi n° 2017-1837")
    dep = refs.bareme("département", JOUR)
    assert (dep.majoration_vice_president, dep.majoration_commission_permanente) == (
        P("0.40"),
        P("0.10"),
    )
    assert (dep.precision, dep.vice_president, dep.seuil_majoration_president) == ("", (), 0)
    assert (dep.population_max, dep.enveloppe, dep.conseillers_dans_enveloppe) == (
        4_000_000,
        "membres",
        None,
    )
    assert (dep.article_president, dep.article_conseiller) == ("L3123-17", "L3123-16")
    assert dep.president == ((0, P("1.45")),) and dep.date_effet == D(2017, 1, 1)
    sivu = refs.bareme("syndicat de communes", JOUR)
    assert (sivu.majoration_vice_president, sivu.seuil_majoration_president) == (None, None)
    assert sivu.conseiller == () and sivu.plus_peuplee.startswith("la Métropole du Grand Paris")
    ca = refs.bareme("communauté d'agglomération", JOUR)
    assert (ca.conseillers_dans_enveloppe, ca.seuil_majoration_president) == (100_000, 100_000)
    assert ca.precision.startswith("Non vérifié sur le texte")


def test_bareme_a_sa_date() -> None:
    refs = references_assemblees()
    with pytest.raises(ErreurDonnees) as info:
        refs.bareme("département", D(2016, 12, 31))
    assert (info.value.cle, info.value.valeur) == ("date", D(2016, 12, 31))
    assert "(département)" in str(info.value)
    assert refs.bareme("département", D(2017, 1, 1)).nature == "département"
    with pytest.raises(ErreurDonnees):
        refs.bareme("canton", JOUR)
    # deux rédactions : la plus récente en vigueur à la date
    ancien = refs.bareme("région", JOUR)
    nouveau = attrs.evolve(ancien, date_effet=D(2026, 1, 1), source="nouvelle rédaction")
    deux = attrs.evolve(refs, baremes=(nouveau, ancien))
    assert deux.bareme("région", D(2025, 12, 31)) is ancien
    assert deux.bareme("région", D(2026, 1, 1)) is nouveau
    assert attrs.evolve(refs, baremes=(ancien, nouveau)).bareme("région", D(2027, 1, 1)) is nouveau
