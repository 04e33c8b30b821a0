"""The reading pane of the Inbox tab: a message's headers, its kind, actions, and its body."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QDateTime, QLocale, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pecdesk.services.mailbox.inbox import OpenedMessage
from pecdesk.services.mailbox.reply import can_answer
from pecdesk.ui.message.attachments import ReceivedAttachments
from pecdesk.ui.message.headers import format_date
from pecdesk.ui.message.kinds import KindIcons, kind_label
from pecdesk.ui.message.pdf import message_pdf
from pecdesk.ui.message.view import MessageView, UrlOpener
from pecdesk.ui.widgets.banner import Banner, BannerKind
from pecdesk.ui.widgets.remembered import keep_folder, start_folder

_UNSAFE_FILE_CHARS = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


def pdf_file_name(subject: str) -> str:
    """A harmless file name for a message saved as PDF."""
    name = " ".join(_UNSAFE_FILE_CHARS.sub(" ", subject).split()).strip(" .")[:80].strip()
    return f"{name or QCoreApplication.translate('MessagePane', 'message')}.pdf"


def _plain_label(parent: QWidget) -> QLabel:
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)  # every value here comes from outside
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setWordWrap(True)
    return label


class MessagePane(QWidget):
    """One message: subject, sender, recipient, date, kind, the sending it is about, the body.

    Attributes:
        view: the hardened web view showing the body.
        subject_label, from_label, to_label, date_label, kind_label: the headers, plain text.
        sending_button: for a receipt, opens its sending in the Sent tab.
        reply_button: answers the message with a new PEC (not a receipt).
        forward_button: forwards the message with a new PEC (not a receipt).
        print_button: prints the message.
        pdf_button: saves the message as a PDF file.
        error_banner: says the message could not be loaded.
        attachments: the message's attachments (listed, saved), or the sentence saying none.
        opened: the message shown, if any.

    Signals:
        open_sending_requested(str): show the sending with this code in the Sent tab.
        reply_requested(object): reply to this :class:`OpenedMessage`.
        forward_requested(object): forward this :class:`OpenedMessage`.
        shown_changed(object): the message shown changed (:attr:`opened`, None for none).
        rendered(bool): the body has finished loading in the view.
        pdf_saved(str, bool): :meth:`save_pdf` finished (path, success).
    """

    open_sending_requested = Signal(str)
    reply_requested = Signal(object)
    forward_requested = Signal(object)
    shown_changed = Signal(object)
    rendered = Signal(bool)
    pdf_saved = Signal(str, bool)

    def __init__(self, parent: QWidget | None = None, *, open_url: UrlOpener) -> None:
        super().__init__(parent)
        self.opened: OpenedMessage | None = None
        self._icons = KindIcons()
        self._printer: QPrinter | None = None
        self.subject_label = _plain_label(self)
        font = QFont(self.subject_label.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.subject_label.setFont(font)
        self.from_label = _plain_label(self)
        self.to_label = _plain_label(self)
        self.date_label = _plain_label(self)
        self.kind_icon = QLabel(self)
        self.kind_label = _plain_label(self)
        self.sending_button = QPushButton(self)
        self.sending_button.setFlat(True)
        self.sending_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.sending_button.setStyleSheet(
            "QPushButton { color: palette(link); text-decoration: underline; border: none; }"
        )
        self.sending_button.clicked.connect(self._sending_clicked)
        self.sending_button.hide()
        self.reply_button = QPushButton(self.tr("Reply"), self)
        self.reply_button.setToolTip(self.tr("Reply with a new PEC to the sender (Ctrl+R)"))
        self.reply_button.clicked.connect(self._reply_clicked)
        self.forward_button = QPushButton(self.tr("Forward"), self)
        self.forward_button.setToolTip(self.tr("Forward with a new PEC (Ctrl+L)"))
        self.forward_button.clicked.connect(self._forward_clicked)
        self.print_button = QPushButton(self.tr("Print…"), self)
        self.print_button.clicked.connect(self.print_message)
        self.pdf_button = QPushButton(self.tr("Save as PDF…"), self)
        self.pdf_button.clicked.connect(self.ask_pdf_path)
        self.error_banner = Banner(BannerKind.WARNING, self)
        self.error_banner.hide()
        self.attachments = ReceivedAttachments(self)
        self.attachments.hide()
        self.view = MessageView(self, open_url=open_url)
        self.view.rendered.connect(self.rendered)
        self._lay_out()
        self._set_actions_enabled(False)

    def _lay_out(self) -> None:
        form = QFormLayout()
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.tr("From:"), self.from_label)
        form.addRow(self.tr("To:"), self.to_label)
        form.addRow(self.tr("Date:"), self.date_label)
        kind_row = QHBoxLayout()
        kind_row.addWidget(self.kind_icon)
        kind_row.addWidget(self.kind_label)
        kind_row.addWidget(self.sending_button)
        kind_row.addStretch(1)
        kind_row.addWidget(self.reply_button)
        kind_row.addWidget(self.forward_button)
        kind_row.addWidget(self.print_button)
        kind_row.addWidget(self.pdf_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.subject_label)
        layout.addLayout(form)
        layout.addLayout(kind_row)
        layout.addWidget(self.attachments)
        layout.addWidget(self.error_banner)
        layout.addWidget(self.view, 1)

    def show_message(self, opened: OpenedMessage) -> None:
        """Show ``opened``: its headers here and its body in the view."""
        self.opened = opened
        message, row = opened.message, opened.row
        self.error_banner.clear()
        self.subject_label.setText(message.subject)
        self.from_label.setText(message.sender or message.sender_text.strip())
        self.from_label.setToolTip(message.sender_text.strip())
        self.to_label.setText(message.recipient)
        self.date_label.setText(format_date(message.date, message.date_text, self.locale()))
        self.kind_icon.setPixmap(self._icons.icon(row.kind).pixmap(16, 16))
        self.kind_label.setText(kind_label(row.kind))
        self.sending_button.setVisible(bool(row.code))
        self.sending_button.setText(
            self.tr("Sending {code}: show it in the Sent tab").format(code=row.code)
        )
        self._set_actions_enabled(True)
        self.attachments.show_attachments(message.attachments)
        self.attachments.show()
        self.view.set_message_html(message.body)
        self.shown_changed.emit(opened)

    def show_error(self, text: str) -> None:
        """Say the message could not be opened; the last body shown is cleared."""
        self.opened = None
        self.error_banner.show_message(text)
        self.attachments.hide()
        self._set_actions_enabled(False)
        self.view.set_message_html("")
        self.shown_changed.emit(None)

    def clear(self) -> None:
        """Show nothing (the message was deleted)."""
        self.opened = None
        for label in (self.subject_label, self.from_label, self.to_label, self.date_label):
            label.clear()
        self.kind_icon.clear()
        self.kind_label.clear()
        self.sending_button.hide()
        self.error_banner.clear()
        self.attachments.hide()
        self._set_actions_enabled(False)
        self.view.set_message_html("")
        self.shown_changed.emit(None)

    def save_pdf(self, path: str) -> None:
        """Save the message shown as a PDF file, its headers above its text (``pdf_saved``)."""
        if self.opened is None:
            self.pdf_saved.emit(path, False)
            return
        saved_on = self.locale().toString(
            QDateTime.currentDateTime(), QLocale.FormatType.ShortFormat
        )
        data = message_pdf(
            self.opened,
            date=self.date_label.text(),
            kind=self.kind_label.text(),
            saved_on=saved_on,
        )
        try:
            Path(path).write_bytes(data)
        except OSError as error:
            self.error_banner.show_message(
                self.tr("The PDF could not be saved: {reason}").format(
                    reason=error.strerror or str(error)
                )
            )
            self.pdf_saved.emit(path, False)
            return
        self.pdf_saved.emit(path, True)

    def ask_pdf_path(self) -> None:
        """Ask where to save the message as PDF, then save it there."""
        if self.opened is None:
            return
        name = pdf_file_name(self.opened.message.subject)
        dialog = QFileDialog(
            self,
            self.tr("Save message as PDF"),
            start_folder(self, "message-pdf", name),  # the folder last used
            self.tr("PDF files (*.pdf)"),
        )
        dialog.setObjectName("savePdfDialog")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setDefaultSuffix("pdf")
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(self._pdf_path_chosen)
        dialog.open()  # not exec(): no nested event loop under qasync

    def _pdf_path_chosen(self, path: str) -> None:
        keep_folder(self, "message-pdf", path)  # the next PDF dialog opens there
        self.save_pdf(path)

    def print_message(self) -> None:
        """Ask for a printer, then print the message on it."""
        if self.opened is None:
            return
        self._printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(self._printer, self)
        dialog.setObjectName("printDialog")
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(self._print_accepted)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.show()  # as open() does; not exec(): no nested event loop under qasync

    def _print_accepted(self) -> None:
        if self._printer is not None:
            self.view.print_document(self._printer)

    def _set_actions_enabled(self, enabled: bool) -> None:
        self.print_button.setEnabled(enabled)
        self.pdf_button.setEnabled(enabled)
        answerable = enabled and self.opened is not None and can_answer(self.opened.row.kind)
        self.reply_button.setEnabled(answerable)  # a receipt cannot be answered
        self.forward_button.setEnabled(answerable)

    def _reply_clicked(self) -> None:
        if self.opened is not None and can_answer(self.opened.row.kind):
            self.reply_requested.emit(self.opened)

    def _forward_clicked(self) -> None:
        if self.opened is not None and can_answer(self.opened.row.kind):
            self.forward_requested.emit(self.opened)

    def _sending_clicked(self) -> None:
        if self.opened is not None and self.opened.row.code:
            self.open_sending_requested.emit(self.opened.row.code)
