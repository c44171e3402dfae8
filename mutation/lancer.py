"""Tests de mutation des modules du paquet (mutmut 3), chaque mutant dans un interpréteur neuf.

    python mutation/lancer.py                       # tous les modules (des heures)
    python mutation/lancer.py --jamais-passes       # les modules qui n'ont jamais été passés
    python mutation/lancer.py prets/_tableau.py     # un module (chemin sous src/collectivites)
    python mutation/lancer.py --rapport             # relire le dernier passage sans relancer

Trois étapes :

1. préparer ``build/mutation`` : une copie de ``src`` où les décorateurs ``@moteur``,
   ``@functools.cache``, ``@functools.lru_cache(…)`` et ``@property`` sont déplacés après la
   définition (``f = moteur(f)``) — mutmut ne mute pas une fonction décorée, et ce sont justement
   les fonctions publiques des moteurs ; les fonctions de présentation (``decrire``,
   explications) sont exclues ; ``tests/`` (sans les tests de fuzz, aléatoires) avec un
   ``conftest`` qui vide les caches avant chaque test — sans quoi seul le premier test qui
   appelle une fonction en cache passe par le code de mutmut, qui n'associe qu'elle à la
   fonction — et ``pyproject.toml`` avec sa section ``[tool.mutmut]`` ;
2. ``mutmut run`` : chaque mutant est exécuté dans un processus neuf, issu d'un serveur qui a
   seulement collecté les tests (``process_isolation = "forkserver"``, ``forkserver_warmup =
   "collect"``) ; le ``conftest`` de l'atelier vide tous les caches avant chaque test : aucun
   résultat mis en cache (``functools.cache``, séries lues) ne cache un mutant ;
3. lire les résultats, écarter les mutants jugés équivalents (``mutation/equivalents.toml``,
   chacun avec sa raison), écrire le score par module dans ``mutation/resultats.md`` ; le code de
   sortie est 1 si un module est sous 95 %.
"""

from __future__ import annotations

import argparse
import collections
import datetime as dt
import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import libcst as cst

RACINE = Path(__file__).resolve().parent.parent
ATELIER = RACINE / "build" / "mutation"
EQUIVALENTS = RACINE / "mutation" / "equivalents.toml"
RESULTATS = RACINE / "mutation" / "resultats.md"
SCORES = RACINE / "mutation" / "scores.toml"
SEUIL = 0.95
#: Copiés dans l'atelier à côté de src : les tests lisent la documentation et ses exemples.
AUSSI = (
    "tests",
    "docs",
    "README.md",
    "CHANGELOG.md",
    "mkdocs.yml",
    "noxfile.py",
    "benchmarks",
    ".ci",
    "LICENSE",
    "MANIFEST.in",
)

#: Tous les modules du paquet (chemins sous src/collectivites), dans l'ordre alphabétique : le
#: défaut d'un passage, et la liste du tableau de ``resultats.md`` (un module jamais passé y
#: figure, marqué comme tel).
SOURCES = RACINE / "src" / "collectivites"
MODULES = tuple(sorted(p.relative_to(SOURCES).as_posix() for p in SOURCES.rglob("*.py")))

#: Décorateurs déplacés après la définition (les autres, comme ``@x.validator`` d'attrs,
#: restent : mutmut laisse alors la fonction telle quelle).
_DEPLACABLES = re.compile(
    r"^(moteur(\(.*\))?|functools\.cache|functools\.lru_cache\(.*\)|property)$"
)
#: Fonctions de présentation (libellés, explications en clair, faits d'un document) : exclues
#: de la mutation, leur texte est vérifié par les tests de rendu et de documentation, pas par des
#: chiffres ; que chaque fait montre la valeur calculée est vérifié à part (test_faits).
_PRESENTATION = re.compile(r"^(decrire|_repr_html_|__repr__|__str__|_explication\w*|_faits\w*)$")

#: Lignes que mutmut ne mute pas : les lignes qui ne sont qu'un morceau de texte (suite d'un
#: message d'erreur, d'une explication ou d'une hypothèse écrite en français). Le texte des
#: messages est vérifié par les tests d'entrées hostiles, pas par la mutation.
MOTIFS_EXCLUS = (r'^\s*(rf|fr|f|r)?"[^"]*"\s*,?\s*\)?\s*$',)


_VIDER_LES_CACHES = """

# --- ajouté par mutation/lancer.py : chaque test part de caches vides -------------------------
def pytest_runtest_setup(item):
    import sys

    for nom, module in list(sys.modules.items()):
        if nom.startswith("collectivites") and module is not None:
            for objet in list(vars(module).values()):
                while objet is not None:  # @moteur enveloppe parfois le cache
                    vider = getattr(objet, "cache_clear", None)
                    if callable(vider):
                        vider()
                    objet = getattr(objet, "__wrapped__", None)


# --- ajouté par mutation/lancer.py : identifiants des paramètres en octets ---------------------
# Sans échappement des identifiants (voir preparer), pytest garderait des octets dans
# l'identifiant d'un test paramétré par b"…" et refuserait de le collecter (TypeError) : ils
# sont écrits comme Python les écrit, en ASCII.
def pytest_make_parametrize_id(config, val, argname):
    if isinstance(val, bytes):
        return repr(val)
    return None
"""


class _Deplacer(cst.CSTTransformer):
    """``@d def f`` → ``def f`` suivi de ``f = d(f)`` ; fonctions de présentation marquées
    « pragma: no mutate block »."""

    def _deplacer(self, corps: list[cst.BaseStatement]) -> list[cst.BaseStatement]:
        resultat: list[cst.BaseStatement] = []
        for instruction in corps:
            if not isinstance(instruction, cst.FunctionDef):
                resultat.append(instruction)
                continue
            codes = [cst.Module([]).code_for_node(d.decorator) for d in instruction.decorators]
            if not all(_DEPLACABLES.match(c) for c in codes):
                resultat.append(instruction)
                continue
            nom = instruction.name.value
            fonction = instruction.with_changes(decorators=())
            if _PRESENTATION.match(nom) and isinstance(fonction.body, cst.IndentedBlock):
                entete = fonction.body.header.with_changes(
                    comment=cst.Comment("# pragma: no mutate block")
                )
                fonction = fonction.with_changes(body=fonction.body.with_changes(header=entete))
            resultat.append(fonction)
            if codes:
                expression = nom
                for code in reversed(codes):
                    expression = f"{code}({expression})"
                resultat.append(cst.parse_statement(f"{nom} = {expression}\n"))
        return resultat

    def leave_Module(self, _original: cst.Module, nouveau: cst.Module) -> cst.Module:
        return nouveau.with_changes(body=self._deplacer(list(nouveau.body)))

    def leave_ClassDef(self, _original: cst.ClassDef, nouveau: cst.ClassDef) -> cst.ClassDef:
        if not isinstance(nouveau.body, cst.IndentedBlock):
            return nouveau
        corps = self._deplacer(list(nouveau.body.body))
        return nouveau.with_changes(body=nouveau.body.with_changes(body=corps))


def deplacer_decorateurs(source: str) -> str:
    return cst.parse_module(source).visit(_Deplacer()).code


def preparer(modules: list[str], processus: int, tests: list[str] | None = None) -> None:
    if ATELIER.exists():
        shutil.rmtree(ATELIER)
    ATELIER.mkdir(parents=True)
    for chemin in (RACINE / "src").rglob("*"):
        cible = ATELIER / chemin.relative_to(RACINE)
        if chemin.is_dir() or "__pycache__" in chemin.parts or ".egg-info" in str(chemin):
            continue
        cible.parent.mkdir(parents=True, exist_ok=True)
        if chemin.suffix == ".py":
            cible.write_text(deplacer_decorateurs(chemin.read_text("utf-8")), "utf-8")
        else:
            shutil.copy2(chemin, cible)
    for nom in AUSSI:  # ce que lisent les tests : documentation, exemples, journal
        source = RACINE / nom
        if source.is_dir():
            shutil.copytree(source, ATELIER / nom, ignore=shutil.ignore_patterns("__pycache__"))
        elif source.exists():
            shutil.copy2(source, ATELIER / nom)
    with (ATELIER / "tests" / "conftest.py").open("a", encoding="utf-8") as conftest:
        conftest.write(_VIDER_LES_CACHES)
    pyproject = (RACINE / "pyproject.toml").read_text("utf-8")
    seulement = ", ".join(f'"src/collectivites/{m}"' for m in modules)
    motifs = ", ".join("'" + m + "'" for m in MOTIFS_EXCLUS)
    aussi = ", ".join(f'"{nom}"' for nom in AUSSI if nom not in {"tests", "pyproject.toml"})
    selection = ", ".join(f'"{t}"' for t in (tests or ["tests/"]))
    # Le serveur de mutmut collecte les tests une deuxième fois dans le même processus : pytest y
    # échappe deux fois les identifiants non ASCII (« d\\xe9partement »), qui ne correspondent
    # plus aux noms demandés ; pytest sort en 4, mutmut le compte comme un délai dépassé — un
    # mutant « tué » sans qu'aucun test ait tourné. Les identifiants non échappés restent égaux.
    pyproject += f"""
[tool.mutmut]
source_paths = ["src/"]
only_mutate = [{seulement}]
do_not_mutate_patterns = [{motifs}]
pytest_add_cli_args = [
    "-p", "no:randomly", "-p", "no:cacheprovider", "-q", "-x",
    "--hypothesis-seed=0", "--ignore=tests/test_fuzz.py",
    "-o", "disable_test_id_escaping_and_forfeit_all_rights_to_community_support=true",
]
pytest_add_cli_args_test_selection = [{selection}]
also_copy = [{aussi}]
process_isolation = "forkserver"
forkserver_warmup = "collect"
use_git_change_detection = false
timeout_multiplier = 10.0
"""
    (ATELIER / "pyproject.toml").write_text(pyproject, "utf-8")
    del processus


def lancer(processus: int) -> int:
    env = dict(os.environ, PYTHONPATH="", COLLECTIVITES_DONNEES="")
    commande = [sys.executable, "-m", "mutmut", "run", "--max-children", str(processus)]
    return subprocess.run(commande, cwd=ATELIER, env=env, check=False).returncode


def _resultats() -> dict[str, str]:
    if not ATELIER.is_dir():  # aucun passage ici (--fusionner) : rien à lire
        return {}
    sortie = subprocess.run(
        [sys.executable, "-m", "mutmut", "results", "--all", "true"],
        cwd=ATELIER,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    statuts = {}
    for ligne in sortie.splitlines():
        nom, _, statut = ligne.strip().rpartition(": ")
        if nom:
            statuts[nom] = statut
    return statuts


def equivalents() -> dict[str, str]:
    """Les mutants jugés équivalents : nom → raison (une ligne)."""
    with EQUIVALENTS.open("rb") as flux:
        donnees = tomllib.load(flux)
    resultat = {}
    for entree in donnees.get("mutant", ()):
        raison = entree.get("raison", "").strip()
        if not raison:
            raise SystemExit(f"{EQUIVALENTS.name} : {entree.get('nom')} sans raison")
        resultat[entree["nom"]] = raison
    return resultat


def _module(nom: str) -> str:
    # collectivites.prets._tableau.x_calculer_tableau__mutmut_3 → prets/_tableau.py ;
    # collectivites.dette.x___getattr____mutmut_1 → dette/__init__.py (un paquet : mutmut nomme
    # ses mutants par le nom du paquet, sans « __init__ »)
    chemin = re.sub(r"\.x(ǁ|_).*$", "", nom)
    parties = chemin.split(".")[1:]
    module = "/".join(parties) + ".py"
    if not (SOURCES / module).is_file() and (SOURCES / "/".join(parties) / "__init__.py").is_file():
        return "/".join([*parties, "__init__.py"])
    return module


def _compter(modules: list[str]) -> tuple[dict[str, dict[str, Any]], list[str]]:
    """Les comptes de ce passage, par module, et les équivalents à revoir."""
    statuts = _resultats()
    justes = {nom: r for nom, r in equivalents().items() if _module(nom) in modules}
    inconnus = sorted(set(justes) - set(statuts))
    comptes: dict[str, dict[str, Any]] = {
        m: {"mutants": 0, "tues": 0, "equivalents": 0, "non_juges": 0, "survivants": []}
        for m in modules
    }
    for nom, statut in statuts.items():
        module = _module(nom)
        if module not in comptes:
            continue
        if statut == "not checked":  # passage interrompu : ce mutant n'a pas été jugé
            comptes[module]["non_juges"] += 1
            continue
        c = comptes[module]
        c["mutants"] += 1
        if nom in justes:
            if statut == "killed":
                inconnus.append(f"{nom} (tué : n'est pas équivalent)")
            c["equivalents"] += 1
        elif statut in ("killed", "timeout"):  # un mutant qui fait boucler le calcul est tué
            c["tues"] += 1
        else:
            c["survivants"].append(f"{nom} ({statut})")
    return comptes, inconnus


def _version() -> str:
    """Le commit mesuré (abrégé), marqué « + modifications » si l'arbre n'est pas propre."""

    def git(*args: str) -> str:
        return subprocess.run(
            ["git", *args], cwd=RACINE, capture_output=True, text=True, check=False
        ).stdout.strip()

    commit = git("rev-parse", "--short", "HEAD") or "inconnu"
    return commit + (" + modifications" if git("status", "--porcelain", "--", "src") else "")


def lire_scores() -> dict[str, dict[str, Any]]:
    """Les scores de chaque module au dernier passage qui l'a mesuré (``scores.toml``)."""
    if not SCORES.exists():
        return {}
    with SCORES.open("rb") as flux:
        return dict(tomllib.load(flux).get("modules", {}))


def _toml(valeur: Any) -> str:
    if isinstance(valeur, int):
        return str(valeur)
    if isinstance(valeur, list):
        return "[\n" + "".join(f"    {_toml(v)},\n" for v in valeur) + "]"
    return '"' + str(valeur).replace("\\", "\\\\").replace('"', '\\"') + '"'


def ecrire_scores(scores: dict[str, dict[str, Any]]) -> None:
    lignes = [
        "# Dernier score de mutation de chaque module (écrit par mutation/lancer.py : chaque",
        "# passage remplace les modules qu'il a mesurés et garde les autres).",
    ]
    for module in sorted(scores):
        lignes.append(f'\n[modules."{module}"]')
        for cle in ("mutants", "tues", "equivalents", "non_juges", "date", "commit", "survivants"):
            lignes.append(f"{cle} = {_toml(scores[module].get(cle, 0))}")
    SCORES.write_text("\n".join(lignes) + "\n", "utf-8")


def _lignes_de_code(modules: list[str]) -> int:
    """Les lignes de ces modules qui ne sont ni vides ni des commentaires."""
    return sum(
        1
        for m in modules
        for ligne in (SOURCES / m).read_text("utf-8").splitlines()
        if ligne.strip() and not ligne.lstrip().startswith("#")
    )


def _modifies_depuis(scores: dict[str, dict[str, Any]]) -> set[str]:
    """Les modules dont le source a changé depuis le commit de leur passage (ou dont ce commit
    est introuvable) : leur score est celui d'un texte qui n'est plus tout à fait le leur."""
    modifies: set[str] = set()
    par_commit: dict[str, list[str]] = collections.defaultdict(list)
    for module, c in scores.items():
        par_commit[str(c.get("commit", "")).split(" ")[0]].append(module)
    for commit, modules in par_commit.items():
        sortie = subprocess.run(
            ["git", "diff", "--name-only", commit, "--", "src/collectivites"],
            cwd=RACINE,
            capture_output=True,
            text=True,
            check=False,
        )
        if sortie.returncode != 0:  # commit inconnu de ce dépôt
            modifies.update(modules)
            continue
        changes = {ligne.removeprefix("src/collectivites/") for ligne in sortie.stdout.split()}
        modifies.update(m for m in modules if m in changes)
    return modifies


def rapport(modules: list[str]) -> int:
    """Compte le dernier passage, le range dans ``scores.toml`` avec sa date et son commit, et
    réécrit ``resultats.md`` pour tous les modules mesurés ; 1 si un module est sous le seuil."""
    comptes, inconnus = _compter(modules)
    scores = lire_scores()
    jour, version = f"{dt.datetime.now(tz=dt.UTC).date():%d/%m/%Y}", _version()
    for module, c in comptes.items():  # un module sans aucun mutant est passé aussi (100 %)
        if not c["mutants"] and c["non_juges"]:
            print(f"{module} : aucun mutant jugé, rien n'est enregistré", file=sys.stderr)
            continue  # des mutants, dont aucun jugé : ce n'est pas un passage
        scores[module] = {**c, "date": jour, "commit": version}
    ecrire_scores(scores)
    lignes = [
        "# Score de mutation des modules",
        "",
        "Dernier passage de chaque module (`python mutation/lancer.py [MODULE…]`, mutmut 3, un",
        "interpréteur neuf par mutant ; `mutation/scores.toml` garde les comptes). Score = tués /",
        "(mutants − équivalents justifiés dans `mutation/equivalents.toml`) ; un mutant qui fait",
        "boucler le calcul (délai dépassé) est tué.",
        "",
        "| Module | Mutants | Tués | Équivalents | Survivants | Score | Passage | Commit |",
        "| --- | ---: | ---: | ---: | ---: | ---: | --- | --- |",
    ]
    echec = False
    total = collections.Counter[str]()
    jamais = [m for m in MODULES if m not in scores]
    modifies = _modifies_depuis({m: c for m, c in scores.items() if m in MODULES})
    for module in sorted({*scores, *MODULES}):
        if module in jamais:
            lignes.append(f"| `{module}` | | | | | jamais passé | | |")
            continue
        c = scores[module]
        if module not in MODULES:  # supprimé ou renommé depuis son passage
            lignes.append(f"| `{module}` | | | | | module disparu | {c['date']} | {c['commit']} |")
            continue
        utiles = c["mutants"] - c["equivalents"]
        score = c["tues"] / utiles if utiles else 1.0
        incomplet = c.get("non_juges", 0)
        echec |= module in comptes and (score < SEUIL or bool(incomplet))
        total.update({k: c[k] for k in ("mutants", "tues", "equivalents")})
        note = f" (passage incomplet : {incomplet} mutants non jugés)" if incomplet else ""
        if module in modifies:
            note += " (modifié depuis ce passage)"
        lignes.append(
            f"| `{module}` | {c['mutants']} | {c['tues']} | {c['equivalents']} | "
            f"{utiles - c['tues']} | {score:.1%}{note} | {c['date']} | {c['commit']} |"
        )
    utiles = total["mutants"] - total["equivalents"]
    lignes.append(
        f"| **total** | {total['mutants']} | {total['tues']} | {total['equivalents']} | "
        f"{utiles - total['tues']} | {total['tues'] / utiles if utiles else 1:.1%} | | |"
    )
    lignes += [
        "",
        f"{len(MODULES) - len(jamais)} modules passés sur {len(MODULES)} ; les {len(jamais)} "
        f"autres ({_lignes_de_code(jamais)} lignes de code) n'ont jamais été passés ; "
        f"{len(modifies)} ont changé depuis leur dernier passage (« modifié depuis ce passage » : "
        "le score est celui du texte de ce commit-là).",
    ]
    if any(c["survivants"] for c in scores.values()):
        lignes += ["", "## Survivants", ""]
        for module in sorted(scores):
            lignes += [f"- `{nom}`" for nom in scores[module]["survivants"]]
    if inconnus:
        lignes += ["", "## Équivalents à revoir", ""] + [f"- `{x}`" for x in inconnus]
    RESULTATS.write_text("\n".join(lignes) + "\n", "utf-8")
    print("\n".join(lignes))
    return 1 if echec or inconnus else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("modules", nargs="*", help="modules sous src/collectivites (défaut : tous)")
    parser.add_argument("--processus", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--rapport", action="store_true", help="relire le dernier passage")
    parser.add_argument(
        "--jamais-passes",
        action="store_true",
        help="passer les modules qui n'ont pas encore de score dans mutation/scores.toml",
    )
    parser.add_argument(
        "--tests",
        nargs="+",
        metavar="CHEMIN",
        help="tests qui jugent les mutants (défaut : tests/) ; un sous-ensemble donne un score "
        "prudent (un mutant qu'un autre test tuerait compte comme survivant)",
    )
    parser.add_argument(
        "--fusionner",
        metavar="SCORES",
        help="copier dans mutation/scores.toml les comptes des modules nommés tirés d'un autre "
        "scores.toml (passage fait dans un autre arbre de travail), puis réécrire resultats.md",
    )
    parser.add_argument(
        "--tableau",
        action="store_true",
        help="réécrire resultats.md d'après scores.toml, sans relire de passage",
    )
    parser.add_argument(
        "--reprendre",
        action="store_true",
        help="relancer mutmut dans l'atelier existant (garde les résultats déjà obtenus)",
    )
    args = parser.parse_args()
    if args.jamais_passes:
        modules = [m for m in MODULES if m not in lire_scores()]
    else:
        modules = args.modules or list(MODULES)
    inconnus = [m for m in modules if not (RACINE / "src" / "collectivites" / m).is_file()]
    if inconnus:
        raise SystemExit(f"modules inconnus : {', '.join(inconnus)}")
    if args.tableau:
        return rapport([])
    if args.fusionner:
        with Path(args.fusionner).open("rb") as flux:
            autres = tomllib.load(flux).get("modules", {})
        absents = [m for m in args.modules if m not in autres]
        if not args.modules or absents:
            raise SystemExit(f"modules absents de {args.fusionner} : {', '.join(absents) or '?'}")
        ecrire_scores({**lire_scores(), **{m: autres[m] for m in args.modules}})
        return rapport([])
    if not args.rapport:
        if not args.reprendre:
            preparer(modules, args.processus, args.tests)
        code = lancer(args.processus)
        if code != 0 and _resultats() and not _un_mutant_juge():
            # Des mutants, dont mutmut n'a jugé aucun (tests en échec sous les trampolines,
            # collecte des statistiques impossible) : écrire des comptes à zéro ferait croire à
            # un passage. Sans aucun mutant (un module sans fonction), le passage est complet.
            raise SystemExit(
                f"mutmut a échoué (code {code}) sans juger un seul mutant : rien n'est "
                "enregistré ; lire sa sortie ci-dessus (un test qui échoue dans l'atelier ?)"
            )
    return rapport(args.modules or modules_de_l_atelier())


def _un_mutant_juge() -> bool:
    try:
        return any(statut != "not checked" for statut in _resultats().values())
    except subprocess.CalledProcessError:
        return False


def modules_de_l_atelier() -> list[str]:
    """Les modules que le dernier passage préparé dans l'atelier a mutés (``only_mutate``)."""
    if not (ATELIER / "pyproject.toml").is_file():
        raise SystemExit(f"aucun passage à relire : {ATELIER} n'a pas été préparé")
    with (ATELIER / "pyproject.toml").open("rb") as flux:
        chemins = tomllib.load(flux)["tool"]["mutmut"]["only_mutate"]
    return [c.removeprefix("src/collectivites/") for c in chemins]


if __name__ == "__main__":
    sys.exit(main())
