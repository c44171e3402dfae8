"""Les lectures des réglages du service web (``web/_configuration.py``, ``web/_limites.py``) :
chaque borne à la borne et un cran au-delà, chaque refus avec son attendu exact en français, la
lecture de l'environnement et son aller-retour — ce que les tests de mutation ont montré non
vérifié. Module léger : aucune dépendance de l'extra « web »."""

from __future__ import annotations

import pytest

from collectivites.erreurs import ErreurValeur
from collectivites.web._configuration import (
    _en_texte,
    _lire_taille,
    en_environnement,
    lire_booleen,
    lire_environnement,
    lire_formats,
    lire_hote,
    lire_niveau,
    lire_nombre,
    lire_port,
    lire_prefixe,
    lire_processus,
    lire_proxys,
    verifier_format,
)
from collectivites.web._limites import lire_secondes

MO = 1024 * 1024


def _attendu(lire: object, texte: str, *autres: object) -> str:
    """L'attendu que dit le refus (vérifié mot pour mot par l'appelant)."""
    with pytest.raises(ValueError, match=r".") as refus:
        lire(texte, *autres)  # type: ignore[operator]
    return str(refus.value)


# --- secondes ----------------------------------------------------------------------------------


def test_secondes_de_0_1_a_86_400() -> None:
    assert lire_secondes("0.1") == 0.1
    assert lire_secondes(" 0,1 ") == 0.1
    assert lire_secondes("86400") == 86_400.0
    assert lire_secondes("2,5") == 2.5
    for texte in ("0.09", "86400.01", "0", "-1", "nan", "inf", "trente", "", "1,5,2"):
        assert _attendu(lire_secondes, texte) == "des secondes, de 0,1 à 86 400", texte


def test_secondes_douze_caracteres_au_plus() -> None:
    assert lire_secondes("1.0000000000") == 1.0  # 12 caractères
    assert lire_secondes("  86399.99999  ") == 86_399.99999  # 11 après les espaces retirés
    assert _attendu(lire_secondes, "1.00000000000") == "des secondes, de 0,1 à 86 400"  # 13


# --- nombres, ports, processus, tailles -------------------------------------------------------


def test_nombre_de_1_au_maximum() -> None:
    assert lire_nombre("1") == 1
    assert lire_nombre(" 100000 ") == 100_000
    assert lire_nombre("000001") == 1  # six chiffres
    assert lire_nombre("7", 7) == 7
    message = "un entier de 1 à 100\u202f000"
    for texte in ("0", "100001", "0000001", "-1", "+1", "1.0", "", "deux", "１", "²"):
        assert _attendu(lire_nombre, texte) == message, texte
    assert _attendu(lire_nombre, "8", 7) == "un entier de 1 à 7"
    assert _attendu(lire_nombre, "x", 1234) == "un entier de 1 à 1\u202f234"


def test_port_de_1_a_65_535() -> None:
    assert lire_port("1") == 1
    assert lire_port("65535") == 65_535
    for texte in ("0", "65536", "http"):
        assert _attendu(lire_port, texte) == "un port, de 1 à 65 535", texte


def test_processus_de_1_a_64() -> None:
    assert lire_processus("1") == 1
    assert lire_processus("64") == 64
    for texte in ("0", "65", "tous"):
        assert _attendu(lire_processus, texte) == "un nombre de processus, entier de 1 à 64"


def test_taille_en_mo_rendue_en_octets() -> None:
    assert _lire_taille("1") == MO
    assert _lire_taille("5") == 5 * MO
    assert _lire_taille("100000") == 100_000 * MO
    for texte in ("0", "100001", "-1", "1,5"):
        assert _attendu(_lire_taille, texte) == "des mégaoctets, entier de 1 à 100 000"


# --- textes ------------------------------------------------------------------------------------


def test_niveaux_du_journal() -> None:
    assert lire_niveau(" Débogage ") == "debug"
    assert lire_niveau("DÉBOGAGE") == "debug"
    assert lire_niveau("avertissement") == "warning"
    assert lire_niveau("WARNING") == "warning"
    assert lire_niveau("critique") == "critical"
    assert lire_niveau("error") == "error"
    assert _attendu(lire_niveau, "bavard") == (
        "un niveau parmi debogage, info, avertissement, erreur, critique"
    )


def test_hote_253_caracteres_au_plus() -> None:
    assert lire_hote(" ::1 ") == "::1"
    assert lire_hote("a" * 253) == "a" * 253
    message = "une adresse IP ou un nom d'hôte (127.0.0.1, 0.0.0.0, ::1)"
    for texte in ("a" * 254, "", "hôte", "127.0.0.1 ; rm -rf", "a b"):
        assert _attendu(lire_hote, texte) == message


def test_prefixe_d_url() -> None:
    assert lire_prefixe("") == ""
    assert lire_prefixe(" / ") == ""
    assert lire_prefixe(" /finances/ ") == "/finances"
    assert lire_prefixe("/outils/collectivites") == "/outils/collectivites"
    assert lire_prefixe("/.../a~b_c-d.e") == "/.../a~b_c-d.e"
    assert lire_prefixe("/" + "a" * 199) == "/" + "a" * 199  # 200 caractères
    message = (
        "un chemin d'URL commençant par « / » (/finances), fait de lettres, chiffres, « . », "
        "« _ », « ~ » ou « - »"
    )
    for texte in (
        "/" + "a" * 200,
        "finances",
        "finances/",
        "/.",
        "/..",
        "/a/../b",
        "//a",
        "/a//b",
        "/é",
        "/a/b c",
    ):
        assert _attendu(lire_prefixe, texte) == message, texte


def test_formats_permis_et_json_toujours() -> None:
    assert lire_formats("CSV; xlsx") == frozenset({"csv", "xlsx", "json"})
    assert lire_formats(" json ") == frozenset({"json"})
    assert lire_formats("texte,csv-excel\tpng") == frozenset({"texte", "csv-excel", "png", "json"})
    message = (
        "des formats parmi texte, csv, csv-excel, json, xlsx, html, ics, svg, png, séparés par "
        "des virgules"
    )
    for texte in ("", " , ", "json,pdf", "pdf"):
        assert _attendu(lire_formats, texte) == message, texte


def test_booleens() -> None:
    assert lire_booleen(" OUI ") is True
    assert lire_booleen("1") is True
    assert lire_booleen("Non") is False
    assert lire_booleen("off") is False
    assert _attendu(lire_booleen, "peut-être") == "« oui » ou « non »"


def test_proxys_de_confiance() -> None:
    assert lire_proxys(" 127.0.0.1 , 10.0.0.0/8 ") == "127.0.0.1,10.0.0.0/8"
    assert lire_proxys("*") == "*"
    assert lire_proxys("*, ::1,") == "*,::1"
    assert lire_proxys("10.0.0.1/8") == "10.0.0.1/8"  # hôte d'un réseau : admis, non strict
    vide = "des adresses IP ou des réseaux séparés par des virgules, ou « * »"
    assert _attendu(lire_proxys, "") == vide
    assert _attendu(lire_proxys, " , ") == vide
    invalide = (
        "des adresses IP ou des réseaux (127.0.0.1, 10.0.0.0/8) séparés par des virgules, ou « * »"
    )
    for texte in ("300.0.0.1", "*,300.0.0.1", "127.0.0.1,proxy"):
        assert _attendu(lire_proxys, texte) == invalide, texte


def test_verifier_format() -> None:
    verifier_format("pdf", None)
    verifier_format(3, frozenset({"json"}))  # pas un texte : refusé ailleurs
    verifier_format("csv", frozenset({"json", "csv"}))
    with pytest.raises(ErreurValeur) as refus:
        verifier_format("pdf", frozenset({"json", "csv"}))
    assert str(refus.value) == (
        "clé « format » : format non permis par ce service (reçu : 'pdf' ; attendu : un des "
        "formats permis : csv, json)"
    )


# --- l'environnement ---------------------------------------------------------------------------


def _refus(environ: dict[str, str], **options: bool) -> str:
    with pytest.raises(ErreurValeur) as refus:
        lire_environnement(environ, **options)
    return str(refus.value)


def test_variable_inconnue_avec_ou_sans_suggestion() -> None:
    assert _refus({"COLLECTIVITES_WEB_PORTE": "80"}) == (
        "variable d'environnement inconnue : COLLECTIVITES_WEB_PORTE (vouliez-vous dire "
        "COLLECTIVITES_WEB_PORT ?) (attendu : une des variables COLLECTIVITES_WEB_… de la "
        "documentation)"
    )
    # Ressemblance de 0,72 avec COLLECTIVITES_WEB_PORT : sous le seuil de 0,75, rien proposé.
    assert _refus({"COLLECTIVITES_WEB_ZZZZZZZZZZ": "1"}) == (
        "variable d'environnement inconnue : COLLECTIVITES_WEB_ZZZZZZZZZZ (attendu : une des "
        "variables COLLECTIVITES_WEB_… de la documentation)"
    )


def test_valeur_invalide_nomme_la_variable_et_l_attendu() -> None:
    assert _refus({"COLLECTIVITES_WEB_PORT": " 0 "}) == (
        "variable d'environnement COLLECTIVITES_WEB_PORT invalide (reçu : ' 0 ' ; attendu : un "
        "port, de 1 à 65 535)"
    )
    # Les variables sont lues dans l'ordre alphabétique : la première fautive est nommée.
    assert _refus(
        {"COLLECTIVITES_WEB_PROCESSUS": "0", "COLLECTIVITES_WEB_DELAI_CALCUL": "0"}
    ).startswith("variable d'environnement COLLECTIVITES_WEB_DELAI_CALCUL invalide")
    # Une variable d'application est vérifiée même quand seules celles du serveur sont gardées.
    assert _refus({"COLLECTIVITES_WEB_PORT": "x"}, serveur=False).startswith(
        "variable d'environnement COLLECTIVITES_WEB_PORT invalide"
    )


def test_variables_vides_sautees_et_reglages_du_serveur_a_part() -> None:
    environ = {
        "COLLECTIVITES_WEB_CALCULS_SIMULTANES": " ",
        "COLLECTIVITES_WEB_DELAI_CALCUL": "30",
        "COLLECTIVITES_WEB_HOTE": "",
        "COLLECTIVITES_WEB_PORT": "8080",
        "COLLECTIVITES_WEB_PREFIXE": "/f",
        "COLLECTIVITES_DONNEES": "/tmp",
        "HOME": "/root",
    }
    assert lire_environnement(environ) == {"delai_calcul": 30.0, "port": 8080, "prefixe": "/f"}
    assert lire_environnement(environ, serveur=False) == {"delai_calcul": 30.0, "prefixe": "/f"}


def test_environnement_du_processus_par_defaut(monkeypatch: pytest.MonkeyPatch) -> None:
    for nom in [n for n in __import__("os").environ if n.startswith("COLLECTIVITES_WEB_")]:
        monkeypatch.delenv(nom)
    monkeypatch.setenv("COLLECTIVITES_WEB_JOURNAL", "erreur")
    assert lire_environnement() == {"journal": "error"}
    assert lire_environnement(serveur=False) == {}


def test_en_texte() -> None:
    assert _en_texte(True) == "oui"
    assert _en_texte(False) == "non"
    assert _en_texte(frozenset({"xlsx", "csv", "json"})) == "csv,json,xlsx"
    assert _en_texte({"b", "a"}) == "a,b"
    assert _en_texte(["b", "a"]) == "a,b"
    assert _en_texte(("b", "a")) == "a,b"
    assert _en_texte(2.5) == "2.5"
    assert _en_texte(8080) == "8080"


def test_en_environnement_taille_en_mo_arrondie_au_dessus() -> None:
    assert en_environnement({"taille_max": 5 * MO}) == {"COLLECTIVITES_WEB_TAILLE_MAX": "5"}
    assert en_environnement({"taille_max": 5 * MO + 1}) == {"COLLECTIVITES_WEB_TAILLE_MAX": "6"}
    assert en_environnement({"taille_max": 1}) == {"COLLECTIVITES_WEB_TAILLE_MAX": "1"}
    assert en_environnement(
        {"port": 8080, "hote": None, "entetes_proxy": False, "inconnu": 3, "delai_corps": 2.5}
    ) == {
        "COLLECTIVITES_WEB_PORT": "8080",
        "COLLECTIVITES_WEB_ENTETES_PROXY": "non",
        "COLLECTIVITES_WEB_DELAI_CORPS": "2.5",
    }
    assert en_environnement({}) == {}
