"""Lecture des dossiers TOML : accès aux clés avec des messages qui nomment le fichier et la clé.

Seuls les chargeurs (et la ligne de commande) lisent des fichiers ; les moteurs n'en voient rien.
"""

from __future__ import annotations

import datetime as dt
import difflib
import tomllib
from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar

from collectivites.dates import lire_date
from collectivites.erreurs import ErreurCollectivites, ErreurDossier
from collectivites.monnaie import en_decimal
from collectivites.taux import lire_taux

__all__ = ["Section", "exemples_disponibles", "lire_exemple", "lire_fichier", "lire_toml"]

T = TypeVar("T")
_ABSENT = object()


def lire_fichier(chemin: str | Path) -> str:
    """Texte UTF-8 d'un fichier ; introuvable ou illisible : :class:`ErreurDossier`."""
    chemin = Path(chemin)
    try:
        return chemin.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ErreurDossier("fichier introuvable", fichier=str(chemin)) from None
    except (OSError, UnicodeDecodeError) as exc:
        raison = getattr(exc, "strerror", None) or "texte UTF-8 attendu"
        raise ErreurDossier(f"lecture impossible ({raison})", fichier=str(chemin)) from None


def lire_toml(chemin: str | Path) -> dict[str, Any]:
    """Lit un fichier TOML ; une erreur de syntaxe devient une :class:`ErreurDossier`."""
    return lire_toml_texte(lire_fichier(chemin), str(chemin))


def lire_toml_texte(texte: str, fichier: str) -> dict[str, Any]:
    try:
        return tomllib.loads(texte)
    except tomllib.TOMLDecodeError as exc:
        raise ErreurDossier(f"TOML invalide ({exc})", fichier=fichier) from None


def exemples_disponibles() -> list[str]:
    """Noms des exemples livrés avec le paquet."""
    from importlib import resources

    dossier = resources.files("collectivites.donnees").joinpath("exemples")
    return sorted(
        p.name.removesuffix(".toml") for p in dossier.iterdir() if p.name.endswith(".toml")
    )


def lire_exemple(nom: str) -> tuple[dict[str, Any], str]:
    """Données d'un exemple livré (et son nom de fichier pour les messages)."""
    from importlib import resources

    disponibles = exemples_disponibles()
    if nom not in disponibles:
        proches = difflib.get_close_matches(nom, disponibles, n=1)
        suggestion = f" ; vouliez-vous dire « {proches[0]} » ?" if proches else ""
        raise ErreurDossier(
            f"exemple inconnu : « {nom} » (disponibles : {', '.join(disponibles)}){suggestion}"
        )
    fichier = f"exemples/{nom}.toml"
    texte = resources.files("collectivites.donnees").joinpath(fichier).read_text(encoding="utf-8")
    return lire_toml_texte(texte, f"{nom}.toml (exemple livré)"), f"{nom}.toml (exemple livré)"


class Section:
    """Une table TOML, avec le chemin de ses clés pour les messages d'erreur."""

    def __init__(self, donnees: Mapping[str, Any], *, fichier: str, chemin: str = "") -> None:
        if not isinstance(donnees, Mapping):
            raise ErreurDossier("une table TOML est attendue", fichier=fichier, cle=chemin or None)
        self.donnees = donnees
        self.fichier = fichier
        self.chemin = chemin
        self._lues: set[str] = set()

    def _cle(self, cle: str) -> str:
        return f"{self.chemin}.{cle}" if self.chemin else cle

    def erreur(self, cle: str, message: str) -> ErreurDossier:
        return ErreurDossier(message, fichier=self.fichier, cle=self._cle(cle))

    def __contains__(self, cle: str) -> bool:
        return cle in self.donnees

    def brut(self, cle: str, defaut: Any = _ABSENT) -> Any:
        self._lues.add(cle)
        if cle not in self.donnees:
            if defaut is _ABSENT:
                raise self.erreur(cle, "clé obligatoire absente")
            return defaut
        return self.donnees[cle]

    def convertir(self, cle: str, conversion: Callable[[Any], T], defaut: Any = _ABSENT) -> T:
        valeur = self.brut(cle, defaut)
        if valeur is defaut and defaut is not _ABSENT:
            return valeur  # type: ignore[no-any-return]
        try:
            return conversion(valeur)
        except ErreurCollectivites as exc:
            raise self.erreur(cle, str(exc)) from None

    def construire(self, fabrique: Callable[[], T], *, cle_par_defaut: str) -> T:
        """Appelle ``fabrique`` (qui construit un modèle depuis cette table) ; une erreur de
        validation devient une :class:`ErreurDossier` qui nomme le fichier et la clé citée dans
        le message (« clé »), ou ``cle_par_defaut``."""
        try:
            return fabrique()
        except ErreurDossier:
            raise
        except ErreurCollectivites as exc:
            message = str(exc)
            cle = next((c for c in self.donnees if f"« {c} »" in message), cle_par_defaut)
            raise self.erreur(cle, message) from None

    def texte(self, cle: str, defaut: Any = _ABSENT) -> Any:
        def conversion(v: Any) -> str:
            if not isinstance(v, str):
                raise ErreurDossier(f"un texte est attendu (reçu : {v!r})")
            return v

        return self.convertir(cle, conversion, defaut)

    def entier(self, cle: str, defaut: Any = _ABSENT) -> Any:
        def conversion(v: Any) -> int:
            if isinstance(v, bool) or not isinstance(v, int):
                raise ErreurDossier(f"un nombre entier est attendu (reçu : {v!r})")
            return v

        return self.convertir(cle, conversion, defaut)

    def booleen(self, cle: str, defaut: Any = _ABSENT) -> Any:
        def conversion(v: Any) -> bool:
            if not isinstance(v, bool):
                raise ErreurDossier(f"true ou false est attendu (reçu : {v!r})")
            return v

        return self.convertir(cle, conversion, defaut)

    def montant(self, cle: str, defaut: Any = _ABSENT) -> Any:
        return self.convertir(cle, lambda v: en_decimal(v, champ=self._cle(cle)), defaut)

    def taux(self, cle: str, defaut: Any = _ABSENT) -> Any:
        def conversion(v: Any) -> Decimal:
            if isinstance(v, Decimal):
                raise ErreurDossier(f"un pourcentage comme « 1,35 % » est attendu (reçu : {v!r})")
            return lire_taux(v, champ=self._cle(cle))

        return self.convertir(cle, conversion, defaut)

    def date(self, cle: str, defaut: Any = _ABSENT) -> Any:
        def conversion(v: Any) -> dt.date:
            if isinstance(v, dt.datetime):
                raise ErreurDossier(f"une date sans heure est attendue (reçu : {v!r})")
            return lire_date(v, champ=self._cle(cle))

        return self.convertir(cle, conversion, defaut)

    def choix(self, cle: str, valeurs: Iterable[str], defaut: Any = _ABSENT) -> Any:
        permises = list(valeurs)

        def conversion(v: Any) -> str:
            if v in permises:
                return str(v)
            proches = difflib.get_close_matches(str(v), permises, n=1)
            suggestion = f" ; vouliez-vous dire « {proches[0]} » ?" if proches else ""
            raise ErreurDossier(
                f"valeur inconnue {v!r} (attendu : {', '.join(permises)}){suggestion}"
            )

        return self.convertir(cle, conversion, defaut)

    def sous_section(self, cle: str, obligatoire: bool = False) -> Section | None:
        valeur = self.brut(cle, _ABSENT if obligatoire else None)
        if valeur is None:
            return None
        return Section(valeur, fichier=self.fichier, chemin=self._cle(cle))

    def liste_sections(self, cle: str) -> list[Section]:
        valeur = self.brut(cle, [])
        if not isinstance(valeur, list):
            raise self.erreur(cle, "une liste de tables ([[…]]) est attendue")
        return [
            Section(v, fichier=self.fichier, chemin=f"{self._cle(cle)}[{i}]")
            for i, v in enumerate(valeur)
        ]

    def verifier_cles_inconnues(self) -> None:
        """Refuse les clés que le chargeur n'a pas lues (une faute de frappe ne passe pas)."""
        inconnues = [c for c in self.donnees if c not in self._lues]
        if inconnues:
            cle = inconnues[0]
            proches = difflib.get_close_matches(cle, sorted(self._lues), n=1)
            suggestion = f" ; vouliez-vous dire « {proches[0]} » ?" if proches else ""
            raise self.erreur(cle, f"clé inconnue{suggestion}")
