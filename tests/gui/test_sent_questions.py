"""The Sent tab's confirmations stay open for seconds while receipts arrive: no crash, no extra PEC.

Issue 12: with "Re-send the temporary failures…" open for more than ~3 s while receipts arrived,
a crash dialog appeared every 3 s (a nested ``exec()`` inside a coroutine, re-entered by the
overview timer). Each question here stays open ten seconds, with the tab shown (its rows
updated by the mailbox's events), its tracker polling and a second campaign leaving meanwhile;
then it is answered, and the sandbox's ledger must hold exactly the PECs expected.
"""

from __future__ import annotations

import asyncio
from collections import Counter

from pytestqt.qtbot import QtBot

from pecdesk.services.receipts.sent import SentService
from pecdesk.ui.sent.tab import SentTab
from pecdesk.ui.widgets.service_signals import ServiceSignals
from tests.helpers.engine import campaign, ledger_recipients
from tests.helpers.guards import Crashes, answer, crashes, hold, wait_question  # noqa: F401
from tests.helpers.gui import OFFSCREEN_SHOW_NOISE, drive
from tests.helpers.sent import EXPECTED, SentRig, rig, shown_states  # noqa: F401 - the fixture

pytestmark = OFFSCREEN_SHOW_NOISE
LATER = [f"later{n}@pec.it" for n in range(4)]


class Activity:
    """Counts what the shown tab did meanwhile: updates from events and tracked receipts."""

    def __init__(self, tab: SentTab) -> None:
        self._tab = tab
        self.updates = 0
        self.tracked = 0
        tab.updated.connect(self._updated)
        tab.tracked.connect(self._tracked)

    def _updated(self, _rows: int) -> None:
        self.updates += 1

    def _tracked(self, _report: object) -> None:
        self.tracked += 1

    def busy(self) -> bool:
        """Events updated the rows (a new campaign's among them) and receipts were tracked."""
        return self.updates >= 1 and self.tracked >= 1 and self._tab.campaigns.rowCount() >= 2


def shown_tab(rig: SentRig, service: SentService) -> SentTab:  # noqa: F811
    """A started Sent tab on ``service``, shown, following the mailbox's events."""
    tab = SentTab(sent=service, tasks=rig.tasks)
    rig.qtbot.addWidget(tab)
    tab.listen(ServiceSignals(rig.mailbox.events, tab))
    tab.show()
    rig.qtbot.waitExposed(tab)
    tab.start()
    return tab


def send_later_campaign(rig: SentRig) -> asyncio.Task[None]:  # noqa: F811
    """Queue and send a second campaign in the background (its receipts arrive meanwhile)."""

    async def go() -> None:
        await rig.store.add_campaign(campaign(LATER, subject="Promemoria"))
        if not rig.mailbox.queue.running:
            await rig.mailbox.queue.run()

    return rig.loop.create_task(go())


def test_retry_question_open_ten_seconds_then_yes(
    rig: SentRig, qtbot: QtBot, crashes: Crashes  # noqa: F811
) -> None:
    """Retry's question open 10 s with timers and receipts: no crash; Yes re-sends the two, once."""
    rig.send(list(EXPECTED))
    service = rig.mailbox.sent_service()
    tab = shown_tab(rig, service)
    qtbot.waitUntil(lambda: shown_states(tab) == EXPECTED, timeout=15000)
    bar = tab.action_bar
    assert bar is not None
    bar.retry_button.click()
    box = wait_question(qtbot)
    assert "2 recipient(s)" in box.text()
    assert not bar.retry_button.isEnabled()  # one question at a time
    activity = Activity(tab)
    later = send_later_campaign(rig)
    hold(qtbot, until=lambda: activity.busy() and later.done())
    assert crashes.none(), crashes.describe()
    assert len(rig.box.ledger()) == 4 + len(LATER)
    with qtbot.waitSignal(bar.finished, timeout=10000):
        answer(qtbot, box, yes=True)
    qtbot.waitUntil(lambda: len(rig.box.ledger()) == 4 + len(LATER) + 2, timeout=15000)
    qtbot.wait(300)  # a duplicate would leave within the next throttle slots
    sent = ledger_recipients(rig.box)
    assert sent == Counter({**dict.fromkeys(EXPECTED, 1), **dict.fromkeys(LATER, 1),
                            "full.b@pec.it": 2, "slow.c@pec.it": 2})
    assert crashes.none(), crashes.describe()


def test_send_again_question_open_ten_seconds_then_yes(
    rig: SentRig, qtbot: QtBot, crashes: Crashes  # noqa: F811
) -> None:
    """"Send again what was not sent…" open 10 s meanwhile: no crash; Yes sends it exactly once."""

    async def not_sent() -> None:
        await rig.store.add_campaign(campaign(["mario@pec.it"]))
        (job,) = await rig.store.jobs()
        assert await rig.store.claim(job.id) is not None  # a crash before the request left
        await rig.store.recover_interrupted()
        # What reconciliation concludes when no ACCETTAZIONE ever comes.
        assert await rig.store.mark_not_sent([job.id], "no receipt") == [job.id]

    drive(qtbot, rig.loop, not_sent())
    service = rig.mailbox.sent_service()
    tab = shown_tab(rig, service)
    assert tab.action_bar is not None
    qtbot.waitUntil(lambda: tab.campaigns.rowCount() == 1, timeout=5000)
    tab.campaign_view.selectRow(0)
    tab.action_bar.resend_button.click()
    box = wait_question(qtbot)
    assert box.text().startswith("1 PEC(s) of this campaign got no answer")
    activity = Activity(tab)
    later = send_later_campaign(rig)
    hold(qtbot, until=lambda: activity.busy() and later.done())
    assert crashes.none(), crashes.describe()
    assert "mario@pec.it" not in ledger_recipients(rig.box)
    with qtbot.waitSignal(tab.action_bar.finished, timeout=10000):
        answer(qtbot, box, yes=True)
    assert tab.action_bar.status_label.text() == "1 PEC(s) queued again."
    qtbot.waitUntil(lambda: "mario@pec.it" in ledger_recipients(rig.box), timeout=10000)
    qtbot.wait(300)
    assert ledger_recipients(rig.box) == Counter({"mario@pec.it": 1, **dict.fromkeys(LATER, 1)})
    assert crashes.none(), crashes.describe()


def test_archive_question_open_ten_seconds_then_no(
    rig: SentRig, qtbot: QtBot, crashes: Crashes  # noqa: F811
) -> None:
    """Archive's question open 10 s meanwhile: no crash; No archives and deletes nothing."""
    rig.send(["ok@pec.it"])
    tab = shown_tab(rig, rig.mailbox.sent_service())
    qtbot.waitUntil(lambda: shown_states(tab) == {"ok@pec.it": EXPECTED["ok@pec.it"]},
                    timeout=15000)
    bar = tab.action_bar
    assert bar is not None
    bar.archive_button.click()
    box = wait_question(qtbot)
    activity = Activity(tab)
    later = send_later_campaign(rig)
    hold(qtbot, until=lambda: activity.busy() and later.done())
    with qtbot.waitSignal(bar.finished, timeout=10000):
        answer(qtbot, box, yes=False)
    assert bar.status_label.text() == "Nothing was done."
    (code,) = [e["message_id"] for e in rig.box.ledger() if e["recipients"] == ["ok@pec.it"]]
    assert drive(qtbot, rig.loop, rig.client.sending_receipts(code))  # still on the server
    assert crashes.none(), crashes.describe()
