"""Autres chiffres des contrats REP : cendriers de poche, seuil d'enlèvement, remboursement d'un
trop-perçu avec l'intérêt légal."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_FLOOR, Decimal

import attrs

from collectivites._interets import PeriodeInterets, interets_par_periodes, table_periodes
from collectivites._moteur import moteur, somme
from collectivites.donnees import SerieDatee, serie_livree
from collectivites.erreurs import ErreurValeur
from collectivites.monnaie import arrondir, en_decimal
from collectivites.presentation import Presentable
from collectivites.regles.rep._bareme import Bareme
from collectivites.tables import Document, Genre, faits

__all__ = [
    "ResultatTropPercu",
    "cendriers_de_poche",
    "enlevement_possible",
    "interet_legal",
    "remboursement_trop_percu",
]


@moteur
def cendriers_de_poche(bareme: Bareme, population: int) -> int:
    """Cendriers de poche mis à disposition par an (ALCOME, art. 18 : « 50 cendriers pour 1000
    habitants et par an »), arrondis à l'entier inférieur (interprétation : le texte ne dit pas
    comment arrondir ; on ne promet pas un cendrier entamé)."""
    if population < 0:
        raise ErreurValeur(
            "population négative", cle="population", valeur=population, attendu="≥ 0"
        )
    par_mille = en_decimal(bareme.autre("cendriers_de_poche_pour_1000_habitants"))
    return int((par_mille * population / 1000).to_integral_value(rounding=ROUND_FLOOR))


@moteur
def enlevement_possible(bareme: Bareme, kilogrammes: Decimal) -> bool:
    """ALCOME enlève les mégots collectés séparément « par quantité minimale de 100 kg »."""
    return kilogrammes >= en_decimal(bareme.autre("seuil_enlevement_kg"))


@moteur
def interet_legal(categorie: str = "autres_cas") -> SerieDatee:
    """Taux de l'intérêt légal par semestre depuis 2015 (C. mon. fin. L313-2) : ``particuliers``
    (créancier personne physique hors besoins professionnels) ou ``autres_cas``."""
    categories = ("particuliers", "autres_cas")
    if not isinstance(categorie, str) or categorie not in categories:
        raise ErreurValeur(
            "catégorie inconnue", cle="categorie", valeur=categorie, attendu=", ".join(categories)
        )
    # Confirmée jusqu'à la fin du dernier semestre fixé par arrêté ; au-delà, le dernier taux est
    # reporté et le résultat le dit (hypothèses).
    return serie_livree(f"interet_legal_{categorie}")


@attrs.frozen(kw_only=True)
class ResultatTropPercu(Presentable):
    """Trop-perçu, intérêts au taux légal par période de taux ``[debut, fin)``, et total à
    rembourser.

    Anciennement ``ResultatRemboursement``, nom qu'emploie aussi
    :class:`collectivites.prets.ResultatRemboursement` (remboursement anticipé d'un prêt)."""

    trop_percu: Decimal
    periodes: tuple[PeriodeInterets, ...]
    interets: Decimal
    avertissements: tuple[str, ...] = ()

    @property
    def total(self) -> Decimal:
        return somme((self.trop_percu, self.interets))

    def decrire(self) -> Document:
        """Les périodes à taux constant et le total."""
        return Document(
            titre="Remboursement d'un trop-perçu avec l'intérêt légal",
            faits=faits(
                ("trop_percu", "Trop-perçu", self.trop_percu, Genre.MONTANT),
                ("interets", "Intérêts au taux légal", self.interets, Genre.MONTANT),
                ("total", "Total à rembourser", self.total, Genre.MONTANT),
            ),
            tables=(table_periodes(self.periodes, libelle_taux="Taux légal"),),
            hypotheses=self.avertissements,
        )


@moteur
def remboursement_trop_percu(
    trop_percu: Decimal, versement: dt.date, restitution: dt.date, *, categorie: str = "autres_cas"
) -> ResultatTropPercu:
    """Trop-perçu « majoré des intérêts au taux légal en vigueur calculés sur la période entre le
    versement de ce trop-perçu et sa restitution » (ALCOME, art. 21.3).

    Interprétation : intérêts simples, jours exacts sur 365, au taux de chaque semestre ; le
    créancier (l'éco-organisme) relève des « autres cas ». Au-delà du dernier semestre fixé par
    arrêté, le dernier taux est reporté et le résultat le dit dans ses hypothèses.
    """
    if restitution < versement:
        raise ErreurValeur(
            "la restitution précède le versement",
            cle="restitution",
            valeur=restitution,
            attendu=f"une date à partir du {versement.isoformat()}",
        )
    if trop_percu < 0:
        raise ErreurValeur("trop-perçu négatif", cle="trop_percu", valeur=trop_percu, attendu="≥ 0")
    serie = interet_legal(categorie)
    periodes = interets_par_periodes(trop_percu, versement, restitution, serie)
    return ResultatTropPercu(
        trop_percu=trop_percu,
        periodes=tuple(periodes),
        interets=arrondir(sum((p.interets for p in periodes), Decimal(0))),
        avertissements=(
            serie.avertissements(restitution - dt.timedelta(days=1))
            if restitution > versement
            else ()
        ),
    )
