"""Entrées hostiles de ``collectivites pret partitionner`` (conversion d'un portefeuille CSV en
Parquet aligné sur les contrats) : fichiers absents ou qui n'en sont pas, extensions, sortie
existante, répertoire absent, CSV invalide (la validation de la lecture), contrat dispersé,
tailles de partition absurdes. Chacune doit être refusée proprement (code 2, message en
français, rien sur la sortie standard). Voir ``tests/hostiles.py`` pour la forme d'un cas."""

from __future__ import annotations

import csv
import io

from tests.hostiles import Cas
from tests.synthetique import lignes


def _csv(nombre: int = 6, **remplacements: str) -> str:
    flux = io.StringIO()
    rangees = list(lignes(nombre))
    ecrivain = csv.DictWriter(flux, fieldnames=list(rangees[0]))
    ecrivain.writeheader()
    ecrivain.writerows(rangees)
    texte = flux.getvalue()
    for ancien, nouveau in remplacements.items():
        texte = texte.replace(ancien, nouveau)
    return texte


def cas() -> list[Cas]:
    commande = ["pret", "partitionner"]
    bon = _csv()
    sortie = "{d}/s.parquet"
    resultat: list[Cas] = [
        ("partitionner/entree-absente", [*commande, "{d}/absent.csv", sortie], {}),
        (
            "partitionner/entree-repertoire",
            [*commande, "{d}/r.csv", sortie],
            {"r.csv": "<repertoire>"},
        ),
        ("partitionner/entree-tube", [*commande, "{d}/t.csv", sortie], {"t.csv": "<fifo>"}),
        ("partitionner/entree-pas-csv", [*commande, "{d}/p.txt", sortie], {"p.txt": bon}),
        ("partitionner/sortie-pas-parquet", [*commande, "{d}/p.csv", "{d}/s.csv"], {"p.csv": bon}),
        (
            "partitionner/sortie-existante",
            [*commande, "{d}/p.csv", sortie],
            {"p.csv": bon, "s.parquet": "ancien contenu"},
        ),
        (
            "partitionner/sortie-repertoire",
            [*commande, "{d}/p.csv", sortie, "--remplacer"],
            {"p.csv": bon, "s.parquet": "<repertoire>"},
        ),
        (
            "partitionner/repertoire-absent",
            [*commande, "{d}/p.csv", "{d}/nulle/part/s.parquet"],
            {"p.csv": bon},
        ),
        (
            "partitionner/repertoire-est-un-fichier",
            [*commande, "{d}/p.csv", "{d}/p.csv/s.parquet"],
            {"p.csv": bon},
        ),
        ("partitionner/csv-vide", [*commande, "{d}/p.csv", sortie], {"p.csv": ""}),
        (
            "partitionner/csv-entete-seul",
            [*commande, "{d}/p.csv", sortie],
            {"p.csv": bon.splitlines()[0] + "\n"},
        ),
        (
            "partitionner/csv-non-utf8",
            [*commande, "{d}/p.csv", sortie],
            {"p.csv": bon.replace("bailleur", "bailleur é").encode("latin-1")},
        ),
        (
            "partitionner/csv-periodicite-inconnue",
            [*commande, "{d}/p.csv", sortie],
            {"p.csv": _csv(annuelle="bimensuelle", semestrielle="bimensuelle")},
        ),
        (
            "partitionner/csv-colonne-inconnue",
            [*commande, "{d}/p.csv", sortie],
            {"p.csv": _csv(marge="marje")},
        ),
        (
            "partitionner/contrat-disperse",
            [*commande, "{d}/p.csv", sortie, "--lignes-par-partition", "2"],
            {"p.csv": _csv(C0000002="C0000000")},
        ),
        (
            "partitionner/cellule-demesuree",
            [*commande, "{d}/p.csv", sortie],
            {"p.csv": _csv(**{"bailleur 1,": "x" * 200_000 + ","})},
        ),
    ]
    for valeur in ("0", "-5", "deux", "99999999999"):
        resultat.append(
            (
                f"partitionner/lignes-par-partition-{valeur}",
                [*commande, "{d}/p.csv", sortie, "--lignes-par-partition", valeur],
                {"p.csv": bon},
            )
        )
    return resultat
