"""Schémas des fichiers REP : une version de barème (TOML livré ou de greffon) et un dossier de
soutiens."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from collectivites._moteur import moteur
from collectivites.chargement import (
    Booleen,
    Choix,
    Cle,
    Converti,
    Date,
    Entier,
    Liste,
    Montant,
    Nombre,
    Schema,
    SousTable,
    SousTables,
    Taux,
    Texte,
    lire,
    lire_toml_texte,
)
from collectivites.chargement._schema import Type, _Lieu
from collectivites.erreurs import ErreurType
from collectivites.regles.delais._duree import lire_duree
from collectivites.regles.delais._regimes import Sens
from collectivites.regles.rep._bareme import (
    Assiette,
    Bareme,
    Comparaison,
    Critere,
    EtapeCalendrier,
    Indicateur,
    NaturePenalite,
    Penalite,
    Ponderation,
    TarifTonne,
    TexteBareme,
    Typologie,
)

__all__ = ["SCHEMA_BAREME", "bareme_depuis_toml"]

_REF = Texte(vide=True, longueur_max=2000)
_CODE = Texte(longueur_max=80)
_EUROS = Nombre(Decimal(0), Decimal(1_000_000), 6)

CRITERE = Schema(
    nom="critère",
    cles=(
        Cle("indicateur", Choix(Indicateur)),
        Cle("comparaison", Choix(Comparaison)),
        Cle("seuil", Nombre(Decimal("-1e9"), Decimal("1e9"), 6)),
        Cle("libelle", _REF, ""),
    ),
    fabrique=lambda v: Critere(**v),
)

TYPOLOGIE = Schema(
    nom="typologie",
    cles=(
        Cle("code", _CODE),
        Cle("libelle", Texte()),
        Cle("taux", _EUROS, aide="€ par habitant et par an"),
        Cle("population_min", Entier(0), None),
        Cle("population_max", Entier(1), None),
        Cle("remplace", Liste(_CODE, unique=True), ()),
        Cle("criteres", SousTables(CRITERE), ()),
        Cle("reference", _REF, ""),
    ),
    fabrique=lambda v: Typologie(**v),
    unicite="code",
)

PONDERATION = Schema(
    nom="pondération",
    cles=(
        Cle("annee", Entier(1900, 2199)),
        Cle("coefficient", Nombre(Decimal(0), Decimal(10), 6)),
        Cle("reference", _REF, ""),
    ),
    fabrique=lambda v: Ponderation(**v),
    unicite="annee",
)

TARIF = Schema(
    nom="tarif par tonne",
    cles=(
        Cle("code", _CODE),
        Cle("libelle", Texte()),
        Cle("taux", _EUROS),
        Cle("reference", _REF, ""),
    ),
    fabrique=lambda v: TarifTonne(**v),
    unicite="code",
)

TEXTE = Schema(
    nom="texte",
    cles=(
        Cle("du", Date(), aide="premier jour où le texte fonde le barème"),
        Cle("au", Date(), None, "dernier jour (inclus) ; absent : jusqu'au texte suivant"),
        Cle("reference", Texte(longueur_max=2000)),
    ),
    fabrique=lambda v: TexteBareme(
        debut=v["du"],
        fin=None if v["au"] is None else v["au"] + dt.timedelta(days=1),
        reference=v["reference"],
    ),
)

PENALITE = Schema(
    nom="pénalité",
    cles=(
        Cle("code", _CODE),
        Cle("libelle", Texte()),
        Cle("nature", Choix(NaturePenalite)),
        Cle("montant", Montant(), None),
        Cle("taux", Taux(Decimal(0), Decimal(1)), None),
        Cle("reference", _REF, ""),
    ),
    fabrique=lambda v: Penalite(**v),
    unicite="code",
)

ETAPE = Schema(
    nom="étape du calendrier",
    cles=(
        Cle("libelle", Texte()),
        Cle("code", Texte(vide=True, longueur_max=80), ""),
        Cle("delai", Converti(lire_duree, attendu="une durée")),
        Cle("depart", _CODE),
        Cle("sens", Choix(Sens)),
        Cle("reference", _REF, ""),
    ),
    fabrique=lambda v: EtapeCalendrier(**v),
)

TETE = Schema(
    nom="barème",
    cles=(
        Cle("code", _CODE),
        Cle("nom", Texte()),
        Cle("filiere", _REF, ""),
        Cle("en_vigueur_du", Date(), aide="premier jour de vigueur"),
        Cle("en_vigueur_au", Date(), None, "dernier jour de vigueur (inclus)"),
        Cle("reference", Texte(longueur_max=2000)),
        Cle("assiette", Choix(Assiette)),
        Cle("prorata_temporis", Booleen(), False),
        Cle("prorata_reference", _REF, ""),
        Cle("arrondi", _REF, ""),
    ),
    fabrique=lambda v: v,
)

PLAFOND = Schema(
    nom="plafond des pénalités",
    cles=(Cle("taux", Taux(Decimal(0), Decimal(1))), Cle("reference", _REF, "")),
    fabrique=lambda v: v,
)

PAIEMENT = Schema(
    nom="paiement",
    cles=(
        Cle("echeance_du", Texte(longueur_max=5)),
        Cle("echeance_au", Texte(longueur_max=5)),
        Cle("reference", _REF, ""),
    ),
    fabrique=lambda v: v,
)


class _TableLibre(Type):
    """Une table de paramètres propres au barème (``[autres]``)."""

    attendu = "une table"

    def lire(self, valeur: Any, _lieu: _Lieu, /) -> tuple[tuple[str, Any], ...]:
        if not isinstance(valeur, dict):
            raise ErreurType("une table est attendue", valeur=valeur, attendu=self.attendu)
        return tuple(sorted(valeur.items()))


def _bareme(v: dict[str, Any], fichier: str | None) -> Bareme:
    tete = v["bareme"]
    plafond = v["plafond_penalites"] or {}
    paiement = v["paiement"] or {}
    au: dt.date | None = tete["en_vigueur_au"]
    return Bareme(
        code=tete["code"],
        nom=tete["nom"],
        filiere=tete["filiere"],
        debut=tete["en_vigueur_du"],
        fin=None if au is None else au + dt.timedelta(days=1),
        reference=tete["reference"],
        assiette=tete["assiette"],
        prorata_temporis=tete["prorata_temporis"],
        prorata_reference=tete["prorata_reference"],
        arrondi=tete["arrondi"],
        typologies=v["typologies"],
        ponderations=v["ponderations"],
        tarifs_tonne=v["tarifs_tonne"],
        penalites=v["penalites"],
        plafond_penalites=plafond.get("taux"),
        plafond_reference=plafond.get("reference", ""),
        echeance_du=paiement.get("echeance_du"),
        echeance_au=paiement.get("echeance_au"),
        paiement_reference=paiement.get("reference", ""),
        calendrier=v["calendrier"],
        autres=v["autres"],
        source=fichier or "",
        textes=v["textes"],
    )


def schema_bareme(fichier: str | None = None) -> Schema[Bareme]:
    """Le schéma d'un fichier de barème."""
    return Schema(
        nom="barème",
        cles=(
            Cle("bareme", SousTable(TETE)),
            Cle("typologies", SousTables(TYPOLOGIE), ()),
            Cle("ponderations", SousTables(PONDERATION), ()),
            Cle("tarifs_tonne", SousTables(TARIF), ()),
            Cle("penalites", SousTables(PENALITE), ()),
            Cle("plafond_penalites", SousTable(PLAFOND), None),
            Cle("paiement", SousTable(PAIEMENT), None),
            Cle("calendrier", SousTables(ETAPE), ()),
            Cle("autres", _TableLibre(), ()),
            Cle("textes", SousTables(TEXTE), ()),
        ),
        fabrique=lambda v: _bareme(v, fichier),
        champs={
            "debut": "bareme.en_vigueur_du",
            "fin": "bareme.en_vigueur_au",
            "echeance_du": "paiement.echeance_du",
            "echeance_au": "paiement.echeance_au",
        },
    )


#: Schéma d'un fichier de barème (sans nom de fichier).
SCHEMA_BAREME = schema_bareme()


@moteur
def bareme_depuis_toml(texte: str, *, fichier: str | None = None) -> Bareme:
    """Lit une version de barème depuis son texte TOML."""
    if not isinstance(texte, str):
        raise ErreurType("type refusé", cle="texte", valeur=texte, attendu="un texte TOML")
    return lire(schema_bareme(fichier), lire_toml_texte(texte, fichier), fichier=fichier)
