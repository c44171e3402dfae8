"""Les cas de test en données (``tests/cas/<moteur>/*.toml``) : lecture, exécution, comparaison.

Un fichier décrit un cas, ou plusieurs sous ``[[cas]]`` (chacun avec les mêmes tables que
ci-dessous) :

* ``[source]`` : d'où viennent les chiffres attendus — ``document``, ``reference`` (article, page),
  ``date`` ; ``calcul`` : le calcul à la main, écrit en entier, quand l'attendu en vient ;
* ``[entree]`` : ``moteur`` (``pret.tableau``, ``pret.teg``, ``pret.remboursement``,
  ``pret.moratoires``, ``delai``, ``rsa.interets``, ``rep.soutiens``) et ses données ;
* ``[attendu]`` : des valeurs nommées, des lignes (``[[attendu.lignes]]``, repérées par
  ``numero``), ou un fichier CSV de lignes (``lignes_csv``, relatif au cas) ; ``tolerance`` (un
  montant, par défaut 0 : au centime près) vaut pour toutes les valeurs, ou pour une ligne ;
  les valeurs dont le nom commence par ``taux`` ont leur propre écart, ``tolerance_taux``
  (par défaut 10⁻¹², un cas écrivant ses taux à 12 décimales).

Les montants et taux s'écrivent en texte (« 1730.55 », « 0.0135 ») : jamais de flottant.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import tomllib
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs

RACINE = Path(__file__).parent / "cas"
#: Écart admis sur un taux calculé (taux révisés, progressivité de période) : un cas écrit ses
#: taux à 12 décimales, le moteur calcule à 34 chiffres.
TOLERANCE_TAUX = "1e-12"

Cas = dict[str, Any]


def tous_les_cas() -> list[tuple[str, Path, Cas]]:
    """Chaque cas de ``tests/cas``, avec un identifiant lisible (fichier, rang)."""
    resultat = []
    for chemin in sorted(RACINE.rglob("*.toml")):
        with chemin.open("rb") as flux:
            donnees = tomllib.load(flux)
        nom = str(chemin.relative_to(RACINE).with_suffix(""))
        if "cas" in donnees:
            for rang, cas in enumerate(donnees["cas"], start=1):
                resultat.append((f"{nom}#{rang}", chemin, cas))
        else:
            resultat.append((nom, chemin, donnees))
    return resultat


# --- valeurs --------------------------------------------------------------------------------


def _decimal(valeur: Any) -> Decimal:
    if isinstance(valeur, float):
        raise TypeError("un flottant dans un cas : écrivez les nombres entre guillemets")
    return Decimal(str(valeur))


def comparer(attendu: Any, obtenu: Any, tolerance: Decimal, ou: str) -> None:
    """Égalité d'une valeur attendue et obtenue (numérique à ``tolerance`` près)."""
    if isinstance(obtenu, Decimal | int) and not isinstance(obtenu, bool):
        ecart = abs(_decimal(attendu) - Decimal(obtenu))
        assert ecart <= tolerance, f"{ou} : attendu {attendu}, obtenu {obtenu} (écart {ecart})"
    elif isinstance(obtenu, dt.date):
        assert obtenu == attendu, f"{ou} : attendu {attendu}, obtenu {obtenu}"
    else:
        assert str(obtenu) == str(attendu), f"{ou} : attendu {attendu!r}, obtenu {obtenu!r}"


def verifier(cas: Cas, chemin: Path, faits: dict[str, Any], lignes: list[dict[str, Any]]) -> None:
    """Compare ``[attendu]`` aux faits et aux lignes d'un résultat."""
    attendu = dict(cas["attendu"])
    tolerance = _decimal(attendu.pop("tolerance", "0"))
    tolerance_taux = _decimal(attendu.pop("tolerance_taux", TOLERANCE_TAUX))
    for cle in ("lignes", "lignes_csv", "cle_ligne"):
        attendu.pop(cle, None)

    def tol(cle: str, montants: Decimal) -> Decimal:
        return tolerance_taux if cle.startswith("taux") else montants

    for cle, valeur in attendu.items():
        assert cle in faits, f"valeur inconnue du résultat : {cle} (connues : {sorted(faits)})"
        comparer(valeur, faits[cle], tol(cle, tolerance), cle)
    cle_ligne = cas["attendu"].get("cle_ligne", "numero")
    par_cle = {ligne[cle_ligne]: ligne for ligne in lignes}
    for ecrite in cas["attendu"].get("lignes", ()):
        attendue = dict(ecrite)
        cle = attendue.pop(cle_ligne)
        montants = _decimal(attendue.pop("tolerance", tolerance))
        assert cle in par_cle, f"ligne {cle} absente du résultat"
        for champ, valeur in attendue.items():
            assert champ in par_cle[cle], f"ligne {cle} : colonne inconnue {champ}"
            comparer(valeur, par_cle[cle][champ], tol(champ, montants), f"ligne {cle}, {champ}")


def verifier_csv(cas: Cas, chemin: Path, rendu: str) -> None:
    """Les lignes du CSV attendu (exactes, colonne par colonne) contre le CSV rendu."""
    fichier = cas["attendu"].get("lignes_csv")
    if fichier is None:
        return
    with (chemin.parent / fichier).open(encoding="utf-8") as flux:
        attendues = list(csv.DictReader(flux))
    obtenues = list(csv.DictReader(io.StringIO(rendu)))
    assert len(obtenues) == len(attendues), (len(obtenues), len(attendues))
    for a, o in zip(attendues, obtenues, strict=True):
        assert o == a, f"ligne {a.get('numero')}"


# --- moteurs --------------------------------------------------------------------------------


def _ligne_de_pret(entree: dict[str, Any]) -> Any:
    from collectivites.prets import exemple_pret, pret_depuis_donnees

    if "exemple" in entree:
        pret = exemple_pret(entree["exemple"])
        return pret.ligne(entree["ligne"]) if "ligne" in entree else pret.lignes[0]
    ligne = dict(entree["ligne"])
    dossier = {"ligne": ligne}
    if "prefinancement" in ligne:  # [cas.entree.ligne.prefinancement] : la table du dossier
        dossier["prefinancement"] = ligne.pop("prefinancement")
    return pret_depuis_donnees(dossier).lignes[0]


def _index(entree: dict[str, Any]) -> Any:
    from collectivites.donnees import PointSerie, SerieDatee
    from collectivites.prets import serie_index

    index = entree.get("index", "emission")
    if index == "emission":
        return None
    if index == "historique":
        return serie_index(entree.get("serie", "livret_a"))
    return SerieDatee(
        nom="index du cas",
        points=tuple(PointSerie(date_effet=p["date"], valeur=_decimal(p["valeur"])) for p in index),
    )


def _pret_tableau(cas: Cas, chemin: Path) -> None:
    from collectivites.prets import calculer_tableau

    entree = cas["entree"]
    remboursements = {r["date"]: _decimal(r["montant"]) for r in entree.get("remboursements", ())}
    tableau = calculer_tableau(
        _ligne_de_pret(entree), index=_index(entree), remboursements=remboursements or None
    )
    faits = {
        "capital": tableau.capital,
        "interets_prefinancement": tableau.interets_prefinancement,
        "date_debut_amortissement": tableau.date_debut_amortissement,
        "nombre_echeances": len(tableau),
        "total_echeances": tableau.total_echeances,
        "total_amortissement": tableau.total_amortissement,
        "total_interets": tableau.total_interets,
        "total_interets_a_differer": tableau.total_interets_a_differer,
        "total_remboursements_anticipes": tableau.total_remboursements_anticipes,
    }
    verifier(cas, chemin, faits, [ligne._asdict() for ligne in tableau.lignes])
    verifier_csv(cas, chemin, str(tableau.rendre("csv")))


def _pret_teg(cas: Cas, chemin: Path) -> None:
    from collectivites.prets import calculer_teg

    entree = cas["entree"]
    resultat = calculer_teg(
        _ligne_de_pret(entree), commissions=_decimal(entree.get("commissions", "0"))
    )
    verifier(cas, chemin, {"teg": resultat.teg, "teg_affiche": resultat.teg_affiche}, [])


def _pret_remboursement(cas: Cas, chemin: Path) -> None:
    from collectivites.prets import CourbeZeroCoupon, rembourser_par_anticipation
    from collectivites.prets._remboursement import calendrier_remboursement

    entree = cas["entree"]
    ligne = _ligne_de_pret(entree)
    faits: dict[str, Any] = {}
    if any(cle.startswith("calendrier.") for cle in cas["attendu"]):
        calendrier = calendrier_remboursement(ligne, entree["date"])
        faits.update(
            (f"calendrier.{cle}", valeur)
            for cle, valeur in attrs.asdict(calendrier, recurse=False).items()
        )
    if "courbe" in entree:
        courbe = CourbeZeroCoupon(
            points=tuple((_decimal(m), _decimal(t)) for m, t in entree["courbe"])
        )
        montant = entree.get("montant")
        resultat = rembourser_par_anticipation(
            ligne,
            entree["date"],
            montant=None if montant is None else _decimal(montant),
            courbe=courbe,
        )
        faits.update(
            capital_restant_du=resultat.capital_restant_du,
            capital_rembourse=resultat.capital_rembourse,
            valeur_de_marche=resultat.valeur_de_marche,
            indemnite=resultat.indemnite,
            echeances_apres=len(resultat.tableau_apres),
        )
    verifier(cas, chemin, faits, [])


def _pret_moratoires(cas: Cas, chemin: Path) -> None:
    from collectivites.prets._moratoires import interets_moratoires

    entree = cas["entree"]
    options: dict[str, Any] = {}
    if "majoration" in entree:
        options["majoration"] = _decimal(entree["majoration"])
    if "base_jours" in entree:
        options["base_jours"] = entree["base_jours"]
    resultat = interets_moratoires(
        _decimal(entree["montant"]),
        entree["exigibilite"],
        entree["paiement"],
        index=_index(entree) or _index({"index": "historique"}),
        **options,
    )
    faits = {
        "interets": resultat.interets,
        "total_du": resultat.total_du,
        "exigibilite": resultat.exigibilite,
        "paiement": resultat.paiement,
    }
    lignes = [
        {"numero": rang, "debut": p.debut, "fin": p.fin, "base": p.base, "taux": p.taux}
        for rang, p in enumerate(resultat.periodes, start=1)
    ]
    for rang, (date, montant) in enumerate(resultat.capitalisations, start=1):
        faits[f"capitalisation_{rang}.date"] = date
        faits[f"capitalisation_{rang}.montant"] = montant
    faits["nombre_capitalisations"] = len(resultat.capitalisations)
    verifier(cas, chemin, faits, lignes)


def _delai(cas: Cas, chemin: Path) -> None:
    from collectivites.regles.delais import detailler_delai

    e = cas["entree"]
    detail = detailler_delai(
        e["depart"],
        e["duree"],
        regime=e.get("regime", "simple"),
        zone=e.get("zone", "metropole"),
        sens=e.get("sens", "apres"),
    )
    faits = {
        "date": detail.date,
        "date_brute": detail.date_brute,
        "dernier_jour_ouvre": str(detail.dernier_jour_ouvre),
    }
    verifier(cas, chemin, faits, [])


def _rsa_interets(cas: Cas, chemin: Path) -> None:
    from collectivites.donnees import SerieDatee
    from collectivites.regles.rsa import (
        Acompte,
        ConventionRsa,
        Paiement,
        calculer_interets_retard,
        exemple_rsa,
    )

    entree = cas["entree"]
    if "exemple" in entree:
        convention = exemple_rsa(entree["exemple"]).convention
    else:
        valeurs = dict(entree.get("convention", {}))
        for cle in ("majoration", "avance_tresorerie"):
            if cle in valeurs:
                valeurs[cle] = _decimal(valeurs[cle])
        convention = ConventionRsa(**valeurs)
    acomptes = [
        Acompte(
            mois=a["mois"],
            montant=_decimal(a["montant"]),
            paiements=tuple(
                Paiement(date=p["date"], montant=_decimal(p["montant"])) for p in a["paiements"]
            ),
        )
        for a in entree["acomptes"]
    ]
    estr = entree.get("estr_mensuels")
    resultat = calculer_interets_retard(
        convention,
        acomptes,
        date_arrete=entree.get("date_arrete"),
        estr_mensuels=None
        if estr is None
        else SerieDatee.depuis_valeurs("estr", {x["mois"]: _decimal(x["valeur"]) for x in estr}),
    )
    lignes = [
        {
            "numero": rang,
            "echeance": x.echeance,
            "jours_retard": x.jours_retard,
            "taux": x.taux,
            "interets": x.interets,
            "jours_par_part": " ".join(str(p.jours) for p in x.parts),
            "mois_de_reference": x.reference.mois if x.reference else None,
        }
        for rang, x in enumerate(resultat.lignes, start=1)
    ]
    faits = {
        "total_interets": resultat.total_interets,
        "total_a_facturer": resultat.total_a_facturer,
    }
    verifier(cas, chemin, faits, lignes)


def _rep_soutiens(cas: Cas, chemin: Path) -> None:
    from collectivites.regles.rep import CommuneRep, bareme_en_vigueur, calculer_soutiens

    e = cas["entree"]
    resultat = calculer_soutiens(
        bareme_en_vigueur(e.get("bareme", "alcome"), e["annee"]),
        e["annee"],
        communes=[CommuneRep(**c) for c in e.get("communes", ())],
        debut=e.get("debut"),
        penalites=e.get("penalites"),
    )
    faits = {
        "montant_brut": resultat.montant_brut,
        "total_penalites": resultat.total_penalites,
        "montant_net": resultat.montant_net,
        "total_penalites_avant_plafond": resultat.total_penalites_avant_plafond,
        "plafond": resultat.plafond,
        "plafond_atteint": resultat.plafond_atteint,
    }
    lignes = [
        {
            "numero": rang,
            "commune": c.commune,
            "typologie": c.typologie,
            "jours": c.jours,
            "jours_annee": c.jours_annee,
            "montant": c.montant,
        }
        for rang, c in enumerate(resultat.communes, start=1)
    ]
    verifier(cas, chemin, faits, lignes)


def _indemnites(cas: Cas, chemin: Path) -> None:
    from collectivites.regles.indemnites import (
        calculer_dossier_indemnites,
        exemple_indemnites,
        indemnites_depuis_donnees,
    )

    e = cas["entree"]
    if "exemple" in e:
        dossier = exemple_indemnites(e["exemple"])
    else:
        dossier = indemnites_depuis_donnees({"commune": e["commune"], "elus": e["elus"]})
    r = calculer_dossier_indemnites(dossier)
    faits = {
        "indice_majore": r.indice.indice_majore,
        "point_annuel": r.point.valeur_annuelle,
        "terme_de_reference": r.terme_de_reference,
        "taux_maire_max": r.taux_maire_max,
        "taux_adjoint_max": r.taux_adjoint_max,
        "adjoints_comptes": r.adjoints_comptes,
        "taux_enveloppe": r.taux_enveloppe,
        "enveloppe": r.enveloppe,
        "taux_alloues": r.taux_alloues,
        "total_indemnites": r.total_indemnites,
        "total_majorations": r.total_majorations,
        "total": r.total,
    }
    lignes = [
        {
            "numero": rang,
            "nom": x.nom,
            "fonction": x.fonction.value,
            "taux": x.taux,
            "indemnite": x.indemnite,
            "majoration": x.majoration,
            "total": x.total,
        }
        for rang, x in enumerate(r.lignes, start=1)
    ]
    verifier(cas, chemin, faits, lignes)


def _logement(cas: Cas, chemin: Path) -> None:
    from collectivites.regles.logement import (
        calculer_dossier_flux,
        exemple_flux,
        flux_depuis_donnees,
    )

    e = cas["entree"]
    if "exemple" in e:
        dossier = exemple_flux(e["exemple"])
    else:
        dossier = flux_depuis_donnees(
            {k: e[k] for k in ("convention", "bilan_precedent", "attributions") if k in e}
        )
    r = calculer_dossier_flux(dossier)
    faits = {
        "assiette": r.assiette,
        "flux_estime": r.flux_estime,
        "flux_annuel": r.flux_annuel,
        "flux_net": r.flux_net,
        "droits_estimes": r.droits_estimes,
        "droits": r.droits,
        "report": r.report,
        "objectif": r.objectif,
    }
    document = r.decrire()
    lignes = [
        {"numero": ligne, "ligne": ligne, "valeur": valeur}
        for ligne, _libelle, valeur, _calcul in document.tables[0].lignes
    ]
    verifier(cas, chemin, faits, lignes)


def _paiements(cas: Cas, chemin: Path) -> None:
    from tests.cas_paiements import executer_paiement

    executer_paiement(cas, chemin)


MOTEURS: dict[str, Callable[[Cas, Path], None]] = {
    "pret.tableau": _pret_tableau,
    "pret.teg": _pret_teg,
    "pret.remboursement": _pret_remboursement,
    "pret.moratoires": _pret_moratoires,
    "delai": _delai,
    "rsa.interets": _rsa_interets,
    "rep.soutiens": _rep_soutiens,
    "indemnites": _indemnites,
    "logement.flux": _logement,
    "paiements.retard": _paiements,
}


def executer(cas: Cas, chemin: Path) -> None:
    """Exécute un cas et compare son attendu."""
    for table in ("source", "entree", "attendu"):
        assert table in cas, f"table [{table}] absente"
    assert cas["source"].get("document"), "[source] : document absent"
    MOTEURS[cas["entree"]["moteur"]](cas, chemin)


def iterer() -> Iterator[tuple[str, Path, Cas]]:
    yield from tous_les_cas()
