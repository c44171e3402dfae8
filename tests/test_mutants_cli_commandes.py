"""Les commandes de la ligne de commande vérifiées au plus près (issue « des tests qui attrapent
ce qu'ils prétendent ») : ce que ``pret portefeuille`` passe au moteur de répartition, l'écart
de deux scénarios et son titre, le garant, l'avancement effacé même après une erreur ; les
refus exacts des commandes (code 2, message français).

Écrits pour tuer les mutants survivants de ``cli/_portefeuille``, ``cli/_commandes``,
``cli/_garantie``, ``cli/_paiements`` et ``cli/_dette`` : chaque attente vient du code et de sa
documentation (noms d'options, messages), pas d'une sortie recopiée."""

from __future__ import annotations

import argparse
import datetime as dt
import io
import sys
from decimal import Decimal
from typing import Any

import pytest

from collectivites.cli import _portefeuille, main
from collectivites.erreurs import ErreurValeur


def _lancer(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    sortie = capsys.readouterr()
    return code, sortie.out, sortie.err


# --- pret portefeuille : ce qui est passé au moteur ----------------------------------------------


class _Projection:
    """Une projection factice : garde le garant auquel elle est restreinte."""

    def __init__(self, nom: str) -> None:
        self.nom = nom
        self.garant: str | None = None

    def restreindre(self, garant: str) -> _Projection:
        restreinte = _Projection(f"{self.nom} restreinte")
        restreinte.garant = garant
        return restreinte


def _args(**valeurs: Any) -> argparse.Namespace:
    defauts: dict[str, Any] = {
        "index": "historique",
        "comparer_a": None,
        "depuis": None,
        "par": "ligne",
        "garant": None,
        "dossiers": ["a.csv", "b.toml"],
        "exemple": None,
        "moteur": "serie",
        "travailleurs": None,
        "planificateur": None,
        "lignes_par_partition": 20_000,
        "terminal": False,
    }
    return argparse.Namespace(**{**defauts, **valeurs})


def _capter_projection(
    monkeypatch: pytest.MonkeyPatch, *projections: Any, erreur: Exception | None = None
) -> list[Any]:
    import collectivites.prets._repartition

    appels: list[Any] = []

    def projeter(sources: Any, scenarios: Any, **options: Any) -> tuple[Any, ...]:
        appels.append((sources, scenarios, options))
        progression = options.get("progression")
        if progression is not None:
            progression(1, 2, 1000)
        if erreur is not None:
            raise erreur
        return projections

    monkeypatch.setattr(collectivites.prets._repartition, "projeter_fichiers_scenarios", projeter)
    return appels


def test_portefeuille_passe_chaque_option_au_moteur(monkeypatch: pytest.MonkeyPatch) -> None:
    from collectivites.prets import Agregation, scenario

    projection = _Projection("base")
    appels = _capter_projection(monkeypatch, projection)
    args = _args(
        par="emprunteur",
        exemple=["cdc-57851", "cdc-57769"],
        moteur="processus",
        travailleurs=3,
        planificateur="tcp://grappe:8786",
        lignes_par_partition=123,
    )
    resultat = _portefeuille.projection(args)
    assert isinstance(resultat, _portefeuille.ProjectionEnFlot)
    assert resultat.projection is projection
    ((sources, scenarios, options),) = appels
    assert sources == ["a.csv", "b.toml"]
    assert [s.nom for s in scenarios] == [scenario("historique").nom]
    assert options == {
        "par": Agregation.EMPRUNTEUR,
        "moteur": "processus",
        "travailleurs": 3,
        "planificateur": "tcp://grappe:8786",
        "lignes_par_partition": 123,
        "exemples": ("cdc-57851", "cdc-57769"),
        "progression": None,
    }


def test_portefeuille_d_exemples_seuls(monkeypatch: pytest.MonkeyPatch) -> None:
    """Sans dossier (``dossiers`` absent ou vide), les sources sont une liste vide."""
    for dossiers in (None, list[str]()):
        appels = _capter_projection(monkeypatch, _Projection("base"))
        _portefeuille.projection(_args(dossiers=dossiers, exemple=["cdc-57851"]))
        ((sources, _scenarios, options),) = appels
        assert sources == []
        assert options["exemples"] == ("cdc-57851",)


def test_portefeuille_sans_exemple_passe_un_tuple_vide(monkeypatch: pytest.MonkeyPatch) -> None:
    appels = _capter_projection(monkeypatch, _Projection("base"))
    _portefeuille.projection(_args())
    ((_sources, _scenarios, options),) = appels
    assert options["exemples"] == ()
    assert options["par"].value == "ligne"


def test_portefeuille_ecart_de_deux_scenarios(monkeypatch: pytest.MonkeyPatch) -> None:
    import collectivites.prets
    from collectivites.prets import scenario

    base, autre = _Projection("base"), _Projection("autre")
    appels = _capter_projection(monkeypatch, base, autre)
    ecarts: list[Any] = []

    def ecart(a: Any, b: Any, *, titre: str = "") -> _Projection:
        ecarts.append((a, b, titre))
        return _Projection("écart")

    monkeypatch.setattr(collectivites.prets, "ecart", ecart)
    depuis = dt.date(2027, 1, 1)
    args = _args(par="garant", comparer_a="livret_a+1 %", depuis=depuis)
    resultat = _portefeuille.projection(args)
    assert resultat.projection.nom == "écart"
    ((_sources, scenarios, _options),) = appels
    noms = [scenario("historique").nom, scenario("livret_a+1 %", depuis=depuis).nom]
    assert [s.nom for s in scenarios] == noms
    assert ecarts == [
        (base, autre, f"Écart par garant : « {noms[1]} » moins « {noms[0]} »"),
    ]


def test_portefeuille_restreint_au_garant(monkeypatch: pytest.MonkeyPatch) -> None:
    _capter_projection(monkeypatch, _Projection("base"))
    resultat = _portefeuille.projection(_args(par="garant", garant="Département de la Lozère"))
    assert resultat.projection.nom == "base restreinte"
    assert resultat.projection.garant == "Département de la Lozère"
    _capter_projection(monkeypatch, _Projection("base"))
    assert _portefeuille.projection(_args(par="garant")).projection.garant is None


def test_portefeuille_garant_sans_par_garant_refuse(monkeypatch: pytest.MonkeyPatch) -> None:
    appels = _capter_projection(monkeypatch, _Projection("base"))
    with pytest.raises(ErreurValeur) as erreur:
        _portefeuille.projection(_args(par="emprunteur", garant="Lozère"))
    assert erreur.value.cle == "--garant"
    assert str(erreur.value) == (
        "clé « --garant » : --garant s'emploie avec --par garant (reçu : 'Lozère')"
    )
    assert appels == []


def test_portefeuille_sans_pret_refuse(monkeypatch: pytest.MonkeyPatch) -> None:
    appels = _capter_projection(monkeypatch, _Projection("base"))
    for dossiers in (None, list[str]()):
        with pytest.raises(ErreurValeur) as erreur:
            _portefeuille.projection(_args(dossiers=dossiers, exemple=None))
        assert str(erreur.value) == (
            "aucun prêt (attendu : des dossiers, un répertoire ou --exemple)"
        )
    assert appels == []


def test_portefeuille_sans_pret_en_ligne_de_commande(capsys: pytest.CaptureFixture[str]) -> None:
    code, sortie, erreur = _lancer(capsys, "pret", "portefeuille")
    assert (code, sortie) == (2, "")
    assert erreur == (
        "collectivites : erreur : aucun prêt (attendu : des dossiers, un répertoire ou --exemple)\n"
    )


@pytest.mark.parametrize("echec", [False, True])
def test_avancement_sur_un_terminal_efface_meme_apres_une_erreur(
    monkeypatch: pytest.MonkeyPatch, echec: bool
) -> None:
    erreur = io.StringIO()
    monkeypatch.setattr(sys, "stderr", erreur)
    probleme = ErreurValeur("partition illisible") if echec else None
    appels = _capter_projection(monkeypatch, _Projection("base"), erreur=probleme)
    if echec:
        with pytest.raises(ErreurValeur):
            _portefeuille.projection(_args(terminal=True))
    else:
        _portefeuille.projection(_args(terminal=True))
    ((_sources, _scenarios, options),) = appels
    assert isinstance(options["progression"], _portefeuille._Avancement)
    ecrit = erreur.getvalue()
    assert ecrit.startswith("\rprojection : 1/2 parties, 1\u202f000 lignes, 0:0")
    assert ecrit.endswith("\r\x1b[K")


def test_pas_d_avancement_hors_d_un_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    erreur = io.StringIO()
    monkeypatch.setattr(sys, "stderr", erreur)
    appels = _capter_projection(monkeypatch, _Projection("base"))
    args = _args()
    del args.terminal  # un appel sans la ligne de commande : pas d'avancement
    _portefeuille.projection(args)
    assert appels[0][2]["progression"] is None
    assert erreur.getvalue() == ""


# --- montants démesurés : refus français, code 2 (défaut trouvé par la mutation) -----------------


@pytest.mark.parametrize(
    "argv",
    [
        ("pret", "teg", "--exemple", "cdc-57851", "--ligne", "5165325", "--commissions"),
        (
            "pret",
            "moratoires",
            "--exemple",
            "cdc-57851",
            "--ligne",
            "5165325",
            "--exigibilite",
            "2020-12-06",
            "--paiement",
            "2021-03-01",
            "--montant",
        ),
        ("pret", "remboursement", "--exemple", "cdc-57851", "--date", "2026-12-06", "--montant"),
    ],
    ids=["teg", "moratoires", "remboursement"],
)
def test_montant_de_cinquante_chiffres_refuse_en_francais(
    capsys: pytest.CaptureFixture[str], argv: tuple[str, ...]
) -> None:
    """Un montant de plus de 32 chiffres (ici 51) faisait sortir une
    ``decimal.InvalidOperation`` (trace Python, code 1) au lieu du refus de l'option ; il est
    refusé comme par ``garantie``."""
    code, sortie, erreur = _lancer(capsys, *argv, "1" + "0" * 50)
    assert (code, sortie) == (2, "")
    option = argv[-1]
    assert erreur.endswith(
        f"erreur : argument {option}: nombre illisible (reçu : '10000000000000000000'… ; "
        "attendu : un montant au centime d'au plus 1 000 000 000 000 €)\n"
    )


# --- ce que les commandes rSa et données passent à leur moteur ----------------------------------


def _capter(monkeypatch: pytest.MonkeyPatch, module: str, nom: str) -> list[Any]:
    """Remplace ``module.nom`` par un relevé de ses appels qui rend un texte (écrit tel quel)."""
    import importlib

    appels: list[Any] = []

    def releve(*args: Any, **kwargs: Any) -> str:
        appels.append((args, kwargs))
        return "fait\n"

    monkeypatch.setattr(importlib.import_module(module), nom, releve)
    return appels


def _dossier_rsa() -> Any:
    from collectivites.regles.rsa import exemple_rsa

    return exemple_rsa("rsa-lozere-2019")


@pytest.mark.parametrize("date_arrete", [None, "2020-06-30"])
def test_rsa_interets_retard_passe_le_dossier(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], date_arrete: str | None
) -> None:
    appels = _capter(monkeypatch, "collectivites.regles.rsa", "calculer_interets_retard")
    argv = ["rsa", "interets-retard", "--exemple", "rsa-lozere-2019"]
    if date_arrete:
        argv += ["--date-arrete", "30/06/2020"]
    assert _lancer(capsys, *argv) == (0, "fait\n", "")
    dossier = _dossier_rsa()
    ((positionnels, options),) = appels
    assert positionnels == (dossier.convention, dossier.acomptes)
    attendue = dt.date(2020, 6, 30) if date_arrete else dossier.date_arrete
    assert options == {
        "taux_mensuels": dossier.taux_mensuels,
        "estr_mensuels": dossier.estr_mensuels,
        "date_arrete": attendue,
    }


def test_rsa_regularisation_passe_l_annee(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    appels = _capter(monkeypatch, "collectivites.regles.rsa", "calculer_regularisation")
    argv = ("rsa", "regularisation", "--exemple", "rsa-lozere-2019", "--annee", "2019")
    assert _lancer(capsys, *argv) == (0, "fait\n", "")
    dossier = _dossier_rsa()
    assert appels == [((2019, dossier.acomptes, dossier.operations), {})]


def test_rsa_neutralite_passe_le_dossier(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    appels = _capter(monkeypatch, "collectivites.regles.rsa", "calculer_neutralite")
    argv = ("rsa", "neutralite", "--exemple", "rsa-lozere-2019", "--annee", "2019")
    assert _lancer(capsys, *argv) == (0, "fait\n", "")
    dossier = _dossier_rsa()
    assert appels == [
        (
            (dossier.convention, dossier.flux, 2019),
            {"taux_mensuels": dossier.taux_mensuels, "estr_mensuels": dossier.estr_mensuels},
        )
    ]


@pytest.mark.parametrize("serie", [None, "livret_a"])
def test_donnees_verifier_passe_le_fichier_et_la_serie(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], serie: str | None
) -> None:
    appels = _capter(monkeypatch, "collectivites.donnees", "verifier_fichier")
    argv = ["donnees", "verifier", "prolongement.csv"]
    if serie:
        argv += ["--serie", serie]
    assert _lancer(capsys, *argv) == (0, "fait\n", "")
    assert appels == [(("prolongement.csv",), {"serie": serie})]


def test_donnees_verifier_d_un_fichier_qui_ne_prolonge_rien(
    capsys: pytest.CaptureFixture[str], tmp_path: Any
) -> None:
    """Un nom de fichier qui n'est celui d'aucune série livrée : refus français, code 2."""
    fichier = tmp_path / "inconnu.csv"
    fichier.write_text("date,valeur\n2024-01-01,3\n", encoding="utf-8")
    code, sortie, erreur = _lancer(capsys, "donnees", "verifier", str(fichier))
    assert (code, sortie) == (2, "")
    assert erreur.startswith("collectivites : erreur : ")
    assert "inconnu.csv" in erreur


# --- garanties : lecteurs d'options, refus exacts -------------------------------------------------

_GARANTIE = (
    "garantie", "verifier", "--recettes-reelles", "1000000", "--annuite-dette", "0",
    "--annuites-garanties", "0", "--annuite", "100", "--beneficiaire", "A",
)  # fmt: skip


@pytest.mark.parametrize(
    ("quotite", "message"),
    [
        ("101 %", "valeur trop grande (reçu : '101 %' ; attendu : un pourcentage comme « 1,35 % » "
         "de 0 % à 100 %)"),
        ("100,01 %", "valeur trop grande (reçu : '100,01 %' ; attendu : un pourcentage comme "
         "« 1,35 % » de 0 % à 100 %)"),
        ("-1 %", "valeur trop petite (reçu : '-1 %' ; attendu : un pourcentage comme « 1,35 % » "
         "de 0 % à 100 %)"),
        ("0,5", "un nombre sans « % » est ambigu (1,35 % ou 135 % ?) (reçu : '0,5' ; attendu : un "
         "pourcentage comme « 1,35 % »)"),
    ],
)  # fmt: skip
def test_quotite_hors_bornes_refusee(
    capsys: pytest.CaptureFixture[str], quotite: str, message: str
) -> None:
    for argv in (
        [*_GARANTIE, "--quotite", quotite],
        [*_GARANTIE, "--quotite", "50 %", "--quotite-autres", quotite],
    ):
        code, sortie, erreur = _lancer(capsys, *argv)
        assert (code, sortie) == (2, "")
        assert erreur.endswith(f"erreur : argument {argv[-2]}: {message}\n")


def test_quotite_aux_bornes_permise(capsys: pytest.CaptureFixture[str]) -> None:
    """0 % et 100 % sont lus (le moteur refuse ensuite une quotité nulle, pas l'analyseur)."""
    import json

    from collectivites.cli import _garantie

    assert (_garantie._quotite("0 %"), _garantie._quotite("100 %")) == (Decimal(0), Decimal(1))
    argv: tuple[str, ...] = (*_GARANTIE, "--quotite", "100 %", "--quotite-autres", "0 %")
    argv = (*argv, "--operation", "logement-social", "--format", "json")  # 100 % permis
    code, sortie, erreur = _lancer(capsys, *argv)
    assert (code, erreur) == (0, "")
    assert json.loads(sortie)["quotite"] == "100.00"
    code, sortie, erreur = _lancer(capsys, *_GARANTIE, "--quotite", "0 %")
    assert (code, sortie) == (2, "")
    assert erreur == (
        "collectivites : erreur : option --quotite : une quotité est une part de l'emprunt (reçu : "
        "'0 %' ; attendu : plus de 0 % à 100 %)\n"
    )


def test_montant_et_date_d_une_garantie_refuses(capsys: pytest.CaptureFixture[str]) -> None:
    """Le refus d'un lecteur est celui du chargeur, sans clé de dossier (l'option est nommée
    par l'analyseur)."""
    code, sortie, erreur = _lancer(capsys, *_GARANTIE[:-4], "--annuite", "-3", "--quotite", "5 %",
                                   "--beneficiaire", "A")  # fmt: skip
    assert (code, sortie) == (2, "")
    assert erreur.endswith(
        "erreur : argument --annuite: valeur trop petite (reçu : '-3' ; attendu : un montant au "
        "centime de 0 € à 1\u202f000\u202f000\u202f000\u202f000 €)\n"
    )
    code, sortie, erreur = _lancer(capsys, *_GARANTIE, "--quotite", "5 %", "--date", "31/02/2022")
    assert (code, sortie) == (2, "")
    assert erreur.endswith(
        "erreur : argument --date: cette date n'existe pas (reçu : '31/02/2022' ; attendu : "
        "AAAA-MM-JJ ou JJ/MM/AAAA)\n"
    )


# --- prêts : scénario d'index, fichier rapproché, index figé des intérêts moratoires -------------

_LIGNE = ("--exemple", "cdc-57851", "--ligne", "5165325")


def test_tableau_sous_un_choc_date_de_depart_passee(capsys: pytest.CaptureFixture[str]) -> None:
    """Le choc « livret_a+1 % » exige --depuis : la date est passée au scénario de la ligne."""
    argv = ("pret", "tableau", *_LIGNE, "--index", "livret_a+1 %", "--format", "csv")
    code, sortie, erreur = _lancer(capsys, *argv, "--depuis", "2027-01-01")
    assert (code, erreur) == (0, "")
    assert sortie.startswith("numero,date,taux,echeance,")
    sans_choc = _lancer(
        capsys, "pret", "tableau", *_LIGNE, "--index", "historique", "--format", "csv"
    )
    assert sans_choc[0] == 0

    # avant 2027 le choc ne change rien ; après, les taux diffèrent
    def avant_2027(csv: str) -> list[str]:
        return [ligne for ligne in csv.splitlines()[1:] if ligne.split(",")[1] < "2027"]

    assert avant_2027(sortie) == avant_2027(sans_choc[1])
    assert sortie != sans_choc[1]


def test_rapprocher_nomme_le_fichier_saisi(
    capsys: pytest.CaptureFixture[str], tmp_path: Any
) -> None:
    from pathlib import Path

    import collectivites

    livre = (
        Path(collectivites.__file__).parent
        / "donnees"
        / "exemples"
        / "tableau-cdc-57851-5165325.csv"
    )
    saisi = tmp_path / "saisi.csv"
    texte = livre.read_text(encoding="utf-8-sig").replace("1;06/12/2018;", "1;31/02/2018;", 1)
    saisi.write_text(texte, encoding="utf-8")
    code, sortie, erreur = _lancer(capsys, "pret", "rapprocher", *_LIGNE, "--tableau", str(saisi))
    assert (code, sortie) == (2, "")
    assert erreur == (
        f"collectivites : erreur : fichier « {saisi} », ligne 2, clé « date » : cellule "
        "illisible (reçu : '31/02/2018' ; attendu : une date (JJ/MM/AAAA))\n"
    )


def test_moratoires_a_l_index_d_emission(capsys: pytest.CaptureFixture[str]) -> None:
    """Index figé à l'émission : Livret A 0,75 % + 6 points = 6,75 % ; 3 170,41 € du 06/12/2020
    au 01/03/2021 (85 jours sur 365) : 3 170,41 × 6,75 % × 85 / 365 = 49,84 €."""
    import json

    argv = ("pret", "moratoires", *_LIGNE, "--montant", "3170.41", "--exigibilite", "2020-12-06")
    code, sortie, erreur = _lancer(
        capsys, *argv, "--paiement", "2021-03-01", "--index", "emission", "--format", "json"
    )
    assert (code, erreur) == (0, "")
    lu = json.loads(sortie)
    assert [(p["taux"], p["interets"]) for p in lu["periodes"]] == [("6.75", "49.84")]
    assert lu["total_du"] == "3220.25"


# --- garanties : le document lu une fois, sa catégorie ------------------------------------------


def _documents_lus(monkeypatch: pytest.MonkeyPatch, **modifications: Any) -> list[str]:
    """Relève chaque lecture d'un document budgétaire (modifié par ``attrs.evolve``)."""
    import attrs

    import collectivites.dette

    lire = collectivites.dette.lire_document_budgetaire
    lus: list[str] = []

    def lire_et_relever(chemin: Any) -> Any:
        lus.append(str(chemin))
        return attrs.evolve(lire(chemin), **modifications)

    monkeypatch.setattr(collectivites.dette, "lire_document_budgetaire", lire_et_relever)
    return lus


def _document_crach() -> str:
    from pathlib import Path

    import collectivites

    racine = Path(collectivites.__file__).parent / "donnees" / "exemples" / "docbudg"
    return str(racine / "crach-bp-2022.xml")


def test_garantie_lit_le_document_une_fois(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Éléments du ratio, catégorie et annuités du bénéficiaire : un seul document lu."""
    lus = _documents_lus(monkeypatch)
    document = _document_crach()
    argv = ("garantie", "verifier", "--document", document, "--annuite", "40 000")
    code, _sortie, erreur = _lancer(capsys, *argv, "--quotite", "50 %", "--beneficiaire", "crach")
    assert (code, erreur) == (0, "")
    assert lus == [document]


@pytest.mark.parametrize(
    ("nature", "categorie"),
    [("Département", "département"), ("Région", "région"), ("Commune", "commune")],
)
def test_garantie_categorie_du_document(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    nature: str,
    categorie: str,
) -> None:
    """Sans --collectivite, la catégorie est celle du document (NatCEPL) ; l'option prime."""
    import json

    _documents_lus(monkeypatch, nature_collectivite=nature, nomenclature=None)
    argv = ("garantie", "ratio", "--document", _document_crach(), "--format", "json")
    code, sortie, erreur = _lancer(capsys, *argv)
    assert (code, erreur) == (0, "")
    assert json.loads(sortie)["collectivite"] == categorie
    code, sortie, erreur = _lancer(capsys, *argv, "--collectivite", "commune")
    assert json.loads(sortie)["collectivite"] == "commune"


def test_garantie_sans_document_ni_option() -> None:
    """Un appel sans l'attribut ``document`` (pas d'option --document) : aucun document."""
    from collectivites.cli import _garantie

    assert _garantie._document(argparse.Namespace()) is None
    assert _garantie._document(argparse.Namespace(document=None)) is None
    assert _garantie._document(argparse.Namespace(document="")) is None


# --- garanties : ce que verifier et ratio passent au moteur ---------------------------------------


@pytest.mark.parametrize("commande", ["ratio", "verifier"])
def test_garantie_date_passee_aux_regles(capsys: pytest.CaptureFixture[str], commande: str) -> None:
    """Les pourcentages livrés s'appliquent depuis le 09/04/2000 (décret n° 2000-318) : une
    garantie datée d'avant est refusée, la date est donc passée au moteur."""
    argv = list(_GARANTIE)
    if commande == "ratio":
        argv = ["garantie", "ratio", *_GARANTIE[2:8]]
    else:
        argv += ["--quotite", "50 %"]
    code, sortie, erreur = _lancer(capsys, *argv, "--date", "01/01/1999")
    assert (code, sortie) == (2, "")
    assert erreur == (
        "collectivites : erreur : option --date : règles des garanties d'emprunt : aucune version "
        "livrée avant le 09/04/2000 (reçu : 1999-01-01 ; attendu : une date à partir du "
        "09/04/2000)\n"
    )
    assert _lancer(capsys, *argv, "--date", "09/04/2000")[0] == 0


def test_garantie_quotite_des_autres_passee(capsys: pytest.CaptureFixture[str]) -> None:
    argv = (*_GARANTIE, "--quotite", "50 %", "--quotite-autres", "60 %")
    code, sortie, erreur = _lancer(capsys, *argv)
    assert (code, sortie) == (2, "")
    assert erreur == (
        "collectivites : erreur : option --quotite-autres : la somme des quotités garanties sur "
        "l'emprunt dépasse 100 % (reçu : '110 %' ; attendu : au plus 100 %)\n"
    )


def test_garantie_verifier_collectivite_passee(capsys: pytest.CaptureFixture[str]) -> None:
    import json

    argv = (*_GARANTIE, "--quotite", "50 %", "--collectivite", "region", "--format", "json")
    code, sortie, erreur = _lancer(capsys, *argv)
    assert (code, erreur) == (0, "")
    assert json.loads(sortie)["collectivite"] == "région"


def test_annuites_du_beneficiaire_a_la_part_garantie(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Deux emprunts garantis à « CRACH » : 100 € d'intérêts sans capital imprimé, à 50 %
    (50,00 €) ; 1 000 € de capital sans intérêts imprimés ni part (100 % : 1 000,00 €) ;
    total 1 050,00 €. Les autres emprunts garantis sont à un autre bénéficiaire."""
    import json

    import attrs

    import collectivites.dette

    lire = collectivites.dette.lire_document_budgetaire

    def lire_modifie(chemin: Any) -> Any:
        document = lire(chemin)
        garantis = [e for e in document.emprunts if e.categorie == "garanti"]
        premier, second, *autres = garantis
        remplaces = {
            id(premier): attrs.evolve(
                premier, capital_rembourse=None, interets=Decimal(100), part_garantie=Decimal("0.5")
            ),
            id(second): attrs.evolve(
                second, capital_rembourse=Decimal(1000), interets=None, part_garantie=None
            ),
            **{id(e): attrs.evolve(e, beneficiaire="Autre") for e in autres},
        }
        emprunts = tuple(remplaces.get(id(e), e) for e in document.emprunts)
        return attrs.evolve(document, emprunts=emprunts)

    monkeypatch.setattr(collectivites.dette, "lire_document_budgetaire", lire_modifie)
    argv: tuple[str, ...] = ("garantie", "verifier", "--document", _document_crach())
    argv = (*argv, "--annuite", "40 000")
    argv = (*argv, "--quotite", "50 %", "--beneficiaire", "CRACH", "--format", "json")
    code, sortie, erreur = _lancer(capsys, *argv)
    assert (code, erreur) == (0, "")
    lu = json.loads(sortie)
    assert lu["annuites_beneficiaire"] == "1050.00"
    assert any(
        h.startswith("Annuités déjà garanties à « CRACH » lues dans le document : 2 emprunt(s)")
        for h in lu["hypotheses"]
    )


def test_projection_en_flot_rendue_en_texte_par_defaut() -> None:
    """Comme la projection, ``rendre()`` sans format rend le texte."""
    rendus: list[Any] = []

    def rendre(format_: str, **options: Any) -> str:
        rendus.append((format_, options))
        return "rendu"

    projection = argparse.Namespace(rendre=rendre, nombre_de_lignes=lambda: 10)
    assert _portefeuille.ProjectionEnFlot(projection).rendre() == "rendu"
    assert rendus == [("texte", {})]


def test_projection_en_flot_trop_longue_pour_xlsx_refusee_sans_projeter() -> None:
    """Écrite par morceaux en xlsx, une projection plus longue qu'une feuille est refusée sur
    son nombre de lignes, sans qu'aucune ligne soit projetée."""
    from collectivites.prets import scenario
    from collectivites.prets._repartition import projeter_fichiers_scenarios

    (reelle,) = projeter_fichiers_scenarios([], [scenario("historique")], exemples=("cdc-57851",))

    def lignes_en_flot() -> Any:
        raise AssertionError("aucune ligne ne doit être projetée")

    grande = argparse.Namespace(
        decrire_sans_lignes=reelle.decrire_sans_lignes,
        lignes_en_flot=lignes_en_flot,
        nombre_de_lignes=lambda: 1_048_576,
    )
    with pytest.raises(ErreurValeur) as erreur:
        list(_portefeuille.ProjectionEnFlot(grande).morceaux_de_sortie("xlsx"))
    assert erreur.value.cle == "format"
    assert "la table dépasse le nombre de lignes d'une feuille de calcul" in str(erreur.value)
    assert "xlsx, 1048576 lignes" in str(erreur.value)


@pytest.mark.parametrize(
    ("commande", "calcul"),
    [("interets-retard", "calculer_interets_retard"), ("neutralite", "calculer_neutralite")],
)
def test_rsa_series_fournies_par_le_dossier_passees(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    commande: str,
    calcul: str,
) -> None:
    """Un dossier qui fournit ses taux de référence et son €STR mensuels : les deux séries sont
    passées au calcul (l'exemple livré n'en a pas : elles y valent None)."""
    import attrs

    import collectivites.regles.rsa
    from collectivites.donnees import PointSerie, SerieDatee

    def serie(nom: str, valeur: str) -> SerieDatee:
        point = PointSerie(date_effet=dt.date(2017, 1, 1), valeur=Decimal(valeur))
        return SerieDatee(nom=nom, points=(point,))

    taux, estr = serie("taux du dossier", "0.01"), serie("€STR du dossier", "-0.004")
    livre = collectivites.regles.rsa.exemple_rsa("rsa-lozere-2019")
    dossier = attrs.evolve(livre, taux_mensuels=taux, estr_mensuels=estr)
    monkeypatch.setattr(collectivites.regles.rsa, "exemple_rsa", lambda _nom: dossier)
    appels = _capter(monkeypatch, "collectivites.regles.rsa", calcul)
    argv = ["rsa", commande, "--exemple", "rsa-lozere-2019"]
    if commande == "neutralite":
        argv += ["--annee", "2019"]
    assert _lancer(capsys, *argv) == (0, "fait\n", "")
    ((_positionnels, options),) = appels
    assert options["taux_mensuels"] is taux
    assert options["estr_mensuels"] is estr
