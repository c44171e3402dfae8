"""Agenda d'un contrat (``regles/delais/_agenda.py``) pris au mot (issue 27).

Dates calculées à la main. En 2024 : Pâques le dimanche 31 mars (lundi 1er avril férié ; le
Vendredi saint 29 mars férié en Alsace-Moselle seulement). Un préavis se compte à rebours depuis
l'échéance, le dernier jour utile étant la veille du dernier jour compté (Cass. com., 14 mars
2018, n° 16-26.996), sans report (Civ. 2e, 4 févr. 1998, n° 96-13.391) ; les dates d'un contrat
ne sont pas reportées au jour ouvrable (C. proc. civ. art. 642 : délais de procédure) sauf si
l'obligation le stipule (``report``). Les jours ouvrables vont du lundi au samedi, hors fériés.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from collectivites.erreurs import ErreurValeur
from collectivites.regles.delais import (
    Agenda,
    Contrat,
    Evenement,
    NatureEvenement,
    Obligation,
    Periode,
    Reconduction,
    Resiliation,
    agenda,
    lire_duree,
)
from collectivites.regles.delais._contrats import ModeReconduction

D = dt.date
L = lire_duree
N = NatureEvenement
LRAR = "lettre recommandée avec avis de réception"


def _obligations(contrat: Contrat, debut: dt.date, fin: dt.date) -> list[dt.date]:
    return [e.date for e in agenda(contrat, debut, fin) if e.nature is N.OBLIGATION]


def _contrat(*obligations: Obligation, **kwargs: Any) -> Contrat:
    return Contrat(
        nom="C",
        date_effet=kwargs.pop("date_effet", D(2024, 1, 1)),
        obligations=obligations,
        **kwargs,
    )


# --- libellés ---------------------------------------------------------------------------------

P2 = Periode(
    numero=2,
    debut=D(2025, 1, 1),
    fin=D(2026, 1, 1),
    mode=ModeReconduction.TACITE,
    rang_reconduction=1,
)
P2X = Periode(
    numero=2,
    debut=D(2025, 1, 1),
    fin=D(2026, 1, 1),
    mode=ModeReconduction.EXPRESSE,
    rang_reconduction=1,
    conditionnelle=True,
)
SI = " (si reconduction expresse)"


@pytest.mark.parametrize(
    ("nature", "details", "libelle"),
    [
        (N.PRISE_EFFET, {}, "Prise d'effet du contrat"),
        (N.OBLIGATION, {"intitule": "Rapport annuel"}, "Rapport annuel"),
        (N.DECISION_RECONDUCTION, {}, "Dernier jour pour décider la reconduction expresse"),
        (N.DEBUT_PERIODE, {"periode": P2}, "Début de la période 2 (reconduction tacite n° 1)"),
        (
            N.DEBUT_PERIODE,
            {"periode": P2X},
            "Début de la période 2 (reconduction expresse n° 1)" + SI,
        ),
        (N.DERNIER_JOUR, {"periode": P2}, "Dernier jour d'exécution de la période 2"),
        (N.DERNIER_JOUR, {"periode": P2X}, "Dernier jour d'exécution de la période 2" + SI),
        (N.ECHEANCE, {"periode": P2}, "Échéance de la période 2"),
        (N.ECHEANCE, {"periode": P2X}, "Échéance de la période 2" + SI),
        (
            N.LIMITE_RESILIATION,
            {"periode": P2, "forme": LRAR, "preavis": L("3 mois")},
            f"Date limite de première présentation de la {LRAR} de résiliation (préavis de 3 "
            "mois avant l'échéance du 01/01/2026)",
        ),
        (
            N.LIMITE_RESILIATION,
            {
                "periode": P2X,
                "forme": "lettre",
                "preavis": L("3 mois"),
                "dernier_jour_ouvre": D(2025, 9, 26),
            },
            "Date limite de première présentation de la lettre de résiliation (préavis de 3 mois "
            "avant l'échéance du 01/01/2026 ; jour non ouvré : en pratique au plus tard le "
            "26/09/2025)" + SI,
        ),
        (
            N.ENVOI_RESILIATION,
            {"periode": P2, "acheminement": L("3 jours ouvrables")},
            "Envoi conseillé de la lettre de résiliation (acheminement 3 jours ouvrables)",
        ),
        (
            N.ENVOI_RESILIATION,
            {"periode": P2X, "acheminement": L("2 jours")},
            "Envoi conseillé de la lettre de résiliation (acheminement 2 jours)" + SI,
        ),
        # sans période, ni condition : la prise d'effet et les obligations
        (N.PRISE_EFFET, {"periode": P2X}, "Prise d'effet du contrat"),
        (
            N.DECISION_RECONDUCTION,
            {"periode": P2X},
            "Dernier jour pour décider la reconduction expresse",
        ),
    ],
)
def test_libelles(nature: NatureEvenement, details: dict[str, Any], libelle: str) -> None:
    assert Evenement(date=D(2025, 9, 28), nature=nature, **details).libelle == libelle


# --- notes sur les jours non ouvrés --------------------------------------------------------------

NOTE = (
    "Dates un samedi, un dimanche ou un jour férié ({}) : ce sont les dates que le contrat fixe, "
    "ses délais comptant en jours et en mois calendaires ; l'agenda ne les reporte pas (le report "
    "au premier jour ouvrable du C. proc. civ., art. 642, vise les délais de procédure, non les "
    "dates d'un contrat qui ne le stipule pas). Pour envoyer ou décider, visez le dernier jour "
    "ouvré qui précède."
)


def _agenda_de(*dates: dt.date, zone: str = "metropole") -> Agenda:
    contrat = Contrat(nom="C", date_effet=D(2024, 1, 1), zone=zone)
    evenements = tuple(Evenement(date=d, nature=N.OBLIGATION, intitule="x") for d in dates)
    return Agenda(
        contrat=contrat, debut=D(2024, 1, 1), fin=D(2025, 1, 1), evenements=evenements, periodes=()
    )


def test_notes_jours_non_ouvres() -> None:
    assert _agenda_de(D(2024, 4, 3), D(2024, 3, 28)).notes_jours_non_ouvres == ()
    # triées, sans doublon ; « férié » pour un jour de semaine seulement
    agenda_ = _agenda_de(
        D(2024, 4, 3), D(2024, 4, 1), D(2024, 3, 30), D(2024, 4, 1), D(2024, 3, 31)
    )
    assert agenda_.notes_jours_non_ouvres == (
        NOTE.format("30/03/2024 (samedi), 31/03/2024 (dimanche), 01/04/2024 (lundi férié)"),
    )
    # Vendredi saint : férié en Alsace-Moselle seulement
    assert _agenda_de(D(2024, 3, 29)).notes_jours_non_ouvres == ()
    assert _agenda_de(D(2024, 3, 29), zone="alsace-moselle").notes_jours_non_ouvres == (
        NOTE.format("29/03/2024 (vendredi férié)"),
    )


def test_notes_six_dates_au_plus() -> None:
    samedis = [D(2024, 6, 1) + dt.timedelta(days=7 * k) for k in range(7)]
    liste = ", ".join(f"{d:%d/%m/%Y} (samedi)" for d in samedis[:6])
    assert _agenda_de(*samedis[:6]).notes_jours_non_ouvres == (NOTE.format(liste),)
    assert _agenda_de(*samedis).notes_jours_non_ouvres == (NOTE.format(liste + " …"),)


def test_agenda_se_parcourt() -> None:
    agenda_ = _agenda_de(D(2024, 4, 3), D(2024, 4, 4))
    assert len(agenda_) == 2
    assert [e.date for e in agenda_] == [D(2024, 4, 3), D(2024, 4, 4)]
    assert (agenda_[0].date, agenda_[-1].date) == (D(2024, 4, 3), D(2024, 4, 4))


# --- obligations à date ---------------------------------------------------------------------


def test_obligation_annuelle_chaque_annee() -> None:
    contrat = _contrat(Obligation(libelle="x", annuelle="fin-02"), date_effet=D(2023, 1, 1))
    assert _obligations(contrat, D(2023, 1, 1), D(2025, 1, 1)) == [D(2023, 2, 28), D(2024, 2, 29)]
    assert _obligations(contrat, D(2023, 3, 1), D(2024, 2, 29)) == []
    assert _obligations(contrat, D(2023, 3, 1), D(2024, 3, 1)) == [D(2024, 2, 29)]


def test_obligation_mensuelle() -> None:
    """Le 31 de chaque mois : le dernier jour des mois plus courts ; de novembre à février, à
    cheval sur deux années, à partir de la prise d'effet du 15 novembre."""
    dernier = _contrat(Obligation(libelle="x", mensuelle=31), date_effet=D(2024, 11, 15))
    assert _obligations(dernier, D(2024, 11, 1), D(2025, 3, 1)) == [
        D(2024, 11, 30),
        D(2024, 12, 31),
        D(2025, 1, 31),
        D(2025, 2, 28),
    ]
    quinze = _contrat(Obligation(libelle="x", mensuelle=15), date_effet=D(2024, 11, 15))
    attendu = [D(2024, 11, 15), D(2024, 12, 15), D(2025, 1, 15), D(2025, 2, 15)]
    assert _obligations(quinze, D(2024, 11, 1), D(2025, 3, 1)) == attendu
    assert _obligations(quinze, D(2024, 11, 1), D(2025, 2, 15)) == attendu[:3]
    assert _obligations(quinze, D(2024, 11, 1), D(2025, 2, 16)) == attendu


@pytest.mark.parametrize(
    ("report", "attendu"),
    [
        # le dimanche 15 décembre 2024 et le samedi 15 février 2025
        ("aucun", [D(2024, 11, 15), D(2024, 12, 15), D(2025, 1, 15), D(2025, 2, 15)]),
        ("suivant", [D(2024, 11, 15), D(2024, 12, 16), D(2025, 1, 15), D(2025, 2, 17)]),
        ("precedent", [D(2024, 11, 15), D(2024, 12, 13), D(2025, 1, 15), D(2025, 2, 14)]),
    ],
)
def test_obligation_mensuelle_reportee(report: str, attendu: list[dt.date]) -> None:
    contrat = _contrat(
        Obligation(libelle="x", mensuelle=15, report=report), date_effet=D(2024, 11, 1)
    )
    assert _obligations(contrat, D(2024, 11, 1), D(2025, 3, 1)) == attendu


def test_obligation_reportee_avant_la_prise_d_effet_exclue() -> None:
    """Le dimanche 15 décembre 2024 reporté au vendredi 13, avant la prise d'effet du 14 ;
    de même reportée au lundi 16 après la fin de l'agenda."""
    contrat = _contrat(
        Obligation(libelle="x", mensuelle=15, report="precedent"), date_effet=D(2024, 12, 14)
    )
    assert _obligations(contrat, D(2024, 12, 1), D(2025, 1, 1)) == []
    suivant = _contrat(Obligation(libelle="x", mensuelle=15, report="suivant"))
    assert _obligations(suivant, D(2024, 12, 1), D(2024, 12, 16)) == []
    assert _obligations(suivant, D(2024, 12, 1), D(2024, 12, 17)) == [D(2024, 12, 16)]


def test_obligation_dans_la_vie_du_contrat() -> None:
    """Un contrat d'un an du 1er janvier 2024 : son dernier jour est le 31 décembre 2024."""
    contrat = _contrat(
        Obligation(libelle="x", date=D(2024, 12, 31)),
        Obligation(libelle="y", date=D(2025, 1, 1)),
        Obligation(libelle="z", date=D(2023, 12, 31)),
        duree=L("1 an"),
    )
    assert _obligations(contrat, D(2023, 1, 1), D(2026, 1, 1)) == [D(2024, 12, 31)]
    # agenda d'un seul jour, le dernier du contrat
    assert _obligations(contrat, D(2024, 12, 31), D(2025, 1, 1)) == [D(2024, 12, 31)]
    assert _obligations(contrat, D(2025, 1, 1), D(2026, 1, 1)) == []


# --- obligations comptées par un délai ---------------------------------------------------------


@pytest.mark.parametrize(
    ("obligation", "options", "attendu"),
    [
        # quinze jours après le vendredi 15 mars 2024 : samedi 30 ; en « cpc », mardi 2 avril
        (Obligation(libelle="x", delai=L("15 jours")), {"regime": "simple"}, [D(2024, 3, 30)]),
        (Obligation(libelle="x", delai=L("15 jours")), {"regime": "cpc"}, [D(2024, 4, 2)]),
        # le même samedi, reporté au jour ouvré suivant par l'obligation : mardi 2 avril
        (
            Obligation(libelle="x", delai=L("15 jours"), report="suivant"),
            {"regime": "simple"},
            [D(2024, 4, 2)],
        ),
        # cinq jours ouvrés après le lundi 25 mars… mais le départ est le 15 : voir ci-dessous
        (
            Obligation(libelle="x", delai=L("5 jours ouvrés"), depart=D(2024, 3, 25)),
            {"zone": "metropole"},
            [D(2024, 4, 2)],
        ),
        (
            Obligation(libelle="x", delai=L("5 jours ouvrés"), depart=D(2024, 3, 25)),
            {"zone": "alsace-moselle"},
            [D(2024, 4, 3)],
        ),
    ],
)
def test_obligation_a_delai_depuis_une_date(
    obligation: Obligation, options: dict[str, Any], attendu: list[dt.date]
) -> None:
    contrat = _contrat(obligation, date_effet=D(2024, 3, 15), **options)
    assert _obligations(contrat, D(2024, 1, 1), D(2025, 1, 1)) == attendu


def test_obligation_a_chaque_echeance() -> None:
    """Un mois avant chaque échéance (1er janvier 2025, 2026, 2027) : la veille ouvre le décompte,
    dernier jour compté le 1er décembre, dernier jour utile le 30 novembre ; un mois après
    chacune : le 1er février, même après la fin du contrat (obligation comptée une fois)."""
    contrat = _contrat(
        Obligation(libelle="avant", delai=L("1 mois"), depart="echeance", sens="avant"),
        Obligation(libelle="apres", delai=L("1 mois"), depart="echeance"),
        duree=L("1 an"),
        reconduction=Reconduction(mode="tacite", nombre_max=2),
    )
    evenements = agenda(contrat, D(2024, 1, 1), D(2028, 1, 1))
    assert [e.date for e in evenements if e.libelle == "avant"] == [
        D(2024, 11, 30),
        D(2025, 11, 30),
        D(2026, 11, 30),
    ]
    assert [e.date for e in evenements if e.libelle == "apres"] == [
        D(2025, 2, 1),
        D(2026, 2, 1),
        D(2027, 2, 1),
    ]


def test_obligation_repetee_chaque_mois() -> None:
    """Chaque mois depuis le 31 janvier 2024, toujours compté depuis le départ : dernier jour des
    mois courts, le 31 des autres ; jusqu'au dernier jour du contrat (30 janvier 2025)."""
    contrat = _contrat(
        Obligation(libelle="x", delai=L("1 mois"), repetition=True),
        date_effet=D(2024, 1, 31),
        duree=L("1 an"),
    )
    fins = [D(2024, 2, 29), D(2024, 3, 31), D(2024, 4, 30), D(2024, 5, 31), D(2024, 6, 30)]
    fins += [D(2024, 7, 31), D(2024, 8, 31), D(2024, 9, 30), D(2024, 10, 31), D(2024, 11, 30)]
    fins += [D(2024, 12, 31)]
    assert _obligations(contrat, D(2024, 1, 1), D(2026, 1, 1)) == fins
    # la dernière date de l'agenda est comprise, le lendemain non
    assert _obligations(contrat, D(2024, 1, 1), D(2024, 7, 1)) == fins[:5]
    assert _obligations(contrat, D(2024, 1, 1), D(2024, 6, 30)) == fins[:4]


def test_obligation_repetee_a_rebours() -> None:
    """Chaque mois avant l'échéance du 1er janvier 2025 : 30 novembre, 31 octobre, 30 septembre,
    31 août… ; l'agenda commence le 30 septembre."""
    contrat = _contrat(
        Obligation(
            libelle="x", delai=L("1 mois"), repetition=True, depart="echeance", sens="avant"
        ),
        duree=L("1 an"),
    )
    assert _obligations(contrat, D(2024, 9, 30), D(2025, 1, 1)) == [
        D(2024, 9, 30),
        D(2024, 10, 31),
        D(2024, 11, 30),
    ]
    assert _obligations(contrat, D(2024, 10, 1), D(2025, 1, 1)) == [
        D(2024, 10, 31),
        D(2024, 11, 30),
    ]


# --- événements des périodes ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("zone", "limite", "ouvre", "envoi"),
    [
        # cinq jours ouvrés avant le lundi de Pâques 1er avril : 29, 28, 27, 26, 25 mars ;
        # dernier jour utile le dimanche 24 (en pratique le vendredi 22). Trois jours ouvrables
        # d'acheminement : parti le mercredi 20, arrivé le samedi 23 (21, 22, 23) ; parti le
        # jeudi 21, il arriverait le lundi 25 (22, 23, 25), trop tard.
        ("metropole", D(2024, 3, 24), D(2024, 3, 22), D(2024, 3, 20)),
        # sans le Vendredi saint : 28, 27, 26, 25, 22 mars ; dernier jour utile le jeudi 21,
        # ouvré ; parti le lundi 18, arrivé le jeudi 21 (19, 20, 21).
        ("alsace-moselle", D(2024, 3, 21), None, D(2024, 3, 18)),
    ],
)
def test_evenements_d_une_periode_avec_preavis(
    zone: str, limite: dt.date, ouvre: dt.date | None, envoi: dt.date
) -> None:
    contrat = Contrat(
        nom="C",
        date_effet=D(2024, 1, 1),
        duree=L("3 mois"),
        resiliation=Resiliation(
            preavis=L("5 jours ouvrés"), acheminement=L("3 jours ouvrables"), reference="art. 7"
        ),
        zone=zone,
        source="Convention",
    )
    periode = Periode(numero=1, debut=D(2024, 1, 1), fin=D(2024, 4, 1))
    details = {"contrat": "C", "periode": periode, "reference": "art. 7", "forme": LRAR}
    preavis = L("5 jours ouvrés")
    assert agenda(contrat, D(2024, 1, 1), D(2024, 4, 2)).evenements == (
        Evenement(date=D(2024, 1, 1), nature=N.PRISE_EFFET, contrat="C", reference="Convention"),
        Evenement(
            date=envoi,
            nature=N.ENVOI_RESILIATION,
            preavis=preavis,
            acheminement=L("3 jours ouvrables"),
            **details,
        ),
        Evenement(
            date=limite,
            nature=N.LIMITE_RESILIATION,
            preavis=preavis,
            dernier_jour_ouvre=ouvre,
            **details,
        ),
        Evenement(date=D(2024, 3, 31), nature=N.DERNIER_JOUR, contrat="C", periode=periode),
        Evenement(date=D(2024, 4, 1), nature=N.ECHEANCE, contrat="C", periode=periode),
    )


def test_envoi_d_une_lettre_qui_met_un_mois() -> None:
    """Un mois d'acheminement avant le 30 septembre 2024 (dernier jour utile d'un préavis de trois
    mois avant le 1er janvier 2025) : compté à rebours, le départ est le 30 août (même
    quantième), et la lettre arrive le 30 septembre. L'envoi n'est pas avancé au 31 août, qui
    suffirait aussi (31 septembre : dernier jour du mois)."""
    contrat = Contrat(
        nom="C",
        date_effet=D(2024, 1, 1),
        duree=L("1 an"),
        resiliation=Resiliation(preavis=L("3 mois"), acheminement=L("1 mois")),
    )
    envois = [
        e.date
        for e in agenda(contrat, D(2024, 1, 1), D(2025, 1, 2))
        if e.nature is N.ENVOI_RESILIATION
    ]
    assert envois == [D(2024, 8, 30)]


def test_periodes_reconduites_expressement() -> None:
    """Reconduction expresse une fois : la période 2 commence le 1er janvier 2025 ; la décision se
    prend au plus tard le dernier jour de la période 1, pas de la dernière possible."""
    contrat = Contrat(
        nom="C",
        date_effet=D(2024, 1, 1),
        duree=L("1 an"),
        reconduction=Reconduction(mode="expresse", nombre_max=1),
    )
    evenements = agenda(contrat, D(2024, 1, 1), D(2026, 1, 2))
    assert [(e.date, e.nature) for e in evenements] == [
        (D(2024, 1, 1), N.PRISE_EFFET),
        (D(2024, 12, 31), N.DERNIER_JOUR),
        (D(2024, 12, 31), N.DECISION_RECONDUCTION),
        (D(2025, 1, 1), N.ECHEANCE),
        (D(2025, 1, 1), N.DEBUT_PERIODE),
        (D(2025, 12, 31), N.DERNIER_JOUR),
        (D(2026, 1, 1), N.ECHEANCE),
    ]
    assert [p.numero for p in evenements.periodes] == [1, 2]
    sans_limite = Contrat(
        nom="C",
        date_effet=D(2024, 1, 1),
        duree=L("1 an"),
        reconduction=Reconduction(mode="expresse"),
    )
    decisions = [
        e.date
        for e in agenda(sans_limite, D(2024, 1, 1), D(2026, 1, 1))
        if e.nature is N.DECISION_RECONDUCTION
    ]
    assert decisions == [D(2024, 12, 31), D(2025, 12, 31)]
    tacite = Contrat(
        nom="C", date_effet=D(2024, 1, 1), duree=L("1 an"), reconduction=Reconduction(mode="tacite")
    )
    assert N.DECISION_RECONDUCTION not in {
        e.nature for e in agenda(tacite, D(2024, 1, 1), D(2026, 1, 1))
    }


def test_contrat_sans_duree() -> None:
    contrat = _contrat(Obligation(libelle="x", annuelle="06-30"))
    evenements = agenda(contrat, D(2023, 12, 1), D(2025, 12, 1))
    assert [(e.date, e.nature) for e in evenements] == [
        (D(2024, 1, 1), N.PRISE_EFFET),
        (D(2024, 6, 30), N.OBLIGATION),
        (D(2025, 6, 30), N.OBLIGATION),
    ]
    assert evenements.periodes == (Periode(numero=1, debut=D(2024, 1, 1), fin=None),)


def test_prise_d_effet_d_abord_puis_ordre_du_contrat() -> None:
    contrat = _contrat(
        Obligation(libelle="b", date=D(2024, 1, 1)),
        Obligation(libelle="a", date=D(2024, 1, 1)),
    )
    assert [e.libelle for e in agenda(contrat, D(2024, 1, 1), D(2024, 1, 2))] == [
        "Prise d'effet du contrat",
        "b",
        "a",
    ]


def test_agenda_avant_la_prise_d_effet() -> None:
    contrat = _contrat(duree=L("1 an"))
    avant = agenda(contrat, D(2023, 12, 1), D(2024, 1, 1))
    assert (avant.evenements, avant.periodes) == ((), ())
    jour = agenda(contrat, D(2024, 1, 1), D(2024, 1, 2))
    assert [e.nature for e in jour] == [N.PRISE_EFFET]
    assert [p.numero for p in jour.periodes] == [1]
    assert (jour.contrat, jour.debut, jour.fin) == (contrat, D(2024, 1, 1), D(2024, 1, 2))


def test_fin_avant_le_debut_refusee() -> None:
    contrat = _contrat()
    for fin in (D(2024, 2, 1), D(2024, 1, 31)):
        with pytest.raises(ErreurValeur) as info:
            agenda(contrat, D(2024, 2, 1), fin)
        e = info.value
        assert (e.message, e.cle, e.valeur, e.attendu) == (
            "la fin de l'agenda doit suivre son début",
            "fin",
            fin,
            "une date après le 2024-02-01",
        )


def test_date_reportee_depuis_hors_de_l_agenda() -> None:
    """Le mercredi 1er janvier 2025, férié, reporté au jour ouvré précédent : mardi 31 décembre
    2024, dans l'agenda de 2024 (le 1er janvier 2024, reporté au vendredi 29 décembre 2023, n'y
    est pas). Le samedi 30 novembre 2024 reporté au lundi 2 décembre : dans l'agenda de
    décembre."""
    nouvel_an = _contrat(Obligation(libelle="x", annuelle="01-01", report="precedent"))
    assert _obligations(nouvel_an, D(2024, 1, 1), D(2025, 1, 1)) == [D(2024, 12, 31)]
    fin_de_mois = _contrat(Obligation(libelle="x", mensuelle=31, report="suivant"))
    assert _obligations(fin_de_mois, D(2024, 12, 1), D(2025, 1, 1)) == [
        D(2024, 12, 2),
        D(2024, 12, 31),
    ]


def test_dates_reportees_aux_bords_du_calendrier() -> None:
    """Le lundi 1er janvier 1900, férié, reporté au mardi 2 ; le dimanche 1er décembre 2199 au
    lundi 2 : la semaine cherchée autour de l'agenda ne sort pas du calendrier couvert."""
    debut = _contrat(
        Obligation(libelle="x", mensuelle=1, report="suivant"), date_effet=D(1900, 1, 1)
    )
    assert _obligations(debut, D(1900, 1, 1), D(1900, 2, 1)) == [D(1900, 1, 2)]
    fin = _contrat(Obligation(libelle="x", mensuelle=1, report="suivant"), date_effet=D(2199, 1, 1))
    assert _obligations(fin, D(2199, 12, 1), D(2200, 1, 1)) == [D(2199, 12, 2)]


def test_obligation_a_delai_compose() -> None:
    """Un mois et quinze jours après le 31 janvier 2024 : 29 février, puis 15 mars."""
    contrat = _contrat(
        Obligation(libelle="x", delai=L("1 mois et 15 jours")), date_effet=D(2024, 1, 31)
    )
    assert _obligations(contrat, D(2024, 1, 1), D(2025, 1, 1)) == [D(2024, 3, 15)]


@pytest.mark.parametrize(
    ("arrivee", "zone", "envoi"),
    [
        # Arrivée le vendredi 29 mars 2024 : parti le mardi 26, arrivé le 29 (27, 28, 29). En
        # Alsace-Moselle le 29 est férié : parti le 26, la lettre arriverait le samedi 30 (27,
        # 28, 30) ; partie le lundi 25, le jeudi 28 (26, 27, 28).
        (D(2024, 3, 29), "metropole", D(2024, 3, 26)),
        (D(2024, 3, 29), "alsace-moselle", D(2024, 3, 25)),
        # Arrivée le mercredi 3 avril : compté à rebours, mardi 2, samedi 30, vendredi 29 (le
        # lundi 1er est férié) ; en Alsace-Moselle, sans le Vendredi saint : jeudi 28.
        (D(2024, 4, 3), "metropole", D(2024, 3, 29)),
        (D(2024, 4, 3), "alsace-moselle", D(2024, 3, 28)),
    ],
)
def test_envoi_selon_la_zone(arrivee: dt.date, zone: str, envoi: dt.date) -> None:
    from collectivites.regles.delais._agenda import _envoi_au_plus_tard

    assert _envoi_au_plus_tard(arrivee, L("3 jours ouvrables"), zone) == envoi


def test_report_selon_la_zone_et_derniere_annee_du_calendrier() -> None:
    """Le vendredi 29 mars 2024 est ouvré, sauf en Alsace-Moselle (Vendredi saint) : reporté au
    mardi 2 avril (lundi de Pâques férié). Le dimanche 30 juin 2199, reporté au lundi 1er
    juillet, dans la dernière année du calendrier couvert."""
    for zone, mars in (("metropole", D(2024, 3, 29)), ("alsace-moselle", D(2024, 4, 2))):
        contrat = _contrat(Obligation(libelle="x", mensuelle=29, report="suivant"), zone=zone)
        assert _obligations(contrat, D(2024, 3, 1), D(2024, 4, 30)) == [mars, D(2024, 4, 29)]
    juin = _contrat(
        Obligation(libelle="x", annuelle="06-30", report="suivant"), date_effet=D(2199, 1, 1)
    )
    assert _obligations(juin, D(2199, 1, 1), D(2200, 1, 1)) == [D(2199, 7, 1)]


def test_decision_de_reconduction_avant_la_periode_suivante() -> None:
    """Reconduction expresse une fois : la décision se prend au plus tard le 31 décembre 2024,
    même dans un agenda qui s'arrête avant la période reconduite (1er janvier 2025) ; aucune
    décision sans reconduction permise."""
    une_fois = Contrat(
        nom="C",
        date_effet=D(2024, 1, 1),
        duree=L("1 an"),
        reconduction=Reconduction(mode="expresse", nombre_max=1),
    )
    evenements = agenda(une_fois, D(2024, 1, 1), D(2025, 1, 1))
    assert [(e.date, e.nature) for e in evenements] == [
        (D(2024, 1, 1), N.PRISE_EFFET),
        (D(2024, 12, 31), N.DERNIER_JOUR),
        (D(2024, 12, 31), N.DECISION_RECONDUCTION),
    ]
    jamais = Contrat(
        nom="C",
        date_effet=D(2024, 1, 1),
        duree=L("1 an"),
        reconduction=Reconduction(mode="expresse", nombre_max=0),
    )
    assert N.DECISION_RECONDUCTION not in {
        e.nature for e in agenda(jamais, D(2024, 1, 1), D(2026, 1, 1))
    }


@pytest.mark.parametrize(
    ("preavis", "zone", "limite", "ouvre"),
    [
        # deux jours avant le lundi 1er avril 2024 : comptés le 31 et le 30, utile le vendredi
        # 29, ouvré, sauf en Alsace-Moselle (Vendredi saint) : en pratique le jeudi 28
        ("2 jours", "metropole", D(2024, 3, 29), None),
        ("2 jours", "alsace-moselle", D(2024, 3, 29), D(2024, 3, 28)),
        # un jour avant : compté le 31, utile le samedi 30 ; en pratique le vendredi 29, ou le
        # jeudi 28 en Alsace-Moselle
        ("1 jour", "metropole", D(2024, 3, 30), D(2024, 3, 29)),
        ("1 jour", "alsace-moselle", D(2024, 3, 30), D(2024, 3, 28)),
    ],
)
def test_dernier_jour_ouvre_d_une_date_limite_selon_la_zone(
    preavis: str, zone: str, limite: dt.date, ouvre: dt.date | None
) -> None:
    contrat = Contrat(
        nom="C",
        date_effet=D(2024, 1, 1),
        duree=L("3 mois"),
        resiliation=Resiliation(preavis=L(preavis)),
        zone=zone,
    )
    (evenement,) = [
        e for e in agenda(contrat, D(2024, 1, 1), D(2024, 4, 2)) if e.nature is N.LIMITE_RESILIATION
    ]
    assert (evenement.date, evenement.dernier_jour_ouvre) == (limite, ouvre)


def test_evenement_d_une_obligation() -> None:
    contrat = _contrat(Obligation(libelle="Acompte", date=D(2024, 2, 5), reference="art. 8.2.1"))
    evenements = agenda(contrat, D(2024, 2, 1), D(2024, 3, 1)).evenements
    assert evenements == (
        Evenement(
            date=D(2024, 2, 5),
            nature=N.OBLIGATION,
            contrat="C",
            reference="art. 8.2.1",
            intitule="Acompte",
        ),
    )
