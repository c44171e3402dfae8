"""Lecture des règles de jours fériés et des zones (données du paquet)."""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import unicodedata

import attrs
from dateutil.easter import easter

from collectivites.donnees import lire_csv_paquet
from collectivites.erreurs import ErreurDonnees, ErreurType

__all__ = ["RegleFerie", "Zone", "normaliser_zone", "regles_de_zone", "zones"]


@attrs.frozen(kw_only=True)
class RegleFerie:
    """Une règle de jour férié : date fixe (``MM-JJ``) ou décalage de Pâques (``paques+1``)."""

    zone: str
    code: str
    nom: str
    regle: str
    annee_debut: int | None
    annee_fin: int | None
    categorie: str
    reference: str
    note: str = ""

    def date_en(self, annee: int) -> dt.date | None:
        """Date de ce jour férié l'année ``annee``, ou ``None`` hors de ses années d'effet."""
        if self.annee_debut is not None and annee < self.annee_debut:
            return None
        if self.annee_fin is not None and annee > self.annee_fin:
            return None
        if self.regle.startswith("paques"):
            paques: dt.date = easter(annee)
            return paques + dt.timedelta(days=int(self.regle[len("paques") :]))
        mois, jour = self.regle.split("-")
        return dt.date(annee, int(mois), int(jour))


@attrs.frozen(kw_only=True)
class Zone:
    """Une zone du calendrier légal (métropole, Alsace-Moselle, un département ou une COM)."""

    code: str
    nom: str
    alias: tuple[str, ...]
    groupes: tuple[str, ...]


def _entier(texte: str) -> int | None:
    return int(texte) if texte.strip() else None


@functools.cache
def _toutes_les_regles() -> tuple[RegleFerie, ...]:
    return tuple(
        RegleFerie(
            zone=ligne["zone"],
            code=ligne["code"],
            nom=ligne["nom"],
            regle=ligne["regle"],
            annee_debut=_entier(ligne["annee_debut"]),
            annee_fin=_entier(ligne["annee_fin"]),
            categorie=ligne["categorie"],
            reference=ligne["reference"],
            note=ligne.get("note") or "",
        )
        for ligne in lire_csv_paquet("jours_feries.csv")
    )


@functools.cache
def zones() -> dict[str, Zone]:
    """Les zones connues, par code."""
    resultat = {}
    for ligne in lire_csv_paquet("zones.csv"):
        alias = tuple(a.strip() for a in ligne["alias"].split(",") if a.strip())
        resultat[ligne["code"]] = Zone(
            code=ligne["code"],
            nom=ligne["nom"],
            alias=alias,
            groupes=tuple(ligne["regles"].split()),
        )
    return resultat


def _sans_accents(texte: str) -> str:
    decompose = unicodedata.normalize("NFKD", texte)
    return "".join(c for c in decompose if not unicodedata.combining(c)).lower().strip()


@functools.cache
def _index_alias() -> dict[str, str]:
    index = {}
    for code, zone in zones().items():
        index[code] = code
        for alias in zone.alias:
            index[_sans_accents(alias)] = code
    return index


def normaliser_zone(zone: str) -> str:
    """Code canonique d'une zone (« 57 » → « alsace-moselle »), ou erreur avec suggestion."""
    if not isinstance(zone, str):
        raise ErreurType("type refusé", cle="zone", valeur=zone, attendu="un texte (code de zone)")
    return _normaliser_zone(zone)


@functools.cache
def _normaliser_zone(zone: str) -> str:
    cle = _sans_accents(str(zone)).replace(" ", "-").replace("_", "-")
    index = _index_alias()
    if cle in index:
        return index[cle]
    proches = difflib.get_close_matches(cle, list(index), n=1)
    suggestion = f" ; vouliez-vous dire « {proches[0]} » ?" if proches else ""
    raise ErreurDonnees(
        f"zone inconnue{suggestion}", cle="zone", valeur=zone, attendu=", ".join(zones())
    )


@functools.cache
def regles_de_zone(zone: str, inclure_chomes_locaux: bool = False) -> tuple[RegleFerie, ...]:
    """Règles applicables à une zone (code canonique ou alias)."""
    code = normaliser_zone(zone)
    groupes = set(zones()[code].groupes)
    categories = {"ferie_legal", "chome_local"} if inclure_chomes_locaux else {"ferie_legal"}
    return tuple(r for r in _toutes_les_regles() if r.zone in groupes and r.categorie in categories)
