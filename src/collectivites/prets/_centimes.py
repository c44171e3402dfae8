"""Les cumuls d'une clé de projection sous forme compacte : années et montants en centimes dans
deux tableaux (:mod:`array`), et non un dictionnaire de tuples d'entiers.

Une projection par ligne d'un portefeuille de 60 000 lignes compte près de deux millions de
lignes « clé × année » : en dictionnaires de tuples, chacune coûtait quelque 300 octets (plus de
600 en objets :class:`~collectivites.prets.AnneeProjection` de ``Decimal``) ; ici, 44 octets.
Un montant hors des entiers de 64 bits (plus de 92 millions de milliards d'euros) garde une liste
d'entiers Python : l'addition reste exacte.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

__all__ = ["LARGEUR", "SerieCentimes"]

#: Montants par année (échéances, intérêts, amortissement, capital dû, stock d'intérêts différés).
LARGEUR = 5


def _valeurs(entiers: Sequence[int] | Iterator[int]) -> array[int] | list[int]:
    liste = list(entiers)
    try:
        return array("q", liste)
    except OverflowError:
        return liste


class SerieCentimes(Mapping[int, tuple[int, ...]]):
    """``{année: (cinq montants en centimes)}``, années croissantes, en deux tableaux compacts.
    Immuable ; s'additionne (``a + b`` : année par année, en entiers exacts) ; se copie d'un
    processus à l'autre (``pickle``)."""

    __slots__ = ("_annees", "_valeurs")

    def __init__(self, annees: Sequence[int], valeurs: Sequence[int]) -> None:
        self._annees = array("i", annees)
        self._valeurs = valeurs if isinstance(valeurs, array | list) else _valeurs(valeurs)

    @classmethod
    def de(cls, sommes: Mapping[int, Sequence[int]]) -> SerieCentimes:
        """Depuis ``{année: montants}`` (dans n'importe quel ordre)."""
        if isinstance(sommes, SerieCentimes):
            return sommes
        annees = sorted(sommes)
        return cls(annees, _valeurs(v for a in annees for v in sommes[a]))

    def __getitem__(self, annee: int) -> tuple[int, ...]:
        rang = bisect_left(self._annees, annee)
        if rang == len(self._annees) or self._annees[rang] != annee:
            raise KeyError(annee)
        return tuple(self._valeurs[rang * LARGEUR : (rang + 1) * LARGEUR])

    def __iter__(self) -> Iterator[int]:
        return iter(self._annees)

    def __len__(self) -> int:
        return len(self._annees)

    def paires(self) -> Iterator[tuple[int, Sequence[int]]]:
        """``(année, montants)`` dans l'ordre des années, sans recherche."""
        valeurs = self._valeurs
        for rang, annee in enumerate(self._annees):
            yield annee, valeurs[rang * LARGEUR : (rang + 1) * LARGEUR]

    def __add__(self, autre: SerieCentimes) -> SerieCentimes:
        return self.combiner(autre, 1)

    def combiner(self, autre: Mapping[int, Sequence[int]], signe: int) -> SerieCentimes:
        """``self + signe × autre``, année par année (une année absente d'un côté vaut zéro)."""
        autre = SerieCentimes.de(autre)
        gauche, droite = dict(self.paires()), dict(autre.paires())
        zero = (0,) * LARGEUR
        annees = sorted(gauche.keys() | droite.keys())
        return SerieCentimes(
            annees,
            _valeurs(
                x + signe * y
                for a in annees
                for x, y in zip(gauche.get(a, zero), droite.get(a, zero), strict=True)
            ),
        )

    def __eq__(self, autre: object) -> bool:
        if isinstance(autre, SerieCentimes):
            return self._annees == autre._annees and list(self._valeurs) == list(autre._valeurs)
        if isinstance(autre, Mapping):
            return dict(self.items()) == {a: tuple(v) for a, v in autre.items()}
        return NotImplemented

    def __hash__(self) -> int:
        return hash((tuple(self._annees), tuple(self._valeurs)))

    def __repr__(self) -> str:
        return f"SerieCentimes({dict(self.items())!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        return (SerieCentimes, (self._annees, self._valeurs))
