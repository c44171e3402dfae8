"""Un portefeuille de prêts donné comme un seul tableau (CSV ou XLSX), une ligne par ligne de
prêt, et le modèle vide de ce tableau.

Les colonnes portent les noms des clés d'une ligne du dossier TOML (``montant``, ``duree``,
``periodicite``, ``taux_interet``…), plus ``numero`` (le numéro du contrat : les lignes de même
numéro forment un prêt), ``garants`` écrit ``Département de la Lozère:25 %;Commune de
Barjac:75 %`` et le préfinancement en trois colonnes (``prefinancement_duree_mois``,
``prefinancement_taux``, ``prefinancement_reglement``). Une cellule vide : la clé est absente
(sa valeur par défaut s'applique). Les erreurs nomment le fichier, la ligne et la colonne.
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
from collections.abc import Iterable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

from collectivites._moteur import moteur
from collectivites.chargement import (
    EXTENSIONS_CLASSEUR,
    Cle,
    LigneCsv,
    lire,
    lire_csv,
    lire_exemple,
    lire_texte_tableur,
)
from collectivites.erreurs import ErreurCollectivites, ErreurDossier, ErreurEntree, ErreurValeur
from collectivites.prets._dossier import CLES_LIGNE, LIGNE, PREFINANCEMENT, charger_pret
from collectivites.prets._modeles import LigneDePret, Pret
from collectivites.tables import Document, Genre, Table, colonnes

__all__ = [
    "COLONNES_PORTEFEUILLE",
    "charger_pret_ou_portefeuille",
    "lire_portefeuille",
    "modele_portefeuille",
]

_SIMPLES = tuple(c for c in CLES_LIGNE if c.nom not in ("versements", "garants"))
_PAR_NOM = {c.nom: c for c in _SIMPLES}
_PREFI = {f"prefinancement_{c.nom}": c for c in PREFINANCEMENT.cles}
#: Les colonnes d'un portefeuille en tableur, dans l'ordre du modèle.
COLONNES_PORTEFEUILLE: tuple[str, ...] = (
    "numero",
    *(c.nom for c in _SIMPLES),
    "garants",
    *_PREFI,
)


def _garants(texte: str) -> list[dict[str, str]]:
    """« Département de la Lozère:25 %;Commune de Barjac:75 % »."""
    garants = []
    for morceau in texte.split(";"):
        if not morceau.strip():
            continue
        nom, deux_points, quotite = morceau.rpartition(":")
        if not deux_points or not nom.strip():
            raise ErreurValeur(
                "garant illisible",
                cle="garants",
                valeur=morceau.strip(),
                attendu="« Nom:25 % » séparés par « ; »",
            )
        garants.append({"nom": nom.strip(), "quotite": quotite.strip()})
    return garants


def _donnees(ligne: LigneCsv) -> tuple[str, dict[str, Any]]:
    donnees: dict[str, Any] = {}
    prefinancement: dict[str, Any] = {}
    numero = ""
    for colonne, cellule in ligne.items():
        if cellule is None or not cellule.strip():
            continue
        if colonne == "numero":
            numero = cellule.strip()
        elif colonne == "garants":
            donnees["garants"] = _garants(cellule)
        elif colonne in _PREFI:
            cle: Cle = _PREFI[colonne]
            prefinancement[cle.nom] = cle.type.depuis_cellule(cellule)
        else:
            donnees[colonne] = _PAR_NOM[colonne].type.depuis_cellule(cellule)
    if prefinancement:
        donnees["prefinancement"] = prefinancement
    return numero, donnees


def verifier_colonnes(entetes: list[str], fichier: str) -> None:
    """Refuse une colonne inconnue (en suggérant la plus proche)."""
    for entete in entetes:
        if entete not in COLONNES_PORTEFEUILLE:
            proches = difflib.get_close_matches(entete, COLONNES_PORTEFEUILLE, n=1)
            suggestion = f" ; vouliez-vous dire « {proches[0]} » ?" if proches else ""
            raise ErreurDossier(
                f"colonne inconnue{suggestion}",
                fichier=fichier,
                ligne=1,
                valeur=entete,
                attendu="les colonnes du modèle (collectivites pret modele-portefeuille)",
            )


def lignes_du_tableau(
    texte: str, chemin: str, *, decalage: int = 0
) -> Iterator[tuple[str, LigneDePret]]:
    """(numéro, ligne) de chaque ligne d'un portefeuille en tableau, donné comme texte CSV."""
    entetes, lignes = lire_csv(texte, fichier=chemin, decalage=decalage)
    return lignes_des_cellules(entetes, lignes, chemin)


def lignes_des_cellules(
    entetes: list[str], lignes: list[LigneCsv], chemin: str
) -> Iterator[tuple[str, LigneDePret]]:
    """(numéro, ligne) de chaque ligne d'un portefeuille en tableau, donné comme cellules."""
    verifier_colonnes(entetes, chemin)
    if not lignes:
        raise ErreurDossier("aucune ligne de prêt dans le tableau", fichier=chemin)
    return _lire_lignes(lignes, chemin)


def _lire_lignes(lignes: list[LigneCsv], chemin: str) -> Iterator[tuple[str, LigneDePret]]:
    for ligne in lignes:
        try:
            numero, donnees = _donnees(ligne)
            yield numero, lire(LIGNE, donnees)
        except ErreurCollectivites as exc:
            raise ErreurDossier(
                exc.message,
                fichier=chemin,
                ligne=ligne.numero,
                cle=exc.cle,
                valeur=exc.valeur,
                attendu=exc.attendu,
            ) from None


@moteur
def lire_portefeuille(chemin: str | Path) -> tuple[Pret, ...]:
    """Les prêts d'un portefeuille en tableau (CSV ou XLSX) : une ligne par ligne de prêt, les
    lignes de même ``numero`` formant un prêt (dans l'ordre du tableau)."""
    nom = str(chemin)
    return prets_des_lignes(lignes_du_tableau(lire_texte_tableur(nom), nom), nom)


@moteur
def charger_pret_ou_portefeuille(chemin: str | Path) -> Pret:
    """Un prêt depuis son dossier TOML, ou depuis un tableau de portefeuille (CSV, XLSX : le
    modèle de ``collectivites pret modele-portefeuille``) qui ne décrit qu'un prêt. Un tableau
    de plusieurs prêts est refusé avec la commande qui le calcule (``pret portefeuille``)."""
    nom = str(chemin)
    if nom.lower().endswith((".csv", *EXTENSIONS_CLASSEUR)):
        prets = lire_portefeuille(chemin)
        if len(prets) > 1:
            raise ErreurDossier(
                f"le tableau décrit {len(prets)} prêts (numéros "
                f"{', '.join(p.numero or '« »' for p in prets[:5])}"
                f"{'…' if len(prets) > 5 else ''}) ; un portefeuille se calcule avec "
                "« collectivites pret portefeuille FICHIER »",
                fichier=nom,
                attendu="un seul numéro de prêt dans la colonne « numero »",
            )
        return prets[0]
    try:
        return charger_pret(chemin)
    except ErreurEntree as exc:
        if exc.message != "fichier binaire":
            raise
        raise ErreurEntree(
            "fichier binaire ; un classeur (modèle de « collectivites pret "
            "modele-portefeuille ») se lit sous son nom en .xlsx",
            fichier=nom,
            attendu="un dossier TOML, ou un tableau de portefeuille .csv ou .xlsx",
        ) from None


def prets_des_lignes(lignes: Iterable[tuple[str, LigneDePret]], nom: str) -> tuple[Pret, ...]:
    """Les prêts formés des lignes de même numéro (dans l'ordre du tableau)."""
    par_numero: dict[str, list[LigneDePret]] = {}
    for numero, ligne in lignes:
        par_numero.setdefault(numero, []).append(ligne)
    prets = []
    for numero, du_pret in par_numero.items():
        try:
            prets.append(Pret(numero=numero, emprunteur=du_pret[0].emprunteur, lignes=du_pret))
        except ErreurCollectivites as exc:
            raise ErreurDossier(
                f"prêt {numero or 'sans numéro'} : {exc.message}",
                fichier=nom,
                cle="numero",
                valeur=exc.valeur,
            ) from None
    return tuple(prets)


#: La ligne d'exemple du modèle : la ligne 5165325 du contrat 57851, lue dans l'exemple livré
#: (``donnees/exemples/cdc-57851.toml``), avec l'emprunteur et les garants de ce contrat.
_EXEMPLE_PRET, _EXEMPLE_LIGNE = "cdc-57851", "5165325"


def _cellule(valeur: object) -> str:
    """Une valeur du dossier TOML écrite comme dans une cellule du modèle."""
    if isinstance(valeur, dt.date):
        return f"{valeur:%d/%m/%Y}"
    return str(valeur)


@functools.cache
def _exemple() -> dict[str, str]:
    donnees, _fichier = lire_exemple(_EXEMPLE_PRET)
    (ligne,) = (x for x in donnees["lignes"] if x["identifiant"] == _EXEMPLE_LIGNE)
    cellules = {"numero": str(donnees["pret"]["numero"])}
    cellules |= {cle: _cellule(v) for cle, v in ligne.items() if cle in COLONNES_PORTEFEUILLE}
    for cle, valeur in ligne.get("prefinancement", {}).items():
        cellules[f"prefinancement_{cle}"] = _cellule(valeur)
    cellules["garants"] = ";".join(f"{g['nom']}:{g['quotite']}" for g in donnees["garants"])
    return cellules


def _cle(nom: str) -> Cle | None:
    if nom in _PREFI:
        return _PREFI[nom]
    return next((c for c in CLES_LIGNE if c.nom == nom), None)


def _aide(nom: str) -> tuple[str, str, str]:
    if nom == "numero":
        return "numéro du contrat : les lignes de même numéro forment un prêt", "texte", "non"
    cle = _cle(nom)
    assert cle is not None
    if nom == "garants":
        return cle.aide, "« Nom:25 %;Autre nom:75 % »", "non"
    obligatoire = "oui" if cle.obligatoire else "non"
    return cle.aide, cle.type.attendu, obligatoire


@moteur
def modele_portefeuille() -> Document:
    """Le modèle vide d'un portefeuille en tableau : la feuille à remplir (avec une ligne
    d'exemple, la ligne 5165325 du contrat CDC n° 57851 telle que la décrit l'exemple livré
    ``cdc-57851``, emprunteur et garants compris) et la signification de chaque colonne."""
    entetes = COLONNES_PORTEFEUILLE
    feuille = Table(
        cle="portefeuille",
        titre="Portefeuille",
        # le montant est un montant (« 128 189,00 » à l'écran, un nombre dans le classeur)
        colonnes=colonnes(
            *((nom, nom, Genre.MONTANT if nom == "montant" else Genre.TEXTE) for nom in entetes)
        ),
        lignes=(
            tuple(
                Decimal(_exemple()[nom]) if nom == "montant" else _exemple().get(nom, "")
                for nom in entetes
            ),
        ),
    )
    aides = Table(
        cle="colonnes",
        titre="Colonnes",
        colonnes=colonnes(
            ("colonne", "Colonne", Genre.TEXTE),
            ("signification", "Signification", Genre.TEXTE),
            ("valeurs", "Valeurs permises", Genre.TEXTE),
            ("obligatoire", "Obligatoire", Genre.TEXTE),
        ),
        lignes=tuple((nom, *_aide(nom)) for nom in entetes),
    )
    return Document(
        titre="Modèle de portefeuille de prêts",
        tables=(feuille, aides),
        hypotheses=(
            "Une ligne par ligne de prêt ; les lignes de même numéro forment un prêt.",
            "Une cellule vide : la clé est absente, sa valeur par défaut s'applique.",
            "Montants « 128 189,00 » ou « 128189.00 » ; taux « 1,35 % » ; dates JJ/MM/AAAA.",
        ),
    )
