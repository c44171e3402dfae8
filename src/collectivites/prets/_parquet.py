"""Convertir une fois un portefeuille CSV en Parquet aligné sur les contrats
(``collectivites pret partitionner``).

Le CSV est lu partition par partition (:func:`~collectivites.prets._partitions.partitionner`,
coupes entre deux contrats) et **validé** comme pour une projection (mêmes erreurs, qui nomment
la ligne et la colonne) ; chaque partition devient un groupe de lignes (*row group*) du Parquet :
un groupe ne coupe donc jamais un contrat, et une projection du Parquet lit ses partitions sans
refaire le découpage du texte. Les cellules sont écrites comme texte (après la lecture CSV :
sans espaces autour ni apostrophe de formule) : le Parquet se relit exactement comme le CSV,
montants et taux compris, jamais en virgule flottante.

Le fichier est écrit à côté de sa destination puis renommé : une conversion interrompue ne
laisse pas de Parquet à moitié écrit.
"""

from __future__ import annotations

import contextlib
import importlib
import os
import tempfile
from pathlib import Path
from typing import Any

import attrs

from collectivites._moteur import moteur
from collectivites.chargement import lire_csv
from collectivites.erreurs import ErreurCollectivites, ErreurEntree, ErreurSortie, ErreurValeur
from collectivites.prets import _colonnaire
from collectivites.prets._cles import EnsembleCles, reunir
from collectivites.prets._partitions import Partition, _decoder, _fichier_ordinaire, partitionner

__all__ = ["Conversion", "convertir_en_parquet"]


@attrs.frozen
class Conversion:
    """Ce qu'une conversion a écrit : lignes de prêt, contrats, groupes de lignes."""

    sortie: str
    lignes: int
    contrats: int
    groupes: int

    def resume(self) -> str:
        return (
            f"{self.sortie} : {self.lignes} lignes de prêt, {self.contrats} contrats, "
            f"{self.groupes} groupes de lignes (aucun ne coupe un contrat)\n"
        )


def _pyarrow(chemin: str) -> tuple[Any, Any]:
    try:
        return importlib.import_module("pyarrow"), importlib.import_module("pyarrow.parquet")
    except ImportError:
        raise ErreurEntree(
            "écrire un tableau Parquet demande pyarrow",
            fichier=chemin,
            attendu="l'extra dask (pip install '.[dask]' depuis le dépôt, ou pip install pyarrow)",
        ) from None


def _verifier_chemins(entree: str, sortie: str, remplacer: bool) -> None:
    if Path(entree).suffix.lower() != ".csv":
        raise ErreurValeur(
            "extension du portefeuille à convertir", valeur=entree, attendu="un fichier .csv"
        )
    if Path(sortie).suffix.lower() != ".parquet":
        raise ErreurValeur(
            "extension du fichier à écrire", valeur=sortie, attendu="un fichier .parquet"
        )
    _fichier_ordinaire(Path(entree))
    cible = Path(sortie)
    if cible.is_dir():
        raise ErreurSortie(
            "c'est un répertoire, pas un fichier", fichier=sortie, attendu="un chemin de fichier"
        )
    if cible.exists() or cible.is_symlink():
        meme = False
        with contextlib.suppress(OSError):
            meme = os.path.samefile(entree, sortie)
        if meme:
            raise ErreurSortie("la sortie écraserait le portefeuille à convertir", fichier=sortie)
        if not remplacer:
            raise ErreurSortie(
                "le fichier existe déjà", fichier=sortie, attendu="--remplacer pour l'écraser"
            )
    repertoire = cible.parent
    if repertoire.exists() and not repertoire.is_dir():
        raise ErreurSortie(f"« {repertoire} » n'est pas un répertoire", fichier=sortie)
    if not repertoire.is_dir():
        raise ErreurSortie(f"le répertoire « {repertoire} » n'existe pas", fichier=sortie)


def _cellules(partition: Partition) -> tuple[list[str], dict[str, list[Any]]]:
    """Les cellules d'une partition déjà validée (pyarrow, sinon le lecteur CSV)."""
    with open(partition.chemin, "rb") as fichier:
        fichier.seek(partition.debut)
        octets = partition.entete + fichier.read(partition.fin - partition.debut)
    lues = _colonnaire.cellules_csv(octets)
    if lues is not None:
        return lues
    entetes, lignes = lire_csv(_decoder(octets, partition.chemin), fichier=partition.chemin)
    return entetes, _colonnaire.cellules_lignes(entetes, lignes)


def _table(pyarrow: Any, entetes: list[str], colonnes: dict[str, list[Any]]) -> Any:
    return pyarrow.table(
        {e: pyarrow.array([c or None for c in colonnes[e]], pyarrow.string()) for e in entetes}
    )


def _ecrire(
    temporaire: str, entree: str, partitions: tuple[Partition, ...], modules: tuple[Any, Any]
) -> Conversion:
    pyarrow, parquet = modules
    ecrivain: Any = None
    lignes = 0
    contrats: list[EnsembleCles] = []
    try:
        for partition in partitions:
            prets = partition.prets()  # la validation de la lecture (mêmes erreurs)
            entetes, colonnes = _cellules(partition)
            table = _table(pyarrow, entetes, colonnes)
            if ecrivain is None:
                ecrivain = parquet.ParquetWriter(temporaire, table.schema)
            elif table.schema != ecrivain.schema:
                raise ErreurValeur("colonnes différentes d'une partition à l'autre", valeur=entree)
            ecrivain.write_table(table, row_group_size=max(1, table.num_rows))
            lignes += sum(len(p.lignes) for p in prets)
            contrats.append(EnsembleCles.de(p.numero for p in prets))
    finally:
        if ecrivain is not None:
            ecrivain.close()
    tous, commun = reunir(contrats)
    if commun is not None:
        raise ErreurValeur(
            "les lignes de ce contrat sont dispersées dans le tableau : il serait lu comme deux "
            "prêts",
            fichier=entree,
            cle="numero",
            valeur=commun,
            attendu="les lignes d'un même contrat regroupées (tableau trié par numéro)",
        )
    return Conversion(sortie="", lignes=lignes, contrats=len(tous), groupes=len(partitions))


def _droits(cible: str) -> int:
    """Les droits du fichier écrit : ceux du fichier remplacé, sinon lecture pour tous
    (``mkstemp`` crée un fichier que seul son auteur peut lire)."""
    try:
        return os.stat(cible).st_mode & 0o7777
    except OSError:
        return 0o644


@moteur
def convertir_en_parquet(
    entree: str | Path,
    sortie: str | Path,
    *,
    lignes_par_partition: int = 20_000,
    remplacer: bool = False,
) -> Conversion:
    """Convertit le portefeuille CSV ``entree`` en Parquet ``sortie`` : un groupe de lignes par
    partition d'environ ``lignes_par_partition`` lignes, coupé entre deux contrats ; chaque
    ligne validée comme par :func:`~collectivites.prets.projeter_fichiers`. Une sortie qui
    existe déjà est refusée, sauf ``remplacer``."""
    entree, sortie = str(entree), str(sortie)
    if not 1 <= lignes_par_partition <= 10_000_000:
        raise ErreurValeur(
            "taille de partition hors des bornes",
            cle="lignes_par_partition",
            valeur=lignes_par_partition,
            attendu="de 1 à 10 000 000 lignes",
        )
    _verifier_chemins(entree, sortie, remplacer)
    modules = _pyarrow(sortie)
    partitions = partitionner([entree], lignes_par_partition=lignes_par_partition)
    cible = os.path.realpath(sortie)
    repertoire, nom = os.path.split(cible)
    try:
        descripteur, temporaire = tempfile.mkstemp(prefix=f".{nom[:32]}.", dir=repertoire)
    except OSError as exc:
        from collectivites._systeme import raison_systeme  # errno → français

        raise ErreurSortie(f"écriture impossible ({raison_systeme(exc)})", fichier=sortie) from None
    os.close(descripteur)
    try:
        conversion = _ecrire(temporaire, entree, partitions, modules)
        os.chmod(temporaire, _droits(cible))
        os.replace(temporaire, cible)
    except ErreurCollectivites:
        raise
    except OSError as exc:
        from collectivites._systeme import raison_systeme  # errno → français

        raise ErreurSortie(f"écriture impossible ({raison_systeme(exc)})", fichier=sortie) from None
    finally:
        with contextlib.suppress(OSError):
            os.unlink(temporaire)
    return attrs.evolve(conversion, sortie=sortie)
