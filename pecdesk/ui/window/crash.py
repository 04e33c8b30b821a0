"""Unexpected exceptions (bugs): log them, scrubbed of secrets, and show the crash dialog."""

from __future__ import annotations

import asyncio
import logging
import sys
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import Any

from PySide6.QtWidgets import QApplication, QMessageBox

from pecdesk.ui.dialogs.ask import show_crash

_log = logging.getLogger(__name__)


class CrashReporter:
    """A ``sys.excepthook`` and asyncio exception handler for everything that is not a PecError.

    The details go to the log (whose handlers redact secrets); the dialog shows the exception
    type and its redacted message, and where the log file is.

    Attributes:
        log_file: shown in the dialog so the person can send it.
        crashed: True once any bug has been reported (the smoke test fails on it).
        dialog: the last crash dialog shown; held here because, with no window to own it,
            Python's reference is all that keeps it alive.
    """

    def __init__(self, *, log_file: Path, redact: Callable[[str], str]) -> None:
        self.log_file = log_file
        self._redact = redact
        self.crashed = False
        self.dialog: QMessageBox | None = None

    def __call__(
        self,
        exc_type: type[BaseException],
        exc: BaseException,
        tb: TracebackType | None,
    ) -> None:
        """Report an exception nobody caught (the ``sys.excepthook`` signature)."""
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        self.crashed = True
        _log.critical("Unexpected error", exc_info=(exc_type, exc, tb))
        summary = self._redact(f"{exc_type.__name__}: {exc}")
        if QApplication.instance() is not None:
            self.dialog = show_crash(
                QApplication.activeWindow(), summary=summary, log_file=self.log_file
            )

    def handle_loop_exception(
        self, loop: asyncio.AbstractEventLoop, context: dict[str, Any]
    ) -> None:
        """Report what asyncio could not deliver (``loop.set_exception_handler`` signature)."""
        exc = context.get("exception")
        if isinstance(exc, BaseException):
            self(type(exc), exc, exc.__traceback__)
        else:
            _log.error("asyncio: %s", context.get("message", "unknown problem"))
