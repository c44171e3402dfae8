"""Requêtes web (``web/_requete.py``), troisième passage de mutation (issue 27).

Ce que ``test_mutants_requete.py`` et ``test_mutants_web_2.py`` ne tenaient pas :

* un nom de fichier d'exactement :data:`OCTETS_MAX_NOM` octets qui finit par un point est gardé
  tel quel (il n'est pas trop long : il n'est pas recoupé) ; un octet de plus, il est coupé —
  base gardée entière, extension vide, donc sans le point final ;
* un champ ``null`` (JSON) vaut un champ absent : même refus s'il est obligatoire, même défaut
  sinon.

Les valeurs attendues découlent des règles écrites dans le module (docstrings), pas d'une
sortie recopiée.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("starlette", reason="extra « web » absent")

from collectivites.cli._cadre import Commande, Option
from collectivites.erreurs import ErreurValeur
from collectivites.web._limites import OCTETS_MAX_NOM
from collectivites.web._requete import espace_de_noms, nom_sur


def _rien(_entree: Any, _args: argparse.Namespace) -> None:
    return None


COMMANDE = Commande(
    chemin=("essai",),
    aide="essai",
    executer=_rien,
    options=(
        Option(("--ligne",), "numéro de ligne", obligatoire=True),
        Option(("--sens",), "sens", "apres", choix=("avant", "apres")),
        Option(("--avant",), "à rebours", action="store_true"),
        Option(("--fichiers",), "fichiers", nargs="*", fichier="fichier"),
    ),
    formats=(),
)


def test_nom_finissant_par_un_point_a_la_borne_garde_tel_quel() -> None:
    nom = "a" * (OCTETS_MAX_NOM - 1) + "."  # 120 octets : pas trop long
    assert nom_sur(nom, "f.csv") == nom


def test_nom_finissant_par_un_point_un_octet_au_dela_coupe() -> None:
    # 121 octets : extension vide après le dernier point, base de 120 « a » gardée entière
    assert nom_sur("a" * OCTETS_MAX_NOM + ".", "f.csv") == "a" * OCTETS_MAX_NOM


def test_champ_null_vaut_un_champ_absent(tmp_path: Path) -> None:
    absent = espace_de_noms(COMMANDE, {"ligne": "3"}, tmp_path, format_defaut="json")
    nuls = {"ligne": "3", "sens": None, "avant": None, "fichiers": None}
    null = espace_de_noms(COMMANDE, nuls, tmp_path, format_defaut="json")
    for args in (absent, null):
        assert (args.ligne, args.sens, args.avant, args.fichiers) == ("3", "apres", False, [])


def test_champ_obligatoire_null_refuse_comme_absent(tmp_path: Path) -> None:
    for donnees in ({}, {"ligne": None}):
        with pytest.raises(ErreurValeur) as info:
            espace_de_noms(COMMANDE, donnees, tmp_path, format_defaut="json")
        erreur = info.value
        assert (erreur.message, erreur.cle, erreur.attendu) == (
            "champ obligatoire manquant",
            "ligne",
            "numéro de ligne",
        )
