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
        *cas_plafonds(),
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


_COMMUNE = '[commune]\nnom = "c"\npopulation = {population}\ndate = 2024-01-01\n{autres}'

#: L'article que le message de chaque cas de :func:`cas_plafonds` doit citer.
ARTICLES_PLAFONDS = {
    "elus/conseiller-delegue-au-dela-du-maire": "L2123-24-1",
    "elus/majoration-au-dela-de-r2123-23": "R2123-23",
    "elus/conseil-plus-large-que-l2121-2": "L2121-2",
    "elus/adjoint-de-quartier-sous-80000-habitants": "L2122-2-1",
    "elus/maire-au-dela-du-bareme": "L2123-23",
    "elus/enveloppe-municipale-depassee": "L2123-24, II",
    "elus/epci-vice-president-au-dela-du-president": "L5211-12",
    "elus/epci-seize-vice-presidents": "L5211-10",
    "elus/epci-enveloppe-depassee": "L5211-12",
}


def _commune(population: int, *elus: str, autres: str = "") -> dict[str, str | bytes]:
    tete = _COMMUNE.format(population=population, autres=autres)
    return {"dossier.toml": tete + "".join(elus)}


def cas_plafonds() -> list[Cas]:
    """Chaque plafond du CGCT, dépassé : conseiller délégué au-delà du maire (L2123-24-1),
    majoration au-delà de R2123-23, plus d'élus que de membres du conseil (L2121-2), adjoint de
    quartier sous 80 000 habitants (L2122-2-1), maire au-delà du barème (L2123-23), enveloppe
    municipale (L2123-24, II), vice-président d'EPCI au-delà du président et enveloppe
    (L5211-12), seize vice-présidents (L5211-10)."""
    maire = _elu("M", "maire", "20 %")
    cc = _tete("epci", 15000, "communauté de communes")
    majoration = _elu("M", "maire", "55 %") + 'taux_majoration = "16 %"\n'
    conseillers = [_elu(f"C{i}", "conseiller", "0 %", delegation=False) for i in range(7)]
    return [
        (
            "elus/conseiller-delegue-au-dela-du-maire",
            _COMMANDE,
            _commune(6300, maire, _elu("D", "conseiller délégué", "56 %")),
        ),
        (
            "elus/majoration-au-dela-de-r2123-23",
            _COMMANDE,
            _commune(6300, majoration, autres='majorations = ["chef-lieu de canton"]\n'),
        ),
        ("elus/conseil-plus-large-que-l2121-2", _COMMANDE, _commune(50, maire, *conseillers)),
        (
            "elus/adjoint-de-quartier-sous-80000-habitants",
            _COMMANDE,
            _commune(79999, maire, _elu("Q", "adjoint de quartier", "10 %")),
        ),
        ("elus/maire-au-dela-du-bareme", _COMMANDE, _commune(99999, _elu("M", "maire", "111 %"))),
        (
            "elus/enveloppe-municipale-depassee",
            _COMMANDE,
            _commune(6300, _elu("M", "maire", "55 %"), _elu("A", "adjoint", "23 %")),
        ),
        (
            "elus/epci-vice-president-au-dela-du-president",
            _COMMANDE,
            {
                "dossier.toml": cc
                + _elu("P", "président", "20 %")
                + _elu("V", "vice-président", "48,76 %")
            },
        ),
        (
            "elus/epci-seize-vice-presidents",
            _COMMANDE,
            {
                "dossier.toml": cc
                + _elu("P", "président", "10 %")
                + "".join(_elu(f"V{i}", "vice-président", "0 %") for i in range(16))
            },
        ),
        (
            "elus/epci-enveloppe-depassee",
            _COMMANDE,
            {
                "dossier.toml": cc
                + _elu("P", "président", "48,75 %")
                + _elu("V1", "vice-président", "30 %")
                + _elu("V2", "vice-président", "20,63 %")
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
