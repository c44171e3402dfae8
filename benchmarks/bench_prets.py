"""Mesures du moteur de tableaux d'amortissement (lancées par ``nox -s bench``).

* tableau de 50 échéances annuelles (ligne 5150377 du contrat 57828 : 110 000 €, 1,35 %,
  annuités constantes) contre l'échéancier à annuité constante de numpy-financial
  (``ipmt``/``ppmt`` en flottants, arrondis au centime ensuite) pour le même prêt, et contre une
  boucle minimale en ``Decimal`` exact (le « plancher ») qui calcule les mêmes centimes — le banc
  vérifie qu'elle les calcule ;
* la même ligne sur 480 échéances mensuelles, contre les mêmes références ;
* pour chacun : le calcul seul (montants en centimes, lignes construites à la demande), puis avec
  les colonnes publiques (``tableau.colonnes``), puis avec les lignes construites, mesurés à
  part ;
* le même tableau avec progressivité (ligne 5165325 du contrat 57851) ;
* la projection d'un portefeuille synthétique par garant (``tests/synthetique.py``, 2 000 lignes,
  deux scénarios : historique du Livret A, et +1 point à partir de 2027), **ligne par ligne**
  (``projeter_partie(…, lot=False)``) : µs par ligne·scénario (objectif ≤ 100 µs) ;
* ``import collectivites.prets`` et le démarrage de la ligne de commande (``collectivites
  --version``), au-delà de l'interpréteur seul (médianes de 21 lancements).

Les rapports sont ceux de temps processeur mesurés dans le même processus, chacun au meilleur de
quinze tours où les calculs alternent : ils valent sur une machine chargée, où les durées
absolues ne valent rien. Objectifs (issue 26) : 50 annuités ≤ 1,5 × le plancher et ≤ 0,3 ×
numpy-financial ; 480 mensualités ≤ 1,0 × le plancher et ≤ 1,0 × numpy-financial (montants
calculés ; lignes construites à la demande, mesurées à part).
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
import timeit
from collections.abc import Callable
from decimal import ROUND_HALF_UP, Context, Decimal

import attrs

from collectivites.prets import calculer_tableau, exemple_pret

_CONTEXTE = Context(prec=34, rounding=ROUND_HALF_UP)
_CENTIME = Decimal("0.01")


def _meilleurs(fonctions: list[Callable[[], object]], nombre: int) -> list[float]:
    """Le meilleur temps de chaque fonction, mesurées en alternance (15 tours) : une machine
    partagée qui ralentit un moment les ralentit toutes, et leurs rapports restent justes."""
    minuteurs = [timeit.Timer(f, timer=time.process_time) for f in fonctions]
    meilleurs = [float("inf")] * len(fonctions)
    for _ in range(15):
        for rang, minuteur in enumerate(minuteurs):
            meilleurs[rang] = min(meilleurs[rang], minuteur.timeit(nombre) / nombre)
    return meilleurs


def plancher(capital: Decimal, taux: Decimal, n: int) -> list[tuple[Decimal, Decimal, Decimal]]:
    """La boucle exacte minimale d'un tableau à annuités constantes : intérêts au centime
    (demi supérieur), échéance arrondie une fois, dernière échéance qui solde."""
    q = _CONTEXTE.quantize
    echeance = q(capital * taux / (1 - (1 + taux) ** -n), _CENTIME)
    crd = capital
    lignes = []
    for k in range(1, n + 1):
        interets = q(crd * taux, _CENTIME)
        montant = echeance if k < n else interets + crd
        amortissement = montant - interets
        crd -= amortissement
        lignes.append((interets, amortissement, crd))
    return lignes


def _comparer(nom: str, ligne: object, taux_periode: Decimal, taux_float: float, n: int) -> None:
    import numpy as np
    import numpy_financial as npf

    tableau = calculer_tableau(ligne)  # type: ignore[arg-type]
    attendu = [(r.interets, r.amortissement, r.capital_du) for r in tableau.lignes]
    lignes = plancher(tableau.capital, taux_periode, n)
    assert lignes == attendu, f"{nom} : le plancher ne calcule pas les mêmes centimes"
    periodes = np.arange(1, n + 1)
    capital = float(tableau.capital)

    def numpy_financial() -> object:
        interets = npf.ipmt(taux_float, periodes, n, -capital)
        principal = npf.ppmt(taux_float, periodes, n, -capital)
        return np.round(interets, 2), np.round(principal, 2)

    nombre = 300 if n <= 50 else 30
    t_nous, t_colonnes, t_lignes, t_npf, t_plancher = _meilleurs(
        [
            lambda: calculer_tableau(ligne),  # type: ignore[arg-type]
            lambda: calculer_tableau(ligne).colonnes,  # type: ignore[arg-type]
            lambda: tuple(calculer_tableau(ligne).lignes),  # type: ignore[arg-type]
            numpy_financial,
            lambda: plancher(tableau.capital, taux_periode, n),
        ],
        nombre,
    )
    plafond_plancher, plafond_npf = (1.5, 0.3) if n <= 50 else (1.0, 1.0)
    print(
        f"prêts, {nom} : {t_nous * 1e6:.0f} µs (centimes calculés, lignes à la demande) ; "
        f"numpy-financial {t_npf * 1e6:.0f} µs (rapport {t_nous / t_npf:.2f}, objectif ≤ "
        f"{plafond_npf}) ; boucle Decimal minimale {t_plancher * 1e6:.0f} µs (rapport "
        f"{t_nous / t_plancher:.2f}, objectif ≤ {plafond_plancher}) ; avec les colonnes publiques "
        f"{t_colonnes * 1e6:.0f} µs (rapport au plancher {t_colonnes / t_plancher:.2f}) ; avec "
        f"les {n} lignes construites {t_lignes * 1e6:.0f} µs"
    )


def portefeuille_ligne_par_ligne(nombre: int = 2000) -> None:
    """Projection par garant d'un portefeuille synthétique sous deux scénarios, par le calcul
    ligne par ligne (sans le lot numpy) : µs par ligne·scénario, temps processeur, au meilleur
    de trois (les plans des lignes et les taux de période gardés d'un scénario à l'autre, comme
    dans une projection qui lit chaque partition une fois pour tous ses scénarios)."""
    import datetime as dt
    import inspect
    import tempfile
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from tests.synthetique import ecrire_csv

    from collectivites.prets import lire_portefeuille, scenario
    from collectivites.prets._partielle import Agregation
    from collectivites.prets._portefeuille import projeter_partie

    with tempfile.TemporaryDirectory() as dossier:
        prets = lire_portefeuille(ecrire_csv(Path(dossier) / "p.csv", nombre))
    scenarios = (
        scenario("historique"),
        scenario("livret_a+1 %", depuis=dt.date(2027, 1, 1)),
    )
    options = {"lot": False} if "lot" in inspect.signature(projeter_partie).parameters else {}
    projeter_partie(prets[:50], scenarios[0], Agregation.GARANT, **options)  # échauffement
    durees = []
    for _ in range(3):
        debut = time.process_time()
        for s in scenarios:
            projeter_partie(prets, s, Agregation.GARANT, **options)
        durees.append(time.process_time() - debut)
    unites = sum(len(p.lignes) for p in prets) * len(scenarios)
    print(
        f"portefeuille ligne par ligne, par garant : {unites // len(scenarios)} lignes × "
        f"{len(scenarios)} scénarios, {min(durees) / unites * 1e6:.0f} µs par ligne·scénario "
        "(objectif ≤ 100 µs)"
    )


def _lancement(code: list[str]) -> float:
    durees = []
    for _ in range(21):
        debut = time.perf_counter()
        subprocess.run(code, check=True, stdout=subprocess.DEVNULL)
        durees.append(time.perf_counter() - debut)
    return statistics.median(durees)


def demarrage() -> None:
    nu = _lancement([sys.executable, "-c", "pass"])
    prets = _lancement([sys.executable, "-c", "import collectivites.prets"])
    cli = _lancement([sys.executable, "-m", "collectivites", "--version"])
    print(
        f"démarrage : interpréteur seul {nu * 1e3:.0f} ms ; import collectivites.prets "
        f"+{(prets - nu) * 1e3:.0f} ms (objectif ≤ 60) ; collectivites --version "
        f"{cli * 1e3:.0f} ms (objectif ≤ 100)"
    )


def main() -> None:
    annuel = next(x for x in exemple_pret("cdc-57828").lignes if x.identifiant == "5150377")
    progressif = next(x for x in exemple_pret("cdc-57851").lignes if x.identifiant == "5165325")
    mensuel = attrs.evolve(annuel, duree=480, periodicite="mensuelle")
    taux_mensuel = _CONTEXTE.power(1 + annuel.taux_interet, Decimal(1) / 12) - 1
    _comparer("50 échéances annuelles", annuel, annuel.taux_interet, 0.0135, 50)
    _comparer("480 échéances mensuelles", mensuel, taux_mensuel, float(taux_mensuel), 480)
    (t_prog,) = _meilleurs([lambda: calculer_tableau(progressif)], 300)
    print(f"prêts : 50 échéances progressives (ligne 5165325) en {t_prog * 1e6:.0f} µs")
    portefeuille_ligne_par_ligne()
    demarrage()


if __name__ == "__main__":
    main()
