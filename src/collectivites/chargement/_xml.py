"""Lecture prudente d'un XML reçu : en flux (la mémoire ne croît pas avec le fichier), sans
DTD ni entité (ni « billion laughs », ni entité externe qui lirait un fichier du serveur), d'une
taille bornée, avec des messages d'erreur français situés (ligne, colonne).

L'analyseur est celui d'expat (``xml.parsers.expat``), armé comme le fait ``defusedxml`` : toute
déclaration de type de document (``<!DOCTYPE``), toute déclaration d'entité et toute référence à
une entité externe interrompent la lecture. Les fichiers des collectivités n'en ont jamais
besoin.

Examples:
    >>> noms = []
    >>> analyser_xml(b"<a><b V='1'/></a>", lambda nom, attributs: noms.append(nom), None)
    >>> noms
    ['a', 'b']
    >>> analyser_xml(b"<!DOCTYPE a [<!ENTITY x 'y'>]><a>&x;</a>", None, None)
    Traceback (most recent call last):
    ...
    collectivites.erreurs.ErreurEntree: ligne 1 : déclaration de type de document (DTD) refusée ...
"""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from typing import Any, NoReturn, Protocol, runtime_checkable
from xml.parsers import expat

from collectivites.chargement._fichiers import _taille_lisible, ouvrir_fichier
from collectivites.erreurs import ErreurCollectivites, ErreurEntree

__all__ = ["TAILLE_MAX_XML", "FichierBinaire", "SourceXml", "analyser_xml", "ouvrir_source"]

#: Taille maximale d'un XML lu (256 Mio) : un document budgétaire de grande collectivité
#: pèse quelques dizaines de mégaoctets ; au-delà, c'est une erreur ou une attaque.
TAILLE_MAX_XML = 256 * 2**20
#: Profondeur maximale d'imbrication des éléments (un document budgétaire en a moins de 10).
PROFONDEUR_MAX = 64
_MORCEAU = 2**16

#: Messages d'expat, en français (début du message anglais → traduction).
_MESSAGES_EXPAT = (
    ("no element found", "fichier XML vide ou tronqué (fin de fichier inattendue)"),
    ("unclosed token", "fichier XML tronqué (élément non fermé)"),
    ("mismatched tag", "balise fermante qui ne correspond pas à la balise ouverte"),
    ("not well-formed", "XML mal formé (caractère ou balise invalide)"),
    ("junk after document element", "contenu après la fin de l'élément racine"),
    ("syntax error", "erreur de syntaxe XML"),
    ("undefined entity", "entité non définie (les entités sont refusées)"),
    ("duplicate attribute", "attribut écrit deux fois dans une balise"),
    ("unknown encoding", "encodage de caractères inconnu"),
    ("encoding specified in XML declaration is incorrect", "encodage déclaré incorrect"),
    ("XML declaration not well-formed", "déclaration XML (<?xml … ?>) mal formée"),
    ("reference to invalid character number", "référence à un caractère invalide"),
    ("partial character", "caractère incomplet en fin de fichier (fichier tronqué)"),
    ("unclosed CDATA section", "section CDATA non fermée"),
    ("illegal character(s) in public id", "identifiant public invalide"),
    ("unbound prefix", "préfixe d'espace de noms non déclaré"),
)


@runtime_checkable
class FichierBinaire(Protocol):
    """Un fichier ouvert en binaire (``open(chemin, "rb")``, ``io.BytesIO``…)."""

    def read(self, taille: int = -1, /) -> bytes: ...


#: Ce que les lecteurs de XML acceptent : un chemin, des octets ou un fichier binaire.
SourceXml = str | Path | bytes | FichierBinaire

Debut = Callable[[str, dict[str, str]], None]
Fin = Callable[[str], None]


class _Refus(Exception):
    """Une construction interdite rencontrée par expat (DTD, entité)."""


def _refuser(message: str) -> Callable[..., NoReturn]:
    def refuser(*_args: Any) -> NoReturn:
        raise _Refus(message)

    return refuser


def ouvrir_source(
    source: SourceXml, *, taille_max: int = TAILLE_MAX_XML
) -> tuple[FichierBinaire, str, bool]:
    """Le flux d'octets d'une source (chemin, octets ou fichier ouvert en binaire), son nom
    pour les messages, et s'il faut le fermer. Un chemin doit désigner un fichier ordinaire
    d'au plus ``taille_max`` octets."""
    if isinstance(source, bytes | bytearray):
        if len(source) > taille_max:
            raise ErreurEntree(
                "document trop gros",
                valeur=_taille_lisible(len(source)),
                attendu=f"au plus {_taille_lisible(taille_max)}",
            )
        return io.BytesIO(bytes(source)), "", True
    if isinstance(source, str | Path):
        return ouvrir_fichier(source, taille_max), str(source), True
    if hasattr(source, "read"):
        return source, str(getattr(source, "name", "") or ""), False
    raise ErreurEntree(
        "source de document invalide",
        valeur=type(source).__name__,
        attendu="un chemin, des octets ou un fichier ouvert en binaire",
    )


def _message_expat(erreur: expat.ExpatError) -> str:
    texte = str(erreur)
    for debut, francais in _MESSAGES_EXPAT:
        if texte.startswith(debut):
            return francais
    return "XML mal formé"


def _analyseur_arme() -> Any:
    """Un analyseur expat qui refuse DTD, entités et références externes (comme
    ``defusedxml``)."""
    analyseur = expat.ParserCreate()
    analyseur.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    analyseur.StartDoctypeDeclHandler = _refuser(
        "déclaration de type de document (DTD) refusée : un document budgétaire n'en a pas"
    )
    analyseur.EntityDeclHandler = _refuser("déclaration d'entité refusée")
    analyseur.UnparsedEntityDeclHandler = _refuser("déclaration d'entité refusée")
    analyseur.ExternalEntityRefHandler = _refuser("référence à une entité externe refusée")
    analyseur.buffer_text = True
    return analyseur


def _alimenter(analyseur: Any, flux: FichierBinaire, taille_max: int) -> None:
    """Donne le flux à l'analyseur par morceaux, en comptant les octets lus (les erreurs sont
    situées dans le fichier par :func:`analyser_xml`)."""
    lus = 0
    while True:
        try:
            morceau = flux.read(_MORCEAU)
        except OSError:
            raise ErreurEntree("lecture impossible") from None
        if not isinstance(morceau, bytes):
            raise ErreurEntree(
                "le fichier doit être ouvert en binaire", attendu="open(chemin, 'rb')"
            )
        lus += len(morceau)
        if lus > taille_max:
            raise ErreurEntree(
                "document trop gros", attendu=f"au plus {_taille_lisible(taille_max)}"
            )
        analyseur.Parse(morceau, not morceau)
        if not morceau:
            return


def analyser_xml(
    source: SourceXml,
    debut: Debut | None,
    fin: Fin | None,
    *,
    taille_max: int = TAILLE_MAX_XML,
    texte: Callable[[str], None] | None = None,
) -> None:
    """Lit ``source`` en flux et appelle ``debut(nom, attributs)`` à chaque balise ouvrante,
    ``fin(nom)`` à chaque balise fermante, ``texte(caracteres)`` pour le texte.

    Une :class:`ErreurCollectivites` levée par les fonctions appelées est complétée de la
    ligne et du fichier. Refuse : DTD, entités, XML mal formé ou
    tronqué, imbrication de plus de :data:`PROFONDEUR_MAX` éléments, plus de ``taille_max``
    octets lus.
    """
    flux, nom, fermer = ouvrir_source(source, taille_max=taille_max)
    analyseur = _analyseur_arme()
    profondeur = [0]

    def ouvrir(nom_element: str, attributs: dict[str, str]) -> None:
        profondeur[0] += 1
        if profondeur[0] > PROFONDEUR_MAX:
            raise _Refus(f"éléments imbriqués sur plus de {PROFONDEUR_MAX} niveaux")
        if debut is not None:
            debut(nom_element, attributs)

    def fermer_element(nom_element: str) -> None:
        profondeur[0] -= 1
        if fin is not None:
            fin(nom_element)

    analyseur.StartElementHandler = ouvrir
    analyseur.EndElementHandler = fermer_element
    if texte is not None:
        analyseur.CharacterDataHandler = texte
    try:
        _alimenter(analyseur, flux, taille_max)
    except _Refus as exc:
        raise ErreurEntree(
            str(exc), fichier=nom or None, ligne=analyseur.CurrentLineNumber
        ) from None
    except expat.ExpatError as exc:
        raise ErreurEntree(
            f"{_message_expat(exc)}, colonne {exc.offset + 1}",
            fichier=nom or None,
            ligne=exc.lineno,
        ) from None
    except ErreurCollectivites as exc:
        raise exc.situer(fichier=nom, ligne=analyseur.CurrentLineNumber) from None
    except LookupError:  # encodage déclaré que Python ne connaît pas (« klingon »)
        raise ErreurEntree(
            "encodage de caractères inconnu",
            fichier=nom or None,
            ligne=analyseur.CurrentLineNumber,
            attendu="UTF-8 ou ISO-8859-1",
        ) from None
    finally:
        if fermer:  # ouvert ici (chemin, octets) : fermé ici ; un flux de l'appelant reste ouvert
            flux.close()  # type: ignore[attr-defined]
