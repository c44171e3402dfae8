"""Le registre des barèmes : ceux du paquet (enregistrés dans le code) puis ceux des greffons.

Les barèmes livrés et ceux des greffons suivent le même contrat : une fonction sans argument qui
rend une liste de :class:`~collectivites.regles.rep.Bareme` (les versions successives d'un même
code). Les greffons se déclarent par le groupe de points d'entrée ``collectivites.baremes``.
"""

from __future__ import annotations

import difflib
import functools
from importlib import metadata, resources

from collectivites._moteur import moteur
from collectivites.erreurs import ErreurDonnees, ErreurPlugin
from collectivites.regles.rep._bareme import Bareme
from collectivites.regles.rep._schemas import bareme_depuis_toml

__all__ = ["bareme_en_vigueur", "baremes_disponibles", "baremes_livres"]

GROUPE_POINTS_ENTREE = "collectivites.baremes"


def baremes_livres() -> list[Bareme]:
    """Barèmes livrés avec le paquet (point d'entrée ``collectivites.baremes`` « livres »)."""
    dossier = resources.files("collectivites.donnees").joinpath("baremes")
    return [
        bareme_depuis_toml(p.read_text(encoding="utf-8"), fichier=f"donnees/baremes/{p.name}")
        for p in sorted(dossier.iterdir(), key=lambda p: p.name)
        if p.name.endswith(".toml")
    ]


@functools.cache
def _tous() -> tuple[Bareme, ...]:
    """Les barèmes livrés (enregistrés dans le code : une copie des sources sans métadonnées
    d'installation les trouve) puis ceux des greffons (points d'entrée), par le même contrat :
    une fonction sans argument qui rend des :class:`Bareme`."""
    resultat: list[Bareme] = list(baremes_livres())
    for point in metadata.entry_points(group=GROUPE_POINTS_ENTREE):
        try:
            fabrique = point.load()
            baremes = list(fabrique())
        except Exception as exc:
            distribution = point.dist.name if point.dist else "?"
            raise ErreurPlugin(
                f"le greffon de barèmes « {point.name} » ({point.value}, distribution "
                f"{distribution}) est défectueux : {exc}"
            ) from exc
        for bareme in baremes:
            if not isinstance(bareme, Bareme):
                raise ErreurPlugin(
                    f"le greffon de barèmes « {point.name} » ({point.value}) rend autre chose "
                    "qu'un Bareme",
                    valeur=bareme,
                )
        resultat.extend(baremes)
    return tuple(resultat)


def baremes_disponibles() -> list[str]:
    """Codes des barèmes connus (livrés et greffons)."""
    return sorted({b.code for b in _tous()})


@moteur
def bareme_en_vigueur(code: str, annee: int) -> Bareme:
    """La version du barème ``code`` en vigueur l'année ``annee`` (un code qui n'est pas un
    texte, une année qui n'est pas un entier : refusés par le moteur, avant tout)."""
    versions = [b for b in _tous() if b.code == code]
    if not versions:
        proches = difflib.get_close_matches(code, baremes_disponibles(), n=1)
        suggestion = f" ; vouliez-vous dire « {proches[0]} » ?" if proches else ""
        raise ErreurDonnees(
            f"barème inconnu{suggestion}",
            cle="bareme",
            valeur=code,
            attendu=", ".join(baremes_disponibles()),
        )
    en_vigueur = [b for b in versions if b.en_vigueur(annee)]
    if not en_vigueur:
        periodes = ", ".join(
            f"{b.debut.year}–{b.dernier_jour.year if b.dernier_jour else '…'}"
            for b in sorted(versions, key=lambda b: b.debut)
        )
        raise ErreurDonnees(
            f"aucune version du barème « {code} » n'est en vigueur cette année",
            cle="annee",
            valeur=annee,
            attendu=f"une année des versions : {periodes}",
        )
    if len(en_vigueur) > 1:
        raise ErreurDonnees(
            f"plusieurs versions du barème « {code} » couvrent {annee}", cle="annee"
        )
    return en_vigueur[0]
