"""Une projection répartie sur une grappe Dask, à la façon de Dask.

* Les scénarios sont envoyés **une fois** à chaque travailleur (``client.scatter(…,
  broadcast=True)``) : les tâches ne portent qu'une référence, non une copie.
* Chaque tâche lit sa partition une fois et la projette sous **tous** les scénarios.
* Les résultats partiels sont fusionnés **sur les travailleurs**, en arbre : dès que deux parties
  voisines du portefeuille sont achevées, une tâche les fusionne
  (:func:`~collectivites.prets._repli.fusionner_paire`, priorité haute : les fusions passent
  avant les lectures qui attendent) et leurs résultats sont oubliés. Chaque résultat est
  sérialisé par la tâche qui l'a calculé (voir :func:`_emballer`). Le client ne reçoit que le
  résultat final : sa mémoire ne croît pas avec le portefeuille. Fusionner des voisines, la
  gauche avant la droite, garde les notes dans l'ordre du portefeuille : la sortie est la même,
  à l'octet près, qu'en série.
* Une grappe locale créée par la bibliothèque coupe le profileur statistique des travailleurs
  (``distributed.worker.profile.enabled``), qui coûtait 7 à 18 % du calcul, et n'ouvre rien
  sur le réseau (planificateur et serveur HTTP sur la boucle locale).

Le client peut être donné par l'appelant (``projeter(…, moteur=client)``) : il n'est alors ni
créé ni fermé ici.
"""

from __future__ import annotations

import contextlib
import importlib
import pickle
from collections.abc import Callable, Iterator, Sequence
from typing import Any, Protocol, runtime_checkable

from collectivites.erreurs import ErreurEntree
from collectivites.prets._repli import Repli, fusionner_paire

__all__ = ["ClientDask", "client_dask", "sur_client"]

#: Priorité des fusions : devant les lectures de partitions en attente.
_PRIORITE_FUSION = 10


@runtime_checkable
class ClientDask(Protocol):
    """Ce qu'on attend d'un client ``distributed.Client`` déjà ouvert par l'appelant."""

    def scatter(self, *args: Any, **kwargs: Any) -> Any: ...

    def submit(self, *args: Any, **kwargs: Any) -> Any: ...

    def gather(self, *args: Any, **kwargs: Any) -> Any: ...

    def cancel(self, *args: Any, **kwargs: Any) -> Any: ...


def _distribue() -> Any:
    try:
        # Importé comme Any : Dask est facultatif (extra « dask ») et sans annotations complètes.
        return importlib.import_module("dask.distributed")
    except ImportError:
        raise ErreurEntree(
            "le moteur dask demande Dask",
            cle="moteur",
            attendu="l'extra dask (pip install '.[dask]' depuis le dépôt)",
        ) from None


def _client_distant(distribue: Any, planificateur: str) -> Any:
    try:
        return distribue.Client(planificateur, timeout="10s")
    except (OSError, TimeoutError, ValueError) as exc:
        from collectivites._systeme import raison_systeme  # errno → français

        raison = "adresse refusée" if isinstance(exc, ValueError) else raison_systeme(exc)
        raise ErreurEntree(
            f"planificateur Dask injoignable ({raison})",
            cle="planificateur",
            valeur=planificateur,
            attendu="l'adresse d'un planificateur, par exemple tcp://10.0.0.5:8786",
        ) from None


@contextlib.contextmanager
def client_dask(
    planificateur: str | None, travailleurs: int, *, processus: bool = True
) -> Iterator[Any]:
    """Un client : celui du planificateur donné, sinon celui d'une grappe locale de
    ``travailleurs`` travailleurs (d'un fil chacun), sans profileur statistique."""
    distribue = _distribue()
    if planificateur is not None:
        with _client_distant(distribue, planificateur) as client:
            yield client
        return
    configuration: Any = importlib.import_module("dask.config")
    # La configuration en vigueur à la création de la grappe est celle que chaque nounou
    # (Nanny) transmet à son travailleur.
    with (
        configuration.set({"distributed.worker.profile.enabled": False}),
        distribue.LocalCluster(
            n_workers=travailleurs,
            threads_per_worker=1,
            processes=processus,
            # sans tableau de bord, et son serveur HTTP (toujours démarré par Dask) sur la
            # boucle locale, à un port libre : rien d'ouvert sur le réseau, pas de conflit
            # sur le port 8787 d'une autre grappe
            dashboard_address="127.0.0.1:0",
            scheduler_kwargs={"dashboard": False},
            silence_logs=50,
        ) as grappe,
        distribue.Client(grappe) as client,
    ):
        yield client


#: Un résultat sur un travailleur : lignes projetées, et les projections partielles (une par
#: scénario) déjà sérialisées.
_Emballe = tuple[int, bytes]


def _emballer(parties: Sequence[Any]) -> _Emballe:
    """Les projections partielles sérialisées **dans le fil qui les a calculées** : elles
    désignent des séries d'index partagées par tout le processus (leurs avertissements se
    mettent en cache à mesure), que le fil de communication du travailleur ne doit pas
    parcourir pendant qu'une autre tâche les complète (« dictionary changed size during
    iteration »). Sérialisées, elles tiennent aussi moins de mémoire en attendant leur fusion."""
    return int(parties[0].nombre_lignes), pickle.dumps(tuple(parties), pickle.HIGHEST_PROTOCOL)


def _deballer(emballe: _Emballe) -> tuple[Any, ...]:
    # des octets produits par _emballer sur la grappe même (comme ceux que Dask transmet)
    return tuple(pickle.loads(emballe[1]))


def _tache(fonction: Callable[..., Any], partie: Any, *arguments: Any) -> _Emballe:
    return _emballer(fonction(partie, *arguments))


def _fusionner(gauche: _Emballe, droite: _Emballe) -> _Emballe:
    return _emballer(fusionner_paire(_deballer(gauche), _deballer(droite)))


def _nombre_lignes(emballe: _Emballe) -> int:
    """Lignes projetées d'un résultat de tâche."""
    return emballe[0]


class _Arbre:
    """L'arbre de fusions en cours : chaque nœud achevé couvre les parties ``[debut, fin)`` ;
    deux nœuds voisins achevés sont aussitôt fusionnés par une tâche."""

    def __init__(self, client: Any, total: int, a_mesure: Any) -> None:
        self.client = client
        self.total = total
        self.a_mesure = a_mesure
        self.par_debut: dict[int, tuple[int, Any]] = {}  # achevés : début → (fin, futur)
        self.par_fin: dict[int, int] = {}  # achevés : fin → début
        self.etendue: dict[int, tuple[int, int, Any]] = {}  # en vol : id → (début, fin, futur)
        self.erreurs: dict[int, BaseException] = {}
        self.erreurs_fusion: dict[int, BaseException] = {}
        self.final: Any = None

    def achever(self, futur: Any) -> None:
        debut, fin, _futur = self.etendue.pop(id(futur))
        if futur.status == "error":  # une lecture (une seule partie) ou une fusion
            (self.erreurs if fin - debut == 1 else self.erreurs_fusion)[debut] = futur.exception()
            return
        if self.erreurs or self.erreurs_fusion:
            return  # plus rien ne sert : on attend la fin des lectures, sans fusionner
        if (debut, fin) == (0, self.total):
            self.final = futur
            return
        voisin = self.par_debut.pop(fin, None)
        if voisin is not None:
            del self.par_fin[voisin[0]]
            self.fusionner(debut, futur, voisin[0], voisin[1])
            return
        gauche = self.par_fin.pop(debut, None)
        if gauche is not None:
            _fin, futur_gauche = self.par_debut.pop(gauche)
            self.fusionner(gauche, futur_gauche, fin, futur)
            return
        self.par_debut[debut] = (fin, futur)
        self.par_fin[fin] = debut

    def fusionner(self, debut: int, gauche: Any, fin: int, droite: Any) -> None:
        futur = self.client.submit(
            _fusionner, gauche, droite, priority=_PRIORITE_FUSION, pure=False
        )
        self.etendue[id(futur)] = (debut, fin, futur)
        self.a_mesure.add(futur)


def sur_client(
    client: Any,
    fonction: Callable[..., Any],
    parties: Sequence[Any],
    arguments: tuple[Any, ...],
    repli: Repli,
) -> tuple[Any, ...]:
    """Projette ``parties`` sur la grappe de ``client`` (``arguments`` : les scénarios et
    l'agrégation), fusionne en arbre sur les travailleurs et rend le résultat final (un tuple
    de projections partielles, une par scénario)."""
    distribue = _distribue()
    scenarios, *reste = arguments
    [diffuses] = client.scatter([scenarios], broadcast=True, hash=False)
    feuilles = client.map(
        _tache,
        [fonction] * len(parties),
        parties,
        *[[a] * len(parties) for a in (diffuses, *reste)],
        pure=False,
    )
    a_mesure = distribue.as_completed(feuilles)
    arbre = _Arbre(client, len(parties), a_mesure)
    for rang, feuille in enumerate(feuilles):
        arbre.etendue[id(feuille)] = (rang, rang + 1, feuille)
    comptes: list[Any] = []
    lignes: dict[int, int] = {}
    if repli.progression is not None:
        comptes = client.map(_nombre_lignes, feuilles, priority=_PRIORITE_FUSION, pure=False)
        for compte in comptes:
            a_mesure.add(compte)
    del feuilles  # le client ne garde que l'arbre en cours
    try:
        for futur in a_mesure:
            if id(futur) in arbre.etendue:
                arbre.achever(futur)
            elif futur.status == "finished":
                lignes[id(futur)] = futur.result()
                repli.avancer(sum(lignes.values()))
        if arbre.erreurs:
            raise arbre.erreurs[min(arbre.erreurs)]
        if arbre.erreurs_fusion:
            raise arbre.erreurs_fusion[min(arbre.erreurs_fusion)]
        return _deballer(arbre.final.result())
    finally:
        restants = [f for _d, _f, f in arbre.etendue.values()]
        client.cancel([*restants, *(f for _fin, f in arbre.par_debut.values()), *comptes])
