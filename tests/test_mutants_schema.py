"""Le lecteur de schémas (``chargement/_schema.py``) à chacune de ses bornes (issue 27).

Chaque borne est essayée à la borne (acceptée) et un cran au-delà (refusée, message français
vérifié mot pour mot) : longueurs des textes (300, identifiants 60), entiers, montants (au
centime, de 0 à 10¹² €), nombres (6 décimales, 10⁹), taux (−10 % à 30 %), dates et mois (années
1900 à 2199, celles du calendrier légal), listes (10 000 éléments) et listes de tables
(100 000). S'y ajoutent les cellules de tableur (« true » dans une colonne booléenne, entiers à
milliers groupés), les clés inconnues ou absentes, l'unicité et le lieu de chaque erreur.

Les valeurs attendues viennent des règles écrites dans les docstrings du module, pas d'un
résultat du lecteur recopié.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from collectivites._enum import EnumFr
from collectivites.chargement import (
    OBLIGATOIRE,
    Alternative,
    Booleen,
    Chargeur,
    Choix,
    Cle,
    Converti,
    Date,
    Entier,
    Identifiant,
    Libre,
    Liste,
    Mois,
    Montant,
    Nombre,
    Schema,
    SousTable,
    SousTables,
    Taux,
    Texte,
    cle_unicite,
    lire,
    normaliser_texte,
)
from collectivites.chargement._schema import ANNEE_MAX, ANNEE_MIN, _intervalle, _lisible
from collectivites.erreurs import ErreurDossier, ErreurType, ErreurValeur

FINE = "\u202f"  # espace fine insécable : séparateur des milliers des messages


def _schema(type_: Any, *, nom: str = "essai", defaut: Any = OBLIGATOIRE) -> Schema[Any]:
    return Schema(nom=nom, cles=(Cle("x", type_, defaut),), fabrique=lambda v: v["x"])


def _lire(type_: Any, valeur: Any) -> Any:
    return lire(_schema(type_), {"x": valeur}, fichier="f.toml")


def _refus(type_: Any, valeur: Any) -> ErreurDossier:
    with pytest.raises(ErreurDossier) as info:
        _lire(type_, valeur)
    erreur = info.value
    assert erreur.fichier == "f.toml"
    assert erreur.cle == "x"
    return erreur


def _message(type_: Any, valeur: Any) -> tuple[str, Any, str | None]:
    erreur = _refus(type_, valeur)
    return erreur.message, erreur.valeur, erreur.attendu


# --- textes --------------------------------------------------------------------------------------


def test_texte_longueur_a_la_borne_et_au_dela() -> None:
    assert _lire(Texte(), "a" * 300) == "a" * 300
    assert _message(Texte(), "a" * 301) == ("texte trop long", "a" * 301, "au plus 300 caractères")
    # la longueur se compte après normalisation (les blancs multiples comptent pour un)
    assert _lire(Texte(), "a" * 298 + "   b") == "a" * 298 + " b"  # 302 saisis, 300 lus
    assert _lire(Texte(longueur_max=3), "  a  b ") == "a b"
    assert _message(Texte(longueur_max=3), "ab  cd")[0] == "texte trop long"


def test_texte_vide_type_et_controle() -> None:
    assert _message(Texte(), "  \u00a0 ") == ("texte vide", "  \u00a0 ", "un texte non vide")
    assert _lire(Texte(vide=True), " ") == ""
    assert _message(Texte(), 3) == ("type refusé", 3, "un texte")
    assert isinstance(_refus(Texte(), 3), ErreurDossier)
    assert _message(Texte(), "a\x07b") == (
        "caractère de contrôle refusé",
        "a\x07b",
        "un texte imprimable",
    )


def test_texte_normalise() -> None:
    assert _lire(Texte(), " Saint\u00a0Alban \u202f sur  Limagnole ") == (
        "Saint Alban sur Limagnole"
    )
    assert _lire(Texte(), "e\u0301") == "é"  # NFC
    assert normaliser_texte("  a\u00a0\u00a0b\tc ") == "a b c"
    assert cle_unicite("Oraison\u00a0") == cle_unicite("ORAISON") == "oraison"


def test_identifiant() -> None:
    assert _lire(Identifiant(), 5165325) == "5165325"
    assert _lire(Identifiant(), "a" * 60) == "a" * 60
    assert _message(Identifiant(), "a" * 61) == (
        "texte trop long",
        "a" * 61,
        "au plus 60 caractères",
    )
    # un booléen TOML n'est pas un numéro
    assert _message(Identifiant(), True) == (
        "type refusé",
        True,
        "un identifiant (texte ou nombre entier)",
    )


# --- entiers -------------------------------------------------------------------------------------


def test_entier_bornes() -> None:
    type_ = Entier(minimum=1, maximum=10)
    assert type_.attendu == "un entier de 1 à 10"
    assert [_lire(type_, n) for n in (1, 10)] == [1, 10]
    assert _message(type_, 0) == ("valeur trop petite", 0, "un entier de 1 à 10")
    assert _message(type_, 11) == ("valeur trop grande", 11, "un entier de 1 à 10")
    assert Entier(minimum=1).attendu == "un entier ≥ 1"
    assert Entier(maximum=10).attendu == "un entier ≤ 10"
    assert Entier().attendu == "un entier"
    assert _lire(Entier(), -(10**30)) == -(10**30)


def test_entier_refuse_booleen_et_nombre_decimal() -> None:
    for valeur in (True, False, Decimal("1"), "1", 1.0):
        assert _message(Entier(), valeur) == ("un nombre entier est attendu", valeur, "un entier")


@pytest.mark.parametrize(
    ("texte", "attendu"),
    [
        ("20000", 20000),
        (" 20000 ", 20000),
        ("20 000", 20000),
        ("20\u00a0000", 20000),
        ("20\u202f000", 20000),
        ("1 234 567", 1234567),
        ("-1 234", -1234),
        ("-12", -12),
        ("0", 0),
    ],
)
def test_entier_de_cellule_lu(texte: str, attendu: int) -> None:
    assert Entier().depuis_cellule(texte) == attendu


@pytest.mark.parametrize(
    "texte", ["5 0", "1234 567", "1 2345", "1 234\u00a0567", "12,5", "", "abc", "1  234", "٣"]
)
def test_entier_de_cellule_laisse_le_texte(texte: str) -> None:
    """Ce qui n'est pas un entier à milliers groupés par trois reste du texte (refusé ensuite)."""
    assert Entier().depuis_cellule(texte) == texte
    assert _message(Entier(), Entier().depuis_cellule(texte))[0] == "un nombre entier est attendu"


def test_nombres_lisibles_dans_les_messages() -> None:
    assert _lisible(9999) == "9999"  # une année ne prend pas d'espace
    assert _lisible(10_000) == f"10{FINE}000"
    assert _lisible(-10_000) == f"-10{FINE}000"
    assert _lisible(-9999) == "-9999"
    assert _lisible(Decimal("1e12")) == f"1{FINE}000{FINE}000{FINE}000{FINE}000"
    assert _lisible(Decimal("0.5")) == "0,5"
    assert _lisible(Decimal("2.00")) == "2"
    assert _intervalle("un x", "a", "b", " €") == "un x de a € à b €"
    assert _intervalle("un x", None, None) == "un x"


# --- montants ------------------------------------------------------------------------------------

MILLE_MILLIARDS = f"1{FINE}000{FINE}000{FINE}000{FINE}000"


def test_montant_bornes_par_defaut() -> None:
    attendu = f"un montant au centime de 0 € à {MILLE_MILLIARDS} €"
    assert Montant().attendu == attendu
    assert _lire(Montant(), "0") == Decimal("0")
    assert _lire(Montant(), "1000000000000.00") == Decimal("1e12")
    assert _message(Montant(), "-0,01") == ("valeur trop petite", "-0,01", attendu)
    assert _message(Montant(), "1000000000000.01") == (
        "valeur trop grande",
        "1000000000000.01",
        attendu,
    )


def test_montant_au_centime() -> None:
    assert _lire(Montant(), "128 189,00 €") == Decimal("128189.00")
    assert _lire(Montant(), "0.10") == Decimal("0.10")
    assert _lire(Montant(), "1.100") == Decimal("1.1")  # zéro final : toujours au centime
    assert _message(Montant(), "0.001") == (
        "un montant s'exprime au centime",
        "0.001",
        "au plus deux décimales",
    )
    assert _message(Montant(), "-0.009")[0] == "un montant s'exprime au centime"


def test_montant_strict() -> None:
    strict = Montant(strict=True)
    assert strict.attendu == f"un montant au centime > 0 ≤ {MILLE_MILLIARDS} €"
    assert _message(strict, "0") == ("valeur trop petite", "0", strict.attendu)
    assert _lire(strict, "0.01") == Decimal("0.01")
    # strict avec un minimum non nul : l'intervalle garde sa borne, exclue
    bornes = Montant(minimum=Decimal("10"), maximum=Decimal("20"), strict=True)
    assert bornes.attendu == "un montant au centime de 10 € à 20 €"
    assert _message(bornes, "10")[0] == "valeur trop petite"
    assert _lire(bornes, "10.01") == Decimal("10.01")
    assert _lire(bornes, "20") == Decimal("20")
    assert Montant(minimum=None, maximum=None).attendu == "un montant au centime"
    assert _lire(Montant(minimum=None), "-5") == Decimal("-5")


def test_montant_refuse_flottant() -> None:
    erreur = _refus(Montant(), 1.5)
    assert erreur.message == "un nombre flottant est refusé"


# --- nombres -------------------------------------------------------------------------------------


def test_nombre_decimales_et_bornes() -> None:
    type_ = Nombre()
    attendu = f"un nombre d'au plus 6 décimales de 0 à 1{FINE}000{FINE}000{FINE}000"
    assert type_.attendu == attendu
    assert _lire(type_, "0.000001") == Decimal("0.000001")
    assert _message(type_, "0.0000001") == ("trop de décimales", "0.0000001", attendu)
    assert _lire(type_, "1000000000") == Decimal("1e9")
    assert _message(type_, "1000000000.000001") == (
        "valeur trop grande",
        Decimal("1000000000.000001"),
        attendu,
    )
    assert _message(type_, "-0.000001")[0] == "valeur trop petite"
    assert _lire(type_, Decimal("1E+3")) == Decimal("1000")  # exposant positif : 0 décimale
    assert _lire(Nombre(decimales=0), "12") == Decimal("12")
    assert _message(Nombre(decimales=0), "1.5")[0] == "trop de décimales"


def test_nombre_strict() -> None:
    assert _message(Nombre(strict=True), "0")[0] == "valeur trop petite"
    assert _lire(Nombre(strict=True), "0.000001") == Decimal("0.000001")


# --- taux ----------------------------------------------------------------------------------------

ATTENDU_TAUX = "un pourcentage comme « 1,35 % » de -10 % à 30 %"


def test_taux_bornes() -> None:
    assert Taux().attendu == ATTENDU_TAUX
    assert _lire(Taux(), "-10 %") == Decimal("-0.10")
    assert _lire(Taux(), "30 %") == Decimal("0.30")
    assert _message(Taux(), "-10,01 %") == ("valeur trop petite", "-10,01 %", ATTENDU_TAUX)
    assert _message(Taux(), "30,01 %") == ("valeur trop grande", "30,01 %", ATTENDU_TAUX)
    assert Taux(minimum=Decimal("0.0125"), maximum=None).attendu == (
        "un pourcentage comme « 1,35 % » ≥ 1,25 %"
    )


def test_taux_nombre_nu_refuse() -> None:
    assert _message(Taux(), Decimal("0.0135")) == (
        "un nombre nu est ambigu",
        Decimal("0.0135"),
        ATTENDU_TAUX,
    )
    assert isinstance(_refus(Taux(), Decimal("0.0135")), ErreurDossier)


# --- dates et mois -------------------------------------------------------------------------------

ATTENDU_DATE = "une date AAAA-MM-JJ ou JJ/MM/AAAA, des années 1900 à 2199"


def test_annees_du_calendrier() -> None:
    assert (ANNEE_MIN, ANNEE_MAX) == (1900, 2199)


@pytest.mark.parametrize(
    ("valeur", "attendu"),
    [
        (dt.date(1900, 1, 1), dt.date(1900, 1, 1)),
        (dt.date(1900, 6, 15), dt.date(1900, 6, 15)),
        ("1900-06-15", dt.date(1900, 6, 15)),
        ("31/12/2199", dt.date(2199, 12, 31)),
        (dt.date(2199, 12, 31), dt.date(2199, 12, 31)),
    ],
)
def test_date_aux_bornes_acceptee(valeur: Any, attendu: dt.date) -> None:
    assert _lire(Date(), valeur) == attendu


@pytest.mark.parametrize("valeur", [dt.date(1899, 12, 31), dt.date(2200, 1, 1), "2200-01-01"])
def test_date_hors_du_calendrier(valeur: Any) -> None:
    assert _message(Date(), valeur) == ("date hors du calendrier couvert", valeur, ATTENDU_DATE)


def test_date_avec_heure_refusee() -> None:
    for valeur in (dt.datetime(2024, 1, 1, 12, 0, tzinfo=dt.UTC), dt.time(12, 0)):
        erreur = _refus(Date(), valeur)
        assert (erreur.message, erreur.attendu) == (
            "une date sans heure est attendue",
            ATTENDU_DATE,
        )
    assert Date().attendu == ATTENDU_DATE


def test_mois_bornes() -> None:
    attendu = 'un mois "AAAA-MM" entre guillemets'
    assert _lire(Mois(), "1900-01") == dt.date(1900, 1, 1)
    assert _lire(Mois(), "2199-12") == dt.date(2199, 12, 1)
    assert _message(Mois(), "1899-12") == ("mois hors du calendrier couvert", "1899-12", attendu)
    assert _message(Mois(), "2200-01") == ("mois hors du calendrier couvert", "2200-01", attendu)
    assert _message(Mois(), dt.date(2024, 1, 1)) == (
        "un mois est attendu, pas une date",
        dt.date(2024, 1, 1),
        attendu,
    )


# --- booléens, choix, alternatives ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("texte", "attendu"),
    [
        ("true", True),
        ("TRUE", True),
        (" oui ", True),
        ("Vrai", True),
        ("false", False),
        ("Non", False),
        ("faux", False),
    ],
)
def test_booleen_de_cellule(texte: str, attendu: bool) -> None:
    """Une cellule « true » d'une colonne booléenne donne ``True`` (pas le texte refusé)."""
    valeur = Booleen().depuis_cellule(texte)
    assert valeur is attendu
    assert _lire(Booleen(), valeur) is attendu


def test_booleen_refuse_le_reste() -> None:
    assert Booleen().depuis_cellule("peut-être") == "peut-être"
    for valeur in ("peut-être", 1, 0, "true"):
        assert _message(Booleen(), valeur) == ("type refusé", valeur, "true ou false")


def test_texte_de_cellule_par_defaut() -> None:
    assert Texte().depuis_cellule(" a ") == " a "
    assert Montant().depuis_cellule("1,5") == "1,5"


class Sens(EnumFr):
    AVANT = "avant"
    APRES = "apres"


def test_choix() -> None:
    assert Choix(Sens).attendu == "avant, apres"
    assert _lire(Choix(Sens), "Après") is Sens.APRES
    assert _message(Choix(Sens), "pendant")[2] == "avant, apres"


def test_alternative() -> None:
    """Comme ``depart = "echeance"`` ou ``depart = 2024-01-01`` (délais) : le mot-clé d'abord."""
    type_ = Alternative((Choix(Sens), Date()))
    assert type_.attendu == f"avant, apres ou {ATTENDU_DATE}"
    assert _lire(type_, "Après") is Sens.APRES
    assert _lire(type_, dt.date(2024, 1, 1)) == dt.date(2024, 1, 1)  # pas un mot : la date
    erreur = _refus(type_, 3)
    assert isinstance(erreur, ErreurDossier)
    assert (erreur.message, erreur.valeur, erreur.attendu) == (
        "une date est attendue",
        3,
        type_.attendu,
    )
    # une erreur de valeur du premier type (mot inconnu) n'essaie pas le suivant
    assert _message(type_, "pendant")[0] == "valeur inconnue"
    # trois types : le deuxième est essayé avant le dernier
    trois = Alternative((Date(), Booleen(), Converti(str.upper)))
    assert _lire(trois, True) is True
    assert _lire(trois, dt.date(2024, 1, 1)) == dt.date(2024, 1, 1)
    assert _message(trois, 3) == ("type refusé", 3, trois.attendu)


def test_converti() -> None:
    vus: list[str] = []

    def longueur(texte: str) -> int:
        vus.append(texte)
        return len(texte)

    type_ = Converti(longueur)
    assert _lire(type_, "  2\u00a0 mois ") == 6
    assert vus == ["2 mois"]  # texte normalisé avant la conversion
    assert _message(type_, 2) == ("type refusé", 2, "un texte")


def test_libre() -> None:
    valeur = {"a": [1, 2]}
    assert _lire(Libre(), valeur) is valeur
    assert Libre().attendu == "une valeur"


# --- listes --------------------------------------------------------------------------------------


def test_liste_au_plus_10000() -> None:
    type_ = Liste(Libre())
    assert len(_lire(type_, [0] * 10_000)) == 10_000
    assert _message(type_, [0] * 10_001) == ("trop d'éléments", 10_001, "au plus 10000")
    assert type_.attendu == "une liste de : une valeur"


def test_liste_minimum() -> None:
    type_ = Liste(Libre(), minimum=2, maximum=3)
    assert _lire(type_, [1, 2]) == (1, 2)
    assert _lire(type_, (1, 2, 3)) == (1, 2, 3)
    assert _message(type_, [1]) == ("pas assez d'éléments", 1, "au moins 2")
    assert _message(type_, [1, 2, 3, 4]) == ("trop d'éléments", 4, "au plus 3")


def test_liste_type_et_element_situe() -> None:
    assert _message(Liste(Entier()), "1, 2") == (
        "une liste [ … ] est attendue",
        "1, 2",
        "une liste de : un entier",
    )
    with pytest.raises(ErreurDossier) as info:
        lire(_schema(Liste(Entier(maximum=5))), {"x": [1, 2, 6]}, fichier="f.toml")
    assert info.value.cle == "x[2]"
    assert info.value.message == "valeur trop grande"
    assert str(info.value) == (
        "fichier « f.toml », clé « x[2] » : valeur trop grande (reçu : 6 ; attendu : un entier ≤ 5)"
    )


def test_liste_unique() -> None:
    type_ = Liste(Texte(), unique=True)
    assert _lire(type_, ["Oraison", "Digne"]) == ("Oraison", "Digne")
    with pytest.raises(ErreurDossier) as info:
        lire(_schema(type_), {"x": ["Oraison", "Digne", "ORAISON\u00a0"]}, fichier="f.toml")
    erreur = info.value
    assert (erreur.message, erreur.cle, erreur.valeur, erreur.fichier) == (
        "valeur en double (déjà donné en position 1)",
        "x[2]",
        "ORAISON",
        "f.toml",
    )
    # sans « unique », les doublons passent
    assert _lire(Liste(Texte()), ["a", "a"]) == ("a", "a")
    # une valeur absente (None) ne fait pas doublon
    assert _lire(Liste(Libre(), unique=True), [None, None, 1]) == (None, None, 1)


# --- tables --------------------------------------------------------------------------------------

COMMUNE: Schema[dict[str, Any]] = Schema(
    nom="commune",
    cles=(
        Cle("nom", Texte(), OBLIGATOIRE, "nom de la commune"),
        Cle("population", Entier(minimum=0), 0),
    ),
    fabrique=dict,
    unicite="nom",
)


def test_tables_au_plus_100000() -> None:
    vide: Schema[int] = Schema(nom="vide", cles=(), fabrique=lambda v: 1)
    type_ = SousTables(vide)
    assert len(_lire(type_, [{}] * 100_000)) == 100_000
    assert _message(type_, [{}] * 100_001) == ("trop d'éléments", 100_001, "au plus 100000")
    assert _message(SousTables(vide, minimum=1), []) == ("pas assez d'éléments", 0, "au moins 1")


def test_tables_type_et_unicite() -> None:
    type_ = SousTables(COMMUNE)
    assert type_.attendu == "une liste de tables [[…]] (commune)"
    assert _message(type_, {"nom": "a"}) == (
        "une liste de tables [[…]] est attendue",
        {"nom": "a"},
        "une liste de tables [[…]] (commune)",
    )
    schema = Schema(nom="d", cles=(Cle("communes", type_),), fabrique=lambda v: v["communes"])
    lues = lire(schema, {"communes": [{"nom": "Oraison"}, {"nom": "Digne", "population": 3}]})
    assert lues == ({"nom": "Oraison", "population": 0}, {"nom": "Digne", "population": 3})
    with pytest.raises(ErreurDossier) as info:
        lire(
            schema,
            {"communes": [{"nom": "Oraison"}, {"nom": "Digne"}, {"nom": " oraison "}]},
            fichier="c.toml",
        )
    erreur = info.value
    assert (erreur.message, erreur.cle, erreur.valeur) == (
        "« nom » en double (déjà donné en position 1)",
        "communes[2].nom",
        "oraison",
    )
    # la clé d'unicité absente (clé facultative) ne fait pas doublon
    facultatif = Schema(nom="f", cles=(Cle("nom", Texte(), None),), fabrique=dict, unicite="nom")
    assert len(_lire(SousTables(facultatif), [{}, {}])) == 2


def test_tables_erreur_situee_au_rang() -> None:
    schema = Schema(nom="d", cles=(Cle("communes", SousTables(COMMUNE)),), fabrique=dict)
    with pytest.raises(ErreurDossier) as info:
        lire(schema, {"communes": [{"nom": "a"}, {"nom": "b", "population": -1}]}, fichier="c")
    assert (info.value.cle, info.value.message) == ("communes[1].population", "valeur trop petite")


def test_sous_table() -> None:
    schema = Schema(nom="d", cles=(Cle("commune", SousTable(COMMUNE)),), fabrique=dict)
    assert SousTable(COMMUNE).attendu == "une table (commune)"
    assert lire(schema, {"commune": {"nom": "a"}}) == {"commune": {"nom": "a", "population": 0}}
    with pytest.raises(ErreurDossier) as info:
        lire(schema, {"commune": [1]}, fichier="c")
    assert (info.value.message, info.value.cle, info.value.attendu) == (
        "une table est attendue",
        "commune",
        "une table (commune)",
    )
    assert isinstance(info.value, ErreurDossier)


# --- clés ----------------------------------------------------------------------------------------


def test_cle_inconnue_avec_et_sans_suggestion() -> None:
    with pytest.raises(ErreurDossier) as info:
        lire(COMMUNE, {"nom": "a", "populaton": 3}, fichier="c.toml", chemin="communes[0]")
    erreur = info.value
    assert erreur.message == "clé inconnue ; vouliez-vous dire « population » ?"
    assert erreur.cle == "communes[0].populaton"
    assert erreur.attendu == "nom, population"
    with pytest.raises(ErreurDossier) as info:
        lire(COMMUNE, {"nom": "a", "zzz": 3})
    assert (info.value.message, info.value.cle) == ("clé inconnue", "zzz")


def test_cle_obligatoire_absente() -> None:
    with pytest.raises(ErreurDossier) as info:
        lire(COMMUNE, {"population": 3}, fichier="c.toml")
    assert (info.value.message, info.value.cle, info.value.attendu) == (
        "clé obligatoire absente",
        "nom",
        "un texte",
    )
    assert str(info.value) == (
        "fichier « c.toml », clé « nom » : clé obligatoire absente (attendu : un texte)"
    )


def test_racine_qui_n_est_pas_une_table() -> None:
    with pytest.raises(ErreurDossier) as info:
        lire(COMMUNE, [1], fichier="c.toml")
    assert (info.value.message, info.value.cle, info.value.attendu) == (
        "une table est attendue",
        None,
        "une table (commune)",
    )


def test_cle_et_connues_du_schema() -> None:
    assert COMMUNE.connues == frozenset({"nom", "population"})
    assert COMMUNE.connues is COMMUNE.connues  # calculées une fois
    assert COMMUNE.cle("population").defaut == 0
    assert COMMUNE.cle("nom").obligatoire
    assert not COMMUNE.cle("population").obligatoire
    assert repr(OBLIGATOIRE) == "OBLIGATOIRE"


def _fabrique_qui_refuse(cle: str | None) -> Any:
    def fabrique(_valeurs: dict[str, Any]) -> Any:
        raise ErreurValeur("incohérent", cle=cle, valeur=1, attendu="cohérent")

    return fabrique


@pytest.mark.parametrize(
    ("cle_du_modele", "cle_situee"),
    [
        ("duree_mois", "ligne.duree"),  # champ du modèle traduit en clé du fichier
        ("montant", "ligne.montant"),
        ("montant[2].x", "ligne.montant[2].x"),  # chemin sous une clé connue
        ("interne", "ligne"),  # champ interne : l'erreur concerne la table
        (None, "ligne"),
    ],
)
def test_erreur_du_modele_situee(cle_du_modele: str | None, cle_situee: str) -> None:
    schema: Schema[Any] = Schema(
        nom="ligne",
        cles=(Cle("duree", Libre(), 0), Cle("montant", Libre(), 0)),
        fabrique=_fabrique_qui_refuse(cle_du_modele),
        champs={"duree_mois": "duree"},
    )
    with pytest.raises(ErreurDossier) as info:
        lire(schema, {}, fichier="p.toml", chemin="ligne")
    erreur = info.value
    assert (erreur.cle, erreur.message, erreur.valeur, erreur.attendu, erreur.fichier) == (
        cle_situee,
        "incohérent",
        1,
        "cohérent",
        "p.toml",
    )


def test_erreur_de_dossier_du_modele_passe_telle_quelle() -> None:
    propre = ErreurDossier("déjà située", cle="ailleurs", fichier="autre.toml")

    def fabrique(_valeurs: dict[str, Any]) -> Any:
        raise propre

    schema: Schema[Any] = Schema(nom="s", cles=(), fabrique=fabrique)
    with pytest.raises(ErreurDossier) as info:
        lire(schema, {}, fichier="p.toml", chemin="ligne")
    assert info.value is propre


def test_erreur_deja_situee_dans_le_meme_fichier_non_reprefixee() -> None:
    """Une erreur de sous-table déjà située (même fichier, avec sa clé) remonte sans que le
    chemin soit répété ; une erreur d'un autre fichier est resituée."""
    interne = Schema(nom="i", cles=(Cle("n", Entier(maximum=1)),), fabrique=dict)
    externe = Schema(nom="e", cles=(Cle("t", SousTable(interne)),), fabrique=dict)
    with pytest.raises(ErreurDossier) as info:
        lire(externe, {"t": {"n": 2}}, fichier="p.toml", chemin="racine")
    assert info.value.cle == "racine.t.n"

    def fabrique(_valeurs: dict[str, Any]) -> Any:
        raise ErreurDossier("autre fichier", cle="k", fichier="autre.toml")

    lieu = Schema(nom="s", cles=(Cle("k", Libre(), 0),), fabrique=fabrique)
    with pytest.raises(ErreurDossier) as info:
        lire(
            Schema(nom="e", cles=(Cle("t", SousTable(lieu)),), fabrique=dict),
            {"t": {}},
            fichier="p",
        )
    assert (info.value.fichier, info.value.cle) == ("p", "t")  # resituée dans ce fichier-ci


def test_erreur_de_type_devient_erreur_de_dossier_typee() -> None:
    erreur = _refus(Entier(), "x")
    assert isinstance(erreur, ErreurDossier) and not isinstance(erreur, ErreurType)
    assert str(erreur) == (
        "fichier « f.toml », clé « x » : un nombre entier est attendu (reçu : 'x' ; "
        "attendu : un entier)"
    )


def test_chargeur_depuis_donnees() -> None:
    chargeur = Chargeur(COMMUNE)
    assert chargeur.depuis_donnees({"nom": "a"}) == {"nom": "a", "population": 0}
    with pytest.raises(ErreurDossier) as info:
        chargeur.depuis_donnees({}, fichier="d.toml")
    assert info.value.fichier == "d.toml"


def test_chargeur_fichier(tmp_path: Any) -> None:
    chemin = tmp_path / "c.toml"
    chemin.write_text('nom = "Oraison"\npopulation = 6_000\n', encoding="utf-8")
    assert Chargeur(COMMUNE).charger(chemin) == {"nom": "Oraison", "population": 6000}
    chemin.write_text('nom = "Oraison"\npopulation = -1\n', encoding="utf-8")
    with pytest.raises(ErreurDossier) as info:
        Chargeur(COMMUNE).charger(chemin)
    assert (info.value.fichier, info.value.cle) == (str(chemin), "population")


def test_chemin_de_lieu_sans_prefixe() -> None:
    schema = Schema(nom="d", cles=(Cle("l", Liste(Entier(maximum=0))),), fabrique=dict)
    with pytest.raises(ErreurDossier) as info:
        lire(schema, {"l": [0, 1]})
    assert info.value.cle == "l[1]"
    assert info.value.fichier is None
