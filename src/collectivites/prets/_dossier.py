"""Dossier d'un prêt (TOML) : schéma et chargement, clés nommées comme à l'article 9.

Une ligne seule :

```toml
[ligne]
identifiant = "5165325"
montant = "128189.00"
date_debut_amortissement = 2017-12-06
duree = 50
periodicite = "annuelle"
index = "livret_a"
valeur_index_reference = "0,75 %"
marge = "0,60 %"
taux_interet = "1,35 %"
profil = "amortissement_deduit_interets_differes"
revision = "DL"
taux_progressivite = "0,50 %"
taux_plancher_progressivite = "0 %"
mode_calcul_interets = "equivalent"
base_calcul = "30/360"
[prefinancement]
duree_mois = 12
taux = "1,35 %"
reglement_interets = "paiement"
```

Facultatifs dans ``[ligne]`` : ``versements = [{ date = 2017-03-15, montant = "100000.00" }]``
(dates et montants réels), ``differe_amortissement_mois = 12`` et ``differe_capitalise = true``,
``date_effet`` (pour dater les échéances ou lire l'index de référence), ``constante_revision =
"1.048"`` (prêts anciens révisés par R = 1 + DT/C, la constante C fixée par leur arrêté).

Un prêt de plusieurs lignes : une table ``[pret]`` (``numero``, ``emprunteur``), des
``[[garants]]`` (``nom``, ``quotite = "25 %"``) et des ``[[lignes]]`` (mêmes clés que ``[ligne]``,
avec ``[lignes.prefinancement]``).
"""

from __future__ import annotations

import difflib
from decimal import Decimal
from pathlib import Path
from typing import Any

from collectivites._moteur import moteur
from collectivites.chargement import (
    Booleen,
    Chargeur,
    Choix,
    Cle,
    Date,
    Entier,
    Identifiant,
    Liste,
    Montant,
    Nombre,
    Schema,
    SousTable,
    SousTables,
    Taux,
    Texte,
)
from collectivites.chargement._schema import _Lieu
from collectivites.erreurs import ErreurCollectivites, ErreurDossier, ErreurValeur
from collectivites.prets._index import serie_index
from collectivites.prets._modeles import (
    CONSTANTE_REVISION_MAX,
    CONSTANTE_REVISION_MIN,
    DUREE_MAX,
    MONTANT_MAX,
    PROGRESSIVITE_MAX,
    PROGRESSIVITE_MIN,
    TAUX_MAX,
    TAUX_MIN,
    BaseCalcul,
    Garant,
    LigneDePret,
    ModeCalcul,
    Periodicite,
    Prefinancement,
    Pret,
    Profil,
    ReglementPrefinancement,
    Revision,
    Versement,
)
from collectivites.prets._scenarios import index_connus

__all__ = [
    "CLES_LIGNE",
    "SCHEMA_PRET",
    "charger_ligne",
    "charger_pret",
    "exemple_pret",
    "ligne_depuis_valeurs",
    "pret_depuis_donnees",
]

_TAUX = Taux(TAUX_MIN, TAUX_MAX)
_PROGRESSIVITE = Taux(PROGRESSIVITE_MIN, PROGRESSIVITE_MAX)


class NomIndex(Texte):
    """Le nom d'un index connu (séries livrées, greffons, inflation, euribor, fixe)."""

    attendu = "un index : " + ", ".join(("livret_a", "lep", "inflation", "euribor", "fixe"))

    def lire(self, valeur: Any, lieu: _Lieu, /) -> str:
        nom = super().lire(valeur, lieu)
        connus = index_connus()
        if nom not in connus:
            proches = difflib.get_close_matches(nom, connus, n=1)
            suggestion = f" ; vouliez-vous dire « {proches[0]} » ?" if proches else ""
            raise ErreurValeur(f"index inconnu{suggestion}", valeur=nom, attendu=", ".join(connus))
        return nom


PREFINANCEMENT = Schema(
    nom="préfinancement",
    cles=(
        Cle("duree_mois", Entier(3, 24), aide="durée du préfinancement (3 à 24 mois)"),
        Cle("taux", _TAUX, None, "taux de préfinancement (défaut : celui de la ligne)"),
        Cle(
            "reglement_interets",
            Choix(ReglementPrefinancement),
            ReglementPrefinancement.PAIEMENT,
            "paiement ou capitalisation",
        ),
    ),
    fabrique=lambda v: Prefinancement(
        duree_mois=v["duree_mois"], taux=v["taux"], reglement=v["reglement_interets"]
    ),
    champs={"reglement": "reglement_interets"},
)

VERSEMENT = Schema(
    nom="versement",
    cles=(
        Cle("date", Date(), aide="date de valeur"),
        Cle("montant", Montant(Decimal(0), MONTANT_MAX, strict=True), aide="montant versé"),
    ),
    fabrique=lambda v: Versement(**v),
    unicite="date",
)

GARANT = Schema(
    nom="garant",
    cles=(
        Cle("nom", Texte(), aide="nom du garant"),
        Cle("quotite", Taux(Decimal(0), Decimal(1)), aide="quotité garantie (« 25 % »)"),
    ),
    fabrique=lambda v: Garant(**v),
    unicite="nom",
)

#: Clés d'une ligne de prêt (dossier TOML, colonnes d'un portefeuille en tableur).
CLES_LIGNE = (
    Cle("identifiant", Identifiant(vide=True), "", "numéro de la ligne (art. 9)"),
    Cle("contrat", Identifiant(vide=True), "", "numéro du contrat"),
    Cle("produit", Texte(vide=True), "", "produit (PLUS, PLAI…)"),
    Cle("emprunteur", Texte(vide=True), "", "emprunteur"),
    Cle(
        "montant",
        Montant(Decimal(0), MONTANT_MAX, strict=True),
        aide="montant de la ligne en euros",
    ),
    Cle("date_effet", Date(), None, "date d'effet du contrat"),
    Cle("date_debut_amortissement", Date(), None, "date de début de la phase d'amortissement"),
    Cle("duree", Entier(1, DUREE_MAX), aide="nombre d'échéances"),
    Cle(
        "periodicite", Choix(Periodicite), aide="annuelle, semestrielle, trimestrielle ou mensuelle"
    ),
    Cle("index", NomIndex(longueur_max=60), aide="livret_a, lep, inflation, euribor ou fixe"),
    Cle("valeur_index_reference", _TAUX, None, "valeur de l'index à la date d'effet"),
    Cle("marge", _TAUX, None, "marge sur index"),
    Cle("taux_interet", _TAUX, None, "taux d'intérêt actuariel annuel (index + marge)"),
    Cle("profil", Choix(Profil), aide="profil d'amortissement"),
    Cle("revision", Choix(Revision), aide="SR, DR, DL ou fixe"),
    Cle("taux_progressivite", _PROGRESSIVITE, Decimal(0), "taux de progressivité des échéances"),
    Cle("taux_plancher_progressivite", _PROGRESSIVITE, None, "plancher de la progressivité (DL)"),
    Cle(
        "mode_calcul_interets",
        Choix(ModeCalcul),
        ModeCalcul.EQUIVALENT,
        "equivalent ou proportionnel",
    ),
    Cle("base_calcul", Choix(BaseCalcul), BaseCalcul.TRENTE_360, "30/360 ou exact"),
    Cle("differe_amortissement_mois", Entier(0, 24), 0, "différé d'amortissement en mois"),
    Cle("differe_capitalise", Booleen(), False, "intérêts du différé capitalisés"),
    Cle(
        "constante_revision",
        Nombre(CONSTANTE_REVISION_MIN, CONSTANTE_REVISION_MAX, decimales=4),
        None,
        "prêts anciens : constante C de R = 1 + DT/C (« 1,048 »)",
    ),
    Cle("versements", SousTables(VERSEMENT), (), "versements réels (date, montant)"),
    Cle("garants", SousTables(GARANT), (), "garants de la ligne"),
)


def _taux_de_reference(v: dict[str, Any]) -> Decimal:
    """La valeur de l'index à la date d'effet, donnée ou lue dans la série de l'index."""
    if v["index"] == "fixe":
        return Decimal(0)
    if v["date_effet"] is None:
        raise ErreurValeur(
            "clé absente : donnez la valeur de l'index à la Date d'Effet, ou « date_effet » pour "
            "la lire dans la série de l'index",
            cle="valeur_index_reference",
        )
    try:
        return serie_index(v["index"]).valeur_au(v["date_effet"])
    except ErreurValeur as exc:
        raise ErreurValeur(exc.message, cle="valeur_index_reference", valeur=exc.valeur) from None


def ligne_depuis_valeurs(v: dict[str, Any]) -> LigneDePret:
    """Construit une ligne depuis les valeurs lues de :data:`CLES_LIGNE` (et
    ``prefinancement``)."""
    valeurs = dict(v)
    reference, marge, taux = (
        valeurs["valeur_index_reference"],
        valeurs["marge"],
        valeurs["taux_interet"],
    )
    if reference is None:
        reference = _taux_de_reference(valeurs)
    if marge is None:
        if valeurs["index"] != "fixe" or taux is None:
            raise ErreurValeur("clé obligatoire absente", cle="marge", attendu="la marge sur index")
        marge = taux
    valeurs.update(
        valeur_index_reference=reference,
        marge=marge,
        taux_interet=reference + marge if taux is None else taux,
    )
    return LigneDePret(**valeurs)


LIGNE = Schema(
    nom="ligne de prêt",
    cles=(
        *CLES_LIGNE,
        Cle("prefinancement", SousTable(PREFINANCEMENT), None, "phase de préfinancement"),
    ),
    fabrique=ligne_depuis_valeurs,
    unicite="identifiant",
)

ENTETE = Schema(
    nom="prêt",
    cles=(
        Cle("numero", Identifiant(vide=True), "", "numéro du contrat"),
        Cle("emprunteur", Texte(vide=True), "", "emprunteur"),
        Cle("source", Texte(vide=True, longueur_max=2000), "", "document d'où vient le contrat"),
        Cle("hypotheses", Liste(Texte(vide=True, longueur_max=2000)), (), "hypothèses"),
    ),
    fabrique=lambda v: v,
)

LIGNE_SEULE = Schema(
    nom="ligne de prêt",
    cles=CLES_LIGNE,
    fabrique=lambda v: v,
)


def _pret(v: dict[str, Any]) -> Pret:
    if v["ligne"] is not None:
        if v["lignes"] or v["pret"] is not None or v["garants"]:
            raise ErreurValeur(
                "un dossier a soit une table [ligne], soit un [pret] et des [[lignes]]",
                cle="ligne",
            )
        try:
            ligne = ligne_depuis_valeurs({**v["ligne"], "prefinancement": v["prefinancement"]})
        except ErreurCollectivites as exc:
            raise exc.situer(prefixe="ligne") from None
        return Pret(numero=ligne.contrat, emprunteur=ligne.emprunteur, lignes=(ligne,))
    if not v["lignes"]:
        raise ErreurValeur(
            "une table [ligne] ou des tables [[lignes]] sont attendues", cle="lignes"
        )
    if v["prefinancement"] is not None:
        raise ErreurValeur(
            "avec des [[lignes]], le préfinancement se décrit dans [lignes.prefinancement]",
            cle="prefinancement",
        )
    entete = v["pret"] or {"numero": "", "emprunteur": "", "source": "", "hypotheses": ()}
    return Pret(lignes=v["lignes"], garants=v["garants"], **entete)


#: Schéma d'un dossier de prêt : ``[ligne]`` (et ``[prefinancement]``) ou ``[pret]``,
#: ``[[garants]]`` et ``[[lignes]]``.
SCHEMA_PRET = Schema(
    nom="dossier de prêt",
    cles=(
        Cle("ligne", SousTable(LIGNE_SEULE), None, "une ligne seule"),
        Cle("prefinancement", SousTable(PREFINANCEMENT), None, "préfinancement de la ligne seule"),
        Cle("pret", SousTable(ENTETE), None, "en-tête d'un prêt de plusieurs lignes"),
        Cle("garants", SousTables(GARANT), (), "garants du prêt"),
        Cle("lignes", SousTables(LIGNE), (), "lignes du prêt"),
    ),
    fabrique=_pret,
    champs={"numero": "pret.numero"},
)


_CHARGEUR = Chargeur(SCHEMA_PRET)
#: Construit un :class:`Pret` depuis un dossier déjà lu (TOML, JSON).
pret_depuis_donnees = _CHARGEUR.depuis_donnees
#: Lit un prêt (ou une ligne seule, enveloppée dans un prêt) depuis un fichier TOML.
charger_pret = _CHARGEUR.charger
#: Un prêt des exemples livrés (``cdc-57851``, ``cdc-57769``, ``cdc-57828``).
exemple_pret = _CHARGEUR.exemple


@moteur
def charger_ligne(chemin: str | Path) -> LigneDePret:
    """Lit une ligne de prêt depuis un fichier TOML (table ``[ligne]``, ou prêt d'une ligne)."""
    pret = charger_pret(chemin)
    if len(pret.lignes) != 1:
        raise ErreurDossier(
            "le dossier contient plusieurs lignes : utilisez charger_pret",
            fichier=str(chemin),
            valeur=len(pret.lignes),
        )
    return pret.lignes[0]
