"""Index des prêts : séries livrées (Livret A, LEP), index figé, index décalé, greffons.

Une source d'index répond au protocole :class:`~collectivites.donnees.SourceIndex`
(``valeur_au`` et ``changements``). Les séries livrées sont enregistrées dans le code ; celles
des greffons s'ajoutent par le groupe de points d'entrée ``collectivites.index`` : le nom de
l'index (``livret_a``) désigne une fonction sans argument qui rend une
:class:`~collectivites.donnees.SerieDatee`.

Règle après la dernière valeur publiée : la dernière valeur reste en vigueur (art. 5 : les
échéances « continueront à être appelées … sur la base du dernier Index publié »).
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
from collections.abc import Callable
from decimal import Decimal
from importlib import metadata
from pathlib import Path
from typing import Any

import attrs

from collectivites._champs import v_date, v_decimal, v_texte
from collectivites._moteur import CONTEXTE_CALCUL, moteur
from collectivites.chargement import lire_texte_tableur
from collectivites.donnees import (
    PointSerie,
    SerieDatee,
    SourceIndex,
    lire_serie_csv,
    serie_livree,
)
from collectivites.donnees._series import Palier, lecteur_de_paliers
from collectivites.erreurs import ErreurDonnees, ErreurPlugin, ErreurType

__all__ = [
    "IndexDecale",
    "IndexFige",
    "index_disponibles",
    "lire_index_csv",
    "prolonger",
    "serie_index",
    "serie_lep",
    "serie_livret_a",
]

GROUPE_POINTS_ENTREE = "collectivites.index"


@attrs.frozen(kw_only=True)
class IndexFige:
    """Index figé à une valeur : hypothèse du tableau prévisionnel de la CDC (« la valeur de
    l'index en vigueur lors de l'émission du présent TA est de 0,75 % »)."""

    valeur: Decimal = attrs.field(validator=v_decimal())
    description: str = attrs.field(default="index figé à sa valeur d'émission", validator=v_texte())

    def valeur_au(self, _jour: dt.date, /) -> Decimal:
        return self.valeur

    def palier_au(self, _jour: dt.date, /) -> Palier:
        return self.valeur, None

    def changements(self, _debut: dt.date, _fin: dt.date, /) -> tuple[dt.date, ...]:
        return ()


def _source(_instance: object, attribut: Any, valeur: Any) -> None:
    if not isinstance(valeur, SourceIndex):
        raise ErreurType(
            "type refusé", cle=attribut.name, valeur=valeur, attendu="une source d'index"
        )


@attrs.frozen(kw_only=True)
class IndexDecale:
    """Un index décalé de ``ecart`` à partir du ``depuis`` (choc de taux)."""

    source: SourceIndex = attrs.field(validator=_source)
    ecart: Decimal = attrs.field(
        validator=v_decimal(minimum=Decimal("-0.20"), maximum=Decimal("0.20"))
    )
    depuis: dt.date = attrs.field(validator=v_date())

    def valeur_au(self, jour: dt.date, /) -> Decimal:
        valeur = self.source.valeur_au(jour)
        return CONTEXTE_CALCUL.add(valeur, self.ecart) if jour >= self.depuis else valeur

    def palier_au(self, jour: dt.date, /) -> Palier:
        """Le palier de la source, décalé à partir du ``depuis`` (qui en clôt un)."""
        valeur, fin = lecteur_de_paliers(self.source)(jour)
        if jour >= self.depuis:
            return CONTEXTE_CALCUL.add(valeur, self.ecart), fin
        return valeur, self.depuis if fin is None else min(self.depuis, fin)

    def changements(self, debut: dt.date, fin: dt.date, /) -> tuple[dt.date, ...]:
        dates = set(self.source.changements(debut, fin))
        if debut < self.depuis < fin:
            dates.add(self.depuis)
        return tuple(sorted(dates))


def serie_livret_a() -> SerieDatee:
    """Taux du Livret A depuis le 1er juillet 2000 (dates d'effet et textes dans le fichier),
    prolongé par le dossier utilisateur s'il y a lieu (:func:`collectivites.donnees.serie_livree`).
    """
    return serie_livree("livret_a")


def serie_lep() -> SerieDatee:
    """Taux du Livret d'épargne populaire depuis le 1er février 2008, prolongé de même."""
    return serie_livree("lep")


#: Séries livrées, enregistrées dans le code (une copie des sources les trouve sans métadonnées
#: d'installation) ; les greffons passent par le même contrat.
LIVREES: dict[str, Callable[[], SerieDatee]] = {"livret_a": serie_livret_a, "lep": serie_lep}


@functools.cache
def _points_entree() -> dict[str, metadata.EntryPoint]:
    return {
        ep.name: ep
        for ep in metadata.entry_points(group=GROUPE_POINTS_ENTREE)
        if ep.name not in LIVREES
    }


def index_disponibles() -> list[str]:
    """Noms des index dont une série est livrée ou fournie par un greffon."""
    return sorted({*LIVREES, *_points_entree()})


@moteur
def serie_index(nom: str) -> SerieDatee:
    """Série historique de l'index ``nom`` (paquet ou greffon)."""
    if not isinstance(nom, str):
        raise ErreurType("type refusé", cle="index", valeur=nom, attendu="un nom d'index")
    if nom in LIVREES:
        return LIVREES[nom]()
    point = _points_entree().get(nom)
    if point is None:
        proches = difflib.get_close_matches(nom, index_disponibles())  # le plus proche en tête
        suggestion = f" ; vouliez-vous dire « {proches[0]} » ?" if proches else ""
        raise ErreurDonnees(
            f"aucune série historique n'est livrée pour cet index{suggestion} ; fournissez la "
            "vôtre (CSV date,valeur)",
            cle="index",
            valeur=nom,
            attendu=", ".join(index_disponibles()),
        )
    try:
        serie = point.load()()
    except Exception as exc:  # un greffon défectueux ne doit pas passer pour une donnée absente
        distribution = point.dist.name if point.dist else "?"
        raise ErreurPlugin(
            f"le greffon d'index « {nom} » ({point.value}, distribution {distribution}) est "
            f"défectueux : {exc}"
        ) from exc
    if not isinstance(serie, SerieDatee):
        raise ErreurPlugin(
            f"le greffon d'index « {nom} » ne rend pas une SerieDatee ({point.value})",
            valeur=serie,
        )
    return serie


@moteur
def lire_index_csv(chemin: str | Path, *, nom: str | None = None) -> SerieDatee:
    """Lit un scénario ou un historique d'index : CSV ``date,valeur`` (« 3 % »), aussi au format
    d'un tableur français (« ; », virgule décimale, dates JJ/MM/AAAA)."""
    chemin = Path(chemin) if isinstance(chemin, str) else chemin
    if not isinstance(chemin, Path):
        raise ErreurType("type refusé", cle="chemin", valeur=chemin, attendu="un chemin de fichier")
    return lire_serie_csv(lire_texte_tableur(chemin), nom=nom or chemin.stem, fichier=str(chemin))


@moteur
def prolonger(historique: SerieDatee, scenario: SerieDatee) -> SerieDatee:
    """L'historique jusqu'à la première date du scénario, puis le scénario."""
    debut = scenario.premiere_date
    points: tuple[PointSerie, ...] = (
        tuple(p for p in historique.points if p.date_effet < debut) + scenario.points
    )
    return SerieDatee(
        nom=f"{historique.nom}+{scenario.nom}",
        points=points,
        source=f"{historique.source} puis {scenario.source}"[:2000],
    )
