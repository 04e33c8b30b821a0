"""Helpers for ledger tests: send a campaign through the real queue and track it to the end."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path

from pecdesk.domain.delivery import DeliveryState
from pecdesk.sandbox import EmbeddedSandbox
from pecdesk.services.receipts.tracking import Backoff, Tracker
from pecdesk.storage import AttachmentData
from pecdesk.storage.ledger import LedgerStore
from tests.helpers.engine import Engine, campaign, engine

FAST = Backoff(first=0.02, factor=1.5, longest=0.1)


@dataclass
class Ledgered:
    """An engine plus the ledger and a tracker over the same store.

    Attributes:
        engine: store, client, queue.
        ledger: the ledger store.
        tracker: the tracker.
    """

    engine: Engine
    ledger: LedgerStore
    tracker: Tracker

    async def send(
        self,
        addresses: Sequence[str],
        *,
        subject: str = "Avviso",
        one_for_all: bool = False,
        attachments: Sequence[AttachmentData] = (),
    ) -> int:
        """Enqueue a campaign to ``addresses``, run the queue; the campaign id."""
        new = campaign(addresses, subject=subject, one_for_all=one_for_all)
        if attachments:
            new = type(new)(new.sender, new.subject, new.body, new.one_for_all,
                            tuple(attachments), new.jobs)
        campaign_id = await self.engine.store.add_campaign(new)
        await self.engine.queue.run()
        return campaign_id

    async def track_until_final(self, timeout: float = 15.0) -> None:
        """Poll (as the app does) until every recipient is final."""
        await asyncio.wait_for(self.tracker.run(stop_when_final=True), timeout)

    async def states(self, campaign_id: int) -> dict[str, DeliveryState]:
        """Address → delivery state."""
        return {r.address: r.state for r in await self.ledger.rows(campaign_id)}


@asynccontextmanager
async def ledgered(box: EmbeddedSandbox, data_dir: Path) -> AsyncIterator[Ledgered]:
    """An engine on ``box`` with a ledger and a fast tracker."""
    async with engine(box, data_dir, backoff=FAST) as e:
        yield Ledgered(e, e.mailbox.ledger, e.mailbox.tracker)
