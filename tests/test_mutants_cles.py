"""Ensembles de clés compacts (``prets/_cles.py``), pris au mot (issue 27) : clés rangées dans
l'ordre des octets UTF-8, un doublon gardé une fois, parcours par morceaux d'un ensemble qui
dépasse un morceau compressé et un tampon de compression, plus petite clé commune, égalité et
refus exacts.
"""

from __future__ import annotations

import hashlib
import pickle
import zlib

import pytest

from collectivites.erreurs import ErreurType, ErreurValeur
from collectivites.prets._cles import EnsembleCles, reunir


def _cles_peu_compressibles(debut: int, fin: int) -> list[str]:
    """Des empreintes hexadécimales : 64 caractères qui ne se compressent qu'à moitié."""
    return [hashlib.sha256(str(n).encode()).hexdigest() for n in range(debut, fin)]


def test_ordre_des_octets_et_doublons() -> None:
    # « é » (c3 a9) vient après « z » (7a) ; « Z » (5a) avant « a » (61) ; « » d'abord.
    ensemble = EnsembleCles.de(["z", "é", "a", "Z", "", "a", "é"])
    assert len(ensemble) == 5
    assert ensemble.nombre == 5
    assert list(ensemble) == ["", "Z", "a", "z", "é"]
    assert list(ensemble) == ["", "Z", "a", "z", "é"]  # se parcourt de nouveau
    assert zlib.decompress(ensemble.donnees) == b"\x00Z\x00a\x00z\x00\xc3\xa9\x00"


def test_grand_ensemble_sur_plusieurs_morceaux_et_tampons() -> None:
    # 10 000 clés de 64 caractères : plus de 4 096 clés par tampon, plus de 16 Kio compressés.
    cles = _cles_peu_compressibles(0, 10_000)
    ensemble = EnsembleCles.de(cles)
    assert len(ensemble.donnees) > 3 * (1 << 14)
    assert len(ensemble) == 10_000
    assert list(ensemble) == sorted(cles)
    assert zlib.decompress(ensemble.donnees) == b"".join(c.encode() + b"\x00" for c in sorted(cles))
    assert max(cles) in ensemble and min(cles) in ensemble
    assert "0" * 64 not in ensemble


def test_appartenance() -> None:
    ensemble = EnsembleCles.de(["a", "é", ""])
    assert "a" in ensemble and "é" in ensemble and "" in ensemble
    assert "b" not in ensemble
    assert "a\x00" not in ensemble
    assert 3 not in ensemble
    assert b"a" not in ensemble
    assert "a" not in EnsembleCles.de([])


def test_construire_depuis_un_ensemble_le_rend_tel_quel() -> None:
    ensemble = EnsembleCles.de(["x"])
    assert EnsembleCles.de(ensemble) is ensemble
    assert EnsembleCles.de(iter(["y", "x"])) == EnsembleCles.de(("x", "y"))


def test_refus_exacts() -> None:
    with pytest.raises(ErreurValeur) as info:
        EnsembleCles.de(["a", 1])  # type: ignore[list-item]
    assert (info.value.message, info.value.valeur) == ("clé d'ensemble qui n'est pas un texte", "1")
    with pytest.raises(ErreurValeur) as info:
        EnsembleCles.de(["a\x00b"])
    assert (info.value.message, info.value.valeur) == (
        "clé d'ensemble contenant un caractère nul",
        "'a\\x00b'",
    )
    long = "x" * 100
    for mauvais, vu in ((long, repr(long)[:80]), (b"ab", "b'ab'"), (3, "3"), (None, "None")):
        with pytest.raises(ErreurType) as refus:
            EnsembleCles.de(mauvais)  # type: ignore[arg-type]
        erreur = refus.value
        assert (erreur.message, erreur.cle, erreur.valeur, erreur.attendu) == (
            "type refusé",
            None,
            vu,
            "un ensemble de textes",
        )
    assert len(repr(long)[:80]) == 80


def test_egalite_et_hachage() -> None:
    ab = EnsembleCles.de(["a", "b"])
    assert ab == EnsembleCles.de(["b", "a", "a"])
    assert ab != EnsembleCles.de(["a", "c"])
    assert ab != EnsembleCles.de(["a"])
    assert ab != EnsembleCles.de(["a", "b", "c"])
    assert ab == {"a", "b"} and ab == frozenset({"b", "a"})
    assert ab != {"a", "c"}
    assert ab != {"a"}
    assert ab != {"a", "b", "c"}
    assert (ab == ["a", "b"]) is False
    assert ab.__eq__(["a", "b"]) is NotImplemented
    assert ab.__eq__("ab") is NotImplemented
    assert hash(ab) == hash(EnsembleCles.de(["b", "a"]))
    # Des ensembles différents ont ici des empreintes différentes (CRC des clés).
    assert len({hash(EnsembleCles.de([c])) for c in "abcdef"}) == 6
    assert pickle.loads(pickle.dumps(ab)) == ab
    assert EnsembleCles.de([]) == EnsembleCles.de([]) == set()


def test_grands_ensembles_egaux_ou_differents_d_une_cle() -> None:
    cles = _cles_peu_compressibles(0, 6_000)
    un = EnsembleCles.de(cles)
    assert un == EnsembleCles.de(reversed(cles))
    autre = EnsembleCles.de([*cles[:-1], "f" * 64])
    assert len(autre) == len(un)
    assert un != autre
    assert un != frozenset([*cles[:-1], "f" * 64])
    assert un == frozenset(cles)


def test_reunir_garde_la_plus_petite_cle_commune() -> None:
    reunion, commune = reunir(
        [
            EnsembleCles.de(["b", "d", "f"]),
            EnsembleCles.de(["a", "d", "e"]),
            EnsembleCles.de(["c", "f", "d"]),
        ]
    )
    assert list(reunion) == ["a", "b", "c", "d", "e", "f"]
    assert len(reunion) == 6
    assert commune == "d"
    reunion, commune = reunir([EnsembleCles.de(["é", "z"]), EnsembleCles.de(["é"])])
    assert (list(reunion), commune) == (["z", "é"], "é")


def test_reunir_des_ensembles_disjoints() -> None:
    reunion, commune = reunir([EnsembleCles.de(["b"]), EnsembleCles.de(["a", "c"])])
    assert (list(reunion), len(reunion), commune) == (["a", "b", "c"], 3, None)
    vide, aucune = reunir([])
    assert (list(vide), len(vide), aucune) == ([], 0, None)
    assert vide == EnsembleCles.de([])


def test_reunir_de_grands_ensembles() -> None:
    pairs = _cles_peu_compressibles(0, 9_000)
    impairs = _cles_peu_compressibles(9_000, 18_000)
    reunion, commune = reunir([EnsembleCles.de(pairs), EnsembleCles.de(impairs)])
    assert commune is None
    assert len(reunion) == 18_000
    assert list(reunion) == sorted(pairs + impairs)
    assert reunion == EnsembleCles.de(pairs + impairs)
    _, commune = reunir(
        [EnsembleCles.de(pairs), EnsembleCles.de([pairs[5], impairs[3]]), EnsembleCles.de(impairs)]
    )
    assert commune == min(pairs[5], impairs[3])
