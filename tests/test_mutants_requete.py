"""Requêtes web (``web/_requete.py``) : chaque garde et branche de la traduction d'un corps JSON
en espace de noms de la ligne de commande (issue 27), sur des commandes écrites pour le test.

Règles du module : champs = options sans tirets ; un fichier arrive en contenu (texte, ou
``{"nom", "contenu"}``, ou ``{"nom", "base64"}``), jamais en chemin du serveur, et est déposé
dans un sous-répertoire numéroté sous un nom nettoyé ; textes bornés à 1 000 caractères ; noms
de fichiers à 120 octets, extension gardée.
"""

from __future__ import annotations

import argparse
import base64
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("starlette", reason="extra « web » absent")

from collectivites.cli._cadre import Commande, Option, Source
from collectivites.erreurs import ErreurType, ErreurValeur
from collectivites.web._limites import LONGUEUR_MAX_TEXTE, OCTETS_MAX_NOM
from collectivites.web._requete import (
    Fichier,
    champs,
    espace_de_noms,
    masquer_repertoire,
    nom_sur,
    options_web,
)

FORME = '{"nom": "tableau.csv", "contenu": "…"} ou {"nom": "f.xlsx", "base64": "…"}'


def _rien(_entree: Any, _args: argparse.Namespace) -> None:
    return None


def _entier(texte: str) -> int:
    if not texte.isdigit():
        raise argparse.ArgumentTypeError(f"« {texte} » n'est pas un entier")
    return int(texte)


SOURCE = Source(nature="dossier d'essai (TOML)", charger=str, exemple=str)
OPTIONS = (
    Option(("--ligne",), "numéro de ligne", obligatoire=True),
    Option(("--tableau",), "tableau à rapprocher", metavar="FICHIER", fichier="fichier"),
    Option(("--index",), "scénario d'index", "historique", fichier="scenario"),
    Option(("--avant",), "à rebours", action="store_true"),
    Option(("--exemple-de-plus",), "exemple répétable", action="append"),
    Option(("--fichiers",), "fichiers", nargs="*", fichier="fichier"),
    Option(("--nombre",), "un entier", type=_entier),
    Option(("--sens",), "sens", "apres", choix=("avant", "apres")),
    Option(("--moteur",), "moteur de calcul", "serie", web=False),
    Option(("--taux",), "un taux", type=Decimal),
)
COMMANDE = Commande(chemin=("essai",), aide="essai", executer=_rien, options=OPTIONS, source=SOURCE)
SANS_SOURCE = Commande(
    chemin=("nu",),
    aide="nu",
    executer=_rien,
    options=(Option(("depart",), "date de départ"),),
    formats=(),
)


def _espace(donnees: dict[str, Any], repertoire: Path, commande: Commande = COMMANDE) -> Any:
    return espace_de_noms(commande, donnees, repertoire, format_defaut="json")


def _base(**autres: Any) -> dict[str, Any]:
    donnees: dict[str, Any] = {"exemple": "e", "ligne": "1"}
    donnees.update(autres)
    return donnees


def _refus(donnees: dict[str, Any], tmp_path: Path, classe: type = ErreurValeur) -> Any:
    with pytest.raises(classe) as info:
        _espace(donnees, tmp_path)
    return info.value


# --- champs --------------------------------------------------------------------------------------


def test_champs_dans_l_ordre_de_l_aide() -> None:
    assert champs(COMMANDE) == (
        "exemple",
        "dossier",
        "ligne",
        "tableau",
        "index",
        "avant",
        "exemple_de_plus",
        "fichiers",
        "nombre",
        "sens",
        "taux",
        "format",
        "table",
    )
    assert champs(SANS_SOURCE) == ("depart",)
    assert "moteur" not in [o.champ for o in options_web(COMMANDE)]


def test_champ_inconnu(tmp_path: Path) -> None:
    erreur = _refus(_base(moteur="dask"), tmp_path)
    assert (erreur.message, erreur.cle, erreur.attendu) == (
        "champ inconnu",
        "moteur",
        ", ".join(champs(COMMANDE)),
    )
    vide = Commande(chemin=("v",), aide="v", executer=_rien, formats=())
    with pytest.raises(ErreurValeur) as info:
        espace_de_noms(vide, {"x": 1}, tmp_path, format_defaut="json")
    assert info.value.attendu == "aucun champ"


# --- valeurs par défaut --------------------------------------------------------------------------


def test_valeurs_par_defaut(tmp_path: Path) -> None:
    args = _espace(_base(), tmp_path)
    assert args.commande is COMMANDE
    assert (args.exemple, args.dossier, args.ligne) == ("e", None, "1")
    assert (args.tableau, args.index, args.avant) == (None, "historique", False)
    assert (args.exemple_de_plus, args.fichiers, args.nombre) == (None, [], None)
    assert (args.sens, args.moteur, args.taux) == ("apres", "serie", None)
    assert (args.format, args.table, args.sortie) == ("json", None, None)
    # une valeur nulle vaut l'absence
    assert _espace(_base(avant=None, sens=None), tmp_path).sens == "apres"


def test_sans_source(tmp_path: Path) -> None:
    args = _espace({"depart": "2024-01-01"}, tmp_path, SANS_SOURCE)
    assert args.depart == "2024-01-01"
    assert not hasattr(args, "exemple") and args.format is None
    with pytest.raises(ErreurValeur) as info:
        _espace({}, tmp_path, SANS_SOURCE)  # argument positionnel : obligatoire
    assert (info.value.message, info.value.cle, info.value.attendu) == (
        "champ obligatoire manquant",
        "depart",
        "date de départ",
    )


def test_champ_obligatoire(tmp_path: Path) -> None:
    erreur = _refus({"exemple": "e"}, tmp_path)
    assert (erreur.message, erreur.cle, erreur.attendu) == (
        "champ obligatoire manquant",
        "ligne",
        "numéro de ligne",
    )


# --- exemple ou dossier --------------------------------------------------------------------------


def test_exemple_ou_dossier(tmp_path: Path) -> None:
    attendu = "« exemple » (nom d'un exemple livré) ou « dossier » (texte TOML)"
    erreur = _refus({"ligne": "1"}, tmp_path)
    assert (erreur.message, erreur.cle, erreur.attendu) == (
        "donnez soit un exemple, soit un dossier",
        "exemple",
        attendu,
    )
    erreur = _refus({"ligne": "1", "exemple": "e", "dossier": "x"}, tmp_path)
    assert (erreur.message, erreur.cle) == (
        "donnez un exemple ou un dossier, pas les deux",
        "exemple",
    )
    erreur = _refus({"ligne": "1", "exemple": 3}, tmp_path, ErreurType)
    assert (erreur.message, erreur.cle, erreur.valeur, erreur.attendu) == (
        "type refusé",
        "exemple",
        3,
        "un texte",
    )


def test_dossier_depose(tmp_path: Path) -> None:
    args = _espace({"ligne": "1", "dossier": 'nom = "é"'}, tmp_path)
    assert args.exemple is None
    assert Path(args.dossier) == tmp_path / "0" / "dossier.toml"
    assert Path(args.dossier).read_text(encoding="utf-8") == 'nom = "é"'


# --- fichiers ------------------------------------------------------------------------------------


def test_fichiers_deposes_chacun_dans_son_repertoire(tmp_path: Path) -> None:
    donnees = _base(
        tableau={"nom": "../t.csv", "contenu": "a;b"},
        fichiers=[
            {"nom": "x.xlsx", "base64": base64.b64encode(b"\x00\x01").decode()},
            Fichier("y.csv", b"y"),
        ],
    )
    args = _espace(donnees, tmp_path)
    assert Path(args.tableau) == tmp_path / "0" / "t.csv"
    assert Path(args.tableau).read_bytes() == b"a;b"
    assert [Path(f) for f in args.fichiers] == [tmp_path / "1" / "x.xlsx", tmp_path / "2" / "y.csv"]
    assert [Path(f).read_bytes() for f in args.fichiers] == [b"\x00\x01", b"y"]
    # un seul fichier (pas une liste) dans une option répétable
    (tmp_path / "autre").mkdir()
    args = _espace(_base(fichiers={"contenu": "z"}), tmp_path / "autre")
    assert [Path(f).name for f in args.fichiers] == ["fichier.csv"]


def test_nom_d_un_fichier_non_texte_refuse_en_type(tmp_path: Path) -> None:
    """{"nom": 3, "contenu": "x"} : une erreur de type sur « nom »."""
    erreur = _refus(_base(tableau={"nom": 3, "contenu": "x"}), tmp_path, ErreurType)
    assert (erreur.message, erreur.cle, erreur.valeur, erreur.attendu) == (
        "type refusé",
        "tableau.nom",
        3,
        "un texte",
    )


def test_fichier_sans_nom_prend_le_nom_par_defaut(tmp_path: Path) -> None:
    args = _espace(_base(tableau={"contenu": "x"}), tmp_path)
    assert Path(args.tableau).name == "fichier.csv"


@pytest.mark.parametrize(
    "valeur",
    [
        {"nom": "t.csv"},
        {"nom": "t.csv", "contenu": "x", "base64": "eA=="},
        {"contenu": "x", "chemin": "/etc/passwd"},
    ],
)
def test_fichier_mal_decrit(tmp_path: Path, valeur: dict[str, Any]) -> None:
    erreur = _refus(_base(tableau=valeur), tmp_path)
    assert (erreur.message, erreur.cle, erreur.valeur, erreur.attendu) == (
        "fichier mal décrit",
        "tableau",
        sorted(valeur),
        FORME,
    )


def test_contenu_et_base64_types(tmp_path: Path) -> None:
    erreur = _refus(_base(tableau={"contenu": 3}), tmp_path, ErreurType)
    assert (erreur.cle, erreur.attendu) == ("tableau.contenu", "un texte")
    erreur = _refus(_base(tableau={"base64": 3}), tmp_path, ErreurType)
    assert (erreur.cle, erreur.attendu) == ("tableau.base64", "un texte")
    for mauvais in ("%%%", "eA="):
        erreur = _refus(_base(tableau={"base64": mauvais}), tmp_path)
        assert (erreur.message, erreur.cle, erreur.attendu) == (
            "base64 invalide",
            "tableau.base64",
            "des octets codés en base64",
        )


def test_fichier_d_un_autre_type_refuse(tmp_path: Path) -> None:
    erreur = _refus(_base(tableau=3), tmp_path, ErreurType)
    assert (erreur.message, erreur.cle, erreur.valeur, erreur.attendu) == (
        "type refusé",
        "tableau",
        3,
        FORME,
    )
    erreur = _refus(_base(fichiers=[Fichier("a", b""), 3]), tmp_path, ErreurType)
    assert erreur.cle == "fichiers[1]"


def test_chemin_du_serveur_refuse(tmp_path: Path) -> None:
    erreur = _refus(_base(tableau="/etc/passwd"), tmp_path)
    assert (erreur.message, erreur.cle, erreur.valeur, erreur.attendu) == (
        "le service ne lit aucun fichier du serveur : envoyez le contenu du fichier",
        "tableau",
        "/etc/passwd",
        FORME,
    )


# --- scénarios -----------------------------------------------------------------------------------


def test_scenario_mot_cle_choc_ou_contenu(tmp_path: Path) -> None:
    assert _espace(_base(index="emission"), tmp_path).index == "emission"
    assert _espace(_base(index="livret_a+1 %"), tmp_path).index == "livret_a+1 %"
    args = _espace(_base(index={"nom": "i.csv", "contenu": "x"}), tmp_path)
    assert Path(args.index) == tmp_path / "0" / "i.csv"
    (tmp_path / "autre").mkdir()
    args = _espace(_base(index=Fichier("j.csv", b"j")), tmp_path / "autre")
    assert Path(args.index).read_bytes() == b"j"


def test_scenario_qui_designe_un_fichier_refuse(tmp_path: Path) -> None:
    erreur = _refus(_base(index="/etc/passwd"), tmp_path)
    assert (erreur.cle, erreur.valeur) == ("index", "/etc/passwd")
    assert erreur.message == (
        "ni un mot-clé ni un choc ; le service ne lit aucun fichier du serveur (une trajectoire "
        "s'envoie en contenu)"
    )
    assert erreur.attendu == f"emission, historique, un choc (« livret_a+1 % ») ou {FORME}"


# --- options simples -----------------------------------------------------------------------------


def test_booleen(tmp_path: Path) -> None:
    assert _espace(_base(avant=True), tmp_path).avant is True
    for mauvais in ("oui", 1):
        erreur = _refus(_base(avant=mauvais), tmp_path, ErreurType)
        assert (erreur.cle, erreur.valeur, erreur.attendu) == ("avant", mauvais, "true ou false")


def test_option_repetable(tmp_path: Path) -> None:
    assert _espace(_base(exemple_de_plus=["a", "b"]), tmp_path).exemple_de_plus == ["a", "b"]
    assert _espace(_base(exemple_de_plus="a"), tmp_path).exemple_de_plus == ["a"]
    erreur = _refus(_base(exemple_de_plus=["a", ["b"]]), tmp_path, ErreurType)
    assert (erreur.cle, erreur.attendu) == ("exemple_de_plus[1]", "un texte")


@pytest.mark.parametrize("mauvais", [True, 1.5, ["1"], {"a": 1}])
def test_valeur_d_un_type_refuse(tmp_path: Path, mauvais: Any) -> None:
    erreur = _refus(_base(ligne=mauvais), tmp_path, ErreurType)
    assert (erreur.message, erreur.cle, erreur.attendu) == ("type refusé", "ligne", "un texte")


def test_entier_et_decimal_admis_en_texte(tmp_path: Path) -> None:
    assert _espace(_base(ligne=5165325), tmp_path).ligne == "5165325"
    assert _espace(_base(taux=Decimal("0.5")), tmp_path).taux == Decimal("0.5")


def test_texte_borne(tmp_path: Path) -> None:
    assert LONGUEUR_MAX_TEXTE == 1000
    assert _espace(_base(ligne="x" * 1000), tmp_path).ligne == "x" * 1000
    erreur = _refus(_base(ligne="x" * 1001), tmp_path)
    assert (erreur.message, erreur.cle, erreur.attendu) == (
        "texte trop long",
        "ligne",
        "au plus 1000 caractères",
    )


def test_convertisseur(tmp_path: Path) -> None:
    assert _espace(_base(nombre="12"), tmp_path).nombre == 12
    erreur = _refus(_base(nombre="douze"), tmp_path)
    assert (erreur.message, erreur.cle) == ("« douze » n'est pas un entier", "nombre")
    erreur = _refus(_base(taux="x"), tmp_path)  # Decimal("x") : InvalidOperation
    assert (erreur.message, erreur.cle, erreur.valeur, erreur.attendu) == (
        "valeur illisible",
        "taux",
        "x",
        "un taux",
    )


def test_convertisseur_qui_leve_une_erreur_de_la_bibliotheque(tmp_path: Path) -> None:
    def refuser(_texte: str) -> Any:
        raise ErreurValeur("hors bornes", cle="jour", valeur=32)

    commande = Commande(
        chemin=("c",), aide="c", executer=_rien, options=(Option(("--date",), "d", type=refuser),)
    )
    with pytest.raises(ErreurValeur) as info:
        espace_de_noms(commande, {"date": "x"}, tmp_path, format_defaut="texte")
    assert (info.value.message, info.value.cle, info.value.valeur) == (
        "hors bornes",
        "date.jour",
        32,
    )


def test_choix(tmp_path: Path) -> None:
    assert _espace(_base(sens="avant"), tmp_path).sens == "avant"
    erreur = _refus(_base(sens="après"), tmp_path)
    assert (erreur.message, erreur.cle, erreur.valeur, erreur.attendu) == (
        "valeur non permise",
        "sens",
        "après",
        "avant, apres",
    )


# --- format et table -----------------------------------------------------------------------------


def test_format(tmp_path: Path) -> None:
    assert _espace(_base(format="xlsx"), tmp_path).format == "xlsx"
    erreur = _refus(_base(format="pdf"), tmp_path)
    assert (erreur.message, erreur.cle, erreur.valeur, erreur.attendu) == (
        "format inconnu pour cette commande",
        "format",
        "pdf",
        "texte, csv, csv-excel, json, xlsx, html",
    )


@pytest.mark.parametrize("format_", ["csv", "csv-excel"])
def test_table_des_formats_csv(tmp_path: Path, format_: str) -> None:
    args = _espace(_base(format=format_, table="echeances"), tmp_path)
    assert (args.format, args.table) == (format_, "echeances")


def test_table_refusee_hors_csv(tmp_path: Path) -> None:
    erreur = _refus(_base(format="json", table="echeances"), tmp_path)
    assert (erreur.message, erreur.cle, erreur.valeur, erreur.attendu) == (
        "« table » ne sert qu'aux formats csv et csv-excel",
        "table",
        "echeances",
        "format csv ou csv-excel",
    )
    erreur = _refus(_base(format="csv", table=3), tmp_path, ErreurType)
    assert erreur.cle == "table"
    assert _espace(_base(table=None), tmp_path).table is None


# --- noms sûrs et messages -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("nom", "attendu"),
    [
        ("..\\..\\windows\\t.csv", "t.csv"),
        (".cache", "cache"),
        ("a b;c.csv", "a_b_c.csv"),
        ("", "defaut.csv"),
        ("/", "defaut.csv"),
        ("é-_.x", "é-_.x"),
    ],
)
def test_nom_sur(nom: str, attendu: str) -> None:
    assert nom_sur(nom, "defaut.csv") == attendu


def test_nom_sur_borne_a_120_octets() -> None:
    assert OCTETS_MAX_NOM == 120
    juste = "a" * 116 + ".csv"
    assert nom_sur(juste, "d") == juste
    long = nom_sur("a" * 117 + ".csv", "d")
    assert long == "a" * 116 + ".csv"
    # extension de plus de dix caractères : ce n'est pas une extension, on coupe tout
    sans = nom_sur("a" * 200 + ".abcdefghijk", "d")
    assert sans == "a" * 120
    dix = nom_sur("a" * 200 + ".abcdefghij", "d")
    assert dix == "a" * 109 + ".abcdefghij"
    assert nom_sur("a" * 200, "d") == "a" * 120
    # un caractère de deux octets n'est jamais coupé en deux
    accents = nom_sur("é" * 100 + ".csv", "d")
    assert accents == "é" * 58 + ".csv"
    assert len(accents.encode()) == 120


def test_masquer_repertoire(tmp_path: Path) -> None:
    message = f"fichier « {tmp_path}/3/t.csv » illisible ; {tmp_path}/12/x.csv"
    assert masquer_repertoire(message, tmp_path) == "fichier « t.csv » illisible ; x.csv"
    assert masquer_repertoire(f"{tmp_path}/t.csv", tmp_path) == f"{tmp_path}/t.csv"


def test_service_web_nom_de_fichier_non_texte() -> None:
    """Par l'API : 422, erreur de type française sur « tableau.nom », rien du serveur."""
    from starlette.testclient import TestClient

    from collectivites.web import application

    client = TestClient(application(), raise_server_exceptions=False)
    corps = {"exemple": "cdc-57851", "ligne": "5165325", "tableau": {"nom": 3, "contenu": "x"}}
    reponse = client.post("/api/pret/rapprocher", json=corps)
    assert reponse.status_code == 422, reponse.text
    erreur = reponse.json()
    assert (erreur["erreur"], erreur["cle"], erreur["valeur"], erreur["attendu"]) == (
        "ErreurType",
        "tableau.nom",
        "3",
        "un texte",
    )
    assert erreur["message"] == (
        "clé « tableau.nom » : type refusé (reçu : 3 ; attendu : un texte)"
    )
