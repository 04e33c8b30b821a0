"""SentService's search and look-ups keep to the mailbox: another account's sendings never show."""

from __future__ import annotations

from pathlib import Path

import pytest

from pecdesk.app.wiring import open_mailbox
from pecdesk.services.receipts.sent import SentSearch
from pecdesk.storage.ledger import LedgerStore
from tests.helpers.engine import campaign, engine, sandbox_account
from tests.helpers.sandbox import OTHER_MAILBOX, OTHER_PASSWORD, SandboxFactory

pytestmark = pytest.mark.anyio


async def test_search_and_lookups_keep_to_the_mailbox(
    sandbox_factory: SandboxFactory, tmp_path: Path
) -> None:
    """Search, a code, a campaign's counts and a job's rows: this mailbox's only."""
    box = sandbox_factory()
    other = sandbox_account(box, mailbox=OTHER_MAILBOX, password=OTHER_PASSWORD)
    async with engine(box, tmp_path) as mine:
        own = await mine.queue.enqueue(campaign(["rossi@pec.it"], subject="Avviso mio"))
        await mine.queue.run()
        async with open_mailbox(other, mine.store) as theirs_box:
            theirs = await theirs_box.queue.enqueue(
                campaign(["rossi@pec.it"], subject="Avviso loro", sender=OTHER_MAILBOX))
            await theirs_box.queue.run()
        sent = mine.mailbox.sent_service(tmp_path / "archive")
        ledger = LedgerStore(mine.store.database)
        (own_sending,) = await ledger.sendings(campaign_id=own)
        (their_sending,) = await ledger.sendings(campaign_id=theirs)
        found = await sent.search(SentSearch(text="avviso"))
        assert [(r.campaign_id, r.address) for r in found] == [(own, "rossi@pec.it")]
        assert await sent.search_count(SentSearch(text="rossi")) == 1
        assert await sent.search_count(SentSearch(text="loro")) == 0
        assert await sent.find_sending(own_sending.code) == (own, own_sending.job_id)
        assert await sent.find_sending(their_sending.code) is None
        assert [c.id for c in await sent.campaigns([own, theirs])] == [own]
        rows = await sent.rows_of_jobs([own_sending.job_id, their_sending.job_id])
        assert [r.job_id for r in rows] == [own_sending.job_id]
