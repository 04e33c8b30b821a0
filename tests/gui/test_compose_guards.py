"""Compose's guards on the real queue and sandbox: never twice without "Send again", no crash.

Each confirmation stays open ten seconds while a shown Sent tab on the same mailbox tracks
receipts, follows the mailbox's events and is refreshed by hand again and again (each refresh a
task started from a timer, with real HTTP and a reload of the campaigns), then it is answered;
the sandbox's ledger must hold exactly the PECs expected, and nothing may reach the crash
dialog's routes.
"""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, QDateTime, QLocale
from pytestqt.qtbot import QtBot

from pecdesk.app.wiring import Mailbox, open_mailbox
from pecdesk.domain.jobs import JobState
from pecdesk.recipients import guess_mapping, read_table
from pecdesk.sandbox import EmbeddedSandbox
from pecdesk.services.receipts.tracking import Backoff
from pecdesk.services.sending.progress import Progress
from pecdesk.ui.compose.progress import ProgressPanel
from pecdesk.ui.sent.tab import SentTab
from pecdesk.ui.widgets.service_signals import ServiceSignals
from tests.helpers.compose import Harness, make_harness, open_later_dialog, write_list
from tests.helpers.engine import ledger_recipients, sandbox_account
from tests.helpers.guards import Crashes, answer, crashes, hold, open_questions, wait_question
from tests.helpers.gui import OFFSCREEN_SHOW_NOISE, drive
from tests.helpers.sandbox import MAILBOX, SandboxFactory

__all__ = ["crashes"]  # the fixture
pytestmark = OFFSCREEN_SHOW_NOISE
FAST = Backoff(first=0.05, factor=1.5, longest=0.3)


@dataclass
class Desk:
    """A Compose tab that asks for real, and a shown Sent tab on the same mailbox and store.

    Attributes:
        harness: the Compose tab and its service.
        sent: the Sent tab (shown; its tracker polls receipts; it follows the events).
        box: the sandbox.
        refreshes: how many "Refresh receipts" of the Sent tab finished.
        reloads: how many times the Sent tab reloaded its campaigns.
        updates: how many times the Sent tab applied the mailbox's events to its rows.
    """

    harness: Harness
    sent: SentTab
    box: EmbeddedSandbox
    refreshes: int = 0
    reloads: int = 0
    updates: int = 0

    def refresh(self) -> None:
        """The person clicks "Refresh receipts" on the Sent tab (unless it is still refreshing)."""
        bar = self.sent.action_bar
        assert bar is not None
        if bar.refresh_button.isEnabled():
            bar.refresh_button.click()

    def mark(self) -> tuple[int, int, int]:
        """The counts now: refreshes, reloads, updates."""
        return self.refreshes, self.reloads, self.updates

    def busy_meanwhile(self, since: tuple[int, int, int], *, live: bool = False) -> bool:
        """Since ``since``, three refreshes finished and each reloaded the campaigns.

        With ``live``, the tab also applied the mailbox's events (PECs left meanwhile).
        """
        refreshes, reloads, updates = since
        return (self.refreshes - refreshes >= 3 and self.reloads - reloads >= 3
                and (not live or self.updates > updates))

    def hold(self, qtbot: QtBot, *, live: bool = False) -> None:
        """Keep the open question for :data:`HOLD_SECONDS` while the Sent tab works."""
        since = self.mark()
        hold(qtbot, meanwhile=self.refresh, until=lambda: self.busy_meanwhile(since, live=live))


DeskMaker = Callable[..., Desk]


@pytest.fixture
def make_desk(
    qtbot: QtBot, qloop: asyncio.AbstractEventLoop, sandbox_factory: SandboxFactory,
    tmp_path: Path,
) -> Iterator[DeskMaker]:
    """Build desks on one sandbox with fast receipts (and one data folder); closed at teardown."""
    box = sandbox_factory(pec_timeout=0.5)
    made: list[tuple[Harness, Mailbox]] = []

    def build(rate: float = 200.0) -> Desk:
        harness = make_harness(qtbot, qloop, box, tmp_path / "data", rate=rate)
        del harness.tab.send.ask  # the real question, not the harness's automatic yes
        watcher = open_mailbox(sandbox_account(box), harness.store, backoff=FAST, timeout=5.0)
        made.append((harness, watcher))
        sent = SentTab(sent=watcher.sent_service(tmp_path / "archive"), tasks=harness.tasks)
        qtbot.addWidget(sent)
        # The app shares one mailbox's events between Compose and Sent; here the queue and the
        # tracker belong to two mailboxes on one store, so the tab hears both.
        for events in (harness.compose.queue.events, watcher.events):
            sent.listen(ServiceSignals(events, sent))
        sent.show()
        qtbot.waitExposed(sent)
        sent.start()
        desk = Desk(harness, sent, box)

        def refreshed(action: str) -> None:
            if action == "refresh":
                desk.refreshes += 1

        def reloaded(_count: int) -> None:
            desk.reloads += 1

        def updated(_rows: int) -> None:
            desk.updates += 1

        assert sent.action_bar is not None
        sent.action_bar.finished.connect(refreshed)
        sent.campaigns_loaded.connect(reloaded)
        sent.updated.connect(updated)
        return desk

    yield build
    for harness, watcher in made:
        harness.close(qtbot, qloop)  # stops the tasks of both tabs first
        drive(qtbot, qloop, watcher.aclose())


def fill(harness: Harness, folder: Path, count: int) -> None:
    """``count`` personalised recipients, each with an invoice; passes pre-flight."""
    table = read_table(write_list(folder, count))
    tab = harness.tab
    tab.apply_table(table, guess_mapping(table))
    tab.set_folder(folder)
    tab.subject_edit.setText("Fattura per {{Nome}}")
    tab.body_edit.setPlainText("Gentile {{Nome}}, importo {{Importo}} euro.")
    assert tab.check_now().ok


def panel_of(harness: Harness) -> ProgressPanel:
    """The tab's progress panel."""
    panel = harness.tab.send.progress
    assert panel is not None
    return panel


def finished(panel: ProgressPanel) -> bool:
    """A run happened and ended."""
    return panel.latest is not None and not panel.latest.running and panel.run is not None


def test_send_asks_count_and_mailbox_open_ten_seconds(
    qtbot: QtBot, make_desk: DeskMaker, tmp_path: Path, crashes: Crashes
) -> None:
    """Send names 25 PECs and the mailbox; open 10 s, a second Send adds nothing; Yes: 25 once."""
    desk = make_desk()
    tab = desk.harness.tab
    fill(desk.harness, tmp_path, 25)
    tab.send_button.click()
    box = wait_question(qtbot)
    assert box.windowTitle() == "Send the PECs"
    assert f"Send 25 PEC(s) from the mailbox {MAILBOX}?" in box.text()
    assert "Recipients: 25." in box.text()
    assert not tab.send_button.isEnabled()
    tab.send.send_all()  # a second click (or a script) while the question is open
    desk.hold(qtbot)
    assert len(open_questions()) == 1
    assert desk.box.ledger() == []
    assert crashes.none(), crashes.describe()
    answer(qtbot, box, yes=True)
    panel = panel_of(desk.harness)
    qtbot.waitUntil(lambda: finished(panel) and not tab.send.busy, timeout=20000)
    assert ledger_recipients(desk.box) == Counter({f"cliente{n:02d}@pec.it": 1 for n in range(25)})
    assert panel.bar.text() == "25 of 25"
    assert tab.send.already_sent and tab.send_button.text() == "Send again…"
    assert f"already sent from {MAILBOX}" in tab.send.sent_banner.text()
    assert crashes.none(), crashes.describe()


def test_paused_send_stays_disabled_and_cancel_says_cancelled(
    qtbot: QtBot, make_desk: DeskMaker, tmp_path: Path, crashes: Crashes
) -> None:
    """Running or paused, Send queues nothing more; Cancel, open 10 s, ends it as *cancelled*."""
    desk = make_desk(rate=4.0)
    harness = desk.harness
    tab = harness.tab
    fill(harness, tmp_path, 25)
    tab.send_button.click()
    answer(qtbot, wait_question(qtbot), yes=True)
    panel = panel_of(harness)
    qtbot.waitUntil(lambda: len(desk.box.ledger()) >= 2, timeout=10000)
    assert not tab.send_button.isEnabled()
    tab.send.send_all()
    qtbot.wait(200)
    assert open_questions() == []
    panel.pause_button.click()
    qtbot.waitUntil(lambda: panel.latest is not None and panel.latest.paused
                    and not panel.latest.current, timeout=10000)
    qtbot.waitUntil(lambda: "paused" in tab.send_note.text(), timeout=5000)
    assert not tab.send_button.isEnabled()
    tab.send.send_all()
    sent = len(desk.box.ledger())
    panel.cancel_button.click()
    box = wait_question(qtbot)
    assert box.windowTitle() == "Cancel the sending"
    desk.hold(qtbot)
    assert len(desk.box.ledger()) == sent  # paused: nothing left while the question was open
    answer(qtbot, box, yes=True)
    qtbot.waitUntil(lambda: finished(panel), timeout=10000)
    assert panel.status_label.text() == (
        f"Cancelled: {sent} of 25 PECs had been sent before; the others will not be sent.")
    assert f"Cancelled: {25 - sent}" in panel.counts_label.text()
    assert not harness.compose.queue.paused
    qtbot.wait(600)  # several throttle slots: nothing else may leave
    assert len(desk.box.ledger()) == sent < 25
    assert all(n == 1 for n in ledger_recipients(desk.box).values())
    qtbot.waitUntil(tab.send_button.isEnabled, timeout=5000)
    assert tab.send_button.text() == "Send again…"
    assert crashes.none(), crashes.describe()


def test_restored_draft_of_a_sent_form_needs_send_again(
    qtbot: QtBot, make_desk: DeskMaker, tmp_path: Path, crashes: Crashes
) -> None:
    """After a restart the sent form says so; "Send again" names date and count, No sends none."""
    first = make_desk()
    fill(first.harness, tmp_path, 3)
    first.harness.tab.send_button.click()
    answer(qtbot, wait_question(qtbot), yes=True)
    qtbot.waitUntil(lambda: len(first.box.ledger()) == 3 and not first.harness.tab.send.busy,
                    timeout=15000)
    first.harness.close(qtbot, first.harness.tasks.loop)  # pecdesk is closed...
    second = make_desk()  # ...and started again on the same data
    send = second.harness.tab.send
    qtbot.waitUntil(lambda: send.already_sent, timeout=10000)
    assert f"already sent from {MAILBOX}" in send.sent_banner.text()
    assert "to 3 recipient(s)" in send.sent_banner.text()
    assert send.send_button.text() == "Send again…"
    send.send_button.click()
    box = wait_question(qtbot)
    today = QLocale().toString(QDate.currentDate(), QLocale.FormatType.ShortFormat)
    assert box.windowTitle() == "Send again?"
    assert f"already sent from {MAILBOX} on {today}" in box.text()
    assert "to 3 of these recipient(s)" in box.text()
    assert "Send 3 PEC(s) again" in box.text()
    second.hold(qtbot)
    answer(qtbot, box, yes=False)
    qtbot.waitUntil(send.send_button.isEnabled, timeout=5000)
    assert len(second.box.ledger()) == 3
    send.send_button.click()
    answer(qtbot, wait_question(qtbot), yes=True)
    qtbot.waitUntil(lambda: len(second.box.ledger()) == 6 and not send.busy, timeout=15000)
    assert set(ledger_recipients(second.box).values()) == {2}
    assert crashes.none(), crashes.describe()


def test_restored_draft_of_a_scheduled_form_says_it_waits(
    qtbot: QtBot, make_desk: DeskMaker, tmp_path: Path, crashes: Crashes
) -> None:
    """A scheduled form, restored after a restart, is "in the queue", not "already sent"."""
    first = make_desk()
    fill(first.harness, tmp_path, 3)
    send = first.harness.tab.send
    dialog = open_later_dialog(qtbot, send)
    dialog.picker.setDateTime(QDateTime.currentDateTime().addSecs(3600))
    dialog.accept()
    answer(qtbot, wait_question(qtbot), yes=True)
    qtbot.waitUntil(lambda: "Scheduled: 3 PEC(s)" in send.sent_banner.text(), timeout=10000)
    first.harness.close(qtbot, first.harness.tasks.loop)
    second = make_desk()
    again = second.harness.tab.send
    qtbot.waitUntil(lambda: again.already_sent, timeout=10000)
    text = again.sent_banner.text()
    assert f"already in the queue of {MAILBOX}" in text
    assert "for 3 recipient(s): it has not left yet" in text
    assert "already sent" not in text
    assert again.send_button.text() == "Send again…"
    assert second.box.ledger() == []
    assert crashes.none(), crashes.describe()


def test_closing_mid_send_asks_without_a_nested_loop(
    qtbot: QtBot, make_desk: DeskMaker, tmp_path: Path, crashes: Crashes
) -> None:
    """Closing while PECs leave asks; open 10 s the sending goes on; No keeps, Yes closes."""
    desk = make_desk(rate=3.0)
    harness = desk.harness
    tab = harness.tab
    tab.show()
    qtbot.waitExposed(tab)
    fill(harness, tmp_path, 80)
    tab.send_button.click()
    answer(qtbot, wait_question(qtbot), yes=True)
    qtbot.waitUntil(lambda: tab.send.sending, timeout=10000)
    assert not tab.close()
    box = wait_question(qtbot)
    assert box.windowTitle() == "PECs are still being sent"
    before = len(desk.box.ledger())
    desk.hold(qtbot, live=True)
    assert len(desk.box.ledger()) > before  # the sending went on meanwhile
    answer(qtbot, box, yes=False)
    qtbot.waitUntil(lambda: not tab.send.close_guard.asking, timeout=5000)
    assert tab.isVisible() and tab.send.sending
    assert not tab.close()
    answer(qtbot, wait_question(qtbot), yes=True)
    qtbot.waitUntil(lambda: not tab.isVisible(), timeout=5000)
    harness.compose.queue.stop()
    qtbot.waitUntil(lambda: not tab.send.sending, timeout=10000)
    assert all(n == 1 for n in ledger_recipients(desk.box).values())
    assert crashes.none(), crashes.describe()


def test_progress_counts_the_campaign_not_the_test_send(
    qtbot: QtBot, make_desk: DeskMaker, tmp_path: Path, crashes: Crashes
) -> None:
    """A test send first, then Send: the bar shows the five PECs of the campaign, not six."""
    desk = make_desk()
    tab = desk.harness.tab
    fill(desk.harness, tmp_path, 5)
    tab.send.test_button.click()
    qtbot.waitUntil(lambda: len(desk.box.ledger()) == 1 and not tab.send.busy, timeout=10000)
    panel = panel_of(desk.harness)
    assert panel.latest is not None and panel.latest.total == 0
    tab.send_button.click()
    answer(qtbot, wait_question(qtbot), yes=True)
    qtbot.waitUntil(lambda: len(desk.box.ledger()) == 6 and finished(panel)
                    and not tab.send.busy, timeout=15000)
    assert panel.bar.text() == "5 of 5"
    assert panel.latest is not None and panel.latest.counts[JobState.SUBMITTED] == 5
    assert panel.counts_label.text().startswith("Sent: 5 ·")
    assert panel.status_label.text() == "Finished."
    assert crashes.none(), crashes.describe()


def test_eta_right_after_resume_ignores_the_pause(
    qtbot: QtBot, make_desk: DeskMaker, tmp_path: Path
) -> None:
    """After a pause the first ETA is the throttle's pace, not a rate slowed by the pause."""
    desk = make_desk(rate=8.0)
    tab = desk.harness.tab
    fill(desk.harness, tmp_path, 16)
    panel = panel_of(desk.harness)
    seen: list[Progress] = []
    panel.progressed.connect(seen.append)
    tab.send_button.click()
    answer(qtbot, wait_question(qtbot), yes=True)
    qtbot.waitUntil(lambda: len(desk.box.ledger()) >= 4, timeout=10000)
    panel.pause_button.click()
    qtbot.waitUntil(lambda: panel.latest is not None and panel.latest.paused
                    and not panel.latest.current, timeout=10000)
    qtbot.wait(1500)  # the pause: twelve throttle intervals
    resumed_at = len(seen)
    done = seen[-1].done
    panel.pause_button.click()
    qtbot.waitUntil(lambda: finished(panel), timeout=20000)
    first = next(s for s in seen[resumed_at:] if s.done == done + 1)
    pending = first.total - first.done
    assert first.eta_seconds is not None
    # 1/8 s per PEC; with the pause counted as sending time it would be about 1/2 s per PEC.
    assert first.eta_seconds <= pending * 0.125 * 1.5
    assert panel.run is not None and panel.run.sent == 16
