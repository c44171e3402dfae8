"""Les documents budgétaires livrés en exemple (commune de Crach, voir leur provenance dans
``collectivites/donnees/exemples/docbudg/PROVENANCE.md``)."""

from __future__ import annotations

import difflib
from importlib import resources

from collectivites._moteur import moteur
from collectivites.dette._lecture import lire_document_budgetaire
from collectivites.dette._modeles import DocumentBudgetaire
from collectivites.erreurs import ErreurDossier

__all__ = ["documents_exemples", "exemple_document"]


def documents_exemples() -> list[str]:
    """Les noms des documents budgétaires livrés (``crach-ca-2021``…)."""
    dossier = resources.files("collectivites.donnees").joinpath("exemples/docbudg")
    return sorted(p.name.removesuffix(".xml") for p in dossier.iterdir() if p.name.endswith(".xml"))


@moteur
def exemple_document(nom: str) -> DocumentBudgetaire:
    """Le document budgétaire livré ``nom`` (voir :func:`documents_exemples`), lu comme un
    fichier d'utilisateur."""
    disponibles = documents_exemples()
    if nom not in disponibles:
        proches = difflib.get_close_matches(nom, disponibles, n=1)
        suggestion = f" ; vouliez-vous dire « {proches[0]} » ?" if proches else ""
        raise ErreurDossier(
            f"document d'exemple inconnu{suggestion}", valeur=nom, attendu=", ".join(disponibles)
        )
    octets = (
        resources.files("collectivites.donnees")
        .joinpath(f"exemples/docbudg/{nom}.xml")
        .read_bytes()
    )
    document = lire_document_budgetaire(octets)
    import attrs

    return attrs.evolve(document, source=f"{nom}.xml (exemple livré)")
