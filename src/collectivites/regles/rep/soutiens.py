"""Calcul des soutiens d'un barème REP pour une commune ou un groupement.

Pour un barème par habitant (ALCOME) : montant d'une commune = population × taux de sa
typologie × pondération de l'année × jours de vigueur / jours de l'année, arrondi au centime
(demi supérieur) ; le soutien d'un groupement est la somme de ses communes (contrat-type ALCOME,
art. 19.1). Pour un barème par tonne : tonnes × taux de la matière. Les pénalités sont ensuite
calculées sur le montant brut et plafonnées.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Mapping, Sequence
from decimal import Decimal

import attrs

from collectivites.erreurs import ErreurValeur
from collectivites.monnaie import arrondir, formater_montant
from collectivites.regles.rep.bareme import Bareme, Typologie
from collectivites.taux import formater_taux

__all__ = [
    "Commune",
    "LigneCommune",
    "LigneMatiere",
    "LignePenalite",
    "ResultatSoutiens",
    "Tonnage",
    "calculer_soutiens",
    "classer_commune",
]

_ZERO = Decimal(0)
_MILLE = Decimal(1000)


@attrs.frozen(kw_only=True)
class Commune:
    """Une commune et les données de sa typologie (population permanente ; critères
    facultatifs). ``typologie`` explicite l'emporte sur le calcul."""

    nom: str
    population: int
    lits_touristiques: int | None = None
    taux_residences_secondaires: Decimal | None = None
    commerces: int | None = None
    typologie: str | None = None

    def __attrs_post_init__(self) -> None:
        if isinstance(self.population, bool) or not isinstance(self.population, int):
            raise ErreurValeur(f"« population » de {self.nom} doit être un entier")
        if self.population < 0:
            raise ErreurValeur(
                f"« population » de {self.nom} doit être ≥ 0 (reçu : {self.population})"
            )
        for nom, valeur in (
            ("lits_touristiques", self.lits_touristiques),
            ("commerces", self.commerces),
        ):
            if valeur is not None and valeur < 0:
                raise ErreurValeur(f"« {nom} » de {self.nom} doit être ≥ 0 (reçu : {valeur})")
        taux = self.taux_residences_secondaires
        if taux is not None and not 0 <= taux <= 1:
            raise ErreurValeur(
                f"« taux_residences_secondaires » de {self.nom} doit être entre 0 et 100 %"
            )

    def indicateurs(self) -> dict[str, Decimal]:
        """Indicateurs disponibles (ceux dont les données sont renseignées)."""
        valeurs: dict[str, Decimal] = {"population": Decimal(self.population)}
        if self.population > 0:
            if self.lits_touristiques is not None:
                valeurs["lits_touristiques_par_habitant"] = Decimal(
                    self.lits_touristiques
                ) / Decimal(self.population)
            if self.commerces is not None:
                valeurs["commerces_pour_1000_habitants"] = (
                    Decimal(self.commerces) * _MILLE / Decimal(self.population)
                )
        if self.taux_residences_secondaires is not None:
            valeurs["taux_residences_secondaires"] = self.taux_residences_secondaires
        return valeurs


@attrs.frozen(kw_only=True)
class Tonnage:
    """Tonnes d'une matière ou d'un standard (barème par tonne)."""

    matiere: str
    tonnes: Decimal

    def __attrs_post_init__(self) -> None:
        if self.tonnes < 0:
            raise ErreurValeur(f"tonnage de « {self.matiere} » négatif (reçu : {self.tonnes})")


@attrs.frozen(kw_only=True)
class LigneCommune:
    """Le détail du calcul d'une commune."""

    commune: str
    population: int
    typologie: str
    libelle_typologie: str
    motif: str
    taux: Decimal
    ponderation: Decimal
    jours: int
    jours_annee: int
    montant: Decimal


@attrs.frozen(kw_only=True)
class LigneMatiere:
    """Le détail du calcul d'une matière (barème par tonne)."""

    matiere: str
    libelle: str
    tonnes: Decimal
    taux: Decimal
    ponderation: Decimal
    montant: Decimal


@attrs.frozen(kw_only=True)
class LignePenalite:
    """Une pénalité appliquée, avant plafond."""

    code: str
    libelle: str
    assiette: str
    montant: Decimal
    reference: str


@attrs.frozen(kw_only=True)
class ResultatSoutiens:
    """Soutiens d'une année : lignes, brut, pénalités, plafond, net."""

    bareme: Bareme
    annee: int
    du: dt.date
    au: dt.date
    coefficient: Decimal
    communes: tuple[LigneCommune, ...]
    matieres: tuple[LigneMatiere, ...]
    montant_brut: Decimal
    penalites: tuple[LignePenalite, ...]
    plafond: Decimal | None

    @property
    def total_penalites_avant_plafond(self) -> Decimal:
        return sum((p.montant for p in self.penalites), _ZERO)

    @property
    def total_penalites(self) -> Decimal:
        total = self.total_penalites_avant_plafond
        return total if self.plafond is None else min(total, self.plafond)

    @property
    def plafond_atteint(self) -> bool:
        return self.plafond is not None and self.total_penalites_avant_plafond > self.plafond

    @property
    def montant_net(self) -> Decimal:
        return self.montant_brut - self.total_penalites

    def _repr_html_(self) -> str:
        from collectivites.regles.rep.rendu import rendre_soutiens

        return rendre_soutiens(self, "html")


def classer_commune(bareme: Bareme, commune: Commune) -> tuple[Typologie, str]:
    """Typologie d'une commune et la raison, en clair.

    La typologie déclarée dans le dossier l'emporte (« déclarée »). Sinon : la tranche de
    population, puis une typologie par critères qui la remplace si au moins un critère est
    rempli. Interprétation : une typologie par critères ne remplace que celles qu'elle nomme
    (ALCOME : une commune urbaine dense reste urbaine dense).
    """
    par_code = {t.code: t for t in bareme.typologies}
    if commune.typologie is not None:
        if commune.typologie not in par_code:
            raise ErreurValeur(
                f"typologie inconnue pour {commune.nom} : « {commune.typologie} » "
                f"(attendu : {', '.join(par_code)})"
            )
        return par_code[commune.typologie], "déclarée dans le dossier"
    tranche = next(
        (
            t
            for t in bareme.typologies
            if not t.par_criteres
            and (t.population_min is None or commune.population >= t.population_min)
            and (t.population_max is None or commune.population < t.population_max)
        ),
        None,
    )
    if tranche is None:
        raise ErreurValeur(
            f"aucune typologie du barème « {bareme.code} » pour {commune.population} habitants"
        )
    motif = f"{commune.population} habitants permanents"
    indicateurs = commune.indicateurs()
    for typologie in bareme.typologies:
        if not typologie.par_criteres or tranche.code not in typologie.remplace:
            continue
        remplis = [
            c.libelle or f"{c.indicateur} {c.comparaison} {c.seuil}"
            for c in typologie.criteres
            if c.indicateur in indicateurs and c.est_rempli(indicateurs[c.indicateur])
        ]
        if remplis:
            return typologie, f"{motif} ; critère rempli : {' ; '.join(remplis)}"
        absents = [c.indicateur for c in typologie.criteres if c.indicateur not in indicateurs]
        if absents:
            motif += f" ; critères non renseignés : {', '.join(absents)}"
    return tranche, motif


def _jours(annee: int, du: dt.date, au: dt.date) -> tuple[int, int]:
    if du > au:
        raise ErreurValeur(
            f"« en_vigueur_du » ({du.isoformat()}) est postérieur à « en_vigueur_au » "
            f"({au.isoformat()})"
        )
    if du.year != annee or au.year != annee:
        raise ErreurValeur(
            f"la période de vigueur {du.isoformat()} – {au.isoformat()} doit être comprise dans "
            f"l'année {annee}"
        )
    return (au - du).days + 1, 366 if calendar.isleap(annee) else 365


def _penalites(
    bareme: Bareme, declarations: Mapping[str, int | bool], brut: Decimal
) -> list[LignePenalite]:
    connues = {p.code: p for p in bareme.penalites}
    inconnues = [code for code in declarations if code not in connues]
    if inconnues:
        raise ErreurValeur(
            f"pénalité inconnue du barème « {bareme.code} » : {', '.join(inconnues)} "
            f"(attendu : {', '.join(connues)})"
        )
    lignes = []
    for code, penalite in connues.items():
        valeur = declarations.get(code)
        if not valeur:
            continue
        if penalite.nature == "par_unite":
            if isinstance(valeur, bool) or valeur < 0:
                raise ErreurValeur(f"« {code} » doit être un nombre ≥ 0 (reçu : {valeur!r})")
            assert penalite.montant is not None
            montant = penalite.montant * valeur
            assiette = f"{valeur} × {formater_montant(penalite.montant)} €"
        else:
            if not isinstance(valeur, bool):
                raise ErreurValeur(f"« {code} » doit valoir true ou false (reçu : {valeur!r})")
            assert penalite.taux is not None
            montant = arrondir(brut * penalite.taux)
            assiette = f"{formater_taux(penalite.taux)} du brut"
        lignes.append(
            LignePenalite(
                code=code,
                libelle=penalite.libelle,
                assiette=assiette,
                montant=montant,
                reference=penalite.reference,
            )
        )
    return lignes


def calculer_soutiens(
    bareme: Bareme,
    annee: int,
    *,
    communes: Sequence[Commune] = (),
    tonnages: Sequence[Tonnage] = (),
    du: dt.date | None = None,
    au: dt.date | None = None,
    penalites: Mapping[str, int | bool] | None = None,
    coefficient: Decimal = Decimal(1),
) -> ResultatSoutiens:
    """Soutiens de l'année ``annee`` selon ``bareme``.

    ``du`` et ``au`` (inclus) bornent la vigueur du contrat dans l'année (défaut : toute
    l'année) ; ``coefficient`` multiplie tous les montants (taux d'acquittement, coefficient
    outre-mer…).
    """
    if not bareme.en_vigueur(annee):
        raise ErreurValeur(f"le barème « {bareme.code} » n'est pas en vigueur en {annee}")
    debut = du or dt.date(annee, 1, 1)
    fin = au or dt.date(annee, 12, 31)
    jours, jours_annee = _jours(annee, debut, fin)
    if not bareme.prorata_temporis:
        jours = jours_annee
    ponderation = bareme.ponderation(annee)
    poids = ponderation.coefficient if ponderation else Decimal(1)
    if coefficient < 0:
        raise ErreurValeur(f"« coefficient » doit être ≥ 0 (reçu : {coefficient})")

    def montant(assiette: Decimal, taux: Decimal) -> Decimal:
        """Assiette × taux × pondération × coefficient × jours / jours de l'année, au centime."""
        return arrondir(
            assiette * taux * poids * coefficient * Decimal(jours) / Decimal(jours_annee)
        )

    lignes_communes = []
    if bareme.assiette == "habitants":
        if tonnages:
            raise ErreurValeur(
                f"le barème « {bareme.code} » se calcule par habitant, pas par tonne"
            )
        if not communes:
            raise ErreurValeur("au moins une commune est nécessaire")
        noms = [c.nom for c in communes]
        doubles = sorted({n for n in noms if noms.count(n) > 1})
        if doubles:
            raise ErreurValeur(
                f"commune présente deux fois : {', '.join(doubles)} (un habitant ne doit pas "
                "donner lieu à plusieurs versements)"
            )
        for commune in communes:
            typologie, motif = classer_commune(bareme, commune)
            lignes_communes.append(
                LigneCommune(
                    commune=commune.nom,
                    population=commune.population,
                    typologie=typologie.code,
                    libelle_typologie=typologie.libelle,
                    motif=motif,
                    taux=typologie.taux,
                    ponderation=poids,
                    jours=jours,
                    jours_annee=jours_annee,
                    montant=montant(Decimal(commune.population), typologie.taux),
                )
            )
    lignes_matieres = []
    if bareme.assiette == "tonnes":
        if communes:
            raise ErreurValeur(
                f"le barème « {bareme.code} » se calcule par tonne, pas par habitant"
            )
        tarifs = {t.code: t for t in bareme.tarifs_tonne}
        for tonnage in tonnages:
            tarif = tarifs.get(tonnage.matiere)
            if tarif is None:
                raise ErreurValeur(
                    f"matière inconnue du barème « {bareme.code} » : « {tonnage.matiere} » "
                    f"(attendu : {', '.join(tarifs)})"
                )
            lignes_matieres.append(
                LigneMatiere(
                    matiere=tarif.code,
                    libelle=tarif.libelle,
                    tonnes=tonnage.tonnes,
                    taux=tarif.taux,
                    ponderation=poids,
                    montant=montant(tonnage.tonnes, tarif.taux),
                )
            )
    brut = sum((x.montant for x in lignes_communes), _ZERO) + sum(
        (x.montant for x in lignes_matieres), _ZERO
    )
    lignes_penalites = _penalites(bareme, penalites or {}, brut)
    plafond = (
        arrondir(brut * bareme.plafond_penalites) if bareme.plafond_penalites is not None else None
    )
    return ResultatSoutiens(
        bareme=bareme,
        annee=annee,
        du=debut,
        au=fin,
        coefficient=coefficient,
        communes=tuple(lignes_communes),
        matieres=tuple(lignes_matieres),
        montant_brut=brut,
        penalites=tuple(lignes_penalites),
        plafond=plafond,
    )
