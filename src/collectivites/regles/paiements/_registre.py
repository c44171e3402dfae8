"""Un registre de mandats (CSV ou classeur XLSX) : intérêts moratoires et indemnité de chaque
ligne, totaux, les dix plus longs retards, la part de l'ordonnateur et celle du comptable.

Le calcul par lot suit les règles de :func:`calculer_retard_paiement` sur des ordinaux de dates
et des entiers (aucun objet par ligne) : cent mille mandats se calculent en une à deux secondes.
Le calcul unitaire, avec son explication, est l'oracle des tests du lot.

Colonnes : ``numero``, ``montant``, ``date_mise_en_paiement``, ``date_reception`` (ou
``date_demande``, augmentée de deux jours : R2192-14) ; facultatives : ``fournisseur``,
``date_service_fait``, ``interruption_debut``, ``interruption_fin``, ``date_reception_mandat``.
Séparateur virgule ou point-virgule, virgule décimale et espaces des milliers acceptés, dates
``AAAA-MM-JJ`` ou ``JJ/MM/AAAA``. Chaque refus nomme le fichier, la ligne et la colonne.
"""

from __future__ import annotations

import csv
import datetime as dt
import difflib
import io
import re
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import attrs

from collectivites._moteur import CONTEXTE_CALCUL, moteur, somme
from collectivites.chargement import lire_csv, lire_texte_tableur
from collectivites.chargement._fichiers import _cellule, _separateur
from collectivites.dates import lire_date
from collectivites.donnees import SerieDatee, serie_livree
from collectivites.erreurs import ErreurCollectivites, ErreurDossier, ErreurType, ErreurValeur
from collectivites.monnaie import CENTIME, en_decimal
from collectivites.presentation import Presentable
from collectivites.regles.paiements._calcul import SERIE_BCE, debut_du_semestre
from collectivites.regles.paiements._modeles import (
    INDEMNITE_FORFAITAIRE,
    JOURS_ANNEE,
    JOURS_PRESOMPTION,
    MAJORATION,
    NOUVEAU_DELAI_INTERRUPTION,
    CategorieAcheteur,
)

__all__ = ["MandatLu", "ResultatRegistre", "calculer_registre", "lire_registre"]

OBLIGATOIRES = ("numero", "montant", "date_mise_en_paiement")
FACULTATIVES = (
    "fournisseur",
    "date_reception",
    "date_demande",
    "date_service_fait",
    "interruption_debut",
    "interruption_fin",
    "date_reception_mandat",
)
_MONTANT_MAX = Decimal("1e12")
#: Un montant sans autre ornement que des espaces : lu sans détour (le cas de 100 000 lignes).
_MONTANT_SIMPLE = re.compile(r"-?[0-9]{1,13}(?:[.,][0-9]{1,2})?", re.ASCII)
_ANNEE_MIN, _ANNEE_MAX = 1900, 2199

#: Un mandat lu : (ligne du fichier, numéro, fournisseur, montant, réception, service fait,
#: début et fin d'interruption, mise en paiement, réception de l'ordre de payer) — dates en
#: ordinaux (``date.toordinal()``), ``0`` pour une date absente.
MandatLu = tuple[int, str, str, Decimal, int, int, int, int, int, int]


@attrs.frozen(kw_only=True)
class ResultatRegistre(Presentable):
    """Les lignes calculées (colonnes de :data:`COLONNES_REGISTRE`), totaux et synthèses."""

    lignes: tuple[tuple[Any, ...], ...]
    plus_longs: tuple[tuple[Any, ...], ...]
    parts: tuple[tuple[str, int, Decimal], ...]
    total_montant: Decimal
    total_interets: Decimal
    total_indemnites: Decimal
    delai_moyen: Decimal | None
    nombre_en_retard: int
    hypotheses: tuple[str, ...] = ()

    @property
    def nombre(self) -> int:
        return len(self.lignes)

    @property
    def total_du(self) -> Decimal:
        return CONTEXTE_CALCUL.add(self.total_interets, self.total_indemnites)


# --- lecture ----------------------------------------------------------------------------------


class _Lecteur:
    """Les cellules d'un fichier lues avec des caches (dates et montants se répètent)."""

    def __init__(self, fichier: str) -> None:
        self.fichier = fichier
        self.dates: dict[str, int] = {"": 0}

    def refus(self, exc: ErreurCollectivites, ligne: int, cle: str) -> ErreurDossier:
        return ErreurDossier(
            exc.message,
            fichier=self.fichier,
            ligne=ligne,
            cle=cle,
            valeur=exc.valeur,
            attendu=exc.attendu,
        )

    def date(self, texte: str, ligne: int, cle: str) -> int:
        trouve = self.dates.get(texte)
        if trouve is not None:
            return trouve
        try:
            jour = lire_date(texte)
            if not _ANNEE_MIN <= jour.year <= _ANNEE_MAX:
                raise ErreurValeur(
                    "date hors du calendrier couvert",
                    valeur=texte,
                    attendu=f"une date des années {_ANNEE_MIN} à {_ANNEE_MAX}",
                )
        except ErreurCollectivites as exc:
            raise self.refus(exc, ligne, cle) from None
        ordinal = self.dates[texte] = jour.toordinal()
        return ordinal

    def montant(self, texte: str, ligne: int) -> Decimal:
        try:
            simple = texte.replace(" ", "").replace("\u202f", "").replace("\xa0", "")
            if _MONTANT_SIMPLE.fullmatch(simple):
                nombre = Decimal(simple.replace(",", "."))
            else:
                nombre = en_decimal(texte)
            if nombre != nombre.quantize(CENTIME, context=CONTEXTE_CALCUL):
                raise ErreurValeur(
                    "un montant s'exprime au centime", valeur=texte, attendu="au plus 2 décimales"
                )
            if not Decimal(0) < nombre <= _MONTANT_MAX:
                raise ErreurValeur(
                    "montant hors des bornes",
                    valeur=texte,
                    attendu="un montant > 0 et d'au plus 1 000 000 000 000 €",
                )
        except ErreurCollectivites as exc:
            raise self.refus(exc, ligne, "montant") from None
        return nombre


def _verifier_colonnes(entetes: list[str], fichier: str, ligne: int) -> None:
    connues = (*OBLIGATOIRES, *FACULTATIVES)
    for entete in entetes:
        if entete not in connues:
            proches = difflib.get_close_matches(entete, connues)  # la plus proche d'abord
            suggestion = f" ; vouliez-vous dire « {proches[0]} » ?" if proches else ""
            raise ErreurDossier(
                f"colonne inconnue{suggestion}",
                fichier=fichier,
                ligne=ligne,
                valeur=entete,
                attendu=", ".join(connues),
            )
    if "date_reception" not in entetes and "date_demande" not in entetes:
        raise ErreurDossier(
            "colonne absente : date_reception (ou date_demande)",
            fichier=fichier,
            ligne=ligne,
            attendu="la date de réception de chaque demande de paiement",
        )


def _cellules(texte: str, fichier: str) -> tuple[int, list[str], list[tuple[int, list[str]]]]:
    """Ligne des en-têtes, en-têtes et lignes (numéro dans le fichier, cellules) : les règles de
    :func:`~collectivites.chargement.lire_csv` (séparateur, lignes ``#`` et vides ignorées mais
    comptées, apostrophe d'un texte neutralisé), sans un dictionnaire par ligne ; un fichier
    qu'elle refuserait (CSV mal formé, cellules en trop) lui est rendu pour un refus identique."""
    texte = texte.removeprefix("\ufeff")
    brutes = texte.splitlines()
    rang = next(
        (k for k, x in enumerate(brutes) if x.strip() and not x.lstrip().startswith("#")),
        len(brutes),
    )
    # Les lignes jusqu'aux en-têtes : un refus des en-têtes porte leur numéro dans le fichier ;
    # un fichier sans en-têtes est refusé ici (« fichier CSV vide »).
    entetes, _ = lire_csv("\n".join(brutes[: rang + 1]), fichier=fichier, colonnes=OBLIGATOIRES)
    propre = "\n".join("" if x.lstrip().startswith("#") else x for x in brutes)
    lecteur = csv.reader(io.StringIO(propre), delimiter=_separateur(brutes[rang]))
    largeur = len(entetes)
    lignes: list[tuple[int, list[str]]] = []
    vue_entete = False
    try:
        for cellules in lecteur:
            brut = "".join(cellules)
            if not brut.strip():
                continue
            if not vue_entete:
                vue_entete = True
                continue
            if len(cellules) > largeur:
                raise csv.Error
            propres = [c.strip() for c in cellules]
            if "'" in brut:
                propres = [_cellule(c) for c in propres]
            propres.extend([""] * (largeur - len(propres)))
            lignes.append((lecteur.line_num, propres))
    except csv.Error:
        lire_csv(texte, fichier=fichier)  # le refus situé du lecteur commun
        raise  # pragma: no cover - lire_csv refuse ce que le lecteur rapide refuse
    return rang + 1, entetes, lignes


@moteur
def lire_registre(chemin: str | Path, *, feuille: str | None = None) -> tuple[MandatLu, ...]:
    """Les mandats d'un registre CSV ou XLSX, vérifiés cellule par cellule (voir le module) ; un
    numéro de mandat en double est refusé avec ses deux lignes."""
    fichier = str(chemin)
    ligne_entetes, entetes, lignes = _cellules(lire_texte_tableur(chemin, feuille=feuille), fichier)
    _verifier_colonnes(entetes, fichier, ligne_entetes)
    rang = {c: entetes.index(c) if c in entetes else -1 for c in (*OBLIGATOIRES, *FACULTATIVES)}
    colonnes_dates = (
        "date_reception",
        "date_demande",
        "date_service_fait",
        "interruption_debut",
        "interruption_fin",
        "date_mise_en_paiement",
        "date_reception_mandat",
    )
    rangs_dates = [(rang[c], c) for c in colonnes_dates]
    lecteur = _Lecteur(fichier)
    cache = lecteur.dates
    vus: dict[str, int] = {}
    mandats: list[MandatLu] = []
    for n, cellules in lignes:
        cellules.append("")  # rang -1 : colonne absente, cellule vide
        dates: list[Any] = [cache.get(cellules[i]) for i, _ in rangs_dates]
        if None in dates:
            dates = [lecteur.date(cellules[i], n, c) for i, c in rangs_dates]
        reception, demande, service, i_debut, i_fin, paiement, mandat = dates
        numero = cellules[rang["numero"]]
        if not numero or numero in vus:
            raise _numero_refuse(numero, vus, n, fichier)
        vus[numero] = n
        if not paiement:
            raise ErreurDossier(
                "date de mise en paiement absente",
                fichier=fichier,
                ligne=n,
                cle="date_mise_en_paiement",
            )
        mandats.append(
            (
                n,
                numero,
                cellules[rang["fournisseur"]],
                lecteur.montant(cellules[rang["montant"]], n),
                reception or _presumee(demande, n, fichier),
                service,
                i_debut,
                i_fin,
                paiement,
                mandat,
            )
        )
    return tuple(mandats)


def _numero_refuse(numero: str, vus: dict[str, int], ligne: int, fichier: str) -> ErreurDossier:
    if not numero:
        return ErreurDossier("numéro de mandat absent", fichier=fichier, ligne=ligne, cle="numero")
    return ErreurDossier(
        f"numéro de mandat en double (déjà ligne {vus[numero]})",
        fichier=fichier,
        ligne=ligne,
        cle="numero",
        valeur=numero,
    )


def _presumee(demande: int, ligne: int, fichier: str) -> int:
    """La réception présumée : la date de la demande augmentée de deux jours (R2192-14)."""
    if not demande:
        raise ErreurDossier(
            "date de réception absente",
            fichier=fichier,
            ligne=ligne,
            cle="date_reception",
            attendu="la date de réception, ou la date de la demande (date_demande)",
        )
    return demande + JOURS_PRESOMPTION


# --- calcul ------------------------------------------------------------------------------------


def _refus(  # noqa: PLR0917 - fonction privée : un refus situé, toujours complet
    ligne: int, fichier: str | None, cle: str, message: str, valeur: int, attendu: str
) -> ErreurDossier:
    return ErreurDossier(
        message,
        fichier=fichier,
        ligne=ligne,
        cle=cle,
        valeur=dt.date.fromordinal(valeur),
        attendu=attendu,
    )


def _jour(ordinal: int) -> str:
    return f"{dt.date.fromordinal(ordinal):%d/%m/%Y}"


def _fin_du_delai(m: MandatLu, delai: int, fichier: str | None) -> tuple[int, int]:
    """(départ, dernier jour du délai) d'un mandat, interruption comprise ; refuse les dates
    incohérentes comme le calcul unitaire."""
    ligne, _, _, _, reception, service, i_debut, i_fin, paiement, mandat = m
    depart = max(reception, service)  # service fait absent : 0
    if paiement < reception:
        raise _refus(
            ligne,
            fichier,
            "date_mise_en_paiement",
            "mise en paiement avant la réception de la demande",
            paiement,
            f"une date à partir du {_jour(reception)}",
        )
    if paiement < depart:
        raise _refus(
            ligne,
            fichier,
            "date_mise_en_paiement",
            "mise en paiement avant l'exécution des prestations",
            paiement,
            f"une date à partir du {_jour(depart)}",
        )
    fin = depart + delai
    if bool(i_debut) != bool(i_fin):
        cle = "interruption_fin" if i_debut else "interruption_debut"
        raise ErreurDossier(
            "une interruption a un début et une fin",
            fichier=fichier,
            ligne=ligne,
            cle=cle,
            attendu="les deux dates, ou aucune",
        )
    if i_debut:
        if not depart <= i_debut <= fin:
            raise _refus(
                ligne,
                fichier,
                "interruption_debut",
                "l'interruption doit être notifiée pendant le délai de paiement",
                i_debut,
                f"une date du {_jour(depart)} au {_jour(fin)} (R2192-27, R2192-29)",
            )
        if i_fin < i_debut:
            raise _refus(
                ligne,
                fichier,
                "interruption_fin",
                "l'interruption finit avant d'avoir commencé",
                i_fin,
                f"une date à partir du {_jour(i_debut)}",
            )
        if paiement < i_fin:
            raise _refus(
                ligne,
                fichier,
                "date_mise_en_paiement",
                "mise en paiement avant la fin de l'interruption",
                paiement,
                f"une date à partir du {_jour(i_fin)}",
            )
        fin = i_fin + max(NOUVEAU_DELAI_INTERRUPTION, fin - i_debut)
    if mandat and not reception <= mandat <= paiement:
        raise _refus(
            ligne,
            fichier,
            "date_reception_mandat",
            "réception de l'ordre de payer hors de la période de paiement",
            mandat,
            f"une date du {_jour(reception)} au {_jour(paiement)}",
        )
    return depart, fin


@moteur
def calculer_registre(
    mandats: Any,
    *,
    categorie: CategorieAcheteur = CategorieAcheteur.COLLECTIVITE,
    serie: SerieDatee | None = None,
    fichier: str | None = None,
) -> ResultatRegistre:
    """Intérêts moratoires (R2192-31), indemnité forfaitaire (D2192-35) et partage entre
    ordonnateur et comptable (décret n° 2013-269, art. 12 et 13) de chaque mandat lu par
    :func:`lire_registre` (des :data:`MandatLu`, non revérifiés un à un), mêmes règles et
    mêmes arrondis que :func:`calculer_retard_paiement`."""
    if not isinstance(mandats, list | tuple):
        raise ErreurType(
            "type refusé", cle="mandats", valeur=mandats, attendu="les mandats de lire_registre"
        )
    source = serie if serie is not None else serie_livree(SERIE_BCE)
    delai, delai_comptable = categorie.delai_jours, categorie.delai_comptable
    taux_du_semestre: dict[int, Decimal] = {}
    semestres: set[int] = set()
    lignes: list[tuple[Any, ...]] = []
    jours_annee = Decimal(JOURS_ANNEE)
    zero = Decimal("0.00")
    for m in mandats:
        ligne, numero, fournisseur, montant, _, _, _, _, paiement, mandat = m
        depart, fin = _fin_du_delai(m, delai, fichier)
        retard = max(0, paiement - fin)
        taux = None
        interets = indemnite = zero
        if retard:
            semestre = debut_du_semestre(dt.date.fromordinal(fin + 1)).toordinal()
            taux = taux_du_semestre.get(semestre)
            if taux is None:
                jour = dt.date.fromordinal(semestre)
                taux = taux_du_semestre[semestre] = source.valeur_au(jour) + MAJORATION
                semestres.add(semestre)
            interets = (montant * taux * retard / jours_annee).quantize(
                CENTIME, rounding=ROUND_HALF_UP
            )
            indemnite = INDEMNITE_FORFAITAIRE
        jours_c = interets_c = None
        if delai_comptable is not None and mandat:
            jours_c = min(retard, max(0, paiement - (mandat + delai_comptable)))
            interets_c = (
                (interets * jours_c / retard).quantize(CENTIME, rounding=ROUND_HALF_UP)
                if retard
                else zero
            )
        lignes.append(
            (
                ligne,
                numero,
                fournisseur,
                montant,
                dt.date.fromordinal(depart),
                dt.date.fromordinal(fin),
                dt.date.fromordinal(paiement),
                retard,
                taux,
                interets,
                indemnite,
                None if jours_c is None else retard - jours_c,
                jours_c,
                interets_c,
            )
        )
    return _synthese(lignes, source, semestres)


def _synthese(
    lignes: list[tuple[Any, ...]], source: SerieDatee, semestres: set[int]
) -> ResultatRegistre:
    total_interets = somme(x[9] for x in lignes)
    en_retard = [x for x in lignes if x[7]]
    plus_longs = sorted(en_retard, key=lambda x: (-x[7], x[0]))[:10]
    reparties = [x for x in en_retard if x[12] is not None]
    jours_c = sum(x[12] for x in reparties)
    interets_c = somme(x[13] for x in reparties)
    jours_o = sum(x[11] for x in reparties)
    interets_o = somme(x[9] for x in reparties) - interets_c
    parts: list[tuple[str, int, Decimal]] = [
        ("ordonnateur", jours_o, interets_o),
        ("comptable", jours_c, interets_c),
    ]
    non_reparties = [x for x in en_retard if x[12] is None]
    if non_reparties:
        parts.append(
            (
                "non réparti (réception de l'ordre de payer inconnue)",
                sum(x[7] for x in non_reparties),
                somme(x[9] for x in non_reparties),
            )
        )
    delai_moyen = None
    if lignes:
        total = sum((x[6] - x[4]).days for x in lignes)
        delai_moyen = (Decimal(total) / Decimal(len(lignes))).quantize(
            Decimal("0.1"), rounding=ROUND_HALF_UP
        )
    notes: list[str] = []
    if semestres:
        notes.extend(source.avertissements(dt.date.fromordinal(max(semestres))))
    return ResultatRegistre(
        lignes=tuple(lignes),
        plus_longs=tuple(plus_longs),
        parts=tuple(parts),
        total_montant=somme(x[3] for x in lignes),
        total_interets=total_interets,
        total_indemnites=somme(x[10] for x in lignes),
        delai_moyen=delai_moyen,
        nombre_en_retard=len(en_retard),
        hypotheses=tuple(notes),
    )
