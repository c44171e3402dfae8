"""Requêtes web (``web/_requete.py``), second passage de mutation (issue 27) : les noms de
fichiers envoyés.

Règles du module (:func:`nom_sur`) : sans répertoire, caractères hors ``[\\w.-]`` remplacés
par « _ », sans point initial (seulement les points : une lettre initiale reste), au plus
:data:`OCTETS_MAX_NOM` octets UTF-8 — l'extension (après le *dernier* point, 10 caractères au
plus) est gardée, la base coupée sans couper un caractère ; un nom vide après nettoyage prend
le nom par défaut, y compris pour un fichier déposé.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("starlette", reason="extra « web » absent")

from collectivites.cli._cadre import Commande, Option, Source, _ajouter_option
from collectivites.erreurs import ErreurType, ErreurValeur
from collectivites.web._limites import LONGUEUR_MAX_TEXTE, OCTETS_MAX_NOM
from collectivites.web._requete import _Depot, espace_de_noms, nom_sur


def test_seuls_les_points_initiaux_sont_retires() -> None:
    assert nom_sur("Xa.csv", "f.csv") == "Xa.csv"
    assert nom_sur("XX.csv", "f.csv") == "XX.csv"
    assert nom_sur("..X.csv", "f.csv") == "X.csv"


def test_extension_apres_le_dernier_point() -> None:
    # 200 « x » puis « .a.csv » : l'extension est « csv » ; la base « xxx….a » est coupée à
    # 120 − 4 octets
    nom = "x" * 200 + ".a.csv"
    assert nom_sur(nom, "f.csv") == "x" * (OCTETS_MAX_NOM - 4) + ".csv"


def test_base_coupee_sans_couper_un_caractere() -> None:
    # « é » fait 2 octets ; « .xlsx » 5 : il reste 115 octets, soit 57 « é » entiers (le
    # 58e serait coupé en son milieu, il est écarté)
    resultat = nom_sur("é" * 100 + ".xlsx", "f.csv")
    assert resultat == "é" * 57 + ".xlsx"
    assert len(resultat.encode("utf-8")) == OCTETS_MAX_NOM - 1


def test_nom_a_la_borne_garde_tel_quel() -> None:
    nom = "a" * (OCTETS_MAX_NOM - 4) + ".csv"
    assert nom_sur(nom, "f.csv") == nom
    assert nom_sur("a" + nom, "f.csv") == "a" * (OCTETS_MAX_NOM - 4) + ".csv"


def test_separateurs_de_repertoire() -> None:
    assert nom_sur("a/b/c.csv", "f.csv") == "c.csv"
    assert nom_sur("a\\b\\c.csv", "f.csv") == "c.csv"
    assert nom_sur("a/", "f.csv") == "f.csv"


def test_fichier_depose_sous_le_nom_par_defaut(tmp_path: Path) -> None:
    depot = _Depot(tmp_path)
    chemin = Path(depot.deposer({"nom": "..", "contenu": "é;1"}, "tableau", "fichier.csv"))
    assert chemin == tmp_path / "0" / "fichier.csv"
    assert chemin.read_bytes() == "é;1".encode()
    texte = Path(depot.deposer("[a]\n", "dossier", "dossier.toml"))
    assert texte == tmp_path / "1" / "dossier.toml"
    assert texte.read_text(encoding="utf-8") == "[a]\n"


def test_texte_trop_long_nomme_la_valeur_recue(tmp_path: Path) -> None:
    commande = Commande(
        chemin=("essai",),
        aide="essai",
        executer=lambda _e, _a: None,
        options=(Option(("--ligne",), "numéro de ligne"),),
        formats=(),
    )
    assert (
        espace_de_noms(
            commande, {"ligne": "a" * LONGUEUR_MAX_TEXTE}, tmp_path, format_defaut="json"
        ).ligne
        == "a" * LONGUEUR_MAX_TEXTE
    )
    with pytest.raises(ErreurValeur) as info:
        espace_de_noms(
            commande, {"ligne": "a" * (LONGUEUR_MAX_TEXTE + 1)}, tmp_path, format_defaut="json"
        )
    assert info.value.message == "texte trop long"
    assert info.value.cle == "ligne"
    assert info.value.valeur == "a" * (LONGUEUR_MAX_TEXTE + 1)
    assert info.value.attendu == f"au plus {LONGUEUR_MAX_TEXTE} caractères"


# --- champs mal typés : la clé, le message et la valeur reçue -------------------------------------

_SOURCE = Source(nature="dossier d'essai (TOML)", charger=str, exemple=str)
_OPTIONS = (
    Option(("--ligne",), "numéro de ligne"),
    Option(("--avant",), "à rebours", action="store_true"),
    Option(("--exemple-de-plus",), "exemple répétable", ["livre"], action="append"),
)
_COMMANDE = Commande(
    chemin=("essai",), aide="essai", executer=lambda _e, _a: None, options=_OPTIONS, source=_SOURCE
)


def _espace(donnees: dict[str, Any], repertoire: Path) -> argparse.Namespace:
    return espace_de_noms(_COMMANDE, donnees, repertoire, format_defaut="json")


def test_dossier_mal_type_nomme_le_champ_dossier(tmp_path: Path) -> None:
    with pytest.raises(ErreurType) as info:
        _espace({"dossier": 5}, tmp_path)
    assert (info.value.cle, info.value.valeur) == ("dossier", 5)
    with pytest.raises(ErreurType) as info:
        _espace({"dossier": {"nom": 3, "contenu": "x"}}, tmp_path)
    assert info.value.cle == "dossier.nom"


def test_case_a_cocher_non_booleenne(tmp_path: Path) -> None:
    with pytest.raises(ErreurType) as info:
        _espace({"exemple": "e", "avant": "oui"}, tmp_path)
    assert (info.value.message, info.value.cle, info.value.valeur, info.value.attendu) == (
        "type refusé",
        "avant",
        "oui",
        "true ou false",
    )


def test_valeur_non_textuelle_nommee(tmp_path: Path) -> None:
    with pytest.raises(ErreurType) as info:
        _espace({"exemple": "e", "ligne": [1]}, tmp_path)
    assert (info.value.message, info.value.cle, info.value.valeur, info.value.attendu) == (
        "type refusé",
        "ligne",
        [1],
        "un texte",
    )


def test_option_repetable_absente_comme_en_ligne_de_commande(tmp_path: Path) -> None:
    # la ligne de commande ne donne pas de défaut à une option à action (argparse : None),
    # même si l'option en déclare un ; le service fait de même
    analyseur = argparse.ArgumentParser()
    _ajouter_option(analyseur, _OPTIONS[2])
    assert analyseur.parse_args([]).exemple_de_plus is None
    assert _espace({"exemple": "e"}, tmp_path).exemple_de_plus is None
    assert _espace({"exemple": "e", "exemple_de_plus": "a"}, tmp_path).exemple_de_plus == ["a"]
