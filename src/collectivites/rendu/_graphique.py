"""Rendus graphiques (extra ``graphiques``, matplotlib) : le
:class:`~collectivites.tables.Graphique` de la première table qui en a un, en PNG ou en SVG.

Barres empilées des montants (amortissement et intérêts : l'annuité), courbe du capital dû, une
courbe par série (un garant) ; axes à la française (« 120 000 € », dates JJ/MM/AAAA). Les fichiers
sont reproductibles : mêmes octets pour le même document (pas d'horodatage, identifiants SVG
fixés).

Les textes (titre, libellés, noms des séries) sont écrits tels quels : un « $ » y est échappé,
si bien qu'un nom de garant ne se lit jamais comme une formule mathtext de matplotlib (qu'un
« $\\frac$ » ferait échouer).
"""

from __future__ import annotations

import io
from collections import defaultdict
from decimal import Decimal
from typing import Any

from collectivites.erreurs import ErreurPlugin, ErreurValeur
from collectivites.tables import Document, Graphique, Table

__all__ = ["FORMATS_IMAGE", "en_image", "table_du_graphique"]

#: Formats d'image.
FORMATS_IMAGE = ("png", "svg")
_COULEURS = ("#1f4e79", "#c55a11", "#548235", "#7f6000", "#7030a0", "#2e75b6", "#a50021")


def _litteral(texte: str) -> str:
    """Un texte que matplotlib affiche tel quel (« $ » échappé : pas de mathtext)."""
    return texte.replace("$", r"\$")


def table_du_graphique(document: Document) -> Table:
    """La première table du document (ou de ses parties) qui porte un graphique."""
    for table in document.toutes_les_tables():
        if table.graphique is not None:
            return table
    raise ErreurValeur(
        "ce résultat n'a pas de graphique", cle="format", attendu="texte, csv, json, xlsx, html"
    )


def _valeurs(table: Table, g: Graphique) -> tuple[list[Any], dict[str, list[Decimal]], Any]:
    """Abscisses, barres additionnées par abscisse, courbes par (série, colonne)."""
    indices = {c.cle: i for i, c in enumerate(table.colonnes)}
    abscisses: list[Any] = []
    barres: dict[str, dict[Any, Decimal]] = {b: defaultdict(Decimal) for b in g.barres}
    courbes: dict[str, dict[Any, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    for ligne in table.lignes:
        x = ligne[indices[g.abscisse]]
        if x not in abscisses:
            abscisses.append(x)
        for b in g.barres:
            barres[b][x] += ligne[indices[b]] or 0
        serie = str(ligne[indices[g.series]]) if g.series else ""
        for c in g.courbes:
            # une série : son nom suffit (la colonne est dite sur l'axe des courbes)
            libelle = serie if serie and len(g.courbes) == 1 else table.colonne(c).libelle
            if serie and len(g.courbes) > 1:
                libelle = f"{serie} — {libelle}"
            courbes[libelle][x] += ligne[indices[c]] or 0
    abscisses.sort()
    return (
        abscisses,
        {b: [barres[b][x] for x in abscisses] for b in g.barres},
        {nom: [valeurs.get(x) for x in abscisses] for nom, valeurs in courbes.items()},
    )


def _euros(valeur: float, _position: object) -> str:
    """Une graduation en euros entiers, milliers séparés par une espace fine insécable."""
    return f"{round(valeur):,}".replace(",", "\u202f") + " €"


def _dessiner(table: Table, g: Graphique) -> Any:
    # Une Figure sans pyplot : aucun moteur à choisir (savefig prend celui du format), et le
    # moteur de pyplot de l'appelant (un carnet) reste le sien.
    from matplotlib.figure import Figure
    from matplotlib.ticker import FuncFormatter

    abscisses, barres, courbes = _valeurs(table, g)
    figure = Figure(figsize=(9, 5.4), dpi=100)
    axe = figure.add_subplot()
    positions = list(range(len(abscisses)))
    bas = [0.0] * len(abscisses)
    for rang, (cle, valeurs) in enumerate(barres.items()):
        hauteurs = [float(v) for v in valeurs]  # dessin seulement : les montants restent exacts
        axe.bar(
            positions,
            hauteurs,
            bottom=bas,
            color=_COULEURS[(rang + 3) % len(_COULEURS)],
            alpha=0.55,
            label=_litteral(table.colonne(cle).libelle),
        )
        bas = [bas[i] + h for i, h in enumerate(hauteurs)]  # une hauteur par abscisse
    axe_courbes = axe.twinx() if barres and courbes else axe
    for rang, (nom, valeurs) in enumerate(courbes.items()):
        # une valeur par abscisse, à sa position (son rang)
        points = [(p, float(v)) for p, v in enumerate(valeurs) if v is not None]
        axe_courbes.plot(
            [p for p, _ in points],
            [v for _, v in points],
            color=_COULEURS[rang % len(_COULEURS)],
            linewidth=2,
            label=_litteral(nom),
        )
    positifs = all(
        v is None or v >= 0 for serie in (*barres.values(), *courbes.values()) for v in serie
    )
    axes = [axe] if axe_courbes is axe else [axe, axe_courbes]
    for a in axes:
        a.yaxis.set_major_formatter(FuncFormatter(_euros))
        if positifs:  # un écart de scénarios peut être négatif : l'axe le montre alors
            a.set_ylim(bottom=0)
        else:
            a.axhline(0, color="#808080", linewidth=0.8)
    if len(g.courbes) == 1:
        axe_courbes.set_ylabel(_litteral(f"{table.colonne(g.courbes[0]).libelle} (courbes)"))
    if barres and axe_courbes is not axe:
        axe.set_ylabel(
            _litteral(" + ".join(table.colonne(b).libelle for b in g.barres) + " (barres)")
        )
    pas = max(1, len(abscisses) // 10)
    axe.set_xticks(positions[::pas])
    axe.set_xticklabels(
        [
            x.strftime("%d/%m/%Y") if hasattr(x, "strftime") else _litteral(str(x))
            for x in abscisses[::pas]
        ],
        rotation=45,
        ha="right",
    )
    axe.set_title(_litteral(g.titre))
    poignees, libelles = [], []
    for a in axes:
        p, l_ = a.get_legend_handles_labels()
        poignees += p
        libelles += l_
    axe.legend(
        poignees,
        libelles,
        loc="upper center",
        bbox_to_anchor=(0.5, -0.22),
        ncol=min(2, len(libelles)),
        fontsize="small",
        frameon=False,
    )
    figure.tight_layout()
    return figure


def en_image(document: Document, format: str = "png") -> bytes:
    """Le graphique du document en PNG ou en SVG."""
    if format not in FORMATS_IMAGE:
        raise ErreurValeur("format d'image inconnu", cle="format", valeur=format)
    try:
        import matplotlib
    except ImportError:
        raise ErreurPlugin(
            "les graphiques exigent matplotlib",
            attendu="l'extra graphiques (pip install '.[graphiques]' depuis le dépôt, "
            "ou pip install matplotlib)",
        ) from None
    table = table_du_graphique(document)
    assert table.graphique is not None
    with matplotlib.rc_context({"svg.hashsalt": "collectivites", "font.family": "DejaVu Sans"}):
        figure = _dessiner(table, table.graphique)
        tampon = io.BytesIO()
        metadonnees: dict[str, Any] = (
            {"Date": None, "Creator": None} if format == "svg" else {"Software": None}
        )
        figure.savefig(tampon, format=format, metadata=metadonnees)
    return tampon.getvalue()
