"""La description des résultats des garanties d'emprunt : le calcul du ratio poste par poste, puis
les trois contrôles (plafonnement, division, partage) avec leurs articles et leurs marges.

Arrondis d'affichage (les comparaisons se font sur les montants exacts) : une charge au centime
supérieur, une limite ou une marge au centime inférieur, le ratio au centième de point
supérieur — un affichage ne montre jamais moins de charge ni plus de marge qu'il n'y en a.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from collectivites.dette._garanties import Controle, RatioGaranties, VerificationGarantie
from collectivites.dette._garanties_regles import plancher, superieur
from collectivites.monnaie import formater_montant
from collectivites.presentation import decrit
from collectivites.tables import Document, Genre, Table, colonnes, faits
from collectivites.taux import formater_taux

__all__ = ["decrire_ratio", "decrire_verification"]

ARRONDIS = (
    "Affichage : charges au centime supérieur, limites et marges au centime inférieur, ratio au "
    "centième de point supérieur ; les comparaisons se font sur les montants exacts."
)


def _euros(montant: Decimal) -> str:
    return f"{formater_montant(montant)} €"


def _lignes_calcul(r: RatioGaranties) -> list[tuple[str, str, Decimal]]:
    e = r.elements
    lignes: list[tuple[str, str, Decimal]] = [
        (
            "Annuités déjà garanties à échoir dans l'exercice",
            "TotGarEchoirExer",
            e.annuites_garanties_a_echoir,
        ),
        (
            "Premières annuités entières des garanties nouvelles de l'exercice",
            "Tot1Annuite",
            e.premiere_annuite_nouveaux,
        ),
    ]
    if r.annuite_projet:
        lignes.append(
            ("Part garantie de la première annuité du projet", "", superieur(r.annuite_projet))
        )
    lignes += [
        ("Annuité nette de la dette (D1511-30)", "AnnuitNetDette", e.annuite_nette_dette),
        (
            f"Provisions pour garanties × {r.regles.coefficient_provisions} (D1511-33), déduites",
            "ProvGarantiEmpr",
            -r.provisions_deduites,
        ),
        ("Charge retenue", "", superieur(r.numerateur)),
        (
            "Recettes réelles de fonctionnement (D1511-31)",
            "RReelFon",
            e.recettes_reelles_fonctionnement,
        ),
        (
            f"Plafond : {formater_taux(r.regles.plafond)} des recettes réelles",
            "",
            plancher(r.plafond),
        ),
        ("Marge sous le plafond", "", r.marge_affichee),
    ]
    return lignes


def _table_calcul(r: RatioGaranties) -> Table:
    return Table(
        cle="calcul",
        titre="Calcul du ratio des garanties d'emprunt",
        colonnes=colonnes(
            ("poste", "Poste", Genre.TEXTE),
            ("champ", "Champ de l'annexe", Genre.TEXTE),
            ("montant", "Montant", Genre.MONTANT),
        ),
        lignes=tuple(_lignes_calcul(r)),
    )


def _faits_ratio(r: RatioGaranties) -> list[tuple[str, str, Any, Genre]]:
    return [
        ("collectivite", "Collectivité garante", r.collectivite.libelle, Genre.TEXTE),
        ("charge", "Charge retenue", superieur(r.numerateur), Genre.MONTANT),
        ("ratio", "Ratio (charge / recettes réelles)", r.ratio_affiche, Genre.TAUX),
        ("plafond_taux", "Plafond", r.regles.plafond, Genre.TAUX),
        ("plafond", "Plafond en euros", plancher(r.plafond), Genre.MONTANT),
        ("marge", "Marge sous le plafond", r.marge_affichee, Genre.MONTANT),
        (
            "capacite",
            "Annuités susceptibles d'être garanties",
            plancher(r.capacite),
            Genre.MONTANT,
        ),
        ("respecte", "Plafond respecté", r.respecte, Genre.BOOLEEN),
        ("articles", "Articles", r.articles, Genre.TEXTE),
    ]


def _hypotheses_ratio(r: RatioGaranties) -> tuple[str, ...]:
    return (
        f"Pourcentages de la version du {r.regles.date_effet:%d/%m/%Y} ({r.regles.source}).",
        ARRONDIS,
    )


@decrit(RatioGaranties)
def decrire_ratio(r: RatioGaranties) -> Document:
    """Le ratio : ses chiffres clés et son calcul poste par poste."""
    return Document(
        titre="Ratio des garanties d'emprunt (plafonnement)",
        cle="ratio",
        faits=faits(*_faits_ratio(r)),
        tables=(_table_calcul(r),),
        hypotheses=_hypotheses_ratio(r),
    )


def _valeur(c: Controle, montant: Decimal, *, charge: bool) -> str:
    if not c.en_euros:
        return formater_taux(montant)
    return _euros(superieur(montant) if charge else plancher(montant))


def _resultat(c: Controle) -> str:
    if not c.applicable:
        return f"non applicable ({c.exemption})"
    if c.respecte:
        return "respectée"
    return f"dépassée de {_valeur(c, -c.marge, charge=True)}"


def _ligne_controle(c: Controle) -> tuple[str, ...]:
    if not c.applicable:
        return (c.libelle, c.articles, "", "", "", _resultat(c))
    return (
        c.libelle,
        c.articles,
        _valeur(c, c.retenu, charge=True),
        _valeur(c, c.limite, charge=False),
        _valeur(c, c.marge, charge=False),
        _resultat(c),
    )


@decrit(VerificationGarantie)
def decrire_verification(v: VerificationGarantie) -> Document:
    """Le verdict, les trois contrôles, puis le calcul du ratio avec le projet."""
    p = v.projet
    table = Table(
        cle="controles",
        titre="Règles prudentielles",
        colonnes=colonnes(
            ("regle", "Règle", Genre.TEXTE),
            ("articles", "Articles", Genre.TEXTE),
            ("retenu", "Retenu", Genre.TEXTE),
            ("limite", "Limite", Genre.TEXTE),
            ("marge", "Marge", Genre.TEXTE),
            ("resultat", "Résultat", Genre.TEXTE),
        ),
        lignes=tuple(_ligne_controle(c) for c in v.controles),
    )
    valeurs: list[tuple[str, str, Any, Genre]] = [
        ("beneficiaire", "Bénéficiaire", p.beneficiaire, Genre.TEXTE),
        ("operation", "Opération", p.operation.libelle, Genre.TEXTE),
        ("annuite", "Première annuité entière de l'emprunt", p.annuite, Genre.MONTANT),
        ("quotite", "Quotité garantie", p.quotite, Genre.TAUX),
    ]
    if p.quotite_autres:
        valeurs.append(
            (
                "quotite_autres",
                "Quotité garantie par d'autres collectivités",
                p.quotite_autres,
                Genre.TAUX,
            )
        )
    valeurs += [
        (
            "annuite_garantie",
            "Part garantie de l'annuité",
            superieur(p.annuite_garantie),
            Genre.MONTANT,
        ),
        (
            "annuites_beneficiaire",
            "Annuités déjà garanties à ce bénéficiaire",
            p.annuites_beneficiaire,
            Genre.MONTANT,
        ),
        ("autorisee", "Garantie permise par les règles prudentielles", v.autorisee, Genre.BOOLEEN),
    ]
    for c in v.controles:
        if c.applicable:
            genre = Genre.MONTANT if c.en_euros else Genre.TAUX
            marge = plancher(c.marge) if c.en_euros else c.marge
            valeurs.append((f"marge_{c.regle}", f"Marge — {c.libelle}", marge, genre))
    valeurs += [
        ("collectivite", "Collectivité garante", v.ratio.collectivite.libelle, Genre.TEXTE),
        ("ratio", "Ratio avec la garantie proposée", v.ratio.ratio_affiche, Genre.TAUX),
    ]
    return Document(
        titre=f"Garantie d'emprunt — {p.beneficiaire}",
        cle="garantie",
        faits=faits(*valeurs),
        tables=(table, _table_calcul(v.ratio)),
        hypotheses=(*v.hypotheses, ARRONDIS),
    )
