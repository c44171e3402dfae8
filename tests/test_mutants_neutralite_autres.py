"""Ce que le passage de mutation de ``regles/rsa/_neutralite`` et ``regles/rep/_autres`` (au
commit 98666b3) a laissé vivre : la note d'un coût négatif au mot près, un coût nul ni noté ni
réécrit, deux flux du même jour cumulés ; l'intérêt légal par défaut des « autres cas », un
trop-perçu rendu le jour même sans avertissement de taux reporté."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from collectivites.regles.rep import remboursement_trop_percu
from collectivites.regles.rep._autres import interet_legal
from collectivites.regles.rsa import ConventionRsa, Flux, calculer_neutralite

D = dt.date
LOZERE = ConventionRsa(nom="Lozère", avance_tresorerie=Decimal("328000"))


def test_note_du_cout_negatif_au_mot_pres() -> None:
    """L'exemple du rapport (−148 000 € du 5 janvier au 4 février 2019, taux négatif) : coût de
    −46,75 €, non facturé ; la note le dit avec le montant positif de ce que l'avance a
    rapporté."""
    flux = [
        Flux(date=D(2019, 1, 5), montant=Decimal(-476000)),
        Flux(date=D(2019, 2, 5), montant=Decimal(476000)),
    ]
    resultat = calculer_neutralite(LOZERE, flux, 2019)
    assert resultat.notes_de_signe[1:] == (
        "Coût négatif (-46,75 €) : le taux de référence était négatif, l'avance de la CAF lui a "
        "rapporté 46,75 € au lieu de lui coûter ; la convention ne facturant pas les montants "
        "négatifs, rien n'est facturé, ni rendu au département.",
    )


def test_deux_flux_du_meme_jour_se_cumulent() -> None:
    """Le décaissement du 5 janvier en deux paiements (300 000 + 176 000 €) donne la même
    position et le même coût qu'en un seul."""
    flux = [
        Flux(date=D(2019, 1, 5), montant=Decimal(-300000)),
        Flux(date=D(2019, 1, 5), montant=Decimal(-176000)),
        Flux(date=D(2019, 2, 5), montant=Decimal(476000)),
    ]
    resultat = calculer_neutralite(LOZERE, flux, 2019)
    assert (resultat.position_minimale.position, resultat.jours_negatifs, resultat.cout) == (
        Decimal(-148000),
        31,
        Decimal("-46.75"),
    )


def test_cout_nul_ni_note_ni_reecrit() -> None:
    """Une position jamais négative : coût 0,00 €, facturé 0,00 € (au centime, comme tout
    montant facturé), et seule la note générale sur les signes."""
    resultat = calculer_neutralite(LOZERE, [Flux(date=D(2019, 3, 1), montant=Decimal(1000))], 2019)
    assert str(resultat.cout) == "0.00"
    assert str(resultat.montant_a_facturer) == "0.00"
    assert len(resultat.notes_de_signe) == 1


def test_interet_legal_par_defaut_des_autres_cas() -> None:
    """Sans catégorie, l'intérêt légal est celui des « autres cas » (le créancier d'un
    trop-perçu est l'éco-organisme, art. 21.3)."""
    jour = D(2024, 3, 1)
    assert interet_legal().valeur_au(jour) == interet_legal("autres_cas").valeur_au(jour)
    assert interet_legal().valeur_au(jour) != interet_legal("particuliers").valeur_au(jour)


def test_trop_percu_rendu_le_jour_meme_sans_avertissement() -> None:
    """Versé et rendu le même jour, après le dernier semestre fixé par arrêté : aucun intérêt,
    aucun jour d'intérêt, donc aucun taux reporté à signaler."""
    resultat = remboursement_trop_percu(Decimal("100.00"), D(2040, 1, 1), D(2040, 1, 1))
    assert resultat.interets == 0
    assert resultat.avertissements == ()
    assert (
        remboursement_trop_percu(Decimal("100.00"), D(2040, 1, 1), D(2040, 1, 2)).avertissements
        != ()
    )
