"""Ce qui surprend un lecteur est expliqué dans le résultat : accord de « période » dans le
libellé du TEG, signes de la neutralité de trésorerie rSa, dates de contrat un dimanche ou un
jour férié, total d'un remboursement anticipé sans indemnité."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import attrs
import pytest

from collectivites.cli import main
from collectivites.prets import (
    CourbeZeroCoupon,
    calculer_teg,
    exemple_pret,
    rembourser_par_anticipation,
)
from collectivites.regles.delais import agenda, exemple_contrat
from collectivites.regles.rsa import calculer_neutralite, exemple_rsa

D = dt.date
FONCIER = exemple_pret("cdc-57851").ligne("5165325")


def _faits(resultat: object) -> dict[str, tuple[str, object]]:
    document = resultat.decrire()  # type: ignore[attr-defined]
    return {f.cle: (f.libelle, f.valeur) for f in document.faits}


# --- TEG ---------------------------------------------------------------------------------------


def test_teg_d_une_ligne_annuelle_au_singulier() -> None:
    # Ligne annuelle sans commission : TEG = taux de période × 1 = 1,35 % (contrat 57851, art. 9).
    libelle, valeur = _faits(calculer_teg(FONCIER))["teg"]
    assert libelle == "TEG (1 période par an)" and valeur == Decimal("0.0135")


def test_teg_d_une_ligne_semestrielle_au_pluriel() -> None:
    semestrielle = attrs.evolve(FONCIER, periodicite="semestrielle", duree=100)
    libelle, _ = _faits(calculer_teg(semestrielle))["teg"]
    assert libelle == "TEG (2 périodes par an)"


# --- neutralité de trésorerie rSa --------------------------------------------------------------


def test_neutralite_dit_ses_signes_et_son_cout_negatif() -> None:
    dossier = exemple_rsa("rsa-lozere-2019")
    resultat = calculer_neutralite(dossier.convention, dossier.flux, 2019)
    # EONIA négatif toute l'année 2019 (BCE, moyenne annuelle −0,3918 %) : coût négatif.
    assert resultat.cout < 0 and resultat.montant_a_facturer == 0
    hypotheses = resultat.decrire().hypotheses
    (signes,) = [h for h in hypotheses if h.startswith("Signes :")]
    assert "négative, la CAF avance l'argent du département" in signes
    assert "positif, il est dû par le département à la CAF" in signes
    (negatif,) = [h for h in hypotheses if h.startswith("Coût négatif")]
    assert "rien n'est facturé, ni rendu au département" in negatif
    credite = calculer_neutralite(
        attrs.evolve(dossier.convention, facturer_negatif=True), dossier.flux, 2019
    )
    assert credite.montant_a_facturer == resultat.cout
    assert any("le département est crédité de" in h for h in credite.decrire().hypotheses)


def test_neutralite_en_ligne_de_commande(capsys: pytest.CaptureFixture[str]) -> None:
    arguments = ["rsa", "neutralite", "--exemple", "rsa-lozere-2019", "--annee", "2019"]
    assert main([*arguments, "--format", "json"]) == 0
    hypotheses = json.loads(capsys.readouterr().out)["hypotheses"]
    assert any(h.startswith("Signes :") for h in hypotheses)


# --- dates de contrat un jour non ouvré --------------------------------------------------------


def test_agenda_explique_ses_dates_un_jour_non_ouvre() -> None:
    contrat = exemple_contrat("alcome-contrat-type")
    resultat = agenda(contrat, D(2023, 11, 16), D(2027, 1, 1))
    (note,) = [h for h in resultat.decrire().hypotheses if h.startswith("Dates un samedi")]
    # le 30 novembre 2025 est un dimanche, le 30 novembre 2024 un samedi
    assert "30/11/2024 (samedi)" in note and "30/11/2025 (dimanche)" in note
    assert "art. 642" in note and "dernier jour ouvré qui précède" in note


def test_agenda_sans_jour_non_ouvre_n_en_dit_rien() -> None:
    contrat = exemple_contrat("cdc-57851-delais")
    # 15/12/2016 et 29/12/2016 : jeudis ; 06/03/2017 : lundi
    resultat = agenda(contrat, D(2016, 12, 15), D(2017, 12, 1))
    assert {e.date.weekday() for e in resultat} <= {0, 1, 2, 3, 4}
    assert not [h for h in resultat.decrire().hypotheses if h.startswith("Dates un samedi")]


def test_jour_ferie_en_semaine_nomme_ferie() -> None:
    contrat = attrs.evolve(exemple_contrat("alcome-contrat-type"), date_effet=D(2024, 5, 1))
    resultat = agenda(contrat, D(2024, 5, 1), D(2024, 6, 1))
    assert any("01/05/2024 (mercredi férié)" in h for h in resultat.decrire().hypotheses)


# --- total d'un remboursement anticipé ---------------------------------------------------------


def test_total_sans_indemnite_le_dit() -> None:
    resultat = rembourser_par_anticipation(FONCIER, D(2026, 12, 6), montant=Decimal(20000))
    libelle, total = _faits(resultat)["total"]
    # échéance du 06/12/2026 payée : ni intérêts courus ni différés, total = capital remboursé
    assert (libelle, total) == ("Total à verser hors indemnité", Decimal("20000.00"))
    (note,) = [h for h in resultat.decrire().hypotheses if h.startswith("Indemnité actuarielle")]
    assert "ne la comprend pas" in note and "--courbe" in note
    courbe = CourbeZeroCoupon(
        points=((Decimal(1), Decimal("0.02")), (Decimal(50), Decimal("0.03")))
    )
    avec = rembourser_par_anticipation(
        FONCIER, D(2026, 12, 6), montant=Decimal(20000), courbe=courbe
    )
    assert avec.indemnite is not None
    assert _faits(avec)["total"] == ("Total à verser", avec.total)
    assert not [h for h in avec.decrire().hypotheses if h.startswith("Indemnité actuarielle")]
