"""La table des commandes : pour chacune, ses options, sa source et son calcul (trois lignes au
plus : tout le reste — chargement, rendu, écriture — est commun)."""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
from decimal import Decimal
from typing import Any

from collectivites.cli._cadre import Commande, Option, Source
from collectivites.cli._dette import COMMANDES_DETTE
from collectivites.cli._garantie import COMMANDES_GARANTIE, _date, _montant
from collectivites.cli._paiements import COMMANDES_PAIEMENTS
from collectivites.cli._partitionner import COMMANDES_NATIONAL
from collectivites.erreurs import ErreurValeur

__all__ = ["COMMANDES"]

# _date et _montant : les lecteurs d'options des garanties (un montant démesuré y est refusé en
# français, code 2, et non par une exception de decimal).


def _annee(texte: str) -> int:
    """Une année du calendrier couvert."""
    if not (texte.isascii() and texte.isdigit() and len(texte) == 4 and 1900 <= int(texte) <= 2199):
        raise argparse.ArgumentTypeError(
            f"année invalide (reçu : {texte!r} ; attendu : 1900 à 2199)"
        )
    return int(texte)


def _entier_positif(texte: str) -> int:
    """Un entier de 1 à 10 000 000 (« 20000 » ou « 20 000 »)."""
    propre = texte.replace(" ", "").replace("\u202f", "").replace("\xa0", "")
    if not (
        propre.isascii()
        and propre.isdigit()
        and len(propre) <= 8
        and 1 <= int(propre) <= 10_000_000
    ):
        raise argparse.ArgumentTypeError(
            f"nombre invalide (reçu : {texte!r} ; attendu : un entier de 1 à 10 000 000)"
        )
    return int(propre)


# --- sources (importées à la première utilisation : le démarrage reste léger) ------------------


def _paresseuse(nature: str, module: str, charger: str, exemple: str) -> Source:
    def charger_dossier(chemin: str) -> Any:
        return getattr(importlib.import_module(module), charger)(chemin)

    def charger_exemple(nom: str) -> Any:
        return getattr(importlib.import_module(module), exemple)(nom)

    return Source(nature, charger_dossier, charger_exemple)


# Un prêt se lit d'un dossier TOML ou d'un tableau (CSV, XLSX) du modèle de portefeuille.
PRET = Source(
    "dossier TOML de la ligne ou du prêt, ou tableau d'un prêt en CSV ou en classeur (modèle "
    "de pret modele-portefeuille)",
    _paresseuse("", "collectivites.prets._tableur", "charger_pret_ou_portefeuille", "").charger,
    _paresseuse("", "collectivites.prets", "charger_pret", "exemple_pret").exemple,
)
CONTRAT = _paresseuse(
    "dossier TOML du contrat", "collectivites.regles.delais", "charger_contrat", "exemple_contrat"
)
RSA = _paresseuse("dossier rSa (TOML)", "collectivites.regles.rsa", "charger_rsa", "exemple_rsa")
REP = _paresseuse(
    "dossier de soutiens (TOML)", "collectivites.regles.rep", "charger_rep", "exemple_rep"
)
LOGEMENT = _paresseuse(
    "dossier de gestion en flux (TOML)",
    "collectivites.regles.logement",
    "charger_flux",
    "exemple_flux",
)
INDEMNITES = _paresseuse(
    "dossier d'indemnités (TOML)",
    "collectivites.regles.indemnites",
    "charger_indemnites",
    "exemple_indemnites",
)

# --- calculs --------------------------------------------------------------------------------


def _delai(_entree: Any, args: argparse.Namespace) -> Any:
    from collectivites.regles.delais import detailler_delai

    sens = "avant" if args.avant else "apres"
    return detailler_delai(args.depart, args.duree, regime=args.regime, zone=args.zone, sens=sens)


def _feries(_entree: Any, args: argparse.Namespace) -> Any:
    from collectivites.calendrier import liste_feries

    return liste_feries(args.annee, args.zone, inclure_chomes_locaux=args.chomes_locaux)


def _echeancier(contrat: Any, args: argparse.Namespace) -> Any:
    from collectivites.regles.delais import agenda

    du = args.du or contrat.date_effet
    au = args.au or dt.date(du.year + 5, 12, 31)
    return agenda(contrat, du, au + dt.timedelta(days=1))


def _lignes(pret: Any, identifiant: str | None) -> tuple[Any, ...]:
    return (pret.ligne(identifiant),) if identifiant is not None else pret.lignes


def _une_ligne(pret: Any, identifiant: str | None) -> Any:
    if identifiant is None and len(pret.lignes) > 1:
        raise ErreurValeur(
            "le prêt a plusieurs lignes : précisez laquelle",
            cle="--ligne",
            attendu=", ".join(x.identifiant for x in pret.lignes),
        )
    return _lignes(pret, identifiant)[0]


def _sources_index(args: argparse.Namespace, lignes: tuple[Any, ...]) -> list[Any]:
    """La source d'index de chaque ligne ; une trajectoire lue d'un fichier prolonge l'index de
    chaque ligne ; un choc sur un index qu'aucune ligne n'utilise est refusé."""
    from collectivites.prets import scenario

    scenarios = [scenario(args.index, depuis=args.depuis, index=x.index) for x in lignes]
    scenarios[0].verifier_pour(list(lignes))
    return [s.source_pour(x, strict=True) for s, x in zip(scenarios, lignes, strict=True)]


def _tableau(pret: Any, args: argparse.Namespace) -> Any:
    from collectivites.presentation import Recueil
    from collectivites.prets import calculer_tableau

    lignes = _lignes(pret, args.ligne)
    sources = _sources_index(args, lignes)
    tableaux = tuple(calculer_tableau(x, index=s) for x, s in zip(lignes, sources, strict=True))
    return Recueil(elements=tableaux, titre=f"Prêt n° {pret.numero}".strip())


def _rapprocher(pret: Any, args: argparse.Namespace) -> Any:
    from collectivites.prets import calculer_tableau, lire_tableau_a_rapprocher, rapprocher

    ligne = _une_ligne(pret, args.ligne)
    tableau = calculer_tableau(ligne, index=_sources_index(args, (ligne,))[0])
    colonnes, lignes = lire_tableau_a_rapprocher(args.tableau)
    return rapprocher(tableau, lignes, colonnes, fichier=args.tableau)


def _modele_portefeuille(_entree: Any, _args: argparse.Namespace) -> Any:
    from collectivites.presentation import Description
    from collectivites.prets import modele_portefeuille

    return Description(modele_portefeuille())


def _exemples(_entree: Any, _args: argparse.Namespace) -> Any:
    from collectivites.chargement import catalogue_des_exemples
    from collectivites.presentation import Description

    return Description(catalogue_des_exemples())


def _remboursement(pret: Any, args: argparse.Namespace) -> Any:
    from collectivites.prets import lire_courbe_csv, rembourser_par_anticipation

    ligne = _une_ligne(pret, args.ligne)
    return rembourser_par_anticipation(
        ligne,
        args.date,
        montant=args.montant,
        index=_sources_index(args, (ligne,))[0],
        courbe=lire_courbe_csv(args.courbe) if args.courbe else None,
        date_demande=args.date_demande,
    )


def _moratoires(pret: Any, args: argparse.Namespace) -> Any:
    from collectivites.prets import IndexFige, interets_moratoires

    ligne = _une_ligne(pret, args.ligne)
    index = _sources_index(args, (ligne,))[0] or IndexFige(valeur=ligne.valeur_index_reference)
    return interets_moratoires(args.montant, args.exigibilite, args.paiement, index=index)


def _teg(pret: Any, args: argparse.Namespace) -> Any:
    from collectivites.prets import calculer_teg

    return calculer_teg(_une_ligne(pret, args.ligne), commissions=args.commissions)


def _portefeuille(_entree: Any, args: argparse.Namespace) -> Any:
    from collectivites.cli._portefeuille import projection

    return projection(args)


def _dossier_rsa(dossier: Any, args: argparse.Namespace, calcul: str) -> Any:
    from collectivites.regles import rsa

    if calcul == "interets":
        return rsa.calculer_interets_retard(
            dossier.convention,
            dossier.acomptes,
            taux_mensuels=dossier.taux_mensuels,
            estr_mensuels=dossier.estr_mensuels,
            date_arrete=args.date_arrete or dossier.date_arrete,
        )
    if calcul == "regularisation":
        return rsa.calculer_regularisation(args.annee, dossier.acomptes, dossier.operations)
    return rsa.calculer_neutralite(
        dossier.convention,
        dossier.flux,
        args.annee,
        taux_mensuels=dossier.taux_mensuels,
        estr_mensuels=dossier.estr_mensuels,
    )


def _soutiens(dossier: Any, _args: argparse.Namespace) -> Any:
    from collectivites.regles.rep import calculer_dossier_rep

    return calculer_dossier_rep(dossier)


def _indemnites(dossier: Any, _args: argparse.Namespace) -> Any:
    from collectivites.regles.indemnites import calculer_dossier_indemnites

    return calculer_dossier_indemnites(dossier)


def _flux(dossier: Any, _args: argparse.Namespace) -> Any:
    from collectivites.regles.logement import calculer_dossier_flux

    return calculer_dossier_flux(dossier)


def _calendrier_rep(_entree: Any, args: argparse.Namespace) -> Any:
    from collectivites.regles.rep import bareme_en_vigueur, calendrier_paiement

    bareme = bareme_en_vigueur(args.bareme, args.echeance.year - 1)
    return calendrier_paiement(bareme, args.echeance, zone=args.zone)


# --- options ---------------------------------------------------------------------------------

ZONE = Option(
    ("--zone",), "zone du calendrier légal (metropole, alsace-moselle, 971…)", "metropole"
)
LIGNE = Option(("--ligne",), "identifiant de la ligne du prêt", metavar="ID")
INDEX = Option(
    ("--index",),
    "emission (index figé, comme le tableau de la CDC), historique, FICHIER.csv, ou un choc "
    "comme « livret_a+1 % » avec --depuis",
    "emission",
    metavar="SCÉNARIO",
    fichier="scenario",
)
DEPUIS = Option(("--depuis",), "date de départ d'un choc de taux", type=_date, metavar="DATE")
SORTIES = ("texte", "csv", "csv-excel", "json", "xlsx", "html")
AGENDAS = (*SORTIES, "ics")
#: Résultats qui portent un graphique (profil de dette) : aussi en image.
GRAPHIQUES = (*SORTIES, "png", "svg")


def _donnees_liste(_entree: Any, _args: argparse.Namespace) -> Any:
    from collectivites.donnees import etat_des_donnees

    return etat_des_donnees()


def _donnees_verifier(_entree: Any, args: argparse.Namespace) -> Any:
    from collectivites.donnees import verifier_fichier

    return verifier_fichier(args.fichier, serie=args.serie)


COMMANDES: tuple[Commande, ...] = (
    Commande(
        ("exemples",),
        "les exemples livrés, avec la commande qui les lit",
        _exemples,
        exemples=("collectivites exemples",),
    ),
    Commande(
        ("delai", "calculer"),
        "dernier jour d'un délai, expliqué",
        _delai,
        (
            Option(
                ("--depart",),
                "date de départ (AAAA-MM-JJ ou JJ/MM/AAAA)",
                type=_date,
                obligatoire=True,
                metavar="DATE",
            ),
            Option(
                ("--duree",), "durée, par exemple « 15 jours ouvrés », « 2 mois »", obligatoire=True
            ),
            Option(
                ("--regime",),
                "régime de computation",
                "simple",
                choix=("simple", "cpc", "franc", "ue-1182-71"),
            ),
            ZONE,
            Option(
                ("--avant",), "compter à rebours (« au moins N jours avant »)", action="store_true"
            ),
        ),
        exemples=('collectivites delai calculer --depart 26/04/2024 --duree "15 jours ouvrés"',),
    ),
    Commande(
        ("jours-feries",),
        "jours fériés d'une année, avec leurs textes",
        _feries,
        (
            Option(("annee",), "année (1900 à 2199)", type=_annee),
            ZONE,
            Option(
                ("--chomes-locaux",),
                "inclure les jours chômés par usage local",
                action="store_true",
            ),
        ),
        formats=AGENDAS,
        exemples=(
            "collectivites jours-feries 2026",
            "collectivites jours-feries 2026 --zone alsace-moselle --format ics "
            "--sortie feries.ics",
        ),
    ),
    Commande(
        ("contrat", "echeancier"),
        "agenda des dates d'un contrat",
        _echeancier,
        (
            Option(
                ("--du",), "début de l'agenda (défaut : prise d'effet)", type=_date, metavar="DATE"
            ),
            Option(
                ("--au",),
                "dernier jour de l'agenda, inclus (défaut : 31/12 de N+5)",
                type=_date,
                metavar="DATE",
            ),
        ),
        CONTRAT,
        AGENDAS,
        (
            "collectivites contrat echeancier --exemple convention-rsa-lozere --format ics "
            "--sortie agenda.ics",
        ),
    ),
    Commande(
        ("pret", "tableau"),
        "tableau d'amortissement",
        _tableau,
        (LIGNE, INDEX, DEPUIS),
        PRET,
        GRAPHIQUES,
        (
            "collectivites pret tableau --exemple cdc-57851 --ligne 5165325 --index historique",
            "collectivites pret tableau --exemple cdc-57851 --ligne 5165325 --index historique "
            "--format svg --sortie profil.svg",
        ),
    ),
    Commande(
        ("pret", "rapprocher"),
        "comparer le tableau calculé à un tableau saisi ou exporté (celui de la CDC), au centime",
        _rapprocher,
        (
            LIGNE,
            Option(
                ("--tableau",),
                "tableau à rapprocher : CSV (aussi au format d'un tableur français) ou XLSX",
                obligatoire=True,
                metavar="FICHIER",
                fichier="fichier",
            ),
            INDEX,
            DEPUIS,
        ),
        PRET,
        SORTIES,
        (
            "collectivites pret rapprocher --exemple cdc-57851 --ligne 5165325 --tableau "
            "src/collectivites/donnees/exemples/tableau-cdc-57851-5165325.csv",
            "(le tableau imprimé par la CDC, saisi dans un tableur : la ligne 17 est signalée)",
        ),
    ),
    Commande(
        ("pret", "modele-portefeuille"),
        "modèle vide d'un portefeuille en tableau (une ligne par ligne de prêt)",
        _modele_portefeuille,
        (),
        formats=("xlsx", "csv", "csv-excel", "texte"),
        exemples=("collectivites pret modele-portefeuille --sortie portefeuille.xlsx",),
    ),
    Commande(
        ("pret", "remboursement"),
        "remboursement anticipé volontaire",
        _remboursement,
        (
            LIGNE,
            Option(
                ("--date",), "date d'échéance visée", type=_date, obligatoire=True, metavar="DATE"
            ),
            Option(("--montant",), "capital remboursé (défaut : tout)", type=_montant),
            Option(
                ("--courbe",),
                "courbe zéro-coupon CSV (maturite_ans,taux)",
                metavar="FICHIER",
                fichier="fichier",
            ),
            Option(
                ("--date-demande",),
                "date de notification de la demande",
                type=_date,
                metavar="DATE",
            ),
            INDEX,
            DEPUIS,
        ),
        PRET,
        SORTIES,
        (
            "collectivites pret remboursement --exemple cdc-57851 --ligne 5165325 "
            "--date 2026-12-06 --montant 20000",
        ),
    ),
    Commande(
        ("pret", "moratoires"),
        "intérêts moratoires d'un impayé",
        _moratoires,
        (
            LIGNE,
            Option(("--montant",), "somme impayée", type=_montant, obligatoire=True),
            Option(
                ("--exigibilite",),
                "date d'exigibilité",
                type=_date,
                obligatoire=True,
                metavar="DATE",
            ),
            Option(
                ("--paiement",), "date du paiement", type=_date, obligatoire=True, metavar="DATE"
            ),
            Option(INDEX.noms, INDEX.aide, "historique", metavar="SCÉNARIO", fichier="scenario"),
            DEPUIS,
        ),
        PRET,
        SORTIES,
        (
            "collectivites pret moratoires --exemple cdc-57851 --ligne 5165325 "
            "--montant 3170.41 --exigibilite 2020-12-06 --paiement 2021-03-01",
        ),
    ),
    Commande(
        ("pret", "teg"),
        "taux effectif global d'une ligne",
        _teg,
        (LIGNE, Option(("--commissions",), "frais payés au versement", Decimal(0), type=_montant)),
        PRET,
        ("texte", "json", "html"),
        ("collectivites pret teg --exemple cdc-57851 --ligne 5165325 --commissions 500",),
    ),
    Commande(
        ("pret", "portefeuille"),
        "projections annuelles de la dette",
        _portefeuille,
        (
            Option(
                ("dossiers",),
                "dossiers TOML, répertoires, ou portefeuilles en tableau (CSV, XLSX)",
                nargs="*",
                fichier="fichier",
            ),
            Option(("--exemple",), "exemple livré (répétable)", action="append"),
            Option(INDEX.noms, INDEX.aide, "historique", metavar="SCÉNARIO", fichier="scenario"),
            Option(
                ("--comparer-a",),
                "second scénario ; l'écart est affiché",
                metavar="SCÉNARIO",
                fichier="scenario",
            ),
            DEPUIS,
            Option(
                ("--par",), "clé d'agrégation", "ligne", choix=("ligne", "emprunteur", "garant")
            ),
            Option(("--garant",), "n'afficher que ce garant"),
            Option(
                ("--moteur",),
                "où calculer : ce processus, les processus de la machine, une grappe Dask",
                "serie",
                choix=("serie", "processus", "dask"),
                web=False,
            ),
            Option(
                ("--travailleurs",),
                "nombre de processus (moteurs processus et dask local ; défaut : les cœurs)",
                type=_entier_positif,
                metavar="N",
                web=False,
            ),
            Option(
                ("--planificateur",),
                "adresse d'un planificateur Dask (moteur dask ; sinon une grappe locale)",
                metavar="ADRESSE",
                web=False,
            ),
            Option(
                ("--lignes-par-partition",),
                "lignes de prêt lues par tâche",
                20_000,
                type=_entier_positif,
                metavar="N",
                web=False,
            ),
        ),
        formats=GRAPHIQUES,
        exemples=(
            "collectivites pret portefeuille --exemple cdc-57851 --par garant "
            '--comparer-a "livret_a+1 %" --depuis 2027-01-01',
        ),
    ),
    Commande(
        ("rsa", "interets-retard"),
        "intérêts de retard des acomptes",
        lambda d, a: _dossier_rsa(d, a, "interets"),
        (
            Option(
                ("--date-arrete",),
                "date d'arrêté pour les parts encore impayées",
                type=_date,
                metavar="DATE",
            ),
        ),
        RSA,
        exemples=("collectivites rsa interets-retard --exemple rsa-lozere-2019",),
    ),
    Commande(
        ("rsa", "regularisation"),
        "régularisation annuelle",
        lambda d, a: _dossier_rsa(d, a, "regularisation"),
        (Option(("--annee",), "année régularisée", type=_annee, obligatoire=True),),
        RSA,
        exemples=("collectivites rsa regularisation --exemple rsa-lozere-2019 --annee 2019",),
    ),
    Commande(
        ("rsa", "neutralite"),
        "trésorerie de la CAF et son coût",
        lambda d, a: _dossier_rsa(d, a, "neutralite"),
        (Option(("--annee",), "année", type=_annee, obligatoire=True),),
        RSA,
        exemples=("collectivites rsa neutralite --exemple rsa-lozere-2019 --annee 2019",),
    ),
    Commande(
        ("rep", "soutiens"),
        "soutiens d'une année",
        _soutiens,
        (),
        REP,
        exemples=(
            "collectivites rep soutiens --exemple rep-oraison-2022 --format xlsx --sortie rep.xlsx",
        ),
    ),
    Commande(
        ("rep", "calendrier"),
        "calendrier de paiement",
        _calendrier_rep,
        (
            Option(
                ("--echeance",),
                "échéance annuelle unique",
                type=_date,
                obligatoire=True,
                metavar="DATE",
            ),
            Option(("--bareme",), "code du barème", "alcome"),
            ZONE,
        ),
        formats=AGENDAS,
        exemples=(
            "collectivites rep calendrier --echeance 2024-06-28",
            "collectivites rep calendrier --echeance 2024-06-28 --format ics --sortie rep.ics",
        ),
    ),
    Commande(
        ("indemnites", "calculer"),
        "indemnités de fonction des élus : tableau récapitulatif et enveloppe",
        _indemnites,
        (),
        INDEMNITES,
        SORTIES,
        ("collectivites indemnites calculer --exemple indemnites-oraison-2023 --format csv",),
    ),
    Commande(
        ("indemnites", "ecretement"),
        "écrêtement des indemnités d'un élu aux mandats multiples (L2123-20, II et III)",
        lambda d, _a: importlib.import_module(
            "collectivites.regles.indemnites"
        ).calculer_dossier_ecretement(d),
        (),
        _paresseuse(
            "dossier d'écrêtement (TOML)",
            "collectivites.regles.indemnites",
            "charger_ecretement",
            "exemple_ecretement",
        ),
        SORTIES,
        ("collectivites indemnites ecretement elu.toml",),
    ),
    Commande(
        ("logement", "flux"),
        "droits de réservation en gestion en flux : l'annexe de calcul, ligne à ligne",
        _flux,
        (),
        LOGEMENT,
        SORTIES,
        ("collectivites logement flux --exemple logement-h2p-2024 --format json",),
    ),
    Commande(
        ("donnees", "liste"),
        "séries de référence : dernière valeur, date de confirmation, source, prolongement",
        _donnees_liste,
        exemples=("collectivites donnees liste", "collectivites donnees liste --format csv"),
    ),
    Commande(
        ("donnees", "verifier"),
        "vérifier un fichier qui prolonge une série livrée, avant de le déposer",
        _donnees_verifier,
        (
            Option(
                ("fichier",),
                "fichier CSV (livret_a.csv, lep.csv, interet_legal.csv…)",
                fichier="fichier",
            ),
            Option(
                ("--serie",),
                "série ou fichier livré prolongé (défaut : d'après le nom du fichier)",
                metavar="NOM",
            ),
        ),
        exemples=("collectivites donnees verifier ~/livret_a.csv",),
    ),
    *COMMANDES_DETTE,
    *COMMANDES_GARANTIE,
    *COMMANDES_PAIEMENTS,
    *COMMANDES_NATIONAL,
)
