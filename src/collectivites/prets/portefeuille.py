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
from decimal import Decimal

import attrs

from collectivites.erreurs import ErreurValeur
from collectivites.monnaie import arrondir
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

    def total(self) -> tuple[AnneeProjection, ...]:
        """Somme de toutes les clés, année par année."""
        return _additionner([annees for _nom, annees in self.series])


def _annees_de(tableau: TableauAmortissement) -> tuple[AnneeProjection, ...]:
    if not tableau.lignes:
        return ()
    premiere = tableau.date_debut_amortissement.year
    derniere = tableau.lignes[-1].date.year
    resultat = []
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
        resultat.append(
            AnneeProjection(
                annee=annee,
                echeances=echeances,
                interets=interets,
                amortissement=amortissement,
                capital_du_31_12=crd,
                stock_interets_differes_31_12=stock,
            )
        )
    return tuple(resultat)


def projeter_ligne(ligne: LigneDePret, index: SourceIndex | None) -> tuple[AnneeProjection, ...]:
    """Projection annuelle d'une ligne sous un index."""
    return _annees_de(calculer_tableau(ligne, index=index))


def _additionner(series: Iterable[Sequence[AnneeProjection]]) -> tuple[AnneeProjection, ...]:
    cumul: dict[int, list[Decimal]] = {}
    for serie in series:
        for a in serie:
            valeurs = cumul.setdefault(a.annee, [_ZERO] * len(CHAMPS_PROJECTION))
            for i, v in enumerate(a.valeurs()):
                valeurs[i] += v
    return tuple(
        AnneeProjection(annee=annee, **dict(zip(CHAMPS_PROJECTION, cumul[annee], strict=True)))
        for annee in sorted(cumul)
    )


def garants_de(pret: Pret, ligne: LigneDePret) -> tuple[Garant, ...]:
    """Les garants d'une ligne : les siens, sinon ceux du prêt."""
    return ligne.garants or pret.garants


def _parts(
    serie: Sequence[AnneeProjection], garants: Sequence[Garant]
) -> list[tuple[str, tuple[AnneeProjection, ...]]]:
    parts: list[list[AnneeProjection]] = [[] for _ in garants]
    for a in serie:
        valeurs = a.valeurs()
        reste = list(valeurs)
        for rang, garant in enumerate(garants):
            if rang == len(garants) - 1:
                part = reste
            else:
                part = [arrondir(v * garant.quotite) for v in valeurs]
                reste = [r - p for r, p in zip(reste, part, strict=True)]
            parts[rang].append(
                AnneeProjection(annee=a.annee, **dict(zip(CHAMPS_PROJECTION, part, strict=True)))
            )
    return [(g.nom, tuple(p)) for g, p in zip(garants, parts, strict=True)]


def projeter(prets: Sequence[Pret], scenario: Scenario, *, par: str = "ligne") -> Projection:
    """Projection annuelle d'un portefeuille sous ``scenario``, ``par`` ligne, emprunteur ou
    garant. Une ligne sans garant n'apparaît pas dans la projection par garant."""
    if par not in ("ligne", "emprunteur", "garant"):
        raise ErreurValeur(f"« par » doit valoir ligne, emprunteur ou garant (reçu : {par!r})")
    groupes: dict[str, list[tuple[AnneeProjection, ...]]] = {}
    for pret in prets:
        for ligne in pret.lignes:
            serie = projeter_ligne(ligne, scenario(ligne))
            if par == "ligne":
                cle = f"{pret.numero or ligne.contrat}/{ligne.identifiant}"
                groupes.setdefault(cle, []).append(serie)
            elif par == "emprunteur":
                groupes.setdefault(ligne.emprunteur or pret.emprunteur or "?", []).append(serie)
            else:
                for nom, part in _parts(serie, garants_de(pret, ligne)):
                    groupes.setdefault(nom, []).append(part)
    return Projection(
        par=par, series=tuple((cle, _additionner(groupes[cle])) for cle in sorted(groupes))
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
