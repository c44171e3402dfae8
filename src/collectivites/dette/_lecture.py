"""Lecture d'un document budgétaire (format TOTEM ``DocumentBudgetaire``) : l'en-tête et
l'annexe de la dette (``Annexes/DATA_EMPRUNT/EMPRUNT``).

Tolérante là où les fichiers réels varient : ISO-8859-1 ou UTF-8 (l'encodage déclaré est lu par
expat), espaces de noms et préfixes ignorés, versions 86 à 115 du schéma (un champ inconnu du
schéma V95 est gardé brut), enveloppe du compte financier unique dont la racine n'est pas
``DocumentBudgetaire``, élément ``EMPRUNT`` entièrement vide ignoré, lignes calculées par
l'éditeur (``calculated="true"``) écartées, dates d'émission en texte libre. Stricte là où la
sûreté l'exige (voir :mod:`collectivites.chargement._xml`) et là où un montant mal lu fausserait
un résultat : un montant, un taux, une date ou une année invalide est refusé avec le chemin de
l'élément (``DATA_EMPRUNT/EMPRUNT[12]/MtIntExer``) et sa ligne.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

from collectivites._moteur import CONTEXTE_CALCUL, moteur
from collectivites.chargement._xml import (
    TAILLE_MAX_XML,
    FichierBinaire,
    analyser_xml,
    ouvrir_source,
)
from collectivites.dette._champs import champ_v95
from collectivites.dette._modeles import TYPES_EMPRUNT, DocumentBudgetaire, EmpruntAnnexe
from collectivites.dette._normalisation import normaliser_index, normaliser_preteur
from collectivites.erreurs import ErreurDossier, ErreurEntree

__all__ = ["EMPRUNTS_MAX", "lire_document_budgetaire"]

#: Nombre maximal d'éléments ``EMPRUNT`` lus (Montreuil 2018 en a 1 083 ; au-delà de 200 000,
#: ce n'est plus l'annexe d'une collectivité).
EMPRUNTS_MAX = 200_000

_CENT = Decimal(100)
_DECIMAL = re.compile(r"[+-]?(?:\d{1,18}(?:\.\d{0,12})?|\.\d{1,12})", re.ASCII)
_TAUX = re.compile(r"[+-]?(?:\d{1,6}(?:[.,]\d{0,12})?|[.,]\d{1,12})", re.ASCII)
_DATE_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:Z|[+-]\d{2}:\d{2})?", re.ASCII)
_DATE_FR = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})", re.ASCII)
#: Valeurs d'un élément EMPRUNT « vide » tel que des éditeurs l'écrivent (zéros et faux).
_VIDES = frozenset({"", "0", "0.0", "0.00", "false"})
_BOOLEENS = {"true": True, "1": True, "false": False, "0": False}
#: Éléments des lignes de ratio absents du schéma V95 mais écrits par des fichiers récents
#: (VersionSchema 113) : lus comme des montants ou des pourcentages quand ils sont présents.
_RATIO_RECENTS = ("PartGarantiesEmprunt", "TotValRatio")
_ELEMENTS_RATIO = ("RReelFon", "AnnuitNetDette", "TotGarEchoirExer", "ProvGarantiEmpr")
_ELEMENTS_RATIO_TOUS = (*_ELEMENTS_RATIO, "Tot1Annuite", *_RATIO_RECENTS)


def _local(nom: str) -> str:
    """Le nom sans préfixe ni espace de noms (``bl:ProduitGF`` → ``ProduitGF``)."""
    return nom.rsplit(":", 1)[-1].rsplit("}", 1)[-1]


def _refus(chemin: str, message: str, valeur: str, attendu: str) -> ErreurDossier:
    return ErreurDossier(message, cle=chemin, valeur=valeur, attendu=attendu)


def _date(texte: str, chemin: str) -> dt.date:
    iso = _DATE_ISO.fullmatch(texte)
    fr = _DATE_FR.fullmatch(texte) if iso is None else None
    if iso:
        annee, mois, jour = int(iso[1]), int(iso[2]), int(iso[3])
    elif fr:
        jour, mois, annee = int(fr[1]), int(fr[2]), int(fr[3])
    else:
        raise _refus(chemin, "date invalide", texte, "AAAA-MM-JJ ou JJ/MM/AAAA")
    try:
        return dt.date(annee, mois, jour)
    except ValueError:
        raise _refus(chemin, "date impossible", texte, "une date du calendrier") from None


def _valeur(nature: str, texte: str, chemin: str, notes: list[str]) -> Any:
    """La valeur typée d'un champ d'après sa nature (voir :mod:`._champs`)."""
    if nature in ("montant", "duree"):
        if not _DECIMAL.fullmatch(texte):
            raise _refus(
                chemin,
                "montant invalide" if nature == "montant" else "durée invalide",
                texte,
                "un nombre décimal du schéma, point décimal, sans espace (1234.50)",
            )
        return Decimal(texte)
    if nature == "taux":
        if not _TAUX.fullmatch(texte):
            raise _refus(chemin, "taux invalide", texte, "un pourcentage comme 3.271 ou 3,271")
        return CONTEXTE_CALCUL.divide(Decimal(texte.replace(",", ".")), _CENT)
    if nature == "date":
        return _date(texte, chemin)
    if nature == "date_libre":
        try:
            return _date(texte, chemin)
        except ErreurDossier:
            notes.append(f"{chemin} : date d'émission illisible « {texte} », gardée en texte")
            return texte
    if nature == "annee":
        if not (texte.isascii() and texte.isdigit() and len(texte) == 4):
            raise _refus(chemin, "année invalide", texte, "une année sur quatre chiffres")
        return int(texte)
    if nature == "entier":
        if not (texte.isascii() and texte.isdigit() and len(texte) <= 6):
            raise _refus(chemin, "nombre entier invalide", texte, "un entier positif")
        return int(texte)
    if nature == "booleen":
        if texte.lower() not in _BOOLEENS:
            raise _refus(chemin, "booléen invalide", texte, "true, false, 1 ou 0")
        return _BOOLEENS[texte.lower()]
    return texte  # code, texte, taux_libre


class _Lecteur:
    """Ce que la lecture en flux retient : l'en-tête et les emprunts, convertis un à un."""

    def __init__(self) -> None:
        self.pile: list[str] = []
        self.entete: dict[str, str] = {}
        self.racine = ""
        self.documents = 0
        self.budgets = 0
        self.annexe_dette = 0
        self.rang = 0
        self.courant: dict[str, str] | None = None
        self.courant_calcule = False
        self.texte: list[str] = []
        self.emprunts: list[EmpruntAnnexe] = []
        self.ratio: list[tuple[int, dict[str, str]]] = []
        self.calculees = 0
        self.ignorees: list[str] = []
        self.notes: list[str] = []

    # --- analyse en flux -----------------------------------------------------------------

    def debut(self, nom: str, attributs: dict[str, str]) -> None:
        local = _local(nom)
        parent = self.pile[-1] if self.pile else ""
        if not self.pile:
            self.racine = local
        self.pile.append(local)
        if local == "DocumentBudgetaire":
            self.documents += 1
        elif local == "Budget":
            self.budgets += 1
        if self.documents > 1 or self.budgets > 1:
            return  # seul le premier budget est lu (note ajoutée à la fin)
        if self.courant is not None:
            if parent == "EMPRUNT":
                self._champ_emprunt(local, attributs)
            return
        if local == "EMPRUNT" and parent == "DATA_EMPRUNT":
            self.rang += 1
            if self.rang > EMPRUNTS_MAX:
                raise ErreurDossier(
                    "trop d'emprunts dans l'annexe", attendu=f"au plus {EMPRUNTS_MAX}"
                )
            self.courant = {}
            self.courant_calcule = attributs.get("calculated", "").lower() == "true"
            return
        if local == "DATA_EMPRUNT":
            self.annexe_dette += 1
        elif parent in ("EnTeteDocBudgetaire", "EnTeteBudget", "BlocBudget") or (
            local == "VersionSchema" and len(self.pile) <= 3
        ):
            valeur = attributs.get("V")
            if valeur is not None:
                self.entete.setdefault(local, valeur.strip())

    def _champ_emprunt(self, local: str, attributs: dict[str, str]) -> None:
        assert self.courant is not None
        if local in self.courant:
            raise ErreurDossier(
                "élément écrit deux fois dans le même emprunt",
                cle=f"DATA_EMPRUNT/EMPRUNT[{self.rang}]/{local}",
            )
        valeur = attributs.get("V")
        self.courant[local] = valeur.strip() if valeur is not None else ""
        self.texte = []

    def texte_lu(self, caracteres: str) -> None:
        if self.courant is not None and self.pile and self.pile[-1] != "EMPRUNT":
            self.texte.append(caracteres)

    def fin(self, nom: str) -> None:
        local = self.pile.pop()
        del nom
        if self.documents > 1 or self.budgets > 1 or self.courant is None:
            return
        if self.pile and self.pile[-1] == "EMPRUNT" and not self.courant.get(local):
            contenu = "".join(self.texte).strip()
            if contenu:  # valeur écrite en texte (<MtIntExer>12.50</MtIntExer>)
                self.courant[local] = contenu
        if local == "EMPRUNT" and self.pile and self.pile[-1] == "DATA_EMPRUNT":
            courant, self.courant = self.courant, None
            self._emprunt(courant)

    # --- conversion d'un emprunt ---------------------------------------------------------

    def _emprunt(self, brut: dict[str, str]) -> None:
        chemin = f"DATA_EMPRUNT/EMPRUNT[{self.rang}]"
        if self.courant_calcule:
            self.calculees += 1
            return
        code = brut.get("CodTypEmpr", "")
        if not code and all(v.lower() in _VIDES for v in brut.values()):
            self.ignorees.append(chemin)
            self.notes.append(
                f"{chemin} : élément EMPRUNT sans code de type ni donnée (valeurs nulles ou "
                "fausses seulement), ignoré"
            )
            return
        if not code:
            raise ErreurDossier(
                "emprunt sans code de type (CodTypEmpr) : propre ou garanti, on ne peut le dire",
                cle=f"{chemin}/CodTypEmpr",
                attendu="01, 02, 05, 06, 07, 08, 09 ou 10",
            )
        if code not in TYPES_EMPRUNT:
            raise ErreurDossier(
                "code de type d'emprunt inconnu",
                cle=f"{chemin}/CodTypEmpr",
                valeur=code,
                attendu="01, 02, 05, 06, 07, 08, 09 ou 10 (liste ATCodTypEmprunt du schéma)",
            )
        categorie = TYPES_EMPRUNT[code][0]
        if categorie == "ratio":
            self.ratio.append((self.rang, brut))
            return
        self.emprunts.append(self._convertir(brut, chemin, categorie, code))

    def _convertir(
        self, brut: dict[str, str], chemin: str, categorie: str, code: str
    ) -> EmpruntAnnexe:
        champs: list[tuple[str, Any]] = []
        autres: list[tuple[str, str]] = []
        attributs: dict[str, Any] = {}
        for nom, texte in brut.items():
            champ = champ_v95(nom)
            if champ is None:
                autres.append((nom, texte))
                continue
            if texte == "":
                continue
            valeur = _valeur(champ.nature, texte, f"{chemin}/{nom}", self.notes)
            champs.append((nom, valeur))
            if champ.attribut:
                attributs[champ.attribut] = valeur
        attributs.pop("code_type", None)
        date_emission = attributs.get("date_emission")
        if not isinstance(date_emission, dt.date):
            attributs.pop("date_emission", None)
        preteur = normaliser_preteur(attributs.get("preteur_libelle"))[0]
        index = normaliser_index(brut.get("IndexTxVariDtVote") or brut.get("IndexTxVariInit"))
        return EmpruntAnnexe(
            rang=self.rang,
            categorie=categorie,
            code_type=code,
            preteur=preteur,
            index=index.code,
            marge=index.marge,
            champs=tuple(champs),
            autres=tuple(autres),
            **attributs,
        )

    # --- le document ---------------------------------------------------------------------

    def _elements_ratio(self) -> tuple[tuple[str, Decimal], ...]:
        if not self.ratio:
            return ()
        if len(self.ratio) > 1:
            chemins = ", ".join(f"DATA_EMPRUNT/EMPRUNT[{r}]" for r, _b in self.ratio)
            raise ErreurDossier(
                "plusieurs lignes « éléments pour ratio » (CodTypEmpr 10) : le schéma n'en "
                "permet qu'une",
                cle=chemins,
            )
        rang, brut = self.ratio[0]
        elements = []
        for nom in _ELEMENTS_RATIO_TOUS:
            texte = brut.get(nom, "")
            if texte:
                nature = "taux" if nom == "PartGarantiesEmprunt" else "montant"
                chemin = f"DATA_EMPRUNT/EMPRUNT[{rang}]/{nom}"
                elements.append((nom, _valeur(nature, texte, chemin, self.notes)))
        return tuple(elements)

    def document(self, source: str) -> DocumentBudgetaire:
        if self.documents == 0 and self.budgets == 0 and "LibelleColl" not in self.entete:
            raise ErreurDossier(
                "ce n'est pas un document budgétaire",
                valeur=f"élément racine « {self.racine} »",
                attendu="un fichier TOTEM dont la racine est DocumentBudgetaire (ou un compte "
                "financier unique qui l'enveloppe)",
            )
        if self.budgets == 0:
            raise ErreurDossier(
                "le document n'a pas de budget (élément Budget absent)"
                if self.racine == "DocumentBudgetaire"
                else f"enveloppe « {self.racine} » sans budget (élément Budget absent)",
                attendu="un élément Budget avec son EnTeteBudget, son BlocBudget et ses Annexes",
            )
        notes = list(self.notes)
        if self.documents > 1 or self.budgets > 1:
            notes.append(
                f"le fichier contient {max(self.documents, self.budgets)} budgets : seul le "
                "premier est lu"
            )
        if self.racine != "DocumentBudgetaire":
            notes.append(f"document lu dans son enveloppe « {self.racine} »")
        if not self.annexe_dette:
            notes.append("le document n'a pas d'annexe de la dette (DATA_EMPRUNT)")
        elif self.rang == 0:
            notes.append("l'annexe de la dette (DATA_EMPRUNT) ne contient aucun emprunt")
        if self.calculees:
            notes.append(
                f'{self.calculees} ligne(s) calculée(s) par l\'éditeur (calculated="true", '
                "regroupements) écartée(s) : ce ne sont pas des emprunts"
            )
        exercice = self.entete.get("Exer")
        if exercice is not None and not (exercice.isascii() and exercice.isdigit()):
            raise ErreurDossier("exercice invalide", cle="BlocBudget/Exer", valeur=exercice)
        collectivite = self.entete.get("LibelleColl") or self.entete.get("LibelleEtab") or ""
        return DocumentBudgetaire(
            collectivite=collectivite,
            siret=self.entete.get("IdColl") or self.entete.get("IdEtab"),
            departement=self.entete.get("Departement"),
            nature_collectivite=self.entete.get("NatCEPL"),
            budget=self.entete.get("LibelleEtab"),
            code_insee=self.entete.get("CodInseeColl"),
            exercice=int(exercice) if exercice else None,
            nature=self.entete.get("NatDec"),
            nomenclature=self.entete.get("Nomenclature"),
            version_schema=self.entete.get("VersionSchema"),
            enveloppe=self.racine,
            emprunts=tuple(self.emprunts),
            elements_ratio=self._elements_ratio(),
            lignes_calculees=self.calculees,
            lignes_ignorees=tuple(self.ignorees),
            notes=tuple(notes),
            source=source,
        )


@moteur
def lire_document_budgetaire(
    source: str | Path | bytes | FichierBinaire, *, taille_max: int = TAILLE_MAX_XML
) -> DocumentBudgetaire:
    """Le document budgétaire de ``source`` (un chemin, des octets ou un fichier ouvert en
    binaire), lu en flux : la mémoire ne dépend que du nombre d'emprunts de l'annexe.

    Refuse, en français et avec la ligne : un XML mal formé ou tronqué, une DTD ou une entité,
    un fichier de plus de ``taille_max`` octets, un document qui n'est pas un
    ``DocumentBudgetaire``, un emprunt sans ``CodTypEmpr``, un montant, un taux ou une date
    invalide (le chemin de l'élément est donné : ``DATA_EMPRUNT/EMPRUNT[12]/MtIntExer``).
    """
    lecteur = _Lecteur()
    try:
        analyser_xml(
            source, lecteur.debut, lecteur.fin, taille_max=taille_max, texte=lecteur.texte_lu
        )
    except ErreurEntree as exc:
        # Un fichier qui se dit UTF-8 (ou ne dit rien) mais dont les accents sont en
        # Windows-1252 / ISO-8859-1 : relu une fois en transcodant, si la source se relit.
        if not exc.message.startswith(_OCTETS_INVALIDES) or not isinstance(
            source, str | Path | bytes
        ):
            raise
        lecteur = _Lecteur()
        flux, _nom, _fermer = ouvrir_source(source, taille_max=taille_max)
        try:
            analyser_xml(
                _Transcodeur(flux),
                lecteur.debut,
                lecteur.fin,
                taille_max=2 * taille_max,
                texte=lecteur.texte_lu,
            )
        except ErreurEntree:
            raise exc from None
        finally:
            getattr(flux, "close", lambda: None)()
        lecteur.notes.append(
            f"octets invalides pour l'encodage déclaré ({exc}) : fichier relu en "
            "Windows-1252 (ISO-8859-1)"
        )
    nom = str(source) if isinstance(source, str | Path) else getattr(source, "name", "")
    return lecteur.document(str(nom or ""))


#: Début du message d'expat pour un octet invalide dans l'encodage déclaré.
_OCTETS_INVALIDES = "XML mal formé (caractère"
_DECLARATION = re.compile(rb"^(\s*<\?xml[^>]*?encoding\s*=\s*)([\"'])[^\"']*\2")


class _Transcodeur:
    """Un flux d'octets Windows-1252 rendu en UTF-8, déclaration XML corrigée."""

    def __init__(self, flux: FichierBinaire) -> None:
        import codecs

        self._flux = flux
        self._decodeur = codecs.getincrementaldecoder("cp1252")(errors="replace")
        self._premier = True

    def read(self, taille: int = -1, /) -> bytes:
        octets = self._flux.read(taille)
        if self._premier:
            self._premier = False
            octets = _DECLARATION.sub(rb"\1\2UTF-8\2", octets, count=1)
        texte = self._decodeur.decode(octets, final=not octets)
        return texte.encode("utf-8")
