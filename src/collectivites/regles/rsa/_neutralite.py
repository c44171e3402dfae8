"""Neutralité de trésorerie pour la CAF (art. 8.2 ; CASF L262-25, I, 4°).

« La neutralité des flux financiers pour la trésorerie de la CCSS est assurée par : l'avance de
trésorerie … ; la refacturation au département en début d'année suivante du coût financier
supporté le cas échéant par la CCSS à raison du différentiel de trésorerie entre les encaissements
et les décaissements ; le respect des échéances de paiement ».

Position de trésorerie rSa de la CAF en fin de journée : avance + encaissements − décaissements.
Chaque jour où elle est négative coûte ``−position × taux / base`` (Exact/360), au taux de
référence moyen du mois de ce jour (sans majoration) ; le coût de l'année est facturé au début de
l'année suivante, sauf s'il est négatif et que la convention ne facture pas les montants négatifs.

Une année sans aucun flux (ni paiement d'acompte ni décaissement) est refusée : il n'y a rien à
calculer pour elle, et un coût nul y serait une réponse sans objet ; le refus dit quelles années
les flux couvrent.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal

import attrs

from collectivites._moteur import moteur
from collectivites.donnees import SerieDatee
from collectivites.erreurs import ErreurValeur
from collectivites.monnaie import arrondir, formater_montant
from collectivites.presentation import Presentable
from collectivites.regles.rsa._modeles import ConventionRsa, Flux
from collectivites.regles.rsa._taux_reference import TauxMensuel, taux_reference_du_mois
from collectivites.tables import Document, Genre, Table, colonnes, faits

__all__ = ["JourTresorerie", "ResultatNeutralite", "calculer_neutralite"]

_ZERO = Decimal(0)


@attrs.frozen(kw_only=True)
class JourTresorerie:
    """Position de fin de journée et coût du jour (non arrondi)."""

    date: dt.date
    position: Decimal
    taux: Decimal | None
    cout: Decimal


@attrs.frozen(kw_only=True)
class ResultatNeutralite(Presentable):
    """Trésorerie rSa de la CAF sur une année et coût à refacturer."""

    convention: ConventionRsa
    annee: int
    position_initiale: Decimal
    jours: tuple[JourTresorerie, ...]
    taux: tuple[TauxMensuel, ...]
    cout: Decimal

    @property
    def jours_negatifs(self) -> int:
        return sum(1 for j in self.jours if j.position < 0)

    @property
    def position_minimale(self) -> JourTresorerie:
        return min(self.jours, key=lambda j: (j.position, j.date))

    @property
    def montant_a_facturer(self) -> Decimal:
        if self.cout < 0 and not self.convention.facturer_negatif:
            return _ZERO
        return self.cout

    @property
    def mois_facturation(self) -> dt.date:
        return dt.date(self.annee + 1, 1, 1)

    def decrire(self) -> Document:
        """Synthèse, taux mensuels retenus et position de chaque jour (table de détail)."""
        minimum = self.position_minimale
        base = self.convention.base_jours
        return Document(
            titre=f"Trésorerie rSa de la CAF en {self.annee}",
            faits=faits(
                ("annee", "Année", self.annee, Genre.ANNEE),
                (
                    "position_initiale",
                    "Position d'ouverture",
                    self.position_initiale,
                    Genre.MONTANT,
                ),
                ("jours_negatifs", "Jours à position négative", self.jours_negatifs, Genre.ENTIER),
                ("position_minimale", "Position la plus basse", minimum.position, Genre.MONTANT),
                ("date_position_minimale", "Atteinte le", minimum.date, Genre.DATE),
                ("cout", f"Coût financier (Exact/{base})", self.cout, Genre.MONTANT),
                ("montant_a_facturer", "À facturer", self.montant_a_facturer, Genre.MONTANT),
                ("mois_facturation", "Facturé en", self.mois_facturation, Genre.MOIS),
            ),
            tables=(
                Table(
                    cle="taux_mensuels",
                    titre="Taux de référence retenus",
                    colonnes=colonnes(
                        ("mois", "Mois", Genre.MOIS),
                        ("taux", "Taux", Genre.TAUX),
                        ("provenance", "Provenance", Genre.TEXTE),
                    ),
                    lignes=tuple((t.mois, t.valeur, t.provenance) for t in self.taux),
                ),
                Table(
                    cle="jours",
                    titre="Position de fin de journée",
                    detail=True,
                    colonnes=colonnes(
                        ("date", "Date", Genre.DATE),
                        ("position", "Position", Genre.MONTANT),
                        ("taux", "Taux", Genre.TAUX),
                        ("cout", "Coût du jour", Genre.NOMBRE, {"decimales": 6}),
                    ),
                    lignes=tuple((j.date, j.position, j.taux, j.cout) for j in self.jours),
                ),
            ),
            hypotheses=(*self.convention.hypotheses, *self.notes_de_signe),
        )

    @property
    def notes_de_signe(self) -> tuple[str, ...]:
        """Ce que disent les signes (position, coût, montant facturé), pour qui lit le résultat."""
        notes = [
            "Signes : la position est la trésorerie rSa de la CAF (avance du département + "
            "acomptes reçus − rSa versé) ; négative, la CAF avance l'argent du département. Le "
            f"coût d'un jour négatif est −position × taux / {self.convention.base_jours} : "
            "positif, il est dû par le département à la CAF (art. 8.2)."
        ]
        if self.cout < 0:
            montant = formater_montant(self.cout.copy_negate())
            suite = (
                f"la convention facturant aussi les montants négatifs, le département est crédité "
                f"de {montant} €."
                if self.convention.facturer_negatif
                else "la convention ne facturant pas les montants négatifs, rien n'est facturé, "
                "ni rendu au département."
            )
            notes.append(
                f"Coût négatif ({formater_montant(self.cout)} €) : le taux de référence était "
                f"négatif, l'avance de la CAF lui a rapporté {montant} € au lieu de lui coûter ; "
                + suite
            )
        return tuple(notes)


def _annees(annees: Sequence[int]) -> str:
    """« 2018 à 2020, 2023 » : des années, les suites consécutives en intervalles."""
    morceaux: list[str] = []
    debut = precedente = annees[0]
    for annee in [*annees[1:], None]:
        if annee is not None and annee == precedente + 1:
            precedente = annee
            continue
        morceaux.append(str(debut) if debut == precedente else f"{debut} à {precedente}")
        if annee is not None:
            debut = precedente = annee
    return ", ".join(morceaux)


def _verifier_flux_de_l_annee(flux: Sequence[Flux], annee: int) -> None:
    if any(f.date.year == annee for f in flux):
        return
    couvertes = sorted({f.date.year for f in flux})
    raise ErreurValeur(
        f"rien à calculer pour {annee} : aucun paiement d'acompte ni décaissement n'est daté de "
        "cette année",
        cle="annee",
        valeur=annee,
        attendu=(
            f"une année couverte par les flux du dossier : {_annees(couvertes)}"
            if couvertes
            else "un dossier qui contient des paiements d'acomptes ou des décaissements"
        ),
    )


@moteur
def calculer_neutralite(
    convention: ConventionRsa,
    flux: Sequence[Flux],
    annee: int,
    *,
    taux_mensuels: SerieDatee | None = None,
    estr_mensuels: SerieDatee | None = None,
) -> ResultatNeutralite:
    """Position quotidienne de la trésorerie rSa de la CAF pendant ``annee`` et son coût.

    La position d'ouverture est l'avance de trésorerie de la convention plus les flux datés
    d'avant le 1er janvier.
    """
    if convention.avance_tresorerie is None:
        raise ErreurValeur(
            "l'avance de trésorerie de la convention est nécessaire à ce calcul",
            cle="avance_tresorerie",
        )
    if not 1900 <= annee <= 2199:
        raise ErreurValeur(
            "année hors du calendrier couvert", cle="annee", valeur=annee, attendu="1900 à 2199"
        )
    debut, fin = dt.date(annee, 1, 1), dt.date(annee, 12, 31)
    _verifier_flux_de_l_annee(flux, annee)
    position = convention.avance_tresorerie + sum(
        (f.montant for f in flux if f.date < debut), _ZERO
    )
    initiale = position
    par_jour: dict[dt.date, Decimal] = {}
    for f in flux:
        if debut <= f.date <= fin:
            par_jour[f.date] = par_jour.get(f.date, _ZERO) + f.montant
    taux_du_mois: dict[dt.date, TauxMensuel] = {}
    jours = []
    total = _ZERO
    jour = debut
    while jour <= fin:
        position += par_jour.get(jour, _ZERO)
        taux = cout = None
        if position < 0:
            mois = jour.replace(day=1)
            if mois not in taux_du_mois:
                taux_du_mois[mois] = taux_reference_du_mois(
                    mois,
                    serie=convention.taux_reference,
                    utilisateur=taux_mensuels,
                    estr=estr_mensuels,
                )
            taux = taux_du_mois[mois].valeur
            cout = -position * taux / convention.base_jours
            total += cout
        jours.append(JourTresorerie(date=jour, position=position, taux=taux, cout=cout or _ZERO))
        jour += dt.timedelta(days=1)
    return ResultatNeutralite(
        convention=convention,
        annee=annee,
        position_initiale=initiale,
        jours=tuple(jours),
        taux=tuple(taux_du_mois[m] for m in sorted(taux_du_mois)),
        cout=arrondir(total),
    )
