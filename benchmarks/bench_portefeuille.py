"""Mesure de la projection d'un portefeuille (lancée par ``nox -s bench``).

Un portefeuille synthétique de lignes CDC variées (montants, durées de 20 à 50 ans, périodicités
annuelle et semestrielle, profils et révisions), projeté sur toute sa vie sous l'historique du
Livret A, par garant ; on mesure comment le temps croît avec le nombre de lignes et de scénarios.
"""

from __future__ import annotations

import datetime as dt
import random
import time
from decimal import Decimal

from collectivites.prets import Garant, LigneDePret, Pret, projeter, scenario


def portefeuille(nombre: int) -> list[Pret]:
    alea = random.Random(57851)
    prets = []
    for k in range(nombre):
        reference = Decimal("0.0075")
        marge = Decimal(alea.choice(["0.006", "0.0025", "-0.002", "0.011"]))
        ligne = LigneDePret(
            identifiant=str(k),
            emprunteur=f"bailleur {k % 37}",
            montant=Decimal(alea.randrange(50_000_00, 2_000_000_00)) / 100,
            date_debut_amortissement=dt.date(2005 + k % 20, 1 + k % 12, 1 + k % 28),
            duree=alea.choice([20, 25, 30, 40, 50]),
            periodicite=alea.choice(["annuelle", "annuelle", "semestrielle"]),
            index="livret_a",
            valeur_index_reference=reference,
            marge=marge,
            taux_interet=reference + marge,
            profil=alea.choice(
                [
                    "amortissement_deduit_interets_differes",
                    "amortissement_deduit_interets_prioritaires",
                ]
            ),
            revision=alea.choice(["SR", "DL"]),
            taux_progressivite=Decimal(alea.choice(["0", "0.005"])),
            taux_plancher_progressivite=Decimal(0),
        )
        prets.append(
            Pret(
                numero=f"P{k}",
                lignes=(ligne,),
                garants=(
                    Garant(nom="Département", quotite=Decimal("0.25")),
                    Garant(nom=f"Commune {k % 113}", quotite=Decimal("0.75")),
                ),
            )
        )
    return prets


def mesurer(nombre: int, scenarios: int) -> float:
    prets = portefeuille(nombre)
    specifications = ["historique"] + [f"livret_a+{k} %" for k in range(1, scenarios)]
    debut = time.perf_counter()
    for spec in specifications:
        depuis = dt.date(2027, 1, 1) if "+" in spec else None
        projeter(prets, scenario(spec, depuis=depuis), par="garant")
    return time.perf_counter() - debut


def main() -> None:
    for nombre in (1_000, 5_000, 10_000):
        duree = mesurer(nombre, 1)
        print(
            f"portefeuille : {nombre:>6} lignes, 1 scénario : {duree:.2f} s "
            f"({duree / nombre * 1e6:.0f} µs par ligne ; objectif 10 000 lignes < 10 s)"
        )
    for scenarios in (2, 4):
        duree = mesurer(1_000, scenarios)
        print(f"portefeuille :   1000 lignes, {scenarios} scénarios : {duree:.2f} s")


if __name__ == "__main__":
    main()
