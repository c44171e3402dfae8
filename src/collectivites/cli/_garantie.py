"""Les commandes des garanties d'emprunt : ``collectivites garantie verifier`` (les trois règles
prudentielles pour une garantie proposée) et ``collectivites garantie ratio`` (le ratio de
plafonnement seul). Code de sortie : 0 si les règles sont respectées, 1 si l'une refuse, 2 pour
une entrée invalide.

Rien de lourd n'est importé au chargement : le moteur l'est à l'exécution de la commande.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from collectivites.cli._cadre import Commande, Option
from collectivites.erreurs import ErreurCollectivites, ErreurValeur

__all__ = ["COMMANDES_GARANTIE"]


def _lire(lire: Callable[[str], Any], texte: str) -> Any:
    """Une valeur d'option lue par un type du chargeur ; une erreur devient un refus
    d'``argparse`` (code 2, message français)."""
    from decimal import DecimalException

    try:
        return lire(texte)
    except ErreurCollectivites as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    except DecimalException:  # un nombre de milliers de chiffres : hors de tout budget
        raise argparse.ArgumentTypeError(
            f"nombre illisible (reçu : {texte[:20]!r}… ; attendu : un montant au centime "
            "d'au plus 1 000 000 000 000 €)"
        ) from None


def _montant(texte: str) -> Decimal:
    """Un montant au centime (« 1500 », « 1 500,00 »), lu comme dans les dossiers."""
    from collectivites.chargement import Montant
    from collectivites.chargement._schema import _Lieu

    return _lire(lambda t: Montant().lire(t, _Lieu(None, "")), texte)  # type: ignore[no-any-return]


def _quotite(texte: str) -> Decimal:
    """Une quotité en pourcentage (« 50 % »), de 0 % à 100 %."""
    from collectivites.chargement import Taux
    from collectivites.chargement._schema import _Lieu

    taux = Taux(minimum=Decimal(0), maximum=Decimal(1))
    return _lire(lambda t: taux.lire(t, _Lieu(None, "")), texte)  # type: ignore[no-any-return]


def _date(texte: str) -> Any:
    """Une date ``AAAA-MM-JJ`` ou ``JJ/MM/AAAA``."""
    from collectivites.chargement import Date
    from collectivites.chargement._schema import _Lieu

    return _lire(lambda t: Date().lire(t, _Lieu(None, "")), texte)


#: Les éléments du ratio : (option, champ de ElementsRatio, champ de l'annexe, obligatoire).
_ELEMENTS = (
    ("--recettes-reelles", "recettes_reelles_fonctionnement", "RReelFon", True),
    ("--annuite-dette", "annuite_nette_dette", "AnnuitNetDette", True),
    ("--annuites-garanties", "annuites_garanties_a_echoir", "TotGarEchoirExer", True),
    ("--premieres-annuites", "premiere_annuite_nouveaux", "Tot1Annuite", False),
    ("--provisions", "provisions", "ProvGarantiEmpr", False),
)

_AIDES = {
    "--recettes-reelles": "recettes réelles de fonctionnement (RReelFon, CGCT D1511-31)",
    "--annuite-dette": "annuité nette de la dette de l'exercice (AnnuitNetDette, D1511-30)",
    "--annuites-garanties": "annuités déjà garanties à échoir dans l'exercice (TotGarEchoirExer)",
    "--premieres-annuites": "premières annuités des garanties nouvelles de l'exercice "
    "(Tot1Annuite ; défaut : 0)",
    "--provisions": "provisions pour garanties d'emprunts (ProvGarantiEmpr ; défaut : 0)",
}


OPTIONS_ELEMENTS = tuple(
    Option((nom,), _AIDES[nom], type=_montant, metavar="MONTANT") for nom, *_ in _ELEMENTS
)

OPTIONS_COMMUNES = (
    Option(
        ("--document",),
        "document budgétaire XML (TOTEM) : les éléments du ratio sont lus dans son annexe de "
        "la dette (ligne CodTypEmpr 10) ; une option donnée les remplace",
        metavar="FICHIER.xml",
        fichier="fichier",
    ),
    Option(
        ("--collectivite",),
        "catégorie de la collectivité garante (choisit les articles cités ; défaut : celle du "
        "--document, sinon commune)",
        None,
        choix=("commune", "departement", "region"),
    ),
    Option(
        ("--date",),
        "date de la garantie (choisit la version des pourcentages ; défaut : la dernière)",
        metavar="DATE",
        type=_date,
    ),
)


def _elements(args: argparse.Namespace) -> Any:
    """Les éléments du ratio lus des options ; une option obligatoire absente est refusée
    (l'analyseur ne l'exige pas : une source de document pourra la remplacer)."""
    from collectivites.dette._garanties import ElementsRatio

    document = _document(args)
    valeurs: dict[str, Decimal] = {}
    for option, champ, annexe, obligatoire in _ELEMENTS:
        valeur = getattr(args, champ_option(option))
        if valeur is None and document is not None:
            valeur = document.element_ratio(annexe)
            if valeur is None and obligatoire:
                raise ErreurValeur(
                    f"élément du ratio absent du document ({annexe}) : donnez-le en option",
                    cle=option,
                    attendu=f"un montant ({annexe} de l'annexe de la dette)",
                )
        if valeur is None:
            if obligatoire:
                raise ErreurValeur(
                    "option obligatoire absente",
                    cle=option,
                    attendu=f"un montant ({annexe} de l'annexe de la dette)",
                )
            continue
        valeurs[champ] = valeur
    try:
        return ElementsRatio(**valeurs)
    except ErreurCollectivites as exc:
        options = {champ: option for option, champ, _annexe, _obligatoire in _ELEMENTS}
        exc.cle = options.get(exc.cle or "", exc.cle)
        raise


def _document(args: argparse.Namespace) -> Any:
    """Le document budgétaire de ``--document`` (lu une fois par commande), ou ``None``."""
    chemin = getattr(args, "document", None)
    if not chemin:
        return None
    lu = getattr(args, "_document_lu", None)
    if lu is None:
        from collectivites.dette import lire_document_budgetaire

        lu = lire_document_budgetaire(chemin)
        args._document_lu = lu
    return lu


def _collectivite(args: argparse.Namespace) -> Any:
    """La catégorie donnée, sinon celle du document, sinon « commune »."""
    from collectivites.dette._garanties_regles import Collectivite

    if args.collectivite:
        return Collectivite(args.collectivite)
    document = _document(args)
    return Collectivite(document.categorie_collectivite if document is not None else "commune")


def _annuites_beneficiaire(args: argparse.Namespace) -> tuple[Decimal, str | None]:
    """Les annuités déjà garanties au bénéficiaire : l'option, sinon celles que le document
    imprime pour les emprunts garantis de ce bénéficiaire (capital + intérêts de l'exercice,
    à la part garantie, 100 % si elle manque), avec l'hypothèse qui le dit."""
    if args.annuites_beneficiaire is not None:
        return args.annuites_beneficiaire, None
    document = _document(args)
    if document is None:
        return Decimal(0), None
    from collectivites.dette._normalisation import cle_de_texte

    cible = cle_de_texte(args.beneficiaire)
    total, nombre = Decimal("0.00"), 0
    for e in document.par_categorie("garanti"):
        if e.beneficiaire and cle_de_texte(e.beneficiaire) == cible:
            annuite = (e.capital_rembourse or Decimal(0)) + (e.interets or Decimal(0))
            part = e.part_garantie if e.part_garantie is not None else Decimal(1)
            total += (annuite * part).quantize(Decimal("0.01"))
            nombre += 1
    return total, (
        f"Annuités déjà garanties à « {args.beneficiaire} » lues dans le document : {nombre} "
        f"emprunt(s) garanti(s) de ce bénéficiaire, capital et intérêts de l'exercice "
        f"{document.exercice} à la part garantie (100 % si elle n'est pas donnée)."
    )


def champ_option(option: str) -> str:
    """``--recettes-reelles`` → ``recettes_reelles``."""
    return option.lstrip("-").replace("-", "_")


def _ratio(_entree: Any, args: argparse.Namespace) -> Any:
    from collectivites.dette._garanties import ratio_garanties

    return ratio_garanties(_elements(args), collectivite=_collectivite(args), date=args.date)


def _verifier(_entree: Any, args: argparse.Namespace) -> Any:
    import attrs

    from collectivites.dette._garanties import verifier_garantie

    annuites, hypothese = _annuites_beneficiaire(args)
    verification = verifier_garantie(
        _elements(args),
        annuite=args.annuite,
        quotite=args.quotite,
        quotite_autres=args.quotite_autres,
        beneficiaire=args.beneficiaire,
        operation=args.operation,
        annuites_beneficiaire=annuites,
        collectivite=_collectivite(args),
        date=args.date,
    )
    if hypothese is None:
        return verification
    return attrs.evolve(verification, hypotheses=(*verification.hypotheses, hypothese))


_EXEMPLE_ELEMENTS = (
    '--recettes-reelles "3 082 599,00" --annuite-dette "160 847,18" '
    '--annuites-garanties "34 880,06"'
)

COMMANDES_GARANTIE: tuple[Commande, ...] = (
    Commande(
        ("garantie", "verifier"),
        "garantie d'emprunt proposée : plafonnement, division et partage du risque (CGCT "
        "L2252-1, D1511-30 à D1511-35) ; code 1 si une règle la refuse",
        _verifier,
        (
            Option(
                ("--annuite",),
                "première annuité entière du nouvel emprunt (à 100 %)",
                type=_montant,
                obligatoire=True,
                metavar="MONTANT",
            ),
            Option(
                ("--quotite",),
                "part de l'emprunt garantie par la collectivité, par exemple « 50 % »",
                type=_quotite,
                obligatoire=True,
                metavar="POURCENTAGE",
            ),
            Option(
                ("--quotite-autres",),
                "parts du même emprunt garanties par d'autres collectivités",
                Decimal(0),
                type=_quotite,
                metavar="POURCENTAGE",
            ),
            Option(("--beneficiaire",), "nom de l'emprunteur garanti", obligatoire=True),
            Option(
                ("--operation",),
                "nature de l'opération financée",
                "autre",
                choix=(
                    "logement-social",
                    "amenagement",
                    "amenagement-logement",
                    "interet-general",
                    "autre",
                ),
            ),
            Option(
                ("--annuites-beneficiaire",),
                "annuités déjà garanties à ce bénéficiaire, exigibles dans l'exercice (défaut : "
                "celles du --document pour ce bénéficiaire, sinon 0)",
                None,
                type=_montant,
                metavar="MONTANT",
            ),
            *OPTIONS_ELEMENTS,
            *OPTIONS_COMMUNES,
        ),
        exemples=(
            'collectivites garantie verifier --annuite "40 000" --quotite "50 %" '
            f'--beneficiaire "Association du port" {_EXEMPLE_ELEMENTS}',
            'collectivites garantie verifier --annuite 120000 --quotite "100 %" '
            f'--beneficiaire "Office HLM" --operation logement-social {_EXEMPLE_ELEMENTS}',
            'collectivites garantie verifier --document BP-2022.xml --annuite "40 000" '
            '--quotite "50 %" --beneficiaire "Association du port"',
        ),
    ),
    Commande(
        ("garantie", "ratio"),
        "ratio de plafonnement des garanties d'emprunt (CGCT L2252-1, al. 2 ; D1511-30 à "
        "D1511-33) ; code 1 au-delà du plafond",
        _ratio,
        (*OPTIONS_ELEMENTS, *OPTIONS_COMMUNES),
        exemples=(
            f"collectivites garantie ratio {_EXEMPLE_ELEMENTS}",
            "collectivites garantie ratio --document BP-2022.xml",
        ),
    ),
)
