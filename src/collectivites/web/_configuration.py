"""La configuration du service web par variables d'environnement (``COLLECTIVITES_WEB_…``).

Chaque réglage de ``collectivites servir`` a sa variable : une unité systemd
(``Environment=``), un conteneur ou un autre serveur ASGI (``uvicorn collectivites.web:app``)
configurent le service sans changer sa ligne de commande. L'ordre de priorité : l'option de la
ligne de commande (ou l'argument de :func:`collectivites.web.servir`), puis la variable, puis le
défaut. Une variable vide vaut absente ; une valeur invalide, ou une variable
``COLLECTIVITES_WEB_…`` inconnue (faute de frappe), est refusée en français en nommant la
variable — le service ne démarre pas avec une configuration à moitié lue.

Module léger (aucune dépendance de l'extra « web ») : la ligne de commande le lit.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Mapping
from typing import Any, NamedTuple

from collectivites.erreurs import ErreurValeur
from collectivites.web._limites import (
    CONNEXIONS_MAX,
    DELAI_CALCUL,
    DELAI_CORPS,
    DELAI_ENTETES,
    PROCESSUS_MAX,
    TAILLE_MAX_REQUETE,
    lire_secondes,
)

__all__ = [
    "FORMATS",
    "NIVEAUX",
    "PREFIXE",
    "VARIABLES",
    "Variable",
    "en_environnement",
    "lire_booleen",
    "lire_environnement",
    "lire_formats",
    "lire_hote",
    "lire_niveau",
    "lire_nombre",
    "lire_port",
    "lire_prefixe",
    "lire_processus",
    "lire_proxys",
    "verifier_format",
]

PREFIXE = "COLLECTIVITES_WEB_"
#: Les formats de sortie que le service sait rendre (ceux des commandes).
FORMATS = ("texte", "csv", "csv-excel", "json", "xlsx", "html", "ics", "svg", "png")
#: Les niveaux du journal : leur nom français, et le nom qu'uvicorn et ``logging`` comprennent.
NIVEAUX = {
    "debogage": "debug",
    "info": "info",
    "avertissement": "warning",
    "erreur": "error",
    "critique": "critical",
}
_OUI = ("oui", "vrai", "1", "true", "yes", "on")
_NON = ("non", "faux", "0", "false", "no", "off")
_SEGMENT_D_URL = re.compile(r"[A-Za-z0-9._~-]+")
_HOTE = re.compile(r"[A-Za-z0-9.:_-]{1,253}")


def lire_niveau(texte: str) -> str:
    """Le niveau du journal (« info », « avertissement »… ou son nom anglais, « warning »),
    rendu sous le nom qu'uvicorn comprend ; ``ValueError`` sinon."""
    propre = texte.strip().lower().replace("é", "e")
    if propre in NIVEAUX:
        return NIVEAUX[propre]
    if propre in NIVEAUX.values():
        return propre
    raise ValueError(f"un niveau parmi {', '.join(NIVEAUX)}")


def lire_nombre(texte: str, maximum: int = 100_000) -> int:
    """Un entier de 1 à ``maximum`` ; ``ValueError`` sinon (le message dit l'attendu)."""
    propre = texte.strip()
    if not (propre.isascii() and propre.isdigit() and len(propre) <= 6):
        raise ValueError(f"un entier de 1 à {maximum:,}".replace(",", "\u202f"))
    valeur = int(propre)
    if not 1 <= valeur <= maximum:
        raise ValueError(f"un entier de 1 à {maximum:,}".replace(",", "\u202f"))
    return valeur


def lire_port(texte: str) -> int:
    """Un port TCP, de 1 à 65 535."""
    try:
        return lire_nombre(texte, 65_535)
    except ValueError:
        raise ValueError("un port, de 1 à 65 535") from None


def lire_processus(texte: str) -> int:
    """Un nombre de processus de serveur, de 1 à
    :data:`~collectivites.web.PROCESSUS_MAX`."""
    try:
        return lire_nombre(texte, PROCESSUS_MAX)
    except ValueError:
        raise ValueError(f"un nombre de processus, entier de 1 à {PROCESSUS_MAX}") from None


def lire_hote(texte: str) -> str:
    """Une adresse d'écoute : adresse IP ou nom d'hôte, sans espace."""
    propre = texte.strip()
    if not _HOTE.fullmatch(propre):
        raise ValueError("une adresse IP ou un nom d'hôte (127.0.0.1, 0.0.0.0, ::1)")
    return propre


def lire_prefixe(texte: str) -> str:
    """Un préfixe d'URL (``/finances``, ``/outils/collectivites``) : des segments de lettres,
    chiffres, ``.``, ``_``, ``~`` ou ``-`` ; « / » ou vide : la racine (rendue ``""``). La barre
    finale est retirée."""
    propre = texte.strip()
    if propre in ("", "/"):
        return ""
    segments = propre.removesuffix("/").split("/")
    if (
        len(propre) > 200
        or segments[0] != ""
        or not all(_SEGMENT_D_URL.fullmatch(s) and s not in (".", "..") for s in segments[1:])
    ):
        raise ValueError(
            "un chemin d'URL commençant par « / » (/finances), fait de lettres, chiffres, "
            "« . », « _ », « ~ » ou « - »"
        )
    return "/".join(segments)


def lire_formats(texte: str) -> frozenset[str]:
    """Les formats permis, séparés par des virgules ou des espaces (``json,csv,xlsx``) ; le
    JSON l'est toujours (c'est la langue de l'API)."""
    formats = {f for f in re.split(r"[\s,;]+", texte.strip().lower()) if f}
    inconnus = sorted(formats - set(FORMATS))
    if not formats or inconnus:
        raise ValueError(f"des formats parmi {', '.join(FORMATS)}, séparés par des virgules")
    return frozenset(formats | {"json"})


def lire_booleen(texte: str) -> bool:
    """« oui » ou « non » (ou 1/0, vrai/faux, true/false)."""
    propre = texte.strip().lower()
    if propre in _OUI:
        return True
    if propre in _NON:
        return False
    raise ValueError("« oui » ou « non »")


def lire_proxys(texte: str) -> str:
    """Les adresses des proxys de confiance, séparées par des virgules : adresses IP ou réseaux
    (``127.0.0.1``, ``10.0.0.0/8``), ou ``*`` (tous)."""
    import ipaddress

    adresses = [a.strip() for a in texte.split(",") if a.strip()]
    if not adresses:
        raise ValueError("des adresses IP ou des réseaux séparés par des virgules, ou « * »")
    for adresse in adresses:
        if adresse == "*":
            continue
        try:
            ipaddress.ip_network(adresse, strict=False)
        except ValueError:
            raise ValueError(
                "des adresses IP ou des réseaux (127.0.0.1, 10.0.0.0/8) séparés par des "
                "virgules, ou « * »"
            ) from None
    return ",".join(adresses)


def verifier_format(format_: object, permis: frozenset[str] | None) -> None:
    """Refuse un format de sortie que le service ne permet pas (``permis`` ; ``None`` : tous),
    en nommant le champ ``format``."""
    if permis is not None and isinstance(format_, str) and format_ not in permis:
        raise ErreurValeur(
            "format non permis par ce service",
            cle="format",
            valeur=format_,
            attendu=f"un des formats permis : {', '.join(sorted(permis))}",
        )


def _lire_taille(texte: str) -> int:
    """Une taille en Mo, rendue en octets."""
    try:
        return lire_nombre(texte) * 1024 * 1024
    except ValueError:
        raise ValueError("des mégaoctets, entier de 1 à 100 000") from None


class Variable(NamedTuple):
    """Une variable d'environnement : son nom, le paramètre qu'elle règle (``champ``), son
    rôle, son défaut (en texte), sa lecture (``ValueError`` avec l'attendu), et ``serveur`` :
    vraie si elle règle le serveur (``collectivites servir``), fausse si elle règle
    l'application (valable aussi sous ``uvicorn collectivites.web:app``)."""

    nom: str
    champ: str
    role: str
    defaut: str
    lire: Callable[[str], Any]
    serveur: bool


VARIABLES = (
    Variable(f"{PREFIXE}HOTE", "hote", "adresse d'écoute", "127.0.0.1", lire_hote, True),
    Variable(f"{PREFIXE}PORT", "port", "port d'écoute", "8000", lire_port, True),
    Variable(
        f"{PREFIXE}PROCESSUS",
        "processus",
        "processus de serveur (chacun avec ses calculs simultanés)",
        "1",
        lire_processus,
        True,
    ),
    Variable(
        f"{PREFIXE}PREFIXE",
        "prefixe",
        "préfixe d'URL sous lequel le proxy publie le service (/finances)",
        "aucun, la racine",
        lire_prefixe,
        False,
    ),
    Variable(
        f"{PREFIXE}ENTETES_PROXY",
        "entetes_proxy",
        "croire les en-têtes X-Forwarded-For et X-Forwarded-Proto des proxys de confiance",
        "non",
        lire_booleen,
        True,
    ),
    Variable(
        f"{PREFIXE}PROXYS_DE_CONFIANCE",
        "proxys_de_confiance",
        "adresses des proxys dont les en-têtes sont crus (avec ENTETES_PROXY)",
        "127.0.0.1",
        lire_proxys,
        True,
    ),
    Variable(
        f"{PREFIXE}JOURNAL",
        "journal",
        f"niveau du journal ({', '.join(NIVEAUX)})",
        "info",
        lire_niveau,
        True,
    ),
    Variable(
        f"{PREFIXE}TAILLE_MAX",
        "taille_max",
        "taille maximale d'une requête, en Mo (413 au-delà)",
        str(TAILLE_MAX_REQUETE // (1024 * 1024)),
        _lire_taille,
        False,
    ),
    Variable(
        f"{PREFIXE}DELAI_CORPS",
        "delai_corps",
        "secondes pour recevoir le corps d'une requête (408 au-delà)",
        f"{DELAI_CORPS:g}",
        lire_secondes,
        False,
    ),
    Variable(
        f"{PREFIXE}DELAI_CALCUL",
        "delai_calcul",
        "secondes permises à un calcul, tué au-delà (504)",
        f"{DELAI_CALCUL:g}",
        lire_secondes,
        False,
    ),
    Variable(
        f"{PREFIXE}CALCULS_SIMULTANES",
        "calculs_simultanes",
        "calculs en cours à la fois, par processus de serveur (503 au-delà)",
        "un par cœur",
        lire_nombre,
        False,
    ),
    Variable(
        f"{PREFIXE}FORMATS",
        "formats",
        "formats de sortie permis, séparés par des virgules (json l'est toujours)",
        "tous",
        lire_formats,
        False,
    ),
    Variable(
        f"{PREFIXE}DELAI_ENTETES",
        "delai_entetes",
        "secondes pour recevoir les en-têtes d'une requête (connexion fermée au-delà)",
        f"{DELAI_ENTETES:g}",
        lire_secondes,
        True,
    ),
    Variable(
        f"{PREFIXE}CONNEXIONS_MAX",
        "connexions_max",
        "connexions ouvertes au-delà desquelles une requête répond 503",
        str(CONNEXIONS_MAX),
        lire_nombre,
        True,
    ),
)
_PAR_NOM = {v.nom: v for v in VARIABLES}


def lire_environnement(
    environ: Mapping[str, str] | None = None, *, serveur: bool = True
) -> dict[str, Any]:
    """Les réglages donnés par l'environnement (``os.environ`` par défaut), par paramètre
    (``{"taille_max": 20971520, "prefixe": "/finances"}``) ; ceux du serveur seulement si
    ``serveur``. Toutes les variables ``COLLECTIVITES_WEB_…`` sont vérifiées : une valeur
    invalide ou un nom inconnu lève :class:`~collectivites.erreurs.ErreurValeur`, qui nomme la
    variable."""
    environ = os.environ if environ is None else environ
    reglages: dict[str, Any] = {}
    for nom in sorted(n for n in environ if n.startswith(PREFIXE)):
        variable = _PAR_NOM.get(nom)
        if variable is None:
            import difflib

            proches = difflib.get_close_matches(nom, _PAR_NOM, n=1, cutoff=0.75)
            raise ErreurValeur(
                f"variable d'environnement inconnue : {nom}"
                + (f" (vouliez-vous dire {proches[0]} ?)" if proches else ""),
                attendu=f"une des variables {PREFIXE}… de la documentation",
            )
        texte = environ[nom]
        if not texte.strip():
            continue
        try:
            valeur = variable.lire(texte)
        except ValueError as exc:
            raise ErreurValeur(
                f"variable d'environnement {nom} invalide",
                valeur=texte,
                attendu=str(exc),
            ) from None
        if serveur or not variable.serveur:
            reglages[variable.champ] = valeur
    return reglages


def _en_texte(valeur: Any) -> str:
    if isinstance(valeur, bool):
        return "oui" if valeur else "non"
    if isinstance(valeur, frozenset | set | list | tuple):
        return ",".join(sorted(str(v) for v in valeur))
    return str(valeur)


def en_environnement(reglages: Mapping[str, Any]) -> dict[str, str]:
    """Les variables d'environnement qui redonnent ``reglages`` (ceux qui ne sont pas
    ``None``) : ``collectivites servir --processus N`` les transmet ainsi à ses processus de
    serveur, qui lisent l'application dans leur environnement."""
    variables: dict[str, str] = {}
    for variable in VARIABLES:
        valeur = reglages.get(variable.champ)
        if valeur is None:
            continue
        if variable.champ == "taille_max":
            valeur = -(-valeur // (1024 * 1024))  # en Mo, arrondi au-dessus
        variables[variable.nom] = _en_texte(valeur)
    return variables
