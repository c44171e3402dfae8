"""Scénarios d'index pour un portefeuille de lignes.

Un scénario associe à chaque ligne une source d'index :

* ``emission`` : chaque index figé à sa valeur d'émission (tableaux prévisionnels de la CDC) ;
* ``historique`` : la série livrée de l'index de la ligne ; un index sans série livrée
  (Inflation, Euribor) reste figé à sa valeur d'émission, et le scénario le dit ;
* ``FICHIER.csv`` : un chemin de Livret A (``date,valeur``) qui prolonge l'historique ; les
  autres index suivent ``historique`` ;
* ``livret_a+1 %`` (ou ``-0,5 %``…) : le scénario de base, Livret A décalé d'autant à partir
  d'une date.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import attrs

from collectivites.erreurs import ErreurValeur
from collectivites.prets.index import (
    IndexFige,
    SourceIndex,
    index_disponibles,
    lire_index_csv,
    prolonger,
    serie_index,
)
from collectivites.prets.modeles import LigneDePret
from collectivites.taux import formater_taux, lire_taux

__all__ = ["IndexDecale", "Scenario", "scenario"]

_CHOC = re.compile(r"^\s*([a-z_]+)\s*([+-].+)$")


@attrs.frozen(kw_only=True)
class IndexDecale:
    """Un index décalé de ``ecart`` à partir du ``depuis`` (choc de taux)."""

    source: SourceIndex
    ecart: Decimal
    depuis: dt.date

    def valeur_au(self, jour: dt.date, /) -> Decimal:
        valeur = self.source.valeur_au(jour)
        return valeur + self.ecart if jour >= self.depuis else valeur

    @property
    def points(self) -> tuple[object, ...]:
        return getattr(self.source, "points", ())


@attrs.frozen(kw_only=True)
class Scenario:
    """Un scénario nommé et ses notes (index figés faute de série, chocs appliqués)."""

    nom: str
    choisir: Callable[[LigneDePret], SourceIndex | None]
    notes: tuple[str, ...] = ()

    def __call__(self, ligne: LigneDePret) -> SourceIndex | None:
        return self.choisir(ligne)


def _historique(ligne: LigneDePret) -> SourceIndex | None:
    if ligne.index == "fixe" or ligne.index not in index_disponibles():
        return None
    return serie_index(ligne.index)


def scenario(specification: str, *, depuis: dt.date | None = None) -> Scenario:
    """Construit un scénario depuis sa spécification (voir le module)."""
    texte = specification.strip()
    if texte == "emission":
        return Scenario(nom="index figés à leur valeur d'émission", choisir=lambda _l: None)
    sans_serie = [i for i in ("inflation", "euribor") if i not in index_disponibles()]
    note = (
        f"Index sans série livrée ({', '.join(sans_serie)}) : figés à leur valeur d'émission."
        if sans_serie
        else ""
    )
    if texte == "historique":
        return Scenario(nom="historique livré", choisir=_historique, notes=(note,) if note else ())
    choc = _CHOC.match(texte)
    if choc:
        nom_index, brut = choc.groups()
        if depuis is None:
            raise ErreurValeur(f"le choc « {texte} » exige une date de départ (« depuis »)")
        ecart = lire_taux(brut.replace("+", "").strip(), champ="choc")
        if brut.strip().startswith("-") and ecart > 0:
            ecart = -ecart

        def choquer(ligne: LigneDePret) -> SourceIndex | None:
            base = _historique(ligne)
            if ligne.index != nom_index:
                return base
            if base is None:
                base = IndexFige(valeur=ligne.valeur_index_reference)
            return IndexDecale(source=base, ecart=ecart, depuis=depuis)

        notes = [f"{nom_index} décalé de {formater_taux(ecart)} à partir du {depuis.isoformat()}."]
        if note:
            notes.append(note)
        return Scenario(nom=f"historique, {texte}", choisir=choquer, notes=tuple(notes))
    chemin = Path(texte)
    chemin_livret = lire_index_csv(chemin, nom=chemin.stem)
    trajectoire = prolonger(serie_index("livret_a"), chemin_livret)

    def suivre(ligne: LigneDePret) -> SourceIndex | None:
        return trajectoire if ligne.index == "livret_a" else _historique(ligne)

    notes_fichier = [
        f"Livret A : historique puis {chemin.name} à partir du "
        f"{chemin_livret.premiere_date.isoformat()}."
    ]
    if note:
        notes_fichier.append(note)
    return Scenario(nom=f"scénario {chemin.name}", choisir=suivre, notes=tuple(notes_fichier))
