"""Rendu iCalendar (RFC 5545) des tables d'agenda : un VEVENT d'une journée par ligne."""

from __future__ import annotations

import datetime as dt
import hashlib

from collectivites.erreurs import ErreurValeur
from collectivites.tables import Document, Table

__all__ = ["en_ics"]


def _echapper(texte: str) -> str:
    """Échappe un TEXT (RFC 5545, § 3.3.11) ; toute fin de ligne (CRLF, CR ou LF) devient
    « \\n », si bien qu'un libellé ne peut jamais ouvrir une propriété ni un événement."""
    texte = texte.replace("\r\n", "\n").replace("\r", "\n")
    return texte.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _plier(ligne: str) -> str:
    """Plie une ligne de contenu à 75 octets (RFC 5545, § 3.1)."""
    if len(ligne.encode("utf-8")) <= 75:
        return ligne
    morceaux = []
    courant = ""
    limite = 75
    for caractere in ligne:
        if len((courant + caractere).encode("utf-8")) > limite:
            morceaux.append(courant)
            courant = caractere
            limite = 74  # l'espace de continuation compte
        else:
            courant += caractere
    morceaux.append(courant)
    return "\r\n ".join(morceaux)


def _agenda(document: Document) -> Table:
    tables = [t for t in document.toutes_les_tables() if t.role == "agenda"]
    if len(tables) != 1:
        raise ErreurValeur(
            "le format ics ne s'applique qu'à un agenda (échéancier d'un contrat, calendrier de "
            "paiement, jours fériés)",
            attendu="texte, csv, csv-excel, json, xlsx ou html",
        )
    return tables[0]


def en_ics(document: Document, *, horodatage: dt.datetime) -> str:
    """Agenda iCalendar. ``horodatage`` (UTC) renseigne la propriété obligatoire DTSTAMP ; les
    UID sont stables (ils dépendent du calendrier, de la date et du libellé), si bien qu'un
    agenda réimporté met à jour ses événements au lieu de les dupliquer."""
    table = _agenda(document)
    tampon = horodatage.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    nom = document.titre or table.titre
    lignes = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//collectivites//agenda des contrats//FR",
        "CALSCALE:GREGORIAN",
        f"X-WR-CALNAME:{_echapper(nom)}",
    ]
    for valeurs in table.enregistrements():
        jour: dt.date = valeurs["date"]
        libelle = str(valeurs.get("libelle") or valeurs.get("nom") or "")
        reference = str(valeurs.get("reference") or "")
        calendrier = str(valeurs.get("contrat") or nom)
        empreinte = hashlib.sha256(f"{calendrier}|{jour}|{libelle}".encode()).hexdigest()
        lignes += [
            "BEGIN:VEVENT",
            f"UID:{empreinte[:32]}@collectivites",
            f"DTSTAMP:{tampon}",
            f"DTSTART;VALUE=DATE:{jour:%Y%m%d}",
            f"DTEND;VALUE=DATE:{jour + dt.timedelta(days=1):%Y%m%d}",
            f"SUMMARY:{_echapper(libelle)}",
            f"DESCRIPTION:{_echapper(' — '.join(x for x in (calendrier, reference) if x))}",
        ]
        if valeurs.get("nature"):
            nature = valeurs["nature"]
            lignes.append(f"CATEGORIES:{_echapper(str(getattr(nature, 'value', nature)))}")
        lignes += ["TRANSP:TRANSPARENT", "END:VEVENT"]
    lignes.append("END:VCALENDAR")
    return "".join(_plier(ligne) + "\r\n" for ligne in lignes)
