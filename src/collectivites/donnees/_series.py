"""Séries de valeurs datées (taux du Livret A, LEP, intérêt légal, EONIA…) : une fonction en
escalier, et le protocole :class:`SourceIndex` que tous les moteurs attendent d'un index."""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
import re
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Protocol, runtime_checkable

import attrs

from collectivites._champs import v_date, v_decimal, v_texte
from collectivites._enum import EnumFr, decrire
from collectivites._moteur import moteur
from collectivites.erreurs import ErreurDonnees, ErreurDossier, ErreurType, ErreurValeur

__all__ = [
    "ApresDerniere",
    "PointSerie",
    "SerieDatee",
    "SourceIndex",
    "avertissements_de_source",
    "lire_metadonnees",
    "lire_serie_csv",
    "serie_de_source",
]


@runtime_checkable
class SourceIndex(Protocol):
    """Ce qu'un moteur attend d'un index ou d'un taux de référence : sa valeur (fraction) à une
    date, et les dates où cette valeur change dans un intervalle ``]debut, fin[`` (pour découper
    un calcul d'intérêts en périodes à taux constant).

    Une source peut aussi offrir ``palier_au(jour)`` : (valeur, premier jour où elle peut
    changer, ``None`` si jamais) ; les tableaux d'amortissement ne la relisent alors qu'au bout
    de chaque palier (voir :func:`lecteur_de_paliers`). Facultatif : sans elle, la valeur est
    relue à chaque période."""

    def valeur_au(self, jour: dt.date, /) -> Decimal: ...

    def changements(self, debut: dt.date, fin: dt.date, /) -> tuple[dt.date, ...]: ...


_UN_JOUR = dt.timedelta(days=1)
#: Ce que rend un lecteur de paliers : (valeur, premier jour où elle peut changer ou ``None``).
Palier = tuple[Decimal, dt.date | None]


def lecteur_de_paliers(source: SourceIndex) -> Callable[[dt.date], Palier]:
    """La lecture par paliers d'une source : sa méthode ``palier_au`` si elle en a une
    (facultative : :class:`SerieDatee`, les index figé et décalé), sinon ``valeur_au`` d'un
    jour à l'autre (le palier d'un greffon qui ne la donne pas dure un jour)."""
    palier_au = getattr(source, "palier_au", None)
    if callable(palier_au):
        return palier_au  # type: ignore[no-any-return]
    valeur_au = source.valeur_au

    def palier_d_un_jour(jour: dt.date) -> Palier:
        return valeur_au(jour), jour + _UN_JOUR if jour < dt.date.max else jour

    return palier_d_un_jour


class ApresDerniere(EnumFr):
    """Ce qui s'applique après la dernière valeur publiée d'une série."""

    REPORTER = "reporter"
    REFUSER = "refuser"


decrire(
    ApresDerniere,
    {
        "reporter": "la dernière valeur publiée reste en vigueur",
        "refuser": "refus au-delà de la date de validité",
    },
)


@attrs.frozen(kw_only=True)
class PointSerie:
    """Une valeur (fraction) en vigueur à partir de ``date_effet`` incluse."""

    date_effet: dt.date = attrs.field(validator=v_date())
    valeur: Decimal = attrs.field(validator=v_decimal())
    source: str = attrs.field(default="", validator=v_texte(longueur_max=2000))


def _trier(points: tuple[PointSerie, ...]) -> tuple[PointSerie, ...]:
    if not isinstance(points, list | tuple) or not all(isinstance(p, PointSerie) for p in points):
        raise ErreurValeur(
            "une série est une suite de PointSerie", cle="points", attendu="des PointSerie"
        )
    return tuple(sorted(points, key=lambda p: p.date_effet))


@attrs.frozen(kw_only=True)
class SerieDatee:
    """Série en escalier : la valeur d'une date est la dernière publiée à cette date.

    Avant la première valeur, la consultation est refusée. Après la dernière, la règle
    ``apres_derniere`` dit ce qui s'applique : ``reporter`` (la dernière valeur publiée reste en
    vigueur, comme le prévoit l'article 5 des contrats CDC) ou ``refuser`` au-delà de
    ``valable_jusqu_au`` (par défaut, la date de la dernière valeur).
    """

    nom: str = attrs.field(validator=v_texte(vide=False))
    points: tuple[PointSerie, ...] = attrs.field(converter=_trier)
    source: str = attrs.field(default="", validator=v_texte(longueur_max=2000))
    apres_derniere: ApresDerniere = attrs.field(
        default=ApresDerniere.REPORTER, converter=ApresDerniere
    )
    valable_jusqu_au: dt.date | None = attrs.field(default=None, validator=v_date(optionnel=True))
    #: Date jusqu'à laquelle les valeurs ont été confirmées par leur texte (comme le
    #: ``last_value_still_valid_on`` d'OpenFisca) ; au-delà, un calcul le dit dans ses hypothèses.
    confirmee_au: dt.date | None = attrs.field(default=None, validator=v_date(optionnel=True))
    #: Série statistique officielle qui publie ces valeurs (BCE, Banque de France).
    reference_officielle: str = attrs.field(default="", validator=v_texte(longueur_max=500))
    #: Fichier utilisateur qui prolonge la série livrée, et première date qu'il ajoute.
    prolongee_par: str = attrs.field(default="", validator=v_texte(longueur_max=2000))
    prolongee_depuis: dt.date | None = attrs.field(default=None, validator=v_date(optionnel=True))
    _dates: tuple[dt.date, ...] = attrs.field(init=False, repr=False, eq=False)
    _avertis: dict[dt.date, tuple[str, ...]] = attrs.field(
        init=False, repr=False, eq=False, factory=dict
    )

    @points.validator
    def _verifier(self, _attribut: object, valeur: tuple[PointSerie, ...]) -> None:
        if not valeur:
            raise ErreurValeur(f"la série « {self.nom} » est vide", cle="points")
        for avant, apres in itertools.pairwise(valeur):
            if avant.date_effet == apres.date_effet:
                raise ErreurValeur(
                    f"la série « {self.nom} » a deux valeurs à la même date",
                    cle="points",
                    valeur=apres.date_effet,
                )

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "_dates", tuple(p.date_effet for p in self.points))
        if self.confirmee_au is not None and self.confirmee_au < self._dates[0]:
            raise ErreurValeur(
                f"la série « {self.nom} » serait confirmée avant sa première valeur",
                cle="confirmee_au",
                valeur=self.confirmee_au,
                attendu=f"une date à partir du {self._dates[0]:%d/%m/%Y}",
            )

    @classmethod
    def depuis_valeurs(
        cls, nom: str, valeurs: Mapping[dt.date, Decimal], *, source: str = ""
    ) -> SerieDatee:
        """Une série depuis ``{date d'effet: valeur}`` (des moyennes mensuelles datées du premier
        de chaque mois, par exemple)."""
        if not isinstance(valeurs, Mapping):
            raise ErreurType(
                "type refusé", cle="valeurs", valeur=valeurs, attendu="{date: Decimal}"
            )
        return cls(
            nom=nom,
            points=tuple(
                PointSerie(date_effet=d, valeur=v, source=source) for d, v in valeurs.items()
            ),
            source=source,
        )

    @property
    def premiere_date(self) -> dt.date:
        return self._dates[0]

    @property
    def derniere_date(self) -> dt.date:
        return self._dates[-1]

    def _rang(self, jour: dt.date) -> int:
        """Rang (dans ``points``) du point qui suit celui en vigueur le ``jour`` ; refuse un
        jour avant la première valeur, ou après la limite d'une série qui refuse d'extrapoler."""
        rang = bisect.bisect_right(self._dates, jour)
        if rang == 0:
            raise ErreurDonnees(
                f"la série « {self.nom} » commence le {self.premiere_date:%d/%m/%Y}",
                valeur=jour,
                attendu=f"une date à partir du {self.premiere_date:%d/%m/%Y}",
            )
        if (
            rang == len(self._dates)
            and self.apres_derniere is ApresDerniere.REFUSER
            and jour > self._limite
        ):
            raise ErreurDonnees(
                f"la série « {self.nom} » s'arrête au {self._limite.isoformat()} et refuse "
                "d'extrapoler",
                valeur=jour,
            )
        return rang

    @property
    def _limite(self) -> dt.date:
        return self.valable_jusqu_au or self._dates[-1]

    def point_au(self, jour: dt.date) -> PointSerie:
        """Point en vigueur le ``jour`` (date d'effet ≤ ``jour``)."""
        return self.points[self._rang(jour) - 1]

    def valeur_au(self, jour: dt.date, /) -> Decimal:
        """Valeur en vigueur le ``jour``."""
        return self.point_au(jour).valeur

    def palier_au(self, jour: dt.date, /) -> Palier:
        """(valeur en vigueur le ``jour``, premier jour où la série peut en donner une autre ou
        la refuser) ; ``None`` : la même valeur tous les jours suivants. Un moteur qui relit la
        série de période en période ne la relit qu'au jour qui clôt le palier."""
        rang = self._rang(jour)
        valeur = self.points[rang - 1].valeur
        if rang < len(self._dates):
            return valeur, self._dates[rang]
        if self.apres_derniere is ApresDerniere.REFUSER and self._limite < dt.date.max:
            return valeur, self._limite + _UN_JOUR
        return valeur, None

    def valeur_exacte(self, jour: dt.date) -> Decimal | None:
        """La valeur publiée pour la date ``jour`` exactement (une moyenne mensuelle datée du
        premier du mois), ou ``None``."""
        rang = bisect.bisect_left(self._dates, jour)
        if rang < len(self._dates) and self._dates[rang] == jour:
            return self.points[rang].valeur
        return None

    def changements(self, debut: dt.date, fin: dt.date, /) -> tuple[dt.date, ...]:
        """Dates d'effet dans ``]debut, fin[``."""
        gauche = bisect.bisect_right(self._dates, debut)
        droite = bisect.bisect_left(self._dates, fin)
        return self._dates[gauche:droite]

    def avertissements(self, jusqu_au: dt.date) -> tuple[str, ...]:
        """Ce qu'un calcul qui consulte la série jusqu'au ``jusqu_au`` doit dire dans ses
        hypothèses : les valeurs d'un fichier utilisateur qu'il utilise, et les dates au-delà de la
        confirmation (la dernière valeur publiée y est reportée)."""
        deja = self._avertis.get(jusqu_au)
        if deja is not None:
            return deja
        notes = self._avertissements(jusqu_au)
        if len(self._avertis) < 4096:  # une date de fin par tableau d'un portefeuille
            self._avertis[jusqu_au] = notes
        return notes

    def _avertissements(self, jusqu_au: dt.date) -> tuple[str, ...]:
        from collectivites.taux import formater_taux

        notes = []
        if self.prolongee_par and self.prolongee_depuis and jusqu_au >= self.prolongee_depuis:
            notes.append(
                f"Série « {self.nom} » prolongée à partir du {self.prolongee_depuis:%d/%m/%Y} par "
                f"le fichier utilisateur {self.prolongee_par}."
            )
        if self.confirmee_au is not None and jusqu_au > self.confirmee_au:
            suite = self.points[bisect.bisect_right(self._dates, self.confirmee_au) :]
            if suite:
                au_dela = "des valeurs non confirmées à cette date"
            else:
                au_dela = (
                    f"la dernière valeur publiée ({formater_taux(self.points[-1].valeur)}), "
                    "reportée"
                )
            notes.append(
                f"Série « {self.nom} » confirmée jusqu'au {self.confirmee_au:%d/%m/%Y} ; ce calcul "
                f"l'utilise jusqu'au {jusqu_au:%d/%m/%Y} : au-delà du "
                f"{self.confirmee_au:%d/%m/%Y}, il retient {au_dela}."
            )
        return tuple(notes)


def serie_de_source(source: object) -> SerieDatee | None:
    """La série datée sous une source d'index (la série elle-même, ou celle qu'enveloppe un
    index décalé…), ou ``None``."""
    while not isinstance(source, SerieDatee):
        interieure = getattr(source, "source", None)
        if interieure is None or interieure is source:
            return None
        source = interieure
    return source


@moteur
def avertissements_de_source(source: object, jusqu_au: dt.date) -> tuple[str, ...]:
    """Les avertissements des séries datées sous une source d'index (une série, un index décalé
    qui en enveloppe une…) consultée jusqu'au ``jusqu_au`` ; rien pour une autre source."""
    serie = serie_de_source(source)
    return () if serie is None else serie.avertissements(jusqu_au)


#: Bornes d'une valeur de série (taux, index) : au-delà, une faute de frappe plutôt qu'un taux
#: (le Livret A n'a jamais dépassé 8,5 %, l'intérêt légal 16 %, l'EONIA est resté au-dessus de
#: −1 %).
_SERIE_MIN, _SERIE_MAX = Decimal("-0.10"), Decimal("0.30")


def _taux_de_serie(texte: str) -> Decimal:
    from collectivites.taux import lire_taux

    valeur = lire_taux(texte)
    if not _SERIE_MIN <= valeur <= _SERIE_MAX:
        raise ErreurValeur(
            "valeur hors des bornes d'une série de taux",
            valeur=texte,
            attendu="de −10 % à 30 %",
        )
    return valeur


#: Plus grand nombre de lignes d'un fichier de série, lignes de provenance comprises, compté
#: avant toute lecture : un siècle de valeurs quotidiennes en compte 36 525, le Livret A en a
#: une trentaine depuis 2000. Sans borne, un prolongement de 900 000 lignes occupait près d'un
#: Gio de mémoire (un dictionnaire par ligne lue, puis un point par valeur).
LIGNES_MAX_SERIE = 50_000


def _borner(texte: str, fichier: str | None) -> None:
    # (« \r » seul termine aussi une ligne pour le lecteur CSV et ``splitlines``)
    lignes = max(texte.count("\n"), texte.count("\r")) + (not texte.endswith(("\n", "\r")))
    if lignes > LIGNES_MAX_SERIE:
        raise ErreurDossier(
            f"série trop longue ({lignes} lignes)",
            fichier=fichier,
            attendu=f"au plus {LIGNES_MAX_SERIE} lignes (un siècle de valeurs quotidiennes en "
            "compte 36 525)",
        )


_META = re.compile(r"^#\s*(confirmee_au|reference_officielle|periodicite)\s*:\s*(.+?)\s*$")


def lire_metadonnees(texte: str) -> dict[str, str]:
    """Les métadonnées d'un CSV de série : lignes ``# clé: valeur`` en tête de fichier
    (``confirmee_au``, ``reference_officielle``, ``periodicite``)."""
    resultat = {}
    for ligne in texte.lstrip("\ufeff").splitlines():
        if not ligne.startswith("#"):
            break
        trouve = _META.match(ligne)
        if trouve:
            resultat[trouve.group(1)] = trouve.group(2)
    return resultat


def _date_meta(metadonnees: dict[str, str], fichier: str | None) -> dt.date | None:
    texte = metadonnees.get("confirmee_au")
    if texte is None:
        return None
    try:
        return dt.date.fromisoformat(texte)
    except ValueError:
        raise ErreurDossier(
            "date de confirmation illisible",
            fichier=fichier,
            cle="confirmee_au",
            valeur=texte,
            attendu="une date AAAA-MM-JJ",
        ) from None


@moteur
def lire_serie_csv(
    texte: str,
    *,
    nom: str,
    fichier: str | None = None,
    colonne_date: str | None = None,
    colonne_valeur: str | None = None,
    apres_derniere: str = "reporter",
    mensuelle: bool = False,
) -> SerieDatee:
    """Lit une série CSV : colonnes ``date``/``date_effet``/``mois`` et ``valeur`` (« 3 % ») ou
    ``taux_pct`` (pourcentage sans signe), plus ``source`` facultative. Les lignes ``#`` sont la
    provenance ; le séparateur « ; » et la virgule décimale des tableurs français sont acceptés ;
    les erreurs donnent le numéro de ligne du fichier. Un fichier de plus de
    :data:`LIGNES_MAX_SERIE` lignes est refusé avant d'être lu."""
    from collectivites.chargement import lire_cellule, lire_csv
    from collectivites.dates import lire_date, lire_mois

    _borner(texte, fichier)
    entetes, lignes = lire_csv(texte, fichier=fichier)
    cle_date = colonne_date or next(
        (c for c in ("date", "date_effet", "mois") if c in entetes), None
    )
    cle_valeur = colonne_valeur or next((c for c in ("valeur", "taux_pct") if c in entetes), None)
    if cle_date not in entetes or cle_valeur not in entetes:
        raise ErreurDossier(
            "colonnes attendues absentes",
            fichier=fichier,
            valeur=",".join(entetes),  # jamais vide : lire_csv refuse un fichier sans en-tête
            attendu=(
                f"{colonne_date},{colonne_valeur} (et source)"
                if colonne_date and colonne_valeur
                else "date,valeur (et source, facultative)"
            ),
        )
    points = []
    for ligne in lignes:
        date = lire_cellule(
            ligne, cle_date, lire_mois if mensuelle or cle_date == "mois" else lire_date, fichier
        )
        brut = ligne.get(cle_valeur) or ""
        valeur = lire_cellule(
            ligne,
            cle_valeur,
            _taux_de_serie,
            fichier,
            brut if not cle_valeur.endswith("_pct") else f"{brut} %",
        )
        points.append(PointSerie(date_effet=date, valeur=valeur, source=ligne.get("source") or ""))
    if not points:
        raise ErreurDossier("la série ne contient aucune valeur", fichier=fichier)
    metadonnees = lire_metadonnees(texte)
    # Lue hors du « try » : son erreur (clé, attendu) passe telle quelle.
    confirmee_au = _date_meta(metadonnees, fichier)
    try:
        return SerieDatee(
            nom=nom,
            points=tuple(points),
            source=fichier or "",
            apres_derniere=apres_derniere,
            confirmee_au=confirmee_au,
            reference_officielle=metadonnees.get("reference_officielle", ""),
        )
    except ErreurValeur as exc:
        # Deux valeurs à une date : la ligne de la seconde ; la clé « points » n'est pas une
        # colonne du fichier. Les autres refus gardent leur clé (« confirmee_au ») et l'attendu.
        doublon = exc.valeur
        numero = max(
            (x.numero for x, p in zip(lignes, points, strict=True) if p.date_effet == doublon),
            default=None,
        )
        raise ErreurDossier(
            exc.message,
            fichier=fichier,
            ligne=numero,
            cle=None if exc.cle == "points" else exc.cle,
            valeur=doublon,
            attendu=exc.attendu,
        ) from None
