"""Un portefeuille lu de fichiers, découpé en partitions que chaque tâche lit elle-même.

Le client ne lit que ce qu'il faut pour placer les bornes ; il n'envoie aux travailleurs que des
chemins et des bornes (:class:`Partition`), jamais des prêts :

* un répertoire de dossiers TOML : des groupes de fichiers (dans l'ordre des noms) ;
* un tableau CSV : des plages d'octets, coupées entre deux enregistrements (jamais dans une
  cellule entre guillemets) et **entre deux contrats** : les lignes d'un même ``numero``
  consécutives restent dans la même partition, puisqu'elles forment un même prêt ;
* un tableau Parquet (lu par pyarrow) : des groupes de lignes (*row groups*) consécutifs, réunis
  quand un contrat chevauche deux groupes ; colonnes texte, entières, décimales ou dates —
  une colonne en virgule flottante est refusée (un montant doit être exact) ;
* un classeur XLSX : une seule partition (un classeur tient au plus 1 048 576 lignes ; pour des
  centaines de milliers de lignes, préférer CSV ou Parquet) ;
* un dossier TOML seul, un exemple livré : une partition chacun.

Une partition CSV ou Parquet est lue en colonnes (:mod:`collectivites.prets._colonnaire` :
pyarrow quand il est là, chaque texte distinct converti une fois), avec exactement la
validation et les messages de la lecture ligne à ligne, à laquelle elle revient au moindre
écart.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import stat
from collections.abc import Iterator, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs

from collectivites.chargement import EXTENSIONS_CLASSEUR, LigneCsv, lire_csv
from collectivites.erreurs import ErreurDossier, ErreurEntree, ErreurValeur
from collectivites.prets import _colonnaire
from collectivites.prets._modeles import Pret

__all__ = ["Partition", "partitionner"]

#: Dossiers TOML par partition : on compte cinq lignes par dossier.
_LIGNES_PAR_DOSSIER = 5
#: Lire les tableaux en colonnes (:mod:`collectivites.prets._colonnaire`) ; faux : ligne à ligne
#: (les tests comparent les deux lectures).
COLONNAIRE = True


@attrs.frozen(kw_only=True)
class Partition:
    """Une partie d'un portefeuille à lire : ``nature`` (``dossiers``, ``exemples``, ``csv``,
    ``classeur``, ``parquet``), le fichier (ou les fichiers, les exemples), et pour un CSV la
    plage d'octets ``[debut, fin)`` avec l'en-tête et le numéro de la première ligne, pour un
    Parquet les groupes de lignes."""

    nature: str
    chemin: str = ""
    fichiers: tuple[str, ...] = ()
    debut: int = 0
    fin: int = 0
    entete: bytes = b""
    ligne: int = 0
    groupes: tuple[int, ...] = ()

    @property
    def en_tableau(self) -> bool:
        """Une partie d'un tableau (ses contrats sont identifiés par leur numéro)."""
        return self.nature in ("csv", "classeur", "parquet")

    def prets(self) -> tuple[Pret, ...]:
        """Les prêts de la partition (lus par le travailleur)."""
        from collectivites.prets._dossier import charger_pret, exemple_pret
        from collectivites.prets._tableur import lire_portefeuille, prets_des_lignes

        if self.nature == "dossiers":
            return tuple(charger_pret(f) for f in self.fichiers)
        if self.nature == "exemples":
            return tuple(exemple_pret(nom) for nom in self.fichiers)
        if self.nature == "classeur":
            return lire_portefeuille(self.chemin)
        lignes = self._lignes_csv() if self.nature == "csv" else self._lignes_parquet()
        return prets_des_lignes(lignes, self.chemin)

    def _lignes_csv(self) -> Any:
        from collectivites.prets._tableur import lignes_des_cellules

        with open(self.chemin, "rb") as fichier:
            fichier.seek(self.debut)
            octets = self.entete + fichier.read(self.fin - self.debut)
        texte = _decoder(octets, self.chemin)
        if COLONNAIRE:  # pyarrow, en colonnes (voir collectivites.prets._colonnaire)
            lues = _colonnaire.cellules_csv(octets)
            if lues is not None:
                en_colonnes = _colonnaire.lignes_en_colonnes(*lues, self.chemin)
                if en_colonnes is not None:
                    return en_colonnes
        decalage = 0 if not self.entete else self.ligne - 1 - self.entete.count(b"\n")
        entetes, lignes = lire_csv(texte, fichier=self.chemin, decalage=decalage)
        if COLONNAIRE:  # le lecteur CSV de la bibliothèque, puis la conversion en colonnes
            colonnes = _colonnaire.cellules_lignes(entetes, lignes)
            en_colonnes = _colonnaire.lignes_en_colonnes(entetes, colonnes, self.chemin)
            if en_colonnes is not None:
                return en_colonnes
        return lignes_des_cellules(entetes, lignes, self.chemin)

    def _lignes_parquet(self) -> Any:
        from collectivites.prets._tableur import lignes_des_cellules

        fichier = _parquet(self.chemin)
        entetes = list(fichier.schema_arrow.names)
        table = fichier.read_row_groups(list(self.groupes))
        if COLONNAIRE:
            colonnes = _colonnaire.cellules_parquet(
                table, lambda v: _cellule(v, "", 0, self.chemin)
            )
            if colonnes is not None:
                en_colonnes = _colonnaire.lignes_en_colonnes(entetes, colonnes, self.chemin)
                if en_colonnes is not None:
                    return en_colonnes
        premiere = sum(fichier.metadata.row_group(g).num_rows for g in range(self.groupes[0]))
        lignes = []
        for rang, enregistrement in enumerate(table.to_pylist(), start=premiere + 1):
            cellules = {c: _cellule(v, c, rang, self.chemin) for c, v in enregistrement.items()}
            ligne = LigneCsv(cellules)
            ligne.numero = rang
            lignes.append(ligne)
        return lignes_des_cellules(entetes, lignes, self.chemin)


def _decoder(octets: bytes, chemin: str) -> str:
    try:
        return octets.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ErreurEntree(
            "texte non UTF-8", fichier=chemin, attendu="un fichier texte UTF-8 (« CSV UTF-8 »)"
        ) from None


def _cellule(valeur: object, colonne: str, rang: int, chemin: str) -> str:
    """Une valeur Parquet en texte de cellule (comme dans un CSV)."""
    if valeur is None:
        return ""
    if isinstance(valeur, bool):
        return "oui" if valeur else "non"
    if isinstance(valeur, str | int | Decimal):
        return str(valeur)
    if isinstance(valeur, dt.date) and not isinstance(valeur, dt.datetime):
        return valeur.isoformat()
    if isinstance(valeur, float):
        raise ErreurDossier(
            "valeur en virgule flottante : un montant ou un taux doit être exact",
            fichier=chemin,
            ligne=rang,
            cle=colonne,
            valeur=valeur,
            attendu="une colonne texte, décimale (decimal128) ou entière",
        )
    raise ErreurDossier(
        "type de colonne refusé",
        fichier=chemin,
        ligne=rang,
        cle=colonne,
        valeur=type(valeur).__name__,
        attendu="texte, entier, décimal ou date",
    )


def _parquet(chemin: str) -> Any:
    try:
        import pyarrow.parquet as pq
    except ImportError:
        raise ErreurEntree(
            "lire un tableau Parquet demande pyarrow",
            fichier=chemin,
            attendu="l'extra dask (pip install '.[dask]' depuis le dépôt, ou pip install pyarrow)",
        ) from None
    try:
        return pq.ParquetFile(chemin)
    except (OSError, ValueError) as exc:
        raise ErreurEntree(
            f"fichier Parquet illisible ({type(exc).__name__})", fichier=chemin
        ) from None


def _fichier_ordinaire(chemin: Path) -> None:
    try:
        mode = chemin.stat().st_mode
    except OSError as exc:
        from collectivites._systeme import raison_systeme  # errno → français

        raise ErreurEntree(
            f"fichier illisible ({raison_systeme(exc)})", fichier=str(chemin)
        ) from None
    if not stat.S_ISREG(mode):
        raise ErreurEntree(
            "ce n'est pas un fichier ordinaire", fichier=str(chemin), attendu="un fichier"
        )


def _entete_csv(enregistrement: bytes, chemin: str) -> tuple[int | None, str]:
    """Rang de la colonne ``numero`` dans l'en-tête (``None`` si elle manque) et séparateur."""
    texte = _decoder(enregistrement, chemin).strip()
    separateur = ";" if texte.count(";") > texte.count(",") else ","
    try:
        cellules = next(csv.reader([texte], delimiter=separateur), [])
    except csv.Error:  # la lecture de la partition refusera l'en-tête en français
        cellules = []
    colonnes = [c.strip() for c in cellules]
    return (colonnes.index("numero") if "numero" in colonnes else None), separateur


def _numero(enregistrement: bytes, rang: int | None, separateur: str, chemin: str) -> str:
    """Le numéro de contrat d'un enregistrement CSV (vide sans colonne ``numero``)."""
    if rang is None:
        return ""
    texte = _decoder(enregistrement, chemin)
    try:
        cellules = next(csv.reader(io.StringIO(texte), delimiter=separateur), [])
    except csv.Error:  # cellule démesurée, caractère nul : la lecture de la partition le dira
        return ""
    return cellules[rang].strip() if rang < len(cellules) else ""


def _enregistrements(fichier: Any) -> Iterator[tuple[int, int, bytes]]:
    """(octet de début, numéro de première ligne, octets) de chaque enregistrement CSV : une
    fin de ligne entre guillemets (nombre impair de ``"`` depuis le début de l'enregistrement)
    ne termine pas l'enregistrement."""
    position, numero = 0, 1
    morceaux: list[bytes] = []
    debut, premiere, guillemets = 0, 1, 0
    for ligne in iter(fichier.readline, b""):
        if not morceaux:
            debut, premiere, guillemets = position, numero, 0
        morceaux.append(ligne)
        guillemets += ligne.count(b'"')
        position += len(ligne)
        numero += 1
        if guillemets % 2 == 0:
            yield debut, premiere, b"".join(morceaux)
            morceaux = []
    if morceaux:
        yield debut, premiere, b"".join(morceaux)


def _vide_ou_commentaire(enregistrement: bytes) -> bool:
    """Un enregistrement que :func:`~collectivites.chargement.lire_csv` ignore."""
    texte = enregistrement.strip()
    return not texte.strip(b",; \t") or texte.startswith(b"#")


class _Decoupe:
    """Découpe d'un CSV en cours : la partition commencée et le dernier numéro lu."""

    def __init__(self, chemin: str, lignes_par_partition: int) -> None:
        self.chemin, self.taille = chemin, lignes_par_partition
        self.partitions: list[Partition] = []
        self.entete = b""
        self.rang: int | None = None
        self.separateur = ","
        self.debut, self.premiere, self.compte = 0, 1, 0
        self.dernier = ""

    def numero(self, enregistrement: bytes) -> str:
        return _numero(enregistrement, self.rang, self.separateur, self.chemin)

    def ajouter(self, position: int, numero_ligne: int, enregistrement: bytes) -> None:
        if not self.entete:
            if not _vide_ou_commentaire(enregistrement):
                self.entete = enregistrement.rstrip(b"\r\n") + b"\n"
                self.rang, self.separateur = _entete_csv(enregistrement, self.chemin)
            return
        if _vide_ou_commentaire(enregistrement):
            return
        if self.compte >= self.taille and self.numero(enregistrement) != self.dernier:
            self.couper(position)
            self.debut, self.premiere, self.compte = position, numero_ligne, 0
        self.compte += 1
        if self.compte >= self.taille:  # la coupe suivante compare à ce numéro
            self.dernier = self.numero(enregistrement)

    def couper(self, fin: int) -> None:
        self.partitions.append(
            _partition_csv(
                self.chemin, self.debut, fin, self.entete, self.premiere, self.partitions
            )
        )


def _partitions_csv(chemin: str, lignes_par_partition: int) -> list[Partition]:
    """Plages d'octets de ``lignes_par_partition`` lignes de prêt environ, coupées entre deux
    contrats (deux numéros différents)."""
    decoupe = _Decoupe(chemin, lignes_par_partition)
    with open(chemin, "rb") as fichier:
        for position, numero_ligne, enregistrement in _enregistrements(fichier):
            decoupe.ajouter(position, numero_ligne, enregistrement)
        decoupe.couper(fichier.tell())
    return decoupe.partitions


def _partition_csv(  # noqa: PLR0917 - fonction privée, une plage et son contexte
    chemin: str, debut: int, fin: int, entete: bytes, premiere: int, avant: list[Partition]
) -> Partition:
    # La première partition lit le fichier depuis son début (commentaires et en-tête compris).
    if not avant:
        return Partition(nature="csv", chemin=chemin, debut=0, fin=fin, ligne=1)
    return Partition(
        nature="csv", chemin=chemin, debut=debut, fin=fin, entete=entete, ligne=premiere
    )


def _bornes_parquet(fichier: Any, groupe: int) -> tuple[str, str]:
    """Premier et dernier numéro de contrat d'un groupe de lignes non vide (vides sans
    colonne)."""
    if "numero" not in fichier.schema_arrow.names:
        return "", ""
    colonne = fichier.read_row_group(groupe, columns=["numero"]).column(0)
    premier, dernier = colonne[0].as_py(), colonne[len(colonne) - 1].as_py()
    return ("" if premier is None else str(premier)), ("" if dernier is None else str(dernier))


def _partitions_parquet(chemin: str, lignes_par_partition: int) -> list[Partition]:
    """Des groupes de lignes consécutifs d'environ ``lignes_par_partition`` lignes ; un contrat
    qui chevauche deux groupes les réunit. Un groupe vide (un écrivain en laisse quand il écrit
    un lot vide) ne sépare rien : il rejoint la partition en cours, et le groupe suivant est
    comparé au dernier groupe non vide."""
    from collectivites.prets._tableur import verifier_colonnes

    fichier = _parquet(chemin)
    verifier_colonnes(list(fichier.schema_arrow.names), chemin)
    nombre = fichier.metadata.num_row_groups
    if nombre == 0 or fichier.metadata.num_rows == 0:
        raise ErreurDossier("aucune ligne de prêt dans le tableau", fichier=chemin)
    partitions: list[Partition] = []
    groupes: list[int] = []
    compte = 0
    dernier = ""  # dernier numéro du dernier groupe non vide
    for groupe in range(nombre):
        lignes = fichier.metadata.row_group(groupe).num_rows
        if not lignes:
            groupes.append(groupe)
            continue
        premier, fin = _bornes_parquet(fichier, groupe)
        if compte >= lignes_par_partition and premier != dernier:
            partitions.append(Partition(nature="parquet", chemin=chemin, groupes=tuple(groupes)))
            groupes, compte = [], 0
        groupes.append(groupe)
        compte += lignes
        dernier = fin
    partitions.append(Partition(nature="parquet", chemin=chemin, groupes=tuple(groupes)))
    return partitions


def _partitions_de(source: str, lignes_par_partition: int) -> list[Partition]:
    chemin = Path(source)
    suffixe = chemin.suffix.lower()
    if chemin.is_dir():
        fichiers = sorted(str(f) for f in chemin.glob("*.toml"))
        if not fichiers:
            raise ErreurValeur("aucun dossier .toml dans ce répertoire", valeur=source)
        taille = max(1, lignes_par_partition // _LIGNES_PAR_DOSSIER)
        return [
            Partition(nature="dossiers", fichiers=tuple(fichiers[i : i + taille]))
            for i in range(0, len(fichiers), taille)
        ]
    if suffixe == ".csv":
        _fichier_ordinaire(chemin)
        return _partitions_csv(source, lignes_par_partition)
    if suffixe == ".parquet":
        _fichier_ordinaire(chemin)
        return _partitions_parquet(source, lignes_par_partition)
    if suffixe in EXTENSIONS_CLASSEUR:
        return [Partition(nature="classeur", chemin=source)]
    return [Partition(nature="dossiers", fichiers=(source,))]


def partitionner(
    sources: Sequence[str | Path], *, lignes_par_partition: int, exemples: Sequence[str] = ()
) -> tuple[Partition, ...]:
    """Les partitions d'un portefeuille (exemples livrés d'abord, puis les sources dans l'ordre
    donné). Ce qui ne peut être lu est refusé avant toute tâche."""
    partitions = [Partition(nature="exemples", fichiers=(nom,)) for nom in exemples]
    for source in sources:
        partitions.extend(_partitions_de(str(source), lignes_par_partition))
    if not partitions:
        raise ErreurValeur("aucun prêt", attendu="des dossiers, un répertoire ou un exemple")
    return tuple(partitions)
