"""Compte les issues des entrées hostiles (``tests/hostiles.py``) : refus propres (code 2,
message français, sans trace de pile), acceptations silencieuses, défauts, blocages.

    python benchmarks/hostiles.py
"""

from __future__ import annotations

import collections
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.hostiles import juger, preparer, tous_les_cas


def main() -> None:
    cas = tous_les_cas()
    verdicts: collections.Counter[str] = collections.Counter()
    par_commande: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    ecarts = []
    debut = time.perf_counter()
    for nom, argv, fichiers in cas:
        with tempfile.TemporaryDirectory() as repertoire:
            preparer(Path(repertoire), fichiers)
            verdict, code, message = juger(argv, Path(repertoire))
        verdicts[verdict] += 1
        par_commande[nom.split("/")[0]][verdict] += 1
        if verdict != "refus":
            ecarts.append(f"  {nom} : {verdict} (code {code}) {message.strip()[:120]}")
    duree = time.perf_counter() - debut
    total = len(cas)
    print(f"entrées hostiles : {total} cas en {duree:.1f} s")
    for commande, compte in sorted(par_commande.items()):
        print(f"  {commande:<20} {compte['refus']:>4} refus propres sur {sum(compte.values())}")
    taux = 100 * verdicts["refus"] / total
    print(
        f"refus propres : {verdicts['refus']} / {total} ({taux:.1f} %) ; "
        f"acceptés silencieusement : {verdicts['accepte']} ; défauts : {verdicts['defaut']} ; "
        f"bloqués : {verdicts['bloque']} ; autres : {verdicts['autre']}"
    )
    print("\n".join(ecarts))


if __name__ == "__main__":
    main()
