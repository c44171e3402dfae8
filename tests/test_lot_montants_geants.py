"""Un montant que les colonnes du lot ne tiennent pas (au-delà des entiers de 64 bits en
centimes) : le lot renonce et la projection ligne par ligne calcule, au lieu d'un refus trompeur
(« date ou nombre hors des limites du calendrier ») que la projection ligne par ligne ne fait
pas."""

from __future__ import annotations

from decimal import Decimal

import attrs

from collectivites.prets import exemple_pret, scenario
from collectivites.prets._partielle import Agregation
from collectivites.prets._portefeuille import projeter_partie


def test_capital_hors_des_entiers_de_64_bits() -> None:
    pret = exemple_pret("cdc-57851")
    # 10^17 € = 10^19 centimes > 2^63 − 1 ≈ 9,2 × 10^18
    geant = attrs.evolve(
        pret,
        lignes=tuple(
            attrs.evolve(ligne, montant=Decimal("100000000000000000.00")) for ligne in pret.lignes
        ),
    )
    s = scenario("historique")
    par_ligne = projeter_partie([geant], s, Agregation.GARANT, lot=False)
    assert projeter_partie([geant], s, Agregation.GARANT, lot=True) == par_ligne
    assert par_ligne.nombre_lignes == len(pret.lignes)
