"""Dossiers de prêt absurdes, calculés jusqu'ici : chacun est soit ramené à la règle du contrat
(plancher de 0 % du taux d'intérêt), soit refusé avec un message exact qui nomme la ligne du
fichier, la clé, la valeur reçue et ce qui était attendu.

* taux d'intérêt négatif (taux fixe, ou index + marge négatif après révision) : ramené à 0 %,
  « En tout état de cause le taux d'intérêt de chaque Ligne du Prêt ne saurait être négatif, le
  cas échéant il sera ramené à 0 % » (art. 10 des contrats de la CDC) ;
* ``pret rapprocher`` : échéance en double, montant illisible ou au-delà du centime ;
* entier de tableur mal groupé (« 5 0 »), durée précédée d'autre chose qu'un nombre en lettres
  (« xx(45) jours »), ``--ligne`` vide ou inconnue, fichier d'index pris pour un choc de taux.

Les valeurs attendues se calculent à la main (taux nul : échéance = capital / nombre
d'échéances) ou viennent du tableau imprimé par la CDC (``tests/cas/pret``).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
from decimal import Decimal
from pathlib import Path

import attrs
import pytest

from collectivites.chargement._schema import Entier
from collectivites.cli import main
from collectivites.erreurs import ErreurCollectivites, ErreurDossier, ErreurEntree, ErreurValeur
from collectivites.prets import (
    IndexDecale,
    IndexFige,
    LigneDePret,
    NatureScenario,
    calculer_tableau,
    exemple_pret,
    lire_portefeuille,
    lire_tableau_a_rapprocher,
    modele_portefeuille,
    rapprocher,
    scenario,
)
from collectivites.prets._scenarios import designe_un_fichier, est_un_choc
from collectivites.regles.delais import Duree, Unite, lire_duree
from collectivites.rendu import rendre

SAISI = Path(__file__).parent / "cas" / "pret" / "cdc-57851-5165325-saisi.csv"
PRET_57851 = exemple_pret("cdc-57851")
FONCIER = PRET_57851.ligne("5165325")
PLANCHER = (
    "Taux d'intérêt ramené à 0 % là où l'index et la marge le rendaient négatif : « En tout état "
    "de cause le taux d'intérêt de chaque Ligne du Prêt ne saurait être négatif, le cas échéant "
    "il sera ramené à 0 % » (art. 10)."
)


def _lancer(*argv: str) -> tuple[int, str, str]:
    sortie, erreurs = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(sortie), contextlib.redirect_stderr(erreurs):
        code = main(list(argv))
    return code, sortie.getvalue(), erreurs.getvalue()


def _ligne(**changements: object) -> LigneDePret:
    """100 000 € en 20 annuités, Livret A 0,75 % + 0,60 % = 1,35 %, sans progressivité."""
    valeurs: dict[str, object] = {
        "identifiant": "L1",
        "montant": Decimal("100000.00"),
        "date_debut_amortissement": dt.date(2020, 1, 1),
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


# --- 1. plancher de 0 % du taux d'intérêt (art. 10) -------------------------------------------


@pytest.mark.parametrize("revision", ["fixe", "SR", "DR", "DL"])
def test_un_taux_initial_negatif_est_ramene_a_zero_dans_tous_les_modes(revision: str) -> None:
    """Index d'émission −2,60 % + marge 0,60 % = −2 % : taux nul, intérêts nuls, 20 échéances de
    100 000 / 20 = 5 000,00 € (elles valaient 4 072,43 à 4 196,12 €, intérêts −19 927,85 €, en
    taux fixe)."""
    ligne = _ligne(
        revision=revision,
        valeur_index_reference=Decimal("-0.026"),
        taux_interet=Decimal("-0.020"),
        taux_plancher_progressivite=Decimal(0) if revision == "DL" else None,
    )
    tableau = calculer_tableau(ligne)
    assert {r.taux for r in tableau.lignes} == {Decimal(0)}
    assert {r.interets for r in tableau.lignes} == {Decimal("0.00")}
    assert {r.echeance for r in tableau.lignes} == {Decimal("5000.00")}
    assert tableau.total_interets == 0
    assert PLANCHER in tableau.hypotheses


def test_une_revision_qui_rend_le_taux_negatif_est_ramenee_a_zero() -> None:
    """Livret A 0,75 % à l'émission ; à partir du 01/01/2025, −1 % : DT = −1,75 %, I' = 1,35 % −
    1,75 % = −0,40 %, ramené à 0 %. Les cinq premières échéances ne changent pas ; les quinze
    suivantes amortissent le capital restant dû sans intérêts, par quinzièmes."""
    ligne = _ligne()
    choc = IndexDecale(
        source=IndexFige(valeur=Decimal("0.0075")),
        ecart=Decimal("-0.0175"),
        depuis=dt.date(2025, 1, 1),
    )
    fige = calculer_tableau(ligne)
    revise = calculer_tableau(ligne, index=choc)
    assert revise.lignes[:5] == fige.lignes[:5]
    assert revise.lignes[4].taux == Decimal("0.0135")
    suite = revise.lignes[5:]
    assert {r.taux for r in suite} == {Decimal(0)}
    assert {r.interets for r in suite} == {Decimal("0.00")}
    crd = revise.lignes[4].capital_du
    assert sum(r.amortissement for r in suite) == crd
    assert suite[0].echeance == (crd / 15).quantize(Decimal("0.01"))
    assert PLANCHER in revise.hypotheses


def test_une_revision_en_double_revisabilite_limitee_plancher_des_deux_taux() -> None:
    """DL : I' = −0,40 % ramené à 0 % ; P' = R (1 + P) − 1 < 0 ramené au plancher 0 %."""
    ligne = _ligne(
        revision="DL",
        taux_progressivite=Decimal("0.005"),
        taux_plancher_progressivite=Decimal(0),
    )
    choc = IndexDecale(
        source=IndexFige(valeur=Decimal("0.0075")),
        ecart=Decimal("-0.0175"),
        depuis=dt.date(2025, 1, 1),
    )
    suite = calculer_tableau(ligne, index=choc).lignes[5:]
    assert {(r.taux, r.taux_progressivite) for r in suite} == {(Decimal(0), Decimal(0))}
    assert {r.interets for r in suite} == {Decimal("0.00")}


def test_un_taux_exactement_nul_n_est_pas_un_plancher() -> None:
    """Index −0,60 % + marge 0,60 % = 0 % : rien n'a été ramené, rien n'est dit."""
    ligne = _ligne(valeur_index_reference=Decimal("-0.006"), taux_interet=Decimal(0))
    tableau = calculer_tableau(ligne)
    assert tableau.total_interets == 0
    assert not [h for h in tableau.hypotheses if "ramené à 0 %" in h]


def test_un_taux_positif_ne_dit_rien_du_plancher() -> None:
    assert not [h for h in calculer_tableau(FONCIER).hypotheses if "ramené" in h]


def test_le_plancher_en_ligne_de_commande(tmp_path: Path) -> None:
    dossier = tmp_path / "pret.toml"
    dossier.write_text(
        """[ligne]
identifiant = "L1"
montant = "100000.00"
date_debut_amortissement = 2020-01-01
duree = 20
periodicite = "annuelle"
index = "inflation"
valeur_index_reference = "-2,60 %"
marge = "0,60 %"
taux_interet = "-2 %"
profil = "amortissement_deduit_interets_differes"
revision = "fixe"
""",
        encoding="utf-8",
    )
    code, sortie, erreurs = _lancer("pret", "tableau", str(dossier), "--format", "json")
    assert (code, erreurs) == (0, "")
    assert '"interets": "-' not in sortie and '"echeance": "-' not in sortie
    assert "ramené à 0 %" in sortie


# --- 2. rapprochement : tableaux douteux refusés ----------------------------------------------


def _rapprocher(tmp_path: Path, contenu: str) -> object:
    chemin = tmp_path / "t.csv"
    chemin.write_text(contenu, encoding="utf-8")
    colonnes, lignes = lire_tableau_a_rapprocher(chemin)
    return rapprocher(calculer_tableau(FONCIER), lignes, colonnes, fichier="t.csv")


MONTANT_ATTENDU = (
    "un montant comme « 3 170,41 », « 3.170,41 », « 3170,41 » ou « 3,170.41 » : milliers par "
    "groupes de trois chiffres, un seul séparateur décimal"
)


@pytest.mark.parametrize(
    ("contenu", "message"),
    [
        (
            "N°;Échéance\n1;3170,41\n1;3170,41\n",
            "fichier « t.csv », ligne 3 : échéance présente deux fois dans le tableau à "
            "rapprocher (reçu : 1 ; attendu : une seule ligne par échéance ; l'échéance 1 est "
            "déjà à la ligne 2 du fichier)",
        ),
        (  # un N° répété avec d'autres montants : un doublon, non des écarts
            "N°;Échéance\n1;3170,41\n2;3186,26\n2;3202,19\n",
            "fichier « t.csv », ligne 4 : échéance présente deux fois dans le tableau à "
            "rapprocher (reçu : 2 ; attendu : une seule ligne par échéance ; l'échéance 2 est "
            "déjà à la ligne 3 du fichier)",
        ),
        (  # sans N°, rapprochées par date
            "Date d'échéance;Échéance\n06/12/2018;3170,41\n06/12/2018;3170,41\n",
            "fichier « t.csv », ligne 3 : échéance présente deux fois dans le tableau à "
            "rapprocher (reçu : 1 ; attendu : une seule ligne par échéance ; l'échéance 1 est "
            "déjà à la ligne 2 du fichier)",
        ),
        (
            "N°;Échéance\n1;3170,41\n2;3186,26.5\n",
            "fichier « t.csv », ligne 3, clé « echeance » : cellule illisible (reçu : "
            f"'3186,26.5' ; attendu : {MONTANT_ATTENDU})",
        ),
        (
            "N°;Amortissement\n1;1439,86\n2;1475,154\n",
            "fichier « t.csv », ligne 3, clé « amortissement » : montant au-delà du centime "
            "(reçu : '1475,154' ; attendu : au plus 2 décimales)",
        ),
        (
            "N°;Échéance\n1;31 70,41\n",
            "fichier « t.csv », ligne 2, clé « echeance » : cellule illisible (reçu : "
            f"'31 70,41' ; attendu : {MONTANT_ATTENDU})",
        ),
        (
            "N°;Échéance\n1;3.170.41\n",
            "fichier « t.csv », ligne 2, clé « echeance » : cellule illisible (reçu : "
            f"'3.170.41' ; attendu : {MONTANT_ATTENDU})",
        ),
        (
            "N°;Échéance\n1,5;3170,41\n",
            "fichier « t.csv », ligne 2, clé « numero » : cellule illisible (reçu : '1,5' ; "
            "attendu : un numéro d'échéance entier (« 12 »))",
        ),
    ],
)
def test_tableau_douteux_refuse(tmp_path: Path, contenu: str, message: str) -> None:
    with pytest.raises(ErreurDossier) as refus:
        _rapprocher(tmp_path, contenu)
    assert str(refus.value) == message


def test_tableau_imprime_repete_deux_cents_fois_refuse(tmp_path: Path) -> None:
    """Le tableau de la CDC (50 échéances, lignes 2 à 51) répété : la ligne 52 redit la 1."""
    entete, corps = SAISI.read_text(encoding="utf-8-sig").split("\n", 1)
    with pytest.raises(ErreurDossier) as refus:
        _rapprocher(tmp_path, entete + "\n" + corps * 200)
    assert (refus.value.ligne, refus.value.valeur) == (52, 1)
    assert refus.value.message == "échéance présente deux fois dans le tableau à rapprocher"


@pytest.mark.parametrize(
    "montant",
    ["3 170,41", "3\u202f170,41", "3.170,41", "3170,41", "3,170.41", "3170.41", "3 170,41 €"],
)
def test_montants_francais_et_anglais_lus(tmp_path: Path, montant: str) -> None:
    """Échéance n° 1 du tableau imprimé de la CDC : 3 170,41 €."""
    r = _rapprocher(tmp_path, f'N°;Échéance\n1;"{montant}"\n')
    assert r.ecarts == ()  # type: ignore[attr-defined]


def test_un_montant_d_un_centime_faux_reste_un_ecart(tmp_path: Path) -> None:
    r = _rapprocher(tmp_path, "N°;Échéance\n1;3 170,42\n")
    assert [(e.numero, e.ecart) for e in r.ecarts] == [(1, Decimal("0.01"))]  # type: ignore[attr-defined]


def test_un_flottant_de_classeur_est_ramene_a_quinze_chiffres(tmp_path: Path) -> None:
    """Une formule enregistre 1475.1499999999999 pour l'amortissement n° 2 (1 475,15 €) : le
    tableur affiche 1 475,15, le rapprochement aussi ; 1475.154 reste refusé."""
    openpyxl = pytest.importorskip("openpyxl")
    for valeur, refuse in [(1475.1499999999999, False), (1475.154, True)]:
        classeur = openpyxl.Workbook()
        feuille = classeur.active
        feuille.append(["N°", "Amortissement"])
        feuille.append([2, valeur])
        chemin = tmp_path / "t.xlsx"
        classeur.save(chemin)
        colonnes, lignes = lire_tableau_a_rapprocher(chemin)
        if refuse:
            with pytest.raises(ErreurDossier, match="montant au-delà du centime"):
                rapprocher(calculer_tableau(FONCIER), lignes, colonnes)
        else:
            assert rapprocher(calculer_tableau(FONCIER), lignes, colonnes).ecarts == ()


# --- 3. entiers de tableur, durées, --ligne, fichiers d'index ----------------------------------


@pytest.mark.parametrize(
    ("texte", "lu"),
    [
        ("20 000", 20000),
        ("1\u202f200", 1200),
        ("20000", 20000),
        (" 50 ", 50),
        ("5 0", "5 0"),
        ("12 3456", "12 3456"),
        ("1 200\u202f000", "1 200\u202f000"),
        ("١٢", "١٢"),
    ],
)
def test_entier_de_cellule(texte: str, lu: object) -> None:
    """Milliers par groupes de trois, d'une même espace ; sinon le texte, refusé ensuite."""
    assert Entier().depuis_cellule(texte) == lu


def test_duree_de_portefeuille_mal_groupee_refusee(tmp_path: Path) -> None:
    texte = rendre(modele_portefeuille(), "csv")
    assert isinstance(texte, str) and ",50,annuelle," in texte
    chemin = tmp_path / "p.csv"
    chemin.write_text(texte.replace(",50,annuelle,", ',"5 0",annuelle,'), encoding="utf-8")
    with pytest.raises(ErreurCollectivites) as refus:
        lire_portefeuille(chemin)
    assert str(refus.value) == (
        f"fichier « {chemin} », ligne 2, clé « duree » : un nombre entier est attendu (reçu : "
        "'5 0' ; attendu : un entier de 1 à 1200)"
    )


@pytest.mark.parametrize(
    ("texte", "duree"),
    [
        ("quarante-cinq (45) jours", Duree(quantite=45, unite=Unite.JOURS)),
        ("vingt et un (21) jours", Duree(quantite=21, unite=Unite.JOURS)),
        ("quatre-vingt-dix (90) jours ouvrés", Duree(quantite=90, unite=Unite.JOURS_OUVRES)),
        ("trois cent soixante-cinq (365) jours", Duree(quantite=365, unite=Unite.JOURS)),
        ("Soixante-et-onze (71) jours", Duree(quantite=71, unite=Unite.JOURS)),
        ("un (1) an", Duree(quantite=1, unite=Unite.ANNEES)),
        (
            "1 mois et vingt et un (21) jours",
            Duree(quantite=1, unite=Unite.MOIS, puis=Duree(quantite=21, unite=Unite.JOURS)),
        ),
    ],
)
def test_duree_en_lettres_et_en_chiffres(texte: str, duree: Duree) -> None:
    assert lire_duree(texte) == duree


@pytest.mark.parametrize(
    ("texte", "message"),
    [
        (
            "xx(45) jours",
            "durée illisible : « xx » n'est pas un nombre écrit en lettres (reçu : 'xx(45) "
            "jours' ; attendu : le nombre en lettres puis en chiffres, par exemple « quarante-cinq "
            "(45) jours », ou le nombre seul : « 45 jours »)",
        ),
        (
            "trente (45) jours",
            "durée incertaine : « trente » fait 30, les chiffres disent 45 (reçu : 'trente (45) "
            "jours' ; attendu : le même nombre en lettres et en chiffres)",
        ),
        (
            "(45 jours",
            "durée illisible (reçu : '(45 jours' ; attendu : un nombre et une unité, par exemple "
            "« 15 jours ouvrés », « 2 mois », « 1 an »)",
        ),
    ],
)
def test_duree_qui_n_en_est_pas_une_refusee(texte: str, message: str) -> None:
    with pytest.raises(ErreurValeur) as refus:
        lire_duree(texte)
    assert str(refus.value) == message


def test_delai_calculer_refuse_xx45_jours() -> None:
    code, sortie, erreurs = _lancer(
        "delai", "calculer", "--depart", "2024-01-02", "--duree", "xx(45) jours"
    )
    assert (code, sortie) == (2, "")
    assert "« xx » n'est pas un nombre écrit en lettres" in erreurs


@pytest.mark.parametrize(
    ("identifiant", "message"),
    [
        (
            "",
            "clé « ligne » : identifiant de ligne vide (reçu : '' ; attendu : 5165324, 5165325)",
        ),
        (
            "  ",
            "clé « ligne » : identifiant de ligne vide (reçu : '  ' ; attendu : 5165324, 5165325)",
        ),
        (
            "999",
            "clé « ligne » : ligne absente du prêt (reçu : '999' ; attendu : 5165324, 5165325)",
        ),
    ],
)
def test_ligne_vide_ou_inconnue(identifiant: str, message: str) -> None:
    with pytest.raises(ErreurValeur) as refus:
        PRET_57851.ligne(identifiant)
    assert str(refus.value) == message
    code, sortie, erreurs = _lancer(
        "pret", "tableau", "--exemple", "cdc-57851", "--ligne", identifiant
    )
    # en ligne de commande, la clé est l'option tapée
    en_cli = message.replace("clé « ligne »", "option --ligne")
    assert (code, sortie, erreurs) == (2, "", f"collectivites : erreur : {en_cli}\n")


def test_ligne_vide_d_un_pret_dont_les_lignes_n_ont_pas_d_identifiant() -> None:
    from collectivites.prets import Pret

    pret = Pret(lignes=(attrs.evolve(FONCIER, identifiant=""),))
    with pytest.raises(ErreurValeur) as refus:
        pret.ligne("")
    assert str(refus.value) == (
        "clé « ligne » : identifiant de ligne vide (reçu : '' ; attendu : aucun : les lignes de "
        "ce prêt n'ont pas d'identifiant)"
    )


def test_un_fichier_d_index_a_tiret_est_un_fichier(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """« index-2026.csv » n'est pas un choc de −2026 sur l'index « index »."""
    monkeypatch.chdir(tmp_path)
    assert not est_un_choc("index-2026.csv")
    assert designe_un_fichier("index-2026.csv")
    with pytest.raises(ErreurEntree) as refus:  # absent : lu comme un fichier, introuvable
        scenario("index-2026.csv")
    assert str(refus.value) == "fichier « index-2026.csv » : fichier introuvable"
    Path("index-2026.csv").write_text("date,valeur\n2026-01-01,3 %\n", encoding="utf-8")
    lu = scenario("index-2026.csv")
    assert (lu.nature, lu.fichier) == (NatureScenario.TRAJECTOIRE, "index-2026.csv")
    Path("mes-index").write_text("date,valeur\n2026-01-01,3 %\n", encoding="utf-8")
    assert scenario("mes-index").nature is NatureScenario.TRAJECTOIRE  # le chemin existe


@pytest.mark.parametrize("texte", ["livret_a+1", "livret_a+1,5 % x", "mes-index", "lep-0,5%%"])
def test_un_choc_mal_ecrit_dit_ce_qui_est_attendu(
    texte: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert not est_un_choc(texte)
    with pytest.raises(ErreurValeur) as refus:
        scenario(texte, depuis=dt.date(2027, 1, 1))
    assert str(refus.value) == (
        f"clé « index » : ni un choc de taux ni un fichier (reçu : {texte!r} ; attendu : un "
        "choc : nom de l'index, signe, taux en pourcentage (« livret_a+1 % », « lep-0,5 % ») ; "
        "ou un fichier de trajectoire .csv ou .xlsx)"
    )


@pytest.mark.parametrize(
    ("texte", "index", "ecart"),
    [
        ("livret_a+1 %", "livret_a", Decimal("0.01")),
        ("lep - 0,5 %", "lep", Decimal("-0.005")),
        ("livret_a+1.25%", "livret_a", Decimal("0.0125")),
    ],
)
def test_chocs_bien_ecrits(texte: str, index: str, ecart: Decimal) -> None:
    assert est_un_choc(texte)
    lu = scenario(texte, depuis=dt.date(2027, 1, 1))
    assert (lu.nature, lu.index, lu.ecart) == (NatureScenario.CHOC, index, ecart)


def test_le_plancher_d_un_portefeuille_est_dit_une_fois() -> None:
    """Deux lignes fixes à −2 % et −1 % : une seule note dans la projection."""
    from collectivites.prets import Pret, projeter

    lignes = (
        _ligne(
            revision="fixe", valeur_index_reference=Decimal("-0.026"), taux_interet=Decimal("-0.02")
        ),
        _ligne(
            identifiant="L2",
            revision="fixe",
            valeur_index_reference=Decimal("-0.016"),
            taux_interet=Decimal("-0.01"),
        ),
    )
    projection = projeter([Pret(lignes=lignes)], scenario("emission"))
    assert projection.notes.count(PLANCHER) == 1
