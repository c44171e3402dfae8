"""Contrôles de l'annexe de la dette d'un document budgétaire.

Chaque anomalie a un ``code`` stable (snake_case), l'emprunt (numéro de contrat, sinon le chemin
de l'élément), ce qui était attendu, ce qui a été trouvé et la règle. Une anomalie « expliquée »
(``explique=True``) est un écart que les données du fichier justifient (un centime d'arrondi,
un emprunt nouveau de l'exercice) : elle est montrée, mais ne fait pas échouer le contrôle.

Les règles :

- **Identité du capital** (``capital_restant_du_*``) : capital restant dû au 1er janvier −
  capital remboursé dans l'exercice (+ capital mobilisé dans l'exercice pour un emprunt
  nouveau) = capital restant dû au 31 décembre. Un champ absent vaut zéro. Ne s'applique qu'aux
  comptes (administratif, financier unique) : dans un budget, ``MtCapitalExer`` est le capital
  « à rembourser » (schéma V95, ``MtCapitalExer``) et le 31 décembre une prévision.
- **Intérêts plausibles** (``interets_implausibles``) : les charges d'intérêt d'un compte
  doivent tenir entre la moitié des intérêts d'un an au taux actuel (``TxActua``) sur le
  capital restant dû au 31 décembre, et une fois et demie ceux du plus grand capital dû dans
  l'année (le 1er janvier déclaré, ou le 31 décembre plus le capital remboursé), plus 1 € (voir
  :data:`TOLERANCE_INTERETS`) ; ni les emprunts nouveaux de l'exercice (première échéance
  possiblement l'an suivant), ni ceux sans taux ou à taux nul ne sont jugés.
- **Mobilisation** (``mobilisation_posterieure_a_l_exercice``) : un emprunt dû au 1er janvier
  ne peut avoir été mobilisé (``AnEncaisse``) après l'exercice.
- **Champs obligatoires** (``champ_obligatoire_absent``) : ce que l'état de la dette et ses
  contrôles ne peuvent pas deviner (voir :func:`_champs_obligatoires`).
- **Charte de bonne conduite** (``classification_gissler_incoherente``,
  ``type_de_taux_et_index_incoherents``) : circulaire du 25 juin 2010 (NOR IOCB1015077C).
- **Garanties** (``garantie_sans_beneficiaire``, ``garantie_de_la_collectivite_elle_meme``,
  ``part_garantie_invalide``) : une garantie est accordée « à une personne de droit privé »
  ou publique autre que la collectivité (CGCT L2252-1, L3231-4, L4253-1) : une collectivité ne
  se garantit pas elle-même ; sa propre dette va dans l'état de la dette propre.
- **Ratio** (``elements_du_ratio_absents``) : un document qui porte des emprunts garantis doit
  porter la ligne « éléments pour ratio » (CodTypEmpr 10, schéma V95).
"""

from __future__ import annotations

import functools
import re
import tomllib
from decimal import Decimal
from importlib import resources
from typing import Any

import attrs

from collectivites._moteur import CONTEXTE_CALCUL, moteur
from collectivites.dette._modeles import DocumentBudgetaire, EmpruntAnnexe
from collectivites.dette._normalisation import cle_de_texte
from collectivites.monnaie import formater_montant
from collectivites.presentation import Presentable

__all__ = [
    "CODES_ANOMALIES",
    "TOLERANCE_CENTIME",
    "TOLERANCE_INTERETS",
    "TOLERANCE_RATIO",
    "Anomalie",
    "ControleAnnexe",
    "controler_annexe_dette",
]

#: Un écart d'identité du capital d'au plus un centime est un arrondi (expliqué).
TOLERANCE_CENTIME = Decimal("0.01")
#: Bornes des intérêts plausibles : (facteur bas, facteur haut, marge en euros).
TOLERANCE_INTERETS = (Decimal("0.5"), Decimal("1.5"), Decimal("1"))

#: Les codes d'anomalie et leur règle, en une phrase.
CODES_ANOMALIES: dict[str, str] = {
    "capital_restant_du_incoherent": (
        "capital restant dû au 1er janvier − capital remboursé = capital restant dû au 31 décembre"
    ),
    "capital_restant_du_ecart_centime": "identité du capital à un centime près (arrondi)",
    "capital_restant_du_debut_non_mis_a_jour": (
        "un emprunt remboursé dans l'exercice ne peut garder le même capital restant dû au 1er "
        "janvier et au 31 décembre"
    ),
    "emprunt_solde_sans_remboursement": (
        "un emprunt soldé dans l'exercice déclare le capital remboursé (échéances ou "
        "remboursement anticipé)"
    ),
    "nouvel_emprunt": (
        "un emprunt mobilisé dans l'exercice part d'un capital nul au 1er janvier : capital "
        "mobilisé − capital remboursé = capital restant dû au 31 décembre"
    ),
    "mobilisation_posterieure_a_l_exercice": (
        "un emprunt dû au 1er janvier a été mobilisé au plus tard dans l'exercice (AnEncaisse)"
    ),
    "interets_implausibles": (
        "charges d'intérêt de l'exercice compatibles avec le taux actuel et le capital restant dû"
    ),
    "champ_obligatoire_absent": "champs nécessaires à l'état de la dette renseignés",
    "classification_gissler_incoherente": (
        "classification de la charte (indice sous-jacent × structure) cohérente avec l'index"
    ),
    "type_de_taux_et_index_incoherents": "type de taux (fixe, variable) cohérent avec l'index",
    "garantie_sans_beneficiaire": "un emprunt garanti nomme son bénéficiaire",
    "garantie_de_la_collectivite_elle_meme": (
        "une collectivité ne garantit pas ses propres emprunts (CGCT L2252-1, L3231-4, L4253-1)"
    ),
    "part_garantie_invalide": "part garantie comprise entre 0 et 100 %",
    "ratio_imprime_different": (
        "le ratio des garanties que le fichier imprime (PartGarantiesEmprunt, TotValRatio) est "
        "celui que ses éléments donnent"
    ),
    "elements_du_ratio_absents": (
        "un document qui porte des emprunts garantis porte la ligne des éléments du ratio "
        "(CodTypEmpr 10)"
    ),
}

_ZERO = Decimal(0)
_CENT = Decimal(100)


@attrs.frozen(kw_only=True)
class Anomalie:
    """Un écart trouvé : ``code`` (voir :data:`CODES_ANOMALIES`), ``emprunt`` (numéro de
    contrat ou chemin de l'élément), ``chemin``, ``attendu``, ``trouve``, ``regle``,
    ``explique`` (écart justifié par les données du fichier : montré, sans échec)."""

    code: str
    emprunt: str
    chemin: str
    attendu: str
    trouve: str
    regle: str
    explique: bool = False
    ecart: Decimal | None = None


@attrs.frozen(kw_only=True)
class ControleAnnexe(Presentable):
    """Le résultat des contrôles : toutes les anomalies, dans l'ordre du fichier."""

    document: DocumentBudgetaire
    anomalies: tuple[Anomalie, ...]
    emprunts_controles: int

    @property
    def a_signaler(self) -> tuple[Anomalie, ...]:
        """Les anomalies non expliquées."""
        return tuple(a for a in self.anomalies if not a.explique)

    @property
    def code_de_sortie(self) -> int:
        """1 si une anomalie non expliquée est trouvée (comme ``diff``), 0 sinon."""
        return 1 if self.a_signaler else 0

    def par_code(self) -> dict[str, int]:
        """Nombre d'anomalies par code, dans l'ordre de :data:`CODES_ANOMALIES`."""
        comptes = dict.fromkeys(CODES_ANOMALIES, 0)
        for anomalie in self.anomalies:
            comptes[anomalie.code] += 1
        return {code: n for code, n in comptes.items() if n}


@functools.cache
def _charte() -> dict[str, Any]:
    texte = (
        resources.files("collectivites.donnees")
        .joinpath("dette/gissler.toml")
        .read_text(encoding="utf-8")
    )
    return tomllib.loads(texte)


def _euros(valeur: Decimal) -> str:
    return f"{formater_montant(valeur)} €"


def _z(valeur: Decimal | None) -> Decimal:
    return _ZERO if valeur is None else valeur


def _anomalie(e: EmpruntAnnexe, code: str, attendu: str, trouve: str, **autres: Any) -> Anomalie:
    return Anomalie(
        code=code,
        emprunt=e.nom,
        chemin=e.chemin,
        attendu=attendu,
        trouve=trouve,
        regle=CODES_ANOMALIES[code],
        **autres,
    )


def _capital(doc: DocumentBudgetaire, e: EmpruntAnnexe) -> Anomalie | None:
    """Identité du capital, et la classe de l'écart quand elle ne tient pas."""
    debut, fin = _z(e.capital_restant_du_debut), _z(e.capital_restant_du_fin)
    rembourse = _z(e.capital_rembourse)
    ecart = CONTEXTE_CALCUL.subtract(CONTEXTE_CALCUL.subtract(debut, rembourse), fin)
    if ecart == 0:
        return None
    trouve = (
        f"{_euros(debut)} − {_euros(rembourse)} = "
        f"{_euros(debut - rembourse)} ; au 31 décembre : {_euros(fin)}"
    )
    attendu = f"capital restant dû au 31 décembre = {_euros(debut - rembourse)}"
    if abs(ecart) <= TOLERANCE_CENTIME:
        return _anomalie(
            e, "capital_restant_du_ecart_centime", attendu, trouve, explique=True, ecart=ecart
        )
    nouveau = (
        debut == 0 and e.annee_mobilisation is not None and e.annee_mobilisation == (doc.exercice)
    )
    if nouveau:
        mobilise = fin + rembourse
        initial = e.montant_initial
        explique = initial is not None and 0 < mobilise <= initial
        return _anomalie(
            e,
            "nouvel_emprunt",
            f"capital mobilisé en {doc.exercice} (au plus le montant de l'emprunt, "
            f"{_euros(_z(initial))}) − capital remboursé = capital restant dû au 31 décembre",
            f"capital mobilisé : {_euros(mobilise)} ; remboursé : {_euros(rembourse)} ; au 31 "
            f"décembre : {_euros(fin)}",
            explique=explique,
            ecart=ecart,
        )
    if debut == fin and rembourse > 0:
        return _anomalie(
            e,
            "capital_restant_du_debut_non_mis_a_jour",
            f"capital restant dû au 1er janvier = {_euros(fin + rembourse)} (31 décembre + "
            "capital remboursé)",
            f"{_euros(debut)} au 1er janvier comme au 31 décembre, {_euros(rembourse)} remboursés",
            ecart=ecart,
        )
    if fin == 0 and debut > 0 and rembourse < debut:
        return _anomalie(
            e,
            "emprunt_solde_sans_remboursement",
            f"capital remboursé = {_euros(debut)} (l'emprunt est soldé au 31 décembre)",
            f"capital remboursé déclaré : {_euros(rembourse)}",
            ecart=ecart,
        )
    return _anomalie(e, "capital_restant_du_incoherent", attendu, trouve, ecart=ecart)


def _mobilise_apres(doc: DocumentBudgetaire, e: EmpruntAnnexe) -> bool:
    return (
        doc.exercice is not None
        and e.annee_mobilisation is not None
        and e.annee_mobilisation > doc.exercice
    )


def _mobilisation(doc: DocumentBudgetaire, e: EmpruntAnnexe) -> Anomalie | None:
    if not _mobilise_apres(doc, e) or _z(e.capital_restant_du_debut) == 0:
        return None
    return _anomalie(
        e,
        "mobilisation_posterieure_a_l_exercice",
        f"une année de mobilisation au plus égale à l'exercice ({doc.exercice}) pour un capital "
        "restant dû au 1er janvier",
        f"mobilisé en {e.annee_mobilisation}, {_euros(_z(e.capital_restant_du_debut))} dus au "
        "1er janvier",
    )


def _interets(doc: DocumentBudgetaire, e: EmpruntAnnexe) -> Anomalie | None:
    taux = e.taux_actuel
    if taux is None or taux <= 0 or _mobilise_apres(doc, e):
        return None
    if e.annee_mobilisation == doc.exercice:
        return None
    debut, fin = _z(e.capital_restant_du_debut), _z(e.capital_restant_du_fin)
    if debut == 0 and fin == 0:
        return None
    # Le capital dû pendant l'exercice est entre le capital du 31 décembre et celui-ci plus le
    # capital remboursé, quel que soit le capital déclaré au 1er janvier (parfois faux).
    plus_grand = max(debut, fin + _z(e.capital_rembourse))
    bas, haut, marge = TOLERANCE_INTERETS
    minimum = CONTEXTE_CALCUL.multiply(CONTEXTE_CALCUL.multiply(fin, taux), bas)
    maximum = CONTEXTE_CALCUL.multiply(CONTEXTE_CALCUL.multiply(plus_grand, taux), haut) + marge
    interets = _z(e.interets)
    if minimum <= interets <= maximum:
        return None
    taux_texte = f"{taux * _CENT:f}".rstrip("0").rstrip(".").replace(".", ",")
    return _anomalie(
        e,
        "interets_implausibles",
        f"entre {_euros(minimum.quantize(Decimal('0.01')))} et "
        f"{_euros(maximum.quantize(Decimal('0.01')))} (taux actuel {taux_texte} %)",
        _euros(interets),
    )


def _champs_obligatoires(doc: DocumentBudgetaire, e: EmpruntAnnexe) -> list[str]:
    """Les champs sans lesquels l'état de la dette serait faux ou incomplet : prêteur, montant
    initial, capital restant dû au 1er janvier, capital et intérêts de l'exercice (sauf à taux
    nul), type de taux et classification de la charte ; le numéro de contrat d'un emprunt
    propre ; dans un compte, le capital restant dû au 31 décembre d'un emprunt non soldé."""
    requis = [
        "LibOrgaPreteur",
        "MtEmprOrig",
        "MtCapitalRestDu_01_01",
        "MtCapitalExer",
        "CodTyptxDtVote",
        "StructureDtVote",
        "IndSousJacentDtVote",
    ]
    if e.taux_actuel is None or e.taux_actuel != 0:
        requis.append("MtIntExer")
    if e.categorie == "propre":
        requis.insert(0, "NumContrat")
    solde = _z(e.capital_restant_du_debut) - _z(e.capital_rembourse) == 0
    if doc.est_compte and not solde:
        requis.append("MtCapitalRestDu_31_12")
    return [nom for nom in requis if e.champ(nom) is None]


def _charte_et_taux(e: EmpruntAnnexe) -> list[Anomalie]:
    charte = _charte()
    anomalies = []
    if e.index and e.index not in ("autre", "structure"):
        zone = next((z for z, index in charte["index_zone"].items() if e.index in index), None)
        simple = e.index in charte["structure_simple"]["index"]
        attendu_sj = zone
        attendu_st = "A" if simple else None
        faux = []
        if attendu_sj and e.sous_jacent and e.sous_jacent != attendu_sj:
            faux.append(f"indice sous-jacent {e.sous_jacent} au lieu de {attendu_sj}")
        if attendu_st and e.structure and e.structure != attendu_st and e.marge is not None:
            faux.append(f"structure {e.structure} au lieu de {attendu_st}")
        if e.index == "fixe" and e.structure and e.structure != "A":
            faux.append(f"structure {e.structure} au lieu de A")
        if faux:
            anomalies.append(
                _anomalie(
                    e,
                    "classification_gissler_incoherente",
                    f"{attendu_sj or '?'}{attendu_st or '?'} pour l'index « {e.index_libelle} » "
                    "(charte de bonne conduite, circulaire du 25 juin 2010)",
                    f"{e.gissler or 'non classé'} : " + " ; ".join(sorted(set(faux))),
                )
            )
    if e.type_taux and e.index:
        fixe_ecrit = e.type_taux == "F"
        if fixe_ecrit != (e.index == "fixe") and e.index not in ("autre", "structure"):
            anomalies.append(
                _anomalie(
                    e,
                    "type_de_taux_et_index_incoherents",
                    "type de taux F (fixe) pour un taux fixe, V, R ou C pour un index",
                    f"type de taux {e.type_taux} et index « {e.index_libelle} »",
                )
            )
    return anomalies


_PREFIXES_COLLECTIVITE = re.compile(
    r"^(COMMUNE|VILLE|MAIRIE|DEPARTEMENT|REGION|CONSEIL (DEPARTEMENTAL|REGIONAL|GENERAL))"
    r"( (DE|DU|DES|D))? "
)


def _nom_collectivite(texte: str) -> str:
    return _PREFIXES_COLLECTIVITE.sub("", cle_de_texte(texte))


def _garantie(doc: DocumentBudgetaire, e: EmpruntAnnexe) -> list[Anomalie]:
    anomalies = []
    if not e.beneficiaire:
        anomalies.append(
            _anomalie(e, "garantie_sans_beneficiaire", "NomBenefEmprGaranti renseigné", "absent")
        )
    elif doc.collectivite and _nom_collectivite(e.beneficiaire) == _nom_collectivite(
        doc.collectivite
    ):
        anomalies.append(
            _anomalie(
                e,
                "garantie_de_la_collectivite_elle_meme",
                f"un bénéficiaire autre que {doc.collectivite} (sinon, un emprunt propre)",
                f"bénéficiaire « {e.beneficiaire} »",
            )
        )
    if e.part_garantie is not None and not (0 < e.part_garantie <= 1):
        anomalies.append(
            _anomalie(
                e,
                "part_garantie_invalide",
                "une part garantie de plus de 0 % et d'au plus 100 %",
                f"{e.part_garantie * _CENT:f} %".replace(".", ","),
            )
        )
    return anomalies


#: Écart toléré entre le ratio imprimé (PartGarantiesEmprunt, en pourcentage à deux décimales
#: au plus) et le ratio calculé : un centième de point.
TOLERANCE_RATIO = Decimal("0.0001")


def _ratio_imprime(document: DocumentBudgetaire) -> list[Anomalie]:
    """Les chiffres que le fichier imprime pour son ratio (schémas récents :
    ``PartGarantiesEmprunt`` lu comme le ratio en pourcentage, ``TotValRatio`` comme la charge
    retenue) comparés au
    calcul sur ses propres éléments. Leur définition n'est pas publiée avec le schéma V95 :
    cette lecture est une hypothèse, dite dans la règle."""
    ratio = document.ratio_garanties
    if ratio is None:
        return []
    anomalies = []
    imprime = document.element_ratio("PartGarantiesEmprunt")
    if imprime is not None and abs(imprime - ratio.ratio) > TOLERANCE_RATIO:
        anomalies.append(
            Anomalie(
                code="ratio_imprime_different",
                emprunt="",
                chemin="DATA_EMPRUNT/EMPRUNT (CodTypEmpr 10)/PartGarantiesEmprunt",
                attendu=f"{ratio.ratio * 100:.2f} % (calculé sur les éléments du fichier)".replace(
                    ".", ","
                ),
                trouve=f"{imprime * 100:f} %".replace(".", ","),
                regle=CODES_ANOMALIES["ratio_imprime_different"],
            )
        )
    total = document.element_ratio("TotValRatio")
    if total is not None and abs(total - ratio.numerateur) > TOLERANCE_CENTIME:
        anomalies.append(
            Anomalie(
                code="ratio_imprime_different",
                emprunt="",
                chemin="DATA_EMPRUNT/EMPRUNT (CodTypEmpr 10)/TotValRatio",
                attendu=f"{_euros(ratio.numerateur)} (charge calculée sur les éléments du fichier)",
                trouve=_euros(total),
                regle=CODES_ANOMALIES["ratio_imprime_different"],
                ecart=total - ratio.numerateur,
            )
        )
    return anomalies


@moteur
def controler_annexe_dette(document: DocumentBudgetaire) -> ControleAnnexe:
    """Les anomalies de l'annexe de la dette de ``document`` (voir le module pour les règles).

    Examples:
        Crach, compte administratif 2021 : les sept emprunts garantis nomment la commune
        (« CRACH ») pour bénéficiaire, et l'emprunt EMPRUNT[14] n'a pas de classe de la charte.

        >>> from collectivites.dette import exemple_document
        >>> controle = controler_annexe_dette(exemple_document("crach-ca-2021"))
        >>> controle.par_code()
        {'champ_obligatoire_absent': 1, 'garantie_de_la_collectivite_elle_meme': 7}
        >>> controle.code_de_sortie
        1
    """
    anomalies: list[Anomalie] = []
    for e in document.emprunts:
        if document.est_compte:
            capital = _capital(document, e)
            if capital is not None:
                anomalies.append(capital)
            mobilisation = _mobilisation(document, e)
            if mobilisation is not None:
                anomalies.append(mobilisation)
            interets = _interets(document, e)
            if interets is not None:
                anomalies.append(interets)
        absents = _champs_obligatoires(document, e)
        if absents:
            anomalies.append(
                _anomalie(
                    e,
                    "champ_obligatoire_absent",
                    ", ".join(absents),
                    "absent" if len(absents) == 1 else "absents",
                )
            )
        anomalies.extend(_charte_et_taux(e))
        if e.categorie == "garanti":
            anomalies.extend(_garantie(document, e))
    if document.par_categorie("garanti") and not document.elements_ratio:
        anomalies.append(
            Anomalie(
                code="elements_du_ratio_absents",
                emprunt="",
                chemin="DATA_EMPRUNT",
                attendu="une ligne EMPRUNT de CodTypEmpr 10 (RReelFon, AnnuitNetDette, "
                "TotGarEchoirExer…)",
                trouve="absente",
                regle=CODES_ANOMALIES["elements_du_ratio_absents"],
            )
        )
    anomalies.extend(_ratio_imprime(document))
    return ControleAnnexe(
        document=document, anomalies=tuple(anomalies), emprunts_controles=len(document.emprunts)
    )
