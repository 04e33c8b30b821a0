"""Fixtures for the Sent tab's tests: a store, a client and a SentService on the sandbox."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from pecdesk.api import PecMassivaClient
from pecdesk.sandbox import EmbeddedSandbox
from pecdesk.services.send_queue import SendQueue
from pecdesk.services.sent import SentService
from pecdesk.services.throttle import Throttle
from pecdesk.services.tracking import Backoff
from pecdesk.storage import QueueStore
from pecdesk.ui.sent_tab import SentTab
from pecdesk.ui.tasks import TaskRunner
from tests.conftest import MAILBOX, PASSWORD, TOKEN, SandboxFactory
from tests.gui.conftest import drive
from tests.unit.services.engine_helpers import FAST_RETRY, campaign

FAST = Backoff(first=0.02, factor=1.5, longest=0.1)


@dataclass
class SentRig:
    """Everything a Sent tab test drives.

    Attributes:
        box: the sandbox.
        store: the queue store.
        client: the API client.
        service: the Sent tab's service.
        tasks: the task runner of the tab.
        loop: the qasync loop.
        qtbot: pytest-qt's bot.
    """

    box: EmbeddedSandbox
    store: QueueStore
    client: PecMassivaClient
    service: SentService
    tasks: TaskRunner
    loop: asyncio.AbstractEventLoop
    qtbot: QtBot

    def send(self, addresses: Sequence[str], *, subject: str = "Avviso") -> int:
        """Enqueue and send a campaign (one PEC each); its id."""

        async def go() -> int:
            cid = await self.store.add_campaign(campaign(addresses, subject=subject))
            await self.queue().run()
            return cid

        return drive(self.qtbot, self.loop, go(), timeout=20000)

    def queue(self) -> SendQueue:
        """A send queue over the rig's store and client."""
        return SendQueue(store=self.store, client=self.client, throttle=Throttle(500.0),
                         lock=self.store.runner_lock(), policy=FAST_RETRY)

    def tab(self) -> SentTab:
        """A started Sent tab on the rig."""
        tab = SentTab(sent=self.service, tasks=self.tasks)
        self.qtbot.addWidget(tab)
        tab.start()
        return tab


@pytest.fixture
def rig(
    sandbox_factory: SandboxFactory, tmp_path: Path, qtbot: QtBot,
    qloop: asyncio.AbstractEventLoop,
) -> Iterator[SentRig]:
    """A sandbox with fast receipts, a store in tmp_path and the Sent tab's service."""
    box = sandbox_factory(pec_timeout=0.5)
    store = QueueStore.open(tmp_path / "data")
    client = PecMassivaClient(box.base_url, TOKEN, MAILBOX, PASSWORD, timeout=5.0)
    service = SentService.create(
        store=store, client=client, archive_dir=tmp_path / "archive", backoff=FAST
    )
    tasks = TaskRunner(qloop)
    yield SentRig(box, store, client, service, tasks, qloop, qtbot)

    async def close() -> None:
        await tasks.shutdown()
        await client.aclose()

    drive(qtbot, qloop, close())
    store.close()
