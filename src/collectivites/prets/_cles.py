"""Ensembles de clés compacts, pour les projections partielles d'un très grand portefeuille.

Une projection partielle garde les clés de ses lignes (et les contrats d'un tableau) pour
refuser, à la fusion, une ligne vue dans deux parties. Un ``frozenset`` de chaînes coûte de
l'ordre de 150 octets par clé : 4,4 des 8,6 Mio gardés pour une partition de 20 000 lignes
(30 000 clés), gardés par le client jusqu'à la fusion de toutes les parties.
Ici, les clés sont triées (ordre des octets UTF-8, qui est celui des points de code),
terminées chacune par un octet nul et compressées par zlib : quelques octets par clé.
La fusion de plusieurs ensembles est une fusion de listes triées, en flux, par morceaux : elle
ne décompresse jamais un ensemble entier et trouve la plus petite clé commune à deux parties.
"""

from __future__ import annotations

import heapq
import operator
import zlib
from collections.abc import Iterable, Iterator, Sequence

import attrs

from collectivites.erreurs import ErreurType, ErreurValeur

__all__ = ["EnsembleCles", "reunir"]

_FIN = b"\x00"
_MORCEAU = 1 << 14  # octets compressés lus à la fois par ensemble pendant une fusion
_NIVEAU = 6
_TAMPON = 4096  # clés gardées en clair avant d'être données au compresseur


def _encoder(cle: object) -> bytes:
    if not isinstance(cle, str):
        raise ErreurValeur("clé d'ensemble qui n'est pas un texte", valeur=repr(cle))
    if "\x00" in cle:
        raise ErreurValeur("clé d'ensemble contenant un caractère nul", valeur=repr(cle))
    return cle.encode()


def _octets(donnees: bytes) -> Iterator[bytes]:
    """Les clés (en octets) d'un ensemble, décompressées morceau par morceau."""
    flux = zlib.decompressobj()
    reste = b""
    for debut in range(0, len(donnees), _MORCEAU):
        morceau = reste + flux.decompress(donnees[debut : debut + _MORCEAU])
        *completes, reste = morceau.split(_FIN)
        yield from completes
    *completes, reste = (reste + flux.flush()).split(_FIN)
    yield from completes


class _Compresseur:
    def __init__(self) -> None:
        self._flux = zlib.compressobj(_NIVEAU)
        self._morceaux: list[bytes] = []
        self._tampon: list[bytes] = []
        self.nombre = 0

    def ajouter(self, cle: bytes) -> None:
        self._tampon.append(cle)
        self.nombre += 1
        if len(self._tampon) >= _TAMPON:
            self._vider()

    def _vider(self) -> None:
        if self._tampon:
            self._morceaux.append(self._flux.compress(_FIN.join(self._tampon) + _FIN))
            self._tampon = []

    def ensemble(self) -> EnsembleCles:
        self._vider()
        self._morceaux.append(self._flux.flush())
        return EnsembleCles(nombre=self.nombre, donnees=b"".join(self._morceaux))


@attrs.frozen(eq=False)
class EnsembleCles:
    """Un ensemble de textes, compressé, qui se parcourt dans l'ordre et se réunit à d'autres
    (:func:`reunir`). Se construit par :meth:`de` ; se compare par son contenu."""

    nombre: int
    donnees: bytes = attrs.field(repr=False)

    @classmethod
    def de(cls, cles: Iterable[str]) -> EnsembleCles:
        """L'ensemble des textes ``cles`` (un doublon n'y est qu'une fois)."""
        if isinstance(cles, EnsembleCles):
            return cles
        if isinstance(cles, (str, bytes)) or not isinstance(cles, Iterable):
            raise ErreurType("type refusé", valeur=repr(cles)[:80], attendu="un ensemble de textes")
        compresseur = _Compresseur()
        for cle in sorted({_encoder(c) for c in cles}):
            compresseur.ajouter(cle)
        return compresseur.ensemble()

    def __len__(self) -> int:
        return self.nombre

    def __iter__(self) -> Iterator[str]:
        return (o.decode() for o in _octets(self.donnees))

    def __contains__(self, cle: object) -> bool:
        # Une clé qui contient un octet nul n'est égale à aucune clé rangée (ce sont elles
        # que l'octet nul sépare) : elle n'y est pas, sans refus.
        return isinstance(cle, str) and cle.encode() in _octets(self.donnees)

    def __eq__(self, autre: object) -> bool:
        if isinstance(autre, EnsembleCles):
            # Même nombre de clés : les deux parcours ont la même longueur.
            return self.nombre == autre.nombre and all(
                map(operator.eq, _octets(self.donnees), _octets(autre.donnees))
            )
        if isinstance(autre, (set, frozenset)):
            return self.nombre == len(autre) and set(self) == autre
        return NotImplemented

    def __hash__(self) -> int:
        # Le texte décompressé ne dépend que des clés : égal pour deux ensembles égaux.
        return hash(zlib.crc32(zlib.decompress(self.donnees)))


def reunir(ensembles: Sequence[EnsembleCles]) -> tuple[EnsembleCles, str | None]:
    """La réunion des ``ensembles`` et la plus petite clé présente dans deux d'entre eux
    (``None`` s'ils sont disjoints). Fusion en flux : la mémoire est celle d'un morceau par
    ensemble, non celle des clés."""
    compresseur = _Compresseur()
    commune: bytes | None = None
    precedente: bytes | None = None
    # Une boucle simple plutôt que itertools.groupby : c'est le cœur de chaque fusion de
    # parties, et groupby (une liste par clé) y coûtait de 35 à 80 % de plus.
    for cle in heapq.merge(*(_octets(e.donnees) for e in ensembles)):
        if cle == precedente:
            if commune is None:
                commune = cle
            continue
        compresseur.ajouter(cle)
        precedente = cle
    return compresseur.ensemble(), None if commune is None else commune.decode()
