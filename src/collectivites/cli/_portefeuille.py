"""La commande ``pret portefeuille`` : des dossiers, des répertoires et des exemples ; un ou deux
scénarios ; un garant."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from collectivites.erreurs import ErreurValeur

__all__ = ["projection"]


def _prets(args: argparse.Namespace) -> list[Any]:
    from collectivites.chargement import EXTENSIONS_CLASSEUR
    from collectivites.prets import charger_pret, exemple_pret, lire_portefeuille

    prets = [exemple_pret(nom) for nom in args.exemple or []]
    for chemin in args.dossiers or []:
        cible = Path(chemin)
        if cible.suffix.lower() in (".csv", *EXTENSIONS_CLASSEUR):
            prets.extend(lire_portefeuille(cible))
        elif cible.is_dir():
            fichiers = sorted(cible.glob("*.toml"))
            if not fichiers:
                raise ErreurValeur("aucun dossier .toml dans ce répertoire", valeur=str(cible))
            prets.extend(charger_pret(f) for f in fichiers)
        else:
            prets.append(charger_pret(cible))
    if not prets:
        raise ErreurValeur("aucun prêt", attendu="des dossiers, un répertoire ou --exemple")
    return prets


def _scenarios(args: argparse.Namespace) -> list[Any]:
    """Le scénario de base et celui de comparaison ; ``--depuis`` s'applique au(x) choc(s)."""
    from collectivites.prets import NatureScenario, scenario
    from collectivites.prets._scenarios import est_un_choc

    specifications = [args.index, *([args.comparer_a] if args.comparer_a else [])]
    if args.depuis is not None and not any(est_un_choc(s) for s in specifications):
        raise ErreurValeur(
            "--depuis n'a de sens qu'avec un choc de taux : l'option ne ferait rien",
            cle="--depuis",
            valeur=args.depuis,
            attendu="--index ou --comparer-a comme « livret_a+1 % »",
        )
    resultat = [scenario(s, depuis=args.depuis if est_un_choc(s) else None) for s in specifications]
    if (
        len(resultat) == 2
        and resultat[0] == resultat[1]
        and resultat[0].nature is not NatureScenario.CHOC
    ):
        raise ErreurValeur(
            "les deux scénarios sont identiques : l'écart serait nul", cle="--comparer-a"
        )
    return resultat


def projection(args: argparse.Namespace) -> Any:
    """La projection (ou l'écart de deux projections), restreinte au garant demandé."""
    from collectivites.prets import Agregation, ecart, projeter

    prets = _prets(args)
    scenarios = _scenarios(args)
    par = Agregation(args.par)
    if args.garant and par is not Agregation.GARANT:
        raise ErreurValeur(
            "--garant s'emploie avec --par garant", cle="--garant", valeur=args.garant
        )
    resultat = projeter(prets, scenarios[0], par=par)
    if len(scenarios) == 2:
        autre = projeter(prets, scenarios[1], par=par)
        titre = f"Écart par {par.libelle} : « {scenarios[1].nom} » moins « {scenarios[0].nom} »"
        resultat = ecart(resultat, autre, titre=titre)
    if args.garant:
        resultat = resultat.restreindre(args.garant)
    return resultat
