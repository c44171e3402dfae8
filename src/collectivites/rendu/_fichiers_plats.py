"""Rendus pour les programmes : CSV (virgule, UTF-8), CSV pour tableur français (« ; »,
virgule décimale, BOM), JSON."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from collectivites.rendu._valeurs import machine, tableur
from collectivites.tables import Document, Table

__all__ = ["en_csv", "en_csv_excel", "en_json"]


def en_csv(table: Table) -> str:
    """CSV pour les programmes : en-têtes = clés des colonnes, dates ISO, montants « 3170.41 »,
    taux en pourcentage « 1.35 »."""
    tampon = io.StringIO()
    ecrivain = csv.writer(tampon, lineterminator="\n")
    ecrivain.writerow(c.cle for c in table.colonnes)
    for ligne in table.lignes:
        ecrivain.writerow(
            _cellule_csv(machine(v, c.genre)) for v, c in zip(ligne, table.colonnes, strict=True)
        )
    return tampon.getvalue()


def _cellule_csv(valeur: Any) -> Any:
    if isinstance(valeur, bool):
        return "true" if valeur else "false"
    return "" if valeur is None else valeur


def en_csv_excel(table: Table) -> str:
    """CSV pour Excel ou LibreOffice en français : séparateur « ; », virgule décimale, dates
    JJ/MM/AAAA, libellés français en en-tête, marque d'ordre des octets UTF-8 (BOM), fins de
    ligne CRLF ; la ligne de totaux suit les données."""
    tampon = io.StringIO()
    ecrivain = csv.writer(tampon, delimiter=";", lineterminator="\r\n")
    ecrivain.writerow(
        f"{c.libelle} (%)" if c.genre.value == "taux" else c.libelle for c in table.colonnes
    )
    for ligne in table.lignes:
        ecrivain.writerow(tableur(v, c.genre) for v, c in zip(ligne, table.colonnes, strict=True))
    totaux = table.totaux()
    if totaux is not None:
        cellules = [tableur(v, c.genre) for v, c in zip(totaux, table.colonnes, strict=True)]
        cellules[0] = cellules[0] or "Total"
        ecrivain.writerow(cellules)
    return "\ufeff" + tampon.getvalue()


def _objet(document: Document) -> dict[str, Any]:
    objet: dict[str, Any] = {}
    if document.titre:
        objet["titre"] = document.titre
    for fait in document.faits:
        objet[fait.cle] = machine(fait.valeur, fait.genre)
    totaux: dict[str, Any] = {}
    for table in document.tables:
        objet[table.cle] = [
            {c.cle: machine(v, c.genre) for v, c in zip(ligne, table.colonnes, strict=True)}
            for ligne in table.lignes
        ]
        ligne_totaux = table.totaux()
        if ligne_totaux is not None:
            totaux[table.cle] = {
                c.cle: machine(v, c.genre)
                for v, c in zip(ligne_totaux, table.colonnes, strict=True)
                if c.total
            }
    if totaux:
        objet["totaux"] = totaux
    objet["hypotheses"] = list(document.hypotheses)
    if document.parties:
        objet["parties"] = [_objet(p) for p in document.parties]
    return objet


def en_json(document: Document) -> str:
    """JSON : un objet par document — ``titre``, chaque fait sous sa clé, chaque table sous sa
    clé (liste d'objets), ``totaux`` par table, ``hypotheses``, ``parties``. Montants et taux en
    texte pour rester exacts."""
    return json.dumps(_objet(document), ensure_ascii=False, indent=2) + "\n"
