"""The Inbox tab on a real sandbox: paging, saved copy, search, kinds, reading and deleting."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest
from PySide6.QtCore import QItemSelection, QItemSelectionModel, Qt, QUrl
from PySide6.QtGui import QFont, QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWebEngineWidgets import QWebEngineView
from PySide6.QtWidgets import QMessageBox
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from pecdesk.accounts.account import Account
from pecdesk.api import PecMassivaClient
from pecdesk.domain.receipts import ReceiptKind
from pecdesk.sandbox import EmbeddedSandbox
from pecdesk.services.mailbox.inbox import InboxService, OpenedMessage
from pecdesk.services.mailbox.mail import MailService
from pecdesk.storage.mail_cache import MailCache
from pecdesk.ui.inbox.format import COL_SUBJECT
from pecdesk.ui.inbox.kinds import KindGroup, kinds_of
from pecdesk.ui.inbox.model import InboxModel
from pecdesk.ui.inbox.tab import InboxTab
from pecdesk.ui.widgets.tasks import TaskRunner
from tests.helpers.gui import OFFSCREEN_WEBENGINE_NOISE, drive
from tests.helpers.sandbox import MAILBOX, PASSWORD, TOKEN, SandboxFactory

pytestmark = OFFSCREEN_WEBENGINE_NOISE
TabFactory = Callable[..., InboxTab]
HEADERS = {"Authorization": f"Bearer {TOKEN}", "x-username": MAILBOX, "x-password": PASSWORD}


@pytest.fixture
def opened_urls() -> list[QUrl]:
    """Links the tabs were asked to open outside pecdesk."""
    return []


@pytest.fixture
def open_tab(
    qtbot: QtBot, qloop: asyncio.AbstractEventLoop, tmp_path: Path, opened_urls: list[QUrl]
) -> Iterator[TabFactory]:
    """Build shown inbox tabs for a service URL, all on one mail cache; clean up after."""
    clients: list[PecMassivaClient] = []
    runners: list[TaskRunner] = []
    tabs: list[InboxTab] = []
    cache = MailCache.open(tmp_path)

    def make(base_url: str) -> InboxTab:
        account = Account(base_url, TOKEN, MAILBOX, PASSWORD, MAILBOX)
        client = PecMassivaClient(base_url, TOKEN, MAILBOX, PASSWORD, timeout=5.0)
        clients.append(client)
        tasks = TaskRunner(qloop)
        runners.append(tasks)
        inbox = InboxService(mail=MailService(client=client, account=account), cache=cache)
        tab = InboxTab(inbox=inbox, tasks=tasks, open_url=opened_urls.append)
        tabs.append(tab)
        qtbot.addWidget(tab)
        tab.resize(1000, 700)
        tab.show()
        qtbot.waitExposed(tab)
        return tab

    yield make

    for tab in tabs:
        tab.close()  # nothing new starts once hidden

    async def close_all() -> None:
        for tasks in runners:
            await tasks.shutdown()
        for client in clients:
            await client.aclose()

    drive(qtbot, qloop, close_all())
    cache.close()


def served(box: EmbeddedSandbox) -> list[tuple[int, str]]:
    """(id, subject) of every message, in the service's order, straight from the sandbox."""
    rows: list[tuple[int, str]] = []
    for page in range(1, 100):
        data = httpx.get(
            f"{box.base_url}/inbox", params={"page": page}, headers=HEADERS, timeout=5.0
        ).json()["data"]
        rows += [(int(item["id"]), str(item["object"])) for item in data]
        if len(data) < 25:
            return rows
    raise AssertionError


def first_page(qtbot: QtBot, tab: InboxTab) -> None:
    """Start the tab and wait for the service's first page."""
    with qtbot.waitSignal(tab.page_loaded, timeout=10_000):
        tab.refresh()


def shown_rows(tab: InboxTab) -> list[tuple[int, str]]:
    """(id, subject) of the rows the list shows."""
    proxy = tab.proxy
    items = [proxy.index(r, 0).data(InboxModel.ItemRole) for r in range(proxy.rowCount())]
    return [(item.id, item.subject) for item in items]


def select(tab: InboxTab, first: int, last: int | None = None) -> None:
    """Select rows ``first``..``last`` of the list; the first becomes current."""
    tab.select_row(first)
    if last is not None:
        columns = tab.proxy.columnCount() - 1
        span = QItemSelection(tab.proxy.index(first, 0), tab.proxy.index(last, columns))
        tab.table.selectionModel().select(
            span, QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
        )


def open_row(qtbot: QtBot, tab: InboxTab, row: int) -> OpenedMessage:
    """Select ``row`` and wait until its message is rendered in the reading pane."""
    with qtbot.waitSignal(tab.message_opened, timeout=10_000) as opened:
        select(tab, row)
    pane = tab.ensure_pane()
    with qtbot.waitSignal(pane.rendered, timeout=10_000):
        pass
    message = opened.args[0]
    assert isinstance(message, OpenedMessage)
    return message


def test_scrolling_pages_the_whole_mailbox(
    qtbot: QtBot, sandbox_factory: SandboxFactory, open_tab: TabFactory, qtmodeltester: ModelTester
) -> None:
    """Scrolling down loads 25 at a time until all 300 are shown: no gap, no duplicate."""
    box = sandbox_factory()
    box.seed_inbox(MAILBOX, 300)
    tab = open_tab(box.base_url)
    qtmodeltester.check(tab.model)  # type: ignore[no-untyped-call]
    first_page(qtbot, tab)
    assert tab.model.rowCount() == 25
    assert tab.count_label.text() == "Messages: 300"
    while not tab.model.exhausted:
        with qtbot.waitSignal(tab.model.page_loaded, timeout=10_000):
            tab.table.scrollToBottom()
    assert shown_rows(tab) == served(box)


def test_saved_copy_opens_at_once_and_offline(
    qtbot: QtBot, sandbox_factory: SandboxFactory, open_tab: TabFactory
) -> None:
    """Next time the saved copy shows first; with the service gone it stays, and says so."""
    box = sandbox_factory()
    listed_whole(qtbot, box, open_tab, 30)
    url = box.base_url
    box.stop()
    tab = open_tab(url)
    with qtbot.waitSignal(tab.load_failed, timeout=10_000):
        tab.refresh()
    assert tab.model.rowCount() == 25
    assert not tab.model.listing_is_live
    assert "saved on this computer" in tab.error_banner.text()
    assert tab.count_label.text() == "Saved on this computer: 30"
    tab.table.scrollToBottom()  # the saved copy pages too
    qtbot.waitUntil(lambda: tab.model.rowCount() == 30, timeout=5000)


def test_refresh_picks_up_new_messages(
    qtbot: QtBot, sandbox_factory: SandboxFactory, open_tab: TabFactory
) -> None:
    """Refresh lists again from the service: new mail appears on top."""
    box = sandbox_factory()
    box.seed_inbox(MAILBOX, 5)
    tab = open_tab(box.base_url)
    first_page(qtbot, tab)
    box.seed_inbox(MAILBOX, 2)
    with qtbot.waitSignal(tab.page_loaded, timeout=10_000):
        tab.refresh_button.click()
    assert shown_rows(tab) == served(box)
    assert tab.count_label.text() == "Messages: 7"


def test_refresh_keeps_the_open_message_selected_by_key(
    qtbot: QtBot, sandbox_factory: SandboxFactory, open_tab: TabFactory
) -> None:
    """New mail pushes rows down: after a refresh the same messages are selected, and shown."""
    box = sandbox_factory()
    box.seed_inbox(MAILBOX, 8)
    tab = open_tab(box.base_url)
    first_page(qtbot, tab)
    opened = open_row(qtbot, tab, 2)
    select(tab, 2, 3)
    kept = [row.key for row in tab.selected_rows()]
    box.seed_inbox(MAILBOX, 2)
    with qtbot.waitSignal(tab.page_loaded, timeout=10_000):
        tab.refresh()
    assert tab.count_label.text() == "Messages: 10"
    assert [row.key for row in tab.selected_rows()] == kept
    current = tab.current_row()
    assert current is not None
    assert current.key == opened.row.key
    assert tab.table.currentIndex().row() == 4  # two new messages above it
    pane = tab.pane
    assert pane is not None
    assert pane.opened is not None
    assert pane.opened.row.key == opened.row.key
    assert pane.subject_label.text() == opened.message.subject


def listed_whole(qtbot: QtBot, box: EmbeddedSandbox, open_tab: TabFactory, count: int
                 ) -> InboxTab:
    """A tab over ``box`` seeded with ``count`` messages, scrolled until all are listed."""
    box.seed_inbox(MAILBOX, count)
    tab = open_tab(box.base_url)
    first_page(qtbot, tab)
    tab.table.scrollToBottom()
    qtbot.waitUntil(lambda: tab.model.exhausted, timeout=10_000)
    return tab


def refreshed_away_from_page_two(
    qtbot: QtBot, sandbox_factory: SandboxFactory, open_tab: TabFactory
) -> tuple[InboxTab, OpenedMessage]:
    """A tab of 40 messages whose row 30 (page 2) was open when a refresh listed page 1 again."""
    tab = listed_whole(qtbot, sandbox_factory(), open_tab, 40)
    opened = open_row(qtbot, tab, 30)
    with qtbot.waitSignal(tab.page_loaded, timeout=10_000):
        tab.refresh()
    return tab, opened


def test_a_message_on_page_two_is_selected_again_when_its_page_comes(
    qtbot: QtBot, sandbox_factory: SandboxFactory, open_tab: TabFactory
) -> None:
    """A refresh lists page 1 only; the open message of page 2 is selected again with it."""
    tab, opened = refreshed_away_from_page_two(qtbot, sandbox_factory, open_tab)
    assert tab.proxy.rowCount() == 25
    assert tab.selected_rows() == []
    with qtbot.waitSignal(tab.model.page_loaded, timeout=10_000):
        tab.table.scrollToBottom()
    assert [row.key for row in tab.selected_rows()] == [opened.row.key]
    current = tab.current_row()
    assert current is not None and current.key == opened.row.key


def test_a_new_choice_drops_the_pending_selection(
    qtbot: QtBot, sandbox_factory: SandboxFactory, open_tab: TabFactory
) -> None:
    """Rows chosen after the refresh stay chosen when the old message's page comes back."""
    tab, _opened = refreshed_away_from_page_two(qtbot, sandbox_factory, open_tab)
    chosen = open_row(qtbot, tab, 1)
    with qtbot.waitSignal(tab.model.page_loaded, timeout=10_000):
        tab.table.scrollToBottom()
    assert [row.key for row in tab.selected_rows()] == [chosen.row.key]


def test_a_message_no_longer_listed_stays_in_the_pane(
    qtbot: QtBot, sandbox_factory: SandboxFactory, open_tab: TabFactory
) -> None:
    """A refresh that no longer lists the open message selects nothing; the pane still shows it."""
    box = sandbox_factory()
    box.seed_inbox(MAILBOX, 3)
    tab = open_tab(box.base_url)
    first_page(qtbot, tab)
    opened = open_row(qtbot, tab, 0)
    httpx.delete(f"{box.base_url}/inbox/{opened.row.id}", headers=HEADERS, timeout=5.0)
    with qtbot.waitSignal(tab.page_loaded, timeout=10_000):
        tab.refresh()
    assert len(shown_rows(tab)) == 2
    assert tab.selected_rows() == []
    assert tab.current_row() is None
    assert tab.pane is not None
    assert tab.pane.opened is opened


def test_local_search_and_back(
    qtbot: QtBot, sandbox_factory: SandboxFactory, open_tab: TabFactory
) -> None:
    """Typing searches the saved messages at once; clearing the field shows the inbox again."""
    box = sandbox_factory()
    box.seed_inbox(MAILBOX, 60)
    tab = open_tab(box.base_url)
    first_page(qtbot, tab)
    tab.table.scrollToBottom()
    qtbot.waitUntil(lambda: tab.model.rowCount() == 50, timeout=5000)
    expected = [row for row in served(box)[:50] if "anomalia" in row[1].lower()]
    assert expected
    with qtbot.waitSignal(tab.search_model.page_loaded, timeout=5000) as loaded:
        QTest.keyClicks(tab.search_bar.search_edit, "anomalia")
    assert loaded.args == [1, False]  # from this computer, not the service
    assert shown_rows(tab) == expected
    assert tab.count_label.text() == f"Found: {len(expected)}"
    tab.search_bar.search_edit.clear()
    assert tab.proxy.sourceModel() is tab.model
    assert tab.proxy.rowCount() == 50


def test_server_search_on_enter(
    qtbot: QtBot, sandbox_factory: SandboxFactory, open_tab: TabFactory
) -> None:
    """With "On the PEC service" ticked, Enter asks the service (whose search can be slow)."""
    box = sandbox_factory()
    box.seed_inbox(MAILBOX, 40)
    tab = open_tab(box.base_url)
    first_page(qtbot, tab)
    tab.search_bar.server_box.setChecked(True)
    assert tab.search_bar.server_note.isVisible()
    QTest.keyClicks(tab.search_bar.search_edit, "ACCETTAZIONE")
    with qtbot.waitSignal(tab.search_model.page_loaded, timeout=10_000) as loaded:
        QTest.keyClick(tab.search_bar.search_edit, Qt.Key.Key_Return)
    assert loaded.args == [1, True]
    subjects = [subject for _, subject in shown_rows(tab)]
    assert subjects
    assert all("ACCETTAZIONE" in s for s in subjects)


def test_kind_filter(qtbot: QtBot, sandbox_factory: SandboxFactory, open_tab: TabFactory) -> None:
    """Choosing a kind group shows only those kinds; "All messages" shows everything again."""
    box = sandbox_factory()
    box.seed_inbox(MAILBOX, 40)
    tab = open_tab(box.base_url)
    first_page(qtbot, tab)
    combo = tab.search_bar.kind_filter
    combo.setCurrentIndex(combo.findData(KindGroup.PROBLEMS))
    problems = kinds_of(KindGroup.PROBLEMS)
    assert problems is not None
    kinds = [tab.proxy.index(r, 0).data(InboxModel.KindRole) for r in range(tab.proxy.rowCount())]
    assert kinds
    assert set(kinds) <= problems
    assert "(shown:" in tab.count_label.text()
    combo.setCurrentIndex(combo.findData(KindGroup.ALL))
    assert tab.proxy.rowCount() == tab.model.rowCount()


def test_opening_creates_the_web_view_lazily(
    qtbot: QtBot, sandbox_factory: SandboxFactory, open_tab: TabFactory
) -> None:
    """No web view exists until a message is opened; then it shows it, and it is read."""
    box = sandbox_factory()
    box.seed_inbox(MAILBOX, 10)
    tab = open_tab(box.base_url)
    first_page(qtbot, tab)
    assert tab.pane is None
    assert tab.findChildren(QWebEngineView) == []
    bold = tab.proxy.index(0, COL_SUBJECT).data(Qt.ItemDataRole.FontRole)
    assert isinstance(bold, QFont)
    opened = open_row(qtbot, tab, 0)
    assert tab.pane is not None
    assert len(tab.findChildren(QWebEngineView)) == 1
    assert tab.pane.subject_label.text() == opened.message.subject == shown_rows(tab)[0][1]
    assert tab.proxy.index(0, COL_SUBJECT).data(Qt.ItemDataRole.FontRole) is None  # read


def test_receipt_links_to_its_sending(
    qtbot: QtBot, sandbox_factory: SandboxFactory, open_tab: TabFactory
) -> None:
    """A receipt shows its kind and sending code, and offers to show that sending."""
    box = sandbox_factory()
    box.seed_inbox(MAILBOX, 25)
    tab = open_tab(box.base_url)
    first_page(qtbot, tab)
    row = next(
        r
        for r in range(tab.proxy.rowCount())
        if tab.proxy.index(r, 0).data(InboxModel.RowRole).code
    )
    opened = open_row(qtbot, tab, row)
    pane = tab.pane
    assert pane is not None
    assert opened.row.kind is not ReceiptKind.OTHER
    assert opened.row.code in pane.sending_button.text()
    with qtbot.waitSignal(tab.open_sending_requested, timeout=1000) as asked:
        pane.sending_button.click()
    assert asked.args == [opened.row.code]


def test_delete_several_after_confirming(
    qtbot: QtBot, sandbox_factory: SandboxFactory, open_tab: TabFactory
) -> None:
    """Delete asks first; yes deletes every selected message and the list is reloaded."""
    box = sandbox_factory()
    box.seed_inbox(MAILBOX, 30)
    tab = open_tab(box.base_url)
    first_page(qtbot, tab)
    doomed = shown_rows(tab)[1:4]
    select(tab, 1, 3)
    box_ = tab.inbox_actions.confirm_delete()
    assert box_ is not None
    assert "Delete 3 messages" in box_.text()
    with qtbot.waitSignal(tab.messages_deleted, timeout=10_000) as deleted:
        box_.button(QMessageBox.StandardButton.Yes).click()
    assert deleted.args == [3]
    qtbot.waitUntil(lambda: not tab.loading, timeout=10_000)
    assert not set(doomed) & set(served(box))
    assert shown_rows(tab) == served(box)[:25]
    assert tab.count_label.text() == "Messages: 27"


def test_delete_cancelled_deletes_nothing(
    qtbot: QtBot, sandbox_factory: SandboxFactory, open_tab: TabFactory
) -> None:
    """Cancel in the question leaves the mailbox alone."""
    box = sandbox_factory()
    box.seed_inbox(MAILBOX, 3)
    tab = open_tab(box.base_url)
    first_page(qtbot, tab)
    select(tab, 0)
    question = tab.inbox_actions.confirm_delete()
    assert question is not None
    question.button(QMessageBox.StandardButton.Cancel).click()
    assert len(served(box)) == 3


def test_keyboard_delete_find_and_copy(
    qtbot: QtBot, sandbox_factory: SandboxFactory, open_tab: TabFactory
) -> None:
    """Delete asks about the selection, Ctrl+F goes to the search field, Ctrl+C copies rows."""
    box = sandbox_factory()
    box.seed_inbox(MAILBOX, 5)
    tab = open_tab(box.base_url)
    first_page(qtbot, tab)
    tab.activateWindow()
    tab.table.setFocus()
    select(tab, 0, 1)
    qtbot.waitUntil(tab.table.hasFocus, timeout=2000)
    QTest.keyClick(tab.table, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    copied = QGuiApplication.clipboard().text().splitlines()
    assert [line.split("\t")[2] for line in copied] == [s for _, s in shown_rows(tab)[:2]]
    QTest.keyClick(tab.table, Qt.Key.Key_Delete)
    question = next(b for b in tab.findChildren(QMessageBox) if b.isVisible())
    assert question.objectName() == "confirmDeleteBox"
    question.button(QMessageBox.StandardButton.Cancel).click()
    QTest.keyClick(tab.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert tab.search_bar.search_edit.hasFocus()
    QTest.keyClick(tab.table, Qt.Key.Key_Down)  # arrows move through the list
    assert len(served(box)) == 5


def test_read_state_is_kept_locally(
    qtbot: QtBot, sandbox_factory: SandboxFactory, open_tab: TabFactory
) -> None:
    """Opened messages stay read next time; "Mark as unread" undoes it, also next time."""
    box = sandbox_factory()
    box.seed_inbox(MAILBOX, 4)
    tab = open_tab(box.base_url)
    first_page(qtbot, tab)
    open_row(qtbot, tab, 0)
    open_row(qtbot, tab, 1)
    select(tab, 1)
    with qtbot.waitSignal(tab.model.dataChanged, timeout=5000):
        tab.inbox_actions.mark_unread_action.trigger()
    again = open_tab(box.base_url)
    first_page(qtbot, again)
    read = [again.proxy.index(r, 0).data(InboxModel.RowRole).is_read for r in range(4)]
    assert read == [True, False, False, False]


def test_a_message_gone_meanwhile_is_reported_in_the_pane(
    qtbot: QtBot, sandbox_factory: SandboxFactory, open_tab: TabFactory
) -> None:
    """Opening a message deleted elsewhere shows the problem in the pane, not a crash."""
    box = sandbox_factory()
    box.seed_inbox(MAILBOX, 3)
    tab = open_tab(box.base_url)
    first_page(qtbot, tab)
    gone = shown_rows(tab)[0][0]
    httpx.delete(f"{box.base_url}/inbox/{gone}", headers=HEADERS, timeout=5.0)
    select(tab, 0)
    qtbot.waitUntil(
        lambda: tab.pane is not None and tab.pane.error_banner.isVisible(), timeout=10_000
    )
    assert tab.pane is not None
    assert tab.pane.error_banner.text().startswith("Not found")
