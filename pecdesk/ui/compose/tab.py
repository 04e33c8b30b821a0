"""The Compose tab: recipients, the letter with merge fields, attachments, preview and pre-flight.

Sending itself (Send, Test send, the progress panel, the close guard and the tray notice) lives
in :mod:`pecdesk.ui.compose.send`; this module holds the form and keeps its report current. The
pre-flight, the merge preview and the mapping of an imported sheet run in a worker thread
(:mod:`pecdesk.ui.compose.work`) on a snapshot of the form, the newest request superseding
older ones, so typing in a 100,000-row campaign never waits for them.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
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
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from pecdesk.accounts.account import DEFAULT_MAX_MESSAGE_BYTES
from pecdesk.errors import PecError
from pecdesk.recipients import ColumnMapping, Recipient, Table, from_text
from pecdesk.services.sending.compose import ComposeService
from pecdesk.services.sending.draft import Draft
from pecdesk.services.sending.preflight import CheckSupersededError, Letter, Report
from pecdesk.services.sending.templates import Template, TemplateService
from pecdesk.ui.compose.attachments import AttachmentsBox
from pecdesk.ui.compose.drafts import DraftKeeper
from pecdesk.ui.compose.editor import BodyEditor
from pecdesk.ui.compose.importer import ImportDialog
from pecdesk.ui.compose.importing import ListImporter
from pecdesk.ui.compose.recipients import RecipientsModel
from pecdesk.ui.compose.report import ReviewBox
from pecdesk.ui.compose.send import SendControls
from pecdesk.ui.compose.signature import append_signature, letter_text, without_signature
from pecdesk.ui.compose.templates import TemplatesButton
from pecdesk.ui.compose.work import (
    Latest,
    Mapped,
    Preview,
    check_form,
    map_table,
    mapped,
    preview_form,
)
from pecdesk.ui.widgets.tasks import TaskRunner

CHECK_DELAY_MS = 300


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
        importer: reads, maps and checks an imported list (in the worker).
        drafts: saves the form after each pause and restores it at start.
        send: Send, Test send and the progress panel.
        send_button: shortcut to ``send.send_button``.
        send_note: says why Send is disabled.
        templates_button: the Templates menu (apply, save the letter as one, manage).

    Signals:
        checked(Report): a pre-flight report was applied; it is the form's as it is now.
    """

    checked = Signal(object)

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
        self._list = mapped((), ())  # the imported recipients, their fields, how many invalid
        self._folder: Path | None = None
        self._restoring = False
        self._checks, self._previews = Latest(), Latest()
        self._running_checks = 0
        self.report = Report()
        self._check_timer = QTimer(self)
        self._check_timer.setSingleShot(True)
        self._check_timer.setInterval(CHECK_DELAY_MS)  # the pause in typing that starts a check
        self._check_timer.timeout.connect(self._check_later)
        self.drafts = DraftKeeper(owner=self, compose=compose, tasks=tasks, form=self.draft)
        self.drafts.restored.connect(self._restored)
        self.drafts.settled.connect(self._sign_new_message)
        self._signature = ""
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self._recipients_box())
        splitter.addWidget(self._message_box())
        splitter.addWidget(self._review_box())
        self.send = SendControls(compose=compose, tasks=tasks, form=self.draft, parent=self)
        self.send.flush_requested.connect(self.flush_draft)
        self.send.report_found.connect(self._show_report)
        self.send_button = self.send.send_button
        self.send_note = self.send.note
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.send)
        self._update_recipients()
        self.send.refresh()
        self.drafts.load()

    # -- building -----------------------------------------------------------------------------

    def _recipients_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Recipients"), self)
        self.paste_edit = QPlainTextEdit(box)
        self.paste_edit.setPlaceholderText(self.tr("Type or paste PEC addresses, one per line"))
        self.paste_edit.setMaximumHeight(90)
        self.paste_edit.textChanged.connect(self._update_recipients)
        self.import_button = QPushButton(self.tr("Import Excel or CSV…"), box)
        self.importer = ListImporter(owner=self, busy=self.import_button, tasks=self._tasks)
        self.importer.imported.connect(self._set_list)
        self.import_button.clicked.connect(self.importer.pick)
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
        self.templates_button = TemplatesButton(current=self._as_template, tasks=self._tasks,
                                                parent=box)
        self.templates_button.chosen.connect(self.apply_template)
        sender_row = QHBoxLayout()
        sender_row.addWidget(sender_label, 1)
        sender_row.addWidget(self.templates_button)
        form = QFormLayout(box)
        # Labels go above their field when the column is narrow (1,024 px screens, Italian).
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow(self.tr("From:"), sender_row)
        form.addRow(self.tr("Subject:"), self.subject_edit)
        form.addRow(self.tr("Body:"), self.editor)
        form.addRow(self.tr("Attachments:"), self.attachments)
        form.addRow("", self.size_label)
        form.addRow(self.tr("Send as:"), self.each_radio)
        form.addRow("", self.all_radio)
        return box

    def _review_box(self) -> QGroupBox:
        box = ReviewBox(self)
        self.preview_row = box.preview_row
        self.preview_row.valueChanged.connect(self.update_preview)
        self.preview_subject = box.preview_subject
        self.preview_body = box.preview_body
        self.report_view = box.report_view
        return box

    # -- state --------------------------------------------------------------------------------

    def draft(self) -> Draft:
        """The form as it is now (a frozen snapshot: worker threads may read it)."""
        # A body holding nothing but the signature counts as empty (pre-flight says so).
        has_text = letter_text(self.body_edit.toPlainText()).strip()
        body = self.body_edit.toHtml() if has_text else ""
        return Draft(
            subject=self.subject_edit.text(), body=body, pasted=self.paste_edit.toPlainText(),
            imported=self._list.recipients, fields=self._list.fields, source=self._list.source,
            mapping=self._list.mapping, folder=self._folder, attachments=self.attachments.paths(),
            one_for_all=self.all_radio.isChecked(),
        )

    def recipients(self) -> list[Recipient]:
        """Imported rows, then the typed or pasted addresses."""
        return [*self._list.recipients, *from_text(self.paste_edit.toPlainText())]

    def letter(self) -> Letter:
        """The message as composed."""
        return self.draft().letter()

    def columns(self) -> list[str]:
        """The merge fields the imported list offers (its mapped column names)."""
        return list(self._list.fields)

    def preview_recipient(self) -> Recipient | None:
        """The recipient the preview shows."""
        return preview_form(self.draft(), self.preview_row.value() - 1).recipient

    @property
    def checking(self) -> bool:
        """Whether a pre-flight is running in the worker now (superseded ones included)."""
        return self._running_checks > 0

    def _changed(self) -> None:
        self._checks.next()  # a check running now is of an older form: it stops
        self._check_timer.start()  # and the form is checked again after the pause
        if not self._restoring:
            self.drafts.edited()
            self.send.form_edited()

    def _update_recipients(self) -> None:
        pasted = from_text(self.paste_edit.toPlainText())
        rows = [*self._list.recipients, *pasted]
        self.recipients_model.set_recipients(rows, self._list.fields)
        self.editor.set_fields(self._list.fields)
        self.preview_row.setMaximum(max(1, len(rows)))
        invalid = self._list.invalid + sum(not r.valid for r in pasted)
        self.recipients_label.setText(
            self.tr("{count} recipients, {invalid} invalid").format(count=len(rows),
                                                                    invalid=invalid)
        )
        self._changed()

    def _limit(self) -> int:
        return self._compose.max_message_bytes if self._compose else DEFAULT_MAX_MESSAGE_BYTES

    def check_now(self) -> Report:
        """Check the form on this thread, at once, and refresh report, preview, sizes and Send.

        Any check still running in the worker is superseded. The window itself checks in the
        worker (:meth:`_check_later`); this is for callers that need the report now.
        """
        self._check_timer.stop()
        self._checks.next()
        form = self.draft()
        self._show_report(check_form(form, self._limit()))
        self._previews.next()
        self._show_preview(preview_form(form, self.preview_row.value() - 1))
        return self.report

    def _check_later(self) -> None:
        """Check the form as it is now in the worker; a newer request supersedes this one."""
        self._check_timer.stop()
        if self._tasks is None:
            self.check_now()
        elif not self._tasks.loop.is_closed():  # else the session is over
            self._tasks.run_task(self._check_in_worker(), parent=self)

    async def _check_in_worker(self) -> bool:
        """Returns whether the report was applied (False: superseded meanwhile)."""
        ticket, form = self._checks.next(), self.draft()
        self._running_checks += 1
        try:
            report = await asyncio.to_thread(check_form, form, self._limit(),
                                             self._checks.superseded(ticket))
        except CheckSupersededError:
            return False
        finally:
            self._running_checks -= 1
        if not self._checks.is_current(ticket):
            return False
        self._show_report(report)
        self.update_preview()
        return True

    def _show_report(self, report: Report) -> None:
        limit = self._limit()
        self.report = report
        self.report_view.show_report(report)
        self.recipients_model.set_sizes(report.message_sizes, report.own_files)
        self.size_label.setText(
            self.tr("Largest message once encoded: {size} of {limit} allowed").format(
                size=self.locale().formattedDataSize(report.largest),
                limit=self.locale().formattedDataSize(limit),
            )
        )
        self.send.set_report(report)
        self.checked.emit(report)

    def update_preview(self) -> None:
        """Show the chosen recipient's message exactly as it will be sent (merged in the worker)."""
        ticket, form, index = self._previews.next(), self.draft(), self.preview_row.value() - 1
        if self._tasks is None:
            self._show_preview(preview_form(form, index))
        elif not self._tasks.loop.is_closed():  # else the session is over
            self._tasks.run_task(self._preview_in_worker(ticket, form, index), parent=self)

    async def _preview_in_worker(self, ticket: int, form: Draft, index: int) -> None:
        shown = await asyncio.to_thread(preview_form, form, index)
        if self._previews.is_current(ticket):
            self._show_preview(shown)

    def _show_preview(self, shown: Preview) -> None:
        self.preview_subject.setText(shown.subject)
        self.preview_body.setHtml(shown.body)
        self.send.set_preview(shown.recipient, self.subject_edit.text())

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

    def import_file(self, path: Path) -> None:
        """Read ``path`` off the GUI thread, then ask for the column mapping."""
        self.importer.import_file(path)

    @property
    def import_dialog(self) -> ImportDialog | None:
        """The mapping dialog while it is open."""
        return self.importer.dialog

    @property
    def import_error(self) -> PecError | None:
        """Why the last import failed, if it did."""
        return self.importer.error

    def apply_table(self, table: Table, mapping: ColumnMapping, *, source: str = "") -> None:
        """Use ``table``'s rows as the imported recipients, columns mapped as given, at once."""
        self.importer.supersede()
        self._set_list(map_table(table, mapping, source))

    def _set_list(self, rows: Mapped) -> None:
        self._list = rows
        self.drafts.list_changed()
        self._update_recipients()

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

    def restore(self, draft: Draft) -> None:
        """Fill the form from a saved draft."""
        self._restoring = True
        try:
            self.importer.supersede()  # an import still being mapped would overwrite the draft
            self.subject_edit.setText(draft.subject)
            self.body_edit.setHtml(draft.body)
            self._list = mapped(draft.imported, draft.fields, source=draft.source,
                                mapping=draft.mapping)
            self.paste_edit.setPlainText(draft.pasted)
            self.set_folder(draft.folder)
            self.attachments.add_paths(draft.attachments)
            (self.all_radio if draft.one_for_all else self.each_radio).setChecked(True)
            self._update_recipients()
        finally:
            self._restoring = False

    def _restored(self, draft: Draft) -> None:
        self.restore(draft)
        if self._tasks is not None:
            self._tasks.run_task(self._check_restored(), parent=self)

    async def _check_restored(self) -> None:
        self._check_timer.stop()  # checked right here
        if await self._check_in_worker():
            self.send.look_for_earlier()  # a draft of a sending that went says so

    # -- templates and signature ------------------------------------------------------------------

    def use_templates(self, service: TemplateService | None) -> None:
        """Offer the templates of ``service`` in the Templates menu (None: no templates)."""
        self.templates_button.use(service)

    def use_signature(self, signature: str) -> None:
        """The account's signature: put below the body of each new message."""
        self._signature = signature
        if not self.drafts.loading:  # else once the saved draft, if any, is back
            self._sign_new_message()

    def _sign_new_message(self) -> None:
        """Sign the body if it is still empty (a new message); a restored draft keeps its own."""
        if not self.body_edit.toPlainText().strip():
            self._sign()

    def _sign(self) -> None:
        restoring, self._restoring = self._restoring, True  # not an edit of the person's
        try:
            append_signature(self.body_edit, self._signature)
        finally:
            self._restoring = restoring

    def _as_template(self) -> Template:
        """The letter as a template (no name yet; the signature left out)."""
        return Template("", self.subject_edit.text(), without_signature(self.body_edit.toHtml()),
                        self.attachments.paths())

    def apply_template(self, template: Template) -> None:
        """Start the letter from ``template``: subject, text and files; recipients stay.

        The form is then checked as usual: fields the list lacks and missing files block.
        """
        self.subject_edit.setText(template.subject)
        self.body_edit.setHtml(template.body)
        self._sign()
        self.attachments.set_paths(template.attachments)
        self._changed()

    def flush_draft(self) -> asyncio.Task[None] | None:
        """Save the draft now if a change is still waiting to be saved (the window closes)."""
        return self.drafts.flush()
