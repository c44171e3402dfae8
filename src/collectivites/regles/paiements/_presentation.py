"""La description des résultats des retards de paiement (une demande, un registre de mandats)."""

from __future__ import annotations

from typing import Any

from collectivites._interets import table_periodes
from collectivites.presentation import decrit
from collectivites.regles.paiements._calcul import ResultatRetard
from collectivites.regles.paiements._registre import ResultatRegistre
from collectivites.tables import Document, Genre, Table, colonnes, faits

__all__ = ["COLONNES_REGISTRE", "decrire_registre", "decrire_retard"]


@decrit(ResultatRetard)
def decrire_retard(r: ResultatRetard) -> Document:
    """Les chiffres clés, puis les étapes du calcul avec leurs articles."""
    f = r.facture
    valeurs: list[tuple[str, str, Any, Genre]] = [
        ("numero", "Demande", f.numero, Genre.TEXTE),
        ("fournisseur", "Fournisseur", f.fournisseur, Genre.TEXTE),
        ("montant", "Montant dû en principal", f.montant, Genre.MONTANT),
        ("categorie", "Acheteur", f.categorie.libelle, Genre.TEXTE),
        ("depart", "Départ du délai", r.depart, Genre.DATE),
        ("fin_delai", "Dernier jour du délai", r.fin_delai, Genre.DATE),
        ("date_mise_en_paiement", "Mise en paiement", f.date_mise_en_paiement, Genre.DATE),
        ("jours_retard", "Jours de retard", r.jours_retard, Genre.ENTIER),
        ("taux", "Taux des intérêts moratoires", r.taux, Genre.TAUX),
        ("interets", "Intérêts moratoires", r.interets, Genre.MONTANT),
        ("indemnite", "Indemnité forfaitaire", r.indemnite, Genre.MONTANT),
        (
            "indemnite_complementaire",
            "Indemnisation complémentaire",
            r.indemnite_complementaire,
            Genre.MONTANT,
        ),
        (
            "interets_complementaires",
            "Intérêts complémentaires",
            r.interets_complementaires,
            Genre.MONTANT,
        ),
        ("total_du", "Total dû", r.total_du, Genre.MONTANT),
    ]
    if r.jours_comptable is not None:
        valeurs += [
            (
                "jours_ordonnateur",
                "Jours imputables à l'ordonnateur",
                r.jours_ordonnateur,
                Genre.ENTIER,
            ),
            ("jours_comptable", "Jours imputables au comptable", r.jours_comptable, Genre.ENTIER),
            (
                "interets_comptable",
                "Intérêts imputables au comptable",
                r.interets_comptable,
                Genre.MONTANT,
            ),
        ]
    etapes = Table(
        cle="etapes",
        titre="Le calcul, étape par étape",
        colonnes=colonnes(
            ("etape", "N°", Genre.ENTIER),
            ("libelle", "Étape", Genre.TEXTE),
            ("valeur", "Résultat", Genre.TEXTE),
            ("reference", "Texte", Genre.TEXTE),
        ),
        lignes=tuple(
            (rang, e.libelle, e.valeur, e.reference) for rang, e in enumerate(r.etapes, start=1)
        ),
    )
    tables = [etapes]
    if r.periodes:
        tables.append(table_periodes(r.periodes, libelle_taux="Taux (BCE + 8 points)"))
    return Document(
        titre=f"Retard de paiement — demande {f.numero}",
        cle=f.numero,
        faits=faits(*valeurs),
        tables=tuple(tables),
        hypotheses=r.hypotheses,
    )


#: Les colonnes d'une ligne du registre calculé.
COLONNES_REGISTRE = colonnes(
    ("ligne", "Ligne", Genre.ENTIER),
    ("numero", "Mandat", Genre.TEXTE),
    ("fournisseur", "Fournisseur", Genre.TEXTE),
    ("montant", "Montant", Genre.MONTANT, {"total": True}),
    ("depart", "Départ", Genre.DATE),
    ("fin_delai", "Fin du délai", Genre.DATE),
    ("date_mise_en_paiement", "Mise en paiement", Genre.DATE),
    ("jours_retard", "Jours de retard", Genre.ENTIER, {"total": True}),
    ("taux", "Taux", Genre.TAUX),
    ("interets", "Intérêts moratoires", Genre.MONTANT, {"total": True}),
    ("indemnite", "Indemnité forfaitaire", Genre.MONTANT, {"total": True}),
    ("jours_ordonnateur", "Jours ordonnateur", Genre.ENTIER, {"total": True}),
    ("jours_comptable", "Jours comptable", Genre.ENTIER, {"total": True}),
    ("interets_comptable", "Intérêts comptable", Genre.MONTANT, {"total": True}),
)


@decrit(ResultatRegistre)
def decrire_registre(r: ResultatRegistre) -> Document:
    """Les totaux, les lignes, les dix plus longs retards et la part de chaque acteur."""
    lignes = Table(
        cle="mandats",
        titre="Intérêts moratoires et indemnités, mandat par mandat",
        colonnes=COLONNES_REGISTRE,
        lignes=r.lignes,
    )
    plus_longs = Table(
        cle="plus_longs",
        titre="Les dix plus longs retards",
        colonnes=COLONNES_REGISTRE,
        lignes=r.plus_longs,
    )
    parts = Table(
        cle="parts",
        titre="Part de chaque acteur (décret n° 2013-269, art. 12 et 13)",
        colonnes=colonnes(
            ("acteur", "Acteur", Genre.TEXTE),
            ("jours", "Jours de retard", Genre.ENTIER, {"total": True}),
            ("interets", "Intérêts moratoires", Genre.MONTANT, {"total": True}),
        ),
        lignes=r.parts,
    )
    return Document(
        titre=f"Registre des mandats — {r.nombre} mandats, {r.nombre_en_retard} en retard",
        faits=faits(
            ("nombre", "Mandats", r.nombre, Genre.ENTIER),
            ("nombre_en_retard", "Mandats payés en retard", r.nombre_en_retard, Genre.ENTIER),
            ("total_montant", "Montant mandaté", r.total_montant, Genre.MONTANT),
            ("total_interets", "Intérêts moratoires", r.total_interets, Genre.MONTANT),
            ("total_indemnites", "Indemnités forfaitaires", r.total_indemnites, Genre.MONTANT),
            ("total_du", "Total dû", r.total_du, Genre.MONTANT),
            ("delai_moyen", "Délai global moyen (jours)", r.delai_moyen, Genre.NOMBRE),
        ),
        tables=(lignes, plus_longs, parts),
        hypotheses=r.hypotheses,
    )
