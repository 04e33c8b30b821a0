"""New message: Compose's form emptied, to start over after a sending (or instead of one).

Without it the recipients, subject and body of the last sending stayed, and a saved list added
from the address book joined them (25 + 4 = 29 recipients). The button sits left of Send; the
same action is in the window's File menu (Ctrl+N), where a mail program has it. Unsent work is
never thrown away unasked: the question is the one a reply asks
(:func:`~pecdesk.ui.compose.unsent.ask_to_replace`).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMessageBox, QPushButton, QTabWidget, QWidget

from pecdesk.ui.compose.unsent import ask_to_replace


class NewMessage(QObject):
    """The New message button and action; empties the form, asking first over unsent work.

    Attributes:
        button: "New message", left of Send.
        action: the same, with its shortcut (Ctrl+N), for the window's File menu.
        question: the question while it is open; None otherwise.
    """

    def __init__(
        self,
        *,
        owner: QWidget,
        unsent: Callable[[], bool],
        start_over: Callable[[], None],
    ) -> None:
        """Empty ``owner``'s form with ``start_over``; ask first when ``unsent()`` is true."""
        super().__init__(owner)
        self._owner = owner
        self._unsent = unsent
        self._start_over = start_over
        self.question: QMessageBox | None = None
        self.action = QAction(self.tr("&New message"), owner)
        self.action.setShortcut(QKeySequence(self.tr("Ctrl+N")))
        self.action.triggered.connect(lambda _checked=False: self.trigger())
        owner.addAction(self.action)  # the shortcut works in Compose even without the menu
        shortcut = self.action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        self.button = QPushButton(self.tr("New message"), owner)
        self.button.setToolTip(
            self.tr("Start over with an empty message ({shortcut})").format(shortcut=shortcut)
        )
        self.button.clicked.connect(lambda _checked=False: self.trigger())

    def trigger(self) -> QMessageBox | None:
        """Show Compose and empty its form; over unsent work, ask first and return the question.

        Returns:
            The question while it is open (Replace empties the form, Cancel keeps it); None
            when the form was emptied at once.
        """
        self._come_forward()
        if self.question is not None:  # asked already: the same question, not a second one
            self.question.raise_()
            return self.question
        if not self._unsent():
            self._start_over()
            return None
        box = ask_to_replace(self._owner)
        box.accepted.connect(self._replace)  # a bound method, not a lambda: see ask_to_replace
        box.finished.connect(self._answered)
        self.question = box
        return box

    def _replace(self) -> None:
        self._start_over()

    def _answered(self, _code: int) -> None:
        self.question = None

    def _come_forward(self) -> None:
        """Show the Compose tab: the menu's New message may come while another tab is shown."""
        widget = self._owner.parentWidget()
        while widget is not None and not isinstance(widget, QTabWidget):
            widget = widget.parentWidget()
        if widget is not None and widget.indexOf(self._owner) >= 0:
            widget.setCurrentWidget(self._owner)
