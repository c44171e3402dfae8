"""Le registre des barèmes REP (``regles/rep/_registre.py``) : barèmes livrés dans l'ordre de
leurs fichiers et sourcés par leur chemin, greffons cherchés dans leur seul groupe de points
d'entrée, refus exacts (greffon défectueux nommé avec sa distribution, greffon qui rend autre
chose qu'un barème, code ou année d'un mauvais type)."""

from __future__ import annotations

from collections.abc import Iterator
from importlib import metadata
from typing import Any

import pytest

from collectivites.erreurs import ErreurPlugin, ErreurType
from collectivites.regles.rep import _registre
from collectivites.regles.rep._registre import bareme_en_vigueur, baremes_livres


def test_baremes_livres_dans_l_ordre_des_fichiers_et_sources() -> None:
    assert [b.source for b in baremes_livres()] == [
        "donnees/baremes/alcome.toml",
        "donnees/baremes/citeo-papiers-graphiques-2018.toml",
        "donnees/baremes/citeo-papiers-graphiques-2024.toml",
    ]


class _Distribution:
    name = "ma-distribution"


class _Point:
    def __init__(self, nom: str, fonction: Any, dist: Any = None) -> None:
        self.name, self.value, self.dist, self._fonction = nom, f"essai:{nom}", dist, fonction

    def load(self) -> Any:
        return self._fonction


@pytest.fixture
def greffons(monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    """Installe des points d'entrée, rendus seulement pour le groupe des barèmes."""

    def installer(*points: _Point) -> None:
        def entry_points(*, group: str) -> list[_Point]:
            return list(points) if group == "collectivites.baremes" else []

        monkeypatch.setattr(metadata, "entry_points", entry_points)
        _registre._tous.cache_clear()

    yield installer
    _registre._tous.cache_clear()


def _casse() -> list[object]:
    raise RuntimeError("fichier absent")


@pytest.mark.parametrize(("dist", "nom"), [(_Distribution(), "ma-distribution"), (None, "?")])
def test_greffon_defectueux_nomme_avec_sa_distribution(greffons: Any, dist: Any, nom: str) -> None:
    greffons(_Point("casse", _casse, dist))
    with pytest.raises(ErreurPlugin) as refus:
        bareme_en_vigueur("alcome", 2023)
    assert refus.value.message == (
        f"le greffon de barèmes « casse » (essai:casse, distribution {nom}) est défectueux : "
        "fichier absent"
    )


def test_greffon_qui_rend_autre_chose_qu_un_bareme(greffons: Any) -> None:
    greffons(_Point("faux", lambda: ["pas un barème"]))
    with pytest.raises(ErreurPlugin) as refus:
        bareme_en_vigueur("alcome", 2023)
    assert (refus.value.message, refus.value.valeur) == (
        "le greffon de barèmes « faux » (essai:faux) rend autre chose qu'un Bareme",
        "pas un barème",
    )


@pytest.mark.parametrize(
    ("code", "annee", "attendu"),
    [
        (3, 2023, ("type refusé", "code", 3, "un texte")),
        ("alcome", True, ("type refusé", "annee", True, "un entier")),
        ("alcome", "2023", ("type refusé", "annee", "2023", "un entier")),
    ],
)
def test_code_ou_annee_d_un_mauvais_type(code: Any, annee: Any, attendu: tuple[Any, ...]) -> None:
    with pytest.raises(ErreurType) as refus:
        bareme_en_vigueur(code, annee)
    e = refus.value
    assert (e.message, e.cle, e.valeur, e.attendu) == attendu
