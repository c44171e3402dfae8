"""Dates d'une ligne : début de la phase d'amortissement, échéances, dates de paiement."""

from __future__ import annotations

import datetime as dt
import functools

from collectivites._moteur import moteur
from collectivites.calendrier import ajuster
from collectivites.dates import ajouter_mois
from collectivites.prets._modeles import LigneDePret

__all__ = ["date_debut_amortissement", "date_paiement", "dates_echeances", "debut_prefinancement"]


@moteur
def date_debut_amortissement(ligne: LigneDePret) -> dt.date:
    """Date de Début de la Phase d'Amortissement (art. 5) : « le premier jour du mois suivant la
    Date d'Effet du Contrat additionnée, le cas échéant, de la Durée de la Phase de
    Préfinancement ». Une date explicite de la ligne (tableau prévisionnel) l'emporte."""
    if ligne.date_debut_amortissement is not None:
        return ligne.date_debut_amortissement
    assert ligne.date_effet is not None  # garanti par le modèle
    premier_du_mois_suivant = ajouter_mois(ligne.date_effet.replace(day=1), 1)
    duree = ligne.prefinancement.duree_mois if ligne.prefinancement else 0
    return ajouter_mois(premier_du_mois_suivant, duree)


def debut_prefinancement(ligne: LigneDePret) -> dt.date | None:
    """Début de la phase de préfinancement (``None`` sans préfinancement)."""
    if ligne.prefinancement is None:
        return None
    return ajouter_mois(date_debut_amortissement(ligne), -ligne.prefinancement.duree_mois)


@moteur
def dates_echeances(ligne: LigneDePret) -> tuple[dt.date, ...]:
    """Dates d'échéance (art. 5) : « la date des échéances est déterminée à compter de la Date de
    Début de la Phase d'Amortissement » ; l'échéance k est toujours calculée depuis cette date
    (jamais de proche en proche), au même quantième ou au dernier jour du mois."""
    return _dates(date_debut_amortissement(ligne), ligne.periodicite.mois, ligne.duree)


@functools.lru_cache(maxsize=4096)
def _dates(debut: dt.date, pas: int, duree: int) -> tuple[dt.date, ...]:
    """Les dates d'échéance d'un début, d'un pas (mois) et d'une durée ; gardées en cache (un
    tuple immuable, fonction pure) : les lignes d'un portefeuille partagent leurs calendriers."""
    if debut.day > 28:
        return tuple([ajouter_mois(debut, k * pas) for k in range(1, duree + 1)])
    # Quantième ≤ 28 : il existe dans tous les mois, le calcul direct suffit (et va plus vite).
    annee, rang0, jour = debut.year, debut.month - 1, debut.day
    date = dt.date
    return tuple(
        [
            date(annee + (rang0 + k) // 12, (rang0 + k) % 12 + 1, jour)
            for k in range(pas, pas * duree + 1, pas)
        ]
    )


@moteur
def date_paiement(echeance: dt.date, zone: str = "metropole") -> dt.date:
    """Date de paiement (art. 13) : « au plus tard le jour de l'échéance ou le premier jour ouvré
    suivant celui de l'échéance si ce jour n'est pas un jour ouvré »."""
    return ajuster(echeance, "suivant", zone)
