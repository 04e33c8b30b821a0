"""A start-up probe for benchmarks/startup.py: prints when the first main window is shown.

Off unless ``PECDESK_STARTUP_PROBE=1``; then the first Show event of a QMainWindow writes
``pecdesk-shown <POSIX time>`` to stderr (the frozen app has no other way to say it).
"""

from __future__ import annotations

import sys
import time

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QMainWindow

STARTUP_PROBE_ENV = "PECDESK_STARTUP_PROBE"
SHOWN_MARK = "pecdesk-shown"


class StartupProbe(QObject):
    """An application-wide event filter that removes itself after the first main window shows."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        """Report the first Show of a QMainWindow; never consumes the event."""
        if event.type() == QEvent.Type.Show and isinstance(watched, QMainWindow):
            print(f"{SHOWN_MARK} {time.time():.6f}", file=sys.stderr, flush=True)
            app = QApplication.instance()
            if app is not None:
                app.removeEventFilter(self)
        return False


def install_startup_probe(app: QApplication) -> StartupProbe:
    """Install the probe on ``app`` (parented to it); returns it."""
    probe = StartupProbe(app)
    app.installEventFilter(probe)
    return probe
