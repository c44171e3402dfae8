"""Projection répartie d'un portefeuille : des parties qui s'additionnent au centime, des
partitions lues par chaque tâche, et la même sortie, à l'octet près, en série, sur des processus
et sur une grappe Dask."""

from __future__ import annotations

import itertools
import pickle
import re
from decimal import Decimal
from pathlib import Path

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from collectivites.cli import main
from collectivites.erreurs import ErreurDossier, ErreurEntree, ErreurType, ErreurValeur
from collectivites.prets import (
    calculer_tableau,
    exemple_pret,
    lire_portefeuille,
    projeter,
    projeter_fichiers,
    scenario,
)
from collectivites.prets._partitions import partitionner
from collectivites.prets._repartition import _en_ordre, _Repli
from collectivites.prets.rouages import (
    EnsembleCles,
    Fusion,
    ProjectionPartielle,
    fusionner,
    projeter_partie,
    reunir,
)
from tests.synthetique import COLONNES, ecrire_csv, ecrire_parquet, lignes

HISTORIQUE = scenario("historique")


@pytest.fixture(scope="module")
def portefeuille_csv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return ecrire_csv(tmp_path_factory.mktemp("portefeuille") / "p.csv", 120)


@pytest.fixture(scope="module")
def reference(portefeuille_csv: Path) -> bytes:
    """La projection du portefeuille en mémoire, en un seul appel (le calcul de toujours)."""
    resultat = projeter(lire_portefeuille(portefeuille_csv), HISTORIQUE, par="garant")
    return resultat.rendre("csv").encode()


# --- parties qui s'additionnent -----------------------------------------------------------------


def _parties(prets: tuple, bornes: list[int]) -> list[ProjectionPartielle]:
    coupes = sorted({0, *bornes, len(prets)})
    return [
        projeter_partie(prets[a:b], HISTORIQUE, "garant")
        for a, b in itertools.pairwise(coupes)
        if a < b
    ]


@settings(max_examples=15, deadline=None)
@given(st.lists(st.integers(min_value=1, max_value=29), max_size=6), st.randoms())
def test_toute_partition_donne_la_projection_entiere_dans_tout_ordre(
    bornes: list[int], alea: object
) -> None:
    prets = lire_portefeuille(_CSV_PETIT)
    entiere = projeter_partie(prets, HISTORIQUE, "garant")
    parties = _parties(prets, bornes)
    alea.shuffle(parties)  # type: ignore[attr-defined]
    assert fusionner(parties).sommes == entiere.sommes
    assert fusionner(parties).nombre_lignes == len(prets) * 2
    consultees = fusionner(parties).consultations
    assert sorted(fin for _, fin in consultees) == sorted(fin for _, fin in entiere.consultations)


_CSV_PETIT = Path(__file__).parent / "donnees" / "portefeuille-synthetique-60.csv"


def test_le_fichier_de_test_est_celui_du_generateur(tmp_path: Path) -> None:
    # Le petit portefeuille versionné est exactement ce qu'écrit le générateur (60 lignes).
    assert _CSV_PETIT.read_bytes() == ecrire_csv(tmp_path / "p.csv", 60).read_bytes()


def test_une_partie_est_compacte_et_se_copie() -> None:
    prets = lire_portefeuille(_CSV_PETIT)
    partie = projeter_partie(prets, HISTORIQUE, "garant")
    copie = pickle.loads(pickle.dumps(partie))
    assert copie == partie
    valeurs = [v for annees in partie.sommes.values() for t in annees.values() for v in t]
    assert valeurs
    assert all(type(v) is int for v in valeurs)  # des centimes entiers, pas des Decimal
    assert partie + partie.__class__(par="garant") == fusionner([partie])


def test_une_ligne_dans_deux_parties_est_refusee() -> None:
    prets = lire_portefeuille(_CSV_PETIT)
    partie = projeter_partie(prets[:3], HISTORIQUE, "garant")
    with pytest.raises(ErreurValeur, match="deux parties du portefeuille") as exc:
        fusionner([partie, partie])
    assert exc.value.valeur == "c0000000/l0000000"


_TEXTES = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=12
)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.frozensets(_TEXTES, max_size=30), max_size=5))
def test_ensembles_de_cles_comme_des_ensembles(ensembles: list[frozenset[str]]) -> None:
    compacts = [EnsembleCles.de(e) for e in ensembles]
    for compact, ensemble in zip(compacts, ensembles, strict=True):
        assert len(compact) == len(ensemble)
        assert list(compact) == sorted(ensemble, key=lambda t: t.encode())  # ordre des octets
        assert compact == ensemble
        assert all(c in compact for c in ensemble)
        assert pickle.loads(pickle.dumps(compact)) == compact
    reunion, commune = reunir(compacts)
    attendue = frozenset().union(*ensembles)
    assert reunion == attendue
    assert reunion == EnsembleCles.de(attendue)
    doublons = [c for i, a in enumerate(ensembles) for b in ensembles[i + 1 :] for c in a & b]
    assert commune == (min(doublons, key=lambda t: t.encode()) if doublons else None)


def test_ensemble_de_cles_en_plusieurs_morceaux_et_compact() -> None:
    # 200 000 clés : plusieurs morceaux compressés et plusieurs tampons de compression.
    pairs = EnsembleCles.de(f"/tmp/p.csv#C{n:07d}" for n in range(0, 400_000, 2))
    impairs = EnsembleCles.de(f"/tmp/p.csv#C{n:07d}" for n in range(1, 400_000, 2))
    assert len(pairs.donnees) < 4 * len(pairs)  # quelques octets par clé, non 170
    reunion, commune = reunir([impairs, pairs])
    assert commune is None
    assert len(reunion) == 400_000
    assert list(itertools.islice(reunion, 3)) == [f"/tmp/p.csv#C000000{n}" for n in range(3)]
    _, commune = reunir([pairs, EnsembleCles.de(["/tmp/p.csv#C0399998", "zz"]), impairs])
    assert commune == "/tmp/p.csv#C0399998"
    assert "/tmp/p.csv#C0000004" in pairs
    assert "/tmp/p.csv#C0000004" not in impairs
    assert pairs != impairs
    assert hash(reunion) == hash(EnsembleCles.de(reunion))


def test_ensemble_de_cles_refuse_ce_qui_n_est_pas_un_texte() -> None:
    with pytest.raises(ErreurValeur, match="pas un texte"):
        EnsembleCles.de([1])  # type: ignore[list-item]
    with pytest.raises(ErreurValeur, match="caractère nul"):
        EnsembleCles.de(["a\x00b"])
    assert EnsembleCles.de([]) == frozenset()
    assert EnsembleCles.de(["", "é"]) == {"", "é"}
    assert 3 not in EnsembleCles.de(["3"])
    for mauvais in (None, "abc", 3):
        with pytest.raises(ErreurType, match="type refusé"):
            EnsembleCles.de(mauvais)  # type: ignore[arg-type]


def test_fusionner_refuse_le_vide_les_agregations_differentes_et_les_mauvais_types() -> None:
    prets = lire_portefeuille(_CSV_PETIT)
    with pytest.raises(ErreurValeur, match="aucune projection à fusionner"):
        fusionner([])
    with pytest.raises(ErreurValeur, match="pas agrégées de la même façon"):
        fusionner(
            [
                projeter_partie(prets[:1], HISTORIQUE, "garant"),
                projeter_partie(prets[1:2], HISTORIQUE, "ligne"),
            ]
        )
    with pytest.raises(ErreurType):
        fusionner(None)  # type: ignore[arg-type]


# --- repli à mesure : le client ne garde pas les parties ------------------------------------------


def _notes_datees(prets: tuple) -> list[ProjectionPartielle]:
    """Trois parties dont les notes diffèrent (pour vérifier leur ordre après repli)."""
    parties = _parties(prets, [7, 19])
    return [attrs.evolve(p, notes=(f"note {rang}", "commune")) for rang, p in enumerate(parties)]


def test_repli_dans_le_desordre_donne_la_fusion_dans_l_ordre() -> None:
    prets = lire_portefeuille(_CSV_PETIT)
    parties = _notes_datees(prets)
    fusion = Fusion()
    for rang in (2, 0, 1):  # l'ordre d'arrivée de travailleurs
        fusion.ajouter(parties[rang], rang)
    assert fusion.nombre_lignes == len(prets) * 2
    assert fusion.resultat() == fusionner(parties)
    assert fusion.resultat().notes == ("note 0", "commune", "note 1", "note 2")


def test_repli_refuse_un_rang_deja_vu_un_mauvais_type_et_le_vide() -> None:
    prets = lire_portefeuille(_CSV_PETIT)
    fusion = Fusion()
    fusion.ajouter(projeter_partie(prets[:2], HISTORIQUE, "garant"), 0)
    with pytest.raises(ErreurValeur, match="rang de partie déjà replié"):
        fusion.ajouter(projeter_partie(prets[2:4], HISTORIQUE, "garant"), 0)
    with pytest.raises(ErreurType, match="type refusé"):
        fusion.ajouter({"sommes": {}})  # type: ignore[arg-type]
    with pytest.raises(ErreurValeur, match="aucune projection à fusionner"):
        Fusion().resultat()


class _Futur:
    """Un futur déjà achevé (résultat ou erreur), comme en rendent ``concurrent.futures``."""

    def __init__(self, resultat: object = None, erreur: BaseException | None = None) -> None:
        self._resultat, self._erreur = resultat, erreur

    def exception(self) -> BaseException | None:
        return self._erreur

    def result(self) -> object:
        return self._resultat


def test_chaque_resultat_est_replie_et_oublie_des_son_arrivee() -> None:
    prets = lire_portefeuille(_CSV_PETIT)
    parties = _notes_datees(prets)
    futurs: list = [_Futur(p) for p in parties]
    vus: list[list] = []

    def a_rebours(liste: list) -> list:
        # Chaque futur livré a déjà quitté la liste de l'appelant quand le suivant arrive.
        for futur in reversed(liste):
            vus.append(list(futurs))
            yield futur

    repli = _Repli(len(futurs), None)
    _en_ordre(futurs, a_rebours, repli)
    assert futurs == [None, None, None]
    assert [sum(f is None for f in etat) for etat in vus] == [0, 1, 2]
    assert repli.fusion.resultat() == fusionner(parties)


def test_la_premiere_erreur_dans_l_ordre_du_portefeuille_l_emporte() -> None:
    prets = lire_portefeuille(_CSV_PETIT)
    partie = projeter_partie(prets[:2], HISTORIQUE, "garant")
    premiere, seconde = ErreurValeur("partie 1"), ErreurValeur("partie 2")
    futurs: list = [_Futur(partie), _Futur(erreur=premiere), _Futur(erreur=seconde)]
    with pytest.raises(ErreurValeur) as exc:
        _en_ordre(futurs, lambda liste: reversed(list(liste)), _Repli(3, None))
    assert exc.value is premiere


def test_le_scenario_se_copie_et_se_reconstruit(tmp_path: Path) -> None:
    import datetime as dt

    trajectoire = tmp_path / "t.csv"
    trajectoire.write_text("date;valeur\n2027-02-01;2,5 %\n", encoding="utf-8")
    for s in (
        scenario("emission"),
        scenario("livret_a+1 %", depuis=dt.date(2027, 1, 1)),
        scenario(str(trajectoire)),
    ):
        assert pickle.loads(pickle.dumps(s)) == s


# --- partitions ---------------------------------------------------------------------------------


def test_les_partitions_csv_couvrent_le_fichier_sans_couper_un_contrat(
    portefeuille_csv: Path,
) -> None:
    partitions = partitionner([portefeuille_csv], lignes_par_partition=7)
    assert partitions[0].debut == 0
    assert partitions[-1].fin == portefeuille_csv.stat().st_size
    for avant, apres in itertools.pairwise(partitions):
        assert avant.fin == apres.debut
    numeros = [{p.numero for p in partition.prets()} for partition in partitions]
    for a, b in itertools.pairwise(numeros):
        assert not a & b
    # 120 lignes, deux par contrat, 7 lignes au moins par partition : coupes à 8 lignes.
    assert [sum(len(p.lignes) for p in x.prets()) for x in partitions] == [8] * 15


def _ecrire(chemin: Path, rangees: list[dict[str, str]]) -> Path:
    import csv

    with chemin.open("w", encoding="utf-8", newline="") as fichier:
        ecrivain = csv.DictWriter(fichier, fieldnames=COLONNES)
        ecrivain.writeheader()
        ecrivain.writerows(rangees)
    return chemin


def test_guillemets_virgules_et_retours_a_la_ligne_ne_sont_jamais_coupes(tmp_path: Path) -> None:
    rangees = list(lignes(6))
    rangees[1]["emprunteur"] = 'bailleur "Lozère, Habitat"'  # guillemets doublés, virgule
    chemin = _ecrire(tmp_path / "p.csv", rangees)
    partitions = partitionner([chemin], lignes_par_partition=1)
    assert len(partitions) == 3
    lues = [x for p in partitions for pret in p.prets() for x in pret.lignes]
    assert [x.identifiant for x in lues] == [f"L{k:07d}" for k in range(6)]
    assert lues[1].emprunteur == 'bailleur "Lozère, Habitat"'
    # Un retour à la ligne dans une cellule : l'enregistrement reste entier (deux lignes du
    # fichier), et le refus (caractère de contrôle) est le même qu'en une seule lecture.
    rangees[2]["emprunteur"] = "bailleur\nsur deux lignes"
    chemin = _ecrire(tmp_path / "q.csv", rangees)
    for taille in (1, 1000):
        with pytest.raises(ErreurDossier, match="caractère de contrôle") as exc:
            projeter_fichiers([chemin], HISTORIQUE, lignes_par_partition=taille)
        assert (exc.value.ligne, exc.value.cle) == (5, "emprunteur")


def test_une_erreur_dans_une_partition_nomme_sa_ligne_dans_le_fichier(tmp_path: Path) -> None:
    chemin = ecrire_csv(tmp_path / "p.csv", 40)
    texte = chemin.read_text(encoding="utf-8").splitlines()
    texte[30] = texte[30].replace("livret_a", "livret_b")  # 31e ligne du fichier
    chemin.write_text("\n".join(texte) + "\n", encoding="utf-8")
    for taille in (1, 7, 1000):
        with pytest.raises(ErreurDossier) as exc:
            projeter_fichiers([chemin], HISTORIQUE, lignes_par_partition=taille)
        assert exc.value.ligne == 31, taille


def test_un_contrat_disperse_entre_deux_partitions_est_refuse(tmp_path: Path) -> None:
    rangees = list(lignes(20))
    rangees[19]["numero"] = rangees[0]["numero"]  # le contrat C0000000 revient à la fin
    rangees[19]["identifiant"] = "L9999999"
    chemin = _ecrire(tmp_path / "p.csv", rangees)
    # En une partition, le contrat est lu en entier (comme lire_portefeuille) ; en plusieurs,
    # il serait lu comme deux prêts : refusé en le nommant.
    projeter_fichiers([chemin], HISTORIQUE, lignes_par_partition=1000)
    with pytest.raises(ErreurValeur, match="dispersées entre deux partitions") as exc:
        projeter_fichiers([chemin], HISTORIQUE, lignes_par_partition=4)
    assert str(exc.value.valeur).endswith("#C0000000")


def test_parquet_se_lit_comme_le_csv(tmp_path: Path, reference: bytes) -> None:
    chemin = ecrire_parquet(tmp_path / "p.parquet", 120, lignes_par_groupe=9)
    partitions = partitionner([chemin], lignes_par_partition=20)
    # Les groupes de 9 lignes coupent des contrats (9 est impair) : réunis deux par deux.
    assert all(len(p.groupes) >= 2 for p in partitions[:-1])
    for taille in (1, 20, 10_000):
        resultat = projeter_fichiers(
            [chemin], HISTORIQUE, par="garant", lignes_par_partition=taille
        )
        assert resultat.rendre("csv").encode() == reference


def test_parquet_refuse_les_flottants(tmp_path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    rangee = next(lignes(1))
    table = pa.table({**{c: [v] for c, v in rangee.items()}, "montant": [1500.5]})
    pq.write_table(table, tmp_path / "f.parquet")
    with pytest.raises(ErreurDossier, match="virgule flottante") as exc:
        projeter_fichiers([tmp_path / "f.parquet"], HISTORIQUE)
    assert exc.value.cle == "montant"
    assert exc.value.ligne == 1


def test_parquet_illisible_ou_colonne_inconnue(tmp_path: Path) -> None:
    (tmp_path / "faux.parquet").write_bytes(b"PAR1 pas du parquet")
    with pytest.raises(ErreurEntree, match="Parquet illisible"):
        projeter_fichiers([tmp_path / "faux.parquet"], HISTORIQUE)
    import pyarrow as pa
    import pyarrow.parquet as pq

    pq.write_table(pa.table({"montnat": ["1"]}), tmp_path / "c.parquet")
    with pytest.raises(ErreurDossier, match="colonne inconnue"):
        projeter_fichiers([tmp_path / "c.parquet"], HISTORIQUE)


def test_entrees_refusees_avant_toute_tache(tmp_path: Path) -> None:
    with pytest.raises(ErreurValeur, match="aucun prêt"):
        projeter_fichiers([], HISTORIQUE)
    (tmp_path / "vide").mkdir()
    with pytest.raises(ErreurValeur, match=r"aucun dossier \.toml"):
        projeter_fichiers([tmp_path / "vide"], HISTORIQUE)
    with pytest.raises(ErreurEntree, match="fichier illisible"):
        projeter_fichiers([tmp_path / "absent.csv"], HISTORIQUE)
    with pytest.raises(ErreurValeur, match="taille de partition"):
        projeter_fichiers([tmp_path], HISTORIQUE, lignes_par_partition=0)
    with pytest.raises(ErreurValeur, match="travailleurs"):
        projeter_fichiers([tmp_path], HISTORIQUE, moteur="processus", travailleurs=0)
    with pytest.raises(ErreurValeur, match="moteur"):
        projeter_fichiers([tmp_path], HISTORIQUE, moteur="spark")
    with pytest.raises(ErreurValeur, match="qu'avec le moteur dask"):
        projeter_fichiers(
            [_CSV_PETIT], HISTORIQUE, moteur="processus", planificateur="tcp://127.0.0.1:1"
        )
    entete_seule = tmp_path / "e.csv"
    entete_seule.write_text(",".join(COLONNES) + "\n", encoding="utf-8")
    with pytest.raises(ErreurDossier, match="aucune ligne de prêt"):
        projeter_fichiers([entete_seule], HISTORIQUE)


# --- mêmes octets quel que soit le moteur --------------------------------------------------------


def test_serie_en_partitions_donne_les_memes_octets(
    portefeuille_csv: Path, reference: bytes
) -> None:
    for taille in (1, 7, 50, 20_000):
        resultat = projeter_fichiers(
            [portefeuille_csv], HISTORIQUE, par="garant", lignes_par_partition=taille
        )
        assert resultat.rendre("csv").encode() == reference


def test_processus_donne_les_memes_octets(portefeuille_csv: Path, reference: bytes) -> None:
    resultat = projeter_fichiers(
        [portefeuille_csv],
        HISTORIQUE,
        par="garant",
        moteur="processus",
        travailleurs=2,
        lignes_par_partition=13,
    )
    assert resultat.rendre("csv").encode() == reference
    prets = lire_portefeuille(portefeuille_csv)
    en_memoire = projeter(prets, HISTORIQUE, par="garant", moteur="processus", travailleurs=2)
    assert en_memoire.rendre("csv").encode() == reference


def test_dask_donne_les_memes_octets(portefeuille_csv: Path, reference: bytes) -> None:
    vues: list[tuple[int, int, int]] = []
    resultat = projeter_fichiers(
        [portefeuille_csv],
        HISTORIQUE,
        par="garant",
        moteur="dask",
        travailleurs=2,
        lignes_par_partition=30,
        progression=lambda *x: vues.append(x),
    )
    assert resultat.rendre("csv").encode() == reference
    assert [v[0] for v in vues] == [1, 2, 3, 4]
    assert vues[-1] == (4, 4, 120)


def test_dask_planificateur_injoignable() -> None:
    with pytest.raises(ErreurEntree, match="planificateur Dask injoignable"):
        projeter_fichiers(
            [_CSV_PETIT], HISTORIQUE, moteur="dask", planificateur="tcp://127.0.0.1:9"
        )


def test_une_erreur_d_un_travailleur_revient_en_francais(tmp_path: Path) -> None:
    chemin = ecrire_csv(tmp_path / "p.csv", 40)
    texte = chemin.read_text(encoding="utf-8").replace("L0000033", "L0000032")
    chemin.write_text(texte, encoding="utf-8")
    with pytest.raises(ErreurValeur, match="même identifiant"):
        projeter_fichiers(
            [chemin], HISTORIQUE, moteur="processus", travailleurs=2, lignes_par_partition=5
        )


def test_progression_en_serie() -> None:
    vues: list[tuple[int, int, int]] = []
    prets = (exemple_pret("cdc-57851"), exemple_pret("cdc-57828"))
    projeter(prets, HISTORIQUE, progression=lambda *x: vues.append(x))
    assert vues == [(1, 1, sum(len(p.lignes) for p in prets))]


def test_choc_sans_ligne_sur_cet_index_refuse_apres_lecture(tmp_path: Path) -> None:
    import datetime as dt

    choc = scenario("lep+1 %", depuis=dt.date(2027, 1, 1))
    with pytest.raises(ErreurValeur, match="aucune ligne n'utilise"):
        projeter_fichiers([_CSV_PETIT], choc, lignes_par_partition=5)


# --- ligne de commande --------------------------------------------------------------------------


def test_cli_moteurs_memes_octets(
    portefeuille_csv: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sorties = []
    for options in (
        [],
        ["--moteur", "processus", "--travailleurs", "2", "--lignes-par-partition", "9"],
    ):
        cible = tmp_path / f"sortie{len(sorties)}.csv"
        code = main(
            [
                "pret",
                "portefeuille",
                str(portefeuille_csv),
                "--par",
                "garant",
                "--format",
                "csv",
                "--sortie",
                str(cible),
                *options,
            ]
        )
        assert code == 0
        sorties.append(cible.read_bytes())
    assert sorties[0] == sorties[1]
    # Pas de terminal : aucun avancement sur la sortie d'erreur.
    assert capsys.readouterr().err == ""


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--travailleurs", "0"], "nombre invalide"),
        (["--travailleurs", "deux"], "nombre invalide"),
        (["--lignes-par-partition", "-5"], "nombre invalide"),
        (["--moteur", "spark"], "invalid choice|choix invalide"),
        (["--planificateur", "tcp://127.0.0.1:9"], "qu'avec le moteur dask"),
    ],
)
def test_cli_options_de_moteur_refusees(
    options: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["pret", "portefeuille", "--exemple", "cdc-57851", *options]) == 2
    assert re.search(message, capsys.readouterr().err)


def test_cli_avancement_sur_un_terminal(monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    import sys

    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    assert main(["pret", "portefeuille", str(_CSV_PETIT), "--lignes-par-partition", "20"]) == 0
    err = capsys.readouterr().err
    assert "\rprojection : 1/3 parties, 20 lignes, 0:00" in err
    assert "3/3 parties, 60 lignes" in err
    assert err.endswith("\r\x1b[K")


def test_le_service_web_n_offre_pas_le_choix_du_moteur() -> None:
    from collectivites.cli._commandes import COMMANDES
    from collectivites.web._requete import champs

    commande = next(c for c in COMMANDES if c.chemin == ("pret", "portefeuille"))
    assert "moteur" not in champs(commande)
    assert "planificateur" not in champs(commande)
    assert "travailleurs" not in champs(commande)


def test_montants_entiers_exacts_au_retour() -> None:
    prets = lire_portefeuille(_CSV_PETIT)
    projection = projeter(prets, HISTORIQUE, par="emprunteur")
    for _cle, annees in projection.series:
        for annee in annees:
            for valeur in annee.valeurs():
                assert valeur.as_tuple().exponent == -2
                assert valeur == valeur.quantize(Decimal("0.01"))
    assert attrs.has(type(projection))


def test_une_serie_consultee_est_dite_une_fois_a_sa_date_la_plus_tardive(
    portefeuille_csv: Path,
) -> None:
    """Chaque tableau dit jusqu'à quand il consulte le Livret A au-delà de sa confirmation ; le
    portefeuille le dit une fois, à la date de fin la plus tardive de ses lignes — qu'il soit
    projeté d'un bloc ou en partitions fusionnées (et non une note par date de fin de ligne)."""
    prets = lire_portefeuille(portefeuille_csv)
    fin = max(
        calculer_tableau(ligne, index=HISTORIQUE.source_pour(ligne)).lignes[-1].date
        for pret in prets
        for ligne in pret.lignes
        if ligne.index == "livret_a"
    )
    for projection in (
        projeter(prets, HISTORIQUE, par="garant"),
        projeter_fichiers([portefeuille_csv], HISTORIQUE, par="garant", lignes_par_partition=7),
    ):
        notes = [n for n in projection.notes if "livret_a" in n and "confirmée" in n]
        assert len(notes) == 1, notes
        assert f"l'utilise jusqu'au {fin:%d/%m/%Y}" in notes[0]
