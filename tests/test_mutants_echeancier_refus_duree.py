"""Dates d'échéance d'une ligne de prêt (contrat CDC, art. 5) et refus exacts d'une durée de
délai (``prets/_echeancier.py``, ``regles/delais/_duree.py``).

Art. 5 : « Date de Début de la Phase d'Amortissement : le premier jour du mois suivant la Date
d'Effet du Contrat additionnée, le cas échéant, de la Durée de la Phase de Préfinancement » ;
« la date des échéances est déterminée à compter de la Date de Début de la Phase
d'Amortissement ».
"""

from __future__ import annotations

import datetime as dt

import pytest

from collectivites.erreurs import ErreurValeur
from collectivites.prets._echeancier import date_debut_amortissement, dates_echeances
from collectivites.regles.delais import lire_duree
from tests.test_mutants_modeles_prets import _ligne


@pytest.mark.parametrize(
    ("effet", "debut"),
    [
        (dt.date(2012, 3, 15), dt.date(2012, 4, 1)),
        (dt.date(2012, 12, 31), dt.date(2013, 1, 1)),
        (dt.date(2012, 11, 1), dt.date(2012, 12, 1)),
    ],
)
def test_debut_sans_prefinancement_premier_du_mois_suivant(effet: dt.date, debut: dt.date) -> None:
    assert (
        date_debut_amortissement(_ligne(date_debut_amortissement=None, date_effet=effet)) == debut
    )


def test_vingt_annuites_vingt_dates() -> None:
    dates = dates_echeances(_ligne())
    assert len(dates) == 20
    assert (dates[0], dates[-1]) == (dt.date(2021, 1, 1), dt.date(2040, 1, 1))


def test_mensualites_d_un_debut_le_31_au_dernier_jour_du_mois() -> None:
    ligne = _ligne(date_debut_amortissement=dt.date(2021, 1, 31), duree=3, periodicite="mensuelle")
    assert dates_echeances(ligne) == (
        dt.date(2021, 2, 28),
        dt.date(2021, 3, 31),
        dt.date(2021, 4, 30),
    )


@pytest.mark.parametrize(
    ("texte", "message", "attendu"),
    [
        ("1 mois et 2 jours et 3 jours", "durée illisible", "deux parties au plus"),
        ("1234567 jours", "durée illisible", "un nombre en chiffres usuels"),
        ("\u0661\u0665 jours", "durée illisible", "un nombre en chiffres usuels"),
        (
            "quinze jours zz",
            "durée illisible",
            "un nombre et une unité, par exemple « 15 jours ouvrés », « 2 mois », « 1 an »",
        ),
        (
            "quinze (16) jours",
            "durée incertaine : « quinze » fait 15, les chiffres disent 16",
            "le même nombre en lettres et en chiffres",
        ),
        (
            "zorglub (16) jours",
            "durée illisible : « zorglub » n'est pas un nombre écrit en lettres",
            "le nombre en lettres puis en chiffres, par exemple « quarante-cinq (45) jours », "
            "ou le nombre seul : « 45 jours »",
        ),
    ],
)
def test_refus_exact_d_une_duree(texte: str, message: str, attendu: str) -> None:
    with pytest.raises(ErreurValeur) as refus:
        lire_duree(texte)
    assert refus.value.args[0] == message
    assert (refus.value.valeur, refus.value.attendu) == (texte, attendu)


@pytest.mark.parametrize("jour", [27, 28])
def test_echeances_au_dela_de_9999_refusees_par_le_calcul_direct(jour: int) -> None:
    """Un quantième ≤ 28 existe dans tous les mois : ses dates sont calculées directement, et le
    dépassement de l'an 9999 est refusé sans valeur reçue (la date n'existe pas)."""
    with pytest.raises(ErreurValeur) as refus:
        dates_echeances(_ligne(date_debut_amortissement=dt.date(9990, 1, jour)))
    assert refus.value.args[0] == "date hors des limites du calendrier"
    assert refus.value.attendu == "une date des années 1 à 9999"
