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

from collectivites.calendrier import (
    ajouter_jours_ouvres,
    est_ferie,
    est_jour_ouvre,
    jours_feries,
    normaliser_zone,
    zones,
)
from collectivites.calendrier._jours import _nombre_de_jours
from collectivites.erreurs import ErreurCollectivites, ErreurDonnees, ErreurType, ErreurValeur
from collectivites.prets import (
    CasObligatoire,
    CourbeZeroCoupon,
    IndexFige,
    Versement,
    calculer_tableau,
    calculer_teg,
    calendrier_remboursement,
    exemple_pret,
    indemnite_obligatoire,
    interets_moratoires,
    rembourser_par_anticipation,
)
from collectivites.regles.delais import Duree, calculer_delai, lire_duree
from collectivites.regles.delais._regimes import regime
from collectivites.regles.rep import (
    CommuneRep,
    Tonnage,
    bareme_en_vigueur,
    calculer_soutiens,
    calendrier_paiement,
    cendriers_de_poche,
    classer_commune,
    interet_legal,
    remboursement_trop_percu,
)
from collectivites.regles.rsa import (
    Acompte,
    ConventionRsa,
    Flux,
    Operation,
    Paiement,
    calculer_interets_retard,
    calculer_neutralite,
    calculer_regularisation,
)

D = dt.date
ALCOME = bareme_en_vigueur("alcome", 2024)
PAPIERS = bareme_en_vigueur("citeo-papiers-graphiques", 2024)
ORAISON = CommuneRep(nom="Oraison", population=5983)
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


#: La ligne 5165325 du contrat n° 57851 : échéances annuelles le 6 décembre, de 2018 à 2067 ;
#: capital restant dû imprimé après la première échéance : 126 749,14 €.
FONCIER = exemple_pret("cdc-57851").ligne("5165325")
LIMITE_PREAVIS = calculer_delai(D(2020, 12, 6), "45 jours", sens="avant")
ZONES_COUVERTES = ", ".join(c for c, z in zones().items() if not z.hors_champ)
ANNEES = "une année de 1900 à 2199"
PLAGE = "date hors de la plage du calendrier (attendu : une date des années 1900 à 2199)"
LOZERE = ConventionRsa(nom="Lozère", avance_tresorerie=Decimal("328000"))
ILLISIBLE = "un nombre et une unité, par exemple « 15 jours ouvrés », « 2 mois », « 1 an »"


def _regularisation(annee: object = 2017, **retraits: int) -> object:
    """Une année complète d'acomptes (janvier à décembre 2017) et d'opérations (décembre 2016 à
    novembre 2017), moins les mois retirés."""
    acomptes = [Acompte(mois=D(2017, m, 1), montant=Decimal(100)) for m in range(1, 13)]
    mois = [D(2016, 12, 1)] + [D(2017, m, 1) for m in range(1, 12)]
    operations = [Operation(mois=m, montant=Decimal(100)) for m in mois]
    del acomptes[retraits.get("acomptes", 12) :]
    del operations[retraits.get("operations", 12) :]
    return calculer_regularisation(annee, acomptes, operations)  # type: ignore[arg-type]


def _vaut(obtenu: object, attendu: object) -> None:
    assert obtenu == attendu


def _regularisation_annee(annee: int) -> object:
    """Une année complète quelconque : acomptes de janvier à décembre, opérations de décembre
    N-1 à novembre N."""
    acomptes = [Acompte(mois=D(annee, m, 1), montant=Decimal(1)) for m in range(1, 13)]
    mois = [D(annee - 1, 12, 1)] + [D(annee, m, 1) for m in range(1, 12)]
    return calculer_regularisation(
        annee, acomptes, [Operation(mois=m, montant=Decimal(1)) for m in mois]
    )


PENALITES_ALCOME = (
    "titres_non_conformes, arretes_non_communiques, bilan_non_communique, expeditions_non_tracees"
)
REFUS: list[Cas] = [
    # --- REP : typologie, période, pénalités, communes, matières (ALCOME, Citeo) -------------
    (
        "typologie declaree inconnue",
        lambda: classer_commune(ALCOME, CommuneRep(nom="Oraison", population=1, typologie="mont")),
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
        lambda: _soutiens(communes=[ORAISON, CommuneRep(nom="ORAISON", population=2)]),
        ErreurValeur,
        "clé « communes » : commune présente deux fois (un habitant ne doit pas donner lieu à "
        "plusieurs versements) (reçu : 'ORAISON')",
    ),
    (
        "matiere inconnue",
        lambda: calculer_soutiens(
            PAPIERS, 2024, tonnages=[Tonnage(matiere="verre", tonnes=Decimal(1))]
        ),
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
    # --- calendrier légal -----------------------------------------------------------------------
    (
        "annee en texte",
        lambda: jours_feries("2024"),  # type: ignore[arg-type]
        ErreurType,
        f"clé « annee » : type refusé (reçu : '2024' ; attendu : {ANNEES})",
    ),
    (
        "annee booleenne",
        lambda: jours_feries(True),
        ErreurType,
        f"clé « annee » : type refusé (reçu : True ; attendu : {ANNEES})",
    ),
    (
        "annee 1899",
        lambda: jours_feries(1899),
        ErreurValeur,
        f"clé « annee » : année hors du calendrier couvert (reçu : 1899 ; attendu : {ANNEES})",
    ),
    (
        "annee 2200",
        lambda: jours_feries(2200),
        ErreurValeur,
        f"clé « annee » : année hors du calendrier couvert (reçu : 2200 ; attendu : {ANNEES})",
    ),
    (
        "chomes locaux en texte",
        lambda: jours_feries(2024, inclure_chomes_locaux="oui"),  # type: ignore[arg-type]
        ErreurType,
        "clé « inclure_chomes_locaux » : type refusé (reçu : 'oui' ; attendu : True ou False)",
    ),
    (
        "jour ferie d'un datetime",
        lambda: est_ferie(dt.datetime(2024, 5, 1)),  # noqa: DTZ001
        ErreurType,
        "clé « jour » : type refusé (reçu : 2024-05-01 00:00:00 ; attendu : une date "
        "(datetime.date))",
    ),
    (
        "zone d'un autre type",
        lambda: normaliser_zone(57),  # type: ignore[arg-type]
        ErreurType,
        "clé « zone » : type refusé (reçu : 57 ; attendu : un texte (code de zone))",
    ),
    (
        "zone hors du champ",
        lambda: normaliser_zone("988"),
        ErreurDonnees,
        "clé « zone » : Nouvelle-Calédonie : hors du champ, le Code du travail n'y est pas "
        f"applicable (droit du travail local). (reçu : '988' ; attendu : {ZONES_COUVERTES})",
    ),
    (
        "numero de departement inconnu",
        lambda: normaliser_zone("957"),
        ErreurDonnees,
        "clé « zone » : code de département ou de territoire inconnu (reçu : '957' ; attendu : un "
        "numéro de département (01 à 95, 2A, 2B), un territoire d'outre-mer (971 à 978) ou un nom "
        "de zone)",
    ),
    (
        "zone mal orthographiee",
        lambda: normaliser_zone("metropol"),
        ErreurDonnees,
        "clé « zone » : zone inconnue ; vouliez-vous dire « metropole » ? (reçu : 'metropol' ; "
        f"attendu : {ZONES_COUVERTES})",
    ),
    (
        "zone sans voisin",
        lambda: normaliser_zone("xyzzy"),
        ErreurDonnees,
        f"clé « zone » : zone inconnue (reçu : 'xyzzy' ; attendu : {ZONES_COUVERTES})",
    ),
    (
        "jour ouvre d'un texte",
        lambda: est_jour_ouvre("2024-05-01"),  # type: ignore[arg-type]
        ErreurType,
        "clé « date » : type refusé (reçu : '2024-05-01' ; attendu : une date (datetime.date))",
    ),
    (
        "jour ouvre avant 1900",
        lambda: est_jour_ouvre(D(1899, 12, 31)),
        ErreurValeur,
        "clé « date » : date hors de la plage du calendrier (reçu : 1899-12-31 ; attendu : une "
        "date des années 1900 à 2199)",
    ),
    (
        "jour ouvre apres 2199",
        lambda: est_jour_ouvre(D(2200, 1, 1)),
        ErreurValeur,
        "clé « date » : date hors de la plage du calendrier (reçu : 2200-01-01 ; attendu : une "
        "date des années 1900 à 2199)",
    ),
    (
        "nombre de jours decimal",
        lambda: _nombre_de_jours(Decimal(2)),
        ErreurType,
        "clé « n » : type refusé (reçu : 2 ; attendu : un nombre entier de jours)",
    ),
    (
        "nombre de jours booleen",
        lambda: _nombre_de_jours(True),
        ErreurType,
        "clé « n » : type refusé (reçu : True ; attendu : un nombre entier de jours)",
    ),
    (
        "jours ouvres au-dela de 2199",
        lambda: ajouter_jours_ouvres(D(2199, 12, 30), 2),
        ErreurValeur,
        "résultat hors de la plage du calendrier (attendu : une date des années 1900 à 2199)",
    ),
    (
        "jours ouvres en deca de 1900",
        lambda: ajouter_jours_ouvres(D(1900, 1, 3), -2),
        ErreurValeur,
        "résultat hors de la plage du calendrier (attendu : une date des années 1900 à 2199)",
    ),
    # --- délais ---------------------------------------------------------------------------------
    (
        "duree d'un autre type",
        lambda: lire_duree(15),  # type: ignore[arg-type]
        ErreurType,
        "clé « duree » : type refusé (reçu : 15 ; attendu : un texte comme « 2 mois »)",
    ),
    (
        "duree de 201 caracteres",
        lambda: lire_duree("1 jour" + " " * 195),
        ErreurValeur,
        "clé « duree » : durée illisible (reçu : '1 jour" + " " * 72 + "… ; attendu : un texte "
        "court)",
    ),
    (
        "duree en trois parties",
        lambda: lire_duree("1 an et 2 mois et 3 jours"),
        ErreurValeur,
        "durée illisible (reçu : '1 an et 2 mois et 3 jours' ; attendu : deux parties au plus)",
    ),
    (
        "duree sans unite",
        lambda: lire_duree("15"),
        ErreurValeur,
        f"durée illisible (reçu : '15' ; attendu : {ILLISIBLE})",
    ),
    (
        "duree en chiffres exotiques",
        lambda: lire_duree("١٥ jours"),
        ErreurValeur,
        "durée illisible (reçu : '١٥ jours' ; attendu : un nombre en chiffres usuels)",
    ),
    (
        "duree de sept chiffres",
        lambda: lire_duree("1000000 jours"),
        ErreurValeur,
        "durée illisible (reçu : '1000000 jours' ; attendu : un nombre en chiffres usuels)",
    ),
    (
        "duree negative",
        lambda: lire_duree("-3 jours"),
        ErreurValeur,
        "une durée ne peut être négative ; pour compter à rebours, utilisez le sens « avant » "
        "(reçu : '-3 jours')",
    ),
    (
        "duree composee jours puis mois",
        lambda: Duree(quantite=15, unite="jours", puis=Duree(quantite=1, unite="mois")),
        ErreurValeur,
        "clé « duree » : durée composée invalide (reçu : '15 jours et 1 mois' ; attendu : des "
        "semaines, mois ou années, puis des jours (« 1 mois et 15 jours »))",
    ),
    (
        "duree composee mois puis mois",
        lambda: Duree(quantite=1, unite="mois", puis=Duree(quantite=2, unite="mois")),
        ErreurValeur,
        "clé « duree » : durée composée invalide (reçu : '1 mois et 2 mois' ; attendu : des "
        "semaines, mois ou années, puis des jours (« 1 mois et 15 jours »))",
    ),
    (
        "duree composee dont la seconde partie est composee",
        lambda: Duree(
            quantite=1,
            unite="mois",
            puis=Duree(quantite=2, unite="semaines", puis=Duree(quantite=3, unite="jours")),
        ),
        ErreurValeur,
        "clé « duree » : durée composée invalide (reçu : '1 mois et 2 semaines et 3 jours' ; "
        "attendu : des semaines, mois ou années, puis des jours (« 1 mois et 15 jours »))",
    ),
    (
        "quantite decimale",
        lambda: Duree(quantite=Decimal(2), unite="jours"),  # type: ignore[arg-type]
        ErreurType,
        "clé « quantite » : type refusé (reçu : 2 ; attendu : un entier)",
    ),
    (
        "quantite booleenne",
        lambda: Duree(quantite=True, unite="jours"),
        ErreurType,
        "clé « quantite » : type refusé (reçu : True ; attendu : un entier)",
    ),
    (
        "quantite negative",
        lambda: Duree(quantite=-1, unite="jours"),
        ErreurValeur,
        "clé « quantite » : une durée ne peut être négative ; pour compter à rebours, utilisez "
        'sens="avant" (reçu : -1)',
    ),
    (
        "quantite demesuree",
        lambda: Duree(quantite=100_001, unite="jours"),
        ErreurValeur,
        "clé « quantite » : durée démesurée (reçu : 100001 ; attendu : au plus 100000)",
    ),
    (
        "regime d'un autre type",
        lambda: regime(1),  # type: ignore[arg-type]
        ErreurType,
        "clé « regime » : type refusé (reçu : 1 ; attendu : simple, cpc, franc, ue-1182-71)",
    ),
    (
        "regime mal orthographie",
        lambda: regime("francs"),
        ErreurValeur,
        "clé « regime » : régime de délai inconnu ; vouliez-vous dire « franc » ? (reçu : "
        "'francs' ; attendu : simple, cpc, franc, ue-1182-71)",
    ),
    (
        "regime sans voisin",
        lambda: regime("xyz"),
        ErreurValeur,
        "clé « regime » : régime de délai inconnu (reçu : 'xyz' ; attendu : simple, cpc, franc, "
        "ue-1182-71)",
    ),
    (
        "depart d'un datetime",
        lambda: calculer_delai(dt.datetime(2024, 1, 1), "1 jour"),  # noqa: DTZ001
        ErreurType,
        "clé « depart » : type refusé (reçu : 2024-01-01 00:00:00 ; attendu : une date "
        "(datetime.date))",
    ),
    ("depart avant 1900", lambda: calculer_delai(D(1899, 12, 31), "1 jour"), ErreurValeur, PLAGE),
    ("depart apres 2199", lambda: calculer_delai(D(2200, 1, 1), "1 jour"), ErreurValeur, PLAGE),
    (
        "terme au-dela de 2199",
        lambda: calculer_delai(D(2199, 12, 1), "1 mois"),
        ErreurValeur,
        PLAGE,
    ),
    (
        "terme ouvre au-dela de 2199",
        lambda: calculer_delai(D(2199, 12, 20), "10 jours ouvrés"),
        ErreurValeur,
        PLAGE,
    ),
    (
        "delai au lendemain du 31 decembre 2199",
        lambda: calculer_delai(D(2199, 12, 30), "2 jours"),
        ErreurValeur,
        PLAGE,
    ),
    (
        "delai a rebours qui finirait le 31 decembre 1899",
        lambda: calculer_delai(D(1900, 1, 2), "1 jour", sens="avant"),
        ErreurValeur,
        PLAGE,
    ),
    (
        "jours ouvres a rebours avant le 2 janvier 1900",
        lambda: calculer_delai(D(1900, 1, 3), "2 jours ouvrés", sens="avant"),
        ErreurValeur,
        PLAGE,
    ),
    (
        "jours ouvres au-dela du 31 decembre 2199",
        lambda: calculer_delai(D(2199, 12, 30), "2 jours ouvrés"),
        ErreurValeur,
        PLAGE,
    ),
    (
        # Le chemin rapide (durée et zone déjà vues) rend la main au calcul complet hors du
        # calendrier : même refus.
        "jour ouvre rapide depuis le 1er janvier 2200",
        lambda: (
            calculer_delai(D(2024, 1, 1), "1 jour ouvré"),
            calculer_delai(D(2200, 1, 1), "1 jour ouvré"),
        ),
        ErreurValeur,
        PLAGE,
    ),
    (
        "jour ouvre rapide apres le dernier jour ouvre de 2199",
        lambda: (
            calculer_delai(D(2024, 1, 1), "1 jour ouvré"),
            calculer_delai(D(2199, 12, 31), "1 jour ouvré"),
        ),
        ErreurValeur,
        PLAGE,
    ),
    (
        "duree illisible situee",
        lambda: calculer_delai(D(2024, 1, 1), "15"),
        ErreurValeur,
        f"clé « duree » : durée illisible (reçu : '15' ; attendu : {ILLISIBLE})",
    ),
    # --- rSa ------------------------------------------------------------------------------------
    (
        "regularisation d'une annee en texte",
        lambda: _regularisation("2017"),
        ErreurType,
        "clé « annee » : type refusé (reçu : '2017' ; attendu : un entier)",
    ),
    (
        "regularisation de 1900",
        lambda: _regularisation(1900),
        ErreurValeur,
        "clé « annee » : année hors du calendrier couvert (reçu : 1900 ; attendu : 1901 à 2199)",
    ),
    (
        "regularisation de 2200",
        lambda: _regularisation(2200),
        ErreurValeur,
        "clé « annee » : année hors du calendrier couvert (reçu : 2200 ; attendu : 1901 à 2199)",
    ),
    (
        "regularisation sans decembre",
        lambda: _regularisation(acomptes=11),
        ErreurValeur,
        "clé « acomptes » : régularisation 2017 : il manque les acomptes de 2017-12 (attendu : "
        "acomptes de janvier à décembre N, opérations de décembre N-1 à novembre N)",
    ),
    (
        "regularisation sans operations de l'automne",
        lambda: _regularisation(operations=10),
        ErreurValeur,
        "clé « operations » : régularisation 2017 : il manque les opérations de 2017-10, 2017-11 "
        "(attendu : acomptes de janvier à décembre N, opérations de décembre N-1 à novembre N)",
    ),
    (
        "regularisation sans les deux",
        lambda: _regularisation(acomptes=11, operations=11),
        ErreurValeur,
        "clé « acomptes » : régularisation 2017 : il manque les acomptes de 2017-12 et les "
        "opérations de 2017-11 (attendu : acomptes de janvier à décembre N, opérations de "
        "décembre N-1 à novembre N)",
    ),
    (
        "regularisation d'un acompte en double",
        lambda: calculer_regularisation(
            2017, [Acompte(mois=D(2017, 1, 1), montant=Decimal(1))] * 2, []
        ),
        ErreurValeur,
        "clé « acomptes » : acompte présent deux fois pour le même mois (reçu : '2017-01')",
    ),
    (
        "interets d'un acompte en double",
        lambda: calculer_interets_retard(
            LOZERE,
            [
                Acompte(
                    mois=D(2017, 1, 1),
                    montant=Decimal(1),
                    paiements=(Paiement(date=D(2017, 2, 6), montant=Decimal(1)),),
                )
            ]
            * 2,
        ),
        ErreurValeur,
        "clé « acomptes » : acompte présent deux fois (reçu : '2017-01')",
    ),
    (
        "interets d'un reste impaye sans date d'arrete",
        lambda: calculer_interets_retard(
            LOZERE,
            [
                Acompte(
                    mois=D(2017, 1, 1),
                    montant=Decimal("100.00"),
                    paiements=(Paiement(date=D(2017, 2, 6), montant=Decimal("40.00")),),
                )
            ],
        ),
        ErreurValeur,
        "clé « date_arrete » : acompte 2017-01 : 60.00 € restent impayés ; précisez la date "
        "d'arrêté des comptes pour compter leur retard",
    ),
    (
        "neutralite sans avance",
        lambda: calculer_neutralite(ConventionRsa(nom="Lozère"), [], 2017),
        ErreurValeur,
        "clé « avance_tresorerie » : l'avance de trésorerie de la convention est nécessaire à ce "
        "calcul",
    ),
    (
        "neutralite de 1899",
        lambda: calculer_neutralite(LOZERE, [], 1899),
        ErreurValeur,
        "clé « annee » : année hors du calendrier couvert (reçu : 1899 ; attendu : 1900 à 2199)",
    ),
    (
        "neutralite de 2200",
        lambda: calculer_neutralite(LOZERE, [], 2200),
        ErreurValeur,
        "clé « annee » : année hors du calendrier couvert (reçu : 2200 ; attendu : 1900 à 2199)",
    ),
    # --- prêts : remboursements, courbe, versements, TEG ----------------------------------------
    (
        "remboursement hors d'une echeance",
        lambda: rembourser_par_anticipation(FONCIER, D(2020, 1, 1)),
        ErreurValeur,
        "clé « date » : ce n'est pas une date d'échéance de la ligne 5165325 ; un remboursement "
        "anticipé volontaire n'est possible qu'à une Date d'Échéance (reçu : 2020-01-01 ; "
        "attendu : une échéance (voisines : 2019-12-06, 2020-12-06))",
    ),
    (
        "remboursement avant la premiere echeance",
        lambda: rembourser_par_anticipation(FONCIER, D(2018, 1, 1)),
        ErreurValeur,
        "clé « date » : ce n'est pas une date d'échéance de la ligne 5165325 ; un remboursement "
        "anticipé volontaire n'est possible qu'à une Date d'Échéance (reçu : 2018-01-01 ; "
        "attendu : une échéance (voisines : 2018-12-06))",
    ),
    (
        "remboursement a la derniere echeance",
        lambda: rembourser_par_anticipation(FONCIER, D(2067, 12, 6)),
        ErreurValeur,
        "clé « date » : c'est la dernière échéance : il n'y a rien à rembourser par anticipation "
        "(reçu : 2067-12-06)",
    ),
    (
        "preavis trop court d'un jour",
        lambda: calendrier_remboursement(
            FONCIER, D(2020, 12, 6), date_demande=LIMITE_PREAVIS + dt.timedelta(days=1)
        ),
        ErreurValeur,
        "clé « date_demande » : préavis trop court (45 jours calendaires, art. 17.1.1) (reçu : "
        f"{LIMITE_PREAVIS + dt.timedelta(days=1)} ; attendu : une notification au plus tard le "
        f"{LIMITE_PREAVIS})",
    ),
    (
        "remboursement d'un montant nul",
        lambda: rembourser_par_anticipation(FONCIER, D(2018, 12, 6), montant=Decimal("0.00")),
        ErreurValeur,
        "clé « montant » : montant remboursé hors des bornes (reçu : 0.00 ; attendu : un montant "
        "au centime de 0 (exclu) au capital restant dû (126749.14 €))",
    ),
    (
        "remboursement au-dela du capital restant du",
        lambda: rembourser_par_anticipation(FONCIER, D(2018, 12, 6), montant=Decimal("126749.15")),
        ErreurValeur,
        "clé « montant » : montant remboursé hors des bornes (reçu : 126749.15 ; attendu : un "
        "montant au centime de 0 (exclu) au capital restant dû (126749.14 €))",
    ),
    (
        "remboursement sous le centime",
        lambda: rembourser_par_anticipation(FONCIER, D(2018, 12, 6), montant=Decimal("100.001")),
        ErreurValeur,
        "clé « montant » : montant remboursé hors des bornes (reçu : 100.001 ; attendu : un "
        "montant au centime de 0 (exclu) au capital restant dû (126749.14 €))",
    ),
    (
        "indemnite de sommes negatives",
        lambda: indemnite_obligatoire(
            CasObligatoire.EXIGIBILITE_7_POURCENT, sommes_exigibles=Decimal("-0.01")
        ),
        ErreurValeur,
        "clé « sommes_exigibles » : sommes exigibles négatives (reçu : -0.01 ; attendu : ≥ 0)",
    ),
    (
        "semestre d'interets sans taux",
        lambda: indemnite_obligatoire(
            CasObligatoire.SEMESTRE_INTERETS, sommes_exigibles=Decimal(100)
        ),
        ErreurValeur,
        "clé « taux_en_vigueur » : le taux en vigueur est nécessaire pour un semestre d'intérêts",
    ),
    (
        "semestre d'interets a plus de 30 %",
        lambda: indemnite_obligatoire(
            CasObligatoire.SEMESTRE_INTERETS,
            sommes_exigibles=Decimal(100),
            taux_en_vigueur=Decimal("0.3001"),
        ),
        ErreurValeur,
        "clé « taux_en_vigueur » : taux hors des bornes (reçu : 0.3001 ; attendu : de -10 % à "
        "30 % (fraction))",
    ),
    (
        "semestre d'interets sous -10 %",
        lambda: indemnite_obligatoire(
            CasObligatoire.SEMESTRE_INTERETS,
            sommes_exigibles=Decimal(100),
            taux_en_vigueur=Decimal("-0.1001"),
        ),
        ErreurValeur,
        "clé « taux_en_vigueur » : taux hors des bornes (reçu : -0.1001 ; attendu : de -10 % à "
        "30 % (fraction))",
    ),
    (
        "courbe d'un texte",
        lambda: CourbeZeroCoupon(points="1 an : 3 %"),
        ErreurValeur,
        "clé « points » : la courbe est une suite de points (reçu : '1 an : 3 %')",
    ),
    (
        "point de courbe en flottant",
        lambda: CourbeZeroCoupon(points=[(Decimal(1), Decimal("0.03")), (Decimal(2), 0.03)]),
        ErreurValeur,
        "clé « points[1] » : point invalide (reçu : (Decimal('2'), 0.03) ; attendu : (maturité en "
        "années, taux) en Decimal)",
    ),
    (
        "point de courbe non fini",
        lambda: CourbeZeroCoupon(points=[(Decimal(1), Decimal("NaN"))]),
        ErreurValeur,
        "clé « points[0] » : point invalide (reçu : (Decimal('1'), Decimal('NaN')) ; attendu : "
        "(maturité en années, taux) en Decimal)",
    ),
    (
        "point de courbe a trois valeurs",
        lambda: CourbeZeroCoupon(points=[(Decimal(1), Decimal(2), Decimal(3))]),
        ErreurValeur,
        "clé « points[0] » : point invalide (reçu : (Decimal('1'), Decimal('2'), Decimal('3')) ; "
        "attendu : (maturité en années, taux) en Decimal)",
    ),
    (
        "point de courbe qui n'est pas un couple",
        lambda: CourbeZeroCoupon(points=[Decimal(1)]),
        ErreurValeur,
        "clé « points[0] » : point invalide (reçu : 1 ; attendu : (maturité en années, taux) en "
        "Decimal)",
    ),
    (
        "versement apres le prefinancement",
        lambda: calculer_tableau(
            attrs.evolve(
                FONCIER,
                versements=(Versement(date=D(2017, 12, 7), montant=Decimal("128189.00")),),
            )
        ),
        ErreurValeur,
        "clé « versements » : versement trop tardif (reçu : 2017-12-07 ; attendu : au plus tard "
        "le 2017-12-06 pour ligne 5165325)",
    ),
    (
        "versement moins de deux mois avant la premiere echeance",
        lambda: calculer_tableau(
            attrs.evolve(
                FONCIER,
                prefinancement=None,
                versements=(Versement(date=D(2018, 10, 7), montant=Decimal("128189.00")),),
            )
        ),
        ErreurValeur,
        "clé « versements » : versement trop tardif (reçu : 2018-10-07 ; attendu : au plus tard "
        "le 2018-10-06 pour ligne 5165325)",
    ),
    (
        "remboursement dans le tableau hors d'une echeance",
        lambda: calculer_tableau(FONCIER, remboursements={D(2020, 1, 1): Decimal(1000)}),
        ErreurValeur,
        "clé « remboursements » : un remboursement anticipé n'est possible qu'à une date "
        "d'échéance (reçu : 2020-01-01)",
    ),
    (
        "remboursement dans le tableau d'un montant nul",
        lambda: calculer_tableau(FONCIER, remboursements={D(2018, 12, 6): Decimal("0.00")}),
        ErreurValeur,
        "clé « remboursements » : un remboursement anticipé est un montant > 0 au centime (reçu : "
        "0.00)",
    ),
    (
        "remboursement dans le tableau sous le centime",
        lambda: calculer_tableau(FONCIER, remboursements={D(2018, 12, 6): Decimal("1.001")}),
        ErreurValeur,
        "clé « remboursements » : un remboursement anticipé est un montant > 0 au centime (reçu : "
        "1.001)",
    ),
    (
        "remboursement dans le tableau au-dela du capital",
        lambda: calculer_tableau(FONCIER, remboursements={D(2018, 12, 6): Decimal("126749.15")}),
        ErreurValeur,
        "clé « remboursements » : le remboursement anticipé dépasse le capital restant dû (reçu : "
        "126749.15 ; attendu : au plus 126749.14 le 2018-12-06)",
    ),
    (
        "commissions negatives",
        lambda: calculer_teg(FONCIER, commissions=Decimal("-0.01")),
        ErreurValeur,
        "clé « commissions » : commissions hors des bornes (reçu : -0.01 ; attendu : ≥ 0 et < au "
        "montant de la ligne (128189.00 €))",
    ),
    (
        "commissions egales au montant",
        lambda: calculer_teg(FONCIER, commissions=Decimal("128189.00")),
        ErreurValeur,
        "clé « commissions » : commissions hors des bornes (reçu : 128189.00 ; attendu : ≥ 0 et < "
        "au montant de la ligne (128189.00 €))",
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
    # Les bords du calendrier : 1er janvier 1900 (lundi, férié) et 31 décembre 2199 (mardi).
    (
        "zero jour ouvre depuis un samedi",
        lambda: _vaut(calculer_delai(D(2024, 6, 22), "0 jour ouvré"), D(2024, 6, 22)),
    ),
    (
        "zero mois et un jour depuis le 1er janvier 1900",
        lambda: _vaut(calculer_delai(D(1900, 1, 1), "0 mois et 1 jour"), D(1900, 1, 2)),
    ),
    (
        "zero mois et zero jour le 31 decembre 2199",
        lambda: _vaut(calculer_delai(D(2199, 12, 31), "0 mois et 0 jour"), D(2199, 12, 31)),
    ),
    (
        "delai jusqu'au 31 decembre 2199",
        lambda: _vaut(calculer_delai(D(2199, 12, 30), "1 jour"), D(2199, 12, 31)),
    ),
    (
        "delai a rebours jusqu'au 1er janvier 1900",
        lambda: _vaut(calculer_delai(D(1900, 1, 3), "1 jour", sens="avant"), D(1900, 1, 1)),
    ),
    (
        "jour ouvre jusqu'au 31 decembre 2199",
        lambda: _vaut(calculer_delai(D(2199, 12, 30), "1 jour ouvré"), D(2199, 12, 31)),
    ),
    (
        # Jour compté : mardi 2 janvier ; dernier jour utile : la veille (Cass., délai à rebours).
        "jour ouvre a rebours : dernier jour utile le 1er janvier 1900",
        lambda: _vaut(calculer_delai(D(1900, 1, 3), "1 jour ouvré", sens="avant"), D(1900, 1, 1)),
    ),
    (
        "preavis au dernier jour utile",
        lambda: calendrier_remboursement(FONCIER, D(2020, 12, 6), date_demande=LIMITE_PREAVIS),
    ),
    (
        "remboursement d'un centime",
        lambda: rembourser_par_anticipation(FONCIER, D(2018, 12, 6), montant=Decimal("0.01")),
    ),
    (
        "remboursement de tout le capital restant du",
        lambda: rembourser_par_anticipation(FONCIER, D(2018, 12, 6), montant=Decimal("126749.14")),
    ),
    (
        "remboursement a l'avant-derniere echeance",
        lambda: rembourser_par_anticipation(FONCIER, D(2066, 12, 6)),
    ),
    (
        "indemnite de sommes nulles",
        lambda: indemnite_obligatoire(
            CasObligatoire.EXIGIBILITE_7_POURCENT, sommes_exigibles=Decimal(0)
        ),
    ),
    (
        "semestre a 30 %",
        lambda: indemnite_obligatoire(
            CasObligatoire.SEMESTRE_INTERETS,
            sommes_exigibles=Decimal(100),
            taux_en_vigueur=Decimal("0.30"),
        ),
    ),
    (
        "semestre a -10 %",
        lambda: indemnite_obligatoire(
            CasObligatoire.SEMESTRE_INTERETS,
            sommes_exigibles=Decimal(100),
            taux_en_vigueur=Decimal("-0.10"),
        ),
    ),
    (
        "versement le dernier jour du prefinancement",
        lambda: calculer_tableau(
            attrs.evolve(
                FONCIER, versements=(Versement(date=D(2017, 12, 6), montant=Decimal("128189.00")),)
            )
        ),
    ),
    (
        "versement deux mois avant la premiere echeance",
        lambda: calculer_tableau(
            attrs.evolve(
                FONCIER,
                prefinancement=None,
                versements=(Versement(date=D(2018, 10, 6), montant=Decimal("128189.00")),),
            )
        ),
    ),
    (
        "remboursement dans le tableau de tout le capital",
        lambda: calculer_tableau(FONCIER, remboursements={D(2018, 12, 6): Decimal("126749.14")}),
    ),
    ("commissions nulles", lambda: calculer_teg(FONCIER, commissions=Decimal(0))),
    ("annee 1900", lambda: jours_feries(1900)),
    ("annee 2199", lambda: jours_feries(2199)),
    ("jour ouvre au 1er janvier 1900", lambda: est_jour_ouvre(D(1900, 1, 1))),
    ("jour ouvre au 31 decembre 2199", lambda: est_jour_ouvre(D(2199, 12, 31))),
    ("duree de 200 caracteres", lambda: lire_duree("1 jour" + " " * 194)),
    ("duree de six chiffres", lambda: lire_duree("100000 jours")),
    ("duree nulle", lambda: lire_duree("0 jour")),
    ("quantite maximale", lambda: Duree(quantite=100_000, unite="jours")),
    (
        "semaines puis jours francs",
        lambda: Duree(quantite=1, unite="semaines", puis=Duree(quantite=2, unite="jours_francs")),
    ),
    ("regularisation de 1901", lambda: _regularisation_annee(1901)),
    ("regularisation de 2199", lambda: _regularisation_annee(2199)),
    (
        "neutralite de 1900",
        lambda: calculer_neutralite(LOZERE, [Flux(date=D(1900, 1, 2), montant=Decimal(1))], 1900),
    ),
    (
        "neutralite de 2199",
        lambda: calculer_neutralite(LOZERE, [Flux(date=D(2199, 12, 31), montant=Decimal(1))], 2199),
    ),
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


def test_commune_majorations_absentes_refusees_en_francais() -> None:
    # Trouvé par le test à données aléatoires : « majorations=None » levait un TypeError.
    import datetime as dt

    from collectivites.erreurs import ErreurType
    from collectivites.regles.indemnites import Commune

    with pytest.raises(ErreurType) as exc:
        Commune(nom="Oraison", population=6000, date=dt.date(2020, 1, 1), majorations=None)  # type: ignore[arg-type]
    assert exc.value.cle == "majorations"
