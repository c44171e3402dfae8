"""Le tableau récapitulatif des indemnités (CGCT L2123-20-1) et son enveloppe."""

from __future__ import annotations

from decimal import localcontext

from collectivites._moteur import CONTEXTE_CALCUL
from collectivites.presentation import decrit
from collectivites.regles.indemnites._calcul import ResultatIndemnites
from collectivites.regles.indemnites._commun import tableau_elus
from collectivites.tables import Document, Genre, faits

__all__ = ["decrire_indemnites"]


def decrire_indemnites(r: ResultatIndemnites) -> Document:
    """Faits (terme de référence, maxima, enveloppe et emploi), puis une ligne par élu."""
    commune = r.commune
    table = tableau_elus(
        (
            ("indemnite", "Indemnité de fonction", Genre.MONTANT, {"total": True}),
            ("majoration", "Majoration", Genre.MONTANT, {"total": True}),
            ("total", "Montant total", Genre.MONTANT, {"total": True}),
        ),
        tuple((x.nom, x.fonction, x.taux, x.indemnite, x.majoration, x.total) for x in r.lignes),
    )
    return Document(
        titre=f"Indemnités de fonction — {commune.nom} au {commune.date:%d/%m/%Y}",
        cle=commune.nom,
        faits=faits(
            ("commune", "Commune", commune.nom, Genre.TEXTE),
            ("population", "Population", commune.population, Genre.ENTIER),
            ("date", "Date", commune.date, Genre.DATE),
            ("indice_brut", "Indice brut terminal", r.indice.indice_brut, Genre.ENTIER),
            ("indice_majore", "Indice majoré", r.indice.indice_majore, Genre.ENTIER),
            ("point_annuel", "Valeur annuelle du point", r.point.valeur_annuelle, Genre.NOMBRE),
            ("terme_de_reference", "Terme de référence", r.terme_de_reference, Genre.MONTANT),
            ("taux_maire_max", "Taux maximal du maire", r.taux_maire_max, Genre.TAUX),
            ("taux_adjoint_max", "Taux maximal d'un adjoint", r.taux_adjoint_max, Genre.TAUX),
            ("adjoints_comptes", "Adjoints comptés", r.adjoints_comptes, Genre.ENTIER),
            ("taux_enveloppe", "Enveloppe (taux)", r.taux_enveloppe, Genre.TAUX),
            ("enveloppe", "Enveloppe (montant)", r.enveloppe, Genre.MONTANT),
            ("taux_alloues", "Taux alloués dans l'enveloppe", r.taux_alloues, Genre.TAUX),
            ("taux_disponible", "Taux encore disponible", r.taux_disponible, Genre.TAUX),
            ("total_indemnites", "Total des indemnités", r.total_indemnites, Genre.MONTANT),
            ("total_majorations", "Total des majorations", r.total_majorations, Genre.MONTANT),
            ("total", "Total mensuel", r.total, Genre.MONTANT),
        ),
        tables=(table,),
        hypotheses=r.hypotheses,
    )


@decrit(ResultatIndemnites)
def decrire_resultat_indemnites(r: ResultatIndemnites) -> Document:
    """La description de ``r`` (:func:`decrire_indemnites`), calculée dans le contexte décimal
    du moteur, quel que soit celui de l'appelant."""
    with localcontext(CONTEXTE_CALCUL):
        return decrire_indemnites(r)
