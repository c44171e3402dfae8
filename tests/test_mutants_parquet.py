"""Conversion en Parquet (``collectivites.prets._parquet``), ce que les tests de la conversion
ne voyaient pas (tests de mutation) : toutes les colonnes écrites en texte, même une colonne vide
dans toute une partition ; des partitions aux colonnes différentes refusées en français sans
fichier laissé ; un groupe de lignes par partition quelle que soit sa taille (jamais la taille
par défaut de pyarrow, 1 Mi lignes) ; l'écrivain Parquet fermé avant le renommage, et aussi
quand une partition est refusée ; la taille de partition par défaut ; la raison et le fichier
d'une écriture impossible."""

from __future__ import annotations

import csv
import errno
import os
import tempfile
from pathlib import Path
from typing import Any

import pytest

from collectivites.erreurs import ErreurDossier, ErreurSortie, ErreurValeur
from collectivites.prets import _parquet, _partitions
from collectivites.prets._parquet import convertir_en_parquet
from tests.synthetique import COLONNES, ecrire_csv

pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")


def _remplacer(entree: Path, rangs: range, colonne: str, avant: str | None, apres: str) -> None:
    """Remplace la cellule ``colonne`` (``avant``, s'il est donné → ``apres``) des lignes de
    prêt ``rangs`` (0 : la première)."""
    with entree.open(encoding="utf-8", newline="") as fichier:
        lignes = list(csv.DictReader(fichier))
    for rang in rangs:
        assert avant is None or lignes[rang][colonne] == avant
        lignes[rang][colonne] = apres
    with entree.open("w", encoding="utf-8", newline="") as fichier:
        ecrivain = csv.DictWriter(fichier, fieldnames=COLONNES)
        ecrivain.writeheader()
        ecrivain.writerows(lignes)


def _vider(entree: Path, rangs: range) -> None:
    _remplacer(entree, rangs, "taux_plancher_progressivite", "0 %", "")


def test_colonne_vide_dans_une_partition_remplie_dans_une_autre(tmp_path: Path) -> None:
    """Une colonne vide dans toute la première partition reste une colonne texte : les
    partitions suivantes, où elle est remplie, ont les mêmes colonnes."""
    entree = ecrire_csv(tmp_path / "p.csv", 6)  # 3 contrats de 2 lignes
    _vider(entree, range(2))
    conversion = convertir_en_parquet(entree, tmp_path / "p.parquet", lignes_par_partition=2)
    assert (conversion.lignes, conversion.contrats, conversion.groupes) == (6, 3, 3)
    table = pq.read_table(tmp_path / "p.parquet")
    assert table.column("taux_plancher_progressivite").to_pylist() == [None, None] + ["0 %"] * 4
    assert [str(t) for t in table.schema.types] == ["string"] * len(COLONNES)


def test_colonne_vide_partout_ecrite_en_texte(tmp_path: Path) -> None:
    entree = ecrire_csv(tmp_path / "p.csv", 2)
    _vider(entree, range(2))
    convertir_en_parquet(entree, tmp_path / "p.parquet")
    schema = pq.read_schema(tmp_path / "p.parquet")
    assert schema.field("taux_plancher_progressivite").type == pa.string()
    assert [str(t) for t in schema.types] == ["string"] * len(COLONNES)


def test_colonnes_differentes_d_une_partition_a_l_autre(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Garde-fou : si une partition rendait d'autres colonnes que la première, la conversion
    est refusée (message et fichier nommés) et ne laisse aucun fichier."""
    entree = ecrire_csv(tmp_path / "p.csv", 6)
    lire = _parquet._cellules
    vues: list[int] = []

    def cellules(partition: Any) -> tuple[list[str], dict[str, list[Any]]]:
        entetes, colonnes = lire(partition)
        vues.append(partition.debut)
        if len(vues) == 2:  # la deuxième partition perd sa dernière colonne
            return entetes[:-1], colonnes
        return entetes, colonnes

    monkeypatch.setattr(_parquet, "_cellules", cellules)
    with pytest.raises(ErreurValeur) as erreur:
        convertir_en_parquet(entree, tmp_path / "p.parquet", lignes_par_partition=2)
    e = erreur.value
    assert e.message == "colonnes différentes d'une partition à l'autre"
    assert e.valeur == str(entree)
    assert len(vues) == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p.csv"]


class _Espion:
    """Le module ``pyarrow.parquet`` dont l'écrivain note ses écritures et reste observable
    après la conversion (une référence gardée : sa fermeture n'est pas celle du ramasse-miettes)."""

    def __init__(self) -> None:
        self.ecrivains: list[Any] = []
        self.ecritures: list[tuple[int, Any]] = []
        espion = self

        class Ecrivain(pq.ParquetWriter):  # type: ignore[misc, name-defined]
            def __init__(self, *args: Any, **kwargs: Any) -> None:
                super().__init__(*args, **kwargs)
                espion.ecrivains.append(self)

            def write_table(self, table: Any, row_group_size: Any = None) -> None:
                espion.ecritures.append((table.num_rows, row_group_size))
                super().write_table(table, row_group_size=row_group_size)

        self.ParquetWriter = Ecrivain


def test_un_groupe_par_partition_quelle_que_soit_sa_taille(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Chaque partition est écrite avec une taille de groupe au moins égale à son nombre de
    lignes : sans elle, pyarrow couperait une partition de plus de 1 Mi lignes (une partition
    peut en compter 10 millions) en plusieurs groupes, dont un couperait un contrat."""
    entree = ecrire_csv(tmp_path / "p.csv", 9)  # 5 contrats : 2+2+2+2+1 lignes
    espion = _Espion()
    monkeypatch.setattr(_parquet, "_pyarrow", lambda _chemin: (pa, espion))
    conversion = convertir_en_parquet(entree, tmp_path / "p.parquet", lignes_par_partition=4)
    assert conversion.groupes == 3
    assert [n for n, _taille in espion.ecritures] == [4, 4, 1]
    for lignes, taille in espion.ecritures:
        assert taille is not None
        assert taille >= lignes
    assert [g.is_open for g in espion.ecrivains] == [False]
    fichier = pq.ParquetFile(tmp_path / "p.parquet")
    assert [fichier.metadata.row_group(g).num_rows for g in range(3)] == [4, 4, 1]


def test_ecrivain_ferme_quand_une_partition_est_refusee(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Une ligne refusée dans la deuxième partition : l'écrivain ouvert pour la première est
    fermé (le fichier temporaire n'est plus tenu ouvert) et rien ne reste à côté du CSV."""
    entree = ecrire_csv(tmp_path / "p.csv", 6)
    _remplacer(entree, range(3, 4), "duree", None, "trente")  # 4e ligne : 2e partition
    espion = _Espion()
    monkeypatch.setattr(_parquet, "_pyarrow", lambda _chemin: (pa, espion))
    with pytest.raises(ErreurDossier) as erreur:
        convertir_en_parquet(entree, tmp_path / "p.parquet", lignes_par_partition=2)
    assert erreur.value.ligne == 5
    assert erreur.value.cle == "duree"
    assert len(espion.ecrivains) == 1
    assert not espion.ecrivains[0].is_open
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p.csv"]


def test_taille_de_partition_par_defaut(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Sans ``lignes_par_partition``, des partitions de 20 000 lignes, comme la commande
    (docs/guides/portefeuilles-repartis.md)."""
    entree = ecrire_csv(tmp_path / "p.csv", 2)
    tailles: list[int] = []

    def partitionner(sources: Any, *, lignes_par_partition: int) -> Any:
        tailles.append(lignes_par_partition)
        return _partitions.partitionner(sources, lignes_par_partition=lignes_par_partition)

    monkeypatch.setattr(_parquet, "partitionner", partitionner)
    assert convertir_en_parquet(entree, tmp_path / "p.parquet").groupes == 1
    assert tailles == [20_000]


def test_parent_de_la_sortie_qui_est_un_fichier(tmp_path: Path) -> None:
    entree = ecrire_csv(tmp_path / "p.csv", 2)
    with pytest.raises(ErreurSortie) as erreur:
        convertir_en_parquet(entree, entree / "p.parquet")
    assert erreur.value.message == f"« {entree} » n'est pas un répertoire"
    assert erreur.value.fichier == str(entree / "p.parquet")


def test_ecriture_impossible_nomme_la_raison_et_le_fichier(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    entree = ecrire_csv(tmp_path / "p.csv", 2)
    sortie = tmp_path / "p.parquet"

    def refuser(**_kwargs: Any) -> tuple[int, str]:
        raise PermissionError(errno.EACCES, "refusé")

    with monkeypatch.context() as m:
        m.setattr(tempfile, "mkstemp", refuser)
        with pytest.raises(ErreurSortie) as erreur:
            convertir_en_parquet(entree, sortie)
    assert erreur.value.message == "écriture impossible (permission refusée)"
    assert erreur.value.fichier == str(sortie)

    def remplacer(*_args: Any) -> None:
        raise OSError(errno.EXDEV, "autre disque")

    with monkeypatch.context() as m:
        m.setattr(os, "replace", remplacer)
        with pytest.raises(ErreurSortie) as erreur:
            convertir_en_parquet(entree, sortie)
    assert erreur.value.message == (
        "écriture impossible (lien entre systèmes de fichiers différents impossible)"
    )
    assert erreur.value.fichier == str(sortie)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p.csv"]
