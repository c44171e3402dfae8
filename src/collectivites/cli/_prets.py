"""Commandes ``collectivites pret …`` : chargeur + moteur + rendu."""

from __future__ import annotations

import argparse
from pathlib import Path

from collectivites.cli._commun import _ecrire
from collectivites.erreurs import ErreurCollectivites


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
