"""L'état de la dette d'un document budgétaire : encours, annuité, intérêts courus, taux moyen
et durée résiduelle moyenne, par catégorie, par prêteur, par type de taux et par classe de la
charte de bonne conduite ; dette garantie par bénéficiaire et par type ; ratio des garanties.

Définitions (toutes sur les montants que le fichier imprime, sans recalcul) :

- **encours** : capital restant dû au 1er janvier (``MtCapitalRestDu_01_01``) et au 31
  décembre (``MtCapitalRestDu_31_12``) ;
- **annuité de l'exercice** : capital (``MtCapitalExer``) + intérêts (``MtIntExer``) ;
- **ICNE** : intérêts courus non échus (``MtICNE``) ;
- **taux moyen** : moyenne des taux actuels (``TxActua``) pondérée par l'encours de référence
  — le 31 décembre dans un compte, le 1er janvier dans un budget — des emprunts qui ont un taux ;
- **durée résiduelle moyenne** : moyenne des durées résiduelles (``DureeRest``, en années)
  pondérée par le même encours.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import Any

import attrs

from collectivites._moteur import CONTEXTE_CALCUL, moteur, somme
from collectivites.dette._modeles import CATEGORIES, DocumentBudgetaire, EmpruntAnnexe
from collectivites.presentation import Presentable

__all__ = ["Agregat", "EtatDette", "etat_de_la_dette"]

_ZERO = Decimal("0.00")


@attrs.frozen(kw_only=True)
class Agregat:
    """Les sommes d'un groupe d'emprunts (une catégorie, un prêteur, une classe…)."""

    cle: str
    libelle: str
    nombre: int
    capital_restant_du_debut: Decimal
    capital_rembourse: Decimal
    interets: Decimal
    capital_restant_du_fin: Decimal
    icne: Decimal
    taux_moyen: Decimal | None
    duree_residuelle_moyenne: Decimal | None

    @property
    def annuite(self) -> Decimal:
        """Capital remboursé + intérêts de l'exercice."""
        return CONTEXTE_CALCUL.add(self.capital_rembourse, self.interets)


def _z(valeur: Decimal | None) -> Decimal:
    return _ZERO if valeur is None else valeur


def _moyenne(
    emprunts: Iterable[EmpruntAnnexe],
    valeur: Callable[[EmpruntAnnexe], Decimal | None],
    poids: Callable[[EmpruntAnnexe], Decimal],
) -> Decimal | None:
    """Moyenne de ``valeur`` pondérée par ``poids``, sur les emprunts qui ont une valeur et un
    poids non nul ; ``None`` s'il n'y en a aucun."""
    numerateur, denominateur = Decimal(0), Decimal(0)
    for e in emprunts:
        v, p = valeur(e), poids(e)
        if v is None or p <= 0:
            continue
        numerateur = CONTEXTE_CALCUL.add(numerateur, CONTEXTE_CALCUL.multiply(v, p))
        denominateur = CONTEXTE_CALCUL.add(denominateur, p)
    if denominateur == 0:
        return None
    return CONTEXTE_CALCUL.divide(numerateur, denominateur)


def agreger(
    cle: str, libelle: str, emprunts: tuple[EmpruntAnnexe, ...], *, compte: bool
) -> Agregat:
    """Les sommes et moyennes d'un groupe d'emprunts."""

    def encours(e: EmpruntAnnexe) -> Decimal:
        return _z(e.capital_restant_du_fin if compte else e.capital_restant_du_debut)

    return Agregat(
        cle=cle,
        libelle=libelle,
        nombre=len(emprunts),
        capital_restant_du_debut=somme(_z(e.capital_restant_du_debut) for e in emprunts),
        capital_rembourse=somme(_z(e.capital_rembourse) for e in emprunts),
        interets=somme(_z(e.interets) for e in emprunts),
        capital_restant_du_fin=somme(_z(e.capital_restant_du_fin) for e in emprunts),
        icne=somme(_z(e.icne) for e in emprunts),
        taux_moyen=_moyenne(emprunts, lambda e: e.taux_actuel, encours),
        duree_residuelle_moyenne=_moyenne(emprunts, lambda e: e.duree_residuelle, encours),
    )


def _grouper(
    emprunts: tuple[EmpruntAnnexe, ...],
    cle: Callable[[EmpruntAnnexe], tuple[str, str]],
    *,
    compte: bool,
) -> tuple[Agregat, ...]:
    """Un agrégat par valeur de ``cle`` (code, libellé), par encours de référence décroissant
    puis par code."""
    groupes: dict[str, list[EmpruntAnnexe]] = {}
    libelles: dict[str, str] = {}
    for e in emprunts:
        code, libelle = cle(e)
        groupes.setdefault(code, []).append(e)
        libelles.setdefault(code, libelle)
    agregats = [agreger(c, libelles[c], tuple(g), compte=compte) for c, g in groupes.items()]

    def ordre(a: Agregat) -> tuple[Decimal, str]:
        encours = a.capital_restant_du_fin if compte else a.capital_restant_du_debut
        return (-encours, a.cle)

    return tuple(sorted(agregats, key=ordre))


_TYPES_TAUX = {
    "F": "Fixe",
    "V": "Variable simple",
    "R": "Préfixé",
    "C": "Complexe",
}
_TYPES_GARANTIS = {
    "01": "Contractés par des collectivités ou des établissements publics (hors logement social)",
    "02": "Autres que ceux contractés par des collectivités ou des EP (hors logement social)",
    "03": "Opérations de logements aidés par l'État",
    "04": "Autres emprunts garantis",
    "05": "Opérations de logement social",
    "99": "Autres emprunts",
}


def _preteur(e: EmpruntAnnexe) -> tuple[str, str]:
    from collectivites.dette._normalisation import normaliser_preteur

    code, libelle = normaliser_preteur(e.preteur_libelle)
    return (code or "inconnu", libelle or "Prêteur non renseigné")


def _type_taux(e: EmpruntAnnexe) -> tuple[str, str]:
    code = e.type_taux or ""
    return (code or "?", _TYPES_TAUX.get(code, f"Type {code} (hors liste V95)" if code else "?"))


def _beneficiaire(e: EmpruntAnnexe) -> tuple[str, str]:
    from collectivites.dette._normalisation import cle_de_texte

    texte = " ".join((e.beneficiaire or "").split())
    return (cle_de_texte(texte) or "?", texte or "Bénéficiaire non renseigné")


def _type_garanti(e: EmpruntAnnexe) -> tuple[str, str]:
    code = e.type_garanti or ""
    return (code or "?", _TYPES_GARANTIS.get(code, f"Type {code}" if code else "Non renseigné"))


@attrs.frozen(kw_only=True)
class EtatDette(Presentable):
    """L'état de la dette d'un document : une synthèse par catégorie, la dette propre par
    prêteur, par type de taux et par classe de la charte, la dette garantie par bénéficiaire et
    par type, et le ratio des garanties quand le document en porte les éléments."""

    document: DocumentBudgetaire
    categories: tuple[Agregat, ...]
    par_preteur: tuple[Agregat, ...]
    par_type_taux: tuple[Agregat, ...]
    par_classe: tuple[Agregat, ...]
    garanties_par_beneficiaire: tuple[Agregat, ...]
    garanties_par_type: tuple[Agregat, ...]
    ratio: Any = None

    def categorie(self, nom: str) -> Agregat:
        """L'agrégat de la catégorie ``propre`` ou ``garanti``."""
        return next(a for a in self.categories if a.cle == nom)


@moteur
def etat_de_la_dette(document: DocumentBudgetaire) -> EtatDette:
    """L'état de la dette de ``document`` (voir le module pour les définitions).

    Examples:
        >>> from collectivites.dette import exemple_document
        >>> etat = etat_de_la_dette(exemple_document("crach-ca-2021"))
        >>> propre = etat.categorie("propre")
        >>> propre.capital_restant_du_debut, propre.annuite, propre.capital_restant_du_fin
        (Decimal('2218967.47'), Decimal('169940.10'), Decimal('2079074.34'))
    """
    compte = document.est_compte
    propres = document.par_categorie("propre")
    garantis = document.par_categorie("garanti")
    libelles = {"propre": "Dette propre", "garanti": "Dette garantie"}
    categories = tuple(
        agreger(c, libelles[c], document.par_categorie(c), compte=compte) for c in CATEGORIES
    )
    return EtatDette(
        document=document,
        categories=categories,
        par_preteur=_grouper(propres, _preteur, compte=compte),
        par_type_taux=_grouper(propres, _type_taux, compte=compte),
        par_classe=_grouper(propres, lambda e: (e.gissler or "?", e.gissler or "?"), compte=compte),
        garanties_par_beneficiaire=_grouper(garantis, _beneficiaire, compte=compte),
        garanties_par_type=_grouper(garantis, _type_garanti, compte=compte),
        ratio=document.ratio_garanties,
    )
