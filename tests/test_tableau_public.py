"""Le comportement public de :class:`~collectivites.prets.TableauAmortissement`, épinglé avant
que ses lignes ne soient construites à la demande : égalité, empreinte (``hash``), copie par
``pickle``, ``attrs.evolve``, ``lignes`` (indice, tranche, longueur, parcours), ``ligne_au`` et
totaux, à la représentation près de chaque ``Decimal``."""

from __future__ import annotations

import copy
import datetime as dt
import pickle
from collections.abc import Sequence
from decimal import Decimal

import attrs
import pytest

from collectivites.prets import (
    LigneTableau,
    TableauAmortissement,
    calculer_tableau,
    exemple_pret,
    serie_index,
)


def _ligne(identifiant: str, contrat: str = "cdc-57828"):  # type: ignore[no-untyped-def]
    return next(x for x in exemple_pret(contrat).lignes if x.identifiant == identifiant)


@pytest.fixture(scope="module")
def tableau() -> TableauAmortissement:
    return calculer_tableau(_ligne("5150377"))


@pytest.fixture(scope="module")
def historique() -> TableauAmortissement:
    ligne = attrs.evolve(_ligne("5150377"), duree=120, periodicite="mensuelle")
    return calculer_tableau(ligne, index=serie_index("livret_a"))


def _empreinte(lignes: Sequence[LigneTableau]) -> list[tuple[str, ...]]:
    return [tuple(map(repr, r)) for r in lignes]


def test_egalite_entre_deux_calculs(tableau: TableauAmortissement) -> None:
    autre = calculer_tableau(_ligne("5150377"))
    assert autre == tableau
    assert autre is not tableau
    assert hash(autre) == hash(tableau)
    assert autre.lignes == tableau.lignes
    assert tuple(autre.lignes) == tuple(tableau.lignes)
    differente = calculer_tableau(attrs.evolve(_ligne("5150377"), montant=Decimal("110000.01")))
    assert differente != tableau
    assert differente.lignes != tableau.lignes


def test_lignes_comparees_a_un_tuple(tableau: TableauAmortissement) -> None:
    rangees = tuple(tableau.lignes)
    assert tableau.lignes == rangees
    assert rangees == tableau.lignes
    assert tableau.lignes != rangees[:-1]
    assert tableau.lignes != [*rangees[:-1], rangees[-1]._replace(echeance=Decimal("0.00"))]
    assert hash(tableau.lignes) == hash(rangees)


def test_pickle_et_copie(tableau: TableauAmortissement, historique: TableauAmortissement) -> None:
    for t in (tableau, historique):
        copie = pickle.loads(pickle.dumps(t))
        assert copie == t
        assert _empreinte(copie.lignes) == _empreinte(t.lignes)
        assert copie.notes == t.notes
        assert copy.deepcopy(t) == t
        assert copy.copy(t) == t


def test_evolve(tableau: TableauAmortissement) -> None:
    note = attrs.evolve(tableau, notes=("une note",))
    assert note.notes == ("une note",)
    assert note.lignes == tableau.lignes
    assert _empreinte(note.lignes) == _empreinte(tableau.lignes)
    assert note != tableau
    courtes = attrs.evolve(tableau, lignes=tuple(tableau.lignes[:3]))
    assert len(courtes) == 3
    assert courtes.lignes == tableau.lignes[:3]
    assert courtes.total_echeances == sum(r.echeance for r in tableau.lignes[:3])
    modifiees = attrs.evolve(
        tableau, lignes=tuple(r._replace(numero=r.numero + 10) for r in tableau.lignes)
    )
    assert [r.numero for r in modifiees.lignes] == list(range(11, 61))
    assert modifiees != tableau


def test_lignes_en_sequence(tableau: TableauAmortissement) -> None:
    lignes = tableau.lignes
    assert isinstance(lignes, Sequence)
    assert len(lignes) == len(tableau) == 50
    assert all(type(r) is LigneTableau for r in lignes)
    assert list(tableau) == list(lignes)
    assert lignes[0].numero == 1
    assert lignes[-1].numero == 50
    assert lignes[49] == lignes[-1]
    with pytest.raises(IndexError):
        lignes[50]
    tranche = lignes[1:4]
    assert [r.numero for r in tranche] == [2, 3, 4]
    assert tuple(tranche) == tuple(lignes)[1:4]
    assert [r.numero for r in lignes[::-10]] == [50, 40, 30, 20, 10]
    assert lignes.index(lignes[7]) == 7
    assert lignes.count(lignes[7]) == 1
    assert lignes[7] in lignes
    assert [r.numero for r in reversed(lignes)][:2] == [50, 49]
    assert bool(lignes)
    # concaténées à un tuple, comme un tuple
    assert lignes + () == tuple(lignes) == () + lignes  # noqa: RUF005 - la concaténation est testée
    assert len(lignes + lignes) == 100
    assert (lignes[:1] + lignes)[0] == lignes[0]


def test_premiere_et_derniere_lignes_a_la_main(tableau: TableauAmortissement) -> None:
    # Ligne 5150377 : 110 000 €, 1,35 %, 50 annuités ; intérêts de la 1re : 1 485,00 €.
    premiere = tableau.lignes[0]
    assert repr(premiere.interets) == "Decimal('1485.00')"
    assert premiere.capital_du == Decimal("110000") - premiere.amortissement
    assert repr(premiere.interets_a_differer) == "Decimal('0.00')"
    assert repr(tableau.lignes[-1].capital_du) == "Decimal('0.00')"
    for r in tableau.lignes:
        for valeur in r[5:]:
            assert valeur.as_tuple().exponent == -2, r


def test_ligne_au(historique: TableauAmortissement) -> None:
    lignes = historique.lignes
    assert historique.ligne_au(lignes[0].date - dt.timedelta(days=1)) is None
    assert historique.ligne_au(lignes[0].date) == lignes[0]
    assert historique.ligne_au(lignes[5].date + dt.timedelta(days=3)) == lignes[5]
    assert historique.ligne_au(dt.date(2200, 1, 1)) == lignes[-1]


def test_totaux(tableau: TableauAmortissement, historique: TableauAmortissement) -> None:
    for t in (tableau, historique):
        for total, champ in (
            (t.total_echeances, "echeance"),
            (t.total_amortissement, "amortissement"),
            (t.total_interets, "interets"),
            (t.total_interets_a_differer, "interets_a_differer"),
            (t.total_remboursements_anticipes, "remboursement_anticipe"),
        ):
            attendu = sum((getattr(r, champ) for r in t.lignes), Decimal("0.00"))
            assert repr(total) == repr(attendu), champ
    assert tableau.total_amortissement == tableau.capital
    assert tableau.total_echeances == tableau.total_amortissement + tableau.total_interets


def test_repr_contient_les_lignes(tableau: TableauAmortissement) -> None:
    texte = repr(tableau)
    assert texte.startswith("TableauAmortissement(")
    assert repr(tableau.lignes[0]) in texte


def test_tableau_vide_par_evolve(tableau: TableauAmortissement) -> None:
    vide = attrs.evolve(tableau, lignes=())
    assert len(vide) == 0
    assert vide.lignes == ()
    assert not vide.lignes
    assert vide.ligne_au(dt.date(2100, 1, 1)) is None
    assert repr(vide.total_echeances) == "Decimal('0.00')"
