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

__all__ = [
    "RegleFerie",
    "Zone",
    "hypotheses_de_zone",
    "normaliser_zone",
    "regles_de_zone",
    "zone",
    "zones",
]


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
    """Une zone du calendrier légal (métropole, Alsace-Moselle, un département ou une COM).

    ``precision`` : ce que l'utilisateur doit savoir de la variante appliquée (Vendredi saint
    d'Alsace-Moselle, jour légal de Saint-Martin) ; les délais, agendas et calendriers qui utilisent
    la zone la reprennent dans leurs hypothèses. Une zone sans groupe de règles est hors du champ
    de la bibliothèque (le Code du travail n'y est pas applicable) : elle est refusée."""

    code: str
    nom: str
    alias: tuple[str, ...]
    groupes: tuple[str, ...]
    precision: str = ""
    reference: str = ""

    @property
    def hors_champ(self) -> bool:
        return not self.groupes


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
            precision=ligne.get("precision") or "",
            reference=ligne.get("reference") or "",
        )
    return resultat


def zone(code: str) -> Zone:
    """La zone ``code`` (code canonique ou alias)."""
    return zones()[normaliser_zone(code)]


def hypotheses_de_zone(code: str) -> tuple[str, ...]:
    """La précision de la zone, à reprendre dans les hypothèses d'un résultat (vide sinon)."""
    precision = zone(code).precision
    return (precision,) if precision else ()


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


_ATTENDU_NUMERO = (
    "un numéro de département (01 à 95, 2A, 2B), un territoire d'outre-mer (971 à 978) ou un "
    "nom de zone"
)


@functools.cache
def _normaliser_zone(zone: str) -> str:
    cle = _sans_accents(str(zone)).replace(" ", "-").replace("_", "-")
    index = _index_alias()
    if cle in index:
        code = index[cle]
        if zones()[code].hors_champ:
            raise ErreurDonnees(
                zones()[code].precision or "zone hors du champ du calendrier légal",
                cle="zone",
                valeur=zone,
                attendu=", ".join(c for c, z in zones().items() if not z.hors_champ),
            )
        return code
    if cle[:1].isdigit():
        # Un numéro mal tapé : aucune suggestion, un voisin serait trompeur (« 975 » pour « 957 »).
        raise ErreurDonnees(
            "code de département ou de territoire inconnu",
            cle="zone",
            valeur=zone,
            attendu=_ATTENDU_NUMERO,
        )
    noms = [a for a in index if not a[:1].isdigit()]
    proches = difflib.get_close_matches(cle, noms, n=1)
    suggestion = f" ; vouliez-vous dire « {proches[0]} » ?" if proches else ""
    raise ErreurDonnees(
        f"zone inconnue{suggestion}",
        cle="zone",
        valeur=zone,
        attendu=", ".join(c for c, z in zones().items() if not z.hors_champ),
    )


@functools.cache
def regles_de_zone(zone: str, inclure_chomes_locaux: bool = False) -> tuple[RegleFerie, ...]:
    """Règles applicables à une zone (code canonique ou alias)."""
    code = normaliser_zone(zone)
    groupes = set(zones()[code].groupes)
    categories = {"ferie_legal", "chome_local"} if inclure_chomes_locaux else {"ferie_legal"}
    return tuple(r for r in _toutes_les_regles() if r.zone in groupes and r.categorie in categories)
