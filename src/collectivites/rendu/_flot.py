"""Rendus en flot d'un document dont une table est trop grande pour être gardée entière (une
projection de portefeuille par ligne : deux millions de lignes pour 60 000 lignes de prêt).

La table en flot (:class:`TableEnFlot`) relit ses lignes à chaque accès, depuis la forme compacte
du résultat ; les rendus s'écrivent par morceaux, et chaque morceau de lignes est rendu par les
rendus ordinaires (:func:`~collectivites.rendu._fichiers_plats.en_csv`, ``en_csv_excel``,
``en_json``, :func:`~collectivites.rendu._html.table_html`) sur une table de quelques milliers
de lignes : la sortie est la même, à l'octet près, que celle du document entier (un test le
vérifie), et la mémoire ne croît plus avec le nombre de lignes.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import attrs

from collectivites.erreurs import ErreurValeur
from collectivites.tables import Document, Table

__all__ = ["LIGNES_MAX_XLSX", "TableEnFlot", "morceaux", "verifier_xlsx"]

#: Lignes d'une feuille de calcul (Excel, LibreOffice : spécifications et limites d'Excel).
LIGNES_MAX_XLSX = 1_048_576
#: Lignes rendues par morceau.
_PAQUET = 2_000


class TableEnFlot:
    """Une table dont les lignes sont relues de ``fabrique()`` à chaque accès à ``lignes`` ; le
    reste (clé, titre, colonnes, graphique) est celui de ``modele`` (sans lignes)."""

    def __init__(
        self,
        modele: Table,
        fabrique: Callable[[], Iterable[tuple[Any, ...]]],
        nombre_de_lignes: int | None = None,
    ) -> None:
        self.modele = modele
        self._fabrique = fabrique
        self._nombre = nombre_de_lignes

    @property
    def nombre_de_lignes(self) -> int:
        if self._nombre is None:
            self._nombre = sum(1 for _ligne in self.lignes)
        return self._nombre

    def __getattr__(self, nom: str) -> Any:
        return getattr(self.modele, nom)

    @property
    def lignes(self) -> Iterator[tuple[Any, ...]]:
        return iter(self._fabrique())

    def totaux(self) -> tuple[Any, ...] | None:
        return Table.totaux(self)  # type: ignore[arg-type]

    def sous_table(self, indices: list[int]) -> TableEnFlot:
        modele = attrs.evolve(
            self.modele, graphique=None, colonnes=tuple(self.modele.colonnes[i] for i in indices)
        )
        return TableEnFlot(
            modele,
            lambda: (tuple(ligne[i] for i in indices) for ligne in self.lignes),
            self._nombre,
        )

    def pour_ecran(self) -> TableEnFlot:
        """La table en flot sans ses colonnes réservées aux fichiers (``affichee=False``), comme
        :meth:`Table.pour_ecran <collectivites.tables.Table.pour_ecran>`."""
        gardees = [i for i, c in enumerate(self.modele.colonnes) if c.affichee]
        if len(gardees) == len(self.modele.colonnes):
            return self
        return self.sous_table(gardees)

    def paquets(self) -> Iterator[Table]:
        """Les lignes par tables ordinaires de :data:`_PAQUET` lignes."""
        lignes = self.lignes
        while paquet := tuple(itertools.islice(lignes, _PAQUET)):
            yield attrs.evolve(self.modele, lignes=paquet)


@attrs.frozen
class _DocumentEnFlot:
    """Ce que lit le rendu texte d'un document dont une table est en flot."""

    titre: str
    faits: tuple[Any, ...]
    tables: tuple[Any, ...]
    hypotheses: tuple[str, ...]
    parties: tuple[Any, ...]


def _apres(texte: str, prefixe: str) -> str:
    if not texte.startswith(prefixe):  # pragma: no cover - les rendus ordinaires ont changé
        raise AssertionError("rendu en flot : en-tête inattendu")
    return texte[len(prefixe) :]


def morceaux(document: Document, flot: TableEnFlot, format_: str) -> Iterator[str | bytes]:
    """``document`` rendu dans ``format_`` par morceaux, la table de même clé que ``flot``
    (sans lignes dans ``document``) lue de ``flot``. Les formats qu'un flot ne sait pas écrire
    (une table en flot avec des totaux en HTML, CSV pour tableur ou JSON ; ``xlsx``, ``png``,
    ``svg``, ``ics``) sont rendus du document entier."""
    from collectivites.rendu import rendre
    from collectivites.rendu._fichiers_plats import en_csv, en_csv_excel
    from collectivites.rendu._html import en_html, table_html

    cle = flot.modele.cle
    tables = [t for t in document.tables if t.cle == cle]
    if len(tables) != 1 or tables[0].lignes or document.parties:
        raise ErreurValeur("table en flot introuvable dans le document", cle="table", valeur=cle)
    if format_ == "texte":
        from collectivites.rendu._texte import morceaux_texte

        vue = _DocumentEnFlot(
            document.titre,
            document.faits,
            tuple(flot if t.cle == cle else t for t in document.tables),
            document.hypotheses,
            (),
        )
        yield from morceaux_texte(vue)  # type: ignore[arg-type]
        return
    if format_ == "csv" and len(document.tables) == 1:
        entete = en_csv(flot.modele)
        yield entete
        for paquet in flot.paquets():
            yield _apres(en_csv(paquet), entete)
        return
    sans_totaux = not any(c.total for c in flot.modele.colonnes)
    if format_ == "csv-excel" and len(document.tables) == 1 and sans_totaux:
        entete = en_csv_excel(flot.modele)
        yield entete
        for paquet in flot.paquets():
            yield _apres(en_csv_excel(paquet), entete)
        return
    if format_ == "html" and sans_totaux and all(c.affichee for c in flot.modele.colonnes):
        squelette = en_html(document)
        debut = squelette.index("<tbody></tbody>") + len("<tbody>")
        yield squelette[:debut]
        for paquet in flot.paquets():
            rendu = table_html(paquet)
            yield rendu[rendu.index("<tbody>") + len("<tbody>") : rendu.rindex("</tbody>")]
        yield squelette[debut:]
        return
    if format_ == "json" and sans_totaux:
        yield from _json(document, flot)
        return
    if format_ == "xlsx":
        verifier_xlsx(flot.nombre_de_lignes)
    entiere = attrs.evolve(
        document,
        tables=tuple(
            attrs.evolve(t, lignes=tuple(flot.lignes)) if t.cle == cle else t
            for t in document.tables
        ),
    )
    yield rendre(entiere, format_)


def verifier_xlsx(nombre_de_lignes: int) -> None:
    """Refuse, avant de rien construire, une table que ne tiendrait pas une feuille de calcul
    (en-tête compris)."""
    if nombre_de_lignes + 1 > LIGNES_MAX_XLSX:
        raise ErreurValeur(
            "la table dépasse le nombre de lignes d'une feuille de calcul",
            cle="format",
            valeur=f"xlsx, {nombre_de_lignes} lignes",
            attendu=f"au plus {LIGNES_MAX_XLSX - 1} lignes (sinon csv, ou --par garant)",
        )


def _json(document: Document, flot: TableEnFlot) -> Iterator[str]:
    import json

    from collectivites.rendu._fichiers_plats import en_json

    squelette = en_json(document)
    marque = "\n  " + json.dumps(flot.modele.cle, ensure_ascii=False) + ": []"
    position = squelette.index(marque) + len(marque) - 1  # entre « [ » et « ] »
    ouverture = f"{{\n  {json.dumps(flot.modele.cle, ensure_ascii=False)}: [\n"
    yield squelette[: position - 1]
    premier = True
    for paquet in flot.paquets():
        rendu = en_json(Document(titre="", tables=(paquet,)))
        corps = _apres(rendu, ouverture)
        corps = corps[: corps.rindex('\n  ],\n  "hypotheses"')]
        yield ("[\n" if premier else ",\n") + corps
        premier = False
    yield ("[]" if premier else "\n  ]") + squelette[position + 1 :]
