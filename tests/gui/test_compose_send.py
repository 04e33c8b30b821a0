"""Sending from the Compose tab through the real queue and sandbox: merge, attachments, progress."""

from __future__ import annotations

import asyncio
import hashlib
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from pecdesk.domain.jobs import JobState
from pecdesk.recipients import guess_mapping, read_table
from pecdesk.sandbox import EmbeddedSandbox
from pecdesk.storage import QueueStore
from pecdesk.ui.compose.progress import ProgressPanel
from tests.helpers.compose import Harness, harnesses, make_harness, write_list
from tests.helpers.engine import campaign
from tests.helpers.gui import drive
from tests.helpers.sandbox import MAILBOX, OTHER_MAILBOX, SandboxFactory

Maker = Callable[..., Harness]
pytestmark = pytest.mark.qt_log_ignore(r"^This plugin does not support propagateSizeHints\(\)$")


@pytest.fixture
def make(
    qtbot: QtBot, qloop: asyncio.AbstractEventLoop, sandbox: EmbeddedSandbox, tmp_path: Path
) -> Iterator[Maker]:
    """Build Compose tabs on the sandbox; closed at teardown."""
    with harnesses(qtbot, qloop, sandbox, tmp_path / "data") as build:
        yield build


def fill(harness: Harness, folder: Path, count: int) -> None:
    table = read_table(write_list(folder, count))
    tab = harness.tab
    tab.apply_table(table, guess_mapping(table))
    tab.set_folder(folder)
    tab.subject_edit.setText("Fattura per {{Nome}}")
    tab.body_edit.setPlainText("Gentile {{Nome}} {{Cognome}}, importo {{Importo}} euro.")


def start_sending(harness: Harness, folder: Path, count: int) -> ProgressPanel:
    """Fill the tab with ``count`` recipients, pass pre-flight, press Send; the progress panel."""
    fill(harness, folder, count)
    assert harness.tab.check_now().ok
    harness.tab.send_button.click()
    panel = harness.tab.send.progress
    assert panel is not None
    return panel


def test_thirty_personalised_sends_with_own_attachments(
    qtbot: QtBot, make: Maker, sandbox: EmbeddedSandbox, tmp_path: Path
) -> None:
    """Each recipient gets one PEC with its own subject, body and invoice; the bar reaches 100 %."""
    panel = start_sending(make(), tmp_path, 30)
    qtbot.waitUntil(
        lambda: panel.latest is not None and not panel.latest.running
        and panel.latest.done == 30, timeout=30000,
    )
    assert (panel.bar.value(), panel.bar.maximum()) == (30, 30)
    assert panel.bar.text() == "30 of 30"
    assert "Sent: 30" in panel.counts_label.text()
    assert panel.latest is not None and panel.latest.counts[JobState.SUBMITTED] == 30
    ledger = sandbox.ledger()
    assert len(ledger) == 30
    by_recipient = {tuple(entry["recipients"]): entry for entry in ledger}
    assert len(by_recipient) == 30
    for n in range(30):
        entry = by_recipient[(f"cliente{n:02d}@pec.it",)]
        assert entry["subject"] == f"Fattura per Niccolò{n:02d}"
        assert f"Gentile Niccolò{n:02d} Carità, importo {100 + n},50 euro." in entry["body"]
        content = f"%PDF fattura {n}".encode()
        assert [(a["name"], a["sha256"]) for a in entry["attachments"]] == [
            (f"fattura_{n:02d}.pdf", hashlib.sha256(content).hexdigest())
        ]


def test_pause_stops_new_requests_and_resume_continues(
    qtbot: QtBot, make: Maker, sandbox: EmbeddedSandbox, tmp_path: Path
) -> None:
    """After Pause no new request reaches the service; Resume sends the rest, each once."""
    harness = make(rate=8.0)
    panel = start_sending(harness, tmp_path, 12)
    qtbot.waitUntil(lambda: len(sandbox.ledger()) >= 2, timeout=20000)
    panel.pause_button.click()
    assert harness.compose.queue.paused
    qtbot.waitUntil(
        lambda: panel.latest is not None and panel.latest.paused and not panel.latest.current,
        timeout=10000,
    )
    assert panel.pause_button.text() == "Resume"
    sent = len(sandbox.ledger())
    qtbot.wait(700)  # several throttle intervals: nothing new may leave meanwhile
    assert len(sandbox.ledger()) == sent < 12
    panel.pause_button.click()
    qtbot.waitUntil(
        lambda: panel.latest is not None and not panel.latest.running
        and panel.latest.done == 12, timeout=30000,
    )
    recipients = [tuple(entry["recipients"]) for entry in sandbox.ledger()]
    assert len(recipients) == len(set(recipients)) == 12


def test_test_send_goes_to_own_mailbox(
    qtbot: QtBot, make: Maker, sandbox: EmbeddedSandbox, tmp_path: Path
) -> None:
    """Test send merges the previewed row and sends it, marked, to the account's own mailbox."""
    harness = make()
    fill(harness, tmp_path, 3)
    tab = harness.tab
    tab.preview_row.setValue(2)
    tab.check_now()
    tab.send.test_button.click()
    qtbot.waitUntil(lambda: len(sandbox.ledger()) == 1 and not tab.send.sending, timeout=10000)
    (entry,) = sandbox.ledger()
    assert entry["recipients"] == [MAILBOX]
    assert entry["subject"] == "[TEST] Fattura per Niccolò01"
    assert [a["name"] for a in entry["attachments"]] == ["fattura_01.pdf"]


def test_draft_survives_a_new_tab(
    qtbot: QtBot, make: Maker, tmp_path: Path
) -> None:
    """The form is saved and comes back in a new tab on the same store."""
    first = make()
    fill(first, tmp_path, 2)
    first.tab.paste_edit.setPlainText("extra@pec.it")
    task = first.tab.flush_draft()  # the import and the paste started the draft timer
    assert task is not None
    qtbot.waitUntil(task.done, timeout=5000)
    first.close(qtbot, first.tasks.loop)
    second = make()
    qtbot.waitUntil(lambda: second.tab.subject_edit.text() == "Fattura per {{Nome}}",
                    timeout=5000)
    assert len(second.tab.recipients()) == 3
    assert second.tab.recipients()[0].attachments == ("fattura_00.pdf",)
    assert "{{Importo}}" in second.tab.body_edit.toPlainText()


def test_closing_during_a_send_asks(
    qtbot: QtBot, make: Maker, sandbox: EmbeddedSandbox, tmp_path: Path
) -> None:
    """Closing the window while PECs are leaving asks first; declining keeps it open."""
    harness = make(rate=4.0)
    fill(harness, tmp_path, 6)
    tab = harness.tab
    tab.show()
    qtbot.waitExposed(tab)
    asked: list[str] = []

    async def decline(title: str, text: str, *, yes: str = "", no: str = "") -> bool:
        asked.append(title)
        return title != "PECs are still being sent"  # Send: yes; closing: no

    tab.send.ask = decline  # type: ignore[method-assign, assignment]
    assert tab.check_now().ok
    tab.send_button.click()
    qtbot.waitUntil(lambda: tab.send.sending, timeout=10000)
    assert not tab.close()
    qtbot.waitUntil(lambda: not tab.send.close_guard.asking, timeout=5000)
    assert asked == ["Send the PECs", "PECs are still being sent"]
    assert tab.isVisible()
    harness.compose.queue.stop()
    qtbot.waitUntil(lambda: not tab.send.sending, timeout=10000)
    assert tab.close()


def test_daily_limit_pauses_with_a_plain_reason(
    qtbot: QtBot, qloop: asyncio.AbstractEventLoop, sandbox_factory: SandboxFactory,
    tmp_path: Path,
) -> None:
    """Past the service's daily cap the panel says why it paused; the rest stays queued."""
    box = sandbox_factory(daily_cap=2)
    harness = make_harness(qtbot, qloop, box, tmp_path / "data", rate=200.0)
    try:
        panel = start_sending(harness, tmp_path, 5)
        qtbot.waitUntil(lambda: panel.latest is not None and panel.latest.paused, timeout=20000)
        text = panel.status_label.text()
        assert text.startswith("Paused. Daily sending limit reached: ")
        assert "resume sending tomorrow" in text
        assert "If pecdesk stays open, sending resumes by itself on " in text
        assert panel.pause_button.text() == "Resume"
        latest = panel.latest
        assert latest is not None
        assert latest.counts[JobState.QUEUED] == 3
        assert latest.counts[JobState.FAILED] == 0
        assert len(box.ledger()) == 2
    finally:
        harness.close(qtbot, qloop)


def test_pecs_left_by_an_earlier_session_are_offered(
    qtbot: QtBot, qloop: asyncio.AbstractEventLoop, sandbox: EmbeddedSandbox, tmp_path: Path
) -> None:
    """Queued PECs of this mailbox found at start are announced and sent on request, once."""
    data = tmp_path / "data"
    earlier = QueueStore.open(data)
    drive(qtbot, qloop, earlier.add_campaign(campaign(["rossi@pec.it", "verdi@pec.it"])))
    drive(qtbot, qloop, earlier.add_campaign(campaign(["altro@pec.it"], sender=OTHER_MAILBOX)))
    earlier.close()
    harness = make_harness(qtbot, qloop, sandbox, data)
    try:
        send = harness.tab.send
        qtbot.waitUntil(lambda: send.waiting_banner.isVisibleTo(harness.tab), timeout=5000)
        assert send.waiting_banner.text().startswith("2 PEC(s) of an earlier sending are still")
        send.waiting_button.click()
        qtbot.waitUntil(lambda: len(sandbox.ledger()) == 2 and not send.sending, timeout=10000)
        assert not send.waiting_banner.isVisibleTo(harness.tab)
        assert {entry["sender"] for entry in sandbox.ledger()} == {MAILBOX}
    finally:
        harness.close(qtbot, qloop)
