"""InboxPager: the newest page first on 1-based and 0-based services (api.md 7.6).

The sandbox's ``paging`` switch gives real services of each kind over HTTP; the two shapes it
cannot produce (a page 0 that errors, a 1-based service echoing page 0) use a scripted transport.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import httpx
import pytest

from pecdesk.api import PecMassivaClient
from pecdesk.domain.jobs import JobState
from pecdesk.services.mailbox.paging import InboxPager
from tests.helpers.api import call, reply
from tests.helpers.engine import campaign, engine
from tests.helpers.reconcile import RESET_ALWAYS
from tests.helpers.sandbox import MAILBOX, PASSWORD, TOKEN, SandboxFactory


@pytest.mark.parametrize(("paging", "base"), [("ceil", 1), ("floor", 1), ("zero", 0)])
@pytest.mark.anyio
async def test_pages_from_the_newest_whatever_the_base(
    sandbox_factory: SandboxFactory, paging: str, base: int
) -> None:
    """Pages 1, 2, 3 are the service's first three pages: all 60 messages, newest first."""
    box = sandbox_factory(paging=paging)
    box.seed_inbox(MAILBOX, 60)
    async with PecMassivaClient(box.base_url, TOKEN, MAILBOX, PASSWORD) as client:
        pager = InboxPager(client)
        pages = [[i.id for i in (await pager.page(n)).items] for n in (1, 2, 3)]
        newest = [i.id for i in (await client.inbox_page(page=base)).items]
        learnt = pager.base
    assert learnt == base
    assert pages[0] == newest
    assert [len(p) for p in pages] == [25, 25, 10]
    assert len({i for p in pages for i in p}) == 60


@pytest.mark.anyio
async def test_reconcile_finds_the_acceptance_on_a_zero_based_service(
    sandbox_factory: SandboxFactory, tmp_path: Path
) -> None:
    """An unanswered send is matched to its ACCETTAZIONE, which sits on the newest page."""
    box = sandbox_factory(paging="zero", **RESET_ALWAYS)
    box.seed_inbox(MAILBOX, 30)  # older mail: with page 1 asked first, the receipt is skipped
    async with engine(box, tmp_path) as e:
        await e.store.add_campaign(campaign(["cliente@pec.it"], subject="Sollecito"))
        assert (await e.queue.run()).counts == {JobState.UNKNOWN: 1}
        newest = InboxPager(e.client)
        for _ in range(400):  # the receipt arrives after the sandbox's receipt delay
            subjects = [i.subject for i in (await newest.page(1)).items]
            if any(s.startswith("ACCETTAZIONE: Sollecito") for s in subjects):
                break
            await asyncio.sleep(0.01)
        report = await e.reconciler().reconcile(grace=0)
        assert not report.not_sent
        states = [job.state for job in await e.store.jobs()]
    assert states == [JobState.SUBMITTED]


def inbox_rows(first_id: int, count: int) -> list[dict[str, object]]:
    """``count`` inbox rows with ids from ``first_id`` down."""
    return [
        {"id": first_id - n, "sender": "a@pec.it", "recipient": MAILBOX, "object": f"m{n}",
         "date": "Tue, 05 Mar 2024 10:00:00 +0100"}
        for n in range(count)
    ]


def listing(rows: list[dict[str, object]], page: int, total: int) -> dict[str, object]:
    """A GET /inbox answer."""
    return {"success": True, "message": "", "data": rows, "total": total, "page": page,
            "n_of_pages": 2}


def test_a_page_zero_error_means_pages_count_from_one() -> None:
    """A service that refuses page 0 is asked page 1 next, and counted from 1 afterwards."""
    asked: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        number = request.url.params["page"]
        asked.append(number)
        if number == "0":
            return reply(400, {"success": False, "message": "Post parameter is not valid"})
        return reply(200, listing(inbox_rows(100 - 25 * (int(number) - 1), 25), int(number), 50))

    async def action(client: PecMassivaClient) -> tuple[int, int, int | None]:
        pager = InboxPager(client)
        first, second = await pager.page(1), await pager.page(2)
        return first.items[0].id, second.items[0].id, pager.base

    assert call(handler, action) == (100, 75, 1)
    assert asked == ["0", "1", "2"]


def test_a_one_based_service_echoing_page_zero_is_caught_on_page_two() -> None:
    """Page 0 answered as page 1 with ``page: 0``: "page 1" repeats it, so counting moves to 1."""
    asked: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        number = int(request.url.params["page"])
        asked.append(str(number))
        first_id = 100 - 25 * (max(number, 1) - 1)
        return reply(200, listing(inbox_rows(first_id, 25), number, 50))

    async def action(client: PecMassivaClient) -> tuple[list[int], list[int], int | None]:
        pager = InboxPager(client)
        first, second = await pager.page(1), await pager.page(2)
        return [first.items[0].id], [second.items[0].id], pager.base

    assert call(handler, action) == ([100], [75], 1)
    assert asked == ["0", "1", "2"]


def test_an_empty_mailbox_decides_nothing() -> None:
    """With no mail the base stays unknown and the next listing asks page 0 again."""
    asked: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        asked.append(request.url.params["page"])
        return reply(200, listing([], 1, 0))

    async def action(client: PecMassivaClient) -> int | None:
        pager = InboxPager(client)
        assert (await pager.page(1)).items == ()
        assert (await pager.page(1)).items == ()
        return pager.base

    assert call(handler, action) is None
    assert asked == ["0", "0"]
