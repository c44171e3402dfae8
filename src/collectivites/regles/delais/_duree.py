"""Durées d'un délai : une quantité et une unité, lues depuis le texte français.

« 15 jours ouvrés », « 2 mois », « 1 an », « 45 jours », « quarante-cinq (45) jours
calendaires ». L'accord est contrôlé (« 15 jour ouvre » est refusé, avec la suggestion « jours
ouvrés ») ; les accents sont facultatifs pour qui tape sans clavier français.

La forme des contrats, le nombre en lettres puis en chiffres entre parenthèses, est vérifiée :
les lettres doivent écrire un nombre français (« quatre-vingt-dix », « vingt et un ») égal aux
chiffres ; « trente (45) jours », qui laisse le délai incertain, et « xx(45) jours », qui n'est
pas une durée, sont refusés.
"""

from __future__ import annotations

import difflib
import functools
import re
import unicodedata

import attrs

from collectivites._enum import EnumFr
from collectivites.erreurs import ErreurType, ErreurValeur

__all__ = ["Duree", "Unite", "lire_duree"]


class Unite(EnumFr):
    """Unités de délai."""

    JOURS = "jours"
    JOURS_OUVRES = "jours_ouvres"
    JOURS_OUVRABLES = "jours_ouvrables"
    JOURS_FRANCS = "jours_francs"
    SEMAINES = "semaines"
    MOIS = "mois"
    ANNEES = "annees"

    @property
    def libelle(self) -> str:
        return _LIBELLES[self][1]

    def libelle_pour(self, quantite: int) -> str:
        singulier, pluriel = _LIBELLES[self]
        return singulier if abs(quantite) <= 1 else pluriel


_LIBELLES = {
    Unite.JOURS: ("jour", "jours"),
    Unite.JOURS_OUVRES: ("jour ouvré", "jours ouvrés"),
    Unite.JOURS_OUVRABLES: ("jour ouvrable", "jours ouvrables"),
    Unite.JOURS_FRANCS: ("jour franc", "jours francs"),
    Unite.SEMAINES: ("semaine", "semaines"),
    Unite.MOIS: ("mois", "mois"),
    Unite.ANNEES: ("an", "ans"),
}

# Formes écrites (sans accents) → (unité, forme plurielle ?)
_FORMES: dict[str, tuple[Unite, bool]] = {
    "jour": (Unite.JOURS, False),
    "jours": (Unite.JOURS, True),
    "jour calendaire": (Unite.JOURS, False),
    "jours calendaires": (Unite.JOURS, True),
    "jour civil": (Unite.JOURS, False),
    "jours civils": (Unite.JOURS, True),
    "jour ouvre": (Unite.JOURS_OUVRES, False),
    "jours ouvres": (Unite.JOURS_OUVRES, True),
    "jour ouvrable": (Unite.JOURS_OUVRABLES, False),
    "jours ouvrables": (Unite.JOURS_OUVRABLES, True),
    "jour franc": (Unite.JOURS_FRANCS, False),
    "jours francs": (Unite.JOURS_FRANCS, True),
    "semaine": (Unite.SEMAINES, False),
    "semaines": (Unite.SEMAINES, True),
    "mois": (Unite.MOIS, True),
    "an": (Unite.ANNEES, False),
    "ans": (Unite.ANNEES, True),
    "annee": (Unite.ANNEES, False),
    "annees": (Unite.ANNEES, True),
}
_PLURIELS = sorted({forme for forme, (_u, pluriel) in _FORMES.items() if pluriel})

#: « 45 jours » : le nombre en chiffres, puis l'unité.
_MOTIF = re.compile(r"([+-]?\d+)\s*(.*)")
#: « quarante-cinq (45) jours » : le nombre en lettres (facultatif), en chiffres entre
#: parenthèses, puis l'unité.
_MOTIF_LETTRES = re.compile(r"(?:([a-z][a-z -]*?)\s*)?\(\s*([+-]?\d+)\s*\)\s*(.*)")
#: « vingt et un » : le « et » d'un nombre, à ne pas prendre pour celui d'une durée composée
#: (« 1 mois et 15 jours »).
_ET_D_UN_NOMBRE = re.compile(r"\b(vingt|trente|quarante|cinquante|soixante) et (un|une|onze)\b")

#: Les mots des nombres écrits en lettres (sans accents) et leur valeur.
_MOTS_NOMBRES = {
    "zero": 0,
    "un": 1,
    "une": 1,
    "deux": 2,
    "trois": 3,
    "quatre": 4,
    "cinq": 5,
    "six": 6,
    "sept": 7,
    "huit": 8,
    "neuf": 9,
    "dix": 10,
    "onze": 11,
    "douze": 12,
    "treize": 13,
    "quatorze": 14,
    "quinze": 15,
    "seize": 16,
    "vingt": 20,
    "vingts": 20,
    "trente": 30,
    "quarante": 40,
    "cinquante": 50,
    "soixante": 60,
}


def _en_lettres(texte: str) -> int | None:
    """La valeur d'un nombre écrit en lettres (« quatre-vingt-dix » → 90, « trois cent
    soixante-cinq » → 365), ``None`` si un mot n'est pas un mot de nombre."""
    total = courant = 0
    for mot in re.split(r"[ -]+", texte.strip(" -")):
        if mot == "et":
            continue
        if mot in {"cent", "cents"}:
            courant = (courant or 1) * 100
        elif mot == "mille":
            total, courant = total + (courant or 1) * 1000, 0
        elif mot in {"vingt", "vingts"} and courant % 100 == 4:  # quatre-vingt(s)
            courant += 76
        elif mot in _MOTS_NOMBRES:
            courant += _MOTS_NOMBRES[mot]
        else:
            return None
    return total + courant


def _normaliser(texte: str) -> str:
    decompose = unicodedata.normalize("NFKD", texte)
    sans = "".join(c for c in decompose if not unicodedata.combining(c))
    return " ".join(sans.lower().replace("\u00a0", " ").split())


#: Plus grande quantité acceptée (100 000 jours, soit environ 274 ans : au-delà du calendrier).
_QUANTITE_MAX = 100_000

_UNITES_LONGUES = (Unite.SEMAINES, Unite.MOIS, Unite.ANNEES)
_UNITES_JOURS = (Unite.JOURS, Unite.JOURS_OUVRES, Unite.JOURS_OUVRABLES, Unite.JOURS_FRANCS)


@attrs.frozen(kw_only=True)
class Duree:
    """Une durée de délai : ``quantite`` (entier ≥ 0) et ``unite``.

    ``puis`` : un complément en jours compté après (« un mois et quinze jours » : C. proc. civ.
    art. 641, « les mois sont d'abord décomptés, puis les jours »).
    """

    quantite: int = attrs.field()
    unite: Unite = attrs.field(converter=Unite)
    puis: Duree | None = None

    def __attrs_post_init__(self) -> None:
        if self.puis is None:
            return
        # Deux parties au plus : la seconde, en jours, ne peut elle-même en avoir une seconde
        # (elle serait refusée par ce même contrôle à sa construction).
        if self.unite not in _UNITES_LONGUES or self.puis.unite not in _UNITES_JOURS:
            raise ErreurValeur(
                "durée composée invalide",
                cle="duree",
                valeur=str(self),
                attendu="des semaines, mois ou années, puis des jours (« 1 mois et 15 jours »)",
            )

    @property
    def principal(self) -> Duree:
        """La première partie seule."""
        return self if self.puis is None else Duree(quantite=self.quantite, unite=self.unite)

    @quantite.validator
    def _verifier(self, _attribut: object, valeur: int) -> None:
        if not isinstance(valeur, int) or isinstance(valeur, bool):
            raise ErreurType("type refusé", cle="quantite", valeur=valeur, attendu="un entier")
        if valeur < 0:
            raise ErreurValeur(
                'une durée ne peut être négative ; pour compter à rebours, utilisez sens="avant"',
                cle="quantite",
                valeur=valeur,
            )
        if valeur > _QUANTITE_MAX:
            raise ErreurValeur(
                "durée démesurée", cle="quantite", valeur=valeur, attendu=f"au plus {_QUANTITE_MAX}"
            )

    def __str__(self) -> str:
        texte = f"{self.quantite} {self.unite.libelle_pour(self.quantite)}"
        return texte if self.puis is None else f"{texte} et {self.puis}"


@functools.lru_cache(maxsize=4096)
def _lire_texte(texte: str) -> Duree:
    parties = _ET_D_UN_NOMBRE.sub(r"\1-et-\2", _normaliser(texte)).split(" et ")
    if len(parties) == 2:
        premiere, seconde = (_lire_partie(p, texte) for p in parties)
        return Duree(quantite=premiere.quantite, unite=premiere.unite, puis=seconde)
    if len(parties) > 2:
        raise ErreurValeur("durée illisible", valeur=texte, attendu="deux parties au plus")
    return _lire_partie(parties[0], texte)


def _lire_partie(partie: str, texte: str) -> Duree:
    lettres = None
    correspondance = _MOTIF.fullmatch(partie)
    if correspondance is None:
        correspondance = _MOTIF_LETTRES.fullmatch(partie)
        if correspondance is not None:
            lettres, chiffres, unite = correspondance.groups()
    else:
        chiffres, unite = correspondance.groups()
    if correspondance is None or not unite:
        raise ErreurValeur(
            "durée illisible",
            valeur=texte,
            attendu="un nombre et une unité, par exemple « 15 jours ouvrés », « 2 mois », « 1 an »",
        )
    if not chiffres.isascii() or len(chiffres.lstrip("+-")) > 6:
        raise ErreurValeur("durée illisible", valeur=texte, attendu="un nombre en chiffres usuels")
    quantite = int(chiffres)
    if lettres is not None:
        _verifier_lettres(lettres, quantite, texte)
    if quantite < 0:
        raise ErreurValeur(
            "une durée ne peut être négative ; pour compter à rebours, utilisez le sens « avant »",
            valeur=texte,
        )
    forme = unite.strip(" .")
    trouve = _FORMES.get(forme)
    if trouve is not None and (trouve[1] or quantite <= 1):
        return Duree(quantite=quantite, unite=trouve[0])
    proches = difflib.get_close_matches(forme, _PLURIELS, n=1, cutoff=0.5)
    if trouve is not None:
        proches = [_LIBELLES[trouve[0]][1]]
    elif proches:
        proches = [_LIBELLES[_FORMES[proches[0]][0]][1]]
    suggestion = f" ; vouliez-vous dire « {quantite} {proches[0]} » ?" if proches else ""
    attendus = ", ".join(u.libelle for u in Unite)
    raise ErreurValeur(
        f"unité de délai inconnue : « {unite} »{suggestion}",
        valeur=texte,
        attendu=attendus,
    )


def _verifier_lettres(lettres: str, quantite: int, texte: str) -> None:
    """Le nombre en lettres écrit le nombre en chiffres qui le suit entre parenthèses."""
    valeur = _en_lettres(lettres)
    if valeur is None:
        raise ErreurValeur(
            f"durée illisible : « {lettres} » n'est pas un nombre écrit en lettres",
            valeur=texte,
            attendu="le nombre en lettres puis en chiffres, par exemple « quarante-cinq (45) "
            "jours », ou le nombre seul : « 45 jours »",
        )
    if valeur != quantite:
        raise ErreurValeur(
            f"durée incertaine : « {lettres} » fait {valeur}, les chiffres disent {quantite}",
            valeur=texte,
            attendu="le même nombre en lettres et en chiffres",
        )


def lire_duree(valeur: str | Duree) -> Duree:
    """Lit une durée écrite en français.

    Examples:
        >>> lire_duree("15 jours ouvrés")
        Duree(quantite=15, unite=<Unite.JOURS_OUVRES: 'jours_ouvres'>, puis=None)
        >>> str(lire_duree("1 mois et 15 jours"))
        '1 mois et 15 jours'
        >>> str(lire_duree("quarante-cinq (45) jours calendaires"))
        '45 jours'
        >>> lire_duree("15 jour ouvre")  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        collectivites.erreurs.ErreurValeur: unité de délai inconnue : ... « 15 jours ouvrés » ? ...
    """
    if isinstance(valeur, Duree):
        return valeur
    if not isinstance(valeur, str):
        raise ErreurType(
            "type refusé", cle="duree", valeur=valeur, attendu="un texte comme « 2 mois »"
        )
    if len(valeur) > 200:
        raise ErreurValeur("durée illisible", cle="duree", valeur=valeur, attendu="un texte court")
    return _lire_texte(valeur)
