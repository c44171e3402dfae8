"""Projections annuelles d'un portefeuille de prêts, par ligne, par emprunteur et par garant.

Pour chaque ligne, le tableau est calculé sous un scénario d'index, puis agrégé par année civile :
échéances, intérêts, amortissement de l'année, capital restant dû et stock d'intérêts différés
au 31 décembre. Un garant porte sa quotité de chaque montant de chaque ligne qu'il garantit
(art. 16 : « la Garantie de chaque Garant est due pour la totalité du Prêt à hauteur de sa
quote-part »).

Arrondi, pour qu'une annexe de dette garantie se vérifie au centime :

* chaque montant d'une ligne est réparti entre ses garants au centime par la méthode du plus fort
  reste : chaque part est à moins d'un centime de « quotité × montant », et les parts font
  exactement le montant de la ligne ;
* le capital dû d'un garant est ainsi réparti au 31 décembre de chaque année (et à l'origine, le
  capital emprunté) ; son amortissement de l'année est la baisse de sa part de capital dû, si bien
  que « capital dû fin N−1 − amortissement N = capital dû fin N » vaut au centime pour chaque
  garant, chaque année, comme pour la ligne. Cet amortissement reste à moins de deux centimes de
  « quotité × amortissement de la ligne ».
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Context, Decimal
from typing import Any

import attrs

from collectivites._moteur import moteur
from collectivites.chargement._schema import cle_de_texte_valide
from collectivites.donnees import SerieDatee, SourceIndex
from collectivites.donnees._series import serie_de_source
from collectivites.erreurs import ErreurValeur
from collectivites.monnaie import CENTIME
from collectivites.presentation import Presentable
from collectivites.prets._centimes import SerieCentimes
from collectivites.prets._cles import EnsembleCles
from collectivites.prets._colonnes import en_euros
from collectivites.prets._modeles import Garant, LigneDePret, Pret
from collectivites.prets._partielle import Agregation, ProjectionPartielle
from collectivites.prets._scenarios import Scenario
from collectivites.prets._tableau import TableauAmortissement, calculer_tableau
from collectivites.tables import Document, Genre, Graphique, Table, colonnes

__all__ = [
    "CHAMPS_PROJECTION",
    "AnneeProjection",
    "Projection",
    "achever",
    "ecart",
    "garants_de",
    "index_utilises",
    "projeter_ligne",
    "projeter_partie",
    "projeter_sous_scenarios",
    "repartir",
    "verifier_portefeuille",
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
_LIBELLES = {
    "echeances": "Échéances",
    "interets": "Intérêts",
    "amortissement": "Amortissement",
    "capital_du_31_12": "Capital dû au 31/12",
    "stock_interets_differes_31_12": "Stock d'intérêts différés au 31/12",
}


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


_Annees = tuple[AnneeProjection, ...]


def _en_euros(centimes: int) -> Decimal:
    return Decimal(centimes).scaleb(-2, _EXACT)


def _annee_de(annee: int, centimes: Sequence[int]) -> AnneeProjection:
    return AnneeProjection(
        annee=annee, **dict(zip(CHAMPS_PROJECTION, map(_en_euros, centimes), strict=True))
    )


class SeriesCompactes(Sequence[tuple[str, _Annees]]):
    """Les séries d'une :class:`Projection` calculée : clés triées et cumuls en centimes
    (:class:`~collectivites.prets._centimes.SerieCentimes`). Se lit comme le tuple
    ``((clé, (AnneeProjection…)), …)`` qu'elle remplace — ses objets ne sont construits que pour
    la clé lue —, et les rendus en flot lisent les centimes sans rien construire : la mémoire
    d'une projection par ligne reste celle de ses centimes."""

    __slots__ = ("_cles", "_rangs", "_series")

    def __init__(self, cles: Sequence[str], series: Sequence[SerieCentimes]) -> None:
        self._cles = tuple(cles)
        self._series = tuple(series)
        self._rangs: dict[str, int] | None = None

    def __len__(self) -> int:
        return len(self._cles)

    def __getitem__(self, rang: Any) -> Any:
        if isinstance(rang, slice):
            return tuple(self[i] for i in range(*rang.indices(len(self))))
        return self._cles[rang], self.annees(self._series[rang])

    @staticmethod
    def annees(serie: SerieCentimes) -> _Annees:
        return tuple(_annee_de(annee, centimes) for annee, centimes in serie.paires())

    def cles(self) -> tuple[str, ...]:
        return self._cles

    def centimes(self, cle: str) -> SerieCentimes | None:
        """La série en centimes de ``cle`` (``None`` si la clé est inconnue)."""
        if self._rangs is None:
            self._rangs = {c: i for i, c in enumerate(self._cles)}
        rang = self._rangs.get(cle)
        return None if rang is None else self._series[rang]

    def paires(self) -> Iterator[tuple[str, SerieCentimes]]:
        return zip(self._cles, self._series, strict=True)

    def nombre_de_lignes(self) -> int:
        return sum(len(s) for s in self._series)

    def __eq__(self, autre: object) -> bool:
        if isinstance(autre, SeriesCompactes):
            return self._cles == autre._cles and self._series == autre._series
        if isinstance(autre, Sequence):
            return tuple(self) == tuple(autre)
        return NotImplemented

    def __hash__(self) -> int:
        return hash(tuple(self))

    def __repr__(self) -> str:
        return repr(tuple(self))

    def __reduce__(self) -> tuple[Any, ...]:
        return (SeriesCompactes, (self._cles, self._series))


def _series(valeur: Any) -> Sequence[tuple[str, _Annees]]:
    if isinstance(valeur, SeriesCompactes):
        return valeur
    return tuple((cle, tuple(annees)) for cle, annees in valeur)


@attrs.frozen(kw_only=True)
class Projection(Presentable):
    """Projections par clé (ligne, emprunteur ou garant) : ``{clé: (années…)}``. ``titre`` et
    ``notes`` disent sous quel scénario (ou quel écart de scénarios) elle a été faite.
    ``series`` : ``((clé, (AnneeProjection…)), …)`` ; une projection calculée les garde en
    centimes (:class:`SeriesCompactes`), lues de la même façon."""

    par: Agregation = attrs.field(converter=Agregation)
    series: Sequence[tuple[str, _Annees]] = attrs.field(converter=_series)
    titre: str = ""
    notes: tuple[str, ...] = ()

    def serie(self, cle: str) -> tuple[AnneeProjection, ...]:
        if isinstance(self.series, SeriesCompactes):
            trouvee = self.series.centimes(cle)
            if trouvee is not None:
                return SeriesCompactes.annees(trouvee)
        else:
            for nom, annees in self.series:
                if nom == cle:
                    return annees
        connues = ", ".join(self.cles)
        raise ErreurValeur(
            "clé inconnue de cette projection", cle=self.par.value, valeur=cle, attendu=connues
        )

    @property
    def cles(self) -> tuple[str, ...]:
        if isinstance(self.series, SeriesCompactes):
            return self.series.cles()
        return tuple(nom for nom, _a in self.series)

    def lignes_en_flot(self) -> Iterator[tuple[Any, ...]]:
        """Les lignes de la table de :meth:`decrire`, une à une, sans la construire (les
        rendus en flot de la ligne de commande)."""
        if not isinstance(self.series, SeriesCompactes):
            for cle, annees in self.series:
                for a in annees:
                    yield (cle, a.annee, *a.valeurs())
            return
        euros = _en_euros
        for cle, serie in self.series.paires():
            for annee, centimes in serie.paires():
                yield (cle, annee, *map(euros, centimes))

    def nombre_de_lignes(self) -> int:
        """Lignes de la table de :meth:`decrire` (clés × années)."""
        if isinstance(self.series, SeriesCompactes):
            return self.series.nombre_de_lignes()
        return sum(len(annees) for _cle, annees in self.series)

    def restreindre(self, cle: str) -> Projection:
        """La projection d'une seule clé (un garant…)."""
        return attrs.evolve(self, series=((cle, self.serie(cle)),))

    def decrire(self) -> Document:
        """Une ligne par clé et par année."""
        return self.decrire_sans_lignes(lignes=tuple(self.lignes_en_flot()))

    def decrire_sans_lignes(self, lignes: tuple[tuple[Any, ...], ...] = ()) -> Document:
        """:meth:`decrire` sans les lignes de sa table (lues de :meth:`lignes_en_flot` par
        les rendus en flot)."""
        par = self.par.value
        return Document(
            titre=self.titre or f"Projection par {self.par.libelle}",
            tables=(
                Table(
                    cle="projection",
                    graphique=Graphique(
                        titre=self.titre or f"Projection par {self.par.libelle}",
                        abscisse="annee",
                        barres=("amortissement", "interets"),
                        courbes=("capital_du_31_12",),
                        series=par,
                    ),
                    titre=self.titre or f"Projection par {self.par.libelle}",
                    colonnes=colonnes(
                        (par, par.capitalize(), Genre.TEXTE),
                        ("annee", "Année", Genre.ANNEE),
                        *((c, _LIBELLES[c], Genre.MONTANT) for c in CHAMPS_PROJECTION),
                    ),
                    lignes=lignes,
                ),
            ),
            hypotheses=self.notes,
        )

    def total(self) -> tuple[AnneeProjection, ...]:
        """Somme de toutes les clés, année par année."""
        return _additionner([annees for _nom, annees in self.series])


_Valeurs = tuple[Decimal, ...]
_Serie = dict[int, _Valeurs]


def _annees_de(tableau: TableauAmortissement) -> _Serie:
    """Montants par année civile (représentation interne : année → valeurs), en un passage sur
    les échéances ; une année sans échéance (celle du début de l'amortissement) garde le capital
    dû et le stock de l'année précédente."""
    lignes = tableau.lignes
    if not lignes:
        return {}
    resultat: _Serie = {}
    annee = tableau.date_debut_amortissement.year
    crd, stock = tableau.capital, _ZERO
    echeances = interets = amortissement = _ZERO
    for r in lignes:
        annee_r = r.date.year
        while annee_r != annee:  # clôt l'année en cours (et les années sans échéance)
            resultat[annee] = (echeances, interets, amortissement, crd, stock)
            echeances = interets = amortissement = _ZERO
            annee += 1
        echeances += r.echeance
        interets += r.interets
        amortissement += r.amortissement + r.remboursement_anticipe
        crd, stock = r.capital_du, r.stock_interets_differes
    resultat[annee] = (echeances, interets, amortissement, crd, stock)
    return resultat


def _en_annees(serie: _Serie) -> tuple[AnneeProjection, ...]:
    return tuple(
        AnneeProjection(annee=annee, **dict(zip(CHAMPS_PROJECTION, serie[annee], strict=True)))
        for annee in sorted(serie)
    )


@moteur
def projeter_ligne(ligne: LigneDePret, index: SourceIndex | None) -> tuple[AnneeProjection, ...]:
    """Projection annuelle d'une ligne sous un index."""
    return _en_annees(_annees_de(calculer_tableau(ligne, index=index)))


_Cumul = dict[int, tuple[Decimal, ...]]


def _ajouter(cumul: _Cumul, serie: _Serie) -> None:
    """Ajoute une série au cumul d'une clé, année par année (addition exacte de centimes)."""
    for annee, valeurs in serie.items():
        somme = cumul.get(annee)
        cumul[annee] = valeurs if somme is None else tuple(map(_ADDITION, somme, valeurs))


def _additionner(series: Iterable[Sequence[AnneeProjection]]) -> tuple[AnneeProjection, ...]:
    cumul: _Cumul = {}
    for serie in series:
        _ajouter(cumul, {a.annee: a.valeurs() for a in serie})
    return _en_annees({annee: tuple(v) for annee, v in cumul.items()})


@moteur
def garants_de(pret: Pret, ligne: LigneDePret) -> tuple[Garant, ...]:
    """Les garants d'une ligne : les siens, sinon ceux du prêt."""
    return ligne.garants or pret.garants


_EXACT = Context(prec=34)
_ADDITION = _EXACT.add


def repartir(montant: Decimal, quotites: Sequence[Decimal]) -> tuple[Decimal, ...]:
    """``montant`` (au centime) réparti au centime selon ``quotites`` (de somme 1) par la méthode
    du plus fort reste : chaque part est « quotité × montant » arrondi au centime inférieur, puis
    les centimes restants vont aux plus forts restes (à égalité, au premier garant). Les parts
    font exactement ``montant``.

    Examples:
        >>> repartir(Decimal("100.01"), [Decimal("0.75"), Decimal("0.25")])
        (Decimal('75.01'), Decimal('25.00'))
        >>> repartir(Decimal("0.01"), [Decimal("0.5"), Decimal("0.5")])
        (Decimal('0.01'), Decimal('0.00'))
    """
    if not montant:
        return (_ZERO,) * len(quotites)
    if len(quotites) == 2:
        # Le cas courant (commune et département) : la première part arrondie au plus proche,
        # la seconde en complément — le plus fort reste, sauf à égalité exacte sur un montant
        # négatif ; chaque part reste à moins d'un demi-centime de la part exacte.
        premier = _EXACT.multiply(montant, quotites[0]).quantize(CENTIME, rounding=ROUND_HALF_UP)
        return (premier, montant - premier)
    multiplier = _EXACT.multiply
    exactes = [multiplier(montant, q) for q in quotites]
    planchers = [e.quantize(CENTIME, rounding=ROUND_FLOOR) for e in exactes]
    reste = montant - sum(planchers)
    if not reste:
        return tuple(planchers)
    centimes = int(reste / CENTIME)
    restes = [e - p for e, p in zip(exactes, planchers, strict=True)]
    ordre = sorted(range(len(quotites)), key=lambda i: (-restes[i], i))
    for i in ordre[:centimes]:
        planchers[i] += CENTIME
    return tuple(planchers)


def _parts(
    serie: _Serie, garants: Sequence[Garant], capital_initial: Decimal
) -> list[tuple[str, _Serie]]:
    """Part de chaque garant, année par année : chaque montant réparti au plus fort reste, et
    l'amortissement de chaque garant égal à la baisse de sa part de capital dû."""
    quotites = [g.quotite for g in garants]
    parts: list[_Serie] = [{} for _ in garants]
    precedent = repartir(capital_initial, quotites)
    for annee in sorted(serie):
        echeances, interets, _amortissement, capital_du, stock = serie[annee]
        capital = repartir(capital_du, quotites)
        repartis = (
            repartir(echeances, quotites),
            repartir(interets, quotites),
            tuple(a - b for a, b in zip(precedent, capital, strict=True)),
            capital,
            repartir(stock, quotites),
        )
        for part, valeurs in zip(parts, zip(*repartis, strict=True), strict=True):
            part[annee] = valeurs
        precedent = capital
    return [(g.nom, p) for g, p in zip(garants, parts, strict=True)]


_Centimes = dict[int, tuple[int, ...]]
_Cumuls = dict[int, list[int]]  # cumuls d'une clé en cours de projection (additionnés en place)


def _en_centimes_serie(serie: _Serie) -> _Centimes:
    return {annee: tuple(map(_en_centimes, valeurs)) for annee, valeurs in serie.items()}


def _annees_en_centimes(tableau: TableauAmortissement) -> _Centimes:
    """Les sommes par année d'un tableau en centimes entiers, lues dans ses colonnes (aucune
    ligne construite) : :func:`_annees_de` au centime près, en entiers."""
    return tableau.par_annee()  # type: ignore[return-value]


def _annees_en_euros(tableau: TableauAmortissement) -> _Serie:
    """:func:`_annees_en_centimes` en euros (pour :func:`_parts`, qui répartit en ``Decimal``)."""
    return {annee: tuple(map(en_euros, v)) for annee, v in tableau.par_annee().items()}


def _ajouter_centimes(cumul: _Cumuls, serie: _Centimes) -> None:
    """Ajoute une série en centimes au cumul d'une clé, année par année (en place)."""
    for annee, valeurs in serie.items():
        somme = cumul.get(annee)
        if somme is None:
            cumul[annee] = list(valeurs)
        else:
            for rang, valeur in enumerate(valeurs):
                somme[rang] += valeur


def _figer(groupes: dict[str, _Cumuls]) -> dict[str, SerieCentimes]:
    return {cle: SerieCentimes.de(annees) for cle, annees in groupes.items()}


def _part_arrondie(centimes: int, numerateur: int, denominateur: int) -> int:
    """``centimes × numérateur / dénominateur`` arrondi au centime, au demi supérieur (en
    valeur absolue, comme ``ROUND_HALF_UP``), en entiers exacts."""
    double = 2 * denominateur
    if centimes >= 0:
        return (2 * centimes * numerateur + denominateur) // double
    return -((-2 * centimes * numerateur + denominateur) // double)


#: Les cinq montants d'une année d'un garant additionnés en un seul entier (un « paquet ») : le
#: montant j occupe les bits [96 j, 96 j + 96[, en complément à deux. Un paquet s'additionne
#: comme ses cinq montants à la fois, exactement, tant que chaque somme reste sous 2^95 en
#: valeur absolue : un montant d'une ligne est sous 10^13 centimes (10 milliards d'euros de
#: capital, ses intérêts et son stock), une partie compte bien moins de 2^40 lignes et années.
_BITS = 96
_MASQUE = (1 << _BITS) - 1
_MOITIE = 1 << (_BITS - 1)


def _deballer(paquet: int) -> list[int]:
    """Les cinq montants d'un paquet (voir :data:`_BITS`)."""
    valeurs = []
    for _ in range(5):
        valeur = paquet & _MASQUE
        if valeur >= _MOITIE:
            valeur -= 1 << _BITS
        valeurs.append(valeur)
        paquet = (paquet - valeur) >> _BITS
    return valeurs


def _ajouter_paquets(groupes: dict[str, _Cumuls], paquets: dict[str, dict[int, int]]) -> None:
    """Ajoute aux cumuls des garants leurs paquets (:func:`_ajouter_parts_deux`), déballés."""
    for nom, annees in paquets.items():
        _ajouter_centimes(
            groupes.setdefault(nom, {}),
            {annee: tuple(_deballer(paquet)) for annee, paquet in annees.items()},
        )


def _ajouter_parts_deux(
    cumuls: tuple[dict[str, _Cumuls], dict[str, dict[int, int]]],
    serie: _Centimes,
    garants: Sequence[Garant],
    capital: int,
) -> None:
    """:func:`_parts` pour deux garants (le cas courant), en centimes entiers, ajoutées en un
    passage aux cumuls des deux garants, en paquets (:data:`_BITS`) : une addition par garant
    et par année au lieu de cinq. La part du premier arrondie au plus proche, celle du second
    en complément (voir :func:`repartir`). ``serie`` : les sommes par année du tableau en
    centimes (:meth:`TableauAmortissement.par_annee`, lues dans ses colonnes sans construire
    de ligne) ; l'amortissement de chaque garant est la baisse de sa part de capital dû ; un
    montant négatif passe par :func:`_part_arrondie`. ``cumuls`` : (cumuls des clés, paquets) ;
    chaque garant y prend sa place de clé à sa première ligne, comme ceux des autres lignes."""
    groupes, paquets = cumuls
    groupes.setdefault(garants[0].nom, {})
    groupes.setdefault(garants[1].nom, {})
    n, d = garants[0].quotite.as_integer_ratio()
    deux_n, deux_d, bits = 2 * n, 2 * d, _BITS
    premiers = paquets.setdefault(garants[0].nom, {})
    seconds = paquets.setdefault(garants[1].nom, {})
    crd_1 = _part_arrondie(capital, n, d)
    crd = capital
    for annee, (echeances, interets, _amortissement, capital_du, stock) in serie.items():
        if echeances >= 0 and interets >= 0 and capital_du >= 0 and stock >= 0:
            e_1 = (echeances * deux_n + d) // deux_d
            i_1 = (interets * deux_n + d) // deux_d
            c_1 = (capital_du * deux_n + d) // deux_d
            s_1 = (stock * deux_n + d) // deux_d if stock else 0
        else:
            e_1 = _part_arrondie(echeances, n, d)
            i_1 = _part_arrondie(interets, n, d)
            c_1 = _part_arrondie(capital_du, n, d)
            s_1 = _part_arrondie(stock, n, d)
        # fmt: off
        part = e_1 + ((i_1 + ((crd_1 - c_1 + ((c_1 + (s_1 << bits)) << bits)) << bits)) << bits)
        ligne = echeances + (
            (interets + ((crd - capital_du + ((capital_du + (stock << bits)) << bits)) << bits))
            << bits
        )
        # fmt: on
        premiers[annee] = premiers.get(annee, 0) + part
        seconds[annee] = seconds.get(annee, 0) + ligne - part
        crd_1, crd = c_1, capital_du


def _cle_ligne(pret: Pret, ligne: LigneDePret) -> str:
    return f"{pret.numero or ligne.contrat}/{ligne.identifiant}"


def verifier_portefeuille(prets: Sequence[Pret]) -> None:
    """Une même ligne donnée deux fois serait comptée deux fois : refusée."""
    _cles_des_lignes(prets)


def _cles_des_lignes(prets: Sequence[Pret]) -> dict[str, int]:
    """La clé d'unicité de chaque ligne (son contrat et son identifiant, :func:`cle_unicite`)
    → le rang de son prêt, dans l'ordre des lignes ; une ligne donnée deux fois est refusée."""
    vues: dict[str, int] = {}
    for rang, pret in enumerate(prets):
        for ligne in pret.lignes:
            cle = cle_de_texte_valide(_cle_ligne(pret, ligne))
            if cle in vues:
                raise ErreurValeur(
                    f"ligne présente deux fois dans le portefeuille (prêts {vues[cle] + 1} et "
                    f"{rang + 1}) : elle serait comptée deux fois",
                    cle="prets",
                    valeur=_cle_ligne(pret, ligne),
                )
            vues[cle] = rang
    return vues


def index_utilises(prets: Sequence[Pret]) -> frozenset[str]:
    return frozenset(x.index for p in prets for x in p.lignes)


def _en_centimes(montant: Decimal) -> int:
    """Un montant au centime (tous les montants d'un tableau le sont) en centimes entiers."""
    return int(montant.scaleb(2, _EXACT))


@moteur
def projeter_partie(
    prets: Sequence[Pret], scenario: Scenario, par: Agregation, *, lot: bool | None = None
) -> ProjectionPartielle:
    """La projection partielle de ``prets`` (une partie d'un portefeuille) sous ``scenario`` :
    ce que calcule un travailleur. Une ligne donnée deux fois dans la partie est refusée.
    ``lot`` : par défaut, une partie d'au moins ``SEUIL_LOT`` lignes est projetée par lots si
    numpy est installé (:mod:`collectivites.prets._lot`, la même projection à l'octet) ;
    ``True`` force le lot, ``False`` le calcul ligne par ligne. Sous plusieurs scénarios :
    :func:`projeter_sous_scenarios`."""
    return projeter_sous_scenarios(prets, (scenario,), par, lot=lot)[0]


@moteur
def projeter_sous_scenarios(
    prets: Sequence[Pret],
    scenarios: Sequence[Scenario],
    par: Agregation,
    *,
    lot: bool | None = None,
) -> tuple[ProjectionPartielle, ...]:
    """:func:`projeter_partie` sous chacun des ``scenarios``, dans l'ordre : ce que calcule un
    travailleur qui projette une partie sous plusieurs scénarios. Les clés des lignes ne
    dépendent pas du scénario : elles sont calculées (et une ligne en double refusée) une fois,
    et toutes les projections partagent le même ensemble de clés — que
    :class:`~collectivites.prets._partielle.Reunions` ne réunit qu'une fois par fusion."""
    lignes = EnsembleCles.de(_cles_des_lignes(prets))
    return tuple(_projeter_partie(prets, s, par, lot, lignes) for s in scenarios)


def _projeter_partie(
    prets: Sequence[Pret],
    scenario: Scenario,
    par: Agregation,
    lot: bool | None,
    lignes: EnsembleCles,
) -> ProjectionPartielle:
    """:func:`projeter_partie`, les clés des lignes (vérifiées) données."""
    if lot is not False:
        from collectivites.prets._lot import SEUIL_LOT, projeter_partie_lot

        if lot or len(lignes) >= SEUIL_LOT:
            partielle = projeter_partie_lot(prets, scenario, par, lignes)
            if partielle is not None:
                return partielle
    groupes: dict[str, _Cumuls] = {}
    paquets: dict[str, dict[int, int]] = {}  # deux garants : cumuls en paquets
    par_ligne: dict[str, SerieCentimes] = {}
    avertissements: dict[str, None] = {}
    sources: dict[tuple[str, Decimal], tuple[SourceIndex | None, SerieDatee | None]] = {}
    fins: dict[int, tuple[SerieDatee, dt.date]] = {}  # par série consultée : date la plus tardive
    nombre = 0
    for pret in prets:
        for ligne in pret.lignes:
            nombre += 1
            cle_source = (ligne.index, ligne.valeur_index_reference)
            trouvee = sources.get(cle_source)
            if trouvee is None:  # une source par index (les greffons se cherchent une fois)
                source = scenario.source_pour(ligne)
                trouvee = sources[cle_source] = (source, serie_de_source(source))
            source, serie = trouvee
            tableau = calculer_tableau(ligne, index=source)
            if tableau.notes:
                notes = tableau.notes
                if serie is not None and tableau.lignes:
                    fin = tableau.lignes.derniere_date  # sans construire de ligne
                    deja = fins.get(id(serie))
                    if deja is None or deja[1] < fin:
                        fins[id(serie)] = (serie, fin)
                    datees = serie.avertissements(fin)  # rédigés une fois, dans achever
                    notes = tuple(n for n in notes if n not in datees)
                avertissements.update(dict.fromkeys(notes))
            if par is Agregation.LIGNE:  # une clé par ligne : sa série compacte, aussitôt
                cle = _cle_ligne(pret, ligne)
                serie_ligne = SerieCentimes.de(_annees_en_centimes(tableau))
                deja_vue = par_ligne.get(cle)
                par_ligne[cle] = serie_ligne if deja_vue is None else deja_vue + serie_ligne
            elif par is Agregation.EMPRUNTEUR:
                cle = ligne.emprunteur or pret.emprunteur or "?"
                _ajouter_centimes(groupes.setdefault(cle, {}), _annees_en_centimes(tableau))
            elif len(garants := garants_de(pret, ligne)) == 2:
                capital = _en_centimes(tableau.capital)
                _ajouter_parts_deux(
                    (groupes, paquets), _annees_en_centimes(tableau), garants, capital
                )
            else:
                for nom, part in _parts(_annees_en_euros(tableau), garants, tableau.capital):
                    _ajouter_centimes(groupes.setdefault(nom, {}), _en_centimes_serie(part))
    _ajouter_paquets(groupes, paquets)
    return ProjectionPartielle(
        par=par,
        sommes=par_ligne or _figer(groupes),
        notes=tuple(avertissements),
        lignes=lignes,
        index=index_utilises(prets),
        nombre_lignes=nombre,
        consultations=tuple(fins.values()),
    )


@moteur
def achever(partie: ProjectionPartielle, scenario: Scenario) -> Projection:
    """La :class:`Projection` d'un portefeuille entier à partir de sa projection partielle
    (fusion de toutes ses parties) : refuse un scénario qui ne ferait rien, trie les clés."""
    if not partie.nombre_lignes:
        raise ErreurValeur("portefeuille vide", cle="prets", attendu="au moins un prêt")
    scenario.verifier_index(partie.index)
    cles = sorted(partie.sommes)
    series = SeriesCompactes(cles, [partie.sommes[cle] for cle in cles])
    return Projection(
        par=partie.par,
        series=series,
        titre=f"Projection par {partie.par.libelle} — {scenario.nom}",
        notes=tuple(
            dict.fromkeys(
                (
                    *scenario.notes,
                    *partie.notes,
                    *(n for serie, fin in partie.consultations for n in serie.avertissements(fin)),
                )
            )
        ),
    )


@moteur
def ecart(a: Projection, b: Projection, *, titre: str = "") -> Projection:
    """``b − a``, clé par clé et année par année (par exemple « Livret A + 1 point » moins
    l'historique)."""
    if a.par != b.par:
        raise ErreurValeur(
            "les deux projections ne sont pas agrégées de la même façon",
            valeur=f"{a.par.value} et {b.par.value}",
        )
    cles = sorted(set(a.cles) | set(b.cles))
    notes = (*a.notes, *(n for n in b.notes if n not in a.notes))
    if isinstance(a.series, SeriesCompactes) and isinstance(b.series, SeriesCompactes):
        vide = SerieCentimes((), ())
        compactes = SeriesCompactes(
            cles,
            [
                (b.series.centimes(cle) or vide).combiner(a.series.centimes(cle) or vide, -1)
                for cle in cles
            ],
        )
        return Projection(par=a.par, series=compactes, notes=notes, titre=titre)
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
    return Projection(par=a.par, series=tuple(series), notes=notes, titre=titre)
