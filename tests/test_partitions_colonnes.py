"""Lecture en colonnes des partitions d'un portefeuille en tableau (``prets/_colonnaire.py``) :
les mêmes prêts que la lecture ligne à ligne, et sur toute entrée hostile **la même erreur, mot
pour mot** (fichier, ligne, colonne), avec pyarrow, sans pyarrow et ligne à ligne."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from collectivites.erreurs import ErreurCollectivites
from collectivites.prets import _colonnaire, _partitions, _tableur
from collectivites.prets._partitions import partitionner
from tests.synthetique import COLONNES, ecrire_csv, ecrire_parquet, lignes

MODES = ("lignes", "colonnes", "pyarrow")


def _csv(rangees: list[dict[str, str]], separateur: str = ",") -> str:
    flux = io.StringIO()
    ecrivain = csv.DictWriter(flux, fieldnames=list(rangees[0]), delimiter=separateur)
    ecrivain.writeheader()
    ecrivain.writerows(rangees)
    return flux.getvalue()


BASE = list(lignes(4))
TEXTE = _csv(BASE)


def _mode(monkeypatch: pytest.MonkeyPatch, mode: str) -> None:
    monkeypatch.setattr(_partitions, "COLONNAIRE", mode != "lignes")
    if mode != "pyarrow":
        monkeypatch.setattr(_colonnaire, "_arrow_csv", lambda: None)


def _lire(chemin: Path, taille: int) -> object:
    """Les prêts de toutes les partitions, ou l'erreur (type et message complet)."""
    try:
        parties = partitionner([chemin], lignes_par_partition=taille)
        return [p.prets() for p in parties]
    except ErreurCollectivites as exc:
        return type(exc).__name__, str(exc)


def _trois_lectures(chemin: Path, taille: int = 2) -> dict[str, object]:
    resultats = {}
    for mode in MODES:
        with pytest.MonkeyPatch.context() as patch:
            _mode(patch, mode)
            resultats[mode] = _lire(chemin, taille)
    return resultats


def _remplacer(texte: str, ancien: str, nouveau: str) -> str:
    assert ancien in texte
    return texte.replace(ancien, nouveau, 1)


L1 = BASE[1]
#: Entrées hostiles ou irrégulières de la lecture CSV d'un portefeuille : chacune est lue des
#: trois façons ; une erreur doit être la même, un résultat aussi.
HOSTILES: list[tuple[str, str | bytes]] = [
    ("montant-illisible", _remplacer(TEXTE, L1["montant"], "12x4")),
    ("montant-negatif", _remplacer(TEXTE, L1["montant"], "-5")),
    ("duree-nulle", _remplacer(TEXTE, f",{L1['duree']},{L1['periodicite']}", ",0,annuelle")),
    ("periodicite-inconnue", _remplacer(TEXTE, L1["periodicite"], "bimensuelle")),
    ("date-impossible", _remplacer(TEXTE, L1["date_debut_amortissement"], "2021-02-30")),
    ("garant-illisible", _remplacer(TEXTE, L1["garants"], "Département 25 %")),
    ("quotites-fausses", _remplacer(TEXTE, L1["garants"], "Département:25 %;Commune:70 %")),
    ("colonne-inconnue", _remplacer(TEXTE, "marge", "marje")),
    ("colonne-en-double", _remplacer(TEXTE, "emprunteur", "montant")),
    ("obligatoire-vide", _remplacer(TEXTE, f",{L1['montant']},", ",,")),
    ("identifiant-en-double", _remplacer(TEXTE, "L0000001", "L0000000")),
    ("trop-de-cellules", _remplacer(TEXTE, L1["garants"], L1["garants"] + ",en trop")),
    ("trop-peu-de-cellules", TEXTE.replace("\r\n", "\n").rstrip("\n").rsplit(",", 2)[0] + "\n"),
    ("guillemet-non-ferme", _remplacer(TEXTE, L1["emprunteur"], '"bailleur')),
    ("guillemet-au-milieu", _remplacer(TEXTE, L1["emprunteur"], 'bail"leur')),
    ("texte-apres-guillemet", _remplacer(TEXTE, f"{L1['emprunteur']},", '"bail"leur,')),
    ("caractere-nul", _remplacer(TEXTE, L1["emprunteur"], "bail\x00leur")),
    ("fin-de-ligne-unicode", _remplacer(TEXTE, L1["emprunteur"], "bail\u2028leur")),
    ("fin-de-ligne-dans-cellule", _remplacer(TEXTE, L1["emprunteur"], '"bail\nleur"')),
    ("non-utf8", _remplacer(TEXTE, L1["emprunteur"], "bailleur é").encode("latin-1")),
    ("entete-seul", TEXTE.splitlines()[0] + "\n"),
    ("vide", ""),
    ("commentaires-et-lignes-blanches", "# source\n\n" + TEXTE.replace("\r\n", "\n\n,,,\n")),
    ("retour-chariot-en-tete", "\r" + TEXTE),
    ("bom-et-crlf", "\ufeff" + TEXTE.replace("\r\n", "\n").replace("\n", "\r\n")),
    ("point-virgule", _csv(BASE, ";")),
    ("apostrophe-de-formule", _remplacer(TEXTE, L1["emprunteur"], "'=bailleur")),
    ("espaces-autour", _remplacer(TEXTE, f",{L1['montant']},", f",  {L1['montant']}  ,")),
    ("cellule-geante", _remplacer(TEXTE, L1["emprunteur"], "x" * 140_000)),
    ("contrat-disperse", TEXTE + TEXTE.splitlines()[1].replace("L0000000", "L0000009") + "\n"),
    (
        "prefinancement-partiel",
        _csv([{**r, "prefinancement_duree_mois": "12", "prefinancement_taux": ""} for r in BASE]),
    ),
    (
        "prefinancement-complet",
        _csv(
            [
                {
                    **r,
                    "prefinancement_duree_mois": "12",
                    "prefinancement_taux": "1,35 %",
                    "prefinancement_reglement_interets": "paiement",
                }
                for r in BASE
            ]
        ),
    ),
]


@pytest.mark.parametrize(("nom", "contenu"), HOSTILES, ids=[n for n, _c in HOSTILES])
def test_entrees_hostiles_meme_resultat_ou_meme_erreur_des_trois_facons(
    nom: str, contenu: str | bytes, tmp_path: Path
) -> None:
    chemin = tmp_path / "p.csv"
    if isinstance(contenu, bytes):
        chemin.write_bytes(contenu)
    else:
        chemin.write_text(contenu, encoding="utf-8", newline="")
    resultats = _trois_lectures(chemin)
    assert resultats["colonnes"] == resultats["lignes"], nom
    assert resultats["pyarrow"] == resultats["lignes"], nom


def test_les_cas_hostiles_sont_refuses_ou_lus_comme_prevu(tmp_path: Path) -> None:
    """Le corpus n'est pas vide de sens : les cas d'erreur échouent vraiment, ligne à ligne."""
    acceptes = {
        "commentaires-et-lignes-blanches",
        "bom-et-crlf",
        "retour-chariot-en-tete",
        "point-virgule",
        "apostrophe-de-formule",
        "espaces-autour",
        "prefinancement-complet",
        "guillemet-au-milieu",
        "texte-apres-guillemet",
        "trop-peu-de-cellules",  # cellules facultatives manquantes en fin de ligne
        "prefinancement-partiel",
        "contrat-disperse",  # refusé à la fusion des partitions, non à la lecture
    }
    for nom, contenu in HOSTILES:
        chemin = tmp_path / f"{nom}.csv"
        if isinstance(contenu, bytes):
            chemin.write_bytes(contenu)
        else:
            chemin.write_text(contenu, encoding="utf-8", newline="")
        with pytest.MonkeyPatch.context() as patch:
            _mode(patch, "lignes")
            resultat = _lire(chemin, 2)
        assert isinstance(resultat, list) == (nom in acceptes), (nom, resultat)


def test_un_csv_regulier_est_lu_par_pyarrow_sans_le_lecteur_ligne_a_ligne(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    chemin = ecrire_csv(tmp_path / "p.csv", 30)
    attendus = _trois_lectures(chemin, 7)["lignes"]

    def interdit(*_a: object, **_k: object) -> None:
        raise AssertionError("relu ligne à ligne")

    monkeypatch.setattr(_tableur, "lignes_des_cellules", interdit)
    monkeypatch.setattr(_partitions, "lire_csv", interdit)  # les cellules viennent de pyarrow
    assert _lire(chemin, 7) == attendus


def test_sans_pyarrow_le_lecteur_csv_puis_les_colonnes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    chemin = ecrire_csv(tmp_path / "p.csv", 30)
    attendus = _trois_lectures(chemin, 7)["lignes"]
    monkeypatch.setattr(_colonnaire, "_arrow_csv", lambda: None)
    monkeypatch.setattr(
        _tableur, "lignes_des_cellules", lambda *_a: pytest.fail("relu ligne à ligne")
    )
    assert _lire(chemin, 7) == attendus


def test_parquet_en_colonnes_comme_ligne_a_ligne(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    chemin = ecrire_parquet(tmp_path / "p.parquet", 30, lignes_par_groupe=8)
    du_csv = _trois_lectures(ecrire_csv(tmp_path / "p.csv", 30), 8)["lignes"]
    monkeypatch.setattr(_partitions, "COLONNAIRE", False)
    attendus = _lire(chemin, 8)
    assert attendus == du_csv
    monkeypatch.setattr(_partitions, "COLONNAIRE", True)
    monkeypatch.setattr(
        _tableur, "lignes_des_cellules", lambda *_a: pytest.fail("relu ligne à ligne")
    )
    assert _lire(chemin, 8) == attendus


def test_parquet_flottant_meme_erreur_que_ligne_a_ligne(tmp_path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    colonnes = {c: [r[c] for r in BASE] for c in COLONNES}
    table = pa.table({**colonnes, "montant": [float(x) for x in colonnes["montant"]]})
    chemin = tmp_path / "p.parquet"
    pq.write_table(table, chemin)
    resultats = _trois_lectures(chemin)
    assert resultats["lignes"] == resultats["pyarrow"]
    assert "virgule flottante" in str(resultats["lignes"])


_CARACTERES = st.sampled_from(list("\",;\n\r# '=%-.:0159aéL\x00\u2028\t"))


@settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    position=st.integers(0, len(TEXTE) - 1),
    longueur=st.integers(0, 3),
    insertion=st.lists(_CARACTERES, max_size=3).map("".join),
)
def test_texte_abime_au_hasard_meme_resultat_ou_meme_erreur(
    position: int, longueur: int, insertion: str, tmp_path: Path
) -> None:
    texte = TEXTE[:position] + insertion + TEXTE[position + longueur :]
    chemin = tmp_path / "abime.csv"
    chemin.write_text(texte, encoding="utf-8", newline="")
    resultats = _trois_lectures(chemin)
    assert resultats["colonnes"] == resultats["lignes"]
    assert resultats["pyarrow"] == resultats["lignes"]
