"""L'état des séries livrées et la vérification d'un fichier utilisateur (``donnees/_etat.py``),
et la lecture des fichiers du paquet (``donnees/_paquet.py``) : tests écrits pour les mutants de
ces modules.

Les valeurs attendues sont les dernières lignes des fichiers du paquet
(``src/collectivites/donnees/*.csv``) et de leurs lignes ``# confirmee_au`` et
``# reference_officielle``."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from collectivites._moteur import moteur
from collectivites.donnees import (
    EtatSerie,
    etat_des_donnees,
    lire_csv_paquet,
    lire_texte_paquet,
    verifier_fichier,
)
from collectivites.erreurs import ErreurDonnees, ErreurDossier, ErreurType

D = dt.date


@pytest.fixture
def dossier(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("COLLECTIVITES_DONNEES", str(tmp_path))
    return tmp_path


@moteur
def _sans_verification(fonction: object, argument: object) -> object:
    """Appel depuis un moteur : les arguments n'y sont pas revérifiés (le cas des appels
    internes de la bibliothèque) ; la fonction doit refuser d'elle-même un mauvais type."""
    return fonction(argument)  # type: ignore[operator]


def test_etat_sans_dossier_utilisateur(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLLECTIVITES_DONNEES", "")
    etat = etat_des_donnees()
    assert etat.dossier is None
    assert etat.fichiers_ignores == ()
    assert [(s.nom, s.fichier) for s in etat.series] == [
        ("livret_a", "livret_a.csv"),
        ("lep", "lep.csv"),
        ("interet_legal_particuliers", "interet_legal.csv"),
        ("interet_legal_autres_cas", "interet_legal.csv"),
        ("eonia", "eonia_mensuel.csv"),
        ("bce_refinancement", "bce_refinancement.csv"),
    ]
    livret_a = etat.series[0]
    assert livret_a.libelle == "Livret A"
    assert livret_a.premiere_date == D(2000, 7, 1)
    assert livret_a.derniere_date == D(2026, 8, 1)
    assert livret_a.derniere_valeur == Decimal("0.017")
    assert livret_a.confirmee_au == D(2026, 8, 1)
    assert livret_a.reference_officielle == (
        "Banque de France, série MIR1.M.FR.B.L23FRLA.D.R.A.2230U6.EUR.O"
    )
    assert livret_a.source.startswith("Arrêté du 28 juillet 2026 (JORF, texte JORFTEXT000054541376")
    assert livret_a.prolongee_par == ""
    assert livret_a.erreur == ""
    autres = etat.series[3]
    assert autres.libelle == "Intérêt légal, autres cas"
    assert autres.derniere_valeur == Decimal("0.0262")
    assert autres.confirmee_au == D(2026, 6, 30)
    assert autres.reference_officielle == ""


def test_etat_d_un_fichier_invalide(dossier: Path) -> None:
    (dossier / "series").mkdir()
    (dossier / "series" / "interet_legal.csv").write_text(
        "date_effet,particuliers_pct,autres_cas_pct,source\n2030-01-01,6,2,Arrêté\n",
        encoding="utf-8",
    )
    etat = etat_des_donnees()
    assert etat.dossier == dossier
    message = (
        f"fichier « {dossier / 'series' / 'interet_legal.csv'} », ligne 2 : trou dans la série "
        "« interet_legal_particuliers » (une valeur par semestre, au 1er janvier et au "
        "1er juillet) (reçu : 2030-01-01 ; attendu : la valeur du 01/07/2026)"
    )
    assert etat.series[2] == EtatSerie(
        nom="interet_legal_particuliers",
        libelle="Intérêt légal, créances des particuliers",
        fichier="interet_legal.csv",
        premiere_date=None,
        derniere_date=None,
        derniere_valeur=None,
        confirmee_au=None,
        reference_officielle="",
        source="",
        prolongee_par="",
        erreur=message,
    )
    assert etat.series[3].erreur == message  # le même fichier : la première série fautive
    assert etat.series[0].erreur == ""
    assert etat.series[0].derniere_valeur == Decimal("0.017")


def test_etat_d_un_prolongement(dossier: Path) -> None:
    (dossier / "series").mkdir()
    chemin = dossier / "series" / "lep.csv"
    chemin.write_text("date_effet,taux_pct,source\n2026-08-01,2.4,Arrêté fictif\n", "utf-8")
    lep = etat_des_donnees().series[1]
    assert lep.prolongee_par == str(chemin)
    assert lep.derniere_date == D(2026, 8, 1)
    assert lep.derniere_valeur == Decimal("0.024")
    assert lep.source == "Arrêté fictif"
    assert lep.premiere_date == D(2008, 2, 1)


def test_fichiers_ignores(dossier: Path) -> None:
    assert etat_des_donnees().fichiers_ignores == ()  # pas de sous-dossier « series »
    series = dossier / "series"
    series.mkdir()
    for nom in ("zzz.txt", "livret-a.csv", ".cache", "lep.csv", "eonia.csv"):
        (series / nom).write_text("", encoding="utf-8")
    ignores = etat_des_donnees().fichiers_ignores
    assert ignores == (
        "eonia.csv (vouliez-vous dire « eonia_mensuel.csv » ?)",
        "livret-a.csv (vouliez-vous dire « livret_a.csv » ?)",
        "zzz.txt",
    )


def test_fichier_series_qui_n_est_pas_un_dossier(dossier: Path) -> None:
    (dossier / "series").write_text("", encoding="utf-8")
    assert etat_des_donnees().fichiers_ignores == ()


def test_verifier_fichier(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLLECTIVITES_DONNEES", "")
    chemin = tmp_path / "interet_legal.csv"
    chemin.write_text(
        "date_effet,particuliers_pct,autres_cas_pct,source\n2026-07-01,6.5,2.5,Arrêté (test)\n",
        encoding="utf-8",
    )
    verification = verifier_fichier(str(chemin))
    assert verification.fichier == str(chemin)
    assert verification.livre == "interet_legal.csv"
    noms = [(livree.nom, prolongee.nom) for livree, prolongee in verification.series]
    assert noms == [
        ("interet_legal_particuliers", "interet_legal_particuliers"),
        ("interet_legal_autres_cas", "interet_legal_autres_cas"),
    ]
    livree, prolongee = verification.series[1]
    assert livree.derniere_date == D(2026, 1, 1)  # la série du paquet, non prolongée
    assert prolongee.derniere_date == D(2026, 7, 1)
    assert prolongee.valeur_au(D(2026, 7, 1)) == Decimal("0.025")
    assert prolongee.confirmee_au == D(2026, 12, 31)
    assert prolongee.prolongee_par == str(chemin)
    assert livree.prolongee_par == ""
    # un autre nom, avec la série nommée
    autre = tmp_path / "mon-fichier.csv"
    autre.write_text("date_effet,taux_pct,source\n2026-08-01,2.4,Arrêté\n", encoding="utf-8")
    verification = verifier_fichier(autre, serie="lep")
    assert verification.livre == "lep.csv"
    assert verification.series[0][1].derniere_date == D(2026, 8, 1)
    with pytest.raises(ErreurDonnees, match="aucune série livrée de ce nom"):
        verifier_fichier(autre)


def test_verifier_fichier_refuse_ce_qui_n_est_pas_un_chemin() -> None:
    with pytest.raises(ErreurType) as erreur:
        _sans_verification(verifier_fichier, 42)
    assert str(erreur.value) == "clé « chemin » : type refusé (reçu : 42 ; attendu : un chemin)"


def test_verifier_fichier_invalide(tmp_path: Path) -> None:
    chemin = tmp_path / "lep.csv"
    chemin.write_text("date_effet,taux_pct,source\n2026-02-01,2.4,Arrêté\n", encoding="utf-8")
    with pytest.raises(ErreurDossier, match="contradiction avec la série livrée « lep »"):
        verifier_fichier(chemin)


# --- fichiers du paquet -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("nom", "debut"),
    [
        ("livret_a.csv", "# Série livret_a — taux du Livret A"),
        ("baremes/alcome.toml", "#"),
        ("dette/garanties.toml", "#"),
        ("eonia_mensuel.csv", "#"),
    ],
)
def test_noms_de_donnees_permis(nom: str, debut: str) -> None:
    assert lire_texte_paquet(nom).startswith(debut)


@pytest.mark.parametrize("nom", ["a-b/c_d/9.csv", "x-1.toml"])
def test_noms_permis_mais_absents(nom: str) -> None:
    with pytest.raises(ErreurDonnees) as erreur:
        lire_texte_paquet(nom)
    assert erreur.value.message == "fichier de données absent du paquet"
    assert erreur.value.valeur == nom
    assert erreur.value.cle is None


@pytest.mark.parametrize(
    "nom",
    [
        "Livret_a.csv",
        "livret_a.txt",
        "livret_a",
        "/livret_a.csv",
        "../livret_a.csv",
        "a//b.csv",
        "a b.csv",
        "livret_a.csv\n",
        "xlivret_a.csvx",
        ".csv",
    ],
)
def test_noms_de_donnees_refuses(nom: str) -> None:
    with pytest.raises(ErreurDonnees) as erreur:
        lire_texte_paquet(nom)
    assert str(erreur.value) == (
        f"clé « nom » : nom de fichier de données invalide (reçu : {nom!r} ; attendu : un nom "
        "relatif de fichier .csv ou .toml du paquet (lettres minuscules, chiffres, « _ », « - », "
        "« / »))"
    )


def test_nom_de_donnees_d_un_autre_type() -> None:
    with pytest.raises(ErreurDonnees) as erreur:
        _sans_verification(lire_texte_paquet, 42)
    assert erreur.value.message == "nom de fichier de données invalide"
    assert erreur.value.valeur == 42


def test_fichier_absent_du_paquet() -> None:
    with pytest.raises(ErreurDonnees) as erreur:
        lire_texte_paquet("absent.csv")
    assert str(erreur.value) == "fichier de données absent du paquet (reçu : 'absent.csv')"
    with pytest.raises(ErreurDonnees, match="absent du paquet"):
        lire_texte_paquet("dette/absent.toml")


def test_texte_du_paquet_en_utf8() -> None:
    texte = lire_texte_paquet("livret_a.csv")
    assert texte.startswith("#")
    assert "Règlement CRBF n° 2000-02" in texte


def test_csv_du_paquet_sans_commentaires() -> None:
    lignes = lire_csv_paquet("livret_a.csv")
    assert lignes[0]["date_effet"] == "2000-07-01"
    assert lignes[0]["taux_pct"] == "3.00"
    assert list(lignes[0]) == ["date_effet", "taux_pct", "source"]
    assert lignes[-1]["date_effet"] == "2026-08-01"
    assert lignes[-1]["taux_pct"] == "1.70"
    texte = lire_texte_paquet("livret_a.csv")
    donnees = [x for x in texte.splitlines() if x and not x.startswith("#")]
    assert len(lignes) == len(donnees) - 1  # l'en-tête
