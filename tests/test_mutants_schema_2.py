"""Le lecteur de schémas (``chargement/_schema.py``), second passage de mutation (issue 27).

Ce que le premier fichier (``test_mutants_schema.py``) ne tenait pas :

* la *nature* de chaque refus de forme (:class:`ErreurType`, pas :class:`ErreurValeur`) : une
  :class:`Alternative` n'essaie le type suivant qu'après une erreur de type — « 3 » refusé
  comme texte est lu comme entier, une date refusée comme mois est lue comme date… ;
* le lieu transmis aux types composés (sous-table dans une alternative, dans une liste, clé
  d'unicité qui est elle-même une liste) ;
* le dernier type d'une alternative à trois types, l'unicité après une table sans la clé ;
* la valeur reçue et la ligne d'une erreur reportées dans l'erreur située ;
* le champ pointé d'une erreur du modèle (``sous.y``) gardé sous sa clé ;
* la vérification « au centime » indépendante du contexte décimal de l'appelant ;
* le nom du fichier d'un exemple livré dans ses messages ;
* les bornes entières et décimales rédigées en français (« 20 000 », « 0,5 »).

Les valeurs attendues découlent des règles écrites dans le module (docstrings), pas d'une
sortie recopiée.
"""

from __future__ import annotations

import datetime as dt
import decimal
from decimal import Decimal
from typing import Any

import pytest

from collectivites.chargement import (
    OBLIGATOIRE,
    Alternative,
    Booleen,
    Chargeur,
    Cle,
    Date,
    Entier,
    Libre,
    Liste,
    Mois,
    Montant,
    Nombre,
    Schema,
    SousTable,
    SousTables,
    Taux,
    Texte,
    lire,
    normaliser_texte,
)
from collectivites.chargement._exemples import exemples_disponibles
from collectivites.chargement._schema import _Lieu
from collectivites.erreurs import ErreurDossier, ErreurValeur

FINE = "\u202f"
#: Un horodatage (TOML « 2024-01-02T03:04:00Z ») : pas une date.
INSTANT = dt.datetime(2024, 1, 2, 3, 4, tzinfo=dt.UTC)

#: Une sous-table à une clé entière « y ».
SOUS: Schema[Any] = Schema(nom="sous", cles=(Cle("y", Entier()),), fabrique=lambda v: v["y"])


def _schema(type_: Any) -> Schema[Any]:
    return Schema(nom="essai", cles=(Cle("x", type_, OBLIGATOIRE),), fabrique=lambda v: v["x"])


def _lire(type_: Any, valeur: Any) -> Any:
    return lire(_schema(type_), {"x": valeur}, fichier="f.toml")


def _refus(type_: Any, valeur: Any) -> ErreurDossier:
    with pytest.raises(ErreurDossier) as info:
        _lire(type_, valeur)
    return info.value


# --- refus de forme : des erreurs de type, que l'alternative dépasse ------------------------------


@pytest.mark.parametrize(
    ("premier", "second", "valeur", "attendu"),
    [
        (Texte(), Entier(), 3, 3),  # un entier n'est pas un texte
        (Entier(), Texte(), "trois", "trois"),  # un texte n'est pas un entier
        (Taux(), Nombre(), Decimal("0.5"), Decimal("0.5")),  # un nombre nu n'est pas un taux
        (Date(), Libre(), INSTANT, INSTANT),
        (Mois(), Date(), dt.date(2024, 3, 15), dt.date(2024, 3, 15)),  # une date n'est pas un mois
        (Liste(Entier()), Entier(), 5, 5),  # un entier n'est pas une liste
        (SousTables(SOUS), Texte(), "x", "x"),  # un texte n'est pas une liste de tables
    ],
)
def test_refus_de_forme_laisse_place_au_type_suivant(
    premier: Any, second: Any, valeur: Any, attendu: Any
) -> None:
    assert _lire(Alternative((premier, second)), valeur) == attendu


def test_datetime_refuse_nomme_la_valeur_recue() -> None:
    instant = INSTANT
    erreur = _refus(Date(), instant)
    assert erreur.message == "une date sans heure est attendue"
    assert erreur.valeur == instant


def test_alternative_de_trois_types_lit_par_le_dernier() -> None:
    # « abc » n'est ni un entier ni un booléen : le troisième type (le dernier) le lit
    assert _lire(Alternative((Entier(), Booleen(), Texte())), "abc") == "abc"
    # le dernier type rend son propre refus de valeur (la date illisible), pas celui du second
    assert _refus(Alternative((Entier(), Booleen(), Date())), "abc").message == "date illisible"


# --- le lieu passé aux types composés -------------------------------------------------------------


def test_sous_table_premiere_d_une_alternative() -> None:
    assert _lire(Alternative((SousTable(SOUS), Texte())), {"y": 1}) == 1
    erreur = _refus(Alternative((SousTable(SOUS), Texte())), {"y": "a"})
    assert erreur.cle == "x.y"


def test_sous_table_derniere_d_une_alternative() -> None:
    assert _lire(Alternative((Texte(), SousTable(SOUS))), {"y": 2}) == 2
    erreur = _refus(Alternative((Texte(), SousTable(SOUS))), {"y": "a"})
    assert erreur.cle == "x.y"
    assert erreur.fichier == "f.toml"


def test_liste_de_sous_tables() -> None:
    assert _lire(Liste(SousTable(SOUS)), [{"y": 1}, {"y": 2}]) == (1, 2)
    erreur = _refus(Liste(SousTable(SOUS)), [{"y": 1}, {"y": "a"}])
    assert erreur.cle == "x[1].y"


def test_unicite_sur_une_cle_liste() -> None:
    lignes: Schema[Any] = Schema(
        nom="lignes",
        cles=(Cle("k", Liste(Entier())),),
        fabrique=lambda v: v["k"],
        unicite="k",
    )
    assert _lire(SousTables(lignes), [{"k": [1]}, {"k": [2]}]) == ((1,), (2,))
    erreur = _refus(SousTables(lignes), [{"k": [1]}, {"k": [1]}])
    assert erreur.message == "« k » en double (déjà donné en position 1)"
    assert erreur.cle == "x[1].k"


def test_unicite_apres_une_table_sans_la_cle() -> None:
    # une table sans la clé d'unicité est sautée, la vérification continue après elle
    lignes: Schema[Any] = Schema(
        nom="lignes",
        cles=(Cle("k", Texte(), None),),
        fabrique=lambda v: v["k"],
        unicite="k",
    )
    assert _lire(SousTables(lignes), [{}, {"k": "a"}, {"k": "b"}]) == (None, "a", "b")
    erreur = _refus(SousTables(lignes), [{}, {"k": "a"}, {"k": "A\u00a0"}])
    assert erreur.message == "« k » en double (déjà donné en position 2)"
    assert erreur.cle == "x[2].k"


# --- ce que l'erreur située garde -----------------------------------------------------------------


def test_table_attendue_nomme_la_valeur_recue() -> None:
    with pytest.raises(ErreurDossier) as info:
        lire(SOUS, 5, fichier="f.toml", chemin="ligne")
    assert info.value.message == "une table est attendue"
    assert info.value.valeur == 5
    assert info.value.attendu == "une table (sous)"
    assert info.value.cle == "ligne"


def test_ligne_de_l_erreur_du_modele_gardee() -> None:
    def fabrique(_valeurs: dict[str, Any]) -> Any:
        raise ErreurValeur("incohérent", cle="x", ligne=7)

    schema: Schema[Any] = Schema(nom="essai", cles=(Cle("x", Entier()),), fabrique=fabrique)
    with pytest.raises(ErreurDossier) as info:
        lire(schema, {"x": 1}, fichier="f.csv")
    assert info.value.ligne == 7
    assert info.value.cle == "x"
    assert info.value.fichier == "f.csv"


def test_champ_pointe_du_modele_garde_sous_sa_cle() -> None:
    # une erreur du modèle sur « sous.y » (le champ y d'une sous-table connue) reste sous ce
    # chemin ; « interne.z » (champ qui n'est pas une clé) concerne la table entière
    def fabrique(champ: str) -> Any:
        def f(_valeurs: dict[str, Any]) -> Any:
            raise ErreurValeur("incohérent", cle=champ)

        return f

    for champ, attendu in (("sous.y", "t.sous.y"), ("sous[0]", "t.sous[0]"), ("interne.z", "t")):
        schema: Schema[Any] = Schema(
            nom="essai", cles=(Cle("sous", Libre(), None),), fabrique=fabrique(champ)
        )
        with pytest.raises(ErreurDossier) as info:
            lire(schema, {}, fichier="f.toml", chemin="t")
        assert info.value.cle == attendu, champ


# --- montants : au centime quel que soit le contexte décimal --------------------------------------


def test_montant_au_centime_sous_un_contexte_etroit() -> None:
    # « au centime » se vérifie dans le contexte de calcul de la bibliothèque, pas dans celui
    # de l'appelant (6 chiffres ici, qui ne suffisent pas pour 123 456 789,12)
    with decimal.localcontext() as contexte:
        contexte.prec = 6
        contexte.traps[decimal.Inexact] = True
        assert _lire(Montant(), "123456789.12") == Decimal("123456789.12")
        assert _refus(Montant(), "123456789.123").message == "un montant s'exprime au centime"
        # appelé directement (options de la ligne de commande, colonnes d'un tableur), hors
        # du contexte que pose lire()
        assert Montant().lire("123456789.12", _Lieu(None, "")) == Decimal("123456789.12")
        with pytest.raises(ErreurValeur, match="au centime"):
            Montant().lire("123456789.123", _Lieu(None, ""))


# --- bornes rédigées ------------------------------------------------------------------------------


def test_bornes_redigees_en_francais() -> None:
    assert Entier(minimum=20_000).attendu == f"un entier ≥ 20{FINE}000"
    assert Entier(maximum=20_000).attendu == f"un entier ≤ 20{FINE}000"
    assert Nombre(minimum=Decimal("0.5"), maximum=None).attendu == (
        "un nombre d'au plus 6 décimales ≥ 0,5"
    )
    assert Taux(minimum=Decimal("0.0125"), maximum=Decimal("0.035")).attendu == (
        "un pourcentage comme « 1,35 % » de 1,25 % à 3,5 %"
    )


def test_normalisation_des_blancs() -> None:
    # les espaces insécables sont des blancs (str.split les coupe) : ramenés à une espace
    assert normaliser_texte("XX\u00a0XX") == "XX XX"
    assert normaliser_texte("XX\u202fXX") == "XX XX"
    assert normaliser_texte("a\u2007\u00a0b") == "a b"


# --- exemples livrés --------------------------------------------------------------------------


def test_exemple_nomme_son_fichier() -> None:
    nom = exemples_disponibles()[0]
    vide: Schema[Any] = Schema(nom="vide", cles=(), fabrique=lambda v: v)
    with pytest.raises(ErreurDossier) as info:
        Chargeur(vide).exemple(nom)
    assert info.value.fichier == f"{nom}.toml (exemple livré)"
    assert info.value.message.startswith("clé inconnue")
