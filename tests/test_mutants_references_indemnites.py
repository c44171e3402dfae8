"""Tests de mutation de ``collectivites.regles.indemnites._references`` : lecture complète des
données de référence livrées (chaque champ de chaque table, comparé au fichier relu ici et à
des valeurs recopiées des textes), strates, effectif du conseil, majorations, calculs datés dans
le contexte de la bibliothèque et refus datés en français."""

from __future__ import annotations

import datetime as dt
import decimal
import tomllib
from decimal import Decimal

import pytest

from collectivites.donnees import lire_texte_paquet
from collectivites.erreurs import ErreurDonnees
from collectivites.regles.indemnites._references import (
    BaremeCommunal,
    EffectifConseil,
    IndiceTerminal,
    Majoration,
    PointIndice,
    montant_mensuel,
    references_indemnites,
)

P = Decimal
D = dt.date
BRUT = tomllib.loads(lire_texte_paquet("indemnites/references.toml"))


def _taux(texte: str) -> Decimal:
    return P(texte) / 100


def test_indices_et_points_lus() -> None:
    refs = references_indemnites()
    assert refs.indices == tuple(IndiceTerminal(**i) for i in BRUT["indice_terminal"])
    assert [(i.date_effet, i.indice_brut, i.indice_majore) for i in refs.indices] == [
        (D(2017, 1, 1), 1022, 826),
        (D(2019, 1, 1), 1027, 830),
        (D(2024, 1, 1), 1027, 835),
    ]
    assert refs.points == tuple(
        PointIndice(date_effet=p["date_effet"], valeur_annuelle=P(p["valeur_annuelle"]),
                    source=p["source"])
        for p in BRUT["point_indice"]
    )  # fmt: skip
    assert [p.valeur_annuelle for p in refs.points] == [
        P("55.8969"),
        P("56.2323"),
        P("58.2004"),
        P("59.0734"),
    ]
    assert refs.confirmee_au == BRUT["confirmee_au"] == D(2025, 12, 31)


def test_baremes_lus() -> None:
    refs = references_indemnites()
    assert len(refs.baremes) == len(BRUT["bareme"]) == 2
    for bareme, brut in zip(refs.baremes, BRUT["bareme"], strict=True):
        assert bareme == BaremeCommunal(
            date_effet=brut["date_effet"],
            source=brut["source"],
            enveloppe=brut["enveloppe"],
            enveloppe_source=brut["enveloppe_source"],
            precision=brut.get("precision", ""),
            maires=tuple((p, _taux(t)) for p, t in brut["maires"]),
            adjoints=tuple((p, _taux(t)) for p, t in brut["adjoints"]),
        )
    loi_2019, loi_2025 = refs.baremes
    assert loi_2019.precision == ""
    assert loi_2025.precision.startswith("Taux relevés dans le tableau comparatif")
    assert (loi_2019.enveloppe, loi_2025.enveloppe) == ("adjoints_en_exercice", "adjoints_maximum")
    assert loi_2019.maires[0] == (0, P("0.255"))
    assert loi_2025.adjoints[-1] == (200001, P("0.725"))


def test_effectifs_lus() -> None:
    refs = references_indemnites()
    assert [(e.date_effet, e.source) for e in refs.effectifs] == [
        (e["date_effet"], e["source"]) for e in BRUT["effectif_conseil"]
    ]
    loi_1996, loi_2013 = refs.effectifs
    assert loi_1996.strates[:2] == ((0, 9), (100, 11))
    assert loi_2013.strates[:2] == ((0, 7), (100, 11))
    assert loi_2013.strates[-1] == (300000, 69)
    assert all(type(s) is tuple for s in loi_2013.strates)


def test_majorations_lues() -> None:
    majorations = references_indemnites().majorations
    assert list(majorations) == [m["code"] for m in BRUT["majoration"]]
    for brut in BRUT["majoration"]:
        m = majorations[brut["code"]]
        assert (m.code, m.groupe, m.source) == (brut["code"], brut["groupe"], brut["source"])
    # R2123-23 : chefs-lieux 25, 20, 15 % ; stations de tourisme 50 %, 25 % au-delà de 5 000
    assert majorations["chef-lieu de département"] == Majoration(
        code="chef-lieu de département",
        groupe="chef-lieu",
        source=majorations["chef-lieu de département"].source,
        taux=P("0.25"),
    )
    tourisme = majorations["station de tourisme"]
    assert (tourisme.taux, tourisme.taux_au_dela, tourisme.seuil) == (P("0.5"), P("0.25"), 5000)
    assert tourisme.seuil_population_dgf is None
    dsu = majorations["dsu"]
    assert (dsu.taux, dsu.taux_au_dela, dsu.seuil, dsu.seuil_population_dgf) == (
        None,
        None,
        None,
        None,
    )
    assert majorations["dacom"].seuil_population_dgf == 5000
    assert majorations["dacom"].seuil is None


def test_autres_donnees_lues() -> None:
    refs = references_indemnites()
    assert (refs.taux_conseiller, refs.seuil_conseillers_hors_enveloppe) == (P("0.06"), 100000)
    assert refs.source_conseillers == BRUT["conseillers"]["source"]
    assert (refs.part_adjoints, refs.source_adjoints) == (P("0.30"), BRUT["adjoints"]["source"])
    assert refs.source_sinistree == BRUT["sinistree"]["source"]
    assert (refs.taux_majoration_executif, refs.seuil_majoration_executif) == (P("0.4"), 100000)
    assert refs.source_majoration_executif == BRUT["majoration_executif"]["source"]
    assert (refs.seuil_adjoints_quartier, refs.part_adjoints_quartier) == (80000, P("0.10"))
    assert refs.source_adjoints_quartier == BRUT["adjoints_quartier"]["source"]
    assert refs.source_population == BRUT["population"]["source"]
    assert refs.source_population.startswith("CGCT R2151-2")


# --- strates, effectif, majorations ------------------------------------------------------------


def test_strates_et_strate_superieure() -> None:
    bareme = references_indemnites().bareme_au(D(2024, 1, 1))
    assert bareme.taux_maire(499) == P("0.255")
    assert bareme.taux_maire(500) == P("0.403")
    assert bareme.taux_maire(499, strate_superieure=True) == P("0.403")
    assert bareme.taux_maire(100000, strate_superieure=True) == P("1.45")  # dernière strate
    assert bareme.taux_adjoint(999) == P("0.107")
    assert bareme.taux_adjoint(999, strate_superieure=True) == P("0.198")
    assert bareme.taux_adjoint(200001, strate_superieure=True) == P("0.725")


def test_effectif_d_un_tableau_qui_ne_commence_pas_a_zero() -> None:
    tableau = EffectifConseil(date_effet=D(2000, 1, 1), source="s", strates=((10, 5), (100, 9)))
    assert tableau.membres(3) == 5  # sous la première strate : la première
    assert tableau.membres(10) == 5
    assert tableau.membres(99) == 5
    assert tableau.membres(100) == 9
    assert tableau.membres(10**6) == 9


def test_effectif_legal_et_adjoints() -> None:
    refs = references_indemnites()
    assert refs.effectif_legal(50, D(2014, 3, 22)) == 9  # loi de 1996
    assert refs.effectif_legal(50, D(2014, 3, 23)) == 7  # loi de 2013
    assert refs.effectif_legal(6300, D(2024, 1, 1)) == 29
    assert refs.effectif_au(D(2024, 1, 1)).date_effet == D(2014, 3, 23)
    # L2122-2 : 30 % de 29 = 8,7 → 8 ; 30 % de 7 = 2,1 → 2
    assert refs.adjoints_maximum(6300, D(2024, 1, 1)) == 8
    assert refs.adjoints_maximum(50, D(2024, 1, 1)) == 2
    # L2122-2-1 : 10 % de l'effectif légal dès 80 000 habitants (53 → 5), rien en dessous
    assert refs.adjoints_quartier_maximum(79999, D(2024, 1, 1)) == 0
    assert refs.adjoints_quartier_maximum(80000, D(2024, 1, 1)) == 5
    assert refs.adjoints_quartier_maximum(300000, D(2024, 1, 1)) == 6  # 69 → 6,9 → 6


def test_adjoints_sous_un_contexte_appelant_reduit() -> None:
    refs = references_indemnites()
    with decimal.localcontext(decimal.Context(prec=1, rounding=decimal.ROUND_UP)):
        assert refs.adjoints_maximum(300000, D(2024, 1, 1)) == 20  # 69 × 30 % = 20,7
        assert refs.adjoints_quartier_maximum(300000, D(2024, 1, 1)) == 6


def test_taux_d_une_majoration_selon_la_population() -> None:
    tourisme = references_indemnites().majorations["station de tourisme"]
    # R2123-23, 3° : 50 % sous 5 000 habitants, 25 % au-delà
    assert tourisme.taux_pour(4999) == P("0.5")
    assert tourisme.taux_pour(5000) == P("0.25")
    chef_lieu = references_indemnites().majorations["chef-lieu de canton"]
    assert chef_lieu.taux_pour(10**6) == P("0.15")
    sans_palier = Majoration(code="c", groupe="g", source="s", taux=P("0.1"), seuil=10)
    assert sans_palier.taux_pour(20) == P("0.1")
    palier_sans_seuil = Majoration(code="c", groupe="g", source="s", taux=P("0.1"),
                                   taux_au_dela=P("0.2"))  # fmt: skip
    assert palier_sans_seuil.taux_pour(20) == P("0.1")


# --- calculs datés ----------------------------------------------------------------------------


def test_terme_de_reference_et_montants() -> None:
    refs = references_indemnites()
    jour = D(2024, 1, 1)
    # 835 × 59,0734 = 49 326,289 ; / 12 = 4 110,524083… (34 chiffres)
    assert refs.traitement_exact(jour) == P("4110.524083333333333333333333333333")
    assert refs.traitement_au(jour) == P("4110.52")
    assert str(refs.traitement_au(jour)) == "4110.52"
    # 22 % : 904,3153… → 904,32 (et non 4 110,52 × 22 % = 904,31)
    assert refs.montant(jour, P("0.22")) == P("904.32")
    assert montant_mensuel(refs.indice_au(jour), refs.point_au(jour), P("0.22")) == P("904.32")
    # la veille : 830 × 59,0734 / 12 = 4 085,9102 (point du 1er juillet 2023)
    assert refs.traitement_au(D(2023, 12, 31)) == P("4085.91")
    assert refs.indice_au(D(2023, 12, 31)).indice_majore == 830
    assert refs.point_au(D(2023, 6, 30)).valeur_annuelle == P("58.2004")


def test_calculs_dates_sous_un_contexte_appelant_reduit() -> None:
    refs = references_indemnites()
    with decimal.localcontext(decimal.Context(prec=3, rounding=decimal.ROUND_DOWN)):
        assert refs.traitement_exact(D(2024, 1, 1)) == P("4110.524083333333333333333333333333")
        assert refs.traitement_au(D(2024, 1, 1)) == P("4110.52")
        assert refs.montant(D(2024, 1, 1), P("0.22")) == P("904.32")


def test_montant_mensuel_arrondi_au_demi_superieur() -> None:
    indice = IndiceTerminal(date_effet=D(2000, 1, 1), indice_brut=1, indice_majore=1, source="")
    point = PointIndice(date_effet=D(2000, 1, 1), valeur_annuelle=P("0.06"), source="")
    # 1 × 0,06 × 1 / 12 = 0,005 : au demi supérieur, 0,01
    assert montant_mensuel(indice, point, P(1)) == P("0.01")
    assert str(montant_mensuel(indice, point, P("0.5"))) == "0.00"  # 0,0025


@pytest.mark.parametrize(
    ("methode", "quoi", "premiere"),
    [
        ("indice_au", "indice brut terminal", "01/01/2017"),
        ("point_au", "point d'indice", "01/07/2016"),
        ("bareme_au", "barème des indemnités", "29/12/2019"),
        ("effectif_au", "effectif du conseil municipal", "24/02/1996"),
    ],
)
def test_avant_la_premiere_valeur_livree(methode: str, quoi: str, premiere: str) -> None:
    refs = references_indemnites()
    jour = D(1990, 5, 4)
    with pytest.raises(ErreurDonnees) as refus:
        getattr(refs, methode)(jour)
    erreur = refus.value
    assert erreur.message == f"{quoi} : aucune valeur livrée avant le {premiere}"
    assert (erreur.cle, erreur.valeur, erreur.attendu) == (
        "date",
        jour,
        f"une date à partir du {premiere}",
    )
    premier_jour = dt.datetime.strptime(premiere, "%d/%m/%Y").replace(tzinfo=dt.UTC).date()
    assert getattr(refs, methode)(premier_jour).date_effet == premier_jour
    veille = premier_jour - dt.timedelta(days=1)
    with pytest.raises(ErreurDonnees):
        getattr(refs, methode)(veille)
