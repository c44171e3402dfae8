"""Le lecteur de schémas (``chargement/_schema.py``), troisième passage de mutation (issue 27).

Ce que les deux premiers fichiers ne tenaient pas :

* la vérification « au centime » d'un montant de 35 chiffres significatifs : le montant tronqué
  au centime (mode ``ROUND_DOWN``) tient dans les 34 chiffres du contexte de calcul, alors qu'un
  arrondi au plus proche porterait « 99…9,999 » à « 100…0,00 » (35 chiffres) et lèverait
  ``decimal.InvalidOperation`` au lieu du refus en français ;
* la suggestion d'une clé inconnue quand plusieurs clés lui ressemblent : la plus proche, seule.

Les valeurs attendues découlent des règles écrites dans le module (docstrings) et de l'arithmétique
décimale, pas d'une sortie recopiée.
"""

from __future__ import annotations

from typing import Any

import pytest

from collectivites.chargement import OBLIGATOIRE, Cle, Montant, Schema, lire
from collectivites.erreurs import ErreurDossier


def _schema(*cles: Cle) -> Schema[Any]:
    return Schema(nom="essai", cles=cles, fabrique=dict)


def test_montant_de_35_chiffres_a_trois_decimales_refuse_en_francais() -> None:
    # 32 neuf avant la virgule, 3 après : 35 chiffres ; au centime par troncature, 34 chiffres
    valeur = "9" * 32 + ".999"
    with pytest.raises(ErreurDossier) as info:
        lire(_schema(Cle("x", Montant(maximum=None), OBLIGATOIRE)), {"x": valeur}, fichier="f.toml")
    erreur = info.value
    assert (erreur.message, erreur.cle, erreur.fichier) == (
        "un montant s'exprime au centime",
        "x",
        "f.toml",
    )
    assert erreur.valeur == valeur
    assert erreur.attendu == "au plus deux décimales"


def test_montant_de_34_chiffres_au_centime_accepte() -> None:
    valeur = "9" * 32 + ".99"  # 34 chiffres : la précision du contexte de calcul, exactement
    lu = lire(_schema(Cle("x", Montant(maximum=None), OBLIGATOIRE)), {"x": valeur})
    assert str(lu["x"]) == valeur


def test_cle_inconnue_suggere_la_plus_proche_seulement() -> None:
    # « montan » : ratio 2×6/13 ≈ 0,92 avec « montant », 2×6/14 ≈ 0,86 avec « montants »
    schema = _schema(
        Cle("montants", Montant(), None),
        Cle("montant", Montant(), None),
        Cle("mois", Montant(), None),
    )
    with pytest.raises(ErreurDossier) as info:
        lire(schema, {"montan": "1"}, fichier="f.toml")
    erreur = info.value
    assert erreur.message == "clé inconnue ; vouliez-vous dire « montant » ?"
    assert erreur.cle == "montan"
    assert erreur.attendu == "mois, montant, montants"
