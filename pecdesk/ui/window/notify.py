"""System notifications: new certified mail, anomalies, a sending that ended.

The window talks to a :class:`Notifier`, never to the tray itself, so tests hand it a fake that
records what it was told, and a platform without a notification area costs nothing. The real
one is Qt's :class:`QSystemTrayIcon`: the notification area on Windows and Linux desktops, the
Notification Center on macOS.
"""

from __future__ import annotations

import logging
from typing import Protocol

from PySide6.QtCore import QObject
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QSystemTrayIcon

_log = logging.getLogger(__name__)


class Notifier(Protocol):
    """Something that can tell the person of an event while they look elsewhere."""

    def notify(self, title: str, text: str) -> None:
        """Show ``title`` and ``text`` as a system notification (or nothing, if none exists)."""


class TrayNotifier:
    """Notifies through a tray icon, created on the first notification; does nothing without a tray.

    Attributes:
        icon: the tray icon, once a notification was shown.
    """

    def __init__(self, parent: QObject, window_icon: QIcon | None = None) -> None:
        self._parent = parent
        self._window_icon = window_icon
        self.icon: QSystemTrayIcon | None = None
        self._said_unavailable = False

    def notify(self, title: str, text: str) -> None:
        """Show a tray message; without a system tray, log that once and do nothing."""
        if not QSystemTrayIcon.isSystemTrayAvailable():
            if not self._said_unavailable:
                self._said_unavailable = True
                _log.info("No system tray here: notifications are not shown")
            return
        if self.icon is None:
            self.icon = QSystemTrayIcon(self._window_icon or QIcon(), self._parent)
        self.icon.show()
        self.icon.showMessage(title, text)
