"""Prêt à publier : le journal des modifications porte la version du paquet, datée, et chaque
fichier de données du paquet est couvert par ``[tool.setuptools.package-data]`` (la CI vérifie
en plus la roue construite : ``.ci/verifier_roue.py``)."""

from __future__ import annotations

import datetime as dt
import fnmatch
import re
import tomllib
from pathlib import Path

import collectivites

RACINE = Path(__file__).resolve().parent.parent
PAQUET = RACINE / "src" / "collectivites"

#: « ## [0.1.0] - 2026-12-07 » (Keep a Changelog).
_VERSION_DATEE = re.compile(r"^## \[(\d+\.\d+\.\d+)\] - (\d{4}-\d{2}-\d{2})$", re.M)


def test_journal_a_la_version_du_paquet_datee() -> None:
    texte = (RACINE / "CHANGELOG.md").read_text(encoding="utf-8")
    titres = re.findall(r"^## .*$", texte, re.M)
    assert titres[0] == "## [Non publié]"
    premiere = _VERSION_DATEE.fullmatch(titres[1])
    assert premiere is not None, titres[1]
    version, date = premiere.groups()
    assert version == collectivites.__version__
    assert dt.date(2026, 1, 1) <= dt.date.fromisoformat(date)


def _motifs() -> list[str]:
    with (RACINE / "pyproject.toml").open("rb") as flux:
        projet = tomllib.load(flux)
    motifs: list[str] = projet["tool"]["setuptools"]["package-data"]["collectivites"]
    return motifs


def _couvert(relatif: str, motifs: list[str]) -> bool:
    """Comme les motifs de setuptools : « * » ne traverse pas « / »."""
    morceaux = relatif.split("/")
    return any(
        len(m.split("/")) == len(morceaux)
        and all(fnmatch.fnmatchcase(a, b) for a, b in zip(morceaux, m.split("/"), strict=True))
        for m in motifs
    )


def test_chaque_fichier_de_donnees_est_dans_le_paquet() -> None:
    motifs = _motifs()
    donnees = [
        p.relative_to(PAQUET).as_posix()
        for p in PAQUET.rglob("*")
        if p.is_file() and p.suffix not in (".py", ".pyc") and "__pycache__" not in p.parts
    ]
    assert "donnees/livret_a.csv" in donnees and "py.typed" in donnees
    absents = [nom for nom in donnees if not _couvert(nom, motifs)]
    assert not absents, f"fichiers hors de [tool.setuptools.package-data] : {absents}"


def test_le_controle_refuse_un_fichier_non_couvert() -> None:
    assert not _couvert("donnees/nouveau/serie.csv", _motifs())
    assert not _couvert("donnees/exemples/docbudg/autre/x.xml", _motifs())
    assert _couvert("donnees/exemples/docbudg/budget.xml", _motifs())


def test_aucun_message_n_installe_depuis_pypi() -> None:
    """Le paquet n'est pas publié : un extra manquant s'installe depuis le dépôt
    (« pip install '.[xlsx]' »), jamais « pip install 'collectivites[xlsx]' »."""
    fautifs = [
        f"{p.relative_to(RACINE)}:{n}"
        for p in sorted(PAQUET.rglob("*.py"))
        for n, ligne in enumerate(p.read_text(encoding="utf-8").splitlines(), start=1)
        if re.search(r"""pip install ['"]collectivites\[""", ligne)
    ]
    assert not fautifs, fautifs
