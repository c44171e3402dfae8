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


# Les exemples tirés des textes (codes, décisions, règlement 1182/71) sont des cas en données :
# tests/cas/delais/textes.toml.


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
