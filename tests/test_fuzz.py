"""Fuzz de chaque point d'entrée public (fonctions et modèles des façades) : quels que soient les
arguments — types faux, ``None``, flottants, ``Decimal`` infinis, dates extrêmes, objets du
métier à la mauvaise place —, seule une :class:`~collectivites.erreurs.ErreurCollectivites`
peut s'échapper."""

from __future__ import annotations

import contextlib
import datetime as dt
import importlib
import inspect
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from collectivites.erreurs import ErreurCollectivites

FACADES = (
    "collectivites.calendrier",
    "collectivites.chargement",
    "collectivites.donnees",
    "collectivites.prets",
    "collectivites.regles.delais",
    "collectivites.regles.indemnites",
    "collectivites.regles.logement",
    "collectivites.regles.rep",
    "collectivites.regles.rsa",
    "collectivites.rendu",
    "collectivites.tables",
)


def _objets() -> list[Any]:
    """Des objets du métier bien formés, que le fuzz glisse à toutes les places."""
    from collectivites.prets import IndexFige, calculer_tableau, exemple_pret, serie_index
    from collectivites.regles.delais import agenda, exemple_contrat, lire_duree
    from collectivites.regles.rep import bareme_en_vigueur, exemple_rep
    from collectivites.regles.rsa import exemple_rsa

    pret = exemple_pret("cdc-57851")
    contrat = exemple_contrat("convention-rsa-lozere")
    rsa = exemple_rsa("rsa-lozere-2019")
    tableau = calculer_tableau(pret.lignes[1])
    return [
        pret,
        pret.lignes[1],
        [pret],
        contrat,
        agenda(contrat, dt.date(2019, 1, 1), dt.date(2019, 3, 1)),
        rsa,
        rsa.convention,
        list(rsa.acomptes),
        list(rsa.operations),
        list(rsa.flux),
        bareme_en_vigueur("alcome", 2023),
        exemple_rep("rep-groupement-2021"),
        list(exemple_rep("rep-groupement-2021").communes),
        serie_index("livret_a"),
        IndexFige(valeur=Decimal("0.01")),
        lire_duree("15 jours"),
        tableau,
        tableau.decrire(),
        tableau.decrire().tables[0],
    ]


OBJETS = _objets()

VALEURS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**12), max_value=10**12),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=12),
    st.sampled_from(
        [
            "15 jours",
            "1 mois et 2 jours",
            "livret_a",
            "livret_a+1 %",
            "historique",
            "emission",
            "metropole",
            "alsace-moselle",
            "alcome",
            "annuelle",
            "SR",
            "avant",
            "cpc",
            "1,35 %",
            "2024-01-01",
            "cdc-57851",
            "csv",
            "texte",
            "ligne",
            "garant",
            "/dev/zero",
            ".",
        ]
    ),
    st.decimals(allow_nan=True, allow_infinity=True),
    st.decimals(min_value=-1_000_000, max_value=1_000_000, places=2),
    st.dates(),
    st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2060, 12, 31)),
    st.datetimes(),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
    st.sampled_from(OBJETS),
)


def _points_d_entree() -> list[tuple[str, Callable[..., Any]]]:
    resultat = []
    for nom_module in FACADES:
        module = importlib.import_module(nom_module)
        for nom in module.__all__:
            objet = getattr(module, nom)
            if callable(objet) and not (inspect.isclass(objet) and not attrs.has(objet)):
                resultat.append((f"{nom_module}.{nom}", objet))
    return resultat


POINTS = _points_d_entree()


def _parametres(fonction: Callable[..., Any]) -> list[inspect.Parameter]:
    if attrs.has(fonction):
        return [
            inspect.Parameter(f.alias or f.name, inspect.Parameter.KEYWORD_ONLY)
            for f in attrs.fields(fonction)  # type: ignore[arg-type]
            if f.init
        ]
    try:
        return list(inspect.signature(fonction).parameters.values())
    except (TypeError, ValueError):  # pragma: no cover - fonction native
        return []


@pytest.mark.parametrize(("nom", "fonction"), POINTS, ids=[n for n, _f in POINTS])
@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(donnees=st.data())
def test_seule_une_erreur_de_la_bibliotheque_s_echappe(
    nom: str, fonction: Callable[..., Any], donnees: st.DataObject
) -> None:
    args: list[Any] = []
    kwargs: dict[str, Any] = {}
    for parametre in _parametres(fonction):
        if parametre.kind in (inspect.Parameter.VAR_POSITIONAL, inspect.Parameter.VAR_KEYWORD):
            continue
        facultatif = parametre.default is not inspect.Parameter.empty
        if facultatif and donnees.draw(st.booleans(), label=f"omettre {parametre.name}"):
            continue
        valeur = donnees.draw(VALEURS, label=parametre.name)
        if parametre.kind is inspect.Parameter.POSITIONAL_ONLY:
            args.append(valeur)
        else:
            kwargs[parametre.name] = valeur
    with contextlib.suppress(ErreurCollectivites):
        fonction(*args, **kwargs)
