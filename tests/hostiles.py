"""Entrées hostiles, par sous-commande : chacune doit être refusée proprement (code 2, message en
français, jamais de trace de pile, jamais de résultat). Partagées par ``tests/test_hostiles.py``
et par ``benchmarks/hostiles.py``, qui compte les refus propres.

Un cas est ``(nom, argv, fichiers)`` : ``fichiers`` associe un nom de fichier (créé dans un
répertoire temporaire) à son contenu (``str``, ``bytes``, ou un marqueur : ``"<fifo>"``,
``"<repertoire>"``, ``"<creux:N>"`` pour un fichier creux de N octets). Dans ``argv``, ``{d}``
désigne ce répertoire.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

Cas = tuple[str, list[str], dict[str, str | bytes]]

LIGNE = """[ligne]
identifiant = "L1"
montant = "100000.00"
date_debut_amortissement = 2020-01-01
duree = 20
periodicite = "annuelle"
index = "livret_a"
valeur_index_reference = "0,75 %"
marge = "0,60 %"
taux_interet = "1,35 %"
profil = "amortissement_deduit_interets_differes"
revision = "DL"
taux_progressivite = "0,50 %"
taux_plancher_progressivite = "0 %"
"""

CONTRAT = """[contrat]
nom = "Marché"
date_effet = 2024-01-01
duree = "1 an"
[contrat.resiliation]
preavis = "3 mois"
[[obligations]]
libelle = "Bilan"
annuelle = "06-30"
"""

RSA = """[convention]
avance_tresorerie = "100000.00"
[[acomptes]]
mois = "2019-01"
montant = "1000.00"
paiements = [{ date = 2019-02-05, montant = "1000.00" }]
"""

INDEMNITES = """[commune]
nom = "Oraison"
population = 6300
date = 2023-12-01
majorations = ["chef-lieu de canton"]
[[elus]]
nom = "Maire"
fonction = "maire"
taux = "55 %"
delegation = true
[[elus]]
nom = "Adjoint"
fonction = "adjoint"
taux = "21 %"
delegation = true
"""

LOGEMENT = """[convention]
bailleur = "Unicil"
reservataire = "Mairie d'Oraison"
annee = 2024
logements_rpls = 116
logements_exclus = 0
taux_rotation = "6,90 %"
taux_reservation = "12,9 %"
[convention.deductions]
mutations_internes = 0
"""

REP = """[dossier]
bareme = "alcome"
annee = 2023
[[communes]]
nom = "Oraison"
population = 6300
"""


def _remplacements(
    base: str, paires: list[tuple[str, str, str]], commande: list[str]
) -> Iterator[Cas]:
    for nom, avant, apres in paires:
        assert avant in base, avant
        yield nom, [*commande, "{d}/dossier.toml"], {"dossier.toml": base.replace(avant, apres, 1)}


def _fichiers(commande: list[str], extension: str = "toml") -> Iterator[Cas]:
    cible = f"{{d}}/f.{extension}"
    yield "absent", [*commande, "{d}/absent." + extension], {}
    yield "vide", [*commande, cible], {f"f.{extension}": ""}
    yield "binaire", [*commande, cible], {f"f.{extension}": b"\x00\x01\x02PK\x03\x04" * 100}
    yield (
        "latin-1",
        [*commande, cible],
        {f"f.{extension}": 'nom = "Orl\xe9ans"\n'.encode("latin-1")},
    )
    yield "repertoire", [*commande, "{d}/rep"], {"rep": "<repertoire>"}
    yield "tube", [*commande, "{d}/tube"], {"tube": "<fifo>"}
    yield "peripherique", [*commande, "/dev/zero"], {}
    yield "enorme", [*commande, cible], {f"f.{extension}": "<creux:300000000>"}
    yield "toml-invalide", [*commande, cible], {f"f.{extension}": "[ligne\nmontant = \n"}
    yield "imbrication", [*commande, cible], {f"f.{extension}": "a = " + "[" * 5000 + "]" * 5000}
    yield "table-racine-vide", [*commande, cible], {f"f.{extension}": "x = 1\n"}


def cas_pret_tableau() -> Iterator[Cas]:
    commande = ["pret", "tableau"]
    for nom, argv, fichiers in _fichiers(commande):
        yield f"pret-tableau/{nom}", argv, fichiers
    paires = [
        ("montant-flottant", 'montant = "100000.00"', "montant = 100000.5"),
        ("montant-booleen", 'montant = "100000.00"', "montant = true"),
        ("montant-liste", 'montant = "100000.00"', 'montant = ["1"]'),
        ("montant-sous-centime", 'montant = "100000.00"', 'montant = "100000.005"'),
        ("montant-negatif", 'montant = "100000.00"', 'montant = "-5"'),
        ("montant-nul", 'montant = "100000.00"', 'montant = "0"'),
        ("montant-exposant", 'montant = "100000.00"', 'montant = "1E+999999"'),
        ("montant-nan", 'montant = "100000.00"', 'montant = "NaN"'),
        ("montant-infini", 'montant = "100000.00"', 'montant = "inf"'),
        ("montant-chiffres-arabes", 'montant = "100000.00"', 'montant = "١٠٠٠"'),
        ("montant-demesure", 'montant = "100000.00"', 'montant = "1e15"'),
        ("duree-texte", "duree = 20", 'duree = "20"'),
        ("duree-nulle", "duree = 20", "duree = 0"),
        ("duree-negative", "duree = 20", "duree = -3"),
        ("duree-enorme", "duree = 20", "duree = 99999999999"),
        ("duree-flottante", "duree = 20", "duree = 20.0"),
        ("periodicite-inconnue", 'periodicite = "annuelle"', 'periodicite = "bimensuelle"'),
        ("periodicite-nombre", 'periodicite = "annuelle"', "periodicite = 12"),
        ("index-inconnu", 'index = "livret_a"', 'index = "livreta"'),
        ("index-vide", 'index = "livret_a"', 'index = ""'),
        ("taux-nu", 'marge = "0,60 %"', 'marge = "0,60"'),
        ("taux-flottant", 'marge = "0,60 %"', "marge = 0.006"),
        ("taux-absurde-haut", 'taux_interet = "1,35 %"', 'taux_interet = "1000 %"'),
        ("taux-absurde-bas", 'marge = "0,60 %"', 'marge = "-150 %"'),
        ("taux-incoherent", 'taux_interet = "1,35 %"', 'taux_interet = "1,40 %"'),
        (
            "progressivite-sous-plancher",
            'taux_progressivite = "0,50 %"',
            'taux_progressivite = "-0,50 %"',
        ),
        (
            "profil-inconnu",
            'profil = "amortissement_deduit_interets_differes"',
            'profil = "linéaire"',
        ),
        ("revision-inconnue", 'revision = "DL"', 'revision = "DX"'),
        (
            "date-texte",
            "date_debut_amortissement = 2020-01-01",
            'date_debut_amortissement = "01/13/2020"',
        ),
        (
            "date-heure",
            "date_debut_amortissement = 2020-01-01",
            "date_debut_amortissement = 2020-01-01T10:00:00",
        ),
        (
            "date-hors-calendrier",
            "date_debut_amortissement = 2020-01-01",
            "date_debut_amortissement = 1800-01-01",
        ),
        (
            "date-an-9999",
            "date_debut_amortissement = 2020-01-01",
            "date_debut_amortissement = 9999-01-01",
        ),
        ("cle-inconnue", "duree = 20", "duree = 20\ndurée = 20"),
        ("cle-sosie-cyrillique", "duree = 20", "duree = 20\nmоntant = 1"),
        ("identifiant-controle", 'identifiant = "L1"', 'identifiant = "L1\\u0007"'),
        ("identifiant-retour-ligne", 'identifiant = "L1"', 'identifiant = "L1\\nL2"'),
        ("identifiant-trop-long", 'identifiant = "L1"', 'identifiant = "' + "x" * 200 + '"'),
        ("differe-non-multiple", "duree = 20", "duree = 20\ndiffere_amortissement_mois = 5"),
        ("differe-capitalise-sans-differe", "duree = 20", "duree = 20\ndiffere_capitalise = true"),
        ("differe-trop-long", "duree = 20", "duree = 2\ndiffere_amortissement_mois = 24"),
        (
            "versement-flottant",
            "duree = 20",
            "duree = 20\nversements = [{ date = 2019-01-01, montant = 5.5 }]",
        ),
        (
            "versements-excessifs",
            "duree = 20",
            'duree = 20\nversements = [{ date = 2019-01-01, montant = "200000.00" }]',
        ),
        (
            "versements-en-double",
            "duree = 20",
            'duree = 20\nversements = [{ date = 2019-01-01, montant = "1.00" }, { date = 2019-01-01, montant = "1.00" }]',
        ),
        (
            "versement-tardif",
            "duree = 20",
            'duree = 20\nversements = [{ date = 2030-01-01, montant = "1.00" }]',
        ),
        (
            "garant-quotite-nue",
            "duree = 20",
            'duree = 20\n[[ligne.garants]]\nnom = "X"\nquotite = "100"',
        ),
        (
            "garants-incomplets",
            "duree = 20",
            'duree = 20\n[[ligne.garants]]\nnom = "X"\nquotite = "60 %"',
        ),
        (
            "garants-en-double",
            "duree = 20",
            'duree = 20\n[[ligne.garants]]\nnom = "X"\nquotite = "50 %"\n[[ligne.garants]]\nnom = "X\\u00a0"\nquotite = "50 %"',
        ),
        ("prefinancement-trop-long", "duree = 20", "duree = 20\n[prefinancement]\nduree_mois = 36"),
        (
            "prefinancement-capitalise-court",
            "duree = 20",
            'duree = 20\n[prefinancement]\nduree_mois = 6\nreglement_interets = "capitalisation"',
        ),
        ("constante-avec-sr", 'revision = "DL"', 'revision = "SR"\nconstante_revision = "1.048"'),
        ("constante-pourcentage", "duree = 20", 'duree = 20\nconstante_revision = "4,8 %"'),
        ("constante-absurde", "duree = 20", 'duree = 20\nconstante_revision = "4.8"'),
        ("constante-flottante", "duree = 20", "duree = 20\nconstante_revision = 1.048"),
        ("constante-trop-precise", "duree = 20", 'duree = 20\nconstante_revision = "1.048001"'),
        ("sans-date", "date_debut_amortissement = 2020-01-01\n", ""),
        ("sans-marge", 'marge = "0,60 %"\n', ""),
    ]
    for nom, argv, fichiers in _remplacements(LIGNE, paires, commande):
        yield f"pret-tableau/{nom}", argv, fichiers
    exemple = [*commande, "--exemple", "cdc-57851"]
    options = [
        ("exemple-inconnu", ["pret", "tableau", "--exemple", "cdc-5785"]),
        ("ligne-absente", [*exemple, "--ligne", "999"]),
        ("index-mot-cle-mal-ecrit", [*exemple, "--index", "historiqe"]),
        ("index-fichier-absent", [*exemple, "--index", "{d}/absent.csv"]),
        ("choc-index-mal-ecrit", [*exemple, "--index", "livreta+1 %", "--depuis", "2027-01-01"]),
        ("choc-sans-depuis", [*exemple, "--index", "livret_a+1 %"]),
        ("depuis-sans-choc", [*exemple, "--index", "historique", "--depuis", "2027-01-01"]),
        ("choc-absurde", [*exemple, "--index", "livret_a+150 %", "--depuis", "2027-01-01"]),
        ("choc-sans-pourcent", [*exemple, "--index", "livret_a+1", "--depuis", "2027-01-01"]),
        ("choc-index-inutilise", [*exemple, "--index", "lep+1 %", "--depuis", "2027-01-01"]),
        ("depuis-invalide", [*exemple, "--index", "livret_a+1 %", "--depuis", "2027-02-30"]),
        ("format-inconnu", [*exemple, "--format", "pdf"]),
        ("format-sosie", [*exemple, "--format", "tеxte"]),
        ("xlsx-sans-sortie", [*exemple, "--format", "xlsx"]),
        ("csv-plusieurs-lignes", [*exemple, "--format", "csv"]),
        ("table-inconnue", [*exemple, "--ligne", "5165325", "--format", "csv", "--table", "x"]),
        ("table-hors-csv", [*exemple, "--table", "echeances"]),
        ("sortie-repertoire-absent", [*exemple, "--sortie", "{d}/absent/t.txt"]),
        ("sortie-repertoire", [*exemple, "--sortie", "{d}"]),
        ("sortie-proc", [*exemple, "--sortie", "/proc/version"]),
        ("dossier-et-exemple", [*commande, "{d}/x.toml", "--exemple", "cdc-57851"]),
        ("ni-dossier-ni-exemple", commande),
        ("option-inconnue", [*exemple, "--lignes", "1"]),
        ("option-abregee", [*exemple, "--lig", "5165325"]),
    ]
    for nom, argv in options:
        yield f"pret-tableau/{nom}", argv, {}
    sortie = [*commande, "{d}/dossier.toml", "--sortie", "{d}/dossier.toml"]
    yield "pret-tableau/sortie-ecrase-entree", sortie, {"dossier.toml": LIGNE}
    indice = "date,valeur\n2020-01-01,1 %\n"
    for nom, contenu in [
        ("serie-vide", ""),
        ("serie-sans-colonnes", "a,b\n1,2\n"),
        ("serie-valeur-nue", "date,valeur\n2020-01-01,1\n"),
        ("serie-date-invalide", "date,valeur\n2020-02-30,1 %\n"),
        ("serie-doublon", indice + "2020-01-01,2 %\n"),
        (
            "serie-doublon-tardif",
            indice
            + "".join(f"{2021 + k // 12}-{k % 12 + 1:02d}-01,1 %\n" for k in range(30000 // 100))
            + "2020-01-01,2 %\n",
        ),
        ("serie-colonne-en-double", "date,date,valeur\n2020-01-01,2020-01-01,1 %\n"),
        ("serie-cellules-en-trop", "date,valeur\n2020-01-01,1 %,x,y\n"),
        ("serie-binaire", "\x00\x00"),
    ]:
        argv = [*exemple, "--ligne", "5165325", "--index", "{d}/s.csv"]
        yield f"pret-tableau/{nom}", argv, {"s.csv": contenu}


def cas_delai() -> Iterator[Cas]:
    base = ["delai", "calculer", "--depart", "2024-04-26"]
    for nom, argv in [
        ("sans-duree", ["delai", "calculer", "--depart", "2024-04-26"]),
        ("depart-invalide", ["delai", "calculer", "--depart", "2024-13-01", "--duree", "1 jour"]),
        (
            "depart-annee-10000",
            ["delai", "calculer", "--depart", "10000-01-01", "--duree", "1 jour"],
        ),
        (
            "depart-hors-calendrier",
            ["delai", "calculer", "--depart", "1850-01-01", "--duree", "1 jour"],
        ),
        (
            "depart-chiffres-arabes",
            ["delai", "calculer", "--depart", "٢٠٢٤-٠١-٠١", "--duree", "1 jour"],
        ),
        ("duree-unite-inconnue", [*base, "--duree", "15 lunes"]),
        ("duree-faute", [*base, "--duree", "15 jour ouvre"]),
        ("duree-negative", [*base, "--duree", "-3 jours"]),
        ("duree-demesuree", [*base, "--duree", "99999999 jours"]),
        ("duree-qui-deborde", [*base, "--duree", "90000 jours"]),
        ("duree-mois-deborde", [*base, "--duree", "5000 ans"]),
        ("duree-vide", [*base, "--duree", ""]),
        ("duree-trois-parties", [*base, "--duree", "1 mois et 2 jours et 3 jours"]),
        ("duree-jours-puis-mois", [*base, "--duree", "2 jours et 1 mois"]),
        ("duree-tres-longue", [*base, "--duree", "1 " + "jour " * 100]),
        ("regime-inconnu", [*base, "--duree", "1 jour", "--regime", "civil"]),
        ("zone-inconnue", [*base, "--duree", "1 jour", "--zone", "bretagne"]),
        ("zone-chiffres-arabes", [*base, "--duree", "1 jour", "--zone", "٥٧"]),
        ("format-ics", [*base, "--duree", "1 jour", "--format", "ics"]),
        ("sortie-absente", [*base, "--duree", "1 jour", "--sortie", "{d}/x/y"]),
    ]:
        yield f"delai/{nom}", argv, {}


def cas_jours_feries() -> Iterator[Cas]:
    for nom, argv in [
        ("annee-texte", ["jours-feries", "deux-mille"]),
        ("annee-hors-calendrier", ["jours-feries", "1800"]),
        ("annee-enorme", ["jours-feries", "99999"]),
        ("annee-negative", ["jours-feries", "-5"]),
        ("annee-absente", ["jours-feries"]),
        ("zone-inconnue", ["jours-feries", "2024", "--zone", "atlantide"]),
        ("zone-code-numerique-faux", ["jours-feries", "2024", "--zone", "999"]),
        ("table-inconnue", ["jours-feries", "2024", "--format", "csv", "--table", "x"]),
    ]:
        yield f"jours-feries/{nom}", argv, {}


def cas_contrat() -> Iterator[Cas]:
    commande = ["contrat", "echeancier"]
    for nom, argv, fichiers in _fichiers(commande):
        yield f"contrat/{nom}", argv, fichiers
    paires = [
        ("nom-absent", 'nom = "Marché"\n', ""),
        ("nom-nombre", 'nom = "Marché"', "nom = 5"),
        ("date-texte", "date_effet = 2024-01-01", 'date_effet = "hier"'),
        ("duree-nulle", 'duree = "1 an"', 'duree = "0 an"'),
        ("duree-nombre", 'duree = "1 an"', "duree = 1"),
        ("preavis-plus-long", 'preavis = "3 mois"', 'preavis = "2 ans"'),
        ("preavis-egal", 'preavis = "3 mois"', 'preavis = "1 an"'),
        ("regime-inconnu", "[contrat.resiliation]", 'regime = "romain"\n[contrat.resiliation]'),
        ("zone-inconnue", "[contrat.resiliation]", 'zone = "mars"\n[contrat.resiliation]'),
        (
            "reconduction-inconnue",
            "[contrat.resiliation]",
            '[contrat.reconduction]\nmode = "automatique"\n[contrat.resiliation]',
        ),
        (
            "reconduction-indeterminee",
            'duree = "1 an"\n',
            '[contrat.reconduction]\nmode = "tacite"\n',
        ),
        ("obligation-sans-regle", 'annuelle = "06-30"', 'reference = "x"'),
        ("obligation-deux-regles", 'annuelle = "06-30"', 'annuelle = "06-30"\nmensuelle = 5'),
        ("obligation-date-annuelle", 'annuelle = "06-30"', 'annuelle = "31-12"'),
        ("obligation-jour-32", 'annuelle = "06-30"', "mensuelle = 32"),
        (
            "obligation-report-inconnu",
            'annuelle = "06-30"',
            'annuelle = "06-30"\nreport = "lendemain"',
        ),
        ("obligation-sens-inconnu", 'annuelle = "06-30"', 'delai = "1 mois"\nsens = "arriere"'),
        (
            "obligation-depart-inconnu",
            'annuelle = "06-30"',
            'delai = "1 mois"\ndepart = "signature"',
        ),
        (
            "obligation-repetition-composee",
            'annuelle = "06-30"',
            'delai = "1 mois et 1 jour"\nrepetition = true',
        ),
        ("cle-inconnue", 'duree = "1 an"', 'duree = "1 an"\nduree_initiale = "1 an"'),
        ("hypotheses-nombre", 'duree = "1 an"', 'duree = "1 an"\nhypotheses = 5'),
        ("hypotheses-liste-de-nombres", 'duree = "1 an"', 'duree = "1 an"\nhypotheses = [1, 2]'),
        ("obligations-table-unique", "[[obligations]]", "[obligations]"),
    ]
    for nom, argv, fichiers in _remplacements(CONTRAT, paires, commande):
        yield f"contrat/{nom}", argv, fichiers
    exemple = [*commande, "--exemple", "convention-rsa-lozere"]
    for nom, argv in [
        ("au-avant-du", [*exemple, "--du", "2020-01-01", "--au", "2019-01-01"]),
        ("du-invalide", [*exemple, "--du", "2020-02-30"]),
        ("au-hors-calendrier", [*exemple, "--au", "2300-01-01"]),
        ("exemple-inconnu", [*commande, "--exemple", "convention-rsa"]),
        ("table-avec-ics", [*exemple, "--format", "ics", "--table", "evenements"]),
    ]:
        yield f"contrat/{nom}", argv, {}


def cas_rsa() -> Iterator[Cas]:
    for action, extra in [
        ("interets-retard", []),
        ("regularisation", ["--annee", "2019"]),
        ("neutralite", ["--annee", "2019"]),
    ]:
        commande = ["rsa", action, *extra]
        for nom, argv, fichiers in _fichiers(commande):
            yield f"rsa-{action}/{nom}", argv, fichiers
    commande = ["rsa", "interets-retard"]
    paires = [
        ("mois-invalide", 'mois = "2019-01"', 'mois = "2019-13"'),
        ("mois-date", 'mois = "2019-01"', "mois = 2019-01-01"),
        (
            "acomptes-meme-mois",
            "[[acomptes]]",
            '[[acomptes]]\nmois = "2019-01"\nmontant = "5.00"\n[[acomptes]]',
        ),
        (
            "acomptes-meme-mois-autre-ecriture",
            "[[acomptes]]",
            '[[acomptes]]\nmois = "01/2019"\nmontant = "5.00"\n[[acomptes]]',
        ),
        ("paiement-anterieur", "date = 2019-02-05", "date = 2018-12-31"),
        ("paiements-excessifs", 'montant = "1000.00" }', 'montant = "2000.00" }'),
        ("paiement-nul", 'montant = "1000.00" }', 'montant = "0.00" }'),
        ("avance-negative", 'avance_tresorerie = "100000.00"', 'avance_tresorerie = "-100000.00"'),
        ("majoration-absurde", "[convention]", '[convention]\nmajoration = "50 %"'),
        ("majoration-nue", "[convention]", "[convention]\nmajoration = 1"),
        ("base-jours", "[convention]", "[convention]\nbase_jours = 364"),
        ("jour-echeance", "[convention]", "[convention]\njour_echeance = 0"),
        ("report-inconnu", "[convention]", '[convention]\nreport = "lendemain"'),
        (
            "taux-mensuels-doubles",
            "[convention]",
            '[[taux_reference_mensuels]]\nmois = "2019-01"\nvaleur = "1 %"\n[[taux_reference_mensuels]]\nmois = "2019-01"\nvaleur = "2 %"\n[convention]',
        ),
        (
            "taux-mensuel-absurde",
            "[convention]",
            '[[taux_reference_mensuels]]\nmois = "2019-01"\nvaleur = "99 %"\n[convention]',
        ),
        (
            "decaissement-negatif",
            "[convention]",
            '[[decaissements]]\ndate = 2019-01-05\nmontant = "-5.00"\n[convention]',
        ),
        (
            "montant-sous-centime",
            'montant = "1000.00"\npaiements',
            'montant = "1000.001"\npaiements',
        ),
        ("hypotheses-nombre", "[convention]", "[convention]\nhypotheses = 5"),
    ]
    for nom, argv, fichiers in _remplacements(RSA, paires, commande):
        yield f"rsa/{nom}", argv, fichiers
    for nom, argv in [
        (
            "annee-sans-donnees",
            ["rsa", "regularisation", "--exemple", "rsa-lozere-2019", "--annee", "2020"],
        ),
        (
            "annee-invalide",
            ["rsa", "neutralite", "--exemple", "rsa-lozere-2019", "--annee", "20x9"],
        ),
        (
            "annee-hors-calendrier",
            ["rsa", "neutralite", "--exemple", "rsa-lozere-2019", "--annee", "1800"],
        ),
        (
            "date-arrete-invalide",
            ["rsa", "interets-retard", "--exemple", "rsa-lozere-2019", "--date-arrete", "hier"],
        ),
    ]:
        yield f"rsa/{nom}", argv, {}


def cas_rep() -> Iterator[Cas]:
    commande = ["rep", "soutiens"]
    for nom, argv, fichiers in _fichiers(commande):
        yield f"rep/{nom}", argv, fichiers
    paires = [
        (
            "commune-en-double",
            "[[communes]]",
            '[[communes]]\nnom = "Oraison"\npopulation = 1\n[[communes]]',
        ),
        (
            "commune-en-double-espace-insecable",
            "[[communes]]",
            '[[communes]]\nnom = "Oraison\\u00a0"\npopulation = 1\n[[communes]]',
        ),
        (
            "commune-en-double-casse",
            "[[communes]]",
            '[[communes]]\nnom = "ORAISON"\npopulation = 1\n[[communes]]',
        ),
        ("population-negative", "population = 6300", "population = -1"),
        ("population-flottante", "population = 6300", "population = 6300.0"),
        ("population-texte", "population = 6300", 'population = "6300"'),
        ("population-absurde", "population = 6300", "population = 99999999999"),
        (
            "taux-residences-nu",
            "population = 6300",
            'population = 6300\ntaux_residences_secondaires = "12"',
        ),
        (
            "taux-residences-absurde",
            "population = 6300",
            'population = 6300\ntaux_residences_secondaires = "150 %"',
        ),
        ("typologie-inconnue", "population = 6300", 'population = 6300\ntypologie = "balneaire"'),
        ("bareme-inconnu", 'bareme = "alcome"', 'bareme = "alcom"'),
        ("annee-sans-bareme", "annee = 2023", "annee = 2019"),
        ("annee-texte", "annee = 2023", 'annee = "2023"'),
        ("vigueur-hors-annee", "annee = 2023", "annee = 2023\nen_vigueur_du = 2022-12-01"),
        (
            "vigueur-inversee",
            "annee = 2023",
            "annee = 2023\nen_vigueur_du = 2023-07-01\nen_vigueur_au = 2023-06-01",
        ),
        ("coefficient-negatif", "annee = 2023", 'annee = 2023\ncoefficient = "-1"'),
        ("coefficient-absurde", "annee = 2023", 'annee = 2023\ncoefficient = "1000"'),
        ("coefficient-flottant", "annee = 2023", "annee = 2023\ncoefficient = 0.5"),
        ("penalite-inconnue", "population = 6300", "population = 6300\n[penalites]\nretard = 1"),
        (
            "penalite-flottante",
            "population = 6300",
            "population = 6300\n[penalites]\ntitres_non_conformes = 1.5",
        ),
        (
            "penalite-booleen-au-lieu-d-un-nombre",
            "population = 6300",
            "population = 6300\n[penalites]\ntitres_non_conformes = true",
        ),
        (
            "penalite-nombre-au-lieu-d-un-booleen",
            "population = 6300",
            "population = 6300\n[penalites]\narretes_non_communiques = 2",
        ),
        (
            "penalite-negative",
            "population = 6300",
            "population = 6300\n[penalites]\ntitres_non_conformes = -2",
        ),
        (
            "tonnages-pour-alcome",
            "[[communes]]",
            '[[tonnages]]\nmatiere = "verre"\ntonnes = "1"\n[[communes]]',
        ),
        ("sans-commune", '[[communes]]\nnom = "Oraison"\npopulation = 6300\n', ""),
    ]
    for nom, argv, fichiers in _remplacements(REP, paires, commande):
        yield f"rep/{nom}", argv, fichiers
    for nom, argv in [
        ("calendrier-hors-periode", ["rep", "calendrier", "--echeance", "2024-12-01"]),
        ("calendrier-date-invalide", ["rep", "calendrier", "--echeance", "2024-06-31"]),
        (
            "calendrier-bareme-inconnu",
            ["rep", "calendrier", "--echeance", "2024-06-28", "--bareme", "x"],
        ),
        (
            "calendrier-zone-inconnue",
            ["rep", "calendrier", "--echeance", "2024-06-28", "--zone", "x"],
        ),
        ("calendrier-annee-sans-bareme", ["rep", "calendrier", "--echeance", "2019-06-28"]),
    ]:
        yield f"rep/{nom}", argv, {}


def cas_evenements_pret() -> Iterator[Cas]:
    base = ["--exemple", "cdc-57851", "--ligne", "5165325"]
    for nom, argv in [
        ("remboursement-hors-echeance", ["pret", "remboursement", *base, "--date", "2026-12-07"]),
        (
            "remboursement-derniere-echeance",
            ["pret", "remboursement", *base, "--date", "2067-12-06"],
        ),
        (
            "remboursement-preavis-court",
            [
                "pret",
                "remboursement",
                *base,
                "--date",
                "2026-12-06",
                "--date-demande",
                "2026-11-01",
            ],
        ),
        (
            "remboursement-excessif",
            ["pret", "remboursement", *base, "--date", "2026-12-06", "--montant", "200000"],
        ),
        (
            "remboursement-sous-centime",
            ["pret", "remboursement", *base, "--date", "2026-12-06", "--montant", "10.005"],
        ),
        (
            "remboursement-negatif",
            ["pret", "remboursement", *base, "--date", "2026-12-06", "--montant", "-10"],
        ),
        (
            "remboursement-courbe-absente",
            ["pret", "remboursement", *base, "--date", "2026-12-06", "--courbe", "{d}/absente.csv"],
        ),
        (
            "remboursement-sans-ligne",
            ["pret", "remboursement", "--exemple", "cdc-57851", "--date", "2026-12-06"],
        ),
        (
            "moratoires-paiement-avant",
            [
                "pret",
                "moratoires",
                *base,
                "--montant",
                "10",
                "--exigibilite",
                "2020-01-01",
                "--paiement",
                "2019-01-01",
            ],
        ),
        (
            "moratoires-montant-nul",
            [
                "pret",
                "moratoires",
                *base,
                "--montant",
                "0",
                "--exigibilite",
                "2020-01-01",
                "--paiement",
                "2021-01-01",
            ],
        ),
        (
            "moratoires-montant-texte",
            [
                "pret",
                "moratoires",
                *base,
                "--montant",
                "dix",
                "--exigibilite",
                "2020-01-01",
                "--paiement",
                "2021-01-01",
            ],
        ),
        (
            "moratoires-avant-index",
            [
                "pret",
                "moratoires",
                *base,
                "--montant",
                "10",
                "--exigibilite",
                "1990-01-01",
                "--paiement",
                "2021-01-01",
            ],
        ),
        ("teg-commissions-excessives", ["pret", "teg", *base, "--commissions", "999999"]),
        ("teg-commissions-negatives", ["pret", "teg", *base, "--commissions", "-1"]),
        ("teg-format-csv", ["pret", "teg", *base, "--format", "csv"]),
    ]:
        yield f"pret-evenements/{nom}", argv, {}
    courbes = [
        ("courbe-vide", ""),
        ("courbe-sans-colonnes", "a,b\n"),
        ("courbe-maturites-decroissantes", "maturite_ans,taux\n5,1 %\n2,1 %\n"),
        ("courbe-taux-nu", "maturite_ans,taux\n5,1\n"),
        ("courbe-maturite-nulle", "maturite_ans,taux\n0,1 %\n"),
        ("courbe-trop-courte", "maturite_ans,taux\n1,1 %\n"),
        ("courbe-taux-absurde", "maturite_ans,taux\n60,500 %\n"),
    ]
    for nom, contenu in courbes:
        argv = ["pret", "remboursement", *base, "--date", "2026-12-06", "--courbe", "{d}/c.csv"]
        yield (
            f"pret-evenements/{nom}",
            argv,
            {"c.csv": contenu.replace(",1 %", ',"1 %"').replace(",500 %", ',"500 %"')},
        )


def cas_portefeuille() -> Iterator[Cas]:
    commande = ["pret", "portefeuille"]
    for nom, argv in [
        ("vide", commande),
        ("pret-deux-fois", [*commande, "--exemple", "cdc-57851", "--exemple", "cdc-57851"]),
        (
            "choc-mal-ecrit",
            [
                *commande,
                "--exemple",
                "cdc-57851",
                "--index",
                "livreta+1 %",
                "--depuis",
                "2027-01-01",
            ],
        ),
        ("choc-sans-depuis", [*commande, "--exemple", "cdc-57851", "--comparer-a", "livret_a+1 %"]),
        ("depuis-sans-choc", [*commande, "--exemple", "cdc-57851", "--depuis", "2027-01-01"]),
        (
            "choc-index-inutilise",
            [
                *commande,
                "--exemple",
                "cdc-57851",
                "--index",
                "inflation+1 %",
                "--depuis",
                "2027-01-01",
            ],
        ),
        (
            "comparaison-identique",
            [*commande, "--exemple", "cdc-57851", "--comparer-a", "historique"],
        ),
        ("garant-sans-par-garant", [*commande, "--exemple", "cdc-57851", "--garant", "Région"]),
        (
            "garant-inconnu",
            [*commande, "--exemple", "cdc-57851", "--par", "garant", "--garant", "Région"],
        ),
        ("par-inconnu", [*commande, "--exemple", "cdc-57851", "--par", "commune"]),
        ("repertoire-vide", [*commande, "{d}/vide"]),
        ("exemple-inconnu", [*commande, "--exemple", "cdc-1"]),
    ]:
        fichiers: dict[str, str | bytes] = {"vide": "<repertoire>"} if "repertoire" in nom else {}
        yield f"portefeuille/{nom}", argv, fichiers
    yield (
        "portefeuille/meme-dossier-deux-fois",
        [*commande, "{d}/a.toml", "{d}/a.toml"],
        {"a.toml": LIGNE},
    )
    yield (
        "portefeuille/meme-ligne-deux-fichiers",
        [*commande, "{d}/a.toml", "{d}/b.toml"],
        {"a.toml": LIGNE, "b.toml": LIGNE},
    )


def cas_donnees() -> Iterator[Cas]:
    """Un fichier qui prolongerait une série livrée : chaque défaut est refusé, ligne citée."""
    commande = ["donnees", "verifier"]
    for nom, argv, fichiers in _fichiers(commande, "csv"):
        if nom in {"toml-invalide", "imbrication", "table-racine-vide"}:
            continue
        yield f"donnees/{nom}", argv, fichiers
    entete = "date_effet,taux_pct,source\n"
    for nom, contenu in [
        ("contradiction", entete + "2026-02-01,1.60,Arrêté\n"),
        ("reecrit-l-histoire", entete + "2020-03-01,0.50,Arrêté\n"),
        ("sans-source", entete + "2026-08-01,1.70,\n"),
        ("doublon", entete + "2026-08-01,1.7,A\n2026-08-01,1.8,B\n"),
        ("valeur-illisible", entete + "2026-08-01,beaucoup,A\n"),
        ("taux-absurde", entete + "2026-08-01,1000,A\n"),
        ("date-impossible", entete + "2026-02-30,1.7,A\n"),
        ("colonnes", "date,valeur\n2026-08-01,1.7 %\n"),
        ("entete-seule", entete),
        ("confirmation-recule", "# confirmee_au: 2020-01-01\n" + entete + "2026-08-01,1.7,A\n"),
        ("confirmation-illisible", "# confirmee_au: bientôt\n" + entete + "2026-08-01,1.7,A\n"),
    ]:
        yield f"donnees/{nom}", [*commande, "{d}/livret_a.csv"], {"livret_a.csv": contenu}
    yield (
        "donnees/trou-semestriel",
        [*commande, "{d}/interet_legal.csv"],
        {
            "interet_legal.csv": "date_effet,particuliers_pct,autres_cas_pct,source\n"
            "2027-01-01,6.5,2.5,Arrêté\n"
        },
    )
    yield (
        "donnees/nom-inconnu",
        [*commande, "{d}/livret-a.csv"],
        {"livret-a.csv": entete + "2026-08-01,1.7,A\n"},
    )
    yield (
        "donnees/serie-inconnue",
        [*commande, "{d}/f.csv", "--serie", "livret_b"],
        {"f.csv": entete + "2026-08-01,1.7,A\n"},
    )


def cas_indemnites() -> Iterator[Cas]:
    commande = ["indemnites", "calculer"]
    for nom, argv, fichiers in _fichiers(commande):
        yield f"indemnites/{nom}", argv, fichiers
    paires = [
        ("population-texte", "population = 6300", 'population = "6300"'),
        ("population-nulle", "population = 6300", "population = 0"),
        ("population-absurde", "population = 6300", "population = 999999999"),
        ("date-texte", "date = 2023-12-01", 'date = "hier"'),
        ("date-avant-les-donnees", "date = 2023-12-01", "date = 2012-01-01"),
        ("majoration-inconnue", '["chef-lieu de canton"]', '["capitale régionale"]'),
        (
            "majorations-chefs-lieux",
            '["chef-lieu de canton"]',
            '["chef-lieu de canton", "chef-lieu de département"]',
        ),
        (
            "majoration-en-double",
            '["chef-lieu de canton"]',
            '["chef-lieu de canton", "chef-lieu de canton"]',
        ),
        (
            "majorations-texte",
            'majorations = ["chef-lieu de canton"]',
            'majorations = "chef-lieu de canton"',
        ),
        ("taux-nu", 'taux = "55 %"', 'taux = "55"'),
        ("taux-flottant", 'taux = "55 %"', "taux = 0.55"),
        ("taux-negatif", 'taux = "21 %"', 'taux = "-21 %"'),
        ("taux-absurde", 'taux = "55 %"', 'taux = "550 %"'),
        ("maire-au-dela-du-bareme", 'taux = "55 %"', 'taux = "56 %"'),
        ("fonction-inconnue", 'fonction = "adjoint"', 'fonction = "sous-préfet"'),
        ("deux-maires", 'fonction = "adjoint"', 'fonction = "maire"'),
        ("sans-maire", 'fonction = "maire"', 'fonction = "conseiller"'),
        (
            "adjoint-sans-delegation",
            'taux = "21 %"\ndelegation = true',
            'taux = "21 %"\ndelegation = false',
        ),
        ("enveloppe-depassee", 'taux = "21 %"', 'taux = "23 %"'),
        ("elu-en-double", 'nom = "Adjoint"', 'nom = "Maire"'),
        (
            "delegation-texte",
            'taux = "21 %"\ndelegation = true',
            'taux = "21 %"\ndelegation = "oui"',
        ),
        ("cle-inconnue", "population = 6300", "population = 6300\nhabitants = 6300"),
        ("sans-elus", "[[elus]]", "[[autres]]"),
        ("departement", "[commune]", '[departement]\nnom = "Lozère"\n[commune]'),
    ]
    for nom, argv, fichiers in _remplacements(INDEMNITES, paires, commande):
        yield f"indemnites/{nom}", argv, fichiers
    for nom, argv in [
        ("exemple-inconnu", [*commande, "--exemple", "oraison"]),
        ("format-ics", [*commande, "--exemple", "indemnites-oraison-2023", "--format", "ics"]),
        (
            "sortie-repertoire",
            [*commande, "--exemple", "indemnites-oraison-2023", "--sortie", "{d}"],
        ),
    ]:
        yield f"indemnites/{nom}", argv, {}


def cas_logement() -> Iterator[Cas]:
    commande = ["logement", "flux"]
    for nom, argv, fichiers in _fichiers(commande):
        yield f"logement/{nom}", argv, fichiers
    paires = [
        ("rpls-texte", "logements_rpls = 116", 'logements_rpls = "116"'),
        ("rpls-negatif", "logements_rpls = 116", "logements_rpls = -1"),
        ("rpls-flottant", "logements_rpls = 116", "logements_rpls = 116.0"),
        ("exclus-superieurs", "logements_exclus = 0", "logements_exclus = 200"),
        ("rotation-nue", 'taux_rotation = "6,90 %"', 'taux_rotation = "6,90"'),
        ("rotation-absurde", 'taux_rotation = "6,90 %"', 'taux_rotation = "690 %"'),
        ("reservation-negative", 'taux_reservation = "12,9 %"', 'taux_reservation = "-12 %"'),
        ("annee-ancienne", "annee = 2024", "annee = 1990"),
        ("deductions-excessives", "mutations_internes = 0", "mutations_internes = 50"),
        (
            "deductions-en-double",
            "mutations_internes = 0",
            "mutations_internes = 1\nmutations_et_relogements = 2",
        ),
        ("cle-inconnue", "annee = 2024", "annee = 2024\nloyers = 3"),
        ("sans-bailleur", 'bailleur = "Unicil"\n', ""),
        (
            "prioritaires-superieurs",
            "mutations_internes = 0",
            "mutations_internes = 0\n[attributions]\ntotal = 1\nprioritaires = 2",
        ),
    ]
    for nom, argv, fichiers in _remplacements(LOGEMENT, paires, commande):
        yield f"logement/{nom}", argv, fichiers
    for nom, argv in [
        ("exemple-inconnu", [*commande, "--exemple", "unicil"]),
        ("format-ics", [*commande, "--exemple", "logement-h2p-2024", "--format", "ics"]),
    ]:
        yield f"logement/{nom}", argv, {}


def cas_generaux() -> Iterator[Cas]:
    for nom, argv in [
        ("commande-inconnue", ["pret", "tableaux"]),
        ("sans-commande", []),
        ("groupe-sans-action", ["pret"]),
        ("action-inconnue", ["rsa", "interets"]),
    ]:
        yield f"general/{nom}", argv, {}


def tous_les_cas() -> list[Cas]:
    """Tous les cas, dans un ordre stable."""
    generateurs = (
        cas_pret_tableau,
        cas_delai,
        cas_jours_feries,
        cas_contrat,
        cas_rsa,
        cas_rep,
        cas_indemnites,
        cas_logement,
        cas_evenements_pret,
        cas_portefeuille,
        cas_donnees,
        cas_generaux,
    )
    cas = [cas for generateur in generateurs for cas in generateur()]
    return cas + _cas_des_themes()


#: Modules de cas par thème (``tests/hostiles_<theme>.py``), chacun avec une fonction
#: ``cas()`` qui rend ses cas ; ajoutés après ceux de ce module, dans l'ordre des noms.
THEMES = ("dette", "dossiers", "elus", "sorties", "tableurs", "paiements", "web", "national")


def _cas_des_themes() -> list[Cas]:
    import importlib

    cas: list[Cas] = []
    for theme in THEMES:
        try:
            module = importlib.import_module(f"tests.hostiles_{theme}")
        except ModuleNotFoundError as exc:
            if exc.name != f"tests.hostiles_{theme}":
                raise
            continue
        cas.extend(module.cas())
    return cas


def preparer(repertoire: Path, fichiers: dict[str, str | bytes]) -> None:
    """Crée les fichiers d'un cas dans ``repertoire``."""
    import os

    for nom, contenu in fichiers.items():
        chemin = repertoire / nom
        if contenu == "<repertoire>":
            chemin.mkdir()
        elif contenu == "<fifo>":
            os.mkfifo(chemin)
        elif isinstance(contenu, str) and contenu.startswith("<creux:"):
            with chemin.open("wb") as flux:
                flux.truncate(int(contenu[len("<creux:") : -1]))
        elif isinstance(contenu, bytes):
            chemin.write_bytes(contenu)
        else:
            chemin.write_text(contenu, encoding="utf-8")


#: Mots qui trahissent un message qui n'a pas été traduit (ou une trace de pile).
_ANGLAIS = re.compile(
    r"Traceback|Error\b|\berror\b|\binvalid\b|\bexpected\b|\brequired\b|Exception"
)


def juger(argv: list[str], repertoire: Path, *, delai: int = 20) -> tuple[str, int, str]:
    """Lance ``collectivites`` sur ``argv`` et classe l'issue : ``refus`` (code 2, message en
    français, sans trace de pile ni sortie), ``accepte`` (code 0 : silencieusement faux),
    ``defaut`` (code 1), ``bloque`` (plus de ``delai`` secondes) ou ``autre``."""
    import contextlib
    import io
    import signal

    from collectivites.cli import main

    class _Bloque(Exception):
        pass

    def interrompre(_signum: int, _frame: object) -> None:
        raise _Bloque

    arguments = [a.replace("{d}", str(repertoire)) for a in argv]
    sortie, erreurs = io.StringIO(), io.StringIO()
    ancien = signal.signal(signal.SIGALRM, interrompre)
    signal.alarm(delai)
    try:
        with contextlib.redirect_stdout(sortie), contextlib.redirect_stderr(erreurs):
            code = main(arguments)
    except _Bloque:
        return "bloque", -1, ""
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, ancien)
    message = erreurs.getvalue()
    if code == 0:
        return "accepte", code, sortie.getvalue()[:200]
    if code == 1:
        return "defaut", code, message
    propre = (
        code == 2 and "erreur" in message and not _ANGLAIS.search(message) and not sortie.getvalue()
    )
    return ("refus" if propre else "autre"), code, message
