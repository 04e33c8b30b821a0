"""Fixtures for the Sent tab's tests: a store, a client and a SentService on the sandbox."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from pecdesk.api import PecMassivaClient
from pecdesk.app.wiring import Mailbox, open_mailbox
from pecdesk.domain.delivery import DeliveryState
from pecdesk.sandbox import EmbeddedSandbox
from pecdesk.services.receipts.sent import SentService
from pecdesk.services.receipts.tracking import Backoff
from pecdesk.services.sending.queue import SendQueue
from pecdesk.storage import QueueStore
from pecdesk.ui.sent.tab import SentTab
from pecdesk.ui.widgets.service_signals import ServiceSignals
from pecdesk.ui.widgets.tasks import TaskRunner
from tests.helpers.engine import FAST_RETRY, campaign, sandbox_account
from tests.helpers.gui import drive
from tests.helpers.sandbox import SandboxFactory

FAST = Backoff(first=0.02, factor=1.5, longest=0.1)


@dataclass
class SentRig:
    """Everything a Sent tab test drives.

    Attributes:
        box: the sandbox.
        mailbox: the test mailbox, wired by :func:`pecdesk.app.wiring.open_mailbox`.
        store: the queue store.
        client: the API client.
        service: the Sent tab's service.
        tasks: the task runner of the tab.
        loop: the qasync loop.
        qtbot: pytest-qt's bot.
        signals: the mailbox's events as Qt signals, once :meth:`tab` built a listening tab.
    """

    box: EmbeddedSandbox
    mailbox: Mailbox
    store: QueueStore
    client: PecMassivaClient
    service: SentService
    tasks: TaskRunner
    loop: asyncio.AbstractEventLoop
    qtbot: QtBot
    signals: ServiceSignals | None = None

    def send(self, addresses: Sequence[str], *, subject: str = "Avviso") -> int:
        """Enqueue and send a campaign (one PEC each); its id."""

        async def go() -> int:
            cid = await self.store.add_campaign(campaign(addresses, subject=subject))
            await self.mailbox.queue.run()
            return cid

        return drive(self.qtbot, self.loop, go(), timeout=20000)

    def queue(self) -> SendQueue:
        """The mailbox's send queue."""
        return self.mailbox.queue

    def tab(self, *, listen: bool = True) -> SentTab:
        """A started Sent tab on the rig, following the mailbox's events (as the window does)."""
        tab = SentTab(sent=self.service, tasks=self.tasks)
        self.qtbot.addWidget(tab)
        if listen:
            self.signals = ServiceSignals(self.mailbox.events, tab)
            tab.listen(self.signals)
        tab.start()
        return tab


def _rig(
    box: EmbeddedSandbox, tmp_path: Path, qtbot: QtBot, qloop: asyncio.AbstractEventLoop
) -> Iterator[SentRig]:
    store = QueueStore.open(tmp_path / "data")
    mailbox = open_mailbox(
        sandbox_account(box), store, policy=FAST_RETRY, backoff=FAST, timeout=5.0
    )
    # No queue: the tab's retries are stored, not sent, so each test decides what leaves.
    service = SentService.create(
        ledger=mailbox.ledger, store=store, client=mailbox.client,
        archive_dir=tmp_path / "archive", tracker=mailbox.tracker,
        reconciler=mailbox.reconciler, sender=mailbox.sender, service=mailbox.service,
    )
    tasks = TaskRunner(qloop)
    yield SentRig(box, mailbox, store, mailbox.client, service, tasks, qloop, qtbot)

    async def close() -> None:
        await tasks.shutdown()
        await mailbox.aclose()

    drive(qtbot, qloop, close())
    store.close()


@pytest.fixture
def rig(
    sandbox_factory: SandboxFactory, tmp_path: Path, qtbot: QtBot,
    qloop: asyncio.AbstractEventLoop,
) -> Iterator[SentRig]:
    """A sandbox with fast receipts, a store in tmp_path and the Sent tab's service."""
    yield from _rig(sandbox_factory(pec_timeout=0.5), tmp_path, qtbot, qloop)


SLOW_DELIVERY = 2.0
"""Seconds the slow rig's sandbox waits before a delivery receipt."""


@pytest.fixture
def slow_rig(
    sandbox_factory: SandboxFactory, tmp_path: Path, qtbot: QtBot,
    qloop: asyncio.AbstractEventLoop,
) -> Iterator[SentRig]:
    """As :func:`rig`, with delivery receipts :data:`SLOW_DELIVERY` seconds after a send.

    Time enough to select a row before the receipts of a campaign arrive.
    """
    box = sandbox_factory(pec_timeout=5.0, receipt_delay=SLOW_DELIVERY)
    yield from _rig(box, tmp_path, qtbot, qloop)


EXPECTED = {
    "ok@pec.it": DeliveryState.DELIVERED,
    "fail.a@pec.it": DeliveryState.FAILED,
    "full.b@pec.it": DeliveryState.FAILED,
    "slow.c@pec.it": DeliveryState.FAILED_TIMEOUT,
}


def shown_states(tab: SentTab) -> dict[str, DeliveryState]:
    """Address → state of the recipient rows loaded in the tab."""
    model = tab.recipients
    assert model is not None
    rows = [model.row(i) for i in range(model.rowCount())]
    return {r.address: r.state for r in rows if r is not None}
