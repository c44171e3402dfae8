"""Projections annuelles d'un portefeuille de prêts, par ligne, par emprunteur et par garant.

Pour chaque ligne, le tableau est calculé sous un scénario d'index, puis agrégé par année civile :
échéances, intérêts, amortissement de l'année, capital restant dû et stock d'intérêts différés
au 31 décembre. Un garant porte sa quotité de chaque montant de chaque ligne qu'il garantit
(art. 16 : « la Garantie de chaque Garant est due pour la totalité du Prêt à hauteur de sa
quote-part »).

Arrondi : les parts des garants sont arrondies au centime, le dernier garant d'une ligne
recevant le reste, si bien que les parts d'une ligne font exactement le montant de la ligne.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from decimal import ROUND_HALF_UP, Context, Decimal

import attrs

from collectivites.erreurs import ErreurValeur
from collectivites.monnaie import CENTIME
from collectivites.prets.index import SourceIndex
from collectivites.prets.modeles import Garant, LigneDePret, Pret
from collectivites.prets.tableau import TableauAmortissement, calculer_tableau

__all__ = [
    "CHAMPS_PROJECTION",
    "AnneeProjection",
    "Projection",
    "ecart",
    "garants_de",
    "projeter",
    "projeter_ligne",
]

#: Montants projetés chaque année, dans l'ordre des colonnes.
CHAMPS_PROJECTION = (
    "echeances",
    "interets",
    "amortissement",
    "capital_du_31_12",
    "stock_interets_differes_31_12",
)
_ZERO = Decimal("0.00")

#: Un scénario : pour une ligne, la source d'index à utiliser (``None`` : index figé).
Scenario = Callable[[LigneDePret], SourceIndex | None]


@attrs.frozen(kw_only=True)
class AnneeProjection:
    """Les montants d'une année civile."""

    annee: int
    echeances: Decimal
    interets: Decimal
    amortissement: Decimal
    capital_du_31_12: Decimal
    stock_interets_differes_31_12: Decimal

    def valeurs(self) -> tuple[Decimal, ...]:
        return tuple(getattr(self, c) for c in CHAMPS_PROJECTION)


@attrs.frozen(kw_only=True)
class Projection:
    """Projections par clé (ligne, emprunteur ou garant) : ``{clé: (années…)}``."""

    par: str
    series: tuple[tuple[str, tuple[AnneeProjection, ...]], ...]

    def serie(self, cle: str) -> tuple[AnneeProjection, ...]:
        for nom, annees in self.series:
            if nom == cle:
                return annees
        connues = ", ".join(nom for nom, _a in self.series)
        raise ErreurValeur(f"« {cle} » est inconnu de cette projection (connus : {connues})")

    @property
    def cles(self) -> tuple[str, ...]:
        return tuple(nom for nom, _a in self.series)

    def _repr_html_(self) -> str:
        from collectivites.prets.rendu_evenements import rendre_projection

        resultat = rendre_projection(self, "html")
        assert isinstance(resultat, str)
        return resultat

    def total(self) -> tuple[AnneeProjection, ...]:
        """Somme de toutes les clés, année par année."""
        return _additionner([annees for _nom, annees in self.series])


_Valeurs = tuple[Decimal, ...]
_Serie = dict[int, _Valeurs]


def _annees_de(tableau: TableauAmortissement) -> _Serie:
    """Montants par année civile (représentation interne : année → valeurs)."""
    if not tableau.lignes:
        return {}
    premiere = tableau.date_debut_amortissement.year
    derniere = tableau.lignes[-1].date.year
    resultat: _Serie = {}
    rang = 0
    crd, stock = tableau.capital, _ZERO
    lignes = tableau.lignes
    for annee in range(premiere, derniere + 1):
        echeances = interets = amortissement = _ZERO
        while rang < len(lignes) and lignes[rang].date.year == annee:
            r = lignes[rang]
            echeances += r.echeance
            interets += r.interets
            amortissement += r.amortissement + r.remboursement_anticipe
            crd, stock = r.capital_du, r.stock_interets_differes
            rang += 1
        resultat[annee] = (echeances, interets, amortissement, crd, stock)
    return resultat


def _en_annees(serie: _Serie) -> tuple[AnneeProjection, ...]:
    return tuple(
        AnneeProjection(annee=annee, **dict(zip(CHAMPS_PROJECTION, serie[annee], strict=True)))
        for annee in sorted(serie)
    )


def projeter_ligne(ligne: LigneDePret, index: SourceIndex | None) -> tuple[AnneeProjection, ...]:
    """Projection annuelle d'une ligne sous un index."""
    return _en_annees(_annees_de(calculer_tableau(ligne, index=index)))


def _ajouter(cumul: dict[int, list[Decimal]], serie: _Serie) -> None:
    for annee, valeurs in serie.items():
        somme = cumul.get(annee)
        if somme is None:
            cumul[annee] = list(valeurs)
        else:
            for i, v in enumerate(valeurs):
                somme[i] += v


def _additionner(series: Iterable[Sequence[AnneeProjection]]) -> tuple[AnneeProjection, ...]:
    cumul: dict[int, list[Decimal]] = {}
    for serie in series:
        _ajouter(cumul, {a.annee: a.valeurs() for a in serie})
    return _en_annees({annee: tuple(v) for annee, v in cumul.items()})


def garants_de(pret: Pret, ligne: LigneDePret) -> tuple[Garant, ...]:
    """Les garants d'une ligne : les siens, sinon ceux du prêt."""
    return ligne.garants or pret.garants


_ARRONDI = Context(prec=34, rounding=ROUND_HALF_UP).quantize


def _parts(serie: _Serie, garants: Sequence[Garant]) -> list[tuple[str, _Serie]]:
    """Part de chaque garant, arrondie au centime ; le dernier reçoit le reste."""
    parts: list[_Serie] = [{} for _ in garants]
    dernier = len(garants) - 1
    for annee, valeurs in serie.items():
        reste = list(valeurs)
        for rang, garant in enumerate(garants):
            if rang == dernier:
                parts[rang][annee] = tuple(reste)
            else:
                part = tuple(_ARRONDI(v * garant.quotite, CENTIME) for v in valeurs)
                parts[rang][annee] = part
                reste = [r - p for r, p in zip(reste, part, strict=True)]
    return [(g.nom, p) for g, p in zip(garants, parts, strict=True)]


def projeter(prets: Sequence[Pret], scenario: Scenario, *, par: str = "ligne") -> Projection:
    """Projection annuelle d'un portefeuille sous ``scenario``, ``par`` ligne, emprunteur ou
    garant. Une ligne sans garant n'apparaît pas dans la projection par garant."""
    if par not in ("ligne", "emprunteur", "garant"):
        raise ErreurValeur(f"« par » doit valoir ligne, emprunteur ou garant (reçu : {par!r})")
    groupes: dict[str, dict[int, list[Decimal]]] = {}
    for pret in prets:
        for ligne in pret.lignes:
            serie = _annees_de(calculer_tableau(ligne, index=scenario(ligne)))
            if par == "ligne":
                cle = f"{pret.numero or ligne.contrat}/{ligne.identifiant}"
                _ajouter(groupes.setdefault(cle, {}), serie)
            elif par == "emprunteur":
                cle = ligne.emprunteur or pret.emprunteur or "?"
                _ajouter(groupes.setdefault(cle, {}), serie)
            else:
                for nom, part in _parts(serie, garants_de(pret, ligne)):
                    _ajouter(groupes.setdefault(nom, {}), part)
    return Projection(
        par=par,
        series=tuple(
            (cle, _en_annees({a: tuple(v) for a, v in groupes[cle].items()}))
            for cle in sorted(groupes)
        ),
    )


def ecart(a: Projection, b: Projection) -> Projection:
    """``b − a``, clé par clé et année par année (par exemple « Livret A + 1 point » moins
    l'historique)."""
    if a.par != b.par:
        raise ErreurValeur("les deux projections ne sont pas agrégées de la même façon")
    cles = sorted(set(a.cles) | set(b.cles))
    series = []
    for cle in cles:
        sa = {x.annee: x for x in (a.serie(cle) if cle in a.cles else ())}
        sb = {x.annee: x for x in (b.serie(cle) if cle in b.cles else ())}
        annees = []
        for annee in sorted(set(sa) | set(sb)):
            va = sa[annee].valeurs() if annee in sa else (_ZERO,) * len(CHAMPS_PROJECTION)
            vb = sb[annee].valeurs() if annee in sb else (_ZERO,) * len(CHAMPS_PROJECTION)
            annees.append(
                AnneeProjection(
                    annee=annee,
                    **dict(
                        zip(
                            CHAMPS_PROJECTION,
                            [y - x for x, y in zip(va, vb, strict=True)],
                            strict=True,
                        )
                    ),
                )
            )
        series.append((cle, tuple(annees)))
    return Projection(par=a.par, series=tuple(series))


def exposition_au(projection: Projection, cle: str, jour: dt.date) -> Decimal:
    """Capital restant dû garanti par ``cle`` au 31 décembre de l'année de ``jour``."""
    for a in projection.serie(cle):
        if a.annee == jour.year:
            return a.capital_du_31_12
    return _ZERO
