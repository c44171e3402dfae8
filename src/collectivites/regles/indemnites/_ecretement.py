"""Écrêtement des indemnités d'un élu titulaire de plusieurs mandats (CGCT L2123-20, II et III ;
L3123-18 ; L4135-18 ; L5211-12).

1. Les mandats comptés sont ceux en cours à la date du calcul : chacun vaut sur la période
   semi-ouverte ``[debut, fin)`` (``fin`` absente : en cours).
2. Plafond : une fois et demie l'indemnité parlementaire de base (ordonnance n° 58-1210 du
   13 décembre 1958, art. 1er), datée dans ``donnees/indemnites/ecretement.toml``.
3. Chaque indemnité compte nette des cotisations sociales obligatoires (« ce plafond s'entend
   déduction faite des cotisations sociales obligatoires ») ; la part au-delà du plafond n'est
   pas versée à l'élu.
4. La part écrêtée est reversée au budget de la personne publique où l'élu exerce le plus
   récemment un mandat (III, loi n° 2015-366) : elle s'impute sur l'indemnité du mandat commencé
   le plus tard ; au-delà, sur le précédent (lecture dite dans le résultat).

Refus : indemnité négative, cotisations au-delà de l'indemnité, fin avant le début, même mandat
donné deux fois, deux mandats dans la même collectivité en même temps, deux mandats les plus
récents commencés le même jour quand il faut écrêter (le texte ne dit pas lequel).
"""

from __future__ import annotations

import datetime as dt
import functools
import tomllib
from collections.abc import Sequence
from decimal import Decimal, localcontext
from typing import Any

import attrs

from collectivites._champs import en_tuple, v_date, v_montant, v_texte
from collectivites._moteur import CONTEXTE_CALCUL, difference, moteur, somme
from collectivites.donnees import lire_texte_paquet
from collectivites.erreurs import ErreurDonnees, ErreurValeur
from collectivites.monnaie import arrondir, formater_montant
from collectivites.presentation import Presentable
from collectivites.regles.indemnites._noms import squelette
from collectivites.tables import Document, Genre, Table, colonnes, faits

__all__ = ["Mandat", "ResultatEcretement", "ecreter", "references_ecretement"]

FICHIER = "indemnites/ecretement.toml"
_ZERO = Decimal("0.00")
#: Fonctions parlementaires : comptées dans le total, jamais écrêtées.
PARLEMENTAIRES = frozenset({"député", "sénateur", "députée", "sénatrice"})


@attrs.frozen(kw_only=True)
class Mandat:
    """Un mandat ou une fonction de l'élu : la collectivité (ou l'organisme), la fonction,
    l'indemnité mensuelle brute, les cotisations sociales obligatoires prélevées sur elle
    (par mois), la période ``[debut, fin)`` (``fin`` : ``None`` si en cours)."""

    collectivite: str = attrs.field(validator=v_texte(vide=False, longueur_max=200))
    fonction: str = attrs.field(validator=v_texte(vide=False, longueur_max=120))
    indemnite: Decimal = attrs.field(validator=v_montant(positif=True))
    debut: dt.date = attrs.field(validator=v_date())
    fin: dt.date | None = attrs.field(default=None, validator=v_date(optionnel=True))
    cotisations: Decimal = attrs.field(default=_ZERO, validator=v_montant(positif=True))

    def __attrs_post_init__(self) -> None:
        if self.fin is not None and self.fin <= self.debut:
            raise ErreurValeur(
                f"{self.collectivite} : le mandat finit avant d'avoir commencé",
                cle="fin",
                valeur=self.fin,
                attendu=f"une date après le {self.debut:%d/%m/%Y}",
            )
        if self.cotisations > self.indemnite:
            raise ErreurValeur(
                f"{self.collectivite} : cotisations sociales au-delà de l'indemnité",
                cle="cotisations",
                valeur=self.cotisations,
                attendu=f"au plus {formater_montant(self.indemnite)} €",
            )

    @property
    def nette(self) -> Decimal:
        """L'indemnité nette des cotisations sociales obligatoires (L2123-20, II)."""
        return difference(self.indemnite, self.cotisations)

    @property
    def parlementaire(self) -> bool:
        return squelette(self.fonction) in PARLEMENTAIRES

    def en_cours(self, jour: dt.date) -> bool:
        """Vrai si ``jour`` est dans ``[debut, fin)``."""
        return self.debut <= jour and (self.fin is None or jour < self.fin)

    def libelle(self) -> str:
        return f"{self.fonction}, {self.collectivite}"


@attrs.frozen(kw_only=True)
class IndemniteParlementaire:
    date_effet: dt.date
    montant: Decimal
    source: str


@attrs.frozen(kw_only=True)
class ReferencesEcretement:
    confirmee_au: dt.date
    multiple: Decimal
    textes: dict[str, str]
    bases: tuple[IndemniteParlementaire, ...]

    def base_au(self, jour: dt.date) -> IndemniteParlementaire:
        valables = [b for b in self.bases if b.date_effet <= jour]
        if not valables:
            raise ErreurDonnees(
                "indemnité parlementaire de base : aucune valeur livrée à cette date",
                cle="date",
                valeur=jour,
                attendu=f"le {self.bases[0].date_effet:%d/%m/%Y} ou après",
            )
        return valables[-1]


@functools.cache
def references_ecretement() -> ReferencesEcretement:
    """Les données livrées de l'écrêtement (lues une fois)."""
    d = tomllib.loads(lire_texte_paquet(FICHIER))
    textes = {f"plafond.{k}": v for k, v in d["plafond"].items() if k != "multiple"}
    textes |= {f"reversement.{k}": v for k, v in d["reversement"].items()}
    bases = sorted(
        (
            IndemniteParlementaire(
                date_effet=b["date_effet"], montant=Decimal(b["montant"]), source=b["source"]
            )
            for b in d["indemnite_parlementaire_base"]
        ),
        key=lambda b: b.date_effet,
    )
    return ReferencesEcretement(
        confirmee_au=d["confirmee_au"],
        multiple=Decimal(d["plafond"]["multiple"]),
        textes=textes,
        bases=tuple(bases),
    )


@attrs.frozen(kw_only=True)
class LigneEcretement:
    """Un mandat, ce qu'il compte et ce qui est versé après écrêtement."""

    mandat: Mandat
    en_cours: bool
    ecretement: Decimal

    @property
    def versee(self) -> Decimal:
        if not self.en_cours:
            return _ZERO
        return difference(self.mandat.indemnite, self.ecretement)


@attrs.frozen(kw_only=True)
class ResultatEcretement(Presentable):
    """L'écrêtement d'un élu à une date : plafond, total net, part écrêtée et son imputation."""

    date: dt.date
    base: IndemniteParlementaire
    plafond: Decimal
    lignes: tuple[LigneEcretement, ...] = attrs.field(converter=en_tuple)
    hypotheses: tuple[str, ...] = ()

    @property
    def comptees(self) -> tuple[LigneEcretement, ...]:
        return tuple(x for x in self.lignes if x.en_cours)

    @property
    def total_brut(self) -> Decimal:
        return somme(x.mandat.indemnite for x in self.comptees)

    @property
    def total_net(self) -> Decimal:
        return somme(x.mandat.nette for x in self.comptees)

    @property
    def part_ecretee(self) -> Decimal:
        return max(_ZERO, difference(self.total_net, self.plafond))

    @property
    def total_verse(self) -> Decimal:
        return somme(x.versee for x in self.comptees)

    def decrire(self) -> Document:
        """Les mandats, le plafond, la part écrêtée et où elle va, étape par étape."""
        with localcontext(CONTEXTE_CALCUL):
            return _decrire(self)


def _verifier(mandats: Sequence[Mandat]) -> None:
    """Même mandat deux fois ; deux mandats dans la même collectivité en même temps."""
    for rang, m in enumerate(mandats):
        for autre in mandats[:rang]:
            if squelette(autre.collectivite) != squelette(m.collectivite):
                continue
            meme = squelette(autre.fonction) == squelette(m.fonction)
            if meme and (autre.debut, autre.fin) == (m.debut, m.fin):
                raise ErreurValeur(
                    f"mandat donné deux fois : {m.libelle()}",
                    cle=f"mandats[{rang}]",
                    valeur=m.libelle(),
                )
            fin_m, fin_a = m.fin or dt.date.max, autre.fin or dt.date.max
            if m.debut < fin_a and autre.debut < fin_m:
                raise ErreurValeur(
                    f"deux mandats dans la même collectivité ({m.collectivite}) en même temps : "
                    f"« {autre.fonction} » et « {m.fonction} » se chevauchent ; un élu n'y "
                    "siège qu'une fois (donner des périodes successives)",
                    cle=f"mandats[{rang}].debut",
                    valeur=m.debut,
                    attendu=f"une période hors de celle de « {autre.fonction} »",
                )


def _imputer(comptes: Sequence[Mandat], part: Decimal) -> dict[int, Decimal]:
    """La part écrêtée imputée du mandat le plus récent au plus ancien (L2123-20, III)."""
    locaux = sorted(
        (i for i, m in enumerate(comptes) if not m.parlementaire),
        key=lambda i: comptes[i].debut,
        reverse=True,
    )
    if len(locaux) > 1 and comptes[locaux[0]].debut == comptes[locaux[1]].debut:
        a, b = comptes[locaux[0]], comptes[locaux[1]]
        raise ErreurValeur(
            f"le mandat le plus récent (L2123-20, III) ne peut être désigné : « {a.libelle()} » "
            f"et « {b.libelle()} » commencent tous deux le {a.debut:%d/%m/%Y} ; donner la date "
            "d'installation de chacun",
            cle="mandats",
            valeur=f"{a.debut:%d/%m/%Y}",
        )
    imputations: dict[int, Decimal] = {}
    reste = part
    for i in locaux:
        if reste <= 0:
            break
        imputations[i] = min(reste, comptes[i].indemnite)
        reste = difference(reste, imputations[i])
    if reste > 0:
        raise ErreurValeur(
            "la part écrêtée dépasse les indemnités locales : l'indemnité parlementaire donnée "
            "dépasse à elle seule le plafond",
            cle="mandats",
            valeur=formater_montant(part),
        )
    return imputations


@moteur
def ecreter(mandats: Sequence[Mandat], date: dt.date) -> ResultatEcretement:
    """Écrête les indemnités d'un élu à ``date`` (CGCT L2123-20, II et III ; L3123-18 ;
    L4135-18 ; L5211-12) : voir le module pour les étapes et les refus."""
    mandats = tuple(mandats)
    if not mandats:
        raise ErreurValeur("aucun mandat", cle="mandats", attendu="au moins un mandat")
    _verifier(mandats)
    refs = references_ecretement()
    base = refs.base_au(date)
    plafond = arrondir(base.montant * refs.multiple)
    rangs = [i for i, m in enumerate(mandats) if m.en_cours(date)]
    if not rangs:
        raise ErreurValeur(
            f"aucun mandat en cours le {date:%d/%m/%Y}",
            cle="date",
            valeur=date,
            attendu="une date dans la période d'au moins un mandat",
        )
    comptes = [mandats[i] for i in rangs]
    part = max(_ZERO, difference(somme(m.nette for m in comptes), plafond))
    imputees = _imputer(comptes, part) if part else {}
    par_rang = {rangs[j]: v for j, v in imputees.items()}
    lignes = tuple(
        LigneEcretement(mandat=m, en_cours=m.en_cours(date), ecretement=par_rang.get(i, _ZERO))
        for i, m in enumerate(mandats)
    )
    resultat = ResultatEcretement(date=date, base=base, plafond=plafond, lignes=lignes)
    return attrs.evolve(resultat, hypotheses=_etapes(resultat, refs))


def _etapes(r: ResultatEcretement, refs: ReferencesEcretement) -> tuple[str, ...]:
    m = formater_montant
    comptes = r.comptees
    hors = [x.mandat.libelle() for x in r.lignes if not x.en_cours]
    notes = [
        f"1. Mandats comptés le {r.date:%d/%m/%Y} (période [début, fin)) : "
        + " ; ".join(x.mandat.libelle() for x in comptes)
        + (f". Hors période, non comptés : {' ; '.join(hors)}." if hors else "."),
        f"2. Plafond : 1,5 × indemnité parlementaire de base {m(r.base.montant)} € = "
        f"{m(r.plafond)} € ({refs.textes['plafond.source']} ; {r.base.source}). "
        f"{refs.textes['plafond.arrondi']}.",
        f"3. Total net des cotisations sociales obligatoires : {m(r.total_brut)} € bruts − "
        f"{m(difference(r.total_brut, r.total_net))} € de cotisations = {m(r.total_net)} € "
        f"({refs.textes['plafond.cotisations']}).",
    ]
    if not r.part_ecretee:
        notes.append(f"4. {m(r.total_net)} € ≤ {m(r.plafond)} € : pas d'écrêtement.")
    else:
        imputees = [x for x in comptes if x.ecretement]
        notes.append(
            f"4. Part écrêtée : {m(r.total_net)} − {m(r.plafond)} = {m(r.part_ecretee)} €, non "
            "versée à l'élu ; imputée sur "
            + " puis ".join(
                f"« {x.mandat.libelle()} » (commencé le {x.mandat.debut:%d/%m/%Y}) : "
                f"{m(x.ecretement)} €"
                for x in imputees
            )
            + f" ({refs.textes['reversement.source']})."
        )
        if len(imputees) > 1:
            notes.append(f"{refs.textes['reversement.au_dela']}.")
    if any(x.mandat.parlementaire for x in comptes):
        notes.append(f"{refs.textes['reversement.parlementaire']}.")
    if not any(x.mandat.cotisations for x in comptes):
        notes.append(
            "Aucune cotisation sociale donnée : les indemnités sont comptées brutes, ce qui "
            "surestime la part écrêtée si des cotisations sont prélevées."
        )
    notes.append(f"{refs.textes['plafond.textes_relus']}.")
    if r.date > refs.confirmee_au:
        notes.append(
            f"Indemnité parlementaire de base confirmée jusqu'au {refs.confirmee_au:%d/%m/%Y} : "
            "au-delà, la dernière valeur connue est reportée."
        )
    return tuple(notes)


def _decrire(r: ResultatEcretement) -> Document:
    table = Table(
        cle="mandats",
        titre="Mandats et indemnités mensuelles",
        colonnes=colonnes(
            ("collectivite", "Collectivité", Genre.TEXTE),
            ("fonction", "Fonction", Genre.TEXTE),
            ("debut", "Début", Genre.DATE),
            ("fin", "Fin", Genre.DATE),
            ("compte", "Compté", Genre.TEXTE),
            ("indemnite", "Indemnité brute", Genre.MONTANT, {"total": True}),
            ("cotisations", "Cotisations", Genre.MONTANT, {"total": True}),
            ("nette", "Nette", Genre.MONTANT, {"total": True}),
            ("ecretement", "Écrêtement", Genre.MONTANT, {"total": True}),
            ("versee", "Versée", Genre.MONTANT, {"total": True}),
        ),
        lignes=tuple(_ligne(x) for x in r.lignes),
    )
    return Document(
        titre=f"Écrêtement des indemnités au {r.date:%d/%m/%Y}",
        cle="ecretement",
        faits=faits(
            ("date", "Date", r.date, Genre.DATE),
            ("base", "Indemnité parlementaire de base", r.base.montant, Genre.MONTANT),
            ("plafond", "Plafond (1,5 × base)", r.plafond, Genre.MONTANT),
            ("total_brut", "Total brut", r.total_brut, Genre.MONTANT),
            ("total_net", "Total net de cotisations", r.total_net, Genre.MONTANT),
            ("part_ecretee", "Part écrêtée", r.part_ecretee, Genre.MONTANT),
            ("total_verse", "Total versé", r.total_verse, Genre.MONTANT),
        ),
        tables=(table,),
        hypotheses=r.hypotheses,
    )


def _ligne(x: LigneEcretement) -> tuple[Any, ...]:
    m = x.mandat
    nette = m.nette if x.en_cours else _ZERO
    return (
        m.collectivite,
        m.fonction,
        m.debut,
        m.fin,
        "oui" if x.en_cours else "non (hors période)",
        m.indemnite if x.en_cours else _ZERO,
        m.cotisations if x.en_cours else _ZERO,
        nette,
        x.ecretement,
        x.versee,
    )
