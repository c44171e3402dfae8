"""Prêteurs et index tels que les fichiers les écrivent, ramenés à un code.

Les champs ``LibOrgaPreteur`` et ``IndexTxVariDtVote`` du schéma sont du texte libre : la Caisse
des Dépôts y est « CDC », « CAISSE DES DEPOTS ET CONSIGNAT », « Caisse des dépôts et
consignation »… ; le Livret A « LIVRETA », « Livret A + 1 », « Livret A(Préfixé) + 0.6 »,
« Livret A + (-0.2) ». La lecture garde toujours le texte imprimé à côté du code.

Examples:
    >>> lu = normaliser_index("Livret A(Préfixé) + 0.6")
    >>> lu.code, lu.marge, lu.prefixe
    ('livret_a', Decimal('0.006'), True)
    >>> normaliser_index("Taux fixe à 1.63 %").taux_fixe
    Decimal('0.0163')
    >>> normaliser_preteur("CAISSE DES DEPOTS ET CONSIGNAT")
    ('caisse_des_depots', 'Caisse des Dépôts')
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation
from typing import NamedTuple

from collectivites._moteur import CONTEXTE_CALCUL

__all__ = ["INDEX_CONNUS", "IndexLu", "cle_de_texte", "normaliser_index", "normaliser_preteur"]

_CENT = Decimal(100)


def cle_de_texte(texte: str) -> str:
    """Texte sans accents, en majuscules, espaces et ponctuation réduits à une espace."""
    sans_accents = "".join(
        c for c in unicodedata.normalize("NFKD", texte) if not unicodedata.combining(c)
    )
    return " ".join(re.sub(r"[^0-9A-Za-z]+", " ", sans_accents).upper().split())


#: Prêteurs reconnus : code, libellé, motifs (sur la clé du texte, sans accents, majuscules).
_PRETEURS: tuple[tuple[str, str, str], ...] = (
    ("caisse_des_depots", "Caisse des Dépôts", r"^(CDC|CAISSE (DES )?DEPOTS?( ET CONSIGN\w*)?)\b"),
    ("sfil_caffil", "SFIL / CAFFIL", r"\b(SFIL|CAFFIL|CAISSE FRANCAISE DE FINANCEMENT LOCAL)\b"),
    ("dexia", "Dexia Crédit Local", r"\bDEXIA\b"),
    ("banque_postale", "La Banque Postale", r"\bBANQUE POSTALE\b"),
    ("caisse_epargne", "Caisse d'Épargne", r"^(CE|CAISSE D ?EPARGNE\b.*)$"),
    ("credit_agricole", "Crédit Agricole", r"^CREDIT AGRICOLE\b"),
    ("credit_mutuel", "Crédit Mutuel", r"^CREDIT MUTUEL\b"),
    ("arkea", "Arkéa", r"\bARKEA\b"),
    ("credit_cooperatif", "Crédit Coopératif", r"^CREDIT COOPERATIF\b"),
    ("credit_foncier", "Crédit Foncier", r"^CREDIT FONCIER\b"),
    ("societe_generale", "Société Générale", r"^SOCIETE GENERALE\b"),
    ("agence_france_locale", "Agence France Locale", r"^AGENCE FRANCE LOCALE\b"),
    ("caf", "Caisse d'allocations familiales", r"^(CAF|CAISSE (D )?ALLOCATIONS? FAMILIALES)\b"),
)
_MOTIFS_PRETEURS = tuple((code, lib, re.compile(motif)) for code, lib, motif in _PRETEURS)


def normaliser_preteur(texte: str | None) -> tuple[str, str]:
    """Le code et le libellé d'un prêteur ; un prêteur inconnu garde son texte (clé en
    minuscules comme code) ; un champ absent : ``("", "")``."""
    if not texte or not texte.strip():
        return "", ""
    cle = cle_de_texte(texte)
    for code, libelle, motif in _MOTIFS_PRETEURS:
        if motif.search(cle):
            return code, libelle
    return cle.lower().replace(" ", "_"), " ".join(texte.split())


#: Index reconnus : code → libellé.
INDEX_CONNUS: dict[str, str] = {
    "livret_a": "Livret A",
    "lep": "Livret d'épargne populaire",
    "euribor_1m": "Euribor 1 mois",
    "euribor_3m": "Euribor 3 mois",
    "euribor_6m": "Euribor 6 mois",
    "euribor_12m": "Euribor 12 mois",
    "tam": "TAM",
    "tag_1m": "TAG 1 mois",
    "tag_3m": "TAG 3 mois",
    "t4m": "T4M",
    "eonia": "EONIA",
    "ester": "€STR",
    "inflation_france": "Inflation française",
    "inflation_zone_euro": "Inflation de la zone euro",
    "fixe": "Taux fixe",
    "structure": "Produit structuré",
    "autre": "Autre index",
}

_INDEX_MOTIFS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (code, re.compile(motif))
    for code, motif in (
        ("livret_a", r"^LIVRET ?A\b"),
        ("lep", r"^(LEP|LIVRET D EPARGNE POPULAIRE)\b"),
        ("euribor_1m", r"^EURIBOR ?0?1 ?M(OIS)?\b"),
        ("euribor_3m", r"^EURIBOR ?0?3 ?M(OIS)?\b"),
        ("euribor_6m", r"^EURIBOR ?0?6 ?M(OIS)?\b"),
        ("euribor_12m", r"^EURIBOR ?12 ?M(OIS)?\b"),
        ("tag_1m", r"^TAG ?0?1 ?M"),
        ("tag_3m", r"^TAG ?0?3 ?M"),
        ("tam", r"^TAM\b"),
        ("t4m", r"^T4M\b"),
        ("eonia", r"^EONIA\b"),
        ("ester", r"^(E ?STR|ESTER)\b"),
        ("inflation_france", r"^(INF ?FRXT|INF FHT|INFLATION FRAN)"),
        ("inflation_zone_euro", r"^(HICP|INFLATION (ZONE )?EURO|INF ?EUR)"),
        ("structure", r"^TAUX STRUCTURES?\b"),
    )
)
_FIXE = re.compile(r"^\s*(?:taux\s+)?fixe(?:\s+[àa]\s+([+-]?\d+(?:[.,]\d+)?)\s*%?)?\s*$", re.I)
_MARGE = re.compile(r"\+\s*\(?\s*([+-]?\s*\d+(?:[.,]\d+)?)\s*\)?\s*%?\s*$")
_MOINS = re.compile(r"-\s*(\d+(?:[.,]\d+)?)\s*%?\s*$")


class IndexLu(NamedTuple):
    """Un index lu : ``code`` (voir :data:`INDEX_CONNUS` ; ``""`` si le champ est vide),
    ``marge`` (fraction, ``None`` si le texte n'en donne pas), ``libelle`` (le texte imprimé),
    ``prefixe`` (« Préfixé » écrit), ``taux_fixe`` (fraction, pour « Taux fixe à 1.63 % »)."""

    code: str
    marge: Decimal | None
    libelle: str
    prefixe: bool = False
    taux_fixe: Decimal | None = None


def _pourcentage(texte: str) -> Decimal | None:
    try:
        # le contexte des calculs, pas celui de l'appelant : « + 1,25 » vaut 0,0125 partout
        return CONTEXTE_CALCUL.divide(Decimal(texte.replace(" ", "").replace(",", ".")), _CENT)
    except InvalidOperation:  # pragma: no cover - les motifs ne laissent passer que des nombres
        return None


def _entre_parentheses(texte: str) -> str:
    """Le contenu de la parenthèse ouverte en tête de ``texte``, jusqu'à celle qui la ferme
    (« (Livret A(Préfixé) + 0.6)-Floor… » → « Livret A(Préfixé) + 0.6 ») ; tout le reste si
    elle n'est jamais fermée."""
    profondeur = 0
    for rang, caractere in enumerate(texte):
        profondeur += {"(": 1, ")": -1}.get(caractere, 0)
        if profondeur == 0:
            return texte[1:rang]
    return texte[1:]


def normaliser_index(texte: str | None) -> IndexLu:
    """L'index d'un texte libre (``IndexTxVariDtVote``, ``TxMini``…), avec sa marge."""
    if not texte or not texte.strip():
        return IndexLu("", None, "")
    libelle = " ".join(texte.split())
    fixe = _FIXE.match(libelle)
    if fixe:
        taux = _pourcentage(fixe.group(1)) if fixe.group(1) else None
        return IndexLu("fixe", None, libelle, taux_fixe=taux)
    if libelle.startswith("("):  # « (Livret A + 1)-Floor 0 sur Livret A » : formule à plancher
        lu = normaliser_index(_entre_parentheses(libelle))
        return lu._replace(libelle=libelle)
    cle = cle_de_texte(libelle)
    prefixe = "PREFIXE" in cle
    for code, motif in _INDEX_MOTIFS:
        if motif.search(cle):
            reste = re.sub(r"\(\s*pr[ée]fix[ée]\s*\)", "", libelle, flags=re.I)
            marge = _MARGE.search(reste)
            moins = _MOINS.search(reste) if marge is None else None
            valeur = None
            if marge:
                valeur = _pourcentage(marge.group(1))
            elif moins:
                pourcentage = _pourcentage(moins.group(1))
                # copy_negate : exact, quand « -x » arrondirait au contexte de l'appelant
                valeur = pourcentage.copy_negate() if pourcentage is not None else None
            return IndexLu(code, valeur, libelle, prefixe)
    return IndexLu("autre", None, libelle, prefixe)
