"""Aides communes aux commandes : lecture des dates et montants, écriture des sorties."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from decimal import Decimal
from pathlib import Path

from collectivites.erreurs import ErreurCollectivites


def _date(texte: str) -> dt.date:
    from collectivites.dates import lire_date

    try:
        return lire_date(texte)
    except ErreurCollectivites as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _montant(texte: str) -> Decimal:
    from collectivites.monnaie import en_decimal

    try:
        return en_decimal(texte, champ="montant")
    except ErreurCollectivites as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _ecrire(texte: str | bytes, sortie: str | None) -> None:
    if sortie:
        chemin = Path(sortie)
        if isinstance(texte, bytes):
            chemin.write_bytes(texte)
        else:
            chemin.write_text(texte, encoding="utf-8", newline="")
        return
    if isinstance(texte, bytes):
        sys.stdout.buffer.write(texte)
    else:
        sys.stdout.write(texte)
