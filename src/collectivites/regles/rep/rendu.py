"""Rendus des soutiens REP et du calendrier de paiement : texte, JSON, CSV, HTML."""

from __future__ import annotations

from collections.abc import Sequence

from collectivites._rendu import en_csv, en_html, en_json, en_texte_aligne
from collectivites.erreurs import ErreurValeur
from collectivites.monnaie import formater_montant, montant_csv
from collectivites.regles.rep.calendrier import DateCalendrier
from collectivites.regles.rep.soutiens import ResultatSoutiens

__all__ = ["rendre_calendrier", "rendre_soutiens"]

_COLONNES_COMMUNES = (
    "commune",
    "population",
    "typologie",
    "motif",
    "taux",
    "ponderation",
    "jours",
    "montant",
)
_JOURS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")


def _lignes_csv(resultat: ResultatSoutiens) -> tuple[tuple[str, ...], list[list[str]]]:
    if resultat.communes:
        return _COLONNES_COMMUNES, [
            [
                c.commune,
                str(c.population),
                c.typologie,
                c.motif,
                str(c.taux),
                str(c.ponderation),
                f"{c.jours}/{c.jours_annee}",
                montant_csv(c.montant),
            ]
            for c in resultat.communes
        ]
    return ("matiere", "tonnes", "taux", "ponderation", "montant"), [
        [m.matiere, str(m.tonnes), str(m.taux), str(m.ponderation), montant_csv(m.montant)]
        for m in resultat.matieres
    ]


def _json(resultat: ResultatSoutiens) -> dict[str, object]:
    return {
        "bareme": resultat.bareme.code,
        "version": resultat.bareme.en_vigueur_du.isoformat(),
        "reference": resultat.bareme.reference,
        "annee": resultat.annee,
        "en_vigueur_du": resultat.du.isoformat(),
        "en_vigueur_au": resultat.au.isoformat(),
        "coefficient": str(resultat.coefficient),
        "communes": [
            {
                "nom": c.commune,
                "population": c.population,
                "typologie": c.typologie,
                "motif": c.motif,
                "taux": str(c.taux),
                "ponderation": str(c.ponderation),
                "jours": c.jours,
                "jours_annee": c.jours_annee,
                "montant": montant_csv(c.montant),
            }
            for c in resultat.communes
        ],
        "matieres": [
            {
                "matiere": m.matiere,
                "tonnes": str(m.tonnes),
                "taux": str(m.taux),
                "ponderation": str(m.ponderation),
                "montant": montant_csv(m.montant),
            }
            for m in resultat.matieres
        ],
        "montant_brut": montant_csv(resultat.montant_brut),
        "penalites": {
            "detail": [
                {
                    "code": p.code,
                    "libelle": p.libelle,
                    "assiette": p.assiette,
                    "montant": montant_csv(p.montant),
                    "reference": p.reference,
                }
                for p in resultat.penalites
            ],
            "total_avant_plafond": montant_csv(resultat.total_penalites_avant_plafond),
            "plafond": montant_csv(resultat.plafond) if resultat.plafond is not None else None,
            "plafond_atteint": resultat.plafond_atteint,
            "total": montant_csv(resultat.total_penalites),
        },
        "montant_net": montant_csv(resultat.montant_net),
    }


def rendre_soutiens(resultat: ResultatSoutiens, format: str) -> str:
    """Soutiens : ``texte``, ``json``, ``csv`` (une ligne par commune ou matière) ou ``html``."""
    if format == "json":
        return en_json(_json(resultat))
    colonnes, lignes = _lignes_csv(resultat)
    if format == "csv":
        return en_csv(colonnes, lignes)
    if format == "html":
        return en_html(colonnes, lignes, titre=f"{resultat.bareme.nom} — {resultat.annee}")
    if format != "texte":
        raise ErreurValeur(f"format inconnu : « {format} » (attendu : texte, json, csv, html)")
    bareme = resultat.bareme
    sortie = [
        f"{bareme.nom} — année {resultat.annee}",
        f"Référence : {bareme.reference}",
        f"Vigueur : du {resultat.du.isoformat()} au {resultat.au.isoformat()}",
        "",
    ]
    if resultat.communes:
        corps = en_texte_aligne(
            ("Commune", "Population", "Typologie", "Taux", "Pondération", "Jours", "Montant"),
            [
                [
                    c.commune,
                    str(c.population),
                    c.libelle_typologie,
                    f"{c.taux}".replace(".", ","),
                    f"{c.ponderation}".replace(".", ","),
                    f"{c.jours}/{c.jours_annee}",
                    formater_montant(c.montant),
                ]
                for c in resultat.communes
            ],
            a_droite=[False, True, False, True, True, True, True],
        )
        sortie.append(corps.rstrip("\n"))
        sortie.append("")
        sortie.extend(f"{c.commune} : {c.libelle_typologie} ({c.motif})" for c in resultat.communes)
    else:
        corps = en_texte_aligne(
            ("Matière", "Tonnes", "€/t", "Montant"),
            [
                [
                    m.libelle,
                    f"{m.tonnes}".replace(".", ","),
                    f"{m.taux}".replace(".", ","),
                    formater_montant(m.montant),
                ]
                for m in resultat.matieres
            ],
            a_droite=[False, True, True, True],
        )
        sortie.append(corps.rstrip("\n"))
    sortie.append("")
    sortie.append(f"Montant brut : {formater_montant(resultat.montant_brut)} €")
    for p in resultat.penalites:
        sortie.append(f"Pénalité — {p.libelle} ({p.assiette}) : {formater_montant(p.montant)} €")
    if resultat.penalites:
        if resultat.plafond is not None:
            atteint = " (plafond atteint)" if resultat.plafond_atteint else ""
            sortie.append(
                f"Plafond des pénalités : {formater_montant(resultat.plafond)} €{atteint}"
            )
        sortie.append(f"Total des pénalités : {formater_montant(resultat.total_penalites)} €")
    sortie.append(f"Montant net : {formater_montant(resultat.montant_net)} €")
    return "\n".join(sortie) + "\n"


def rendre_calendrier(dates: Sequence[DateCalendrier], format: str) -> str:
    """Calendrier de paiement : ``texte``, ``json``, ``csv`` ou ``html``."""
    colonnes = ("date", "jour", "libelle", "reference")
    lignes = [[d.date.isoformat(), _JOURS[d.date.weekday()], d.libelle, d.reference] for d in dates]
    if format == "json":
        return en_json([dict(zip(colonnes, ligne, strict=True)) for ligne in lignes])
    if format == "csv":
        return en_csv(colonnes, lignes)
    if format == "html":
        return en_html(colonnes, lignes, titre="Calendrier de paiement")
    if format != "texte":
        raise ErreurValeur(f"format inconnu : « {format} » (attendu : texte, json, csv, html)")
    return "".join(f"{d}  {j:<8}  {libelle}\n" for d, j, libelle, _r in lignes)
