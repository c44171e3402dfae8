"""Partitions d'un tableau CSV (``collectivites.prets._partitions``), ce que les tests du
découpage ne voyaient pas (tests de mutation) : une erreur de la première partition nommée à
son rang dans le fichier, par la lecture en colonnes comme par le lecteur CSV ; une ligne non
UTF-8 que le découpage n'a pas lue, refusée à la lecture de la partition avec son fichier ; une
erreur du lecteur CSV (ligne trop longue) avec son fichier ; un en-tête non UTF-8 avec son
fichier."""

from __future__ import annotations

from pathlib import Path

import pytest

from collectivites.erreurs import ErreurDossier, ErreurEntree
from collectivites.prets import _partitions
from collectivites.prets._partitions import partitionner
from tests.synthetique import COLONNES, lignes


@pytest.mark.parametrize("colonnaire", [True, False])
def test_erreur_de_la_premiere_partition_a_son_rang(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, colonnaire: bool
) -> None:
    monkeypatch.setattr(_partitions, "COLONNAIRE", colonnaire)
    rangs = list(lignes(4))
    rangs[1]["duree"] = "abc"
    texte = ",".join(COLONNES) + "\n"
    for rang in rangs:
        texte += ",".join(f'"{rang[c]}"' for c in COLONNES) + "\n"
    chemin = tmp_path / "p.csv"
    chemin.write_text(texte, encoding="utf-8")
    partitions = partitionner([chemin], lignes_par_partition=2)
    assert [p.ligne for p in partitions] == [1, 4]
    with pytest.raises(ErreurDossier) as erreur:
        partitions[0].prets()
    # en-tête 1, lignes de prêt 2 et 3 (fautive)
    assert (erreur.value.ligne, erreur.value.cle, erreur.value.fichier) == (3, "duree", str(chemin))


def test_ligne_non_utf8_lue_par_la_partition(tmp_path: Path) -> None:
    """Le découpage ne lit le numéro d'une ligne que pour placer une coupe : la ligne non UTF-8
    au milieu de la partition est refusée quand la partition est lue, avec son fichier."""
    chemin = tmp_path / "p.csv"
    chemin.write_bytes(b"numero,x\nA,1\nA,\xe9\nB,2\n")
    (partition,) = partitionner([chemin], lignes_par_partition=5)
    with pytest.raises(ErreurEntree) as erreur:
        partition.prets()
    assert erreur.value.message == "texte non UTF-8"
    assert erreur.value.fichier == str(chemin)


@pytest.mark.parametrize("colonnaire", [True, False])
def test_ligne_trop_longue_nommee_avec_son_fichier(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, colonnaire: bool
) -> None:
    """Une erreur du lecteur CSV lui-même (plus de cellules que de colonnes) dans une partition :
    son fichier et sa ligne."""
    monkeypatch.setattr(_partitions, "COLONNAIRE", colonnaire)
    chemin = tmp_path / "p.csv"
    chemin.write_bytes(b"numero,x\nA,1\nA,2,3\nB,4\n")
    (partition,) = partitionner([chemin], lignes_par_partition=5)
    with pytest.raises(ErreurDossier) as erreur:
        partition.prets()
    assert erreur.value.message == "3 cellules pour 2 colonnes"
    assert (erreur.value.ligne, erreur.value.fichier) == (3, str(chemin))


def test_en_tete_non_utf8_nomme_son_fichier(tmp_path: Path) -> None:
    chemin = tmp_path / "p.csv"
    chemin.write_bytes(b"num\xe9ro,x\nA,1\n")
    with pytest.raises(ErreurEntree) as erreur:
        partitionner([chemin], lignes_par_partition=1)
    assert erreur.value.message == "texte non UTF-8"
    assert erreur.value.fichier == str(chemin)
