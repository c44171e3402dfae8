"""Le rendu texte (``rendu/_texte.py``), suite du passage de mutation (issue 27) : une cellule
courte qui contient un saut de ligne ou une tabulation (un libellé saisi dans une cellule de
tableur avec Alt+Entrée) est repliée comme une cellule trop longue — ses blancs deviennent des
espaces — au lieu d'être écrite telle quelle, ce qui coupait la ligne de la table en deux.
"""

from __future__ import annotations

from collectivites.rendu._texte import en_texte, table_texte
from collectivites.tables import Colonne, Document, Genre, Table


def _table(libelles: tuple[str, ...]) -> Table:
    return Table(
        cle="t",
        titre="T",
        colonnes=(
            Colonne(cle="nom", libelle="Nom", genre=Genre.TEXTE),
            Colonne(cle="n", libelle="N", genre=Genre.ENTIER),
        ),
        lignes=tuple((libelle, rang) for rang, libelle in enumerate(libelles, start=1)),
    )


def test_saut_de_ligne_d_une_cellule_courte_devient_une_espace() -> None:
    # « Ligne\nsuite » (11 caractères) tient dans sa colonne : il est écrit sur une ligne
    assert table_texte(_table(("Ligne\nsuite", "b"))) == (
        "Nom          N\n-----------  -\nLigne suite  1\nb            2\n"
    )


def test_retour_chariot_et_tabulation_d_une_cellule_courte() -> None:
    texte = table_texte(_table(("a\r\nb", "x\ty", "court")))
    lignes = texte.splitlines()
    # aucune ligne de la table ne commence par la suite d'une cellule : chaque ligne de données
    # finit par son numéro, colonne de droite
    assert lignes[:2] == ["Nom    N", "-----  -"]
    assert "\r" not in texte and "\t" not in texte
    assert lignes[2] == "a  b   1"
    assert lignes[-1] == "court  3"
    # la tabulation se replie comme textwrap la développe : « x » puis « y » sous lui
    assert lignes[3:5] == ["x      2", "y"]


def test_document_texte_d_une_table_a_cellule_multiligne() -> None:
    document = Document(titre="Essai", tables=(_table(("Ligne\nsuite",)),))
    assert en_texte(document) == "Essai\n\nNom          N\n-----------  -\nLigne suite  1\n"
