"""A row of buttons that moves what does not fit into a "More…" menu, instead of widening.

In Italian the Sent tab's action labels need ~1,300 px in one row; a 1,024 px screen must still
reach every action. The bar places its buttons by hand (no layout minimum to push the window
wider): those that fit stay, in order; the rest are offered, with the same labels, in the menu
of a "More…" button at the end. A button's slot does the work either way (the menu clicks it),
so a busy (disabled) button is disabled in the menu too.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QSize
from PySide6.QtGui import QAction, QResizeEvent
from PySide6.QtWidgets import QAbstractButton, QMenu, QSizePolicy, QToolButton, QWidget

SPACING = 6


class OverflowBar(QWidget):
    """Buttons in one row; those that do not fit go into the ``more_button``'s menu.

    Attributes:
        more_button: opens the menu of the buttons that do not fit ("More…").
        menu: that menu (one action per button; only the overflowed ones are visible).
    """

    def __init__(self, buttons: Sequence[QAbstractButton], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._buttons = list(buttons)
        self.more_button = QToolButton(self)
        self.more_button.setText(self.tr("More…"))
        self.more_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.menu = QMenu(self.more_button)
        self.more_button.setMenu(self.menu)
        self._actions: list[QAction] = []
        for button in self._buttons:
            button.setParent(self)
            action = QAction(button.text(), self.menu)
            action.triggered.connect(button.click)
            self.menu.addAction(action)
            self._actions.append(action)
        self.menu.aboutToShow.connect(self.sync_menu)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self._relayout()

    def overflowed(self) -> list[QAbstractButton]:
        """The buttons now reached through the menu."""
        return [b for b, a in zip(self._buttons, self._actions, strict=True) if a.isVisible()]

    def sync_menu(self) -> None:
        """Give each menu entry its button's current label and enabled state."""
        for button, action in zip(self._buttons, self._actions, strict=True):
            action.setText(button.text())
            action.setEnabled(button.isEnabled())

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt API
        """Every button in one row."""
        widths = [b.sizeHint().width() for b in self._buttons]
        return QSize(sum(widths) + SPACING * max(0, len(widths) - 1), self._height())

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt API
        """Just the "More…" button: the rest can always go into its menu."""
        return QSize(self.more_button.sizeHint().width(), self._height())

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt API
        """Place again the buttons that fit."""
        super().resizeEvent(event)
        self._relayout()

    def _height(self) -> int:
        hints = [b.sizeHint().height() for b in self._buttons]
        return max([self.more_button.sizeHint().height(), *hints])

    def _relayout(self) -> None:
        height = self._height()
        widths = [b.sizeHint().width() for b in self._buttons]
        room = self.width()
        if sum(widths) + SPACING * max(0, len(widths) - 1) > room:
            room -= self.more_button.sizeHint().width() + SPACING
        x, fits = 0, True
        for button, action, width in zip(self._buttons, self._actions, widths, strict=True):
            fits = fits and x + width <= room
            button.setVisible(fits)
            action.setVisible(not fits)
            if fits:
                button.setGeometry(x, 0, width, height)
                x += width + SPACING
        overflow = any(a.isVisible() for a in self._actions)
        self.more_button.setVisible(overflow)
        if overflow:
            self.more_button.setGeometry(x, 0, self.more_button.sizeHint().width(), height)
        self.sync_menu()
