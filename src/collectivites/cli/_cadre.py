"""Le cadre de la ligne de commande : une commande est une ligne de table (chemin, options,
source d'entrée, calcul, formats) ; un seul analyseur et un seul exécutant pour toutes.

L'exécutant charge l'entrée (dossier ou exemple), calcule, décrit le résultat, le rend dans le
format demandé et l'écrit — dans un fichier, atomiquement (fichier temporaire puis
remplacement : une écriture qui échoue n'abîme jamais un fichier existant), dans un tube ou un
périphérique sans le remplacer, ou sur la sortie standard.
"""

from __future__ import annotations

import argparse
import contextlib
import copy
import datetime as dt
import difflib
import os
import re
import stat
import sys
from collections.abc import Callable, Iterable, Sequence
from typing import Any, NamedTuple, NoReturn

from collectivites.erreurs import ErreurCollectivites, ErreurSortie, ErreurValeur

__all__ = [
    "Commande",
    "Option",
    "Source",
    "analyseur",
    "calculer",
    "ecrire",
    "executer",
    "produire",
    "rendre_resultat",
]


class Option(NamedTuple):
    """Une option : ses noms, son aide (une ligne), son défaut, ses valeurs permises, son
    convertisseur (``type``), ``action`` argparse (``store_true``, ``append``).

    ``fichier`` dit si la valeur désigne un fichier : ``"fichier"`` (toujours un chemin),
    ``"scenario"`` (un mot-clé, un choc ou un chemin) ; le service web ne lit jamais un chemin
    du serveur : il y reçoit le contenu du fichier."""

    noms: tuple[str, ...]
    aide: str
    defaut: Any = None
    choix: tuple[str, ...] | None = None
    type: Callable[[str], Any] | None = None
    obligatoire: bool = False
    action: str | None = None
    metavar: str | None = None
    nargs: str | None = None
    fichier: str | None = None
    #: Offerte par le service web (le choix du moteur de calcul ne l'est pas : un visiteur ne
    #: lance ni processus ni connexion à une grappe du serveur).
    web: bool = True

    @property
    def champ(self) -> str:
        """Le nom de l'option dans l'espace de noms (``--date-arrete`` → ``date_arrete``)."""
        longs = [n for n in self.noms if n.startswith("--")]
        return (longs[0] if longs else self.noms[0]).lstrip("-").replace("-", "_")


class Source(NamedTuple):
    """L'entrée d'une commande : un dossier (chemin) ou un exemple livré."""

    nature: str  # « dossier rSa (TOML) »
    charger: Callable[[str], Any]
    exemple: Callable[[str], Any]


class Commande(NamedTuple):
    """Une commande : ``chemin`` (« pret tableau »), aide, options, source, calcul
    ``executer(entree, args)`` qui rend un résultat présentable, formats permis."""

    chemin: tuple[str, ...]
    aide: str
    executer: Callable[[Any, argparse.Namespace], Any]
    options: tuple[Option, ...] = ()
    source: Source | None = None
    formats: tuple[str, ...] = ("texte", "csv", "csv-excel", "json", "xlsx", "html")
    exemples: tuple[str, ...] = ()
    #: Autres noms de la commande (« serve » pour « servir »).
    alias: tuple[str, ...] = ()


#: Ce que fait chaque groupe de commandes (aide de « collectivites --aide » et du groupe) ; un
#: groupe absent d'ici est décrit par la liste de ses actions.
DESCRIPTIONS_GROUPES: dict[tuple[str, ...], str] = {
    ("delai",): "délais contractuels et légaux sur le calendrier français",
    ("contrat",): "dates d'un contrat : agenda, préavis, renouvellements",
    ("pret",): "prêts de la Caisse des Dépôts : tableau, rapprochement, événements, portefeuille",
    ("rsa",): "acomptes rSa entre département et CAF : retards, régularisation, neutralité",
    ("rep",): "soutiens des éco-organismes (REP) : montants et calendrier de paiement",
    ("indemnites",): "indemnités de fonction des élus : tableau récapitulatif, écrêtement",
    ("logement",): "droits de réservation de logements sociaux en gestion en flux",
    ("donnees",): "séries de référence livrées (Livret A, intérêt légal…) : état et vérification",
    ("dette",): "dette publiée : annexe de la dette des documents budgétaires",
    ("garantie",): "garanties d'emprunt : règles prudentielles et ratio",
    ("paiement",): "retards de paiement de la commande publique : intérêts et indemnité",
}


class _Formateur(argparse.RawDescriptionHelpFormatter):
    """Aide en français : « utilisation : », défaut et valeurs permises de chaque option."""

    def add_usage(self, usage, actions, groups, prefix=None):  # type: ignore[no-untyped-def]
        super().add_usage(
            usage, actions, groups, prefix="utilisation : " if prefix is None else prefix
        )

    def _get_help_string(self, action: argparse.Action) -> str:
        aide = action.help or ""
        complements = []
        if action.choices and not isinstance(action, argparse._SubParsersAction):
            complements.append(f"valeurs : {', '.join(map(str, action.choices))}")
        if action.default not in (None, False, argparse.SUPPRESS, []) and action.option_strings:
            complements.append(f"défaut : {action.default}")
        if complements:
            aide += f" ({' ; '.join(complements)})"
        return aide.replace("%", "%%")


_TRADUCTIONS = {
    "the following arguments are required": "arguments obligatoires manquants",
    "invalid choice": "choix invalide",
    "choose from": "choisir parmi",
    "unrecognized arguments": "arguments non reconnus",
    "expected one argument": "une valeur est attendue",
    "not allowed with argument": "incompatible avec l'argument",
    "one of the arguments": "un des arguments",
    "is required": "est obligatoire",
    "ambiguous option": "option ambiguë",
    "could match": "pourrait être",
    "the following arguments": "les arguments suivants",
}


class _Analyseur(argparse.ArgumentParser):
    """``argparse`` en français : aide (``-h``, ``--help``, ``--aide``), version (``-V``,
    ``--version``), titres et messages d'erreur (code 2). Une option inconnue d'une commande
    est refusée par la commande elle-même (son utilisation, l'option la plus proche) avant que
    sa valeur ne soit prise pour un argument."""

    def __init__(self, *args: Any, version: str = "", **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _Formateur)
        kwargs["add_help"] = False
        kwargs.setdefault("allow_abbrev", False)
        super().__init__(*args, **kwargs)
        self._positionals.title = "arguments"
        self._optionals.title = "options"
        self.add_argument(
            "-h", "--help", "--aide", action="help", help="afficher cette aide et quitter"
        )
        self.add_argument(
            "-V",
            "--version",
            action="version",
            version=version,
            help="afficher la version et quitter",
        )

    def parse_known_args(  # type: ignore[override]
        self, args: Sequence[str] | None = None, namespace: argparse.Namespace | None = None
    ) -> tuple[argparse.Namespace, list[str]]:
        if args is not None and not any(
            isinstance(a, argparse._SubParsersAction) for a in self._actions
        ):
            self._refuser_option_inconnue(args)
        return super().parse_known_args(args, namespace)

    def _refuser_option_inconnue(self, args: Sequence[str]) -> None:
        """« option inconnue --lign (vouliez-vous dire --ligne ?) », avec l'utilisation de la
        commande, au lieu d'une erreur sur l'argument qui prend sa valeur."""
        connues = [o for a in self._actions for o in a.option_strings]
        for arg in args:
            if arg == "--":
                return
            nom = arg.split("=", 1)[0]
            if not nom.startswith("--") or nom in connues:
                continue
            proches = difflib.get_close_matches(nom, connues, n=1, cutoff=0.6)
            suggestion = f" (vouliez-vous dire {proches[0]} ?)" if proches else ""
            self.error(f"option inconnue {nom}{suggestion}")

    def error(self, message: str) -> NoReturn:
        motif = re.compile("|".join(re.escape(a) for a in _TRADUCTIONS))
        message = motif.sub(lambda m: _TRADUCTIONS[m.group(0)], message)
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog} : erreur : {message}\n")


def _ajouter_option(sous: argparse.ArgumentParser, option: Option) -> None:
    parametres: dict[str, Any] = {"help": option.aide}
    if option.action:
        parametres["action"] = option.action
    else:
        parametres["default"] = option.defaut
        if option.type:
            parametres["type"] = option.type
        if option.choix:
            parametres["choices"] = option.choix
        if option.metavar:
            parametres["metavar"] = option.metavar
    if option.nargs:
        parametres["nargs"] = option.nargs
    if option.obligatoire:
        parametres["required"] = True
    sous.add_argument(*option.noms, **parametres)


def _ajouter_commande(
    groupes: dict[tuple[str, ...], Any], commande: Commande, version: str
) -> None:
    parent = groupes[commande.chemin[:-1]]
    epilogue = ""
    if commande.exemples:
        epilogue = "exemples :\n" + "\n".join(f"  {e}" for e in commande.exemples)
    sous = parent.add_parser(
        commande.chemin[-1],
        aliases=list(commande.alias),
        help=commande.aide,
        description=commande.aide,
        epilog=epilogue,
        version=version,
    )
    if commande.source is not None:
        entree = sous.add_mutually_exclusive_group(required=True)
        entree.add_argument("dossier", nargs="?", help=commande.source.nature)
        entree.add_argument("--exemple", help="exemple livré (voir « collectivites exemples »)")
    for option in commande.options:
        _ajouter_option(sous, option)
    if commande.formats:
        sous.add_argument(
            "--format",
            default=commande.formats[0],
            choices=commande.formats,
            help="format de sortie",
        )
        if "csv" in commande.formats or "csv-excel" in commande.formats:
            sous.add_argument(
                "--table",
                metavar="CLÉ",
                help="table à écrire en CSV quand le résultat en a plusieurs (défaut : la "
                "principale ; les clés sont celles du JSON, et une clé inconnue les liste)",
            )
        binaires = [f for f in ("xlsx", "png") if f in commande.formats]
        sous.add_argument(
            "--sortie",
            metavar="FICHIER",
            help="fichier de sortie (défaut : sortie standard"
            + (f" ; obligatoire pour {' et '.join(binaires)})" if binaires else ")"),
        )
    sous.set_defaults(commande=commande)


def analyseur(
    commandes: Sequence[Commande], *, version: str, description: str
) -> argparse.ArgumentParser:
    """L'analyseur de toutes les commandes, groupes (« pret », « rsa ») compris."""
    racine = _Analyseur(prog="collectivites", description=description, version=version)
    groupes: dict[tuple[str, ...], Any] = {
        (): racine.add_subparsers(dest="commande_0", metavar="COMMANDE", parser_class=_Analyseur)
    }
    groupes[()].required = True
    for commande in commandes:
        for rang in range(1, len(commande.chemin)):
            prefixe = commande.chemin[:rang]
            if prefixe not in groupes:
                aide = _aide_groupe(commandes, prefixe)
                groupe = groupes[prefixe[:-1]].add_parser(
                    prefixe[-1], help=aide, description=aide, version=version
                )
                sous = groupe.add_subparsers(
                    dest=f"commande_{rang}", metavar="ACTION", parser_class=_Analyseur
                )
                sous.required = True
                groupes[prefixe] = sous
        _ajouter_commande(groupes, commande, version)
    return racine


def _aide_groupe(commandes: Sequence[Commande], prefixe: tuple[str, ...]) -> str:
    actions = [
        " ".join(c.chemin[len(prefixe) :]) for c in commandes if c.chemin[: len(prefixe)] == prefixe
    ]
    description = DESCRIPTIONS_GROUPES.get(prefixe)
    if description:
        return f"{description} ({', '.join(actions)})"
    return f"actions : {', '.join(actions)}"


def _entree(commande: Commande, args: argparse.Namespace) -> Any:
    if commande.source is None:
        return None
    if args.exemple:
        return commande.source.exemple(args.exemple)
    return commande.source.charger(args.dossier)


def horodatage() -> dt.datetime:
    """L'instant d'écriture d'un iCalendar (DTSTAMP) : ``SOURCE_DATE_EPOCH`` s'il est donné
    (constructions reproductibles), sinon l'horloge."""
    graine = os.environ.get("SOURCE_DATE_EPOCH", "")
    if graine.isdigit():
        return dt.datetime.fromtimestamp(int(graine), dt.UTC)
    return dt.datetime.now(dt.UTC)


def executer(args: argparse.Namespace) -> int:
    """Charge, calcule, décrit, rend et écrit ; rend le code de sortie du résultat (1 pour un
    rapprochement qui trouve des écarts, comme ``diff``, 0 sinon)."""
    format_ = getattr(args, "format", None)
    sortie = getattr(args, "sortie", None)
    if format_ in ("xlsx", "png") and not sortie:
        raise ErreurValeur(
            f"le format {format_} s'écrit dans un fichier",
            cle="--sortie",
            attendu=f"--sortie FICHIER.{format_}",
        )
    if sortie and args.__dict__.get("dossier") and _meme_fichier(sortie, args.dossier):
        raise ErreurValeur(
            "la sortie écraserait le dossier d'entrée", cle="--sortie", valeur=sortie
        )
    resultat = calculer(args)
    en_flot = getattr(resultat, "morceaux_de_sortie", None)
    if en_flot is not None and not getattr(args, "table", None):
        # un grand résultat (projection de portefeuille par ligne) s'écrit par morceaux, sur la
        # sortie standard comme dans un fichier : la mémoire ne suit pas la taille de la sortie
        ecrire(en_flot(format_ or "texte"), sortie)
        return 0
    contenu, code = rendre_resultat(resultat, format_, getattr(args, "table", None))
    ecrire(contenu, sortie)
    return code


def calculer(args: argparse.Namespace) -> Any:
    """Charge l'entrée de la commande et calcule : le résultat présentable (ou un texte)."""
    commande: Commande = args.commande
    return commande.executer(_entree(commande, args), args)


def produire(args: argparse.Namespace) -> tuple[str | bytes, int]:
    """Charge, calcule, décrit et rend dans le format demandé, sans rien écrire ; rend le
    contenu et le code de sortie du résultat."""
    return rendre_resultat(
        calculer(args), getattr(args, "format", None), getattr(args, "table", None)
    )


def rendre_resultat(
    resultat: Any, format_: str | None, table: str | None = None
) -> tuple[str | bytes, int]:
    """Le résultat d'un calcul rendu dans ``format_`` (la ligne de commande et le service web) ;
    avec le code de sortie du résultat (1 pour un rapprochement qui trouve des écarts)."""
    if isinstance(resultat, str | bytes):
        return resultat, 0
    options: dict[str, Any] = {"horodatage": horodatage()} if format_ == "ics" else {}
    if table:
        if format_ not in ("csv", "csv-excel"):
            raise ErreurValeur("--table ne sert qu'aux formats csv et csv-excel", cle="--table")
        options["table"] = table
    contenu = resultat.rendre(format_ or "texte", **options)
    if format_ == "html" and isinstance(contenu, str):
        from collectivites.rendu._html import page_html

        # un fichier .html autonome (encodage déclaré), pas un fragment de carnet
        contenu = page_html(contenu, getattr(resultat.decrire(), "titre", ""))
    code = getattr(resultat, "code_de_sortie", 0)
    return contenu, code if isinstance(code, int) else 0


def _meme_fichier(a: str, b: str) -> bool:
    from pathlib import Path  # démarrage léger : chargé pour écrire un fichier

    try:
        return Path(a).resolve() == Path(b).resolve()
    except (OSError, ValueError):
        return False


def ecrire(contenu: str | bytes | Iterable[str | bytes], sortie: str | None) -> None:
    """Écrit ``contenu`` sur la sortie standard ou dans le fichier ``sortie``.

    Un fichier ordinaire (ou un chemin nouveau) est écrit atomiquement : fichier temporaire
    dans son répertoire, puis remplacement — une écriture qui échoue (disque plein, limite
    ``ulimit -f``…) laisse l'ancien fichier intact et aucun fichier à moitié écrit. Un lien
    symbolique vers un fichier ordinaire reste un lien : c'est sa cible qui est remplacée. Un
    tube, un périphérique caractère (``/dev/null``, un terminal) ou ``/dev/stdout`` est écrit
    directement, jamais remplacé par un fichier ordinaire. Un répertoire, une socket ou un
    disque (périphérique bloc) est refusé. Toute erreur devient une :class:`ErreurSortie` en
    français qui nomme le fichier.
    """
    morceaux = (contenu,) if isinstance(contenu, str | bytes) else contenu
    if sortie is None:
        for morceau in morceaux:
            _ecrire_sortie_standard(morceau)
        return
    if not sortie:
        raise ErreurSortie("chemin de fichier vide", cle="--sortie", attendu="un chemin de fichier")
    flot = (_en_octets(morceau, sortie) for morceau in morceaux)
    _ignorer_sigxfsz()
    if _a_remplacer(sortie):
        _remplacer(flot, sortie)
    else:
        _ecrire_directement(flot, sortie)


def _refus(sortie: str, exc: BaseException, quoi: str = "écriture impossible") -> ErreurSortie:
    from collectivites._systeme import raison_systeme

    if isinstance(exc, ValueError):  # « embedded null byte »
        return ErreurSortie(f"{quoi} (caractère nul dans le chemin)", fichier=repr(sortie)[1:-1])
    return ErreurSortie(f"{quoi} ({raison_systeme(exc)})", fichier=sortie)


def _en_octets(contenu: str | bytes, sortie: str) -> bytes:
    if isinstance(contenu, bytes):
        return contenu
    try:
        return contenu.encode("utf-8")
    except UnicodeEncodeError:
        raise ErreurSortie(
            "texte non encodable en UTF-8 (caractère isolé d'un nom de fichier ?)", fichier=sortie
        ) from None
    except OSError as exc:
        raise _refus(sortie, exc) from None


def _ignorer_sigxfsz() -> None:
    """Au-delà de la limite de taille des fichiers (``ulimit -f``), le système envoie SIGXFSZ,
    qui tue le processus, au lieu de faire échouer l'écriture. CPython l'ignore déjà à son
    démarrage ; un interpréteur embarqué sans gestion des signaux ne le fait pas : on s'en
    assure, pour que l'écriture échoue (EFBIG) et que l'erreur soit dite en français, sans rien
    laisser à moitié écrit."""
    import signal
    import threading

    sigxfsz = getattr(signal, "SIGXFSZ", None)  # absent sous Windows
    if sigxfsz is not None and threading.current_thread() is threading.main_thread():
        signal.signal(sigxfsz, signal.SIG_IGN)


def _a_remplacer(sortie: str) -> bool:
    """Vrai si ``sortie`` (liens suivis) est un fichier ordinaire ou un chemin nouveau, à
    écrire atomiquement ; faux pour un tube, un périphérique caractère ou ce qui passe par
    ``/proc`` (``/dev/stdout``), à écrire directement. Refuse ce qui ne s'écrit pas."""
    try:
        mode = os.stat(sortie).st_mode
    except FileNotFoundError:
        if sortie.endswith(("/", os.sep)):
            raise ErreurSortie(
                "ce chemin désigne un répertoire (barre oblique finale)",
                fichier=sortie,
                attendu="un chemin de fichier",
            ) from None
        return True
    except (OSError, ValueError) as exc:
        raise _refus(sortie, exc) from None
    if stat.S_ISDIR(mode):
        raise ErreurSortie(
            "c'est un répertoire, pas un fichier", fichier=sortie, attendu="un chemin de fichier"
        )
    if stat.S_ISBLK(mode) or stat.S_ISSOCK(mode):
        raise ErreurSortie(
            "c'est une socket ou un disque (périphérique bloc) : écriture refusée",
            fichier=sortie,
            attendu="un fichier, un tube ou un périphérique caractère (/dev/stdout)",
        )
    return stat.S_ISREG(mode) and not _par_proc(sortie)


def _par_proc(sortie: str) -> bool:
    """Le chemin passe-t-il par ``/proc`` (``/dev/stdout``, ``/dev/fd/3``) ? Sa « cible »
    est alors un descripteur ouvert par le shell : on y écrit sans jamais la remplacer."""
    courant = os.path.abspath(sortie)
    for _ in range(40):
        repertoire = os.path.realpath(os.path.dirname(courant))
        if repertoire == "/proc" or repertoire.startswith("/proc/"):
            return True
        courant = os.path.join(repertoire, os.path.basename(courant))
        if not os.path.islink(courant):
            return False
        try:
            courant = os.path.join(repertoire, os.readlink(courant))
        except OSError:
            return False
    return False


def _ecrire_directement(morceaux: Iterable[bytes], sortie: str) -> None:
    """Écrit dans un tube ou un périphérique caractère existant, sans le remplacer (ni le
    tronquer : ajout en fin pour un fichier redirigé par le shell)."""
    drapeaux = os.O_WRONLY | os.O_APPEND | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        descripteur = os.open(sortie, drapeaux)
    except (OSError, ValueError) as exc:
        raise _refus(sortie, exc) from None
    try:
        with os.fdopen(descripteur, "wb") as flux:
            for octets in morceaux:
                flux.write(octets)
    except (BrokenPipeError, ErreurSortie):  # lecteur parti (« | head ») ; morceau déjà refusé
        raise
    except OSError as exc:
        raise _refus(sortie, exc) from None


def _remplacer(morceaux: Iterable[bytes], sortie: str) -> None:
    """Écriture atomique dans le fichier ordinaire (ou nouveau) que désigne ``sortie`` : la
    cible d'un lien symbolique, jamais le lien lui-même."""
    import tempfile  # démarrage léger : chargé pour écrire un fichier

    cible = os.path.realpath(sortie)
    ancien = _etat_ancien(cible, sortie)
    repertoire, nom = os.path.split(cible)
    try:
        descripteur, temporaire = tempfile.mkstemp(prefix=f".{nom[:32]}.", dir=repertoire)
    except OSError as exc:
        if isinstance(exc, FileNotFoundError):
            raise ErreurSortie(
                f"le répertoire « {repertoire} » n'existe pas", fichier=sortie
            ) from None
        if isinstance(exc, PermissionError):
            pourquoi = "" if ancien is None else " (le fichier y est remplacé par un nouveau)"
            raise ErreurSortie(
                f"écriture impossible : le répertoire « {repertoire} » n'est pas modifiable"
                + pourquoi,
                fichier=sortie,
            ) from None
        raise _refus(sortie, exc) from None
    try:
        with os.fdopen(descripteur, "wb") as flux:
            for octets in morceaux:
                flux.write(octets)
            flux.flush()
            os.fsync(flux.fileno())
        _droits(temporaire, ancien)
        os.replace(temporaire, cible)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(temporaire)
        # un morceau refusé (texte non encodable) l'est déjà en français : tel quel
        if isinstance(exc, OSError) and not isinstance(exc, ErreurSortie):
            raise _refus(sortie, exc) from None
        raise


def _etat_ancien(cible: str, sortie: str) -> os.stat_result | None:
    """L'état du fichier remplacé (``None`` s'il est nouveau) ; un fichier existant que l'on ne
    peut pas ouvrir en écriture (lecture seule, système de fichiers en lecture seule) est
    refusé, comme le ferait une écriture directe, au lieu d'être remplacé."""
    try:
        etat = os.stat(cible)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise _refus(sortie, exc) from None
    try:
        drapeaux = os.O_WRONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
        os.close(os.open(cible, drapeaux))  # sans troncature
    except OSError as exc:
        raise _refus(sortie, exc) from None
    return etat


def _droits(temporaire: str, ancien: os.stat_result | None) -> None:
    """Le fichier écrit reprend les droits (et, pour root, le propriétaire) de l'ancien ; un
    nouveau fichier, les droits par défaut (0666 moins le masque)."""
    if ancien is None:
        masque = os.umask(0)
        os.umask(masque)
        os.chmod(temporaire, 0o666 & ~masque)
        return
    if hasattr(os, "chown") and (ancien.st_uid, ancien.st_gid) != _proprietaire(temporaire):
        with contextlib.suppress(OSError):  # permis à root seulement
            os.chown(temporaire, ancien.st_uid, ancien.st_gid)
    os.chmod(temporaire, ancien.st_mode & 0o7777)


def _proprietaire(chemin: str) -> tuple[int, int]:
    etat = os.stat(chemin)
    return etat.st_uid, etat.st_gid


def _ecrire_sortie_standard(contenu: str | bytes) -> None:
    """Écrit sur la sortie standard, jusqu'au dernier octet ; une erreur (disque plein derrière
    « > fichier ») est dite en français, et la sortie, devenue inutilisable, est dirigée vers
    ``os.devnull`` pour que la fin du programme ne répète pas l'erreur en anglais."""
    flux = sys.stdout
    try:
        if isinstance(contenu, str) and hasattr(flux, "buffer") and os.linesep == "\n":
            contenu = contenu.encode(flux.encoding, flux.errors or "strict")
        if isinstance(contenu, bytes):
            flux.flush()
            _ecrire_tout(flux.buffer, contenu)
        else:
            flux.write(contenu)
            flux.flush()
    except BrokenPipeError:
        raise
    except UnicodeEncodeError:
        raise ErreurSortie("texte non encodable pour la sortie standard") from None
    except OSError as exc:
        from collectivites._systeme import raison_systeme

        _abandonner_sortie_standard()
        raise ErreurSortie(
            f"écriture impossible sur la sortie standard ({raison_systeme(exc)})"
        ) from None


def _ecrire_tout(tampon: Any, octets: bytes) -> None:
    """Écrit tous les octets : sans tampon (``python -u``, ``PYTHONUNBUFFERED``), la sortie est
    le fichier brut, dont une écriture peut être partielle (limite ``ulimit -f`` atteinte en
    cours de route) sans erreur ; la suivante échoue alors et le dit, au lieu d'une sortie
    tronquée en silence. Une sortie non bloquante pleine est attendue."""
    import select

    vue = memoryview(octets)
    while vue:
        try:
            ecrits = tampon.write(vue)
        except BlockingIOError as exc:
            ecrits = exc.characters_written
        if not ecrits:
            select.select([], [tampon.fileno()], [])
        vue = vue[ecrits or 0 :]
    tampon.flush()


def _abandonner_sortie_standard() -> None:
    with contextlib.suppress(OSError, ValueError, AttributeError):
        nul = os.open(os.devnull, os.O_WRONLY)
        os.dup2(nul, sys.stdout.fileno())
        os.close(nul)


def _options_de(args: argparse.Namespace) -> set[str]:
    commande = getattr(args, "commande", None)
    noms = {"--exemple", "--format", "--table", "--sortie"}
    if isinstance(commande, Commande):
        noms |= {n for o in commande.options for n in o.noms if n.startswith("--")}
    return noms


def message_cli(exc: ErreurCollectivites, args: argparse.Namespace) -> str:
    """Le message d'une erreur en ligne de commande : une clé qui est une option de la commande
    (« --ligne », ou « ligne » hors de tout fichier) est dite « option --ligne », le nom que
    l'utilisateur a tapé, et non « clé « ligne » »."""
    cle = exc.cle
    if not cle or exc.fichier or exc.ligne is not None:
        return str(exc)
    option = cle if cle.startswith("--") else "--" + cle.replace("_", "-")
    if option not in _options_de(args):
        return str(exc)
    copie = copy.copy(exc)
    copie.cle = None
    return f"option {option} : {copie}"


def lancer(racine: argparse.ArgumentParser, argv: Sequence[str] | None) -> int:
    """Analyse, exécute ; traduit toute erreur en message français et code de sortie (2 pour
    une entrée invalide, 1 pour un défaut de la bibliothèque — ou des écarts trouvés par un
    rapprochement —, 130 pour une interruption)."""
    args = racine.parse_args(argv)
    args.terminal = sys.stderr.isatty()  # avancement affiché sur un terminal seulement
    try:
        return executer(args)
    except ErreurCollectivites as exc:
        sys.stderr.write(f"collectivites : erreur : {message_cli(exc, args)}\n")
        return 2
    except BrokenPipeError:  # sortie fermée par « | head »
        return 0
    except OSError as exc:  # fichier de travail d'un rendu (disque plein, ulimit -f…)
        from collectivites._systeme import raison_systeme

        lieu = f"fichier « {exc.filename} » : " if isinstance(exc.filename, str) else ""
        sys.stderr.write(
            f"collectivites : erreur : {lieu}opération sur un fichier impossible "
            f"({raison_systeme(exc)})\n"
        )
        return 2
    except KeyboardInterrupt:
        sys.stderr.write("collectivites : interrompu\n")
        return 130
    except RecursionError:
        sys.stderr.write("collectivites : erreur : entrée trop imbriquée\n")
        return 2
    except MemoryError:
        sys.stderr.write("collectivites : erreur : mémoire insuffisante pour cette entrée\n")
        return 2
    except Exception as exc:  # un vrai défaut : une ligne, jamais de trace de pile
        sys.stderr.write(
            f"collectivites : erreur interne ({type(exc).__name__} : {exc}) ; merci de la "
            "signaler avec la commande lancée\n"
        )
        return 1
