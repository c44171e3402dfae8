"""Données de référence des indemnités : indice brut terminal, point d'indice, barèmes des taux
maximaux par strate, effectif du conseil, majorations — chacune datée et sourcée
(``collectivites/donnees/indemnites/references.toml``)."""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import tomllib
from decimal import Decimal
from typing import Any

import attrs

from collectivites._moteur import CONTEXTE_MONTANTS, moteur
from collectivites.donnees import lire_texte_paquet
from collectivites.erreurs import ErreurDonnees
from collectivites.monnaie import CENTIME

__all__ = [
    "Bareme",
    "IndiceTerminal",
    "Majoration",
    "PointIndice",
    "References",
    "references_indemnites",
]

FICHIER = "indemnites/references.toml"
_CENT = Decimal(100)


@attrs.frozen(kw_only=True)
class IndiceTerminal:
    """L'indice brut terminal de la fonction publique et son indice majoré, à une date."""

    date_effet: dt.date
    indice_brut: int
    indice_majore: int
    source: str


@attrs.frozen(kw_only=True)
class PointIndice:
    """La valeur annuelle du point d'indice (décret n° 85-1148, art. 3), à une date."""

    date_effet: dt.date
    valeur_annuelle: Decimal
    source: str


@attrs.frozen(kw_only=True)
class Bareme:
    """Les taux maximaux (fractions) par strate de population, à une date : ``maires`` et
    ``adjoints`` sont des suites (population minimale, taux)."""

    date_effet: dt.date
    source: str
    enveloppe: str  # « adjoints_en_exercice » ou « adjoints_maximum »
    enveloppe_source: str
    maires: tuple[tuple[int, Decimal], ...]
    adjoints: tuple[tuple[int, Decimal], ...]
    precision: str = ""

    @staticmethod
    def _strate(strates: tuple[tuple[int, Decimal], ...], population: int, cran: int) -> Decimal:
        rang = bisect.bisect_right([p for p, _ in strates], population) - 1
        return strates[min(rang + cran, len(strates) - 1)][1]

    def taux_maire(self, population: int, *, strate_superieure: bool = False) -> Decimal:
        """Taux maximal du maire (L2123-23) ; ``strate_superieure`` : celui de la strate
        immédiatement supérieure (R2123-23, 4°)."""
        return self._strate(self.maires, population, int(strate_superieure))

    def taux_adjoint(self, population: int, *, strate_superieure: bool = False) -> Decimal:
        """Taux maximal d'un adjoint (L2123-24, I)."""
        return self._strate(self.adjoints, population, int(strate_superieure))


@attrs.frozen(kw_only=True)
class Majoration:
    """Une majoration de L2123-22 / R2123-23 : taux (fraction) ; ``groupe`` : les majorations
    d'un même groupe (chefs-lieux) ne se cumulent pas entre elles."""

    code: str
    groupe: str
    source: str
    taux: Decimal | None = None
    taux_au_dela: Decimal | None = None
    seuil: int | None = None

    def taux_pour(self, population: int) -> Decimal:
        """Le taux applicable à une commune de ``population`` habitants."""
        assert self.taux is not None
        if self.seuil is not None and self.taux_au_dela is not None and population >= self.seuil:
            return self.taux_au_dela
        return self.taux


@attrs.frozen(kw_only=True)
class References:
    """Toutes les données de référence des indemnités, lues une fois."""

    confirmee_au: dt.date
    indices: tuple[IndiceTerminal, ...]
    points: tuple[PointIndice, ...]
    baremes: tuple[Bareme, ...]
    taux_conseiller: Decimal
    seuil_conseillers_hors_enveloppe: int
    source_conseillers: str
    effectif: tuple[tuple[int, int], ...]
    part_adjoints: Decimal
    source_effectif: str
    majorations: dict[str, Majoration]
    source_sinistree: str

    @staticmethod
    def _au(elements: tuple[Any, ...], jour: dt.date, quoi: str) -> Any:
        rang = bisect.bisect_right([e.date_effet for e in elements], jour) - 1
        if rang < 0:
            raise ErreurDonnees(
                f"{quoi} : aucune valeur livrée avant le {elements[0].date_effet:%d/%m/%Y}",
                cle="date",
                valeur=jour,
                attendu=f"une date à partir du {elements[0].date_effet:%d/%m/%Y}",
            )
        return elements[rang]

    def indice_au(self, jour: dt.date) -> IndiceTerminal:
        return self._au(self.indices, jour, "indice brut terminal")  # type: ignore[no-any-return]

    def point_au(self, jour: dt.date) -> PointIndice:
        return self._au(self.points, jour, "point d'indice")  # type: ignore[no-any-return]

    def bareme_au(self, jour: dt.date) -> Bareme:
        return self._au(self.baremes, jour, "barème des indemnités")  # type: ignore[no-any-return]

    def traitement_au(self, jour: dt.date) -> Decimal:
        """Le terme de référence mensuel (L2123-20, I) : indice majoré × point annuel / 12,
        arrondi au centime."""
        indice, point = self.indice_au(jour), self.point_au(jour)
        brut = Decimal(indice.indice_majore) * point.valeur_annuelle / Decimal(12)
        return CONTEXTE_MONTANTS.quantize(brut, CENTIME)

    def effectif_legal(self, population: int) -> int:
        """L'effectif légal du conseil municipal (L2121-2)."""
        rang = bisect.bisect_right([p for p, _ in self.effectif], population) - 1
        return self.effectif[rang][1]

    def adjoints_maximum(self, population: int) -> int:
        """Le nombre maximal d'adjoints : 30 % de l'effectif légal, arrondi à l'entier inférieur
        (L2122-2)."""
        return int(Decimal(self.effectif_legal(population)) * self.part_adjoints)


def _taux(texte: str) -> Decimal:
    return Decimal(texte) / _CENT


def _lire(donnees: dict[str, Any]) -> References:
    baremes = tuple(
        Bareme(
            date_effet=b["date_effet"],
            source=b["source"],
            enveloppe=b["enveloppe"],
            enveloppe_source=b["enveloppe_source"],
            precision=b.get("precision", ""),
            maires=tuple((p, _taux(t)) for p, t in b["maires"]),
            adjoints=tuple((p, _taux(t)) for p, t in b["adjoints"]),
        )
        for b in donnees["bareme"]
    )
    majorations = {
        m["code"]: Majoration(
            code=m["code"],
            groupe=m["groupe"],
            source=m["source"],
            taux=_taux(m["taux"]) if "taux" in m else None,
            taux_au_dela=_taux(m["taux_au_dela"]) if "taux_au_dela" in m else None,
            seuil=m.get("seuil"),
        )
        for m in donnees["majoration"]
    }
    conseillers, effectif = donnees["conseillers"], donnees["effectif_conseil"]
    return References(
        confirmee_au=donnees["confirmee_au"],
        indices=tuple(IndiceTerminal(**i) for i in donnees["indice_terminal"]),
        points=tuple(
            PointIndice(
                date_effet=p["date_effet"],
                valeur_annuelle=Decimal(p["valeur_annuelle"]),
                source=p["source"],
            )
            for p in donnees["point_indice"]
        ),
        baremes=baremes,
        taux_conseiller=_taux(conseillers["taux"]),
        seuil_conseillers_hors_enveloppe=conseillers["seuil_hors_enveloppe"],
        source_conseillers=conseillers["source"],
        effectif=tuple((p, n) for p, n in effectif["strates"]),
        part_adjoints=Decimal(effectif["part_adjoints"]),
        source_effectif=effectif["source"],
        majorations=majorations,
        source_sinistree=donnees["sinistree"]["source"],
    )


@moteur
@functools.cache
def references_indemnites() -> References:
    """Les données de référence livrées (lues une fois)."""
    return _lire(tomllib.loads(lire_texte_paquet(FICHIER)))
