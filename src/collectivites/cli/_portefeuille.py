"""La commande ``pret portefeuille`` : des dossiers, des répertoires et des exemples ; un ou deux
scénarios ; un garant."""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Iterator
from typing import Any

from collectivites.erreurs import ErreurValeur

__all__ = ["projection"]


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


class _Avancement:
    """L'avancement d'une longue projection, sur la sortie d'erreur d'un terminal : parties,
    lignes projetées, temps écoulé ; effacé à la fin."""

    def __init__(self) -> None:
        self.debut = time.monotonic()
        self.ecrit = False

    def __call__(self, faites: int, total: int, lignes: int) -> None:
        ecoule = int(time.monotonic() - self.debut)
        nombre = f"{lignes:,}".replace(",", "\u202f")
        duree = f"{ecoule // 60}:{ecoule % 60:02d}"
        sys.stderr.write(f"\rprojection : {faites}/{total} parties, {nombre} lignes, {duree}")
        sys.stderr.flush()
        self.ecrit = True

    def terminer(self) -> None:
        if self.ecrit:
            sys.stderr.write("\r\x1b[K")
            sys.stderr.flush()


def projection(args: argparse.Namespace) -> Any:
    """La projection (ou l'écart de deux projections), restreinte au garant demandé. Chaque
    tâche lit sa partition des fichiers (:func:`~collectivites.prets.projeter_fichiers`)."""
    from collectivites.prets import Agregation, ecart
    from collectivites.prets._repartition import projeter_fichiers_scenarios

    scenarios = _scenarios(args)
    par = Agregation(args.par)
    if args.garant and par is not Agregation.GARANT:
        raise ErreurValeur(
            "--garant s'emploie avec --par garant", cle="--garant", valeur=args.garant
        )
    if not (args.dossiers or args.exemple):
        raise ErreurValeur("aucun prêt", attendu="des dossiers, un répertoire ou --exemple")
    avancement = _Avancement() if getattr(args, "terminal", False) else None
    options: dict[str, Any] = {
        "par": par,
        "moteur": args.moteur,
        "travailleurs": args.travailleurs,
        "planificateur": args.planificateur,
        "lignes_par_partition": args.lignes_par_partition,
        "exemples": tuple(args.exemple or ()),
        "progression": avancement,
    }
    try:
        # chaque partition est lue une fois pour les deux scénarios
        resultat, *autres = projeter_fichiers_scenarios(args.dossiers or [], scenarios, **options)
        if autres:
            autre = autres[0]
            titre = f"Écart par {par.libelle} : « {scenarios[1].nom} » moins « {scenarios[0].nom} »"
            resultat = ecart(resultat, autre, titre=titre)
    finally:
        if avancement is not None:
            avancement.terminer()
    if args.garant:
        resultat = resultat.restreindre(args.garant)
    return ProjectionEnFlot(resultat)


class ProjectionEnFlot:
    """Une projection que la ligne de commande écrit par morceaux (:meth:`morceaux_de_sortie`) : la
    table d'une projection par ligne (une ligne par ligne de prêt et par année) n'est jamais
    construite ni rendue en entier, la mémoire reste celle du résultat en centimes. Se
    présente pour le reste comme la projection (``rendre``, ``decrire``…)."""

    def __init__(self, projection: Any) -> None:
        self.projection = projection

    def __getattr__(self, nom: str) -> Any:
        return getattr(self.projection, nom)

    def rendre(self, format: str = "texte", **options: Any) -> str | bytes:
        """Le rendu entier (un fichier ``--sortie``) ; un xlsx plus long qu'une feuille est
        refusé avant d'être construit."""
        if format == "xlsx":
            from collectivites.rendu._flot import verifier_xlsx

            verifier_xlsx(self.projection.nombre_de_lignes())
        resultat: str | bytes = self.projection.rendre(format, **options)
        return resultat

    def morceaux_de_sortie(self, format_: str) -> Iterator[str | bytes]:
        """La sortie dans ``format_``, par morceaux (voir :mod:`collectivites.rendu._flot`)."""
        from collectivites.rendu._flot import TableEnFlot, morceaux

        document = self.projection.decrire_sans_lignes()
        flot = TableEnFlot(
            document.tables[0],
            self.projection.lignes_en_flot,
            self.projection.nombre_de_lignes(),
        )
        return morceaux(document, flot, format_)
