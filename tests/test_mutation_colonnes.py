"""Échéances en colonnes (``prets/_colonnes.py``) : conversions centimes ↔ euros exactes sous
tout contexte, suites d'échéances courantes en centimes (intérêts déduits du capital dû),
lignes construites à la demande, séquence immuable qui se compare comme le ``tuple`` de ses
lignes, colonnes et sommes par année civile, les trois lectures (morceaux du calcul, colonnes,
lignes faites à la main) d'accord entre elles et avec une somme écrite ici ligne à ligne
(issue 27)."""

from __future__ import annotations

import datetime as dt
import pickle
from decimal import Context, Decimal, localcontext

import pytest

from collectivites.erreurs import ErreurValeur
from collectivites.prets import calculer_tableau
from collectivites.prets._colonnes import (
    CHAMPS_MONTANTS,
    ColonnesTableau,
    LignesTableau,
    LigneTableau,
    _centimes_surs,
    _Suite,
    en_centimes,
    en_euros,
)
from collectivites.prets._index import IndexFige
from collectivites.prets._modeles import LigneDePret, Prefinancement

D = dt.date
Z = Decimal("0.00")


def test_en_euros_exact_sous_tout_contexte() -> None:
    assert str(en_euros(44850)) == "448.50"
    assert str(en_euros(-1)) == "-0.01"
    assert str(en_euros(0)) == "0.00"
    with localcontext(Context(prec=3)):
        assert str(en_euros(123456789)) == "1234567.89"
        assert en_centimes(Decimal("1234567.89")) == 123456789
        assert _centimes_surs(Decimal("1234567.89")) == 123456789


def test_en_centimes() -> None:
    assert en_centimes(Decimal("448.5")) == 44850
    assert en_centimes(Decimal("1E+2")) == 10000
    assert en_centimes(Decimal("-0.07")) == -7
    assert en_centimes(Decimal("12.3400")) == 1234
    with pytest.raises(ErreurValeur) as refus:
        en_centimes(Decimal("0.001"))
    assert refus.value.message == "un montant du tableau s'exprime au centime"
    assert (refus.value.cle, refus.value.valeur, refus.value.attendu) == (
        "montant",
        Decimal("0.001"),
        "au plus deux décimales",
    )
    with pytest.raises(ErreurValeur) as refus:
        en_centimes(Decimal("1.005"), "interets")
    assert refus.value.cle == "interets"
    assert _centimes_surs(Decimal("12.34")) == 1234


def _suite(premier: int = 3, progressive: bool = False) -> _Suite:
    """Trois échéances de 100,00 € (ou 100,00, 101,00, 102,01 €) sur 500,00 € : capital dû
    410,00, 319,00, 227,00 € ; intérêts 10,00, 9,00, 8,00 € (ou 10,00, 10,00, 10,01 €)."""
    return _Suite(
        premier=premier,
        dates=(D(2020, 6, 1), D(2020, 12, 1), D(2021, 6, 1)),
        taux=Decimal("0.03"),
        taux_progressivite=Decimal("0.01") if progressive else Decimal(0),
        valeur_index=Decimal("0.02"),
        echeances=() if progressive else Decimal("100.00"),
        centimes_echeances=(10000, 10100, 10201) if progressive else 10000,
        capital_avant=50000,
        capital_du=(41000, 31900, 22700),
        stock=Decimal("1.50"),
    )


def test_suite_en_centimes() -> None:
    suite = _suite()
    assert suite.centimes_par_echeance() == (10000, 10000, 10000)
    assert suite.interets == [1000, 900, 800]
    progressive = _suite(progressive=True)
    assert progressive.centimes_par_echeance() == (10000, 10100, 10201)
    assert progressive.interets == [1000, 1000, 1001]


def _premiere() -> LigneTableau:
    return LigneTableau(
        1, D(2019, 12, 1), Decimal("0.03"), Decimal(0), Decimal("0.02"),
        Decimal("7.50"), Z, Decimal("7.50"), Z, Z, Decimal("500.00"), Decimal("1.50"),
    )  # fmt: skip


def test_lignes_construites_a_la_demande() -> None:
    lignes = LignesTableau([_premiere(), _suite(premier=2, progressive=True)])
    assert len(lignes) == 4
    assert bool(lignes) is True
    assert lignes.en_centimes is True
    assert lignes.derniere_date == D(2021, 6, 1)
    assert lignes._lignes is None  # rien de construit
    construites = tuple(lignes)
    assert construites[0] == _premiere()
    assert construites[1:] == (
        LigneTableau(
            2, D(2020, 6, 1), Decimal("0.03"), Decimal("0.01"), Decimal("0.02"),
            Decimal("100.00"), Decimal("90.00"), Decimal("10.00"), Z, Z, Decimal("410.00"),
            Decimal("1.50"), Z, Z,
        ),
        LigneTableau(
            3, D(2020, 12, 1), Decimal("0.03"), Decimal("0.01"), Decimal("0.02"),
            Decimal("101.00"), Decimal("91.00"), Decimal("10.00"), Z, Z, Decimal("319.00"),
            Decimal("1.50"), Z, Z,
        ),
        LigneTableau(
            4, D(2021, 6, 1), Decimal("0.03"), Decimal("0.01"), Decimal("0.02"),
            Decimal("102.01"), Decimal("92.00"), Decimal("10.01"), Z, Z, Decimal("227.00"),
            Decimal("1.50"), Z, Z,
        ),
    )  # fmt: skip
    assert [str(x.echeance) for x in construites] == ["7.50", "100.00", "101.00", "102.01"]
    # une suite à échéance constante écrit le Decimal posté
    constante = tuple(LignesTableau([_suite()]))
    assert [x.echeance for x in constante] == [Decimal("100.00")] * 3
    assert [x.numero for x in constante] == [3, 4, 5]
    assert [str(x.interets) for x in constante] == ["10.00", "9.00", "8.00"]
    assert LignesTableau([_premiere()]).derniere_date == D(2019, 12, 1)
    assert LignesTableau([_premiere()]).en_centimes is False


def test_sequence_comme_un_tuple() -> None:
    lignes = LignesTableau([_premiere(), _suite(premier=2)])
    t = tuple(LignesTableau([_premiere(), _suite(premier=2)]))
    assert lignes == t
    assert lignes == LignesTableau([_premiere(), _suite(premier=2)])
    assert lignes.__eq__(lignes) is True
    assert lignes != t[:2]
    assert lignes != LignesTableau([_premiere()])
    assert lignes.__eq__(list(t)) is NotImplemented
    assert hash(lignes) == hash(t)
    assert lignes[1] == t[1]
    assert lignes[-1] == t[-1]
    assert lignes[1:3] == t[1:3]
    assert type(lignes[1:3]) is tuple
    assert list(reversed(lignes)) == list(reversed(t))
    assert t[2] in lignes
    assert _premiere()._replace(numero=9) not in lignes
    assert lignes + t == t + t
    assert lignes + LignesTableau([_premiere()]) == (*t, _premiere())
    assert (_premiere(),) + lignes == (_premiere(), *t)  # noqa: RUF005 - __radd__
    assert lignes.__add__([1]) is NotImplemented
    assert lignes.__radd__([1]) is NotImplemented
    assert repr(lignes) == repr(t)
    vide = LignesTableau()
    assert (len(vide), bool(vide), vide.par_annee(2020, 0)) == (0, False, {})
    assert vide == ()


def test_copie_par_pickle() -> None:
    calculees = LignesTableau([_premiere(), _suite(premier=2)])
    assert calculees.__reduce__() == (LignesTableau, (calculees.morceaux,))
    copie = pickle.loads(pickle.dumps(calculees))
    assert copie == calculees
    assert copie.morceaux == calculees.morceaux
    # des lignes construites à la lecture ne font pas des lignes « à la main » : la copie
    # garde les morceaux du calcul
    tuple(calculees)
    assert calculees._lignes is not None
    assert calculees.__reduce__() == (LignesTableau, (calculees.morceaux,))
    copie = pickle.loads(pickle.dumps(calculees))
    assert copie.morceaux == calculees.morceaux
    assert isinstance(copie.morceaux[1], _Suite)
    faites = LignesTableau.de(tuple(calculees))
    assert faites.__reduce__() == (LignesTableau.de, (tuple(calculees),))
    copie = pickle.loads(pickle.dumps(faites))
    assert copie == faites
    assert copie._lignes is copie.morceaux  # toujours des lignes faites à la main
    assert LignesTableau.de(faites) is faites


def test_colonnes_gardees_et_immuables() -> None:
    lignes = LignesTableau([_premiere(), _suite(premier=2)])
    colonnes = lignes.colonnes
    assert lignes.colonnes is colonnes
    assert len(colonnes) == 4
    assert colonnes.dates == (D(2019, 12, 1), D(2020, 6, 1), D(2020, 12, 1), D(2021, 6, 1))
    assert colonnes.echeance == (750, 10000, 10000, 10000)
    assert colonnes.interets == (750, 1000, 900, 800)
    assert colonnes.amortissement == (0, 9000, 9100, 9200)
    assert colonnes.capital_du == (50000, 41000, 31900, 22700)
    assert colonnes.stock_interets_differes == (150,) * 4
    assert colonnes.taux == (Decimal("0.03"),) * 4
    assert colonnes.taux_progressivite == (Decimal(0),) * 4
    assert colonnes.valeur_index == (Decimal("0.02"),) * 4
    for champ in ("interets_a_differer", "stock_rembourse", "remboursement_anticipe"):
        assert getattr(colonnes, champ) == (0,) * 4
    assert colonnes.interets_differes_rembourses == (0,) * 4
    assert colonnes.total("interets") == 3450
    assert colonnes.total("echeance") == 30750
    with pytest.raises(ErreurValeur) as refus:
        colonnes.total("inconnu")
    assert refus.value.message == "colonne inconnue"
    assert (refus.value.cle, refus.value.valeur, refus.value.attendu) == (
        "champ",
        "inconnu",
        ", ".join(CHAMPS_MONTANTS),
    )
    with pytest.raises(AttributeError, match=r"^ColonnesTableau est immuable : dates$"):
        colonnes.dates = ()
    assert ColonnesTableau([]).par_annee() == {}


def test_lignes_faites_a_la_main_verifiees() -> None:
    """Des lignes faites à la main (``attrs.evolve``) : chaque montant vérifié au centime, en
    colonnes comme par année ; celles du calcul ne le sont pas (postées au centime)."""
    fausse = _premiere()._replace(interets=Decimal("7.505"))
    faites = LignesTableau.de((fausse,))
    with pytest.raises(ErreurValeur) as refus:
        _ = faites.colonnes
    assert refus.value.cle == "interets"
    with pytest.raises(ErreurValeur):
        faites.par_annee(2019, 50000)
    for champ in ("echeance", "amortissement", "capital_du", "stock_interets_differes"):
        fausse = _premiere()._replace(**{champ: Decimal("1.001")})  # type: ignore[arg-type]
        with pytest.raises(ErreurValeur):
            LignesTableau.de((fausse,)).par_annee(2019, 0)
    with pytest.raises(ErreurValeur):
        LignesTableau.de(
            (_premiere()._replace(remboursement_anticipe=Decimal("1.001")),)
        ).par_annee(2019, 0)
    # les mêmes montants dans des morceaux du calcul : lus sans vérification
    assert LignesTableau([fausse]).colonnes.interets == (750,)
    # une ligne construite à partir des morceaux (``tuple(lignes)``) n'est pas « à la main »
    calculees = LignesTableau([fausse])
    tuple(calculees)
    assert calculees.colonnes.interets == (750,)


def _par_annee_ecrite_ici(
    lignes: tuple[LigneTableau, ...], annee: int, capital: int
) -> dict[int, tuple[int, ...]]:
    """Par année civile : échéances, intérêts, amortissement (remboursements anticipés
    compris), capital dû et stock de la dernière échéance de l'année ; une année sans échéance
    garde le capital dû et le stock."""
    resultat: dict[int, tuple[int, ...]] = {}
    crd, stock = capital, 0
    for a in range(annee, lignes[-1].date.year + 1):
        du_an = [x for x in lignes if x.date.year == a]
        if du_an:
            crd = en_centimes(du_an[-1].capital_du)
            stock = en_centimes(du_an[-1].stock_interets_differes)
        resultat[a] = (
            sum(en_centimes(x.echeance) for x in du_an),
            sum(en_centimes(x.interets) for x in du_an),
            sum(en_centimes(x.amortissement + x.remboursement_anticipe) for x in du_an),
            crd,
            stock,
        )
    return resultat


def _ligne(**options: object) -> LigneDePret:
    valeurs: dict[str, object] = {
        "identifiant": "L",
        "montant": Decimal("150000.00"),
        "date_effet": D(2012, 3, 15),
        "duree": 25,
        "periodicite": "annuelle",
        "index": "livret_a",
        "valeur_index_reference": Decimal("0.0225"),
        "marge": Decimal("0.006"),
        "taux_interet": Decimal("0.0285"),
        "profil": "amortissement_deduit_interets_differes",
        "revision": "SR",
    }
    valeurs.update(options)
    return LigneDePret(**valeurs)  # type: ignore[arg-type]


_HAUSSE = IndexFige(valeur=Decimal("0.0725"))


@pytest.mark.parametrize(
    ("options", "index", "remboursements"),
    [
        ({}, None, None),
        ({"periodicite": "mensuelle", "duree": 40, "date_effet": D(2019, 10, 31)}, None, None),
        (
            {"periodicite": "trimestrielle", "duree": 13, "taux_progressivite": Decimal("0.02")},
            None,
            None,
        ),
        ({"prefinancement": Prefinancement(duree_mois=24)}, None, None),
        ({"differe_amortissement_mois": 24}, None, None),
        ({}, None, {D(2016, 4, 1): Decimal("50000.00")}),
        ({"periodicite": "semestrielle", "duree": 20}, None, {D(2017, 4, 1): Decimal("1234.56")}),
        # la hausse de l'index laisse un stock d'intérêts différés, remboursé ensuite
        ({"revision": "DL", "taux_progressivite": Decimal("0.03")}, _HAUSSE, None),
        (
            {"revision": "DL", "taux_progressivite": Decimal("0.03")},
            _HAUSSE,
            {D(2020, 4, 1): Decimal("10000.00")},
        ),
        ({"duree": 1}, None, None),
        # échéances nulles pendant un différé capitalisé ; intérêts nuls à taux nul
        ({"differe_amortissement_mois": 24, "differe_capitalise": True}, None, None),
        ({"revision": "fixe", "marge": Decimal("-0.0225"), "taux_interet": Decimal(0)}, None, None),
    ],
)
def test_trois_lectures_par_annee(
    options: dict[str, object],
    index: IndexFige | None,
    remboursements: dict[dt.date, Decimal] | None,
) -> None:
    tableau = calculer_tableau(_ligne(**options), index=index, remboursements=remboursements)
    lignes = tableau.lignes
    construites = tuple(LignesTableau(lignes.morceaux))
    for annee in (2010, construites[0].date.year):
        capital = 15000000
        attendu = _par_annee_ecrite_ici(construites, annee, capital)
        assert LignesTableau(lignes.morceaux).par_annee(annee, capital) == attendu
        assert LignesTableau(lignes.morceaux).colonnes.par_annee(annee, capital) == attendu
        assert LignesTableau.de(construites).par_annee(annee, capital) == attendu
        assert LignesTableau.de(construites).colonnes.par_annee(annee, capital) == attendu
    premiere = construites[0].date.year
    assert ColonnesTableau(lignes.morceaux).par_annee() == _par_annee_ecrite_ici(
        construites, premiere, 0
    )
    colonnes = LignesTableau(lignes.morceaux).colonnes
    for nom in CHAMPS_MONTANTS:
        assert getattr(colonnes, nom) == tuple(en_centimes(getattr(x, nom)) for x in construites), (
            nom
        )
    assert colonnes.dates == tuple(x.date for x in construites)
    assert colonnes.taux == tuple(x.taux for x in construites)
    assert colonnes.valeur_index == tuple(x.valeur_index for x in construites)
    assert colonnes.taux_progressivite == tuple(x.taux_progressivite for x in construites)
    assert len(LignesTableau(lignes.morceaux)) == len(construites)


def test_les_cas_du_stock_et_des_montants_nuls_sont_bien_exerces() -> None:
    tableau = calculer_tableau(
        _ligne(revision="DL", taux_progressivite=Decimal("0.03")), index=_HAUSSE
    )
    assert tableau.total_interets_a_differer > 0
    assert any(x.stock_rembourse for x in tableau.lignes)
    rembourse = calculer_tableau(
        _ligne(revision="DL", taux_progressivite=Decimal("0.03")),
        index=_HAUSSE,
        remboursements={D(2020, 4, 1): Decimal("10000.00")},
    )
    assert any(x.interets_differes_rembourses for x in rembourse.lignes)
    differe = calculer_tableau(_ligne(differe_amortissement_mois=24, differe_capitalise=True))
    assert differe.lignes[0].echeance == 0
    nul = calculer_tableau(
        _ligne(revision="fixe", marge=Decimal("-0.0225"), taux_interet=Decimal(0))
    )
    assert all(x.interets == 0 for x in nul.lignes)


def test_par_annee_des_colonnes_capital_par_defaut_nul() -> None:
    """Depuis une année sans échéance, sans capital donné : le capital dû d'avant la première
    échéance vaut 0 (et le stock aussi)."""
    colonnes = LignesTableau([_premiere(), _suite(premier=2)]).colonnes
    assert colonnes.par_annee(2018) == {
        2018: (0, 0, 0, 0, 0),
        2019: (750, 750, 0, 50000, 150),
        2020: (20000, 1900, 18100, 31900, 150),
        2021: (10000, 800, 9200, 22700, 150),
    }
    assert colonnes.par_annee(2018, 7)[2018] == (0, 0, 0, 7, 0)


def test_colonnes_construites_directement_verifiees() -> None:
    """ColonnesTableau construit sur des lignes (un carnet, un calcul de masse) vérifie chaque
    montant au centime, par défaut."""
    with pytest.raises(ErreurValeur) as refus:
        ColonnesTableau([_premiere()._replace(capital_du=Decimal("500.001"))])
    assert refus.value.cle == "capital_du"
    assert ColonnesTableau([_premiere()]).capital_du == (50000,)
