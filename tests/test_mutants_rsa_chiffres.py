"""Chiffres de la convention rSa (art. 3) à leurs bornes, avec leurs refus exacts : ce que les
mutants de ``regles/rsa/_chiffres.py`` ont montré non tenu (chemins d'erreur des avances et des
remises de dette, convention qui ne fixe pas ces chiffres)."""

from __future__ import annotations

from decimal import Decimal

import attrs
import pytest

from collectivites.erreurs import ABSENT, ErreurValeur
from collectivites.regles.rsa import (
    avances_restantes,
    exemple_rsa,
    instance_remise_dette,
    plafond_avance,
)

CONVENTION = exemple_rsa("rsa-lozere-2019").convention
MF = Decimal("535.17")  # montant forfaitaire d'une personne seule (exemple)


def _refus(appel: object) -> tuple[str, str | None, object, str | None]:
    with pytest.raises(ErreurValeur) as refus:
        appel()  # type: ignore[operator]
    e = refus.value
    return e.message, e.cle, e.valeur, e.attendu


def test_avances_sans_plafonds_dans_la_convention() -> None:
    sans = attrs.evolve(CONVENTION, plafonds_avance=None)
    attendu = ("la convention ne fixe pas de plafonds d'avance", "plafonds_avance", ABSENT, None)
    assert _refus(lambda: avances_restantes(sans, deja_versees=0)) == attendu
    assert _refus(lambda: plafond_avance(sans, couple=False, enfants=0)) == attendu


def test_avances_deja_versees_negatives_refusees() -> None:
    assert _refus(lambda: avances_restantes(CONVENTION, deja_versees=-1)) == (
        "nombre d'avances négatif",
        "deja_versees",
        -1,
        "≥ 0",
    )
    # 0 est permis : la borne est exclue du refus
    assert avances_restantes(CONVENTION, deja_versees=0) == 2


def test_avances_au_dela_du_plafond_annuel() -> None:
    """« dans la limite de 2 par an » : jamais négatif, même après 5 avances déclarées."""
    assert avances_restantes(CONVENTION, deja_versees=5) == 0


def test_enfants_negatifs_refuses() -> None:
    assert _refus(lambda: plafond_avance(CONVENTION, couple=True, enfants=-1)) == (
        "nombre d'enfants négatif",
        "enfants",
        -1,
        "≥ 0",
    )


def test_remise_de_dette_sans_seuil_dans_la_convention() -> None:
    sans = attrs.evolve(CONVENTION, multiple_remise_dette=None)
    assert _refus(
        lambda: instance_remise_dette(sans, dette=Decimal(1), montant_forfaitaire=MF)
    ) == (
        "la convention ne fixe pas de seuil de remise de dette",
        "multiple_remise_dette",
        ABSENT,
        None,
    )


def test_remise_de_dette_dette_negative_refusee_nulle_permise() -> None:
    assert _refus(
        lambda: instance_remise_dette(CONVENTION, dette=Decimal("-0.01"), montant_forfaitaire=MF)
    ) == ("dette négative", "dette", Decimal("-0.01"), "≥ 0")
    assert instance_remise_dette(CONVENTION, dette=Decimal(0), montant_forfaitaire=MF) == "CAF"


@pytest.mark.parametrize("mf", [Decimal(0), Decimal("-1")])
def test_remise_de_dette_montant_forfaitaire_nul_ou_negatif(mf: Decimal) -> None:
    assert _refus(
        lambda: instance_remise_dette(CONVENTION, dette=Decimal(10), montant_forfaitaire=mf)
    ) == ("montant forfaitaire nul ou négatif", "montant_forfaitaire", mf, "> 0")


def test_remise_de_dette_seuil_de_la_convention() -> None:
    """« inférieure à trois fois le montant forfaitaire » : le multiple est celui de la
    convention (ici 3 ; avec 2, une dette de 2,5 fois le montant va au département)."""
    dette = Decimal("1337.93")  # 2,5 × 535,17 (arrondi au centime inférieur)
    assert instance_remise_dette(CONVENTION, dette=dette, montant_forfaitaire=MF) == "CAF"
    deux = attrs.evolve(CONVENTION, multiple_remise_dette=2)
    assert instance_remise_dette(deux, dette=dette, montant_forfaitaire=MF) == "département"


def test_remise_de_dette_montant_forfaitaire_d_un_euro_accepte() -> None:
    """Le refus ne vise que le montant nul ou négatif : 1 € (ou moins) reste un montant."""
    for mf in (Decimal("1"), Decimal("0.50")):
        assert instance_remise_dette(CONVENTION, dette=mf, montant_forfaitaire=mf) == "CAF"
