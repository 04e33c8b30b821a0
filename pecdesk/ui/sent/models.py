"""The Sent tab's table models: campaigns (all loaded) and recipients (paged lazily).

:class:`RecipientModel` follows Qt's lazy-loading protocol: the view calls ``canFetchMore`` when
it nears the end and ``fetchMore`` loads the next page in the background, one page at a time,
so a campaign of 10,000+ recipients opens at once and scrolls smoothly. Changing the campaign,
the state filter or the search starts over; a page from an older query is dropped.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Collection, Coroutine
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from pecdesk.domain.delivery import DeliveryState
from pecdesk.domain.ledger import CampaignOverview, LedgerRow
from pecdesk.errors import PecError
from pecdesk.i18n import QT_TRANSLATE_NOOP
from pecdesk.services.receipts.sent import SentService
from pecdesk.ui.sent.format import format_time, state_color, state_label

AnyIndex = QModelIndex | QPersistentModelIndex
Runner = Callable[[Coroutine[Any, Any, None]], "asyncio.Task[None]"]
PAGE_SIZE = 200
FAILED = (DeliveryState.FAILED, DeliveryState.FAILED_TIMEOUT, DeliveryState.REJECTED)

_CAMPAIGN_HEADERS = (
    QT_TRANSLATE_NOOP("CampaignModel", "Date"),
    QT_TRANSLATE_NOOP("CampaignModel", "Subject"),
    QT_TRANSLATE_NOOP("CampaignModel", "Recipients"),
    QT_TRANSLATE_NOOP("CampaignModel", "Delivered"),
    QT_TRANSLATE_NOOP("CampaignModel", "Failed"),
    QT_TRANSLATE_NOOP("CampaignModel", "Final"),
)
_RECIPIENT_HEADERS = (
    QT_TRANSLATE_NOOP("RecipientModel", "Recipient"),
    QT_TRANSLATE_NOOP("RecipientModel", "State"),
    QT_TRANSLATE_NOOP("RecipientModel", "Accepted"),
    QT_TRANSLATE_NOOP("RecipientModel", "Delivered / final"),
    QT_TRANSLATE_NOOP("RecipientModel", "Code"),
    QT_TRANSLATE_NOOP("RecipientModel", "Reason"),
)


class CampaignModel(QAbstractTableModel):
    """Every campaign with its recipients by state and its progress toward final.

    Attributes:
        CampaignRole: role whose data is the row's :class:`CampaignOverview`.
    """

    CampaignRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[CampaignOverview] = []

    def set_campaigns(self, campaigns: list[CampaignOverview]) -> None:
        """Show ``campaigns`` (newest first)."""
        self.beginResetModel()
        self._rows = list(campaigns)
        self.endResetModel()

    def campaign(self, row: int) -> CampaignOverview | None:
        """The campaign shown in ``row``."""
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802 - Qt API
        """Campaigns shown."""
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802 - Qt API
        """Date, subject, recipients, delivered, failed, final."""
        return 0 if parent.isValid() else len(_CAMPAIGN_HEADERS)

    def headerData(  # noqa: N802 - Qt API
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        """Translated column titles."""
        if orientation is Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate("CampaignModel", _CAMPAIGN_HEADERS[section])
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Texts, the campaign itself, and alignment."""
        campaign = self.campaign(index.row()) if index.isValid() else None
        if campaign is None:
            return None
        if role == self.CampaignRole:
            return campaign
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(campaign, index.column())
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() >= 2:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    @staticmethod
    def _text(campaign: CampaignOverview, column: int) -> str:
        locale = QLocale()
        if column == 0:
            return format_time(campaign.created_at)
        if column == 1:
            if campaign.parent_id is None:
                return campaign.subject
            return QCoreApplication.translate("CampaignModel", "{subject} (retry of #{id})").format(
                subject=campaign.subject, id=campaign.parent_id
            )
        counts = campaign.counts
        values = (
            campaign.total,
            counts.get(DeliveryState.DELIVERED, 0),
            sum(counts.get(s, 0) for s in FAILED),
        )
        if column < 5:
            return locale.toString(values[column - 2])
        share = 100 * campaign.final // campaign.total if campaign.total else 100
        return f"{locale.toString(share)} %"


class RecipientModel(QAbstractTableModel):
    """One campaign's recipients, filtered and searched, loaded a page at a time.

    Attributes:
        RowRole: role whose data is the row's :class:`LedgerRow`.

    Signals:
        counted(int): the number of rows the current query matches.
        load_failed(object): a page could not be loaded (the :class:`PecError`).
    """

    RowRole = Qt.ItemDataRole.UserRole + 1
    counted = Signal(int)
    load_failed = Signal(object)

    def __init__(self, *, service: SentService, run: Runner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._service = service
        self._run = run
        self._rows: list[LedgerRow] = []
        self._total = 0
        self._loading = False
        self._generation = 0
        self._campaign: int | None = None
        self._states: Collection[DeliveryState] | None = None
        self._search = ""

    @property
    def total(self) -> int:
        """Rows the current query matches (loaded or not)."""
        return self._total

    def show_campaign(
        self, campaign_id: int | None, *, states: Collection[DeliveryState] | None = None,
        search: str = "",
    ) -> None:
        """Start over on ``campaign_id`` with a state filter and a search text."""
        self._campaign, self._states, self._search = campaign_id, states, search
        self.reload()

    def reload(self) -> None:
        """Drop the rows and load the first page of the current query again."""
        self._generation += 1
        self.beginResetModel()
        self._rows, self._total, self._loading = [], 0, False
        self.endResetModel()
        if self._campaign is not None:
            self._load(self._generation, first=True)

    def row(self, row: int) -> LedgerRow | None:
        """The ledger row shown in ``row``."""
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def canFetchMore(self, parent: AnyIndex = QModelIndex()) -> bool:  # noqa: B008, N802
        """True while rows remain and no page is loading."""
        return not parent.isValid() and not self._loading and len(self._rows) < self._total

    def fetchMore(self, parent: AnyIndex = QModelIndex()) -> None:  # noqa: B008, N802
        """Load the next page in the background."""
        if self.canFetchMore(parent):
            self._load(self._generation, first=False)

    def _load(self, generation: int, *, first: bool) -> None:
        self._loading = True
        self._run(self._page(generation, first))

    async def _page(self, generation: int, first: bool) -> None:
        campaign = self._campaign
        assert campaign is not None
        try:
            if first:
                total = await self._service.count(
                    campaign, states=self._states, search=self._search
                )
            rows = await self._service.rows(
                campaign, states=self._states, search=self._search,
                offset=len(self._rows), limit=PAGE_SIZE,
            )
        except PecError as error:
            if generation == self._generation:
                self._loading = False
                self.load_failed.emit(error)
            return
        if generation != self._generation:
            return  # an older query's page
        if first:
            self._total = total
            self.counted.emit(total)
        if rows:
            start = len(self._rows)
            self.beginInsertRows(QModelIndex(), start, start + len(rows) - 1)
            self._rows.extend(rows)
            self.endInsertRows()
        else:
            self._total = len(self._rows)
        self._loading = False

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802 - Qt API
        """Rows loaded so far."""
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802 - Qt API
        """Recipient, state, accepted, final, code, reason."""
        return 0 if parent.isValid() else len(_RECIPIENT_HEADERS)

    def headerData(  # noqa: N802 - Qt API
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        """Translated column titles."""
        if orientation is Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate("RecipientModel", _RECIPIENT_HEADERS[section])
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Texts, colours for the state, and the row itself."""
        row = self.row(index.row()) if index.isValid() else None
        if row is None:
            return None
        if role == self.RowRole:
            return row
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == 1:
            return state_color(row.state)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            texts = (
                row.address, state_label(row.state, ordinary=row.ordinary),
                format_time(row.accepted_at), format_time(row.final_at), row.code, row.reason,
            )
            return texts[index.column()]
        return None
