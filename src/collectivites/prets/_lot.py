"""Projection d'une partie de portefeuille par lots (numpy) : les mêmes centimes, notes et clés
que la projection ligne par ligne, à l'octet près, pour bien moins de temps par ligne.

numpy est une dépendance facultative (``pip install ".[lot]"`` depuis le dépôt) : sans lui, ou pour
une partie de moins de :data:`SEUIL_LOT` lignes, :func:`~collectivites.prets._portefeuille.
projeter_partie` calcule ligne par ligne, comme avant. Le lot prend les lignes au profil
« amortissement déduit » (intérêts différés ou prioritaires), de toute révision (SR, DR, DL,
taux fixe) et de toute progressivité, en base 30/360 et mode équivalent, sans différé
d'amortissement, préfinancement ni versements, sous un index livré, décalé, prolongé ou figé ;
toute autre ligne, et toute ligne dont une date n'a pas de valeur d'index, est calculée par
:func:`~collectivites.prets.calculer_tableau`, puis agrégée avec les autres. Voir
:mod:`collectivites.prets._lot_noyau` (le calcul et ses bornes d'erreur certifiées) et
:mod:`collectivites.prets._lot_agregation` (les sommes par clé).
"""

from __future__ import annotations

import functools
import importlib.util
from collections.abc import Sequence

from collectivites.prets._cles import EnsembleCles
from collectivites.prets._modeles import Pret
from collectivites.prets._partielle import Agregation, ProjectionPartielle
from collectivites.prets._scenarios import Scenario

__all__ = ["SEUIL_LOT", "numpy_disponible", "projeter_partie_lot"]

#: Lignes d'une partie à partir desquelles le lot est employé (mesuré : en deçà, le coût fixe
#: des tables et des appels numpy l'emporte ; voir ``benchmarks/bench_portefeuille.py``).
SEUIL_LOT = 64


@functools.cache
def numpy_disponible() -> bool:
    """numpy est-il installé (l'extra ``lot``) ?"""
    return importlib.util.find_spec("numpy") is not None


def projeter_partie_lot(
    prets: Sequence[Pret], scenario: Scenario, par: Agregation, lignes: EnsembleCles
) -> ProjectionPartielle | None:
    """La projection partielle de ``prets`` par lots, ou ``None`` si numpy manque ou si le lot
    renonce (une somme au-delà de ses bornes exactes, une source d'index qui échoue) : la
    projection ligne par ligne la fait alors. Appelée par
    :func:`~collectivites.prets._portefeuille.projeter_partie` (``lot=True`` la force), après
    le refus des lignes en double ; ``lignes`` : les clés des lignes, calculées par elle une
    fois pour tous les scénarios."""
    if not numpy_disponible():
        return None
    from collectivites.prets._lot_partie import projeter_par_lots

    return projeter_par_lots(prets, scenario, par, lignes)
