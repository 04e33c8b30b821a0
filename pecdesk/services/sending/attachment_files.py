"""Attachment files: where a row's own file may lie, and what a file weighs in a message.

A recipient's own attachment is a name read from a spreadsheet that anyone could have written.
The pre-flight report (:mod:`pecdesk.services.sending.preflight`) and the planning step that
reads the files (:mod:`pecdesk.services.sending.plan`) must agree on which names stay inside
the chosen folder and on how a file is sized without blocking, so both ask here.
"""

from __future__ import annotations

import math
import os
from collections.abc import Callable
from pathlib import Path, PureWindowsPath

from pecdesk.storage.regular_file import open_regular

Probe = Callable[[Path], int | None]
"""Size in bytes of a readable file, or None when it is missing or unreadable."""


def encoded_size(raw: int) -> int:
    """Bytes ``raw`` bytes take in a message once base64-encoded (a third more)."""
    return 4 * math.ceil(raw / 3)


def file_size(path: Path) -> int | None:
    """The default :data:`Probe`: the size of a readable regular file (never blocks)."""
    try:
        with open_regular(path) as handle:
            return os.fstat(handle.fileno()).st_size
    except OSError:
        return None


def confine(folder: Path | None, name: str) -> Path | None:
    """The real path of a row's own file ``name`` when it lies inside ``folder``; else None.

    Symlinks are followed (``os.path.realpath``), so a link pointing out of the folder is
    outside; so are absolute paths, drive-qualified names and ``..`` in either path style.
    ``folder`` None means the current folder.
    """
    windows = PureWindowsPath(name)
    if not name or Path(name).is_absolute() or windows.drive or windows.root:
        return None
    if ".." in windows.parts:
        return None
    base_folder = folder or Path()
    try:
        base = os.path.realpath(base_folder)
        real = os.path.realpath(base_folder / name)
    except (OSError, ValueError):
        return None
    return Path(real) if Path(real).is_relative_to(base) else None
