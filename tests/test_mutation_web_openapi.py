"""La description OpenAPI du service (``web/_openapi.py``), passage de mutation (issue 27) : le
schéma exact de chaque genre d'option et d'une opération, écrits à la main d'après les règles du
module (un booléen pour une case, un fichier en référence, un texte ou un fichier pour un
scénario, une liste pour une option répétable ; défaut en texte, sauf pour une action).
"""

from __future__ import annotations

from typing import Any

import pytest

pytest.importorskip("starlette", reason="extra « web » absent")

from collectivites.cli._cadre import Commande, Option, Source
from collectivites.web import _openapi
from collectivites.web._openapi import description_openapi

FICHIER = {"$ref": "#/components/schemas/Fichier"}


def _rien(*_args: Any) -> Any:
    return None


@pytest.mark.parametrize(
    ("option", "schema"),
    [
        (
            Option(("--avant",), "à rebours", action="store_true"),
            {"type": "boolean", "default": False, "description": "à rebours"},
        ),
        (
            Option(("--f",), "un fichier", fichier="fichier"),
            {**FICHIER, "description": "un fichier"},
        ),
        (
            Option(("fs",), "des fichiers", nargs="*", fichier="fichier"),
            {"type": "array", "items": FICHIER, "description": "des fichiers"},
        ),
        (
            Option(("--index",), "scénario", defaut="historique", fichier="scenario"),
            {
                "oneOf": [{"type": "string"}, FICHIER],
                "default": "historique",
                "description": "scénario",
            },
        ),
        (
            Option(("--par",), "clé", defaut="ligne", choix=("ligne", "garant")),
            {
                "type": "string",
                "enum": ["ligne", "garant"],
                "default": "ligne",
                "description": "clé",
            },
        ),
        (
            Option(("--n",), "nombre", defaut=20000),
            {"type": "string", "default": "20000", "description": "nombre"},
        ),
        (
            Option(("--exemple",), "exemples", defaut="x", action="append"),
            {"type": "array", "items": {"type": "string"}, "description": "exemples"},
        ),
        (Option(("--t",), "texte"), {"type": "string", "description": "texte"}),
    ],
)
def test_schema_de_chaque_genre_d_option(option: Option, schema: dict[str, Any]) -> None:
    assert _openapi._schema_option(option) == schema


ESSAI = Commande(
    ("pret", "essai-un"),
    "essai",
    _rien,
    options=(
        Option(("ligne",), "ligne"),
        Option(("--date",), "date", obligatoire=True),
        Option(("--avant",), "à rebours", action="store_true"),
        Option(("fs",), "fichiers", nargs="*", fichier="fichier"),
        Option(("--cache",), "caché", web=False),
    ),
    source=Source("dossier de prêts (TOML)", _rien, _rien),
    formats=("texte", "csv", "csv-excel", "json"),
)


def _reponses(contenus: dict[str, Any]) -> dict[str, Any]:
    return {
        "200": {
            "description": "le résultat, comme « --format json » (ou le format demandé)",
            "content": contenus,
        },
        "413": {"description": "requête trop volumineuse"},
        "415": {"description": "le corps n'est pas du JSON"},
        "422": {
            "description": "entrée invalide : message français et clé fautive",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Erreur"}}},
        },
    }


def test_operation_complete() -> None:
    assert _openapi._operation(ESSAI) == {
        "summary": "essai",
        "operationId": "pret_essai_un",
        "tags": ["pret"],
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {
                    "schema": {
                        "type": "object",
                        "properties": {
                            "exemple": {"type": "string", "description": "nom d'un exemple livré"},
                            "dossier": {
                                "oneOf": [{"type": "string"}, FICHIER],
                                "description": "dossier de prêts (TOML) : son texte",
                            },
                            "ligne": {"type": "string", "description": "ligne"},
                            "date": {"type": "string", "description": "date"},
                            "avant": {
                                "type": "boolean",
                                "default": False,
                                "description": "à rebours",
                            },
                            "fs": {"type": "array", "items": FICHIER, "description": "fichiers"},
                            "format": {
                                "type": "string",
                                "enum": ["texte", "csv", "csv-excel", "json"],
                                "default": "json",
                            },
                            "table": {"type": "string", "description": "table écrite en csv"},
                        },
                        "additionalProperties": False,
                        "required": ["ligne", "date"],
                    }
                }
            },
        },
        "responses": _reponses(
            {"text/plain": {}, "text/csv": {}, "application/json": {}},
        ),
    }


def test_operation_sans_source_ni_champ_obligatoire() -> None:
    commande = Commande(("jours-feries",), "jours", _rien, formats=("json", "ics"))
    operation = _openapi._operation(commande)
    schema = operation["requestBody"]["content"]["application/json"]["schema"]
    assert "required" not in schema
    assert list(schema["properties"]) == ["format", "table"]
    assert operation["operationId"] == "jours_feries"
    assert operation["tags"] == ["jours-feries"]
    assert operation["responses"]["200"]["content"] == {"application/json": {}, "text/calendar": {}}


def test_description_complete(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_openapi, "commandes_web", lambda: (ESSAI,))
    assert description_openapi("9.9") == {
        "openapi": "3.1.0",
        "info": {
            "title": "collectivites",
            "version": "9.9",
            "description": "Les commandes de la ligne de commande « collectivites », en JSON.",
        },
        "paths": {
            "/api/pret/essai-un": {"post": _openapi._operation(ESSAI)},
            "/sante": {
                "get": {
                    "summary": "état du service et version",
                    "responses": {"200": {"description": "ok"}},
                }
            },
        },
        "components": {"schemas": {"Fichier": _openapi._FICHIER, "Erreur": _openapi._ERREUR}},
    }
