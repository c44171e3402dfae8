"""Changement d'index d'une ligne indexée sur l'inflation (``prets/_changement_index.py``,
contrats 57769 et 57828) : échéance retenue au jour près (« au plus tard deux mois avant la Date
d'Echéance … A défaut, la demande sera retenue pour l'échéance suivante »), la dernière jamais
éligible, ligne nouvelle au Livret A + 0,60 % sur le capital restant dû et la durée résiduelle,
commission de 0,03 % du capital restant dû, refus exacts (issue 27)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import attrs
import pytest

from collectivites.donnees import PointSerie, SerieDatee, SourceIndex
from collectivites.erreurs import ErreurValeur
from collectivites.prets import calculer_tableau, exemple_pret
from collectivites.prets._changement_index import (
    COMMISSION_CHANGEMENT_INDEX,
    MARGE_LIVRET_A,
    ResultatChangementIndex,
    changer_index,
)
from collectivites.prets._index import IndexFige
from collectivites.prets._modeles import LigneDePret, Prefinancement, Versement

D = dt.date
LIVRET_A = IndexFige(valeur=Decimal("0.03"))
#: 256 000 €, 40 annuités au 1er mars de 2018 à 2057, Inflation + 1,25 % (référence 0,20 %),
#: intérêts prioritaires, SR.
LIGNE = exemple_pret("cdc-57769").ligne("5152599")


def _changer(
    ligne: LigneDePret = LIGNE,
    demande: dt.date | None = None,
    souhaitee: dt.date | None = None,
    inflation: SourceIndex | None = None,
    livret: SourceIndex = LIVRET_A,
) -> ResultatChangementIndex:
    """Le changement demandé le 1er janvier 2022 pour le 1er mars 2022, sauf mention."""
    return changer_index(
        ligne,
        date_demande=demande or D(2022, 1, 1),
        echeance_souhaitee=souhaitee or D(2022, 3, 1),
        index_inflation=inflation,
        livret_a=livret,
    )


def test_constantes_du_contrat() -> None:
    # « 0.03% (3 points de base) », « une marge de 0,60 % »
    assert (Decimal("0.0003"), Decimal("0.006")) == (COMMISSION_CHANGEMENT_INDEX, MARGE_LIVRET_A)


def test_demande_deux_mois_avant_jour_pour_jour() -> None:
    """Demande le 1er janvier 2022 pour le 1er mars 2022 : deux mois avant, jour pour jour :
    retenue (5e échéance, rang 4) ; la ligne nouvelle court sur les 35 annuités restantes."""
    r = _changer()
    assert (r.date_demande, r.date_changement, r.reporte) == (D(2022, 1, 1), D(2022, 3, 1), False)
    avant = calculer_tableau(LIGNE)
    crd = avant.lignes[4].capital_du
    assert avant.lignes[4].date == D(2022, 3, 1)
    assert r.capital_restant_du == crd
    assert r.commission == (crd * Decimal("0.0003")).quantize(Decimal("0.01"))
    lignes = r.tableau.lignes
    assert len(lignes) == 40
    assert tuple(lignes[:5]) == tuple(avant.lignes[:5])
    assert [x.numero for x in lignes] == list(range(1, 41))
    nouvelle = LigneDePret(
        identifiant=LIGNE.identifiant,
        contrat=LIGNE.contrat,
        produit=LIGNE.produit,
        emprunteur=LIGNE.emprunteur,
        montant=crd,
        date_debut_amortissement=D(2022, 3, 1),
        duree=35,
        periodicite="annuelle",
        index="livret_a",
        valeur_index_reference=Decimal("0.03"),
        marge=Decimal("0.006"),
        taux_interet=Decimal("0.036"),
        profil=LIGNE.profil,
        revision="SR",
    )
    suite = calculer_tableau(nouvelle, index=LIVRET_A)
    assert [x._replace(numero=x.numero + 5) for x in suite.lignes] == list(lignes[5:])
    assert lignes[5].taux == Decimal("0.036")
    assert lignes[5].date == D(2023, 3, 1)
    assert lignes[-1].capital_du == 0
    assert r.tableau.index == "Inflation jusqu'au 01/03/2022, puis Livret A + 0,60 %"
    assert r.tableau.notes == ("Changement d'index au 01/03/2022 : Livret A 3,00 % + 0,60 %.",)
    assert r.tableau.ligne == LIGNE


def test_demande_un_jour_trop_tard_reportee() -> None:
    """Le 2 janvier 2022, c'est moins de deux mois avant le 1er mars : l'échéance suivante
    (1er mars 2023, rang 5, 34 annuités restantes)."""
    r = _changer(demande=D(2022, 1, 2))
    assert (r.date_changement, r.reporte) == (D(2023, 3, 1), True)
    assert len(r.tableau.lignes) == 40
    assert r.tableau.lignes[5].date == D(2023, 3, 1)
    assert r.tableau.lignes[6].taux == Decimal("0.036")
    assert r.tableau.lignes[5].taux == Decimal("0.0145")
    assert r.capital_restant_du == calculer_tableau(LIGNE).lignes[5].capital_du
    # très en retard : plusieurs échéances plus loin (demande du 2 janvier 2025)
    loin = _changer(demande=D(2025, 1, 2))
    assert loin.date_changement == D(2026, 3, 1)


def test_derniere_echeance_jamais_eligible() -> None:
    # l'avant-dernière, demandée à temps : retenue
    r = _changer(demande=D(2055, 12, 1), souhaitee=D(2056, 3, 1))
    assert r.date_changement == D(2056, 3, 1)
    assert len(r.tableau.lignes) == 40
    assert r.tableau.lignes[-1].taux == Decimal("0.036")
    # l'avant-dernière demandée trop tard : la suivante serait la dernière
    # … ou après la dernière échéance moins deux mois (pas de rang au-delà de la dernière)
    cas = (
        (D(2056, 1, 2), D(2056, 3, 1)),
        (D(2020, 1, 1), D(2057, 3, 1)),
        (D(2057, 2, 1), D(2056, 3, 1)),
    )
    for demande, souhaitee in cas:
        with pytest.raises(ErreurValeur) as refus:
            _changer(demande=demande, souhaitee=souhaitee)
        assert refus.value.message == (
            "aucune échéance restante ne permet le changement d'index (la dernière n'est pas "
            "éligible)"
        )
        assert refus.value.cle == "echeance_souhaitee"
        assert refus.value.valeur == souhaitee


def test_refus_d_une_ligne_non_indexee_sur_l_inflation() -> None:
    ligne = attrs.evolve(LIGNE, index="livret_a")
    with pytest.raises(ErreurValeur) as refus:
        _changer(ligne)
    assert refus.value.message == "seule une ligne indexée sur l'inflation peut changer d'index"
    assert (refus.value.cle, refus.value.valeur, refus.value.attendu) == (
        "index",
        "livret_a",
        "inflation",
    )


def test_refus_d_une_date_qui_n_est_pas_une_echeance() -> None:
    with pytest.raises(ErreurValeur) as refus:
        _changer(souhaitee=D(2022, 3, 2))
    assert refus.value.message == "ce n'est pas une date d'échéance de la ligne"
    assert (refus.value.cle, refus.value.valeur) == ("echeance_souhaitee", D(2022, 3, 2))


def _inflation_en_hausse() -> SerieDatee:
    return SerieDatee(
        nom="inflation",
        points=(
            PointSerie(date_effet=D(2000, 1, 1), valeur=Decimal("0.002")),
            PointSerie(date_effet=D(2020, 1, 1), valeur=Decimal("0.062")),
        ),
    )


def test_refus_pendant_un_stock_d_interets_differes() -> None:
    """DL progressive de 3 %, intérêts différés : l'inflation passée à 6,2 % en 2020 laisse un
    stock d'intérêts différés dès l'échéance du 1er mars 2021 ; au 1er mars 2020, aucun."""
    ligne = attrs.evolve(
        LIGNE,
        revision="DL",
        taux_progressivite=Decimal("0.03"),
        profil="amortissement_deduit_interets_differes",
    )
    with pytest.raises(ErreurValeur) as refus:
        _changer(
            ligne, demande=D(2021, 1, 1), souhaitee=D(2022, 3, 1), inflation=_inflation_en_hausse()
        )
    assert refus.value.message == (
        "un stock d'intérêts différés est en cours : ce changement d'index n'est pas calculé"
    )
    assert refus.value.cle == "echeance_souhaitee"
    r = _changer(
        ligne, demande=D(2019, 1, 1), souhaitee=D(2020, 3, 1), inflation=_inflation_en_hausse()
    )
    assert r.date_changement == D(2020, 3, 1)
    # la ligne nouvelle garde sa révision DL et sa progressivité
    assert r.tableau.lignes[3].taux_progressivite == Decimal("0.03")


#: Un Livret A qui change après le jour du changement : la révision de la ligne nouvelle compte.
LIVRET_VARIABLE = SerieDatee(
    nom="livret_a",
    points=(
        PointSerie(date_effet=D(2000, 1, 1), valeur=Decimal("0.03")),
        PointSerie(date_effet=D(2019, 1, 1), valeur=Decimal("0.02")),
        PointSerie(date_effet=D(2022, 1, 1), valeur=Decimal("0.035")),
        PointSerie(date_effet=D(2025, 1, 1), valeur=Decimal("0.01")),
    ),
)


def test_ligne_nouvelle_sans_les_options_de_l_ancienne() -> None:
    """Préfinancement capitalisé, différé d'amortissement capitalisé, constante de révision et
    versements ne passent pas à la ligne nouvelle (elle part du capital restant dû, au jour
    retenu, sur le Livret A de ce jour : 2 % + 0,60 %) ; sa révision (DR) est gardée ; un taux
    fixe devient SR sur le Livret A."""
    ligne = LigneDePret(
        identifiant="X",
        montant=Decimal("100000.00"),
        date_effet=D(2015, 6, 10),
        duree=20,
        periodicite="semestrielle",
        index="inflation",
        valeur_index_reference=Decimal("0.01"),
        marge=Decimal("0.01"),
        taux_interet=Decimal("0.02"),
        profil="amortissement_deduit_interets_differes",
        revision="DR",
        constante_revision=Decimal("1.5"),
        prefinancement=Prefinancement(duree_mois=12, reglement="capitalisation"),
        differe_amortissement_mois=12,
        differe_capitalise=True,
        versements=(
            Versement(date=D(2015, 6, 10), montant=Decimal("60000.00")),
            Versement(date=D(2015, 9, 10), montant=Decimal("40000.00")),
        ),
    )
    avant = calculer_tableau(ligne)
    retenue = avant.lignes[6].date
    assert retenue == D(2020, 1, 1)
    r = _changer(ligne, demande=D(2019, 11, 1), souhaitee=retenue, livret=LIVRET_VARIABLE)
    assert r.date_changement == retenue
    assert r.reporte is False
    crd = avant.lignes[6].capital_du
    nouvelle = LigneDePret(
        identifiant="X",
        montant=crd,
        date_debut_amortissement=retenue,
        duree=len(avant.lignes) - 7,
        periodicite="semestrielle",
        index="livret_a",
        valeur_index_reference=Decimal("0.02"),
        marge=Decimal("0.006"),
        taux_interet=Decimal("0.026"),
        profil="amortissement_deduit_interets_differes",
        revision="DR",
    )
    suite = calculer_tableau(nouvelle, index=LIVRET_VARIABLE)
    assert {x.taux for x in suite.lignes} >= {Decimal("0.026"), Decimal("0.041"), Decimal("0.016")}
    assert [x._replace(numero=x.numero + 7) for x in suite.lignes] == list(r.tableau.lignes[7:])
    assert r.tableau.notes == ("Changement d'index au 01/01/2020 : Livret A 2,00 % + 0,60 %.",)
    fixe = LigneDePret(
        identifiant="X",
        montant=Decimal("100000.00"),
        date_effet=D(2015, 6, 10),
        duree=20,
        periodicite="semestrielle",
        index="inflation",
        valeur_index_reference=Decimal("0.01"),
        marge=Decimal("0.01"),
        taux_interet=Decimal("0.02"),
        profil="amortissement_deduit_interets_differes",
        revision="fixe",
    )
    avant = calculer_tableau(fixe)
    r = _changer(
        fixe, demande=D(2016, 1, 1), souhaitee=avant.lignes[3].date, livret=LIVRET_VARIABLE
    )
    nouvelle = attrs.evolve(
        nouvelle,
        montant=avant.lignes[3].capital_du,
        date_debut_amortissement=avant.lignes[3].date,
        duree=len(avant.lignes) - 4,
        valeur_index_reference=Decimal("0.03"),
        taux_interet=Decimal("0.036"),
        revision="SR",
    )
    suite = calculer_tableau(nouvelle, index=LIVRET_VARIABLE)
    assert [x._replace(numero=x.numero + 4) for x in suite.lignes] == list(r.tableau.lignes[4:])
    assert r.tableau.lignes[-1].taux != Decimal("0.036")  # révisé : ce n'est plus un taux fixe
