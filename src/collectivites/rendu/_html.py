"""Rendu HTML (carnets Jupyter, service web) : libellés français, nombres à la française alignés
à droite, ligne de totaux, faits et hypothèses."""

from __future__ import annotations

from html import escape

from collectivites.rendu._valeurs import a_droite, chiffres_des_colonnes, ecran
from collectivites.tables import Document, Table

__all__ = ["en_html", "page_html", "table_html"]

_DROITE = ' style="text-align:right"'


def table_html(table: Table) -> str:
    """Une table HTML avec sa légende et sa ligne de totaux (``tfoot``)."""
    table = table.pour_ecran()
    styles = [_DROITE if a_droite(c.genre) else "" for c in table.colonnes]
    decimales = chiffres_des_colonnes(table.colonnes, table.lignes)
    tete = "".join(
        f"<th{s}>{escape(c.libelle)}</th>" for c, s in zip(table.colonnes, styles, strict=True)
    )
    corps = "".join(
        "<tr>"
        + "".join(
            f"<td{s}>{escape(ecran(v, c.genre, d))}</td>"
            for v, c, s, d in zip(ligne, table.colonnes, styles, decimales, strict=True)
        )
        + "</tr>"
        for ligne in table.lignes
    )
    pied = ""
    totaux = table.totaux()
    if totaux is not None:
        cellules = [
            ecran(v, c.genre, d) for v, c, d in zip(totaux, table.colonnes, decimales, strict=True)
        ]
        cellules[0] = cellules[0] or "Total"
        pied = (
            "<tfoot><tr>"
            + "".join(f"<th{s}>{escape(v)}</th>" for v, s in zip(cellules, styles, strict=True))
            + "</tr></tfoot>"
        )
    legende = f"<caption>{escape(table.titre)}</caption>" if table.titre else ""
    return (
        f'<table class="collectivites">{legende}<thead><tr>{tete}</tr></thead>'
        f"<tbody>{corps}</tbody>{pied}</table>"
    )


def en_html(document: Document, *, niveau: int = 3) -> str:
    """Le document : titre, faits (liste de définitions), tables, hypothèses, parties."""
    morceaux = []
    if document.titre:
        morceaux.append(f"<h{niveau}>{escape(document.titre)}</h{niveau}>")
    if document.faits:
        morceaux.append(
            "<dl>"
            + "".join(
                f"<dt>{escape(f.libelle)}</dt><dd>{escape(ecran(f.valeur, f.genre))}</dd>"
                for f in document.faits
            )
            + "</dl>"
        )
    morceaux.extend(table_html(t) for t in document.tables)
    if document.hypotheses:
        morceaux.append(
            "<ul>"
            + "".join(f"<li>Hypothèse : {escape(h)}</li>" for h in document.hypotheses)
            + "</ul>"
        )
    morceaux.extend(en_html(p, niveau=min(niveau + 1, 6)) for p in document.parties)
    return '<div class="collectivites">' + "".join(morceaux) + "</div>"


_STYLE = (
    "body{font-family:system-ui,sans-serif;margin:2em;color:#222}"
    "table.collectivites{border-collapse:collapse;margin:1em 0}"
    "table.collectivites th,table.collectivites td{border:1px solid #ccc;padding:.2em .5em}"
    "caption{font-weight:bold;text-align:left;padding:.3em 0}"
    "@media print{body{margin:0}}"
)


def page_html(fragment: str, titre: str = "") -> str:
    """Une page HTML autonome (``<!DOCTYPE html>``, ``<meta charset="utf-8">``, langue
    française) autour d'un fragment de :func:`en_html` : le fichier s'ouvre tel quel dans un
    navigateur, les accents compris, et s'imprime."""
    return (
        '<!DOCTYPE html>\n<html lang="fr">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(titre or 'collectivites')}</title>\n<style>{_STYLE}</style>\n"
        f"</head>\n<body>\n{fragment}\n</body>\n</html>\n"
    )
