"""Gestion en flux (``regles/logement/_flux.py``), suite (issue 27) : le résultat garde la
convention calculée, et la note des arrondis ne dépend pas du contexte décimal de l'appelant.

Valeurs des annexes des conventions : 116 × 6,90 % = 8,004 → 8 ; 8 × 12,90 % = 1,032 → 1.
"""

from __future__ import annotations

from decimal import Decimal, localcontext

from collectivites.regles.logement import ConventionFlux, calculer_droits

P = Decimal


def _convention() -> ConventionFlux:
    return ConventionFlux(
        bailleur="B",
        reservataire="R",
        annee=2024,
        logements_rpls=116,
        taux_rotation=P("0.069"),
        taux_reservation=P("0.129"),
    )


def test_le_resultat_garde_la_convention() -> None:
    convention = _convention()
    assert calculer_droits(convention).convention is convention


def test_note_des_arrondis_sous_un_contexte_a_deux_chiffres() -> None:
    """8,004 et 1,032 s'écrivent en entier même si l'appelant ne garde que deux chiffres."""
    attendu = (
        "Arrondis à l'unité la plus proche, comme les annexes des conventions "
        "(116 × 6,90 % = 8,004 → 8 ; 8 × 12,90 % = 1,032 → 1)."
    )
    with localcontext() as contexte:
        contexte.prec = 2
        resultat = calculer_droits(_convention())
    assert resultat.hypotheses[0] == attendu
