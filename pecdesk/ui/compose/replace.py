"""A new letter in Compose from elsewhere (a reply, a forward): never over unsent work unasked.

The question itself is :mod:`~pecdesk.ui.compose.unsent`'s, shared with New message.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMessageBox

from pecdesk.services.sending.draft import Draft
from pecdesk.ui.compose import unsent
from pecdesk.ui.compose.tab import ComposeTab
from pecdesk.ui.compose.unsent import REPLACE_BOX

__all__ = ["REPLACE_BOX", "holds_unsent", "open_letter"]


def holds_unsent(tab: ComposeTab) -> bool:
    """Whether Compose holds work that replacing the form would lose (see :mod:`unsent`)."""
    return unsent.holds_unsent(tab.draft(), already_sent=tab.send.already_sent)


class _Replacement(QObject):
    """The draft waiting for the answer; a child of the question, so it goes with it."""

    def __init__(self, box: QMessageBox, tab: ComposeTab, draft: Draft) -> None:
        super().__init__(box)
        self._tab = tab
        self._draft = draft

    def apply(self) -> None:
        self._tab.start_letter(self._draft)


def open_letter(tab: ComposeTab, draft: Draft) -> QMessageBox | None:
    """Put ``draft`` in Compose; if it holds unsent work, ask first and return the question.

    Returns:
        The question while it is open (Replace fills the form, Cancel keeps it); None when the
        form was filled at once.
    """
    if not holds_unsent(tab):
        tab.start_letter(draft)
        return None
    box = unsent.ask_to_replace(tab)
    # A bound method of the box's child, not a lambda (see unsent.ask_to_replace).
    box.accepted.connect(_Replacement(box, tab, draft).apply)
    return box
