"""Sessions nox : tests, lint, typing, docs, bench."""

from __future__ import annotations

import nox

nox.options.sessions = ["tests", "lint", "typing", "docs"]
nox.options.default_venv_backend = "venv"


@nox.session
def tests(session: nox.Session) -> None:
    """Toute la suite de tests (exemples, propriétés, doctests, exemples de la documentation)."""
    session.install("-e", ".[test]")
    session.run("pytest", *session.posargs)


@nox.session
def lint(session: nox.Session) -> None:
    """ruff (règles larges, chaque exception commentée dans pyproject.toml)."""
    session.install("-e", ".[lint]")
    session.run("ruff", "check", "src", "tests", "benchmarks", "mutation", "noxfile.py")
    session.run("ruff", "format", "--check", "src", "tests", "benchmarks", "mutation", "noxfile.py")


@nox.session
def typing(session: nox.Session) -> None:
    """mypy --strict sur src."""
    session.install("-e", ".[typing]")
    session.run("mypy")


@nox.session
def docs(session: nox.Session) -> None:
    """Site de documentation (mkdocs build --strict)."""
    session.install("-e", ".[docs]")
    session.run("mkdocs", "build", "--strict", "--site-dir", "site")


@nox.session
def mutation(session: nox.Session) -> None:
    """Tests de mutation des modules moteurs (mutmut 3, un interpréteur neuf par mutant) ; score
    par module dans mutation/resultats.md, échec sous 95 %. Long : lancer à la demande."""
    session.install("-e", ".[test,mutation]")
    session.run("python", "mutation/lancer.py", *session.posargs)


@nox.session
def bench(session: nox.Session) -> None:
    """Mesures de performance (délais, import, tableaux d'amortissement)."""
    session.install("-e", ".[bench]")
    session.run("python", "benchmarks/bench_delais.py")
    session.run("python", "benchmarks/bench_prets.py")
    session.run("python", "benchmarks/bench_portefeuille.py")
