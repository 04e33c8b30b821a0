"""The local SQLite database: private file, WAL, ordered migrations, one worker thread.

Every statement runs on one dedicated thread (sqlite connections belong to the thread that made
them), so async callers ``await database.run(fn)`` and the event loop never waits on the disk;
synchronous callers (the command line, tests) use :meth:`Database.call`, which goes through the
same thread. ``synchronous=FULL`` makes every commit durable before it returns: the send queue's
journal relies on it (a job is on disk as *submitting* before its request leaves).
"""

from __future__ import annotations

import asyncio
import os
import sqlite3
import tempfile
import threading
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import TypeVar

from pecdesk.errors import StorageError
from pecdesk.storage.store_file import (
    DAMAGED_STORE,
    NEWER_STORE,
    OPEN_FAILED,
    check_folder,
    check_store_file,
    publish_new_store,
)

T = TypeVar("T")

_FILE_MODE = 0o600
BUSY_TIMEOUT_MS = 10_000

Migrations = Sequence[Sequence[str]]
"""Schema steps, oldest first: entry *n* takes ``user_version`` from n to n+1."""


def _open(path: Path, migrations: Migrations) -> sqlite3.Connection:
    """Check the folder and the file, make a new store only where none exists, then connect.

    Nothing is ever written to a file that is not a healthy store of a known schema: an empty,
    cut-short, foreign or newer file raises :class:`StorageError` and stays byte for byte.
    """
    check_folder(path.parent)
    if not check_store_file(path):
        _create(path, migrations)
    if os.name == "posix":
        with suppress(OSError):  # not ours to change: the open below says what is wrong
            path.chmod(_FILE_MODE)
    # isolation_level=None: we issue BEGIN/COMMIT ourselves (no implicit transactions).
    connection = sqlite3.connect(path, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
    try:
        connection.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        _refuse_newer(connection, path, migrations)  # before WAL mode writes the header
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute("PRAGMA synchronous=FULL")
        connection.execute("PRAGMA foreign_keys=ON")
        _migrate(connection, migrations)
    except BaseException:
        connection.close()
        raise
    return connection


def _create(path: Path, migrations: Migrations) -> None:
    """Build a new, migrated store beside ``path`` and put it there only if none appeared.

    The file therefore never exists half-made: an empty file at ``path`` is always damage.
    """
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".new", dir=path.parent)
    os.close(fd)
    temporary = Path(name)
    try:
        connection = sqlite3.connect(temporary, isolation_level=None)
        try:
            connection.execute("PRAGMA synchronous=FULL")
            connection.execute("PRAGMA foreign_keys=ON")
            _migrate(connection, migrations)
        finally:
            connection.close()
        publish_new_store(temporary, path)
    finally:
        with suppress(OSError):
            temporary.unlink()


def _refuse_newer(connection: sqlite3.Connection, path: Path, migrations: Migrations) -> None:
    (version,) = connection.execute("PRAGMA user_version").fetchone()
    if version > len(migrations):
        raise StorageError(NEWER_STORE, path=path, version=version, known=len(migrations))


def _migrate(connection: sqlite3.Connection, migrations: Migrations) -> None:
    """Apply every migration above the file's ``user_version``, each in its own transaction."""
    (version,) = connection.execute("PRAGMA user_version").fetchone()
    if version > len(migrations):
        msg = f"the data was written by a newer pecdesk (schema {version})"
        raise StorageError(reason=msg)
    for number in range(version, len(migrations)):
        connection.execute("BEGIN IMMEDIATE")
        try:
            for statement in migrations[number]:
                connection.execute(statement)
            connection.execute(f"PRAGMA user_version={number + 1}")
            connection.execute("COMMIT")
        except BaseException:
            connection.execute("ROLLBACK")
            raise


@contextmanager
def transaction(connection: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """``BEGIN IMMEDIATE`` … ``COMMIT`` (rolled back on any exception)."""
    connection.execute("BEGIN IMMEDIATE")
    try:
        yield connection
    except BaseException:
        connection.execute("ROLLBACK")
        raise
    connection.execute("COMMIT")


class Database:
    """One SQLite file, migrated to its schema, and the one thread that talks to it.

    Args:
        path: the database file (created with mode 0600 in a 0700 directory).
        migrations: the file's schema steps, oldest first (each file brings its own: the send
            queue's is :data:`pecdesk.storage.queue_schema.QUEUE_MIGRATIONS`).

    Attributes:
        path: the database file.
    """

    def __init__(self, path: Path, *, migrations: Migrations) -> None:
        self.path = path
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="pecdesk-db")
        self._connection: sqlite3.Connection | None = None
        self._lock = threading.Lock()
        self._closed = False
        try:
            self._connection = self._executor.submit(_open, path, migrations).result()
        except sqlite3.Error as exc:
            self._executor.shutdown(wait=True)
            template = DAMAGED_STORE if _is_damage(exc) else OPEN_FAILED
            raise StorageError(template, path=path, reason=str(exc) or type(exc).__name__) from exc
        except OSError as exc:
            self._executor.shutdown(wait=True)
            raise StorageError(OPEN_FAILED, path=path, reason=exc.strerror or exc) from exc
        except BaseException:
            self._executor.shutdown(wait=True)
            raise

    @property
    def schema_version(self) -> int:
        """The ``user_version`` of the file."""
        return int(self.call(lambda c: c.execute("PRAGMA user_version").fetchone()[0]))

    def call(self, work: Callable[[sqlite3.Connection], T]) -> T:
        """Run ``work(connection)`` on the database thread and wait for it (blocking).

        Raises:
            StorageError: sqlite failed, or the database is closed.
        """
        return self._executor_submit(work).result()

    async def run(self, work: Callable[[sqlite3.Connection], T]) -> T:
        """Run ``work(connection)`` on the database thread without blocking the event loop.

        The work is not interrupted if the caller is cancelled: a commit, once begun, finishes.

        Raises:
            StorageError: sqlite failed, or the database is closed.
        """
        future = self._executor_submit(work)
        return await asyncio.shield(asyncio.wrap_future(future))

    def close(self) -> None:
        """Close the connection and join the thread; idempotent."""
        with self._lock:
            if self._closed:
                return
            self._closed = True
        connection = self._connection
        if connection is not None:
            self._executor.submit(connection.close).result()
        self._executor.shutdown(wait=True)

    def _executor_submit(self, work: Callable[[sqlite3.Connection], T]) -> Future[T]:
        connection = self._connection
        if self._closed or connection is None:
            raise StorageError(reason="the local database is closed")

        def guarded() -> T:
            try:
                return work(connection)
            except sqlite3.Error as exc:
                raise StorageError(reason=_describe(exc)) from exc

        return self._executor.submit(guarded)


def _is_damage(exc: sqlite3.Error) -> bool:
    """Whether sqlite judged the file itself broken (not a database, malformed)."""
    code = getattr(exc, "sqlite_errorcode", None)
    return code in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB)


def _describe(exc: sqlite3.Error) -> str:
    text = str(exc) or type(exc).__name__
    return f"database error ({text})"
