"""Mesures du chemin national (issue 26) : lecture en colonnes, une lecture pour tous les
scénarios, Dask à la façon de Dask. Portefeuille synthétique de ``tests/synthetique.py``, par
garant, deux scénarios (historique ; Livret A + 1 point à partir du 1er janvier 2027).

1. lecture d'une partition : µs par ligne, ligne à ligne / en colonnes sans pyarrow / pyarrow,
   CSV et Parquet (temps processeur, meilleur de trois) ;
2. deux scénarios en série : une lecture par scénario (avant) ou une pour les deux (temps
   processeur, alternés, meilleur de trois) ;
3. deux scénarios sur une grappe locale de 2 travailleurs : comme avant (profileur des
   travailleurs actif, une tâche par partition et par scénario, repli sur le client) et
   maintenant (profileur coupé, scénarios diffusés, les deux par tâche, fusions en arbre), et les
   processus de cette machine ; temps écoulé et sorties identiques à l'octet.

Usage : ``python benchmarks/bench_national.py --lignes 20000``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.synthetique import ecrire_csv, ecrire_parquet

from collectivites.prets import _colonnaire, _partitions, scenario
from collectivites.prets._partitions import partitionner
from collectivites.prets._repartition import projeter_fichiers, projeter_fichiers_scenarios

SCENARIOS = (
    scenario("historique"),
    scenario("livret_a+1 %", depuis=dt.date(2027, 1, 1)),
)


def _meilleur(fonction: Callable[[], Any], fois: int = 3) -> float:
    durees = []
    for _ in range(fois):
        debut = time.process_time()
        fonction()
        durees.append(time.process_time() - debut)
    return min(durees)


def lecture(csv: Path, parquet: Path, nombre: int) -> None:
    arrow = _colonnaire._arrow_csv
    for chemin in (csv, parquet):
        [partition] = partitionner([chemin], lignes_par_partition=10_000_000)
        mesures = {}
        for mode in ("ligne à ligne", "en colonnes sans pyarrow", "en colonnes, pyarrow"):
            if chemin is parquet and mode == "en colonnes sans pyarrow":
                continue
            _partitions.COLONNAIRE = mode != "ligne à ligne"
            _colonnaire._arrow_csv = arrow if "pyarrow" in mode else (lambda: None)  # type: ignore[assignment]
            mesures[mode] = _meilleur(partition.prets) / nombre * 1e6
        _partitions.COLONNAIRE, _colonnaire._arrow_csv = True, arrow  # type: ignore[assignment]
        base = mesures["ligne à ligne"]
        details = " ; ".join(f"{m} {v:.1f} µs ({base / v:.2f} ×)" for m, v in mesures.items())
        print(f"lecture {chemin.suffix[1:]} : {details}")


def _rendus(projections: Any) -> list[bytes]:
    return [p.rendre("csv").encode() for p in projections]


def scenarios_en_serie(csv: Path, nombre: int) -> list[bytes]:
    def avant() -> list[bytes]:
        return _rendus(projeter_fichiers([csv], s, par="garant") for s in SCENARIOS)

    def maintenant() -> list[bytes]:
        return _rendus(projeter_fichiers_scenarios([csv], SCENARIOS, par="garant"))

    reference = avant()
    assert maintenant() == reference
    durees: dict[str, list[float]] = {"avant": [], "maintenant": []}
    for _ in range(3):  # alternés : une machine partagée varie
        durees["avant"].append(_meilleur(avant, 1))
        durees["maintenant"].append(_meilleur(maintenant, 1))
    a, m = min(durees["avant"]), min(durees["maintenant"])
    unites = nombre * len(SCENARIOS)
    print(
        f"deux scénarios en série : une lecture par scénario {a / unites * 1e6:.0f} µs par "
        f"ligne·scénario, une lecture pour les deux {m / unites * 1e6:.0f} µs ({a / m:.2f} ×)"
    )
    return reference


def _grappe(profileur: bool) -> Any:
    import dask.config
    from dask.distributed import LocalCluster

    with dask.config.set({"distributed.worker.profile.enabled": profileur}):
        return LocalCluster(
            n_workers=2, threads_per_worker=1, dashboard_address=None, silence_logs=50
        )


def _ecoule(fonction: Callable[[], Any]) -> tuple[float, Any]:
    debut = time.perf_counter()
    resultat = fonction()
    return time.perf_counter() - debut, resultat


def repartie(csv: Path, reference: list[bytes], taille: int) -> None:
    from dask.distributed import Client

    options: dict[str, Any] = {"par": "garant", "lignes_par_partition": taille}
    with _grappe(True) as grappe, Client(grappe) as client:
        # avant : le client Dask sous le nom d'un planificateur, un appel par scénario
        adresse = grappe.scheduler_address
        t_avant, avant = _ecoule(
            lambda: _rendus(
                projeter_fichiers([csv], s, moteur="dask", planificateur=adresse, **options)
                for s in SCENARIOS
            )
        )
        del client
    with _grappe(False) as grappe, Client(grappe) as client:
        t_dask, dask = _ecoule(
            lambda: _rendus(projeter_fichiers_scenarios([csv], SCENARIOS, moteur=client, **options))
        )
    t_proc, processus = _ecoule(
        lambda: _rendus(
            projeter_fichiers_scenarios(
                [csv], SCENARIOS, moteur="processus", travailleurs=2, **options
            )
        )
    )
    print(
        f"dask, 2 travailleurs, partitions de {taille} lignes : avant (profileur, un appel par "
        f"scénario) {t_avant:.1f} s ; maintenant {t_dask:.1f} s ({t_avant / t_dask:.2f} ×) ; "
        f"processus (2) {t_proc:.1f} s ; sorties identiques : "
        f"{avant == dask == processus == reference}"
    )


def main() -> None:
    analyseur = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    analyseur.add_argument("--lignes", type=int, default=20_000)
    analyseur.add_argument("--sans-dask", action="store_true")
    args = analyseur.parse_args()
    with tempfile.TemporaryDirectory() as dossier:
        csv = ecrire_csv(Path(dossier) / "p.csv", args.lignes)
        parquet = ecrire_parquet(Path(dossier) / "p.parquet", args.lignes)
        lecture(csv, parquet, args.lignes)
        reference = scenarios_en_serie(csv, args.lignes)
        if not args.sans_dask:
            repartie(csv, reference, max(500, args.lignes // 8))


if __name__ == "__main__":
    main()
