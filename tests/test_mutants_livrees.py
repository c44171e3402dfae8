"""Séries livrées et leur prolongement par le dossier utilisateur (``donnees/_livrees.py``) :
chaque règle du prolongement à sa borne, avec le message exact de chaque refus (tests écrits
pour les mutants de ce module).

Les fichiers du paquet cités ici (dernières lignes, ``confirmee_au``, ``periodicite``) sont ceux
de ``src/collectivites/donnees`` ; les prolongements sont des fichiers de test, aux valeurs
inventées."""

from __future__ import annotations

import datetime as dt
import os
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from collectivites.donnees._livrees import (
    FichierLivre,
    Periodicite,
    dossier_utilisateur,
    fichier_livre,
    fichiers_livres,
    prolonger_fichier,
    serie_livree,
    series_du_paquet,
    series_livrees,
)
from collectivites.donnees._series import ApresDerniere, PointSerie
from collectivites.erreurs import ErreurDonnees, ErreurDossier, ErreurType, ErreurValeur

D = dt.date
P = Decimal

LIVRE = FichierLivre(fichier="livret_a.csv", colonnes=(("livret_a", "taux_pct", "Livret A"),))
DEUX = FichierLivre(
    fichier="interet_legal.csv",
    colonnes=(("p", "particuliers_pct", "P"), ("a", "autres_cas_pct", "A")),
)


def _paquet(periodicite: str | None, confirmee: str | None = "2024-06-30") -> str:
    """Un fichier « livré » de deux valeurs, au 1er janvier 2024 (1 %) et au 1er mars (2 %)."""
    tete = "".join(
        [
            f"# confirmee_au: {confirmee}\n" if confirmee else "",
            f"# periodicite: {periodicite}\n" if periodicite else "",
        ]
    )
    return tete + "date_effet,taux_pct,source\n2024-01-01,1,A\n2024-03-01,2,B\n"


def _prolonger(paquet: str, texte: str, livre: FichierLivre = LIVRE) -> dict[str, object]:
    return prolonger_fichier(livre, paquet, texte, "u.csv")  # type: ignore[return-value]


# --- le catalogue -------------------------------------------------------------------------


def test_catalogue_des_fichiers_et_des_series() -> None:
    assert [f.fichier for f in fichiers_livres()] == [
        "livret_a.csv",
        "lep.csv",
        "interet_legal.csv",
        "eonia_mensuel.csv",
        "bce_refinancement.csv",
    ]
    assert series_livrees() == (
        "livret_a",
        "lep",
        "interet_legal_particuliers",
        "interet_legal_autres_cas",
        "eonia",
        "bce_refinancement",
    )
    assert fichier_livre("interet_legal.csv").series == (
        "interet_legal_particuliers",
        "interet_legal_autres_cas",
    )
    assert fichier_livre("interet_legal_autres_cas").fichier == "interet_legal.csv"
    assert fichier_livre("eonia").apres_derniere is ApresDerniere.REFUSER
    assert fichier_livre("lep").apres_derniere is ApresDerniere.REPORTER


def test_nom_inconnu_avec_ou_sans_suggestion() -> None:
    attendu = "livret_a.csv, lep.csv, interet_legal.csv, eonia_mensuel.csv, bce_refinancement.csv"
    with pytest.raises(ErreurDonnees) as erreur:
        fichier_livre("livret-a")
    assert (
        erreur.value.message == "aucune série livrée de ce nom ; vouliez-vous dire « livret_a » ?"
    )
    assert erreur.value.cle == "serie"
    assert erreur.value.valeur == "livret-a"
    assert erreur.value.attendu == attendu
    with pytest.raises(ErreurDonnees) as erreur:
        fichier_livre("lep.cvs")
    assert erreur.value.message.endswith("vouliez-vous dire « lep.csv » ?")
    with pytest.raises(ErreurDonnees) as erreur:
        fichier_livre("zzz")
    assert erreur.value.message == "aucune série livrée de ce nom"
    with pytest.raises(ErreurDonnees) as erreur:
        fichier_livre(42)  # type: ignore[arg-type]
    assert erreur.value.message == "aucune série livrée de ce nom"
    assert erreur.value.valeur == 42


def test_serie_livree_refuse_un_type_ou_un_fichier() -> None:
    with pytest.raises(ErreurType) as erreur:
        serie_livree(b"livret_a")  # type: ignore[arg-type]
    assert str(erreur.value) == (
        "clé « serie » : type refusé (reçu : b'livret_a' ; attendu : un nom de série)"
    )
    with pytest.raises(ErreurDonnees) as erreur:
        serie_livree("interet_legal.csv")
    assert str(erreur.value) == (
        "clé « serie » : c'est un fichier, pas une série (reçu : 'interet_legal.csv' ; "
        "attendu : interet_legal_particuliers, interet_legal_autres_cas)"
    )


def test_series_du_paquet_lues_avec_leur_colonne(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLLECTIVITES_DONNEES", "")
    series = series_du_paquet("interet_legal.csv")
    assert list(series) == ["interet_legal_particuliers", "interet_legal_autres_cas"]
    # interet_legal.csv, 1er janvier 2026 : 6,67 % (particuliers), 2,62 % (autres cas)
    assert series["interet_legal_particuliers"].valeur_au(D(2026, 1, 1)) == P("0.0667")
    assert series["interet_legal_autres_cas"].valeur_au(D(2026, 1, 1)) == P("0.0262")
    assert series["interet_legal_autres_cas"].source == "donnees/interet_legal.csv"
    assert series["interet_legal_autres_cas"].prolongee_par == ""
    eonia = serie_livree("eonia")
    assert eonia.apres_derniere is ApresDerniere.REFUSER
    assert eonia.source == "donnees/eonia_mensuel.csv"
    assert serie_livree("lep").apres_derniere is ApresDerniere.REPORTER


# --- le dossier utilisateur ---------------------------------------------------------------


def test_dossier_utilisateur_selon_l_environnement(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path / "maison"))
    monkeypatch.setenv("APPDATA", str(tmp_path / "appdata"))
    monkeypatch.setenv("COLLECTIVITES_DONNEES", "~/mes-donnees")
    assert dossier_utilisateur() == tmp_path / "maison" / "mes-donnees"
    monkeypatch.setenv("COLLECTIVITES_DONNEES", " \t")
    assert dossier_utilisateur() is None
    monkeypatch.delenv("COLLECTIVITES_DONNEES")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert dossier_utilisateur() == tmp_path / "xdg" / "collectivites"
    monkeypatch.delenv("XDG_DATA_HOME")
    assert dossier_utilisateur() == tmp_path / "maison" / ".local" / "share" / "collectivites"
    # un autre HOME : un autre dossier (le cache ne garde pas l'ancien)
    monkeypatch.setenv("HOME", str(tmp_path / "autre"))
    assert dossier_utilisateur() == tmp_path / "autre" / ".local" / "share" / "collectivites"


def test_dossier_utilisateur_sous_windows(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("COLLECTIVITES_DONNEES", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("APPDATA", str(tmp_path / "appdata"))
    monkeypatch.setattr(sys, "platform", "win32")
    assert dossier_utilisateur() == tmp_path / "appdata" / "collectivites"
    monkeypatch.setenv("APPDATA", "")
    assert dossier_utilisateur() == tmp_path / "xdg" / "collectivites"
    monkeypatch.delenv("APPDATA")
    assert dossier_utilisateur() == tmp_path / "xdg" / "collectivites"
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setenv("APPDATA", str(tmp_path / "appdata-2"))
    assert dossier_utilisateur() == tmp_path / "xdg" / "collectivites"


def test_serie_livree_prolongee_par_le_dossier(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("COLLECTIVITES_DONNEES", str(tmp_path))
    # dossier sans fichier : la série du paquet
    assert serie_livree("lep").prolongee_par == ""
    (tmp_path / "series").mkdir()
    chemin = tmp_path / "series" / "lep.csv"
    # lep.csv : dernière ligne au 1er février 2026 (2,50 %), confirmée au 31 juillet 2026
    chemin.write_text(
        "date_effet,taux_pct,source\n2026-08-01,2.40,Arrêté fictif (test)\n", encoding="utf-8"
    )
    lep = serie_livree("lep")
    assert lep.prolongee_par == str(chemin)
    assert lep.prolongee_depuis == D(2026, 8, 1)
    assert lep.valeur_au(D(2026, 8, 1)) == P("0.024")
    assert lep.confirmee_au == D(2026, 8, 1)  # périodicité « evenements » : le jour même
    # le paquet seul reste lisible
    assert series_du_paquet("lep.csv")["lep"].valeur_au(D(2026, 8, 1)) == P("0.025")


# --- le prolongement ----------------------------------------------------------------------


def test_prolongement_semestriel() -> None:
    paquet = _paquet("semestrielle", confirmee=None).replace("2024-03-01", "2024-07-01")
    texte = (
        "date_effet,taux_pct,source\n"
        "2024-07-01,2,B\n"  # la valeur livrée, répétée à l'identique
        "2025-01-01,3,C\n"
        "2025-07-01,4,D\n"
    )
    serie = _prolonger(paquet, texte)["livret_a"]
    assert [(p.date_effet, p.valeur, p.source) for p in serie.points] == [  # type: ignore[attr-defined]
        (D(2024, 1, 1), P("0.01"), "A"),
        (D(2024, 7, 1), P("0.02"), "B"),
        (D(2025, 1, 1), P("0.03"), "C"),
        (D(2025, 7, 1), P("0.04"), "D"),
    ]
    assert serie.prolongee_par == "u.csv"  # type: ignore[attr-defined]
    assert serie.prolongee_depuis == D(2025, 1, 1)  # type: ignore[attr-defined]
    assert serie.confirmee_au == D(2025, 12, 31)  # type: ignore[attr-defined]
    assert serie.source == "donnees/livret_a.csv"  # type: ignore[attr-defined]


def test_prolongement_mensuel_et_son_trou() -> None:
    paquet = _paquet("mensuelle", confirmee="2024-03-31")
    serie = _prolonger(paquet, "date_effet,taux_pct,source\n2024-04-01,3,C\n2024-05-01,4,D\n")[
        "livret_a"
    ]
    assert serie.confirmee_au == D(2024, 5, 31)  # type: ignore[attr-defined]
    with pytest.raises(ErreurDossier) as erreur:
        _prolonger(paquet, "date_effet,taux_pct,source\n2024-04-01,3,C\n2024-06-01,4,D\n")
    assert str(erreur.value) == (
        "fichier « u.csv », ligne 3 : trou dans la série « livret_a » (une valeur par mois, "
        "datée du premier jour du mois) (reçu : 2024-06-01 ; attendu : la valeur du 01/05/2024)"
    )
    with pytest.raises(ErreurDossier) as erreur:
        _prolonger(paquet, "date_effet,taux_pct,source\n2024-04-15,3,C\n")
    assert erreur.value.ligne == 2
    assert erreur.value.attendu == "la valeur du 01/04/2024"


def test_prolongement_semestriel_qui_saute_un_semestre() -> None:
    paquet = _paquet("semestrielle", confirmee=None).replace("2024-03-01", "2024-07-01")
    with pytest.raises(ErreurDossier) as erreur:
        _prolonger(paquet, "date_effet,taux_pct,source\n2025-07-01,3,C\n")
    assert erreur.value.message == (
        "trou dans la série « livret_a » (une valeur par semestre, au 1er janvier et au "
        "1er juillet)"
    )
    assert erreur.value.valeur == D(2025, 7, 1)
    assert erreur.value.attendu == "la valeur du 01/01/2025"


@pytest.mark.parametrize("periodicite", ["evenements", None])
def test_prolongement_par_evenements_sans_rythme(periodicite: str | None) -> None:
    """Sans périodicité déclarée, la série est faite d'événements : aucun trou possible, et la
    confirmation va jusqu'au jour de la dernière valeur ajoutée."""
    texte = "date_effet,taux_pct,source\n2025-05-17,3,C\n2026-02-03,4,D\n"
    serie = _prolonger(_paquet(periodicite), texte)["livret_a"]
    assert serie.derniere_date == D(2026, 2, 3)  # type: ignore[attr-defined]
    assert serie.prolongee_depuis == D(2025, 5, 17)  # type: ignore[attr-defined]
    assert serie.confirmee_au == D(2026, 2, 3)  # type: ignore[attr-defined]


def test_source_obligatoire_pour_chaque_valeur() -> None:
    texte = "date_effet,taux_pct,source\n2024-03-01,2,B\n2024-09-01,3,  \n"
    with pytest.raises(ErreurDossier) as erreur:
        _prolonger(_paquet("evenements"), texte)
    assert str(erreur.value) == (
        "fichier « u.csv », ligne 3, clé « source » : chaque valeur ajoutée doit citer sa source "
        "(colonne « source » : l'arrêté, le décret ou la série officielle)"
    )
    # même une valeur livrée répétée doit citer sa source
    with pytest.raises(ErreurDossier, match="ligne 2, clé « source »"):
        _prolonger(_paquet("evenements"), "date_effet,taux_pct,source\n2024-03-01,2,\n")


def test_contradiction_avec_la_serie_livree() -> None:
    with pytest.raises(ErreurDossier) as erreur:
        _prolonger(_paquet("evenements"), "date_effet,taux_pct,source\n2024-03-01,2.5,B\n")
    assert str(erreur.value) == (
        "fichier « u.csv », ligne 2 : contradiction avec la série livrée « livret_a » "
        "(reçu : 2024-03-01 ; attendu : la valeur livrée, 2,00 %)"
    )
    with pytest.raises(ErreurDossier) as erreur:
        _prolonger(_paquet("evenements"), "date_effet,taux_pct,source\n2024-02-01,1,B\n")
    assert str(erreur.value) == (
        "fichier « u.csv », ligne 2 : contradiction avec la série livrée « livret_a » "
        "(reçu : 2024-02-01 ; attendu : aucune ligne à cette date (la série livrée va jusqu'au "
        "01/03/2024 : n'ajoutez que des dates postérieures))"
    )


def test_fichier_qui_ne_fait_que_repeter() -> None:
    paquet = _paquet("evenements")
    serie_du_paquet = _prolonger(paquet, "date_effet,taux_pct,source\n2024-03-01,2,B\n")
    assert serie_du_paquet["livret_a"].prolongee_par == ""  # type: ignore[attr-defined]
    assert serie_du_paquet["livret_a"].confirmee_au == D(2024, 6, 30)  # type: ignore[attr-defined]


def test_fichier_qui_ne_fait_que_confirmer() -> None:
    """Aucune valeur nouvelle, une confirmation plus tardive : la série est « prolongée » à
    partir du lendemain de l'ancienne confirmation (ou de la dernière valeur)."""
    texte = "# confirmee_au: 2024-12-31\ndate_effet,taux_pct,source\n2024-03-01,2,B\n"
    serie = _prolonger(_paquet("evenements"), texte)["livret_a"]
    assert len(serie.points) == 2  # type: ignore[attr-defined]
    assert serie.confirmee_au == D(2024, 12, 31)  # type: ignore[attr-defined]
    assert serie.prolongee_par == "u.csv"  # type: ignore[attr-defined]
    assert serie.prolongee_depuis == D(2024, 7, 1)  # type: ignore[attr-defined]
    serie = _prolonger(_paquet("evenements", confirmee=None), texte)["livret_a"]
    assert serie.prolongee_depuis == D(2024, 3, 2)  # type: ignore[attr-defined]
    # la même confirmation que celle du paquet : rien ne change
    texte = "# confirmee_au: 2024-06-30\ndate_effet,taux_pct,source\n2024-03-01,2,B\n"
    assert _prolonger(_paquet("evenements"), texte)["livret_a"].prolongee_par == ""  # type: ignore[attr-defined]


def test_confirmation_declaree_et_son_plancher() -> None:
    paquet = _paquet("evenements")
    ajout = "date_effet,taux_pct,source\n2024-03-01,2,B\n2024-09-01,3,C\n"
    # au jour de la dernière valeur ajoutée : permis
    serie = _prolonger(paquet, "# confirmee_au: 2024-09-01\n" + ajout)["livret_a"]
    assert serie.confirmee_au == D(2024, 9, 1)  # type: ignore[attr-defined]
    with pytest.raises(ErreurDossier) as erreur:
        _prolonger(paquet, "# confirmee_au: 2024-08-31\n" + ajout)
    assert str(erreur.value) == (
        "fichier « u.csv », clé « confirmee_au » : la date de confirmation ne peut pas reculer "
        "(reçu : 2024-08-31 ; attendu : une date à partir du 01/09/2024)"
    )
    # sans valeur nouvelle : pas avant la confirmation du paquet…
    repete = "date_effet,taux_pct,source\n2024-03-01,2,B\n"
    with pytest.raises(ErreurDossier) as erreur:
        _prolonger(paquet, "# confirmee_au: 2024-06-29\n" + repete)
    assert erreur.value.attendu == "une date à partir du 30/06/2024"
    # … ni, sans confirmation livrée, avant la dernière valeur livrée (le jour même : permis)
    sans = _paquet("evenements", confirmee=None)
    serie = _prolonger(sans, "# confirmee_au: 2024-03-01\n" + repete)["livret_a"]
    assert serie.confirmee_au == D(2024, 3, 1)  # type: ignore[attr-defined]
    with pytest.raises(ErreurDossier) as erreur:
        _prolonger(sans, "# confirmee_au: 2024-02-29\n" + repete)
    assert erreur.value.attendu == "une date à partir du 01/03/2024"


def test_deux_series_d_un_fichier() -> None:
    paquet = (
        "# periodicite: semestrielle\n"
        "date_effet,particuliers_pct,autres_cas_pct,source\n"
        "2024-01-01,8,4,A\n"
    )
    texte = "date_effet,particuliers_pct,autres_cas_pct,source\n2024-07-01,7,3,B\n"
    series = _prolonger(paquet, texte, DEUX)
    assert list(series) == ["p", "a"]
    assert series["p"].points[-1] == PointSerie(  # type: ignore[attr-defined]
        date_effet=D(2024, 7, 1), valeur=P("0.07"), source="B"
    )
    assert series["a"].valeur_au(D(2024, 7, 1)) == P("0.03")  # type: ignore[attr-defined]
    assert series["a"].confirmee_au == D(2024, 12, 31)  # type: ignore[attr-defined]


def test_periodicite_inconnue_refusee() -> None:
    with pytest.raises(ErreurValeur, match="valeur inconnue"):
        _prolonger(_paquet("annuelle"), "date_effet,taux_pct,source\n2025-01-01,3,C\n")
    assert Periodicite("mensuelle") is Periodicite.MENSUELLE


def test_valeur_illisible_du_fichier_utilisateur_situee() -> None:
    with pytest.raises(ErreurDossier) as erreur:
        _prolonger(_paquet("evenements"), "date_effet,taux_pct,source\n2024-09-01,beaucoup,C\n")
    assert str(erreur.value) == (
        "fichier « u.csv », ligne 2, clé « taux_pct » : pourcentage illisible "
        "(reçu : 'beaucoup %' ; attendu : un pourcentage comme « 1,35 % »)"
    )


def test_prolongement_relu_a_chaque_changement_de_date_ou_de_taille(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Le fichier utilisateur est relu quand sa date de modification change (même taille), ou sa
    taille (même date)."""
    monkeypatch.setenv("COLLECTIVITES_DONNEES", str(tmp_path))
    (tmp_path / "series").mkdir()
    chemin = tmp_path / "series" / "lep.csv"
    entete = "date_effet,taux_pct,source\n"

    def ecrire(texte: str, date_ns: int) -> None:
        chemin.write_text(entete + texte, encoding="utf-8")
        os.utime(chemin, ns=(date_ns, date_ns))

    ecrire("2026-08-01,2.40,Arrêté\n", 1_000_000_000_000_000_000)
    assert serie_livree("lep").valeur_au(D(2026, 8, 1)) == P("0.024")
    ecrire("2026-08-01,2.30,Arrêté\n", 1_000_000_001_000_000_000)  # même taille
    assert serie_livree("lep").valeur_au(D(2026, 8, 1)) == P("0.023")
    ecrire("2026-08-01,2.2,Arrêté\n", 1_000_000_001_000_000_000)  # même date
    assert serie_livree("lep").valeur_au(D(2026, 8, 1)) == P("0.022")


def test_colonne_date_effet_meme_avec_une_colonne_date() -> None:
    """Les fichiers livrés et leurs prolongements sont datés par « date_effet » : une colonne
    « date » (un commentaire, une date de publication) n'est pas lue."""
    texte = "date,date_effet,taux_pct,source\npublié le 20 août,2024-09-01,3,C\n"
    serie = _prolonger(_paquet("evenements"), texte)["livret_a"]
    assert serie.derniere_date == D(2024, 9, 1)  # type: ignore[attr-defined]
