"""Ligne de commande ``collectivites`` : chargeur + moteur + rendu, rien d'autre.

Une entrée invalide produit un message en français sur la sortie d'erreur et le code de sortie 2,
sans trace de pile.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Callable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import NoReturn

from collectivites import __version__
from collectivites.erreurs import ErreurCollectivites

__all__ = ["main"]

FORMATS_DELAI = ("texte", "json")
FORMATS_FERIES = ("texte", "json", "csv")
FORMATS_AGENDA = ("texte", "json", "csv", "ics")
FORMATS_TABLEAU = ("texte", "csv", "json", "xlsx", "html")
FORMATS_RSA = ("texte", "json", "csv", "html")


class _Analyseur(argparse.ArgumentParser):
    """``argparse`` aux messages d'erreur en français (code de sortie 2)."""

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


def _date(texte: str) -> dt.date:
    from collectivites.dates import lire_date

    try:
        return lire_date(texte)
    except ErreurCollectivites as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _ecrire(texte: str | bytes, sortie: str | None) -> None:
    if sortie:
        chemin = Path(sortie)
        if isinstance(texte, bytes):
            chemin.write_bytes(texte)
        else:
            chemin.write_text(texte, encoding="utf-8", newline="")
        return
    if isinstance(texte, bytes):
        sys.stdout.buffer.write(texte)
    else:
        sys.stdout.write(texte)


# --- delai -----------------------------------------------------------------------------------


def _cmd_delai_calculer(args: argparse.Namespace) -> None:
    from collectivites._rendu import en_json
    from collectivites.regles.delais import detailler_delai

    resultat = detailler_delai(
        args.depart,
        args.duree,
        regime=args.regime,
        zone=args.zone,
        sens="avant" if args.avant else "apres",
    )
    if args.format == "texte":
        _ecrire(resultat.date.isoformat() + "\n", None)
        return
    _ecrire(
        en_json(
            {
                "depart": resultat.depart.isoformat(),
                "duree": str(resultat.duree),
                "sens": resultat.sens,
                "regime": resultat.regime.code,
                "reference": resultat.regime.reference,
                "zone": resultat.zone,
                "date_brute": resultat.date_brute.isoformat(),
                "date": resultat.date.isoformat(),
                "report": resultat.report,
                "jours_feries": [
                    {"date": j.date.isoformat(), "nom": j.nom, "reference": j.reference}
                    for j in resultat.jours_feries
                ],
                "explication": resultat.explication,
            }
        ),
        None,
    )


def _cmd_jours_feries(args: argparse.Namespace) -> None:
    from collectivites._rendu import en_csv, en_json
    from collectivites.calendrier import jours_feries

    jours = jours_feries(args.annee, args.zone, inclure_chomes_locaux=args.chomes_locaux)
    if args.format == "json":
        _ecrire(
            en_json(
                [
                    {
                        "date": j.date.isoformat(),
                        "nom": j.nom,
                        "code": j.code,
                        "categorie": j.categorie,
                        "reference": j.reference,
                    }
                    for j in jours
                ]
            ),
            None,
        )
    elif args.format == "csv":
        _ecrire(
            en_csv(
                ("date", "nom", "code", "categorie", "reference"),
                [(j.date.isoformat(), j.nom, j.code, j.categorie, j.reference) for j in jours],
            ),
            None,
        )
    else:
        _ecrire("".join(f"{j.date.isoformat()}  {j.nom}\n" for j in jours), None)


def _cmd_contrat_echeancier(args: argparse.Namespace) -> None:
    from collectivites.regles.delais import (
        agenda,
        agenda_csv,
        agenda_ics,
        agenda_json,
        agenda_texte,
        charger_contrat,
        exemple_contrat,
    )

    contrat = exemple_contrat(args.exemple) if args.exemple else charger_contrat(args.dossier)
    du = args.du or contrat.date_effet
    au = args.au or dt.date(du.year + 5, 12, 31)
    evenements = agenda(contrat, du, au)
    if args.format == "json":
        texte = agenda_json(contrat, evenements)
    elif args.format == "csv":
        texte = agenda_csv(contrat, evenements)
    elif args.format == "ics":
        texte = agenda_ics(contrat, evenements, horodatage=dt.datetime.now(dt.UTC))
    else:
        texte = agenda_texte(contrat, evenements)
    _ecrire(texte, args.sortie)


# --- pret ------------------------------------------------------------------------------------


def _cmd_pret_tableau(args: argparse.Namespace) -> None:
    from collectivites.prets import charger_pret, exemple_pret
    from collectivites.prets.index import lire_index_cli
    from collectivites.prets.rendu import rendre_tableaux

    pret = exemple_pret(args.exemple) if args.exemple else charger_pret(args.dossier)
    lignes = pret.lignes
    if args.ligne:
        lignes = tuple(ligne for ligne in lignes if ligne.identifiant == args.ligne)
        if not lignes:
            connues = ", ".join(ligne.identifiant for ligne in pret.lignes)
            raise ErreurCollectivites(
                f"ligne « {args.ligne} » absente du prêt (lignes : {connues})"
            )
    from collectivites.prets import calculer_tableau

    tableaux = [
        calculer_tableau(ligne, index=lire_index_cli(args.index, ligne)) for ligne in lignes
    ]
    _ecrire(rendre_tableaux(tableaux, args.format), args.sortie)


def _pret_et_ligne(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from collectivites.prets import charger_pret, exemple_pret

    pret = exemple_pret(args.exemple) if args.exemple else charger_pret(args.dossier)
    if args.ligne:
        lignes = [x for x in pret.lignes if x.identifiant == args.ligne]
        if not lignes:
            connues = ", ".join(x.identifiant for x in pret.lignes)
            raise ErreurCollectivites(
                f"ligne « {args.ligne} » absente du prêt (lignes : {connues})"
            )
        return pret, lignes[0]
    if len(pret.lignes) > 1:
        connues = ", ".join(x.identifiant for x in pret.lignes)
        raise ErreurCollectivites(f"le prêt a plusieurs lignes : précisez --ligne ({connues})")
    return pret, pret.lignes[0]


def _montant(texte: str) -> Decimal:
    from collectivites.monnaie import en_decimal

    try:
        return en_decimal(texte, champ="montant")
    except ErreurCollectivites as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _cmd_pret_remboursement(args: argparse.Namespace) -> None:
    from collectivites.prets.courbe import lire_courbe_csv
    from collectivites.prets.index import lire_index_cli
    from collectivites.prets.remboursement import rembourser_par_anticipation
    from collectivites.prets.rendu_evenements import rendre_remboursement

    _pret, ligne = _pret_et_ligne(args)
    resultat = rembourser_par_anticipation(
        ligne,
        args.date,
        montant=args.montant,
        index=lire_index_cli(args.index, ligne),
        courbe=lire_courbe_csv(args.courbe) if args.courbe else None,
        date_demande=args.date_demande,
    )
    _ecrire(rendre_remboursement(resultat, args.format), args.sortie)


def _cmd_pret_moratoires(args: argparse.Namespace) -> None:
    from collectivites.prets import IndexFige
    from collectivites.prets.index import lire_index_cli
    from collectivites.prets.moratoires import interets_moratoires
    from collectivites.prets.rendu_evenements import rendre_moratoires

    _pret, ligne = _pret_et_ligne(args)
    index = lire_index_cli(args.index, ligne) or IndexFige(valeur=ligne.valeur_index_reference)
    resultat = interets_moratoires(args.montant, args.exigibilite, args.paiement, index=index)
    _ecrire(rendre_moratoires(resultat, args.format), args.sortie)


def _cmd_pret_teg(args: argparse.Namespace) -> None:
    from collectivites.prets.teg import calculer_teg
    from collectivites.taux import formater_taux

    _pret, ligne = _pret_et_ligne(args)
    resultat = calculer_teg(ligne, commissions=args.commissions)
    _ecrire(
        f"Taux de période : {formater_taux(round(resultat.taux_periode, 6))}\n"
        f"TEG ({resultat.periodes_par_an} périodes par an) : "
        f"{formater_taux(resultat.teg_affiche)}\n",
        None,
    )


def _prets_du_portefeuille(args: argparse.Namespace) -> list:  # type: ignore[type-arg]
    from collectivites.prets import charger_pret, exemple_pret

    prets = [exemple_pret(nom) for nom in args.exemple or []]
    for chemin in args.dossiers:
        cible = Path(chemin)
        if cible.is_dir():
            fichiers = sorted(cible.glob("*.toml"))
            if not fichiers:
                raise ErreurCollectivites(f"aucun dossier .toml dans « {cible} »")
            prets.extend(charger_pret(f) for f in fichiers)
        else:
            prets.append(charger_pret(cible))
    if not prets:
        raise ErreurCollectivites("aucun prêt : donnez des dossiers, un répertoire ou --exemple")
    return prets


def _cmd_pret_portefeuille(args: argparse.Namespace) -> None:
    from collectivites.prets.portefeuille import ecart, projeter
    from collectivites.prets.rendu_evenements import rendre_projection
    from collectivites.prets.scenarios import scenario

    prets = _prets_du_portefeuille(args)
    if args.garant:
        connus = {g.nom for p in prets for x in p.lignes for g in (x.garants or p.garants)}
        if args.garant not in connus:
            raise ErreurCollectivites(
                f"garant inconnu des contrats : « {args.garant} » "
                f"(garants : {', '.join(sorted(connus))})"
            )
    base = scenario(args.index, depuis=args.depuis)
    projection = projeter(prets, base, par=args.par)
    titre = f"Projection par {args.par} — {base.nom}"
    notes = list(base.notes)
    if args.comparer_a:
        autre = scenario(args.comparer_a, depuis=args.depuis)
        projection = ecart(projection, projeter(prets, autre, par=args.par))
        titre = f"Écart par {args.par} : « {autre.nom} » moins « {base.nom} »"
        notes += [n for n in autre.notes if n not in notes]
    if args.garant:
        from collectivites.prets.portefeuille import Projection

        projection = Projection(
            par=projection.par, series=((args.garant, projection.serie(args.garant)),)
        )
    entete = titre + "".join(f"\nHypothèse : {n}" for n in notes) + "\n"
    _ecrire(rendre_projection(projection, args.format, titre=entete), args.sortie)


# --- rsa -------------------------------------------------------------------------------------


def _dossier_rsa(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from collectivites.regles.rsa import charger_dossier_rsa, exemple_rsa

    return exemple_rsa(args.exemple) if args.exemple else charger_dossier_rsa(args.dossier)


def _cmd_rsa_interets(args: argparse.Namespace) -> None:
    from collectivites.regles.rsa import calculer_interets_retard, rendre_interets

    dossier = _dossier_rsa(args)
    resultat = calculer_interets_retard(
        dossier.convention,
        dossier.acomptes,
        taux_mensuels=dict(dossier.taux_mensuels),
        estr_mensuels=dict(dossier.estr_mensuels),
        date_arrete=args.date_arrete or dossier.date_arrete,
    )
    _ecrire(rendre_interets(resultat, args.format), args.sortie)


def _cmd_rsa_regularisation(args: argparse.Namespace) -> None:
    from collectivites.regles.rsa import calculer_regularisation, rendre_regularisation

    dossier = _dossier_rsa(args)
    resultat = calculer_regularisation(args.annee, dossier.acomptes, dossier.operations)
    _ecrire(rendre_regularisation(resultat, args.format), args.sortie)


def _cmd_rsa_neutralite(args: argparse.Namespace) -> None:
    from collectivites.regles.rsa import calculer_neutralite, rendre_neutralite

    dossier = _dossier_rsa(args)
    resultat = calculer_neutralite(
        dossier.convention,
        dossier.flux,
        args.annee,
        taux_mensuels=dict(dossier.taux_mensuels),
        estr_mensuels=dict(dossier.estr_mensuels),
    )
    _ecrire(rendre_neutralite(resultat, args.format), args.sortie)


def _ajouter_source(sous: argparse.ArgumentParser, aide: str) -> None:
    source = sous.add_mutually_exclusive_group(required=True)
    source.add_argument("dossier", nargs="?", help=aide)
    source.add_argument("--exemple", help="exemple livré")
    sous.add_argument("--format", default="texte", choices=FORMATS_RSA)
    sous.add_argument("--sortie", help="fichier de sortie (défaut : sortie standard)")


# --- rep -------------------------------------------------------------------------------------


def _cmd_rep_soutiens(args: argparse.Namespace) -> None:
    from collectivites.regles.rep import (
        calculer_dossier_rep,
        charger_dossier_rep,
        exemple_rep,
        rendre_soutiens,
    )

    dossier = exemple_rep(args.exemple) if args.exemple else charger_dossier_rep(args.dossier)
    _ecrire(rendre_soutiens(calculer_dossier_rep(dossier), args.format), args.sortie)


def _cmd_rep_calendrier(args: argparse.Namespace) -> None:
    from collectivites.regles.rep import bareme_en_vigueur, calendrier_paiement, rendre_calendrier

    bareme = bareme_en_vigueur(args.bareme, args.echeance.year - 1)
    dates = calendrier_paiement(bareme, args.echeance, zone=args.zone)
    _ecrire(rendre_calendrier(dates, args.format), args.sortie)


# --- analyseur -------------------------------------------------------------------------------


def _analyseur() -> argparse.ArgumentParser:
    racine = _Analyseur(
        prog="collectivites",
        description="Calculs de finances publiques et de délais pour les collectivités.",
    )
    racine.add_argument("--version", action="version", version=f"collectivites {__version__}")
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
