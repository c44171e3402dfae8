"""Les séries livrées avec le paquet (Livret A, LEP, intérêt légal, EONIA) et leur prolongement
par les fichiers de l'utilisateur, entre deux versions de la bibliothèque.

Le dossier utilisateur est celui de la variable d'environnement ``COLLECTIVITES_DONNEES`` (vide :
aucun prolongement), sinon ``$XDG_DATA_HOME/collectivites`` (par défaut
``~/.local/share/collectivites``, ``%APPDATA%\\collectivites`` sous Windows). Un fichier
``series/livret_a.csv`` de ce dossier prolonge ``livret_a.csv`` du paquet, au même format. Il est
vérifié au chargement : mêmes colonnes, une source par ligne, aucune contradiction avec une valeur
livrée, aucun trou (mois ou semestres consécutifs pour une série mensuelle ou semestrielle), une
date de confirmation qui ne recule pas. Tout résultat qui utilise une valeur ajoutée le dit dans
ses hypothèses.
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import os
import sys
from pathlib import Path

import attrs

from collectivites._enum import EnumFr, decrire
from collectivites.chargement import lire_cellule, lire_csv, lire_texte
from collectivites.dates import ajouter_mois, lire_date
from collectivites.donnees._paquet import lire_texte_paquet
from collectivites.donnees._series import (
    ApresDerniere,
    PointSerie,
    SerieDatee,
    lire_metadonnees,
    lire_serie_csv,
)
from collectivites.erreurs import ErreurDonnees, ErreurDossier, ErreurType

__all__ = [
    "VARIABLE_DOSSIER",
    "FichierLivre",
    "Periodicite",
    "dossier_utilisateur",
    "fichier_livre",
    "fichiers_livres",
    "prolonger_fichier",
    "serie_livree",
    "series_du_paquet",
    "series_livrees",
]

#: Variable d'environnement qui désigne le dossier utilisateur (vide : aucun prolongement).
VARIABLE_DOSSIER = "COLLECTIVITES_DONNEES"


class Periodicite(EnumFr):
    """Le rythme des valeurs d'une série, qui dit ce qu'est un trou."""

    EVENEMENTS = "evenements"
    MENSUELLE = "mensuelle"
    SEMESTRIELLE = "semestrielle"


decrire(
    Periodicite,
    {
        "evenements": "une valeur à chaque changement (aucun rythme imposé)",
        "mensuelle": "une valeur par mois, datée du premier jour du mois",
        "semestrielle": "une valeur par semestre, au 1er janvier et au 1er juillet",
    },
)


@attrs.frozen(kw_only=True)
class FichierLivre:
    """Un fichier CSV du paquet et les séries qu'il porte : ``colonnes`` associe le nom de chaque
    série à sa colonne de valeurs."""

    fichier: str
    colonnes: tuple[tuple[str, str, str], ...]  # (série, colonne, libellé)
    apres_derniere: ApresDerniere = ApresDerniere.REPORTER

    @property
    def series(self) -> tuple[str, ...]:
        return tuple(nom for nom, _, _ in self.colonnes)


_FICHIERS: tuple[FichierLivre, ...] = (
    FichierLivre(fichier="livret_a.csv", colonnes=(("livret_a", "taux_pct", "Livret A"),)),
    FichierLivre(fichier="lep.csv", colonnes=(("lep", "taux_pct", "Livret d'épargne populaire"),)),
    FichierLivre(
        fichier="interet_legal.csv",
        colonnes=(
            (
                "interet_legal_particuliers",
                "particuliers_pct",
                "Intérêt légal, créances des particuliers",
            ),
            ("interet_legal_autres_cas", "autres_cas_pct", "Intérêt légal, autres cas"),
        ),
    ),
    FichierLivre(
        fichier="eonia_mensuel.csv",
        colonnes=(("eonia", "taux_pct", "EONIA, moyenne mensuelle"),),
        apres_derniere=ApresDerniere.REFUSER,
    ),
    FichierLivre(
        fichier="bce_refinancement.csv",
        colonnes=(("bce_refinancement", "taux_pct", "BCE, refinancement principal"),),
    ),
)


def fichiers_livres() -> tuple[FichierLivre, ...]:
    """Les fichiers de séries du paquet."""
    return _FICHIERS


def series_livrees() -> tuple[str, ...]:
    """Les noms des séries livrées."""
    return tuple(nom for f in _FICHIERS for nom in f.series)


def fichier_livre(nom: str) -> FichierLivre:
    """Le fichier du paquet d'une série (``livret_a``) ou de ce nom (``livret_a.csv``)."""
    for fichier in _FICHIERS:
        if nom in (fichier.fichier, *fichier.series):
            return fichier
    connus = [f.fichier for f in _FICHIERS] + list(series_livrees())
    proches = difflib.get_close_matches(str(nom), connus, n=1)
    suggestion = f" ; vouliez-vous dire « {proches[0]} » ?" if proches else ""
    raise ErreurDonnees(
        f"aucune série livrée de ce nom{suggestion}",
        cle="serie",
        valeur=nom,
        attendu=", ".join(f.fichier for f in _FICHIERS),
    )


def dossier_utilisateur() -> Path | None:
    """Le dossier utilisateur des données (``None`` si la variable le désactive)."""
    environ = os.environ
    return _dossier(
        environ.get(VARIABLE_DOSSIER),
        environ.get("APPDATA"),
        environ.get("XDG_DATA_HOME"),
        environ.get("HOME"),  # lu par Path.home() : ici, la clé du cache seulement
    )


@functools.lru_cache(maxsize=8)
def _dossier(
    variable: str | None, appdata: str | None, xdg: str | None, _home: str | None
) -> Path | None:
    if variable is not None:
        return Path(variable).expanduser() if variable.strip() else None
    if sys.platform == "win32" and appdata:
        return Path(appdata) / "collectivites"
    base = xdg or str(Path.home() / ".local" / "share")
    return Path(base) / "collectivites"


@functools.lru_cache(maxsize=64)
def _chemin_utilisateur_cache(dossier: Path | None, fichier: str) -> str | None:
    return None if dossier is None else str(dossier / "series" / fichier)


def _chemin_utilisateur(fichier: str) -> str | None:
    return _chemin_utilisateur_cache(dossier_utilisateur(), fichier)


def serie_livree(nom: str) -> SerieDatee:
    """La série livrée ``nom``, prolongée par le fichier du dossier utilisateur s'il y en a un.
    (Sans l'enveloppe :func:`~collectivites._moteur.moteur` : appelée pour chaque ligne d'un
    portefeuille, elle ne calcule rien et vérifie elle-même son argument.)"""
    if not isinstance(nom, str):
        raise ErreurType("type refusé", cle="serie", valeur=nom, attendu="un nom de série")
    livre = fichier_livre(nom)
    if nom not in livre.series:
        raise ErreurDonnees(
            "c'est un fichier, pas une série",
            cle="serie",
            valeur=nom,
            attendu=", ".join(livre.series),
        )
    chemin = _chemin_utilisateur(livre.fichier)
    if chemin is None:
        return series_du_paquet(livre.fichier)[nom]
    try:
        etat = os.stat(chemin)
    except OSError:
        return series_du_paquet(livre.fichier)[nom]
    return _series(livre.fichier, chemin, etat.st_mtime_ns, etat.st_size)[nom]


def series_du_paquet(fichier: str) -> dict[str, SerieDatee]:
    """Les séries du fichier ``fichier`` du paquet, sans prolongement (date et taille d'un
    fichier utilisateur, clés du cache seulement : 0)."""
    return _series(fichier, None, 0, 0)


@functools.lru_cache(maxsize=32)
def _series(fichier: str, chemin: str | None, _mtime: int, _taille: int) -> dict[str, SerieDatee]:
    livre = fichier_livre(fichier)
    paquet = lire_texte_paquet(fichier)
    if chemin is None:
        return _lire(livre, paquet, f"donnees/{fichier}")
    return prolonger_fichier(livre, paquet, lire_texte(chemin), chemin)


def _lire(livre: FichierLivre, texte: str, fichier: str) -> dict[str, SerieDatee]:
    return {
        nom: lire_serie_csv(
            texte,
            nom=nom,
            fichier=fichier,
            colonne_date="date_effet",
            colonne_valeur=colonne,
            apres_derniere=livre.apres_derniere,
        )
        for nom, colonne, _ in livre.colonnes
    }


def _periodicite(texte: str) -> Periodicite:
    return Periodicite(lire_metadonnees(texte).get("periodicite", "evenements"))


def _suivante(jour: dt.date, periodicite: Periodicite) -> dt.date:
    return ajouter_mois(jour, 1 if periodicite is Periodicite.MENSUELLE else 6)


def _fin_de_periode(jour: dt.date, periodicite: Periodicite) -> dt.date:
    if periodicite is Periodicite.EVENEMENTS:
        return jour
    return _suivante(jour, periodicite) - dt.timedelta(days=1)


def _lignes_par_date(texte: str, fichier: str) -> dict[dt.date, int]:
    _, lignes = lire_csv(texte, fichier=fichier)
    return {lire_cellule(x, "date_effet", lire_date, fichier): x.numero for x in lignes}


def prolonger_fichier(
    livre: FichierLivre, paquet: str, texte: str, chemin: str
) -> dict[str, SerieDatee]:
    """Les séries de ``livre`` (texte du paquet ``paquet``) prolongées par le fichier utilisateur
    ``texte`` lu de ``chemin``, après vérification : colonnes, sources, accord avec les valeurs
    livrées, pas de trou, confirmation qui ne recule pas."""
    livrees = _lire(livre, paquet, f"donnees/{livre.fichier}")
    periodicite = _periodicite(paquet)
    utilisateur = _lire(livre, texte, chemin)
    numeros = _lignes_par_date(texte, chemin)
    return {
        nom: _fusionner(
            livrees[nom], serie, periodicite=periodicite, numeros=numeros, chemin=chemin
        )
        for nom, serie in utilisateur.items()
    }


def _fusionner(
    livree: SerieDatee,
    ajout: SerieDatee,
    *,
    periodicite: Periodicite,
    numeros: dict[dt.date, int],
    chemin: str,
) -> SerieDatee:
    nouveaux: list[PointSerie] = []
    attendue = _suivante(livree.derniere_date, periodicite)
    for point in ajout.points:
        ligne = numeros.get(point.date_effet)
        if not point.source.strip():
            raise ErreurDossier(
                "chaque valeur ajoutée doit citer sa source (colonne « source » : l'arrêté, le "
                "décret ou la série officielle)",
                fichier=chemin,
                ligne=ligne,
                cle="source",
            )
        if point.date_effet <= livree.derniere_date:
            _verifier_accord(livree, point, chemin, ligne)
            continue
        if periodicite is not Periodicite.EVENEMENTS and point.date_effet != attendue:
            raise ErreurDossier(
                f"trou dans la série « {livree.nom} » ({periodicite.libelle})",
                fichier=chemin,
                ligne=ligne,
                valeur=point.date_effet,
                attendu=f"la valeur du {attendue:%d/%m/%Y}",
            )
        attendue = _suivante(point.date_effet, periodicite)
        nouveaux.append(point)
    confirmee = _confirmation(livree, ajout, nouveaux, periodicite=periodicite, chemin=chemin)
    depuis = nouveaux[0].date_effet if nouveaux else (livree.confirmee_au or livree.derniere_date)
    if not nouveaux and confirmee == livree.confirmee_au:
        return livree
    return attrs.evolve(
        livree,
        points=(*livree.points, *nouveaux),
        confirmee_au=confirmee,
        prolongee_par=chemin,
        prolongee_depuis=depuis if nouveaux else depuis + dt.timedelta(days=1),
    )


def _verifier_accord(livree: SerieDatee, point: PointSerie, chemin: str, ligne: int | None) -> None:
    livre = livree.valeur_exacte(point.date_effet)
    if livre is None or livre != point.valeur:
        from collectivites.taux import formater_taux

        attendu = (
            f"la valeur livrée, {formater_taux(livre)}"
            if livre is not None
            else f"aucune ligne à cette date (la série livrée va jusqu'au "
            f"{livree.derniere_date:%d/%m/%Y} : n'ajoutez que des dates postérieures)"
        )
        raise ErreurDossier(
            f"contradiction avec la série livrée « {livree.nom} »",
            fichier=chemin,
            ligne=ligne,
            valeur=point.date_effet,
            attendu=attendu,
        )


def _confirmation(
    livree: SerieDatee,
    ajout: SerieDatee,
    nouveaux: list[PointSerie],
    *,
    periodicite: Periodicite,
    chemin: str,
) -> dt.date | None:
    # ``ajout.confirmee_au`` : la ligne « # confirmee_au: » du fichier utilisateur, s'il en a une.
    if ajout.confirmee_au is not None:
        confirmee = ajout.confirmee_au
    elif nouveaux:
        confirmee = _fin_de_periode(nouveaux[-1].date_effet, periodicite)
    else:
        return livree.confirmee_au
    plancher = max([livree.confirmee_au or livree.derniere_date, *(p.date_effet for p in nouveaux)])
    if confirmee < plancher:
        raise ErreurDossier(
            "la date de confirmation ne peut pas reculer",
            fichier=chemin,
            cle="confirmee_au",
            valeur=confirmee,
            attendu=f"une date à partir du {plancher:%d/%m/%Y}",
        )
    return confirmee
