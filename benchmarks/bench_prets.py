"""Mesures du moteur de tableaux d'amortissement (lancées par ``nox -s bench``).

* tableau de 50 échéances annuelles (ligne 5150377 du contrat 57828 : 110 000 €, 1,35 %,
  annuités constantes) contre l'échéancier à annuité constante de numpy-financial
  (``ipmt``/``ppmt`` en flottants, arrondis au centime ensuite) pour le même prêt ;
* le même tableau avec progressivité (ligne 5165325 du contrat 57851) ;
* un tableau de 480 échéances mensuelles (objectif < 5 ms).
"""

from __future__ import annotations

import timeit

import attrs

from collectivites.prets import calculer_tableau, exemple_pret


def _meilleur(fonction: object, nombre: int) -> float:
    return min(timeit.repeat(fonction, number=nombre, repeat=7)) / nombre  # type: ignore[arg-type]


def main() -> None:
    import numpy as np
    import numpy_financial as npf

    annuel = next(x for x in exemple_pret("cdc-57828").lignes if x.identifiant == "5150377")
    progressif = next(x for x in exemple_pret("cdc-57851").lignes if x.identifiant == "5165325")
    mensuel = attrs.evolve(annuel, duree=480, periodicite="mensuelle")
    periodes = np.arange(1, 51)

    def numpy_financial() -> object:
        interets = npf.ipmt(0.0135, periodes, 50, -110_000.0)
        principal = npf.ppmt(0.0135, periodes, 50, -110_000.0)
        return np.round(interets, 2), np.round(principal, 2)

    t_nous = _meilleur(lambda: calculer_tableau(annuel), 300)
    t_npf = _meilleur(numpy_financial, 300)
    t_prog = _meilleur(lambda: calculer_tableau(progressif), 300)
    t_mensuel = _meilleur(lambda: calculer_tableau(mensuel), 30)
    print(
        f"prêts : 50 échéances annuelles en {t_nous * 1e6:.0f} µs ; numpy-financial "
        f"ipmt/ppmt {t_npf * 1e6:.0f} µs ; rapport {t_nous / t_npf:.2f} (objectif < 1)"
    )
    print(f"prêts : 50 échéances progressives (ligne 5165325) en {t_prog * 1e6:.0f} µs")
    print(f"prêts : 480 échéances mensuelles en {t_mensuel * 1e3:.2f} ms (objectif < 5 ms)")


if __name__ == "__main__":
    main()
