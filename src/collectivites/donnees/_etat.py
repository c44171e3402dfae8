"""L'état des séries livrées (dernière valeur, date de confirmation, source, prolongement par le
dossier utilisateur) et la vérification d'un fichier utilisateur avant de le déposer."""

from __future__ import annotations

import datetime as dt
import difflib
from decimal import Decimal
from pathlib import Path

import attrs

from collectivites._moteur import moteur
from collectivites.chargement import lire_texte
from collectivites.donnees._livrees import (
    VARIABLE_DOSSIER,
    dossier_utilisateur,
    fichier_livre,
    fichiers_livres,
    prolonger_fichier,
    serie_livree,
    series_du_paquet,
)
from collectivites.donnees._paquet import lire_texte_paquet
from collectivites.donnees._series import SerieDatee
from collectivites.erreurs import ErreurCollectivites, ErreurType
from collectivites.presentation import Presentable
from collectivites.tables import Document, Genre, Table, colonnes, faits

__all__ = [
    "EtatDonnees",
    "EtatSerie",
    "VerificationFichier",
    "etat_des_donnees",
    "verifier_fichier",
]


@attrs.frozen(kw_only=True)
class EtatSerie:
    """Une série livrée telle que les calculs la voient."""

    nom: str
    libelle: str
    fichier: str
    premiere_date: dt.date | None
    derniere_date: dt.date | None
    derniere_valeur: Decimal | None
    confirmee_au: dt.date | None
    reference_officielle: str
    source: str
    prolongee_par: str
    erreur: str = ""


@attrs.frozen(kw_only=True)
class EtatDonnees(Presentable):
    """Les séries livrées, le dossier utilisateur et ses fichiers."""

    dossier: Path | None
    series: tuple[EtatSerie, ...]
    fichiers_ignores: tuple[str, ...] = ()

    def decrire(self) -> Document:
        """Une ligne par série ; les fichiers du dossier utilisateur qui ne prolongent rien."""
        dossier = (
            str(self.dossier / "series") if self.dossier else f"désactivé ({VARIABLE_DOSSIER} vide)"
        )
        hypotheses = [
            f"Fichier ignoré dans le dossier utilisateur : {nom}." for nom in self.fichiers_ignores
        ]
        hypotheses += [f"Série « {s.nom} » : {s.erreur}" for s in self.series if s.erreur]
        return Document(
            titre="Séries de référence",
            faits=faits(
                ("dossier", "Dossier utilisateur", dossier, Genre.TEXTE),
                ("variable", "Variable d'environnement", VARIABLE_DOSSIER, Genre.TEXTE),
                *(
                    (f"source_{s.nom}", f"Source ({s.nom})", s.source or "—", Genre.TEXTE)
                    for s in self.series
                ),
            ),
            tables=(
                Table(
                    cle="series",
                    titre="Séries",
                    colonnes=colonnes(
                        ("nom", "Série", Genre.TEXTE),
                        ("libelle", "Libellé", Genre.TEXTE, {"affichee": False}),
                        ("fichier", "Fichier", Genre.TEXTE, {"affichee": False}),
                        ("premiere_date", "Depuis", Genre.DATE, {"affichee": False}),
                        ("derniere_date", "Dernière valeur au", Genre.DATE),
                        ("derniere_valeur", "Valeur", Genre.TAUX),
                        ("confirmee_au", "Confirmée au", Genre.DATE),
                        (
                            "reference_officielle",
                            "Série officielle",
                            Genre.TEXTE,
                            {"affichee": False},
                        ),
                        (
                            "source",
                            "Source de la dernière valeur",
                            Genre.TEXTE,
                            {"affichee": False},
                        ),
                        ("prolongee_par", "Prolongée par", Genre.TEXTE),
                    ),
                    lignes=tuple(
                        (
                            s.nom,
                            s.libelle,
                            s.fichier,
                            s.premiere_date,
                            s.derniere_date,
                            s.derniere_valeur,
                            s.confirmee_au,
                            s.reference_officielle,
                            s.source,
                            s.prolongee_par or ("fichier invalide" if s.erreur else ""),
                        )
                        for s in self.series
                    ),
                ),
            ),
            hypotheses=tuple(hypotheses),
        )


def _etat(nom: str, libelle: str, fichier: str, serie: SerieDatee) -> EtatSerie:
    dernier = serie.points[-1]
    return EtatSerie(
        nom=nom,
        libelle=libelle,
        fichier=fichier,
        premiere_date=serie.premiere_date,
        derniere_date=serie.derniere_date,
        derniere_valeur=dernier.valeur,
        confirmee_au=serie.confirmee_au,
        reference_officielle=serie.reference_officielle,
        source=dernier.source,
        prolongee_par=serie.prolongee_par,
    )


@moteur
def etat_des_donnees() -> EtatDonnees:
    """Chaque série livrée telle que les calculs la voient, avec son prolongement éventuel ; un
    fichier utilisateur invalide est signalé (la série n'est alors pas utilisable)."""
    etats = []
    for livre in fichiers_livres():
        for nom, _colonne, libelle in livre.colonnes:
            try:
                etats.append(_etat(nom, libelle, livre.fichier, serie_livree(nom)))
            except ErreurCollectivites as exc:
                etats.append(
                    EtatSerie(
                        nom=nom,
                        libelle=libelle,
                        fichier=livre.fichier,
                        premiere_date=None,
                        derniere_date=None,
                        derniere_valeur=None,
                        confirmee_au=None,
                        reference_officielle="",
                        source="",
                        prolongee_par="",
                        erreur=str(exc),
                    )
                )
    return EtatDonnees(
        dossier=dossier_utilisateur(), series=tuple(etats), fichiers_ignores=_ignores()
    )


def _ignores() -> tuple[str, ...]:
    dossier = dossier_utilisateur()
    if dossier is None or not (dossier / "series").is_dir():
        return ()
    connus = [f.fichier for f in fichiers_livres()]
    ignores = []
    for chemin in sorted((dossier / "series").iterdir()):
        if chemin.name in connus or chemin.name.startswith("."):
            continue
        proches = difflib.get_close_matches(chemin.name, connus, n=1)
        suggestion = f" (vouliez-vous dire « {proches[0]} » ?)" if proches else ""
        ignores.append(f"{chemin.name}{suggestion}")
    return tuple(ignores)


@attrs.frozen(kw_only=True)
class VerificationFichier(Presentable):
    """Ce qu'un fichier utilisateur ajouterait aux séries livrées."""

    fichier: str
    livre: str
    series: tuple[tuple[SerieDatee, SerieDatee], ...]  # (livrée, prolongée)

    def decrire(self) -> Document:
        """Les valeurs ajoutées, série par série, et la nouvelle date de confirmation."""
        lignes = []
        for livree, prolongee in self.series:
            for point in prolongee.points[len(livree.points) :]:
                lignes.append((livree.nom, point.date_effet, point.valeur, point.source))
        confirmations = "; ".join(
            f"{p.nom} : {p.confirmee_au:%d/%m/%Y}" if p.confirmee_au else f"{p.nom} : —"
            for _l, p in self.series
        )
        return Document(
            titre=f"{self.fichier} : fichier valide, prolonge {self.livre}",
            faits=faits(
                ("fichier", "Fichier", self.fichier, Genre.TEXTE),
                ("livre", "Prolonge", self.livre, Genre.TEXTE),
                ("nouvelles", "Valeurs ajoutées", len(lignes), Genre.ENTIER),
                ("confirmee_au", "Confirmée au", confirmations, Genre.TEXTE),
            ),
            tables=(
                Table(
                    cle="ajouts",
                    titre="Valeurs ajoutées",
                    colonnes=colonnes(
                        ("serie", "Série", Genre.TEXTE),
                        ("date_effet", "Date d'effet", Genre.DATE),
                        ("valeur", "Valeur", Genre.TAUX),
                        ("source", "Source", Genre.TEXTE),
                    ),
                    lignes=tuple(lignes),
                ),
            ),
        )


@moteur
def verifier_fichier(chemin: str | Path, *, serie: str | None = None) -> VerificationFichier:
    """Vérifie un fichier destiné au dossier utilisateur : il prolonge le fichier livré de même
    nom (``livret_a.csv``), ou celui de ``serie``. Erreur française, avec le numéro de ligne, au
    moindre défaut."""
    if not isinstance(chemin, str | Path):
        raise ErreurType("type refusé", cle="chemin", valeur=chemin, attendu="un chemin")
    chemin = Path(chemin)
    livre = fichier_livre(serie if serie is not None else chemin.name)
    paquet = lire_texte_paquet(livre.fichier)
    prolongees = prolonger_fichier(livre, paquet, lire_texte(chemin), str(chemin))
    livrees = series_du_paquet(livre.fichier)
    return VerificationFichier(
        fichier=str(chemin),
        livre=livre.fichier,
        series=tuple((livrees[nom], prolongees[nom]) for nom in livre.series),
    )
