"""Le déroulé d'une projection par lots (:func:`projeter_par_lots`) : sources d'index résolues
dans l'ordre des lignes, lots par source, lignes reprises par le tableau, cases annuelles,
notes et clés dans l'ordre de la partie — comme la projection ligne par ligne."""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

import numpy as np

from collectivites.chargement import cle_unicite
from collectivites.donnees import SerieDatee, SourceIndex
from collectivites.donnees._series import serie_de_source
from collectivites.erreurs import ErreurCollectivites
from collectivites.prets._cles import EnsembleCles
from collectivites.prets._colonnes import en_centimes
from collectivites.prets._lot_agregation import (
    Cases,
    Renoncement,
    contributions_garants,
    series_par_cle,
    series_par_ligne,
)
from collectivites.prets._lot_noyau import Entiers, Escalier, Lot, TableTaux, derouler, escalier
from collectivites.prets._modeles import (
    BaseCalcul,
    LigneDePret,
    ModeCalcul,
    Pret,
    Profil,
    Revision,
)
from collectivites.prets._partielle import Agregation, ProjectionPartielle
from collectivites.prets._scenarios import Scenario
from collectivites.prets._tableau import NOTE_PLANCHER, TableauAmortissement, calculer_tableau

__all__ = ["projeter_par_lots"]

_Source = tuple[SourceIndex | None, SerieDatee | None]


def admissible(ligne: LigneDePret) -> bool:
    """Le lot sait-il calculer cette ligne ? (Les autres passent par le tableau.)"""
    return (
        (ligne.revision is Revision.SR or ligne.revision is Revision.FIXE)
        and not ligne.taux_progressivite
        and ligne.profil is not Profil.AMORTISSEMENT_PRIORITAIRE
        and not ligne.differe_amortissement_mois
        and ligne.prefinancement is None
        and not ligne.versements
        and ligne.base_calcul is BaseCalcul.TRENTE_360
        and ligne.mode_calcul_interets is ModeCalcul.EQUIVALENT
        and ligne.constante_revision is None
    )


class _Groupe:
    """Les lignes admissibles d'une même source d'index, en colonnes."""

    def __init__(self, marches: Escalier) -> None:
        self.marches = marches
        self.rangs: list[int] = []
        self.classes: dict[tuple[Any, ...], int] = {}
        self.representants: list[LigneDePret] = []
        self.colonnes: tuple[list[int], ...] = ([], [], [], [], [], [])

    def ajouter(self, rang: int, ligne: LigneDePret, capital: int) -> None:
        cle = (ligne.revision, ligne.taux_interet, ligne.valeur_index_reference, ligne.periodicite)
        classe = self.classes.get(cle)
        if classe is None:
            classe = self.classes[cle] = len(self.representants)
            self.representants.append(ligne)
        debut = _debut(ligne)
        mois0, quantieme, pas, duree, capitaux, classes = self.colonnes
        mois0.append(debut.year * 12 + debut.month - 1)
        quantieme.append(debut.day)
        pas.append(ligne.periodicite.mois)
        duree.append(ligne.duree)
        capitaux.append(capital)
        classes.append(classe)
        self.rangs.append(rang)


def _debut(ligne: LigneDePret) -> dt.date:
    """:func:`~collectivites.prets._echeancier.date_debut_amortissement` d'une ligne sans
    préfinancement (toutes celles du lot), sans le coût d'un appel de moteur."""
    if ligne.date_debut_amortissement is not None:
        return ligne.date_debut_amortissement
    effet = ligne.date_effet
    assert effet is not None  # garanti par le modèle
    return dt.date(effet.year + effet.month // 12, effet.month % 12 + 1, 1)


class _Resultats:
    """Ce que chaque ligne laisse : ses cases annuelles, son capital, ses notes et sa fin."""

    def __init__(self, nombre: int) -> None:
        self.capital = np.zeros(nombre, dtype=np.int64)
        self.notes: list[tuple[str, ...]] = [()] * nombre
        self.fins: list[dt.date | None] = [None] * nombre
        self.morceaux: list[tuple[Entiers, Entiers, Entiers]] = []  # ligne, année, valeurs


def _sources(couples: Sequence[tuple[Pret, LigneDePret]], scenario: Scenario) -> list[_Source]:
    """La source de chaque ligne, cherchée une fois par (index, valeur de référence), dans
    l'ordre des lignes (comme la projection ligne par ligne)."""
    deja: dict[tuple[str, Decimal], _Source] = {}
    resultat = []
    for _pret, ligne in couples:
        cle = (ligne.index, ligne.valeur_index_reference)
        trouvee = deja.get(cle)
        if trouvee is None:
            source = scenario.source_pour(ligne)
            trouvee = deja[cle] = (source, serie_de_source(source))
        resultat.append(trouvee)
    return resultat


def _repartir_en_lots(
    couples: Sequence[tuple[Pret, LigneDePret]], sources: Sequence[_Source], res: _Resultats
) -> tuple[list[_Groupe], list[int]]:
    """Les lots (un par source d'index) et les rangs des lignes à reprendre par le tableau."""
    groupes: dict[int, _Groupe | None] = {}
    repli: list[int] = []
    for rang, ((_pret, ligne), (source, _serie)) in enumerate(zip(couples, sources, strict=True)):
        if not admissible(ligne):
            repli.append(rang)
            continue
        if id(source) not in groupes:
            marches = escalier(source)
            groupes[id(source)] = None if marches is None else _Groupe(marches)
        groupe = groupes[id(source)]
        try:
            capital = en_centimes(ligne.montant)
        except ErreurCollectivites:  # le tableau le refusera, à son rang
            groupe = None
        if groupe is None:
            repli.append(rang)
            continue
        res.capital[rang] = capital
        groupe.ajouter(rang, ligne, capital)
    return [g for g in groupes.values() if g is not None], repli


def _calculer_lot(groupe: _Groupe, sources: Sequence[_Source], res: _Resultats) -> list[int]:
    """Les échéances d'un lot ; rend les rangs des lignes que le lot laisse au tableau."""
    lot = Lot(*groupe.colonnes)
    sommes = derouler(lot, groupe.marches, TableTaux(groupe.representants, groupe.marches))
    rangs = np.asarray(groupe.rangs, dtype=np.int64)
    prises = ~sommes.repli
    masque = (np.arange(sommes.largeur)[None, :] < lot.annees[:, None]) & prises[:, None]
    lignes = np.broadcast_to(rangs[:, None], masque.shape)[masque]
    annees = (lot.annee0[:, None] + np.arange(sommes.largeur)[None, :])[masque]
    valeurs = np.zeros((len(lignes), 5), dtype=np.int64)
    valeurs[:, :4] = sommes.valeurs[masque]
    res.morceaux.append((lignes, annees, valeurs))
    plancher, repli = sommes.plancher.tolist(), sommes.repli.tolist()
    # la date de la dernière échéance : le quantième du début, ou le dernier jour du mois
    mois_fin = (lot.mois0 + lot.duree * lot.pas).tolist()
    quantiemes = groupe.colonnes[1]
    fins: dict[tuple[int, int], dt.date] = {}
    notes_de: dict[tuple[int, dt.date], tuple[str, ...]] = {}
    for k, rang in enumerate(groupe.rangs):
        if repli[k]:
            continue
        cle = (mois_fin[k], quantiemes[k])
        fin = fins.get(cle)
        if fin is None:
            jour = min(cle[1], _jours_du_mois(cle[0]))
            fin = fins[cle] = dt.date(cle[0] // 12, cle[0] % 12 + 1, jour)
        source, serie = sources[rang]
        cle_notes = (plancher[k], fin)
        notes = notes_de.get(cle_notes)
        if notes is None:
            notes = (NOTE_PLANCHER,) if plancher[k] else ()
            if source is not None and serie is not None:
                notes = (*notes, *serie.avertissements(fin))
            notes_de[cle_notes] = notes
        res.notes[rang], res.fins[rang] = notes, fin
    return [r for k, r in enumerate(groupe.rangs) if repli[k]]


def _jours_du_mois(mois: int) -> int:
    """Jours du mois ``mois`` (année × 12 + mois − 1)."""
    return calendar.monthrange(mois // 12, mois % 12 + 1)[1]


def _par_tableau(
    rang: int, ligne: LigneDePret, source: SourceIndex | None, res: _Resultats
) -> None:
    """Une ligne que le lot ne prend pas : son tableau, comme la projection ligne par ligne."""
    tableau: TableauAmortissement = calculer_tableau(ligne, index=source)
    annees = tableau.par_annee()
    ordre = sorted(annees)
    res.morceaux.append((
        np.full(len(ordre), rang, dtype=np.int64),
        np.asarray(ordre, dtype=np.int64),
        np.asarray([annees[a] for a in ordre], dtype=np.int64).reshape(len(ordre), 5),
    ))  # fmt: skip
    res.capital[rang] = en_centimes(tableau.capital, "capital")
    res.notes[rang] = tableau.notes
    res.fins[rang] = tableau.lignes.derniere_date if tableau.lignes else None


def _cle_ligne(pret: Pret, ligne: LigneDePret) -> str:
    """La clé d'une ligne, écrite comme la projection ligne par ligne (``_cle_ligne``)."""
    return f"{pret.numero or ligne.contrat}/{ligne.identifiant}"


def _noter(
    couples: Sequence[tuple[Pret, LigneDePret]], sources: Sequence[_Source], res: _Resultats
) -> tuple[tuple[str, ...], tuple[tuple[SerieDatee, dt.date], ...]]:
    """Notes et consultations de séries, ligne après ligne, comme la projection ligne par
    ligne : les avertissements datés d'une série sont retirés des notes d'une ligne et
    rédigés une fois, à la date la plus tardive où elle a été consultée."""
    avertissements: dict[str, None] = {}
    fins: dict[int, tuple[SerieDatee, dt.date]] = {}
    for rang in range(len(couples)):
        notes = res.notes[rang]
        if not notes:
            continue
        serie, fin = sources[rang][1], res.fins[rang]
        if serie is not None and fin is not None:
            deja = fins.get(id(serie))
            if deja is None or deja[1] < fin:
                fins[id(serie)] = (serie, fin)
            datees = serie.avertissements(fin)
            notes = tuple(n for n in notes if n not in datees)
        avertissements.update(dict.fromkeys(notes))
    return tuple(avertissements), tuple(fins.values())


def _cases(res: _Resultats, nombre: int) -> Cases:
    lignes = np.concatenate([m[0] for m in res.morceaux])
    ordre = np.argsort(lignes, kind="stable")
    lignes = lignes[ordre]
    annees = np.concatenate([m[1] for m in res.morceaux])[ordre]
    valeurs = np.concatenate([m[2] for m in res.morceaux])[ordre]
    debut = np.searchsorted(lignes, np.arange(nombre + 1))
    return Cases(lignes, annees, valeurs, res.capital, debut)


def _sommes(
    couples: Sequence[tuple[Pret, LigneDePret]], cases: Cases, par: Agregation
) -> dict[str, Any]:
    """Les séries par clé, clés dans l'ordre où la projection ligne par ligne les crée."""
    if par is Agregation.LIGNE:
        return series_par_ligne(cases, [_cle_ligne(p, x) for p, x in couples])
    rangs: dict[str, int] = {}
    if par is Agregation.EMPRUNTEUR:
        cle_de = np.asarray(
            [rangs.setdefault(x.emprunteur or p.emprunteur or "?", len(rangs)) for p, x in couples],
            dtype=np.int64,
        )
        return series_par_cle(list(rangs), cle_de[cases.ligne], cases.annee, cases.valeurs)
    garants = [x.garants or p.garants for p, x in couples]
    for liste in garants:
        for g in liste:
            rangs.setdefault(g.nom, len(rangs))
    cle, annee, valeurs = contributions_garants(cases, garants, rangs)
    return series_par_cle(list(rangs), cle, annee, valeurs)


def projeter_par_lots(
    prets: Sequence[Pret], scenario: Scenario, par: Agregation
) -> ProjectionPartielle | None:
    """Voir :func:`collectivites.prets._lot.projeter_partie_lot`."""
    couples = [(p, x) for p in prets for x in p.lignes]
    try:
        sources = _sources(couples, scenario)
    except ErreurCollectivites:  # la projection ligne par ligne dira laquelle, à son rang
        return None
    res = _Resultats(len(couples))
    groupes, repli = _repartir_en_lots(couples, sources, res)
    for groupe in groupes:
        repli.extend(_calculer_lot(groupe, sources, res))
    for rang in sorted(repli):  # dans l'ordre des lignes : la première erreur est la même
        _par_tableau(rang, couples[rang][1], sources[rang][0], res)
    notes, consultations = _noter(couples, sources, res)
    try:
        sommes = _sommes(couples, _cases(res, len(couples)), par) if couples else {}
    except (Renoncement, OverflowError):
        return None
    return ProjectionPartielle(
        par=par,
        sommes=sommes,
        notes=notes,
        lignes=EnsembleCles.de(cle_unicite(_cle_ligne(p, x)) for p, x in couples),
        index=frozenset(x.index for _p, x in couples),
        nombre_lignes=len(couples),
        consultations=consultations,
    )
