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
        *cas_ecretement(),
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


_ECRETEMENT = ["indemnites", "ecretement", "{d}/elu.toml"]


def _mandat(collectivite: str, fonction: str, indemnite: str, debut: str, fin: str = "") -> str:
    ligne = f"fin = {fin}\n" if fin else ""
    return (
        f'[[mandats]]\ncollectivite = "{collectivite}"\nfonction = "{fonction}"\n'
        f'indemnite = "{indemnite}"\ndebut = {debut}\n{ligne}'
    )


def cas_ecretement() -> list[Cas]:
    """L'écrêtement (L2123-20, II et III) refuse : deux mandats dans la même collectivité en
    même temps, une indemnité négative, le même mandat deux fois, une fin avant le début."""
    tete = '[elu]\nnom = "DURAND Claire"\ndate = 2024-03-01\n'
    maire = _mandat("Commune de Valmont", "maire", "4521.58", "2020-05-23")
    return [
        (
            "elus/ecretement-chevauchement-meme-collectivite",
            _ECRETEMENT,
            {
                "elu.toml": tete
                + maire
                + _mandat("Commune de Valmont", "adjoint", "10", "2022-01-01")
            },
        ),
        (
            "elus/ecretement-indemnite-negative",
            _ECRETEMENT,
            {"elu.toml": tete + _mandat("Commune de Valmont", "maire", "-4521.58", "2020-05-23")},
        ),
        ("elus/ecretement-meme-mandat-deux-fois", _ECRETEMENT, {"elu.toml": tete + maire + maire}),
        (
            "elus/ecretement-fin-avant-debut",
            _ECRETEMENT,
            {
                "elu.toml": tete
                + _mandat("Département", "conseiller", "1644.21", "2021-07-01", "2021-06-30")
            },
        ),
    ]
