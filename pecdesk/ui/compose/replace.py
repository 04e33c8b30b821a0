"""A new letter in Compose from elsewhere (a reply, a forward): never over unsent work unasked.

The question is a window-modal box opened with ``open()``, not ``exec()``: no nested event loop
under qasync, and the sending in progress, the timers and the receipts keep running meanwhile.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtWidgets import QMessageBox

from pecdesk.services.sending.draft import Draft
from pecdesk.ui.compose.tab import ComposeTab

REPLACE_BOX = "replaceLetterBox"
"""The object name of the question (tests find it by it)."""


def holds_unsent(tab: ComposeTab) -> bool:
    """Whether Compose holds work that replacing the form would lose.

    A subject, a text (the signature alone is none), recipients or files count, unless that
    very letter was already sent (Send reads "Send again…").
    """
    form = tab.draft()
    filled = (
        form.subject.strip()
        or form.body
        or form.pasted.strip()
        or form.imported
        or form.attachments
    )
    return bool(filled) and not tab.send.already_sent


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
    box = QMessageBox(
        QMessageBox.Icon.Question,
        QCoreApplication.translate("ComposeReplace", "Replace the message being written?"),
        QCoreApplication.translate(
            "ComposeReplace",
            "Compose holds a message that has not been sent. Replace it with the new one? "
            "What it holds now will be lost.",
        ),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
        tab,
    )
    box.setObjectName(REPLACE_BOX)
    box.setTextFormat(Qt.TextFormat.PlainText)
    replace_button = box.button(QMessageBox.StandardButton.Yes)
    replace_button.setText(QCoreApplication.translate("ComposeReplace", "Replace"))
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    # A bound method of the box's child, not a lambda: PySide6 crashes when a box deleted on
    # close drops a lambda holding a Qt object (see ui/inbox/actions.py).
    box.accepted.connect(_Replacement(box, tab, draft).apply)
    box.open()  # not exec(): no nested event loop under qasync
    return box
