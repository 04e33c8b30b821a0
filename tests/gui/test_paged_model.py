"""The shared paged table model with no view: its paging contract, and each list on real data.

The base class is driven through a tiny subclass (numbers, so every page is predictable); the
Sent and Inbox models load from their real services on the sandbox over HTTP.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QColor
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from pecdesk.accounts.account import Account
from pecdesk.api import PecMassivaClient
from pecdesk.domain.delivery import DeliveryState
from pecdesk.domain.ledger import CampaignOverview, LedgerRow
from pecdesk.errors import NetworkError
from pecdesk.sandbox import EmbeddedSandbox
from pecdesk.services.mailbox.inbox import InboxService
from pecdesk.services.mailbox.mail import MailService
from pecdesk.ui.inbox.model import COL_SUBJECT, InboxModel
from pecdesk.ui.sent.models import CampaignModel, RecipientModel
from pecdesk.ui.widgets.paged_model import Column, Fetched, Page, PagedTableModel
from tests.helpers.engine import campaign
from tests.helpers.gui import drive
from tests.helpers.sandbox import MAILBOX, PASSWORD, TOKEN
from tests.helpers.sent import SentRig, rig  # noqa: F401 - the fixture

RED = QColor("#ff0000")
NUMBER_COLUMNS = (
    Column[int]("Number", str, align_right=True),
    Column[int]("Parity", lambda n: "even" if n % 2 == 0 else "odd",
                tooltip=lambda n: f"{n} is {'even' if n % 2 == 0 else 'odd'}",
                foreground=lambda n: RED if n % 2 else None),
)


class Numbers(PagedTableModel[int, int]):
    """1..query in pages of 4; can fail the next page or hold pages until a gate opens."""

    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        super().__init__(NUMBER_COLUMNS, context="Numbers", run=loop.create_task)
        self.calls: list[tuple[int, int]] = []
        self.fail_next = False
        self.gate: asyncio.Event | None = None

    async def _fetch_page(self, query: int, number: int, loaded: int) -> Page[int]:
        self.calls.append((number, loaded))
        if self.gate is not None:
            await self.gate.wait()
        if self.fail_next:
            self.fail_next = False
            raise NetworkError(outcome_unknown=False, reason="test")
        rows = list(range(loaded + 1, min(loaded + 4, query) + 1))
        return Fetched(rows, last=loaded + len(rows) >= query, total=query)


def check(tester: ModelTester, model: object) -> None:
    """Run pytest-qt's model checks (its method is not annotated)."""
    tester.check(model)  # type: ignore[no-untyped-call]


def shown(model: PagedTableModel[int, int]) -> list[int | None]:
    """The records loaded, in order."""
    return [model.row(r) for r in range(model.rowCount())]


def load_all(qtbot: QtBot, model: PagedTableModel[Any, Any]) -> None:
    """Fetch pages until the model has no more (the model tester may fetch some itself)."""
    while True:
        qtbot.waitUntil(lambda: not model.loading, timeout=10000)
        if not model.canFetchMore(QModelIndex()):
            return
        model.fetchMore(QModelIndex())


def test_pages_in_order_under_qt_checks(
    qtbot: QtBot, qloop: asyncio.AbstractEventLoop, qtmodeltester: ModelTester
) -> None:
    """Each page asks from where the rows end; the last page ends the paging."""
    model = Numbers(qloop)
    check(qtmodeltester, model)
    assert not model.canFetchMore(QModelIndex())  # no query yet
    model.start(10)
    load_all(qtbot, model)
    assert shown(model) == list(range(1, 11))
    assert [loaded for _number, loaded in model.calls] == [0, 4, 8]
    assert [number for number, _loaded in model.calls] == [1, 2, 3]
    assert model.exhausted and model.total == 10


def test_one_page_at_a_time(qtbot: QtBot, qloop: asyncio.AbstractEventLoop) -> None:
    """The re-entrancy guard: fetchMore while a page loads asks for nothing more."""
    model = Numbers(qloop)
    model.gate = asyncio.Event()
    with qtbot.waitSignal(model.loading_changed, timeout=1000) as started:
        model.start(10)
    assert started.args == [True]
    model.fetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    assert not model.canFetchMore(QModelIndex())
    with qtbot.waitSignal(model.rowsInserted, timeout=5000):
        model.gate.set()
    assert model.calls == [(1, 0)]
    assert shown(model) == [1, 2, 3, 4]


def test_a_failed_page_waits_for_retry(qtbot: QtBot, qloop: asyncio.AbstractEventLoop) -> None:
    """A failure is reported once and stops the paging; retry asks for the same page again."""
    model = Numbers(qloop)
    with qtbot.waitSignal(model.rowsInserted, timeout=5000):
        model.start(6)
    model.fail_next = True
    with qtbot.waitSignal(model.load_failed, timeout=5000) as failed:
        model.fetchMore(QModelIndex())
    assert isinstance(failed.args[0], NetworkError)
    assert model.failed and not model.canFetchMore(QModelIndex())
    with qtbot.waitSignal(model.rowsInserted, timeout=5000):
        model.retry()
    assert shown(model) == [1, 2, 3, 4, 5, 6]
    assert model.calls == [(1, 0), (2, 4), (2, 4)]


def test_a_page_of_an_older_query_is_dropped(
    qtbot: QtBot, qloop: asyncio.AbstractEventLoop
) -> None:
    """A page still loading when another query starts never reaches the rows."""
    model = Numbers(qloop)
    model.gate = asyncio.Event()
    model.start(100)
    model.gate = None
    with qtbot.waitSignal(model.rowsInserted, timeout=5000):
        model.start(2)
    assert shown(model) == [1, 2]
    assert model.total == 2


def test_rows_given_whole_end_the_paging(qloop: asyncio.AbstractEventLoop) -> None:
    """set_rows shows a list as it is: nothing to fetch, its length is the total."""
    model = Numbers(qloop)
    model.set_rows([7, 8, 9])
    assert shown(model) == [7, 8, 9]
    assert model.total == 3 and model.query is None
    assert not model.canFetchMore(QModelIndex())


def test_column_specs_give_texts_roles_and_looks(qloop: asyncio.AbstractEventLoop) -> None:
    """Display, tooltip, colour and alignment come from the specs; RowRole is the record."""
    model = Numbers(qloop)
    model.set_rows([3, 4])
    horizontal = Qt.Orientation.Horizontal
    assert [model.headerData(c, horizontal) for c in range(2)] == ["Number", "Parity"]
    assert model.index(0, 0).data() == "3"
    assert model.index(0, 1).data() == "odd"
    assert model.index(1, 1).data(Qt.ItemDataRole.ToolTipRole) == "4 is even"
    assert model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole) is None
    assert model.index(0, 1).data(Qt.ItemDataRole.ForegroundRole) == RED
    assert model.index(1, 1).data(Qt.ItemDataRole.ForegroundRole) is None
    right = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    assert model.index(0, 0).data(Qt.ItemDataRole.TextAlignmentRole) == right
    assert model.index(0, 1).data(Qt.ItemDataRole.TextAlignmentRole) is None
    assert model.index(1, 0).data(PagedTableModel.RowRole) == 4


def test_replace_and_remove_rows(qloop: asyncio.AbstractEventLoop, qtbot: QtBot) -> None:
    """A row is replaced in place (dataChanged) and rows are removed by a predicate."""
    model = Numbers(qloop)
    model.set_rows([1, 2, 3, 4, 5])
    with qtbot.waitSignal(model.dataChanged, timeout=1000) as changed:
        model.replace_row(1, 20)
    first, last = changed.args[0], changed.args[1]
    assert (first.row(), first.column(), last.row(), last.column()) == (1, 0, 1, 1)
    model.remove_rows_where(lambda n: n % 2 == 1)
    assert shown(model) == [20, 4]


# --- the Sent models on the real SentService ---------------------------------------------------


def test_recipient_model_pages_a_stored_campaign(
    rig: SentRig, qtbot: QtBot, qtmodeltester: ModelTester  # noqa: F811
) -> None:
    """450 stored recipients: counted once, 200 a page, searched and filtered by the service."""
    addresses = [f"r{n:03d}@pec.it" for n in range(450)]
    cid = drive(qtbot, rig.loop, rig.store.add_campaign(campaign(addresses)), timeout=20000)
    model = RecipientModel(service=rig.service, run=rig.loop.create_task)
    check(qtmodeltester, model)
    with qtbot.waitSignal(model.counted, timeout=10000) as counted:
        model.show_campaign(cid)
    assert counted.args == [450]
    load_all(qtbot, model)
    assert model.rowCount() == 450 and model.exhausted
    last = model.index(449, 0).data(RecipientModel.RowRole)
    assert isinstance(last, LedgerRow) and last.address == "r449@pec.it"
    assert model.index(0, 2).data() == "Queued"  # columns: campaign, recipient, state
    with qtbot.waitSignal(model.counted, timeout=10000) as counted:
        model.show_campaign(cid, search="r04")
    assert counted.args == [10]
    load_all(qtbot, model)
    assert {model.index(r, 1).data() for r in range(10)} == {f"r04{n}@pec.it" for n in range(10)}
    with qtbot.waitSignal(model.counted, timeout=10000) as counted:
        model.show_campaign(cid, states=(DeliveryState.DELIVERED,))
    assert counted.args == [0]
    assert model.rowCount() == 0 and not model.canFetchMore(QModelIndex())


def test_campaign_model_shows_the_service_overview(
    rig: SentRig, qtbot: QtBot, qtmodeltester: ModelTester  # noqa: F811
) -> None:
    """The overview the service computes, worded per column, numbers to the right."""
    addresses = ["a@pec.it", "b@pec.it", "c@pec.it"]
    drive(qtbot, rig.loop, rig.store.add_campaign(campaign(addresses, subject="Rinnovo")),
          timeout=20000)
    overview = drive(qtbot, rig.loop, rig.service.overview(), timeout=20000)
    model = CampaignModel()
    check(qtmodeltester, model)
    model.set_campaigns(overview)
    assert model.rowCount() == 1
    assert [model.index(0, c).data() for c in range(1, 6)] == ["Rinnovo", "3", "0", "0", "0 %"]
    right = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    assert model.index(0, 2).data(Qt.ItemDataRole.TextAlignmentRole) == right
    assert model.index(0, 1).data(Qt.ItemDataRole.TextAlignmentRole) is None
    record = model.index(0, 0).data(CampaignModel.CampaignRole)
    assert isinstance(record, CampaignOverview) and record is model.campaign(0)
    assert not model.canFetchMore(QModelIndex())


# --- the Inbox model on the real InboxService --------------------------------------------------


@pytest.fixture
def inbox_service(
    sandbox: EmbeddedSandbox, qtbot: QtBot, qloop: asyncio.AbstractEventLoop
) -> Iterator[InboxService]:
    """The sandbox mailbox's INBOX service, with no saved copy."""
    client = PecMassivaClient(sandbox.base_url, TOKEN, MAILBOX, PASSWORD, timeout=5.0)
    account = Account(sandbox.base_url, TOKEN, MAILBOX, PASSWORD, MAILBOX)
    yield InboxService(mail=MailService(client=client, account=account), cache=None)
    drive(qtbot, qloop, client.aclose())


def test_inbox_model_pages_the_sandbox_mailbox(
    sandbox: EmbeddedSandbox, inbox_service: InboxService, qtbot: QtBot,
    qloop: asyncio.AbstractEventLoop,
) -> None:
    """30 messages on the service: page 1 brings 25, page 2 the other 5, then the end."""
    sandbox.seed_inbox(MAILBOX, 30)
    model = InboxModel(run=qloop.create_task)
    with qtbot.waitSignal(model.page_loaded, timeout=10000) as first:
        model.start(inbox_service.server())
    assert first.args == [1, True]
    assert model.rowCount() == 25 and model.total == 30 and model.listing_is_live
    with qtbot.waitSignal(model.page_loaded, timeout=10000) as second:
        model.fetchMore(QModelIndex())
    assert second.args == [2, True]
    assert model.rowCount() == 30 and model.exhausted
    assert not model.canFetchMore(QModelIndex())
    subjects = [model.index(r, COL_SUBJECT).data() for r in range(30)]
    assert subjects == [model.item(r).subject for r in range(30)] and all(subjects)
    assert len({model.item(r).id for r in range(30)}) == 30
