"""rSa : échéances, intérêts de retard, régularisation, neutralité, chiffres de la convention."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from collectivites.donnees import SerieDatee
from collectivites.erreurs import ErreurDonnees, ErreurDossier, ErreurValeur
from collectivites.regles.rsa import (
    Acompte,
    ConventionRsa,
    Flux,
    Operation,
    Paiement,
    calculer_interets_retard,
    calculer_neutralite,
    calculer_regularisation,
    charger_rsa,
    competences_lozere,
    date_echeance,
    exemple_rsa,
    instance_remise_dette,
    plafond_avance,
    taux_reference_du_mois,
)

D = dt.date
LOZERE = ConventionRsa(nom="Lozère", avance_tresorerie=Decimal("328000"))


@pytest.mark.parametrize(
    ("mois", "attendu"),
    [
        (D(2017, 1, 1), D(2017, 2, 6)),  # dimanche 5 février → lundi 6
        (D(2017, 5, 1), D(2017, 6, 6)),  # lundi 5 juin 2017 : lundi de Pentecôte
        (D(2021, 3, 1), D(2021, 4, 6)),  # lundi 5 avril 2021 : lundi de Pâques
        (D(2018, 12, 1), D(2019, 1, 7)),  # samedi 5 janvier
        (D(2019, 1, 1), D(2019, 2, 5)),
    ],
)
def test_echeance_art_8_2_1(mois: dt.date, attendu: dt.date) -> None:
    """« le 5 du mois M+1 ou le jour ouvré le plus proche suivant cette date »."""
    assert date_echeance(LOZERE, mois) == attendu


def test_echeance_preset_du_decret() -> None:
    """CASF D262-61, 1° : « Les acomptes sont versés au plus tard le dernier jour de chaque mois.
    Ils sont égaux au montant des dépenses comptabilisées … au cours du dernier mois civil
    connu. » La demande de janvier 2019 (dépenses de décembre 2018) est due le 31 janvier 2019."""
    decret = ConventionRsa(echeance="dernier_jour_du_mois", report="jour_ouvre_precedent")
    assert date_echeance(decret, D(2019, 1, 1)) == D(2019, 1, 31)
    assert date_echeance(decret, D(2019, 8, 1)) == D(2019, 8, 30)  # samedi 31 août
    stipule = ConventionRsa(echeance="dernier_jour_du_mois_suivant")
    assert date_echeance(stipule, D(2019, 1, 1)) == D(2019, 2, 28)
    assert date_echeance(attrs.evolve(LOZERE, jour_echeance=31), D(2024, 1, 1)) == D(2024, 2, 29)


def _acompte(mois: dt.date, montant: str, *paiements: tuple[dt.date, str]) -> Acompte:
    return Acompte(
        mois=mois,
        montant=Decimal(montant),
        paiements=tuple(Paiement(date=d, montant=Decimal(m)) for d, m in paiements),
    )


# Les intérêts calculés à la main (117,16 ; 65,00 ; 44,09 ; 28,06 ; −67,95) sont des cas en
# données : tests/cas/rsa/interets-de-retard.toml.


def test_part_impayee_jusqu_a_la_date_d_arrete() -> None:
    acompte = _acompte(D(2019, 7, 1), "476000", (D(2019, 8, 5), "300000"))
    with pytest.raises(ErreurValeur, match="date d'arrêté"):
        calculer_interets_retard(LOZERE, [acompte])
    ligne = calculer_interets_retard(LOZERE, [acompte], date_arrete=D(2019, 8, 26)).lignes[0]
    assert ligne.parts[-1].date_paiement is None


def test_substitution_de_l_eonia() -> None:
    """Échéance lundi 7 février 2022 (5 février : samedi) ; janvier 2022 n'a plus d'EONIA :
    €STR fourni (−0,58 %) + 0,085 point = −0,495 % ; + 1 point = 0,505 % ;
    200 000 × 0,505 % × 10 / 360 = 28,055… → 28,06 €."""
    acompte = _acompte(D(2022, 1, 1), "200000", (D(2022, 2, 17), "200000"))
    with pytest.raises(ErreurDonnees, match="2022-01"):
        calculer_interets_retard(LOZERE, [acompte])
    resultat = calculer_interets_retard(
        LOZERE,
        [acompte],
        estr_mensuels=SerieDatee.depuis_valeurs("estr", {D(2022, 1, 1): Decimal("-0.0058")}),
    )
    ligne = resultat.lignes[0]
    assert ligne.echeance == D(2022, 2, 7)
    assert ligne.reference is not None and "2021/1848" in ligne.reference.provenance
    assert ligne.taux == Decimal("0.00505")
    assert ligne.interets == Decimal("28.06")


def test_premiers_mois_de_la_substitution() -> None:
    # Octobre et novembre 2019 : EONIA recalculé (€STR + 0,085) ; la série livrée les contient.
    assert taux_reference_du_mois(D(2019, 10, 1)).valeur == Decimal("-0.004643")
    # Un taux fourni par l'utilisateur l'emporte.
    fourni = taux_reference_du_mois(
        D(2019, 10, 1),
        utilisateur=SerieDatee.depuis_valeurs("fourni", {D(2019, 10, 1): Decimal("0")}),
    )
    assert fourni.valeur == 0 and fourni.provenance == "taux fourni"
    with pytest.raises(ErreurDonnees, match="2017-01"):
        taux_reference_du_mois(D(2017, 1, 1))


def test_resultat_negatif_montre_non_facture() -> None:
    sans_majoration = attrs.evolve(LOZERE, majoration=Decimal(0))
    acompte = _acompte(D(2019, 3, 1), "476000", (D(2019, 4, 19), "476000"))
    resultat = calculer_interets_retard(sans_majoration, [acompte])
    # 476 000 × −0,3671 % × 14 / 360 = −67,954… → −67,95 €
    assert resultat.total_interets == Decimal("-67.95")
    assert resultat.total_a_facturer == 0
    facture = calculer_interets_retard(
        attrs.evolve(sans_majoration, facturer_negatif=True), [acompte]
    )
    assert facture.total_a_facturer == Decimal("-67.95")


def test_pas_de_taux_requis_sans_retard() -> None:
    acompte = _acompte(D(2016, 1, 1), "476000", (D(2016, 2, 5), "476000"))
    ligne = calculer_interets_retard(LOZERE, [acompte]).lignes[0]
    assert ligne.interets == Decimal("0.00") and ligne.taux is None


@pytest.mark.parametrize(
    ("paiements", "motif"),
    [
        (((D(2018, 12, 20), "1000"),), "antérieur au mois"),
        (((D(2019, 2, 5), "500000"),), "dépassent le montant"),
    ],
)
def test_acomptes_invalides(paiements: tuple, motif: str) -> None:  # type: ignore[type-arg]
    with pytest.raises(ErreurValeur, match=motif):
        _acompte(D(2019, 1, 1), "476000", *paiements)


# --- propriétés -------------------------------------------------------------------------------

mois_2019_2021 = st.builds(lambda a, m: D(a, m, 1), st.integers(2019, 2021), st.integers(1, 10))
montants = st.integers(min_value=1, max_value=10_000_000)


@given(mois_2019_2021, montants)
def test_interets_nuls_si_paye_a_l_echeance(mois: dt.date, montant: int) -> None:
    echeance = date_echeance(LOZERE, mois)
    acompte = _acompte(mois, str(montant), (echeance, str(montant)))
    assert calculer_interets_retard(LOZERE, [acompte]).total_interets == 0


@given(mois_2019_2021, montants, st.integers(0, 60), st.integers(2, 9))
def test_lineaire_en_montant(mois: dt.date, montant: int, jours: int, facteur: int) -> None:
    echeance = date_echeance(LOZERE, mois)
    paiement = echeance + dt.timedelta(days=jours)

    def interets(m: int) -> Decimal:
        acompte = _acompte(mois, str(m), (paiement, str(m)))
        return calculer_interets_retard(LOZERE, [acompte]).total_interets

    assert abs(interets(montant * facteur) - facteur * interets(montant)) <= Decimal("0.005") * (
        facteur + 1
    )


@given(mois_2019_2021, montants, st.integers(0, 60), st.integers(0, 60))
def test_monotone_en_jours(mois: dt.date, montant: int, j1: int, j2: int) -> None:
    echeance = date_echeance(LOZERE, mois)
    resultats = []
    for jours in sorted((j1, j2)):
        acompte = _acompte(mois, str(montant), (echeance + dt.timedelta(days=jours), str(montant)))
        resultats.append(calculer_interets_retard(LOZERE, [acompte]).total_interets)
    assert resultats[0] <= resultats[1]


# --- régularisation ---------------------------------------------------------------------------


def _annee(montants_acomptes: list[int], montants_operations: list[int]) -> tuple[list, list]:  # type: ignore[type-arg]
    acomptes = [
        Acompte(mois=D(2017, m, 1), montant=Decimal(v))
        for m, v in zip(range(1, 13), montants_acomptes, strict=True)
    ]
    mois_ops = [D(2016, 12, 1)] + [D(2017, m, 1) for m in range(1, 12)]
    operations = [
        Operation(mois=m, montant=Decimal(v))
        for m, v in zip(mois_ops, montants_operations, strict=True)
    ]
    return acomptes, operations


def test_regularisation_dans_les_deux_sens() -> None:
    acomptes, operations = _annee([476000] * 12, [471000] + [476000] * 11)
    resultat = calculer_regularisation(2017, acomptes, operations)
    assert resultat.solde == Decimal(-5000)
    assert resultat.debiteur == "CAF"
    assert resultat.mois_facture == D(2017, 12, 1)
    assert resultat.acompte_imputation == D(2017, 12, 1)
    acomptes, operations = _annee([476000] * 12, [480000] + [476000] * 11)
    resultat = calculer_regularisation(2017, acomptes, operations)
    assert (resultat.solde, resultat.debiteur) == (Decimal(4000), "département")


@given(st.lists(st.integers(0, 10**7), min_size=12, max_size=12))
def test_regularisation_de_flux_egaux_nulle(montants: list[int]) -> None:
    acomptes, operations = _annee(montants, montants)
    resultat = calculer_regularisation(2017, acomptes, operations)
    assert resultat.solde == 0 and resultat.debiteur == "aucun"


def test_regularisation_exige_douze_mois() -> None:
    acomptes, operations = _annee([1] * 12, [1] * 12)
    with pytest.raises(ErreurValeur, match="opérations de 2016-12"):
        calculer_regularisation(2017, acomptes, operations[1:])


# --- neutralité -------------------------------------------------------------------------------


def test_neutralite_exemple_du_rapport() -> None:
    """Avance 328 000 €, acompte 476 000 € : la CAF verse 476 000 € le 5 janvier 2019 et reçoit
    l'acompte le 5 février ; du 5 janvier au 4 février (31 jours) sa position est de
    −148 000 €. Coût au taux de janvier 2019 (−0,3668 %) : 148 000 × 0,3668 % × 31 / 360 =
    −46,747… → −46,75 € ; négatif, donc non facturé."""
    flux = [
        Flux(date=D(2019, 1, 5), montant=Decimal(-476000)),
        Flux(date=D(2019, 2, 5), montant=Decimal(476000)),
    ]
    resultat = calculer_neutralite(LOZERE, flux, 2019)
    assert resultat.jours_negatifs == 31
    assert resultat.position_minimale.position == Decimal(-148000)
    assert resultat.cout == Decimal("-46.75")
    assert resultat.montant_a_facturer == 0
    assert resultat.mois_facturation == D(2020, 1, 1)


def test_neutralite_exige_l_avance() -> None:
    with pytest.raises(ErreurValeur, match="avance_tresorerie"):
        calculer_neutralite(ConventionRsa(), [], 2019)


def test_exemple_livre() -> None:
    dossier = exemple_rsa("rsa-lozere-2019")
    interets = calculer_interets_retard(dossier.convention, dossier.acomptes)
    assert [str(x.interets) for x in interets.lignes if x.interets] == ["117.16", "65.00"]
    regularisation = calculer_regularisation(2019, dossier.acomptes, dossier.operations)
    assert regularisation.solde == Decimal(10400)
    neutralite = calculer_neutralite(dossier.convention, dossier.flux, 2019)
    assert neutralite.position_initiale == Decimal(-148000)
    assert neutralite.montant_a_facturer == 0


# --- chiffres de la convention ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("couple", "enfants", "plafond"),
    [(False, 0, "100"), (True, 0, "150"), (False, 1, "150"), (True, 1, "200"), (False, 3, "200")],
)
def test_plafonds_avance(couple: bool, enfants: int, plafond: str) -> None:
    convention = exemple_rsa("rsa-lozere-2019").convention
    assert plafond_avance(convention, couple=couple, enfants=enfants) == Decimal(plafond)


def test_deux_avances_par_an() -> None:
    from collectivites.regles.rsa import avances_restantes

    convention = exemple_rsa("rsa-lozere-2019").convention
    assert [avances_restantes(convention, deja_versees=n) for n in (0, 1, 2, 3)] == [2, 1, 0, 0]


def test_remise_de_dette() -> None:
    convention = exemple_rsa("rsa-lozere-2019").convention
    mf = Decimal("535.17")
    assert (
        instance_remise_dette(convention, dette=Decimal("1605.50"), montant_forfaitaire=mf) == "CAF"
    )
    assert (
        instance_remise_dette(convention, dette=Decimal("1605.51"), montant_forfaitaire=mf)
        == "département"
    )


def test_competences_article_3() -> None:
    competences = competences_lozere()
    categories = {c.categorie for c in competences}
    assert categories == {"deleguee_gratuite", "deleguee_retribuable", "non_deleguee"}
    assert sum(c.article == "3.1" for c in competences) == 6
    assert sum(c.article == "3.2" for c in competences) == 2


# --- dossiers ---------------------------------------------------------------------------------

DOSSIER = """
[convention]
jour_echeance = 5
report = "jour_ouvre_suivant"
taux_reference = "eonia"
majoration = "1 %"
base_jours = 360
zone = "metropole"
[[acomptes]]
mois = "2017-01"
montant = "476000.00"
paiements = [{ date = 2017-02-20, montant = "476000.00" }]
[[taux_reference_mensuels]]
mois = "2017-01"
valeur = "-0,35 %"
[[operations]]
mois = "2016-12"
montant = "471000.00"
"""


def test_dossier_de_l_issue(tmp_path: Path) -> None:
    chemin = tmp_path / "rsa.toml"
    chemin.write_text(DOSSIER, encoding="utf-8")
    dossier = charger_rsa(chemin)
    resultat = calculer_interets_retard(
        dossier.convention, dossier.acomptes, taux_mensuels=dossier.taux_mensuels
    )
    # Échéance lundi 6 février 2017, payé le 20 : 14 jours ; (−0,35 % + 1) = 0,65 % ;
    # 476 000 × 0,65 % × 14 / 360 = 120,322… → 120,32 €.
    ligne = resultat.lignes[0]
    assert (ligne.echeance, ligne.jours_retard, ligne.interets) == (
        D(2017, 2, 6),
        14,
        Decimal("120.32"),
    )


@pytest.mark.parametrize(
    ("avant", "apres", "motif"),
    [
        (
            'mois = "2017-01"\nmontant',
            'mois = "2017-13"\nmontant',
            r"acomptes\[0\]\.mois.*ce mois n'existe pas",
        ),
        ("date = 2017-02-20", "date = 2016-12-20", "antérieur au mois"),
        ('montant = "476000.00"\npaiements', "montant = 476000.0\npaiements", "flottant"),
        ('valeur = "-0,35 %"', 'valeur = "-0,35"', "pourcentage"),
        ('report = "jour_ouvre_suivant"', 'report = "lendemain"', "convention.report"),
    ],
)
def test_dossier_invalide(tmp_path: Path, avant: str, apres: str, motif: str) -> None:
    chemin = tmp_path / "rsa.toml"
    chemin.write_text(DOSSIER.replace(avant, apres), encoding="utf-8")
    with pytest.raises(ErreurDossier, match=motif):
        charger_rsa(chemin)


def test_taux_manquant_nomme_le_mois(tmp_path: Path) -> None:
    chemin = tmp_path / "rsa.toml"
    chemin.write_text(DOSSIER.replace('mois = "2017-01"\nvaleur', 'mois = "2017-02"\nvaleur'))
    dossier = charger_rsa(chemin)
    with pytest.raises(ErreurDonnees, match="2017-01"):
        calculer_interets_retard(
            dossier.convention, dossier.acomptes, taux_mensuels=dossier.taux_mensuels
        )
