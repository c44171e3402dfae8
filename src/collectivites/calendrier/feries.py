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

import attrs

from collectivites.calendrier._regles import normaliser_zone, regles_de_zone
from collectivites.erreurs import ErreurValeur

__all__ = ["ANNEE_MAX", "ANNEE_MIN", "JourFerie", "est_ferie", "jours_feries"]

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


def _verifier_annee(annee: int) -> None:
    if not isinstance(annee, int) or isinstance(annee, bool):
        raise ErreurValeur(f"« annee » doit être un entier (reçu : {annee!r})")
    if not ANNEE_MIN <= annee <= ANNEE_MAX:
        raise ErreurValeur(
            f"« annee » doit être comprise entre {ANNEE_MIN} et {ANNEE_MAX} (reçu : {annee})"
        )


@functools.cache
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
    code_zone = normaliser_zone(zone)
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
    return any(j.date == jour for j in jours_feries(jour.year, zone))
