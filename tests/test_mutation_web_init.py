"""Le point d'entrée du service web (``web/__init__.py``), passage de mutation (issue 27) : les
arguments exacts passés à ``uvicorn.run`` (un processus : l'application construite ; plusieurs :
son chemin d'import et l'environnement transmis), l'ordre des réglages (argument, variable,
défaut), ``collectivites.web.app`` construite une fois, l'extra absent dit en français.
"""

from __future__ import annotations

import builtins
import logging
import os
from collections.abc import Iterator
from typing import Any

import pytest

pytest.importorskip("starlette", reason="extra « web » absent")
pytest.importorskip("uvicorn")

from starlette.applications import Starlette

from collectivites import web
from collectivites.erreurs import ErreurPlugin
from collectivites.web import _journal
from collectivites.web._journal import TraductionUvicorn
from collectivites.web._limites import DELAI_INACTIVITE, TAILLE_MAX_ENTETES
from collectivites.web._serveur import ProtocoleBorne


@pytest.fixture
def environnement(monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """L'environnement du processus remplacé par une copie sans variable du service."""
    copie = {n: v for n, v in os.environ.items() if not n.startswith("COLLECTIVITES_WEB_")}
    monkeypatch.setattr(os, "environ", copie)
    return copie


@pytest.fixture
def sans_app() -> Iterator[None]:
    """``collectivites.web.app`` oubliée avant et après (elle est gardée au premier accès)."""
    vars(web).pop("app", None)
    yield
    vars(web).pop("app", None)


def test_application_sans_l_extra_erreur_francaise(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuser(nom: str, *args: Any, **kwargs: Any) -> Any:
        if nom == "collectivites.web._application":
            raise ImportError("absent", name="starlette")
        return importer(nom, *args, **kwargs)

    importer = builtins.__import__
    monkeypatch.setattr(builtins, "__import__", refuser)
    with pytest.raises(ErreurPlugin) as erreur:
        web.application()
    assert str(erreur.value) == (
        "le service web exige l'extra « web » (starlette manque) (attendu : l'extra web "
        "(pip install '.[web]' depuis le dépôt))"
    )
    assert erreur.value.__suppress_context__


def test_application_transmet_ses_options() -> None:
    app = web.application(delai_calcul=None, formats=["csv"], calculs_simultanes=2)
    assert isinstance(app, Starlette)
    assert app.state.formats == frozenset({"csv", "json"})
    assert app.state.calculateur.simultanes == 2
    assert app.state.calculateur.delai is None


def test_attribut_inconnu() -> None:
    with pytest.raises(AttributeError) as erreur:
        web.autre  # noqa: B018
    assert str(erreur.value) == "le module collectivites.web n'a pas d'attribut « autre »"


def test_app_construite_une_fois_avec_la_traduction(
    environnement: dict[str, str], sans_app: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    for nom in ("uvicorn", "uvicorn.error"):
        journal = logging.getLogger(nom)
        monkeypatch.setattr(
            journal, "filters", [f for f in journal.filters if not isinstance(f, TraductionUvicorn)]
        )
    environnement["COLLECTIVITES_WEB_FORMATS"] = "csv"
    environnement["COLLECTIVITES_WEB_PORT"] = "8123"  # réglage du serveur : ignoré ici
    app = web.app
    assert isinstance(app, Starlette)
    assert app.state.formats == frozenset({"csv", "json"})
    assert web.app is app and vars(web)["app"] is app
    for nom in ("uvicorn", "uvicorn.error"):
        filtres = [f for f in logging.getLogger(nom).filters if isinstance(f, TraductionUvicorn)]
        assert len(filtres) == 1, nom
    vars(web).pop("app")
    assert web.app is not app  # reconstruite, sans second filtre
    for nom in ("uvicorn", "uvicorn.error"):
        filtres = [f for f in logging.getLogger(nom).filters if isinstance(f, TraductionUvicorn)]
        assert len(filtres) == 1, nom


# --- les réglages de servir ----------------------------------------------------------------------


def test_reglages_par_defaut(environnement: dict[str, str]) -> None:
    assert web._reglages({}) == {
        "hote": "127.0.0.1",
        "port": 8000,
        "processus": 1,
        "entetes_proxy": False,
        "proxys_de_confiance": "127.0.0.1",
        "journal": "info",
        "delai_entetes": 10.0,
        "connexions_max": 100,
    }


def test_reglages_argument_puis_variable_puis_defaut(environnement: dict[str, str]) -> None:
    environnement["COLLECTIVITES_WEB_PORT"] = "8081"
    environnement["COLLECTIVITES_WEB_HOTE"] = "0.0.0.0"
    reglages = web._reglages({"port": 9000, "hote": None, "journal": "erreur"})
    assert reglages["port"] == 9000
    assert reglages["hote"] == "0.0.0.0"
    assert reglages["journal"] == "erreur"
    assert reglages["processus"] == 1


def test_arguments_d_un_processus(environnement: dict[str, str]) -> None:
    config = web._arguments_uvicorn(
        hote="0.0.0.0",
        port=9001,
        journal="avertissement",
        delai_entetes=2.5,
        connexions_max=7,
        entetes_proxy=True,
        proxys_de_confiance="10.0.0.1",
        delai_calcul=5.0,
        taille_max=3 * 1024 * 1024,
    )
    app = config.pop("app")
    assert isinstance(app, Starlette)
    assert app.state.calculateur.delai == 5.0
    protocole = config.pop("http")
    assert protocole.func is ProtocoleBorne
    assert protocole.keywords == {"delai_entetes": 2.5, "connexions_max": 7}
    assert config == {
        "host": "0.0.0.0",
        "port": 9001,
        "workers": 1,
        "log_config": _journal.configuration_du_journal("avertissement"),
        "log_level": "avertissement",
        "ws": "none",
        "lifespan": "on",
        "timeout_keep_alive": DELAI_INACTIVITE,
        "h11_max_incomplete_event_size": TAILLE_MAX_ENTETES,
        "server_header": False,
        "proxy_headers": True,
        "forwarded_allow_ips": "10.0.0.1",
        "root_path": "",
    }


def test_arguments_de_plusieurs_processus(environnement: dict[str, str]) -> None:
    config = web._arguments_uvicorn(
        processus=2, prefixe="/f", taille_max=3 * 1024 * 1024, formats="csv", delai_corps=9.0
    )
    assert config["app"] == "collectivites.web:app"
    assert config["workers"] == 2
    assert config["root_path"] == "/f"
    assert config["environnement"] == {
        "COLLECTIVITES_WEB_TAILLE_MAX": "3",
        "COLLECTIVITES_WEB_DELAI_CORPS": "9.0",
        "COLLECTIVITES_WEB_PREFIXE": "/f",
        "COLLECTIVITES_WEB_FORMATS": "csv",
    }


def test_arguments_d_un_processus_sous_un_prefixe(environnement: dict[str, str]) -> None:
    config = web._arguments_uvicorn(prefixe="/g", processus=1)
    assert config["root_path"] == "/g"
    assert "environnement" not in config
    assert isinstance(config["app"], Starlette)


def test_servir_sans_uvicorn_erreur_francaise(monkeypatch: pytest.MonkeyPatch) -> None:
    importer = builtins.__import__

    def refuser(
        nom: str, globals_: Any = None, locals_: Any = None, liste: Any = (), niveau: int = 0
    ) -> Any:
        if nom == "collectivites.web" and liste and "_serveur" in liste:
            raise ImportError("absent", name="uvicorn")
        return importer(nom, globals_, locals_, liste, niveau)

    monkeypatch.setattr(builtins, "__import__", refuser)
    with pytest.raises(ErreurPlugin) as erreur:
        web._arguments_uvicorn()
    assert str(erreur.value) == (
        "le service web exige l'extra « web » (uvicorn manque) (attendu : l'extra web "
        "(pip install '.[web]' depuis le dépôt))"
    )


def test_servir_lance_uvicorn(
    environnement: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import uvicorn

    appels: list[dict[str, Any]] = []
    monkeypatch.setattr(uvicorn, "run", lambda **config: appels.append(config))
    web.servir("0.0.0.0", 9002, processus=2, prefixe="/h", taille_max=2 * 1024 * 1024)
    (config,) = appels
    assert "environnement" not in config
    assert (config["host"], config["port"], config["workers"]) == ("0.0.0.0", 9002, 2)
    assert config["root_path"] == "/h" and config["app"] == "collectivites.web:app"
    assert environnement["COLLECTIVITES_WEB_TAILLE_MAX"] == "2"
    assert environnement["COLLECTIVITES_WEB_PREFIXE"] == "/h"


def test_servir_transmet_chaque_argument(
    environnement: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import uvicorn

    appels: list[dict[str, Any]] = []
    monkeypatch.setattr(uvicorn, "run", lambda **config: appels.append(config))
    web.servir(
        entetes_proxy=True,
        proxys_de_confiance="10.1.1.1",
        journal="erreur",
        delai_entetes=4.0,
        connexions_max=9,
        delai_calcul=4.5,
    )
    (config,) = appels
    assert (config["host"], config["port"], config["workers"]) == ("127.0.0.1", 8000, 1)
    assert config["proxy_headers"] is True and config["forwarded_allow_ips"] == "10.1.1.1"
    assert config["log_level"] == "erreur"
    assert config["http"].keywords == {"delai_entetes": 4.0, "connexions_max": 9}
    assert config["app"].state.calculateur.delai == 4.5


def test_arguments_d_un_processus_calculs_simultanes(environnement: dict[str, str]) -> None:
    config = web._arguments_uvicorn(calculs_simultanes=3, delai_corps=7.0)
    assert config["app"].state.calculateur.simultanes == 3
