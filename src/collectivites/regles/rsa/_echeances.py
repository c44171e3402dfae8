"""Date d'échéance d'un acompte mensuel."""

from __future__ import annotations

import datetime as dt

from collectivites._moteur import moteur
from collectivites.calendrier import ajuster
from collectivites.dates import ajouter_mois, dernier_jour_du_mois
from collectivites.regles.rsa._modeles import ConventionRsa, RegleEcheance

__all__ = ["date_echeance"]


@moteur
def date_echeance(convention: ConventionRsa, mois: dt.date) -> dt.date:
    """Échéance de l'acompte du mois ``mois``.

    Convention Lozère (art. 8.2.1) : le 5 du mois M+1, ou le jour ouvré suivant. Préréglage
    ``dernier_jour_du_mois`` (CASF D262-61 : « Les acomptes sont versés au plus tard le dernier
    jour de chaque mois », égaux aux dépenses du « dernier mois civil connu », M−1 : la demande
    du mois M est due le dernier jour de M). ``dernier_jour_du_mois_suivant`` : le dernier jour
    de M+1, pour une convention qui le stipule. Un jour 29 à 31 absent du mois devient le dernier
    jour du mois.

    Examples:
        >>> from collectivites.regles.rsa import ConventionRsa
        >>> date_echeance(ConventionRsa(), dt.date(2017, 4, 1))  # 5 juin 2017 : Pentecôte
        datetime.date(2017, 5, 5)
        >>> date_echeance(ConventionRsa(), dt.date(2017, 5, 1))
        datetime.date(2017, 6, 6)
    """
    suivant = ajouter_mois(mois.replace(day=1), 1)
    fin = dernier_jour_du_mois(suivant.year, suivant.month)
    if convention.echeance is RegleEcheance.DERNIER_JOUR_DU_MOIS:
        brute = dernier_jour_du_mois(mois.year, mois.month)
    elif convention.echeance is RegleEcheance.DERNIER_JOUR_DU_MOIS_SUIVANT:
        brute = fin
    else:
        brute = suivant.replace(day=min(convention.jour_echeance, fin.day))
    return ajuster(brute, convention.report, convention.zone)
