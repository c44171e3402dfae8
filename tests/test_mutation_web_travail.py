"""Les calculs du service web (``web/_travail.py``), passage de mutation (issue 27) : la limite
des calculs simultanés (503 et son message), le calcul dans un fil ou dans un processus, tué
au-delà du délai (504), le processus arrêté sans réponse (500), le protocole entre le
processus et le serveur.

Les processus sont ici tirés par « fork » (le contexte du module est remplacé) : même chemin de
code que le serveur de processus, sans son préchargement de plusieurs secondes.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import pickle
import re
import threading
import time
from typing import Any

import anyio
import pytest

pytest.importorskip("starlette", reason="extra « web » absent")

from collectivites.erreurs import ABSENT, ErreurValeur
from collectivites.web import _travail
from collectivites.web._traitement import Reponse
from collectivites.web._travail import (
    Calculateur,
    CalculInterrompu,
    CalculTropLong,
    RefusDuService,
    ServiceOccupe,
)

TACHE = _travail._Tache(("jours-feries",), {"annee": "2026"}, "json", False)


def test_refus_du_service_et_ses_statuts() -> None:
    refus = RefusDuService("non")
    assert (refus.message, refus.entetes, refus.statut, str(refus)) == ("non", {}, 503, "non")
    entetes = {"Retry-After": "5"}
    occupe = ServiceOccupe("occupé", entetes)
    assert occupe.entetes == entetes and occupe.entetes is not entetes
    assert (ServiceOccupe.statut, CalculTropLong.statut, CalculInterrompu.statut) == (503, 504, 500)


def test_calculs_simultanes_par_defaut(monkeypatch: pytest.MonkeyPatch) -> None:
    assert _travail.calculs_simultanes_par_defaut() == max(1, len(os.sched_getaffinity(0)))
    monkeypatch.setattr(os, "sched_getaffinity", lambda _pid: {0, 1, 2})
    assert _travail.calculs_simultanes_par_defaut() == 3
    monkeypatch.setattr(os, "sched_getaffinity", lambda _pid: set())
    assert _travail.calculs_simultanes_par_defaut() == 1


def test_valeur_recue_montree_sans_guillemets() -> None:
    assert repr(_travail._Recu("<verrou>")) == "<verrou>"
    assert str(_travail._Recu("x")) == "x"


# --- le calcul lui-même ------------------------------------------------------------------------


def test_executer_rend_la_reponse_au_format_par_defaut() -> None:
    reponse = _travail._executer(
        _travail._Tache(("jours-feries",), {"annee": "2026"}, "csv", False)
    )
    assert isinstance(reponse, Reponse)
    assert reponse.type.startswith("text/csv")
    assert reponse.contenu.decode("utf-8").count("\n") >= 11  # onze jours fériés et l'en-tête


def test_executer_affiche_en_html() -> None:
    html = _travail._executer(_travail._Tache(("jours-feries",), {"annee": "2026"}, "json", True))
    assert isinstance(html, str) and html.startswith("<")
    assert "01/01/2026" in html or "1er janvier" in html or "2026-01-01" in html


def test_erreur_transmissible_telle_quelle() -> None:
    erreur = ErreurValeur("refusé", cle="a", valeur=3)
    assert _travail._transmissible(erreur) is erreur


def test_erreur_non_transmissible_copiee_avec_sa_valeur_montree() -> None:
    verrou = threading.Lock()
    erreur = ErreurValeur("refusé", cle="a", valeur=verrou, attendu="b")
    copie = _travail._transmissible(erreur)
    assert copie is not erreur and erreur.valeur is verrou
    assert isinstance(copie.valeur, _travail._Recu)
    assert copie.valeur == repr(verrou)[:80]
    assert str(copie) == str(erreur)
    assert pickle.loads(pickle.dumps(copie)).cle == "a"


def test_valeur_longue_coupee_a_80_caracteres() -> None:
    class Objet:
        def __repr__(self) -> str:
            return "o" * 100

        def __reduce__(self) -> Any:
            raise TypeError("pas de pickle")

    copie = _travail._transmissible(ErreurValeur("refusé", valeur=Objet()))
    assert copie.valeur == "o" * 80


def test_erreur_non_transmissible_sans_valeur() -> None:
    erreur = ErreurValeur("refusé", cle="a")
    erreur.autre = threading.Lock()  # type: ignore[attr-defined]
    copie = _travail._transmissible(erreur)
    assert copie is not erreur and copie.valeur is ABSENT


def _renvoyer(monkeypatch: pytest.MonkeyPatch, exc: BaseException) -> tuple[str, Any]:
    def lever(_tache: Any) -> Any:
        raise exc

    monkeypatch.setattr(_travail, "_executer", lever)
    lecture, ecriture = multiprocessing.Pipe(duplex=False)
    _travail._travailleur(ecriture, TACHE)
    resultat: tuple[str, Any] = lecture.recv()
    assert ecriture.closed
    lecture.close()
    return resultat


def test_travailleur_rend_le_resultat() -> None:
    lecture, ecriture = multiprocessing.Pipe(duplex=False)
    _travail._travailleur(ecriture, TACHE)
    nature, contenu = lecture.recv()
    assert nature == "ok" and isinstance(contenu, Reponse)


@pytest.mark.parametrize("exception", [RecursionError, MemoryError])
def test_travailleur_pile_ou_memoire(monkeypatch: pytest.MonkeyPatch, exception: type) -> None:
    assert _renvoyer(monkeypatch, exception()) == ("trop-grand", exception.__name__)


def test_travailleur_erreur_de_la_bibliotheque(monkeypatch: pytest.MonkeyPatch) -> None:
    nature, erreur = _renvoyer(monkeypatch, ErreurValeur("refusé", cle="k"))
    assert nature == "erreur" and str(erreur) == "clé « k » : refusé"


def test_travailleur_interruption_rendue_en_interne(monkeypatch: pytest.MonkeyPatch) -> None:
    nature, (type_, trace) = _renvoyer(monkeypatch, KeyboardInterrupt())
    assert (nature, type_) == ("interne", "KeyboardInterrupt")
    assert trace.startswith("KeyboardInterrupt (trace : ")


def test_resultat_qui_ne_passe_pas_dit_comme_un_defaut(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_travail, "_executer", lambda _tache: threading.Lock())
    lecture, ecriture = multiprocessing.Pipe(duplex=False)
    _travail._travailleur(ecriture, TACHE)
    nature, (type_, trace) = lecture.recv()
    assert (nature, type_) == ("interne", "TypeError")
    assert trace.startswith("TypeError: cannot pickle '_thread.lock' object (trace : ")
    assert ecriture.closed


def test_rendre_chaque_nature(caplog: pytest.LogCaptureFixture) -> None:
    assert _travail._rendre("ok", 3, "x") == 3
    with pytest.raises(ErreurValeur, match="refusé"):
        _travail._rendre("erreur", ErreurValeur("refusé"), "x")
    with pytest.raises(RecursionError) as trop:
        _travail._rendre("trop-grand", "MemoryError", "x")
    assert isinstance(trop.value, _travail._TropGrand) and str(trop.value) == "MemoryError"
    with (
        caplog.at_level(logging.ERROR, logger="collectivites.web"),
        pytest.raises(CalculInterrompu) as interne,
    ):
        _travail._rendre("interne", ("KeyError", "KeyError: 'a' (trace : …)"), "pret tableau")
    assert interne.value.message == (
        "erreur interne (KeyError) ; merci de la signaler avec la requête envoyée"
    )
    assert caplog.messages == ["calcul pret tableau : erreur interne — KeyError: 'a' (trace : …)"]


def test_secondes_a_la_francaise() -> None:
    assert _travail._secondes(0.5) == "0,5 s"
    assert _travail._secondes(60.0) == "60 s"
    assert _travail._secondes(2.25) == "2,25 s"


# --- le calculateur -------------------------------------------------------------------------------


def test_calculateur_refuse_ses_reglages_invalides() -> None:
    with pytest.raises(ValueError, match=r"^délai de calcul invalide : 0 \(attendu : > 0\)$"):
        Calculateur(delai=0, simultanes=1)
    with pytest.raises(ValueError, match=r"^délai de calcul invalide : nan"):
        Calculateur(delai=float("nan"), simultanes=1)
    with pytest.raises(ValueError, match=r"^calculs simultanés invalides : 0 \(attendu : ≥ 1\)$"):
        Calculateur(delai=None, simultanes=0)
    calculateur = Calculateur(delai=0.5, simultanes=1)
    assert (calculateur.delai, calculateur.simultanes, calculateur._en_cours) == (0.5, 1, 0)
    assert calculateur._contexte is None


def test_demarrer_sans_delai_ne_prepare_rien(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_travail, "_contexte", lambda: pytest.fail("préparé"))
    calculateur = Calculateur(delai=None, simultanes=1)
    calculateur.demarrer()
    assert calculateur._contexte is None


def test_demarrer_lance_le_serveur_de_processus(monkeypatch: pytest.MonkeyPatch) -> None:
    from multiprocessing import forkserver

    lances: list[str] = []
    monkeypatch.setattr(forkserver, "ensure_running", lambda: lances.append("forkserver"))
    fork = multiprocessing.get_context("fork")
    monkeypatch.setattr(_travail, "_contexte", lambda: fork)
    Calculateur(delai=1, simultanes=1).demarrer()
    assert lances == []  # « fork » : pas de serveur de processus
    serveur = multiprocessing.get_context("forkserver")
    monkeypatch.setattr(_travail, "_contexte", lambda: serveur)
    calculateur = Calculateur(delai=1, simultanes=1)
    calculateur.demarrer()
    assert lances == ["forkserver"]
    assert calculateur._contexte is serveur


def test_contexte_du_serveur_de_processus_prechage(monkeypatch: pytest.MonkeyPatch) -> None:
    from multiprocessing import forkserver

    precharges: list[Any] = []
    monkeypatch.setattr(forkserver, "set_forkserver_preload", precharges.append)
    contexte = _travail._contexte()
    assert contexte.get_start_method() == "forkserver"
    assert precharges == [list(_travail._PRECHARGES)]


def test_preparer_une_seule_fois(monkeypatch: pytest.MonkeyPatch) -> None:
    appels: list[int] = []

    def contexte() -> Any:
        appels.append(1)
        return multiprocessing.get_context("fork")

    monkeypatch.setattr(_travail, "_contexte", contexte)
    calculateur = Calculateur(delai=1, simultanes=1)
    assert calculateur._preparer() is calculateur._preparer()
    assert appels == [1]


def test_service_occupe_au_dela_des_calculs_simultanes() -> None:
    calculateur = Calculateur(delai=None, simultanes=2)
    calculateur._en_cours = 2
    with pytest.raises(ServiceOccupe) as occupe:
        anyio.run(calculateur.calculer, ("jours-feries",), {"annee": "2026"})
    assert occupe.value.message == (
        "service occupé : 2 calcul(s) déjà en cours ; réessayez dans 5 s"
    )
    assert occupe.value.entetes == {"Retry-After": "5"}
    assert calculateur._en_cours == 2
    calculateur._en_cours = 1
    reponse = anyio.run(calculateur.calculer, ("jours-feries",), {"annee": "2026"})
    assert isinstance(reponse, Reponse) and reponse.type == "application/json"
    assert calculateur._en_cours == 1  # compté pendant le calcul, décompté après


def test_calcul_dans_un_fil_avec_ses_options() -> None:
    calculateur = Calculateur(delai=None, simultanes=1)

    async def calculer() -> Any:
        return await calculateur.calculer(
            ("jours-feries",), {"annee": "2026"}, format_defaut="csv", afficher=False
        )

    assert anyio.run(calculer).type.startswith("text/csv")

    async def afficher() -> Any:
        return await calculateur.calculer(("jours-feries",), {"annee": "2026"}, afficher=True)

    assert isinstance(anyio.run(afficher), str)


def test_calcul_decompte_apres_une_erreur() -> None:
    calculateur = Calculateur(delai=None, simultanes=1)
    with pytest.raises(ErreurValeur):
        anyio.run(calculateur.calculer, ("jours-feries",), {"annee": "deux"})
    assert calculateur._en_cours == 0


def test_calcul_avec_delai_dans_un_processus(monkeypatch: pytest.MonkeyPatch) -> None:
    taches: list[Any] = []
    calculateur = Calculateur(delai=5, simultanes=1)

    def dans_un_processus(tache: Any) -> str:
        taches.append(tache)
        return "fait"

    monkeypatch.setattr(calculateur, "_dans_un_processus", dans_un_processus)
    assert anyio.run(calculateur.calculer, ("a",), {"b": 1}) == "fait"
    assert taches == [_travail._Tache(("a",), {"b": 1}, "json", False)]


# --- dans un processus ----------------------------------------------------------------------------


@pytest.fixture
def par_fork(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_travail, "_contexte", lambda: multiprocessing.get_context("fork"))


def test_processus_rend_le_resultat(par_fork: None) -> None:
    reponse = Calculateur(delai=30, simultanes=1)._dans_un_processus(TACHE)
    assert isinstance(reponse, Reponse) and b"2026" in reponse.contenu


def test_processus_rend_l_erreur(par_fork: None) -> None:
    tache = _travail._Tache(("jours-feries",), {"annee": "deux"}, "json", False)
    with pytest.raises(ErreurValeur):
        Calculateur(delai=30, simultanes=1)._dans_un_processus(tache)


def test_processus_trop_long_tue(
    par_fork: None, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(_travail, "_executer", lambda _t: time.sleep(30))
    debut = time.monotonic()
    with (
        caplog.at_level(logging.WARNING, logger="collectivites.web"),
        pytest.raises(CalculTropLong) as trop,
    ):
        Calculateur(delai=0.5, simultanes=1)._dans_un_processus(TACHE)
    assert time.monotonic() - debut < 10
    assert trop.value.message == (
        "calcul trop long : arrêté après 0,5 s (limite du service ; un portefeuille plus "
        "petit, ou la ligne de commande, n'a pas cette limite)"
    )
    (message,) = caplog.messages
    assert re.fullmatch(r"calcul jours-feries arrêté après 0\.5 s \(processus \d+ tué\)", message)
    assert not [p for p in multiprocessing.active_children() if p.name == "calcul jours-feries"]


def test_processus_arrete_sans_reponse(
    par_fork: None, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(_travail, "_executer", lambda _t: os._exit(3))
    with (
        caplog.at_level(logging.ERROR, logger="collectivites.web"),
        pytest.raises(CalculInterrompu) as interrompu,
    ):
        Calculateur(delai=30, simultanes=1)._dans_un_processus(TACHE)
    assert interrompu.value.message == (
        "erreur interne : le processus du calcul s'est arrêté sans réponse ; merci de la "
        "signaler avec la requête envoyée"
    )
    (message,) = caplog.messages
    duree = re.fullmatch(
        r"calcul jours-feries : processus arrêté sans réponse \(code 3\) après (\d+\.\d) s", message
    )
    assert duree is not None and float(duree.group(1)) < 10


def test_processus_impossible_a_lancer(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    class Contexte:
        def Pipe(self, duplex: bool) -> Any:
            assert duplex is False
            raise OSError("trop de fichiers ouverts")

    monkeypatch.setattr(_travail, "_contexte", Contexte)
    with (
        caplog.at_level(logging.ERROR, logger="collectivites.web"),
        pytest.raises(RefusDuService) as refus,
    ):
        Calculateur(delai=1, simultanes=1)._dans_un_processus(TACHE)
    assert type(refus.value) is RefusDuService
    assert refus.value.message == (
        "service momentanément indisponible : le calcul n'a pas pu être lancé"
    )
    assert refus.value.entetes == {"Retry-After": "5"}
    assert caplog.messages == [
        "calcul jours-feries : impossible de lancer son processus (trop de fichiers ouverts)"
    ]


def test_processus_nomme_et_demon(monkeypatch: pytest.MonkeyPatch) -> None:
    vus: dict[str, Any] = {}
    fork = multiprocessing.get_context("fork")

    class Contexte:
        def Pipe(self, duplex: bool) -> Any:
            return fork.Pipe(duplex=duplex)

        def Process(self, **options: Any) -> Any:
            vus.update(options)
            return fork.Process(**options)

    monkeypatch.setattr(_travail, "_contexte", Contexte)
    donnees = {"depart": "26/04/2024", "duree": "15 jours ouvrés"}
    tache = _travail._Tache(("delai", "calculer"), donnees, "json", False)
    reponse = Calculateur(delai=30, simultanes=1)._dans_un_processus(tache)
    assert isinstance(reponse, Reponse)
    assert vus["name"] == "calcul delai calculer" and vus["daemon"] is True
    assert vus["target"] is _travail._travailleur and vus["args"][1] == tache


def test_contexte_sans_serveur_de_processus_spawn(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(multiprocessing, "get_all_start_methods", lambda: ["spawn"])
    assert _travail._contexte().get_start_method() == "spawn"


def test_calculs_simultanes_sans_affinite_par_les_coeurs(monkeypatch: pytest.MonkeyPatch) -> None:
    def sans_affinite(_pid: int) -> set[int]:
        raise OSError("non pris en charge")

    monkeypatch.setattr(os, "sched_getaffinity", sans_affinite)
    monkeypatch.setattr(os, "cpu_count", lambda: 3)
    assert _travail.calculs_simultanes_par_defaut() == 3
    monkeypatch.setattr(os, "cpu_count", lambda: None)
    assert _travail.calculs_simultanes_par_defaut() == 1
    monkeypatch.delattr(os, "sched_getaffinity")
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    assert _travail.calculs_simultanes_par_defaut() == 2


def test_executer_une_commande_a_deux_mots_dans_ce_processus() -> None:
    donnees = {"depart": "26/04/2024", "duree": "15 jours ouvrés"}
    reponse = _travail._executer(_travail._Tache(("delai", "calculer"), donnees, "json", False))
    assert isinstance(reponse, Reponse) and reponse.type == "application/json"


def test_executer_affiche_au_format_par_defaut_de_la_commande() -> None:
    # le modèle de portefeuille ne s'écrit pas en JSON : son format par défaut est transmis
    tache = _travail._Tache(("pret", "modele-portefeuille"), {}, "xlsx", True)
    html = _travail._executer(tache)
    assert isinstance(html, str) and "Modèle de portefeuille de prêts" in html


def test_executer_une_commande_inconnue() -> None:
    with pytest.raises(LookupError) as erreur:
        _travail._executer(_travail._Tache(("pret", "inconnue"), {}, "json", False))
    assert erreur.value.args == ("pret/inconnue",)


def test_processus_erreur_imprevue_journalisee_avec_le_nom_du_calcul(
    par_fork: None, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def lever(_tache: Any) -> Any:
        raise ZeroDivisionError("x")

    monkeypatch.setattr(_travail, "_executer", lever)
    with (
        caplog.at_level(logging.ERROR, logger="collectivites.web"),
        pytest.raises(CalculInterrompu, match=r"erreur interne \(ZeroDivisionError\)"),
    ):
        Calculateur(delai=30, simultanes=1)._dans_un_processus(TACHE)
    (message,) = caplog.messages
    assert message.startswith("calcul jours-feries : erreur interne — ZeroDivisionError: x (trace")
