"""La page des formulaires (``web/_page.py``), passage de mutation (issue 27) : le HTML exact
de chaque champ, du formulaire, de la barre de navigation et du document, les données lues d'un
envoi, et la réponse de chaque bouton (résultat, téléchargement, erreur 422, refus du service).

Les commandes de la barre sont ici des commandes d'essai (la table des commandes de
``_page`` est remplacée) : le HTML attendu est écrit à la main d'après les règles du module.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Iterator
from html import escape
from typing import Any

import pytest

pytest.importorskip("starlette", reason="extra « web » absent")
pytest.importorskip("httpx2", reason="client de test de Starlette")

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route
from starlette.testclient import TestClient

from collectivites import __version__
from collectivites.chargement import catalogue_des_exemples
from collectivites.cli._cadre import Commande, Option, Source
from collectivites.erreurs import ErreurValeur
from collectivites.web import _page
from collectivites.web._requete import Fichier
from collectivites.web._traitement import Reponse, commande_web
from collectivites.web._travail import CalculTropLong, ServiceOccupe


def _rien(*_args: Any) -> Any:
    return None


SOURCE = Source("dossier de prêts (TOML)", _rien, _rien)
ESSAI = Commande(
    ("pret", "essai"),
    "tableau d'essai : détail (code 1 si écart)",
    _rien,
    options=(
        Option(("--ligne",), "numéro de ligne", defaut=5),
        Option(("--avant",), "compter à rebours", action="store_true"),
        Option(("--index",), "scénario", defaut="historique", fichier="scenario"),
        Option(("--exemple",), "exemples", action="append"),
        Option(("fichiers",), "FICHIER.xml à lire", nargs="*", fichier="fichier"),
        Option(("--cache",), "caché", web=False),
    ),
    source=SOURCE,
    formats=("texte", "csv", "json", "xlsx", "html", "ics"),
)
SEULE = Commande(("autre",), "commande seule ; code 1 si écart", _rien, formats=("json",))
COMPTER = Commande(
    ("delai", "compter"),
    "compter des jours avec --depart, pour « pret essai »",
    _rien,
    options=(Option(("--depart",), "la date", metavar="DATE"),),
    formats=("json", "csv"),
)


@pytest.fixture
def essais(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """La table des commandes de la page remplacée par les trois commandes d'essai."""
    _page._titres_des_commandes.cache_clear()
    monkeypatch.setattr(_page, "commandes_web", lambda: (ESSAI, SEULE, COMPTER))
    yield
    _page._titres_des_commandes.cache_clear()


# --- libellés et aides ---------------------------------------------------------------------------


def test_libelle_connu_ou_tire_du_nom() -> None:
    assert _page._libelle("date_arrete") == "Date d'arrêté"
    assert _page._libelle("autre_champ_inconnu") == "Autre champ inconnu"
    assert _page._libelle("x") == "X"


def test_aide_web_sans_vocabulaire_de_la_ligne_de_commande(essais: None) -> None:
    assert _page._aide_web("FICHIER.csv ou FICHIER.xlsx ou FICHIER") == (
        "une trajectoire envoyée (fichier ci-dessous) ou un fichier .xlsx ou un fichier"
    )
    assert _page._aide_web("avec --depuis et --date-arrete, ou --mot-inconnu") == (
        "avec « Date de départ du choc » et « Date d'arrêté », ou « Mot inconnu »"
    )
    assert _page._aide_web("comme pret essai") == "comme « Tableau d'essai »"
    assert _page._aide_web("comme « pret essai » ici") == "comme « Tableau d'essai » ici"


def test_format_disponible_selon_l_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    assert _page._format_disponible("xlsx") and _page._format_disponible("csv")
    vus: list[str] = []

    def absent(nom: str) -> None:
        vus.append(nom)

    monkeypatch.setattr(importlib.util, "find_spec", absent)
    assert not _page._format_disponible("xlsx")
    assert not _page._format_disponible("png")
    assert not _page._format_disponible("svg")
    assert _page._format_disponible("csv")
    assert vus == ["openpyxl", "matplotlib", "matplotlib"]


def test_obligatoire() -> None:
    assert _page._obligatoire(Option(("--a",), "a", obligatoire=True))
    assert _page._obligatoire(Option(("a",), "a"))
    assert not _page._obligatoire(Option(("a",), "a", nargs="*"))
    assert not _page._obligatoire(Option(("--a",), "a"))
    assert not _page._obligatoire(Option(("-a", "a"), "a"))


def test_titre_court() -> None:
    assert _page._titre_court("abc : d (e), f") == "Abc"
    assert _page._titre_court("abc (d) : e") == "Abc"
    assert _page._titre_court("abc, d : e") == "Abc"
    assert _page._titre_court("abc avec d") == "Abc"
    assert _page._titre_court("abc pour « d »") == "Abc"
    assert _page._titre_court("abc pour d, e") == "Abc pour d"
    assert _page._titre_court("étape : deux : trois") == "Étape"
    assert _page._titre_court("") == ""


def test_aide_et_titre_de_commande(essais: None) -> None:
    assert _page._aide_de_commande(ESSAI) == "tableau d'essai : détail"
    assert _page._aide_de_commande(SEULE) == "commande seule"
    assert _page._aide_de_commande(COMPTER) == (
        "compter des jours avec --depart, pour « Tableau d'essai »"
    )
    assert [_page._titre(c) for c in (ESSAI, SEULE, COMPTER)] == [
        "Tableau d'essai",
        "Commande seule",
        "Compter des jours",
    ]


def test_code_de_sortie_au_milieu_garde() -> None:
    # seul un « ; code 1 … » final est retiré ; « (code 1 …) » l'est partout
    aide = "a ; code 1 si b ; c (code 1 si d) e"
    assert _page._CODE_DE_SORTIE.sub("", aide) == "a ; code 1 si b ; c e"


# --- les champs ----------------------------------------------------------------------------------


def _champ(option: Option, valeur: Any = None, exemples: tuple[str, ...] = ()) -> str:
    return _page._champ_formulaire(option, valeur, exemples)


def test_champ_texte_obligatoire_avec_defaut() -> None:
    assert _champ(Option(("ligne",), "numéro de ligne", defaut=5), 5) == (
        '<label for="champ-ligne">Ligne du prêt * <small>numéro de ligne</small></label>'
        '<input type="text" id="champ-ligne" name="ligne" value="" placeholder="5">'
    )


def test_champ_date_sans_defaut_valeur_echappee() -> None:
    assert _champ(Option(("--depart",), "la date", metavar="DATE"), '<"x">') == (
        '<label for="champ-depart">Date de départ <small>la date</small></label>'
        '<input type="date" id="champ-depart" name="depart" value="&lt;&quot;x&quot;&gt;">'
    )


def test_champ_dont_l_aide_repete_le_libelle() -> None:
    assert _champ(Option(("--montant",), "MONTANT", metavar="M"), "12") == (
        '<label for="champ-montant">Montant <small></small></label>'
        '<input type="text" id="champ-montant" name="montant" value="12">'
    )


def test_case_a_cocher() -> None:
    option = Option(("--avant",), "compter à rebours avec --depuis", action="store_true")
    attendu = (
        '<label><input type="checkbox" id="champ-avant" name="avant"{}> '
        "compter à rebours avec « Date de départ du choc »</label>"
    )
    assert _champ(option, True) == attendu.format(" checked")
    assert _champ(option, "on") == attendu.format("")
    assert _champ(option) == attendu.format("")


def test_liste_des_exemples() -> None:
    option = Option(("--exemple",), "exemples", action="append")
    debut = (
        '<label for="champ-exemple">Exemples livrés <small>exemples</small></label>'
        '<select multiple id="champ-exemple" name="exemple">'
    )
    assert _champ(option, ["b"], ("a", "b")) == (
        debut + "<option>a</option><option selected>b</option></select>"
    )
    # une valeur seule (pas une liste) ne coche rien
    assert (
        _champ(option, "b", ("a", "b")) == debut + "<option>a</option><option>b</option></select>"
    )
    assert _champ(option, ["<"], ("<",)) == debut + "<option selected>&lt;</option></select>"


def test_champs_de_fichier() -> None:
    assert _champ(Option(("fichiers",), "FICHIER.xml à lire", nargs="*", fichier="fichier")) == (
        '<label for="champ-fichiers">Fichiers <small>un fichier .xml à lire</small></label>'
        '<input type="file" id="champ-fichiers" name="fichiers" multiple>'
    )
    assert _champ(Option(("--fichier",), "fichier", fichier="fichier"), "x") == (
        '<label for="champ-fichier">Fichier <small></small></label>'
        '<input type="file" id="champ-fichier" name="fichier">'
    )


def test_liste_de_choix() -> None:
    option = Option(("--regime",), "régime", defaut="civil", choix=("civil", "a<b"))
    debut = (
        '<label for="champ-regime">Régime de computation <small>régime</small></label>'
        '<select id="champ-regime" name="regime">'
    )
    assert (
        _champ(option) == debut + "<option selected>civil</option><option>a&lt;b</option></select>"
    )
    assert _champ(option, "a<b") == (
        debut + "<option>civil</option><option selected>a&lt;b</option></select>"
    )
    sans_defaut = option._replace(defaut=None)
    assert _champ(sans_defaut) == debut + "<option>civil</option><option>a&lt;b</option></select>"


def test_champ_de_scenario() -> None:
    option = Option(("--index",), "scénario", defaut="historique", fichier="scenario")
    assert _champ(option, "choc") == (
        '<label for="champ-index">Scénario d&#x27;index <small>scénario</small></label>'
        '<input type="text" id="champ-index" name="index" value="choc" placeholder="historique">'
        '<label for="champ-index-fichier"><small>ou une trajectoire de l\'index '
        "(CSV ou XLSX : date, valeur), qui prime sur le texte</small></label>"
        '<input type="file" id="champ-index-fichier" name="index" accept=".csv,.xlsx">'
    )


# --- les exemples de chaque commande --------------------------------------------------------------


def _catalogue(commande: str) -> tuple[str, ...]:
    return tuple(n for n, c, _d in catalogue_des_exemples().tables[0].lignes if c == commande)


def test_exemples_de_chaque_commande() -> None:
    _page._exemples_par_source.cache_clear()
    tableau = commande_web("pret/tableau")
    contrat = commande_web("contrat/echeancier")
    portefeuille = commande_web("pret/portefeuille")
    delai = commande_web("delai/calculer")
    assert tableau and contrat and portefeuille and delai
    assert "cdc-57851" in _catalogue("pret tableau")
    assert _page._exemples_de(tableau) == _catalogue("pret tableau")
    assert _page._exemples_de(contrat) == _catalogue("contrat echeancier")
    # le portefeuille choisit parmi les exemples du tableau d'amortissement
    assert _page._exemples_de(portefeuille) == _catalogue("pret tableau")
    assert _page._exemples_de(delai) == ()
    sans = commande_web("donnees/liste")
    assert sans is not None and sans.source is None
    assert _page._exemples_de(sans) == ()


def test_exemples_par_source_de_meme_source_partagee() -> None:
    _page._exemples_par_source.cache_clear()
    par_source = _page._exemples_par_source()
    tableau = commande_web("pret/tableau")
    assert tableau is not None and tableau.source is not None
    assert par_source[id(tableau.source)] == _catalogue("pret tableau")
    assert all(isinstance(v, tuple) and v for v in par_source.values())


# --- barre, document, formulaire ------------------------------------------------------------------


def _lien(chemin: str, titre: str, aide: str, courant: bool = False, racine: str = "") -> str:
    marque = ' aria-current="page"' if courant else ""
    return f'<a href="{racine}/formulaire/{chemin}"{marque} title="{aide}">{titre}</a>'


def test_navigation_par_groupes(essais: None) -> None:
    essai = _lien(
        "pret/essai", "Tableau d&#x27;essai", "tableau d&#x27;essai : détail", True, "/r&amp;"
    )
    compter = _lien(
        "delai/compter",
        "Compter des jours",
        "compter des jours avec --depart, pour « Tableau d&#x27;essai »",
        racine="/r&amp;",
    )
    seule = _lien("autre", "Commande seule", "commande seule", racine="/r&amp;")
    assert _page._navigation(ESSAI, "/r&") == (
        f"<nav><span>Prêts</span>{essai} <span>Délais</span>{compter} <span>rSa</span> "
        "<span>REP</span> <span>Élus</span> <span>Logement</span> <span>Données</span> "
        f"<span>Dette et garanties</span> <span>Paiements</span> <span>Autres</span>{seule}</nav>"
    )


def test_navigation_deux_liens_d_un_groupe(monkeypatch: pytest.MonkeyPatch) -> None:
    _page._titres_des_commandes.cache_clear()
    monkeypatch.setattr(_page, "commandes_web", lambda: (COMPTER, COMPTER))
    try:
        compter = _lien(
            "delai/compter",
            "Compter des jours",
            "compter des jours avec --depart, pour « pret essai »",
        )
        navigation = _page._navigation(ESSAI)
    finally:
        _page._titres_des_commandes.cache_clear()
    assert f"<span>Délais</span>{compter} {compter} <span>rSa</span>" in navigation
    assert "aria-current" not in navigation and "Autres" not in navigation


def test_document_complet(essais: None) -> None:
    entete = (
        '<!doctype html><html lang="fr"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>Titre &lt;1&gt; — collectivites</title><style>{_page._STYLE}</style></head>"
        "<body><header><h1>collectivites</h1><p>Calculs de finances publiques et de délais "
        f"pour les collectivités — version {__version__}</p></header>"
    )
    assert (
        _page._document("Titre <1>", "<p>corps</p>")
        == entete + "<main><p>corps</p></main></body></html>"
    )
    assert _page._document("Titre <1>", "c", ESSAI, "/r") == (
        entete + _page._navigation(ESSAI, "/r") + "<main>c</main></body></html>"
    )


def test_introuvable() -> None:
    page = _page.introuvable("a<b", "/r")
    assert page == _page._document(
        "Adresse inconnue",
        '<div class="erreur">Aucune commande « a&lt;b ». '
        '<a href="/r/">Revenir au tableau d\'amortissement</a>.</div>',
    )
    assert "<nav>" not in page
    assert '<a href="/">' in _page.introuvable("x")


ENTREE = (
    "<fieldset><legend>Entrée</legend>"
    '<label for="champ-exemple">Exemple livré</label>'
    '<select id="champ-exemple" name="exemple">'
    '<option value="">(aucun : j\'envoie mon dossier)</option>{}</select>'
    '<label for="champ-dossier">ou votre dossier <small>dossier de prêts (TOML)</small></label>'
    '<input type="file" id="champ-dossier" name="dossier" accept=".toml">'
    "</fieldset>"
)


def _sortie(table: str, exemple: str) -> str:
    return (
        '<fieldset><legend>Sortie</legend><label for="champ-table">Table du CSV <small>'
        f"quand le résultat en a plusieurs (défaut : la principale ; {exemple})</small></label>"
        f'<input type="text" id="champ-table" name="table" value="{table}">'
        "</fieldset>"
    )


def _bouton(valeur: str, texte: str) -> str:
    return f'<button type="submit" name="format" value="{valeur}">{texte}</button>'


def test_formulaire_complet(essais: None) -> None:
    donnees = {"exemple": "b", "ligne": "7", "avant": True, "table": "t<"}
    options = "".join(
        _page._champ_formulaire(o, donnees.get(o.champ), ()) for o in ESSAI.options[:5]
    )
    formulaire = _page._formulaire(ESSAI, donnees, "/r")
    assert formulaire == (
        '<form method="post" enctype="multipart/form-data" action="/r/formulaire/pret/essai">'
        + ENTREE.format("")
        + "<fieldset><legend>Options</legend>"
        + options
        + "</fieldset>"
        + _sortie("t&lt;", "par exemple 5165325.echeances")
        + "<div>"
        + _bouton("afficher", "Calculer")
        + _bouton("texte", "Télécharger Texte")
        + _bouton("csv", "Télécharger CSV")
        + _bouton("json", "Télécharger JSON")
        + _bouton("xlsx", "Télécharger Classeur XLSX")
        + _bouton("ics", "Télécharger Agenda ICS")
        + "</div></form>"
    )
    assert 'name="cache"' not in formulaire  # option hors du service web


def test_formulaire_exemple_choisi(monkeypatch: pytest.MonkeyPatch, essais: None) -> None:
    monkeypatch.setattr(_page, "_exemples_de", lambda _c: ("a", "b<"))
    formulaire = _page._formulaire(ESSAI, {"exemple": "b<"})
    assert ENTREE.format("<option>a</option><option selected>b&lt;</option>") in formulaire
    # un exemple qui n'est pas un texte ne choisit rien
    formulaire = _page._formulaire(ESSAI, {"exemple": ["b<"]})
    assert ENTREE.format("<option>a</option><option>b&lt;</option>") in formulaire
    assert "<option selected>a</option>" not in _page._formulaire(ESSAI, {})
    # les exemples sont aussi ceux de la liste d'exemples des options
    assert "<option>a</option><option>b&lt;</option></select>" in _page._formulaire(ESSAI, {})


def test_formulaire_formats_permis_et_disponibles(
    monkeypatch: pytest.MonkeyPatch, essais: None
) -> None:
    formulaire = _page._formulaire(ESSAI, {"table": ["x"]}, permis=frozenset({"csv", "ics"}))
    assert formulaire.endswith(
        _sortie("", "par exemple 5165325.echeances")
        + "<div>"
        + _bouton("afficher", "Calculer")
        + _bouton("csv", "Télécharger CSV")
        + _bouton("ics", "Télécharger Agenda ICS")
        + "</div></form>"
    )
    monkeypatch.setattr(importlib.util, "find_spec", lambda _nom: None)
    assert _bouton("xlsx", "Télécharger Classeur XLSX") not in _page._formulaire(ESSAI, {})


def test_formulaire_sans_source_ni_options(essais: None) -> None:
    assert _page._formulaire(SEULE, {}) == (
        '<form method="post" enctype="multipart/form-data" action="/formulaire/autre">'
        "<div>"
        + _bouton("afficher", "Calculer")
        + _bouton("json", "Télécharger JSON")
        + "</div></form>"
    )


def test_formulaire_hors_prets(essais: None) -> None:
    formulaire = _page._formulaire(COMPTER, {})
    assert "<fieldset><legend>Entrée</legend>" not in formulaire
    assert formulaire.endswith(
        _sortie("", "son nom est celui de la table dans le résultat JSON")
        + "<div>"
        + _bouton("afficher", "Calculer")
        + _bouton("json", "Télécharger JSON")
        + _bouton("csv", "Télécharger CSV")
        + "</div></form>"
    )


# --- les données d'un envoi -----------------------------------------------------------------------


def _lire(commande: Commande, **envoi: Any) -> Any:
    async def point(request: Request) -> Response:
        donnees, bouton = await _page._donnees_du_formulaire(request, commande, 1000)
        lisibles = {
            cle: (
                [v.nom, v.contenu.decode()]
                if isinstance(v, Fichier)
                else [[x.nom, x.contenu.decode()] if isinstance(x, Fichier) else x for x in v]
                if isinstance(v, list)
                else v
            )
            for cle, v in donnees.items()
        }
        return JSONResponse({"donnees": lisibles, "bouton": bouton})

    client = TestClient(Starlette(routes=[Route("/", point, methods=["POST"])]))
    return client.post("/", **envoi).json()


def test_donnees_du_formulaire_par_genre_de_champ() -> None:
    lu = _lire(
        ESSAI,
        data={
            "ligne": ["  7 ", "8"],
            "avant": "on",
            "exemple": ["a", " ", "b"],
            "index": "choc",
            "vide": "  ",
            "table": "t",
            "format": "",
        },
        files=[
            ("fichiers", ("a.xml", b"A")),
            ("fichiers", ("b.xml", b"B")),
            ("dossier", ("", b"")),
        ],
    )
    assert lu == {
        "bouton": "afficher",
        "donnees": {
            "ligne": "7",
            "avant": True,
            "exemple": ["a", "b"],
            "index": "choc",
            "fichiers": [["a.xml", "A"], ["b.xml", "B"]],
        },
    }


def test_trajectoire_envoyee_prime_sur_le_texte() -> None:
    lu = _lire(
        ESSAI,
        data={"index": "choc", "format": "csv", "table": " t "},
        files=[("index", ("t.csv", b"date,valeur"))],
    )
    assert lu == {
        "bouton": "csv",
        "donnees": {"index": ["t.csv", "date,valeur"], "table": "t"},
    }


def test_table_gardee_pour_le_csv_excel_seulement() -> None:
    assert _lire(ESSAI, data={"table": "t", "format": "csv-excel"})["donnees"] == {"table": "t"}
    assert _lire(ESSAI, data={"table": "t", "format": "xlsx"}) == {"bouton": "xlsx", "donnees": {}}


def test_case_cochee_sans_valeur_ignoree() -> None:
    assert _lire(ESSAI, data={"avant": " "}) == {"bouton": "afficher", "donnees": {}}


# --- la réponse de chaque bouton ------------------------------------------------------------------


class _Calculateur:
    """Un calculateur d'essai : rend ou lève ce qu'on lui donne, et garde ses appels."""

    def __init__(self, resultat: Any) -> None:
        self.resultat = resultat
        self.appels: list[tuple[Any, ...]] = []

    async def calculer(self, chemin: tuple[str, ...], donnees: Any, **options: Any) -> Any:
        self.appels.append((chemin, donnees, options))
        if isinstance(self.resultat, BaseException):
            raise self.resultat
        return self.resultat


def _client(
    commande: Commande,
    calculateur: Any,
    permis: frozenset[str] | None = None,
    root_path: str = "",
) -> TestClient:
    async def point(request: Request) -> Response:
        return await _page.repondre(request, commande, 1000, calculateur, permis)

    app = Starlette(routes=[Route("/f", point, methods=["GET", "POST"])])
    return TestClient(app, root_path=root_path)


def test_get_et_head_rendent_le_formulaire(essais: None) -> None:
    calculateur = _Calculateur(None)
    client = _client(ESSAI, calculateur, frozenset({"csv"}), root_path="/pre/")
    reponse = client.get("/f")
    assert reponse.status_code == 200
    assert reponse.headers["content-type"] == "text/html; charset=utf-8"
    titre = "Tableau d'essai : détail"
    assert reponse.text == _page._document(
        titre,
        "<h2>Tableau d&#x27;essai : détail</h2>"
        + _page._formulaire(ESSAI, {}, "/pre", frozenset({"csv"})),
        ESSAI,
        "/pre",
    )
    tete = client.head("/f")
    assert tete.status_code == 200 and tete.content == b""
    assert calculateur.appels == []


def test_calculer_affiche_le_resultat(essais: None) -> None:
    calculateur = _Calculateur("<table>r</table>")
    reponse = _client(ESSAI, calculateur).post("/f", data={"ligne": "7", "format": "afficher"})
    assert reponse.status_code == 200
    assert calculateur.appels == [
        (("pret", "essai"), {"ligne": "7"}, {"format_defaut": "texte", "afficher": True})
    ]
    assert reponse.text == _page._document(
        "Tableau d'essai : détail",
        "<h2>Tableau d&#x27;essai : détail</h2>"
        + _page._formulaire(ESSAI, {"ligne": "7"})
        + '<section id="resultat"><table>r</table></section>',
        ESSAI,
    )


def test_telecharger_un_fichier(essais: None) -> None:
    calculateur = _Calculateur(Reponse(b"a;b", "text/csv; charset=utf-8", "essai.csv", 0))
    reponse = _client(ESSAI, calculateur).post("/f", data={"ligne": "7", "format": "csv"})
    assert reponse.status_code == 200
    assert reponse.content == b"a;b"
    assert reponse.headers["content-type"] == "text/csv; charset=utf-8"
    assert reponse.headers["content-disposition"] == 'attachment; filename="essai.csv"'
    assert calculateur.appels == [(("pret", "essai"), {"ligne": "7", "format": "csv"}, {})]


def test_format_non_permis_refuse_en_422(essais: None) -> None:
    calculateur = _Calculateur(None)
    reponse = _client(ESSAI, calculateur, frozenset({"csv"})).post("/f", data={"format": "xlsx"})
    assert reponse.status_code == 422
    assert '<div class="erreur" role="alert">Erreur : ' in reponse.text
    assert calculateur.appels == []


def test_erreur_de_la_bibliotheque_en_422(essais: None) -> None:
    erreur = ErreurValeur("ligne <inconnue>", cle="ligne")
    calculateur = _Calculateur(erreur)
    reponse = _client(ESSAI, calculateur).post("/f", data={"ligne": "9"})
    assert reponse.status_code == 422
    assert reponse.text == _page._document(
        "Tableau d'essai : détail",
        "<h2>Tableau d&#x27;essai : détail</h2>"
        + _page._formulaire(ESSAI, {"ligne": "9"})
        + '<div class="erreur" role="alert">Erreur : '
        + escape(str(erreur))
        + "</div>",
        ESSAI,
    )
    assert "&lt;inconnue&gt;" in reponse.text


@pytest.mark.parametrize(
    ("refus", "statut", "entetes"),
    [
        (ServiceOccupe("occupé <1>", {"Retry-After": "7"}), 503, {"retry-after": "7"}),
        (CalculTropLong("trop long"), 504, {}),
    ],
)
def test_refus_du_service_statut_et_en_tetes(
    essais: None, refus: Any, statut: int, entetes: dict[str, str]
) -> None:
    reponse = _client(ESSAI, _Calculateur(refus)).post("/f", data={"format": "json"})
    assert reponse.status_code == statut
    assert f'<div class="erreur" role="alert">{escape(refus.message)}</div>' in reponse.text
    assert "Erreur :" not in reponse.text
    for nom, valeur in entetes.items():
        assert reponse.headers[nom] == valeur
    assert "retry-after" in reponse.headers or not entetes


def _statut_d_envoi(**envoi: Any) -> int:
    async def point(request: Request) -> Response:
        await _page._donnees_du_formulaire(request, ESSAI, 1000)
        return Response(b"")

    client = TestClient(Starlette(routes=[Route("/", point, methods=["POST"])]))
    return client.post("/", **envoi).status_code


def test_envoi_borne_en_fichiers_champs_et_taille_de_champ() -> None:
    fichiers = [("fichiers", (f"f{i}.xml", b"x")) for i in range(100)]
    assert _statut_d_envoi(files=fichiers) == 200
    assert _statut_d_envoi(files=[*fichiers, ("fichiers", ("g.xml", b"x"))]) == 400
    champs = [(f"c{i}", "v") for i in range(200)]
    assert _statut_d_envoi(data=dict(champs), files=[("fichiers", ("f.xml", b"x"))]) == 200
    trop = dict([*champs, ("c200", "v")])
    assert _statut_d_envoi(data=trop, files=[("fichiers", ("f.xml", b"x"))]) == 400
    # un champ de texte de plus de ``taille_max`` octets (1 000 ici) est refusé
    assert _statut_d_envoi(data={"ligne": "x" * 1000}, files=[("f", ("f", b""))]) == 200
    assert _statut_d_envoi(data={"ligne": "x" * 1001}, files=[("f", ("f", b""))]) == 400


def test_choix_vide_choisi_sans_valeur_ni_defaut() -> None:
    option = Option(("--x",), "x", choix=("", "a"))
    assert _champ(option) == (
        '<label for="champ-x">X <small></small></label><select id="champ-x" name="x">'
        "<option selected></option><option>a</option></select>"
    )


def test_apres_envoi_formulaire_aux_formats_permis_sous_la_racine(essais: None) -> None:
    calculateur = _Calculateur("<p>r</p>")
    client = _client(ESSAI, calculateur, frozenset({"csv"}), root_path="/pre")
    reponse = client.post("/f", data={"ligne": "7"})
    assert reponse.status_code == 200
    assert reponse.text == _page._document(
        "Tableau d'essai : détail",
        "<h2>Tableau d&#x27;essai : détail</h2>"
        + _page._formulaire(ESSAI, {"ligne": "7"}, "/pre", frozenset({"csv"}))
        + '<section id="resultat"><p>r</p></section>',
        ESSAI,
        "/pre",
    )
    assert 'value="xlsx"' not in reponse.text
    assert '<a href="/pre/formulaire/delai/compter"' in reponse.text


def test_commande_citee_par_son_plus_long_chemin(monkeypatch: pytest.MonkeyPatch) -> None:
    """« pret essai-un » est cité par son titre, pas « pret essai » suivi de « -un »."""
    long = Commande(("pret", "essai-un"), "essai long : détail", _rien, formats=("json",))
    _page._titres_des_commandes.cache_clear()
    monkeypatch.setattr(_page, "commandes_web", lambda: (ESSAI, long))
    try:
        assert _page._aide_web("voir pret essai-un et pret essai") == (
            "voir « Essai long » et « Tableau d'essai »"
        )
    finally:
        _page._titres_des_commandes.cache_clear()
