"""Aides de rendu communes : CSV, JSON, tableau HTML, tableau texte aligné."""

from __future__ import annotations

import csv
import html
import io
import json
from collections.abc import Sequence
from typing import Any

__all__ = ["en_csv", "en_html", "en_json", "en_octets", "en_texte_aligne", "nouveau_classeur"]


def en_csv(entetes: Sequence[str], lignes: Sequence[Sequence[object]]) -> str:
    """CSV (virgule, fins de ligne ``\\n``)."""
    tampon = io.StringIO()
    ecrivain = csv.writer(tampon, lineterminator="\n")
    ecrivain.writerow(entetes)
    ecrivain.writerows(lignes)
    return tampon.getvalue()


def en_json(donnees: Any) -> str:
    """JSON indenté, caractères français conservés."""
    return json.dumps(donnees, ensure_ascii=False, indent=2) + "\n"


def en_html(entetes: Sequence[str], lignes: Sequence[Sequence[object]], *, titre: str = "") -> str:
    """Tableau HTML (pour ``_repr_html_`` des carnets Jupyter)."""
    tete = "".join(f"<th>{html.escape(str(e))}</th>" for e in entetes)
    corps = "".join(
        "<tr>" + "".join(f"<td>{html.escape(str(c))}</td>" for c in ligne) + "</tr>"
        for ligne in lignes
    )
    legende = f"<caption>{html.escape(titre)}</caption>" if titre else ""
    return f"<table>{legende}<thead><tr>{tete}</tr></thead><tbody>{corps}</tbody></table>"


def en_texte_aligne(
    entetes: Sequence[str], lignes: Sequence[Sequence[str]], *, a_droite: Sequence[bool]
) -> str:
    """Tableau texte à colonnes alignées (nombres à droite)."""
    largeurs = [len(e) for e in entetes]
    for ligne in lignes:
        for i, cellule in enumerate(ligne):
            largeurs[i] = max(largeurs[i], len(cellule))

    def formater(cellules: Sequence[str]) -> str:
        return "  ".join(
            c.rjust(largeurs[i]) if a_droite[i] else c.ljust(largeurs[i])
            for i, c in enumerate(cellules)
        ).rstrip()

    sortie = [formater(entetes), formater(["-" * n for n in largeurs])]
    sortie.extend(formater(ligne) for ligne in lignes)
    return "\n".join(sortie) + "\n"


def nouveau_classeur() -> Any:
    """Un classeur XLSX vide (openpyxl), ou une erreur qui dit quel extra installer."""
    try:
        from openpyxl import Workbook
    except ImportError:
        from collectivites.erreurs import ErreurValeur

        raise ErreurValeur(
            "le format xlsx exige openpyxl : pip install 'collectivites[xlsx]'"
        ) from None
    classeur = Workbook()
    classeur.remove(classeur.active)
    return classeur


def en_octets(classeur: Any) -> bytes:
    """Le classeur sérialisé."""
    tampon = io.BytesIO()
    classeur.save(tampon)
    return tampon.getvalue()
