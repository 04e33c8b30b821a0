"""InboxModel with no view: lazy paging, its guards, de-duplication, roles and Qt's model checks."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from PySide6.QtCore import QAbstractItemModel, QLocale, QModelIndex, Qt
from PySide6.QtGui import QFont, QIcon
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from pecdesk.domain.models import InboxItem
from pecdesk.domain.receipts import ReceiptKind
from pecdesk.errors import NetworkError
from pecdesk.services.mailbox.inbox import InboxRow, ListedPage, Listing
from pecdesk.ui.inbox.format import COL_DATE, COL_FROM, COL_KIND, COL_SUBJECT
from pecdesk.ui.inbox.model import InboxModel
from pecdesk.ui.inbox.table import KindFilterProxy
from pecdesk.ui.message.headers import format_date


def row(ident: int, *, kind: ReceiptKind = ReceiptKind.OTHER, read: bool = False) -> InboxRow:
    """An inbox row whose key and id both follow ``ident``."""
    item = InboxItem(
        id=ident,
        sender="a@pec.it",
        sender_text='"Per conto di: a@pec.it" ',
        recipient="me@pec.it",
        date=None,
        date_text="Wed, 26 Aug 2020 10:00:35 +0200",
        subject=f"Subject {ident}",
    )
    code = "2020082610003492" if kind is ReceiptKind.DELIVERY else ""
    return InboxRow(f"k{ident}", item, kind, code, read)


class FakeListing(Listing):
    """Serves prepared pages; can be told to fail or to hold a page until released."""

    def __init__(self, pages: list[list[InboxRow]], *, live: bool = True) -> None:
        super().__init__()
        self.pages = pages
        self.live = live
        self.calls: list[int] = []
        self.fail_next = False
        self.gate: asyncio.Event | None = None

    @property
    def ids_are_live(self) -> bool:  # type: ignore[override]
        """Whether ids are the service's (a class attribute in the real listings)."""
        return self.live

    async def page(self, number: int) -> ListedPage:
        """Page ``number``: full pages of 25 are "not last"."""
        self.calls.append(number)
        if self.gate is not None:
            await self.gate.wait()
        if self.fail_next:
            self.fail_next = False
            raise NetworkError(outcome_unknown=False, reason="test")
        rows = self.pages[number - 1] if number <= len(self.pages) else []
        total = sum(len(p) for p in self.pages)
        return ListedPage(tuple(rows), number, total, len(rows) < 25)


def full(first: int, count: int = 25) -> list[InboxRow]:
    """``count`` rows with ids from ``first`` up."""
    return [row(i) for i in range(first, first + count)]


@pytest.fixture
def model(qloop: asyncio.AbstractEventLoop) -> Iterator[InboxModel]:
    """A model whose page loads run as tasks on the test loop."""
    yield InboxModel(run=qloop.create_task)


def check(tester: ModelTester, model: QAbstractItemModel) -> None:
    """Run pytest-qt's model checks (its method is not annotated)."""
    tester.check(model)  # type: ignore[no-untyped-call]


def load_all(qtbot: QtBot, model: InboxModel) -> None:
    """Fetch pages until the model says there are no more.

    Qt's model tester calls fetchMore itself after each change, so a page may already be
    loading: wait for it rather than assume.
    """
    while True:
        qtbot.waitUntil(lambda: not model.loading, timeout=5000)
        if not model.canFetchMore(QModelIndex()):
            return
        model.fetchMore(QModelIndex())


def test_pages_until_a_short_page(
    qtbot: QtBot, model: InboxModel, qtmodeltester: ModelTester
) -> None:
    """Pages are appended in order under Qt's model checks; a short page ends the paging."""
    check(qtmodeltester, model)
    listing = FakeListing([full(1), full(26), full(51, 7)])
    with qtbot.waitSignal(model.page_loaded, timeout=5000) as first:
        model.start(listing)
    assert first.args == [1, True]
    load_all(qtbot, model)
    assert [model.item(r).id for r in range(model.rowCount())] == list(range(1, 58))
    assert listing.calls == [1, 2, 3]
    assert model.exhausted
    assert model.total == 57


def test_a_second_fetch_while_loading_is_ignored(
    qtbot: QtBot, model: InboxModel, qloop: asyncio.AbstractEventLoop
) -> None:
    """The re-entrancy guard: fetchMore during a load does not ask for another page."""
    listing = FakeListing([full(1), full(26)])
    listing.gate = asyncio.Event()
    model.start(listing)
    assert model.loading
    assert not model.canFetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    with qtbot.waitSignal(model.page_loaded, timeout=5000):
        listing.gate.set()
    assert listing.calls == [1]
    assert model.rowCount() == 25


def test_rows_are_deduplicated_by_id(qtbot: QtBot, model: InboxModel) -> None:
    """A message that reappears on the next page (new mail pushed it down) is shown once."""
    listing = FakeListing([full(1), full(20)])
    model.start(listing)
    load_all(qtbot, model)
    ids = [model.item(r).id for r in range(model.rowCount())]
    assert ids == list(range(1, 45))


def test_saved_rows_are_deduplicated_by_key(qtbot: QtBot, model: InboxModel) -> None:
    """Rows of the saved copy may carry stale, repeated ids: they are told apart by key."""
    rows = [InboxRow(f"k{i}", row(7).item, ReceiptKind.OTHER, "") for i in range(3)]
    with qtbot.waitSignal(model.page_loaded, timeout=5000):
        model.start(FakeListing([rows], live=False))
    assert model.rowCount() == 3


def test_failure_stops_paging_until_retry(qtbot: QtBot, model: InboxModel) -> None:
    """A failed page is reported once; nothing is fetched again until retry()."""
    listing = FakeListing([full(1), full(26, 3)])
    with qtbot.waitSignal(model.page_loaded, timeout=5000):
        model.start(listing)
    listing.fail_next = True
    with qtbot.waitSignal(model.load_failed, timeout=5000) as failed:
        model.fetchMore(QModelIndex())
    assert isinstance(failed.args[0], NetworkError)
    assert model.failed
    assert not model.canFetchMore(QModelIndex())
    with qtbot.waitSignal(model.page_loaded, timeout=5000):
        model.retry()
    assert model.rowCount() == 28
    assert listing.calls == [1, 2, 2]


def test_keep_rows_replaces_in_one_go(qtbot: QtBot, model: InboxModel) -> None:
    """With keep_rows the old rows stay while the first page loads, then are replaced."""
    with qtbot.waitSignal(model.page_loaded, timeout=5000):
        model.start(FakeListing([full(100, 5)], live=False))
    fresh = FakeListing([full(1, 3)])
    fresh.gate = asyncio.Event()
    model.start(fresh, keep_rows=True)
    assert model.rowCount() == 5
    with qtbot.waitSignal(model.modelReset, timeout=5000):
        fresh.gate.set()
    assert [model.item(r).id for r in range(model.rowCount())] == [1, 2, 3]
    assert model.listing_is_live


def test_keep_rows_goes_back_when_the_first_page_fails(qtbot: QtBot, model: InboxModel) -> None:
    """If the replacing listing fails, the old rows and listing stay (offline: saved copy)."""
    saved = FakeListing([full(100, 5)], live=False)
    with qtbot.waitSignal(model.page_loaded, timeout=5000):
        model.start(saved)
    broken = FakeListing([full(1)])
    broken.fail_next = True
    with qtbot.waitSignal(model.load_failed, timeout=5000):
        model.start(broken, keep_rows=True)
    assert model.rowCount() == 5
    assert model.listing is saved
    assert not model.listing_is_live


def test_a_stale_page_is_dropped_after_restart(
    qtbot: QtBot, model: InboxModel, qloop: asyncio.AbstractEventLoop
) -> None:
    """A page still loading when another listing starts never reaches the rows."""
    slow = FakeListing([full(500)])
    slow.gate = asyncio.Event()
    model.start(slow)
    with qtbot.waitSignal(model.page_loaded, timeout=5000):
        model.start(FakeListing([full(1, 2)]))
    slow.gate.set()
    qtbot.wait(50)
    assert [model.item(r).id for r in range(model.rowCount())] == [1, 2]


def test_update_and_remove_rows(
    qtbot: QtBot, model: InboxModel, qtmodeltester: ModelTester
) -> None:
    """Rows are updated in place by key and removed by key, keeping Qt's invariants."""
    check(qtmodeltester, model)
    with qtbot.waitSignal(model.page_loaded, timeout=5000):
        model.start(FakeListing([full(1, 6)]))
    changed = row(3, read=True)
    with qtbot.waitSignal(model.dataChanged, timeout=1000):
        model.update_rows([changed])
    assert model.row_at(2).is_read
    model.remove_keys({"k2", "k3", "k6"})
    assert [model.item(r).id for r in range(model.rowCount())] == [1, 4, 5]
    assert model.row_of("k4") == 1
    assert model.row_of("k3") is None


def test_headers_display_and_roles() -> None:
    """Date/From/Subject/Kind; bare sender; kind name, icon and sending code; bold unread."""
    model = InboxModel(
        run=lambda coro: pytest.fail("no paging here"),
        locale=QLocale(QLocale.Language.English, QLocale.Country.UnitedStates),
    )
    model.set_rows([row(7, kind=ReceiptKind.DELIVERY), row(8, read=True)])
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(4)]
    assert headers == ["Date", "From", "Subject", "Kind"]
    assert model.index(0, COL_FROM).data() == "a@pec.it"
    assert model.index(0, COL_FROM).data(Qt.ItemDataRole.ToolTipRole) == '"Per conto di: a@pec.it"'
    assert model.index(0, COL_SUBJECT).data() == "Subject 7"
    assert model.index(0, COL_DATE).data() == "Wed, 26 Aug 2020 10:00:35 +0200"
    assert model.index(0, COL_KIND).data() == "Delivered"
    assert "2020082610003492" in model.index(0, COL_KIND).data(Qt.ItemDataRole.ToolTipRole)
    icon = model.index(0, COL_KIND).data(Qt.ItemDataRole.DecorationRole)
    assert isinstance(icon, QIcon)
    assert not icon.isNull()
    bold = model.index(0, COL_SUBJECT).data(Qt.ItemDataRole.FontRole)
    assert isinstance(bold, QFont)
    assert bold.bold()
    assert model.index(1, COL_SUBJECT).data(Qt.ItemDataRole.FontRole) is None
    assert model.index(0, 0).data(InboxModel.ItemRole).id == 7
    assert model.index(0, 0).data(InboxModel.RowRole).key == "k7"
    assert model.index(0, 0).data(InboxModel.KindRole) is ReceiptKind.DELIVERY


def test_kind_filter_proxy(qtbot: QtBot, model: InboxModel, qtmodeltester: ModelTester) -> None:
    """The proxy shows only the chosen kinds, and everything again when reset."""
    rows = [row(1, kind=ReceiptKind.DELIVERY), row(2), row(3, kind=ReceiptKind.DELIVERY)]
    with qtbot.waitSignal(model.page_loaded, timeout=5000):
        model.start(FakeListing([rows]))
    proxy = KindFilterProxy()
    proxy.setSourceModel(model)
    check(qtmodeltester, proxy)
    proxy.set_kinds(frozenset({ReceiptKind.DELIVERY}))
    assert [proxy.index(r, 0).data(InboxModel.ItemRole).id for r in range(proxy.rowCount())] == [
        1,
        3,
    ]
    proxy.set_kinds(None)
    assert proxy.rowCount() == 3


def test_format_date_uses_locale_and_falls_back() -> None:
    """A parsed date is formatted by the locale; an unparsed one shows the service's text."""
    locale = QLocale(QLocale.Language.Italian, QLocale.Country.Italy)
    when = datetime(2020, 8, 26, 10, 0, 35).astimezone()  # 10:00 in the local time zone
    assert format_date(when, "raw", locale) == "26/08/20 10:00"
    assert format_date(when.astimezone(UTC), "raw", locale) == "26/08/20 10:00"
    assert format_date(None, "raw", locale) == "raw"
