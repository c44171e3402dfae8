"""Contrats : périodes, reconduction, résiliation, obligations, agenda et ses rendus."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pytest

from collectivites.erreurs import ErreurDossier, ErreurValeur
from collectivites.regles.delais import (
    Agenda,
    Contrat,
    NatureEvenement,
    Obligation,
    Reconduction,
    Resiliation,
    agenda,
    contrat_depuis_donnees,
    date_effet_resiliation,
    date_limite_resiliation,
    exemple_contrat,
    lire_duree,
    periodes,
)

D = dt.date
LENDEMAIN = dt.timedelta(days=1)


def test_convention_rsa_lozere() -> None:
    """Art. 10 : trois ans, renouvelable expressément par périodes de trois ans ; art. 11.2 :
    résiliation par LRAR « au minimum un an avant l'échéance de la période contractuelle en
    cours », effet à cette échéance."""
    contrat = exemple_contrat("convention-rsa-lozere")
    liste = periodes(contrat, jusqu_au=D(2026, 12, 31))
    assert [(p.debut, p.fin, p.conditionnelle) for p in liste[:3]] == [
        (D(2017, 2, 17), D(2020, 2, 17), False),
        (D(2020, 2, 17), D(2023, 2, 17), True),
        (D(2023, 2, 17), D(2026, 2, 17), True),
    ]
    assert liste[0].dernier_jour == D(2020, 2, 16)
    # Délai à rebours : le 17/02/2020 ne compte pas, l'année comptée va du 16/02/2020 au
    # 17/02/2019, dernier jour utile la veille, le samedi 16/02/2019.
    assert date_limite_resiliation(contrat, liste[0]) == D(2019, 2, 16)
    assert date_effet_resiliation(contrat, D(2019, 2, 16)).date_effet == D(2020, 2, 17)
    assert date_effet_resiliation(contrat, D(2019, 2, 17)).date_effet == D(2023, 2, 17)


def test_convention_rsa_agenda_acomptes() -> None:
    """Art. 8.2.1 : acompte du mois M réglé « le 5 du mois M+1 ou le jour ouvré le plus proche
    suivant cette date »."""
    contrat = exemple_contrat("convention-rsa-lozere")
    evenements = agenda(contrat, D(2017, 3, 1), D(2017, 12, 31) + LENDEMAIN)
    acomptes = [e.date for e in evenements if "acompte rSa" in e.libelle]
    assert acomptes == [
        D(2017, 3, 6),  # dimanche 5 mars
        D(2017, 4, 5),
        D(2017, 5, 5),
        D(2017, 6, 6),  # lundi 5 juin 2017 : lundi de Pentecôte
        D(2017, 7, 5),
        D(2017, 8, 7),  # samedi 5 août
        D(2017, 9, 5),
        D(2017, 10, 5),
        D(2017, 11, 6),  # dimanche 5 novembre
        D(2017, 12, 5),
    ]
    assert [e.date for e in evenements] == sorted(e.date for e in evenements)


def test_extranet_valloire() -> None:
    """« établie pour une durée d'un an, reconductible une fois » ; résiliable à tout moment."""
    contrat = exemple_contrat("extranet-valloire-habitat")
    liste = periodes(contrat)
    assert [(p.debut, p.fin) for p in liste] == [
        (D(2023, 6, 9), D(2024, 6, 9)),
        (D(2024, 6, 9), D(2025, 6, 9)),
    ]
    resultat = date_effet_resiliation(contrat, D(2023, 9, 1))
    assert resultat.date_effet == D(2023, 9, 1)
    evenements = agenda(contrat, D(2023, 1, 1), D(2030, 12, 31) + LENDEMAIN)
    assert evenements[-1].date == D(2025, 6, 9)
    purges = [e.date for e in evenements if e.libelle.startswith("Vérifier la purge")]
    assert purges == [D(2023, 12, 9), D(2024, 6, 9), D(2024, 12, 9)]
    bilans = [e.date for e in evenements if e.libelle.startswith("Revue annuelle")]
    assert bilans == [D(2024, 6, 9)]


def test_lucca_duree_indeterminee() -> None:
    contrat = exemple_contrat("lucca-ddtm34")
    assert periodes(contrat)[0].fin is None
    janviers = [
        e.date
        for e in agenda(contrat, D(2024, 1, 1), D(2026, 12, 31) + LENDEMAIN)
        if e.nature is NatureEvenement.OBLIGATION
    ]
    assert janviers == [D(2025, 1, 1), D(2026, 1, 1)]


def test_cdc_57851_delais() -> None:
    contrat = exemple_contrat("cdc-57851-delais")
    evenements = agenda(contrat, D(2016, 12, 1), D(2017, 12, 31) + LENDEMAIN)
    premier = next(e for e in evenements if e.libelle.startswith("Premier Versement"))
    # 10 jours ouvrés après le jeudi 15 décembre 2016 (25 décembre dimanche, 26 ouvré).
    assert premier.date == D(2016, 12, 29)


@pytest.mark.parametrize(
    "nom",
    [
        "convention-rsa-lozere",
        "extranet-valloire-habitat",
        "lucca-ddtm34",
        "alcome-contrat-type",
        "cdc-57851-delais",
    ],
)
def test_exemples_ont_une_source_et_des_hypotheses(nom: str) -> None:
    contrat = exemple_contrat(nom)
    assert contrat.source
    assert contrat.hypotheses


def test_reconduction_tacite_illimitee_exige_une_borne() -> None:
    contrat = Contrat(
        nom="x",
        date_effet=D(2024, 1, 31),
        duree=lire_duree("1 mois"),
        reconduction=Reconduction(mode="tacite"),
    )
    with pytest.raises(ErreurValeur, match="jusqu_au"):
        periodes(contrat)
    fins = [p.fin for p in periodes(contrat, jusqu_au=D(2024, 5, 1))]
    # Toujours depuis l'origine : le quantième 31 ne dérive pas après février.
    assert fins == [D(2024, 2, 29), D(2024, 3, 31), D(2024, 4, 30), D(2024, 5, 31)]


def test_preavis_avec_acheminement() -> None:
    contrat = Contrat(
        nom="Marché",
        date_effet=D(2024, 1, 1),
        duree=lire_duree("1 an"),
        reconduction=Reconduction(mode="tacite", nombre_max=3),
        resiliation=Resiliation(
            preavis=lire_duree("3 mois"), acheminement=lire_duree("3 jours ouvrables")
        ),
        regime="cpc",
    )
    liste = periodes(contrat)
    assert len(liste) == 4
    # Échéance le 1er janvier 2025 : trois mois comptés du 31 décembre au 1er octobre, dernier
    # jour utile le lundi 30 septembre. Une lettre qui met 3 jours ouvrables arrive le 30 si elle
    # part le jeudi 26 (27, 28, 30 : le dimanche n'est pas ouvrable).
    assert date_limite_resiliation(contrat, liste[0]) == D(2024, 9, 30)
    evenements = agenda(contrat, D(2024, 1, 1), D(2024, 12, 31) + LENDEMAIN)
    envoi = next(e for e in evenements if e.nature is NatureEvenement.ENVOI_RESILIATION)
    assert envoi.date == D(2024, 9, 26)


@pytest.mark.parametrize(
    ("kwargs", "motif"),
    [
        ({"reconduction": Reconduction(mode="tacite")}, "durée indéterminée"),
        ({"duree": lire_duree("0 mois")}, "> 0"),
        ({"zone": "atlantide"}, "zone inconnue"),
        ({"regime": "romain"}, "régime"),
    ],
)
def test_contrat_invalide(kwargs: dict[str, object], motif: str) -> None:
    with pytest.raises((ErreurValeur, LookupError), match=motif):
        Contrat(nom="x", date_effet=D(2024, 1, 1), **kwargs)  # type: ignore[arg-type]


def test_obligation_invalide() -> None:
    with pytest.raises(ErreurValeur, match="exactement une règle"):
        Obligation(libelle="x")
    with pytest.raises(ErreurValeur, match="MM-JJ"):
        Obligation(libelle="x", annuelle="31-12")
    with pytest.raises(ErreurValeur, match="valeur inconnue"):
        Obligation(libelle="x", mensuelle=5, report="plus tard")
    with pytest.raises(ErreurValeur, match="report inconnu pour une obligation"):
        Obligation(libelle="x", mensuelle=5, report="suivant_modifie")


def test_chargeur_nomme_le_fichier_et_la_cle() -> None:
    with pytest.raises(ErreurDossier, match=r"fichier « f.toml », clé « contrat.date_effet »"):
        contrat_depuis_donnees({"contrat": {"nom": "x"}}, fichier="f.toml")
    with pytest.raises(ErreurDossier, match=r"clé « contrat.duree ».*unité de délai inconnue"):
        contrat_depuis_donnees(
            {"contrat": {"nom": "x", "date_effet": D(2024, 1, 1), "duree": "3 anz"}},
            fichier="f.toml",
        )
    with pytest.raises(ErreurDossier, match=r"clé « contrat.duree_initiale ».*clé inconnue"):
        contrat_depuis_donnees(
            {"contrat": {"nom": "x", "date_effet": D(2024, 1, 1), "duree_initiale": "3 ans"}},
            fichier="f.toml",
        )


# --- rendus ----------------------------------------------------------------------------------


@pytest.fixture
def rsa() -> Agenda:
    contrat = exemple_contrat("convention-rsa-lozere")
    return agenda(contrat, D(2019, 1, 1), D(2020, 4, 1))


def test_rendu_texte(rsa: Agenda) -> None:
    texte = rsa.rendre("texte")
    assert isinstance(texte, str)
    assert "16/02/2019  samedi    Date limite de première présentation" in texte
    assert "jour non ouvré : en pratique au plus tard le 15/02/2019" in " ".join(texte.split())
    assert "17/02/2020  lundi     Échéance de la période 1" in texte
    assert (
        max(len(ligne) for ligne in texte.splitlines() if ligne.startswith(("1", "0", "2", "3")))
        <= 100
    )


def test_rendu_json(rsa: Agenda) -> None:
    donnees = json.loads(rsa.rendre("json"))
    assert donnees["periodes"][0] == {
        "numero": 1,
        "debut": "2017-02-17",
        "echeance": "2020-02-17",
        "dernier_jour": "2020-02-16",
        "nature": "initiale",
        "conditionnelle": False,
    }
    assert {"date", "jour", "libelle", "nature", "reference", "contrat"} == set(
        donnees["evenements"][0]
    )


def test_rendu_csv(rsa: Agenda) -> None:
    texte = rsa.rendre("csv", table="evenements")
    assert isinstance(texte, str)
    lignes = list(csv.DictReader(io.StringIO(texte)))
    assert lignes[0].keys() == {"date", "jour", "libelle", "nature", "reference", "contrat"}
    assert lignes[0]["contrat"] == rsa.contrat.nom
    assert len(lignes) == len(rsa)


def test_rendu_ics_rfc5545(rsa: Agenda) -> None:
    ics = rsa.rendre("ics", horodatage=dt.datetime(2026, 1, 2, 3, 4, 5, tzinfo=dt.UTC))
    assert isinstance(ics, str)
    assert ics.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:")
    assert ics.endswith("END:VCALENDAR\r\n")
    lignes = ics.split("\r\n")
    assert all(len(ligne.encode("utf-8")) <= 75 for ligne in lignes)
    assert "\n" not in ics.replace("\r\n", "")
    assert ics.count("BEGIN:VEVENT") == len(rsa) == ics.count("DTSTAMP:20260102T030405Z")
    assert "DTSTART;VALUE=DATE:20190216" in ics
    assert "DTEND;VALUE=DATE:20190217" in ics
    deplie = ics.replace("\r\n ", "")
    assert "SUMMARY:Date limite de première présentation de la lettre recommandée" in deplie
    uids = [ligne for ligne in deplie.split("\r\n") if ligne.startswith("UID:")]
    assert len(set(uids)) == len(uids)
    # Les UID sont stables d'un export à l'autre.
    autre = rsa.rendre("ics", horodatage=dt.datetime(2027, 1, 1, tzinfo=dt.UTC))
    assert isinstance(autre, str)
    assert [x for x in autre.replace("\r\n ", "").split("\r\n") if x.startswith("UID:")] == uids


def test_agenda_semi_ouvert() -> None:
    """``agenda(contrat, debut, fin)`` couvre ``[debut, fin)`` : la fin est exclue."""
    contrat = exemple_contrat("convention-rsa-lozere")
    jusquau_16 = agenda(contrat, D(2020, 2, 1), D(2020, 2, 17))
    jusquau_17 = agenda(contrat, D(2020, 2, 1), D(2020, 2, 18))
    assert max(e.date for e in jusquau_16) == D(2020, 2, 16)
    assert max(e.date for e in jusquau_17) == D(2020, 2, 17)
    with pytest.raises(ErreurValeur, match="fin de l'agenda"):
        agenda(contrat, D(2020, 2, 1), D(2020, 2, 1))


def test_preavis_plus_long_que_la_periode_refuse() -> None:
    with pytest.raises(ErreurValeur, match="préavis est au moins aussi long"):
        Contrat(
            nom="x",
            date_effet=D(2024, 1, 1),
            duree=lire_duree("6 mois"),
            resiliation=Resiliation(preavis=lire_duree("1 an")),
        )


def test_duree_composee_dans_un_contrat() -> None:
    contrat = Contrat(nom="x", date_effet=D(2024, 1, 31), duree=lire_duree("1 mois et 15 jours"))
    assert periodes(contrat)[0].fin == D(2024, 3, 15)
    with pytest.raises(ErreurValeur, match="délai simple"):
        Obligation(libelle="x", delai=lire_duree("1 mois et 1 jour"), repetition=True)
    renouvele = Contrat(
        nom="x",
        date_effet=D(2024, 1, 31),
        duree=lire_duree("1 mois et 15 jours"),
        reconduction=Reconduction(mode="tacite", nombre_max=1),
    )
    with pytest.raises(ErreurValeur, match="ne peut pas se répéter"):
        periodes(renouvele)
