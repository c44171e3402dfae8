"""Rendu texte : faits « Libellé : valeur », tables alignées (en-têtes repliés pour tenir dans
100 colonnes), ligne de totaux, hypothèses."""

from __future__ import annotations

import re
import textwrap
from collections.abc import Iterable, Iterator, Sequence

from collectivites.rendu._valeurs import a_droite, chiffres_des_colonnes, ecran
from collectivites.tables import Document, Genre, Table

__all__ = ["en_texte", "morceaux_table", "morceaux_texte", "table_texte"]

_SEPARATION = "  "
#: Blancs que le repli change en espaces (``textwrap``) : une cellule qui en contient est repliée
#: même courte, sinon son saut de ligne couperait la ligne de la table.
_BLANCS_DE_CONTROLE = re.compile(r"[\t\n\r\v\f]")


def _replier(libelle: str, largeur: int) -> list[str]:
    return textwrap.wrap(libelle, width=max(largeur, 1), break_long_words=False) or [""]


#: Largeur d'un terminal usuel.
LARGEUR_ECRAN = 100
_REPLIABLES = {Genre.TEXTE, Genre.CODE}


def _mot_le_plus_long(texte: str) -> int:
    return max((len(m) for m in texte.split()), default=0)


def _mesurer(table: Table, cellules: Iterable[Sequence[str]]) -> tuple[list[int], list[int]]:
    """En un passage sur les cellules (lues une à une, jamais gardées) : la plus longue
    cellule de chaque colonne, et le plus long mot de chaque colonne de texte."""
    n = len(table.colonnes)
    repliables = [i for i, c in enumerate(table.colonnes) if c.genre in _REPLIABLES]
    contenus = [0] * n
    mots: list[int | None] = [None] * n
    for ligne in cellules:
        for i in range(n):
            contenus[i] = max(contenus[i], len(ligne[i]))
        for i in repliables:
            mot = _mot_le_plus_long(ligne[i])
            if mots[i] is None or mot > mots[i]:  # type: ignore[operator]
                mots[i] = mot
    return contenus, [1 if m is None else m for m in mots]


def _ajuster(table: Table, contenus: list[int], mots: list[int]) -> list[int]:
    """Largeurs des colonnes : chacune tient son libellé sur une ligne et ses valeurs ; si la
    table dépasse :data:`LARGEUR_ECRAN`, on replie d'abord les libellés des colonnes (jusqu'à la
    largeur de leurs valeurs), puis les cellules des colonnes de texte, la plus large d'abord.
    ``contenus`` et ``mots`` : voir :func:`_mesurer`."""
    largeurs = [max(n, len(c.libelle)) for n, c in zip(contenus, table.colonnes, strict=True)]
    disponible = LARGEUR_ECRAN - len(_SEPARATION) * (len(largeurs) - 1)
    repliables = [i for i, c in enumerate(table.colonnes) if c.genre in _REPLIABLES]
    minimums_libelles = [
        max(n, _mot_le_plus_long(c.libelle)) for n, c in zip(contenus, table.colonnes, strict=True)
    ]
    minimums_textes = [
        max(_mot_le_plus_long(c.libelle), min(mots[i], 20))
        if i in repliables
        else minimums_libelles[i]
        for i, c in enumerate(table.colonnes)
    ]
    for minimums in (minimums_libelles, minimums_textes):
        while sum(largeurs) > disponible:
            rabotables = [i for i, n in enumerate(largeurs) if n > minimums[i]]
            if not rabotables:
                break
            plus_large = max(rabotables, key=lambda i: largeurs[i] - minimums[i])
            largeurs[plus_large] -= 1
    return largeurs


def _groupes(table: Table, largeurs: list[int]) -> list[list[int]]:
    """Les colonnes par groupes qui tiennent dans :data:`LARGEUR_ECRAN`, chacun précédé des
    colonnes de repère (la première, et la date qui la suit)."""
    reperes = [0]
    if len(table.colonnes) > 1 and table.colonnes[1].genre in (Genre.DATE, Genre.MOIS):
        reperes.append(1)
    base = sum(largeurs[i] + len(_SEPARATION) for i in reperes)
    groupes: list[list[int]] = []
    courant: list[int] = []
    occupe = base
    for i in range(len(reperes), len(largeurs)):
        if courant and occupe + largeurs[i] > LARGEUR_ECRAN:
            groupes.append(reperes + courant)
            courant, occupe = [], base
        courant.append(i)
        occupe += largeurs[i] + len(_SEPARATION)
    if courant:
        groupes.append(reperes + courant)
    return groupes


def _sous_table(table: Table, indices: list[int]) -> Table:
    if not isinstance(table, Table):  # une table en flot (collectivites.rendu._flot)
        return table.sous_table(indices)
    import attrs

    return attrs.evolve(
        table,
        graphique=None,  # un bloc de colonnes ne se dessine pas
        colonnes=tuple(table.colonnes[i] for i in indices),
        lignes=tuple(tuple(ligne[i] for i in indices) for ligne in table.lignes),
    )


def table_texte(table: Table) -> str:
    """Une table alignée ; la ligne de totaux, s'il y en a une, commence par « Total » ; les
    colonnes de texte trop larges sont repliées pour tenir dans 100 colonnes ; une table encore
    trop large s'écrit en plusieurs blocs de colonnes, chacun précédé des colonnes de repère."""
    return "".join(morceaux_table(table))


def morceaux_table(table: Table) -> Iterator[str]:
    """:func:`table_texte` par morceaux : les lignes sont lues deux fois (largeurs, puis
    écriture ; trois avec des taux ou des nombres, dont la colonne entière a le même nombre de
    décimales) et jamais gardées ensemble — ``table.lignes`` peut être une table en flot
    (:mod:`collectivites.rendu._flot`), relue à chaque accès."""
    table = table.pour_ecran()  # une table ou une table en flot : chacune a la sienne
    colonnes = table.colonnes
    # les décimales de chaque colonne de taux ou de nombres : une lecture de plus
    decimales = chiffres_des_colonnes(colonnes, table.lignes)
    totaux = table.totaux()
    ligne_totaux: list[str] | None = None
    if totaux is not None:
        ligne_totaux = [
            ecran(v, c.genre, d) for v, c, d in zip(totaux, colonnes, decimales, strict=True)
        ]
        if not ligne_totaux[0]:
            ligne_totaux[0] = "Total"

    def cellules() -> Iterator[Sequence[str]]:
        for ligne in table.lignes:
            yield [ecran(v, c.genre, d) for v, c, d in zip(ligne, colonnes, decimales, strict=True)]
        if ligne_totaux is not None:
            yield ligne_totaux

    largeurs = _ajuster(table, *_mesurer(table, cellules()))
    if sum(largeurs) + len(_SEPARATION) * (len(largeurs) - 1) > LARGEUR_ECRAN:
        groupes = _groupes(table, largeurs)
        if len(groupes) > 1:
            for rang, groupe in enumerate(groupes):
                if rang:
                    yield "\n"
                yield from morceaux_table(_sous_table(table, groupe))
            return
    droites = [a_droite(c.genre) for c in colonnes]
    entetes = [_replier(c.libelle, n) for c, n in zip(colonnes, largeurs, strict=True)]
    hauteur = max(len(e) for e in entetes)

    def formater(valeurs: Sequence[str]) -> str:
        return _SEPARATION.join(
            v.rjust(largeurs[i]) if droites[i] else v.ljust(largeurs[i])
            for i, v in enumerate(valeurs)
        ).rstrip()

    def lignes_de(valeurs: Sequence[str]) -> list[str]:
        morceaux = [
            _replier(v, largeurs[i])
            if len(v) > largeurs[i] or _BLANCS_DE_CONTROLE.search(v)
            else [v]
            for i, v in enumerate(valeurs)
        ]
        n = max(len(m) for m in morceaux)
        return [formater([(m + [""] * n)[k] for m in morceaux]) for k in range(n)]

    sortie = []
    for rang in range(hauteur):
        # les en-têtes repliés sont alignés en bas, comme dans un tableau imprimé
        sortie.append(formater([(([""] * hauteur) + e)[-hauteur:][rang] for e in entetes]))
    sortie.append(formater(["-" * n for n in largeurs]))
    yield "\n".join(sortie) + "\n"
    paquet: list[str] = []
    for ligne in cellules():
        paquet.extend(lignes_de(ligne))
        if len(paquet) >= _PAQUET:
            yield "\n".join(paquet) + "\n"
            paquet = []
    if paquet:
        yield "\n".join(paquet) + "\n"


#: Lignes écrites par morceau.
_PAQUET = 2_000


def _plier(ligne: str) -> str:
    """Une phrase repliée à :data:`LARGEUR_ECRAN` colonnes, les suites en retrait."""
    return textwrap.fill(
        ligne,
        width=LARGEUR_ECRAN,
        subsequent_indent="  ",
        break_long_words=False,
        break_on_hyphens=False,
    )


def _sans_fin(morceaux: Iterable[str]) -> Iterator[str]:
    """Les morceaux, sans les fins de ligne qui terminent le dernier (``rstrip("\\n")`` du
    texte qu'ils forment)."""
    retenus: list[str] = []
    for morceau in morceaux:
        if morceau.rstrip("\n"):
            yield from retenus
            retenus = []
        retenus.append(morceau)
    fin = "".join(retenus).rstrip("\n")
    if fin:
        yield fin


def en_texte(document: Document) -> str:
    """Le document entier, lisible dans un terminal de 100 colonnes."""
    return "".join(morceaux_texte(document))


def morceaux_texte(document: Document) -> Iterator[str]:
    """:func:`en_texte` par morceaux (une table en flot s'écrit sans être gardée)."""
    blocs: list[Iterable[str]] = []
    if document.titre:
        blocs.append((document.titre,))
    en_tete = [
        _plier(
            f"{f.libelle} : {ecran(f.valeur, f.genre)}{' €' if f.genre is Genre.MONTANT else ''}"
        )
        for f in document.faits
        if f.valeur is not None and f.valeur != ""
    ]
    if en_tete:
        blocs.append(("\n".join(en_tete),))
    plusieurs = len(document.tables) > 1
    for table in document.tables:
        if table.detail:
            blocs.append(
                (f"{table.titre} : {len(table.lignes)} lignes de détail (formats csv, json, xlsx)",)
            )
            continue
        # « aucune ligne » : une table en flot n'a pas de longueur, sa première ligne le dit
        if next(iter(table.lignes), None) is None and table.totaux() is None:
            # une table vide n'est pas un en-tête nu : « Capitalisations annuelles : aucune »
            blocs.append((f"{table.titre or table.cle} : aucune ligne",))
            continue
        titre = f"{table.titre}\n" if plusieurs and table.titre else ""
        blocs.append(_table_bloc(titre, table))
    if document.hypotheses:
        blocs.append(("\n".join(_plier(f"Hypothèse : {h}") for h in document.hypotheses),))
    parties = [en_texte(p).rstrip("\n") for p in document.parties]
    premier = True
    for bloc in blocs:
        if not premier:
            yield "\n\n"
        premier = False
        yield from bloc
    for partie in parties:
        if partie:
            if not premier:
                yield "\n\n"
            premier = False
            yield partie
    yield "\n"


def _table_bloc(titre: str, table: Table) -> Iterator[str]:
    if titre:
        yield titre
    yield from _sans_fin(morceaux_table(table))
