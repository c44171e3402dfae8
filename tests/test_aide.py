"""L'aide de la ligne de commande (issue 24) : chaque commande a au moins un exemple, chaque
groupe une description ; « servir » et son alias « serve » ; une option inconnue est nommée,
avec l'option la plus proche et l'utilisation de la commande ; les messages nomment les
options comme l'utilisateur les a tapées ; l'aide n'offre que ce que la commande sait faire."""

from __future__ import annotations

import shlex
from pathlib import Path

import pytest

from collectivites.cli import main
from collectivites.cli._cadre import DESCRIPTIONS_GROUPES, Commande
from collectivites.cli._commandes import COMMANDES
from collectivites.cli._service import SERVE

TOUTES: tuple[Commande, ...] = (*COMMANDES, SERVE)
RACINE = Path(__file__).resolve().parent.parent


def _nom(commande: Commande) -> str:
    return " ".join(commande.chemin)


@pytest.mark.parametrize("commande", TOUTES, ids=_nom)
def test_chaque_commande_a_un_exemple(commande: Commande) -> None:
    lancees = [e for e in commande.exemples if e.startswith("collectivites ")]
    assert lancees, f"« {_nom(commande)} » n'a aucun exemple"
    assert any(
        shlex.split(e)[1 : 1 + len(commande.chemin)] == list(commande.chemin) for e in lancees
    )


def _groupes() -> set[tuple[str, ...]]:
    return {c.chemin[:rang] for c in TOUTES for rang in range(1, len(c.chemin))}


@pytest.mark.parametrize("groupe", sorted(_groupes()), ids=" ".join)
def test_chaque_groupe_a_une_description(
    groupe: tuple[str, ...], capsys: pytest.CaptureFixture[str]
) -> None:
    assert DESCRIPTIONS_GROUPES.get(groupe), f"groupe « {' '.join(groupe)} » sans description"
    assert main([*groupe, "--aide"]) == 0
    aide = " ".join(capsys.readouterr().out.split())
    assert DESCRIPTIONS_GROUPES[groupe] in aide  # l'en-tête de l'aide du groupe


def _aide(capsys: pytest.CaptureFixture[str], *chemin: str) -> str:
    assert main([*chemin, "--aide"]) == 0
    return capsys.readouterr().out


def test_servir_et_son_alias_serve(capsys: pytest.CaptureFixture[str]) -> None:
    racine = _aide(capsys)
    assert "servir (serve)" in racine
    assert "collectivites servir" in _aide(capsys, "servir")
    assert "--port" in _aide(capsys, "serve")


def test_une_commande_sans_csv_n_offre_ni_table_ni_xlsx(capsys: pytest.CaptureFixture[str]) -> None:
    aide = _aide(capsys, "pret", "teg")
    assert "--table" not in aide and "xlsx" not in aide
    aide_tableau = _aide(capsys, "pret", "tableau")
    assert "--table" in aide_tableau and "obligatoire pour xlsx et png" in aide_tableau
    assert "une clé inconnue les liste" in aide_tableau


def test_un_defaut_dit_une_fois(capsys: pytest.CaptureFixture[str]) -> None:
    aide = " ".join(_aide(capsys, "pret", "portefeuille").split())
    morceau = aide.rsplit("--lignes-par-partition N", 1)[1].split("--", 1)[0]
    assert morceau.count("défaut") == 1


def test_option_inconnue_nommee_avec_la_plus_proche(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["pret", "tableau", "--exemple", "cdc-57851", "--lign", "5165325"]) == 2
    sortie = capsys.readouterr()
    assert sortie.out == ""
    assert sortie.err.startswith("utilisation : collectivites pret tableau ")
    assert sortie.err.endswith(
        "collectivites pret tableau : erreur : option inconnue --lign "
        "(vouliez-vous dire --ligne ?)\n"
    )
    assert main(["delai", "calculer", "--depart=2024-01-01", "--zzz", "x"]) == 2
    err = capsys.readouterr().err
    assert "option inconnue --zzz\n" in err and "vouliez" not in err


def test_les_messages_nomment_les_options(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["pret", "tableau", "--exemple", "cdc-57851", "--ligne", "99"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("collectivites : erreur : option --ligne : ligne absente du prêt")
    assert "clé « ligne »" not in err
    arguments = ["pret", "tableau", "--exemple", "cdc-57851", "--ligne", "5165325"]
    assert main([*arguments, "--format", "csv", "--table", "zz"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("collectivites : erreur : option --table : table inconnue")
    assert "echeances" in err  # les clés sont listées


def test_l_exemple_de_rapprochement_est_livre() -> None:
    from importlib import resources

    (rapprocher,) = [c for c in COMMANDES if c.chemin == ("pret", "rapprocher")]
    chemin = shlex.split(rapprocher.exemples[0])[-1]
    nom = Path(chemin).name
    livre = resources.files("collectivites.donnees").joinpath(f"exemples/{nom}")
    assert livre.is_file() and (RACINE / chemin).is_file()
    provenance = resources.files("collectivites.donnees").joinpath(f"exemples/{Path(nom).stem}.md")
    assert "recueil des actes" in provenance.read_text(encoding="utf-8")


def _executables() -> list[str]:
    exemples = []
    for commande in COMMANDES:
        for exemple in commande.exemples:
            mots = shlex.split(exemple) if exemple.startswith("collectivites ") else []
            if "--exemple" in mots or "rapprocher" in mots or mots[1:2] in (["jours-feries"],):
                exemples.append(exemple)
    return exemples


@pytest.mark.parametrize("exemple", _executables())
def test_les_exemples_de_l_aide_s_executent(
    exemple: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Chaque exemple sur un exemple livré s'exécute (les fichiers écrits le sont dans un
    répertoire temporaire) ; le rapprochement trouve l'écart de la ligne 17 (code 1)."""
    mots = shlex.split(exemple)[1:]
    if "--tableau" in mots:
        rang = mots.index("--tableau") + 1
        mots[rang] = str(RACINE / mots[rang])
    monkeypatch.chdir(tmp_path)
    code = main(mots)
    sortie = capsys.readouterr()
    assert "erreur" not in sortie.err
    # 1 : des écarts trouvés (rapprochement, contrôle d'une annexe), jamais une erreur
    assert code == 1 if "rapprocher" in mots else code in (0, 1)
    assert sortie.out or list(tmp_path.iterdir())
