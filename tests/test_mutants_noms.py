"""Les caractères « étrangers » d'un nom d'élu décrits en clair (``etrangers``) : caractères
invisibles (catégorie Unicode Cf) comme homoglyphes, chacun une fois, dans l'ordre du nom.

Un élu ne peut pas porter de caractère invisible (le modèle refuse les caractères de
contrôle) ; la fonction les décrit pour qui l'appelle sur un texte venu d'ailleurs."""

from __future__ import annotations

from collectivites.regles.indemnites._noms import etrangers, squelette


def test_caractere_invisible_decrit_une_fois() -> None:
    assert etrangers("GAUVAN\u200b Benoit\u200b") == "caractère invisible U+200B"


def test_invisibles_et_homoglyphes_dans_l_ordre_du_nom() -> None:
    assert etrangers("\u0410nne\u200d Du\u2060pont") == (
        "« \u0410 » (U+0410, cyrillique), caractère invisible U+200D, caractère invisible U+2060"
    )


def test_marque_de_direction_retiree_du_squelette() -> None:
    assert squelette("\u200fGAUVAN Benoit") == squelette("gauvan benoit")


def test_squelette_exact() -> None:
    """Blancs réduits à une espace, minuscules, homoglyphe ramené à sa lettre latine."""
    assert squelette("  G\u0410UVAN \u00a0 Benoit ") == "gauvan benoit"
