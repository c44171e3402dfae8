"""Chaque fait qu'un résultat montre (texte, HTML, classeur) est la valeur qu'il a calculée :
le fait « capital_rembourse » est l'attribut ``capital_rembourse``, sans transformation."""

from __future__ import annotations

import datetime as dt

from collectivites.prets import exemple_pret, rembourser_par_anticipation
from collectivites.regles.delais import detailler_delai

FONCIER = exemple_pret("cdc-57851").ligne("5165325")


def _valeur(objet: object, cle: str) -> object:
    for porteur in (objet, getattr(objet, "calendrier", None)):
        if porteur is not None and hasattr(porteur, cle):
            return getattr(porteur, cle)
    raise AssertionError(f"aucun attribut {cle}")


def test_faits_d_un_remboursement_anticipe() -> None:
    resultat = rembourser_par_anticipation(FONCIER, dt.date(2020, 12, 6))
    faits = resultat.decrire().faits
    cles = [f.cle for f in faits]
    assert cles[:2] == ["ligne", "date"] and cles[-1] == "total"
    assert faits[0].valeur == "5165325"
    for fait in faits[1:]:
        assert fait.valeur == _valeur(resultat, fait.cle), fait.cle


def test_faits_du_terme_d_un_delai() -> None:
    resultat = detailler_delai(dt.date(2024, 3, 15), "15 jours", regime="cpc")
    faits = {f.cle: f.valeur for f in resultat.decrire().faits}
    for cle, valeur in faits.items():
        if hasattr(resultat, cle) and not isinstance(valeur, str):  # dates et nombres
            assert valeur == getattr(resultat, cle), cle
    assert faits["date"] == dt.date(2024, 4, 2)  # samedi 30 mars → mardi 2 avril (lundi de Pâques)
