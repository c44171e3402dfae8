"""Le rendu en flot (``rendu/_flot.py``), suite du passage de mutation (issue 27) : le texte
d'un document dont une table est en flot s'écrit par morceaux (paquets de 2 000 lignes du rendu
texte), comme le CSV, le HTML et le JSON — il n'est pas rendu du document entier, dont les
lignes seraient gardées ensemble.
"""

from __future__ import annotations

from collectivites.rendu import rendre
from collectivites.rendu._flot import morceaux
from tests.test_mutation_rendu_flot import _cas


def test_texte_en_flot_par_paquets_de_2000_lignes() -> None:
    entier, sans, flot = _cas(4500)
    parties = [str(p) for p in morceaux(sans, flot, "texte")]
    assert "".join(parties) == rendre(entier, "texte")
    lignes_par_partie = [p.count("\n") for p in parties]
    # aucun morceau ne tient plus d'un paquet : 2 000, 2 000 puis 500 lignes de la table
    assert max(lignes_par_partie) == 2000
    assert lignes_par_partie.count(2000) == 2
