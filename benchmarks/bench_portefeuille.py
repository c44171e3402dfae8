"""Mesure de la projection d'un portefeuille (lancée par ``nox -s bench``).

Un portefeuille synthétique de lignes CDC variées (``tests/synthetique.py`` : montants, durées de
20 à 50 ans, périodicités annuelle et semestrielle, profils et révisions, deux lignes par
contrat, deux garants par ligne), projeté par garant sur toute sa vie sous deux scénarios :
l'historique du Livret A, et l'historique avec un choc de +1 point à partir du 1er janvier 2027.

1. en mémoire, dans ce processus : µs par ligne·scénario, les deux scénarios (objectif ≤ 100 µs) ;
2. lu d'un CSV de ``--lignes`` lignes (100 000 par défaut), chaque tâche lisant sa partition :
   moteurs serie, processus (2 travailleurs) et dask (grappe locale de 2 travailleurs, démarrée
   avant la mesure, comme une grappe qui tourne déjà) ; accélération, mémoire maximale du client
   (remise à zéro avant chaque moteur) et de chaque travailleur, et sorties identiques à
   l'octet.

``--million`` : la mesure 2 sur 1 000 000 de lignes (une vingtaine de minutes sur 2 cœurs).
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.synthetique import ecrire_csv

from collectivites.prets import (
    lire_portefeuille,
    projeter,
    projeter_fichiers,
    scenario,
)

SCENARIOS = (
    scenario("historique"),
    scenario("livret_a+1 %", depuis=dt.date(2027, 1, 1)),
)


def _remettre_pic() -> None:
    """Remet à zéro le pic de mémoire de ce processus (``VmHWM``, Linux ≥ 4.0)."""
    with open("/proc/self/clear_refs", "w", encoding="ascii") as flux:
        flux.write("5")


def en_memoire(nombre: int) -> None:
    """Projection par garant des deux scénarios, en mémoire : µs par ligne·scénario (temps
    processeur, meilleur de trois)."""
    with tempfile.TemporaryDirectory() as dossier:
        prets = lire_portefeuille(ecrire_csv(Path(dossier) / "p.csv", nombre))
    projeter(prets[:100], SCENARIOS[0], par="garant")  # échauffement (caches, imports)
    durees = []
    for _ in range(3):  # temps processeur, au meilleur de trois : une machine partagée varie
        debut = time.process_time()
        for s in SCENARIOS:
            projeter(prets, s, par="garant")
        durees.append(time.process_time() - debut)
    duree = min(durees)
    unites = nombre * len(SCENARIOS)
    print(
        f"portefeuille en mémoire : {nombre} lignes × {len(SCENARIOS)} scénarios en "
        f"{duree:.2f} s (meilleur de 3, temps processeur), {duree / unites * 1e6:.0f} µs par "
        f"ligne·scénario (objectif ≤ 100 µs)"
    )


def _courantes(nombre: int) -> Path:
    """Le portefeuille synthétique ramené aux lignes courantes (SR, sans progressivité)."""
    import csv

    from tests.synthetique import COLONNES, lignes

    chemin = Path(tempfile.mkdtemp()) / "courantes.csv"
    with chemin.open("w", encoding="utf-8", newline="") as fichier:
        ecrivain = csv.DictWriter(fichier, fieldnames=COLONNES)
        ecrivain.writeheader()
        for ligne in lignes(nombre):
            ecrivain.writerow({**ligne, "revision": "SR", "taux_progressivite": "0 %"})
    return chemin


def _par_partie(prets: list, lot: bool) -> float:  # type: ignore[type-arg]
    """Temps processeur (meilleur de trois) de la projection partielle des deux scénarios,
    comme la fait un travailleur (une partie, ses clés calculées une fois pour les deux)."""
    from collectivites.prets._partielle import Agregation
    from collectivites.prets.rouages import projeter_sous_scenarios

    durees = []
    for _ in range(3):
        debut = time.process_time()
        projeter_sous_scenarios(prets, SCENARIOS, Agregation.GARANT, lot=lot)
        durees.append(time.process_time() - debut)
    lignes = sum(len(p.lignes) for p in prets)
    return min(durees) / lignes / len(SCENARIOS) * 1e6


def par_lots(nombre: int) -> None:
    """La projection par lots (numpy) contre la projection ligne par ligne, par garant, sur le
    même portefeuille : µs par ligne·scénario (objectif ≤ 15 µs), sur le portefeuille
    synthétique (un quart de lignes courantes : les lignes DL et progressives repassent par le
    tableau) et sur ses lignes ramenées au cas courant ; puis par taille de partie (le seuil)."""
    with tempfile.TemporaryDirectory() as dossier:
        melange = lire_portefeuille(ecrire_csv(Path(dossier) / "p.csv", nombre))
    courantes = lire_portefeuille(_courantes(nombre))
    _par_partie(melange[:100], True)  # échauffement (imports, caches)
    for nom, prets in (("synthétique", melange), ("courantes (SR, sans progressivité)", courantes)):
        ligne, lot = _par_partie(prets, False), _par_partie(prets, True)
        print(
            f"par lots, {nom} : {nombre} lignes, {lot:.1f} µs par ligne·scénario contre "
            f"{ligne:.0f} ligne par ligne (rapport {ligne / lot:.1f} ; objectif ≤ 15 µs)"
        )
    tailles = []
    for taille in (8, 16, 32, 64, 128, 256):
        partie = courantes[: taille // 2]  # deux lignes par contrat
        tailles.append(f"{taille} : {_par_partie(partie, False) / _par_partie(partie, True):.2f}")
    print(f"  rapport ligne par ligne / lot selon les lignes de la partie : {', '.join(tailles)}")


def _projeter(chemin: Path, **options: object) -> list[bytes]:
    return [
        projeter_fichiers([chemin], s, par="garant", **options).rendre("csv").encode()  # type: ignore[arg-type]
        for s in SCENARIOS
    ]


def _pic_vmhwm() -> float:
    """Mémoire résidente maximale du processus courant (Mio), lue dans ``VmHWM`` : propre à
    l'espace mémoire du processus, contrairement à ``ru_maxrss`` que Linux garde à travers
    ``execve`` (un travailleur lancé par un parent de 190 Mio afficherait 190 Mio)."""
    with open("/proc/self/status", encoding="ascii") as flux:
        for ligne in flux:
            if ligne.startswith("VmHWM:"):
                return int(ligne.split()[1]) / 1024
    return float("nan")


class _Sonde:
    """Relève toutes les 50 ms la mémoire résidente des processus enfants (psutil) et garde la
    plus grande d'un même enfant."""

    def __init__(self) -> None:
        import threading

        self.pic = 0.0
        self._fin = threading.Event()
        self._fil = threading.Thread(target=self._relever, daemon=True)

    def _relever(self) -> None:
        import psutil

        moi = psutil.Process()
        while not self._fin.wait(0.05):
            for enfant in moi.children(recursive=True):
                with contextlib.suppress(psutil.Error):  # un enfant qui vient de finir
                    self.pic = max(self.pic, enfant.memory_info().rss / 2**20)

    def __enter__(self) -> _Sonde:
        self._fil.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._fin.set()
        self._fil.join()


def _memoire_travailleurs(adresse: str) -> list[float]:
    from dask.distributed import Client

    def pic() -> float:
        return _pic_vmhwm()

    with Client(adresse) as client:
        return sorted(client.run(pic).values())


def repartie(nombre: int) -> None:
    """Les moteurs répartis d'abord (la mémoire du client se mesure avant que la projection en
    série n'ait gonflé ce processus, qui ne rend pas sa mémoire au système), la série ensuite."""
    from dask.distributed import LocalCluster

    with tempfile.TemporaryDirectory() as dossier:
        chemin = ecrire_csv(Path(dossier) / "portefeuille.csv", nombre)
        taille = chemin.stat().st_size / 2**20
        print(f"portefeuille CSV : {nombre} lignes, {taille:.0f} Mio, 2 scénarios, par garant")
        _remettre_pic()
        debut = time.perf_counter()
        with _Sonde() as sonde:
            processus = _projeter(chemin, moteur="processus", travailleurs=2)
        t_proc = time.perf_counter() - debut
        client_proc = _pic_vmhwm()
        _remettre_pic()
        debut = time.perf_counter()
        with LocalCluster(
            n_workers=2, threads_per_worker=1, dashboard_address=None, silence_logs=50
        ) as grappe:
            demarrage = time.perf_counter() - debut
            debut = time.perf_counter()
            dask = _projeter(chemin, moteur="dask", planificateur=grappe.scheduler_address)
            t_dask = time.perf_counter() - debut
            memoires = _memoire_travailleurs(grappe.scheduler_address)
        client_dask = _pic_vmhwm()
        _remettre_pic()
        debut = time.perf_counter()
        reference = _projeter(chemin)
        t_serie = time.perf_counter() - debut
        print(
            f"  serie : {t_serie:.1f} s ({t_serie / nombre / 2 * 1e6:.0f} µs par ligne et "
            f"scénario) ; mémoire max du processus {_pic_vmhwm():.0f} Mio"
        )
        print(
            f"  processus, 2 travailleurs : {t_proc:.1f} s, accélération {t_serie / t_proc:.2f} ; "
            f"mémoire max d'un travailleur {sonde.pic:.0f} Mio, du client {client_proc:.0f} Mio ; "
            f"sorties identiques : {processus == reference}"
        )
        print(
            f"  dask, grappe locale de 2 travailleurs (démarrée en {demarrage:.1f} s) : "
            f"{t_dask:.1f} s, accélération {t_serie / t_dask:.2f} ; mémoire max des "
            f"travailleurs {', '.join(f'{m:.0f}' for m in memoires)} Mio, du client (planificateur "
            f"compris) {client_dask:.0f} Mio ; sorties identiques : {dask == reference}"
        )


def main() -> None:
    analyseur = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    analyseur.add_argument("--lignes", type=int, default=100_000)
    analyseur.add_argument("--million", action="store_true")
    args = analyseur.parse_args()
    en_memoire(min(10_000, args.lignes))
    par_lots(min(10_000, args.lignes))
    repartie(1_000_000 if args.million else args.lignes)


if __name__ == "__main__":
    main()
