"""Calcul et contrôle des indemnités des élus des départements, des régions et des EPCI (voir
``_assemblees`` pour les règles et leurs articles)."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal, localcontext

import attrs

from collectivites._moteur import CONTEXTE_CALCUL, somme
from collectivites.erreurs import ErreurValeur
from collectivites.regles.indemnites._assemblees import (
    Assemblee,
    BaremeAssemblee,
    Epci,
    ReferencesAssemblees,
    Region,
    references_assemblees,
)
from collectivites.regles.indemnites._commun import (
    ResultatEnveloppe,
    note_bareme,
    note_terme,
    tableau_elus,
)
from collectivites.regles.indemnites._modeles import Elu, Fonction
from collectivites.regles.indemnites._noms import squelette
from collectivites.regles.indemnites._references import (
    IndiceTerminal,
    PointIndice,
    references_indemnites,
)
from collectivites.tables import Document, Genre, faits
from collectivites.taux import formater_taux

__all__ = ["LigneAssemblee", "ResultatAssemblee", "calculer_assemblee"]

_FONCTIONS_EPCI = frozenset(
    {Fonction.PRESIDENT, Fonction.VICE_PRESIDENT, Fonction.CONSEILLER_DELEGUE, Fonction.CONSEILLER}
)
_FONCTIONS_CONSEIL = frozenset(
    {
        Fonction.PRESIDENT,
        Fonction.VICE_PRESIDENT,
        Fonction.MEMBRE_COMMISSION_PERMANENTE,
        Fonction.CONSEILLER,
    }
)


@attrs.frozen(kw_only=True)
class LigneAssemblee:
    """Un élu du tableau annexé à la délibération : taux voté, taux maximal, indemnité."""

    nom: str
    fonction: Fonction
    taux: Decimal
    taux_maximal: Decimal
    indemnite: Decimal
    delegation: bool

    @property
    def total(self) -> Decimal:
        return self.indemnite


@attrs.frozen(kw_only=True)
class ResultatAssemblee(ResultatEnveloppe):
    """Les indemnités d'un département, d'une région ou d'un EPCI à une date."""

    collectivite: Assemblee
    indice: IndiceTerminal
    point: PointIndice
    terme_de_reference: Decimal
    bareme: BaremeAssemblee
    maxima: dict[Fonction, Decimal]
    taux_enveloppe: Decimal
    taux_alloues: Decimal
    lignes: tuple[LigneAssemblee, ...]
    hypotheses: tuple[str, ...] = ()

    @property
    def total(self) -> Decimal:
        return self.total_indemnites

    def decrire(self) -> Document:
        """Le tableau annexé à la délibération, les maxima et l'enveloppe."""
        with localcontext(CONTEXTE_CALCUL):
            return _decrire(self)


def _nature(c: Assemblee) -> str:
    return c.nature.value if isinstance(c, Epci) else c.nature


def _verifier_fonctions(c: Assemblee, elus: Sequence[Elu], refs: ReferencesAssemblees) -> None:
    permises = _FONCTIONS_EPCI if isinstance(c, Epci) else _FONCTIONS_CONSEIL
    for rang, elu in enumerate(elus):
        if elu.fonction not in permises:
            raise ErreurValeur(
                f"{elu.nom} : « {elu.fonction} » n'est pas une fonction d'un(e) {_nature(c)}",
                cle=f"elus[{rang}].fonction",
                valeur=elu.fonction.value,
                attendu=", ".join(sorted(f.value for f in permises)),
            )
    presidents = sum(e.fonction is Fonction.PRESIDENT for e in elus)
    if presidents != 1:
        raise ErreurValeur(
            f"le tableau compte un président et un seul ({_nature(c)})",
            cle="elus",
            valeur=presidents,
            attendu="1",
        )
    vus: dict[str, int] = {}
    for rang, elu in enumerate(elus):
        if vus.setdefault(squelette(elu.nom), rang) != rang:
            raise ErreurValeur("élu présent deux fois", cle=f"elus[{rang}].nom", valeur=elu.nom)
    vice = sum(e.fonction is Fonction.VICE_PRESIDENT for e in elus)
    if isinstance(c, Epci) and vice > refs.vice_presidents_max:
        raise ErreurValeur(
            f"trop de vice-présidents ({refs.source_vice_presidents})",
            cle="elus",
            valeur=vice,
            attendu=f"au plus {refs.vice_presidents_max}",
        )


def _cle(c: Assemblee) -> str:
    return "epci" if isinstance(c, Epci) else ("region" if isinstance(c, Region) else "departement")


def _verifier_population(c: Assemblee, b: BaremeAssemblee) -> None:
    if c.population > b.population_max:
        raise ErreurValeur(
            f"population hors de mesure pour un(e) {b.nature} : la plus peuplée est "
            f"{b.plus_peuplee} (barème de {b.article_conseiller})",
            cle=f"{_cle(c)}.population",
            valeur=c.population,
            attendu=f"au plus {b.population_max} habitants",
        )


def _plafond(
    elu: Elu, c: Assemblee, b: BaremeAssemblee, maxima: dict[Fonction, Decimal], majoration: Decimal
) -> tuple[Decimal, str]:
    """Le taux maximal de l'élu et l'article qui le fixe."""
    epci = isinstance(c, Epci)
    if elu.fonction is Fonction.PRESIDENT:
        seuil = b.seuil_majoration_president
        if seuil is not None and c.population >= seuil:
            return maxima[Fonction.PRESIDENT] * (1 + majoration), b.article_president
        return maxima[Fonction.PRESIDENT], b.article_president
    if elu.fonction is Fonction.VICE_PRESIDENT and not elu.delegation:
        if epci:
            return Decimal(0), "L5211-12 : indemnité « pour l'exercice effectif des fonctions »"
        return maxima[Fonction.MEMBRE_COMMISSION_PERMANENTE], (
            f"{b.article_president} : seuls les vice-présidents « ayant délégation de "
            "l'exécutif » reçoivent l'indemnité majorée de 40 % ; sans délégation, celle d'un "
            "membre de la commission permanente"
        )
    if elu.fonction in (Fonction.VICE_PRESIDENT, Fonction.CONSEILLER_DELEGUE) and epci:
        if elu.fonction is Fonction.CONSEILLER_DELEGUE and not elu.delegation:
            return Decimal(0), f"{b.article_conseiller} : conseiller délégué sans délégation"
        return maxima[Fonction.PRESIDENT], "L5211-12, troisième alinéa (pas plus que le président)"
    article = b.article_president if elu.fonction is not Fonction.CONSEILLER else ""
    return maxima[elu.fonction], article or b.article_conseiller


def _dans_enveloppe(elu: Elu, c: Assemblee, b: BaremeAssemblee) -> bool:
    if b.enveloppe == "membres" or elu.fonction is not Fonction.CONSEILLER:
        return True
    seuil = b.conseillers_dans_enveloppe
    return seuil is not None and c.population < seuil


def _enveloppe(elus: Sequence[Elu], b: BaremeAssemblee, maxima: dict[Fonction, Decimal]) -> Decimal:
    """Départements, régions : somme des maxima des membres (hors majoration de 40 %) ; EPCI :
    président + vice-présidents en exercice (L5211-12, deuxième alinéa)."""
    if b.enveloppe == "membres":
        return somme((_maximum_sans_majoration(e, maxima) for e in elus), Decimal(0))
    vice = sum(e.fonction is Fonction.VICE_PRESIDENT for e in elus)
    return maxima[Fonction.PRESIDENT] + maxima[Fonction.VICE_PRESIDENT] * vice


def _maximum_sans_majoration(elu: Elu, maxima: dict[Fonction, Decimal]) -> Decimal:
    if elu.fonction is Fonction.VICE_PRESIDENT and not elu.delegation:
        return maxima[Fonction.MEMBRE_COMMISSION_PERMANENTE]
    return maxima[elu.fonction]


def calculer_assemblee(c: Assemblee, elus: Sequence[Elu]) -> ResultatAssemblee:
    """Indemnités mensuelles brutes d'un département, d'une région ou d'un EPCI ; refuse ce que
    le CGCT interdit, en citant l'article. Appelée par ``calculer_indemnites``."""
    refs, generales = references_assemblees(), references_indemnites()
    b = refs.bareme(_nature(c), c.date)
    _verifier_population(c, b)
    _verifier_fonctions(c, elus, refs)
    maxima = b.maxima(c.population)
    lignes = []
    for rang, elu in enumerate(elus):
        plafond, article = _plafond(elu, c, b, maxima, refs.majoration_president)
        if elu.taux > plafond:
            raise ErreurValeur(
                f"{elu.nom} ({elu.fonction.libelle}) : taux au-delà du maximum ({article})",
                cle=f"elus[{rang}].taux",
                valeur=formater_taux(elu.taux),
                attendu=f"au plus {formater_taux(plafond)}",
            )
        lignes.append(
            LigneAssemblee(
                nom=elu.nom,
                fonction=elu.fonction,
                taux=elu.taux,
                taux_maximal=plafond,
                indemnite=generales.montant(c.date, elu.taux),
                delegation=elu.delegation,
            )
        )
    enveloppe = _enveloppe(elus, b, maxima)
    alloues = somme((e.taux for e in elus if _dans_enveloppe(e, c, b)), Decimal(0))
    if alloues > enveloppe:
        raise ErreurValeur(
            "les indemnités dépassent l'enveloppe : "
            + (
                "somme des indemnités maximales des membres hors majoration de 40 % "
                f"({refs.source_majoration_president})"
                if b.enveloppe == "membres"
                else "président et vice-présidents en exercice (L5211-12, deuxième alinéa)"
            ),
            cle="elus",
            valeur=formater_taux(alloues),
            attendu=f"au plus {formater_taux(enveloppe)}",
        )
    resultat = ResultatAssemblee(
        collectivite=c,
        indice=generales.indice_au(c.date),
        point=generales.point_au(c.date),
        terme_de_reference=generales.traitement_au(c.date),
        bareme=b,
        maxima=maxima,
        taux_enveloppe=enveloppe,
        taux_alloues=alloues,
        lignes=tuple(lignes),
    )
    return attrs.evolve(resultat, hypotheses=_hypotheses(resultat, refs))


def _hypotheses(r: ResultatAssemblee, refs: ReferencesAssemblees) -> tuple[str, ...]:
    jour = r.collectivite.date
    notes = [
        note_terme(jour, r.indice, r.point, r.terme_de_reference)
        + " (affiché) ; chaque taux s'applique au traitement non arrondi et le résultat est "
        "arrondi au centime.",
        note_bareme(r.bareme.source, r.bareme.precision),
        "Maxima : "
        + ", ".join(f"{f.libelle} {formater_taux(t)}" for f, t in r.maxima.items() if t)
        + ".",
    ]
    for ligne in r.lignes:
        if ligne.fonction is Fonction.PRESIDENT and ligne.taux > r.maxima[Fonction.PRESIDENT]:
            notes.append(
                f"{ligne.nom} : indemnité du président majorée au-delà du barème "
                f"({refs.source_majoration_president})."
            )
        if (
            ligne.fonction is Fonction.VICE_PRESIDENT
            and ligne.taux > r.maxima[Fonction.VICE_PRESIDENT]
        ):
            notes.append(
                f"{ligne.nom} : au-delà du maximum d'un vice-président, permis sans dépasser le "
                "président et dans l'enveloppe (L5211-12, troisième alinéa)."
            )
    if jour > refs.confirmee_au:
        notes.append(
            f"Barèmes confirmés jusqu'au {refs.confirmee_au:%d/%m/%Y} : au-delà, la dernière "
            "rédaction connue est reportée."
        )
    return tuple(notes)


def _decrire(r: ResultatAssemblee) -> Document:
    c = r.collectivite
    table = tableau_elus(
        (
            ("taux_maximal", "Taux maximal", Genre.TAUX, {"decimales": 2}),
            ("indemnite", "Indemnité de fonction", Genre.MONTANT, {"total": True}),
        ),
        tuple((x.nom, x.fonction, x.taux, x.taux_maximal, x.indemnite) for x in r.lignes),
    )
    return Document(
        titre=f"Indemnités de fonction — {c.nom} au {c.date:%d/%m/%Y}",
        cle=c.nom,
        faits=faits(
            ("collectivite", "Collectivité", c.nom, Genre.TEXTE),
            ("nature", "Nature", _nature(c), Genre.TEXTE),
            ("population", "Population", c.population, Genre.ENTIER),
            ("date", "Date", c.date, Genre.DATE),
            ("indice_majore", "Indice majoré", r.indice.indice_majore, Genre.ENTIER),
            ("terme_de_reference", "Terme de référence", r.terme_de_reference, Genre.MONTANT),
            ("taux_enveloppe", "Enveloppe (taux)", r.taux_enveloppe, Genre.TAUX),
            ("enveloppe", "Enveloppe (montant)", r.enveloppe, Genre.MONTANT),
            ("taux_alloues", "Taux alloués", r.taux_alloues, Genre.TAUX),
            ("total", "Total mensuel", r.total, Genre.MONTANT),
        ),
        tables=(table,),
        hypotheses=r.hypotheses,
    )
