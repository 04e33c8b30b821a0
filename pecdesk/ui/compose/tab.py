"""The Compose tab: recipients, the letter with merge fields, attachments, preview and pre-flight.

The tab composes its parts and keeps the report current; each part lives in its own module:
the recipients box (:mod:`~pecdesk.ui.compose.recipients_box`), the letter
(:mod:`~pecdesk.ui.compose.message_box`), the review column (:mod:`~pecdesk.ui.compose.report`),
the scheduling of the pre-flight and the preview in the worker
(:mod:`~pecdesk.ui.compose.checking`), the draft (:mod:`~pecdesk.ui.compose.drafts`) and
sending itself (:mod:`~pecdesk.ui.compose.send`). What is left here is the glue between them:
the form as one snapshot, restoring a draft, the signature, templates and the send mode.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QSplitter, QVBoxLayout, QWidget

from pecdesk.accounts.account import DEFAULT_MAX_MESSAGE_BYTES
from pecdesk.errors import PecError
from pecdesk.recipients import ColumnMapping, Recipient, Table
from pecdesk.services.contacts.book import AddressBookService
from pecdesk.services.sending.compose import ComposeService
from pecdesk.services.sending.draft import Draft
from pecdesk.services.sending.preflight import Letter, Report
from pecdesk.services.sending.templates import Template, TemplateService
from pecdesk.ui.compose.checking import FormChecker
from pecdesk.ui.compose.drafts import DraftKeeper
from pecdesk.ui.compose.importer import ImportDialog
from pecdesk.ui.compose.message_box import MessageBox
from pecdesk.ui.compose.new_message import NewMessage
from pecdesk.ui.compose.recipients_box import RecipientsBox
from pecdesk.ui.compose.report import ReviewBox
from pecdesk.ui.compose.send import SendControls
from pecdesk.ui.compose.signature import append_signature
from pecdesk.ui.compose.unsent import holds_unsent
from pecdesk.ui.compose.work import Preview, mapped, preview_form
from pecdesk.ui.widgets.remembered import remember
from pecdesk.ui.widgets.tasks import TaskRunner


class ComposeTab(QWidget):
    """The compose form and its live pre-flight report.

    The widgets of the parts are also attributes of the tab (``paste_edit`` is
    ``recipients_box.paste_edit``, and so on): the window and the tests reach them there.
    They are documented once, in the part that builds them.

    Attributes:
        recipients_box: the address box, Import, Address book, the folder and the table; also
            here: ``paste_edit``, ``import_button``, ``importer``, ``address_book``,
            ``folder_button``, ``folder_label``, ``recipients_model``, ``recipients_label``
            (see :class:`~pecdesk.ui.compose.recipients_box.RecipientsBox`).
        message_box: the letter: subject, body, attachments, size and send mode; also here:
            ``subject_edit``, ``editor``, ``body_edit``, ``attachments``, ``size_label``,
            ``each_radio``, ``all_radio`` (one PEC to everybody: asks first),
            ``templates_button`` (see :class:`~pecdesk.ui.compose.message_box.MessageBox`).
        review_box: the preview of one recipient's message and the pre-flight report; also
            here: ``preview_row``, ``preview_subject``, ``preview_body``, ``report_view``
            (see :class:`~pecdesk.ui.compose.report.ReviewBox`).
        checker: runs the pre-flight and the preview in the worker, the newest one winning.
        report: the latest pre-flight report.
        mailbox: the sending mailbox.
        drafts: saves the form after each pause and restores it at start.
        send: Send, Test send and the progress panel.
        send_button: shortcut to ``send.send_button``.
        send_note: says why Send is disabled.
        new_message: New message: empties the form, asking first over unsent work.
        new_message_button, new_message_action: its button (left of Send) and its action
            (Ctrl+N; the window puts it in the File menu).

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
        self._tasks = tasks
        self._restoring = False
        self.report = Report()
        self._signature = ""
        self._one_for_all_default = False
        self.checker = FormChecker(
            owner=self,
            tasks=tasks,
            form=self.draft,
            preview_index=lambda: self.preview_row.value() - 1,
            limit=compose.max_message_bytes if compose else DEFAULT_MAX_MESSAGE_BYTES,
        )
        self.checker.checked.connect(self._show_report)
        self.checker.previewed.connect(self._show_preview)
        self.drafts = DraftKeeper(owner=self, compose=compose, tasks=tasks, form=self.draft)
        self.drafts.restored.connect(self._restored)
        self.drafts.settled.connect(self._sign_new_message)
        self.drafts.settled.connect(self._apply_default_mode)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self._build_recipients(compose))
        splitter.addWidget(self._build_message())
        splitter.addWidget(self._build_review())
        # The recipients get a third (their table's line, address and check stay in view at
        # 1,024 px in Italian); the widths the person leaves are restored over these.
        splitter.setSizes([33, 44, 23])
        remember(splitter, "compose")
        self.send = SendControls(compose=compose, tasks=tasks, form=self.draft, parent=self)
        self.send.flush_requested.connect(self.flush_draft)
        self.send.report_found.connect(self._show_report)
        self.send_button = self.send.send_button
        self.send_note = self.send.note
        self.new_message = NewMessage(
            owner=self,
            unsent=lambda: holds_unsent(self.draft(), already_sent=self.send.already_sent),
            start_over=self.start_over,
        )
        self.new_message_button = self.new_message.button
        self.new_message_action = self.new_message.action
        self.send.put_first(self.new_message_button)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.send)
        self._recipients_changed()
        self.send.refresh()
        self.drafts.load()

    # -- building -----------------------------------------------------------------------------

    def _build_recipients(self, compose: ComposeService | None) -> RecipientsBox:
        box = RecipientsBox(
            tasks=self._tasks,
            parent=self,
            collector=compose.collector if compose is not None else None,
        )
        box.changed.connect(self._recipients_changed)
        box.list_replaced.connect(self.drafts.list_changed)
        box.folder_changed.connect(self._changed)
        self.recipients_box = box
        self.paste_edit = box.paste_edit
        self.import_button = box.import_button
        self.importer = box.importer
        self.address_book = box.address_book
        self.folder_button = box.folder_button
        self.folder_label = box.folder_label
        self.recipients_model = box.recipients_model
        self.recipients_label = box.recipients_label
        return box

    def _build_message(self) -> MessageBox:
        box = MessageBox(sender=self.mailbox, tasks=self._tasks, parent=self)
        box.edited.connect(self._changed)
        box.all_radio.toggled.connect(self._mode_toggled)
        box.templates_button.chosen.connect(self.apply_template)
        self.message_box = box
        self.subject_edit = box.subject_edit
        self.editor = box.editor
        self.body_edit = box.body_edit
        self.attachments = box.attachments
        self.size_label = box.size_label
        self.each_radio = box.each_radio
        self.all_radio = box.all_radio
        self.templates_button = box.templates_button
        return box

    def _build_review(self) -> ReviewBox:
        box = ReviewBox(self)
        self.review_box = box
        self.preview_row = box.preview_row
        self.preview_row.valueChanged.connect(self.update_preview)
        self.preview_subject = box.preview_subject
        self.preview_body = box.preview_body
        self.report_view = box.report_view
        return box

    # -- state --------------------------------------------------------------------------------

    def draft(self) -> Draft:
        """The form as it is now (a frozen snapshot: worker threads may read it)."""
        rows = self.recipients_box.imported
        return Draft(
            subject=self.subject_edit.text(),
            body=self.message_box.body(),
            pasted=self.recipients_box.pasted(),
            imported=rows.recipients,
            fields=rows.fields,
            source=rows.source,
            mapping=rows.mapping,
            folder=self.recipients_box.folder,
            attachments=self.attachments.paths(),
            one_for_all=self.message_box.one_for_all,
        )

    def recipients(self) -> list[Recipient]:
        """Imported rows, then the typed or pasted addresses."""
        return self.recipients_box.recipients()

    def letter(self) -> Letter:
        """The message as composed."""
        return self.draft().letter()

    def columns(self) -> list[str]:
        """The merge fields the imported list offers (its mapped column names)."""
        return list(self.recipients_box.imported.fields)

    def preview_recipient(self) -> Recipient | None:
        """The recipient the preview shows."""
        return preview_form(self.draft(), self.preview_row.value() - 1).recipient

    @property
    def checking(self) -> bool:
        """Whether a pre-flight is running in the worker now (superseded ones included)."""
        return self.checker.checking

    def _changed(self) -> None:
        self.checker.form_changed()  # checked again after the pause in typing
        if not self._restoring:
            self.drafts.edited()
            self.send.form_edited()

    def _recipients_changed(self) -> None:
        self.editor.set_fields(self.recipients_box.imported.fields)
        self.preview_row.setMaximum(max(1, self.recipients_model.rowCount()))
        self._changed()

    def check_now(self) -> Report:
        """Check the form on this thread, at once, and refresh report, preview, sizes and Send.

        Any check still running in the worker is superseded. The window itself checks in the
        worker (:class:`~pecdesk.ui.compose.checking.FormChecker`); this is for callers that
        need the report now.
        """
        return self.checker.check_now()

    def _show_report(self, report: Report) -> None:
        self.report = report
        self.report_view.show_report(report)
        self.recipients_box.show_sizes(report)
        self.message_box.show_size(report.largest, self.checker.limit)
        self.send.set_report(report)
        self.checked.emit(report)

    def update_preview(self) -> None:
        """Show the chosen recipient's message exactly as it will be sent (merged in the worker)."""
        self.checker.update_preview()

    def _show_preview(self, shown: Preview) -> None:
        self.preview_subject.setText(shown.subject)
        self.preview_body.setHtml(shown.body)
        self.send.set_preview(shown.recipient, self.subject_edit.text())

    def _mode_toggled(self, to_all: bool) -> None:
        if to_all and not self._restoring:
            self.send.confirm(
                self.tr("One PEC to everybody"),
                self.tr(
                    "Every recipient will see every other recipient's address. Sending "
                    "addresses this way has been fined under privacy law. Send one PEC to "
                    "everybody anyway?"
                ),
                on_no=lambda: self.each_radio.setChecked(True),
            )
        self._changed()

    # -- recipients -----------------------------------------------------------------------------

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
        self.recipients_box.apply_table(table, mapping, source=source)

    def add_recipients(self, rows: Sequence[Recipient], fields: Sequence[str]) -> int:
        """Add ``rows`` (with their merge ``fields``) to the list; returns how many were new."""
        return self.recipients_box.add_recipients(rows, fields)

    def set_folder(self, folder: Path | None) -> None:
        """Look up per-recipient attachment names in ``folder``."""
        self.recipients_box.set_folder(folder)

    def use_address_book(self, service: AddressBookService | None) -> None:
        """Offer the address book ``service``: its dialog and the completion of addresses."""
        self.recipients_box.use_address_book(service)

    # -- drafts ---------------------------------------------------------------------------------

    def restore(self, draft: Draft) -> None:
        """Fill the form from a saved draft."""
        self._restoring = True
        try:
            self.subject_edit.setText(draft.subject)
            self.body_edit.setHtml(draft.body)
            rows = mapped(draft.imported, draft.fields, source=draft.source, mapping=draft.mapping)
            self.recipients_box.restore(rows, draft.pasted, draft.folder)
            self.attachments.add_paths(draft.attachments)
            self.message_box.set_one_for_all(draft.one_for_all)
        finally:
            self._restoring = False

    def _restored(self, draft: Draft) -> None:
        self.restore(draft)
        if self._tasks is not None:
            self._tasks.run_task(self._check_restored(), parent=self)

    async def _check_restored(self) -> None:
        if await self.checker.check_in_worker():  # checked right here, not after a pause
            self.send.look_for_earlier()  # a draft of a sending that went says so

    def start_letter(self, draft: Draft) -> None:
        """Replace the whole form with ``draft`` (a reply, a forward): signed, cursor on top."""
        self.attachments.set_paths(())  # restore() adds to the files listed
        self.restore(draft)
        self.drafts.list_changed()  # the form's list replaced the saved one: save it too
        self._sign()
        self.body_edit.moveCursor(QTextCursor.MoveOperation.Start)
        self._changed()  # an edit of the person's: saved as the draft, checked as usual

    def start_over(self) -> None:
        """Empty the form (New message, no question): signed, default send mode, saved at once.

        Recipients (the list and the typed addresses), the folder, subject, body and files go;
        the empty form is saved as the draft now, so a restart does not bring the old one back.
        """
        self.start_letter(Draft(one_for_all=self._one_for_all_default))
        self.preview_row.setValue(1)
        if self.send.progress is not None:
            self.send.progress.dismiss()
        self.drafts.flush()

    def flush_draft(self) -> asyncio.Task[None] | None:
        """Save the draft now if a change is still waiting to be saved (the window closes)."""
        return self.drafts.flush()

    # -- templates, signature and the default send mode -------------------------------------------

    def use_templates(self, service: TemplateService | None) -> None:
        """Offer the templates of ``service`` in the Templates menu (None: no templates)."""
        self.templates_button.use(service)

    def apply_template(self, template: Template) -> None:
        """Start the letter from ``template``: subject, text and files; recipients stay.

        The form is then checked as usual: fields the list lacks and missing files block.
        """
        self.message_box.fill(template.subject, template.body, template.attachments)
        self._sign()
        self._changed()

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

    def use_send_mode(self, one_for_all: bool) -> None:
        """The default send mode (the setting): a message not yet begun takes it at once."""
        self._one_for_all_default = one_for_all
        if not self.drafts.loading:  # else once the saved draft, if any, is back
            self._apply_default_mode()

    def _apply_default_mode(self) -> None:
        """Set the send mode to the default if the form is still empty (no question asked)."""
        if replace(self.draft(), one_for_all=False) != Draft():
            return  # begun (or restored): the person's own choice stays
        restoring, self._restoring = self._restoring, True  # chosen in Settings: not asked again
        try:
            self.message_box.set_one_for_all(self._one_for_all_default)
        finally:
            self._restoring = restoring
