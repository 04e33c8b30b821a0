"""The main window's menus: File > Quit, Help > Save diagnostics… and Help > About pecdesk.

Split from the window so that the window holds the tabs and their wiring; the menus need only
the window (to close it, and as the dialogs' parent) and what About and Diagnostics show. The
strings keep the translation context ``MainWindow`` they had when they lived in the window.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction

if TYPE_CHECKING:
    from collections.abc import Callable

    from PySide6.QtWidgets import QMainWindow

    from pecdesk.ui.window.support import SupportInfo


class Menus:
    """The window's menu bar and its actions.

    Attributes:
        file_menu: the File menu.
        help_menu: the Help menu.
        quit_action: File > Quit (Ctrl+Q once :meth:`add_shortcuts` has run).
        about_action: Help > About pecdesk.
        diagnostics_action: Help > Save diagnostics… (a ZIP for support).
    """

    def __init__(self, window: QMainWindow, support: Callable[[], SupportInfo | None]) -> None:
        """Build the menus on ``window``; ``support`` gives what About and Diagnostics show."""
        self._window = window
        self._support = support
        self.quit_action = QAction(QCoreApplication.translate("MainWindow", "&Quit"), window)
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.quit_action.triggered.connect(window.close)
        self.about_action = QAction(
            QCoreApplication.translate("MainWindow", "&About pecdesk"), window
        )
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        self.about_action.triggered.connect(self._show_about)
        self.diagnostics_action = QAction(
            QCoreApplication.translate("MainWindow", "Save &diagnostics…"), window
        )
        self.diagnostics_action.triggered.connect(self._save_diagnostics)
        self.file_menu = window.menuBar().addMenu(QCoreApplication.translate("MainWindow", "&File"))
        self.file_menu.addAction(self.quit_action)
        self.help_menu = window.menuBar().addMenu(QCoreApplication.translate("MainWindow", "&Help"))
        self.help_menu.addAction(self.diagnostics_action)
        self.help_menu.addAction(self.about_action)

    def add_shortcuts(self) -> None:
        """Give Quit its shortcut: not in the frame, as setShortcut builds the Qt namespace."""
        from PySide6.QtGui import QKeySequence  # noqa: PLC0415 - see the docstring

        self.quit_action.setShortcut(
            QKeySequence(QCoreApplication.translate("MainWindow", "Ctrl+Q"))
        )

    def _show_about(self) -> None:
        from pecdesk.ui.window.about import show_about_dialog  # noqa: PLC0415 - loaded when used

        show_about_dialog(self._window, self._support())

    def _save_diagnostics(self) -> None:
        from pecdesk.ui.window.about import save_diagnostics  # noqa: PLC0415 - loaded when used

        save_diagnostics(self._window, self._support())
