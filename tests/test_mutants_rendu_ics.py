"""Rendu iCalendar (``rendu/_ics.py``, RFC 5545) : échappement des TEXT (§ 3.3.11), pliage à 75
octets (§ 3.1), un VEVENT d'une journée par ligne d'agenda, refus hors agenda (issue 27).

Le fichier attendu est écrit ligne à ligne depuis la RFC et la docstring ; l'UID est l'empreinte
SHA-256 documentée (« calendrier|date|libellé », 32 premiers chiffres hexadécimaux).
"""

from __future__ import annotations

import datetime as dt
import enum
import hashlib

import pytest

from collectivites.erreurs import ErreurValeur
from collectivites.rendu._ics import _echapper, _plier, en_ics
from collectivites.tables import Colonne, Document, Genre, Table

HEURE = dt.datetime(2024, 1, 2, 3, 4, 5, tzinfo=dt.timezone(dt.timedelta(hours=1)))


def test_echapper() -> None:
    assert _echapper("a\\b;c,d") == "a\\\\b\\;c\\,d"
    assert _echapper("un\r\ndeux\rtrois\nquatre") == "un\\ndeux\\ntrois\\nquatre"
    assert _echapper("\\n") == "\\\\n"  # la barre d'abord : « \n » écrit reste deux caractères
    assert _echapper("Oraison : 1 €") == "Oraison : 1 €"


def test_plier_a_75_octets() -> None:
    assert _plier("A" * 75) == "A" * 75
    assert _plier("A" * 76) == "A" * 75 + "\r\n A"
    # les lignes suivantes : 74 octets après l'espace de continuation
    assert _plier("A" * 150) == "A" * 75 + "\r\n " + "A" * 74 + "\r\n A"
    assert _plier("A" * 149) == "A" * 75 + "\r\n " + "A" * 74
    # un caractère de deux octets n'est jamais coupé
    assert _plier("A" * 74 + "é") == "A" * 74 + "\r\n é"
    assert _plier("A" * 73 + "é") == "A" * 73 + "é"  # 75 octets tout juste
    assert _plier("é" * 38) == "é" * 37 + "\r\n é"
    assert _plier("") == ""


def _uid(calendrier: str, jour: str, libelle: str) -> str:
    empreinte = hashlib.sha256(f"{calendrier}|{jour}|{libelle}".encode()).hexdigest()
    return f"UID:{empreinte[:32]}@collectivites"


def _agenda(*lignes: tuple[object, ...], titre: str = "Échéancier") -> Table:
    return Table(
        cle="agenda",
        titre=titre,
        colonnes=(
            Colonne(cle="date", libelle="Date", genre=Genre.DATE),
            Colonne(cle="libelle", libelle="Libellé", genre=Genre.TEXTE),
            Colonne(cle="reference", libelle="Référence", genre=Genre.TEXTE),
            Colonne(cle="contrat", libelle="Contrat", genre=Genre.TEXTE),
            Colonne(cle="nature", libelle="Nature", genre=Genre.CODE),
        ),
        lignes=lignes,
        role="agenda",
    )


def test_agenda_complet() -> None:
    table = _agenda(
        (dt.date(2024, 2, 29), "Échéance; 1", "R-1", "Prêt A", Genre.MONTANT),
        (dt.date(2024, 12, 31), None, "", None, "libre"),
        (dt.date(2025, 1, 15), "Révision", None, "", None),
    )
    texte = en_ics(Document(titre="Dette, 2024", tables=(table,)), horodatage=HEURE)
    attendu = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//collectivites//agenda des contrats//FR",
        "CALSCALE:GREGORIAN",
        "X-WR-CALNAME:Dette\\, 2024",
        "BEGIN:VEVENT",
        _uid("Prêt A", "2024-02-29", "Échéance; 1"),
        "DTSTAMP:20240102T020405Z",  # 03:04:05 à UTC+1
        "DTSTART;VALUE=DATE:20240229",
        "DTEND;VALUE=DATE:20240301",  # le lendemain, année bissextile
        "SUMMARY:Échéance\\; 1",
        "DESCRIPTION:Prêt A — R-1",
        "CATEGORIES:montant",
        "TRANSP:TRANSPARENT",
        "END:VEVENT",
        "BEGIN:VEVENT",
        _uid("Dette, 2024", "2024-12-31", ""),
        "DTSTAMP:20240102T020405Z",
        "DTSTART;VALUE=DATE:20241231",
        "DTEND;VALUE=DATE:20250101",
        "SUMMARY:",
        "DESCRIPTION:Dette\\, 2024",
        "CATEGORIES:libre",
        "TRANSP:TRANSPARENT",
        "END:VEVENT",
        "BEGIN:VEVENT",
        _uid("Dette, 2024", "2025-01-15", "Révision"),
        "DTSTAMP:20240102T020405Z",
        "DTSTART;VALUE=DATE:20250115",
        "DTEND;VALUE=DATE:20250116",
        "SUMMARY:Révision",
        "DESCRIPTION:Dette\\, 2024",
        "TRANSP:TRANSPARENT",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    assert texte == "".join(ligne + "\r\n" for ligne in attendu)


class Nature(enum.Enum):
    """Une énumération ordinaire : str() n'y donne pas la valeur (« Nature.ECHEANCE »)."""

    ECHEANCE = "échéance, prêt"


def test_categorie_d_une_enumeration_ordinaire() -> None:
    table = _agenda((dt.date(2024, 1, 1), "L", "", "C", Nature.ECHEANCE))
    texte = en_ics(Document(titre="D", tables=(table,)), horodatage=HEURE)
    assert "\r\nCATEGORIES:échéance\\, prêt\r\n" in texte


def test_nom_de_la_table_et_colonne_nom() -> None:
    """Document sans titre : le calendrier porte le titre de la table ; sans colonne
    « libelle », la colonne « nom » (jours fériés) fait le résumé."""
    table = Table(
        cle="feries",
        titre="Jours fériés",
        colonnes=(
            Colonne(cle="date", libelle="Date", genre=Genre.DATE),
            Colonne(cle="nom", libelle="Nom", genre=Genre.TEXTE),
        ),
        lignes=((dt.date(2024, 7, 14), "Fête nationale"),),
        role="agenda",
    )
    heure = dt.datetime(2024, 7, 1, 23, 59, 59, tzinfo=dt.UTC)
    lignes = en_ics(Document(titre="", tables=(table,)), horodatage=heure).split("\r\n")
    assert lignes[4] == "X-WR-CALNAME:Jours fériés"
    assert lignes[6:14] == [
        _uid("Jours fériés", "2024-07-14", "Fête nationale"),
        "DTSTAMP:20240701T235959Z",
        "DTSTART;VALUE=DATE:20240714",
        "DTEND;VALUE=DATE:20240715",
        "SUMMARY:Fête nationale",
        "DESCRIPTION:Jours fériés",
        "TRANSP:TRANSPARENT",
        "END:VEVENT",
    ]


def test_lignes_longues_pliees() -> None:
    libelle = "Échéance du prêt " + "x" * 80
    texte = en_ics(
        Document(titre="D", tables=(_agenda((dt.date(2024, 1, 1), libelle, "", "C", None)),)),
        horodatage=HEURE,
    )
    resume = "SUMMARY:" + libelle
    attendu = _plier(resume)
    assert attendu != resume and attendu in texte
    assert all(len(ligne.encode()) <= 75 for ligne in texte.split("\r\n"))
    # dépliée (RFC 5545 : CRLF suivi d'une espace retiré), la ligne est entière
    assert resume in texte.replace("\r\n ", "")


def test_agenda_dans_une_partie() -> None:
    partie = Document(titre="Partie", tables=(_agenda((dt.date(2024, 1, 1), "L", "", "C", None)),))
    texte = en_ics(Document(titre="Tout", parties=(partie,)), horodatage=HEURE)
    assert "X-WR-CALNAME:Tout\r\n" in texte and "SUMMARY:L\r\n" in texte


@pytest.mark.parametrize("nombre", [0, 2])
def test_refus_sans_un_agenda_unique(nombre: int) -> None:
    autre = Table(
        cle="t",
        titre="T",
        colonnes=(Colonne(cle="date", libelle="Date", genre=Genre.DATE),),
        lignes=(),
    )
    tables = (autre, *[_agenda() for _ in range(nombre)])
    with pytest.raises(ErreurValeur) as erreur:
        en_ics(Document(titre="D", tables=tables), horodatage=HEURE)
    assert erreur.value.message == (
        "le format ics ne s'applique qu'à un agenda (échéancier d'un contrat, calendrier de "
        "paiement, jours fériés)"
    )
    assert erreur.value.attendu == "texte, csv, csv-excel, json, xlsx ou html"


def test_horodatage_en_utc_quel_que_soit_le_fuseau_de_la_machine(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """DTSTAMP est écrit en UTC (« Z ») depuis l'heure donnée, pas dans le fuseau local."""
    time = pytest.importorskip("time")
    if not hasattr(time, "tzset"):
        pytest.skip("fuseau du processus non modifiable ici")
    monkeypatch.setenv("TZ", "America/New_York")
    time.tzset()
    try:
        table = _agenda((dt.date(2024, 1, 1), "L", "", "C", None))
        texte = en_ics(Document(titre="D", tables=(table,)), horodatage=HEURE)
    finally:
        monkeypatch.undo()
        time.tzset()
    assert "DTSTAMP:20240102T020405Z\r\n" in texte
