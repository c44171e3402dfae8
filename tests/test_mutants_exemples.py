"""Les exemples livrés (``chargement/_exemples.py``) : leur liste, leur lecture, le refus d'un
nom inconnu mot pour mot, la commande et la description du catalogue — valeurs tirées des
fichiers ``donnees/exemples/*.toml`` eux-mêmes."""

from __future__ import annotations

from typing import Any

import pytest

from collectivites.chargement import _exemples
from collectivites.chargement._exemples import (
    _commande,
    _description,
    catalogue_des_exemples,
    exemples_disponibles,
    lire_exemple,
)
from collectivites.erreurs import ErreurDossier
from collectivites.tables import Genre

#: Les fichiers .toml de donnees/exemples, sans extension, dans l'ordre alphabétique (le .csv,
#: le .md et le répertoire docbudg n'en sont pas).
NOMS = [
    "alcome-contrat-type",
    "cdc-57769",
    "cdc-57828",
    "cdc-57851",
    "cdc-57851-delais",
    "convention-rsa-lozere",
    "extranet-valloire-habitat",
    "indemnites-oraison-2023",
    "logement-h2p-2024",
    "logement-unicil-2024",
    "lucca-ddtm34",
    "rep-groupement-2021",
    "rep-oraison-2022",
    "rep-papiers-2024",
    "rsa-lozere-2019",
]


def test_exemples_disponibles() -> None:
    assert exemples_disponibles() == NOMS


def test_lire_un_exemple_et_son_nom_de_fichier() -> None:
    donnees, fichier = lire_exemple("lucca-ddtm34")
    assert fichier == "lucca-ddtm34.toml (exemple livré)"
    assert (
        donnees["contrat"]["nom"] == "Convention de mise à disposition de LUCCA — DDTM de l'Hérault"
    )
    assert sorted(donnees) == ["contrat", "obligations"]


def test_le_nom_du_fichier_accompagne_le_texte_lu(monkeypatch: pytest.MonkeyPatch) -> None:
    """Une erreur dans un exemple nommerait « NOM.toml (exemple livré) » : c'est ce nom que
    reçoit la lecture du TOML."""
    recus: list[tuple[str, str | None]] = []

    def lire(texte: str, fichier: str | None) -> dict[str, Any]:
        recus.append((texte[:40], fichier))
        return {}

    monkeypatch.setattr(_exemples, "lire_toml_texte", lire)
    assert lire_exemple("lucca-ddtm34") == ({}, "lucca-ddtm34.toml (exemple livré)")
    assert recus == [
        (
            "# Convention de mise à disposition de l'",
            "lucca-ddtm34.toml (exemple livré)",
        )
    ]


def test_exemple_inconnu_avec_suggestion() -> None:
    with pytest.raises(ErreurDossier) as refus:
        lire_exemple("lucca-ddtm")
    assert str(refus.value) == (
        "exemple inconnu ; vouliez-vous dire « lucca-ddtm34 » ? (reçu : 'lucca-ddtm' ; "
        f"attendu : {', '.join(NOMS)})"
    )


def test_exemple_inconnu_sans_suggestion_et_nom_qui_n_est_pas_un_texte() -> None:
    with pytest.raises(ErreurDossier) as refus:
        lire_exemple("zzzz")
    assert refus.value.message == "exemple inconnu"
    assert refus.value.attendu == ", ".join(NOMS)
    with pytest.raises(ErreurDossier) as refus:
        lire_exemple(3)  # type: ignore[arg-type]
    assert refus.value.message == "exemple inconnu"
    assert refus.value.valeur == 3
    with pytest.raises(ErreurDossier) as refus:
        lire_exemple(None)  # type: ignore[arg-type]
    assert str(refus.value) == f"exemple inconnu (reçu : None ; attendu : {', '.join(NOMS)})"


def test_commande_d_apres_la_table_de_tete() -> None:
    assert _commande({"convention": {"logements_rpls": 10}}) == "logement flux"
    assert _commande({"convention": {"nom": "x"}}) == "rsa interets-retard"
    assert _commande({"convention": "logements_rpls"}) == "rsa interets-retard"
    assert _commande({"convention": {"nom": "x"}, "acomptes": []}) == "rsa interets-retard"
    assert _commande({"lignes": []}) == "pret tableau"
    assert _commande({"ligne": {}}) == "pret tableau"
    assert _commande({"contrat": {}}) == "contrat echeancier"
    assert _commande({"commune": {}, "elus": []}) == "indemnites calculer"
    assert _commande({"dossier": {}}) == "rep soutiens"
    assert _commande({"acomptes": []}) == "rsa interets-retard"
    # Le premier de la liste l'emporte : « ligne » avant « contrat ».
    assert _commande({"contrat": {}, "ligne": {}}) == "pret tableau"
    assert _commande({"autre": 1}) == ""
    assert _commande({}) == ""


def test_description_premier_paragraphe_coupe_a_la_premiere_phrase() -> None:
    texte = "# Phrase une,\n## suite. Deuxième phrase.\n#\n# Autre paragraphe.\n[x]\n"
    assert _description(texte) == "Phrase une, suite."
    assert _description("#   Seule phrase, n° 17. 02 reste\n\n# non") == (
        "Seule phrase, n° 17. 02 reste"
    )
    assert _description("# Fin « citée ». « Suite »") == "Fin « citée »."
    assert _description("# Un.Deux") == "Un.Deux"
    assert _description("# Ligne\na = 1\n# plus loin") == "Ligne"
    assert _description("a = 1\n# commentaire") == ""
    assert _description("") == ""
    assert _description("# É. Étape. Àla") == "É."
    assert _description("#XVIIe siècle") == "XVIIe siècle"  # seuls les « # » sont retirés


def test_catalogue_des_exemples() -> None:
    document = catalogue_des_exemples()
    assert document.titre == "Exemples livrés"
    (table,) = document.tables
    assert table.cle == "exemples"
    assert table.titre == "Exemples livrés (--exemple NOM)"
    assert [(c.cle, c.libelle, c.genre) for c in table.colonnes] == [
        ("nom", "Nom", Genre.TEXTE),
        ("commande", "Commande", Genre.TEXTE),
        ("description", "Description", Genre.TEXTE),
    ]
    assert [ligne[0] for ligne in table.lignes] == NOMS
    lignes = {ligne[0]: ligne for ligne in table.lignes}
    assert lignes["lucca-ddtm34"] == (
        "lucca-ddtm34",
        "contrat echeancier",
        "Convention de mise à disposition de l'application LUCCA (DDTM de l'Hérault), article 4.",
    )
    assert lignes["cdc-57851"] == (
        "cdc-57851",
        "pret tableau",
        "Contrat de prêt Caisse des Dépôts n° 57851 : Interrégionale Polygone SA d'HLM, "
        "construction de 6 logements rue de la Baysse à Saint-Alban-sur-Limagnole ; garanti par "
        "le Département de la Lozère (25 %) et la commune (75 %).",
    )
    assert lignes["rep-oraison-2022"][1:] == (
        "rep soutiens",
        "Soutiens ALCOME 2022 d'une commune, avec les valeurs d'exemple du dossier type.",
    )
    assert lignes["logement-h2p-2024"][1] == "logement flux"
    assert lignes["rsa-lozere-2019"][1] == "rsa interets-retard"
    assert lignes["indemnites-oraison-2023"][1] == "indemnites calculer"


def test_catalogue_nomme_l_exemple_lu(monkeypatch: pytest.MonkeyPatch) -> None:
    noms: list[str | None] = []

    def lire(_texte: str, fichier: str | None) -> dict[str, Any]:
        noms.append(fichier)
        return {}

    monkeypatch.setattr(_exemples, "lire_toml_texte", lire)
    catalogue_des_exemples()
    assert noms == NOMS


def test_exemples_lus_en_utf_8_quel_que_soit_l_encodage_du_systeme(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Sur un système dont l'encodage par défaut n'est pas UTF-8 (Windows : cp1252), un texte
    ouvert sans encodage serait mal lu (« Ã© » pour « é ») : les exemples sont lus en UTF-8
    nommément. Simulé ici : l'encodage par défaut des ouvertures devient Latin-1."""
    import io

    ouvrir = io.text_encoding
    monkeypatch.setattr(
        io, "text_encoding", lambda encodage, *args: encodage or ouvrir("latin-1", *args)
    )
    donnees, _fichier = lire_exemple("lucca-ddtm34")
    assert (
        donnees["contrat"]["nom"] == "Convention de mise à disposition de LUCCA — DDTM de l'Hérault"
    )
    lignes = {ligne[0]: ligne for ligne in catalogue_des_exemples().tables[0].lignes}
    assert lignes["lucca-ddtm34"][2] == (
        "Convention de mise à disposition de l'application LUCCA (DDTM de l'Hérault), article 4."
    )
