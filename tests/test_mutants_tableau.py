"""Tests de mutation du tableau d'amortissement (``prets/_tableau.py``) : le noyau en centimes
entiers des suites et sa garde des arrondis ambigus, le recours aux suites (leur forme dans les
morceaux du calcul), la relecture de l'index au jour exact de son changement, les versements à
la date limite, l'entrée vérifiée des arguments.

Chaque valeur attendue est calculée ici à la main (le calcul est écrit à côté), ou lue dans les
sources (taux du Livret A publiés, tableaux de la Caisse des Dépôts)."""

from __future__ import annotations

import datetime as dt
from decimal import Context, Decimal, localcontext
from types import SimpleNamespace
from unittest import mock

import attrs
import pytest

from collectivites._moteur import CONTEXTE_MONTANTS
from collectivites.donnees import PointSerie, SerieDatee
from collectivites.erreurs import ErreurDonnees, ErreurType, ErreurValeur
from collectivites.prets import (
    LigneDePret,
    Prefinancement,
    Profil,
    TableauAmortissement,
    Versement,
    calculer_tableau,
    exemple_pret,
    serie_index,
)
from collectivites.prets import _tableau as module_tableau
from collectivites.prets._colonnes import _Suite, en_euros
from collectivites.prets._index import IndexFige

D = dt.date
#: Ligne 5165325 du contrat n° 57851 (PLUS foncier, 128 189 €, 1,35 %, préfinancement de
#: 12 mois jusqu'au 06/12/2017, première échéance le 06/12/2018).
FONCIER = exemple_pret("cdc-57851").ligne("5165325")

# --- La garde des arrondis ambigus, exercée exprès ---------------------------------------------
#
# Deux cas construits à la main, où le produit exact K × t tombe juste sous un demi-centime :
# l'arrondi exact donne le centime du dessous, la boucle générale (produit arrondi à 34 chiffres
# au demi supérieur, puis au centime au demi supérieur) celui du dessus. Le noyau doit donner
# celui de la boucle générale.
#
# 1. t = 0,08333333333333333333333333333333333 (m = 8333…333, 34 chiffres, d = 10^35) et
#    6 centimes : 6 × m = 5 × 10^34 − 2 (35 chiffres), soit 0,49999999999999999999999999999999998
#    centime exact ; 0,06 € × t a 35 chiffres, le dernier (8) arrondi au demi supérieur donne
#    0,005 € tout juste, arrondi à 0,01 € : 1 centime. Un chiffre de trop : u = 10.
# 2. t = 0,08333348611093287057831765862939826 et 6 000 007 centimes (60 000,07 €) :
#    6 000 007 × m = 500 001,5 × 10^35 − 3 421 218 (41 chiffres), soit 500 001,4999…9657…
#    centimes exacts ; à 34 chiffres, les 7 derniers (…3421218 sous la demi-unité) sont arrondis
#    au-dessus : 500 001,5 centimes tout juste, donc 500 002. Sept chiffres de trop : u = 10^7,
#    et l'écart (3 421 218) dépasse 10^6 : une garde d'un chiffre de moins ne le verrait pas.
T_UN = Decimal("0.08333333333333333333333333333333333")
M_UN = 8333333333333333333333333333333333
T_SEPT = Decimal("0.08333348611093287057831765862939826")
M_SEPT = 8333348611093287057831765862939826


def test_les_produits_sont_juste_sous_le_demi_centime() -> None:
    assert Decimal(f"{M_UN}E-35") == T_UN
    assert Decimal(f"{M_SEPT}E-35") == T_SEPT
    assert 6 * M_UN == 5 * 10**34 - 2
    assert 6_000_007 * M_SEPT == 500_001 * 10**35 + 5 * 10**34 - 3_421_218
    with localcontext(CONTEXTE_MONTANTS):  # la boucle générale : produit à 34 chiffres
        assert Decimal("0.06") * T_UN == Decimal("0.005")
        assert Decimal("60000.07") * T_SEPT == Decimal("5000.015")


@pytest.mark.parametrize(
    ("centimes", "taux", "m", "attendu"),
    [(6, T_UN, M_UN, 1), (6_000_007, T_SEPT, M_SEPT, 500_002)],
)
def test_la_garde_donne_l_arrondi_de_la_boucle_generale(
    centimes: int, taux: Decimal, m: int, attendu: int
) -> None:
    noyau = module_tableau._noyau_entier(taux, centimes)
    # excès de chiffres du produit : len(centimes) + 34 − 34 ; u = 10^excès, haut = d − u
    u = 10 ** len(str(centimes))
    assert noyau == (m, 10**35, 5 * 10**34, u, 10**35 - u)
    q, reste = divmod(centimes * m + 5 * 10**34, 10**35)
    assert q == attendu - 1  # l'arrondi exact, un centime de moins
    assert reste > 10**35 - u  # reconnu ambigu : confié à l'opération Decimal
    with localcontext(CONTEXTE_MONTANTS):
        assert module_tableau._interets_exacts(centimes, taux) == attendu


def _suite(echeance: Decimal, progression: Decimal, lecteur: bool) -> list[int]:
    """Le capital dû après deux échéances d'une suite de 60 000,07 € au taux T_SEPT."""
    lignes: list[object] = []
    dates = (D(2020, 1, 1), D(2021, 1, 1), D(2022, 1, 1), D(2023, 1, 1))
    valeur = Decimal("0.01")
    source = module_tableau._Lecteur(IndexFige(valeur=valeur)) if lecteur else None
    if source is not None:
        assert source.au(D(2019, 1, 1)) == valeur
    with localcontext(CONTEXTE_MONTANTS):
        rendu = module_tableau._suite_courante(
            lignes,  # type: ignore[arg-type]
            dates,
            (0, 2),
            source,
            (D(2019, 1, 1), valeur, Decimal("60000.07"), Decimal("0.00")),
            (T_SEPT, Decimal("1"), Decimal("0"), progression),
            (echeance, echeance),
        )
    (suite,) = lignes
    assert isinstance(suite, _Suite)
    assert suite.capital_avant == 6_000_007
    assert rendu[:3] == (2, D(2021, 1, 1), en_euros(suite.capital_du[-1]))
    return list(suite.capital_du)


@pytest.mark.parametrize("lecteur", [False, True])
def test_la_garde_dans_une_suite_a_echeance_constante(lecteur: bool) -> None:
    # 1re : intérêts 500 002 (ambigus) ; c = 6 000 007 − 600 000 + 500 002 = 5 900 009.
    # 2e : 5 900 009 × t = 491 668,318… → 491 668 ; c = 5 900 009 − 600 000 + 491 668.
    assert _suite(Decimal("6000.00"), Decimal(1), lecteur) == [5_900_009, 5_791_677]


def test_la_garde_dans_une_suite_progressive() -> None:
    # Échéances 6 000 × 1,01 = 6 060,00 puis 6 060 × 1,01 = 6 120,60 (non arrondie avant).
    # 1re : 6 000 007 − 606 000 + 500 002 = 5 894 009 ;
    # 2e : 5 894 009 × t = 491 168,317… → 491 168 ; 5 894 009 − 612 060 + 491 168 = 5 773 117.
    assert _suite(Decimal("6000"), Decimal("1.01"), False) == [5_894_009, 5_773_117]


def test_une_suite_figee_s_arrete_sur_des_interets_non_couverts() -> None:
    # Intérêts de la 1re échéance : 500 002 centimes (ambigus) ; une échéance de 500 001 ne les
    # couvre pas : rien n'est fait, la boucle générale reprend (intérêts différés). Une échéance
    # de 500 002 les couvre tout juste : amortissement nul, capital inchangé à chaque échéance.
    noyau = module_tableau._noyau_entier(T_SEPT, 6_000_007)
    for echeance, attendu, capitaux in (
        (500_001, (0, 6_000_007), []),
        (500_002, (2, 6_000_007), [6_000_007, 6_000_007]),
    ):
        restants: list[int] = []
        with localcontext(CONTEXTE_MONTANTS):
            rendu = module_tableau._suite_figee(
                restants, (0, 2), (6_000_007, echeance), T_SEPT, noyau
            )
        assert (rendu, restants) == (attendu, capitaux)


def test_une_suite_non_ambigue_s_arrete_sur_des_interets_non_couverts() -> None:
    # 5 900 009 × t = 491 668,318… → 491 668 centimes (arrondi net, sans garde).
    noyau = module_tableau._noyau_entier(T_SEPT, 5_900_009)
    restants: list[int] = []
    rendu = module_tableau._suite_figee(restants, (3, 6), (5_900_009, 491_667), T_SEPT, noyau)
    assert rendu == (3, 5_900_009)
    assert restants == []


def test_une_suite_qui_ne_fait_rien_rend_son_etat() -> None:
    # Échéance de 5 000,01 € (500 001 centimes) sous des intérêts de 500 002 : aucune échéance
    # faite d'une traite, état rendu tel quel (rang, début de période, capital, échéances).
    lignes: list[object] = []
    echeance = Decimal("5000.01")
    with localcontext(CONTEXTE_MONTANTS):
        rendu = module_tableau._suite_courante(
            lignes,  # type: ignore[arg-type]
            (D(2020, 1, 1), D(2021, 1, 1), D(2022, 1, 1)),
            (0, 2),
            None,
            (D(2019, 1, 1), Decimal("0.01"), Decimal("60000.07"), Decimal("0.00")),
            (T_SEPT, Decimal("1"), Decimal("0"), Decimal("1")),
            (echeance, echeance),
        )
    assert rendu == (0, D(2019, 1, 1), Decimal("60000.07"), echeance, echeance)
    assert lignes == []


@pytest.mark.parametrize(
    ("capital", "echeance", "fin", "attendu", "capitaux"),
    [
        # 10,00 € à 0 %, échéances de 5,00 € : 5,00 puis 0,00 ; la 3e (−5,00) est retirée.
        (1000, 500, 3, (2, 0), [500, 0]),
        # les deux seules échéances demandées : la 2e solde le capital (0,00), gardée.
        (1000, 500, 2, (2, 0), [500, 0]),
        # échéances de 4,00 € : 6,00, 2,00, puis −2,00, −6,00, −10,00 retirées.
        (1000, 400, 5, (2, 200), [600, 200]),
        # 1,00 € et des échéances de 5,00 € : la première amortirait déjà trop, rien n'est fait.
        (100, 500, 2, (0, 100), []),
    ],
)
def test_une_suite_s_arrete_avant_un_capital_negatif(
    capital: int, echeance: int, fin: int, attendu: tuple[int, int], capitaux: list[int]
) -> None:
    taux = Decimal(0)
    restants: list[int] = []
    noyau = module_tableau._noyau_entier(taux, capital)
    rendu = module_tableau._suite_figee(restants, (0, fin), (capital, echeance), taux, noyau)
    assert (rendu, restants) == (attendu, capitaux)
    assert all(type(c) is int for c in restants)  # des centimes entiers


def test_une_suite_figee_qui_ne_commence_pas_au_premier_rang() -> None:
    # Rangs 3 et 4 (bornes (3, 5)) de la suite de 60 000,07 € : les mêmes deux échéances que plus
    # haut (5 900 009 puis 5 791 677), et le rang suivant est 5.
    restants: list[int] = []
    noyau = module_tableau._noyau_entier(T_SEPT, 6_000_007)
    with localcontext(CONTEXTE_MONTANTS):
        rendu = module_tableau._suite_figee(restants, (3, 5), (6_000_007, 600_000), T_SEPT, noyau)
    assert (rendu, restants) == ((5, 5_791_677), [5_900_009, 5_791_677])


def _capitaux_de_suite(
    capital: str, taux: Decimal, echeance: Decimal, progression: Decimal, fin: int
) -> tuple[int, list[int]]:
    """(rang suivant, capitaux dus) d'une suite sur un index relu par paliers (ici constant)."""
    lignes: list[object] = []
    dates = tuple(D(2020 + k, 1, 1) for k in range(fin + 1))
    valeur = Decimal("0.01")
    lecteur = module_tableau._Lecteur(IndexFige(valeur=valeur))
    lecteur.au(D(2019, 1, 1))
    with localcontext(CONTEXTE_MONTANTS):
        rendu = module_tableau._suite_courante(
            lignes,  # type: ignore[arg-type]
            dates,
            (0, fin),
            lecteur,
            (D(2019, 1, 1), valeur, Decimal(capital), Decimal("0.00")),
            (taux, Decimal("0.01"), Decimal("0"), progression),
            (echeance, echeance),
        )
    if not lignes:
        return rendu[0], []
    (suite,) = lignes
    assert isinstance(suite, _Suite)
    return rendu[0], list(suite.capital_du)


@pytest.mark.parametrize(
    ("capital", "taux", "echeance", "progression", "attendu"),
    [
        # 10,00 € à 0 %, échéances constantes de 5,00 € : 5,00, 0,00 ; la 3e amortirait trop.
        ("10.00", Decimal(0), Decimal("5.00"), Decimal(1), (2, [500, 0])),
        # intérêts de 500 002 centimes tout juste couverts : capital inchangé (voir plus haut).
        ("60000.07", T_SEPT, Decimal("5000.02"), Decimal(1), (3, [6_000_007] * 3)),
        # progressives, 14,06 € à 0 % : 5,00 × 1,25 = 6,25 puis 7,8125 → 7,81 ; 7,81 puis 0,00,
        # la 3e (9,765625 → 9,77) amortirait trop.
        ("14.06", Decimal(0), Decimal("5.00"), Decimal("1.25"), (2, [781, 0])),
        # 4 000,016 × 1,25 = 5 000,02 : les intérêts (500 002) tout juste couverts ; la 2e,
        # 6 250,025 → 6 250,03, amortit 125 001 : 5 875 006 (deux échéances demandées).
        ("60000.07", T_SEPT, Decimal("4000.016"), Decimal("1.25"), (2, [6_000_007, 5_875_006])),
    ],
)
def test_une_suite_par_paliers_s_arrete_au_bon_moment(
    capital: str,
    taux: Decimal,
    echeance: Decimal,
    progression: Decimal,
    attendu: tuple[int, list[int]],
) -> None:
    fin = 2 if progression != 1 and taux else 3
    assert _capitaux_de_suite(capital, taux, echeance, progression, fin) == attendu


@pytest.mark.parametrize(
    ("taux", "attendu"),
    [
        # t = 2 500 = 25 × 10² : m = 2 500, d = 1 ; produit de 1 + 4 chiffres, pas d'excès
        (Decimal("25E+2"), (2500, 1, 0, 0, 1)),
        (Decimal("0E+3"), (0, 1, 0, 0, 1)),
        (Decimal("0"), (0, 1, 0, 0, 1)),
        # t = 0,0125 = 125 / 10⁴
        (Decimal("0.0125"), (125, 10_000, 5_000, 0, 10_000)),
    ],
)
def test_les_entiers_d_un_taux(
    taux: Decimal, attendu: tuple[int, ...], monkeypatch: pytest.MonkeyPatch
) -> None:
    # le cache des entiers est rangé par valeur (0E+3 et 0.000 s'y confondent, voir _ENTIERS) :
    # vidé ici, pour lire les entiers de cette écriture-ci quel que soit l'ordre des tests
    monkeypatch.setattr(module_tableau, "_ENTIERS", {})
    assert module_tableau._noyau_entier(taux, 7) == attendu


# --- Les suites servent : la forme des morceaux du calcul -------------------------------------


def _forme(tableau: TableauAmortissement) -> tuple[int, ...]:
    """Pour chaque morceau du calcul : 0 pour une échéance de la boucle générale, le nombre
    d'échéances d'une suite calculée d'une traite."""
    return tuple(len(m.dates) if isinstance(m, _Suite) else 0 for m in tableau.lignes.morceaux)


def _ligne(**valeurs: object) -> LigneDePret:
    base: dict[str, object] = {
        "identifiant": "t",
        "montant": Decimal("1200.00"),
        "date_debut_amortissement": D(2009, 8, 1),
        "duree": 12,
        "periodicite": "annuelle",
        "index": "livret_a",
        "valeur_index_reference": Decimal("0.0125"),
        "marge": Decimal("0.006"),
        "taux_interet": Decimal("0.0185"),
        "profil": "amortissement_deduit_interets_differes",
        "revision": "SR",
    }
    return LigneDePret(**{**base, **valeurs})  # type: ignore[arg-type]


def test_une_suite_pour_les_echeances_courantes_d_un_index_fige() -> None:
    # La 1re échéance (plan à poser) et la dernière (solde) par la boucle générale, les 48
    # autres d'une traite : 5150377 (50 annuités), et 5165325, progressive (0,5 %).
    ligne = exemple_pret("cdc-57828").ligne("5150377")
    assert _forme(calculer_tableau(ligne)) == (0, 48, 0)
    assert _forme(calculer_tableau(FONCIER)) == (0, 48, 0)


def test_une_suite_a_taux_nul() -> None:
    # 1 200 € à 0 % en 12 annuités : 100,00 chacune, aucun intérêt ; la suite sert aussi.
    ligne = _ligne(valeur_index_reference=Decimal(0), marge=Decimal(0), taux_interet=Decimal(0))
    tableau = calculer_tableau(ligne)
    assert _forme(tableau) == (0, 10, 0)
    assert [r.echeance for r in tableau.lignes] == [Decimal("100.00")] * 12
    assert [r.interets for r in tableau.lignes] == [Decimal("0.00")] * 12
    assert tableau.lignes[-1].capital_du == Decimal("0.00")


@pytest.mark.parametrize("progressivite", [Decimal(0), Decimal("0.005")])
def test_des_suites_entre_les_changements_du_livret_a(progressivite: Decimal) -> None:
    """10 semestrialités depuis le 01/08/2009, index Livret A relu au début de chaque période :
    1,25 % (01/08/2009), 1,25 % (01/02/2010), 1,75 % (01/08/2010), 2 % (01/02/2011), 2,25 %
    (01/08/2011, inchangé jusqu'au 31/01/2013), 1,75 % (01/02/2013), 1,25 % (01/08/2013 et
    01/02/2014). Une suite couvre les échéances d'un même palier après la première : la 2e
    (1,25 %), puis les 6e et 7e (2,25 %) ; la 10e, dernière, par la boucle générale. Avec ou
    sans progressivité (suites à échéance constante ou progressive)."""
    ligne = _ligne(
        duree=10,
        periodicite="semestrielle",
        montant=Decimal("100000.00"),
        taux_progressivite=progressivite,
    )
    tableau = calculer_tableau(ligne, index=serie_index("livret_a"))
    assert [r.valeur_index for r in tableau.lignes] == [
        Decimal(x)
        for x in (
            "0.0125", "0.0125", "0.0175", "0.02", "0.0225",
            "0.0225", "0.0225", "0.0175", "0.0125", "0.0125",
        )
    ]  # fmt: skip
    assert _forme(tableau) == (0, 1, 0, 0, 0, 2, 0, 0, 0)


def test_l_index_relu_le_jour_meme_de_son_changement() -> None:
    """Semestrialités depuis le 01/02/2008 : chaque période commence le jour où le Livret A
    change (3,5 % le 01/02/2008, 4 % le 01/08/2008, 2,5 % le 01/02/2009)."""
    ligne = _ligne(
        date_debut_amortissement=D(2008, 2, 1),
        duree=3,
        periodicite="semestrielle",
        valeur_index_reference=Decimal("0.035"),
        taux_interet=Decimal("0.041"),
    )
    tableau = calculer_tableau(ligne, index=serie_index("livret_a"))
    assert [r.valeur_index for r in tableau.lignes] == [
        Decimal("0.035"),
        Decimal("0.04"),
        Decimal("0.025"),
    ]
    assert [r.taux for r in tableau.lignes] == [
        Decimal("0.041"),
        Decimal("0.046"),
        Decimal("0.031"),
    ]


# --- Versements à la date limite (art. 8) ------------------------------------------------------


def test_versement_le_dernier_jour_du_prefinancement() -> None:
    # Versé le 06/12/2017, jour même du début de l'amortissement : accepté, sans intérêts de
    # préfinancement (zéro jour) ; 1re échéance : 128 189 × 1,35 % = 1 730,5515 → 1 730,55.
    ligne = attrs.evolve(
        FONCIER, versements=(Versement(date=D(2017, 12, 6), montant=Decimal("128189.00")),)
    )
    tableau = calculer_tableau(ligne)
    assert str(tableau.interets_prefinancement) == "0.00"
    assert tableau.lignes[0].interets == Decimal("1730.55")


def test_versement_deux_mois_avant_la_premiere_echeance() -> None:
    # Sans préfinancement, versé le 06/10/2018, deux mois juste avant la 1re échéance du
    # 06/12/2018 : accepté ; intérêts au prorata de 60 jours (30/360) :
    # 128 189 × (1,0135^(60/360) − 1) = 128 189 × 0,0022374471758… = 286,8161… → 286,82.
    ligne = attrs.evolve(
        FONCIER,
        prefinancement=None,
        versements=(Versement(date=D(2018, 10, 6), montant=Decimal("128189.00")),),
    )
    assert calculer_tableau(ligne).lignes[0].interets == Decimal("286.82")


# --- L'entrée vérifiée (arguments qui ne sont pas sûrs d'avance) -------------------------------


def test_l_entree_verifie_les_arguments_et_pose_le_contexte() -> None:
    entree = module_tableau._entree_directe(calculer_tableau.__wrapped__)
    attendu = calculer_tableau(FONCIER)
    # remboursements={} : l'appel passe par la vérification générique du moteur, sous le
    # contexte des montants même si l'appelant en pose un autre (6 chiffres).
    with localcontext(Context(prec=6)):
        tableau = entree(FONCIER, remboursements={})
    assert tableau == attendu
    assert tableau.lignes[0].echeance == Decimal("3170.41")  # tableau imprimé, 1re ligne
    with pytest.raises(ErreurType) as refus:
        entree("5165325")  # type: ignore[arg-type]
    assert refus.value.cle == "ligne"


def test_sommes_par_annee_d_un_capital_au_dela_du_centime() -> None:
    # Un tableau refait à la main (attrs.evolve) avec un capital d'un millième d'euro : refusé
    # en nommant le capital.
    tableau = attrs.evolve(calculer_tableau(FONCIER), capital=Decimal("128189.001"))
    with pytest.raises(ErreurValeur) as refus:
        tableau.par_annee()
    assert refus.value.cle == "capital"
    assert refus.value.message == "un montant du tableau s'exprime au centime"
    assert refus.value.valeur == Decimal("128189.001")


@pytest.mark.parametrize(
    ("prefinancement", "jour"),
    [(True, "2016-12-06"), (False, "2017-12-06")],
)
def test_index_indisponible_nomme_la_ligne_et_le_jour(prefinancement: bool, jour: str) -> None:
    """Une série qui commence le 01/01/2020 : la première valeur demandée est celle du début du
    préfinancement (06/12/2016, douze mois avant l'amortissement), ou sans préfinancement celle
    du début de la première période (06/12/2017)."""
    serie = SerieDatee(
        nom="scenario", points=(PointSerie(date_effet=D(2020, 1, 1), valeur=Decimal("0.01")),)
    )
    ligne = FONCIER if prefinancement else attrs.evolve(FONCIER, prefinancement=None)
    with pytest.raises(ErreurDonnees) as refus:
        calculer_tableau(ligne, index=serie)
    assert str(refus.value) == (
        "clé « index » : ligne 5165325 : index « livret_a » indisponible : la série « scenario » "
        f"commence le 01/01/2020 (reçu : {jour} ; attendu : une date à partir du 01/01/2020)"
    )
    assert refus.value.valeur == dt.date.fromisoformat(jour)


def test_prefinancement_jusqu_a_un_31() -> None:
    # Amortissement dès le 31/12/2017, préfinancement du 31/12/2016 : 30E/360, les deux 31 comptent
    # pour 30, soit 360 jours, une année pleine : 128 189 × 1,35 % = 1 730,5515 → 1 730,55.
    ligne = attrs.evolve(FONCIER, date_debut_amortissement=D(2017, 12, 31))
    assert str(calculer_tableau(ligne).interets_prefinancement) == "1730.55"


def test_progressivite_egale_au_taux() -> None:
    """q = (1 + p)/(1 + t) = 1 : E = K (1 + t)/m. 1 000 € à 2 %, progressivité 2 %, 4 annuités :
    E1 = 1 000 × 1,02 / 4 = 255,00 (intérêts 20,00, amortissement 235,00, reste 765,00) ;
    E2 = 260,10 (15,30 ; 244,80 ; 520,20) ; E3 = 265,302 → 265,30 (10,404 → 10,40 ; 254,90 ;
    265,30) ; E4, dernière : 265,30 + 5,306 → 5,31 = 270,61."""
    ligne = _ligne(
        montant=Decimal("1000.00"),
        duree=4,
        valeur_index_reference=Decimal("0.014"),
        marge=Decimal("0.006"),
        taux_interet=Decimal("0.02"),
        taux_progressivite=Decimal("0.02"),
    )
    lignes = calculer_tableau(ligne).lignes
    assert [(r.echeance, r.interets, r.amortissement, r.capital_du) for r in lignes] == [
        (Decimal(e), Decimal(i), Decimal(a), Decimal(c))
        for e, i, a, c in (
            ("255.00", "20.00", "235.00", "765.00"),
            ("260.10", "15.30", "244.80", "520.20"),
            ("265.30", "10.40", "254.90", "265.30"),
            ("270.61", "5.31", "265.30", "0.00"),
        )
    ]


def test_prefinancement_a_son_propre_taux() -> None:
    # Préfinancement de 12 mois au taux de 2 % (et non 1,35 %) : 128 189 × 2 % = 2 563,78.
    ligne = attrs.evolve(
        FONCIER, prefinancement=Prefinancement(duree_mois=12, taux=Decimal("0.02"))
    )
    assert str(calculer_tableau(ligne).interets_prefinancement) == "2563.78"


def test_taux_revise_selon_l_ecriture_de_l_index() -> None:
    # Même ligne, index figé à 0,0075 (sa référence) puis à 0,00750 : même valeur, mais le taux
    # imprimé garde l'écriture de l'écart : 0,0135 + (0,00750 − 0,0075) = 0,01350.
    assert str(calculer_tableau(FONCIER).lignes[1].taux) == "0.0135"
    autre = calculer_tableau(FONCIER, index=IndexFige(valeur=Decimal("0.00750")))
    assert str(autre.lignes[1].taux) == "0.01350"
    assert str(autre.lignes[1].valeur_index) == "0.00750"


def test_plancher_dit_a_chaque_calcul() -> None:
    # Index 0,75 %, marge −1 % : I = −0,25 %, ramené à 0 % (art. 10) ; la note le dit, au premier
    # calcul comme au suivant (taux de période alors repris du plan de la ligne).
    ligne = _ligne(
        valeur_index_reference=Decimal("0.0075"),
        marge=Decimal("-0.01"),
        taux_interet=Decimal("-0.0025"),
    )
    for _ in range(2):
        tableau = calculer_tableau(ligne)
        assert tableau.notes == (module_tableau.NOTE_PLANCHER,)
        assert {r.interets for r in tableau.lignes} == {Decimal("0.00")}
        assert {r.taux for r in tableau.lignes} == {Decimal(0)}


@pytest.mark.parametrize(
    ("profil", "montants", "attendu"),
    [
        # échéance 100, intérêts 10, stock 5, capital dû 50 : 90 d'amortissement dont 5 de stock,
        # 85 > 50 : plafonné à 50, échéance 10 + 5 + 50 = 65.
        (
            Profil.AMORTISSEMENT_DEDUIT_INTERETS_DIFFERES,
            ("100", "10", "5", "50"),
            ("65", "50", "0", "5"),
        ),
        # sans stock : 90 > 50, échéance 10 + 50 = 60.
        (
            Profil.AMORTISSEMENT_DEDUIT_INTERETS_DIFFERES,
            ("100", "10", "0", "50"),
            ("60", "50", "0", "0"),
        ),
        # échéance 50 sous des intérêts de 60 : 10 différés, ou intérêts payés (prioritaires).
        (
            Profil.AMORTISSEMENT_DEDUIT_INTERETS_DIFFERES,
            ("50", "60", "0", "100"),
            ("50", "0", "10", "0"),
        ),
        (
            Profil.AMORTISSEMENT_DEDUIT_INTERETS_PRIORITAIRES,
            ("50", "60", "0", "100"),
            ("60", "0", "0", "0"),
        ),
        # stock 30 remboursé d'abord : 40 − 30 = 10 amortis, sous le capital dû.
        (
            Profil.AMORTISSEMENT_DEDUIT_INTERETS_DIFFERES,
            ("50", "10", "30", "100"),
            ("50", "10", "0", "30"),
        ),
    ],
)
def test_repartition_d_une_echeance(
    profil: Profil, montants: tuple[str, ...], attendu: tuple[str, ...]
) -> None:
    en_centimes = [Decimal(x).quantize(Decimal("0.01")) for x in montants]
    rendu = module_tableau._repartir(profil, *en_centimes)
    assert rendu == tuple(Decimal(x) for x in attendu)


def test_remboursement_anticipe_et_stock_d_interets_differes() -> None:
    # 100 remboursés sur 400 de capital dû : le quart du stock de 10, soit 2,50 (art. 17).
    rendu = module_tableau._rembourser(
        D(2020, 1, 1), Decimal("100.00"), Decimal("400.00"), Decimal("10.00")
    )
    assert rendu == (Decimal("100.00"), Decimal("2.50"), Decimal("300.00"), Decimal("7.50"))


def test_remboursement_de_tout_le_capital() -> None:
    # Après la 1re échéance du tableau imprimé, le capital dû est de 126 749,14 ; le rembourser
    # en entier clôt le tableau.
    tableau = calculer_tableau(FONCIER, remboursements={D(2018, 12, 6): Decimal("126749.14")})
    (seule,) = tableau.lignes
    assert seule.remboursement_anticipe == Decimal("126749.14")
    assert seule.capital_du == Decimal("0.00")
    assert tableau.total_remboursements_anticipes == Decimal("126749.14")


# --- Le plan d'une ligne, gardé en cache --------------------------------------------------------


@pytest.mark.parametrize(
    ("champs", "attendu"),
    [
        # DT = 0,0075 − 0,0075 = 0,0000 ; I' = I + DT ; R = 1 + DT/(1 + I) = 1 (0/1,0135 : « 0 ») ;
        # P' = R (1 + P) − 1.
        ({}, ("0.0135", "0.005", "0.0075")),
        # DT = 0,00000 : I' = 0,01350 ; DT/(1 + I) s'écrit « 0.0 », R = 1,0, P' = 0,0050.
        ({"valeur_index_reference": "0.00750"}, ("0.01350", "0.0050", "0.00750")),
        ({"taux_interet": "0.01350", "marge": "0.00600"}, ("0.01350", "0.005", "0.0075")),
        ({"taux_progressivite": "0.0050"}, ("0.0135", "0.0050", "0.0075")),
        # prêt ancien : I' = (1 + I)(1 + DT/C) − 1 ; 0,0000/1,0580 s'écrit « 0 »,
        # 0,0000/1,058 « 0.0 ».
        ({"constante_revision": "1.0580"}, ("0.0135", "0.005", "0.0075")),
        ({"constante_revision": "1.058"}, ("0.01350", "0.0050", "0.0075")),
    ],
)
def test_chaque_ecriture_a_son_plan(champs: dict[str, str], attendu: tuple[str, ...]) -> None:
    """Des lignes égales aux taux écrits autrement n'ont pas le même plan : le taux imprimé
    garde l'écriture (la ligne telle qu'imprimée par la CDC d'abord, une copie neuve, pour
    remplir le cache par valeur et non seulement celui par identité)."""
    calculer_tableau(attrs.evolve(FONCIER))
    ligne = attrs.evolve(FONCIER, **{k: Decimal(v) for k, v in champs.items()})
    r = calculer_tableau(ligne).lignes[1]
    assert (str(r.taux), str(r.taux_progressivite), str(r.valeur_index)) == attendu


@pytest.mark.parametrize("plancher", ["0", "0.00"])
def test_plancher_de_progressivite_ecrit_comme_la_ligne(plancher: str) -> None:
    # Index à 0 : DT = −0,0075, R = 1 − 0,0075/1,0135 ; P' = R × 1,005 − 1 ≈ −0,24 % < 0 : le
    # plancher (DL) s'applique, imprimé tel qu'écrit dans la ligne.
    calculer_tableau(attrs.evolve(FONCIER), index=IndexFige(valeur=Decimal(0)))
    ligne = attrs.evolve(FONCIER, taux_plancher_progressivite=Decimal(plancher))
    tableau = calculer_tableau(ligne, index=IndexFige(valeur=Decimal(0)))
    assert str(tableau.lignes[1].taux_progressivite) == plancher


def test_un_identifiant_reutilise_ne_donne_pas_le_plan_d_une_autre_ligne() -> None:
    # Le cache par identité garde la ligne : une entrée au même id(), pour une autre ligne (un
    # objet disparu dont l'identifiant est réutilisé), est ignorée.
    autre = exemple_pret("cdc-57828").ligne("5150377")
    ligne = attrs.evolve(FONCIER)
    module_tableau._PLANS[id(ligne)] = (autre, module_tableau._calculer_plan(autre))
    try:
        tableau = calculer_tableau(ligne)
    finally:
        module_tableau._PLANS.pop(id(ligne), None)
    assert tableau == calculer_tableau(FONCIER)
    assert len(tableau) == 50
    assert tableau.lignes[0].date == D(2018, 12, 6)


def test_une_ligne_qui_ne_se_hache_pas_a_son_plan() -> None:
    ligne = attrs.evolve(FONCIER)
    object.__setattr__(ligne, "garants", [])  # une liste : la ligne ne se hache plus
    with pytest.raises(TypeError):
        hash(ligne)
    assert calculer_tableau(ligne).lignes == calculer_tableau(FONCIER).lignes


def test_le_cache_des_plans_oublie_le_plus_ancien() -> None:
    lignes = [attrs.evolve(FONCIER, duree=duree) for duree in (10, 20, 30)]
    with (
        mock.patch.object(module_tableau, "_PLANS", {}),
        mock.patch.object(module_tableau, "_PLANS_MAX", 2),
    ):
        for ligne in lignes:
            calculer_tableau(ligne)
        assert list(module_tableau._PLANS) == [id(lignes[1]), id(lignes[2])]
        assert [len(calculer_tableau(x)) for x in lignes] == [10, 20, 30]


# --- Profils, dernière échéance, description de l'index, note du plancher -------------------


def test_interets_prioritaires_sur_l_historique_du_livret_a() -> None:
    """Sur l'historique du Livret A, les intérêts de la 7e annuité de la ligne 5165325 dépassent
    son échéance (voir test_prets_revision) : en intérêts différés, la différence est différée ;
    en intérêts prioritaires (art. 12), l'échéance est portée aux intérêts, rien n'est amorti
    ni différé, le capital dû reste celui de la 6e."""
    differes = calculer_tableau(FONCIER, index=serie_index("livret_a")).lignes
    assert differes[6].interets_a_differer > 0
    ligne = attrs.evolve(FONCIER, profil="amortissement_deduit_interets_prioritaires")
    lignes = calculer_tableau(ligne, index=serie_index("livret_a")).lignes
    for r in lignes[6:8]:
        assert r.echeance == r.interets
        assert r.amortissement == r.interets_a_differer == Decimal("0.00")
        assert r.capital_du == lignes[5].capital_du
        assert r.stock_interets_differes == Decimal("0.00")


def test_echeances_hors_du_plan() -> None:
    # Seuls le différé (2 périodes), son mode et la durée (5) sont lus.
    regles = SimpleNamespace(differe=2, capitalise=False, n=5)
    montants = (Decimal("10.00"), Decimal("100.00"), Decimal("5.00"))
    hors_plan = module_tableau._hors_plan
    # différé : les intérêts seuls ; capitalisé : rien, les intérêts s'ajoutent au capital
    assert hors_plan(regles, 2, montants, Decimal(0), []) == (  # type: ignore[arg-type]
        Decimal("10.00"),
        Decimal("0.00"),
        Decimal("0.00"),
    )
    capitalise = SimpleNamespace(differe=2, capitalise=True, n=5)
    assert hors_plan(capitalise, 1, montants, Decimal(0), []) == (  # type: ignore[arg-type]
        Decimal("0.00"),
        Decimal("-10.00"),
        Decimal("0.00"),
    )
    # dernière : intérêts + capital dû + stock, 10 + 100 + 5 = 115
    assert hors_plan(regles, 5, montants, Decimal(0), []) == (  # type: ignore[arg-type]
        Decimal("115.00"),
        Decimal("100.00"),
        Decimal("5.00"),
    )
    # amortissement prioritaire, 3 échéances restantes sans progressivité, cumuls arrondis :
    # 33,333… → 33,33 ; 66,666… → 66,67 ; 100 : amortissements 33,33, 33,34, 33,33
    plan: list[Decimal] = []
    assert hors_plan(regles, 3, montants, Decimal(0), plan) == (  # type: ignore[arg-type]
        Decimal("43.33"),
        Decimal("33.33"),
        Decimal("0.00"),
    )
    assert plan == [Decimal("33.34"), Decimal("33.33")]


def test_description_de_l_index() -> None:
    fige = IndexFige(valeur=Decimal("0.01"), description="scénario plat à 1 %")
    assert calculer_tableau(FONCIER, index=fige).index == "scénario plat à 1 %"
    assert calculer_tableau(FONCIER).index == "index figé à sa valeur d'émission"
    assert calculer_tableau(FONCIER, index=serie_index("livret_a")).index == str(
        serie_index("livret_a").nom
    )


@pytest.mark.parametrize(
    ("revision", "reference", "marge", "note"),
    [
        ("fixe", "0", "-0.001", True),  # taux fixe négatif : ramené à 0 %
        ("fixe", "0", "0", False),  # taux fixe nul : rien à dire
        ("SR", "0.0075", "-0.0075", False),  # index + marge = 0 : nul sans plancher
        ("SR", "0.0075", "-0.0076", True),  # −0,01 % ramené à 0 %
    ],
)
def test_note_du_plancher(revision: str, reference: str, marge: str, note: bool) -> None:
    ligne = _ligne(
        revision=revision,
        valeur_index_reference=Decimal(reference),
        marge=Decimal(marge),
        taux_interet=Decimal(reference) + Decimal(marge),
    )
    attendu = (module_tableau.NOTE_PLANCHER,) if note else ()
    assert calculer_tableau(ligne).notes == attendu


@pytest.mark.parametrize(("lignes", "recu"), [("abc", "'abc'"), (42, "42"), ("liste", "42")])
def test_lignes_refusees_d_un_tableau_refait_a_la_main(lignes: object, recu: str) -> None:
    tableau = calculer_tableau(FONCIER)
    if lignes == "liste":
        lignes = [tableau.lignes[0], 42]  # une ligne, puis un entier : l'entier est nommé
    with pytest.raises(ErreurType) as refus:
        attrs.evolve(tableau, lignes=lignes)
    assert str(refus.value) == (
        f"clé « lignes » : type refusé (reçu : {recu} ; attendu : une séquence de LigneTableau)"
    )


def test_lignes_d_un_tableau_refait_a_la_main() -> None:
    # Un tuple de lignes devient une séquence de lignes, avec ses colonnes et ses sommes.
    tableau = calculer_tableau(FONCIER)
    refait = attrs.evolve(tableau, lignes=tuple(tableau.lignes[:2]))
    assert refait.lignes == tableau.lignes[:2]
    assert refait.colonnes.echeance == (317041, tableau.colonnes.echeance[1])
    assert refait.lignes.colonnes.interets[0] == 173055
    assert attrs.evolve(tableau, lignes=tableau.lignes).lignes is tableau.lignes


@pytest.mark.parametrize(
    ("args", "kwargs", "message"),
    [
        ((), {}, "appel invalide de calculer_tableau : argument obligatoire absent : ligne"),
        (
            (FONCIER, FONCIER),
            {},
            "appel invalide de calculer_tableau : 2 arguments positionnels pour 1",
        ),
        (
            (FONCIER,),
            {"foo": None},
            "appel invalide de calculer_tableau : argument inconnu « foo »",
        ),
        (
            (FONCIER,),
            {"index": "livret_a"},
            "clé « index » : type refusé (reçu : 'livret_a' ; attendu : un objet qui répond à "
            "changements, valeur_au)",
        ),
        (
            (FONCIER,),
            {"remboursements": {D(2018, 12, 6): 1.5}},
            "clé « remboursements[datetime.date(2018, 12, 6)] » : type refusé (reçu : 1.5 ; "
            "attendu : un Decimal fini (jamais un float))",
        ),
    ],
)
def test_arguments_verifies_hors_du_chemin_direct(
    args: tuple[object, ...], kwargs: dict[str, object], message: str
) -> None:
    """Seuls une ligne seule, un index de la bibliothèque (ou aucun) et aucun remboursement
    prennent le chemin direct ; tout autre appel est vérifié comme par tout moteur."""
    with pytest.raises(ErreurType) as refus:
        calculer_tableau(*args, **kwargs)  # type: ignore[arg-type]
    assert str(refus.value) == message


def test_totaux_et_parcours_du_tableau_imprime() -> None:
    # Ligne 5165325, « Total 179 588,21 / 128 189,00 / 51 399,21 / 0,00 / 0,00 » (tableau
    # imprimé, tests/cas/pret/cdc-57851.toml).
    tableau = calculer_tableau(FONCIER)
    assert tableau.total_echeances == Decimal("179588.21")
    assert tableau.total_amortissement == Decimal("128189.00")
    assert tableau.total_interets == Decimal("51399.21")
    assert str(tableau.total_interets_a_differer) == "0.00"
    assert str(tableau.total_remboursements_anticipes) == "0.00"
    assert [r.numero for r in tableau] == list(range(1, 51))
    assert tableau.ligne_au(D(2018, 12, 5)) is None
    assert tableau.ligne_au(D(2018, 12, 6)) is tableau.lignes[0]
    assert tableau.ligne_au(D(2019, 12, 5)) is tableau.lignes[0]
    assert tableau.ligne_au(D(2100, 1, 1)) is tableau.lignes[49]


def test_constante_de_revision_ecrite_autrement_a_son_plan() -> None:
    # Même constante C (1,0580 = 1,058), écrite autrement : la seconde ligne a son propre plan,
    # 0,0000/1,058 s'écrit « 0.0 », d'où I' = 0,01350 et P' = 0,0050 (voir plus haut).
    calculer_tableau(attrs.evolve(FONCIER, constante_revision=Decimal("1.0580")))
    ligne = attrs.evolve(FONCIER, constante_revision=Decimal("1.058"))
    r = calculer_tableau(ligne).lignes[1]
    assert (str(r.taux), str(r.taux_progressivite)) == ("0.01350", "0.0050")
