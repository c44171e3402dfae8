"""Indemnités des élus : références datées, barèmes, majorations, enveloppe, délégations.

Les lignes du tableau d'Oraison sont des cas en données (``tests/cas/indemnites/``)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from collectivites.erreurs import ErreurDonnees, ErreurDossier, ErreurValeur
from collectivites.regles.indemnites import (
    Commune,
    Elu,
    calculer_indemnites,
    charger_indemnites,
    references_indemnites,
)

D = dt.date
P = Decimal


def _elus(*specs: tuple[str, str, str, bool]) -> list[Elu]:
    return [Elu(nom=n, fonction=f, taux=P(t), delegation=d) for n, f, t, d in specs]


MAIRE = ("Maire", "maire", "0.55", True)


@pytest.mark.parametrize(
    ("jour", "indice_majore", "point", "terme"),
    [
        # 830 × 56,2323 / 12 = 3 889,4008 (décret n° 2016-670, point du 1er février 2017)
        (D(2022, 6, 30), 830, "56.2323", "3889.40"),
        # 830 × 58,2004 / 12 = 4 025,5277 (décret n° 2022-994)
        (D(2022, 7, 1), 830, "58.2004", "4025.53"),
        # 830 × 59,0734 / 12 = 4 085,9102 (décret n° 2023-519, art. 1er)
        (D(2023, 7, 1), 830, "59.0734", "4085.91"),
        # 835 × 59,0734 / 12 = 4 110,5241 (cinq points d'indice majoré au 1er janvier 2024)
        (D(2024, 1, 1), 835, "59.0734", "4110.52"),
        # 826 × 56,2323 / 12 = 3 870,6567 : « 3 870,66 € » depuis le 1er février 2017
        (D(2017, 2, 1), 826, "56.2323", "3870.66"),
    ],
)
def test_terme_de_reference_date(jour: dt.date, indice_majore: int, point: str, terme: str) -> None:
    refs = references_indemnites()
    assert refs.indice_au(jour).indice_majore == indice_majore
    assert refs.point_au(jour).valeur_annuelle == P(point)
    assert refs.traitement_au(jour) == P(terme)
    assert "décret" in refs.indice_au(jour).source.lower()


def test_avant_les_donnees_livrees() -> None:
    with pytest.raises(ErreurDonnees, match="aucune valeur livrée"):
        references_indemnites().point_au(D(2010, 1, 1))
    with pytest.raises(ErreurDonnees, match="barème"):
        calculer_indemnites(
            Commune(nom="x", population=500, date=D(2019, 6, 1)), _elus(("M", "maire", "0.1", True))
        )


@pytest.mark.parametrize(
    ("population", "maire", "adjoint"),
    [
        (499, "0.255", "0.099"),
        (500, "0.403", "0.107"),
        (3499, "0.516", "0.198"),
        (3500, "0.55", "0.22"),
        (100000, "1.45", "0.66"),
        (200000, "1.45", "0.66"),
        (200001, "1.45", "0.725"),
    ],
)
def test_strates_loi_2019(population: int, maire: str, adjoint: str) -> None:
    """CGCT L2123-23 et L2123-24, I, tableaux de la loi n° 2019-1461, art. 92."""
    bareme = references_indemnites().bareme_au(D(2023, 1, 1))
    assert bareme.taux_maire(population) == P(maire)
    assert bareme.taux_adjoint(population) == P(adjoint)


def test_loi_2025_et_enveloppe_au_nombre_maximal_d_adjoints() -> None:
    """Loi n° 2025-1249 : 58,3 % et 23,32 % de 3 500 à 9 999 habitants ; l'enveloppe compte le
    nombre maximal d'adjoints : 29 conseillers (L2121-2) × 30 % = 8,7 → 8."""
    commune = Commune(nom="x", population=6300, date=D(2026, 4, 1))
    r = calculer_indemnites(commune, _elus(("M", "maire", "0.583", True)))
    assert (r.taux_maire_max, r.taux_adjoint_max) == (P("0.583"), P("0.2332"))
    assert r.adjoints_comptes == 8
    assert r.taux_enveloppe == P("0.583") + 8 * P("0.2332")
    assert any("à vérifier" in h or "n'a pas pu être consulté" in h for h in r.hypotheses)
    assert any("confirmées jusqu'au 31/12/2025" in h for h in r.hypotheses)


def test_adjoint_sans_delegation_refuse() -> None:
    elus = _elus(MAIRE, ("A", "adjoint", "0.10", False))
    with pytest.raises(ErreurValeur, match=r"sans délégation.*L2123-24, I"):
        calculer_indemnites(Commune(nom="x", population=6300, date=D(2023, 12, 1)), elus)
    # Sans indemnité, il compte dans l'enveloppe.
    elus = _elus(MAIRE, ("A", "adjoint", "0", False))
    r = calculer_indemnites(Commune(nom="x", population=6300, date=D(2023, 12, 1)), elus)
    assert r.adjoints_comptes == 1 and r.lignes[1].total == 0


def test_enveloppe_depassee_refusee() -> None:
    """Maire 55 % + un adjoint à 22 % = 77 % ; un conseiller délégué à 5 % la dépasse."""
    elus = _elus(MAIRE, ("A", "adjoint", "0.22", True), ("C", "conseiller délégué", "0.05", True))
    with pytest.raises(ErreurValeur, match=r"enveloppe \(L2123-24, II ; L2123-24-1") as exc:
        calculer_indemnites(Commune(nom="x", population=6300, date=D(2023, 12, 1)), elus)
    assert "82,00 %" in str(exc.value) and "77,00 %" in str(exc.value)


def test_adjoint_au_dela_de_la_strate_dans_l_enveloppe() -> None:
    """L2123-24, II : un adjoint peut dépasser le maximum de sa strate dans l'enveloppe."""
    elus = _elus(("M", "maire", "0.40", True), ("A", "adjoint", "0.30", True))
    r = calculer_indemnites(Commune(nom="x", population=6300, date=D(2023, 12, 1)), elus)
    assert r.lignes[1].indemnite == P("1225.77")  # 4 085,91 × 30 % = 1 225,773
    assert any("permis dans l'enveloppe" in h for h in r.hypotheses)


def test_maire_au_dela_du_bareme_refuse() -> None:
    with pytest.raises(ErreurValeur, match="L2123-23"):
        calculer_indemnites(
            Commune(nom="x", population=6300, date=D(2023, 12, 1)),
            _elus(("M", "maire", "0.56", True)),
        )


def test_conseillers() -> None:
    commune = Commune(nom="x", population=6300, date=D(2023, 12, 1))
    with pytest.raises(ErreurValeur, match=r"au plus de 6,00 % \(L2123-24-1"):
        calculer_indemnites(commune, _elus(MAIRE, ("C", "conseiller", "0.07", False)))
    with pytest.raises(ErreurValeur, match="conseiller délégué"):
        calculer_indemnites(commune, _elus(MAIRE, ("C", "conseiller", "0.06", True)))
    with pytest.raises(ErreurValeur, match="a reçu une délégation"):
        calculer_indemnites(commune, _elus(MAIRE, ("C", "conseiller délégué", "0.06", False)))
    # Sous 100 000 habitants, le conseiller compte dans l'enveloppe (II) ; au-delà, non (I).
    maire = ("M", "maire", "0.49", True)
    petit = calculer_indemnites(commune, _elus(maire, ("C", "conseiller", "0.06", False)))
    assert petit.taux_alloues == P("0.55")
    with pytest.raises(ErreurValeur, match="enveloppe"):
        calculer_indemnites(commune, _elus(MAIRE, ("C", "conseiller", "0.06", False)))
    grand = Commune(nom="y", population=150000, date=D(2023, 12, 1))
    r = calculer_indemnites(grand, _elus(MAIRE, ("C", "conseiller", "0.06", False)))
    assert r.taux_alloues == P("0.55")


def test_trop_d_adjoints() -> None:
    """Commune de 120 habitants : 11 conseillers (L2121-2), au plus 3 adjoints (30 %)."""
    commune = Commune(nom="x", population=120, date=D(2023, 12, 1))
    elus = _elus(("M", "maire", "0.2", True), *[(f"A{i}", "adjoint", "0", True) for i in range(4)])
    with pytest.raises(ErreurValeur, match=r"trop d'adjoints.*L2122-2"):
        calculer_indemnites(commune, elus)


def test_un_seul_maire_et_noms_uniques() -> None:
    commune = Commune(nom="x", population=6300, date=D(2023, 12, 1))
    with pytest.raises(ErreurValeur, match="un maire et un seul"):
        calculer_indemnites(commune, _elus(("A", "adjoint", "0.1", True)))
    with pytest.raises(ErreurValeur, match="deux fois"):
        calculer_indemnites(commune, _elus(MAIRE, ("maire", "adjoint", "0.1", True)))


@pytest.mark.parametrize(
    ("majorations", "population", "taux"),
    [
        (("chef-lieu de département",), 6300, "0.25"),
        (("chef-lieu d'arrondissement",), 6300, "0.20"),
        (("chef-lieu de canton",), 6300, "0.15"),
        (("station de tourisme",), 4999, "0.50"),
        (("station de tourisme",), 5000, "0.25"),
        (("chef-lieu de canton", "station de tourisme"), 6300, "0.40"),
    ],
)
def test_majorations(majorations: tuple[str, ...], population: int, taux: str) -> None:
    """R2123-23 : 25, 20, 15 % ; stations de tourisme 50 % sous 5 000 habitants, 25 % au-delà."""
    commune = Commune(nom="x", population=population, date=D(2023, 12, 1), majorations=majorations)
    r = calculer_indemnites(commune, _elus(("M", "maire", "0.40", True)))
    assert r.lignes[0].taux_majoration == P(taux)
    assert r.lignes[0].majoration == (r.lignes[0].indemnite * P(taux)).quantize(P("0.01"))


def test_majorations_refusees() -> None:
    deux = ("chef-lieu de canton", "chef-lieu d'arrondissement")
    with pytest.raises(ErreurValeur, match=r"une seule majoration de chef-lieu.*R2123-23"):
        calculer_indemnites(
            Commune(nom="x", population=6300, date=D(2023, 12, 1), majorations=deux),
            _elus(MAIRE),
        )
    with pytest.raises(ErreurValeur, match="majoration inconnue"):
        calculer_indemnites(
            Commune(nom="x", population=6300, date=D(2023, 12, 1), majorations=("capitale",)),
            _elus(MAIRE),
        )
    commune = Commune(
        nom="x", population=6300, date=D(2023, 12, 1), majorations=("chef-lieu de canton",)
    )
    conseiller = Elu(nom="C", fonction="conseiller", taux=P("0.06"), majoration=True)
    with pytest.raises(ErreurValeur, match="L2123-22"):
        calculer_indemnites(commune, [*_elus(("M", "maire", "0.40", True)), conseiller])


def test_dsu_strate_superieure_et_sinistree() -> None:
    """R2123-23, 4° : une commune de 6 300 habitants attributaire de la DSU vote dans la strate
    de 10 000 à 19 999 (65 % et 27,5 %) ; 2° : 12 % d'immeubles sinistrés, cumulables."""
    commune = Commune(
        nom="x",
        population=6300,
        date=D(2023, 12, 1),
        majorations=("dsu", "chef-lieu de canton"),
        immeubles_sinistres=P("0.12"),
    )
    r = calculer_indemnites(commune, _elus(("M", "maire", "0.65", True)))
    assert (r.taux_maire_max, r.taux_adjoint_max) == (P("0.65"), P("0.275"))
    assert r.lignes[0].taux_majoration == P("0.27")
    # 4 085,91 × 65 % = 2 655,8415 → 2 655,84 ; × 27 % = 717,0768 → 717,08
    assert (r.lignes[0].indemnite, r.lignes[0].majoration) == (P("2655.84"), P("717.08"))


def test_dossier_deux_collectivites_refuse(tmp_path: Path) -> None:
    chemin = tmp_path / "d.toml"
    chemin.write_text(
        '[departement]\nnom = "Lozère"\npopulation = 76000\ndate = 2024-01-01\n'
        '[commune]\nnom = "x"\npopulation = 10\n'
        'date = 2023-12-01\n[[elus]]\nnom = "M"\nfonction = "maire"\ntaux = "10 %"\n',
        encoding="utf-8",
    )
    with pytest.raises(ErreurDossier, match="une collectivité et une seule"):
        charger_indemnites(chemin)
