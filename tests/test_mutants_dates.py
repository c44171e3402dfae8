"""Dates (``dates.py``) : lecture stricte d'une date et d'un mois, arithmétique des mois, chaque
refus avec son message exact (tests écrits pour les mutants de ce module). Les attendus se lisent
au calendrier."""

from __future__ import annotations

import datetime as dt

import pytest

from collectivites.dates import ajouter_mois, dernier_jour_du_mois, lire_date, lire_mois
from collectivites.erreurs import ErreurType, ErreurValeur

D = dt.date
FORMATS = "AAAA-MM-JJ ou JJ/MM/AAAA"


@pytest.mark.parametrize(
    ("texte", "attendu"),
    [
        ("2024-02-29", D(2024, 2, 29)),
        (" 2024-2-9 ", D(2024, 2, 9)),
        ("06/12/2018", D(2018, 12, 6)),
        ("6/1/2018", D(2018, 1, 6)),
        ("31/12/9999", D(9999, 12, 31)),
        ("0001-01-01", D(1, 1, 1)),
    ],
)
def test_lire_date(texte: str, attendu: dt.date) -> None:
    assert lire_date(texte) == attendu


def test_lire_date_prend_une_date_telle_quelle() -> None:
    jour = D(2024, 5, 6)
    assert lire_date(jour) is jour


@pytest.mark.parametrize(
    "texte",
    [
        "",
        "2024-02",
        "2024-02-01-01",
        "06/12",
        "1/2/3/2018",
        "06/12/18",
        "24-02-01",
        "20240-01-01",
        "2024-001-01",
        "2024-01-001",
        "2024--01",
        "2024-01-",
        "06//2018",
        "2024-+1-01",
        "2024-٠١-01",
        "2024-01-01T00:00",
        "06-12/2018",
        "2024/01/01",
    ],
)
def test_lire_date_illisible(texte: str) -> None:
    with pytest.raises(ErreurValeur) as erreur:
        lire_date(texte, champ="debut")
    assert erreur.value.message == "date illisible"
    assert erreur.value.cle == "debut"
    assert erreur.value.valeur == texte
    assert erreur.value.attendu == FORMATS


@pytest.mark.parametrize(
    "texte", ["2024-02-30", "2023-02-29", "2024-00-10", "31/04/2024", "0000-01-01"]
)
def test_lire_date_qui_n_existe_pas(texte: str) -> None:
    with pytest.raises(ErreurValeur) as erreur:
        lire_date(texte, champ="debut")
    assert str(erreur.value) == (
        f"clé « debut » : cette date n'existe pas (reçu : {texte!r} ; attendu : {FORMATS})"
    )


def test_lire_date_refuse_les_types() -> None:
    instant = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
    with pytest.raises(ErreurType) as erreur:
        lire_date(instant, champ="c")
    assert erreur.value.message == "une date sans heure est attendue"
    assert (erreur.value.cle, erreur.value.valeur, erreur.value.attendu) == ("c", instant, FORMATS)
    with pytest.raises(ErreurType) as erreur:
        lire_date(20240101, champ="c")
    assert (
        str(erreur.value)
        == f"clé « c » : une date est attendue (reçu : 20240101 ; attendu : {FORMATS})"
    )


@pytest.mark.parametrize(
    ("texte", "attendu"),
    [
        ("2024-03", D(2024, 3, 1)),
        (" 2024-3 ", D(2024, 3, 1)),
        ("03/2024", D(2024, 3, 1)),
        ("3/2024", D(2024, 3, 1)),
        ("2024-12", D(2024, 12, 1)),
        ("0001-01", D(1, 1, 1)),
    ],
)
def test_lire_mois(texte: str, attendu: dt.date) -> None:
    assert lire_mois(texte) == attendu


def test_lire_mois_d_une_date() -> None:
    assert lire_mois(D(2024, 3, 17)) == D(2024, 3, 1)
    instant = dt.datetime(2024, 3, 17, tzinfo=dt.UTC)
    with pytest.raises(ErreurType) as erreur:
        lire_mois(instant, champ="mois")
    assert erreur.value.message == "un mois est attendu"
    assert erreur.value.valeur is instant
    assert erreur.value.cle == "mois"
    assert erreur.value.attendu == "AAAA-MM"


@pytest.mark.parametrize(
    "texte", ["", "2024", "2024-03-01", "24-03", "2024-003", "2024-", "/2024", "2024-+3", "2024-٠٣"]
)
def test_lire_mois_illisible(texte: str) -> None:
    with pytest.raises(ErreurValeur) as erreur:
        lire_mois(texte, champ="mois")
    assert str(erreur.value) == (
        f"clé « mois » : mois illisible (reçu : {texte!r} ; attendu : AAAA-MM)"
    )


@pytest.mark.parametrize("texte", ["2024-13", "2024-00", "0000-01", "13/2024"])
def test_lire_mois_qui_n_existe_pas(texte: str) -> None:
    with pytest.raises(ErreurValeur) as erreur:
        lire_mois(texte, champ="mois")
    assert str(erreur.value) == (
        f"clé « mois » : ce mois n'existe pas (reçu : {texte!r} ; attendu : AAAA-MM)"
    )


@pytest.mark.parametrize(
    ("annee", "mois", "attendu"),
    [(2024, 2, 29), (2023, 2, 28), (2024, 4, 30), (2024, 12, 31), (2024, 1, 31), (1900, 2, 28)],
)
def test_dernier_jour_du_mois(annee: int, mois: int, attendu: int) -> None:
    assert dernier_jour_du_mois(annee, mois) == D(annee, mois, attendu)


@pytest.mark.parametrize(
    ("depart", "mois", "attendu"),
    [
        (D(2024, 1, 28), 1, D(2024, 2, 28)),
        (D(2024, 1, 29), 1, D(2024, 2, 29)),
        (D(2023, 1, 29), 1, D(2023, 2, 28)),
        (D(2024, 1, 31), 1, D(2024, 2, 29)),
        (D(2024, 1, 30), 2, D(2024, 3, 30)),
        (D(2024, 3, 31), -1, D(2024, 2, 29)),
        (D(2024, 1, 31), -13, D(2022, 12, 31)),
        (D(2024, 1, 15), -1, D(2023, 12, 15)),
        (D(2024, 12, 15), 1, D(2025, 1, 15)),
        (D(2024, 11, 30), 1, D(2024, 12, 30)),
        (D(2024, 5, 31), 12, D(2025, 5, 31)),
        (D(2024, 5, 10), 0, D(2024, 5, 10)),
        (D(9999, 11, 30), 1, D(9999, 12, 30)),
        (D(1, 2, 1), -1, D(1, 1, 1)),
    ],
)
def test_ajouter_mois(depart: dt.date, mois: int, attendu: dt.date) -> None:
    assert ajouter_mois(depart, mois) == attendu


@pytest.mark.parametrize(
    ("depart", "mois", "annee"),
    [(D(9999, 12, 1), 1, 10000), (D(1, 1, 31), -1, 0), (D(2024, 1, 1), 12 * 8000, 10024)],
)
def test_ajouter_mois_hors_du_calendrier(depart: dt.date, mois: int, annee: int) -> None:
    with pytest.raises(ErreurValeur) as erreur:
        ajouter_mois(depart, mois)
    assert str(erreur.value) == (
        f"date hors des limites du calendrier (reçu : {annee} ; attendu : une année de 1 à 9999)"
    )
