"""Flux de trésorerie d'un dossier rSa (``regles/rsa/_dossier.py``) et libellé de la nature d'un
document budgétaire (``dette/_modeles.py``) : libellés exacts, lus de l'exemple livré."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import attrs
import pytest

from collectivites.dette import exemple_document
from collectivites.regles.rsa import exemple_rsa
from collectivites.regles.rsa._modeles import Flux

DOSSIER = exemple_rsa("rsa-lozere-2019")


def test_acompte_libelle_par_son_mois_et_decaissement_par_le_sien() -> None:
    """Premier acompte de l'exemple : mois 2018-12, payé le 7 janvier 2019 (TOML livré) ;
    premier décaissement : 5 décembre 2018, « rSa versé aux allocataires »."""
    flux = DOSSIER.flux
    assert flux[0] == Flux(
        date=dt.date(2018, 12, 5),
        montant=Decimal("-476000.00"),
        libelle="rSa versé aux allocataires",
    )
    assert (
        Flux(date=dt.date(2019, 1, 7), montant=Decimal("476000.00"), libelle="acompte 2018-12")
        in flux
    )


def test_decaissement_sans_libelle() -> None:
    sans = attrs.evolve(
        DOSSIER, decaissements=(Flux(date=dt.date(2018, 12, 5), montant=Decimal("10.00")),)
    )
    assert sans.flux[0] == Flux(
        date=dt.date(2018, 12, 5), montant=Decimal("-10.00"), libelle="rSa versé"
    )


@pytest.mark.parametrize(
    ("nature", "libelle"),
    [
        ("09", "compte administratif"),
        ("01", "budget primitif"),
        ("10", "compte financier unique"),
        ("99", "nature 99"),
        (None, "nature inconnue"),
    ],
)
def test_libelle_de_la_nature_d_un_document(nature: str | None, libelle: str) -> None:
    document = attrs.evolve(exemple_document("crach-ca-2021"), nature=nature)
    assert document.nature_libelle == libelle
