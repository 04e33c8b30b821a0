"""The Sent tab: campaigns with counts by state, and each recipient's legal state and times.

Above, every campaign (date, subject, recipients, delivered, failed, progress toward final);
below, the selected campaign's recipients with state, times, code and reason, filtered by state
and searched by address or code. Receipts are tracked in the background; the actions (refresh,
retry, evidence export, archive-then-purge) live in :mod:`pecdesk.ui.sent.actions`.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QCoreApplication,
    QItemSelection,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QFont, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from pecdesk.domain.delivery import DeliveryState
from pecdesk.domain.ledger import LedgerRow
from pecdesk.domain.models import InboxItem
from pecdesk.errors import PecError
from pecdesk.i18n import QT_TRANSLATE_NOOP
from pecdesk.services.receipts.sent import SentService
from pecdesk.services.receipts.tracking import TrackReport
from pecdesk.ui.sent.actions import SentActions
from pecdesk.ui.sent.models import CampaignModel, RecipientModel
from pecdesk.ui.widgets.banner import Banner, BannerKind
from pecdesk.ui.widgets.error_box import error_texts
from pecdesk.ui.widgets.tasks import TaskRunner

S = DeliveryState
OVERVIEW_INTERVAL_MS = 3000
# (label, states) of the filter box; None shows everybody.
_FILTERS: tuple[tuple[str, tuple[DeliveryState, ...] | None], ...] = (
    (QT_TRANSLATE_NOOP("SentTab", "All recipients"), None),
    (QT_TRANSLATE_NOOP("SentTab", "Delivered"), (S.DELIVERED,)),
    (QT_TRANSLATE_NOOP("SentTab", "Not delivered"), (S.FAILED, S.FAILED_TIMEOUT, S.REJECTED)),
    (QT_TRANSLATE_NOOP("SentTab", "In progress"), (S.QUEUED, S.SUBMITTED, S.ACCEPTED, S.DELAYED)),
    (QT_TRANSLATE_NOOP("SentTab", "Needs attention"), (S.UNKNOWN, S.NOT_SENT, S.DELAYED)),
)


class SentTab(QWidget):
    """Campaigns above, the selected campaign's recipients below; an empty state until a send.

    Attributes:
        empty_label: the headline of the empty state.
        banner: warnings (overdue deliveries) and results of the actions.
        campaigns: the campaign table's model.
        recipients: the recipient table's model (None without a service).
        campaign_view: the campaign table.
        recipient_view: the recipient table.
        filter_box: the state filter.
        search_edit: the address/code search.
        count_label: how many recipients the filter shows.
        action_bar: the action buttons (None without a service).

    Signals:
        campaigns_loaded(int): the campaign list was (re)loaded with this many campaigns.
        tracked(object): a background tracking pass brought changes (the TrackReport).
    """

    campaigns_loaded = Signal(int)
    tracked = Signal(object)

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
        self._shown: tuple[int, object] | None = None  # campaign id and counts on screen
        self.pages = QStackedWidget(self)
        self.pages.addWidget(self._empty_page())
        self.campaigns = CampaignModel(self)
        self.recipients: RecipientModel | None = None
        self.action_bar: SentActions | None = None
        self.banner = Banner(BannerKind.WARNING, self)
        self.banner.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(self.pages, 1)
        self._timer = QTimer(self)
        self._timer.setInterval(OVERVIEW_INTERVAL_MS)
        self._timer.timeout.connect(lambda: self.reload_campaigns() if self.isVisible() else None)
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
            service=sent, run=lambda coro: tasks.run_task(coro, parent=self,
                                                          on_error=self._failed), parent=self
        )
        self.campaign_view = self._table(page, self.campaigns)
        self.campaign_view.selectionModel().selectionChanged.connect(self._campaign_selected)
        self.recipient_view = self._table(page, self.recipients)
        self.filter_box = QComboBox(page)
        for label, states in _FILTERS:
            self.filter_box.addItem(QCoreApplication.translate("SentTab", label), states)
        self.search_edit = QLineEdit(page)
        self.search_edit.setPlaceholderText(self.tr("Search address or code"))
        self.search_edit.setClearButtonEnabled(True)
        self.count_label = QLabel(page)
        self.filter_box.currentIndexChanged.connect(lambda _i: self._show_recipients(force=True))
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(250)
        self._search_timer.timeout.connect(lambda: self._show_recipients(force=True))
        self.search_edit.textChanged.connect(lambda _t: self._search_timer.start())
        self.recipients.counted.connect(self._show_count)
        self.recipients.load_failed.connect(self._failed)
        self.action_bar = SentActions(
            sent=sent, tasks=tasks, selected_campaign=self.selected_campaign_id,
            selected_recipient=self.selected_recipient, parent=page,
        )
        self.action_bar.campaigns_changed.connect(self.reload_campaigns)
        self.action_bar.warning_raised.connect(self.banner.show_message)
        filters = QHBoxLayout()
        filters.addWidget(self.filter_box)
        filters.addWidget(self.search_edit, 1)
        filters.addWidget(self.count_label)
        lower = QWidget(page)
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addLayout(filters)
        lower_layout.addWidget(self.recipient_view, 1)
        splitter = QSplitter(Qt.Orientation.Vertical, page)
        splitter.addWidget(self.campaign_view)
        splitter.addWidget(lower)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.action_bar)
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
        view.horizontalHeader().setStretchLastSection(True)
        return view

    # -- loading -------------------------------------------------------------------------------

    def start(self) -> None:
        """Load the campaigns and start tracking receipts in the background (once)."""
        if self._started or self._sent is None or self._tasks is None:
            return
        self._started = True
        self.reload_campaigns()
        self._timer.start()
        self._tasks.run_task(
            self._sent.watch(on_change=self.tracked.emit), parent=self, on_error=self._failed,
        )
        self.tracked.connect(self._on_tracked)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt API
        """Show fresh data when the tab comes into view."""
        super().showEvent(event)
        if self._started:
            self.reload_campaigns()

    def reload_campaigns(self) -> None:
        """Reload the campaign list (keeping the selection)."""
        if self._sent is not None and self._tasks is not None:
            self._tasks.run_task(self._load_campaigns(), parent=self, on_error=self._failed)

    async def _load_campaigns(self) -> None:
        assert self._sent is not None
        campaigns = await self._sent.overview()
        selected = self.selected_campaign_id()
        self.campaigns.set_campaigns(campaigns)
        self.pages.setCurrentIndex(1 if campaigns else 0)
        if campaigns:
            rows = [i for i, c in enumerate(campaigns) if c.id == selected] or [0]
            self.campaign_view.selectRow(rows[0])  # reloads the recipients only if they changed
        self.campaigns_loaded.emit(len(campaigns))

    def _on_tracked(self, report: object) -> None:
        if isinstance(report, TrackReport) and report.changed:
            self.reload_campaigns()
        if self.action_bar is not None:
            self.action_bar.check_overdue()

    def feed_inbox(self, items: list[InboxItem]) -> None:
        """Count the receipts among rows the Inbox just loaded (no-op without a service)."""
        if self._sent is None or self._tasks is None or not items:
            return
        self._tasks.run_task(self._feed(items), parent=self, on_error=lambda _e: None)

    async def _feed(self, items: list[InboxItem]) -> None:
        assert self._sent is not None
        report = await self._sent.feed_inbox(items)
        if report.changed:
            self.tracked.emit(report)

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
        """Show the selected campaign's recipients (unless they are already shown, unchanged)."""
        if self.recipients is None:
            return
        rows = self.campaign_view.selectionModel().selectedRows()
        campaign = self.campaigns.campaign(rows[0].row()) if rows else None
        campaign_id = campaign.id if campaign else None
        shown = None if campaign is None else (campaign.id, (campaign.counts, campaign.final))
        if shown == self._shown and not force:
            return
        self._shown = shown
        states = self.filter_box.currentData()
        self.recipients.show_campaign(
            campaign_id, states=states, search=self.search_edit.text()
        )

    def _show_count(self, total: int) -> None:
        self.count_label.setText(self.tr("%n recipient(s)", "", total))

    def _failed(self, error: PecError) -> None:
        title, message = error_texts(error)  # in the UI's language
        self.banner.show_message(f"{title}: {message}")
