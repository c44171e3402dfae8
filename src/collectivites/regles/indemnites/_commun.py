"""Ce que partagent le tableau d'une commune (``_calcul``, ``_presentation``) et celui d'un
département, d'une région ou d'un EPCI (``_calcul_assemblees``) : l'enveloppe en euros, le taux
encore disponible, le total des indemnités, le tableau récapitulatif des élus (CGCT L2123-20-1,
L3123-19-1, L4135-19-1, L5211-12) et les notes du terme de référence et du barème.

Le terme de référence est le même partout (L2123-20, I ; L3123-15 ; L4135-15 ; L5211-12) :
indice majoré de l'indice brut terminal × valeur annuelle du point / 12."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any, Protocol

from collectivites._moteur import difference, somme
from collectivites.monnaie import formater_montant
from collectivites.presentation import Presentable
from collectivites.regles.indemnites._references import IndiceTerminal, PointIndice, montant_mensuel
from collectivites.tables import Genre, Table, colonnes

__all__ = ["ResultatEnveloppe", "note_bareme", "note_terme", "tableau_elus"]

#: Titre du tableau annexé à la délibération, le même pour toutes les collectivités.
TITRE_TABLEAU = "Tableau récapitulatif des indemnités (mensuelles, brutes)"


class _AvecIndemnite(Protocol):
    @property
    def indemnite(self) -> Decimal: ...


class ResultatEnveloppe(Presentable):
    """Les propriétés communes aux résultats d'indemnités ; chaque résultat (classe ``attrs``)
    fournit ``indice``, ``point``, ``taux_enveloppe``, ``taux_alloues`` et ``lignes``."""

    __slots__ = ()

    indice: IndiceTerminal
    point: PointIndice
    taux_enveloppe: Decimal
    taux_alloues: Decimal
    lignes: tuple[_AvecIndemnite, ...]

    @property
    def enveloppe(self) -> Decimal:
        """L'enveloppe mensuelle en euros (terme de référence × taux de l'enveloppe)."""
        return montant_mensuel(self.indice, self.point, self.taux_enveloppe)

    @property
    def taux_disponible(self) -> Decimal:
        return difference(self.taux_enveloppe, self.taux_alloues)

    @property
    def total_indemnites(self) -> Decimal:
        return somme(ligne.indemnite for ligne in self.lignes)


def tableau_elus(
    propres: tuple[tuple[Any, ...], ...], lignes: tuple[tuple[Any, ...], ...]
) -> Table:
    """Le tableau des élus : nom, fonction, taux voté, puis les colonnes ``propres``."""
    return Table(
        cle="elus",
        titre=TITRE_TABLEAU,
        colonnes=colonnes(
            ("nom", "Nom", Genre.TEXTE),
            ("fonction", "Fonction", Genre.CODE),
            ("taux", "Taux", Genre.TAUX, {"decimales": 2}),
            *propres,
        ),
        lignes=lignes,
    )


def note_terme(jour: dt.date, indice: IndiceTerminal, point: PointIndice, terme: Decimal) -> str:
    """« Terme de référence au … : indice brut …, indice majoré … × point … € par an / 12 = …
    € par mois », que chaque résultat complète (sources, ou règle d'arrondi)."""
    return (
        f"Terme de référence au {jour:%d/%m/%Y} : indice brut {indice.indice_brut}, indice "
        f"majoré {indice.indice_majore} × point {str(point.valeur_annuelle).replace('.', ',')}"
        f" € par an / 12 = {formater_montant(terme)} € par mois"
    )


def note_bareme(source: str, precision: str) -> str:
    """« Barème : <source>. <précision>. » (la précision dit ce qui a été relu, ou non)."""
    return f"Barème : {source}." + (f" {precision}." if precision else "")
