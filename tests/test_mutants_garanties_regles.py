"""Tests de mutation de ``collectivites.dette._garanties_regles`` (versions datées des
pourcentages, lues du fichier livré ou d'un fichier de deux versions substitué, arrondis
d'affichage) et de l'accès paresseux aux noms de ``collectivites.dette`` (PEP 562)."""

from __future__ import annotations

import datetime as dt
import decimal
from decimal import Decimal

import pytest

import collectivites.dette as paquet_dette
from collectivites import donnees
from collectivites.dette import _garanties_regles as regles
from collectivites.erreurs import ErreurDonnees

D = Decimal

DEUX_VERSIONS = """
confirmee_au = 2030-01-31

[[version]]
date_effet = 2030-01-01
source = "seconde"
plafond = "40 %"
plafond_article = "P2"
coefficient_provisions = "2"
coefficient_provisions_article = "C2"
division = "20 %"
division_article = "D2"
partage = "30 %"
partage_article = "S2"
partage_amenagement = "70 %"

[[version]]
date_effet = 2000-04-09
source = "premiere"
plafond = "50 %"
plafond_article = "P1"
coefficient_provisions = "1.5"
coefficient_provisions_article = "C1"
division = "10 %"
division_article = "D1"
partage = "50 %"
partage_article = "S1"
partage_amenagement = "80 %"
"""


@pytest.fixture
def deux_versions(monkeypatch: pytest.MonkeyPatch) -> None:
    """Un fichier de deux versions, la plus récente écrite en premier."""
    lus: list[str] = []

    def lire(chemin: str) -> str:
        lus.append(chemin)
        return DEUX_VERSIONS

    monkeypatch.setattr(donnees, "lire_texte_paquet", lire)
    regles._versions.cache_clear()
    yield
    assert set(lus) == {"dette/garanties.toml"}
    regles._versions.cache_clear()


@pytest.mark.usefixtures("deux_versions")
def test_versions_rangees_par_date_et_lues_entieres() -> None:
    premiere, seconde = regles._versions()
    assert (premiere.date_effet, seconde.date_effet) == (dt.date(2000, 4, 9), dt.date(2030, 1, 1))
    assert premiere.source == "premiere"
    assert premiere.confirmee_au == seconde.confirmee_au == dt.date(2030, 1, 31)
    assert (premiere.plafond, premiere.coefficient_provisions, premiere.division) == (
        D("0.5"),
        D("1.5"),
        D("0.1"),
    )
    assert (premiere.partage, premiere.partage_amenagement) == (D("0.5"), D("0.8"))
    assert premiere.articles == {
        "plafond": "P1",
        "provisions": "C1",
        "division": "D1",
        "partage": "S1",
    }
    assert (seconde.plafond, seconde.coefficient_provisions) == (D("0.4"), D(2))


@pytest.mark.usefixtures("deux_versions")
def test_version_en_vigueur_a_une_date() -> None:
    assert regles.regles_garanties().source == "seconde"  # sans date : la dernière
    assert regles.regles_garanties(dt.date(2000, 4, 9)).source == "premiere"
    assert regles.regles_garanties(dt.date(2029, 12, 31)).source == "premiere"
    assert regles.regles_garanties(dt.date(2030, 1, 1)).source == "seconde"
    assert regles.regles_garanties(dt.date(2031, 6, 1)).source == "seconde"
    with pytest.raises(ErreurDonnees) as refus:
        regles.regles_garanties(dt.date(2000, 4, 8))
    erreur = refus.value
    assert erreur.message == (
        "règles des garanties d'emprunt : aucune version livrée avant le 09/04/2000"
    )
    assert (erreur.cle, erreur.valeur, erreur.attendu) == (
        "date",
        dt.date(2000, 4, 8),
        "une date à partir du 09/04/2000",
    )


def test_version_livree() -> None:
    livree = regles.regles_garanties(dt.date(2000, 4, 9))
    assert livree.date_effet == dt.date(2000, 4, 9)
    assert livree.confirmee_au >= dt.date(2026, 12, 7)
    assert livree is regles.regles_garanties()


def test_version_incomplete_refusee() -> None:
    with pytest.raises(ErreurDonnees) as refus:
        regles._version({"date_effet": dt.date(2000, 1, 1)}, dt.date(2000, 1, 1))
    erreur = refus.value
    assert (erreur.message, erreur.fichier, erreur.cle) == (
        "clé absente",
        "dette/garanties.toml",
        "'source'",
    )


@pytest.mark.parametrize(
    ("montant", "bas", "haut"),
    [
        ("1.005", "1.00", "1.01"),
        ("1.001", "1.00", "1.01"),
        ("-1.001", "-1.01", "-1.00"),
        ("-1.009", "-1.01", "-1.00"),
        ("2.50", "2.50", "2.50"),
    ],
)
def test_arrondis_d_affichage(montant: str, bas: str, haut: str) -> None:
    assert str(regles.plancher(D(montant))) == bas
    assert str(regles.superieur(D(montant))) == haut


def test_arrondis_hors_du_contexte_de_l_appelant() -> None:
    grand = D("123456789012.345")
    with decimal.localcontext(decimal.Context(prec=6, rounding=decimal.ROUND_HALF_UP)):
        assert str(regles.plancher(grand)) == "123456789012.34"
        assert str(regles.superieur(grand)) == "123456789012.35"


# --- collectivites.dette : accès paresseux ------------------------------------------------


def test_nom_public_charge_a_son_premier_usage(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delitem(vars(paquet_dette), "Collectivite", raising=False)
    monkeypatch.delitem(vars(paquet_dette), "etat_de_la_dette", raising=False)
    assert paquet_dette.Collectivite is regles.Collectivite
    assert vars(paquet_dette)["Collectivite"] is regles.Collectivite  # gardé pour la suite
    from collectivites.dette import _etat

    assert paquet_dette.etat_de_la_dette is _etat.etat_de_la_dette


def test_nom_inconnu_du_paquet() -> None:
    with pytest.raises(AttributeError) as refus:
        paquet_dette.inexistant  # noqa: B018
    assert str(refus.value) == "module 'collectivites.dette' has no attribute 'inexistant'"


def test_dir_du_paquet() -> None:
    assert dir(paquet_dette) == sorted(paquet_dette.__all__)
    assert "etat_de_la_dette" in dir(paquet_dette)
