"""An exclusive, crash-safe "I am sending from this store" lock (an OS file lock).

Only one process may run the send queue of a store at a time: start-up recovery turns jobs left
*submitting* into *unknown*, which is right only when nobody else is mid-request. The operating
system drops the lock when its holder dies, even by SIGKILL, so no stale lock survives a crash.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from types import TracebackType
from typing import IO, Self

from pecdesk.errors import StorageError

_FILE_MODE = 0o600


class RunnerLock:
    """Holds the OS lock on ``path`` between :meth:`acquire` and :meth:`release`.

    Attributes:
        path: the lock file (created, mode 0600; never deleted).
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._handle: IO[bytes] | None = None

    @property
    def held(self) -> bool:
        """True while this object holds the lock."""
        return self._handle is not None

    def acquire(self) -> None:
        """Take the lock without waiting.

        Raises:
            StorageError: another process holds it, or the file cannot be opened.
        """
        if self._handle is not None:
            return
        try:
            self.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, _FILE_MODE)
        except OSError as exc:
            raise StorageError(reason=f"cannot open {self.path.name}: {exc.strerror}") from exc
        handle = os.fdopen(fd, "r+b")
        if not _try_lock(handle):
            handle.close()
            raise StorageError(
                reason="another pecdesk is already sending from this store; "
                "wait for it to finish or close it"
            )
        self._handle = handle

    def release(self) -> None:
        """Let the lock go; idempotent."""
        handle, self._handle = self._handle, None
        if handle is not None:
            _unlock(handle)
            handle.close()

    def __enter__(self) -> Self:
        self.acquire()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.release()


if sys.platform == "win32":
    import msvcrt

    def _try_lock(handle: IO[bytes]) -> bool:
        try:
            handle.seek(0)
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(handle: IO[bytes]) -> None:
        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(handle: IO[bytes]) -> bool:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return False
        return True

    def _unlock(handle: IO[bytes]) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
