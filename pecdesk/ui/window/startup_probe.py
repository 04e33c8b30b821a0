"""A start-up probe for benchmarks/startup.py: prints when the first main window is shown.

Off unless ``PECDESK_STARTUP_PROBE=1``; then the first Show event of a QMainWindow writes
``pecdesk-shown <POSIX time>`` to stderr (the frozen app has no other way to say it), followed
by ``pecdesk-modules at-show <names>``: which of the slow or heavy modules were already loaded
(tests/gui/test_startup_order.py holds the app to "none"); app.main writes the same line,
``at-exit``, when the probe is on.
"""

from __future__ import annotations

import sys
import time

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QMainWindow

STARTUP_PROBE_ENV = "PECDESK_STARTUP_PROBE"
SHOWN_MARK = "pecdesk-shown"
MODULES_MARK = "pecdesk-modules"
HEAVY_MODULES = (
    "asyncio",  # with ssl: ~10 MB, 30 ms
    "httpx",
    "aiohttp",  # the built-in sandbox's server
    "sqlite3",
    "keyring.backends.SecretService",  # the keychain, looked up when an account needs it
    "openpyxl",
    "email_validator",
    "PySide6.QtWebEngineCore",  # ~30 MB: loaded when a message is first opened
)
"""Modules that must not be loaded before the main window is shown."""


def heavy_modules_loaded() -> list[str]:
    """Which of :data:`HEAVY_MODULES` this process has imported."""
    return [name for name in HEAVY_MODULES if name in sys.modules]


def report_modules(moment: str) -> None:
    """Write ``pecdesk-modules <moment> <names, or ->`` to stderr."""
    names = ",".join(heavy_modules_loaded()) or "-"
    print(f"{MODULES_MARK} {moment} {names}", file=sys.stderr, flush=True)


class StartupProbe(QObject):
    """An application-wide event filter that removes itself after the first main window shows."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        """Report the first Show of a QMainWindow; never consumes the event."""
        if event.type() == QEvent.Type.Show and isinstance(watched, QMainWindow):
            print(f"{SHOWN_MARK} {time.time():.6f}", file=sys.stderr, flush=True)
            report_modules("at-show")
            app = QApplication.instance()
            if app is not None:
                app.removeEventFilter(self)
        return False


def install_startup_probe(app: QApplication) -> StartupProbe:
    """Install the probe on ``app`` (parented to it); returns it."""
    probe = StartupProbe(app)
    app.installEventFilter(probe)
    return probe
