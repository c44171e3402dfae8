"""Données de référence : chaque ligne cite son texte, chaque série dit jusqu'où elle est
confirmée, l'utilisateur peut la prolonger sans toucher au paquet, et les résultats le disent."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from collectivites.cli import main
from collectivites.donnees import (
    etat_des_donnees,
    fichiers_livres,
    lire_csv_paquet,
    lire_texte_paquet,
    serie_livree,
    series_livrees,
    verifier_fichier,
)
from collectivites.donnees._series import lire_metadonnees
from collectivites.erreurs import ErreurDonnees, ErreurDossier
from collectivites.prets import calculer_tableau, exemple_pret, serie_index
from collectivites.regles.rep import bareme_en_vigueur, remboursement_trop_percu

D = dt.date

# Un texte primaire : arrêté ou décret daté, loi, article de code, règlement, série officielle.
TEXTE_PRIMAIRE = re.compile(
    r"Arrêté du \d{1,2}(er)? [a-zéû]+ \d{4}"
    r"|Arrêté (fixant|publié)"
    r"|Règlement CRBF n° [\d-]+"
    r"|[Dd]écret n° [\d-]+"
    r"|[Ll]oi n° [\d-]+|[Ll]oi du \d"
    r"|C\. (trav|mon\. fin|proc\. civ)\. art\."
    r"|série Banque de France [A-Z0-9.]+|BCE,? (série )?FM\.[A-Z0-9.]+"
)
INTERDITS = ("http", "à vérifier", "idem", "blog", "boursorama", "staging", "deklic", "derived")


def _lignes(fichier: str) -> list[dict[str, str]]:
    return lire_csv_paquet(fichier)


@pytest.mark.parametrize("livre", fichiers_livres(), ids=lambda f: f.fichier)
def test_chaque_valeur_cite_son_texte(livre: object) -> None:
    fichier = livre.fichier  # type: ignore[attr-defined]
    for numero, ligne in enumerate(_lignes(fichier), start=1):
        source = ligne["source"]
        assert TEXTE_PRIMAIRE.search(source), f"{fichier}, ligne {numero} : {source!r}"
        assert not any(m in source.lower() for m in INTERDITS), f"{fichier}, ligne {numero}"
        assert "note" not in ligne or not ligne["note"]


@pytest.mark.parametrize("serie", ["livret_a", "lep"])
def test_epargne_reglementee_cite_la_serie_banque_de_france(serie: str) -> None:
    code = {"livret_a": "L23FRLA", "lep": "L23FRLP"}[serie]
    for point in serie_livree(serie).points:
        assert f"série Banque de France MIR1.M.FR.B.{code}" in point.source


def test_livret_a_au_1er_aout_2026() -> None:
    """Arrêté du 28 juillet 2026 (JORFTEXT000054541376) : Livret A de 1,50 % à 1,70 % au
    1er août 2026 (relevé d'openfisca-france, issue #2797). Le texte n'est pas lu pour le LEP :
    sa série reste confirmée au 31 juillet 2026 et son fichier le dit."""
    livret_a = serie_livree("livret_a")
    assert livret_a.valeur_au(D(2026, 7, 31)) == Decimal("0.015")
    assert livret_a.valeur_au(D(2026, 8, 1)) == Decimal("0.017")
    assert "JORFTEXT000054541376" in livret_a.points[-1].source
    assert livret_a.confirmee_au == D(2026, 8, 1)
    lep = serie_livree("lep")
    assert lep.derniere_date == D(2026, 2, 1) and lep.confirmee_au == D(2026, 7, 31)
    assert "Taux au 1er août 2026 non relevé" in lire_texte_paquet("lep.csv")


def test_interet_legal_un_arrete_par_semestre() -> None:
    """Depuis 2015, un arrêté « relatif à la fixation du taux de l'intérêt légal » par semestre ;
    les deux valeurs jadis « à vérifier » (2018 et 2019) sont celles des arrêtés du 28 décembre 2017
    (0,89 %) et du 21 décembre 2018 (0,86 %)."""
    lignes = _lignes("interet_legal.csv")
    dates = [ligne["date_effet"] for ligne in lignes]
    attendues = [f"{a}-{m}-01" for a in range(2015, 2027) for m in ("01", "07")][: len(dates)]
    assert dates == attendues
    for ligne in lignes:
        assert "relatif à la fixation du taux de l'intérêt légal" in ligne["source"]
    par_date = {ligne["date_effet"]: ligne for ligne in lignes}
    assert par_date["2018-01-01"]["autres_cas_pct"] == "0.89"
    assert "28 décembre 2017" in par_date["2018-01-01"]["source"]
    assert par_date["2019-01-01"]["autres_cas_pct"] == "0.86"
    assert "21 décembre 2018" in par_date["2019-01-01"]["source"]


@pytest.mark.parametrize("nom", series_livrees())
def test_chaque_serie_dit_jusqu_ou_elle_est_confirmee(nom: str) -> None:
    serie = serie_livree(nom)
    assert serie.confirmee_au is not None
    assert serie.confirmee_au >= serie.derniere_date
    meta = lire_metadonnees(lire_texte_paquet(serie.source.removeprefix("donnees/")))
    assert meta["periodicite"] in {"evenements", "mensuelle", "semestrielle"}


def test_jours_feries_citent_leur_texte() -> None:
    for ligne in _lignes("jours_feries.csv"):
        reference = ligne["reference"]
        if ligne["categorie"] == "ferie_legal":
            assert TEXTE_PRIMAIRE.search(reference), reference
        else:
            assert reference.startswith("Usage local"), reference
        assert "non vérifiée" not in ligne["note"]


def test_bareme_alcome_cite_ses_arretes() -> None:
    texte = lire_texte_paquet("baremes/alcome.toml")
    assert "Arrêté du 5 février 2021" in texte
    assert "455411" in texte  # CE, 28 juillet 2022 : annulation au 1er janvier 2023
    assert "Arrêté du 23 novembre 2022" in texte and "TREP2221743A" in texte
    assert "arrêté du 18 avril 2024" in texte and "TREP2326152A" in texte
    assert "deklic" not in texte and "AFP" not in texte
    alcome = bareme_en_vigueur("alcome", 2022)
    assert "5 février 2021" in alcome.texte_au(D(2022, 12, 31))
    assert "23 novembre 2022" in alcome.texte_au(D(2023, 1, 1))


@pytest.mark.parametrize("nom", ["/dev/zero", "../pyproject.toml", "livret_a.csv/..", "", "X.CSV"])
def test_lecture_du_paquet_refuse_les_chemins(nom: str) -> None:
    with pytest.raises(ErreurDonnees, match="nom de fichier de données invalide"):
        lire_texte_paquet(nom)


# --- au-delà de la confirmation ----------------------------------------------------------------


def test_tableau_dit_qu_il_reporte_la_derniere_valeur_confirmee() -> None:
    ligne = exemple_pret("cdc-57851").lignes[1]
    tableau = calculer_tableau(ligne, index=serie_index("livret_a"))
    (note,) = [n for n in tableau.hypotheses if "confirmée" in n]
    # confirmee_au du fichier (arrêté du 28 juillet 2026, fin de période non lue), 1,70 % : son taux
    assert "confirmée jusqu'au 01/08/2026" in note
    assert "dernière valeur publiée (1,70 %)" in note
    assert note in json.loads(tableau.rendre("json"))["hypotheses"]
    html = tableau.rendre("html")
    assert isinstance(html, str) and "01/08/2026" in html
    # L'index figé du tableau prévisionnel n'est pas une série : rien à dire.
    assert not [n for n in calculer_tableau(ligne).hypotheses if "confirmée" in n]


def test_hypotheses_dans_le_classeur(tmp_path: Path) -> None:
    sortie = tmp_path / "r.xlsx"
    resultat = remboursement_trop_percu(Decimal(100), D(2026, 1, 1), D(2026, 9, 1))
    octets = resultat.rendre("xlsx")
    assert isinstance(octets, bytes)
    sortie.write_bytes(octets)
    classeur = openpyxl.load_workbook(sortie)
    textes = [c.value for f in classeur.worksheets for r in f.iter_rows() for c in r if c.value]
    assert any("confirmée jusqu'au 30/06/2026" in str(t) for t in textes)


# --- dossier utilisateur --------------------------------------------------------------------


@pytest.fixture
def dossier(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("COLLECTIVITES_DONNEES", str(tmp_path))
    (tmp_path / "series").mkdir()
    return tmp_path / "series"


def _ecrire(chemin: Path, texte: str) -> Path:
    chemin.write_text(texte, encoding="utf-8")
    return chemin


# Prolongement fictif (valeur inventée pour le test) après la dernière ligne livrée, 1,70 % au
# 1er août 2026 (arrêté du 28 juillet 2026).
LIVRET_A_AOUT = (
    "# confirmee_au: 2027-07-31\n"
    "date_effet,taux_pct,source\n"
    "2026-08-01,1.70,Arrêté du 28 juillet 2026\n"
    "2027-02-01,1.60,Arrêté fictif du 28 janvier 2027 (exemple de test)\n"
)


def test_prolongement_utilise_et_dit(dossier: Path) -> None:
    _ecrire(dossier / "livret_a.csv", LIVRET_A_AOUT)
    serie = serie_livree("livret_a")
    assert serie.valeur_au(D(2027, 3, 1)) == Decimal("0.016")
    assert serie.confirmee_au == D(2027, 7, 31)
    ligne = exemple_pret("cdc-57851").lignes[1]
    notes = calculer_tableau(ligne, index=serie_index("livret_a")).hypotheses
    assert any("prolongée à partir du 01/02/2027 par le fichier utilisateur" in n for n in notes)
    assert any("confirmée jusqu'au 31/07/2027" in n for n in notes)
    etat = {s.nom: s for s in etat_des_donnees().series}
    assert etat["livret_a"].prolongee_par.endswith("livret_a.csv")
    assert etat["livret_a"].derniere_valeur == Decimal("0.016")


def test_prolongement_relu_quand_le_fichier_change(dossier: Path) -> None:
    chemin = _ecrire(dossier / "livret_a.csv", LIVRET_A_AOUT)
    assert serie_livree("livret_a").valeur_au(D(2027, 3, 1)) == Decimal("0.016")
    _ecrire(chemin, LIVRET_A_AOUT.replace("1.60", "1.80") + "\n")
    assert serie_livree("livret_a").valeur_au(D(2027, 3, 1)) == Decimal("0.018")
    chemin.unlink()
    assert serie_livree("livret_a").valeur_au(D(2027, 3, 1)) == Decimal("0.017")


def test_variable_vide_desactive(dossier: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _ecrire(dossier / "livret_a.csv", LIVRET_A_AOUT)
    monkeypatch.setenv("COLLECTIVITES_DONNEES", "")
    assert serie_livree("livret_a").valeur_au(D(2027, 3, 1)) == Decimal("0.017")
    assert "désactivé" in str(etat_des_donnees().rendre("texte"))


@pytest.mark.parametrize(
    ("fichier", "texte", "motif"),
    [
        (
            "livret_a.csv",
            "date_effet,taux_pct,source\n2026-02-01,1.60,Arrêté du 28 janvier 2026\n",
            r"ligne 2 : contradiction avec la série livrée « livret_a ».*1,50 %",
        ),
        (
            "livret_a.csv",
            "date_effet,taux_pct,source\n2025-03-01,2.40,Arrêté\n",
            r"ligne 2 : contradiction.*n'ajoutez que des dates postérieures",
        ),
        (
            "interet_legal.csv",
            "date_effet,particuliers_pct,autres_cas_pct,source\n2027-01-01,6.5,2.5,Arrêté\n",
            r"ligne 2 : trou dans la série.*attendu : la valeur du 01/07/2026",
        ),
        (
            "eonia_mensuel.csv",
            "date_effet,taux_pct,source\n2022-01-01,-0.5,BCE\n",
            r"trou dans la série « eonia ».*01/12/2021",
        ),
        (
            "livret_a.csv",
            "date_effet,taux_pct,source\n2026-08-01,1.70,\n",
            r"ligne 2, clé « source » : chaque valeur ajoutée doit citer sa source",
        ),
        (
            "livret_a.csv",
            "# confirmee_au: 2026-01-01\ndate_effet,taux_pct,source\n2026-08-01,1.7,Arrêté\n",
            r"ne peut pas reculer|confirmée avant sa première valeur",
        ),
        (
            "livret_a.csv",
            "date_effet,taux_pct,source\n2026-08-01,1.7,A\n2026-08-01,1.8,B\n",
            r"deux valeurs à la même date",
        ),
        ("livret_a.csv", "", r"aucune|vide|colonnes"),
        ("livret_a.csv", "date,valeur\n2026-08-01,1.7 %\n", r"colonnes attendues absentes"),
        (
            "livret_a.csv",
            "date_effet,taux_pct,source\n2026-08-01,beaucoup,Arrêté\n",
            r"ligne 2",
        ),
    ],
)
def test_prolongement_verifie(dossier: Path, fichier: str, texte: str, motif: str) -> None:
    chemin = _ecrire(dossier / fichier, texte)
    with pytest.raises(ErreurDossier, match=motif):
        verifier_fichier(chemin)
    serie = fichier.removesuffix(".csv").replace("_mensuel", "")
    serie = "interet_legal_autres_cas" if serie == "interet_legal" else serie
    with pytest.raises(ErreurDossier):
        serie_livree(serie)
    etat = {s.nom: s for s in etat_des_donnees().series}
    assert etat[serie].erreur and etat[serie].prolongee_par == ""


def test_prolongement_semestriel_et_mensuel_sans_trou(dossier: Path) -> None:
    _ecrire(
        dossier / "interet_legal.csv",
        "date_effet,particuliers_pct,autres_cas_pct,source\n"
        "2026-07-01,6.50,2.50,Arrêté de test\n2027-01-01,6.40,2.40,Arrêté de test\n",
    )
    serie = serie_livree("interet_legal_particuliers")
    assert serie.confirmee_au == D(2027, 6, 30)
    assert serie.valeur_au(D(2027, 3, 1)) == Decimal("0.064")
    _ecrire(dossier / "eonia_mensuel.csv", "date_effet,taux_pct,source\n2021-12-01,-0.49,BCE\n")
    assert serie_livree("eonia").confirmee_au == D(2021, 12, 31)


def test_fichier_mal_nomme_signale(dossier: Path) -> None:
    _ecrire(dossier / "livret-a.csv", LIVRET_A_AOUT)
    texte = " ".join(str(etat_des_donnees().rendre("texte")).split())
    assert "Fichier ignoré dans le dossier utilisateur : livret-a.csv" in str(texte)
    assert "vouliez-vous dire « livret_a.csv »" in texte
    with pytest.raises(ErreurDonnees, match=r"vouliez-vous dire « livret_a\.csv »"):
        verifier_fichier(dossier / "livret-a.csv")
    assert verifier_fichier(dossier / "livret-a.csv", serie="livret_a").livre == "livret_a.csv"


# --- ligne de commande ------------------------------------------------------------------------


def _lancer(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    sortie = capsys.readouterr()
    return code, sortie.out, sortie.err


def test_cli_donnees_liste(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _lancer(capsys, "donnees", "liste", "--format", "csv")
    assert code == 0
    lignes = {x["nom"]: x for x in csv.DictReader(io.StringIO(out))}
    assert set(lignes) == set(series_livrees())
    assert lignes["livret_a"]["confirmee_au"] == "2026-08-01"
    assert "Arrêté du 28 juillet 2026" in lignes["livret_a"]["source"]


def test_cli_donnees_verifier(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    chemin = _ecrire(tmp_path / "livret_a.csv", LIVRET_A_AOUT)
    code, out, _ = _lancer(capsys, "donnees", "verifier", str(chemin))
    assert code == 0 and "fichier valide, prolonge livret_a.csv" in out
    assert "01/02/2027" in out and "1,60 %" in out
    for mauvais in (tmp_path, Path("/dev/zero"), tmp_path / "absent.csv"):
        code, _, err = _lancer(capsys, "donnees", "verifier", str(mauvais))
        assert code == 2 and err.startswith("collectivites : erreur :"), err
        assert "Traceback" not in err
