"""Indemnités des élus municipaux (``regles/indemnites/_calcul.py``) : chaque garde, branche et
borne (issue 27).

Valeurs calculées à la main depuis les textes cités par le module, au 1er décembre 2023 (indice
majoré 830, point 59,0734 € : traitement 830 × 59,0734 / 12 = 4 085,910166… €) :

* L2123-22 et R2123-23 : les majorations s'appliquent aux conseillers des communes de
  100 000 habitants et plus (pas à ceux des communes plus petites) ; le taux voté est « au
  maximum » celui de R2123-23 (25 % au chef-lieu de département) ;
* L2123-23, dernier alinéa : 40 % de majoration du maire à partir de 100 000 habitants
  (145 % × 1,4 = 203 %), dans l'enveloppe calculée sans elle ;
* L2123-24, IV ; L2123-24-1 : adjoint et conseiller délégué au plus au taux maximal du maire,
  conseiller au plus 6 % ;
* L2121-2 : effectif du conseil (29 membres de 5 000 à 9 999 habitants, 59 de 150 000 à
  199 999), L2122-2 : 30 % d'adjoints (8 et 17), L2122-2-1 : 10 % d'adjoints de quartier à
  partir de 80 000 habitants (53 membres → 5).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from collectivites.erreurs import ErreurValeur
from collectivites.regles.indemnites import Commune, Elu, calculer_indemnites

D = dt.date
P = Decimal
JOUR = D(2023, 12, 1)


def _commune(population: int, *majorations: str, **autres: Any) -> Commune:
    return Commune(nom="x", population=population, date=JOUR, majorations=majorations, **autres)


def _elu(nom: str, fonction: str, taux: str, delegation: bool = True, **autres: Any) -> Elu:
    return Elu(nom=nom, fonction=fonction, taux=P(taux), delegation=delegation, **autres)


def _refus(commune: Commune, elus: list[Elu]) -> ErreurValeur:
    with pytest.raises(ErreurValeur) as info:
        calculer_indemnites(commune, elus)
    return info.value


# --- majorations des conseillers (L2123-22) ------------------------------------------------------


def test_conseiller_d_une_commune_de_150000_habitants_majore() -> None:
    """6 % : 4 085,910166… × 6 % = 245,1546… → 245,15 ; 25 % de 245,15 = 61,2875 → 61,29."""
    commune = _commune(150_000, "chef-lieu de département")
    elus = [
        _elu("M", "maire", "1.45"),
        _elu("C", "conseiller", "0.06", delegation=False, majoration=True),
    ]
    r = calculer_indemnites(commune, elus)
    conseiller = r.lignes[1]
    assert (conseiller.indemnite, conseiller.taux_majoration) == (P("245.15"), P("0.25"))
    assert (conseiller.majoration, conseiller.total) == (P("61.29"), P("306.44"))
    # 4 085,910166… × 145 % = 5 924,5697… → 5 924,57 ; × 25 % = 1 481,1425 → 1 481,14
    assert (r.lignes[0].indemnite, r.lignes[0].majoration) == (P("5924.57"), P("1481.14"))
    assert r.total_majorations == P("1542.43")
    assert r.total == P("5924.57") + P("245.15") + P("1542.43")
    # à partir de 100 000 habitants, le conseiller est hors de l'enveloppe
    assert r.taux_alloues == P("1.45")
    assert (
        "Majoration « chef-lieu de département » : CGCT L2123-22, 1° (chefs-lieux) ; R2123-23, "
        "1° : « dans les communes chefs-lieux de département à 25 % »."
    ) in r.hypotheses


@pytest.mark.parametrize(("majoration", "attendu"), [(None, P("0.25")), (True, P("0.25"))])
def test_conseiller_a_100000_habitants_majore_par_defaut(
    majoration: bool | None, attendu: Decimal
) -> None:
    commune = _commune(100_000, "chef-lieu de département")
    elus = [_elu("M", "maire", "1"), _elu("C", "conseiller", "0.06", False, majoration=majoration)]
    r = calculer_indemnites(commune, elus)
    assert r.lignes[1].taux_majoration == attendu
    assert r.taux_alloues == P(1)  # à 100 000 habitants, le conseiller sort de l'enveloppe


def test_conseiller_sous_100000_habitants_non_majore() -> None:
    commune = _commune(99_999, "chef-lieu de département")
    maire = _elu("M", "maire", "0.9")
    r = calculer_indemnites(commune, [maire, _elu("C", "conseiller", "0.06", False)])
    assert (r.lignes[1].taux_majoration, r.lignes[1].majoration) == (P(0), P("0.00"))
    assert r.taux_alloues == P("0.96")  # sous 100 000 habitants, dans l'enveloppe
    for autres in ({"majoration": True}, {"taux_majoration": P("0.10")}):
        conseiller = _elu("C", "conseiller", "0.06", False, **autres)
        erreur = _refus(commune, [maire, conseiller])
        assert erreur.cle == "elus"
        assert erreur.message == (
            "C : les majorations ne s'appliquent pas aux conseillers sans délégation des "
            "communes de moins de 100 000 habitants (L2123-22)"
        )


def test_taux_de_majoration_vote_au_maximum() -> None:
    commune = _commune(6300, "chef-lieu de département")
    adjoints = [_elu("A", "adjoint", "0.10")]
    for vote, attendu in ((P("0.25"), P("0.25")), (P("0.10"), P("0.10")), (P(0), P(0))):
        maire = _elu("M", "maire", "0.40", taux_majoration=vote)
        assert calculer_indemnites(commune, [maire, *adjoints]).lignes[0].taux_majoration == attendu
    erreur = _refus(commune, [_elu("M", "maire", "0.40", taux_majoration=P("0.2501"))])
    assert (erreur.message, erreur.valeur, erreur.attendu) == (
        "M : taux de majoration au-delà du maximum de R2123-23",
        "25,01 %",
        "au plus 25,00 %",
    )


def test_majoration_refusee_par_le_conseil() -> None:
    commune = _commune(6300, "chef-lieu de département")
    r = calculer_indemnites(commune, [_elu("M", "maire", "0.40", majoration=False)])
    assert (r.lignes[0].taux_majoration, r.lignes[0].majoration) == (P(0), P("0.00"))
    erreur = _refus(
        commune, [_elu("M", "maire", "0.40", majoration=False, taux_majoration=P("0.1"))]
    )
    assert (erreur.message, erreur.cle, erreur.valeur) == (
        "M : taux de majoration voté sans majoration applicable (L2123-22)",
        "elus",
        "10,00 %",
    )


def test_taux_de_majoration_sans_majoration_de_la_commune() -> None:
    erreur = _refus(_commune(6300), [_elu("M", "maire", "0.40", taux_majoration=P("0.1"))])
    assert erreur.message == "M : taux de majoration voté sans majoration applicable (L2123-22)"
    # un taux de majoration nul voté sans majoration n'est pas une faute
    r = calculer_indemnites(_commune(6300), [_elu("M", "maire", "0.40", taux_majoration=P(0))])
    assert r.lignes[0].taux_majoration == 0


def test_commune_sinistree_seule() -> None:
    """R2123-23, 2° : le pourcentage d'immeubles sinistrés, même sans autre majoration ;
    4 085,910166… × 40 % = 1 634,3640… → 1 634,36 ; × 12 % = 196,1232 → 196,12."""
    commune = _commune(6300, immeubles_sinistres=P("0.12"))
    r = calculer_indemnites(commune, [_elu("M", "maire", "0.40")])
    assert (r.lignes[0].indemnite, r.lignes[0].taux_majoration) == (P("1634.36"), P("0.12"))
    assert r.lignes[0].majoration == P("196.12")
    assert r.hypotheses[-1].startswith("Commune sinistrée : CGCT L2123-22, 2°")


# --- plafond du maire (L2123-23) -----------------------------------------------------------------


def test_maire_majore_de_40_pour_cent_a_100000_habitants() -> None:
    """145 % × 1,4 = 203 %, si l'enveloppe calculée sans la majoration n'est pas dépassée :
    145 % + 2 × 66 % = 277 % ≥ 203 % + 2 × 30 % = 263 %."""
    elus = [_elu("M", "maire", "2.03"), _elu("A", "adjoint", "0.3"), _elu("B", "adjoint", "0.3")]
    r = calculer_indemnites(_commune(100_000), elus)
    assert (r.taux_maire_max, r.taux_enveloppe, r.taux_alloues) == (
        P("1.45"),
        P("2.77"),
        P("2.63"),
    )
    assert any(
        h.startswith(
            "M : majoration de l'indemnité du maire au-delà du barème (203,00 % pour "
            "145,00 %), dans l'enveloppe calculée sans elle (CGCT L2123-23, dernier"
        )
        for h in r.hypotheses
    )


def test_maire_sans_majoration_sous_100000_habitants() -> None:
    """50 000 à 99 999 habitants : 110 %, sans majoration de 40 %."""
    elus = [_elu("M", "maire", "1.1001"), _elu("A", "adjoint", "0.3")]
    erreur = _refus(_commune(99_999), elus)
    assert (erreur.message, erreur.valeur, erreur.attendu) == (
        "M : taux du maire au-delà du barème (L2123-23)",
        "110,01 %",
        "au plus 110,00 % pour 99999 habitants",
    )
    r = calculer_indemnites(_commune(99_999), [_elu("M", "maire", "1.1")])
    assert r.taux_maire_max == P("1.1")


def test_maire_au_dela_du_plafond_majore() -> None:
    """À 150 000 habitants, le plafond majoré (203 %) est aussi la borne de saisie : au-delà,
    le modèle refuse ; au plafond, le calcul l'accepte."""
    with pytest.raises(ErreurValeur):
        _elu("M", "maire", "2.0301")
    adjoints = [_elu(f"A{i}", "adjoint", "0.1") for i in range(2)]
    r = calculer_indemnites(_commune(150_000), [_elu("M", "maire", "2.03"), *adjoints])
    assert r.lignes[0].taux == P("2.03")


def test_notes_du_taux_du_maire() -> None:
    r = calculer_indemnites(_commune(6300), [_elu("M", "maire", "0.5")])
    assert (
        "M : le maire perçoit de droit l'indemnité au taux maximal (55,00 %) ; un taux inférieur "
        "(50,00 %) suppose sa demande et une délibération du conseil municipal (L2123-23, dans "
        "toutes les communes depuis 2016)."
    ) in r.hypotheses
    r = calculer_indemnites(_commune(6300), [_elu("M", "maire", "0.55")])
    assert not any(h.startswith("M :") for h in r.hypotheses)


# --- plafonds des autres fonctions ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("fonction", "message"),
    [
        (
            "adjoint",
            "A : « en aucun cas l'indemnité versée à un adjoint ne peut dépasser l'indemnité "
            "maximale susceptible d'être allouée au maire » (L2123-24, IV)",
        ),
        (
            "conseiller délégué",
            "A : l'indemnité d'un conseiller délégué ne peut dépasser l'indemnité maximale du "
            "maire (L2123-24-1)",
        ),
    ],
)
def test_adjoint_et_delegue_au_plus_le_maire(fonction: str, message: str) -> None:
    """6 300 habitants : maire 55 % ; 8 adjoints permis, enveloppe large."""
    autres = [_elu(f"B{i}", "adjoint", "0") for i in range(3)]
    maire = _elu("M", "maire", "0.10")
    r = calculer_indemnites(_commune(6300), [maire, _elu("A", fonction, "0.55"), *autres])
    assert r.lignes[1].taux == P("0.55")
    erreur = _refus(_commune(6300), [maire, _elu("A", fonction, "0.5501"), *autres])
    assert (erreur.message, erreur.valeur, erreur.attendu) == (
        message,
        "55,01 %",
        "au plus 55,00 %",
    )


def test_conseiller_au_plus_6_pour_cent() -> None:
    maire = _elu("M", "maire", "0.55")
    r = calculer_indemnites(_commune(150_000), [maire, _elu("C", "conseiller", "0.06", False)])
    assert r.lignes[1].taux == P("0.06")
    erreur = _refus(_commune(150_000), [maire, _elu("C", "conseiller", "0.0601", False)])
    assert (erreur.message, erreur.valeur, erreur.attendu) == (
        "C : l'indemnité d'un conseiller municipal est au plus de 6,00 % (L2123-24-1, I et II)",
        "6,01 %",
        "au plus 6,00 %",
    )


def test_adjoint_au_dela_de_sa_strate_dans_l_enveloppe() -> None:
    """L2123-24, II : 6 300 habitants, adjoint 22 % au plus, enveloppe 55 % + 2 × 22 % = 99 %."""
    elus = [_elu("M", "maire", "0.40"), _elu("A", "adjoint", "0.40"), _elu("B", "adjoint", "0")]
    r = calculer_indemnites(_commune(6300), elus)
    assert (r.taux_enveloppe, r.taux_alloues, r.adjoints_comptes) == (P("0.99"), P("0.80"), 2)
    assert (
        "A : 40,00 %, au-delà du maximum de la strate (22,00 %), permis dans l'enveloppe "
        "(L2123-24, II)."
    ) in r.hypotheses
    assert (
        "B : adjoint sans indemnité (renonciation ou absence de délégation), compté parmi les "
        "adjoints en exercice."
    ) in r.hypotheses
    assert not any(h.startswith("A : adjoint sans") for h in r.hypotheses)
    quartier = [_elu("M", "maire", "0.40"), _elu("Q", "adjoint de quartier", "0")]
    r = calculer_indemnites(_commune(80_000), quartier)
    assert any(h.startswith("Q : adjoint sans indemnité") for h in r.hypotheses)
    quartier = [_elu("M", "maire", "0.40"), _elu("Q", "adjoint de quartier", "0.70")]
    r = calculer_indemnites(_commune(80_000), quartier)
    assert any(
        h.startswith("Q : 70,00 %, au-delà du maximum de la strate (44,00 %)") for h in r.hypotheses
    )


# --- enveloppe (L2123-24, II) --------------------------------------------------------------------


def test_enveloppe_a_la_borne() -> None:
    """55 % + 1 × 22 % = 77 % : le conseiller (sous 100 000 habitants) y entre."""
    base = [_elu("M", "maire", "0.50"), _elu("A", "adjoint", "0.21")]
    r = calculer_indemnites(_commune(6300), [*base, _elu("C", "conseiller", "0.06", False)])
    assert (r.taux_enveloppe, r.taux_alloues) == (P("0.77"), P("0.77"))
    conseiller = _elu("C", "conseiller", "0.06", False)
    erreur = _refus(_commune(6300), [base[0], _elu("A", "adjoint", "0.2101"), conseiller])
    assert (erreur.message, erreur.cle, erreur.valeur, erreur.attendu) == (
        "les indemnités dépassent l'enveloppe (L2123-24, II ; L2123-24-1, II et III)",
        "elus",
        "77,01 %",
        "au plus 77,00 % : maire 55,00 % + 1 adjoint(s) × 22,00 %",
    )


# --- délégations ---------------------------------------------------------------------------------


def test_adjoint_sans_delegation() -> None:
    maire = _elu("M", "maire", "0.55")
    r = calculer_indemnites(_commune(6300), [maire, _elu("A", "adjoint", "0", delegation=False)])
    assert r.lignes[1].indemnite == 0
    for fonction in ("adjoint", "adjoint de quartier"):
        erreur = _refus(_commune(90_000), [maire, _elu("A", fonction, "0.01", delegation=False)])
        assert (erreur.message, erreur.valeur, erreur.attendu) == (
            "A : un adjoint sans délégation ne peut percevoir d'indemnité, versée « pour "
            "l'exercice effectif des fonctions » (L2123-24, I)",
            "1,00 %",
            "une délégation de fonctions (arrêté du maire), ou 0 %",
        )


def test_conseiller_delegue_et_conseiller() -> None:
    maire = _elu("M", "maire", "0.55")
    erreur = _refus(_commune(6300), [maire, _elu("D", "conseiller délégué", "0", False)])
    assert erreur.message == (
        "D : un conseiller délégué a reçu une délégation (L2123-24-1, III) ; sans délégation, "
        "déclarez-le « conseiller »"
    )
    erreur = _refus(_commune(6300), [maire, _elu("C", "conseiller", "0", True)])
    assert erreur.message == (
        "C : un conseiller qui a reçu une délégation est un « conseiller délégué » "
        "(L2123-24-1, III)"
    )


# --- composition du tableau (L2121-2, L2122-2, L2122-2-1) ---------------------------------------


def test_fonction_non_municipale() -> None:
    erreur = _refus(_commune(6300), [_elu("M", "maire", "0.55"), _elu("P", "président", "0.1")])
    assert (erreur.message, erreur.cle, erreur.valeur) == (
        "P : « président » n'est pas une fonction municipale (CGCT L2123-20 à L2123-24-1)",
        "elus[1].fonction",
        "président",
    )


@pytest.mark.parametrize("maires", [0, 2])
def test_un_maire_et_un_seul(maires: int) -> None:
    elus = [_elu(f"M{i}", "maire", "0.2") for i in range(maires)] + [_elu("A", "adjoint", "0")]
    erreur = _refus(_commune(6300), elus)
    assert (erreur.message, erreur.valeur, erreur.attendu) == (
        "le tableau compte un maire et un seul",
        maires,
        "1",
    )


def test_effectif_du_conseil() -> None:
    """29 membres de 5 000 à 9 999 habitants : 29 élus admis, 30 refusés."""
    elus = [_elu("M", "maire", "0.55")] + [
        _elu(f"C{i}", "conseiller", "0", False) for i in range(28)
    ]
    assert len(calculer_indemnites(_commune(6300), elus).lignes) == 29
    erreur = _refus(_commune(6300), [*elus, _elu("C28", "conseiller", "0", False)])
    assert (erreur.cle, erreur.valeur, erreur.attendu) == (
        "elus",
        30,
        "au plus 29 élus, maire, adjoints et conseillers compris",
    )
    assert erreur.message == (
        "le tableau compte plus d'élus que le conseil municipal n'a de membres : 29 pour une "
        "commune de 6300 habitants (CGCT L2121-2)"
    )


def test_nombre_d_adjoints() -> None:
    """30 % de 29 = 8,7 → 8 adjoints au plus."""
    maire = _elu("M", "maire", "0.10")
    huit = [_elu(f"A{i}", "adjoint", "0") for i in range(8)]
    assert calculer_indemnites(_commune(6300), [maire, *huit]).adjoints_comptes == 8
    erreur = _refus(_commune(6300), [maire, *huit, _elu("A8", "adjoint", "0")])
    assert (erreur.message, erreur.valeur, erreur.attendu) == (
        "trop d'adjoints : au plus 30 % de l'effectif légal du conseil (L2122-2)",
        9,
        "au plus 8 pour 6300 habitants",
    )


def test_adjoints_de_quartier() -> None:
    """80 000 habitants : 53 membres, 10 % → 5 adjoints de quartier ; 79 999 : aucun."""
    maire = _elu("M", "maire", "0.10")
    cinq = [_elu(f"Q{i}", "adjoint de quartier", "0") for i in range(5)]
    r = calculer_indemnites(_commune(80_000), [maire, *cinq])
    assert r.adjoints_comptes == 5  # adjoints de quartier comptés parmi les adjoints en exercice
    erreur = _refus(_commune(80_000), [maire, *cinq, _elu("Q5", "adjoint de quartier", "0")])
    assert (erreur.message, erreur.valeur, erreur.attendu) == (
        "trop d'adjoints de quartier : au plus 10 % de l'effectif légal, dans les communes de "
        "80000 habitants et plus (L2122-2-1)",
        6,
        "au plus 5 pour 80000 habitants",
    )
    erreur = _refus(_commune(79_999), [maire, cinq[0]])
    assert (erreur.valeur, erreur.attendu) == (1, "au plus 0 pour 79999 habitants")


def test_doublons() -> None:
    maire = _elu("Dupont", "maire", "0.55")
    erreur = _refus(_commune(6300), [maire, _elu("Dupont", "adjoint", "0")])
    assert (erreur.message, erreur.cle, erreur.valeur) == (
        "élu présent deux fois",
        "elus[1]",
        "Dupont",
    )
    erreur = _refus(_commune(6300), [maire, _elu("DUPONT", "adjoint", "0")])
    assert erreur.cle == "elus[1].nom"
    assert erreur.message == (
        "élu présent deux fois : « Dupont » (élu n° 1) et « DUPONT » (élu n° 2) sont le même nom, "
        "comparé sans les majuscules, les caractères invisibles ni les lettres cyrilliques ou "
        "grecques au dessin de lettres latines"
    )


# --- hypothèses ----------------------------------------------------------------------------------


def test_hypotheses_de_base_et_donnees_confirmees() -> None:
    r = calculer_indemnites(_commune(6300), [_elu("M", "maire", "0.55")])
    assert r.hypotheses[2].startswith("Enveloppe : maire 55,00 % + 0 adjoint(s) × 22,00 % = ")
    assert r.hypotheses[3].startswith("Population de référence : 6300 habitants, figée")
    assert r.hypotheses[4] == (
        "Montants : chaque taux s'applique au traitement non arrondi (4085,910167… €) et le "
        "résultat est arrondi au centime, comme les tables de la DGCL."
    )
    assert not any(h.startswith("Données de référence confirmées") for h in r.hypotheses)
    dernier = Commune(nom="x", population=6300, date=D(2025, 12, 31))
    r = calculer_indemnites(dernier, [_elu("M", "maire", "0.583")])
    assert not any(h.startswith("Données de référence confirmées") for h in r.hypotheses)
    tard = Commune(nom="x", population=6300, date=D(2026, 1, 1))
    r = calculer_indemnites(tard, [_elu("M", "maire", "0.583")])
    assert (
        "Données de référence confirmées jusqu'au 31/12/2025 : au-delà, la dernière valeur "
        "connue du point et de l'indice est reportée."
    ) in r.hypotheses


def test_hypotheses_de_la_strate_superieure() -> None:
    """DACOM (L2123-22, 5°) : 5 000 habitants au sens de la population DGF ; à 4 999 habitants
    de population totale, la condition est à confirmer ; à 5 000, rien à signaler."""
    r = calculer_indemnites(_commune(4999, "dacom"), [_elu("M", "maire", "0.55")])
    assert any(h.startswith("« dacom » (échelon supérieur) : ") for h in r.hypotheses)
    assert (
        "« dacom » : la population DGF (L2334-2) doit atteindre 5000 habitants (L2123-22, 5°) ; "
        "la population totale donnée (4999) est inférieure et la population DGF n'est pas "
        "connue ici : condition à confirmer."
    ) in r.hypotheses
    r = calculer_indemnites(_commune(5000, "dacom"), [_elu("M", "maire", "0.65")])
    assert r.taux_maire_max == P("0.65")  # strate de 10 000 à 19 999
    assert not any("condition à confirmer" in h for h in r.hypotheses)
    r = calculer_indemnites(_commune(6300, "dsu"), [_elu("M", "maire", "0.65")])
    (strate,) = [h for h in r.hypotheses if h.startswith("« ")]
    assert strate.startswith("« dsu » (échelon supérieur) : CGCT L2123-22, 5° ; R2123-23, 4°")
    assert not any(h.startswith("Majoration « dsu »") for h in r.hypotheses)


def test_enveloppe_depuis_la_loi_de_2025_compte_le_nombre_maximal_d_adjoints() -> None:
    """L2123-24, II (loi n° 2025-1249, en vigueur le 24 décembre 2025) : l'enveloppe compte les
    8 adjoints que permet un conseil de 29 membres (6 300 habitants), non les 2 en exercice :
    58,3 % + 8 × 23,32 % = 244,86 % ≥ 3 × 58,3 % = 174,9 %. Avant, 2 adjoints en exercice."""
    elus = [
        _elu("M", "maire", "0.55"),
        _elu("A", "adjoint", "0.55"),
        _elu("B", "adjoint", "0.55"),
    ]
    apres = Commune(nom="x", population=6300, date=D(2026, 1, 1))
    r = calculer_indemnites(apres, elus)
    assert (r.adjoints_comptes, r.taux_enveloppe, r.taux_alloues) == (
        8,
        P("2.4486"),
        P("1.65"),
    )
    # avant la loi : 55 % + 2 × 22 % = 99 % < 165 %
    erreur = _refus(_commune(6300), elus)
    assert erreur.attendu == "au plus 99,00 % : maire 55,00 % + 2 adjoint(s) × 22,00 %"


def test_majorations_de_la_commune_refusees() -> None:
    deux = _commune(6300, "chef-lieu de canton", "chef-lieu d'arrondissement")
    erreur = _refus(deux, [_elu("M", "maire", "0.40")])
    assert (erreur.message, erreur.cle, erreur.valeur) == (
        "une seule majoration de chef-lieu s'applique (R2123-23, 1°) : retenez la plus forte",
        "majorations",
        "chef-lieu de canton, chef-lieu d'arrondissement",
    )
    erreur = _refus(_commune(6300, "capitale"), [_elu("M", "maire", "0.40")])
    assert (erreur.message, erreur.cle, erreur.valeur) == (
        "majoration inconnue",
        "majorations",
        "capitale",
    )
    assert erreur.attendu is not None and "chef-lieu de canton" in erreur.attendu.split(", ")
    # un chef-lieu et une station de tourisme se cumulent (groupes différents)
    r = calculer_indemnites(
        _commune(6300, "chef-lieu de canton", "station de tourisme"), [_elu("M", "maire", "0.4")]
    )
    assert r.lignes[0].taux_majoration == P("0.40")
