"""Le tableau de l'annexe « Calcul des droits de réservation du réservataire »."""

from __future__ import annotations

from decimal import Decimal, localcontext
from typing import Any

from collectivites._moteur import CONTEXTE_CALCUL
from collectivites.presentation import decrit
from collectivites.regles.logement._flux import ResultatFlux
from collectivites.tables import Document, Genre, Table, colonnes, faits
from collectivites.taux import formater_taux

__all__ = ["decrire_flux"]


def _decimal(valeur: Decimal) -> str:
    return f"{valeur.normalize(CONTEXTE_CALCUL):f}".replace(".", ",")


def _lignes(r: ResultatFlux) -> list[tuple[str, str, str]]:
    c, d = r.convention, r.convention.deductions
    au = f" au {c.date_rpls:%d/%m/%Y}" if c.date_rpls else ""
    rotation = f" {c.annee_rotation}" if c.annee_rotation else ""
    lignes: list[tuple[str, str, str]] = [
        (f"Nombre de logements RPLS{au}", str(c.logements_rpls), ""),
        (
            "Logements identifiés comme n'étant pas légalement dans l'assiette (PLI, "
            "démolitions, ventes…)",
            str(c.logements_exclus),
            "",
        ),
        ("Assiette (a) − (b)", str(r.assiette), ""),
        (
            f"Taux de rotation{rotation} du bailleur (dans l'assiette)",
            formater_taux(c.taux_rotation),
            "",
        ),
        ("Flux annuel estimé (c) × (d)", str(r.flux_annuel), _decimal(r.flux_estime)),
    ]
    if d.mutations_et_relogements is not None:
        lignes.append(
            (
                "Décret du 20 février 2020 (mutations internes, relogements ANRU, ORCOD-IN, LHI)",
                str(d.mutations_et_relogements),
                "",
            )
        )
    else:
        lignes += [
            ("Décret du 20 février 2020 (mutations internes)", str(d.mutations_internes), ""),
            (
                "Décret du 20 février 2020 (relogements ANRU, ORCOD-IN, LHI)",
                str(d.relogements_renouvellement_urbain),
                "",
            ),
        ]
    if d.ventes:
        lignes.append(("Relogements liés à une opération de vente", str(d.ventes), ""))
    lignes += [
        ("Autres logements à déduire (sous réserve d'accord préfectoral)", str(d.autres), ""),
        ("Nombre de logements prévisionnel à mettre à disposition", str(r.flux_net), ""),
        ("Taux de logements réservés au réservataire", formater_taux(c.taux_reservation), ""),
        ("Flux de réservation annuel du réservataire", str(r.droits), _decimal(r.droits_estimes)),
    ]
    return lignes


def decrire_flux(r: ResultatFlux) -> Document:
    """L'annexe, ligne à ligne (a, b, c…), puis les chiffres clés et les contrôles."""
    c = r.convention
    lettres = "abcdefghijklmnop"
    table = Table(
        cle="annexe",
        titre="Calcul des droits de réservation du réservataire",
        colonnes=colonnes(
            ("ligne", "", Genre.TEXTE),
            ("libelle", "Libellé", Genre.TEXTE),
            ("valeur", "Valeur", Genre.TEXTE),
            ("calcul", "Avant arrondi", Genre.TEXTE),
        ),
        lignes=tuple(
            (lettres[rang], libelle, valeur, calcul)
            for rang, (libelle, valeur, calcul) in enumerate(_lignes(r))
        ),
    )
    attributions = c.attributions
    valeurs: list[tuple[str, str, Any, Genre]] = [
        ("bailleur", "Bailleur", c.bailleur, Genre.TEXTE),
        ("reservataire", "Réservataire", c.reservataire, Genre.TEXTE),
        ("annee", "Année", c.annee, Genre.ANNEE),
        ("assiette", "Assiette", r.assiette, Genre.ENTIER),
        ("flux_annuel", "Flux annuel estimé", r.flux_annuel, Genre.ENTIER),
        ("flux_net", "Flux net", r.flux_net, Genre.ENTIER),
        ("droits", "Droits de l'année", r.droits, Genre.ENTIER),
        ("report", "Report du bilan précédent", r.report, Genre.ENTIER),
        ("objectif", "Objectif de l'année", r.objectif, Genre.ENTIER),
    ]
    if attributions is not None:
        valeurs += [
            (
                "part_prioritaires",
                "Part des attributions aux ménages prioritaires",
                attributions.part_prioritaires,
                Genre.TAUX,
            ),
            ("prioritaires_conformes", "25 % atteints", attributions.conforme, Genre.BOOLEEN),
        ]
    return Document(
        titre=f"Gestion en flux {c.annee} — {c.bailleur} / {c.reservataire}",
        cle=c.bailleur,
        faits=faits(*valeurs),
        tables=(table,),
        hypotheses=r.hypotheses,
    )


@decrit(ResultatFlux)
def decrire_resultat_flux(r: ResultatFlux) -> Document:
    """La description de ``r`` (:func:`decrire_flux`), calculée dans le contexte décimal du
    moteur, quel que soit celui de l'appelant."""
    with localcontext(CONTEXTE_CALCUL):
        return decrire_flux(r)
