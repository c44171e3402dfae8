"""Lecture en colonnes d'un portefeuille en tableau (une partition CSV ou Parquet) : le même
résultat que la lecture ligne à ligne (:mod:`collectivites.prets._tableur`), plusieurs fois plus
vite.

Les cellules d'un portefeuille se répètent (index, périodicité, profil, taux, marges, dates,
garants…) : chaque texte **distinct** d'une colonne est converti une seule fois, par les mêmes
fonctions que la lecture ligne à ligne (``Type.depuis_cellule`` puis ``Type.lire`` de chaque clé
de :data:`~collectivites.prets._dossier.LIGNE`), et chaque ligne est ensuite construite par la
même fabrique (:func:`~collectivites.prets._dossier.ligne_depuis_valeurs`, avec toutes ses
vérifications). Les cellules viennent de pyarrow (``pyarrow.csv``, ``pyarrow.parquet``) quand il
est installé et que le texte est régulier, sinon du lecteur CSV de la bibliothèque.

**Les erreurs sont celles de la lecture ligne à ligne, mot pour mot** : au moindre écart —
cellule refusée, clé obligatoire absente, texte que pyarrow et le module ``csv`` pourraient
découper différemment (commentaire ``#``, guillemet au milieu d'une cellule, fin de ligne dans
une cellule, caractère nul, séparateur de ligne Unicode) —, la lecture en colonnes renonce
(``None``) et la partition est relue ligne à ligne, qui nomme le fichier, la ligne et la colonne
de la première erreur. La lecture en colonnes n'accepte donc jamais ce que la lecture ligne à
ligne refuserait, et ne rédige jamais un message elle-même.
"""

from __future__ import annotations

import csv
import importlib
import io
import re
from collections.abc import Callable, Sequence
from typing import Any

from collectivites._moteur import moteur
from collectivites.chargement import LigneCsv
from collectivites.chargement._fichiers import _cellule as cellule_csv
from collectivites.chargement._schema import _Lieu
from collectivites.prets._dossier import LIGNE, PREFINANCEMENT
from collectivites.prets._modeles import LigneDePret

__all__ = ["cellules_csv", "cellules_lignes", "cellules_parquet", "lignes_en_colonnes"]

#: Des colonnes de cellules (colonne → une cellule par ligne ; ``None`` : cellule absente).
Colonnes = dict[str, list[Any]]

_PAR_NOM = {c.nom: c for c in LIGNE.cles}
_PREFI = {f"prefinancement_{c.nom}": c for c in PREFINANCEMENT.cles}
_LIEU = _Lieu(None, "")
#: Ce qui fait renoncer à pyarrow pour un CSV : commentaire, caractère nul, séparateurs de ligne
#: que ``str.splitlines`` (employé par le lecteur de la bibliothèque) reconnaît et pas pyarrow.
_IRREGULIERS = (b"#", b"\x00", b"\x0b", b"\x0c", b"\x1c", b"\x1d", b"\x1e", b"\xc2\x85")
_IRREGULIERS_UNICODE = re.compile(b"\xe2\x80[\xa8\xa9]")


class _Renonce(Exception):
    """La lecture en colonnes renonce : la partition sera relue ligne à ligne."""


def _vide(cellule: Any) -> bool:
    return cellule is None or not cellule.strip()


def _convertisseur(colonne: str) -> Callable[[str], Any]:
    """La conversion d'une cellule non vide de ``colonne`` : celle de ``_donnees`` puis de
    ``_lire`` dans la lecture ligne à ligne."""
    if colonne == "numero":
        return str.strip
    if colonne == "garants":
        from collectivites.prets._tableur import _garants

        type_garants = _PAR_NOM["garants"].type
        return lambda cellule: type_garants.lire(_garants(cellule), _LIEU)
    cle = _PAR_NOM[colonne]
    return lambda cellule: cle.type.lire(cle.type.depuis_cellule(cellule), _LIEU)


def _convertir(colonne: str, cellules: list[Any]) -> list[Any]:
    """Chaque cellule convertie (``_ABSENTE`` si vide), chaque texte distinct une fois."""
    convertir = _convertisseur(colonne)
    memoire: dict[Any, Any] = {}
    for cellule in set(cellules):
        memoire[cellule] = _ABSENTE if _vide(cellule) else convertir(cellule)
    return [memoire[c] for c in cellules]


_ABSENTE = object()


def _prefinancements(colonnes: Colonnes, nombre: int) -> list[Any]:
    """La sous-table ``prefinancement`` de chaque ligne (``_ABSENTE`` sans cellule)."""
    presentes = [c for c in colonnes if c in _PREFI]
    if not presentes:
        return [_ABSENTE] * nombre
    type_table = _PAR_NOM["prefinancement"].type
    memoire: dict[tuple[Any, ...], Any] = {}
    resultat = []
    for triplet in zip(*(colonnes[c] for c in presentes), strict=True):
        valeur = memoire.get(triplet, memoire)
        if valeur is memoire:
            table = {
                _PREFI[c].nom: _PREFI[c].type.depuis_cellule(x)
                for c, x in zip(presentes, triplet, strict=True)
                if not _vide(x)
            }
            valeur = memoire[triplet] = type_table.lire(table, _LIEU) if table else _ABSENTE
        resultat.append(valeur)
    return resultat


def _construire(colonnes: Colonnes, nombre: int) -> list[tuple[str, LigneDePret]]:
    simples = {c: _convertir(c, v) for c, v in colonnes.items() if c not in _PREFI}
    simples["prefinancement"] = _prefinancements(colonnes, nombre)
    numeros = simples.pop("numero", [_ABSENTE] * nombre)
    defauts = {c.nom: c.defaut for c in LIGNE.cles}
    obligatoires = [c.nom for c in LIGNE.cles if c.obligatoire]
    fabrique = LIGNE.fabrique
    noms = list(simples)
    resultat = []
    for rang, valeurs_ligne in enumerate(zip(*simples.values(), strict=True)):
        valeurs = dict(defauts)
        for nom, valeur in zip(noms, valeurs_ligne, strict=True):
            if valeur is not _ABSENTE:
                valeurs[nom] = valeur
        if any(valeurs[nom] is defauts[nom] for nom in obligatoires):
            raise _Renonce  # clé obligatoire absente : le message est celui de la lecture ligne
        numero = numeros[rang]
        resultat.append(("" if numero is _ABSENTE else numero, fabrique(valeurs)))
    return resultat


def _lignes_non_vides(colonnes: Colonnes, nombre: int) -> Colonnes:
    """Sans les lignes dont toutes les cellules sont blanches (le lecteur CSV les ignore)."""
    if not colonnes or any(not any(map(_vide, set(v))) for v in colonnes.values()):
        return colonnes  # une colonne sans cellule blanche : aucune ligne blanche
    gardees = [i for i in range(nombre) if not all(_vide(v[i]) for v in colonnes.values())]
    return {c: [v[i] for i in gardees] for c, v in colonnes.items()}


@moteur
def lignes_en_colonnes(
    entetes: Any, colonnes: Any, chemin: str
) -> list[tuple[str, LigneDePret]] | None:
    """(numéro, ligne) de chaque ligne d'un tableau donné en colonnes de cellules, comme
    :func:`~collectivites.prets._tableur.lignes_des_cellules` ; ``None`` si la lecture en
    colonnes renonce (la lecture ligne à ligne dira pourquoi)."""
    from collectivites.erreurs import ErreurCollectivites
    from collectivites.prets._tableur import COLONNES_PORTEFEUILLE

    del chemin  # les messages sont ceux de la lecture ligne à ligne
    nombre = len(next(iter(colonnes.values()), ()))
    if not nombre or len(set(entetes)) != len(entetes):
        return None
    if any(e not in COLONNES_PORTEFEUILLE for e in entetes):
        return None
    try:
        return _construire(colonnes, nombre)
    except (_Renonce, ErreurCollectivites, ArithmeticError, ValueError, TypeError, KeyError):
        return None


def cellules_lignes(entetes: Sequence[str], lignes: Sequence[LigneCsv]) -> Colonnes:
    """Les colonnes de lignes lues par :func:`~collectivites.chargement.lire_csv`."""
    return {e: [ligne.get(e) for ligne in lignes] for e in entetes}


def _separateur(entete: str) -> str:
    return ";" if entete.count(";") > entete.count(",") else ","


def _regulier(octets: bytes, separateur: str) -> bool:
    """Un texte que pyarrow et le module ``csv`` découpent pareillement : chaque guillemet
    ouvre une cellule juste après un séparateur ou une fin de ligne, ou la ferme juste avant."""
    if any(x in octets for x in _IRREGULIERS) or _IRREGULIERS_UNICODE.search(octets):
        return False
    if octets.count(b'"') % 2:
        return False
    bord = re.escape(separateur.encode()) + b'\r\n"'
    return re.search(b"[^" + bord + b']"[^' + bord + b"]", octets) is None


def _arrow_csv() -> Any | None:
    try:
        return importlib.import_module("pyarrow.csv")
    except ImportError:
        return None


def cellules_csv(octets: bytes) -> tuple[list[str], Colonnes] | None:
    """En-têtes et colonnes d'un CSV (en-tête en première ligne) lu par pyarrow ; ``None`` sans
    pyarrow ou si le texte n'est pas assez régulier pour que les deux lecteurs s'accordent."""
    arrow_csv = _arrow_csv()
    if arrow_csv is None:
        return None
    try:
        texte = octets.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None
    premiere, _fin, corps = texte.partition("\n")
    premiere = premiere.removesuffix("\r")
    separateur = _separateur(premiere)
    if not premiere.strip() or '"' in premiere or "\r" in premiere:
        return None  # en-tête sur plusieurs lignes, ou précédé d'une ligne blanche
    if not _regulier(octets, separateur):
        return None
    entetes = [c.strip() for c in next(csv.reader([premiere], delimiter=separateur))]
    if len(set(entetes)) != len(entetes):
        return None
    pyarrow: Any = importlib.import_module("pyarrow")
    try:
        table = arrow_csv.read_csv(
            io.BytesIO(corps.encode()),
            read_options=arrow_csv.ReadOptions(column_names=entetes, use_threads=False),
            parse_options=arrow_csv.ParseOptions(
                delimiter=separateur, newlines_in_values=True, ignore_empty_lines=True
            ),
            convert_options=arrow_csv.ConvertOptions(
                column_types=dict.fromkeys(entetes, pyarrow.string()),
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
        )
    except (pyarrow.ArrowInvalid, pyarrow.ArrowException):
        return None
    colonnes: Colonnes = {}
    limite = csv.field_size_limit()
    for entete in entetes:
        brutes = table.column(entete).to_pylist()
        normales = {c: cellule_csv(c) for c in set(brutes)}
        if any("\n" in c or "\r" in c or len(c) > limite for c in normales):
            # fin de ligne dans une cellule (le lecteur CSV les normalise) ; cellule plus
            # longue que ce que le module csv accepte (il la refuse)
            return None
        colonnes[entete] = [normales[c] for c in brutes]
    return entetes, _lignes_non_vides(colonnes, table.num_rows)


def cellules_parquet(table: Any, cellule: Callable[[Any], str]) -> Colonnes | None:
    """Les colonnes d'une table pyarrow lue d'un Parquet, chaque valeur mise en texte par
    ``cellule`` (``None`` : une valeur refusée, que la lecture ligne à ligne nommera)."""
    from collectivites.erreurs import ErreurCollectivites

    colonnes: Colonnes = {}
    try:
        for nom in table.column_names:
            colonnes[nom] = [cellule(v) for v in table.column(nom).to_pylist()]
    except ErreurCollectivites:  # une valeur refusée : la lecture ligne à ligne la nommera
        return None
    return colonnes
