"""Registre de mandats (``regles/paiements/_registre.py``) : lecture cellule par cellule (refus
situés, réception présumée, séparateurs), chiffres de chaque ligne, synthèse (totaux, plus longs
retards, parts de l'ordonnateur et du comptable, délai moyen) et refus des dates incohérentes.

Chaque attendu est calculé à la main d'après les textes (R2192-10 à R2192-31, D2192-35 ; décret
n° 2013-269, art. 12 et 13) et les taux publiés par la BCE : 2,50 % depuis le 21/12/2022,
4,25 % depuis le 12/06/2024, 2,15 % depuis le 11/06/2025 (dernière valeur confirmée)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from collectivites.donnees import PointSerie, SerieDatee, serie_livree
from collectivites.erreurs import ErreurDossier, ErreurType
from collectivites.regles.paiements import (
    CategorieAcheteur,
    MandatLu,
    calculer_registre,
    lire_registre,
)

D = dt.date
NON_REPARTI = "non réparti (réception de l'ordre de payer inconnue)"


def o(jour: dt.date | None) -> int:
    return 0 if jour is None else jour.toordinal()


def _mandat(
    ligne: int,
    numero: str,
    montant: str,
    reception: dt.date,
    paiement: dt.date,
    mandat: dt.date | None = None,
    service: dt.date | None = None,
    i_debut: dt.date | None = None,
    i_fin: dt.date | None = None,
) -> MandatLu:
    return (
        ligne,
        numero,
        "",
        Decimal(montant),
        o(reception),
        o(service),
        o(i_debut),
        o(i_fin),
        o(paiement),
        o(mandat),
    )


def _ecrire(chemin: Path, texte: str) -> Path:
    chemin.write_text(texte, encoding="utf-8")
    return chemin


# --- lecture --------------------------------------------------------------------------------------


def test_lecture_de_toutes_les_colonnes(tmp_path: Path) -> None:
    """BOM, provenance, ligne vide et ligne de séparateurs seuls ignorées mais comptées ;
    point-virgule ; réception présumée à la date de la demande + 2 jours (R2192-14) ; colonnes
    facultatives lues à leur place ; cellule manquante en fin de ligne lue vide."""
    chemin = _ecrire(
        tmp_path / "m.csv",
        "\ufeff# export du 01/09/2024\n"
        "numero;fournisseur;montant;date_demande;date_reception;date_service_fait;"
        "interruption_debut;interruption_fin;date_mise_en_paiement;date_reception_mandat\n"
        "\n"
        "M1;Martin;10 000,00;;01/07/2024;02/07/2024;05/07/2024;06/07/2024;20/08/2024;01/08/2024\n"
        ";;;;;;;;;\n"
        "M2;Durand;3650;2024-05-29;;;;;2024-07-01\n"
        "M3;;1\u202f234,5;;2024-06-01;;;;2024-06-01;2024-06-01\n",
    )
    assert lire_registre(chemin) == (
        (
            4,
            "M1",
            "Martin",
            Decimal("10000.00"),
            o(D(2024, 7, 1)),
            o(D(2024, 7, 2)),
            o(D(2024, 7, 5)),
            o(D(2024, 7, 6)),
            o(D(2024, 8, 20)),
            o(D(2024, 8, 1)),
        ),
        (6, "M2", "Durand", Decimal(3650), o(D(2024, 5, 31)), 0, 0, 0, o(D(2024, 7, 1)), 0),
        (
            7,
            "M3",
            "",
            Decimal("1234.5"),
            o(D(2024, 6, 1)),
            0,
            0,
            0,
            o(D(2024, 6, 1)),
            o(D(2024, 6, 1)),
        ),
    )


def test_colonnes_facultatives_absentes(tmp_path: Path) -> None:
    """Sans fournisseur ni ordre de payer : cellules vides ; la date de la demande seule suffit."""
    chemin = _ecrire(
        tmp_path / "m.csv",
        "numero,montant,date_demande,date_mise_en_paiement\nM1,5,2024-06-29,2024-08-01\n",
    )
    assert lire_registre(chemin) == (
        (2, "M1", "", Decimal(5), o(D(2024, 7, 1)), 0, 0, 0, o(D(2024, 8, 1)), 0),
    )


@pytest.mark.parametrize(
    ("montant", "attendu"),
    [
        ("12", Decimal(12)),
        ("12,3", Decimal("12.3")),
        ("12.34", Decimal("12.34")),
        ("1 234 567,89", Decimal("1234567.89")),
        ("1\xa0234,56", Decimal("1234.56")),
        ("1\u202f234,56", Decimal("1234.56")),
        ("1 234,56 €", Decimal("1234.56")),
        ("1000000000000", Decimal("1e12")),
        ("0,01", Decimal("0.01")),
    ],
)
def test_montants_lus(tmp_path: Path, montant: str, attendu: Decimal) -> None:
    chemin = _ecrire(
        tmp_path / "m.csv",
        f'numero;montant;date_reception;date_mise_en_paiement\nM1;"{montant}";2024-07-01;2024-07-02\n',
    )
    assert lire_registre(chemin)[0][3] == attendu


@pytest.mark.parametrize(
    ("montant", "message", "attendu"),
    [
        ("12,345", "un montant s'exprime au centime", "au plus 2 décimales"),
        ("0", "montant hors des bornes", "un montant > 0 et d'au plus 1 000 000 000 000 €"),
        ("-5", "montant hors des bornes", "un montant > 0 et d'au plus 1 000 000 000 000 €"),
        (
            "1000000000000,01",
            "montant hors des bornes",
            "un montant > 0 et d'au plus 1 000 000 000 000 €",
        ),
    ],
)
def test_montants_refuses(tmp_path: Path, montant: str, message: str, attendu: str) -> None:
    chemin = _ecrire(
        tmp_path / "m.csv",
        f"numero;montant;date_reception;date_mise_en_paiement\nM1;{montant};2024-07-01;2024-07-02\n",
    )
    with pytest.raises(ErreurDossier) as exc:
        lire_registre(chemin)
    e = exc.value
    assert (e.message, e.fichier, e.ligne, e.cle, e.valeur, e.attendu) == (
        message,
        str(chemin),
        2,
        "montant",
        montant,
        attendu,
    )


@pytest.mark.parametrize("jour", ["1900-01-01", "2199-12-31"])
def test_dates_aux_bornes_du_calendrier(tmp_path: Path, jour: str) -> None:
    chemin = _ecrire(
        tmp_path / "m.csv",
        f"numero,montant,date_reception,date_mise_en_paiement\nM1,5,{jour},{jour}\n",
    )
    assert lire_registre(chemin)[0][4] == o(dt.date.fromisoformat(jour))


@pytest.mark.parametrize("jour", ["1899-12-31", "2200-01-01"])
def test_dates_hors_du_calendrier(tmp_path: Path, jour: str) -> None:
    chemin = _ecrire(
        tmp_path / "m.csv",
        f"numero,montant,date_reception,date_mise_en_paiement\nM1,5,2024-07-01,2024-07-02\n"
        f"M2,5,2024-07-01,{jour}\n",
    )
    with pytest.raises(ErreurDossier) as exc:
        lire_registre(chemin)
    e = exc.value
    assert (e.message, e.fichier, e.ligne, e.cle, e.valeur, e.attendu) == (
        "date hors du calendrier couvert",
        str(chemin),
        3,
        "date_mise_en_paiement",
        jour,
        "une date des années 1900 à 2199",
    )


def test_date_deja_lue_reprise_du_cache(tmp_path: Path) -> None:
    """Une date déjà lue sur une ligne précédente donne le même jour ; une date nouvelle sur une
    ligne dont les autres sont connues est lue, et refusée si elle n'existe pas, à sa ligne."""
    chemin = _ecrire(
        tmp_path / "m.csv",
        "numero,montant,date_reception,date_mise_en_paiement\n"
        "M1,5,2024-07-01,2024-08-01\nM2,5,2024-07-01,2024-08-01\nM3,5,2024-07-01,2024-02-30\n",
    )
    with pytest.raises(ErreurDossier) as exc:
        lire_registre(chemin)
    assert (exc.value.ligne, exc.value.cle, exc.value.valeur) == (
        4,
        "date_mise_en_paiement",
        "2024-02-30",
    )
    _ecrire(
        chemin,
        "numero,montant,date_reception,date_mise_en_paiement\n"
        "M1,5,2024-07-01,2024-08-01\nM2,5,2024-07-01,2024-08-01\n",
    )
    assert [m[4:] for m in lire_registre(chemin)] == [
        (o(D(2024, 7, 1)), 0, 0, 0, o(D(2024, 8, 1)), 0)
    ] * 2


def test_colonne_inconnue(tmp_path: Path) -> None:
    connues = (
        "numero, montant, date_mise_en_paiement, fournisseur, date_reception, date_demande, "
        "date_service_fait, interruption_debut, interruption_fin, date_reception_mandat"
    )
    chemin = _ecrire(
        tmp_path / "m.csv",
        "numero,montnat,montant,date_reception,date_mise_en_paiement\nM1,1,5,2024-07-01,2024-07-02\n",
    )
    with pytest.raises(ErreurDossier) as exc:
        lire_registre(chemin)
    e = exc.value
    assert (e.message, e.fichier, e.ligne, e.valeur, e.attendu) == (
        "colonne inconnue ; vouliez-vous dire « montant » ?",
        str(chemin),
        1,
        "montnat",
        connues,
    )
    _ecrire(
        chemin,
        "numero,zzz,montant,date_reception,date_mise_en_paiement\nM1,1,5,2024-07-01,2024-07-02\n",
    )
    with pytest.raises(ErreurDossier) as exc:
        lire_registre(chemin)
    assert (exc.value.message, exc.value.valeur) == ("colonne inconnue", "zzz")


def test_colonne_de_reception_absente(tmp_path: Path) -> None:
    chemin = _ecrire(tmp_path / "m.csv", "numero,montant,date_mise_en_paiement\nM1,5,2024-07-02\n")
    with pytest.raises(ErreurDossier) as exc:
        lire_registre(chemin)
    e = exc.value
    assert (e.message, e.fichier, e.ligne, e.attendu) == (
        "colonne absente : date_reception (ou date_demande)",
        str(chemin),
        1,
        "la date de réception de chaque demande de paiement",
    )


@pytest.mark.parametrize(
    ("lignes", "ligne", "cle", "message", "attendu"),
    [
        (",5,2024-07-01,,2024-07-02", 2, "numero", "numéro de mandat absent", None),
        (
            "M1,5,2024-07-01,,2024-07-02\nM2,5,2024-07-01,,2024-07-02\nM1,5,2024-07-01,,2024-07-02",
            4,
            "numero",
            "numéro de mandat en double (déjà ligne 2)",
            None,
        ),
        ("M1,5,2024-07-01,,", 2, "date_mise_en_paiement", "date de mise en paiement absente", None),
        ("M1,5,2024-07-01", 2, "date_mise_en_paiement", "date de mise en paiement absente", None),
        (
            "M1,5,,,2024-07-02",
            2,
            "date_reception",
            "date de réception absente",
            "la date de réception, ou la date de la demande (date_demande)",
        ),
    ],
)
def test_lignes_refusees(
    tmp_path: Path, lignes: str, ligne: int, cle: str, message: str, attendu: str | None
) -> None:
    chemin = _ecrire(
        tmp_path / "m.csv",
        "numero,montant,date_reception,date_demande,date_mise_en_paiement\n" + lignes + "\n",
    )
    with pytest.raises(ErreurDossier) as exc:
        lire_registre(chemin)
    e = exc.value
    assert (e.message, e.fichier, e.ligne, e.cle, e.attendu) == (
        message,
        str(chemin),
        ligne,
        cle,
        attendu,
    )
    if "double" in message:
        assert e.valeur == "M1"


# --- calcul ---------------------------------------------------------------------------------------

#: Cinq mandats d'une collectivité (30 jours ; comptable : 10 jours).
MANDATS = (
    # 30 jours : dernier jour le 31/07/2024 ; 20 jours de retard au taux du 01/07/2024,
    # 4,25 % + 8 = 12,25 % : 10 000 × 0,1225 × 20 / 365 = 67,1232… → 67,12 €. Ordre de payer
    # reçu le 01/08 : le comptable a jusqu'au 11/08, il répond de 9 jours (12/08 au 20/08) :
    # 67,12 × 9 / 20 = 30,204 → 30,20 € ; l'ordonnateur de 11 jours.
    _mandat(2, "M1", "10000.00", D(2024, 7, 1), D(2024, 8, 20), mandat=D(2024, 8, 1)),
    # Dernier jour le 30/06/2024 ; un jour au taux du 01/07/2024 : 3 650 × 0,1225 / 365 = 1,225
    # → 1,23 € (demi au-dessus).
    _mandat(3, "M2", "3650.00", D(2024, 5, 31), D(2024, 7, 1)),
    # Payé dans le délai : rien.
    _mandat(4, "M3", "500.00", D(2024, 5, 31), D(2024, 6, 10)),
    # Payé le dernier jour du délai (31/07/2024), ordre de payer reçu le 20/07 : zéro jour partagé.
    _mandat(5, "M4", "1000.00", D(2024, 7, 1), D(2024, 7, 31), mandat=D(2024, 7, 20)),
    # Service fait le 10/03/2023 : départ, dernier jour le 09/04/2023 ; interruption notifiée le
    # 20/03 (solde 20 jours), pièces reçues le 25/03 : nouveau délai de 30 jours, dernier jour le
    # 24/04/2023 ; 16 jours de retard au taux du 01/01/2023, 2,50 % + 8 = 10,50 % :
    # 7 300 × 0,105 × 16 / 365 = 33,60 €.
    _mandat(
        6,
        "M5",
        "7300.00",
        D(2023, 3, 1),
        D(2023, 5, 10),
        service=D(2023, 3, 10),
        i_debut=D(2023, 3, 20),
        i_fin=D(2023, 3, 25),
    ),
)


def test_lignes_et_synthese_d_un_registre() -> None:
    r = calculer_registre(list(MANDATS))
    t1225, t105 = Decimal("0.1225"), Decimal("0.105")
    zero, quarante = Decimal("0.00"), Decimal("40.00")
    assert r.lignes == (
        (2, "M1", "", Decimal("10000.00"), D(2024, 7, 1), D(2024, 7, 31), D(2024, 8, 20), 20,
         t1225, Decimal("67.12"), quarante, 11, 9, Decimal("30.20")),
        (3, "M2", "", Decimal("3650.00"), D(2024, 5, 31), D(2024, 6, 30), D(2024, 7, 1), 1,
         t1225, Decimal("1.23"), quarante, None, None, None),
        (4, "M3", "", Decimal("500.00"), D(2024, 5, 31), D(2024, 6, 30), D(2024, 6, 10), 0,
         None, zero, zero, None, None, None),
        (5, "M4", "", Decimal("1000.00"), D(2024, 7, 1), D(2024, 7, 31), D(2024, 7, 31), 0,
         None, zero, zero, 0, 0, zero),
        (6, "M5", "", Decimal("7300.00"), D(2023, 3, 10), D(2023, 4, 24), D(2023, 5, 10), 16,
         t105, Decimal("33.60"), quarante, None, None, None),
    )  # fmt: skip
    assert [x[1] for x in r.plus_longs] == ["M1", "M5", "M2"]
    # Réparti : M1 seul (M4 n'est pas en retard) ; non réparti : M2 et M5, 1 + 16 jours,
    # 1,23 + 33,60 = 34,83 €.
    assert r.parts == (
        ("ordonnateur", 11, Decimal("36.92")),
        ("comptable", 9, Decimal("30.20")),
        (NON_REPARTI, 17, Decimal("34.83")),
    )
    assert (r.nombre, r.nombre_en_retard) == (5, 3)
    assert r.total_montant == Decimal("22450.00")
    assert (r.total_interets, r.total_indemnites, r.total_du) == (
        Decimal("101.95"),
        Decimal("120.00"),
        Decimal("221.95"),
    )
    # Jours du départ à la mise en paiement : 50, 31, 10, 30, 61 → 182 / 5 = 36,4.
    assert r.delai_moyen == Decimal("36.4")
    assert r.hypotheses == ()


def test_registre_vide() -> None:
    r = calculer_registre(())
    assert (r.nombre, r.nombre_en_retard, r.delai_moyen) == (0, 0, None)
    assert r.parts == (("ordonnateur", 0, Decimal(0)), ("comptable", 0, Decimal(0)))
    assert (r.total_montant, r.total_interets, r.total_du) == (Decimal(0),) * 3


def test_tout_reparti_pas_de_ligne_non_repartie() -> None:
    r = calculer_registre([MANDATS[0]])
    assert [p[0] for p in r.parts] == ["ordonnateur", "comptable"]


def test_plus_longs_retards_dix_au_plus_a_egalite_par_ligne() -> None:
    """Douze mandats reçus le 01/07/2024 (dernier jour le 31/07), payés 1 à 12 jours après, et
    un treizième ex æquo avec le plus long : les dix plus longs, à égalité dans l'ordre des
    lignes."""
    mandats = [
        _mandat(n + 1, f"M{n}", "100.00", D(2024, 7, 1), D(2024, 7, 31) + dt.timedelta(days=n))
        for n in range(1, 13)
    ]
    mandats.insert(0, _mandat(1, "X", "100.00", D(2024, 7, 1), D(2024, 8, 12)))
    r = calculer_registre(mandats)
    assert [(x[1], x[7]) for x in r.plus_longs] == [
        ("X", 12),
        ("M12", 12),
        *[(f"M{n}", n) for n in range(11, 3, -1)],
    ]


def test_delai_moyen_arrondi_au_dixieme_demi_au_dessus() -> None:
    """Quatre mandats payés 0, 0, 0 et 1 jour après la réception : 1 / 4 = 0,25 → 0,3."""
    mandats = [
        _mandat(n + 2, f"M{n}", "1.00", D(2024, 7, 1), D(2024, 7, 1) + dt.timedelta(days=n // 3))
        for n in range(4)
    ]
    assert calculer_registre(mandats).delai_moyen == Decimal("0.3")


def test_comptable_au_dela_de_son_delai_limite_au_retard() -> None:
    """Ordre de payer reçu le jour de la réception (01/07/2024) : le comptable avait jusqu'au
    11/07, il répond des 20 jours de retard, non des 40 jours au-delà de son délai ; reçu le
    15/08 : jusqu'au 25/08, aucun jour. État : pas de comptable distinct, pas de partage."""
    tot = _mandat(2, "M1", "10000.00", D(2024, 7, 1), D(2024, 8, 20), mandat=D(2024, 7, 1))
    tard = _mandat(3, "M2", "10000.00", D(2024, 7, 1), D(2024, 8, 20), mandat=D(2024, 8, 15))
    r = calculer_registre([tot, tard])
    assert [x[11:] for x in r.lignes] == [
        (0, 20, Decimal("67.12")),
        (20, 0, Decimal("0.00")),
    ]
    etat = calculer_registre([tot], categorie=CategorieAcheteur.ETAT)
    assert etat.lignes[0][11:] == (None, None, None)
    assert etat.parts[2] == (NON_REPARTI, 20, Decimal("67.12"))
    # Santé : 50 jours (dernier jour le 20/08/2024), comptable 15 jours.
    sante = calculer_registre(
        [_mandat(2, "M1", "10000.00", D(2024, 7, 1), D(2024, 8, 30), mandat=D(2024, 8, 10))],
        categorie=CategorieAcheteur.SANTE,
    )
    assert sante.lignes[0][5:] == (
        D(2024, 8, 20),
        D(2024, 8, 30),
        10,
        Decimal("0.1225"),
        Decimal("33.56"),
        Decimal("40.00"),
        5,
        5,
        Decimal("16.78"),
    )


def test_taux_de_chaque_semestre_et_hypothese_du_dernier() -> None:
    """Deux mandats au second semestre 2024 (même taux, 12,25 %), un au premier semestre 2026 et
    un au second, au-delà de la série confirmée : l'hypothèse du dernier semestre utilisé."""
    serie = serie_livree("bce_refinancement")
    r = calculer_registre(
        [
            _mandat(2, "A", "3650.00", D(2024, 7, 1), D(2024, 8, 1)),
            _mandat(3, "B", "3650.00", D(2024, 7, 2), D(2024, 8, 2)),
            _mandat(4, "C", "3650.00", D(2026, 7, 1), D(2026, 8, 1)),
            _mandat(5, "D", "3650.00", D(2026, 1, 2), D(2026, 2, 2)),
        ]
    )
    # Un jour : 3 650 × 0,1225 / 365 = 1,225 → 1,23 € ; 3 650 × 0,1015 / 365 = 1,015 → 1,02 €.
    assert [x[8:10] for x in r.lignes] == [
        (Decimal("0.1225"), Decimal("1.23")),
        (Decimal("0.1225"), Decimal("1.23")),
        (Decimal("0.1015"), Decimal("1.02")),
        (Decimal("0.1015"), Decimal("1.02")),
    ]
    assert r.hypotheses == serie.avertissements(D(2026, 7, 1)) != ()


def test_mandats_qui_ne_sont_pas_une_liste() -> None:
    with pytest.raises(ErreurType) as exc:
        calculer_registre("M1")
    assert (exc.value.message, exc.value.cle, exc.value.valeur, exc.value.attendu) == (
        "type refusé",
        "mandats",
        "M1",
        "les mandats de lire_registre",
    )


@pytest.mark.parametrize(
    ("kwargs", "cle", "valeur", "message", "attendu"),
    [
        (
            {"paiement": D(2024, 6, 30)},
            "date_mise_en_paiement",
            D(2024, 6, 30),
            "mise en paiement avant la réception de la demande",
            "une date à partir du 01/07/2024",
        ),
        (
            {"service": D(2024, 9, 1)},
            "date_mise_en_paiement",
            D(2024, 8, 20),
            "mise en paiement avant l'exécution des prestations",
            "une date à partir du 01/09/2024",
        ),
        (
            {"i_debut": D(2024, 6, 30), "i_fin": D(2024, 7, 5)},
            "interruption_debut",
            D(2024, 6, 30),
            "l'interruption doit être notifiée pendant le délai de paiement",
            "une date du 01/07/2024 au 31/07/2024 (R2192-27, R2192-29)",
        ),
        (
            {"i_debut": D(2024, 8, 1), "i_fin": D(2024, 8, 5)},
            "interruption_debut",
            D(2024, 8, 1),
            "l'interruption doit être notifiée pendant le délai de paiement",
            "une date du 01/07/2024 au 31/07/2024 (R2192-27, R2192-29)",
        ),
        (
            {"i_debut": D(2024, 7, 10), "i_fin": D(2024, 7, 9)},
            "interruption_fin",
            D(2024, 7, 9),
            "l'interruption finit avant d'avoir commencé",
            "une date à partir du 10/07/2024",
        ),
        (
            {"i_debut": D(2024, 7, 10), "i_fin": D(2024, 8, 21)},
            "date_mise_en_paiement",
            D(2024, 8, 20),
            "mise en paiement avant la fin de l'interruption",
            "une date à partir du 21/08/2024",
        ),
        (
            {"mandat": D(2024, 6, 30)},
            "date_reception_mandat",
            D(2024, 6, 30),
            "réception de l'ordre de payer hors de la période de paiement",
            "une date du 01/07/2024 au 20/08/2024",
        ),
        (
            {"mandat": D(2024, 8, 21)},
            "date_reception_mandat",
            D(2024, 8, 21),
            "réception de l'ordre de payer hors de la période de paiement",
            "une date du 01/07/2024 au 20/08/2024",
        ),
    ],
)
def test_dates_incoherentes_refusees_avec_leur_ligne(
    kwargs: dict[str, dt.date], cle: str, valeur: dt.date, message: str, attendu: str
) -> None:
    valeurs = {"paiement": D(2024, 8, 20), **kwargs}
    mandat = _mandat(7, "M1", "10000.00", D(2024, 7, 1), **valeurs)
    with pytest.raises(ErreurDossier) as exc:
        calculer_registre([mandat], fichier="m.csv")
    e = exc.value
    assert (e.message, e.fichier, e.ligne, e.cle, e.valeur, e.attendu) == (
        message,
        "m.csv",
        7,
        cle,
        valeur,
        attendu,
    )


@pytest.mark.parametrize(
    ("kwargs", "cle"),
    [
        ({"i_debut": D(2024, 7, 5)}, "interruption_fin"),
        ({"i_fin": D(2024, 7, 5)}, "interruption_debut"),
    ],
)
def test_interruption_incomplete(kwargs: dict[str, dt.date], cle: str) -> None:
    mandat = _mandat(3, "M1", "10000.00", D(2024, 7, 1), D(2024, 8, 20), **kwargs)
    with pytest.raises(ErreurDossier) as exc:
        calculer_registre([mandat], fichier="m.csv")
    e = exc.value
    assert (e.message, e.fichier, e.ligne, e.cle, e.attendu) == (
        "une interruption a un début et une fin",
        "m.csv",
        3,
        cle,
        "les deux dates, ou aucune",
    )


def test_dates_aux_bornes_admises() -> None:
    """Comme le calcul unitaire : mise en paiement le jour de la réception, du service fait, de
    la fin de l'interruption ; interruption le jour du départ (solde 30) ou le dernier jour
    (solde 0 : nouveau délai de 30 jours) ; ordre de payer reçu aux bornes de la période."""
    r = calculer_registre(
        [
            _mandat(2, "A", "100.00", D(2024, 7, 1), D(2024, 7, 1)),
            _mandat(3, "B", "100.00", D(2024, 7, 1), D(2024, 8, 20), service=D(2024, 8, 20)),
            _mandat(
                4, "C", "100.00", D(2024, 7, 1), D(2024, 8, 1), i_debut=D(2024, 7, 1),
                i_fin=D(2024, 7, 1),
            ),
            _mandat(
                5, "E", "100.00", D(2024, 7, 1), D(2024, 8, 5), i_debut=D(2024, 7, 31),
                i_fin=D(2024, 8, 5),
            ),
            _mandat(6, "F", "100.00", D(2024, 7, 1), D(2024, 8, 20), mandat=D(2024, 7, 1)),
            _mandat(7, "G", "100.00", D(2024, 7, 1), D(2024, 8, 20), mandat=D(2024, 8, 20)),
        ]
    )  # fmt: skip
    assert [x[4:8] for x in r.lignes] == [
        (D(2024, 7, 1), D(2024, 7, 31), D(2024, 7, 1), 0),
        (D(2024, 8, 20), D(2024, 9, 19), D(2024, 8, 20), 0),
        (D(2024, 7, 1), D(2024, 7, 31), D(2024, 8, 1), 1),
        (D(2024, 7, 1), D(2024, 9, 4), D(2024, 8, 5), 0),
        (D(2024, 7, 1), D(2024, 7, 31), D(2024, 8, 20), 20),
        (D(2024, 7, 1), D(2024, 7, 31), D(2024, 8, 20), 20),
    ]
    assert [x[12] for x in r.lignes[4:]] == [20, 0]


# --- en-têtes, provenance, fichier ----------------------------------------------------------------


def test_refus_des_entetes_a_leur_ligne_apres_la_provenance(tmp_path: Path) -> None:
    """Les en-têtes précédés de lignes de provenance et d'une ligne vide sont à la ligne 3 : leur
    refus le dit, avec le fichier (comme le lecteur commun, qui compte ces lignes)."""
    provenance = "# registre exporté\n\n"
    chemin = _ecrire(
        tmp_path / "m.csv",
        provenance + "numero,date_reception,date_mise_en_paiement\nM1,2024-07-01,2024-08-01\n",
    )
    with pytest.raises(ErreurDossier) as exc:
        lire_registre(chemin)
    e = exc.value
    assert (e.message, e.fichier, e.ligne, e.valeur, e.attendu) == (
        "colonne absente : montant",
        str(chemin),
        3,
        "numero,date_reception,date_mise_en_paiement",
        "numero,montant,date_mise_en_paiement",
    )
    _ecrire(chemin, provenance + "numero,zzz,montant,date_mise_en_paiement\nM1,1,5,2024-08-01\n")
    with pytest.raises(ErreurDossier) as exc:
        lire_registre(chemin)
    assert (exc.value.message, exc.value.fichier, exc.value.ligne) == (
        "colonne inconnue",
        str(chemin),
        3,
    )
    _ecrire(chemin, provenance + "numero,montant,date_mise_en_paiement\nM1,5,2024-08-01\n")
    with pytest.raises(ErreurDossier) as exc:
        lire_registre(chemin)
    assert (exc.value.message, exc.value.fichier, exc.value.ligne) == (
        "colonne absente : date_reception (ou date_demande)",
        str(chemin),
        3,
    )


def test_registre_sans_entetes(tmp_path: Path) -> None:
    chemin = _ecrire(tmp_path / "m.csv", "# registre exporté\n\n")
    with pytest.raises(ErreurDossier) as exc:
        lire_registre(chemin)
    e = exc.value
    assert (e.message, e.fichier, e.ligne, e.attendu) == (
        "fichier CSV vide",
        str(chemin),
        None,
        "numero,montant,date_mise_en_paiement",
    )


def test_provenance_en_retrait_et_marque_d_ordre_doublee(tmp_path: Path) -> None:
    """Une ligne de provenance en retrait (« ␣␣# … ») est ignorée, avant les en-têtes comme
    entre deux mandats ; une marque d'ordre des octets restée après le décodage (fichier
    enregistré deux fois avec elle) est retirée, comme le fait le lecteur commun."""
    chemin = _ecrire(
        tmp_path / "m.csv",
        "  # registre exporté\nnumero,montant,date_reception,date_mise_en_paiement\n"
        "M1,5,2024-07-01,2024-08-01\n   # vérifié\nM2,6,2024-07-01,2024-08-01\n",
    )
    assert [(m[0], m[1], m[3]) for m in lire_registre(chemin)] == [
        (3, "M1", Decimal(5)),
        (5, "M2", Decimal(6)),
    ]
    chemin.write_bytes(
        "\ufeff\ufeff# provenance\nnumero,montant,date_reception,date_mise_en_paiement\n"
        "M1,5,2024-07-01,2024-08-01\n".encode()
    )
    assert [(m[0], m[1]) for m in lire_registre(chemin)] == [(3, "M1")]


def test_cellules_en_trop_refusees_avec_le_fichier(tmp_path: Path) -> None:
    chemin = _ecrire(
        tmp_path / "m.csv",
        "# provenance\nnumero;montant;date_reception;date_mise_en_paiement\n"
        "M1;5;2024-07-01;2024-08-01\nM2;5;2024-07-01;2024-08-01;x\n",
    )
    with pytest.raises(ErreurDossier) as exc:
        lire_registre(chemin)
    assert (exc.value.message, exc.value.fichier, exc.value.ligne) == (
        "5 cellules pour 4 colonnes",
        str(chemin),
        4,
    )


def test_registre_dans_une_feuille_nommee(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    classeur = openpyxl.Workbook()
    classeur.active.append(["autre", "chose"])
    feuille = classeur.create_sheet("Mandats")
    feuille.append(["numero", "montant", "date_reception", "date_mise_en_paiement"])
    feuille.append(["M1", 10000, D(2024, 7, 1), D(2024, 8, 20)])
    classeur.save(tmp_path / "m.xlsx")
    assert lire_registre(tmp_path / "m.xlsx", feuille="Mandats") == (
        (2, "M1", "", Decimal(10000), o(D(2024, 7, 1)), 0, 0, 0, o(D(2024, 8, 20)), 0),
    )


def test_serie_fournie_par_l_appelant() -> None:
    """Une série de 1 % depuis 2000 : 9 % ; 3 650 × 0,09 × 20 / 365 = 18,00 €."""
    serie = SerieDatee(
        nom="bce du cas", points=(PointSerie(date_effet=D(2000, 1, 1), valeur=Decimal("0.01")),)
    )
    r = calculer_registre([_mandat(2, "M1", "3650.00", D(2024, 7, 1), D(2024, 8, 20))], serie=serie)
    assert r.lignes[0][7:10] == (20, Decimal("0.09"), Decimal("18.00"))


def test_semestre_du_lendemain_du_dernier_jour() -> None:
    """Réception le 30/05/2023, dernier jour le 29/06/2023 : les intérêts courent dès le
    30/06/2023, au taux du premier semestre (BCE au 01/01/2023 2,50 % + 8 = 10,50 %), même
    au-delà du 1er juillet (R2192-31) ; 7 300 × 0,105 × 11 / 365 = 23,10 €."""
    r = calculer_registre([_mandat(2, "M1", "7300.00", D(2023, 5, 30), D(2023, 7, 10))])
    assert r.lignes[0][5:10] == (
        D(2023, 6, 29),
        D(2023, 7, 10),
        11,
        Decimal("0.105"),
        Decimal("23.10"),
    )


def test_part_du_comptable_arrondie_au_demi_centime_superieur() -> None:
    """Dernier jour le 31/07/2024, mise en paiement le 02/08/2024 : 2 jours à 12,25 % ;
    1 862,24 × 0,1225 × 2 / 365 = 1,2499… → 1,25 €. Ordre de payer reçu le 22/07 : le comptable
    a jusqu'au 01/08, il répond d'un jour : 1,25 / 2 = 0,625 → 0,63 € (au demi supérieur, comme
    le calcul unitaire ; au pair, ce serait 0,62 €)."""
    r = calculer_registre(
        [_mandat(2, "M1", "1862.24", D(2024, 7, 1), D(2024, 8, 2), mandat=D(2024, 7, 22))]
    )
    assert r.lignes[0][7:] == (
        2,
        Decimal("0.1225"),
        Decimal("1.25"),
        Decimal("40.00"),
        1,
        1,
        Decimal("0.63"),
    )


def test_texte_neutralise_par_une_apostrophe(tmp_path: Path) -> None:
    """Une cellule qu'un tableur a neutralisée (« '=Martin ») est lue sans son apostrophe, comme
    par le lecteur commun ; une apostrophe dans le texte reste."""
    chemin = _ecrire(
        tmp_path / "m.csv",
        "numero,fournisseur,montant,date_reception,date_mise_en_paiement\n"
        "M1,'=Martin,5,2024-07-01,2024-08-01\nM2,L'Atelier,5,2024-07-01,2024-08-01\n"
        "M3,Durand,5,2024-07-01,2024-08-01\n",
    )
    assert [m[2] for m in lire_registre(chemin)] == ["=Martin", "L'Atelier", "Durand"]
