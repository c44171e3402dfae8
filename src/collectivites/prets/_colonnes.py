"""Les échéances d'un tableau d'amortissement, gardées en colonnes et construites à la demande.

Le calcul d'un tableau (:func:`~collectivites.prets.calculer_tableau`) produit des *morceaux* :
les échéances que la boucle générale calcule une à une (une :class:`LigneTableau` chacune) et
les suites d'échéances courantes calculées d'une traite en centimes entiers (:class:`_Suite`).
:class:`LignesTableau` est la séquence publique des échéances : elle ne construit les lignes de
quatorze champs qu'au premier accès (indice, tranche, parcours, égalité…) et les garde.
:class:`ColonnesTableau` donne les mêmes échéances en colonnes — montants en centimes entiers —,
et leurs sommes par année civile, sans construire aucune ligne : c'est ce que lisent les
projections de portefeuille.
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
from collections.abc import Iterable, Iterator, Sequence
from decimal import ROUND_HALF_UP, Context, Decimal
from typing import Any, NamedTuple, overload

from collectivites.erreurs import ErreurValeur

__all__ = ["ColonnesTableau", "LigneTableau", "LignesTableau"]

#: Contexte propre aux conversions centimes ↔ euros : exactes, indépendantes de l'appelant.
_CONTEXTE = Context(prec=60, rounding=ROUND_HALF_UP)
_CENTIME = Decimal("0.01")
_ZERO_CENTIMES = Decimal("0.00")
_ZERO = Decimal(0)

#: Les montants d'une échéance, dans l'ordre de :class:`LigneTableau` (champs 5 à 13).
CHAMPS_MONTANTS = (
    "echeance",
    "amortissement",
    "interets",
    "interets_a_differer",
    "stock_rembourse",
    "capital_du",
    "stock_interets_differes",
    "remboursement_anticipe",
    "interets_differes_rembourses",
)


class LigneTableau(NamedTuple):
    """Une échéance du tableau (enregistrement immuable). ``taux`` est le taux actuariel annuel
    en vigueur sur la période, ``taux_progressivite`` le taux de progressivité annuel en vigueur.

    Contrairement aux modèles (``attrs``), les lignes du tableau sont des ``NamedTuple`` : un
    tableau de 480 échéances en crée 480, et le constructeur d'un ``NamedTuple`` est trois à
    quatre fois plus rapide (voir ``benchmarks/``). Elles ne sont construites qu'à la demande
    (:class:`LignesTableau`).
    """

    numero: int
    date: dt.date
    taux: Decimal
    taux_progressivite: Decimal
    valeur_index: Decimal
    echeance: Decimal
    amortissement: Decimal
    interets: Decimal
    interets_a_differer: Decimal
    stock_rembourse: Decimal
    capital_du: Decimal
    stock_interets_differes: Decimal
    remboursement_anticipe: Decimal = Decimal("0.00")
    interets_differes_rembourses: Decimal = Decimal("0.00")


class _Suite(NamedTuple):
    """Des échéances courantes consécutives, en centimes : même taux, même valeur d'index, ni
    intérêts différés ni remboursement anticipé. ``centimes_echeances`` : l'échéance postée en
    centimes, la même pour toutes (``echeances`` : le ``Decimal`` posté), ou celle de chaque
    échéance (progressivité : ``echeances`` vide, les ``Decimal`` écrits à la demande).

    Seul le capital dû après chaque échéance est gardé (``capital_du``, et ``capital_avant``
    celui d'avant la première) : l'amortissement est la baisse du capital dû, les intérêts
    l'échéance moins l'amortissement (:attr:`interets`, calculés à la demande)."""

    premier: int  # numéro de la première échéance
    dates: tuple[dt.date, ...]
    taux: Decimal
    taux_progressivite: Decimal
    valeur_index: Decimal
    echeances: Decimal | tuple[Decimal, ...]
    centimes_echeances: int | tuple[int, ...]
    capital_avant: int
    capital_du: Sequence[int]
    stock: Decimal

    def centimes_par_echeance(self) -> Sequence[int]:
        """L'échéance postée de chaque échéance, en centimes."""
        ce = self.centimes_echeances
        return (ce,) * len(self.dates) if isinstance(ce, int) else ce

    @property
    def interets(self) -> list[int]:
        """Les intérêts de chaque échéance, en centimes : q = e − (c_avant − c)."""
        restants = self.capital_du
        avants = itertools.chain((self.capital_avant,), restants)
        return [
            e - avant + apres
            for e, avant, apres in zip(self.centimes_par_echeance(), avants, restants, strict=False)
        ]


Morceau = LigneTableau | _Suite


def en_euros(centimes: int) -> Decimal:
    """``centimes`` en euros, au centime (``Decimal('448.50')``), exactement, sous tout
    contexte de l'appelant."""
    return _CONTEXTE.multiply(Decimal(centimes), _CENTIME)


def en_centimes(montant: Decimal, champ: str = "montant") -> int:
    """Un montant au centime en centimes entiers ; un montant au-delà du centime est refusé."""
    centimes = montant.scaleb(2, _CONTEXTE)
    entier = int(centimes)
    if entier != centimes:
        raise ErreurValeur(
            "un montant du tableau s'exprime au centime",
            cle=champ,
            valeur=montant,
            attendu="au plus deux décimales",
        )
    return entier


def _lignes_de_suite(suite: _Suite) -> Iterator[LigneTableau]:
    euros, nouvelle, zero = en_euros, tuple.__new__, _ZERO_CENTIMES
    i, p, v, stock = suite.taux, suite.taux_progressivite, suite.valeur_index, suite.stock
    centimes_e = suite.centimes_echeances
    n = len(suite.dates)
    if isinstance(centimes_e, int):
        echeances: Iterable[Decimal] = (suite.echeances,) * n  # type: ignore[assignment]
        centimes: Sequence[int] = (centimes_e,) * n
    else:
        echeances, centimes = map(euros, centimes_e), centimes_e
    for rang, date, e, ce, q, c in zip(
        range(suite.premier, suite.premier + n),
        suite.dates,
        echeances,
        centimes,
        suite.interets,
        suite.capital_du,
        strict=True,
    ):
        # fmt: off
        yield nouvelle(LigneTableau, (
            rang, date, i, p, v, e, euros(ce - q), euros(q), zero, zero, euros(c), stock,
            zero, zero,
        ))
        # fmt: on


def _construire(morceaux: Iterable[Morceau]) -> tuple[LigneTableau, ...]:
    lignes: list[LigneTableau] = []
    for morceau in morceaux:
        if isinstance(morceau, _Suite):
            lignes.extend(_lignes_de_suite(morceau))
        else:
            lignes.append(morceau)
    return tuple(lignes)


def _sommes_de_suite(
    suite: _Suite,
    resultat: dict[int, tuple[int, int, int, int, int]],
    annee: int,
    sommes: tuple[int, int, int, int],
    stock: int,
) -> tuple[int, tuple[int, int, int, int]]:
    """Ajoute une suite aux sommes de l'année en cours (échéances, intérêts, capital dû au
    début de l'année et après la dernière échéance), année civile par année civile : ses
    intérêts sont ses échéances moins la baisse du capital dû. Clôt dans ``resultat`` les
    années finies, l'amortissement d'une année étant la baisse de son capital dû (``stock`` :
    le stock d'intérêts différés, inchangé le long d'une suite). Rend (année en cours, ses
    sommes)."""
    e, i, debut, crd = sommes
    dates, restants, ce = suite.dates, suite.capital_du, suite.centimes_echeances
    n, rang, avant = len(dates), 0, suite.capital_avant
    if n == 1 and isinstance(ce, int):  # une seule échéance (fréquent : l'index change)
        while dates[0].year != annee:
            resultat[annee] = (e, i, debut - crd, crd, stock)
            e = i = 0
            debut = crd
            annee += 1
        crd = restants[0]
        return annee, (e + ce, i + ce - avant + crd, debut, crd)
    while rang < n:
        annee_r = dates[rang].year
        while annee_r != annee:  # clôt l'année en cours (et les années sans échéance)
            resultat[annee] = (e, i, debut - crd, crd, stock)
            e = i = 0
            debut = crd
            annee += 1
        fin = rang + 1
        if fin < n and dates[fin].year == annee_r:
            fin = bisect.bisect_left(dates, dt.date(annee_r + 1, 1, 1), fin)
        crd = restants[fin - 1]
        echeances = (fin - rang) * ce if isinstance(ce, int) else sum(ce[rang:fin])
        e += echeances
        i += echeances - (avant - crd)
        avant, rang = crd, fin
    return annee, (e, i, debut, crd)


def _par_annee_verifiee(
    lignes: Sequence[LigneTableau], annee: int, capital: int
) -> dict[int, tuple[int, int, int, int, int]]:
    """Les sommes par année de lignes construites à la main (``attrs.evolve``) : chaque montant
    converti en centimes (:func:`en_centimes` refuse un montant au-delà du centime)."""
    resultat: dict[int, tuple[int, int, int, int, int]] = {}
    crd, stock = capital, 0
    e = i = a = 0
    for m in lignes:
        while m.date.year != annee:
            resultat[annee] = (e, i, a, crd, stock)
            e = i = a = 0
            annee += 1
        # les montants lus (les nuls, fréquents, sans conversion)
        e += en_centimes(m.echeance) if m.echeance else 0
        i += en_centimes(m.interets) if m.interets else 0
        a += en_centimes(m.amortissement) if m.amortissement else 0
        if m.remboursement_anticipe:
            a += en_centimes(m.remboursement_anticipe)
        crd = en_centimes(m.capital_du) if m.capital_du else 0
        stock = en_centimes(m.stock_interets_differes) if m.stock_interets_differes else 0
    resultat[annee] = (e, i, a, crd, stock)
    return resultat


def _centimes_surs(montant: Decimal) -> int:
    """Un montant posté par le calcul (arrondi au centime) en centimes, sans vérification."""
    return int(montant.scaleb(2, _CONTEXTE))


def _par_annee_calculee(
    morceaux: Sequence[Morceau], annee: int, capital: int
) -> dict[int, tuple[int, int, int, int, int]]:
    """Les sommes par année d'un tableau calculé, en lisant le moins de montants possible.
    L'amortissement d'une année (remboursements anticipés compris) est la baisse du capital dû
    sur l'année : le calcul retranche chaque amortissement et chaque remboursement du capital
    dû, au centime. Une suite donne ses sommes (:func:`_sommes_de_suite`) ; une autre échéance
    ses intérêts et son capital dû, et son échéance se déduit de e = a + i + s − d (a : la
    baisse du capital dû, s : le stock remboursé, d : les intérêts à différer), lue seulement
    avec un remboursement anticipé."""
    resultat: dict[int, tuple[int, int, int, int, int]] = {}
    centimes = _centimes_surs
    crd = debut = capital  # capital dû : courant et au début de l'année
    stock = e = i = 0
    for m in morceaux:
        if isinstance(m, _Suite):
            annee, (e, i, debut, crd) = _sommes_de_suite(
                m, resultat, annee, (e, i, debut, crd), stock
            )
            stock = centimes(m.stock) if m.stock else 0
            continue
        while m.date.year != annee:  # clôt l'année (et les années sans échéance)
            resultat[annee] = (e, i, debut - crd, crd, stock)
            e = i = 0
            debut = crd
            annee += 1
        q = centimes(m.interets) if m.interets else 0
        apres = centimes(m.capital_du) if m.capital_du else 0
        if m.remboursement_anticipe:
            e += centimes(m.echeance) if m.echeance else 0
        else:
            e += q + crd - apres
            if m.stock_rembourse:
                e += centimes(m.stock_rembourse)
            if m.interets_a_differer:
                e -= centimes(m.interets_a_differer)
        i += q
        crd = apres
        stock = centimes(m.stock_interets_differes) if m.stock_interets_differes else 0
    resultat[annee] = (e, i, debut - crd, crd, stock)
    return resultat


class LignesTableau(Sequence[LigneTableau]):
    """Les échéances d'un tableau : une séquence immuable de :class:`LigneTableau`, qui se
    compare, s'indexe, se découpe (une tranche est un ``tuple``) et se hache comme le ``tuple``
    de ses lignes. Les lignes ne sont construites qu'au premier accès, puis gardées ; la longueur
    et les colonnes (:attr:`colonnes`) n'en construisent aucune."""

    __slots__ = ("_colonnes", "_lignes", "_longueur", "_morceaux")

    def __init__(self, morceaux: Iterable[Morceau] = ()) -> None:
        self._morceaux: tuple[Morceau, ...] = tuple(morceaux)
        self._longueur = len(self._morceaux)
        for m in self._morceaux:
            if type(m) is _Suite:
                self._longueur += len(m.dates) - 1
        self._lignes: tuple[LigneTableau, ...] | None = None
        self._colonnes: ColonnesTableau | None = None

    @classmethod
    def de(cls, lignes: Iterable[LigneTableau]) -> LignesTableau:
        """Depuis des lignes déjà construites (``attrs.evolve(tableau, lignes=…)``)."""
        if isinstance(lignes, LignesTableau):
            return lignes
        resultat = cls(lignes)
        resultat._lignes = resultat._morceaux  # type: ignore[assignment]
        return resultat

    def _tuple(self) -> tuple[LigneTableau, ...]:
        lignes = self._lignes
        if lignes is None:
            lignes = self._lignes = _construire(self._morceaux)
        return lignes

    @property
    def morceaux(self) -> tuple[Morceau, ...]:
        """Les morceaux du calcul (lignes et suites en centimes) : pour les lecteurs internes."""
        return self._morceaux

    @property
    def derniere_date(self) -> dt.date:
        """La date de la dernière échéance (sans construire de ligne)."""
        dernier = self._morceaux[-1]
        return dernier.dates[-1] if isinstance(dernier, _Suite) else dernier.date

    @property
    def en_centimes(self) -> bool:
        """Vrai si des échéances sont gardées en centimes (des suites du calcul)."""
        return any(isinstance(m, _Suite) for m in self._morceaux)

    @property
    def colonnes(self) -> ColonnesTableau:
        """Les échéances en colonnes (gardées au premier appel)."""
        colonnes = self._colonnes
        if colonnes is None:
            calculees = self._lignes is None or self._lignes is not self._morceaux
            colonnes = self._colonnes = ColonnesTableau(self._morceaux, verifier=not calculees)
        return colonnes

    def __len__(self) -> int:
        return self._longueur

    def par_annee(
        self, premiere_annee: int, capital: int
    ) -> dict[int, tuple[int, int, int, int, int]]:
        """:meth:`ColonnesTableau.par_annee`, lu directement dans les morceaux du calcul (ni
        lignes ni colonnes construites) : ce que lisent les projections de portefeuille."""
        if not self._longueur:
            return {}
        lignes = self._lignes
        if lignes is not None and lignes is self._morceaux:  # faites à la main : vérifiées
            return _par_annee_verifiee(lignes, premiere_annee, capital)
        return _par_annee_calculee(self._morceaux, premiere_annee, capital)

    def __bool__(self) -> bool:
        return self._longueur > 0

    @overload
    def __getitem__(self, rang: int) -> LigneTableau: ...
    @overload
    def __getitem__(self, rang: slice) -> tuple[LigneTableau, ...]: ...
    def __getitem__(self, rang: int | slice) -> LigneTableau | tuple[LigneTableau, ...]:
        return self._tuple()[rang]

    def __iter__(self) -> Iterator[LigneTableau]:
        return iter(self._tuple())

    def __reversed__(self) -> Iterator[LigneTableau]:
        return reversed(self._tuple())

    def __contains__(self, valeur: object) -> bool:
        return valeur in self._tuple()

    def __eq__(self, autre: object) -> bool:
        if isinstance(autre, LignesTableau):
            return self is autre or self._tuple() == autre._tuple()
        if isinstance(autre, tuple):
            return self._tuple() == autre
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self._tuple())

    def __add__(self, autre: object) -> tuple[LigneTableau, ...]:
        if isinstance(autre, LignesTableau):
            return self._tuple() + autre._tuple()
        if isinstance(autre, tuple):
            return self._tuple() + autre
        return NotImplemented

    def __radd__(self, autre: object) -> tuple[LigneTableau, ...]:
        if isinstance(autre, tuple):
            return autre + self._tuple()
        return NotImplemented

    def __repr__(self) -> str:
        return repr(self._tuple())

    def __reduce__(self) -> tuple[Any, ...]:
        if self._lignes is not None and self._lignes is self._morceaux:
            return (LignesTableau.de, (self._lignes,))
        return (LignesTableau, (self._morceaux,))


def _centimes_de_ligne(ligne: LigneTableau, *, verifier: bool = True) -> list[int]:
    """Les montants d'une ligne en centimes (les nuls, fréquents, sans conversion) ; sans
    ``verifier`` : des montants postés par le calcul, au centime par construction."""
    if not verifier:
        return [_centimes_surs(valeur) if valeur else 0 for valeur in ligne[5:]]
    return [
        en_centimes(valeur, champ) if valeur else 0
        for valeur, champ in zip(ligne[5:], CHAMPS_MONTANTS, strict=True)
    ]


class ColonnesTableau:
    """Les échéances d'un tableau en colonnes, pour un carnet ou un calcul de masse : ``dates``,
    ``taux``, ``taux_progressivite``, ``valeur_index`` (une valeur par échéance) et chaque montant
    de :class:`LigneTableau` (``echeance``, ``amortissement``, ``interets``, ``capital_du``…) en
    **centimes entiers** (``int``), dans l'ordre des échéances. Aucune ligne n'est construite.

    >>> from collectivites.prets import calculer_tableau, exemple_pret
    >>> colonnes = calculer_tableau(exemple_pret("cdc-57828").ligne("5150377")).colonnes
    >>> colonnes.interets[0], colonnes.capital_du[-1]
    (148500, 0)
    """

    __slots__ = (
        "amortissement",
        "capital_du",
        "dates",
        "echeance",
        "interets",
        "interets_a_differer",
        "interets_differes_rembourses",
        "remboursement_anticipe",
        "stock_interets_differes",
        "stock_rembourse",
        "taux",
        "taux_progressivite",
        "valeur_index",
    )

    dates: tuple[dt.date, ...]
    taux: tuple[Decimal, ...]
    taux_progressivite: tuple[Decimal, ...]
    valeur_index: tuple[Decimal, ...]
    echeance: tuple[int, ...]
    amortissement: tuple[int, ...]
    interets: tuple[int, ...]
    interets_a_differer: tuple[int, ...]
    stock_rembourse: tuple[int, ...]
    capital_du: tuple[int, ...]
    stock_interets_differes: tuple[int, ...]
    remboursement_anticipe: tuple[int, ...]
    interets_differes_rembourses: tuple[int, ...]

    def __init__(self, morceaux: Sequence[Morceau], *, verifier: bool = True) -> None:
        # ``verifier`` : chaque montant d'une ligne vérifié au centime (lignes faites à la main)
        colonnes: list[list[Any]] = [[] for _ in range(13)]
        dates, taux, prog, valeurs, e, a, i, ad, sr, c, st, ra, idr = colonnes
        for m in morceaux:
            if isinstance(m, _Suite):
                n = len(m.dates)
                dates.extend(m.dates)
                taux.extend((m.taux,) * n)
                prog.extend((m.taux_progressivite,) * n)
                valeurs.extend((m.valeur_index,) * n)
                interets = m.interets
                e_suite = m.centimes_par_echeance()
                e.extend(e_suite)
                a.extend(map(int.__sub__, e_suite, interets))
                i.extend(interets)
                c.extend(m.capital_du)
                zeros = (0,) * n
                for colonne in (ad, sr, ra, idr):
                    colonne.extend(zeros)
                st.extend((en_centimes(m.stock),) * n)
            else:
                dates.append(m.date)
                taux.append(m.taux)
                prog.append(m.taux_progressivite)
                valeurs.append(m.valeur_index)
                for colonne, valeur in zip(
                    (e, a, i, ad, sr, c, st, ra, idr),
                    _centimes_de_ligne(m, verifier=verifier),
                    strict=True,
                ):
                    colonne.append(valeur)
        noms = ("dates", "taux", "taux_progressivite", "valeur_index", *CHAMPS_MONTANTS)
        for nom, colonne in zip(noms, colonnes, strict=True):
            object.__setattr__(self, nom, tuple(colonne))

    def __len__(self) -> int:
        return len(self.dates)

    def __setattr__(self, nom: str, valeur: object) -> None:
        raise AttributeError(f"ColonnesTableau est immuable : {nom}")

    def total(self, champ: str) -> int:
        """La somme d'une colonne de montants, en centimes."""
        if champ not in CHAMPS_MONTANTS:
            raise ErreurValeur(
                "colonne inconnue", cle="champ", valeur=champ, attendu=", ".join(CHAMPS_MONTANTS)
            )
        return sum(getattr(self, champ))

    def par_annee(
        self, premiere_annee: int | None = None, capital: int = 0
    ) -> dict[int, tuple[int, int, int, int, int]]:
        """Par année civile, en centimes : (échéances, intérêts, amortissement — remboursements
        anticipés compris —, capital dû et stock d'intérêts différés en fin d'année). Depuis
        ``premiere_annee`` (par défaut, celle de la première échéance) : une année sans échéance
        garde le capital dû (``capital`` avant la première) et le stock de l'année précédente."""
        resultat: dict[int, tuple[int, int, int, int, int]] = {}
        if not self.dates:
            return resultat
        annee = self.dates[0].year if premiere_annee is None else premiere_annee
        crd, stock = capital, 0
        echeances = interets = amortissement = 0
        for date, e, i, a, ra, c, s in zip(
            self.dates,
            self.echeance,
            self.interets,
            self.amortissement,
            self.remboursement_anticipe,
            self.capital_du,
            self.stock_interets_differes,
            strict=True,
        ):
            if date.year != annee:
                while date.year != annee:  # clôt l'année en cours (et les années sans échéance)
                    resultat[annee] = (echeances, interets, amortissement, crd, stock)
                    echeances = interets = amortissement = 0
                    annee += 1
            echeances += e
            interets += i
            amortissement += a + ra
            crd, stock = c, s
        resultat[annee] = (echeances, interets, amortissement, crd, stock)
        return resultat
