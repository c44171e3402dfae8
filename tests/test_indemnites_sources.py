"""Ce qui est vérifié dans les barèmes livrés, et ce qui ne l'est pas : chaque barème dit dans
ses hypothèses s'il a été relu sur le texte (R5212-1, R5214-1) ou non (R5215-2-1, R5216-1 et
l'emprunt des métropoles) ; les articles cités par erreur (« R5217-1 », « R5711-1 ») ne le
sont plus ; la DACOM (L2123-22, 5°, loi n° 2022-217) rappelle son seuil de 5 000 habitants."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from collectivites.donnees import lire_texte_paquet
from collectivites.regles.indemnites import Commune, Elu, Epci, calculer_indemnites

D = dt.date
JOUR = D(2024, 1, 1)


def _hypotheses(nature: str, population: int) -> str:
    epci = Epci(nom="x", nature=nature, population=population, date=JOUR)
    president = Elu(nom="P", fonction="président", taux=Decimal("0.01"), delegation=True)
    return " ".join(calculer_indemnites(epci, [president]).hypotheses)


@pytest.mark.parametrize(
    ("nature", "population", "dit"),
    [
        ("communauté de communes", 12000, "Texte relu"),
        ("syndicat de communes", 12000, "Texte relu"),
        ("syndicat mixte fermé", 12000, "R5212-1 (texte relu)"),
        ("communauté d'agglomération", 60000, "Non vérifié sur le texte"),
        ("communauté urbaine", 300000, "Non vérifié sur le texte"),
        ("métropole", 500000, "Non vérifié sur le texte"),
    ],
)
def test_chaque_bareme_dit_s_il_est_verifie(nature: str, population: int, dit: str) -> None:
    texte = _hypotheses(nature, population)
    assert dit in texte
    assert "à vérifier" not in texte


def test_articles_cites_par_erreur_retires() -> None:
    """R5211-4 (dernier alinéa) énumère les barèmes : ni R5217-1 ni R5711-1 n'en sont."""
    donnees = lire_texte_paquet("indemnites/assemblees.toml")
    for article in ("R5217-1", "R5711-1"):
        lignes = [ligne for ligne in donnees.splitlines() if article in ligne]
        assert lignes and all("n'est pas" in ligne for ligne in lignes), article
    assert "à vérifier" not in donnees


def test_dacom_rappelle_le_seuil_de_population_dgf() -> None:
    maire = Elu(nom="M", fonction="maire", taux=Decimal("0.55"), delegation=True)
    petite = Commune(nom="x", population=4000, date=JOUR, majorations=("dacom",))
    notes = " ".join(calculer_indemnites(petite, [maire]).hypotheses)
    assert "loi n° 2022-217" in notes and "condition à confirmer" in notes
    grande = Commune(nom="x", population=6300, date=JOUR, majorations=("dacom",))
    assert "condition à confirmer" not in " ".join(calculer_indemnites(grande, [maire]).hypotheses)
    assert "à vérifier" not in lire_texte_paquet("indemnites/references.toml").split("dacom")[1]


@pytest.mark.parametrize(
    ("nature", "article"),
    [("communauté d'agglomération", "R5216-1"), ("communauté urbaine", "R5215-2-1")],
)
def test_bareme_non_verifie_dit_ce_qui_a_ete_cherche(nature: str, article: str) -> None:
    """La marque « non vérifié » reste tant que l'article n'est pas lu ; il dit où il a été
    cherché (copies, recherches) et d'où viennent les taux."""
    texte = _hypotheses(nature, 250000)
    assert f"Non vérifié sur le texte : {article}" in texte
    for attendu in ("décret n° 2004-615", "etalab/codes-juridiques-francais", "recherches", "DGCL"):
        assert attendu in texte, attendu


def test_alineas_de_l2123_22_et_citation_de_l2123_24_ii() -> None:
    """L2123-22 : 1° chefs-lieux, 2° communes sinistrées, 3° stations classées de tourisme,
    4° travaux publics d'intérêt national, 5° DSU (et DACOM, loi n° 2022-217). L2123-24, II est
    cité sans les mots « en exercice », qui ne sont pas dans le texte."""
    from collectivites.regles.indemnites import references_indemnites

    refs = references_indemnites()
    alineas = {
        "chef-lieu de département": "L2123-22, 1°",
        "chef-lieu d'arrondissement": "L2123-22, 1°",
        "chef-lieu de canton": "L2123-22, 1°",
        "station de tourisme": "L2123-22, 3°",
        "travaux publics": "L2123-22, 4°",
        "dsu": "L2123-22, 5°",
        "dacom": "L2123-22, 5°",
    }
    assert set(refs.majorations) == set(alineas)
    for code, alinea in alineas.items():
        assert alinea in refs.majorations[code].source, code
    assert "L2123-22, 2°" in refs.source_sinistree
    source = refs.bareme_au(D(2024, 1, 1)).enveloppe_source
    (texte,) = [c.split("»")[0] for c in source.split("«")[1:] if "montant total" in c]
    assert "ne soit pas dépassé" in texte and "en exercice" not in texte
