"""Checks made before sqlite touches a store file, so that a damaged one is never replaced.

sqlite takes an empty file for a new database and would write a fresh schema over lost history;
a read-only folder or file would surface as an OS error. Each case here is a
:class:`~pecdesk.errors.StorageError` that names the file and says it was left as it was.
"""

from __future__ import annotations

import os
import stat
from contextlib import suppress
from pathlib import Path

from pecdesk.errors import StorageError
from pecdesk.i18n import QT_TRANSLATE_NOOP

_DIR_MODE = 0o700
SQLITE_MAGIC = b"SQLite format 3\x00"
HEADER_SIZE = 100

FOLDER_UNUSABLE = QT_TRANSLATE_NOOP(
    "PecError",
    "pecdesk cannot use its data folder {folder} ({reason}). Nothing in it was changed. "
    "Check the folder, or choose another data folder.",
)
FOLDER_READ_ONLY = QT_TRANSLATE_NOOP(
    "PecError",
    "pecdesk cannot write in its data folder {folder}: it is read-only or belongs to another "
    "user. Nothing in it was changed. Make the folder writable, or choose another data folder.",
)
FILE_READ_ONLY = QT_TRANSLATE_NOOP(
    "PecError",
    "The local data file {path} is read-only. pecdesk left it untouched. Make it writable, "
    "then start pecdesk again.",
)
EMPTY_STORE = QT_TRANSLATE_NOOP(
    "PecError",
    "The local data file {path} is empty (0 bytes): the history it held is missing. pecdesk "
    "left it untouched and did not start a new one in its place. "
    "Restore it from a backup, or move it elsewhere to start with an empty store.",
)
NOT_A_STORE = QT_TRANSLATE_NOOP(
    "PecError",
    "The file {path} is not a pecdesk database. pecdesk left it untouched. "
    "Restore it from a backup, or move it elsewhere to start with an empty store.",
)
TRUNCATED_STORE = QT_TRANSLATE_NOOP(
    "PecError",
    "The local data file {path} is cut short ({size} bytes of {expected}): it is damaged. "
    "pecdesk left it untouched. "
    "Restore it from a backup, or move it elsewhere to start with an empty store.",
)
DAMAGED_STORE = QT_TRANSLATE_NOOP(
    "PecError",
    "The local data file {path} is damaged ({reason}). pecdesk left it untouched. "
    "Restore it from a backup, or move it elsewhere to start with an empty store.",
)
NEWER_STORE = QT_TRANSLATE_NOOP(
    "PecError",
    "The local data file {path} was written by a newer pecdesk (schema {version}; this one "
    "knows up to {known}). pecdesk left it untouched. Update pecdesk to use it.",
)
OPEN_FAILED = QT_TRANSLATE_NOOP(
    "PecError",
    "pecdesk could not open its local data file {path} ({reason}). The file was left untouched.",
)


def check_folder(folder: Path) -> None:
    """Create ``folder`` (0700) if missing; it must be a folder pecdesk may write in.

    Raises:
        StorageError: it cannot be created, or is read-only.
    """
    try:
        folder.mkdir(mode=_DIR_MODE, parents=True, exist_ok=True)
    except OSError as exc:
        raise StorageError(FOLDER_UNUSABLE, folder=folder, reason=_why(exc)) from exc
    if not os.access(folder, os.W_OK | os.X_OK):
        raise StorageError(FOLDER_READ_ONLY, folder=folder)


def check_store_file(path: Path) -> bool:
    """Whether a store exists at ``path`` (False: none, a new one may be made).

    Reads at most the 100-byte header; writes nothing.

    Raises:
        StorageError: the file is not a regular, writable, whole sqlite database.
    """
    try:
        info = path.stat()
    except FileNotFoundError:
        return False
    except OSError as exc:
        raise StorageError(OPEN_FAILED, path=path, reason=_why(exc)) from exc
    if not stat.S_ISREG(info.st_mode):
        raise StorageError(NOT_A_STORE, path=path)
    if info.st_size == 0:
        raise StorageError(EMPTY_STORE, path=path)
    try:
        with path.open("rb") as file:
            header = file.read(HEADER_SIZE)
    except OSError as exc:
        raise StorageError(OPEN_FAILED, path=path, reason=_why(exc)) from exc
    if not header.startswith(SQLITE_MAGIC[: len(header)]):
        raise StorageError(NOT_A_STORE, path=path)
    expected = expected_size(header)
    if len(header) < HEADER_SIZE or (info.st_size < expected and not _has_wal(path)):
        raise StorageError(TRUNCATED_STORE, path=path, size=info.st_size,
                           expected=max(expected, HEADER_SIZE))
    if not os.access(path, os.W_OK):
        raise StorageError(FILE_READ_ONLY, path=path)
    return True


def expected_size(header: bytes) -> int:
    """The file size a sqlite header announces (0 when it does not say, or is too short)."""
    if len(header) < HEADER_SIZE:
        return 0
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    if header[24:28] != header[92:96]:  # the page count is stale (an old sqlite wrote it)
        return 0
    return page_size * pages


def publish_new_store(made: Path, path: Path) -> None:
    """Put the new store ``made`` at ``path``, unless another pecdesk put one there first."""
    try:
        os.link(made, path)  # fails if path exists: never replaces a file
    except FileExistsError:
        return
    except OSError:  # no hard links on this file system
        if path.exists():
            return
        os.replace(made, path)
    if os.name == "posix":
        with suppress(OSError):
            fd = os.open(path.parent, os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)


def _has_wal(path: Path) -> bool:
    """Whether a non-empty write-ahead log sits beside ``path`` (newer pages may be there)."""
    try:
        return path.with_name(path.name + "-wal").stat().st_size > 0
    except OSError:
        return False


def _why(exc: OSError) -> str:
    return exc.strerror or type(exc).__name__
