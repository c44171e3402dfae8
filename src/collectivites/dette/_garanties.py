"""Les règles prudentielles des garanties d'emprunt (« ratios Galland ») : plafonnement, division
du risque, partage du risque, et leurs exemptions.

Une collectivité ne peut accorder à une personne de droit privé une garantie d'emprunt ou son
cautionnement que dans les conditions des articles L2252-1 (communes), L3231-4 (départements) et
L4253-1 (régions) du code général des collectivités territoriales. Ces trois articles disent, dans
les mêmes termes :

* **plafonnement** (deuxième alinéa) : « Le montant total des annuités, déjà garanties ou
  cautionnées à échoir au cours de l'exercice, d'emprunts contractés par toute personne de droit
  privé ou de droit public, majoré du montant de la première annuité entière du nouveau concours
  garanti, et du montant des annuités de la dette communale, ne peut excéder un pourcentage, défini
  par décret, des recettes réelles de la section de fonctionnement du budget communal ; le montant
  des provisions spécifiques constituées par la commune pour couvrir les garanties et cautions
  accordées, affecté d'un coefficient multiplicateur fixé par décret, vient en déduction du montant
  total défini au présent alinéa. » — 50 % (D1511-32), coefficient 1 (D1511-33) ;
* **division du risque** (troisième alinéa) : « Le montant des annuités garanties ou cautionnées
  au profit d'un même débiteur, exigible au titre d'un exercice, ne doit pas dépasser un
  pourcentage, défini par décret, du montant total des annuités susceptibles d'être garanties ou
  cautionnées en application de l'alinéa précédent. » — 10 % (D1511-34) ;
* **partage du risque** (quatrième alinéa) : « La quotité garantie par une ou plusieurs
  collectivités territoriales sur un même emprunt ne peut excéder un pourcentage fixé par
  décret. » — 50 %, « portée à 80 % pour les opérations d'aménagement » (D1511-35).

Les éléments du plafonnement sont définis par D1511-30 (« Le montant net des annuités de la dette
[…] est égal à la différence entre le montant total des sommes inscrites : a) En dépenses au titre
du remboursement du capital d'emprunts et du versement des intérêts ainsi que du règlement des
dettes à long ou moyen terme, sans réception de fonds ; b) En recettes au titre du recouvrement des
créances à long et moyen terme. ») et D1511-31 (« Les recettes réelles de fonctionnement sont
égales à la différence entre : a) Le montant total des recettes inscrites à la section
Fonctionnement du budget primitif principal pour l'exercice en cours ; b) Et le montant total des
sommes correspondant aux travaux effectués en régie ainsi éventuellement qu'aux prestations
internes et aux résultats de fonctionnement reportés de l'exercice précédent. »).

Exemptions : les deuxième à quatrième alinéas ne s'appliquent pas aux garanties des opérations de
logement social (L2252-2, I ; L3231-4-1, I ; L4253-2, I : organismes d'HLM et sociétés d'économie
mixte, logements aidés par l'État, plan départemental pour le logement des personnes
défavorisées) ; le quatrième (partage) ne s'applique pas aux opérations d'aménagement qui
concernent principalement la construction de logements en zone tendue (L2252-2, II ; L3231-4-1,
II ; L4253-2, II) ni aux organismes d'intérêt général des articles 200 et 238 bis du code général
des impôts (cinquième alinéa de L2252-1, L3231-4 et L4253-1).

Les pourcentages sont des données datées du paquet (``donnees/dette/garanties.toml``), jamais des
constantes du code. Les comparaisons se font sur les montants exacts ; seuls les affichages
arrondissent, dans le sens prudent (voir :class:`RatioGaranties`).
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal
from fractions import Fraction

import attrs

from collectivites._champs import v_texte
from collectivites._enum import convertir
from collectivites._moteur import CONTEXTE_CALCUL, moteur
from collectivites.dette._garanties_regles import (
    ARTICLES,
    Collectivite,
    Operation,
    ReglesGaranties,
    plancher,
    regles_garanties,
)
from collectivites.erreurs import ErreurType, ErreurValeur
from collectivites.monnaie import CENTIME, en_decimal
from collectivites.presentation import Presentable
from collectivites.taux import lire_taux

__all__ = [
    "Collectivite",
    "Controle",
    "ElementsRatio",
    "Operation",
    "ProjetGarantie",
    "RatioGaranties",
    "ReglesGaranties",
    "VerificationGarantie",
    "ratio_garanties",
    "regles_garanties",
    "verifier_garantie",
]

_ZERO = Decimal(0)
_UN = Decimal(1)
_CENT = Decimal(100)
#: Montant le plus grand accepté : au-delà, ce n'est plus un budget (et l'exactitude sur 34
#: chiffres ne serait plus garantie).
_MONTANT_MAX = Decimal("1e12")
#: Pas d'affichage d'un ratio : le centième de point (0,01 %).
_PAS_RATIO = Decimal("0.0001")


# --- modèles ---------------------------------------------------------------------------------


def _en_montant(valeur: object, champ: attrs.Attribute) -> Decimal:  # type: ignore[type-arg]
    """Convertisseur : un montant lu par :func:`~collectivites.monnaie.en_decimal`."""
    return en_decimal(valeur, champ=champ.name)


_MONTANT = attrs.Converter(_en_montant, takes_field=True)


def _verifier_montant(nom: str, valeur: Decimal, *, strict: bool) -> None:
    if valeur < 0:
        raise ErreurValeur(
            "un montant ne peut pas être négatif",
            cle=nom,
            valeur=valeur,
            attendu="un montant ≥ 0 au centime",
        )
    if strict and valeur == 0:
        raise ErreurValeur(
            "ce montant doit être > 0", cle=nom, valeur=valeur, attendu="un montant > 0"
        )
    if valeur > _MONTANT_MAX:
        raise ErreurValeur(
            "montant irréaliste", cle=nom, valeur=valeur, attendu="au plus 1 000 000 000 000 €"
        )
    if valeur != valeur.quantize(CENTIME, rounding=ROUND_FLOOR, context=CONTEXTE_CALCUL):
        raise ErreurValeur(
            "un montant s'exprime au centime",
            cle=nom,
            valeur=valeur,
            attendu="au plus deux décimales",
        )


def _montant_positif(_instance: object, attribut: attrs.Attribute, valeur: Decimal) -> None:  # type: ignore[type-arg]
    """Un montant en euros ≥ 0, au centime, réaliste."""
    _verifier_montant(attribut.name, valeur, strict=False)


def _montant_strict(_instance: object, attribut: attrs.Attribute, valeur: Decimal) -> None:  # type: ignore[type-arg]
    """Un montant en euros > 0, au centime, réaliste."""
    _verifier_montant(attribut.name, valeur, strict=True)


@attrs.frozen(kw_only=True)
class ElementsRatio:
    """Les éléments du ratio de plafonnement (ligne ``CodTypEmpr`` 10, « Eléments pour ratio », de
    l'annexe de la dette d'un DocumentBudgetaire) :

    * ``recettes_reelles_fonctionnement`` (``RReelFon``, D1511-31) : le dénominateur, > 0 ;
    * ``annuite_nette_dette`` (``AnnuitNetDette``, D1511-30) : ajoutée au numérateur ;
    * ``annuites_garanties_a_echoir`` (``TotGarEchoirExer``) : « annuités déjà garanties ou
      cautionnées à échoir au cours de l'exercice », ajoutées ;
    * ``premiere_annuite_nouveaux`` (``Tot1Annuite``) : « première annuité entière » des
      garanties nouvelles de l'exercice, ajoutée ;
    * ``provisions`` (``ProvGarantiEmpr``) : provisions spécifiques pour garanties, multipliées par
      le coefficient de D1511-33 et déduites du numérateur.

    Chaque montant est un ``Decimal`` (ou un texte lu par :func:`~collectivites.monnaie.en_decimal`
    : « 3 082 599,00 »), ≥ 0, au centime ; un flottant est refusé.
    """

    recettes_reelles_fonctionnement: Decimal = attrs.field(
        converter=_MONTANT,  # type: ignore[misc]
        validator=_montant_strict,
    )
    annuite_nette_dette: Decimal = attrs.field(
        default=_ZERO,
        converter=_MONTANT,  # type: ignore[misc]
        validator=_montant_positif,
    )
    annuites_garanties_a_echoir: Decimal = attrs.field(
        default=_ZERO,
        converter=_MONTANT,  # type: ignore[misc]
        validator=_montant_positif,
    )
    premiere_annuite_nouveaux: Decimal = attrs.field(
        default=_ZERO,
        converter=_MONTANT,  # type: ignore[misc]
        validator=_montant_positif,
    )
    provisions: Decimal = attrs.field(
        default=_ZERO,
        converter=_MONTANT,  # type: ignore[misc]
        validator=_montant_positif,
    )


def _en_quotite(valeur: object, champ: attrs.Attribute) -> Decimal:  # type: ignore[type-arg]
    """Convertisseur : « 50 % » ou une fraction ``Decimal`` ; un nombre nu est refusé."""
    attendu = "un pourcentage comme « 50 % » ou une fraction Decimal"
    if isinstance(valeur, float):
        raise ErreurType(
            "un nombre flottant est refusé", cle=champ.name, valeur=valeur, attendu=attendu
        )
    if isinstance(valeur, int) and not isinstance(valeur, bool):
        raise ErreurType("un nombre nu est ambigu", cle=champ.name, valeur=valeur, attendu=attendu)
    return lire_taux(valeur, champ=champ.name)


_QUOTITE = attrs.Converter(_en_quotite, takes_field=True)


def _verifier_quotite(nom: str, valeur: Decimal, *, nulle_permise: bool) -> None:
    bas = valeur < 0 if nulle_permise else valeur <= 0
    if bas or valeur > _UN:
        raise ErreurValeur(
            "une quotité est une part de l'emprunt",
            cle=nom,
            valeur=_pourcentage(valeur),
            attendu=("de 0 %" if nulle_permise else "plus de 0 %") + " à 100 %",
        )


def _pourcentage(fraction: Decimal) -> str:
    return f"{CONTEXTE_CALCUL.multiply(fraction, _CENT).normalize(CONTEXTE_CALCUL):f} %".replace(
        ".", ","
    )


def _quotite_strict(_instance: object, attribut: attrs.Attribute, valeur: Decimal) -> None:  # type: ignore[type-arg]
    _verifier_quotite(attribut.name, valeur, nulle_permise=False)


def _quotite_nulle_permise(_instance: object, attribut: attrs.Attribute, valeur: Decimal) -> None:  # type: ignore[type-arg]
    _verifier_quotite(attribut.name, valeur, nulle_permise=True)


def _nom(texte: object) -> object:
    return texte.strip() if isinstance(texte, str) else texte


def _operation(valeur: object) -> Operation:
    return convertir(Operation, valeur, "operation")


@attrs.frozen(kw_only=True)
class ProjetGarantie:
    """Une garantie proposée : ``annuite`` (la première annuité entière du nouvel emprunt, à
    100 %), ``quotite`` (la part que la collectivité garantit, fraction ou « 50 % »),
    ``quotite_autres`` (les parts garanties par d'autres collectivités sur le même emprunt),
    ``beneficiaire``, ``operation``, ``annuites_beneficiaire`` (annuités déjà garanties à ce
    débiteur et exigibles dans l'exercice, à la part garantie)."""

    annuite: Decimal = attrs.field(
        converter=_MONTANT,  # type: ignore[misc]
        validator=_montant_strict,
    )
    quotite: Decimal = attrs.field(
        converter=_QUOTITE,  # type: ignore[misc]
        validator=_quotite_strict,
    )
    beneficiaire: str = attrs.field(converter=_nom, validator=v_texte(vide=False, longueur_max=200))
    operation: Operation = attrs.field(default=Operation.AUTRE, converter=_operation)
    quotite_autres: Decimal = attrs.field(
        default=_ZERO,
        converter=_QUOTITE,  # type: ignore[misc]
        validator=_quotite_nulle_permise,
    )
    annuites_beneficiaire: Decimal = attrs.field(
        default=_ZERO,
        converter=_MONTANT,  # type: ignore[misc]
        validator=_montant_positif,
    )

    def __attrs_post_init__(self) -> None:
        total = self.quotite + self.quotite_autres
        if total > _UN:
            raise ErreurValeur(
                "la somme des quotités garanties sur l'emprunt dépasse 100 %",
                cle="quotite_autres",
                valeur=_pourcentage(total),
                attendu="au plus 100 %",
            )

    @property
    def annuite_garantie(self) -> Decimal:
        """La part garantie de la première annuité : ``annuite × quotite``, exacte."""
        return CONTEXTE_CALCUL.multiply(self.annuite, self.quotite)


# --- résultats -------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class RatioGaranties(Presentable):
    """Le ratio de plafonnement (L2252-1, al. 2 ; D1511-30 à D1511-33) :

    ``charge = annuités garanties à échoir + premières annuités des garanties nouvelles
    [+ part garantie de la première annuité du projet] + annuité nette de la dette
    − coefficient × provisions``, comparée au ``plafond = 50 % × recettes réelles de
    fonctionnement``.

    ``numerateur`` et ``denominateur`` sont exacts ; :attr:`fraction` est le ratio exact
    (``fractions.Fraction``) et :attr:`ratio` sa valeur décimale sur 34 chiffres. La comparaison au
    plafond se fait sur les montants exacts. Arrondis d'affichage (seulement) :
    :attr:`ratio_affiche` au centième de point **supérieur** (un ratio affiché n'est jamais en
    dessous du vrai), :attr:`marge_affichee` au centime **inférieur**.
    """

    elements: ElementsRatio
    regles: ReglesGaranties
    collectivite: Collectivite = Collectivite.COMMUNE
    annuite_projet: Decimal = _ZERO

    @property
    def provisions_deduites(self) -> Decimal:
        """Les provisions multipliées par le coefficient de D1511-33."""
        return CONTEXTE_CALCUL.multiply(
            self.elements.provisions, self.regles.coefficient_provisions
        )

    @property
    def numerateur(self) -> Decimal:
        """La charge : annuités garanties, premières annuités, dette nette, moins les provisions."""
        e = self.elements
        ajouter = CONTEXTE_CALCUL.add
        total = ajouter(e.annuites_garanties_a_echoir, e.premiere_annuite_nouveaux)
        total = ajouter(ajouter(total, self.annuite_projet), e.annuite_nette_dette)
        return CONTEXTE_CALCUL.subtract(total, self.provisions_deduites)

    @property
    def denominateur(self) -> Decimal:
        """Les recettes réelles de fonctionnement."""
        return self.elements.recettes_reelles_fonctionnement

    @property
    def fraction(self) -> Fraction:
        """Le ratio exact."""
        return Fraction(self.numerateur) / Fraction(self.denominateur)

    @property
    def ratio(self) -> Decimal:
        """Le ratio, fraction décimale sur 34 chiffres significatifs."""
        return CONTEXTE_CALCUL.divide(self.numerateur, self.denominateur)

    @property
    def ratio_affiche(self) -> Decimal:
        """Le ratio arrondi au centième de point supérieur (0,063494… → 0,0635 : 6,35 %)."""
        return self.ratio.quantize(_PAS_RATIO, rounding=ROUND_CEILING, context=CONTEXTE_CALCUL)

    @property
    def plafond(self) -> Decimal:
        """Le plafond en euros : taux de D1511-32 × recettes réelles, exact."""
        return CONTEXTE_CALCUL.multiply(self.regles.plafond, self.denominateur)

    @property
    def marge(self) -> Decimal:
        """Plafond − charge, exacte (négative : le plafond est dépassé)."""
        return CONTEXTE_CALCUL.subtract(self.plafond, self.numerateur)

    @property
    def marge_affichee(self) -> Decimal:
        return plancher(self.marge)

    @property
    def capacite(self) -> Decimal:
        """« Le montant total des annuités susceptibles d'être garanties » (base de la division
        du risque) : plafond + provisions déduites − annuité nette de la dette, exact, jamais
        négatif."""
        brute = CONTEXTE_CALCUL.subtract(
            CONTEXTE_CALCUL.add(self.plafond, self.provisions_deduites),
            self.elements.annuite_nette_dette,
        )
        return max(brute, _ZERO)

    @property
    def respecte(self) -> bool:
        """Vrai quand la charge n'excède pas le plafond (égalité permise : « ne peut excéder »)."""
        return self.numerateur <= self.plafond

    @property
    def articles(self) -> str:
        r = self.regles.articles
        loi = ARTICLES[self.collectivite]["loi"]
        return f"CGCT {loi}, al. 2 ; D1511-30, D1511-31, {r['plafond']}, {r['provisions']}"

    @property
    def code_de_sortie(self) -> int:
        """0 sous le plafond, 1 au-delà."""
        return 0 if self.respecte else 1


@attrs.frozen(kw_only=True)
class Controle:
    """Une règle appliquée au projet : ``regle`` (plafonnement, division, partage), ``articles``,
    ``applicable`` (faux : une exemption, nommée par ``exemption``), ``retenu`` (ce qui est
    comparé), ``limite``, ``marge`` (``limite − retenu``), ``respecte``. Montants en euros pour
    les deux premières règles, fractions pour le partage (``en_euros`` le dit)."""

    regle: str
    libelle: str
    articles: str
    applicable: bool
    exemption: str = ""
    retenu: Decimal = _ZERO
    limite: Decimal = _ZERO
    en_euros: bool = True

    @property
    def marge(self) -> Decimal:
        return CONTEXTE_CALCUL.subtract(self.limite, self.retenu)

    @property
    def respecte(self) -> bool:
        """Vrai si la règle ne s'applique pas ou si ``retenu ≤ limite``."""
        return not self.applicable or self.retenu <= self.limite


@attrs.frozen(kw_only=True)
class VerificationGarantie(Presentable):
    """Le verdict sur une garantie proposée : le ratio avec le projet, un contrôle par règle, et
    ``autorisee`` (toutes les règles applicables respectées)."""

    projet: ProjetGarantie
    ratio: RatioGaranties
    controles: tuple[Controle, ...]
    hypotheses: tuple[str, ...] = ()

    @property
    def autorisee(self) -> bool:
        return all(c.respecte for c in self.controles)

    @property
    def refusees(self) -> tuple[Controle, ...]:
        """Les règles qui refusent la garantie."""
        return tuple(c for c in self.controles if not c.respecte)

    @property
    def code_de_sortie(self) -> int:
        """0 quand la garantie est permise, 1 quand une règle la refuse."""
        return 0 if self.autorisee else 1


# --- moteurs ---------------------------------------------------------------------------------


def _hypotheses(regles: ReglesGaranties, date: dt.date | None) -> list[str]:
    texte = [
        f"Pourcentages de la version du {regles.date_effet:%d/%m/%Y} ({regles.source}).",
    ]
    if date is None:
        texte.append("Sans date : la dernière version livrée est appliquée.")
    elif date > regles.confirmee_au:
        texte.append(
            f"Textes vérifiés jusqu'au {regles.confirmee_au:%d/%m/%Y} : au {date:%d/%m/%Y}, "
            "la dernière version connue est reportée."
        )
    return texte


@moteur
def ratio_garanties(
    elements: ElementsRatio,
    *,
    collectivite: Collectivite = Collectivite.COMMUNE,
    date: dt.date | None = None,
) -> RatioGaranties:
    """Le ratio de plafonnement des garanties d'emprunt d'après ses éléments (voir
    :class:`RatioGaranties`).

    Examples:
        >>> r = ratio_garanties(ElementsRatio(
        ...     recettes_reelles_fonctionnement="3082599.00",
        ...     annuite_nette_dette="160847.18",
        ...     annuites_garanties_a_echoir="34880.06",
        ... ))
        >>> r.numerateur, r.ratio_affiche, r.marge_affichee, r.respecte
        (Decimal('195727.24'), Decimal('0.0635'), Decimal('1345572.26'), True)
    """
    return RatioGaranties(
        elements=elements, regles=regles_garanties(date), collectivite=collectivite
    )


def _controles(projet: ProjetGarantie, ratio: RatioGaranties) -> list[Controle]:
    articles = ARTICLES[ratio.collectivite]
    loi, regles = articles["loi"], ratio.regles
    operation = projet.operation
    exemption_logement = (
        f"{articles['logement']} : garanties des opérations de logement social"
        if operation is Operation.LOGEMENT_SOCIAL
        else ""
    )
    if operation is Operation.AMENAGEMENT_LOGEMENT:
        exemption_partage = (
            f"{articles['amenagement_logement']} : aménagement principalement de logements "
            "en zone tendue"
        )
    elif operation is Operation.INTERET_GENERAL:
        exemption_partage = (
            f"{articles['interet_general']} : organismes d'intérêt général (CGI, art. 200 et "
            "238 bis)"
        )
    else:
        exemption_partage = exemption_logement
    limite_division = CONTEXTE_CALCUL.multiply(regles.division, ratio.capacite)
    deja = projet.annuites_beneficiaire
    partage = regles.partage_amenagement if operation is Operation.AMENAGEMENT else regles.partage
    return [
        Controle(
            regle="plafonnement",
            libelle="Plafonnement des annuités",
            articles=ratio.articles,
            applicable=not exemption_logement,
            exemption=exemption_logement,
            retenu=ratio.numerateur,
            limite=ratio.plafond,
        ),
        Controle(
            regle="division",
            libelle=f"Division du risque : {projet.beneficiaire}",
            articles=f"CGCT {loi}, al. 3 ; {regles.articles['division']}",
            applicable=not exemption_logement,
            exemption=exemption_logement,
            retenu=CONTEXTE_CALCUL.add(deja, projet.annuite_garantie),
            limite=limite_division,
        ),
        Controle(
            regle="partage",
            libelle="Partage du risque : quotité garantie sur l'emprunt",
            articles=f"CGCT {loi}, al. 4 ; {regles.articles['partage']}"
            + (", al. 2" if operation is Operation.AMENAGEMENT else ""),
            applicable=not exemption_partage,
            exemption=exemption_partage,
            retenu=CONTEXTE_CALCUL.add(projet.quotite, projet.quotite_autres),
            limite=partage,
            en_euros=False,
        ),
    ]


@moteur
def verifier_garantie(
    elements: ElementsRatio,
    *,
    annuite: str | Decimal,
    quotite: str | Decimal,
    beneficiaire: str,
    operation: Operation = Operation.AUTRE,
    annuites_beneficiaire: str | Decimal = _ZERO,
    quotite_autres: str | Decimal = _ZERO,
    collectivite: Collectivite = Collectivite.COMMUNE,
    date: dt.date | None = None,
) -> VerificationGarantie:
    """Dit si une garantie proposée respecte chaque règle prudentielle, ou quelle exemption
    s'applique, avec les articles, les montants comparés et la marge restante.

    ``annuite`` est la première annuité entière du nouvel emprunt ; la collectivité n'en garantit
    que la part ``quotite`` (« 50 % » ou ``Decimal("0.5")``) : c'est cette part qui entre dans le
    plafonnement et dans la division du risque. ``annuites_beneficiaire`` : les annuités déjà
    garanties à ce bénéficiaire et exigibles dans l'exercice. ``quotite_autres`` : les quotités
    garanties par d'autres collectivités sur le même emprunt (le partage du risque les compte :
    « par une ou plusieurs collectivités territoriales »).

    Examples:
        >>> v = verifier_garantie(
        ...     ElementsRatio(recettes_reelles_fonctionnement="1000000.00",
        ...                   annuite_nette_dette="300000.00"),
        ...     annuite="20000.00", quotite="50 %", beneficiaire="Association")
        >>> v.autorisee, [c.respecte for c in v.controles]
        (True, [True, True, True])
    """
    projet = ProjetGarantie(  # les convertisseurs lisent les textes
        annuite=annuite,
        quotite=quotite,
        quotite_autres=quotite_autres,
        beneficiaire=beneficiaire,
        operation=operation,
        annuites_beneficiaire=annuites_beneficiaire,
    )
    regles = regles_garanties(date)
    ratio = RatioGaranties(
        elements=elements,
        regles=regles,
        collectivite=collectivite,
        annuite_projet=projet.annuite_garantie,
    )
    hypotheses = _hypotheses(regles, date)
    hypotheses.append(
        "La part garantie de la première annuité (annuité × quotité) entre dans le plafonnement "
        "et la division du risque ; les éléments du ratio sont pris tels que donnés."
    )
    return VerificationGarantie(
        projet=projet,
        ratio=ratio,
        controles=tuple(_controles(projet, ratio)),
        hypotheses=tuple(hypotheses),
    )
