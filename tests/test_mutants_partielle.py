"""Addition des projections partielles (``prets/_partielle.py``) : chaque garde et branche
(issue 27), sur des parties écrites à la main (sommes en centimes, notes, clés, consultations).

Règles du module : les montants s'additionnent en centimes entiers, année par année (une année
absente d'un côté vaut zéro) ; les notes se réunissent dans l'ordre des parties, sans doublon ;
une série d'index consultée par deux parties — la même, ou une copie égale venue d'un autre
processus — ne compte qu'une fois, à la plus tardive des deux dates ; deux séries différentes
restent deux ; une ligne (ou un contrat) vue dans deux parties est refusée.
"""

from __future__ import annotations

import datetime as dt
import pickle
from decimal import Decimal
from typing import Any

import pytest

from collectivites.donnees import SerieDatee
from collectivites.donnees._series import PointSerie
from collectivites.erreurs import ErreurType, ErreurValeur
from collectivites.prets._partielle import Agregation, Fusion, ProjectionPartielle, fusionner

D = dt.date


def _serie(nom: str = "livret_a", valeur: str = "0.03") -> SerieDatee:
    return SerieDatee(
        nom=nom, points=(PointSerie(date_effet=D(2020, 1, 1), valeur=Decimal(valeur)),)
    )


def _partie(**autres: Any) -> ProjectionPartielle:
    champs: dict[str, Any] = {"par": "garant"}
    champs.update(autres)
    return ProjectionPartielle(**champs)


# --- consultations des séries -------------------------------------------------------------------


@pytest.mark.parametrize("ordre", [(0, 1), (1, 0)])
def test_copies_egales_d_une_serie_une_seule_consultation_a_la_plus_tardive(
    ordre: tuple[int, int],
) -> None:
    """Deux processus ont chacun leur copie (égale, distincte) de la série du Livret A."""
    serie = _serie()
    copie = pickle.loads(pickle.dumps(serie))
    assert copie == serie and copie is not serie
    parties = [
        _partie(consultations=((serie, D(2030, 1, 1)),), lignes=["a"]),
        _partie(consultations=((copie, D(2040, 6, 1)),), lignes=["b"]),
    ]
    resultat = fusionner([parties[i] for i in ordre])
    assert len(resultat.consultations) == 1
    ((vue, fin),) = resultat.consultations
    assert vue == serie
    assert fin == D(2040, 6, 1)


def test_meme_serie_une_seule_consultation() -> None:
    serie = _serie()
    resultat = fusionner(
        [
            _partie(consultations=((serie, D(2040, 1, 1)),)),
            _partie(consultations=((serie, D(2030, 1, 1)),)),
        ]
    )
    assert resultat.consultations == ((serie, D(2040, 1, 1)),)


def test_deux_series_differentes_gardees_dans_l_ordre() -> None:
    livret, lep = _serie(), _serie("lep", "0.04")
    autre_valeur = _serie(valeur="0.031")  # même nom, autres valeurs : une autre série
    resultat = fusionner(
        [
            _partie(consultations=((livret, D(2030, 1, 1)),)),
            _partie(consultations=((lep, D(2031, 1, 1)), (autre_valeur, D(2032, 1, 1)))),
        ]
    )
    assert resultat.consultations == (
        (livret, D(2030, 1, 1)),
        (lep, D(2031, 1, 1)),
        (autre_valeur, D(2032, 1, 1)),
    )


def test_consultations_d_une_seule_partie_reunies() -> None:
    """Une même série deux fois dans une partie : une fois, à la plus tardive des dates."""
    serie = _serie()
    partie = _partie(consultations=((serie, D(2030, 1, 1)), (serie, D(2029, 1, 1))))
    assert fusionner([partie]).consultations == ((serie, D(2030, 1, 1)),)


# --- égalité et sommes ---------------------------------------------------------------------------


def test_projections_qui_ne_different_que_par_leurs_sommes_inegales() -> None:
    a = _partie(sommes={"G": {2024: (1, 2, 3, 4, 5)}}, notes=("n",), nombre_lignes=1)
    b = _partie(sommes={"G": {2024: (1, 2, 3, 4, 6)}}, notes=("n",), nombre_lignes=1)
    c = _partie(sommes={"G": {2025: (1, 2, 3, 4, 5)}}, notes=("n",), nombre_lignes=1)
    assert a != b
    assert a != c
    assert a == _partie(sommes={"G": {2024: [1, 2, 3, 4, 5]}}, notes=("n",), nombre_lignes=1)


def test_sommes_additionnees_annee_par_annee() -> None:
    a = _partie(sommes={"G": {2024: (1, 2, 3, 4, 5), 2025: (10, 0, 0, 0, 1)}}, lignes=["a"])
    b = _partie(
        sommes={"G": {2025: (5, 5, 5, 5, 5), 2026: (1, 1, 1, 1, 1)}, "H": {2024: (7, 0, 0, 0, 0)}},
        lignes=["b"],
    )
    resultat = fusionner([a, b])
    assert {cle: dict(serie.items()) for cle, serie in resultat.sommes.items()} == {
        "G": {2024: (1, 2, 3, 4, 5), 2025: (15, 5, 5, 5, 6), 2026: (1, 1, 1, 1, 1)},
        "H": {2024: (7, 0, 0, 0, 0)},
    }
    assert resultat == a + b
    assert fusionner([b, a]).sommes == resultat.sommes  # l'ordre d'arrivée ne change rien


def test_nombre_de_lignes_index_et_cles_reunis() -> None:
    a = _partie(
        nombre_lignes=2, index=frozenset({"livret_a"}), lignes=["l1", "l2"], contrats=["c1"]
    )
    b = _partie(nombre_lignes=3, index=frozenset({"lep"}), lignes=["l3"], contrats=["c2"])
    fusion = Fusion()
    fusion.ajouter(a)
    assert fusion.nombre_lignes == 2
    fusion.ajouter(b)
    assert fusion.nombre_lignes == 5
    resultat = fusion.resultat()
    assert resultat.nombre_lignes == 5
    assert resultat.index == frozenset({"livret_a", "lep"})
    assert resultat.lignes == {"l1", "l2", "l3"}
    assert resultat.contrats == {"c1", "c2"}
    assert resultat.par is Agregation.GARANT


def test_notes_dans_l_ordre_des_rangs_sans_doublon() -> None:
    fusion = Fusion()
    fusion.ajouter(_partie(notes=("deux", "commune")), 5)
    fusion.ajouter(_partie(notes=("un", "commune")))  # rang par défaut : 1 (une partie avant)
    fusion.ajouter(_partie(notes=("zéro",)), 0)
    assert fusion.resultat().notes == ("zéro", "un", "commune", "deux")


def test_rang_par_defaut_apres_les_precedentes() -> None:
    fusion = Fusion()
    fusion.ajouter(_partie(notes=("a",)))
    fusion.ajouter(_partie(notes=("b",)))
    with pytest.raises(ErreurValeur) as info:
        fusion.ajouter(_partie(notes=("c",)), 0)  # la première a pris le rang 0
    assert (info.value.message, info.value.cle, info.value.valeur) == (
        "rang de partie déjà replié",
        "rang",
        0,
    )
    assert fusion.resultat().notes == ("a", "b")


# --- refus ---------------------------------------------------------------------------------------


def test_ligne_vue_dans_deux_parties() -> None:
    with pytest.raises(ErreurValeur) as info:
        fusionner([_partie(lignes=["x", "b"]), _partie(lignes=["a", "b"])])
    erreur = info.value
    assert (erreur.message, erreur.cle, erreur.valeur, erreur.attendu) == (
        "ligne présente dans deux parties du portefeuille : elle serait comptée deux fois",
        "prets",
        "b",
        None,
    )


def test_contrat_disperse_entre_deux_partitions() -> None:
    with pytest.raises(ErreurValeur) as info:
        fusionner([_partie(lignes=["a"], contrats=["C1"]), _partie(lignes=["b"], contrats=["C1"])])
    erreur = info.value
    assert (erreur.message, erreur.cle, erreur.valeur, erreur.attendu) == (
        "les lignes de ce contrat sont dispersées entre deux partitions du tableau : il serait "
        "lu comme deux prêts",
        "numero",
        "C1",
        "les lignes d'un même contrat regroupées (tableau trié par numéro)",
    )


def test_agregations_differentes() -> None:
    with pytest.raises(ErreurValeur) as info:
        fusionner([_partie(par="garant"), _partie(par="ligne")])
    assert (info.value.message, info.value.valeur) == (
        "les projections ne sont pas agrégées de la même façon",
        "garant et ligne",
    )
    assert fusionner([_partie(par="emprunteur"), _partie(par="emprunteur")]).par is (
        Agregation.EMPRUNTEUR
    )


def test_type_refuse() -> None:
    with pytest.raises(ErreurType) as info:
        Fusion().ajouter({"par": "garant"})  # type: ignore[arg-type]
    assert (info.value.message, info.value.valeur, info.value.attendu) == (
        "type refusé",
        "dict",
        "une ProjectionPartielle",
    )


def test_rien_a_fusionner() -> None:
    with pytest.raises(ErreurValeur) as info:
        fusionner([])
    assert (info.value.message, info.value.attendu) == (
        "aucune projection à fusionner",
        "au moins une partie",
    )


def test_libelles_des_agregations() -> None:
    assert [a.libelle for a in Agregation] == ["ligne", "emprunteur", "garant"]
    assert Agregation("Garant") is Agregation.GARANT


def test_fusionner_un_generateur() -> None:
    parties = [_partie(lignes=["a"], nombre_lignes=1), _partie(lignes=["b"], nombre_lignes=2)]
    assert fusionner(p for p in parties) == fusionner(parties)


# --- séries de centimes et repli par scénario ----------------------------------------------------


def test_series_de_centimes_egales_par_leurs_valeurs() -> None:
    from collectivites.prets._centimes import SerieCentimes

    a = SerieCentimes.de({2024: (1, 2, 3, 4, 5), 2026: (0, 0, 0, 0, 1)})
    assert a != SerieCentimes.de({2024: (1, 2, 3, 4, 5), 2026: (0, 0, 0, 0, 2)})
    assert a != SerieCentimes.de({2024: (1, 2, 3, 4, 5), 2025: (0, 0, 0, 0, 1)})
    assert a == {2024: [1, 2, 3, 4, 5], 2026: (0, 0, 0, 0, 1)}
    assert a != {2024: (1, 2, 3, 4, 5)}
    assert a != 3
    assert hash(a) == hash(SerieCentimes.de(dict(a.items())))
    assert SerieCentimes.de(a) is a
    for absente in (2023, 2025, 2027):
        with pytest.raises(KeyError):
            a[absente]
    assert [(annee, tuple(v)) for annee, v in a.paires()] == list(a.items())
    assert repr(a) == "SerieCentimes({2024: (1, 2, 3, 4, 5), 2026: (0, 0, 0, 0, 1)})"


@pytest.mark.parametrize("centimes", [2**63 - 1, 2**63, -(2**63), -(2**63) - 1])
def test_series_de_centimes_aux_bornes_des_entiers_de_64_bits(centimes: int) -> None:
    from collectivites.prets._centimes import SerieCentimes

    serie = SerieCentimes.de({2024: (centimes, 0, 0, 0, 0)})
    assert serie[2024][0] == centimes
    assert (serie + serie)[2024][0] == 2 * centimes  # exact au-delà des 64 bits
    assert pickle.loads(pickle.dumps(serie)) == serie


def test_repli_par_scenario_et_progression() -> None:
    from collectivites.prets._repli import Repli, fusionner_paire

    appels: list[tuple[int, int, int]] = []
    repli = Repli(2, lambda *a: appels.append(a))
    assert repli.nombre_lignes == 0
    premiere = (_partie(lignes=["a"], nombre_lignes=1), _partie(par="ligne", lignes=["a"]))
    seconde = (_partie(lignes=["b"], nombre_lignes=2), _partie(par="ligne", lignes=["b"]))
    repli.recevoir(seconde, 1)
    repli.recevoir(premiere, 0)
    assert appels == [(1, 2, 2), (2, 2, 3)]
    garant, ligne = repli.resultats()
    assert (garant.par, ligne.par) == (Agregation.GARANT, Agregation.LIGNE)
    assert garant.lignes == {"a", "b"} and garant.nombre_lignes == 3
    assert fusionner_paire(premiere, seconde) == (garant, ligne)
    (seule,) = fusionner_paire(premiere[0], seconde[0])
    assert seule == garant
    with pytest.raises(ValueError, match="zip"):
        fusionner_paire(premiere, seconde[:1])
    # une seule projection (un scénario) reçue telle quelle
    simple = Repli(1, None)
    simple.recevoir(premiere[0])
    assert simple.fusion.nombre_lignes == 1 and len(simple.resultats()) == 1
    with pytest.raises(ErreurValeur, match="aucune projection à fusionner"):
        Repli(0, None).resultats()
