"""Un démarrage en cinq minutes (issue 24) : les deux commandes du README font chacune toute
l'installation sur une machine neuve (environnement virtuel compris : le Python de Debian et
d'Ubuntu refuse ``pip install`` hors environnement, PEP 668), la CI lance la commande de test
du README telle quelle, la documentation installe depuis le dépôt (le paquet n'est pas publié)
et commence par ce que fait un service financier, la ligne de commande avant Python."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

RACINE = Path(__file__).resolve().parent.parent
_BLOC = re.compile(r"^ *```(\w+)\n(.*?)^ *```", re.S | re.M)


def _blocs(chemin: Path) -> list[tuple[str, str]]:
    return [(m.group(1), m.group(2)) for m in _BLOC.finditer(chemin.read_text(encoding="utf-8"))]


def _demarrer() -> list[str]:
    texte = (RACINE / "README.md").read_text(encoding="utf-8")
    section = texte.split("## Démarrer", 1)[1].split("\n## ", 1)[0]
    return [code.strip() for langue, code in _BLOC.findall(section) if langue == "bash"]


def test_deux_commandes_qui_installent_tout() -> None:
    exemple, tests = _demarrer()
    for commande in (exemple, tests):
        assert "\n" not in commande  # une seule ligne à copier
        assert commande.startswith("python3 -m venv .venv && .venv/bin/python -m pip install")
    assert exemple.endswith("collectivites pret tableau --exemple cdc-57851 --ligne 5165325")
    assert "--group test" in tests and tests.endswith(".venv/bin/python -m pytest")


def test_la_ci_lance_la_commande_de_test_du_readme() -> None:
    _exemple, tests = _demarrer()
    lignes = (RACINE / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert tests in lignes


def test_readme_debian_et_windows() -> None:
    texte = (RACINE / "README.md").read_text(encoding="utf-8")
    assert "externally-managed-environment" in texte and "python3-venv" in texte
    assert "py -m venv .venv && .venv\\Scripts\\python -m pip install ." in texte


@pytest.mark.parametrize(
    "chemin",
    [RACINE / "README.md", *sorted((RACINE / "docs").rglob("*.md"))],
    ids=lambda p: str(p.relative_to(RACINE)),
)
def test_installer_depuis_le_depot(chemin: Path) -> None:
    """Le paquet n'est pas publié sur PyPI : aucune commande ``pip install`` ne l'y cherche."""
    texte = chemin.read_text(encoding="utf-8")
    assert not re.search(r"pip install +['\"]?collectivites", texte)


def test_accueil_commence_par_la_ligne_de_commande() -> None:
    blocs = _blocs(RACINE / "docs" / "index.md")
    langues = [langue for langue, _ in blocs]
    assert langues[0] == "bash" and "pycon" in langues
    assert langues.index("console") < langues.index("pycon")
    commandes = "\n".join(code for _, code in blocs)
    for attendu in (
        "pip install",
        "pret tableau",
        "delai calculer",
        "indemnites calculer",
        "collectivites servir",
    ):
        assert attendu in commandes, attendu


@pytest.mark.parametrize(
    "chemin",
    sorted((RACINE / "docs" / "tutoriels").glob("*.md")),
    ids=lambda p: p.name,
)
def test_chaque_tutoriel_donne_la_commande_avant_python(chemin: Path) -> None:
    langues = [langue for langue, _ in _blocs(chemin) if langue in ("console", "pycon")]
    assert "console" in langues, "aucune commande"
    if "pycon" in langues:
        assert langues.index("console") < langues.index("pycon")
