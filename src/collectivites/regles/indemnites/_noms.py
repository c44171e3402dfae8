"""Comparaison des noms d'élus : deux noms qui s'affichent pareil désignent le même élu.

« GAUVAN Benoit » écrit une fois avec un « А » cyrillique (U+0410) s'affiche comme le nom latin :
un tableau qui les compte tous deux compte deux fois le même élu. La clé de comparaison
(« squelette ») d'un nom est :

1. sa forme Unicode NFKC (lettres pleine chasse, ligatures, exposants ramenés à la lettre) ;
2. sans caractères de mise en forme invisibles (catégorie Unicode Cf : espace sans chasse,
   marques de direction), blancs réduits à une espace ;
3. en minuscules (``casefold``) ;
4. chaque homoglyphe cyrillique ou grec d'une lettre latine remplacé par cette lettre.

La table des homoglyphes est volontairement petite : les lettres cyrilliques et grecques qui,
en majuscule ou en minuscule, ont le dessin d'une lettre latine de base (a, b, c, e, h, i, j, k,
m, n, o, p, s, t, x, y…). Ce n'est pas la table complète des « confusables » d'Unicode
(UTS #39) : les signes d'autres écritures, ou les lettres latines accentuées ressemblantes,
ne sont pas rapprochés.
"""

from __future__ import annotations

import unicodedata

__all__ = ["HOMOGLYPHES", "etrangers", "squelette"]

#: Homoglyphes (après ``casefold``) → (lettre latine, écriture). Les minuscules cyrilliques
#: « в », « н », « м », « т » et grecques « η », « ν » sont les formes minuscules de majuscules
#: qui ont le dessin de B, H, M, T, H, N.
HOMOGLYPHES: dict[str, tuple[str, str]] = {
    # cyrillique
    "а": ("a", "cyrillique"),
    "в": ("b", "cyrillique"),
    "с": ("c", "cyrillique"),
    "ԁ": ("d", "cyrillique"),
    "е": ("e", "cyrillique"),
    "һ": ("h", "cyrillique"),
    "н": ("h", "cyrillique"),
    "і": ("i", "cyrillique"),
    "ӏ": ("l", "cyrillique"),
    "ј": ("j", "cyrillique"),
    "к": ("k", "cyrillique"),
    "м": ("m", "cyrillique"),
    "о": ("o", "cyrillique"),
    "р": ("p", "cyrillique"),
    "ԛ": ("q", "cyrillique"),
    "ѕ": ("s", "cyrillique"),
    "т": ("t", "cyrillique"),
    "ԝ": ("w", "cyrillique"),
    "х": ("x", "cyrillique"),
    "у": ("y", "cyrillique"),
    "ү": ("y", "cyrillique"),
    # grec
    "α": ("a", "grec"),
    "β": ("b", "grec"),
    "ε": ("e", "grec"),
    "ζ": ("z", "grec"),
    "η": ("h", "grec"),
    "ι": ("i", "grec"),
    "κ": ("k", "grec"),
    "μ": ("m", "grec"),
    "ν": ("n", "grec"),
    "ο": ("o", "grec"),
    "ρ": ("p", "grec"),
    "τ": ("t", "grec"),
    "υ": ("y", "grec"),
    "χ": ("x", "grec"),
}
_TABLE = str.maketrans({k: v for k, (v, _) in HOMOGLYPHES.items()})


def _visible(texte: str) -> str:
    texte = unicodedata.normalize("NFKC", texte)
    texte = "".join(c for c in texte if unicodedata.category(c) != "Cf")
    return " ".join(texte.split())


def squelette(nom: str) -> str:
    """La clé de comparaison d'un nom (voir le module) : ``squelette("GАUVAN")`` (« А »
    cyrillique) vaut ``squelette("Gauvan")``."""
    return _visible(nom).casefold().translate(_TABLE)


def etrangers(nom: str) -> str:
    """Les caractères d'un nom qui ne sont pas ce qu'ils paraissent : homoglyphes cyrilliques
    ou grecs et caractères invisibles, décrits en français (« « А » (U+0410, cyrillique) »),
    ou ``""``."""
    vus: list[str] = []
    for caractere in unicodedata.normalize("NFKC", nom):
        description = ""
        if unicodedata.category(caractere) == "Cf":
            description = f"caractère invisible U+{ord(caractere):04X}"
        else:
            ecriture = HOMOGLYPHES.get(caractere.casefold())
            if ecriture is not None:
                description = f"« {caractere} » (U+{ord(caractere):04X}, {ecriture[1]})"
        if description and description not in vus:
            vus.append(description)
    return ", ".join(vus)
