"""Les documents de l'état de la dette et des contrôles de l'annexe."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from collectivites.dette._controles import ControleAnnexe
from collectivites.dette._etat import Agregat, EtatDette
from collectivites.presentation import decrit
from collectivites.tables import Colonne, Document, Genre, Graphique, Table, colonnes, faits

if TYPE_CHECKING:
    from collectivites.dette._modeles import DocumentBudgetaire

__all__ = ["decrire_controle", "decrire_etat"]

_ZERO = Decimal("0.00")
_PAS_TAUX = Decimal("0.00001")
_PAS_DUREE = Decimal("0.01")
_TAUX = {"decimales": 3}
_DUREE = {"decimales": 2}


def _colonnes_agregat(premiere: Colonne, *, part: bool = False) -> tuple[Colonne, ...]:
    autres = colonnes(
        ("nombre", "Nombre", Genre.ENTIER, {"total": True}),
        ("crd_debut", "Capital restant dû au 1er janvier", Genre.MONTANT, {"total": True}),
        ("capital", "Capital de l'exercice", Genre.MONTANT, {"total": True}),
        ("interets", "Intérêts de l'exercice", Genre.MONTANT, {"total": True}),
        ("annuite", "Annuité", Genre.MONTANT, {"total": True}),
        ("crd_fin", "Capital restant dû au 31 décembre", Genre.MONTANT, {"total": True}),
        ("icne", "ICNE", Genre.MONTANT, {"total": True}),
        ("taux_moyen", "Taux moyen", Genre.TAUX, _TAUX),
        ("duree_moyenne", "Durée résiduelle moyenne (ans)", Genre.NOMBRE, _DUREE),
    )
    if part:
        autres = (*autres, Colonne(cle="part", libelle="Part de l'encours", genre=Genre.TAUX))
    return (premiere, *autres)


def _ligne_agregat(a: Agregat, *, total: Any = None, compte: bool = True) -> tuple[Any, ...]:
    duree = a.duree_residuelle_moyenne
    taux = a.taux_moyen
    ligne: tuple[Any, ...] = (
        a.libelle,
        a.nombre,
        a.capital_restant_du_debut,
        a.capital_rembourse,
        a.interets,
        a.annuite,
        a.capital_restant_du_fin,
        a.icne,
        None if taux is None else taux.quantize(_PAS_TAUX),
        None if duree is None else duree.quantize(_PAS_DUREE),
    )
    if total is not None:
        encours = a.capital_restant_du_fin if compte else a.capital_restant_du_debut
        part = None if not total else (encours / total).quantize(_PAS_TAUX)
        ligne = (*ligne, part)
    return ligne


def _table_agregats(
    cle: str,
    titre: str,
    premiere: tuple[str, str],
    agregats: tuple[Agregat, ...],
    *,
    compte: bool,
    part: bool = False,
) -> Table:
    total = None
    if part:
        total = sum(
            (a.capital_restant_du_fin if compte else a.capital_restant_du_debut for a in agregats),
            _ZERO,
        )
    return Table(
        cle=cle,
        titre=titre,
        colonnes=_colonnes_agregat(
            Colonne(cle=premiere[0], libelle=premiere[1], genre=Genre.TEXTE), part=part
        ),
        lignes=tuple(_ligne_agregat(a, total=total, compte=compte) for a in agregats),
        graphique=_graphique(cle, premiere[0], compte=compte),
    )


def _graphique(cle: str, abscisse: str, *, compte: bool) -> Graphique | None:
    """Le graphique de la dette propre par prêteur : l'encours de référence de chacun."""
    if cle != "preteurs":
        return None
    encours = "crd_fin" if compte else "crd_debut"
    jour = "31 décembre" if compte else "1er janvier"
    return Graphique(
        titre=f"Dette propre au {jour} par prêteur", abscisse=abscisse, barres=(encours,)
    )


def _table_emprunts(doc: DocumentBudgetaire) -> Table:
    lignes = []
    for e in doc.emprunts:
        lignes.append(
            (
                e.rang,
                e.categorie,
                e.numero_contrat or "",
                e.preteur_libelle or "",
                e.objet or "",
                e.beneficiaire or "",
                e.index or "",
                e.index_libelle or "",
                e.marge,
                e.taux_actuel,
                e.capital_restant_du_debut,
                e.capital_rembourse,
                e.interets,
                e.capital_restant_du_fin,
                e.icne,
                e.gissler,
                e.duree_residuelle,
            )
        )
    return Table(
        cle="emprunts",
        titre="Emprunts de l'annexe",
        colonnes=colonnes(
            ("rang", "Rang (EMPRUNT[n])", Genre.ENTIER),
            ("categorie", "Catégorie", Genre.TEXTE),
            ("numero_contrat", "N° de contrat", Genre.TEXTE),
            ("preteur", "Prêteur (texte du fichier)", Genre.TEXTE),
            ("objet", "Objet", Genre.TEXTE),
            ("beneficiaire", "Bénéficiaire (garantie)", Genre.TEXTE),
            ("index", "Index", Genre.TEXTE),
            ("index_libelle", "Index (texte du fichier)", Genre.TEXTE),
            ("marge", "Marge", Genre.TAUX, _TAUX),
            ("taux_actuel", "Taux actuel", Genre.TAUX, _TAUX),
            ("crd_debut", "Capital restant dû au 1er janvier", Genre.MONTANT, {"total": True}),
            ("capital", "Capital de l'exercice", Genre.MONTANT, {"total": True}),
            ("interets", "Intérêts de l'exercice", Genre.MONTANT, {"total": True}),
            ("crd_fin", "Capital restant dû au 31 décembre", Genre.MONTANT, {"total": True}),
            ("icne", "ICNE", Genre.MONTANT, {"total": True}),
            ("classe", "Classe de la charte", Genre.TEXTE),
            ("duree_residuelle", "Durée résiduelle (ans)", Genre.NOMBRE, _DUREE),
        ),
        lignes=tuple(lignes),
        detail=True,
    )


def _faits_document(doc: DocumentBudgetaire) -> list[tuple[str, str, Any, Genre]]:
    return [
        ("collectivite", "Collectivité", doc.collectivite, Genre.TEXTE),
        ("siret", "SIRET", doc.siret or "", Genre.TEXTE),
        ("budget", "Budget", doc.budget or "", Genre.TEXTE),
        ("exercice", "Exercice", doc.exercice, Genre.ANNEE),
        ("nature", "Document", doc.nature_libelle, Genre.TEXTE),
        ("nomenclature", "Nomenclature", doc.nomenclature or "", Genre.TEXTE),
        ("version_schema", "Version du schéma", doc.version_schema or "", Genre.TEXTE),
    ]


def _hypotheses_document(doc: DocumentBudgetaire) -> list[str]:
    source = f"Source : {doc.source}. " if doc.source else ""
    return [
        f"{source}Montants tels que le fichier les imprime (annexe DATA_EMPRUNT), sans recalcul.",
        *(f"Lecture : {note}." for note in doc.notes),
    ]


_Valeur = tuple[str, str, Any, Genre]


def _faits_etat(etat: EtatDette) -> list[_Valeur]:
    propre = etat.categorie("propre")
    garanti = etat.categorie("garanti")
    valeurs: list[_Valeur] = [
        *_faits_document(etat.document),
        ("emprunts_propres", "Emprunts propres", propre.nombre, Genre.ENTIER),
        ("emprunts_garantis", "Emprunts garantis", garanti.nombre, Genre.ENTIER),
        (
            "encours_debut",
            "Dette propre au 1er janvier",
            propre.capital_restant_du_debut,
            Genre.MONTANT,
        ),
        (
            "encours_fin",
            "Dette propre au 31 décembre",
            propre.capital_restant_du_fin,
            Genre.MONTANT,
        ),
        ("annuite", "Annuité de la dette propre", propre.annuite, Genre.MONTANT),
        ("icne", "Intérêts courus non échus (dette propre)", propre.icne, Genre.MONTANT),
    ]
    if propre.taux_moyen is not None:
        valeurs.append(
            (
                "taux_moyen",
                "Taux moyen de la dette propre",
                propre.taux_moyen.quantize(_PAS_TAUX),
                Genre.TAUX,
            )
        )
    if propre.duree_residuelle_moyenne is not None:
        valeurs.append(
            (
                "duree_residuelle_moyenne",
                "Durée résiduelle moyenne de la dette propre (années)",
                propre.duree_residuelle_moyenne.quantize(_PAS_DUREE),
                Genre.NOMBRE,
            )
        )
    valeurs.append(
        (
            "encours_garanti",
            "Dette garantie au 31 décembre",
            garanti.capital_restant_du_fin,
            Genre.MONTANT,
        )
    )
    return valeurs


#: Les tables de groupes de l'état : clé, titre, première colonne, attribut, part de l'encours.
_GROUPES = (
    ("synthese", "Synthèse par catégorie", ("categorie", "Catégorie"), "categories", False),
    ("preteurs", "Dette propre par prêteur", ("preteur", "Prêteur"), "par_preteur", True),
    (
        "types_de_taux",
        "Dette propre par type de taux",
        ("type_taux", "Type de taux"),
        "par_type_taux",
        True,
    ),
    (
        "charte",
        "Classes de la charte (propre)",
        ("classe", "Classe"),
        "par_classe",
        True,
    ),
    (
        "beneficiaires",
        "Dette garantie par bénéficiaire",
        ("beneficiaire", "Bénéficiaire"),
        "garanties_par_beneficiaire",
        True,
    ),
    (
        "types_garantis",
        "Dette garantie par type",
        ("type_garanti", "Type d'emprunt garanti"),
        "garanties_par_type",
        True,
    ),
)


def _ratio(etat: EtatDette) -> tuple[list[_Valeur], list[Table], list[str]]:
    """Faits, table et hypothèses du ratio des garanties, s'il est calculé."""
    doc, ratio = etat.document, etat.ratio
    if ratio is None:
        if not doc.elements_ratio:
            return [], [], []
        return (
            [],
            [],
            [
                "Ratio des garanties non calculé : la ligne des éléments du ratio ne porte que les "
                "recettes réelles de fonctionnement (ni annuité nette de la dette ni annuités "
                "garanties)."
            ],
        )
    from collectivites.dette._garanties_presentation import decrire_ratio

    description = decrire_ratio(ratio)
    valeurs: list[_Valeur] = [
        (
            "ratio_garanties",
            "Ratio des garanties (CGCT D1511-30 à D1511-33)",
            ratio.ratio_affiche,
            Genre.TAUX,
        ),
        ("ratio_respecte", "Plafond de 50 % respecté", ratio.respecte, Genre.BOOLEEN),
    ]
    imprime = doc.element_ratio("PartGarantiesEmprunt")
    if imprime is not None:
        valeurs.append(
            (
                "ratio_imprime",
                "Ratio imprimé par le fichier (PartGarantiesEmprunt)",
                imprime,
                Genre.TAUX,
            )
        )
    tables = [
        Table(
            cle="ratio", titre="Calcul du ratio des garanties", colonnes=t.colonnes, lignes=t.lignes
        )
        for t in description.tables[:1]
    ]
    hypotheses = [f"Ratio : {h}" for h in description.hypotheses]
    absents = [
        n
        for n in ("AnnuitNetDette", "TotGarEchoirExer", "Tot1Annuite", "ProvGarantiEmpr")
        if doc.element_ratio(n) is None
    ]
    if absents:
        hypotheses.append(
            "Éléments du ratio absents du fichier, comptés pour zéro : " + ", ".join(absents) + "."
        )
    return valeurs, tables, hypotheses


@decrit(EtatDette)
def decrire_etat(etat: EtatDette) -> Document:
    """L'état de la dette : faits, synthèse, tables par groupe, ratio, liste des emprunts."""
    doc = etat.document
    compte = doc.est_compte
    reference = "31 décembre" if compte else "1er janvier"
    tables = [
        _table_agregats(cle, titre, premiere, getattr(etat, attribut), compte=compte, part=part)
        for cle, titre, premiere, attribut, part in _GROUPES
    ]
    faits_ratio, tables_ratio, hypotheses_ratio = _ratio(etat)
    hypotheses = [
        *_hypotheses_document(doc),
        f"Taux moyen et durée résiduelle moyenne pondérés par le capital restant dû au "
        f"{reference} ; parts de l'encours au {reference}.",
        "Classes de la charte de bonne conduite (circulaire du 25 juin 2010, NOR IOCB1015077C) "
        "telles que le fichier les déclare (IndSousJacentDtVote × StructureDtVote) ; « ? » : "
        "non déclarée.",
        *hypotheses_ratio,
    ]
    titre = f"État de la dette — {doc.collectivite} — {doc.nature_libelle} {doc.exercice or ''}"
    return Document(
        titre=titre.strip(),
        faits=faits(*_faits_etat(etat), *faits_ratio),
        tables=(*tables, *tables_ratio, _table_emprunts(doc)),
        hypotheses=tuple(hypotheses),
    )


@decrit(ControleAnnexe)
def decrire_controle(controle: ControleAnnexe) -> Document:
    """Les anomalies de l'annexe, et leur décompte par code."""
    doc = controle.document
    expliquees = sum(1 for a in controle.anomalies if a.explique)
    a_signaler = len(controle.anomalies) - expliquees
    verdict = (
        "aucune anomalie à signaler"
        if not a_signaler
        else f"{a_signaler} anomalie{'s' if a_signaler > 1 else ''} à signaler"
    )
    comptes: dict[str, list[int]] = {}
    regles: dict[str, str] = {}
    for a in controle.anomalies:
        compte = comptes.setdefault(a.code, [0, 0])
        compte[0] += 1
        compte[1] += a.explique
        regles.setdefault(a.code, a.regle)
    return Document(
        titre=f"Contrôle de l'annexe de la dette — {doc.collectivite} — {doc.nature_libelle} "
        f"{doc.exercice or ''}".strip(),
        faits=faits(
            *_faits_document(doc),
            ("emprunts_controles", "Emprunts contrôlés", controle.emprunts_controles, Genre.ENTIER),
            ("a_signaler", "Anomalies à signaler", a_signaler, Genre.ENTIER),
            ("expliquees", "Écarts expliqués", expliquees, Genre.ENTIER),
            ("verdict", "Verdict", verdict, Genre.TEXTE),
        ),
        tables=(
            Table(
                cle="codes",
                titre="Anomalies par code",
                colonnes=colonnes(
                    ("code", "Code", Genre.TEXTE),
                    ("regle", "Règle", Genre.TEXTE),
                    ("nombre", "Nombre", Genre.ENTIER, {"total": True}),
                    ("expliquees", "Dont expliquées", Genre.ENTIER, {"total": True}),
                ),
                lignes=tuple((code, regles[code], n, e) for code, (n, e) in comptes.items()),
            ),
            Table(
                cle="anomalies",
                titre="Anomalies",
                colonnes=colonnes(
                    ("code", "Code", Genre.TEXTE),
                    ("emprunt", "Emprunt", Genre.TEXTE),
                    ("chemin", "Élément", Genre.TEXTE),
                    ("attendu", "Attendu", Genre.TEXTE),
                    ("trouve", "Trouvé", Genre.TEXTE),
                    ("explique", "Expliqué", Genre.BOOLEEN),
                    ("ecart", "Écart", Genre.MONTANT),
                ),
                lignes=tuple(
                    (a.code, a.emprunt, a.chemin, a.attendu, a.trouve, a.explique, a.ecart)
                    for a in controle.anomalies
                ),
            ),
        ),
        hypotheses=(
            *_hypotheses_document(doc),
            "Un écart expliqué (arrondi d'un centime, emprunt nouveau de l'exercice dont le "
            "capital mobilisé ne dépasse pas le montant de l'emprunt) est montré sans faire "
            "échouer le contrôle.",
            "Identité du capital et plausibilité des intérêts : comptes (administratif, "
            "financier unique) seulement ; tolérance des intérêts : de 0,5 fois à 1,5 fois les "
            "intérêts d'un an au taux actuel, plus 1 €.",
        ),
    )
