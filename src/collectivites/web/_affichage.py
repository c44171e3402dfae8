"""Le résultat d'un calcul en HTML pour la page des formulaires (appelé dans le processus du
calcul : ni la page ni le serveur n'y sont importés)."""

from __future__ import annotations

import contextlib
from html import escape
from typing import Any

from collectivites.erreurs import ErreurCollectivites

__all__ = ["afficher"]


def afficher(resultat: Any, args: Any) -> str:
    """Le résultat en HTML et, s'il en porte un, son graphique en SVG (dans le processus du
    calcul)."""
    if isinstance(resultat, str):
        return f"<pre>{escape(resultat)}</pre>"
    morceaux = [resultat.rendre("html")]
    if "svg" in args.commande.formats:
        # pas de graphique pour ce résultat, ou pas de matplotlib : la table suffit
        with contextlib.suppress(ErreurCollectivites):
            morceaux.append(f'<div class="graphique">{resultat.rendre("svg")}</div>')
    return "".join(morceaux)
