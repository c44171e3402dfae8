"""Dossier d'une demande de paiement (TOML).

```toml
[facture]
numero = "F-2025-0142"
fournisseur = "Entreprise Martin"
montant = "12 000,00"                 # somme due en principal, TTC
categorie = "collectivite"            # etat, sante, entreprise_publique
date_reception = 2025-03-03           # ou date_demande (+ 2 jours : R2192-14)
date_service_fait = 2025-03-10        # facultatif : départ s'il est postérieur (R2192-12)
interruption_debut = 2025-03-20       # facultatif : notification de l'interruption
interruption_fin = 2025-04-02         # facultatif : réception de toutes les pièces
date_reception_mandat = 2025-05-02    # facultatif : partage ordonnateur / comptable
date_mise_en_paiement = 2025-05-15
date_paiement_interets = 2025-08-01   # facultatif : intérêts payés après 45 jours (R2192-36)
frais_recouvrement = "120,00"         # facultatif : frais justifiés (L2192-13)
delai_jours = 30                      # facultatif : délai stipulé, au plus le réglementaire
```
"""

from __future__ import annotations

from typing import Any

from collectivites.chargement import (
    Chargeur,
    Choix,
    Cle,
    Date,
    Entier,
    Montant,
    Schema,
    SousTable,
    Texte,
)
from collectivites.regles.paiements._modeles import CategorieAcheteur, Facture

__all__ = ["SCHEMA_FACTURE", "charger_facture", "facture_depuis_donnees"]

FACTURE = Schema(
    nom="demande de paiement",
    cles=(
        Cle("numero", Texte(), aide="numéro de la facture ou du mandat"),
        Cle("fournisseur", Texte(vide=True), "", "créancier"),
        Cle("montant", Montant(strict=True), aide="somme due en principal (TTC)"),
        Cle("categorie", Choix(CategorieAcheteur), CategorieAcheteur.COLLECTIVITE, "acheteur"),
        Cle("date_reception", Date(), None, "réception de la demande (R2192-12)"),
        Cle("date_demande", Date(), None, "date de la demande, si la réception n'est pas datée"),
        Cle("date_service_fait", Date(), None, "exécution des prestations"),
        Cle("interruption_debut", Date(), None, "notification de l'interruption (R2192-28)"),
        Cle("interruption_fin", Date(), None, "réception de toutes les pièces (R2192-29)"),
        Cle("date_reception_mandat", Date(), None, "réception de l'ordre de payer (comptable)"),
        Cle("date_mise_en_paiement", Date(), aide="mise en paiement du principal"),
        Cle("date_paiement_interets", Date(), None, "mise en paiement des intérêts"),
        Cle("frais_recouvrement", Montant(), None, "frais de recouvrement justifiés"),
        Cle("delai_jours", Entier(1, 60), None, "délai stipulé par le marché"),
    ),
    fabrique=lambda v: Facture(**v),
)


def _dossier(v: dict[str, Any]) -> Facture:
    facture: Facture = v["facture"]
    return facture


#: Schéma d'un dossier de demande de paiement.
SCHEMA_FACTURE = Schema(
    nom="dossier de demande de paiement",
    cles=(Cle("facture", SousTable(FACTURE), aide="la demande de paiement"),),
    fabrique=_dossier,
)

_CHARGEUR = Chargeur(SCHEMA_FACTURE)
#: Construit une demande depuis des données déjà lues (TOML, JSON).
facture_depuis_donnees = _CHARGEUR.depuis_donnees
#: Lit une demande de paiement depuis un fichier TOML.
charger_facture = _CHARGEUR.charger
