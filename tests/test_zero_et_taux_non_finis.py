"""Un montant arrondi à zéro s'écrit sans signe (« 0,00 », jamais « -0,00 »), et un taux qui
n'est pas un nombre fini est refusé en français au lieu d'une TypeError de Python."""

from __future__ import annotations

from decimal import Decimal

import pytest

from collectivites.erreurs import ErreurValeur
from collectivites.monnaie import formater_montant, montant_csv
from collectivites.taux import formater_taux, taux_en_pourcentage


@pytest.mark.parametrize(
    ("montant", "ecran", "csv"),
    [
        (Decimal("-0.004"), "0,00", "0.00"),
        (Decimal("-0"), "0,00", "0.00"),
        (Decimal("-0.00"), "0,00", "0.00"),
        (Decimal("-0.005"), "-0,01", "-0.01"),  # au demi supérieur en valeur absolue
        (Decimal("0.004"), "0,00", "0.00"),
        (Decimal("-1234.5"), "-1\u202f234,50", "-1234.50"),
    ],
)
def test_zero_sans_signe(montant: Decimal, ecran: str, csv: str) -> None:
    assert formater_montant(montant) == ecran
    assert montant_csv(montant) == csv


@pytest.mark.parametrize("texte", ["NaN", "sNaN", "Infinity", "-Infinity"])
def test_taux_non_fini_refuse_en_francais(texte: str) -> None:
    for fonction in (taux_en_pourcentage, formater_taux):
        with pytest.raises(ErreurValeur) as refus:
            fonction(Decimal(texte))
        assert (refus.value.message, str(refus.value.valeur), refus.value.attendu) == (
            "taux qui n'est pas un nombre fini",
            texte,
            "un taux fini",
        )


def test_taux_entier_permis() -> None:
    """Une colonne de taux peut tenir un entier (0, 1) : il s'écrit comme le Decimal."""
    assert formater_taux(0) == "0,00 %"  # type: ignore[arg-type]
    assert formater_taux(1) == "100,00 %"  # type: ignore[arg-type]
