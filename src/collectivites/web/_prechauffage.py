"""Préchauffage du serveur de processus des calculs : importé une fois par lui (et par lui
seul), ce module fait tourner quelques calculs représentatifs pour charger les données de
référence et les exemples dans ses caches, dont chaque processus de calcul hérite ensuite.

Un échec n'empêche rien : le calcul réel chargera ce qui manque, et dira ses erreurs.
"""

from __future__ import annotations

import contextlib

from collectivites.web._travail import _executer, _Tache

__all__: list[str] = []

_CALCULS = (
    _Tache(("jours-feries",), {"annee": "2026"}, "json", False),
    _Tache(("pret", "tableau"), {"exemple": "cdc-57851", "ligne": "5165325"}, "json", False),
    _Tache(
        ("delai", "calculer"), {"depart": "26/04/2024", "duree": "15 jours ouvrés"}, "json", False
    ),
)

for _tache in _CALCULS:
    with contextlib.suppress(Exception):
        _executer(_tache)
