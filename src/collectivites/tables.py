"""La description commune des résultats : chaque résultat se décrit une fois comme un
:class:`Document` (titre, faits, tables de colonnes typées, totaux, hypothèses) ; les rendus
génériques (:mod:`collectivites.rendu`) en tirent le texte, le CSV, le JSON, le XLSX, le HTML,
l'iCalendar et les tableaux de données des carnets.

Un résultat hérite de :class:`collectivites.presentation.Presentable` et écrit sa méthode
``decrire`` ; il reçoit ainsi ``rendre(format)``, ``to_records()``, ``to_pandas()`` et
``_repr_html_()`` (carnets Jupyter).

Examples:
    >>> from decimal import Decimal
    >>> table = Table(
    ...     cle="echeances",
    ...     titre="Échéances",
    ...     colonnes=(
    ...         Colonne(cle="numero", libelle="N°", genre=Genre.ENTIER),
    ...         Colonne(cle="montant", libelle="Montant", genre=Genre.MONTANT, total=True),
    ...     ),
    ...     lignes=((1, Decimal("10.50")), (2, Decimal("4.50"))),
    ... )
    >>> table.totaux()
    (None, Decimal('15.00'))
    >>> table.enregistrements()[0]
    {'numero': 1, 'montant': Decimal('10.50')}
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import attrs

from collectivites._champs import en_tuple, v_entier, v_instance, v_texte, v_tuple_de
from collectivites._enum import EnumFr, decrire
from collectivites._moteur import somme
from collectivites.erreurs import ErreurValeur

__all__ = [
    "Colonne",
    "Document",
    "Fait",
    "Genre",
    "Graphique",
    "Table",
    "colonnes",
    "faits",
]


class Genre(EnumFr):
    """Nature d'une valeur : elle dit comment l'écrire dans chaque format."""

    MONTANT = "montant"  # Decimal en euros, au centime
    TAUX = "taux"  # Decimal fraction (0.0135), affichée en pourcentage
    DATE = "date"
    MOIS = "mois"  # date du premier du mois
    ENTIER = "entier"
    ANNEE = "annee"
    NOMBRE = "nombre"  # Decimal quelconque (tonnes, coefficient)
    TEXTE = "texte"
    BOOLEEN = "booleen"
    CODE = "code"  # membre d'une énumération : libellé à l'écran, valeur dans les fichiers


decrire(
    Genre,
    {
        "montant": "montant en euros",
        "taux": "taux en pourcentage",
        "date": "date",
        "mois": "mois",
        "entier": "nombre entier",
        "annee": "année",
        "nombre": "nombre décimal",
        "texte": "texte",
        "booleen": "oui ou non",
        "code": "valeur codée",
    },
)

#: Genres dont les valeurs s'additionnent dans une ligne de totaux.
_ADDITIONNABLES = {Genre.MONTANT, Genre.ENTIER, Genre.NOMBRE}


@attrs.frozen(kw_only=True)
class Colonne:
    """Une colonne : clé (en-tête CSV, clé JSON), libellé français, genre ; ``total`` : la
    colonne est additionnée dans la ligne de totaux ; ``decimales`` : chiffres après la virgule
    à l'écran pour un taux ou un nombre (``None`` : tous) ; ``affichee`` : faux pour une colonne
    utile aux fichiers mais redondante à l'écran (le nom du contrat sur chaque ligne)."""

    cle: str = attrs.field(validator=v_texte(vide=False))
    libelle: str = attrs.field(validator=v_texte())
    genre: Genre = attrs.field(converter=Genre)
    total: bool = attrs.field(default=False, validator=v_instance(bool))
    decimales: int | None = attrs.field(
        default=None, validator=v_entier(minimum=0, maximum=34, optionnel=True)
    )
    affichee: bool = attrs.field(default=True, validator=v_instance(bool))

    def __attrs_post_init__(self) -> None:
        if self.total and self.genre not in _ADDITIONNABLES:
            raise ErreurValeur(
                "seules les colonnes de montants ou de nombres s'additionnent",
                cle=self.cle,
                valeur=self.genre.value,
            )


@attrs.frozen(kw_only=True)
class Graphique:
    """Ce que le graphique d'une table montre : ``abscisse`` (une colonne de dates ou
    d'années), ``barres`` (colonnes de montants empilées), ``courbes`` (colonnes de montants) ;
    ``series`` : une colonne qui sépare les lignes en séries (un garant, une ligne de prêt) — une
    courbe par série, les barres additionnées. Les rendus PNG, SVG et XLSX le dessinent."""

    titre: str = attrs.field(validator=v_texte(longueur_max=200))
    abscisse: str = attrs.field(validator=v_texte(vide=False))
    barres: tuple[str, ...] = attrs.field(default=(), converter=en_tuple)
    courbes: tuple[str, ...] = attrs.field(default=(), converter=en_tuple)
    series: str | None = None


@attrs.frozen(kw_only=True)
class Table:
    """Une table : lignes de valeurs typées par leurs colonnes. ``role`` ``"agenda"`` : une
    ligne par date (colonnes ``date`` et ``libelle``), que le rendu iCalendar sait écrire.
    ``detail`` : table de détail (une ligne par jour…) que le rendu texte résume d'une ligne ;
    les fichiers la donnent entière."""

    cle: str = attrs.field(validator=v_texte(vide=False))
    titre: str = attrs.field(validator=v_texte(longueur_max=2000))
    colonnes: tuple[Colonne, ...] = attrs.field(converter=en_tuple, validator=v_tuple_de(Colonne))
    lignes: tuple[tuple[Any, ...], ...] = attrs.field(
        converter=en_tuple, validator=v_tuple_de(tuple)
    )
    role: str = attrs.field(default="", validator=v_texte())
    detail: bool = attrs.field(default=False, validator=v_instance(bool))
    graphique: Graphique | None = attrs.field(
        default=None, validator=v_instance(Graphique, optionnel=True)
    )

    def __attrs_post_init__(self) -> None:
        if self.graphique is not None:
            connues = {c.cle for c in self.colonnes}
            g = self.graphique
            for cle in (g.abscisse, *g.barres, *g.courbes, *([g.series] if g.series else [])):
                if cle not in connues:
                    raise ErreurValeur(
                        "colonne du graphique absente de la table", cle=self.cle, valeur=cle
                    )
        largeur = len(self.colonnes)
        for rang, ligne in enumerate(self.lignes):
            if len(ligne) != largeur:
                raise ErreurValeur(
                    f"la ligne {rang + 1} de la table « {self.cle} » a {len(ligne)} valeurs",
                    attendu=f"{largeur} valeurs",
                )

    def totaux(self) -> tuple[Any, ...] | None:
        """La ligne de totaux (``None`` pour les colonnes non additionnées), ou ``None`` si
        aucune colonne ne s'additionne."""
        if not any(c.total for c in self.colonnes):
            return None
        resultat: list[Any] = []
        for rang, colonne in enumerate(self.colonnes):
            if not colonne.total:
                resultat.append(None)
                continue
            if colonne.genre is Genre.ENTIER:
                resultat.append(sum(ligne[rang] or 0 for ligne in self.lignes))
            else:
                resultat.append(somme(ligne[rang] or Decimal("0.00") for ligne in self.lignes))
        return tuple(resultat)

    def enregistrements(self) -> list[dict[str, Any]]:
        """Les lignes en dictionnaires ``{clé de colonne: valeur}`` (valeurs Python exactes)."""
        cles = [c.cle for c in self.colonnes]
        return [dict(zip(cles, ligne, strict=True)) for ligne in self.lignes]

    def pour_ecran(self) -> Table:
        """La table sans ses colonnes réservées aux fichiers (``affichee=False``)."""
        gardees = [i for i, c in enumerate(self.colonnes) if c.affichee]
        if len(gardees) == len(self.colonnes):
            return self
        return attrs.evolve(
            self,
            graphique=None,  # l'écran ne dessine pas ; les colonnes retirées pourraient y servir
            colonnes=tuple(self.colonnes[i] for i in gardees),
            lignes=tuple(tuple(ligne[i] for i in gardees) for ligne in self.lignes),
        )

    def colonne(self, cle: str) -> Colonne:
        """La colonne ``cle``."""
        for colonne in self.colonnes:
            if colonne.cle == cle:
                return colonne
        raise ErreurValeur(
            "colonne inconnue", valeur=cle, attendu=", ".join(c.cle for c in self.colonnes)
        )


@attrs.frozen(kw_only=True)
class Fait:
    """Une valeur d'en-tête : « Capital : 128 189,00 € »."""

    cle: str = attrs.field(validator=v_texte(vide=False))
    libelle: str = attrs.field(validator=v_texte(longueur_max=2000))
    valeur: Any
    genre: Genre = attrs.field(default=Genre.TEXTE, converter=Genre)


@attrs.frozen(kw_only=True)
class Document:
    """Ce qu'un résultat montre : titre, faits, tables, hypothèses, et des parties (un prêt de
    plusieurs lignes : une partie par ligne)."""

    titre: str = attrs.field(validator=v_texte(longueur_max=2000))
    cle: str = attrs.field(default="", validator=v_texte())
    faits: tuple[Fait, ...] = attrs.field(
        default=(), converter=en_tuple, validator=v_tuple_de(Fait)
    )
    tables: tuple[Table, ...] = attrs.field(
        default=(), converter=en_tuple, validator=v_tuple_de(Table)
    )
    hypotheses: tuple[str, ...] = attrs.field(
        default=(), converter=en_tuple, validator=v_tuple_de(str)
    )
    parties: tuple[Document, ...] = attrs.field(default=(), converter=en_tuple)

    @parties.validator
    def _parties(self, attribut: Any, valeur: Any) -> None:
        v_tuple_de(Document)(self, attribut, valeur)

    def toutes_les_tables(self) -> list[Table]:
        """Les tables du document puis celles de ses parties, dans l'ordre."""
        tables = list(self.tables)
        for partie in self.parties:
            tables.extend(partie.toutes_les_tables())
        return tables

    def tables_nommees(self) -> list[tuple[str, Table]]:
        """Chaque table et son nom : sa clé, précédée de celle de sa partie (``5165325.echeances``
        pour la table d'une ligne de prêt) quand la partie en a une."""
        nommees = [(t.cle, t) for t in self.tables]
        for partie in self.parties:
            prefixe = f"{partie.cle}." if partie.cle else ""
            nommees.extend((prefixe + nom, t) for nom, t in partie.tables_nommees())
        return nommees

    def table(self, cle: str | None = None) -> Table:
        """La table ``cle`` ; sans clé, la table principale : la première du document, ou la
        seule de ses parties (erreur s'il y en a plusieurs, ou aucune). ``cle`` : la clé d'une
        table, ou son nom qualifié par sa partie quand deux parties ont des tables de même clé
        (``5165325.echeances``)."""
        nommees = self.tables_nommees()
        if cle is None:
            if self.tables:
                return self.tables[0]
            if len(nommees) == 1:
                return nommees[0][1]
        else:
            choisies = [t for nom, t in nommees if nom == cle] or [
                t for _nom, t in nommees if t.cle == cle
            ]
            if len(choisies) == 1:
                return choisies[0]
        connues = ", ".join(nom for nom, _t in nommees) or "aucune"
        raise ErreurValeur(
            "ce résultat a plusieurs tables : choisissez-en une"
            if cle is None or len(choisies) > 1
            else "table inconnue",
            cle="table",
            valeur=cle if cle is not None else len(nommees),
            attendu=f"une table parmi : {connues}",
        )


def faits(*valeurs: tuple[str, str, Any, Genre | str]) -> tuple[Fait, ...]:
    """Raccourci : ``faits(("capital", "Capital", montant, Genre.MONTANT), …)``."""
    return tuple(Fait(cle=c, libelle=lib, valeur=v, genre=g) for c, lib, v, g in valeurs)


def colonnes(*specs: tuple[Any, ...]) -> tuple[Colonne, ...]:
    """Raccourci : ``colonnes(("numero", "N°", "entier"), ("echeance", "Échéance", "montant",
    {"total": True}))`` — le quatrième élément, facultatif, donne les autres champs de la
    :class:`Colonne`."""
    return tuple(
        Colonne(cle=s[0], libelle=s[1], genre=s[2], **(s[3] if len(s) > 3 else {})) for s in specs
    )
