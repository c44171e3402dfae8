"""Vérifie qu'une roue construite contient chaque fichier de données du paquet.

Usage : ``python .ci/verifier_roue.py dist/collectivites-*.whl``

Les fichiers attendus sont ceux que suit git sous ``src/collectivites`` et qui ne sont pas du
code Python (CSV, TOML, XML, Markdown des données, ``py.typed``) : un fichier de données ajouté
sans motif dans ``[tool.setuptools.package-data]`` fait échouer la CI. Écrit « N fichiers de
données dans la roue », ou chaque absent (code 1).
"""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

RACINE = Path(__file__).resolve().parent.parent


def attendus() -> list[str]:
    """Chemins (relatifs à ``src/``) des fichiers du paquet qui ne sont pas du code Python."""
    sortie = subprocess.run(
        ["git", "ls-files", "src/collectivites"],
        cwd=RACINE,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return sorted(
        nom.removeprefix("src/") for nom in sortie.splitlines() if not nom.endswith(".py")
    )


def main(arguments: list[str]) -> int:
    if len(arguments) != 1:
        print("usage : python .ci/verifier_roue.py ROUE.whl", file=sys.stderr)
        return 2
    with zipfile.ZipFile(arguments[0]) as roue:
        contenu = set(roue.namelist())
    donnees = attendus()
    absents = [nom for nom in donnees if nom not in contenu]
    for nom in absents:
        print(f"absent de la roue : {nom}", file=sys.stderr)
    if absents or not donnees:
        print(f"{len(absents)} fichier(s) de données absent(s) de la roue", file=sys.stderr)
        return 1
    print(f"{len(donnees)} fichiers de données dans la roue")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
