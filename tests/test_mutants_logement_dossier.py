"""Dossier de gestion en flux (``regles/logement/_dossier.py``) : le bilan de l'année précédente,
les attributions, la source et les hypothèses lus du dossier arrivent dans la convention et dans
les hypothèses du résultat, dans cet ordre : source, hypothèses du dossier, puis celles du
calcul."""

from __future__ import annotations

from typing import Any

from collectivites.regles.logement import (
    Attributions,
    BilanPrecedent,
    calculer_dossier_flux,
    exemple_flux,
    flux_depuis_donnees,
)


def _donnees(**convention: Any) -> dict[str, Any]:
    return {
        "convention": {
            "bailleur": "Habitations de Haute-Provence",
            "reservataire": "Mairie d'Oraison",
            "territoire": "Commune d'Oraison",
            "annee": 2024,
            "date_rpls": "2023-01-01",
            "annee_rotation": 2023,
            "logements_rpls": 165,
            "logements_exclus": 13,
            "taux_rotation": "5 %",
            "taux_reservation": "15 %",
            **convention,
        },
        "bilan_precedent": {"objectif": 10, "mis_a_disposition": 8},
        "attributions": {"total": 4, "prioritaires": 2},
    }


def test_bilan_et_attributions_lus() -> None:
    dossier = flux_depuis_donnees(_donnees())
    assert dossier.convention.bilan_precedent == BilanPrecedent(objectif=10, mis_a_disposition=8)
    assert dossier.convention.attributions == Attributions(total=4, prioritaires=2)
    assert (dossier.source, dossier.hypotheses) == ("", ())


def test_source_et_hypotheses_en_tete_du_resultat() -> None:
    dossier = flux_depuis_donnees(_donnees(source="Annexe 1", hypotheses=["Année 2024 retenue."]))
    assert (dossier.source, dossier.hypotheses) == ("Annexe 1", ("Année 2024 retenue.",))
    resultat = calculer_dossier_flux(dossier)
    assert resultat.hypotheses[:2] == ("Source : Annexe 1.", "Année 2024 retenue.")
    assert len(resultat.hypotheses) > 2  # suivies de celles du calcul (arrondis)


def test_sans_source_pas_de_note_de_source() -> None:
    resultat = calculer_dossier_flux(flux_depuis_donnees(_donnees()))
    assert not any(h.startswith("Source :") for h in resultat.hypotheses)
    assert resultat.hypotheses  # les hypothèses du calcul restent


def test_exemple_livre_h2p() -> None:
    resultat = calculer_dossier_flux(exemple_flux("logement-h2p-2024"))
    assert resultat.hypotheses[0] == (
        "Source : Procès-verbal du conseil municipal d'Oraison du 16 novembre 2023, convention "
        "Habitations de Haute-Provence, annexe 1."
    )
