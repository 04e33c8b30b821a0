"""Opening a file a person named — a recipient list, an attachment — without ever blocking.

A FIFO, a device or a folder named as a file would hang a plain ``open`` (a FIFO waits for a
writer) or read for ever (``/dev/zero``). Both the importer and the attachments go through
:func:`open_regular`: ``stat`` first, so such a name is refused unopened; then a non-blocking
open, checked again with ``fstat`` against a name swapped in between.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import BinaryIO


class IrregularFileError(OSError):
    """The path names a folder, a FIFO, a device or a socket, not a regular file."""


def open_regular(path: Path) -> BinaryIO:
    """Open a regular file for reading, never blocking: anything else is refused unopened.

    Raises:
        IrregularFileError: ``path`` is not a regular file.
        OSError: it is missing or unreadable (a NUL in the name counts as missing).
    """
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            raise IrregularFileError(f"not a regular file: {path}")
        flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
        fd = os.open(path, flags | getattr(os, "O_BINARY", 0))
    except ValueError as exc:  # a NUL in the name
        raise FileNotFoundError(str(exc)) from exc
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise IrregularFileError(f"not a regular file: {path}")
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def read_regular(path: Path) -> bytes:
    """The bytes of a regular file (see :func:`open_regular`)."""
    with open_regular(path) as handle:
        return handle.read()
