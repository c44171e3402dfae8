"""Entrées hostiles : dossiers absurdes que la bibliothèque calculait au lieu de les refuser.
Chacune doit être refusée proprement (code 2, message en français, rien sur la sortie standard).
Ajoutées au corpus commun par ``tests/hostiles.py`` (thème ``dossiers``).

Deux parties, tenues par deux mains : :func:`_cas_prets` (prêts, rapprochement, portefeuille en
tableau, durées de délai, choix de la ligne, scénarios d'index) et :func:`_cas_regles`
(indemnités, logement, rSa, délais)."""

from __future__ import annotations

from pathlib import Path

from tests.hostiles import Cas

_SAISI = Path(__file__).parent / "cas" / "pret" / "cdc-57851-5165325-saisi.csv"
_RAPPROCHER = [
    "pret",
    "rapprocher",
    "--exemple",
    "cdc-57851",
    "--ligne",
    "5165325",
    "--tableau",
    "{d}/t.csv",
]
_TABLEAU = ["pret", "tableau", "--exemple", "cdc-57851"]


def _portefeuille(duree: str) -> str:
    """Le modèle de portefeuille rempli de sa ligne d'exemple, la durée remplacée."""
    from collectivites.prets import modele_portefeuille
    from collectivites.rendu import rendre

    texte = rendre(modele_portefeuille(), "csv")
    assert isinstance(texte, str) and ",50,annuelle," in texte
    return texte.replace(",50,annuelle,", f",{duree},annuelle,")


# --- prêts ------------------------------------------------------------------------------------


def _cas_prets() -> list[Cas]:
    entete, corps = _SAISI.read_text(encoding="utf-8-sig").split("\n", 1)
    rapprochements = [
        ("echeance-en-double", "N°;Échéance\n1;3170,41\n1;3170,41\n"),
        ("tableau-repete-200-fois", entete + "\n" + corps * 200),
        ("numero-repete-autres-montants", "N°;Échéance\n1;3170,41\n2;3186,26\n2;3202,19\n"),
        ("date-en-double", "Date d'échéance;Échéance\n06/12/2018;3170,41\n06/12/2018;3170,41\n"),
        ("separateurs-melanges", "N°;Échéance\n1;3170,41\n2;3186,26.5\n"),
        ("trois-decimales", "N°;Amortissement\n1;1439,86\n2;1475,154\n"),
        ("milliers-mal-groupes", "N°;Échéance\n1;31 70,41\n"),
        ("numero-decimal", "N°;Échéance\n1,5;3170,41\n"),
    ]
    cas: list[Cas] = [
        (f"pret-rapprocher/{nom}", _RAPPROCHER, {"t.csv": contenu})
        for nom, contenu in rapprochements
    ]
    cas += [
        (
            "pret-portefeuille/duree-mal-groupee",
            ["pret", "portefeuille", "{d}/p.csv"],
            {"p.csv": _portefeuille('"5 0"')},
        ),
        (
            "delai-calculer/duree-prefixe-non-numerique",
            ["delai", "calculer", "--depart", "2024-01-02", "--duree", "xx(45) jours"],
            {},
        ),
        (
            "delai-calculer/duree-lettres-et-chiffres-discordants",
            ["delai", "calculer", "--depart", "2024-01-02", "--duree", "trente (45) jours"],
            {},
        ),
        ("pret-tableau/ligne-vide", [*_TABLEAU, "--ligne", ""], {}),
        ("pret-tableau/ligne-blanche", [*_TABLEAU, "--ligne", "  "], {}),
        ("pret-tableau/ligne-inconnue", [*_TABLEAU, "--ligne", "5165326"], {}),
        (
            "pret-tableau/fichier-d-index-a-tiret-absent",
            [*_TABLEAU, "--ligne", "5165325", "--index", "index-2026-absent.csv"],
            {},
        ),
        (
            "pret-tableau/choc-ni-fichier",
            [*_TABLEAU, "--ligne", "5165325", "--index", "mes-index"],
            {},
        ),
        (
            "pret-tableau/choc-suivi-d-autre-chose",
            [
                *_TABLEAU,
                "--ligne",
                "5165325",
                "--index",
                "livret_a+1 % x",
                "--depuis",
                "2027-01-01",
            ],
            {},
        ),
    ]
    return cas


# ==============================================================================================
# --- règles (indemnités, logement, rSa, délais) : partie tenue par un autre contributeur -------
# ==============================================================================================


def _conseillers(nombre: int) -> str:
    return "".join(
        f'[[elus]]\nnom = "Conseiller {i}"\nfonction = "conseiller"\ntaux = "0 %"\n'
        for i in range(nombre)
    )


def _cas_regles() -> list[Cas]:
    from tests.hostiles import INDEMNITES, LOGEMENT, RSA

    indemnites = ["indemnites", "calculer", "{d}/dossier.toml"]
    logement = ["logement", "flux", "{d}/dossier.toml"]
    # « Аdjoint » écrit avec un « А » cyrillique (U+0410), à côté de l'« Adjoint » du modèle
    homoglyphe = '[[elus]]\nnom = "\u0410djoint"\nfonction = "conseiller"\ntaux = "0 %"\n'

    def annee(apres: str) -> str:
        return LOGEMENT.replace("annee = 2024", f"annee = 2024\n{apres}", 1)

    return [
        # 6 300 habitants : 29 membres du conseil municipal (CGCT L2121-2)
        (
            "indemnites/200-conseillers",
            indemnites,
            {"dossier.toml": INDEMNITES + _conseillers(200)},
        ),
        (
            "indemnites/10000-conseillers",
            indemnites,
            {"dossier.toml": INDEMNITES + _conseillers(10_000)},
        ),
        ("indemnites/homoglyphe-cyrillique", indemnites, {"dossier.toml": INDEMNITES + homoglyphe}),
        (
            "logement/rpls-apres-l-annee",
            logement,
            {"dossier.toml": annee("date_rpls = 2025-01-01")},
        ),
        (
            "logement/rotation-de-l-annee",
            logement,
            {"dossier.toml": annee("annee_rotation = 2024")},
        ),
        ("logement/rotation-future", logement, {"dossier.toml": annee("annee_rotation = 2030")}),
        (
            "rsa-neutralite/annee-sans-flux",
            ["rsa", "neutralite", "{d}/dossier.toml", "--annee", "2025"],
            {"dossier.toml": RSA},
        ),
        (
            "rsa-neutralite/exemple-en-2025",
            ["rsa", "neutralite", "--exemple", "rsa-lozere-2019", "--annee", "2025"],
            {},
        ),
    ]


def cas() -> list[Cas]:
    """Les cas du thème ``dossiers`` (voir ``tests/hostiles.py``)."""
    return [*_cas_prets(), *_cas_regles()]
