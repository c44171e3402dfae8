"""Entrées hostiles des indemnités des départements, des régions et des EPCI, passées par la
vraie commande ``collectivites indemnites calculer`` : chacune est refusée proprement (code 2,
message français qui cite l'article, rien sur la sortie standard)."""

from __future__ import annotations

from tests.hostiles import Cas

_COMMANDE = ["indemnites", "calculer", "{d}/dossier.toml"]


def _elu(nom: str, fonction: str, taux: str, delegation: bool = True) -> str:
    return (
        f'[[elus]]\nnom = "{nom}"\nfonction = "{fonction}"\ntaux = "{taux}"\n'
        f"delegation = {'true' if delegation else 'false'}\n"
    )


def _tete(genre: str, population: int, nature: str = "") -> str:
    ligne = f'nature = "{nature}"\n' if nature else ""
    return f'[{genre}]\nnom = "X"\n{ligne}population = {population}\ndate = 2024-01-01\n'


def cas() -> list[Cas]:
    """Les cas refusés : EPCI de nature inconnue, département de 40 millions d'habitants, deux
    présidents, vice-président sans délégation payé comme tel, taux au-delà des plafonds."""
    president = _elu("Président", "président", "145 %")
    return [
        (
            "elus/epci-nature-inconnue",
            _COMMANDE,
            {"dossier.toml": _tete("epci", 15000, "communauté de villes") + president},
        ),
        (
            "elus/departement-40-millions",
            _COMMANDE,
            {"dossier.toml": _tete("departement", 40_000_000) + president},
        ),
        (
            "elus/deux-presidents",
            _COMMANDE,
            {
                "dossier.toml": _tete("region", 900000)
                + president
                + _elu("Autre", "président", "1 %")
            },
        ),
        (
            "elus/vice-president-sans-delegation",
            _COMMANDE,
            {
                "dossier.toml": _tete("departement", 76000)
                + president
                + _elu("VP", "vice-président", "56 %", delegation=False)
            },
        ),
        (
            "elus/conseiller-au-dela-du-bareme",
            _COMMANDE,
            {
                "dossier.toml": _tete("region", 5_000_000)
                + president
                + _elu("C", "conseiller", "71 %", delegation=False)
            },
        ),
        (
            "elus/syndicat-president-au-dela",
            _COMMANDE,
            {
                "dossier.toml": _tete("epci", 2000, "syndicat de communes")
                + _elu("P", "président", "12,21 %")
            },
        ),
        (
            "elus/commune-et-departement",
            _COMMANDE,
            {
                "dossier.toml": _tete("departement", 76000)
                + '[commune]\nnom = "c"\npopulation = 6300\ndate = 2024-01-01\n'
                + president
            },
        ),
        (
            "elus/adjoint-au-dela-du-maire",
            _COMMANDE,
            {
                "dossier.toml": '[commune]\nnom = "c"\npopulation = 6300\ndate = 2024-01-01\n'
                + _elu("M", "maire", "20 %")
                + _elu("A", "adjoint", "56 %")
                + _elu("B", "adjoint", "0 %")
            },
        ),
    ]
