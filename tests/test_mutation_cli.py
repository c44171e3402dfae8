"""Les modules de commandes de la ligne de commande (``collectivites.cli`` : point d'entrée,
table des commandes, garanties, service, portefeuille, dette, paiements, partitionnement),
vérifiés au plus près : lecteurs d'options et leurs refus exacts, arguments passés au service,
avancement d'une projection, codes de sortie.

Écrits pour tuer les mutants survivants de ces modules (issue 27) : chaque attente vient du
code et de sa documentation (bornes, messages), pas d'une sortie recopiée."""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import sys
import time
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

import collectivites
from collectivites import cli
from collectivites.cli import _commandes, _partitionner, _portefeuille, _service, main


def _lancer(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    sortie = capsys.readouterr()
    return code, sortie.out, sortie.err


# --- point d'entrée ----------------------------------------------------------------------------


def test_version_et_aide_racine(capsys: pytest.CaptureFixture[str]) -> None:
    assert _lancer(capsys, "--version") == (0, f"collectivites {collectivites.__version__}\n", "")
    assert _lancer(capsys, "-V") == (0, f"collectivites {collectivites.__version__}\n", "")
    code, sortie, erreur = _lancer(capsys, "--aide")
    assert (code, erreur) == (0, "")
    assert sortie.startswith(
        "utilisation : collectivites [-h] [-V] COMMANDE ...\n\n"
        "Calculs de finances publiques et de délais pour les collectivités.\n"
    )


def test_commande_absente_code_2(capsys: pytest.CaptureFixture[str]) -> None:
    code, sortie, erreur = _lancer(capsys)
    assert (code, sortie) == (2, "")
    assert erreur.endswith("collectivites : erreur : arguments obligatoires manquants: COMMANDE\n")


@pytest.mark.parametrize(("code_de_sortie", "attendu"), [(None, 0), (0, 0), (3, 3), ("message", 2)])
def test_sortie_demandee_pendant_l_analyse(
    monkeypatch: pytest.MonkeyPatch, code_de_sortie: object, attendu: int
) -> None:
    """``SystemExit`` (aide, version, erreur d'analyse) devient un code : 0 pour ``None``,
    l'entier tel quel, 2 pour un message."""

    def lancer(_racine: Any, _argv: Any) -> int:
        raise SystemExit(code_de_sortie)

    monkeypatch.setattr(cli, "lancer", lancer)
    assert main([]) == attendu


# --- lecteurs d'options de la table des commandes -----------------------------------------------


@pytest.mark.parametrize(("texte", "annee"), [("1900", 1900), ("2024", 2024), ("2199", 2199)])
def test_annee_permise(texte: str, annee: int) -> None:
    assert _commandes._annee(texte) == annee


@pytest.mark.parametrize("texte", ["1899", "2200", "202", "20245", "２０２４", "abcd", "-999"])
def test_annee_refusee(texte: str) -> None:
    with pytest.raises(argparse.ArgumentTypeError) as erreur:
        _commandes._annee(texte)
    assert str(erreur.value) == f"année invalide (reçu : {texte!r} ; attendu : 1900 à 2199)"


@pytest.mark.parametrize("lire", [_commandes._entier_positif, _partitionner._lignes])
@pytest.mark.parametrize(
    ("texte", "nombre"),
    [
        ("1", 1),
        ("20000", 20_000),
        ("20 000", 20_000),
        ("20\u202f000", 20_000),
        ("20\xa0000", 20_000),
        ("10 000 000", 10_000_000),
        ("00000001", 1),
    ],
)
def test_entier_positif_permis(lire: Any, texte: str, nombre: int) -> None:
    assert lire(texte) == nombre


@pytest.mark.parametrize("lire", [_commandes._entier_positif, _partitionner._lignes])
@pytest.mark.parametrize(
    "texte", ["0", "10000001", "99999999", "100000000", "000000001", "１２", "-5", "2,5", ""]
)
def test_entier_positif_refuse(lire: Any, texte: str) -> None:
    with pytest.raises(argparse.ArgumentTypeError) as erreur:
        lire(texte)
    assert str(erreur.value) == (
        f"nombre invalide (reçu : {texte!r} ; attendu : un entier de 1 à 10 000 000)"
    )


def test_date_et_montant_refuses_en_francais(capsys: pytest.CaptureFixture[str]) -> None:
    assert _commandes._date("29/02/2024").isoformat() == "2024-02-29"
    assert _commandes._montant("1 500,25") == Decimal("1500.25")
    with pytest.raises(argparse.ArgumentTypeError) as erreur:
        _commandes._date("30/02/2024")
    assert "30/02/2024" in str(erreur.value)
    with pytest.raises(argparse.ArgumentTypeError):
        _commandes._montant("douze")


# --- le service : convertisseurs et arguments passés -------------------------------------------


@pytest.mark.parametrize(
    ("convertir", "nom", "texte", "attendu"),
    [
        (_service._port, "port", "65536", "un port, de 1 à 65 535"),
        (_service._secondes, "durée", "0", "des secondes, de 0,1 à 86 400"),
        (_service._nombre, "nombre", "0", "un entier de 1 à 100\u202f000"),
    ],
)
def test_convertisseurs_du_service(convertir: Any, nom: str, texte: str, attendu: str) -> None:
    assert convertir.__name__ == nom
    with pytest.raises(argparse.ArgumentTypeError) as erreur:
        convertir(texte)
    assert str(erreur.value) == f"{nom} invalide (reçu : {texte!r} ; attendu : {attendu})"


def test_convertisseur_rend_la_valeur_lue() -> None:
    assert _service._port("8080") == 8080
    assert _service._secondes("2,5") == 2.5


def test_variable_d_une_option_du_service() -> None:
    assert _service._variable("port") == "(défaut : 8000 ; variable COLLECTIVITES_WEB_PORT)"
    assert _service._variable("hote") == "(défaut : 127.0.0.1 ; variable COLLECTIVITES_WEB_HOTE)"


def _servir(monkeypatch: pytest.MonkeyPatch, *argv: str) -> tuple[tuple[Any, ...], dict[str, Any]]:
    import collectivites.web

    appels: list[tuple[tuple[Any, ...], dict[str, Any]]] = []
    monkeypatch.setattr(
        collectivites.web, "servir", lambda *a, **k: appels.append((a, k)), raising=True
    )
    assert main(["servir", *argv]) == 0
    (appel,) = appels
    return appel


def test_servir_passe_chaque_option(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = (
        "--hote", "0.0.0.0", "--port", "8081", "--processus", "2", "--prefixe", "/finances",
        "--entetes-proxy", "--proxys-de-confiance", "10.0.0.1", "--journal", "erreur",
        "--delai-entetes", "5", "--connexions-max", "50", "--taille-max", "3",
        "--delai-corps", "7", "--delai-calcul", "120", "--calculs-simultanes", "4",
    )  # fmt: skip
    positionnels, nommes = _servir(monkeypatch, *argv)
    assert capsys.readouterr().out == ""
    assert positionnels == ("0.0.0.0", 8081)
    assert nommes == {
        "processus": 2,
        "prefixe": "/finances",
        "entetes_proxy": True,
        "proxys_de_confiance": "10.0.0.1",
        "journal": "error",
        "delai_entetes": 5.0,
        "connexions_max": 50,
        "taille_max": 3 * 1024 * 1024,  # des Mo aux octets
        "delai_corps": 7.0,
        "delai_calcul": 120.0,
        "calculs_simultanes": 4,
    }


def test_servir_sans_option_laisse_les_defauts_au_service(monkeypatch: pytest.MonkeyPatch) -> None:
    """Sans option, rien n'est fixé : le service prend ses variables d'environnement, puis ses
    défauts (``None`` partout, même pour les en-têtes de proxy)."""
    positionnels, nommes = _servir(monkeypatch)
    assert positionnels == (None, None)
    assert nommes["entetes_proxy"] is None
    assert nommes["taille_max"] is None
    assert set(nommes.values()) == {None}


# --- portefeuille : avancement et scénarios ------------------------------------------------------


def test_avancement_sur_la_sortie_d_erreur(monkeypatch: pytest.MonkeyPatch) -> None:
    horloge = iter([100.0, 165.9, 3700.2])
    monkeypatch.setattr(time, "monotonic", lambda: next(horloge))
    erreur = io.StringIO()
    monkeypatch.setattr(sys, "stderr", erreur)
    avancement = _portefeuille._Avancement()
    avancement.terminer()  # rien n'a été écrit : rien à effacer
    assert erreur.getvalue() == ""
    avancement(3, 10, 1_234_567)  # 65,9 s écoulées : 1:05
    assert erreur.getvalue() == "\rprojection : 3/10 parties, 1\u202f234\u202f567 lignes, 1:05"
    avancement(10, 10, 999)  # 3 600,2 s : 60:00
    assert erreur.getvalue().endswith("\rprojection : 10/10 parties, 999 lignes, 60:00")
    avancement.terminer()
    assert erreur.getvalue().endswith("\r\x1b[K")


def _portefeuille_args(**valeurs: Any) -> argparse.Namespace:
    defauts: dict[str, Any] = {"index": "emission", "comparer_a": None, "depuis": None}
    return argparse.Namespace(**{**defauts, **valeurs})


def test_scenarios_identiques_refuses() -> None:
    from collectivites.erreurs import ErreurValeur

    with pytest.raises(ErreurValeur) as erreur:
        _portefeuille._scenarios(_portefeuille_args(comparer_a="emission"))
    assert erreur.value.cle == "--comparer-a"
    assert str(erreur.value) == (
        "clé « --comparer-a » : les deux scénarios sont identiques : l'écart serait nul"
    )
    scenarios = _portefeuille._scenarios(_portefeuille_args(comparer_a="historique"))
    assert [s.nom for s in scenarios] == [
        _portefeuille._scenarios(_portefeuille_args())[0].nom,
        _portefeuille._scenarios(_portefeuille_args(index="historique"))[0].nom,
    ]


def test_depuis_sans_choc_refuse() -> None:
    import datetime as dt

    from collectivites.erreurs import ErreurValeur

    with pytest.raises(ErreurValeur) as erreur:
        _portefeuille._scenarios(_portefeuille_args(depuis=dt.date(2025, 1, 1)))
    assert erreur.value.cle == "--depuis"
    assert str(erreur.value) == (
        "clé « --depuis » : --depuis n'a de sens qu'avec un choc de taux : l'option ne ferait "
        "rien (reçu : 2025-01-01 ; attendu : --index ou --comparer-a comme « livret_a+1 % »)"
    )


# --- garanties d'emprunt ------------------------------------------------------------------------

#: Le budget primitif 2022 de Crach (livré) : annexe de la dette avec sept emprunts garantis au
#: bénéficiaire « CRACH », sans part garantie imprimée.
DOCUMENT = (
    Path(collectivites.__file__).parent / "donnees" / "exemples" / "docbudg" / "crach-bp-2022.xml"
)
SANS_ANNUITE = DOCUMENT.with_name("crach-ca-2021.xml")  # sans AnnuitNetDette


def _json(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, dict[str, Any]]:
    code, sortie, erreur = _lancer(capsys, *argv, "--format", "json")
    assert erreur == ""
    return code, json.loads(sortie)


def test_ratio_lu_dans_le_document(capsys: pytest.CaptureFixture[str]) -> None:
    """RReelFon 3 082 599,00 ; AnnuitNetDette 160 847,18 ; TotGarEchoirExer 34 880,06 : charge
    195 727,24 €, plafond 50 % = 1 541 299,50 € (commune, catégorie du document)."""
    code, lu = _json(capsys, "garantie", "ratio", "--document", str(DOCUMENT))
    assert code == 0
    assert (lu["collectivite"], lu["charge"], lu["plafond"]) == (
        "commune",
        "195727.24",
        "1541299.50",
    )
    # une option remplace l'élément du document ; la catégorie donnée remplace la sienne
    code, lu = _json(
        capsys,
        "garantie", "ratio", "--document", str(DOCUMENT), "--recettes-reelles", "391454.48",
        "--collectivite", "departement",
    )  # fmt: skip
    # 195 727,24 / 391 454,48 = 50 % tout juste : au plafond, respecté
    assert (code, lu["ratio"], lu["respecte"]) == (0, "50.00", True)
    assert lu["collectivite"] == "département"


def test_element_absent_du_document(capsys: pytest.CaptureFixture[str]) -> None:
    code, sortie, erreur = _lancer(capsys, "garantie", "ratio", "--document", str(SANS_ANNUITE))
    assert (code, sortie) == (2, "")
    assert erreur == (
        "collectivites : erreur : option --annuite-dette : élément du ratio absent du document "
        "(AnnuitNetDette) : donnez-le en option (attendu : un montant (AnnuitNetDette de "
        "l'annexe de la dette))\n"
    )
    # donné en option, il complète le document
    argv = ("garantie", "ratio", "--document", str(SANS_ANNUITE), "--annuite-dette", "1000")
    code, lu = _json(capsys, *argv, "--annuites-garanties", "0")
    assert code == 0
    assert lu["calcul"][2] == {
        "poste": "Annuité nette de la dette (D1511-30)",
        "champ": "AnnuitNetDette",
        "montant": "1000.00",
    }


def test_elements_facultatifs_et_refus_nommes(capsys: pytest.CaptureFixture[str]) -> None:
    """Charge = 1 + 2 + 1 − 3 (provisions) = 1 € ; un élément refusé par le moteur est dit
    sous le nom de son option."""
    argv: tuple[str, ...] = ("garantie", "ratio", "--recettes-reelles", "100")
    argv = (*argv, "--annuite-dette", "1")
    argv = (*argv, "--annuites-garanties", "1")
    code, lu = _json(capsys, *argv, "--premieres-annuites", "2", "--provisions", "3")
    assert (code, lu["charge"]) == (0, "1.00")
    assert [ligne["montant"] for ligne in lu["calcul"][:4]] == ["1.00", "2.00", "1.00", "-3.00"]
    code, sortie, erreur = _lancer(
        capsys, "garantie", "ratio", "--recettes-reelles", "0", "--annuite-dette", "1",
        "--annuites-garanties", "0",
    )  # fmt: skip
    assert (code, sortie) == (2, "")
    assert erreur == (
        "collectivites : erreur : option --recettes-reelles : ce montant doit être > 0 (reçu : 0 "
        "; attendu : un montant > 0)\n"
    )


def test_annuites_du_beneficiaire_lues_dans_le_document(capsys: pytest.CaptureFixture[str]) -> None:
    """Sept emprunts garantis à « CRACH » (nom comparé sans casse), à 100 % faute de part :
    2 484,41 + 11 126,53 + 788,45 + 2 175,01 + 4 797,03 + 9 105,45 + 4 403,20 = 34 880,08 €."""
    argv = ("garantie", "verifier", "--document", str(DOCUMENT), "--annuite", "40 000")
    code, lu = _json(capsys, *argv, "--quotite", "50 %", "--beneficiaire", "crach")
    assert code == 0
    assert lu["annuites_beneficiaire"] == "34880.08"
    assert (
        "Annuités déjà garanties à « crach » lues dans le document : 7 emprunt(s) garanti(s) de "
        "ce bénéficiaire, capital et intérêts de l'exercice 2022 à la part garantie (100 % si "
        "elle n'est pas donnée)."
    ) in lu["hypotheses"]
    # l'option prime sur le document, sans hypothèse ; un autre bénéficiaire n'a rien
    code, lu = _json(capsys, *argv, "--quotite", "50 %", "--beneficiaire", "crach",
                     "--annuites-beneficiaire", "10")  # fmt: skip
    assert lu["annuites_beneficiaire"] == "10.00"
    assert not any("lues dans le document" in h for h in lu["hypotheses"])
    code, lu = _json(capsys, *argv, "--quotite", "50 %", "--beneficiaire", "Office HLM")
    assert lu["annuites_beneficiaire"] == "0.00"
    (hypothese,) = [h for h in lu["hypotheses"] if "lues dans le document" in h]
    assert hypothese.startswith(
        "Annuités déjà garanties à « Office HLM » lues dans le document : 0 emprunt(s) "
    )


def test_annuites_du_beneficiaire_sans_document(capsys: pytest.CaptureFixture[str]) -> None:
    argv: tuple[str, ...] = ("garantie", "verifier", "--recettes-reelles", "1000000")
    argv = (*argv, "--annuite-dette", "0")
    argv = (*argv, "--annuites-garanties", "0", "--annuite", "100", "--quotite", "50 %")
    code, lu = _json(capsys, *argv, "--beneficiaire", "A")
    assert (code, lu["annuites_beneficiaire"], lu["collectivite"]) == (0, "0.00", "commune")
    assert not any("lues dans le document" in h for h in lu["hypotheses"])


def test_montant_demesure_refuse(capsys: pytest.CaptureFixture[str]) -> None:
    from collectivites.cli import _garantie

    with pytest.raises(argparse.ArgumentTypeError) as erreur:
        _garantie._montant("9" * 60)
    assert str(erreur.value) == (
        "nombre illisible (reçu : '99999999999999999999'… ; attendu : un montant au centime "
        "d'au plus 1 000 000 000 000 €)"
    )
    assert _garantie._quotite("50 %") == Decimal("0.5")
    assert _garantie.champ_option("--recettes-reelles") == "recettes_reelles"


# --- calculs de la table des commandes ----------------------------------------------------------


def _csv(capsys: pytest.CaptureFixture[str], *argv: str) -> list[list[str]]:
    import csv

    code, sortie, erreur = _lancer(capsys, *argv, "--format", "csv")
    assert (code, erreur) == (0, "")
    return list(csv.reader(io.StringIO(sortie)))[1:]


def test_echeancier_sur_cinq_annees_civiles_par_defaut(capsys: pytest.CaptureFixture[str]) -> None:
    """Du 17/02/2017 (prise d'effet) au 31/12/2022 (cinq années civiles après) ; acompte payé
    le 5 de chaque mois ou le jour ouvré suivant."""
    lignes = _csv(capsys, "contrat", "echeancier", "--exemple", "convention-rsa-lozere")
    assert lignes[0][:3] == ["2017-02-17", "vendredi", "Prise d'effet du contrat"]
    assert lignes[-1][:2] == ["2022-12-05", "lundi"]
    lignes = _csv(
        capsys, "contrat", "echeancier", "--exemple", "convention-rsa-lozere", "--du", "2024-01-06"
    )
    assert lignes[0][0] == "2024-02-05"
    assert lignes[-1][:2] == ["2029-12-05", "mercredi"]


def test_echeancier_borne_incluse(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ("contrat", "echeancier", "--exemple", "convention-rsa-lozere", "--du", "2024-01-01")
    assert [ligne[0] for ligne in _csv(capsys, *argv, "--au", "2024-01-05")] == ["2024-01-05"]
    assert _csv(capsys, *argv, "--au", "2024-01-04") == []


def test_delai_dans_les_deux_sens(capsys: pytest.CaptureFixture[str]) -> None:
    """15 jours ouvrés après le vendredi 26/04/2024 : 1er, 8, 9 (Ascension) et 20 mai fériés,
    le 23/05 ; avant : les 15 jours ouvrés du 05/04 au 25/04 laissés entiers, le 04/04."""
    argv = ("delai", "calculer", "--depart", "2024-04-26", "--duree", "15 jours ouvrés")
    code, sortie, _ = _lancer(capsys, *argv)
    assert (code, sortie.splitlines()[0]) == (
        0,
        "23/05/2024 : dernier jour du délai de 15 jours ouvrés après le 26/04/2024",
    )
    code, sortie, _ = _lancer(capsys, *argv, "--avant")
    assert (code, sortie.splitlines()[0]) == (
        0,
        "04/04/2024 : dernier jour utile de 15 jours ouvrés avant le 26/04/2024",
    )


def test_une_ligne_a_preciser(capsys: pytest.CaptureFixture[str]) -> None:
    code, sortie, erreur = _lancer(capsys, "pret", "teg", "--exemple", "cdc-57851")
    assert (code, sortie) == (2, "")
    assert erreur == (
        "collectivites : erreur : option --ligne : le prêt a plusieurs lignes : précisez "
        "laquelle (attendu : 5165324, 5165325)\n"
    )
    # un prêt d'une seule ligne n'a pas à la préciser
    code, sortie, erreur = _lancer(capsys, "pret", "teg", "--exemple", "cdc-57769")
    assert (code, sortie.splitlines()[0], erreur) == (0, "Taux effectif global", "")


def test_tableau_titre_du_pret_et_lignes(capsys: pytest.CaptureFixture[str]) -> None:
    code, lu = _json_de(capsys, "pret", "tableau", "--exemple", "cdc-57851")
    assert (code, lu["titre"]) == (0, "Prêt n° 57851")
    code, une = _json_de(capsys, "pret", "tableau", "--exemple", "cdc-57851", "--ligne", "5165325")
    assert code == 0
    assert len(json.dumps(une)) < len(json.dumps(lu))  # une ligne sur deux


def _json_de(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, dict[str, Any]]:
    code, sortie, erreur = _lancer(capsys, *argv, "--format", "json")
    assert erreur == ""
    return code, json.loads(sortie)


# --- commandes sans test direct -------------------------------------------------------------------


def test_paiement_sans_exemple_livre(capsys: pytest.CaptureFixture[str]) -> None:
    code, sortie, erreur = _lancer(capsys, "paiement", "retard", "--exemple", "x")
    assert (code, sortie) == (2, "")
    assert erreur == (
        "collectivites : erreur : option --exemple : aucun exemple livré pour les retards de "
        "paiement (reçu : 'x' ; attendu : un dossier TOML (voir « docs/reference/paiements.md »))\n"
    )


def test_date_d_une_garantie() -> None:
    from collectivites.cli import _garantie

    assert _garantie._date("01/02/2022").isoformat() == "2022-02-01"
    with pytest.raises(argparse.ArgumentTypeError) as erreur:
        _garantie._date("31/02/2022")
    assert str(erreur.value) == (
        "cette date n'existe pas (reçu : '31/02/2022' ; attendu : AAAA-MM-JJ ou JJ/MM/AAAA)"
    )


def test_portefeuille_d_un_document(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ("dette", "portefeuille", "--exemple", "crach-ca-2021")
    code, sortie, erreur = _lancer(capsys, *argv, "--format", "csv")
    assert (code, erreur) == (0, "")
    entete, premiere = sortie.splitlines()[:2]
    assert entete.startswith("numero,identifiant,contrat,produit,emprunteur,montant,date_effet,")
    assert premiere.startswith("MON514277EUR/0514956/001/1,MON514277EUR/0514956/001/1,,")


def test_catalogue_des_exemples(capsys: pytest.CaptureFixture[str]) -> None:
    code, lu = _json_de(capsys, "exemples")
    assert (code, lu["titre"]) == (0, "Exemples livrés")
    noms = [exemple["nom"] for exemple in lu["exemples"]]
    assert {"cdc-57851", "convention-rsa-lozere", "alcome-contrat-type"} <= set(noms)


def test_projection_en_flot_se_presente_comme_la_projection() -> None:
    projection = argparse.Namespace(titre="Projection", nombre_de_lignes=lambda: 3)
    enveloppe = _portefeuille.ProjectionEnFlot(projection)
    assert enveloppe.titre == "Projection"
    assert enveloppe.nombre_de_lignes() == 3
    with pytest.raises(AttributeError):
        _ = enveloppe.absent


# --- ce que chaque commande passe à son moteur ----------------------------------------------------


def _capter(monkeypatch: pytest.MonkeyPatch, module: str, nom: str) -> list[Any]:
    """Remplace ``module.nom`` par un relevé de ses appels qui rend un texte (écrit tel quel)."""
    import importlib

    appels: list[Any] = []

    def releve(*args: Any, **kwargs: Any) -> str:
        appels.append((args, kwargs))
        return "fait\n"

    monkeypatch.setattr(importlib.import_module(module), nom, releve)
    return appels


def test_jours_feries_chomes_locaux(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    appels = _capter(monkeypatch, "collectivites.calendrier", "liste_feries")
    assert _lancer(capsys, "jours-feries", "2024", "--zone", "971", "--chomes-locaux") == (
        0,
        "fait\n",
        "",
    )
    assert appels == [((2024, "971"), {"inclure_chomes_locaux": True})]


def test_calendrier_rep_bareme_de_l_annee_precedente(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Le soutien payé en 2025 est celui des tonnages de 2024 : barème en vigueur en 2024."""
    baremes = _capter(monkeypatch, "collectivites.regles.rep", "bareme_en_vigueur")
    calendriers = _capter(monkeypatch, "collectivites.regles.rep", "calendrier_paiement")
    argv = ("rep", "calendrier", "--echeance", "2025-03-31", "--zone", "alsace-moselle")
    assert _lancer(capsys, *argv)[0] == 0
    ((bareme_args, _),) = baremes
    assert bareme_args[1] == 2024
    ((calendrier_args, calendrier_options),) = calendriers
    assert calendrier_args == ("fait\n", dt.date(2025, 3, 31))
    assert calendrier_options == {"zone": "alsace-moselle"}


def test_registre_de_paiements(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    lus = _capter(monkeypatch, "collectivites.regles.paiements", "lire_registre")
    calculs = _capter(monkeypatch, "collectivites.regles.paiements", "calculer_registre")
    argv = ("paiement", "registre", "mandats.xlsx", "--feuille", "2024", "--categorie", "sante")
    assert _lancer(capsys, *argv) == (0, "fait\n", "")
    assert lus == [(("mandats.xlsx",), {"feuille": "2024"})]
    assert calculs == [(("fait\n",), {"categorie": "sante", "fichier": "mandats.xlsx"})]


def test_teg_avec_commissions(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    appels = _capter(monkeypatch, "collectivites.prets", "calculer_teg")
    argv = ("pret", "teg", "--exemple", "cdc-57769", "--commissions", "150")
    assert _lancer(capsys, *argv) == (0, "fait\n", "")
    ((_, options),) = appels
    assert options == {"commissions": Decimal("150.00")}


def test_partitionner_passe_ses_options(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    appels: list[Any] = []

    def convertir(*args: Any, **kwargs: Any) -> Any:
        appels.append((args, kwargs))
        return argparse.Namespace(resume=lambda: "converti\n")

    import collectivites.prets._parquet

    monkeypatch.setattr(collectivites.prets._parquet, "convertir_en_parquet", convertir)
    argv = ("pret", "partitionner", "e.csv", "s.parquet", "--lignes-par-partition", "2 000")
    assert _lancer(capsys, *argv, "--remplacer") == (0, "converti\n", "")
    assert appels == [(("e.csv", "s.parquet"), {"lignes_par_partition": 2000, "remplacer": True})]


def test_sources_paresseuses() -> None:
    """Une source lit son module à la première utilisation, et passe chemin ou nom tels quels."""
    source = _commandes._paresseuse(
        "dossier TOML du contrat",
        "collectivites.regles.delais",
        "charger_contrat",
        "exemple_contrat",
    )
    assert source.nature == "dossier TOML du contrat"
    contrat = source.exemple("convention-rsa-lozere")
    assert contrat.date_effet == dt.date(2017, 2, 17)
    chemin = (
        Path(collectivites.__file__).parent / "donnees" / "exemples" / "convention-rsa-lozere.toml"
    )
    assert source.charger(str(chemin)).date_effet == dt.date(2017, 2, 17)


def test_projection_en_flot_rendue_entiere() -> None:
    from collectivites.erreurs import ErreurValeur

    rendus: list[Any] = []

    def rendre(format_: str, **options: Any) -> str:
        rendus.append((format_, options))
        return "rendu"

    petite = argparse.Namespace(rendre=rendre, nombre_de_lignes=lambda: 10)
    assert _portefeuille.ProjectionEnFlot(petite).rendre("csv", table="t") == "rendu"
    assert _portefeuille.ProjectionEnFlot(petite).rendre("xlsx") == "rendu"
    assert rendus == [("csv", {"table": "t"}), ("xlsx", {})]
    # plus longue qu'une feuille de calcul (1 048 576 lignes, en-tête compris) : refusée avant
    grande = argparse.Namespace(rendre=rendre, nombre_de_lignes=lambda: 1_048_576)
    with pytest.raises(ErreurValeur) as erreur:
        _portefeuille.ProjectionEnFlot(grande).rendre("xlsx")
    assert erreur.value.cle == "format"
    assert len(rendus) == 2
    assert _portefeuille.ProjectionEnFlot(grande).rendre("csv") == "rendu"


def test_convertisseur_du_service_fabrique() -> None:
    def lire(texte: str) -> int:
        if not texte.isdigit():
            raise ValueError("des chiffres")
        return int(texte) * 2

    convertir = _service._convertisseur(lire, "essai")
    assert convertir.__name__ == "essai"
    assert convertir("21") == 42
    with pytest.raises(argparse.ArgumentTypeError) as erreur:
        convertir("x")
    assert str(erreur.value) == "essai invalide (reçu : 'x' ; attendu : des chiffres)"


def test_scenario_d_index_passe_aux_calculs_d_un_pret(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """« historique » : chaque calcul reçoit la source d'index de la ligne (pas l'index figé)."""
    import collectivites.prets

    remboursements = _capter(monkeypatch, "collectivites.prets", "rembourser_par_anticipation")
    argv: tuple[str, ...] = (
        "pret",
        "remboursement",
        "--exemple",
        "cdc-57851",
        "--ligne",
        "5165325",
    )
    argv = (*argv, "--date", "2025-06-01")
    assert _lancer(capsys, *argv, "--index", "historique")[:2] == (0, "fait\n")
    ((_, options),) = remboursements
    assert options["index"] is not None
    tableaux: list[Any] = []

    def calculer_tableau(ligne: Any, index: Any = None) -> str:
        tableaux.append(index)
        return "tableau"

    rapprochements = _capter(monkeypatch, "collectivites.prets", "rapprocher")
    monkeypatch.setattr(collectivites.prets, "calculer_tableau", calculer_tableau)
    monkeypatch.setattr(collectivites.prets, "lire_tableau_a_rapprocher", lambda f: ((), ()))
    argv = ("pret", "rapprocher", "--exemple", "cdc-57851", "--ligne", "5165325", "--tableau")
    argv = (*argv, "saisi.csv")
    assert _lancer(capsys, *argv, "--index", "historique")[:2] == (0, "fait\n")
    assert tableaux[0] is not None
    assert rapprochements == [(("tableau", (), ()), {"fichier": "saisi.csv"})]
