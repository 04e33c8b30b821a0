"""The one question asked before Compose's form is replaced or emptied over unsent work.

A reply, a forward (:mod:`~pecdesk.ui.compose.replace`) and New message (the tab) all throw
away what the form holds; they ask the same question, here, only when that is unsent work. It
knows nothing of the tab (the tab imports it), so it is told the form and what to run on Yes.

The question is a window-modal box opened with ``open()``, not ``exec()``: no nested event loop
under qasync, and the sending in progress, the timers and the receipts keep running meanwhile.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from pecdesk.services.sending.draft import Draft

REPLACE_BOX = "replaceLetterBox"
"""The object name of the question (tests find it by it)."""


def holds_unsent(form: Draft, *, already_sent: bool) -> bool:
    """Whether ``form`` holds work that replacing it would lose.

    A subject, a text (the signature alone is none), recipients or files count, unless that
    very letter was ``already_sent`` (Send reads "Send again…").
    """
    filled = (
        form.subject.strip()
        or form.body
        or form.pasted.strip()
        or form.imported
        or form.attachments
    )
    return bool(filled) and not already_sent


def ask_to_replace(parent: QWidget) -> QMessageBox:
    """Ask whether the unsent message may go: the question, open, deleted once answered.

    The caller connects ``accepted`` (Replace) to what replaces the form; Cancel does nothing.
    Connect a bound method of a QObject, never a lambda: PySide6 crashes when a box deleted on
    close drops a lambda holding a Qt object (see ui/inbox/actions.py).
    """
    box = QMessageBox(
        QMessageBox.Icon.Question,
        QCoreApplication.translate("ComposeReplace", "Replace the message being written?"),
        QCoreApplication.translate(
            "ComposeReplace",
            "Compose holds a message that has not been sent. Replace it with the new one? "
            "What it holds now will be lost.",
        ),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
        parent,
    )
    box.setObjectName(REPLACE_BOX)
    box.setTextFormat(Qt.TextFormat.PlainText)
    replace_button = box.button(QMessageBox.StandardButton.Yes)
    replace_button.setText(QCoreApplication.translate("ComposeReplace", "Replace"))
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()  # not exec(): no nested event loop under qasync
    return box
