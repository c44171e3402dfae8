"""Rendus de l'agenda d'un contrat : texte, JSON, CSV et iCalendar (RFC 5545)."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence

from collectivites._rendu import en_csv, en_json
from collectivites.regles.delais.contrats import Contrat, Evenement, periodes

__all__ = ["agenda_csv", "agenda_ics", "agenda_json", "agenda_texte"]

_JOURS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")


def agenda_texte(contrat: Contrat, evenements: Sequence[Evenement]) -> str:
    """Agenda lisible : une ligne par date, avec le jour de la semaine."""
    lignes = [f"{contrat.nom}"]
    if contrat.source:
        lignes.append(f"Source : {contrat.source}")
    for hypothese in contrat.hypotheses:
        lignes.append(f"Hypothèse : {hypothese}")
    lignes.append("")
    for e in evenements:
        jour = _JOURS[e.date.weekday()]
        lignes.append(f"{e.date.isoformat()}  {jour:<8}  {e.libelle}")
    return "\n".join(lignes) + "\n"


def _en_dict(e: Evenement) -> dict[str, str]:
    return {
        "contrat": e.contrat,
        "date": e.date.isoformat(),
        "jour": _JOURS[e.date.weekday()],
        "libelle": e.libelle,
        "nature": e.nature,
        "reference": e.reference,
    }


def agenda_json(contrat: Contrat, evenements: Sequence[Evenement]) -> str:
    """Agenda en JSON : le contrat, ses périodes et ses événements."""
    fin = evenements[-1].date if evenements else contrat.date_effet
    return en_json(
        {
            "contrat": contrat.nom,
            "source": contrat.source,
            "hypotheses": list(contrat.hypotheses),
            "date_effet": contrat.date_effet.isoformat(),
            "periodes": [
                {
                    "numero": p.numero,
                    "debut": p.debut.isoformat(),
                    "echeance": p.fin.isoformat() if p.fin else None,
                    "dernier_jour": p.dernier_jour.isoformat() if p.dernier_jour else None,
                    "nature": p.nature,
                    "conditionnelle": p.conditionnelle,
                }
                for p in periodes(contrat, jusqu_au=fin)
            ],
            "evenements": [
                {k: v for k, v in _en_dict(e).items() if k != "contrat"} for e in evenements
            ],
        }
    )


def agenda_csv(contrat: Contrat, evenements: Sequence[Evenement]) -> str:
    """Agenda en CSV : ``date,jour,libelle,nature,reference,contrat`` (la dernière colonne permet
    de fusionner les agendas de plusieurs contrats)."""
    entetes = ("date", "jour", "libelle", "nature", "reference", "contrat")
    return en_csv(
        entetes,
        [
            [_en_dict(e)[c] or (contrat.nom if c == "contrat" else "") for c in entetes]
            for e in evenements
        ],
    )


def _echapper(texte: str) -> str:
    return texte.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _plier(ligne: str) -> str:
    """Plie une ligne de contenu à 75 octets (RFC 5545, § 3.1)."""
    octets = ligne.encode("utf-8")
    if len(octets) <= 75:
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


def agenda_ics(
    contrat: Contrat, evenements: Sequence[Evenement], *, horodatage: dt.datetime
) -> str:
    """Agenda iCalendar (RFC 5545) : un VEVENT d'une journée par date.

    ``horodatage`` (UTC) renseigne la propriété obligatoire DTSTAMP ; les UID sont stables (ils
    dépendent du contrat, de la date et du libellé), si bien qu'un agenda réimporté met à jour
    les événements au lieu de les dupliquer.
    """
    tampon = horodatage.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    lignes = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//collectivites//agenda des contrats//FR",
        "CALSCALE:GREGORIAN",
        f"X-WR-CALNAME:{_echapper(contrat.nom)}",
    ]
    for e in evenements:
        empreinte = hashlib.sha256(f"{contrat.nom}|{e.date}|{e.libelle}".encode()).hexdigest()
        lignes += [
            "BEGIN:VEVENT",
            f"UID:{empreinte[:32]}@collectivites",
            f"DTSTAMP:{tampon}",
            f"DTSTART;VALUE=DATE:{e.date.strftime('%Y%m%d')}",
            f"DTEND;VALUE=DATE:{(e.date + dt.timedelta(days=1)).strftime('%Y%m%d')}",
            f"SUMMARY:{_echapper(e.libelle)}",
            f"DESCRIPTION:{_echapper(' — '.join(x for x in (contrat.nom, e.reference) if x))}",
            f"CATEGORIES:{_echapper(e.nature)}",
            "TRANSP:TRANSPARENT",
            "END:VEVENT",
        ]
    lignes.append("END:VCALENDAR")
    return "".join(_plier(ligne) + "\r\n" for ligne in lignes)
