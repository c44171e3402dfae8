"""Le chargeur générique : un schéma par genre de dossier, des types de clés qui vérifient tout.

Un :class:`Schema` énumère ses clés (:class:`Cle` : nom, type, défaut, aide) et dit comment
construire le modèle depuis les valeurs lues. :func:`lire` parcourt les données (TOML déjà lu,
JSON d'une requête, ligne d'un tableur), convertit chaque clé, refuse les clés inconnues (avec
une suggestion) et situe chaque erreur — celles des types comme celles des modèles, qui nomment
leur champ — dans le fichier et sous le chemin complet de la clé (``lignes[2].montant``).
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import unicodedata
from collections.abc import Callable, Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any, Generic, TypeVar

import attrs

from collectivites._champs import caracteres_de_controle
from collectivites._enum import EnumFr
from collectivites._moteur import CONTEXTE_CALCUL, moteur
from collectivites.dates import lire_date, lire_mois
from collectivites.erreurs import (
    ABSENT,
    ErreurCollectivites,
    ErreurDossier,
    ErreurType,
    ErreurValeur,
)
from collectivites.monnaie import CENTIME, en_decimal
from collectivites.taux import lire_taux

__all__ = [
    "OBLIGATOIRE",
    "Alternative",
    "Booleen",
    "Chargeur",
    "Choix",
    "Cle",
    "Converti",
    "Date",
    "Entier",
    "Identifiant",
    "Libre",
    "Liste",
    "Mois",
    "Montant",
    "Nombre",
    "Schema",
    "SousTable",
    "SousTables",
    "Taux",
    "Texte",
    "Type",
    "cle_de_texte_valide",
    "cle_unicite",
    "lire",
    "normaliser_texte",
]

T = TypeVar("T")


class _Obligatoire:
    def __repr__(self) -> str:
        return "OBLIGATOIRE"


#: Défaut d'une clé qui doit être présente.
OBLIGATOIRE: Any = _Obligatoire()

#: Années acceptées dans un dossier (celles du calendrier légal).
ANNEE_MIN, ANNEE_MAX = 1900, 2199


@moteur
def normaliser_texte(texte: str) -> str:
    """Forme canonique d'un texte saisi : Unicode NFC, espaces insécables et blancs multiples
    ramenés à une espace, sans blanc autour."""
    return _normaliser(texte)


def _normaliser(texte: str) -> str:
    # str.split() coupe aussi aux espaces insécables (U+00A0, U+202F) : ce sont des blancs
    return " ".join(unicodedata.normalize("NFC", texte).split())


@moteur
def cle_unicite(texte: str) -> str:
    """Clé de comparaison de deux noms : « Oraison » et « oraison\u00a0» sont le même."""
    return cle_de_texte_valide(texte)


def cle_de_texte_valide(texte: str) -> str:
    """:func:`cle_unicite` d'un texte déjà validé (un champ d'un modèle), sans la vérification
    d'argument ni le contexte d'un moteur : le constructeur d'un prêt l'appelle pour chaque
    ligne et chaque garant, hors de tout moteur quand un programme construit ses prêts — le
    coût d'entrée d'un moteur (dix fois celui de la clé) y était payé à chaque fois."""
    return _normaliser(texte).casefold()


class _Lieu:
    """Où se trouve une valeur lue : le fichier et le chemin des clés (``lignes[2].montant``),
    rédigé seulement quand on le demande (un refus) : lire une clé ne coûte qu'un lien vers le
    lieu parent."""

    __slots__ = ("_morceau", "_parent", "fichier")

    def __init__(self, fichier: str | None, chemin: str, parent: _Lieu | None = None) -> None:
        self.fichier = fichier
        self._morceau = chemin  # sous un parent : « clé » ou « [rang] »
        self._parent = parent

    @property
    def chemin(self) -> str:
        parent, morceau = self._parent, self._morceau
        if parent is None:
            return morceau
        base = parent.chemin
        if morceau.startswith("["):
            return f"{base}{morceau}"
        return f"{base}.{morceau}" if base else morceau

    def __repr__(self) -> str:
        return f"_Lieu(fichier={self.fichier!r}, chemin={self.chemin!r})"

    def sous(self, cle: str) -> _Lieu:
        return _Lieu(self.fichier, cle, self)

    def rang(self, rang: int) -> _Lieu:
        return _Lieu(self.fichier, f"[{rang}]", self)

    def erreur(self, exc: ErreurCollectivites, cle: str | None = None) -> ErreurDossier:
        """L'erreur ``exc`` située ici (ou sous ``cle``), en :class:`ErreurDossier`."""
        if isinstance(exc, ErreurDossier) and exc.fichier == self.fichier and exc.cle:
            return exc
        chemin = self.chemin
        if cle:
            chemin = f"{chemin}.{cle}" if chemin else cle
        return ErreurDossier(
            exc.message,
            cle=chemin or None,
            valeur=exc.valeur,
            attendu=exc.attendu,
            fichier=self.fichier,
            ligne=exc.ligne,
        )


class Type:
    """Un type de clé : ``attendu`` décrit ce qu'il accepte (messages, modèle de tableur)."""

    attendu: str = ""

    def lire(self, valeur: Any, _lieu: _Lieu, /) -> Any:  # pragma: no cover - abstrait
        raise NotImplementedError

    def depuis_cellule(self, texte: str) -> Any:
        """Valeur brute depuis une cellule de tableur (texte) ; par défaut le texte."""
        return texte


def _refuser(message: str, valeur: Any, attendu: str, type_: type = ErreurValeur) -> Any:
    raise type_(message, valeur=valeur, attendu=attendu)


@attrs.frozen
class Texte(Type):
    """Un texte (normalisé, sans caractère de contrôle)."""

    vide: bool = False
    longueur_max: int = 300
    attendu: str = "un texte"

    def lire(self, valeur: Any, _lieu: _Lieu, /) -> str:
        if not isinstance(valeur, str):
            _refuser("type refusé", valeur, self.attendu, ErreurType)
        if caracteres_de_controle(valeur):
            _refuser("caractère de contrôle refusé", valeur, "un texte imprimable")
        texte = normaliser_texte(valeur)
        if not texte and not self.vide:
            _refuser("texte vide", valeur, "un texte non vide")
        if len(texte) > self.longueur_max:
            _refuser("texte trop long", valeur, f"au plus {self.longueur_max} caractères")
        return texte


@attrs.frozen
class Identifiant(Texte):
    """Un identifiant (numéro de contrat, de ligne) : texte ou entier TOML, sans espace
    superflu ni caractère de contrôle."""

    attendu: str = "un identifiant (texte ou nombre entier)"
    longueur_max: int = 60

    def lire(self, valeur: Any, lieu: _Lieu, /) -> str:
        if isinstance(valeur, int) and not isinstance(valeur, bool):
            valeur = str(valeur)
        return super().lire(valeur, lieu)


#: Un entier de cellule : chiffres seuls, ou milliers groupés par trois (une même espace).
_ENTIER_CELLULE = re.compile(
    r"-?(?:\d+|\d{1,3}(?P<g>[ \u00a0\u202f])\d{3}(?:(?P=g)\d{3})*)", re.ASCII
)


@attrs.frozen
class Entier(Type):
    """Un entier dans ``[minimum, maximum]``."""

    minimum: int | None = None
    maximum: int | None = None

    @property
    def attendu(self) -> str:  # type: ignore[override]
        return _intervalle("un entier", self.minimum, self.maximum)

    def lire(self, valeur: Any, _lieu: _Lieu, /) -> int:
        if isinstance(valeur, bool) or not isinstance(valeur, int):
            _refuser("un nombre entier est attendu", valeur, self.attendu, ErreurType)
        _bornes(valeur, self.minimum, self.maximum, self)
        return int(valeur)

    def depuis_cellule(self, texte: str) -> Any:
        """L'entier d'une cellule : chiffres seuls (« 20000 ») ou milliers par groupes de trois
        séparés par une espace (« 20 000 ») ; sinon le texte, que :meth:`lire` refuse (« 5 0 »
        n'est pas 50)."""
        propre = texte.strip()
        if _ENTIER_CELLULE.fullmatch(propre):  # str.split coupe aux espaces insécables
            return int("".join(propre.split()))
        return texte


def _lisible(valeur: Any) -> str:
    """Un nombre lisible dans un message : « 10 000 000 000 », « 0,5 »."""
    if isinstance(valeur, Decimal) and valeur == valeur.to_integral_value():
        valeur = int(valeur)
    if isinstance(valeur, int):  # les milliers ne se séparent qu'à partir de 10 000 (années)
        return f"{valeur:,}".replace(",", "\u202f") if abs(valeur) >= 10_000 else str(valeur)
    return str(valeur).replace(".", ",")


def _intervalle(nature: str, minimum: Any, maximum: Any, unite: str = "") -> str:
    bas = None if minimum is None else _lisible(minimum)
    haut = None if maximum is None else _lisible(maximum)
    if bas is not None and haut is not None:
        return f"{nature} de {bas}{unite} à {haut}{unite}"
    if bas is not None:
        return f"{nature} ≥ {bas}{unite}"
    if haut is not None:
        return f"{nature} ≤ {haut}{unite}"
    return nature


def _bornes(
    valeur: Any, minimum: Any, maximum: Any, type_: Type, *, strict: bool = False, recu: Any = None
) -> None:
    """Refuse une valeur hors de ``[minimum, maximum]`` ; ``type_.attendu`` n'est rédigé qu'en
    cas de refus (le texte coûte plus cher que la comparaison)."""
    montre = valeur if recu is None else recu
    if minimum is not None and (valeur <= minimum if strict else valeur < minimum):
        _refuser("valeur trop petite", montre, type_.attendu)
    if maximum is not None and valeur > maximum:
        _refuser("valeur trop grande", montre, type_.attendu)


@attrs.frozen
class Montant(Type):
    """Un montant en euros au centime (« 128189.00 », « 128 189,00 € » ; jamais un flottant),
    dans ``[minimum, maximum]`` (``minimum`` exclu si ``strict``)."""

    minimum: Decimal | None = Decimal(0)
    maximum: Decimal | None = Decimal("1e12")
    strict: bool = False

    @property
    def attendu(self) -> str:  # type: ignore[override]
        bas = "> 0" if self.strict and self.minimum == 0 else None
        nature = "un montant au centime" + (f" {bas}" if bas else "")
        return _intervalle(nature, None if bas else self.minimum, self.maximum, " €")

    def lire(self, valeur: Any, _lieu: _Lieu, /) -> Decimal:
        nombre = en_decimal(valeur)
        if nombre != nombre.quantize(CENTIME, rounding="ROUND_DOWN", context=CONTEXTE_CALCUL):
            _refuser("un montant s'exprime au centime", valeur, "au plus deux décimales")
        _bornes(nombre, self.minimum, self.maximum, self, strict=self.strict, recu=valeur)
        return nombre


@attrs.frozen
class Nombre(Type):
    """Un nombre décimal exact (tonnes, coefficient), d'au plus ``decimales`` décimales."""

    minimum: Decimal | None = Decimal(0)
    maximum: Decimal | None = Decimal("1e9")
    decimales: int = 6
    strict: bool = False

    @property
    def attendu(self) -> str:  # type: ignore[override]
        return _intervalle(
            f"un nombre d'au plus {self.decimales} décimales", self.minimum, self.maximum
        )

    def lire(self, valeur: Any, _lieu: _Lieu, /) -> Decimal:
        nombre = en_decimal(valeur)
        exposant = nombre.as_tuple().exponent
        if isinstance(exposant, int) and -exposant > self.decimales:
            _refuser("trop de décimales", valeur, self.attendu)
        _bornes(nombre, self.minimum, self.maximum, self, strict=self.strict)
        return nombre


@attrs.frozen
class Taux(Type):
    """Un pourcentage français (« 1,35 % ») dans ``[minimum, maximum]`` (fractions)."""

    minimum: Decimal | None = Decimal("-0.10")
    maximum: Decimal | None = Decimal("0.30")

    @property
    def attendu(self) -> str:  # type: ignore[override]
        def pct(x: Decimal | None) -> str | None:
            return None if x is None else f"{(x * 100).normalize():f}"  # virgule : _lisible

        return _intervalle(
            "un pourcentage comme « 1,35 % »", pct(self.minimum), pct(self.maximum), " %"
        )

    def lire(self, valeur: Any, _lieu: _Lieu, /) -> Decimal:
        if isinstance(valeur, Decimal):
            _refuser("un nombre nu est ambigu", valeur, self.attendu, ErreurType)
        taux = lire_taux(valeur)
        _bornes(taux, self.minimum, self.maximum, self, recu=valeur)
        return taux


@attrs.frozen
class Date(Type):
    """Une date (TOML ``2024-03-15``, ou texte ``AAAA-MM-JJ`` / ``JJ/MM/AAAA``) des années que
    couvre le calendrier légal."""

    attendu: str = f"une date AAAA-MM-JJ ou JJ/MM/AAAA, des années {ANNEE_MIN} à {ANNEE_MAX}"

    def lire(self, valeur: Any, _lieu: _Lieu, /) -> dt.date:
        if isinstance(valeur, dt.datetime | dt.time):
            _refuser("une date sans heure est attendue", valeur, self.attendu, ErreurType)
        jour = lire_date(valeur)
        if not ANNEE_MIN <= jour.year <= ANNEE_MAX:
            _refuser("date hors du calendrier couvert", valeur, self.attendu)
        return jour


@attrs.frozen
class Mois(Type):
    """Un mois ``"AAAA-MM"`` (entre guillemets : TOML n'a pas de type mois)."""

    attendu: str = 'un mois "AAAA-MM" entre guillemets'

    def lire(self, valeur: Any, _lieu: _Lieu, /) -> dt.date:
        if isinstance(valeur, dt.date):
            _refuser("un mois est attendu, pas une date", valeur, self.attendu, ErreurType)
        mois = lire_mois(valeur)
        if not ANNEE_MIN <= mois.year <= ANNEE_MAX:
            _refuser("mois hors du calendrier couvert", valeur, self.attendu)
        return mois


@attrs.frozen
class Booleen(Type):
    """``true`` ou ``false``."""

    attendu: str = "true ou false"

    def lire(self, valeur: Any, _lieu: _Lieu, /) -> bool:
        if not isinstance(valeur, bool):
            _refuser("type refusé", valeur, self.attendu, ErreurType)
        return bool(valeur)

    def depuis_cellule(self, texte: str) -> Any:
        valeurs = {
            "oui": True,
            "vrai": True,
            "true": True,
            "non": False,
            "faux": False,
            "false": False,
        }
        return valeurs.get(texte.strip().lower(), texte)


@attrs.frozen
class Choix(Type):
    """Une valeur d'une énumération française (casse et accents tolérés, suggestion)."""

    enum: type[EnumFr]

    @property
    def attendu(self) -> str:  # type: ignore[override]
        return ", ".join(m.value for m in self.enum)

    def lire(self, valeur: Any, _lieu: _Lieu, /) -> EnumFr:
        return self.enum(valeur)


@attrs.frozen
class Libre(Type):
    """Une valeur TOML quelconque, prise telle quelle (paramètres propres à un barème)."""

    attendu: str = "une valeur"

    def lire(self, valeur: Any, _lieu: _Lieu, /) -> Any:
        return valeur


@attrs.frozen
class Alternative(Type):
    """L'un ou l'autre type : une date ou un mot-clé (``depart = "echeance"`` ou
    ``depart = 2024-01-01``). Le premier type dont la valeur a la bonne forme la lit."""

    types: tuple[Type, ...]

    @property
    def attendu(self) -> str:  # type: ignore[override]
        return " ou ".join(t.attendu for t in self.types)

    def lire(self, valeur: Any, lieu: _Lieu, /) -> Any:
        for type_ in self.types[:-1]:
            try:
                return type_.lire(valeur, lieu)
            except ErreurType:
                continue
        try:
            return self.types[-1].lire(valeur, lieu)
        except ErreurType as exc:
            raise ErreurType(exc.message, valeur=valeur, attendu=self.attendu) from None


@attrs.frozen
class Converti(Type):
    """Un texte converti par une fonction de la bibliothèque (durée « 2 mois »…)."""

    fonction: Callable[[Any], Any]
    attendu: str = "un texte"

    def lire(self, valeur: Any, _lieu: _Lieu, /) -> Any:
        if not isinstance(valeur, str):
            _refuser("type refusé", valeur, self.attendu, ErreurType)
        return self.fonction(normaliser_texte(valeur))


def _cle_comparaison(valeur: Any) -> Any:
    return cle_unicite(valeur) if isinstance(valeur, str) else valeur


def _verifier_unicite(valeurs: list[Any], lieu: _Lieu, nom: str, suffixe: str = "") -> None:
    vus: dict[Any, int] = {}
    for rang, valeur in enumerate(valeurs):
        if valeur is ABSENT or valeur is None:
            continue
        premiere = vus.setdefault(_cle_comparaison(valeur), rang)
        if premiere != rang:
            raise ErreurDossier(
                f"{nom} en double (déjà donné en position {premiere + 1})",
                cle=f"{lieu.chemin}[{rang}]{suffixe}",
                valeur=valeur,
                fichier=lieu.fichier,
            )


@attrs.frozen
class Liste(Type):
    """Une liste de valeurs d'un même type ; ``unique`` : sans doublon (après normalisation)."""

    element: Type
    unique: bool = False
    minimum: int = 0
    maximum: int = 10_000

    @property
    def attendu(self) -> str:  # type: ignore[override]
        return f"une liste de : {self.element.attendu}"

    def lire(self, valeur: Any, lieu: _Lieu, /) -> tuple[Any, ...]:
        if not isinstance(valeur, list | tuple):
            _refuser("une liste [ … ] est attendue", valeur, self.attendu, ErreurType)
        _nombre(len(valeur), self.minimum, self.maximum)
        elements = []
        for rang, brut in enumerate(valeur):
            ici = lieu.rang(rang)
            try:
                elements.append(self.element.lire(brut, ici))
            except ErreurCollectivites as exc:
                raise ici.erreur(exc) from None
        if self.unique:
            _verifier_unicite(elements, lieu, "valeur")
        return tuple(elements)


def _nombre(nombre: int, minimum: int, maximum: int) -> None:
    if nombre < minimum:
        _refuser("pas assez d'éléments", nombre, f"au moins {minimum}")
    if nombre > maximum:
        _refuser("trop d'éléments", nombre, f"au plus {maximum}")


@attrs.frozen
class Cle:
    """Une clé de dossier : nom, type, défaut (:data:`OBLIGATOIRE` si elle doit être là), aide
    (une ligne, pour la documentation et le modèle de tableur)."""

    nom: str
    type: Type
    defaut: Any = OBLIGATOIRE
    aide: str = ""

    @property
    def obligatoire(self) -> bool:
        return self.defaut is OBLIGATOIRE


@attrs.frozen
class Schema(Generic[T]):
    """Les clés d'une table de dossier et la fabrique du modèle.

    ``fabrique`` reçoit ``{clé: valeur lue ou défaut}`` et construit le modèle ; une erreur du
    modèle qui nomme son champ (``cle``) est située sous la clé correspondante (``champs`` :
    champ du modèle → clé du fichier, quand ils diffèrent). ``unicite`` : pour une liste de
    tables, la clé dont la valeur ne doit pas se répéter (``nom`` d'une commune, ``mois`` d'un
    acompte…).
    """

    nom: str
    cles: tuple[Cle, ...]
    fabrique: Callable[[dict[str, Any]], T]
    champs: Mapping[str, str] = attrs.field(factory=dict)
    unicite: str | None = None

    _connues: frozenset[str] | None = attrs.field(init=False, default=None, repr=False, eq=False)

    @property
    def connues(self) -> frozenset[str]:
        """Les noms des clés (calculés une fois : chaque table lue les consulte)."""
        if self._connues is None:
            object.__setattr__(self, "_connues", frozenset(c.nom for c in self.cles))
        return self._connues  # type: ignore[return-value]

    def cle(self, nom: str) -> Cle:
        return next(c for c in self.cles if c.nom == nom)


@moteur
def lire(schema: Schema[T], donnees: Any, *, fichier: str | None = None, chemin: str = "") -> T:
    """Construit le modèle de ``schema`` depuis ``donnees`` (voir le module)."""
    return _lire(schema, donnees, _Lieu(fichier, chemin))


def _lire(schema: Schema[T], donnees: Any, lieu: _Lieu) -> T:
    if not isinstance(donnees, Mapping):
        raise lieu.erreur(
            ErreurType(
                "une table est attendue", valeur=donnees, attendu=f"une table ({schema.nom})"
            )
        )
    connues = schema.connues
    inconnues = [c for c in donnees if c not in connues]
    if inconnues:
        proches = difflib.get_close_matches(str(inconnues[0]), sorted(connues))
        suggestion = f" ; vouliez-vous dire « {proches[0]} » ?" if proches else ""
        raise lieu.erreur(
            ErreurValeur(f"clé inconnue{suggestion}", attendu=", ".join(sorted(connues))),
            cle=str(inconnues[0]),
        )
    valeurs: dict[str, Any] = {}
    for cle in schema.cles:
        if cle.nom not in donnees:
            if cle.obligatoire:
                raise lieu.erreur(
                    ErreurValeur("clé obligatoire absente", attendu=cle.type.attendu), cle=cle.nom
                )
            valeurs[cle.nom] = cle.defaut
            continue
        ici = lieu.sous(cle.nom)
        try:
            valeurs[cle.nom] = cle.type.lire(donnees[cle.nom], ici)
        except ErreurCollectivites as exc:
            raise ici.erreur(exc) from None
    try:
        return schema.fabrique(valeurs)
    except ErreurDossier:
        raise
    except ErreurCollectivites as exc:
        champ = schema.champs.get(exc.cle, exc.cle) if exc.cle else None
        if champ is not None and champ.split(".")[0].split("[")[0] not in connues:
            champ = None  # champ interne du modèle : l'erreur concerne la table entière
        raise lieu.erreur(exc, cle=champ) from None


@attrs.frozen
class SousTable(Type, Generic[T]):
    """Une sous-table (``[ligne.prefinancement]``) lue par son schéma (anciennement ``Table``,
    nom qui désignait aussi :class:`collectivites.tables.Table`, une table de résultat)."""

    schema: Schema[T]

    @property
    def attendu(self) -> str:  # type: ignore[override]
        return f"une table ({self.schema.nom})"

    def lire(self, valeur: Any, lieu: _Lieu, /) -> T:
        return _lire(self.schema, valeur, lieu)


@attrs.frozen
class SousTables(Type, Generic[T]):
    """Une liste de sous-tables (``[[lignes]]``, anciennement ``Tables``) lues par leur schéma,
    sans doublon selon ``schema.unicite`` (valeurs comparées après normalisation Unicode et des
    espaces)."""

    schema: Schema[T]
    minimum: int = 0
    maximum: int = 100_000

    @property
    def attendu(self) -> str:  # type: ignore[override]
        return f"une liste de tables [[…]] ({self.schema.nom})"

    def lire(self, valeur: Any, lieu: _Lieu, /) -> tuple[T, ...]:
        if not isinstance(valeur, list | tuple):
            _refuser("une liste de tables [[…]] est attendue", valeur, self.attendu, ErreurType)
        _nombre(len(valeur), self.minimum, self.maximum)
        elements = [_lire(self.schema, v, lieu.rang(r)) for r, v in enumerate(valeur)]
        cle = self.schema.unicite
        if cle:
            type_cle = self.schema.cle(cle).type
            lues = [
                type_cle.lire(v[cle], lieu) if cle in v else ABSENT
                for v in valeur  # déjà validées par _lire
            ]
            _verifier_unicite(lues, lieu, f"« {cle} »", f".{cle}")
        return tuple(elements)


@attrs.frozen
class Chargeur(Generic[T]):
    """Les trois façons de lire un genre de dossier : données déjà lues (TOML, JSON d'une
    requête), fichier TOML, exemple livré. Chaque moteur en expose les méthodes sous ses noms
    (``charger_contrat``, ``exemple_rsa``…)."""

    schema: Schema[T]

    def depuis_donnees(self, donnees: Any, *, fichier: str | None = None) -> T:
        """Construit le modèle depuis des données déjà lues ; ``fichier`` sert aux messages."""
        return lire(self.schema, donnees, fichier=fichier)

    def charger(self, chemin: str | Path) -> T:
        """Lit le dossier TOML ``chemin``."""
        from collectivites.chargement._fichiers import lire_toml

        return self.depuis_donnees(lire_toml(chemin), fichier=str(chemin))

    def exemple(self, nom: str) -> T:
        """Lit l'exemple livré ``nom``."""
        from collectivites.chargement._exemples import lire_exemple

        donnees, fichier = lire_exemple(nom)
        return self.depuis_donnees(donnees, fichier=fichier)
