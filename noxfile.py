"""Sessions nox : tests, lint, typing, docs, bench."""

from __future__ import annotations

from pathlib import Path

import nox

nox.options.sessions = ["tests", "lint", "typing", "docs"]
nox.options.default_venv_backend = "venv"


def _installer(session: nox.Session, *groupes: str, extras: str = "") -> None:
    """Le paquet (et ses extras) et des groupes de dépendances (PEP 735, pip ≥ 25.1)."""
    session.install("-U", "pip")
    options = [option for groupe in groupes for option in ("--group", groupe)]
    session.install("-e", f".[{extras}]" if extras else ".", *options)


@nox.session
def tests(session: nox.Session) -> None:
    """Toute la suite de tests (exemples, propriétés, doctests, exemples de la documentation)."""
    _installer(session, "test")
    session.run("pytest", *session.posargs)


@nox.session
def lint(session: nox.Session) -> None:
    """ruff (règles larges, chaque exception commentée dans pyproject.toml)."""
    _installer(session, "lint")
    session.run("ruff", "check", "src", "tests", "benchmarks", "mutation", "noxfile.py")
    session.run("ruff", "format", "--check", "src", "tests", "benchmarks", "mutation", "noxfile.py")


@nox.session
def typing(session: nox.Session) -> None:
    """mypy --strict sur src."""
    _installer(session, "typing")
    session.run("mypy")


@nox.session
def docs(session: nox.Session) -> None:
    """Site de documentation (mkdocs build --strict)."""
    _installer(session, "docs")
    session.run("mkdocs", "build", "--strict", "--site-dir", "site")


@nox.session
def mutation(session: nox.Session) -> None:
    """Tests de mutation des modules du paquet (mutmut 3, un interpréteur neuf par mutant) ;
    score par module dans mutation/resultats.md, échec sous 95 %. Long : lancer à la demande,
    sur quelques modules (``nox -s mutation -- prets/_teg.py``)."""
    _installer(session, "mutation")
    session.run("python", "mutation/lancer.py", *session.posargs)


@nox.session
def bench(session: nox.Session) -> None:
    """Mesures de performance (délais, import, tableaux d'amortissement)."""
    _installer(session, "bench")
    session.run("python", "benchmarks/bench_delais.py")
    session.run("python", "benchmarks/bench_prets.py")
    session.run("python", "benchmarks/bench_portefeuille.py")
    session.run("python", "benchmarks/bench_dette.py")


@nox.session
def paquet(session: nox.Session) -> None:
    """Archive source et roue (python -m build), vérifiées par twine check --strict ; la roue
    contient chaque fichier de données du paquet (.ci/verifier_roue.py), comme en CI."""
    _installer(session, "paquet")
    sortie = Path(session.create_tmp()) / "dist"
    session.run("python", "-m", "build", "--outdir", str(sortie))
    session.run("twine", "check", "--strict", *map(str, sortie.glob("*")))
    session.run("python", ".ci/verifier_roue.py", *map(str, sortie.glob("*.whl")))
