"""Modèles d'un prêt de la CDC (``prets/_modeles``) pris au mot : chaque borne d'un champ essayée
à la borne et juste au-delà, chaque refus avec son message français, sa clé, sa valeur et son
attendu exacts, chaque propriété calculée à la main.

Les bornes viennent des contrats (préfinancement de 3 à 24 mois, art. 9 ; capitalisation des
intérêts de préfinancement à partir de 12 mois, art. 11 ; quotités des garants totalisant 100 %,
art. 16) ou des constantes du module (taux dans [-10 %, 30 %], progressivité dans [-10 %, 10 %],
au plus 1 200 échéances, constante C des prêts anciens dans [1 ; 1,5]).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from collectivites.erreurs import ABSENT, ErreurCollectivites, ErreurType, ErreurValeur
from collectivites.prets import (
    BaseCalcul,
    Garant,
    LigneDePret,
    ModeCalcul,
    Periodicite,
    Prefinancement,
    Pret,
    Profil,
    ReglementPrefinancement,
    Revision,
    Versement,
)

JOUR = dt.date(2020, 1, 1)


def _ligne(**changements: object) -> LigneDePret:
    """100 000 € en 20 annuités, Livret A 0,75 % + 0,60 % = 1,35 %, sans progressivité."""
    valeurs: dict[str, object] = {
        "identifiant": "L1",
        "montant": Decimal("100000.00"),
        "date_debut_amortissement": JOUR,
        "duree": 20,
        "periodicite": "annuelle",
        "index": "livret_a",
        "valeur_index_reference": Decimal("0.0075"),
        "marge": Decimal("0.0060"),
        "taux_interet": Decimal("0.0135"),
        "profil": "amortissement_deduit_interets_differes",
        "revision": "SR",
    }
    valeurs.update(changements)
    return LigneDePret(**valeurs)  # type: ignore[arg-type]


def _refus(
    erreur: pytest.ExceptionInfo[ErreurCollectivites],
    message: str,
    cle: str,
    valeur: object = ABSENT,
    attendu: str | None = None,
) -> None:
    """Le refus porte exactement ce message, cette clé, cette valeur et cet attendu."""
    recu = erreur.value
    assert recu.message == message
    assert recu.cle == cle
    if valeur is ABSENT:
        assert recu.valeur is ABSENT
    else:
        assert recu.valeur == valeur
        assert type(recu.valeur) is type(valeur)
    assert recu.attendu == attendu


# --- énumérations -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("periodicite", "mois"),
    [("annuelle", 12), ("semestrielle", 6), ("trimestrielle", 3), ("mensuelle", 1)],
)
def test_duree_d_une_periode_en_mois(periodicite: str, mois: int) -> None:
    assert Periodicite(periodicite).mois == mois


def test_valeurs_des_enumerations() -> None:
    """Les valeurs écrites dans les dossiers (clés des fichiers TOML et CSV)."""
    assert [p.value for p in Profil] == [
        "amortissement_deduit_interets_differes",
        "amortissement_deduit_interets_prioritaires",
        "amortissement_prioritaire",
    ]
    assert [r.value for r in Revision] == ["SR", "DR", "DL", "fixe"]
    assert [m.value for m in ModeCalcul] == ["equivalent", "proportionnel"]
    assert [b.value for b in BaseCalcul] == ["30/360", "exact"]
    assert [r.value for r in ReglementPrefinancement] == ["paiement", "capitalisation"]


# --- préfinancement (art. 9 et 11) ------------------------------------------------------------


def test_prefinancement_par_defaut() -> None:
    prefinancement = Prefinancement(duree_mois=3)
    assert prefinancement.taux is None
    assert prefinancement.reglement is ReglementPrefinancement.PAIEMENT


@pytest.mark.parametrize("duree", [3, 24])
def test_prefinancement_de_3_a_24_mois(duree: int) -> None:
    assert Prefinancement(duree_mois=duree).duree_mois == duree


@pytest.mark.parametrize("duree", [2, 25])
def test_prefinancement_hors_de_3_a_24_mois(duree: int) -> None:
    with pytest.raises(ErreurValeur) as erreur:
        Prefinancement(duree_mois=duree)
    _refus(erreur, "valeur hors des bornes", "duree_mois", duree, "≥ 3 et ≤ 24")


@pytest.mark.parametrize("taux", [Decimal("-0.10"), Decimal("0.30")])
def test_taux_de_prefinancement_aux_bornes(taux: Decimal) -> None:
    assert Prefinancement(duree_mois=6, taux=taux).taux == taux


@pytest.mark.parametrize("taux", [Decimal("-0.1001"), Decimal("0.3001")])
def test_taux_de_prefinancement_au_dela_des_bornes(taux: Decimal) -> None:
    with pytest.raises(ErreurValeur) as erreur:
        Prefinancement(duree_mois=6, taux=taux)
    _refus(erreur, "valeur hors des bornes", "taux", taux, "≥ -0.10 et ≤ 0.30")


@pytest.mark.parametrize("duree", [3, 11, 12, 24])
def test_paiement_des_interets_de_prefinancement_quelle_que_soit_la_duree(duree: int) -> None:
    prefinancement = Prefinancement(duree_mois=duree, reglement="paiement")
    assert prefinancement.reglement is ReglementPrefinancement.PAIEMENT


@pytest.mark.parametrize("duree", [12, 24])
def test_capitalisation_a_partir_de_12_mois(duree: int) -> None:
    prefinancement = Prefinancement(duree_mois=duree, reglement="capitalisation")
    assert prefinancement.reglement is ReglementPrefinancement.CAPITALISATION


@pytest.mark.parametrize("duree", [3, 11])
def test_capitalisation_refusee_sous_12_mois(duree: int) -> None:
    with pytest.raises(ErreurValeur) as erreur:
        Prefinancement(duree_mois=duree, reglement=ReglementPrefinancement.CAPITALISATION)
    _refus(
        erreur,
        "la capitalisation des intérêts de préfinancement exige un préfinancement d'au moins 12 "
        "mois (art. 11)",
        "duree_mois",
        duree,
        "12 mois ou plus",
    )


# --- versements et garants ---------------------------------------------------------------------


def test_versement_d_un_centime() -> None:
    assert Versement(date=JOUR, montant=Decimal("0.01")).montant == Decimal("0.01")


def test_versement_entier_converti() -> None:
    versement = Versement(date=JOUR, montant=5)
    assert versement.montant == Decimal(5)
    assert type(versement.montant) is Decimal


@pytest.mark.parametrize("montant", [Decimal("0.00"), Decimal("-0.01")])
def test_versement_nul_ou_negatif_refuse(montant: Decimal) -> None:
    with pytest.raises(ErreurValeur) as erreur:
        Versement(date=JOUR, montant=montant)
    _refus(erreur, "valeur hors des bornes", "montant", montant, "> 0")


def test_versement_au_dela_du_centime_refuse() -> None:
    with pytest.raises(ErreurValeur) as erreur:
        Versement(date=JOUR, montant=Decimal("0.001"))
    _refus(
        erreur,
        "un montant s'exprime au centime",
        "montant",
        Decimal("0.001"),
        "au plus deux décimales",
    )


@pytest.mark.parametrize("quotite", [Decimal("0.0001"), Decimal(1)])
def test_quotite_d_un_garant_aux_bornes(quotite: Decimal) -> None:
    assert Garant(nom="Commune", quotite=quotite).quotite == quotite


@pytest.mark.parametrize("quotite", [Decimal(0), Decimal("1.0001")])
def test_quotite_d_un_garant_au_dela_des_bornes(quotite: Decimal) -> None:
    with pytest.raises(ErreurValeur) as erreur:
        Garant(nom="Commune", quotite=quotite)
    _refus(erreur, "valeur hors des bornes", "quotite", quotite, "> 0 et ≤ 1")


def test_garant_sans_nom() -> None:
    with pytest.raises(ErreurValeur) as erreur:
        Garant(nom="  ", quotite=Decimal(1))
    _refus(erreur, "texte vide", "nom", attendu="un texte non vide")


def _garants(*quotites: tuple[str, str]) -> tuple[Garant, ...]:
    return tuple(Garant(nom=nom, quotite=Decimal(q)) for nom, q in quotites)


@pytest.mark.parametrize(
    "garants",
    [
        (),
        _garants(("Commune", "1")),
        _garants(("Commune", "0.5"), ("Département", "0.5")),
        _garants(("A", "0.3333"), ("B", "0.3333"), ("C", "0.3334")),
    ],
)
def test_garants_qui_totalisent_100_pour_cent(garants: tuple[Garant, ...]) -> None:
    assert _ligne(garants=garants).garants == garants
    assert Pret(lignes=[_ligne()], garants=garants).garants == garants


@pytest.mark.parametrize(
    ("garants", "total"),
    [
        (_garants(("Commune", "0.5"), ("Département", "0.4")), "90.0 %"),
        (_garants(("Commune", "0.5"), ("Département", "0.5001")), "100.0100 %"),
        (_garants(("Commune", "0.9999")), "99.9900 %"),
    ],
)
def test_garants_qui_ne_totalisent_pas_100_pour_cent(
    garants: tuple[Garant, ...], total: str
) -> None:
    """Somme des quotités à la main : 0,5 + 0,4 = 0,9 ; 0,5 + 0,5001 = 1,0001 ; 0,9999."""
    for construire in (
        lambda: _ligne(garants=garants),
        lambda: Pret(lignes=[_ligne()], garants=garants),
    ):
        with pytest.raises(ErreurValeur) as erreur:
            construire()
        _refus(erreur, "les quotités garanties ne totalisent pas 100 %", "garants", total, "100 %")


def test_garant_present_deux_fois() -> None:
    """« Commune » et « COMMUNE\u00a0» sont le même garant ; le refus nomme le premier écrit."""
    garants = _garants(("Département", "0.2"), ("Commune", "0.4"), ("COMMUNE\u00a0", "0.4"))
    for construire in (
        lambda: _ligne(garants=garants),
        lambda: Pret(lignes=[_ligne()], garants=garants),
    ):
        with pytest.raises(ErreurValeur) as erreur:
            construire()
        _refus(erreur, "garant présent deux fois", "garants", "Commune")


def test_garants_en_liste_convertis_en_tuple() -> None:
    garants = list(_garants(("Commune", "1")))
    assert _ligne(garants=garants).garants == tuple(garants)
    assert Pret(lignes=[_ligne()], garants=garants).garants == tuple(garants)


# --- ligne : champs et bornes ------------------------------------------------------------------


def test_ligne_par_defaut() -> None:
    ligne = _ligne()
    assert ligne.contrat == ""
    assert ligne.produit == ""
    assert ligne.emprunteur == ""
    assert ligne.date_effet is None
    assert ligne.taux_progressivite == Decimal(0)
    assert ligne.taux_plancher_progressivite is None
    assert ligne.mode_calcul_interets is ModeCalcul.EQUIVALENT
    assert ligne.base_calcul is BaseCalcul.TRENTE_360
    assert ligne.prefinancement is None
    assert ligne.differe_amortissement_mois == 0
    assert ligne.differe_capitalise is False
    assert ligne.constante_revision is None
    assert ligne.versements == ()
    assert ligne.garants == ()
    assert ligne.periodicite is Periodicite.ANNUELLE
    assert ligne.profil is Profil.AMORTISSEMENT_DEDUIT_INTERETS_DIFFERES
    assert ligne.revision is Revision.SR


@pytest.mark.parametrize("duree", [1, 1200])
def test_duree_aux_bornes(duree: int) -> None:
    assert _ligne(duree=duree).duree == duree


@pytest.mark.parametrize("duree", [0, 1201])
def test_duree_au_dela_des_bornes(duree: int) -> None:
    with pytest.raises(ErreurValeur) as erreur:
        _ligne(duree=duree)
    _refus(erreur, "valeur hors des bornes", "duree", duree, "≥ 1 et ≤ 1200")


def test_montant_d_un_centime_et_montant_nul() -> None:
    assert _ligne(montant=Decimal("0.01")).montant == Decimal("0.01")
    with pytest.raises(ErreurValeur) as erreur:
        _ligne(montant=Decimal("0.00"))
    _refus(erreur, "valeur hors des bornes", "montant", Decimal("0.00"), "> 0")


def test_montant_flottant_refuse() -> None:
    with pytest.raises(ErreurType) as erreur:
        _ligne(montant=100000.0)
    _refus(erreur, "un nombre flottant est refusé", "montant", 100000.0, "un Decimal")


@pytest.mark.parametrize("champ", ["identifiant", "contrat", "index"])
def test_textes_de_60_caracteres_au_plus(champ: str) -> None:
    assert getattr(_ligne(**{champ: "x" * 60}), champ) == "x" * 60
    with pytest.raises(ErreurValeur) as erreur:
        _ligne(**{champ: "x" * 61})
    _refus(erreur, "texte trop long", champ, "x" * 61, "au plus 60 caractères")


def test_index_vide_refuse() -> None:
    with pytest.raises(ErreurValeur) as erreur:
        _ligne(index="")
    _refus(erreur, "texte vide", "index", attendu="un texte non vide")


@pytest.mark.parametrize("taux", [Decimal("-0.10"), Decimal("0.30")])
def test_taux_aux_bornes(taux: Decimal) -> None:
    """Index, marge et taux à −10 % et 30 % (l'autre terme de la somme nul)."""
    assert _ligne(valeur_index_reference=taux, marge=0, taux_interet=taux).taux_interet == taux
    assert _ligne(valeur_index_reference=0, marge=taux, taux_interet=taux).marge == taux


@pytest.mark.parametrize("champ", ["valeur_index_reference", "marge", "taux_interet"])
@pytest.mark.parametrize("taux", [Decimal("-0.1001"), Decimal("0.3001")])
def test_taux_au_dela_des_bornes(champ: str, taux: Decimal) -> None:
    with pytest.raises(ErreurValeur) as erreur:
        _ligne(**{champ: taux})
    _refus(erreur, "valeur hors des bornes", champ, taux, "≥ -0.10 et ≤ 0.30")


@pytest.mark.parametrize("taux", [Decimal("-0.10"), Decimal("0.10")])
def test_progressivite_aux_bornes(taux: Decimal) -> None:
    assert _ligne(taux_progressivite=taux).taux_progressivite == taux
    ligne = _ligne(taux_progressivite=taux, taux_plancher_progressivite=taux)
    assert ligne.taux_plancher_progressivite == taux


@pytest.mark.parametrize("champ", ["taux_progressivite", "taux_plancher_progressivite"])
@pytest.mark.parametrize("taux", [Decimal("-0.1001"), Decimal("0.1001")])
def test_progressivite_au_dela_des_bornes(champ: str, taux: Decimal) -> None:
    with pytest.raises(ErreurValeur) as erreur:
        _ligne(**{champ: taux})
    _refus(erreur, "valeur hors des bornes", champ, taux, "≥ -0.10 et ≤ 0.10")


@pytest.mark.parametrize("constante", [Decimal(1), Decimal("1.048"), Decimal("1.5")])
@pytest.mark.parametrize("revision", ["DR", "DL"])
def test_constante_de_revision_en_double_revisabilite(constante: Decimal, revision: str) -> None:
    ligne = _ligne(revision=revision, constante_revision=constante)
    assert ligne.constante_revision == constante


def test_constante_de_revision_entiere_convertie() -> None:
    ligne = _ligne(revision="DR", constante_revision=1)
    assert ligne.constante_revision == Decimal(1)
    assert type(ligne.constante_revision) is Decimal


@pytest.mark.parametrize("constante", [Decimal("0.9999"), Decimal("1.5001")])
def test_constante_de_revision_au_dela_des_bornes(constante: Decimal) -> None:
    with pytest.raises(ErreurValeur) as erreur:
        _ligne(revision="DR", constante_revision=constante)
    _refus(erreur, "valeur hors des bornes", "constante_revision", constante, "≥ 1 et ≤ 1.5")


@pytest.mark.parametrize("revision", ["SR", "fixe"])
def test_constante_de_revision_refusee_hors_double_revisabilite(revision: str) -> None:
    with pytest.raises(ErreurValeur) as erreur:
        _ligne(revision=revision, constante_revision=Decimal("1.048"))
    _refus(
        erreur,
        "la constante de révision des prêts anciens (R = 1 + DT/C) ne vaut que pour une double "
        "révisabilité (DR ou DL)",
        "constante_revision",
        Decimal("1.048"),
        "revision = DR ou DL",
    )


@pytest.mark.parametrize("differe", [0, 24])
def test_differe_aux_bornes(differe: int) -> None:
    ligne = _ligne(periodicite="mensuelle", duree=25, differe_amortissement_mois=differe)
    assert ligne.differe_amortissement_mois == differe


@pytest.mark.parametrize("differe", [-1, 25])
def test_differe_au_dela_des_bornes(differe: int) -> None:
    with pytest.raises(ErreurValeur) as erreur:
        _ligne(periodicite="mensuelle", duree=30, differe_amortissement_mois=differe)
    _refus(erreur, "valeur hors des bornes", "differe_amortissement_mois", differe, "≥ 0 et ≤ 24")


def test_differe_capitalise_non_booleen_refuse() -> None:
    with pytest.raises(ErreurType) as erreur:
        _ligne(differe_capitalise=1, differe_amortissement_mois=12)
    _refus(erreur, "type refusé", "differe_capitalise", 1, "bool")


# --- ligne : cohérence des champs ---------------------------------------------------------------


def test_il_faut_une_date() -> None:
    with pytest.raises(ErreurValeur) as erreur:
        _ligne(date_debut_amortissement=None)
    _refus(
        erreur,
        "il faut la date de début d'amortissement ou la date d'effet pour dater les échéances",
        "date_debut_amortissement",
    )


def test_une_seule_des_deux_dates_suffit() -> None:
    assert _ligne(date_debut_amortissement=None, date_effet=JOUR).date_effet == JOUR
    assert _ligne(date_effet=None).date_debut_amortissement == JOUR
    ligne = _ligne(date_effet=JOUR, date_debut_amortissement=dt.date(2021, 1, 1))
    assert (ligne.date_effet, ligne.date_debut_amortissement) == (JOUR, dt.date(2021, 1, 1))


def test_taux_egal_a_l_index_plus_la_marge() -> None:
    """−0,50 % + 0,60 % = 0,10 % ; 0 + 0 = 0 (entiers convertis)."""
    ligne = _ligne(
        valeur_index_reference=Decimal("-0.005"),
        marge=Decimal("0.006"),
        taux_interet=Decimal("0.001"),
    )
    assert ligne.taux_interet == Decimal("0.001")
    nul = _ligne(valeur_index_reference=0, marge=0, taux_interet=0)
    assert (nul.valeur_index_reference, nul.marge, nul.taux_interet) == (Decimal(0),) * 3
    assert type(nul.taux_interet) is Decimal


def test_taux_incoherent_aux_decimales_de_l_index_et_de_la_marge() -> None:
    """10 % + 10 % = 20 % écrits avec les décimales reçues (0,1 × 100 = 10,0 ; 0,2 × 100 =
    20,0), pas au centime : 0,21 × 100 = 21,00."""
    with pytest.raises(ErreurValeur) as erreur:
        _ligne(
            valeur_index_reference=Decimal("0.1"),
            marge=Decimal("0.1"),
            taux_interet=Decimal("0.21"),
        )
    _refus(
        erreur,
        "taux d'intérêt incohérent avec l'index de référence plus la marge (art. 10)",
        "taux_interet",
        "21.00 %",
        "10.0 % + 10.0 % = 20.0 %",
    )


@pytest.mark.parametrize(
    ("taux", "recu"), [(Decimal("0.0136"), "1.3600 %"), (Decimal("0.0134"), "1.3400 %")]
)
def test_taux_incoherent_avec_l_index_plus_la_marge(taux: Decimal, recu: str) -> None:
    """0,0075 × 100 = 0,7500 ; 0,0060 × 100 = 0,6000 ; 0,0135 × 100 = 1,3500."""
    with pytest.raises(ErreurValeur) as erreur:
        _ligne(taux_interet=taux)
    _refus(
        erreur,
        "taux d'intérêt incohérent avec l'index de référence plus la marge (art. 10)",
        "taux_interet",
        recu,
        "0.7500 % + 0.6000 % = 1.3500 %",
    )


def test_progressivite_au_plancher_ou_au_dessus() -> None:
    for progressivite in (Decimal("0.01"), Decimal("0.011")):
        ligne = _ligne(
            taux_progressivite=progressivite, taux_plancher_progressivite=Decimal("0.01")
        )
        assert ligne.taux_progressivite == progressivite
    sans = _ligne(taux_progressivite=Decimal("-0.05"))
    assert sans.taux_plancher_progressivite is None
    entier = _ligne(taux_progressivite=0, taux_plancher_progressivite=0)
    assert type(entier.taux_plancher_progressivite) is Decimal
    assert type(entier.taux_progressivite) is Decimal


def test_progressivite_sous_son_plancher() -> None:
    """0,005 × 100 = 0,500 ; 0,01 × 100 = 1,00."""
    with pytest.raises(ErreurValeur) as erreur:
        _ligne(taux_progressivite=Decimal("0.005"), taux_plancher_progressivite=Decimal("0.01"))
    _refus(
        erreur,
        "« le taux de progressivité des échéances ne peut être inférieur à son taux plancher » "
        "(art. 9)",
        "taux_progressivite",
        "0.500 %",
        "au moins 1.00 %",
    )


@pytest.mark.parametrize(
    ("periodicite", "differe", "periodes"),
    [
        ("annuelle", 12, 1),
        ("annuelle", 24, 2),
        ("semestrielle", 18, 3),
        ("trimestrielle", 12, 4),
        ("mensuelle", 7, 7),
        ("mensuelle", 0, 0),
    ],
)
def test_periodes_du_differe(periodicite: str, differe: int, periodes: int) -> None:
    ligne = _ligne(periodicite=periodicite, differe_amortissement_mois=differe)
    assert ligne.periodes_differe == periodes
    assert type(ligne.periodes_differe) is int


@pytest.mark.parametrize(
    ("periodicite", "differe", "mois"),
    [("annuelle", 6, 12), ("annuelle", 13, 12), ("semestrielle", 3, 6), ("trimestrielle", 4, 3)],
)
def test_differe_qui_n_est_pas_un_multiple_de_la_periode(
    periodicite: str, differe: int, mois: int
) -> None:
    with pytest.raises(ErreurValeur) as erreur:
        _ligne(periodicite=periodicite, differe_amortissement_mois=differe)
    _refus(
        erreur,
        "le différé d'amortissement doit être un multiple de la période",
        "differe_amortissement_mois",
        differe,
        f"un multiple de {mois} mois",
    )


@pytest.mark.parametrize(
    ("periodicite", "duree", "differe"),
    [("annuelle", 2, 24), ("annuelle", 1, 12), ("mensuelle", 24, 24)],
)
def test_differe_qui_ne_laisse_aucune_echeance_d_amortissement(
    periodicite: str, duree: int, differe: int
) -> None:
    with pytest.raises(ErreurValeur) as erreur:
        _ligne(periodicite=periodicite, duree=duree, differe_amortissement_mois=differe)
    _refus(
        erreur,
        "le différé d'amortissement doit laisser au moins une échéance d'amortissement",
        "differe_amortissement_mois",
        differe,
    )


@pytest.mark.parametrize(
    ("periodicite", "duree", "differe"), [("annuelle", 3, 24), ("mensuelle", 25, 24)]
)
def test_differe_qui_laisse_une_echeance_d_amortissement(
    periodicite: str, duree: int, differe: int
) -> None:
    ligne = _ligne(periodicite=periodicite, duree=duree, differe_amortissement_mois=differe)
    assert ligne.periodes_differe == duree - 1


def test_differe_capitalise() -> None:
    assert _ligne(differe_capitalise=True, differe_amortissement_mois=12).differe_capitalise
    with pytest.raises(ErreurValeur) as erreur:
        _ligne(differe_capitalise=True)
    _refus(
        erreur,
        "« différé capitalisé » sans différé d'amortissement : l'option ne ferait rien",
        "differe_capitalise",
    )


# --- ligne : versements ------------------------------------------------------------------------


def _versements(*montants: tuple[dt.date, str]) -> list[Versement]:
    return [Versement(date=jour, montant=Decimal(m)) for jour, m in montants]


def test_versements_jusqu_au_montant() -> None:
    """60 000 + 40 000 = 100 000 : le montant de la ligne, atteint sans être dépassé."""
    versements = _versements((JOUR, "60000"), (dt.date(2020, 2, 1), "40000.00"))
    ligne = _ligne(versements=versements)
    assert ligne.versements == tuple(versements)
    assert ligne.capital_verse == Decimal("100000.00")


def test_capital_verse() -> None:
    """30 000,50 + 19 999,49 = 49 999,99 : le capital est la somme des versements."""
    versements = _versements((JOUR, "30000.50"), (dt.date(2020, 6, 30), "19999.49"))
    assert _ligne(versements=versements).capital_verse == Decimal("49999.99")
    assert _ligne().capital_verse == Decimal("100000.00")
    assert _ligne(montant=Decimal(7)).capital_verse == 7


def test_versements_qui_depassent_le_montant() -> None:
    """60 000 + 40 000,01 = 100 000,01 > 100 000,00."""
    versements = _versements((JOUR, "60000"), (dt.date(2020, 2, 1), "40000.01"))
    with pytest.raises(ErreurValeur) as erreur:
        _ligne(versements=versements)
    _refus(
        erreur,
        "les versements dépassent le montant de la ligne, qui « ne pourra en aucun cas être "
        "dépassé » (art. 2)",
        "versements",
        Decimal("100000.01"),
        "au plus 100000.00",
    )


@pytest.mark.parametrize(
    "dates",
    [
        (dt.date(2020, 2, 1), JOUR),
        (JOUR, JOUR),
        (JOUR, dt.date(2020, 3, 1), dt.date(2020, 2, 1)),
        (JOUR, dt.date(2020, 2, 1), dt.date(2020, 2, 1)),
    ],
)
def test_versements_dans_le_desordre_ou_le_meme_jour(dates: tuple[dt.date, ...]) -> None:
    versements = [Versement(date=jour, montant=Decimal(1000)) for jour in dates]
    with pytest.raises(ErreurValeur) as erreur:
        _ligne(versements=versements)
    _refus(erreur, "les versements doivent être datés dans l'ordre, un par date", "versements")


def test_versements_dans_l_ordre() -> None:
    dates = (JOUR, dt.date(2020, 1, 2), dt.date(2021, 1, 1))
    ligne = _ligne(versements=[Versement(date=jour, montant=Decimal(1000)) for jour in dates])
    assert [v.date for v in ligne.versements] == list(dates)
    assert ligne.capital_verse == Decimal(3000)


# --- nom d'une ligne -----------------------------------------------------------------------------


def test_nom_d_une_ligne() -> None:
    assert _ligne(identifiant="5165325", produit="PLUS").nom == "ligne 5165325"
    assert _ligne(identifiant="", produit="PLUS").nom == "PLUS"
    assert _ligne(identifiant="").nom == "ligne"


# --- prêt --------------------------------------------------------------------------------------


def test_pret_sans_ligne() -> None:
    vides: tuple[tuple[LigneDePret, ...], list[LigneDePret]] = ((), [])
    for lignes in vides:
        with pytest.raises(ErreurValeur) as erreur:
            Pret(lignes=lignes)
        _refus(erreur, "un prêt doit comporter au moins une ligne", "lignes")


def test_pret_par_defaut() -> None:
    pret = Pret(lignes=[_ligne()])
    assert (pret.numero, pret.emprunteur, pret.source) == ("", "", "")
    assert pret.garants == ()
    assert pret.hypotheses == ()
    assert pret.lignes == (_ligne(),)


def test_numero_et_source_au_plus_long() -> None:
    assert Pret(numero="9" * 60, lignes=[_ligne()]).numero == "9" * 60
    assert Pret(source="s" * 2000, lignes=[_ligne()]).source == "s" * 2000
    with pytest.raises(ErreurValeur) as erreur:
        Pret(numero="9" * 61, lignes=[_ligne()])
    _refus(erreur, "texte trop long", "numero", "9" * 61, "au plus 60 caractères")
    with pytest.raises(ErreurValeur) as erreur:
        Pret(source="s" * 2001, lignes=[_ligne()])
    _refus(erreur, "texte trop long", "source", "s" * 2001, "au plus 2000 caractères")


def test_deux_lignes_de_meme_identifiant() -> None:
    """« B » et « b\u00a0» sont le même identifiant ; le refus donne sa forme comparée, celle du
    premier identifiant répété (« A » ne l'est pas)."""
    lignes = [_ligne(identifiant=i) for i in ("A", "B", "C", "b\u00a0", "C")]
    with pytest.raises(ErreurValeur) as erreur:
        Pret(lignes=lignes)
    _refus(erreur, "deux lignes du prêt portent le même identifiant", "lignes", "b")


def test_lignes_sans_identifiant_ne_sont_pas_des_doubles() -> None:
    lignes = [_ligne(identifiant=i) for i in ("", "A", "", "B")]
    assert len(Pret(lignes=lignes).lignes) == 4


def test_montant_d_un_pret() -> None:
    """100 000,00 + 50 000,50 + 0,01 = 150 000,51."""
    pret = Pret(
        lignes=[
            _ligne(identifiant="A"),
            _ligne(identifiant="B", montant=Decimal("50000.50")),
            _ligne(identifiant="C", montant=Decimal("0.01")),
        ]
    )
    assert pret.montant == Decimal("150000.51")
    assert str(Pret(lignes=[_ligne(montant=3)]).montant) == "3.00"


def test_ligne_d_un_pret() -> None:
    a, b = _ligne(identifiant="A"), _ligne(identifiant="B", montant=Decimal(5))
    pret = Pret(lignes=[_ligne(identifiant=""), a, b])
    assert pret.ligne("A") is pret.lignes[1]
    assert pret.ligne("B") is pret.lignes[2]


@pytest.mark.parametrize("identifiant", ["", "  ", 5, None])
def test_identifiant_de_ligne_vide_ou_pas_un_texte(identifiant: object) -> None:
    pret = Pret(lignes=[_ligne(identifiant=""), _ligne(identifiant="A"), _ligne(identifiant="B")])
    with pytest.raises(ErreurValeur) as erreur:
        pret.ligne(identifiant)  # type: ignore[arg-type]
    _refus(erreur, "identifiant de ligne vide", "ligne", identifiant, "A, B")


def test_identifiant_vide_quand_aucune_ligne_n_en_a() -> None:
    pret = Pret(lignes=[_ligne(identifiant="")])
    with pytest.raises(ErreurValeur) as erreur:
        pret.ligne("")
    _refus(
        erreur,
        "identifiant de ligne vide",
        "ligne",
        "",
        "aucun : les lignes de ce prêt n'ont pas d'identifiant",
    )
    with pytest.raises(ErreurValeur) as erreur:
        pret.ligne("A")
    _refus(
        erreur,
        "ligne absente du prêt",
        "ligne",
        "A",
        "aucun : les lignes de ce prêt n'ont pas d'identifiant",
    )


@pytest.mark.parametrize("identifiant", ["C", "a", " A"])
def test_ligne_absente_du_pret(identifiant: str) -> None:
    """La recherche se fait à l'identifiant exact : « a » ne désigne pas la ligne « A »."""
    pret = Pret(lignes=[_ligne(identifiant="A"), _ligne(identifiant=""), _ligne(identifiant="B")])
    with pytest.raises(ErreurValeur) as erreur:
        pret.ligne(identifiant)
    _refus(erreur, "ligne absente du prêt", "ligne", identifiant, "A, B")
