"""La dette telle que les collectivités la publient : l'annexe de la dette de leurs documents
budgétaires (format TOTEM ``DocumentBudgetaire``), ses contrôles, l'état de la dette et les
règles prudentielles des garanties d'emprunt.

Examples:
    >>> from collectivites.dette import exemple_document, etat_de_la_dette
    >>> doc = exemple_document("crach-ca-2021")
    >>> doc.collectivite, doc.exercice, doc.nature_libelle, len(doc.emprunts)
    ('CRACH', 2021, 'compte administratif', 14)
    >>> etat_de_la_dette(doc).categorie("garanti").capital_restant_du_fin
    Decimal('577104.95')
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__all__ = [
    "CATEGORIES",
    "CODES_ANOMALIES",
    "Agregat",
    "Anomalie",
    "Collectivite",
    "ComparaisonExercice",
    "Controle",
    "ControleAnnexe",
    "DocumentBudgetaire",
    "ElementsRatio",
    "EmpruntAnnexe",
    "EmpruntEcarte",
    "EtatDette",
    "ExportPortefeuille",
    "Operation",
    "ProjetGarantie",
    "RatioGaranties",
    "ReglesGaranties",
    "VerificationGarantie",
    "controler_annexe_dette",
    "documents_exemples",
    "etat_de_la_dette",
    "exemple_document",
    "exporter_portefeuille",
    "lire_document_budgetaire",
    "ratio_garanties",
    "regles_garanties",
    "verifier_garantie",
]

_OU = {
    "Collectivite": "_garanties_regles",
    "Controle": "_garanties",
    "Operation": "_garanties_regles",
    "ReglesGaranties": "_garanties_regles",
    "regles_garanties": "_garanties_regles",
    "ComparaisonExercice": "_portefeuille",
    "EmpruntEcarte": "_portefeuille",
    "CATEGORIES": "_modeles",
    "DocumentBudgetaire": "_modeles",
    "EmpruntAnnexe": "_modeles",
    "lire_document_budgetaire": "_lecture",
    "CODES_ANOMALIES": "_controles",
    "Anomalie": "_controles",
    "ControleAnnexe": "_controles",
    "controler_annexe_dette": "_controles",
    "Agregat": "_etat",
    "EtatDette": "_etat",
    "etat_de_la_dette": "_etat",
    "documents_exemples": "_exemples",
    "ExportPortefeuille": "_portefeuille",
    "exporter_portefeuille": "_portefeuille",
    "exemple_document": "_exemples",
    "ElementsRatio": "_garanties",
    "ProjetGarantie": "_garanties",
    "RatioGaranties": "_garanties",
    "VerificationGarantie": "_garanties",
    "ratio_garanties": "_garanties",
    "verifier_garantie": "_garanties",
}

if TYPE_CHECKING:
    from collectivites.dette._controles import (
        CODES_ANOMALIES,
        Anomalie,
        ControleAnnexe,
        controler_annexe_dette,
    )
    from collectivites.dette._etat import Agregat, EtatDette, etat_de_la_dette
    from collectivites.dette._exemples import documents_exemples, exemple_document
    from collectivites.dette._garanties import (
        Controle,
        ElementsRatio,
        ProjetGarantie,
        RatioGaranties,
        VerificationGarantie,
        ratio_garanties,
        verifier_garantie,
    )
    from collectivites.dette._garanties_regles import (
        Collectivite,
        Operation,
        ReglesGaranties,
        regles_garanties,
    )
    from collectivites.dette._lecture import lire_document_budgetaire
    from collectivites.dette._modeles import CATEGORIES, DocumentBudgetaire, EmpruntAnnexe
    from collectivites.dette._portefeuille import (
        ComparaisonExercice,
        EmpruntEcarte,
        ExportPortefeuille,
        exporter_portefeuille,
    )


def __getattr__(nom: str) -> Any:
    """Charge le module d'un nom public à son premier usage (PEP 562) : ``import
    collectivites.dette`` reste léger."""
    import importlib

    if nom in _OU:
        valeur = getattr(importlib.import_module(f"collectivites.dette.{_OU[nom]}"), nom)
        globals()[nom] = valeur
        return valeur
    raise AttributeError(f"module {__name__!r} has no attribute {nom!r}")


def __dir__() -> list[str]:
    return sorted(__all__)
