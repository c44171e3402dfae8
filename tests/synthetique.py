"""Portefeuilles synthétiques de lignes CDC variées (tests de la projection répartie et
``benchmarks/bench_portefeuille.py``) : montants, durées de 20 à 50 ans, périodicités annuelle et
semestrielle, profils et révisions, deux lignes par contrat, deux garants par ligne.

Les lignes sont écrites comme dans un portefeuille en tableau (colonnes du modèle
``collectivites pret modele-portefeuille``), en CSV ou en Parquet.
"""

from __future__ import annotations

import csv
import random
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

COLONNES = (
    "numero",
    "identifiant",
    "emprunteur",
    "montant",
    "date_debut_amortissement",
    "duree",
    "periodicite",
    "index",
    "valeur_index_reference",
    "marge",
    "taux_interet",
    "profil",
    "revision",
    "taux_progressivite",
    "taux_plancher_progressivite",
    "garants",
)


def _pourcentage(fraction: Decimal) -> str:
    return f"{(fraction * 100).normalize():f}".replace(".", ",") + " %"


def lignes(nombre: int, *, graine: int = 57851) -> Iterator[dict[str, str]]:
    """``nombre`` lignes de prêt (cellules texte), deux par contrat."""
    alea = random.Random(graine)
    reference = Decimal("0.0075")
    for k in range(nombre):
        marge = Decimal(alea.choice(["0.006", "0.0025", "-0.002", "0.011"]))
        yield {
            "numero": f"C{k // 2:07d}",
            "identifiant": f"L{k:07d}",
            "emprunteur": f"bailleur {k % 37}",
            "montant": str(Decimal(alea.randrange(50_000_00, 2_000_000_00)) / 100),
            "date_debut_amortissement": f"{2005 + k % 20}-{1 + k % 12:02d}-{1 + k % 28:02d}",
            "duree": str(alea.choice([20, 25, 30, 40, 50])),
            "periodicite": alea.choice(["annuelle", "annuelle", "semestrielle"]),
            "index": "livret_a",
            "valeur_index_reference": _pourcentage(reference),
            "marge": _pourcentage(marge),
            "taux_interet": _pourcentage(reference + marge),
            "profil": alea.choice(
                [
                    "amortissement_deduit_interets_differes",
                    "amortissement_deduit_interets_prioritaires",
                ]
            ),
            "revision": alea.choice(["SR", "DL"]),
            "taux_progressivite": _pourcentage(Decimal(alea.choice(["0", "0.005"]))),
            "taux_plancher_progressivite": "0 %",
            "garants": f"Département:25 %;Commune {k % 113}:75 %",
        }


def ecrire_csv(chemin: Path, nombre: int, *, graine: int = 57851) -> Path:
    """Un portefeuille CSV de ``nombre`` lignes (séparateur virgule, UTF-8)."""
    with chemin.open("w", encoding="utf-8", newline="") as fichier:
        ecrivain = csv.DictWriter(fichier, fieldnames=COLONNES)
        ecrivain.writeheader()
        ecrivain.writerows(lignes(nombre, graine=graine))
    return chemin


def ecrire_parquet(
    chemin: Path, nombre: int, *, graine: int = 57851, lignes_par_groupe: int = 50_000
) -> Path:
    """Le même portefeuille en Parquet : colonnes texte, sauf ``montant`` en décimal exact
    (decimal128) et ``duree`` en entier ; groupes de ``lignes_par_groupe`` lignes."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    colonnes: dict[str, list[object]] = {c: [] for c in COLONNES}
    for ligne in lignes(nombre, graine=graine):
        for cle, valeur in ligne.items():
            colonnes[cle].append(valeur)
    types = {"montant": pa.decimal128(15, 2), "duree": pa.int32()}
    valeurs = {
        "montant": [Decimal(x) for x in colonnes["montant"]],  # type: ignore[arg-type]
        "duree": [int(x) for x in colonnes["duree"]],  # type: ignore[call-overload]
    }
    table = pa.table(
        {c: pa.array(valeurs.get(c, colonnes[c]), type=types.get(c, pa.string())) for c in COLONNES}
    )
    pq.write_table(table, chemin, row_group_size=lignes_par_groupe)
    return chemin
