"""Les documents budgétaires livrés en exemple (``dette/_exemples.py``) : leur liste, leur lecture
et le refus d'un nom inconnu, avec la suggestion du nom le plus proche."""

from __future__ import annotations

import attrs
import pytest

from collectivites.dette import documents_exemples, exemple_document
from collectivites.erreurs import ErreurDossier


def test_liste_des_documents_livres() -> None:
    """Les deux fichiers XML du dossier ``exemples/docbudg`` (sa PROVENANCE.md n'en est pas)."""
    assert documents_exemples() == ["crach-bp-2022", "crach-ca-2021"]


@pytest.mark.parametrize(
    ("nom", "exercice", "compte"),
    [("crach-ca-2021", 2021, True), ("crach-bp-2022", 2022, False)],
)
def test_exemple_lu_comme_un_fichier(nom: str, exercice: int, compte: bool) -> None:
    """Un compte administratif (ca) est un compte, un budget primitif (bp) non ; la source dit
    d'où vient le document."""
    document = exemple_document(nom)
    assert (document.collectivite, document.exercice, document.est_compte) == (
        "CRACH",
        exercice,
        compte,
    )
    assert document.source == f"{nom}.xml (exemple livré)"


def test_nom_proche_suggere() -> None:
    with pytest.raises(ErreurDossier) as refus:
        exemple_document("crach-ca-2012")
    assert (refus.value.message, refus.value.valeur, refus.value.attendu) == (
        "document d'exemple inconnu ; vouliez-vous dire « crach-ca-2021 » ?",
        "crach-ca-2012",
        "crach-bp-2022, crach-ca-2021",
    )


def test_nom_sans_voisin_sans_suggestion() -> None:
    with pytest.raises(ErreurDossier) as refus:
        exemple_document("zzz")
    assert refus.value.message == "document d'exemple inconnu"


@pytest.mark.parametrize(
    ("sous_jacent", "structure", "classe"),
    [("1", "A", "1A"), ("", "A", ""), ("1", "", ""), ("", "", "")],
)
def test_classe_de_la_charte_seulement_avec_ses_deux_parties(
    sous_jacent: str, structure: str, classe: str
) -> None:
    """La classe Gissler s'écrit sous-jacent puis structure (« 1A ») ; une seule des deux ne
    fait pas une classe."""
    emprunt = exemple_document("crach-ca-2021").emprunts[0]
    assert attrs.evolve(emprunt, sous_jacent=sous_jacent, structure=structure).gissler == classe
