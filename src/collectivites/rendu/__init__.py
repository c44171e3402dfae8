"""Rendus génériques d'un :class:`~collectivites.tables.Document` : texte, CSV, CSV pour tableur
français, JSON, XLSX, HTML, iCalendar, et ``pandas`` pour les carnets.

Aucun rendu ne connaît un moteur : tous lisent la même description (titre, faits, tables de
colonnes typées, totaux, hypothèses).

Examples:
    >>> from decimal import Decimal
    >>> from collectivites.tables import Document, Fait, Genre
    >>> doc = Document(titre="Essai", faits=(Fait(cle="capital", libelle="Capital",
    ...     valeur=Decimal("128189"), genre=Genre.MONTANT),))
    >>> print(rendre(doc, "texte").replace("\u202f", " "), end="")
    Essai
    <BLANKLINE>
    Capital : 128 189,00 €
    >>> print(rendre(doc, "json"), end="")
    {
      "titre": "Essai",
      "capital": "128189.00",
      "hypotheses": []
    }
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from collectivites._moteur import moteur
from collectivites.erreurs import ErreurPlugin, ErreurValeur
from collectivites.rendu._fichiers_plats import en_csv, en_csv_excel, en_json
from collectivites.rendu._html import en_html
from collectivites.rendu._texte import en_texte
from collectivites.rendu._valeurs import cle_python
from collectivites.tables import Document, Genre, Table

if TYPE_CHECKING:
    import pandas

__all__ = ["FORMATS", "FORMATS_BINAIRES", "en_pandas", "en_polars", "rendre"]

#: Formats de sortie, dans l'ordre où l'aide les présente.
FORMATS = ("texte", "csv", "csv-excel", "json", "xlsx", "html", "ics", "png", "svg")
#: Formats qui s'écrivent en octets (fichier obligatoire en ligne de commande).
FORMATS_BINAIRES = ("xlsx", "png")


@moteur
def rendre(document: Document, format: str = "texte", **options: Any) -> str | bytes:
    """Écrit ``document`` dans ``format`` (voir :data:`FORMATS`).

    ``png`` et ``svg`` : le graphique de la première table qui en porte un (extra
    ``graphiques``). Options : ``table`` (clé de la table pour ``csv`` et ``csv-excel`` quand il
    y en a plusieurs) ; ``horodatage`` (``datetime`` UTC du champ DTSTAMP de l'iCalendar,
    obligatoire pour ``ics`` : aucun rendu ne lit l'horloge).
    """
    if format == "texte":
        return en_texte(document)
    if format in ("csv", "csv-excel"):
        table = document.table(options.get("table"))
        return en_csv(table) if format == "csv" else en_csv_excel(table)
    if format == "json":
        return en_json(document)
    if format == "html":
        return en_html(document)
    if format == "xlsx":
        from collectivites.rendu._xlsx import en_xlsx

        return en_xlsx(document)
    if format in ("png", "svg"):
        from collectivites.rendu._graphique import en_image

        image = en_image(document, format)
        return image.decode("utf-8") if format == "svg" else image
    if format == "ics":
        from collectivites.rendu._ics import en_ics

        horodatage = options.get("horodatage")
        if not isinstance(horodatage, dt.datetime) or horodatage.tzinfo is None:
            raise ErreurValeur(
                "le format ics exige un horodatage",
                cle="horodatage",
                valeur=horodatage,
                attendu="un datetime avec fuseau (UTC)",
            )
        return en_ics(document, horodatage=horodatage)
    raise ErreurValeur("format inconnu", cle="format", valeur=format, attendu=", ".join(FORMATS))


@moteur
def en_pandas(table: Table, *, numerique: bool = False) -> pandas.DataFrame:
    """Une table en ``DataFrame`` : dates en ``datetime64``, entiers en ``Int64``, textes en
    ``string`` ; montants, taux et nombres restent des ``Decimal`` exacts (colonnes ``object`` :
    ``df["echeance"].sum()`` rend un ``Decimal`` au centime près).

    ``numerique=True`` : la vue pour les graphiques et les statistiques — montants, taux et
    nombres en ``float64`` (``df.plot()``, ``describe()``, ``mean()``) ; une vue approchée, pas
    un résultat : les totaux exacts restent ceux de la vue par défaut.

    Les noms de colonnes sont les clés de la table ; une colonne de taux s'appelle
    ``<clé>_fraction`` et tient la fraction (``taux_fraction`` : 0.0135), quand le CSV et le
    JSON écrivent le pourcentage sous la clé nue (``taux`` : 1.35)."""
    try:
        import pandas as pd
    except ImportError:
        raise ErreurPlugin("to_pandas exige pandas", attendu="pip install pandas") from None
    donnees: dict[str, Any] = {}
    for rang, colonne in enumerate(table.colonnes):
        valeurs = [ligne[rang] for ligne in table.lignes]
        nom = cle_python(colonne.cle, colonne.genre)
        if colonne.genre in (Genre.DATE, Genre.MOIS):
            donnees[nom] = pd.to_datetime(pd.Series(valeurs, dtype="object"))
        elif colonne.genre in (Genre.ENTIER, Genre.ANNEE):
            donnees[nom] = pd.array(valeurs, dtype="Int64")
        elif colonne.genre in (Genre.TEXTE, Genre.CODE):
            donnees[nom] = pd.array(
                [None if v is None else str(getattr(v, "value", v)) for v in valeurs],
                dtype="string",
            )
        elif colonne.genre is Genre.BOOLEEN:
            donnees[nom] = pd.array(valeurs, dtype="boolean")
        elif numerique:
            donnees[nom] = pd.Series(valeurs, dtype="object").astype("float64")
        else:
            donnees[nom] = pd.Series(valeurs, dtype="object")
    return pd.DataFrame(donnees)


def _echelle(valeurs: list[Any]) -> int:
    """Le nombre de décimales qui garde exactes toutes les valeurs d'une colonne (≤ 38)."""
    echelle = 0
    for valeur in valeurs:
        if valeur is not None:
            exposant = valeur.as_tuple().exponent
            if isinstance(exposant, int):
                echelle = max(echelle, -exposant)
    return min(echelle, 38)


@moteur
def en_polars(table: Table) -> Any:
    """Une table en ``polars.DataFrame`` : montants, taux et nombres en ``pl.Decimal`` (échelle
    assez grande pour garder chaque valeur exacte : 2 pour les montants), dates en ``pl.Date``,
    entiers en ``pl.Int64``, textes en ``pl.Utf8`` ; une colonne de taux s'appelle
    ``<clé>_fraction`` (voir :func:`en_pandas`)."""
    try:
        import polars as pl
    except ImportError:
        raise ErreurPlugin("to_polars exige polars", attendu="pip install polars") from None
    colonnes: dict[str, Any] = {}
    for rang, colonne in enumerate(table.colonnes):
        valeurs = [ligne[rang] for ligne in table.lignes]
        nom = cle_python(colonne.cle, colonne.genre)
        if colonne.genre in (Genre.DATE, Genre.MOIS):
            colonnes[nom] = pl.Series(nom, valeurs, dtype=pl.Date)
        elif colonne.genre in (Genre.ENTIER, Genre.ANNEE):
            colonnes[nom] = pl.Series(nom, valeurs, dtype=pl.Int64)
        elif colonne.genre in (Genre.TEXTE, Genre.CODE):
            textes = [None if v is None else str(getattr(v, "value", v)) for v in valeurs]
            colonnes[nom] = pl.Series(nom, textes, dtype=pl.Utf8)
        elif colonne.genre is Genre.BOOLEEN:
            colonnes[nom] = pl.Series(nom, valeurs, dtype=pl.Boolean)
        else:
            echelle = _echelle(valeurs)
            colonnes[nom] = pl.Series(nom, valeurs, dtype=pl.Decimal(precision=38, scale=echelle))
    return pl.DataFrame(colonnes)
