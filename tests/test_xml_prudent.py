"""La lecture prudente d'un XML reçu (``chargement/_xml.py``), appelée directement : sources,
tailles au plus juste, profondeur, rappels, messages — ce que les lecteurs de documents
budgétaires supposent sans le redire."""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

import pytest

from collectivites.chargement._xml import (
    PROFONDEUR_MAX,
    TAILLE_MAX_XML,
    analyser_xml,
    ouvrir_source,
)
from collectivites.erreurs import ErreurEntree, ErreurValeur


def _refus(source: object, **options: object) -> str:
    with pytest.raises(ErreurEntree) as refus:
        analyser_xml(source, None, None, **options)  # type: ignore[arg-type]
    return str(refus.value)


def test_taille_par_defaut_256_mio() -> None:
    assert TAILLE_MAX_XML == 256 * 2**20
    assert PROFONDEUR_MAX == 64


def test_octets_et_tableau_d_octets_au_plus_juste() -> None:
    for source in (b"<a/>", bytearray(b"<a/>")):
        flux, nom, fermer = ouvrir_source(source, taille_max=4)
        assert flux.read() == b"<a/>"
        assert (nom, fermer) == ("", True)
    with pytest.raises(ErreurEntree) as refus:
        ouvrir_source(bytearray(b"<ab/>"), taille_max=4)
    assert str(refus.value) == "document trop gros (reçu : '5 octets' ; attendu : au plus 4 octets)"


def test_tailles_lisibles_a_la_frontiere_du_mio() -> None:
    # 2**20 - 1 octets s'écrivent en octets ; 2**20 et plus en Mio (arrondis).
    assert _refus(b" " * 2**20, taille_max=2**20 - 1) == (
        "document trop gros (reçu : '1 Mio' ; attendu : au plus 1048575 octets)"
    )
    assert _refus(b" " * (2**20 - 1), taille_max=2**20 - 2) == (
        "document trop gros (reçu : '1048575 octets' ; attendu : au plus 1048574 octets)"
    )
    assert _refus(b" " * (5 * 2**20 + 2**19 + 1), taille_max=2**20) == (
        "document trop gros (reçu : '6 Mio' ; attendu : au plus 1 Mio)"
    )


def test_chemin_nomme_et_ferme(tmp_path: Path) -> None:
    chemin = tmp_path / "doc.xml"
    chemin.write_bytes(b"<a/>")
    for source in (chemin, str(chemin)):
        flux, nom, fermer = ouvrir_source(source)
        try:
            assert (flux.read(), nom, fermer) == (b"<a/>", str(chemin), True)
        finally:
            flux.close()  # type: ignore[attr-defined]
    chemin.write_bytes(b"<a>")
    assert _refus(chemin) == (
        f"fichier « {chemin} », ligne 1 : fichier XML vide ou tronqué (fin de fichier "
        "inattendue), colonne 4"
    )
    assert _refus(chemin, taille_max=2) == (
        f"fichier « {chemin} » : fichier trop gros (reçu : '3 octets' ; attendu : au plus 2 octets)"
    )


def test_fichier_ouvert_par_l_appelant_reste_ouvert_et_garde_son_nom(tmp_path: Path) -> None:
    chemin = tmp_path / "doc.xml"
    chemin.write_bytes(b"<a><b/></a>")
    with chemin.open("rb") as flux:
        ouvert, nom, fermer = ouvrir_source(flux)
        assert (ouvert is flux, nom, fermer) == (True, str(chemin), False)
        noms: list[str] = []
        analyser_xml(flux, lambda n, _a: noms.append(n), None)
        assert noms == ["a", "b"]
        assert not flux.closed  # l'appelant l'a ouvert, l'appelant le ferme
    anonyme = io.BytesIO(b"<a>")
    assert ouvrir_source(anonyme) == (anonyme, "", False)
    assert _refus(anonyme) == (
        "ligne 1 : fichier XML vide ou tronqué (fin de fichier inattendue), colonne 4"
    )
    assert not anonyme.closed


def test_octets_lus_fermes_apres_lecture() -> None:
    fermes: list[bool] = []

    class Suivi(io.BytesIO):
        def close(self) -> None:
            fermes.append(True)
            super().close()

    suivi = Suivi(b"<a/>")
    analyser_xml(suivi, None, None)
    assert fermes == []  # ouvert par l'appelant : pas fermé


def test_source_d_un_autre_type_refusee() -> None:
    with pytest.raises(ErreurEntree) as refus:
        ouvrir_source(3)  # type: ignore[arg-type]
    assert str(refus.value) == (
        "source de document invalide (reçu : 'int' ; attendu : un chemin, des octets ou un "
        "fichier ouvert en binaire)"
    )


def test_flux_qui_echoue_ou_en_texte() -> None:
    class Casse(io.RawIOBase):
        name = "casse.xml"

        def read(self, _taille: int = -1) -> bytes:
            raise OSError("disque")

    assert _refus(Casse()) == "fichier « casse.xml », ligne 1 : lecture impossible"
    assert _refus(io.StringIO("<a/>")) == (
        "ligne 1 : le fichier doit être ouvert en binaire (attendu : open(chemin, 'rb'))"
    )


def test_flux_compte_pendant_la_lecture() -> None:
    class Nomme(io.BytesIO):
        name = "flux.xml"

    corps = b"<a>" + b"x" * 100_000 + b"</a>"  # plus d'un morceau de lecture
    analyser_xml(Nomme(corps), None, None, taille_max=len(corps))
    assert _refus(Nomme(corps), taille_max=len(corps) - 1) == (
        f"fichier « flux.xml », ligne 1 : document trop gros (attendu : au plus "
        f"{len(corps) - 1} octets)"
    )


def test_profondeur_au_plus_juste_et_freres_sans_limite() -> None:
    def imbrique(n: int) -> bytes:
        return b"<e>" * n + b"</e>" * n

    analyser_xml(imbrique(PROFONDEUR_MAX), None, None)
    assert _refus(imbrique(PROFONDEUR_MAX + 1)) == (
        "ligne 1 : éléments imbriqués sur plus de 64 niveaux"
    )
    # La profondeur redescend d'un niveau à chaque balise fermante, pas plus : sous <a><b>,
    # après <c/>, 63 niveaux de plus font 65.
    assert _refus(b"<a><b><c/>" + imbrique(63) + b"</b></a>") == (
        "ligne 1 : éléments imbriqués sur plus de 64 niveaux"
    )
    analyser_xml(b"<a><b><c/>" + imbrique(62) + b"</b></a>", None, None)
    # Des frères sans fin : la profondeur redescend à chaque balise fermante.
    analyser_xml(b"<a>" + b"<b><c/></b>" * (3 * PROFONDEUR_MAX) + b"</a>", None, None)


def test_rappels_de_debut_de_fin_et_de_texte() -> None:
    evenements: list[tuple[str, object]] = []
    analyser_xml(
        b"<a x='1'>t&amp;u<b/>v</a>",
        lambda nom, attributs: evenements.append(("debut", (nom, attributs))),
        lambda nom: evenements.append(("fin", nom)),
        texte=lambda caracteres: evenements.append(("texte", caracteres)),
    )
    # Le texte arrive d'un seul tenant, entités comprises (texte mis en tampon).
    assert evenements == [
        ("debut", ("a", {"x": "1"})),
        ("texte", "t&u"),
        ("debut", ("b", {})),
        ("fin", "b"),
        ("texte", "v"),
        ("fin", "a"),
    ]


def test_erreur_d_un_rappel_situee_a_sa_ligne() -> None:
    def refuser(nom: str, _attributs: dict[str, str]) -> None:
        if nom == "b":
            raise ErreurValeur("valeur refusée", cle="b")

    with pytest.raises(ErreurValeur) as refus:
        analyser_xml(b"<a>\n\n<b/></a>", refuser, None)
    assert (refus.value.ligne, refus.value.fichier) == (3, None)


@pytest.mark.parametrize(
    ("octets", "message"),
    [
        (b"<!DOCTYPE a><a/>", "déclaration de type de document (DTD) refusée"),
        (b"<a>&x;</a>", "entité non définie (les entités sont refusées)"),
        (b"<a><b></a>", "balise fermante qui ne correspond pas à la balise ouverte"),
        (b"<a/><b/>", "contenu après la fin de l'élément racine"),
        (b"<?xml version='1.0' encoding='klingon'?><a/>", "encodage de caractères inconnu"),
        (b"", "fichier XML vide ou tronqué"),
    ],
)
def test_messages(octets: bytes, message: str) -> None:
    assert message in _refus(octets)


def test_chaque_refus_d_un_chemin_nomme_le_fichier(tmp_path: Path) -> None:
    chemin = tmp_path / "doc.xml"
    for octets, message in (
        (b"<!DOCTYPE a><a/>", "ligne 1 : déclaration de type de document (DTD) refusée"),
        (b"<?xml version='1.0' encoding='klingon'?><a/>", "ligne 1 : encodage de caractères"),
        (b"<a>\n<b/></a>", "ligne 2, clé « b » : valeur refusée"),
    ):
        chemin.write_bytes(octets)

        def refuser(nom: str, _attributs: dict[str, str]) -> None:
            if nom == "b":
                raise ErreurValeur("valeur refusée", cle="b")

        with pytest.raises(ErreurValeur) as refus:
            analyser_xml(chemin, refuser, None)
        assert str(refus.value).startswith(f"fichier « {chemin} », {message}")


def test_message_d_expat_sans_traduction() -> None:
    # « XML or text declaration not at start of entity » : pas dans la table, message général.
    assert _refus(b" <?xml version='1.0'?><a/>") == "ligne 1 : XML mal formé, colonne 2"


def test_analyseur_arme_en_profondeur() -> None:
    """Défense en profondeur (comme defusedxml) : même si la garde de la DTD était levée, les
    déclarations d'entité et les entités externes resteraient refusées."""
    from collectivites.chargement._xml import _analyseur_arme, _Refus

    entite = b"<!DOCTYPE a [<!ENTITY x 'y'>]><a/>"
    non_analysee = b"<!DOCTYPE a [<!NOTATION n SYSTEM 'n'><!ENTITY x SYSTEM 'u' NDATA n>]><a/>"
    externe = b"<!DOCTYPE a [<!ENTITY x SYSTEM 'file:///etc/passwd'>]><a>&x;</a>"
    for octets, leves, message in (
        (entite, ("StartDoctypeDeclHandler",), "déclaration d'entité refusée"),
        (non_analysee, ("StartDoctypeDeclHandler",), "déclaration d'entité refusée"),
        # Sans gestionnaire des déclarations, expat passe l'entité NDATA à l'ancien gestionnaire.
        (
            non_analysee,
            ("StartDoctypeDeclHandler", "EntityDeclHandler"),
            "déclaration d'entité refusée",
        ),
        (
            externe,
            ("StartDoctypeDeclHandler", "EntityDeclHandler"),
            "référence à une entité externe refusée",
        ),
    ):
        analyseur = _analyseur_arme()
        for gestionnaire in leves:
            setattr(analyseur, gestionnaire, None)
        with pytest.raises(_Refus) as refus:
            analyseur.Parse(octets, True)
        assert str(refus.value) == message


def test_fichier_ouvert_par_chemin_toujours_ferme(tmp_path: Path) -> None:
    import gc
    import warnings

    chemin = tmp_path / "doc.xml"
    for octets in (b"<a/>", b"<a>"):
        chemin.write_bytes(octets)
        with warnings.catch_warnings(record=True) as avertis:
            warnings.simplefilter("always", ResourceWarning)
            with contextlib.suppress(ErreurEntree):
                analyser_xml(chemin, None, None)
            gc.collect()
        assert [a for a in avertis if issubclass(a.category, ResourceWarning)] == []
