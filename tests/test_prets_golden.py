"""Lignes de la Caisse des Dépôts contre des formules recalculées indépendamment.

Les tableaux imprimés (ligne 5165325 au centime, en-têtes, totaux) et les TEG de l'article 9 sont
des cas en données : ``tests/cas/pret/``."""

from __future__ import annotations

import datetime as dt

import pytest

from collectivites.prets import (
    calculer_tableau,
    date_paiement,
    exemple_pret,
)


@pytest.mark.parametrize(
    ("exemple", "identifiant", "montant", "taux_periode", "n"),
    [
        ("cdc-57769", "5152599", 256000, (1.0145**1) - 1, 40),
        ("cdc-57828", "5150376", 580000, (1.0145**0.5) - 1, 80),
        ("cdc-57828", "5150377", 110000, 0.0135, 50),
    ],
)
def test_annuites_constantes_contre_la_formule(
    exemple: str, identifiant: str, montant: int, taux_periode: float, n: int
) -> None:
    """Lignes sans progressivité : l'échéance est l'annuité constante K·t/(1 − (1 + t)^−n),
    recalculée ici indépendamment en flottants (à un centime près)."""
    ligne = next(x for x in exemple_pret(exemple).lignes if x.identifiant == identifiant)
    tableau = calculer_tableau(ligne)
    annuite = montant * taux_periode / (1 - (1 + taux_periode) ** -n)
    assert abs(float(tableau.lignes[0].echeance) - annuite) <= 0.01
    assert all(r.echeance == tableau.lignes[0].echeance for r in tableau.lignes[:-1])
    assert abs(float(tableau.lignes[0].interets) - montant * taux_periode) <= 0.005


def test_date_de_paiement_art_13() -> None:
    # L'échéance du samedi 6 décembre 2025 se paie le lundi 8.
    assert date_paiement(dt.date(2025, 12, 6)) == dt.date(2025, 12, 8)
    assert date_paiement(dt.date(2018, 12, 6)) == dt.date(2018, 12, 6)


def test_date_de_paiement_selon_la_zone() -> None:
    """Le vendredi 26 décembre 2025 est ouvré en métropole, férié en Alsace-Moselle (C. trav.
    L3134-13 : « le second jour de Noël ») : l'échéance s'y paie le lundi 29."""
    assert date_paiement(dt.date(2025, 12, 26)) == dt.date(2025, 12, 26)
    assert date_paiement(dt.date(2025, 12, 26), "alsace-moselle") == dt.date(2025, 12, 29)


def test_ligne_au_et_parcours() -> None:
    """``ligne_au`` rend la dernière échéance à la date donnée ou avant ; le tableau se parcourt
    dans l'ordre de ses lignes."""
    ligne = next(x for x in exemple_pret("cdc-57769").lignes if x.identifiant == "5152599")
    tableau = calculer_tableau(ligne)
    assert list(tableau) == list(tableau.lignes)
    troisieme = tableau.lignes[2]
    assert tableau.ligne_au(troisieme.date) is troisieme
    assert tableau.ligne_au(troisieme.date + dt.timedelta(days=1)) is troisieme
    assert tableau.ligne_au(troisieme.date - dt.timedelta(days=1)) is tableau.lignes[1]
    assert tableau.ligne_au(tableau.lignes[0].date - dt.timedelta(days=1)) is None
    assert tableau.ligne_au(dt.date(2200, 1, 1)) is tableau.lignes[-1]
