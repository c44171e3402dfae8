"""Mémoire maximale de ``collectivites pret portefeuille`` selon le nombre de lignes et le format.

Un portefeuille CSV synthétique de ``--lignes`` lignes (``tests/synthetique.py``) est projeté par
la vraie ligne de commande, dans un processus neuf par format, et chaque processus donne sa
mémoire résidente maximale (``VmHWM`` de ``/proc/self/status``, relevée par une petite enveloppe
à la sortie de la commande : ``ru_maxrss`` d'un enfant garderait le pic d'un parent à travers
``execve``, et ``RUSAGE_CHILDREN`` le plus grand de tous les enfants déjà attendus) et sa durée.

Objectif (issue 21, « Mémoire ») : 60 000 lignes sous 400 Mio dans chaque format, et une mémoire
qui ne croît pas avec le nombre de lignes au-delà du résultat lui-même.

Exemples ::

    python benchmarks/memoire.py --lignes 5000
    nice python benchmarks/memoire.py --lignes 60000 --formats texte,csv --par garant
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RACINE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(RACINE))

from tests.synthetique import ecrire_csv  # noqa: E402 - après sys.path

FORMATS = ("texte", "csv", "csv-excel", "json", "xlsx", "html")

#: L'enveloppe : lance la commande dans ce processus, puis écrit son pic de mémoire (Kio) dans le
#: fichier donné en premier argument, quel que soit le code de sortie.
_ENVELOPPE = """
import sys
from collectivites.cli import main

def pic():
    with open("/proc/self/status", encoding="ascii") as flux:
        for ligne in flux:
            if ligne.startswith("VmHWM:"):
                return ligne.split()[1]
    return "0"

fichier = sys.argv[1]
try:
    code = main(sys.argv[2:])
finally:
    with open(fichier, "w", encoding="ascii") as flux:
        flux.write(pic())
sys.exit(code)
"""


def mesurer(
    portefeuille: Path, format_: str, dossier: Path, options: list[str], source: str | None = None
) -> tuple[float, float, int, int]:
    """(pic en Mio, durée en s, taille de la sortie en octets, code de sortie) d'une commande."""
    pic = dossier / f"pic-{format_}"
    sortie = dossier / f"sortie.{format_}"
    commande = [
        sys.executable,
        "-c",
        _ENVELOPPE,
        str(pic),
        "pret",
        "portefeuille",
        str(portefeuille),
        "--format",
        format_,
        *options,
    ]
    environnement = dict(os.environ)
    if source:  # une autre version de la bibliothèque (mesure « avant »)
        environnement["PYTHONPATH"] = source
    debut = time.perf_counter()
    if format_ == "xlsx":
        fin = subprocess.run([*commande, "--sortie", str(sortie)], check=False, env=environnement)
    else:
        with sortie.open("wb") as flux:
            fin = subprocess.run(commande, stdout=flux, check=False, env=environnement)
    duree = time.perf_counter() - debut
    kio = int(pic.read_text(encoding="ascii") or 0) if pic.exists() else 0
    taille = sortie.stat().st_size if sortie.exists() else 0
    sortie.unlink(missing_ok=True)
    return kio / 1024, duree, taille, fin.returncode


def main() -> None:
    analyseur = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    analyseur.add_argument("--lignes", type=int, default=5_000)
    analyseur.add_argument("--formats", default=",".join(FORMATS))
    analyseur.add_argument(
        "--par", default="ligne", choices=("ligne", "emprunteur", "garant"), help="agrégation"
    )
    analyseur.add_argument("--plafond", type=float, default=400.0, help="objectif, en Mio")
    analyseur.add_argument(
        "--source",
        help="répertoire « src » d'une autre version de collectivites (PYTHONPATH de l'enfant)",
    )
    args = analyseur.parse_args()
    formats = [f for f in args.formats.split(",") if f]
    inconnus = sorted(set(formats) - set(FORMATS))
    if inconnus:
        analyseur.error(f"formats inconnus : {', '.join(inconnus)}")
    with tempfile.TemporaryDirectory() as nom:
        dossier = Path(nom)
        portefeuille = ecrire_csv(dossier / "portefeuille.csv", args.lignes)
        print(
            f"portefeuille CSV : {args.lignes} lignes, "
            f"{portefeuille.stat().st_size / 2**20:.1f} Mio, par {args.par}",
            flush=True,
        )
        echecs = 0
        for format_ in formats:
            pic, duree, taille, code = mesurer(
                portefeuille, format_, dossier, ["--par", args.par], args.source
            )
            verdict = "ok" if code == 0 and pic <= args.plafond else "AU-DESSUS"
            if code:
                verdict = f"code de sortie {code}"
            echecs += verdict != "ok"
            print(
                f"  {format_:<9} : pic {pic:7.0f} Mio, {duree:6.1f} s, sortie "
                f"{taille / 2**20:7.1f} Mio ({verdict}, objectif ≤ {args.plafond:.0f} Mio)",
                flush=True,
            )
    raise SystemExit(1 if echecs else 0)


if __name__ == "__main__":
    main()
