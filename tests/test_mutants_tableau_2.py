"""Tests de mutation du tableau d'amortissement (``prets/_tableau.py``), suite de
``test_mutants_tableau.py`` : ce que le passage complet du 8 décembre a laissé survivre.

Chaque valeur attendue est calculée ici à la main (le calcul est écrit à côté)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import attrs
import pytest

from collectivites.prets import LigneDePret, Prefinancement, calculer_tableau, exemple_pret
from collectivites.prets._modeles import ModeCalcul

#: Ligne 5165325 du contrat n° 57851 (PLUS foncier, 128 189 €, 1,35 %, 30/360, mode équivalent,
#: sans versements déclarés : un versement unique au début du préfinancement).
FONCIER = exemple_pret("cdc-57851").ligne("5165325")


@pytest.mark.parametrize(
    ("mode", "attendu"),
    [
        # 6 mois à 2 % en mode proportionnel : 128 189 × 0,02 × 180/360 = 1 281,89.
        (ModeCalcul.PROPORTIONNEL, "1281.89"),
        # en mode équivalent : 128 189 × (1,02^(1/2) − 1) = 128 189 × 0,0099504938… = 1 275,54.
        (ModeCalcul.EQUIVALENT, "1275.54"),
    ],
)
def test_prefinancement_de_six_mois_selon_le_mode(mode: ModeCalcul, attendu: str) -> None:
    ligne = attrs.evolve(
        FONCIER,
        prefinancement=Prefinancement(duree_mois=6, taux=Decimal("0.02")),
        mode_calcul_interets=mode,
    )
    assert str(calculer_tableau(ligne).interets_prefinancement) == attendu


@pytest.mark.parametrize(
    ("mode", "attendu"),
    [
        # Base exacte, 1 000 € en deux semestres à 10 % : l'échéance est posée au taux d'une
        # période régulière (six mois), les intérêts suivent les jours (184 puis 181 sur 365).
        # Équivalent : t = 1,1^(1/2) − 1 = 0,0488088…, E = 1 000 t / (1 − (1 + t)^−2) = 536,90 ;
        # intérêts 1 000 × (1,1^(184/365) − 1) = 49,22, puis 512,32 × (1,1^(181/365) − 1) = 24,80.
        (
            ModeCalcul.EQUIVALENT,
            [("536.90", "49.22", "487.68", "512.32"), ("537.12", "24.80", "512.32", "0.00")],
        ),
        # Proportionnel : t = 10 % / 2 = 0,05, E = 1 000 × 0,05 / (1 − 1,05^−2) = 537,80 ;
        # intérêts 1 000 × 0,1 × 184/365 = 50,41, puis 512,61 × 0,1 × 181/365 = 25,42.
        (
            ModeCalcul.PROPORTIONNEL,
            [("537.80", "50.41", "487.39", "512.61"), ("538.03", "25.42", "512.61", "0.00")],
        ),
    ],
)
def test_base_exacte_echeance_au_taux_de_periode_du_mode(
    mode: ModeCalcul, attendu: list[tuple[str, str, str, str]]
) -> None:
    ligne = LigneDePret(
        identifiant="t",
        montant=Decimal("1000.00"),
        date_debut_amortissement=dt.date(2009, 8, 1),
        duree=2,
        periodicite="semestrielle",
        index="livret_a",
        valeur_index_reference=Decimal("0.05"),
        marge=Decimal("0.05"),
        taux_interet=Decimal("0.10"),
        profil="amortissement_deduit_interets_differes",
        revision="SR",
        base_calcul="exact",
        mode_calcul_interets=mode,
    )
    lignes = calculer_tableau(ligne).lignes
    assert [
        (str(r.echeance), str(r.interets), str(r.amortissement), str(r.capital_du)) for r in lignes
    ] == attendu


class _SourceNue:
    """Une source d'index qui n'a que le protocole : ni ``description`` ni ``nom``."""

    def valeur_au(self, _jour: dt.date, /) -> Decimal:
        return Decimal("0.0075")  # la valeur de référence de la ligne

    def changements(self, _debut: dt.date, _fin: dt.date, /) -> tuple[dt.date, ...]:
        return ()


class _SourceNommee(_SourceNue):
    description = ""  # vide : c'est le nom qui décrit la source
    nom = "index de la collectivité"


def test_description_d_une_source_sans_description() -> None:
    assert calculer_tableau(FONCIER, index=_SourceNue()).index == "index fourni"
    assert calculer_tableau(FONCIER, index=_SourceNommee()).index == "index de la collectivité"
