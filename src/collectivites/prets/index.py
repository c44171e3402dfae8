"""Index des prêts : séries livrées (Livret A, LEP), index figé, scénarios et greffons.

Une source d'index est tout objet qui répond à ``valeur_au(date) -> Decimal`` (une fraction).
Les séries livrées s'enregistrent par le groupe de points d'entrée ``collectivites.index``,
exactement comme celles d'un greffon : le nom de l'index (``livret_a``) désigne une fonction sans
argument qui rend une :class:`~collectivites.donnees.SerieDatee`.

Règle après la dernière valeur publiée : la dernière valeur reste en vigueur (art. 5 : les
échéances « continueront à être appelées … sur la base du dernier Index publié »).
"""

from __future__ import annotations

import datetime as dt
import functools
from decimal import Decimal
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

import attrs

from collectivites._dossier import lire_fichier
from collectivites.donnees import PointSerie, SerieDatee, lire_serie_csv, lire_texte_paquet
from collectivites.erreurs import ErreurDonnees, ErreurPlugin

if TYPE_CHECKING:
    from collectivites.prets.modeles import LigneDePret

__all__ = [
    "IndexFige",
    "SourceIndex",
    "index_disponibles",
    "lire_index_cli",
    "lire_index_csv",
    "prolonger",
    "serie_index",
    "serie_lep",
    "serie_livret_a",
]

GROUPE_POINTS_ENTREE = "collectivites.index"


class SourceIndex(Protocol):
    """Ce qu'un moteur attend d'un index : sa valeur (fraction) à une date."""

    def valeur_au(self, jour: dt.date, /) -> Decimal: ...


@attrs.frozen(kw_only=True)
class IndexFige:
    """Index figé à une valeur : hypothèse du tableau prévisionnel de la CDC (« la valeur de
    l'index en vigueur lors de l'émission du présent TA est de 0,75 % »)."""

    valeur: Decimal
    description: str = "index figé à sa valeur d'émission"

    def valeur_au(self, _jour: dt.date, /) -> Decimal:
        return self.valeur


def _serie_paquet(fichier: str, nom: str) -> SerieDatee:
    return lire_serie_csv(lire_texte_paquet(fichier), nom=nom, fichier=f"donnees/{fichier}")


@functools.cache
def serie_livret_a() -> SerieDatee:
    """Taux du Livret A depuis le 1er juillet 2000 (dates d'effet et sources dans le fichier)."""
    return _serie_paquet("livret_a.csv", "livret_a")


@functools.cache
def serie_lep() -> SerieDatee:
    """Taux du Livret d'épargne populaire depuis le 1er février 2008."""
    return _serie_paquet("lep.csv", "lep")


@functools.cache
def _points_entree() -> dict[str, metadata.EntryPoint]:
    return {ep.name: ep for ep in metadata.entry_points(group=GROUPE_POINTS_ENTREE)}


def index_disponibles() -> list[str]:
    """Noms des index dont une série est livrée ou fournie par un greffon."""
    return sorted(_points_entree())


def serie_index(nom: str) -> SerieDatee:
    """Série historique de l'index ``nom`` (paquet ou greffon)."""
    point = _points_entree().get(nom)
    if point is None:
        raise ErreurDonnees(
            f"aucune série historique n'est livrée pour l'index « {nom} » "
            f"(séries disponibles : {', '.join(index_disponibles())}) ; fournissez la vôtre "
            "avec --index FICHIER.csv (colonnes date,valeur)"
        )
    try:
        fabrique = point.load()
        serie = fabrique()
    except Exception as exc:  # un greffon défectueux ne doit pas passer pour une donnée absente
        distribution = point.dist.name if point.dist else "?"
        raise ErreurPlugin(
            f"le greffon d'index « {nom} » ({point.value}, distribution {distribution}) est "
            f"défectueux : {exc}"
        ) from exc
    if not hasattr(serie, "valeur_au"):
        raise ErreurPlugin(f"le greffon d'index « {nom} » ne rend pas une série ({point.value})")
    return serie  # type: ignore[no-any-return]


def lire_index_csv(chemin: str | Path, *, nom: str | None = None) -> SerieDatee:
    """Lit un scénario ou un historique d'index : CSV ``date,valeur`` (« 3 % »)."""
    chemin = Path(chemin)
    texte = lire_fichier(chemin)
    return lire_serie_csv(texte, nom=nom or chemin.stem, fichier=str(chemin))


def prolonger(historique: SerieDatee, scenario: SerieDatee) -> SerieDatee:
    """L'historique jusqu'à la première date du scénario, puis le scénario."""
    debut = scenario.premiere_date
    points: tuple[PointSerie, ...] = (
        tuple(p for p in historique.points if p.date_effet < debut) + scenario.points
    )
    return SerieDatee(
        nom=f"{historique.nom}+{scenario.nom}",
        points=points,
        source=f"{historique.source} puis {scenario.source}",
    )


def lire_index_cli(specification: str, ligne: LigneDePret) -> SourceIndex | None:
    """Index demandé en ligne de commande : ``emission`` (``None`` : index figé), ``historique``
    (la série livrée de l'index de la ligne), ou un fichier CSV de scénario qui prolonge la série
    livrée (ou la remplace si aucune n'est livrée)."""
    if specification == "emission" or ligne.index == "fixe":
        return None  # un taux fixe ne dépend d'aucun index
    if specification == "historique":
        return serie_index(ligne.index)
    scenario = lire_index_csv(specification)
    if ligne.index in _points_entree():
        return prolonger(serie_index(ligne.index), scenario)
    return scenario
