"""Retards de paiement de la commande publique : propriétés, refus, registre par lot contre le
calcul unitaire (son oracle), lecture des CSV français et des classeurs, ligne de commande.

Les chiffres tirés des textes et des taux publiés sont des cas en données
(``tests/cas/paiements/``)."""

from __future__ import annotations

import datetime as dt
import decimal
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from collectivites.cli import main
from collectivites.donnees import PointSerie, SerieDatee
from collectivites.erreurs import ErreurDossier, ErreurValeur
from collectivites.regles.paiements import (
    CategorieAcheteur,
    Facture,
    calculer_registre,
    calculer_retard_paiement,
    lire_registre,
    taux_interets_moratoires,
)

D = dt.date
JOUR = dt.timedelta(days=1)


def _facture(**kwargs: object) -> Facture:
    valeurs: dict[str, object] = {
        "numero": "F1",
        "montant": Decimal("10000.00"),
        "date_reception": D(2024, 7, 1),
        "date_mise_en_paiement": D(2024, 8, 20),
    }
    valeurs.update(kwargs)
    return Facture(**valeurs)  # type: ignore[arg-type]


montants = st.integers(min_value=1, max_value=10**11).map(lambda c: Decimal(c) / 100)
receptions = st.dates(min_value=D(2013, 1, 1), max_value=D(2027, 12, 31))


@settings(max_examples=30, deadline=None)
@given(montants, receptions, st.integers(min_value=0, max_value=30))
def test_paye_dans_le_delai_rien_n_est_du(montant: Decimal, reception: dt.date, jours: int) -> None:
    f = _facture(
        montant=montant, date_reception=reception, date_mise_en_paiement=reception + jours * JOUR
    )
    r = calculer_retard_paiement(f)
    assert r.jours_retard == 0 and r.total_du == 0 and r.taux is None


@settings(max_examples=25, deadline=None)
@given(montants, receptions, st.integers(min_value=31, max_value=400))
def test_chaque_jour_de_retard_ne_fait_pas_baisser_les_interets(
    montant: Decimal, reception: dt.date, jours: int
) -> None:
    avant = calculer_retard_paiement(
        _facture(
            montant=montant,
            date_reception=reception,
            date_mise_en_paiement=reception + jours * JOUR,
        )
    )
    apres = calculer_retard_paiement(
        _facture(
            montant=montant,
            date_reception=reception,
            date_mise_en_paiement=reception + (jours + 1) * JOUR,
        )
    )
    assert apres.jours_retard == avant.jours_retard + 1 == jours - 29
    assert apres.interets >= avant.interets >= 0
    assert avant.indemnite == Decimal("40.00")


def test_un_jour_de_retard_fait_courir_interets_et_indemnite() -> None:
    r = calculer_retard_paiement(_facture(date_mise_en_paiement=D(2024, 8, 1)))
    assert (r.fin_delai, r.jours_retard) == (D(2024, 7, 31), 1)
    assert r.interets == Decimal("3.36")  # 10 000 × 12,25 % / 365 = 3,356…
    assert r.indemnite == Decimal("40.00")


def test_taux_du_semestre() -> None:
    assert taux_interets_moratoires(D(2024, 6, 30))[1] == Decimal("0.1250")
    assert taux_interets_moratoires(D(2024, 7, 1))[1] == Decimal("0.1225")
    assert taux_interets_moratoires(D(2025, 12, 31))[2] == D(2025, 7, 1)


def test_au_dela_de_la_serie_confirmee_l_hypothese_le_dit() -> None:
    r = calculer_retard_paiement(
        _facture(date_reception=D(2026, 1, 5), date_mise_en_paiement=D(2026, 3, 1))
    )
    assert r.taux == Decimal("0.1015")
    assert any("confirmée jusqu'au 01/07/2025" in h and "reportée" in h for h in r.hypotheses)
    dans = calculer_retard_paiement(_facture())
    assert not dans.hypotheses


def test_serie_fournie_par_l_appelant() -> None:
    serie = SerieDatee(
        nom="bce du cas", points=(PointSerie(date_effet=D(2000, 1, 1), valeur=Decimal("0.01")),)
    )
    r = calculer_retard_paiement(_facture(), serie=serie)
    assert r.taux == Decimal("0.09")
    assert r.interets == Decimal("49.32")  # 10 000 × 9 % × 20 / 365 = 49,315…


def test_independant_du_contexte_decimal() -> None:
    attendu = calculer_retard_paiement(_facture())
    with decimal.localcontext() as ctx:
        ctx.prec = 3
        ctx.rounding = decimal.ROUND_DOWN
        assert calculer_retard_paiement(_facture()) == attendu


@pytest.mark.parametrize(
    ("kwargs", "motif"),
    [
        ({"date_mise_en_paiement": D(2024, 6, 30)}, "avant la réception"),
        ({"date_service_fait": D(2024, 9, 1)}, "avant l'exécution des prestations"),
        ({"interruption_debut": D(2024, 7, 5)}, "un début et une fin"),
        (
            {"interruption_debut": D(2024, 8, 5), "interruption_fin": D(2024, 8, 6)},
            "pendant le délai",
        ),
        (
            {"interruption_debut": D(2024, 7, 10), "interruption_fin": D(2024, 7, 9)},
            "finit avant",
        ),
        ({"montant": Decimal("-1.00")}, "montant"),
        ({"delai_jours": 45}, "dépasse le délai réglementaire"),
        ({"date_reception": None}, "réception"),
        ({"date_reception_mandat": D(2024, 9, 1)}, "ordre de payer"),
        ({"date_paiement_interets": D(2024, 8, 1)}, "avant le principal"),
    ],
)
def test_refus(kwargs: dict[str, object], motif: str) -> None:
    with pytest.raises(ErreurValeur, match=motif):
        calculer_retard_paiement(_facture(**kwargs))


# --- registre ---------------------------------------------------------------------------------

ENTETE = (
    "numero,fournisseur,montant,date_reception,date_service_fait,interruption_debut,"
    "interruption_fin,date_mise_en_paiement,date_reception_mandat\n"
)


def _ecrire(chemin: Path, texte: str) -> Path:
    chemin.write_text(texte, encoding="utf-8")
    return chemin


@st.composite
def registres(draw: st.DrawFn) -> list[dict[str, object]]:
    lignes = []
    for rang in range(draw(st.integers(min_value=1, max_value=12))):
        reception = draw(st.dates(min_value=D(2014, 1, 1), max_value=D(2027, 6, 30)))
        service = draw(st.one_of(st.none(), st.just(reception + draw(st.integers(0, 20)) * JOUR)))
        depart = max(reception, service or reception)
        interruption = draw(st.booleans())
        debut = depart + draw(st.integers(0, 30)) * JOUR if interruption else None
        fin = debut + draw(st.integers(0, 20)) * JOUR if debut else None
        plancher = max(depart, fin or depart)
        paiement = plancher + draw(st.integers(0, 120)) * JOUR
        mandat = draw(st.one_of(st.none(), st.just(reception + draw(st.integers(0, 200)) * JOUR)))
        if mandat is not None and mandat > paiement:
            mandat = paiement
        lignes.append(
            {
                "numero": f"M{rang}",
                "montant": Decimal(draw(st.integers(1, 10**9))) / 100,
                "date_reception": reception,
                "date_service_fait": service,
                "interruption_debut": debut,
                "interruption_fin": fin,
                "date_mise_en_paiement": paiement,
                "date_reception_mandat": mandat,
            }
        )
    return lignes


@settings(max_examples=25, deadline=None)
@given(registres(), st.sampled_from(list(CategorieAcheteur)))
def test_le_lot_donne_les_chiffres_du_calcul_unitaire(
    lignes: list[dict[str, object]], categorie: CategorieAcheteur
) -> None:
    def o(d: object) -> int:
        return d.toordinal() if isinstance(d, dt.date) else 0

    mandats = [
        (
            rang,
            str(x["numero"]),
            "",
            x["montant"],
            o(x["date_reception"]),
            o(x["date_service_fait"]),
            o(x["interruption_debut"]),
            o(x["interruption_fin"]),
            o(x["date_mise_en_paiement"]),
            o(x["date_reception_mandat"]),
        )
        for rang, x in enumerate(lignes, start=2)
    ]
    lot = calculer_registre(mandats, categorie=categorie)  # type: ignore[arg-type]
    for x, calcule in zip(lignes, lot.lignes, strict=True):
        r = calculer_retard_paiement(Facture(categorie=categorie, **x))  # type: ignore[arg-type]
        assert calcule[4:] == (
            r.depart,
            r.fin_delai,
            r.facture.date_mise_en_paiement,
            r.jours_retard,
            r.taux,
            r.interets,
            r.indemnite,
            r.jours_ordonnateur,
            r.jours_comptable,
            r.interets_comptable,
        )
    assert lot.total_interets == sum((x[9] for x in lot.lignes), Decimal(0))


def test_registre_csv_francais(tmp_path: Path) -> None:
    chemin = _ecrire(
        tmp_path / "mandats.csv",
        "numero;fournisseur;montant;date_reception;date_mise_en_paiement;date_reception_mandat\n"
        "M1;Martin;10 000,00;01/07/2024;20/08/2024;01/08/2024\n"
        "M2;Durand;3 650,00;2024-05-31;2024-07-01;\n"
        "M3;Durand;500,00;2024-05-31;2024-06-10;\n",
    )
    r = calculer_registre(lire_registre(chemin))
    assert r.nombre == 3 and r.nombre_en_retard == 2
    assert r.total_interets == Decimal("68.35")  # 67,12 + 1,23
    assert r.total_indemnites == Decimal("80.00")
    assert [x[1] for x in r.plus_longs] == ["M1", "M2"]
    parts = {p[0]: p[1:] for p in r.parts}
    assert parts["comptable"] == (9, Decimal("30.20"))
    assert parts["ordonnateur"] == (11, Decimal("36.92"))
    assert parts["non réparti (réception de l'ordre de payer inconnue)"] == (1, Decimal("1.23"))
    for format_ in ("texte", "csv", "json", "html"):
        assert r.rendre(format_)


def test_registre_classeur(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    classeur = openpyxl.Workbook()
    feuille = classeur.active
    feuille.append(["numero", "montant", "date_reception", "date_mise_en_paiement"])
    feuille.append(["M1", 10000, D(2024, 7, 1), D(2024, 8, 20)])
    classeur.save(tmp_path / "m.xlsx")
    r = calculer_registre(lire_registre(tmp_path / "m.xlsx"))
    assert r.total_interets == Decimal("67.12")


@pytest.mark.parametrize(
    ("ligne", "motif"),
    [
        ("M1,,1 000,00,2024-07-01,,,,2024-08-01,\n", "4 cellules|cellules pour"),
        ("M1,,-5,2024-07-01,,,,2024-08-01,\n", r"ligne 2.*montant.*montant hors des bornes"),
        (
            "M1,,5,2024-07-01,,,,2024-06-01,\n",
            r"ligne 2.*date_mise_en_paiement.*avant la réception",
        ),
        ("M1,,5,2024-07-01,,2024-07-10,2024-07-05,2024-08-01,\n", r"ligne 2.*interruption_fin"),
        ("M1,,5,2024-07-01,,2024-08-05,2024-08-06,2024-09-01,\n", r"ligne 2.*pendant le délai"),
        ("M1,,5,2024-07-01,,,,2024-08-01,\nM1,,5,2024-07-01,,,,2024-08-01,\n", r"ligne 3.*double"),
        ("M1,,5,31/02/2024,,,,2024-08-01,\n", r"ligne 2.*date_reception.*n'existe pas"),
    ],
)
def test_registre_refus(tmp_path: Path, ligne: str, motif: str) -> None:
    chemin = _ecrire(tmp_path / "m.csv", ENTETE + ligne)
    with pytest.raises(ErreurDossier, match=motif):
        calculer_registre(lire_registre(chemin), fichier=str(chemin))


def test_cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    dossier = _ecrire(
        tmp_path / "f.toml",
        '[facture]\nnumero = "F1"\nmontant = "10 000,00"\ndate_reception = 2024-07-01\n'
        "date_mise_en_paiement = 2024-08-20\n",
    )
    assert main(["paiement", "retard", str(dossier)]) == 0
    assert "67,12 €" in capsys.readouterr().out
    registre = _ecrire(tmp_path / "m.csv", ENTETE + "M1,,10000,2024-07-01,,,,2024-08-20,\n")
    assert main(["paiement", "registre", str(registre), "--format", "csv", "--table", "parts"]) == 0
    assert "ordonnateur" not in capsys.readouterr().out.split("\n")[0]
    assert main(["paiement", "registre", str(registre), "--categorie", "sante"]) == 0
    assert "0,00" in capsys.readouterr().out


def test_registre_lignes_de_provenance_et_textes_neutralises(tmp_path: Path) -> None:
    """Comme le lecteur commun : lignes ``#`` et vides ignorées mais comptées, apostrophe d'un
    texte neutralisé retirée, cellules en trop refusées avec leur ligne."""
    chemin = _ecrire(
        tmp_path / "m.csv",
        "# registre exporté\nnumero,fournisseur,montant,date_reception,date_mise_en_paiement\n\n"
        "M1,'=Martin,10000,2024-07-01,2024-08-20\nM2,x,5,2024-07-01,2024-09-01\n",
    )
    r = calculer_registre(lire_registre(chemin))
    assert [(x[0], x[2]) for x in r.lignes] == [(4, "=Martin"), (5, "x")]
    _ecrire(
        chemin,
        "numero,montant,date_reception,date_mise_en_paiement\nM1,1,2024-07-01,2024-08-01,9\n",
    )
    with pytest.raises(ErreurDossier, match=r"ligne 2.*5 cellules pour 4 colonnes"):
        lire_registre(chemin)


def test_chaque_fait_est_la_valeur_calculee() -> None:
    r = calculer_retard_paiement(_facture(date_reception_mandat=D(2024, 8, 1)))
    for fait in r.decrire().faits:
        porteur = r.facture if fait.cle in {"numero", "fournisseur", "montant"} else r
        if fait.cle in {"categorie", "date_mise_en_paiement"}:
            continue
        assert fait.valeur == getattr(porteur, fait.cle), fait.cle


def test_serie_prolongee_par_le_dossier_utilisateur(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "series").mkdir()
    _ecrire(
        tmp_path / "series" / "bce_refinancement.csv",
        "date_effet,taux_pct,source\n"
        '2026-02-04,1.90,"Communiqué fictif du cas ; BCE, série FM.B.U2"\n',
    )
    monkeypatch.setenv("COLLECTIVITES_DONNEES", str(tmp_path))
    r = calculer_retard_paiement(
        _facture(date_reception=D(2026, 6, 1), date_mise_en_paiement=D(2026, 7, 11))
    )
    assert r.taux == Decimal("0.0990")  # 1,90 % au 01/07/2026 + 8 points
    assert any("prolongée" in h and "fichier utilisateur" in h for h in r.hypotheses)


def test_registre_en_classeur_et_en_json(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    registre = _ecrire(tmp_path / "m.csv", ENTETE + "M1,,10000,2024-07-01,,,,2024-08-20,\n")
    sortie = tmp_path / "r.xlsx"
    assert (
        main(["paiement", "registre", str(registre), "--format", "xlsx", "--sortie", str(sortie)])
        == 0
    )
    assert sortie.read_bytes()[:2] == b"PK"
    assert main(["paiement", "registre", str(registre), "--format", "json"]) == 0
    assert '"total_interets": "67.12"' in capsys.readouterr().out
