"""Dossiers de prêt : clés de l'article 9, entrées invalides refusées avec le fichier et la clé."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from collectivites.erreurs import ErreurDossier, ErreurValeur
from collectivites.prets import charger_ligne, charger_pret, exemple_pret

LIGNE = """
[ligne]
identifiant = "5165325"
contrat = "57851"
produit = "PLUS foncier"
emprunteur = "Interrégionale Polygone SA d'HLM"
montant = "128189.00"
date_debut_amortissement = 2017-12-06
duree = 50
periodicite = "annuelle"
index = "livret_a"
valeur_index_reference = "0,75 %"
marge = "0,60 %"
taux_interet = "1,35 %"
profil = "amortissement_deduit_interets_differes"
revision = "DL"
taux_progressivite = "0,50 %"
taux_plancher_progressivite = "0 %"
mode_calcul_interets = "equivalent"
base_calcul = "30/360"
[prefinancement]
duree_mois = 12
taux = "1,35 %"
reglement_interets = "paiement"
"""


def _ecrire(tmp_path: Path, texte: str) -> Path:
    chemin = tmp_path / "ligne.toml"
    chemin.write_text(texte, encoding="utf-8")
    return chemin


def test_dossier_de_l_issue(tmp_path: Path) -> None:
    ligne = charger_ligne(_ecrire(tmp_path, LIGNE))
    assert ligne.montant == Decimal("128189.00")
    assert ligne.taux_interet == Decimal("0.0135")
    assert ligne.prefinancement is not None and ligne.prefinancement.duree_mois == 12
    assert ligne == next(x for x in exemple_pret("cdc-57851").lignes if x.identifiant == "5165325")


def test_taux_deduit_de_l_index_et_de_la_marge(tmp_path: Path) -> None:
    texte = LIGNE.replace('taux_interet = "1,35 %"\n', "")
    assert charger_ligne(_ecrire(tmp_path, texte)).taux_interet == Decimal("0.0135")


def test_index_de_reference_lu_a_la_date_d_effet(tmp_path: Path) -> None:
    texte = LIGNE.replace('valeur_index_reference = "0,75 %"\n', "date_effet = 2016-12-15\n")
    ligne = charger_ligne(_ecrire(tmp_path, texte))
    assert ligne.valeur_index_reference == Decimal("0.0075")


def test_montant_entier_accepte(tmp_path: Path) -> None:
    texte = LIGNE.replace('montant = "128189.00"', "montant = 128189")
    assert charger_ligne(_ecrire(tmp_path, texte)).montant == Decimal(128189)


@pytest.mark.parametrize(
    ("avant", "apres", "motif"),
    [
        ('montant = "128189.00"', "montant = 128189.00", r"clé « ligne.montant ».*flottant"),
        ('marge = "0,60 %"', 'marge = "0,60"', r"clé « ligne.marge ».*pourcentage"),
        ('marge = "0,60 %"', "marge = 0.6", r"clé « ligne.marge ».*pourcentage"),
        (
            'profil = "amortissement_deduit_interets_differes"',
            'profil = "amortissement_deduit_interets_diferes"',
            r"clé « ligne.profil ».*vouliez-vous dire « amortissement_deduit_interets_differes »",
        ),
        ('index = "livret_a"', 'index = "livret_b"', r"clé « ligne.index ».*livret_a"),
        ("duree = 50", "duree = 0", r"clé « ligne.duree ».*de 1 à 1200"),
        ('taux_interet = "1,35 %"', 'taux_interet = "1,45 %"', r"ligne.taux_interet.*incohérent"),
        ("duree = 50", "", r"clé « ligne.duree » : clé obligatoire absente"),
        ('revision = "DL"', 'revision = "DX"', r"clé « ligne.revision »"),
        ("duree_mois = 12", "duree_mois = 30", r"prefinancement.duree_mois.*de 3 à 24"),
        ('base_calcul = "30/360"', 'base_calcul = "30/360"\nmontan = 1', r"ligne.montan.*inconnue"),
        (
            'taux_progressivite = "0,50 %"',
            'taux_progressivite = "-0,50 %"',
            r"inférieur à son taux plancher",
        ),
    ],
)
def test_entrees_invalides(tmp_path: Path, avant: str, apres: str, motif: str) -> None:
    chemin = _ecrire(tmp_path, LIGNE.replace(avant, apres))
    with pytest.raises(ErreurDossier, match=motif) as info:
        charger_ligne(chemin)
    assert str(chemin) in str(info.value)


def test_toml_invalide(tmp_path: Path) -> None:
    with pytest.raises(ErreurDossier, match="TOML invalide"):
        charger_ligne(_ecrire(tmp_path, "[ligne\n"))
    with pytest.raises(ErreurDossier, match="introuvable"):
        charger_ligne(tmp_path / "absent.toml")


def test_pret_multiligne() -> None:
    pret = exemple_pret("cdc-57851")
    assert pret.montant == Decimal("441634.00")  # art. 2 : 441 634,00 euros, 2 lignes
    assert [g.quotite for g in pret.garants] == [Decimal("0.25"), Decimal("0.75")]
    assert pret.hypotheses


def test_quotites_qui_ne_font_pas_100(tmp_path: Path) -> None:
    texte = (
        '[pret]\nnumero = "1"\n[[garants]]\nnom = "A"\nquotite = "25 %"\n'
        '[[garants]]\nnom = "B"\nquotite = "70 %"\n'
        + LIGNE.replace("[ligne]", "[[lignes]]").replace(
            "[prefinancement]", "[lignes.prefinancement]"
        )
    )
    with pytest.raises(ErreurValeur, match="95"):
        charger_pret(_ecrire(tmp_path, texte))


@pytest.mark.parametrize("nom", ["cdc-57851", "cdc-57769", "cdc-57828"])
def test_exemples_livres(nom: str) -> None:
    pret = exemple_pret(nom)
    assert pret.numero == nom.removeprefix("cdc-")
    assert pret.source


def test_taux_fixe(tmp_path: Path) -> None:
    texte = (
        LIGNE.replace('index = "livret_a"', 'index = "fixe"')
        .replace('valeur_index_reference = "0,75 %"\n', "")
        .replace('marge = "0,60 %"\n', "")
        .replace('revision = "DL"', 'revision = "fixe"')
    )
    ligne = charger_ligne(_ecrire(tmp_path, texte))
    assert (ligne.index, ligne.taux_interet, ligne.marge) == (
        "fixe",
        Decimal("0.0135"),
        Decimal("0.0135"),
    )
    from collectivites.prets import calculer_tableau, scenario

    assert scenario("historique").source_pour(ligne) is None
    assert calculer_tableau(ligne).total_echeances == Decimal("179588.21")


@pytest.mark.parametrize(
    ("avant", "apres", "cle"),
    [
        ('quotite = "70 %"', 'quotite = "70"', "garants[1].quotite"),
        ("duree_mois = 12", "duree_mois = 30", "lignes[0].prefinancement.duree_mois"),
        ('marge = "0,60 %"', 'marge = "0,60"', "lignes[0].marge"),
    ],
)
def test_chemin_d_une_cle_imbriquee(tmp_path: Path, avant: str, apres: str, cle: str) -> None:
    """Le chemin d'une clé refusée dans une liste de tables, puis une sous-table : rédigé au
    refus seulement, le même qu'avant."""
    texte = (
        '[pret]\nnumero = "1"\n[[garants]]\nnom = "A"\nquotite = "30 %"\n'
        '[[garants]]\nnom = "B"\nquotite = "70 %"\n'
        + LIGNE.replace("[ligne]", "[[lignes]]").replace(
            "[prefinancement]", "[lignes.prefinancement]"
        )
    ).replace(avant, apres)
    with pytest.raises(ErreurDossier) as refus:
        charger_pret(_ecrire(tmp_path, texte))
    assert refus.value.cle == cle
