"""Send later, the overdue question at start, and the test send's wait, in the Compose tab."""

from __future__ import annotations

import asyncio
import contextlib
import sqlite3
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QDateTime
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from pecdesk.app.wiring import open_mailbox
from pecdesk.domain.jobs import JobState, service_key
from pecdesk.recipients import guess_mapping, read_table
from pecdesk.sandbox import EmbeddedSandbox
from pecdesk.services.sending.compose import ComposeService
from pecdesk.services.sending.heap import Collector
from pecdesk.storage import NewCampaign, NewJob, QueueStore
from pecdesk.storage.drafts import DraftStore
from pecdesk.storage.queue_store import STORE_FILE_NAME
from pecdesk.ui.compose.later import OVERDUE_BOX
from pecdesk.ui.compose.tab import ComposeTab
from pecdesk.ui.widgets.tasks import TaskRunner
from tests.helpers.compose import Harness, open_later_dialog, write_list
from tests.helpers.engine import sandbox_account
from tests.helpers.gui import account_for, drive
from tests.helpers.sandbox import MAILBOX, SandboxFactory
from tests.helpers.window import WiredWindow, show_loaded, wired_window

Maker = Callable[[], Harness]
pytestmark = pytest.mark.qt_log_ignore(r"^This plugin does not support propagateSizeHints\(\)$")


@pytest.fixture
def box(sandbox_factory: SandboxFactory) -> EmbeddedSandbox:
    """A sandbox whose receipts come a little after each send."""
    return sandbox_factory(receipt_delay=0.2)


@pytest.fixture
def make(
    qtbot: QtBot, qloop: asyncio.AbstractEventLoop, box: EmbeddedSandbox, tmp_path: Path
) -> Iterator[Maker]:
    """Compose tabs wired as the window wires them (receipts polled); closed at teardown."""
    made: list[Harness] = []
    questions: list[str] = []

    def build() -> Harness:
        store = QueueStore.open(tmp_path / "data")
        drafts = DraftStore.open(tmp_path / "data")
        mailbox = open_mailbox(sandbox_account(box), store, timeout=5.0)
        compose = ComposeService(
            sender=MAILBOX, max_message_bytes=10_000_000, queue=mailbox.queue, drafts=drafts,
            collector=Collector(), store=store, ledger=mailbox.ledger,
            poll=lambda campaign_id: mailbox.tracker.refresh(campaign_id=campaign_id),
        )
        tasks = TaskRunner(qloop)
        tab = ComposeTab(sender=MAILBOX, compose=compose, tasks=tasks)

        async def yes(title: str, text: str, *, yes: str = "", no: str = "") -> bool:
            questions.append(text)
            return True

        tab.send.ask = yes  # type: ignore[method-assign, assignment]
        tab.send.questions = questions  # type: ignore[attr-defined]
        qtbot.addWidget(tab)
        harness = Harness(tab, compose, tasks, mailbox.client, store, drafts)
        made.append(harness)
        return harness

    yield build
    for harness in made:
        harness.close(qtbot, qloop)


def fill(harness: Harness, folder: Path, count: int) -> None:
    """``count`` personalised recipients with their invoices: pre-flight passes."""
    fill_tab(harness.tab, folder, count)


def fill_tab(tab: ComposeTab, folder: Path, count: int) -> None:
    """``count`` personalised recipients with their invoices in ``tab``: pre-flight passes."""
    table = read_table(write_list(folder, count))
    tab.apply_table(table, guess_mapping(table))
    tab.set_folder(folder)
    tab.subject_edit.setText("Fattura per {{Nome}}")
    tab.body_edit.setPlainText("Gentile {{Nome}}, importo {{Importo}} euro.")
    assert tab.check_now().ok


def test_send_later_holds_the_sending_in_the_queue(
    qtbot: QtBot, qloop: asyncio.AbstractEventLoop, make: Maker, box: EmbeddedSandbox,
    tmp_path: Path,
) -> None:
    """Send later asks for a time (a minute from now at least), asks, and queues for then."""
    harness = make()
    fill(harness, tmp_path, 3)
    send = harness.tab.send
    assert send.later_button.isEnabled()
    dialog = open_later_dialog(qtbot, send)
    earliest = dialog.picker.minimumDateTime().toSecsSinceEpoch()
    assert time.time() + 50 <= earliest <= time.time() + 70
    when = QDateTime.currentDateTime().addSecs(2 * 3600)
    dialog.picker.setDateTime(when)
    dialog.accept()
    qtbot.waitUntil(lambda: not send.sent_banner.isHidden(), timeout=10000)
    assert "Scheduled: 3 PEC(s) will leave on" in send.sent_banner.label.text()
    assert send.questions[-1].startswith(  # type: ignore[attr-defined]
        f"Schedule 3 PEC(s) from the mailbox {MAILBOX} for ")
    scheduled = drive(qtbot, qloop, harness.compose.schedule.all())
    assert [s.count for s in scheduled] == [3]
    expected = when.toSecsSinceEpoch() - when.time().second()
    assert scheduled[0].at == pytest.approx(expected, abs=1)
    qtbot.wait(300)  # a few queue and schedule looks: nothing may leave
    assert box.ledger() == []
    assert send.send_button.isEnabled()


def test_scheduling_after_a_run_shows_no_old_counts(
    qtbot: QtBot, make: Maker, box: EmbeddedSandbox, tmp_path: Path
) -> None:
    """A sending scheduled after a finished run shows its link, not the run's "2 of 2"."""
    harness = make()
    fill(harness, tmp_path, 2)
    send = harness.tab.send
    panel = send.progress
    assert panel is not None
    send.send_button.click()
    qtbot.waitUntil(lambda: panel.run is not None and panel.run.done == 2 and not send.busy,
                    timeout=15000)
    assert panel.bar.isVisibleTo(panel) and panel.counts_label.isVisibleTo(panel)
    first = panel.campaign_id
    dialog = open_later_dialog(qtbot, send)
    dialog.picker.setDateTime(QDateTime.currentDateTime().addSecs(3600))
    dialog.accept()
    qtbot.waitUntil(lambda: panel.campaign_id != first and not send.busy, timeout=10000)
    assert "Scheduled: 2 PEC(s)" in send.sent_banner.label.text()
    assert "They will leave on " in send.questions[-1]  # type: ignore[attr-defined]
    assert panel.isVisibleTo(send) and panel.open_button.isVisibleTo(panel)
    for old in (panel.bar, panel.counts_label, panel.pause_button, panel.cancel_button):
        assert not old.isVisibleTo(panel)
    assert panel.status_label.text() == ""  # not the last run's "Finished."
    assert len(box.ledger()) == 2  # the scheduled two wait


def test_send_later_cancelled_queues_nothing(
    qtbot: QtBot, qloop: asyncio.AbstractEventLoop, make: Maker, tmp_path: Path
) -> None:
    """Cancelling the time picker queues nothing and asks nothing."""
    harness = make()
    fill(harness, tmp_path, 2)
    send = harness.tab.send
    dialog = open_later_dialog(qtbot, send)
    dialog.reject()
    qtbot.waitUntil(lambda: not send.busy, timeout=5000)
    assert drive(qtbot, qloop, harness.store.jobs()) == []
    assert send.questions == []  # type: ignore[attr-defined]


def test_overdue_at_start_is_asked_about_before_sending(
    qtbot: QtBot, qloop: asyncio.AbstractEventLoop, make: Maker, box: EmbeddedSandbox,
    tmp_path: Path,
) -> None:
    """A sending whose time passed while pecdesk was closed waits for "Send now"."""
    store = QueueStore.open(tmp_path / "data")
    job = NewJob(("mario.rossi@pec.it",), "Convocazione", "Testo")
    overdue = NewCampaign(MAILBOX, "Convocazione", "Testo", False, (), (job,),
                          service=service_key(box.base_url), not_before=time.time() - 3600)
    campaign_id = drive(qtbot, qloop, store.add_campaign(overdue))
    store.close()
    harness = make()
    send = harness.tab.send
    qtbot.waitUntil(lambda: send.findChild(QMessageBox, OVERDUE_BOX) is not None, timeout=5000)
    question = send.findChild(QMessageBox, OVERDUE_BOX)
    assert question is not None
    assert "1 scheduled PEC(s) should have left" in question.text()
    qtbot.wait(300)
    assert box.ledger() == []  # held while the question is open
    assert send.waiting_banner.isHidden()
    (send_now,) = [b for b in question.buttons() if b.text() == "Send now"]
    send_now.click()
    qtbot.waitUntil(lambda: len(box.ledger()) == 1, timeout=10000)
    jobs = drive(qtbot, qloop, harness.store.jobs(campaign_ids=[campaign_id]))
    qtbot.waitUntil(lambda: not send.sending, timeout=10000)
    assert [j.state for j in drive(qtbot, qloop, harness.store.jobs(campaign_ids=[campaign_id]))
            ] == [JobState.SUBMITTED]
    assert len(jobs) == 1


def test_test_send_waits_and_reports_delivery(
    qtbot: QtBot, make: Maker, box: EmbeddedSandbox, tmp_path: Path
) -> None:
    """Test send follows its PEC to the CONSEGNA and says so; Send works meanwhile."""
    harness = make()
    fill(harness, tmp_path, 2)
    send = harness.tab.send
    send.test_button.click()
    qtbot.waitUntil(lambda: not send.test_line.isHidden(), timeout=5000)
    assert not send.test_button.isEnabled()  # one test send at a time
    qtbot.waitUntil(lambda: "delivered" in send.test_line.label.text(), timeout=30000)
    text = send.test_line.label.text()
    assert text.startswith("Test send delivered: accepted at")
    assert MAILBOX in text
    assert send.test_line.stop_button.isHidden()
    assert send.test_button.isEnabled() and send.send_button.isEnabled()
    assert [entry["recipients"] for entry in box.ledger()] == [[MAILBOX]]


def test_stop_waiting_keeps_the_pec(
    qtbot: QtBot, sandbox_factory: SandboxFactory, qloop: asyncio.AbstractEventLoop,
    tmp_path: Path,
) -> None:
    """Stop waiting ends the wait only: the PEC went, and the line says where to look."""
    slow = sandbox_factory(receipt_delay=60.0)
    store = QueueStore.open(tmp_path / "data")
    drafts = DraftStore.open(tmp_path / "data")
    mailbox = open_mailbox(sandbox_account(slow), store, timeout=5.0)
    compose = ComposeService(sender=MAILBOX, max_message_bytes=10_000_000, queue=mailbox.queue,
                             collector=Collector(), drafts=drafts, store=store,
                             ledger=mailbox.ledger)
    tasks = TaskRunner(qloop)
    tab = ComposeTab(sender=MAILBOX, compose=compose, tasks=tasks)
    qtbot.addWidget(tab)
    harness = Harness(tab, compose, tasks, mailbox.client, store, drafts)
    try:
        fill(harness, tmp_path, 1)
        tab.send.test_button.click()
        qtbot.waitUntil(lambda: "acceptance" in tab.send.test_line.label.text(), timeout=10000)
        tab.send.test_line.stop_button.click()
        qtbot.waitUntil(lambda: "Stopped waiting" in tab.send.test_line.label.text(),
                        timeout=5000)
        assert tab.send.test_button.isEnabled()
        assert len(slow.ledger()) == 1
    finally:
        harness.close(qtbot, qloop)


async def _yes(title: str, text: str, *, yes: str = "", no: str = "") -> bool:
    return True


@contextlib.contextmanager
def started_window(
    qtbot: QtBot, qloop: asyncio.AbstractEventLoop, box: EmbeddedSandbox, data: Path
) -> Iterator[WiredWindow]:
    """Start pecdesk: a window shown on the send stores in ``data``; all closed afterwards."""
    store = QueueStore.open(data)
    try:
        with wired_window(qtbot, qloop, account_for(box), store) as wired:
            wired.window.compose_tab.send.ask = _yes  # type: ignore[method-assign, assignment]
            show_loaded(qtbot, wired.window)
            yield wired
            wired.window.close()  # what the person does; the stores close with pecdesk
    finally:
        store.close()


def schedule_then_quit(
    qtbot: QtBot, qloop: asyncio.AbstractEventLoop, box: EmbeddedSandbox, tmp_path: Path
) -> int:
    """Schedule 3 PECs two hours ahead with Send later, then close pecdesk; the campaign id."""
    with started_window(qtbot, qloop, box, tmp_path / "data") as wired:
        send = wired.window.compose_tab.send
        fill_tab(wired.window.compose_tab, tmp_path, 3)
        dialog = open_later_dialog(qtbot, send)
        dialog.picker.setDateTime(QDateTime.currentDateTime().addSecs(2 * 3600))
        dialog.accept()
        qtbot.waitUntil(lambda: not send.sent_banner.isHidden(), timeout=10000)
        compose = wired.services.compose
        assert compose is not None
        scheduled = drive(qtbot, qloop, compose.schedule.all())
        assert [s.count for s in scheduled] == [3]
    assert box.ledger() == []
    return scheduled[0].campaign_id


def time_passes(data: Path, campaign_id: int) -> None:
    """While pecdesk is closed, the scheduled time goes by (it is moved an hour into the past)."""
    with contextlib.closing(sqlite3.connect(data / STORE_FILE_NAME)) as db, db:
        db.execute(
            "UPDATE campaigns SET not_before = ? WHERE id = ?", (time.time() - 3600, campaign_id)
        )


def overdue_question(qtbot: QtBot, wired: WiredWindow) -> QMessageBox:
    """The overdue question the started window asks."""
    send = wired.window.compose_tab.send
    qtbot.waitUntil(lambda: send.findChild(QMessageBox, OVERDUE_BOX) is not None, timeout=5000)
    question = send.findChild(QMessageBox, OVERDUE_BOX)
    assert question is not None
    return question


def answer(question: QMessageBox, text: str) -> None:
    """Click the question's button worded ``text``."""
    (button,) = [b for b in question.buttons() if b.text() == text]
    button.click()


def states(
    qtbot: QtBot, qloop: asyncio.AbstractEventLoop, wired: WiredWindow, cid: int
) -> set[JobState]:
    """The states of the campaign's jobs, from the store."""
    compose = wired.services.compose
    assert compose is not None
    return {j.state for j in drive(qtbot, qloop, compose.store.jobs(campaign_ids=[cid]))}


def test_scheduled_then_closed_sends_at_next_start_after_asking(
    qtbot: QtBot, qloop: asyncio.AbstractEventLoop, box: EmbeddedSandbox, tmp_path: Path
) -> None:
    """Schedule, close pecdesk, the time passes: the next start asks, and "Send now" sends."""
    campaign_id = schedule_then_quit(qtbot, qloop, box, tmp_path)
    time_passes(tmp_path / "data", campaign_id)
    with started_window(qtbot, qloop, box, tmp_path / "data") as wired:
        question = overdue_question(qtbot, wired)
        assert "3 scheduled PEC(s) should have left" in question.text()
        assert box.ledger() == []  # held while the question is open
        answer(question, "Send now")
        qtbot.waitUntil(lambda: len(box.ledger()) == 3, timeout=15000)
        send = wired.window.compose_tab.send
        qtbot.waitUntil(lambda: not send.sending, timeout=10000)
        assert states(qtbot, qloop, wired, campaign_id) == {JobState.SUBMITTED}


def test_keep_waiting_keeps_the_sending_until_asked_again(
    qtbot: QtBot, qloop: asyncio.AbstractEventLoop, box: EmbeddedSandbox, tmp_path: Path
) -> None:
    """Keep waiting sends nothing, even when the queue runs; the next start asks again."""
    campaign_id = schedule_then_quit(qtbot, qloop, box, tmp_path)
    time_passes(tmp_path / "data", campaign_id)
    with started_window(qtbot, qloop, box, tmp_path / "data") as wired:
        answer(overdue_question(qtbot, wired), "Keep waiting")
        compose = wired.services.compose
        assert compose is not None
        qtbot.waitUntil(lambda: campaign_id in compose.queue.held, timeout=5000)
        drive(qtbot, qloop, compose.run_queue())  # a queue run (another sending) leaves it
        assert box.ledger() == []
        assert states(qtbot, qloop, wired, campaign_id) == {JobState.QUEUED}
        assert [s.count for s in drive(qtbot, qloop, compose.schedule.all())] == [3]
    with started_window(qtbot, qloop, box, tmp_path / "data") as wired:
        question = overdue_question(qtbot, wired)
        assert "3 scheduled PEC(s) should have left" in question.text()
        answer(question, "Send now")
        qtbot.waitUntil(lambda: len(box.ledger()) == 3, timeout=15000)
