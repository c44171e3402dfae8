"""L'API publique est explicite (``__all__`` trié) et figée par ce test."""

from __future__ import annotations

import importlib
import re
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
        "Ajustement",
        "JourFerie",
        "JoursFeries",
        "RegleFerie",
        "Zone",
        "ajouter_jours_ouvrables",
        "ajouter_jours_ouvres",
        "ajuster",
        "est_ferie",
        "est_jour_ouvrable",
        "est_jour_ouvre",
        "jours_feries",
        "liste_feries",
        "normaliser_zone",
        "zones",
    ],
    "collectivites.chargement": [
        "EXTENSIONS_CLASSEUR",
        "OBLIGATOIRE",
        "TAILLE_MAX_DONNEES",
        "TAILLE_MAX_DOSSIER",
        "Alternative",
        "Booleen",
        "Chargeur",
        "Choix",
        "Cle",
        "Converti",
        "Date",
        "Entier",
        "Identifiant",
        "Libre",
        "LigneCsv",
        "Liste",
        "Mois",
        "Montant",
        "Nombre",
        "Schema",
        "SousTable",
        "SousTables",
        "Taux",
        "Texte",
        "Type",
        "catalogue_des_exemples",
        "cle_unicite",
        "exemples_disponibles",
        "lire",
        "lire_cellule",
        "lire_csv",
        "lire_exemple",
        "lire_octets",
        "lire_texte",
        "lire_texte_tableur",
        "lire_toml",
        "lire_toml_texte",
        "normaliser_texte",
    ],
    "collectivites.donnees": [
        "VARIABLE_DOSSIER",
        "ApresDerniere",
        "EtatDonnees",
        "EtatSerie",
        "PointSerie",
        "SerieDatee",
        "SourceIndex",
        "VerificationFichier",
        "avertissements_de_source",
        "dossier_utilisateur",
        "etat_des_donnees",
        "fichier_livre",
        "fichiers_livres",
        "lire_csv_paquet",
        "lire_serie_csv",
        "lire_texte_paquet",
        "serie_livree",
        "series_livrees",
        "verifier_fichier",
    ],
    "collectivites.tables": [
        "Colonne",
        "Document",
        "Fait",
        "Genre",
        "Graphique",
        "Table",
        "colonnes",
        "faits",
    ],
    "collectivites.presentation": ["Description", "Presentable", "Recueil", "decrit"],
    "collectivites.rendu": ["FORMATS", "FORMATS_BINAIRES", "en_pandas", "en_polars", "rendre"],
    "collectivites.regles.delais": [
        "REGIMES",
        "SCHEMA_CONTRAT",
        "Agenda",
        "Contrat",
        "DepartObligation",
        "Duree",
        "Evenement",
        "ModeReconduction",
        "NatureEvenement",
        "Obligation",
        "Periode",
        "Reconduction",
        "Regime",
        "Resiliation",
        "ResultatDelai",
        "ResultatResiliation",
        "Sens",
        "Unite",
        "agenda",
        "calculer_delai",
        "calculer_delais",
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
        "SCHEMA_RSA",
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
        "RegleEcheance",
        "ResultatInterets",
        "ResultatNeutralite",
        "ResultatRegularisation",
        "TauxMensuel",
        "TauxReference",
        "avances_restantes",
        "calculer_interets_retard",
        "calculer_neutralite",
        "calculer_regularisation",
        "charger_rsa",
        "competences_lozere",
        "date_echeance",
        "eonia_mensuel_livre",
        "exemple_rsa",
        "instance_remise_dette",
        "plafond_avance",
        "rsa_depuis_donnees",
        "taux_reference_du_mois",
    ],
    "collectivites.regles.rep": [
        "SCHEMA_BAREME",
        "SCHEMA_REP",
        "Assiette",
        "Bareme",
        "CalendrierPaiement",
        "ClassementCommune",
        "CommuneRep",
        "Comparaison",
        "Critere",
        "DateCalendrier",
        "DossierRep",
        "EtapeCalendrier",
        "Indicateur",
        "LigneCommune",
        "LigneMatiere",
        "LignePenalite",
        "NaturePenalite",
        "Penalite",
        "Ponderation",
        "ResultatSoutiens",
        "ResultatTropPercu",
        "TarifTonne",
        "TexteBareme",
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
        "charger_rep",
        "classer_commune",
        "enlevement_possible",
        "exemple_rep",
        "interet_legal",
        "remboursement_trop_percu",
        "rep_depuis_donnees",
    ],
    "collectivites.regles.indemnites": [
        "SCHEMA_ECRETEMENT",
        "SCHEMA_INDEMNITES",
        "BaremeAssemblee",
        "BaremeCommunal",
        "Commune",
        "Departement",
        "DossierEcretement",
        "DossierIndemnites",
        "Elu",
        "Epci",
        "Fonction",
        "IndiceTerminal",
        "LigneAssemblee",
        "LigneEcretement",
        "LigneElu",
        "Majoration",
        "Mandat",
        "NatureEpci",
        "PointIndice",
        "References",
        "Region",
        "ResultatAssemblee",
        "ResultatEcretement",
        "ResultatIndemnites",
        "calculer_dossier_ecretement",
        "calculer_dossier_indemnites",
        "calculer_indemnites",
        "charger_ecretement",
        "charger_indemnites",
        "ecretement_depuis_donnees",
        "ecreter",
        "exemple_ecretement",
        "exemple_indemnites",
        "indemnites_depuis_donnees",
        "references_indemnites",
    ],
    "collectivites.regles.logement": [
        "PART_PRIORITAIRES",
        "SCHEMA_FLUX",
        "Attributions",
        "BilanPrecedent",
        "ConventionFlux",
        "Deductions",
        "DossierFlux",
        "ResultatFlux",
        "arrondir_logements",
        "calculer_dossier_flux",
        "calculer_droits",
        "charger_flux",
        "exemple_flux",
        "flux_depuis_donnees",
        "plafond_sanction",
    ],
    "collectivites.regles.paiements": [
        "DELAI_PAIEMENT_INTERETS",
        "INDEMNITE_FORFAITAIRE",
        "JOURS_ANNEE",
        "MAJORATION",
        "NOUVEAU_DELAI_INTERRUPTION",
        "SCHEMA_FACTURE",
        "CategorieAcheteur",
        "Etape",
        "Facture",
        "MandatLu",
        "ResultatRegistre",
        "ResultatRetard",
        "calculer_registre",
        "calculer_retard_paiement",
        "charger_facture",
        "debut_du_semestre",
        "facture_depuis_donnees",
        "lire_registre",
        "taux_interets_moratoires",
    ],
    "collectivites.prets": [
        "COLONNES_PORTEFEUILLE",
        "SCHEMA_PRET",
        "Agregation",
        "AnneeProjection",
        "BaseCalcul",
        "CalendrierRemboursement",
        "CasObligatoire",
        "Conversion",
        "CourbeZeroCoupon",
        "Ecart",
        "Garant",
        "IndexDecale",
        "IndexFige",
        "LigneDePret",
        "LigneTableau",
        "ModeCalcul",
        "MoteurCalcul",
        "NatureScenario",
        "Periodicite",
        "Prefinancement",
        "Pret",
        "Profil",
        "Projection",
        "ReglementPrefinancement",
        "ResultatChangementIndex",
        "ResultatMoratoires",
        "ResultatRapprochement",
        "ResultatRemboursement",
        "ResultatTeg",
        "Revision",
        "Scenario",
        "TableauAmortissement",
        "Versement",
        "calculer_tableau",
        "calculer_teg",
        "calendrier_remboursement",
        "changer_index",
        "charger_ligne",
        "charger_pret",
        "convertir_en_parquet",
        "date_debut_amortissement",
        "date_paiement",
        "dates_echeances",
        "ecart",
        "exemple_pret",
        "indemnite_obligatoire",
        "index_disponibles",
        "interets_moratoires",
        "lire_courbe_csv",
        "lire_index_csv",
        "lire_portefeuille",
        "lire_tableau_a_rapprocher",
        "modele_portefeuille",
        "pret_depuis_donnees",
        "projeter",
        "projeter_fichiers",
        "projeter_fichiers_scenarios",
        "projeter_scenarios",
        "prolonger",
        "rapprocher",
        "rembourser_par_anticipation",
        "scenario",
        "serie_index",
    ],
    "collectivites.prets.rouages": [
        "EnsembleCles",
        "Fusion",
        "ProjectionPartielle",
        "SourceIndex",
        "achever",
        "fusionner",
        "garants_de",
        "projeter_ligne",
        "projeter_partie",
        "projeter_sous_scenarios",
        "reunir",
    ],
    "collectivites.dette": [
        "CATEGORIES",
        "CODES_ANOMALIES",
        "Agregat",
        "Anomalie",
        "Collectivite",
        "ComparaisonExercice",
        "Controle",
        "ControleAnnexe",
        "DocumentBudgetaire",
        "ElementsRatio",
        "EmpruntAnnexe",
        "EmpruntEcarte",
        "EtatDette",
        "ExportPortefeuille",
        "Operation",
        "ProjetGarantie",
        "RatioGaranties",
        "ReglesGaranties",
        "VerificationGarantie",
        "controler_annexe_dette",
        "documents_exemples",
        "etat_de_la_dette",
        "exemple_document",
        "exporter_portefeuille",
        "lire_document_budgetaire",
        "ratio_garanties",
        "regles_garanties",
        "verifier_garantie",
    ],
    "collectivites.web": ["application", "servir"],
}


#: Les anciens noms encore importables, avec un ``DeprecationWarning`` : module → ancien nom →
#: (module, nom à employer).
DEPRECIES: dict[str, dict[str, tuple[str, str]]] = {
    "collectivites.prets": {
        nom: ("collectivites.prets.rouages", nom)
        for nom in (
            "EnsembleCles",
            "ProjectionPartielle",
            "SourceIndex",
            "achever",
            "fusionner",
            "garants_de",
            "projeter_ligne",
            "projeter_partie",
        )
    },
    "collectivites.chargement": {
        "Table": ("collectivites.chargement", "SousTable"),
        "Tables": ("collectivites.chargement", "SousTables"),
    },
    "collectivites.regles.rsa": {
        "charger_dossier_rsa": ("collectivites.regles.rsa", "charger_rsa"),
        "dossier_rsa_depuis_donnees": ("collectivites.regles.rsa", "rsa_depuis_donnees"),
    },
    "collectivites.regles.logement": {
        "charger_convention_flux": ("collectivites.regles.logement", "charger_flux"),
        "convention_flux_depuis_donnees": ("collectivites.regles.logement", "flux_depuis_donnees"),
    },
    "collectivites.regles.rep": {
        "Commune": ("collectivites.regles.rep", "CommuneRep"),
        "ResultatRemboursement": ("collectivites.regles.rep", "ResultatTropPercu"),
        "charger_dossier_rep": ("collectivites.regles.rep", "charger_rep"),
        "dossier_rep_depuis_donnees": ("collectivites.regles.rep", "rep_depuis_donnees"),
    },
    "collectivites.regles.indemnites": {
        "Bareme": ("collectivites.regles.indemnites", "BaremeCommunal"),
        "charger_dossier_ecretement": ("collectivites.regles.indemnites", "charger_ecretement"),
        "charger_dossier_indemnites": ("collectivites.regles.indemnites", "charger_indemnites"),
        "dossier_ecretement_depuis_donnees": (
            "collectivites.regles.indemnites",
            "ecretement_depuis_donnees",
        ),
        "dossier_indemnites_depuis_donnees": (
            "collectivites.regles.indemnites",
            "indemnites_depuis_donnees",
        ),
    },
}


@pytest.mark.parametrize(
    ("module", "ancien"), [(m, a) for m, anciens in DEPRECIES.items() for a in anciens]
)
def test_anciens_noms_deprecies(module: str, ancien: str) -> None:
    """Un nom qui a changé de place ou de nom s'importe encore de l'ancienne, avec un
    avertissement qui dit où le prendre ; il n'est plus dans ``__all__`` ni dans ``dir()``."""
    cible, nouveau = DEPRECIES[module][ancien]
    mod = importlib.import_module(module)
    with pytest.warns(DeprecationWarning, match=re.escape(f"« {cible}.{nouveau} »")):
        valeur = getattr(mod, ancien)
    assert valeur is getattr(importlib.import_module(cible), nouveau)
    assert ancien not in mod.__all__
    assert ancien not in dir(mod)
    with pytest.warns(DeprecationWarning, match="déprécié"):  # chaque accès avertit
        getattr(mod, ancien)


def test_nom_inconnu_sans_avertissement() -> None:
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for module in DEPRECIES:
            with pytest.raises(AttributeError):
                _ = importlib.import_module(module).nom_qui_n_existe_pas


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


def test_ligne_de_commande_demarre_sans_les_moteurs() -> None:
    """``collectivites --version`` (et l'analyse des options de toute commande) ne charge ni
    attrs, ni un moteur, ni de quoi écrire un fichier : chaque commande importe ce qu'elle
    emploie au moment de s'exécuter (démarrage à froid ≤ 100 ms, voir le banc des prêts)."""
    code = (
        "import sys, collectivites.cli as c; c.main(['--version']); "
        "print(sorted(m for m in ('attrs', 'attr', 'dateutil', 'pathlib', 'tempfile', "
        "'collectivites.prets', 'collectivites.regles', 'collectivites.chargement') "
        "if m in sys.modules))"
    )
    sortie = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    version = importlib.import_module("collectivites").__version__
    assert sortie.splitlines() == [f"collectivites {version}", "[]"]
