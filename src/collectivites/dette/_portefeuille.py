"""Des emprunts de l'annexe au portefeuille de projection.

Un emprunt de l'annexe devient une ligne du portefeuille en tableau que lit ``collectivites pret
portefeuille`` (voir :func:`collectivites.prets.modele_portefeuille`) quand le fichier le décrit
assez : montant initial (``MtEmprOrig``), date du premier remboursement (``Dt1RembInit``),
durée (``DureeContratInit``, sinon ``DureeAnn``), périodicité (``CodPeriodRemb``), profil
(``CodProfilAmort``, ou sa désignation ``ProfilAmort`` quand le code est X), index et marge
(``IndexTxVariInit``, sinon ``IndexTxVariDtVote``) ou taux fixe. Chaque valeur déduite plutôt
que lue est dite dans les hypothèses de l'emprunt ; un emprunt qui ne peut être décrit est
écarté avec sa raison. Chaque ligne produite est relue par le lecteur des portefeuilles (mêmes
contrôles que ``pret portefeuille``) avant d'être gardée.

La table de chaque ligne gardée est calculée (sur l'historique livré de son index, ou à taux
fixe) : une ligne que le moteur ne sait pas calculer est écartée avec l'erreur du moteur. Dans un
compte, le capital et les intérêts des échéances de l'exercice calculés sont comparés à ceux que
le fichier imprime (``MtCapitalExer``, ``MtIntExer``).
"""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from typing import Any

import attrs
from dateutil.relativedelta import relativedelta

from collectivites._moteur import CONTEXTE_CALCUL, moteur
from collectivites.dette._modeles import DocumentBudgetaire, EmpruntAnnexe
from collectivites.dette._normalisation import normaliser_index
from collectivites.erreurs import ErreurCollectivites
from collectivites.presentation import Presentable
from collectivites.tables import Document, Genre, Table, colonnes, faits

__all__ = ["ComparaisonExercice", "EmpruntEcarte", "ExportPortefeuille", "exporter_portefeuille"]

#: ``CodPeriodRemb`` (``ATCodPeriod``) → périodicité de la bibliothèque et mois par période.
_PERIODICITES = {
    "A": ("annuelle", 12),
    "S": ("semestrielle", 6),
    "I": ("trimestrielle", 3),
    "M": ("mensuelle", 1),
}
_CENT = Decimal(100)
_ZERO = Decimal("0.00")
#: Le garant du reste d'un emprunt garanti en partie (l'annexe ne nomme que la collectivité).
_AUTRES_GARANTS = "Autres garants (hors document)"


@attrs.frozen(kw_only=True)
class EmpruntEcarte:
    """Un emprunt que l'annexe ne décrit pas assez pour être projeté, et pourquoi."""

    emprunt: str
    chemin: str
    categorie: str
    raison: str


@attrs.frozen(kw_only=True)
class ComparaisonExercice:
    """Capital et intérêts de l'exercice : imprimés par le fichier, et calculés (table de la
    ligne sur l'historique de son index, ou à taux fixe)."""

    emprunt: str
    capital_imprime: Decimal
    capital_calcule: Decimal
    interets_imprimes: Decimal
    interets_calcules: Decimal

    @property
    def ecart_capital(self) -> Decimal:
        return CONTEXTE_CALCUL.subtract(self.capital_imprime, self.capital_calcule)

    @property
    def ecart_interets(self) -> Decimal:
        return CONTEXTE_CALCUL.subtract(self.interets_imprimes, self.interets_calcules)


@attrs.frozen(kw_only=True)
class ExportPortefeuille(Presentable):
    """Le portefeuille tiré de l'annexe : les cellules de chaque ligne (colonnes du modèle de
    portefeuille), les hypothèses de chaque emprunt, les emprunts écartés, les comparaisons de
    l'exercice."""

    document: DocumentBudgetaire
    colonnes: tuple[str, ...]
    lignes: tuple[tuple[str, ...], ...]
    hypotheses: tuple[tuple[str, str], ...]
    ecartes: tuple[EmpruntEcarte, ...]
    comparaisons: tuple[ComparaisonExercice, ...] = ()

    def en_csv(self) -> str:
        """Le portefeuille en CSV (séparateur virgule), tel que ``pret portefeuille`` le lit."""
        sortie = io.StringIO()
        ecrivain = csv.writer(sortie, lineterminator="\n")
        ecrivain.writerow(self.colonnes)
        ecrivain.writerows(self.lignes)
        return sortie.getvalue()

    def prets(self) -> tuple[Any, ...]:
        """Les prêts du portefeuille (modèles de :mod:`collectivites.prets`)."""
        from collectivites.prets._tableur import lignes_du_tableau, prets_des_lignes

        nom = "portefeuille tiré de l'annexe"
        if not self.lignes:
            return ()
        return prets_des_lignes(lignes_du_tableau(self.en_csv(), nom), nom)

    def decrire(self) -> Document:
        doc = self.document
        feuille = Table(
            cle="portefeuille",
            titre="Portefeuille (colonnes du modèle de « pret portefeuille »)",
            colonnes=colonnes(*((nom, nom, Genre.TEXTE) for nom in self.colonnes)),
            lignes=self.lignes,
        )
        hypotheses = Table(
            cle="hypotheses",
            titre="Valeurs déduites plutôt que lues, par emprunt",
            colonnes=colonnes(
                ("emprunt", "Emprunt", Genre.TEXTE), ("hypothese", "Hypothèse", Genre.TEXTE)
            ),
            lignes=self.hypotheses,
        )
        ecartes = Table(
            cle="ecartes",
            titre="Emprunts écartés : l'annexe ne les décrit pas assez",
            colonnes=colonnes(
                ("emprunt", "Emprunt", Genre.TEXTE),
                ("chemin", "Élément", Genre.TEXTE),
                ("categorie", "Catégorie", Genre.TEXTE),
                ("raison", "Raison", Genre.TEXTE),
            ),
            lignes=tuple((e.emprunt, e.chemin, e.categorie, e.raison) for e in self.ecartes),
        )
        tables = [feuille, hypotheses, ecartes]
        if self.comparaisons:
            tables.append(
                Table(
                    cle="comparaison",
                    titre=f"Exercice {doc.exercice} : imprimé et calculé (historique de "
                    "l'index ou taux fixe)",
                    colonnes=colonnes(
                        ("emprunt", "Emprunt", Genre.TEXTE),
                        ("capital_imprime", "Capital imprimé", Genre.MONTANT, {"total": True}),
                        ("capital_calcule", "Capital calculé", Genre.MONTANT, {"total": True}),
                        ("ecart_capital", "Écart de capital", Genre.MONTANT, {"total": True}),
                        ("interets_imprimes", "Intérêts imprimés", Genre.MONTANT, {"total": True}),
                        ("interets_calcules", "Intérêts calculés", Genre.MONTANT, {"total": True}),
                        ("ecart_interets", "Écart d'intérêts", Genre.MONTANT, {"total": True}),
                    ),
                    lignes=tuple(
                        (
                            c.emprunt,
                            c.capital_imprime,
                            c.capital_calcule,
                            c.ecart_capital,
                            c.interets_imprimes,
                            c.interets_calcules,
                            c.ecart_interets,
                        )
                        for c in self.comparaisons
                    ),
                )
            )
        return Document(
            titre=f"Portefeuille tiré de l'annexe de la dette — {doc.collectivite} — "
            f"{doc.nature_libelle} {doc.exercice or ''}".strip(),
            faits=faits(
                ("collectivite", "Collectivité", doc.collectivite, Genre.TEXTE),
                ("exercice", "Exercice", doc.exercice, Genre.ANNEE),
                ("emprunts", "Emprunts de l'annexe", len(doc.emprunts), Genre.ENTIER),
                ("lignes", "Lignes de portefeuille", len(self.lignes), Genre.ENTIER),
                ("ecartes", "Emprunts écartés", len(self.ecartes), Genre.ENTIER),
            ),
            tables=tuple(tables),
            hypotheses=(
                "Chaque ligne est relue par le lecteur de « pret portefeuille » avant d'être "
                "gardée ; la projection se lance avec « collectivites pret portefeuille "
                "FICHIER.csv ».",
                "Dette propre : l'emprunteur est la collectivité, sans garant ; dette garantie : "
                "l'emprunteur est le bénéficiaire, la collectivité garante pour la part garantie "
                "(PartGarantie, 100 % si absente, dit par emprunt).",
                "Montant, dates et durée de l'origine du contrat : la table est recalculée depuis "
                "la première échéance ; les années passées sont celles du contrat, non de "
                "l'annexe.",
            ),
        )


def _pourcentage(fraction: Decimal) -> str:
    texte = f"{CONTEXTE_CALCUL.multiply(fraction, _CENT).normalize(CONTEXTE_CALCUL):f}"
    return texte.replace(".", ",") + " %"


class _Ecarte(Exception):
    """L'emprunt ne peut être décrit (la raison en message)."""


def _duree(e: EmpruntAnnexe, par_an: int, notes: list[str]) -> int:
    annees = e.duree_initiale if e.duree_initiale else e.duree
    if annees is None or annees <= 0:
        raise _Ecarte("durée du contrat absente (DureeContratInit, DureeAnn)")
    if not e.duree_initiale:
        notes.append(f"durée du contrat en cours (DureeAnn) : {annees} ans")
    echeances = CONTEXTE_CALCUL.multiply(annees, Decimal(par_an))
    entier = int(echeances.to_integral_value())
    if entier < 1:
        raise _Ecarte(f"durée trop courte ({annees} ans)")
    if echeances != entier:
        notes.append(f"durée de {annees} ans arrondie à {entier} échéances")
    return entier


def _profil(e: EmpruntAnnexe, notes: list[str]) -> str:
    code = e.profil or ""
    designation = (e.profil_libelle or "").lower()
    if code == "P" or (code == "X" and "constante" in designation):
        notes.append(
            "profil à échéances constantes (amortissement déduit, intérêts prioritaires, "
            "progressivité 0 %)"
        )
        return "amortissement_deduit_interets_prioritaires"
    if code == "C":
        return "amortissement_prioritaire"
    if code == "X" and "cdc" in designation:
        notes.append(
            "« Produits CDC » : amortissement déduit, intérêts différés, progressivité 0 % "
            "(la progressivité du contrat n'est pas dans l'annexe)"
        )
        return "amortissement_deduit_interets_differes"
    if code == "F":
        raise _Ecarte("remboursement in fine : profil non projeté par le moteur des prêts")
    raise _Ecarte(
        f"profil d'amortissement non décrit (CodProfilAmort « {code or 'absent'} »"
        + (f", « {e.profil_libelle} »" if e.profil_libelle else "")
        + ")"
    )


def _taux(e: EmpruntAnnexe, cellules: dict[str, str], notes: list[str]) -> None:
    texte = e.champ("IndexTxVariInit") or e.index_libelle
    index = normaliser_index(texte)
    initial = e.taux_initial if e.taux_initial is not None else e.champ("TxActuaInit")
    if index.code == "" and e.type_taux_initial == "F":
        index = index._replace(code="fixe")
        notes.append("index non renseigné : taux fixe d'après le type de taux (CodTyptxInit F)")
    if index.code == "fixe":
        taux = index.taux_fixe if index.taux_fixe is not None else initial
        if taux is None:
            raise _Ecarte("taux fixe sans valeur (Txinit, TxActuaInit)")
        cellules.update(index="fixe", taux_interet=_pourcentage(taux), revision="fixe")
        return
    if index.code not in ("livret_a", "lep"):
        raise _Ecarte(
            f"index « {texte or 'absent'} » : seuls le Livret A, le LEP et le taux fixe sont "
            "projetés"
        )
    if index.marge is None:
        for champ in ("TxMini", "TxMaxi"):
            borne = normaliser_index(e.champ(champ))
            if borne.code == index.code and borne.marge is not None:
                index = index._replace(marge=borne.marge)
                notes.append(f"marge lue dans {champ} (« {e.champ(champ)} »)")
                break
    if index.marge is None:
        raise _Ecarte(f"marge sur index absente (« {texte} »)")
    if initial is None:
        raise _Ecarte("taux initial absent (Txinit) : valeur de l'index de référence inconnue")
    reference = CONTEXTE_CALCUL.subtract(initial, index.marge)
    notes.append(
        f"valeur de l'index de référence déduite : taux initial {_pourcentage(initial)} − marge "
        f"{_pourcentage(index.marge)} = {_pourcentage(reference)}"
    )
    notes.append("révision simple (SR) supposée : le mode de révision n'est pas dans l'annexe")
    cellules.update(
        index=index.code,
        marge=_pourcentage(index.marge),
        taux_interet=_pourcentage(initial),
        valeur_index_reference=_pourcentage(reference),
        revision="SR",
    )


def _identifiant(e: EmpruntAnnexe) -> str:
    brut = " ".join((e.numero_contrat or "").split())
    return brut[:60] if brut else f"EMPRUNT-{e.rang}"


def _cellules(doc: DocumentBudgetaire, e: EmpruntAnnexe, notes: list[str]) -> dict[str, str]:
    if e.montant_initial is None or e.montant_initial <= 0:
        raise _Ecarte("montant initial absent (MtEmprOrig)")
    periode = _PERIODICITES.get(e.periodicite or "")
    if periode is None:
        raise _Ecarte(f"périodicité « {e.periodicite or 'absente'} » non projetée")
    if e.date_premier_remboursement is None:
        raise _Ecarte("date du premier remboursement absente (Dt1RembInit)")
    periodicite, mois = periode
    debut = e.date_premier_remboursement - relativedelta(months=mois)
    notes.append(
        f"début d'amortissement une période avant le premier remboursement : {debut:%d/%m/%Y}"
    )
    identifiant = _identifiant(e)
    cellules = {
        "numero": identifiant,
        "identifiant": identifiant,
        "produit": e.profil_libelle or "",
        "emprunteur": doc.collectivite if e.categorie == "propre" else (e.beneficiaire or ""),
        "montant": f"{e.montant_initial:f}",
        "date_debut_amortissement": debut.isoformat(),
        "duree": str(_duree(e, 12 // mois, notes)),
        "periodicite": periodicite,
        "profil": _profil(e, notes),
        "taux_progressivite": "0 %",
    }
    if e.date_signature is not None and e.date_signature <= debut:
        cellules["date_effet"] = e.date_signature.isoformat()
    _taux(e, cellules, notes)
    if e.categorie == "garanti":
        part = e.part_garantie
        if part is None:
            notes.append("part garantie absente : 100 % supposés")
        part = part or Decimal(1)
        cellules["garants"] = f"{doc.collectivite}:{_pourcentage(part)}"
        if part < 1:  # le lecteur veut des quotités qui totalisent 100 %
            reste = CONTEXTE_CALCUL.subtract(Decimal(1), part)
            cellules["garants"] += f";{_AUTRES_GARANTS}:{_pourcentage(reste)}"
            notes.append(
                f"part garantie {_pourcentage(part)} : le reste ({_pourcentage(reste)}) est "
                f"attribué à « {_AUTRES_GARANTS} », que l'annexe ne nomme pas"
            )
    return cellules


def _ecarte(e: EmpruntAnnexe, raison: str) -> EmpruntEcarte:
    return EmpruntEcarte(emprunt=e.nom, chemin=e.chemin, categorie=e.categorie, raison=raison)


def _calculer(ligne: Any) -> Any:
    """La table de la ligne sur l'historique de son index : une ligne que le moteur ne sait pas
    calculer (index hors de la série livrée) est écartée plutôt que de faire échouer la
    projection de tout le portefeuille."""
    from collectivites.prets import calculer_tableau, serie_index

    try:
        if ligne.index == "fixe":
            return calculer_tableau(ligne)
        return calculer_tableau(ligne, index=serie_index(ligne.index))
    except ErreurCollectivites as exc:
        raise _Ecarte(f"table incalculable sur l'historique de l'index : {exc}") from None


def _comparer(
    doc: DocumentBudgetaire, e: EmpruntAnnexe, tableau: Any
) -> ComparaisonExercice | None:
    """Capital et intérêts des échéances de l'exercice, calculés sur l'historique de l'index."""
    if doc.exercice is None or not doc.est_compte or e.capital_rembourse is None:
        return None
    de_l_annee = [r for r in tableau.lignes if r.date.year == doc.exercice]
    # Le capital remboursé : l'amortissement et les remboursements anticipés ; les intérêts
    # payés : ceux de la période moins la part différée, plus le stock d'intérêts différés
    # remboursé (des intérêts échus plus tôt, jamais du capital emprunté).
    capital = sum((r.amortissement + r.remboursement_anticipe for r in de_l_annee), _ZERO)
    interets = sum(
        (
            r.interets - r.interets_a_differer + r.stock_rembourse + r.interets_differes_rembourses
            for r in de_l_annee
        ),
        _ZERO,
    )
    return ComparaisonExercice(
        emprunt=e.nom,
        capital_imprime=e.capital_rembourse,
        capital_calcule=capital,
        interets_imprimes=e.interets or _ZERO,
        interets_calcules=interets,
    )


def _ligne_de_portefeuille(cellules: dict[str, str]) -> tuple[tuple[str, ...], Any]:
    """Les cellules dans l'ordre des colonnes, et la ligne de prêt que ``pret portefeuille``
    en lira (même lecteur, mêmes contrôles)."""
    from collectivites.prets._tableur import COLONNES_PORTEFEUILLE, lignes_du_tableau

    ligne = tuple(cellules.get(c, "") for c in COLONNES_PORTEFEUILLE)
    texte = io.StringIO()
    csv.writer(texte, lineterminator="\n").writerows((COLONNES_PORTEFEUILLE, ligne))
    ((_numero, modele),) = tuple(lignes_du_tableau(texte.getvalue(), "portefeuille"))
    return ligne, modele


@moteur
def exporter_portefeuille(document: DocumentBudgetaire) -> ExportPortefeuille:
    """Les emprunts de l'annexe de ``document`` en portefeuille de projection (voir le module).

    Examples:
        >>> from collectivites.dette import exemple_document
        >>> export = exporter_portefeuille(exemple_document("crach-ca-2021"))
        >>> len(export.lignes) + len(export.ecartes) == len(export.document.emprunts)
        True
    """
    from collectivites.prets._tableur import COLONNES_PORTEFEUILLE

    lignes: list[tuple[str, ...]] = []
    hypotheses: list[tuple[str, str]] = []
    ecartes: list[EmpruntEcarte] = []
    comparaisons: list[ComparaisonExercice] = []
    vus: set[str] = set()
    for e in document.emprunts:
        notes: list[str] = []
        try:
            cellules = _cellules(document, e, notes)
            if cellules["numero"] in vus:
                cellules["numero"] = cellules["identifiant"] = f"{cellules['numero']}#{e.rang}"
                notes.append(f"numéro de contrat en double : ligne nommée {cellules['numero']}")
            ligne, modele = _ligne_de_portefeuille(cellules)
            tableau = _calculer(modele)
        except _Ecarte as exc:
            ecartes.append(_ecarte(e, str(exc)))
            continue
        except ErreurCollectivites as exc:
            ecartes.append(
                _ecarte(e, f"ligne refusée par le lecteur des portefeuilles : {exc.message}")
            )
            continue
        vus.add(cellules["numero"])
        lignes.append(ligne)
        hypotheses.extend((cellules["numero"], n) for n in notes)
        comparaison = _comparer(document, e, tableau)
        if comparaison is not None:
            comparaisons.append(comparaison)
    return ExportPortefeuille(
        document=document,
        colonnes=COLONNES_PORTEFEUILLE,
        lignes=tuple(lignes),
        hypotheses=tuple(hypotheses),
        ecartes=tuple(ecartes),
        comparaisons=tuple(comparaisons),
    )
