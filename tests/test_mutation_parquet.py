"""Conversion d'un portefeuille CSV en Parquet (``collectivites.prets._parquet``), pièce à
pièce : extensions et chemins refusés en français, sortie existante ou lien vers l'entrée,
répertoire absent, cellules vides écrites nulles, lecteur CSV de secours, contrat dispersé,
droits du fichier remplacé, échec d'écriture sans fichier temporaire laissé (issue 27, tests de
mutation)."""

from __future__ import annotations

import errno
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

import pytest

from collectivites.erreurs import ErreurEntree, ErreurSortie, ErreurValeur
from collectivites.prets import _colonnaire, _parquet
from collectivites.prets._parquet import Conversion, convertir_en_parquet
from tests.synthetique import ecrire_csv

pq = pytest.importorskip("pyarrow.parquet")


def test_resume() -> None:
    assert Conversion("p.parquet", 41, 21, 6).resume() == (
        "p.parquet : 41 lignes de prêt, 21 contrats, 6 groupes de lignes (aucun ne coupe un "
        "contrat)\n"
    )


def test_conversion_rend_ses_comptes_et_le_chemin_donne(tmp_path: Path) -> None:
    entree = ecrire_csv(tmp_path / "p.csv", 9)  # 5 contrats : 2+2+2+2+1 lignes
    (tmp_path / "sous").mkdir()
    conversion = convertir_en_parquet(
        str(entree), tmp_path / "sous" / ".." / "p.parquet", lignes_par_partition=4
    )
    assert conversion == Conversion(
        sortie=str(tmp_path / "sous" / ".." / "p.parquet"), lignes=9, contrats=5, groupes=3
    )
    fichier = pq.ParquetFile(tmp_path / "p.parquet")
    assert [fichier.metadata.row_group(g).num_rows for g in range(3)] == [4, 4, 1]


def test_une_partition_un_seul_groupe_de_lignes(tmp_path: Path) -> None:
    entree = ecrire_csv(tmp_path / "p.csv", 6)
    conversion = convertir_en_parquet(entree, tmp_path / "p.parquet")
    assert (conversion.lignes, conversion.contrats, conversion.groupes) == (6, 3, 1)
    assert pq.ParquetFile(tmp_path / "p.parquet").metadata.num_row_groups == 1


@pytest.mark.parametrize("taille", [0, 10_000_001])
def test_taille_de_partition_hors_des_bornes(tmp_path: Path, taille: int) -> None:
    with pytest.raises(ErreurValeur) as erreur:
        convertir_en_parquet(
            tmp_path / "p.csv", tmp_path / "p.parquet", lignes_par_partition=taille
        )
    e = erreur.value
    assert e.message == "taille de partition hors des bornes"
    assert (e.cle, e.valeur, e.attendu) == (
        "lignes_par_partition",
        taille,
        "de 1 à 10 000 000 lignes",
    )


@pytest.mark.parametrize("taille", [1, 10_000_000])
def test_taille_de_partition_aux_bornes(tmp_path: Path, taille: int) -> None:
    entree = ecrire_csv(tmp_path / "p.csv", 4)
    conversion = convertir_en_parquet(entree, tmp_path / "p.parquet", lignes_par_partition=taille)
    assert conversion.groupes == (2 if taille == 1 else 1)


def test_extensions(tmp_path: Path) -> None:
    entree = ecrire_csv(tmp_path / "p.CSV", 2)
    assert convertir_en_parquet(entree, tmp_path / "p.PARQUET").lignes == 2
    with pytest.raises(ErreurValeur) as erreur:
        convertir_en_parquet(tmp_path / "p.xlsx", tmp_path / "q.parquet")
    e = erreur.value
    assert (e.message, e.valeur, e.attendu) == (
        "extension du portefeuille à convertir",
        str(tmp_path / "p.xlsx"),
        "un fichier .csv",
    )
    with pytest.raises(ErreurValeur) as erreur:
        convertir_en_parquet(entree, tmp_path / "q.csv")
    e = erreur.value
    assert (e.message, e.valeur, e.attendu) == (
        "extension du fichier à écrire",
        str(tmp_path / "q.csv"),
        "un fichier .parquet",
    )


def test_entree_absente(tmp_path: Path) -> None:
    with pytest.raises(ErreurEntree, match="fichier illisible"):
        convertir_en_parquet(tmp_path / "absent.csv", tmp_path / "p.parquet")


def test_sortie_qui_est_un_repertoire(tmp_path: Path) -> None:
    entree = ecrire_csv(tmp_path / "p.csv", 2)
    (tmp_path / "d.parquet").mkdir()
    with pytest.raises(ErreurSortie) as erreur:
        convertir_en_parquet(entree, tmp_path / "d.parquet", remplacer=True)
    e = erreur.value
    assert (e.message, e.fichier, e.attendu) == (
        "c'est un répertoire, pas un fichier",
        str(tmp_path / "d.parquet"),
        "un chemin de fichier",
    )


def test_sortie_existante(tmp_path: Path) -> None:
    entree = ecrire_csv(tmp_path / "p.csv", 2)
    sortie = tmp_path / "p.parquet"
    sortie.write_text("ancien", "utf-8")
    with pytest.raises(ErreurSortie) as erreur:
        convertir_en_parquet(entree, sortie)
    e = erreur.value
    assert (e.message, e.fichier, e.attendu) == (
        "le fichier existe déjà",
        str(sortie),
        "--remplacer pour l'écraser",
    )
    assert sortie.read_text("utf-8") == "ancien"
    # un lien cassé existe aussi : il n'est remplacé qu'avec « remplacer »
    lien = tmp_path / "lien.parquet"
    lien.symlink_to(tmp_path / "nulle-part.parquet")
    with pytest.raises(ErreurSortie, match="le fichier existe déjà"):
        convertir_en_parquet(entree, lien)
    assert convertir_en_parquet(entree, lien, remplacer=True).lignes == 2


def test_sortie_lien_vers_l_entree(tmp_path: Path) -> None:
    entree = ecrire_csv(tmp_path / "p.csv", 2)
    lien = tmp_path / "p.parquet"
    lien.symlink_to(entree)
    for remplacer in (False, True):
        with pytest.raises(ErreurSortie) as erreur:
            convertir_en_parquet(entree, lien, remplacer=remplacer)
        assert erreur.value.message == "la sortie écraserait le portefeuille à convertir"
        assert erreur.value.fichier == str(lien)


def test_repertoire_de_la_sortie(tmp_path: Path) -> None:
    entree = ecrire_csv(tmp_path / "p.csv", 2)
    with pytest.raises(ErreurSortie) as erreur:
        convertir_en_parquet(entree, tmp_path / "absent" / "p.parquet")
    assert erreur.value.message == f"le répertoire « {tmp_path / 'absent'} » n'existe pas"
    assert erreur.value.fichier == str(tmp_path / "absent" / "p.parquet")
    with pytest.raises(ErreurSortie) as erreur:
        convertir_en_parquet(entree, entree / "p.parquet")
    assert erreur.value.message == f"« {entree} » n'est pas un répertoire"


def test_cellules_vides_ecrites_nulles_et_lecteur_de_secours(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    entree = ecrire_csv(tmp_path / "p.csv", 4)
    texte = entree.read_text("utf-8").replace(",0 %,Département", ",,Département")
    entree.write_text(texte, "utf-8")
    convertir_en_parquet(entree, tmp_path / "a.parquet", lignes_par_partition=2)
    monkeypatch.setattr(_colonnaire, "cellules_csv", lambda _octets: None)
    convertir_en_parquet(entree, tmp_path / "b.parquet", lignes_par_partition=2)
    a, b = pq.read_table(tmp_path / "a.parquet"), pq.read_table(tmp_path / "b.parquet")
    assert a.equals(b)
    assert a.column("taux_plancher_progressivite").to_pylist() == [None] * 4
    assert a.column("numero").to_pylist() == ["C0000000"] * 2 + ["C0000001"] * 2


def test_contrat_disperse(tmp_path: Path) -> None:
    entree = ecrire_csv(tmp_path / "p.csv", 6)
    rangs = entree.read_text("utf-8").splitlines(keepends=True)
    rangs[5] = rangs[5].replace("C0000002", "C0000000")  # 6e ligne de prêt : contrat 0
    entree.write_text("".join(rangs), "utf-8")
    with pytest.raises(ErreurValeur) as erreur:
        convertir_en_parquet(entree, tmp_path / "p.parquet", lignes_par_partition=2)
    e = erreur.value
    assert e.message == (
        "les lignes de ce contrat sont dispersées dans le tableau : il serait lu comme deux prêts"
    )
    assert (e.fichier, e.cle, e.valeur) == (str(entree), "numero", "C0000000")
    assert e.attendu == "les lignes d'un même contrat regroupées (tableau trié par numéro)"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p.csv"]


def test_droits_du_fichier_remplace(tmp_path: Path) -> None:
    entree = ecrire_csv(tmp_path / "p.csv", 2)
    sortie = tmp_path / "p.parquet"
    convertir_en_parquet(entree, sortie)
    assert os.stat(sortie).st_mode & 0o7777 == 0o644
    os.chmod(sortie, 0o600)
    convertir_en_parquet(entree, sortie, remplacer=True)
    assert os.stat(sortie).st_mode & 0o7777 == 0o600
    assert _parquet._droits(str(tmp_path / "absent")) == 0o644


def test_fichier_temporaire_a_cote_de_la_cible(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    entree = ecrire_csv(tmp_path / "p.csv", 2)
    (tmp_path / "vrai").mkdir()
    lien = tmp_path / "lien"
    lien.symlink_to(tmp_path / "vrai")
    vus: list[dict[str, Any]] = []
    creer = tempfile.mkstemp

    def noter(**kwargs: Any) -> tuple[int, str]:
        vus.append(kwargs)
        return creer(**kwargs)

    monkeypatch.setattr(tempfile, "mkstemp", noter)
    nom = "un-nom-de-fichier-parquet-tres-long-vraiment.parquet"
    convertir_en_parquet(entree, lien / nom)
    assert vus == [{"prefix": f".{nom[:32]}.", "dir": str(tmp_path / "vrai")}]
    assert sorted(p.name for p in (tmp_path / "vrai").iterdir()) == [nom]


def test_ecriture_impossible(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    entree = ecrire_csv(tmp_path / "p.csv", 2)

    def refuser(**_kwargs: Any) -> tuple[int, str]:
        raise PermissionError(errno.EACCES, "refusé")

    with monkeypatch.context() as m:
        m.setattr(tempfile, "mkstemp", refuser)
        with pytest.raises(ErreurSortie) as erreur:
            convertir_en_parquet(entree, tmp_path / "p.parquet")
    assert erreur.value.message.startswith("écriture impossible (")
    assert erreur.value.fichier == str(tmp_path / "p.parquet")

    def remplacer(*_args: Any) -> None:
        raise OSError(errno.EXDEV, "autre disque")

    with monkeypatch.context() as m:
        m.setattr(os, "replace", remplacer)
        with pytest.raises(ErreurSortie) as erreur:
            convertir_en_parquet(entree, tmp_path / "p.parquet")
    assert erreur.value.message.startswith("écriture impossible (")
    assert erreur.value.__suppress_context__
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p.csv"]


def test_sans_pyarrow(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    entree = ecrire_csv(tmp_path / "p.csv", 2)
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    with pytest.raises(ErreurEntree) as erreur:
        convertir_en_parquet(entree, tmp_path / "p.parquet")
    e = erreur.value
    assert e.message == "écrire un tableau Parquet demande pyarrow"
    assert e.fichier == str(tmp_path / "p.parquet")
    assert (
        e.attendu == "l'extra dask (pip install '.[dask]' depuis le dépôt, ou pip install pyarrow)"
    )
