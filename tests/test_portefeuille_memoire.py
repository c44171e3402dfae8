"""Projection de portefeuille en mémoire bornée (issue 21, « Mémoire ») : résultat en centimes
compacts, rendus en flot identiques à l'octet aux rendus du document entier.

La mesure de la mémoire elle-même est ``benchmarks/memoire.py`` ; ici, sur un petit portefeuille
(et des morceaux de quelques lignes, pour que le découpage serve), l'égalité des sorties."""

from __future__ import annotations

import datetime as dt
import pickle
from decimal import Decimal
from pathlib import Path

import pytest

from collectivites.cli import main
from collectivites.cli._portefeuille import ProjectionEnFlot
from collectivites.erreurs import ErreurValeur
from collectivites.prets import Agregation, Projection, ecart, projeter_fichiers, scenario
from collectivites.prets._centimes import SerieCentimes
from collectivites.rendu import _flot, rendre
from collectivites.rendu._texte import table_texte
from collectivites.tables import Table, colonnes
from tests.synthetique import ecrire_csv

FORMATS_EN_FLOT = ("texte", "csv", "csv-excel", "json", "html")


@pytest.fixture(scope="module")
def portefeuille(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return ecrire_csv(tmp_path_factory.mktemp("memoire") / "p.csv", 40)


@pytest.fixture(autouse=True)
def petits_morceaux(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_flot, "_PAQUET", 7)


def _en_flot(projection: Projection, format_: str) -> str:
    return "".join(str(m) for m in ProjectionEnFlot(projection).morceaux_de_sortie(format_))


@pytest.mark.parametrize("par", ["ligne", "garant"])
@pytest.mark.parametrize("format_", FORMATS_EN_FLOT)
def test_rendu_en_flot_identique_au_document_entier(
    portefeuille: Path, par: str, format_: str
) -> None:
    projection = projeter_fichiers([portefeuille], scenario("historique"), par=Agregation(par))
    attendu = rendre(projection.decrire(), format_)
    assert projection.nombre_de_lignes() == len(projection.decrire().tables[0].lignes) > 7
    assert _en_flot(projection, format_) == attendu


def test_series_compactes_lues_comme_des_tuples(portefeuille: Path) -> None:
    """Une projection calculée (centimes compacts) et la même construite de tuples
    d'``AnneeProjection`` sont égales et se décrivent de même ; l'écart aussi."""
    base = projeter_fichiers([portefeuille], scenario("historique"))
    choc = projeter_fichiers([portefeuille], scenario("livret_a+1 %", depuis=dt.date(2027, 1, 1)))
    en_tuples = Projection(
        par=base.par, series=tuple(base.series), titre=base.titre, notes=base.notes
    )
    assert en_tuples == base
    assert en_tuples.decrire() == base.decrire()
    cle = base.cles[3]
    assert base.serie(cle) == en_tuples.serie(cle) == dict(base.series)[cle]
    autre = Projection(par=choc.par, series=tuple(choc.series), titre=choc.titre, notes=choc.notes)
    assert ecart(base, choc).decrire() == ecart(en_tuples, autre).decrire()
    assert any(a.interets for _c, s in ecart(base, choc).series for a in s)
    with pytest.raises(ErreurValeur, match="clé inconnue"):
        base.serie("inconnue")


@pytest.mark.parametrize("format_", ["csv", "texte", "json"])
def test_ligne_de_commande_en_flot(
    portefeuille: Path, format_: str, capsys: pytest.CaptureFixture[str]
) -> None:
    projection = projeter_fichiers([portefeuille], scenario("historique"))
    assert main(["pret", "portefeuille", str(portefeuille), "--format", format_]) == 0
    assert capsys.readouterr().out == rendre(projection.decrire(), format_)


@pytest.mark.parametrize("format_", ["csv", "texte", "html"])
def test_fichier_de_sortie_ecrit_en_flot(
    portefeuille: Path, format_: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """« --sortie FICHIER » reçoit les morceaux un à un (jamais la sortie entière en mémoire) et
    le fichier est celui du document entier ; un morceau qui échoue ne laisse rien d'écrit."""
    from collectivites.cli import _cadre

    projection = projeter_fichiers([portefeuille], scenario("historique"))
    recus: list[int] = []
    ecrire = _cadre.ecrire

    def espion(contenu: object, sortie: str | None) -> None:
        def compter(morceaux):  # type: ignore[no-untyped-def]
            for morceau in morceaux:
                recus.append(len(morceau))
                yield morceau

        ecrire(compter(contenu), sortie)  # type: ignore[arg-type]

    monkeypatch.setattr(_cadre, "ecrire", espion)
    sortie = tmp_path / f"p.{format_}"
    argv = ["pret", "portefeuille", str(portefeuille), "--format", format_, "--sortie"]
    assert main([*argv, str(sortie)]) == 0
    assert sortie.read_text(encoding="utf-8") == rendre(projection.decrire(), format_)
    assert len(recus) > 3  # des morceaux, pas un seul bloc

    def panne(_format: str):  # type: ignore[no-untyped-def]
        yield "début"
        raise ErreurValeur("panne au milieu")

    monkeypatch.setattr(ProjectionEnFlot, "morceaux_de_sortie", lambda _self, f: panne(f))
    assert main([*argv, str(sortie)]) == 2
    assert sortie.read_text(encoding="utf-8") == rendre(projection.decrire(), format_)
    assert sorted(p.name for p in tmp_path.iterdir()) == [sortie.name]


def test_xlsx_au_dela_d_une_feuille_refuse(
    portefeuille: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(_flot, "LIGNES_MAX_XLSX", 50)
    projection = projeter_fichiers([portefeuille], scenario("historique"))
    with pytest.raises(ErreurValeur, match="nombre de lignes d'une feuille"):
        _en_flot(projection, "xlsx")
    with pytest.raises(ErreurValeur, match="nombre de lignes d'une feuille"):
        ProjectionEnFlot(projection).rendre("xlsx")


def test_texte_trop_large_en_blocs_de_colonnes() -> None:
    """Une table en flot trop large pour 100 colonnes s'écrit en blocs, comme la table."""
    cols = colonnes(
        ("nom", "Nom", "texte"),
        *((f"m{i}", f"Montant numéro {i}", "montant") for i in range(9)),
    )
    lignes = tuple(
        (f"ligne {k} au nom assez long", *(Decimal(k * 1000 + i) for i in range(9)))
        for k in range(20)
    )
    table = Table(cle="t", titre="T", colonnes=cols, lignes=lignes)
    flot = _flot.TableEnFlot(Table(cle="t", titre="T", colonnes=cols, lignes=()), lambda: lignes)
    attendu = table_texte(table)
    assert attendu.count("Nom") >= 2  # plusieurs blocs
    from collectivites.rendu._texte import morceaux_table

    assert "".join(morceaux_table(flot)) == attendu  # type: ignore[arg-type]


def test_serie_centimes() -> None:
    a = SerieCentimes.de({2021: (1, 2, 3, 4, 5), 2020: (0, 0, 0, 9, 0)})
    b = SerieCentimes.de({2022: (1, 1, 1, 1, 1), 2021: (1, 1, 1, 1, 1)})
    assert list(a) == [2020, 2021]
    assert a[2021] == (1, 2, 3, 4, 5)
    assert dict(a + b) == {
        2020: (0, 0, 0, 9, 0),
        2021: (2, 3, 4, 5, 6),
        2022: (1, 1, 1, 1, 1),
    }
    assert dict(a.combiner(b, -1))[2022] == (-1, -1, -1, -1, -1)
    with pytest.raises(KeyError):
        a[2019]
    enorme = SerieCentimes.de({2020: (10**30, 0, 0, 0, 0)})  # hors des entiers de 64 bits
    assert (enorme + enorme)[2020][0] == 2 * 10**30
    assert pickle.loads(pickle.dumps(a)) == a == {2020: (0, 0, 0, 9, 0), 2021: (1, 2, 3, 4, 5)}
