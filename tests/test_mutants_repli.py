"""Le repli des résultats d'une projection répartie (``prets/_repli.py``), pris au mot.

Chaque partie arrivée d'un autre processus apporte sa copie des séries d'index : le repli les
ramène à une instance par série ; les résultats sont repliés dans l'ordre du portefeuille quel
que soit leur ordre d'arrivée ; la première partie en erreur **dans l'ordre du portefeuille**
fait échouer le tout ; la fenêtre de soumission n'a jamais plus de ``fenetre`` parties en vol.
"""

from __future__ import annotations

import datetime as dt
import pickle
import threading
import time
from concurrent.futures import Future, ThreadPoolExecutor
from decimal import Decimal
from typing import Any

import pytest

from collectivites.donnees import SerieDatee
from collectivites.donnees._series import PointSerie
from collectivites.erreurs import ErreurType
from collectivites.prets._partielle import Fusion, ProjectionPartielle
from collectivites.prets._repli import Repli, en_fenetre, en_ordre

D = dt.date


def _serie(nom: str = "livret_a", valeur: str = "0.03") -> SerieDatee:
    return SerieDatee(
        nom=nom, points=(PointSerie(date_effet=D(2020, 1, 1), valeur=Decimal(valeur)),)
    )


def _partie(ligne: str, **autres: Any) -> ProjectionPartielle:
    return ProjectionPartielle(par="garant", lignes=[ligne], nombre_lignes=1, **autres)


class _Panne(Exception):
    """L'erreur d'une partie."""


def _fait(valeur: Any = None, erreur: BaseException | None = None) -> Future[Any]:
    futur: Future[Any] = Future()
    if erreur is None:
        futur.set_result(valeur)
    else:
        futur.set_exception(erreur)
    return futur


# --- séries ramenées à une instance ---------------------------------------------------------------


def test_copie_d_une_serie_remplacee_par_la_premiere_recue() -> None:
    serie = _serie()
    copie = pickle.loads(pickle.dumps(serie))
    autre = _serie("inflation", "0.02")
    repli = Repli(3, None)
    repli.recevoir(_partie("a", consultations=((serie, D(2030, 1, 1)),)), 0)
    repli.recevoir(_partie("b", consultations=((copie, D(2035, 1, 1)), (autre, D(2031, 1, 1)))), 1)
    repli.recevoir(_partie("c", consultations=((copie, D(2032, 1, 1)),)), 2)
    # une instance par série, dans l'ordre d'arrivée
    assert len(repli.series) == 2
    assert repli.series[0] is serie and repli.series[1] is autre
    (resultat,) = repli.resultats()
    assert [(s.nom, fin) for s, fin in resultat.consultations] == [
        ("livret_a", D(2035, 1, 1)),
        ("inflation", D(2031, 1, 1)),
    ]
    assert resultat.consultations[0][0] is serie


def test_partie_sans_copie_gardee_telle_quelle() -> None:
    serie = _serie()
    repli = Repli(2, None)
    premiere = _partie("a", consultations=((serie, D(2030, 1, 1)),))
    assert repli._canonique(premiere) is premiere
    # la même instance, déjà reçue : rien à remplacer, la partie est rendue telle quelle
    seconde = _partie("b", consultations=((serie, D(2031, 1, 1)),))
    assert repli._canonique(seconde) is seconde
    sans = _partie("c")
    assert repli._canonique(sans) is sans
    assert repli.series == [serie]
    # une copie : la partie est refaite avec l'instance déjà reçue, le reste gardé
    copie = pickle.loads(pickle.dumps(serie))
    troisieme = _partie("d", consultations=((copie, D(2040, 2, 1)),), notes=("n",))
    refaite = repli._canonique(troisieme)
    assert refaite is not troisieme
    assert refaite.consultations == ((serie, D(2040, 2, 1)),)
    assert refaite.consultations[0][0] is serie
    assert (refaite.notes, refaite.lignes, refaite.nombre_lignes) == (("n",), {"d"}, 1)


def test_fusion_et_nombre_de_lignes_avant_toute_partie() -> None:
    repli = Repli(1, None)
    assert repli.nombre_lignes == 0
    assert repli.fusions == []
    fusion = repli.fusion
    assert isinstance(fusion, Fusion) and repli.fusions == [fusion]
    assert repli.fusion is fusion  # créée une fois
    assert (repli.total, repli.faites, repli.progression) == (1, 0, None)


def test_progression_apres_chaque_partie_avec_les_lignes_projetees() -> None:
    appels: list[tuple[int, int, int]] = []
    repli = Repli(3, lambda *a: appels.append(a))
    repli.recevoir((_partie("a"), _partie("a")), 0)
    repli.recevoir((_partie("b"), _partie("b")), 1)
    repli.avancer(7)
    assert appels == [(1, 3, 1), (2, 3, 2), (3, 3, 7)]
    assert repli.faites == 3 and len(repli.fusions) == 2


# --- en_ordre ------------------------------------------------------------------------------------


def test_en_ordre_replie_dans_l_ordre_du_portefeuille_et_oublie() -> None:
    futurs = [_fait(_partie("a", notes=("A",))), _fait(_partie("b", notes=("B",)))]
    repli = Repli(2, None)
    en_ordre(futurs, reversed, repli)  # arrivés à l'envers
    assert futurs == [None, None]
    (resultat,) = repli.resultats()
    assert resultat.notes == ("A", "B") and resultat.lignes == {"a", "b"}


def test_en_ordre_premiere_erreur_dans_l_ordre_du_portefeuille() -> None:
    premiere, seconde = _Panne("première"), _Panne("seconde")
    futurs = [_fait(_partie("a")), _fait(erreur=premiere), _fait(erreur=seconde)]
    futurs.append(_fait(_partie("d")))
    repli = Repli(4, None)
    with pytest.raises(_Panne) as info:
        # la seconde erreur arrive avant la première, et la partie « d » après elles
        en_ordre(futurs, lambda fs: [fs[0], fs[2], fs[1], fs[3]], repli)
    assert info.value is premiere
    # avant l'erreur, la partie « a » a été repliée ; après, plus rien ne l'est
    assert repli.faites == 1 and repli.nombre_lignes == 1
    assert futurs[0] is None and futurs[3] is None
    assert futurs[1] is not None and futurs[2] is not None


# --- en_fenetre ----------------------------------------------------------------------------------


class _Soumissions:
    """Un exécuteur qui rend des futurs déjà achevés et compte les parties en vol."""

    def __init__(self, erreurs: dict[str, BaseException] | None = None) -> None:
        self.soumises: list[str] = []
        self.erreurs = erreurs or {}
        self.futurs: list[Future[Any]] = []

    def __call__(self, ligne: str) -> Future[Any]:
        self.soumises.append(ligne)
        erreur = self.erreurs.get(ligne)
        futur = _fait(None if erreur else (_partie(ligne, notes=(ligne,)),), erreur)
        self.futurs.append(futur)
        return futur


def test_en_fenetre_replie_tout_dans_l_ordre() -> None:
    soumettre = _Soumissions()
    repli = Repli(5, None)
    en_fenetre(soumettre, iter("abcde"), 2, repli)
    assert soumettre.soumises == list("abcde")
    (resultat,) = repli.resultats()
    assert resultat.notes == tuple("abcde") and resultat.nombre_lignes == 5


def test_en_fenetre_jamais_plus_de_fenetre_parties_en_vol() -> None:
    repli = Repli(7, None)
    soumises: list[str] = []
    en_vol: list[int] = []

    def soumettre(ligne: str) -> Future[Any]:
        soumises.append(ligne)
        en_vol.append(len(soumises) - repli.faites)  # soumises et pas encore repliées
        return _fait((_partie(ligne),))

    en_fenetre(soumettre, iter("abcdefg"), 3, repli)
    # la fenêtre se remplit (3), se vide à l'attente, se remplit à nouveau
    assert en_vol == [1, 2, 3, 1, 2, 3, 1]
    assert repli.faites == 7


def test_en_fenetre_fenetre_de_un_soumet_une_partie_a_la_fois() -> None:
    ordre: list[str] = []
    repli = Repli(3, lambda faites, _total, _lignes: ordre.append(f"repli {faites}"))

    def soumettre(ligne: str) -> Future[Any]:
        ordre.append(f"soumis {ligne}")
        return _fait((_partie(ligne),))

    en_fenetre(soumettre, iter("abc"), 1, repli)
    assert ordre == ["soumis a", "repli 1", "soumis b", "repli 2", "soumis c", "repli 3"]


def test_en_fenetre_apres_une_erreur_plus_rien_n_est_soumis() -> None:
    erreur = _Panne("partie c")
    soumettre = _Soumissions({"c": erreur})
    repli = Repli(6, None)
    with pytest.raises(_Panne) as info:
        en_fenetre(soumettre, iter("abcdef"), 1, repli)
    assert info.value is erreur
    assert soumettre.soumises == list("abc")
    assert repli.faites == 2


def test_en_fenetre_premiere_erreur_dans_l_ordre_du_portefeuille() -> None:
    """Deux parties en erreur achevées ensemble : c'est la première du portefeuille qui est
    levée, et la partie achevée avec elles n'est pas repliée."""
    premiere, seconde = _Panne("b"), _Panne("c")
    soumettre = _Soumissions({"b": premiere, "c": seconde})
    repli = Repli(4, None)
    with pytest.raises(_Panne) as info:
        en_fenetre(soumettre, iter("abcd"), 4, repli)
    assert info.value is premiere
    assert soumettre.soumises == list("abcd")  # la fenêtre était pleine avant la première attente
    assert repli.faites == 1  # « a » seule, rangée avant les erreurs


def test_en_fenetre_sans_partie() -> None:
    soumettre = _Soumissions()
    repli = Repli(0, None)
    en_fenetre(soumettre, iter(()), 2, repli)
    assert soumettre.soumises == [] and repli.faites == 0


def test_copie_suivie_d_une_serie_nouvelle_remplacee_quand_meme() -> None:
    serie, autre = _serie(), _serie("inflation", "0.02")
    repli = Repli(2, None)
    repli.recevoir(_partie("a", consultations=((serie, D(2030, 1, 1)),)), 0)
    copie = pickle.loads(pickle.dumps(serie))
    partie = _partie("b", consultations=((copie, D(2031, 1, 1)), (autre, D(2032, 1, 1))))
    refaite = repli._canonique(partie)
    assert refaite.consultations[0][0] is serie and refaite.consultations[1][0] is autre
    # la nouvelle d'abord, la copie ensuite : remplacée aussi
    partie = _partie("c", consultations=((_serie("tec10"), D(2031, 1, 1)), (copie, D(2033, 1, 1))))
    assert repli._canonique(partie).consultations[1][0] is serie


def test_partie_qui_n_est_pas_une_projection_refusee_en_francais() -> None:
    with pytest.raises(ErreurType, match="type refusé"):
        Repli(1, None).recevoir("partie")  # type: ignore[arg-type]


def test_parties_avec_moins_de_scenarios_que_les_precedentes_refusees() -> None:
    repli = Repli(2, None)
    repli.recevoir((_partie("a"), _partie("a")), 0)
    with pytest.raises(ValueError, match="zip"):
        repli.recevoir((_partie("b"),), 1)


def test_en_fenetre_replie_au_rang_de_la_partie_quel_que_soit_l_ordre_d_arrivee() -> None:
    """La première partie s'achève après la seconde (elle attend que la seconde soit
    repliée) : chacune est repliée à son rang, et dès qu'elle arrive."""
    seconde_repliee = threading.Event()
    lignes_vues: list[int] = []

    def progression(_faites: int, _total: int, lignes: int) -> None:
        lignes_vues.append(lignes)
        seconde_repliee.set()

    def premiere() -> tuple[ProjectionPartielle, ...]:
        seconde_repliee.wait(5)
        return (ProjectionPartielle(par="garant", lignes=["z"], notes=("z",), nombre_lignes=10),)

    repli = Repli(2, progression)
    with ThreadPoolExecutor(1) as executeur:

        def soumettre(nom: str) -> Future[Any]:
            if nom == "z":
                return executeur.submit(premiere)
            return _fait((_partie(nom, notes=(nom,)),))

        en_fenetre(soumettre, iter(["z", "y"]), 2, repli)
    assert lignes_vues == [1, 11]  # la seconde repliée d'abord, sans attendre la première
    (resultat,) = repli.resultats()
    assert resultat.notes == ("z", "y")  # dans l'ordre du portefeuille


def test_en_fenetre_erreur_d_une_partie_anterieure_arrivee_apres() -> None:
    """La partie de rang 1 échoue tout de suite, celle de rang 0 un peu plus tard : c'est
    l'erreur de la partie de rang 0 qui est levée, une fois toutes les soumises achevées."""
    tot, tard = _Panne("rang 1"), _Panne("rang 0")

    def lente() -> None:
        time.sleep(0.2)
        raise tard

    with ThreadPoolExecutor(1) as executeur:

        def soumettre(nom: str) -> Future[Any]:
            return executeur.submit(lente) if nom == "x" else _fait(erreur=tot)

        with pytest.raises(_Panne) as info:
            en_fenetre(soumettre, iter(["x", "w", "v"]), 2, Repli(3, None))
    assert info.value is tard
