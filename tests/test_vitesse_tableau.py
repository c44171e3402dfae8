"""Les raccourcis du calcul d'un tableau ne changent rien à son résultat (issue 26) : plan et
taux de période gardés par ligne, échéances théoriques gardées par valeur, entrée sans
vérification générique des arguments déjà sûrs. Chaque tableau calculé avec des caches chauds
s'imprime comme le même tableau calculé caches vidés, y compris pour des lignes égales dont les
taux s'écrivent différemment (``0.03`` et ``0.030``)."""

from __future__ import annotations

import datetime as dt
import decimal
from decimal import Decimal
from unittest import mock

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from collectivites.donnees import SerieDatee
from collectivites.erreurs import ErreurCollectivites, ErreurType, ErreurValeur
from collectivites.prets import (
    IndexDecale,
    LigneDePret,
    TableauAmortissement,
    calculer_tableau,
    serie_index,
)
from collectivites.prets import _tableau as module_tableau
from collectivites.prets._echeancier import dates_echeances
from collectivites.prets._portefeuille import projeter_ligne

from .strategies import lignes_de_pret
from .test_tableau_colonnes import _par_annee_des_lignes


def _vider_les_caches() -> None:
    module_tableau._PLANS.clear()
    module_tableau._plan_en_cache.cache_clear()
    module_tableau._echeance_et_arrondi.cache_clear()


def _empreinte(tableau: TableauAmortissement) -> tuple[object, ...]:
    return (
        [tuple(map(repr, ligne)) for ligne in tableau.lignes],
        tableau.notes,
        tableau.par_annee(),
        repr(tableau.interets_prefinancement),
    )


def _ligne(reference: str, marge: str, taux: str, **autres: object) -> LigneDePret:
    valeurs: dict[str, object] = {
        "identifiant": "x",
        "montant": Decimal("100000"),
        "date_debut_amortissement": dt.date(2010, 1, 1),
        "duree": 20,
        "periodicite": "annuelle",
        "index": "livret_a",
        "valeur_index_reference": Decimal(reference),
        "marge": Decimal(marge),
        "taux_interet": Decimal(taux),
        "profil": "amortissement_deduit_interets_differes",
        "revision": "DR",
        "taux_progressivite": Decimal("0.005"),
    }
    valeurs.update(autres)
    return LigneDePret(**valeurs)  # type: ignore[arg-type]


@pytest.mark.parametrize("historique", [False, True])
def test_deux_lignes_egales_ecrites_autrement_gardent_leur_ecriture(historique: bool) -> None:
    # Égales (0.03 == 0.030) et de même empreinte de hachage : avant l'issue 26, la seconde
    # recevait le plan de la première et imprimait sa valeur d'index « 0.03 ».
    courte = _ligne("0.03", "0.006", "0.036")
    longue = _ligne("0.030", "0.0060", "0.0360")
    assert courte == longue and hash(courte) == hash(longue)
    index = serie_index("livret_a") if historique else None
    _vider_les_caches()
    seule_courte = _empreinte(calculer_tableau(courte, index=index))
    _vider_les_caches()
    seule_longue = _empreinte(calculer_tableau(longue, index=index))
    assert seule_courte != seule_longue  # l'écriture se voit dans les lignes
    for ordre in ((courte, longue), (longue, courte)):
        _vider_les_caches()
        obtenues = [_empreinte(calculer_tableau(x, index=index)) for x in (*ordre, *ordre)]
        attendues = [seule_courte if x is courte else seule_longue for x in (*ordre, *ordre)]
        assert obtenues == attendues
    premiere = calculer_tableau(longue).lignes[0]
    assert str(premiere.valeur_index) == "0.030"
    assert str(premiere.taux) == "0.0360"


class _Source:
    """Une source d'index qui écrit sa valeur à sa façon (``0.01`` ou ``0.010``)."""

    def __init__(self, valeur: str) -> None:
        self.valeur = Decimal(valeur)

    def valeur_au(self, _jour: dt.date, /) -> Decimal:
        return self.valeur

    def changements(self, _debut: dt.date, _fin: dt.date, /) -> tuple[dt.date, ...]:
        return ()


def test_une_valeur_d_index_egale_ecrite_autrement_est_recalculee() -> None:
    ligne = _ligne("0.03", "0.006", "0.036", revision="SR")
    _vider_les_caches()
    attendu = _empreinte(calculer_tableau(ligne, index=_Source("0.010")))
    _vider_les_caches()
    calculer_tableau(ligne, index=_Source("0.01"))  # garde le taux de 0.01 dans le plan
    obtenu = calculer_tableau(ligne, index=_Source("0.010"))
    assert _empreinte(obtenu) == attendu
    assert str(obtenu.lignes[0].valeur_index) == "0.010"
    assert str(obtenu.lignes[0].taux) == "0.016"


def _source(index: str) -> IndexDecale | SerieDatee | None:
    """Index figé, historique du Livret A, ou historique choqué de +5 points en 2012 (des
    échéances qui ne couvrent plus les intérêts : intérêts différés, puis stock remboursé)."""
    if index == "fige":
        return None
    historique = serie_index("livret_a")
    if index == "historique":
        return historique
    return IndexDecale(source=historique, ecart=Decimal("0.05"), depuis=dt.date(2012, 1, 1))


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    lignes_de_pret(),
    st.sampled_from(["fige", "historique", "choc"]),
    st.sampled_from(["1", "10"]),
)
def test_caches_chauds_ou_vides_meme_tableau(ligne, index: str, echelle: str) -> None:
    # Une écriture plus longue des taux (×10/10 : même valeur, un zéro de plus).
    e = Decimal(echelle)
    try:
        ligne = attrs.evolve(
            ligne,
            valeur_index_reference=ligne.valeur_index_reference * e / e,
            marge=ligne.marge * e / e,
            taux_interet=ligne.taux_interet * e / e,
        )
    except ErreurCollectivites:
        return
    source = _source(index)

    def calculer() -> tuple[object, ...] | str:
        try:
            return _empreinte(calculer_tableau(ligne, index=source))
        except ErreurCollectivites as exc:
            return exc.message

    _vider_les_caches()
    froid = calculer()
    chaud = calculer()
    copie = attrs.evolve(ligne)  # une autre instance, égale : le plan par valeur
    assert copie is not ligne
    assert froid == chaud == calculer()
    ligne = copie
    assert calculer() == froid


def test_les_arguments_sont_toujours_verifies() -> None:
    ligne = _ligne("0.03", "0.006", "0.036")
    with pytest.raises(ErreurType) as refus:
        calculer_tableau("ligne")  # type: ignore[arg-type]
    assert refus.value.cle == "ligne"
    with pytest.raises(ErreurType) as refus:
        calculer_tableau(ligne, index=Decimal("0.01"))  # type: ignore[arg-type]
    assert refus.value.cle == "index"
    with pytest.raises(ErreurType, match="argument inconnu « indice »"):
        calculer_tableau(ligne, indice=None)  # type: ignore[call-arg]
    with pytest.raises(ErreurType, match="2 arguments positionnels"):
        calculer_tableau(ligne, None)  # type: ignore[misc]
    with pytest.raises(ErreurType, match="argument obligatoire absent : ligne"):
        calculer_tableau()  # type: ignore[call-arg]


@pytest.mark.parametrize("dans_un_moteur", [False, True])
def test_l_entree_directe_traduit_les_erreurs_comme_le_moteur(dans_un_moteur: bool) -> None:
    ligne = _ligne("0.03", "0.006", "0.036")
    signal = mock.Mock(side_effect=decimal.Overflow("débordement"))
    with mock.patch.object(module_tableau, "_remboursements_valides", signal):
        if dans_un_moteur:  # appel interne d'un moteur : traduit par le moteur appelant
            with pytest.raises(ErreurValeur, match="calcul impossible"):
                projeter_ligne(ligne, None)
        else:
            with pytest.raises(ErreurValeur, match="calcul impossible") as refus:
                calculer_tableau(ligne)
            assert refus.value.attendu == "des montants, taux et durées réalistes"
    defaut = mock.Mock(side_effect=ValueError("un vrai défaut"))
    with (
        mock.patch.object(module_tableau, "_remboursements_valides", defaut),
        pytest.raises(ValueError, match="un vrai défaut"),
    ):
        calculer_tableau(ligne)
    assert signal.call_count == 1 and defaut.call_count == 1


def test_l_entree_directe_calcule_dans_son_contexte() -> None:
    ligne = _ligne("0.03", "0.006", "0.036")
    _vider_les_caches()
    attendu = _empreinte(calculer_tableau(ligne))
    with decimal.localcontext() as contexte:
        contexte.prec, contexte.rounding = 5, decimal.ROUND_DOWN
        _vider_les_caches()
        assert _empreinte(calculer_tableau(ligne)) == attendu
        assert decimal.getcontext().prec == 5


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    lignes_de_pret(),
    st.integers(min_value=0, max_value=24),
    st.booleans(),
    st.sampled_from(["fige", "historique", "choc"]),
    st.data(),
)
def test_sommes_par_annee_lues_du_capital_du(
    ligne, differe: int, capitalise: bool, index: str, data: st.DataObject
) -> None:
    # L'amortissement de l'année lu comme la baisse du capital dû, l'échéance déduite de
    # e = a + i + s − d : mêmes sommes que les lignes, différés, intérêts différés, stock,
    # remboursements anticipés et dernière échéance compris.
    try:
        ligne = attrs.evolve(
            ligne, differe_amortissement_mois=differe, differe_capitalise=capitalise and differe > 0
        )
    except ErreurCollectivites:
        return
    remboursements = None
    if ligne.duree > 2 and data.draw(st.booleans()):
        rang = data.draw(st.integers(1, ligne.duree - 1))
        jour = dates_echeances(ligne)[rang - 1]
        centimes = data.draw(st.integers(min_value=1, max_value=int(ligne.montant * 100)))
        remboursements = {jour: Decimal(centimes) / 100}
    try:
        tableau = calculer_tableau(
            ligne,
            index=_source(index),
            remboursements=remboursements,
        )
    except ErreurCollectivites:
        return
    assert tableau.par_annee() == _par_annee_des_lignes(tableau)
    # et les mêmes lignes faites à la main (montants vérifiés un à un)
    a_la_main = attrs.evolve(tableau, lignes=tuple(tableau.lignes))
    assert a_la_main.par_annee() == tableau.par_annee()


@pytest.mark.parametrize("periodicite", ["annuelle", "trimestrielle"])
def test_sommes_par_annee_avec_interets_differes_puis_rembourses(periodicite: str) -> None:
    # Double révisabilité, index choqué de +5 points en 2012 : la progression de l'échéance ne
    # suit pas les intérêts (art. 12 : intérêts différés), puis le stock est remboursé.
    ligne = _ligne(
        "0",
        "0",
        "0",
        date_debut_amortissement=dt.date(2004, 1, 1),
        duree=24 if periodicite == "annuelle" else 96,
        periodicite=periodicite,
        taux_progressivite=Decimal(0),
    )
    tableau = calculer_tableau(ligne, index=_source("choc"))
    assert any(r.interets_a_differer for r in tableau.lignes)
    assert any(r.stock_rembourse for r in tableau.lignes)
    assert tableau.par_annee() == _par_annee_des_lignes(tableau)


@pytest.mark.parametrize("montant", ["448.5", "448", "0.1", "1E+2"])
@pytest.mark.parametrize("periodicite", ["annuelle", "mensuelle"])
def test_une_seule_echeance_imprimee_au_centime(montant: str, periodicite: str) -> None:
    # Piège de l'issue 26 : « 448.5 » et « 0.0 » imprimés au lieu de centimes.
    import csv
    import io
    import re

    ligne = _ligne(
        "0.03", "0.006", "0.036", montant=Decimal(montant), duree=1, periodicite=periodicite
    )
    tableau = calculer_tableau(ligne)
    (entete, valeurs) = list(csv.reader(io.StringIO(str(tableau.rendre("csv")))))
    montants = dict(zip(entete, valeurs, strict=True))
    for champ in ("echeance", "amortissement", "interets", "capital_du"):
        assert re.fullmatch(r"\d+\.\d\d", montants[champ]), (champ, montants[champ])
    assert montants["amortissement"] == str(Decimal(montant).quantize(Decimal("0.01")))
    assert montants["capital_du"] == "0.00"
    centimes = int(Decimal(montant) * 100)
    assert tableau.colonnes.amortissement == (centimes,)
    assert tableau.par_annee()[tableau.lignes[0].date.year][2] == centimes
