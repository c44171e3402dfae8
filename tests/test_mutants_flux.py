"""Gestion en flux (``regles/logement/_flux.py``) : chaque garde, branche et borne (issue 27).

Valeurs attendues tirées des textes cités par le module : CCH R441-5-2 (sanction « jusqu'à
18 mois du loyer principal du ou des logements concernés »), CCH L441-1 (25 % des attributions
aux ménages prioritaires), art. 6.1 des conventions (report des objectifs non atteints et non
justifiés, objectifs dépassés en soustraction) ; chaîne des annexes a − b = c, c × d = e,
e − (f + g + h) = i, i × j = k, arrondis à l'unité la plus proche (116 × 6,90 % = 8,004 → 8 ;
152 × 5 % = 7,6 → 8 ; 6 × 15 % = 0,9 → 1).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, localcontext
from typing import Any

import pytest

from collectivites.erreurs import ErreurType, ErreurValeur
from collectivites.regles.logement import (
    PART_PRIORITAIRES,
    Attributions,
    BilanPrecedent,
    ConventionFlux,
    Deductions,
    arrondir_logements,
    calculer_droits,
    plafond_sanction,
)
from collectivites.regles.logement._flux import MOIS_DE_LOYER_SANCTION

P = Decimal


def _convention(**autres: Any) -> ConventionFlux:
    valeurs: dict[str, Any] = {
        "bailleur": "B",
        "reservataire": "R",
        "annee": 2024,
        "logements_rpls": 116,
        "taux_rotation": P("0.069"),
        "taux_reservation": P("0.129"),
    }
    valeurs.update(autres)
    return ConventionFlux(**valeurs)


# --- plafond de la sanction (CCH R441-5-2) ------------------------------------------------------


def test_constantes_des_textes() -> None:
    assert MOIS_DE_LOYER_SANCTION == 18
    assert P("0.25") == PART_PRIORITAIRES


@pytest.mark.parametrize(
    ("loyer", "logements", "attendu"),
    [
        (P("450.00"), None, P("8100.00")),  # un logement par défaut : 18 × 450
        (P("450.00"), 1, P("8100.00")),
        (P("450.00"), 3, P("24300.00")),
        (P("0"), None, P("0")),  # un loyer nul est permis
        (P("0.50"), None, P("9.00")),
        (P("0.01"), 2, P("0.36")),
    ],
)
def test_plafond_sanction(loyer: Decimal, logements: int | None, attendu: Decimal) -> None:
    plafond = plafond_sanction(loyer) if logements is None else plafond_sanction(loyer, logements)
    assert plafond == attendu
    assert isinstance(plafond, Decimal)


@pytest.mark.parametrize(("loyer", "logements"), [(P("-0.01"), 1), (P("450.00"), 0), (P(0), -1)])
def test_plafond_sanction_refuse(loyer: Decimal, logements: int) -> None:
    with pytest.raises(ErreurValeur) as info:
        plafond_sanction(loyer, logements)
    erreur = info.value
    assert (erreur.message, erreur.cle, erreur.valeur) == (
        "loyer négatif ou nombre de logements nul",
        "loyer_principal_mensuel",
        loyer,
    )


# --- bilan précédent (art. 6.1) -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("objectif", "mis", "justifie", "report"),
    [
        (10, 8, False, 2),  # non atteint, non justifié : reporté en surplus
        (10, 8, True, 0),  # non atteint mais justifié : rien
        (8, 10, False, -2),  # dépassé : vient en soustraction
        (8, 10, True, -2),  # dépassé : soustrait même si l'écart est « justifié »
        (5, 5, False, 0),
        (5, 5, True, 0),
        (1, 0, True, 0),
        (1, 0, False, 1),
    ],
)
def test_report_du_bilan(objectif: int, mis: int, justifie: bool, report: int) -> None:
    bilan = BilanPrecedent(objectif=objectif, mis_a_disposition=mis, ecart_justifie=justifie)
    assert bilan.report == report


def test_bilan_par_defaut_non_justifie() -> None:
    assert BilanPrecedent(objectif=10, mis_a_disposition=8).report == 2
    with pytest.raises(ErreurType):
        BilanPrecedent(objectif=1, mis_a_disposition=0, ecart_justifie=1)  # type: ignore[arg-type]


def test_report_dans_l_objectif_et_les_hypotheses() -> None:
    """116 × 6,90 % = 8,004 → 8 ; 8 × 12,90 % = 1,032 → 1 ; + 2 reportés = 3."""
    r = calculer_droits(
        _convention(bilan_precedent=BilanPrecedent(objectif=10, mis_a_disposition=8))
    )
    assert (r.droits, r.report, r.objectif) == (1, 2, 3)
    assert r.hypotheses[1] == (
        "Bilan précédent : objectif 10, 8 mis à disposition : +2 (art. 6.1 des conventions)."
    )
    r = calculer_droits(
        _convention(bilan_precedent=BilanPrecedent(objectif=8, mis_a_disposition=9))
    )
    assert (r.report, r.objectif) == (-1, 0)
    assert r.hypotheses[1] == (
        "Bilan précédent : objectif 8, 9 mis à disposition : -1 (art. 6.1 des conventions)."
    )


def test_objectif_jamais_negatif() -> None:
    r = calculer_droits(
        _convention(bilan_precedent=BilanPrecedent(objectif=0, mis_a_disposition=5))
    )
    assert (r.droits, r.report, r.objectif) == (1, -5, 0)


def test_sans_report_pas_d_hypothese_de_bilan() -> None:
    r = calculer_droits(
        _convention(bilan_precedent=BilanPrecedent(objectif=4, mis_a_disposition=4))
    )
    assert (r.report, r.objectif) == (0, 1)
    assert len(r.hypotheses) == 1
    r = calculer_droits(_convention())
    assert (r.report, r.objectif) == (0, 1)


# --- la chaîne de l'annexe ----------------------------------------------------------------------


def test_chaine_de_l_annexe() -> None:
    r = calculer_droits(_convention(logements_exclus=0))
    assert (r.assiette, r.flux_estime, r.flux_annuel) == (116, P("8.004"), 8)
    assert (r.flux_net, r.droits_estimes, r.droits) == (8, P("1.032"), 1)
    assert r.hypotheses == (
        "Arrondis à l'unité la plus proche, comme les annexes des conventions "
        "(116 × 6,90 % = 8,004 → 8 ; 8 × 12,90 % = 1,032 → 1).",
    )


def test_assiette_moins_les_exclus_et_arrondis_des_annexes() -> None:
    """152 × 5 % = 7,6 → 8 ; (8 − 2) × 15 % = 0,9 → 1."""
    r = calculer_droits(
        _convention(
            logements_rpls=160,
            logements_exclus=8,
            taux_rotation=P("0.05"),
            taux_reservation=P("0.15"),
            deductions=Deductions(ventes=2),
        )
    )
    assert (r.assiette, r.flux_estime, r.flux_annuel) == (152, P("7.60"), 8)
    assert (r.flux_net, r.droits_estimes, r.droits) == (6, P("0.90"), 1)
    assert r.hypotheses[0].endswith("(152 × 5,00 % = 7,6 → 8 ; 6 × 15,00 % = 0,9 → 1).")


def test_deductions_egales_au_flux_acceptees_un_de_plus_refuse() -> None:
    r = calculer_droits(_convention(deductions=Deductions(mutations_internes=3, autres=5)))
    assert (r.flux_annuel, r.flux_net, r.droits, r.droits_estimes) == (8, 0, 0, P(0))
    with pytest.raises(ErreurValeur) as info:
        calculer_droits(_convention(deductions=Deductions(mutations_internes=4, autres=5)))
    erreur = info.value
    assert (erreur.message, erreur.cle, erreur.valeur, erreur.attendu) == (
        "les logements soustraits dépassent le flux annuel estimé",
        "deductions",
        9,
        "au plus 8 : assiette 116 × 6,90 %",
    )


@pytest.mark.parametrize(
    ("deductions", "total"),
    [
        (Deductions(), 0),
        (Deductions(mutations_internes=1), 1),
        (Deductions(relogements_renouvellement_urbain=2), 2),
        (Deductions(ventes=4), 4),
        (Deductions(autres=8), 8),
        (Deductions(mutations_internes=1, relogements_renouvellement_urbain=2, ventes=4), 7),
        (Deductions(mutations_et_relogements=3, ventes=4, autres=8), 15),
        (Deductions(mutations_et_relogements=0), 0),
    ],
)
def test_total_des_deductions(deductions: Deductions, total: int) -> None:
    assert deductions.total == total


@pytest.mark.parametrize(
    "detail", [{"mutations_internes": 1}, {"relogements_renouvellement_urbain": 1}]
)
def test_deductions_groupees_ou_detaillees(detail: dict[str, int]) -> None:
    with pytest.raises(ErreurValeur) as info:
        Deductions(mutations_et_relogements=0, **detail)
    assert info.value.cle == "deductions"
    assert info.value.message.startswith("donnez soit « mutations_et_relogements »")
    # le détail nul avec le total groupé est permis
    assert Deductions(mutations_et_relogements=2, mutations_internes=0).total == 2


# --- bornes de la convention --------------------------------------------------------------------


@pytest.mark.parametrize("taux", [P(0), P("0.5"), P(1)])
def test_taux_de_rotation_et_de_reservation_admis(taux: Decimal) -> None:
    assert _convention(taux_rotation=taux, taux_reservation=taux).taux_rotation == taux


@pytest.mark.parametrize("champ", ["taux_rotation", "taux_reservation"])
@pytest.mark.parametrize("taux", [P("1.5"), P("1.0001"), P("-0.0001")])
def test_taux_hors_de_0_a_1_refuse(champ: str, taux: Decimal) -> None:
    with pytest.raises(ErreurValeur) as info:
        _convention(**{champ: taux})
    assert (info.value.message, info.value.cle, info.value.valeur) == (
        "valeur hors des bornes",
        champ,
        taux,
    )
    assert info.value.attendu == "≥ 0 et ≤ 1"


def test_logements_exclus_a_la_borne() -> None:
    assert calculer_droits(_convention(logements_exclus=116)).assiette == 0
    with pytest.raises(ErreurValeur) as info:
        _convention(logements_exclus=117)
    assert (info.value.message, info.value.cle, info.value.valeur, info.value.attendu) == (
        "plus de logements exclus que de logements au RPLS",
        "logements_exclus",
        117,
        "au plus 116",
    )


def test_nombre_de_logements_borne() -> None:
    assert _convention(logements_rpls=10_000_000).logements_rpls == 10_000_000
    for champ in ("logements_rpls", "logements_exclus"):
        with pytest.raises(ErreurValeur):
            _convention(**{champ: 10_000_001})
        with pytest.raises(ErreurValeur):
            _convention(**{champ: -1})
    with pytest.raises(ErreurValeur):
        Deductions(ventes=10_000_001)
    with pytest.raises(ErreurValeur):
        Deductions(mutations_et_relogements=10_000_001)
    assert Deductions(mutations_et_relogements=10_000_000).total == 10_000_000


@pytest.mark.parametrize(
    ("annee", "admise"), [(2019, False), (2020, True), (2199, True), (2200, False)]
)
def test_annee_des_droits(annee: int, admise: bool) -> None:
    if admise:
        assert _convention(annee=annee).annee == annee
    else:
        with pytest.raises(ErreurValeur):
            _convention(annee=annee)


def test_date_rpls_au_plus_tard_l_annee_des_droits() -> None:
    assert _convention(date_rpls=dt.date(2024, 12, 31)).date_rpls == dt.date(2024, 12, 31)
    assert _convention(date_rpls=dt.date(2023, 1, 1)).date_rpls == dt.date(2023, 1, 1)
    with pytest.raises(ErreurValeur) as info:
        _convention(date_rpls=dt.date(2025, 1, 1))
    erreur = info.value
    assert (erreur.cle, erreur.valeur, erreur.attendu) == (
        "date_rpls",
        dt.date(2025, 1, 1),
        "une date au plus tard le 31/12/2024",
    )
    assert erreur.message == (
        "le décompte RPLS est daté d'après l'année des droits (2024), qui se calculent sur un "
        "parc déjà recensé"
    )


def test_annee_de_rotation_anterieure() -> None:
    """« le taux de rotation du bailleur constaté l'année passée »."""
    assert _convention(annee_rotation=2023).annee_rotation == 2023
    assert _convention(annee_rotation=2000).annee_rotation == 2000
    with pytest.raises(ErreurValeur) as info:
        _convention(annee_rotation=2024)
    erreur = info.value
    assert (erreur.cle, erreur.valeur, erreur.attendu) == (
        "annee_rotation",
        2024,
        "une année au plus égale à 2023",
    )
    assert "« le taux de rotation du bailleur constaté l'année passée »" in erreur.message
    with pytest.raises(ErreurValeur):
        _convention(annee_rotation=1999)


# --- ménages prioritaires (CCH L441-1) ----------------------------------------------------------


@pytest.mark.parametrize(
    ("total", "prioritaires", "part", "conforme"),
    [
        (4, 1, P("0.25"), True),  # 25 % tout juste : conforme
        (5, 1, P("0.2"), False),
        (3, 1, None, True),  # 33,3 %
        (0, 0, None, None),
        (2, 2, P(1), True),
    ],
)
def test_part_des_prioritaires(
    total: int, prioritaires: int, part: Decimal | None, conforme: bool | None
) -> None:
    attributions = Attributions(total=total, prioritaires=prioritaires)
    if part is not None or total == 0:
        assert attributions.part_prioritaires == part
    assert attributions.conforme is conforme


def test_part_calculee_hors_du_contexte_de_l_appelant() -> None:
    with localcontext() as contexte:
        contexte.prec = 2
        part = Attributions(total=3, prioritaires=1).part_prioritaires
    assert part is not None and str(part).startswith("0.33333333")


def test_attributions_prioritaires_bornees() -> None:
    assert Attributions(total=2, prioritaires=2).prioritaires == 2
    with pytest.raises(ErreurValeur) as info:
        Attributions(total=2, prioritaires=3)
    erreur = info.value
    assert (erreur.message, erreur.cle, erreur.valeur, erreur.attendu) == (
        "plus d'attributions prioritaires que d'attributions",
        "attributions.prioritaires",
        3,
        "au plus 2",
    )


def test_note_des_prioritaires_seulement_sous_les_25_pour_cent() -> None:
    r = calculer_droits(_convention(attributions=Attributions(total=5, prioritaires=1)))
    assert r.hypotheses[-1] == (
        "Attributions aux ménages prioritaires : 1 sur 5, sous les 25 % du CCH L441-1."
    )
    for attributions in (
        Attributions(total=4, prioritaires=1),
        Attributions(total=0, prioritaires=0),
    ):
        assert len(calculer_droits(_convention(attributions=attributions)).hypotheses) == 1


def test_arrondi_demi_vers_le_haut() -> None:
    assert [arrondir_logements(P(v)) for v in ("0.5", "1.5", "2.4999", "0")] == [1, 2, 2, 0]
