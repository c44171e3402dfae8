"""Chaque refus des moteurs, au mot près : le message français, la clé fautive, la valeur reçue et
ce qui était attendu (``str(erreur)`` les nomme tous) ; et, à chaque borne, la valeur permise juste
à côté de la valeur refusée.

Les messages attendus sont écrits à la main d'après le contrat des erreurs (``erreurs.py`` :
« clé « X » : message (reçu : V ; attendu : A) », la valeur reçue montrée telle quelle pour un
nombre ou une date, entre apostrophes pour un texte). Un utilisateur lit ces phrases pour corriger
son dossier : les changer est un changement visible, que ce test signale.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import attrs
import pytest

from collectivites.erreurs import ErreurCollectivites, ErreurDonnees, ErreurType, ErreurValeur
from collectivites.prets import IndexFige, interets_moratoires
from collectivites.regles.rep import (
    Commune,
    Tonnage,
    bareme_en_vigueur,
    calculer_soutiens,
    calendrier_paiement,
    cendriers_de_poche,
    classer_commune,
    interet_legal,
    remboursement_trop_percu,
)

D = dt.date
ALCOME = bareme_en_vigueur("alcome", 2024)
PAPIERS = bareme_en_vigueur("citeo-papiers-graphiques", 2024)
ORAISON = Commune(nom="Oraison", population=5983)
INDEX = IndexFige(valeur=Decimal("0.03"))
Cas = tuple[str, Callable[[], object], type[ErreurCollectivites], str]


def _soutiens(**options: Any) -> object:
    options.setdefault("communes", [ORAISON])
    return calculer_soutiens(ALCOME, 2024, **options)


def _moratoires(**options: Any) -> object:
    arguments: dict[str, Any] = {
        "montant": Decimal("1000.00"),
        "exigibilite": D(2024, 1, 15),
        "paiement": D(2024, 3, 15),
        "index": INDEX,
    }
    arguments.update(options)
    montant, exigibilite, paiement = (
        arguments.pop("montant"),
        arguments.pop("exigibilite"),
        arguments.pop("paiement"),
    )
    return interets_moratoires(montant, exigibilite, paiement, **arguments)


PENALITES_ALCOME = (
    "titres_non_conformes, arretes_non_communiques, bilan_non_communique, expeditions_non_tracees"
)
REFUS: list[Cas] = [
    # --- REP : typologie, période, pénalités, communes, matières (ALCOME, Citeo) -------------
    (
        "typologie declaree inconnue",
        lambda: classer_commune(ALCOME, Commune(nom="Oraison", population=1, typologie="mont")),
        ErreurValeur,
        "clé « typologie » : typologie inconnue pour Oraison (reçu : 'mont' ; attendu : rural, "
        "urbain, urbain_dense, touristique)",
    ),
    (
        "population hors des tranches",
        lambda: classer_commune(attrs.evolve(ALCOME, typologies=ALCOME.typologies[:1]), ORAISON),
        ErreurValeur,
        "clé « population » : aucune typologie du barème « alcome » pour cette population "
        "(reçu : 5983)",
    ),
    (
        "fin de vigueur le jour du debut",
        lambda: _soutiens(debut=D(2024, 5, 1), fin=D(2024, 5, 1)),
        ErreurValeur,
        "clé « fin » : la fin de vigueur ne suit pas son début (reçu : 2024-05-01 ; attendu : une "
        "date après le 2024-05-01)",
    ),
    (
        "debut de vigueur l'annee precedente",
        lambda: _soutiens(debut=D(2023, 12, 31), fin=D(2024, 3, 1)),
        ErreurValeur,
        "clé « debut » : la période de vigueur doit être comprise dans l'année 2024 (reçu : "
        "'2023-12-31 – 2024-02-29')",
    ),
    (
        "fin de vigueur l'annee suivante",
        lambda: _soutiens(debut=D(2024, 6, 1), fin=D(2025, 1, 2)),
        ErreurValeur,
        "clé « fin » : la période de vigueur doit être comprise dans l'année 2024 (reçu : "
        "'2024-06-01 – 2025-01-01')",
    ),
    (
        "penalite inconnue",
        lambda: _soutiens(penalites={"retard": 1}),
        ErreurValeur,
        "clé « penalites.retard » : pénalité inconnue du barème « alcome » (reçu : 'retard' ; "
        f"attendu : {PENALITES_ALCOME})",
    ),
    (
        "penalite sur un bareme qui n'en a pas",
        lambda: calculer_soutiens(
            attrs.evolve(ALCOME, penalites=()), 2024, communes=[ORAISON], penalites={"x": 1}
        ),
        ErreurValeur,
        "clé « penalites.x » : pénalité inconnue du barème « alcome » (reçu : 'x' ; attendu : "
        "aucune pénalité)",
    ),
    (
        "nombre de manquements negatif",
        lambda: _soutiens(penalites={"titres_non_conformes": -1}),
        ErreurValeur,
        "clé « penalites.titres_non_conformes » : nombre de manquements invalide (reçu : -1 ; "
        "attendu : un nombre entier de 0 à 100 000)",
    ),
    (
        "nombre de manquements demesure",
        lambda: _soutiens(penalites={"titres_non_conformes": 100_001}),
        ErreurValeur,
        "clé « penalites.titres_non_conformes » : nombre de manquements invalide (reçu : 100001 ; "
        "attendu : un nombre entier de 0 à 100 000)",
    ),
    (
        "nombre de manquements booleen",
        lambda: _soutiens(penalites={"titres_non_conformes": True}),
        ErreurValeur,
        "clé « penalites.titres_non_conformes » : nombre de manquements invalide (reçu : True ; "
        "attendu : un nombre entier de 0 à 100 000)",
    ),
    (
        "penalite en part du brut donnee en nombre",
        lambda: _soutiens(penalites={"arretes_non_communiques": 1}),
        ErreurType,
        "clé « penalites.arretes_non_communiques » : type refusé (reçu : 1 ; attendu : true ou "
        "false)",
    ),
    (
        "aucune commune",
        lambda: _soutiens(communes=[]),
        ErreurValeur,
        "clé « communes » : au moins une commune est nécessaire",
    ),
    (
        "commune deux fois",
        lambda: _soutiens(communes=[ORAISON, Commune(nom="ORAISON", population=2)]),
        ErreurValeur,
        "clé « communes » : commune présente deux fois (un habitant ne doit pas donner lieu à "
        "plusieurs versements) (reçu : 'ORAISON')",
    ),
    (
        "matiere inconnue",
        lambda: calculer_soutiens(PAPIERS, 2024, tonnages=[Tonnage(matiere="verre", tonnes=Decimal(1))]),
        ErreurValeur,
        "clé « tonnages » : matière inconnue du barème « citeo-papiers-graphiques » (reçu : "
        "'verre' ; attendu : standard_bureautique, standard_a_desencrer, papier_carton_melange)",
    ),
    (
        "matiere deux fois",
        lambda: calculer_soutiens(
            PAPIERS,
            2024,
            tonnages=[
                Tonnage(matiere="standard_bureautique", tonnes=Decimal(1)),
                Tonnage(matiere="standard_bureautique", tonnes=Decimal(2)),
            ],
        ),
        ErreurValeur,
        "clé « tonnages » : matière présente deux fois (reçu : 'standard_bureautique')",
    ),
    (
        "bareme pas encore en vigueur",
        lambda: calculer_soutiens(ALCOME, 2020, communes=[ORAISON]),
        ErreurValeur,
        "clé « annee » : le barème « alcome » n'est pas en vigueur cette année (reçu : 2020)",
    ),
    (
        "coefficient au-dessus de 10",
        lambda: _soutiens(coefficient=Decimal("10.01")),
        ErreurValeur,
        "clé « coefficient » : coefficient hors des bornes (reçu : 10.01 ; attendu : de 0 à 10)",
    ),
    (
        "coefficient negatif",
        lambda: _soutiens(coefficient=Decimal("-0.01")),
        ErreurValeur,
        "clé « coefficient » : coefficient hors des bornes (reçu : -0.01 ; attendu : de 0 à 10)",
    ),
    (
        "tonnages pour un bareme par habitant",
        lambda: _soutiens(tonnages=[Tonnage(matiere="megots", tonnes=Decimal(1))]),
        ErreurValeur,
        "clé « tonnages » : le barème « alcome » se calcule par habitant, pas par tonne",
    ),
    (
        "communes pour un bareme par tonne",
        lambda: calculer_soutiens(PAPIERS, 2024, communes=[ORAISON]),
        ErreurValeur,
        "clé « communes » : le barème « citeo-papiers-graphiques » se calcule par tonne, pas par "
        "habitant",
    ),
    (
        "cendriers pour une population negative",
        lambda: cendriers_de_poche(ALCOME, -1),
        ErreurValeur,
        "clé « population » : population négative (reçu : -1 ; attendu : ≥ 0)",
    ),
    (
        "categorie d'interet legal inconnue",
        lambda: interet_legal("professionnels"),
        ErreurValeur,
        "clé « categorie » : catégorie inconnue (reçu : 'professionnels' ; attendu : "
        "particuliers, autres_cas)",
    ),
    (
        "restitution avant le versement",
        lambda: remboursement_trop_percu(Decimal("10.00"), D(2024, 5, 2), D(2024, 5, 1)),
        ErreurValeur,
        "clé « restitution » : la restitution précède le versement (reçu : 2024-05-01 ; attendu : "
        "une date à partir du 2024-05-02)",
    ),
    (
        "trop-percu negatif",
        lambda: remboursement_trop_percu(Decimal("-0.01"), D(2024, 5, 1), D(2024, 6, 1)),
        ErreurValeur,
        "clé « trop_percu » : trop-perçu négatif (reçu : -0.01 ; attendu : ≥ 0)",
    ),
    (
        "echeance avant la periode de paiement",
        lambda: calendrier_paiement(ALCOME, D(2024, 4, 29)),
        ErreurValeur,
        "clé « echeance » : l'échéance sort de la période de paiement du barème « alcome » "
        "(reçu : 2024-04-29 ; attendu : du 30/04/2024 au 30/10/2024)",
    ),
    (
        "echeance apres la periode de paiement",
        lambda: calendrier_paiement(ALCOME, D(2024, 10, 31)),
        ErreurValeur,
        "clé « echeance » : l'échéance sort de la période de paiement du barème « alcome » "
        "(reçu : 2024-10-31 ; attendu : du 30/04/2024 au 30/10/2024)",
    ),
    (
        "calendrier circulaire",
        lambda: calendrier_paiement(
            attrs.evolve(
                ALCOME,
                calendrier=tuple(
                    attrs.evolve(e, depart="decompte") if e.code == "decompte" else e
                    for e in ALCOME.calendrier
                ),
            ),
            D(2024, 6, 28),
        ),
        ErreurValeur,
        "clé « calendrier » : calendrier circulaire dans le barème « alcome »",
    ),
    # --- intérêts moratoires d'un prêt --------------------------------------------------------
    (
        "paiement avant l'exigibilite",
        lambda: _moratoires(paiement=D(2024, 1, 14)),
        ErreurValeur,
        "clé « paiement » : le paiement précède l'exigibilité (reçu : 2024-01-14 ; attendu : une "
        "date à partir du 2024-01-15)",
    ),
    (
        "montant impaye nul",
        lambda: _moratoires(montant=Decimal("0.00")),
        ErreurValeur,
        "clé « montant » : montant impayé invalide (reçu : 0.00 ; attendu : un montant > 0 au "
        "centime)",
    ),
    (
        "montant impaye sous le centime",
        lambda: _moratoires(montant=Decimal("10.001")),
        ErreurValeur,
        "clé « montant » : montant impayé invalide (reçu : 10.001 ; attendu : un montant > 0 au "
        "centime)",
    ),
    (
        "montant impaye demesure",
        lambda: _moratoires(montant=Decimal("10000000000.01")),
        ErreurValeur,
        "clé « montant » : montant impayé invalide (reçu : 10000000000.01 ; attendu : un montant "
        "> 0 au centime)",
    ),
    (
        "base de jours inconnue",
        lambda: _moratoires(base_jours=364),
        ErreurValeur,
        "clé « base_jours » : base de jours invalide (reçu : 364 ; attendu : 360, 365 ou 366)",
    ),
    (
        "majoration au-dessus de 20 points",
        lambda: _moratoires(majoration=Decimal("0.2001")),
        ErreurValeur,
        "clé « majoration » : majoration hors des bornes (reçu : 0.2001 ; attendu : de 0 à 20 "
        "points)",
    ),
    (
        "majoration negative",
        lambda: _moratoires(majoration=Decimal("-0.0001")),
        ErreurValeur,
        "clé « majoration » : majoration hors des bornes (reçu : -0.0001 ; attendu : de 0 à 20 "
        "points)",
    ),
]

#: À chaque borne, la valeur permise à côté de la valeur refusée ci-dessus.
PERMIS: list[tuple[str, Callable[[], object]]] = [
    (
        "fin de vigueur le lendemain du debut",
        lambda: _soutiens(debut=D(2024, 5, 1), fin=D(2024, 5, 2)),
    ),
    ("vigueur de toute l'annee", lambda: _soutiens(debut=D(2024, 1, 1), fin=D(2025, 1, 1))),
    ("100 000 manquements", lambda: _soutiens(penalites={"titres_non_conformes": 100_000})),
    ("aucun manquement", lambda: _soutiens(penalites={"titres_non_conformes": 0})),
    ("coefficient 0", lambda: _soutiens(coefficient=Decimal(0))),
    ("coefficient 10", lambda: _soutiens(coefficient=Decimal(10))),
    ("cendriers pour aucun habitant", lambda: cendriers_de_poche(ALCOME, 0)),
    (
        "restitution le jour du versement",
        lambda: remboursement_trop_percu(Decimal("10.00"), D(2024, 5, 1), D(2024, 5, 1)),
    ),
    (
        "trop-percu nul",
        lambda: remboursement_trop_percu(Decimal("0.00"), D(2024, 5, 1), D(2024, 6, 1)),
    ),
    ("echeance au premier jour de la periode", lambda: calendrier_paiement(ALCOME, D(2024, 4, 30))),
    (
        "echeance au dernier jour de la periode",
        lambda: calendrier_paiement(ALCOME, D(2024, 10, 30)),
    ),
    ("paiement le jour de l'exigibilite", lambda: _moratoires(paiement=D(2024, 1, 15))),
    ("montant d'un centime", lambda: _moratoires(montant=Decimal("0.01"))),
    ("montant de dix milliards", lambda: _moratoires(montant=Decimal("10000000000.00"))),
    ("base 360", lambda: _moratoires(base_jours=360)),
    ("base 366", lambda: _moratoires(base_jours=366)),
    ("majoration nulle", lambda: _moratoires(majoration=Decimal(0))),
    ("majoration de 20 points", lambda: _moratoires(majoration=Decimal("0.20"))),
]


@pytest.mark.parametrize(("nom", "appel", "type_", "message"), REFUS, ids=[c[0] for c in REFUS])
def test_refus_au_mot_pres(
    nom: str, appel: Callable[[], object], type_: type[ErreurCollectivites], message: str
) -> None:
    with pytest.raises(ErreurCollectivites) as erreur:
        appel()
    assert type(erreur.value) is type_
    assert str(erreur.value) == message


@pytest.mark.parametrize(("nom", "appel"), PERMIS, ids=[c[0] for c in PERMIS])
def test_permis_a_la_borne(nom: str, appel: Callable[[], object]) -> None:
    appel()


def test_types_des_erreurs_importes() -> None:
    """Les classes attendues ci-dessus sont celles de l'API publique."""
    assert issubclass(ErreurDonnees, ErreurCollectivites)
