"""Le cadre de la ligne de commande (``collectivites.cli._cadre``) : ce que le passage de
mutation du 8 décembre a montré non vérifié — options communes à toutes les commandes nommées
comme tapées, droits d'un nouveau fichier sans masque.

Chaque attente vient du code et de la documentation (``umask``, ``message_cli``), pas d'une
sortie recopiée."""

from __future__ import annotations

import argparse
import os
import stat
import sys
from pathlib import Path

import pytest

from collectivites.cli import _cadre
from collectivites.cli._cadre import ecrire
from collectivites.erreurs import ErreurValeur

POSIX = pytest.mark.skipif(sys.platform == "win32", reason="droits POSIX")


# --- message_cli : les options que toute commande porte ----------------------------------------


def _arguments(*argv: str) -> argparse.Namespace:
    from collectivites import __version__
    from collectivites.cli._commandes import COMMANDES

    racine = _cadre.analyseur(COMMANDES, version=__version__, description="essai")
    return racine.parse_args(list(argv))


def test_exemple_refuse_nomme_l_option(capsys: pytest.CaptureFixture[str]) -> None:
    """« paiement retard » n'a pas d'exemple livré : le refus porte la clé « --exemple », une
    option ajoutée par le cadre à toute commande à dossier (absente de ses propres options),
    dite « option --exemple » comme l'utilisateur l'a tapée."""
    from collectivites.cli import main

    assert main(["paiement", "retard", "--exemple", "x"]) == 2
    flots = capsys.readouterr()
    assert flots.out == ""
    assert flots.err.startswith(
        "collectivites : erreur : option --exemple : aucun exemple livré pour les retards de "
        "paiement (reçu : 'x' ; attendu : un dossier TOML"
    )


@pytest.mark.parametrize("option", ["--exemple", "--format", "--table", "--sortie"])
def test_option_du_cadre_nommee_comme_tapee(option: str) -> None:
    """« --exemple », « --format », « --table » et « --sortie » sont ajoutées par le cadre, pas
    par la table des options de la commande : une erreur qui porte leur clé (avec ou sans
    tirets) est dite « option --… »."""
    args = _arguments("pret", "tableau", "--exemple", "cdc-57851")
    assert option not in {n for o in args.commande.options for n in o.noms}
    for cle in (option, option[2:]):
        erreur = ErreurValeur("valeur refusée", cle=cle)
        assert _cadre.message_cli(erreur, args) == f"option {option} : valeur refusée"


def test_cle_hors_des_options_reste_une_cle() -> None:
    args = _arguments("pret", "tableau", "--exemple", "cdc-57851")
    erreur = ErreurValeur("valeur refusée", cle="--exemples")
    assert _cadre.message_cli(erreur, args) == str(erreur)


# --- droits d'un nouveau fichier -----------------------------------------------------------------


@POSIX
@pytest.mark.parametrize(("masque", "droits"), [(0, 0o666), (0o022, 0o644), (0o002, 0o664)])
def test_nouveau_fichier_rw_sans_execution(tmp_path: Path, masque: int, droits: int) -> None:
    """Un nouveau fichier reçoit 0666 moins le masque, comme ``open(…, "w")`` : jamais le droit
    d'exécution, pour personne."""
    ancien_masque = os.umask(masque)
    try:
        ecrire("x", str(tmp_path / "nouveau.csv"))
    finally:
        os.umask(ancien_masque)
    assert stat.S_IMODE((tmp_path / "nouveau.csv").stat().st_mode) == droits


# --- erreurs d'analyse : en français, utilisation sur la sortie d'erreur, code 2 ------------------


def _refus_d_analyse(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[str, list[str]]:
    from collectivites.cli import main

    assert main(list(argv)) == 2  # comme argparse : entrée invalide
    flots = capsys.readouterr()
    assert flots.out == ""  # rien sur la sortie standard, pas même l'utilisation
    return flots.err, flots.err.splitlines()


def test_choix_invalide_traduit(capsys: pytest.CaptureFixture[str]) -> None:
    err, lignes = _refus_d_analyse(
        capsys, "pret", "tableau", "--exemple", "cdc-57851", "--format", "pdf"
    )
    assert lignes[0].startswith("utilisation : collectivites pret tableau ")
    derniere = lignes[-1]
    assert derniere.startswith("collectivites pret tableau : erreur : argument --format")
    assert "choix invalide" in derniere and "'pdf'" in derniere
    assert "(choisir parmi 'texte', 'csv'," in derniere
    assert "invalid choice" not in err and "choose from" not in err
    assert err.endswith("\n")


@pytest.mark.parametrize(
    ("argv", "fin"),
    [
        (("pret", "tableau"), "un des arguments dossier --exemple est obligatoire"),
        (("pret", "tableau", "--exemple"), "argument --exemple: une valeur est attendue"),
    ],
)
def test_erreurs_d_analyse_en_francais(
    capsys: pytest.CaptureFixture[str], argv: tuple[str, ...], fin: str
) -> None:
    _, lignes = _refus_d_analyse(capsys, *argv)
    assert lignes[0].startswith("utilisation : collectivites pret tableau ")
    assert lignes[-1] == f"collectivites pret tableau : erreur : {fin}"
