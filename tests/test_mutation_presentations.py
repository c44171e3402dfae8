"""Tests de mutation des présentations des règles : annexe de la gestion en flux des logements
(lignes a, b, c…, valeurs avant arrondi), soutiens REP (par commune, par matière), règle d'une
obligation de contrat en clair, tableau récapitulatif des indemnités de fonction.

Chaque valeur attendue se refait à la main (calcul écrit à côté)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from collectivites.regles.delais import lire_duree
from collectivites.regles.delais._contrats import Obligation
from collectivites.regles.delais._presentation import _regle
from collectivites.regles.indemnites import Commune, Elu, calculer_indemnites
from collectivites.regles.logement import Attributions, ConventionFlux, Deductions, calculer_droits
from collectivites.regles.logement._presentation import _decimal
from collectivites.regles.rep import CommuneRep, Tonnage, bareme_en_vigueur, calculer_soutiens
from collectivites.tables import Genre

P = Decimal

# --- logement : l'annexe de la convention ----------------------------------------------------


def _convention(**kwargs: object) -> ConventionFlux:
    valeurs: dict[str, object] = {
        "bailleur": "B",
        "reservataire": "R",
        "annee": 2024,
        "logements_rpls": 116,
        "taux_rotation": P("0.069"),
        "taux_reservation": P("0.129"),
    }
    valeurs.update(kwargs)
    return ConventionFlux(**valeurs)  # type: ignore[arg-type]


def test_annexe_ligne_a_ligne() -> None:
    """116 logements × 6,9 % = 8,004 → 8 ; 8 × 12,9 % = 1,032 → 1."""
    document = calculer_droits(_convention()).decrire()
    assert (document.titre, document.cle) == ("Gestion en flux 2024 — B / R", "B")
    assert document.hypotheses == (
        "Arrondis à l'unité la plus proche, comme les annexes des conventions (116 × 6,90 % = "
        "8,004 → 8 ; 8 × 12,90 % = 1,032 → 1).",
    )
    table = document.table("annexe")
    assert table.titre == "Calcul des droits de réservation du réservataire"
    assert [(c.cle, c.libelle, c.genre) for c in table.colonnes] == [
        ("ligne", "", Genre.TEXTE),
        ("libelle", "Libellé", Genre.TEXTE),
        ("valeur", "Valeur", Genre.TEXTE),
        ("calcul", "Avant arrondi", Genre.TEXTE),
    ]
    assert table.lignes == (
        ("a", "Nombre de logements RPLS", "116", ""),
        (
            "b",
            "Logements identifiés comme n'étant pas légalement dans l'assiette (PLI, "
            "démolitions, ventes…)",
            "0",
            "",
        ),
        ("c", "Assiette (a) − (b)", "116", ""),
        ("d", "Taux de rotation du bailleur (dans l'assiette)", "6,90 %", ""),
        ("e", "Flux annuel estimé (c) × (d)", "8", "8,004"),
        ("f", "Décret du 20 février 2020 (mutations internes)", "0", ""),
        ("g", "Décret du 20 février 2020 (relogements ANRU, ORCOD-IN, LHI)", "0", ""),
        ("h", "Autres logements à déduire (sous réserve d'accord préfectoral)", "0", ""),
        ("i", "Nombre de logements prévisionnel à mettre à disposition", "8", ""),
        ("j", "Taux de logements réservés au réservataire", "12,90 %", ""),
        ("k", "Flux de réservation annuel du réservataire", "1", "1,032"),
    )


def test_annexe_datee_avec_deductions_regroupees_et_ventes() -> None:
    """120 logements dont 4 exclus : assiette 116 ; × 5 % = 5,8 → 6 ; 6 − 2 (mutations et
    relogements) − 1 (vente) − 1 (autre) = 2 ; 2 × 12,9 % = 0,258 → 0."""
    convention = _convention(
        logements_rpls=120,
        logements_exclus=4,
        date_rpls=dt.date(2023, 1, 1),
        annee_rotation=2022,
        taux_rotation=P("0.05"),
        deductions=Deductions(mutations_et_relogements=2, ventes=1, autres=1),
    )
    lignes = calculer_droits(convention).decrire().table().lignes
    assert lignes == (
        ("a", "Nombre de logements RPLS au 01/01/2023", "120", ""),
        (
            "b",
            "Logements identifiés comme n'étant pas légalement dans l'assiette (PLI, "
            "démolitions, ventes…)",
            "4",
            "",
        ),
        ("c", "Assiette (a) − (b)", "116", ""),
        ("d", "Taux de rotation 2022 du bailleur (dans l'assiette)", "5,00 %", ""),
        ("e", "Flux annuel estimé (c) × (d)", "6", "5,8"),
        (
            "f",
            "Décret du 20 février 2020 (mutations internes, relogements ANRU, ORCOD-IN, LHI)",
            "2",
            "",
        ),
        ("g", "Relogements liés à une opération de vente", "1", ""),
        ("h", "Autres logements à déduire (sous réserve d'accord préfectoral)", "1", ""),
        ("i", "Nombre de logements prévisionnel à mettre à disposition", "2", ""),
        ("j", "Taux de logements réservés au réservataire", "12,90 %", ""),
        ("k", "Flux de réservation annuel du réservataire", "0", "0,258"),
    )


def test_annexe_deductions_separees() -> None:
    lignes = (
        calculer_droits(_convention(deductions=Deductions(mutations_internes=1, ventes=1)))
        .decrire()
        .table()
        .lignes
    )
    assert [ligne[1:3] for ligne in lignes[5:8]] == [
        ("Décret du 20 février 2020 (mutations internes)", "1"),
        ("Décret du 20 février 2020 (relogements ANRU, ORCOD-IN, LHI)", "0"),
        ("Relogements liés à une opération de vente", "1"),
    ]


@pytest.mark.parametrize(
    ("valeur", "texte"),
    [("8.004", "8,004"), ("5.800", "5,8"), ("10.0", "10"), ("100", "100"), ("0.000", "0")],
)
def test_decimal_sans_zero_inutile_ni_exposant(valeur: str, texte: str) -> None:
    assert _decimal(P(valeur)) == texte


def test_decimal_hors_du_contexte_de_l_appelant() -> None:
    import decimal

    with decimal.localcontext(decimal.Context(prec=3)):
        assert _decimal(P("1234.5678")) == "1234,5678"


def test_faits_du_flux_et_des_attributions() -> None:
    sans = calculer_droits(_convention()).decrire()
    assert [(f.cle, f.libelle, f.valeur, f.genre) for f in sans.faits] == [
        ("bailleur", "Bailleur", "B", Genre.TEXTE),
        ("reservataire", "Réservataire", "R", Genre.TEXTE),
        ("annee", "Année", 2024, Genre.ANNEE),
        ("assiette", "Assiette", 116, Genre.ENTIER),
        ("flux_annuel", "Flux annuel estimé", 8, Genre.ENTIER),
        ("flux_net", "Flux net", 8, Genre.ENTIER),
        ("droits", "Droits de l'année", 1, Genre.ENTIER),
        ("report", "Report du bilan précédent", 0, Genre.ENTIER),
        ("objectif", "Objectif de l'année", 1, Genre.ENTIER),
    ]
    # 3 attributions prioritaires sur 10 : 30 %, au-delà des 25 %
    avec = calculer_droits(_convention(attributions=Attributions(total=10, prioritaires=3)))
    faits = [(f.cle, f.libelle, f.valeur, f.genre) for f in avec.decrire().faits]
    assert faits[9:] == [
        (
            "part_prioritaires",
            "Part des attributions aux ménages prioritaires",
            P("0.3"),
            Genre.TAUX,
        ),
        ("prioritaires_conformes", "25 % atteints", True, Genre.BOOLEEN),
    ]


# --- REP : soutiens par commune ou par matière -----------------------------------------------


def test_soutien_par_commune() -> None:
    """Alcome 2024, Oraison (5 983 habitants, urbaine faute de critère) : 5 983 × 1,08 € =
    6 461,64 € sur 366 jours."""
    resultat = calculer_soutiens(
        bareme_en_vigueur("alcome", 2024),
        2024,
        communes=[CommuneRep(nom="Oraison", population=5983)],
    )
    table = resultat.decrire().table()
    assert (table.cle, table.titre) == ("communes", "Soutien par commune")
    assert [(c.cle, c.libelle, c.genre, c.total, c.affichee) for c in table.colonnes] == [
        ("commune", "Commune", Genre.TEXTE, False, True),
        ("population", "Population", Genre.ENTIER, True, True),
        ("typologie", "Typologie", Genre.TEXTE, False, True),
        ("motif", "Motif", Genre.TEXTE, False, False),
        ("taux", "€ par habitant", Genre.NOMBRE, False, True),
        ("ponderation", "Pondération", Genre.NOMBRE, False, True),
        ("jours", "Jours", Genre.ENTIER, False, True),
        ("jours_annee", "Jours de l'année", Genre.ENTIER, False, False),
        ("montant", "Montant", Genre.MONTANT, True, True),
    ]
    ((commune, population, typologie, motif, taux, ponderation, jours, annee, montant),) = (
        table.lignes
    )
    assert (commune, population, typologie) == ("Oraison", 5983, "Urbain")
    assert motif.startswith("5983 habitants permanents ; critères non renseignés")
    assert (taux, ponderation, jours, annee, montant) == (
        P("1.08"),
        P(1),
        366,
        366,
        P("6461.64"),
    )


def test_soutien_par_matiere() -> None:
    """Citeo 2024 : 12,5 t de papier standard bureautique × 123,00 €/t = 1 537,50 €."""
    resultat = calculer_soutiens(
        bareme_en_vigueur("citeo-papiers-graphiques", 2024),
        2024,
        tonnages=[Tonnage(matiere="standard_bureautique", tonnes=P("12.5"))],
    )
    table = resultat.decrire().table()
    assert (table.cle, table.titre) == ("matieres", "Soutien par matière")
    assert [(c.cle, c.libelle, c.genre, c.total, c.affichee) for c in table.colonnes] == [
        ("matiere", "Matière", Genre.TEXTE, False, True),
        ("tonnes", "Tonnes", Genre.NOMBRE, True, True),
        ("taux", "€ par tonne", Genre.NOMBRE, False, True),
        ("ponderation", "Pondération", Genre.NOMBRE, False, True),
        ("montant", "Montant", Genre.MONTANT, True, True),
    ]
    assert table.lignes == (("Standard bureautique", P("12.5"), P("123.00"), P(1), P("1537.50")),)


# --- délais : la règle d'une obligation en clair ----------------------------------------------


@pytest.mark.parametrize(
    ("obligation", "texte"),
    [
        (Obligation(libelle="x", annuelle="06-30"), "chaque année (06-30)"),
        (Obligation(libelle="x", mensuelle=31), "chaque mois, dernier jour"),
        (Obligation(libelle="x", mensuelle=30), "chaque mois, le 30"),
        (Obligation(libelle="x", mensuelle=5), "chaque mois, le 5"),
        (Obligation(libelle="x", date=dt.date(2024, 3, 1)), "le 01/03/2024"),
        (
            Obligation(libelle="x", delai=lire_duree("2 mois"), sens="avant", depart="echeance"),
            "2 mois avant chaque échéance",
        ),
        (
            Obligation(libelle="x", delai=lire_duree("1 mois"), repetition=True),
            "1 mois après prise d'effet, répété",
        ),
        (
            Obligation(libelle="x", delai=lire_duree("15 jours"), depart=dt.date(2024, 1, 2)),
            "15 jours après 02/01/2024",
        ),
    ],
)
def test_regle_d_une_obligation(obligation: Obligation, texte: str) -> None:
    assert _regle(obligation) == texte


# --- indemnités : le tableau récapitulatif ----------------------------------------------------


def test_tableau_des_indemnites() -> None:
    """Oraison (6 300 habitants) au 01/03/2024 : terme 835 × 59,0734 / 12 = 4 110,5241 € ;
    maire 55 % = 2 260,79 € ; adjoint 22 % = 904,32 € (904,3153) ; enveloppe 77 % = 3 165,10 €
    (3 165,1035) ; total 3 165,11 €."""
    r = calculer_indemnites(
        Commune(nom="Oraison", population=6300, date=dt.date(2024, 3, 1)),
        [
            Elu(nom="Maire", fonction="maire", taux=P("0.55"), delegation=True),
            Elu(nom="A", fonction="adjoint", taux=P("0.22"), delegation=True),
        ],
    )
    document = r.decrire()
    assert (document.titre, document.cle) == (
        "Indemnités de fonction — Oraison au 01/03/2024",
        "Oraison",
    )
    assert [(f.cle, f.libelle, f.valeur, f.genre) for f in document.faits] == [
        ("commune", "Commune", "Oraison", Genre.TEXTE),
        ("population", "Population", 6300, Genre.ENTIER),
        ("date", "Date", dt.date(2024, 3, 1), Genre.DATE),
        ("indice_brut", "Indice brut terminal", 1027, Genre.ENTIER),
        ("indice_majore", "Indice majoré", 835, Genre.ENTIER),
        ("point_annuel", "Valeur annuelle du point", P("59.0734"), Genre.NOMBRE),
        ("terme_de_reference", "Terme de référence", P("4110.52"), Genre.MONTANT),
        ("taux_maire_max", "Taux maximal du maire", P("0.55"), Genre.TAUX),
        ("taux_adjoint_max", "Taux maximal d'un adjoint", P("0.22"), Genre.TAUX),
        ("adjoints_comptes", "Adjoints comptés", 1, Genre.ENTIER),
        ("taux_enveloppe", "Enveloppe (taux)", P("0.77"), Genre.TAUX),
        ("enveloppe", "Enveloppe (montant)", P("3165.10"), Genre.MONTANT),
        ("taux_alloues", "Taux alloués dans l'enveloppe", P("0.77"), Genre.TAUX),
        ("taux_disponible", "Taux encore disponible", P(0), Genre.TAUX),
        ("total_indemnites", "Total des indemnités", P("3165.11"), Genre.MONTANT),
        ("total_majorations", "Total des majorations", P(0), Genre.MONTANT),
        ("total", "Total mensuel", P("3165.11"), Genre.MONTANT),
    ]
    table = document.table()
    assert (table.cle, table.titre) == (
        "elus",
        "Tableau récapitulatif des indemnités (mensuelles, brutes)",
    )
    assert [(c.cle, c.libelle, c.genre, c.total) for c in table.colonnes][3:] == [
        ("indemnite", "Indemnité de fonction", Genre.MONTANT, True),
        ("majoration", "Majoration", Genre.MONTANT, True),
        ("total", "Montant total", Genre.MONTANT, True),
    ]
    assert [ligne[0] for ligne in table.lignes] == ["Maire", "A"]
    assert [ligne[1].value for ligne in table.lignes] == ["maire", "adjoint"]
    assert [ligne[2:] for ligne in table.lignes] == [
        (P("0.55"), P("2260.79"), P("0.00"), P("2260.79")),
        (P("0.22"), P("904.32"), P("0.00"), P("904.32")),
    ]
    assert document.hypotheses == r.hypotheses
