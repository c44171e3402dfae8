"""Les refus et les libellés des garanties d'emprunt, mot pour mot : ce qu'un service
financier lit dans le message ou le tableau des contrôles."""

from __future__ import annotations

import datetime as dt

import pytest

from collectivites.dette import ElementsRatio, ProjetGarantie, verifier_garantie
from collectivites.erreurs import ErreurCollectivites, ErreurType, ErreurValeur

ATTENDU = "un pourcentage comme « 50 % » ou une fraction Decimal"
ELEMENTS = ElementsRatio(
    recettes_reelles_fonctionnement="1000000",
    annuite_nette_dette="300000",
    annuites_garanties_a_echoir="150000",
)
SOURCE = (
    "Pourcentages de la version du 09/04/2000 (CGCT, art. D1511-30 à D1511-35, créés par le "
    "décret n° 2000-318 du 7 avril 2000 relatif à la partie réglementaire du code général des "
    "collectivités territoriales (JORF du 9 avril 2000), qui codifie les pourcentages fixés depuis "
    "la loi n° 88-13 du 5 janvier 1988 (« ratios Galland »))."
)
PART = (
    "La part garantie de la première annuité (annuité × quotité) entre dans le plafonnement et "
    "la division du risque ; les éléments du ratio sont pris tels que donnés."
)


@pytest.mark.parametrize(
    ("champs", "erreur", "message"),
    [
        (
            {"quotite": 0.5},
            ErreurType,
            f"clé « quotite » : un nombre flottant est refusé (reçu : 0.5 ; attendu : {ATTENDU})",
        ),
        (
            {"quotite": 50},
            ErreurType,
            f"clé « quotite » : un nombre nu est ambigu (reçu : 50 ; attendu : {ATTENDU})",
        ),
        (
            {"quotite": True},
            ErreurType,
            "clé « quotite » : un nombre nu est ambigu (reçu : True ; attendu : un pourcentage "
            "comme « 1,35 % »)",
        ),
        (
            {"quotite": "0 %"},
            ErreurValeur,
            "clé « quotite » : une quotité est une part de l'emprunt (reçu : '0 %' ; attendu : "
            "plus de 0 % à 100 %)",
        ),
        (
            {"quotite_autres": "-1 %"},
            ErreurValeur,
            "clé « quotite_autres » : une quotité est une part de l'emprunt (reçu : '-1 %' ; "
            "attendu : de 0 % à 100 %)",
        ),
        (
            {"operation": "piscine"},
            ErreurValeur,
            "clé « operation » : valeur inconnue (reçu : 'piscine' ; attendu : logement-social, "
            "amenagement, amenagement-logement, interet-general, autre)",
        ),
    ],
    ids=["flottant", "entier", "booleen", "nulle", "autres-negative", "operation-inconnue"],
)
def test_refus_du_projet(
    champs: dict[str, object], erreur: type[ErreurCollectivites], message: str
) -> None:
    valeurs = {"annuite": "1000", "quotite": "50 %", "beneficiaire": "A", **champs}
    with pytest.raises(erreur) as refus:
        ProjetGarantie(**valeurs)  # type: ignore[arg-type]
    assert str(refus.value) == message


def test_beneficiaire_sans_espaces_autour() -> None:
    projet = ProjetGarantie(annuite="1000", quotite="50 %", beneficiaire="  Office HLM  ")
    assert projet.beneficiaire == "Office HLM"


PLAFONNEMENT = "CGCT L2252-1, al. 2 ; D1511-30, D1511-31, D1511-32, D1511-33"
DIVISION = "CGCT L2252-1, al. 3 ; D1511-34"
PARTAGE = "CGCT L2252-1, al. 4 ; D1511-35"
LOGEMENT = "L2252-2, I : garanties des opérations de logement social"


@pytest.mark.parametrize(
    ("operation", "attendus"),
    [
        ("autre", [(PLAFONNEMENT, True, ""), (DIVISION, True, ""), (PARTAGE, True, "")]),
        (
            "logement-social",
            [
                (PLAFONNEMENT, False, LOGEMENT),
                (DIVISION, False, LOGEMENT),
                (PARTAGE, False, LOGEMENT),
            ],
        ),
        (
            "amenagement",
            [(PLAFONNEMENT, True, ""), (DIVISION, True, ""), (f"{PARTAGE}, al. 2", True, "")],
        ),
        (
            "amenagement-logement",
            [
                (PLAFONNEMENT, True, ""),
                (DIVISION, True, ""),
                (
                    PARTAGE,
                    False,
                    "L2252-2, II : aménagement principalement de logements en zone tendue",
                ),
            ],
        ),
        (
            "interet-general",
            [
                (PLAFONNEMENT, True, ""),
                (DIVISION, True, ""),
                (
                    PARTAGE,
                    False,
                    "L2252-1, al. 5 : organismes d'intérêt général (CGI, art. 200 et 238 bis)",
                ),
            ],
        ),
    ],
)
def test_controles_libelles_articles_et_exemptions(
    operation: str, attendus: list[tuple[str, bool, str]]
) -> None:
    verification = verifier_garantie(
        ELEMENTS, annuite="20000", quotite="50 %", beneficiaire="Office", operation=operation
    )
    assert [c.regle for c in verification.controles] == ["plafonnement", "division", "partage"]
    assert [c.libelle for c in verification.controles] == [
        "Plafonnement des annuités",
        "Division du risque : Office",
        "Partage du risque : quotité garantie sur l'emprunt",
    ]
    assert [(c.articles, c.applicable, c.exemption) for c in verification.controles] == attendus
    assert [c.en_euros for c in verification.controles] == [True, True, False]


@pytest.mark.parametrize(
    ("date", "hypothese"),
    [
        (None, "Sans date : la dernière version livrée est appliquée."),
        (dt.date(2026, 12, 7), None),  # le jour de la dernière vérification des textes
        (
            dt.date(2026, 12, 8),
            "Textes vérifiés jusqu'au 07/12/2026 : au 08/12/2026, la dernière version connue "
            "est reportée.",
        ),
    ],
)
def test_hypotheses_selon_la_date(date: dt.date | None, hypothese: str | None) -> None:
    verification = verifier_garantie(
        ELEMENTS, annuite="20000", quotite="50 %", beneficiaire="A", date=date
    )
    attendues = [SOURCE, *([hypothese] if hypothese else []), PART]
    assert list(verification.hypotheses) == attendues


def test_date_avant_les_decrets_refusee() -> None:
    with pytest.raises(ErreurCollectivites):
        verifier_garantie(
            ELEMENTS, annuite="20000", quotite="50 %", beneficiaire="A", date=dt.date(1999, 1, 1)
        )
