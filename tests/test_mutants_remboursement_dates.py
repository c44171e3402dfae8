"""Remboursement anticipé volontaire (``prets/_remboursement.py``, ``_verifier_echeance``) : une
date qui n'est pas une échéance est refusée en nommant ses deux voisines (la dernière échéance
passée et la suivante), même loin dans le tableau ; seule la dernière échéance est refusée comme
telle, la deuxième est une date permise.

Ligne 5165325 du contrat d'exemple cdc-57851 : échéances annuelles au 6 décembre, de 2018 à 2067.
"""

from __future__ import annotations

import datetime as dt

import pytest

from collectivites.erreurs import ErreurValeur
from collectivites.prets import calendrier_remboursement, exemple_pret

D = dt.date
FONCIER = exemple_pret("cdc-57851").ligne("5165325")


def test_voisines_d_une_date_loin_dans_le_tableau() -> None:
    with pytest.raises(ErreurValeur) as erreur:
        calendrier_remboursement(FONCIER, D(2030, 1, 1))
    assert erreur.value.attendu == "une échéance (voisines : 2029-12-06, 2030-12-06)"


def test_la_deuxieme_echeance_est_permise() -> None:
    calendrier = calendrier_remboursement(FONCIER, D(2019, 12, 6))
    assert calendrier.date == D(2019, 12, 6)
    assert calendrier.date_calcul == D(2019, 10, 27)  # 40 jours avant
