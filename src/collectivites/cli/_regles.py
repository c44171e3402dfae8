"""Commandes ``delai``, ``jours-feries``, ``contrat``, ``rsa`` et ``rep``."""

from __future__ import annotations

import argparse
import datetime as dt

from collectivites.cli._commun import _ecrire


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
