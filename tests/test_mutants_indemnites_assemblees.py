"""Départements, régions, EPCI (``regles/indemnites/_calcul_assemblees.py``, ``_commun.py``) :
plafonds, enveloppe, document et hypothèses relus en entier (issue 27).

Valeurs calculées à la main au 1er janvier 2024 depuis ``donnees/indemnites/assemblees.toml`` et
les articles qu'il cite : terme de référence IM 835 × 59,0734 / 12 = 4 110,524083… € (affiché
4 110,52) ; chaque montant = terme non arrondi × taux, arrondi au centime.

* L3123-16 et L3123-17 : département de moins de 250 000 habitants, conseiller 40 %, président
  145 %, vice-président délégué 40 % × 1,40 = 56 %, commission permanente 40 % × 1,10 = 44 % ;
  enveloppe : somme des maxima des membres hors majoration (loi n° 2017-1837, art. 100).
* L5211-12 : EPCI, enveloppe président + vice-présidents en exercice ; majoration de 40 % du
  président à partir de 100 000 habitants (``seuil_majoration_president``) ; R5214-1
  (communauté de communes de 10 000 à 19 999 habitants : 48,75 % et 20,63 %) ; R5216-1
  (agglomération de 50 000 à 99 999 : 110 % et 44 % ; 100 000 à 199 999 : 145 % et 66 %),
  conseillers 6 % (L5216-4), dans l'enveloppe sous 100 000 habitants ; L5211-10 : quinze
  vice-présidents au plus.
"""

from __future__ import annotations

import datetime as dt
import decimal
import tomllib
from decimal import Decimal
from pathlib import Path

import pytest

from collectivites.erreurs import ErreurValeur
from collectivites.regles.indemnites import Departement, Elu, Epci, Region, calculer_indemnites
from collectivites.regles.indemnites._modeles import Fonction
from collectivites.tables import Genre

D = dt.date
P = Decimal
JOUR = D(2024, 1, 1)
NB = "\u202f"
DONNEES = tomllib.loads(
    (Path(__file__).parents[1] / "src/collectivites/donnees/indemnites/assemblees.toml").read_text(
        encoding="utf-8"
    )
)
BAREMES = {b["nature"]: b for b in DONNEES["bareme"]}
TERME = (
    "Terme de référence au {jour} : indice brut 1027, indice majoré 835 × point 59,0734 € par an "
    f"/ 12 = 4{NB}110,52 € par mois (affiché) ; chaque taux s'applique au traitement non arrondi "
    "et le résultat est arrondi au centime."
)


def _elu(nom: str, fonction: str, taux: str, delegation: bool = True) -> Elu:
    return Elu(nom=nom, fonction=fonction, taux=P(taux), delegation=delegation)


def _refus(collectivite: Departement | Region | Epci, elus: list[Elu]) -> ErreurValeur:
    with pytest.raises(ErreurValeur) as info:
        calculer_indemnites(collectivite, elus)
    return info.value


def _lozere() -> list[Elu]:
    return [
        _elu("Présidente", "président", "1.45"),
        _elu("Vice-président", "vice-président", "0.56"),
        _elu("Membre", "membre de la commission permanente", "0.44", False),
        _elu("Conseiller", "conseiller", "0.40", False),
    ]


def test_document_d_un_departement() -> None:
    """145 % → 5 960,26 ; 56 % → 2 301,89 ; 44 % → 1 808,63 ; 40 % → 1 644,21 ; total
    11 714,99 ; enveloppe 145 + 56 + 44 + 40 = 285 % → 4 110,524083… × 2,85 = 11 714,9936…
    → 11 714,99."""
    r = calculer_indemnites(Departement(nom="Lozère", population=76000, date=JOUR), _lozere())
    assert (r.taux_enveloppe, r.taux_alloues, r.taux_disponible) == (P("2.85"), P("2.85"), P(0))
    assert (r.enveloppe, r.total, r.total_indemnites) == (
        P("11714.99"),
        P("11714.99"),
        P("11714.99"),
    )
    assert [x.total for x in r.lignes] == [P("5960.26"), P("2301.89"), P("1808.63"), P("1644.21")]
    doc = r.decrire()
    assert (doc.titre, doc.cle) == ("Indemnités de fonction — Lozère au 01/01/2024", "Lozère")
    assert [(f.cle, f.libelle, f.valeur, f.genre) for f in doc.faits] == [
        ("collectivite", "Collectivité", "Lozère", Genre.TEXTE),
        ("nature", "Nature", "département", Genre.TEXTE),
        ("population", "Population", 76000, Genre.ENTIER),
        ("date", "Date", JOUR, Genre.DATE),
        ("indice_majore", "Indice majoré", 835, Genre.ENTIER),
        ("terme_de_reference", "Terme de référence", P("4110.52"), Genre.MONTANT),
        ("taux_enveloppe", "Enveloppe (taux)", P("2.85"), Genre.TAUX),
        ("enveloppe", "Enveloppe (montant)", P("11714.99"), Genre.MONTANT),
        ("taux_alloues", "Taux alloués", P("2.85"), Genre.TAUX),
        ("total", "Total mensuel", P("11714.99"), Genre.MONTANT),
    ]
    (table,) = doc.tables
    assert (table.cle, table.titre) == (
        "elus",
        "Tableau récapitulatif des indemnités (mensuelles, brutes)",
    )
    assert [(c.cle, c.libelle, c.genre, c.total, c.decimales) for c in table.colonnes] == [
        ("nom", "Nom", Genre.TEXTE, False, None),
        ("fonction", "Fonction", Genre.CODE, False, None),
        ("taux", "Taux", Genre.TAUX, False, 2),
        ("taux_maximal", "Taux maximal", Genre.TAUX, False, 2),
        ("indemnite", "Indemnité de fonction", Genre.MONTANT, True, None),
    ]
    # président : 145 % × 1,40 = 203 % permis (seuil_majoration_president = 0, loi n° 2017-1837)
    assert list(table.lignes) == [
        ("Présidente", Fonction.PRESIDENT, P("1.45"), P("2.03"), P("5960.26")),
        ("Vice-président", Fonction.VICE_PRESIDENT, P("0.56"), P("0.56"), P("2301.89")),
        ("Membre", Fonction.MEMBRE_COMMISSION_PERMANENTE, P("0.44"), P("0.44"), P("1808.63")),
        ("Conseiller", Fonction.CONSEILLER, P("0.40"), P("0.40"), P("1644.21")),
    ]
    assert (
        doc.hypotheses
        == r.hypotheses
        == (
            TERME.format(jour="01/01/2024"),
            f"Barème : {BAREMES['département']['source']}.",
            "Maxima : président 145,00 %, vice-président 56,00 %, membre de la commission "
            "permanente 44,00 %, conseiller 40,00 %.",
        )
    )


def test_hypotheses_president_majore() -> None:
    """Département de 1 100 000 habitants (L3123-16 : 65 %) : président 145 % × 1,40 = 203 %,
    dans l'enveloppe 145 + 91 + 71,5 + 65 + 65 = 437,5 % (cas des données de test)."""
    dep = Departement(nom="Nord", population=1_100_000, date=JOUR)
    elus = [
        _elu("P", "président", "2.03"),
        _elu("V", "vice-président", "0.91"),
        _elu("M", "membre de la commission permanente", "0.715", False),
        _elu("A", "conseiller", "0.36", False),
        _elu("B", "conseiller", "0.36", False),
    ]
    r = calculer_indemnites(dep, elus)
    assert r.taux_enveloppe == P("4.375") and r.lignes[0].taux_maximal == P("2.03")
    assert r.hypotheses[3:] == (
        f"P : indemnité du président majorée au-delà du barème "
        f"({DONNEES['source_majoration_president']}).",
    )
    # un centième de plus à un conseiller : hors de l'enveloppe (437,51 % > 437,5 %)
    elus[3] = _elu("A", "conseiller", "0.3601", False)
    e = _refus(dep, elus)
    assert (e.cle, e.valeur, e.attendu) == ("elus", "437,51 %", "au plus 437,50 %")


def test_hypotheses_d_une_communaute_de_communes_apres_les_donnees() -> None:
    """R5214-1, 10 000 à 19 999 habitants : président 48,75 %, vice-président 20,63 % ; un
    vice-président à 38,75 % dépasse son maximum sous celui du président (L5211-12, troisième
    alinéa), dans l'enveloppe 48,75 + 20,63 = 69,38 % ≥ 30 + 38,75 = 68,75 %."""
    cc = Epci(
        nom="CC du Val", nature="communauté de communes", population=15000, date=D(2026, 1, 5)
    )
    r = calculer_indemnites(
        cc, [_elu("P", "président", "0.30"), _elu("V", "vice-président", "0.3875")]
    )
    assert (r.taux_enveloppe, r.taux_alloues) == (P("0.6938"), P("0.6875"))
    # 4 110,524083… × 0,30 = 1 233,157225 ; × 0,3875 = 1 592,828082
    assert [x.indemnite for x in r.lignes] == [P("1233.16"), P("1592.83")]
    assert [x.taux_maximal for x in r.lignes] == [P("0.4875"), P("0.4875")]
    b = BAREMES["communauté de communes"]
    assert r.hypotheses == (
        TERME.format(jour="05/01/2026"),
        f"Barème : {b['source']}. {b['precision']}.",
        "Maxima : président 48,75 %, vice-président 20,63 %.",
        "V : au-delà du maximum d'un vice-président, permis sans dépasser le président et dans "
        "l'enveloppe (L5211-12, troisième alinéa).",
        "Barèmes confirmés jusqu'au 31/12/2025 : au-delà, la dernière rédaction connue est "
        "reportée.",
    )
    cc = Epci(
        nom="CC du Val", nature="communauté de communes", population=15000, date=D(2025, 12, 31)
    )
    elus = [_elu("P", "président", "0.30"), _elu("V", "vice-président", "0.2063")]
    assert len(calculer_indemnites(cc, elus).hypotheses) == 3  # au maximum : pas de note


@pytest.mark.parametrize(
    ("collectivite", "cle", "maximum"),
    [
        (Departement(nom="d", population=4_000_001, date=JOUR), "departement.population", 4000000),
        (Region(nom="r", population=20_000_001, date=JOUR), "region.population", 20000000),
        (
            Epci(nom="e", nature="métropole", population=10_000_001, date=JOUR),
            "epci.population",
            10000000,
        ),
    ],
)
def test_population_hors_mesure(
    collectivite: Departement | Region | Epci, cle: str, maximum: int
) -> None:
    e = _refus(collectivite, [_elu("P", "président", "1")])
    assert (e.cle, e.valeur, e.attendu) == (cle, maximum + 1, f"au plus {maximum} habitants")
    a_la_borne = type(collectivite)(
        **{
            **{k: getattr(collectivite, k) for k in ("nom", "date")},
            **({"nature": "métropole"} if isinstance(collectivite, Epci) else {}),
            "population": maximum,
        }
    )
    assert calculer_indemnites(a_la_borne, [_elu("P", "président", "1")]).taux_alloues == 1


def test_majoration_du_president_d_un_epci_a_partir_de_100000_habitants() -> None:
    """R5214-1 au-delà de 100 000 : président 108,75 %, vice-président 49,50 % ; majoré :
    108,75 × 1,40 = 152,25 %, dans l'enveloppe 108,75 + 49,50 = 158,25 %. Sous 100 000
    (50 000 à 99 999 : 82,49 %), pas de majoration."""
    elus = [_elu("P", "président", "1.5225"), _elu("V", "vice-président", "0")]
    cc = Epci(nom="c", nature="communauté de communes", population=100_000, date=JOUR)
    r = calculer_indemnites(cc, elus)
    assert r.lignes[0].taux_maximal == P("1.5225") and r.taux_enveloppe == P("1.5825")
    assert r.lignes[0].indemnite == P("6258.27")  # 4 110,524083… × 1,5225 = 6 258,272917
    e = _refus(cc, [_elu("P", "président", "1.5226"), _elu("V", "vice-président", "0")])
    assert (e.cle, e.attendu) == ("elus[0].taux", "au plus 152,25 %")
    cc = Epci(nom="c", nature="communauté de communes", population=99_999, date=JOUR)
    e = _refus(cc, [_elu("P", "président", "0.8250"), _elu("V", "vice-président", "0")])
    assert (e.cle, e.valeur, e.attendu) == ("elus[0].taux", "82,50 %", "au plus 82,49 %")
    assert "(L5211-12 et R5214-1)" in str(e)
    # syndicat de communes : aucune majoration, même au-delà de 200 000 (R5212-1 : 37,41 %)
    sivu = Epci(nom="s", nature="syndicat de communes", population=300_000, date=JOUR)
    e = _refus(sivu, [_elu("P", "président", "0.3742"), _elu("V", "vice-président", "0")])
    assert e.attendu == "au plus 37,41 %"


def test_vice_presidents_et_delegues_d_un_epci() -> None:
    """R5216-1, agglomération de 60 000 habitants : président 110 %, vice-président 44 %,
    conseiller 6 % (L5216-4) ; enveloppe 110 + 44 = 154 %, conseillers compris sous 100 000."""
    ca = Epci(nom="a", nature="communauté d'agglomération", population=60_000, date=JOUR)
    p = _elu("P", "président", "1.00")
    # vice-président sans délégation : rien (L5211-12, « exercice effectif des fonctions »)
    r = calculer_indemnites(ca, [p, _elu("V", "vice-président", "0", False)])
    assert r.lignes[1].taux_maximal == 0
    e = _refus(ca, [p, _elu("V", "vice-président", "0.0001", False)])
    assert (e.cle, e.attendu) == ("elus[1].taux", "au plus 0,00 %")
    assert "exercice effectif des fonctions" in str(e)
    # conseiller délégué : pas plus que le président, dans l'enveloppe
    v = _elu("V", "vice-président", "0.44")
    r = calculer_indemnites(ca, [p, v, _elu("C", "conseiller délégué", "0.10")])
    assert (r.lignes[2].taux_maximal, r.taux_alloues, r.taux_enveloppe) == (
        P("1.10"),
        P("1.54"),
        P("1.54"),
    )
    e = _refus(ca, [p, v, _elu("C", "conseiller délégué", "0.11")])
    assert (e.cle, e.valeur, e.attendu) == ("elus", "155,00 %", "au plus 154,00 %")
    assert "président et vice-présidents en exercice (L5211-12, deuxième alinéa)" in str(e)
    e = _refus(ca, [_elu("P", "président", "0"), _elu("C", "conseiller délégué", "1.11")])
    assert e.cle == "elus[1].taux" and "pas plus que le président" in str(e)
    e = _refus(ca, [p, _elu("C", "conseiller délégué", "0.01", False)])
    assert (
        e.attendu == "au plus 0,00 %" and "(L5216-4 : conseiller délégué sans délégation)" in str(e)
    )
    r = calculer_indemnites(ca, [p, _elu("C", "conseiller délégué", "0", False)])
    assert r.lignes[1].taux_maximal == 0
    # vice-président délégué au-delà du président : refusé (troisième alinéa)
    e = _refus(ca, [_elu("P", "président", "0.5"), _elu("V", "vice-président", "1.11")])
    assert e.attendu == "au plus 110,00 %" and "troisième alinéa" in str(e)


def test_conseillers_d_une_agglomeration_dans_l_enveloppe_sous_100000_habitants() -> None:
    ca = Epci(nom="a", nature="communauté d'agglomération", population=99_999, date=JOUR)
    elus = [_elu("P", "président", "1.10"), _elu("V", "vice-président", "0.38")]
    conseiller = _elu("C", "conseiller", "0.06", False)
    assert calculer_indemnites(ca, [*elus, conseiller]).taux_alloues == P("1.54")
    e = _refus(ca, [elus[0], _elu("V", "vice-président", "0.39"), conseiller])
    assert (e.valeur, e.attendu) == ("155,00 %", "au plus 154,00 %")
    e = _refus(ca, [*elus, _elu("C", "conseiller", "0.0601", False)])
    assert e.cle == "elus[2].taux" and "(L5216-4)" in str(e)
    # à 100 000 habitants (145 % et 66 %) : les conseillers sont hors de l'enveloppe de 211 %
    ca = Epci(nom="a", nature="communauté d'agglomération", population=100_000, date=JOUR)
    r = calculer_indemnites(
        ca, [_elu("P", "président", "1.45"), _elu("V", "vice-président", "0.66"), conseiller]
    )
    assert (r.taux_alloues, r.taux_enveloppe) == (P("2.11"), P("2.11"))
    assert r.total == r.total_indemnites == sum((x.indemnite for x in r.lignes), P(0))


def test_enveloppe_des_membres_et_vice_president_sans_delegation() -> None:
    """L3123-17 : un vice-président sans délégation compte pour le maximum d'un membre de la
    commission permanente (44 %) dans l'enveloppe : 145 + 44 = 189 % ; avec délégation,
    145 + 56 = 201 %."""
    dep = Departement(nom="d", population=76000, date=JOUR)
    p = _elu("P", "président", "1.45")
    r = calculer_indemnites(dep, [p, _elu("V", "vice-président", "0.44", False)])
    assert r.taux_enveloppe == P("1.89") and r.lignes[1].taux_maximal == P("0.44")
    r = calculer_indemnites(dep, [p, _elu("V", "vice-président", "0.44")])
    assert r.taux_enveloppe == P("2.01") and r.lignes[1].taux_maximal == P("0.56")
    e = _refus(dep, [p, _elu("M", "membre de la commission permanente", "0.4401", False)])
    assert "(L3123-17)" in str(e) and e.attendu == "au plus 44,00 %"
    e = _refus(dep, [p, _elu("C", "conseiller", "0.4001", False)])
    assert "(L3123-16)" in str(e) and e.cle == "elus[1].taux"
    # président seul à 203 % : au-delà de l'enveloppe des membres (145 %)
    e = _refus(dep, [_elu("P", "président", "2.03")])
    assert (e.cle, e.valeur, e.attendu) == ("elus", "203,00 %", "au plus 145,00 %")
    assert DONNEES["source_majoration_president"] in str(e)
    # EPCI : les vice-présidents en exercice comptent, délégués ou non
    cc = Epci(nom="c", nature="communauté de communes", population=15000, date=JOUR)
    vice = [_elu("V1", "vice-président", "0.2063"), _elu("V2", "vice-président", "0", False)]
    r = calculer_indemnites(cc, [_elu("P", "président", "0.4875"), *vice])
    assert r.taux_enveloppe == P("0.9001")  # 48,75 + 2 × 20,63


def test_fonctions_president_doublons_et_vice_presidents() -> None:
    cc = Epci(nom="c", nature="communauté de communes", population=150_000, date=JOUR)
    e = _refus(
        cc,
        [
            _elu("P", "président", "0.5"),
            _elu("M", "membre de la commission permanente", "0", False),
        ],
    )
    assert (e.cle, e.valeur) == ("elus[1].fonction", "membre de la commission permanente")
    assert e.attendu == "conseiller, conseiller délégué, président, vice-président"
    assert "d'un(e) communauté de communes" in str(e)
    dep = Departement(nom="d", population=76000, date=JOUR)
    e = _refus(dep, [_elu("P", "président", "1"), _elu("C", "conseiller délégué", "0")])
    assert e.attendu == "conseiller, membre de la commission permanente, président, vice-président"
    assert "d'un(e) département" in str(e)
    e = _refus(dep, [_elu("C", "conseiller", "0.1", False)])
    assert (e.cle, e.valeur, e.attendu) == ("elus", 0, "1")
    assert "(département)" in str(e)
    e = _refus(dep, [_elu("Anne", "président", "1"), _elu("ANNE", "conseiller", "0", False)])
    assert (e.cle, e.valeur) == ("elus[1].nom", "ANNE")
    # quinze vice-présidents au plus (L5211-10) ; un département n'a pas cette borne
    quinze = [_elu(f"V{i}", "vice-président", "0") for i in range(15)]
    assert len(calculer_indemnites(cc, [_elu("P", "président", "1"), *quinze]).lignes) == 16
    e = _refus(cc, [_elu("P", "président", "1"), *quinze, _elu("V15", "vice-président", "0")])
    assert (e.cle, e.valeur, e.attendu) == ("elus", 16, "au plus 15")
    seize = [*quinze, _elu("V15", "vice-président", "0")]
    assert len(calculer_indemnites(dep, [_elu("P", "président", "1"), *seize]).lignes) == 17


def test_hors_du_contexte_decimal_de_l_appelant() -> None:
    with decimal.localcontext() as ctx:
        ctx.prec = 3
        ctx.rounding = decimal.ROUND_DOWN
        r = calculer_indemnites(Departement(nom="Lozère", population=76000, date=JOUR), _lozere())
        assert (r.enveloppe, r.total) == (P("11714.99"), P("11714.99"))
        faits = {f.cle: f.valeur for f in r.decrire().faits}
        assert (faits["enveloppe"], faits["total"]) == (P("11714.99"), P("11714.99"))


def test_messages_des_refus_et_delegations_des_lignes() -> None:
    ca = Epci(nom="a", nature="communauté d'agglomération", population=60_000, date=JOUR)
    p = _elu("P", "président", "0.5")
    e = _refus(ca, [p, _elu("V", "vice-président", "0.01", False)])
    assert e.message == (
        "V (vice-président) : taux au-delà du maximum (L5211-12 : indemnité « pour l'exercice "
        "effectif des fonctions »)"
    )
    e = _refus(ca, [p, _elu("C", "conseiller délégué", "1.11")])
    assert e.message == (
        "C (conseiller délégué) : taux au-delà du maximum (L5211-12, troisième alinéa (pas plus "
        "que le président))"
    )
    e = _refus(ca, [p, _elu("p", "conseiller", "0", False)])
    assert (e.message, e.cle, e.valeur) == ("élu présent deux fois", "elus[1].nom", "p")
    elus = [p, _elu("V", "vice-président", "0.44"), _elu("W", "vice-président", "0", False)]
    r = calculer_indemnites(ca, elus)
    assert [x.delegation for x in r.lignes] == [True, True, False]
    assert [x.nom for x in r.lignes] == ["P", "V", "W"]
