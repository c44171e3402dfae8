"""Banc de la dette publiée : lecture et contrôle des documents budgétaires réels des tests,
et mémoire de la lecture d'un grand document synthétique.

    python benchmarks/bench_dette.py                 # les quatre fichiers, document de 100 Mo
    python benchmarks/bench_dette.py --taille-mo 20  # document synthétique plus petit

Temps : processeur (``time.process_time``), meilleur de cinq tours, ce qui tient sur une machine
partagée. Mémoire : pic de mémoire résidente (``VmHWM``) d'un processus neuf qui lit le document
synthétique — un budget de lignes ``LigneBudget`` (ce qui fait la taille des vrais fichiers) et
l'annexe de Montreuil.
"""

from __future__ import annotations

import argparse
import gzip
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RACINE = Path(__file__).resolve().parent.parent
DOSSIER = RACINE / "tests" / "donnees" / "docbudg"
FICHIERS = ("crach-ca-2021", "crach-bp-2022", "montpellier-ca-2018", "montreuil-ca-2018")


def _meilleur(fonction, tours: int = 5) -> float:  # type: ignore[no-untyped-def]
    meilleur = float("inf")
    for _ in range(tours):
        debut = time.process_time()
        fonction()
        meilleur = min(meilleur, time.process_time() - debut)
    return meilleur


def temps() -> None:
    from collectivites.dette import (
        controler_annexe_dette,
        etat_de_la_dette,
        lire_document_budgetaire,
    )

    for nom in FICHIERS:
        octets = gzip.decompress((DOSSIER / f"{nom}.xml.gz").read_bytes())
        document = lire_document_budgetaire(octets)
        lecture = _meilleur(lambda o=octets: lire_document_budgetaire(o))
        controle = _meilleur(lambda d=document: controler_annexe_dette(d))
        etat = _meilleur(lambda d=document: etat_de_la_dette(d))
        print(
            f"{nom:<22} {len(octets) / 2**20:5.1f} Mo  {len(document.emprunts):>5} emprunts  "
            f"lecture {lecture * 1000:6.0f} ms  contrôle {controle * 1000:5.0f} ms  "
            f"état {etat * 1000:5.0f} ms  lecture + contrôle {(lecture + controle) * 1000:6.0f} ms"
        )


_MESURE = """
import sys
from collectivites.dette import lire_document_budgetaire, controler_annexe_dette
document = lire_document_budgetaire(sys.argv[1])
controler_annexe_dette(document)
pic = next(l for l in open("/proc/self/status") if l.startswith("VmHWM")).split()[1]
print(len(document.emprunts), int(pic) // 1024)
"""


def memoire(taille_mo: int) -> None:
    montreuil = gzip.decompress((DOSSIER / "montreuil-ca-2018.xml.gz").read_bytes())
    ligne = (
        b"<LigneBudget><Nature V='6042'/><Fonction V='020'/><ContNat V='011'/>"
        b"<ArtSpe V='false'/><CodRD V='D'/><MtReal V='1234.56'/></LigneBudget>\n"
    )
    coupure = montreuil.index(b"<Annexes>")
    repetitions = max(0, (taille_mo * 2**20 - len(montreuil)) // len(ligne))
    with tempfile.TemporaryDirectory() as dossier:
        chemin = Path(dossier) / "grand.xml"
        with chemin.open("wb") as flux:
            flux.write(montreuil[:coupure])
            for _ in range(repetitions // 10_000):
                flux.write(ligne * 10_000)
            flux.write(montreuil[coupure:])
        taille = chemin.stat().st_size
        debut = time.perf_counter()
        sortie = subprocess.run(
            [sys.executable, "-c", _MESURE, str(chemin)],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.split()
        duree = time.perf_counter() - debut
    print(
        f"document synthétique de {taille / 2**20:.0f} Mo ({sortie[0]} emprunts) : lu et "
        f"contrôlé en {duree:.1f} s, pic de mémoire résidente {sortie[1]} Mo"
    )


def main() -> None:
    parametres = argparse.ArgumentParser(description=__doc__)
    parametres.add_argument("--taille-mo", type=int, default=100)
    args = parametres.parse_args()
    temps()
    memoire(args.taille_mo)


if __name__ == "__main__":
    main()
