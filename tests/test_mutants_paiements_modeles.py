"""Retards de paiement (``regles/paiements/_modeles.py``) : délai et comptable de chaque catégorie
d'acheteur, réception retenue, délai stipulé, et le message exact de chaque refus d'une demande.

Les attendus viennent des textes cités par le module : R2192-10 (trente jours : État,
collectivités territoriales et leurs établissements publics), R2192-11 (1° cinquante jours pour
les établissements publics de santé, 2° soixante jours pour les entreprises publiques),
R2192-14 (date de la demande augmentée de deux jours), L2192-10 (délai stipulé au plus égal au
délai réglementaire), décret n° 2013-269, art. 12 (comptable : dix jours, quinze pour les
établissements publics de santé ; aucun pour l'État, dont l'ordonnateur et le comptable relèvent
de la même personne morale)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from collectivites.erreurs import ErreurValeur
from collectivites.regles.paiements import CategorieAcheteur, Facture

D = dt.date


def _facture(**kwargs: object) -> Facture:
    valeurs: dict[str, object] = {
        "numero": "F1",
        "montant": Decimal("10000.00"),
        "date_reception": D(2024, 7, 1),
        "date_mise_en_paiement": D(2024, 8, 20),
    }
    valeurs.update(kwargs)
    return Facture(**valeurs)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("valeur", "delai", "comptable", "article"),
    [
        ("collectivite", 30, 10, "R2192-10"),
        ("etat", 30, None, "R2192-10"),
        ("sante", 50, 15, "R2192-11, 1°"),
        ("entreprise_publique", 60, None, "R2192-11, 2°"),
    ],
)
def test_categories(valeur: str, delai: int, comptable: int | None, article: str) -> None:
    categorie = CategorieAcheteur(valeur)
    assert (categorie.delai_jours, categorie.delai_comptable, categorie.article) == (
        delai,
        comptable,
        article,
    )
    f = _facture(categorie=valeur)
    assert f.categorie is categorie and f.delai == delai


def test_reception_constatee_ou_presumee() -> None:
    """La réception constatée l'emporte sur la date de la demande ; à défaut, la date de la
    demande augmentée de deux jours (R2192-14), même à cheval sur un mois."""
    assert _facture(date_demande=D(2024, 6, 1)).reception == D(2024, 7, 1)
    presumee = _facture(date_reception=None, date_demande=D(2024, 6, 29))
    assert presumee.reception == D(2024, 7, 1)


def test_delai_stipule() -> None:
    """Le délai stipulé remplace le délai réglementaire, jusqu'à lui égal (L2192-10)."""
    assert _facture(delai_jours=20).delai == 20
    assert _facture(delai_jours=30).delai == 30
    assert _facture(categorie="sante", delai_jours=50).delai == 50
    assert _facture(categorie="entreprise_publique", delai_jours=60).delai == 60


@pytest.mark.parametrize(
    ("categorie", "jours", "attendu"),
    [
        ("collectivite", 31, "au plus 30 jours (R2192-10)"),
        ("etat", 31, "au plus 30 jours (R2192-10)"),
        ("sante", 51, "au plus 50 jours (R2192-11, 1°)"),
    ],
)
def test_delai_stipule_trop_long(categorie: str, jours: int, attendu: str) -> None:
    with pytest.raises(ErreurValeur) as exc:
        _facture(categorie=categorie, delai_jours=jours)
    assert (exc.value.message, exc.value.cle, exc.value.valeur, exc.value.attendu) == (
        "le délai stipulé dépasse le délai réglementaire (L2192-10)",
        "delai_jours",
        jours,
        attendu,
    )


def test_reception_absente() -> None:
    with pytest.raises(ErreurValeur) as exc:
        _facture(date_reception=None)
    assert (exc.value.message, exc.value.cle, exc.value.attendu) == (
        "date de réception de la demande de paiement absente",
        "date_reception",
        "la date de réception constatée, ou la date de la demande "
        "(« date_demande », augmentée de deux jours : R2192-14)",
    )


@pytest.mark.parametrize(
    ("kwargs", "cle"),
    [
        ({"interruption_debut": D(2024, 7, 5)}, "interruption_fin"),
        ({"interruption_fin": D(2024, 7, 5)}, "interruption_debut"),
    ],
)
def test_interruption_incomplete(kwargs: dict[str, object], cle: str) -> None:
    with pytest.raises(ErreurValeur) as exc:
        _facture(**kwargs)
    assert (exc.value.message, exc.value.cle, exc.value.attendu) == (
        "une interruption a un début et une fin",
        cle,
        "les deux dates, ou aucune",
    )


def test_interruption_complete_admise() -> None:
    f = _facture(interruption_debut=D(2024, 7, 5), interruption_fin=D(2024, 7, 10))
    assert (f.interruption_debut, f.interruption_fin) == (D(2024, 7, 5), D(2024, 7, 10))
