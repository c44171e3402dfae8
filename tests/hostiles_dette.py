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
    return resultat + _cas_documents()


#: Un document budgétaire minimal valide ; chaque cas en abîme une partie.
_EMPRUNT = (
    '<EMPRUNT><CodTypEmpr V="01"/><NumContrat V="A-1"/><MtCapitalRestDu_01_01 V="500.00"/>'
    '<MtIntExer V="{interets}"/><Dt1RembInit V="{date}"/></EMPRUNT>'
)


def _document(emprunts: str, *, racine: str = "DocumentBudgetaire", budget: bool = True) -> str:
    corps = (
        "<Budget><BlocBudget><NatDec V='09'/><Exer V='2024'/></BlocBudget><Annexes>"
        f"<DATA_EMPRUNT>{emprunts}</DATA_EMPRUNT></Annexes></Budget>"
        if budget
        else ""
    )
    return (
        f"<?xml version='1.0' encoding='UTF-8'?><{racine}><EnTeteDocBudgetaire>"
        f"<LibelleColl V='Essai'/></EnTeteDocBudgetaire>{corps}</{racine}>"
    )


def _emprunt(interets: str = "1.00", date: str = "2020-01-15") -> str:
    return _EMPRUNT.format(interets=interets, date=date)


_DOCUMENTS: list[tuple[str, str | bytes]] = [
    ("pas-xml", "ceci n'est pas du XML"),
    ("vide", ""),
    ("binaire", b"\x00\x01\x02PK\x03\x04"),
    ("autre-racine", "<Facture><Montant V='1'/></Facture>"),
    ("cfu-sans-budget", _document("", racine="CompteFinancierUnique", budget=False)),
    ("sans-codtypempr", _document(_emprunt().replace('<CodTypEmpr V="01"/>', ""))),
    ("codtypempr-03", _document(_emprunt().replace('"01"', '"03"'))),
    ("montant-francais", _document(_emprunt(interets="1 234,5"))),
    ("montant-exposant", _document(_emprunt(interets="1E+999999"))),
    ("montant-nan", _document(_emprunt(interets="NaN"))),
    ("date-31-fevrier", _document(_emprunt(date="31/02/2021"))),
    ("date-texte", _document(_emprunt(date="hier"))),
    ("tronque", _document(_emprunt())[:-30]),
    ("dtd", "<!DOCTYPE DocumentBudgetaire SYSTEM 'http://exemple.invalid/x.dtd'>" + _document("")),
    (
        "entite-externe",
        "<?xml version='1.0'?><!DOCTYPE d [<!ENTITY x SYSTEM 'file:///etc/passwd'>]><d>&x;</d>",
    ),
    (
        "billion-laughs",
        "<?xml version='1.0'?><!DOCTYPE l [<!ENTITY a 'aaaaaaaaaa'>"
        "<!ENTITY b '&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;'><!ENTITY c '&b;&b;&b;&b;&b;&b;&b;&b;'>]>"
        "<l>&c;</l>",
    ),
    ("imbrication", "<a>" * 200 + "</a>" * 200),
    ("encodage-inconnu", "<?xml version='1.0' encoding='klingon'?><DocumentBudgetaire/>"),
    ("deux-lignes-ratio", _document(_emprunt().replace('"01"', '"10"') * 2)),
]


def _cas_documents() -> list[Cas]:
    """Documents budgétaires hostiles, pour chaque commande de la dette (et un fichier creux
    de 2 Gio, un tube, un répertoire)."""
    resultat: list[Cas] = []
    for commande in ("etat", "controler", "portefeuille"):
        for nom, contenu in _DOCUMENTS:
            resultat.append(
                (
                    f"dette/{commande}/{nom}",
                    ["dette", commande, "{d}/doc.xml"],
                    {"doc.xml": contenu},
                )
            )
    speciaux: list[tuple[str, str]] = [
        ("creux-2-gio", "<creux:2147483648>"),
        ("tube", "<fifo>"),
        ("repertoire", "<repertoire>"),
    ]
    for nom, marqueur in speciaux:
        resultat.append(
            (f"dette/etat/{nom}", ["dette", "etat", "{d}/doc.xml"], {"doc.xml": marqueur})
        )
    resultat += [
        ("dette/etat/introuvable", ["dette", "etat", "{d}/absent.xml"], {}),
        ("dette/etat/exemple-inconnu", ["dette", "etat", "--exemple", "crach-ca-2099"], {}),
        (
            "dette/etat/xlsx-sans-sortie",
            ["dette", "etat", "--exemple", "crach-ca-2021", "--format", "xlsx"],
            {},
        ),
        (
            "garantie/ratio/document-fautif",
            ["garantie", "ratio", "--document", "{d}/doc.xml"],
            {"doc.xml": _document(_emprunt(interets="1 234,5"))},
        ),
        (
            "garantie/ratio/document-sans-ratio",
            ["garantie", "ratio", "--document", "{d}/doc.xml"],
            {"doc.xml": _document(_emprunt())},
        ),
    ]
    return resultat
