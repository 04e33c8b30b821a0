"""Reconciliation reads the mailbox back to the job's time, however many pages that takes.

The sandbox gives a real mailbox of hundreds of pages; the listing shapes it cannot produce
(a last page repeated past the end, page numbers ignored, oldest first) use a scripted
transport.
"""

from __future__ import annotations

import asyncio
import time
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest

from pecdesk.api import PecMassivaClient
from pecdesk.domain.jobs import JobState
from pecdesk.services.mailbox.paging import InboxPager
from pecdesk.services.receipts.reconcile import Reconciler, ReconcileReport
from pecdesk.storage import QueueStore
from tests.helpers.api import call, reply
from tests.helpers.engine import campaign, engine, ledger_recipients
from tests.helpers.reconcile import RESET_ALWAYS, interrupted_job, later, wait_acceptances
from tests.helpers.sandbox import MAILBOX, SandboxFactory

BIG_CAMPAIGN = 10_100
"""Receipts that arrive after the early job's: 405 pages of 25, past the 400 once read."""


@pytest.mark.anyio
async def test_an_early_job_of_a_big_campaign_is_found_past_400_pages(
    sandbox_factory: SandboxFactory, tmp_path: Path
) -> None:
    """An early job of a big campaign is found sent 405 pages down the mailbox.

    Its answer was lost; 10,100 receipts of the same subject arrived after its own. Its
    receipt is found: it is sent, not "not sent", and nothing is left to send again.
    """
    box = sandbox_factory(**RESET_ALWAYS)
    async with engine(box, tmp_path) as e:
        await e.store.add_campaign(campaign(["mario@pec.it"], subject="Avviso di rinnovo"))
        await e.client.quota()
        await e.queue.run()
        await wait_acceptances(e.client, 1)
        box.add_acceptances(MAILBOX, BIG_CAMPAIGN, subject="Avviso di rinnovo")
        report = await later(e.mailbox, 3600).reconcile(grace=0)
        assert report.submitted == ((1, box.ledger()[0]["message_id"]),)
        (job,) = await e.store.jobs()
        assert job.state is JobState.SUBMITTED
        assert await e.store.requeue_not_sent_from(e.mailbox.sender) == []
    assert ledger_recipients(box) == {"mario@pec.it": 1}


@pytest.mark.anyio
async def test_reading_back_stops_at_the_moment_asked(
    sandbox_factory: SandboxFactory, tmp_path: Path
) -> None:
    """Reading back stops at the page older than the moment asked, and counts as complete.

    A mailbox with 300 older messages (days of them) behind a fresh receipt: reading back to
    an hour ago stops after the first pages; reading back to no moment reads every page.
    """
    box = sandbox_factory()
    async with engine(box, tmp_path) as e:
        await e.store.add_campaign(campaign(["mario@pec.it"]))
        await e.queue.run()
        for _ in range(400):  # the ACCETTAZIONE and the CONSEGNA (server-side timing)
            if (await e.client.inbox_page(1)).total == 2:
                break
            await asyncio.sleep(0.01)
        box.seed_inbox(MAILBOX, 300)  # dated from a minute before now back, days of them
        pager = InboxPager(e.client)
        fresh = (await pager.page(1)).items[1]
        assert fresh.subject.startswith("ACCETTAZIONE: Avviso ")
        assert fresh.date is not None
        recent = await pager.read_back(None, fresh.date.timestamp() - 3600)
        assert recent.complete and recent.pages < 5
        assert fresh in recent.items
        everything = await pager.read_back(None, None)
        assert everything.complete and everything.pages == 13
        assert len(everything.items) == 300 + 2  # the seeded, the receipt and its CONSEGNA


def rows_dated(first_id: int, count: int, first_day: int, step: int) -> list[dict[str, object]]:
    """``count`` inbox rows, ids from ``first_id`` down, one day apart from ``first_day``.

    Days of March 2024; ``step`` -1 runs newest first, +1 oldest first.
    """
    return [
        {"id": first_id - n, "sender": "a@pec.it", "recipient": MAILBOX, "object": f"m{n}",
         "date": f"Tue, {first_day + step * n:02d} Mar 2024 10:00:00 +0100"}
        for n in range(count)
    ]


def answer(rows: list[dict[str, object]], page: int, total: int) -> httpx.Response:
    """A GET /inbox answer (1-based pages)."""
    return reply(200, {"success": True, "message": "", "data": rows, "total": total,
                       "page": page, "n_of_pages": 2})


def test_a_service_repeating_its_last_page_past_the_end_was_read_completely() -> None:
    """A service repeating its last page past the end: once ``total`` rows were seen, complete.

    That is the end of the listing, not a stuck read.
    """

    def handler(request: httpx.Request) -> httpx.Response:
        number = min(max(int(request.url.params["page"]), 1), 2)
        return answer(rows_dated(50 - 25 * (number - 1), 25, 28, -1), number, 50)

    found = call(handler, lambda client: InboxPager(client).read_back(None, None))
    assert found.complete and len(found.items) == 50


def test_a_service_ignoring_the_page_number_is_an_incomplete_read() -> None:
    """A service answering its first page whatever the number asked: an incomplete read.

    The read stops and says it could not reach the end (nothing may be concluded from a
    missing receipt).
    """

    def handler(request: httpx.Request) -> httpx.Response:
        return answer(rows_dated(500, 25, 28, -1), 1, 500)

    found = call(handler, lambda client: InboxPager(client).read_back(None, None))
    assert not found.complete and len(found.items) == 25


def test_an_oldest_first_listing_is_read_to_its_end() -> None:
    """An oldest-first listing (against the convention) is read to its end.

    A first page older than the moment asked does not end the read.
    """
    asked: list[int] = []

    def handler(request: httpx.Request) -> httpx.Response:
        number = max(int(request.url.params["page"]), 1)
        asked.append(number)
        if number > 2:
            return answer([], number, 40)
        count = 25 if number == 1 else 15
        return answer(rows_dated(25 * number, count, 1 + 25 * (number - 1), +1), number, 40)

    moment = datetime(2024, 4, 1, tzinfo=UTC).timestamp()  # after every row of page 1
    found = call(handler, lambda client: InboxPager(client).read_back(None, moment))
    assert found.complete and len(found.items) == 40 and max(asked) == 2


def test_no_not_sent_from_a_mailbox_that_cannot_be_read_to_the_end(tmp_path: Path) -> None:
    """A mailbox that cannot be read back to a job's time decides no "not sent".

    An interrupted job past its grace stays unknown: the service keeps answering the same page.
    """

    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path.startswith("/inbox/"):
            return reply(200, {"success": True, "message": "", "data": {
                "sender": "a@pec.it", "recipient": MAILBOX, "object": "m", "body": "",
                "date": "Tue, 05 Mar 2024 10:00:00 +0100"}})
        return answer(rows_dated(500, 25, 28, -1), 1, 500)

    async def action(client: PecMassivaClient) -> tuple[ReconcileReport, JobState]:
        store = await asyncio.to_thread(QueueStore.open, tmp_path)
        try:
            await store.add_campaign(campaign(["mario@pec.it"]))
            (job,) = await store.jobs()
            await interrupted_job(store, job.id, clock_offset=None)
            reconciler = Reconciler(
                store=store, client=client, sender=MAILBOX, service="https://test.ws.pecmassiva.com",
                clock=lambda: time.time() + 86400,
            )
            report = await reconciler.reconcile(grace=0)
            (after,) = await store.jobs()
            return report, after.state
        finally:
            await asyncio.to_thread(store.close)

    report, state = call(handler, action)
    assert not report.not_sent and state is JobState.UNKNOWN
