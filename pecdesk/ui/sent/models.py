"""The Sent tab's table models: campaigns (all loaded) and recipients (paged lazily).

Both are configurations of :class:`~pecdesk.ui.widgets.paged_model.PagedTableModel`. The
campaigns are few and given whole; a campaign's recipients (10,000 and more) load a page at a
time as the view scrolls, so a big campaign opens at once. Changing the campaign, the state
filter or the search starts over; a page from an older query is dropped.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QLocale, QModelIndex, QObject, Signal

from pecdesk.domain.delivery import DeliveryState
from pecdesk.domain.ledger import CampaignOverview, LedgerRow
from pecdesk.i18n import QT_TRANSLATE_NOOP
from pecdesk.services.receipts.sent import SentSearch, SentService
from pecdesk.ui.sent.format import (
    format_time,
    format_time_short,
    reason_label,
    state_color,
    state_label,
)
from pecdesk.ui.widgets.paged_model import Column, Fetched, Page, PagedTableModel, Runner

PAGE_SIZE = 200
FAILED = (DeliveryState.FAILED, DeliveryState.FAILED_TIMEOUT, DeliveryState.REJECTED)


def _number(value: int) -> str:
    return QLocale().toString(value)


def _subject(campaign: CampaignOverview) -> str:
    if campaign.parent_id is None:
        return campaign.subject
    return QCoreApplication.translate("CampaignModel", "{subject} (retry of #{id})").format(
        subject=campaign.subject, id=campaign.parent_id
    )


def _final_share(campaign: CampaignOverview) -> str:
    if (at := campaign.scheduled_for) is not None:  # held, not stuck: say until when
        return QCoreApplication.translate("CampaignModel", "Scheduled for {when}").format(
            when=format_time_short(at))
    share = 100 * campaign.final // campaign.total if campaign.total else 100
    return f"{_number(share)} %"


_CAMPAIGN_COLUMNS: tuple[Column[CampaignOverview], ...] = (
    Column(QT_TRANSLATE_NOOP("CampaignModel", "Date"), lambda c: format_time(c.created_at)),
    Column(QT_TRANSLATE_NOOP("CampaignModel", "Subject"), _subject),
    Column(QT_TRANSLATE_NOOP("CampaignModel", "Recipients"), lambda c: _number(c.total),
           align_right=True),
    Column(QT_TRANSLATE_NOOP("CampaignModel", "Delivered"),
           lambda c: _number(c.counts.get(DeliveryState.DELIVERED, 0)), align_right=True),
    Column(QT_TRANSLATE_NOOP("CampaignModel", "Failed"),
           lambda c: _number(sum(c.counts.get(s, 0) for s in FAILED)), align_right=True),
    Column(QT_TRANSLATE_NOOP("CampaignModel", "Final"), _final_share, align_right=True),
)


def _state(row: LedgerRow) -> str:
    return state_label(row.state, ordinary=row.ordinary)


def _shown(title: str, text: Callable[[LedgerRow], str]) -> Column[LedgerRow]:
    """A recipient column whose tooltip repeats its text (long addresses and reasons)."""
    return Column(title, text, tooltip=text)


def _campaign(row: LedgerRow) -> str:
    return f"#{row.campaign_id} {row.subject}"


CAMPAIGN_COLUMN = 0
"""The recipient table's campaign column, shown for a search over every campaign."""
ADDRESS_COLUMN = 1
"""The recipient table's address column: it takes the spare width."""
SUBJECT_COLUMN = 1
"""The campaign table's subject column: it takes the spare width."""
STATE_COLUMN, REASON_COLUMN = 2, 6
RECIPIENT_CAPS = {STATE_COLUMN: 150, REASON_COLUMN: 220}
"""The widest the state and reason get when fitted (their tooltips say the rest): the address
keeps its room at 1,024 px."""
_RECIPIENT_COLUMNS: tuple[Column[LedgerRow], ...] = (
    _shown(QT_TRANSLATE_NOOP("RecipientModel", "Campaign"), _campaign),
    _shown(QT_TRANSLATE_NOOP("RecipientModel", "Recipient"), lambda r: r.address),
    Column(QT_TRANSLATE_NOOP("RecipientModel", "State"), _state, tooltip=_state,
           foreground=lambda r: state_color(r.state)),
    _shown(QT_TRANSLATE_NOOP("RecipientModel", "Accepted"), lambda r: format_time(r.accepted_at)),
    _shown(QT_TRANSLATE_NOOP("RecipientModel", "Delivered / final"),
           lambda r: format_time(r.final_at)),
    _shown(QT_TRANSLATE_NOOP("RecipientModel", "Code"), lambda r: r.code),
    _shown(QT_TRANSLATE_NOOP("RecipientModel", "Reason"), lambda r: reason_label(r.reason)),
)


class CampaignModel(PagedTableModel[None, CampaignOverview]):
    """Every campaign with its recipients by state and its progress toward final.

    Attributes:
        CampaignRole: role whose data is the row's :class:`CampaignOverview`.
    """

    CampaignRole = PagedTableModel.RowRole

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(_CAMPAIGN_COLUMNS, context="CampaignModel", parent=parent)

    def set_campaigns(self, campaigns: list[CampaignOverview]) -> None:
        """Show ``campaigns`` (newest first)."""
        self.set_rows(campaigns)

    def campaign(self, row: int) -> CampaignOverview | None:
        """The campaign shown in ``row``."""
        return self.row(row)

    def row_of(self, campaign_id: int) -> int | None:
        """The row showing campaign ``campaign_id`` (None: not listed)."""
        for index, campaign in enumerate(self._rows):
            if campaign.id == campaign_id:
                return index
        return None

    def upsert(self, campaigns: Iterable[CampaignOverview]) -> None:
        """Show these campaigns' new counts in their rows; a new one is inserted in its place.

        Only the rows concerned change (``dataChanged`` or one ``rowsInserted`` each): the
        selection and the scroll position stay where they were.
        """
        rows = {c.id: i for i, c in enumerate(self._rows)}
        for campaign in campaigns:
            row = rows.get(campaign.id)
            if row is not None:
                if self._rows[row] != campaign:
                    self.replace_row(row, campaign)
                continue
            at = next((i for i, c in enumerate(self._rows) if c.id < campaign.id),
                      len(self._rows))  # newest first
            self.beginInsertRows(QModelIndex(), at, at)
            self._rows.insert(at, campaign)
            self._total = len(self._rows)
            self.endInsertRows()
            rows = {c.id: i for i, c in enumerate(self._rows)}


@dataclass(frozen=True)
class RecipientQuery:
    """Which recipients the lower table shows.

    Attributes:
        campaign: the campaign's id.
        states: only these states (None: all).
        search: a piece of address or code ("" : no search).
    """

    campaign: int
    states: Collection[DeliveryState] | None = None
    search: str = ""


class RecipientModel(PagedTableModel[RecipientQuery | SentSearch, LedgerRow]):
    """One campaign's recipients, or a search over every campaign, a page at a time.

    Attributes:
        RowRole: role whose data is the row's :class:`LedgerRow`.

    Signals:
        counted(int): the number of rows the current query matches.
        load_failed(object): a page could not be loaded (the :class:`PecError`).
    """

    counted = Signal(int)

    def __init__(self, *, service: SentService, run: Runner, parent: QObject | None = None) -> None:
        super().__init__(_RECIPIENT_COLUMNS, context="RecipientModel", run=run, parent=parent)
        self._service = service

    def show_campaign(
        self, campaign_id: int | None, *, states: Collection[DeliveryState] | None = None,
        search: str = "",
    ) -> None:
        """Start over on ``campaign_id`` with a state filter and a search text."""
        self.start(None if campaign_id is None else RecipientQuery(campaign_id, states, search))

    def search(self, query: SentSearch) -> None:
        """Start over on a search over every campaign."""
        self.start(query)

    def reload(self) -> None:
        """Drop the rows and load the first page of the current query again."""
        self.start(self.query)

    def update_rows(self, fresh: Iterable[LedgerRow]) -> int:
        """Show the newer versions of loaded rows (same job and address); how many changed.

        Rows not loaded are left alone (they load fresh when scrolled to); nothing is reset,
        so the selection and the scroll position stay.
        """
        by_key = {(r.job_id, r.address.lower()): r for r in fresh}
        changed = 0
        for index, row in enumerate(self._rows):
            newer = by_key.get((row.job_id, row.address.lower())) if by_key else None
            if newer is not None and newer != row:
                self.replace_row(index, newer)
                changed += 1
        return changed

    def row_of_job(self, job_id: int) -> int | None:
        """The first loaded row of job ``job_id`` (None: not loaded, or not shown)."""
        return next((i for i, r in enumerate(self._rows) if r.job_id == job_id), None)

    async def _fetch_page(
        self, query: RecipientQuery | SentSearch, number: int, loaded: int
    ) -> Page[LedgerRow]:
        total = self.total
        if isinstance(query, SentSearch):
            if number == 1:
                total = await self._service.search_count(query)
            rows = await self._service.search(query, offset=loaded, limit=PAGE_SIZE)
        else:
            if number == 1:
                total = await self._service.count(
                    query.campaign, states=query.states, search=query.search
                )
            rows = await self._service.rows(
                query.campaign, states=query.states, search=query.search,
                offset=loaded, limit=PAGE_SIZE,
            )
        if not rows:
            return Fetched(rows, last=True, total=loaded)
        last = len(rows) < PAGE_SIZE if total is None else loaded + len(rows) >= total
        return Fetched(rows, last=last, total=total)

    def _page_shown(
        self, query: RecipientQuery | SentSearch, number: int, page: Page[LedgerRow]
    ) -> None:
        if number == 1:
            self.counted.emit(page.total or 0)
