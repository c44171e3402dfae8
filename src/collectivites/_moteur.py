"""Ce que partagent toutes les fonctions publiques des moteurs : le décorateur :func:`moteur`.

Une fonction décorée :

* vérifie le type de chaque argument d'après ses annotations (``dt.date`` mais pas
  ``dt.datetime``, ``Decimal`` fini mais jamais ``float``, ``int`` mais pas ``bool``, séquences et
  tables typées, énumérations — une chaîne est convertie en membre —, protocoles) et lève une
  :class:`~collectivites.erreurs.ErreurType` qui nomme l'argument ;
* calcule dans son propre contexte décimal (34 chiffres significatifs, pièges sur les opérations
  invalides, les divisions par zéro et les dépassements) : le contexte de l'appelant — un carnet
  qui a fait ``getcontext().prec = 6`` — ne change aucun centime ;
* traduit les signaux ``decimal`` et les dépassements de dates en erreurs typées françaises.
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime as dt
import enum
import functools
import inspect
import types
import typing
from collections import abc
from collections.abc import Callable, Iterable
from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Context, Decimal, DecimalException, localcontext
from typing import Any, ParamSpec, TypeVar, overload

from collectivites.erreurs import ErreurCollectivites, ErreurType, ErreurValeur

__all__ = ["CONTEXTE_CALCUL", "CONTEXTE_MONTANTS", "difference", "moteur", "somme"]

P = ParamSpec("P")
R = TypeVar("R")

#: Contexte des calculs intermédiaires : 34 chiffres (décimal128), arrondi au pair.
CONTEXTE_CALCUL = Context(prec=34, rounding=ROUND_HALF_EVEN)
#: Contexte des moteurs qui postent des montants par ``quantize`` sans mode explicite (tableau
#: d'amortissement) : 34 chiffres, arrondi au demi supérieur.
CONTEXTE_MONTANTS = Context(prec=34, rounding=ROUND_HALF_UP)

_Verificateur = Callable[[object, str], object]

#: Vrai pendant l'exécution d'une fonction de moteur : ses appels internes à d'autres fonctions
#: de moteur ne refont ni la vérification des arguments ni la pose du contexte décimal.
_DANS_UN_MOTEUR: contextvars.ContextVar[bool] = contextvars.ContextVar("moteur", default=False)


def somme(valeurs: Iterable[Decimal], zero: Decimal = Decimal("0.00")) -> Decimal:
    """Somme exacte, dans le contexte de la bibliothèque (jamais celui de l'appelant) : les
    propriétés des résultats (totaux, soldes) ne dépendent pas du contexte courant."""
    total = zero
    ajouter = CONTEXTE_CALCUL.add
    for valeur in valeurs:
        total = ajouter(total, valeur)
    return total


def difference(a: Decimal, b: Decimal) -> Decimal:
    """``a - b`` dans le contexte de la bibliothèque."""
    return CONTEXTE_CALCUL.subtract(a, b)


def _nom_type(classe: type) -> str:
    """Ce qu'attend la vérification d'une instance de ``classe`` (dates, ``Decimal`` et entiers
    ont leur propre vérification et leur propre attendu)."""
    noms: dict[type, str] = {str: "un texte", bool: "True ou False"}
    return noms.get(classe, classe.__name__)


def _verifier_simple(classe: type) -> _Verificateur:
    if classe is dt.date:

        def date(valeur: object, nom: str) -> object:
            if type(valeur) is not dt.date:
                raise ErreurType(
                    "type refusé", cle=nom, valeur=valeur, attendu="une date (datetime.date)"
                )
            return valeur

        return date
    if classe is Decimal:

        def decimal(valeur: object, nom: str) -> object:
            if isinstance(valeur, int) and not isinstance(valeur, bool):
                return Decimal(valeur)
            if not isinstance(valeur, Decimal) or not valeur.is_finite():
                raise ErreurType(
                    "type refusé",
                    cle=nom,
                    valeur=valeur,
                    attendu="un Decimal fini (jamais un float)",
                )
            return valeur

        return decimal
    if classe is int:

        def entier(valeur: object, nom: str) -> object:
            if isinstance(valeur, bool) or not isinstance(valeur, int):
                raise ErreurType("type refusé", cle=nom, valeur=valeur, attendu="un entier")
            return valeur

        return entier
    if isinstance(classe, type) and issubclass(classe, enum.Enum):

        def membre(valeur: object, nom: str) -> object:
            try:
                return classe(valeur)
            except ErreurCollectivites as exc:
                raise exc.situer(prefixe=nom) from None
            except (ValueError, TypeError):
                attendu = ", ".join(str(m.value) for m in classe)
                raise ErreurValeur(
                    "valeur inconnue", cle=nom, valeur=valeur, attendu=attendu
                ) from None

        return membre
    if getattr(classe, "_is_protocol", False):
        # Les méthodes publiques du protocole (celles de Protocol et de Generic sont privées).
        methodes = [n for n in dir(classe) if n[0] != "_"]

        def protocole(valeur: object, nom: str) -> object:
            manquantes = [m for m in methodes if not callable(getattr(valeur, m, None))]
            if manquantes:
                raise ErreurType(
                    "type refusé",
                    cle=nom,
                    valeur=valeur,
                    attendu=f"un objet qui répond à {', '.join(manquantes)}",
                )
            return valeur

        return protocole

    def instance(valeur: object, nom: str) -> object:
        if not isinstance(valeur, classe) or (classe is not bool and isinstance(valeur, bool)):
            raise ErreurType("type refusé", cle=nom, valeur=valeur, attendu=_nom_type(classe))
        return valeur

    return instance


def _verifier_union(options: tuple[object, ...]) -> _Verificateur:
    verificateurs = [_verificateur(o) for o in options if o is not type(None)]
    accepte_none = type(None) in options

    # Une union a au moins deux options, dont au plus une est None : il reste un vérificateur.
    *premiers, dernier = verificateurs

    def union(valeur: object, nom: str) -> object:
        if valeur is None and accepte_none:
            return None
        for verifier in premiers:
            with contextlib.suppress(ErreurCollectivites):
                return verifier(valeur, nom)
        return dernier(valeur, nom)  # son refus est celui de l'union

    return union


def _verifier_sequence(element: object) -> _Verificateur:
    verifier = _verificateur(element)

    def sequence(valeur: object, nom: str) -> object:
        if not isinstance(valeur, list | tuple):
            raise ErreurType("type refusé", cle=nom, valeur=valeur, attendu="une liste ou un tuple")
        return tuple(verifier(v, f"{nom}[{i}]") for i, v in enumerate(valeur))

    return sequence


def _verifier_iterable(element: object) -> _Verificateur:
    """Un ``Iterable``/``Iterator`` : tout itérable sauf un texte, des octets ou un dictionnaire,
    parcouru à mesure (un générateur n'est pas lu d'avance), chaque élément vérifié quand il
    est lu."""
    verifier = _verificateur(element)

    def iterable(valeur: object, nom: str) -> object:
        if not isinstance(valeur, abc.Iterable) or isinstance(
            valeur, str | bytes | bytearray | abc.Mapping
        ):
            raise ErreurType(
                "type refusé",
                cle=nom,
                valeur=valeur,
                attendu="une liste, un tuple ou un générateur",
            )
        return (verifier(v, f"{nom}[{i}]") for i, v in enumerate(valeur))

    return iterable


def _verifier_table(cle: object, valeur_attendue: object) -> _Verificateur:
    verifier_cle = _verificateur(cle)
    verifier_valeur = _verificateur(valeur_attendue)

    def table(valeur: object, nom: str) -> object:
        if not isinstance(valeur, abc.Mapping):
            raise ErreurType("type refusé", cle=nom, valeur=valeur, attendu="un dictionnaire")
        return {
            verifier_cle(k, nom): verifier_valeur(v, f"{nom}[{k!r}]") for k, v in valeur.items()
        }

    return table


def _verificateur(annotation: object) -> _Verificateur:
    """Vérificateur (et convertisseur) d'une annotation résolue."""
    if annotation in (Any, object, inspect.Parameter.empty):
        return lambda valeur, _nom: valeur
    origine = typing.get_origin(annotation)
    arguments = typing.get_args(annotation)
    if origine in (typing.Union, types.UnionType):
        return _verifier_union(arguments)
    if origine in (abc.Iterable, abc.Iterator):
        return _verifier_iterable(arguments[0] if arguments else Any)
    if origine in (abc.Sequence, tuple, list, abc.Collection):
        return _verifier_sequence(arguments[0] if arguments else Any)
    if origine in (abc.Mapping, dict):
        return _verifier_table(*arguments) if arguments else _verifier_simple(abc.Mapping)
    if origine is abc.Callable or annotation is abc.Callable:

        def appelable(valeur: object, nom: str) -> object:
            if not callable(valeur):
                raise ErreurType("type refusé", cle=nom, valeur=valeur, attendu="une fonction")
            return valeur

        return appelable
    if origine is typing.Literal:
        permises = arguments

        def litteral(valeur: object, nom: str) -> object:
            if valeur not in permises:
                attendu = ", ".join(str(p) for p in permises)
                raise ErreurValeur("valeur inconnue", cle=nom, valeur=valeur, attendu=attendu)
            return valeur

        return litteral
    if isinstance(annotation, type):
        return _verifier_simple(annotation)
    if isinstance(origine, type):  # classe générique (Schema[T]) : on vérifie la classe
        return _verifier_simple(origine)
    return lambda valeur, _nom: valeur  # pragma: no cover - annotation non prise en charge


def _annotations(fonction: Callable[..., Any]) -> dict[str, Any]:
    """Les annotations résolues ; celles qui ne se résolvent qu'au typage (``TYPE_CHECKING``)
    sont ignorées, paramètre par paramètre."""
    try:
        return typing.get_type_hints(fonction)
    except NameError:
        resolues = {}
        espace = getattr(fonction, "__globals__", {})
        for nom, brute in inspect.get_annotations(fonction).items():
            try:
                resolues[nom] = eval(brute, espace) if isinstance(brute, str) else brute
            except NameError:
                continue
        return resolues


def _preparer(fonction: Callable[..., Any]) -> Callable[[list[Any], dict[str, Any]], None]:
    """Vérificateur des arguments d'un appel (sans ``Signature.bind``, trop lent pour un moteur
    appelé des milliers de fois par un portefeuille)."""
    signature = inspect.signature(fonction)
    annotations = _annotations(fonction)
    parametres = list(signature.parameters.values())
    positionnels = [
        p.name
        for p in parametres
        if p.kind in (inspect.Parameter.POSITIONAL_ONLY, inspect.Parameter.POSITIONAL_OR_KEYWORD)
    ]
    variables = (inspect.Parameter.VAR_POSITIONAL, inspect.Parameter.VAR_KEYWORD)
    nommes = {
        p.name
        for p in parametres
        if p.kind is not inspect.Parameter.POSITIONAL_ONLY and p.kind not in variables
    }
    libres = any(p.kind is inspect.Parameter.VAR_KEYWORD for p in parametres)
    obligatoires = [
        p.name
        for p in parametres
        if p.default is inspect.Parameter.empty and p.kind not in variables
    ]
    defauts = {p.name: p.default for p in parametres}
    verificateurs = {
        nom: _verificateur(annotations[nom]) for nom in signature.parameters if nom in annotations
    }
    nom_fonction = fonction.__name__

    def refuser(raison: str) -> ErreurType:
        return ErreurType(f"appel invalide de {nom_fonction} : {raison}")

    def verifier(args: list[Any], kwargs: dict[str, Any]) -> None:
        if len(args) > len(positionnels):
            raise refuser(f"{len(args)} arguments positionnels pour {len(positionnels)}")
        for rang, valeur in enumerate(args):
            nom = positionnels[rang]
            if nom in kwargs:
                raise refuser(f"« {nom} » donné deux fois")
            verifier_un = verificateurs.get(nom)
            if verifier_un is not None and valeur is not defauts[nom]:
                args[rang] = verifier_un(valeur, nom)
        for nom, valeur in kwargs.items():
            if nom not in nommes:
                if libres:
                    continue
                raise refuser(f"argument inconnu « {nom} »")
            verifier_un = verificateurs.get(nom)
            if verifier_un is not None and valeur is not defauts.get(nom):
                kwargs[nom] = verifier_un(valeur, nom)
        presents = set(positionnels[: len(args)]) | set(kwargs)
        manquants = [nom for nom in obligatoires if nom not in presents]
        if manquants:
            raise refuser(f"argument obligatoire absent : {', '.join(manquants)}")

    return verifier


def _traduire(exc: BaseException) -> ErreurValeur | None:
    """Erreur typée pour un signal ``decimal`` ou un dépassement de date (sinon ``None`` : un
    vrai défaut de la bibliothèque, qui doit remonter tel quel)."""
    if isinstance(exc, DecimalException):
        return ErreurValeur(
            "calcul impossible sur des nombres de cette taille",
            attendu="des montants, taux et durées réalistes",
        )
    if isinstance(exc, OverflowError):
        return ErreurValeur(
            "date ou nombre hors des limites du calendrier", attendu="une date des années 1 à 9999"
        )
    if isinstance(exc, ValueError) and not isinstance(exc, ErreurCollectivites):
        texte = str(exc)
        if "out of range" in texte or "year" in texte:
            return ErreurValeur(
                "date hors des limites du calendrier", attendu="une date des années 1 à 9999"
            )
    return None


@overload
def moteur(fonction: Callable[P, R], /) -> Callable[P, R]: ...


@overload
def moteur(*, contexte: Context = ...) -> Callable[[Callable[P, R]], Callable[P, R]]: ...


def moteur(
    fonction: Callable[P, R] | None = None, /, *, contexte: Context = CONTEXTE_CALCUL
) -> Callable[P, R] | Callable[[Callable[P, R]], Callable[P, R]]:
    """Décore une fonction publique de moteur (voir le module). S'emploie nu (``@moteur``) ou
    avec un contexte (``@moteur(contexte=CONTEXTE_MONTANTS)``)."""

    def decorer(fonction: Callable[P, R]) -> Callable[P, R]:
        preparation: list[Callable[[list[Any], dict[str, Any]], None]] = []

        @functools.wraps(fonction)
        def enveloppe(*args: P.args, **kwargs: P.kwargs) -> R:
            if _DANS_UN_MOTEUR.get():  # appel interne : arguments déjà vérifiés, contexte posé
                if contexte is CONTEXTE_CALCUL:
                    return fonction(*args, **kwargs)
                with localcontext(contexte):
                    return fonction(*args, **kwargs)
            if not preparation:
                preparation.append(_preparer(fonction))
            liste = list(args)
            preparation[0](liste, kwargs)
            jeton = _DANS_UN_MOTEUR.set(True)
            try:
                with localcontext(contexte):
                    return fonction(*liste, **kwargs)  # type: ignore[arg-type]
            except ErreurCollectivites:
                raise
            except (DecimalException, OverflowError, ValueError) as exc:
                traduite = _traduire(exc)
                if traduite is None:
                    raise
                raise traduite from None
            finally:
                _DANS_UN_MOTEUR.reset(jeton)

        return enveloppe

    if fonction is not None:
        return decorer(fonction)
    return decorer
