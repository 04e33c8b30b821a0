"""The Sent tab's actions: refresh, send again, retry temporary failures, evidence, archive.

Each action has a slot for its button (which asks for a file or a confirmation first) and a
method that takes the answer directly, so tests and scripts never face a dialog. Confirmations
go through :func:`pecdesk.ui.dialogs.ask.ask` (``open()`` and a future, never a nested ``exec()``
loop): the tab keeps updating while a question waits for its answer.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from pecdesk.domain.ledger import LedgerRow
from pecdesk.services.receipts.sent import SentService
from pecdesk.ui.dialogs.ask import ask
from pecdesk.ui.sent.archive_view import archive_view_button
from pecdesk.ui.sent.attestation import write_attestation
from pecdesk.ui.sent.overflow import OverflowBar
from pecdesk.ui.widgets.remembered import keep_folder, start_folder
from pecdesk.ui.widgets.tasks import TaskRunner


def evidence_zip_name(campaign_id: int) -> str:
    """The name the save dialog offers for a campaign's evidence ZIP, in the UI's language."""
    stem = QCoreApplication.translate("SentActions", "pecdesk-campaign-{id}")
    return f"{stem.format(id=campaign_id)}.zip"


class SentActions(QWidget):
    """A row of buttons acting on the selected campaign (or recipient), and a status line.

    Attributes:
        refresh_button: poll the service for receipts now (and settle unknown outcomes).
        resend_button: send again the PECs that certainly did not leave ("not sent").
        retry_button: re-send to the temporarily failed recipients.
        zip_button: save the campaign's evidence ZIP.
        pdf_button: save the selected recipient's PDF attestation.
        archive_button: archive locally, then delete the receipts from the server.
        bar: the buttons in one row, those that do not fit in its "More…" menu.
        status_label: the outcome of the last action.

    The bar knows nothing of the tab it sits in: it asks ``selected_campaign`` and
    ``selected_recipient`` what is selected, and says through signals what the tab should do.

    Signals:
        finished(str): an action finished; its name ("refresh", "resend", "retry", "zip", "pdf",
            "archive").
        campaigns_changed(): campaigns were added or changed: the list should be reloaded.
        warning_raised(str): something needs the person's attention (overdue deliveries).
    """

    finished = Signal(str)
    campaigns_changed = Signal()
    warning_raised = Signal(str)

    def __init__(
        self,
        *,
        sent: SentService,
        tasks: TaskRunner,
        selected_campaign: Callable[[], int | None],
        selected_recipient: Callable[[], LedgerRow | None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._selected_campaign = selected_campaign
        self._selected_recipient = selected_recipient
        self._sent = sent
        self._tasks = tasks
        self.refresh_button = QPushButton(self.tr("Refresh receipts"), self)
        self.resend_button = QPushButton(self.tr("Send again what was not sent…"), self)
        self.retry_button = QPushButton(self.tr("Retry temporary failures…"), self)
        self.zip_button = QPushButton(self.tr("Export evidence ZIP…"), self)
        self.pdf_button = QPushButton(self.tr("Recipient attestation PDF…"), self)
        self.archive_button = QPushButton(self.tr("Archive and delete from server…"), self)
        self.status_label = QLabel(self)
        self.refresh_button.clicked.connect(self.refresh)
        self.resend_button.clicked.connect(lambda: self.resend(confirmed=False))
        self.retry_button.clicked.connect(lambda: self.retry(confirmed=False))
        self.zip_button.clicked.connect(lambda: self.export_zip(None))
        self.pdf_button.clicked.connect(lambda: self.export_pdf(None))
        self.archive_button.clicked.connect(lambda: self.archive(confirmed=False))
        # One row that sends what does not fit to a "More…" menu, and a wrapping status line: in
        # Italian the buttons need ~1,300 px, and a long export path must never widen the
        # window past a 1,024 px screen.
        self.status_label.setWordWrap(True)
        self.status_label.setSizePolicy(QSizePolicy.Policy.Ignored,
                                        QSizePolicy.Policy.Preferred)
        self.bar = OverflowBar(
            (self.refresh_button, self.zip_button, self.pdf_button, self.retry_button,
             self.resend_button, self.archive_button,
             archive_view_button(sent=sent, tasks=tasks, parent=self)),
            self,
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.bar)
        layout.addWidget(self.status_label)

    def _say(self, text: str, action: str) -> None:
        self.status_label.setText(text)
        self.finished.emit(action)

    async def _agrees(self, title: str, question: str, action: str) -> bool:
        """Ask ``question``; True when the person answers Yes (No says so in the status)."""
        if await ask(self, title, question):
            return True
        self._say(self.tr("Nothing was done."), action)
        return False

    def _campaign(self) -> int | None:
        campaign_id = self._selected_campaign()
        if campaign_id is None:
            self.status_label.setText(self.tr("Select a campaign first."))
        return campaign_id

    def refresh(self) -> None:
        """Poll the service now for every sending not yet final."""
        self._tasks.run_task(self._refresh(), parent=self, busy=self.refresh_button)

    async def _refresh(self) -> None:
        settled = await self._sent.settle_unknown()
        report = await self._sent.refresh()
        self.campaigns_changed.emit()
        if report.errors:
            text = self.tr("Receipts of %n sending(s) could not be read.", "", len(report.errors))
        else:
            text = self.tr("Receipts refreshed: %n change(s).", "", len(report.changed))
        found = len(settled.submitted) + len(settled.rejected)
        if found or settled.not_sent:
            text += " " + self.tr(
                "Outcome now known for %n sending(s) that had no answer.", "",
                found + len(settled.not_sent))
        self._say(text, "refresh")

    def resend(self, *, confirmed: bool) -> None:
        """Send again the campaign's not-sent PECs (asks first unless ``confirmed``)."""
        campaign_id = self._campaign()
        if campaign_id is not None:
            self._tasks.run_task(
                self._resend(campaign_id, confirmed), parent=self, busy=self.resend_button
            )

    async def _resend(self, campaign_id: int, confirmed: bool) -> None:
        waiting = await self._sent.not_sent(campaign_id)
        if not waiting:
            self._say(self.tr("Nothing of this campaign is marked as not sent."), "resend")
            return
        if not confirmed and not await self._agrees(
            self.tr("Send again"),
            self.tr("%n PEC(s) of this campaign got no answer and no receipt proves they "
                    "left. Send them again now?", "", len(waiting)),
            "resend",
        ):
            return
        requeued = await self._sent.resend_not_sent(campaign_id)
        self.campaigns_changed.emit()
        self._say(self.tr("%n PEC(s) queued again.", "", len(requeued)), "resend")
        self._tasks.run_task(self._sent.send_queued(), parent=self)

    def retry(self, *, confirmed: bool) -> None:
        """Re-send to the temporarily failed recipients (asks first unless ``confirmed``)."""
        campaign_id = self._campaign()
        if campaign_id is not None:
            self._tasks.run_task(
                self._retry(campaign_id, confirmed), parent=self, busy=self.retry_button
            )

    async def _retry(self, campaign_id: int, confirmed: bool) -> None:
        failures = await self._sent.temporary_failures(campaign_id)
        if not failures:
            self._say(self.tr("No temporary failure to retry."), "retry")
            return
        if not confirmed and not await self._agrees(
            self.tr("Retry"),
            self.tr("Send this PEC again to %n recipient(s) whose delivery failed for a "
                    "temporary reason? It is a new sending, linked to this one.", "",
                    len(failures)),
            "retry",
        ):
            return
        child = await self._sent.retry_temporary(campaign_id)
        self.campaigns_changed.emit()
        self._say(self.tr("Queued as campaign #{id}.").format(id=child), "retry")
        self._tasks.run_task(self._sent.send_queued(), parent=self)

    def export_zip(self, target: Path | None) -> None:
        """Save the campaign's evidence ZIP to ``target`` (None: ask where)."""
        campaign_id = self._campaign()
        if campaign_id is None:
            return
        if target is None:
            name, _ = QFileDialog.getSaveFileName(
                self, self.tr("Export evidence"),
                start_folder(self, "export", evidence_zip_name(campaign_id)),
                self.tr("ZIP archives (*.zip)"),
            )
            if not name:
                return
            keep_folder(self, "export", name)
            target = Path(name)
        self._tasks.run_task(self._zip(campaign_id, target), parent=self, busy=self.zip_button)

    async def _zip(self, campaign_id: int, target: Path) -> None:
        evidence = await self._sent.export_zip(campaign_id, target)
        self._say(self.tr("Evidence saved to {path}.").format(path=evidence.path), "zip")

    def selected_row(self) -> LedgerRow | None:
        """The recipient selected in the lower table."""
        return self._selected_recipient()

    def export_pdf(self, target: Path | None) -> None:
        """Save the selected recipient's attestation to ``target`` (None: ask where)."""
        row = self.selected_row()
        if row is None:
            self.status_label.setText(self.tr("Select a recipient first."))
            return
        if target is None:
            name, _ = QFileDialog.getSaveFileName(
                self, self.tr("Save attestation"),
                start_folder(self, "export", f"pecdesk-{row.code or row.job_id}.pdf"),
                self.tr("PDF documents (*.pdf)"),
            )
            if not name:
                return
            keep_folder(self, "export", name)
            target = Path(name)
        self._tasks.run_task(self._pdf(row, target), parent=self, busy=self.pdf_button)

    async def _pdf(self, row: LedgerRow, target: Path) -> None:
        write_attestation(await self._sent.attestation(row), target)
        self._say(self.tr("Attestation saved to {path}.").format(path=target), "pdf")

    def archive(self, *, confirmed: bool) -> None:
        """Archive the campaign locally, verify, then purge the server (asks first)."""
        campaign_id = self._campaign()
        if campaign_id is not None:
            self._tasks.run_task(
                self._archive(campaign_id, confirmed), parent=self, busy=self.archive_button
            )

    async def _archive(self, campaign_id: int, confirmed: bool) -> None:
        if not confirmed and not await self._agrees(
            self.tr("Archive and delete"),
            self.tr("pecdesk will save every receipt of this campaign in a local archive, "
                    "check it, and only then delete the receipts from the PEC mailbox. "
                    "Continue?"),
            "archive",
        ):
            return
        report = await self._sent.archive_and_purge(campaign_id)
        text = self.tr("%n sending(s) archived and deleted from the server.", "",
                       len(report.purged))
        if report.kept:
            text += " " + self.tr("%n kept on the server (not final or not verified).", "",
                                  len(report.kept))
        self._say(text, "archive")

    def check_overdue(self) -> None:
        """Warn about PEC recipients accepted over 12 hours ago and not delivered yet."""
        self._tasks.run_task(self._overdue(), parent=self)

    async def _overdue(self) -> None:
        late = await self._sent.overdue()
        if late:
            self.warning_raised.emit(
                self.tr("%n recipient(s) accepted more than 12 hours ago have no delivery "
                        "receipt yet.", "", len(late))
            )
