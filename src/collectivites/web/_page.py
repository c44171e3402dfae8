"""La page web : un formulaire par commande, tiré de la même table que la ligne de commande
(exemple livré ou dossier envoyé, options, scénario d'index), le résultat en tables à la
française et le graphique du profil de dette, les téléchargements (XLSX, CSV, ICS…).

HTML rendu par le serveur, sans JavaScript : un bouton par action (« Calculer », « XLSX »…).
"""

from __future__ import annotations

import functools
import importlib.util
import re
from html import escape
from typing import Any

from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response

from collectivites import __version__
from collectivites.cli._cadre import Commande, Option
from collectivites.erreurs import ErreurCollectivites
from collectivites.web._affichage import afficher
from collectivites.web._configuration import verifier_format
from collectivites.web._requete import Fichier, options_web
from collectivites.web._traitement import commandes_web
from collectivites.web._travail import Calculateur, RefusDuService

__all__ = ["afficher", "introuvable", "repondre"]

_AFFICHER = "afficher"
_LIBELLES_FORMATS = {
    "xlsx": "Classeur XLSX",
    "csv": "CSV",
    "csv-excel": "CSV (tableur français)",
    "ics": "Agenda ICS",
    "svg": "Graphique SVG",
    "png": "Graphique PNG",
    "json": "JSON",
    "texte": "Texte",
}
#: Ce qu'exige chaque format téléchargeable (l'extra) : sans lui, son bouton n'est pas montré.
_MODULES_DES_FORMATS = {"xlsx": "openpyxl", "png": "matplotlib", "svg": "matplotlib"}
#: Le libellé d'un champ en français courant (sinon : son nom, espaces au lieu de « _ »).
_LIBELLES_CHAMPS = {
    "depart": "Date de départ",
    "duree": "Durée",
    "regime": "Régime de computation",
    "zone": "Zone du calendrier",
    "avant": "Compter à rebours",
    "annee": "Année",
    "chomes_locaux": "Jours chômés locaux",
    "du": "Du",
    "au": "Au (inclus)",
    "ligne": "Ligne du prêt",
    "index": "Scénario d'index",
    "depuis": "Date de départ du choc",
    "tableau": "Tableau à rapprocher",
    "date": "Date d'échéance",
    "montant": "Montant",
    "courbe": "Courbe de taux",
    "date_demande": "Date de la demande",
    "exigibilite": "Date d'exigibilité",
    "paiement": "Date du paiement",
    "commissions": "Commissions",
    "dossiers": "Portefeuilles",
    "comparer_a": "Scénario comparé",
    "par": "Regrouper par",
    "garant": "Garant",
    "date_arrete": "Date d'arrêté",
    "echeance": "Échéance annuelle",
    "bareme": "Barème",
    "fichier": "Fichier",
    "serie": "Série",
    "exemple": "Exemples livrés",
    "annuite": "Première annuité",
    "quotite": "Quotité garantie",
    "quotite_autres": "Quotités des autres garants",
    "beneficiaire": "Bénéficiaire",
    "operation": "Opération",
    "annuites_beneficiaire": "Annuités déjà garanties au bénéficiaire",
    "recettes_reelles": "Recettes réelles de fonctionnement",
    "annuite_dette": "Annuité nette de la dette",
    "annuites_garanties": "Annuités garanties à échoir",
    "premieres_annuites": "Premières annuités des garanties nouvelles",
    "provisions": "Provisions pour garanties",
    "document": "Document budgétaire",
    "collectivite": "Catégorie de la collectivité",
    "categorie": "Catégorie d'acheteur",
    "feuille": "Feuille du classeur",
}
#: Le vocabulaire de la ligne de commande dans une aide, dit pour un formulaire.
_AIDES_WEB = (
    (re.compile(r"FICHIER\.csv"), "une trajectoire envoyée (fichier ci-dessous)"),
    (re.compile(r"FICHIER\.(\w+)"), r"un fichier .\1"),
    (re.compile(r"FICHIER"), "un fichier"),
)
_OPTION_CLI = re.compile(r"--([a-z][a-z-]*)")
#: Le code de sortie de la ligne de commande, dit dans une aide (« ; code 1 si… »).
_CODE_DE_SORTIE = re.compile(r" ?\(code 1 [^)]*\)| ; code 1 [^;]*$")


def _libelle(champ: str) -> str:
    return _LIBELLES_CHAMPS.get(champ, champ.replace("_", " ").capitalize())


def _aide_web(aide: str) -> str:
    """L'aide d'une option sans le vocabulaire de la ligne de commande : « avec --depuis »
    devient « avec « Date de départ du choc » », « FICHIER.csv » une trajectoire envoyée."""
    for motif, remplacement in _AIDES_WEB:
        aide = motif.sub(remplacement, aide)
    aide = _commandes_par_leur_titre(aide)
    return _OPTION_CLI.sub(lambda m: f"« {_libelle(m.group(1).replace('-', '_'))} »", aide)


def _format_disponible(format_: str) -> bool:
    """Vrai si l'extra du format est installé (un bouton qui répondrait « exige openpyxl »
    n'est pas montré)."""
    module = _MODULES_DES_FORMATS.get(format_)
    return module is None or importlib.util.find_spec(module) is not None


#: Les groupes de la barre de navigation, dans leur ordre.
_GROUPES = {
    "pret": "Prêts",
    "delai": "Délais",
    "contrat": "Délais",
    "jours-feries": "Délais",
    "rsa": "rSa",
    "rep": "REP",
    "indemnites": "Élus",
    "logement": "Logement",
    "donnees": "Données",
    "exemples": "Données",
    "dette": "Dette et garanties",
    "garantie": "Dette et garanties",
    "paiement": "Paiements",
}
_STYLE = """
body{font-family:system-ui,sans-serif;margin:0;color:#1b1b1b;background:#f6f6f6}
header{background:#000091;color:#fff;padding:.8rem 1.5rem}header h1{margin:0;font-size:1.4rem}
header p{margin:.2rem 0 0}nav{background:#fff;padding:.5rem 1.5rem;border-bottom:1px solid #ddd}
nav span{font-weight:bold;margin-right:.3rem}nav a{margin-right:.8rem;color:#000091}
nav a[aria-current]{font-weight:bold;text-decoration:none}
main{padding:1rem 1.5rem;max-width:80rem}form{background:#fff;padding:1rem;border:1px solid #ddd}
fieldset{border:1px solid #ccc;margin-bottom:.8rem}label{display:block;margin:.4rem 0 .1rem}
small{color:#555}button{margin:.3rem .3rem 0 0;padding:.4rem .8rem}
button[value=afficher]{background:#000091;color:#fff;border:0}
.erreur{background:#ffe9e9;border-left:4px solid #ce0500;padding:.6rem 1rem;margin:1rem 0}
table.collectivites{border-collapse:collapse;background:#fff;margin:1rem 0;font-size:.9rem}
table.collectivites th,table.collectivites td{border:1px solid #ccc;padding:.2rem .5rem}
table.collectivites td{white-space:nowrap}
caption{text-align:left;font-weight:bold;padding:.3rem 0}
dl{display:grid;grid-template-columns:max-content auto;gap:.1rem 1rem;background:#fff;
padding:.5rem 1rem;border:1px solid #ddd}dt{font-weight:bold}dd{margin:0}
.graphique svg{max-width:100%;height:auto}
"""


def _champ_formulaire(option: Option, valeur: Any, exemples: tuple[str, ...]) -> str:
    nom = escape(option.champ)
    identifiant = f"champ-{nom}"
    aide = _aide_web(option.aide)
    precision = "" if aide.lower() == _libelle(option.champ).lower() else aide
    libelle = (
        f'<label for="{identifiant}">{escape(_libelle(option.champ))}'
        f"{' *' if _obligatoire(option) else ''} <small>{escape(precision)}</small></label>"
    )
    if option.action == "store_true":
        coche = " checked" if valeur is True else ""
        return (
            f'<label><input type="checkbox" id="{identifiant}" name="{nom}"{coche}> '
            f"{escape(aide)}</label>"
        )
    if option.action == "append":  # les exemples d'un portefeuille
        choisis = valeur if isinstance(valeur, list) else []
        options = "".join(
            f"<option{' selected' if e in choisis else ''}>{escape(e)}</option>" for e in exemples
        )
        return f'{libelle}<select multiple id="{identifiant}" name="{nom}">{options}</select>'
    if option.fichier == "fichier":
        multiple = " multiple" if option.nargs == "*" else ""
        return f'{libelle}<input type="file" id="{identifiant}" name="{nom}"{multiple}>'
    texte = valeur if isinstance(valeur, str) else ""
    if option.choix:
        actuel = texte or str(option.defaut or "")
        options = "".join(
            f"<option{' selected' if c == actuel else ''}>{escape(c)}</option>"
            for c in option.choix
        )
        return f'{libelle}<select id="{identifiant}" name="{nom}">{options}</select>'
    if option.fichier == "scenario":  # un mot-clé, un choc, ou une trajectoire envoyée
        return (
            f'{libelle}<input type="text" id="{identifiant}" name="{nom}" '
            f'value="{escape(texte)}" placeholder="{escape(str(option.defaut))}">'
            f'<label for="{identifiant}-fichier"><small>ou une trajectoire de l\'index '
            "(CSV ou XLSX : date, valeur), qui prime sur le texte</small></label>"
            f'<input type="file" id="{identifiant}-fichier" name="{nom}" accept=".csv,.xlsx">'
        )
    genre = "date" if option.metavar == "DATE" else "text"
    indication = "" if option.defaut is None else f' placeholder="{escape(str(option.defaut))}"'
    return (
        f'{libelle}<input type="{genre}" id="{identifiant}" name="{nom}" '
        f'value="{escape(texte)}"{indication}>'
    )


def _obligatoire(option: Option) -> bool:
    return option.obligatoire or (option.nargs is None and not option.noms[0].startswith("-"))


@functools.cache
def _exemples_par_source() -> dict[int, tuple[str, ...]]:
    """Les exemples livrés que lit chaque source (clé : ``id`` de la source)."""
    from collectivites.chargement import catalogue_des_exemples

    sources = {" ".join(c.chemin): c.source for c in commandes_web()}
    resultat: dict[int, list[str]] = {}
    for nom, commande, _description in catalogue_des_exemples().tables[0].lignes:
        source = sources.get(commande)
        if source is not None:
            resultat.setdefault(id(source), []).append(nom)
    return {cle: tuple(noms) for cle, noms in resultat.items()}


def _exemples_de(commande: Commande) -> tuple[str, ...]:
    if commande.source is not None:
        return _exemples_par_source().get(id(commande.source), ())
    if any(o.action == "append" for o in options_web(commande)):  # pret portefeuille
        tableau = next(c for c in commandes_web() if c.chemin == ("pret", "tableau"))
        return _exemples_par_source().get(id(tableau.source), ())
    return ()


def _aide_de_commande(commande: Commande) -> str:
    """L'aide d'une commande dite pour la page : sans le code de sortie de la ligne de
    commande (« code 1 si… »), une autre commande nommée par son titre, non par son chemin
    (« pour « pret portefeuille » » devient « pour « Projections annuelles de la dette » »)."""
    return _commandes_par_leur_titre(_CODE_DE_SORTIE.sub("", commande.aide))


@functools.cache
def _titres_des_commandes() -> tuple[re.Pattern[str], dict[str, str]]:
    titres = {" ".join(c.chemin): _titre_court(c.aide) for c in commandes_web() if c.chemin[1:]}
    chemins = "|".join(re.escape(c) for c in sorted(titres, key=len, reverse=True))
    return re.compile(rf"(?:« )?\b({chemins})\b(?: »)?"), titres


def _commandes_par_leur_titre(texte: str) -> str:
    """Une commande citée par son chemin (« pret modele-portefeuille », avec ou sans
    guillemets) nommée par son titre dans la page."""
    motif, titres = _titres_des_commandes()
    return motif.sub(lambda m: f"« {titres[m.group(1)]} »", texte)


def _titre_court(aide: str) -> str:
    court = re.split(r" : | \(|, | avec | pour « ", aide, maxsplit=1)[0]
    return court[:1].upper() + court[1:]


def _titre(commande: Commande) -> str:
    """Le nom d'une commande dans la barre, en français courant : le début de son aide
    (« Tableau d'amortissement », « Intérêts moratoires d'un impayé »), non son chemin."""
    return _titre_court(_aide_de_commande(commande))


def _navigation(actuelle: Commande, racine: str = "") -> str:
    groupes: dict[str, list[str]] = {g: [] for g in dict.fromkeys(_GROUPES.values())}
    for commande in commandes_web():
        chemin = "/".join(commande.chemin)
        courant = ' aria-current="page"' if commande is actuelle else ""
        groupes.setdefault(_GROUPES.get(commande.chemin[0], "Autres"), []).append(
            f'<a href="{escape(racine)}/formulaire/{escape(chemin)}"{courant} '
            f'title="{escape(_aide_de_commande(commande))}">{escape(_titre(commande))}</a>'
        )
    return (
        "<nav>"
        + " ".join(f"<span>{escape(g)}</span>{' '.join(liens)}" for g, liens in groupes.items())
        + "</nav>"
    )


def _document(titre: str, corps: str, commande: Commande | None = None, racine: str = "") -> str:
    navigation = _navigation(commande, racine) if commande is not None else ""
    return (
        '<!doctype html><html lang="fr"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(titre)} — collectivites</title><style>{_STYLE}</style></head><body>"
        "<header><h1>collectivites</h1><p>Calculs de finances publiques et de délais pour les "
        f"collectivités — version {escape(__version__)}</p></header>{navigation}"
        f"<main>{corps}</main></body></html>"
    )


def _formulaire(
    commande: Commande,
    donnees: dict[str, Any],
    racine: str = "",
    permis: frozenset[str] | None = None,
) -> str:
    chemin = "/".join(commande.chemin)
    exemples = _exemples_de(commande)
    morceaux = [
        '<form method="post" enctype="multipart/form-data" '
        f'action="{escape(racine)}/formulaire/{escape(chemin)}">'
    ]
    if commande.source is not None:
        choisi = donnees.get("exemple")  # un texte ; une liste ou rien n'en choisit aucun
        options = '<option value="">(aucun : j\'envoie mon dossier)</option>' + "".join(
            f"<option{' selected' if e == choisi else ''}>{escape(e)}</option>" for e in exemples
        )
        morceaux.append(
            "<fieldset><legend>Entrée</legend>"
            f'<label for="champ-exemple">Exemple livré</label>'
            f'<select id="champ-exemple" name="exemple">{options}</select>'
            f'<label for="champ-dossier">ou votre dossier <small>'
            f"{escape(_aide_web(commande.source.nature))}</small></label>"
            '<input type="file" id="champ-dossier" name="dossier" accept=".toml">'
            "</fieldset>"
        )
    if options_web(commande):
        morceaux.append("<fieldset><legend>Options</legend>")
        morceaux.extend(
            _champ_formulaire(o, donnees.get(o.champ), exemples) for o in options_web(commande)
        )
        morceaux.append("</fieldset>")
    if "csv" in commande.formats:
        table = donnees.get("table")
        table = table if isinstance(table, str) else ""
        exemple = (
            "par exemple 5165325.echeances"
            if commande.chemin[0] == "pret"
            else ("son nom est celui de la table dans le résultat JSON")
        )
        morceaux.append(
            '<fieldset><legend>Sortie</legend><label for="champ-table">Table du CSV <small>'
            f"quand le résultat en a plusieurs (défaut : la principale ; {exemple})</small></label>"
            f'<input type="text" id="champ-table" name="table" value="{escape(table)}">'
            "</fieldset>"
        )
    boutons = [f'<button type="submit" name="format" value="{_AFFICHER}">Calculer</button>']
    boutons.extend(
        f'<button type="submit" name="format" value="{escape(f)}">'
        f"Télécharger {escape(_LIBELLES_FORMATS[f])}</button>"
        for f in commande.formats
        if f in _LIBELLES_FORMATS and _format_disponible(f) and (permis is None or f in permis)
    )
    morceaux.append("<div>" + "".join(boutons) + "</div></form>")
    return "".join(morceaux)


def introuvable(chemin: str, racine: str = "") -> str:
    """La page d'une adresse qui ne désigne aucune commande (liens sous ``racine``, le
    préfixe d'URL du service : ``--root-path`` d'uvicorn, ``root_path`` ASGI)."""
    return _document(
        "Adresse inconnue",
        f'<div class="erreur">Aucune commande « {escape(chemin)} ». '
        f'<a href="{escape(racine)}/">Revenir au tableau d\'amortissement</a>.</div>',
    )


async def _donnees_du_formulaire(
    request: Request, commande: Commande, taille_max: int
) -> tuple[dict[str, Any], str]:
    formulaire = await request.form(max_files=100, max_fields=200, max_part_size=taille_max)
    listes = {o.champ for o in options_web(commande) if o.action == "append" or o.nargs == "*"}
    cases = {o.champ for o in options_web(commande) if o.action == "store_true"}
    scenarios = {o.champ for o in options_web(commande) if o.fichier == "scenario"}
    donnees: dict[str, Any] = {}
    bouton = formulaire.get("format")
    bouton = bouton if isinstance(bouton, str) and bouton else _AFFICHER
    for cle in dict.fromkeys(formulaire.keys()):
        if cle == "format" or (cle == "table" and bouton not in ("csv", "csv-excel")):
            continue
        valeurs: list[Any] = []
        for valeur in formulaire.getlist(cle):
            if isinstance(valeur, UploadFile):
                if valeur.filename:
                    valeurs.append(Fichier(valeur.filename, await valeur.read()))
            elif valeur.strip():
                valeurs.append(valeur.strip())
        if not valeurs:
            continue
        fichiers = [v for v in valeurs if isinstance(v, Fichier)]
        if cle in cases:
            donnees[cle] = True
        elif cle in scenarios and fichiers:  # la trajectoire envoyée prime sur le texte
            donnees[cle] = fichiers[0]
        else:
            donnees[cle] = valeurs if cle in listes else valeurs[0]
    return donnees, bouton


async def repondre(
    request: Request,
    commande: Commande,
    taille_max: int,
    calculateur: Calculateur,
    permis: frozenset[str] | None = None,
) -> Response:
    """La page d'une commande : son formulaire (``GET``, ``HEAD``) ; après envoi, le résultat
    (ou l'erreur en français, statut 422, 503 ou 504) sous le formulaire, ou le fichier
    demandé (s'il est d'un format ``permis`` ; ``None`` : tous)."""
    aide = _aide_de_commande(commande)
    titre = aide[:1].upper() + aide[1:]
    entete = f"<h2>{escape(titre)}</h2>"
    racine = str(request.scope.get("root_path", "")).rstrip("/")
    if request.method in ("GET", "HEAD"):
        return HTMLResponse(
            _document(titre, entete + _formulaire(commande, {}, racine, permis), commande, racine)
        )
    donnees, bouton = await _donnees_du_formulaire(request, commande, taille_max)
    entetes: dict[str, str] = {}
    try:
        if bouton == _AFFICHER:
            contenu = await calculateur.calculer(
                commande.chemin, donnees, format_defaut=commande.formats[0], afficher=True
            )
            section = f'<section id="resultat">{contenu}</section>'
            statut = 200
        else:
            verifier_format(bouton, permis)
            reponse = await calculateur.calculer(commande.chemin, {**donnees, "format": bouton})
            return Response(
                reponse.contenu,
                media_type=reponse.type,
                headers={"Content-Disposition": f'attachment; filename="{reponse.nom}"'},
            )
    except ErreurCollectivites as exc:
        section = f'<div class="erreur" role="alert">Erreur : {escape(str(exc))}</div>'
        statut = 422
    except RefusDuService as exc:
        section = f'<div class="erreur" role="alert">{escape(exc.message)}</div>'
        statut = exc.statut
        entetes = exc.entetes
    corps = entete + _formulaire(commande, donnees, racine, permis) + section
    return HTMLResponse(
        _document(titre, corps, commande, racine), status_code=statut, headers=entetes
    )
