"""Séries de centimes compactes (``prets/_centimes.py``) : lecture par année, somme et
différence année par année, égalité avec un dictionnaire, empreinte, copie par ``pickle``, et
montants au-delà des entiers de 64 bits gardés exacts (issue 27)."""

from __future__ import annotations

import pickle
from array import array

import pytest

from collectivites.prets._centimes import LARGEUR, SerieCentimes, _valeurs

GRAND = 2**63  # un de plus que le plus grand entier de 64 bits signé


def _serie() -> SerieCentimes:
    return SerieCentimes.de({2031: (6, 7, 8, 9, 10), 2030: (1, 2, 3, 4, 5)})


def test_largeur_et_valeurs_compactes() -> None:
    assert LARGEUR == 5
    compactes = _valeurs(iter([1, -2, 2**63 - 1]))
    assert isinstance(compactes, array)
    assert compactes.typecode == "q"
    assert list(compactes) == [1, -2, 2**63 - 1]
    # au-delà des 64 bits : une liste d'entiers Python, exacte
    grandes = _valeurs([1, GRAND])
    assert type(grandes) is list
    assert grandes == [1, GRAND]
    assert _valeurs([-GRAND - 1]) == [-GRAND - 1]


def test_lecture_par_annee() -> None:
    serie = _serie()
    assert list(serie) == [2030, 2031]
    assert len(serie) == 2
    assert serie[2030] == (1, 2, 3, 4, 5)
    assert serie[2031] == (6, 7, 8, 9, 10)
    assert type(serie[2031]) is tuple
    for absente in (2029, 2032, 2100):
        with pytest.raises(KeyError) as erreur:
            serie[absente]
        assert erreur.value.args == (absente,)
    assert [(a, list(v)) for a, v in serie.paires()] == [
        (2030, [1, 2, 3, 4, 5]),
        (2031, [6, 7, 8, 9, 10]),
    ]
    trouee = SerieCentimes.de({2030: (1,) * 5, 2032: (3,) * 5})
    with pytest.raises(KeyError):
        trouee[2031]  # entre deux années présentes
    assert trouee[2032] == (3,) * 5


def test_constructeur_et_de() -> None:
    serie = _serie()
    assert SerieCentimes.de(serie) is serie
    # des valeurs données en tuple sont rangées en tableau compact
    depuis_tuple = SerieCentimes([2030], (1, 2, 3, 4, 5))
    assert isinstance(depuis_tuple._valeurs, array)
    assert depuis_tuple == {2030: (1, 2, 3, 4, 5)}
    # une liste (montants hors des 64 bits) est gardée telle quelle
    liste = [GRAND, 0, 0, 0, 0]
    assert SerieCentimes([2030], liste)._valeurs is liste
    vide = SerieCentimes.de({})
    assert len(vide) == 0
    assert list(vide) == []


def test_somme_et_difference() -> None:
    a = _serie()
    b = SerieCentimes.de({2029: (1, 1, 1, 1, 1), 2031: (10, 20, 30, 40, 50)})
    assert dict((a + b).items()) == {
        2029: (1, 1, 1, 1, 1),
        2030: (1, 2, 3, 4, 5),
        2031: (16, 27, 38, 49, 60),
    }
    assert dict(a.combiner(b, -1).items()) == {
        2029: (-1, -1, -1, -1, -1),
        2030: (1, 2, 3, 4, 5),
        2031: (-4, -13, -22, -31, -40),
    }
    # un dictionnaire s'additionne aussi
    assert dict(a.combiner({2030: (1, 1, 1, 1, 1)}, 1).items()) == {
        2030: (2, 3, 4, 5, 6),
        2031: (6, 7, 8, 9, 10),
    }
    # au-delà des 64 bits, exact
    haut = SerieCentimes.de({2030: (2**63 - 1, 0, 0, 0, 0)})
    somme = haut + haut
    assert somme[2030] == (2**64 - 2, 0, 0, 0, 0)
    assert (somme + haut)[2030][0] == 3 * (2**63 - 1)


def test_egalite_et_empreinte() -> None:
    a = _serie()
    assert a == _serie()
    assert a == {2030: [1, 2, 3, 4, 5], 2031: (6, 7, 8, 9, 10)}
    assert a != {2030: (1, 2, 3, 4, 5)}
    assert a != SerieCentimes.de({2030: (1, 2, 3, 4, 5), 2032: (6, 7, 8, 9, 10)})
    assert a != SerieCentimes.de({2030: (1, 2, 3, 4, 5), 2031: (6, 7, 8, 9, 11)})
    # tableau compact et liste de mêmes valeurs : égaux
    assert SerieCentimes([2030], [1, 2, 3, 4, 5]) == SerieCentimes(
        [2030], array("q", [1, 2, 3, 4, 5])
    )
    assert a.__eq__(3) is NotImplemented
    assert a != 3
    assert hash(a) == hash(_serie())
    assert hash(a) == hash(((2030, 2031), (1, 2, 3, 4, 5, 6, 7, 8, 9, 10)))
    assert repr(SerieCentimes.de({2030: (1, 2, 3, 4, 5)})) == (
        "SerieCentimes({2030: (1, 2, 3, 4, 5)})"
    )


def test_copie_par_pickle() -> None:
    a = _serie()
    copie = pickle.loads(pickle.dumps(a))
    assert copie == a
    assert type(copie) is SerieCentimes
    fonction, arguments = a.__reduce__()
    assert fonction is SerieCentimes
    assert list(arguments[0]) == [2030, 2031]
    assert list(arguments[1]) == list(range(1, 11))
    grande = SerieCentimes([2030], [GRAND, 0, 0, 0, 0])
    assert pickle.loads(pickle.dumps(grande))[2030] == (GRAND, 0, 0, 0, 0)


def test_somme_refuse_des_montants_mal_formes() -> None:
    """Une série dont une année n'a pas ses cinq montants ne s'additionne pas en silence."""
    boiteuse = SerieCentimes([2030], array("q", [1, 2, 3]))
    with pytest.raises(ValueError, match="zip"):
        boiteuse + _serie()
