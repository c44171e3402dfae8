"""Les résultats des tâches d'une projection répartie, repliés à mesure qu'ils arrivent.

Une tâche rend les projections partielles de sa partie sous **chacun** des scénarios (elle a lu
sa partition une seule fois) : un tuple de
:class:`~collectivites.prets._partielle.ProjectionPartielle`, une par scénario, repliées chacune
dans sa :class:`~collectivites.prets._partielle.Fusion`. Les tâches sont soumises par une
fenêtre glissante (:func:`en_fenetre`) : jamais plus de quelques parties en vol, si bien que la
mémoire du client reste celle de quelques parties, quel que soit le portefeuille.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, wait
from typing import Any

import attrs

from collectivites.donnees import SerieDatee
from collectivites.prets._partielle import Fusion, ProjectionPartielle, Reunions, fusionner

__all__ = ["Progression", "Repli", "en_fenetre", "en_ordre", "fusionner_paire"]

#: ``progression(parties faites, parties en tout, lignes projetées)``, appelée après chaque partie.
Progression = Callable[[int, int, int], None]


def _en_tuple(parties: ProjectionPartielle | Sequence[ProjectionPartielle]) -> tuple[Any, ...]:
    if isinstance(parties, ProjectionPartielle):
        return (parties,)
    return tuple(parties)


class Repli:
    """Les parties repliées à mesure qu'elles arrivent (une :class:`Fusion` par scénario), et la
    progression appelée après chacune. Une partie est une
    :class:`ProjectionPartielle` (un scénario) ou un tuple d'elles (un par scénario)."""

    def __init__(self, total: int, progression: Progression | None) -> None:
        self.fusions: list[Fusion] = []
        self.series: list[SerieDatee] = []
        self.total = total
        self.faites = 0
        self.progression = progression

    @property
    def fusion(self) -> Fusion:
        """La fusion du premier scénario."""
        if not self.fusions:
            self.fusions.append(Fusion())
        return self.fusions[0]

    @property
    def nombre_lignes(self) -> int:
        return self.fusions[0].nombre_lignes if self.fusions else 0

    def recevoir(
        self,
        parties: ProjectionPartielle | Sequence[ProjectionPartielle],
        rang: int | None = None,
    ) -> None:
        suite = _en_tuple(parties)
        while len(self.fusions) < len(suite):
            self.fusions.append(Fusion())
        for fusion, partie in zip(self.fusions, suite, strict=True):
            fusion.ajouter(self._canonique(partie), rang)
        self.avancer(self.nombre_lignes)

    def _canonique(self, partie: ProjectionPartielle) -> ProjectionPartielle:
        """La partie, ses séries d'index consultées remplacées par une instance déjà reçue
        égale : chaque partie arrivée d'un autre processus apporte sa copie d'une série
        (avec son cache d'avertissements, une entrée par date de fin de ligne), que la fusion
        garderait jusqu'à la fin — la mémoire du client croîtrait avec le nombre de parties."""
        if not isinstance(partie, ProjectionPartielle):
            return partie  # refusée par la fusion, en français
        consultations = []
        copiee = False
        for serie, fin in partie.consultations:
            canonique = self._serie(serie)
            copiee |= canonique is not serie
            consultations.append((canonique, fin))
        if not copiee:
            return partie
        return attrs.evolve(partie, consultations=tuple(consultations))

    def _serie(self, serie: SerieDatee) -> SerieDatee:
        for deja in self.series:
            if deja is serie or deja == serie:
                return deja
        self.series.append(serie)
        return serie

    def avancer(self, lignes: int) -> None:
        """Une partie de plus est faite (``lignes`` : lignes projetées jusqu'ici)."""
        self.faites += 1
        if self.progression is not None:
            self.progression(self.faites, self.total, lignes)

    def resultats(self) -> tuple[ProjectionPartielle, ...]:
        """La projection partielle de toutes les parties, une par scénario."""
        reunions = Reunions()  # les clés des lignes, communes aux scénarios, réunies une fois
        return tuple(f.resultat(reunions) for f in (self.fusions or [Fusion()]))


def fusionner_paire(
    a: ProjectionPartielle | Sequence[ProjectionPartielle],
    b: ProjectionPartielle | Sequence[ProjectionPartielle],
) -> tuple[ProjectionPartielle, ...]:
    """Deux parties voisines (``a`` avant ``b`` dans le portefeuille) fusionnées, scénario par
    scénario : une étape de l'arbre de fusions qu'exécutent les travailleurs Dask."""
    reunions = Reunions()  # les clés des lignes, communes aux scénarios, réunies une fois
    return tuple(
        fusionner((x, y), reunions) for x, y in zip(_en_tuple(a), _en_tuple(b), strict=True)
    )


def en_ordre(
    futurs: list[Any], a_mesure: Callable[[Sequence[Any]], Iterable[Any]], repli: Repli
) -> None:
    """Replie chaque résultat dès qu'il arrive, puis l'oublie (le futur quitte ``futurs``) ; la
    première partie en erreur dans l'ordre du portefeuille (non dans l'ordre d'arrivée) fait
    échouer le tout. ``a_mesure`` : les futurs à mesure qu'ils s'achèvent."""
    rangs = {id(futur): rang for rang, futur in enumerate(futurs)}
    erreurs: dict[int, BaseException] = {}
    for futur in a_mesure(list(futurs)):
        rang = rangs[id(futur)]
        erreur = futur.exception()
        if erreur is not None:
            erreurs[rang] = erreur
            continue
        if not erreurs:  # après une erreur, plus rien ne sert : on attend la fin, sans replier
            repli.recevoir(futur.result(), rang)
        futurs[rang] = None
    if erreurs:
        raise erreurs[min(erreurs)]


def en_fenetre(
    soumettre: Callable[[Any], Future[Any]],
    parties: Iterable[Any],
    fenetre: int,
    repli: Repli,
) -> None:
    """Soumet les parties dans l'ordre, jamais plus de ``fenetre`` à la fois, et replie chaque
    résultat dès qu'il arrive. Après une erreur, plus rien n'est soumis : les parties déjà
    soumises (toutes celles qui la précèdent) s'achèvent, et la première en erreur dans l'ordre
    du portefeuille fait échouer le tout."""
    en_vol: dict[Future[Any], int] = {}
    erreurs: dict[int, BaseException] = {}
    suite: Iterator[tuple[int, Any]] = enumerate(parties)
    while True:
        while not erreurs and len(en_vol) < fenetre:
            prochaine = next(suite, None)
            if prochaine is None:
                break
            en_vol[soumettre(prochaine[1])] = prochaine[0]
        if not en_vol:
            break
        faits, _restants = wait(list(en_vol), return_when=FIRST_COMPLETED)
        for futur in sorted(faits, key=en_vol.__getitem__):
            rang = en_vol.pop(futur)
            erreur = futur.exception()
            if erreur is not None:
                erreurs[rang] = erreur
            elif not erreurs:
                repli.recevoir(futur.result(), rang)
    if erreurs:
        raise erreurs[min(erreurs)]
