"""Dossier de soutiens REP (TOML) : barème, année, communes ou tonnages, pénalités.

```toml
[dossier]
bareme = "alcome"
annee = 2022
en_vigueur_du = 2022-01-01     # inclus ; défaut 1er janvier
en_vigueur_au = 2022-12-31     # inclus ; défaut 31 décembre
coefficient = "1"              # facultatif : taux d'acquittement, coefficient outre-mer…
[[communes]]
nom = "Oraison"
population = 6300               # habitants permanents
lits_touristiques = 500         # critères facultatifs
taux_residences_secondaires = "12 %"
commerces = 40
typologie = "touristique"       # facultatif : typologie déclarée
[penalites]                     # facultatif
titres_non_conformes = 1
arretes_non_communiques = true
bilan_non_communique = false
expeditions_non_tracees = 0
```

Un barème par tonne prend des ``[[tonnages]]`` (``matiere``, ``tonnes = "12.5"``) au lieu des
communes. Les dates du dossier suivent le contrat (dernier jour inclus) ; le modèle garde la
période semi-ouverte ``[debut, fin)``.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import attrs

from collectivites._champs import en_tuple, v_date, v_instance, v_tuple_de
from collectivites._moteur import moteur
from collectivites.chargement import (
    Chargeur,
    Cle,
    Date,
    Entier,
    Liste,
    Nombre,
    Schema,
    SousTable,
    SousTables,
    Taux,
    Texte,
)
from collectivites.chargement._schema import Type, _Lieu
from collectivites.erreurs import ErreurType
from collectivites.regles.rep._bareme import Bareme
from collectivites.regles.rep._registre import bareme_en_vigueur
from collectivites.regles.rep._soutiens import (
    POPULATION_MAX,
    CommuneRep,
    ResultatSoutiens,
    Tonnage,
    calculer_soutiens,
)

__all__ = [
    "SCHEMA_REP",
    "DossierRep",
    "calculer_dossier_rep",
    "charger_rep",
    "exemple_rep",
    "rep_depuis_donnees",
]


@attrs.frozen(kw_only=True)
class DossierRep:
    """Les données d'un calcul de soutiens ; ``[debut, fin)`` : vigueur dans l'année."""

    bareme: Bareme = attrs.field(validator=v_instance(Bareme))
    annee: int
    nom: str = ""
    debut: dt.date | None = attrs.field(default=None, validator=v_date(optionnel=True))
    fin: dt.date | None = attrs.field(default=None, validator=v_date(optionnel=True))
    coefficient: Decimal = Decimal(1)
    communes: tuple[CommuneRep, ...] = attrs.field(
        default=(), converter=en_tuple, validator=v_tuple_de(CommuneRep)
    )
    tonnages: tuple[Tonnage, ...] = attrs.field(
        default=(), converter=en_tuple, validator=v_tuple_de(Tonnage)
    )
    penalites: tuple[tuple[str, int | bool], ...] = ()
    hypotheses: tuple[str, ...] = ()


COMMUNE = Schema(
    nom="commune",
    cles=(
        Cle("nom", Texte(), aide="nom de la commune"),
        Cle("population", Entier(0, POPULATION_MAX), aide="habitants permanents"),
        Cle("lits_touristiques", Entier(0, 10 * POPULATION_MAX), None, "lits touristiques"),
        Cle(
            "taux_residences_secondaires",
            Taux(Decimal(0), Decimal(1)),
            None,
            "part des résidences secondaires",
        ),
        Cle("commerces", Entier(0, POPULATION_MAX), None, "nombre de commerces"),
        Cle("typologie", Texte(longueur_max=80), None, "typologie déclarée"),
    ),
    fabrique=lambda v: CommuneRep(**v),
    unicite="nom",
)

TONNAGE = Schema(
    nom="tonnage",
    cles=(
        Cle("matiere", Texte(longueur_max=80), aide="code de la matière"),
        Cle("tonnes", Nombre(Decimal(0), Decimal("1e9"), 3), aide="tonnes (au kilogramme)"),
    ),
    fabrique=lambda v: Tonnage(**v),
    unicite="matiere",
)


class _Declarations(Type):
    """``[penalites]`` : pour chaque code du barème, un nombre de manquements ou true/false."""

    attendu = "une table « code = nombre » ou « code = true »"

    def lire(self, valeur: Any, lieu: _Lieu, /) -> tuple[tuple[str, int | bool], ...]:
        if not isinstance(valeur, dict):
            raise ErreurType("une table est attendue", valeur=valeur, attendu=self.attendu)
        for code, nombre in valeur.items():
            if not isinstance(nombre, bool | int):
                raise lieu.sous(code).erreur(
                    ErreurType(
                        "type refusé", valeur=nombre, attendu="un nombre entier ou true/false"
                    )
                )
        return tuple(valeur.items())


TETE = Schema(
    nom="dossier",
    cles=(
        Cle("bareme", Texte(longueur_max=80), aide="code du barème (alcome…)"),
        Cle("annee", Entier(1900, 2199), aide="année des soutiens"),
        Cle("nom", Texte(vide=True), "", "intitulé"),
        Cle("en_vigueur_du", Date(), None, "premier jour de vigueur dans l'année"),
        Cle("en_vigueur_au", Date(), None, "dernier jour de vigueur (inclus)"),
        Cle("coefficient", Nombre(Decimal(0), Decimal(10), 6), Decimal(1), "multiplicateur"),
        Cle("hypotheses", Liste(Texte(vide=True, longueur_max=2000)), (), "hypothèses"),
    ),
    fabrique=lambda v: v,
)


def _dossier(v: dict[str, Any]) -> DossierRep:
    tete = v["dossier"]
    au: dt.date | None = tete["en_vigueur_au"]
    dossier = DossierRep(
        bareme=bareme_en_vigueur(tete["bareme"], tete["annee"]),
        annee=tete["annee"],
        nom=tete["nom"],
        debut=tete["en_vigueur_du"],
        fin=None if au is None else au + dt.timedelta(days=1),
        coefficient=tete["coefficient"],
        communes=v["communes"],
        tonnages=v["tonnages"],
        penalites=v["penalites"],
        hypotheses=tete["hypotheses"],
    )
    calculer_dossier_rep(dossier)  # les règles du calcul valident le dossier entier
    return dossier


#: Schéma d'un dossier de soutiens REP.
SCHEMA_REP = Schema(
    nom="dossier REP",
    cles=(
        Cle("dossier", SousTable(TETE), aide="barème, année, vigueur"),
        Cle("communes", SousTables(COMMUNE), (), "communes (barème par habitant)"),
        Cle("tonnages", SousTables(TONNAGE), (), "tonnages (barème par tonne)"),
        Cle("penalites", _Declarations(), (), "manquements déclarés"),
    ),
    fabrique=_dossier,
    champs={
        "bareme": "dossier.bareme",
        "annee": "dossier.annee",
        "debut": "dossier.en_vigueur_du",
        "fin": "dossier.en_vigueur_au",
        "coefficient": "dossier.coefficient",
    },
)


@moteur
def calculer_dossier_rep(dossier: DossierRep) -> ResultatSoutiens:
    """Calcule les soutiens d'un dossier."""
    return calculer_soutiens(
        dossier.bareme,
        dossier.annee,
        communes=dossier.communes,
        tonnages=dossier.tonnages,
        debut=dossier.debut,
        fin=dossier.fin,
        penalites=dict(dossier.penalites),
        coefficient=dossier.coefficient,
        hypotheses=dossier.hypotheses,
    )


_CHARGEUR = Chargeur(SCHEMA_REP)
#: Construit un dossier REP depuis des données déjà lues (TOML, JSON).
rep_depuis_donnees = _CHARGEUR.depuis_donnees
#: Lit un dossier de soutiens depuis un fichier TOML.
charger_rep = _CHARGEUR.charger
#: Un dossier des exemples livrés (``rep-oraison-2022``, ``rep-groupement-2021``…).
exemple_rep = _CHARGEUR.exemple
