"""Retards de paiement (``regles/paiements/_calcul.py``) : l'explication entière, étape par
étape (libellé, valeur, article), les bornes de chaque règle et le message exact de chaque refus.

Chaque attendu est calculé à la main d'après les textes cités par le module (Code de la commande
publique, R2192-10 à R2192-36, L2192-10, L2192-13, D2192-35 ; décret n° 2013-269, art. 12 et 13)
et les taux publiés par la BCE (série ``bce_refinancement`` : 4,50 % depuis le 20/09/2023,
4,25 % depuis le 12/06/2024, 3,15 % depuis le 18/12/2024, 2,15 % depuis le 11/06/2025, dernière
valeur confirmée)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from collectivites.donnees import PointSerie, SerieDatee, serie_livree
from collectivites.erreurs import ErreurValeur
from collectivites.regles.paiements import (
    CategorieAcheteur,
    Etape,
    Facture,
    calculer_retard_paiement,
)
from collectivites.regles.paiements._calcul import part_comptable, partager_jours

D = dt.date
NBSP = "\u202f"  # espace fine insécable des milliers (formater_montant)
COLLECTIVITE = "collectivité territoriale ou établissement public local (30 jours)"
SANTE = "établissement public de santé ou du service de santé des armées (50 jours)"
INDEMNITE = Etape(
    libelle="Indemnité forfaitaire pour frais de recouvrement",
    valeur="40,00 €",
    reference="L2192-13, D2192-35",
)


def _facture(**kwargs: object) -> Facture:
    valeurs: dict[str, object] = {
        "numero": "F1",
        "montant": Decimal("10000.00"),
        "date_reception": D(2024, 7, 1),
        "date_mise_en_paiement": D(2024, 8, 20),
    }
    valeurs.update(kwargs)
    return Facture(**valeurs)  # type: ignore[arg-type]


def _depart(jour: str) -> Etape:
    return Etape(
        libelle="Départ du délai : réception de la demande de paiement",
        valeur=jour,
        reference="R2192-12",
    )


def _delai(jours: int, categorie: str, dernier: str, article: str = "R2192-10") -> Etape:
    return Etape(
        libelle=f"Délai de paiement : {jours} jours ({categorie})",
        valeur=f"dernier jour : {dernier}",
        reference=article,
    )


def _mise_en_paiement(jour: str, retard: int) -> Etape:
    return Etape(
        libelle=f"Mise en paiement le {jour}",
        valeur=f"{retard} jour(s) de retard" if retard else "dans le délai : rien n'est dû",
        reference="L2192-13",
    )


def _taux(semestre: str, bce: str, taux: str) -> Etape:
    return Etape(
        libelle=f"Taux : BCE au {semestre} ({bce}) + 8 points", valeur=taux, reference="R2192-31"
    )


def _interets(libelle: str, valeur: str) -> Etape:
    return Etape(libelle=f"Intérêts : {libelle}", valeur=valeur, reference="L2192-13, R2192-31")


# --- l'explication entière ------------------------------------------------------------------------


def test_vingt_jours_de_retard_d_une_collectivite() -> None:
    """Réception le 01/07/2024, 30 jours (R2192-10) : dernier jour le 31/07/2024 ; mise en
    paiement le 20/08/2024 : 20 jours (01/08 au 20/08 inclus) ; intérêts partis le 01/08/2024,
    semestre du 01/07/2024, BCE 4,25 % + 8 = 12,25 % (R2192-31) ;
    10 000 × 0,1225 × 20 / 365 = 4 900 / 73 = 67,1232876712… → 67,12 €."""
    f = _facture()
    r = calculer_retard_paiement(f)
    assert r.facture is f
    assert r.etapes == (
        _depart("01/07/2024"),
        _delai(30, COLLECTIVITE, "31/07/2024"),
        _mise_en_paiement("20/08/2024", 20),
        _taux("01/07/2024", "4,25 %", "12,25 %"),
        _interets(
            f"10{NBSP}000,00 € × 12,25 % × 20 / 365, du 01/08/2024 au 20/08/2024 inclus",
            "67,12 €",
        ),
        INDEMNITE,
    )
    assert (r.depart, r.fin_delai, r.jours_retard) == (D(2024, 7, 1), D(2024, 7, 31), 20)
    assert (r.taux_bce, r.taux, r.semestre) == (
        Decimal("0.0425"),
        Decimal("0.1225"),
        D(2024, 7, 1),
    )
    assert (r.interets, r.indemnite, r.total_du) == (
        Decimal("67.12"),
        Decimal("40.00"),
        Decimal("107.12"),
    )
    assert (r.indemnite_complementaire, r.interets_complementaires) == (Decimal(0), Decimal(0))
    assert (r.jours_ordonnateur, r.jours_comptable) == (None, None)
    assert (r.interets_ordonnateur, r.interets_comptable) == (None, None)
    assert r.hypotheses == ()
    # Une seule période, du 01/08 au 21/08 exclu, au taux du semestre, intérêts non arrondis.
    (p,) = r.periodes
    assert (p.debut, p.fin, p.base, p.taux) == (
        D(2024, 8, 1),
        D(2024, 8, 21),
        Decimal("10000.00"),
        Decimal("0.1225"),
    )
    assert p.interets.quantize(Decimal("1e-12")) == Decimal("67.123287671233")


def test_partage_complement_et_interets_complementaires() -> None:
    """Réception le 03/03/2025, dernier jour le 02/04/2025 ; mise en paiement le 05/05/2025 :
    33 jours ; taux : BCE au 01/01/2025 3,15 % + 8 = 11,15 % ;
    50 000 × 0,1115 × 33 / 365 = 504,0410… → 504,04 €. Ordre de payer reçu le 15/04/2025 :
    le comptable a jusqu'au 25/04/2025 (décret 2013-269, art. 12), il répond de 10 jours
    (26/04 au 05/05), l'ordonnateur de 23 ; part du comptable 504,04 × 10 / 33 = 152,739… →
    152,74 €, l'ordonnateur 351,30 €. Frais justifiés 100 € : complément 60 € (L2192-13,
    al. 2). Intérêts payés le 29/07/2025, limite 05/05 + 45 = 19/06/2025 (R2192-36) : 40 jours,
    semestre du 20/06/2025 (01/01/2025), 11,15 % : 504,04 × 0,1115 × 40 / 365 = 6,1589… → 6,16 €.
    """
    r = calculer_retard_paiement(
        _facture(
            montant=Decimal("50000.00"),
            date_reception=D(2025, 3, 3),
            date_reception_mandat=D(2025, 4, 15),
            date_mise_en_paiement=D(2025, 5, 5),
            date_paiement_interets=D(2025, 7, 29),
            frais_recouvrement=Decimal("100.00"),
        )
    )
    assert r.etapes == (
        _depart("03/03/2025"),
        _delai(30, COLLECTIVITE, "02/04/2025"),
        _mise_en_paiement("05/05/2025", 33),
        _taux("01/01/2025", "3,15 %", "11,15 %"),
        _interets(
            f"50{NBSP}000,00 € × 11,15 % × 33 / 365, du 03/04/2025 au 05/05/2025 inclus",
            "504,04 €",
        ),
        INDEMNITE,
        Etape(
            libelle="Indemnisation complémentaire sur justification (frais de 100,00 €)",
            valeur="60,00 €",
            reference="L2192-13, al. 2",
        ),
        Etape(
            libelle="Intérêts payés le 29/07/2025, après le 19/06/2025 : "
            "504,04 € × 11,15 % × 40 / 365",
            valeur="6,16 €",
            reference="R2192-36 (interprétation), R2192-31",
        ),
        Etape(
            libelle="Partage : 23 jour(s) de l'ordonnateur, 10 du comptable (10 jours depuis "
            "la réception de l'ordre de payer le 15/04/2025)",
            valeur="comptable : 152,74 €",
            reference="décret n° 2013-269, art. 12 et 13",
        ),
    )
    assert (r.jours_retard, r.jours_ordonnateur, r.jours_comptable) == (33, 23, 10)
    assert (r.interets, r.interets_ordonnateur, r.interets_comptable) == (
        Decimal("504.04"),
        Decimal("351.30"),
        Decimal("152.74"),
    )
    assert (r.indemnite, r.indemnite_complementaire, r.interets_complementaires) == (
        Decimal("40.00"),
        Decimal("60.00"),
        Decimal("6.16"),
    )
    assert r.total_du == Decimal("610.20")
    assert r.hypotheses == ()


def test_demande_datee_et_service_fait_posterieur() -> None:
    """Demande du 03/01/2025 sans réception constatée : 05/01/2025 (R2192-14) ; service fait le
    15/01/2025, postérieur : départ le 15/01/2025 (R2192-12, al. 2), dernier jour le 14/02/2025 ;
    mise en paiement le 24/02/2025 : 10 jours, BCE au 01/01/2025 3,15 % + 8 = 11,15 % ;
    20 000 × 0,1115 × 10 / 365 = 61,0958… → 61,10 €."""
    r = calculer_retard_paiement(
        _facture(
            montant=Decimal("20000.00"),
            date_reception=None,
            date_demande=D(2025, 1, 3),
            date_service_fait=D(2025, 1, 15),
            date_mise_en_paiement=D(2025, 2, 24),
        )
    )
    assert r.etapes == (
        Etape(
            libelle="Réception de la demande (non constatée)",
            valeur="03/01/2025 + 2 jours = 05/01/2025",
            reference="R2192-14",
        ),
        Etape(
            libelle="Demande reçue avant l'exécution des prestations : départ au service fait",
            valeur="15/01/2025",
            reference="R2192-12, al. 2",
        ),
        _delai(30, COLLECTIVITE, "14/02/2025"),
        _mise_en_paiement("24/02/2025", 10),
        _taux("01/01/2025", "3,15 %", "11,15 %"),
        _interets(
            f"20{NBSP}000,00 € × 11,15 % × 10 / 365, du 15/02/2025 au 24/02/2025 inclus",
            "61,10 €",
        ),
        INDEMNITE,
    )
    assert (r.facture.reception, r.depart, r.fin_delai) == (
        D(2025, 1, 5),
        D(2025, 1, 15),
        D(2025, 2, 14),
    )
    assert r.interets == Decimal("61.10")


def test_interruption_d_un_etablissement_de_sante() -> None:
    """Santé, 50 jours (R2192-11, 1°) : réception le 01/02/2024, dernier jour le 22/03/2024
    (2024 bissextile) ; interruption notifiée le 11/02/2024, solde 40 jours > 30 : nouveau délai
    de 40 jours dès les pièces reçues le 20/02/2024, dernier jour le 31/03/2024 (R2192-29) ;
    mise en paiement le 10/04/2024 : 10 jours au taux du 01/01/2024, 4,50 % + 8 = 12,50 % ;
    36 500 × 0,125 × 10 / 365 = 125,00 €. Pas d'ordre de payer : pas de partage."""
    r = calculer_retard_paiement(
        _facture(
            montant=Decimal("36500.00"),
            categorie=CategorieAcheteur.SANTE,
            date_reception=D(2024, 2, 1),
            interruption_debut=D(2024, 2, 11),
            interruption_fin=D(2024, 2, 20),
            date_mise_en_paiement=D(2024, 4, 10),
        )
    )
    assert r.etapes == (
        _depart("01/02/2024"),
        _delai(50, SANTE, "22/03/2024", "R2192-11, 1°"),
        Etape(
            libelle="Interruption notifiée le 11/02/2024 (solde : 40 jours), pièces reçues le "
            "20/02/2024 : nouveau délai de 40 jours",
            valeur="dernier jour : 31/03/2024",
            reference="R2192-27 à R2192-29",
        ),
        _mise_en_paiement("10/04/2024", 10),
        _taux("01/01/2024", "4,50 %", "12,50 %"),
        _interets(
            f"36{NBSP}500,00 € × 12,50 % × 10 / 365, du 01/04/2024 au 10/04/2024 inclus",
            "125,00 €",
        ),
        INDEMNITE,
    )
    assert (r.fin_delai, r.jours_retard, r.interets) == (D(2024, 3, 31), 10, Decimal("125.00"))
    assert (r.jours_ordonnateur, r.jours_comptable, r.interets_comptable) == (None, None, None)


def test_delai_stipule_par_le_marche() -> None:
    """Un marché qui stipule 20 jours (L2192-10) : dernier jour le 21/07/2024 ; mise en paiement
    le 20/08/2024 : 30 jours au taux du 01/07/2024 (12,25 %) ;
    10 000 × 0,1225 × 30 / 365 = 100,6849… → 100,68 €."""
    r = calculer_retard_paiement(_facture(delai_jours=20))
    assert r.etapes[1] == _delai(20, COLLECTIVITE, "21/07/2024", "L2192-10 (délai stipulé)")
    assert (r.fin_delai, r.jours_retard, r.interets) == (D(2024, 7, 21), 30, Decimal("100.68"))


def test_paye_dans_le_delai_rien_n_est_du() -> None:
    """Mise en paiement le dernier jour du délai (31/07/2024) : aucun retard ; l'ordre de payer
    reçu le 20/07/2024 donne un partage de zéro jour, à zéro euro."""
    f = _facture(date_mise_en_paiement=D(2024, 7, 31), date_reception_mandat=D(2024, 7, 20))
    r = calculer_retard_paiement(f)
    assert r.facture is f
    assert r.etapes == (
        _depart("01/07/2024"),
        _delai(30, COLLECTIVITE, "31/07/2024"),
        _mise_en_paiement("31/07/2024", 0),
    )
    assert (r.depart, r.fin_delai, r.jours_retard) == (D(2024, 7, 1), D(2024, 7, 31), 0)
    assert (r.taux_bce, r.taux, r.semestre, r.periodes) == (None, None, None, ())
    zero = Decimal("0.00")
    assert (r.interets, r.indemnite, r.indemnite_complementaire) == (zero, zero, zero)
    assert (r.interets_complementaires, r.total_du) == (zero, zero)
    assert (r.jours_ordonnateur, r.jours_comptable) == (0, 0)
    assert (r.interets_ordonnateur, r.interets_comptable) == (zero, zero)
    assert r.hypotheses == ()
    # L'État n'a pas de comptable d'une autre personne morale : pas de partage.
    etat = calculer_retard_paiement(
        _facture(
            categorie=CategorieAcheteur.ETAT,
            date_mise_en_paiement=D(2024, 7, 31),
            date_reception_mandat=D(2024, 7, 20),
        )
    )
    assert (etat.jours_ordonnateur, etat.jours_comptable) == (None, None)
    assert (etat.interets_ordonnateur, etat.interets_comptable) == (None, None)


# --- bornes ---------------------------------------------------------------------------------------


def test_service_fait_le_jour_de_la_reception() -> None:
    """Un service fait le jour même de la réception n'est pas « postérieur » : le délai court de
    la réception (R2192-12, al. 1)."""
    r = calculer_retard_paiement(_facture(date_service_fait=D(2024, 7, 1)))
    assert r.etapes[0] == _depart("01/07/2024")
    assert len(r.etapes) == 6


def test_interruption_aux_bornes_du_delai() -> None:
    """Interruption notifiée le jour du départ (solde 30 jours) ou le dernier jour (solde 0) :
    admise ; le nouveau délai est de trente jours (R2192-29), compté de la réception des
    pièces."""
    depart = calculer_retard_paiement(
        _facture(
            interruption_debut=D(2024, 7, 1),
            interruption_fin=D(2024, 7, 1),
            date_mise_en_paiement=D(2024, 8, 1),
        )
    )
    assert depart.etapes[2] == Etape(
        libelle="Interruption notifiée le 01/07/2024 (solde : 30 jours), pièces reçues le "
        "01/07/2024 : nouveau délai de 30 jours",
        valeur="dernier jour : 31/07/2024",
        reference="R2192-27 à R2192-29",
    )
    assert (depart.fin_delai, depart.jours_retard) == (D(2024, 7, 31), 1)
    dernier = calculer_retard_paiement(
        _facture(
            interruption_debut=D(2024, 7, 31),
            interruption_fin=D(2024, 8, 5),
            date_mise_en_paiement=D(2024, 9, 5),
        )
    )
    assert dernier.etapes[2].libelle == (
        "Interruption notifiée le 31/07/2024 (solde : 0 jours), pièces reçues le 05/08/2024 : "
        "nouveau délai de 30 jours"
    )
    assert (dernier.fin_delai, dernier.jours_retard) == (D(2024, 9, 4), 1)


@pytest.mark.parametrize(
    ("debut", "fin", "cle", "message", "attendu"),
    [
        (
            D(2024, 6, 30),
            D(2024, 7, 10),
            "interruption_debut",
            "l'interruption doit être notifiée pendant le délai de paiement",
            "une date du 01/07/2024 au 31/07/2024 (R2192-27, R2192-29)",
        ),
        (
            D(2024, 8, 1),
            D(2024, 8, 10),
            "interruption_debut",
            "l'interruption doit être notifiée pendant le délai de paiement",
            "une date du 01/07/2024 au 31/07/2024 (R2192-27, R2192-29)",
        ),
        (
            D(2024, 7, 10),
            D(2024, 7, 9),
            "interruption_fin",
            "l'interruption finit avant d'avoir commencé",
            "une date à partir du 10/07/2024",
        ),
    ],
)
def test_interruption_refusee(
    debut: dt.date, fin: dt.date, cle: str, message: str, attendu: str
) -> None:
    with pytest.raises(ErreurValeur) as exc:
        calculer_retard_paiement(_facture(interruption_debut=debut, interruption_fin=fin))
    assert (exc.value.message, exc.value.cle, exc.value.attendu) == (message, cle, attendu)
    assert exc.value.valeur == (debut if cle == "interruption_debut" else fin)


@pytest.mark.parametrize(
    ("kwargs", "cle", "valeur", "message", "attendu"),
    [
        (
            {"date_mise_en_paiement": D(2024, 6, 30)},
            "date_mise_en_paiement",
            D(2024, 6, 30),
            "mise en paiement avant la réception de la demande",
            "une date à partir du 01/07/2024",
        ),
        (
            {
                "date_reception": None,
                "date_demande": D(2024, 6, 29),
                "date_mise_en_paiement": D(2024, 6, 30),
            },
            "date_mise_en_paiement",
            D(2024, 6, 30),
            "mise en paiement avant la réception de la demande",
            "une date à partir du 01/07/2024",
        ),
        (
            {"date_service_fait": D(2024, 9, 1)},
            "date_mise_en_paiement",
            D(2024, 8, 20),
            "mise en paiement avant l'exécution des prestations",
            "une date à partir du 01/09/2024 (service fait)",
        ),
        (
            {"interruption_debut": D(2024, 7, 5), "interruption_fin": D(2024, 8, 21)},
            "date_mise_en_paiement",
            D(2024, 8, 20),
            "mise en paiement avant la fin de l'interruption",
            "une date à partir du 21/08/2024",
        ),
        (
            {"date_reception_mandat": D(2024, 6, 30)},
            "date_reception_mandat",
            D(2024, 6, 30),
            "réception de l'ordre de payer hors de la période de paiement",
            "une date du 01/07/2024 au 20/08/2024",
        ),
        (
            {"date_reception_mandat": D(2024, 8, 21)},
            "date_reception_mandat",
            D(2024, 8, 21),
            "réception de l'ordre de payer hors de la période de paiement",
            "une date du 01/07/2024 au 20/08/2024",
        ),
        (
            {"date_paiement_interets": D(2024, 8, 19)},
            "date_paiement_interets",
            D(2024, 8, 19),
            "intérêts payés avant le principal",
            "une date à partir du 20/08/2024",
        ),
    ],
)
def test_dates_incoherentes_refusees(
    kwargs: dict[str, object], cle: str, valeur: dt.date, message: str, attendu: str
) -> None:
    with pytest.raises(ErreurValeur) as exc:
        calculer_retard_paiement(_facture(**kwargs))
    assert (exc.value.message, exc.value.cle, exc.value.valeur, exc.value.attendu) == (
        message,
        cle,
        valeur,
        attendu,
    )


def test_dates_aux_bornes_admises() -> None:
    """Mise en paiement le jour de la réception, du service fait, de la fin de l'interruption ;
    ordre de payer reçu le jour de la réception ou de la mise en paiement ; intérêts payés le
    jour du principal : rien n'est refusé."""
    jour = D(2024, 7, 1)
    assert calculer_retard_paiement(_facture(date_mise_en_paiement=jour)).jours_retard == 0
    presumee = _facture(
        date_reception=None, date_demande=D(2024, 6, 29), date_mise_en_paiement=jour
    )
    assert calculer_retard_paiement(presumee).depart == jour
    service = _facture(date_service_fait=D(2024, 8, 20))
    assert calculer_retard_paiement(service).depart == D(2024, 8, 20)
    interrompue = _facture(interruption_debut=D(2024, 7, 5), interruption_fin=D(2024, 8, 20))
    assert calculer_retard_paiement(interrompue).fin_delai == D(2024, 9, 19)
    for mandat in (D(2024, 7, 1), D(2024, 8, 20)):
        r = calculer_retard_paiement(_facture(date_reception_mandat=mandat))
        assert r.jours_comptable is not None
    r = calculer_retard_paiement(_facture(date_paiement_interets=D(2024, 8, 20)))
    assert r.interets_complementaires == 0 and len(r.etapes) == 6


# --- partage entre ordonnateur et comptable -------------------------------------------------------


@pytest.mark.parametrize(
    ("mandat", "jours_o", "jours_c", "interets_c"),
    [
        # Ordre de payer reçu le 01/07 : le comptable avait jusqu'au 11/07, il répond de tout le
        # retard (40 jours au-delà de son délai, limités aux 20 jours de retard).
        (D(2024, 7, 1), 0, 20, Decimal("67.12")),
        # Reçu le 09/08 : délai jusqu'au 19/08, un jour au comptable : 67,12 / 20 = 3,356 → 3,36.
        (D(2024, 8, 9), 19, 1, Decimal("3.36")),
        # Reçu le 10/08 : délai jusqu'au 20/08, jour de la mise en paiement : rien au comptable.
        (D(2024, 8, 10), 20, 0, Decimal("0.00")),
        (D(2024, 8, 15), 20, 0, Decimal("0.00")),
    ],
)
def test_partage_des_jours_de_retard(
    mandat: dt.date, jours_o: int, jours_c: int, interets_c: Decimal
) -> None:
    r = calculer_retard_paiement(_facture(date_reception_mandat=mandat))
    assert (r.jours_ordonnateur, r.jours_comptable) == (jours_o, jours_c)
    assert r.interets_comptable == interets_c
    assert r.interets_ordonnateur == Decimal("67.12") - interets_c
    assert r.etapes[-1] == Etape(
        libelle=f"Partage : {jours_o} jour(s) de l'ordonnateur, {jours_c} du comptable (10 jours "
        f"depuis la réception de l'ordre de payer le {mandat:%d/%m/%Y})",
        valeur=f"comptable : {str(interets_c).replace('.', ',')} €",
        reference="décret n° 2013-269, art. 12 et 13",
    )


def test_partage_d_un_etablissement_de_sante() -> None:
    """Santé : le comptable a quinze jours (décret 2013-269, art. 12). Réception le 01/07/2024,
    50 jours : dernier jour le 20/08/2024 ; mise en paiement le 30/08/2024 : 10 jours au taux
    du 01/07/2024 (12,25 %) : 10 000 × 0,1225 × 10 / 365 = 33,5616… → 33,56 €. Ordre de payer
    reçu le 10/08/2024 : délai jusqu'au 25/08, 5 jours au comptable : 33,56 / 2 = 16,78 €."""
    r = calculer_retard_paiement(
        _facture(
            categorie="sante",
            date_reception_mandat=D(2024, 8, 10),
            date_mise_en_paiement=D(2024, 8, 30),
        )
    )
    assert (r.jours_retard, r.interets) == (10, Decimal("33.56"))
    assert (r.jours_ordonnateur, r.jours_comptable, r.interets_comptable) == (
        5,
        5,
        Decimal("16.78"),
    )
    assert r.etapes[-1].libelle == (
        "Partage : 5 jour(s) de l'ordonnateur, 5 du comptable (15 jours depuis la réception de "
        "l'ordre de payer le 10/08/2024)"
    )


def test_partager_jours_et_part_comptable() -> None:
    assert partager_jours(20, D(2024, 8, 20), None, 10) == (None, None)
    assert partager_jours(20, D(2024, 8, 20), D(2024, 8, 1), None) == (None, None)
    assert partager_jours(20, D(2024, 8, 20), D(2024, 8, 1), 10) == (11, 9)
    assert partager_jours(0, D(2024, 8, 20), D(2024, 7, 1), 10) == (0, 0)
    # 100,00 × 1 / 3 = 33,333… → 33,33 ; 0,05 × 1 / 2 = 0,025 → 0,03 (demi au-dessus).
    assert part_comptable(Decimal("100.00"), 3, 1) == Decimal("33.33")
    assert part_comptable(Decimal("0.05"), 2, 1) == Decimal("0.03")
    # Sans jour de retard, rien au comptable (et pas de division par zéro), au centime.
    assert str(part_comptable(Decimal("10.00"), 0, 0)) == "0.00"


# --- indemnisation complémentaire et intérêts complémentaires -------------------------------------


def test_frais_egaux_a_l_indemnite_forfaitaire() -> None:
    """Des frais de 40 € ne dépassent pas l'indemnité forfaitaire : pas de complément
    (L2192-13, al. 2) ; à 40,01 €, un centime."""
    egal = calculer_retard_paiement(_facture(frais_recouvrement=Decimal("40.00")))
    assert egal.indemnite_complementaire == 0 and len(egal.etapes) == 6
    plus = calculer_retard_paiement(_facture(frais_recouvrement=Decimal("40.01")))
    assert plus.indemnite_complementaire == Decimal("0.01")
    assert plus.etapes[-1] == Etape(
        libelle="Indemnisation complémentaire sur justification (frais de 40,01 €)",
        valeur="0,01 €",
        reference="L2192-13, al. 2",
    )
    assert plus.total_du == Decimal("107.13")


def test_interets_payes_le_lendemain_de_la_limite() -> None:
    """Principal mis en paiement le 20/08/2024 : les intérêts sont dus au plus tard le
    04/10/2024 (45 jours, R2192-36). Payés ce jour-là : rien de plus ; le lendemain, un jour au
    taux du 01/07/2024 (12,25 %) : 67,12 × 0,1225 / 365 = 0,0225… → 0,02 €."""
    a_temps = calculer_retard_paiement(_facture(date_paiement_interets=D(2024, 10, 4)))
    assert a_temps.interets_complementaires == 0 and len(a_temps.etapes) == 6
    r = calculer_retard_paiement(_facture(date_paiement_interets=D(2024, 10, 5)))
    assert r.interets_complementaires == Decimal("0.02")
    assert r.etapes[-1] == Etape(
        libelle="Intérêts payés le 05/10/2024, après le 04/10/2024 : 67,12 € × 12,25 % × 1 / 365",
        valeur="0,02 €",
        reference="R2192-36 (interprétation), R2192-31",
    )
    assert r.total_du == Decimal("107.14")


def test_interets_complementaires_au_taux_du_semestre_ou_ils_commencent() -> None:
    """Réception le 01/04/2025, dernier jour le 01/05/2025 ; mise en paiement le 16/05/2025 :
    15 jours au taux du 01/01/2025 (11,15 %) : 36 500 × 0,1115 × 15 / 365 = 167,25 €. Limite de
    R2192-36 : 16/05 + 45 = 30/06/2025 ; les intérêts complémentaires courent dès le 01/07/2025,
    au taux du second semestre : BCE 2,15 % + 8 = 10,15 % (non celui de la limite, 11,15 %).
    Payés le 10/07/2025 : 10 jours, 167,25 × 0,1015 × 10 / 365 = 0,4650… → 0,47 €."""
    r = calculer_retard_paiement(
        _facture(
            montant=Decimal("36500.00"),
            date_reception=D(2025, 4, 1),
            date_mise_en_paiement=D(2025, 5, 16),
            date_paiement_interets=D(2025, 7, 10),
        )
    )
    assert (r.jours_retard, r.taux, r.interets) == (15, Decimal("0.1115"), Decimal("167.25"))
    assert r.interets_complementaires == Decimal("0.47")
    assert r.etapes[-1].libelle == (
        "Intérêts payés le 10/07/2025, après le 30/06/2025 : 167,25 € × 10,15 % × 10 / 365"
    )


def test_interets_complementaires_au_taux_de_la_serie_fournie() -> None:
    """La série fournie par l'appelant (1 % depuis 2000, soit 9 %) vaut aussi pour les intérêts
    complémentaires : 10 000 × 0,09 × 20 / 365 = 49,3150… → 49,32 € ; payés le 13/10/2024, 9 jours
    après la limite du 04/10/2024 : 49,32 × 0,09 × 9 / 365 = 0,1094… → 0,11 € (au taux de la
    série livrée, 12,25 %, ce serait 0,15 €)."""
    serie = SerieDatee(
        nom="bce du cas", points=(PointSerie(date_effet=D(2000, 1, 1), valeur=Decimal("0.01")),)
    )
    r = calculer_retard_paiement(_facture(date_paiement_interets=D(2024, 10, 13)), serie=serie)
    assert (r.taux, r.interets) == (Decimal("0.09"), Decimal("49.32"))
    assert r.interets_complementaires == Decimal("0.11")
    assert r.etapes[-1].libelle == (
        "Intérêts payés le 13/10/2024, après le 04/10/2024 : 49,32 € × 9,00 % × 9 / 365"
    )


def test_interets_nuls_pas_d_interets_complementaires() -> None:
    """Un centime en retard d'un jour : 0,01 × 0,1225 / 365 → 0,00 € d'intérêts ; payés tard,
    ces intérêts nuls n'en produisent aucun (aucune étape)."""
    r = calculer_retard_paiement(
        _facture(
            montant=Decimal("0.01"),
            date_mise_en_paiement=D(2024, 8, 1),
            date_paiement_interets=D(2024, 12, 31),
        )
    )
    assert (r.jours_retard, r.interets, r.interets_complementaires) == (1, Decimal(0), Decimal(0))
    assert len(r.etapes) == 6


def test_hypotheses_des_deux_semestres_une_seule_fois() -> None:
    """Intérêts à partir du 02/02/2026 (au-delà de la série confirmée) : l'avertissement du
    semestre du 01/01/2026, une seule fois si les intérêts complémentaires commencent dans le
    même semestre ; s'ils commencent au second semestre 2026, le sien aussi, dans cet ordre."""
    serie = serie_livree("bce_refinancement")
    facture = _facture(date_reception=D(2026, 1, 2), date_mise_en_paiement=D(2026, 2, 11))
    seul = calculer_retard_paiement(facture)
    assert seul.hypotheses == serie.avertissements(D(2026, 1, 1)) != ()
    meme = calculer_retard_paiement(
        _facture(
            date_reception=D(2026, 1, 2),
            date_mise_en_paiement=D(2026, 2, 11),
            date_paiement_interets=D(2026, 4, 1),
        )
    )
    assert meme.interets_complementaires > 0
    assert meme.hypotheses == seul.hypotheses
    # Principal mis en paiement le 16/05/2026 : limite de R2192-36 le 30/06/2026, intérêts
    # complémentaires à partir du 01/07/2026.
    deux = calculer_retard_paiement(
        _facture(
            date_reception=D(2026, 1, 2),
            date_mise_en_paiement=D(2026, 5, 16),
            date_paiement_interets=D(2026, 7, 10),
        )
    )
    assert deux.interets_complementaires > 0
    assert deux.hypotheses == (
        *serie.avertissements(D(2026, 1, 1)),
        *serie.avertissements(D(2026, 7, 1)),
    )
    # Principal dans la série confirmée, intérêts complémentaires au-delà : leur avertissement.
    r = calculer_retard_paiement(
        _facture(
            date_reception=D(2025, 11, 3),
            date_mise_en_paiement=D(2025, 12, 20),
            date_paiement_interets=D(2026, 3, 1),
        )
    )
    assert r.interets_complementaires > 0
    assert r.hypotheses == serie.avertissements(D(2026, 1, 1))
