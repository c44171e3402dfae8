"""Entrées hostiles des commandes de la dette (``collectivites garantie …``) : chacune doit être
refusée proprement (code 2, message en français, rien sur la sortie standard). Ajoutées au corpus
commun par ``tests/hostiles.py`` (thème ``dette``)."""

from __future__ import annotations

from tests.hostiles import Cas

#: Les éléments du ratio, valides : chaque cas en remplace un ou ajoute une option fautive.
_ELEMENTS = {
    "--recettes-reelles": "1000000",
    "--annuite-dette": "300000",
    "--annuites-garanties": "150000",
}
_PROJET = {"--annuite": "20000", "--quotite": "50 %", "--beneficiaire": "Association"}


def _argv(commande: str, valeurs: dict[str, str | None]) -> list[str]:
    base = {**(_PROJET if commande == "verifier" else {}), **_ELEMENTS}
    base.update(valeurs)
    argv = ["garantie", commande]
    for option, valeur in base.items():
        if valeur is not None:
            argv += [option, valeur]
    return argv


_CAS_VERIFIER: list[tuple[str, dict[str, str | None]]] = [
    ("annuite-negative", {"--annuite": "-100"}),
    ("annuite-nulle", {"--annuite": "0"}),
    ("annuite-exposant", {"--annuite": "1e9999999"}),
    ("annuite-nan", {"--annuite": "NaN"}),
    ("annuite-infinie", {"--annuite": "Infinity"}),
    ("annuite-milliemes", {"--annuite": "10,005"}),
    ("annuite-geante", {"--annuite": "9" * 5000}),
    ("annuite-texte", {"--annuite": "vingt mille"}),
    ("quotite-sans-pourcent", {"--quotite": "50"}),
    ("quotite-fraction-nue", {"--quotite": "0.5"}),
    ("quotite-150", {"--quotite": "150 %"}),
    ("quotite-negative", {"--quotite": "-10 %"}),
    ("quotite-nulle", {"--quotite": "0 %"}),
    ("quotite-vide", {"--quotite": ""}),
    ("quotites-cumulees", {"--quotite": "60 %", "--quotite-autres": "50 %"}),
    ("beneficiaire-vide", {"--beneficiaire": "   "}),
    ("beneficiaire-controle", {"--beneficiaire": "Asso\x1b[31m"}),
    ("beneficiaire-long", {"--beneficiaire": "A" * 5000}),
    ("operation-inconnue", {"--operation": "piscine"}),
    ("collectivite-inconnue", {"--collectivite": "canton"}),
    ("annuites-beneficiaire-negatives", {"--annuites-beneficiaire": "-1"}),
    ("recettes-nulles", {"--recettes-reelles": "0"}),
    ("recettes-negatives", {"--recettes-reelles": "-5"}),
    ("dette-absente", {"--annuite-dette": None}),
    ("garanties-absentes", {"--annuites-garanties": None}),
    ("provisions-negatives", {"--provisions": "-1"}),
    ("date-avant-les-decrets", {"--date": "1999-12-31"}),
    ("date-impossible", {"--date": "2024-02-30"}),
    ("xlsx-sans-sortie", {"--format": "xlsx"}),
]

_CAS_RATIO: list[tuple[str, dict[str, str | None]]] = [
    ("recettes-absentes", {"--recettes-reelles": None}),
    ("premieres-annuites-negatives", {"--premieres-annuites": "-0,01"}),
    ("recettes-irrealistes", {"--recettes-reelles": "100000000000000"}),
]


def cas() -> list[Cas]:
    """Les cas hostiles du thème dette."""
    resultat: list[Cas] = []
    resultat += [
        (f"garantie/verifier/{nom}", _argv("verifier", valeurs), {})
        for nom, valeurs in _CAS_VERIFIER
    ]
    resultat += [
        (f"garantie/ratio/{nom}", _argv("ratio", valeurs), {}) for nom, valeurs in _CAS_RATIO
    ]
    resultat.append(("garantie/sans-action", ["garantie"], {}))
    return resultat
