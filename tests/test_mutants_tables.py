"""Tests de mutation de ``collectivites.tables`` et ``collectivites.presentation`` : colonnes,
tables, totaux, documents et parties, choix d'une table, refus en français ; ce que reçoit un
résultat qui se décrit (rendre, to_records, to_pandas, to_polars) et le chargement des modules
de présentation de son paquet."""

from __future__ import annotations

import datetime as dt
import importlib
import sys
from decimal import Decimal
from pathlib import Path

import attrs
import pytest

from collectivites import presentation
from collectivites.erreurs import ErreurValeur
from collectivites.presentation import Description, Presentable, Recueil, decrit
from collectivites.tables import Colonne, Document, Fait, Genre, Graphique, Table, colonnes, faits

# --- colonnes ------------------------------------------------------------------------------


@pytest.mark.parametrize("genre", [Genre.MONTANT, Genre.ENTIER, Genre.NOMBRE])
def test_colonne_additionnee(genre: Genre) -> None:
    assert Colonne(cle="c", libelle="C", genre=genre, total=True).total is True


@pytest.mark.parametrize("genre", [Genre.TAUX, Genre.TEXTE, Genre.DATE, Genre.ANNEE])
def test_colonne_qui_ne_s_additionne_pas(genre: Genre) -> None:
    with pytest.raises(ErreurValeur) as refus:
        Colonne(cle="c", libelle="C", genre=genre, total=True)
    erreur = refus.value
    assert erreur.message == "seules les colonnes de montants ou de nombres s'additionnent"
    assert (erreur.cle, erreur.valeur) == ("c", genre.value)
    assert Colonne(cle="c", libelle="C", genre=genre).total is False


# --- tables --------------------------------------------------------------------------------

COLONNES = colonnes(
    ("date", "Date", "date"),
    ("nombre", "Nombre", "entier", {"total": True}),
    ("montant", "Montant", "montant", {"total": True}),
    ("taux", "Taux", "taux"),
    ("contrat", "Contrat", "texte", {"affichee": False}),
)


def _table(lignes: tuple[tuple[object, ...], ...], **autres: object) -> Table:
    return Table(cle="t", titre="Table", colonnes=COLONNES, lignes=lignes, **autres)


def test_colonnes_raccourci() -> None:
    assert [c.cle for c in COLONNES] == ["date", "nombre", "montant", "taux", "contrat"]
    assert [c.libelle for c in COLONNES] == ["Date", "Nombre", "Montant", "Taux", "Contrat"]
    assert [c.genre for c in COLONNES] == [
        Genre.DATE,
        Genre.ENTIER,
        Genre.MONTANT,
        Genre.TAUX,
        Genre.TEXTE,
    ]
    assert [c.total for c in COLONNES] == [False, True, True, False, False]
    assert [c.affichee for c in COLONNES] == [True, True, True, True, False]


def test_faits_raccourci() -> None:
    (fait,) = faits(("capital", "Capital", Decimal("10.00"), "montant"))
    assert fait == Fait(cle="capital", libelle="Capital", valeur=Decimal("10.00"), genre="montant")
    assert fait.genre is Genre.MONTANT


def test_totaux_entiers_et_montants_valeurs_absentes_comptees_zero() -> None:
    table = _table(
        (
            (dt.date(2024, 1, 1), 2, Decimal("10.50"), Decimal("0.01"), "A"),
            (dt.date(2024, 2, 1), None, None, None, "B"),
            (dt.date(2024, 3, 1), 5, Decimal("4.25"), None, "C"),
        )
    )
    totaux = table.totaux()
    assert totaux == (None, 7, Decimal("14.75"), None, None)
    assert totaux is not None and type(totaux[1]) is int
    assert str(totaux[2]) == "14.75"


def test_totaux_d_une_table_vide_et_d_une_colonne_de_montants_nulle() -> None:
    assert _table(()).totaux() == (None, 0, Decimal("0.00"), None, None)
    table = _table(((dt.date(2024, 1, 1), None, None, None, "A"),))
    totaux = table.totaux()
    assert totaux is not None and str(totaux[2]) == "0.00" and totaux[1] == 0


def test_pas_de_totaux_sans_colonne_additionnee() -> None:
    table = Table(
        cle="t",
        titre="T",
        colonnes=colonnes(("a", "A", "texte")),
        lignes=(("x",),),
    )
    assert table.totaux() is None


def test_enregistrements() -> None:
    table = _table(((dt.date(2024, 1, 1), 1, Decimal("1.00"), Decimal("0.5"), "A"),))
    assert table.enregistrements() == [
        {
            "date": dt.date(2024, 1, 1),
            "nombre": 1,
            "montant": Decimal("1.00"),
            "taux": Decimal("0.5"),
            "contrat": "A",
        }
    ]


def test_ligne_de_mauvaise_largeur_refusee() -> None:
    with pytest.raises(ErreurValeur) as refus:
        _table(((dt.date(2024, 1, 1), 1, Decimal("1.00"), None, "A"), (1, 2)))
    erreur = refus.value
    assert erreur.message == "la ligne 2 de la table « t » a 2 valeurs"
    assert erreur.attendu == "5 valeurs"
    assert erreur.cle is None


def test_colonnes_du_graphique_verifiees() -> None:
    bon = Graphique(titre="G", abscisse="date", barres=["montant"], courbes=["nombre"])
    assert _table((), graphique=bon).graphique is bon
    assert bon.barres == ("montant",) and bon.courbes == ("nombre",)
    _table((), graphique=Graphique(titre="G", abscisse="date", series="contrat"))
    for faux in (
        Graphique(titre="G", abscisse="jour"),
        Graphique(titre="G", abscisse="date", barres=("solde",)),
        Graphique(titre="G", abscisse="date", courbes=("solde",)),
        Graphique(titre="G", abscisse="date", series="solde"),
    ):
        with pytest.raises(ErreurValeur) as refus:
            _table((), graphique=faux)
        erreur = refus.value
        assert erreur.message == "colonne du graphique absente de la table"
        assert erreur.cle == "t"
        assert erreur.valeur in {"jour", "solde"}


def test_pour_ecran_retire_les_colonnes_des_fichiers() -> None:
    graphique = Graphique(titre="G", abscisse="date", barres=("montant",))
    table = _table(
        ((dt.date(2024, 1, 1), 1, Decimal("1.00"), None, "A"),), graphique=graphique, role="r"
    )
    ecran = table.pour_ecran()
    assert [c.cle for c in ecran.colonnes] == ["date", "nombre", "montant", "taux"]
    assert ecran.lignes == ((dt.date(2024, 1, 1), 1, Decimal("1.00"), None),)
    assert ecran.graphique is None
    assert (ecran.cle, ecran.titre, ecran.role) == ("t", "Table", "r")
    toutes = Table(
        cle="u",
        titre="U",
        colonnes=COLONNES[:3],
        lignes=(),
        graphique=graphique,
    )
    assert toutes.pour_ecran() is toutes


def test_colonne_par_sa_cle() -> None:
    table = _table(())
    assert table.colonne("montant") is COLONNES[2]
    assert table.colonne("contrat") is COLONNES[4]
    with pytest.raises(ErreurValeur) as refus:
        table.colonne("solde")
    erreur = refus.value
    assert (erreur.message, erreur.valeur, erreur.attendu) == (
        "colonne inconnue",
        "solde",
        "date, nombre, montant, taux, contrat",
    )


# --- documents -----------------------------------------------------------------------------


def _simple(cle: str, titre: str = "T") -> Table:
    return Table(cle=cle, titre=titre, colonnes=colonnes(("a", "A", "texte")), lignes=())


def test_toutes_les_tables_et_leurs_noms() -> None:
    premiere, seconde, troisieme = _simple("synthese"), _simple("echeances"), _simple("echeances")
    document = Document(
        titre="Prêt",
        tables=(premiere,),
        parties=(
            Document(titre="Ligne 1", cle="L1", tables=(seconde,)),
            Document(titre="Sans clé", tables=(troisieme,)),
        ),
    )
    assert document.toutes_les_tables() == [premiere, seconde, troisieme]
    assert [
        t is u
        for t, u in zip(document.toutes_les_tables(), (premiere, seconde, troisieme), strict=True)
    ] == [True] * 3
    noms = document.tables_nommees()
    assert [nom for nom, _ in noms] == ["synthese", "L1.echeances", "echeances"]
    assert [t for _, t in noms] == [premiere, seconde, troisieme]
    assert noms[1][1] is seconde and noms[2][1] is troisieme


def test_table_principale_et_table_nommee() -> None:
    a, b = _simple("a", "A"), _simple("b", "B")
    assert Document(titre="D", tables=(a, b)).table() is a
    assert Document(titre="D", tables=(a, b)).table("b") is b
    seule = Document(titre="D", parties=(Document(titre="P", cle="p", tables=(b,)),))
    assert seule.table() is b
    assert seule.table("p.b") is b
    assert seule.table("b") is b  # la clé nue suffit quand elle est unique


def test_table_qualifiee_par_sa_partie_quand_deux_parties_ont_la_meme_cle() -> None:
    x, y = _simple("echeances", "X"), _simple("echeances", "Y")
    document = Document(
        titre="D",
        parties=(
            Document(titre="1", cle="L1", tables=(x,)),
            Document(titre="2", cle="L2", tables=(y,)),
        ),
    )
    assert document.table("L2.echeances") is y
    assert document.table("L1.echeances") is x
    with pytest.raises(ErreurValeur) as refus:
        document.table("echeances")
    erreur = refus.value
    assert (erreur.message, erreur.cle, erreur.valeur, erreur.attendu) == (
        "ce résultat a plusieurs tables : choisissez-en une",
        "table",
        "echeances",
        "une table parmi : L1.echeances, L2.echeances",
    )
    with pytest.raises(ErreurValeur) as refus:
        document.table()
    erreur = refus.value
    assert (erreur.message, erreur.cle, erreur.valeur, erreur.attendu) == (
        "ce résultat a plusieurs tables : choisissez-en une",
        "table",
        2,
        "une table parmi : L1.echeances, L2.echeances",
    )


def test_table_inconnue_ou_absente() -> None:
    document = Document(titre="D", tables=(_simple("a"),))
    with pytest.raises(ErreurValeur) as refus:
        document.table("z")
    erreur = refus.value
    assert (erreur.message, erreur.cle, erreur.valeur, erreur.attendu) == (
        "table inconnue",
        "table",
        "z",
        "une table parmi : a",
    )
    with pytest.raises(ErreurValeur) as refus:
        Document(titre="Vide").table()
    erreur = refus.value
    assert (erreur.message, erreur.valeur, erreur.attendu) == (
        "ce résultat a plusieurs tables : choisissez-en une",
        0,
        "une table parmi : aucune",
    )


def test_parties_verifiees() -> None:
    with pytest.raises(TypeError) as refus:
        Document(titre="D", parties=("texte",))  # type: ignore[arg-type]
    assert getattr(refus.value, "cle", None) == "parties[0]"


# --- présentation --------------------------------------------------------------------------

DEUX_TABLES = Document(
    titre="Bilan d'essai",
    tables=(
        Table(
            cle="premiere",
            titre="Première",
            colonnes=colonnes(("n", "N", "entier")),
            lignes=((1,),),
        ),
        Table(
            cle="seconde",
            titre="Seconde",
            colonnes=colonnes(
                ("taux", "Taux", "taux"),
                ("montant", "Montant", "montant"),
                ("jour", "Jour", "date"),
            ),
            lignes=((Decimal("0.0135"), Decimal("12.50"), dt.date(2024, 5, 2)),),
        ),
    ),
)


def _registre_vide(monkeypatch: pytest.MonkeyPatch) -> None:
    """Vide le registre des descriptions le temps d'un test, après avoir importé tous les
    modules de présentation du paquet : un module importé pendant le test s'enregistrerait
    dans le registre provisoire, et le registre rendu ensuite ne le connaîtrait pas."""
    import collectivites

    racine = Path(collectivites.__file__).parent
    for chemin in sorted(racine.rglob("*presentation.py")):
        partie = chemin.relative_to(racine.parent).with_suffix("").parts
        importlib.import_module(".".join(partie))
    monkeypatch.setattr(presentation, "_DESCRIPTIONS", {})


class _Essai(Presentable):
    __slots__ = ()


class _SousEssai(_Essai):
    __slots__ = ()


@pytest.fixture
def essai_enregistre(monkeypatch: pytest.MonkeyPatch) -> None:
    _registre_vide(monkeypatch)

    def decrire_essai(_resultat: _Essai) -> Document:
        return DEUX_TABLES

    assert decrit(_Essai)(decrire_essai) is decrire_essai


@pytest.mark.usefixtures("essai_enregistre")
def test_decrit_enregistre_pour_la_classe_et_ses_sous_classes() -> None:
    assert _Essai().decrire() is DEUX_TABLES
    assert _SousEssai().decrire() is DEUX_TABLES


@pytest.mark.usefixtures("essai_enregistre")
def test_rendre_par_defaut_en_texte() -> None:
    from collectivites.rendu import rendre

    assert _Essai().rendre() == rendre(DEUX_TABLES, "texte")
    assert _Essai().rendre("csv") == rendre(DEUX_TABLES, "csv")
    # les options passent au rendu : la table « seconde » en CSV, et non la première
    seconde = _Essai().rendre("csv", table="seconde")
    assert seconde == rendre(DEUX_TABLES, "csv", table="seconde")
    assert seconde != _Essai().rendre("csv")
    assert "Bilan d'essai" in str(_Essai().rendre())


@pytest.mark.usefixtures("essai_enregistre")
def test_to_records_de_la_table_choisie() -> None:
    assert _Essai().to_records() == [{"n": 1}]
    assert _Essai().to_records("seconde") == [
        {
            "taux_fraction": Decimal("0.0135"),
            "montant": Decimal("12.50"),
            "jour": dt.date(2024, 5, 2),
        }
    ]


@pytest.mark.usefixtures("essai_enregistre")
def test_to_pandas_exact_ou_numerique_de_la_table_choisie() -> None:
    exact = _Essai().to_pandas("seconde")
    assert list(exact.columns) == ["taux_fraction", "montant", "jour"]
    assert exact["montant"].iloc[0] == Decimal("12.50")
    assert isinstance(exact["montant"].iloc[0], Decimal)
    numerique = _Essai().to_pandas("seconde", numerique=True)
    assert str(numerique["montant"].dtype) == "float64"
    assert list(_Essai().to_pandas().columns) == ["n"]


@pytest.mark.usefixtures("essai_enregistre")
def test_to_polars_de_la_table_choisie() -> None:
    assert _Essai().to_polars("seconde").columns == ["taux_fraction", "montant", "jour"]
    assert _Essai().to_polars().columns == ["n"]


@pytest.mark.usefixtures("essai_enregistre")
def test_repr_html() -> None:
    from collectivites.rendu import rendre

    assert _Essai()._repr_html_() == rendre(DEUX_TABLES, "html")


def test_description_enregistree_sous_le_contexte_des_calculs(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Une description enregistrée par ``decrit`` s'exécute au contexte décimal de la
    bibliothèque, pas à celui de l'appelant (un carnet en précision 3)."""
    import decimal

    from collectivites._moteur import CONTEXTE_CALCUL

    _registre_vide(monkeypatch)

    def decrire_essai(_resultat: _Essai) -> Document:
        contexte = decimal.getcontext()
        return Document(titre=f"{contexte.prec} {contexte.rounding}")

    decrit(_Essai)(decrire_essai)
    with decimal.localcontext(decimal.Context(prec=3, rounding=decimal.ROUND_DOWN)):
        titre = _Essai().decrire().titre
    assert titre == f"{CONTEXTE_CALCUL.prec} {CONTEXTE_CALCUL.rounding}"
    assert titre != f"3 {decimal.ROUND_DOWN}"
    assert presentation._DESCRIPTIONS[_Essai].__name__ == "decrire_essai"


def test_resultat_qui_ne_se_decrit_pas(monkeypatch: pytest.MonkeyPatch) -> None:
    _registre_vide(monkeypatch)
    with pytest.raises(NotImplementedError) as refus:
        _Essai().decrire()
    assert str(refus.value) == (
        "_Essai ne se décrit pas : ni méthode « decrire », ni présentation enregistrée par "
        "« collectivites.presentation.decrit » dans son paquet"
    )


def test_presentations_du_paquet_chargees_au_premier_besoin(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Sans présentation enregistrée, ``decrire`` importe les modules ``…presentation`` du
    paquet du résultat (et de ceux de ses classes parentes), qui s'enregistrent."""
    from collectivites.dette import ElementsRatio, ratio_garanties
    from collectivites.dette._garanties import RatioGaranties

    modules = ("collectivites.dette._garanties_presentation", "collectivites.dette._presentation")
    for nom in modules:  # importés d'abord : le registre et les modules d'origine seront rendus
        importlib.import_module(nom)
    _registre_vide(monkeypatch)
    for nom in modules:
        monkeypatch.delitem(sys.modules, nom)
    ratio = ratio_garanties(
        ElementsRatio(
            recettes_reelles_fonctionnement="3082599.00",
            annuite_nette_dette="160847.18",
            annuites_garanties_a_echoir="34880.06",
        )
    )

    @attrs.frozen
    class _Ratio(RatioGaranties):  # une sous-classe écrite ailleurs hérite de la description
        pass

    document = ratio.decrire()
    assert "collectivites.dette._garanties_presentation" in sys.modules
    assert "collectivites.dette._presentation" in sys.modules  # tout le paquet est chargé
    assert RatioGaranties in presentation._DESCRIPTIONS
    assert presentation._DESCRIPTIONS[RatioGaranties].__name__ == "decrire_ratio"
    assert document.titre == presentation._DESCRIPTIONS[RatioGaranties](ratio).titre
    _registre_vide(monkeypatch)
    monkeypatch.delitem(sys.modules, "collectivites.dette._garanties_presentation")
    copie = _Ratio(**attrs.asdict(ratio, recurse=False))
    assert copie.decrire().titre == document.titre


def test_ancetre_hors_paquet_passe_aux_suivants(monkeypatch: pytest.MonkeyPatch) -> None:
    """Une classe écrite hors de tout paquet importé hérite de la description de ses classes
    parentes : leurs paquets sont parcourus même après une classe sans paquet."""
    from collectivites.dette import ElementsRatio, ratio_garanties
    from collectivites.dette._garanties import RatioGaranties

    nom = "collectivites.dette._garanties_presentation"
    importlib.import_module(nom)
    _registre_vide(monkeypatch)
    monkeypatch.delitem(sys.modules, nom)
    ratio = ratio_garanties(
        ElementsRatio(
            recettes_reelles_fonctionnement="3082599.00",
            annuite_nette_dette="160847.18",
            annuites_garanties_a_echoir="34880.06",
        )
    )
    etrangere = attrs.frozen(type("Etrangere", (RatioGaranties,), {"__module__": "absent.mod"}))
    copie = etrangere(**attrs.asdict(ratio, recurse=False))
    assert copie.decrire().titre == "Ratio des garanties d'emprunt (plafonnement)"


def test_presentation_enregistree_n_importe_rien(
    monkeypatch: pytest.MonkeyPatch,
    tmp_path,  # type: ignore[no-untyped-def]
) -> None:
    """Une classe dont la description est déjà enregistrée se décrit sans importer les modules
    de présentation de son paquet (ici, un module qui échouerait à l'import)."""
    paquet = tmp_path / "paquet_essai_presentation"
    paquet.mkdir()
    (paquet / "__init__.py").write_text("", "utf-8")
    (paquet / "casse_presentation.py").write_text("raise RuntimeError('importé')\n", "utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    importlib.import_module("paquet_essai_presentation")
    _registre_vide(monkeypatch)
    classe = type(
        "Enregistree",
        (Presentable,),
        {"__slots__": (), "__module__": "paquet_essai_presentation.m"},
    )
    decrit(classe)(lambda _r: DEUX_TABLES)
    assert classe().decrire() is DEUX_TABLES
    assert "paquet_essai_presentation.casse_presentation" not in sys.modules
    _registre_vide(monkeypatch)
    with pytest.raises(RuntimeError, match="importé"):  # non enregistrée : le paquet est lu
        classe().decrire()


def test_paquet_introuvable_ignore(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Une classe dont le paquet n'est pas importé n'entraîne aucun import : pas même celui d'un
    module de même suffixe rangé ailleurs sur le chemin des modules."""
    (tmp_path / "leurre_presentation.py").write_text("raise RuntimeError('importé')\n", "utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    _registre_vide(monkeypatch)
    orpheline = type("Orpheline", (Presentable,), {"__slots__": (), "__module__": "absent.mod"})
    with pytest.raises(NotImplementedError, match=r"^Orpheline ne se décrit pas"):
        orpheline().decrire()


def test_recueil_et_description() -> None:
    a = Document(titre="A", tables=(_simple("a"),))
    b = Document(titre="B")
    assert Recueil(elements=(Description(a),)).decrire() is a
    deux = Recueil(elements=(Description(a), Description(b)), titre="Les deux").decrire()
    assert deux == Document(titre="Les deux", parties=(a, b))
