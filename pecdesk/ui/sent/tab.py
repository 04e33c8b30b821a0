"""The Sent tab: campaigns with counts by state, and each recipient's legal state and times.

Above, every campaign (date, subject, recipients, delivered, failed, progress toward final);
below, the selected campaign's recipients with state, times, code and reason, filtered by state
and searched (or a search over every campaign, :mod:`pecdesk.ui.sent.search`). The mailbox's
events (:meth:`SentTab.listen`) change only the rows they concern: a burst of receipts becomes
one query for those jobs and campaigns and a ``dataChanged`` per row, never a reset, so the
selection and the scroll position stay (:mod:`pecdesk.ui.sent.live`). The actions (refresh,
retry, evidence export, archive-then-purge) live in :mod:`pecdesk.ui.sent.actions`.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, QModelIndex, Qt, Signal
from PySide6.QtGui import QFont, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from pecdesk.domain.ledger import LedgerRow
from pecdesk.errors import PecError
from pecdesk.services.receipts.sent import SentService
from pecdesk.services.receipts.tracking import TrackReport
from pecdesk.ui.sent.actions import SentActions
from pecdesk.ui.sent.archive_view import ARCHIVE_BUTTON_NAME
from pecdesk.ui.sent.columns import fit_sent_columns
from pecdesk.ui.sent.live import RowUpdater
from pecdesk.ui.sent.models import CAMPAIGN_COLUMN, CampaignModel, RecipientModel
from pecdesk.ui.sent.retention_note import RetentionNote
from pecdesk.ui.sent.search import SearchBar
from pecdesk.ui.widgets.banner import Banner, BannerKind
from pecdesk.ui.widgets.error_box import error_texts
from pecdesk.ui.widgets.remembered import remember
from pecdesk.ui.widgets.service_signals import ServiceSignals
from pecdesk.ui.widgets.tasks import TaskRunner


class SentTab(QWidget):
    """Campaigns above, the selected campaign's recipients below; an empty state until a send.

    Attributes:
        empty_label: the headline of the empty state.
        banner: warnings (overdue deliveries) and results of the actions.
        campaigns: the campaign table's model.
        recipients: the recipient table's model (None without a service).
        campaign_view: the campaign table.
        recipient_view: the recipient table.
        search_bar: scope, state filter, search text and dates.
        filter_box: the state filter (the search bar's).
        search_edit: the search text (the search bar's).
        count_label: how many recipients match (the search bar's).
        action_bar: the action buttons (None without a service).
        retention_note: "N sendings are older than the retention period" (None without one).

    Signals:
        campaigns_loaded(int): the campaign list was (re)loaded with this many campaigns.
        tracked(object): a background tracking pass brought changes (the TrackReport).
        updated(int): events were applied to the rows: this many recipient rows changed.
        sending_shown(int, object): :meth:`show_campaign` finished: the campaign's id, and the
            job whose recipient it selected (None: none).
    """

    campaigns_loaded = Signal(int)
    tracked = Signal(object)
    updated = Signal(int)
    sending_shown = Signal(int, object)

    def __init__(
        self,
        *,
        sent: SentService | None = None,
        tasks: TaskRunner | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._sent = sent
        self._tasks = tasks
        self._started = False
        self._signals: ServiceSignals | None = None
        self._shown: object = None  # the query whose recipients are on screen
        self._live: RowUpdater | None = None  # with a service: the events become row updates
        self._wanted: tuple[int, int | None] | None = None  # campaign and job to show
        self.pages = QStackedWidget(self)
        self.pages.addWidget(self._empty_page())
        self.campaigns = CampaignModel(self)
        self.recipients: RecipientModel | None = None
        self.action_bar: SentActions | None = None
        self.retention_note: RetentionNote | None = None
        self.banner = Banner(BannerKind.WARNING, self)
        self.banner.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.banner.label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.banner.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(self.pages, 1)
        if sent is not None and tasks is not None:
            self.pages.addWidget(self._ledger_page(sent, tasks))

    def _empty_page(self) -> QWidget:
        page = QWidget(self)
        self.empty_label = QLabel(self.tr("No PEC sent yet"), page)
        font = QFont(self.empty_label.font())
        font.setPointSizeF(font.pointSizeF() * 1.4)
        self.empty_label.setFont(font)
        hint = QLabel(
            self.tr("PECs you send from the Compose tab will be listed here with their receipts."),
            page,
        )
        hint.setWordWrap(True)
        layout = QVBoxLayout(page)
        layout.addStretch(1)
        for label in (self.empty_label, hint):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            layout.addWidget(label)
        layout.addStretch(1)
        return page

    def _ledger_page(self, sent: SentService, tasks: TaskRunner) -> QWidget:
        page = QWidget(self)
        self.recipients = RecipientModel(
            service=sent,
            run=lambda coro: tasks.run_task(coro, parent=self, on_error=self._failed),
            parent=self,
        )
        self.campaign_view = self._table(page, self.campaigns)
        self.campaign_view.selectionModel().selectionChanged.connect(self._campaign_selected)
        self.recipient_view = self._table(page, self.recipients)
        fit_sent_columns(self.campaign_view, self.recipient_view)
        remember(self.campaign_view.horizontalHeader(), "sent.campaigns")
        remember(self.recipient_view.horizontalHeader(), "sent.recipients")
        self.recipient_view.setColumnHidden(CAMPAIGN_COLUMN, True)
        self.search_bar = SearchBar(page)
        self.filter_box = self.search_bar.filter_box
        self.search_edit = self.search_bar.search_edit
        self.count_label = self.search_bar.count_label
        self.search_bar.changed.connect(lambda: self._show_recipients(force=True))
        self.recipients.counted.connect(self.search_bar.show_count)
        self.recipients.load_failed.connect(self._failed)
        self.recipients.rowsInserted.connect(lambda *_: self._select_wanted_job())
        self._live = RowUpdater(
            sent=sent,
            tasks=tasks,
            campaigns=self.campaigns,
            recipients=self.recipients,
            owner=page,
        )
        self._live.updated.connect(self._rows_updated)
        self._live.failed.connect(self._failed)
        self.action_bar = SentActions(
            sent=sent,
            tasks=tasks,
            selected_campaign=self.selected_campaign_id,
            selected_recipient=self.selected_recipient,
            parent=page,
        )
        self.action_bar.campaigns_changed.connect(self.reload_campaigns)
        self.action_bar.warning_raised.connect(self.banner.show_message)
        lower = QWidget(page)
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.search_bar)
        lower_layout.addWidget(self.recipient_view, 1)
        splitter = QSplitter(Qt.Orientation.Vertical, page)
        splitter.addWidget(self.campaign_view)
        splitter.addWidget(lower)
        splitter.setStretchFactor(1, 2)
        remember(splitter, "sent")
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        archive = self.action_bar.findChild(QPushButton, ARCHIVE_BUTTON_NAME)
        assert archive is not None  # the action bar always offers the Archive window
        self.retention_note = RetentionNote(
            campaigns=self.campaigns,
            archiver=sent.archiver,
            open_archive=archive.click,
            parent=page,
        )
        layout.addWidget(self.action_bar)
        layout.addWidget(self.retention_note)
        layout.addWidget(splitter, 1)
        return page

    @staticmethod
    def _table(parent: QWidget, model: CampaignModel | RecipientModel) -> QTableView:
        view = QTableView(parent)
        view.setModel(model)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.verticalHeader().hide()
        view.setWordWrap(False)
        view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        return view

    # -- loading -------------------------------------------------------------------------------

    def listen(self, signals: ServiceSignals) -> None:
        """Keep the rows current from the mailbox's events (a new campaign, a job, receipts)."""
        self._signals = signals
        if self._live is not None:
            self._live.listen(signals)
        signals.campaign_removed.connect(self._campaign_removed)

    def start(self, *, track: bool = True) -> None:
        """Load the campaigns and start tracking receipts in the background (once).

        Without ``track`` the receipts are tracked elsewhere (the tab follows the events).
        """
        if self._started or self._sent is None or self._tasks is None:
            return
        self._started = True
        if self._live is not None:
            self._live.enable()
        self.reload_campaigns()
        if not track:
            return
        self._tasks.run_task(
            self._sent.watch(on_change=self.tracked.emit),
            parent=self,
            on_error=self._failed,
        )
        self.tracked.connect(self._on_tracked)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt API
        """Show fresh data when the tab comes into view (events keep it fresh otherwise)."""
        super().showEvent(event)
        if self.retention_note is not None:  # the setting may have changed meanwhile
            self.retention_note.recount()
        if self._started and self._signals is None:
            self.reload_campaigns()

    def reload_campaigns(self) -> None:
        """Reload the campaign list (keeping the selection and the recipient rows)."""
        if self._sent is not None and self._tasks is not None:
            self._tasks.run_task(self._load_campaigns(), parent=self, on_error=self._failed)

    async def _load_campaigns(self) -> None:
        assert self._sent is not None
        campaigns = await self._sent.overview()
        if self.campaigns.rowCount() and campaigns:
            self.campaigns.upsert(campaigns)  # a row per change: selection and scroll stay
        else:
            self.campaigns.set_campaigns(campaigns)
        self._campaigns_present()
        self.campaigns_loaded.emit(len(campaigns))

    def _campaigns_present(self) -> None:
        """Leave the empty state, select a campaign if none is, show a campaign asked for."""
        if not self.campaigns.rowCount() or self.recipients is None:
            return
        self.pages.setCurrentIndex(1)
        if self._wanted is not None:
            self._show_wanted()
        elif not self.campaign_view.selectionModel().hasSelection():
            self.campaign_view.selectRow(0)

    # -- events: only the rows concerned change --------------------------------------------

    def _campaign_removed(self, campaign_id: int) -> None:
        """Its history was deleted from this computer: its row (and recipients) go."""
        self.campaigns.remove_rows_where(lambda c: c.id == campaign_id)
        if self.recipients is None:
            return
        if not self.campaigns.rowCount():
            self.recipients.show_campaign(None)
            self.pages.setCurrentIndex(0)
        elif self.search_bar.everywhere:
            self._show_recipients(force=True)
        else:
            self._campaigns_present()  # the selected one went: the newest is shown

    def _on_tracked(self, report: object) -> None:
        if self._signals is None and self._live and isinstance(report, TrackReport):  # no events
            self._live.jobs_changed(job for job, _address in report.changed)
        if self.action_bar is not None:
            self.action_bar.check_overdue()

    def _rows_updated(self, changed: int) -> None:
        self._campaigns_present()  # a new campaign may end the empty state, or be the wanted one
        self.updated.emit(changed)

    # -- selection -----------------------------------------------------------------------------

    def selected_campaign_id(self) -> int | None:
        """The campaign whose recipients are shown."""
        if self.recipients is None:
            return None
        rows = self.campaign_view.selectionModel().selectedRows()
        campaign = self.campaigns.campaign(rows[0].row()) if rows else None
        return campaign.id if campaign else None

    def selected_recipient(self) -> LedgerRow | None:
        """The recipient selected in the lower table."""
        if self.recipients is None:
            return None
        rows = self.recipient_view.selectionModel().selectedRows()
        return self.recipients.row(rows[0].row()) if rows else None

    def _campaign_selected(self, selected: QItemSelection, _old: QItemSelection) -> None:
        if selected.indexes():
            self._show_recipients(force=False)

    def _show_recipients(self, *, force: bool) -> None:
        """Show what the search bar asks (unless it is on screen already)."""
        if self.recipients is None:
            return
        bar = self.search_bar
        self.recipient_view.setColumnHidden(CAMPAIGN_COLUMN, not bar.everywhere)
        if bar.everywhere:
            query: object = bar.search()
        else:
            query = (self.selected_campaign_id(), bar.states(), bar.text())
        if query == self._shown and not force:
            return
        self._shown = query
        if bar.everywhere:
            self.recipients.search(bar.search())
        else:
            self.recipients.show_campaign(
                self.selected_campaign_id(), states=bar.states(), search=bar.text()
            )

    # -- "show this sending" -------------------------------------------------------------------

    def show_campaign(self, campaign_id: int, job_id: int | None = None) -> None:
        """Select campaign ``campaign_id`` (and the first recipient of ``job_id``), in view.

        The search bar goes back to the campaign, every state, no text. A campaign not listed
        yet (the list still loading, or just queued) is shown when it arrives.
        """
        self._wanted = (campaign_id, job_id)
        if self.recipients is None:
            return
        self.search_bar.reset()
        self._show_wanted()

    def _show_wanted(self) -> None:
        assert self._wanted is not None and self.recipients is not None
        campaign_id, job_id = self._wanted
        row = self.campaigns.row_of(campaign_id)
        if row is None:
            if self._live is not None:
                self._live.campaign_changed(campaign_id)  # perhaps not heard of yet
            return
        self.pages.setCurrentIndex(1)
        self._shown = None
        self.campaign_view.selectRow(row)
        self.campaign_view.scrollTo(self.campaigns.index(row, 0))
        self._show_recipients(force=True)
        if job_id is None:
            self._wanted = None
            self.sending_shown.emit(campaign_id, None)

    def _select_wanted_job(self) -> None:
        """Select the wanted job's recipient once loaded (loading more pages until it is)."""
        if self._wanted is None or self.recipients is None:
            return
        campaign_id, job_id = self._wanted
        if job_id is None or self.selected_campaign_id() != campaign_id:
            return
        row = self.recipients.row_of_job(job_id)
        if row is not None:
            self._wanted = None
            self.recipient_view.selectRow(row)
            self.recipient_view.scrollTo(self.recipients.index(row, 1))
            self.sending_shown.emit(campaign_id, job_id)
        elif self.recipients.canFetchMore(QModelIndex()):
            self.recipients.fetchMore(QModelIndex())
        elif not self.recipients.loading:
            self._wanted = None
            self.sending_shown.emit(campaign_id, None)

    def show_sending(self, code: str) -> None:
        """Show the campaign of the sending ``code`` and select its recipient."""
        if self._sent is not None and self._tasks is not None:
            self._tasks.run_task(self._find_sending(code), parent=self, on_error=self._failed)

    async def _find_sending(self, code: str) -> None:
        assert self._sent is not None
        found = await self._sent.find_sending(code)
        if found is None:
            self.banner.show_message(
                self.tr("No sending with code {code} among this mailbox's campaigns.").format(
                    code=code
                )
            )
            return
        self.show_campaign(*found)

    def _failed(self, error: PecError) -> None:
        title, message = error_texts(error)  # in the UI's language
        self.banner.show_message(f"{title}: {message}")
