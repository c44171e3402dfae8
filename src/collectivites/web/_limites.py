"""Les limites du service web, en un seul endroit : ``collectivites servir`` les offre en
options, l'application et le serveur les appliquent, la documentation de déploiement les cite.

Module léger (aucune dépendance de l'extra « web ») : la ligne de commande le lit pour son aide.
"""

from __future__ import annotations

import math

__all__ = [
    "ATTENTE_CONSEILLEE",
    "CHIFFRES_MAX",
    "CONNEXIONS_MAX",
    "DELAI_CALCUL",
    "DELAI_CORPS",
    "DELAI_ENTETES",
    "DELAI_INACTIVITE",
    "LONGUEUR_MAX_TEXTE",
    "OCTETS_MAX_NOM",
    "PROCESSUS_MAX",
    "TAILLE_MAX_ENTETES",
    "TAILLE_MAX_REQUETE",
    "lire_secondes",
]

TAILLE_MAX_REQUETE = 20 * 1024 * 1024
"""Taille maximale d'une requête (corps), en octets : 20 Mo (413 au-delà)."""
DELAI_CORPS = 60.0
"""Secondes laissées au client pour envoyer tout le corps de sa requête (408 au-delà)."""
DELAI_CALCUL = 60.0
"""Durée maximale d'un calcul, en secondes, avant que son processus soit tué (504)."""
ATTENTE_CONSEILLEE = 5
"""Secondes proposées au client refusé faute de place (en-tête ``Retry-After`` du 503)."""
DELAI_ENTETES = 10.0
"""Secondes laissées au client pour envoyer la ligne de requête et les en-têtes, comptées dès
l'ouverture de la connexion ou la fin de la réponse précédente (connexion fermée au-delà)."""
DELAI_INACTIVITE = 5
"""Secondes d'attente d'une nouvelle requête sur une connexion gardée ouverte (keep-alive)."""
TAILLE_MAX_ENTETES = 16 * 1024
"""Taille maximale de la ligne de requête et des en-têtes, en octets (400 ou 431 au-delà)."""
CONNEXIONS_MAX = 100
"""Connexions ouvertes (ou requêtes en cours) au-delà desquelles une requête répond 503."""
CHIFFRES_MAX = 40
"""Longueur maximale d'un nombre JSON, en caractères : une année, un montant, un taux tiennent dans
bien moins ; un entier de 5 000 chiffres n'a rien à faire dans une requête (422)."""
LONGUEUR_MAX_TEXTE = 1000
"""Longueur maximale d'une valeur d'option en texte (date, durée, montant, mot-clé…), en caractères
(422 au-delà) ; les contenus de fichiers n'en sont pas."""
OCTETS_MAX_NOM = 120
"""Longueur maximale, en octets UTF-8, du nom d'un fichier déposé (les systèmes de fichiers en
permettent 255) : un nom plus long est coupé, son extension gardée."""
PROCESSUS_MAX = 64
"""Processus de serveur au plus (``--processus``) : chacun a ses propres calculs simultanés."""


def lire_secondes(texte: str) -> float:
    """Une durée en secondes, de 0,1 à 86 400 (« 30 », « 2,5 ») ; ``ValueError`` sinon (le
    message dit ce qui est attendu)."""
    propre = texte.strip().replace(",", ".")
    try:
        valeur = float(propre) if len(propre) <= 12 else math.nan
    except ValueError:
        valeur = math.nan
    if not 0.1 <= valeur <= 86_400:  # faux aussi pour nan et inf
        raise ValueError("des secondes, de 0,1 à 86 400")
    return valeur
