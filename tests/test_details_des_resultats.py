"""Ce que les résultats portent au-delà du chiffre principal, et ce que les lecteurs tirent des
données livrées : notes des jours fériés, références des zones, jours chômés par usage local,
parts payées d'un acompte, opérations d'un même mois additionnées, espaces insécables."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest

from collectivites.calendrier import jours_feries, liste_feries, zones
from collectivites.donnees import PointSerie, SerieDatee
from collectivites.erreurs import ErreurDossier, ErreurValeur
from collectivites.prets import (
    exemple_pret,
    lire_courbe_csv,
    rembourser_par_anticipation,
    serie_index,
)
from collectivites.regles.delais import lire_duree
from collectivites.regles.rsa import (
    Acompte,
    ConventionRsa,
    Operation,
    Paiement,
    calculer_interets_retard,
    calculer_regularisation,
)

D = dt.date
LOZERE = ConventionRsa(nom="Lozère", avance_tresorerie=Decimal("328000"))


# --- calendrier : ce que le lecteur tire des données livrées -------------------------------------


def test_zones_livrees() -> None:
    toutes = zones()
    for code, zone in toutes.items():
        assert zone.code == code and zone.nom
    assert toutes["alsace-moselle"].reference == "C. trav. art. L3134-13"
    assert toutes["metropole"].reference == ""


def test_notes_des_jours_feries() -> None:
    """Loi du 23 avril 1919 ; loi n° 2004-626 du 30 juin 2004 (journée de solidarité)."""
    notes = {j.nom: j.note for j in jours_feries(2024)}
    assert notes["Fête du Travail"].startswith("Non retenus : 1919")
    assert notes["Lundi de Pentecôte"].startswith("Reste férié en 2005-2007")
    assert notes["Noël"] == ""


def test_jours_chomes_par_usage_local() -> None:
    """Guadeloupe : Mi-Carême, Vendredi saint, fête de Victor Schœlcher chômés par usage."""
    sans = liste_feries(2024, "971")
    avec = liste_feries(2024, "971", inclure_chomes_locaux=True)
    locaux = {j.date for j in avec.jours} - {j.date for j in sans.jours}
    assert {D(2024, 3, 7), D(2024, 3, 29), D(2024, 7, 21)} <= locaux
    assert liste_feries(2024).zone == "metropole"


# --- délais ---------------------------------------------------------------------------------------


def test_espace_insecable_dans_une_duree() -> None:
    assert lire_duree("15\u00a0jours ouvrés") == lire_duree("15 jours ouvrés")


def test_partie_illisible_d_une_duree_composee() -> None:
    with pytest.raises(ErreurValeur) as erreur:
        lire_duree("1 mois et 15 trucs")
    assert erreur.value.valeur == "1 mois et 15 trucs"


# --- rSa ------------------------------------------------------------------------------------------


def test_parts_d_un_acompte_paye_en_deux_fois() -> None:
    """Échéance de l'acompte de janvier 2017 : le 6 février (art. 8.2.1) ; 60 € payés le
    6 février (à l'heure), 40 € le 16 février (10 jours de retard)."""
    acompte = Acompte(
        mois=D(2017, 1, 1),
        montant=Decimal("100.00"),
        paiements=(
            Paiement(date=D(2017, 2, 6), montant=Decimal("60.00")),
            Paiement(date=D(2017, 2, 16), montant=Decimal("40.00")),
        ),
    )
    eonia = SerieDatee(
        nom="eonia du cas",
        points=(PointSerie(date_effet=D(2017, 1, 1), valeur=Decimal("-0.0035")),),
    )
    resultat = calculer_interets_retard(
        LOZERE, [acompte], taux_mensuels=eonia, date_arrete=D(2017, 3, 31)
    )
    (ligne,) = resultat.lignes
    assert ligne.montant == Decimal("100.00")
    assert [(p.date_paiement, p.jours) for p in ligne.parts] == [
        (D(2017, 2, 6), 0),
        (D(2017, 2, 16), 10),
    ]
    assert resultat.date_arrete == D(2017, 3, 31)


def test_cinquante_centimes_impayes_exigent_une_date_d_arrete() -> None:
    acompte = Acompte(
        mois=D(2017, 1, 1),
        montant=Decimal("100.00"),
        paiements=(Paiement(date=D(2017, 2, 6), montant=Decimal("99.50")),),
    )
    with pytest.raises(ErreurValeur, match=r"0\.50 € restent impayés"):
        calculer_interets_retard(LOZERE, [acompte])


def test_operations_d_un_meme_mois_additionnees() -> None:
    """Deux opérations de mars 2017 (60 + 40) valent une de 100 : régularisation nulle quand
    acomptes et opérations sont égaux mois par mois."""
    acomptes = [Acompte(mois=D(2017, m, 1), montant=Decimal(100)) for m in range(1, 13)]
    mois = [D(2016, 12, 1)] + [D(2017, m, 1) for m in range(1, 12)]
    operations = [Operation(mois=m, montant=Decimal(100)) for m in mois if m != D(2017, 3, 1)]
    operations += [
        Operation(mois=D(2017, 3, 1), montant=Decimal(60)),
        Operation(mois=D(2017, 3, 1), montant=Decimal(40)),
    ]
    resultat = calculer_regularisation(2017, acomptes, operations)
    assert len(resultat.detail) == 12
    assert resultat.total_acomptes == resultat.total_operations == Decimal(1200)
    assert resultat.solde == 0


# --- prêts ----------------------------------------------------------------------------------------


def test_remboursement_sur_l_index_demande() -> None:
    """Le tableau « avant » d'un remboursement suit l'index demandé, pas l'index d'émission."""
    ligne = exemple_pret("cdc-57851").ligne("5165325")
    historique = serie_index("livret_a")
    emission = rembourser_par_anticipation(ligne, D(2024, 12, 6))
    revise = rembourser_par_anticipation(ligne, D(2024, 12, 6), index=historique)
    assert revise.capital_restant_du != emission.capital_restant_du


def test_courbe_lue_nomme_son_fichier(tmp_path: Path) -> None:
    chemin = tmp_path / "courbe.csv"
    chemin.write_text("maturite_ans,taux\n1,2 %\n5,3 %\n", encoding="utf-8")
    assert lire_courbe_csv(chemin).source == str(chemin)
    faux = tmp_path / "faux.csv"
    faux.write_text("maturite_ans,taux\n1,abc\n", encoding="utf-8")
    with pytest.raises(ErreurDossier) as erreur:
        lire_courbe_csv(faux)
    assert erreur.value.fichier == str(faux)
    sans_colonne = tmp_path / "sans.csv"
    sans_colonne.write_text("maturite,taux\n1,2 %\n", encoding="utf-8")
    with pytest.raises(ErreurDossier) as erreur:
        lire_courbe_csv(sans_colonne)
    assert erreur.value.fichier == str(sans_colonne)


def test_description_de_l_index_du_tableau() -> None:
    from collectivites.prets import IndexFige, calculer_tableau

    ligne = exemple_pret("cdc-57851").ligne("5165325")
    assert calculer_tableau(ligne).index == "index figé à sa valeur d'émission"
    historique = serie_index("livret_a")
    attendu = getattr(historique, "description", None) or historique.nom
    assert calculer_tableau(ligne, index=historique).index == attendu
    fige = IndexFige(valeur=Decimal("0.03"))
    assert calculer_tableau(ligne, index=fige).index == (
        getattr(fige, "description", None) or getattr(fige, "nom", "index fourni")
    )


def test_teg_d_une_ligne_mensuelle() -> None:
    """Douze périodes par an pour une ligne mensuelle ; TEG = taux de période × 12 (art. 9 des
    contrats CDC : « calculé selon un mode proportionnel au taux de période »)."""
    import attrs

    from collectivites.prets import calculer_teg
    from collectivites.prets._modeles import Periodicite

    ligne = exemple_pret("cdc-57851").ligne("5165325")
    mensuelle = attrs.evolve(
        ligne, periodicite=Periodicite.MENSUELLE, duree=24, prefinancement=None
    )
    resultat = calculer_teg(mensuelle)
    assert resultat.periodes_par_an == 12
    assert abs(resultat.teg - resultat.taux_periode * 12) < Decimal("1e-26")


# --- rSa : taux de référence et échéances ------------------------------------------------------


def _serie(mois: dt.date, valeur: str) -> SerieDatee:
    return SerieDatee(
        nom="série du cas", points=(PointSerie(date_effet=mois, valeur=Decimal(valeur)),)
    )


def test_taux_de_reference_selon_sa_provenance() -> None:
    from collectivites.regles.rsa import TauxReference, taux_reference_du_mois
    from collectivites.regles.rsa._taux_reference import eonia_mensuel_livre

    fourni = taux_reference_du_mois(D(2017, 1, 15), utilisateur=_serie(D(2017, 1, 1), "-0.0035"))
    assert (fourni.mois, fourni.valeur, fourni.provenance) == (
        D(2017, 1, 1),
        Decimal("-0.0035"),
        "taux fourni",
    )
    livre = taux_reference_du_mois(D(2019, 3, 1))
    assert livre.mois == D(2019, 3, 1)
    assert livre.valeur == eonia_mensuel_livre().valeur_exacte(D(2019, 3, 1))
    assert livre.provenance == "EONIA, moyenne mensuelle livrée"
    # Après l'EONIA (dernier fixing le 3 janvier 2022) : €STR + 0,085 point.
    remplace = taux_reference_du_mois(D(2022, 3, 1), estr=_serie(D(2022, 3, 1), "-0.00582"))
    assert (remplace.mois, remplace.valeur) == (D(2022, 3, 1), Decimal("-0.00497"))
    assert remplace.provenance.startswith("€STR fourni + 0,085 point")
    estr = taux_reference_du_mois(
        D(2022, 3, 1), serie=TauxReference.ESTR, estr=_serie(D(2022, 3, 1), "-0.00582")
    )
    assert (estr.mois, estr.valeur, estr.provenance) == (
        D(2022, 3, 1),
        Decimal("-0.00582"),
        "€STR fourni",
    )


def test_mois_de_reference_d_une_echeance() -> None:
    from collectivites.regles.rsa._taux_reference import mois_de_reference

    assert mois_de_reference(D(2017, 2, 6)) == D(2017, 1, 1)


def test_echeance_selon_la_zone_de_la_convention() -> None:
    """Le 5 avril 1996 est le Vendredi saint, férié en Alsace-Moselle seulement ; le lundi 8 est
    le lundi de Pâques : échéance du mardi 9 en Alsace-Moselle, du vendredi 5 ailleurs."""
    from collectivites.regles.rsa import date_echeance

    alsace = ConventionRsa(nom="Moselle", zone="alsace-moselle")
    assert date_echeance(alsace, D(1996, 3, 1)) == D(1996, 4, 9)
    assert date_echeance(ConventionRsa(nom="Lozère"), D(1996, 3, 1)) == D(1996, 4, 5)


def test_neutralite_aux_bornes_de_l_annee() -> None:
    """Avance 1 000 ; −300 le 31/12/2023 (avant l'année : position d'ouverture 700) ; −800 le
    1er janvier (position −100 les 1er et 2 janvier) ; +200 le 3 ; −100 le 1er juin (position 0 :
    aucun coût) puis +100 le 2 ; −150 le 31 décembre (position −50). Coût Exact/360 :
    2 × 100 × 4 % / 360 = 0,022222 (janvier, taux fourni) et 50 × (2,95 % + 0,085 point) / 360 =
    0,004215 (décembre, €STR fourni substitué à l'EONIA) ; total 0,026437 → 0,03 €."""
    from collectivites.regles.rsa import Flux, calculer_neutralite

    flux = [
        Flux(date=D(2023, 12, 31), montant=Decimal(-300)),
        Flux(date=D(2024, 1, 1), montant=Decimal(-800)),
        Flux(date=D(2024, 1, 3), montant=Decimal(200)),
        Flux(date=D(2024, 6, 1), montant=Decimal(-100)),
        Flux(date=D(2024, 6, 2), montant=Decimal(100)),
        Flux(date=D(2024, 12, 31), montant=Decimal(-150)),
    ]
    convention = ConventionRsa(nom="Lozère", avance_tresorerie=Decimal(1000))
    resultat = calculer_neutralite(
        convention,
        flux,
        2024,
        taux_mensuels=_serie(D(2024, 1, 1), "0.04"),
        estr_mensuels=_serie(D(2024, 12, 1), "0.0295"),
    )
    assert resultat.position_initiale == Decimal(700)
    jours = {j.date: j for j in resultat.jours}
    assert len(jours) == 366
    premier = jours[D(2024, 1, 1)]
    assert (premier.position, premier.taux) == (Decimal(-100), Decimal("0.04"))
    assert abs(Fraction(premier.cout) - Fraction(100 * 4, 100 * 360)) < Fraction(1, 10**20)
    assert jours[D(2024, 1, 3)].taux is None and jours[D(2024, 1, 3)].cout == 0
    assert jours[D(2024, 6, 1)].position == 0 and jours[D(2024, 6, 1)].taux is None
    dernier = jours[D(2024, 12, 31)]
    assert (dernier.position, dernier.taux) == (Decimal(-50), Decimal("0.03035"))
    assert resultat.cout == Decimal("0.03")
    assert [t.mois for t in resultat.taux] == [D(2024, 1, 1), D(2024, 12, 1)]


def test_jours_ouvres_et_ouvrables_aux_bords() -> None:
    """Le 2 janvier 1900 est le premier jour ouvré couvert (le 1er est férié)."""
    from collectivites.calendrier import ajouter_jours_ouvrables, ajouter_jours_ouvres
    from collectivites.erreurs import ErreurValeur as Erreur

    assert ajouter_jours_ouvres(D(1900, 1, 3), -1) == D(1900, 1, 2)
    with pytest.raises(Erreur, match="résultat hors de la plage du calendrier"):
        ajouter_jours_ouvres(D(1900, 1, 2), -1)
    assert ajouter_jours_ouvrables(D(2024, 6, 21), 1) == D(2024, 6, 22)  # vendredi → samedi
    assert ajouter_jours_ouvrables(D(2024, 6, 21), 0) == D(2024, 6, 21)


def test_zone_ecrite_avec_des_soulignes() -> None:
    from collectivites.calendrier import normaliser_zone

    assert normaliser_zone("alsace_moselle") == "alsace-moselle"
    assert normaliser_zone("Alsace Moselle") == "alsace-moselle"


def test_teg_annule_la_valeur_actuelle() -> None:
    """Le taux de période trouvé égalise, à 10⁻⁶ € près, le capital net et les échéances
    actualisées (art. 9 : « taux de période … actuariel »)."""
    from collectivites.prets import calculer_tableau, calculer_teg

    ligne = exemple_pret("cdc-57851").ligne("5165325")
    resultat = calculer_teg(ligne, commissions=Decimal("500.00"))
    assert resultat.commissions == Decimal("500.00")
    facteur = 1 / (1 + Fraction(resultat.taux_periode))
    flux = [Fraction(r.echeance) for r in calculer_tableau(ligne).lignes]
    actualise = sum(f * facteur**k for k, f in enumerate(flux, start=1))
    assert abs(actualise - Fraction(128189 - 500)) < Fraction(1, 10**6)


def test_teg_impossible_a_encadrer() -> None:
    """Des commissions qui laissent un centime de capital net : aucun taux entre −99 % et
    100 % par période n'égalise les flux."""
    from collectivites.prets import calculer_teg

    ligne = exemple_pret("cdc-57851").ligne("5165325")
    with pytest.raises(ErreurValeur) as erreur:
        calculer_teg(ligne, commissions=Decimal("128188.99"))
    assert str(erreur.value) == "le taux de période n'a pas pu être encadré entre -99 % et 100 %"


def test_durees_au_singulier_et_au_point() -> None:
    assert str(lire_duree("15 jours.")) == "15 jours"  # le point final d'une phrase copiée
    with pytest.raises(ErreurValeur) as erreur:
        lire_duree("2 jour")  # le singulier ne vaut que pour 0 ou 1
    assert str(erreur.value) == (
        "unité de délai inconnue : « jour » ; vouliez-vous dire « 2 jours » ? (reçu : '2 jour' ; "
        "attendu : jours, jours ouvrés, jours ouvrables, jours francs, semaines, mois, ans)"
    )
    with pytest.raises(ErreurValeur) as erreur:
        lire_duree("15 zorglubs")
    assert str(erreur.value) == (
        "unité de délai inconnue : « zorglubs » (reçu : '15 zorglubs' ; attendu : jours, jours "
        "ouvrés, jours ouvrables, jours francs, semaines, mois, ans)"
    )


def test_courbe_lue_refusee_par_le_modele(tmp_path: Path) -> None:
    chemin = tmp_path / "courbe.csv"
    chemin.write_text("maturite_ans,taux\n2,2 %\n1,3 %\n", encoding="utf-8")
    with pytest.raises(ErreurDossier) as erreur:
        lire_courbe_csv(chemin)
    assert str(erreur.value) == (
        f"fichier « {chemin} » : les maturités de la courbe doivent croître strictement "
        "(reçu : '2 puis 1')"
    )
    sans = tmp_path / "sans.csv"
    sans.write_text("maturite,taux\n1,2 %\n", encoding="utf-8")
    with pytest.raises(ErreurDossier) as erreur:
        lire_courbe_csv(sans)
    assert str(erreur.value) == (
        f"fichier « {sans} », ligne 1 : colonne absente : maturite_ans (reçu : 'maturite,taux' ; "
        "attendu : maturite_ans,taux)"
    )


def test_avertissements_des_interets_moratoires() -> None:
    """Un paiement au-delà de la date de confirmation du Livret A : le résultat le dit, pour la
    veille du paiement (dernier jour d'intérêts) ; rien quand le paiement est à l'exigibilité."""
    from collectivites.donnees import avertissements_de_source
    from collectivites.prets import interets_moratoires

    livret_a = serie_index("livret_a")
    resultat = interets_moratoires(Decimal("1000.00"), D(2029, 1, 1), D(2030, 1, 1), index=livret_a)
    assert resultat.avertissements
    assert resultat.avertissements == avertissements_de_source(livret_a, D(2029, 12, 31))
    assert "31/12/2029" in resultat.avertissements[0]
    meme_jour = interets_moratoires(
        Decimal("1000.00"), D(2030, 1, 1), D(2030, 1, 1), index=livret_a
    )
    assert meme_jour.avertissements == () and meme_jour.interets == 0


def test_neutralite_a_facturer_et_jours_negatifs() -> None:
    from collectivites.regles.rsa import Flux, TauxReference, calculer_neutralite

    flux = [
        Flux(date=D(2024, 1, 1), montant=Decimal(-1100)),  # position −100
        Flux(date=D(2024, 1, 3), montant=Decimal(100)),  # position 0 : ni coût ni jour négatif
    ]
    positif = calculer_neutralite(
        ConventionRsa(nom="L", avance_tresorerie=Decimal(1000)),
        flux,
        2024,
        taux_mensuels=_serie(D(2024, 1, 1), "0.04"),
    )
    assert positif.jours_negatifs == 2
    assert positif.montant_a_facturer == positif.cout == Decimal("0.02")  # 2 × 100 × 4 % / 360
    negatif = calculer_neutralite(
        ConventionRsa(nom="L", avance_tresorerie=Decimal(1000)),
        flux,
        2024,
        taux_mensuels=_serie(D(2024, 1, 1), "-0.04"),
    )
    assert negatif.cout == Decimal("-0.02") and negatif.montant_a_facturer == 0
    estr = calculer_neutralite(
        ConventionRsa(nom="L", avance_tresorerie=Decimal(1000), taux_reference=TauxReference.ESTR),
        flux,
        2024,
        estr_mensuels=_serie(D(2024, 1, 1), "0.04"),
    )
    assert estr.taux[0].provenance == "€STR fourni"


def test_teg_juste_au_dela_de_100_pour_cent_par_periode() -> None:
    """Capital net choisi pour que la valeur actuelle à 100 % par période dépasse le net d'un
    demi-euro environ : le taux cherché est au-delà de 100 %, hors de l'encadrement (calcul en
    fractions exactes, indépendant du moteur)."""
    from collectivites.prets import calculer_tableau, calculer_teg

    ligne = exemple_pret("cdc-57851").ligne("5165325")
    flux = [Fraction(r.echeance) for r in calculer_tableau(ligne).lignes]
    a_cent_pour_cent = sum(f / 2**k for k, f in enumerate(flux, start=1))
    net = Fraction(int((a_cent_pour_cent - Fraction(1, 2)) * 100), 100)
    assert 0 < a_cent_pour_cent - net <= 1
    commissions = Decimal(128189) - Decimal(net.numerator) / Decimal(net.denominator)
    with pytest.raises(ErreurValeur, match="n'a pas pu être encadré"):
        calculer_teg(ligne, commissions=commissions.quantize(Decimal("0.01")))
