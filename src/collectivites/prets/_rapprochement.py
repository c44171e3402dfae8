"""Rapprocher un tableau calculé d'un tableau saisi ou exporté (celui de la Caisse des Dépôts,
recopié ou exporté de son espace client) : ligne à ligne, au centime.

Le tableau à rapprocher est un CSV (virgule ou point-virgule, virgule décimale, dates
JJ/MM/AAAA) ou un classeur XLSX ; ses colonnes portent les titres imprimés par la CDC (« N° »,
« Date d'échéance », « Taux », « Échéance », « Amortissement », « Intérêts », « Intérêts à
différer », « Capital dû après remboursement », « Stock d'intérêts différés ») ou les clés du CSV
de la bibliothèque (``numero``, ``date``, ``echeance``…). Les lignes se rapprochent par numéro
(par date à défaut, par rang sinon) ; une ligne « Total » se compare aux totaux calculés (écart
porté à la ligne n° 0). Les montants se comparent au centime ; le taux, en
pourcentage, au nombre de décimales saisi.

Un tableau douteux est refusé, la ligne du fichier nommée, plutôt que rapproché : une échéance
présente deux fois (même N°, même date ou même rang), un numéro qui n'est pas un entier, un
montant qui n'est pas un nombre décimal français (« 3 170,41 », « 3.170,41 ») ou anglais
(« 3,170.41 », « 3170.41 ») — séparateurs de milliers par groupes de trois chiffres, un seul
séparateur décimal — ou qui a plus de deux décimales (« 1475,154 »). Un nombre d'un classeur
est d'abord ramené à quinze chiffres significatifs, la précision d'affichage d'un tableur (une
formule enregistre 1475.1499999999999 pour 1 475,15).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Sequence
from decimal import ROUND_HALF_EVEN, Context, Decimal
from pathlib import Path
from typing import Any

import attrs

from collectivites._moteur import moteur
from collectivites.chargement import LigneCsv, lire_csv, lire_texte_tableur
from collectivites.erreurs import ErreurCollectivites, ErreurDossier
from collectivites.monnaie import CENTIME, formater_montant
from collectivites.presentation import Presentable
from collectivites.prets._tableau import LigneTableau, TableauAmortissement
from collectivites.tables import Document, Genre, Table, colonnes, faits

__all__ = ["Ecart", "ResultatRapprochement", "lire_tableau_a_rapprocher", "rapprocher"]

#: Les colonnes comparées, leur libellé (celui du tableau de la CDC) et leur nature.
COLONNES = {
    "date": ("Date d'échéance", "date"),
    "taux": ("Taux", "taux"),
    "echeance": ("Échéance", "montant"),
    "amortissement": ("Amortissement", "montant"),
    "interets": ("Intérêts", "montant"),
    "interets_a_differer": ("Intérêts à différer", "montant"),
    "capital_du": ("Capital dû après remboursement", "montant"),
    "stock_interets_differes": ("Stock d'intérêts différés", "montant"),
}

_SYNONYMES = {
    "n": "numero",
    "no": "numero",
    "num": "numero",
    "numero": "numero",
    "numero d echeance": "numero",
    "date": "date",
    "date d echeance": "date",
    "date echeance": "date",
    "taux": "taux",
    "taux d interet": "taux",
    "echeance": "echeance",
    "amortissement": "amortissement",
    "interets": "interets",
    "interets a differer": "interets_a_differer",
    "capital du apres remboursement": "capital_du",
    "capital du": "capital_du",
    "capital restant du": "capital_du",
    "crd": "capital_du",
    "stock d interets differes": "stock_interets_differes",
    "stock interets differes": "stock_interets_differes",
    "stock": "stock_interets_differes",
}


def _normaliser(titre: str) -> str:
    sans_accents = unicodedata.normalize("NFKD", titre).encode("ascii", "ignore").decode()
    propre = re.sub(r"\((%|€|eur|euros)\)", " ", sans_accents, flags=re.IGNORECASE).lower()
    return " ".join(re.sub(r"[^a-z0-9]+", " ", propre).split())


def _colonne(titre: str) -> str | None:
    # Chaque clé du CSV de la bibliothèque (« capital_du ») est normalisée comme son synonyme
    # (« capital du ») : les synonymes suffisent.
    return _SYNONYMES.get(_normaliser(titre))


@attrs.frozen(kw_only=True)
class Ecart:
    """Une cellule qui diffère : ligne, colonne, valeur saisie, valeur calculée, écart."""

    numero: int
    colonne: str
    attendu: Any
    calcule: Any
    ecart: Decimal | None = None
    ligne_fichier: int | None = None


@attrs.frozen(kw_only=True)
class ResultatRapprochement(Presentable):
    """Le rapprochement : lignes comparées, lignes concordantes, écarts."""

    tableau: TableauAmortissement
    fichier: str
    colonnes: tuple[str, ...]
    lignes_comparees: int
    ecarts: tuple[Ecart, ...]
    manquantes: tuple[int, ...] = ()

    @property
    def lignes_concordantes(self) -> int:
        """Les échéances comparées sans écart (un écart de la ligne « Total », porté au n° 0,
        n'est pas celui d'une échéance)."""
        return self.lignes_comparees - len({e.numero for e in self.ecarts if e.numero})

    @property
    def concorde(self) -> bool:
        return not self.ecarts and not self.manquantes

    @property
    def code_de_sortie(self) -> int:
        """0 quand tout concorde, 1 quand un écart existe (comme ``diff``)."""
        return 0 if self.concorde else 1

    def decrire(self) -> Document:
        libelles = {cle: libelle for cle, (libelle, _) in COLONNES.items()}
        table = Table(
            cle="ecarts",
            titre="Écarts",
            colonnes=colonnes(
                ("numero", "N°", Genre.ENTIER),
                ("ligne_fichier", "Ligne du fichier", Genre.ENTIER),
                ("colonne", "Colonne", Genre.TEXTE),
                ("attendu", "Saisi", Genre.TEXTE),
                ("calcule", "Calculé", Genre.TEXTE),
                ("ecart", "Écart", Genre.NOMBRE),
            ),
            lignes=tuple(
                (
                    e.numero,
                    e.ligne_fichier,
                    libelles.get(e.colonne, e.colonne),
                    _texte(e.attendu),
                    _texte(e.calcule),
                    e.ecart,
                )
                for e in self.ecarts
            ),
        )
        notes = []
        if self.manquantes:
            notes.append(
                "Échéances calculées absentes du fichier : "
                + ", ".join(str(n) for n in self.manquantes)
                + "."
            )
        return Document(
            titre=f"Rapprochement — {self.tableau.ligne.nom}",
            faits=faits(
                ("fichier", "Fichier", self.fichier, Genre.TEXTE),
                ("lignes_comparees", "Lignes comparées", self.lignes_comparees, Genre.ENTIER),
                (
                    "lignes_concordantes",
                    "Lignes concordantes",
                    self.lignes_concordantes,
                    Genre.ENTIER,
                ),
                ("ecarts", "Cellules en écart", len(self.ecarts), Genre.ENTIER),
                (
                    "colonnes",
                    "Colonnes comparées",
                    ", ".join(libelles[c] for c in self.colonnes),
                    Genre.TEXTE,
                ),
                ("concorde", "Tout concorde", self.concorde, Genre.BOOLEEN),
            ),
            tables=(table,),
            hypotheses=(*notes, *self.tableau.hypotheses),
        )


def _texte(valeur: Any) -> str:
    if isinstance(valeur, dt.date):
        return f"{valeur:%d/%m/%Y}"
    if isinstance(valeur, Decimal):
        return (
            formater_montant(valeur)
            if valeur.as_tuple().exponent == -2
            else f"{valeur:f}".replace(".", ",")
        )
    return "" if valeur is None else str(valeur)


#: Un nombre sans séparateur de milliers : « 3170,41 », « 3170.41 », « 12 ».
_SIMPLE = re.compile(r"(?P<entier>\d+)(?:[.,](?P<decimales>\d+))?")
#: Milliers groupés par trois, séparés par une espace ou un point, virgule décimale (français).
_GROUPE_FR = re.compile(
    r"(?P<entier>\d{1,3}(?P<g>[ \u00a0\u202f.])\d{3}(?:(?P=g)\d{3})*)(?:,(?P<decimales>\d+))?"
)
#: Milliers groupés par trois, séparés par une espace ou une virgule, point décimal (anglais).
_GROUPE_EN = re.compile(
    r"(?P<entier>\d{1,3}(?P<g>[ \u00a0\u202f,])\d{3}(?:(?P=g)\d{3})*)(?:\.(?P<decimales>\d+))?"
)
#: Ce qui entoure un nombre sans en faire partie : espaces, unité.
_HABILLAGE = " \t\u00a0\u202f€%"
#: Précision d'un nombre de tableur (chiffres significatifs affichés par Excel, LibreOffice).
_PRECISION_TABLEUR = Context(prec=15, rounding=ROUND_HALF_EVEN)
_ATTENDU_MONTANT = (
    "un montant comme « 3 170,41 », « 3.170,41 », « 3170,41 » ou « 3,170.41 » : milliers par "
    "groupes de trois chiffres, un seul séparateur décimal"
)


class _Illisible(ValueError):
    """Cellule refusée ; ``message`` et ``attendu`` disent pourquoi."""

    def __init__(self, message: str, attendu: str) -> None:
        super().__init__(message)
        self.message, self.attendu = message, attendu


def _nombre(texte: str, *, decimales_max: int | None = None) -> Decimal:
    """Un nombre décimal français ou anglais (voir le module), au plus ``decimales_max``
    décimales ; ``ValueError`` sinon."""
    propre = texte.strip(_HABILLAGE)
    signe = ""
    if propre[:1] in {"-", "\u2212", "+"}:
        signe, propre = ("" if propre[0] == "+" else "-"), propre[1:]
    trouve = (
        _SIMPLE.fullmatch(propre) or _GROUPE_FR.fullmatch(propre) or _GROUPE_EN.fullmatch(propre)
    )
    if trouve is None:
        raise ValueError(texte)
    entier = re.sub(r"\D", "", trouve["entier"])
    decimales = trouve["decimales"] or ""
    valeur = Decimal(f"{signe}{entier}.{decimales}")  # « 12. » se lit 12
    if decimales_max is not None and len(decimales) > decimales_max:
        # un flottant de classeur (1475.1499999999999) ramené à ce qu'affiche le tableur
        affiche = _PRECISION_TABLEUR.plus(valeur)
        if -affiche.normalize().as_tuple().exponent > decimales_max:  # type: ignore[operator]
            raise _Illisible("montant au-delà du centime", f"au plus {decimales_max} décimales")
        valeur = affiche.quantize(Decimal(1).scaleb(-decimales_max))
    return valeur


def _date(texte: str) -> dt.date:
    from collectivites.dates import lire_date

    return lire_date(texte)


@moteur
def lire_tableau_a_rapprocher(chemin: str | Path) -> tuple[list[str], list[LigneCsv]]:
    """Les colonnes reconnues et les lignes d'un tableau à rapprocher (CSV ou XLSX)."""
    nom = str(chemin)
    entetes, lignes = lire_csv(lire_texte_tableur(chemin), fichier=nom)
    reconnues = {e: _colonne(e) for e in entetes}
    utiles = [c for c in reconnues.values() if c in COLONNES]
    if not utiles:
        raise ErreurDossier(
            "aucune colonne du tableau d'amortissement reconnue",
            fichier=nom,
            ligne=1,
            valeur=", ".join(entetes),
            attendu="N°, Date d'échéance, Taux, Échéance, Amortissement, Intérêts, Intérêts à "
            "différer, Capital dû après remboursement, Stock d'intérêts différés",
        )
    doubles = [c for c in set(utiles) if utiles.count(c) > 1]
    if doubles:
        raise ErreurDossier("colonne en double", fichier=nom, ligne=1, valeur=doubles[0])
    renommees = []
    for ligne in lignes:
        nouvelle = LigneCsv()
        for cle, valeur in ligne.items():
            reconnue = reconnues.get(cle)
            if reconnue:
                nouvelle[reconnue] = valeur
        nouvelle.numero = ligne.numero
        renommees.append(nouvelle)
    return [r for r in (reconnues[e] for e in entetes) if r], renommees


def _lire_cellule(ligne: LigneCsv, colonne: str, fichier: str) -> Any:
    texte = (ligne.get(colonne) or "").strip()
    if not texte:
        return None
    try:
        if colonne == "date":
            return _date(texte)
        if colonne == "numero":
            if not re.fullmatch(r"\d{1,9}", texte):
                raise ValueError(texte)
            return int(texte)
        if colonne == "taux":
            return _nombre(texte)
        return _nombre(texte, decimales_max=2)
    except _Illisible as exc:
        message, attendu = exc.message, exc.attendu
    except (ValueError, ErreurCollectivites):
        message, attendu = "cellule illisible", _ATTENDUS.get(colonne, _ATTENDU_MONTANT)
    raise ErreurDossier(
        message, fichier=fichier, ligne=ligne.numero, cle=colonne, valeur=texte, attendu=attendu
    )


_ATTENDUS = {
    "date": "une date (JJ/MM/AAAA)",
    "numero": "un numéro d'échéance entier (« 12 »)",
    "taux": "un taux en pourcentage (« 1,35 % », « 1.35 »)",
}


def _comparer(colonne: str, saisi: Any, calcule: LigneTableau) -> tuple[Any, Decimal | None] | None:
    """None si la cellule concorde ; sinon (valeur calculée, écart)."""
    nature = COLONNES[colonne][1]
    if nature == "date":
        return None if saisi == calcule.date else (calcule.date, None)
    if nature == "taux":
        # au nombre de décimales saisi : quantize ne lit que l'exposant de saisi (≤ 0, voir _nombre)
        valeur = (calcule.taux * 100).quantize(saisi)
        return None if valeur == saisi else (valeur, saisi - valeur)
    valeur = getattr(calcule, colonne)
    attendu = saisi.quantize(CENTIME)
    return None if attendu == valeur else (valeur, attendu - valeur)


def _ecarts_des_totaux(
    ligne: LigneCsv, totaux: dict[str, Decimal], compares: tuple[str, ...], fichier: str
) -> list[Ecart]:
    """La ligne « Total » d'un tableau : ses colonnes de montants contre les totaux calculés."""
    ecarts = []
    for colonne in compares:
        if colonne not in totaux:
            continue
        saisi = _lire_cellule(ligne, colonne, fichier)
        if saisi is not None and saisi.quantize(CENTIME) != totaux[colonne]:
            ecarts.append(
                Ecart(
                    numero=0,
                    colonne=colonne,
                    attendu=saisi,
                    calcule=totaux[colonne],
                    ecart=saisi.quantize(CENTIME) - totaux[colonne],
                    ligne_fichier=ligne.numero,
                )
            )
    return ecarts


@moteur
def rapprocher(
    tableau: TableauAmortissement,
    lignes: Sequence[LigneCsv],
    colonnes_saisies: Sequence[str],
    *,
    fichier: str = "",
) -> ResultatRapprochement:
    """Compare ligne à ligne le tableau calculé aux lignes saisies (voir le module)."""
    compares = tuple(c for c in COLONNES if c in colonnes_saisies)
    par_numero = {r.numero: r for r in tableau.lignes}
    par_date = {r.date: r for r in tableau.lignes}
    ecarts: list[Ecart] = []
    vus: dict[int, int] = {}  # numéro de l'échéance → ligne du fichier qui la donne
    totaux = {
        "echeance": tableau.total_echeances,
        "amortissement": tableau.total_amortissement,
        "interets": tableau.total_interets,
        "interets_a_differer": tableau.total_interets_a_differer,
    }
    for rang, ligne in enumerate(lignes, start=1):
        if (ligne.get("numero") or "").strip().lower().startswith("total"):
            ecarts += _ecarts_des_totaux(ligne, totaux, compares, fichier)
            continue
        numero_saisi = _lire_cellule(ligne, "numero", fichier)  # None si la colonne manque
        date_saisie = _lire_cellule(ligne, "date", fichier)
        if numero_saisi is not None:
            calcule = par_numero.get(int(numero_saisi))
        elif date_saisie is not None:
            calcule = par_date.get(date_saisie)
        else:
            calcule = par_numero.get(rang)
        if calcule is None:
            raise ErreurDossier(
                "échéance absente du tableau calculé",
                fichier=fichier,
                ligne=ligne.numero,
                valeur=next(v for v in (numero_saisi, date_saisie, rang) if v is not None),
                attendu=f"une échéance de 1 à {len(tableau.lignes)}",
            )
        if calcule.numero in vus:
            raise ErreurDossier(
                "échéance présente deux fois dans le tableau à rapprocher",
                fichier=fichier,
                ligne=ligne.numero,
                valeur=calcule.numero,
                attendu=f"une seule ligne par échéance ; l'échéance {calcule.numero} est déjà "
                f"à la ligne {vus[calcule.numero]} du fichier",
            )
        vus[calcule.numero] = ligne.numero
        for colonne in compares:
            saisi = _lire_cellule(ligne, colonne, fichier)
            if saisi is None:
                continue
            difference = _comparer(colonne, saisi, calcule)
            if difference is not None:
                ecarts.append(
                    Ecart(
                        numero=calcule.numero,
                        colonne=colonne,
                        attendu=saisi,
                        calcule=difference[0],
                        ecart=difference[1],
                        ligne_fichier=ligne.numero,
                    )
                )
    manquantes = tuple(r.numero for r in tableau.lignes if r.numero not in vus)
    return ResultatRapprochement(
        tableau=tableau,
        fichier=fichier,
        colonnes=compares,
        lignes_comparees=len(vus),
        ecarts=tuple(ecarts),
        manquantes=manquantes,
    )
