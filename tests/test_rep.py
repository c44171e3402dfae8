"""REP : barème ALCOME (annexe C), typologies, prorata, pénalités, calendrier, autres chiffres."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from importlib import metadata
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from collectivites.erreurs import ErreurDonnees, ErreurDossier, ErreurPlugin, ErreurValeur
from collectivites.regles.rep import (
    CommuneRep,
    Tonnage,
    bareme_depuis_toml,
    bareme_en_vigueur,
    calculer_soutiens,
    calendrier_paiement,
    cendriers_de_poche,
    charger_rep,
    classer_commune,
    enlevement_possible,
    exemple_rep,
    remboursement_trop_percu,
)
from collectivites.regles.rep import _registre as module_bareme

D = dt.date
ALCOME = bareme_en_vigueur("alcome", 2023)


@pytest.mark.parametrize(
    ("population", "typologie"),
    [(0, "rural"), (4999, "rural"), (5000, "urbain"), (49999, "urbain"), (50000, "urbain_dense")],
)
def test_tranches_de_population(population: int, typologie: str) -> None:
    """Annexe C : rural < 5 000 ≤ urbain < 50 000 ≤ urbain dense."""
    assert (
        classer_commune(ALCOME, CommuneRep(nom="x", population=population)).typologie.code
        == typologie
    )


@pytest.mark.parametrize(
    ("donnees", "touristique"),
    [
        ({"lits_touristiques": 3000}, False),  # 1,5 lit par habitant exactement : « Plus d'1,5 »
        ({"lits_touristiques": 3001}, True),
        ({"taux_residences_secondaires": Decimal("0.50")}, False),  # « supérieur à 50 % »
        ({"taux_residences_secondaires": Decimal("0.5001")}, True),
        ({"commerces": 20}, True),  # 10 pour 1 000 exactement : « Au moins 10 »
        ({"commerces": 19}, False),
    ],
)
def test_criteres_touristiques_aux_bornes(donnees: dict[str, object], touristique: bool) -> None:
    commune = CommuneRep(nom="x", population=2000, **donnees)  # type: ignore[arg-type]
    classement = classer_commune(ALCOME, commune)
    assert (classement.typologie.code == "touristique") is touristique
    if touristique:
        assert "critère rempli" in classement.motif


def test_urbain_dense_reste_urbain_dense() -> None:
    commune = CommuneRep(nom="x", population=60000, lits_touristiques=200000)
    assert classer_commune(ALCOME, commune).typologie.code == "urbain_dense"


def test_typologie_declaree() -> None:
    commune = CommuneRep(nom="x", population=100, typologie="touristique")
    classement = classer_commune(ALCOME, commune)
    assert classement.typologie.code == "touristique"
    assert classement.motif == "déclarée dans le dossier"
    with pytest.raises(ErreurValeur, match="typologie inconnue"):
        classer_commune(ALCOME, CommuneRep(nom="x", population=1, typologie="balneaire"))


# Montants d'une année entière, prorata temporis, pénalités et plafond : cas en données,
# tests/cas/rep/alcome.toml.


def test_groupement_somme_des_communes_arrondies() -> None:
    communes = [CommuneRep(nom=f"c{i}", population=p) for i, p in enumerate((1001, 2003, 7777))]
    groupement = calculer_soutiens(ALCOME, 2023, communes=communes, debut=D(2023, 2, 17))
    seules = [
        calculer_soutiens(ALCOME, 2023, communes=[c], debut=D(2023, 2, 17)).montant_brut
        for c in communes
    ]
    assert groupement.montant_brut == sum(seules)


@pytest.mark.parametrize(
    ("kwargs", "motif"),
    [
        ({"debut": D(2023, 7, 1), "fin": D(2023, 7, 1)}, "ne suit pas son début"),
        ({"debut": D(2022, 12, 1)}, "comprise dans l'année 2023"),
        ({"fin": D(2024, 1, 2)}, "comprise dans l'année 2023"),
        ({"penalites": {"retard": 1}}, "pénalité inconnue"),
        ({"penalites": {"titres_non_conformes": True}}, "nombre"),
        ({"tonnages": [Tonnage(matiere="verre", tonnes=Decimal(1))]}, "par habitant"),
    ],
)
def test_entrees_invalides(kwargs: dict[str, object], motif: str) -> None:
    with pytest.raises(ErreurValeur, match=motif):
        calculer_soutiens(ALCOME, 2023, communes=[CommuneRep(nom="x", population=10)], **kwargs)  # type: ignore[arg-type]


def test_population_negative_et_doublon() -> None:
    with pytest.raises(ErreurValeur, match="≥ 0"):
        CommuneRep(nom="x", population=-1)
    with pytest.raises(ErreurValeur, match="deux fois"):
        calculer_soutiens(ALCOME, 2023, communes=[CommuneRep(nom="x", population=1)] * 2)


def test_annee_sans_bareme_et_bareme_inconnu() -> None:
    with pytest.raises(ErreurDonnees, match=r"aucune version du barème « alcome » .* 2020"):
        bareme_en_vigueur("alcome", 2020)
    with pytest.raises(ErreurDonnees, match="barème inconnu"):
        bareme_en_vigueur("citeo-emballages", 2023)


# --- second barème : par tonne, deux versions -------------------------------------------------


def test_papiers_graphiques_par_version() -> None:
    """2018-2023 : 100 / 90 / 80 €/t ; depuis 2024 : 123 / 110 / 98 €/t."""
    tonnes = [Tonnage(matiere="standard_bureautique", tonnes=Decimal("10"))]
    ancien = bareme_en_vigueur("citeo-papiers-graphiques", 2020)
    nouveau = bareme_en_vigueur("citeo-papiers-graphiques", 2024)
    assert calculer_soutiens(ancien, 2020, tonnages=tonnes).montant_brut == Decimal("1000.00")
    assert calculer_soutiens(nouveau, 2024, tonnages=tonnes).montant_brut == Decimal("1230.00")
    resultat = calculer_soutiens(nouveau, 2024, tonnages=tonnes, coefficient=Decimal("0.85"))
    assert resultat.montant_brut == Decimal("1045.50")
    with pytest.raises(ErreurValeur, match="matière inconnue"):
        calculer_soutiens(nouveau, 2024, tonnages=[Tonnage(matiere="verre", tonnes=Decimal(1))])


# --- propriétés -------------------------------------------------------------------------------

communes = st.lists(
    st.builds(
        CommuneRep,
        nom=st.uuids().map(str),
        population=st.integers(0, 3_000_000),
        lits_touristiques=st.none() | st.integers(0, 10_000_000),
        commerces=st.none() | st.integers(0, 100_000),
    ),
    min_size=1,
    max_size=6,
)
declarations = st.fixed_dictionaries(
    {
        "titres_non_conformes": st.integers(0, 50),
        "arretes_non_communiques": st.booleans(),
        "bilan_non_communique": st.booleans(),
        "expeditions_non_tracees": st.integers(0, 50),
    }
)
jours_2021 = st.dates(min_value=D(2021, 1, 1), max_value=D(2021, 12, 31))


@given(communes, declarations, jours_2021)
def test_net_et_plafond(liste: list[CommuneRep], penalites: dict, du: dt.date) -> None:  # type: ignore[type-arg]
    bareme = bareme_en_vigueur("alcome", 2021)
    resultat = calculer_soutiens(bareme, 2021, communes=liste, debut=du, penalites=penalites)
    assert resultat.montant_net <= resultat.montant_brut
    assert resultat.total_penalites <= resultat.montant_brut * Decimal("0.15") + Decimal("0.005")
    assert resultat.montant_brut == sum(
        calculer_soutiens(bareme, 2021, communes=[c], debut=du).montant_brut for c in liste
    )


@given(communes, jours_2021, jours_2021)
def test_prorata_monotone(liste: list[CommuneRep], d1: dt.date, d2: dt.date) -> None:
    bareme = bareme_en_vigueur("alcome", 2021)
    tot, tard = sorted((d1, d2))
    assert (
        calculer_soutiens(bareme, 2021, communes=liste, debut=tot).montant_brut
        >= calculer_soutiens(bareme, 2021, communes=liste, debut=tard).montant_brut
    )


# --- calendrier et autres chiffres ------------------------------------------------------------


def test_calendrier_de_paiement() -> None:
    """Échéance vendredi 28 juin 2024. Délais à rebours (le jour de l'échéance ne compte pas,
    dernier jour utile la veille du dernier jour compté) : décompte « soixante jours ouvrés au
    plus tard avant » (60e jour compté le vendredi 29 mars ; 1er, 8, 9 et 20 mai fériés) → jeudi
    28 mars ; contestation 15 jours ouvrés après (lundi de Pâques férié) → vendredi 19 avril ;
    titre « trente jours au moins avant » (29 mai compté) → 28 mai ; bilan « 90 jours au plus tard
    avant » (30 mars compté) → vendredi 29 mars."""
    dates = {d.libelle.split(" (")[0]: d.date for d in calendrier_paiement(ALCOME, D(2024, 6, 28))}
    assert dates["Décompte liquidatif d'ALCOME"] == D(2024, 3, 28)
    assert dates["Fin du délai de contestation du décompte"] == D(2024, 4, 19)
    assert dates["Titre de recettes à dématérialiser sur le Portail"] == D(2024, 5, 28)
    assert dates["Bilan annuel de la prévention à communiquer"] == D(2024, 3, 29)
    with pytest.raises(ErreurValeur, match="30/04/2024"):
        calendrier_paiement(ALCOME, D(2024, 4, 29))
    with pytest.raises(ErreurValeur, match="période de paiement"):
        calendrier_paiement(ALCOME, D(2024, 10, 31))


def test_calendrier_jour_utile_ferie() -> None:
    """Échéance le lundi 1er juillet 2024 : 90 jours comptés du 30 juin au 2 avril, bilan au plus
    tard le lundi 1er avril, lundi de Pâques. La date reste ; le calendrier dit d'agir en pratique
    le vendredi 29 mars (le Vendredi saint n'est pas férié en métropole)."""
    calendrier = calendrier_paiement(ALCOME, D(2024, 7, 1))
    bilan = next(d for d in calendrier if d.libelle.startswith("Bilan annuel"))
    assert bilan.date == D(2024, 4, 1)
    assert bilan.dernier_jour_ouvre == D(2024, 3, 29)
    assert "en pratique au plus tard le 29/03/2024" in " ".join(calendrier.rendre("texte").split())


def test_cendriers_et_seuil() -> None:
    assert cendriers_de_poche(ALCOME, 6300) == 315
    assert cendriers_de_poche(ALCOME, 1019) == 50  # 50,95 arrondi à l'entier inférieur
    assert enlevement_possible(ALCOME, Decimal("100"))
    assert not enlevement_possible(ALCOME, Decimal("99.9"))


def test_remboursement_trop_percu() -> None:
    """1 000 € versés le 30 juin 2023, restitués le 31 janvier 2024 ; « autres cas » : 2,06 % le
    30 juin (1 jour), 4,22 % au 2e semestre 2023 (184 jours), 5,07 % en janvier 2024 (30 jours) :
    0,056… + 21,273… + 4,167… = 25,496… → 25,50 €."""
    resultat = remboursement_trop_percu(Decimal(1000), D(2023, 6, 30), D(2024, 1, 31))
    assert [p.debut for p in resultat.periodes] == [D(2023, 6, 30), D(2023, 7, 1), D(2024, 1, 1)]
    assert resultat.interets == Decimal("25.50")
    assert resultat.total == Decimal("1025.50")


# --- dossiers et greffons ---------------------------------------------------------------------


def test_exemples_livres() -> None:
    assert exemple_rep("rep-oraison-2022").communes[0].population == 6300
    groupement = exemple_rep("rep-groupement-2021")
    assert {c.nom for c in groupement.communes} >= {"Saint-Lac", "Grande-Ville"}


DOSSIER = """
[dossier]
bareme = "alcome"
annee = 2022
en_vigueur_du = 2022-01-01
en_vigueur_au = 2022-12-31
[[communes]]
nom = "Oraison"
population = 6300
lits_touristiques = 500
taux_residences_secondaires = "12 %"
commerces = 40
typologie = "touristique"
[penalites]
titres_non_conformes = 1
arretes_non_communiques = true
bilan_non_communique = false
expeditions_non_tracees = 0
"""


def test_dossier_de_l_issue(tmp_path: Path) -> None:
    chemin = tmp_path / "rep.toml"
    chemin.write_text(DOSSIER, encoding="utf-8")
    dossier = charger_rep(chemin)
    from collectivites.regles.rep import calculer_dossier_rep

    resultat = calculer_dossier_rep(dossier)
    # Typologie déclarée touristique : 6 300 × 1,58 × 0,75 = 7 465,50 ; pénalités 100 + 746,55.
    assert resultat.montant_brut == Decimal("7465.50")
    assert resultat.total_penalites == Decimal("846.55")
    assert resultat.montant_net == Decimal("6618.95")


@pytest.mark.parametrize(
    ("avant", "apres", "motif"),
    [
        (
            "population = 6300",
            "population = -3",
            r"communes\[0\]\.population.*de 0 à 100\u202f000\u202f000",
        ),
        ('"12 %"', '"12"', r"taux_residences_secondaires.*pourcentage"),
        ("annee = 2022", "annee = 2019", "aucune version"),
        ('bareme = "alcome"', 'bareme = "alcom"', "barème inconnu"),
        ("en_vigueur_au = 2022-12-31", "en_vigueur_au = 2021-12-31", r"en_vigueur_au.*ne suit pas"),
        ("titres_non_conformes = 1", "titres_non_conformes = 1.5", "penalites.titres"),
    ],
)
def test_dossier_invalide(tmp_path: Path, avant: str, apres: str, motif: str) -> None:
    chemin = tmp_path / "rep.toml"
    chemin.write_text(DOSSIER.replace(avant, apres), encoding="utf-8")
    with pytest.raises(ErreurDossier, match=motif):
        charger_rep(chemin)


BAREME_GREFFON = """
[bareme]
code = "ecomaison-test"
nom = "Barème d'essai"
en_vigueur_du = 2024-01-01
reference = "essai"
assiette = "tonnes"
[[tarifs_tonne]]
code = "bois"
libelle = "Bois"
taux = "20.00"
"""


def _greffon() -> list[object]:
    return [bareme_depuis_toml(BAREME_GREFFON, fichier="greffon.toml")]


def _greffon_casse() -> list[object]:
    raise RuntimeError("fichier absent")


class _PointEntree:
    def __init__(self, nom: str, fonction: object) -> None:
        self.name, self.value, self.dist, self._fonction = nom, f"essai:{nom}", None, fonction

    def load(self) -> object:
        return self._fonction


@pytest.fixture
def points_entree(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    reels = list(metadata.entry_points(group="collectivites.baremes"))

    def installer(*supplementaires: _PointEntree) -> None:
        monkeypatch.setattr(
            module_bareme.metadata,
            "entry_points",
            lambda group: [*reels, *supplementaires],
        )
        module_bareme._tous.cache_clear()

    yield installer
    module_bareme._tous.cache_clear()


def test_greffon_de_bareme(points_entree) -> None:  # type: ignore[no-untyped-def]
    points_entree(_PointEntree("essai", _greffon))
    bareme = bareme_en_vigueur("ecomaison-test", 2025)
    resultat = calculer_soutiens(
        bareme, 2025, tonnages=[Tonnage(matiere="bois", tonnes=Decimal("3.5"))]
    )
    assert resultat.montant_net == Decimal("70.00")


def test_greffon_casse(points_entree) -> None:  # type: ignore[no-untyped-def]
    points_entree(_PointEntree("casse", _greffon_casse))
    with pytest.raises(ErreurPlugin, match=r"casse.*fichier absent"):
        bareme_en_vigueur("alcome", 2023)


def test_interet_legal_au_dela_de_la_confirmation() -> None:
    """Le taux de l'intérêt légal est confirmé jusqu'au 30 juin 2026 (arrêté du 15 décembre 2025,
    premier semestre 2026). Jusque-là, aucune hypothèse ; au-delà, le calcul continue avec le
    dernier taux et le dit, dans tous les formats."""
    dans = remboursement_trop_percu(Decimal(100), D(2026, 1, 1), D(2026, 7, 1))
    assert dans.interets > 0 and not dans.decrire().hypotheses
    au_dela = remboursement_trop_percu(Decimal(100), D(2026, 1, 1), D(2026, 7, 2))
    (note,) = au_dela.decrire().hypotheses
    assert "confirmée jusqu'au 30/06/2026" in note and "2,62 %" in note
    assert au_dela.periodes[-1].taux == Decimal("0.0262")
    assert "confirmée jusqu'au 30/06/2026" in json.loads(au_dela.rendre("json"))["hypotheses"][0]
    html = au_dela.rendre("html")
    assert isinstance(html, str) and "30/06/2026" in html


def test_repr_html_des_resultats() -> None:
    from collectivites.regles.rsa import calculer_interets_retard, exemple_rsa

    resultat = calculer_soutiens(
        ALCOME, 2023, communes=[CommuneRep(nom="Oraison", population=6300)]
    )
    assert "<td>Oraison</td>" in resultat._repr_html_()
    dossier = exemple_rsa("rsa-lozere-2019")
    assert "117,16" in calculer_interets_retard(dossier.convention, dossier.acomptes)._repr_html_()
