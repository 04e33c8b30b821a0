"""The unread count on the application's icon: the macOS dock, the Windows taskbar.

The window hands the count to a :data:`Badge`, never to Qt itself, so tests pass a fake that
records what it was given (as they do the :class:`~pecdesk.ui.window.notify.Notifier`). The
real one is :meth:`QGuiApplication.setBadgeNumber`: a number on the dock icon on macOS, an
overlay on the taskbar button on Windows; where the platform has neither it does nothing.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QGuiApplication

Badge = Callable[[int], None]
"""Shows a count on the application's icon; 0 clears it."""


def app_badge(count: int) -> None:
    """Show ``count`` on the application's icon (0 clears it); nothing without an application."""
    app = QGuiApplication.instance()
    if isinstance(app, QGuiApplication):
        app.setBadgeNumber(max(0, count))
