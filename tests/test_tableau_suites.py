"""Les suites d'échéances courantes calculées d'une traite (``_suite_courante``) donnent, à la
représentation près de chaque ``Decimal``, le tableau de la boucle générale seule : même index
figé ou historique, différés, progressivité, profils, base exacte, remboursements anticipés."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from collectivites.erreurs import ErreurCollectivites
from collectivites.prets import TableauAmortissement, calculer_tableau, serie_index
from collectivites.prets import _tableau as module_tableau
from collectivites.prets._echeancier import dates_echeances

from .strategies import lignes_de_pret


def _sans_suite(lignes, dates, bornes, valeur_au, etat, taux, echeances):  # type: ignore[no-untyped-def]
    """La suite qui ne calcule rien : la boucle générale fait chaque échéance."""
    j, _fin = bornes
    debut, _valeur, crd, _stock = etat
    return (j, debut, crd, *echeances)


def _empreinte(tableau: TableauAmortissement) -> list[tuple[str, ...]]:
    return [tuple(map(repr, ligne)) for ligne in tableau.lignes]


def _deux_fois(ligne, **options):  # type: ignore[no-untyped-def]
    try:
        rapide = calculer_tableau(ligne, **options)
    except ErreurCollectivites as exc:
        message = exc.message
    else:
        message = None
    with mock.patch.object(module_tableau, "_suite_courante", _sans_suite):
        if message is not None:
            with pytest.raises(ErreurCollectivites) as refus:
                calculer_tableau(ligne, **options)
            assert refus.value.message == message, "refus propre aux suites"
            return
        lente = calculer_tableau(ligne, **options)
    assert _empreinte(rapide) == _empreinte(lente)
    assert rapide == lente


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    lignes_de_pret(),
    st.integers(min_value=0, max_value=24),
    st.booleans(),
    st.sampled_from(["30/360", "exact/365"]),
    st.booleans(),
)
def test_les_suites_donnent_le_tableau_de_la_boucle_generale(
    ligne, differe: int, capitalise: bool, base: str, historique: bool
) -> None:
    import attrs

    try:
        ligne = attrs.evolve(
            ligne,
            differe_amortissement_mois=differe,
            differe_capitalise=capitalise and differe > 0,
            base_calcul=base,
        )
    except ErreurCollectivites:
        return  # un différé plus long que la ligne : refusé par le modèle
    _deux_fois(ligne, index=serie_index("livret_a") if historique else None)


@settings(max_examples=100, deadline=None)
@given(lignes_de_pret(periodicite="mensuelle", duree=60), st.integers(2, 58), st.data())
def test_les_suites_et_les_remboursements_anticipes(ligne, rang: int, data: st.DataObject) -> None:
    jour = dates_echeances(ligne)[rang - 1]
    montant = data.draw(st.integers(min_value=1, max_value=int(ligne.montant * 100)))
    _deux_fois(ligne, remboursements={jour: Decimal(montant) / 100})


def test_la_suite_sert_sur_le_cas_courant() -> None:
    # Le test ci-dessus ne vaut que si les suites calculent vraiment des échéances.
    from collectivites.prets import exemple_pret

    ligne = next(x for x in exemple_pret("cdc-57828").lignes if x.identifiant == "5150377")
    appels = []
    vraie = module_tableau._suite_courante

    def compter(*args):  # type: ignore[no-untyped-def]
        resultat = vraie(*args)
        appels.append(resultat[0] - args[2][0])
        return resultat

    with mock.patch.object(module_tableau, "_suite_courante", compter):
        tableau = calculer_tableau(ligne)
    assert len(tableau) == 50
    assert appels == [48]  # la 1re et la 50e par la boucle générale, les 48 autres d'une traite
    assert tableau.lignes[-1].date > dt.date(2020, 1, 1)
