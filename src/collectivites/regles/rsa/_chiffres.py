"""Chiffres que fixe la convention et que l'on vérifie : avances aux allocataires, seuil des
remises de dette, répartition des compétences (art. 3)."""

from __future__ import annotations

import functools
from decimal import Decimal

import attrs

from collectivites._moteur import moteur
from collectivites.donnees import lire_csv_paquet
from collectivites.erreurs import ErreurValeur
from collectivites.regles.rsa._modeles import ConventionRsa

__all__ = [
    "Competence",
    "avances_restantes",
    "competences_lozere",
    "instance_remise_dette",
    "plafond_avance",
]


@attrs.frozen(kw_only=True)
class Competence:
    """Une compétence de l'article 3 et sa catégorie (``deleguee_gratuite``,
    ``deleguee_retribuable``, ``non_deleguee``)."""

    article: str
    categorie: str
    competence: str


@functools.cache
def competences_lozere() -> tuple[Competence, ...]:
    """Répartition des compétences de la convention Lozère / CCSS (art. 3.1 à 3.3)."""
    return tuple(Competence(**ligne) for ligne in lire_csv_paquet("rsa_delegations_lozere.csv"))


@moteur
def plafond_avance(convention: ConventionRsa, *, couple: bool, enfants: int) -> Decimal:
    """Plafond d'une avance à un allocataire (art. 3.1) : « 100€ pour une personne seule, 150€
    pour un couple ou 1 personne avec un enfant à charge et 200€ pour les familles avec
    enfant(s) ».

    Interprétation : une personne seule avec un seul enfant relève du cas le plus précis
    (150 €) ; une famille est un couple avec enfant(s), ou une personne seule avec deux enfants
    ou plus (200 €).
    """
    plafonds = convention.plafonds_avance
    if plafonds is None:
        raise ErreurValeur("la convention ne fixe pas de plafonds d'avance", cle="plafonds_avance")
    if enfants < 0:
        raise ErreurValeur("nombre d'enfants négatif", cle="enfants", valeur=enfants, attendu="≥ 0")
    if enfants == 0:
        return plafonds.couple_ou_un_enfant if couple else plafonds.personne_seule
    if enfants == 1 and not couple:
        return plafonds.couple_ou_un_enfant
    return plafonds.famille_avec_enfants


@moteur
def avances_restantes(convention: ConventionRsa, *, deja_versees: int) -> int:
    """Avances encore possibles dans l'année : « dans la limite de 2 par an » (art. 3.1)."""
    plafonds = convention.plafonds_avance
    if plafonds is None:
        raise ErreurValeur("la convention ne fixe pas de plafonds d'avance", cle="plafonds_avance")
    if deja_versees < 0:
        raise ErreurValeur(
            "nombre d'avances négatif", cle="deja_versees", valeur=deja_versees, attendu="≥ 0"
        )
    return max(0, plafonds.nombre_par_an - deja_versees)


@moteur
def instance_remise_dette(
    convention: ConventionRsa, *, dette: Decimal, montant_forfaitaire: Decimal
) -> str:
    """Qui examine une demande de remise de dette : la CAF (délégation, art. 3.1) pour une dette
    « inférieure à trois fois le montant forfaitaire », le département (art. 3.3) au-delà.

    Interprétation : à égalité exacte, le département (la délégation ne vise que « inférieure »).
    """
    multiple = convention.multiple_remise_dette
    if multiple is None:
        raise ErreurValeur(
            "la convention ne fixe pas de seuil de remise de dette", cle="multiple_remise_dette"
        )
    if dette < 0:
        raise ErreurValeur("dette négative", cle="dette", valeur=dette, attendu="≥ 0")
    if montant_forfaitaire <= 0:
        raise ErreurValeur(
            "montant forfaitaire nul ou négatif",
            cle="montant_forfaitaire",
            valeur=montant_forfaitaire,
            attendu="> 0",
        )
    return "CAF" if dette < multiple * montant_forfaitaire else "département"
