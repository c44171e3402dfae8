"""Jours fériés par zone, avec leur référence légale et leurs années d'effet.

Les onze fêtes légales du Code du travail (art. L3133-1) valent partout ; l'Alsace-Moselle ajoute
le Vendredi saint et le 26 décembre (art. L3134-13) ; les départements et collectivités
d'outre-mer ajoutent la commémoration de l'abolition de l'esclavage (loi n° 83-550, décret
n° 83-1003 modifié). Les jours « chômés par usage local » (Mi-Carême…) ne sont comptés que sur
demande (``inclure_chomes_locaux=True``).
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterator

import attrs

from collectivites._moteur import moteur
from collectivites.calendrier._regles import hypotheses_de_zone, normaliser_zone, regles_de_zone
from collectivites.erreurs import ErreurType, ErreurValeur
from collectivites.presentation import Presentable
from collectivites.tables import Document, Genre, Table, colonnes

__all__ = [
    "ANNEE_MAX",
    "ANNEE_MIN",
    "JourFerie",
    "JoursFeries",
    "est_ferie",
    "jours_feries",
    "liste_feries",
]

#: Plage d'années couverte par le calendrier (les règles sont connues au-delà, mais les calculs
#: de délais s'appuient sur des tables précalculées sur cette plage).
ANNEE_MIN = 1900
ANNEE_MAX = 2199


@attrs.frozen(kw_only=True)
class JourFerie:
    """Un jour férié daté, avec la règle qui le fonde."""

    date: dt.date
    code: str
    nom: str
    categorie: str
    reference: str
    note: str = ""


@attrs.frozen(kw_only=True)
class JoursFeries(Presentable):
    """Les jours fériés d'une année dans une zone, avec leurs textes."""

    annee: int
    zone: str
    jours: tuple[JourFerie, ...]

    def __iter__(self) -> Iterator[JourFerie]:
        return iter(self.jours)

    def __len__(self) -> int:
        return len(self.jours)

    def decrire(self) -> Document:
        """Une ligne par jour férié (table d'agenda, exportable en iCalendar)."""
        return Document(
            titre=f"Jours fériés {self.annee} — {self.zone}",
            tables=(
                Table(
                    cle="jours_feries",
                    titre="Jours fériés",
                    role="agenda",
                    colonnes=colonnes(
                        ("date", "Date", Genre.DATE),
                        ("nom", "Jour férié", Genre.TEXTE),
                        ("code", "Code", Genre.TEXTE, {"affichee": False}),
                        ("categorie", "Catégorie", Genre.TEXTE, {"affichee": False}),
                        ("reference", "Texte", Genre.TEXTE),
                    ),
                    lignes=tuple(
                        (j.date, j.nom, j.code, j.categorie, j.reference) for j in self.jours
                    ),
                ),
            ),
            hypotheses=hypotheses_de_zone(self.zone),
        )


@moteur
def liste_feries(
    annee: int, zone: str = "metropole", *, inclure_chomes_locaux: bool = False
) -> JoursFeries:
    """Comme :func:`jours_feries`, dans un résultat qui se présente (texte, CSV, iCalendar…)."""
    jours = jours_feries(annee, zone, inclure_chomes_locaux=inclure_chomes_locaux)
    return JoursFeries(annee=annee, zone=normaliser_zone(zone), jours=jours)


def _verifier_annee(annee: int) -> None:
    attendu = f"une année de {ANNEE_MIN} à {ANNEE_MAX}"
    if not isinstance(annee, int) or isinstance(annee, bool):
        raise ErreurType("type refusé", cle="annee", valeur=annee, attendu=attendu)
    if not ANNEE_MIN <= annee <= ANNEE_MAX:
        raise ErreurValeur(
            "année hors du calendrier couvert", cle="annee", valeur=annee, attendu=attendu
        )


def jours_feries(
    annee: int, zone: str = "metropole", *, inclure_chomes_locaux: bool = False
) -> tuple[JourFerie, ...]:
    """Jours fériés de ``annee`` dans ``zone``, triés par date.

    Examples:
        >>> noms = [j.nom for j in jours_feries(2024, "alsace-moselle")]
        >>> noms[:3]
        ["Jour de l'an", 'Vendredi saint', 'Lundi de Pâques']
    """
    _verifier_annee(annee)
    if not isinstance(inclure_chomes_locaux, bool):
        raise ErreurType(
            "type refusé",
            cle="inclure_chomes_locaux",
            valeur=inclure_chomes_locaux,
            attendu="True ou False",
        )
    return _jours_feries(annee, normaliser_zone(zone), inclure_chomes_locaux)


@functools.cache
def _jours_feries(annee: int, code_zone: str, inclure_chomes_locaux: bool) -> tuple[JourFerie, ...]:
    resultat: dict[dt.date, JourFerie] = {}
    for regle in regles_de_zone(code_zone, inclure_chomes_locaux):
        jour = regle.date_en(annee)
        if jour is None or jour in resultat:
            continue
        resultat[jour] = JourFerie(
            date=jour,
            code=regle.code,
            nom=regle.nom,
            categorie=regle.categorie,
            reference=regle.reference,
            note=regle.note,
        )
    return tuple(resultat[j] for j in sorted(resultat))


def est_ferie(jour: dt.date, zone: str = "metropole") -> bool:
    """``True`` si ``jour`` est un jour férié légal dans ``zone``."""
    if type(jour) is not dt.date:
        raise ErreurType("type refusé", cle="jour", valeur=jour, attendu="une date (datetime.date)")
    return any(j.date == jour for j in jours_feries(jour.year, zone))
