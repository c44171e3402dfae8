"""Modèles rSa (``regles/rsa/_modeles.py``) à leurs bornes : un mois noté par son premier jour,
un paiement pas avant le mois de son acompte (le premier du mois permis), des paiements qui ne
dépassent pas le montant dû ; refus exacts. Et un compte financier unique est un compte."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import attrs
import pytest

from collectivites.dette import exemple_document
from collectivites.erreurs import ErreurType, ErreurValeur
from collectivites.regles.rsa._modeles import Acompte, Operation, Paiement

D = dt.date
JANVIER = D(2019, 1, 1)


def _refus(erreur: type[Exception], **champs: object) -> tuple[object, ...]:
    with pytest.raises(erreur) as refus:
        Acompte(**champs)  # type: ignore[arg-type]
    e = refus.value
    return e.message, e.cle, e.valeur, e.attendu  # type: ignore[attr-defined]


def test_mois_note_par_son_premier_jour() -> None:
    assert _refus(ErreurValeur, mois=D(2019, 1, 15), montant=Decimal(10)) == (
        "un mois se note par son premier jour",
        "mois",
        D(2019, 1, 15),
        "le premier du mois",
    )
    with pytest.raises(ErreurValeur) as refus:
        Operation(mois=D(2019, 2, 2), montant=Decimal(1))
    assert refus.value.cle == "mois"


def test_mois_qui_n_est_pas_une_date() -> None:
    message, cle, valeur, _ = _refus(ErreurType, mois="2019-01", montant=Decimal(10))
    assert (message, cle, valeur) == ("type refusé", "mois", "2019-01")


def test_paiement_avant_le_mois_refuse_le_premier_du_mois_permis() -> None:
    avant = (Paiement(date=D(2018, 12, 31), montant=Decimal(5)),)
    assert _refus(ErreurValeur, mois=JANVIER, montant=Decimal(10), paiements=avant) == (
        "acompte 2019-01 : paiement antérieur au mois de l'acompte",
        "paiements",
        D(2018, 12, 31),
        "une date à partir du 2019-01-01",
    )
    le_premier = Acompte(
        mois=JANVIER, montant=Decimal(10), paiements=(Paiement(date=JANVIER, montant=Decimal(5)),)
    )
    assert le_premier.paye == Decimal(5)


def test_paiements_au_dela_du_montant_du() -> None:
    paiements = tuple(Paiement(date=D(2019, 1, j), montant=Decimal("6.00")) for j in (5, 20))
    assert _refus(ErreurValeur, mois=JANVIER, montant=Decimal("11.99"), paiements=paiements) == (
        "acompte 2019-01 : les paiements dépassent le montant dû",
        "paiements",
        Decimal("12.00"),
        "au plus 11.99",
    )
    juste = Acompte(mois=JANVIER, montant=Decimal("12.00"), paiements=paiements)
    assert juste.reste_du == Decimal("0.00")


@pytest.mark.parametrize(
    ("nature", "compte"), [("09", True), ("10", True), ("01", False), (None, False)]
)
def test_compte_administratif_ou_financier_unique(nature: str | None, compte: bool) -> None:
    assert attrs.evolve(exemple_document("crach-ca-2021"), nature=nature).est_compte is compte
