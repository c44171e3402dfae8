"""Le décorateur des moteurs (``_moteur.py``), pris au mot (issue 27) : chaque vérification
d'argument avec sa clé, sa valeur et son attendu exacts, la conversion qu'elle fait, le contexte
décimal posé, la traduction des signaux et des dépassements de dates, et le chemin rapide des
appels internes.

Chaque fonction est décorée *dans* le test (et non à l'import) : la fonction décorée est celle
que fabrique le décorateur au moment où le test tourne.
"""

from __future__ import annotations

import datetime as dt
import decimal
import enum
import numbers
import typing
from collections import abc
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal, localcontext
from typing import Any, Generic, Literal, Protocol, TypeVar

import pytest

from collectivites._enum import EnumFr
from collectivites._moteur import (
    _DANS_UN_MOTEUR,
    CONTEXTE_CALCUL,
    CONTEXTE_MONTANTS,
    _traduire,
    difference,
    moteur,
    somme,
)
from collectivites.erreurs import ABSENT, ErreurCollectivites, ErreurType, ErreurValeur

T = TypeVar("T")


class Couleur(enum.Enum):
    ROUGE = 1
    VERT = 2


class Sens(EnumFr):
    HAUT = "haut"
    BAS = "bas"


class Lisible(Protocol):
    def lire(self) -> str: ...

    def fermer(self) -> None: ...


class Livre:
    def lire(self) -> str:
        return "texte"

    def fermer(self) -> None:
        return None


class Boite(Generic[T]):
    pass


class _Sentinelle:
    pass


SENTINELLE: Any = _Sentinelle()


def _refus(appel: Callable[[], object], classe: type[ErreurCollectivites] = ErreurType) -> Any:
    with pytest.raises(classe) as info:
        appel()
    assert type(info.value) is classe
    return info.value


def _champs(erreur: ErreurCollectivites) -> tuple[object, ...]:
    return (erreur.message, erreur.cle, erreur.valeur, erreur.attendu)


# --- somme et différence ------------------------------------------------------------------------


def test_somme_vide_vaut_zero_au_centime() -> None:
    total = somme([])
    assert type(total) is Decimal
    assert str(total) == "0.00"
    assert str(somme([], Decimal("0"))) == "0"


def test_somme_et_difference_dans_le_contexte_de_la_bibliotheque() -> None:
    # 31 chiffres significatifs : au-delà des 6 de l'appelant et des 28 par défaut, en deçà de 34.
    grand = Decimal("1" + "0" * 28)
    with localcontext() as contexte:
        contexte.prec = 6
        assert str(somme([grand, Decimal("0.01"), Decimal("0.02")])) == "1" + "0" * 28 + ".03"
        assert str(difference(grand, Decimal("0.01"))) == "9" * 28 + ".99"
        assert str(difference(Decimal("0.01"), grand)) == "-" + "9" * 28 + ".99"
    assert str(somme([Decimal("1.5"), Decimal("2.25")], Decimal("1"))) == "4.75"


# --- contexte décimal et chemin interne -----------------------------------------------------------


def test_contexte_pose_par_le_decorateur_et_rendu_ensuite() -> None:
    def lire() -> tuple[int, str, bool]:
        contexte = decimal.getcontext()
        return contexte.prec, contexte.rounding, _DANS_UN_MOTEUR.get()

    calcul: Any = moteur(lire)
    montants = moteur(contexte=CONTEXTE_MONTANTS)(lire)
    with localcontext() as appelant:
        appelant.prec = 6
        appelant.rounding = decimal.ROUND_DOWN
        assert calcul() == (34, ROUND_HALF_EVEN, True)
        assert montants() == (34, ROUND_HALF_UP, True)
        assert decimal.getcontext().prec == 6
        assert decimal.getcontext().rounding == decimal.ROUND_DOWN
    assert _DANS_UN_MOTEUR.get() is False
    assert calcul.__name__ == "lire"
    assert calcul.__wrapped__ is lire


def test_appel_interne_sans_verification_et_contexte_du_moteur_appele() -> None:
    def arrondi_interne(n: int) -> tuple[object, str]:
        return n, decimal.getcontext().rounding

    interne_calcul: Any = moteur(arrondi_interne)
    interne_montants: Any = moteur(contexte=CONTEXTE_MONTANTS)(arrondi_interne)

    def externe(n: int) -> tuple[tuple[object, str], tuple[object, str], tuple[object, str]]:
        # "x" n'est pas un entier : l'appel interne ne vérifie plus ses arguments.
        return interne_calcul("x"), interne_montants("y"), (n, decimal.getcontext().rounding)

    assert moteur(externe)(1) == (
        ("x", ROUND_HALF_EVEN),
        ("y", ROUND_HALF_UP),
        (1, ROUND_HALF_EVEN),
    )
    # Un moteur au contexte de calcul appelé depuis un moteur de montants garde le contexte posé.
    assert moteur(contexte=CONTEXTE_MONTANTS)(externe)(2) == (
        ("x", ROUND_HALF_UP),
        ("y", ROUND_HALF_UP),
        (2, ROUND_HALF_UP),
    )
    # Hors d'un moteur, l'appel direct vérifie de nouveau.
    assert _champs(_refus(lambda: interne_calcul("x"))) == (
        "type refusé",
        "n",
        "x",
        "un entier",
    )


def test_le_marqueur_interne_est_rendu_apres_une_erreur() -> None:
    def echouer(n: int) -> None:
        raise ErreurValeur("refus interne", cle="n", valeur=n)

    fonction: Any = moteur(echouer)
    erreur = _refus(lambda: fonction(3), ErreurValeur)
    assert _champs(erreur) == ("refus interne", "n", 3, None)
    assert _DANS_UN_MOTEUR.get() is False
    _refus(lambda: fonction("3"))


def test_la_verification_est_preparee_une_fois() -> None:
    def double(n: int) -> int:
        return 2 * n

    fonction: Any = moteur(double)
    assert [fonction(1), fonction(2), fonction(n=3)] == [2, 4, 6]
    _refus(lambda: fonction(True))


# --- traduction des erreurs ----------------------------------------------------------------------


def test_signal_decimal_traduit() -> None:
    def diviser(a: Decimal, b: Decimal) -> Decimal:
        return a / b

    erreur = _refus(lambda: moteur(diviser)(Decimal(1), Decimal(0)), ErreurValeur)
    assert _champs(erreur) == (
        "calcul impossible sur des nombres de cette taille",
        None,
        ABSENT,
        "des montants, taux et durées réalistes",
    )
    assert erreur.__suppress_context__ is True
    assert moteur(diviser)(Decimal(1), Decimal(4)) == Decimal("0.25")


def test_depassement_de_date_traduit() -> None:
    def lendemain(jour: dt.date) -> dt.date:
        return jour + dt.timedelta(days=1)

    erreur = _refus(lambda: moteur(lendemain)(dt.date.max), ErreurValeur)
    assert _champs(erreur) == (
        "date ou nombre hors des limites du calendrier",
        None,
        ABSENT,
        "une date des années 1 à 9999",
    )
    assert moteur(lendemain)(dt.date(2024, 2, 28)) == dt.date(2024, 2, 29)


@pytest.mark.parametrize("texte", ["year 0 is out of range", "value out of range", "bad year"])
def test_valeur_hors_calendrier_traduite(texte: str) -> None:
    def lever() -> None:
        raise ValueError(texte)

    erreur = _refus(moteur(lever), ErreurValeur)
    assert _champs(erreur) == (
        "date hors des limites du calendrier",
        None,
        ABSENT,
        "une date des années 1 à 9999",
    )


def test_autre_valueerror_et_erreur_typee_remontent_telles_quelles() -> None:
    originale = ValueError("autre défaut")
    typee = ErreurValeur("année hors limite : year out of range", cle="k")

    def lever(numero: int) -> None:
        raise (originale, typee, KeyError("k"))[numero]

    fonction: Any = moteur(lever)
    with pytest.raises(ValueError, match=r"^autre défaut$") as info:
        fonction(0)
    assert info.value is originale
    with pytest.raises(ErreurValeur) as info_typee:
        fonction(1)
    assert info_typee.value is typee
    with pytest.raises(KeyError):
        fonction(2)


def test_traduire_directement() -> None:
    assert _traduire(decimal.InvalidOperation()) is not None
    assert _traduire(ErreurValeur("year out of range")) is None
    assert _traduire(ValueError("autre")) is None
    assert _traduire(TypeError("year")) is None
    traduite = _traduire(OverflowError("x"))
    assert traduite is not None and traduite.message.startswith("date ou nombre")


# --- vérification de l'appel ---------------------------------------------------------------------


def test_appel_trop_d_arguments_double_inconnu_absent() -> None:
    def calculer(a: int, b: int, /, c: int, *, d: int, e: int = 5) -> tuple[int, ...]:
        return a, b, c, d, e

    fonction: Any = moteur(calculer)
    assert fonction(1, 2, 3, d=4) == (1, 2, 3, 4, 5)
    assert fonction(1, 2, c=3, d=4, e=6) == (1, 2, 3, 4, 6)
    assert str(_refus(lambda: fonction(1, 2, 3, 4, d=4))) == (
        "appel invalide de calculer : 4 arguments positionnels pour 3"
    )
    assert str(_refus(lambda: fonction(1, 2, 3, c=3, d=4))) == (
        "appel invalide de calculer : « c » donné deux fois"
    )
    assert str(_refus(lambda: fonction(1, 2, 3, d=4, f=5))) == (
        "appel invalide de calculer : argument inconnu « f »"
    )
    assert str(_refus(lambda: fonction(1, 2, 3, d=4, a=1))) == (
        "appel invalide de calculer : « a » donné deux fois"
    )

    def seul(a: int = 1, /) -> int:
        return a

    assert moteur(seul)() == 1
    seul_verifie: Any = moteur(seul)
    assert str(_refus(lambda: seul_verifie(a=2))) == (
        "appel invalide de seul : argument inconnu « a »"
    )
    assert str(_refus(lambda: fonction(1))) == (
        "appel invalide de calculer : argument obligatoire absent : b, c, d"
    )
    assert str(_refus(lambda: fonction(1, 2, d=4))) == (
        "appel invalide de calculer : argument obligatoire absent : c"
    )
    erreur = _refus(lambda: fonction(1, 2, 3, d=4, e="5"))
    assert _champs(erreur) == ("type refusé", "e", "5", "un entier")
    erreur = _refus(lambda: fonction(1, "2", 3, d=4))
    assert _champs(erreur) == ("type refusé", "b", "2", "un entier")


def test_arguments_variables() -> None:
    def libre(a: int, *reste: int, b: int = 0, **options: int) -> tuple[object, ...]:
        return a, reste, options

    fonction: Any = moteur(libre)
    # Un argument libre n'arrête pas la vérification des arguments nommés qui le suivent.
    assert _champs(_refus(lambda: fonction(1, z="x", b="2"))) == (
        "type refusé",
        "b",
        "2",
        "un entier",
    )
    assert fonction(1, z="pas vérifié") == (1, (), {"z": "pas vérifié"})
    assert fonction(a=2) == (2, (), {})
    assert str(_refus(lambda: fonction(1, 2))) == (
        "appel invalide de libre : 2 arguments positionnels pour 1"
    )
    assert str(_refus(fonction)) == ("appel invalide de libre : argument obligatoire absent : a")


def test_la_valeur_par_defaut_passee_telle_quelle_n_est_pas_verifiee() -> None:
    def avec_defaut(a: int, b: Decimal = SENTINELLE) -> tuple[object, object]:
        return a, b

    fonction: Any = moteur(avec_defaut)
    assert fonction(1, SENTINELLE) == (1, SENTINELLE)
    assert fonction(1, b=SENTINELLE) == (1, SENTINELLE)
    assert fonction(a=1) == (1, SENTINELLE)
    autre = _Sentinelle()
    assert _champs(_refus(lambda: fonction(1, autre))) == (
        "type refusé",
        "b",
        autre,
        "un Decimal fini (jamais un float)",
    )


def test_annotations_non_resolues_ignorees_une_a_une() -> None:
    def partielle(a: Inconnu, b: Decimal, c: int, d: Sens = Sens.HAUT) -> object:  # type: ignore[name-defined]  # noqa: F821
        return d

    fonction: Any = moteur(partielle)
    # Les annotations se lisent dans l'espace de noms de la fonction (Sens est défini ici).
    assert fonction(object(), Decimal(1), 2, "bas") is Sens.BAS
    assert _champs(_refus(lambda: fonction(1, 2.5, 2))) == (
        "type refusé",
        "b",
        2.5,
        "un Decimal fini (jamais un float)",
    )
    assert _champs(_refus(lambda: fonction(1, Decimal(1), "2"))) == (
        "type refusé",
        "c",
        "2",
        "un entier",
    )


class _Appelable:
    """Un appelable sans ``__globals__`` dont une annotation ne se résout pas (``Decimal`` n'est
    pas cherché ailleurs que chez lui) : elle est ignorée, l'autre est vérifiée."""

    __name__ = "appelable"
    __annotations__ = {"a": "Decimal", "b": int}

    def __call__(self, a: object, b: object) -> tuple[object, object]:
        return a, b


def test_appelable_sans_espace_de_noms() -> None:
    fonction: Any = moteur(_Appelable())
    assert fonction("pas un Decimal", 1) == ("pas un Decimal", 1)
    assert _refus(lambda: fonction(Decimal(1), "1")).cle == "b"


def test_annotations_deja_resolues_melangees() -> None:
    def melangee(a: object, b: object, c: object) -> None:
        return None

    melangee.__annotations__ = {"a": "Inconnu", "b": int, "c": "Decimal"}
    fonction: Any = moteur(melangee)
    assert fonction(object(), 1, Decimal(1)) is None
    assert _refus(lambda: fonction(None, "1", Decimal(1))).cle == "b"
    assert _refus(lambda: fonction(None, 1, 1.5)).cle == "c"


# --- vérificateurs simples -----------------------------------------------------------------------


def test_date_exacte() -> None:
    fonction: Any = moteur(_jour)
    jour = dt.date(2024, 3, 1)
    assert fonction(jour) is jour
    erreur = _refus(lambda: fonction(dt.datetime(2024, 3, 1, 12, tzinfo=dt.UTC)))
    assert _champs(erreur) == (
        "type refusé",
        "jour",
        dt.datetime(2024, 3, 1, 12, tzinfo=dt.UTC),
        "une date (datetime.date)",
    )
    assert _refus(lambda: fonction("2024-03-01")).attendu == "une date (datetime.date)"


def _jour(jour: dt.date) -> dt.date:
    return jour


def test_decimal_fini_et_entier_converti() -> None:
    def identite(x: Decimal) -> object:
        return x

    fonction: Any = moteur(identite)
    converti = fonction(7)
    assert type(converti) is Decimal and converti == 7
    assert fonction(Decimal("1.10")) == Decimal("1.10")
    for refuse in (1.5, True, Decimal("NaN"), Decimal("Infinity"), "1"):
        erreur = _refus(lambda refuse=refuse: fonction(refuse))  # type: ignore[misc]
        assert (erreur.message, erreur.cle, erreur.attendu) == (
            "type refusé",
            "x",
            "un Decimal fini (jamais un float)",
        )
        assert erreur.valeur is refuse


def test_entier_sans_booleen() -> None:
    def identite(n: int) -> object:
        return n

    fonction: Any = moteur(identite)
    assert fonction(0) == 0
    for refuse in (True, False, "1", 1.0, Decimal(1)):
        erreur = _refus(lambda refuse=refuse: fonction(refuse))  # type: ignore[misc]
        assert (erreur.message, erreur.cle, erreur.valeur, erreur.attendu) == (
            "type refusé",
            "n",
            refuse,
            "un entier",
        )


def test_enumeration_convertie_ou_refusee() -> None:
    def choisir(c: Couleur, s: Sens) -> tuple[object, object]:
        return c, s

    fonction: Any = moteur(choisir)
    assert fonction(1, "BAS") == (Couleur.ROUGE, Sens.BAS)
    assert fonction(Couleur.VERT, Sens.HAUT) == (Couleur.VERT, Sens.HAUT)
    erreur = _refus(lambda: fonction(3, "bas"), ErreurValeur)
    assert _champs(erreur) == ("valeur inconnue", "c", 3, "1, 2")
    erreur = _refus(lambda: fonction([1], "bas"), ErreurValeur)
    assert _champs(erreur) == ("valeur inconnue", "c", [1], "1, 2")
    erreur = _refus(lambda: fonction(1, "milieu"), ErreurValeur)
    assert _champs(erreur) == ("valeur inconnue", "s", "milieu", "haut, bas")
    erreur = _refus(lambda: fonction(1, 4))
    assert _champs(erreur) == ("type refusé pour Sens", "s", 4, "haut, bas")


def test_protocole_nomme_les_methodes_manquantes() -> None:
    def lire(source: Lisible) -> str:
        return source.lire()

    fonction: Any = moteur(lire)
    assert fonction(Livre()) == "texte"

    class SansFermer:
        def lire(self) -> str:
            return "x"

        fermer = "pas une méthode"

    refuse = SansFermer()
    erreur = _refus(lambda: fonction(refuse))
    assert _champs(erreur) == ("type refusé", "source", refuse, "un objet qui répond à fermer")
    erreur = _refus(lambda: fonction(3))
    assert erreur.attendu == "un objet qui répond à fermer, lire"


def test_instance_d_une_classe() -> None:
    def nommer(texte: str, drapeau: bool, nombre: numbers.Integral) -> tuple[object, ...]:
        return texte, drapeau, nombre

    fonction: Any = moteur(nommer)
    assert fonction("a", True, 3) == ("a", True, 3)
    assert _champs(_refus(lambda: fonction(3, True, 3))) == (
        "type refusé",
        "texte",
        3,
        "un texte",
    )
    assert _champs(_refus(lambda: fonction("a", 1, 3))) == (
        "type refusé",
        "drapeau",
        1,
        "True ou False",
    )
    # Un booléen est un Integral pour Python, jamais pour un moteur.
    assert _champs(_refus(lambda: fonction("a", False, True))) == (
        "type refusé",
        "nombre",
        True,
        "Integral",
    )
    assert _refus(lambda: fonction("a", False, "3")).attendu == "Integral"


# --- annotations composées -----------------------------------------------------------------------


def test_union_et_optionnel() -> None:
    def choisir(
        a: int | None,
        b: typing.Optional[int],  # noqa: UP045 - typing.Union voulu
        c: Decimal | str,
        d: int | str = 0,
    ) -> tuple[object, ...]:
        return a, b, c, d

    fonction: Any = moteur(choisir)
    assert fonction(None, None, 3) == (None, None, Decimal(3), 0)
    assert type(fonction(1, 2, 3)[2]) is Decimal
    assert fonction(1, 2, "x", "y") == (1, 2, "x", "y")
    assert _champs(_refus(lambda: fonction("1", None, "x"))) == (
        "type refusé",
        "a",
        "1",
        "un entier",
    )
    assert _refus(lambda: fonction(None, "1", "x")).cle == "b"
    # La dernière option essayée donne l'erreur.
    assert _champs(_refus(lambda: fonction(None, None, 1.5))) == (
        "type refusé",
        "c",
        1.5,
        "un texte",
    )
    assert _refus(lambda: fonction(None, None, None)).attendu == "un texte"

    def seulement_none(a: None) -> object:
        return a

    assert moteur(seulement_none)(None) is None


def test_sequence_en_tuple_verifie_element_par_element() -> None:
    def lister(
        a: Sequence[int],
        b: tuple[Decimal, ...],
        c: list[str],
        d: abc.Collection[int],
        e: list,  # type: ignore[type-arg]
        f: typing.List = [],  # type: ignore[type-arg]  # noqa: B006, UP006
    ) -> tuple[object, ...]:
        return a, b, c, d, e, f

    fonction: Any = moteur(lister)
    assert fonction([1, 2], [1], ("x",), (3,), [None], [None, "x"]) == (
        (1, 2),
        (Decimal(1),),
        ("x",),
        (3,),
        [None],  # « list » nu : une instance de list, gardée telle quelle
        (None, "x"),  # typing.List nu : une séquence de n'importe quoi, en tuple
    )
    assert type(fonction((), (1,), [], [], [])[1][0]) is Decimal
    generateur = (x for x in [1])
    erreur = _refus(lambda: fonction(generateur, (), [], [], []))
    assert _champs(erreur) == ("type refusé", "a", generateur, "une liste ou un tuple")
    assert _refus(lambda: fonction("12", (), [], [], [])).attendu == "une liste ou un tuple"
    erreur = _refus(lambda: fonction([1, "2"], (), [], [], []))
    assert _champs(erreur) == ("type refusé", "a[1]", "2", "un entier")
    assert _refus(lambda: fonction([], [1, 2.5], [], [], [])).cle == "b[1]"
    assert _refus(lambda: fonction([], [], [], [True], [])).cle == "d[0]"


def test_iterable_lu_a_mesure() -> None:
    def parcourir(a: Iterable[int], b: Iterator[Decimal], c: typing.Iterable) -> object:  # type: ignore[type-arg]
        return a, b, c

    fonction: Any = moteur(parcourir)
    a, b, c = fonction([1, 2], iter([3]), ["x", None])
    assert isinstance(a, abc.Generator)
    assert list(a) == [1, 2]
    assert [(type(x), x) for x in b] == [(Decimal, Decimal(3))]
    assert list(c) == ["x", None]
    a, _, _ = fonction([1, "2"], [], [])
    assert next(a) == 1
    with pytest.raises(ErreurType) as info:
        next(a)
    assert _champs(info.value) == ("type refusé", "a[1]", "2", "un entier")
    for refuse in ("12", b"12", {1: 2}, 3):
        erreur = _refus(lambda refuse=refuse: fonction(refuse, [], []))  # type: ignore[misc]
        assert _champs(erreur) == (
            "type refusé",
            "a",
            refuse,
            "une liste, un tuple ou un générateur",
        )


def test_table_verifie_cles_et_valeurs() -> None:
    def indexer(t: Mapping[str, Decimal], u: dict[int, int], v: typing.Dict) -> object:  # type: ignore[type-arg]  # noqa: UP006
        return t, u, v

    fonction: Any = moteur(indexer)
    t, _, v = fonction({"a": 1}, {}, {"z": object})
    assert t == {"a": Decimal(1)} and type(t["a"]) is Decimal and type(t) is dict
    assert v == {"z": object}
    assert _champs(_refus(lambda: fonction({3: Decimal(1)}, {}, {}))) == (
        "type refusé",
        "t",
        3,
        "un texte",
    )
    assert _champs(_refus(lambda: fonction({"a": 1.5}, {}, {}))) == (
        "type refusé",
        "t['a']",
        1.5,
        "un Decimal fini (jamais un float)",
    )
    assert _refus(lambda: fonction({}, {1: "x"}, {})).cle == "u[1]"
    paires = [("a", 1)]
    erreur = _refus(lambda: fonction(paires, {}, {}))
    assert _champs(erreur) == ("type refusé", "t", paires, "un dictionnaire")
    erreur = _refus(lambda: fonction({}, {}, [("a", 1)]))
    assert (erreur.cle, erreur.attendu) == ("v", "Mapping")


def test_fonction_attendue() -> None:
    def appeler(f: Callable[[int], int], g: abc.Callable) -> object:  # type: ignore[type-arg]
        return f(1), g

    fonction: Any = moteur(appeler)
    assert fonction(lambda n: n + 1, len) == (2, len)
    assert _champs(_refus(lambda: fonction(3, len))) == (
        "type refusé",
        "f",
        3,
        "une fonction",
    )
    assert _refus(lambda: fonction(len, "g")).cle == "g"


def test_litteral() -> None:
    def choisir(mode: Literal["a", 2]) -> object:
        return mode

    fonction: Any = moteur(choisir)
    assert fonction("a") == "a" and fonction(2) == 2
    erreur = _refus(lambda: fonction("b"), ErreurValeur)
    assert _champs(erreur) == ("valeur inconnue", "mode", "b", "a, 2")


def test_classe_generique_et_annotations_libres() -> None:
    def ranger(b: Boite[int], t: T, x: Any, o: object) -> tuple[object, ...]:
        return b, t, x, o

    fonction: Any = moteur(ranger)
    boite: Boite[int] = Boite()
    assert fonction(boite, "t", 1.5, None) == (boite, "t", 1.5, None)
    erreur = _refus(lambda: fonction(3, 1, 1, 1))
    assert _champs(erreur) == ("type refusé", "b", 3, "Boite")


def test_decorateur_nu_ou_avec_contexte() -> None:
    def precision() -> tuple[int, str]:
        return decimal.getcontext().prec, decimal.getcontext().rounding

    assert moteur(precision)() == (34, ROUND_HALF_EVEN)
    assert moteur()(precision)() == (34, ROUND_HALF_EVEN)
    assert moteur(contexte=CONTEXTE_MONTANTS)(precision)() == (34, ROUND_HALF_UP)
    assert CONTEXTE_CALCUL.prec == 34


def test_union_garde_le_nom_de_l_argument_dans_l_option_retenue() -> None:
    def parcourir(a: Iterable[int] | int) -> object:
        return a

    fonction: Any = moteur(parcourir)
    assert fonction(3) == 3
    elements = fonction([1, "2"])
    assert next(elements) == 1
    with pytest.raises(ErreurType) as info:
        next(elements)
    assert _champs(info.value) == ("type refusé", "a[1]", "2", "un entier")
