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

from collectivites._champs import (
    decimal_optionnel_depuis_entier,
    v_decimal,
    v_entier,
    v_texte,
)
from collectivites._moteur import difference, moteur, somme
from collectivites.chargement import cle_unicite
from collectivites.erreurs import ErreurType, ErreurValeur
from collectivites.monnaie import arrondir, formater_montant
from collectivites.presentation import Presentable
from collectivites.regles.rep._bareme import (
    Assiette,
    Bareme,
    Indicateur,
    NaturePenalite,
    Penalite,
    Typologie,
)
from collectivites.taux import formater_taux

__all__ = [
    "ClassementCommune",
    "CommuneRep",
    "LigneCommune",
    "LigneMatiere",
    "LignePenalite",
    "ResultatSoutiens",
    "Tonnage",
    "calculer_soutiens",
    "classer_commune",
]

_ZERO = Decimal("0.00")  # un montant au centime, même quand rien ne s'additionne
_MILLE = Decimal(1000)
#: Plus grande population acceptée (la plus grande commune de France compte ~2,1 millions
#: d'habitants ; un groupement peut en déclarer davantage par commune agrégée).
POPULATION_MAX = 100_000_000


@attrs.frozen(kw_only=True)
class CommuneRep:
    """Une commune et les données de sa typologie (population permanente ; critères
    facultatifs). ``typologie`` explicite l'emporte sur le calcul.

    Anciennement ``Commune``, nom qu'emploie aussi
    :class:`collectivites.regles.indemnites.Commune` (la commune des indemnités des élus)."""

    nom: str = attrs.field(validator=v_texte(vide=False))
    population: int = attrs.field(validator=v_entier(minimum=0, maximum=POPULATION_MAX))
    lits_touristiques: int | None = attrs.field(
        default=None, validator=v_entier(minimum=0, maximum=10 * POPULATION_MAX, optionnel=True)
    )
    taux_residences_secondaires: Decimal | None = attrs.field(
        default=None,
        converter=decimal_optionnel_depuis_entier,
        validator=v_decimal(minimum=Decimal(0), maximum=Decimal(1), optionnel=True),
    )
    commerces: int | None = attrs.field(
        default=None, validator=v_entier(minimum=0, maximum=POPULATION_MAX, optionnel=True)
    )
    typologie: str | None = attrs.field(default=None, validator=v_texte(optionnel=True))

    def indicateurs(self) -> dict[Indicateur, Decimal]:
        """Indicateurs disponibles (ceux dont les données sont renseignées)."""
        valeurs = {Indicateur.POPULATION: Decimal(self.population)}
        if self.population > 0:
            if self.lits_touristiques is not None:
                valeurs[Indicateur.LITS_TOURISTIQUES_PAR_HABITANT] = Decimal(
                    self.lits_touristiques
                ) / Decimal(self.population)
            if self.commerces is not None:
                valeurs[Indicateur.COMMERCES_POUR_1000_HABITANTS] = (
                    Decimal(self.commerces) * _MILLE / Decimal(self.population)
                )
        if self.taux_residences_secondaires is not None:
            valeurs[Indicateur.TAUX_RESIDENCES_SECONDAIRES] = self.taux_residences_secondaires
        return valeurs


@attrs.frozen(kw_only=True)
class Tonnage:
    """Tonnes d'une matière ou d'un standard (barème par tonne)."""

    matiere: str = attrs.field(validator=v_texte(vide=False))
    tonnes: Decimal = attrs.field(validator=v_decimal(minimum=Decimal(0), maximum=Decimal("1e9")))


@attrs.frozen(kw_only=True)
class ClassementCommune:
    """Pourquoi une commune a sa typologie : déclarée, ou sa tranche de population et les
    critères remplis (ou non renseignés)."""

    typologie: Typologie
    declaree: bool = False
    population: int = 0
    criteres_remplis: tuple[str, ...] = ()
    criteres_absents: tuple[Indicateur, ...] = ()

    @property
    def motif(self) -> str:
        """Le motif en clair."""
        if self.declaree:
            return "déclarée dans le dossier"
        motif = f"{self.population} habitants permanents"
        if self.criteres_remplis:
            return f"{motif} ; critère rempli : {' ; '.join(self.criteres_remplis)}"
        if self.criteres_absents:
            absents = ", ".join(i.libelle for i in self.criteres_absents)
            motif += f" ; critères non renseignés : {absents}"
        return motif


@attrs.frozen(kw_only=True)
class LigneCommune:
    """Le détail du calcul d'une commune."""

    commune: str
    population: int
    classement: ClassementCommune
    ponderation: Decimal
    jours: int
    jours_annee: int
    montant: Decimal

    @property
    def typologie(self) -> str:
        return self.classement.typologie.code

    @property
    def libelle_typologie(self) -> str:
        return self.classement.typologie.libelle

    @property
    def taux(self) -> Decimal:
        return self.classement.typologie.taux

    @property
    def motif(self) -> str:
        return self.classement.motif


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
    """Une pénalité appliquée, avant plafond : ``nombre`` × montant unitaire, ou taux du brut."""

    penalite: Penalite
    nombre: int
    montant: Decimal

    @property
    def code(self) -> str:
        return self.penalite.code

    @property
    def libelle(self) -> str:
        return self.penalite.libelle

    @property
    def reference(self) -> str:
        return self.penalite.reference

    @property
    def assiette(self) -> str:
        """« 2 × 100,00 € » ou « 10 % du brut »."""
        if self.penalite.nature is NaturePenalite.PAR_UNITE:
            assert self.penalite.montant is not None
            return f"{self.nombre} × {formater_montant(self.penalite.montant)} €"
        assert self.penalite.taux is not None
        return f"{formater_taux(self.penalite.taux)} du brut"


@attrs.frozen(kw_only=True)
class ResultatSoutiens(Presentable):
    """Soutiens d'une année sur ``[debut, fin)`` : lignes, brut, pénalités, plafond, net."""

    bareme: Bareme
    annee: int
    debut: dt.date
    fin: dt.date
    coefficient: Decimal
    communes: tuple[LigneCommune, ...]
    matieres: tuple[LigneMatiere, ...]
    montant_brut: Decimal
    penalites: tuple[LignePenalite, ...]
    plafond: Decimal | None
    hypotheses: tuple[str, ...] = ()

    @property
    def total_penalites_avant_plafond(self) -> Decimal:
        return somme(p.montant for p in self.penalites)

    @property
    def total_penalites(self) -> Decimal:
        total = self.total_penalites_avant_plafond
        return total if self.plafond is None else min(total, self.plafond)

    @property
    def plafond_atteint(self) -> bool:
        """Les pénalités atteignent le plafond (art. 21 : elles « ne peu[vent] toutefois
        dépasser » 15 % du brut) : égales ou supérieures, elles valent le plafond."""
        return self.plafond is not None and self.total_penalites_avant_plafond >= self.plafond

    @property
    def montant_net(self) -> Decimal:
        return difference(self.montant_brut, self.total_penalites)


@moteur
def classer_commune(bareme: Bareme, commune: CommuneRep) -> ClassementCommune:
    """Typologie d'une commune et sa raison.

    La typologie déclarée dans le dossier l'emporte. Sinon : la tranche de population, puis une
    typologie par critères qui la remplace si au moins un critère est rempli. Interprétation :
    une typologie par critères ne remplace que celles qu'elle nomme (ALCOME : une commune
    urbaine dense reste urbaine dense).
    """
    par_code = {t.code: t for t in bareme.typologies}
    if commune.typologie is not None:
        if commune.typologie not in par_code:
            raise ErreurValeur(
                f"typologie inconnue pour {commune.nom}",
                cle="typologie",
                valeur=commune.typologie,
                attendu=", ".join(par_code),
            )
        return ClassementCommune(typologie=par_code[commune.typologie], declaree=True)
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
            f"aucune typologie du barème « {bareme.code} » pour cette population",
            cle="population",
            valeur=commune.population,
        )
    indicateurs = commune.indicateurs()
    absents: list[Indicateur] = []
    for typologie in bareme.typologies:
        if not typologie.par_criteres or tranche.code not in typologie.remplace:
            continue
        remplis = tuple(
            c.description
            for c in typologie.criteres
            if c.indicateur in indicateurs and c.est_rempli(indicateurs[c.indicateur])
        )
        if remplis:
            return ClassementCommune(
                typologie=typologie, population=commune.population, criteres_remplis=remplis
            )
        absents += [c.indicateur for c in typologie.criteres if c.indicateur not in indicateurs]
    return ClassementCommune(
        typologie=tranche, population=commune.population, criteres_absents=tuple(absents)
    )


def _jours(annee: int, debut: dt.date, fin: dt.date) -> tuple[int, int]:
    """Jours de vigueur dans l'année et jours de l'année (365 ou 366)."""
    if fin <= debut:
        raise ErreurValeur(
            "la fin de vigueur ne suit pas son début",
            cle="fin",
            valeur=fin,
            attendu=f"une date après le {debut.isoformat()}",
        )
    if debut.year != annee or (fin - dt.timedelta(days=1)).year != annee:
        raise ErreurValeur(
            f"la période de vigueur doit être comprise dans l'année {annee}",
            cle="debut" if debut.year != annee else "fin",
            valeur=f"{debut.isoformat()} – {(fin - dt.timedelta(days=1)).isoformat()}",
        )
    return (fin - debut).days, 366 if calendar.isleap(annee) else 365


def _penalites(
    bareme: Bareme, declarations: Mapping[str, int | bool], brut: Decimal
) -> list[LignePenalite]:
    connues = {p.code: p for p in bareme.penalites}
    for code in declarations:
        if code not in connues:
            raise ErreurValeur(
                f"pénalité inconnue du barème « {bareme.code} »",
                cle=f"penalites.{code}",
                valeur=code,
                attendu=", ".join(connues) or "aucune pénalité",
            )
    lignes = []
    for code, penalite in connues.items():
        valeur = declarations.get(code)
        if not valeur:
            continue
        if penalite.nature is NaturePenalite.PAR_UNITE:
            if isinstance(valeur, bool) or valeur < 0 or valeur > 100_000:
                raise ErreurValeur(
                    "nombre de manquements invalide",
                    cle=f"penalites.{code}",
                    valeur=valeur,
                    attendu="un nombre entier de 0 à 100 000",
                )
            assert penalite.montant is not None
            lignes.append(
                LignePenalite(penalite=penalite, nombre=valeur, montant=penalite.montant * valeur)
            )
        else:
            if not isinstance(valeur, bool):
                raise ErreurType(
                    "type refusé", cle=f"penalites.{code}", valeur=valeur, attendu="true ou false"
                )
            assert penalite.taux is not None
            lignes.append(
                LignePenalite(penalite=penalite, nombre=1, montant=arrondir(brut * penalite.taux))
            )
    return lignes


def _lignes_communes(
    bareme: Bareme,
    communes: Sequence[CommuneRep],
    montant: object,
    jours: tuple[int, int],
    poids: Decimal,
) -> list[LigneCommune]:
    if not communes:
        raise ErreurValeur("au moins une commune est nécessaire", cle="communes")
    vus: dict[str, str] = {}
    for commune in communes:
        cle = cle_unicite(commune.nom)
        if cle in vus:
            raise ErreurValeur(
                "commune présente deux fois (un habitant ne doit pas donner lieu à plusieurs "
                "versements)",
                cle="communes",
                valeur=commune.nom,
            )
        vus[cle] = commune.nom
    lignes = []
    for commune in communes:
        classement = classer_commune(bareme, commune)
        lignes.append(
            LigneCommune(
                commune=commune.nom,
                population=commune.population,
                classement=classement,
                ponderation=poids,
                jours=jours[0],
                jours_annee=jours[1],
                montant=montant(Decimal(commune.population), classement.typologie.taux),  # type: ignore[operator]
            )
        )
    return lignes


def _lignes_matieres(
    bareme: Bareme, tonnages: Sequence[Tonnage], montant: object, poids: Decimal
) -> list[LigneMatiere]:
    tarifs = {t.code: t for t in bareme.tarifs_tonne}
    vues: set[str] = set()
    lignes = []
    for tonnage in tonnages:
        tarif = tarifs.get(tonnage.matiere)
        if tarif is None:
            raise ErreurValeur(
                f"matière inconnue du barème « {bareme.code} »",
                cle="tonnages",
                valeur=tonnage.matiere,
                attendu=", ".join(tarifs),
            )
        if tarif.code in vues:
            raise ErreurValeur("matière présente deux fois", cle="tonnages", valeur=tarif.code)
        vues.add(tarif.code)
        lignes.append(
            LigneMatiere(
                matiere=tarif.code,
                libelle=tarif.libelle,
                tonnes=tonnage.tonnes,
                taux=tarif.taux,
                ponderation=poids,
                montant=montant(tonnage.tonnes, tarif.taux),  # type: ignore[operator]
            )
        )
    return lignes


@moteur
def calculer_soutiens(
    bareme: Bareme,
    annee: int,
    *,
    communes: Sequence[CommuneRep] = (),
    tonnages: Sequence[Tonnage] = (),
    debut: dt.date | None = None,
    fin: dt.date | None = None,
    penalites: Mapping[str, int | bool] | None = None,
    coefficient: Decimal = Decimal(1),
    hypotheses: Sequence[str] = (),
) -> ResultatSoutiens:
    """Soutiens de l'année ``annee`` selon ``bareme``.

    ``[debut, fin)`` borne la vigueur du contrat dans l'année (défaut : toute l'année) ;
    ``coefficient`` multiplie tous les montants (taux d'acquittement, coefficient outre-mer…).
    """
    if not bareme.en_vigueur(annee):
        raise ErreurValeur(
            f"le barème « {bareme.code} » n'est pas en vigueur cette année",
            cle="annee",
            valeur=annee,
        )
    if not Decimal(0) <= coefficient <= Decimal(10):
        raise ErreurValeur(
            "coefficient hors des bornes",
            cle="coefficient",
            valeur=coefficient,
            attendu="de 0 à 10",
        )
    debut = debut or dt.date(annee, 1, 1)
    fin = fin or dt.date(annee + 1, 1, 1)
    jours, jours_annee = _jours(annee, debut, fin)
    if not bareme.prorata_temporis:
        jours = jours_annee
    ponderation = bareme.ponderation(annee)
    poids = ponderation.coefficient if ponderation else Decimal(1)

    def montant(assiette: Decimal, taux: Decimal) -> Decimal:
        """Assiette × taux × pondération × coefficient × jours / jours de l'année, au centime."""
        return arrondir(
            assiette * taux * poids * coefficient * Decimal(jours) / Decimal(jours_annee)
        )

    lignes_communes: list[LigneCommune] = []
    lignes_matieres: list[LigneMatiere] = []
    if bareme.assiette is Assiette.HABITANTS:
        if tonnages:
            raise ErreurValeur(
                f"le barème « {bareme.code} » se calcule par habitant, pas par tonne",
                cle="tonnages",
            )
        lignes_communes = _lignes_communes(bareme, communes, montant, (jours, jours_annee), poids)
    else:
        if communes:
            raise ErreurValeur(
                f"le barème « {bareme.code} » se calcule par tonne, pas par habitant",
                cle="communes",
            )
        lignes_matieres = _lignes_matieres(bareme, tonnages, montant, poids)
    brut = sum((x.montant for x in lignes_communes), _ZERO) + sum(
        (x.montant for x in lignes_matieres), _ZERO
    )
    plafond = bareme.plafond_penalites
    return ResultatSoutiens(
        bareme=bareme,
        annee=annee,
        debut=debut,
        fin=fin,
        coefficient=coefficient,
        communes=tuple(lignes_communes),
        matieres=tuple(lignes_matieres),
        montant_brut=brut,
        penalites=tuple(_penalites(bareme, penalites or {}, brut)),
        plafond=arrondir(brut * plafond) if plafond is not None else None,
        hypotheses=tuple(hypotheses),
    )
