"""New mail, the unread count and a sending's end, told through a fake notifier, on the sandbox.

The real notifier is Qt's tray icon (checked by hand per platform); here a fake records what the
window would have shown. The new-mail timer runs for real, at a few tens of milliseconds.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest
from pytestqt.qtbot import QtBot

from pecdesk.api import PecMassivaClient
from pecdesk.app.wiring import WindowServices
from pecdesk.config.settings import Settings
from pecdesk.domain.receipts import ReceiptKind, classify
from pecdesk.sandbox import EmbeddedSandbox
from pecdesk.services.mailbox.inbox import InboxService
from pecdesk.services.mailbox.mail import MailService
from pecdesk.storage import QueueStore
from pecdesk.ui.widgets.tasks import TaskRunner
from pecdesk.ui.window.main_window import MainWindow
from pecdesk.ui.window.notices import title_with_unread
from tests.helpers.engine import campaign
from tests.helpers.gui import OFFSCREEN_SHOW_NOISE, OFFSCREEN_WEBENGINE_NOISE, account_for, drive
from tests.helpers.sandbox import (
    MAILBOX,
    OTHER_MAILBOX,
    OTHER_PASSWORD,
    PASSWORD,
    TOKEN,
    SandboxFactory,
)
from tests.helpers.window import show_loaded, wired_window

pytestmark = OFFSCREEN_SHOW_NOISE
FAST_CHECK = 0.03
"""Seconds between two checks in these tests."""


class FakeNotifier:
    """Records every notification instead of showing it."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, str]] = []

    def notify(self, title: str, text: str) -> None:
        self.calls.append((title, text))


class FakeBadge:
    """Records every count put on the application's icon instead of showing it."""

    def __init__(self) -> None:
        self.counts: list[int] = []

    def __call__(self, count: int) -> None:
        self.counts.append(count)


Opener = Callable[[EmbeddedSandbox], MainWindow]


@pytest.fixture
def notifier() -> FakeNotifier:
    return FakeNotifier()


@pytest.fixture
def badge() -> FakeBadge:
    return FakeBadge()


@pytest.fixture
def open_watched(
    qtbot: QtBot, qloop: asyncio.AbstractEventLoop, notifier: FakeNotifier, badge: FakeBadge
) -> Iterator[Opener]:
    """Open a shown window on a sandbox, with the fake notifier and badge and fast checks."""
    opened: list[tuple[TaskRunner, PecMassivaClient]] = []

    def make(box: EmbeddedSandbox) -> MainWindow:
        account = account_for(box)
        client = PecMassivaClient(
            account.base_url, account.token, account.username, account.password, timeout=5.0
        )
        tasks = TaskRunner(qloop)
        opened.append((tasks, client))
        mail = MailService(client=client, account=account)
        window = MainWindow(mail=mail, tasks=tasks, inbox=InboxService(mail=mail, cache=None),
                            notifier=notifier, badge=badge)
        qtbot.addWidget(window)
        window.set_check_interval(FAST_CHECK)
        with qtbot.waitSignal(window.first_page_loaded, timeout=5000):
            window.show()
        return window

    yield make
    for tasks, client in opened:
        drive(qtbot, qloop, tasks.shutdown())
        drive(qtbot, qloop, client.aclose())


def inbox_total(box: EmbeddedSandbox) -> int:
    """How many messages GET /inbox says MAILBOX holds, read straight from the sandbox."""
    response = httpx.get(
        f"{box.base_url}/inbox",
        headers={"Authorization": f"Bearer {TOKEN}", "x-username": MAILBOX, "x-password": PASSWORD},
        timeout=5.0,
    )
    response.raise_for_status()
    return int(response.json()["total"])


def checks_after(window: MainWindow, qtbot: QtBot, more: int) -> None:
    """Wait until ``more`` further checks have ended."""
    assert window.notices is not None
    watcher = window.notices.watcher
    target = watcher.checks_started + more
    qtbot.waitUntil(lambda: watcher.checks_started >= target and not watcher.checking,
                    timeout=5000)


def test_new_certified_mail_is_notified_once_with_its_count(
    qtbot: QtBot, qloop: asyncio.AbstractEventLoop, sandbox_factory: SandboxFactory,
    open_watched: Opener, notifier: FakeNotifier,
) -> None:
    """Mail already there says nothing; two PECs arriving later make one notice saying 2."""
    box = sandbox_factory()
    box.seed_inbox(MAILBOX, 4)
    window = open_watched(box)
    checks_after(window, qtbot, 2)
    assert notifier.calls == []  # what was there at the start is not news

    async def send_two() -> None:
        async with PecMassivaClient(box.base_url, TOKEN, OTHER_MAILBOX, OTHER_PASSWORD) as other:
            await other.send(OTHER_MAILBOX, [MAILBOX], "Convocazione assemblea", "<p>Testo</p>")
            await other.send(OTHER_MAILBOX, [MAILBOX], "Verbale", "<p>Testo</p>")

    assert window.notices is not None
    window.notices.watcher.stop()  # both must land before the next check
    drive(qtbot, qloop, send_two())
    qtbot.waitUntil(lambda: inbox_total(box) == 6, timeout=5000)  # the envelopes arrived
    window.notices.watcher.start()
    qtbot.waitUntil(lambda: len(notifier.calls) == 1, timeout=5000)
    checks_after(window, qtbot, 3)
    assert notifier.calls == [("pecdesk: new PEC mail", "2 new certified message(s) in the inbox.")]


def test_anomalies_are_counted_apart(
    qtbot: QtBot, sandbox_factory: SandboxFactory, open_watched: Opener, notifier: FakeNotifier,
) -> None:
    """New mail of several kinds: the notice counts the certified mail and the anomalies."""
    box = sandbox_factory()
    window = open_watched(box)
    checks_after(window, qtbot, 1)
    assert window.notices is not None
    window.notices.watcher.stop()
    box.seed_inbox(MAILBOX, 20)  # a realistic mix: receipts, PECs, anomalies
    watcher = window.notices.watcher
    with qtbot.waitSignal(watcher.checked, timeout=5000) as checked:
        assert watcher.check_now()
    news = checked.args[0]
    kinds = [classify(row.item.subject).kind for row in news.rows]
    assert len(news.rows) == 20
    certified = kinds.count(ReceiptKind.CERTIFIED_MAIL)
    anomalies = kinds.count(ReceiptKind.ANOMALY)
    assert certified + anomalies > 0
    assert (news.certified, news.anomalies) == (certified, anomalies)
    assert len(notifier.calls) == 1
    text = notifier.calls[0][1]
    assert (f"{certified} new certified message(s)" in text) == (certified > 0)
    assert (f"{anomalies} anomaly notice(s)" in text) == (anomalies > 0)


def test_checks_never_overlap_and_follow_the_setting(
    qtbot: QtBot, sandbox: EmbeddedSandbox, open_watched: Opener
) -> None:
    """A check asked for while one runs starts nothing; the interval is the setting's."""
    window = open_watched(sandbox)
    assert window.notices is not None
    watcher = window.notices.watcher
    checks_after(window, qtbot, 1)
    watcher.stop()
    started = watcher.checks_started
    assert watcher.check_now()
    assert watcher.checking
    assert not watcher.check_now()  # the window does not wait, and no second request goes
    assert watcher.checks_started == started + 1
    window.set_check_interval(Settings(poll_seconds=120).poll_seconds)
    assert watcher.interval_ms == 120_000


@OFFSCREEN_WEBENGINE_NOISE  # opening a message builds the web view
def test_the_title_shows_the_unread_count(
    qtbot: QtBot, sandbox_factory: SandboxFactory, open_watched: Opener
) -> None:
    """Three unread messages make "(3) pecdesk — mailbox"; opening one makes it (2)."""
    box = sandbox_factory()
    box.seed_inbox(MAILBOX, 3)
    window = open_watched(box)
    qtbot.waitUntil(lambda: window.windowTitle() == f"(3) pecdesk — {MAILBOX}", timeout=5000)
    window.tabs.setCurrentIndex(2)
    inbox = window.inbox_tab
    qtbot.waitUntil(lambda: not inbox.loading and inbox.model.rowCount() == 3, timeout=5000)
    inbox.select_row(0)
    with qtbot.waitSignal(inbox.message_opened, timeout=10_000):
        inbox.open_current()
    # opening marks it read; the title follows once the mark is stored (slow on a loaded CI box)
    qtbot.waitUntil(lambda: window.windowTitle() == f"(2) pecdesk — {MAILBOX}", timeout=15_000)
    assert title_with_unread("pecdesk — x", 0) == "pecdesk — x"


def test_the_app_icon_shows_the_unread_count_until_the_window_closes(
    qtbot: QtBot, sandbox_factory: SandboxFactory, open_watched: Opener, badge: FakeBadge
) -> None:
    """Three unread put 3 on the icon, two more arriving 5; closing the window clears it (0)."""
    box = sandbox_factory()
    box.seed_inbox(MAILBOX, 3)
    window = open_watched(box)
    qtbot.waitUntil(lambda: badge.counts[-1:] == [3], timeout=5000)
    assert window.notices is not None
    watcher = window.notices.watcher
    checks_after(window, qtbot, 1)
    watcher.stop()
    box.seed_inbox(MAILBOX, 2)
    with qtbot.waitSignal(watcher.checked, timeout=5000):
        assert watcher.check_now()
    qtbot.waitUntil(lambda: badge.counts[-1:] == [5], timeout=5000)
    assert window.windowTitle() == f"(5) pecdesk — {MAILBOX}"  # the title and icon agree
    window.close()
    assert badge.counts[-1] == 0
    assert badge.counts.count(3) == 1  # set when the count changes, not at every check


@pytest.fixture
def sending_window(
    qtbot: QtBot, qloop: asyncio.AbstractEventLoop, sandbox: EmbeddedSandbox, tmp_path: Path,
    notifier: FakeNotifier,
) -> Iterator[tuple[MainWindow, WindowServices, TaskRunner]]:
    """A shown main window with sending on, wired as the app does, with the fake notifier."""
    store = QueueStore.open(tmp_path)
    with wired_window(qtbot, qloop, account_for(sandbox), store, notifier=notifier) as wired:
        show_loaded(qtbot, wired.window)
        yield wired.window, wired.services, wired.tasks
    store.close()


def test_a_finished_sending_is_notified_with_its_counts(
    qtbot: QtBot, qloop: asyncio.AbstractEventLoop,
    sending_window: tuple[MainWindow, WindowServices, TaskRunner], notifier: FakeNotifier,
) -> None:
    """Three PECs queued and sent: one notice says 3 of 3 were sent."""
    window, services, tasks = sending_window
    compose = services.compose
    assert compose is not None
    drive(qtbot, qloop, compose.queue.enqueue(
        campaign(["rossi@pec.it", "bianchi@pec.it", "verdi@pec.it"])))
    tasks.run_task(compose.run_queue(), parent=window)
    qtbot.waitUntil(lambda: any("sending" in title for title, _ in notifier.calls),
                    timeout=20_000)
    assert ("pecdesk: sending finished", "3 of 3 PECs sent.") in notifier.calls


def test_new_mail_shows_up_in_the_inbox_tab(
    qtbot: QtBot, sandbox_factory: SandboxFactory, open_watched: Opener
) -> None:
    """A check that finds new mail makes a built Inbox tab list it, without pressing Refresh."""
    box = sandbox_factory()
    box.seed_inbox(MAILBOX, 3)
    window = open_watched(box)
    assert window.notices is not None
    watcher = window.notices.watcher
    window.tabs.setCurrentIndex(2)
    inbox = window.inbox_tab
    qtbot.waitUntil(lambda: not inbox.loading and inbox.model.rowCount() == 3, timeout=5000)
    checks_after(window, qtbot, 1)
    watcher.stop()
    box.seed_inbox(MAILBOX, 2)
    with qtbot.waitSignal(watcher.checked, timeout=5000):
        assert watcher.check_now()
    qtbot.waitUntil(lambda: not inbox.loading and inbox.model.rowCount() == 5, timeout=5000)


class _HeldCounts:
    """Stands in for the count only: each ``unread()`` waits until the test releases it."""

    def __init__(self) -> None:
        self.waiting: list[asyncio.Future[int]] = []
        self.returned: list[int] = []

    async def unread(self) -> int:
        future: asyncio.Future[int] = asyncio.get_running_loop().create_future()
        self.waiting.append(future)
        value = await future
        self.returned.append(value)  # the rest of the recount runs in this same step
        return value


def test_an_older_count_ending_last_does_not_undo_a_newer_one(
    qtbot: QtBot, sandbox: EmbeddedSandbox, open_watched: Opener
) -> None:
    """An older count (3) ending after a newer one (2) does not put the older figure back.

    This is what left "(3)" in the title in loaded full runs after a message was opened.
    """
    window = open_watched(sandbox)
    assert window.notices is not None
    watcher = window.notices.watcher
    watcher.stop()
    qtbot.waitUntil(lambda: not watcher.checking and watcher.unread is not None, timeout=5000)
    held = _HeldCounts()
    watcher.check = held  # type: ignore[assignment]  # only unread() is reached by a recount
    watcher.recount()
    watcher.recount()
    qtbot.waitUntil(lambda: len(held.waiting) >= 2, timeout=5000)
    *stray, older, newer = held.waiting  # a count the window started itself may be there too
    newer.set_result(2)
    qtbot.waitUntil(lambda: watcher.unread == 2, timeout=5000)
    for future in (*stray, older):
        future.set_result(3)
    qtbot.waitUntil(lambda: held.returned == [2] + [3] * (len(stray) + 1), timeout=5000)
    assert watcher.unread == 2
    assert window.windowTitle() == f"(2) pecdesk — {MAILBOX}"
