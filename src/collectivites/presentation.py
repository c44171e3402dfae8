"""Ce qu'un résultat sait faire dès qu'il se décrit : :class:`Presentable`.

Un résultat hérite de :class:`Presentable` et écrit ``decrire()`` (un
:class:`~collectivites.tables.Document`) ; il reçoit ``rendre(format)``, ``to_records()``,
``to_pandas()``, ``to_polars()`` et ``_repr_html_()``. Les rendus ne connaissent que la
description : aucun moteur n'importe un rendu, et les rendus n'importent aucun moteur.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import attrs

from collectivites.tables import Document

if TYPE_CHECKING:
    import pandas

__all__ = ["Description", "Presentable", "Recueil"]


class Presentable:
    """Ce qu'un résultat sait faire dès qu'il se décrit (méthode :meth:`decrire`)."""

    __slots__ = ()

    def decrire(self) -> Document:  # pragma: no cover - écrite par chaque résultat
        """La description du résultat."""
        raise NotImplementedError

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
