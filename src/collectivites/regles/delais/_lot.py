"""Des délais par lots : ``calculer_delais`` rend, pour des suites de dates de départ (et de
durées), les mêmes dates que :func:`~collectivites.regles.delais.calculer_delai` appelée une à
une — mais en une fois.

Avec numpy (tableaux ``datetime64``), le calcul est vectoriel : les tables de la zone (rangs des
jours ouvrés et ouvrables, voir :class:`~collectivites.calendrier._jours.TablesZone`) sont lues
comme des tableaux numpy, et chaque étape du calcul unitaire (terme brut, jours francs, report
au jour ouvré suivant, minimum de jours ouvrables, compte à rebours) s'applique à tout le lot.
Sans numpy, chaque départ distinct d'une même durée n'est calculé qu'une fois.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Sequence
from typing import Any

from collectivites._enum import convertir
from collectivites.erreurs import ErreurType, ErreurValeur
from collectivites.regles.delais._calcul import (
    _DERNIER,
    _PREMIER,
    _sans_franc,
    _tables,
    _terme,
    hors_plage,
    lire_duree_en_cache,
)
from collectivites.regles.delais._duree import Duree, Unite
from collectivites.regles.delais._regimes import Regime, Sens
from collectivites.regles.delais._regimes import regime as regime_par_code

__all__ = ["calculer_delais"]

#: Ordinal (``date.toordinal()``) du 1er janvier 1970, origine des ``datetime64``.
_EPOQUE = dt.date(1970, 1, 1).toordinal()


def _numpy() -> Any:
    try:
        import numpy
    except ImportError:  # pragma: no cover - numpy est présent dans l'environnement de test
        return None
    return numpy


def _ordinaux_liste(departs: Sequence[object]) -> list[int]:
    ordinaux = []
    for rang, depart in enumerate(departs):
        if type(depart) is not dt.date:
            raise ErreurType(
                "type refusé",
                cle=f"departs[{rang}]",
                valeur=depart,
                attendu="une date (datetime.date)",
            )
        ordinaux.append(depart.toordinal())
    return ordinaux


def _ordinaux_numpy(np: Any, departs: Any) -> Any:
    if departs.ndim != 1 or departs.dtype.kind != "M":
        raise ErreurType(
            "type refusé",
            cle="departs",
            valeur=str(departs.dtype),
            attendu="un tableau numpy de dates (datetime64) à une dimension",
        )
    # NaT d'abord : NaT != NaT, une date absente passerait sinon pour une date avec une heure.
    absentes = np.isnat(departs)
    if absentes.any():
        rang = int(np.flatnonzero(absentes)[0])
        raise ErreurValeur("date absente (NaT)", cle=f"departs[{rang}]")
    jours = departs.astype("datetime64[D]")
    if (jours != departs).any():
        rang = int(np.flatnonzero(jours != departs)[0])
        raise ErreurValeur(
            "une date de départ porte une heure", cle=f"departs[{rang}]", valeur=str(departs[rang])
        )
    return jours.astype(np.int64) + _EPOQUE


def _durees(durees: object, nombre: int) -> list[Any]:
    """Une durée par départ : la même pour tous, ou une suite de même longueur."""
    if isinstance(durees, str | Duree):
        return [durees] * nombre
    if not isinstance(durees, Sequence) and not hasattr(durees, "__len__"):
        raise ErreurType(
            "type refusé",
            cle="durees",
            valeur=durees,
            attendu="une durée (« 15 jours ouvrés ») ou une suite de durées",
        )
    liste: list[Any] = list(durees)  # type: ignore[call-overload]
    if len(liste) != nombre:
        raise ErreurValeur(
            "autant de durées que de départs",
            cle="durees",
            valeur=len(liste),
            attendu=f"{nombre} durées",
        )
    return liste


_MOIS: list[tuple[Any, Any, Any]] = []
_TABLES: dict[int, tuple[Any, tuple[Any, ...]]] = {}


def _calendrier_mois(np: Any) -> tuple[Any, Any, Any]:
    """Tables du calendrier, calculées une fois : pour chaque jour (ordinal − ``_PREMIER``), le
    rang de son mois depuis le premier mois du calendrier et son quantième moins un ; pour chaque
    rang de mois, l'ordinal de son 1er jour (plus celui du mois qui suit le calendrier)."""
    if not _MOIS:  # construites entières puis publiées d'un coup (plusieurs fils possibles)
        jours = np.arange(_PREMIER - _EPOQUE, _DERNIER - _EPOQUE + 1).astype("datetime64[D]")
        mois = jours.astype("datetime64[M]")
        rang = (mois - mois[0]).astype(np.int64)
        debuts = (mois[0] + np.arange(int(rang[-1]) + 2)).astype("datetime64[D]")
        quantieme = (jours - mois.astype("datetime64[D]")).astype(np.int64)
        _MOIS.append((rang, quantieme, debuts.astype(np.int64) + _EPOQUE))
    return _MOIS[0]


def _tables_numpy(np: Any, tables: Any) -> tuple[Any, ...]:
    """Les tables d'une zone en tableaux numpy (jours ouvrés, ouvrables et leurs rangs),
    converties une fois par zone."""
    trouve = _TABLES.get(id(tables))
    if trouve is None or trouve[0] is not tables:
        convertis = tuple(
            np.frombuffer(getattr(tables, nom), dtype=np.dtype("l")).astype(np.int64)
            for nom in ("ouvres", "ouvrables", "rang_ouvre", "rang_ouvrable")
        )
        trouve = _TABLES[id(tables)] = (tables, convertis)
    return trouve[1]


class _Lot:
    """Le calcul vectoriel d'une durée sur un tableau d'ordinaux ; ``hors`` marque les éléments
    dont un terme sort du calendrier (refusés à la fin, en nommant le premier)."""

    def __init__(self, np: Any, ordinaux: Any, tables: Any) -> None:
        self.np = np
        self.hors = np.zeros(len(ordinaux), dtype=bool)
        self.ouvres, self.ouvrables, self.rang_ouvre, self.rang_ouvrable = _tables_numpy(np, tables)

    def sous_lot(self, nombre: int) -> _Lot:
        """Le même calcul (mêmes tables) pour un sous-ensemble de ``nombre`` éléments."""
        autre = copy.copy(self)
        autre.hors = self.np.zeros(nombre, dtype=bool)
        return autre

    def _dans(self, ordinaux: Any, *, strict_bas: bool = False) -> Any:
        """Marque hors du calendrier ce qui en sort ; rend des ordinaux ramenés dans la plage
        (pour indexer sans erreur : les marqués seront refusés)."""
        np = self.np
        bas = ordinaux <= _PREMIER if strict_bas else ordinaux < _PREMIER
        self.hors |= bas | (ordinaux > _DERNIER)
        return np.clip(ordinaux, _PREMIER, _DERNIER)

    def _prendre(self, liste: Any, indice: Any) -> Any:
        np = self.np
        self.hors |= (indice < 0) | (indice >= len(liste))
        return liste[np.clip(indice, 0, len(liste) - 1)]

    def _mois(self, ordinaux: Any, mois: int) -> Any:
        """:func:`~collectivites.dates.ajouter_mois` : même quantième, ou dernier jour du mois
        (par des tables d'entiers : convertir des ``datetime64`` de jours en mois coûte dix fois
        plus). Un mois qui sort du calendrier est marqué hors du calendrier."""
        np = self.np
        rang, quantieme, debuts = _calendrier_mois(np)
        decale = ordinaux - _PREMIER
        cible = rang[decale] + mois
        dernier = len(debuts) - 2
        self.hors |= (cible < 0) | (cible > dernier)
        cible = np.clip(cible, 0, dernier)
        premier = debuts[cible]
        return premier + np.minimum(quantieme[decale], debuts[cible + 1] - premier - 1)

    def brut(self, ordinaux: Any, duree: Duree, signe: int, franc: bool) -> Any:
        """:func:`~collectivites.regles.delais._calcul._terme_brut`, sur tout le lot."""
        if duree.puis is not None:
            intermediaire = self.brut(ordinaux, duree.principal, signe, False)
            return self.brut(self._dans(intermediaire), duree.puis, signe, franc)
        n, unite = duree.quantite, duree.unite
        if unite is Unite.JOURS_OUVRES or unite is Unite.JOURS_OUVRABLES:
            if unite is Unite.JOURS_OUVRES:
                rangs, liste = self.rang_ouvre, self.ouvres
            else:
                rangs, liste = self.rang_ouvrable, self.ouvrables
            if n == 0:
                resultat = ordinaux
            else:
                rang = rangs[ordinaux - _PREMIER]
                if signe > 0:
                    indice = rang - 1 + n
                else:
                    precedent = liste[self.np.clip(rang - 1, 0, len(liste) - 1)]
                    indice = rang - ((rang > 0) & (precedent == ordinaux)) - n
                resultat = self._prendre(liste, indice)
            return resultat + signe if franc else resultat
        if unite is Unite.JOURS:
            resultat = ordinaux + signe * n
        elif unite is Unite.JOURS_FRANCS:
            resultat = ordinaux + signe * (n + 1)
            franc = False
        elif unite is Unite.SEMAINES:
            resultat = ordinaux + signe * 7 * n
        else:
            resultat = self._mois(ordinaux, signe * (n if unite is Unite.MOIS else 12 * n))
        return resultat + signe if franc else resultat

    def terme(self, ordinaux: Any, duree: Duree, signe: int, reg: Regime) -> Any:
        """:func:`~collectivites.regles.delais._calcul._terme` (terme retenu), sur tout le lot."""
        np = self.np
        if signe < 0:
            compte = self.brut(ordinaux, _sans_franc(duree), -1, False)
            return self._dans(compte, strict_bas=True) - 1
        final = self._dans(self.brut(ordinaux, duree, 1, reg.franc))
        if reg.prorogation:
            rang = self.rang_ouvre[final - _PREMIER]
            precedent = self.ouvres[np.clip(rang - 1, 0, len(self.ouvres) - 1)]
            non_ouvre = ~((rang > 0) & (precedent == final))
            suivant = self._prendre(self.ouvres, np.where(non_ouvre, rang, 0))
            final = np.where(non_ouvre, suivant, final)
        minimum = reg.minimum_jours_ouvrables
        if minimum and duree.unite is Unite.JOURS and duree.quantite >= minimum:
            rang_depart = self.rang_ouvre[ordinaux - _PREMIER]
            inclus = self.rang_ouvre[final - _PREMIER] - rang_depart
            court = inclus < minimum
            releve = self._prendre(self.ouvres, np.where(court, rang_depart - 1 + minimum, 0))
            final = np.where(court, releve, final)
        return final


def _refuser_hors(premier: int) -> ErreurValeur:
    erreur = hors_plage()
    return ErreurValeur(erreur.message, cle=f"departs[{premier}]", attendu=erreur.attendu)


def _vectoriel(  # noqa: PLR0917 - fonction privée, les arguments de calculer_delais
    np: Any, ordinaux: Any, durees: str | Duree | list[Any], tables: Any, signe: int, reg: Regime
) -> Any:
    dedans = (ordinaux >= _PREMIER) & (ordinaux <= _DERNIER)
    if not dedans.all():
        raise _refuser_hors(int(np.flatnonzero(~dedans)[0]))
    lot = _Lot(np, ordinaux, tables)
    if isinstance(durees, str | Duree):  # une seule durée : tout le lot d'un coup
        lue = lire_duree_en_cache(durees, cle="durees")
        resultat = lot.terme(ordinaux, lue, signe, reg)
    else:
        resultat = np.empty(len(ordinaux), dtype=np.int64)
        groupes: dict[Any, list[int]] = {}
        for rang, duree in enumerate(durees):
            groupes.setdefault(duree, []).append(rang)
        for duree, rangs in groupes.items():
            lue = lire_duree_en_cache(duree, cle=f"durees[{rangs[0]}]")
            indices = np.asarray(rangs)
            sous = lot.sous_lot(len(indices))
            resultat[indices] = sous.terme(ordinaux[indices], lue, signe, reg)
            lot.hors[indices] |= sous.hors
    if lot.hors.any():
        raise _refuser_hors(int(np.flatnonzero(lot.hors)[0]))
    return resultat


def _par_depart(
    ordinaux: list[int], durees: list[Any], tables: Any, signe: int, reg: Regime
) -> list[int]:
    """Sans numpy : chaque (départ, durée) distinct n'est calculé qu'une fois."""
    vus: dict[tuple[int, Any], int] = {}
    lues: dict[Any, Duree] = {}
    resultat = []
    for rang, ordinal in enumerate(ordinaux):  # autant de durées que de départs (_durees)
        duree = durees[rang]
        terme = vus.get((ordinal, duree))
        if terme is None:
            if not _PREMIER <= ordinal <= _DERNIER:
                raise _refuser_hors(rang)
            lue = lues.get(duree)
            if lue is None:
                lue = lues[duree] = lire_duree_en_cache(duree, cle=f"durees[{rang}]")
            try:
                terme = vus[ordinal, duree] = _terme(ordinal, lue, signe, tables, reg)[1]
            except ErreurValeur:
                raise _refuser_hors(rang) from None
        resultat.append(terme)
    return resultat


def calculer_delais(
    departs: Sequence[dt.date] | Any,
    durees: str | Duree | Sequence[str | Duree],
    *,
    regime: str = "simple",
    zone: str = "metropole",
    sens: Sens | str = Sens.APRES,
) -> list[dt.date] | Any:
    """Le dernier jour de chaque délai : ``calculer_delai(depart, duree, …)`` pour chaque départ
    (et chaque durée, si ``durees`` est une suite de même longueur), en une fois.

    ``departs`` : une suite de ``datetime.date`` — le résultat est alors une liste de dates — ou
    un tableau numpy ``datetime64`` à une dimension — le résultat est alors un tableau
    ``datetime64[D]``. Une date hors du calendrier, une durée illisible ou un terme qui sort du
    calendrier est refusé en nommant son rang (``departs[12]``, ``durees[3]``).

    Examples:
        >>> import datetime as dt
        >>> calculer_delais([dt.date(2024, 4, 26), dt.date(2024, 12, 24)], "15 jours ouvrés")
        [datetime.date(2024, 5, 23), datetime.date(2025, 1, 16)]
    """
    np = _numpy()
    signe = 1 if convertir(Sens, sens, "sens") is Sens.APRES else -1
    if not isinstance(regime, str) or not isinstance(zone, str):
        raise ErreurType(
            "type refusé",
            cle="regime" if not isinstance(regime, str) else "zone",
            valeur=regime if not isinstance(regime, str) else zone,
            attendu="un texte",
        )
    reg = regime_par_code(regime)
    tables = _tables(zone)
    en_numpy = np is not None and isinstance(departs, np.ndarray)
    if en_numpy:
        ordinaux = _ordinaux_numpy(np, departs)
    elif isinstance(departs, str | bytes) or not isinstance(departs, Sequence):
        raise ErreurType(
            "type refusé",
            cle="departs",
            valeur=type(departs).__name__,
            attendu="une suite de dates ou un tableau numpy datetime64",
        )
    else:
        ordinaux = _ordinaux_liste(departs)
    unique = isinstance(durees, str | Duree)
    if not unique:
        durees = _durees(durees, len(ordinaux))
    if not len(ordinaux):
        return np.array([], dtype="datetime64[D]") if en_numpy else []
    if np is None:
        liste = _durees(durees, len(ordinaux)) if unique else durees
        termes = _par_depart(ordinaux, liste, tables, signe, reg)  # type: ignore[arg-type]
        return [dt.date.fromordinal(t) for t in termes]
    tableau = ordinaux if en_numpy else np.asarray(ordinaux, dtype=np.int64)
    termes = _vectoriel(np, tableau, durees, tables, signe, reg)  # type: ignore[arg-type]
    jours = (termes - _EPOQUE).astype("datetime64[D]")
    return jours if en_numpy else jours.tolist()
