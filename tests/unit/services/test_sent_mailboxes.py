"""Two accounts, one store: each mailbox's Sent shows, tracks and acts on its own sendings only."""

from __future__ import annotations

from pathlib import Path

import pytest

from pecdesk.app.wiring import open_mailbox
from pecdesk.services.receipts.sent import OtherMailboxError
from pecdesk.storage.ledger import LedgerStore
from tests.helpers.engine import campaign, engine, sandbox_account
from tests.helpers.sandbox import MAILBOX, OTHER_MAILBOX, OTHER_PASSWORD, SandboxFactory

pytestmark = pytest.mark.anyio


async def test_each_mailbox_sees_and_tracks_its_own_sendings(
    sandbox_factory: SandboxFactory, tmp_path: Path
) -> None:
    """Campaigns of another account are neither listed, polled, re-sent nor archived here."""
    box = sandbox_factory()
    other = sandbox_account(box, mailbox=OTHER_MAILBOX, password=OTHER_PASSWORD)
    async with engine(box, tmp_path) as mine:
        own = await mine.queue.enqueue(campaign(["rossi@pec.it"], subject="Mio"))
        await mine.queue.run()
        async with open_mailbox(other, mine.store) as theirs_box:
            theirs = await theirs_box.queue.enqueue(
                campaign(["verdi@pec.it"], subject="Loro", sender=OTHER_MAILBOX))
            await theirs_box.queue.run()
            assert [c.id for c in await theirs_box.sent_service().overview()] == [theirs]
        sent = mine.mailbox.sent_service(tmp_path / "archive")
        assert [c.id for c in await sent.overview()] == [own]
        report = await sent.refresh()
        ledger = LedgerStore(mine.store.database)
        own_codes = {s.code for s in await ledger.sendings(campaign_id=own)}
        assert set(report.polled) == own_codes
        with pytest.raises(OtherMailboxError):
            await sent.retry_temporary(theirs)
        with pytest.raises(OtherMailboxError):
            await sent.archive_and_purge(theirs)
    assert sorted(entry["sender"] for entry in box.ledger()) == sorted([MAILBOX, OTHER_MAILBOX])
