"""La description d'un contrat (ses dates et ses obligations), pour l'écran et les carnets."""

from __future__ import annotations

from collectivites.presentation import decrit
from collectivites.regles.delais._contrats import Contrat, Obligation
from collectivites.tables import Document, Genre, Table, colonnes, faits

__all__ = ["decrire_contrat"]


def _regle(obligation: Obligation) -> str:
    """« chaque année le 30/06 », « 2 mois avant chaque échéance »…"""
    if obligation.annuelle is not None:
        return f"chaque année ({obligation.annuelle})"
    if obligation.mensuelle is not None:
        jour = "dernier jour" if obligation.mensuelle == 31 else f"le {obligation.mensuelle}"
        return f"chaque mois, {jour}"
    if obligation.date is not None:
        return f"le {obligation.date:%d/%m/%Y}"
    depart = obligation.depart
    origine = f"{depart:%d/%m/%Y}" if hasattr(depart, "strftime") else depart.libelle
    repetition = ", répété" if obligation.repetition else ""
    return f"{obligation.delai} {obligation.sens.libelle} {origine}{repetition}"


@decrit(Contrat)
def decrire_contrat(contrat: Contrat) -> Document:
    """Prise d'effet, durée, reconduction, résiliation, puis une ligne par obligation."""
    resiliation = contrat.resiliation
    return Document(
        titre=contrat.nom,
        faits=faits(
            ("date_effet", "Prise d'effet", contrat.date_effet, Genre.DATE),
            (
                "duree",
                "Durée",
                str(contrat.duree) if contrat.duree else "indéterminée",
                Genre.TEXTE,
            ),
            ("reconduction", "Reconduction", contrat.reconduction.mode, Genre.CODE),
            (
                "preavis",
                "Préavis de résiliation",
                str(resiliation.preavis) if resiliation.preavis else None,
                Genre.TEXTE,
            ),
            ("a_tout_moment", "Résiliable à tout moment", resiliation.a_tout_moment, Genre.BOOLEEN),
            ("zone", "Calendrier", contrat.zone, Genre.TEXTE),
            ("regime", "Régime des délais", contrat.regime, Genre.TEXTE),
        ),
        tables=(
            Table(
                cle="obligations",
                titre="Obligations",
                colonnes=colonnes(
                    ("libelle", "Obligation", Genre.TEXTE),
                    ("regle", "Règle", Genre.TEXTE),
                    ("reference", "Référence", Genre.TEXTE),
                ),
                lignes=tuple((o.libelle, _regle(o), o.reference) for o in contrat.obligations),
            ),
        ),
        hypotheses=contrat.hypotheses,
    )
