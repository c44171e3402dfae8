"""Un résultat ne connaît pas sa présentation : le module de présentation l'importe et
s'enregistre pour lui (:func:`collectivites.presentation.decrit`), et
:meth:`~collectivites.presentation.Presentable.decrire` le charge au premier besoin."""

from __future__ import annotations

import subprocess
import sys

import attrs
import pytest

from collectivites.presentation import Presentable, decrit
from collectivites.tables import Document


def test_la_presentation_n_est_chargee_qu_a_la_description() -> None:
    code = (
        "import sys\n"
        "from collectivites.prets import calculer_tableau, exemple_pret\n"
        "t = calculer_tableau(exemple_pret('cdc-57851').lignes[1])\n"
        "avant = 'collectivites.prets._presentation' in sys.modules\n"
        "titre = t.decrire().titre\n"
        "print(avant, 'collectivites.prets._presentation' in sys.modules, titre)\n"
    )
    sortie = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert sortie.split(" ", 2)[:2] == ["False", "True"]
    assert sortie.split(" ", 2)[2].startswith("Ligne 5165325")


def test_une_sous_classe_ecrite_ailleurs_trouve_la_presentation_de_sa_parente() -> None:
    """Une sous-classe définie hors du paquet (ici, dans ce module de test) retrouve la
    description de sa classe parente, même si le module de présentation n'est pas chargé."""
    code = (
        "import sys\n"
        "from collectivites.regles.delais import exemple_contrat\n"
        "from collectivites.regles.delais._contrats import Contrat\n"
        "class MonContrat(Contrat):\n"
        "    pass\n"
        "c = exemple_contrat('alcome-contrat-type')\n"
        "import attrs\n"
        "mien = MonContrat(**{a.name: getattr(c, a.name) for a in attrs.fields(Contrat)})\n"
        "assert 'collectivites.regles.delais._presentation' not in sys.modules\n"
        "print(mien.decrire() == c.decrire())\n"
    )
    sortie = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert sortie.strip() == "True"


def test_une_sous_classe_herite_de_la_description() -> None:
    @attrs.frozen
    class Resultat(Presentable):
        nom: str

    class Variante(Resultat):
        pass

    @decrit(Resultat)
    def decrire_resultat(r: Resultat) -> Document:
        return Document(titre=f"Résultat {r.nom}")

    assert Variante("b").decrire().titre == "Résultat b"
    assert decrire_resultat(Resultat("a")) == Resultat("a").decrire()


def test_un_resultat_sans_presentation_le_dit() -> None:
    class Orphelin(Presentable):
        pass

    with pytest.raises(NotImplementedError, match=r"Orphelin ne se décrit pas : ni méthode"):
        Orphelin().decrire()


@pytest.mark.parametrize(
    ("module", "classe"),
    [
        ("collectivites.prets._tableau", "TableauAmortissement"),
        ("collectivites.prets._modeles", "Pret"),
        ("collectivites.prets._modeles", "LigneDePret"),
        ("collectivites.prets._remboursement", "ResultatRemboursement"),
        ("collectivites.prets._changement_index", "ResultatChangementIndex"),
        ("collectivites.regles.delais._contrats", "Contrat"),
        ("collectivites.regles.rep._soutiens", "ResultatSoutiens"),
        ("collectivites.regles.logement._flux", "ResultatFlux"),
        ("collectivites.regles.indemnites._calcul", "ResultatIndemnites"),
        ("collectivites.regles.paiements._calcul", "ResultatRetard"),
        ("collectivites.regles.paiements._registre", "ResultatRegistre"),
        ("collectivites.dette._etat", "EtatDette"),
        ("collectivites.dette._controles", "ControleAnnexe"),
        ("collectivites.dette._garanties", "RatioGaranties"),
        ("collectivites.dette._garanties", "VerificationGarantie"),
    ],
)
def test_chaque_resultat_trouve_sa_presentation(module: str, classe: str) -> None:
    """Les résultats dont la description a quitté la classe la retrouvent par leur paquet."""
    import importlib

    from collectivites import presentation

    cls = getattr(importlib.import_module(module), classe)
    assert "decrire" not in vars(cls)
    assert presentation._description(cls) is not None
