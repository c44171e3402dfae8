"""Les lignes d'un résultat de soutiens REP portent ce qu'elles disent : matière, tonnes, taux,
pondération, nombre de manquements, population ; et les cas limites des barèmes (population d'un
habitant, tranche sans minimum, aucune tonne, zone du calendrier)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import attrs

from collectivites.regles.rep import (
    CommuneRep,
    Tonnage,
    bareme_en_vigueur,
    calculer_soutiens,
    calendrier_paiement,
    classer_commune,
    remboursement_trop_percu,
)

ALCOME = bareme_en_vigueur("alcome", 2024)
PAPIERS = bareme_en_vigueur("citeo-papiers-graphiques", 2024)


def test_ligne_de_matiere() -> None:
    """Citeo 2024 : papier standard bureautique à 123,00 €/t, sans pondération ;
    12,5 t × 123,00 = 1 537,50 €."""
    resultat = calculer_soutiens(
        PAPIERS, 2024, tonnages=[Tonnage(matiere="standard_bureautique", tonnes=Decimal("12.5"))]
    )
    (ligne,) = resultat.matieres
    assert (ligne.matiere, ligne.libelle) == ("standard_bureautique", "Standard bureautique")
    assert (ligne.tonnes, ligne.taux, ligne.ponderation) == (
        Decimal("12.5"),
        Decimal("123.00"),
        Decimal(1),
    )
    assert ligne.montant == Decimal("1537.50") == resultat.montant_brut
    assert resultat.coefficient == Decimal(1) and resultat.communes == ()


def test_aucune_tonne_declaree() -> None:
    resultat = calculer_soutiens(PAPIERS, 2024, tonnages=[])
    assert str(resultat.montant_brut) == "0.00"
    assert resultat.matieres == ()


def test_hypotheses_et_coefficient_gardes() -> None:
    resultat = calculer_soutiens(
        ALCOME,
        2024,
        communes=[CommuneRep(nom="Oraison", population=5983)],
        coefficient=Decimal("0.5"),
        hypotheses=["population INSEE 2021"],
    )
    assert resultat.coefficient == Decimal("0.5")
    assert resultat.hypotheses == ("population INSEE 2021",)


def test_nombre_de_manquements_et_penalite_en_part_du_brut() -> None:
    resultat = calculer_soutiens(
        ALCOME,
        2024,
        communes=[CommuneRep(nom="Oraison", population=5983)],
        penalites={"titres_non_conformes": 3, "arretes_non_communiques": True},
    )
    nombres = {ligne.penalite.code: ligne.nombre for ligne in resultat.penalites}
    assert nombres == {"titres_non_conformes": 3, "arretes_non_communiques": 1}


def test_commune_d_un_habitant_touristique() -> None:
    """Un habitant et deux lits touristiques : 2 lits par habitant > 1,5 (annexe C)."""
    commune = CommuneRep(nom="Hameau", population=1, lits_touristiques=2)
    classement = classer_commune(ALCOME, commune)
    assert classement.typologie.code == "touristique"
    assert classement.population == 1
    assert classement.motif == (
        "1 habitants permanents ; critère rempli : plus d'1,5 lits touristiques par habitant"
    )


def test_deux_criteres_remplis_et_criteres_absents() -> None:
    remplis = classer_commune(
        ALCOME,
        CommuneRep(
            nom="Station",
            population=1000,
            lits_touristiques=2000,
            taux_residences_secondaires=Decimal("0.6"),
        ),
    )
    assert remplis.motif == (
        "1000 habitants permanents ; critère rempli : plus d'1,5 lits touristiques par habitant ; "
        "taux de résidences secondaires supérieur à 50 %"
    )
    absents = classer_commune(ALCOME, CommuneRep(nom="Village", population=1000))
    assert absents.typologie.code == "rural"
    assert absents.motif.startswith("1000 habitants permanents ; critères non renseignés : ")
    assert absents.motif.count(", ") == 2  # trois indicateurs, séparés par des virgules


def test_tranche_sans_minimum() -> None:
    rural = ALCOME.typologies[0]
    sans_minimum = attrs.evolve(
        ALCOME, typologies=(attrs.evolve(rural, population_min=None), *ALCOME.typologies[1:])
    )
    assert (
        classer_commune(sans_minimum, CommuneRep(nom="Petite", population=10)).typologie
        is (sans_minimum.typologies[0])
    )


def test_restitution_le_jour_du_versement() -> None:
    resultat = remboursement_trop_percu(Decimal("10.00"), dt.date(2024, 5, 1), dt.date(2024, 5, 1))
    assert str(resultat.interets) == "0.00"
    assert resultat.periodes == () and resultat.avertissements == ()


def test_calendrier_selon_la_zone() -> None:
    """60 jours ouvrés avant le 20 juin 2024 traversent le Vendredi saint (29 mars), férié en
    Alsace-Moselle seulement : le décompte y tombe plus tôt."""
    metropole = calendrier_paiement(ALCOME, dt.date(2024, 6, 20))
    alsace = calendrier_paiement(ALCOME, dt.date(2024, 6, 20), zone="alsace-moselle")
    avant = {d.libelle: d.date for d in metropole.dates}
    apres = {d.libelle: d.date for d in alsace.dates}
    decompte = next(libelle for libelle in avant if libelle.startswith("Décompte"))
    assert apres[decompte] < avant[decompte]
