"""The Compose tab: recipients, the letter with merge fields, attachments, preview and pre-flight.

Sending itself (Send, Test send, the progress panel, the close guard and the tray notice) lives
in :mod:`pecdesk.ui.compose.send`; this module holds the form and keeps its report current.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QButtonGroup,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from pecdesk.accounts.account import DEFAULT_MAX_MESSAGE_BYTES
from pecdesk.errors import PecError
from pecdesk.recipients import ColumnMapping, Recipient, Table, from_text, read_table
from pecdesk.recipients.mapping import field_names, to_recipients
from pecdesk.services.sending import preflight
from pecdesk.services.sending.compose import (
    ComposeService,
    preview,
    recipients_from_state,
)
from pecdesk.services.sending.preflight import Letter, Report
from pecdesk.ui.compose.attachments import AttachmentsBox
from pecdesk.ui.compose.editor import BodyEditor
from pecdesk.ui.compose.importer import ImportDialog
from pecdesk.ui.compose.recipients import RecipientsModel
from pecdesk.ui.compose.report import ReportView
from pecdesk.ui.compose.send import SendControls
from pecdesk.ui.dialogs.ask import show_error
from pecdesk.ui.widgets.tasks import TaskRunner

CHECK_DELAY_MS = 300
DRAFT_DELAY_MS = 1500


class ComposeTab(QWidget):
    """The compose form and its live pre-flight report.

    Attributes:
        paste_edit: addresses typed or pasted (newline, comma or semicolon between them).
        import_button: imports a spreadsheet.
        folder_button: picks the folder of per-recipient attachments.
        recipients_model: every recipient, imported and pasted.
        subject_edit: the subject (merge fields allowed).
        editor: the rich-text body editor.
        body_edit: the body's text edit.
        attachments: the shared attachments.
        size_label: the largest message's encoded size against the account's limit.
        each_radio: one PEC per recipient (the default).
        all_radio: one PEC to everybody (asks first).
        preview_row: which recipient the preview shows (1-based).
        preview_subject: the previewed subject.
        preview_body: the previewed body, exactly as sent.
        report_view: the pre-flight findings.
        report: the latest pre-flight report.
        mailbox: the sending mailbox.
        import_dialog: the mapping dialog while it is open.
        import_error: why the last import failed, if it did.
        send: Send, Test send and the progress panel.
        send_button: shortcut to ``send.send_button``.
        send_note: says why Send is disabled.
    """

    def __init__(
        self,
        *,
        sender: str,
        compose: ComposeService | None = None,
        tasks: TaskRunner | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.mailbox = sender
        self._compose = compose
        self._tasks = tasks
        self._imported: list[Recipient] = []
        self._imported_unsaved = False  # the list changed since the last draft save
        self._fields: list[str] = []
        self._folder: Path | None = None
        self._restoring = False
        self.report = Report()
        self.import_dialog: ImportDialog | None = None
        self.import_error: PecError | None = None
        self._check_timer = self._timer(CHECK_DELAY_MS, self.check_now)
        self._draft_timer = self._timer(DRAFT_DELAY_MS, self._save_draft)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self._recipients_box())
        splitter.addWidget(self._message_box())
        splitter.addWidget(self._review_box())
        self.send = SendControls(tab=self, compose=compose, tasks=tasks)
        self.send_button = self.send.send_button
        self.send_note = self.send.note
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.send)
        self._update_recipients()
        self.send.refresh()
        if compose is not None and tasks is not None:
            tasks.run_task(self._restore_draft(), parent=self)

    def _timer(self, delay: int, slot: Any) -> QTimer:
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.setInterval(delay)
        timer.timeout.connect(slot)
        return timer

    # -- building -----------------------------------------------------------------------------

    def _recipients_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Recipients"), self)
        self.paste_edit = QPlainTextEdit(box)
        self.paste_edit.setPlaceholderText(self.tr("Type or paste PEC addresses, one per line"))
        self.paste_edit.setMaximumHeight(90)
        self.paste_edit.textChanged.connect(self._update_recipients)
        self.import_button = QPushButton(self.tr("Import Excel or CSV…"), box)
        self.import_button.clicked.connect(self._pick_spreadsheet)
        self.folder_button = QPushButton(self.tr("Attachments folder…"), box)
        self.folder_button.clicked.connect(self._pick_folder)
        self.folder_label = QLabel(box)
        self.folder_label.setTextFormat(Qt.TextFormat.PlainText)
        self.recipients_model = RecipientsModel(self)
        table = QTableView(box)
        table.setModel(self.recipients_model)
        self.recipients_label = QLabel(box)
        buttons = QHBoxLayout()
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.folder_button)
        layout = QVBoxLayout(box)
        layout.addWidget(self.paste_edit)
        layout.addLayout(buttons)
        layout.addWidget(self.folder_label)
        layout.addWidget(table, 1)
        layout.addWidget(self.recipients_label)
        return box

    def _message_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Message"), self)
        sender_label = QLabel(self.mailbox, box)
        sender_label.setTextFormat(Qt.TextFormat.PlainText)
        self.subject_edit = QLineEdit(box)
        self.subject_edit.textChanged.connect(self._changed)
        self.editor = BodyEditor(box)
        self.body_edit = self.editor.text_edit
        self.body_edit.textChanged.connect(self._changed)
        self.attachments = AttachmentsBox(box)
        self.attachments.changed.connect(self._changed)
        self.size_label = QLabel(box)
        self.size_label.setWordWrap(True)  # long in Italian: must not widen the window
        self.each_radio = QRadioButton(self.tr("One PEC per recipient (nobody sees the others)"))
        self.all_radio = QRadioButton(self.tr("One PEC to everybody (all addresses visible)"))
        self.each_radio.setChecked(True)
        group = QButtonGroup(box)
        group.addButton(self.each_radio)
        group.addButton(self.all_radio)
        self.all_radio.toggled.connect(self._mode_toggled)
        form = QFormLayout(box)
        # Labels go above their field when the column is narrow (1,024 px screens, Italian).
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow(self.tr("From:"), sender_label)
        form.addRow(self.tr("Subject:"), self.subject_edit)
        form.addRow(self.tr("Body:"), self.editor)
        form.addRow(self.tr("Attachments:"), self.attachments)
        form.addRow("", self.size_label)
        form.addRow(self.tr("Send as:"), self.each_radio)
        form.addRow("", self.all_radio)
        return box

    def _review_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Preview and checks"), self)
        self.preview_row = QSpinBox(box)
        self.preview_row.setMinimum(1)
        self.preview_row.valueChanged.connect(self.update_preview)
        self.preview_subject = QLabel(box)
        self.preview_subject.setTextFormat(Qt.TextFormat.PlainText)
        self.preview_subject.setWordWrap(True)
        self.preview_body = QTextBrowser(box)
        self.preview_body.setOpenLinks(False)
        self.report_view = ReportView(box)
        form = QFormLayout()
        # The subject above its label's row when narrow: a wrapped label beside a short label
        # column was clipped to one line.
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        form.addRow(self.tr("Recipient no.:"), self.preview_row)
        form.addRow(self.tr("Subject:"), self.preview_subject)
        layout = QVBoxLayout(box)
        layout.addLayout(form)
        layout.addWidget(self.preview_body, 2)
        layout.addWidget(QLabel(self.tr("Pre-flight report:"), box))
        layout.addWidget(self.report_view, 1)
        return box

    # -- state --------------------------------------------------------------------------------

    def recipients(self) -> list[Recipient]:
        """Imported rows, then the typed or pasted addresses."""
        return [*self._imported, *from_text(self.paste_edit.toPlainText())]

    def letter(self) -> Letter:
        """The message as composed."""
        body = self.body_edit.toHtml() if self.body_edit.toPlainText().strip() else ""
        return Letter(self.subject_edit.text(), body, self.attachments.paths(), self._folder,
                      self.all_radio.isChecked())

    def columns(self) -> list[str]:
        """The merge fields the imported list offers (its mapped column names)."""
        return list(self._fields)

    def preview_recipient(self) -> Recipient | None:
        """The recipient the preview shows."""
        rows = self.recipients()
        index = self.preview_row.value() - 1
        return rows[index] if 0 <= index < len(rows) else None

    def _changed(self) -> None:
        self._check_timer.start()
        if not self._restoring:
            self._draft_timer.start()
            self.send.form_edited()

    def _update_recipients(self) -> None:
        rows = self.recipients()
        self.recipients_model.set_recipients(rows, self._fields)
        self.editor.set_fields(self._fields)
        self.preview_row.setMaximum(max(1, len(rows)))
        invalid = sum(not r.valid for r in rows)
        self.recipients_label.setText(
            self.tr("{count} recipients, {invalid} invalid").format(count=len(rows),
                                                                    invalid=invalid)
        )
        self._changed()

    def check_now(self) -> Report:
        """Run the pre-flight check and refresh the report, preview, sizes and Send."""
        self._check_timer.stop()
        limit = self._compose.max_message_bytes if self._compose else DEFAULT_MAX_MESSAGE_BYTES
        self.report = preflight.check(
            self.recipients(), self.letter(), columns=self._fields, max_message_bytes=limit
        )
        self.report_view.show_report(self.report)
        self.recipients_model.set_sizes(self.report.message_sizes, self.report.own_files)
        self.size_label.setText(
            self.tr("Largest message once encoded: {size} of {limit} allowed").format(
                size=self.locale().formattedDataSize(self.report.largest),
                limit=self.locale().formattedDataSize(limit),
            )
        )
        self.update_preview()
        self.send.refresh()
        return self.report

    def update_preview(self) -> None:
        """Show the chosen recipient's message exactly as it will be sent."""
        subject, body = preview(self.preview_recipient(), self.letter())
        self.preview_subject.setText(subject)
        self.preview_body.setHtml(body)

    def _mode_toggled(self, to_all: bool) -> None:
        if to_all and not self._restoring:
            self.send.confirm(
                self.tr("One PEC to everybody"),
                self.tr("Every recipient will see every other recipient's address. Sending "
                        "addresses this way has been fined under privacy law. Send one PEC to "
                        "everybody anyway?"),
                on_no=lambda: self.each_radio.setChecked(True),
            )
        self._changed()

    # -- import ---------------------------------------------------------------------------------

    def _pick_spreadsheet(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("Import recipients"), "",
            self.tr("Spreadsheets (*.xlsx *.csv *.txt);;All files (*)"),
        )
        if name:
            self.import_file(Path(name))

    def import_file(self, path: Path) -> None:
        """Read ``path`` off the GUI thread, then ask for the column mapping."""
        if self._tasks is not None:
            self._tasks.run_task(self._read(path), parent=self, busy=self.import_button,
                                 on_error=self._import_failed)

    def _import_failed(self, error: PecError) -> None:
        self.import_error = error
        show_error(self, error)

    async def _read(self, path: Path) -> None:
        self.import_error = None
        table = await asyncio.to_thread(read_table, path)
        dialog = ImportDialog(table, path.name, self)
        self.import_dialog = dialog
        dialog.accepted.connect(lambda: self.apply_table(table, dialog.mapping()))
        dialog.finished.connect(lambda _code: setattr(self, "import_dialog", None))
        dialog.open()

    def apply_table(self, table: Table, mapping: ColumnMapping) -> None:
        """Use ``table``'s rows as the imported recipients, columns mapped as given."""
        self._imported = to_recipients(table, mapping)
        self._fields = field_names(table, mapping)
        self._imported_unsaved = True
        self._update_recipients()
        self._changed()

    def _pick_folder(self) -> None:
        name = QFileDialog.getExistingDirectory(self, self.tr("Folder of the attachments"))
        if name:
            self.set_folder(Path(name))

    def set_folder(self, folder: Path | None) -> None:
        """Look up per-recipient attachment names in ``folder``."""
        self._folder = folder
        self.folder_label.setText(str(folder) if folder else "")
        self._changed()

    # -- drafts ---------------------------------------------------------------------------------

    def draft_state(self) -> dict[str, Any]:
        """What the form holds, as JSON-able data, but the imported list (saved apart)."""
        return {
            "subject": self.subject_edit.text(),
            "body": self.body_edit.toHtml(),
            "pasted": self.paste_edit.toPlainText(),
            "fields": self._fields,
            "folder": str(self._folder) if self._folder else "",
            "attachments": [str(p) for p in self.attachments.paths()],
            "one_for_all": self.all_radio.isChecked(),
        }

    def restore(self, state: dict[str, Any]) -> None:
        """Fill the form from a saved draft."""
        self._restoring = True
        try:
            self.subject_edit.setText(str(state.get("subject", "")))
            self.body_edit.setHtml(str(state.get("body", "")))
            self._imported = recipients_from_state(state.get("imported"))
            self._fields = [str(f) for f in state.get("fields", []) if isinstance(f, str)]
            self.paste_edit.setPlainText(str(state.get("pasted", "")))
            self.set_folder(Path(state["folder"]) if state.get("folder") else None)
            self.attachments.add_paths(Path(p) for p in state.get("attachments", []))
            (self.all_radio if state.get("one_for_all") else self.each_radio).setChecked(True)
            self._update_recipients()
        finally:
            self._restoring = False

    async def _restore_draft(self) -> None:
        if self._compose is not None and (state := await self._compose.load_draft()):
            self.restore(state)
            self.check_now()
            self.send.look_for_earlier()  # a draft of a sending that went says so

    def flush_draft(self) -> asyncio.Task[None] | None:
        """Save the draft now if a change is still waiting to be saved (the window closes).

        Returns:
            The saving task, or None when nothing was waiting or nothing can run any more.
        """
        if self._draft_timer.isActive():
            return self._save_draft()
        return None

    def _save_draft(self) -> asyncio.Task[None] | None:
        self._draft_timer.stop()
        tasks = self._tasks
        if self._compose is None or tasks is None or tasks.loop.is_closed():
            return None  # the session is over: nothing can run any more
        imported = self._imported if self._imported_unsaved else None
        self._imported_unsaved = False
        save = self._compose.save_draft(self.draft_state(), imported)
        return tasks.run_task(save, parent=self)
