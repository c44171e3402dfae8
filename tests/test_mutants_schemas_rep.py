"""Tests de mutation de ``collectivites.regles.rep._schemas`` : un barème écrit en TOML avec
toutes ses tables est lu champ par champ ; un barème minimal prend les défauts ; les erreurs
sont situées à la clé du fichier (``bareme.en_vigueur_au``, ``paiement.echeance_du``) et dites
en français."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from collectivites.erreurs import ErreurCollectivites, ErreurType
from collectivites.regles.delais import lire_duree
from collectivites.regles.rep import Bareme
from collectivites.regles.rep._schemas import bareme_depuis_toml, schema_bareme

P = Decimal

COMPLET = """
[bareme]
code = "essai"
nom = "Barème d'essai"
filiere = "Filière d'essai"
en_vigueur_du = 2024-01-01
en_vigueur_au = 2024-12-31
reference = "arrêté d'essai"
assiette = "habitants"
prorata_temporis = true
prorata_reference = "art. 5"
arrondi = "au centime"

[[typologies]]
code = "rural"
libelle = "Rural"
taux = "0.50"
population_max = 5000

[[typologies]]
code = "touristique"
libelle = "Touristique"
taux = "1.58"
remplace = ["rural"]
[[typologies.criteres]]
indicateur = "taux_residences_secondaires"
comparaison = ">"
seuil = "0.50"

[[ponderations]]
annee = 2024
coefficient = "0.75"

[[tarifs_tonne]]
code = "bois"
libelle = "Bois"
taux = "20.00"

[[penalites]]
code = "retard"
libelle = "Retard"
nature = "par_unite"
montant = "100.00"

[plafond_penalites]
taux = "15 %"
reference = "art. 20.4"

[paiement]
echeance_du = "04-30"
echeance_au = "10-30"
reference = "art. 20.1"

[[calendrier]]
code = "decompte"
libelle = "Décompte"
delai = "60 jours"
depart = "echeance"
sens = "avant"

[autres]
zeta = 2
alpha = "a"

[[textes]]
du = 2024-01-01
au = 2024-06-30
reference = "premier arrêté"

[[textes]]
du = 2024-07-01
reference = "second arrêté"
"""

MINIMAL = """
[bareme]
code = "mini"
nom = "Minimal"
en_vigueur_du = 2024-01-01
reference = "essai"
assiette = "tonnes"
[[tarifs_tonne]]
code = "bois"
libelle = "Bois"
taux = "20.00"
"""


def test_bareme_complet_lu_champ_par_champ() -> None:
    b = bareme_depuis_toml(COMPLET, fichier="essai.toml")
    assert isinstance(b, Bareme)
    assert (b.code, b.nom, b.filiere) == ("essai", "Barème d'essai", "Filière d'essai")
    # en vigueur jusqu'au 31/12/2024 inclus : fin exclue le 01/01/2025
    assert (b.debut, b.fin) == (dt.date(2024, 1, 1), dt.date(2025, 1, 1))
    assert b.reference == "arrêté d'essai"
    assert b.assiette.value == "habitants"
    assert (b.prorata_temporis, b.prorata_reference, b.arrondi) == (True, "art. 5", "au centime")
    assert [t.code for t in b.typologies] == ["rural", "touristique"]
    assert b.typologies[1].remplace == ("rural",)
    assert b.typologies[1].criteres[0].seuil == P("0.50")
    assert [(p.annee, p.coefficient) for p in b.ponderations] == [(2024, P("0.75"))]
    assert [(t.code, t.taux) for t in b.tarifs_tonne] == [("bois", P("20.00"))]
    assert [(p.code, p.montant) for p in b.penalites] == [("retard", P("100.00"))]
    assert (b.plafond_penalites, b.plafond_reference) == (P("0.15"), "art. 20.4")
    assert (b.echeance_du, b.echeance_au, b.paiement_reference) == ("04-30", "10-30", "art. 20.1")
    assert [(e.code, e.libelle, e.delai, e.depart) for e in b.calendrier] == [
        ("decompte", "Décompte", lire_duree("60 jours"), "echeance")
    ]
    assert b.autres == (("alpha", "a"), ("zeta", 2))  # rangés par nom
    assert [(t.debut, t.fin, t.reference) for t in b.textes] == [
        (dt.date(2024, 1, 1), dt.date(2024, 7, 1), "premier arrêté"),
        (dt.date(2024, 7, 1), None, "second arrêté"),
    ]
    assert b.source == "essai.toml"


def test_bareme_minimal_et_ses_defauts() -> None:
    b = bareme_depuis_toml(MINIMAL)
    assert (b.code, b.debut, b.fin) == ("mini", dt.date(2024, 1, 1), None)
    assert (b.filiere, b.prorata_temporis, b.prorata_reference, b.arrondi) == ("", False, "", "")
    assert (b.typologies, b.ponderations, b.penalites, b.calendrier, b.textes) == (
        (),
        (),
        (),
        (),
        (),
    )
    assert (b.plafond_penalites, b.plafond_reference) == (None, "")
    assert (b.echeance_du, b.echeance_au, b.paiement_reference) == (None, None, "")
    assert b.autres == ()
    assert b.source == ""


def test_plafond_et_paiement_sans_reference() -> None:
    texte = (
        MINIMAL + '[plafond_penalites]\ntaux = "10 %"\n'
        '[paiement]\necheance_du = "01-31"\necheance_au = "02-28"\n'
    )
    b = bareme_depuis_toml(texte)
    assert (b.plafond_penalites, b.plafond_reference) == (P("0.10"), "")
    assert (b.echeance_du, b.echeance_au, b.paiement_reference) == ("01-31", "02-28", "")


def test_schema_nomme_par_son_fichier() -> None:
    assert schema_bareme("x.toml").nom == "barème"
    assert [c.nom for c in schema_bareme().cles] == [
        "bareme",
        "typologies",
        "ponderations",
        "tarifs_tonne",
        "penalites",
        "plafond_penalites",
        "paiement",
        "calendrier",
        "autres",
        "textes",
    ]


def _erreur(texte: str, fichier: str | None = "b.toml") -> ErreurCollectivites:
    with pytest.raises(ErreurCollectivites) as refus:
        bareme_depuis_toml(texte, fichier=fichier)
    return refus.value


def test_fin_avant_le_debut_situee_a_sa_cle() -> None:
    texte = MINIMAL.replace("en_vigueur_du = 2024-01-01", "en_vigueur_du = 2024-01-01\n"
                            "en_vigueur_au = 2023-06-30")  # fmt: skip
    erreur = _erreur(texte)
    assert erreur.message == "la fin de vigueur précède le début"
    assert (erreur.fichier, erreur.cle) == ("b.toml", "bareme.en_vigueur_au")


def test_debut_situe_a_sa_cle() -> None:
    erreur = _erreur(MINIMAL.replace("en_vigueur_du = 2024-01-01", "en_vigueur_du = 1"))
    assert erreur.cle == "bareme.en_vigueur_du"
    assert erreur.fichier == "b.toml"


@pytest.mark.parametrize(
    ("du", "au", "cle"),
    [("13-45", "10-30", "paiement.echeance_du"), ("04-30", "13-45", "paiement.echeance_au")],
)
def test_echeance_fausse_situee_a_sa_cle(du: str, au: str, cle: str) -> None:
    erreur = _erreur(MINIMAL + f'[paiement]\necheance_du = "{du}"\necheance_au = "{au}"\n')
    assert erreur.cle == cle
    assert erreur.fichier == "b.toml"


def test_autres_doit_etre_une_table() -> None:
    erreur = _erreur(MINIMAL.replace("[bareme]", 'autres = "x"\n[bareme]'))
    assert erreur.message == "une table est attendue"
    assert (erreur.valeur, erreur.attendu) == ("x", "une table")
    assert erreur.cle == "autres"


def test_texte_qui_n_est_pas_du_texte() -> None:
    """Le moteur refuse déjà un argument qui n'est pas un ``str`` ; la fonction nue (appelée
    sans son enveloppe) le refuse aussi, en nommant le TOML attendu."""
    with pytest.raises(ErreurType, match="type refusé"):
        bareme_depuis_toml(MINIMAL.encode())  # type: ignore[arg-type]
    with pytest.raises(ErreurType) as refus:
        bareme_depuis_toml.__wrapped__(MINIMAL.encode())
    erreur = refus.value
    assert (erreur.message, erreur.cle, erreur.attendu) == (
        "type refusé",
        "texte",
        "un texte TOML",
    )
    assert erreur.valeur == MINIMAL.encode()


def test_erreur_de_toml_nomme_le_fichier() -> None:
    erreur = _erreur("[bareme\n", fichier="casse.toml")
    assert erreur.fichier == "casse.toml"
