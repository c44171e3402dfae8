"""Chaque entrée hostile est refusée proprement : code 2, message en français qui nomme ce qui
ne va pas, sans trace de pile, sans résultat, sans blocage (voir ``tests/hostiles.py``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.hostiles import juger, preparer, tous_les_cas

CAS = tous_les_cas()


@pytest.mark.parametrize(("argv", "fichiers"), [c[1:] for c in CAS], ids=[c[0] for c in CAS])
def test_refus_propre(tmp_path: Path, argv: list[str], fichiers: dict[str, str | bytes]) -> None:
    preparer(tmp_path, fichiers)
    verdict, code, message = juger(argv, tmp_path)
    assert verdict == "refus", (code, message)


def test_une_ecriture_qui_echoue_n_abime_pas_le_fichier(tmp_path: Path) -> None:
    """La sortie est écrite atomiquement : si l'écriture échoue, l'ancien fichier reste."""
    from collectivites.cli._cadre import ecrire
    from collectivites.erreurs import ErreurSortie

    cible = tmp_path / "t.csv"
    cible.write_text("ancien contenu\n", encoding="utf-8")

    class Refus(str):
        def encode(self, *_args: object, **_kwargs: object) -> bytes:  # type: ignore[override]
            raise OSError(28, "No space left on device")

    with pytest.raises((ErreurSortie, OSError)):
        ecrire(Refus("nouveau"), str(cible))
    assert cible.read_text(encoding="utf-8") == "ancien contenu\n"
    assert [p.name for p in tmp_path.iterdir()] == ["t.csv"]  # aucun fichier temporaire laissé


def _chemins_de_commandes() -> list[list[str]]:
    from collectivites.cli._commandes import COMMANDES
    from collectivites.cli._service import SERVE

    chemins = {c.chemin[:n] for c in (*COMMANDES, SERVE) for n in range(1, len(c.chemin) + 1)}
    return [[], *sorted(list(c) for c in chemins)]


@pytest.mark.parametrize("chemin", _chemins_de_commandes(), ids=lambda c: " ".join(c) or "racine")
@pytest.mark.parametrize("option", ["-h", "--help", "--aide", "-V", "--version"])
def test_aide_et_version_partout(
    chemin: list[str], option: str, capsys: pytest.CaptureFixture[str]
) -> None:
    from collectivites import __version__
    from collectivites.cli import main

    code = main([*chemin, option])
    sortie = capsys.readouterr()
    assert code == 0, sortie.err
    if option in ("-V", "--version"):
        assert sortie.out == f"collectivites {__version__}\n"
    else:
        assert sortie.out.startswith("utilisation : collectivites")
        assert "--aide" in sortie.out


def test_serie_de_30000_lignes_avec_un_doublon_refusee_vite(tmp_path: Path) -> None:
    """La recherche des doublons d'une série est linéaire (elle était quadratique)."""
    import datetime as dt
    import time

    debut = dt.date(1950, 1, 1)
    lignes = [f"{debut + dt.timedelta(days=k)},1 %" for k in range(30_000)]
    lignes.append(f"{debut},2 %")
    (tmp_path / "s.csv").write_text("date,valeur\n" + "\n".join(lignes) + "\n", encoding="utf-8")
    argv = [
        "pret",
        "tableau",
        "--exemple",
        "cdc-57851",
        "--ligne",
        "5165325",
        "--index",
        "{d}/s.csv",
    ]
    chrono = time.perf_counter()
    verdict, _code, message = juger(argv, tmp_path)
    assert verdict == "refus" and "ligne 30002" in message and "même date" in message
    assert time.perf_counter() - chrono < 5


def test_identifiant_avec_barre_dans_un_classeur(tmp_path: Path) -> None:
    """Un identifiant « 57/851 » donne un nom de feuille valide (la barre est interdite par
    Excel) au lieu d'une trace de pile."""
    pytest.importorskip("openpyxl")
    from tests.hostiles import LIGNE

    (tmp_path / "p.toml").write_text(LIGNE.replace('"L1"', '"57/851"'), encoding="utf-8")
    argv = ["pret", "tableau", "{d}/p.toml", "--format", "xlsx", "--sortie", "{d}/t.xlsx"]
    verdict, code, _message = juger(argv, tmp_path)
    assert (verdict, code) == ("accepte", 0)
    import openpyxl

    noms = openpyxl.load_workbook(tmp_path / "t.xlsx").sheetnames
    assert noms[:2] == ["Hypothèses", "Ligne 57-851"]  # puis la feuille de son graphique
    assert not any("/" in nom for nom in noms)
