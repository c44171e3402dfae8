"""L'API publique est explicite (``__all__`` trié) et figée par ce test."""

from __future__ import annotations

import importlib
import subprocess
import sys

import pytest

API = {
    "collectivites": [
        "ErreurCollectivites",
        "ErreurDonnees",
        "ErreurDossier",
        "ErreurPlugin",
        "ErreurType",
        "ErreurValeur",
        "__version__",
    ],
    "collectivites.calendrier": [
        "ANNEE_MAX",
        "ANNEE_MIN",
        "CONVENTIONS",
        "JourFerie",
        "RegleFerie",
        "Zone",
        "ajouter_jours_ouvrables",
        "ajouter_jours_ouvres",
        "ajuster",
        "est_ferie",
        "est_jour_ouvrable",
        "est_jour_ouvre",
        "jours_feries",
        "normaliser_zone",
        "zones",
    ],
    "collectivites.regles.delais": [
        "REGIMES",
        "SENS",
        "Contrat",
        "Duree",
        "Evenement",
        "Obligation",
        "Periode",
        "Reconduction",
        "Regime",
        "Resiliation",
        "ResultatDelai",
        "ResultatResiliation",
        "Unite",
        "agenda",
        "agenda_csv",
        "agenda_ics",
        "agenda_json",
        "agenda_texte",
        "calculer_delai",
        "charger_contrat",
        "contrat_depuis_donnees",
        "date_effet_resiliation",
        "date_limite_resiliation",
        "detailler_delai",
        "exemple_contrat",
        "lire_duree",
        "periodes",
    ],
    "collectivites.regles.rsa": [
        "ECART_EONIA_ESTR",
        "ECHEANCES",
        "REPORTS",
        "Acompte",
        "Competence",
        "ConventionRsa",
        "DossierRsa",
        "Flux",
        "JourTresorerie",
        "LigneInterets",
        "Operation",
        "Paiement",
        "PartRetard",
        "PlafondsAvance",
        "ResultatInterets",
        "ResultatNeutralite",
        "ResultatRegularisation",
        "TauxMensuel",
        "calculer_interets_retard",
        "calculer_neutralite",
        "calculer_regularisation",
        "charger_dossier_rsa",
        "competences_lozere",
        "date_echeance",
        "dossier_rsa_depuis_donnees",
        "eonia_mensuel_livre",
        "exemple_rsa",
        "instance_remise_dette",
        "plafond_avance",
        "rendre_interets",
        "rendre_neutralite",
        "rendre_regularisation",
        "taux_reference_du_mois",
    ],
    "collectivites.regles.rep": [
        "Bareme",
        "Commune",
        "Critere",
        "DateCalendrier",
        "DossierRep",
        "EtapeCalendrier",
        "LigneCommune",
        "LigneMatiere",
        "LignePenalite",
        "Penalite",
        "Ponderation",
        "ResultatRemboursement",
        "ResultatSoutiens",
        "TarifTonne",
        "Tonnage",
        "Typologie",
        "bareme_depuis_toml",
        "bareme_en_vigueur",
        "baremes_disponibles",
        "baremes_livres",
        "calculer_dossier_rep",
        "calculer_soutiens",
        "calendrier_paiement",
        "cendriers_de_poche",
        "charger_dossier_rep",
        "classer_commune",
        "dossier_rep_depuis_donnees",
        "enlevement_possible",
        "exemple_rep",
        "interet_legal",
        "remboursement_trop_percu",
        "rendre_calendrier",
        "rendre_soutiens",
    ],
    "collectivites.prets": [
        "COLONNES_CSV",
        "BaseCalcul",
        "Garant",
        "IndexFige",
        "LigneDePret",
        "LigneTableau",
        "ModeCalcul",
        "Periodicite",
        "Prefinancement",
        "Pret",
        "Profil",
        "ReglementPrefinancement",
        "Revision",
        "SourceIndex",
        "TableauAmortissement",
        "calculer_tableau",
        "charger_ligne",
        "charger_pret",
        "date_debut_amortissement",
        "date_paiement",
        "dates_echeances",
        "exemple_pret",
        "index_disponibles",
        "lire_index_csv",
        "prolonger",
        "serie_index",
        "tableau_csv",
        "tableau_html",
        "tableau_json",
        "tableau_texte",
        "tableau_xlsx",
    ],
}


@pytest.mark.parametrize("module", list(API))
def test_all_fige_et_trie(module: str) -> None:
    mod = importlib.import_module(module)
    assert list(mod.__all__) == API[module]
    assert list(mod.__all__) == sorted(mod.__all__, key=lambda n: (not n.isupper(), n)) or (
        list(mod.__all__) == sorted(mod.__all__)
    )
    for nom in mod.__all__:
        assert hasattr(mod, nom), nom


def test_import_leger() -> None:
    """``import collectivites`` ne charge ni les moteurs ni dateutil."""
    code = (
        "import sys, collectivites; "
        "print(sorted(m for m in sys.modules if m.startswith(('collectivites.', 'dateutil'))))"
    )
    sortie = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert sortie.strip() == "['collectivites.erreurs']"
