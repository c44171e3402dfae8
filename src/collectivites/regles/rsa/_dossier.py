"""Dossier rSa : la convention et les données d'une ou plusieurs années, lu depuis un TOML.

```toml
[convention]
jour_echeance = 5
report = "jour_ouvre_suivant"       # | jour_ouvre_precedent | aucun
echeance = "jour_du_mois_suivant"  # | dernier_jour_du_mois (D262-61) | dernier_jour_du_mois_suivant
taux_reference = "eonia"             # | estr
majoration = "1 %"
base_jours = 360
zone = "metropole"
facturer_negatif = false
avance_tresorerie = "328000.00"
[[acomptes]]
mois = "2017-01"
montant = "476000.00"
paiements = [{ date = 2017-02-20, montant = "476000.00" }]
[[taux_reference_mensuels]]          # facultatif
mois = "2017-01"
valeur = "-0,35 %"
[[estr_mensuels]]                    # facultatif : substitution de l'EONIA après 2021
mois = "2022-01"
valeur = "-0,58 %"
[[operations]]
mois = "2016-12"
montant = "471000.00"
[[decaissements]]                    # rSa versé aux allocataires (neutralité)
date = 2017-01-05
montant = "476000.00"
```
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import attrs

from collectivites._champs import en_tuple, v_date, v_instance, v_tuple_de
from collectivites.calendrier._jours import Ajustement
from collectivites.chargement import (
    Booleen,
    Chargeur,
    Choix,
    Cle,
    Date,
    Entier,
    Liste,
    Mois,
    Montant,
    Nombre,
    Schema,
    SousTable,
    SousTables,
    Taux,
    Texte,
)
from collectivites.donnees import PointSerie, SerieDatee
from collectivites.regles.rsa._modeles import (
    Acompte,
    ConventionRsa,
    Flux,
    Operation,
    Paiement,
    PlafondsAvance,
    RegleEcheance,
    TauxReference,
)

__all__ = [
    "SCHEMA_RSA",
    "DossierRsa",
    "charger_rsa",
    "exemple_rsa",
    "rsa_depuis_donnees",
]

_MONTANT = Montant(minimum=Decimal(0), maximum=Decimal("1e10"))
_MONTANT_POSITIF = Montant(minimum=Decimal(0), maximum=Decimal("1e10"), strict=True)
_TEXTE_LIBRE = Texte(vide=True, longueur_max=2000)


@attrs.frozen(kw_only=True)
class DossierRsa:
    """Une convention et ses données : acomptes, opérations, taux, décaissements."""

    convention: ConventionRsa = attrs.field(validator=v_instance(ConventionRsa))
    acomptes: tuple[Acompte, ...] = attrs.field(
        default=(), converter=en_tuple, validator=v_tuple_de(Acompte)
    )
    operations: tuple[Operation, ...] = attrs.field(
        default=(), converter=en_tuple, validator=v_tuple_de(Operation)
    )
    taux_mensuels: SerieDatee | None = attrs.field(
        default=None, validator=v_instance(SerieDatee, optionnel=True)
    )
    estr_mensuels: SerieDatee | None = attrs.field(
        default=None, validator=v_instance(SerieDatee, optionnel=True)
    )
    decaissements: tuple[Flux, ...] = attrs.field(
        default=(), converter=en_tuple, validator=v_tuple_de(Flux)
    )
    date_arrete: dt.date | None = attrs.field(default=None, validator=v_date(optionnel=True))

    @property
    def flux(self) -> tuple[Flux, ...]:
        """Encaissements (paiements des acomptes) et décaissements de la CAF, par date."""
        recus = [
            Flux(date=p.date, montant=p.montant, libelle=f"acompte {a.mois.strftime('%Y-%m')}")
            for a in self.acomptes
            for p in a.paiements
        ]
        verses = [
            Flux(date=d.date, montant=d.montant.copy_negate(), libelle=d.libelle or "rSa versé")
            for d in self.decaissements
        ]
        return tuple(sorted(recus + verses, key=lambda f: f.date))


PLAFONDS = Schema(
    nom="plafonds d'avance",
    cles=(
        Cle("nombre_par_an", Entier(0, 12), aide="avances par an"),
        Cle("personne_seule", _MONTANT, aide="plafond pour une personne seule"),
        Cle("couple_ou_un_enfant", _MONTANT, aide="plafond couple ou un enfant"),
        Cle("famille_avec_enfants", _MONTANT, aide="plafond famille avec enfants"),
    ),
    fabrique=lambda v: PlafondsAvance(**v),
)

CONVENTION = Schema(
    nom="convention",
    cles=(
        Cle("nom", Texte(vide=True), "", "intitulé de la convention"),
        Cle(
            "echeance", Choix(RegleEcheance), RegleEcheance.JOUR_DU_MOIS_SUIVANT, "règle d'échéance"
        ),
        Cle("jour_echeance", Entier(1, 31), 5, "jour du mois suivant"),
        Cle("report", Choix(Ajustement), Ajustement.SUIVANT, "report d'une échéance non ouvrée"),
        Cle("taux_reference", Choix(TauxReference), TauxReference.EONIA, "eonia ou estr"),
        Cle("majoration", Taux(Decimal(0), Decimal("0.10")), Decimal("0.01"), "majoration du taux"),
        Cle("base_jours", Entier(360, 365), 360, "360 ou 365"),
        Cle("zone", Texte(), "metropole", "zone du calendrier légal"),
        Cle("facturer_negatif", Booleen(), False, "facturer un montant négatif"),
        Cle("avance_tresorerie", _MONTANT, None, "avance de trésorerie (≥ 0)"),
        Cle("plafonds_avance", SousTable(PLAFONDS), None, "avances aux allocataires"),
        Cle(
            "multiple_remise_dette",
            Nombre(Decimal(0), Decimal(100), 2, strict=True),
            None,
            "seuil des remises de dette",
        ),
        Cle("source", _TEXTE_LIBRE, "", "texte d'où vient la convention"),
        Cle("hypotheses", Liste(_TEXTE_LIBRE), (), "hypothèses"),
    ),
    fabrique=lambda v: ConventionRsa(**v),
)

PAIEMENT = Schema(
    nom="paiement",
    cles=(
        Cle("date", Date(), aide="date de valeur"),
        Cle("montant", _MONTANT_POSITIF, aide="montant"),
    ),
    fabrique=lambda v: Paiement(**v),
)

ACOMPTE = Schema(
    nom="acompte",
    cles=(
        Cle("mois", Mois(), aide="mois de la demande d'acompte"),
        Cle("montant", _MONTANT, aide="montant appelé"),
        Cle("paiements", SousTables(PAIEMENT), (), "paiements du département"),
    ),
    fabrique=lambda v: Acompte(**v),
    unicite="mois",
)

TAUX_MENSUEL = Schema(
    nom="taux mensuel",
    cles=(
        Cle("mois", Mois(), aide="mois"),
        Cle("valeur", Taux(Decimal("-0.05"), Decimal("0.25")), aide="moyenne mensuelle"),
    ),
    fabrique=lambda v: PointSerie(date_effet=v["mois"], valeur=v["valeur"], source="dossier"),
    unicite="mois",
)

OPERATION = Schema(
    nom="opération",
    cles=(
        Cle("mois", Mois(), aide="mois comptable"),
        Cle("montant", Montant(minimum=Decimal("-1e10"), maximum=Decimal("1e10")), aide="montant"),
    ),
    fabrique=lambda v: Operation(**v),
)

DECAISSEMENT = Schema(
    nom="décaissement",
    cles=(
        Cle("date", Date(), aide="date"),
        Cle("montant", _MONTANT_POSITIF, aide="rSa versé (> 0)"),
        Cle("libelle", Texte(vide=True), "", "libellé"),
    ),
    fabrique=lambda v: Flux(date=v["date"], montant=v["montant"], libelle=v["libelle"]),
)


def _serie(nom: str, points: tuple[PointSerie, ...]) -> SerieDatee | None:
    return SerieDatee(nom=nom, points=points, source="dossier") if points else None


def _dossier(v: dict[str, Any]) -> DossierRsa:
    return DossierRsa(
        convention=v["convention"],
        acomptes=v["acomptes"],
        operations=v["operations"],
        taux_mensuels=_serie("taux de référence fournis", v["taux_reference_mensuels"]),
        estr_mensuels=_serie("€STR fourni", v["estr_mensuels"]),
        decaissements=v["decaissements"],
        date_arrete=v["date_arrete"],
    )


#: Schéma d'un dossier rSa.
SCHEMA_RSA = Schema(
    nom="dossier rSa",
    cles=(
        Cle("convention", SousTable(CONVENTION), aide="paramètres de la convention"),
        Cle("acomptes", SousTables(ACOMPTE), (), "demandes d'acompte et paiements"),
        Cle(
            "taux_reference_mensuels", SousTables(TAUX_MENSUEL), (), "moyennes mensuelles fournies"
        ),
        Cle("estr_mensuels", SousTables(TAUX_MENSUEL), (), "moyennes mensuelles de l'€STR"),
        Cle("operations", SousTables(OPERATION), (), "opérations comptabilisées par la CAF"),
        Cle("decaissements", SousTables(DECAISSEMENT), (), "rSa versé aux allocataires"),
        Cle("date_arrete", Date(), None, "date d'arrêté des parts impayées"),
    ),
    fabrique=_dossier,
)


_CHARGEUR = Chargeur(SCHEMA_RSA)
#: Construit un dossier rSa depuis des données déjà lues (TOML, JSON).
rsa_depuis_donnees = _CHARGEUR.depuis_donnees
#: Lit un dossier rSa depuis un fichier TOML.
charger_rsa = _CHARGEUR.charger
#: Un dossier rSa des exemples livrés.
exemple_rsa = _CHARGEUR.exemple
