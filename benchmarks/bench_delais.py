"""Mesures du moteur de délais (lancées par ``nox -s bench``).

* un million d'appels ``calculer_delai(depart, "N jours ouvrés")`` à N et départs variés ;
* ``calculer_delais`` sur un million de départs (tableau numpy ``datetime64``, puis liste de
  dates) contre la boucle de ``calculer_delai`` sur les mêmes départs : « 15 jours ouvrés » et
  « 2 mois et 3 jours » (régime cpc) ; objectif : au moins 50 fois plus rapide par date ;
* durée de ``python -c "import collectivites"`` (meilleure de dix exécutions).
"""

from __future__ import annotations

import datetime as dt
import random
import subprocess
import sys
import time
from collections.abc import Callable

from collectivites.regles.delais import calculer_delai, calculer_delais

APPELS = 1_000_000


def bench_calculer_delai() -> float:
    alea = random.Random(20261122)
    departs = [dt.date(1990, 1, 1) + dt.timedelta(days=alea.randrange(36_500)) for _ in range(997)]
    durees = [f"{n} jours ouvrés" for n in range(1, 366)]
    calculer_delai(departs[0], durees[0])  # construit les tables de la zone une fois
    debut = time.perf_counter()
    for k in range(APPELS):
        calculer_delai(departs[k % 997], durees[k % 365])
    return time.perf_counter() - debut


def _meilleur(fonction: Callable[[], object]) -> float:
    durees = []
    for _ in range(3):
        debut = time.perf_counter()
        fonction()
        durees.append(time.perf_counter() - debut)
    return min(durees)


def bench_lot() -> None:
    import numpy as np

    alea = random.Random(20261203)
    departs = [
        dt.date(1990, 1, 1) + dt.timedelta(days=alea.randrange(36_500)) for _ in range(APPELS)
    ]
    tableau = np.array(departs, dtype="datetime64[D]")
    for duree, regime in (("15 jours ouvrés", "simple"), ("2 mois et 3 jours", "cpc")):
        echantillon = departs[:100_000]
        boucle = [calculer_delai(d, duree, regime=regime) for d in echantillon]
        lot = calculer_delais(tableau, duree, regime=regime)
        liste = calculer_delais(departs, duree, regime=regime)
        # Au meilleur de trois passages (le premier paie l'allocation des tableaux).
        t_boucle = _meilleur(
            lambda: [calculer_delai(d, duree, regime=regime) for d in echantillon]  # noqa: B023
        ) / len(echantillon)
        t_lot = _meilleur(lambda: calculer_delais(tableau, duree, regime=regime)) / APPELS  # noqa: B023
        t_liste = _meilleur(lambda: calculer_delais(departs, duree, regime=regime)) / APPELS  # noqa: B023
        identiques = lot[: len(boucle)].tolist() == boucle == liste[: len(boucle)]
        print(
            f"délais par lot, « {duree} » ({regime}) : boucle {t_boucle * 1e9:.0f} ns par date ; "
            f"tableau numpy {t_lot * 1e9:.0f} ns (×{t_boucle / t_lot:.0f}) ; liste de dates "
            f"{t_liste * 1e9:.0f} ns (×{t_boucle / t_liste:.0f}) ; objectif ×50 ; "
            f"identiques : {identiques}"
        )


def bench_import() -> float:
    meilleur = float("inf")
    for _ in range(10):
        debut = time.perf_counter()
        subprocess.run([sys.executable, "-c", "import collectivites"], check=True)
        meilleur = min(meilleur, time.perf_counter() - debut)
    return meilleur


def bench_python_nu() -> float:
    meilleur = float("inf")
    for _ in range(10):
        debut = time.perf_counter()
        subprocess.run([sys.executable, "-c", "pass"], check=True)
        meilleur = min(meilleur, time.perf_counter() - debut)
    return meilleur


def main() -> None:
    duree = bench_calculer_delai()
    print(
        f"délais : {APPELS:,} appels calculer_delai(« N jours ouvrés ») en {duree:.2f} s "
        f"({duree / APPELS * 1e6:.2f} µs par appel ; objectif < 2 s)".replace(",", " ")
    )
    bench_lot()
    importation, nu = bench_import(), bench_python_nu()
    print(
        f"import : python -c 'import collectivites' en {importation * 1000:.0f} ms "
        f"(interpréteur seul : {nu * 1000:.0f} ms ; objectif < 150 ms)"
    )


if __name__ == "__main__":
    main()
