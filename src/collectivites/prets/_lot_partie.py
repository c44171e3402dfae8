"""Le déroulé d'une projection par lots (:func:`projeter_par_lots`) : sources d'index résolues
dans l'ordre des lignes, lots par source, lignes reprises par le tableau, cases annuelles,
notes et clés dans l'ordre de la partie — comme la projection ligne par ligne."""

from __future__ import annotations

import datetime as dt
import operator
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

import numpy as np

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
from collectivites.prets._lot_noyau import (
    _EPOQUE,
    Entiers,
    Escalier,
    Lot,
    Sommes,
    TableTaux,
    _jours,
    derouler,
    escalier,
)
from collectivites.prets._modeles import (
    BaseCalcul,
    LigneDePret,
    ModeCalcul,
    Pret,
    Profil,
)
from collectivites.prets._partielle import Agregation, ProjectionPartielle
from collectivites.prets._scenarios import Scenario
from collectivites.prets._tableau import NOTE_PLANCHER, TableauAmortissement, calculer_tableau

__all__ = ["projeter_par_lots"]

_Source = tuple[SourceIndex | None, SerieDatee | None]


def admissible(ligne: LigneDePret) -> bool:
    """Le lot sait-il calculer cette ligne ? Toute révision (SR, DR, DL, fixe) et toute
    progressivité, au profil « amortissement déduit », en base 30/360 et mode équivalent, sans
    différé, préfinancement ni versements. (Les autres passent par le tableau.)"""
    return (
        ligne.profil is not Profil.AMORTISSEMENT_PRIORITAIRE
        and not ligne.differe_amortissement_mois
        and ligne.prefinancement is None
        and not ligne.versements
        and ligne.base_calcul is BaseCalcul.TRENTE_360
        and ligne.mode_calcul_interets is ModeCalcul.EQUIVALENT
    )


#: Ce qui décide si une ligne est admise (:func:`admissible`), lu d'un coup.
_OPTIONS = operator.attrgetter(
    "profil",
    "differe_amortissement_mois",
    "prefinancement",
    "versements",
    "base_calcul",
    "mode_calcul_interets",
)
#: Ce qui fait la classe de taux d'une ligne (:class:`~._lot_noyau.TableTaux`).
_TAUX = operator.attrgetter(
    "revision",
    "taux_interet",
    "valeur_index_reference",
    "periodicite",
    "taux_progressivite",
    "taux_plancher_progressivite",
    "constante_revision",
    "profil",
)


def _centimes(montant: Decimal) -> int | None:
    """Le montant en centimes, ou ``None`` s'il ne s'écrit pas au centime (le tableau le
    refusera, à son rang) ; au plus deux décimales écrites : un simple décalage."""
    exposant = montant.as_tuple().exponent
    if isinstance(exposant, int) and exposant >= -2:
        return int(montant.scaleb(2))
    try:
        return en_centimes(montant)
    except ErreurCollectivites:
        return None


class _Groupe:
    """Les lignes admissibles d'une même source d'index, en colonnes."""

    def __init__(self, marches: Escalier, serie: SerieDatee | None) -> None:
        self.marches, self.serie = marches, serie
        self.rangs: list[int] = []
        self.classes: dict[tuple[Any, ...], int] = {}
        self.representants: list[LigneDePret] = []
        self.colonnes: tuple[list[int], ...] = ([], [], [], [], [], [])

    def classe(self, ligne: LigneDePret) -> int:
        """La classe de taux d'une ligne (mêmes révision, taux, référence, périodicité,
        progressivité et profil)."""
        cle = _TAUX(ligne)
        classe = self.classes.get(cle)
        if classe is None:
            classe = self.classes[cle] = len(self.representants)
            self.representants.append(ligne)
        return classe


def _debut(ligne: LigneDePret) -> dt.date:
    """:func:`~collectivites.prets._echeancier.date_debut_amortissement` d'une ligne sans
    préfinancement (toutes celles du lot), sans le coût d'un appel de moteur."""
    if ligne.date_debut_amortissement is not None:
        return ligne.date_debut_amortissement
    effet = ligne.date_effet
    assert effet is not None  # garanti par le modèle
    return dt.date(effet.year + effet.month // 12, effet.month % 12 + 1, 1)


class _Resultats:
    """Ce que les lignes laissent : cases annuelles, capital, et les notes — d'une ligne reprise
    par le tableau, ``(rang, notes, série, fin)`` ; d'un lot, la première ligne du plancher de
    0 % et, par série, la première ligne à noter et la plus tardive de leurs fins."""

    def __init__(self, nombre: int) -> None:
        self.capital = np.zeros(nombre, dtype=np.int64)
        self.notes: list[tuple[int, tuple[str, ...]]] = []
        self.consultations: list[tuple[int, SerieDatee, dt.date]] = []
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
    admises: dict[tuple[object, ...], bool] = {}
    repli: list[int] = []
    capitaux = res.capital
    for rang, ((_pret, ligne), (source, serie)) in enumerate(zip(couples, sources, strict=True)):
        options = _OPTIONS(ligne)
        admise = admises.get(options)
        if admise is None:
            admise = admises[options] = admissible(ligne)
        groupe: _Groupe | None = None
        if not admise:
            pass
        elif id(source) in groupes:
            groupe = groupes[id(source)]
        else:
            marches = escalier(source)
            groupe = groupes[id(source)] = None if marches is None else _Groupe(marches, serie)
        capital = None if groupe is None else _centimes(ligne.montant)
        if groupe is None or capital is None:
            repli.append(rang)
            continue
        capitaux[rang] = capital
        debut = ligne.date_debut_amortissement or _debut(ligne)
        mois0, quantieme, pas, duree, colonne_capital, classes = groupe.colonnes
        mois0.append(debut.year * 12 + debut.month - 1)
        quantieme.append(debut.day)
        pas.append(ligne.periodicite.mois)
        duree.append(ligne.duree)
        colonne_capital.append(capital)
        classes.append(groupe.classe(ligne))
        groupe.rangs.append(rang)
    return [g for g in groupes.values() if g is not None], repli


#: Lignes calculées ensemble au plus : la mémoire d'un lot (ses sommes annuelles, cinq entiers
#: par ligne et par année) reste de quelques dizaines de Mio, quelle que soit la partie.
LIGNES_PAR_LOT = 8192


def _calculer_lot(groupe: _Groupe, res: _Resultats) -> list[int]:
    """Les échéances d'un lot, par tranches de :data:`LIGNES_PAR_LOT` lignes ; rend les rangs
    des lignes que le lot laisse au tableau."""
    table = TableTaux(groupe.representants, groupe.marches)
    colonnes = [np.asarray(c, dtype=np.int64) for c in groupe.colonnes]
    tous = np.asarray(groupe.rangs, dtype=np.int64)
    reprises: list[int] = []
    for debut in range(0, len(tous), LIGNES_PAR_LOT):
        tranche = slice(debut, debut + LIGNES_PAR_LOT)
        lot = Lot(*(c[tranche] for c in colonnes))
        rangs = tous[tranche]
        sommes = derouler(lot, groupe.marches, table)
        prises = ~sommes.repli
        masque = (np.arange(sommes.largeur)[None, :] < lot.annees[:, None]) & prises[:, None]
        lignes = np.broadcast_to(rangs[:, None], masque.shape)[masque]
        annees = (lot.annee0[:, None] + np.arange(sommes.largeur)[None, :])[masque]
        res.morceaux.append((lignes, annees, sommes.valeurs[masque]))
        _noter_lot(groupe, lot, sommes, rangs, res)
        reprises.extend(rangs[sommes.repli].tolist())
    return reprises


def _noter_lot(groupe: _Groupe, lot: Lot, sommes: Sommes, rangs: Entiers, res: _Resultats) -> None:
    """Les notes des lignes prises par un lot, sans les parcourir : le plancher de 0 % (art. 10)
    à la première ligne où il joue ; les avertissements de la série, à la date de la dernière
    échéance de chaque ligne, lus une fois par date (une ligne à noter compte pour la
    consultation de la série, à la plus tardive de ces dates)."""
    prises = ~sommes.repli
    if not prises.any():
        return
    plancher = sommes.plancher[prises]
    rangs = rangs[prises]
    if plancher.any():
        res.notes.append((int(rangs[plancher].min()), (NOTE_PLANCHER,)))
    serie = groupe.serie
    if serie is None:
        return
    # la date de la dernière échéance : le quantième du début, ou le dernier jour du mois
    fins = _jours(lot.mois0 + lot.duree * lot.pas, lot.quantieme, True)[prises]
    uniques, inverse = np.unique(fins, return_inverse=True)
    datees = np.asarray([bool(serie.avertissements(_date(j))) for j in uniques.tolist()])
    a_noter = plancher | datees[inverse]
    if a_noter.any():
        fin = _date(int(fins[a_noter].max()))
        res.consultations.append((int(rangs[a_noter].min()), serie, fin))


def _date(jour: int) -> dt.date:
    return dt.date.fromordinal(jour + _EPOQUE)


def _par_tableau(rang: int, ligne: LigneDePret, sources: _Source, res: _Resultats) -> None:
    """Une ligne que le lot ne prend pas : son tableau, comme la projection ligne par ligne."""
    source, serie = sources
    tableau: TableauAmortissement = calculer_tableau(ligne, index=source)
    annees = tableau.par_annee()
    ordre = sorted(annees)
    res.morceaux.append((
        np.full(len(ordre), rang, dtype=np.int64),
        np.asarray(ordre, dtype=np.int64),
        np.asarray([annees[a] for a in ordre], dtype=np.int64).reshape(len(ordre), 5),
    ))  # fmt: skip
    res.capital[rang] = en_centimes(tableau.capital, "capital")
    notes = tableau.notes
    if notes:  # comme la projection ligne par ligne
        if serie is not None and tableau.lignes:
            fin = tableau.lignes.derniere_date
            res.consultations.append((rang, serie, fin))
            datees = serie.avertissements(fin)
            notes = tuple(n for n in notes if n not in datees)
        res.notes.append((rang, notes))


def _cle_ligne(pret: Pret, ligne: LigneDePret) -> str:
    """La clé d'une ligne, écrite comme la projection ligne par ligne (``_cle_ligne``)."""
    return f"{pret.numero or ligne.contrat}/{ligne.identifiant}"


def _noter(res: _Resultats) -> tuple[tuple[str, ...], tuple[tuple[SerieDatee, dt.date], ...]]:
    """Notes et consultations de séries dans l'ordre des lignes, comme la projection ligne par
    ligne : une note à la première ligne qui la porte ; une série consultée à la première
    ligne à noter qui la lit, à la plus tardive de leurs fins (ses avertissements datés y
    sont rédigés une fois)."""
    avertissements: dict[str, None] = {}
    for _rang, notes in sorted(res.notes, key=lambda n: n[0]):
        avertissements.update(dict.fromkeys(notes))
    fins: dict[int, tuple[SerieDatee, dt.date]] = {}
    for _rang, serie, fin in sorted(res.consultations, key=lambda c: c[0]):
        deja = fins.get(id(serie))
        if deja is None or deja[1] < fin:
            fins[id(serie)] = (serie, fin)
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
    if par is Agregation.EMPRUNTEUR:
        rangs: dict[str, int] = {}
        cle_de = np.asarray(
            [rangs.setdefault(x.emprunteur or p.emprunteur or "?", len(rangs)) for p, x in couples],
            dtype=np.int64,
        )
        colonnes = [cases.valeurs[:, j] for j in range(5)]
        return series_par_cle(list(rangs), [(cle_de[cases.ligne], cases.annee, colonnes)])
    garants = [x.garants or p.garants for p, x in couples]
    return series_par_cle(*contributions_garants(cases, garants))


def projeter_par_lots(
    prets: Sequence[Pret], scenario: Scenario, par: Agregation, lignes: EnsembleCles
) -> ProjectionPartielle | None:
    """Voir :func:`collectivites.prets._lot.projeter_partie_lot`."""
    couples = [(p, x) for p in prets for x in p.lignes]
    try:
        sources = _sources(couples, scenario)
    except ErreurCollectivites:  # la projection ligne par ligne dira laquelle, à son rang
        return None
    res = _Resultats(len(couples))
    try:
        groupes, repli = _repartir_en_lots(couples, sources, res)
        for groupe in groupes:
            repli.extend(_calculer_lot(groupe, res))
        for rang in sorted(repli):  # dans l'ordre des lignes : la première erreur est la même
            _par_tableau(rang, couples[rang][1], sources[rang], res)
    except OverflowError:  # un montant en centimes hors des entiers de 64 bits des colonnes
        return None
    notes, consultations = _noter(res)
    try:
        sommes = _sommes(couples, _cases(res, len(couples)), par) if couples else {}
    except (Renoncement, OverflowError):
        return None
    return ProjectionPartielle(
        par=par,
        sommes=sommes,
        notes=notes,
        lignes=lignes,
        index=frozenset(x.index for _p, x in couples),
        nombre_lignes=len(couples),
        consultations=consultations,
    )
