"""Les erreurs du système d'exploitation dites en français.

Le message d'une ``OSError`` (``strerror``) est celui de la bibliothèque C, en anglais sous la
locale « C » d'un serveur (« No space left on device ») : il n'atteint jamais l'utilisateur.
Une seule table, indexée par le code ``errno`` (jamais par le texte anglais), le remplace.
"""

from __future__ import annotations

import errno

__all__ = ["raison_systeme"]

#: Nom du code ``errno`` → raison en français (libellés proches de ceux de la glibc traduite) ;
#: un code absent de la plateforme (Windows) est omis.
_NOMS = (
    ("EACCES", "permission refusée"),
    ("EAGAIN", "ressource temporairement indisponible"),
    ("EBADF", "descripteur de fichier invalide"),
    ("EBUSY", "périphérique ou ressource occupé"),
    ("ECONNREFUSED", "connexion refusée"),
    ("ECONNRESET", "connexion réinitialisée par le correspondant"),
    ("EDQUOT", "quota de disque dépassé"),
    ("EEXIST", "le fichier existe déjà"),
    ("EFBIG", "fichier trop gros : limite de taille des fichiers atteinte (ulimit -f)"),
    ("EHOSTUNREACH", "hôte injoignable"),
    ("EINTR", "appel système interrompu"),
    ("EINVAL", "argument refusé par le système"),
    ("EIO", "erreur d'entrée-sortie"),
    ("EISDIR", "c'est un répertoire"),
    ("ELOOP", "trop de niveaux de liens symboliques"),
    ("EMFILE", "trop de fichiers ouverts"),
    ("ENAMETOOLONG", "nom de fichier trop long"),
    ("ENETUNREACH", "réseau injoignable"),
    ("ENFILE", "trop de fichiers ouverts dans le système"),
    ("ENODEV", "périphérique inexistant"),
    ("ENOENT", "fichier ou répertoire introuvable"),
    ("ENOMEM", "mémoire insuffisante"),
    ("ENOSPC", "plus de place sur le périphérique"),
    ("ENOTDIR", "un élément du chemin n'est pas un répertoire"),
    ("ENOTEMPTY", "répertoire non vide"),
    ("ENXIO", "périphérique ou adresse inexistant"),
    ("EPERM", "opération non permise"),
    ("EPIPE", "tube brisé : le lecteur est parti"),
    ("EROFS", "système de fichiers en lecture seule"),
    ("ESPIPE", "déplacement impossible dans ce fichier"),
    ("ESTALE", "fichier réseau NFS périmé"),
    ("ETIMEDOUT", "délai de connexion dépassé"),
    ("ETXTBSY", "fichier exécutable en cours d'utilisation"),
    ("EXDEV", "lien entre systèmes de fichiers différents impossible"),
)
_RAISONS: dict[int, str] = {
    getattr(errno, nom): raison for nom, raison in _NOMS if hasattr(errno, nom)
}


def raison_systeme(exc: BaseException) -> str:
    """La raison d'une erreur du système, en français, tirée de son code ``errno``.

    Examples:
        >>> raison_systeme(OSError(28, "No space left on device"))
        'plus de place sur le périphérique'
        >>> raison_systeme(OSError(4242, "Unknown error 4242"))
        'erreur du système n° 4242'
        >>> raison_systeme(TimeoutError())
        'délai dépassé'
    """
    code = getattr(exc, "errno", None)
    if isinstance(code, int):
        if code in _RAISONS:
            return _RAISONS[code]
        nom = errno.errorcode.get(code)
        return f"erreur du système {nom}" if nom else f"erreur du système n° {code}"
    if isinstance(exc, TimeoutError):
        return "délai dépassé"
    return f"erreur du système {type(exc).__name__}"
