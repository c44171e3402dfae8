"""Le registre des barèmes REP (``regles/rep/_registre.py``) : barèmes livrés dans l'ordre de
leurs fichiers et sourcés par leur chemin, greffons cherchés dans leur seul groupe de points
d'entrée, refus exacts (greffon défectueux nommé avec sa distribution, greffon qui rend autre
chose qu'un barème, code ou année d'un mauvais type)."""

from __future__ import annotations

import io
import pathlib
import zipfile
from collections.abc import Iterator
from importlib import metadata, resources
from typing import Any

import pytest

from collectivites.erreurs import ErreurDonnees, ErreurPlugin, ErreurType
from collectivites.regles.rep import _registre
from collectivites.regles.rep._registre import bareme_en_vigueur, baremes_livres
from collectivites.regles.rep._schemas import bareme_depuis_toml


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


@pytest.mark.parametrize(
    ("code", "annee", "attendu"),
    [
        (
            "alcom",
            2023,
            (
                "barème inconnu ; vouliez-vous dire « alcome » ?",
                "bareme",
                "alcom",
                "alcome, citeo-papiers-graphiques",
            ),
        ),
        ("zzz", 2023, ("barème inconnu", "bareme", "zzz", "alcome, citeo-papiers-graphiques")),
        (
            "alcome",
            2020,
            (
                "aucune version du barème « alcome » n'est en vigueur cette année",
                "annee",
                2020,
                "une année des versions : 2021–…",  # alcome.toml : en vigueur du 1er janvier 2021
            ),
        ),
        (
            "citeo-papiers-graphiques",
            2017,
            (
                "aucune version du barème « citeo-papiers-graphiques » n'est en vigueur cette "
                "année",
                "annee",
                2017,
                "une année des versions : 2018–2023, 2024–…",  # les deux fichiers livrés
            ),
        ),
    ],
)
def test_bareme_ou_version_introuvable(code: str, annee: int, attendu: tuple[Any, ...]) -> None:
    with pytest.raises(ErreurDonnees) as refus:
        bareme_en_vigueur(code, annee)
    e = refus.value
    assert (e.message, e.cle, e.valeur, e.attendu) == attendu


ALCOME_BIS = """
[bareme]
code = "alcome"
nom = "Doublon d'essai"
en_vigueur_du = 2024-01-01
reference = "essai"
assiette = "tonnes"
[[tarifs_tonne]]
code = "bois"
libelle = "Bois"
taux = "20.00"
"""


def test_deux_versions_en_vigueur_la_meme_annee(greffons: Any) -> None:
    greffons(_Point("doublon", lambda: [bareme_depuis_toml(ALCOME_BIS, fichier="bis.toml")]))
    assert bareme_en_vigueur("alcome", 2023).nom != "Doublon d'essai"  # une seule en 2023
    with pytest.raises(ErreurDonnees) as refus:
        bareme_en_vigueur("alcome", 2024)
    assert (refus.value.message, refus.value.cle) == (
        "plusieurs versions du barème « alcome » couvrent 2024",
        "annee",
    )


def test_baremes_livres_lus_en_utf8_sous_un_encodage_par_defaut_latin1(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Un poste dont l'encodage par défaut n'est pas UTF-8 (Windows) lit les mêmes barèmes :
    simulé en faisant de Latin-1 l'encodage des ouvertures qui n'en nomment pas."""
    attendus = [(b.nom, b.reference) for b in baremes_livres()]
    ouvrir = io.text_encoding
    monkeypatch.setattr(
        io, "text_encoding", lambda encodage, *args: encodage or ouvrir("latin-1", *args)
    )
    assert [(b.nom, b.reference) for b in baremes_livres()] == attendus
    assert not all(nom.isascii() for nom, _ in attendus)  # des accents que Latin-1 lirait mal


def test_baremes_livres_d_un_paquet_zippe(
    monkeypatch: pytest.MonkeyPatch, tmp_path: pathlib.Path
) -> None:
    """Les fichiers d'un paquet zippé (``zipfile.Path``, qui ne s'ordonnent pas entre eux) se
    lisent aussi, rangés par leur nom."""
    source = resources.files("collectivites.donnees").joinpath("baremes")
    archive = tmp_path / "paquet.zip"
    with zipfile.ZipFile(archive, "w") as zipper:
        for fichier in sorted(source.iterdir(), key=lambda p: p.name, reverse=True):
            zipper.writestr(f"donnees/baremes/{fichier.name}", fichier.read_bytes())
    monkeypatch.setattr(
        _registre.resources, "files", lambda _paquet: zipfile.Path(archive, "donnees/")
    )
    assert [b.source for b in baremes_livres()] == [
        "donnees/baremes/alcome.toml",
        "donnees/baremes/citeo-papiers-graphiques-2018.toml",
        "donnees/baremes/citeo-papiers-graphiques-2024.toml",
    ]
