"""Projection par parties (``collectivites.prets._repartition``), pièce à pièce : nombre de
travailleurs par défaut et ses bornes, fenêtre de parties en vol, découpage d'un portefeuille en
mémoire, contrats d'une partition de tableau, options de moteur refusées en français, processus
arrêté brutalement, scénarios et portefeuille vides (issue 27, tests de mutation)."""

from __future__ import annotations

import contextlib
import datetime as dt
import types
from collections.abc import Iterator
from concurrent.futures import Executor, Future, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any, ClassVar

import pytest

from collectivites.erreurs import ErreurEntree, ErreurValeur
from collectivites.prets import _repartition as r
from collectivites.prets import exemple_pret, projeter, projeter_scenarios, scenario
from collectivites.prets._partielle import Agregation
from collectivites.prets._partitions import Partition
from collectivites.prets._repli import Repli
from collectivites.prets.rouages import EnsembleCles, projeter_partie
from tests.synthetique import ecrire_csv

HISTORIQUE = scenario("historique")


# --- travailleurs et fenêtre ----------------------------------------------------------------


@pytest.mark.parametrize(("coeurs", "attendu"), [(16, 8), (8, 8), (3, 3), (1, 1), (None, 1)])
def test_travailleurs_par_defaut(
    monkeypatch: pytest.MonkeyPatch, coeurs: int | None, attendu: int
) -> None:
    """Autant que de cœurs, huit au plus ; un si le système ne dit rien."""
    monkeypatch.setattr(r.os, "cpu_count", lambda: coeurs)
    assert r._travailleurs(None) == attendu


@pytest.mark.parametrize("nombre", [1, 2, 1024])
def test_travailleurs_dans_les_bornes(nombre: int) -> None:
    assert r._travailleurs(nombre) == nombre


@pytest.mark.parametrize("nombre", [0, -1, 1025])
def test_travailleurs_hors_des_bornes(nombre: int) -> None:
    with pytest.raises(ErreurValeur) as erreur:
        r._travailleurs(nombre)
    assert erreur.value.message == "nombre de travailleurs hors des bornes"
    assert (erreur.value.cle, erreur.value.valeur) == ("travailleurs", nombre)
    assert erreur.value.attendu == "de 1 à 1024"


def test_fenetre_deux_parties_par_travailleur(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(r.os, "cpu_count", lambda: 5)
    with ThreadPoolExecutor(max_workers=3) as executeur:
        assert r._fenetre(executeur) == 6
    # un exécuteur qui ne dit pas son nombre de travailleurs : deux par cœur
    assert r._fenetre(types.SimpleNamespace()) == 10  # type: ignore[arg-type]
    for nombre in (0, -2, "3", None):
        faux = types.SimpleNamespace(_max_workers=nombre)
        assert r._fenetre(faux) == 10  # type: ignore[arg-type]
    assert r._fenetre(types.SimpleNamespace(_max_workers=1)) == 2  # type: ignore[arg-type]
    monkeypatch.setattr(r.os, "cpu_count", lambda: None)
    assert r._fenetre(types.SimpleNamespace()) == 2  # type: ignore[arg-type]


class _Compteur(Executor):
    """Un exécuteur en série qui note le nombre de parties en vol à chaque soumission."""

    def __init__(self, travailleurs: int) -> None:
        self._max_workers = travailleurs
        self.soumises: list[Any] = []

    def submit(self, fn: Any, /, *args: Any, **kwargs: Any) -> Future[Any]:
        futur: Future[Any] = Future()
        self.soumises.append(args[0])
        futur.set_result(fn(*args, **kwargs))
        return futur


def test_sur_executeur_soumet_chaque_partie_avec_ses_arguments() -> None:
    vues: list[tuple[Any, ...]] = []

    def fonction(partie: Any, *arguments: Any) -> tuple[Any, ...]:
        vues.append((partie, *arguments))
        return (projeter_partie([], HISTORIQUE, Agregation.LIGNE),)

    executeur = _Compteur(2)
    repli = Repli(3, None)
    r._sur_executeur(executeur, fonction, ["a", "b", "c"], ("x", "y"), repli)
    assert executeur.soumises == ["a", "b", "c"]
    assert vues == [("a", "x", "y"), ("b", "x", "y"), ("c", "x", "y")]


# --- découpage et contrats ------------------------------------------------------------------


def _pret(lignes: int) -> Any:
    return types.SimpleNamespace(lignes=(None,) * lignes)


def test_decouper_par_nombre_de_lignes() -> None:
    """Une partie se ferme dès qu'elle atteint ``lignes_par_partie`` lignes (borne comprise) ;
    un prêt n'est jamais coupé ; le reste forme la dernière partie."""
    a, b, c, d = _pret(1), _pret(2), _pret(3), _pret(1)
    assert r._decouper([a, b, c, d], 3) == [(a, b), (c,), (d,)]
    assert r._decouper([a, b, c, d], 4) == [(a, b, c), (d,)]
    assert r._decouper([a, b, c, d], 7) == [(a, b, c, d)]
    assert r._decouper([a, b, c, d], 1) == [(a,), (b,), (c,), (d,)]
    assert r._decouper([], 3) == []


def test_contrats_d_une_partition_de_tableau() -> None:
    prets = [types.SimpleNamespace(numero="57851"), types.SimpleNamespace(numero="57828")]
    for nature in ("dossiers", "exemples"):
        assert r._contrats(Partition(nature=nature), prets) is None  # type: ignore[arg-type]
    for nature in ("csv", "classeur", "parquet"):
        contrats = r._contrats(Partition(nature=nature, chemin="p.csv"), prets)  # type: ignore[arg-type]
        assert contrats == EnsembleCles.de(["p.csv#57851", "p.csv#57828"])


def test_tache_d_une_partition_csv_porte_ses_contrats(tmp_path: Path) -> None:
    chemin = ecrire_csv(tmp_path / "p.csv", 6)
    partition = Partition(nature="csv", chemin=str(chemin), debut=0, fin=chemin.stat().st_size)
    prets = partition.prets()
    deux = (HISTORIQUE, scenario("livret_a+1 %", depuis=dt.date(2027, 1, 1)))
    parties = r._tache_partition(partition, deux, Agregation.LIGNE)
    assert len(parties) == 2
    attendu = EnsembleCles.de(f"{chemin}#{p.numero}" for p in prets)
    assert all(p.contrats == attendu for p in parties)
    sans = r._tache_prets(prets, deux, Agregation.LIGNE)
    assert [p.contrats for p in sans] != [attendu, attendu]


# --- options du moteur ----------------------------------------------------------------------


def test_options_sans_objet_avec_un_executeur() -> None:
    with ThreadPoolExecutor(max_workers=1) as executeur:
        r._verifier_moteur(executeur, None, None)
        for travailleurs, planificateur, cle, valeur in (
            (2, None, "travailleurs", 2),
            (None, "tcp://x:1", "planificateur", "tcp://x:1"),
            (2, "tcp://x:1", "travailleurs", 2),
        ):
            with pytest.raises(ErreurValeur) as erreur:
                r._verifier_moteur(executeur, travailleurs, planificateur)
            assert erreur.value.message == (
                "option sans objet avec un exécuteur ou un client Dask donné : ses travailleurs "
                "sont les siens"
            )
            assert (erreur.value.cle, erreur.value.valeur) == (cle, valeur)


def test_travailleurs_verifies_avant_le_moteur() -> None:
    with (
        ThreadPoolExecutor(max_workers=1) as executeur,
        pytest.raises(ErreurValeur, match="nombre de travailleurs hors des bornes"),
    ):
        r._verifier_moteur(executeur, 0, None)


@pytest.mark.parametrize("moteur", [r.MoteurCalcul.SERIE, r.MoteurCalcul.PROCESSUS])
def test_planificateur_seulement_avec_dask(moteur: r.MoteurCalcul) -> None:
    r._verifier_moteur(moteur, 2, None)
    r._verifier_moteur(r.MoteurCalcul.DASK, 2, "tcp://x:1")
    with pytest.raises(ErreurValeur) as erreur:
        r._verifier_moteur(moteur, None, "tcp://x:1")
    assert erreur.value.message == "un planificateur ne s'emploie qu'avec le moteur dask"
    assert (erreur.value.cle, erreur.value.valeur) == ("planificateur", "tcp://x:1")


# --- processus ------------------------------------------------------------------------------


class _FauxPool:
    """Un ProcessPoolExecutor qui note ses arguments ; ``casse`` : il meurt à la soumission."""

    vus: ClassVar[list[dict[str, Any]]] = []

    def __init__(self, *, max_workers: int, mp_context: Any, casse: bool = False) -> None:
        _FauxPool.vus.append(
            {"max_workers": max_workers, "contexte": mp_context.get_start_method()}
        )
        self._max_workers = max_workers
        self.casse = casse

    def __enter__(self) -> _FauxPool:
        return self

    def __exit__(self, *_exc: object) -> None:
        return None

    def submit(self, fn: Any, /, *args: Any) -> Future[Any]:
        if self.casse:
            raise BrokenProcessPool("mort")
        futur: Future[Any] = Future()
        futur.set_result(fn(*args))
        return futur


def test_processus_neufs_jamais_plus_que_de_parties(monkeypatch: pytest.MonkeyPatch) -> None:
    _FauxPool.vus = []
    monkeypatch.setattr(r, "ProcessPoolExecutor", _FauxPool)
    monkeypatch.setattr(r, "Executor", _FauxPool)
    prets = (exemple_pret("cdc-57851"), exemple_pret("cdc-57828"))
    parties = [(p,) for p in prets]
    for travailleurs, attendu in ((8, 2), (1, 1), (2, 2)):
        repli = Repli(len(parties), None)
        r._sur_processus(
            r._tache_prets, parties, ((HISTORIQUE,), Agregation.LIGNE), travailleurs, repli
        )
        assert _FauxPool.vus[-1] == {"max_workers": attendu, "contexte": "spawn"}
        assert len(repli.resultats()) == 1


def test_processus_arrete_brutalement(monkeypatch: pytest.MonkeyPatch) -> None:
    def casse(**kwargs: Any) -> _FauxPool:
        return _FauxPool(**kwargs, casse=True)

    monkeypatch.setattr(r, "ProcessPoolExecutor", casse)
    with pytest.raises(ErreurEntree) as erreur:
        r._sur_processus(r._tache_prets, [()], ((HISTORIQUE,), "ligne"), 2, Repli(1, None))
    assert erreur.value.message == (
        "un processus de calcul s'est arrêté brutalement (mémoire épuisée, processus tué, "
        "programme principal introuvable)"
    )
    assert (erreur.value.cle, erreur.value.valeur) == ("moteur", "processus")
    assert erreur.value.attendu == "moins de travailleurs, ou le moteur serie"
    assert erreur.value.__suppress_context__


def test_executer_processus_avec_le_nombre_de_travailleurs(monkeypatch: pytest.MonkeyPatch) -> None:
    vus: list[int] = []

    def sur_processus(
        fonction: Any, parties: Any, arguments: Any, nombre: int, repli: Repli
    ) -> None:
        vus.append(nombre)
        r._en_serie(fonction, parties, arguments, repli)

    monkeypatch.setattr(r, "_sur_processus", sur_processus)
    monkeypatch.setattr(r.os, "cpu_count", lambda: 3)
    prets = [exemple_pret("cdc-57851")]
    attendu = projeter(prets, HISTORIQUE)
    assert projeter(prets, HISTORIQUE, moteur="processus", travailleurs=5) == attendu
    assert projeter(prets, HISTORIQUE, moteur="processus") == attendu
    assert vus == [5, 3]


# --- projections ----------------------------------------------------------------------------


def test_scenarios_et_portefeuille_vides() -> None:
    pret = exemple_pret("cdc-57851")
    with pytest.raises(ErreurValeur) as erreur:
        projeter_scenarios([pret], [])
    assert erreur.value.message == "aucun scénario"
    assert (erreur.value.cle, erreur.value.attendu) == ("scenarios", "au moins un scénario")
    with pytest.raises(ErreurValeur) as erreur:
        projeter_scenarios([], [HISTORIQUE])
    assert erreur.value.message == "portefeuille vide"
    assert (erreur.value.cle, erreur.value.attendu) == ("prets", "au moins un prêt")


def test_en_serie_les_options_sont_verifiees() -> None:
    """En série, un nombre de travailleurs dans les bornes est admis (sans objet), hors des
    bornes refusé."""
    pret = exemple_pret("cdc-57851")
    assert projeter([pret], HISTORIQUE, travailleurs=2) == projeter([pret], HISTORIQUE)
    with pytest.raises(ErreurValeur, match="nombre de travailleurs hors des bornes"):
        projeter([pret], HISTORIQUE, travailleurs=0)


def test_projection_en_parties_comme_d_un_trait() -> None:
    """Par parties d'une ligne (le moteur série avec une progression passe par les parties),
    sous deux scénarios, dans l'ordre : les mêmes projections."""
    prets = (exemple_pret("cdc-57851"), exemple_pret("cdc-57828"), exemple_pret("cdc-57769"))
    deux = (HISTORIQUE, scenario("livret_a+1 %", depuis=dt.date(2027, 1, 1)))
    dun_trait = projeter_scenarios(prets, deux, par="garant")
    vues: list[tuple[int, int, int]] = []
    en_parties = r.projeter_en_parties(
        prets,
        deux,
        par=Agregation.GARANT,
        moteur=r.MoteurCalcul.SERIE,
        progression=lambda *v: vues.append(v),
        lignes_par_partie=1,
    )
    assert en_parties == dun_trait
    assert dun_trait[0] != dun_trait[1]
    lignes = sum(len(p.lignes) for p in prets)
    assert vues[-1] == (3, 3, lignes)
    avec_progression = projeter_scenarios(prets, deux, par="garant", progression=lambda *v: None)
    assert avec_progression == dun_trait
    with ThreadPoolExecutor(max_workers=2) as executeur:
        assert projeter_scenarios(prets, deux, par="garant", moteur=executeur) == dun_trait


def test_par_defaut_par_ligne_en_serie() -> None:
    prets = [exemple_pret("cdc-57851")]
    assert projeter(prets, HISTORIQUE) == projeter(prets, HISTORIQUE, par="ligne", moteur="serie")
    assert projeter(prets, HISTORIQUE) != projeter(prets, HISTORIQUE, par="garant")


@pytest.mark.parametrize("taille", [0, 10_000_001])
def test_taille_de_partition_hors_des_bornes(taille: int) -> None:
    with pytest.raises(ErreurValeur) as erreur:
        r.projeter_fichiers_scenarios([], [HISTORIQUE], lignes_par_partition=taille)
    assert erreur.value.message == "taille de partition hors des bornes"
    assert (erreur.value.cle, erreur.value.valeur) == ("lignes_par_partition", taille)
    assert erreur.value.attendu == "de 1 à 10 000 000 lignes"


@pytest.mark.parametrize("taille", [1, 10_000_000])
def test_taille_de_partition_aux_bornes(tmp_path: Path, taille: int) -> None:
    chemin = ecrire_csv(tmp_path / "p.csv", 4)
    resultat = r.projeter_fichiers([chemin], HISTORIQUE, lignes_par_partition=taille)
    assert resultat == r.projeter_fichiers([chemin], HISTORIQUE)


def test_fichiers_et_exemples_sous_plusieurs_scenarios(tmp_path: Path) -> None:
    deux = (HISTORIQUE, scenario("livret_a+1 %", depuis=dt.date(2027, 1, 1)))
    prets = (exemple_pret("cdc-57851"),)
    attendu = projeter_scenarios(prets, deux, par="emprunteur")
    obtenu = r.projeter_fichiers_scenarios(
        [], deux, par=Agregation.EMPRUNTEUR, exemples=["cdc-57851"]
    )
    assert obtenu == attendu
    seul = r.projeter_fichiers([], deux[1], par="emprunteur", exemples=["cdc-57851"])
    assert seul == attendu[1]
    with pytest.raises(ErreurValeur, match="aucun scénario"):
        r.projeter_fichiers_scenarios([], [], exemples=["cdc-57851"])
    with ThreadPoolExecutor(max_workers=2) as executeur:
        assert (
            r.projeter_fichiers_scenarios(
                [], deux, par="emprunteur", moteur=executeur, exemples=["cdc-57851"]
            )
            == attendu
        )
        with pytest.raises(ErreurValeur, match="option sans objet"):
            r.projeter_fichiers_scenarios(
                [], deux, moteur=executeur, travailleurs=2, exemples=["cdc-57851"]
            )


def test_client_dask_donne_ou_grappe_locale(monkeypatch: pytest.MonkeyPatch) -> None:
    """Un client donné par l'appelant reçoit les parties tel quel ; le moteur dask ouvre un
    client (celui du planificateur, ou une grappe locale du nombre de travailleurs) et le
    ferme après usage."""
    vus: list[tuple[Any, ...]] = []

    def sur_client(
        client: Any, fonction: Any, parties: Any, arguments: Any, repli: Repli
    ) -> tuple[str]:
        vus.append((client, fonction, list(parties), arguments, repli.total, repli.progression))
        return ("fusion",)

    @contextlib.contextmanager
    def client_dask(planificateur: str | None, nombre: int) -> Iterator[str]:
        vus.append(("ouvert", planificateur, nombre))
        yield "client local"
        vus.append(("fermé",))

    def progression(*_v: int) -> None:
        return None

    monkeypatch.setattr(r, "sur_client", sur_client)
    monkeypatch.setattr(r, "client_dask", client_dask)
    monkeypatch.setattr(r.os, "cpu_count", lambda: 3)
    client = object()
    options: dict[str, Any] = {"travailleurs": None, "planificateur": None}
    resultat = r._executer(
        len, ["a", "b"], ("s", "p"), moteur=client, progression=progression, **options
    )
    assert resultat == ("fusion",)
    assert vus == [(client, len, ["a", "b"], ("s", "p"), 2, progression)]
    vus.clear()
    dask = r.MoteurCalcul.DASK
    assert r._executer(
        len,
        ["a"],
        ("s", "p"),
        moteur=dask,
        travailleurs=None,
        planificateur="tcp://x:1",
        progression=None,
    ) == ("fusion",)
    assert vus == [
        ("ouvert", "tcp://x:1", 3),
        ("client local", len, ["a"], ("s", "p"), 1, None),
        ("fermé",),
    ]
    vus.clear()
    r._executer(len, [], ("s",), moteur=dask, travailleurs=2, planificateur=None, progression=None)
    assert vus[0] == ("ouvert", None, 2)


def test_decouper_recommence_a_zero_ligne_apres_chaque_partie() -> None:
    a, b, c = _pret(2), _pret(1), _pret(1)
    assert r._decouper([a, b, c], 2) == [(a,), (b, c)]


def test_fenetre_de_l_executeur_donne(monkeypatch: pytest.MonkeyPatch) -> None:
    """Un travailleur : deux parties en vol au plus, puis chaque résultat est replié avant la
    soumission suivante (la fenêtre est celle de l'exécuteur, pas celle des cœurs)."""
    monkeypatch.setattr(r.os, "cpu_count", lambda: 5)
    evenements: list[str] = []

    class Journal(Repli):
        def recevoir(self, parties: Any, rang: int | None = None) -> None:
            evenements.append(f"r{rang}")
            super().recevoir(parties, rang)

    class Executeur(_Compteur):
        def submit(self, fn: Any, /, *args: Any, **kwargs: Any) -> Future[Any]:
            evenements.append(f"s{len(self.soumises)}")
            return super().submit(fn, *args, **kwargs)

    def fonction(_partie: Any, *_arguments: Any) -> tuple[Any, ...]:
        return (projeter_partie([], HISTORIQUE, Agregation.LIGNE),)

    r._sur_executeur(Executeur(1), fonction, list(range(5)), (), Journal(5, None))
    assert evenements == ["s0", "s1", "r0", "r1", "s2", "s3", "r2", "r3", "s4", "r4"]


def test_planificateur_transmis_au_moteur_dask(monkeypatch: pytest.MonkeyPatch) -> None:
    ouverts: list[tuple[str | None, int]] = []

    @contextlib.contextmanager
    def client_dask(planificateur: str | None, nombre: int) -> Iterator[str]:
        ouverts.append((planificateur, nombre))
        yield "client"

    def sur_client(
        _client: Any, fonction: Any, parties: Any, arguments: Any, repli: Repli
    ) -> tuple[Any, ...]:
        r._en_serie(fonction, parties, arguments, repli)
        return repli.resultats()

    monkeypatch.setattr(r, "client_dask", client_dask)
    monkeypatch.setattr(r, "sur_client", sur_client)
    monkeypatch.setattr(r.os, "cpu_count", lambda: 2)
    prets = [exemple_pret("cdc-57851")]
    attendu = projeter(prets, HISTORIQUE)
    assert projeter(prets, HISTORIQUE, moteur="dask", planificateur="tcp://x:1") == attendu
    assert projeter(prets, HISTORIQUE, moteur="dask", travailleurs=3) == attendu
    assert ouverts == [("tcp://x:1", 2), (None, 3)]


def test_projeter_et_projeter_fichiers_transmettent_leurs_options(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Travailleurs, planificateur, progression, taille de partition (20 000 par défaut) et
    exemples vont jusqu'au moteur."""
    vus: list[tuple[Any, ...]] = []
    partitionner = r.partitionner

    def noter_partitions(sources: Any, **options: Any) -> Any:
        vus.append(("partitions", options["lignes_par_partition"], tuple(options["exemples"])))
        return partitionner(sources, **options)

    def sur_processus(
        fonction: Any, parties: Any, arguments: Any, nombre: int, repli: Repli
    ) -> None:
        vus.append(("processus", nombre))
        r._en_serie(fonction, parties, arguments, repli)

    @contextlib.contextmanager
    def client_dask(planificateur: str | None, nombre: int) -> Iterator[str]:
        vus.append(("dask", planificateur, nombre))
        yield "client"

    def sur_client(
        _client: Any, fonction: Any, parties: Any, arguments: Any, repli: Repli
    ) -> tuple[Any, ...]:
        r._en_serie(fonction, parties, arguments, repli)
        return repli.resultats()

    monkeypatch.setattr(r, "partitionner", noter_partitions)
    monkeypatch.setattr(r, "_sur_processus", sur_processus)
    monkeypatch.setattr(r, "client_dask", client_dask)
    monkeypatch.setattr(r, "sur_client", sur_client)
    exemples = ["cdc-57851"]
    attendu = projeter([exemple_pret("cdc-57851")], HISTORIQUE)
    progres: list[tuple[int, ...]] = []

    def progression(*v: int) -> None:
        progres.append(v)

    assert r.projeter_fichiers([], HISTORIQUE, exemples=exemples) == attendu
    assert (
        r.projeter_fichiers([], HISTORIQUE, exemples=exemples, moteur="processus", travailleurs=3)
        == attendu
    )
    assert (
        r.projeter_fichiers(
            [],
            HISTORIQUE,
            exemples=exemples,
            moteur="dask",
            planificateur="tcp://x:1",
            travailleurs=None,
            lignes_par_partition=7,
            progression=progression,
        )
        == attendu
    )
    assert vus[0] == ("partitions", 20_000, ("cdc-57851",))
    assert vus[2] == ("processus", 3)
    assert vus[3] == ("partitions", 7, ("cdc-57851",))
    assert vus[4][:2] == ("dask", "tcp://x:1")
    assert progres == [(1, 1, 2)]
    progres.clear()
    assert projeter([exemple_pret("cdc-57851")], HISTORIQUE, progression=progression) == attendu
    assert progres == [(1, 1, 2)]


def test_options_verifiees_avant_toute_lecture(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Un fichier absent n'est pas lu tant que les options du moteur sont fausses ; la taille
    de partition par défaut de projeter_fichiers_scenarios est 20 000."""
    absent = tmp_path / "absent.csv"
    with pytest.raises(ErreurValeur, match="nombre de travailleurs hors des bornes"):
        r.projeter_fichiers_scenarios([absent], [HISTORIQUE], moteur="processus", travailleurs=0)
    with pytest.raises(ErreurValeur, match="un planificateur ne s'emploie qu'avec le moteur dask"):
        r.projeter_fichiers_scenarios(
            [absent], [HISTORIQUE], moteur="processus", planificateur="tcp://x:1"
        )
    with ThreadPoolExecutor(max_workers=1) as executeur, pytest.raises(ErreurValeur) as erreur:
        r.projeter_fichiers_scenarios([absent], [HISTORIQUE], moteur=executeur, travailleurs=2)
    assert erreur.value.cle == "travailleurs"
    tailles: list[int] = []
    partitionner = r.partitionner

    def noter(sources: Any, **options: Any) -> Any:
        tailles.append(options["lignes_par_partition"])
        return partitionner(sources, **options)

    monkeypatch.setattr(r, "partitionner", noter)
    r.projeter_fichiers_scenarios([], [HISTORIQUE], exemples=["cdc-57851"])
    assert tailles == [20_000]


def test_options_refusees_en_memoire() -> None:
    """En mémoire aussi : un exécuteur donné n'a que faire de travailleurs ni d'un
    planificateur ; un planificateur hors du moteur dask est refusé."""
    prets = [exemple_pret("cdc-57851")]
    with ThreadPoolExecutor(max_workers=1) as executeur:
        for options, cle in (
            ({"travailleurs": 2}, "travailleurs"),
            ({"planificateur": "x"}, "planificateur"),
        ):
            with pytest.raises(ErreurValeur) as erreur:
                projeter(prets, HISTORIQUE, moteur=executeur, **options)
            assert erreur.value.cle == cle
    with pytest.raises(ErreurValeur, match="un planificateur ne s'emploie qu'avec le moteur dask"):
        projeter(prets, HISTORIQUE, planificateur="tcp://x:1")
