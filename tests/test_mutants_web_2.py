"""Requêtes web (``web/_requete.py``), second passage de mutation (issue 27) : les noms de
fichiers envoyés.

Règles du module (:func:`nom_sur`) : sans répertoire, caractères hors ``[\\w.-]`` remplacés
par « _ », sans point initial (seulement les points : une lettre initiale reste), au plus
:data:`OCTETS_MAX_NOM` octets UTF-8 — l'extension (après le *dernier* point, 10 caractères au
plus) est gardée, la base coupée sans couper un caractère ; un nom vide après nettoyage prend
le nom par défaut, y compris pour un fichier déposé.
"""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("starlette", reason="extra « web » absent")

from collectivites.cli._cadre import Commande, Option
from collectivites.erreurs import ErreurValeur
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
