"""The Compose tab's letter: sender, subject, body, shared attachments, size and send mode.

The box holds the letter every recipient gets (merge fields are filled in later, per
recipient) and how it goes out: one PEC each, or one to everybody. It does not ask anything
itself: the tab hears of each edit through ``edited`` and of the send mode through the radios.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QWidget,
)

from pecdesk.services.sending.templates import Template
from pecdesk.ui.compose.attachments import AttachmentsBox
from pecdesk.ui.compose.editor import BodyEditor
from pecdesk.ui.compose.signature import letter_text, without_signature
from pecdesk.ui.compose.templates import TemplatesButton
from pecdesk.ui.widgets.tasks import TaskRunner


class MessageBox(QGroupBox):
    """The letter's form: From, Subject, Body, Attachments, the largest size, Send as.

    Attributes:
        subject_edit: the subject (merge fields allowed).
        editor: the rich-text body editor.
        body_edit: the body's text edit.
        attachments: the shared attachments.
        size_label: the largest message's encoded size against the account's limit.
        each_radio: one PEC per recipient (the default).
        all_radio: one PEC to everybody.
        templates_button: the Templates menu (apply, save the letter as one, manage).

    Signals:
        edited(): the subject, the body or the attachments changed.
    """

    edited = Signal()

    def __init__(
        self, *, sender: str, tasks: TaskRunner | None, parent: QWidget | None = None
    ) -> None:
        """The letter sent from the mailbox ``sender``; templates are saved through ``tasks``."""
        super().__init__(parent)
        self.setTitle(self.tr("Message"))
        self._sender_label = QLabel(sender, self)
        self._sender_label.setTextFormat(Qt.TextFormat.PlainText)
        self.subject_edit = QLineEdit(self)
        self.subject_edit.textChanged.connect(self.edited)
        self.editor = BodyEditor(self)
        self.body_edit = self.editor.text_edit
        self.body_edit.textChanged.connect(self.edited)
        self.attachments = AttachmentsBox(self)
        self.attachments.changed.connect(self.edited)
        self.size_label = QLabel(self)
        self.size_label.setWordWrap(True)  # long in Italian: must not widen the window
        self.each_radio = QRadioButton(self.tr("One PEC per recipient (nobody sees the others)"))
        self.all_radio = QRadioButton(self.tr("One PEC to everybody (all addresses visible)"))
        self.each_radio.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.each_radio)
        group.addButton(self.all_radio)
        self.templates_button = TemplatesButton(current=self.as_template, tasks=tasks, parent=self)
        self._lay_out()

    def _lay_out(self) -> None:
        sender_row = QHBoxLayout()
        sender_row.addWidget(self._sender_label, 1)
        sender_row.addWidget(self.templates_button)
        form = QFormLayout(self)
        # Labels go above their field when the column is narrow (1,024 px screens, Italian).
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow(self.tr("From:"), sender_row)
        form.addRow(self.tr("Subject:"), self.subject_edit)
        form.addRow(self.tr("Body:"), self.editor)
        form.addRow(self.tr("Attachments:"), self.attachments)
        form.addRow("", self.size_label)
        form.addRow(self.tr("Send as:"), self.each_radio)
        form.addRow("", self.all_radio)

    def body(self) -> str:
        """The body as HTML; empty when it holds nothing but the signature (pre-flight says so)."""
        has_text = letter_text(self.body_edit.toPlainText()).strip()
        return self.body_edit.toHtml() if has_text else ""

    @property
    def one_for_all(self) -> bool:
        """Whether one PEC goes to everybody (else one per recipient)."""
        return self.all_radio.isChecked()

    def set_one_for_all(self, one_for_all: bool) -> None:
        """Choose the send mode (the radios' ``toggled`` signals fire as usual)."""
        (self.all_radio if one_for_all else self.each_radio).setChecked(True)

    def fill(self, subject: str, body: str, attachments: Iterable[Path]) -> None:
        """Put ``subject`` and ``body`` in the form, and ``attachments`` in place of its files."""
        self.subject_edit.setText(subject)
        self.body_edit.setHtml(body)
        self.attachments.set_paths(attachments)

    def as_template(self) -> Template:
        """The letter as a template (no name yet; the signature left out)."""
        return Template(
            "",
            self.subject_edit.text(),
            without_signature(self.body_edit.toHtml()),
            self.attachments.paths(),
        )

    def show_size(self, largest: int, limit: int) -> None:
        """Say how large the largest message is once encoded, against the account's ``limit``."""
        self.size_label.setText(
            self.tr("Largest message once encoded: {size} of {limit} allowed").format(
                size=self.locale().formattedDataSize(largest),
                limit=self.locale().formattedDataSize(limit),
            )
        )
