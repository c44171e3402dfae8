"""``collectivites pret partitionner`` : un CSV converti une fois en Parquet aligné sur les
contrats (un groupe de lignes ne coupe jamais un contrat), qui se projette à l'octet près comme
le CSV ; une sortie existante n'est écrasée qu'avec ``--remplacer``."""

from __future__ import annotations

import datetime as dt
import itertools
import os
from pathlib import Path

import pytest

from collectivites.cli import main
from collectivites.erreurs import ErreurDossier, ErreurSortie
from collectivites.prets import scenario
from collectivites.prets._parquet import convertir_en_parquet
from collectivites.prets._partitions import partitionner
from collectivites.prets._repartition import projeter_fichiers_scenarios
from tests.synthetique import ecrire_csv

pq = pytest.importorskip("pyarrow.parquet")

SCENARIOS = (scenario("historique"), scenario("livret_a+1 %", depuis=dt.date(2027, 1, 1)))


def _projections(chemin: Path, taille: int) -> list[bytes]:
    return [
        p.rendre("csv").encode()
        for p in projeter_fichiers_scenarios(
            [chemin], SCENARIOS, par="garant", lignes_par_partition=taille
        )
    ]


def test_groupes_alignes_sur_les_contrats_et_memes_octets(tmp_path: Path) -> None:
    entree = ecrire_csv(tmp_path / "p.csv", 41)  # un contrat sur deux lignes, un de plus
    sortie = tmp_path / "p.parquet"
    conversion = convertir_en_parquet(entree, sortie, lignes_par_partition=7)
    assert (conversion.lignes, conversion.contrats) == (41, 21)
    fichier = pq.ParquetFile(sortie)
    groupes = [fichier.read_row_group(g).column("numero").to_pylist() for g in range(6)]
    assert fichier.metadata.num_row_groups == conversion.groupes == 6
    assert [len(g) for g in groupes] == [8, 8, 8, 8, 8, 1]
    for avant, apres in itertools.pairwise(groupes):
        assert avant[-1] != apres[0]  # jamais un contrat coupé entre deux groupes
    assert {str(t) for t in fichier.schema_arrow.types} == {"string"}  # jamais un flottant
    assert _projections(sortie, 7) == _projections(entree, 7) == _projections(entree, 1000)
    # relu par groupes : les partitions du Parquet sont ses groupes
    assert len(partitionner([sortie], lignes_par_partition=8)) == 6
    assert os.stat(sortie).st_mode & 0o777 == 0o644


def test_cellules_ecrites_comme_lues(tmp_path: Path) -> None:
    """Espaces autour, apostrophe de formule, lignes blanches et commentaires : le Parquet garde
    ce que la lecture CSV a compris, pas le texte brut."""
    entree = ecrire_csv(tmp_path / "p.csv", 6)
    texte = entree.read_text(encoding="utf-8").replace("bailleur 1,", "'=bailleur 1,")
    texte = "# provenance\n" + texte.replace("\r\n", "\r\n ,, \r\n", 1)
    entree.write_text(texte.replace(",50,", ",  50  ,"), encoding="utf-8", newline="")
    sortie = tmp_path / "p.parquet"
    convertir_en_parquet(entree, sortie)
    table = pq.read_table(sortie)
    assert "=bailleur 1" in table.column("emprunteur").to_pylist()
    assert table.num_rows == 6
    assert _projections(sortie, 100) == _projections(entree, 100)


def test_sortie_existante_gardee_sans_remplacer(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    entree = ecrire_csv(tmp_path / "p.csv", 4)
    sortie = tmp_path / "p.parquet"
    sortie.write_text("ancien", encoding="utf-8")
    argv = ["pret", "partitionner", str(entree), str(sortie)]
    assert main(argv) == 2
    assert "le fichier existe déjà" in capsys.readouterr().err
    assert sortie.read_text(encoding="utf-8") == "ancien"
    assert main([*argv, "--remplacer"]) == 0
    sortie_standard = capsys.readouterr().out
    assert "4 lignes de prêt, 2 contrats, 1 groupes de lignes" in sortie_standard
    assert pq.ParquetFile(sortie).metadata.num_rows == 4


def test_une_erreur_ne_laisse_ni_sortie_ni_fichier_temporaire(tmp_path: Path) -> None:
    entree = ecrire_csv(tmp_path / "p.csv", 30)
    texte = entree.read_text(encoding="utf-8").splitlines(keepends=True)
    texte[25] = texte[25].replace(",20,", ",0,").replace(",25,", ",0,").replace(",30,", ",0,")
    texte[25] = texte[25].replace(",40,", ",0,").replace(",50,", ",0,")
    entree.write_text("".join(texte), encoding="utf-8")
    with pytest.raises(ErreurDossier, match=r"ligne 26, clé « duree »"):
        convertir_en_parquet(entree, tmp_path / "p.parquet", lignes_par_partition=4)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p.csv"]


def test_la_sortie_ne_peut_pas_etre_l_entree(tmp_path: Path) -> None:
    entree = ecrire_csv(tmp_path / "p.csv", 4)
    lien = tmp_path / "p.parquet"
    lien.symlink_to(entree)
    with pytest.raises(ErreurSortie, match="écraserait le portefeuille"):
        convertir_en_parquet(entree, lien, remplacer=True)
    assert entree.read_text(encoding="utf-8").startswith("numero,")
