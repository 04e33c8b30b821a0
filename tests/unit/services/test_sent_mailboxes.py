"""Two accounts, one store: each mailbox's Sent shows, tracks and acts on its own sendings only."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from pecdesk.api import PecMassivaClient
from pecdesk.services.send_queue import SendQueue
from pecdesk.services.sent import OtherMailboxError, SentService
from pecdesk.services.throttle import Throttle
from pecdesk.storage.ledger import LedgerStore
from tests.conftest import MAILBOX, OTHER_MAILBOX, OTHER_PASSWORD, TOKEN, SandboxFactory
from tests.unit.services.engine_helpers import campaign, engine


def test_each_mailbox_sees_and_tracks_its_own_sendings(
    sandbox_factory: SandboxFactory, tmp_path: Path
) -> None:
    """Campaigns of another account are neither listed, polled, re-sent nor archived here."""
    box = sandbox_factory()

    async def go() -> None:
        async with engine(box, tmp_path) as mine:
            own = await mine.queue.enqueue(campaign(["rossi@pec.it"], subject="Mio"))
            await mine.queue.run()
            async with PecMassivaClient(box.base_url, TOKEN, OTHER_MAILBOX, OTHER_PASSWORD) as c:
                theirs_queue = SendQueue(store=mine.store, client=c, throttle=Throttle(500.0),
                                         lock=mine.store.runner_lock(), sender=OTHER_MAILBOX)
                theirs = await theirs_queue.enqueue(
                    campaign(["verdi@pec.it"], subject="Loro", sender=OTHER_MAILBOX))
                await theirs_queue.run()
            sent = SentService.create(store=mine.store, client=mine.client,
                                      archive_dir=tmp_path / "archive", sender=MAILBOX)
            assert [c.id for c in await sent.overview()] == [own]
            report = await sent.refresh()
            ledger = LedgerStore(mine.store.database)
            own_codes = {s.code for s in await ledger.sendings(campaign_id=own)}
            assert set(report.polled) == own_codes
            with pytest.raises(OtherMailboxError):
                await sent.retry_temporary(theirs)
            with pytest.raises(OtherMailboxError):
                await sent.archive_and_purge(theirs)
            everyone = SentService.create(store=mine.store, client=mine.client,
                                          archive_dir=tmp_path / "archive")
            assert {c.id for c in await everyone.overview()} == {own, theirs}

    asyncio.run(go())
    assert sorted(entry["sender"] for entry in box.ledger()) == sorted([MAILBOX, OTHER_MAILBOX])
