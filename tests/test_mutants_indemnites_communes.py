"""Indemnités des élus municipaux (``regles/indemnites/_calcul.py``) : compléments aux tests de
``test_mutants_indemnites.py`` pour les survivants de la mutation (issue 27).

Valeurs calculées à la main au 1er décembre 2023 (indice majoré 830, point 59,0734 € :
traitement 830 × 59,0734 / 12 = 4 085,910166… €) ; textes cités relus dans
``donnees/indemnites/references.toml``.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from collectivites.erreurs import ErreurValeur
from collectivites.regles.indemnites import Commune, Elu, calculer_indemnites

D = dt.date
P = Decimal
JOUR = D(2023, 12, 1)
REFERENCES = tomllib.loads(
    (Path(__file__).parents[1] / "src/collectivites/donnees/indemnites/references.toml").read_text(
        encoding="utf-8"
    )
)
MAJORATIONS = {m["code"]: m for m in REFERENCES["majoration"]}


def _commune(population: int, *majorations: str, **autres: Any) -> Commune:
    return Commune(nom="x", population=population, date=JOUR, majorations=majorations, **autres)


def _elu(nom: str, fonction: str, taux: str, delegation: bool = True, **autres: Any) -> Elu:
    return Elu(nom=nom, fonction=fonction, taux=P(taux), delegation=delegation, **autres)


def test_strate_superieure_apres_un_chef_lieu() -> None:
    """R2123-23 : chef-lieu de canton (15 %) et DSU (échelon supérieur : à 6 300 habitants, la
    strate de 10 000 à 19 999, maire 65 %) se cumulent ; la note de la DSU est donnée même
    quand le chef-lieu est nommé avant elle. 4 085,910166… × 65 % = 2 655,8416… → 2 655,84 ;
    × 15 % = 398,376 → 398,38."""
    r = calculer_indemnites(
        _commune(6300, "chef-lieu de canton", "dsu"), [_elu("M", "maire", "0.65")]
    )
    assert r.taux_maire_max == P("0.65")
    assert (r.lignes[0].indemnite, r.lignes[0].majoration) == (P("2655.84"), P("398.38"))
    assert f"« dsu » (échelon supérieur) : {MAJORATIONS['dsu']['source']}." in r.hypotheses
    canton = MAJORATIONS["chef-lieu de canton"]["source"]
    assert f"Majoration « chef-lieu de canton » : {canton}." in r.hypotheses


def _source(table: str, date_effet: dt.date) -> str:
    (entree,) = [e for e in REFERENCES[table] if e["date_effet"] == date_effet]
    return str(entree["source"])


def test_notes_du_terme_du_bareme_et_de_la_strate_dans_l_ordre() -> None:
    """Le terme (IM 830 × 59,0734 / 12 = 4 085,91), le barème de la loi n° 2019-1461 (sans
    précision), puis l'enveloppe ; la DSU ajoute sa note sans retirer les précédentes."""
    r = calculer_indemnites(_commune(6300, "dsu"), [_elu("M", "maire", "0.65")])
    assert r.hypotheses[:2] == (
        "Terme de référence au 01/12/2023 : indice brut 1027, indice majoré 830 × point 59,0734 "
        f"€ par an / 12 = 4\u202f085,91 € par mois ({_source('indice_terminal', D(2019, 1, 1))} "
        f"; {_source('point_indice', D(2023, 7, 1))}).",
        f"Barème : {_source('bareme', D(2019, 12, 29))}.",
    )
    assert r.hypotheses[2].startswith("Enveloppe : maire 65,00 % + 0 adjoint(s) × 27,50 %")
    apres = Commune(nom="x", population=6300, date=D(2026, 1, 1))
    r = calculer_indemnites(apres, [_elu("M", "maire", "0.583")])
    (bareme,) = [b for b in REFERENCES["bareme"] if b["date_effet"] == D(2025, 12, 24)]
    assert r.hypotheses[1] == f"Barème : {bareme['source']}. {bareme['precision']}."


def test_note_du_maire_nomme_apres_un_adjoint() -> None:
    """L2123-23 : à 6 300 habitants, le maire a droit à 55 % ; 50 % suppose sa demande."""
    elus = [_elu("A", "adjoint", "0.22"), _elu("M", "maire", "0.50")]
    r = calculer_indemnites(_commune(6300), elus)
    assert (
        "M : le maire perçoit de droit l'indemnité au taux maximal (55,00 %) ; un taux inférieur "
        "(50,00 %) suppose sa demande et une délibération du conseil municipal (L2123-23, dans "
        "toutes les communes depuis 2016)."
    ) in r.hypotheses
    # l'adjoint au maximum de sa strate (22 %) : pas de note « au-delà du maximum »
    assert not any("au-delà du maximum de la strate" in h for h in r.hypotheses)
    r = calculer_indemnites(_commune(6300), [_elu("A", "adjoint", "0.2201"), elus[1]])
    assert any(h.startswith("A : 22,01 %, au-delà du maximum de la strate") for h in r.hypotheses)


def _refus(commune: Commune, elus: list[Elu]) -> ErreurValeur:
    with pytest.raises(ErreurValeur) as info:
        calculer_indemnites(commune, elus)
    return info.value


@pytest.mark.parametrize(
    ("fonction", "taux", "article"),
    [
        ("maire", "0.5501", "L2123-23"),
        ("adjoint", "0.5501", "L2123-24, IV"),
        ("conseiller délégué", "0.5501", "L2123-24-1"),
        ("conseiller", "0.0601", "L2123-24-1, I et II"),
    ],
)
def test_plafonds_de_chaque_fonction(fonction: str, taux: str, article: str) -> None:
    """À 6 300 habitants : maire 55 % (L2123-23) ; adjoint et conseiller délégué au plus le
    maximum du maire ; conseiller 6 % (L2123-24-1)."""
    elus = [_elu("M", "maire", "0")] if fonction != "maire" else []
    delegation = fonction != "conseiller"
    e = _refus(_commune(6300), [*elus, _elu("X", fonction, taux, delegation)])
    assert (e.cle, e.valeur) == ("elus", f"{P(taux) * 100:.2f} %".replace(".", ","))
    assert article in e.message


def test_taux_de_majoration_au_dela_du_maximum() -> None:
    """R2123-23, 1° : chef-lieu de canton, 15 % au plus."""
    elus = [_elu("M", "maire", "0.55", taux_majoration=P("0.1501"))]
    e = _refus(_commune(6300, "chef-lieu de canton"), elus)
    assert (e.cle, e.valeur, e.attendu) == ("elus", "15,01 %", "au plus 15,00 %")
    r = calculer_indemnites(
        _commune(6300, "chef-lieu de canton"),
        [_elu("M", "maire", "0.55", taux_majoration=P("0.15"))],
    )
    assert r.lignes[0].taux_majoration == P("0.15")


def test_doublon_ecrit_avec_deux_lettres_cyrilliques_differentes() -> None:
    """« Duрont » (р cyrillique, U+0440) et « Dupоnt » (о cyrillique, U+043E) : le même nom ; le
    message décrit les lettres étrangères de chacun, séparées par « ; »."""
    elus = [_elu("Du\u0440ont", "maire", "0.55"), _elu("Dup\u043ent", "adjoint", "0")]
    e = _refus(_commune(6300), elus)
    assert e.cle == "elus[1].nom"
    assert e.message.endswith(
        "(« Du\u0440ont » : « \u0440 » (U+0440, cyrillique); « Dup\u043ent » : « \u043e » "
        "(U+043E, cyrillique))"
    )


def test_champs_des_refus_sur_les_elus() -> None:
    """L2123-20 à L2123-24-1 (fonctions municipales), un maire, L2122-2 (30 % de 29 membres à
    6 300 habitants : 8 adjoints), L2122-2-1 (10 % de 53 membres à 80 000 : 5 adjoints de
    quartier), L2123-24, I et L2123-24-1, III (délégations)."""
    maire = _elu("M", "maire", "0")
    e = _refus(_commune(6300), [maire, _elu("P", "président", "0")])
    assert (e.cle, e.valeur, e.attendu) == (
        "elus[1].fonction",
        "président",
        "maire, adjoint, adjoint de quartier, conseiller délégué ou conseiller",
    )
    e = _refus(_commune(6300), [_elu("A", "adjoint", "0")])
    assert (e.message, e.cle, e.valeur, e.attendu) == (
        "le tableau compte un maire et un seul",
        "elus",
        0,
        "1",
    )
    neuf = [_elu(f"A{i}", "adjoint", "0") for i in range(9)]
    e = _refus(_commune(6300), [maire, *neuf])
    assert (e.cle, e.valeur, e.attendu) == ("elus", 9, "au plus 8 pour 6300 habitants")
    six = [_elu(f"Q{i}", "adjoint de quartier", "0") for i in range(6)]
    e = _refus(_commune(80_000), [maire, *six])
    assert (e.cle, e.valeur, e.attendu) == ("elus", 6, "au plus 5 pour 80000 habitants")
    e = _refus(_commune(6300), [maire, _elu("A", "adjoint", "0.10", delegation=False)])
    assert (e.cle, e.valeur, e.attendu) == (
        "elus",
        "10,00 %",
        "une délégation de fonctions (arrêté du maire), ou 0 %",
    )
    e = _refus(_commune(6300), [maire, _elu("D", "conseiller délégué", "0", delegation=False)])
    assert e.cle == "elus" and "L2123-24-1, III" in e.message
    e = _refus(_commune(6300), [maire, _elu("C", "conseiller", "0", delegation=True)])
    assert e.cle == "elus" and "« conseiller délégué »" in e.message


def test_lignes_reprennent_chaque_elu() -> None:
    elus = [
        _elu("Marie", "maire", "0.49"),  # 49 + 22 + 6 = 77 % : dans l'enveloppe
        _elu("Alain", "adjoint", "0.22"),
        _elu("Chloé", "conseiller", "0.06", delegation=False),
    ]
    r = calculer_indemnites(_commune(6300), elus)
    assert [(x.nom, x.fonction, x.taux, x.delegation) for x in r.lignes] == [
        (e.nom, e.fonction, e.taux, e.delegation) for e in elus
    ]
    assert [x.fonction.value for x in r.lignes] == ["maire", "adjoint", "conseiller"]
