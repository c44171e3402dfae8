"""Contrats datés (``regles/delais/_contrats.py``) pris au mot (issue 27).

Les dates sont calculées à la main. Une durée de contrat se compte en arithmétique calendaire
(le jour de départ ne compte pas, les mois vont de quantième à quantième ou au dernier jour du
mois, sans report au jour ouvré). Un préavis se compte à rebours depuis l'échéance : le jour de
l'échéance ne compte pas, le décompte part de la veille et le dernier jour utile est la veille du
dernier jour compté (Cass. com., 14 mars 2018, n° 16-26.996) ; aucun report (Civ. 2e, 4 févr.
1998, n° 96-13.391). Un préavis « à tout moment » court après la notification, prorogé au premier
jour ouvrable en régime « cpc » (C. proc. civ. art. 640 à 642).

Calendrier utilisé : en 2024, Pâques le dimanche 31 mars (lundi 1er avril férié, Vendredi saint
29 mars férié en Alsace-Moselle seulement).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs
import pytest

from collectivites.erreurs import ABSENT, ErreurType, ErreurValeur
from collectivites.regles.delais import (
    Contrat,
    DepartObligation,
    ModeReconduction,
    Obligation,
    Periode,
    Reconduction,
    Resiliation,
    ResultatResiliation,
    date_effet_resiliation,
    date_limite_resiliation,
    lire_duree,
    periodes,
)

D = dt.date
L = lire_duree
TACITE = ModeReconduction.TACITE
EXPRESSE = ModeReconduction.EXPRESSE


def _refus(exception: type[Exception], fonction: Any, *args: Any, **kwargs: Any) -> Any:
    with pytest.raises(exception) as info:
        fonction(*args, **kwargs)
    e = info.value
    return (e.message, e.cle, e.valeur, e.attendu)  # type: ignore[attr-defined]


# --- validation des champs ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("classe", "kwargs", "cle"),
    [
        (Contrat, {"nom": "x", "date_effet": D(2024, 1, 1), "duree": "1 an"}, "duree"),
        (Resiliation, {"preavis": "1 an"}, "preavis"),
        (Resiliation, {"preavis_a_tout_moment": "1 an"}, "preavis_a_tout_moment"),
        (Resiliation, {"acheminement": "1 an"}, "acheminement"),
        (Reconduction, {"duree": "1 an"}, "duree"),
        (Obligation, {"libelle": "x", "delai": "1 an"}, "delai"),
    ],
)
def test_duree_en_texte_refusee(classe: Any, kwargs: dict[str, Any], cle: str) -> None:
    assert _refus(ErreurType, classe, **kwargs) == (
        "type refusé",
        cle,
        "1 an",
        "une Duree (lire_duree)",
    )


def test_durees_absentes_admises() -> None:
    resiliation = Resiliation()
    assert (resiliation.preavis, resiliation.preavis_a_tout_moment, resiliation.acheminement) == (
        None,
        None,
        None,
    )
    assert Reconduction().duree is None
    assert Contrat(nom="x", date_effet=D(2024, 1, 1)).duree is None


def test_depart_d_une_obligation() -> None:
    heure = dt.datetime(2024, 1, 1, 12, tzinfo=dt.UTC)
    assert _refus(ErreurType, Obligation, libelle="x", delai=L("1 mois"), depart=heure) == (
        "une date sans heure est attendue",
        "depart",
        heure,
        None,
    )
    assert Obligation(libelle="x", delai=L("1 mois"), depart=D(2024, 3, 1)).depart == D(2024, 3, 1)
    assert Obligation(libelle="x", delai=L("1 mois"), depart="echeance").depart is (
        DepartObligation.ECHEANCE
    )


def test_obligation_une_seule_regle() -> None:
    attendu = "une seule clé parmi annuelle, mensuelle, date, delai"
    message = "l'obligation « Rapport » doit avoir exactement une règle"
    assert _refus(ErreurValeur, Obligation, libelle="Rapport") == (message, None, 0, attendu)
    assert _refus(ErreurValeur, Obligation, libelle="Rapport", annuelle="03-31", mensuelle=5) == (
        message,
        None,
        2,
        attendu,
    )
    assert _refus(
        ErreurValeur, Obligation, libelle="Rapport", date=D(2024, 1, 1), delai=L("1 mois")
    ) == (message, None, 2, attendu)
    for regle in ({"annuelle": "03-31"}, {"mensuelle": 5}, {"date": D(2024, 1, 1)}):
        Obligation(libelle="Rapport", **regle)  # type: ignore[arg-type]


def test_obligation_report_suivant_modifie_refuse() -> None:
    assert _refus(ErreurValeur, Obligation, libelle="x", mensuelle=5, report="suivant_modifie") == (
        "report inconnu pour une obligation",
        "report",
        "suivant_modifie",
        "aucun, suivant, precedent",
    )


def test_obligation_annuelle_illisible_refusee_a_la_construction() -> None:
    for texte in ("13-01", "02-30", "fin-13", "1-2-3", "mars"):
        assert _refus(ErreurValeur, Obligation, libelle="x", annuelle=texte) == (
            "date annuelle illisible",
            "annuelle",
            texte,
            "MM-JJ ou fin-MM",
        )


def test_obligation_repetee_sans_delai_simple_refusee() -> None:
    message = "l'obligation « Visite » ne peut se répéter qu'avec un délai simple > 0"
    for regle in (
        {"mensuelle": 1},
        {"delai": L("0 mois")},
        {"delai": L("1 mois et 1 jour")},
    ):
        assert _refus(ErreurValeur, Obligation, libelle="Visite", repetition=True, **regle) == (
            message,
            "repetition",
            ABSENT,
            None,
        )
    assert Obligation(libelle="Visite", repetition=True, delai=L("1 mois")).repetition


def test_jour_annuel() -> None:
    fin_fevrier = Obligation(libelle="x", annuelle="fin-02")
    assert [fin_fevrier.jour_annuel(a) for a in (2023, 2024)] == [D(2023, 2, 28), D(2024, 2, 29)]
    assert Obligation(libelle="x", annuelle="fin-11").jour_annuel(2024) == D(2024, 11, 30)
    vingt_neuf = Obligation(libelle="x", annuelle="02-29")
    assert [vingt_neuf.jour_annuel(a) for a in (2023, 2024)] == [D(2023, 2, 28), D(2024, 2, 29)]
    assert Obligation(libelle="x", annuelle="12-31").jour_annuel(2025) == D(2025, 12, 31)
    assert Obligation(libelle="x", annuelle="03-05").jour_annuel(2025) == D(2025, 3, 5)
    # Une obligation mensuelle n'a pas de date annuelle : son texte annuel est vide.
    assert _refus(ErreurValeur, Obligation(libelle="x", mensuelle=5).jour_annuel, 2024) == (
        "date annuelle illisible",
        "annuelle",
        "",
        "MM-JJ ou fin-MM",
    )


# --- contrat ----------------------------------------------------------------------------------


def test_contrat_de_duree_nulle_refuse() -> None:
    assert _refus(ErreurValeur, Contrat, nom="x", date_effet=D(2024, 1, 1), duree=L("0 mois")) == (
        "la durée du contrat doit être > 0",
        "duree",
        0,
        None,
    )
    assert Contrat(nom="x", date_effet=D(2024, 1, 1), duree=L("1 jour")).duree == L("1 jour")


@pytest.mark.parametrize("mode", ["tacite", "expresse"])
def test_duree_indeterminee_ne_se_reconduit_pas(mode: str) -> None:
    assert _refus(
        ErreurValeur,
        Contrat,
        nom="x",
        date_effet=D(2024, 1, 1),
        reconduction=Reconduction(mode=mode),
    ) == (
        "un contrat à durée indéterminée ne se reconduit pas",
        "reconduction.mode",
        mode,
        "aucune",
    )


@pytest.mark.parametrize(
    ("duree", "preavis", "refuse"),
    [
        # Au moins autant de jours que la période : refusé. Minimum de jours de chaque unité :
        # q jours ; q + 1 jours francs ; un jour ouvré ou ouvrable au moins un jour ; 7 jours la
        # semaine ; 28 le mois ; 365 l'année ; une durée composée, la somme de ses parties.
        ("10 jours", "10 jours", True),
        ("10 jours", "9 jours", False),
        ("10 jours", "9 jours francs", True),
        ("11 jours", "9 jours francs", False),
        ("10 jours", "10 jours ouvrés", True),
        ("10 jours", "9 jours ouvrés", False),
        ("10 jours", "10 jours ouvrables", True),
        ("10 jours", "9 jours ouvrables", False),
        ("14 jours", "2 semaines", True),
        ("15 jours", "2 semaines", False),
        ("28 jours", "1 mois", True),
        ("29 jours", "1 mois", False),
        ("365 jours", "1 an", True),
        ("366 jours", "1 an", False),
        ("30 jours", "1 mois et 2 jours", True),
        ("31 jours", "1 mois et 2 jours", False),
        ("9 jours francs", "10 jours", True),
        ("9 jours francs", "9 jours", False),
        ("2 semaines", "14 jours", True),
        ("2 semaines", "13 jours", False),
        ("2 mois", "56 jours", True),
        ("2 mois", "55 jours", False),
        ("1 an", "365 jours", True),
        ("1 an", "364 jours", False),
        ("1 mois et 3 jours", "31 jours", True),
        ("1 mois et 3 jours", "30 jours", False),
    ],
)
def test_preavis_au_moins_aussi_long_que_la_periode(duree: str, preavis: str, refuse: bool) -> None:
    def contrat() -> Contrat:
        return Contrat(
            nom="x",
            date_effet=D(2024, 1, 1),
            duree=L(duree),
            resiliation=Resiliation(preavis=L(preavis)),
        )

    if refuse:
        assert _refus(ErreurValeur, contrat) == (
            "le préavis est au moins aussi long que la période du contrat",
            "resiliation.preavis",
            preavis,
            f"un préavis plus court que {duree}",
        )
    else:
        assert contrat().resiliation.preavis == L(preavis)


def test_preavis_compare_a_la_plus_courte_des_periodes() -> None:
    """Reconduite par périodes d'un mois, la convention d'un an ne souffre pas un préavis de deux
    mois ; sans reconduction, la durée de reconduction ne compte pas."""

    def contrat(mode: str, preavis: str, duree: str | None = "1 mois") -> Contrat:
        return Contrat(
            nom="x",
            date_effet=D(2024, 1, 1),
            duree=L("1 an"),
            reconduction=Reconduction(mode=mode, duree=None if duree is None else L(duree)),
            resiliation=Resiliation(preavis=L(preavis)),
        )

    for preavis in ("1 mois", "2 mois"):
        assert _refus(ErreurValeur, contrat, "tacite", preavis) == (
            "le préavis est au moins aussi long que la période du contrat",
            "resiliation.preavis",
            preavis,
            "un préavis plus court que 1 mois",
        )
    assert contrat("tacite", "27 jours").resiliation.preavis == L("27 jours")
    assert contrat("aucune", "2 mois").resiliation.preavis == L("2 mois")
    assert contrat("tacite", "13 mois", None).resiliation.preavis == L("13 mois")
    assert _refus(ErreurValeur, contrat, "expresse", "1 an", None)[3] == (
        "un préavis plus court que 1 an"
    )


def test_preavis_sans_duree_du_contrat() -> None:
    contrat = Contrat(
        nom="x", date_effet=D(2024, 1, 1), resiliation=Resiliation(preavis=L("3 mois"))
    )
    assert contrat.resiliation.preavis == L("3 mois")
    assert date_limite_resiliation(contrat, periodes(contrat)[0]) is None


# --- périodes ---------------------------------------------------------------------------------


def test_periode_dernier_jour_et_nature() -> None:
    initiale = Periode(numero=1, debut=D(2024, 1, 1), fin=D(2024, 3, 1))
    assert (initiale.dernier_jour, initiale.nature) == (D(2024, 2, 29), "initiale")
    indeterminee = Periode(numero=1, debut=D(2024, 1, 1), fin=None)
    assert indeterminee.dernier_jour is None
    tacite = Periode(
        numero=3, debut=D(2024, 1, 1), fin=D(2025, 1, 1), mode=TACITE, rang_reconduction=2
    )
    assert tacite.nature == "reconduction tacite n° 2"
    expresse = Periode(
        numero=2, debut=D(2024, 1, 1), fin=D(2025, 1, 1), mode=EXPRESSE, rang_reconduction=1
    )
    assert expresse.nature == "reconduction expresse n° 1"


def test_periodes_d_un_contrat_sans_duree_ou_sans_reconduction() -> None:
    assert periodes(Contrat(nom="x", date_effet=D(2024, 5, 2))) == (
        Periode(numero=1, debut=D(2024, 5, 2), fin=None),
    )
    # « 10 jours francs » d'un contrat : dix jours de calendrier (le régime ne s'applique qu'aux
    # délais), du 1er au 11 janvier
    for duree, fin in (("10 jours francs", D(2024, 1, 11)), ("10 jours", D(2024, 1, 11))):
        contrat = Contrat(
            nom="x",
            date_effet=D(2024, 1, 1),
            duree=L(duree),
            reconduction=Reconduction(duree=L("1 jour")),
            regime="franc",
        )
        assert periodes(contrat, jusqu_au=D(2030, 1, 1)) == (
            Periode(numero=1, debut=D(2024, 1, 1), fin=fin),
        )


def test_duree_du_contrat_sans_report_et_selon_la_zone() -> None:
    """Quinze jours depuis le vendredi 15 mars 2024 : samedi 30 mars, même en régime « cpc » (la
    durée d'un contrat n'est pas un délai de procédure). Cinq jours ouvrés depuis le lundi 25
    mars : 26, 27, 28, 29 puis (week-end, lundi de Pâques) mardi 2 avril ; en Alsace-Moselle, le
    Vendredi saint 29 ne compte pas : mercredi 3 avril."""
    cpc = Contrat(nom="x", date_effet=D(2024, 3, 15), duree=L("15 jours"), regime="cpc")
    assert periodes(cpc)[0].fin == D(2024, 3, 30)
    for zone, fin in (("metropole", D(2024, 4, 2)), ("alsace-moselle", D(2024, 4, 3))):
        contrat = Contrat(nom="x", date_effet=D(2024, 3, 25), duree=L("5 jours ouvrés"), zone=zone)
        assert periodes(contrat)[0].fin == fin


def test_periodes_reconduites() -> None:
    contrat = Contrat(
        nom="x",
        date_effet=D(2024, 1, 1),
        duree=L("1 an"),
        reconduction=Reconduction(mode="expresse", nombre_max=2),
    )
    assert periodes(contrat) == (
        Periode(numero=1, debut=D(2024, 1, 1), fin=D(2025, 1, 1)),
        Periode(
            numero=2,
            debut=D(2025, 1, 1),
            fin=D(2026, 1, 1),
            mode=EXPRESSE,
            rang_reconduction=1,
            conditionnelle=True,
        ),
        Periode(
            numero=3,
            debut=D(2026, 1, 1),
            fin=D(2027, 1, 1),
            mode=EXPRESSE,
            rang_reconduction=2,
            conditionnelle=True,
        ),
    )
    # une période qui commence le jour de « jusqu_au » est comprise
    assert len(periodes(contrat, jusqu_au=D(2025, 1, 1))) == 2
    assert len(periodes(contrat, jusqu_au=D(2024, 12, 31))) == 1
    aucune = Contrat(
        nom="x",
        date_effet=D(2024, 1, 1),
        duree=L("1 an"),
        reconduction=Reconduction(mode="tacite", nombre_max=0),
    )
    assert len(periodes(aucune)) == 1


def test_reconduction_sans_limite_exige_jusqu_au() -> None:
    contrat = Contrat(
        nom="x", date_effet=D(2024, 1, 1), duree=L("1 an"), reconduction=Reconduction(mode="tacite")
    )
    assert _refus(ErreurValeur, periodes, contrat) == (
        "la reconduction est sans limite : précisez « jusqu_au » pour borner les périodes",
        "jusqu_au",
        ABSENT,
        None,
    )
    liste = periodes(contrat, jusqu_au=D(2026, 6, 30))
    assert [(p.numero, p.debut, p.fin, p.mode) for p in liste] == [
        (1, D(2024, 1, 1), D(2025, 1, 1), None),
        (2, D(2025, 1, 1), D(2026, 1, 1), TACITE),
        (3, D(2026, 1, 1), D(2027, 1, 1), TACITE),
    ]
    assert not any(p.conditionnelle for p in liste)


def test_garde_fou_du_nombre_de_periodes() -> None:
    """Un contrat d'un jour reconduit tacitement : 1 999 reconductions au plus (2 000 périodes),
    la 2 000e est refusée."""
    contrat = Contrat(
        nom="x",
        date_effet=D(2000, 1, 1),
        duree=L("1 jour"),
        reconduction=Reconduction(mode="tacite"),
    )
    liste = periodes(contrat, jusqu_au=D(2000, 1, 1) + dt.timedelta(days=1999))
    assert len(liste) == 2000
    assert (liste[-1].debut, liste[-1].fin, liste[-1].rang_reconduction) == (
        D(2000, 1, 1) + dt.timedelta(days=1999),
        D(2000, 1, 1) + dt.timedelta(days=2000),
        1999,
    )
    assert _refus(
        ErreurValeur, periodes, contrat, jusqu_au=D(2000, 1, 1) + dt.timedelta(days=2000)
    ) == ("trop de périodes", None, 2000, "au plus 2000 : bornez « jusqu_au »")
    borne = Contrat(
        nom="x",
        date_effet=D(2000, 1, 1),
        duree=L("1 jour"),
        reconduction=Reconduction(mode="tacite", nombre_max=2000),
    )
    assert _refus(ErreurValeur, periodes, borne)[:3] == ("trop de périodes", None, 2000)


def test_reconduction_d_une_autre_unite() -> None:
    """Un an depuis le 31 août 2023, puis des reconductions de six mois comptées depuis la fin de
    la période initiale, jamais de proche en proche : 31 août 2024, 28 février 2025 (pas de
    29), 31 août 2025 (et non le 28)."""
    contrat = Contrat(
        nom="x",
        date_effet=D(2023, 8, 31),
        duree=L("1 an"),
        reconduction=Reconduction(mode="tacite", nombre_max=2, duree=L("6 mois")),
    )
    assert [(p.debut, p.fin) for p in periodes(contrat)] == [
        (D(2023, 8, 31), D(2024, 8, 31)),
        (D(2024, 8, 31), D(2025, 2, 28)),
        (D(2025, 2, 28), D(2025, 8, 31)),
    ]


def test_reconduction_d_un_contrat_de_duree_composee() -> None:
    """Un mois et quinze jours depuis le 31 janvier 2024 : 29 février puis 15 mars ; chaque
    reconduction d'un mois compte depuis le 15 mars : 15 avril, 15 mai."""
    contrat = Contrat(
        nom="x",
        date_effet=D(2024, 1, 31),
        duree=L("1 mois et 15 jours"),
        reconduction=Reconduction(mode="tacite", nombre_max=2, duree=L("1 mois")),
    )
    assert [p.fin for p in periodes(contrat)] == [D(2024, 3, 15), D(2024, 4, 15), D(2024, 5, 15)]


def test_reconduction_de_duree_composee_refusee() -> None:
    contrat = Contrat(
        nom="x",
        date_effet=D(2024, 1, 1),
        duree=L("2 mois"),
        reconduction=Reconduction(mode="tacite", nombre_max=1, duree=L("1 mois et 1 jour")),
    )
    assert _refus(ErreurValeur, periodes, contrat) == (
        "une durée composée ne peut pas se répéter : donnez une seule unité",
        None,
        "1 mois et 1 jour",
        None,
    )


# --- résiliation ------------------------------------------------------------------------------


def _marche(**kwargs: Any) -> Contrat:
    return Contrat(
        nom="Marché",
        date_effet=D(2024, 1, 1),
        duree=L("1 an"),
        reconduction=Reconduction(mode="tacite", nombre_max=3),
        resiliation=Resiliation(preavis=L("3 mois")),
        regime="cpc",
        **kwargs,
    )


def test_date_limite_de_resiliation() -> None:
    """Échéance du 1er janvier 2025 : la veille (31 décembre) ouvre le décompte, trois mois
    ramènent au 1er octobre 2024, dernier jour utile le lundi 30 septembre ; de même le mardi
    30 septembre 2025 pour l'échéance du 1er janvier 2026."""
    contrat = _marche()
    liste = periodes(contrat)
    assert [date_limite_resiliation(contrat, p) for p in liste[:2]] == [
        D(2024, 9, 30),
        D(2025, 9, 30),
    ]
    sans = Contrat(nom="x", date_effet=D(2024, 1, 1), duree=L("1 an"))
    assert date_limite_resiliation(sans, periodes(sans)[0]) is None


@pytest.mark.parametrize(
    ("zone", "limite"),
    [
        # cinq jours ouvrés avant le lundi de Pâques 1er avril 2024 : 29, 28, 27, 26, 25 mars ;
        # dernier jour utile la veille, le dimanche 24 (aucun report à rebours)
        ("metropole", D(2024, 3, 24)),
        # sans le Vendredi saint : 28, 27, 26, 25, 22 mars ; dernier jour utile le jeudi 21
        ("alsace-moselle", D(2024, 3, 21)),
    ],
)
def test_date_limite_en_jours_ouvres_selon_la_zone(zone: str, limite: dt.date) -> None:
    contrat = Contrat(
        nom="x",
        date_effet=D(2024, 1, 1),
        duree=L("3 mois"),
        resiliation=Resiliation(preavis=L("5 jours ouvrés")),
        zone=zone,
    )
    assert date_limite_resiliation(contrat, periodes(contrat)[0]) == limite


def test_effet_d_une_resiliation_a_l_echeance() -> None:
    contrat = _marche()
    premiere = ResultatResiliation(
        notification=D(2024, 1, 1),
        date_effet=D(2025, 1, 1),
        a_tout_moment=False,
        preavis=L("3 mois"),
        echeance=D(2025, 1, 1),
        limite=D(2024, 9, 30),
    )
    assert date_effet_resiliation(contrat, D(2024, 1, 1)) == premiere  # le jour de la prise d'effet
    resultat = date_effet_resiliation(contrat, D(2024, 9, 30))  # le dernier jour utile
    assert resultat == attrs.evolve(premiere, notification=D(2024, 9, 30))
    assert resultat.regle == "préavis de 3 mois avant l'échéance du 2025-01-01 (limite 2024-09-30)"
    suivante = date_effet_resiliation(contrat, D(2024, 10, 1))
    assert (suivante.date_effet, suivante.echeance, suivante.limite) == (
        D(2026, 1, 1),
        D(2026, 1, 1),
        D(2025, 9, 30),
    )
    # Quatrième et dernière période : échéance du 1er janvier 2028, limite le 30 septembre 2027.
    assert date_effet_resiliation(contrat, D(2027, 9, 30)).date_effet == D(2028, 1, 1)
    for notification in (D(2023, 12, 31), D(2027, 10, 1)):
        assert _refus(ErreurValeur, date_effet_resiliation, contrat, notification) == (
            "une résiliation notifiée à cette date ne peut prendre effet à aucune échéance du "
            "contrat « Marché »",
            "notification",
            notification,
            None,
        )


def test_resiliation_non_prevue() -> None:
    contrat = Contrat(nom="Bail", date_effet=D(2024, 1, 1), duree=L("1 an"))
    assert _refus(ErreurValeur, date_effet_resiliation, contrat, D(2024, 2, 1)) == (
        "le contrat « Bail » ne prévoit pas de résiliation",
        "resiliation",
        ABSENT,
        None,
    )


def test_resiliation_a_tout_moment_sans_preavis() -> None:
    contrat = Contrat(
        nom="x", date_effet=D(2024, 1, 1), resiliation=Resiliation(a_tout_moment=True)
    )
    resultat = date_effet_resiliation(contrat, D(2024, 2, 10))
    assert resultat == ResultatResiliation(
        notification=D(2024, 2, 10), date_effet=D(2024, 2, 10), a_tout_moment=True
    )
    assert resultat.regle == "résiliation à tout moment, sans préavis : effet à la notification"


@pytest.mark.parametrize(
    ("regime", "zone", "preavis", "notification", "effet"),
    [
        # quinze jours après le vendredi 15 mars 2024 : samedi 30 ; en « cpc », prorogé au
        # premier jour ouvrable, après le lundi de Pâques : mardi 2 avril (art. 642)
        ("simple", "metropole", "15 jours", D(2024, 3, 15), D(2024, 3, 30)),
        ("cpc", "metropole", "15 jours", D(2024, 3, 15), D(2024, 4, 2)),
        ("simple", "metropole", "5 jours ouvrés", D(2024, 3, 25), D(2024, 4, 2)),
        ("simple", "alsace-moselle", "5 jours ouvrés", D(2024, 3, 25), D(2024, 4, 3)),
    ],
)
def test_resiliation_a_tout_moment_avec_preavis(
    regime: str, zone: str, preavis: str, notification: dt.date, effet: dt.date
) -> None:
    contrat = Contrat(
        nom="x",
        date_effet=D(2024, 1, 1),
        resiliation=Resiliation(a_tout_moment=True, preavis_a_tout_moment=L(preavis)),
        regime=regime,
        zone=zone,
    )
    resultat = date_effet_resiliation(contrat, notification)
    assert resultat == ResultatResiliation(
        notification=notification, date_effet=effet, a_tout_moment=True, preavis=L(preavis)
    )
    assert resultat.regle == f"résiliation à tout moment, préavis de {preavis}"


def test_validateur_de_duree() -> None:
    """Le validateur est construit à l'import de la classe : appelé ici directement."""
    from collectivites.regles.delais._contrats import _duree_valide

    attribut = attrs.fields(Resiliation).preavis
    assert _duree_valide()(None, attribut, None) is None
    assert _duree_valide()(None, attribut, L("1 mois")) is None
    assert _duree_valide(optionnel=False)(None, attribut, L("1 mois")) is None
    for valideur, valeur in ((_duree_valide(), "1 mois"), (_duree_valide(optionnel=False), None)):
        assert _refus(ErreurType, valideur, None, attribut, valeur) == (
            "type refusé",
            "preavis",
            valeur,
            "une Duree (lire_duree)",
        )
