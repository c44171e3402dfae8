"""Les résultats ne dépendent pas du contexte décimal de l'appelant : un carnet qui a fait
``getcontext().prec = 6`` (ou pire) obtient les mêmes centimes, au caractère près."""

from __future__ import annotations

import datetime as dt
import decimal
from collections.abc import Callable
from decimal import Decimal

import attrs
import pytest

D = dt.date


def _calculs() -> dict[str, Callable[[], object]]:
    from collectivites.calendrier import liste_feries
    from collectivites.dette import (
        ElementsRatio,
        controler_annexe_dette,
        etat_de_la_dette,
        exemple_document,
        verifier_garantie,
    )
    from collectivites.prets import (
        CourbeZeroCoupon,
        calculer_tableau,
        calculer_teg,
        exemple_pret,
        interets_moratoires,
        projeter,
        rembourser_par_anticipation,
        scenario,
        serie_index,
    )
    from collectivites.regles.delais import agenda, detailler_delai, exemple_contrat
    from collectivites.regles.indemnites import calculer_dossier_indemnites, exemple_indemnites
    from collectivites.regles.logement import calculer_dossier_flux, exemple_flux
    from collectivites.regles.paiements import Facture, calculer_retard_paiement
    from collectivites.regles.rep import calculer_dossier_rep, exemple_rep, remboursement_trop_percu
    from collectivites.regles.rsa import (
        calculer_interets_retard,
        calculer_neutralite,
        calculer_regularisation,
        exemple_rsa,
    )

    pret = exemple_pret("cdc-57851")
    ligne = pret.lignes[1]
    rsa = exemple_rsa("rsa-lozere-2019")
    courbe = CourbeZeroCoupon(
        points=((Decimal(1), Decimal("0.005")), (Decimal(60), Decimal("0.02")))
    )
    prets = [exemple_pret(n) for n in ("cdc-57851", "cdc-57769", "cdc-57828")]
    return {
        "tableau émission": lambda: calculer_tableau(ligne),
        "tableau historique": lambda: calculer_tableau(ligne, index=serie_index("livret_a")),
        "tableau mensuel exact": lambda: calculer_tableau(
            attrs.evolve(
                ligne,
                periodicite="mensuelle",
                duree=120,
                base_calcul="exact",
                mode_calcul_interets="proportionnel",
                prefinancement=None,
            )
        ),
        "teg": lambda: calculer_teg(ligne, commissions=Decimal("100.00")),
        "remboursement": lambda: rembourser_par_anticipation(
            ligne, D(2026, 12, 6), montant=Decimal("50000.00"), courbe=courbe
        ),
        "moratoires": lambda: interets_moratoires(
            Decimal("3170.41"), D(2018, 12, 6), D(2021, 3, 1), index=serie_index("livret_a")
        ),
        "portefeuille": lambda: projeter(
            prets, scenario("livret_a+1 %", depuis=D(2027, 1, 1)), par="garant"
        ),
        "intérêts rSa": lambda: calculer_interets_retard(
            rsa.convention, rsa.acomptes, taux_mensuels=rsa.taux_mensuels
        ),
        "neutralité rSa": lambda: calculer_neutralite(
            rsa.convention, rsa.flux, 2019, taux_mensuels=rsa.taux_mensuels
        ),
        "régularisation rSa": lambda: calculer_regularisation(2019, rsa.acomptes, rsa.operations),
        "soutiens REP": lambda: calculer_dossier_rep(exemple_rep("rep-groupement-2021")),
        "trop-perçu": lambda: remboursement_trop_percu(
            Decimal("1234.56"), D(2023, 6, 30), D(2025, 1, 31)
        ),
        "délai": lambda: detailler_delai(D(2024, 3, 15), "1 mois et 15 jours", regime="cpc"),
        "agenda": lambda: agenda(
            exemple_contrat("convention-rsa-lozere"), D(2019, 1, 1), D(2020, 1, 1)
        ),
        "jours fériés": lambda: liste_feries(2024, "alsace-moselle"),
        "indemnités": lambda: calculer_dossier_indemnites(
            exemple_indemnites("indemnites-oraison-2023")
        ),
        "gestion en flux": lambda: calculer_dossier_flux(exemple_flux("logement-unicil-2024")),
        "état de la dette": lambda: etat_de_la_dette(exemple_document("crach-bp-2022")),
        "contrôle de l'annexe": lambda: controler_annexe_dette(exemple_document("crach-ca-2021")),
        "garantie d'emprunt": lambda: verifier_garantie(
            ElementsRatio(
                recettes_reelles_fonctionnement="3082599.00",
                annuite_nette_dette="160847.18",
                annuites_garanties_a_echoir="34880.06",
            ),
            annuite="12345.67",
            quotite="33,33 %",
            beneficiaire="Office public de l'habitat",
        ),
        "retard de paiement": lambda: calculer_retard_paiement(
            Facture(
                numero="F1",
                montant=Decimal("12345.67"),
                date_reception=D(2024, 7, 1),
                date_mise_en_paiement=D(2024, 9, 17),
            )
        ),
    }


CALCULS = _calculs()

CONTEXTES_HOSTILES = {
    "précision 6": decimal.Context(prec=6),
    "précision 3, arrondi plancher": decimal.Context(prec=3, rounding=decimal.ROUND_FLOOR),
    "tous les pièges": decimal.Context(
        prec=28, traps=[decimal.Inexact, decimal.Rounded, decimal.InvalidOperation]
    ),
    "exposants étroits": decimal.Context(prec=12, Emax=12, Emin=-12, rounding=decimal.ROUND_UP),
}


def _empreinte(resultat: object) -> tuple[str, str]:
    return str(resultat.rendre("json")), str(resultat.rendre("texte"))  # type: ignore[attr-defined]


@pytest.mark.parametrize("nom", list(CALCULS))
@pytest.mark.parametrize("contexte", list(CONTEXTES_HOSTILES))
def test_memes_resultats_sous_un_contexte_hostile(nom: str, contexte: str) -> None:
    attendu = _empreinte(CALCULS[nom]())
    with decimal.localcontext(CONTEXTES_HOSTILES[contexte]):
        obtenu = _empreinte(CALCULS[nom]())
    assert obtenu == attendu
