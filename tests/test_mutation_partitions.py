"""Partitions d'un portefeuille lu de fichiers (``collectivites.prets._partitions``), pièce à
pièce : plages d'octets exactes d'un CSV coupé entre deux contrats (en-tête, commentaires,
lignes vides, guillemets, point-virgule, CRLF), groupes de lignes d'un Parquet réunis quand un
contrat les chevauche, répertoires de dossiers, classeurs et exemples, cellules Parquet en texte
et refus en français (issue 27, tests de mutation).

Les plages attendues sont comptées à la main, octet par octet, dans les textes écrits ici."""

from __future__ import annotations

import datetime as dt
import os
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from collectivites.erreurs import ErreurDossier, ErreurEntree, ErreurValeur
from collectivites.prets import _partitions, exemple_pret
from collectivites.prets._partitions import Partition, partitionner
from tests.synthetique import COLONNES, ecrire_csv, ecrire_parquet, lignes

# « numero,x\n » : 9 octets (0–8) ; « A,1\n » 9–12 ; « A,2\n » 13–16 ; « B,3\n » 17–20 ;
# « \n » 21 ; « C,4\n » 22–25 ; fin à 26.
TEXTE = b"numero,x\nA,1\nA,2\nB,3\n\nC,4\n"
ENTETE = b"numero,x\n"


def _csv(tmp_path: Path, contenu: bytes, nom: str = "p.csv") -> str:
    chemin = tmp_path / nom
    chemin.write_bytes(contenu)
    return str(chemin)


def _p(chemin: str, debut: int, fin: int, ligne: int, entete: bytes = ENTETE) -> Partition:
    if debut == 0:
        return Partition(nature="csv", chemin=chemin, debut=0, fin=fin, ligne=1)
    return Partition(nature="csv", chemin=chemin, debut=debut, fin=fin, entete=entete, ligne=ligne)


def test_csv_coupe_a_chaque_contrat(tmp_path: Path) -> None:
    """Une ligne par partition : les deux lignes du contrat A restent ensemble ; la ligne vide
    (ligne 5) n'est pas comptée ; chaque partition après la première porte l'en-tête et le
    numéro de sa première ligne dans le fichier."""
    chemin = _csv(tmp_path, TEXTE)
    assert partitionner([chemin], lignes_par_partition=1) == (
        _p(chemin, 0, 17, 1),
        _p(chemin, 17, 22, 4),
        _p(chemin, 22, 26, 6),
    )


def test_csv_coupe_apres_assez_de_lignes(tmp_path: Path) -> None:
    chemin = _csv(tmp_path, TEXTE)
    assert partitionner([chemin], lignes_par_partition=2) == (
        _p(chemin, 0, 17, 1),
        _p(chemin, 17, 26, 4),
    )
    # trois lignes atteintes avec B : C commence la suivante ; quatre : tout tient
    assert partitionner([chemin], lignes_par_partition=3) == (
        _p(chemin, 0, 22, 1),
        _p(chemin, 22, 26, 6),
    )
    assert partitionner([chemin], lignes_par_partition=4) == (_p(chemin, 0, 26, 1),)


def test_csv_commentaires_et_lignes_vides_avant_l_en_tete(tmp_path: Path) -> None:
    """L'en-tête est le premier enregistrement qui n'est ni vide (« ,; » et blancs compris)
    ni un commentaire ; la première partition lit le fichier depuis son début."""
    debut = b"# portefeuille\n\n ,;\t\n"  # 15 + 1 + 5 = 21 octets
    chemin = _csv(tmp_path, debut + TEXTE)
    assert partitionner([chemin], lignes_par_partition=1) == (
        _p(chemin, 0, 21 + 17, 1),
        _p(chemin, 21 + 17, 21 + 22, 7),
        _p(chemin, 21 + 22, 21 + 26, 9),
    )


def test_csv_commentaire_et_blancs_apres_l_en_tete_ignores(tmp_path: Path) -> None:
    # « numero,x\n » 0–8 ; « A,1\n » 9–12 ; « # B\n » 13–16 ; « ,,\n » 17–19 ; « B,2\n » 20–23
    chemin = _csv(tmp_path, b"numero,x\nA,1\n# B\n,,\nB,2\n")
    assert partitionner([chemin], lignes_par_partition=1) == (
        _p(chemin, 0, 20, 1),
        _p(chemin, 20, 24, 5),
    )


def test_csv_crlf_et_point_virgule(tmp_path: Path) -> None:
    """En-tête en CRLF gardé en LF (rien d'autre n'est retiré) ; séparateur point-virgule
    (plus de « ; » que de « , »), colonne ``numero`` en deuxième, espaces autour du nom et du
    numéro ignorés."""
    # « x; numero \r\n » 0–11 ; « 1,5;A\r\n » 12–18 ; « 2,5; A \r\n » 19–27 ; « 3;B\r\n » 28–32
    contenu = b"x; numero \r\n1,5;A\r\n2,5; A \r\n3;B\r\n"
    chemin = _csv(tmp_path, contenu)
    entete = b"x; numero \n"  # fin de ligne ramenée à « \\n », blancs gardés
    assert partitionner([chemin], lignes_par_partition=1) == (
        _p(chemin, 0, 28, 1),
        _p(chemin, 28, 33, 4, entete),
    )


def test_csv_virgule_a_egalite(tmp_path: Path) -> None:
    """Autant de « ; » que de « , » dans l'en-tête : la virgule."""
    # « numero,a;b\n » 0–10 ; « A,1;2\n » 11–16 ; « A,3;4\n » 17–22 ; « B,5;6\n » 23–28
    chemin = _csv(tmp_path, b"numero,a;b\nA,1;2\nA,3;4\nB,5;6\n")
    assert partitionner([chemin], lignes_par_partition=1) == (
        _p(chemin, 0, 23, 1),
        _p(chemin, 23, 29, 4, b"numero,a;b\n"),
    )


def test_csv_guillemets_sur_deux_lignes(tmp_path: Path) -> None:
    """Une cellule entre guillemets qui contient une fin de ligne : l'enregistrement tient deux
    lignes du fichier ; la ligne suivante est la 5."""
    # « numero,x\n » 0–8 ; « A,"a\nb"\n » 9–16 ; « A,"c""d"\n » 17–25 ; « B,1\n » 26–29
    contenu = b'numero,x\nA,"a\nb"\nA,"c""d"\nB,1\n'
    chemin = _csv(tmp_path, contenu)
    assert partitionner([chemin], lignes_par_partition=1) == (
        _p(chemin, 0, 26, 1),
        _p(chemin, 26, 30, 5),
    )


def test_csv_sans_colonne_numero_une_seule_partition(tmp_path: Path) -> None:
    chemin = _csv(tmp_path, b"identifiant,x\nA,1\nB,2\nC,3\n")
    assert partitionner([chemin], lignes_par_partition=1) == (_p(chemin, 0, 26, 1),)


def test_csv_numero_absent_d_une_ligne_courte(tmp_path: Path) -> None:
    """Une ligne sans cellule en colonne ``numero`` a le numéro vide : elle se distingue de A."""
    # « x,numero\n » 0–8 ; « 1,A\n » 9–12 ; « 2\n » 13–14 ; « 3,A\n » 15–18
    chemin = _csv(tmp_path, b"x,numero\n1,A\n2\n3,A\n")
    assert partitionner([chemin], lignes_par_partition=1) == (
        _p(chemin, 0, 13, 1),
        _p(chemin, 13, 15, 3, b"x,numero\n"),
        _p(chemin, 15, 19, 4, b"x,numero\n"),
    )


def test_csv_derniere_ligne_sans_fin_de_ligne(tmp_path: Path) -> None:
    chemin = _csv(tmp_path, b"numero,x\nA,1\nB,2")
    assert partitionner([chemin], lignes_par_partition=1) == (
        _p(chemin, 0, 13, 1),
        _p(chemin, 13, 16, 3),
    )


def test_csv_guillemet_jamais_ferme(tmp_path: Path) -> None:
    """Un guillemet ouvert jusqu'à la fin : le reste du fichier est un seul enregistrement."""
    # « numero,x\n » 0–8 ; « A,1\n » 9–12 ; « B,"2\n » 13–17 ; « C,3\n » 18–21
    chemin = _csv(tmp_path, b'numero,x\nA,1\nB,"2\nC,3\n')
    assert partitionner([chemin], lignes_par_partition=1) == (
        _p(chemin, 0, 13, 1),
        _p(chemin, 13, 22, 3),
    )


def test_entete_et_numero_illisibles_par_le_lecteur_csv() -> None:
    """Une cellule plus longue que la limite du module csv : l'en-tête n'a pas de colonne
    ``numero`` et le numéro est vide (la lecture de la partition le refusera en français)."""
    enorme = b"a" * 200_000
    assert _partitions._entete_csv(b'"' + enorme + b'",numero\n', "p.csv") == (None, ",")
    assert _partitions._entete_csv(b"x;numero\n", "p.csv") == (1, ";")
    assert _partitions._numero(b'"' + enorme + b'",A\n', 1, ",", "p.csv") == ""
    assert _partitions._numero(b"1,A\n", 1, ",", "p.csv") == "A"
    assert _partitions._numero(b"1,A\n", None, ",", "p.csv") == ""
    assert _partitions._numero(b"1,A\n", 2, ",", "p.csv") == ""


@pytest.mark.parametrize(
    ("enregistrement", "ignore"),
    [
        (b"", True),
        (b"\n", True),
        (b" ,;\t,\r\n", True),
        (b"# commentaire\n", True),
        (b"  # commentaire\n", True),
        (b"a\n", False),
        (b",a,\n", False),
        (b"a#\n", False),
    ],
)
def test_vide_ou_commentaire(enregistrement: bytes, ignore: bool) -> None:
    assert _partitions._vide_ou_commentaire(enregistrement) is ignore


def test_decoder() -> None:
    assert _partitions._decoder("\ufeffnuméro".encode(), "p.csv") == "numéro"
    with pytest.raises(ErreurEntree) as erreur:
        _partitions._decoder(b"num\xe9ro", "p.csv")
    assert erreur.value.message == "texte non UTF-8"
    assert erreur.value.fichier == "p.csv"
    assert erreur.value.attendu == "un fichier texte UTF-8 (« CSV UTF-8 »)"


def test_en_tete_non_utf8_refuse(tmp_path: Path) -> None:
    chemin = _csv(tmp_path, b"num\xe9ro,x\nA,1\n")
    with pytest.raises(ErreurEntree, match="texte non UTF-8"):
        partitionner([chemin], lignes_par_partition=1)


# --- sources --------------------------------------------------------------------------------


def test_repertoire_de_dossiers(tmp_path: Path) -> None:
    for nom in ("c.toml", "a.toml", "b.toml", "note.txt"):
        (tmp_path / nom).write_text("", "utf-8")
    a, b, c = (str(tmp_path / f"{x}.toml") for x in "abc")
    assert partitionner([tmp_path], lignes_par_partition=10) == (
        Partition(nature="dossiers", fichiers=(a, b)),
        Partition(nature="dossiers", fichiers=(c,)),
    )
    un = (Partition(nature="dossiers", fichiers=(a,)),)
    for taille in (1, 4, 5, 9):  # moins de deux dossiers de cinq lignes : un par partition
        assert partitionner([tmp_path], lignes_par_partition=taille)[:1] == un
    assert len(partitionner([tmp_path], lignes_par_partition=5)) == 3
    assert partitionner([tmp_path], lignes_par_partition=15) == (
        Partition(nature="dossiers", fichiers=(a, b, c)),
    )


def test_repertoire_sans_dossier(tmp_path: Path) -> None:
    with pytest.raises(ErreurValeur) as erreur:
        partitionner([tmp_path], lignes_par_partition=10)
    assert erreur.value.message == "aucun dossier .toml dans ce répertoire"
    assert erreur.value.valeur == str(tmp_path)


def test_exemples_d_abord_puis_les_sources_dans_l_ordre(tmp_path: Path) -> None:
    classeur, majuscules, macro = tmp_path / "p.xlsx", tmp_path / "q.XLSX", tmp_path / "r.xlsm"
    dossier = tmp_path / "pret.toml"
    assert partitionner(
        [classeur, dossier, majuscules, macro],
        lignes_par_partition=10,
        exemples=["cdc-57851", "cdc-57828"],
    ) == (
        Partition(nature="exemples", fichiers=("cdc-57851",)),
        Partition(nature="exemples", fichiers=("cdc-57828",)),
        Partition(nature="classeur", chemin=str(classeur)),
        Partition(nature="dossiers", fichiers=(str(dossier),)),
        Partition(nature="classeur", chemin=str(majuscules)),
        Partition(nature="classeur", chemin=str(macro)),
    )


def test_aucun_pret() -> None:
    with pytest.raises(ErreurValeur) as erreur:
        partitionner([], lignes_par_partition=10)
    assert erreur.value.message == "aucun prêt"
    assert erreur.value.attendu == "des dossiers, un répertoire ou un exemple"


def test_csv_en_majuscules_et_fichier_qui_n_est_pas_ordinaire(tmp_path: Path) -> None:
    chemin = _csv(tmp_path, TEXTE, "P.CSV")
    assert partitionner([chemin], lignes_par_partition=4) == (_p(chemin, 0, 26, 1),)
    if not hasattr(os, "mkfifo"):
        return
    for nom in ("tube.csv", "tube.parquet"):
        os.mkfifo(tmp_path / nom)
        with pytest.raises(ErreurEntree) as erreur:
            partitionner([tmp_path / nom], lignes_par_partition=3)
        assert erreur.value.message == "ce n'est pas un fichier ordinaire"
        assert (erreur.value.fichier, erreur.value.attendu) == (str(tmp_path / nom), "un fichier")


def test_fichier_absent(tmp_path: Path) -> None:
    for nom in ("absent.csv", "absent.parquet"):
        with pytest.raises(ErreurEntree) as erreur:
            partitionner([tmp_path / nom], lignes_par_partition=3)
        assert erreur.value.message.startswith("fichier illisible (")
        assert erreur.value.fichier == str(tmp_path / nom)


def test_nature_en_tableau() -> None:
    assert [Partition(nature=n).en_tableau for n in ("csv", "classeur", "parquet")] == [True] * 3
    assert [Partition(nature=n).en_tableau for n in ("dossiers", "exemples")] == [False] * 2


# --- lecture des partitions -----------------------------------------------------------------


def test_prets_des_dossiers_et_des_exemples(tmp_path: Path) -> None:
    exemple = exemple_pret("cdc-57828")
    assert Partition(nature="exemples", fichiers=("cdc-57828",)).prets() == (exemple,)
    dossier = Path(__file__).parent.parent / "src/collectivites/donnees/exemples/cdc-57828.toml"
    if dossier.is_file():
        assert Partition(nature="dossiers", fichiers=(str(dossier),)).prets() == (exemple,)


@pytest.mark.parametrize("colonnaire", [True, False])
def test_une_partition_csv_se_lit_comme_le_fichier_entier(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, colonnaire: bool
) -> None:
    from collectivites.prets import lire_portefeuille

    monkeypatch.setattr(_partitions, "COLONNAIRE", colonnaire)
    chemin = ecrire_csv(tmp_path / "p.csv", 10)
    tous = lire_portefeuille(chemin)
    partitions = partitionner([chemin], lignes_par_partition=4)
    assert len(partitions) == 3
    assert tuple(p for x in partitions for p in x.prets()) == tous


@pytest.mark.parametrize("colonnaire", [True, False])
def test_erreur_d_une_partition_csv_nommee_a_sa_ligne(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, colonnaire: bool
) -> None:
    """Un commentaire et une ligne vide avant l'en-tête, une cellule sur deux lignes : la
    ligne fautive de la troisième partition est nommée à son rang dans le fichier."""
    monkeypatch.setattr(_partitions, "COLONNAIRE", colonnaire)
    rangs = list(lignes(6))
    rangs[0]["emprunteur"] = "bailleur\nsur deux lignes"
    rangs[5]["duree"] = "abc"
    texte = "# portefeuille\n\n" + ",".join(COLONNES) + "\n"
    for rang in rangs:
        texte += ",".join(f'"{rang[c]}"' for c in COLONNES) + "\n"
    chemin = _csv(tmp_path, texte.encode())
    partitions = partitionner([chemin], lignes_par_partition=2)
    assert [p.ligne for p in partitions] == [1, 7, 9]
    with pytest.raises(ErreurDossier) as erreur:
        partitions[2].prets()
    # commentaire 1, vide 2, en-tête 3, lignes 4–5 (deux lignes), 6, 7, 8, 9, 10
    assert (erreur.value.ligne, erreur.value.cle, erreur.value.fichier) == (10, "duree", chemin)


# --- Parquet --------------------------------------------------------------------------------


def _parquet(
    tmp_path: Path, numeros: list[str | None], par_groupe: int, nom: str = "p.parquet"
) -> str:
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    table = pa.table({"numero": pa.array(numeros, pa.string()), "montant": ["1"] * len(numeros)})
    chemin = tmp_path / nom
    pq.write_table(table, chemin, row_group_size=par_groupe)
    return str(chemin)


def test_parquet_groupes_reunis_quand_un_contrat_les_chevauche(tmp_path: Path) -> None:
    chemin = _parquet(tmp_path, ["A", "A", "A", "B", "C", "C"], 2)
    assert partitionner([chemin], lignes_par_partition=2) == (
        Partition(nature="parquet", chemin=chemin, groupes=(0, 1)),
        Partition(nature="parquet", chemin=chemin, groupes=(2,)),
    )
    assert partitionner([chemin], lignes_par_partition=1) == (
        Partition(nature="parquet", chemin=chemin, groupes=(0, 1)),
        Partition(nature="parquet", chemin=chemin, groupes=(2,)),
    )
    assert partitionner([chemin], lignes_par_partition=5) == (
        Partition(nature="parquet", chemin=chemin, groupes=(0, 1, 2)),
    )
    autre = _parquet(tmp_path, ["A", "B", "C", "D", "E", "F"], 2, "q.parquet")
    assert partitionner([autre], lignes_par_partition=3) == (
        Partition(nature="parquet", chemin=autre, groupes=(0, 1)),
        Partition(nature="parquet", chemin=autre, groupes=(2,)),
    )
    assert partitionner([autre], lignes_par_partition=2) == tuple(
        Partition(nature="parquet", chemin=autre, groupes=(g,)) for g in range(3)
    )


def test_parquet_bornes_d_un_groupe(tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    chemin = _parquet(tmp_path, ["A", None, None, "B", "C"], 3)
    fichier = pq.ParquetFile(chemin)
    assert _partitions._bornes_parquet(fichier, 0) == ("A", "")
    assert _partitions._bornes_parquet(fichier, 1) == ("B", "C")
    assert partitionner([chemin], lignes_par_partition=1) == (
        Partition(nature="parquet", chemin=chemin, groupes=(0,)),
        Partition(nature="parquet", chemin=chemin, groupes=(1,)),
    )


def test_parquet_sans_numero_un_seul_bloc(tmp_path: Path) -> None:
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    chemin = tmp_path / "p.parquet"
    pq.write_table(pa.table({"montant": ["1", "2", "3"]}), chemin, row_group_size=1)
    assert _partitions._bornes_parquet(pq.ParquetFile(chemin), 0) == ("", "")
    assert partitionner([chemin], lignes_par_partition=1) == (
        Partition(nature="parquet", chemin=str(chemin), groupes=(0, 1, 2)),
    )


def test_parquet_vide_ou_colonne_inconnue(tmp_path: Path) -> None:
    chemin = _parquet(tmp_path, [], 2)
    with pytest.raises(ErreurDossier) as erreur:
        partitionner([chemin], lignes_par_partition=2)
    assert erreur.value.message == "aucune ligne de prêt dans le tableau"
    assert erreur.value.fichier == chemin
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    pq.write_table(pa.table({"numro": ["A"]}), tmp_path / "c.parquet")
    with pytest.raises(ErreurDossier, match="colonne inconnue ; vouliez-vous dire « numero »"):
        partitionner([tmp_path / "c.parquet"], lignes_par_partition=2)


def test_parquet_illisible(tmp_path: Path) -> None:
    chemin = _csv(tmp_path, b"pas un parquet", "p.parquet")
    with pytest.raises(ErreurEntree) as erreur:
        partitionner([chemin], lignes_par_partition=2)
    assert erreur.value.message == "fichier Parquet illisible (ArrowInvalid)"
    assert erreur.value.fichier == chemin


def test_parquet_sans_pyarrow(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)
    with pytest.raises(ErreurEntree) as erreur:
        _partitions._parquet("p.parquet")
    assert erreur.value.message == "lire un tableau Parquet demande pyarrow"
    assert erreur.value.fichier == "p.parquet"
    assert erreur.value.attendu == (
        "l'extra dask (pip install '.[dask]' depuis le dépôt, ou pip install pyarrow)"
    )


@pytest.mark.parametrize(
    ("valeur", "texte"),
    [
        (None, ""),
        (True, "oui"),
        (False, "non"),
        ("texte", "texte"),
        (42, "42"),
        (Decimal("3170.41"), "3170.41"),
        (dt.date(2017, 12, 6), "2017-12-06"),
    ],
)
def test_cellule_parquet_en_texte(valeur: object, texte: str) -> None:
    assert _partitions._cellule(valeur, "c", 3, "p.parquet") == texte


def test_cellule_parquet_refusee() -> None:
    with pytest.raises(ErreurDossier) as erreur:
        _partitions._cellule(0.5, "montant", 7, "p.parquet")
    e = erreur.value
    assert e.message == "valeur en virgule flottante : un montant ou un taux doit être exact"
    assert (e.fichier, e.ligne, e.cle, e.valeur) == ("p.parquet", 7, "montant", 0.5)
    assert e.attendu == "une colonne texte, décimale (decimal128) ou entière"
    for valeur, nom in ((dt.datetime(2017, 12, 6, tzinfo=dt.UTC), "datetime"), (b"x", "bytes")):
        with pytest.raises(ErreurDossier) as erreur:
            _partitions._cellule(valeur, "date_effet", 8, "p.parquet")
        e = erreur.value
        assert e.message == "type de colonne refusé"
        assert (e.fichier, e.ligne, e.cle, e.valeur) == ("p.parquet", 8, "date_effet", nom)
        assert e.attendu == "texte, entier, décimal ou date"


@pytest.mark.parametrize("colonnaire", [True, False])
def test_partition_parquet_lue_et_erreur_a_sa_ligne(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, colonnaire: bool
) -> None:
    """Les prêts de chaque groupe de lignes sont ceux du CSV ; une valeur refusée du troisième
    groupe (lignes 5 et 6) est nommée à sa ligne dans le fichier."""
    from collectivites.prets import lire_portefeuille

    monkeypatch.setattr(_partitions, "COLONNAIRE", colonnaire)
    chemin = ecrire_parquet(tmp_path / "p.parquet", 8, lignes_par_groupe=2)
    tous = lire_portefeuille(ecrire_csv(tmp_path / "p.csv", 8))
    partitions = partitionner([chemin], lignes_par_partition=2)
    assert [p.groupes for p in partitions] == [(0,), (1,), (2,), (3,)]
    assert tuple(p for x in partitions for p in x.prets()) == tous
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    table = pq.read_table(chemin)
    durees = [str(x) for x in table.column("duree").to_pylist()]
    durees[5] = "cinquante"
    table = table.set_column(
        table.column_names.index("duree"), "duree", pa.array(durees, pa.string())
    )
    pq.write_table(table, chemin, row_group_size=2)
    with pytest.raises(ErreurDossier) as erreur:
        partitionner([chemin], lignes_par_partition=2)[2].prets()
    assert (erreur.value.ligne, erreur.value.cle) == (6, "duree")
    assert erreur.value.fichier == str(chemin)


def test_parquet_lu_en_colonnes_sans_la_lecture_ligne_a_ligne(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from collectivites.prets import _tableur, lire_portefeuille

    chemin = ecrire_parquet(tmp_path / "p.parquet", 6, lignes_par_groupe=2)
    tous = lire_portefeuille(ecrire_csv(tmp_path / "p.csv", 6))
    monkeypatch.setattr(
        _tableur, "lignes_des_cellules", lambda *_a: pytest.fail("relu ligne à ligne")
    )
    partitions = partitionner([chemin], lignes_par_partition=2)
    assert tuple(p for x in partitions for p in x.prets()) == tous


def test_parquet_flottant_nomme_sa_ligne_sa_colonne_et_son_fichier(tmp_path: Path) -> None:
    """Un montant en virgule flottante dans le deuxième groupe (lignes 3 et 4) : refusé à la
    ligne 3, colonne « montant », par la lecture ligne à ligne (la lecture en colonnes cède)."""
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    chemin = ecrire_parquet(tmp_path / "p.parquet", 4, lignes_par_groupe=2)
    table = pq.read_table(chemin)
    montants = [float(x) for x in table.column("montant").to_pylist()]
    rang = table.column_names.index("montant")
    table = table.set_column(rang, "montant", pa.array(montants, pa.float64()))
    pq.write_table(table, chemin, row_group_size=2)
    with pytest.raises(ErreurDossier) as erreur:
        partitionner([chemin], lignes_par_partition=2)[1].prets()
    e = erreur.value
    assert e.message == "valeur en virgule flottante : un montant ou un taux doit être exact"
    assert (e.ligne, e.cle, e.fichier) == (3, "montant", str(chemin))


def test_ligne_non_utf8_nommee_dans_son_fichier(tmp_path: Path) -> None:
    """Le numéro d'une ligne lu pour placer une coupe : une ligne non UTF-8 est refusée avec
    son fichier."""
    chemin = _csv(tmp_path, b"numero,x\nA,1\nB,\xe9\n")
    with pytest.raises(ErreurEntree) as erreur:
        partitionner([chemin], lignes_par_partition=1)
    assert erreur.value.message == "texte non UTF-8"
    assert erreur.value.fichier == chemin
