"""Mesure du registre des retards de paiement (lancée par ``nox -s bench``) : un registre CSV
de 100 000 mandats (séparateur point-virgule, virgule décimale, dates JJ/MM/AAAA, un tiers
payés en retard, des interruptions, des ordres de payer datés) lu puis calculé, et rendu en
CSV. Objectif : moins de 5 s pour la lecture et le calcul.

``python benchmarks/bench_paiements.py [NOMBRE]``
"""

from __future__ import annotations

import datetime as dt
import random
import sys
import tempfile
import time
from pathlib import Path

from collectivites.regles.paiements import calculer_registre, lire_registre

OBJECTIF_S = 5.0


def ecrire_registre(chemin: Path, nombre: int) -> None:
    """Un registre plausible et reproductible de ``nombre`` mandats."""
    alea = random.Random(20250101)
    origine = dt.date(2019, 1, 1)
    lignes = [
        "numero;fournisseur;montant;date_reception;date_service_fait;interruption_debut;"
        "interruption_fin;date_mise_en_paiement;date_reception_mandat"
    ]
    for rang in range(nombre):
        reception = origine + dt.timedelta(days=alea.randrange(2500))
        service = reception + dt.timedelta(days=alea.randrange(10)) if rang % 7 == 0 else None
        depart = max(reception, service or reception)
        debut = fin = None
        if rang % 11 == 0:
            debut = depart + dt.timedelta(days=alea.randrange(25))
            fin = debut + dt.timedelta(days=alea.randrange(15))
        plancher = max(depart, fin or depart)
        paiement = plancher + dt.timedelta(days=alea.randrange(55))
        mandat = paiement - dt.timedelta(days=alea.randrange(15))
        mandat = max(mandat, reception)
        centimes = alea.randrange(100, 50_000_000)
        montant = f"{centimes // 100:,}".replace(",", " ") + f",{centimes % 100:02d}"

        def d(jour: dt.date | None) -> str:
            return "" if jour is None else f"{jour:%d/%m/%Y}"

        lignes.append(
            f"M{rang:06d};Fournisseur {rang % 800};{montant};{d(reception)};{d(service)};"
            f"{d(debut)};{d(fin)};{d(paiement)};{d(mandat)}"
        )
    chemin.write_text("\n".join(lignes) + "\n", encoding="utf-8")


def main() -> int:
    nombre = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    with tempfile.TemporaryDirectory() as repertoire:
        chemin = Path(repertoire) / "mandats.csv"
        ecrire_registre(chemin, nombre)
        debut = time.perf_counter()
        mandats = lire_registre(chemin)
        lu = time.perf_counter()
        resultat = calculer_registre(mandats, fichier=str(chemin))
        calcule = time.perf_counter()
        resultat.rendre("csv")
        rendu = time.perf_counter()
    total = calcule - debut
    print(
        f"{nombre} mandats ({resultat.nombre_en_retard} en retard) : lecture {lu - debut:.2f} s, "
        f"calcul {calcule - lu:.2f} s, total {total:.2f} s (objectif < {OBJECTIF_S:.0f} s) ; "
        f"rendu CSV {rendu - calcule:.2f} s ; intérêts {resultat.total_interets} €"
    )
    return 0 if total < OBJECTIF_S else 1


if __name__ == "__main__":
    sys.exit(main())
