"""Les exemples de la documentation et du README s'exécutent comme des tests.

* blocs ```pycon : joués avec doctest (un espace de noms par fichier) ;
* blocs ```console : chaque ligne ``$ collectivites …`` est lancée et sa sortie comparée à celle
  écrite dessous ; une ligne ``...`` y remplace un nombre quelconque de lignes ; une dernière
  ligne ``[code de sortie : 1]`` attend ce code (0 sinon).
"""

from __future__ import annotations

import contextlib
import doctest
import io
import os
import re
import shlex
from pathlib import Path

import pytest

from collectivites.cli import main

RACINE = Path(__file__).resolve().parent.parent
FICHIERS = sorted([RACINE / "README.md", *(RACINE / "docs").rglob("*.md")], key=str)
#: Dernière ligne d'une sortie attendue qui n'est pas un succès : « [code de sortie : 1] ».
_CODE = re.compile(r"\[code de sortie : (\d+)\]")
_BLOC = re.compile(r"^```(pycon|console)\n(.*?)^```", re.S | re.M)


def _blocs(chemin: Path, langue: str) -> list[str]:
    return [
        m.group(2)
        for m in _BLOC.finditer(chemin.read_text(encoding="utf-8"))
        if m.group(1) == langue
    ]


def _ids(chemins: list[Path]) -> list[str]:
    return [str(p.relative_to(RACINE)) for p in chemins]


AVEC_PYCON = [p for p in FICHIERS if _blocs(p, "pycon")]
AVEC_CONSOLE = [p for p in FICHIERS if _blocs(p, "console")]


@pytest.mark.parametrize("chemin", AVEC_PYCON, ids=_ids(AVEC_PYCON))
def test_exemples_python(chemin: Path) -> None:
    texte = "\n".join(_blocs(chemin, "pycon"))
    analyse = doctest.DocTestParser().get_doctest(texte, {}, str(chemin), str(chemin), 0)
    sortie = io.StringIO()
    coureur = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    coureur.run(analyse, out=sortie.write)
    assert coureur.failures == 0, sortie.getvalue()
    assert coureur.tries > 0


def _commandes(bloc: str) -> list[tuple[str, list[str]]]:
    commandes: list[tuple[str, list[str]]] = []
    for ligne in bloc.splitlines():
        if ligne.startswith("$ "):
            commandes.append((ligne[2:], []))
        elif commandes:
            commandes[-1][1].append(ligne)
    return commandes


def _concorde(attendu: list[str], obtenu: list[str]) -> bool:
    motif = "".join(
        r"(?:.*\n)*?" if ligne == "..." else re.escape(ligne) + r"\n" for ligne in attendu
    )
    return re.fullmatch(motif, "".join(f"{x}\n" for x in obtenu)) is not None


@pytest.mark.parametrize("chemin", AVEC_CONSOLE, ids=_ids(AVEC_CONSOLE))
def test_exemples_console(chemin: Path) -> None:
    ancien = Path.cwd()
    os.chdir(RACINE)
    try:
        for bloc in _blocs(chemin, "console"):
            for commande, ecrit in _commandes(bloc):
                attendu = list(ecrit)
                mots = shlex.split(commande)
                assert mots[0] == "collectivites", commande
                attendu_code = 0
                if attendu and (marque := _CODE.fullmatch(attendu[-1].strip())):
                    attendu, attendu_code = attendu[:-1], int(marque.group(1))
                sortie = io.StringIO()
                with contextlib.redirect_stdout(sortie):
                    code = main(mots[1:])
                assert code == attendu_code, commande
                obtenu = [x.rstrip() for x in sortie.getvalue().splitlines()]
                attendu_propre = [x.rstrip() for x in attendu]
                assert _concorde(attendu_propre, obtenu), (
                    f"{commande}\n--- attendu\n"
                    + "\n".join(attendu_propre)
                    + "\n--- obtenu\n"
                    + "\n".join(obtenu)
                )
    finally:
        os.chdir(ancien)
