"""Entrées hostiles des commandes ``paiement retard`` et ``paiement registre`` : chacune doit
être refusée proprement (code 2, message en français, rien sur la sortie standard). Voir
``tests/hostiles.py`` pour la forme d'un cas."""

from __future__ import annotations

from tests.hostiles import Cas, _fichiers, _remplacements

FACTURE = """[facture]
numero = "F-1"
montant = "10 000,00"
date_reception = 2024-07-01
date_mise_en_paiement = 2024-08-20
"""

ENTETE = (
    "numero;fournisseur;montant;date_reception;interruption_debut;interruption_fin;"
    "date_mise_en_paiement\n"
)


def _retard() -> list[Cas]:
    commande = ["paiement", "retard"]
    cas = [(f"paiement-retard/{nom}", argv, f) for nom, argv, f in _fichiers(commande)]
    paires = [
        (
            "paiement-avant-reception",
            "date_mise_en_paiement = 2024-08-20",
            "date_mise_en_paiement = 2024-06-01",
        ),
        ("montant-negatif", 'montant = "10 000,00"', 'montant = "-10,00"'),
        ("montant-flottant", 'montant = "10 000,00"', "montant = 10000.5"),
        ("montant-millimes", 'montant = "10 000,00"', 'montant = "10,001"'),
        (
            "interruption-sans-fin",
            "date_reception = 2024-07-01",
            "date_reception = 2024-07-01\ninterruption_debut = 2024-07-05",
        ),
        (
            "interruption-a-l-envers",
            "date_reception = 2024-07-01",
            "date_reception = 2024-07-01\ninterruption_debut = 2024-07-10\n"
            "interruption_fin = 2024-07-05",
        ),
        (
            "interruption-apres-le-delai",
            "date_reception = 2024-07-01",
            "date_reception = 2024-07-01\ninterruption_debut = 2024-08-05\n"
            "interruption_fin = 2024-08-06",
        ),
        ("categorie-inconnue", 'numero = "F-1"', 'numero = "F-1"\ncategorie = "mairie-annexe"'),
        ("delai-excessif", 'numero = "F-1"', 'numero = "F-1"\ndelai_jours = 90'),
        ("cle-inconnue", 'numero = "F-1"', 'numero = "F-1"\ntaux = "12 %"'),
        ("sans-reception", "date_reception = 2024-07-01\n", ""),
        ("date-impossible", "date_reception = 2024-07-01", 'date_reception = "2024-02-30"'),
        ("date-hors-calendrier", "date_reception = 2024-07-01", "date_reception = 1789-07-14"),
    ]
    cas += [(f"paiement-retard/{n}", a, f) for n, a, f in _remplacements(FACTURE, paires, commande)]
    cas.append(("paiement-retard/exemple", [*commande, "--exemple", "facture"], {}))
    return cas


def _registre() -> list[Cas]:
    commande = ["paiement", "registre"]
    cible = "{d}/m.csv"
    cas = [(f"paiement-registre/{nom}", argv, f) for nom, argv, f in _fichiers(commande, "csv")]
    lignes = {
        "paiement-avant-reception": "M1;A;1 000,00;01/07/2024;;;01/06/2024\n",
        "interruption-a-l-envers": "M1;A;1 000,00;01/07/2024;10/07/2024;05/07/2024;20/08/2024\n",
        "interruption-apres-le-delai": "M1;A;1000;01/07/2024;05/08/2024;06/08/2024;20/08/2024\n",
        "montant-negatif": "M1;A;-1 000,00;01/07/2024;;;20/08/2024\n",
        "montant-texte": "M1;A;mille;01/07/2024;;;20/08/2024\n",
        "montant-point-milliers": "M1;A;1.000,50;01/07/2024;;;20/08/2024\n",
        "numero-en-double": "M1;A;10,00;01/07/2024;;;20/08/2024\n"
        "M1;B;10,00;01/07/2024;;;20/08/2024\n",
        "date-illisible": "M1;A;10,00;1er juillet;;;20/08/2024\n",
        "sans-paiement": "M1;A;10,00;01/07/2024;;;\n",
        "cellules-en-trop": "M1;A;10,00;01/07/2024;;;20/08/2024;x;y\n",
    }
    cas += [
        (f"paiement-registre/{nom}", [*commande, cible], {"m.csv": ENTETE + ligne})
        for nom, ligne in lignes.items()
    ]
    cas += [
        (
            "paiement-registre/colonne-inconnue",
            [*commande, cible],
            {"m.csv": "numero;montant;date_recption;date_mise_en_paiement\n"},
        ),
        (
            "paiement-registre/sans-reception",
            [*commande, cible],
            {"m.csv": "numero;montant;date_mise_en_paiement\nM1;1;2024-01-01\n"},
        ),
        (
            "paiement-registre/categorie",
            [*commande, cible, "--categorie", "hopital"],
            {"m.csv": ENTETE},
        ),
        (
            "paiement-registre/xlsx-sans-sortie",
            [*commande, cible, "--format", "xlsx"],
            {"m.csv": ENTETE},
        ),
        (
            "paiement-registre/faux-classeur",
            [*commande, "{d}/m.xlsx"],
            {"m.xlsx": "pas un classeur"},
        ),
    ]
    return cas


def cas() -> list[Cas]:
    return [*_retard(), *_registre()]
