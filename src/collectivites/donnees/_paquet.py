"""Lecture des fichiers de données du paquet (``collectivites/donnees/``)."""

from __future__ import annotations

import csv
import io
import re
from importlib import resources

from collectivites._moteur import moteur
from collectivites.erreurs import ErreurDonnees

__all__ = ["lire_csv_paquet", "lire_texte_paquet"]

_NOM_DE_DONNEES = re.compile(r"[a-z0-9_-]+(/[a-z0-9_-]+)*\.(csv|toml)")


@moteur
def lire_texte_paquet(nom: str) -> str:
    """Texte d'un fichier de données du paquet (``collectivites/donnees/<nom>``). Le nom est un
    chemin relatif simple (``baremes/alcome.toml``) : ni chemin absolu, ni « .. »."""
    if not isinstance(nom, str) or not _NOM_DE_DONNEES.fullmatch(nom):
        raise ErreurDonnees(
            "nom de fichier de données invalide",
            cle="nom",
            valeur=nom,
            attendu="un nom relatif de fichier .csv ou .toml du paquet (lettres minuscules, "
            "chiffres, « _ », « - », « / »)",
        )
    try:
        return resources.files("collectivites.donnees").joinpath(nom).read_text(encoding="utf-8")
    except (OSError, ValueError):
        raise ErreurDonnees("fichier de données absent du paquet", valeur=nom) from None


@moteur
def lire_csv_paquet(nom: str) -> list[dict[str, str]]:
    """Lignes d'un CSV du paquet, sans ses lignes de commentaire ``#``."""
    texte = lire_texte_paquet(nom)
    lignes = [ligne for ligne in texte.splitlines() if not ligne.startswith("#")]
    return list(csv.DictReader(io.StringIO("\n".join(lignes))))
