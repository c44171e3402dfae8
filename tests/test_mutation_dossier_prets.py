"""Dossier d'un prêt (``collectivites.prets._dossier``), pièce à pièce : index inconnu avec sa
suggestion, valeur de l'index lue à la date d'effet (Livret A à 0,75 % le 06/12/2017), taux
fixe sans marge, marge absente, table ``[ligne]`` ou ``[pret]`` et ``[[lignes]]``,
préfinancement mal placé, ``charger_ligne`` d'un dossier de plusieurs lignes (issue 27, tests
de mutation)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from collectivites.erreurs import ErreurDossier, ErreurValeur
from collectivites.prets import _dossier, charger_ligne, exemple_pret, pret_depuis_donnees
from collectivites.prets._modeles import Garant, Prefinancement, ReglementPrefinancement

#: La ligne 5165325 du contrat CDC n° 57851 (art. 9), sans son préfinancement.
LIGNE: dict[str, Any] = {
    "identifiant": "5165325",
    "contrat": "57851",
    "emprunteur": "Interrégionale Polygone SA d'HLM",
    "montant": "128189.00",
    "date_debut_amortissement": dt.date(2017, 12, 6),
    "duree": 50,
    "periodicite": "annuelle",
    "index": "livret_a",
    "valeur_index_reference": "0,75 %",
    "marge": "0,60 %",
    "taux_interet": "1,35 %",
    "profil": "amortissement_deduit_interets_differes",
    "revision": "DL",
}


def _ligne(**changements: Any) -> dict[str, Any]:
    ligne = {**LIGNE, **changements}
    return {k: v for k, v in ligne.items() if v is not None}


def _refus(donnees: dict[str, Any]) -> ErreurDossier:
    with pytest.raises(ErreurDossier) as erreur:
        pret_depuis_donnees(donnees)
    return erreur.value


def test_ligne_seule_enveloppee_dans_un_pret() -> None:
    pret = pret_depuis_donnees({"ligne": _ligne()})
    assert (pret.numero, pret.emprunteur) == ("57851", "Interrégionale Polygone SA d'HLM")
    [ligne] = pret.lignes
    assert (ligne.identifiant, ligne.montant, ligne.duree) == ("5165325", Decimal("128189.00"), 50)
    assert (ligne.valeur_index_reference, ligne.marge, ligne.taux_interet) == (
        Decimal("0.0075"),
        Decimal("0.0060"),
        Decimal("0.0135"),
    )
    assert ligne.prefinancement is None
    assert pret.garants == ()


def test_ligne_seule_avec_son_prefinancement() -> None:
    pret = pret_depuis_donnees(
        {"ligne": _ligne(), "prefinancement": {"duree_mois": 12, "taux": "1,35 %"}}
    )
    assert pret.lignes[0].prefinancement == Prefinancement(
        duree_mois=12, taux=Decimal("0.0135"), reglement=ReglementPrefinancement.PAIEMENT
    )


def test_taux_deduit_de_l_index_et_de_la_marge() -> None:
    ligne = pret_depuis_donnees({"ligne": _ligne(taux_interet=None)}).lignes[0]
    assert ligne.taux_interet == Decimal("0.0075") + Decimal("0.0060")


def test_index_lu_a_la_date_d_effet() -> None:
    """Livret A à 0,75 % du 01/08/2015 au 31/01/2020 (arrêtés du 27/07/2015 et du
    13/01/2020) : lu le 06/12/2017."""
    ligne = pret_depuis_donnees(
        {"ligne": _ligne(valeur_index_reference=None, date_effet=dt.date(2017, 12, 6))}
    ).lignes[0]
    assert ligne.valeur_index_reference == Decimal("0.0075")
    assert ligne.taux_interet == Decimal("0.0135")  # donné, pas recalculé


def test_index_sans_date_d_effet() -> None:
    erreur = _refus({"ligne": _ligne(valeur_index_reference=None)})
    assert erreur.message == (
        "clé absente : donnez la valeur de l'index à la Date d'Effet, ou « date_effet » pour "
        "la lire dans la série de l'index"
    )
    assert erreur.cle == "ligne.valeur_index_reference"


def test_serie_qui_refuse_la_date(monkeypatch: pytest.MonkeyPatch) -> None:
    class Serie:
        def valeur_au(self, jour: dt.date) -> Decimal:
            raise ErreurValeur("pas de valeur ce jour", cle="autre", valeur=jour, attendu="x")

    monkeypatch.setattr(_dossier, "serie_index", lambda _nom: Serie())
    erreur = _refus({"ligne": _ligne(valeur_index_reference=None, date_effet=dt.date(2017, 12, 6))})
    assert erreur.message == "pas de valeur ce jour"
    assert (erreur.cle, erreur.valeur) == ("ligne.valeur_index_reference", dt.date(2017, 12, 6))
    assert erreur.attendu is None


def test_taux_fixe_sans_marge() -> None:
    """Index « fixe » : valeur de référence nulle, la marge est le taux."""
    ligne = pret_depuis_donnees(
        {"ligne": _ligne(index="fixe", valeur_index_reference=None, marge=None, revision="fixe")}
    ).lignes[0]
    assert (ligne.valeur_index_reference, ligne.marge, ligne.taux_interet) == (
        Decimal(0),
        Decimal("0.0135"),
        Decimal("0.0135"),
    )


@pytest.mark.parametrize(
    "changements",
    [
        {"marge": None},  # index variable : la marge est exigée
        {"index": "fixe", "marge": None, "taux_interet": None, "revision": "fixe"},
    ],
)
def test_marge_absente(changements: dict[str, Any]) -> None:
    erreur = _refus({"ligne": _ligne(**changements)})
    assert erreur.message == "clé obligatoire absente"
    assert (erreur.cle, erreur.attendu) == ("ligne.marge", "la marge sur index")


def test_index_inconnu() -> None:
    erreur = _refus({"ligne": _ligne(index="livret_b")})
    assert erreur.message == "index inconnu ; vouliez-vous dire « livret_a » ?"
    assert (erreur.cle, erreur.valeur) == ("ligne.index", "livret_b")
    assert erreur.attendu == "euribor, fixe, inflation, lep, livret_a"
    erreur = _refus({"ligne": _ligne(index="zzzz")})
    assert erreur.message == "index inconnu"


def test_ligne_et_lignes_ensemble() -> None:
    ligne = _ligne()
    for autre in (
        {"lignes": [ligne]},
        {"pret": {"numero": "1"}},
        {"garants": [{"nom": "A", "quotite": "100 %"}]},
    ):
        erreur = _refus({"ligne": ligne, **autre})
        assert erreur.message == (
            "un dossier a soit une table [ligne], soit un [pret] et des [[lignes]]"
        )
        assert erreur.cle == "ligne"


def test_ni_ligne_ni_lignes() -> None:
    for donnees in ({}, {"pret": {"numero": "1"}}):
        erreur = _refus(donnees)
        assert erreur.message == "une table [ligne] ou des tables [[lignes]] sont attendues"
        assert erreur.cle == "lignes"


def test_prefinancement_seul_avec_des_lignes() -> None:
    erreur = _refus({"lignes": [_ligne()], "prefinancement": {"duree_mois": 12}})
    assert erreur.message == (
        "avec des [[lignes]], le préfinancement se décrit dans [lignes.prefinancement]"
    )
    assert erreur.cle == "prefinancement"


def test_lignes_sans_en_tete() -> None:
    pret = pret_depuis_donnees({"lignes": [_ligne(), _ligne(identifiant="5165324")]})
    assert (pret.numero, pret.emprunteur, pret.source, pret.hypotheses) == ("", "", "", ())
    assert [x.identifiant for x in pret.lignes] == ["5165325", "5165324"]


def test_lignes_avec_en_tete_et_garants() -> None:
    pret = pret_depuis_donnees(
        {
            "pret": {"numero": "57851", "emprunteur": "E", "source": "S", "hypotheses": ["H"]},
            "garants": [{"nom": "A", "quotite": "25 %"}, {"nom": "B", "quotite": "75 %"}],
            "lignes": [_ligne()],
        }
    )
    assert (pret.numero, pret.emprunteur, pret.source, pret.hypotheses) == (
        "57851",
        "E",
        "S",
        ("H",),
    )
    assert pret.garants == (
        Garant(nom="A", quotite=Decimal("0.25")),
        Garant(nom="B", quotite=Decimal("0.75")),
    )


def test_charger_ligne(tmp_path: Path) -> None:
    seule = tmp_path / "ligne.toml"
    seule.write_text(
        '[ligne]\nidentifiant = "7"\nmontant = "1000.00"\ndate_debut_amortissement = '
        '2018-01-01\nduree = 10\nperiodicite = "annuelle"\nindex = "fixe"\n'
        'taux_interet = "2 %"\nprofil = "amortissement_deduit_interets_differes"\n'
        'revision = "fixe"\n',
        "utf-8",
    )
    ligne = charger_ligne(seule)
    assert (ligne.identifiant, ligne.taux_interet, ligne.marge) == (
        "7",
        Decimal("0.02"),
        Decimal("0.02"),
    )
    plusieurs = Path(_dossier.__file__).parent.parent / "donnees/exemples/cdc-57851.toml"
    assert len(exemple_pret("cdc-57851").lignes) == 2
    with pytest.raises(ErreurDossier) as erreur:
        charger_ligne(plusieurs)
    assert erreur.value.message == "le dossier contient plusieurs lignes : utilisez charger_pret"
    assert (erreur.value.fichier, erreur.value.valeur) == (str(plusieurs), 2)
