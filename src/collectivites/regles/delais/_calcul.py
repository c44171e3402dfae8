"""Calcul d'un délai : ``calculer_delai`` (rapide, rend la date) et ``detailler_delai`` (rend le
résultat expliqué : date brute, report, jours fériés rencontrés, règle)."""

from __future__ import annotations

import datetime as dt

import attrs

from collectivites._enum import convertir
from collectivites._moteur import moteur
from collectivites.calendrier import JourFerie, jours_feries
from collectivites.calendrier._feries import ANNEE_MAX, ANNEE_MIN
from collectivites.calendrier._jours import TablesZone, tables_zone
from collectivites.calendrier._regles import hypotheses_de_zone
from collectivites.dates import ajouter_mois
from collectivites.erreurs import ErreurCollectivites, ErreurType, ErreurValeur
from collectivites.presentation import Presentable
from collectivites.regles.delais._duree import Duree, Unite, lire_duree
from collectivites.regles.delais._regimes import REGIMES, Regime, Sens, regime
from collectivites.tables import Document, Genre, Table, colonnes, faits

__all__ = [
    "ResultatDelai",
    "calculer_delai",
    "detailler_delai",
    "hors_plage",
    "lire_duree_en_cache",
]

_JOURS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")

_TABLES: dict[str, TablesZone] = {}
_PREMIER = dt.date(ANNEE_MIN, 1, 1).toordinal()
_DERNIER = dt.date(ANNEE_MAX, 12, 31).toordinal()


def _tables(zone: str) -> TablesZone:
    tables = _TABLES.get(zone)
    if tables is None:
        tables = _TABLES[zone] = tables_zone(zone)
    return tables


def hors_plage() -> ErreurValeur:
    """L'erreur d'une date ou d'un terme hors du calendrier couvert."""
    return _hors_plage()


def _hors_plage() -> ErreurValeur:
    return ErreurValeur(
        "date hors de la plage du calendrier",
        attendu=f"une date des années {ANNEE_MIN} à {ANNEE_MAX}",
    )


def _terme_brut(ordinal: int, duree: Duree, signe: int, tables: TablesZone, franc: bool) -> int:
    """Ordinal du terme avant tout report. Une durée composée compte d'abord sa première partie
    (les mois), puis les jours depuis la date obtenue (C. proc. civ. art. 641)."""
    if duree.puis is not None:
        intermediaire = _terme_brut(ordinal, duree.principal, signe, tables, False)
        if not _PREMIER <= intermediaire <= _DERNIER:
            raise _hors_plage()
        return _terme_brut(intermediaire, duree.puis, signe, tables, franc)
    n = duree.quantite
    unite = duree.unite
    if unite is Unite.JOURS_OUVRES or unite is Unite.JOURS_OUVRABLES:
        if unite is Unite.JOURS_OUVRES:
            rangs, liste = tables.rang_ouvre, tables.ouvres
        else:
            rangs, liste = tables.rang_ouvrable, tables.ouvrables
        if n == 0:
            resultat = ordinal
        else:
            rang = rangs[ordinal - _PREMIER]
            if signe > 0:
                indice = rang - 1 + n
            else:
                indice = rang - (1 if rang and liste[rang - 1] == ordinal else 0) - n
            if not 0 <= indice < len(liste):
                raise _hors_plage()
            resultat = liste[indice]
        return resultat + signe if franc else resultat
    if unite is Unite.JOURS:
        resultat = ordinal + signe * n
    elif unite is Unite.JOURS_FRANCS:
        resultat = ordinal + signe * (n + 1)
        franc = False
    elif unite is Unite.SEMAINES:
        resultat = ordinal + signe * 7 * n
    else:
        mois = n if unite is Unite.MOIS else 12 * n
        try:
            resultat = ajouter_mois(dt.date.fromordinal(ordinal), signe * mois).toordinal()
        except (ValueError, OverflowError):
            raise _hors_plage() from None
    return resultat + signe if franc else resultat


def _sans_franc(duree: Duree) -> Duree:
    """La durée où les « jours francs » deviennent des jours : à rebours, tout délai est franc."""
    puis = None if duree.puis is None else _sans_franc(duree.puis)
    unite = Unite.JOURS if duree.unite is Unite.JOURS_FRANCS else duree.unite
    if unite is duree.unite and puis is duree.puis:
        return duree
    return Duree(quantite=duree.quantite, unite=unite, puis=puis)


def _terme_a_rebours(ordinal: int, duree: Duree, tables: TablesZone) -> tuple[int, int]:
    """(dernier jour compté, dernier jour utile) d'un délai à rebours.

    Un délai à rebours est franc : le jour de l'événement ne compte pas, le décompte part de la
    veille, et le dernier jour utile est la veille du dernier jour compté (Cass. com., 14 mars
    2018, n° 16-26.996 ; Civ. 2e, 20 oct. 2005, n° 04-10.138). L'art. 642 du C. proc. civ. (report
    au jour ouvrable suivant) ne s'applique pas à rebours (Civ. 2e, 4 févr. 1998, n° 96-13.391 ;
    Cass., 14 févr. 1990, n° 88-19.900), pas plus que l'art. 3 § 4 du règlement 1182/71 : le
    dernier jour utile ne bouge pas, même s'il tombe un jour non ouvré.
    """
    compte = _terme_brut(ordinal, _sans_franc(duree), -1, tables, False)
    if not _PREMIER < compte <= _DERNIER:
        raise _hors_plage()
    return compte, compte - 1


def _terme(
    ordinal: int, duree: Duree, signe: int, tables: TablesZone, reg: Regime
) -> tuple[int, int]:
    """(terme brut, terme retenu). Après : terme brut, puis report (art. 642, règlement 1182/71
    § 4) et minimum de jours ouvrables (§ 5). À rebours : dernier jour compté et dernier jour
    utile (:func:`_terme_a_rebours`)."""
    if signe < 0:
        return _terme_a_rebours(ordinal, duree, tables)
    brut = _terme_brut(ordinal, duree, signe, tables, reg.franc)
    if not _PREMIER <= brut <= _DERNIER:
        raise _hors_plage()
    final = brut
    if reg.prorogation and not tables.est_ouvre(final):
        indice = tables.rang_ouvre[final - _PREMIER]
        if not 0 <= indice < len(tables.ouvres):
            raise _hors_plage()
        final = tables.ouvres[indice]
    if (
        reg.minimum_jours_ouvrables
        and duree.unite is Unite.JOURS
        and duree.quantite >= reg.minimum_jours_ouvrables
    ):
        rang_depart = tables.rang_ouvre[ordinal - _PREMIER]
        inclus = tables.rang_ouvre[final - _PREMIER] - rang_depart
        if inclus < reg.minimum_jours_ouvrables:
            final = tables.ouvres[rang_depart - 1 + reg.minimum_jours_ouvrables]
    return brut, final


_DUREES: dict[str, Duree] = {}
_REGIMES_SANS_FRANC = frozenset(code for code, r in REGIMES.items() if not r.franc)
_ETENDUE = _DERNIER - _PREMIER + 1


def lire_duree_en_cache(duree: object, *, cle: str = "duree") -> Duree:
    """La durée lue (« 15 jours ouvrés »), gardée en cache ; une erreur nomme ``cle``."""
    if type(duree) is Duree:
        return duree
    en_cache = _DUREES.get(duree) if isinstance(duree, str) else None
    if en_cache is None:
        try:
            en_cache = lire_duree(duree)  # type: ignore[arg-type]
        except ErreurCollectivites as exc:
            raise exc.situer(prefixe=cle) if exc.cle is None else exc from None
        if len(_DUREES) < 4096:
            _DUREES[duree] = en_cache  # type: ignore[index]
    return en_cache


def _preparer(
    depart: object, duree: str | Duree, regime_code: str, zone: str, sens: str
) -> tuple[int, Duree, int, TablesZone, Regime]:
    if type(depart) is not dt.date:
        raise ErreurType(
            "type refusé", cle="depart", valeur=depart, attendu="une date (datetime.date)"
        )
    ordinal = depart.toordinal()
    if not _PREMIER <= ordinal <= _DERNIER:
        raise _hors_plage()
    duree_lue = lire_duree_en_cache(duree)
    signe = 1 if convertir(Sens, sens, "sens") is Sens.APRES else -1
    reg = regime(regime_code)
    tables = (_TABLES.get(zone) if isinstance(zone, str) else None) or _tables(zone)
    return ordinal, duree_lue, signe, tables, reg


def calculer_delai(
    depart: dt.date,
    duree: str | Duree,
    *,
    regime: str = "simple",
    zone: str = "metropole",
    sens: Sens | str = Sens.APRES,
) -> dt.date:
    """Dernier jour du délai (le délai expire ce jour-là à vingt-quatre heures).

    ``sens="avant"`` compte à rebours : la date rendue est la dernière à laquelle l'acte peut
    être accompli avant ``depart`` (par exemple « au plus tard 60 jours ouvrés avant
    l'échéance »).

    Examples:
        >>> calculer_delai(dt.date(2024, 4, 26), "15 jours ouvrés")
        datetime.date(2024, 5, 23)
        >>> calculer_delai(dt.date(2024, 1, 31), "1 mois")
        datetime.date(2024, 2, 29)
        >>> calculer_delai(dt.date(2024, 3, 15), "15 jours", regime="cpc")  # samedi 30 → lundi
        datetime.date(2024, 4, 2)
    """
    # Chemin rapide : N > 0 jours ouvrés vers l'avant, durée, zone et régime déjà vus. Le
    # résultat est un jour ouvré : aucun report ni minimum de jours ouvrables ne s'applique.
    lue = _DUREES.get(duree) if type(duree) is str else None
    tables = _TABLES.get(zone) if type(zone) is str else None
    if (
        lue is not None
        and tables is not None
        and lue.unite is Unite.JOURS_OUVRES
        and lue.quantite
        and sens == "apres"
        and type(depart) is dt.date
        and type(regime) is str
        and regime in _REGIMES_SANS_FRANC
    ):
        rang = depart.toordinal() - _PREMIER
        if 0 <= rang < _ETENDUE:
            indice = tables.rang_ouvre[rang] - 1 + lue.quantite
            if indice < len(tables.ouvres):
                return dt.date.fromordinal(tables.ouvres[indice])
    ordinal, duree_lue, signe, tables, reg = _preparer(depart, duree, regime, zone, sens)
    return dt.date.fromordinal(_terme(ordinal, duree_lue, signe, tables, reg)[1])


@attrs.frozen(kw_only=True)
class ResultatDelai(Presentable):
    """Un délai calculé et expliqué.

    Après un événement : ``date_brute`` est le terme avant report, ``date`` le dernier jour du
    délai (reporté s'il tombait un jour non ouvré). À rebours : ``date_brute`` est le dernier jour
    compté et ``date`` le dernier jour utile, la veille ; s'il tombe un jour non ouvré,
    ``dernier_jour_ouvre`` donne le jour ouvré qui le précède (la date ne bouge pas : c'est
    l'utilisateur qui agit plus tôt).
    """

    depart: dt.date
    duree: Duree
    regime: Regime
    zone: str
    sens: Sens = attrs.field(converter=Sens)
    date_brute: dt.date
    date: dt.date
    jours_feries: tuple[JourFerie, ...]
    dernier_jour_ouvre: dt.date | None = None

    @property
    def report(self) -> bool:
        """``True`` si le terme d'un délai « après » a été reporté (samedi, dimanche, jour férié,
        minimum de jours ouvrables)."""
        return self.sens is Sens.APRES and self.date != self.date_brute

    @property
    def explication(self) -> str:
        """La règle appliquée, en phrases."""
        if self.sens is Sens.AVANT:
            return self._explication_a_rebours()
        texte = (
            f"{self.duree} après le {self.depart:%d/%m/%Y} ({self.regime.reference}) : "
            f"terme {self.date_brute:%d/%m/%Y}"
        )
        if self.report:
            texte += f", reporté au {self.date:%d/%m/%Y}"
        return texte + "."

    def _explication_a_rebours(self) -> str:
        veille = self.depart - dt.timedelta(days=1)
        texte = (
            f"{self.duree} avant le {self.depart:%d/%m/%Y} : le jour de l'événement ne compte pas, "
            f"le décompte part de la veille ({veille:%d/%m/%Y}) et son dernier jour est le "
            f"{self.date_brute:%d/%m/%Y} ; dernier jour utile : la veille, le "
            f"{_JOURS[self.date.weekday()]} {self.date:%d/%m/%Y} (Cass. com., 14 mars 2018, "
            "n° 16-26.996 ; Civ. 2e, 20 oct. 2005, n° 04-10.138). Un délai à rebours n'est pas "
            "prorogé (Civ. 2e, 4 févr. 1998, n° 96-13.391)."
        )
        if self.dernier_jour_ouvre is not None:
            texte += (
                f" Le {self.date:%d/%m/%Y} n'est pas un jour ouvré : si l'acte ne peut pas être "
                "accompli ce jour-là, il doit l'être plus tôt, au plus tard le "
                f"{_JOURS[self.dernier_jour_ouvre.weekday()]} {self.dernier_jour_ouvre:%d/%m/%Y} "
                "(la date limite n'est jamais reportée au jour ouvré suivant)."
            )
        return texte

    def _faits_du_terme(self) -> tuple[tuple[str, str, object, Genre], ...]:
        if self.sens is Sens.APRES:
            return (
                ("date_brute", "Terme brut", self.date_brute, Genre.DATE),
                ("date", "Dernier jour du délai", self.date, Genre.DATE),
                ("report", "Terme reporté", self.report, Genre.BOOLEEN),
            )
        return (
            ("date_brute", "Dernier jour compté", self.date_brute, Genre.DATE),
            ("date", "Dernier jour utile", self.date, Genre.DATE),
            ("dernier_jour_ouvre", "Dernier jour ouvré avant", self.dernier_jour_ouvre, Genre.DATE),
        )

    def decrire(self) -> Document:
        """Faits du délai et jours fériés rencontrés. Après un événement : terme brut, dernier jour
        du délai, report ; à rebours : dernier jour compté, dernier jour utile, dernier jour ouvré
        qui le précède s'il n'est pas ouvré (vide sinon)."""
        return Document(
            titre=(
                f"{self.date:%d/%m/%Y} : dernier jour "
                f"{'du délai' if self.sens is Sens.APRES else 'utile'} de {self.duree} "
                f"{self.sens.libelle} le {self.depart:%d/%m/%Y}"
            ),
            faits=faits(
                ("depart", "Départ", self.depart, Genre.DATE),
                ("duree", "Durée", str(self.duree), Genre.TEXTE),
                ("sens", "Sens", self.sens, Genre.CODE),
                ("regime", "Régime", self.regime.code, Genre.TEXTE),
                ("reference", "Texte", self.regime.reference, Genre.TEXTE),
                ("zone", "Zone", self.zone, Genre.TEXTE),
                *self._faits_du_terme(),
                ("explication", "Explication", self.explication, Genre.TEXTE),
            ),
            tables=(
                Table(
                    cle="jours_feries",
                    titre="Jours fériés rencontrés",
                    colonnes=colonnes(
                        ("date", "Date", Genre.DATE),
                        ("nom", "Jour férié", Genre.TEXTE),
                        ("reference", "Texte", Genre.TEXTE),
                    ),
                    lignes=tuple((j.date, j.nom, j.reference) for j in self.jours_feries),
                ),
            ),
            hypotheses=hypotheses_de_zone(self.zone),
        )


@moteur
def detailler_delai(
    depart: dt.date,
    duree: str | Duree,
    *,
    regime: str = "simple",
    zone: str = "metropole",
    sens: Sens | str = Sens.APRES,
) -> ResultatDelai:
    """Comme :func:`calculer_delai`, mais rend un :class:`ResultatDelai` expliqué : terme brut,
    terme reporté, et les jours fériés de la zone rencontrés entre le départ et le terme."""
    ordinal, duree_lue, signe, tables, reg = _preparer(depart, duree, regime, zone, sens)
    brut, final = _terme(ordinal, duree_lue, signe, tables, reg)
    bas, haut = sorted((ordinal, final))
    feries = tuple(
        j
        for annee in range(dt.date.fromordinal(bas).year, dt.date.fromordinal(haut).year + 1)
        for j in jours_feries(annee, zone)
        if bas <= j.date.toordinal() <= haut and j.date.toordinal() != ordinal
    )
    dernier_ouvre = None
    if signe < 0 and not tables.est_ouvre(final):
        dernier_ouvre = dt.date.fromordinal(tables.ouvres[tables.rang_ouvre[final - _PREMIER] - 1])
    return ResultatDelai(
        depart=depart,
        dernier_jour_ouvre=dernier_ouvre,
        duree=duree_lue,
        regime=reg,
        zone=tables.zone,
        sens=sens,
        date_brute=dt.date.fromordinal(brut),
        date=dt.date.fromordinal(final),
        jours_feries=feries,
    )
