"""Dossier REP (``regles/rep/_dossier.py``) : ce que le TOML d'un exemple livré donne (nom,
vigueur, coefficient, tonnages, hypothèses) arrive dans le dossier, puis dans le calcul."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from collectivites.regles.rep import calculer_dossier_rep, exemple_rep

HYPOTHESE_PAPIERS = (
    "Tonnages fictifs ; le coefficient de 0,85 illustre un taux d'acquittement, à remplacer par "
    "celui publié pour l'année."
)


def test_dossier_par_tonne_lu_du_toml() -> None:
    dossier = exemple_rep("rep-papiers-2024")
    assert dossier.nom == "Syndicat fictif — papiers graphiques 2024"
    assert dossier.coefficient == Decimal("0.85")
    assert [t.tonnes for t in dossier.tonnages] == [Decimal("12.400"), Decimal("318.250")]
    assert dossier.hypotheses == (HYPOTHESE_PAPIERS,)
    assert (dossier.debut, dossier.fin) == (None, None)


def test_calcul_du_dossier_par_tonne() -> None:
    resultat = calculer_dossier_rep(exemple_rep("rep-papiers-2024"))
    assert resultat.coefficient == Decimal("0.85")
    assert HYPOTHESE_PAPIERS in resultat.hypotheses
    assert resultat.montant_brut > 0  # les tonnages sont comptés


def test_vigueur_lue_et_transmise() -> None:
    """« en_vigueur_au » est le dernier jour : la fin (exclue) est le lendemain."""
    dossier = exemple_rep("rep-oraison-2022")
    assert (dossier.debut, dossier.fin) == (dt.date(2022, 1, 1), dt.date(2023, 1, 1))
    resultat = calculer_dossier_rep(dossier)
    assert (resultat.debut, resultat.fin) == (dt.date(2022, 1, 1), dt.date(2023, 1, 1))
    groupement = exemple_rep("rep-groupement-2021")
    assert groupement.debut == dt.date(2021, 7, 1)
    assert calculer_dossier_rep(groupement).debut == dt.date(2021, 7, 1)
