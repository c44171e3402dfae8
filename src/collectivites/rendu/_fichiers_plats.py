"""Rendus pour les programmes : CSV (virgule, UTF-8), CSV pour tableur français (« ; »,
virgule décimale, BOM), JSON.

Les deux CSV s'ouvrent dans un tableur : chaque cellule de texte (en-têtes, colonnes de texte
ou de code) qui commence comme une formule (« = », « + », « - », « @ », tabulation, retour
chariot, formes pleine chasse) est préfixée d'une apostrophe, selon la règle de l'OWASP
(« CSV Injection ») ; les nombres, écrits depuis des ``Decimal``, restent des nombres. Le JSON
est une donnée pour un programme : il garde les textes tels quels.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from collectivites.rendu._valeurs import machine, neutraliser, tableur, texte_libre
from collectivites.tables import Document, Genre, Table

__all__ = ["en_csv", "en_csv_excel", "en_json"]


def en_csv(table: Table) -> str:
    """CSV pour les programmes : en-têtes = clés des colonnes, dates ISO, montants « 3170.41 »,
    taux en pourcentage « 1.35 » ; textes neutralisés (voir le module)."""
    tampon = io.StringIO()
    ecrivain = csv.writer(tampon, lineterminator="\n")
    _ecrire_ligne(tampon, ecrivain, [neutraliser(c.cle) for c in table.colonnes])
    for ligne in table.lignes:
        _ecrire_ligne(
            tampon,
            ecrivain,
            [_cellule_csv(v, c.genre) for v, c in zip(ligne, table.colonnes, strict=True)],
        )
    return tampon.getvalue()


def _ecrire_ligne(tampon: io.StringIO, ecrivain: Any, cellules: list[Any]) -> None:
    """Écrit une ligne terminée par « \\n ». Le module ``csv`` ne met entre guillemets que les
    champs qui contiennent un caractère de son terminateur : avec « \\n », un « \\r » resterait
    nu, et un tableur, qui y voit une fin de ligne, lirait la suite comme une nouvelle cellule
    (« \\r=1+1 » : une formule). Une telle ligne est écrite avec « \\r\\n », qui met ces champs
    entre guillemets, puis terminée par « \\n »."""
    if not any(isinstance(c, str) and "\r" in c for c in cellules):
        ecrivain.writerow(cellules)
        return
    ligne = io.StringIO()
    csv.writer(ligne, lineterminator="\r\n").writerow(cellules)
    tampon.write(ligne.getvalue()[:-2] + "\n")


def _cellule_csv(valeur: Any, genre: Genre) -> Any:
    ecrite = machine(valeur, genre)
    if isinstance(ecrite, bool):
        return "true" if ecrite else "false"
    if ecrite is None:
        return ""
    if isinstance(ecrite, str) and texte_libre(valeur, genre):
        return neutraliser(ecrite)
    return ecrite


def _cellule_tableur(valeur: Any, genre: Genre) -> str:
    ecrite = tableur(valeur, genre)
    return neutraliser(ecrite) if texte_libre(valeur, genre) else ecrite


def en_csv_excel(table: Table) -> str:
    """CSV pour Excel ou LibreOffice en français : séparateur « ; », virgule décimale, dates
    JJ/MM/AAAA, libellés français en en-tête, marque d'ordre des octets UTF-8 (BOM), fins de
    ligne CRLF ; la ligne de totaux suit les données ; textes neutralisés (voir le module)."""
    tampon = io.StringIO()
    ecrivain = csv.writer(tampon, delimiter=";", lineterminator="\r\n")
    ecrivain.writerow(
        neutraliser(f"{c.libelle} (%)" if c.genre.value == "taux" else c.libelle)
        for c in table.colonnes
    )
    for ligne in table.lignes:
        ecrivain.writerow(
            _cellule_tableur(v, c.genre) for v, c in zip(ligne, table.colonnes, strict=True)
        )
    totaux = table.totaux()
    if totaux is not None:
        cellules = [
            _cellule_tableur(v, c.genre) for v, c in zip(totaux, table.colonnes, strict=True)
        ]
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
