"""Le moteur ``paiements.retard`` des cas en données (``tests/cas/paiements/*.toml``) : une
demande de paiement écrite comme dans un dossier (``[cas.entree.facture]``), comparée sur ses
chiffres clés et sur les articles cités par ses étapes (lignes ``numero`` = rang de l'étape)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

Cas = dict[str, Any]


def executer_paiement(cas: Cas, chemin: Path) -> None:
    from collectivites.regles.paiements import calculer_retard_paiement, facture_depuis_donnees
    from tests.cas_moteurs import verifier

    facture = facture_depuis_donnees({"facture": cas["entree"]["facture"]})
    r = calculer_retard_paiement(facture)
    faits = {
        "depart": r.depart,
        "fin_delai": r.fin_delai,
        "jours_retard": r.jours_retard,
        "taux_bce": r.taux_bce,
        "taux": r.taux,
        "semestre": r.semestre,
        "interets": r.interets,
        "indemnite": r.indemnite,
        "indemnite_complementaire": r.indemnite_complementaire,
        "interets_complementaires": r.interets_complementaires,
        "jours_ordonnateur": r.jours_ordonnateur,
        "jours_comptable": r.jours_comptable,
        "interets_comptable": r.interets_comptable,
        "total_du": r.total_du,
    }
    lignes = [
        {"numero": rang, "reference": e.reference, "valeur": e.valeur}
        for rang, e in enumerate(r.etapes, start=1)
    ]
    verifier(cas, chemin, faits, lignes)
