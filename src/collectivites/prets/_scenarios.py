"""Scénarios d'index : pour chaque ligne, la source d'index à utiliser.

* ``emission`` : chaque index figé à sa valeur d'émission (tableaux prévisionnels de la CDC) ;
* ``historique`` : la série livrée de l'index de la ligne ; un index sans série livrée
  (Inflation, Euribor) reste figé à sa valeur d'émission, et le scénario le dit ;
* ``FICHIER.csv`` : une trajectoire (``date,valeur``) d'un index — le Livret A par défaut — qui
  prolonge son historique ; les autres index suivent ``historique`` ;
* ``livret_a+1 %`` (ou ``-0,5 %``…) : l'historique, avec un index décalé d'autant à partir d'une
  date.

Une spécification est lue dans cet ordre : un mot-clé ; un choc, s'il suit exactement sa
grammaire (un nom d'index, un signe, un taux en chiffres suivi de « % ») ; un fichier, si le
chemin existe ou finit par ``.csv``, ``.xlsx`` ou ``.xlsm`` (« index-2026.csv » est un fichier,
non un choc de −2026 sur l'index « index ») ; ce qui commence comme un choc sans en suivre la
grammaire (« livret_a+1 », « mes-index ») est refusé en disant ce qui est attendu ; le reste est
un chemin de fichier.

Un :class:`Scenario` est une spécification simple (des valeurs, aucune fonction) : il se copie
d'un processus à l'autre (``pickle``) et se reconstruit à l'identique dans un travailleur.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Collection
from decimal import Decimal
from pathlib import Path

import attrs

from collectivites._champs import v_date, v_decimal, v_instance, v_texte
from collectivites._enum import EnumFr, decrire
from collectivites._moteur import moteur
from collectivites.donnees import SerieDatee, SourceIndex
from collectivites.erreurs import ErreurCollectivites, ErreurType, ErreurValeur
from collectivites.prets._index import (
    IndexDecale,
    IndexFige,
    index_disponibles,
    lire_index_csv,
    prolonger,
    serie_index,
)
from collectivites.prets._modeles import LigneDePret
from collectivites.taux import formater_taux, lire_taux

__all__ = ["INDEX_CONNUS", "NatureScenario", "Scenario", "designe_un_fichier", "scenario"]

#: Index qu'une ligne peut nommer (séries livrées, greffons, et index sans série livrée).
INDEX_SANS_SERIE = ("inflation", "euribor")
INDEX_CONNUS = ("livret_a", "lep", *INDEX_SANS_SERIE, "fixe")
_MOTS_CLES = ("emission", "historique")
#: Bornes d'un choc de taux (fractions).
ECART_MIN, ECART_MAX = Decimal("-0.20"), Decimal("0.20")
#: Un choc de taux, grammaire exacte : « livret_a+1 % », « lep - 0,5 % ».
_CHOC = re.compile(r"\s*([A-Za-z_][A-Za-z0-9_]*)\s*([+-]\s*[0-9]+(?:[.,][0-9]+)?\s*%)\s*")
#: Ce qui commence comme un choc (un nom, un signe) : refusé s'il n'en suit pas la grammaire.
_DEBUT_DE_CHOC = re.compile(r"\s*[A-Za-z_][A-Za-z0-9_]*\s*[+-]")
#: Extensions d'un fichier de trajectoire.
_EXTENSIONS_FICHIER = (".csv", ".xlsx", ".xlsm")


class NatureScenario(EnumFr):
    """Les quatre sortes de scénarios."""

    EMISSION = "emission"
    HISTORIQUE = "historique"
    TRAJECTOIRE = "trajectoire"
    CHOC = "choc"


decrire(
    NatureScenario,
    {
        "emission": "index figés à leur valeur d'émission",
        "historique": "historique livré",
        "trajectoire": "historique prolongé par une trajectoire",
        "choc": "historique avec un choc de taux",
    },
)


def index_connus() -> list[str]:
    """Index qu'une ligne peut nommer : ceux de :data:`INDEX_CONNUS` et ceux des greffons."""
    return sorted({*INDEX_CONNUS, *index_disponibles()})


@attrs.frozen(kw_only=True)
class Scenario:
    """Un scénario d'index (voir le module). ``index`` : l'index visé par la trajectoire ou le
    choc ; ``trajectoire`` : la série lue du fichier ; ``ecart`` et ``depuis`` : le choc."""

    nature: NatureScenario = attrs.field(converter=NatureScenario)
    index: str = attrs.field(default="livret_a", validator=v_texte(vide=False, longueur_max=60))
    trajectoire: SerieDatee | None = attrs.field(
        default=None, validator=v_instance(SerieDatee, optionnel=True)
    )
    fichier: str = attrs.field(default="", validator=v_texte(longueur_max=1000))
    ecart: Decimal | None = attrs.field(
        default=None,
        validator=v_decimal(minimum=ECART_MIN, maximum=ECART_MAX, optionnel=True),
    )
    depuis: dt.date | None = attrs.field(default=None, validator=v_date(optionnel=True))

    def __attrs_post_init__(self) -> None:
        if self.nature is NatureScenario.CHOC and (self.ecart is None or self.depuis is None):
            raise ErreurValeur(
                "un choc de taux exige un écart et une date de départ",
                cle="depuis",
                attendu="par exemple « livret_a+1 % » depuis le 2027-01-01",
            )
        if self.nature is NatureScenario.TRAJECTOIRE and self.trajectoire is None:
            raise ErreurValeur("une trajectoire exige sa série", cle="trajectoire")

    def source_pour(self, ligne: LigneDePret, *, strict: bool = False) -> SourceIndex | None:
        """La source d'index de ``ligne`` sous ce scénario (``None`` : index figé à sa valeur
        d'émission, comme le tableau de la CDC). ``strict`` : un historique demandé pour un index
        sans série livrée est refusé au lieu d'être figé (tableau d'une ligne)."""
        if self.nature is NatureScenario.EMISSION or ligne.index == "fixe":
            return None
        if strict and self.nature is NatureScenario.HISTORIQUE:
            return serie_index(ligne.index)
        historique = serie_index(ligne.index) if ligne.index in index_disponibles() else None
        if ligne.index != self.index or self.nature is NatureScenario.HISTORIQUE:
            return historique
        if self.nature is NatureScenario.TRAJECTOIRE:
            assert self.trajectoire is not None
            return (
                self.trajectoire if historique is None else prolonger(historique, self.trajectoire)
            )
        assert self.ecart is not None
        assert self.depuis is not None
        base = historique or IndexFige(valeur=ligne.valeur_index_reference)
        return IndexDecale(source=base, ecart=self.ecart, depuis=self.depuis)

    @property
    def nom(self) -> str:
        """Le scénario en quelques mots."""
        if self.nature is NatureScenario.CHOC:
            ecart = self.ecart or Decimal(0)
            signe = "+" if ecart > 0 else ""
            return f"historique, {self.index}{signe}{formater_taux(ecart)}"
        if self.nature is NatureScenario.TRAJECTOIRE:
            return f"scénario {Path(self.fichier).name or self.index}"
        return self.nature.libelle

    @property
    def notes(self) -> tuple[str, ...]:
        """Ce qu'il faut savoir pour lire une projection faite sous ce scénario."""
        notes = []
        if self.nature is NatureScenario.CHOC:
            assert self.ecart is not None
            assert self.depuis is not None
            notes.append(
                f"{self.index} décalé de {formater_taux(self.ecart)} à partir du "
                f"{self.depuis:%d/%m/%Y}."
            )
        if self.nature is NatureScenario.TRAJECTOIRE:
            assert self.trajectoire is not None
            notes.append(
                f"{self.index} : historique puis {Path(self.fichier).name} à partir du "
                f"{self.trajectoire.premiere_date:%d/%m/%Y}."
            )
        if self.nature is not NatureScenario.EMISSION:
            sans = [i for i in INDEX_SANS_SERIE if i not in index_disponibles()]
            if sans:
                notes.append(
                    f"Index sans série livrée ({', '.join(sans)}) : figés à leur valeur d'émission."
                )
        return tuple(notes)

    def verifier_pour(self, lignes: list[LigneDePret]) -> None:
        """Refuse un scénario qui ne ferait rien sur ces lignes (choc ou trajectoire d'un index
        qu'aucune ligne n'utilise)."""
        self.verifier_index({x.index for x in lignes})

    def verifier_index(self, index: Collection[str]) -> None:
        """:meth:`verifier_pour` d'après les seuls index des lignes (une partition lue par un
        travailleur ne renvoie que ceux-là)."""
        if self.nature in (NatureScenario.CHOC, NatureScenario.TRAJECTOIRE) and (
            self.index not in index
        ):
            utilises = sorted(index)
            raise ErreurValeur(
                "le scénario vise un index qu'aucune ligne n'utilise : il ne changerait rien",
                cle="index",
                valeur=self.index,
                attendu=", ".join(utilises),
            )


def est_un_choc(specification: str) -> bool:
    """La spécification décrit-elle un choc de taux (« livret_a+1 % ») ?"""
    return bool(_CHOC.fullmatch(specification))


def _choc(texte: str, nom_index: str, brut: str, depuis: dt.date | None) -> Scenario:
    connus = index_connus()
    if nom_index not in connus:
        proches = difflib.get_close_matches(nom_index, connus)  # le plus proche en tête
        suggestion = f" ; vouliez-vous dire « {proches[0]} » ?" if proches else ""
        raise ErreurValeur(
            f"index inconnu dans le choc{suggestion}",
            cle="index",
            valeur=texte,
            attendu=", ".join(connus),
        )
    if depuis is None:
        raise ErreurValeur(
            "un choc de taux exige une date de départ",
            cle="depuis",
            valeur=texte,
            attendu="--depuis AAAA-MM-JJ",
        )
    ecart = lire_taux(brut)  # « + 1 % » : lire_taux ôte les espaces du nombre
    if not ECART_MIN <= ecart <= ECART_MAX:
        raise ErreurValeur(
            "choc de taux hors des bornes", cle="index", valeur=texte, attendu="de -20 % à +20 %"
        )
    return Scenario(nature=NatureScenario.CHOC, index=nom_index, ecart=ecart, depuis=depuis)


@moteur
def designe_un_fichier(specification: str) -> bool:
    """Vrai si la spécification n'est ni un mot-clé ni un choc : ``scenario`` la lirait comme
    un chemin (le service web refuse alors : il ne lit aucun fichier du serveur)."""
    texte = specification.strip()
    return texte not in _MOTS_CLES and _CHOC.fullmatch(texte) is None


def _existe(chemin: Path) -> bool:
    try:
        return chemin.exists()
    except (OSError, ValueError):  # nom trop long, octet nul : pas un fichier
        return False


def scenario(
    specification: str, *, depuis: dt.date | None = None, index: str = "livret_a"
) -> Scenario:
    """Construit un scénario depuis sa spécification (voir le module). ``index`` : l'index que
    vise une trajectoire lue d'un fichier."""
    if not isinstance(specification, str):
        raise ErreurType("type refusé", cle="index", valeur=specification, attendu="un texte")
    texte = specification.strip()
    choc = _CHOC.fullmatch(texte)
    if choc:
        return _choc(texte, choc.group(1), choc.group(2), depuis)
    chemin = Path(texte)
    if (
        not texte.lower().endswith(_EXTENSIONS_FICHIER)
        and _DEBUT_DE_CHOC.match(texte)
        and not _existe(chemin)
    ):
        raise ErreurValeur(
            "ni un choc de taux ni un fichier",
            cle="index",
            valeur=texte,
            attendu="un choc : nom de l'index, signe, taux en pourcentage (« livret_a+1 % », "
            "« lep-0,5 % ») ; ou un fichier de trajectoire .csv ou .xlsx",
        )
    if depuis is not None:
        raise ErreurValeur(
            "une date de départ n'a de sens qu'avec un choc de taux : l'option ne ferait rien",
            cle="depuis",
            valeur=depuis,
            attendu="un scénario comme « livret_a+1 % »",
        )
    if texte in _MOTS_CLES:
        return Scenario(nature=NatureScenario(texte))
    try:
        trajectoire = lire_index_csv(chemin)
    except ErreurCollectivites:
        proches = difflib.get_close_matches(texte, _MOTS_CLES)
        if proches and not chemin.exists():
            raise ErreurValeur(
                f"ni un mot-clé ni un fichier ; vouliez-vous dire « {proches[0]} » ?",
                cle="index",
                valeur=texte,
                attendu="emission, historique, un fichier CSV ou un choc comme « livret_a+1 % »",
            ) from None
        raise
    return Scenario(
        nature=NatureScenario.TRAJECTOIRE, index=index, trajectoire=trajectoire, fichier=texte
    )
