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


# --- option inconnue d'une commande : nommée, avec la plus proche ---------------------------------

_TABLEAU = ("pret", "tableau", "--exemple", "cdc-57851")


@pytest.mark.parametrize("inconnue", [("--lign", "3"), ("--lign=3",)])
def test_option_inconnue_avec_la_plus_proche(
    capsys: pytest.CaptureFixture[str], inconnue: tuple[str, ...]
) -> None:
    """Une option longue inconnue est refusée par la commande (son utilisation) avec l'option
    connue la plus proche, écrite avec ou sans « = » ; sa valeur n'est pas prise pour le
    dossier."""
    _, lignes = _refus_d_analyse(capsys, *_TABLEAU, *inconnue)
    assert lignes[0].startswith("utilisation : collectivites pret tableau ")
    assert lignes[-1] == (
        "collectivites pret tableau : erreur : option inconnue --lign (vouliez-vous dire --ligne ?)"
    )


def test_option_inconnue_sans_proche(capsys: pytest.CaptureFixture[str]) -> None:
    _, lignes = _refus_d_analyse(capsys, *_TABLEAU, "--zzzzzz")
    assert lignes[-1] == "collectivites pret tableau : erreur : option inconnue --zzzzzz"


def test_option_inconnue_apres_une_option_connue(capsys: pytest.CaptureFixture[str]) -> None:
    """Chaque argument est examiné, pas seulement le premier."""
    _, lignes = _refus_d_analyse(capsys, *_TABLEAU, "--ligne", "3", "--vers")
    assert lignes[-1] == (
        "collectivites pret tableau : erreur : option inconnue --vers "
        "(vouliez-vous dire --version ?)"
    )


def test_apres_double_tiret_rien_n_est_une_option(capsys: pytest.CaptureFixture[str]) -> None:
    """Après « -- », « --lign » est un argument positionnel (le dossier), pas une option
    inconnue : c'est le conflit avec --exemple qui est dit."""
    _, lignes = _refus_d_analyse(capsys, *_TABLEAU, "--", "--lign")
    assert lignes[-1] == (
        "collectivites pret tableau : erreur : argument dossier: incompatible avec l'argument "
        "--exemple"
    )


def test_option_courte_inconnue_laissee_a_argparse(capsys: pytest.CaptureFixture[str]) -> None:
    """Une option courte n'est pas examinée par la commande : argparse la refuse à la racine,
    en français."""
    _, lignes = _refus_d_analyse(capsys, *_TABLEAU, "-q")
    assert lignes[-1] == "collectivites : erreur : arguments non reconnus: -q"


def test_options_connues_ecrites_avec_egal() -> None:
    args = _arguments(*_TABLEAU, "--ligne=3", "--format=json")
    assert (args.ligne, args.format, args.exemple) == ("3", "json", "cdc-57851")


def test_racine_sans_abreviation(capsys: pytest.CaptureFixture[str]) -> None:
    """« --vers » n'est pas une abréviation acceptée de --version (allow_abbrev=False) : la
    commande manque."""
    _, lignes = _refus_d_analyse(capsys, "--vers")
    assert lignes[0].startswith("utilisation : collectivites ")
    assert lignes[-1] == "collectivites : erreur : arguments obligatoires manquants: COMMANDE"


@pytest.mark.parametrize(
    "argv", [("-V",), ("--version",), ("pret", "-V"), ("pret", "tableau", "--version")]
)
def test_version_partout(capsys: pytest.CaptureFixture[str], argv: tuple[str, ...]) -> None:
    from collectivites import __version__
    from collectivites.cli import main

    assert main(list(argv)) == 0
    flots = capsys.readouterr()
    assert (flots.out, flots.err) == (f"collectivites {__version__}\n", "")


@pytest.mark.parametrize("drapeau", ["-h", "--help", "--aide"])
def test_aide_par_ses_trois_noms(capsys: pytest.CaptureFixture[str], drapeau: str) -> None:
    from collectivites.cli import main

    assert main(["pret", drapeau]) == 0
    flots = capsys.readouterr()
    assert flots.err == ""
    assert flots.out.startswith("utilisation : collectivites pret [-h] [-V] ACTION")
    assert "\nprêts de la Caisse des Dépôts : tableau, rapprochement" in flots.out


# --- options d'une commande telles que la table les décrit ---------------------------------------


def test_options_repetables_et_positionnels_multiples() -> None:
    """« dossiers » prend plusieurs chemins (nargs="*"), « --exemple » se répète (append) ; les
    défauts de la table sont repris."""
    args = _arguments("pret", "portefeuille", "d1", "d2", "--exemple", "x", "--exemple", "y")
    assert args.dossiers == ["d1", "d2"]
    assert args.exemple == ["x", "y"]
    assert (args.par, args.index, args.format) == ("ligne", "historique", "texte")


def test_option_convertie_par_son_type() -> None:
    import datetime as dt
    from decimal import Decimal

    args = _arguments(
        "pret",
        "remboursement",
        "--exemple",
        "cdc-57851",
        "--date",
        "2024-01-15",
        "--montant",
        "1000",
    )
    assert args.date == dt.date(2024, 1, 15)
    assert args.montant == Decimal("1000") and isinstance(args.montant, Decimal)
    assert args.ligne is None  # sans défaut


def test_option_obligatoire_manquante(capsys: pytest.CaptureFixture[str]) -> None:
    _, lignes = _refus_d_analyse(capsys, "pret", "remboursement", "--exemple", "cdc-57851")
    assert lignes[0].startswith("utilisation : collectivites pret remboursement ")
    assert lignes[-1] == (
        "collectivites pret remboursement : erreur : arguments obligatoires manquants: --date"
    )


def test_choix_d_une_option_de_la_table(capsys: pytest.CaptureFixture[str]) -> None:
    _, lignes = _refus_d_analyse(capsys, "pret", "portefeuille", "--par", "zz")
    assert lignes[-1] == (
        "collectivites pret portefeuille : erreur : argument --par: choix invalide: 'zz' "
        "(choisir parmi 'ligne', 'emprunteur', 'garant')"
    )


def test_erreur_sur_une_option_de_la_commande_dite_par_lancer(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """L'exécutant nomme « option --ligne » (une option de la table de « pret tableau ») une
    erreur du calcul qui porte la clé « ligne »."""
    from collectivites.cli import main

    assert main([*_TABLEAU, "--ligne", "zzz"]) == 2
    flots = capsys.readouterr()
    assert flots.out == ""
    assert flots.err.startswith(
        "collectivites : erreur : option --ligne : ligne absente du prêt (reçu : 'zzz' ; attendu : "
    )


def test_valeur_contenant_un_egal() -> None:
    """Seul le premier « = » sépare le nom de l'option de sa valeur : « --ligne=a=b » est
    l'option --ligne, de valeur « a=b »."""
    assert _arguments(*_TABLEAU, "--ligne=a=b").ligne == "a=b"


def test_commande_sans_exemple_sans_epilogue(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Une commande de la table sans exemples n'a pas de section « exemples : » ni aucun texte
    après ses options."""
    monkeypatch.setenv("COLUMNS", "250")
    commande = _cadre.Commande(("zz",), "aide de zz", lambda _e, _a: "", formats=())
    racine = _cadre.analyseur([commande], version="v1", description="essai")
    with pytest.raises(SystemExit) as fin:
        racine.parse_args(["zz", "--aide"])
    assert fin.value.code == 0
    aide = capsys.readouterr().out
    assert aide.startswith("utilisation : collectivites zz [-h] [-V]\n\naide de zz\n")
    assert aide.endswith("\n  -V, --version       afficher la version et quitter\n")
    assert "exemples" not in aide


def test_aide_d_un_groupe_liste_ses_actions(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from collectivites.cli import main

    monkeypatch.setenv("COLUMNS", "250")
    assert main(["pret", "--aide"]) == 0
    lignes = capsys.readouterr().out.splitlines()
    assert "    tableau            tableau d'amortissement" in lignes
    assert "    teg                taux effectif global d'une ligne" in lignes


def test_alias_d_une_commande(capsys: pytest.CaptureFixture[str]) -> None:
    """« serve » est l'autre nom de « servir » (alias de la table)."""
    from collectivites.cli import main

    assert main(["serve", "--aide"]) == 0
    assert capsys.readouterr().out.startswith("utilisation : collectivites servir [-h] [-V]")


def test_exemples_un_par_ligne(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "250")
    commande = _cadre.Commande(
        ("zz",), "aide de zz", lambda _e, _a: "", formats=(), exemples=("zz un", "zz deux")
    )
    racine = _cadre.analyseur([commande], version="v1", description="essai")
    with pytest.raises(SystemExit):
        racine.parse_args(["zz", "--aide"])
    assert capsys.readouterr().out.endswith("\n\nexemples :\n  zz un\n  zz deux\n")
