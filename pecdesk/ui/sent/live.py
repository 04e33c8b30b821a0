"""RowUpdater: the mailbox's events, gathered, become one query and one change per row.

When a campaign is delivered, hundreds of receipts can arrive within a second. Reloading the
tables for each would reset the selection and the scroll position and query the ledger
hundreds of times; instead the jobs and campaigns the events name are gathered for
:data:`UPDATE_MS`, then read in one query: the campaign model upserts their overviews and the
recipient model changes only its rows that are on screen (a ``dataChanged`` each, never a
reset).
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget

from pecdesk.domain.jobs import JobState
from pecdesk.services.receipts.sent import SentService
from pecdesk.ui.sent.models import CampaignModel, RecipientModel
from pecdesk.ui.widgets.service_signals import ServiceSignals
from pecdesk.ui.widgets.tasks import TaskRunner

UPDATE_MS = 100
"""Events arriving within this time become one update (one query, one pass over the rows)."""


class RowUpdater(QObject):
    """Gathers the jobs and campaigns that changed, then updates the Sent tab's two models.

    Nothing is read before :meth:`enable` (the tab has not loaded its campaigns yet); what was
    gathered meanwhile goes with the next update.

    Signals:
        updated(int): the models were updated: this many recipient rows changed.
        failed(PecError): the query failed.
    """

    updated = Signal(int)
    failed = Signal(object)

    def __init__(
        self,
        *,
        sent: SentService,
        tasks: TaskRunner,
        campaigns: CampaignModel,
        recipients: RecipientModel,
        owner: QWidget,
    ) -> None:
        """Update ``campaigns`` and ``recipients``; ``owner`` is the widget the queries work for."""
        super().__init__(owner)
        self._sent = sent
        self._tasks = tasks
        self._campaigns = campaigns
        self._recipients = recipients
        self._owner = owner
        self._enabled = False
        self._dirty_jobs: set[int] = set()
        self._dirty_campaigns: set[int] = set()
        self._updating = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(UPDATE_MS)
        self._timer.timeout.connect(self._apply_changes)

    def listen(self, signals: ServiceSignals) -> None:
        """Follow the mailbox's events: a new campaign, a job's state, classified receipts."""
        signals.campaign_added.connect(self.campaign_changed)
        signals.job_changed.connect(self._job_changed)
        signals.receipt_classified.connect(self._receipts_classified)

    def enable(self) -> None:
        """Start reading the changes (the tab has loaded its campaigns)."""
        self._enabled = True

    def campaign_changed(self, campaign_id: int) -> None:
        """Read campaign ``campaign_id`` again soon (new, changed, or not heard of yet)."""
        self._dirty_campaigns.add(campaign_id)
        self._update_soon()

    def jobs_changed(self, job_ids: Iterable[int]) -> None:
        """Read the recipient rows of ``job_ids`` (and their campaigns) again soon."""
        self._dirty_jobs.update(job_ids)
        self._update_soon()

    def _job_changed(self, job_id: int, _state: JobState) -> None:
        self.jobs_changed((job_id,))

    def _receipts_classified(self, campaign_id: int, job_id: int, _addresses: object) -> None:
        self._dirty_campaigns.add(campaign_id)
        self.jobs_changed((job_id,))

    def _update_soon(self) -> None:
        if not self._timer.isActive() and not self._updating:
            self._timer.start()

    def _apply_changes(self) -> None:
        if not self._enabled:
            return
        if self._tasks.loop.is_closed():  # shutting down: nobody will see the rows
            return
        jobs, self._dirty_jobs = self._dirty_jobs, set()
        campaigns, self._dirty_campaigns = self._dirty_campaigns, set()
        self._updating = True
        self._tasks.run_task(
            self._update(jobs, campaigns), parent=self._owner, on_error=self.failed.emit
        )

    async def _update(self, jobs: set[int], campaigns: set[int]) -> None:
        try:
            rows = await self._sent.rows_of_jobs(jobs)
            overviews = await self._sent.campaigns(campaigns | {r.campaign_id for r in rows})
        finally:
            self._updating = False
            if self._dirty_jobs or self._dirty_campaigns:
                self._timer.start()
        self._campaigns.upsert(overviews)
        self.updated.emit(self._recipients.update_rows(rows))
