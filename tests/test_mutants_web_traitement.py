"""Traiter une requête (``web/_traitement.py``) et afficher un résultat (``web/_affichage.py``),
appelés directement, dans ce processus : commande d'un chemin, réponse (type MIME, nom de
fichier, octets), chemin temporaire retiré des erreurs, HTML et graphique de la page."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from collectivites.erreurs import ErreurCollectivites, ErreurDossier, ErreurValeur
from collectivites.web import _traitement
from collectivites.web._affichage import afficher
from collectivites.web._traitement import (
    Reponse,
    commande_web,
    commandes_web,
    reponse,
    traiter,
)


def _commande(chemin: str) -> Any:
    commande = commande_web(chemin)
    assert commande is not None
    return commande


# --- commandes ---------------------------------------------------------------------------------


def test_commandes_servies_celles_qui_rendent_un_resultat() -> None:
    chemins = {"/".join(c.chemin) for c in commandes_web()}
    assert "pret/tableau" in chemins
    assert "servir" not in chemins
    assert all(c.formats for c in commandes_web())


def test_commande_d_un_chemin_d_url() -> None:
    assert _commande("pret/tableau").chemin == ("pret", "tableau")
    assert _commande("/pret/tableau/").chemin == ("pret", "tableau")
    assert commande_web("pret") is None
    assert commande_web("servir") is None
    assert commande_web("pret/tableau/x") is None
    assert commande_web("") is None
    assert commande_web("Xpret/tableau") is None  # seules les barres sont retirées


# --- réponse -----------------------------------------------------------------------------------


def test_reponse_type_nom_et_octets() -> None:
    commande = _commande("pret/tableau")
    resultat = traiter(commande, {"exemple": "cdc-57851"}, avec_resultat=lambda r, _a: r)
    texte = reponse(commande, resultat, "texte")
    assert (texte.type, texte.nom, texte.code) == (
        "text/plain; charset=utf-8",
        "pret-tableau.txt",
        0,
    )
    assert isinstance(texte.contenu, bytes)
    assert "57851" in texte.contenu.decode("utf-8")
    excel = reponse(commande, resultat, "csv-excel", "5165325.echeances")
    assert (excel.type, excel.nom) == ("text/csv; charset=utf-8", "pret-tableau.csv")
    classeur = reponse(commande, resultat, "xlsx")
    assert classeur.nom == "pret-tableau.xlsx"
    assert classeur.type == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert classeur.contenu[:2] == b"PK"  # des octets rendus tels quels
    assert excel.contenu.startswith("\ufeffN°;Date d'échéance;".encode())  # tableur français


def test_traiter_rend_la_reponse_au_format_demande_ou_par_defaut() -> None:
    commande = _commande("pret/tableau")
    par_defaut = traiter(commande, {"exemple": "cdc-57851"})
    assert isinstance(par_defaut, Reponse)
    assert (par_defaut.type, par_defaut.nom) == ("application/json", "pret-tableau.json")
    json.loads(par_defaut.contenu)
    texte = traiter(commande, {"exemple": "cdc-57851"}, format_defaut="texte")
    assert texte.nom == "pret-tableau.txt"
    csv = traiter(
        commande,
        {"exemple": "cdc-57851", "format": "csv", "table": "5165325.echeances"},
        format_defaut="texte",
    )
    assert csv.nom == "pret-tableau.csv"
    vus: list[argparse.Namespace] = []

    def avec(resultat: Any, args: argparse.Namespace) -> str:
        vus.append(args)
        return "rendu"

    assert traiter(commande, {"exemple": "cdc-57851"}, avec_resultat=avec) == "rendu"
    assert vus[0].exemple == "cdc-57851"


def test_le_chemin_temporaire_est_retire_des_erreurs() -> None:
    commande = _commande("pret/tableau")
    with pytest.raises(ErreurDossier) as refus:
        traiter(commande, {"dossier": {"nom": "d.toml", "contenu": "a = 1\nb =\n"}})
    assert str(refus.value) == (
        "fichier « d.toml », ligne 2 : TOML invalide : valeur invalide (un texte s'écrit entre "
        "guillemets)"
    )


def test_fichier_valeur_et_message_masques(monkeypatch: pytest.MonkeyPatch) -> None:
    deposes: list[Path] = []

    def calculer(args: argparse.Namespace) -> None:
        chemin = Path(args.dossier)
        deposes.append(chemin)
        raise ErreurValeur(
            f"rien dans {chemin}", fichier=str(chemin), valeur=f"lu : {chemin}", cle="k"
        )

    monkeypatch.setattr(_traitement, "calculer", calculer)
    commande = _commande("pret/tableau")
    with pytest.raises(ErreurValeur) as refus:
        traiter(commande, {"dossier": {"nom": "d.toml", "contenu": "a = 1"}})
    assert str(refus.value) == (
        "fichier « d.toml », clé « k » : rien dans d.toml (reçu : 'lu : d.toml')"
    )
    # Le dépôt est un répertoire temporaire nommé pour le service, effacé après le calcul.
    assert deposes[0].parent.parent.name.startswith("collectivites-web-")
    assert not deposes[0].parent.parent.exists()


def test_erreur_sans_fichier_ni_valeur_texte(monkeypatch: pytest.MonkeyPatch) -> None:
    def calculer(args: argparse.Namespace) -> None:
        raise ErreurValeur(f"rien dans {args.dossier}", valeur=3)

    monkeypatch.setattr(_traitement, "calculer", calculer)
    with pytest.raises(ErreurValeur) as refus:
        traiter(_commande("pret/tableau"), {"dossier": {"nom": "d.toml", "contenu": "a = 1"}})
    assert (refus.value.message, refus.value.fichier, refus.value.valeur) == (
        "rien dans d.toml",
        None,
        3,
    )


# --- affichage ---------------------------------------------------------------------------------


class _Resultat:
    def __init__(self, svg: str | None) -> None:
        self.svg = svg
        self.formats: list[str] = []

    def rendre(self, format_: str) -> str:
        self.formats.append(format_)
        if format_ == "svg" and self.svg is None:
            raise ErreurCollectivites("pas de graphique pour ce résultat")
        return "<svg/>" if format_ == "svg" else "<table></table>"


def _args(*formats: str) -> Any:
    return SimpleNamespace(commande=SimpleNamespace(formats=formats))


def test_afficher_un_texte_echappe() -> None:
    assert afficher("a < b & c", _args("svg")) == "<pre>a &lt; b &amp; c</pre>"


def test_afficher_la_table_et_le_graphique() -> None:
    resultat = _Resultat("<svg/>")
    assert afficher(resultat, _args("html", "svg")) == (
        '<table></table><div class="graphique"><svg/></div>'
    )
    assert resultat.formats == ["html", "svg"]


def test_afficher_sans_graphique() -> None:
    resultat = _Resultat("<svg/>")
    assert afficher(resultat, _args("html", "png")) == "<table></table>"
    assert resultat.formats == ["html"]
    sans = _Resultat(None)
    assert afficher(sans, _args("svg")) == "<table></table>"
    assert sans.formats == ["html", "svg"]


def test_reponse_garde_le_code_du_resultat(monkeypatch: pytest.MonkeyPatch) -> None:
    """Un rapprochement qui trouve des écarts rend le code 1 : la réponse le porte (le service
    le signale au client)."""
    monkeypatch.setattr(_traitement, "rendre_resultat", lambda _r, _f, _t: ("écarts", 1))
    assert reponse(_commande("pret/tableau"), object(), "texte") == Reponse(
        "écarts".encode(), "text/plain; charset=utf-8", "pret-tableau.txt", 1
    )
