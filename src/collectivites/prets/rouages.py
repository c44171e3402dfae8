"""Les rouages des projections de portefeuille, pour qui écrit un moteur de calcul ou répartit
lui-même un portefeuille (travailleurs, grappe, fusion de parties).

L'utilisateur d'un tableur ou d'un carnet n'en a pas besoin : :func:`collectivites.prets.projeter`
et :func:`collectivites.prets.projeter_fichiers` les emploient pour lui. Ces noms sont stables
comme ceux de la façade, mais ne s'importent que d'ici (``from collectivites.prets.rouages import
projeter_partie``) ; les importer de :mod:`collectivites.prets` reste possible, avec un
``DeprecationWarning``.

- :func:`projeter_partie` : ce que calcule un travailleur (la :class:`ProjectionPartielle` d'une
  partie d'un portefeuille) ; :func:`projeter_sous_scenarios` : la même partie sous plusieurs
  scénarios, ses clés calculées une fois ;
- :func:`fusionner`, :class:`Fusion` : la somme exacte, au centime, de parties disjointes ;
- :func:`achever` : de la somme de toutes les parties à la
  :class:`~collectivites.prets.Projection` du portefeuille ;
- :func:`projeter_ligne`, :func:`garants_de` : la projection annuelle d'une ligne, ses garants ;
- :class:`EnsembleCles`, :func:`reunir` : les clés (lignes, contrats) d'une partie, compressées,
  pour refuser une ligne comptée deux fois ;
- :class:`SourceIndex` : le protocole qu'un index (série, scénario, greffon) doit suivre.

Examples:
    >>> from collectivites.prets import exemple_pret, projeter, scenario
    >>> from collectivites.prets.rouages import achever, fusionner, projeter_partie
    >>> prets = [exemple_pret("cdc-57851")]
    >>> historique = scenario("historique")
    >>> parties = [projeter_partie([p], historique, "garant") for p in prets]
    >>> achever(fusionner(parties), historique) == projeter(prets, historique, par="garant")
    True
"""

from __future__ import annotations

from collectivites.donnees import SourceIndex
from collectivites.prets._cles import EnsembleCles, reunir
from collectivites.prets._partielle import Fusion, ProjectionPartielle, fusionner
from collectivites.prets._portefeuille import (
    achever,
    garants_de,
    projeter_ligne,
    projeter_partie,
    projeter_sous_scenarios,
)

__all__ = [
    "EnsembleCles",
    "Fusion",
    "ProjectionPartielle",
    "SourceIndex",
    "achever",
    "fusionner",
    "garants_de",
    "projeter_ligne",
    "projeter_partie",
    "projeter_sous_scenarios",
    "reunir",
]
