"""Les colonnes en centimes d'un tableau et son noyau entier.

* les colonnes (:attr:`TableauAmortissement.colonnes`) disent, au centime, ce que disent les
  lignes, et leurs sommes par année ce que donnerait une somme des lignes ; les calculer ne
  construit aucune ligne ;
* chaque montant s'écrit au centime, une ligne d'une seule échéance d'un montant à une décimale
  comprise (``448.50`` et ``0.00``, non ``448.5`` et ``0.0``) ;
* le noyau entier des suites (``(K·m + d/2) // d``) donne les centimes de l'opération
  ``Decimal`` de la boucle générale, y compris là où l'arrondi intermédiaire à 34 chiffres
  compte : ces échéances sont reconnues et confiées à l'opération ``Decimal`` (garde exercée
  exprès, et un noyau sans garde se trompe sur les mêmes cas) ;
* avec un index décalé (choc) ou la constante C des prêts anciens, suites et boucle générale
  seule donnent les mêmes tableaux.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal, localcontext
from unittest import mock

import attrs
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from collectivites._moteur import CONTEXTE_CALCUL, CONTEXTE_MONTANTS
from collectivites.erreurs import ErreurCollectivites
from collectivites.prets import IndexDecale, calculer_tableau, serie_index
from collectivites.prets import _tableau as module_tableau
from collectivites.prets._colonnes import CHAMPS_MONTANTS, en_centimes

from .strategies import lignes_de_pret
from .test_tableau_suites import _deux_fois

CENTIME = Decimal("0.01")


def _par_annee_des_lignes(tableau):  # type: ignore[no-untyped-def]
    """Les sommes par année, calculées sur les lignes en Decimal (la définition)."""
    resultat: dict[int, tuple[Decimal, ...]] = {}
    annee = tableau.date_debut_amortissement.year
    crd, stock = tableau.capital, Decimal(0)
    e = i = a = Decimal(0)
    for r in tableau.lignes:
        while r.date.year != annee:
            resultat[annee] = (e, i, a, crd, stock)
            e = i = a = Decimal(0)
            annee += 1
        e += r.echeance
        i += r.interets
        a += r.amortissement + r.remboursement_anticipe
        crd, stock = r.capital_du, r.stock_interets_differes
    if tableau.lignes:
        resultat[annee] = (e, i, a, crd, stock)
    return {a: tuple(int(v * 100) for v in vals) for a, vals in resultat.items()}


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(lignes_de_pret(), st.booleans())
def test_les_colonnes_disent_les_lignes(ligne, historique: bool) -> None:
    try:
        tableau = calculer_tableau(ligne, index=serie_index("livret_a") if historique else None)
    except ErreurCollectivites:
        return
    colonnes = tableau.colonnes
    par_annee = tableau.par_annee()
    assert tableau.lignes._lignes is None, "colonnes et sommes sans construire de ligne"
    assert len(colonnes) == len(tableau.lignes)
    assert colonnes.dates == tuple(r.date for r in tableau.lignes)
    for champ in ("taux", "taux_progressivite", "valeur_index"):
        assert getattr(colonnes, champ) == tuple(getattr(r, champ) for r in tableau.lignes)
    for champ in CHAMPS_MONTANTS:
        valeurs = getattr(colonnes, champ)
        assert all(type(v) is int for v in valeurs)
        assert valeurs == tuple(int(getattr(r, champ) * 100) for r in tableau.lignes), champ
        assert colonnes.total(champ) == sum(valeurs)
    assert par_annee == _par_annee_des_lignes(tableau)
    capital = en_centimes(tableau.capital)
    annee = tableau.date_debut_amortissement.year
    assert colonnes.par_annee(annee, capital) == par_annee


def test_colonnes_sans_construire_de_ligne() -> None:
    from collectivites.prets import exemple_pret

    ligne = attrs.evolve(exemple_pret("cdc-57828").ligne("5150377"), duree=480)
    tableau = calculer_tableau(ligne, index=serie_index("livret_a"))
    assert len(tableau) == 480
    tableau.total_echeances, tableau.total_interets, tableau.par_annee()
    assert tableau.lignes._lignes is None
    assert tableau.colonnes.capital_du[-1] == 0
    premiere = tableau.lignes[0]
    assert tableau.lignes._lignes is not None
    assert tableau.colonnes.interets[0] == en_centimes(premiere.interets)
    with pytest.raises(AttributeError):
        tableau.colonnes.interets = ()  # type: ignore[misc]
    with pytest.raises(ErreurCollectivites):
        tableau.colonnes.total("taux")


@pytest.mark.parametrize("montant", ["448.5", "448", "448.50", "1000.000", "0.1"])
@pytest.mark.parametrize("periodicite", ["annuelle", "mensuelle"])
def test_une_seule_echeance_au_centime(montant: str, periodicite: str) -> None:
    from collectivites.prets import LigneDePret

    ligne = LigneDePret(
        identifiant="x",
        montant=Decimal(montant),
        date_debut_amortissement=dt.date(2024, 1, 1),
        duree=1,
        periodicite=periodicite,
        index="livret_a",
        valeur_index_reference=Decimal("0.03"),
        marge=Decimal("0.006"),
        taux_interet=Decimal("0.036"),
        profil="amortissement_deduit_interets_differes",
        revision="SR",
    )
    (seule,) = calculer_tableau(ligne).lignes
    for champ in CHAMPS_MONTANTS:
        assert getattr(seule, champ).as_tuple().exponent == -2, (champ, getattr(seule, champ))
    assert str(seule.amortissement) == str(Decimal(montant).quantize(CENTIME))
    assert str(seule.capital_du) == "0.00"


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(lignes_de_pret(), st.sampled_from(["1", "10", "1000"]))
def test_chaque_montant_au_centime(ligne, echelle: str) -> None:
    # Un même montant écrit avec plus ou moins de zéros (« 1000 », « 1000.000 ») : même tableau.
    montant = (ligne.montant * Decimal(echelle)).quantize(Decimal(1)) / Decimal(echelle)
    try:
        ligne = attrs.evolve(ligne, montant=montant)
        tableau = calculer_tableau(ligne)
    except ErreurCollectivites:
        return
    for r in tableau.lignes:
        for champ in CHAMPS_MONTANTS:
            assert getattr(r, champ).as_tuple().exponent == -2, (champ, r)


# --- Le noyau entier et sa garde --------------------------------------------------------------


def _decimal(centimes: int, t: Decimal, contexte=CONTEXTE_MONTANTS) -> int:  # type: ignore[no-untyped-def]
    """L'opération de la boucle générale : K × t à 34 chiffres dans le contexte du moteur, puis
    arrondi au centime, au demi supérieur."""
    with localcontext(contexte):
        crd = Decimal(centimes) / 100
        return int(CONTEXTE_MONTANTS.quantize(crd * t, CENTIME) * 100)


def _entier(centimes: int, t: Decimal, garde: bool = True) -> int:
    m, d, demi, u, haut = module_tableau._noyau_entier(t, centimes)
    q, reste = divmod(centimes * m + demi, d)
    if garde and (reste < u or reste > haut):
        with localcontext(CONTEXTE_MONTANTS):
            return module_tableau._interets_exacts(centimes, t)
    return q


def _cas_ambigus(nombre: int, graine: int) -> list[tuple[int, Decimal]]:
    """Des (capital, taux à 34 chiffres) dont le produit exact est à moins d'une unité du 34e
    chiffre sous un demi-centime : l'arrondi à 34 chiffres le porte au demi-centime, que le
    demi supérieur arrondit au centime au-dessus ; l'arrondi exact, au-dessous."""
    tirage = random.Random(graine)
    cas = []
    d = 10**36
    while len(cas) < nombre:
        capital = tirage.randrange(10**7, 10**8)
        m0 = tirage.randrange(10**33, 10**34)
        q = m0 * capital // d
        m = (q * d + d // 2) // capital
        if 10**33 <= m < 10**34 and (q * d + d // 2) - capital * m > 0:
            cas.append((capital, Decimal(f"{m}E-36")))
    return cas


def test_la_garde_reconnait_les_arrondis_ambigus() -> None:
    cas = _cas_ambigus(200, graine=26)
    sans_garde = [c for c in cas if _entier(*c, garde=False) != _decimal(*c)]
    assert len(sans_garde) > 50, "les cas construits doivent tromper un noyau sans garde"
    for capital, t in cas:
        assert _entier(capital, t) == _decimal(capital, t), (capital, t)
        # au pair à 34 chiffres (contexte d'un autre moteur appelant) : même garde, même refuge
        with localcontext(CONTEXTE_CALCUL):
            assert module_tableau._interets_exacts(capital, t) == _decimal(
                capital, t, CONTEXTE_CALCUL
            )


def test_la_garde_sert_dans_une_suite() -> None:
    capital, t = _cas_ambigus(1, graine=3)[0]
    restants: list[int] = []
    appels = []
    vrai = module_tableau._interets_exacts

    def compter(c: int, taux: Decimal) -> int:
        appels.append(c)
        return vrai(c, taux)

    e = _decimal(capital, t) + 10**6
    with (
        mock.patch.object(module_tableau, "_interets_exacts", compter),
        localcontext(CONTEXTE_MONTANTS),
    ):
        module_tableau._suite_figee(
            restants, (0, 3), (capital, e), t, module_tableau._noyau_entier(t, capital)
        )
    assert appels[0] == capital
    # la suite ne garde que le capital dû : c = capital − (e − intérêts exacts)
    assert restants[0] == capital - (e - _decimal(capital, t))


@settings(max_examples=2000, deadline=None)
@given(
    st.integers(min_value=0, max_value=10**13),
    st.integers(min_value=0, max_value=10**34 - 1),
    st.integers(min_value=-40, max_value=0),
)
def test_le_noyau_entier_donne_les_centimes_decimal(centimes: int, m: int, exposant: int) -> None:
    t = Decimal(f"{m}E{exposant}")
    assume(t < 10)  # un taux de période (au-delà, la boucle générale refuse aussi)
    assert _entier(centimes, t) == _decimal(centimes, t)


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=1, max_value=10**13), st.sampled_from(["0.01", "0.010", "0.0100"]))
def test_cache_des_taux_selon_l_ecriture(centimes: int, ecriture: str) -> None:
    # 0.01 et 0.010 : même valeur, écritures différentes, clés distinctes du cache.
    t = Decimal(ecriture)
    assert _entier(centimes, t) == _decimal(centimes, t) == (centimes + 50) // 100


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from(["DR", "DL"]).flatmap(lambda r: lignes_de_pret(revision=r)),
    st.integers(-200, 300),
    st.dates(min_value=dt.date(2005, 1, 1), max_value=dt.date(2040, 1, 1)),
    st.sampled_from([None, Decimal("1.05"), Decimal("1.1")]),
)
def test_choc_et_prets_anciens(ligne, points: int, depuis: dt.date, constante) -> None:  # type: ignore[no-untyped-def]
    try:
        ligne = attrs.evolve(ligne, constante_revision=constante)
    except ErreurCollectivites:
        return
    choc = IndexDecale(source=serie_index("livret_a"), ecart=Decimal(points) / 10000, depuis=depuis)
    _deux_fois(ligne, index=choc)
