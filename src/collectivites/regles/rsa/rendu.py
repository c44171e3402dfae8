"""Rendus des calculs rSa : texte, JSON, CSV et HTML (carnets)."""

from __future__ import annotations

from collectivites._rendu import en_csv, en_html, en_json, en_texte_aligne
from collectivites.erreurs import ErreurValeur
from collectivites.monnaie import formater_montant, montant_csv
from collectivites.regles.rsa.interets import ResultatInterets
from collectivites.regles.rsa.neutralite import ResultatNeutralite
from collectivites.regles.rsa.regularisation import ResultatRegularisation
from collectivites.taux import formater_taux, taux_en_pourcentage

__all__ = ["rendre_interets", "rendre_neutralite", "rendre_regularisation"]

_COLONNES_INTERETS = ("mois", "echeance", "montant", "jours_retard", "taux", "interets")


def _pourcent(valeur: object) -> str:
    return "" if valeur is None else str(taux_en_pourcentage(valeur))  # type: ignore[arg-type]


def _lignes_interets(resultat: ResultatInterets) -> list[list[str]]:
    return [
        [
            ligne.mois.strftime("%Y-%m"),
            ligne.echeance.isoformat(),
            montant_csv(ligne.montant),
            str(ligne.jours_retard),
            _pourcent(ligne.taux),
            montant_csv(ligne.interets),
        ]
        for ligne in resultat.lignes
    ]


def rendre_interets(resultat: ResultatInterets, format: str) -> str:
    """Intérêts de retard : ``texte``, ``json``, ``csv`` ou ``html``."""
    if format == "json":
        return en_json(
            {
                "convention": resultat.convention.nom,
                "acomptes": [
                    {
                        "mois": ligne.mois.strftime("%Y-%m"),
                        "echeance": ligne.echeance.isoformat(),
                        "montant": montant_csv(ligne.montant),
                        "jours_retard": ligne.jours_retard,
                        "taux": _pourcent(ligne.taux),
                        "taux_reference": _pourcent(ligne.reference.valeur)
                        if ligne.reference
                        else "",
                        "mois_reference": ligne.reference.mois.strftime("%Y-%m")
                        if ligne.reference
                        else "",
                        "provenance_taux": ligne.reference.provenance if ligne.reference else "",
                        "parts": [
                            {
                                "montant": montant_csv(p.montant),
                                "date_paiement": p.date_paiement.isoformat()
                                if p.date_paiement
                                else None,
                                "jours": p.jours,
                            }
                            for p in ligne.parts
                        ],
                        "interets": montant_csv(ligne.interets),
                    }
                    for ligne in resultat.lignes
                ],
                "total_interets": montant_csv(resultat.total_interets),
                "total_a_facturer": montant_csv(resultat.total_a_facturer),
            }
        )
    if format == "csv":
        return en_csv(_COLONNES_INTERETS, _lignes_interets(resultat))
    if format == "html":
        return en_html(_COLONNES_INTERETS, _lignes_interets(resultat), titre="Intérêts de retard")
    if format != "texte":
        raise ErreurValeur(f"format inconnu : « {format} » (attendu : texte, json, csv, html)")
    lignes = [
        [
            ligne.mois.strftime("%Y-%m"),
            ligne.echeance.isoformat(),
            formater_montant(ligne.montant),
            str(ligne.jours_retard),
            formater_taux(ligne.taux) if ligne.taux is not None else "",
            formater_montant(ligne.interets),
        ]
        for ligne in resultat.lignes
    ]
    corps = en_texte_aligne(
        ("Mois", "Échéance", "Montant", "Jours de retard", "Taux", "Intérêts"),
        lignes,
        a_droite=[False, False, True, True, True, True],
    )
    return (
        f"Intérêts de retard — {resultat.convention.nom}\n\n{corps}"
        f"Total des intérêts : {formater_montant(resultat.total_interets)} €\n"
        f"À facturer : {formater_montant(resultat.total_a_facturer)} €\n"
    )


def rendre_regularisation(resultat: ResultatRegularisation, format: str) -> str:
    """Régularisation annuelle : ``texte``, ``json``, ``csv`` ou ``html``."""
    donnees = {
        "annee": resultat.annee,
        "total_acomptes": montant_csv(resultat.total_acomptes),
        "total_operations": montant_csv(resultat.total_operations),
        "solde": montant_csv(resultat.solde),
        "debiteur": resultat.debiteur,
        "mois_facture": resultat.mois_facture.strftime("%Y-%m"),
        "acompte_imputation": resultat.acompte_imputation.strftime("%Y-%m"),
    }
    if format == "json":
        return en_json(donnees)
    if format == "csv":
        return en_csv(list(donnees), [[str(v) for v in donnees.values()]])
    if format == "html":
        return en_html(list(donnees), [[str(v) for v in donnees.values()]], titre="Régularisation")
    if format != "texte":
        raise ErreurValeur(f"format inconnu : « {format} » (attendu : texte, json, csv, html)")
    n = resultat.annee
    sens = {
        "département": "le département doit le solde à la CAF",
        "CAF": "la CAF doit le solde au département",
        "aucun": "rien n'est dû",
    }[resultat.debiteur]
    return (
        f"Régularisation {n}\n"
        f"Acomptes appelés de janvier à décembre {n} : "
        f"{formater_montant(resultat.total_acomptes)} €\n"
        f"Opérations de décembre {n - 1} à novembre {n} : "
        f"{formater_montant(resultat.total_operations)} €\n"
        f"Solde : {formater_montant(resultat.solde)} € ({sens}), facturé en décembre {n}, "
        f"imputé sur l'acompte de décembre {n}\n"
    )


def rendre_neutralite(resultat: ResultatNeutralite, format: str) -> str:
    """Neutralité de trésorerie : ``texte``, ``json``, ``csv`` (une ligne par jour) ou ``html``."""
    colonnes = ("date", "position", "taux", "cout")
    lignes = [
        [
            j.date.isoformat(),
            montant_csv(j.position),
            _pourcent(j.taux),
            f"{j.cout:.6f}",
        ]
        for j in resultat.jours
    ]
    if format == "csv":
        return en_csv(colonnes, lignes)
    if format == "html":
        return en_html(colonnes, lignes, titre=f"Trésorerie rSa {resultat.annee}")
    minimum = resultat.position_minimale
    if format == "json":
        return en_json(
            {
                "annee": resultat.annee,
                "position_initiale": montant_csv(resultat.position_initiale),
                "jours_negatifs": resultat.jours_negatifs,
                "position_minimale": montant_csv(minimum.position),
                "date_position_minimale": minimum.date.isoformat(),
                "taux_mensuels": [
                    {
                        "mois": t.mois.strftime("%Y-%m"),
                        "taux": _pourcent(t.valeur),
                        "provenance": t.provenance,
                    }
                    for t in resultat.taux
                ],
                "cout": montant_csv(resultat.cout),
                "montant_a_facturer": montant_csv(resultat.montant_a_facturer),
                "mois_facturation": resultat.mois_facturation.strftime("%Y-%m"),
            }
        )
    if format != "texte":
        raise ErreurValeur(f"format inconnu : « {format} » (attendu : texte, json, csv, html)")
    return (
        f"Trésorerie rSa de la CAF en {resultat.annee}\n"
        f"Position d'ouverture : {formater_montant(resultat.position_initiale)} €\n"
        f"Jours à position négative : {resultat.jours_negatifs}\n"
        f"Position la plus basse : {formater_montant(minimum.position)} € le "
        f"{minimum.date.isoformat()}\n"
        f"Coût financier (Exact/{resultat.convention.base_jours}) : "
        f"{formater_montant(resultat.cout)} €\n"
        f"À facturer en janvier {resultat.annee + 1} : "
        f"{formater_montant(resultat.montant_a_facturer)} €\n"
    )
