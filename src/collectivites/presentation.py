"""Ce qu'un résultat sait faire dès qu'il se décrit : :class:`Presentable`.

Un résultat hérite de :class:`Presentable` et se décrit (``decrire()``, un
:class:`~collectivites.tables.Document`) ; il reçoit ``rendre(format)``, ``to_records()``,
``to_pandas()``, ``to_polars()`` et ``_repr_html_()``. Les rendus ne connaissent que la
description : aucun moteur n'importe un rendu, et les rendus n'importent aucun moteur.

La description d'un résultat s'écrit de deux façons :

- une méthode ``decrire`` du résultat, quand elle ne demande que ses propres champs ;
- une fonction d'un module de présentation du paquet (``_presentation``,
  ``_garanties_presentation`` : tout module dont le nom finit par ``presentation``), enregistrée
  par :func:`decrit`. Le module de présentation importe le résultat, jamais l'inverse : la
  dépendance va dans un seul sens. :meth:`Presentable.decrire` charge les modules de
  présentation du paquet du résultat au premier besoin.
"""

from __future__ import annotations

import functools
import importlib
import pkgutil
import sys
from collections.abc import Callable
from decimal import localcontext
from typing import TYPE_CHECKING, Any, TypeVar

import attrs

from collectivites._moteur import CONTEXTE_CALCUL
from collectivites.tables import Document

if TYPE_CHECKING:
    import pandas

__all__ = ["Description", "Presentable", "Recueil", "decrit"]

R = TypeVar("R", bound="Presentable")

#: La fonction qui décrit chaque classe de résultat, enregistrée par :func:`decrit`.
_DESCRIPTIONS: dict[type, Callable[[Any], Document]] = {}


def decrit(classe: type[R]) -> Callable[[Callable[[R], Document]], Callable[[R], Document]]:
    """Décorateur d'un module de présentation : la fonction décorée décrit les résultats de
    ``classe`` (et de ses sous-classes), qui n'ont pas à l'importer.

    Examples:
        >>> from collectivites.tables import Document
        >>> class Bilan(Presentable):
        ...     pass
        >>> @decrit(Bilan)
        ... def decrire_bilan(bilan: Bilan) -> Document:
        ...     return Document(titre="Bilan")
        >>> Bilan().decrire().titre
        'Bilan'
    """

    def enregistrer(fonction: Callable[[R], Document]) -> Callable[[R], Document]:
        @functools.wraps(fonction)
        def sous_le_contexte_des_calculs(resultat: R) -> Document:
            # une description arrondit ses taux et ses montants d'affichage : au contexte de la
            # bibliothèque, jamais à celui de l'appelant (un carnet en précision 3)
            with localcontext(CONTEXTE_CALCUL):
                return fonction(resultat)

        _DESCRIPTIONS[classe] = sous_le_contexte_des_calculs
        return fonction

    return enregistrer


def _enregistree(classe: type) -> Callable[[Any], Document] | None:
    for ancetre in classe.__mro__:
        if (fonction := _DESCRIPTIONS.get(ancetre)) is not None:
            return fonction
    return None


def _charger_presentations(classe: type) -> None:
    """Importe les modules de présentation du paquet de ``classe`` et de ceux de ses classes
    parentes (une sous-classe écrite ailleurs hérite de la description) : ils s'enregistrent."""
    for ancetre in classe.__mro__:
        paquet = ancetre.__module__.rpartition(".")[0]
        chemins = getattr(sys.modules.get(paquet), "__path__", None)
        if not paquet or chemins is None:
            continue
        for module in pkgutil.iter_modules(chemins):
            if module.name.endswith("presentation"):
                importlib.import_module(f"{paquet}.{module.name}")


def _description(classe: type) -> Callable[[Any], Document]:
    fonction = _enregistree(classe)
    if fonction is None:
        _charger_presentations(classe)
        fonction = _enregistree(classe)
    if fonction is None:
        raise NotImplementedError(
            f"{classe.__qualname__} ne se décrit pas : ni méthode « decrire », ni présentation "
            "enregistrée par « collectivites.presentation.decrit » dans son paquet"
        )
    return fonction


class Presentable:
    """Ce qu'un résultat sait faire dès qu'il se décrit (méthode :meth:`decrire`)."""

    __slots__ = ()

    def decrire(self) -> Document:
        """La description du résultat : celle que son module de présentation a enregistrée
        (:func:`decrit`), à défaut d'une méthode ``decrire`` propre au résultat."""
        return _description(type(self))(self)

    def rendre(self, format: str = "texte", **options: Any) -> str | bytes:
        """Le résultat dans un format : ``texte``, ``csv``, ``csv-excel``, ``json``, ``xlsx``,
        ``html``, ``ics`` (agendas)."""
        from collectivites.rendu import rendre

        return rendre(self.decrire(), format, **options)

    def to_records(self, table: str | None = None) -> list[dict[str, Any]]:
        """Les lignes d'une table en dictionnaires de valeurs exactes (``Decimal``, ``date``).

        Une colonne de taux s'appelle ``<clé>_fraction`` et tient la fraction
        (``taux_fraction`` : ``Decimal('0.0135')``) ; le CSV et le JSON écrivent le pourcentage
        (1.35) sous la clé nue ``taux``."""
        from collectivites.rendu._valeurs import cle_python

        decrite = self.decrire().table(table)
        cles = [cle_python(c.cle, c.genre) for c in decrite.colonnes]
        return [dict(zip(cles, ligne, strict=True)) for ligne in decrite.lignes]

    def to_pandas(self, table: str | None = None, *, numerique: bool = False) -> pandas.DataFrame:
        """Une table en ``pandas.DataFrame`` : valeurs exactes (``Decimal``), ou, avec
        ``numerique=True``, la vue en ``float64`` pour les graphiques et les statistiques (voir
        :func:`collectivites.rendu.en_pandas`)."""
        from collectivites.rendu import en_pandas

        return en_pandas(self.decrire().table(table), numerique=numerique)

    def to_polars(self, table: str | None = None) -> Any:
        """Une table en ``polars.DataFrame`` (voir :func:`collectivites.rendu.en_polars`)."""
        from collectivites.rendu import en_polars

        return en_polars(self.decrire().table(table))

    def _repr_html_(self) -> str:
        from collectivites.rendu import rendre

        texte = rendre(self.decrire(), "html")
        assert isinstance(texte, str)
        return texte


@attrs.frozen(kw_only=True)
class Recueil(Presentable):
    """Plusieurs résultats présentés ensemble (les lignes d'un prêt) : un document dont chaque
    résultat est une partie ; un seul résultat se présente tel quel."""

    elements: tuple[Presentable, ...]
    titre: str = ""

    def decrire(self) -> Document:
        parties = tuple(e.decrire() for e in self.elements)
        if len(parties) == 1:
            return parties[0]
        return Document(titre=self.titre, parties=parties)


@attrs.frozen
class Description(Presentable):
    """Un document déjà décrit (modèle de tableau, liste d'exemples), présenté tel quel."""

    document: Document

    def decrire(self) -> Document:
        return self.document
