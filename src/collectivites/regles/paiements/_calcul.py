"""Le retard de paiement d'une demande, étape par étape, chaque étape avec son article.

Le délai se compte en jours calendaires, sans report (régime ``simple`` du moteur des délais :
le jour de départ ne compte pas, aucun report d'un samedi, dimanche ou jour férié — le code ne
prévoit aucune prorogation). Les intérêts courent du lendemain du dernier jour du délai jusqu'à
la mise en paiement incluse (L2192-13), au taux fixé une fois pour toute la période : celui du
semestre où ils commencent à courir (R2192-31).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import attrs

from collectivites._interets import PeriodeInterets, interets_par_periodes
from collectivites._moteur import CONTEXTE_CALCUL, moteur
from collectivites.donnees import SerieDatee, serie_livree
from collectivites.erreurs import ErreurValeur
from collectivites.monnaie import arrondir, formater_montant
from collectivites.presentation import Presentable
from collectivites.regles.paiements._modeles import (
    DELAI_PAIEMENT_INTERETS,
    INDEMNITE_FORFAITAIRE,
    JOURS_ANNEE,
    JOURS_PRESOMPTION,
    MAJORATION,
    NOUVEAU_DELAI_INTERRUPTION,
    Facture,
)
from collectivites.taux import formater_taux

__all__ = [
    "Etape",
    "ResultatRetard",
    "calculer_retard_paiement",
    "debut_du_semestre",
    "taux_interets_moratoires",
]

_UN_JOUR = dt.timedelta(days=1)
#: Le nom de la série livrée du taux des opérations principales de refinancement.
SERIE_BCE = "bce_refinancement"


def debut_du_semestre(jour: dt.date) -> dt.date:
    """Le premier jour du semestre de l'année civile qui contient ``jour`` (1er janvier ou
    1er juillet)."""
    return dt.date(jour.year, 1 if jour.month <= 6 else 7, 1)


@moteur
def taux_interets_moratoires(
    debut_interets: dt.date, *, serie: SerieDatee | None = None
) -> tuple[Decimal, Decimal, dt.date]:
    """(taux BCE, taux des intérêts moratoires, premier jour du semestre) pour des intérêts qui
    commencent à courir le ``debut_interets`` : le taux des opérations principales de
    refinancement en vigueur au premier jour du semestre, majoré de huit points (R2192-31).

    Examples:
        >>> import datetime as dt
        >>> taux_interets_moratoires(dt.date(2024, 8, 20))[1]
        Decimal('0.1225')
    """
    source = serie if serie is not None else serie_livree(SERIE_BCE)
    semestre = debut_du_semestre(debut_interets)
    bce = source.valeur_au(semestre)
    return bce, bce + MAJORATION, semestre


@attrs.frozen
class _TauxFixe:
    """Une source de taux constant : le taux du semestre vaut pour toute la période."""

    valeur: Decimal

    def valeur_au(self, _jour: dt.date, /) -> Decimal:
        return self.valeur

    def changements(self, _debut: dt.date, _fin: dt.date, /) -> tuple[dt.date, ...]:
        return ()


@attrs.frozen(kw_only=True)
class Etape:
    """Une étape de l'explication : ce qui est établi, et l'article qui le dit."""

    libelle: str
    valeur: str
    reference: str


@attrs.frozen(kw_only=True)
class ResultatRetard(Presentable):
    """Le délai, le retard, les intérêts moratoires et les indemnités d'une demande."""

    facture: Facture
    depart: dt.date
    fin_delai: dt.date
    jours_retard: int
    taux_bce: Decimal | None
    taux: Decimal | None
    semestre: dt.date | None
    periodes: tuple[PeriodeInterets, ...]
    interets: Decimal
    indemnite: Decimal
    indemnite_complementaire: Decimal
    interets_complementaires: Decimal
    jours_ordonnateur: int | None
    jours_comptable: int | None
    interets_ordonnateur: Decimal | None
    interets_comptable: Decimal | None
    etapes: tuple[Etape, ...]
    hypotheses: tuple[str, ...] = ()

    @property
    def total_du(self) -> Decimal:
        """Intérêts, indemnités et intérêts complémentaires."""
        return CONTEXTE_CALCUL.add(
            CONTEXTE_CALCUL.add(self.interets, self.indemnite),
            CONTEXTE_CALCUL.add(self.indemnite_complementaire, self.interets_complementaires),
        )


def _date(jour: dt.date) -> str:
    return f"{jour:%d/%m/%Y}"


def _depart(f: Facture, etapes: list[Etape]) -> dt.date:
    reception = f.reception
    if f.date_reception is None:
        etapes.append(
            Etape(
                libelle="Réception de la demande (non constatée)",
                valeur=f"{_date(f.date_demande)} + {JOURS_PRESOMPTION} jours = "  # type: ignore[arg-type]
                f"{_date(reception)}",
                reference="R2192-14",
            )
        )
    depart = reception
    if f.date_service_fait is not None and f.date_service_fait > reception:
        depart = f.date_service_fait
        etapes.append(
            Etape(
                libelle="Demande reçue avant l'exécution des prestations : départ au service fait",
                valeur=_date(depart),
                reference="R2192-12, al. 2",
            )
        )
    else:
        etapes.append(
            Etape(
                libelle="Départ du délai : réception de la demande de paiement",
                valeur=_date(depart),
                reference="R2192-12",
            )
        )
    return depart


def _fin_du_delai(f: Facture, depart: dt.date, etapes: list[Etape]) -> dt.date:
    from collectivites.regles.delais import calculer_delai

    article = "L2192-10 (délai stipulé)" if f.delai_jours else f.categorie.article
    fin = calculer_delai(depart, f"{f.delai} jours", regime="simple")
    etapes.append(
        Etape(
            libelle=f"Délai de paiement : {f.delai} jours ({f.categorie.libelle})",
            valeur=f"dernier jour : {_date(fin)}",
            reference=article,
        )
    )
    if f.interruption_debut is None:
        return fin
    debut, reprise = f.interruption_debut, f.interruption_fin
    assert reprise is not None
    if not depart <= debut <= fin:
        raise ErreurValeur(
            "l'interruption doit être notifiée pendant le délai de paiement",
            cle="interruption_debut",
            valeur=debut,
            attendu=f"une date du {_date(depart)} au {_date(fin)} (R2192-27, R2192-29)",
        )
    if reprise < debut:
        raise ErreurValeur(
            "l'interruption finit avant d'avoir commencé",
            cle="interruption_fin",
            valeur=reprise,
            attendu=f"une date à partir du {_date(debut)}",
        )
    solde = (fin - debut).days
    nouveau = max(NOUVEAU_DELAI_INTERRUPTION, solde)
    fin = calculer_delai(reprise, f"{nouveau} jours", regime="simple")
    etapes.append(
        Etape(
            libelle=f"Interruption notifiée le {_date(debut)} (solde : {solde} jours), pièces "
            f"reçues le {_date(reprise)} : nouveau délai de {nouveau} jours",
            valeur=f"dernier jour : {_date(fin)}",
            reference="R2192-27 à R2192-29",
        )
    )
    return fin


def _verifier_dates(f: Facture, depart: dt.date) -> None:
    paiement = f.date_mise_en_paiement
    if paiement < f.reception:
        raise ErreurValeur(
            "mise en paiement avant la réception de la demande",
            cle="date_mise_en_paiement",
            valeur=paiement,
            attendu=f"une date à partir du {_date(f.reception)}",
        )
    if paiement < depart:
        raise ErreurValeur(
            "mise en paiement avant l'exécution des prestations",
            cle="date_mise_en_paiement",
            valeur=paiement,
            attendu=f"une date à partir du {_date(depart)} (service fait)",
        )
    if f.interruption_fin is not None and paiement < f.interruption_fin:
        raise ErreurValeur(
            "mise en paiement avant la fin de l'interruption",
            cle="date_mise_en_paiement",
            valeur=paiement,
            attendu=f"une date à partir du {_date(f.interruption_fin)}",
        )
    mandat = f.date_reception_mandat
    if mandat is not None and not f.reception <= mandat <= paiement:
        raise ErreurValeur(
            "réception de l'ordre de payer hors de la période de paiement",
            cle="date_reception_mandat",
            valeur=mandat,
            attendu=f"une date du {_date(f.reception)} au {_date(paiement)}",
        )
    if f.date_paiement_interets is not None and f.date_paiement_interets < paiement:
        raise ErreurValeur(
            "intérêts payés avant le principal",
            cle="date_paiement_interets",
            valeur=f.date_paiement_interets,
            attendu=f"une date à partir du {_date(paiement)}",
        )


def partager_jours(
    jours_retard: int, paiement: dt.date, reception_mandat: dt.date | None, delai: int | None
) -> tuple[int | None, int | None]:
    """(jours imputables à l'ordonnateur, au comptable) : le comptable répond des jours de
    retard au-delà de son propre délai compté de la réception de l'ordre de payer (décret
    n° 2013-269, art. 12 et 13), dans la limite du retard ; l'ordonnateur, du reste. ``None`` :
    pas de partage (pas de comptable distinct, ou réception de l'ordre de payer inconnue)."""
    if delai is None or reception_mandat is None:
        return None, None
    limite = reception_mandat + dt.timedelta(days=delai)
    comptable = min(jours_retard, max(0, (paiement - limite).days))
    return jours_retard - comptable, comptable


def part_comptable(interets: Decimal, jours_retard: int, jours_comptable: int) -> Decimal:
    """La part des intérêts imputable au comptable : au prorata de ses jours de retard,
    arrondie au centime (l'ordonnateur reçoit le reste)."""
    if not jours_retard:
        return Decimal("0.00")
    return arrondir(interets * Decimal(jours_comptable) / Decimal(jours_retard))


@moteur
def calculer_retard_paiement(
    facture: Facture, *, serie: SerieDatee | None = None
) -> ResultatRetard:
    """Le délai global de paiement d'une demande, son retard, les intérêts moratoires, les
    indemnités et le partage entre ordonnateur et comptable, étape par étape avec leurs articles.

    ``serie`` : le taux des opérations principales de refinancement de la BCE (par défaut la
    série livrée ``bce_refinancement``, prolongée par le dossier utilisateur)."""
    f = facture
    source = serie if serie is not None else serie_livree(SERIE_BCE)
    etapes: list[Etape] = []
    depart = _depart(f, etapes)
    _verifier_dates(f, depart)
    fin = _fin_du_delai(f, depart, etapes)
    paiement = f.date_mise_en_paiement
    retard = max(0, (paiement - fin).days)
    etapes.append(
        Etape(
            libelle=f"Mise en paiement le {_date(paiement)}",
            valeur=f"{retard} jour(s) de retard" if retard else "dans le délai : rien n'est dû",
            reference="L2192-13",
        )
    )
    if not retard:
        return _sans_retard(f, depart, fin, etapes)
    return _avec_retard(f, depart, fin, retard, source, etapes)


def _sans_retard(f: Facture, depart: dt.date, fin: dt.date, etapes: list[Etape]) -> ResultatRetard:
    zero = Decimal("0.00")
    jours_o, jours_c = partager_jours(
        0, f.date_mise_en_paiement, f.date_reception_mandat, f.categorie.delai_comptable
    )
    return ResultatRetard(
        facture=f,
        depart=depart,
        fin_delai=fin,
        jours_retard=0,
        taux_bce=None,
        taux=None,
        semestre=None,
        periodes=(),
        interets=zero,
        indemnite=zero,
        indemnite_complementaire=zero,
        interets_complementaires=zero,
        jours_ordonnateur=jours_o,
        jours_comptable=jours_c,
        interets_ordonnateur=None if jours_o is None else zero,
        interets_comptable=None if jours_c is None else zero,
        etapes=tuple(etapes),
    )


def _avec_retard(  # noqa: PLR0917 - fonction privée de calculer_retard_paiement
    f: Facture, depart: dt.date, fin: dt.date, retard: int, source: SerieDatee, etapes: list[Etape]
) -> ResultatRetard:
    paiement = f.date_mise_en_paiement
    debut = fin + _UN_JOUR
    bce, taux, semestre = taux_interets_moratoires(debut, serie=source)
    etapes.append(
        Etape(
            libelle=f"Taux : BCE au {_date(semestre)} ({formater_taux(bce)}) + 8 points",
            valeur=formater_taux(taux),
            reference="R2192-31",
        )
    )
    periodes = tuple(
        interets_par_periodes(
            f.montant,
            debut,
            paiement + _UN_JOUR,
            _TauxFixe(bce),
            majoration=MAJORATION,
            jours_annee=JOURS_ANNEE,
        )
    )
    interets = arrondir(sum((p.interets for p in periodes), Decimal(0)))
    etapes.append(
        Etape(
            libelle=f"Intérêts : {formater_montant(f.montant)} € × {formater_taux(taux)} × "
            f"{retard} / {JOURS_ANNEE}, du {_date(debut)} au {_date(paiement)} inclus",
            valeur=f"{formater_montant(interets)} €",
            reference="L2192-13, R2192-31",
        )
    )
    etapes.append(
        Etape(
            libelle="Indemnité forfaitaire pour frais de recouvrement",
            valeur=f"{formater_montant(INDEMNITE_FORFAITAIRE)} €",
            reference="L2192-13, D2192-35",
        )
    )
    complement = _complement(f, etapes)
    complementaires, notes = _complementaires(f, interets, source, etapes)
    jours_o, jours_c = partager_jours(
        retard, paiement, f.date_reception_mandat, f.categorie.delai_comptable
    )
    part_c = None if jours_c is None else part_comptable(interets, retard, jours_c)
    if jours_c is not None:
        etapes.append(
            Etape(
                libelle=f"Partage : {jours_o} jour(s) de l'ordonnateur, {jours_c} du comptable "
                f"({f.categorie.delai_comptable} jours depuis la réception de l'ordre de payer "
                f"le {_date(f.date_reception_mandat)})",  # type: ignore[arg-type]
                valeur=f"comptable : {formater_montant(part_c)} €",  # type: ignore[arg-type]
                reference="décret n° 2013-269, art. 12 et 13",
            )
        )
    return ResultatRetard(
        facture=f,
        depart=depart,
        fin_delai=fin,
        jours_retard=retard,
        taux_bce=bce,
        taux=taux,
        semestre=semestre,
        periodes=periodes,
        interets=interets,
        indemnite=INDEMNITE_FORFAITAIRE,
        indemnite_complementaire=complement,
        interets_complementaires=complementaires,
        jours_ordonnateur=jours_o,
        jours_comptable=jours_c,
        interets_ordonnateur=None if part_c is None else interets - part_c,
        interets_comptable=part_c,
        etapes=tuple(etapes),
        hypotheses=tuple(dict.fromkeys((*source.avertissements(semestre), *notes))),
    )


def _complement(f: Facture, etapes: list[Etape]) -> Decimal:
    """L'indemnisation complémentaire, sur justification des frais exposés au-delà de
    l'indemnité forfaitaire (L2192-13, al. 2)."""
    complement = Decimal("0.00")
    if f.frais_recouvrement is not None and f.frais_recouvrement > INDEMNITE_FORFAITAIRE:
        complement = f.frais_recouvrement - INDEMNITE_FORFAITAIRE
        etapes.append(
            Etape(
                libelle=f"Indemnisation complémentaire sur justification (frais de "
                f"{formater_montant(f.frais_recouvrement)} €)",
                valeur=f"{formater_montant(complement)} €",
                reference="L2192-13, al. 2",
            )
        )
    return complement


def _complementaires(
    f: Facture, interets: Decimal, source: SerieDatee, etapes: list[Etape]
) -> tuple[Decimal, tuple[str, ...]]:
    """Intérêts complémentaires sur des intérêts payés au-delà des quarante-cinq jours de
    R2192-36 (interprétation : au taux de R2192-31 du semestre où ils commencent à courir, sur
    les intérêts moratoires seuls, jusqu'à leur mise en paiement incluse)."""
    payes = f.date_paiement_interets
    limite = f.date_mise_en_paiement + dt.timedelta(days=DELAI_PAIEMENT_INTERETS)
    if payes is None or payes <= limite or not interets:
        return Decimal("0.00"), ()
    jours = (payes - limite).days
    _bce, taux, semestre = taux_interets_moratoires(limite + _UN_JOUR, serie=source)
    montant = arrondir(interets * taux * Decimal(jours) / Decimal(JOURS_ANNEE))
    etapes.append(
        Etape(
            libelle=f"Intérêts payés le {_date(payes)}, après le {_date(limite)} : "
            f"{formater_montant(interets)} € × {formater_taux(taux)} × {jours} / {JOURS_ANNEE}",
            valeur=f"{formater_montant(montant)} €",
            reference="R2192-36 (interprétation), R2192-31",
        )
    )
    return montant, source.avertissements(semestre)
