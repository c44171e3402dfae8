"""Raisons des erreurs du système en français (``_systeme.py``) et accès dépréciés d'une façade
(``_depreciation.py``) : chaque branche avec son texte exact, l'avertissement désignant la ligne
de l'appelant."""

from __future__ import annotations

import errno
import warnings

import pytest

from collectivites._depreciation import acces_deprecie
from collectivites._systeme import _RAISONS, raison_systeme


def test_code_connu_traduit() -> None:
    assert raison_systeme(OSError(errno.ENOSPC, "No space left on device")) == (
        "plus de place sur le périphérique"
    )


def test_code_nomme_sans_traduction() -> None:
    code, nom = next((c, n) for c, n in sorted(errno.errorcode.items()) if c not in _RAISONS)
    assert raison_systeme(OSError(code, "x")) == f"erreur du système {nom}"


def test_code_inconnu() -> None:
    assert raison_systeme(OSError(4242, "Unknown error 4242")) == "erreur du système n° 4242"


def test_delai_et_exception_sans_code() -> None:
    assert raison_systeme(TimeoutError()) == "délai dépassé"
    assert raison_systeme(ValueError("x")) == "erreur du système ValueError"


def test_nom_inconnu_d_une_facade() -> None:
    lire = acces_deprecie("paquet.essai", {})
    with pytest.raises(AttributeError) as refus:
        lire("absent")
    assert str(refus.value) == "module 'paquet.essai' has no attribute 'absent'"


def test_ancien_nom_averti_a_la_ligne_de_l_appelant() -> None:
    lire = acces_deprecie("paquet.essai", {"vieux": ("collectivites.monnaie", "arrondir")})
    with warnings.catch_warnings(record=True) as vus:
        warnings.simplefilter("always")
        from collectivites.monnaie import arrondir

        assert lire("vieux") is arrondir
    (vu,) = vus
    assert vu.category is DeprecationWarning
    assert str(vu.message) == (
        "« paquet.essai.vieux » est déprécié et disparaîtra : employez "
        "« collectivites.monnaie.arrondir »."
    )
    assert vu.filename == __file__  # niveau 2 : l'appelant du __getattr__
