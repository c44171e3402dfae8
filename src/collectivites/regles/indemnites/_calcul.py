"""Calcul des indemnités de fonction des élus municipaux et contrôle des règles du CGCT.

* Terme de référence (L2123-20, I) : traitement mensuel de l'indice brut terminal, indice
  majoré × valeur annuelle du point / 12 (affiché arrondi au centime).
* Indemnité d'un élu : traitement non arrondi × taux voté, arrondi au centime une fois, comme
  les tables de la DGCL (:func:`~._references.montant_mensuel`).
* Majorations (L2123-22, R2123-23) : votées à part, sur l'indemnité votée ; chefs-lieux (une
  seule), station de tourisme, commune sinistrée ; la DSU ouvre la strate supérieure.
* Enveloppe (L2123-24, II ; L2123-24-1, II et III) : la somme des taux du maire, des adjoints,
  des conseillers délégués et (sous 100 000 habitants) des conseillers ne dépasse pas le taux
  maximal du maire plus celui d'un adjoint multiplié par le nombre d'adjoints compté par la loi
  en vigueur (en exercice ; depuis la loi n° 2025-1249, le nombre maximal).
* Effectif (L2121-2) : le tableau ne compte pas plus d'élus (maire, adjoints, conseillers) que
  le conseil municipal n'a de membres ; un même élu n'y figure qu'une fois, y compris écrit avec
  des lettres cyrilliques ou grecques qui ont le dessin des lettres latines (voir ``_noms``).

Le calcul, les propriétés des résultats (totaux, enveloppe) et leur description se font dans le
contexte décimal de la bibliothèque, jamais dans celui de l'appelant.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from typing import overload

import attrs

from collectivites._moteur import CONTEXTE_CALCUL, CONTEXTE_MONTANTS, moteur, somme
from collectivites.erreurs import ErreurValeur
from collectivites.monnaie import CENTIME
from collectivites.regles.indemnites._assemblees import Departement, Epci, Region
from collectivites.regles.indemnites._calcul_assemblees import (
    ResultatAssemblee,
    calculer_assemblee,
)
from collectivites.regles.indemnites._commun import ResultatEnveloppe, note_bareme, note_terme
from collectivites.regles.indemnites._modeles import Commune, Elu, Fonction
from collectivites.regles.indemnites._noms import etrangers, squelette
from collectivites.regles.indemnites._references import (
    BaremeCommunal,
    IndiceTerminal,
    Majoration,
    PointIndice,
    References,
    montant_mensuel,
    references_indemnites,
)
from collectivites.taux import formater_taux

__all__ = ["LigneElu", "ResultatIndemnites", "calculer_indemnites"]

_ARRONDIR = CONTEXTE_MONTANTS.quantize
_DANS_ENVELOPPE = frozenset(
    {Fonction.MAIRE, Fonction.ADJOINT, Fonction.ADJOINT_QUARTIER, Fonction.CONSEILLER_DELEGUE}
)
_ADJOINTS = frozenset({Fonction.ADJOINT, Fonction.ADJOINT_QUARTIER})
_MUNICIPALES = _DANS_ENVELOPPE | {Fonction.CONSEILLER}


@attrs.frozen(kw_only=True)
class LigneElu:
    """Un élu du tableau récapitulatif (L2123-20-1) : taux voté, indemnité, majoration, total."""

    nom: str
    fonction: Fonction
    taux: Decimal
    indemnite: Decimal
    taux_majoration: Decimal
    majoration: Decimal
    delegation: bool

    @property
    def total(self) -> Decimal:
        return CONTEXTE_CALCUL.add(self.indemnite, self.majoration)


@attrs.frozen(kw_only=True)
class ResultatIndemnites(ResultatEnveloppe):
    """Les indemnités d'une commune à une date, l'enveloppe et son emploi."""

    commune: Commune
    indice: IndiceTerminal
    point: PointIndice
    terme_de_reference: Decimal
    bareme: BaremeCommunal
    taux_maire_max: Decimal
    taux_adjoint_max: Decimal
    adjoints_comptes: int
    taux_enveloppe: Decimal
    taux_alloues: Decimal
    lignes: tuple[LigneElu, ...]
    majorations: tuple[Majoration, ...]
    hypotheses: tuple[str, ...] = ()

    @property
    def total_majorations(self) -> Decimal:
        return somme(ligne.majoration for ligne in self.lignes)

    @property
    def total(self) -> Decimal:
        return CONTEXTE_CALCUL.add(self.total_indemnites, self.total_majorations)


def _majorations(commune: Commune, refs: References) -> tuple[tuple[Majoration, ...], bool]:
    """Les majorations en pourcentage de la commune, et si la DSU ouvre la strate supérieure."""
    connues = refs.majorations
    choisies = []
    for code in commune.majorations:
        if code not in connues:
            raise ErreurValeur(
                "majoration inconnue",
                cle="majorations",
                valeur=code,
                attendu=", ".join(sorted(connues)),
            )
        choisies.append(connues[code])
    chefs_lieux = [m.code for m in choisies if m.groupe == "chef-lieu"]
    if len(chefs_lieux) > 1:
        raise ErreurValeur(
            "une seule majoration de chef-lieu s'applique (R2123-23, 1°) : retenez la plus forte",
            cle="majorations",
            valeur=", ".join(chefs_lieux),
        )
    dsu = any(m.groupe == "strate" for m in choisies)
    return tuple(m for m in choisies if m.groupe != "strate"), dsu


def _verifier_effectif(elus: Sequence[Elu], commune: Commune, refs: References) -> None:
    """Pas plus d'élus que de membres du conseil municipal (L2121-2)."""
    effectif = refs.effectif_au(commune.date)
    membres = effectif.membres(commune.population)
    if len(elus) > membres:
        raise ErreurValeur(
            f"le tableau compte plus d'élus que le conseil municipal n'a de membres : "
            f"{membres} pour une commune de {commune.population} habitants (CGCT L2121-2)",
            cle="elus",
            valeur=len(elus),
            attendu=f"au plus {membres} élus, maire, adjoints et conseillers compris",
        )


def _verifier_doublons(elus: Sequence[Elu]) -> None:
    """Un élu une seule fois, les noms comparés après NFKC, minuscules et homoglyphes."""
    vus: dict[str, int] = {}
    for rang, elu in enumerate(elus):
        premier = vus.setdefault(squelette(elu.nom), rang)
        if premier == rang:
            continue
        autre = elus[premier].nom
        if autre == elu.nom:
            raise ErreurValeur("élu présent deux fois", cle=f"elus[{rang}]", valeur=elu.nom)
        details = "; ".join(
            f"« {nom} » : {liste}"
            for nom, liste in ((autre, etrangers(autre)), (elu.nom, etrangers(elu.nom)))
            if liste
        )
        raise ErreurValeur(
            f"élu présent deux fois : « {autre} » (élu n° {premier + 1}) et « {elu.nom} » "
            f"(élu n° {rang + 1}) sont le même nom, comparé sans les majuscules, les caractères "
            "invisibles ni les lettres cyrilliques ou grecques au dessin de lettres latines"
            + (f" ({details})" if details else ""),
            cle=f"elus[{rang}].nom",
        )


def _verifier_nombres(elus: Sequence[Elu], commune: Commune, refs: References) -> None:
    """Fonctions municipales seulement, un maire, les adjoints dans les limites de L2122-2 et
    L2122-2-1."""
    for rang, elu in enumerate(elus):
        if elu.fonction not in _MUNICIPALES:
            raise ErreurValeur(
                f"{elu.nom} : « {elu.fonction} » n'est pas une fonction municipale (CGCT L2123-20 "
                "à L2123-24-1)",
                cle=f"elus[{rang}].fonction",
                valeur=elu.fonction.value,
                attendu="maire, adjoint, adjoint de quartier, conseiller délégué ou conseiller",
            )
    maires = [e for e in elus if e.fonction is Fonction.MAIRE]
    if len(maires) != 1:
        raise ErreurValeur(
            "le tableau compte un maire et un seul", cle="elus", valeur=len(maires), attendu="1"
        )
    adjoints = sum(e.fonction is Fonction.ADJOINT for e in elus)
    maximum = refs.adjoints_maximum(commune.population, commune.date)
    if adjoints > maximum:
        raise ErreurValeur(
            "trop d'adjoints : au plus 30 % de l'effectif légal du conseil (L2122-2)",
            cle="elus",
            valeur=adjoints,
            attendu=f"au plus {maximum} pour {commune.population} habitants",
        )
    quartiers = sum(e.fonction is Fonction.ADJOINT_QUARTIER for e in elus)
    permis = refs.adjoints_quartier_maximum(commune.population, commune.date)
    if quartiers > permis:
        raise ErreurValeur(
            "trop d'adjoints de quartier : au plus 10 % de l'effectif légal, dans les communes "
            f"de {refs.seuil_adjoints_quartier} habitants et plus (L2122-2-1)",
            cle="elus",
            valeur=quartiers,
            attendu=f"au plus {permis} pour {commune.population} habitants",
        )


def _verifier_elus(elus: Sequence[Elu], commune: Commune, refs: References) -> None:
    _verifier_effectif(elus, commune, refs)
    _verifier_nombres(elus, commune, refs)
    _verifier_doublons(elus)
    for elu in elus:
        if elu.fonction in _ADJOINTS and elu.taux and not elu.delegation:
            raise ErreurValeur(
                f"{elu.nom} : un adjoint sans délégation ne peut percevoir d'indemnité, versée "
                "« pour l'exercice effectif des fonctions » (L2123-24, I)",
                cle="elus",
                valeur=formater_taux(elu.taux),
                attendu="une délégation de fonctions (arrêté du maire), ou 0 %",
            )
        if elu.fonction is Fonction.CONSEILLER_DELEGUE and not elu.delegation:
            raise ErreurValeur(
                f"{elu.nom} : un conseiller délégué a reçu une délégation (L2123-24-1, III) ; "
                "sans délégation, déclarez-le « conseiller »",
                cle="elus",
            )
        if elu.fonction is Fonction.CONSEILLER and elu.delegation:
            raise ErreurValeur(
                f"{elu.nom} : un conseiller qui a reçu une délégation est un « conseiller "
                "délégué » (L2123-24-1, III)",
                cle="elus",
            )


def _maire_majore(commune: Commune, refs: References, maire_max: Decimal) -> Decimal:
    """Le plafond du maire, majoré de 40 % dans les communes de 100 000 habitants et plus
    (L2123-23, dernier alinéa)."""
    if commune.population < refs.seuil_majoration_executif:
        return maire_max
    return maire_max * (1 + refs.taux_majoration_executif)


def _plafonds(elus: Sequence[Elu], commune: Commune, refs: References, maire_max: Decimal) -> None:
    plafond_maire = _maire_majore(commune, refs, maire_max)
    for elu in elus:
        if elu.fonction is Fonction.MAIRE and elu.taux > plafond_maire:
            majore = plafond_maire != maire_max
            raise ErreurValeur(
                f"{elu.nom} : taux du maire au-delà du barème (L2123-23"
                + (", majoration de 40 % comprise)" if majore else ")"),
                cle="elus",
                valeur=formater_taux(elu.taux),
                attendu=f"au plus {formater_taux(plafond_maire)} pour {commune.population} "
                "habitants",
            )
        if elu.fonction in _ADJOINTS and elu.taux > maire_max:
            raise ErreurValeur(
                f"{elu.nom} : « en aucun cas l'indemnité versée à un adjoint ne peut dépasser "
                "l'indemnité maximale susceptible d'être allouée au maire » (L2123-24, IV)",
                cle="elus",
                valeur=formater_taux(elu.taux),
                attendu=f"au plus {formater_taux(maire_max)}",
            )
        if elu.fonction is Fonction.CONSEILLER_DELEGUE and elu.taux > maire_max:
            raise ErreurValeur(
                f"{elu.nom} : l'indemnité d'un conseiller délégué ne peut dépasser l'indemnité "
                "maximale du maire (L2123-24-1)",
                cle="elus",
                valeur=formater_taux(elu.taux),
                attendu=f"au plus {formater_taux(maire_max)}",
            )
        if elu.fonction is Fonction.CONSEILLER and elu.taux > refs.taux_conseiller:
            raise ErreurValeur(
                f"{elu.nom} : l'indemnité d'un conseiller municipal est au plus de "
                f"{formater_taux(refs.taux_conseiller)} (L2123-24-1, I et II)",
                cle="elus",
                valeur=formater_taux(elu.taux),
                attendu=f"au plus {formater_taux(refs.taux_conseiller)}",
            )


def _eligible(elu: Elu, commune: Commune, refs: References) -> bool:
    if elu.fonction is Fonction.CONSEILLER:
        return commune.population >= refs.seuil_conseillers_hors_enveloppe
    return True


def _taux_majoration(
    elu: Elu, commune: Commune, refs: References, majorations: tuple[Majoration, ...]
) -> Decimal:
    """Le taux de majoration de l'élu : le maximum de R2123-23, ou le taux voté s'il est
    inférieur (« au maximum »)."""
    if elu.majoration is False or not (majorations or commune.immeubles_sinistres):
        if elu.taux_majoration:
            raise ErreurValeur(
                f"{elu.nom} : taux de majoration voté sans majoration applicable (L2123-22)",
                cle="elus",
                valeur=formater_taux(elu.taux_majoration),
            )
        return Decimal(0)
    if not _eligible(elu, commune, refs):
        if elu.majoration or elu.taux_majoration:
            raise ErreurValeur(
                f"{elu.nom} : les majorations ne s'appliquent pas aux conseillers sans délégation "
                "des communes de moins de 100 000 habitants (L2123-22)",
                cle="elus",
            )
        return Decimal(0)
    maximum = somme(m.taux_pour(commune.population) for m in majorations)
    maximum += commune.immeubles_sinistres or Decimal(0)
    if elu.taux_majoration is None:
        return maximum
    if elu.taux_majoration > maximum:
        raise ErreurValeur(
            f"{elu.nom} : taux de majoration au-delà du maximum de R2123-23",
            cle="elus",
            valeur=formater_taux(elu.taux_majoration),
            attendu=f"au plus {formater_taux(maximum)}",
        )
    return elu.taux_majoration


def _dans_enveloppe(elu: Elu, commune: Commune, refs: References) -> bool:
    if elu.fonction in _DANS_ENVELOPPE:
        return True
    return commune.population < refs.seuil_conseillers_hors_enveloppe


@overload
def calculer_indemnites(collectivite: Commune, elus: Sequence[Elu]) -> ResultatIndemnites: ...
@overload
def calculer_indemnites(
    collectivite: Departement | Region | Epci, elus: Sequence[Elu]
) -> ResultatAssemblee: ...
@moteur(contexte=CONTEXTE_MONTANTS)
def calculer_indemnites(
    collectivite: Commune | Departement | Region | Epci, elus: Sequence[Elu]
) -> ResultatIndemnites | ResultatAssemblee:
    """Indemnités mensuelles brutes de chaque élu d'une commune, d'un département, d'une région
    ou d'un EPCI à sa date (majorations, enveloppe et son emploi) ; refuse ce que le CGCT
    interdit, en citant l'article."""
    if isinstance(collectivite, Commune):
        return _calculer_commune(collectivite, elus)
    return calculer_assemblee(collectivite, elus)


def _calculer_commune(commune: Commune, elus: Sequence[Elu]) -> ResultatIndemnites:
    refs = references_indemnites()
    jour = commune.date
    bareme, point, indice = refs.bareme_au(jour), refs.point_au(jour), refs.indice_au(jour)
    terme = refs.traitement_au(jour)
    majorations, dsu = _majorations(commune, refs)
    maire_max = bareme.taux_maire(commune.population, strate_superieure=dsu)
    adjoint_max = bareme.taux_adjoint(commune.population, strate_superieure=dsu)
    _verifier_elus(elus, commune, refs)
    _plafonds(elus, commune, refs, maire_max)
    en_exercice = sum(e.fonction in _ADJOINTS for e in elus)
    comptes = (
        refs.adjoints_maximum(commune.population, jour)
        if bareme.enveloppe == "adjoints_maximum"
        else en_exercice
    )
    enveloppe = maire_max + adjoint_max * comptes
    alloues = somme((e.taux for e in elus if _dans_enveloppe(e, commune, refs)), Decimal(0))
    if alloues > enveloppe:
        raise ErreurValeur(
            "les indemnités dépassent l'enveloppe (L2123-24, II ; L2123-24-1, II et III)",
            cle="elus",
            valeur=formater_taux(alloues),
            attendu=f"au plus {formater_taux(enveloppe)} : maire {formater_taux(maire_max)} + "
            f"{comptes} adjoint(s) × {formater_taux(adjoint_max)}",
        )
    lignes = []
    for elu in elus:
        indemnite = montant_mensuel(indice, point, elu.taux)
        taux_maj = _taux_majoration(elu, commune, refs, majorations)
        lignes.append(
            LigneElu(
                nom=elu.nom,
                fonction=elu.fonction,
                taux=elu.taux,
                indemnite=indemnite,
                taux_majoration=taux_maj,
                majoration=_ARRONDIR(indemnite * taux_maj, CENTIME),
                delegation=elu.delegation,
            )
        )
    resultat = ResultatIndemnites(
        commune=commune,
        indice=indice,
        point=point,
        terme_de_reference=terme,
        bareme=bareme,
        taux_maire_max=maire_max,
        taux_adjoint_max=adjoint_max,
        adjoints_comptes=comptes,
        taux_enveloppe=enveloppe,
        taux_alloues=alloues,
        lignes=tuple(lignes),
        majorations=majorations,
    )
    return attrs.evolve(resultat, hypotheses=_hypotheses(resultat, elus, refs, dsu, jour))


def _exact(r: ResultatIndemnites) -> str:
    exact = CONTEXTE_CALCUL.divide(
        CONTEXTE_CALCUL.multiply(Decimal(r.indice.indice_majore), r.point.valeur_annuelle),
        Decimal(12),
    )
    return f"{exact:.6f}".replace(".", ",") + "…"


def _notes_maire(r: ResultatIndemnites, elus: Sequence[Elu], refs: References) -> list[str]:
    notes = []
    for elu in elus:
        if elu.fonction is not Fonction.MAIRE:
            continue
        if elu.taux < r.taux_maire_max:
            notes.append(
                f"{elu.nom} : le maire perçoit de droit l'indemnité au taux maximal "
                f"({formater_taux(r.taux_maire_max)}) ; un taux inférieur "
                f"({formater_taux(elu.taux)}) suppose sa demande et une délibération du conseil "
                "municipal (L2123-23, dans toutes les communes depuis 2016)."
            )
        elif elu.taux > r.taux_maire_max:
            notes.append(
                f"{elu.nom} : majoration de l'indemnité du maire au-delà du barème "
                f"({formater_taux(elu.taux)} pour {formater_taux(r.taux_maire_max)}), dans "
                f"l'enveloppe calculée sans elle ({refs.source_majoration_executif})."
            )
    return notes


def _hypotheses(
    r: ResultatIndemnites, elus: Sequence[Elu], refs: References, dsu: bool, jour: dt.date
) -> tuple[str, ...]:
    notes = [
        note_terme(jour, r.indice, r.point, r.terme_de_reference)
        + f" ({r.indice.source} ; {r.point.source}).",
        note_bareme(r.bareme.source, r.bareme.precision),
        f"Enveloppe : maire {formater_taux(r.taux_maire_max)} + {r.adjoints_comptes} adjoint(s) × "
        f"{formater_taux(r.taux_adjoint_max)} = {formater_taux(r.taux_enveloppe)} "
        f"({r.bareme.enveloppe_source}).",
    ]
    notes.append(
        f"Population de référence : {r.commune.population} habitants"
        + (
            f", authentifiée avant le renouvellement général du {r.commune.renouvellement:%d/%m/%Y}"
            if r.commune.renouvellement
            else ""
        )
        + f", figée pour le mandat ({refs.source_population})."
    )
    notes.append(
        "Montants : chaque taux s'applique au traitement non arrondi "
        f"({_exact(r)} €) et le résultat est arrondi au centime, comme les tables de la DGCL."
    )
    notes += _notes_maire(r, elus, refs)
    if jour > refs.confirmee_au:
        notes.append(
            f"Données de référence confirmées jusqu'au {refs.confirmee_au:%d/%m/%Y} : au-delà, "
            "la dernière valeur connue du point et de l'indice est reportée."
        )
    if dsu:
        notes += _notes_strate(r.commune, refs)
    notes += [f"Majoration « {m.code} » : {m.source}." for m in r.majorations]
    if r.commune.immeubles_sinistres:
        notes.append(f"Commune sinistrée : {refs.source_sinistree}.")
    for elu in elus:
        if elu.fonction in _ADJOINTS and elu.taux > r.taux_adjoint_max:
            notes.append(
                f"{elu.nom} : {formater_taux(elu.taux)}, au-delà du maximum de la strate "
                f"({formater_taux(r.taux_adjoint_max)}), permis dans l'enveloppe (L2123-24, II)."
            )
        if elu.fonction in _ADJOINTS and not elu.taux:
            notes.append(
                f"{elu.nom} : adjoint sans indemnité (renonciation ou absence de délégation), "
                "compté parmi les adjoints en exercice."
            )
    return tuple(notes)


def _notes_strate(commune: Commune, refs: References) -> list[str]:
    """Les majorations qui ouvrent la strate supérieure (R2123-23, 4°) et leurs conditions :
    la DACOM exige 5 000 habitants au sens de L2334-2 (population DGF), que la commune ne
    donne pas ; une population totale au-dessous ne permet pas de le vérifier."""
    notes = []
    for code in commune.majorations:
        m = refs.majorations[code]
        if m.groupe != "strate":
            continue
        notes.append(f"« {m.code} » (échelon supérieur) : {m.source}.")
        seuil = m.seuil_population_dgf
        if seuil is not None and commune.population < seuil:
            notes.append(
                f"« {m.code} » : la population DGF (L2334-2) doit atteindre {seuil} habitants "
                f"(L2123-22, 5°) ; la population totale donnée ({commune.population}) est "
                "inférieure et la population DGF n'est pas connue ici : condition à confirmer."
            )
    return notes
