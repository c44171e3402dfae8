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

__all__ = [
    "DEBUTS_DE_FORMULE",
    "a_droite",
    "commence_comme_une_formule",
    "ecran",
    "machine",
    "neutraliser",
    "tableur",
    "texte_libre",
]

_DROITE = {Genre.MONTANT, Genre.TAUX, Genre.ENTIER, Genre.NOMBRE, Genre.ANNEE}

#: Premiers caractères qu'un tableur peut lire comme le début d'une formule (OWASP, « CSV
#: Injection ») : « = », « + », « - », « @ », la tabulation et le retour chariot (que
#: l'import retire avant de lire la suite), et les formes pleine chasse « ＝＋－＠ ».
DEBUTS_DE_FORMULE = frozenset("=+-@\t\r\uff1d\uff0b\uff0d\uff20")
#: Genres dont la valeur est un texte venu de l'utilisateur ou d'une énumération.
_TEXTUELS = {Genre.TEXTE, Genre.CODE}


def commence_comme_une_formule(texte: str) -> bool:
    """Vrai si un tableur pourrait prendre ``texte`` pour une formule : il commence, espaces
    de tête comprises (un import peut les retirer), par un caractère de
    :data:`DEBUTS_DE_FORMULE`.

    Examples:
        >>> commence_comme_une_formule('=HYPERLINK("http://x";"y")')
        True
        >>> commence_comme_une_formule("  +33 4 92 00 00 00"), commence_comme_une_formule("Oraison")
        (True, False)
    """
    return texte[:1] in DEBUTS_DE_FORMULE or texte.lstrip()[:1] in DEBUTS_DE_FORMULE


def neutraliser(texte: str) -> str:
    """Le texte d'une cellule CSV qu'aucun tableur n'évalue : préfixé d'une apostrophe s'il
    commence comme une formule (règle de l'OWASP), inchangé sinon.

    Examples:
        >>> neutraliser("=1+1"), neutraliser("-12,50"), neutraliser("Oraison")
        ("'=1+1", "'-12,50", 'Oraison')
    """
    return "'" + texte if commence_comme_une_formule(texte) else texte


def texte_libre(valeur: Any, genre: Genre) -> bool:
    """Vrai si la cellule de ``valeur`` s'écrit comme un texte à neutraliser : colonne de
    texte ou de code, ou valeur ``str`` égarée dans une colonne d'un autre genre. Les nombres
    et les dates, écrits depuis des ``Decimal``, des ``int`` ou des ``date``, ne le sont
    jamais (« -12.50 » reste un nombre)."""
    return genre in _TEXTUELS or isinstance(valeur, str)


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
