"""Intérêts simples par périodes à taux constant (``_interets.py``) : tests écrits pour les
mutants de ce module. Les attendus se calculent à la main : base × taux × jours / 365."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from collectivites._interets import PeriodeInterets, interets_par_periodes, table_periodes
from collectivites.donnees import PointSerie, SerieDatee
from collectivites.tables import Genre

D = dt.date
P = Decimal

SERIE = SerieDatee(
    nom="taux",
    points=(
        PointSerie(date_effet=D(2024, 1, 1), valeur=P("0.0365")),
        PointSerie(date_effet=D(2024, 3, 1), valeur=P("0.073")),
    ),
)


def test_periode_vide_ou_inversee() -> None:
    assert interets_par_periodes(P(1000), D(2024, 2, 1), D(2024, 2, 1), SERIE) == []
    assert interets_par_periodes(P(1000), D(2024, 2, 2), D(2024, 2, 1), SERIE) == []


def test_une_periode_a_taux_constant() -> None:
    # 1 000 × 3,65 % × 10 / 365 = 1,00
    (periode,) = interets_par_periodes(P(1000), D(2024, 1, 10), D(2024, 1, 20), SERIE)
    assert periode == PeriodeInterets(
        debut=D(2024, 1, 10), fin=D(2024, 1, 20), base=P(1000), taux=P("0.0365"), interets=P(1)
    )


def test_periodes_coupees_au_changement_de_taux() -> None:
    # du 20/02 au 01/03/2024 : 10 jours (2024 est bissextile) à 3,65 % → 1,00 ;
    # du 01/03 au 06/03 : 5 jours à 7,3 % → 1 000 × 0,073 × 5 / 365 = 1,00
    periodes = interets_par_periodes(P(1000), D(2024, 2, 20), D(2024, 3, 6), SERIE)
    assert [(p.debut, p.fin, p.taux, p.interets) for p in periodes] == [
        (D(2024, 2, 20), D(2024, 3, 1), P("0.0365"), P(1)),
        (D(2024, 3, 1), D(2024, 3, 6), P("0.073"), P(1)),
    ]


def test_majoration_et_annee_de_360_jours() -> None:
    # (3,65 % + 3,55 %) = 7,2 % ; 1 000 × 0,072 × 10 / 360 = 2
    (periode,) = interets_par_periodes(
        P(1000), D(2024, 1, 10), D(2024, 1, 20), SERIE, majoration=P("0.0355"), jours_annee=360
    )
    assert periode.taux == P("0.072")
    assert periode.interets == P(2)
    (sans,) = interets_par_periodes(P(1000), D(2024, 1, 10), D(2024, 1, 11), SERIE)
    assert sans.taux == P("0.0365")
    assert sans.interets == P("0.1")


def test_table_des_periodes() -> None:
    periodes = tuple(interets_par_periodes(P(1000), D(2024, 2, 20), D(2024, 3, 6), SERIE))
    table = table_periodes(periodes, libelle_taux="Intérêt légal")
    assert table.cle == "periodes"
    assert table.titre == "Périodes à taux constant"
    assert [(c.cle, c.libelle, c.genre) for c in table.colonnes] == [
        ("debut", "Du", Genre.DATE),
        ("fin", "Au (exclu)", Genre.DATE),
        ("base", "Base", Genre.MONTANT),
        ("taux", "Intérêt légal", Genre.TAUX),
        ("interets", "Intérêts", Genre.MONTANT),
    ]
    assert table.lignes == (
        (D(2024, 2, 20), D(2024, 3, 1), P(1000), P("0.0365"), P(1)),
        (D(2024, 3, 1), D(2024, 3, 6), P(1000), P("0.073"), P(1)),
    )
    assert table_periodes(periodes).colonnes[3].libelle == "Taux"
