"""Stratégies Hypothesis partagées."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from hypothesis import strategies as st

from collectivites.prets import LigneDePret, Prefinancement

dates_usuelles = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2090, 12, 31))
zones = st.sampled_from(["metropole", "alsace-moselle", "971", "974", "976", "978"])

pourcentages = st.decimals(
    min_value=Decimal("0"), max_value=Decimal("6"), places=2, allow_nan=False, allow_infinity=False
).map(lambda x: x / 100)


@st.composite
def lignes_de_pret(draw: st.DrawFn, **forcer: object) -> LigneDePret:
    """Une ligne de prêt CDC plausible (montants au centime, taux au centième de point)."""
    reference = draw(pourcentages)
    marge = draw(pourcentages)
    periodicite = draw(st.sampled_from(["annuelle", "semestrielle", "trimestrielle", "mensuelle"]))
    duree = draw(st.integers(min_value=1, max_value=60))
    valeurs: dict[str, object] = {
        "identifiant": "test",
        "montant": Decimal(draw(st.integers(min_value=100, max_value=5_000_000_00))) / 100,
        "date_debut_amortissement": draw(
            st.dates(min_value=dt.date(2001, 1, 1), max_value=dt.date(2030, 12, 31))
        ),
        "duree": duree,
        "periodicite": periodicite,
        "index": "livret_a",
        "valeur_index_reference": reference,
        "marge": marge,
        "taux_interet": reference + marge,
        "profil": draw(
            st.sampled_from(
                [
                    "amortissement_deduit_interets_differes",
                    "amortissement_deduit_interets_prioritaires",
                    "amortissement_prioritaire",
                ]
            )
        ),
        "revision": draw(st.sampled_from(["SR", "DR", "DL", "fixe"])),
        "taux_progressivite": draw(
            st.decimals(min_value=Decimal("-1"), max_value=Decimal("2"), places=2).map(
                lambda x: x / 100
            )
        ),
        "mode_calcul_interets": draw(st.sampled_from(["equivalent", "proportionnel"])),
        "prefinancement": draw(
            st.none() | st.builds(Prefinancement, duree_mois=st.integers(3, 11))
        ),
    }
    progressivite = valeurs["taux_progressivite"]
    assert isinstance(progressivite, Decimal)
    valeurs["taux_plancher_progressivite"] = (
        draw(st.sampled_from([None, Decimal(0)])) if progressivite >= 0 else None
    )
    valeurs.update(forcer)
    return LigneDePret(**valeurs)  # type: ignore[arg-type]
