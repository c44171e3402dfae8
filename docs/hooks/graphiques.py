"""Crochet mkdocs : les graphiques des tutoriels, dessinés par la bibliothèque à chaque
construction du site (``docs/images/generees/``, hors du dépôt) — jamais une image figée qui
dirait autre chose que le code."""

from __future__ import annotations

from pathlib import Path
from typing import Any


def _ecrire(dossier: Path, nom: str, resultat: Any) -> None:
    contenu = resultat.rendre("svg")
    chemin = dossier / nom
    if not chemin.exists() or chemin.read_text(encoding="utf-8") != contenu:
        chemin.write_text(contenu, encoding="utf-8")


def on_pre_build(config: Any, **_kwargs: Any) -> None:
    import datetime as dt

    from collectivites.prets import (
        Agregation,
        calculer_tableau,
        ecart,
        exemple_pret,
        projeter,
        scenario,
        serie_index,
    )

    dossier = Path(config["docs_dir"]) / "images" / "generees"
    dossier.mkdir(parents=True, exist_ok=True)
    foncier = exemple_pret("cdc-57851").ligne("5165325")
    _ecrire(dossier, "profil-5165325-fige.svg", calculer_tableau(foncier))
    _ecrire(
        dossier,
        "profil-5165325-historique.svg",
        calculer_tableau(foncier, index=serie_index("livret_a")),
    )
    prets = [exemple_pret(n) for n in ("cdc-57851", "cdc-57769", "cdc-57828")]
    base = projeter(prets, scenario("historique"), par=Agregation.GARANT)
    _ecrire(dossier, "portefeuille-par-garant.svg", base)
    choc = projeter(
        prets, scenario("livret_a+1 %", depuis=dt.date(2027, 1, 1)), par=Agregation.GARANT
    )
    _ecrire(
        dossier,
        "ecart-livret-a-plus-1.svg",
        ecart(base, choc, titre="Écart par garant : Livret A + 1 point dès 2027"),
    )
