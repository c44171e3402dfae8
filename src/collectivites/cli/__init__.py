"""Ligne de commande ``collectivites`` : chargeur + moteur + rendu, rien d'autre.

Une entrée invalide produit un message en français sur la sortie d'erreur et le code de sortie 2,
sans trace de pile.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import NoReturn

from collectivites import __version__
from collectivites.cli._commun import _date, _montant
from collectivites.cli._prets import (
    _cmd_pret_moratoires,
    _cmd_pret_portefeuille,
    _cmd_pret_remboursement,
    _cmd_pret_tableau,
    _cmd_pret_teg,
)
from collectivites.cli._regles import (
    _cmd_contrat_echeancier,
    _cmd_delai_calculer,
    _cmd_jours_feries,
    _cmd_rep_calendrier,
    _cmd_rep_soutiens,
    _cmd_rsa_interets,
    _cmd_rsa_neutralite,
    _cmd_rsa_regularisation,
)
from collectivites.erreurs import ErreurCollectivites

__all__ = ["main"]

FORMATS_DELAI = ("texte", "json")
FORMATS_FERIES = ("texte", "json", "csv")
FORMATS_AGENDA = ("texte", "json", "csv", "ics")
FORMATS_TABLEAU = ("texte", "csv", "json", "xlsx", "html")
FORMATS_RSA = ("texte", "json", "csv", "html")


class _Formateur(argparse.HelpFormatter):
    """Aide en français : « utilisation : » au lieu de « usage: »."""

    def add_usage(self, usage, actions, groups, prefix=None):  # type: ignore[no-untyped-def]
        super().add_usage(
            usage, actions, groups, prefix="utilisation : " if prefix is None else prefix
        )


class _Analyseur(argparse.ArgumentParser):
    """``argparse`` en français : aide, titres des sections, messages d'erreur (code 2)."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        kwargs.setdefault("formatter_class", _Formateur)
        kwargs["add_help"] = False
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self._positionals.title = "arguments"
        self._optionals.title = "options"
        self.add_argument("-h", "--aide", action="help", help="afficher cette aide et quitter")

    def error(self, message: str) -> NoReturn:
        traductions = {
            "the following arguments are required": "arguments obligatoires manquants",
            "invalid choice": "choix invalide",
            "choose from": "choisir parmi",
            "unrecognized arguments": "arguments non reconnus",
            "expected one argument": "une valeur est attendue",
            "not allowed with argument": "incompatible avec l'argument",
            "one of the arguments": "un des arguments",
            "is required": "est obligatoire",
            "argument": "argument",
        }
        for anglais, francais in traductions.items():
            message = message.replace(anglais, francais)
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog} : erreur : {message}\n")


# --- delai -----------------------------------------------------------------------------------


# --- pret ------------------------------------------------------------------------------------


# --- rsa -------------------------------------------------------------------------------------


def _ajouter_source(sous: argparse.ArgumentParser, aide: str) -> None:
    source = sous.add_mutually_exclusive_group(required=True)
    source.add_argument("dossier", nargs="?", help=aide)
    source.add_argument("--exemple", help="exemple livré")
    sous.add_argument("--format", default="texte", choices=FORMATS_RSA)
    sous.add_argument("--sortie", help="fichier de sortie (défaut : sortie standard)")


# --- rep -------------------------------------------------------------------------------------


# --- analyseur -------------------------------------------------------------------------------


def _analyseur() -> argparse.ArgumentParser:
    racine = _Analyseur(
        prog="collectivites",
        description="Calculs de finances publiques et de délais pour les collectivités.",
    )
    racine.add_argument(
        "--version",
        action="version",
        version=f"collectivites {__version__}",
        help="afficher la version et quitter",
    )
    commandes = racine.add_subparsers(dest="commande", metavar="COMMANDE", parser_class=_Analyseur)
    commandes.required = True

    delai = commandes.add_parser("delai", help="calculer un délai")
    delai_cmd = delai.add_subparsers(dest="action", metavar="ACTION", parser_class=_Analyseur)
    delai_cmd.required = True
    calculer = delai_cmd.add_parser("calculer", help="date d'expiration d'un délai")
    calculer.add_argument("--depart", required=True, type=_date, help="date de départ AAAA-MM-JJ")
    calculer.add_argument("--duree", required=True, help="par exemple « 15 jours ouvrés »")
    calculer.add_argument("--regime", default="simple", help="simple | cpc | franc | ue-1182-71")
    calculer.add_argument("--zone", default="metropole", help="metropole, alsace-moselle, 971…")
    calculer.add_argument("--avant", action="store_true", help="compter à rebours")
    calculer.add_argument("--format", default="texte", choices=FORMATS_DELAI)
    calculer.set_defaults(fonction=_cmd_delai_calculer)

    feries = commandes.add_parser("jours-feries", help="jours fériés d'une année")
    feries.add_argument("annee", type=int)
    feries.add_argument("--zone", default="metropole")
    feries.add_argument(
        "--chomes-locaux", action="store_true", help="inclure les jours chômés par usage local"
    )
    feries.add_argument("--format", default="texte", choices=FORMATS_FERIES)
    feries.set_defaults(fonction=_cmd_jours_feries)

    contrat = commandes.add_parser("contrat", help="échéancier d'un contrat")
    contrat_cmd = contrat.add_subparsers(dest="action", metavar="ACTION", parser_class=_Analyseur)
    contrat_cmd.required = True
    echeancier = contrat_cmd.add_parser("echeancier", help="agenda des dates d'un contrat")
    source = echeancier.add_mutually_exclusive_group(required=True)
    source.add_argument("dossier", nargs="?", help="fichier TOML du contrat")
    source.add_argument("--exemple", help="exemple livré (convention-rsa-lozere…)")
    echeancier.add_argument("--du", type=_date, help="début de l'agenda (défaut : prise d'effet)")
    echeancier.add_argument("--au", type=_date, help="fin de l'agenda (défaut : 31/12 de N+5)")
    echeancier.add_argument("--format", default="texte", choices=FORMATS_AGENDA)
    echeancier.add_argument("--sortie", help="fichier de sortie (défaut : sortie standard)")
    echeancier.set_defaults(fonction=_cmd_contrat_echeancier)

    pret = commandes.add_parser("pret", help="prêts de la Caisse des Dépôts")
    pret_cmd = pret.add_subparsers(dest="action", metavar="ACTION", parser_class=_Analyseur)
    pret_cmd.required = True
    tableau = pret_cmd.add_parser("tableau", help="tableau d'amortissement")
    source_t = tableau.add_mutually_exclusive_group(required=True)
    source_t.add_argument("dossier", nargs="?", help="fichier TOML de la ligne ou du prêt")
    source_t.add_argument("--exemple", help="exemple livré (cdc-57851…)")
    tableau.add_argument("--ligne", help="identifiant de la ligne du prêt à calculer")
    tableau.add_argument(
        "--index",
        default="emission",
        help="emission (index figé, comme le tableau de la CDC) | historique | FICHIER.csv",
    )
    tableau.add_argument("--format", default="texte", choices=FORMATS_TABLEAU)
    tableau.add_argument("--sortie", help="fichier de sortie (obligatoire pour xlsx)")
    tableau.set_defaults(fonction=_cmd_pret_tableau)

    def source_ligne(sous: argparse.ArgumentParser) -> None:
        groupe = sous.add_mutually_exclusive_group(required=True)
        groupe.add_argument("dossier", nargs="?", help="fichier TOML de la ligne ou du prêt")
        groupe.add_argument("--exemple", help="exemple livré (cdc-57851…)")
        sous.add_argument("--ligne", help="identifiant de la ligne du prêt")

    remboursement = pret_cmd.add_parser("remboursement", help="remboursement anticipé volontaire")
    source_ligne(remboursement)
    remboursement.add_argument("--date", type=_date, required=True, help="date d'échéance visée")
    remboursement.add_argument("--montant", type=_montant, help="capital remboursé (défaut : tout)")
    remboursement.add_argument("--courbe", help="courbe zéro-coupon CSV (maturite_ans,taux)")
    remboursement.add_argument("--date-demande", type=_date, help="date de notification")
    remboursement.add_argument("--index", default="emission")
    remboursement.add_argument("--format", default="texte", choices=("texte", "json", "csv"))
    remboursement.add_argument("--sortie")
    remboursement.set_defaults(fonction=_cmd_pret_remboursement)

    moratoires = pret_cmd.add_parser("moratoires", help="intérêts moratoires d'un impayé")
    source_ligne(moratoires)
    moratoires.add_argument("--montant", type=_montant, required=True)
    moratoires.add_argument("--exigibilite", type=_date, required=True)
    moratoires.add_argument("--paiement", type=_date, required=True)
    moratoires.add_argument("--index", default="historique")
    moratoires.add_argument("--format", default="texte", choices=("texte", "json", "csv"))
    moratoires.add_argument("--sortie")
    moratoires.set_defaults(fonction=_cmd_pret_moratoires)

    teg = pret_cmd.add_parser("teg", help="taux effectif global d'une ligne")
    source_ligne(teg)
    teg.add_argument("--commissions", type=_montant, default=Decimal(0))
    teg.set_defaults(fonction=_cmd_pret_teg)

    portefeuille = pret_cmd.add_parser("portefeuille", help="projections annuelles de la dette")
    portefeuille.add_argument("dossiers", nargs="*", help="dossiers TOML ou répertoires")
    portefeuille.add_argument("--exemple", action="append", help="exemple livré (répétable)")
    portefeuille.add_argument(
        "--index", default="historique", help="emission | historique | FICHIER.csv | livret_a+1 %%"
    )
    portefeuille.add_argument("--comparer-a", help="second scénario ; l'écart est affiché")
    portefeuille.add_argument("--depuis", type=_date, help="date de départ d'un choc de taux")
    portefeuille.add_argument("--par", default="ligne", choices=("ligne", "emprunteur", "garant"))
    portefeuille.add_argument("--garant", help="n'afficher que ce garant")
    portefeuille.add_argument("--format", default="texte", choices=FORMATS_TABLEAU)
    portefeuille.add_argument("--sortie")
    portefeuille.set_defaults(fonction=_cmd_pret_portefeuille)

    rsa = commandes.add_parser("rsa", help="flux du rSa entre département et CAF")
    rsa_cmd = rsa.add_subparsers(dest="action", metavar="ACTION", parser_class=_Analyseur)
    rsa_cmd.required = True
    interets = rsa_cmd.add_parser("interets-retard", help="intérêts de retard des acomptes")
    _ajouter_source(interets, "dossier rSa (TOML)")
    interets.add_argument(
        "--date-arrete", type=_date, help="date d'arrêté pour les parts encore impayées"
    )
    interets.set_defaults(fonction=_cmd_rsa_interets)
    regularisation = rsa_cmd.add_parser("regularisation", help="régularisation annuelle")
    _ajouter_source(regularisation, "dossier rSa (TOML)")
    regularisation.add_argument("--annee", type=int, required=True)
    regularisation.set_defaults(fonction=_cmd_rsa_regularisation)
    neutralite = rsa_cmd.add_parser("neutralite", help="trésorerie de la CAF et son coût")
    _ajouter_source(neutralite, "dossier rSa (TOML)")
    neutralite.add_argument("--annee", type=int, required=True)
    neutralite.set_defaults(fonction=_cmd_rsa_neutralite)

    rep = commandes.add_parser("rep", help="soutiens des éco-organismes (REP)")
    rep_cmd = rep.add_subparsers(dest="action", metavar="ACTION", parser_class=_Analyseur)
    rep_cmd.required = True
    soutiens = rep_cmd.add_parser("soutiens", help="soutiens d'une année")
    _ajouter_source(soutiens, "dossier de soutiens (TOML)")
    soutiens.set_defaults(fonction=_cmd_rep_soutiens)
    calendrier_rep = rep_cmd.add_parser("calendrier", help="calendrier de paiement")
    calendrier_rep.add_argument(
        "--echeance", type=_date, required=True, help="échéance annuelle unique AAAA-MM-JJ"
    )
    calendrier_rep.add_argument("--bareme", default="alcome")
    calendrier_rep.add_argument("--zone", default="metropole")
    calendrier_rep.add_argument("--format", default="texte", choices=FORMATS_RSA)
    calendrier_rep.add_argument("--sortie", help="fichier de sortie (défaut : sortie standard)")
    calendrier_rep.set_defaults(fonction=_cmd_rep_calendrier)
    return racine


def main(argv: Sequence[str] | None = None) -> int:
    """Point d'entrée ; rend le code de sortie (0, ou 2 pour une entrée invalide)."""
    analyseur = _analyseur()
    args = analyseur.parse_args(argv)
    if getattr(args, "format", None) == "xlsx" and not getattr(args, "sortie", None):
        analyseur.error("le format xlsx exige --sortie FICHIER.xlsx")
    fonction: Callable[[argparse.Namespace], None] = args.fonction
    try:
        fonction(args)
    except ErreurCollectivites as exc:
        sys.stderr.write(f"collectivites : erreur : {exc}\n")
        return 2
    except BrokenPipeError:  # pragma: no cover - sortie fermée par « | head »
        return 0
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
