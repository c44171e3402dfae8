"""Indemnités municipales : plafonds du CGCT (adjoint et conseiller délégué sous le maire,
majorations votées sous leur maximum, maire au maximum de droit, majoration de 40 %), adjoints
de quartier, population de référence. Chaque attendu est calculé à la main depuis les textes :
au 1er janvier 2024, traitement 835 × 59,0734 / 12 = 4 110,524083… € (décret n° 2023-519)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from collectivites.erreurs import ErreurValeur
from collectivites.regles.indemnites import Commune, Elu, calculer_indemnites

D = dt.date
P = Decimal
JOUR = D(2024, 1, 1)


def _elu(nom: str, fonction: str, taux: str, **autres: object) -> Elu:
    return Elu(nom=nom, fonction=fonction, taux=P(taux), delegation=True, **autres)  # type: ignore[arg-type]


def test_adjoint_au_dela_du_maire_refuse() -> None:
    """L2123-24, IV : 6 300 habitants, maire au plus 55 % ; un adjoint à 56 % est refusé même
    si l'enveloppe (55 % + 2 × 22 % = 99 %) le permettrait avec un maire à 20 %."""
    commune = Commune(nom="x", population=6300, date=JOUR)
    elus = [_elu("M", "maire", "0.20"), _elu("A", "adjoint", "0.56"), _elu("B", "adjoint", "0")]
    with pytest.raises(ErreurValeur, match=r"L2123-24, IV"):
        calculer_indemnites(commune, elus)
    # 55 % exactement : permis ; 4 110,524083 × 55 % = 2 260,788 → 2 260,79.
    elus[1] = _elu("A", "adjoint", "0.55")
    r = calculer_indemnites(commune, elus)
    assert r.lignes[1].indemnite == P("2260.79")


def test_conseiller_delegue_au_dela_du_maire_refuse() -> None:
    commune = Commune(nom="x", population=6300, date=JOUR)
    elus = [
        _elu("M", "maire", "0"),
        _elu("A", "adjoint", "0"),
        _elu("C", "conseiller délégué", "0.56"),
    ]
    with pytest.raises(ErreurValeur, match=r"conseiller délégué.*L2123-24-1"):
        calculer_indemnites(commune, elus)


def test_majoration_votee_sous_le_maximum() -> None:
    """R2123-23, 1° : chef-lieu de canton « au maximum » 15 % ; 10 % votés sont acceptés.
    Maire 55 % : 2 260,79 € ; × 10 % = 226,079 → 226,08 ; 16 % est refusé."""
    commune = Commune(nom="x", population=6300, date=JOUR, majorations=("chef-lieu de canton",))
    r = calculer_indemnites(commune, [_elu("M", "maire", "0.55", taux_majoration=P("0.10"))])
    assert (r.lignes[0].taux_majoration, r.lignes[0].majoration) == (P("0.10"), P("226.08"))
    with pytest.raises(ErreurValeur, match="R2123-23"):
        calculer_indemnites(commune, [_elu("M", "maire", "0.55", taux_majoration=P("0.16"))])
    sans = Commune(nom="x", population=6300, date=JOUR)
    with pytest.raises(ErreurValeur, match="sans majoration applicable"):
        calculer_indemnites(sans, [_elu("M", "maire", "0.55", taux_majoration=P("0.10"))])


def test_maire_au_maximum_de_droit_dit_dans_le_resultat() -> None:
    commune = Commune(nom="x", population=6300, date=JOUR)
    r = calculer_indemnites(commune, [_elu("M", "maire", "0.40")])
    assert any("de droit" in h and "L2123-23" in h and "sa demande" in h for h in r.hypotheses)
    r = calculer_indemnites(commune, [_elu("M", "maire", "0.55")])
    assert not any("de droit" in h for h in r.hypotheses)


def test_majoration_de_40_pour_cent_des_grandes_communes() -> None:
    """L2123-23, dernier alinéa : 150 000 habitants, 145 % × 1,4 = 203 % ; 4 110,524083 ×
    203 % = 8 344,363889 → 8 344,36. L'enveloppe sans la majoration (145 % + 3 × 66 % = 343 %)
    doit rester respectée : 203 % + 3 × 46 % = 341 % passe, 3 × 47 % (344 %) non."""
    commune = Commune(nom="x", population=150000, date=JOUR)
    adjoints = [_elu(f"A{i}", "adjoint", "0.46") for i in range(3)]
    r = calculer_indemnites(commune, [_elu("M", "maire", "2.03"), *adjoints])
    assert r.lignes[0].indemnite == P("8344.36")
    assert any("40 %" in h and "2017-1837" in h for h in r.hypotheses)
    trop = [_elu(f"A{i}", "adjoint", "0.47") for i in range(3)]
    with pytest.raises(ErreurValeur, match="enveloppe"):
        calculer_indemnites(commune, [_elu("M", "maire", "2.03"), *trop])
    with pytest.raises(ErreurValeur, match="hors des bornes"):
        _elu("M", "maire", "2.04")
    # Sous 100 000 habitants, pas de majoration : 99 999 habitants, 110 % au plus.
    petite = Commune(nom="y", population=99999, date=JOUR)
    with pytest.raises(ErreurValeur, match=r"L2123-23\)"):
        calculer_indemnites(petite, [_elu("M", "maire", "1.11")])


def test_adjoints_de_quartier() -> None:
    """L2122-2-1 : 85 000 habitants, 53 conseillers (L2121-2) ; 10 % → 5 adjoints de quartier au
    plus ; aucun sous 80 000 habitants."""
    commune = Commune(nom="x", population=85000, date=JOUR)
    quartiers = [_elu(f"Q{i}", "adjoint de quartier", "0.10") for i in range(5)]
    r = calculer_indemnites(commune, [_elu("M", "maire", "1.10"), *quartiers])
    assert r.adjoints_comptes == 5  # comptés parmi les adjoints en exercice de l'enveloppe
    # 4 110,524083 × 10 % = 411,0524 → 411,05
    assert r.lignes[1].indemnite == P("411.05")
    six = [*quartiers, _elu("Q5", "adjoint de quartier", "0")]
    with pytest.raises(ErreurValeur, match=r"adjoints de quartier.*L2122-2-1"):
        calculer_indemnites(commune, [_elu("M", "maire", "1.10"), *six])
    petite = Commune(nom="y", population=79999, date=JOUR)
    with pytest.raises(ErreurValeur, match="L2122-2-1"):
        calculer_indemnites(petite, [_elu("M", "maire", "1.10"), quartiers[0]])


def test_population_de_reference_figee() -> None:
    commune = Commune(nom="x", population=6300, date=JOUR, renouvellement=D(2020, 3, 15))
    r = calculer_indemnites(commune, [_elu("M", "maire", "0.55")])
    assert any("15/03/2020" in h and "R2151-2" in h for h in r.hypotheses)
    with pytest.raises(ErreurValeur, match="R2151-2"):
        Commune(nom="x", population=6300, date=JOUR, renouvellement=D(2024, 3, 15))


def test_population_du_dossier_est_celle_du_renouvellement() -> None:
    """R2151-2 : le dossier demande la population authentifiée avant le dernier renouvellement
    général, figée pour le mandat, et non « le dernier recensement » ; le modèle le dit."""
    from collectivites.regles.indemnites import _dossier

    (population,) = [c for c in _dossier.COMMUNE.cles if c.nom == "population"]
    assert "R2151-2" in population.aide and "renouvellement général" in population.aide
    assert "dernier recensement" not in (_dossier.__doc__ or "")
    assert "R2151-2" in (Commune.__doc__ or "")


def test_fonction_non_municipale_refusee() -> None:
    commune = Commune(nom="x", population=6300, date=JOUR)
    with pytest.raises(ErreurValeur, match="pas une fonction municipale"):
        calculer_indemnites(commune, [_elu("M", "maire", "0.55"), _elu("P", "président", "0.1")])
