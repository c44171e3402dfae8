"""Le rendu texte (``rendu/_texte.py``), passage de mutation (issue 27) : le texte exact de
tables construites pour chaque règle, écrit à la main.

Règles du module : colonnes séparées de deux espaces, nombres à droite, texte à gauche, espaces
de fin de ligne retirés ; une ligne de tirets sous les en-têtes ; la ligne de totaux commence
par « Total » ; une table plus large que 100 colonnes replie d'abord ses libellés (jusqu'à la
largeur de leurs valeurs et de leur plus long mot, la colonne qui a le plus de marge d'abord),
puis les cellules de ses colonnes de texte (jusqu'à leur plus long mot, 20 au plus) ; les
en-têtes repliés s'alignent en bas ; une table encore trop large s'écrit en blocs de colonnes,
chacun précédé de la première colonne (et de la date qui la suit) ; lignes écrites par paquets
de 2 000.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from collectivites.rendu import _texte
from collectivites.rendu._flot import TableEnFlot
from collectivites.rendu._texte import en_texte, morceaux_table, table_texte
from collectivites.tables import Colonne, Document, Fait, Genre, Graphique, Table


def _table(colonnes: list[tuple[Any, ...]], lignes: list[tuple[Any, ...]], **autres: Any) -> Table:
    return Table(
        cle=autres.pop("cle", "t"),
        titre=autres.pop("titre", "T"),
        colonnes=tuple(
            Colonne(cle=c[0], libelle=c[1], genre=c[2], total=len(c) > 3 and c[3]) for c in colonnes
        ),
        lignes=tuple(lignes),
        **autres,
    )


def test_table_simple_avec_totaux() -> None:
    table = _table(
        [("nom", "Nom", Genre.TEXTE), ("n", "Nombre", Genre.ENTIER, True)],
        [("a", 1), ("bb", 22)],
    )
    assert table_texte(table) == (
        "Nom    Nombre\n-----  ------\na           1\nbb         22\nTotal      23\n"
    )


def test_totaux_dont_la_premiere_cellule_est_ecrite() -> None:
    table = _table(
        [("n", "N", Genre.ENTIER, True), ("m", "M", Genre.ENTIER, True)], [(1, 2), (3, 4)]
    )
    assert table_texte(table) == "N  M\n-  -\n1  2\n3  4\n4  6\n"


def test_table_sans_totaux_ni_lignes() -> None:
    assert table_texte(_table([("a", "Aa", Genre.TEXTE)], [])) == "Aa\n--\n"


def test_colonne_masquee_a_l_ecran() -> None:
    table = Table(
        cle="t",
        titre="T",
        colonnes=(
            Colonne(cle="a", libelle="A", genre=Genre.TEXTE),
            Colonne(cle="b", libelle="B", genre=Genre.TEXTE, affichee=False),
        ),
        lignes=(("x", "cache"),),
    )
    assert table_texte(table) == "A\n-\nx\n"


def test_taux_a_decimales_de_la_colonne() -> None:
    table = _table([("t", "Taux", Genre.TAUX)], [(Decimal("0.0135"),), (Decimal("0.02"),)])
    assert table_texte(table) == "  Taux\n------\n1,35 %\n2,00 %\n"


def test_libelles_replies_alignes_en_bas() -> None:
    # 62 + 45 = 107 colonnes > 98 disponibles : le premier libellé (marge 62 − 50) est raboté
    # jusqu'à 53, le second (un seul mot de 45) ne peut pas l'être
    premier = "x" * 11 + " " + "y" * 50
    table = _table([("a", premier, Genre.ENTIER), ("b", "z" * 45, Genre.ENTIER)], [(1, 2)])
    assert table_texte(table) == (
        " " * 42 + "x" * 11 + "\n"
        "   "
        + "y" * 50
        + "  "
        + "z" * 45
        + "\n"
        + "-" * 53
        + "  "
        + "-" * 45
        + "\n"
        + " " * 52
        + "1"
        + "  "
        + " " * 44
        + "2\n"
    )


def test_cellules_de_texte_repliees() -> None:
    valeur = " ".join(["abcd"] * 24)  # 119 caractères
    table = _table([("l", "Libellé", Genre.TEXTE), ("n", "N", Genre.ENTIER)], [(valeur, 7)])
    premiere = " ".join(["abcd"] * 19)  # 94 caractères sur 97
    assert table_texte(table) == (
        "Libellé"
        + " " * 92
        + "N\n"
        + "-" * 97
        + "  -\n"
        + premiere
        + " " * 5
        + "7\n"
        + " ".join(["abcd"] * 5)
        + "\n"
    )


def test_repli_jusqu_au_plus_long_mot_des_cellules() -> None:
    # trois colonnes de texte de 60 caractères : 180 > 96 ; le plus long mot de la première
    # (12, sur la seconde ligne) borne son repli, celui des autres (30) est ramené à 20
    mots = " ".join(["ab"] * 20)[:59] + "c"  # 60 caractères, mots de 2
    longue = "m" * 30 + " " + "n" * 29
    table = _table(
        [("a", "A", Genre.TEXTE), ("b", "B", Genre.TEXTE), ("c", "C", Genre.TEXTE)],
        [(mots, longue, longue), ("abcdefghijkl", "", "")],
    )
    texte = table_texte(table)
    lignes = texte.split("\n")
    separateur = lignes[1]
    largeurs = [len(s) for s in separateur.split("  ")]
    assert sum(largeurs) + 4 <= 100
    assert largeurs[0] >= 12 and largeurs[1] >= 20 and largeurs[2] >= 20
    assert all(len(ligne) <= 100 for ligne in lignes)


def test_blocs_de_colonnes_precedes_des_reperes() -> None:
    colonnes = [("n", "N", Genre.ENTIER), ("d", "Date", Genre.DATE)] + [
        (c, c * 30, Genre.ENTIER) for c in "cdef"
    ]
    table = _table(colonnes, [(1, dt.date(2024, 1, 2), 3, 4, 5, 6)])

    def bloc(a: str, b: str, x: int, y: int) -> str:
        return (
            "N  Date        " + a * 30 + "  " + b * 30 + "\n"
            "-  " + "-" * 10 + "  " + "-" * 30 + "  " + "-" * 30 + "\n"
            "1  02/01/2024  " + " " * 29 + str(x) + "  " + " " * 29 + str(y) + "\n"
        )

    assert table_texte(table) == bloc("c", "d", 3, 4) + "\n" + bloc("e", "f", 5, 6)


def test_blocs_sans_date_apres_la_premiere_colonne() -> None:
    colonnes = [("n", "N", Genre.ENTIER), ("t", "T", Genre.TEXTE)] + [
        (c, c * 40, Genre.ENTIER) for c in "cde"
    ]
    table = _table(colonnes, [(1, "x", 3, 4, 5)])
    # repère : la seule première colonne ; 3 + 3 + 42 + 40 = 88, puis 88 + 40 > 100
    assert table_texte(table) == (
        "N  T  " + "c" * 40 + "  " + "d" * 40 + "\n"
        "-  -  " + "-" * 40 + "  " + "-" * 40 + "\n"
        "1  x  " + " " * 39 + "3  " + " " * 39 + "4\n"
        "\n"
        "N  " + "e" * 40 + "\n"
        "-  " + "-" * 40 + "\n"
        "1  " + " " * 39 + "5\n"
    )


def test_groupes_a_la_borne_de_100_colonnes() -> None:
    table = _table(
        [("n", "N", Genre.ENTIER), ("a", "a" * 48, Genre.ENTIER), ("b", "b" * 47, Genre.ENTIER)],
        [],
    )
    # 1 + 2 + 48 + 2 + 47 = 100 : une seule table
    assert _texte._groupes(table, [1, 48, 47]) == [[0, 1, 2]]
    assert _texte._groupes(table, [1, 48, 48]) == [[0, 1], [0, 2]]
    mois = _table([("n", "N", Genre.ENTIER), ("m", "M", Genre.MOIS), ("x", "X", Genre.ENTIER)], [])
    assert _texte._groupes(mois, [1, 7, 95]) == [[0, 1, 2]]
    seule = _table([("n", "N", Genre.ENTIER)], [])
    assert _texte._groupes(seule, [120]) == []


def test_table_trop_large_d_un_seul_bloc_ecrite_entiere() -> None:
    table = _table([("a", "a" * 120, Genre.ENTIER)], [(1,)])
    assert table_texte(table) == "a" * 120 + "\n" + "-" * 120 + "\n" + " " * 119 + "1\n"


def test_sous_table_sans_graphique() -> None:
    table = Table(
        cle="t",
        titre="T",
        colonnes=(
            Colonne(cle="d", libelle="D", genre=Genre.ANNEE),
            Colonne(cle="m", libelle="M", genre=Genre.MONTANT),
            Colonne(cle="n", libelle="N", genre=Genre.ENTIER),
        ),
        lignes=((2024, Decimal("1.00"), 3),),
        graphique=Graphique(titre="g", abscisse="d", barres=("m",)),
    )
    sous = _texte._sous_table(table, [0, 2])
    assert isinstance(sous, Table) and sous.graphique is None
    assert [c.cle for c in sous.colonnes] == ["d", "n"]
    assert sous.lignes == ((2024, 3),)
    assert (sous.cle, sous.titre) == ("t", "T")


def test_sous_table_d_une_table_en_flot() -> None:
    modele = _table([("a", "A", Genre.ENTIER), ("b", "B", Genre.ENTIER)], [])
    flot = TableEnFlot(modele, lambda: iter([(1, 2), (3, 4)]))
    sous = _texte._sous_table(flot, [1])  # type: ignore[arg-type]
    assert isinstance(sous, TableEnFlot)
    assert list(sous.lignes) == [(2,), (4,)]


def test_lignes_par_paquets_de_2000() -> None:
    table = _table([("n", "N", Genre.ENTIER)], [(1,)] * 2001)
    morceaux = list(morceaux_table(table))
    assert morceaux[0] == "N\n-\n"
    assert [m.count("\n") for m in morceaux[1:]] == [2000, 1]
    assert "".join(morceaux) == "N\n-\n" + "1\n" * 2001
    juste = list(morceaux_table(_table([("n", "N", Genre.ENTIER)], [(1,)] * 2000)))
    assert [m.count("\n") for m in juste] == [2, 2000]


def test_table_en_flot_ecrite_comme_la_table() -> None:
    table = _table(
        [("nom", "Nom", Genre.TEXTE), ("n", "Nombre", Genre.ENTIER, True)],
        [("a", 1), ("bb", 22)],
    )
    modele = _table([("nom", "Nom", Genre.TEXTE), ("n", "Nombre", Genre.ENTIER, True)], [])
    flot = TableEnFlot(modele, lambda: iter([("a", 1), ("bb", 22)]))
    assert table_texte(flot) == table_texte(table)  # type: ignore[arg-type]


def test_replier_et_plus_long_mot() -> None:
    assert _texte._replier("", 5) == [""]
    assert _texte._replier("abc def", 0) == ["abc", "def"]
    assert _texte._replier("abcdefgh ij", 3) == ["abcdefgh", "ij"]
    assert _texte._replier("ab cd", 5) == ["ab cd"]
    assert _texte._mot_le_plus_long("") == 0
    assert _texte._mot_le_plus_long("a  bcd ef") == 3


def test_mesurer() -> None:
    table = _table(
        [("a", "A", Genre.TEXTE), ("n", "N", Genre.ENTIER), ("c", "C", Genre.CODE)],
        [],
    )
    contenus, mots = _texte._mesurer(
        table, [["ab cdefg", "12", ""], ["abcdef", "1", "x yy"], ["a", "123", "z"]]
    )
    assert contenus == [8, 3, 4]
    assert mots == [6, 1, 2]
    assert _texte._mesurer(table, []) == ([0, 0, 0], [1, 1, 1])


def test_ajuster_sans_repli_quand_la_table_tient() -> None:
    table = _table([("a", "Abc", Genre.TEXTE), ("n", "N", Genre.ENTIER)], [])
    assert _texte._ajuster(table, [2, 5], [1, 1]) == [3, 5]
    # 96 disponibles pour deux colonnes : exactement à la borne, rien n'est raboté
    assert _texte._ajuster(table, [50, 48], [50, 1]) == [50, 48]
    assert _texte._ajuster(table, [50, 49], [50, 1]) == [49, 49]


def test_ajuster_le_texte_jusqu_a_vingt() -> None:
    table = _table([("a", "A", Genre.TEXTE), ("b", "B", Genre.TEXTE)], [])
    # 98 disponibles ; libellés d'une lettre ; plus longs mots 30 et 12 → minimums 20 et 12,
    # marges égales à une près
    assert _texte._ajuster(table, [150, 150], [30, 12]) == [53, 45]
    assert _texte._ajuster(table, [150, 20], [30, 12]) == [78, 20]
    assert _texte._ajuster(table, [150, 150], [100, 100]) == [49, 49]
    etroite = _table([("a", "A", Genre.TEXTE), ("n", "N", Genre.ENTIER)], [])
    assert _texte._ajuster(etroite, [150, 90], [30, 1]) == [20, 90]
    libelle = _table(
        [("a", "Aaaaaaaaaaaaaaaaaaaaaaaaa", Genre.TEXTE), ("n", "N", Genre.ENTIER)], []
    )
    assert _texte._ajuster(libelle, [150, 90], [3, 1]) == [25, 90]
    assert _texte._ajuster(etroite, [150, 95], [5, 1]) == [5, 95]


# --- le document ---------------------------------------------------------------------------------


def test_document_entier() -> None:
    document = Document(
        titre="Titre",
        faits=(
            Fait(cle="m", libelle="Capital", valeur=Decimal("12.5"), genre=Genre.MONTANT),
            Fait(cle="v", libelle="Vide", valeur=""),
            Fait(cle="n", libelle="Absent", valeur=None),
            Fait(cle="e", libelle="Nombre", valeur=3, genre=Genre.ENTIER),
            Fait(cle="z", libelle="Zéro", valeur=0, genre=Genre.ENTIER),
        ),
        tables=(
            _table([("a", "A", Genre.ENTIER)], [(1,)], cle="un", titre="Première"),
            _table([("a", "A", Genre.ENTIER)], [], cle="deux", titre="Vide"),
            _table([("a", "A", Genre.ENTIER)], [], cle="trois", titre=""),
            _table([("a", "A", Genre.ENTIER)], [(1,), (2,)], cle="q", titre="Jours", detail=True),
            _table([("a", "A", Genre.ENTIER, True)], [], cle="tot", titre="Totaux"),
        ),
        hypotheses=("h1", "h2"),
    )
    assert en_texte(document) == (
        "Titre\n\n"
        "Capital : 12,50 €\n"
        "Nombre : 3\n"
        "Zéro : 0\n\n"
        "Première\nA\n-\n1\n\n"
        "Vide : aucune ligne\n\n"
        "trois : aucune ligne\n\n"
        "Jours : 2 lignes de détail (formats csv, json, xlsx)\n\n"
        "Totaux\nA\n-\n0\n\n"
        "Hypothèse : h1\nHypothèse : h2\n"
    )


def test_une_seule_table_sans_son_titre() -> None:
    document = Document(
        titre="", tables=(_table([("a", "A", Genre.ENTIER)], [(1,)], titre="Première"),)
    )
    assert en_texte(document) == "A\n-\n1\n"


def test_document_vide_une_fin_de_ligne() -> None:
    assert en_texte(Document(titre="")) == "\n"


def test_parties_a_la_suite() -> None:
    partie = Document(titre="Partie", hypotheses=("h",))
    vide = Document(titre="")
    assert en_texte(Document(titre="Tout", parties=(partie, vide, partie))) == (
        "Tout\n\nPartie\n\nHypothèse : h\n\nPartie\n\nHypothèse : h\n"
    )
    assert en_texte(Document(titre="", parties=(partie,))) == "Partie\n\nHypothèse : h\n"
    assert en_texte(Document(titre="", parties=(vide, partie))) == "Partie\n\nHypothèse : h\n"


def test_phrases_repliees_a_100_colonnes_suites_en_retrait() -> None:
    mots = " ".join(["mot-composé"] * 12)  # 143 caractères
    document = Document(
        titre="", hypotheses=(mots,), faits=(Fait(cle="a", libelle="A", valeur=mots),)
    )
    texte = en_texte(document)
    ligne_fait = "A : " + " ".join(["mot-composé"] * 8)  # 4 + 95 = 99 caractères
    ligne_hypothese = "Hypothèse : " + " ".join(["mot-composé"] * 7)  # 12 + 83 = 95
    assert texte == (
        ligne_fait
        + "\n  "
        + " ".join(["mot-composé"] * 4)
        + "\n\n"
        + ligne_hypothese
        + "\n  "
        + " ".join(["mot-composé"] * 5)
        + "\n"
    )
    long = "x" * 120
    assert _texte._plier(long) == long


def test_sans_fin_retire_les_fins_de_ligne_du_dernier_morceau() -> None:
    assert list(_texte._sans_fin(["a\n", "b\n\n", "\n"])) == ["a\n", "b"]
    assert list(_texte._sans_fin(["a\n", "\n", "b\n"])) == ["a\n", "\n", "b"]
    assert list(_texte._sans_fin(["\n", "\n"])) == []
    assert list(_texte._sans_fin([])) == []


def test_bloc_de_table_avec_titre() -> None:
    table = _table([("a", "A", Genre.ENTIER)], [(1,)])
    assert list(_texte._table_bloc("T\n", table)) == ["T\n", "A\n-\n", "1"]
    assert list(_texte._table_bloc("", table)) == ["A\n-\n", "1"]


def test_groupes_d_une_table_de_deux_colonnes_dont_une_date() -> None:
    # la première colonne et la date qui la suit sont des repères : aucun autre groupe
    table = _table([("n", "N", Genre.ENTIER), ("d", "D", Genre.DATE)], [])
    assert _texte._groupes(table, [1, 120]) == []


def test_deux_tables_chacune_sous_son_titre() -> None:
    document = Document(
        titre="",
        tables=(
            _table([("a", "A", Genre.ENTIER)], [(1,)], cle="un", titre="Un"),
            _table([("b", "B", Genre.ENTIER)], [(2,)], cle="deux", titre="Deux"),
        ),
    )
    assert en_texte(document) == "Un\nA\n-\n1\n\nDeux\nB\n-\n2\n"


def test_partie_gardee_a_ses_espaces_finals() -> None:
    assert en_texte(Document(titre="Tout", parties=(Document(titre="Partie  "),))) == (
        "Tout\n\nPartie  \n"
    )


def test_totaux_de_montants_a_la_francaise() -> None:
    table = _table(
        [("nom", "Nom", Genre.TEXTE), ("m", "Montant", Genre.MONTANT, True)],
        [("a", Decimal("1.25")), ("b", Decimal("2.5"))],
    )
    assert table_texte(table) == (
        "Nom    Montant\n-----  -------\na         1,25\nb         2,50\nTotal     3,75\n"
    )


def test_sans_fin_ne_retire_que_les_fins_de_ligne() -> None:
    assert list(_texte._sans_fin(["a\n", "X\n", "\n"])) == ["a\n", "X"]
    assert list(_texte._sans_fin(["  \n", "\n"])) == ["  "]
    assert list(_texte._sans_fin(["a  \n"])) == ["a  "]
    assert list(_texte._sans_fin(["aX\n"])) == ["aX"]


def test_partie_finissant_par_une_lettre_gardee() -> None:
    assert en_texte(Document(titre="", parties=(Document(titre="PartieX"),))) == "PartieX\n"


def test_nombres_aux_decimales_de_leur_colonne() -> None:
    table = Table(
        cle="t",
        titre="T",
        colonnes=(
            Colonne(cle="x", libelle="X", genre=Genre.NOMBRE, total=True),
            Colonne(cle="y", libelle="Y", genre=Genre.NOMBRE, total=True, decimales=0),
        ),
        lignes=((Decimal("1.5"), Decimal("1.25")), (Decimal("2.25"), Decimal("2.5"))),
    )
    # X : deux décimales pour toute la colonne ; Y : aucune (déclaré), total compris
    assert table_texte(table) == "   X  Y\n----  -\n1,50  1\n2,25  2\n3,75  4\n"


def test_total_d_une_colonne_a_valeur_absente() -> None:
    table = Table(
        cle="t",
        titre="T",
        colonnes=(Colonne(cle="x", libelle="X", genre=Genre.NOMBRE, total=True),),
        lignes=((Decimal("1.5"),), (None,)),
    )
    # la valeur absente compte 0,00 dans le total, écrit aux décimales de la colonne
    assert table_texte(table) == "  X\n---\n1,5\n\n1,5\n"


def test_table_de_102_colonnes_en_deux_blocs() -> None:
    table = _table(
        [("n", "N", Genre.ENTIER), ("a", "a" * 48, Genre.ENTIER), ("b", "b" * 49, Genre.ENTIER)],
        [(1, 2, 3)],
    )
    assert table_texte(table) == (
        "N  " + "a" * 48 + "\n-  " + "-" * 48 + "\n1  " + " " * 47 + "2\n"
        "\n"
        "N  " + "b" * 49 + "\n-  " + "-" * 49 + "\n1  " + " " * 48 + "3\n"
    )


def test_un_seul_groupe_trop_large_ecrit_entier() -> None:
    table = _table([("n", "N", Genre.ENTIER), ("a", "a" * 120, Genre.ENTIER)], [(1, 2)])
    assert _texte._groupes(table, [1, 120]) == [[0, 1]]
    assert table_texte(table) == (
        "N  " + "a" * 120 + "\n-  " + "-" * 120 + "\n1  " + " " * 119 + "2\n"
    )


def test_cellule_qui_tient_ecrite_telle_quelle() -> None:
    # une cellule qui tient dans sa colonne n'est pas repliée : ses espaces de tête restent
    table = _table([("t", "T", Genre.TEXTE), ("u", "U", Genre.TEXTE)], [("  x", "y")])
    assert table_texte(table) == "T    U\n---  -\n  x  y\n"
