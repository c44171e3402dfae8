"""La description OpenAPI 3.1 du service, tirée de la table des commandes : un champ par option
(type, valeurs permises, défaut, aide), les fichiers en contenu, les réponses d'erreur."""

from __future__ import annotations

from typing import Any

from collectivites.cli._cadre import Commande, Option
from collectivites.web._requete import options_web
from collectivites.web._traitement import TYPES_DE_CONTENU, commandes_web

__all__ = ["description_openapi"]

_FICHIER: dict[str, Any] = {
    "type": "object",
    "description": "un fichier envoyé en contenu (texte) ou en base64 (octets, XLSX)",
    "properties": {
        "nom": {"type": "string", "description": "nom d'origine ; l'extension dit la nature"},
        "contenu": {"type": "string"},
        "base64": {"type": "string", "contentEncoding": "base64"},
    },
    "additionalProperties": False,
}
_ERREUR: dict[str, Any] = {
    "type": "object",
    "properties": {
        "erreur": {"type": "string", "description": "classe de l'erreur (ErreurValeur…)"},
        "message": {"type": "string", "description": "message complet, en français"},
        "fichier": {"type": ["string", "null"]},
        "ligne": {"type": ["integer", "null"]},
        "cle": {"type": ["string", "null"], "description": "clé fautive"},
        "valeur": {"type": ["string", "null"]},
        "attendu": {"type": ["string", "null"]},
    },
    "required": ["erreur", "message"],
}


def _schema_option(option: Option) -> dict[str, Any]:
    schema: dict[str, Any]
    if option.action == "store_true":
        schema = {"type": "boolean", "default": False}
    elif option.fichier == "fichier":
        schema = {"$ref": "#/components/schemas/Fichier"}
    elif option.fichier == "scenario":
        schema = {"oneOf": [{"type": "string"}, {"$ref": "#/components/schemas/Fichier"}]}
    else:
        schema = {"type": "string"}
        if option.choix:
            schema["enum"] = list(option.choix)
    if option.action == "append" or option.nargs == "*":
        schema = {"type": "array", "items": schema}
    if option.defaut is not None and option.action is None:
        schema["default"] = str(option.defaut)
    schema["description"] = option.aide
    return schema


def _operation(commande: Commande) -> dict[str, Any]:
    proprietes: dict[str, Any] = {}
    obligatoires = []
    if commande.source is not None:
        proprietes["exemple"] = {"type": "string", "description": "nom d'un exemple livré"}
        proprietes["dossier"] = {
            "oneOf": [{"type": "string"}, {"$ref": "#/components/schemas/Fichier"}],
            "description": f"{commande.source.nature} : son texte",
        }
    for option in options_web(commande):
        proprietes[option.champ] = _schema_option(option)
        if option.obligatoire or (option.nargs is None and not option.noms[0].startswith("-")):
            obligatoires.append(option.champ)
    proprietes["format"] = {"type": "string", "enum": list(commande.formats), "default": "json"}
    proprietes["table"] = {"type": "string", "description": "table écrite en csv"}
    schema: dict[str, Any] = {
        "type": "object",
        "properties": proprietes,
        "additionalProperties": False,
    }
    if obligatoires:
        schema["required"] = obligatoires
    contenus: dict[str, Any] = {TYPES_DE_CONTENU[f].split(";")[0]: {} for f in commande.formats}
    return {
        "summary": commande.aide,
        "operationId": "_".join(commande.chemin).replace("-", "_"),
        "tags": [commande.chemin[0]],
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": schema}},
        },
        "responses": {
            "200": {
                "description": "le résultat, comme « --format json » (ou le format demandé)",
                "content": contenus,
            },
            "413": {"description": "requête trop volumineuse"},
            "415": {"description": "le corps n'est pas du JSON"},
            "422": {
                "description": "entrée invalide : message français et clé fautive",
                "content": {
                    "application/json": {"schema": {"$ref": "#/components/schemas/Erreur"}}
                },
            },
        },
    }


def description_openapi(version: str) -> dict[str, Any]:
    """La description OpenAPI 3.1 de l'API (servie à ``/openapi.json``)."""
    chemins: dict[str, Any] = {
        f"/api/{'/'.join(c.chemin)}": {"post": _operation(c)} for c in commandes_web()
    }
    chemins["/sante"] = {
        "get": {
            "summary": "état du service et version",
            "responses": {"200": {"description": "ok"}},
        }
    }
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "collectivites",
            "version": version,
            "description": "Les commandes de la ligne de commande « collectivites », en JSON.",
        },
        "paths": chemins,
        "components": {"schemas": {"Fichier": _FICHIER, "Erreur": _ERREUR}},
    }
