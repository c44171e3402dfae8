"""Le document budgétaire (``dette/_modeles.py``) : la catégorie de la collectivité lue de sa
nature et de sa nomenclature, et le ratio des garanties calculé des éléments du fichier (ligne
10), à ses bornes : recettes nulles, « pour mémoire », un seul élément de charge."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import attrs
import pytest

from collectivites.dette import exemple_document
from collectivites.dette._garanties_regles import Collectivite

BP = exemple_document("crach-bp-2022")  # recettes, annuité nette, annuités garanties


@pytest.mark.parametrize(
    ("nature", "nomenclature", "categorie"),
    [
        ("Commune", "M14-M14_COM_500_3500", "commune"),
        ("Département", "M57", "departement"),
        (None, "M52", "departement"),
        ("Région", None, "region"),
        ("", "M71", "region"),
        (None, None, "commune"),
        ("Syndicat mixte", "M4", "commune"),
    ],
)
def test_categorie_de_la_collectivite(
    nature: str | None, nomenclature: str | None, categorie: str
) -> None:
    document = attrs.evolve(BP, nature_collectivite=nature, nomenclature=nomenclature)
    assert document.categorie_collectivite == categorie


def _avec(*elements: tuple[str, str]) -> Any:
    return attrs.evolve(
        BP, elements_ratio=tuple((n, Decimal(v)) for n, v in elements)
    ).ratio_garanties


def test_ratio_sans_recettes_positives() -> None:
    assert _avec(("RReelFon", "0.00"), ("AnnuitNetDette", "10.00")) is None
    assert _avec(("AnnuitNetDette", "10.00")) is None


def test_ratio_de_un_euro_de_recettes_calcule() -> None:
    ratio = _avec(("RReelFon", "1.00"), ("AnnuitNetDette", "0.10"))
    assert ratio is not None
    assert ratio.elements.recettes_reelles_fonctionnement == Decimal("1.00")


def test_ratio_pour_memoire_seulement() -> None:
    assert _avec(("RReelFon", "1000.00")) is None


def test_ratio_avec_les_seules_annuites_garanties() -> None:
    ratio = _avec(("RReelFon", "1000.00"), ("TotGarEchoirExer", "20.00"))
    assert ratio is not None
    assert ratio.elements.annuites_garanties_a_echoir == Decimal("20.00")
    assert ratio.elements.annuite_nette_dette == Decimal("0.00")


def test_ratio_d_un_departement() -> None:
    departement = attrs.evolve(BP, nature_collectivite="Département", nomenclature="M57")
    assert departement.ratio_garanties.collectivite is Collectivite.DEPARTEMENT
    assert BP.ratio_garanties.collectivite is Collectivite.COMMUNE
