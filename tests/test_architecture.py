"""L'architecture tient ses promesses (CONCEPTION.md) : pas de cycle d'imports, pas de fonction
de plus de 80 lignes, aucun moteur n'importe un rendu, des modules d'implémentation privés."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src"
PAQUET = SRC / "collectivites"
LONGUEUR_MAX = 80
MOTEURS = ("collectivites.prets", "collectivites.regles", "collectivites.dette")


def _modules() -> dict[str, Path]:
    resultat = {}
    for chemin in PAQUET.rglob("*.py"):
        parties = list(chemin.relative_to(SRC).with_suffix("").parts)
        if parties[-1] == "__init__":
            parties = parties[:-1]
        resultat[".".join(parties)] = chemin
    return resultat


MODULES = _modules()


def _sous_type_checking(noeud: ast.AST, parents: dict[ast.AST, ast.AST]) -> bool:
    while noeud in parents:
        noeud = parents[noeud]
        if isinstance(noeud, ast.If) and "TYPE_CHECKING" in ast.unparse(noeud.test):
            return True
    return False


def _absolu(module: str, noeud: ast.ImportFrom) -> str | None:
    """Le nom absolu du module d'un ``from … import`` (les imports relatifs compris)."""
    if noeud.level == 0:
        return noeud.module
    paquet = module if MODULES[module].name == "__init__.py" else module.rpartition(".")[0]
    base = paquet.rsplit(".", noeud.level - 1)[0] if noeud.level > 1 else paquet
    return f"{base}.{noeud.module}" if noeud.module else base


def _imports(module: str, *, annotations: bool = True) -> set[str]:
    """Modules du paquet importés par ``module`` : imports tardifs (dans les fonctions) et
    relatifs compris, et, avec ``annotations``, ceux réservés au typage (``if TYPE_CHECKING``).

    Un import réservé au typage ne s'exécute jamais, mais c'est une dépendance de conception :
    un résultat qui importait sa présentation à l'appel de ``decrire`` pendant que la
    présentation l'importait pour ses annotations formait un cycle que le graphe sans eux ne
    voyait pas (prêts, délais, indemnités, logement, REP, paiements, dette)."""
    arbre = ast.parse(MODULES[module].read_text(encoding="utf-8"))
    parents = {
        enfant: parent for parent in ast.walk(arbre) for enfant in ast.iter_child_nodes(parent)
    }
    cibles: set[str] = set()
    for noeud in ast.walk(arbre):
        if not annotations and _sous_type_checking(noeud, parents):
            continue
        if isinstance(noeud, ast.Import):
            noms = [a.name for a in noeud.names]
        elif isinstance(noeud, ast.ImportFrom) and (origine := _absolu(module, noeud)):
            noms = [origine] + [f"{origine}.{a.name}" for a in noeud.names]
        else:
            continue
        cibles.update(n for n in noms if n in MODULES and n != module)
    return cibles


def _graphe() -> dict[str, set[str]]:
    return {m: _imports(m) for m in MODULES}


def _cycle(graphe: dict[str, set[str]]) -> list[str] | None:
    blanc, gris, noir = 0, 1, 2
    couleur = dict.fromkeys(graphe, blanc)
    pile: list[str] = []

    def visiter(m: str) -> list[str] | None:
        couleur[m] = gris
        pile.append(m)
        for suivant in sorted(graphe[m]):
            if couleur[suivant] == gris:
                return [*pile[pile.index(suivant) :], suivant]
            if couleur[suivant] == blanc and (trouve := visiter(suivant)):
                return trouve
        pile.pop()
        couleur[m] = noir
        return None

    for module in sorted(graphe):
        if couleur[module] == blanc and (trouve := visiter(module)):
            return trouve
    return None


def test_aucun_cycle_d_imports() -> None:
    """Ni à l'exécution, ni dans les annotations (voir :func:`_imports`)."""
    graphe = _graphe()
    # un paquet qui réexporte ses sous-modules (façade) n'est pas un cycle : on retire les arêtes
    # d'un module vers son propre paquet parent
    for module, cibles in graphe.items():
        graphe[module] = {c for c in cibles if not module.startswith(c + ".")}
    assert _cycle(graphe) is None, " → ".join(_cycle(graphe) or [])


def test_le_detecteur_voit_un_cycle_par_les_annotations() -> None:
    """Le cycle d'avant : ``decrire`` importait la présentation dans la méthode, la
    présentation importait le résultat pour ses annotations."""
    graphe = {
        "paquet._resultat": {"paquet._presentation"},  # import tardif, dans ``decrire``
        "paquet._presentation": {"paquet._resultat"},  # import réservé au typage
        "paquet": {"paquet._resultat", "paquet._presentation"},
    }
    assert _cycle(graphe) == ["paquet._presentation", "paquet._resultat", "paquet._presentation"]
    # ``_hypotheses`` n'importe les modèles que pour ses annotations : l'arête compte
    typage = "collectivites.prets._modeles"
    assert typage in _imports("collectivites.prets._hypotheses")
    assert typage not in _imports("collectivites.prets._hypotheses", annotations=False)


def _est_presentation(module: str) -> bool:
    """Un module de présentation d'un moteur (``_presentation``, ``_garanties_presentation``),
    non le socle commun :mod:`collectivites.presentation`."""
    nom = module.rsplit(".", 1)[-1]
    return nom.startswith("_") and nom.endswith("presentation")


@pytest.mark.parametrize(
    "module",
    sorted(m for m in MODULES if m.startswith(MOTEURS) and not _est_presentation(m)),
)
def test_aucun_resultat_n_importe_sa_presentation(module: str) -> None:
    """Une présentation importe le résultat qu'elle décrit et s'enregistre pour lui
    (:func:`collectivites.presentation.decrit`) ; un résultat, un modèle ou un moteur n'importe
    aucune présentation, même dans une fonction : la dépendance va dans un seul sens."""
    presentations = {m for m in _imports(module) if _est_presentation(m)}
    assert not presentations, presentations


def test_chaque_presentation_s_enregistre() -> None:
    """Chaque module de présentation d'un moteur décrit au moins une classe (``@decrit``) :
    sinon :meth:`Presentable.decrire` ne le trouverait pas."""
    sans = [
        m
        for m in MODULES
        if m.startswith(MOTEURS)
        and _est_presentation(m)
        and "@decrit(" not in MODULES[m].read_text(encoding="utf-8")
    ]
    assert not sans, sans


def _fonctions() -> Iterator[tuple[str, str, int]]:
    for module, chemin in MODULES.items():
        arbre = ast.parse(chemin.read_text(encoding="utf-8"))
        for noeud in ast.walk(arbre):
            if isinstance(noeud, ast.FunctionDef | ast.AsyncFunctionDef):
                assert noeud.end_lineno is not None
                yield module, noeud.name, noeud.end_lineno - noeud.lineno + 1


def test_aucune_fonction_de_plus_de_80_lignes() -> None:
    longues = [f"{m}.{f} ({n} lignes)" for m, f, n in _fonctions() if n > LONGUEUR_MAX]
    assert not longues, longues


@pytest.mark.parametrize("module", sorted(m for m in MODULES if m.startswith(MOTEURS)))
def test_aucun_moteur_n_importe_un_rendu(module: str) -> None:
    """Les résultats se décrivent (tables) ; seuls les rendus génériques écrivent les formats."""
    interdits = {
        m for m in _imports(module) if m.startswith(("collectivites.rendu", "collectivites.cli"))
    }
    assert not interdits, interdits


#: Les seuls sous-modules publics d'un moteur, chacun avec sa page de référence.
DOCUMENTES = {"collectivites.prets.rouages": "docs/reference/prets-rouages.md"}


def test_modules_publics_documentes() -> None:
    racine = SRC.parent
    for module, page in DOCUMENTES.items():
        assert module in MODULES, module
        assert f"::: {module}" in (racine / page).read_text(encoding="utf-8"), page


@pytest.mark.parametrize(
    "paquet",
    [
        "collectivites.prets",
        "collectivites.regles.delais",
        "collectivites.regles.rsa",
        "collectivites.regles.rep",
        "collectivites.calendrier",
    ],
)
def test_modules_d_implementation_prives(paquet: str) -> None:
    """Un moteur expose sa façade (``__init__``) ; ses modules d'implémentation sont privés, sauf
    les modules publics documentés pour les auteurs de moteurs (``DOCUMENTES``)."""
    publics = [
        m
        for m in MODULES
        if m.startswith(paquet + ".")
        and not m.rsplit(".", 1)[1].startswith("_")
        and m not in DOCUMENTES
    ]
    assert not publics, publics


def test_aucun_flottant_dans_le_code_des_moteurs() -> None:
    """Pas de littéral flottant ni d'appel à ``float`` dans le code : les montants sont des
    ``Decimal``."""
    trouves = []
    # Le dessin des graphiques (matplotlib) travaille en flottants ; les montants du document
    # qu'il dessine restent exacts, et aucun chiffre n'en sort.
    # Les délais du service web (secondes d'attente d'un corps, d'un calcul) sont des durées
    # passées à anyio et uvicorn, qui les veulent en flottants ; jamais un montant.
    dessin = {
        "collectivites.rendu._graphique",
        "collectivites.web._limites",
        "collectivites.web._application",
        "collectivites.cli._service",
    }
    for module, chemin in MODULES.items():
        if module in dessin:
            continue
        arbre = ast.parse(chemin.read_text(encoding="utf-8"))
        seuils = {
            id(k.value) for k in ast.walk(arbre) if isinstance(k, ast.keyword) and k.arg == "cutoff"
        }
        for noeud in ast.walk(arbre):
            if id(noeud) in seuils:  # seuil de ressemblance de difflib, pas un nombre du métier
                continue
            if isinstance(noeud, ast.Constant) and isinstance(noeud.value, float):
                trouves.append(f"{module}:{noeud.lineno}")
            if isinstance(noeud, ast.Call) and ast.unparse(noeud.func) == "float":
                trouves.append(f"{module}:{noeud.lineno}")
    assert not trouves, trouves
