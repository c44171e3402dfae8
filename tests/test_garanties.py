"""Règles prudentielles des garanties d'emprunt (CGCT L2252-1, L2252-2, L3231-4, L3231-4-1,
L4253-1, L4253-2 ; D1511-30 à D1511-35) : cas calculés à la main depuis les textes, éléments du
ratio lus dans des documents budgétaires réels, bords de chaque règle, exemptions, refus.

Les éléments des fichiers réels sont ceux de la ligne ``CodTypEmpr`` 10 (« Eléments pour ratio »)
de ``shared/docbudg/xml`` (crach-bp-2022, montpellier-ca-2018, montreuil-ca-2018).
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from decimal import Decimal, localcontext
from fractions import Fraction

import pytest

from collectivites.dette._garanties import (
    Collectivite,
    ElementsRatio,
    Operation,
    ratio_garanties,
    regles_garanties,
    verifier_garantie,
)
from collectivites.erreurs import ErreurDonnees, ErreurType, ErreurValeur

D = Decimal

# Cas d'école : recettes réelles 1 000 000,00 ; annuité nette de la dette 300 000,00 ; annuités
# déjà garanties à échoir 150 000,00 ; provisions 20 000,00 (coefficient 1, D1511-33).
#   charge sans projet = 150 000 + 300 000 − 20 000 × 1 = 430 000,00
#   plafond (D1511-32)  = 50 % × 1 000 000 = 500 000,00 → marge 70 000,00 ; ratio 43 %
#   annuités susceptibles d'être garanties = 500 000 + 20 000 − 300 000 = 220 000,00
#   limite par débiteur (D1511-34) = 10 % × 220 000 = 22 000,00
ECOLE = ElementsRatio(
    recettes_reelles_fonctionnement=D("1000000.00"),
    annuite_nette_dette=D("300000.00"),
    annuites_garanties_a_echoir=D("150000.00"),
    provisions=D("20000.00"),
)


def _controle(verification: object, regle: str) -> object:
    return next(c for c in verification.controles if c.regle == regle)  # type: ignore[attr-defined]


def test_donnees_datees_des_decrets() -> None:
    r = regles_garanties()
    assert r.date_effet == dt.date(2000, 4, 9)
    assert (r.plafond, r.coefficient_provisions, r.division) == (D("0.5"), D(1), D("0.1"))
    assert (r.partage, r.partage_amenagement) == (D("0.5"), D("0.8"))
    assert r.articles == {
        "plafond": "D1511-32",
        "provisions": "D1511-33",
        "division": "D1511-34",
        "partage": "D1511-35",
    }
    assert regles_garanties(dt.date(2024, 1, 1)) == r
    with pytest.raises(ErreurDonnees, match="aucune version livrée avant le 09/04/2000"):
        regles_garanties(dt.date(2000, 4, 8))


def test_cas_d_ecole_ratio() -> None:
    r = ratio_garanties(ECOLE)
    assert r.numerateur == D("430000.00")
    assert r.fraction == Fraction(43, 100)
    assert r.ratio_affiche == D("0.4300")
    assert r.plafond == D("500000.00")
    assert r.marge == D("70000.00")
    assert r.capacite == D("220000.00")
    assert r.respecte and r.code_de_sortie == 0


def test_cas_d_ecole_division_refusee() -> None:
    # Annuité 80 000,00 garantie à 50 % : 40 000,00 garantis.
    #   plafonnement : 430 000 + 40 000 = 470 000 ≤ 500 000 (marge 30 000,00)
    #   division : 0 + 40 000 > 22 000 → dépassée de 18 000,00
    #   partage : 50 % ≤ 50 % (égalité permise : « ne peut excéder »)
    v = verifier_garantie(ECOLE, annuite="80000.00", quotite="50 %", beneficiaire="SAS Port")
    plafond, division, partage = v.controles
    assert (plafond.retenu, plafond.limite, plafond.marge) == (
        D("470000.00"),
        D("500000.00"),
        D("30000.00"),
    )
    assert plafond.respecte
    assert (division.retenu, division.limite, division.marge) == (
        D("40000.00"),
        D("22000.00"),
        D("-18000.00"),
    )
    assert not division.respecte
    assert partage.respecte and partage.marge == 0
    assert not v.autorisee and v.code_de_sortie == 1
    assert [c.regle for c in v.refusees] == ["division"]
    lignes = {e["regle"]: e for e in v.to_records("controles")}
    assert lignes["Division du risque : SAS Port"]["resultat"] == "dépassée de 18\u202f000,00 €"
    assert lignes["Division du risque : SAS Port"]["articles"] == "CGCT L2252-1, al. 3 ; D1511-34"


def test_bord_du_plafond() -> None:
    # Marge 70 000,00 : une part garantie de 70 000,00 (140 000,00 à 50 %) atteint le plafond,
    # permise ; 70 000,01 (140 000,02 à 50 %) le dépasse d'un centime.
    juste = verifier_garantie(ECOLE, annuite="140000.00", quotite="50 %", beneficiaire="A")
    assert _controle(juste, "plafonnement").respecte  # type: ignore[attr-defined]
    assert juste.ratio.numerateur == juste.ratio.plafond == D("500000.00")
    assert juste.ratio.ratio_affiche == D("0.5000")
    trop = verifier_garantie(ECOLE, annuite="140000.02", quotite="50 %", beneficiaire="A")
    plafond = _controle(trop, "plafonnement")
    assert not plafond.respecte  # type: ignore[attr-defined]
    assert plafond.marge == D("-0.01")  # type: ignore[attr-defined]
    # 500 000,01 / 1 000 000 = 50,000001 % : affiché au centième supérieur, 50,01 %
    assert trop.ratio.ratio_affiche == D("0.5001")


def test_bord_de_la_division() -> None:
    # 12 000,00 déjà garantis au même débiteur + 10 000,00 (20 000,00 à 50 %) = 22 000,00 : permis ;
    # 20 000,02 à 50 % : 22 000,01, refusé.
    juste = verifier_garantie(
        ECOLE, annuite="20000.00", quotite="50 %", beneficiaire="A", annuites_beneficiaire="12000"
    )
    assert juste.autorisee
    assert _controle(juste, "division").marge == 0  # type: ignore[attr-defined]
    trop = verifier_garantie(
        ECOLE, annuite="20000.02", quotite="50 %", beneficiaire="A", annuites_beneficiaire="12000"
    )
    assert [c.regle for c in trop.refusees] == ["division"]
    assert _controle(trop, "division").marge == D("-0.01")  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("operation", "quotite", "permis", "limite"),
    [
        ("autre", "50 %", True, D("0.5")),
        ("autre", "50,01 %", False, D("0.5")),
        ("amenagement", "80 %", True, D("0.8")),  # D1511-35, al. 2
        ("amenagement", "80,01 %", False, D("0.8")),
    ],
)
def test_bord_du_partage(operation: str, quotite: str, permis: bool, limite: Decimal) -> None:
    v = verifier_garantie(
        ECOLE, annuite="1000.00", quotite=quotite, beneficiaire="A", operation=operation
    )
    partage = _controle(v, "partage")
    assert partage.limite == limite  # type: ignore[attr-defined]
    assert partage.respecte is permis  # type: ignore[attr-defined]
    assert v.autorisee is permis


def test_partage_compte_les_autres_collectivites() -> None:
    # « La quotité garantie par une ou plusieurs collectivités » : 30 % + 30 % = 60 % > 50 %.
    v = verifier_garantie(
        ECOLE, annuite="1000.00", quotite="30 %", quotite_autres="30 %", beneficiaire="A"
    )
    partage = _controle(v, "partage")
    assert partage.retenu == D("0.6")  # type: ignore[attr-defined]
    assert not v.autorisee
    assert v.to_records("controles")[2]["resultat"] == "dépassée de 10,00 %"


def test_logement_social_exempte_des_trois_regles() -> None:
    # L2252-2, I : les deuxième à quatrième alinéas de L2252-1 ne s'appliquent pas. Une garantie à
    # 100 % d'une annuité de 400 000,00 (plafond et division dépassés) reste permise.
    v = verifier_garantie(
        ECOLE,
        annuite="400000.00",
        quotite="100 %",
        beneficiaire="Office HLM",
        operation=Operation.LOGEMENT_SOCIAL,
    )
    assert v.autorisee and v.code_de_sortie == 0
    assert all(not c.applicable for c in v.controles)
    assert v.controles[0].exemption == "L2252-2, I : garanties des opérations de logement social"
    assert v.ratio.numerateur == D("830000.00")  # le ratio reste calculé, pour information
    resultat = v.to_records("controles")[0]["resultat"]
    assert resultat == "non applicable (L2252-2, I : garanties des opérations de logement social)"


@pytest.mark.parametrize(
    ("operation", "collectivite", "exemption"),
    [
        ("amenagement-logement", "commune", "L2252-2, II"),
        ("amenagement-logement", "departement", "L3231-4-1, II"),
        ("amenagement-logement", "region", "L4253-2, II"),
        ("interet-general", "commune", "L2252-1, al. 5"),
        ("interet-general", "departement", "L3231-4, al. 5"),
        ("interet-general", "region", "L4253-1, al. 5"),
    ],
)
def test_exemptions_du_seul_partage(operation: str, collectivite: str, exemption: str) -> None:
    # Quotité 100 % permise ; plafonnement et division s'appliquent toujours.
    v = verifier_garantie(
        ECOLE,
        annuite="10000.00",
        quotite="100 %",
        beneficiaire="A",
        operation=operation,
        collectivite=collectivite,
    )
    plafond, division, partage = v.controles
    assert plafond.applicable and division.applicable and not partage.applicable
    assert partage.exemption.startswith(exemption + " : ")
    assert v.autorisee  # 10 000 ≤ 22 000 et 440 000 ≤ 500 000


def test_articles_par_categorie() -> None:
    for categorie, loi in [
        ("commune", "L2252-1"),
        ("departement", "L3231-4"),
        ("region", "L4253-1"),
    ]:
        r = ratio_garanties(ECOLE, collectivite=categorie)
        assert r.collectivite is Collectivite(categorie)
        assert r.articles == f"CGCT {loi}, al. 2 ; D1511-30, D1511-31, D1511-32, D1511-33"


# --- éléments du ratio de documents budgétaires réels ---------------------------------------


def test_crach_bp_2022() -> None:
    # RReelFon 3 082 599,00 ; AnnuitNetDette 160 847,18 ; TotGarEchoirExer 34 880,06.
    #   charge = 34 880,06 + 160 847,18 = 195 727,24
    #   ratio = 195 727,24 / 3 082 599,00 = 19 572 724 / 308 259 900 = 4 893 181 / 77 064 975
    #         ≈ 6,3494 % → affiché 6,35 % ; plafond 1 541 299,50 ; marge 1 345 572,26
    #   capacité = 1 541 299,50 − 160 847,18 = 1 380 452,32 ; 10 % : 138 045,232
    r = ratio_garanties(
        ElementsRatio(
            recettes_reelles_fonctionnement="3082599.00",
            annuite_nette_dette="160847.18",
            annuites_garanties_a_echoir="34880.06",
        )
    )
    assert r.numerateur == D("195727.24")
    assert r.fraction == Fraction(4893181, 77064975)
    assert r.ratio_affiche == D("0.0635")
    assert r.plafond == D("1541299.50")
    assert r.marge == r.marge_affichee == D("1345572.26")
    assert r.capacite == D("1380452.32")


def test_montpellier_ca_2018() -> None:
    # RReelFon 341 393 143,09 ; AnnuitNetDette 14 173 042,58 ; TotGarEchoirExer 8 944 676,34 ;
    # Tot1Annuite 659 444,34.
    #   charge = 8 944 676,34 + 659 444,34 + 14 173 042,58 = 23 777 163,26
    #   ratio = 2 377 716 326 / 34 139 314 309 ≈ 6,9647 % → 6,97 %
    #   plafond = 170 696 571,545 (un demi-centime) ;
    #   marge = 146 919 408,285 → affichée 146 919 408,28
    r = ratio_garanties(
        ElementsRatio(
            recettes_reelles_fonctionnement="341393143.09",
            annuite_nette_dette="14173042.58",
            annuites_garanties_a_echoir="8944676.34",
            premiere_annuite_nouveaux="659444.34",
        )
    )
    assert r.numerateur == D("23777163.26")
    assert r.fraction == Fraction(2377716326, 34139314309)
    assert r.ratio_affiche == D("0.0697")
    assert r.plafond == D("170696571.545")
    assert r.marge == D("146919408.285")
    assert r.marge_affichee == D("146919408.28")
    faits = {f.cle: f.valeur for f in r.decrire().faits}
    assert faits["plafond"] == D("170696571.54")  # au centime inférieur, jamais .55


def test_montreuil_ca_2018() -> None:
    # RReelFon 210 345 758,09 ; AnnuitNetDette 26 941 666,47 ; TotGarEchoirExer 1 597 371,11 ;
    # ProvGarantiEmpr 150 000,0 (× 1, déduites) ; Tot1Annuite 0,0.
    #   charge = 1 597 371,11 + 0 + 26 941 666,47 − 150 000,00 = 28 389 037,58
    #   ratio = 2 838 903 758 / 21 034 575 809 ≈ 13,4964 % → 13,50 %
    #   plafond = 105 172 879,045 ; marge = 76 783 841,465 → 76 783 841,46
    #   capacité = 105 172 879,045 + 150 000 − 26 941 666,47 = 78 381 212,575
    r = ratio_garanties(
        ElementsRatio(
            recettes_reelles_fonctionnement="210345758.09",
            annuite_nette_dette="26941666.47",
            annuites_garanties_a_echoir="1597371.11",
            provisions="150000.0",
            premiere_annuite_nouveaux="0.0",
        )
    )
    assert r.numerateur == D("28389037.58")
    assert r.fraction == Fraction(2838903758, 21034575809)
    assert r.ratio_affiche == D("0.1350")
    assert r.marge_affichee == D("76783841.46")
    assert r.capacite == D("78381212.575")


def test_plafond_depasse_et_capacite_nulle() -> None:
    # Dette nette 600 000,00 pour 1 000 000,00 de recettes : 60 % > 50 % ; capacité négative
    # ramenée à 0 : aucune garantie possible à un débiteur.
    r = ratio_garanties(
        ElementsRatio(recettes_reelles_fonctionnement="1000000.00", annuite_nette_dette="600000")
    )
    assert not r.respecte and r.code_de_sortie == 1
    assert r.marge == D("-100000.00") and r.capacite == 0


def test_independant_du_contexte_decimal() -> None:
    attendu = ratio_garanties(ECOLE).ratio
    with localcontext() as ctx:
        ctx.prec = 3
        assert ratio_garanties(ECOLE).ratio == attendu


# --- refus ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("arguments", "erreur", "message"),
    [
        (
            {"annuite": "-1"},
            ErreurValeur,
            "clé « annuite » : un montant ne peut pas être négatif (reçu : -1 ; attendu : un "
            "montant ≥ 0 au centime)",
        ),
        (
            {"annuite": "0"},
            ErreurValeur,
            "clé « annuite » : ce montant doit être > 0 (reçu : 0 ; attendu : un montant > 0)",
        ),
        (
            {"annuite": "1.001"},
            ErreurValeur,
            "clé « annuite » : un montant s'exprime au centime (reçu : 1.001 ; attendu : au plus "
            "deux décimales)",
        ),
        (
            {"annuite": 0.5},
            ErreurType,
            "clé « annuite » : type refusé (reçu : 0.5 ; attendu : un Decimal fini (jamais un "
            "float))",
        ),
        (
            {"quotite": "150 %"},
            ErreurValeur,
            "clé « quotite » : une quotité est une part de l'emprunt (reçu : '150 %' ; attendu : "
            "plus de 0 % à 100 %)",
        ),
        (
            {"quotite": "0 %"},
            ErreurValeur,
            "clé « quotite » : une quotité est une part de l'emprunt (reçu : '0 %' ; attendu : "
            "plus de 0 % à 100 %)",
        ),
        (
            {"quotite": "50"},
            ErreurValeur,
            "clé « quotite » : un nombre sans « % » est ambigu (1,35 % ou 135 % ?) (reçu : '50' ; "
            "attendu : un pourcentage comme « 1,35 % »)",
        ),
        (
            {"quotite": "30 %", "quotite_autres": "80 %"},
            ErreurValeur,
            "clé « quotite_autres » : la somme des quotités garanties sur l'emprunt dépasse 100 % "
            "(reçu : '110 %' ; attendu : au plus 100 %)",
        ),
        (
            {"beneficiaire": "   "},
            ErreurValeur,
            "clé « beneficiaire » : texte vide (attendu : un texte non vide)",
        ),
        (
            {"operation": "piscine"},
            ErreurValeur,
            "clé « operation » : valeur inconnue (reçu : 'piscine' ; attendu : logement-social, "
            "amenagement, amenagement-logement, interet-general, autre)",
        ),
        (
            {"annuites_beneficiaire": "1e3"},
            ErreurValeur,
            "clé « annuites_beneficiaire » : nombre illisible (reçu : '1e3' ; attendu : un nombre "
            "comme « 128189.00 » ou « 128 189,00 »)",
        ),
    ],
)
def test_refus(arguments: dict[str, object], erreur: type[Exception], message: str) -> None:
    parametres: dict[str, object] = {"annuite": "1000.00", "quotite": "50 %", "beneficiaire": "A"}
    parametres.update(arguments)
    with pytest.raises(erreur) as exc:
        verifier_garantie(ECOLE, **parametres)  # type: ignore[arg-type]
    assert str(exc.value) == message


@pytest.mark.parametrize(
    ("champs", "message"),
    [
        (
            {"recettes_reelles_fonctionnement": "0"},
            "clé « recettes_reelles_fonctionnement » : ce montant doit être > 0 (reçu : 0 ; "
            "attendu : un montant > 0)",
        ),
        (
            {"recettes_reelles_fonctionnement": "1000", "provisions": "-5"},
            "clé « provisions » : un montant ne peut pas être négatif (reçu : -5 ; attendu : un "
            "montant ≥ 0 au centime)",
        ),
        (
            {"recettes_reelles_fonctionnement": "10000000000000"},
            "clé « recettes_reelles_fonctionnement » : montant irréaliste (reçu : 10000000000000 ; "
            "attendu : au plus 1 000 000 000 000 €)",
        ),
    ],
)
def test_refus_des_elements(champs: dict[str, str], message: str) -> None:
    with pytest.raises(ErreurValeur) as exc:
        ElementsRatio(**champs)  # type: ignore[arg-type]
    assert str(exc.value) == message


def test_elements_refusent_un_flottant() -> None:
    with pytest.raises(ErreurType, match="un nombre flottant est refusé"):
        ElementsRatio(recettes_reelles_fonctionnement=1000.0)  # type: ignore[arg-type]


# --- ligne de commande ------------------------------------------------------------------------

ELEMENTS_CLI = [
    "--recettes-reelles",
    "1 000 000,00",
    "--annuite-dette",
    "300000",
    "--annuites-garanties",
    "150000",
    "--provisions",
    "20000",
]


@pytest.mark.parametrize(
    ("argv", "code"),
    [
        (["--annuite", "20000", "--quotite", "50 %", "--beneficiaire", "A"], 0),
        (["--annuite", "80000", "--quotite", "50 %", "--beneficiaire", "A"], 1),
        (["--annuite", "80000", "--quotite", "100 %", "--beneficiaire", "HLM",
          "--operation", "logement-social"], 0),
        (["--annuite", "80000", "--quotite", "50", "--beneficiaire", "A"], 2),
    ],
)  # fmt: skip
def test_cli_codes_de_sortie(
    argv: list[str], code: int, capsys: pytest.CaptureFixture[str]
) -> None:
    from collectivites.cli import main

    assert main(["garantie", "verifier", *argv, *ELEMENTS_CLI]) == code
    sortie = capsys.readouterr()
    if code == 2:
        assert sortie.out == "" and "erreur" in sortie.err
    else:
        assert "Règles prudentielles" in sortie.out


def test_cli_option_absente_nommee(capsys: pytest.CaptureFixture[str]) -> None:
    from collectivites.cli import main

    code = main(["garantie", "ratio", "--recettes-reelles", "1000", "--annuites-garanties", "0"])
    assert code == 2
    assert capsys.readouterr().err == (
        "collectivites : erreur : option --annuite-dette : option obligatoire absente (attendu : "
        "un montant (AnnuitNetDette de l'annexe de la dette))\n"
    )


def test_cli_ratio_json(capsys: pytest.CaptureFixture[str]) -> None:
    import json

    from collectivites.cli import main

    argv = ["garantie", "ratio", *ELEMENTS_CLI, "--format", "json"]
    assert main(argv) == 0
    donnees = json.loads(capsys.readouterr().out)
    assert donnees["ratio"] == "43.00"
    assert donnees["marge"] == "70000.00"


def test_le_demarrage_n_importe_pas_le_moteur() -> None:
    code = (
        "import sys, collectivites.cli; "
        "print('collectivites.dette._garanties' in sys.modules, 'attrs' in sys.modules)"
    )
    sortie = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert sortie.split()[0] == "False"
