"""La répartition entre deux garants en paquets d'entiers (issue 26 : cinq montants additionnés
en une opération) donne au centime les parts de la répartition en ``Decimal`` au plus fort
reste (:func:`~collectivites.prets._portefeuille._parts`), montants négatifs et très grands
compris ; et l'ordre des clés reste celui de leur première ligne."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from collectivites.prets import Garant
from collectivites.prets import _portefeuille as module

_MONTANTS = st.integers(min_value=-(10**13), max_value=10**13)
_QUOTITES = st.integers(min_value=1, max_value=999).map(lambda x: Decimal(x) / 1000)


def _euros(centimes: int) -> Decimal:
    return Decimal(centimes) / 100


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.lists(st.tuples(_MONTANTS, _MONTANTS, _MONTANTS, _MONTANTS), min_size=1, max_size=6),
            _MONTANTS,
            _QUOTITES,
            st.sampled_from(["A", "B", "C"]),
        ),
        min_size=1,
        max_size=5,
    ),
)
def test_paquets_egaux_a_la_repartition_decimal(lignes) -> None:  # type: ignore[no-untyped-def]
    groupes: dict[str, dict[int, list[int]]] = {}
    paquets: dict[str, dict[int, int]] = {}
    attendu: dict[str, dict[int, list[int]]] = {}
    for annees, capital, quotite, premier in lignes:
        garants = (
            Garant(nom=premier, quotite=quotite),
            Garant(nom=f"autre que {premier}", quotite=1 - quotite),
        )
        serie: dict[int, tuple[int, ...]] = {
            2020 + rang: (e, i, 0, c, s) for rang, (e, i, c, s) in enumerate(annees)
        }
        module._ajouter_parts_deux((groupes, paquets), serie, garants, capital)
        en_euros = {a: tuple(map(_euros, v)) for a, v in serie.items()}
        for nom, part in module._parts(en_euros, garants, _euros(capital)):
            module._ajouter_centimes(attendu.setdefault(nom, {}), module._en_centimes_serie(part))
    module._ajouter_paquets(groupes, paquets)
    assert groupes == attendu
    assert list(groupes) == list(attendu)  # ordre des clés : celui des premières lignes


def test_un_paquet_se_deballe_en_ses_cinq_montants() -> None:
    montants = [-(2**94), 2**94 - 1, 0, -1, 12345]
    paquet = sum(m << (module._BITS * j) for j, m in enumerate(montants))
    assert module._deballer(paquet) == montants
    assert module._deballer(paquet + paquet) == [2 * m for m in montants]
