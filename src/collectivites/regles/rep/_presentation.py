"""Descriptions (tables) des résultats REP."""

from __future__ import annotations

import datetime as dt

from collectivites.presentation import decrit
from collectivites.regles.rep._soutiens import ResultatSoutiens
from collectivites.tables import Document, Genre, Table, colonnes, faits

__all__ = ["decrire_soutiens"]


def _table_lignes(resultat: ResultatSoutiens) -> Table:
    if resultat.communes:
        return Table(
            cle="communes",
            titre="Soutien par commune",
            colonnes=colonnes(
                ("commune", "Commune", Genre.TEXTE),
                ("population", "Population", Genre.ENTIER, {"total": True}),
                ("typologie", "Typologie", Genre.TEXTE),
                ("motif", "Motif", Genre.TEXTE, {"affichee": False}),
                ("taux", "€ par habitant", Genre.NOMBRE),
                ("ponderation", "Pondération", Genre.NOMBRE),
                ("jours", "Jours", Genre.ENTIER),
                ("jours_annee", "Jours de l'année", Genre.ENTIER, {"affichee": False}),
                ("montant", "Montant", Genre.MONTANT, {"total": True}),
            ),
            lignes=tuple(
                (
                    c.commune,
                    c.population,
                    c.libelle_typologie,
                    c.motif,
                    c.taux,
                    c.ponderation,
                    c.jours,
                    c.jours_annee,
                    c.montant,
                )
                for c in resultat.communes
            ),
        )
    return Table(
        cle="matieres",
        titre="Soutien par matière",
        colonnes=colonnes(
            ("matiere", "Matière", Genre.TEXTE),
            ("tonnes", "Tonnes", Genre.NOMBRE, {"total": True}),
            ("taux", "€ par tonne", Genre.NOMBRE),
            ("ponderation", "Pondération", Genre.NOMBRE),
            ("montant", "Montant", Genre.MONTANT, {"total": True}),
        ),
        lignes=tuple(
            (m.libelle, m.tonnes, m.taux, m.ponderation, m.montant) for m in resultat.matieres
        ),
    )


@decrit(ResultatSoutiens)
def decrire_soutiens(resultat: ResultatSoutiens) -> Document:
    """Les lignes, les pénalités avant plafond, le brut, le plafond et le net."""
    bareme = resultat.bareme
    tables = [_table_lignes(resultat)]
    if resultat.penalites:
        tables.append(
            Table(
                cle="penalites",
                titre="Pénalités (avant plafond)",
                colonnes=colonnes(
                    ("code", "Code", Genre.TEXTE, {"affichee": False}),
                    ("libelle", "Pénalité", Genre.TEXTE),
                    ("assiette", "Assiette", Genre.TEXTE),
                    ("montant", "Montant", Genre.MONTANT, {"total": True}),
                    ("reference", "Référence", Genre.TEXTE),
                ),
                lignes=tuple(
                    (p.code, p.libelle, p.assiette, p.montant, p.reference)
                    for p in resultat.penalites
                ),
            )
        )
    hypotheses = list(resultat.hypotheses)
    hypotheses += [f"{c.commune} : {c.libelle_typologie} ({c.motif})." for c in resultat.communes]
    return Document(
        titre=f"{bareme.nom} — année {resultat.annee}",
        faits=faits(
            ("bareme", "Barème", bareme.code, Genre.TEXTE),
            ("version", "Version en vigueur depuis le", bareme.debut, Genre.DATE),
            ("reference", "Référence", bareme.texte_au(resultat.debut), Genre.TEXTE),
            ("annee", "Année", resultat.annee, Genre.ANNEE),
            ("debut", "Vigueur du", resultat.debut, Genre.DATE),
            (
                "dernier_jour",
                "Vigueur au (inclus)",
                resultat.fin - dt.timedelta(days=1),
                Genre.DATE,
            ),
            ("coefficient", "Coefficient", resultat.coefficient, Genre.NOMBRE),
            ("montant_brut", "Montant brut", resultat.montant_brut, Genre.MONTANT),
            (
                "total_penalites_avant_plafond",
                "Pénalités avant plafond",
                resultat.total_penalites_avant_plafond,
                Genre.MONTANT,
            ),
            ("plafond", "Plafond des pénalités", resultat.plafond, Genre.MONTANT),
            ("plafond_atteint", "Plafond atteint", resultat.plafond_atteint, Genre.BOOLEEN),
            ("total_penalites", "Total des pénalités", resultat.total_penalites, Genre.MONTANT),
            ("montant_net", "Montant net", resultat.montant_net, Genre.MONTANT),
        ),
        tables=tuple(tables),
        hypotheses=tuple(hypotheses),
    )
