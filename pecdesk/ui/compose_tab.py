"""The Compose tab: the form a PEC is written in (sending arrives with the send queue)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)


class ComposeTab(QWidget):
    """From, To, Subject and a rich-text Body, with a Send button that is not active yet.

    Attributes:
        to_edit: recipient addresses.
        subject_edit: the subject.
        body_edit: the body, rich text allowed.
        send_button: disabled until the send queue exists.
        send_note: says why Send is disabled.
    """

    def __init__(self, *, sender: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        sender_label = QLabel(sender, self)
        sender_label.setTextFormat(Qt.TextFormat.PlainText)
        self.to_edit = QLineEdit(self)
        self.to_edit.setPlaceholderText(self.tr("recipient@pec.example.it"))
        self.subject_edit = QLineEdit(self)
        self.body_edit = QTextEdit(self)
        self.body_edit.setAcceptRichText(True)
        self.send_button = QPushButton(self.tr("Send"), self)
        self.send_button.setEnabled(False)
        self.send_note = QLabel(
            self.tr("Sending is not available yet: it arrives with the send queue."), self
        )
        self.send_note.setWordWrap(True)

        form = QFormLayout()
        form.addRow(self.tr("From:"), sender_label)
        form.addRow(self.tr("To:"), self.to_edit)
        form.addRow(self.tr("Subject:"), self.subject_edit)
        form.addRow(self.tr("Body:"), self.body_edit)
        layout = QVBoxLayout(self)
        layout.addLayout(form, 1)
        layout.addWidget(self.send_note)
        layout.addWidget(self.send_button, 0, Qt.AlignmentFlag.AlignRight)
