"""Les cas de test en données : un test par cas de ``tests/cas/<moteur>/*.toml``.

Le format est décrit dans ``tests/cas_moteurs.py`` et dans la documentation (« Cas de test en
données »). Le lanceur vérifie aussi qu'il sait échouer : un attendu faux est signalé.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from .cas_moteurs import Cas, executer, tous_les_cas

CAS = tous_les_cas()


@pytest.mark.parametrize(("chemin", "cas"), [c[1:] for c in CAS], ids=[c[0] for c in CAS])
def test_cas(chemin: Path, cas: Cas) -> None:
    executer(cas, chemin)


def test_chaque_moteur_a_des_cas() -> None:
    moteurs = {cas["entree"]["moteur"] for _, _, cas in CAS}
    assert moteurs >= {"pret.tableau", "pret.teg", "delai", "rsa.interets", "rep.soutiens"}
    assert len(CAS) >= 50


def test_chaque_cas_dit_sa_source() -> None:
    for nom, _, cas in CAS:
        source = cas["source"]
        assert source.get("document") and source.get("reference"), nom
        if source.get("nature") == "calcul":
            assert len(source.get("calcul", "")) > 20, f"{nom} : calcul à la main non écrit"


def test_un_attendu_faux_echoue() -> None:
    """Le lanceur n'est pas complaisant : un chiffre faux, une ligne absente, une clé inconnue et
    un flottant sont signalés."""
    _, chemin, cas = next(c for c in CAS if c[2]["entree"]["moteur"] == "pret.tableau")
    faux = {**cas, "attendu": {**cas["attendu"], "total_echeances": "1.00"}}
    with pytest.raises(AssertionError, match="total_echeances"):
        executer(faux, chemin)
    inconnu = {**cas, "attendu": {"total_inconnu": "1"}}
    with pytest.raises(AssertionError, match="valeur inconnue"):
        executer(inconnu, chemin)
    absente = {**cas, "attendu": {"lignes": [{"numero": 9999, "echeance": "1"}]}}
    with pytest.raises(AssertionError, match="ligne 9999 absente"):
        executer(absente, chemin)
    flottant = {**cas, "attendu": {"total_echeances": 1.5}}
    with pytest.raises(TypeError, match="flottant"):
        executer(flottant, chemin)
    sans_source = {k: v for k, v in cas.items() if k != "source"}
    with pytest.raises(AssertionError, match=r"\[source\]"):
        executer(sans_source, chemin)
