"""Régimes de computation des délais, chacun avec sa source juridique."""

from __future__ import annotations

import attrs

from collectivites._enum import EnumFr, decrire
from collectivites.erreurs import ErreurType, ErreurValeur

__all__ = ["REGIMES", "Regime", "Sens", "regime"]


class Sens(EnumFr):
    """Sens du décompte : un délai qui court « après » un événement, ou « avant » (à rebours,
    « au moins N jours avant »)."""

    APRES = "apres"
    AVANT = "avant"


@attrs.frozen(kw_only=True)
class Regime:
    """Règles d'un régime de computation.

    * ``franc`` : ni le jour de départ ni le dernier jour ne comptent (un jour de plus) ;
    * ``prorogation`` : un terme qui tombe un samedi, un dimanche ou un jour férié est reporté au
      premier jour ouvré suivant (délai « après » seulement : aucun régime ne reporte un délai à
      rebours) ;
    * ``minimum_jours_ouvrables`` : nombre minimal de jours ouvrables qu'un délai de deux jours ou
      plus doit comprendre (règlement 1182/71, art. 3, § 5).
    """

    code: str
    nom: str
    franc: bool
    prorogation: bool
    minimum_jours_ouvrables: int
    reference: str
    description: str


REGIMES: dict[str, Regime] = {
    r.code: r
    for r in (
        Regime(
            code="simple",
            nom="Arithmétique calendaire",
            franc=False,
            prorogation=False,
            minimum_jours_ouvrables=0,
            reference="Stipulations du contrat",
            description=(
                "Le jour de départ ne compte pas ; les mois et années vont de quantième à "
                "quantième (dernier jour du mois à défaut) ; aucun report. À rebours, comme tout "
                "délai à rebours : franc, dernier jour utile la veille du dernier jour compté."
            ),
        ),
        Regime(
            code="cpc",
            nom="Code de procédure civile",
            franc=False,
            prorogation=True,
            minimum_jours_ouvrables=0,
            reference="C. proc. civ. art. 640 à 642",
            description=(
                "Le jour qui fait courir le délai ne compte pas (art. 641) ; mois et années de "
                "quantième à quantième ou au dernier jour du mois ; le délai qui expirerait un "
                "samedi, un dimanche ou un jour férié est prorogé au premier jour ouvrable suivant "
                "(art. 642). À rebours, le délai est franc : le jour de l'événement ne compte pas, "
                "le décompte part de la veille, le dernier jour utile est la veille du dernier "
                "jour compté, et l'art. 642 ne s'applique pas (Cass. com., 14 mars 2018, "
                "n° 16-26.996 ; Civ. 2e, 4 févr. 1998, n° 96-13.391)."
            ),
        ),
        Regime(
            code="franc",
            nom="Délai franc",
            franc=True,
            prorogation=True,
            minimum_jours_ouvrables=0,
            reference="CE 15 déc. 2023, n° 472836 ; CE 19 sept. 2014, n° 362568",
            description=(
                "Ni le jour de départ ni le jour de l'échéance ne comptent : le délai expire le "
                "lendemain du dernier jour ; report au premier jour ouvrable suivant s'il tombe un "
                "samedi, un dimanche ou un jour férié. À rebours (convocation « cinq jours francs "
                "avant » la séance) : les jours francs s'intercalent entre l'acte et l'événement, "
                "sans report."
            ),
        ),
        Regime(
            code="ue-1182-71",
            nom="Règlement (CEE, Euratom) n° 1182/71",
            franc=False,
            prorogation=True,
            minimum_jours_ouvrables=2,
            reference="Règlement (CEE, Euratom) n° 1182/71, art. 3",
            description=(
                "Le jour de l'événement ne compte pas (art. 3 § 1) ; semaines, mois et années "
                "finissent le même jour de la semaine ou à la même date, ou au dernier jour du "
                "mois (§ 2 c)) ; un terme un samedi, un dimanche ou un jour férié passe au jour "
                "ouvrable suivant, sauf à rebours (§ 4) ; un délai de deux jours ou plus comprend "
                "au moins deux jours ouvrables (§ 5)."
            ),
        ),
    )
}


decrire(Sens, {"apres": "après", "avant": "avant"}, alias={"après": "apres"})


def regime(code: str) -> Regime:
    """Régime par son code (``simple``, ``cpc``, ``franc``, ``ue-1182-71``)."""
    if not isinstance(code, str):
        raise ErreurType("type refusé", cle="regime", valeur=code, attendu=", ".join(REGIMES))
    trouve = REGIMES.get(code)
    if trouve is None:
        import difflib

        proches = difflib.get_close_matches(code, list(REGIMES), n=1)
        suggestion = f" ; vouliez-vous dire « {proches[0]} » ?" if proches else ""
        raise ErreurValeur(
            f"régime de délai inconnu{suggestion}",
            cle="regime",
            valeur=code,
            attendu=", ".join(REGIMES),
        )
    return trouve
