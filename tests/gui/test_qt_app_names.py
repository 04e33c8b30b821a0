"""The application's names: what the desktop ties the window, its icon and its badge to."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from pecdesk.config.paths import APP_NAME
from pecdesk.ui.window.qt_app import name_app


def test_name_app_sets_the_desktop_file_name(qapp: QApplication) -> None:
    """Without a desktop file name Qt on Linux warns at every change of the unread badge."""
    before = (qapp.applicationName(), qapp.organizationName(), qapp.desktopFileName())
    try:
        qapp.setDesktopFileName("")
        name_app(qapp)
        assert qapp.desktopFileName() == APP_NAME
        assert qapp.applicationName() == APP_NAME
        assert not qapp.windowIcon().isNull()
    finally:
        qapp.setApplicationName(before[0])
        qapp.setOrganizationName(before[1])
        qapp.setDesktopFileName(before[2])
