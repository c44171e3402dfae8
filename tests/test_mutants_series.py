"""Séries datées (``donnees/_series.py``) : chaque règle vérifiée à sa borne, avec le message
français exact de chaque refus (tests écrits pour les mutants de ce module).

Les valeurs attendues se lisent sur les séries construites ici : une série en escalier vaut, un
jour donné, la dernière valeur publiée à ce jour."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from collectivites.donnees._series import (
    LIGNES_MAX_SERIE,
    ApresDerniere,
    PointSerie,
    SerieDatee,
    _borner,
    _taux_de_serie,
    avertissements_de_source,
    lecteur_de_paliers,
    lire_metadonnees,
    lire_serie_csv,
    serie_de_source,
)
from collectivites.erreurs import ErreurDonnees, ErreurDossier, ErreurType, ErreurValeur

D = dt.date
P = Decimal


def _serie(**options: object) -> SerieDatee:
    """Trois valeurs : 1 % au 01/01/2020, 2 % au 01/07/2020, 3 % au 01/01/2021."""
    points = (
        PointSerie(date_effet=D(2020, 1, 1), valeur=P("0.01"), source="a"),
        PointSerie(date_effet=D(2020, 7, 1), valeur=P("0.02"), source="b"),
        PointSerie(date_effet=D(2021, 1, 1), valeur=P("0.03"), source="c"),
    )
    return SerieDatee(nom="essai", points=points, **options)  # type: ignore[arg-type]


# --- lecteur_de_paliers -------------------------------------------------------------------


def test_lecteur_de_paliers_prend_palier_au_de_la_source() -> None:
    serie = _serie()
    lecteur = lecteur_de_paliers(serie)
    assert lecteur == serie.palier_au
    assert lecteur(D(2020, 3, 1)) == (P("0.01"), D(2020, 7, 1))


class _Greffon:
    """Un index sans ``palier_au`` (ou avec un attribut de ce nom qui n'est pas une méthode)."""

    palier_au = "pas une méthode"

    def valeur_au(self, jour: dt.date, /) -> Decimal:
        return P(jour.day) / 100

    def changements(self, debut: dt.date, fin: dt.date, /) -> tuple[dt.date, ...]:
        return ()


def test_lecteur_de_paliers_d_un_greffon_dure_un_jour() -> None:
    lecteur = lecteur_de_paliers(_Greffon())
    assert lecteur(D(2024, 3, 5)) == (P("0.05"), D(2024, 3, 6))
    veille = dt.date.max - dt.timedelta(days=1)
    assert lecteur(veille) == (P("0.30"), dt.date.max)
    # Le dernier jour du calendrier n'a pas de lendemain : le palier s'y arrête.
    assert lecteur(dt.date.max) == (P("0.31"), dt.date.max)


# --- construction -------------------------------------------------------------------------


def test_points_tries_par_date_depuis_une_liste() -> None:
    serie = SerieDatee(
        nom="essai",
        points=[  # type: ignore[arg-type]
            PointSerie(date_effet=D(2021, 1, 1), valeur=P("0.03")),
            PointSerie(date_effet=D(2020, 1, 1), valeur=P("0.01")),
        ],
    )
    assert [p.date_effet for p in serie.points] == [D(2020, 1, 1), D(2021, 1, 1)]
    assert isinstance(serie.points, tuple)
    assert serie.premiere_date == D(2020, 1, 1)
    assert serie.derniere_date == D(2021, 1, 1)
    assert serie.points[0].source == ""


@pytest.mark.parametrize(
    "points",
    [
        {PointSerie(date_effet=D(2020, 1, 1), valeur=P("0.01"))},
        (PointSerie(date_effet=D(2020, 1, 1), valeur=P("0.01")), (D(2020, 2, 1), P("0.02"))),
        "points",
    ],
    ids=["ensemble", "tuple-etranger", "texte"],
)
def test_points_qui_ne_sont_pas_des_points_refuses(points: object) -> None:
    with pytest.raises(ErreurValeur) as erreur:
        SerieDatee(nom="essai", points=points)  # type: ignore[arg-type]
    assert erreur.value.message == "une série est une suite de PointSerie"
    assert erreur.value.cle == "points"
    assert erreur.value.attendu == "des PointSerie"


def test_serie_vide_refusee() -> None:
    with pytest.raises(ErreurValeur) as erreur:
        SerieDatee(nom="vide", points=())
    assert str(erreur.value) == "clé « points » : la série « vide » est vide"


def test_deux_valeurs_a_la_meme_date_refusees() -> None:
    points = (
        PointSerie(date_effet=D(2020, 1, 1), valeur=P("0.01")),
        PointSerie(date_effet=D(2020, 2, 1), valeur=P("0.02")),
        PointSerie(date_effet=D(2020, 2, 1), valeur=P("0.03")),
    )
    with pytest.raises(ErreurValeur) as erreur:
        SerieDatee(nom="double", points=points)
    assert str(erreur.value) == (
        "clé « points » : la série « double » a deux valeurs à la même date (reçu : 2020-02-01)"
    )
    assert erreur.value.valeur == D(2020, 2, 1)


def test_confirmation_avant_la_premiere_valeur_refusee() -> None:
    with pytest.raises(ErreurValeur) as erreur:
        _serie(confirmee_au=D(2019, 12, 31))
    assert str(erreur.value) == (
        "clé « confirmee_au » : la série « essai » serait confirmée avant sa première valeur "
        "(reçu : 2019-12-31 ; attendu : une date à partir du 01/01/2020)"
    )
    # le jour même de la première valeur est permis
    assert _serie(confirmee_au=D(2020, 1, 1)).confirmee_au == D(2020, 1, 1)


def test_depuis_valeurs() -> None:
    serie = SerieDatee.depuis_valeurs(
        "mensuelle", {D(2020, 2, 1): P("0.02"), D(2020, 1, 1): P("0.01")}, source="BCE"
    )
    assert serie.nom == "mensuelle"
    assert serie.source == "BCE"
    assert [(p.date_effet, p.valeur, p.source) for p in serie.points] == [
        (D(2020, 1, 1), P("0.01"), "BCE"),
        (D(2020, 2, 1), P("0.02"), "BCE"),
    ]
    assert SerieDatee.depuis_valeurs("s", {D(2020, 1, 1): P(0)}).points[0].source == ""


def test_depuis_valeurs_refuse_une_liste() -> None:
    valeurs = [(D(2020, 1, 1), P("0.01"))]
    with pytest.raises(ErreurType) as erreur:
        SerieDatee.depuis_valeurs("s", valeurs)  # type: ignore[arg-type]
    assert erreur.value.message == "type refusé"
    assert erreur.value.cle == "valeurs"
    assert erreur.value.valeur is valeurs
    assert erreur.value.attendu == "{date: Decimal}"


# --- lecture à une date -------------------------------------------------------------------


def test_valeur_au_fil_des_dates() -> None:
    serie = _serie()
    assert serie.valeur_au(D(2020, 1, 1)) == P("0.01")
    assert serie.valeur_au(D(2020, 6, 30)) == P("0.01")
    assert serie.valeur_au(D(2020, 7, 1)) == P("0.02")
    assert serie.valeur_au(D(2030, 1, 1)) == P("0.03")  # reportée par défaut
    assert serie.point_au(D(2020, 12, 31)).source == "b"


def test_avant_la_premiere_valeur_refuse() -> None:
    with pytest.raises(ErreurDonnees) as erreur:
        _serie().valeur_au(D(2019, 12, 31))
    assert str(erreur.value) == (
        "la série « essai » commence le 01/01/2020 (reçu : 2019-12-31 ; attendu : une date à "
        "partir du 01/01/2020)"
    )


def test_serie_qui_refuse_d_extrapoler() -> None:
    serie = _serie(apres_derniere="refuser")
    assert serie.apres_derniere is ApresDerniere.REFUSER
    assert serie.valeur_au(D(2021, 1, 1)) == P("0.03")
    with pytest.raises(ErreurDonnees) as erreur:
        serie.valeur_au(D(2021, 1, 2))
    assert str(erreur.value) == (
        "la série « essai » s'arrête au 2021-01-01 et refuse d'extrapoler (reçu : 2021-01-02)"
    )
    # valable jusqu'à une date au-delà de la dernière valeur
    valable = _serie(apres_derniere="refuser", valable_jusqu_au=D(2021, 3, 31))
    assert valable.valeur_au(D(2021, 3, 31)) == P("0.03")
    with pytest.raises(ErreurDonnees, match=r"s'arrête au 2021-03-31 et refuse"):
        valable.valeur_au(D(2021, 4, 1))


def test_palier_au() -> None:
    serie = _serie()
    assert serie.palier_au(D(2020, 1, 1)) == (P("0.01"), D(2020, 7, 1))
    assert serie.palier_au(D(2020, 7, 1)) == (P("0.02"), D(2021, 1, 1))
    assert serie.palier_au(D(2021, 1, 1)) == (P("0.03"), None)
    assert serie.palier_au(D(2025, 1, 1)) == (P("0.03"), None)
    refus = _serie(apres_derniere="refuser")
    assert refus.palier_au(D(2021, 1, 1)) == (P("0.03"), D(2021, 1, 2))
    longue = _serie(apres_derniere="refuser", valable_jusqu_au=D(2021, 3, 31))
    assert longue.palier_au(D(2021, 2, 1)) == (P("0.03"), D(2021, 4, 1))
    infinie = _serie(apres_derniere="refuser", valable_jusqu_au=dt.date.max)
    assert infinie.palier_au(D(2021, 2, 1)) == (P("0.03"), None)
    with pytest.raises(ErreurDonnees, match="commence le 01/01/2020"):
        serie.palier_au(D(2019, 1, 1))


def test_valeur_exacte() -> None:
    serie = _serie()
    assert serie.valeur_exacte(D(2020, 7, 1)) == P("0.02")
    assert serie.valeur_exacte(D(2020, 1, 1)) == P("0.01")
    assert serie.valeur_exacte(D(2021, 1, 1)) == P("0.03")
    assert serie.valeur_exacte(D(2020, 7, 2)) is None
    assert serie.valeur_exacte(D(2019, 1, 1)) is None
    assert serie.valeur_exacte(D(2022, 1, 1)) is None


def test_changements_dans_un_intervalle_ouvert() -> None:
    serie = _serie()
    assert serie.changements(D(2020, 1, 1), D(2021, 1, 1)) == (D(2020, 7, 1),)
    assert serie.changements(D(2019, 1, 1), D(2021, 1, 2)) == (
        D(2020, 1, 1),
        D(2020, 7, 1),
        D(2021, 1, 1),
    )
    assert serie.changements(D(2020, 7, 1), D(2020, 12, 31)) == ()


# --- avertissements -----------------------------------------------------------------------


def test_avertissements_d_un_prolongement() -> None:
    serie = _serie(prolongee_par="/donnees/series/essai.csv", prolongee_depuis=D(2021, 1, 1))
    assert serie.avertissements(D(2020, 12, 31)) == ()
    assert serie.avertissements(D(2021, 1, 1)) == (
        "Série « essai » prolongée à partir du 01/01/2021 par le fichier utilisateur "
        "/donnees/series/essai.csv.",
    )
    # une date sans fichier, ou un fichier sans date : rien à dire
    assert _serie(prolongee_depuis=D(2021, 1, 1)).avertissements(D(2022, 1, 1)) == ()
    assert _serie(prolongee_par="f.csv").avertissements(D(2022, 1, 1)) == ()


def test_avertissements_au_dela_de_la_confirmation() -> None:
    # confirmée à la date de la dernière valeur : au-delà, elle est reportée
    serie = _serie(confirmee_au=D(2021, 1, 1))
    assert serie.avertissements(D(2021, 1, 1)) == ()
    assert serie.avertissements(D(2021, 6, 30)) == (
        "Série « essai » confirmée jusqu'au 01/01/2021 ; ce calcul l'utilise jusqu'au "
        "30/06/2021 : au-delà du 01/01/2021, il retient la dernière valeur publiée (3,00 %), "
        "reportée.",
    )
    # confirmée avant la dernière valeur : des valeurs publiées restent à confirmer
    avant = _serie(confirmee_au=D(2020, 7, 1))
    assert avant.avertissements(D(2021, 6, 30)) == (
        "Série « essai » confirmée jusqu'au 01/07/2020 ; ce calcul l'utilise jusqu'au "
        "30/06/2021 : au-delà du 01/07/2020, il retient des valeurs non confirmées à cette date.",
    )


def test_avertissements_gardes_pour_4096_dates_au_plus() -> None:
    serie = _serie(confirmee_au=D(2021, 1, 1))
    premier = serie.avertissements(D(2022, 1, 1))
    assert serie.avertissements(D(2022, 1, 1)) is premier  # relu, pas recalculé
    depart = D(2022, 1, 2)
    for jours in range(5000):
        serie.avertissements(depart + dt.timedelta(days=jours))
    assert len(serie._avertis) == 4096
    hors = depart + dt.timedelta(days=4999)
    assert serie.avertissements(hors) == serie.avertissements(hors)
    assert hors not in serie._avertis


class _Enveloppe:
    def __init__(self, source: object) -> None:
        self.source = source


class _Boucle:
    @property
    def source(self) -> object:
        return self


def test_serie_de_source() -> None:
    serie = _serie()
    assert serie_de_source(serie) is serie
    assert serie_de_source(_Enveloppe(_Enveloppe(serie))) is serie
    assert serie_de_source(_Enveloppe(None)) is None
    assert serie_de_source(_Boucle()) is None
    assert serie_de_source(_Greffon()) is None


def test_avertissements_de_source() -> None:
    serie = _serie(confirmee_au=D(2020, 7, 1))
    attendu = serie.avertissements(D(2021, 6, 30))
    assert len(attendu) == 1
    assert avertissements_de_source(_Enveloppe(serie), D(2021, 6, 30)) == attendu
    assert avertissements_de_source(_Greffon(), D(2021, 6, 30)) == ()


# --- bornes et lecture d'un CSV -----------------------------------------------------------


@pytest.mark.parametrize(
    ("texte", "attendu"),
    [("-10 %", P("-0.1")), ("30 %", P("0.3")), ("0 %", P(0)), ("3,5 %", P("0.035"))],
)
def test_taux_de_serie_dans_les_bornes(texte: str, attendu: Decimal) -> None:
    assert _taux_de_serie(texte) == attendu


@pytest.mark.parametrize("texte", ["-10,01 %", "30,01 %", "300 %"])
def test_taux_de_serie_hors_des_bornes(texte: str) -> None:
    with pytest.raises(ErreurValeur) as erreur:
        _taux_de_serie(texte)
    assert erreur.value.message == "valeur hors des bornes d'une série de taux"
    assert erreur.value.valeur == texte
    assert erreur.value.attendu == "de −10 % à 30 %"


def test_borne_du_nombre_de_lignes() -> None:
    assert LIGNES_MAX_SERIE == 50_000
    _borner("a\n" * 50_000, "f.csv")
    _borner("a\n" * 49_999 + "a", "f.csv")
    _borner("a\r" * 50_000, "f.csv")
    _borner("a\r\n" * 50_000, "f.csv")
    for texte, lignes in [
        ("a\n" * 50_001, 50_001),
        ("a\n" * 50_000 + "a", 50_001),
        ("a\r" * 50_001, 50_001),
        ("a\r\n" * 50_000 + "a", 50_001),
    ]:
        with pytest.raises(ErreurDossier) as erreur:
            _borner(texte, "f.csv")
        assert str(erreur.value) == (
            f"fichier « f.csv » : série trop longue ({lignes} lignes) (attendu : au plus 50000 "
            "lignes (un siècle de valeurs quotidiennes en compte 36 525))"
        )


def test_lire_serie_csv_trop_longue_refusee_avant_lecture() -> None:
    texte = "date,valeur\n" + "pas une date,x\n" * 50_000
    with pytest.raises(ErreurDossier, match=r"série trop longue \(50001 lignes\)") as erreur:
        lire_serie_csv(texte, nom="s", fichier="f.csv")
    assert erreur.value.fichier == "f.csv"


def test_erreur_de_lecture_du_csv_situee_dans_son_fichier() -> None:
    with pytest.raises(ErreurDossier) as erreur:
        lire_serie_csv("date,date,valeur\n2024-01-01,2024-01-01,1 %\n", nom="s", fichier="f.csv")
    assert str(erreur.value) == "fichier « f.csv », ligne 1 : colonne en double (reçu : 'date')"


def test_lire_metadonnees() -> None:
    texte = (
        "\ufeff# Provenance : arrêtés\n"
        "#  confirmee_au :  2024-06-30  \n"
        "#reference_officielle:BCE FM.B.U2.EUR.4F.KR.MRR_FR.LEV\n"
        "# periodicite: mensuelle\n"
        "# inconnue: x\n"
        "date,valeur\n"
        "# confirmee_au: 2030-01-01\n"
    )
    assert lire_metadonnees(texte) == {
        "confirmee_au": "2024-06-30",
        "reference_officielle": "BCE FM.B.U2.EUR.4F.KR.MRR_FR.LEV",
        "periodicite": "mensuelle",
    }
    assert lire_metadonnees("date,valeur\n") == {}
    # seule une marque d'ordre d'octets (BOM) est retirée avant la première ligne
    assert lire_metadonnees("X# periodicite: mensuelle\n") == {}
    assert lire_metadonnees("\ufeff# periodicite: mensuelle\n") == {"periodicite": "mensuelle"}


def test_lire_serie_csv_complete() -> None:
    texte = (
        "# confirmee_au: 2024-08-01\n"
        "# reference_officielle: série Banque de France MIR1\n"
        "date;valeur;source\n"
        "2024-02-01;3 %;Arrêté A\n"
        "01/08/2024;2,4 %;\n"
    )
    serie = lire_serie_csv(texte, nom="livret", fichier="livret.csv")
    assert serie.nom == "livret"
    assert serie.source == "livret.csv"
    assert serie.confirmee_au == D(2024, 8, 1)
    assert serie.reference_officielle == "série Banque de France MIR1"
    assert serie.apres_derniere is ApresDerniere.REPORTER
    assert serie.points == (
        PointSerie(date_effet=D(2024, 2, 1), valeur=P("0.03"), source="Arrêté A"),
        PointSerie(date_effet=D(2024, 8, 1), valeur=P("0.024"), source=""),
    )


def test_lire_serie_csv_sans_fichier_ni_metadonnees() -> None:
    serie = lire_serie_csv("date_effet,taux_pct\n2024-02-01,3\n", nom="s", apres_derniere="refuser")
    assert serie.source == ""
    assert serie.confirmee_au is None
    assert serie.reference_officielle == ""
    assert serie.apres_derniere is ApresDerniere.REFUSER
    assert serie.points == (PointSerie(date_effet=D(2024, 2, 1), valeur=P("0.03")),)


def test_colonnes_reconnues_dans_l_ordre() -> None:
    # « date » passe avant « date_effet » et « mois », « valeur » avant « taux_pct »
    texte = "mois,date_effet,date,taux_pct,valeur\n2024-03,2024-04-01,2024-05-06,7,1 %\n"
    serie = lire_serie_csv(texte, nom="s")
    assert serie.points[0].date_effet == D(2024, 5, 6)
    assert serie.points[0].valeur == P("0.01")
    texte = "mois,date_effet,taux_pct\n2024-03,2024-04-01,7\n"
    assert lire_serie_csv(texte, nom="s").points[0].date_effet == D(2024, 4, 1)
    assert lire_serie_csv(texte, nom="s").points[0].valeur == P("0.07")


def test_colonne_mois_et_serie_mensuelle() -> None:
    serie = lire_serie_csv("mois,valeur\n2024-03,1 %\n", nom="s")
    assert serie.points[0].date_effet == D(2024, 3, 1)
    serie = lire_serie_csv("date,valeur\n2024-03,1 %\n", nom="s", mensuelle=True)
    assert serie.points[0].date_effet == D(2024, 3, 1)
    with pytest.raises(ErreurDossier) as erreur:
        lire_serie_csv("date,valeur\n2024-03,1 %\n", nom="s", fichier="f.csv")
    assert erreur.value.message == "date illisible"
    assert erreur.value.ligne == 2
    assert erreur.value.cle == "date"


def test_colonnes_nommees() -> None:
    texte = "jour,particuliers_pct,autres_pct\n2024-01-01,8,5\n"
    serie = lire_serie_csv(texte, nom="s", colonne_date="jour", colonne_valeur="autres_pct")
    assert serie.points[0].valeur == P("0.05")
    with pytest.raises(ErreurDossier) as erreur:
        lire_serie_csv(texte, nom="s", colonne_date="jour", colonne_valeur="taux")
    assert erreur.value.message == "colonnes attendues absentes"
    assert erreur.value.valeur == "jour,particuliers_pct,autres_pct"
    assert erreur.value.attendu == "jour,taux (et source)"


@pytest.mark.parametrize(
    ("texte", "options", "valeur"),
    [
        ("jour,valeur\n2024-01-01,1 %\n", {}, "jour,valeur"),
        ("date,taux\n2024-01-01,1 %\n", {}, "date,taux"),
        ("jour,valeur\n2024-01-01,1 %\n", {"colonne_date": "jour", "colonne_valeur": "v"}, None),
        ("jour,valeur\n2024-01-01,1 %\n", {"colonne_valeur": "valeur"}, "jour,valeur"),
    ],
    ids=["sans-date", "sans-valeur", "nommees", "date-non-nommee"],
)
def test_colonnes_absentes(texte: str, options: dict[str, str], valeur: str | None) -> None:
    with pytest.raises(ErreurDossier) as erreur:
        lire_serie_csv(texte, nom="s", fichier="f.csv", **options)  # type: ignore[arg-type]
    assert erreur.value.message == "colonnes attendues absentes"
    assert erreur.value.fichier == "f.csv"
    if valeur is not None:
        assert erreur.value.valeur == valeur
        assert erreur.value.attendu == "date,valeur (et source, facultative)"
    else:
        assert erreur.value.attendu == "jour,v (et source)"


def test_valeur_vide_ou_hors_bornes() -> None:
    with pytest.raises(ErreurDossier) as erreur:
        lire_serie_csv("date,taux_pct\n2024-01-01,3\n2024-02-01,\n", nom="s", fichier="f.csv")
    assert erreur.value.message == "pourcentage illisible"
    assert erreur.value.valeur == " %"
    assert erreur.value.ligne == 3
    assert erreur.value.cle == "taux_pct"
    with pytest.raises(ErreurDossier) as erreur:
        lire_serie_csv("date,valeur\n2024-01-01,\n", nom="s", fichier="f.csv")
    assert erreur.value.message == "pourcentage illisible"
    assert erreur.value.valeur == ""
    with pytest.raises(ErreurDossier) as erreur:
        lire_serie_csv("date,taux_pct\n2024-01-01,31\n", nom="s", fichier="f.csv")
    assert str(erreur.value) == (
        "fichier « f.csv », ligne 2, clé « taux_pct » : valeur hors des bornes d'une série de "
        "taux (reçu : '31 %' ; attendu : de −10 % à 30 %)"
    )


def test_serie_sans_valeur_refusee() -> None:
    with pytest.raises(ErreurDossier) as erreur:
        lire_serie_csv("# rien\ndate,valeur\n", nom="s", fichier="f.csv")
    assert str(erreur.value) == "fichier « f.csv » : la série ne contient aucune valeur"


def test_doublon_situe_a_sa_derniere_ligne() -> None:
    texte = (
        "# provenance\n"
        "date,valeur\n"
        "2024-01-01,1 %\n"
        "2024-02-01,2 %\n"
        "2024-03-01,3 %\n"
        "01/02/2024,4 %\n"
    )
    with pytest.raises(ErreurDossier) as erreur:
        lire_serie_csv(texte, nom="s", fichier="f.csv")
    assert str(erreur.value) == (
        "fichier « f.csv », ligne 6 : la série « s » a deux valeurs à la même date "
        "(reçu : 2024-02-01)"
    )


def test_confirmation_illisible_ou_trop_tot() -> None:
    """Le refus garde la clé « confirmee_au » et ce qui était attendu (ils étaient perdus : le
    refus, levé dans le « try » qui situe un doublon, y était réécrit sans eux)."""
    texte = "# confirmee_au: 31/12/2024\ndate,valeur\n2024-01-01,1 %\n"
    with pytest.raises(ErreurDossier) as erreur:
        lire_serie_csv(texte, nom="s", fichier="f.csv")
    assert str(erreur.value) == (
        "fichier « f.csv », clé « confirmee_au » : date de confirmation illisible "
        "(reçu : '31/12/2024' ; attendu : une date AAAA-MM-JJ)"
    )
    texte = "# confirmee_au: 2023-12-31\ndate,valeur\n2024-01-01,1 %\n"
    with pytest.raises(ErreurDossier) as erreur:
        lire_serie_csv(texte, nom="s", fichier="f.csv")
    assert str(erreur.value) == (
        "fichier « f.csv », clé « confirmee_au » : la série « s » serait confirmée avant sa "
        "première valeur (reçu : 2023-12-31 ; attendu : une date à partir du 01/01/2024)"
    )
    assert erreur.value.ligne is None


def test_reference_officielle_trop_longue() -> None:
    texte = f"# reference_officielle: {'x' * 501}\ndate,valeur\n2024-01-01,1 %\n"
    with pytest.raises(ErreurDossier) as erreur:
        lire_serie_csv(texte, nom="s", fichier="f.csv")
    assert erreur.value.message == "texte trop long"
    assert erreur.value.cle == "reference_officielle"
    assert erreur.value.valeur == "x" * 501
    assert erreur.value.attendu == "au plus 500 caractères"
    assert erreur.value.ligne is None
    texte = f"# reference_officielle: {'x' * 500}\ndate,valeur\n2024-01-01,1 %\n"
    assert lire_serie_csv(texte, nom="s").reference_officielle == "x" * 500
