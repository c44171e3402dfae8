"""Intérêts simples sur une période, au taux d'une série qui change : le calcul commun aux
intérêts moratoires d'un prêt (art. 18 des contrats CDC) et au remboursement d'un trop-perçu
avec l'intérêt légal (contrat-type ALCOME, art. 21.3)."""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal

import attrs

from collectivites.donnees import SourceIndex
from collectivites.tables import Genre, Table, colonnes

__all__ = ["PeriodeInterets", "interets_par_periodes", "table_periodes"]


@attrs.frozen(kw_only=True)
class PeriodeInterets:
    """Une période ``[debut, fin)`` à taux constant : base, taux, intérêts (non arrondis)."""

    debut: dt.date
    fin: dt.date
    base: Decimal
    taux: Decimal
    interets: Decimal


def interets_par_periodes(
    base: Decimal,
    debut: dt.date,
    fin: dt.date,
    source: SourceIndex,
    *,
    majoration: Decimal = Decimal(0),
    jours_annee: int = 365,
) -> list[PeriodeInterets]:
    """Intérêts simples de ``base`` sur ``[debut, fin)``, période par période : une nouvelle
    période à chaque changement de la série ; taux = valeur de la série + ``majoration`` ; jours
    exacts sur ``jours_annee``. Une période vide (``fin == debut``) n'a aucune ligne."""
    if fin <= debut:
        return []
    bornes = [debut, *source.changements(debut, fin), fin]
    periodes = []
    for a, b in itertools.pairwise(bornes):
        taux = source.valeur_au(a) + majoration
        interets = base * taux * Decimal((b - a).days) / Decimal(jours_annee)
        periodes.append(PeriodeInterets(debut=a, fin=b, base=base, taux=taux, interets=interets))
    return periodes


def table_periodes(periodes: tuple[PeriodeInterets, ...], *, libelle_taux: str = "Taux") -> Table:
    """La table des périodes à taux constant. Les intérêts d'une période sont un montant :
    écrits au centime avec « € » (écran, classeur) ; la valeur exacte, non arrondie, reste dans
    ``to_records()`` et ``to_pandas()`` ; le total d'un résultat arrondit une seule fois leur
    somme exacte."""
    return Table(
        cle="periodes",
        titre="Périodes à taux constant",
        colonnes=colonnes(
            ("debut", "Du", Genre.DATE),
            ("fin", "Au (exclu)", Genre.DATE),
            ("base", "Base", Genre.MONTANT),
            ("taux", libelle_taux, Genre.TAUX),
            ("interets", "Intérêts", Genre.MONTANT),
        ),
        lignes=tuple((p.debut, p.fin, p.base, p.taux, p.interets) for p in periodes),
    )
