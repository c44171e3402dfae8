"""Dossiers absurdes refusés par les moteurs de règles, au mot près, et calculs indépendants du
contexte décimal de l'appelant jusque dans les propriétés des résultats (issue 21).

* Indemnités : pas plus d'élus que de membres du conseil (CGCT L2121-2 : 29 de 5 000 à 9 999
  habitants, 7 sous 100 habitants depuis le 23 mars 2014, 9 avant) ; un nom écrit avec un « А »
  cyrillique est le même que le nom latin.
* Logement : décompte RPLS et taux de rotation d'avant l'année des droits.
* rSa : pas de neutralité pour une année sans aucun flux.
"""

from __future__ import annotations

import datetime as dt
import decimal
from decimal import Decimal

import attrs
import pytest

from collectivites.erreurs import ErreurDonnees, ErreurValeur
from collectivites.regles.indemnites import (
    Commune,
    Elu,
    calculer_dossier_indemnites,
    calculer_indemnites,
    exemple_indemnites,
    references_indemnites,
)
from collectivites.regles.indemnites._noms import etrangers, squelette
from collectivites.regles.logement import ConventionFlux, calculer_droits
from collectivites.regles.rsa import ConventionRsa, Flux, calculer_neutralite, exemple_rsa

D = dt.date
P = Decimal

ORAISON = Commune(nom="Oraison", population=6300, date=D(2023, 12, 1))
MAIRE = Elu(nom="GAUVAN Benoit", fonction="maire", taux=P("0.55"), delegation=True)


def _conseillers(nombre: int) -> list[Elu]:
    return [Elu(nom=f"Conseiller {i}", fonction="conseiller", taux=P(0)) for i in range(nombre)]


# --- Indemnités : effectif légal du conseil (L2121-2) ---------------------------------------


@pytest.mark.parametrize(
    ("population", "jour", "membres"),
    [
        # L2121-2 (loi n° 2013-403) : « De 5 000 à 9 999 habitants : 29 » ; 10 000 : 33
        (6300, D(2023, 12, 1), 29),
        (9999, D(2023, 12, 1), 29),
        (10000, D(2023, 12, 1), 33),
        # « De moins de 100 habitants : 7 » depuis le 23 mars 2014, 9 auparavant (loi n° 96-142)
        (99, D(2014, 3, 23), 7),
        (99, D(2014, 3, 22), 9),
        (100, D(2014, 3, 22), 11),
        # « Et de 300 000 et au-dessus : 69 »
        (2_100_000, D(2024, 1, 1), 69),
    ],
)
def test_effectif_legal_date(population: int, jour: dt.date, membres: int) -> None:
    refs = references_indemnites()
    assert refs.effectif_legal(population, jour) == membres
    assert "L2121-2" in refs.effectif_au(jour).source


def test_effectif_avant_les_donnees() -> None:
    with pytest.raises(ErreurDonnees) as erreur:
        references_indemnites().effectif_au(D(1990, 1, 1))
    assert str(erreur.value) == (
        "clé « date » : effectif du conseil municipal : aucune valeur livrée avant le 24/02/1996 "
        "(reçu : 1990-01-01 ; attendu : une date à partir du 24/02/1996)"
    )


@pytest.mark.parametrize("conseillers", [200, 10_000])
def test_plus_d_elus_que_de_membres(conseillers: int) -> None:
    with pytest.raises(ErreurValeur) as erreur:
        calculer_indemnites(ORAISON, [MAIRE, *_conseillers(conseillers)])
    assert str(erreur.value) == (
        "clé « elus » : le tableau compte plus d'élus que le conseil municipal n'a de membres : "
        "29 pour une commune de 6300 habitants (CGCT L2121-2) "
        f"(reçu : {conseillers + 1} ; attendu : au plus 29 élus, maire, adjoints et conseillers "
        "compris)"
    )


def test_conseil_complet_accepte_trente_refuse() -> None:
    calculer_indemnites(ORAISON, [MAIRE, *_conseillers(28)])  # 29 élus : le conseil entier
    with pytest.raises(ErreurValeur, match="plus d'élus que le conseil"):
        calculer_indemnites(ORAISON, [MAIRE, *_conseillers(29)])


# --- Indemnités : homoglyphes -----------------------------------------------------------------


def test_squelette_des_noms() -> None:
    latin = squelette("GAUVAN Benoit")
    assert squelette("G\u0410UVAN Benoit") == latin  # « А » cyrillique majuscule
    assert squelette("GAUV\u0391N Benoit") == latin  # « Α » grec majuscule
    assert squelette("gauvan  benoit") == latin
    assert squelette("GAUVAN\u200b Benoit") == latin  # espace sans chasse
    assert squelette("\uff27AUVAN Benoit") == latin  # « Ｇ » pleine chasse (NFKC)
    assert squelette("GAUVIN Benoit") != latin
    assert squelette("GAUVAN Benoît") != latin  # un accent latin n'est pas un homoglyphe
    assert etrangers("GAUVAN Benoit") == ""
    assert etrangers("G\u0410UVAN B\u0435noit") == (
        "« \u0410 » (U+0410, cyrillique), « \u0435 » (U+0435, cyrillique)"
    )


def test_homoglyphe_cyrillique_refuse_en_nommant_les_deux() -> None:
    cyrillique = Elu(nom="G\u0410UVAN Benoit", fonction="conseiller", taux=P(0))
    with pytest.raises(ErreurValeur) as erreur:
        calculer_indemnites(ORAISON, [MAIRE, cyrillique])
    assert str(erreur.value) == (
        "clé « elus[1].nom » : élu présent deux fois : « GAUVAN Benoit » (élu n° 1) et "
        "« G\u0410UVAN Benoit » (élu n° 2) sont le même nom, comparé sans les majuscules, les "
        "caractères invisibles ni les lettres cyrilliques ou grecques au dessin de lettres "
        "latines (« G\u0410UVAN Benoit » : « \u0410 » (U+0410, cyrillique))"
    )


def test_homonymes_exacts_refuses() -> None:
    with pytest.raises(ErreurValeur) as erreur:
        calculer_indemnites(ORAISON, [MAIRE, attrs.evolve(MAIRE, fonction="conseiller", taux=P(0))])
    assert str(erreur.value) == ("clé « elus[1] » : élu présent deux fois (reçu : 'GAUVAN Benoit')")


# --- Indemnités : contexte décimal de l'appelant -----------------------------------------------

_HOSTILE = decimal.Context(prec=5, rounding=decimal.ROUND_FLOOR)


def _proprietes(resultat: object) -> dict[str, object]:
    noms = ("total", "total_indemnites", "total_majorations", "enveloppe", "taux_disponible")
    valeurs: dict[str, object] = {n: getattr(resultat, n) for n in noms}
    valeurs["lignes"] = [ligne.total for ligne in resultat.lignes]  # type: ignore[attr-defined]
    valeurs["texte"] = resultat.rendre("texte")  # type: ignore[attr-defined]
    valeurs["json"] = resultat.rendre("json")  # type: ignore[attr-defined]
    return valeurs


def test_indemnites_independantes_du_contexte_de_l_appelant() -> None:
    """Le total d'Oraison a dix chiffres significatifs : à 5 chiffres arrondis vers le bas, une
    addition faite dans le contexte de l'appelant perdrait les centimes."""
    dossier = exemple_indemnites("indemnites-oraison-2023")
    attendu = _proprietes(calculer_dossier_indemnites(dossier))
    assert len(str(attendu["total"]).replace(".", "")) > _HOSTILE.prec
    with decimal.localcontext(_HOSTILE):
        assert _proprietes(calculer_dossier_indemnites(dossier)) == attendu
    resultat = calculer_dossier_indemnites(dossier)
    with decimal.localcontext(_HOSTILE):  # propriétés lues plus tard, sous un autre contexte
        assert _proprietes(resultat) == attendu
        refs = references_indemnites()
        assert refs.traitement_au(D(2024, 1, 1)) == P("4110.52")  # 835 × 59,0734 / 12
    with decimal.localcontext(decimal.Context(prec=1)):
        # 30 % de 29 = 8,7 → 8 adjoints ; à un chiffre, 8,7 s'arrondirait à 9
        assert references_indemnites().adjoints_maximum(6300, D(2024, 1, 1)) == 8


# --- Logement : décompte RPLS et rotation d'avant l'année des droits ------------------------


def _convention(**options: object) -> ConventionFlux:
    valeurs: dict[str, object] = {
        "bailleur": "Unicil",
        "reservataire": "Commune d'Oraison",
        "annee": 2024,
        "logements_rpls": 116,
        "taux_rotation": P("0.069"),
        "taux_reservation": P("0.129"),
    }
    return ConventionFlux(**(valeurs | options))  # type: ignore[arg-type]


def test_rpls_d_apres_l_annee_refuse() -> None:
    assert _convention(date_rpls=D(2024, 12, 31)).date_rpls == D(2024, 12, 31)
    with pytest.raises(ErreurValeur) as erreur:
        _convention(date_rpls=D(2025, 1, 1))
    assert str(erreur.value) == (
        "clé « date_rpls » : le décompte RPLS est daté d'après l'année des droits (2024), qui se "
        "calculent sur un parc déjà recensé (reçu : 2025-01-01 ; attendu : une date au plus tard "
        "le 31/12/2024)"
    )


@pytest.mark.parametrize("annee_rotation", [2024, 2025, 2199])
def test_rotation_de_l_annee_ou_d_apres_refusee(annee_rotation: int) -> None:
    with pytest.raises(ErreurValeur) as erreur:
        _convention(annee_rotation=annee_rotation)
    assert str(erreur.value) == (
        "clé « annee_rotation » : le taux de rotation doit être celui d'une année antérieure à "
        "l'année des droits (2024) : « le taux de rotation du bailleur constaté l'année passée » "
        f"(reçu : {annee_rotation} ; attendu : une année au plus égale à 2023)"
    )


def test_rotation_de_l_annee_passee_acceptee() -> None:
    # Unicil : droits 2024, RPLS au 1er janvier 2023, rotation 2022 ; H2P : rotation 2023
    for rotation in (2022, 2023):
        convention = _convention(annee_rotation=rotation, date_rpls=D(2023, 1, 1))
        assert calculer_droits(convention).flux_annuel == 8  # 116 × 6,90 % = 8,004 → 8


def test_part_prioritaires_independante_du_contexte() -> None:
    from collectivites.regles.logement import Attributions

    attributions = Attributions(total=3, prioritaires=1)
    with decimal.localcontext(decimal.Context(prec=2, rounding=decimal.ROUND_CEILING)):
        part = attributions.part_prioritaires
    assert part == Decimal("0." + "3" * 34)  # 1/3 à 34 chiffres, ceux de la bibliothèque


# --- rSa : neutralité d'une année sans flux --------------------------------------------------

LOZERE = ConventionRsa(nom="Lozère", avance_tresorerie=P("328000"))


def test_neutralite_d_une_annee_sans_flux_refusee() -> None:
    dossier = exemple_rsa("rsa-lozere-2019")
    with pytest.raises(ErreurValeur) as erreur:
        calculer_neutralite(dossier.convention, dossier.flux, 2025)
    annees = sorted({f.date.year for f in dossier.flux})
    assert str(erreur.value) == (
        "clé « annee » : rien à calculer pour 2025 : aucun paiement d'acompte ni décaissement "
        "n'est daté de cette année (reçu : 2025 ; attendu : une année couverte par les flux du "
        f"dossier : {annees[0]} à {annees[-1]})"
    )
    assert annees == list(range(annees[0], annees[-1] + 1))


def test_neutralite_annees_couvertes_en_intervalles() -> None:
    flux = [Flux(date=D(a, 3, 1), montant=P(10)) for a in (2017, 2018, 2019, 2021, 2023, 2024)]
    with pytest.raises(ErreurValeur) as erreur:
        calculer_neutralite(LOZERE, flux, 2020)
    assert str(erreur.value).endswith(
        "(reçu : 2020 ; attendu : une année couverte par les flux du dossier : 2017 à 2019, "
        "2021, 2023 à 2024)"
    )
    assert calculer_neutralite(LOZERE, flux, 2021).cout == 0  # position toujours positive


def test_neutralite_sans_aucun_flux_refusee() -> None:
    with pytest.raises(ErreurValeur) as erreur:
        calculer_neutralite(LOZERE, [], 2019)
    assert str(erreur.value) == (
        "clé « annee » : rien à calculer pour 2019 : aucun paiement d'acompte ni décaissement "
        "n'est daté de cette année (reçu : 2019 ; attendu : un dossier qui contient des "
        "paiements d'acomptes ou des décaissements)"
    )
