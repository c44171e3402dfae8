"""Projections partielles d'un portefeuille, et leur addition à mesure qu'elles arrivent.

Une :class:`Fusion` replie chaque :class:`~collectivites.prets._portefeuille.ProjectionPartielle`
dès qu'elle lui est donnée : ses centimes s'ajoutent aux cumuls (l'addition d'entiers est exacte
et commutative, l'ordre d'arrivée ne change rien), puis la partie peut être oubliée. Ne restent
de chaque partie que ce qui se réunit à la fin dans l'ordre du portefeuille — ses notes, les
séries d'index consultées, et ses clés de lignes et de contrats sous leur forme compressée
(:class:`~collectivites.prets._cles.EnsembleCles`, quelques octets par ligne), qui servent à
refuser une ligne vue deux fois. La mémoire du client ne croît donc plus des cumuls de chaque
partie (quelques Mio par partition de 20 000 lignes) mais seulement de ces clés.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

import attrs

from collectivites._enum import EnumFr, decrire
from collectivites._moteur import moteur
from collectivites.donnees import SerieDatee
from collectivites.erreurs import ErreurType, ErreurValeur
from collectivites.prets._centimes import SerieCentimes
from collectivites.prets._cles import EnsembleCles, reunir

__all__ = ["Agregation", "Fusion", "ProjectionPartielle", "Reunions", "fusionner", "partager_cles"]


class Agregation(EnumFr):
    """Clé d'agrégation d'une projection."""

    LIGNE = "ligne"
    EMPRUNTEUR = "emprunteur"
    GARANT = "garant"


decrire(Agregation, {"ligne": "ligne", "emprunteur": "emprunteur", "garant": "garant"})


def _ensemble(cles: Iterable[str]) -> EnsembleCles:
    return EnsembleCles.de(cles)


_VIDE = EnsembleCles.de(())


def _compactes(sommes: dict[str, Any]) -> dict[str, SerieCentimes]:
    return {cle: SerieCentimes.de(annees) for cle, annees in sommes.items()}


@attrs.frozen(kw_only=True)
class ProjectionPartielle:
    """La projection d'une partie d'un portefeuille, sous une forme compacte qui s'additionne :
    par clé, par année, les cinq montants en **centimes entiers** (une
    :class:`~collectivites.prets._centimes.SerieCentimes` par clé, construite de tout
    ``{année: montants}``). Deux parties disjointes d'un
    portefeuille s'additionnent (:func:`fusionner`) en la projection de leur réunion, au centime,
    dans n'importe quel ordre. Se copie d'un processus à l'autre (``pickle``) : c'est ce que
    renvoie un travailleur.

    ``lignes`` : les clés des lignes projetées (pour refuser une ligne vue dans deux parties) ;
    ``contrats`` : les numéros de contrat lus d'un tableau (un contrat dispersé entre deux
    partitions serait lu comme deux prêts) ; deux :class:`EnsembleCles` compressés (quelques
    octets par clé : la mémoire d'un client qui garde des milliers de parties reste bornée),
    construits de tout itérable de textes ; ``index`` : les index des lignes ;
    ``consultations`` : chaque série d'index consultée et la dernière date où elle l'a été (ses
    avertissements se rédigent une fois pour tout le portefeuille, à cette date, et non une fois
    par date de fin de ligne)."""

    par: Agregation = attrs.field(converter=Agregation)
    sommes: dict[str, SerieCentimes] = attrs.field(factory=dict, converter=_compactes)
    notes: tuple[str, ...] = ()
    lignes: EnsembleCles = attrs.field(default=_VIDE, converter=_ensemble)
    contrats: EnsembleCles = attrs.field(default=_VIDE, converter=_ensemble)
    index: frozenset[str] = frozenset()
    nombre_lignes: int = 0
    consultations: tuple[tuple[SerieDatee, dt.date], ...] = ()

    def __add__(self, autre: ProjectionPartielle) -> ProjectionPartielle:
        return fusionner((self, autre))


class Reunions:
    """Les réunions d'ensembles de clés déjà faites, gardées le temps de fusionner les mêmes
    parties sous plusieurs scénarios : une partition projetée sous deux scénarios a les mêmes
    lignes dans les deux, et ses deux projections partielles partagent le **même**
    :class:`EnsembleCles` (voir :func:`partager_cles`) ; la réunion des ensembles d'une suite
    de parties n'est alors faite qu'une fois pour tous les scénarios, et son résultat est lui
    aussi partagé (une fois sérialisé, il ne l'est qu'une fois). Reconnues par l'identité des
    ensembles réunis, que la table garde en vie : un identifiant ne peut pas y être réutilisé."""

    def __init__(self) -> None:
        self._faites: dict[
            tuple[int, ...], tuple[list[EnsembleCles], tuple[EnsembleCles, str | None]]
        ] = {}

    def reunir(self, ensembles: list[EnsembleCles]) -> tuple[EnsembleCles, str | None]:
        """:func:`~collectivites.prets._cles.reunir`, faite une fois par suite d'ensembles."""
        cle = tuple(map(id, ensembles))
        deja = self._faites.get(cle)
        if deja is None:
            deja = self._faites[cle] = (ensembles, reunir(ensembles))
        return deja[1]


def partager_cles(parties: Iterable[ProjectionPartielle]) -> tuple[ProjectionPartielle, ...]:
    """Les projections partielles d'une même partie sous plusieurs scénarios, dont les
    ensembles de clés égaux à ceux de la première sont remplacés par les siens (le même
    objet) : ce que :class:`Reunions` reconnaît pour ne réunir ces clés qu'une fois."""
    parties = tuple(parties)
    if not parties:
        return parties
    premiere = parties[0]
    partagees = [premiere]
    for autre in parties[1:]:
        lignes = _le_meme(autre.lignes, premiere.lignes)
        contrats = _le_meme(autre.contrats, premiere.contrats)
        if lignes is not autre.lignes or contrats is not autre.contrats:
            autre = attrs.evolve(autre, lignes=lignes, contrats=contrats)  # noqa: PLW2901
        partagees.append(autre)
    return tuple(partagees)


def _le_meme(cles: EnsembleCles, communes: EnsembleCles) -> EnsembleCles:
    """``communes`` si ``cles`` lui est égal, sinon ``cles``."""
    return communes if cles is communes or cles == communes else cles


class _Reste:
    """Ce qu'une partie laisse jusqu'à la fin : ce qui se réunit dans l'ordre du portefeuille."""

    __slots__ = ("consultations", "contrats", "index", "lignes", "notes")

    def __init__(self, partie: ProjectionPartielle) -> None:
        self.notes = partie.notes
        self.consultations = partie.consultations
        self.lignes = partie.lignes
        self.contrats = partie.contrats
        self.index = partie.index


class Fusion:
    """La somme de projections partielles, repliées une à une (:meth:`ajouter`) dans n'importe
    quel ordre ; ``rang`` (la place de la partie dans le portefeuille) ordonne les notes comme
    si les parties étaient arrivées dans l'ordre. :meth:`resultat` donne la
    :class:`ProjectionPartielle` de leur réunion."""

    def __init__(self) -> None:
        self._par: Agregation | None = None
        self._sommes: dict[str, SerieCentimes] = {}
        self._restes: dict[int, _Reste] = {}
        self._nombre = 0

    def ajouter(self, partie: ProjectionPartielle, rang: int | None = None) -> None:
        """Replie ``partie`` (de rang ``rang`` ; par défaut, après les précédentes)."""
        if not isinstance(partie, ProjectionPartielle):
            raise ErreurType(
                "type refusé", valeur=type(partie).__name__, attendu="une ProjectionPartielle"
            )
        if self._par is None:
            self._par = partie.par
        elif partie.par is not self._par:
            raise ErreurValeur(
                "les projections ne sont pas agrégées de la même façon",
                valeur=f"{self._par.value} et {partie.par.value}",
            )
        rang = len(self._restes) if rang is None else rang
        if rang in self._restes:
            raise ErreurValeur("rang de partie déjà replié", cle="rang", valeur=rang)
        self._restes[rang] = _Reste(partie)
        self._nombre += partie.nombre_lignes
        sommes = self._sommes
        for cle, annees in partie.sommes.items():
            cumul = sommes.get(cle)
            # une clé vue pour la première fois garde la série compacte de sa partie (par ligne,
            # chaque clé n'est que dans une partie : rien n'est copié)
            sommes[cle] = annees if cumul is None else cumul + annees

    @property
    def nombre_lignes(self) -> int:
        """Lignes projetées des parties repliées."""
        return self._nombre

    def resultat(self, reunions: Reunions | None = None) -> ProjectionPartielle:
        """La projection partielle de toutes les parties repliées ; une même ligne (ou un même
        contrat d'un tableau) dans deux parties est refusé. ``reunions`` : les réunions de clés
        déjà faites pour une autre :class:`Fusion` des mêmes parties (un autre scénario), que
        celle-ci reprend au lieu de les refaire (voir :class:`Reunions`)."""
        reunions = Reunions() if reunions is None else reunions
        if self._par is None:
            raise ErreurValeur("aucune projection à fusionner", attendu="au moins une partie")
        restes = [self._restes[rang] for rang in sorted(self._restes)]
        notes: dict[str, None] = {}
        index: set[str] = set()
        consultations: list[tuple[SerieDatee, dt.date]] = []
        for reste in restes:
            notes.update(dict.fromkeys(reste.notes))
            index |= reste.index
            _consulter(consultations, reste.consultations)
        lignes, ligne_commune = reunions.reunir([r.lignes for r in restes])
        if ligne_commune is not None:
            raise _ligne_en_double(ligne_commune)
        contrats, contrat_commun = reunions.reunir([r.contrats for r in restes])
        if contrat_commun is not None:
            raise _contrat_disperse(contrat_commun)
        return ProjectionPartielle(
            par=self._par,
            sommes=dict(self._sommes),
            notes=tuple(notes),
            lignes=lignes,
            contrats=contrats,
            index=frozenset(index),
            nombre_lignes=self._nombre,
            consultations=tuple(consultations),
        )


def _ligne_en_double(exemple: str) -> ErreurValeur:
    return ErreurValeur(
        "ligne présente dans deux parties du portefeuille : elle serait comptée deux fois",
        cle="prets",
        valeur=exemple,
    )


def _contrat_disperse(exemple: str) -> ErreurValeur:
    return ErreurValeur(
        "les lignes de ce contrat sont dispersées entre deux partitions du tableau : il "
        "serait lu comme deux prêts",
        cle="numero",
        valeur=exemple,
        attendu="les lignes d'un même contrat regroupées (tableau trié par numéro)",
    )


def _consulter(
    cumul: list[tuple[SerieDatee, dt.date]], consultations: Iterable[tuple[SerieDatee, dt.date]]
) -> None:
    """Réunit des consultations de séries : une série égale (la même, copiée d'un autre
    processus) garde la plus tardive des deux dates."""
    for serie, fin in consultations:
        for rang, (deja, fin_deja) in enumerate(cumul):
            if deja is serie or deja == serie:
                cumul[rang] = (deja, max(fin, fin_deja))
                break
        else:
            cumul.append((serie, fin))


@moteur
def fusionner(
    parties: Iterable[ProjectionPartielle], reunions: Reunions | None = None
) -> ProjectionPartielle:
    """La somme exacte de projections partielles de parties disjointes d'un portefeuille (même
    agrégation) : montants additionnés en centimes entiers, notes réunies dans l'ordre où elles
    apparaissent. Une même ligne (ou un même contrat d'un tableau) dans deux parties est refusé.
    Les parties sont repliées une à une (:class:`Fusion`) : un générateur n'est jamais gardé
    en entier. ``reunions`` : voir :meth:`Fusion.resultat`."""
    fusion = Fusion()
    for partie in parties:
        fusion.ajouter(partie)
    return fusion.resultat(reunions)
