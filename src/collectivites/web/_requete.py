"""Une requête web devient l'espace de noms d'une commande de la ligne de commande : mêmes
options, mêmes convertisseurs, mêmes messages d'erreur, même exécutant.

Les champs sont les noms des options sans tirets (``--date-arrete`` → ``date_arrete``). Le
service ne lit jamais un fichier du serveur : un dossier, un tableau à rapprocher, une courbe ou
une trajectoire d'index arrivent en contenu — un texte (le dossier TOML), ou un objet
``{"nom": "tableau.csv", "contenu": "…"}`` (texte) ou ``{"nom": "portefeuille.xlsx",
"base64": "…"}`` (octets) — et sont déposés dans un répertoire temporaire propre à la requête,
effacé après la réponse.
"""

from __future__ import annotations

import argparse
import base64
import binascii
import re
from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs

from collectivites.cli._cadre import Commande, Option
from collectivites.erreurs import ErreurCollectivites, ErreurType, ErreurValeur
from collectivites.web._limites import LONGUEUR_MAX_TEXTE, OCTETS_MAX_NOM

__all__ = [
    "Fichier",
    "champs",
    "espace_de_noms",
    "masquer_repertoire",
    "nom_sur",
    "options_web",
]

_NOM_SUR = re.compile(r"[^\w.-]+")
_FORME_FICHIER = '{"nom": "tableau.csv", "contenu": "…"} ou {"nom": "f.xlsx", "base64": "…"}'


@attrs.frozen
class Fichier:
    """Un fichier envoyé (formulaire ou JSON) : son nom d'origine et ses octets."""

    nom: str
    contenu: bytes


def champs(commande: Commande) -> tuple[str, ...]:
    """Les champs qu'accepte la commande, dans l'ordre de son aide."""
    entree = ("exemple", "dossier") if commande.source is not None else ()
    sortie = ("format", "table") if commande.formats else ()
    return (*entree, *(o.champ for o in options_web(commande)), *sortie)


def options_web(commande: Commande) -> tuple[Option, ...]:
    """Les options qu'offre le service web (voir :attr:`Option.web`)."""
    return tuple(o for o in commande.options if o.web)


def espace_de_noms(
    commande: Commande, donnees: Mapping[str, Any], repertoire: Path, *, format_defaut: str
) -> argparse.Namespace:
    """L'espace de noms que la ligne de commande aurait construit ; les fichiers envoyés sont
    déposés dans ``repertoire``. Lève :class:`ErreurValeur` (ou :class:`ErreurType`) avec la clé
    fautive pour un champ inconnu, manquant, mal typé ou hors de ses valeurs permises."""
    permis = champs(commande)
    for cle in donnees:
        if cle not in permis:
            raise ErreurValeur(
                "champ inconnu", cle=str(cle), attendu=", ".join(permis) or "aucun champ"
            )
    depot = _Depot(repertoire)
    args = argparse.Namespace(commande=commande, table=None, sortie=None, format=None)
    if commande.source is not None:
        exemple, dossier = donnees.get("exemple"), donnees.get("dossier")
        if (exemple is None) == (dossier is None):
            raise ErreurValeur(
                "donnez soit un exemple, soit un dossier"
                if exemple is None
                else "donnez un exemple ou un dossier, pas les deux",
                cle="exemple",
                attendu="« exemple » (nom d'un exemple livré) ou « dossier » (texte TOML)",
            )
        args.exemple = None if exemple is None else _texte(exemple, "exemple")
        args.dossier = (
            None if dossier is None else depot.deposer(dossier, "dossier", "dossier.toml")
        )
    for option in commande.options:
        if not option.web:
            setattr(args, option.champ, option.defaut)
            continue
        setattr(args, option.champ, _valeur(option, donnees.get(option.champ), depot))
    if commande.formats:
        format_ = donnees.get("format", format_defaut)
        if format_ not in commande.formats:
            raise ErreurValeur(
                "format inconnu pour cette commande",
                cle="format",
                valeur=format_,
                attendu=", ".join(commande.formats),
            )
        args.format = format_
        if donnees.get("table") is not None:
            args.table = _texte(donnees["table"], "table")
            if format_ not in ("csv", "csv-excel"):
                raise ErreurValeur(
                    "« table » ne sert qu'aux formats csv et csv-excel",
                    cle="table",
                    valeur=args.table,
                    attendu="format csv ou csv-excel",
                )
    return args


def masquer_repertoire(message: str, repertoire: Path) -> str:
    """Le message sans le chemin du répertoire temporaire : l'utilisateur y retrouve le nom de
    son fichier, pas l'arborescence du serveur."""
    return re.sub(re.escape(str(repertoire)) + r"[/\\]\d+[/\\]", "", message)


def nom_sur(nom: str, nom_defaut: str) -> str:
    """Le nom d'un fichier envoyé, sûr pour le disque : sans répertoire, sans caractère hors
    des lettres, chiffres, ``.``, ``-`` et ``_``, sans point initial, d'au plus
    :data:`OCTETS_MAX_NOM` octets (l'extension, qui dit la nature du fichier, est gardée).

    >>> nom_sur("../../etc/pass wd.csv", "f.csv")
    'pass_wd.csv'
    >>> long = nom_sur("é" * 10_000 + ".xlsx", "f.csv")
    >>> len(long.encode()) <= 120, long[-7:]
    (True, 'éé.xlsx')
    >>> nom_sur("..", "dossier.toml")
    'dossier.toml'
    """
    # (str.encode et bytes.decode sont en UTF-8 par défaut)
    propre = _NOM_SUR.sub("_", nom.replace("\\", "/").rpartition("/")[2]).lstrip(".")
    if len(propre.encode()) > OCTETS_MAX_NOM:
        base, point, extension = propre.rpartition(".")
        if not point or len(extension) > 10:
            base, extension = propre, ""
        suffixe = f".{extension}" if extension else ""
        place = OCTETS_MAX_NOM - len(suffixe.encode())
        base = base.encode()[:place].decode(errors="ignore")
        propre = base + suffixe
    return propre or nom_defaut


def _texte(valeur: Any, cle: str) -> str:
    if not isinstance(valeur, str):
        raise ErreurType("type refusé", cle=cle, valeur=valeur, attendu="un texte")
    return valeur


def _texte_court(texte: str, cle: str) -> str:
    if len(texte) > LONGUEUR_MAX_TEXTE:
        raise ErreurValeur(
            "texte trop long",
            cle=cle,
            valeur=texte,
            attendu=f"au plus {LONGUEUR_MAX_TEXTE} caractères",
        )
    return texte


def _valeur(option: Option, valeur: Any, depot: _Depot) -> Any:
    cle = option.champ
    if valeur is None:  # champ absent ou null (JSON) : même refus, même défaut
        if option.obligatoire or (option.nargs is None and not option.noms[0].startswith("-")):
            raise ErreurValeur("champ obligatoire manquant", cle=cle, attendu=option.aide)
        if option.action == "store_true":
            return False
        if option.nargs == "*":
            return []
        return None if option.action == "append" else option.defaut
    if option.action == "store_true":
        if not isinstance(valeur, bool):
            raise ErreurType("type refusé", cle=cle, valeur=valeur, attendu="true ou false")
        return valeur
    if option.action == "append" or option.nargs == "*":
        valeurs = valeur if isinstance(valeur, list) else [valeur]
        return [_une_valeur(option, v, depot, f"{cle}[{rang}]") for rang, v in enumerate(valeurs)]
    return _une_valeur(option, valeur, depot, cle)


def _une_valeur(option: Option, valeur: Any, depot: _Depot, cle: str) -> Any:
    if option.fichier == "fichier" or (
        option.fichier == "scenario" and isinstance(valeur, Fichier | dict)
    ):
        if isinstance(valeur, str):
            raise ErreurValeur(
                "le service ne lit aucun fichier du serveur : envoyez le contenu du fichier",
                cle=cle,
                valeur=valeur,
                attendu=_FORME_FICHIER,
            )
        return depot.deposer(valeur, cle, "fichier.csv")
    if isinstance(valeur, bool) or not isinstance(valeur, str | int | Decimal):
        raise ErreurType("type refusé", cle=cle, valeur=valeur, attendu="un texte")
    texte = _texte_court(str(valeur), cle)
    if option.fichier == "scenario":
        from collectivites.prets._scenarios import designe_un_fichier

        if designe_un_fichier(texte):
            raise ErreurValeur(
                "ni un mot-clé ni un choc ; le service ne lit aucun fichier du serveur "
                "(une trajectoire s'envoie en contenu)",
                cle=cle,
                valeur=texte,
                attendu=f"emission, historique, un choc (« livret_a+1 % ») ou {_FORME_FICHIER}",
            )
    if option.type is not None:
        try:
            return option.type(texte)
        except argparse.ArgumentTypeError as exc:
            raise ErreurValeur(str(exc), cle=cle) from None
        except ErreurCollectivites as exc:
            raise exc.situer(prefixe=cle) from None
        except (ValueError, ArithmeticError):  # un convertisseur pris en défaut : refusé
            raise ErreurValeur(
                "valeur illisible", cle=cle, valeur=texte, attendu=option.aide
            ) from None
    if option.choix and texte not in option.choix:
        raise ErreurValeur(
            "valeur non permise", cle=cle, valeur=texte, attendu=", ".join(option.choix)
        )
    return texte


@attrs.define
class _Depot:
    """Le répertoire temporaire d'une requête : chaque fichier dans son sous-répertoire
    numéroté, sous son nom d'origine nettoyé (l'extension dit sa nature : .csv, .xlsx…)."""

    repertoire: Path
    nombre: int = 0

    def deposer(self, valeur: Any, cle: str, nom_defaut: str) -> str:
        fichier = self._fichier(valeur, cle, nom_defaut)
        dossier = self.repertoire / str(self.nombre)
        self.nombre += 1
        dossier.mkdir()
        chemin = dossier / nom_sur(fichier.nom, nom_defaut)
        chemin.write_bytes(fichier.contenu)
        return str(chemin)

    @staticmethod
    def _fichier(valeur: Any, cle: str, nom_defaut: str) -> Fichier:
        if isinstance(valeur, Fichier):
            return valeur
        if isinstance(valeur, str):
            return Fichier(nom_defaut, valeur.encode())
        if not isinstance(valeur, dict):
            raise ErreurType("type refusé", cle=cle, valeur=valeur, attendu=_FORME_FICHIER)
        inconnues = set(valeur) - {"nom", "contenu", "base64"}
        if inconnues or ("contenu" in valeur) == ("base64" in valeur):
            raise ErreurValeur(
                "fichier mal décrit", cle=cle, valeur=sorted(valeur), attendu=_FORME_FICHIER
            )
        nom = valeur.get("nom", nom_defaut)
        if not isinstance(nom, str):
            raise ErreurType("type refusé", cle=f"{cle}.nom", valeur=nom, attendu="un texte")
        if "contenu" in valeur:
            return Fichier(nom, _texte(valeur["contenu"], f"{cle}.contenu").encode())
        try:
            octets = base64.b64decode(_texte(valeur["base64"], f"{cle}.base64"), validate=True)
        except (binascii.Error, ValueError):
            raise ErreurValeur(
                "base64 invalide", cle=f"{cle}.base64", attendu="des octets codés en base64"
            ) from None
        return Fichier(nom, octets)
