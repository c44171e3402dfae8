"""Barèmes REP comme données (``regles/rep/_bareme``) pris au mot : critères comparés à leur
seuil, au seuil même et de part et d'autre ; bornes des champs à la borne et juste au-delà ;
chaque refus avec son message, sa clé, sa valeur et son attendu exacts ; période de vigueur
semi-ouverte ``[debut, fin)`` (``fin`` est le lendemain du dernier jour) et texte en vigueur un
jour donné.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from collectivites.erreurs import ABSENT, ErreurCollectivites, ErreurDonnees, ErreurValeur
from collectivites.regles.delais import Duree
from collectivites.regles.rep import (
    Bareme,
    Comparaison,
    Critere,
    EtapeCalendrier,
    Indicateur,
    NaturePenalite,
    Penalite,
    Ponderation,
    TarifTonne,
    TexteBareme,
    Typologie,
)

DEBUT = dt.date(2021, 1, 1)


def _refus(
    erreur: pytest.ExceptionInfo[ErreurCollectivites],
    message: str,
    cle: str,
    valeur: object = ABSENT,
    attendu: str | None = None,
) -> None:
    recu = erreur.value
    assert recu.message == message
    assert recu.cle == cle
    if valeur is ABSENT:
        assert recu.valeur is ABSENT
    else:
        assert recu.valeur == valeur
        assert type(recu.valeur) is type(valeur)
    assert recu.attendu == attendu


def _typologie(code: str = "t1", **changements: object) -> Typologie:
    valeurs: dict[str, object] = {"code": code, "libelle": f"typologie {code}", "taux": 1}
    valeurs.update(changements)
    return Typologie(**valeurs)  # type: ignore[arg-type]


def _tarif(code: str = "verre") -> TarifTonne:
    return TarifTonne(code=code, libelle=code, taux=Decimal("12.50"))


def _penalite(code: str = "retard") -> Penalite:
    return Penalite(code=code, libelle=code, nature="par_unite", montant=Decimal(10))


def _etape(libelle: str, depart: str, code: str = "") -> EtapeCalendrier:
    return EtapeCalendrier(
        libelle=libelle,
        code=code,
        delai=Duree(quantite=30, unite="jours"),
        depart=depart,
        sens="apres",
    )


def _bareme(**changements: object) -> Bareme:
    valeurs: dict[str, object] = {
        "code": "alcome-2021",
        "nom": "ALCOME",
        "debut": DEBUT,
        "reference": "arrêté du 5 mars 2021",
        "assiette": "habitants",
        "typologies": (_typologie(),),
    }
    valeurs.update(changements)
    return Bareme(**valeurs)  # type: ignore[arg-type]


# --- critères -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("comparaison", "dessous", "au_seuil", "dessus"),
    [
        (">", False, False, True),
        (">=", False, True, True),
        ("<", True, False, False),
        ("<=", True, True, False),
    ],
)
def test_critere_au_seuil_et_de_part_et_d_autre(
    comparaison: str, dessous: bool, au_seuil: bool, dessus: bool
) -> None:
    critere = Critere(
        indicateur="lits_touristiques_par_habitant",
        comparaison=comparaison,
        seuil=Decimal("1.5"),
    )
    assert critere.est_rempli(Decimal("1.4999")) is dessous
    assert critere.est_rempli(Decimal("1.5")) is au_seuil
    assert critere.est_rempli(Decimal("1.5001")) is dessus


@pytest.mark.parametrize(
    ("indicateur", "comparaison", "seuil", "description"),
    [
        (
            "lits_touristiques_par_habitant",
            ">",
            "1.5",
            "lits touristiques par habitant supérieur à 1.5",
        ),
        ("population", "<", "3500", "population permanente inférieur à 3500"),
        ("taux_residences_secondaires", ">=", "0.2", "taux de résidences secondaires au moins 0.2"),
        ("commerces_pour_1000_habitants", "<=", "2", "commerces pour 1 000 habitants au plus 2"),
    ],
)
def test_description_d_un_critere(
    indicateur: str, comparaison: str, seuil: str, description: str
) -> None:
    critere = Critere(
        indicateur=indicateur,
        comparaison=comparaison,
        seuil=Decimal(seuil),
    )
    assert critere.description == description
    assert critere.indicateur is Indicateur(indicateur)
    assert critere.comparaison is Comparaison(comparaison)
    avec_libelle = Critere(
        indicateur=indicateur,
        comparaison=comparaison,
        seuil=Decimal(seuil),
        libelle="commune touristique",
    )
    assert avec_libelle.description == "commune touristique"


def test_seuil_entier_converti() -> None:
    critere = Critere(indicateur="population", comparaison=">", seuil=3500)
    assert critere.seuil == Decimal(3500)
    assert type(critere.seuil) is Decimal


# --- typologies, pondérations, tarifs, pénalités -------------------------------------------------


def test_typologie_par_criteres() -> None:
    assert _typologie().par_criteres is False
    critere = Critere(indicateur="population", comparaison=">", seuil=1)
    assert _typologie(criteres=[critere]).par_criteres is True


def test_bornes_d_une_typologie() -> None:
    typologie = _typologie(taux=0, population_min=0, population_max=1)
    assert (typologie.taux, typologie.population_min, typologie.population_max) == (
        Decimal(0),
        0,
        1,
    )
    with pytest.raises(ErreurValeur) as erreur:
        _typologie(taux=Decimal("-0.01"))
    _refus(erreur, "valeur hors des bornes", "taux", Decimal("-0.01"), "≥ 0")
    with pytest.raises(ErreurValeur) as erreur:
        _typologie(population_min=-1)
    _refus(erreur, "valeur hors des bornes", "population_min", -1, "≥ 0")
    with pytest.raises(ErreurValeur) as erreur:
        _typologie(population_max=0)
    _refus(erreur, "valeur hors des bornes", "population_max", 0, "≥ 1")


@pytest.mark.parametrize(("annee", "coefficient"), [(1900, "0"), (2199, "10")])
def test_ponderation_aux_bornes(annee: int, coefficient: str) -> None:
    ponderation = Ponderation(annee=annee, coefficient=Decimal(coefficient))
    assert (ponderation.annee, ponderation.coefficient) == (annee, Decimal(coefficient))


@pytest.mark.parametrize(
    ("annee", "attendu"), [(1899, "≥ 1900 et ≤ 2199"), (2200, "≥ 1900 et ≤ 2199")]
)
def test_annee_d_une_ponderation_au_dela(annee: int, attendu: str) -> None:
    with pytest.raises(ErreurValeur) as erreur:
        Ponderation(annee=annee, coefficient=Decimal(1))
    _refus(erreur, "valeur hors des bornes", "annee", annee, attendu)


@pytest.mark.parametrize("coefficient", [Decimal("-0.0001"), Decimal("10.0001")])
def test_coefficient_d_une_ponderation_au_dela(coefficient: Decimal) -> None:
    with pytest.raises(ErreurValeur) as erreur:
        Ponderation(annee=2021, coefficient=coefficient)
    _refus(erreur, "valeur hors des bornes", "coefficient", coefficient, "≥ 0 et ≤ 10")


def test_penalite_par_unite() -> None:
    penalite = Penalite(code="retard", libelle="Retard", nature="par_unite", montant=0)
    assert (penalite.nature, penalite.montant, penalite.taux) == (
        NaturePenalite.PAR_UNITE,
        Decimal(0),
        None,
    )
    with pytest.raises(ErreurValeur) as erreur:
        Penalite(code="retard", libelle="Retard", nature="par_unite", taux=Decimal("0.1"))
    _refus(erreur, "pénalité « retard » : montant requis", "montant")


def test_penalite_en_part_du_brut() -> None:
    for taux in (Decimal(0), Decimal(1)):
        penalite = Penalite(code="ecart", libelle="Écart", nature="part_du_brut", taux=taux)
        assert (penalite.nature, penalite.taux, penalite.montant) == (
            NaturePenalite.PART_DU_BRUT,
            taux,
            None,
        )
    with pytest.raises(ErreurValeur) as erreur:
        Penalite(code="ecart", libelle="Écart", nature="part_du_brut", montant=Decimal(5))
    _refus(erreur, "pénalité « ecart » : taux requis", "taux")
    with pytest.raises(ErreurValeur) as erreur:
        Penalite(code="ecart", libelle="Écart", nature="part_du_brut", taux=Decimal("1.0001"))
    _refus(erreur, "valeur hors des bornes", "taux", Decimal("1.0001"), "≥ 0 et ≤ 1")


# --- dates annuelles (MM-JJ) ---------------------------------------------------------------------


@pytest.mark.parametrize("jour", [None, "03-31", "02-29", "12-31", "01-01", "3-5"])
def test_date_annuelle_lisible(jour: str | None) -> None:
    bareme = _bareme(echeance_du=jour, echeance_au=jour)
    assert (bareme.echeance_du, bareme.echeance_au) == (jour, jour)


@pytest.mark.parametrize("cle", ["echeance_du", "echeance_au"])
@pytest.mark.parametrize(
    "jour", ["02-30", "13-01", "00-10", "04-31", "0331", "03-31-01", "mars-31", "", 331]
)
def test_date_annuelle_illisible(cle: str, jour: object) -> None:
    with pytest.raises(ErreurValeur) as erreur:
        _bareme(**{cle: jour})
    _refus(erreur, "date annuelle illisible", cle, jour, "MM-JJ")
    assert erreur.value.__suppress_context__ is True


# --- barème : cohérence --------------------------------------------------------------------------


def test_bareme_par_defaut() -> None:
    bareme = _bareme()
    assert bareme.fin is None
    assert bareme.dernier_jour is None
    assert (bareme.textes, bareme.calendrier, bareme.penalites) == ((), (), ())


@pytest.mark.parametrize("fin", [DEBUT, dt.date(2020, 12, 31)])
def test_fin_au_plus_tard_le_debut(fin: dt.date) -> None:
    with pytest.raises(ErreurValeur) as erreur:
        _bareme(fin=fin)
    _refus(erreur, "la fin de vigueur précède le début", "fin", fin, "après le 2021-01-01")


def test_vigueur_d_un_jour() -> None:
    bareme = _bareme(fin=dt.date(2021, 1, 2))
    assert bareme.dernier_jour == DEBUT
    assert [bareme.en_vigueur(a) for a in (2020, 2021, 2022)] == [False, True, False]


@pytest.mark.parametrize(
    ("debut", "fin", "dernier", "annees"),
    [
        (DEBUT, dt.date(2022, 1, 1), dt.date(2021, 12, 31), {2021}),
        (dt.date(2021, 7, 1), dt.date(2023, 1, 2), dt.date(2023, 1, 1), {2021, 2022, 2023}),
        (dt.date(2021, 12, 31), dt.date(2022, 1, 1), dt.date(2021, 12, 31), {2021}),
        (dt.date(2021, 12, 31), None, None, {2021, 2022, 2023, 2024, 2025}),
    ],
)
def test_annees_en_vigueur(
    debut: dt.date, fin: dt.date | None, dernier: dt.date | None, annees: set[int]
) -> None:
    bareme = _bareme(debut=debut, fin=fin)
    assert bareme.dernier_jour == dernier
    assert {a for a in range(2019, 2026) if bareme.en_vigueur(a)} == annees


def test_texte_en_vigueur_un_jour() -> None:
    """Arrêté A1 sur [2021-01-01, 2021-06-01), rien en juin, A2 à partir du 1er juillet."""
    bareme = _bareme(
        textes=[
            TexteBareme(debut=DEBUT, fin=dt.date(2021, 6, 1), reference="A1"),
            TexteBareme(debut=dt.date(2021, 7, 1), reference="A2"),
        ]
    )
    jours = {
        dt.date(2020, 12, 31): "arrêté du 5 mars 2021",
        DEBUT: "A1",
        dt.date(2021, 5, 31): "A1",
        dt.date(2021, 6, 1): "arrêté du 5 mars 2021",
        dt.date(2021, 6, 30): "arrêté du 5 mars 2021",
        dt.date(2021, 7, 1): "A2",
        dt.date(2040, 1, 1): "A2",
    }
    assert {jour: bareme.texte_au(jour) for jour in jours} == jours
    assert _bareme().texte_au(DEBUT) == "arrêté du 5 mars 2021"


def test_calendrier_qui_part_de_l_echeance_ou_d_une_etape() -> None:
    """Une étape peut partir d'une étape écrite après elle."""
    etapes = [
        _etape("versement", "avis", code="versement"),
        _etape("avis", "echeance", code="avis"),
        _etape("relance", "versement"),
    ]
    assert [e.libelle for e in _bareme(calendrier=etapes).calendrier] == [
        "versement",
        "avis",
        "relance",
    ]


@pytest.mark.parametrize("depart", ["relance", "Echeance", "avis "])
def test_calendrier_qui_part_d_une_etape_inconnue(depart: str) -> None:
    """« relance » n'a pas de code : on ne peut pas en partir."""
    etapes = [
        _etape("avis", "echeance", code="avis"),
        _etape("relance", "avis"),
        _etape("x", depart),
    ]
    with pytest.raises(ErreurValeur) as erreur:
        _bareme(calendrier=etapes)
    _refus(
        erreur,
        "l'étape « x » part d'une étape inconnue",
        "calendrier",
        depart,
        "echeance ou le code d'une étape",
    )


def test_assiette_sans_typologie_ou_sans_tarif() -> None:
    with pytest.raises(ErreurValeur) as erreur:
        _bareme(typologies=(), tarifs_tonne=[_tarif()])
    _refus(erreur, "barème « alcome-2021 » : aucune typologie", "typologies")
    with pytest.raises(ErreurValeur) as erreur:
        _bareme(assiette="tonnes", typologies=[_typologie()])
    _refus(erreur, "barème « alcome-2021 » : aucun tarif par tonne", "tarifs_tonne")
    assert _bareme(assiette="tonnes", typologies=(), tarifs_tonne=[_tarif()]).tarifs_tonne == (
        _tarif(),
    )


@pytest.mark.parametrize(
    ("cle", "champs"),
    [
        ("typologies", {"typologies": [_typologie(c) for c in ("b", "a", "b", "c", "a", "d")]}),
        (
            "tarifs_tonne",
            {"assiette": "tonnes", "tarifs_tonne": [_tarif(c) for c in ("b", "a", "b", "a", "c")]},
        ),
        ("penalites", {"penalites": [_penalite(c) for c in ("a", "b", "c", "b", "a")]}),
    ],
)
def test_codes_en_double(cle: str, champs: dict[str, object]) -> None:
    with pytest.raises(ErreurValeur) as erreur:
        _bareme(**champs)
    _refus(erreur, "code en double", cle, "a, b")


def test_codes_distincts() -> None:
    bareme = _bareme(
        typologies=[_typologie("a"), _typologie("b")],
        tarifs_tonne=[_tarif("a"), _tarif("b")],
        penalites=[_penalite("a"), _penalite("b")],
    )
    assert [t.code for t in bareme.typologies] == ["a", "b"]


def test_ponderations() -> None:
    bareme = _bareme(
        ponderations=[
            Ponderation(annee=2021, coefficient=Decimal("0.5")),
            Ponderation(annee=2022, coefficient=Decimal("0.75")),
        ]
    )
    assert bareme.ponderation(2021) == Ponderation(annee=2021, coefficient=Decimal("0.5"))
    assert bareme.ponderation(2022) == Ponderation(annee=2022, coefficient=Decimal("0.75"))
    assert bareme.ponderation(2023) is None
    with pytest.raises(ErreurValeur) as erreur:
        _bareme(
            ponderations=[
                Ponderation(annee=2021, coefficient=Decimal("0.5")),
                Ponderation(annee=2022, coefficient=Decimal("0.75")),
                Ponderation(annee=2021, coefficient=Decimal(1)),
            ]
        )
    _refus(erreur, "pondération donnée deux fois pour une année", "ponderations")


def test_autres_parametres() -> None:
    bareme = _bareme(autres=(("taux_legal", Decimal("0.0312")), ("zero", 0)))
    assert bareme.autre("taux_legal") == Decimal("0.0312")
    assert bareme.autre("zero") == 0
    with pytest.raises(ErreurDonnees) as erreur:
        bareme.autre("inconnu")
    _refus(erreur, "le barème « alcome-2021 » ne fixe pas ce paramètre", "inconnu")


def test_plafond_des_penalites_aux_bornes() -> None:
    for plafond in (Decimal(0), Decimal(1)):
        assert _bareme(plafond_penalites=plafond).plafond_penalites == plafond
    with pytest.raises(ErreurValeur) as erreur:
        _bareme(plafond_penalites=Decimal("1.01"))
    _refus(erreur, "valeur hors des bornes", "plafond_penalites", Decimal("1.01"), "≥ 0 et ≤ 1")
