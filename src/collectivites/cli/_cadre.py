"""Le cadre de la ligne de commande : une commande est une ligne de table (chemin, options,
source d'entrée, calcul, formats) ; un seul analyseur et un seul exécutant pour toutes.

L'exécutant charge l'entrée (dossier ou exemple), calcule, décrit le résultat, le rend dans le
format demandé et l'écrit — dans un fichier, atomiquement (fichier temporaire puis
remplacement : une écriture qui échoue n'abîme jamais un fichier existant), ou sur la sortie
standard.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import sys
from collections.abc import Callable, Sequence
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
    ``--version``), titres et messages d'erreur (code 2)."""

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
        sous.add_argument(
            "--table",
            metavar="CLÉ",
            help="table à écrire en CSV quand le résultat en a plusieurs (défaut : la principale)",
        )
        sous.add_argument(
            "--sortie",
            metavar="FICHIER",
            help="fichier de sortie (défaut : sortie standard ; obligatoire pour xlsx)",
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
                groupe = groupes[prefixe[:-1]].add_parser(
                    prefixe[-1], help=_aide_groupe(commandes, prefixe), version=version
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
    return f"{', '.join(actions)}"


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
    contenu, code = produire(args)
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
    code = getattr(resultat, "code_de_sortie", 0)
    return contenu, code if isinstance(code, int) else 0


def _meme_fichier(a: str, b: str) -> bool:
    from pathlib import Path  # démarrage léger : chargé pour écrire un fichier

    try:
        return Path(a).resolve() == Path(b).resolve()
    except (OSError, ValueError):
        return False


def ecrire(contenu: str | bytes, sortie: str | None) -> None:
    """Écrit ``contenu`` sur la sortie standard, ou atomiquement dans ``sortie``."""
    import tempfile  # démarrage léger : chargés pour écrire un fichier
    from pathlib import Path

    if not sortie:
        if isinstance(contenu, bytes):
            sys.stdout.buffer.write(contenu)
        else:
            sys.stdout.write(contenu)
        return
    octets = contenu if isinstance(contenu, bytes) else contenu.encode("utf-8")
    cible = Path(sortie)
    if cible.is_dir():
        raise ErreurSortie("c'est un répertoire", fichier=sortie, attendu="un chemin de fichier")
    repertoire = cible.parent if str(cible.parent) else Path(".")
    try:
        descripteur, temporaire = tempfile.mkstemp(prefix=f".{cible.name}.", dir=repertoire)
    except OSError as exc:
        raise ErreurSortie(f"écriture impossible ({exc.strerror or exc})", fichier=sortie) from None
    try:
        with os.fdopen(descripteur, "wb") as flux:
            flux.write(octets)
        if cible.exists():
            os.chmod(temporaire, cible.stat().st_mode & 0o7777)
        else:
            masque = os.umask(0)
            os.umask(masque)
            os.chmod(temporaire, 0o666 & ~masque)
        os.replace(temporaire, cible)
    except OSError as exc:
        Path(temporaire).unlink(missing_ok=True)
        raise ErreurSortie(f"écriture impossible ({exc.strerror or exc})", fichier=sortie) from None


def lancer(racine: argparse.ArgumentParser, argv: Sequence[str] | None) -> int:
    """Analyse, exécute ; traduit toute erreur en message français et code de sortie (2 pour
    une entrée invalide, 1 pour un défaut de la bibliothèque — ou des écarts trouvés par un
    rapprochement —, 130 pour une interruption)."""
    args = racine.parse_args(argv)
    args.terminal = sys.stderr.isatty()  # avancement affiché sur un terminal seulement
    try:
        return executer(args)
    except ErreurCollectivites as exc:
        sys.stderr.write(f"collectivites : erreur : {exc}\n")
        return 2
    except BrokenPipeError:  # sortie fermée par « | head »
        return 0
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
