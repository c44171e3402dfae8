"""Addition des projections partielles (``prets/_partielle.py``), suite (issue 27) : un
générateur de parties est replié à mesure (« un générateur n'est jamais gardé en entier ») et
la vérification d'une annotation ``Iterable`` par ``@moteur`` accepte tout itérable sauf un
texte, des octets ou un dictionnaire, en vérifiant chaque élément quand il est lu.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

import pytest

from collectivites._moteur import moteur
from collectivites.erreurs import ErreurType, ErreurValeur
from collectivites.prets._partielle import ProjectionPartielle, fusionner


def _partie(**autres: Any) -> ProjectionPartielle:
    champs: dict[str, Any] = {"par": "garant"}
    champs.update(autres)
    return ProjectionPartielle(**champs)


def test_un_generateur_est_replie_a_mesure() -> None:
    """Chaque partie est repliée avant que la suivante soit produite : quand le générateur
    fabrique la troisième, les deux premières ont déjà été lues une à une."""
    produites: list[int] = []

    def parties() -> Iterator[ProjectionPartielle]:
        for rang in range(3):
            produites.append(rang)
            yield _partie(lignes=[f"l{rang}"], nombre_lignes=rang + 1, notes=(f"n{rang}",))

    resultat = fusionner(parties())
    assert produites == [0, 1, 2]
    assert resultat.nombre_lignes == 1 + 2 + 3
    assert resultat.notes == ("n0", "n1", "n2")


def test_un_generateur_errone_echoue_sur_l_element_fautif_sans_lire_la_suite() -> None:
    lues: list[int] = []

    def parties() -> Iterator[object]:
        lues.append(0)
        yield _partie(lignes=["a"])
        lues.append(1)
        yield "pas une partie"
        lues.append(2)  # pragma: no cover - jamais atteint
        yield _partie(lignes=["b"])  # pragma: no cover

    with pytest.raises(ErreurType) as info:
        fusionner(parties())  # type: ignore[arg-type]
    assert info.value.cle == "parties[1]"
    assert lues == [0, 1]


@pytest.mark.parametrize("valeur", ["ab", b"ab", bytearray(b"ab"), {"a": 1}, 3, None])
def test_ni_texte_ni_octets_ni_dictionnaire_ni_scalaire(valeur: object) -> None:
    with pytest.raises(ErreurType) as info:
        fusionner(valeur)  # type: ignore[arg-type]
    assert info.value.cle == "parties"
    assert info.value.attendu == "une liste, un tuple ou un générateur"


@pytest.mark.parametrize("forme", [list, tuple, iter, lambda p: (x for x in p)])
def test_toutes_les_formes_d_iterable_donnent_la_meme_somme(forme: Any) -> None:
    parties = [
        _partie(lignes=["a"], sommes={"g": {2024: (1, 2, 3, 4, 5)}}),
        _partie(lignes=["b"], sommes={"g": {2024: (10, 20, 30, 40, 50)}}),
    ]
    resultat = fusionner(forme(parties))
    assert tuple(resultat.sommes["g"][2024]) == (11, 22, 33, 44, 55)


def test_un_generateur_vide_n_a_rien_a_fusionner() -> None:
    with pytest.raises(ErreurValeur, match="aucune projection"):
        fusionner(p for p in list[ProjectionPartielle]())


def test_la_somme_de_deux_parties_passe_par_fusionner() -> None:
    a = _partie(lignes=["a"], nombre_lignes=2)
    b = _partie(lignes=["b"], nombre_lignes=5)
    assert (a + b).nombre_lignes == 7
    assert a + b == fusionner([a, b])


def test_iterable_et_iterator_verifies_a_la_lecture_une_sequence_d_avance() -> None:
    """Les trois annotations sur un même moteur de test : ``Sequence`` est vérifiée d'avance (une
    liste ou un tuple), ``Iterable`` et ``Iterator`` à mesure."""

    @moteur
    def premier(valeurs: Iterable[int]) -> int:
        for v in valeurs:
            return v
        return -1

    @moteur
    def suivant(valeurs: Iterator[int]) -> int:
        return next(valeurs)

    assert premier([4, "x"]) == 4  # type: ignore[list-item]
    assert premier(iter(range(7, 9))) == 7
    assert premier(()) == -1
    assert suivant(iter([5])) == 5
    with pytest.raises(ErreurType) as info:
        premier(["x", 4])  # type: ignore[list-item]
    assert info.value.cle == "valeurs[0]"
    with pytest.raises(ErreurType):
        premier("45")  # type: ignore[arg-type]


def test_une_serie_deja_vue_n_arrete_pas_la_lecture_des_suivantes() -> None:
    """La seconde partie consulte d'abord une série déjà vue (Livret A), puis une nouvelle
    (inflation) : les deux séries restent, le Livret A à la plus tardive des deux dates."""
    import datetime as dt
    from decimal import Decimal

    from collectivites.donnees import SerieDatee
    from collectivites.donnees._series import PointSerie

    def serie(nom: str) -> SerieDatee:
        point = PointSerie(date_effet=dt.date(2020, 1, 1), valeur=Decimal("0.03"))
        return SerieDatee(nom=nom, points=(point,))

    livret_a, inflation = serie("livret_a"), serie("inflation")
    premiere = _partie(lignes=["a"], consultations=((livret_a, dt.date(2030, 1, 1)),))
    seconde = _partie(
        lignes=["b"],
        consultations=((livret_a, dt.date(2035, 1, 1)), (inflation, dt.date(2031, 1, 1))),
    )
    assert fusionner([premiere, seconde]).consultations == (
        (livret_a, dt.date(2035, 1, 1)),
        (inflation, dt.date(2031, 1, 1)),
    )
