"""Écriture d'une valeur selon son genre, pour l'écran (français) ou pour un programme."""

from __future__ import annotations

import datetime as dt
import enum
from decimal import Decimal
from typing import Any

from collectivites._moteur import CONTEXTE_CALCUL
from collectivites.monnaie import formater_montant, montant_csv
from collectivites.tables import Genre
from collectivites.taux import formater_taux, taux_en_pourcentage

__all__ = ["a_droite", "ecran", "machine", "tableur"]

_DROITE = {Genre.MONTANT, Genre.TAUX, Genre.ENTIER, Genre.NOMBRE, Genre.ANNEE}


def a_droite(genre: Genre) -> bool:
    """Les nombres s'alignent à droite."""
    return genre in _DROITE


def _arrondi(valeur: Decimal, decimales: int) -> Decimal:
    return valeur.quantize(Decimal(1).scaleb(-decimales), context=CONTEXTE_CALCUL)


def _decimal_fr(valeur: Decimal, decimales: int | None) -> str:
    if decimales is not None:
        valeur = _arrondi(valeur, decimales)
    return format(valeur, "f").replace(".", ",")


def ecran(valeur: Any, genre: Genre, decimales: int | None = None) -> str:
    """Écriture française : « 128 189,00 », « 1,35 % », « 06/12/2018 », « oui »."""
    if valeur is None:
        return ""
    if genre is Genre.MONTANT:
        return formater_montant(valeur)
    if genre is Genre.TAUX:
        if decimales is not None:
            pourcentage = _arrondi(taux_en_pourcentage(valeur), decimales)
            return f"{pourcentage.normalize(CONTEXTE_CALCUL):f}".replace(".", ",") + " %"
        return formater_taux(valeur)
    if genre is Genre.DATE:
        return f"{valeur:%d/%m/%Y}"
    if genre is Genre.MOIS:
        return f"{valeur:%m/%Y}"
    if genre is Genre.NOMBRE:
        return _decimal_fr(valeur, decimales)
    if genre is Genre.BOOLEEN:
        return "oui" if valeur else "non"
    if genre is Genre.CODE:
        return str(getattr(valeur, "libelle", valeur))
    return str(valeur)


def machine(valeur: Any, genre: Genre) -> Any:
    """Valeur pour un programme (JSON, CSV) : montants « 3170.41 », taux en pourcentage
    « 1.35 », dates ISO, mois « 2019-01 » ; entiers et booléens natifs (JSON)."""
    if valeur is None:
        return None
    if genre is Genre.MONTANT:
        return montant_csv(valeur)
    if genre is Genre.TAUX:
        return str(taux_en_pourcentage(valeur))
    if genre is Genre.DATE:
        return valeur.isoformat()
    if genre is Genre.MOIS:
        return f"{valeur:%Y-%m}"
    if genre is Genre.NOMBRE:
        return format(valeur, "f")
    if genre in (Genre.ENTIER, Genre.ANNEE, Genre.BOOLEEN):
        return valeur
    if isinstance(valeur, enum.Enum):
        return valeur.value
    if isinstance(valeur, dt.date):
        return valeur.isoformat()
    return str(valeur)


def tableur(valeur: Any, genre: Genre) -> str:
    """Valeur pour un tableur français (CSV « ; ») : virgule décimale, dates JJ/MM/AAAA,
    montants sans séparateur de milliers (pour rester des nombres), taux en pourcentage."""
    if valeur is None:
        return ""
    if genre is Genre.MONTANT:
        return montant_csv(valeur).replace(".", ",")
    if genre is Genre.TAUX:
        return str(taux_en_pourcentage(valeur)).replace(".", ",")
    if genre is Genre.NOMBRE:
        return format(valeur, "f").replace(".", ",")
    if genre is Genre.DATE:
        return f"{valeur:%d/%m/%Y}"
    if genre is Genre.MOIS:
        return f"{valeur:%m/%Y}"
    if genre is Genre.BOOLEEN:
        return "oui" if valeur else "non"
    if genre is Genre.CODE:
        return str(getattr(valeur, "value", valeur))
    return str(valeur)
