"""Écrêtement (``regles/indemnites/_ecretement.py``) : le document et les étapes relus en entier,
chaque borne des refus (issue 27).

Valeurs calculées à la main depuis CGCT L2123-20, II et III et
``donnees/indemnites/ecretement.toml`` (indemnité parlementaire de base 5 931,95 € au
1er janvier 2024 ; plafond 1,5 × 5 931,95 = 8 897,925 → 8 897,93 €) ; les textes cités
par les étapes sont relus dans ce même fichier de données, pas dans la sortie du calcul.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from decimal import Decimal
from pathlib import Path

import pytest

from collectivites.erreurs import ErreurDonnees, ErreurValeur
from collectivites.regles.indemnites import Mandat, ecreter
from collectivites.regles.indemnites import _ecretement as module_ecretement
from collectivites.regles.indemnites._ecretement import references_ecretement
from collectivites.tables import Genre

D = dt.date
P = Decimal
NB = "\u202f"  # séparateur des milliers de formater_montant
ECRETEMENT = Path(__file__).parents[1] / "src/collectivites/donnees/indemnites/ecretement.toml"
DONNEES = tomllib.loads(ECRETEMENT.read_text(encoding="utf-8"))
PLAFOND, REVERSEMENT = DONNEES["plafond"], DONNEES["reversement"]
BASE_2024 = DONNEES["indemnite_parlementaire_base"][0]["source"]


def _m(
    collectivite: str,
    fonction: str,
    indemnite: str,
    debut: dt.date,
    cotisations: str = "0.00",
    fin: dt.date | None = None,
) -> Mandat:
    return Mandat(
        collectivite=collectivite,
        fonction=fonction,
        indemnite=P(indemnite),
        cotisations=P(cotisations),
        debut=debut,
        fin=fin,
    )


def _guide() -> list[Mandat]:
    """Cas « trois-mandats-guide » de ``tests/indemnites_ecretement.toml`` et un mandat régional
    fini le jour du calcul (période [début, fin) : hors période)."""
    return [
        _m("Commune de Valmont", "maire", "4521.58", D(2020, 5, 23), "310.00"),
        _m(
            "Communauté d'agglomération du Val",
            "vice-président",
            "2712.95",
            D(2020, 7, 15),
            "180.00",
        ),
        _m("Département de l'Aude", "vice-présidente", "2877.37", D(2021, 7, 1), "200.00"),
        _m("Région Occitanie", "conseillère", "2301.89", D(2015, 12, 18), "150.00", D(2024, 3, 1)),
    ]


def test_document_colonnes_lignes_et_faits() -> None:
    """Brut 4 521,58 + 2 712,95 + 2 877,37 = 10 111,90 ; cotisations 690,00 ; net 9 421,90 ;
    part écrêtée 9 421,90 − 8 897,93 = 523,97 sur le département (le plus récent) ; versé
    10 111,90 − 523,97 = 9 587,93. La région, finie le 01/03/2024, ne compte pas."""
    doc = ecreter(_guide(), D(2024, 3, 1)).decrire()
    assert (doc.titre, doc.cle) == ("Écrêtement des indemnités au 01/03/2024", "ecretement")
    assert [(f.cle, f.libelle, f.valeur, f.genre) for f in doc.faits] == [
        ("date", "Date", D(2024, 3, 1), Genre.DATE),
        ("base", "Indemnité parlementaire de base", P("5931.95"), Genre.MONTANT),
        ("plafond", "Plafond (1,5 × base)", P("8897.93"), Genre.MONTANT),
        ("total_brut", "Total brut", P("10111.90"), Genre.MONTANT),
        ("total_net", "Total net de cotisations", P("9421.90"), Genre.MONTANT),
        ("part_ecretee", "Part écrêtée", P("523.97"), Genre.MONTANT),
        ("total_verse", "Total versé", P("9587.93"), Genre.MONTANT),
    ]
    (table,) = doc.tables
    assert (table.cle, table.titre) == ("mandats", "Mandats et indemnités mensuelles")
    assert [(c.cle, c.libelle, c.genre, c.total) for c in table.colonnes] == [
        ("collectivite", "Collectivité", Genre.TEXTE, False),
        ("fonction", "Fonction", Genre.TEXTE, False),
        ("debut", "Début", Genre.DATE, False),
        ("fin", "Fin", Genre.DATE, False),
        ("compte", "Compté", Genre.TEXTE, False),
        ("indemnite", "Indemnité brute", Genre.MONTANT, True),
        ("cotisations", "Cotisations", Genre.MONTANT, True),
        ("nette", "Nette", Genre.MONTANT, True),
        ("ecretement", "Écrêtement", Genre.MONTANT, True),
        ("versee", "Versée", Genre.MONTANT, True),
    ]
    z = P("0.00")
    assert table.lignes == (
        (
            "Commune de Valmont",
            "maire",
            D(2020, 5, 23),
            None,
            "oui",
            P("4521.58"),
            P("310.00"),
            P("4211.58"),
            z,
            P("4521.58"),
        ),
        (
            "Communauté d'agglomération du Val",
            "vice-président",
            D(2020, 7, 15),
            None,
            "oui",
            P("2712.95"),
            P("180.00"),
            P("2532.95"),
            z,
            P("2712.95"),
        ),
        (
            "Département de l'Aude",
            "vice-présidente",
            D(2021, 7, 1),
            None,
            "oui",
            P("2877.37"),
            P("200.00"),
            P("2677.37"),
            P("523.97"),
            P("2353.40"),
        ),
        (
            "Région Occitanie",
            "conseillère",
            D(2015, 12, 18),
            D(2024, 3, 1),
            "non (hors période)",
            z,
            z,
            z,
            z,
            z,
        ),
    )
    assert doc.hypotheses == ecreter(_guide(), D(2024, 3, 1)).hypotheses


def test_etapes_mot_pour_mot() -> None:
    r = ecreter(_guide(), D(2024, 3, 1))
    assert r.hypotheses == (
        "1. Mandats comptés le 01/03/2024 (période [début, fin)) : maire, Commune de Valmont ; "
        "vice-président, Communauté d'agglomération du Val ; vice-présidente, Département de "
        "l'Aude. Hors période, non comptés : conseillère, Région Occitanie.",
        f"2. Plafond : 1,5 × indemnité parlementaire de base 5{NB}931,95 € = 8{NB}897,93 € "
        f"({PLAFOND['source']} ; {BASE_2024}). {PLAFOND['arrondi']}.",
        f"3. Total net des cotisations sociales obligatoires : 10{NB}111,90 € bruts − 690,00 € "
        f"de cotisations = 9{NB}421,90 € ({PLAFOND['cotisations']}).",
        f"4. Part écrêtée : 9{NB}421,90 − 8{NB}897,93 = 523,97 €, non versée à l'élu ; imputée "
        "sur « vice-présidente, Département de l'Aude » (commencé le 01/07/2021) : 523,97 € "
        f"({REVERSEMENT['source']}).",
        f"{PLAFOND['textes_relus']}.",
    )


def test_etapes_sans_mandat_hors_periode_ni_ecretement() -> None:
    """4 521,58 + 1 644,21 = 6 165,79 ≤ 8 897,93 : rien d'écrêté ; sans cotisation donnée, la note
    dit que les indemnités sont comptées brutes."""
    mandats = [
        _m("Commune de Valmont", "maire", "4521.58", D(2020, 5, 23)),
        _m("Département de l'Aude", "conseiller", "1644.21", D(2021, 7, 1)),
    ]
    r = ecreter(mandats, D(2024, 3, 1))
    assert r.part_ecretee == P("0.00") and r.total_verse == P("6165.79")
    assert [x.ecretement for x in r.lignes] == [P("0.00"), P("0.00")]
    assert r.hypotheses[0] == (
        "1. Mandats comptés le 01/03/2024 (période [début, fin)) : maire, Commune de Valmont ; "
        "conseiller, Département de l'Aude."
    )
    assert r.hypotheses[2] == (
        f"3. Total net des cotisations sociales obligatoires : 6{NB}165,79 € bruts − 0,00 € de "
        f"cotisations = 6{NB}165,79 € ({PLAFOND['cotisations']})."
    )
    assert r.hypotheses[3:] == (
        f"4. 6{NB}165,79 € ≤ 8{NB}897,93 € : pas d'écrêtement.",
        "Aucune cotisation sociale donnée : les indemnités sont comptées brutes, ce qui "
        "surestime la part écrêtée si des cotisations sont prélevées.",
        f"{PLAFOND['textes_relus']}.",
    )


def test_etapes_imputation_sur_deux_mandats_et_date_au_dela_des_donnees() -> None:
    """Cas « reste-sur-le-mandat-precedent » au 5 janvier 2026 (après ``confirmee_au``,
    31/12/2025) : 10 681,84 − 8 897,93 = 1 783,91 ; 200,00 sur le syndicat, 1 583,91 sur la
    métropole."""
    mandats = [
        _m("Ville de Grandbourg", "maire", "5960.26", D(2020, 7, 4)),
        _m("Métropole du Bourg", "vice-président", "4521.58", D(2020, 7, 15)),
        _m("Syndicat des eaux", "vice-président", "200.00", D(2023, 2, 1)),
    ]
    r = ecreter(mandats, D(2026, 1, 5))
    assert [x.ecretement for x in r.lignes] == [P("0.00"), P("1583.91"), P("200.00")]
    assert r.hypotheses[3:] == (
        f"4. Part écrêtée : 10{NB}681,84 − 8{NB}897,93 = 1{NB}783,91 €, non versée à l'élu ; "
        "imputée sur « vice-président, Métropole du Bourg » (commencé le 15/07/2020) : "
        f"1{NB}583,91 € puis « vice-président, Syndicat des eaux » (commencé le 01/02/2023) : "
        f"200,00 € ({REVERSEMENT['source']}).",
        f"{REVERSEMENT['au_dela']}.",
        "Aucune cotisation sociale donnée : les indemnités sont comptées brutes, ce qui "
        "surestime la part écrêtée si des cotisations sont prélevées.",
        f"{PLAFOND['textes_relus']}.",
        "Indemnité parlementaire de base confirmée jusqu'au 31/12/2025 : au-delà, la dernière "
        "valeur connue est reportée.",
    )
    assert ecreter(mandats, D(2025, 12, 31)).hypotheses[-1] == f"{PLAFOND['textes_relus']}."


def test_etapes_avec_un_parlementaire() -> None:
    """Député 5 931,95 + 1 644,21 + 1 500,00 = 9 076,16 ; − 8 897,93 = 178,23 sur le département
    (mandat local le plus récent : le député, plus récent encore, n'est jamais écrêté)."""
    mandats = [
        _m("Assemblée nationale", "député", "5931.95", D(2024, 7, 18)),
        _m("Département de l'Aude", "conseiller", "1644.21", D(2021, 7, 1), "10.00"),
        _m("Commune de Valmont", "conseiller", "1500.00", D(2020, 7, 4)),
    ]
    r = ecreter(mandats, D(2024, 9, 1))
    # net 9 066,16 (10,00 de cotisations) − 8 897,93 = 168,23
    assert [x.ecretement for x in r.lignes] == [P("0.00"), P("168.23"), P("0.00")]
    assert r.hypotheses[4:] == (f"{REVERSEMENT['parlementaire']}.", f"{PLAFOND['textes_relus']}.")


# --- le modèle Mandat -----------------------------------------------------------------------


def test_mandat_bornes() -> None:
    m = _m("Commune", "maire", "1000.00", D(2020, 7, 4), "1000.00", fin=D(2020, 7, 5))
    assert m.nette == P("0.00")  # cotisations égales à l'indemnité : permis
    assert (m.en_cours(D(2020, 7, 3)), m.en_cours(D(2020, 7, 4))) == (False, True)
    assert m.en_cours(D(2020, 7, 5)) is False  # [debut, fin)
    assert _m("Commune", "maire", "0.00", D(2020, 7, 4)).nette == P("0.00")
    assert m.libelle() == "maire, Commune"
    with pytest.raises(ErreurValeur) as info:
        _m("Commune", "maire", "1000.00", D(2020, 7, 4), fin=D(2020, 7, 4))
    assert (info.value.cle, info.value.valeur) == ("fin", D(2020, 7, 4))
    assert "après le 04/07/2020" in str(info.value)
    with pytest.raises(ErreurValeur) as info:
        _m("Commune", "maire", "1000.00", D(2020, 7, 4), "1000.01")
    assert (info.value.cle, info.value.valeur) == ("cotisations", P("1000.01"))
    assert "1\u202f000,00 €" in str(info.value)
    with pytest.raises(ErreurValeur):
        _m("Commune", "maire", "1000.00", D(2020, 7, 4), "-0.01")


@pytest.mark.parametrize(
    ("fonction", "attendu"),
    [
        ("député", True),
        ("Sénatrice", True),
        ("DÉPUTÉE", True),
        ("sénateur", True),
        ("maire", False),
    ],
)
def test_parlementaire(fonction: str, attendu: bool) -> None:
    assert _m("Parlement", fonction, "1.00", D(2020, 1, 1)).parlementaire is attendu


# --- refus ------------------------------------------------------------------------------------


def test_aucun_mandat_ou_aucun_en_cours() -> None:
    with pytest.raises(ErreurValeur) as info:
        ecreter([], D(2024, 3, 1))
    e = info.value
    assert (e.message, e.cle, e.attendu) == ("aucun mandat", "mandats", "au moins un mandat")
    fini = _m("Commune", "maire", "1000.00", D(2020, 7, 4), fin=D(2024, 3, 1))
    with pytest.raises(ErreurValeur) as info:
        ecreter([fini], D(2024, 3, 1))
    e = info.value
    assert (e.message, e.cle, e.valeur, e.attendu) == (
        "aucun mandat en cours le 01/03/2024",
        "date",
        D(2024, 3, 1),
        "une date dans la période d'au moins un mandat",
    )


def test_textes_lus_et_bases_dans_l_ordre_des_dates(monkeypatch: pytest.MonkeyPatch) -> None:
    """Les textes cités viennent des tables ``plafond`` (sauf le multiple, un nombre) et
    ``reversement`` ; les indemnités de base sont rangées par date d'effet, quel que soit leur
    ordre dans le fichier (données de test : une seconde valeur fictive au 1er janvier 2030)."""
    refs = references_ecretement()
    assert set(refs.textes) == {
        *(f"plafond.{k}" for k in ("source", "cotisations", "arrondi", "textes_relus")),
        *(f"reversement.{k}" for k in ("source", "au_dela", "parlementaire")),
    }
    assert refs.multiple == P("1.5") and refs.confirmee_au == D(2025, 12, 31)
    texte = ECRETEMENT.read_text(encoding="utf-8").replace(
        "[[indemnite_parlementaire_base]]",
        '[[indemnite_parlementaire_base]]\ndate_effet = 2030-01-01\nmontant = "7000.00"\n'
        'source = "fictive"\n\n[[indemnite_parlementaire_base]]',
    )
    monkeypatch.setattr(module_ecretement, "lire_texte_paquet", lambda _nom: texte)
    references_ecretement.cache_clear()
    try:
        refs = references_ecretement()
        assert [b.date_effet for b in refs.bases] == [D(2024, 1, 1), D(2030, 1, 1)]
        assert refs.base_au(D(2029, 12, 31)).montant == P("5931.95")
        assert refs.base_au(D(2030, 1, 1)).montant == P("7000.00")
        with pytest.raises(ErreurDonnees, match="le 01/01/2024 ou après"):
            refs.base_au(D(2023, 12, 31))
    finally:
        monkeypatch.undo()
        references_ecretement.cache_clear()


def test_base_avant_la_premiere_valeur_livree() -> None:
    m = _m("Commune", "maire", "1000.00", D(2020, 7, 4))
    with pytest.raises(ErreurDonnees) as info:
        ecreter([m], D(2023, 12, 31))
    assert (info.value.cle, info.value.valeur) == ("date", D(2023, 12, 31))
    assert "01/01/2024" in str(info.value)
    assert ecreter([m], D(2024, 1, 1)).base.montant == P("5931.95")


def test_chevauchement_dans_la_meme_collectivite_aux_bornes() -> None:
    """Périodes [début, fin) : finir le jour où l'autre commence ne chevauche pas ; un jour de
    plus, oui — dans les deux ordres."""
    a = _m("Commune", "maire", "1000.00", D(2020, 7, 4), fin=D(2025, 1, 1))
    b = _m("Commune", "adjoint", "500.00", D(2025, 1, 1))
    assert [x.en_cours for x in ecreter([a, b], D(2025, 6, 1)).lignes] == [False, True]
    assert [x.en_cours for x in ecreter([b, a], D(2024, 6, 1)).lignes] == [False, True]
    for premier, second in (
        (_m("Commune", "maire", "1000.00", D(2020, 7, 4), fin=D(2025, 1, 2)), b),
        (b, _m("Commune", "maire", "1000.00", D(2020, 7, 4), fin=D(2025, 1, 2))),
    ):
        with pytest.raises(ErreurValeur) as info:
            ecreter([premier, second], D(2025, 1, 1))
        e = info.value
        assert (e.cle, e.valeur) == ("mandats[1].debut", second.debut)
        assert e.attendu == f"une période hors de celle de « {premier.fonction} »"
        assert "se chevauchent" in str(e)
    # une autre collectivité entre les deux : le chevauchement est vu quand même
    autre = _m("Département", "conseiller", "500.00", D(2021, 1, 1))
    with pytest.raises(ErreurValeur, match="se chevauchent"):
        ecreter([autre, a, _m("Commune", "adjoint", "500.00", D(2024, 12, 1))], D(2024, 6, 1))
    # deux collectivités différentes : permis en même temps
    autre = _m("Département", "conseiller", "500.00", D(2021, 1, 1))
    assert ecreter([a, autre], D(2024, 6, 1)).total_brut == P("1500.00")


def test_meme_mandat_deux_fois() -> None:
    a = _m("Commune", "maire", "1000.00", D(2020, 7, 4), fin=D(2022, 1, 1))
    with pytest.raises(ErreurValeur) as info:
        ecreter(
            [a, _m("COMMUNE", "Maire", "900.00", D(2020, 7, 4), fin=D(2022, 1, 1))], D(2021, 1, 1)
        )
    assert (info.value.cle, info.value.valeur) == ("mandats[1]", "Maire, COMMUNE")
    # même fonction, autre période qui chevauche : chevauchement, pas doublon
    with pytest.raises(ErreurValeur, match="se chevauchent"):
        ecreter([a, _m("Commune", "maire", "1000.00", D(2020, 7, 4))], D(2021, 1, 1))


def test_deux_mandats_les_plus_recents_le_meme_jour() -> None:
    """Il faut écrêter (5 000 + 5 000 > 8 897,93) et les deux mandats locaux commencent le même
    jour : le plus récent ne peut être désigné (L2123-20, III)."""
    jour = D(2020, 7, 4)
    grands = [
        _m("Commune", "maire", "5000.00", jour),
        _m("Département", "conseiller", "5000.00", jour),
    ]
    with pytest.raises(ErreurValeur) as info:
        ecreter(grands, D(2024, 1, 1))
    assert (info.value.cle, info.value.valeur) == ("mandats", "04/07/2020")
    assert "« maire, Commune » et « conseiller, Département »" in str(info.value)
    # sous le plafond, aucun besoin de désigner le plus récent
    petits = [
        _m("Commune", "maire", "1000.00", jour),
        _m("Département", "conseiller", "1000.00", jour),
    ]
    assert ecreter(petits, D(2024, 1, 1)).part_ecretee == P("0.00")
    # un troisième mandat plus ancien, même date pour les deux derniers seulement : refus aussi
    ancien = _m("Région", "conseiller", "100.00", D(2015, 12, 18))
    with pytest.raises(ErreurValeur, match="plus récent"):
        ecreter([ancien, *grands], D(2024, 1, 1))
    # le plus récent seul à sa date, les deux plus anciens le même jour : permis
    recent = _m("Région", "conseiller", "100.00", D(2021, 7, 1))
    r = ecreter([*grands, recent], D(2024, 1, 1))
    # 10 100,00 − 8 897,93 = 1 202,07 : 100,00 sur la région, le reste (1 102,07) sur l'un des deux
    assert r.part_ecretee == P("1202.07") and r.lignes[2].ecretement == P("100.00")


def test_part_ecretee_exactement_absorbee() -> None:
    """Le mandat le plus récent absorbe juste la part : rien ne passe au précédent.
    9 397,93 − 8 897,93 = 500,00 = l'indemnité du mandat le plus récent."""
    mandats = [
        _m("Commune", "maire", "8897.93", D(2020, 7, 4)),
        _m("Syndicat", "président", "500.00", D(2021, 1, 1)),
    ]
    r = ecreter(mandats, D(2024, 3, 1))
    assert [x.ecretement for x in r.lignes] == [P("0.00"), P("500.00")]
    assert [x.versee for x in r.lignes] == [P("8897.93"), P("0.00")]
    assert r.total_verse == r.plafond
    assert len([h for h in r.hypotheses if h == f"{REVERSEMENT['au_dela']}."]) == 0


def test_au_plafond_exactement() -> None:
    mandats = [_m("Commune", "maire", "8897.93", D(2020, 7, 4))]
    r = ecreter(mandats, D(2024, 3, 1))
    assert r.part_ecretee == P("0.00") and r.lignes[0].versee == P("8897.93")
    r = ecreter([_m("Commune", "maire", "8897.94", D(2020, 7, 4))], D(2024, 3, 1))
    assert r.part_ecretee == P("0.01") and r.lignes[0].versee == P("8897.93")


def test_indemnite_parlementaire_seule_au_dela_du_plafond() -> None:
    """Un « député » à 9 000,00 € (au-delà de 8 897,93) et un mandat local de 50,00 € : la part
    (152,07) dépasse les indemnités locales (50,00) : refus."""
    mandats = [
        _m("Assemblée nationale", "député", "9000.00", D(2024, 7, 18)),
        _m("Commune", "conseiller", "50.00", D(2020, 7, 4)),
    ]
    with pytest.raises(ErreurValeur) as info:
        ecreter(mandats, D(2024, 9, 1))
    assert (info.value.cle, info.value.valeur) == ("mandats", "152,07")
    # local de 102,07 : part 204,14 ; avec 204,14 exactement, tout est absorbé
    mandats[1] = _m("Commune", "conseiller", "204.14", D(2020, 7, 4))
    # 9 204,14 − 8 897,93 = 306,21 > 204,14 : refus encore
    with pytest.raises(ErreurValeur):
        ecreter(mandats, D(2024, 9, 1))
    mandats[0] = _m("Assemblée nationale", "député", "8897.93", D(2024, 7, 18))
    r = ecreter(mandats, D(2024, 9, 1))
    assert r.lignes[1].ecretement == P("204.14") and r.lignes[1].versee == P("0.00")
    # reste de moins d'un euro : 8 898,43 + 10,00 − 8 897,93 = 10,50 ; 10,00 imputés, reste 0,50
    mandats = [
        _m("Assemblée nationale", "député", "8898.43", D(2024, 7, 18)),
        _m("Commune", "conseiller", "10.00", D(2020, 7, 4)),
    ]
    with pytest.raises(ErreurValeur) as info:
        ecreter(mandats, D(2024, 9, 1))
    assert info.value.valeur == "10,50"


def test_resultat_hors_contexte_de_l_appelant() -> None:
    import decimal

    with decimal.localcontext() as ctx:
        ctx.prec = 3
        ctx.rounding = decimal.ROUND_DOWN
        r = ecreter(_guide(), D(2024, 3, 1))
        assert r.total_net == P("9421.90") and r.total_verse == P("9587.93")
