"""Rendus des événements de prêt (remboursement anticipé, intérêts moratoires) et des
projections de portefeuille : texte, CSV, JSON, XLSX, HTML."""

from __future__ import annotations

from collectivites._rendu import (
    en_csv,
    en_html,
    en_json,
    en_octets,
    en_texte_aligne,
    nouveau_classeur,
)
from collectivites.erreurs import ErreurValeur
from collectivites.monnaie import formater_montant, montant_csv
from collectivites.prets.moratoires import ResultatMoratoires
from collectivites.prets.portefeuille import CHAMPS_PROJECTION, Projection
from collectivites.prets.remboursement import ResultatRemboursement
from collectivites.prets.rendu import tableau_csv, tableau_texte
from collectivites.taux import formater_taux

__all__ = ["rendre_moratoires", "rendre_projection", "rendre_remboursement"]

_ENTETES = (
    "Année",
    "Échéances",
    "Intérêts",
    "Amortissement",
    "Capital dû au 31/12",
    "Stock au 31/12",
)


def _lignes(projection: Projection) -> list[list[str]]:
    return [
        [cle, str(a.annee), *(montant_csv(v) for v in a.valeurs())]
        for cle, annees in projection.series
        for a in annees
    ]


def rendre_projection(projection: Projection, format: str, *, titre: str = "") -> str | bytes:
    """Projection : une ligne par clé et par année."""
    colonnes = (projection.par, "annee", *CHAMPS_PROJECTION)
    if format == "csv":
        return en_csv(colonnes, _lignes(projection))
    if format == "json":
        return en_json(
            {
                "par": projection.par,
                "titre": titre,
                "series": {
                    cle: [
                        {
                            "annee": a.annee,
                            **{
                                c: montant_csv(v)
                                for c, v in zip(CHAMPS_PROJECTION, a.valeurs(), strict=True)
                            },
                        }
                        for a in annees
                    ]
                    for cle, annees in projection.series
                },
            }
        )
    if format == "html":
        return en_html(colonnes, _lignes(projection), titre=titre)
    if format == "xlsx":
        classeur = nouveau_classeur()
        feuille = classeur.create_sheet(title="projection")
        feuille.append(list(colonnes))
        for cle, annees in projection.series:
            for a in annees:
                feuille.append([cle, a.annee, *(float(v) for v in a.valeurs())])
        return en_octets(classeur)
    if format != "texte":
        raise ErreurValeur(
            f"format inconnu : « {format} » (attendu : texte, csv, json, xlsx, html)"
        )
    blocs = [titre] if titre else []
    for cle, annees in projection.series:
        blocs.append(f"{cle}")
        blocs.append(
            en_texte_aligne(
                _ENTETES,
                [[str(a.annee), *(formater_montant(v) for v in a.valeurs())] for a in annees],
                a_droite=[False, True, True, True, True, True],
            )
        )
    return "\n".join(blocs)


def rendre_remboursement(resultat: ResultatRemboursement, format: str) -> str:
    """Remboursement anticipé : dates, montants, indemnité et tableau après remboursement."""
    c = resultat.calendrier
    if format == "json":
        return en_json(
            {
                "ligne": resultat.ligne.identifiant,
                "date": c.date.isoformat(),
                "demande_au_plus_tard": c.demande_au_plus_tard.isoformat(),
                "date_calcul": c.date_calcul.isoformat(),
                "envoi_indemnite": c.envoi_indemnite.isoformat(),
                "confirmation_au_plus_tard": c.confirmation_au_plus_tard.isoformat(),
                "fonds_au_plus_tard": c.fonds_au_plus_tard.isoformat(),
                "capital_restant_du": montant_csv(resultat.capital_restant_du),
                "capital_rembourse": montant_csv(resultat.capital_rembourse),
                "interets_courus": montant_csv(resultat.interets_courus),
                "interets_differes_dus": montant_csv(resultat.interets_differes_dus),
                "valeur_de_marche": montant_csv(resultat.valeur_de_marche)
                if resultat.valeur_de_marche is not None
                else None,
                "indemnite": montant_csv(resultat.indemnite)
                if resultat.indemnite is not None
                else None,
                "total": montant_csv(resultat.total),
            }
        )
    if format == "csv":
        return tableau_csv(resultat.tableau_apres)
    if format != "texte":
        raise ErreurValeur(f"format inconnu : « {format} » (attendu : texte, json, csv)")
    lignes = [
        f"Remboursement anticipé volontaire — ligne {resultat.ligne.identifiant}, "
        f"le {c.date.isoformat()}",
        f"Demande à notifier au plus tard le {c.demande_au_plus_tard.isoformat()} "
        "(préavis de 45 jours)",
        f"Date de calcul des sommes dues : {c.date_calcul.isoformat()} (40 jours avant)",
        f"Envoi de l'indemnité par le prêteur : {c.envoi_indemnite.isoformat()} (35 jours avant)",
        f"Confirmation au plus tard le {c.confirmation_au_plus_tard.isoformat()} "
        "(5 jours après réception)",
        f"Fonds à verser au plus tard le {c.fonds_au_plus_tard.isoformat()} (deux mois avant)",
        "",
        f"Capital restant dû : {formater_montant(resultat.capital_restant_du)} €",
        f"Capital remboursé : {formater_montant(resultat.capital_rembourse)} €",
        f"Intérêts différés dus : {formater_montant(resultat.interets_differes_dus)} €",
    ]
    if resultat.valeur_de_marche is not None and resultat.indemnite is not None:
        valeur = formater_montant(resultat.valeur_de_marche)
        lignes.append(f"Valeur de marché de la part remboursée : {valeur} €")
        lignes.append(f"Indemnité actuarielle : {formater_montant(resultat.indemnite)} €")
    else:
        lignes.append("Indemnité actuarielle : non calculée (donnez une courbe zéro-coupon)")
    lignes.append(f"Total à verser : {formater_montant(resultat.total)} €")
    lignes.append("")
    return "\n".join(lignes) + "\n" + tableau_texte(resultat.tableau_apres)


def rendre_moratoires(resultat: ResultatMoratoires, format: str) -> str:
    """Intérêts moratoires : périodes, capitalisations, total."""
    colonnes = ("debut", "fin", "base", "taux", "interets")
    lignes = [
        [
            p.debut.isoformat(),
            p.fin.isoformat(),
            montant_csv(p.base),
            formater_taux(p.taux),
            f"{p.interets:.6f}",
        ]
        for p in resultat.periodes
    ]
    if format == "csv":
        return en_csv(colonnes, lignes)
    if format == "json":
        return en_json(
            {
                "montant": montant_csv(resultat.montant),
                "exigibilite": resultat.exigibilite.isoformat(),
                "paiement": resultat.paiement.isoformat(),
                "periodes": [dict(zip(colonnes, ligne, strict=True)) for ligne in lignes],
                "capitalisations": [
                    {"date": d.isoformat(), "montant": montant_csv(m)}
                    for d, m in resultat.capitalisations
                ],
                "interets": montant_csv(resultat.interets),
                "total_du": montant_csv(resultat.total_du),
            }
        )
    if format != "texte":
        raise ErreurValeur(f"format inconnu : « {format} » (attendu : texte, json, csv)")
    corps = en_texte_aligne(
        ("Du", "Au", "Base", "Taux", "Intérêts"),
        [
            [
                d,
                f,
                formater_montant(resultat.periodes[i].base),
                t,
                formater_montant(resultat.periodes[i].interets),
            ]
            for i, (d, f, _b, t, _x) in enumerate(lignes)
        ],
        a_droite=[False, False, True, True, True],
    )
    capital = "".join(
        f"Capitalisation au {d.isoformat()} : {formater_montant(m)} €\n"
        for d, m in resultat.capitalisations
    )
    return (
        f"Intérêts moratoires sur {formater_montant(resultat.montant)} € exigibles le "
        f"{resultat.exigibilite.isoformat()}, payés le {resultat.paiement.isoformat()}\n\n"
        f"{corps}{capital}Intérêts moratoires : {formater_montant(resultat.interets)} €\n"
        f"Total dû : {formater_montant(resultat.total_du)} €\n"
    )
