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
    # À rebours, tout délai est franc (Cass. com., 14 mars 2018, n° 16-26.996 ; Civ. 2e, 20 oct.
    # 2005, n° 04-10.138) : le jour de l'événement ne compte pas, le décompte part de la veille,
    # le dernier jour utile est la veille du dernier jour compté ; jamais de report (Civ. 2e,
    # 4 févr. 1998, n° 96-13.391).
    # CGCT L2121-12 : séance le mercredi 20 mars 2024, convocation cinq jours francs avant → au
    # plus tard le jeudi 14 mars (15 à 19 : cinq jours entiers).
    (D(2024, 3, 20), "5 jours francs", "simple", "metropole", "avant", D(2024, 3, 14)),
    (D(2024, 3, 20), "5 jours francs", "franc", "metropole", "avant", D(2024, 3, 14)),
    (D(2024, 3, 20), "5 jours", "cpc", "metropole", "avant", D(2024, 3, 14)),
    # Un mois avant le lundi 1er juillet 2024 : décompte du 30 juin au 1er juin, dernier jour
    # utile le vendredi 31 mai, quel que soit le régime.
    (D(2024, 7, 1), "1 mois", "cpc", "metropole", "avant", D(2024, 5, 31)),
    (D(2024, 7, 1), "1 mois", "simple", "metropole", "avant", D(2024, 5, 31)),
    # Contrat-type ALCOME : décompte liquidatif 60 jours ouvrés avant l'échéance du 28 juin 2024,
    # compté à la main depuis la veille (jeudi 27 juin) : 19 en juin, 19 en mai (1er, 8, 9 et 20
    # fériés), 21 en avril (1er férié), le 60e jour compté est le vendredi 29 mars (le Vendredi
    # saint n'est pas férié en métropole) ; dernier jour utile la veille, le jeudi 28 mars.
    (D(2024, 6, 28), "60 jours ouvrés", "simple", "metropole", "avant", D(2024, 3, 28)),
    # En Alsace-Moselle le Vendredi saint est férié : 60e jour compté le jeudi 28, utile le 27.
    (D(2024, 6, 28), "60 jours ouvrés", "simple", "alsace-moselle", "avant", D(2024, 3, 27)),
    # Règlement 1182/71 art. 3 § 4 : samedi 21 décembre → lundi 23.
    (D(2024, 12, 19), "2 jours", "ue-1182-71", "metropole", "apres", D(2024, 12, 23)),
    # § 5 : un délai de deux jours ou plus comprend au moins deux jours ouvrables :
    # du vendredi 20 décembre 2024, dimanche 22 → lundi 23 (un seul jour ouvrable) → mardi 24.
    (D(2024, 12, 20), "2 jours", "ue-1182-71", "metropole", "apres", D(2024, 12, 24)),
    (D(2024, 12, 20), "2 jours", "cpc", "metropole", "apres", D(2024, 12, 23)),
    # § 4, second alinéa : pas de report à rebours ; délai franc comme tout délai à rebours.
    (D(2024, 7, 1), "1 mois", "ue-1182-71", "metropole", "avant", D(2024, 5, 31)),
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
    resultat = calculer_delai(depart, f"{n} jours ouvrés", regime=regime, zone=zone)
    if regime != "franc":
        assert est_jour_ouvre(resultat, zone)
    # À rebours, c'est le dernier jour compté qui est ouvré ; le jour utile est sa veille.
    detail = detailler_delai(depart, f"{n} jours ouvrés", regime=regime, zone=zone, sens="avant")
    assert est_jour_ouvre(detail.date_brute, zone)
    assert detail.date == detail.date_brute - dt.timedelta(days=1)


@given(dates_usuelles, st.integers(0, 60), unites, zones)
def test_a_rebours_tous_les_regimes_concordent(
    depart: dt.date, n: int, unite: str, zone: str
) -> None:
    """À rebours, aucun régime ne reporte et tous sont francs : un seul résultat, la veille du
    dernier jour compté, et il reste exactement n jours entiers entre l'acte et l'événement."""
    resultats = {
        calculer_delai(depart, f"{n} {unite}", regime=r, zone=zone, sens="avant")
        for r in ("simple", "cpc", "franc", "ue-1182-71")
    }
    assert len(resultats) == 1
    (utile,) = resultats
    detail = detailler_delai(depart, f"{n} {unite}", zone=zone, sens="avant")
    assert utile == detail.date == detail.date_brute - dt.timedelta(days=1)
    assert not detail.report
    if unite in ("jours", "jours francs"):
        assert (depart - utile).days - 1 == n  # jours entiers strictement entre les deux
    if detail.dernier_jour_ouvre is None:
        assert est_jour_ouvre(utile, zone)
    else:
        assert detail.dernier_jour_ouvre < utile
        assert est_jour_ouvre(detail.dernier_jour_ouvre, zone)
        entre = (detail.dernier_jour_ouvre + dt.timedelta(k) for k in range(1, 15))
        assert not any(est_jour_ouvre(j, zone) for j in entre if j <= utile)


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


# --- délais à rebours : les cas d'école des décisions et des guides officiels ------------------


def test_assignation_art_857_cpc() -> None:
    """C. proc. civ. art. 857 : l'assignation est placée « au plus tard huit jours avant la date de
    l'audience ». Audience le mercredi 31 juillet 2024 : le décompte part de la veille (30 juillet),
    le 8e jour compté est le 23 juillet, l'assignation doit être placée au plus tard le lundi
    22 juillet (méthode de Cass. com., 14 mars 2018, n° 16-26.996)."""
    detail = detailler_delai(D(2024, 7, 31), "8 jours", regime="cpc", sens="avant")
    assert detail.date_brute == D(2024, 7, 23)
    assert detail.date == D(2024, 7, 22)
    assert detail.dernier_jour_ouvre is None
    assert "lundi 22/07/2024" in detail.explication
    assert "16-26.996" in detail.explication and "96-13.391" in detail.explication


def test_convocation_trois_jours_francs_ce_1989() -> None:
    """CGCT L2121-11 : trois jours francs. Le Conseil d'État a jugé régulière une convocation
    envoyée le 21 décembre 1989 pour une séance le 26 décembre 1989, « alors même qu'un samedi, un
    dimanche et un jour férié » s'intercalaient (rappelé par la réponse ministérielle à la question
    écrite n° 00343, JO Sénat du 14 février 2013) : dimanches et fériés comptent, pas de report
    (réponse ministérielle n° 33389, JO AN du 29 janvier 1996, p. 532)."""
    limite = calculer_delai(D(1989, 12, 26), "3 jours francs", sens="avant")
    assert limite == D(1989, 12, 22)
    assert D(1989, 12, 21) <= limite
    # Séance le lundi 28 décembre 2026, Noël (vendredi 25) compris dans les trois jours francs
    # 25, 26, 27 : convocation au plus tard le jeudi 24 ; envoyée le 25, elle serait tardive.
    assert calculer_delai(D(2026, 12, 28), "3 jours francs", sens="avant") == D(2026, 12, 24)


def test_convocation_jour_utile_non_ouvre() -> None:
    """Séance le vendredi 7 juin 2024, cinq jours francs (2 au 6 juin) : le dernier jour utile est
    le samedi 1er juin. La date ne bouge pas ; le résultat signale le vendredi 31 mai, dernier jour
    ouvré qui précède, pour qui ne peut pas agir un samedi."""
    detail = detailler_delai(D(2024, 6, 7), "5 jours francs", regime="cpc", sens="avant")
    assert (detail.date_brute, detail.date) == (D(2024, 6, 2), D(2024, 6, 1))
    assert detail.dernier_jour_ouvre == D(2024, 5, 31)
    assert not detail.report
    assert "au plus tard le vendredi 31/05/2024" in detail.explication
    faits = {f.cle: f.valeur for f in detail.decrire().faits}
    assert faits["dernier_jour_ouvre"] == D(2024, 5, 31)


def test_reglement_1182_71_a_rebours_sans_report() -> None:
    """Règlement 1182/71, art. 3 § 4, second alinéa : le report au jour ouvrable suivant ne
    s'applique pas aux délais calculés rétroactivement à partir d'une date ou d'un événement
    (« periods calculated retroactively », version anglaise). Un mois avant le lundi 1er juillet
    2024 : le dernier jour utile est le vendredi 31 mai, pas le lundi 3 juin."""
    detail = detailler_delai(D(2024, 7, 1), "1 mois", regime="ue-1182-71", sens="avant")
    assert detail.date == D(2024, 5, 31)
    assert detail.dernier_jour_ouvre is None
