"""Le journal du service web (``web/_journal.py``), passage de mutation (issue 27) : chaque
ligne, mot pour mot.

Règles du module : une ligne par événement (sauts de ligne et caractères de contrôle échappés),
niveau en français, messages connus d'uvicorn traduits (les autres passent tels quels), ligne
d'une requête sans ses paramètres d'URL ni un chemin de plus de 200 caractères, trace résumée
à ses cinq derniers appels, du plus récent au plus ancien.
"""

from __future__ import annotations

import errno
import logging
import re
import sys
from typing import Any

import pytest

from collectivites.web import _journal
from collectivites.web._journal import (
    FormatJournal,
    JournalDesAcces,
    TraductionUvicorn,
    configuration_du_journal,
    resume_de_l_exception,
)

_DATE = r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d"


def _enregistrement(
    message: Any, *args: Any, nom: str = "uvicorn.error", niveau: str = "INFO"
) -> logging.LogRecord:
    enregistrement = logging.LogRecord(
        nom, getattr(logging, niveau, logging.INFO), "f.py", 1, message, args or None, None
    )
    enregistrement.levelname = niveau
    return enregistrement


# --- une ligne -------------------------------------------------------------------------------


def test_une_ligne_echappe_chaque_controle() -> None:
    # les fins de ligne finales sont retirées, les autres échappées ; \x1b en deux chiffres
    assert _journal._une_ligne("a\nb\rc\td\x1be\x7f\x00\n\n") == "a\\nb\\rc\\td\\x1be\\x7f\\x00"
    assert _journal._une_ligne("\x05") == "\\x05"
    assert _journal._une_ligne("sans contrôle é") == "sans contrôle é"
    assert _journal._une_ligne("\n") == ""


# --- résumé d'une exception --------------------------------------------------------------------


def _profond(n: int) -> None:
    if n == 0:
        raise KeyError("cle")
    _profond(n - 1)


def test_resume_des_cinq_derniers_appels_du_plus_recent() -> None:
    try:
        _profond(6)
    except KeyError:
        exc_info = sys.exc_info()
    assert exc_info[2] is not None
    resume = resume_de_l_exception(exc_info)
    texte, _, lieux = resume.partition(" (trace : ")
    assert texte == "KeyError: 'cle'"
    assert lieux.endswith(")")
    appels = lieux[:-1].split(" < ")
    assert len(appels) == 5
    for appel in appels:
        assert re.fullmatch(r"test_mutation_web_journal\.py:\d+ _profond", appel), appel
    numeros = [int(a.split(":")[1].split(" ")[0]) for a in appels]
    # le plus récent d'abord : la ligne du raise, puis quatre fois l'appel récursif
    assert numeros[0] < numeros[1] and len(set(numeros[1:])) == 1


def test_resume_sans_trace_ni_message() -> None:
    assert resume_de_l_exception((ValueError, ValueError(), None)) == "ValueError"
    assert resume_de_l_exception((ValueError, ValueError("x"), None)) == "ValueError: x"


def test_resume_d_une_exception_sans_message_avec_trace() -> None:
    try:
        raise StopIteration
    except StopIteration:
        exc_info = sys.exc_info()
    resume = resume_de_l_exception(exc_info)  # type: ignore[arg-type]
    assert re.fullmatch(
        r"StopIteration \(trace : test_mutation_web_journal\.py:\d+ "
        r"test_resume_d_une_exception_sans_message_avec_trace\)",
        resume,
    ), resume


# --- adresse refusée ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("numero", "raison"),
    [
        (errno.EADDRINUSE, "adresse déjà utilisée (un autre service écoute sur ce port)"),
        (errno.EACCES, "permission refusée (un port sous 1024 exige des droits)"),
        (errno.EADDRNOTAVAIL, "adresse absente de cette machine"),
    ],
)
def test_erreur_d_ecoute_connue(numero: int, raison: str) -> None:
    assert _journal._erreur_d_ecoute(OSError(numero, "anglais")) == (
        f"Impossible d'écouter sur l'adresse demandée : {raison}"
    )


def test_erreur_d_ecoute_inconnue_ou_sans_numero() -> None:
    assert _journal._erreur_d_ecoute(OSError(errno.ENOENT, "absent")) == (
        "Impossible d'écouter sur l'adresse demandée : [Errno 2] absent"
    )
    assert _journal._erreur_d_ecoute(OSError("sans numéro")) == (
        "Impossible d'écouter sur l'adresse demandée : sans numéro"
    )


# --- format d'une ligne ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("niveau", "nom"),
    [
        ("DEBUG", "débogage"),
        ("INFO", "info"),
        ("WARNING", "avertissement"),
        ("ERROR", "erreur"),
        ("CRITICAL", "critique"),
        ("TRACE", "trace"),
        ("NOTICE", "notice"),
    ],
)
def test_format_niveau_en_francais(niveau: str, nom: str) -> None:
    ligne = FormatJournal().format(_enregistrement("message %s", "x", niveau=niveau))
    assert re.fullmatch(rf"{_DATE} {nom} message x", ligne), ligne


def test_format_sans_exception_malgre_exc_info_vide() -> None:
    enregistrement = _enregistrement("fin  ")
    enregistrement.exc_info = (None, None, None)
    ligne = FormatJournal().format(enregistrement)
    assert re.fullmatch(rf"{_DATE} info fin  ", ligne), ligne


def test_format_avec_exception_sur_la_meme_ligne() -> None:
    try:
        raise ValueError("v")
    except ValueError:
        exc_info = sys.exc_info()
    enregistrement = _enregistrement("échec  \n")
    enregistrement.exc_info = exc_info
    ligne = FormatJournal().format(enregistrement)
    assert re.fullmatch(
        rf"{_DATE} info échec — ValueError: v \(trace : test_mutation_web_journal\.py:\d+ "
        r"test_format_avec_exception_sur_la_meme_ligne\)",
        ligne,
    ), ligne


# --- traduction des messages d'uvicorn -----------------------------------------------------------


def _traduit(message: Any, *args: Any) -> tuple[bool, logging.LogRecord]:
    enregistrement = _enregistrement(message, *args)
    enregistrement.color_message = "couleur"
    return TraductionUvicorn().filter(enregistrement), enregistrement


def test_traduction_connue_retire_le_message_en_couleur() -> None:
    garde, enregistrement = _traduit(
        "Uvicorn running on %s://%s:%d (Press CTRL+C to quit)", "http", "h", 8
    )
    assert garde is True
    assert (
        enregistrement.getMessage() == "Service à l'écoute sur http://h:8 (Ctrl+C pour l'arrêter)"
    )
    assert "color_message" not in enregistrement.__dict__


def test_message_inconnu_passe_tel_quel_avec_sa_couleur() -> None:
    garde, enregistrement = _traduit("Something else")
    assert garde is True
    assert enregistrement.msg == "Something else"
    assert enregistrement.__dict__["color_message"] == "couleur"


@pytest.mark.parametrize(
    ("message", "traduction"),
    [
        ("Started parent process [7]", "Démarrage du processus parent [7]"),
        ("Stopping parent process [7]", "Arrêt du processus parent [7]"),
        ("Waiting for child process [7]", "Attente du processus de serveur [7]"),
        ("Terminated child process [7]", "Processus de serveur [7] arrêté"),
        ("Child process [7] died", "Processus de serveur [7] mort : relancé"),
        (
            "Child process [7] failed to start, stopping the parent process.",
            "Le processus de serveur [7] n'a pas démarré : arrêt du processus parent",
        ),
    ],
)
def test_traduction_des_messages_a_numero_de_processus(message: str, traduction: str) -> None:
    garde, enregistrement = _traduit(message)
    assert garde is True
    assert enregistrement.getMessage() == traduction
    assert "color_message" not in enregistrement.__dict__


def test_message_a_numero_avec_arguments_n_est_pas_traduit() -> None:
    # un message qui porte des arguments n'est pas un de ceux dont le numéro est déjà écrit
    garde, enregistrement = _traduit("Child process [7] died", "x")
    assert garde is True
    assert enregistrement.msg == "Child process [7] died"
    assert enregistrement.__dict__["color_message"] == "couleur"


def test_message_a_numero_en_partie_seulement_n_est_pas_traduit() -> None:
    _garde, enregistrement = _traduit("Child process [7] died again")
    assert enregistrement.msg == "Child process [7] died again"


def test_erreur_d_ecoute_traduite_et_gardee() -> None:
    enregistrement = _enregistrement(OSError(errno.EACCES, "denied"))
    enregistrement.color_message = "couleur"
    assert TraductionUvicorn().filter(enregistrement) is True
    assert enregistrement.msg == (
        "Impossible d'écouter sur l'adresse demandée : permission refusée (un port sous 1024 "
        "exige des droits)"
    )


# --- ligne d'une requête -----------------------------------------------------------------------


def _acces(*args: Any) -> tuple[bool, str]:
    enregistrement = _enregistrement('%s - "%s %s HTTP/%s" %d', *args, nom="uvicorn.access")
    garde = JournalDesAcces().filter(enregistrement)
    return garde, enregistrement.getMessage()


def test_requete_sans_port_et_statut_connu() -> None:
    assert _acces("10.0.0.1:0", "POST", "/api/pret/tableau", "1.1", 200) == (
        True,
        "Requête POST /api/pret/tableau de 10.0.0.1 : 200 OK",
    )


def test_requete_au_statut_inconnu_sans_sens() -> None:
    assert _acces("10.0.0.1:80", "GET", "/", "1.1", 418) == (
        True,
        "Requête GET / de 10.0.0.1:80 : 418",
    )


def test_requete_au_statut_non_entier_sans_sens() -> None:
    enregistrement = _enregistrement(
        "%s %s %s %s %s", "c:1", "GET", "/", "1.1", "200", nom="uvicorn.access"
    )
    assert JournalDesAcces().filter(enregistrement) is True
    assert enregistrement.getMessage() == "Requête GET / de c:1 : 200"


def test_chemin_de_200_caracteres_garde_au_dela_coupe() -> None:
    chemin = "/" + "a" * 199
    assert _acces("c:1", "GET", chemin, "1.1", 404)[1] == (
        f"Requête GET {chemin} de c:1 : 404 adresse inconnue"
    )
    long = chemin + "bcd"
    assert _acces("c:1", "GET", long + "?x=1", "1.1", 404)[1] == (
        f"Requête GET {chemin}…?… de c:1 : 404 adresse inconnue"
    )


def test_chemin_au_point_d_interrogation_final_sans_parametres() -> None:
    assert _acces("c:1", "GET", "/sante?", "1.1", 200)[1] == "Requête GET /sante de c:1 : 200 OK"


def test_enregistrement_d_une_autre_forme_inchange() -> None:
    enregistrement = _enregistrement("%s %s %s %s", "a", "b", "c", "d", nom="uvicorn.access")
    assert JournalDesAcces().filter(enregistrement) is True
    assert enregistrement.getMessage() == "a b c d"
    sans = _enregistrement("rien", nom="uvicorn.access")
    assert JournalDesAcces().filter(sans) is True
    assert sans.getMessage() == "rien"


# --- configuration ---------------------------------------------------------------------------


def test_configuration_complete() -> None:
    flux = "ext://sys.stderr"
    assert configuration_du_journal("avertissement") == {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {
            "traduction": {"()": "collectivites.web._journal.TraductionUvicorn"},
            "acces": {"()": "collectivites.web._journal.JournalDesAcces"},
        },
        "formatters": {"ligne": {"()": "collectivites.web._journal.FormatJournal"}},
        "handlers": {
            "journal": {
                "class": "logging.StreamHandler",
                "stream": flux,
                "formatter": "ligne",
                "filters": ["traduction"],
            },
            "acces": {
                "class": "logging.StreamHandler",
                "stream": flux,
                "formatter": "ligne",
                "filters": ["acces"],
            },
        },
        "loggers": {
            "uvicorn": {"handlers": ["journal"], "level": "WARNING", "propagate": False},
            "uvicorn.error": {"level": "WARNING"},
            "uvicorn.access": {"handlers": ["acces"], "level": "WARNING", "propagate": False},
            "collectivites": {"handlers": ["journal"], "level": "WARNING", "propagate": False},
        },
    }


def test_configuration_par_defaut_au_niveau_info() -> None:
    assert configuration_du_journal()["loggers"]["uvicorn.error"] == {"level": "INFO"}


def test_traduction_sans_message_en_couleur() -> None:
    enregistrement = _enregistrement("Shutting down")
    assert TraductionUvicorn().filter(enregistrement) is True
    assert enregistrement.getMessage() == "Arrêt du serveur"


def test_requete_au_statut_d_une_autre_forme_sans_sens() -> None:
    enregistrement = _enregistrement(
        "%s %s %s %s %s", "c:1", "GET", "/", "1.1", [200], nom="uvicorn.access"
    )
    assert JournalDesAcces().filter(enregistrement) is True
    assert enregistrement.getMessage() == "Requête GET / de c:1 : [200]"


def test_une_ligne_ne_retire_que_les_fins_de_ligne() -> None:
    assert _journal._une_ligne("abcX\n") == "abcX"
