"""Entrées hostiles de ``collectivites servir`` : chaque réglage invalide est refusé avant le
démarrage du serveur (code 2, message français qui nomme l'option, rien sur la sortie
standard). Les variables d'environnement invalides sont essayées par
``tests/test_web_configuration.py`` (un cas d'ici ne porte pas d'environnement)."""

from __future__ import annotations

from tests.hostiles import Cas


def cas() -> list[Cas]:
    """Processus (``--workers``) nuls, négatifs, en lettres ou trop nombreux ; préfixes d'URL
    relatifs, remontants ou à espaces ; niveaux de journal, proxys, ports et adresses faux."""
    refus = [
        ("servir-workers-zero", ["--workers", "0"]),
        ("servir-workers-negatif", ["--workers", "-1"]),
        ("servir-workers-en-lettres", ["--workers", "deux"]),
        ("servir-workers-trop", ["--processus", "65"]),
        ("servir-workers-decimal", ["--processus", "1,5"]),
        ("servir-workers-geant", ["--processus", "9" * 5000]),
        ("servir-prefixe-relatif", ["--root-path", "finances"]),
        ("servir-prefixe-remontant", ["--root-path", "/a/../b"]),
        ("servir-prefixe-espace", ["--prefixe", "/mes finances"]),
        ("servir-prefixe-double-barre", ["--prefixe", "//hote.example/x"]),
        ("servir-prefixe-guillemet", ["--prefixe", '/a"><script>']),
        ("servir-journal-inconnu", ["--journal", "bavard"]),
        ("servir-proxys-faux", ["--forwarded-allow-ips", "300.1.1.1"]),
        ("servir-proxys-vides", ["--proxys-de-confiance", " , "]),
        ("servir-port-zero", ["--port", "0"]),
        ("servir-hote-espace", ["--hote", "127.0.0.1 ; rm"]),
        ("servir-taille-nulle", ["--taille-max", "0"]),
        ("servir-option-proche", ["--worker", "2"]),
    ]
    return [(nom, ["servir", *argv], {}) for nom, argv in refus]
