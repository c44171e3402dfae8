"""Entrées hostiles du thème « sorties » (``--sortie``) : chacune est refusée proprement (code 2,
message en français, rien sur la sortie standard), et rien n'est écrit à côté.

Les cas qui demandent un lien symbolique, un périphérique, des droits réduits ou une limite de
taille des fichiers (``ulimit -f``) sont dans ``tests/test_sorties.py`` : le corpus ne crée que
des fichiers, des répertoires et des tubes, et n'écrit jamais dans le vrai ``/dev`` (une
régression, lancée en root, remplacerait ``/dev/full`` de la machine : ``test_sorties.py`` en
fait des copies privées).
"""

from __future__ import annotations

from tests.hostiles import LIGNE, Cas

#: Une commande qui écrit un CSV d'une table (toutes les sorties passent par le même ``ecrire``).
_CSV = [
    "pret",
    "tableau",
    "--exemple",
    "cdc-57851",
    "--table",
    "5165325.echeances",
    "--format",
    "csv",
]
_XLSX = ["pret", "tableau", "--exemple", "cdc-57851", "--format", "xlsx"]


def cas() -> list[Cas]:
    """Les cas du thème, dans un ordre stable."""
    cas: list[Cas] = [
        ("sorties/repertoire", [*_CSV, "--sortie", "{d}/rep"], {"rep": "<repertoire>"}),
        ("sorties/repertoire-point", [*_CSV, "--sortie", "{d}/."], {}),
        ("sorties/barre-finale", [*_CSV, "--sortie", "{d}/nouveau/"], {}),
        ("sorties/barre-finale-fichier", [*_CSV, "--sortie", "{d}/f.csv/"], {"f.csv": "x\n"}),
        ("sorties/chemin-par-un-fichier", [*_CSV, "--sortie", "{d}/f.csv/t.csv"], {"f.csv": "x"}),
        ("sorties/repertoire-absent-profond", [*_CSV, "--sortie", "{d}/a/b/c/t.csv"], {}),
        ("sorties/nom-trop-long", [*_CSV, "--sortie", "{d}/" + "n" * 300 + ".csv"], {}),
        (
            "sorties/chemin-trop-long",
            [*_CSV, "--sortie", "{d}/" + "/".join(["r" * 200] * 25) + "/t.csv"],
            {},
        ),
        ("sorties/octet-nul", [*_CSV, "--sortie", "{d}/t\x00.csv"], {}),
        ("sorties/vide", [*_CSV, "--sortie", ""], {}),
        ("sorties/xlsx-vers-repertoire", [*_XLSX, "--sortie", "{d}/rep"], {"rep": "<repertoire>"}),
        ("sorties/xlsx-vide", [*_XLSX, "--sortie", ""], {}),
        (
            "sorties/ecrase-entree-par-un-autre-chemin",
            ["pret", "tableau", "{d}/p.toml", "--sortie", "{d}/./rep/../p.toml"],
            {"p.toml": LIGNE, "rep": "<repertoire>"},
        ),
    ]
    return cas
