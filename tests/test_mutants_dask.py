"""La projection sur une grappe Dask (:mod:`collectivites.prets._dask`) avec un faux client,
synchrone, dont on choisit l'ordre d'achèvement des tâches : l'arbre de fusions (voisines
seulement, la gauche avant la droite), la première erreur dans l'ordre du portefeuille, les
tâches annulées, la progression, les options passées à Dask et les messages exacts des refus.
Le vrai Dask est vérifié par tests/test_repartition*.py."""

from __future__ import annotations

import contextlib
import errno
import itertools
import pickle
import types
from collections.abc import Iterator
from typing import Any

import pytest

from collectivites.erreurs import ErreurEntree, ErreurValeur
from collectivites.prets import _dask
from collectivites.prets._partielle import Agregation, ProjectionPartielle
from collectivites.prets._repli import Repli


class _Futur:
    def __init__(self, cle: str, valeur: Any = None, erreur: BaseException | None = None) -> None:
        self.key = cle
        self._valeur = valeur
        self._erreur = erreur
        self.status = "error" if erreur is not None else "finished"

    def result(self) -> Any:
        if self._erreur is not None:
            raise self._erreur
        return self._valeur

    def exception(self) -> BaseException | None:
        return self._erreur

    def __repr__(self) -> str:
        return f"<{self.key}>"


class _Client:
    """Exécute chaque tâche aussitôt soumise ; retient ce qu'on lui demande."""

    def __init__(self) -> None:
        self.diffusions: list[tuple[Any, dict[str, Any]]] = []
        self.cartes: list[tuple[Any, list[list[Any]], dict[str, Any]]] = []
        self.soumissions: list[tuple[Any, tuple[Any, ...], dict[str, Any]]] = []
        self.annulees: list[list[Any]] = []
        self._rang = itertools.count()

    def _executer(self, fonction: Any, arguments: tuple[Any, ...]) -> _Futur:
        cle = f"{fonction.__name__.lstrip('_')}-{next(self._rang)}"
        valeurs = [a.result() if isinstance(a, _Futur) else a for a in arguments]
        try:
            return _Futur(cle, fonction(*valeurs))
        except Exception as exc:  # comme Dask : l'erreur reste dans le futur
            return _Futur(cle, erreur=exc)

    def scatter(self, donnees: Any, **options: Any) -> Any:
        self.diffusions.append((donnees, options))
        return [_Futur("diffusee", d) for d in donnees]

    def map(self, fonction: Any, *iterables: Any, **options: Any) -> list[_Futur]:
        listes = [list(i) for i in iterables]
        self.cartes.append((fonction, listes, options))
        return [self._executer(fonction, tuple(args)) for args in zip(*listes, strict=True)]

    def submit(self, fonction: Any, *arguments: Any, **options: Any) -> _Futur:
        self.soumissions.append((fonction, arguments, options))
        return self._executer(fonction, arguments)

    def gather(self, *args: Any, **kwargs: Any) -> Any:
        raise AssertionError("le client ne rassemble rien")

    def cancel(self, futurs: list[Any]) -> None:
        self.annulees.append(list(futurs))


class _AMesure:
    """``as_completed`` : les feuilles dans l'ordre ``ordre``, puis ce qui est ajouté, dans
    l'ordre d'ajout."""

    def __init__(self, futurs: list[_Futur], ordre: list[int]) -> None:
        self.attente = [futurs[i] for i in ordre]

    def add(self, futur: _Futur) -> None:
        self.attente.append(futur)

    def __iter__(self) -> Iterator[_Futur]:
        while self.attente:
            yield self.attente.pop(0)


@pytest.fixture
def ordre(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """L'ordre d'achèvement des feuilles (à remplir par le test ; vide : dans l'ordre)."""
    choisi: list[int] = []

    def a_mesure(futurs: list[_Futur]) -> _AMesure:
        return _AMesure(futurs, choisi or list(range(len(futurs))))

    monkeypatch.setattr(_dask, "_distribue", lambda: types.SimpleNamespace(as_completed=a_mesure))
    return choisi


def _tache(partie: tuple[int, str], scenarios: tuple[str, ...], par: str) -> tuple[Any, ...]:
    """Une partie ``(rang, quoi)`` : une projection par scénario, une note par partie ; ``quoi``
    vaut ``"erreur"`` (la tâche échoue) ou ``"double"`` (sa ligne est aussi dans la partie
    suivante : leur fusion échoue)."""
    rang, quoi = partie
    if quoi == "erreur":
        raise ValueError(f"partie {rang}")
    cle = f"L{rang + 1}" if quoi == "double" else f"L{rang}"
    return tuple(
        ProjectionPartielle(
            par=par,
            notes=(f"{s} {rang}",),
            lignes=(cle,),
            nombre_lignes=rang + 1,
        )
        for s in scenarios
    )


def _parties(n: int, **speciales: str) -> list[tuple[int, str]]:
    return [(rang, speciales.get(f"p{rang}", "")) for rang in range(n)]


def test_toutes_les_arrivees_donnent_l_ordre_du_portefeuille(ordre: list[int]) -> None:
    for permutation in itertools.permutations(range(5)):
        ordre[:] = permutation
        client = _Client()
        resultat = _dask.sur_client(
            client, _tache, _parties(5), (("a", "b"), "garant"), Repli(5, None)
        )
        assert [r.notes for r in resultat] == [
            tuple(f"a {k}" for k in range(5)),
            tuple(f"b {k}" for k in range(5)),
        ]
        assert [r.nombre_lignes for r in resultat] == [15, 15]
        assert [r.par for r in resultat] == [Agregation.GARANT] * 2
        # quatre fusions, toutes de voisines, en priorité, jamais mises en commun
        assert len(client.soumissions) == 4
        for fonction, arguments, options in client.soumissions:
            assert fonction is _dask._fusionner
            assert len(arguments) == 2
            assert options == {"priority": 10, "pure": False}
        assert client.annulees == [[]]


def test_une_seule_partie_sans_fusion(ordre: list[int]) -> None:
    client = _Client()
    resultat = _dask.sur_client(client, _tache, _parties(1), (("a",), "ligne"), Repli(1, None))
    assert [r.notes for r in resultat] == [("a 0",)]
    assert resultat[0].par is Agregation.LIGNE
    assert client.soumissions == []


def test_diffusion_et_taches(ordre: list[int]) -> None:
    client = _Client()
    parties = _parties(3)
    scenarios = ("a", "b")
    _dask.sur_client(client, _tache, parties, (scenarios, "garant"), Repli(3, None))
    assert client.diffusions == [([scenarios], {"broadcast": True, "hash": False})]
    [(fonction, listes, options)] = client.cartes  # sans progression : pas de comptes
    assert fonction is _dask._tache
    assert options == {"pure": False}
    assert listes[0] == [_tache] * 3
    assert listes[1] == parties
    assert [f.key for f in listes[2]] == ["diffusee"] * 3  # une référence, non une copie
    assert listes[3] == ["garant"] * 3
    assert len(listes) == 4


def test_progression(ordre: list[int]) -> None:
    ordre[:] = [2, 0, 1]
    client = _Client()
    vues: list[tuple[int, int, int]] = []
    repli = Repli(3, lambda *x: vues.append(x))
    _dask.sur_client(client, _tache, _parties(3), (("a",), "garant"), repli)
    # les comptes arrivent après les feuilles (ajoutés ensuite), dans l'ordre des parties
    assert vues == [(1, 3, 1), (2, 3, 3), (3, 3, 6)]
    fonction, listes, options = client.cartes[1]
    assert fonction is _dask._nombre_lignes
    assert options == {"priority": 10, "pure": False}
    assert len(listes) == 1 and len(listes[0]) == 3
    assert [len(a) for a in client.annulees] == [3]  # les comptes, annulés à la fin (sans effet)


def test_un_compte_en_erreur_n_avance_pas(
    ordre: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    client = _Client()
    vues: list[tuple[int, int, int]] = []
    original = _dask._nombre_lignes

    def compter(emballe: Any) -> int:
        if emballe[0] == 2:
            raise ValueError("compte")
        return original(emballe)

    monkeypatch.setattr(_dask, "_nombre_lignes", compter)
    compter.__name__ = "_nombre_lignes"
    _dask.sur_client(
        client, _tache, _parties(3), (("a",), "garant"), Repli(3, lambda *x: vues.append(x))
    )
    assert vues == [(1, 3, 1), (2, 3, 4)]


@pytest.mark.parametrize("permutation", list(itertools.permutations(range(4))))
def test_la_premiere_erreur_dans_l_ordre_du_portefeuille(
    ordre: list[int], permutation: tuple[int, ...]
) -> None:
    ordre[:] = permutation
    client = _Client()
    with pytest.raises(ValueError, match=r"^partie 1$"):
        _dask.sur_client(
            client,
            _tache,
            _parties(4, p1="erreur", p3="erreur"),
            (("a",), "garant"),
            Repli(4, None),
        )


def test_apres_une_erreur_plus_de_fusion(ordre: list[int]) -> None:
    ordre[:] = [0, 2, 1, 3]  # sans l'erreur, 3 se fusionnerait avec 2
    client = _Client()
    with pytest.raises(ValueError, match=r"^partie 1$"):
        _dask.sur_client(
            client, _tache, _parties(4, p1="erreur"), (("a",), "garant"), Repli(4, None)
        )
    assert client.soumissions == []
    # les parties achevées et gardées en attente de fusion sont annulées
    [annulees] = client.annulees
    assert sorted(f.key for f in annulees) == ["tache-0", "tache-2"]


def test_erreur_d_une_fusion(ordre: list[int]) -> None:
    """Les parties 1 et 2 portent la même ligne : leur fusion est refusée ; une lecture en
    erreur plus loin l'emporte pourtant, et de deux fusions en erreur, la première."""
    client = _Client()
    with pytest.raises(ErreurValeur, match="L2"):
        _dask.sur_client(
            client, _tache, _parties(4, p1="double"), (("a",), "garant"), Repli(4, None)
        )
    ordre[:] = [0, 1, 2, 3, 4, 5]
    client = _Client()
    with pytest.raises(ErreurValeur, match="L1"):
        _dask.sur_client(
            client,
            _tache,
            _parties(6, p0="double", p4="double"),
            (("a",), "garant"),
            Repli(6, None),
        )
    ordre[:] = [1, 2, 0, 3, 4]
    client = _Client()
    with pytest.raises(ValueError, match=r"^partie 4$"):
        _dask.sur_client(
            client,
            _tache,
            _parties(5, p1="double", p4="erreur"),
            (("a",), "garant"),
            Repli(5, None),
        )


def test_erreurs_de_fusion_la_premiere_dans_l_ordre(ordre: list[int]) -> None:
    """Deux fusions refusées, achevées à rebours : la première du portefeuille l'emporte."""
    ordre[:] = [5, 4, 1, 0, 2, 3]
    client = _Client()
    with pytest.raises(ErreurValeur, match="L1"):
        _dask.sur_client(
            client,
            _tache,
            _parties(6, p0="double", p4="double"),
            (("a",), "garant"),
            Repli(6, None),
        )


def test_arbre_voisins() -> None:
    """Les nœuds achevés qui attendent leur voisin, et la fusion dès qu'il arrive."""
    client = _Client()
    ajoutes: list[Any] = []
    arbre = _dask._Arbre(client, 4, types.SimpleNamespace(add=ajoutes.append))
    futurs = [_Futur(f"f{k}", (k, b"")) for k in range(4)]
    for rang, futur in enumerate(futurs):
        arbre.etendue[id(futur)] = (rang, rang + 1, futur)
    arbre.achever(futurs[2])
    assert arbre.par_debut == {2: (3, futurs[2])}
    assert arbre.par_fin == {3: 2}
    arbre.achever(futurs[0])
    assert arbre.par_debut == {2: (3, futurs[2]), 0: (1, futurs[0])}
    assert arbre.par_fin == {3: 2, 1: 0}
    soumis: list[tuple[Any, ...]] = []
    arbre.client = types.SimpleNamespace(
        submit=lambda *a, **o: soumis.append((a, o)) or _Futur(f"s{len(soumis)}")
    )
    arbre.achever(futurs[1])  # voisin à droite (2) : fusion de [1, 3), puis attend [0, 1)
    assert soumis[0] == ((_dask._fusionner, futurs[1], futurs[2]), {"priority": 10, "pure": False})
    assert arbre.par_debut == {0: (1, futurs[0])}
    assert arbre.par_fin == {1: 0}
    [(debut, fin, fusion)] = [v for k, v in arbre.etendue.items() if v[0] == 1]
    assert (debut, fin) == (1, 3)
    assert ajoutes == [fusion]
    arbre.achever(fusion)  # voisin à gauche (0) : fusion de [0, 3)
    assert soumis[1] == ((_dask._fusionner, futurs[0], fusion), {"priority": 10, "pure": False})
    assert arbre.par_debut == {}
    assert arbre.par_fin == {}
    assert sorted((d, f) for d, f, _ in arbre.etendue.values()) == [(0, 3), (3, 4)]
    assert arbre.final is None


def test_arbre_erreurs_classees() -> None:
    arbre = _dask._Arbre(_Client(), 4, None)
    lecture = _Futur("l", erreur=ValueError("l"))
    fusion = _Futur("f", erreur=ValueError("f"))
    arbre.etendue[id(lecture)] = (2, 3, lecture)
    arbre.etendue[id(fusion)] = (0, 2, fusion)
    arbre.achever(lecture)
    arbre.achever(fusion)
    assert arbre.erreurs == {2: lecture.exception()}
    assert arbre.erreurs_fusion == {0: fusion.exception()}
    assert arbre.etendue == {}
    # achevé après une erreur : gardé nulle part
    bon = _Futur("b", (1, b""))
    arbre.etendue[id(bon)] = (3, 4, bon)
    arbre.achever(bon)
    assert arbre.par_debut == {} and arbre.final is None


def test_emballer_et_deballer() -> None:
    parties = (
        ProjectionPartielle(par="garant", notes=("x",), nombre_lignes=7),
        ProjectionPartielle(par="garant", notes=("y",), nombre_lignes=9),
    )
    emballe = _dask._emballer(parties)
    assert emballe[0] == 7
    assert isinstance(emballe[1], bytes)
    # le protocole le plus récent (le plus compact), non celui par défaut
    assert pickle.HIGHEST_PROTOCOL > pickle.DEFAULT_PROTOCOL
    assert emballe[1][:2] == bytes([0x80, pickle.HIGHEST_PROTOCOL])
    assert pickle.loads(emballe[1]) == parties
    assert _dask._deballer(emballe) == parties
    assert _dask._nombre_lignes(emballe) == 7
    assert _dask._tache(lambda p, x: (p,), parties[1], "ignoré")[0] == 9
    fusion = _dask._deballer(
        _dask._fusionner(_dask._emballer(parties[:1]), _dask._emballer(parties[1:]))
    )
    assert fusion[0].notes == ("x", "y")
    assert fusion[0].nombre_lignes == 16


# --- sans Dask, planificateur injoignable, grappe locale ---------------------------------------


def test_sans_dask(monkeypatch: pytest.MonkeyPatch) -> None:
    def absent(nom: str) -> Any:
        assert nom == "dask.distributed"
        raise ImportError(nom)

    monkeypatch.setattr(_dask.importlib, "import_module", absent)
    with pytest.raises(ErreurEntree) as refus:
        _dask._distribue()
    assert str(refus.value) == (
        "clé « moteur » : le moteur dask demande Dask (attendu : l'extra dask (pip install "
        "'.[dask]' depuis le dépôt))"
    )
    assert refus.value.__cause__ is None
    assert refus.value.__suppress_context__


def test_distribue_est_dask_distributed() -> None:
    import dask.distributed

    assert _dask._distribue() is dask.distributed


@pytest.mark.parametrize(
    ("erreur", "raison"),
    [
        (OSError(errno.ECONNREFUSED, "refused"), "connexion refusée"),
        (TimeoutError(), "délai dépassé"),
        (ValueError("mauvaise adresse"), "adresse refusée"),
    ],
)
def test_planificateur_injoignable(erreur: BaseException, raison: str) -> None:
    from collectivites._systeme import raison_systeme

    if not isinstance(erreur, ValueError):
        assert raison_systeme(erreur) == raison
    appels: list[tuple[Any, ...]] = []

    def client(*args: Any, **options: Any) -> Any:
        appels.append((args, options))
        raise erreur

    distribue = types.SimpleNamespace(Client=client)
    with pytest.raises(ErreurEntree) as refus:
        _dask._client_distant(distribue, "tcp://h:1")
    assert str(refus.value) == (
        f"clé « planificateur » : planificateur Dask injoignable ({raison}) (reçu : "
        "'tcp://h:1' ; attendu : l'adresse d'un planificateur, par exemple "
        "tcp://10.0.0.5:8786)"
    )
    assert refus.value.__suppress_context__
    assert appels == [(("tcp://h:1",), {"timeout": "10s"})]


def test_planificateur_donne(monkeypatch: pytest.MonkeyPatch) -> None:
    journal: list[str] = []

    @contextlib.contextmanager
    def client(adresse: str, timeout: str) -> Iterator[str]:
        journal.append(f"ouvert {adresse} {timeout}")
        yield "client"
        journal.append("fermé")

    monkeypatch.setattr(_dask, "_distribue", lambda: types.SimpleNamespace(Client=client))
    with _dask.client_dask("tcp://h:1", 3) as obtenu:
        assert obtenu == "client"
        assert journal == ["ouvert tcp://h:1 10s"]
    assert journal == ["ouvert tcp://h:1 10s", "fermé"]


def test_grappe_locale_options(monkeypatch: pytest.MonkeyPatch) -> None:
    import dask

    journal: list[Any] = []

    @contextlib.contextmanager
    def grappe(**options: Any) -> Iterator[str]:
        journal.append(("grappe", options, dask.config.get("distributed.worker.profile.enabled")))
        yield "grappe"
        journal.append("grappe fermée")

    @contextlib.contextmanager
    def client(grappe: str) -> Iterator[str]:
        journal.append(("client", grappe))
        yield "client"
        journal.append("client fermé")

    monkeypatch.setattr(
        _dask,
        "_distribue",
        lambda: types.SimpleNamespace(LocalCluster=grappe, Client=client),
    )
    with _dask.client_dask(None, 3, processus=False) as obtenu:
        assert obtenu == "client"
    assert journal == [
        (
            "grappe",
            {
                "n_workers": 3,
                "threads_per_worker": 1,
                "processes": False,
                "dashboard_address": "127.0.0.1:0",
                "scheduler_kwargs": {"dashboard": False},
                "silence_logs": 50,
            },
            False,
        ),
        ("client", "grappe"),
        "client fermé",
        "grappe fermée",
    ]
    journal.clear()
    with _dask.client_dask(None, 2):
        pass
    assert journal[0][1]["processes"] is True
    assert journal[0][1]["n_workers"] == 2


def test_client_dask_protocole() -> None:
    assert isinstance(_Client(), _dask.ClientDask)
    assert not isinstance(object(), _dask.ClientDask)
