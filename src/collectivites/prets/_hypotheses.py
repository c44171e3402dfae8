"""Les hypothèses d'un tableau d'amortissement, en clair : des données du résultat (le tableau
les expose, sa description les affiche), sans rien savoir de la présentation."""

from __future__ import annotations

from typing import TYPE_CHECKING

from collectivites.taux import formater_taux

if TYPE_CHECKING:
    from collectivites.prets._modeles import LigneDePret

__all__ = ["hypotheses_tableau"]


def hypotheses_tableau(
    ligne: LigneDePret, *, index_fige: bool, notes: tuple[str, ...]
) -> tuple[str, ...]:
    """Les hypothèses d'un tableau de ``ligne``, en clair, puis ses ``notes``."""
    hypotheses = []
    if index_fige:
        hypotheses.append(
            f"Index figé à sa valeur de référence ({formater_taux(ligne.valeur_index_reference)}),"
            " comme le tableau prévisionnel de la CDC."
        )
    if ligne.versements:
        hypotheses.append(
            f"Versements réels ({len(ligne.versements)}) : capital réduit à leur somme (art. 8)."
        )
    elif ligne.prefinancement is not None:
        hypotheses.append(
            "Préfinancement : versement unique au début de la phase (hypothèse du tableau "
            "prévisionnel de la CDC)."
        )
    else:
        hypotheses.append(
            "Versement unique à la Date de Début de la Phase d'Amortissement (art. 12 : « calculée "
            "sur la base d'un Versement unique »)."
        )
    if ligne.constante_revision is not None:
        hypotheses.append(
            "Révision d'un prêt ancien : R = 1 + DT/C avec C = "
            f"{str(ligne.constante_revision).replace('.', ',')} (arrêté du prêt), "
            "I' = (1 + I) R − 1 (au moins 0 %), P' = (1 + P) R − 1."
        )
    return (*hypotheses, *notes)
