"""La cible nationale de l'issue 26 : 1 000 000 de lignes × 2 scénarios lues d'un CSV, par
garant, sur 2 travailleurs (processus, puis grappe Dask locale créée par la bibliothèque), en
temps écoulé, avec la mémoire maximale de tous les processus réunis (somme des RSS du client et
de ses descendants, relevée toutes les 0,2 s), et des sorties identiques à l'octet à celles du
passage en série.

Usage : ``python benchmarks/bench_million.py [--lignes 1000000] [--sans-serie]``
(une dizaine de minutes sur 2 cœurs avec le passage en série).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.synthetique import ecrire_csv

from collectivites.prets import projeter_fichiers_scenarios, scenario

SCENARIOS = (
    scenario("historique"),
    scenario("livret_a+1 %", depuis=dt.date(2027, 1, 1)),
)


def _descendants(racine: int) -> list[int]:
    """Les processus descendants de ``racine`` (lus dans /proc, Linux)."""
    enfants: dict[int, list[int]] = {}
    for entree in os.listdir("/proc"):
        if not entree.isdigit():
            continue
        try:
            with open(f"/proc/{entree}/stat", encoding="ascii", errors="replace") as flux:
                champs = flux.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        enfants.setdefault(int(champs[1]), []).append(int(entree))
    vus, pile = [], [racine]
    while pile:
        pid = pile.pop()
        vus.append(pid)
        pile.extend(enfants.get(pid, ()))
    return vus


def _rss(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as flux:
            for ligne in flux:
                if ligne.startswith("VmRSS:"):
                    return int(ligne.split()[1]) * 1024
    except OSError:
        pass
    return 0


class _Releve:
    """Somme des RSS de ce processus et de ses descendants, au plus haut, pendant un calcul."""

    def __init__(self) -> None:
        self.pic = 0
        self._fin = threading.Event()
        self._fil = threading.Thread(target=self._relever, daemon=True)

    def _relever(self) -> None:
        while not self._fin.wait(0.2):
            self.pic = max(self.pic, sum(_rss(p) for p in _descendants(os.getpid())))

    def __enter__(self) -> _Releve:
        self._fil.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._fin.set()
        self._fil.join()


def _mesurer(nom: str, calcul: Callable[[], Any]) -> tuple[list[bytes], float]:
    with _Releve() as releve:
        debut = time.perf_counter()
        sorties = [p.rendre("csv").encode() for p in calcul()]
        duree = time.perf_counter() - debut
    print(
        f"{nom} : {duree:.1f} s écoulées, mémoire maximale de tous les processus "
        f"{releve.pic / 2**20:.0f} Mio",
        flush=True,
    )
    return sorties, duree


def main() -> None:
    analyseur = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    analyseur.add_argument("--lignes", type=int, default=1_000_000)
    analyseur.add_argument("--lignes-par-partition", type=int, default=20_000)
    analyseur.add_argument("--sans-serie", action="store_true")
    args = analyseur.parse_args()
    options: dict[str, Any] = {"par": "garant", "lignes_par_partition": args.lignes_par_partition}
    with tempfile.TemporaryDirectory() as dossier:
        debut = time.perf_counter()
        csv = ecrire_csv(Path(dossier) / "p.csv", args.lignes)
        print(
            f"{args.lignes} lignes écrites en {time.perf_counter() - debut:.0f} s "
            f"({csv.stat().st_size / 2**20:.0f} Mio)",
            flush=True,
        )
        resultats = {}
        for nom, moteur in (("processus (2)", "processus"), ("dask (grappe locale, 2)", "dask")):
            resultats[nom] = _mesurer(
                nom,
                lambda m=moteur: projeter_fichiers_scenarios(  # type: ignore[misc]
                    [csv], SCENARIOS, moteur=m, travailleurs=2, **options
                ),
            )
        sorties = [s for s, _ in resultats.values()]
        if not args.sans_serie:
            serie, duree = _mesurer(
                "série", lambda: projeter_fichiers_scenarios([csv], SCENARIOS, **options)
            )
            sorties.append(serie)
            for nom, (_, d) in resultats.items():
                print(f"accélération {nom} : {duree / d:.2f} ×")
        print(f"sorties identiques à l'octet : {all(s == sorties[0] for s in sorties)}")


if __name__ == "__main__":
    main()
