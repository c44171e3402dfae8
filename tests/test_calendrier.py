"""Calendrier légal : jours fériés par zone, jours ouvrés et ouvrables, ajustements."""

from __future__ import annotations

import datetime as dt

import holidays
import pytest
from hypothesis import given
from hypothesis import strategies as st

from collectivites.calendrier import (
    ajouter_jours_ouvrables,
    ajouter_jours_ouvres,
    ajuster,
    est_ferie,
    est_jour_ouvrable,
    est_jour_ouvre,
    jours_feries,
    liste_feries,
    normaliser_zone,
)
from collectivites.erreurs import ErreurDonnees, ErreurValeur

from .strategies import dates_usuelles, zones

D = dt.date


def test_onze_fetes_legales_2024() -> None:
    """C. trav. art. L3133-1 : onze jours fériés en métropole."""
    assert [(j.date, j.code) for j in jours_feries(2024)] == [
        (D(2024, 1, 1), "jour_an"),
        (D(2024, 4, 1), "lundi_paques"),
        (D(2024, 5, 1), "fete_travail"),
        (D(2024, 5, 8), "victoire_1945"),
        (D(2024, 5, 9), "ascension"),
        (D(2024, 5, 20), "lundi_pentecote"),
        (D(2024, 7, 14), "fete_nationale"),
        (D(2024, 8, 15), "assomption"),
        (D(2024, 11, 1), "toussaint"),
        (D(2024, 11, 11), "armistice"),
        (D(2024, 12, 25), "noel"),
    ]
    assert all(j.reference for j in jours_feries(2024))


def test_alsace_moselle() -> None:
    dates = {j.date for j in jours_feries(2024, "alsace-moselle")}
    assert D(2024, 3, 29) in dates  # Vendredi saint
    assert D(2024, 12, 26) in dates
    assert len(dates) == 13
    assert normaliser_zone("57") == normaliser_zone("Bas-Rhin") == "alsace-moselle"


@pytest.mark.parametrize(
    ("zone", "jour"),
    [
        ("971", D(2024, 5, 27)),
        ("guadeloupe", D(2024, 5, 27)),
        ("972", D(2024, 5, 22)),
        ("973", D(2024, 6, 10)),
        ("974", D(2024, 12, 20)),
        ("La Réunion", D(2024, 12, 20)),
        ("976", D(2024, 4, 27)),
        ("977", D(2024, 10, 9)),
        ("978", D(2024, 5, 27)),  # C. trav. L3422-2, 3° : le 27 mai, pas le 28
        ("978", D(2015, 5, 27)),
        ("MF", D(2024, 5, 27)),
        ("GP", D(2024, 5, 27)),
        ("MQ", D(2024, 5, 22)),
        ("GF", D(2024, 6, 10)),
        ("RE", D(2024, 12, 20)),
        ("YT", D(2024, 4, 27)),
        ("BL", D(2024, 10, 9)),
        ("977", D(2005, 5, 27)),  # commune de la Guadeloupe jusqu'au 15 juillet 2007
    ],
)
def test_abolition_de_l_esclavage(zone: str, jour: dt.date) -> None:
    assert est_ferie(jour, zone)
    assert not est_ferie(jour, "metropole")


def test_historique() -> None:
    # 8 mai : 1953-1959 puis depuis 1982 (loi n° 81-893).
    assert not est_ferie(D(1976, 5, 8))  # (en 1975, le 8 mai était le jeudi de l'Ascension)
    assert est_ferie(D(1982, 5, 8))
    # Lundi de Pentecôte 2005-2007 : reste férié (voir la documentation).
    assert est_ferie(D(2005, 5, 16))
    assert est_ferie(D(2006, 6, 5))
    assert est_ferie(D(2007, 5, 28))
    # Saint-Martin : le 27 mai (C. trav. L3422-2, 3°) ; le 28 mai, usage local depuis 2018,
    # seulement sur demande.
    assert est_ferie(D(2017, 5, 27), "978") and not est_ferie(D(2017, 5, 28), "978")
    assert est_ferie(D(2018, 5, 27), "978") and not est_ferie(D(2018, 5, 28), "978")
    locaux = {j.date: j for j in jours_feries(2024, "978", inclure_chomes_locaux=True)}
    assert locaux[D(2024, 5, 28)].categorie == "chome_local"
    assert "L3422-2, 3°" in locaux[D(2024, 5, 27)].reference
    # Fête du Travail : loi n° 47-778 du 30 avril 1947 (et, pour 1946 seulement, loi n° 46-828).
    assert not est_ferie(D(1938, 5, 1))  # dimanche ; aucun texte ne le rendait férié
    assert est_ferie(D(1946, 5, 1)) and est_ferie(D(1947, 5, 1))


def test_alsace_moselle_sans_vendredi_saint() -> None:
    """C. trav. L3134-13 : le Vendredi saint n'est férié que dans les communes ayant un temple
    protestant ou une église mixte."""
    avec = {j.code for j in jours_feries(2024, "alsace-moselle")}
    sans = {j.code for j in jours_feries(2024, "alsace-moselle-sans-vendredi-saint")}
    assert avec - sans == {"vendredi_saint"}
    assert "saint_etienne" in sans
    doc = liste_feries(2024, "alsace-moselle-sans-vendredi-saint").decrire()
    assert any("variante sans Vendredi saint" in h for h in doc.hypotheses)
    assert any("temple protestant" in h for h in liste_feries(2024, "67").decrire().hypotheses)


@pytest.mark.parametrize(
    ("saisie", "zone"),
    [
        ("GP", "971"),
        ("mq", "972"),
        ("GF", "973"),
        ("RE", "974"),
        ("PM", "975"),
        ("Saint-Pierre-et-Miquelon", "975"),
        ("YT", "976"),
        ("BL", "977"),
        ("MF", "978"),
        ("75", "metropole"),
        ("01", "metropole"),
        ("2A", "metropole"),
        ("2b", "metropole"),
        ("57", "alsace-moselle"),
        ("67", "alsace-moselle"),
        ("68", "alsace-moselle"),
    ],
)
def test_codes_de_zone_usuels(saisie: str, zone: str) -> None:
    assert normaliser_zone(saisie) == zone


def test_saint_pierre_et_miquelon_fetes_legales_seules() -> None:
    assert [j.code for j in jours_feries(2024, "975")] == [
        j.code for j in jours_feries(2024, "metropole")
    ]


@pytest.mark.parametrize("saisie", ["957", "99", "979", "2C", "0", "100"])
def test_numero_inconnu_sans_suggestion_trompeuse(saisie: str) -> None:
    with pytest.raises(ErreurDonnees, match="code de département ou de territoire inconnu") as exc:
        normaliser_zone(saisie)
    assert "vouliez-vous dire" not in str(exc.value)


@pytest.mark.parametrize("saisie", ["987", "NC", "Wallis-et-Futuna"])
def test_territoires_hors_du_code_du_travail(saisie: str) -> None:
    with pytest.raises(ErreurDonnees, match="hors du champ"):
        normaliser_zone(saisie)


def test_chomes_locaux_sur_demande() -> None:
    sans = {j.code for j in jours_feries(2024, "971")}
    avec = {j.code for j in jours_feries(2024, "971", inclure_chomes_locaux=True)}
    assert avec - sans == {"vendredi_saint_local", "mi_careme", "victor_schoelcher"}


def test_zone_inconnue_suggere() -> None:
    with pytest.raises(ErreurDonnees, match="alsace-moselle"):
        jours_feries(2024, "alsace-mosele")


def test_annee_hors_plage() -> None:
    with pytest.raises(ErreurValeur, match="1900"):
        jours_feries(1850)


# --- comparaison avec le paquet `holidays` ---------------------------------------------------

_SUBDIV = {
    "metropole": None,
    "alsace-moselle": "57",
    "971": "971",
    "972": "972",
    "973": "973",
    "974": "974",
    "976": "976",
    "977": "BL",
    "978": "MF",
}
_PENTECOTE_2005_2007 = {D(2005, 5, 16), D(2006, 6, 5), D(2007, 5, 28)}


def _nos_jours(zone: str, locaux: bool = False) -> set[dt.date]:
    return {
        j.date
        for annee in range(1990, 2101)
        for j in jours_feries(annee, zone, inclure_chomes_locaux=locaux)
    }


def _les_leurs(zone: str) -> dict[dt.date, str]:
    subdiv = _SUBDIV[zone]
    annees = range(1990, 2101)
    if subdiv is None:
        return dict(holidays.country_holidays("FR", years=annees, language="fr"))
    return dict(holidays.country_holidays("FR", subdiv=subdiv, years=annees, language="fr"))


@pytest.mark.parametrize("zone", list(_SUBDIV))
def test_ecarts_avec_holidays_1990_2100(zone: str) -> None:
    """Chaque écart avec le paquet `holidays` sur 1990-2100 est listé et justifié :

    1. Lundi de Pentecôte 2005-2007 : la loi n° 2004-626 en a fait la journée de solidarité sans
       le retirer de la liste de l'art. L3133-1 ; `holidays` l'omet, nous le gardons (toutes zones).
    2. Guadeloupe (Vendredi saint, Mi-Carême, 21 juillet), Martinique et Saint-Martin (21 juillet) :
       jours chômés par usage local, absents de l'art. L3133-1 et du décret n° 83-1003 ; `holidays`
       les compte, nous seulement avec ``inclure_chomes_locaux=True``.
    3. Saint-Martin : le jour légal est le 27 mai (décret n° 2012-553 ; C. trav. L3422-2, 3°) ;
       `holidays` met le 28 mai dès 2012, que nous ne comptons qu'avec les usages locaux, et
       seulement depuis 2018 (délibération de 2015, circulaires de 2018 et 2019).
    4. Saint-Barthélemy et Saint-Martin avant le 15 juillet 2007 : communes de la Guadeloupe, le
       27 mai du décret n° 83-1003 s'y appliquait ; `holidays` ne commence qu'en 2012.
    """
    nous = _nos_jours(zone)
    eux = _les_leurs(zone)
    en_plus = nous - set(eux)
    en_moins = {d: nom for d, nom in eux.items() if d not in nous}

    attendu_en_plus = set(_PENTECOTE_2005_2007)
    if zone in {"977", "978"}:
        attendu_en_plus |= {D(a, 5, 27) for a in range(1990, 2008)} - set(eux)
    if zone == "978":
        attendu_en_plus |= {D(a, 5, 27) for a in range(2012, 2101)} - set(eux)
    assert en_plus == attendu_en_plus

    usages = {"Vendredi saint", "Mi-Carême", "Fête de Victor Schoelcher"}
    attendu_noms: set[str] = set()
    if zone == "971":
        attendu_noms = usages
    elif zone in {"972", "978"}:
        attendu_noms = {"Fête de Victor Schoelcher"}
    abolition: set[dt.date] = set()
    if zone == "978":
        attendu_noms |= {"Abolition de l'esclavage"}
        abolition = {d for d, nom in en_moins.items() if nom == "Abolition de l'esclavage"}
        assert abolition == {D(a, 5, 28) for a in range(2012, 2101)} - nous
    assert set(en_moins.values()) == attendu_noms
    # Avec les jours chômés locaux, seuls restent les 28 mai 2012-2017 de Saint-Martin.
    nous_locaux = _nos_jours(zone, locaux=True)
    restant = {d for d, nom in eux.items() if d not in nous_locaux}
    assert restant == {d for d in abolition if d.year < 2018}


# --- jours ouvrés / ouvrables -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("depart", "n", "zone", "attendu"),
    [
        # 1er, 8, 9 (Ascension) et 20 mai (Pentecôte) 2024 fériés.
        (D(2024, 4, 26), 15, "metropole", D(2024, 5, 23)),
        (D(2024, 5, 23), -15, "metropole", D(2024, 4, 26)),
        # Vendredi saint en Alsace-Moselle.
        (D(2024, 3, 28), 1, "metropole", D(2024, 3, 29)),
        (D(2024, 3, 28), 1, "alsace-moselle", D(2024, 4, 2)),
        (D(2024, 12, 24), 1, "alsace-moselle", D(2024, 12, 27)),
        (D(2024, 12, 24), 1, "metropole", D(2024, 12, 26)),
        # Un samedi de départ.
        (D(2024, 6, 1), 1, "metropole", D(2024, 6, 3)),
        (D(2024, 6, 1), -1, "metropole", D(2024, 5, 31)),
    ],
)
def test_ajouter_jours_ouvres(depart: dt.date, n: int, zone: str, attendu: dt.date) -> None:
    assert ajouter_jours_ouvres(depart, n, zone) == attendu


def test_jours_ouvrables() -> None:
    assert est_jour_ouvrable(D(2024, 6, 1))  # samedi
    assert not est_jour_ouvre(D(2024, 6, 1))
    assert not est_jour_ouvrable(D(2024, 6, 2))  # dimanche
    assert ajouter_jours_ouvrables(D(2024, 5, 3), 3) == D(2024, 5, 7)
    assert ajouter_jours_ouvrables(D(2024, 5, 7), -3) == D(2024, 5, 3)


@pytest.mark.parametrize(
    ("jour", "convention", "attendu"),
    [
        (D(2024, 8, 31), "suivant", D(2024, 9, 2)),
        (D(2024, 8, 31), "suivant_modifie", D(2024, 8, 30)),
        (D(2024, 8, 31), "precedent", D(2024, 8, 30)),
        (D(2024, 8, 31), "aucun", D(2024, 8, 31)),
        (D(2024, 6, 1), "suivant_modifie", D(2024, 6, 3)),
        (D(2024, 5, 8), "suivant", D(2024, 5, 10)),
        (D(2024, 5, 10), "suivant", D(2024, 5, 10)),
    ],
)
def test_ajuster(jour: dt.date, convention: str, attendu: dt.date) -> None:
    assert ajuster(jour, convention) == attendu


def test_ajuster_convention_inconnue() -> None:
    with pytest.raises(ErreurValeur, match="suivant_modifie"):
        ajuster(D(2024, 1, 1), "modified_following")


@given(dates_usuelles, st.integers(min_value=1, max_value=400), zones)
def test_n_jours_ouvres_tombe_sur_un_jour_ouvre(depart: dt.date, n: int, zone: str) -> None:
    resultat = ajouter_jours_ouvres(depart, n, zone)
    assert est_jour_ouvre(resultat, zone)
    assert resultat > depart
    ouvres = sum(
        est_jour_ouvre(depart + dt.timedelta(days=k), zone)
        for k in range(1, (resultat - depart).days + 1)
    )
    assert ouvres == n


@given(dates_usuelles, zones)
def test_ajuster_rend_un_jour_ouvre(jour: dt.date, zone: str) -> None:
    for convention in ("suivant", "precedent", "suivant_modifie"):
        resultat = ajuster(jour, convention, zone)
        assert est_jour_ouvre(resultat, zone)
        assert abs((resultat - jour).days) <= 7
