"""Délais : lecture des durées, régimes de computation, sens, propriétés."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from collectivites.calendrier import est_jour_ouvre
from collectivites.erreurs import ErreurType, ErreurValeur
from collectivites.regles.delais import (
    Duree,
    Unite,
    calculer_delai,
    detailler_delai,
    lire_duree,
)

from .strategies import dates_usuelles, zones

D = dt.date


@pytest.mark.parametrize(
    ("texte", "quantite", "unite"),
    [
        ("15 jours ouvrés", 15, Unite.JOURS_OUVRES),
        ("15 jours ouvres", 15, Unite.JOURS_OUVRES),
        ("1 jour ouvré", 1, Unite.JOURS_OUVRES),
        ("2 mois", 2, Unite.MOIS),
        ("1 an", 1, Unite.ANNEES),
        ("3 ans", 3, Unite.ANNEES),
        ("2 années", 2, Unite.ANNEES),
        ("45 jours", 45, Unite.JOURS),
        ("45 jours calendaires", 45, Unite.JOURS),
        ("quarante-cinq (45) jours calendaires", 45, Unite.JOURS),
        ("dix (10) Jours ouvrés", 10, Unite.JOURS_OUVRES),
        ("10 jours ouvrables", 10, Unite.JOURS_OUVRABLES),
        ("5 jours francs", 5, Unite.JOURS_FRANCS),
        ("2 semaines", 2, Unite.SEMAINES),
        ("  6  MOIS ", 6, Unite.MOIS),
    ],
)
def test_lire_duree(texte: str, quantite: int, unite: Unite) -> None:
    assert lire_duree(texte) == Duree(quantite=quantite, unite=unite)


@pytest.mark.parametrize(
    ("texte", "suggestion"),
    [
        ("15 jour ouvre", "15 jours ouvrés"),
        ("15 jours ouvers", "15 jours ouvrés"),
        ("2 moi", "2 mois"),
        ("3 semianes", "3 semaines"),
        ("10 jours ouvrabls", "10 jours ouvrables"),
    ],
)
def test_unite_mal_ecrite_suggere(texte: str, suggestion: str) -> None:
    with pytest.raises(ErreurValeur, match=f"vouliez-vous dire « {suggestion} »"):
        lire_duree(texte)


@pytest.mark.parametrize("texte", ["-3 jours", "jours", "", "15", "15 lunes"])
def test_duree_invalide(texte: str) -> None:
    with pytest.raises(ErreurValeur):
        lire_duree(texte)


def test_duree_type() -> None:
    with pytest.raises(ErreurType):
        lire_duree(15)  # type: ignore[arg-type]
    with pytest.raises(ErreurValeur, match="négative"):
        Duree(quantite=-1, unite=Unite.JOURS)
    assert str(Duree(quantite=1, unite=Unite.ANNEES)) == "1 an"
    assert str(Duree(quantite=15, unite=Unite.JOURS_OUVRES)) == "15 jours ouvrés"


# Exemples tirés des textes et des sources. (départ, durée, régime, zone, sens, attendu)
CAS = [
    # simple : arithmétique calendaire, pas de report.
    (D(2024, 1, 31), "1 mois", "simple", "metropole", "apres", D(2024, 2, 29)),
    (D(2023, 1, 31), "1 mois", "simple", "metropole", "apres", D(2023, 2, 28)),
    (D(2024, 2, 29), "1 an", "simple", "metropole", "apres", D(2025, 2, 28)),
    (D(2024, 3, 15), "15 jours", "simple", "metropole", "apres", D(2024, 3, 30)),
    (D(2024, 4, 26), "15 jours ouvrés", "simple", "metropole", "apres", D(2024, 5, 23)),
    (D(2024, 4, 26), "2 semaines", "simple", "metropole", "apres", D(2024, 5, 10)),
    (D(2024, 5, 3), "3 jours ouvrables", "simple", "metropole", "apres", D(2024, 5, 7)),
    # CPC 642 : samedi 30 mars 2024 → lundi 1er avril férié (Pâques) → mardi 2 avril.
    (D(2024, 3, 15), "15 jours", "cpc", "metropole", "apres", D(2024, 4, 2)),
    # CPC 641 : mois de quantième à quantième ; 2 mois du 31 décembre → 29 février (jeudi).
    (D(2023, 12, 31), "2 mois", "cpc", "metropole", "apres", D(2024, 2, 29)),
    # Lundi de Pentecôte 2006 reste férié : dimanche 4 juin → mardi 6 juin.
    (D(2006, 5, 5), "30 jours", "cpc", "metropole", "apres", D(2006, 6, 6)),
    # Vendredi saint en Alsace-Moselle : jeudi 28 mars 2024 + 1 jour → vendredi férié → mardi.
    (D(2024, 3, 28), "1 jour", "cpc", "alsace-moselle", "apres", D(2024, 4, 2)),
    (D(2024, 3, 28), "1 jour", "cpc", "metropole", "apres", D(2024, 3, 29)),
    # Délai franc (CE) : notification le 3 novembre 2022, recours de deux mois : « expire
    # normalement le 3 janvier 2023 », recours du 4 janvier recevable.
    (D(2022, 11, 3), "2 mois", "franc", "metropole", "apres", D(2023, 1, 4)),
    # Jours francs à rebours : séance le mercredi 20 mars 2024, convocation cinq jours francs
    # avant (CGCT L2121-12) → au plus tard le jeudi 14 mars (15 à 19 : cinq jours entiers).
    (D(2024, 3, 20), "5 jours francs", "simple", "metropole", "avant", D(2024, 3, 14)),
    # À rebours CPC : un mois avant le lundi 1er juillet 2024 = samedi 1er juin → vendredi 31 mai.
    (D(2024, 7, 1), "1 mois", "cpc", "metropole", "avant", D(2024, 5, 31)),
    (D(2024, 7, 1), "1 mois", "simple", "metropole", "avant", D(2024, 6, 1)),
    # Contrat-type ALCOME : décompte liquidatif 60 jours ouvrés avant l'échéance du 28 juin 2024,
    # compté à la main : 19 en juin, 19 en mai (1er, 8, 9 et 20 fériés), 21 en avril (1er férié),
    # le 60e est le vendredi 29 mars (le Vendredi saint n'est pas férié en métropole).
    (D(2024, 6, 28), "60 jours ouvrés", "simple", "metropole", "avant", D(2024, 3, 29)),
    (D(2024, 6, 28), "60 jours ouvrés", "simple", "alsace-moselle", "avant", D(2024, 3, 28)),
    # Règlement 1182/71 art. 3 § 4 : samedi 21 décembre → lundi 23.
    (D(2024, 12, 19), "2 jours", "ue-1182-71", "metropole", "apres", D(2024, 12, 23)),
    # § 5 : un délai de deux jours ou plus comprend au moins deux jours ouvrables :
    # du vendredi 20 décembre 2024, dimanche 22 → lundi 23 (un seul jour ouvrable) → mardi 24.
    (D(2024, 12, 20), "2 jours", "ue-1182-71", "metropole", "apres", D(2024, 12, 24)),
    (D(2024, 12, 20), "2 jours", "cpc", "metropole", "apres", D(2024, 12, 23)),
    # § 4, second alinéa : pas de report à rebours.
    (D(2024, 7, 1), "1 mois", "ue-1182-71", "metropole", "avant", D(2024, 6, 1)),
    # § 2 c) : une semaine finit le même jour de la semaine.
    (D(2024, 1, 3), "1 semaine", "ue-1182-71", "metropole", "apres", D(2024, 1, 10)),
    # Zéro : la date de départ elle-même.
    (D(2024, 6, 1), "0 jour", "simple", "metropole", "apres", D(2024, 6, 1)),
]


@pytest.mark.parametrize(("depart", "duree", "regime", "zone", "sens", "attendu"), CAS)
def test_cas_des_textes(
    depart: dt.date, duree: str, regime: str, zone: str, sens: str, attendu: dt.date
) -> None:
    assert calculer_delai(depart, duree, regime=regime, zone=zone, sens=sens) == attendu
    detail = detailler_delai(depart, duree, regime=regime, zone=zone, sens=sens)
    assert detail.date == attendu


def test_detail_explique() -> None:
    detail = detailler_delai(D(2024, 3, 15), "15 jours", regime="cpc")
    assert detail.date_brute == D(2024, 3, 30)
    assert detail.report
    assert [j.code for j in detail.jours_feries] == ["lundi_paques"]
    assert "C. proc. civ. art. 640 à 642" in detail.explication
    assert "reporté au 02/04/2024" in detail.explication


@pytest.mark.parametrize(
    ("kwargs", "erreur", "motif"),
    [
        ({"regime": "civil"}, ErreurValeur, "régime de délai inconnu"),
        ({"sens": "arriere"}, ErreurValeur, "« sens »"),
        ({"zone": "bretagne"}, LookupError, "zone inconnue"),
    ],
)
def test_parametres_invalides(kwargs: dict[str, str], erreur: type, motif: str) -> None:
    with pytest.raises(erreur, match=motif):
        calculer_delai(D(2024, 1, 1), "1 jour", **kwargs)


def test_depart_invalide() -> None:
    with pytest.raises(ErreurType):
        calculer_delai("2024-01-01", "1 jour")  # type: ignore[arg-type]
    with pytest.raises(ErreurType):
        calculer_delai(dt.datetime(2024, 1, 1, tzinfo=dt.UTC), "1 jour")
    with pytest.raises(ErreurValeur, match="plage"):
        calculer_delai(D(2199, 12, 1), "2 mois")


# --- propriétés -------------------------------------------------------------------------------

regimes = st.sampled_from(["simple", "cpc", "franc", "ue-1182-71"])
unites = st.sampled_from(
    ["jours", "jours ouvrés", "jours ouvrables", "jours francs", "semaines", "mois", "ans"]
)


@given(dates_usuelles, st.integers(1, 300), zones, regimes)
def test_jours_ouvres_tombent_sur_un_jour_ouvre(
    depart: dt.date, n: int, zone: str, regime: str
) -> None:
    for sens in ("apres", "avant"):
        resultat = calculer_delai(depart, f"{n} jours ouvrés", regime=regime, zone=zone, sens=sens)
        if regime != "franc":
            assert est_jour_ouvre(resultat, zone)


@given(dates_usuelles, st.integers(0, 40), st.integers(0, 40), unites, zones, regimes)
def test_monotone_en_n(
    depart: dt.date, n1: int, n2: int, unite: str, zone: str, regime: str
) -> None:
    petit, grand = sorted((n1, n2))
    a = calculer_delai(depart, f"{petit} {unite}", regime=regime, zone=zone)
    b = calculer_delai(depart, f"{grand} {unite}", regime=regime, zone=zone)
    assert a <= b
    a = calculer_delai(depart, f"{petit} {unite}", regime=regime, zone=zone, sens="avant")
    b = calculer_delai(depart, f"{grand} {unite}", regime=regime, zone=zone, sens="avant")
    assert a >= b


@given(dates_usuelles, st.integers(0, 40), unites, zones)
def test_aller_retour_revient_au_plus_tard_au_depart(
    depart: dt.date, n: int, unite: str, zone: str
) -> None:
    aller = calculer_delai(depart, f"{n} {unite}", zone=zone)
    retour = calculer_delai(aller, f"{n} {unite}", zone=zone, sens="avant")
    assert retour <= depart


@given(dates_usuelles, st.integers(0, 400), zones)
def test_regimes_concordants(depart: dt.date, n: int, zone: str) -> None:
    simple = calculer_delai(depart, f"{n} jours", zone=zone)
    cpc = calculer_delai(depart, f"{n} jours", regime="cpc", zone=zone)
    franc = calculer_delai(depart, f"{n} jours", regime="franc", zone=zone)
    # CPC = simple quand le terme est un jour ouvré, sinon le premier jour ouvré suivant.
    assert cpc >= simple
    assert est_jour_ouvre(cpc, zone)
    if est_jour_ouvre(simple, zone):
        assert cpc == simple
    # Délai franc de n jours = délai CPC de n + 1 jours.
    assert franc == calculer_delai(depart, f"{n + 1} jours", regime="cpc", zone=zone)
    # « n jours francs » en régime simple = n + 1 jours.
    assert calculer_delai(depart, f"{n} jours francs", zone=zone) == simple + dt.timedelta(1)
    # Règlement 1182/71 : jamais avant le CPC, et au moins deux jours ouvrables dès n ≥ 2.
    ue = calculer_delai(depart, f"{n} jours", regime="ue-1182-71", zone=zone)
    assert ue >= cpc
    if n >= 2:
        ouvres = sum(
            est_jour_ouvre(depart + dt.timedelta(k), zone) for k in range(1, (ue - depart).days + 1)
        )
        assert ouvres >= 2


@given(
    dates_usuelles, st.integers(0, 40), unites, zones, regimes, st.sampled_from(["apres", "avant"])
)
def test_chemin_rapide_et_detail_concordent(
    depart: dt.date, n: int, unite: str, zone: str, regime: str, sens: str
) -> None:
    duree = f"{n} {unite}"
    for _ in range(2):  # le second appel passe par les caches (chemin rapide)
        rapide = calculer_delai(depart, duree, regime=regime, zone=zone, sens=sens)
        assert rapide == detailler_delai(depart, duree, regime=regime, zone=zone, sens=sens).date


@pytest.mark.parametrize(
    ("depart", "duree", "regime", "attendu"),
    [
        # C. proc. civ. art. 641 : « les mois sont d'abord décomptés, puis les jours ».
        # 31 janvier 2024 + 1 mois = 29 février, + 15 jours = 15 mars (vendredi).
        (D(2024, 1, 31), "1 mois et 15 jours", "cpc", D(2024, 3, 15)),
        # 16 janvier 2024 + 1 mois = 16 février, + 15 jours = samedi 2 mars → lundi 4 mars (CPC).
        (D(2024, 1, 16), "1 mois et 15 jours", "cpc", D(2024, 3, 4)),
        (D(2024, 1, 16), "1 mois et 15 jours", "simple", D(2024, 3, 2)),
        (D(2024, 1, 16), "1 an et 10 jours ouvrés", "simple", D(2025, 1, 30)),
    ],
)
def test_durees_composees(depart: dt.date, duree: str, regime: str, attendu: dt.date) -> None:
    assert calculer_delai(depart, duree, regime=regime) == attendu
    assert detailler_delai(depart, duree, regime=regime).date == attendu


@pytest.mark.parametrize(
    "texte", ["15 jours et 1 mois", "1 mois et 2 mois", "1 an et 2 mois et 3 jours"]
)
def test_durees_composees_refusees(texte: str) -> None:
    with pytest.raises(ErreurValeur, match=r"illisible|composée"):
        lire_duree(texte)
    assert str(lire_duree("2 ans et 1 jour")) == "2 ans et 1 jour"
