"""Ce que les passages de mutation de ``dette/_etat``, ``_controles`` et ``_garanties`` ont
laissé vivre : l'écriture exacte d'une moyenne pondérée quand un emprunt a un encours nul, le
capital remboursé négatif d'un emprunt à zéro, et les garanties sous un contexte décimal réduit,
un bénéficiaire qui n'est pas un texte, le plafond atteint tout juste."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, localcontext

import pytest

from collectivites.dette import (
    ElementsRatio,
    ProjetGarantie,
    controler_annexe_dette,
    etat_de_la_dette,
    lire_document_budgetaire,
    ratio_garanties,
)
from collectivites.erreurs import ErreurDonnees, ErreurType, ErreurValeur
from tests.test_dette_etat import _document


def test_un_encours_nul_n_entre_pas_dans_la_moyenne_meme_par_son_ecriture() -> None:
    """Un emprunt soldé (encours 0,00 au 31 décembre) au taux de 2,125 % est écarté de la
    moyenne : la moyenne est celle du seul autre, 2 %, écrite ``0.02`` (l'ajouter avec un poids
    nul donnerait la même valeur mais écrite ``0.02000``, ce qu'un carnet afficherait)."""
    emprunts = [
        {"CodTypEmpr": "01", "MtCapitalRestDu_31_12": "900", "TxActua": "2"},
        {"CodTypEmpr": "01", "MtCapitalRestDu_31_12": "0.00", "TxActua": "2.125"},
    ]
    propre = etat_de_la_dette(lire_document_budgetaire(_document(emprunts))).categorie("propre")
    assert str(propre.taux_moyen) == "0.02"


def test_emprunt_a_zero_avec_un_remboursement_negatif_est_incoherent() -> None:
    """Capital nul au 1er janvier et au 31 décembre, remboursement déclaré de −100 : l'écart
    n'est pas celui d'un emprunt soldé sans remboursement (il n'y avait rien à solder) mais une
    incohérence, dont le texte montre le calcul."""
    document = lire_document_budgetaire(
        _document(
            [
                {
                    "CodTypEmpr": "01",
                    "NumContrat": "N",
                    "MtCapitalRestDu_01_01": "0",
                    "MtCapitalRestDu_31_12": "0",
                    "MtCapitalExer": "-100",
                }
            ]
        )
    )
    anomalies = controler_annexe_dette(document).anomalies
    assert [(a.code, a.attendu) for a in anomalies if a.code.startswith("capital")] == [
        ("capital_restant_du_incoherent", "capital restant dû au 31 décembre = 100,00 €")
    ]


def test_quotite_refusee_ecrite_en_pourcentage_francais_sous_tout_contexte() -> None:
    """Une quotité de 123,45 % est refusée et redite « 123,45 % » (virgule, tous ses
    chiffres), même sous un contexte décimal de 2 chiffres chez l'appelant."""
    with localcontext() as contexte:
        contexte.prec = 2
        with pytest.raises(ErreurValeur) as refus:
            ProjetGarantie(annuite="1000.00", quotite="123,45 %", beneficiaire="A")
    assert str(refus.value) == (
        "clé « quotite » : une quotité est une part de l'emprunt (reçu : '123,45 %' ; attendu : "
        "plus de 0 % à 100 %)"
    )


def test_beneficiaire_qui_n_est_pas_un_texte() -> None:
    with pytest.raises(ErreurType) as refus:
        ProjetGarantie(annuite="1000.00", quotite="50 %", beneficiaire=3)
    assert str(refus.value) == "clé « beneficiaire » : type refusé (reçu : 3 ; attendu : un texte)"


def test_ratio_affiche_sous_un_contexte_reduit() -> None:
    """L'exemple de la documentation (6,35 %) sous un contexte de 2 chiffres : l'arrondi
    d'affichage ne dépend pas du contexte de l'appelant."""
    elements = ElementsRatio(
        recettes_reelles_fonctionnement="3082599.00",
        annuite_nette_dette="160847.18",
        annuites_garanties_a_echoir="34880.06",
    )
    with localcontext() as contexte:
        contexte.prec = 2
        assert ratio_garanties(elements).ratio_affiche == Decimal("0.0635")


def test_charge_egale_au_plafond_respecte() -> None:
    """« ne peut excéder » : une charge égale au plafond (50 % de 1 000 000 €) le respecte ;
    un centime de plus ne le respecte plus."""
    juste = ratio_garanties(
        ElementsRatio(recettes_reelles_fonctionnement="1000000.00", annuite_nette_dette="500000.00")
    )
    assert (juste.numerateur, juste.plafond, juste.respecte) == (500000, 500000, True)
    trop = ratio_garanties(
        ElementsRatio(recettes_reelles_fonctionnement="1000000.00", annuite_nette_dette="500000.01")
    )
    assert trop.respecte is False


def _anomalies_de_taux(emprunt: dict[str, str]) -> list[tuple[str, str, str]]:
    document = lire_document_budgetaire(_document([{"CodTypEmpr": "01", **emprunt}]))
    codes = ("classification_gissler_incoherente", "type_de_taux_et_index_incoherents")
    return [
        (a.code, a.attendu, a.trouve)
        for a in controler_annexe_dette(document).anomalies
        if a.code in codes
    ]


def test_sous_jacent_faux_sans_structure_se_dit_non_classe() -> None:
    """Un Livret A classé en sous-jacent 2 sans structure : la classe n'est pas écrite
    (« non classé »), l'écart de sous-jacent l'est."""
    assert _anomalies_de_taux(
        {
            "IndexTxVariDtVote": "Livret A + 0.6",
            "IndSousJacentDtVote": "2",
            "CodTyptxDtVote": "V",
        }
    ) == [
        (
            "classification_gissler_incoherente",
            "1A pour l'index « Livret A + 0.6 » (charte de bonne conduite, circulaire du 25 juin "
            "2010)",
            "non classé : indice sous-jacent 2 au lieu de 1",
        )
    ]


@pytest.mark.parametrize(
    "emprunt",
    [{"CodTyptxDtVote": "F"}, {"IndexTxVariDtVote": "Taux fixe à 1.5 %"}],
    ids=["type sans index", "index sans type"],
)
def test_type_de_taux_ou_index_seul_ne_se_contredisent_pas(emprunt: dict[str, str]) -> None:
    """La cohérence du type de taux et de l'index ne se juge qu'avec les deux."""
    assert _anomalies_de_taux(emprunt) == []


def test_marge_d_index_exacte_sous_un_contexte_reduit() -> None:
    """« Livret A + 1,25 » a une marge de 0,0125 et « Euribor 3M - 0,125 % » de −0,00125, même
    dans un carnet en précision 2 (la division par 100 et le signe ne s'arrondissent pas au
    contexte de l'appelant : 0,012 et −0,0012 avant la correction)."""
    from collectivites.dette._normalisation import normaliser_index

    with localcontext() as contexte:
        contexte.prec = 2
        lus = [normaliser_index(t) for t in ("Livret A + 1,25", "Euribor 3M - 0,125 %")]
    assert [(lu.code, lu.marge) for lu in lus] == [
        ("livret_a", Decimal("0.0125")),
        ("euribor_3m", Decimal("-0.00125")),
    ]


def test_montant_au_plafond_de_vraisemblance() -> None:
    """1 000 000 000 000 € est le plus grand montant admis ; un centime de plus est refusé."""
    assert ProjetGarantie(
        annuite="1000000000000.00", quotite="50 %", beneficiaire="A"
    ).annuite == Decimal("1000000000000.00")
    with pytest.raises(ErreurValeur) as refus:
        ProjetGarantie(annuite="1000000000000.01", quotite="50 %", beneficiaire="A")
    assert str(refus.value) == (
        "clé « annuite » : montant irréaliste (reçu : 1000000000000.01 ; attendu : au plus "
        "1 000 000 000 000 €)"
    )


def test_montant_au_centime_sous_un_contexte_reduit() -> None:
    """Un montant de huit chiffres au centime est admis dans un carnet en précision 3 (le
    contrôle « au centime » ne s'arrondit pas au contexte de l'appelant)."""
    with localcontext() as contexte:
        contexte.prec = 3
        projet = ProjetGarantie(annuite="123456.78", quotite="50 %", beneficiaire="A")
    assert projet.annuite == Decimal("123456.78")


def test_ratio_a_une_date_anterieure_aux_regles_livrees() -> None:
    """Les pourcentages livrés datent du 9 avril 2000 : un ratio daté d'avant est refusé, la
    date n'est pas ignorée."""
    elements = ElementsRatio(recettes_reelles_fonctionnement="1000.00")
    with pytest.raises(ErreurDonnees) as refus:
        ratio_garanties(elements, date=dt.date(2000, 4, 8))
    assert "aucune version livrée avant le 09/04/2000" in str(refus.value)
    assert ratio_garanties(elements, date=dt.date(2000, 4, 9)).respecte is True


def test_taux_fixe_lu_dans_le_libelle() -> None:
    """« Taux fixe à 1,625 % » : un taux fixe de 0,01625 ; « Taux fixe » sans valeur : aucun."""
    from collectivites.dette._normalisation import normaliser_index

    assert normaliser_index("Taux fixe à 1,625 %").taux_fixe == Decimal("0.01625")
    assert normaliser_index("Taux fixe").taux_fixe is None


def test_paquet_dette_sans_nom_inconnu_et_liste_triee() -> None:
    """Le paquet ``collectivites.dette`` refuse un nom inconnu comme un module (AttributeError
    qui le nomme) et ``dir()`` donne ses noms publics."""
    from collectivites import dette

    with pytest.raises(AttributeError, match="has no attribute 'inexistant'"):
        dette.inexistant  # noqa: B018
    assert {"etat_de_la_dette", "verifier_garantie"} <= set(dir(dette))
