"""The main window on a real sandbox: tabs, inbox pages, errors and the sandbox banner."""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Iterator
from pathlib import Path
from types import TracebackType

import httpx
import pytest
from pytestqt.qtbot import QtBot

from pecdesk.api import PecMassivaClient
from pecdesk.app.wiring import WindowServices
from pecdesk.sandbox import EmbeddedSandbox
from pecdesk.services.mailbox.inbox import InboxService
from pecdesk.services.mailbox.mail import MailService
from pecdesk.storage import QueueStore
from pecdesk.ui.inbox.model import COL_FROM, COL_SUBJECT
from pecdesk.ui.widgets.tasks import TaskRunner
from pecdesk.ui.window.main_window import MainWindow
from tests.helpers.engine import campaign
from tests.helpers.gui import OFFSCREEN_SHOW_NOISE, WindowFactory, account_for, drive
from tests.helpers.sandbox import MAILBOX, PASSWORD, TOKEN, SandboxFactory
from tests.helpers.window import show_loaded, wired_window

pytestmark = OFFSCREEN_SHOW_NOISE
Bugs = list[tuple[type[BaseException], BaseException]]


def served_subjects(box: EmbeddedSandbox, page: int) -> list[str]:
    """The subjects GET /inbox returns for ``page``, read straight from the sandbox."""
    response = httpx.get(
        f"{box.base_url}/inbox",
        params={"page": page},
        headers={"Authorization": f"Bearer {TOKEN}", "x-username": MAILBOX, "x-password": PASSWORD},
        timeout=5.0,
    )
    response.raise_for_status()
    return [str(item["object"]) for item in response.json()["data"]]


@pytest.fixture
def bugs(monkeypatch: pytest.MonkeyPatch) -> Bugs:
    """Exceptions that reached sys.excepthook (the crash path) during the test."""
    seen: Bugs = []

    def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        seen.append((kind, exc))

    monkeypatch.setattr(sys, "excepthook", hook)
    return seen


def test_window_has_compose_sent_inbox_tabs(
    sandbox: EmbeddedSandbox, open_window: WindowFactory
) -> None:
    """The window opens with exactly the Compose, Sent and Inbox tabs, in that order."""
    window = open_window(account_for(sandbox))
    titles = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    assert titles == ["Compose", "Sent", "Inbox"]
    assert not window.compose_tab.send_button.isEnabled()
    assert window.sent_tab.empty_label.text() == "No PEC sent yet"


def test_empty_window_shows_first_then_takes_the_tabs(
    qtbot: QtBot, qloop: asyncio.AbstractEventLoop, sandbox: EmbeddedSandbox
) -> None:
    """An empty window (as app.main shows it) says it is opening, then loads once attached."""
    frame = MainWindow()
    qtbot.addWidget(frame)
    frame.show()
    assert not frame.attached
    assert frame.pages.currentWidget() is frame.opening_page
    assert frame.quit_action.isEnabled()
    account = account_for(sandbox)
    client = PecMassivaClient(account.base_url, account.token, account.username, account.password)
    tasks = TaskRunner(qloop)
    try:
        mail = MailService(client=client, account=account)
        frame.attach(mail=mail, tasks=tasks, inbox=InboxService(mail=mail, cache=None))
        assert frame.attached
        assert frame.pages.currentWidget() is frame.tabs
        assert frame.windowTitle() == f"pecdesk — {MAILBOX}"
        assert not frame.quit_action.shortcut().isEmpty()
        # Already shown, so attaching starts the first load (no Show event will come).
        with qtbot.waitSignal(frame.inbox_tab.page_loaded, timeout=5000) as loaded:
            pass
        assert loaded.args == [1]
        qtbot.waitUntil(lambda: frame.quota_label.text() != "", timeout=5000)
        with pytest.raises(RuntimeError):
            frame.attach(mail=mail, tasks=tasks, inbox=InboxService(mail=mail, cache=None))
    finally:
        drive(qtbot, qloop, tasks.shutdown())
        drive(qtbot, qloop, client.aclose())


def test_inbox_shows_first_page_then_more(
    qtbot: QtBot, sandbox_factory: SandboxFactory, open_window: WindowFactory, bugs: Bugs
) -> None:
    """With 30 messages the inbox shows the sandbox's first 25, then all 30 once scrolled."""
    box = sandbox_factory()
    box.seed_inbox(MAILBOX, 30)
    window = open_window(account_for(box), show=False)
    inbox = window.inbox_tab
    with qtbot.waitSignal(inbox.page_loaded, timeout=5000):
        window.show()
    first = served_subjects(box, 1)
    assert inbox.model.rowCount() == 25
    assert [inbox.model.item(row).subject for row in range(25)] == first
    shown = inbox.model.index(0, COL_SUBJECT).data()
    assert shown == first[0]
    assert "@" in inbox.model.index(0, COL_FROM).data()
    assert inbox.count_label.text() == "Messages: 30"
    assert inbox.model.canFetchMore()

    with qtbot.waitSignal(inbox.page_loaded, timeout=5000):
        inbox.table.scrollToBottom()  # lazy paging: the view asks for the next page
    assert inbox.model.rowCount() == 30
    assert [inbox.model.item(row).subject for row in range(25, 30)] == served_subjects(box, 2)
    assert not inbox.model.canFetchMore()
    assert not inbox.error_banner.isVisibleTo(inbox)
    assert bugs == []


def test_bad_password_shows_banner_not_crash(
    qtbot: QtBot, sandbox: EmbeddedSandbox, open_window: WindowFactory, bugs: Bugs
) -> None:
    """A refused mailbox password puts a plain error banner over an empty inbox."""
    window = open_window(account_for(sandbox, password="wrong-password"), show=False)
    inbox = window.inbox_tab
    with qtbot.waitSignal(inbox.load_failed, timeout=5000):
        window.show()
    assert inbox.error_banner.isVisibleTo(inbox)
    assert inbox.error_banner.text().startswith("Access refused:")
    assert "wrong-password" not in inbox.error_banner.text()
    assert inbox.model.rowCount() == 0
    assert inbox.refresh_button.isEnabled()
    qtbot.waitUntil(lambda: window.quota_label.text() == "Quota unavailable", timeout=5000)
    assert bugs == []


def test_builtin_sandbox_banner_and_status(
    qtbot: QtBot, sandbox: EmbeddedSandbox, open_window: WindowFactory
) -> None:
    """On the built-in sandbox a visible banner says nothing leaves the computer."""
    window = open_window(account_for(sandbox, builtin=True))
    banner = window.sandbox_banner
    assert banner is not None
    assert banner.isVisible()
    assert "leaves this computer" in banner.text()
    assert "Account > Add account" in banner.text()
    assert window.mailbox_label.text() == f"{MAILBOX} · Built-in sandbox"
    qtbot.waitUntil(lambda: window.quota_label.text().endswith("% full"), timeout=5000)


def test_real_account_has_no_sandbox_banner(
    sandbox: EmbeddedSandbox, open_window: WindowFactory
) -> None:
    """A configured account shows its mailbox and no sandbox banner."""
    window = open_window(account_for(sandbox))
    assert window.sandbox_banner is None
    assert window.mailbox_label.text() == MAILBOX


def test_sent_and_inbox_are_built_when_first_shown(
    qtbot: QtBot, sandbox_factory: SandboxFactory, open_window: WindowFactory
) -> None:
    """The first inbox page loads at the start with neither tab built; each builds when shown."""
    box = sandbox_factory()
    box.seed_inbox(MAILBOX, 3)
    window = open_window(account_for(box), show=False)
    with qtbot.waitSignal(window.first_page_loaded, timeout=5000) as loaded:
        window.show()
    assert loaded.args == [3]
    assert window.tabs_built == []
    assert window.tabs.currentIndex() == 0
    window.tabs.setCurrentIndex(2)
    assert window.tabs_built == ["inbox"]
    inbox = window.inbox_tab
    assert inbox.isVisible()
    qtbot.waitUntil(lambda: not inbox.loading and inbox.model.rowCount() == 3, timeout=5000)
    window.tabs.setCurrentIndex(1)
    assert window.tabs_built == ["sent", "inbox"]
    assert window.sent_tab.isVisible()
    assert window.sent_tab.empty_label.text() == "No PEC sent yet"


@pytest.fixture
def sending_window(
    qtbot: QtBot, qloop: asyncio.AbstractEventLoop, sandbox: EmbeddedSandbox, tmp_path: Path
) -> Iterator[tuple[MainWindow, WindowServices]]:
    """A shown main window with sending on (a queue store in tmp_path), wired as the app does."""
    store = QueueStore.open(tmp_path)
    with wired_window(qtbot, qloop, account_for(sandbox), store) as wired:
        show_loaded(qtbot, wired.window)
        yield wired.window, wired.services
    store.close()


def test_a_queued_campaign_reloads_the_sent_tab(
    qtbot: QtBot, qloop: asyncio.AbstractEventLoop,
    sending_window: tuple[MainWindow, WindowServices],
) -> None:
    """The Sent tab shows a campaign queued elsewhere as soon as the queue announces it."""
    window, services = sending_window
    assert window.service_signals is not None
    with qtbot.waitSignal(window.sent_tab.campaigns_loaded, timeout=5000):
        window.tabs.setCurrentIndex(1)
    assert services.compose is not None
    with qtbot.waitSignal(window.service_signals.changed, timeout=2000):
        drive(qtbot, qloop, services.compose.queue.enqueue(campaign(["rossi@pec.it"])))
    # Well before the tab's own 3 s look: the event, not a poll, brought it.
    qtbot.waitUntil(lambda: window.sent_tab.campaigns.rowCount() == 1, timeout=1500)


def test_the_inbox_asks_and_the_window_shows_the_sent_tab(
    sending_window: tuple[MainWindow, WindowServices],
) -> None:
    """The Inbox's "show this sending" request brings up the Sent tab (built then)."""
    window, _services = sending_window
    window.tabs.setCurrentIndex(2)
    window.inbox_tab.open_sending_requested.emit("opec-1")
    assert window.tabs.currentIndex() == 1
    assert window.tabs_built == ["sent", "inbox"]
