"""Séries de valeurs datées (taux du Livret A, LEP, intérêt légal…) : une fonction en escalier."""

from __future__ import annotations

import bisect
import csv
import datetime as dt
import io
from decimal import Decimal

import attrs

from collectivites.dates import lire_date
from collectivites.erreurs import ErreurDonnees, ErreurDossier, ErreurValeur
from collectivites.taux import lire_taux

__all__ = ["PointSerie", "SerieDatee", "lire_serie_csv"]


@attrs.frozen(kw_only=True)
class PointSerie:
    """Une valeur (fraction) en vigueur à partir de ``date_effet`` incluse."""

    date_effet: dt.date
    valeur: Decimal
    source: str = ""


def _trier(points: tuple[PointSerie, ...]) -> tuple[PointSerie, ...]:
    return tuple(sorted(points, key=lambda p: p.date_effet))


@attrs.frozen(kw_only=True)
class SerieDatee:
    """Série en escalier : la valeur d'une date est la dernière publiée à cette date.

    Avant la première valeur, la consultation est refusée. Après la dernière, la règle
    ``apres_derniere`` dit ce qui s'applique : ``"reporter"`` (la dernière valeur publiée reste en
    vigueur, comme le prévoit l'article 5 des contrats CDC) ou ``"refuser"`` au-delà de
    ``valable_jusqu_au`` (par défaut, la date de la dernière valeur).
    """

    nom: str
    points: tuple[PointSerie, ...] = attrs.field(converter=_trier)
    source: str = ""
    apres_derniere: str = attrs.field(default="reporter")
    valable_jusqu_au: dt.date | None = None
    _dates: tuple[dt.date, ...] = attrs.field(init=False, repr=False, eq=False)

    @points.validator
    def _verifier(self, _attribut: object, valeur: tuple[PointSerie, ...]) -> None:
        if not valeur:
            raise ErreurValeur(f"la série « {self.nom} » est vide")
        dates = [p.date_effet for p in valeur]
        if len(set(dates)) != len(dates):
            double = next(d for d in dates if dates.count(d) > 1)
            raise ErreurValeur(f"la série « {self.nom} » a deux valeurs au {double.isoformat()}")

    @apres_derniere.validator
    def _verifier_regle(self, _attribut: object, valeur: str) -> None:
        if valeur not in {"reporter", "refuser"}:
            raise ErreurValeur(
                f"« apres_derniere » doit valoir « reporter » ou « refuser » (reçu : {valeur!r})"
            )

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "_dates", tuple(p.date_effet for p in self.points))

    @property
    def premiere_date(self) -> dt.date:
        return self._dates[0]

    @property
    def derniere_date(self) -> dt.date:
        return self._dates[-1]

    def point_au(self, jour: dt.date) -> PointSerie:
        """Point en vigueur le ``jour`` (date d'effet ≤ ``jour``)."""
        rang = bisect.bisect_right(self._dates, jour)
        if rang == 0:
            raise ErreurDonnees(
                f"la série « {self.nom} » commence le {self.premiere_date.isoformat()} : "
                f"aucune valeur au {jour.isoformat()}"
            )
        limite = self.valable_jusqu_au or self._dates[-1]
        if rang == len(self._dates) and self.apres_derniere == "refuser" and jour > limite:
            raise ErreurDonnees(
                f"la série « {self.nom} » s'arrête au {limite.isoformat()} et refuse "
                f"d'extrapoler au {jour.isoformat()}"
            )
        return self.points[rang - 1]

    def valeur_au(self, jour: dt.date) -> Decimal:
        """Valeur en vigueur le ``jour``."""
        return self.point_au(jour).valeur


def lire_serie_csv(
    texte: str,
    *,
    nom: str,
    fichier: str | None = None,
    colonne_date: str | None = None,
    colonne_valeur: str | None = None,
    apres_derniere: str = "reporter",
) -> SerieDatee:
    """Lit une série CSV : colonnes ``date``/``date_effet`` et ``valeur`` (« 3 % ») ou
    ``taux_pct`` (pourcentage sans signe), plus ``source`` facultative. Les lignes ``#`` sont des
    commentaires."""
    lignes = [ligne for ligne in texte.splitlines() if ligne.strip() and not ligne.startswith("#")]
    lecteur = csv.DictReader(io.StringIO("\n".join(lignes)))
    entetes = lecteur.fieldnames or []
    cle_date = colonne_date or next((c for c in ("date", "date_effet") if c in entetes), None)
    cle_valeur = colonne_valeur or next((c for c in ("valeur", "taux_pct") if c in entetes), None)
    if cle_date is None or cle_valeur is None:
        raise ErreurDossier(
            f"colonnes attendues « date,valeur » (reçu : {','.join(entetes) or 'aucune'})",
            fichier=fichier,
        )
    points = []
    for numero, ligne in enumerate(lecteur, start=2):
        brut_date = (ligne.get(cle_date) or "").strip()
        brut_valeur = (ligne.get(cle_valeur) or "").strip()
        try:
            jour = lire_date(brut_date, champ=cle_date)
            if cle_valeur.endswith("_pct"):
                valeur = lire_taux(f"{brut_valeur} %", champ=cle_valeur)
            else:
                valeur = lire_taux(brut_valeur, champ=cle_valeur)
        except ErreurValeur as exc:
            raise ErreurDossier(f"ligne {numero} : {exc}", fichier=fichier) from None
        points.append(PointSerie(date_effet=jour, valeur=valeur, source=ligne.get("source") or ""))
    if not points:
        raise ErreurDossier("la série ne contient aucune valeur", fichier=fichier)
    return SerieDatee(
        nom=nom, points=tuple(points), source=fichier or "", apres_derniere=apres_derniere
    )
