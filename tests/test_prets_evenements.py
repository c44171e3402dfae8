"""Événements de prêt : remboursements anticipés, moratoires, changement d'index, TEG,
garanties et portefeuille."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from collectivites.erreurs import ErreurDossier, ErreurValeur
from collectivites.prets import LigneDePret, calculer_tableau, exemple_pret, serie_index
from collectivites.prets._changement_index import changer_index
from collectivites.prets._courbe import CourbeZeroCoupon, lire_courbe_csv
from collectivites.prets._moratoires import interets_moratoires
from collectivites.prets._portefeuille import (
    CHAMPS_PROJECTION,
    ecart,
    garants_de,
    projeter_ligne,
    repartir,
)
from collectivites.prets._remboursement import (
    calendrier_remboursement,
    indemnite_obligatoire,
    rembourser_par_anticipation,
)
from collectivites.prets._repartition import projeter
from collectivites.prets._scenarios import scenario
from collectivites.prets._teg import calculer_teg

from .strategies import lignes_de_pret

D = dt.date


def _ligne(pret: str, identifiant: str) -> LigneDePret:
    return next(x for x in exemple_pret(pret).lignes if x.identifiant == identifiant)


FONCIER = _ligne("cdc-57851", "5165325")
SIMPLE = LigneDePret(
    identifiant="essai",
    montant=Decimal("1000.00"),
    date_debut_amortissement=D(2021, 1, 1),
    duree=3,
    periodicite="annuelle",
    index="fixe",
    valeur_index_reference=Decimal(0),
    marge=Decimal("0.05"),
    taux_interet=Decimal("0.05"),
    profil="amortissement_deduit_interets_prioritaires",
    revision="fixe",
)


# --- remboursement anticipé volontaire ------------------------------------------------------


# Calendrier de l'art. 17.1.1, indemnité et intérêts moratoires calculés à la main, TEG de
# l'article 9 : cas en données, tests/cas/pret/evenements.toml et teg-article-9.toml.


@pytest.mark.parametrize(
    ("jour", "demande", "motif"),
    [
        (D(2026, 12, 7), None, r"n'est pas une date d'échéance.*2026-12-06, 2027-12-06"),
        (D(2026, 12, 6), D(2026, 10, 22), r"préavis trop court.*2026-10-21"),
        (D(2067, 12, 6), None, "dernière échéance"),
    ],
)
def test_demandes_refusees(jour: dt.date, demande: dt.date | None, motif: str) -> None:
    with pytest.raises(ErreurValeur, match=motif):
        calendrier_remboursement(FONCIER, jour, date_demande=demande)


def test_indemnite_nulle_quand_les_taux_montent() -> None:
    courbe = CourbeZeroCoupon(points=((Decimal(1), Decimal("0.08")), (Decimal(5), Decimal("0.08"))))
    assert rembourser_par_anticipation(SIMPLE, D(2022, 1, 1), courbe=courbe).indemnite == 0


def test_remboursement_partiel_garde_la_maturite() -> None:
    resultat = rembourser_par_anticipation(FONCIER, D(2026, 12, 6), montant=Decimal("50000.00"))
    apres = resultat.tableau_apres
    assert apres.lignes[-1].date == D(2067, 12, 6)
    assert apres.lignes[8].capital_du == Decimal("63912.16")  # 113 912,16 − 50 000
    assert apres.lignes[:8] == resultat.tableau_avant.lignes[:8]
    assert apres.total_amortissement + apres.total_remboursements_anticipes == FONCIER.montant
    # Échéance suivante recalculée sur 63 912,16 € et 41 échéances à 1,35 %, progressivité 0,5 %.
    q = 1.005 / 1.0135
    attendu = 63912.16 * (0.0135 - 0.005) / (1 - q**41)
    assert abs(float(apres.lignes[9].echeance) - attendu) < 0.006


def test_interets_differes_dus_au_prorata() -> None:
    """Sur l'historique du Livret A, la ligne 5165325 porte au 6 décembre 2025 un stock de
    1 846,47 € d'intérêts différés ; rembourser la moitié du capital en rend dus la moitié."""
    livret_a = serie_index("livret_a")
    avant = calculer_tableau(FONCIER, index=livret_a)
    r8 = next(r for r in avant.lignes if r.date == D(2025, 12, 6))
    assert r8.stock_interets_differes == Decimal("1846.47")
    moitie = (r8.capital_du / 2).quantize(Decimal("0.01"))
    resultat = rembourser_par_anticipation(FONCIER, D(2025, 12, 6), montant=moitie, index=livret_a)
    attendu = round(1846.47 * float(moitie) / float(r8.capital_du), 2)  # 923,23
    assert resultat.interets_differes_dus == Decimal(f"{attendu:.2f}")


def test_courbe_avec_un_trou(tmp_path: Path) -> None:
    courbe = CourbeZeroCoupon(
        points=((Decimal(1), Decimal("0.02")), (Decimal(10), Decimal("0.03")))
    )
    with pytest.raises(ErreurValeur, match="la courbe s'arrête à 10 ans"):
        rembourser_par_anticipation(FONCIER, D(2026, 12, 6), courbe=courbe)
    fichier = tmp_path / "courbe.csv"
    fichier.write_text('maturite_ans,taux\n1,2 %\n1,"2,5 %"\n', encoding="utf-8")
    with pytest.raises(ErreurDossier, match="croître strictement"):
        lire_courbe_csv(fichier)
    fichier.write_text("maturite_ans,taux\n1,2\n", encoding="utf-8")
    with pytest.raises(ErreurDossier, match="ligne 2"):
        lire_courbe_csv(fichier)


@given(lignes_de_pret(revision="fixe"), st.data())
def test_remboursements_proprietes(ligne: LigneDePret, donnees: st.DataObject) -> None:
    tableau = calculer_tableau(ligne)
    if len(tableau) < 2:
        return
    rang = donnees.draw(st.integers(0, len(tableau) - 2))
    r = tableau.lignes[rang]
    if r.capital_du <= 0:
        return
    taux = donnees.draw(st.decimals(min_value=Decimal("-0.01"), max_value=Decimal("0.1"), places=4))
    courbe = CourbeZeroCoupon(points=((Decimal(1), taux), (Decimal(100), taux)))
    total = rembourser_par_anticipation(ligne, r.date, courbe=courbe)
    assert total.indemnite is not None and total.indemnite >= 0
    assert total.tableau_apres.lignes[-1].capital_du == 0
    assert total.tableau_apres.lignes[-1].stock_interets_differes == 0
    montant = (r.capital_du / 3).quantize(Decimal("0.01"))
    if montant > 0:
        partiel = rembourser_par_anticipation(ligne, r.date, montant=montant)
        assert partiel.tableau_apres.lignes[-1].date == tableau.lignes[-1].date
        assert (
            partiel.tableau_apres.total_amortissement
            + partiel.tableau_apres.total_remboursements_anticipes
            == tableau.capital
        )


# --- remboursements obligatoires, moratoires ------------------------------------------------


def test_indemnites_obligatoires() -> None:
    assert indemnite_obligatoire(
        "exigibilite_7_pourcent", sommes_exigibles=Decimal(10000)
    ) == Decimal("700.00")
    semestre = round(100000 * (1.0135**0.5 - 1), 2)
    assert indemnite_obligatoire(
        "semestre_interets", sommes_exigibles=Decimal(100000), taux_en_vigueur=Decimal("0.0135")
    ) == Decimal(f"{semestre:.2f}")
    assert indemnite_obligatoire("interets_courus_seuls", sommes_exigibles=Decimal(1)) == 0
    with pytest.raises(ErreurValeur, match="valeur inconnue"):
        indemnite_obligatoire("autre", sommes_exigibles=Decimal(1))


def test_moratoires_refuses() -> None:
    with pytest.raises(ErreurValeur, match="précède"):
        interets_moratoires(Decimal(1), D(2020, 1, 2), D(2020, 1, 1), index=serie_index("livret_a"))


# --- changement d'index, TEG ------------------------------------------------------------------


def test_changement_d_index() -> None:
    ligne = _ligne("cdc-57769", "5152599")
    livret_a = serie_index("livret_a")
    # Demande du 15 janvier 2022 pour le 1er mars 2022 : moins de deux mois, reportée à 2023.
    r = changer_index(
        ligne,
        date_demande=D(2022, 1, 15),
        echeance_souhaitee=D(2022, 3, 1),
        index_inflation=None,
        livret_a=livret_a,
    )
    assert (r.date_changement, r.reporte) == (D(2023, 3, 1), True)
    assert r.commission == (r.capital_restant_du * Decimal("0.0003")).quantize(Decimal("0.01"))
    apres = [x for x in r.tableau.lignes if x.date > D(2023, 3, 1)]
    # Taux de la période commencée le 1er mars 2023 : Livret A 3 % + 0,60 %.
    assert apres[0].taux == Decimal("0.036")
    assert len(r.tableau.lignes) == 40
    assert r.tableau.lignes[-1].capital_du == 0
    with pytest.raises(ErreurValeur, match="inflation"):
        changer_index(
            FONCIER,
            date_demande=D(2020, 1, 1),
            echeance_souhaitee=D(2021, 12, 6),
            index_inflation=None,
            livret_a=livret_a,
        )


def test_teg_avec_commission() -> None:
    assert calculer_teg(FONCIER, commissions=Decimal(1000)).teg > calculer_teg(FONCIER).teg


# --- garanties et portefeuille ----------------------------------------------------------------

TOUS = [exemple_pret(n) for n in ("cdc-57851", "cdc-57769", "cdc-57828")]
EMISSION = scenario("emission")


def test_montants_garantis_par_le_departement() -> None:
    """Délibérations de garantie : « à hauteur de 25 % (110 408,50 €) » pour le prêt 57851,
    « (64 000,00 €) » pour le 57769 ; au 31 décembre 2017, rien n'est encore amorti."""
    for pret, attendu in ((TOUS[0], "110408.50"), (TOUS[1], "64000.00")):
        projection = projeter([pret], EMISSION, par="garant")
        premiere = projection.serie("Département de la Lozère")[0]
        assert (premiere.annee, premiere.capital_du_31_12) == (2017, Decimal(attendu))


def test_parts_des_garants_font_la_ligne() -> None:
    par_ligne = projeter(TOUS, EMISSION, par="ligne")
    par_garant = projeter(TOUS, EMISSION, par="garant")
    assert par_ligne.total() == par_garant.total()
    assert projeter(TOUS, EMISSION, par="emprunteur").total() == par_ligne.total()


@pytest.mark.parametrize("nom", ["historique", "emission"])
def test_annexe_de_dette_garantie_se_verifie_au_centime(nom: str) -> None:
    """Une annexe de dette garantie se vérifie ligne à ligne : pour chaque garant et chaque
    année, capital dû fin N−1 − amortissement N = capital dû fin N, au centime (l'arrondi de
    chaque part année par année cassait l'égalité dans 74 lignes-années sur 190). La première
    année part du capital emprunté réparti entre les garants. Les garants font toujours la ligne,
    et chaque part reste au plus à deux centimes de « quotité × montant de la ligne »."""
    sc = scenario(nom)
    par_garant = projeter(TOUS, sc, par="garant")
    verifiees = 0
    initial: dict[str, Decimal] = {}
    for pret in TOUS:
        for ligne in pret.lignes:
            capital = calculer_tableau(ligne, index=sc.source_pour(ligne)).capital
            for garant, part in zip(
                garants_de(pret, ligne),
                repartir(capital, [g.quotite for g in garants_de(pret, ligne)]),
                strict=True,
            ):
                initial[garant.nom] = initial.get(garant.nom, Decimal(0)) + part
    for cle in par_garant.cles:
        precedent = initial[cle]
        for annee in par_garant.serie(cle):
            assert precedent - annee.amortissement == annee.capital_du_31_12, (cle, annee.annee)
            precedent = annee.capital_du_31_12
            verifiees += 1
    assert verifiees >= 190
    assert projeter(TOUS, sc, par="ligne").total() == par_garant.total()
    # Chaque part à moins de deux centimes de quotité × ligne.
    for pret in TOUS:
        for ligne in pret.lignes:
            lignes_annuelles = projeter_ligne(ligne, sc.source_pour(ligne))
            garants = garants_de(pret, ligne)
            seul = projeter([attrs.evolve(pret, lignes=(ligne,))], sc, par="garant")
            for garant in garants:
                for part, total in zip(seul.serie(garant.nom), lignes_annuelles, strict=True):
                    for champ in CHAMPS_PROJECTION:
                        ecart_ = abs(getattr(part, champ) - getattr(total, champ) * garant.quotite)
                        assert ecart_ <= Decimal("0.02"), (garant.nom, part.annee, champ)


def test_repartir_plus_fort_reste() -> None:
    quotites = [Decimal("0.75"), Decimal("0.25")]
    assert repartir(Decimal("0.03"), quotites) == (Decimal("0.02"), Decimal("0.01"))
    assert repartir(Decimal("-0.03"), quotites) == (Decimal("-0.02"), Decimal("-0.01"))
    assert sum(repartir(Decimal("1000.07"), [Decimal(1) / 3] * 3)) == Decimal("1000.07")
    assert repartir(Decimal(0), quotites) == (Decimal("0.00"), Decimal("0.00"))


def test_portefeuille_somme_des_lignes() -> None:
    projection = projeter(TOUS, EMISSION, par="ligne")
    for pret in TOUS:
        for ligne in pret.lignes:
            assert projection.serie(f"{pret.numero}/{ligne.identifiant}") == projeter_ligne(
                ligne, None
            )


def test_scenario_egal_a_l_historique(tmp_path: Path) -> None:
    fichier = tmp_path / "livret_a.csv"
    derniere = serie_index("livret_a").points[-1]
    fichier.write_text(
        f"date,valeur\n{derniere.date_effet.isoformat()},{derniere.valeur * 100} %\n",
        encoding="utf-8",
    )
    historique = projeter(TOUS, scenario("historique"), par="garant")
    identique = projeter(TOUS, scenario(str(fichier)), par="garant")
    assert historique.series == identique.series
    assert all(a.echeances == 0 for _c, s in ecart(historique, identique).series for a in s)


def test_choc_livret_a() -> None:
    base = projeter(TOUS, scenario("historique"), par="garant")
    choc = projeter(TOUS, scenario("livret_a+1 %", depuis=D(2027, 1, 1)), par="garant")
    difference = ecart(base, choc).serie("Département de la Lozère")
    assert all(a.echeances == 0 for a in difference if a.annee <= 2027)
    assert sum(a.interets for a in difference) > 0
    with pytest.raises(ErreurValeur, match="date de départ"):
        scenario("livret_a+1 %")


def test_quotites_invalides() -> None:
    with pytest.raises(ErreurValeur, match="100 %"):
        attrs.evolve(TOUS[0], garants=TOUS[0].garants[:1])
