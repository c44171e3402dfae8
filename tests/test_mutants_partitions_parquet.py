"""Partitions d'un tableau Parquet (``collectivites.prets._partitions``), ce que les tests du
découpage ne voyaient pas (tests de mutation) : un groupe de lignes vide entre deux groupes d'un
même contrat ne le coupe pas ; les bornes lues dans la colonne ``numero`` où qu'elle soit ; des
lignes sans numéro (un même prêt « sans numéro ») qui chevauchent deux groupes les réunissent ;
le compte de lignes qui repart de zéro après une coupe ; le fichier nommé par une colonne
inconnue."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from collectivites.erreurs import ErreurDossier
from collectivites.prets import projeter_fichiers, scenario
from collectivites.prets._partitions import Partition, partitionner
from tests.synthetique import ecrire_parquet

pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")


def _groupes(chemin: Path, table: Any, tailles: list[int]) -> str:
    """Écrit ``table`` en groupes de lignes de ``tailles`` lignes (0 : un groupe vide)."""
    with pq.ParquetWriter(chemin, table.schema) as ecrivain:
        debut = 0
        for taille in tailles:
            ecrivain.write_table(table.slice(debut, taille))
            debut += taille
    fichier = pq.ParquetFile(chemin)
    assert [fichier.metadata.row_group(g).num_rows for g in range(len(tailles))] == tailles
    return str(chemin)


def test_groupe_vide_au_milieu_d_un_contrat(tmp_path: Path) -> None:
    """Le contrat C0000001 a une ligne dans le groupe 0 et une dans le groupe 2, séparées par un
    groupe vide (un écrivain Parquet en laisse quand il écrit un lot vide) : les trois groupes
    forment une partition, le contrat n'est pas lu comme deux prêts."""
    table = pq.read_table(ecrire_parquet(tmp_path / "a.parquet", 6))  # C0 C0 C1 | C1 C2 C2
    chemin = _groupes(tmp_path / "p.parquet", table, [3, 0, 3])
    partitions = partitionner([chemin], lignes_par_partition=1)
    assert partitions == (Partition(nature="parquet", chemin=chemin, groupes=(0, 1, 2)),)
    (pret,) = [p for p in partitions[0].prets() if p.numero == "C0000001"]
    assert len(pret.lignes) == 2
    historique = scenario("historique")
    assert projeter_fichiers([chemin], historique, lignes_par_partition=1).rendre("csv") == (
        projeter_fichiers([chemin], historique, lignes_par_partition=1000).rendre("csv")
    )


def test_groupes_vides_au_debut_et_entre_deux_contrats(tmp_path: Path) -> None:
    """Un groupe vide ne coupe ni ne réunit : au début, il rejoint la première partition ; entre
    deux contrats, la coupe reste possible juste après lui."""
    table = pq.read_table(ecrire_parquet(tmp_path / "a.parquet", 6))  # C0 C0 | C1 C1 | C2 C2
    chemin = _groupes(tmp_path / "p.parquet", table, [0, 2, 0, 2, 2])
    assert partitionner([chemin], lignes_par_partition=2) == (
        Partition(nature="parquet", chemin=chemin, groupes=(0, 1, 2)),
        Partition(nature="parquet", chemin=chemin, groupes=(3,)),
        Partition(nature="parquet", chemin=chemin, groupes=(4,)),
    )


def test_bornes_lues_dans_la_colonne_numero_ou_qu_elle_soit(tmp_path: Path) -> None:
    """``numero`` en dernière colonne : un contrat qui chevauche deux groupes les réunit (la
    première colonne, l'identifiant de la ligne, change à chaque ligne)."""
    table = pq.read_table(ecrire_parquet(tmp_path / "a.parquet", 6))
    noms = [*table.column_names[1:], "numero"]
    assert noms[0] == "identifiant"
    chemin = _groupes(tmp_path / "p.parquet", table.select(noms), [3, 3])  # C0 C0 C1 | C1 C2 C2
    assert partitionner([chemin], lignes_par_partition=1) == (
        Partition(nature="parquet", chemin=chemin, groupes=(0, 1)),
    )


def test_lignes_sans_numero_a_cheval_sur_deux_groupes(tmp_path: Path) -> None:
    """Les lignes sans numéro forment un même prêt : à cheval sur deux groupes, elles les
    réunissent comme un contrat."""
    table = pa.table(
        {"numero": pa.array(["A", None, None, None, "B"], pa.string()), "montant": ["1"] * 5}
    )
    chemin = _groupes(tmp_path / "p.parquet", table, [2, 2, 1])  # A « » | « » « » | B
    assert partitionner([chemin], lignes_par_partition=1) == (
        Partition(nature="parquet", chemin=chemin, groupes=(0, 1)),
        Partition(nature="parquet", chemin=chemin, groupes=(2,)),
    )


def test_compte_repart_de_zero_apres_une_coupe(tmp_path: Path) -> None:
    table = pa.table({"numero": ["A", "B", "C", "D", "E"], "montant": ["1"] * 5})
    chemin = _groupes(tmp_path / "p.parquet", table, [1, 1, 1, 1, 1])
    assert partitionner([chemin], lignes_par_partition=2) == (
        Partition(nature="parquet", chemin=chemin, groupes=(0, 1)),
        Partition(nature="parquet", chemin=chemin, groupes=(2, 3)),
        Partition(nature="parquet", chemin=chemin, groupes=(4,)),
    )


def test_colonne_inconnue_nomme_le_fichier(tmp_path: Path) -> None:
    chemin = tmp_path / "c.parquet"
    pq.write_table(pa.table({"numro": ["A"]}), chemin)
    with pytest.raises(ErreurDossier) as erreur:
        partitionner([chemin], lignes_par_partition=2)
    assert erreur.value.message.startswith("colonne inconnue ; vouliez-vous dire « numero »")
    assert erreur.value.fichier == str(chemin)
