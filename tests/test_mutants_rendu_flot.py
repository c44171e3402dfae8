"""Le rendu en flot (``rendu/_flot.py``), suite du passage de mutation (issue 27) : le texte
d'un document dont une table est en flot s'écrit par morceaux (paquets de 2 000 lignes du rendu
texte), comme le CSV, le HTML et le JSON — il n'est pas rendu du document entier, dont les
lignes seraient gardées ensemble.
"""

from __future__ import annotations

from collectivites.rendu import rendre
from collectivites.rendu._flot import morceaux
from collectivites.tables import Document
from tests.test_mutation_rendu_flot import _cas


def test_texte_en_flot_par_paquets_de_2000_lignes() -> None:
    entier, sans, flot = _cas(4500)
    parties = [str(p) for p in morceaux(sans, flot, "texte")]
    assert "".join(parties) == rendre(entier, "texte")
    lignes_par_partie = [p.count("\n") for p in parties]
    # aucun morceau ne tient plus d'un paquet : 2 000, 2 000 puis 500 lignes de la table
    assert max(lignes_par_partie) == 2000
    assert lignes_par_partie.count(2000) == 2


def test_html_en_flot_avant_une_autre_table_vide() -> None:
    # la table en flot vient avant une autre table sans lignes : le squelette a deux
    # « <tbody></tbody> », les lignes vont dans le premier, celui de la table en flot
    import attrs

    entier, sans, flot = _cas(3, autre=True)

    def autre_vide(document: Document) -> Document:
        premiere, autre = document.tables
        return attrs.evolve(document, tables=(premiere, attrs.evolve(autre, lignes=())))

    entier, sans = autre_vide(entier), autre_vide(sans)
    assert rendre(sans, "html").count("<tbody></tbody>") == 2
    assert "".join(str(p) for p in morceaux(sans, flot, "html")) == rendre(entier, "html")
