"""Écriture d'une valeur selon son genre, pour l'écran (français) ou pour un programme."""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

from collectivites._moteur import CONTEXTE_CALCUL
from collectivites.monnaie import ESPACE_FINE, formater_montant, montant_csv
from collectivites.tables import Genre
from collectivites.taux import formater_taux, taux_en_pourcentage

__all__ = [
    "DEBUTS_DE_FORMULE",
    "a_droite",
    "chiffres",
    "chiffres_des_colonnes",
    "cle_python",
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


#: Suffixe des colonnes de taux en Python (``to_records``, ``to_pandas``, ``to_polars``) : la
#: valeur y est la fraction exacte (0.0135), quand les fichiers et le service web écrivent le
#: pourcentage (1.35) sous la clé nue.
SUFFIXE_FRACTION = "_fraction"


def cle_python(cle: str, genre: Genre) -> str:
    """Le nom d'une colonne pour un programme Python : la clé de la colonne, suivie de
    ``_fraction`` pour un taux (``taux`` : 1.35 en CSV et JSON ; ``taux_fraction`` : 0.0135 en
    Python) — un même nom ne désigne jamais les deux.

    Examples:
        >>> cle_python("taux", Genre.TAUX), cle_python("echeance", Genre.MONTANT)
        ('taux_fraction', 'echeance')
    """
    return cle + SUFFIXE_FRACTION if genre is Genre.TAUX else cle


def a_droite(genre: Genre) -> bool:
    """Les nombres s'alignent à droite."""
    return genre in _DROITE


#: Chiffres après la virgule au plus, quand la colonne n'en déclare pas : un taux en
#: pourcentage ou un nombre calculé (quotient, puissance) en aurait sinon 34.
PLAFOND_ECRAN = 6
#: Au plus, pour un programme (CSV, JSON) : assez pour relire exactement tout taux publié.
PLAFOND_MACHINE = 10


def _arrondi(valeur: Decimal, decimales: int) -> Decimal:
    return valeur.quantize(Decimal(1).scaleb(-decimales), context=CONTEXTE_CALCUL)


def _echelle(valeur: Decimal, plafond: int) -> int:
    """Décimales de ``valeur`` : celles qu'elle porte (« 0.50 » : 2) si elles tiennent sous
    ``plafond`` ; sinon celles qui restent utiles une fois arrondie à ``plafond`` (zéros de queue
    retirés : un quotient de 34 chiffres « 1.3499999570… » arrondi à 6 donne « 1.35 »)."""
    exposant = valeur.as_tuple().exponent
    if isinstance(exposant, int) and -exposant <= plafond:
        return max(0, -exposant)
    exposant = _arrondi(valeur, plafond).normalize(CONTEXTE_CALCUL).as_tuple().exponent
    return max(0, -exposant) if isinstance(exposant, int) else 0


def chiffres(valeurs: Iterable[Any], genre: Genre, decimales: int | None = None) -> int | None:
    """La règle unique des décimales d'une colonne (ou d'un fait seul) : montant 2 ; taux en
    pourcentage au moins 2 ; nombre (coefficient, tonnes) au moins 0 ; au plus ``decimales``
    si la colonne en déclare, sinon :data:`PLAFOND_ECRAN` ; entre les deux, ce qu'exige la
    valeur la plus précise de la colonne — toutes les valeurs d'une colonne ont le même nombre
    de chiffres (« 1,10 % » sous « 1,35 % »). ``None`` pour les autres genres.

    Examples:
        >>> from decimal import Decimal as D
        >>> chiffres([D("0.011"), D("0.0135")], Genre.TAUX)
        2
        >>> chiffres([D("59.0734")], Genre.NOMBRE), chiffres([D("0.5"), D("2")], Genre.NOMBRE)
        (4, 1)
        >>> chiffres([D("0.50"), D("1.08")], Genre.NOMBRE)  # la précision que la valeur porte
        2
        >>> chiffres([D("0.01349999570023394213080791814718395")], Genre.TAUX)  # 1,350000 %
        2
    """
    if genre is Genre.MONTANT:
        return 2
    if genre not in (Genre.TAUX, Genre.NOMBRE):
        return None
    minimum = 2 if genre is Genre.TAUX else 0
    plafond = PLAFOND_ECRAN if decimales is None else decimales
    echelle = 0
    for valeur in valeurs:
        if isinstance(valeur, Decimal) and valeur.is_finite():
            vue = taux_en_pourcentage(valeur) if genre is Genre.TAUX else valeur
            echelle = max(echelle, _echelle(vue, plafond))
    return min(max(echelle, minimum), plafond)


def chiffres_des_colonnes(colonnes: Sequence[Any], lignes: Iterable[Sequence[Any]]) -> list[Any]:
    """:func:`chiffres` de chaque colonne (``None`` hors taux, nombres et montants), en une
    seule lecture des lignes (une table en flot n'est relue que si elle a des taux ou des
    nombres)."""
    rangs = [i for i, c in enumerate(colonnes) if c.genre in (Genre.TAUX, Genre.NOMBRE)]
    # hors taux et nombres, les décimales déclarées n'y changent rien ; les autres sont
    # remplacées ci-dessous
    resultat = [chiffres((), c.genre) for c in colonnes]
    if not rangs:
        return resultat
    echelles = dict.fromkeys(rangs, 0)
    plafonds = {
        i: PLAFOND_ECRAN if colonnes[i].decimales is None else colonnes[i].decimales for i in rangs
    }
    for ligne in lignes:
        for i in rangs:
            valeur = ligne[i]
            if isinstance(valeur, Decimal) and valeur.is_finite():
                vue = taux_en_pourcentage(valeur) if colonnes[i].genre is Genre.TAUX else valeur
                echelles[i] = max(echelles[i], _echelle(vue, plafonds[i]))
    for i in rangs:
        minimum = 2 if colonnes[i].genre is Genre.TAUX else 0
        resultat[i] = min(max(echelles[i], minimum), plafonds[i])
    return resultat


def _decimal_fr(valeur: Decimal, decimales: int) -> str:
    return format(_arrondi(valeur, decimales), "f").replace(".", ",")


def _milliers(entier: int) -> str:
    """« 12 480 » : espace fine insécable des milliers, comme les montants."""
    return f"{entier:,}".replace(",", ESPACE_FINE)


def ecran(valeur: Any, genre: Genre, decimales: int | None = None) -> str:
    """Écriture française : « 128 189,00 », « 1,35 % », « 12 480 », « 06/12/2018 », « oui ».

    ``decimales`` : chiffres après la virgule d'un taux ou d'un nombre (ceux de sa colonne,
    voir :func:`chiffres`) ; sans eux, la règle de :func:`chiffres` pour la valeur seule."""
    if valeur is None:
        return ""
    if genre is Genre.MONTANT:
        return formater_montant(valeur)
    if genre in (Genre.TAUX, Genre.NOMBRE) and isinstance(valeur, Decimal):
        n = chiffres([valeur], genre) if decimales is None else decimales
        assert n is not None
        if genre is Genre.TAUX:
            return _decimal_fr(taux_en_pourcentage(valeur), n) + " %"
        return _decimal_fr(valeur, n)
    if genre is Genre.ENTIER and isinstance(valeur, int) and not isinstance(valeur, bool):
        return _milliers(valeur)
    if genre is Genre.DATE:
        return f"{valeur:%d/%m/%Y}"
    if genre is Genre.MOIS:
        return f"{valeur:%m/%Y}"
    if genre is Genre.BOOLEEN:
        return "oui" if valeur else "non"
    if genre is Genre.CODE:
        return str(getattr(valeur, "libelle", valeur))
    if genre is Genre.TAUX:
        return formater_taux(valeur)
    return str(valeur)


def _pour_programme(valeur: Decimal) -> Decimal:
    """Au plus :data:`PLAFOND_MACHINE` décimales, zéros de queue gardés jusque-là."""
    exposant = valeur.as_tuple().exponent
    if isinstance(exposant, int) and -exposant > PLAFOND_MACHINE:
        return _arrondi(valeur, PLAFOND_MACHINE).normalize(CONTEXTE_CALCUL)
    return valeur


def machine(valeur: Any, genre: Genre) -> Any:
    """Valeur pour un programme (JSON, CSV) : montants « 3170.41 », taux en pourcentage
    « 1.35 », dates ISO, mois « 2019-01 » ; entiers et booléens natifs (JSON)."""
    if valeur is None:
        return None
    if genre is Genre.MONTANT:
        return montant_csv(valeur)
    if genre is Genre.TAUX:
        return format(_taux_programme(valeur), "f")
    if genre is Genre.DATE:
        return valeur.isoformat()
    if genre is Genre.MOIS:
        return f"{valeur:%Y-%m}"
    if genre is Genre.NOMBRE:
        return format(_pour_programme(valeur), "f")
    if genre in (Genre.ENTIER, Genre.ANNEE, Genre.BOOLEEN):
        return valeur
    if isinstance(valeur, enum.Enum):
        return valeur.value
    if isinstance(valeur, dt.date):
        return valeur.isoformat()
    return str(valeur)


def _taux_programme(valeur: Decimal) -> Decimal:
    """Le pourcentage d'un taux pour un programme : au moins 2, au plus
    :data:`PLAFOND_MACHINE` décimales (« 1.35 », « 1.3499995700 »)."""
    pourcentage = _pour_programme(taux_en_pourcentage(valeur))
    exposant = pourcentage.as_tuple().exponent
    if isinstance(exposant, int) and exposant > -2:
        return _arrondi(pourcentage, 2)
    return pourcentage


def tableur(valeur: Any, genre: Genre) -> str:
    """Valeur pour un tableur français (CSV « ; ») : virgule décimale, dates JJ/MM/AAAA,
    montants sans séparateur de milliers (pour rester des nombres), taux en pourcentage."""
    if valeur is None:
        return ""
    if genre is Genre.MONTANT:
        return montant_csv(valeur).replace(".", ",")
    if genre is Genre.TAUX:
        return format(_taux_programme(valeur), "f").replace(".", ",")
    if genre is Genre.NOMBRE:
        return format(_pour_programme(valeur), "f").replace(".", ",")
    if genre is Genre.DATE:
        return f"{valeur:%d/%m/%Y}"
    if genre is Genre.MOIS:
        return f"{valeur:%m/%Y}"
    if genre is Genre.BOOLEEN:
        return "oui" if valeur else "non"
    if genre is Genre.CODE:
        return str(getattr(valeur, "value", valeur))
    return str(valeur)
