"""Données de référence des indemnités : indice brut terminal, point d'indice, barèmes des taux
maximaux par strate, effectif légal du conseil municipal (CGCT L2121-2, par version du tableau),
majorations — chacune datée et sourcée (``collectivites/donnees/indemnites/references.toml``).

Les méthodes de :class:`References` calculent dans le contexte décimal de la bibliothèque : un
appelant qui a réduit la précision ne change ni le terme de référence ni le nombre d'adjoints."""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import tomllib
from decimal import Decimal
from typing import Any

import attrs

from collectivites._moteur import CONTEXTE_CALCUL, CONTEXTE_MONTANTS, moteur
from collectivites.donnees import lire_texte_paquet
from collectivites.erreurs import ErreurDonnees
from collectivites.monnaie import CENTIME

__all__ = [
    "BaremeCommunal",
    "EffectifConseil",
    "IndiceTerminal",
    "Majoration",
    "PointIndice",
    "References",
    "montant_mensuel",
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
class BaremeCommunal:
    """Les taux maximaux (fractions) par strate de population, à une date : ``maires`` et
    ``adjoints`` sont des suites (population minimale, taux).

    Anciennement ``Bareme``, nom qu'emploie aussi :class:`collectivites.regles.rep.Bareme`
    (le barème de soutiens d'un éco-organisme) ; le pendant des assemblées est
    :class:`BaremeAssemblee`."""

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
class EffectifConseil:
    """Le tableau de CGCT L2121-2 dans une de ses rédactions : ``strates`` est une suite
    (population minimale, nombre des membres du conseil municipal)."""

    date_effet: dt.date
    source: str
    strates: tuple[tuple[int, int], ...]

    def membres(self, population: int) -> int:
        """Le nombre des membres du conseil municipal d'une commune de ``population``
        habitants."""
        rang = bisect.bisect_right([p for p, _ in self.strates], population) - 1
        return self.strates[max(rang, 0)][1]


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
    #: Population DGF (L2334-2) minimale : 5 000 habitants pour la DACOM (L2123-22, 5°).
    seuil_population_dgf: int | None = None

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
    baremes: tuple[BaremeCommunal, ...]
    taux_conseiller: Decimal
    seuil_conseillers_hors_enveloppe: int
    source_conseillers: str
    effectifs: tuple[EffectifConseil, ...]
    part_adjoints: Decimal
    source_adjoints: str
    majorations: dict[str, Majoration]
    source_sinistree: str
    taux_majoration_executif: Decimal
    seuil_majoration_executif: int
    source_majoration_executif: str
    seuil_adjoints_quartier: int
    part_adjoints_quartier: Decimal
    source_adjoints_quartier: str
    source_population: str

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

    def bareme_au(self, jour: dt.date) -> BaremeCommunal:
        return self._au(self.baremes, jour, "barème des indemnités")  # type: ignore[no-any-return]

    def traitement_au(self, jour: dt.date) -> Decimal:
        """Le terme de référence mensuel (L2123-20, I) : indice majoré × point annuel / 12,
        arrondi au centime — pour l'affichage ; les indemnités se calculent sur le traitement
        non arrondi (:meth:`montant`)."""
        indice, point = self.indice_au(jour), self.point_au(jour)
        brut = CONTEXTE_CALCUL.divide(
            CONTEXTE_CALCUL.multiply(Decimal(indice.indice_majore), point.valeur_annuelle),
            Decimal(12),
        )
        return CONTEXTE_MONTANTS.quantize(brut, CENTIME)

    def traitement_exact(self, jour: dt.date) -> Decimal:
        """Le terme de référence mensuel non arrondi (indice majoré × point annuel / 12, à 34
        chiffres) : 835 × 59,0734 / 12 = 4 110,524083… au 1er janvier 2024."""
        indice, point = self.indice_au(jour), self.point_au(jour)
        return CONTEXTE_CALCUL.divide(
            CONTEXTE_CALCUL.multiply(Decimal(indice.indice_majore), point.valeur_annuelle),
            Decimal(12),
        )

    def montant(self, jour: dt.date, taux: Decimal) -> Decimal:
        """Le montant mensuel d'un taux du terme de référence le ``jour`` (voir
        :func:`montant_mensuel`)."""
        return montant_mensuel(self.indice_au(jour), self.point_au(jour), taux)

    def effectif_au(self, jour: dt.date) -> EffectifConseil:
        """La rédaction du tableau de L2121-2 en vigueur le ``jour``."""
        return self._au(self.effectifs, jour, "effectif du conseil municipal")  # type: ignore[no-any-return]

    def effectif_legal(self, population: int, jour: dt.date) -> int:
        """L'effectif légal du conseil municipal le ``jour`` (L2121-2)."""
        return self.effectif_au(jour).membres(population)

    def adjoints_quartier_maximum(self, population: int, jour: dt.date) -> int:
        """Le nombre maximal d'adjoints de quartier : 10 % de l'effectif légal, arrondi à
        l'entier inférieur, dans les communes de 80 000 habitants et plus (L2122-2-1), 0
        ailleurs."""
        if population < self.seuil_adjoints_quartier:
            return 0
        produit = CONTEXTE_CALCUL.multiply(
            Decimal(self.effectif_legal(population, jour)), self.part_adjoints_quartier
        )
        return int(produit)

    def adjoints_maximum(self, population: int, jour: dt.date) -> int:
        """Le nombre maximal d'adjoints : 30 % de l'effectif légal, arrondi à l'entier inférieur
        (L2122-2)."""
        produit = CONTEXTE_CALCUL.multiply(
            Decimal(self.effectif_legal(population, jour)), self.part_adjoints
        )
        return int(produit)


def montant_mensuel(indice: IndiceTerminal, point: PointIndice, taux: Decimal) -> Decimal:
    """Le montant mensuel d'un taux du terme de référence, comme les tables de la DGCL : le taux
    s'applique au traitement non arrondi (indice majoré × point annuel / 12) et seul le résultat
    est arrondi au centime, au demi supérieur. Le produit indice × point × taux est exact ; une
    seule division par 12 précède l'arrondi, qui ne peut donc pas tomber à tort d'un côté d'un
    demi-centime. Au 1er janvier 2024, 22 % donnent 904,32 € (835 × 59,0734 / 12 × 22 % =
    904,3153…), et non 904,31 (4 110,52 × 22 %)."""
    produit = CONTEXTE_CALCUL.multiply(
        CONTEXTE_CALCUL.multiply(Decimal(indice.indice_majore), point.valeur_annuelle), taux
    )
    return CONTEXTE_MONTANTS.quantize(CONTEXTE_CALCUL.divide(produit, Decimal(12)), CENTIME)


def _taux(texte: str) -> Decimal:
    return Decimal(texte) / _CENT


def _lire(donnees: dict[str, Any]) -> References:
    baremes = tuple(
        BaremeCommunal(
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
            seuil_population_dgf=m.get("seuil_population_dgf"),
        )
        for m in donnees["majoration"]
    }
    conseillers, adjoints = donnees["conseillers"], donnees["adjoints"]
    effectifs = tuple(
        EffectifConseil(
            date_effet=e["date_effet"],
            source=e["source"],
            strates=tuple((p, n) for p, n in e["strates"]),
        )
        for e in donnees["effectif_conseil"]
    )
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
        effectifs=effectifs,
        part_adjoints=Decimal(adjoints["part"]),
        source_adjoints=adjoints["source"],
        majorations=majorations,
        source_sinistree=donnees["sinistree"]["source"],
        taux_majoration_executif=_taux(donnees["majoration_executif"]["taux"]),
        seuil_majoration_executif=donnees["majoration_executif"]["seuil"],
        source_majoration_executif=donnees["majoration_executif"]["source"],
        seuil_adjoints_quartier=donnees["adjoints_quartier"]["seuil"],
        part_adjoints_quartier=Decimal(donnees["adjoints_quartier"]["part"]),
        source_adjoints_quartier=donnees["adjoints_quartier"]["source"],
        source_population=donnees["population"]["source"],
    )


@moteur
@functools.cache
def references_indemnites() -> References:
    """Les données de référence livrées (lues une fois)."""
    return _lire(tomllib.loads(lire_texte_paquet(FICHIER)))
